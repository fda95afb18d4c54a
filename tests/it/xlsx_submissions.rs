//! Spreadsheet submissions (contract 6.3): workbooks built here with
//! rust_xlsxwriter (the one committed fixture is an encrypted workbook,
//! which it cannot write), loaded from input folders in temporary
//! directories. A table of malformed workbooks, each with the exact
//! messages naming file, sheet and cell; what valid cells read as; and the
//! demo folder written as workbooks exporting byte for byte the CSV of the
//! demo folder as it is.
//!
//! Self-contained (no `support` module) so that it can be moved as it is.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use calibra::engine::load::{self, Loaded};
use rust_xlsxwriter::{Chart, ChartType, ExcelDateTime, Format, Formula, Workbook, Worksheet};
use serde_json::Value;

const POLICY: &str = include_str!("../../fixtures/small/policy.json");

/// One department, four employees: one with an id that looks like a number.
const ORG: &str = r#"{
  "departments": [ { "id": "D1", "grade": "A" } ],
  "employees": [
    { "id": "E01", "name": "One", "department": "D1" },
    { "id": "E02", "name": "Two", "department": "D1" },
    { "id": "E03", "name": "Three", "department": "D1" },
    { "id": "1001", "name": "Four", "department": "D1" }
  ]
}"#;

const HEADER: [&str; 6] = [
    "rater_id",
    "rater_name",
    "employee_id",
    "score",
    "weight",
    "comment",
];

/// A cell as written into a test workbook.
#[derive(Clone, Debug)]
enum Cell {
    Text(&'static str),
    Number(f64),
    Bool(bool),
    /// 2026-11-20, formatted as a date.
    Date,
    /// A formula and the value saved with it.
    Formula(&'static str, &'static str),
    Blank,
}

use Cell::{Blank, Bool, Date, Number, Text};

/// One worksheet: its name, where its first row and column are (0-based),
/// its rows, and header cells merged across columns `from..=to` of the
/// first row.
struct Sheet {
    name: &'static str,
    at: (u32, u16),
    rows: Vec<Vec<Cell>>,
    merged: Option<(u16, u16, &'static str)>,
}

impl Sheet {
    fn new(name: &'static str, rows: Vec<Vec<Cell>>) -> Self {
        Sheet {
            name,
            at: (0, 0),
            rows,
            merged: None,
        }
    }
}

fn header() -> Vec<Cell> {
    HEADER.iter().map(|h| Text(h)).collect()
}

fn rating(rater: &'static str, employee: Cell, score: Cell) -> Vec<Cell> {
    vec![Text(rater), Text("王經理"), employee, score]
}

fn write_cell(sheet: &mut Worksheet, row: u32, col: u16, cell: &Cell) {
    match cell {
        Text(text) => sheet.write_string(row, col, *text).map(|_| ()),
        Number(value) => sheet.write_number(row, col, *value).map(|_| ()),
        Bool(value) => sheet.write_boolean(row, col, *value).map(|_| ()),
        Date => {
            let date = ExcelDateTime::from_ymd(2026, 11, 20).expect("a date");
            let format = Format::new().set_num_format("yyyy-mm-dd");
            sheet
                .write_datetime_with_format(row, col, &date, &format)
                .map(|_| ())
        }
        Cell::Formula(formula, result) => sheet
            .write_formula(row, col, Formula::new(*formula).set_result(*result))
            .map(|_| ()),
        Blank => Ok(()),
    }
    .expect("the cell is written");
}

fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let mut book = Workbook::new();
    for spec in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(spec.name).expect("a sheet name");
        let (top, left) = spec.at;
        for (r, row) in spec.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let row = top + u32::try_from(r).expect("row");
                let col = left + u16::try_from(c).expect("column");
                write_cell(sheet, row, col, cell);
            }
        }
        if let Some((from, to, text)) = spec.merged {
            sheet
                .merge_range(top, left + from, top, left + to, text, &Format::new())
                .expect("merged");
        }
    }
    book.save_to_buffer().expect("a workbook")
}

