//! `opsgate ask` against the real binary.
