//! The errors and warnings about the input and the decisions file in
//! Chinese (issue 13.4): `check` on invalid folders (each copied to `in/`
//! so that paths are the same on every machine), on spreadsheet cells, on
//! files it skips and on a damaged session, in Traditional and Simplified,
//! with no English words but the input's own and the JSON parser's.

use std::fs;
use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::support::{binary, copy_dir, english_words, fixture, text};

/// What `calibra check in ARGS --lang LANG` prints (stderr, then stdout),
/// run in `root`, with the exit code.
fn check(root: &Path, args: &[&str], lang: &str) -> (String, Option<i32>) {
    let out = binary()
        .args(["check", "in"])
        .args(args)
        .args(["--lang", lang])
        .current_dir(root)
        .output()
        .expect("the calibra binary runs");
    (
        format!("{}{}", text(&out.stderr), text(&out.stdout)),
        out.status.code(),
    )
}

/// An invalid fixture copied to `in/` of a new temporary folder.
fn invalid(name: &str) -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture("invalid").join(name), &root.path().join("in"));
    root
}

/// Each case's Chinese output, snapshotted and checked for English: the
/// words allowed are data (file names, field and column names the user
/// types, ids) and the JSON parser's own English, kept as it says it.
#[test]
fn invalid_input_is_described_in_traditional_and_simplified_chinese() {
    // Names with an underscore count as their words (`rater_id`: "rater").
    let cases: &[(&str, &[&str], &[&str])] = &[
        // policy.json, org.json and two submissions at once.
        ("many_errors", &[], &["departments", "submissions"]),
        // A place inside the sentence: the other file and its line.
        ("rater_two_names", &[], &["submissions"]),
        // A CSV cell that is not a number (abc), and its column.
        (
            "csv_bad_score",
            &[],
            &["submissions", "ratings", "score", "abc"],
        ),
        // The header a submissions CSV needs, as it must be typed.
        (
            "csv_missing_column",
            &[],
            &[
                "submissions",
                "ratings",
                "rater",
                "name",
                "employee",
                "score",
                "weight",
                "comment",
            ],
        ),
        // serde_json's own words stay as they are (English).
        (
            "wrong_type",
            &[],
            &[
                "submissions",
                "boolean",
                "true",
                "expected",
                "decimal",
                "number",
            ],
        ),
        ("org_syntax", &[], &["key", "must", "string"]),
        // The field the user must add.
        ("org_missing_field", &[], &["department"]),
        ("missing_submissions_dir", &[], &["submissions"]),
        ("not_utf8", &[], &["UTF"]),
        // The bonus's fields, as policy.json and org.json spell them.
        (
            "bonus_too_large",
            &[],
            &["pool", "decimals", "bonus", "base"],
        ),
        ("bonus_multiplier_negative", &[], &[]),
        // A decision that does not apply, and a session file that does not
        // read: its unknown kind (promote) and the kinds to type instead.
        (
            "session_override_unrated",
            &["--session", "in/session.json"],
            &[],
        ),
        (
            "session_unknown_kind",
            &["--session", "in/session.json"],
            &[
                "promote",
                "rater",
                "scale",
                "department",
                "grade",
                "override",
                "clear",
                "discussed",
                "sign",
                "off",
                "reopen",
                "FILE",
            ],
        ),
    ];
    for lang in ["zh-Hant", "zh-Hans"] {
        for (name, args, allowed) in cases {
            let root = invalid(name);
            let (said, code) = check(root.path(), args, lang);
            assert_eq!(code, Some(1), "{name} in {lang}:\n{said}");
            insta::assert_snapshot!(format!("{name}_{lang}"), said);
            let words = english_words(&said, allowed);
            assert!(words.is_empty(), "{name} in {lang} says {words:?}:\n{said}");
        }
    }
}

/// A workbook's cells are named by sheet and cell in the reader's words,
/// and what a cell holds instead of a number or a text is said in them.
#[test]
fn workbook_cells_are_described_in_chinese() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("in");
    copy_dir(&fixture("small"), &dir);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("評分").expect("a sheet name");
    for (col, name) in ["rater_id", "rater_name", "employee_id", "score", "weight"]
        .iter()
        .enumerate()
    {
        let col = u16::try_from(col).expect("a column");
        sheet.write_string(0, col, *name).expect("a header");
    }
    let date = ExcelDateTime::parse_from_str("2026-11-20").expect("a date");
    let dated = Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_string(1, 0, "R9").expect("a cell");
    sheet.write_string(1, 1, "丁主管").expect("a cell");
    sheet.write_boolean(1, 2, true).expect("a cell");
    sheet.write_number(1, 3, 80).expect("a cell");
    sheet.write_string(2, 0, "R9").expect("a cell");
    sheet.write_string(2, 1, "丁主管").expect("a cell");
    sheet.write_string(2, 2, "E01").expect("a cell");
    sheet
        .write_datetime_with_format(2, 3, &date, &dated)
        .expect("a cell");
    sheet.write_string(3, 0, "R9").expect("a cell");
    sheet.write_string(3, 1, "丁主管").expect("a cell");
    sheet.write_string(3, 2, "E02").expect("a cell");
    sheet.write_number(3, 3, 80).expect("a cell");
    sheet.write_string(3, 4, "8O").expect("a cell");
    let bytes = book.save_to_buffer().expect("a workbook");
    fs::write(dir.join("submissions/r9.xlsx"), bytes).expect("write the workbook");
    for lang in ["zh-Hant", "zh-Hans"] {
        let (said, code) = check(root.path(), &[], lang);
        assert_eq!(code, Some(1), "{lang}:\n{said}");
        insta::assert_snapshot!(format!("workbook_cells_{lang}"), said);
        // The columns, and the cell's value as the spreadsheet shows it.
        let allowed = ["submissions", "employee", "score", "weight", "TRUE"];
        let words = english_words(&said, &allowed);
        assert!(words.is_empty(), "{lang} says {words:?}:\n{said}");
    }
}

/// Files loading skips are warned of in the reader's words, before the
/// calibration's own warnings and the verdict.
#[test]
fn skipped_files_are_warned_of_in_chinese() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("in");
    copy_dir(&fixture("small"), &dir);
    fs::write(dir.join("submissions/notes.txt"), "to do").expect("a stray file");
    fs::write(dir.join("submissions/~$r4.xlsx"), "lock").expect("a lock file");
    for lang in ["zh-Hant", "zh-Hans"] {
        let (said, code) = check(root.path(), &[], lang);
        assert_eq!(code, Some(0), "{lang}:\n{said}");
        insta::assert_snapshot!(format!("skipped_files_{lang}"), said);
        // The files' names and the kinds of file read.
        let allowed = ["submissions", "notes", "txt", "xlsm", "xls", "ods"];
        let words = english_words(&said, &allowed);
        assert!(words.is_empty(), "{lang} says {words:?}:\n{said}");
    }
}

/// English stays as it was: `--lang en` and no language say the same.
#[test]
fn english_is_unchanged() {
    let root = invalid("many_errors");
    let (english, _) = check(root.path(), &[], "en");
    let out = binary()
        .args(["check", "in"])
        .current_dir(root.path())
        .output()
        .expect("the calibra binary runs");
    assert_eq!(english, text(&out.stderr));
    assert!(
        english.contains(
            "error: in/org.json:12: employee \"E05\" is in department \"D9\", which is not in \"departments\"\n"
        ),
        "{english}"
    );
}