fn one_sheet(rows: Vec<Vec<Cell>>) -> Vec<u8> {
    workbook(&[Sheet::new("評分", rows)])
}

/// A header and one more row.
fn with_row(row: Vec<Cell>) -> Vec<u8> {
    one_sheet(vec![header(), row])
}

/// A valid workbook, for cases that damage it.
fn valid() -> Vec<u8> {
    with_row(rating("M1", Text("E01"), Number(80.0)))
}

/// An input folder with the small policy, [`ORG`] and these submissions.
fn folder(files: &[(&str, Vec<u8>)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("in");
    fs::create_dir_all(root.join("submissions")).expect("mkdir");
    fs::write(root.join("policy.json"), POLICY).expect("policy");
    fs::write(root.join("org.json"), ORG).expect("org");
    for (name, bytes) in files {
        fs::write(root.join("submissions").join(name), bytes).expect("submission");
    }
    (dir, root)
}

fn load_folder(root: &Path) -> Result<Loaded, Vec<String>> {
    let prefix = format!("{}/", root.display());
    load::load(load::read_folder(root)).map_err(|errors| {
        errors
            .0
            .iter()
            .map(|e| e.to_string().replace(&prefix, ""))
            .collect()
    })
}

fn fixture(name: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/xlsx")
            .join(name),
    )
    .expect("a committed workbook fixture")
}

/// A chart sheet first, then the ratings' worksheet with a bad score: the
/// first *worksheet* is read.
fn chart_sheet_first() -> Vec<u8> {
    let mut book = Workbook::new();
    let mut chart = Chart::new(ChartType::Column);
    chart.add_series().set_values("'評分'!$D$2:$D$2");
    book.add_chartsheet()
        .set_name("chart")
        .expect("a name")
        .insert_chart(0, 0, &chart)
        .expect("a chart");
    let sheet = book.add_worksheet();
    sheet.set_name("評分").expect("a name");
    for (c, cell) in header()
        .iter()
        .chain(rating("M1", Text("E01"), Text("x")).iter())
        .enumerate()
    {
        let (row, col) = if c < HEADER.len() {
            (0, c)
        } else {
            (1, c - HEADER.len())
        };
        write_cell(sheet, row, col as u16, cell);
    }
    book.save_to_buffer().expect("a workbook")
}

/// A malformed case: what it is, the submission files, the exact errors.
type Case = (&'static str, Vec<(&'static str, Vec<u8>)>, Vec<String>);

