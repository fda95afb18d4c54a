//! Submission templates (issue 13): one file per manager that org.json
//! names (contract 6.10), with their people pre-filled, an empty score
//! column and a note of the score range and places, for HR to send out.
//!
//! A template filled in is a valid submission as it is, CSV or workbook:
//! its columns are the submission columns (`rater_id`, `rater_name`,
//! `employee_id`, `score`, `comment`; contract 1 and 6.3) plus columns the
//! loader ignores, as it ignores every unknown column: the employee's name
//! and department, and `score_note`, the note, on every row beside the
//! score (CSV has no comment syntax, and a note in a separate file is lost
//! when one template is mailed on). A workbook also checks what is typed
//! into a score cell against the range.
//!
//! In a CSV template the ids and the rater's name are written as they are,
//! since the filled-in file must name the same rater and employees; only
//! the names that the loader ignores are defused (contract 6.1). A CSV
//! template starts with a byte-order mark, so that spreadsheet programs
//! read it as UTF-8 (the loader accepts one).

use std::collections::HashSet;

use rust_xlsxwriter::{DataValidation, DataValidationRule};

use super::export::{BOM, defuse};
use super::managers;
use super::model::{Input, Policy};
use super::sheet::{self, Sheet, WorkbookError, places_format};

/// A template's columns, in order.
pub const COLUMNS: [&str; 9] = [
    "rater_id",
    "rater_name",
    "employee_id",
    "employee_name",
    "department_id",
    "department_name",
    "score",
    "score_note",
    "comment",
];

/// Where the score goes.
const SCORE: u16 = 6;

/// A template's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// One manager's template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The file's name: the manager's id made safe as a file name.
    pub file_name: String,
    /// A word of [`Input::managers`].
    pub manager: u32,
    /// How many people it lists.
    pub people: usize,
    pub bytes: Vec<u8>,
}

/// The note beside every score: `a number from 0 to 100, with at most 1
/// decimal place`.
pub fn score_note(policy: &Policy) -> String {
    let scale = &policy.score;
    match scale.decimals {
        0 => format!("a whole number from {} to {}", scale.min, scale.max),
        1 => format!(
            "a number from {} to {}, with at most 1 decimal place",
            scale.min, scale.max
        ),
        n => format!(
            "a number from {} to {}, with at most {n} decimal places",
            scale.min, scale.max
        ),
    }
}

/// Every manager's template, in order of first mention in org.json.
pub fn templates(input: &Input, format: Format) -> Result<Vec<Template>, WorkbookError> {
    let coverage = managers::coverage(input);
    let note = score_note(&input.policy);
    let names = file_names(coverage.iter().map(|c| c.id), format.extension());
    coverage
        .iter()
        .zip(names)
        .map(|(c, file_name)| {
            let rows = rows(
                input,
                [c.id, c.name(input).unwrap_or(""), &note],
                &c.expected,
            );
            let bytes = match format {
                Format::Csv => csv(&rows),
                Format::Xlsx => xlsx(&input.policy, &note, &rows)?,
            };
            Ok(Template {
                file_name,
                manager: c.manager,
                people: c.expected.len(),
                bytes,
            })
        })
        .collect()
}

/// The cells of each row, in [`COLUMNS`] order, the score empty, for the
/// rater `[id, name]` and the score note.
fn rows<'a>(
    input: &'a Input,
    [rater_id, rater_name, note]: [&'a str; 3],
    people: &[usize],
) -> Vec<[&'a str; 9]> {
    people
        .iter()
        .map(|&e| {
            let employee = &input.employees[e];
            let department = &input.departments[employee.department];
            [
                rater_id,
                rater_name,
                &employee.id,
                &employee.name,
                &department.id,
                &department.name,
                "",
                note,
                "",
            ]
        })
        .collect()
}

fn csv(rows: &[[&str; 9]]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    // Writing to memory cannot fail.
    let _ = writer.write_record(COLUMNS);
    for row in rows {
        let [
            id,
            name,
            employee,
            employee_name,
            department,
            department_name,
            score,
            note,
            comment,
        ] = *row;
        let _ = writer.write_record([
            id,
            name,
            employee,
            &defuse(employee_name),
            department,
            &defuse(department_name),
            score,
            note,
            comment,
        ]);
    }
    writer.into_inner().unwrap_or_default()
}

fn xlsx(policy: &Policy, note: &str, rows: &[[&str; 9]]) -> Result<Vec<u8>, WorkbookError> {
    let mut book = sheet::workbook(&format!("calibra: ratings for {}", policy.cycle))?;
    let mut sheet = Sheet::new("ratings", &COLUMNS)?;
    let score = places_format(policy.score.decimals, false);
    for (r, row) in (1u32..).zip(rows) {
        for (c, cell) in (0u16..).zip(row) {
            sheet.text(r, c, cell)?;
        }
        sheet.blank(r, SCORE, &score)?;
    }
    if let Some(last) = u32::try_from(rows.len()).ok().filter(|&n| n > 0) {
        let bound = |d: rust_decimal::Decimal| d.to_string().parse::<f64>().unwrap_or(0.0);
        let rule = DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(
                bound(policy.score.min),
                bound(policy.score.max),
            ))
            .set_input_title("score")
            .and_then(|v| v.set_input_message(note))
            .and_then(|v| v.set_error_message(format!("The score must be {note}.")))
            .map_err(sheet::library("the score check"))?;
        sheet.validate(1, last, SCORE, &rule)?;
    }
    book.push_worksheet(sheet.finish()?);
    book.save_to_buffer()
        .map_err(sheet::library("the workbook"))
}

/// A file name for each id, ending `.ext`: letters, digits, `-` and `_`
/// kept, anything else (a `/`, a leading `.` that would hide the file, a
/// `~$` that marks a lock file) as `_`; two ids that give the same name
/// (or names differing only in case) get `-2`, `-3` after the second.
fn file_names<'a>(ids: impl Iterator<Item = &'a str>, ext: &str) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    ids.map(|id| {
        let mut stem: String = id
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .take(100)
            .collect();
        if stem.is_empty() {
            stem.push_str("manager");
        }
        let mut name = format!("{stem}.{ext}");
        let mut n = 1;
        while !taken.insert(name.to_lowercase()) {
            n += 1;
            name = format!("{stem}-{n}.{ext}");
        }
        name
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_distinct() {
        let ids = [
            "M01",
            "m01",
            "../x",
            ".hidden",
            "~$lock",
            "王志明",
            "",
            "a/b",
            "a_b",
        ];
        assert_eq!(
            file_names(ids.into_iter(), "csv"),
            [
                "M01.csv",
                "m01-2.csv",
                "___x.csv",
                "_hidden.csv",
                "__lock.csv",
                "王志明.csv",
                "manager.csv",
                "a_b.csv",
                "a_b-2.csv"
            ]
        );
    }
}
