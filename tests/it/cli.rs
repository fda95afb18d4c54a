//! The binary end to end on fixtures/demo and fixtures/small: `check`,
//! `export` (CSV and JSON, contract section 5), `--strict`, `stats --format
//! json`, and the built-in demo's file list.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use calibra::engine::decision::SessionFile;
use calibra::engine::export;
use calibra::engine::load::load;
use calibra::engine::session::Session;
use serde_json::Value;

use crate::support::{fixture, names, run, text};

/// The contract's CSV columns (section 5), written out here on purpose rather
/// than taken from the crate.
/// The contract's columns, and `bonus` last: the demo's policy shares a
/// bonus pool (contract 6.5).
const CONTRACT_COLUMNS: [&str; 14] = [
    "employee_id",
    "employee_name",
    "department_id",
    "department_grade",
    "group",
    "raters",
    "raw_score",
    "final_score",
    "rank",
    "auto_grade",
    "grade",
    "override_reason",
    "flags",
    "bonus",
];

const E0008_REASON: &str = "主導 11.11 預售高峰排班，整理新品 FAQ 供全組使用";

fn demo_session() -> PathBuf {
    fixture("demo").join("session.json")
}

fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// `calibra export fixtures/demo --session session.json --out DIR/NAME --format F`.
fn export_demo(dir: &Path, name: &str, format: &str) -> Vec<u8> {
    let out = dir.join(name);
    let output = run([
        OsString::from("export"),
        fixture("demo").into(),
        "--session".into(),
        demo_session().into(),
        "--out".into(),
        out.clone().into(),
        "--format".into(),
        format.into(),
    ]);
    assert_exit(&output, 0);
    fs::read(&out).expect("the export was written")
}

/// Employee ids of fixtures/demo/org.json, in file order.
fn demo_org_ids() -> Vec<String> {
    let org: Value = serde_json::from_str(
        &fs::read_to_string(fixture("demo").join("org.json")).expect("read org.json"),
    )
    .expect("org.json is JSON");
    org["employees"]
        .as_array()
        .expect("employees")
        .iter()
        .map(|e| e["id"].as_str().expect("an id").to_string())
        .collect()
}

type CsvRow = BTreeMap<String, String>;

fn parse_csv(bytes: &[u8]) -> (Vec<String>, Vec<CsvRow>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|record| {
            let record = record.expect("a well-formed record");
            header
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

fn find<'a>(rows: &'a [CsvRow], id: &str) -> &'a CsvRow {
    rows.iter()
        .find(|r| r["employee_id"] == id)
        .ok_or(format!("no row for {id}"))
        .expect("the employee has a row")
}

fn is_sorted_list(cell: &str) -> bool {
    if cell.is_empty() {
        return true;
    }
    let items: Vec<&str> = cell.split(';').collect();
    !items.iter().any(|i| i.is_empty())
        && items.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes())
}

