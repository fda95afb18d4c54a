//! `--previous` (contract 6.6) on the demo and its 2026 H1 export:
//! previous_grade for everyone in the CSV and the JSON, big_mover exactly
//! where the two grades are two or more places apart, the column's place,
//! the track record in stats, and a broken file refused at its line.

use std::collections::HashMap;

use crate::support::{fixture, run, text};

const GRADES: [&str; 5] = ["S", "A", "B", "C", "D"];

fn previous_file() -> std::path::PathBuf {
    fixture("demo/previous/2026-H1-grades.csv")
}

/// `calibra export` of the demo with its session and previous export.
fn export(format: &str) -> Vec<u8> {
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join(format!("grades.{format}"));
    let demo = fixture("demo");
    let output = run([
        "export".as_ref(),
        demo.as_os_str(),
        "--session".as_ref(),
        demo.join("session.json").as_os_str(),
        "--previous".as_ref(),
        previous_file().as_os_str(),
        "--format".as_ref(),
        format.as_ref(),
        "--out".as_ref(),
        path.as_os_str(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    std::fs::read(&path).expect("the export")
}

/// The previous file's grades by employee id, read with the csv crate.
fn previous_grades() -> HashMap<String, String> {
    let mut reader = csv::Reader::from_path(previous_file()).expect("the previous export");
    let headers = reader.headers().expect("header").clone();
    let at = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (id, grade) = (at("employee_id"), at("grade"));
    reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            (r[id].to_string(), r[grade].to_string())
        })
        .collect()
}

fn places_apart(a: &str, b: &str) -> usize {
    let place = |g: &str| GRADES.iter().position(|x| *x == g).expect("a grade");
    place(a).abs_diff(place(b))
}

#[test]
fn the_csv_gains_previous_grade_for_everyone_and_big_mover_where_two_apart() {
    let bytes = export("csv");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(headers.len(), 15);
    assert_eq!(headers[12], "flags");
    assert_eq!(headers[13], "previous_grade", "right after flags");
    assert_eq!(headers[14], "bonus", "then the demo's bonus");
    let before = previous_grades();
    let mut movers = Vec::new();
    let mut rows = 0;
    for record in reader.records() {
        let record = record.expect("a row");
        rows += 1;
        let (id, grade, flags, previous) = (&record[0], &record[10], &record[12], &record[13]);
        assert_eq!(previous, before[id], "{id}: the grade as the file has it");
        assert!(!previous.is_empty(), "{id}: everyone has a previous grade");
        let expected = !grade.is_empty() && places_apart(grade, previous) >= 2;
        assert_eq!(flags.split(';').any(|f| f == "big_mover"), expected, "{id}");
        if expected {
            movers.push(format!("{id} {previous}→{grade}"));
        }
    }
    assert_eq!(rows, 78);
    assert_eq!(
        movers,
        ["E0005 D→B", "E0031 S→B", "E0039 B→S", "E0060 D→B"],
        "the four the fixture's README names"
    );
}

#[test]
fn the_json_rows_carry_previous_grade_and_the_same_flags() {
    let doc: serde_json::Value = serde_json::from_slice(&export("json")).expect("JSON");
    let before = previous_grades();
    let employees = doc["employees"].as_array().expect("employees");
    assert_eq!(employees.len(), 78);
    let mut movers = 0;
    for row in employees {
        let id = row["employee_id"].as_str().expect("id");
        assert_eq!(
            row["previous_grade"].as_str(),
            Some(before[id].as_str()),
            "{id}"
        );
        let flags: Vec<&str> = row["flags"]
            .as_array()
            .expect("flags")
            .iter()
            .filter_map(|f| f.as_str())
            .collect();
        let mut sorted = flags.clone();
        sorted.sort_unstable();
        assert_eq!(flags, sorted, "{id}: flags in byte order");
        movers += usize::from(flags.contains(&"big_mover"));
    }
    assert_eq!(movers, 4);
}

#[test]
fn without_previous_the_export_is_as_before() {
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("grades.csv");
    let demo = fixture("demo");
    let output = run([
        "export".as_ref(),
        demo.as_os_str(),
        "--out".as_ref(),
        path.as_os_str(),
    ]);
    assert!(output.status.success());
    let bytes = std::fs::read(&path).expect("export");
    let header = text(&bytes).lines().next().unwrap_or_default().to_string();
    assert!(header.ends_with(",flags,bonus"), "{header}");
}

#[test]
fn stats_show_the_raters_track_record() {
    let demo = fixture("demo");
    let output = run([
        "stats".as_ref(),
        demo.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--previous".as_ref(),
        previous_file().as_os_str(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let rater = |id: &str| {
        doc["raters"]
            .as_array()
            .expect("raters")
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .expect(id)
    };
    // M07 (z-scored in H1): all 10 of their people rescored, by -8.98 on
    // average; M02 rated E0012, whom the H1 committee overrode A -> S.
    let m07 = &rater("M07")["previous"];
    assert_eq!(m07["people"], 10);
    assert_eq!(m07["rescored"], 10);
    assert_eq!(m07["mean_correction"], "-8.9800");
    let m02 = &rater("M02")["previous"];
    assert_eq!(
        (m02["people"].as_u64(), m02["overridden"].as_u64()),
        (Some(12), Some(1))
    );
    assert_eq!(m02["rescored"], 0);
}

#[test]
fn a_broken_previous_file_is_refused_at_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("before.csv");
    std::fs::write(&bad, "employee_id,grade\nE0001,A\nE0001,B\n").expect("write");
    let output = run([
        "check".as_ref(),
        fixture("demo").as_os_str(),
        "--previous".as_ref(),
        bad.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!("{}:3:", bad.display())) && stderr.contains("twice"),
        "{stderr}"
    );
    let unknown = dir.path().join("other-scale.csv");
    std::fs::write(&unknown, "employee_id,grade\nE0001,A+\n").expect("write");
    let output = run([
        "check".as_ref(),
        fixture("demo").as_os_str(),
        "--previous".as_ref(),
        unknown.as_os_str(),
    ]);
    assert!(
        output.status.success(),
        "an unknown grade is only a warning"
    );
    assert!(text(&output.stdout).contains("previous grade \"A+\""));
}
