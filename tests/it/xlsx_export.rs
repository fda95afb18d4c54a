//! `export --format xlsx` (contract 6.4), read back with calamine and
//! compared cell for cell with the CSV export of the same session: text
//! cells hold the CSV's text without the `'` of formula defusing (6.1),
//! scores, bonuses and ranks are numbers that print as the CSV's figures.
//! The workbook's XML parts are checked too: the header frozen, no formula
//! anywhere, Chinese names as UTF-8 text, the number formats' places.

use std::collections::BTreeSet;
use std::fs;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook_from_rs};
use serde_json::Value;

use crate::spreadsheet::{defused, write_input, write_session};
use crate::support::{fixture, run, text};

/// Columns written as numbers; every other column is text.
const NUMBER_COLUMNS: [&str; 4] = ["raw_score", "final_score", "rank", "bonus"];

/// `calibra export DIR [--session FILE] --out OUT ARGS...`, which must succeed.
fn export(dir: &Path, session: Option<&Path>, out: &Path, extra: &[&str]) -> Vec<u8> {
    let mut args = vec![
        "export".to_string(),
        dir.display().to_string(),
        "--out".to_string(),
        out.display().to_string(),
    ];
    if let Some(session) = session {
        args.extend(["--session".to_string(), session.display().to_string()]);
    }
    args.extend(extra.iter().map(|a| a.to_string()));
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    fs::read(out).expect("the export")
}

/// A sheet's cells, row by row, as calamine reads them.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    let range = book.worksheet_range(name).expect("the sheet");
    assert_eq!(range.start(), Some((0, 0)), "sheet {name} starts at A1");
    range.rows().map(<[Data]>::to_vec).collect()
}

/// The text of part `name` of the workbook (a zip file).
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
    let mut text = String::new();
    zip.by_name(name)
        .expect("the part")
        .read_to_string(&mut text)
        .expect("UTF-8 XML");
    text
}

fn parts(bytes: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
    zip.file_names()
        .map(|name| name.expect("a part name").into_owned())
        .collect()
}

/// The places of a number as the CSV prints it (`82.50` has 2).
fn places(figure: &str) -> usize {
    figure.split_once('.').map_or(0, |(_, f)| f.len())
}

/// Compares the workbook's `grades` sheet with the CSV, cell for cell.
fn assert_grades_match_csv(book: &[u8], csv: &[u8]) {
    let grades = sheet(book, "grades");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv);
    let records: Vec<csv::StringRecord> =
        reader.records().map(|r| r.expect("a CSV record")).collect();
    assert_eq!(grades.len(), records.len(), "one row per CSV record");
    let header: Vec<&str> = records[0].iter().collect();
    let titles: Vec<Data> = header.iter().map(|h| Data::String(h.to_string())).collect();
    assert_eq!(grades[0], titles);
    for (row, record) in grades[1..].iter().zip(&records[1..]) {
        assert_eq!(row.len(), header.len());
        for ((cell, expected), column) in row.iter().zip(record.iter()).zip(&header) {
            let at = format!("column {column}, CSV {record:?}");
            match cell {
                Data::Empty => assert_eq!(expected, "", "{at}"),
                Data::Float(value) if NUMBER_COLUMNS.contains(column) => {
                    let shown = format!("{value:.*}", places(expected));
                    assert_eq!(shown, expected, "{at}");
                }
                Data::String(value) if !NUMBER_COLUMNS.contains(column) => {
                    // The CSV's cell is the workbook's, defused.
                    assert_eq!(defused(column, value), expected, "{at}");
                }
                other => unreachable!("{at}: unexpected cell {other:?}"),
            }
        }
    }
}

/// A JSON value as the workbook's text cell holds it.
fn json_cell(value: &Value) -> Data {
    match value {
        Value::String(s) => Data::String(s.clone()),
        Value::Number(n) => Data::Float(n.as_f64().expect("a number")),
        other => Data::String(other.to_string()),
    }
}

