//! `opsgate alerts` against the real binary.
