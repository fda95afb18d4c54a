//! The built-in demo: an e-commerce customer-service organisation of 78
//! people, compiled into the binary so that `calibra` runs with no files.

use crate::engine::load::InputFiles;
use crate::engine::source::SourceFile;

const ROOT: &str = "<demo>";

macro_rules! demo_file {
    ($path:literal) => {
        ($path, include_str!(concat!("../fixtures/demo/", $path)))
    };
}

const POLICY: (&str, &str) = demo_file!("policy.json");
const ORG: (&str, &str) = demo_file!("org.json");
const SESSION: (&str, &str) = demo_file!("session.json");
/// Every file in fixtures/demo/submissions, in file-name order (a test keeps
/// this list in step with the folder).
pub const SUBMISSIONS: [(&str, &str); 7] = [
    demo_file!("submissions/M01-wang.json"),
    demo_file!("submissions/M02-lee.json"),
    demo_file!("submissions/M03-chang.json"),
    demo_file!("submissions/M04-huang.json"),
    demo_file!("submissions/M07-tsai.json"),
    demo_file!("submissions/M08-lin.json"),
    demo_file!("submissions/cs-ret.csv"),
];

fn source((path, text): (&str, &str)) -> SourceFile {
    SourceFile::new(format!("{ROOT}/{path}"), text)
}

/// The demo input folder, as if read from disk.
pub fn files() -> InputFiles {
    InputFiles {
        policy: Some(source(POLICY)),
        org: Some(source(ORG)),
        submissions: SUBMISSIONS.into_iter().map(source).collect(),
        ..InputFiles::default()
    }
}

/// The demo's example committee session.
pub fn session() -> SourceFile {
    source(SESSION)
}

/// The name the demo is shown under.
pub fn name() -> &'static str {
    ROOT
}