fn is_score(cell: &str) -> bool {
    match cell.split_once('.') {
        Some((whole, places)) => {
            !whole.is_empty()
                && whole.bytes().all(|b| b.is_ascii_digit())
                && places.len() == 2
                && places.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

// ------------------------------------------------------------------- check

#[test]
fn check_demo_with_session_prints_warnings_and_the_summary() {
    let output = run([
        OsString::from("check"),
        fixture("demo").into(),
        "--session".into(),
        demo_session().into(),
    ]);
    assert_exit(&output, 0);
    let stdout = text(&output.stdout);
    let summary = stdout
        .lines()
        .find(|l| l.starts_with("ok:"))
        .ok_or(stdout.clone())
        .expect("a summary line");
    for part in [
        "78 employees",
        "76 rated",
        "8 raters",
        "80 ratings",
        "5 departments",
        "4 groups",
        "7 decisions",
        "0 errors",
        "5 warnings",
    ] {
        assert!(summary.contains(part), "{part:?} not in {summary:?}");
    }
    let warnings: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 5, "{stdout}");
    for (needle, count) in [
        ("\"E0022\"", 1),
        ("\"E0042\"", 1),
        ("quota violation in group \"CS-PRE\"", 2),
        ("boundary tie in group \"CS-RET\"", 1),
    ] {
        let n = warnings.iter().filter(|w| w.contains(needle)).count();
        assert_eq!(n, count, "{needle}: {warnings:#?}");
    }
    // stderr only says how many decisions applied (contract 6.1).
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("calibra: applied 7 decisions from ") && stderr.contains("session.json"),
        "{stderr}"
    );
}

#[test]
fn check_small_prints_the_summary() {
    let output = run([OsString::from("check"), fixture("small").into()]);
    assert_exit(&output, 0);
    let stdout = text(&output.stdout);
    let summary = stdout
        .lines()
        .find(|l| l.starts_with("ok:"))
        .ok_or(stdout.clone())
        .expect("a summary line");
    for part in [
        "12 employees",
        "11 rated",
        "3 raters",
        "12 ratings",
        "4 departments",
        "3 groups",
        "0 decisions",
        "0 errors",
    ] {
        assert!(summary.contains(part), "{part:?} not in {summary:?}");
    }
    assert!(stdout.contains("\"E08\""), "the unrated warning: {stdout}");
}

// ------------------------------------------------------------------ export

#[test]
fn csv_export_of_the_demo_follows_the_contract() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let bytes = export_demo(tmp.path(), "grades.csv", "csv");
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "no byte-order mark");
    let (header, rows) = parse_csv(&bytes);
    assert_eq!(header, CONTRACT_COLUMNS);

    let ids: Vec<&str> = rows.iter().map(|r| r["employee_id"].as_str()).collect();
    assert_eq!(rows.len(), 78);
    assert_eq!(
        ids,
        demo_org_ids(),
        "one row per employee, in org.json order"
    );

    // Unrated: empty score, rank and grade cells, flag `unrated`.
    let unrated: Vec<&str> = rows
        .iter()
        .filter(|r| r["flags"].split(';').any(|f| f == "unrated"))
        .map(|r| r["employee_id"].as_str())
        .collect();
    assert_eq!(unrated, ["E0022", "E0042"]);
    for id in unrated {
        let r = find(&rows, id);
        for column in [
            "raters",
            "raw_score",
            "final_score",
            "rank",
            "auto_grade",
            "grade",
            "override_reason",
        ] {
            assert_eq!(r[column], "", "{id}: {column}");
        }
        assert_eq!(r["flags"], "unrated", "{id}");
    }

    // The override: auto grade A, final grade S, with its reason and flag.
    let e0008 = find(&rows, "E0008");
    assert_eq!(
        (
            e0008["group"].as_str(),
            e0008["final_score"].as_str(),
            e0008["rank"].as_str(),
            e0008["auto_grade"].as_str(),
            e0008["grade"].as_str(),
            e0008["flags"].as_str(),
        ),
        ("CS-PRE", "88.00", "3", "A", "S", "override")
    );
    assert_eq!(e0008["override_reason"], E0008_REASON);
    // E0064's override was cleared later in the session.
    let e0064 = find(&rows, "E0064");
    assert_eq!(
        (
            e0064["grade"].as_str(),
            e0064["override_reason"].as_str(),
            e0064["flags"].as_str()
        ),
        ("C", "", "")
    );
    let overridden: Vec<&str> = rows
        .iter()
        .filter(|r| !r["override_reason"].is_empty())
        .map(|r| r["employee_id"].as_str())
        .collect();
    assert_eq!(overridden, ["E0008"]);

    // Raters and flags: `;`-joined, ascending, no repeats.
    assert_eq!(find(&rows, "E0070")["raters"], "M07;M08");
    assert_eq!(find(&rows, "E0043")["raters"], "M04;M05");
    assert_eq!(find(&rows, "E0060")["raters"], "M05;M06");
    assert_eq!(find(&rows, "E0052")["flags"], "boundary_tie");
    for r in &rows {
        assert!(is_sorted_list(&r["raters"]), "{r:?}");
        assert!(is_sorted_list(&r["flags"]), "{r:?}");
    }

    // Department grade after the decision; group = pool or department.
    let e0050 = find(&rows, "E0050");
    assert_eq!(
        (e0050["department_grade"].as_str(), e0050["group"].as_str()),
        ("A", "CS-RET")
    );
    let e0075 = find(&rows, "E0075");
    assert_eq!(
        (
            e0075["department_id"].as_str(),
            e0075["department_grade"].as_str(),
            e0075["group"].as_str()
        ),
        ("CS-LOG", "C", "CS-SMALL")
    );

    // Every rated row: scores with exactly two places, a rank and grades.
    for r in rows.iter().filter(|r| r["flags"] != "unrated") {
        assert!(is_score(&r["raw_score"]), "{r:?}");
        assert!(is_score(&r["final_score"]), "{r:?}");
        assert!(r["rank"].parse::<u32>().is_ok_and(|n| n >= 1), "{r:?}");
        assert!(
            ["S", "A", "B", "C", "D"].contains(&r["grade"].as_str()),
            "{r:?}"
        );
        assert!(!r["raters"].is_empty(), "{r:?}");
    }
    // The rater scale changed M07's people: E0067 97.00 -> 93.97.
    let e0067 = find(&rows, "E0067");
    assert_eq!(
        (e0067["raw_score"].as_str(), e0067["final_score"].as_str()),
        ("97.00", "93.97")
    );
}

