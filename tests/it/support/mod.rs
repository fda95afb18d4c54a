//! What the integration tests share: (in [`terminal`]) the real binary in a
//! pseudo-terminal.

pub mod terminal;
