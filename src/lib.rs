//! calibra: a calibration committee's tool.
//!
//! - [`engine`]: loading, validation, statistics, rater transforms, quotas,
//!   the decision log and the export; pure and terminal-free.
//! - [`cli`]: the headless command line over the engine.
//! - [`demo`]: the built-in demo data set.

pub mod cli;
pub mod demo;
pub mod engine;
pub mod store;
pub mod synth;
pub mod text;
pub mod tui;
