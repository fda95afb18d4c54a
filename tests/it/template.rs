//! `calibra template DIR --out FOLDER [--format xlsx|csv]`: one submission
//! file per manager of `fixtures/managers` (R1 to R4), their people
//! pre-filled and the score empty. Filled in (the score cells only, by
//! editing the files as a spreadsheet program would save them) and put
//! into an empty submissions/ folder, they load unchanged as every rating.

use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use calibra::engine::load;
use calibra::engine::managers;
use calibra::engine::session::Session;

use crate::support::{fixture, names, run, text};

/// The score filled in for the `i`th employee (E01 is 0): one place, as
/// the policy has.
fn score(i: usize) -> String {
    format!("{}.5", 50 + 3 * i)
}

/// fixtures/managers without its submissions.
fn empty_input(root: &Path) -> PathBuf {
    let dir = root.join("in");
    fs::create_dir_all(dir.join("submissions")).expect("mkdir");
    for name in ["policy.json", "org.json"] {
        fs::copy(fixture("managers").join(name), dir.join(name)).expect("copy");
    }
    dir
}

fn template(dir: &Path, out: &Path, format: &str) -> std::process::Output {
    run([
        "template".as_ref(),
        dir.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        format.as_ref(),
    ])
}

/// The employee index of an id `E01`..`E12`.
fn index(employee: &str) -> usize {
    employee[1..].parse::<usize>().expect("E and a number") - 1
}

/// A CSV template with each score cell filled in.
fn fill_csv(bytes: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (employee, score_at) = (column("employee_id"), column("score"));
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    writer.write_record(&header).expect("header");
    for record in reader.records() {
        let record = record.expect("a row");
        assert_eq!(&record[score_at], "", "the score is empty");
        let filled: Vec<String> = record
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                if c == score_at {
                    score(index(&record[employee]))
                } else {
                    cell.to_string()
                }
            })
            .collect();
        writer.write_record(&filled).expect("row");
    }
    writer.into_inner().expect("bytes")
}

/// A workbook template with each empty score cell (`<c r="G2" s="2"/>`)
/// given a number, every other part of the file kept as it was.
fn fill_xlsx(bytes: &[u8], employees: &[&str]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("a part");
        let name = file.name().expect("a part name").into_owned();
        let mut data = Vec::new();
        file.read_to_end(&mut data).expect("read");
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8(data).expect("XML");
            for (row, employee) in (2..).zip(employees) {
                let empty = format!(r#"<c r="G{row}" s="2"/>"#);
                assert!(xml.contains(&empty), "an empty score cell G{row}");
                let filled = format!(
                    r#"<c r="G{row}" s="2"><v>{}</v></c>"#,
                    score(index(employee))
                );
                xml = xml.replace(&empty, &filled);
            }
            data = xml.into_bytes();
        }
        out.start_file(&name, zip::write::SimpleFileOptions::default())
            .expect("a part");
        out.write_all(&data).expect("write");
    }
    out.finish().expect("a zip file").into_inner()
}

/// The people of each manager in fixtures/managers, by template name.
const PEOPLE: [(&str, &[&str]); 4] = [
    ("R1", &["E01", "E02", "E03", "E04"]),
    ("R2", &["E05", "E06", "E07", "E08"]),
    ("R3", &["E09", "E10"]),
    ("R4", &["E11", "E12"]),
];

