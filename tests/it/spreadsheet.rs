//! Spreadsheet safety of the CSV export (issue 5, item 7; contract 6.1):
//! every text cell that begins with one of OWASP's formula characters
//! (= + - @ tab CR LF) is written with a leading `'`; in the `;`-joined
//! lists (`raters`, `flags`) so is every part; other cells keep the rest of
//! their text as written. Numbers are not touched; the JSON export keeps the
//! values as they are. And `--bom`: a UTF-8 byte-order mark before the same
//! CSV, refused with JSON.
//!
//! The input is built so that every kind of text cell (employee id and
//! name, department id, department grade, group (pool id and lone department
//! id), raters, auto grade, grade, override reason) starts with every one
//! of the characters.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fs;
use std::path::Path;
use std::process::Output;

use serde_json::{Value, json};

use crate::support::{fixture, run};

/// OWASP's CSV-injection list (pages/attacks/CSV_Injection in
/// OWASP/www-community, line feed added in 2025).
const OWASP: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// Full-width forms: not on OWASP's list, written as they are.
const FULL_WIDTH: [char; 4] = ['＝', '＋', '－', '＠'];

const TEXT_COLUMNS: [&str; 10] = [
    "employee_id",
    "employee_name",
    "department_id",
    "department_grade",
    "group",
    "raters",
    "auto_grade",
    "grade",
    "override_reason",
    "flags",
];

/// The `;`-joined list columns, defused part by part (contract 6.1).
const LIST_COLUMNS: [&str; 2] = ["raters", "flags"];

/// What calibra must write for a text value of `column`, worked out here
/// independently: a list part by part, any other cell only at its start.
pub(crate) fn defused(column: &str, value: &str) -> String {
    let one = |part: &str| {
        if part.starts_with(OWASP) {
            format!("'{part}")
        } else {
            part.to_string()
        }
    };
    if LIST_COLUMNS.contains(&column) {
        value.split(';').map(one).collect::<Vec<_>>().join(";")
    } else {
        one(value)
    }
}

/// Seven grades, seven departments (even ones pooled alone under their own
/// pool id), 7 x 7 employees, seven raters; every id, name and reason
/// starting with one of the OWASP characters; plus one employee and one
/// department per full-width character.
pub(crate) fn write_input(dir: &Path) {
    let starts: Vec<char> = OWASP.to_vec();
    let grade = |g: usize| format!("{}G{g}", starts[g]);
    let department_grade = |k: usize| format!("{}K{k}", starts[k]);
    let grades: Vec<Value> = (0..7).map(|g| json!({ "id": grade(g) })).collect();
    let row: BTreeMap<String, &str> = (0..7)
        .map(|g| (grade(g), if g == 0 { "0.4" } else { "0.1" }))
        .collect();
    let quotas: BTreeMap<String, Value> =
        (0..7).map(|k| (department_grade(k), json!(row))).collect();
    let policy = json!({
        "cycle": "=cycle",
        "score": { "min": 0, "max": 100, "decimals": 1 },
        "grades": grades,
        "department_grades": (0..7).map(department_grade).collect::<Vec<_>>(),
        "quotas": quotas,
    });
    let mut departments: Vec<Value> = (0..7)
        .map(|i| {
            let mut d = json!({ "id": format!("{}D{i}", starts[i]), "grade": department_grade(i) });
            if i % 2 == 0 {
                d["pool"] = json!(format!("{}P{i}", starts[i]));
            }
            d
        })
        .collect();
    let mut employees: Vec<Value> = Vec::new();
    for i in 0..7 {
        for j in 0..7 {
            employees.push(json!({
                "id": format!("{}E{i}{j}", starts[j]),
                "name": format!("{}名{i}{j}", starts[(i + j) % 7]),
                "department": format!("{}D{i}", starts[i]),
            }));
        }
    }
    for (f, c) in FULL_WIDTH.iter().enumerate() {
        departments.push(json!({ "id": format!("{c}W{f}"), "grade": department_grade(0) }));
        employees.push(json!({
            "id": format!("{c}F{f}"),
            "name": format!("{c}全形{f}"),
            "department": format!("{c}W{f}"),
        }));
    }
    let org = json!({ "departments": departments, "employees": employees });
    fs::create_dir_all(dir.join("submissions")).expect("mkdir");
    let pretty = |v: &Value| serde_json::to_string_pretty(v).expect("json");
    fs::write(dir.join("policy.json"), pretty(&policy)).expect("write");
    fs::write(dir.join("org.json"), pretty(&org)).expect("write");
    for k in 0..7 {
        // Each employee (i, j) is rated by raters j and j + 1: two raters
        // per cell, both starting with a formula character.
        let mut ratings = Vec::new();
        for i in 0..7 {
            for (j, start) in starts.iter().enumerate() {
                if j == k || (j + 1) % 7 == k {
                    ratings.push(json!({
                        "employee": format!("{start}E{i}{j}"),
                        "score": 50 + 3 * i + j + k,
                    }));
                }
            }
        }
        if k == 0 {
            for (f, c) in FULL_WIDTH.iter().enumerate() {
                ratings.push(json!({ "employee": format!("{c}F{f}"), "score": 70 }));
            }
        }
        let submission = json!({
            "rater": { "id": format!("{}R{k}", starts[k]), "name": format!("{}rater", starts[k]) },
            "ratings": ratings,
        });
        fs::write(
            dir.join(format!("submissions/r{k}.json")),
            pretty(&submission),
        )
        .expect("write");
    }
}

