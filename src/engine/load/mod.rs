//! Reading and validating an input folder (contract section 1).
//!
//! [`read_folder`] gathers the files; [`load`] parses and cross-checks them,
//! reporting every error it finds, and returns the validated [`Input`].

mod org;
mod policy;
mod submissions;

use std::fs;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::bonus;
use super::diagnostic::{Diagnostic, Diagnostics, Location, Said};
use super::model::{Input, Parts};
use super::source::{self, BinaryFile, SourceFile, io_why};
use crate::i18n::Load;

pub use submissions::Submission;

/// Largest score bound accepted: keeps every sum of squares of a
/// million-rating pool inside a decimal's 28 digits.
pub const LIMIT_SCORE: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
/// Largest rating weight accepted.
pub const LIMIT_WEIGHT: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The files of an input folder, read but not yet parsed.
#[derive(Debug, Clone, Default)]
pub struct InputFiles {
    pub policy: Option<SourceFile>,
    pub org: Option<SourceFile>,
    /// The text submissions (.json, .csv), in file-name order.
    pub submissions: Vec<SourceFile>,
    /// The spreadsheet submissions (.xlsx, .xls, .ods), kept as bytes, in
    /// file-name order. Read with `submissions` in one name order by
    /// [`InputFiles::submission_files`].
    pub workbooks: Vec<BinaryFile>,
    /// Files that could not be read.
    pub problems: Diagnostics,
    /// Files that were skipped on purpose (not a submission format).
    pub notes: Vec<Diagnostic>,
}

impl InputFiles {
    /// Every submission, text or workbook, in file-name order (each list is
    /// already in that order; they are merged, so a list given in another
    /// order keeps it). Raters are numbered in the order they are first met,
    /// so a folder of workbooks and the same folder as CSV agree.
    pub fn submission_files(&self) -> Vec<Submission<'_>> {
        let mut out = Vec::with_capacity(self.submissions.len() + self.workbooks.len());
        let (mut texts, mut books) = (
            self.submissions.iter().peekable(),
            self.workbooks.iter().peekable(),
        );
        loop {
            let next = match (texts.peek(), books.peek()) {
                (Some(text), Some(book)) if book.name < text.name => {
                    books.next().map(Submission::Workbook)
                }
                (Some(_), _) => texts.next().map(Submission::Text),
                (None, Some(_)) => books.next().map(Submission::Workbook),
                (None, None) => break,
            };
            out.extend(next);
        }
        out
    }
}

/// A submission file as read from the folder.
enum ReadFile {
    Text(SourceFile),
    Workbook(BinaryFile),
}

/// A validated input and the warnings found while loading it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub input: Input,
    pub warnings: Vec<Diagnostic>,
}

/// Reads `dir/policy.json`, `dir/org.json` and every
/// `dir/submissions/*.json|*.csv` (as text) and `*.xlsx|*.xlsm|*.xls|*.ods`
/// (as bytes).
pub fn read_folder(dir: &Path) -> InputFiles {
    let mut files = InputFiles::default();
    if !dir.is_dir() {
        files.problems.error(
            Location::file(dir.display().to_string()),
            Load::NoSuchFolder,
        );
        return files;
    }
    files.policy = read_file(&dir.join("policy.json"), &mut files.problems);
    files.org = read_file(&dir.join("org.json"), &mut files.problems);
    let submissions = dir.join("submissions");
    let entries = match fs::read_dir(&submissions) {
        Ok(entries) => entries,
        Err(err) => {
            files.problems.error(
                Location::file(submissions.display().to_string()),
                Said::from(Load::CannotOpenSubmissions).with("why", io_why(&err)),
            );
            return files;
        }
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut inputs = Vec::with_capacity(paths.len());
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if name.starts_with('.') || path.is_dir() {
            continue;
        }
        let workbook = submissions::is_workbook(ext);
        if workbook && name.starts_with("~$") {
            // Excel's lock file beside a workbook that is open right now.
            files.notes.push(Diagnostic::warning(
                Some(Location::file(path.display().to_string())),
                Load::LockFile,
            ));
        } else if workbook || ext.eq_ignore_ascii_case("json") || ext.eq_ignore_ascii_case("csv") {
            inputs.push(path);
        } else {
            files.notes.push(Diagnostic::warning(
                Some(Location::file(path.display().to_string())),
                Load::NotASubmission,
            ));
        }
    }
    // Thousands of small files: read half of them on the other core.
    let read_all = |paths: &[PathBuf]| {
        let mut problems = Diagnostics::default();
        let read: Vec<ReadFile> = paths
            .iter()
            .filter_map(|path| read_submission(path, &mut problems))
            .collect();
        (read, problems)
    };
    let (first, second) = inputs.split_at(inputs.len() / 2);
    let (first, second) = std::thread::scope(|scope| {
        let later = scope.spawn(|| read_all(second));
        let first = read_all(first);
        (first, later.join().unwrap_or_else(|_| read_all(second)))
    });
    for (read, problems) in [first, second] {
        for file in read {
            match file {
                ReadFile::Text(file) => files.submissions.push(file),
                ReadFile::Workbook(file) => files.workbooks.push(file),
            }
        }
        files.problems.0.extend(problems.0);
    }
    files
}

