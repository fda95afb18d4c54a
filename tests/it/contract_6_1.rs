//! Contract 6.1 (clarifications), checked with the binary on small input
//! folders built here: which warnings fail `--strict`, reasons kept exactly
//! as written, formula defusing only where the contract asks for it, and
//! exact arithmetic where the exact value is a decimal.
//!
//! Self-contained (no `support` module) so that it can be moved as it is.

use std::ffi::OsString;
use std::fs;
use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::support::run;

/// `calibra export DIR [--session FILE] --out OUT [extra...]`.
fn export(dir: &Path, session: Option<&Path>, out: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<OsString> = vec!["export".into(), dir.into()];
    if let Some(session) = session {
        args.extend(["--session".into(), session.into()]);
    }
    args.extend(["--out".into(), out.into()]);
    args.extend(extra.iter().map(OsString::from));
    run(&args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// An input folder: one department `D` (grade X: 40% A, 60% B), scores 0 to
/// 10 with no decimals, the given employees and submissions (CSV text).
fn write_folder(dir: &Path, employees: &[&str], submissions: &[(&str, &str)]) {
    fs::create_dir_all(dir.join("submissions")).expect("mkdir");
    fs::write(
        dir.join("policy.json"),
        r#"{
  "cycle": "6.1",
  "score": { "min": 0, "max": 10, "decimals": 0 },
  "grades": [ { "id": "A" }, { "id": "B" } ],
  "department_grades": ["X"],
  "quotas": { "X": { "A": "0.4", "B": "0.6" } }
}"#,
    )
    .expect("policy");
    let people: Vec<String> = employees
        .iter()
        .map(|id| format!(r#"{{ "id": "{id}", "name": "n{id}", "department": "D" }}"#))
        .collect();
    fs::write(
        dir.join("org.json"),
        format!(
            r#"{{ "departments": [ {{ "id": "D", "name": "d", "grade": "X" }} ],
  "employees": [ {} ] }}"#,
            people.join(",\n")
        ),
    )
    .expect("org");
    for (name, text) in submissions {
        fs::write(dir.join("submissions").join(name), text).expect("submission");
    }
}

const HEADER: &str = "rater_id,rater_name,employee_id,score\n";

/// R1 rates E1..E5 with 9, 7, 5, 3, 1; R2 rates only E1 (8): E1's score is
/// (9 + 8) / 2 = 8.5, rounded 9. Seats 5 x 0.4 = 2 A, 3 B: E1, E2 get A. No
/// ties, no one unrated; the only warning is R2's small sample.
fn small_sample_only(dir: &Path) {
    let r1 = format!("{HEADER}R1,One,E1,9\nR1,One,E2,7\nR1,One,E3,5\nR1,One,E4,3\nR1,One,E5,1\n");
    let r2 = format!("{HEADER}R2,Two,E1,8\n");
    write_folder(
        dir,
        &["E1", "E2", "E3", "E4", "E5"],
        &[("r1.csv", &r1), ("r2.csv", &r2)],
    );
}

#[test]
fn strict_passes_when_the_only_warnings_do_not_fail_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    small_sample_only(&dir);
    let out = tmp.path().join("out.csv");
    let output = export(&dir, None, &out, &["--strict"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    // The warning is still printed, with its usual text.
    assert!(
        err.contains("warning: ") && err.contains("rater \"R2\" Two gave only 1 rating(s)"),
        "{err}"
    );
    assert!(out.exists(), "--strict wrote the export");

    // A load warning (an ignored file) does not fail --strict either.
    fs::write(dir.join("submissions/notes.txt"), "not a submission").expect("notes");
    let output = export(&dir, None, &out, &["--strict"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("not a .json or .csv file; ignored"), "{err}");
}

#[test]
fn strict_fails_on_an_unrated_employee() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    let r1 = format!("{HEADER}R1,One,E1,9\nR1,One,E2,7\nR1,One,E3,5\nR1,One,E4,3\nR1,One,E5,1\n");
    write_folder(
        &dir,
        &["E1", "E2", "E3", "E4", "E5", "E6"],
        &[("r1.csv", &r1)],
    );
    let out = tmp.path().join("out.csv");
    let output = export(&dir, None, &out, &["--strict"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("\"E6\""), "{err}");
    assert!(!out.exists());
    // Without --strict the same folder exports.
    assert_eq!(export(&dir, None, &out, &[]).status.code(), Some(0));
}

#[test]
fn strict_fails_on_a_quota_violation() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    small_sample_only(&dir);
    let session = tmp.path().join("session.json");
    fs::write(
        &session,
        r#"{ "version": 1, "decisions": [
  { "kind": "override", "employee": "E3", "grade": "A", "reason": "led the launch" }
] }"#,
    )
    .expect("session");
    let out = tmp.path().join("out.csv");
    let output = export(&dir, Some(&session), &out, &["--strict"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("quota violation"), "{err}");
    assert!(!out.exists());
}

#[test]
fn strict_fails_on_a_boundary_tie() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    // E2 and E3 share 6: one takes the second A seat, the other a B.
    let r1 = format!("{HEADER}R1,One,E1,9\nR1,One,E2,6\nR1,One,E3,6\nR1,One,E4,3\nR1,One,E5,1\n");
    write_folder(&dir, &["E1", "E2", "E3", "E4", "E5"], &[("r1.csv", &r1)]);
    let out = tmp.path().join("out.csv");
    let output = export(&dir, None, &out, &["--strict"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("boundary tie"), "{err}");
    assert!(!out.exists());
}

fn csv_rows(bytes: &[u8]) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_reader(bytes);
    reader.records().map(|r| r.expect("a row")).collect()
}

