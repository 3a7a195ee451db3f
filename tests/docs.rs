//! `opsgate docs` against the real binary.
