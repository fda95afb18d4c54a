//! The arithmetic end to end: a random well-formed folder (random policies,
//! quota rows that sum to 1 and rows that do not, extreme decimals, empty
//! groups, a department of one, nobody rated, all scores equal) through
//! load -> Session -> decide/undo -> exports -> rater biases. Nothing may
//! panic, and seats, counts and ranks must add up after every step.
#![no_main]

use calibra::engine::load;
use calibra::engine::quota;
use calibra::engine::session::Session;
use calibra_fuzz::invariants::{check_exports, check_replay, check_session};
use calibra_fuzz::spec::Spec;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|spec: Spec| {
    let files = spec.files();
    if std::env::var_os("CALIBRA_FUZZ_SHOW").is_some() {
        // Prints the case as files, for a regression test.
        for file in files
            .policy
            .iter()
            .chain(&files.org)
            .chain(&files.submissions)
        {
            eprintln!("==> {} <==\n{}", file.name, file.text);
        }
        for &step in spec.steps() {
            eprintln!("step: {:?}", spec.decision(step));
        }
    }
    let loaded = match load::load(files) {
        Ok(loaded) => loaded,
        Err(errors) => {
            for error in &errors.0 {
                let at = error.location.as_ref().expect("every error names its file");
                assert!(!at.file.is_empty());
            }
            return;
        }
    };
    let input = loaded.input;
    // Hamilton on the loaded quota rows, for every headcount up to 40.
    for row in &input.policy.quotas {
        for headcount in 0..40usize {
            let quotas = quota::group_quotas(row.len(), [(headcount, row.as_slice())]);
            let seats = quota::hamilton(&quotas, headcount as u64);
            assert_eq!(seats.iter().sum::<u64>(), headcount as u64);
        }
    }
    let mut session = Session::new(input);
    check_session(&session);
    check_exports(&session);
    for &step in spec.steps() {
        match spec.decision(step) {
            Some(decision) => {
                let before = session.results().clone();
                if session.decide(decision).is_err() {
                    assert_eq!(
                        &before,
                        session.results(),
                        "a refused decision changes nothing"
                    );
                }
            }
            None => {
                session.undo();
            }
        }
        check_session(&session);
    }
    check_exports(&session);
    check_replay(&session);
    let _ = session.warnings();
});