#[test]
fn json_export_of_the_demo_follows_the_contract() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let bytes = export_demo(tmp.path(), "grades.json", "json");
    let doc: Value = serde_json::from_slice(&bytes).expect("the export is JSON");
    assert_eq!(doc["cycle"], "2026 H2");

    let employees = doc["employees"].as_array().expect("employees");
    assert_eq!(employees.len(), 78);
    let ids: Vec<&str> = employees
        .iter()
        .map(|e| e["employee_id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, demo_org_ids());
    for e in employees {
        let keys: Vec<&str> = e
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = CONTRACT_COLUMNS.to_vec();
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected, "{e}");
        assert!(e["raters"].is_array() && e["flags"].is_array(), "{e}");
    }
    let by_id = |id: &str| -> &Value {
        employees
            .iter()
            .find(|e| e["employee_id"] == id)
            .ok_or(format!("no employee {id}"))
            .expect("the employee is exported")
    };
    let e0008 = by_id("E0008");
    assert_eq!(e0008["raw_score"], "88.00", "scores are strings");
    assert_eq!(e0008["final_score"], "88.00");
    assert_eq!(e0008["rank"], 3);
    assert_eq!(e0008["auto_grade"], "A");
    assert_eq!(e0008["grade"], "S");
    assert_eq!(e0008["override_reason"], E0008_REASON);
    assert_eq!(e0008["flags"], serde_json::json!(["override"]));
    assert_eq!(e0008["raters"], serde_json::json!(["M01"]));
    assert_eq!(by_id("E0070")["raters"], serde_json::json!(["M07", "M08"]));
    let e0022 = by_id("E0022");
    for key in [
        "raw_score",
        "final_score",
        "rank",
        "auto_grade",
        "grade",
        "override_reason",
    ] {
        assert!(e0022[key].is_null(), "E0022 {key}: {}", e0022[key]);
    }
    assert_eq!(e0022["raters"], serde_json::json!([]));
    assert_eq!(e0022["flags"], serde_json::json!(["unrated"]));
    assert!(by_id("E0001")["override_reason"].is_null());
    assert_eq!(by_id("E0001")["flags"], serde_json::json!([]));

    let groups = doc["groups"].as_array().expect("groups");
    let group_ids: Vec<&str> = groups
        .iter()
        .map(|g| g["id"].as_str().expect("id"))
        .collect();
    assert_eq!(group_ids, ["CS-PRE", "CS-POST", "CS-RET", "CS-SMALL"]);
    let headcounts: Vec<u64> = groups
        .iter()
        .map(|g| g["headcount"].as_u64().expect("headcount"))
        .collect();
    assert_eq!(headcounts, [21, 19, 18, 18]);
    for g in groups {
        let grades = g["grades"].as_array().expect("grades per group");
        let names: Vec<&str> = grades
            .iter()
            .map(|x| x["grade"].as_str().expect("grade"))
            .collect();
        assert_eq!(names, ["S", "A", "B", "C", "D"], "{g}");
        let total = |key: &str| -> u64 {
            grades
                .iter()
                .map(|x| x[key].as_u64().expect("a count"))
                .sum()
        };
        let headcount = g["headcount"].as_u64().expect("headcount");
        for key in ["seats", "filled", "count"] {
            assert_eq!(total(key), headcount, "{}: {key}", g["id"]);
        }
        let quota_sum: rust_decimal::Decimal = grades
            .iter()
            .map(|x| {
                x["quota"]
                    .as_str()
                    .expect("quota is a decimal string")
                    .parse::<rust_decimal::Decimal>()
                    .expect("a decimal")
            })
            .sum();
        assert_eq!(quota_sum, rust_decimal::Decimal::from(headcount), "{g}");
    }
    let pre = &groups[0]["grades"];
    let column = |key: &str| -> Vec<Value> { (0..5).map(|i| pre[i][key].clone()).collect() };
    // CS-PRE, grade A, 21 rated: q = 3.15 6.3 8.4 2.1 1.05; seats 3 6 9 2 1;
    // two reach 90 (S fills 2, A 7); E0008's override makes it 3 and 6.
    assert_eq!(
        column("quota"),
        serde_json::json!(["3.15", "6.3", "8.4", "2.1", "1.05"])
            .as_array()
            .expect("array")
            .clone()
    );
    assert_eq!(column("seats"), [3, 6, 9, 2, 1].map(Value::from));
    assert_eq!(column("filled"), [2, 7, 9, 2, 1].map(Value::from));
    assert_eq!(column("count"), [3, 6, 9, 2, 1].map(Value::from));

    let decisions = doc["decisions"].as_array().expect("decisions");
    let kinds: Vec<&str> = decisions
        .iter()
        .map(|d| d["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(
        kinds,
        [
            "rater_scale",
            "rater_scale",
            "rater_scale",
            "department_grade",
            "override",
            "override",
            "clear_override"
        ]
    );
    assert_eq!(decisions[0]["rater"], "M07");
    assert_eq!(decisions[0]["method"], "zscore");
    assert_eq!(decisions[0]["at"], "2026-11-27T09:12:00Z");
    assert_eq!(decisions[2]["stretch"], "2.5");
    assert_eq!(decisions[3]["department"], "CS-RET");
    assert_eq!(decisions[4]["employee"], "E0008");
    assert_eq!(decisions[4]["reason"], E0008_REASON);
    assert_eq!(decisions[6]["employee"], "E0064");
}

#[test]
fn csv_and_json_exports_agree_cell_by_cell() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let (_, rows) = parse_csv(&export_demo(tmp.path(), "g.csv", "csv"));
    let doc: Value =
        serde_json::from_slice(&export_demo(tmp.path(), "g.json", "json")).expect("JSON");
    let employees = doc["employees"].as_array().expect("employees");
    assert_eq!(rows.len(), employees.len());
    for (row, e) in rows.iter().zip(employees) {
        for column in CONTRACT_COLUMNS {
            let json = match &e[column] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().expect("a string item"))
                    .collect::<Vec<_>>()
                    .join(";"),
                other => format!("unexpected {other}"),
            };
            assert_eq!(row[column], json, "{} {column}", row["employee_id"]);
        }
    }
}

