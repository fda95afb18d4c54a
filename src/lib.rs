//! calibra: a calibration committee's tool.
//!
//! - [`engine`]: loading, validation, statistics, rater transforms, quotas,
//!   the decision log and the export; pure and terminal-free.
//! - [`cli`]: the headless command line over the engine.
//! - [`tui`]: the live calibration screen over the same engine.
//! - [`workspace`]: opening a session (one way, for every face), where
//!   sessions live, saving and resuming them.
//! - [`demo`]: the built-in demo data set.
//! - [`synth`]: a seeded generator of input folders of any size.
//! - [`text`]: measuring and cutting text by display width.

pub mod cli;
pub mod demo;
pub mod engine;
pub mod synth;
pub mod text;
pub mod tui;
pub mod workspace;
