//! Playbook benchmark (being written).

fn main() {}
