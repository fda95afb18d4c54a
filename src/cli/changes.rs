//! What changed in the input folder since a session began, for `check`,
//! `stats` and `export --session`: the fingerprint kept beside the session
//! (see [`crate::store::fingerprint_path`]) compared with the folder now.
//! Read-only: the fingerprint is only ever taken anew by the TUI.

use std::io::Write;
use std::path::Path;

use crate::engine::fingerprint::{self, Fingerprint};
use crate::engine::load;
use crate::engine::model::Input;
use crate::store;

/// How many ids each kind of change names.
const FIRST_IDS: usize = 10;

/// `note:` lines saying what changed since the session began; none when
/// nothing changed or no fingerprint is kept beside the session.
pub fn notes(session: &Path, input: &Input) -> Vec<String> {
    let print = match store::load_fingerprint(session) {
        Ok(Some(print)) => print,
        Ok(None) => return Vec::new(),
        Err(why) => {
            return vec![format!(
                "note: the input fingerprint cannot be read, so changes to the input cannot be listed: {why}"
            )];
        }
    };
    let now = Fingerprint::of(input, "", "");
    let changes = fingerprint::compare(&print, &now);
    if changes.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![format!(
        "note: the input changed since the session began ({}, fingerprint {}):",
        changes.since,
        store::fingerprint_path(session).display()
    )];
    lines.extend(
        changes
            .lines(FIRST_IDS)
            .into_iter()
            .map(|line| format!("note:   {line}")),
    );
    lines
}

/// Prints [`notes`] for a session given on the command line. `input` is the
/// loaded folder, or `None` to load it (when replaying the decisions failed).
pub fn print(out: &mut dyn Write, session: Option<&Path>, dir: &Path, input: Option<&Input>) {
    let Some(session) = session else {
        return;
    };
    if !store::fingerprint_path(session).exists() {
        return;
    }
    let loaded;
    let input = match input {
        Some(input) => input,
        None => match load::load(&load::read_folder(dir)) {
            Ok(ok) => {
                loaded = ok.input;
                &loaded
            }
            // The folder itself is invalid: its errors say enough.
            Err(_) => return,
        },
    };
    for line in notes(session, input) {
        let _ = writeln!(out, "{line}");
    }
}