/// Sheets `groups` and `decisions` against the JSON export.
fn assert_figures_match_json(book: &[u8], json: &[u8]) {
    let json: Value = serde_json::from_slice(json).expect("JSON");
    let groups = sheet(book, "groups");
    let header = [
        "group",
        "headcount",
        "grade",
        "quota",
        "seats",
        "filled",
        "count",
    ];
    let text = |s: &str| Data::String(s.to_string());
    assert_eq!(groups[0], header.map(text).to_vec());
    let mut expected = Vec::new();
    for group in json["groups"].as_array().expect("groups") {
        for grade in group["grades"].as_array().expect("grades") {
            expected.push(vec![
                json_cell(&group["id"]),
                json_cell(&group["headcount"]),
                json_cell(&grade["grade"]),
                json_cell(&grade["quota"]),
                json_cell(&grade["seats"]),
                json_cell(&grade["filled"]),
                json_cell(&grade["count"]),
            ]);
        }
    }
    assert_eq!(groups[1..], expected[..]);

    let decisions = sheet(book, "decisions");
    let values = json["decisions"].as_array().expect("decisions");
    assert_eq!(decisions.len(), values.len() + 1);
    let columns: Vec<String> = decisions[0]
        .iter()
        .map(|c| c.get_string().expect("a header").to_string())
        .collect();
    assert_eq!(columns[0], "#");
    let used: BTreeSet<&str> = values
        .iter()
        .flat_map(|v| v.as_object().expect("an object").keys())
        .map(String::as_str)
        .collect();
    let named: BTreeSet<&str> = columns[1..].iter().map(String::as_str).collect();
    assert_eq!(named, used, "a column for every field some decision has");
    for (i, (row, value)) in decisions[1..].iter().zip(values).enumerate() {
        assert_eq!(row[0], Data::Float((i + 1) as f64));
        for (cell, column) in row[1..].iter().zip(&columns[1..]) {
            let expected = value.get(column).map_or(Data::Empty, json_cell);
            assert_eq!(*cell, expected, "decision {} field {column}", i + 1);
        }
    }
}

#[test]
fn the_demo_workbook_is_the_csv_cell_for_cell_with_its_figures_and_decisions() {
    let demo = fixture("demo");
    let session = demo.join("session.json");
    let tmp = tempfile::tempdir().expect("tempdir");
    let book = export(
        &demo,
        Some(&session),
        &tmp.path().join("g.xlsx"),
        &["--format", "xlsx"],
    );
    let csv = export(&demo, Some(&session), &tmp.path().join("g.csv"), &[]);
    let json = export(
        &demo,
        Some(&session),
        &tmp.path().join("g.json"),
        &["--format", "json"],
    );
    assert_grades_match_csv(&book, &csv);
    assert_figures_match_json(&book, &json);

    let book_reader: Xlsx<_> = open_workbook_from_rs(Cursor::new(&book)).expect("a workbook");
    assert_eq!(book_reader.sheet_names(), ["grades", "groups", "decisions"]);
    // The demo's seven decisions, an override with its reason among them.
    let grades = sheet(&book, "grades");
    assert_eq!(grades.len(), 79);
    assert_eq!(grades[1][1], Data::String("周芷瑄".to_string()));

    // The XML as a spreadsheet program reads it: the header frozen in every
    // sheet, no formula anywhere, the names as UTF-8 text, two places.
    for n in 1..=3 {
        let xml = part(&book, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(
            xml.contains(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            ),
            "sheet {n}: {xml:.400}"
        );
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "sheet {n}");
        assert!(xml.contains("<autoFilter ref=\"A1:"), "sheet {n}");
    }
    assert!(part(&book, "xl/sharedStrings.xml").contains("<t>周芷瑄</t>"));
    let styles = part(&book, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="0.00""#), "{styles}");
    assert!(!parts(&book).iter().any(|p| p.contains("calcChain")));
    // Column widths follow the display width: employee_name (13 columns of
    // header, 3 Chinese characters = 6) is 13 + 3 for the filter button.
    let sheet1 = part(&book, "xl/worksheets/sheet1.xml");
    assert!(
        sheet1.contains(r#"<col min="2" max="3" width="16.7109375" customWidth="1"/>"#),
        "{sheet1:.1200}"
    );
}

#[test]
fn a_long_chinese_reason_widens_its_column_by_display_width() {
    let demo = fixture("demo");
    let tmp = tempfile::tempdir().expect("tempdir");
    let session = tmp.path().join("s.json");
    // 21 wide characters: 42 columns wide, 21 characters long.
    let reason = "主管評語：整季帶領團隊完成雙十一尖峰零積案";
    assert_eq!(reason.chars().count(), 21);
    fs::write(
        &session,
        serde_json::json!({ "version": 1, "decisions": [
            { "kind": "override", "employee": "E0001", "grade": "A", "reason": reason }
        ]})
        .to_string(),
    )
    .expect("session");
    let book = export(
        &demo,
        Some(&session),
        &tmp.path().join("g.xlsx"),
        &["--format", "xlsx"],
    );
    let sheet1 = part(&book, "xl/worksheets/sheet1.xml");
    // Column L (12), override_reason: 42 display columns + 3.
    assert!(
        sheet1.contains(r#"<col min="12" max="12" width="45.7109375" customWidth="1"/>"#),
        "{sheet1:.1200}"
    );
}

#[test]
fn bonuses_are_numbers_with_the_bonus_places() {
    let dir = fixture("small-bonus");
    let tmp = tempfile::tempdir().expect("tempdir");
    let book = export(
        &dir,
        None,
        &tmp.path().join("g.xlsx"),
        &["--format", "xlsx"],
    );
    let csv = export(&dir, None, &tmp.path().join("g.csv"), &[]);
    assert!(
        text(&csv)
            .lines()
            .next()
            .expect("a header")
            .ends_with(",bonus")
    );
    assert_grades_match_csv(&book, &csv);
    let grades = sheet(&book, "grades");
    let bonus = grades[0].len() - 1;
    assert_eq!(grades[0][bonus], Data::String("bonus".to_string()));
    assert!(
        grades[1..]
            .iter()
            .any(|row| matches!(row[bonus], Data::Float(_)))
    );
}

#[test]
fn text_starting_with_formula_characters_is_kept_as_text_without_the_quote() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("in");
    write_input(&dir);
    let session = root.path().join("session.json");
    write_session(&session);
    let book = export(
        &dir,
        Some(&session),
        &root.path().join("g.xlsx"),
        &["--format", "xlsx"],
    );
    let csv = export(&dir, Some(&session), &root.path().join("g.csv"), &[]);
    let json = export(
        &dir,
        Some(&session),
        &root.path().join("g.json"),
        &["--format", "json"],
    );
    assert_grades_match_csv(&book, &csv);
    assert_figures_match_json(&book, &json);
    // The reasons start with tab, CR and LF and hold a HYPERLINK formula:
    // all text, none a formula.
    let grades = sheet(&book, "grades");
    let reasons: Vec<&str> = grades[1..]
        .iter()
        .filter_map(|row| row[11].get_string())
        .collect();
    assert_eq!(reasons.len(), 7);
    assert!(
        reasons.contains(&"\treason 4;\t=HYPERLINK(\"x\")"),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&"\rreason 5;\r=HYPERLINK(\"x\")"),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&"=reason 0;==HYPERLINK(\"x\")"),
        "{reasons:?}"
    );
    for n in 1..=3 {
        let xml = part(&book, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "sheet {n}");
    }
}