#[cfg(unix)]
#[test]
fn exports_are_readable_by_the_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("a temporary folder");
    for (name, format) in [("g.csv", "csv"), ("g.json", "json")] {
        export_demo(tmp.path(), name, format);
        let mode = fs::metadata(tmp.path().join(name))
            .expect("the export exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{name}: {mode:o}");
    }
    // Replacing a world-readable file leaves it owner-only too.
    let path = tmp.path().join("g.csv");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
    export_demo(tmp.path(), "g.csv", "csv");
    let mode = fs::metadata(&path).expect("exists").permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}

#[test]
fn exporting_twice_gives_identical_bytes() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    for format in ["csv", "json"] {
        let first = export_demo(tmp.path(), &format!("a.{format}"), format);
        let second = export_demo(tmp.path(), &format!("b.{format}"), format);
        assert!(!first.is_empty());
        assert!(first == second, "{format} exports differ");
    }
}

#[test]
fn strict_fails_on_the_demos_warnings_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out = tmp.path().join("strict.csv");
    let strict = |out: &Path| {
        run([
            OsString::from("export"),
            fixture("demo").into(),
            "--session".into(),
            demo_session().into(),
            "--out".into(),
            out.into(),
            "--strict".into(),
        ])
    };
    let output = strict(&out);
    assert_exit(&output, 1);
    assert!(!out.exists(), "--strict must not write");
    let stderr = text(&output.stderr);
    assert!(stderr.contains("\"E0022\""), "{stderr}");
    assert!(stderr.contains("quota violation"), "{stderr}");
    assert!(stderr.contains("boundary tie"), "{stderr}");

    fs::write(&out, "old\n").expect("seed");
    assert_exit(&strict(&out), 1);
    assert_eq!(fs::read(&out).expect("still there"), b"old\n");
    let left: Vec<_> = fs::read_dir(tmp.path()).expect("ls").collect();
    assert_eq!(left.len(), 1, "no temporary files are left");
}

