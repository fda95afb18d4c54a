//! The integration tests, linked as one binary: the binary run on every
//! fixture, the hand-checked worked example, property tests, the live
//! screen's state machine and snapshots, and the real binary in a
//! pseudo-terminal. One module per concern; what they share is in
//! [`support`].

mod support;

mod atomic_writes;
mod bonus;
mod cli;
mod contract_6_1;
mod fairness;
mod fuzz_regressions;
mod hardening;
mod input_changed;
mod invalid_fixtures;
mod journal;
mod kill;
mod languages;
mod malformed;
mod managers;
mod meeting;
mod previous;
mod properties;
mod pty;
mod rater_model;
mod readme;
mod record;
mod small_expected;
mod spreadsheet;
mod statement;
mod template;
mod tiny_terminals;
mod tui;
mod worked_example;
mod xlsx_export;
mod xlsx_submissions;
mod zh_diagnostics;
mod zh_reports;
mod zh_screens;
mod zh_shell;
