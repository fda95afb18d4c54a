//! The decisions file: any bytes as a session file on fixtures/small.
//! Parsing and replaying must never panic; a valid file must replay to a
//! session whose numbers add up, round-trip through its saved form, and
//! undo back to the same numbers as a replay of the shorter list.
#![no_main]

use std::sync::OnceLock;

use calibra::engine::decision::SessionFile;
use calibra::engine::load;
use calibra::engine::model::Input;
use calibra::engine::session::Session;
use calibra::engine::source::SourceFile;
use calibra_fuzz::invariants::{check_exports, check_replay, check_session};
use libfuzzer_sys::fuzz_target;

fn input() -> &'static Input {
    static INPUT: OnceLock<Input> = OnceLock::new();
    INPUT.get_or_init(|| {
        load::load(calibra_fuzz::small_files())
            .expect("fixtures/small is valid")
            .input
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = SourceFile::from_bytes("session.json", data.to_vec()) else {
        return;
    };
    let file = match SessionFile::parse(&source) {
        Ok(file) => file,
        Err(errors) => {
            assert!(!errors.0.is_empty());
            for error in &errors.0 {
                let at = error.location.as_ref().expect("every error is located");
                assert_eq!(at.file, "session.json");
            }
            return;
        }
    };
    assert_eq!(file.decisions.len(), file.locations.len());
    let Ok(mut session) = Session::replay(input().clone(), &file) else {
        return;
    };
    check_session(&session);
    check_exports(&session);
    check_replay(&session);
    if let Some(_last) = session.undo() {
        check_session(&session);
        check_replay(&session);
    }
});