fn column(bytes: &[u8], name: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(bytes);
    let index = reader
        .headers()
        .expect("header")
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| unreachable!("no column {name}"));
    csv_rows(bytes)
        .iter()
        .map(|r| r[index].to_string())
        .collect()
}

#[test]
fn a_reason_is_kept_exactly_as_written() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    small_sample_only(&dir);
    let reason = "\tled the launch \n  (see notes)\u{3000}";
    let session = tmp.path().join("session.json");
    let doc = serde_json::json!({ "version": 1, "decisions": [
        { "kind": "override", "employee": "E3", "grade": "A", "reason": reason }
    ]});
    fs::write(&session, doc.to_string()).expect("session");

    let csv_out = tmp.path().join("out.csv");
    let output = export(&dir, Some(&session), &csv_out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let reasons = column(&fs::read(&csv_out).expect("csv"), "override_reason");
    // Defused at its start (a tab), otherwise exactly as written.
    assert_eq!(reasons[2], format!("'{reason}"));

    let json_out = tmp.path().join("out.json");
    let output = export(&dir, Some(&session), &json_out, &["--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: Value = serde_json::from_slice(&fs::read(&json_out).expect("json")).expect("json");
    assert_eq!(json["employees"][2]["override_reason"], reason);
    assert_eq!(json["decisions"][0]["reason"], reason);
}

#[test]
fn a_reason_of_only_white_space_is_blank() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    small_sample_only(&dir);
    for blank in ["", " \t\r\n", "\u{3000}", "\u{3000} \u{2003}"] {
        let session = tmp.path().join("session.json");
        let doc = serde_json::json!({ "version": 1, "decisions": [
            { "kind": "override", "employee": "E3", "grade": "A", "reason": blank }
        ]});
        fs::write(&session, doc.to_string()).expect("session");
        let out = tmp.path().join("out.csv");
        let output = export(&dir, Some(&session), &out, &[]);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{blank:?}: {err}");
        assert!(err.contains("reason"), "{err}");
        assert!(!out.exists());
    }
}

#[test]
fn only_raters_and_flags_are_defused_part_by_part() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    let r1 = format!(
        "{HEADER}R1,One,E1,9\nR1,One,E2,7\nR1,One,E3,5\nR1,One,E4,3\nR1,One,E5,1\n@R2,Two,E1,9\n"
    );
    write_folder(&dir, &["E1", "E2", "E3", "E4", "E5"], &[("r1.csv", &r1)]);
    let org = fs::read_to_string(dir.join("org.json")).expect("org");
    fs::write(dir.join("org.json"), org.replace("\"nE1\"", "\"x;@y\"")).expect("org");
    let session = tmp.path().join("session.json");
    fs::write(
        &session,
        r#"{ "version": 1, "decisions": [
  { "kind": "override", "employee": "E2", "grade": "A", "reason": "ok;=2" }
] }"#,
    )
    .expect("session");
    let out = tmp.path().join("out.csv");
    let output = export(&dir, Some(&session), &out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let bytes = fs::read(&out).expect("csv");
    assert_eq!(column(&bytes, "employee_name")[0], "x;@y");
    assert_eq!(column(&bytes, "override_reason")[1], "ok;=2");
    assert_eq!(column(&bytes, "raters")[0], "'@R2;R1");
}