/// A clean input folder: one department, one rater with five distinct scores.
fn write_clean_input(dir: &Path) {
    fs::create_dir_all(dir.join("submissions")).expect("mkdir");
    fs::write(
        dir.join("policy.json"),
        r#"{
  "cycle": "clean",
  "score": { "min": 0, "max": 10, "decimals": 0 },
  "grades": [ { "id": "A" }, { "id": "B" } ],
  "department_grades": ["X"],
  "quotas": { "X": { "A": "0.4", "B": "0.6" } }
}"#,
    )
    .expect("policy");
    fs::write(
        dir.join("org.json"),
        r#"{
  "departments": [ { "id": "=D", "name": "-dept", "grade": "X" } ],
  "employees": [
    { "id": "E1", "name": "=HYPERLINK(\"x\")", "department": "=D" },
    { "id": "E2", "name": "+two", "department": "=D" },
    { "id": "E3", "name": "@three", "department": "=D" },
    { "id": "E4", "name": "four", "department": "=D" },
    { "id": "E5", "name": "-5", "department": "=D" }
  ]
}"#,
    )
    .expect("org");
    fs::write(
        dir.join("submissions/r.csv"),
        "rater_id,rater_name,employee_id,score\n\
         R1,Rater,E1,9\nR1,Rater,E2,7\nR1,Rater,E3,5\nR1,Rater,E4,3\nR1,Rater,E5,1\n",
    )
    .expect("submissions");
}

#[test]
fn strict_passes_a_clean_input_and_defuses_formula_cells() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join("clean");
    write_clean_input(&dir);
    let out = tmp.path().join("out.csv");
    let output = run([
        OsString::from("export"),
        dir.into(),
        "--out".into(),
        out.clone().into(),
        "--strict".into(),
    ]);
    assert_exit(&output, 0);
    let (_, rows) = parse_csv(&fs::read(&out).expect("written"));
    let cells: Vec<(&str, &str, &str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["employee_id"].as_str(),
                r["employee_name"].as_str(),
                r["department_id"].as_str(),
                r["group"].as_str(),
                r["raw_score"].as_str(),
                r["grade"].as_str(),
            )
        })
        .collect();
    // Seats: 5 * .4 = 2 A, 3 B.
    assert_eq!(
        cells,
        [
            ("E1", "'=HYPERLINK(\"x\")", "'=D", "'=D", "9", "A"),
            ("E2", "'+two", "'=D", "'=D", "7", "A"),
            ("E3", "'@three", "'=D", "'=D", "5", "B"),
            ("E4", "four", "'=D", "'=D", "3", "B"),
            ("E5", "'-5", "'=D", "'=D", "1", "B"),
        ]
    );
}

// ------------------------------------------------------------------- stats

