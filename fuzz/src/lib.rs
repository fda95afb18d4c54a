//! Shared parts of calibra's fuzz targets: the fixture folder compiled in,
//! the invariants every session must satisfy, and the structured input of
//! the arithmetic target.

pub mod invariants;
pub mod spec;

use calibra::engine::load::{self, InputFiles};
use calibra::engine::source::SourceFile;

/// fixtures/small, compiled in: (name, text), policy and org first.
pub const SMALL: [(&str, &str); 5] = [
    (
        "policy.json",
        include_str!("../../fixtures/small/policy.json"),
    ),
    ("org.json", include_str!("../../fixtures/small/org.json")),
    (
        "submissions/r1.json",
        include_str!("../../fixtures/small/submissions/r1.json"),
    ),
    (
        "submissions/r2.json",
        include_str!("../../fixtures/small/submissions/r2.json"),
    ),
    (
        "submissions/r3.json",
        include_str!("../../fixtures/small/submissions/r3.json"),
    ),
];

/// The input files of fixtures/small.
pub fn small_files() -> InputFiles {
    InputFiles {
        policy: Some(SourceFile::new(SMALL[0].0, SMALL[0].1)),
        org: Some(SourceFile::new(SMALL[1].0, SMALL[1].1)),
        submissions: SMALL[2..]
            .iter()
            .map(|(name, text)| SourceFile::new(*name, *text))
            .collect(),
        ..InputFiles::default()
    }
}

/// Loads input files and, if they are valid, checks every invariant of the
/// session without decisions.
pub fn load_and_check(files: &InputFiles) {
    let Ok(loaded) = load::load(files.clone()) else {
        return;
    };
    let session = calibra::engine::session::Session::new(loaded.input);
    invariants::check_session(&session);
    invariants::check_exports(&session);
    let _ = session.warnings();
}
