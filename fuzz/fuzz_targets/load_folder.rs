//! The folder loader on in-memory files: policy.json, org.json and
//! submissions (JSON and CSV). Two modes, chosen by the first byte:
//!
//! - below 0x80, *mutate a valid folder*: fixtures/small with one file
//!   replaced by the rest of the input (byte % 6: 0 policy, 1 org, 2-4 a
//!   submission, 5 an added submissions CSV), so the seeds are the real
//!   files and libFuzzer's mutations stay close to valid JSON and CSV;
//! - 0x80 and above, *any files*: the rest split at 0xFF bytes (never in
//!   UTF-8) into policy, org and submissions (a piece starting with `{` is a
//!   .json submission, any other a .csv).
//!
//! Loading must never panic; every error names its file; a valid folder
//! gives a session whose numbers add up and whose exports are well formed.
#![no_main]

use calibra::engine::load::{self, InputFiles};
use calibra::engine::source::SourceFile;
use calibra_fuzz::{SMALL, load_and_check};
use libfuzzer_sys::fuzz_target;

fn file(name: &str, bytes: &[u8], files: &mut InputFiles) -> Option<SourceFile> {
    match SourceFile::from_bytes(name, bytes.to_vec()) {
        Ok(file) => Some(file),
        Err(diagnostic) => {
            files.problems.push(diagnostic);
            None
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut files = InputFiles::default();
    if mode < 0x80 {
        let replaced = usize::from(mode % 6);
        let mut texts: Vec<(String, Vec<u8>)> = SMALL
            .iter()
            .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
            .collect();
        if replaced == 5 {
            texts.push(("submissions/extra.csv".to_string(), rest.to_vec()));
        } else {
            texts[replaced].1 = rest.to_vec();
        }
        files.policy = file(&texts[0].0, &texts[0].1, &mut files);
        files.org = file(&texts[1].0, &texts[1].1, &mut files);
        for (name, bytes) in &texts[2..] {
            if let Some(f) = file(name, bytes, &mut files) {
                files.submissions.push(f);
            }
        }
    } else {
        let mut pieces = rest.split(|&b| b == 0xFF);
        let policy = pieces.next().unwrap_or_default();
        let org = pieces.next().unwrap_or_default();
        files.policy = file("policy.json", policy, &mut files);
        files.org = file("org.json", org, &mut files);
        for (i, piece) in pieces.take(8).enumerate() {
            let ext = if piece.first() == Some(&b'{') {
                "json"
            } else {
                "csv"
            };
            if let Some(f) = file(&format!("submissions/{i}.{ext}"), piece, &mut files) {
                files.submissions.push(f);
            }
        }
    }
    if let Err(errors) = load::load(files.clone()) {
        assert!(!errors.0.is_empty(), "an invalid folder reports an error");
        for error in &errors.0 {
            let at = error.location.as_ref().expect("every error names its file");
            assert!(!at.file.is_empty());
            assert!(error.is_error());
        }
        return;
    }
    load_and_check(&files);
});