/// Scores with 2 decimals from -10 to 10; one department, grades A and B.
fn write_exact_folder(dir: &Path, decimals: u32, min: &str, max: &str, csv: &str) {
    fs::create_dir_all(dir.join("submissions")).expect("mkdir");
    fs::write(
        dir.join("policy.json"),
        format!(
            r#"{{
  "cycle": "exact",
  "score": {{ "min": {min}, "max": {max}, "decimals": {decimals} }},
  "grades": [ {{ "id": "A" }}, {{ "id": "B" }} ],
  "department_grades": ["X"],
  "quotas": {{ "X": {{ "A": "0.5", "B": "0.5" }} }}
}}"#
        ),
    )
    .expect("policy");
    let mut ids: Vec<String> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(2).map(str::to_string))
        .collect();
    ids.sort();
    ids.dedup();
    let people: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{ "id": "{id}", "name": "n", "department": "D" }}"#))
        .collect();
    fs::write(
        dir.join("org.json"),
        format!(
            r#"{{ "departments": [ {{ "id": "D", "name": "d", "grade": "X" }} ],
  "employees": [ {} ] }}"#,
            people.join(",\n")
        ),
    )
    .expect("org");
    fs::write(dir.join("submissions/all.csv"), csv).expect("submissions");
}

fn final_scores(dir: &Path, session_text: &str) -> Vec<String> {
    let session = dir.join("../session.json");
    fs::write(&session, session_text).expect("session");
    let out = dir.join("../out.csv");
    let output = export(dir, Some(&session), &out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    column(&fs::read(&out).expect("csv"), "final_score")
}

#[test]
fn quantile_is_exact_and_a_midpoint_rounds_away_from_zero() {
    // Pool v = -1.99, -1.00, 5.00, 6.00 (N = 4); R1 gave -1.99, 5.00, 6.00
    // (n = 3). For E1's -1.99: rank a = 1, p = 0.5 / 3 = 1/6,
    // h = 4/6 + 1/2 = 7/6, i = 1, f = 1/6:
    // -1.99 + (1/6) x (-1.00 - -1.99) = -1.99 + 0.99 / 6 = -1.99 + 0.165
    // = -1.825 exactly, a midpoint: away from zero, -1.83. (With p rounded
    // to 28 digits first, f x 0.99 comes out a hair under 0.165 and the
    // score rounds to -1.82.)
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    write_exact_folder(
        &dir,
        2,
        "-10",
        "10",
        "rater_id,rater_name,employee_id,score\n\
         R1,One,E1,-1.99\nR1,One,E2,5.00\nR1,One,E3,6.00\nR2,Two,E4,-1.00\n",
    );
    let scores = final_scores(
        &dir,
        r#"{ "version": 1, "decisions": [
  { "kind": "rater_scale", "rater": "R1", "method": "quantile" }
] }"#,
    );
    assert_eq!(scores[0], "-1.83");
}

#[test]
fn zscore_uses_the_exact_sd_of_a_tight_rater() {
    // R1 gave 99999.999997, 99999.999998, 100000 (6 decimals). In units of
    // 10^-6 above 99999.999997 they are 0, 1, 3: mean 4/3, deviations -4/3,
    // -1/3, 5/3, squares 16/9 + 1/9 + 25/9 = 42/9, variance 42/9 / 2 = 7/3,
    // sd_R = sqrt(7/3) x 10^-6. Z-scored to mean 50000, sd 1000, E3 becomes
    // 50000 + 1000 x (5/3) / sqrt(7/3) = 50000 + 5000 / sqrt(21)
    // = 51091.0894511799619..., E1 50000 - 4000 / sqrt(21)
    // = 49127.1284390560304..., E2 50000 - 1000 / sqrt(21)
    // = 49781.7821097640076... (sd from sum(x^2) - sum(x)^2 / n is off by
    // 3.6 parts in 10^8, which moves these by dozens of units of the last place.)
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    write_exact_folder(
        &dir,
        6,
        "0",
        "1000000",
        "rater_id,rater_name,employee_id,score\n\
         R1,One,E1,99999.999997\nR1,One,E2,99999.999998\nR1,One,E3,100000\n",
    );
    let scores = final_scores(
        &dir,
        r#"{ "version": 1, "decisions": [
  { "kind": "rater_scale", "rater": "R1", "method": "zscore", "mean": "50000", "sd": "1000" }
] }"#,
    );
    assert_eq!(scores, ["49127.128439", "49781.782110", "51091.089451"]);
}
