//! The bonus by grade (contract 6.5) through the binary: the export of
//! fixtures/small-bonus, and a pool nobody can share in.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::support::{fixture, run};

fn calibra(args: &[&std::ffi::OsStr]) -> Output {
    run(args)
}

fn export(dir: &Path, format: &str, extra: &[&str]) -> (Output, Vec<u8>) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out = tmp.path().join(format!("out.{format}"));
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "export".as_ref(),
        dir.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        format.as_ref(),
    ];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    let output = calibra(&args);
    let bytes = fs::read(&out).unwrap_or_default();
    (output, bytes)
}

/// Whole cents of a printed bonus.
fn cents(text: &str) -> u64 {
    text.replace('.', "").parse().expect("a bonus")
}

#[test]
fn the_small_bonus_csv_ends_with_bonuses_that_add_up_to_the_pool() {
    let (output, bytes) = export(&fixture("small-bonus"), "csv", &[]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let csv = String::from_utf8(bytes).expect("utf8");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "employee_id,employee_name,department_id,department_grade,group,raters,raw_score,final_score,rank,auto_grade,grade,override_reason,flags,bonus"
        )
    );
    let bonuses: Vec<(String, String)> = lines
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            (cells[0].to_string(), cells[cells.len() - 1].to_string())
        })
        .collect();
    let expected = [
        ("E01", "8.47"),
        ("E02", "12.71"),
        ("E03", "14.12"),
        ("E04", "16.94"),
        ("E05", "10.59"),
        ("E06", "9.41"),
        ("E07", "2.35"),
        ("E08", ""),
        ("E09", "5.65"),
        ("E10", "0.00"),
        ("E11", "4.70"),
        ("E12", "15.06"),
    ];
    let got: Vec<(&str, &str)> = bonuses
        .iter()
        .map(|(id, b)| (id.as_str(), b.as_str()))
        .collect();
    assert_eq!(got, expected);
    let total: u64 = bonuses
        .iter()
        .filter(|(_, b)| !b.is_empty())
        .map(|(_, b)| cents(b))
        .sum();
    assert_eq!(total, 10_000);
}

#[test]
fn the_small_bonus_json_carries_the_pool_and_each_bonus() {
    let (output, bytes) = export(&fixture("small-bonus"), "json", &[]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(
        json["bonus"],
        serde_json::json!({ "pool": "100.00", "allocated": "100.00" })
    );
    let employees = json["employees"].as_array().expect("rows");
    assert_eq!(employees[1]["bonus"], "12.71");
    assert_eq!(employees[7]["bonus"], serde_json::Value::Null);
    assert!(employees.iter().all(|e| e.get("bonus").is_some()));
}

#[test]
fn without_a_bonus_the_exports_have_none() {
    for format in ["csv", "json"] {
        let (output, bytes) = export(&fixture("small"), format, &[]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let text = String::from_utf8(bytes).expect("utf8");
        assert!(!text.contains("bonus"), "{format}: {text}");
    }
}

#[test]
fn a_pool_nobody_shares_in_warns_but_does_not_fail_strict() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join("input");
    fs::create_dir_all(dir.join("submissions")).expect("folders");
    let from = fixture("small-bonus");
    for name in [
        "org.json",
        "submissions/r1.json",
        "submissions/r2.json",
        "submissions/r3.json",
    ] {
        fs::copy(from.join(name), dir.join(name)).expect("copy");
    }
    // E08, the only unrated employee, would fail --strict: rate them.
    let r2 = fs::read_to_string(dir.join("submissions/r2.json")).expect("r2");
    assert!(r2.contains("\"ratings\": ["), "{r2}");
    fs::write(
        dir.join("submissions/r2.json"),
        r2.replacen(
            "\"ratings\": [",
            "\"ratings\": [\n    { \"employee\": \"E08\", \"score\": 10 },",
            1,
        ),
    )
    .expect("write r2");
    let policy = fs::read_to_string(from.join("policy.json")).expect("policy");
    let zero = policy.replace(
        "\"S\": \"2\", \"A\": \"1.5\", \"B\": \"1\", \"C\": \"0.5\"",
        "\"S\": \"0\", \"A\": \"0\", \"B\": \"0\", \"C\": \"0\"",
    );
    assert_ne!(zero, policy);
    fs::write(dir.join("policy.json"), zero).expect("write policy");

    let (output, bytes) = export(&dir, "json", &["--strict"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The boundary tie of E05 and E06 fails --strict; nothing about the bonus.
    assert!(stderr.contains("was not allocated"), "{stderr}");
    assert!(stderr.contains("--strict: 1 warning"), "{stderr}");
    assert!(bytes.is_empty());

    let (output, bytes) = export(&dir, "json", &[]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(
        json["bonus"],
        serde_json::json!({ "pool": "100.00", "allocated": "0.00" })
    );
    assert!(
        json["employees"]
            .as_array()
            .expect("rows")
            .iter()
            .all(|e| e["bonus"] == "0.00")
    );
}

/// The demo's pool as the README works it: NT$1,000,000 at 0 places, by
/// grade (S 2, A 1.5, B 1, C 0.5, D 0) and department grade (A 1.2, B 1,
/// C 0.8), equal bases. With fixtures/demo/session.json the shares add up
/// to S = 88.7; E0001 (A in an A department, share 1.8) gets
/// floor(1,000,000 x 1.8 / 88.7) = floor(20293.12) = 20293.
#[test]
fn the_demo_shares_its_pool_as_the_readme_says() {
    let session = fixture("demo").join("session.json");
    let by_grade = |extra: &[&str]| {
        let (output, bytes) = export(&fixture("demo"), "csv", extra);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let mut totals = std::collections::BTreeMap::<String, (u32, u64)>::new();
        let mut e0001 = String::new();
        for row in reader.records() {
            let row = row.expect("a row");
            if row[0] == *"E0001" {
                e0001 = row[13].to_string();
            }
            if !row[10].is_empty() {
                let total = totals.entry(row[10].to_string()).or_default();
                total.0 += 1;
                total.1 += row[13].parse::<u64>().expect("whole dollars");
            }
        }
        (totals, e0001)
    };
    let expect = |list: [(&str, u32, u64); 5]| {
        list.iter()
            .map(|&(g, n, total)| (g.to_string(), (n, total)))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let (now, e0001) = by_grade(&["--session", session.to_str().expect("utf8")]);
    assert_eq!(e0001, "20293");
    assert_eq!(
        now,
        expect([
            ("S", 7, 171_362),
            ("A", 20, 372_040),
            ("B", 34, 399_101),
            ("C", 10, 57_497),
            ("D", 5, 0)
        ])
    );
    // Before calibration (no decisions): S = 81.5, E0001's share 1.8.
    let (before, e0001) = by_grade(&[]);
    assert_eq!(e0001, "22086");
    assert_eq!(
        before,
        expect([
            ("S", 5, 127_604),
            ("A", 19, 364_418),
            ("B", 36, 441_720),
            ("C", 11, 66_258),
            ("D", 5, 0)
        ])
    );
}
