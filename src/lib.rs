//! calibra: a calibration committee's tool.
//!
//! - [`engine`]: loading, validation, statistics, rater transforms, quotas,
//!   the decision log and the export; pure and terminal-free.
//! - [`cli`]: the headless command line over the engine.
//! - [`tui`]: the live calibration screen over the same engine.
//! - [`workspace`]: opening a session (one way, for every face), where
//!   sessions live, saving and resuming them.
//! - [`demo`]: the built-in demo data set.
//! - [`text`]: measuring and cutting text by display width.
//! - [`i18n`]: the users' languages and every message in each.
//! - [`statement`]: each employee's own statement, Markdown or HTML.
//!
//! The seeded generator of input folders for benchmarks is not part of the
//! product: it is the `calibra-synth` crate in `crates/synth`.

pub mod cli;
pub mod demo;
pub mod engine;
pub mod i18n;
pub mod statement;
pub mod text;
pub mod tui;
pub mod workspace;