#[test]
fn stats_json_has_every_key_and_flags_the_demo_raters() {
    let output = run([
        OsString::from("stats"),
        fixture("demo").into(),
        "--session".into(),
        demo_session().into(),
        "--format".into(),
        "json".into(),
    ]);
    assert_exit(&output, 0);
    let doc: Value = serde_json::from_slice(&output.stdout).expect("stats JSON");
    let pool = doc["pool"].as_object().expect("a pool object");
    for key in ["n", "mean", "sd", "median", "min", "max"] {
        assert!(pool.contains_key(key), "pool lacks {key}");
    }
    assert_eq!(doc["pool"]["n"], 80);
    assert_eq!(doc["pool"]["mean"], "78.73125");
    assert_eq!(doc["pool"]["median"], "79.5");
    assert_eq!(doc["pool"]["min"], "61.5");
    assert_eq!(doc["pool"]["max"], "97");

    let raters = doc["raters"].as_array().expect("raters");
    let ids: Vec<&str> = raters
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    // In id order (the input lists M05 and M06 last).
    assert_eq!(
        ids,
        ["M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08"]
    );
    // sqrt of the pool's sample variance, 7.91667194..., to 6 places: not
    // the 28 digits of a Decimal.
    assert_eq!(doc["pool"]["sd"], "7.916672");
    assert_eq!(raters[0]["mean"], "79.681818");
    const KEYS: [&str; 16] = [
        "id",
        "name",
        "n",
        "mean",
        "sd",
        "median",
        "min",
        "max",
        "mean_diff",
        "ci_low",
        "ci_high",
        "effect_size",
        "sd_ratio",
        "flags",
        "implied_mix",
        "allowed_mix",
    ];
    for r in raters {
        let object = r.as_object().expect("a rater object");
        for key in KEYS {
            assert!(object.contains_key(key), "{} lacks {key}", r["id"]);
        }
        for mix in ["implied_mix", "allowed_mix"] {
            let shares = r[mix].as_object().expect("a mix object");
            let grades: Vec<&str> = shares.keys().map(String::as_str).collect();
            let mut grades = grades;
            grades.sort_unstable();
            assert_eq!(grades, ["A", "B", "C", "D", "S"], "{} {mix}", r["id"]);
            let total: f64 = shares.values().map(|v| v.as_f64().expect("share")).sum();
            assert!(
                (total - 1.0).abs() < 1e-3,
                "{} {mix} sums to {total}",
                r["id"]
            );
        }
    }
    let rater = |id: &str| -> &Value {
        raters
            .iter()
            .find(|r| r["id"] == id)
            .ok_or(format!("no rater {id}"))
            .expect("the rater is listed")
    };
    let flags = |id: &str| -> Vec<String> {
        rater(id)["flags"]
            .as_array()
            .expect("flags array")
            .iter()
            .map(|f| f.as_str().expect("flag name").to_string())
            .collect()
    };
    assert!(
        flags("M07").contains(&"lenient".to_string()),
        "{:?}",
        flags("M07")
    );
    assert!(
        flags("M04").contains(&"severe".to_string()),
        "{:?}",
        flags("M04")
    );
    assert!(
        flags("M06").contains(&"narrow".to_string()),
        "{:?}",
        flags("M06")
    );
    for id in ["M01", "M02", "M03", "M05", "M08"] {
        assert_eq!(flags(id), Vec::<String>::new(), "{id}");
    }
    // M07: n 10, mean 88.625; the other 70 ratings' mean is
    // (6298.5 - 886.25) / 70 = 77.3178..., so mean_diff = 11.3071...
    let m07 = rater("M07");
    assert_eq!(m07["n"], 10);
    assert_eq!(m07["mean"], "88.625");
    let diff = m07["mean_diff"].as_f64().expect("mean_diff");
    assert!((diff - 11.3071).abs() < 1e-3, "{diff}");
    let low = m07["ci_low"].as_f64().expect("ci_low");
    let high = m07["ci_high"].as_f64().expect("ci_high");
    assert!(
        low > 0.0 && low < diff && diff < high,
        "{low} {diff} {high}"
    );
    assert!(m07["effect_size"].as_f64().expect("g") >= 0.5);
    // M06 squeezes everyone between 79 and 81: sd/P well under 0.5.
    assert!(rater("M06")["sd_ratio"].as_f64().expect("ratio") < 0.5);
}

#[test]
fn stats_text_lists_every_rater() {
    let output = run([OsString::from("stats"), fixture("demo").into()]);
    assert_exit(&output, 0);
    let stdout = text(&output.stdout);
    let rows: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.len() == 3 && w.starts_with('M'))
        .collect();
    // Every rater, in id order (the input lists M05 and M06 last).
    assert_eq!(
        rows,
        ["M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08"],
        "{stdout}"
    );
}

// -------------------------------------------------------------- built-in demo

#[test]
fn demo_submissions_list_matches_the_fixture_folder() {
    let folder = fixture("demo").join("submissions");
    let on_disk = names(&folder);
    let listed: Vec<String> = calibra::demo::SUBMISSIONS
        .iter()
        .map(|(path, _)| {
            path.strip_prefix("submissions/")
                .ok_or(path.to_string())
                .expect("listed under submissions/")
                .to_string()
        })
        .collect();
    assert_eq!(listed, on_disk, "src/demo.rs SUBMISSIONS vs the folder");
    for (path, text) in calibra::demo::SUBMISSIONS {
        let disk = fs::read_to_string(fixture("demo").join(path)).expect("read");
        assert!(disk == text, "{path} differs from the compiled-in copy");
    }
}

#[test]
fn built_in_demo_grades_like_the_fixture_folder() {
    let loaded = load(calibra::demo::files())
        .map_err(|e| e.to_string())
        .expect("the built-in demo loads");
    let file = SessionFile::parse(&calibra::demo::session())
        .map_err(|e| e.to_string())
        .expect("the built-in session parses");
    let session = Session::replay(loaded.input, &file)
        .map_err(|e| e.to_string())
        .expect("the built-in session replays");
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let from_disk = export_demo(tmp.path(), "g.csv", "csv");
    assert!(export::to_csv(&session) == from_disk);
}