fn read_submission(path: &Path, problems: &mut Diagnostics) -> Option<ReadFile> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !submissions::is_workbook(ext) {
        return read_file(path, problems).map(ReadFile::Text);
    }
    let name = path.display().to_string();
    match source::read_regular_file(path) {
        Ok(bytes) => Some(ReadFile::Workbook(BinaryFile { name, bytes })),
        Err(err) => {
            problems.error(
                Location::file(name),
                Said::from(Load::CannotRead).with("why", io_why(&err)),
            );
            None
        }
    }
}

/// Reads one text file of the input (or another file calibra reads, such
/// as a previous export); a problem is reported at the file.
pub fn read_file(path: &Path, problems: &mut Diagnostics) -> Option<SourceFile> {
    let name = path.display().to_string();
    // Checks the file type first: a FIFO would block the read forever.
    match source::read_regular_file(path) {
        Ok(bytes) => match SourceFile::from_bytes(name, bytes) {
            Ok(file) => Some(file),
            Err(diagnostic) => {
                problems.push(diagnostic);
                None
            }
        },
        Err(err) => {
            problems.error(
                Location::file(name),
                Said::from(Load::CannotRead).with("why", io_why(&err)),
            );
            None
        }
    }
}

/// Parses and validates the files. On any error, returns every error found.
///
/// The files' text is the largest thing in memory while loading (at a
/// million employees, more than the input it becomes), so each file is
/// freed as soon as it is parsed: org.json before the ratings are resolved
/// against it, each submission once it is read.
pub fn load(files: InputFiles) -> Result<Loaded, Diagnostics> {
    // The order submissions are read in (see `submission_files`), as
    // whether each next one is a workbook.
    let workbook_next: Vec<bool> = files
        .submission_files()
        .iter()
        .map(|file| matches!(file, Submission::Workbook(_)))
        .collect();
    let InputFiles {
        policy,
        org,
        submissions,
        workbooks,
        problems,
        notes,
    } = files;
    let mut sink = problems;
    let policy::Parsed {
        scale,
        department_grades,
        policy,
    } = policy
        .as_ref()
        .map(|f| policy::parse(f, &mut sink))
        .unwrap_or_default();
    let org_file = org.as_ref().map(|f| f.name.clone());
    // org.json and the submissions are the bulk of the input: parse them on
    // two cores, then resolve the ratings' employees.
    let (employee_ids, org, collector, submission_sink) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut sink = Diagnostics::default();
            let mut collector = submissions::Collector::new(scale.as_ref());
            let (mut texts, mut books) = (submissions.into_iter(), workbooks.into_iter());
            for workbook in workbook_next {
                if workbook {
                    if let Some(file) = books.next() {
                        collector.read(Submission::Workbook(&file), &mut sink);
                    }
                } else if let Some(file) = texts.next() {
                    collector.read(Submission::Text(&file), &mut sink);
                }
            }
            (collector, sink)
        });
        let (employee_ids, org) = match org {
            Some(f) => org::parse(&f, department_grades.as_deref(), &mut sink),
            None => (None, None),
        };
        let (collector, submission_sink) = match reader.join() {
            Ok(read) => read,
            // Parsing never panics on input (it is fuzzed); if it ever does,
            // say so rather than lose the submissions silently.
            Err(_) => {
                let mut failed = Diagnostics::default();
                failed.error(Location::file("submissions"), Load::ReaderFailed);
                (submissions::Collector::new(scale.as_ref()), failed)
            }
        };
        (employee_ids, org, collector, submission_sink)
    });
    sink.0.extend(submission_sink.0);
    let submissions = collector.finish(employee_ids.as_ref(), org.as_ref(), &mut sink);

    let mut warnings: Vec<Diagnostic> = notes;
    warnings.extend(sink.warnings().cloned());
    if sink.has_errors() {
        return Err(Diagnostics(
            sink.0.into_iter().filter(Diagnostic::is_error).collect(),
        ));
    }
    let (Some(policy), Some(org), Some(org_file)) = (policy, org, org_file) else {
        // Unreachable in practice: a missing part always leaves an error.
        let mut missing = Diagnostics::default();
        missing.error(Location::file("input"), Load::Incomplete);
        return Err(missing);
    };
    let mut input = Input::new(Parts {
        policy,
        departments: org.departments,
        groups: org.groups,
        employees: org.employees,
        raters: submissions.raters,
        ratings: submissions.ratings,
        org_file,
        vocabulary: org.vocabulary,
        attributes: org.attributes,
        managers: org.managers,
        employee_index: Some(org.employee_index),
    });
    input.comments = submissions.comments;
    // Checked here, once, so that no later split of the pool can overflow.
    if let (Err(bonus::TooLarge), Some(bonus)) = (bonus::check_fits(&input), &input.policy.bonus) {
        let mut too_large = Diagnostics::default();
        too_large.error(
            Location::line(bonus.file.clone(), bonus.line),
            Load::BonusTooLarge,
        );
        return Err(too_large);
    }
    Ok(Loaded { input, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A policy of one grade, every department's quota all of it.
    const ONE_GRADE: &str = r#"{
  "cycle": "c",
  "score": { "min": 0, "max": 100, "decimals": 1 },
  "grades": [ { "id": "A" } ],
  "department_grades": ["A"],
  "quotas": { "A": { "A": 1 } }
}"#;

    const ORG: &str = r#"{
  "departments": [ { "id": "D1", "grade": "A" } ],
  "employees": [ { "id": "E1", "name": "One", "department": "D1" } ]
}"#;

    fn lines(errors: &Diagnostics) -> Vec<(String, Option<u32>)> {
        errors
            .0
            .iter()
            .map(|d| {
                let at = d.location.as_ref().expect("located");
                (at.file.clone(), at.line)
            })
            .collect()
    }

    #[test]
    fn text_and_workbook_submissions_are_read_in_one_name_order() {
        let book = |name: &str| BinaryFile {
            name: name.to_string(),
            bytes: Vec::new(),
        };
        let files = InputFiles {
            submissions: vec![
                SourceFile::new("s/b.json", "{}"),
                SourceFile::new("s/d.csv", ""),
            ],
            workbooks: vec![book("s/a.xlsx"), book("s/c.xlsx"), book("s/e.ods")],
            ..InputFiles::default()
        };
        let names: Vec<String> = files
            .submission_files()
            .iter()
            .map(|f| f.name().to_string())
            .collect();
        assert_eq!(
            names,
            ["s/a.xlsx", "s/b.json", "s/c.xlsx", "s/d.csv", "s/e.ods"]
        );
    }

    #[test]
    fn scores_are_range_checked_even_when_the_quotas_are_invalid() {
        let policy = r#"{
  "cycle": "c",
  "score": { "min": 0, "max": 100, "decimals": 1 },
  "grades": [ { "id": "A" }, { "id": "B" } ],
  "department_grades": ["A"],
  "quotas": { "A": { "A": 0.5, "B": 0.4 } }
}"#;
        let submission = r#"{
  "rater": { "id": "M1", "name": "Rater" },
  "ratings": [
    { "employee": "E1", "score": 120 }
  ]
}"#;
        let files = InputFiles {
            policy: Some(SourceFile::new("policy.json", policy)),
            org: Some(SourceFile::new("org.json", ORG)),
            submissions: vec![SourceFile::new("m1.json", submission)],
            ..InputFiles::default()
        };
        let errors = load(files).expect_err("two errors");
        assert_eq!(
            lines(&errors),
            vec![
                ("policy.json".to_string(), Some(6)),
                ("m1.json".to_string(), Some(4)),
            ]
        );
        assert!(errors.0[1].message.contains("\"120\""), "{}", errors.0[1]);
    }

    #[test]
    fn department_grades_are_checked_even_when_the_quotas_are_invalid() {
        let policy = r#"{
  "cycle": "c",
  "score": { "min": 0, "max": 100, "decimals": 1 },
  "grades": [ { "id": "A" }, { "id": "B" } ],
  "department_grades": ["X", "Y"],
  "quotas": { "X": { "A": 0.5, "B": 0.5 }, "Y": { "A": 0.5, "B": 0.6 } }
}"#;
        let org = r#"{
  "departments": [
    { "id": "D1", "grade": "X" },
    { "id": "D2", "grade": "Z" }
  ],
  "employees": [ { "id": "E1", "name": "One", "department": "D1" } ]
}"#;
        let files = InputFiles {
            policy: Some(SourceFile::new("policy.json", policy)),
            org: Some(SourceFile::new("org.json", org)),
            ..InputFiles::default()
        };
        let errors = load(files).expect_err("two errors");
        assert_eq!(
            lines(&errors),
            vec![
                ("policy.json".to_string(), Some(6)),
                ("org.json".to_string(), Some(4)),
            ]
        );
        assert!(errors.0[1].message.contains("\"Z\""), "{}", errors.0[1]);
    }

    #[test]
    fn a_rating_given_again_names_the_same_raters_first_one() {
        let org = r#"{
  "departments": [ { "id": "D1", "grade": "A" } ],
  "employees": [ { "id": "E1", "name": "One", "department": "D1" },
                 { "id": "E2", "name": "Two", "department": "D1" } ]
}"#;
        let m1 = "{\"rater\": {\"id\": \"M1\", \"name\": \"R1\"}, \"ratings\": [\n\
                  {\"employee\": \"E1\", \"score\": 80},\n\
                  {\"employee\": \"E2\", \"score\": 80}]}";
        let m2 = "{\"rater\": {\"id\": \"M2\", \"name\": \"R2\"}, \"ratings\": [\n\
                  {\"employee\": \"E1\", \"score\": 70}]}";
        // M1 again, in a later file: E1 twice more, E2 once more.
        let m1_again = "{\"rater\": {\"id\": \"M1\", \"name\": \"R1\"}, \"ratings\": [\n\
                  {\"employee\": \"E1\", \"score\": 60},\n\
                  {\"employee\": \"E2\", \"score\": 60},\n\
                  {\"employee\": \"E1\", \"score\": 50}]}";
        let files = InputFiles {
            policy: Some(SourceFile::new("policy.json", ONE_GRADE)),
            org: Some(SourceFile::new("org.json", org)),
            submissions: vec![
                SourceFile::new("a.json", m1),
                SourceFile::new("b.json", m2),
                SourceFile::new("c.json", m1_again),
            ],
            ..InputFiles::default()
        };
        let errors = load(files).expect_err("three repeats");
        let messages: Vec<String> = errors.0.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            messages,
            [
                "error: c.json:2: rater \"M1\" rates employee \"E1\" twice (first in a.json line 2)",
                "error: c.json:3: rater \"M1\" rates employee \"E2\" twice (first in a.json line 3)",
                "error: c.json:4: rater \"M1\" rates employee \"E1\" twice (first in a.json line 2)",
            ]
        );
    }

    #[test]
    fn an_unreadable_record_is_reported_once_not_again_where_it_is_used() {
        let org = r#"{
  "departments": [
    { "id": "D1", "grade": "A" },
    { "id": "D2" }
  ],
  "employees": [
    { "id": "E1", "name": "One" },
    { "id": "E2", "name": "Two", "department": "D2" }
  ]
}"#;
        let submission = r#"{
  "rater": { "id": "M1", "name": "Rater" },
  "ratings": [ { "employee": "E1", "score": 80 }, { "employee": "E2", "score": 70 } ]
}"#;
        let files = InputFiles {
            policy: Some(SourceFile::new("policy.json", ONE_GRADE)),
            org: Some(SourceFile::new("org.json", org)),
            submissions: vec![SourceFile::new("m1.json", submission)],
            ..InputFiles::default()
        };
        let errors = load(files).expect_err("two missing fields");
        // Not also "E2 is in department D2, which is not in departments" or
        // "M1 rates E1, who is not in org.json".
        assert_eq!(
            lines(&errors),
            vec![
                ("org.json".to_string(), Some(4)),
                ("org.json".to_string(), Some(7)),
            ]
        );
    }
}