#[test]
fn malformed_workbooks_name_the_file_the_sheet_and_the_cell() {
    let m = "error: submissions/m03.xlsx: sheet \"評分\"";
    let truncated = {
        let bytes = valid();
        bytes[..bytes.len() / 2].to_vec()
    };
    let mut merged = Sheet::new(
        "評分",
        vec![
            vec![Blank, Blank, Text("employee_id"), Text("score")],
            rating("M1", Text("E01"), Number(80.0)),
        ],
    );
    merged.merged = Some((0, 1, "rater_id"));
    let mut offset = Sheet::new(
        "評分",
        vec![header(), rating("M1", Text("E01"), Text("八十"))],
    );
    offset.at = (2, 1);
    let mut wrong_weight = rating("M1", Text("E01"), Number(80.0));
    wrong_weight.push(Bool(true));
    let mut zero_weight = rating("M1", Text("E01"), Number(80.0));
    zero_weight.push(Number(0.0));
    let cases: Vec<Case> = vec![
        (
            "a formula that divides by zero",
            vec![("m03.xlsx", with_row(rating("M1", Text("E01"), Cell::Formula("=1/0", "#DIV/0!"))))],
            vec![format!("{m} cell D2: score: the cell holds the error value #DIV/0!, not a number (a formula that failed?)")],
        ),
        (
            "a lookup that found nothing",
            vec![("m03.xlsx", with_row(rating("M1", Text("E01"), Cell::Formula("=NA()", "#N/A"))))],
            vec![format!("{m} cell D2: score: the cell holds the error value #N/A, not a number (a formula that failed?)")],
        ),
        (
            "an error value where the employee id belongs",
            vec![("m03.xlsx", with_row(rating("M1", Cell::Formula("=VLOOKUP(1,Z1:Z2,1,FALSE)", "#N/A"), Number(80.0))))],
            vec![format!("{m} cell C2: employee_id: the cell holds the error value #N/A, not text (a formula that failed?)")],
        ),
        (
            "a date as a score",
            vec![("m03.xlsx", with_row(rating("M1", Text("E01"), Date)))],
            vec![format!("{m} cell D2: score: the cell holds a date or time, not a number (format the column as a number or as text)")],
        ),
        (
            "a boolean as a score",
            vec![("m03.xlsx", with_row(rating("M1", Text("E01"), Bool(false))))],
            vec![format!("{m} cell D2: score: the cell holds the boolean FALSE, not a number")],
        ),
        (
            "a boolean as a weight",
            vec![("m03.xlsx", with_row(wrong_weight))],
            vec![format!("{m} cell E2: weight: the cell holds the boolean TRUE, not a number")],
        ),
        (
            "a score written as words",
            vec![("m03.xlsx", with_row(rating("M1", Text("E01"), Text("eighty"))))],
            vec![format!("{m} cell D2: score: \"eighty\" is not a decimal number (write it like 82.5, with a dot and no spaces)")],
        ),
        (
            "an empty score",
            vec![("m03.xlsx", with_row(rating("M1", Text("E01"), Blank)))],
            vec![format!("{m} cell D2: score: the cell is empty (every rating needs a score)")],
        ),
        (
            "a table that starts at B3, with a bad score",
            vec![("m03.xlsx", workbook(&[offset]))],
            vec![format!("{m} cell E4: score: \"八十\" is not a decimal number (write it like 82.5, with a dot and no spaces)")],
        ),
        (
            "header cells merged over rater_name",
            vec![("m03.xlsx", workbook(&[merged]))],
            vec![format!("{m} cell A1: the header row lacks the column(s) \"rater_name\": a submissions sheet needs rater_id,rater_name,employee_id,score (weight and comment are optional)")],
        ),
        (
            "no score column",
            vec![("m03.xlsx", one_sheet(vec![HEADER[..3].iter().map(|h| Text(h)).collect(), vec![Text("M1"), Text("x"), Text("E01")]]))],
            vec![format!("{m} cell A1: the header row lacks the column(s) \"score\": a submissions sheet needs rater_id,rater_name,employee_id,score (weight and comment are optional)")],
        ),
        (
            "an empty sheet",
            vec![("m03.xlsx", one_sheet(vec![]))],
            vec![format!("{m}: the sheet is empty: it needs a header row rater_id,rater_name,employee_id,score (weight and comment are optional)")],
        ),
        (
            "ratings on the second sheet only (the first is read)",
            vec![(
                "m03.xlsx",
                workbook(&[
                    Sheet::new("評分", vec![vec![Text(" ")]]),
                    Sheet::new("Sheet2", vec![header(), rating("M1", Text("E01"), Number(80.0))]),
                ]),
            )],
            vec![format!("{m}: the sheet is empty: it needs a header row rater_id,rater_name,employee_id,score (weight and comment are optional)")],
        ),
        (
            "a score outside the range",
            vec![("m03.xlsx", with_row(rating("M1", Text("E01"), Number(100.5))))],
            vec![format!("{m} cell D2: score \"100.5\" for employee \"E01\" is outside the policy's range 0 to 100")],
        ),
        (
            "a weight of zero",
            vec![("m03.xlsx", with_row(zero_weight))],
            vec![format!("{m} cell E2: weight \"0\" for employee \"E01\" must be greater than 0 (from 0.000001 to 1000000)")],
        ),
        (
            "the same rating twice",
            vec![(
                "m03.xlsx",
                one_sheet(vec![
                    header(),
                    rating("M1", Text("E01"), Number(80.0)),
                    rating("M1", Text("E02"), Number(70.0)),
                    rating("M1", Text("E01"), Number(75.0)),
                ]),
            )],
            vec![format!("{m} cell C4: rater \"M1\" rates employee \"E01\" twice (first in submissions/m03.xlsx sheet \"評分\" cell C2)")],
        ),
        (
            "the same rating in a workbook and a CSV file",
            vec![
                ("a.csv", b"rater_id,rater_name,employee_id,score\nM1,\xe7\x8e\x8b\xe7\xb6\x93\xe7\x90\x86,E01,80\n".to_vec()),
                ("m03.xlsx", valid()),
            ],
            vec![format!("{m} cell C2: rater \"M1\" rates employee \"E01\" twice (first in submissions/a.csv line 2)")],
        ),
        (
            "an unknown employee",
            vec![("m03.xlsx", with_row(rating("M1", Text("E99"), Number(80.0))))],
            vec![format!("{m} cell C2: rater \"M1\" rates employee \"E99\", who is not in org.json")],
        ),
        (
            "a blank rater id",
            vec![("m03.xlsx", with_row(rating(" ", Text("E01"), Number(80.0))))],
            vec![format!("{m} cell A2: a rater id is blank")],
        ),
        (
            "one rater id with two names",
            vec![
                ("m03.xlsx", valid()),
                ("m04.xlsx", with_row(vec![Text("M1"), Text("李經理"), Text("E02"), Number(70.0)])),
            ],
            vec!["error: submissions/m04.xlsx: sheet \"評分\" cell A2: rater \"M1\" is named \"李經理\" here but \"王經理\" in submissions/m03.xlsx sheet \"評分\" cell A2: one id must have one name".to_string()],
        ),
        (
            "a chart sheet before the worksheet, with a bad score",
            vec![("m03.xlsx", chart_sheet_first())],
            vec![format!("{m} cell D2: score: \"x\" is not a decimal number (write it like 82.5, with a dot and no spaces)")],
        ),
        (
            "an OpenDocument spreadsheet with a date as a score",
            vec![("m03.ods", fixture("date-score.ods"))],
            vec!["error: submissions/m03.ods: sheet \"評分\" cell D3: score: the cell holds a date or time, not a number (format the column as a number or as text)".to_string()],
        ),
        (
            "a damaged (truncated) workbook",
            vec![("m03.xlsx", truncated)],
            vec!["error: submissions/m03.xlsx: the file cannot be opened as a workbook: it is damaged, or not an .xlsx file (save it again from the spreadsheet program)".to_string()],
        ),
        (
            "CSV text saved as .xlsx",
            vec![("m03.xlsx", b"rater_id,rater_name,employee_id,score\n".to_vec())],
            vec!["error: submissions/m03.xlsx: the file cannot be opened as a workbook: it is damaged, or not an .xlsx file (save it again from the spreadsheet program)".to_string()],
        ),
        (
            "an .xlsx workbook renamed .xls",
            vec![("m03.xls", valid())],
            vec!["error: submissions/m03.xls: the file cannot be opened as a workbook: it is damaged, or not an .xls file (save it again from the spreadsheet program)".to_string()],
        ),
        (
            "an encrypted workbook",
            vec![("m03.xlsx", fixture("encrypted.xlsx"))],
            vec!["error: submissions/m03.xlsx: the workbook is password-protected (encrypted): save a copy without a password".to_string()],
        ),
    ];
    assert!(cases.len() >= 15);
    let mut failures = Vec::new();
    for (name, files, expected) in cases {
        let (_dir, root) = folder(&files);
        match load_folder(&root) {
            Ok(_) => failures.push(format!("{name}: loaded without an error")),
            Err(errors) if errors != expected => {
                failures.push(format!(
                    "{name}:\n  got      {errors:?}\n  expected {expected:?}"
                ));
            }
            Err(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn cells_read_as_the_spreadsheet_shows_them() {
    let mut weighted = rating("M1", Text("E03"), Text(" 80.30 "));
    weighted.extend([Text("2"), Text("備註")]);
    let book = workbook(&[
        Sheet::new(
            "評分",
            vec![
                // Columns in another order, an empty row, the comment left out.
                vec![
                    Text("score"),
                    Text("employee_id"),
                    Text("rater_name"),
                    Text("rater_id"),
                ],
                vec![Number(88.5), Text("E01"), Text("王經理"), Text("M1")],
                vec![],
                vec![Number(80.3), Number(1001.0), Text("王經理"), Text("M1")],
                vec![
                    Cell::Formula("=80+0.25", "80.25"),
                    Text("E02"),
                    Text("王經理"),
                    Text("M1"),
                ],
            ],
        ),
        // Only the first sheet is read.
        Sheet::new("later", vec![vec![Text("score")], vec![Text("nonsense")]]),
    ]);
    let csv = "rater_id,rater_name,employee_id,score,weight,comment\nM1,王經理,E03,80.30,2,備註\n";
    let (_dir, root) = folder(&[("m1.xlsx", book), ("m2.csv", csv.as_bytes().to_vec())]);
    let loaded = load_folder(&root).expect("a valid folder");
    let input = &loaded.input;
    let mut read: Vec<(String, String, String)> = input
        .ratings
        .iter()
        .map(|r| {
            (
                input.employees[r.employee].id.to_string(),
                r.score.to_string(),
                r.weight.to_string(),
            )
        })
        .collect();
    read.sort();
    let expected = [
        ("1001", "80.3", "1"),
        ("E01", "88.5", "1"),
        ("E02", "80.25", "1"),
        ("E03", "80.30", "2"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(read, expected);
    // The weighted rating came from the CSV file; the workbook has no weight
    // column. Written once more as a workbook: the same.
    let (_dir, root) = folder(&[("m1.xlsx", with_row(weighted))]);
    let loaded = load_folder(&root).expect("a valid folder");
    let rating = loaded.input.ratings.first().expect("one rating");
    assert_eq!(
        (rating.score.to_string(), rating.weight.to_string()),
        ("80.30".to_string(), "2".to_string())
    );
}

#[test]
fn values_far_apart_are_read_without_a_sheet_sized_grid() {
    // A rating on the last row of a sheet and a note in its last column: a
    // dense grid of the cells between would take terabytes.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (row, cells) in [
        (0, header()),
        (1, rating("M1", Text("E01"), Number(80.0))),
        (1_048_575, rating("M1", Text("E02"), Number(70.0))),
    ] {
        for (c, cell) in cells.iter().enumerate() {
            write_cell(sheet, row, c as u16, cell);
        }
    }
    write_cell(sheet, 1, 16_383, &Text("note"));
    let bytes = book.save_to_buffer().expect("a workbook");
    let (_dir, root) = folder(&[("m1.xlsx", bytes)]);
    let loaded = load_folder(&root).expect("a valid folder");
    assert_eq!(loaded.input.ratings.len(), 2);
}

#[test]
fn a_lock_file_beside_an_open_workbook_is_skipped() {
    let (_dir, root) = folder(&[("m1.xlsx", valid()), ("~$m1.xlsx", b"\x08owner".to_vec())]);
    let loaded = load_folder(&root).expect("the lock file is no submission");
    assert_eq!(loaded.input.ratings.len(), 1);
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.to_string().contains("lock file")),
        "{:?}",
        loaded.warnings
    );
}

// ---- The demo folder as workbooks exports exactly what it does as it is.

/// A JSON number, or a decimal written as a string ("0.15").
fn number(value: &Value) -> f64 {
    value
        .as_f64()
        .or_else(|| value.as_str().and_then(|s| s.parse().ok()))
        .expect("a number")
}

/// A submission JSON file as a workbook: numbers as numbers.
fn json_to_xlsx(text: &str) -> Vec<u8> {
    let doc: Value = serde_json::from_str(text).expect("a submission");
    let rater = &doc["rater"];
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    let ratings = doc["ratings"].as_array().expect("ratings");
    for (i, r) in ratings.iter().enumerate() {
        let row = i as u32 + 1;
        let text = |v: &Value| v.as_str().expect("text").to_string();
        sheet.write_string(row, 0, text(&rater["id"])).expect("id");
        sheet
            .write_string(row, 1, text(&rater["name"]))
            .expect("name");
        sheet
            .write_string(row, 2, text(&r["employee"]))
            .expect("employee");
        sheet
            .write_number(row, 3, number(&r["score"]))
            .expect("score");
        if let Some(w) = r.get("weight") {
            sheet.write_number(row, 4, number(w)).expect("weight");
        }
        if let Some(c) = r.get("comment") {
            sheet.write_string(row, 5, text(c)).expect("comment");
        }
    }
    book.save_to_buffer().expect("a workbook")
}

/// A submissions CSV file as a workbook: scores and weights as numbers.
fn csv_to_xlsx(text: &str) -> Vec<u8> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("a header").clone();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, h).expect("header");
    }
    for (i, record) in reader.records().enumerate() {
        let record = record.expect("a row");
        for (c, (h, value)) in headers.iter().zip(record.iter()).enumerate() {
            let (row, col) = (i as u32 + 1, c as u16);
            if value.is_empty() {
                continue;
            }
            if h == "score" || h == "weight" {
                let value: f64 = value.parse().expect("a number");
                sheet.write_number(row, col, value).expect("number");
            } else {
                sheet.write_string(row, col, value).expect("text");
            }
        }
    }
    book.save_to_buffer().expect("a workbook")
}