/// Overrides that put every grade in the `grade` column, with reasons that
/// start with every character (and one with a formula after a `;`).
pub(crate) fn write_session(path: &Path) {
    let decisions: Vec<Value> = (0..7)
        .map(|i| {
            json!({
                "kind": "override",
                "employee": format!("{}E{i}0", OWASP[0]),
                "grade": format!("{}G{}", OWASP[(i + 1) % 7], (i + 1) % 7),
                // Kept as written (contract 6.1): tab, CR and LF lead too,
                // and the formula after the `;` stays as it is.
                "reason": format!("{c}reason {i};{c}=HYPERLINK(\"x\")", c = OWASP[i]),
            })
        })
        .collect();
    let session = json!({ "version": 1, "decisions": decisions });
    fs::write(path, serde_json::to_string_pretty(&session).expect("json")).expect("write");
}

pub(crate) fn export(dir: &Path, session: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<OsString> = vec![
        "export".into(),
        dir.into(),
        "--session".into(),
        session.into(),
        "--out".into(),
        out.into(),
    ];
    args.extend(extra.iter().map(OsString::from));
    run(&args)
}

fn json_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
            .join(";"),
        other => other.to_string(),
    }
}

#[test]
fn every_text_cell_is_defused_for_every_owasp_character() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("in");
    write_input(&dir);
    let session = root.path().join("session.json");
    write_session(&session);

    let csv_path = root.path().join("grades.csv");
    let output = export(&dir, &session, &csv_path, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let json_path = root.path().join("grades.json");
    let output = export(&dir, &session, &json_path, &["--format", "json"]);
    assert_eq!(output.status.code(), Some(0));

    let json: Value = serde_json::from_slice(&fs::read(&json_path).expect("json")).expect("json");
    let rows = json["employees"].as_array().expect("employees");
    let bytes = fs::read(&csv_path).expect("csv");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().expect("header").clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| unreachable!("no column {name}"))
    };
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(records.len(), rows.len());

    let mut starts: BTreeMap<&str, BTreeSet<char>> = BTreeMap::new();
    let mut cells = 0;
    for (record, row) in records.iter().zip(rows) {
        for name in TEXT_COLUMNS {
            let value = json_text(&row[name]);
            let cell = &record[column(name)];
            assert_eq!(
                cell,
                defused(name, &value),
                "{name} of {:?}",
                row["employee_id"]
            );
            assert!(!cell.starts_with(OWASP), "{name}: {cell:?}");
            if LIST_COLUMNS.contains(&name) {
                for part in cell.split(';') {
                    assert!(!part.starts_with(OWASP), "{name}: {cell:?}");
                }
            }
            if let Some(first) = value.chars().next() {
                starts.entry(name).or_default().insert(first);
                for part in value.split(';').skip(1) {
                    starts.entry(name).or_default().extend(part.chars().next());
                }
            }
            cells += 1;
        }
        // Numbers are never prefixed.
        for name in ["raw_score", "final_score", "rank"] {
            let cell = &record[column(name)];
            assert!(!cell.starts_with('\''), "{name}: {cell:?}");
        }
    }
    // The input really did put every character first in every kind of cell
    // (auto grades only reach the better grades; flags are calibra's own).
    for name in TEXT_COLUMNS {
        let seen = starts.get(name).cloned().unwrap_or_default();
        if name == "flags" {
            continue;
        }
        if name == "auto_grade" {
            assert!(seen.len() >= 3, "{name}: {seen:?}");
            continue;
        }
        for c in OWASP {
            assert!(seen.contains(&c), "no {name} starts with {c:?}: {seen:?}");
        }
    }
    eprintln!(
        "spreadsheet safety: {cells} text cells checked in {} rows",
        records.len()
    );

    // Full-width forms are not on OWASP's list: written as they are.
    for c in FULL_WIDTH {
        let row = records
            .iter()
            .find(|r| r[column("employee_id")].starts_with(c))
            .unwrap_or_else(|| unreachable!("no employee starting with {c}"));
        assert!(row[column("employee_name")].starts_with(c));
    }
}

#[test]
fn bom_puts_a_byte_order_mark_before_the_same_csv() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("in");
    write_input(&dir);
    let session = root.path().join("session.json");
    write_session(&session);
    let plain = root.path().join("plain.csv");
    let marked = root.path().join("marked.csv");
    assert_eq!(export(&dir, &session, &plain, &[]).status.code(), Some(0));
    assert_eq!(
        export(&dir, &session, &marked, &["--bom"]).status.code(),
        Some(0)
    );
    let plain = fs::read(plain).expect("plain");
    let marked = fs::read(marked).expect("marked");
    assert!(!plain.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(&marked[..3], b"\xEF\xBB\xBF");
    assert_eq!(&marked[3..], plain.as_slice());
    // Chinese names are still UTF-8 after the mark.
    assert!(
        String::from_utf8(marked[3..].to_vec())
            .expect("utf-8")
            .contains("名00")
    );

    // --bom with --format csv given explicitly is the same.
    let explicit = root.path().join("explicit.csv");
    let output = export(&dir, &session, &explicit, &["--bom", "--format", "csv"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(fs::read(explicit).expect("explicit"), marked);
}

#[test]
fn bom_with_json_is_a_usage_error_and_writes_nothing() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("in");
    write_input(&dir);
    let session = root.path().join("session.json");
    write_session(&session);
    let out = root.path().join("out.json");
    let output = export(&dir, &session, &out, &["--bom", "--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--bom"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn the_library_export_with_a_bom_is_the_mark_and_the_plain_csv() {
    let small = fixture("small");
    let files = calibra::engine::load::read_folder(&small);
    let input = calibra::engine::load::load(files).expect("valid").input;
    let session = calibra::engine::session::Session::new(input);
    let plain = calibra::engine::export::to_csv(&session);
    let marked = calibra::engine::export::to_csv_with_bom(&session);
    assert_eq!(marked[..3], *calibra::engine::export::BOM);
    assert_eq!(marked[3..], plain[..]);
}