#[test]
fn the_same_session_gives_the_same_workbook_owner_only() {
    let demo = fixture("demo");
    let tmp = tempfile::tempdir().expect("tempdir");
    let first = export(
        &demo,
        None,
        &tmp.path().join("a.xlsx"),
        &["--format", "xlsx"],
    );
    let second = export(
        &demo,
        None,
        &tmp.path().join("b.xlsx"),
        &["--format", "xlsx"],
    );
    assert!(first == second, "two exports of one session differ");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(tmp.path().join("a.xlsx"))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn bom_with_xlsx_is_a_usage_error_and_writes_nothing() {
    let demo = fixture("demo");
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("g.xlsx");
    let output = run([
        "export".as_ref(),
        demo.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        "xlsx".as_ref(),
        "--bom".as_ref(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("--bom is for CSV only"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn a_reason_too_long_for_a_cell_fails_naming_the_cell_and_keeps_the_old_file() {
    let demo = fixture("demo");
    let tmp = tempfile::tempdir().expect("tempdir");
    let session = tmp.path().join("s.json");
    let reason = "長".repeat(32_768);
    fs::write(
        &session,
        serde_json::json!({ "version": 1, "decisions": [
            { "kind": "override", "employee": "E0002", "grade": "A", "reason": reason }
        ]})
        .to_string(),
    )
    .expect("session");
    let out = tmp.path().join("g.xlsx");
    fs::write(&out, "the old export").expect("seed");
    let output = run([
        "export".as_ref(),
        demo.as_os_str(),
        "--session".as_ref(),
        session.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        "xlsx".as_ref(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    // E0002 is on row 3; override_reason is column L.
    assert!(
        stderr.contains("sheet \"grades\" cell L3: the text is longer than the 32,767 characters"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(fs::read_to_string(&out).expect("kept"), "the old export");
    assert_eq!(crate::support::names(tmp.path()), ["g.xlsx", "s.json"]);
}