fn export(dir: &Path, out: &Path, extra: &[&str]) -> Vec<u8> {
    let mut args: Vec<OsString> = vec!["export".into(), dir.into(), "--out".into(), out.into()];
    args.extend(extra.iter().map(OsString::from));
    let output = crate::support::binary()
        .args(&args)
        .output()
        .expect("calibra runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    fs::read(out).expect("the export")
}

#[test]
fn the_demo_as_workbooks_exports_the_same_bytes_as_the_demo() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    let tmp = tempfile::tempdir().expect("tempdir");
    let books = tmp.path().join("demo");
    fs::create_dir_all(books.join("submissions")).expect("mkdir");
    for name in ["policy.json", "org.json", "session.json"] {
        fs::copy(demo.join(name), books.join(name)).expect("copy");
    }
    let mut converted = 0;
    for entry in fs::read_dir(demo.join("submissions")).expect("submissions") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("text");
        let bytes = match path.extension().and_then(|e| e.to_str()) {
            Some("json") => json_to_xlsx(&text),
            Some("csv") => csv_to_xlsx(&text),
            _ => continue,
        };
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("a name");
        fs::write(books.join(format!("submissions/{stem}.xlsx")), bytes).expect("write");
        converted += 1;
    }
    assert_eq!(converted, 7);
    let session = demo.join("session.json");
    let session = session.to_str().expect("a path");
    for extra in [
        &[][..],
        &["--session", session][..],
        &["--format", "json"][..],
    ] {
        let a = export(&demo, &tmp.path().join("a.out"), extra);
        let b = export(&books, &tmp.path().join("b.out"), extra);
        if extra.first() == Some(&"--format") {
            // The JSON export names the input folder; the grades must agree.
            let strip = |bytes: &[u8]| {
                let mut v: Value = serde_json::from_slice(bytes).expect("json");
                v.as_object_mut().map(|o| o.remove("input"));
                v
            };
            assert_eq!(strip(&a), strip(&b));
        } else {
            assert!(a == b, "the exports differ with {extra:?}");
        }
    }
}