/// Writes the templates, fills them in, puts them into submissions/ and
/// loads the folder; returns it and the export of its grades.
fn filled_and_loaded(format: &str) -> (tempfile::TempDir, Session) {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = empty_input(root.path());
    let out = root.path().join("templates");
    let output = template(&dir, &out, format);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let expected: Vec<String> = PEOPLE
        .iter()
        .map(|(id, _)| format!("{id}.{format}"))
        .collect();
    assert_eq!(names(&out), expected);
    for (id, people) in PEOPLE {
        let name = format!("{id}.{format}");
        let bytes = fs::read(out.join(&name)).expect("a template");
        let filled = match format {
            "csv" => fill_csv(&bytes),
            _ => fill_xlsx(&bytes, people),
        };
        fs::write(dir.join("submissions").join(&name), filled).expect("place it");
    }
    let loaded = load::load(load::read_folder(&dir))
        .unwrap_or_else(|errors| unreachable!("the filled templates load: {errors}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    (root, Session::new(loaded.input))
}

fn assert_every_score_is_read_as_filled(session: &Session) {
    let input = &session.input;
    let mut ratings: Vec<(String, String, String)> = input
        .ratings
        .iter()
        .map(|r| {
            (
                input.raters[r.rater].id.to_string(),
                input.employees[r.employee].id.to_string(),
                r.score.to_string(),
            )
        })
        .collect();
    ratings.sort();
    let mut expected: Vec<(String, String, String)> = PEOPLE
        .iter()
        .flat_map(|(id, people)| {
            people
                .iter()
                .map(|e| (id.to_string(), e.to_string(), score(index(e))))
        })
        .collect();
    expected.sort();
    assert_eq!(ratings, expected);
    // The folder had no submissions, so no names: the templates left
    // rater_name empty, and so it stays.
    let raters: Vec<(&str, &str)> = input
        .raters
        .iter()
        .map(|r| (r.id.as_str(), r.name.as_str()))
        .collect();
    assert_eq!(raters, [("R1", ""), ("R2", ""), ("R3", ""), ("R4", "")]);
    assert!(managers::coverage(input).iter().all(|c| c.is_complete()));
}

#[test]
fn filled_csv_templates_load_unchanged() {
    let (_root, session) = filled_and_loaded("csv");
    assert_every_score_is_read_as_filled(&session);
}

#[test]
fn filled_workbook_templates_load_unchanged_and_grade_like_the_csv_ones() {
    let (_root, session) = filled_and_loaded("xlsx");
    assert_every_score_is_read_as_filled(&session);
    let (_other, from_csv) = filled_and_loaded("csv");
    assert!(
        calibra::engine::export::to_csv(&session) == calibra::engine::export::to_csv(&from_csv),
        "the same scores give the same grades"
    );
}

#[test]
fn a_csv_template_lists_the_people_and_the_note_of_the_range() {
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("t");
    let output = template(&fixture("managers"), &out, "csv");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.ends_with(
            "wrote 4 templates to {}; score: a number from 0 to 100, with at most 1 decimal place\n"
                .replace("{}", &out.display().to_string())
                .as_str()
        ),
        "{stdout}"
    );
    assert!(stdout.contains("R2.csv: R2 乙主管, 4 people"), "{stdout}");
    let note = "\"a number from 0 to 100, with at most 1 decimal place\"";
    assert_eq!(
        fs::read_to_string(out.join("R4.csv")).expect("R4"),
        format!(
            "\u{feff}rater_id,rater_name,employee_id,employee_name,department_id,department_name,score,score_note,comment\r\n\
             R4,,E11,許十一,D4,倉儲小組,,{note},\r\n\
             R4,,E12,鄭十二,D4,倉儲小組,,{note},\r\n"
        )
    );
    // A manager who submitted has their name filled in.
    let r1 = fs::read_to_string(out.join("R1.csv")).expect("R1");
    assert!(r1.contains("\r\nR1,甲主管,E01,陳一,D1,業務一部,,"), "{r1}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&out).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "the folder it made");
        for name in names(&out) {
            let mode = fs::metadata(out.join(&name))
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{name}");
        }
    }
}

#[test]
fn a_workbook_template_checks_the_score_range() {
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("t");
    let output = template(&fixture("managers"), &out, "xlsx");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let bytes = fs::read(out.join("R3.xlsx")).expect("R3");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .expect("the sheet")
        .read_to_string(&mut xml)
        .expect("XML");
    assert!(
        xml.contains(r#"<dataValidation type="decimal" allowBlank="1" showInputMessage="1" showErrorMessage="1""#)
            && xml.contains(r#"sqref="G2:G3"><formula1>0</formula1><formula2>100</formula2>"#),
        "{xml}"
    );
    assert!(xml.contains(r#"state="frozen""#));
}

#[test]
fn templates_are_never_written_inside_the_input_nor_over_a_file() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = empty_input(root.path());
    let inside = dir.join("templates");
    let output = template(&dir, &inside, "csv");
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("inside the input folder"));
    assert!(!inside.exists());

    let out = root.path().join("t");
    fs::create_dir_all(&out).expect("mkdir");
    fs::write(out.join("R3.csv"), "a filled-in template").expect("seed");
    let output = template(&dir, &out, "csv");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("R3.csv\" exists already"), "{stderr}");
    assert_eq!(names(&out), ["R3.csv"], "nothing else written");
    assert_eq!(
        fs::read_to_string(out.join("R3.csv")).expect("kept"),
        "a filled-in template"
    );
}

#[test]
fn a_folder_without_managers_has_no_templates() {
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("t");
    let output = template(&fixture("small"), &out, "xlsx");
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("no employee names a \"manager\""));
    assert!(!out.exists());
}
