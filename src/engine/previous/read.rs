//! Reading an earlier calibra export, CSV or JSON, into plain rows. Only
//! `employee_id` and `grade` are required; the columns a track record
//! needs are read when the file has them. CSV cells lose the `'` that the
//! export puts before a defused cell (contract 5); JSON is never defused.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::engine::diagnostic::{Diagnostics, Location, Said};
use crate::engine::export::FORMULA_STARTS;
use crate::engine::source::{At, Dec, Positions, SourceFile, parse_decimal};
use crate::i18n::Load;

/// One employee's line of the previous export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastRow {
    /// Where it is (a CSV line; the line of the row's `employee_id` in JSON).
    pub line: u32,
    pub employee_id: String,
    /// `None`: an empty cell (or `null`).
    pub grade: Option<String>,
    pub auto_grade: Option<String>,
    /// Empty when unrated, or when the file has no `raters`.
    pub raters: Vec<String>,
    pub raw_score: Option<Decimal>,
    pub final_score: Option<Decimal>,
}

/// A previous export's rows, and whether it carries a track record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Past {
    pub rows: Vec<PastRow>,
    /// The file has `raters`, `raw_score`, `final_score`, `auto_grade` and
    /// `grade` (every full calibra export does).
    pub carries_track_record: bool,
}

/// The columns a track record needs besides `grade`.
const TRACK_COLUMNS: [&str; 4] = ["raters", "raw_score", "final_score", "auto_grade"];

/// Whether the file is JSON: by its name's ending, else by its first
/// non-blank character.
fn is_json(file: &SourceFile) -> bool {
    let ending = file.name.rsplit_once('.').map(|(_, ext)| ext);
    match ending {
        Some(ext) if ext.eq_ignore_ascii_case("json") => true,
        Some(ext) if ext.eq_ignore_ascii_case("csv") => false,
        _ => file.text.trim_start().starts_with('{'),
    }
}

/// The rows of a previous export; every problem is an error at its line.
pub fn rows(file: &SourceFile) -> Result<Past, Diagnostics> {
    let mut sink = Diagnostics::default();
    let past = if is_json(file) {
        json(file, &mut sink)
    } else {
        csv(file, &mut sink)
    };
    let mut first: HashMap<&str, u32> = HashMap::with_capacity(past.rows.len());
    for row in &past.rows {
        if let Some(line) = first.insert(&row.employee_id, row.line) {
            // Keep the first line in the message, and in the map.
            first.insert(&row.employee_id, line);
            sink.error(
                Location::line(file.name.clone(), row.line),
                Said::new(
                    Load::PreviousTwice,
                    &[("id", &row.employee_id), ("line", &line)],
                ),
            );
        }
    }
    if sink.has_errors() {
        return Err(sink);
    }
    Ok(past)
}

/// A CSV cell as it was before the export defused it: without the `'` put
/// before a leading formula character.
fn undefuse(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

#[cfg(test)]
pub(super) fn undefuse_for_tests(cell: &str) -> &str {
    undefuse(cell)
}

fn csv(file: &SourceFile, sink: &mut Diagnostics) -> Past {
    let none = Past {
        rows: Vec::new(),
        carries_track_record: false,
    };
    let at = |line: u64| Location::line(file.name.clone(), u32::try_from(line).unwrap_or(u32::MAX));
    let lines = Positions::new(file);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(file.text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(err) => {
            sink.error(at(1), Said::new(Load::HeaderUnreadable, &[("why", &err)]));
            return none;
        }
    };
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(id_column), Some(grade_column)) = (column("employee_id"), column("grade")) else {
        sink.error(at(1), Load::PreviousColumnsMissing);
        return none;
    };
    let track = TRACK_COLUMNS.map(column);
    let carries_track_record = track.iter().all(Option::is_some);
    let [raters, raw, final_score, auto] = track;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let line = err.position().map_or(1, |p| lines.line_of_record(p.byte()));
                sink.error(at(line), Said::new(Load::RowUnreadable, &[("why", &err)]));
                if matches!(err.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = record
            .position()
            .map_or(1, |p| lines.line_of_record(p.byte()));
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("");
        let text = |i: Option<usize>| Some(undefuse(cell(i)).to_string()).filter(|s| !s.is_empty());
        let score = |i: Option<usize>, name: &str, sink: &mut Diagnostics| match cell(i).trim() {
            "" => None,
            value => parse_decimal(value)
                .map_err(|err| sink.error(at(line), Said::column(name, err)))
                .ok(),
        };
        let Some(employee_id) = text(Some(id_column)) else {
            sink.error(at(line), Load::EmployeeIdEmpty);
            continue;
        };
        let raters = match cell(raters) {
            "" => Vec::new(),
            joined => joined.split(';').map(|r| undefuse(r).to_string()).collect(),
        };
        rows.push(PastRow {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            employee_id,
            grade: text(Some(grade_column)),
            auto_grade: text(auto),
            raters,
            raw_score: score(raw, "raw_score", sink),
            final_score: score(final_score, "final_score", sink),
        });
    }
    Past {
        rows,
        carries_track_record,
    }
}

#[derive(Deserialize)]
struct ExportDoc<'a> {
    #[serde(borrow)]
    employees: Vec<&'a RawValue>,
}

/// A row of the JSON export; a key the file lacks is `None`, told apart
/// from `null` (`Some(None)`) by [`present`].
#[derive(Deserialize)]
struct RowDoc {
    employee_id: At<String>,
    grade: Option<String>,
    #[serde(default, deserialize_with = "present")]
    auto_grade: Option<Option<String>>,
    #[serde(default)]
    raters: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    raw_score: Option<Option<Dec>>,
    #[serde(default, deserialize_with = "present")]
    final_score: Option<Option<Dec>>,
}

/// A key that is there, `null` or not (serde alone reads `null` as absent).
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

fn json(file: &SourceFile, sink: &mut Diagnostics) -> Past {
    let pos = Positions::new(file);
    let doc: ExportDoc = match pos.parse_object() {
        Ok(doc) => doc,
        Err(diagnostic) => {
            sink.push(diagnostic);
            return Past {
                rows: Vec::new(),
                carries_track_record: false,
            };
        }
    };
    let mut rows = Vec::with_capacity(doc.employees.len());
    let mut carries_track_record = !doc.employees.is_empty();
    for raw in &doc.employees {
        let row: RowDoc = match pos.parse_raw_object(raw) {
            Ok(row) => row,
            Err(diagnostic) => {
                sink.push(diagnostic);
                continue;
            }
        };
        let line = pos.at_addr(row.employee_id.addr).line.unwrap_or(1);
        carries_track_record &= row.auto_grade.is_some()
            && row.raters.is_some()
            && row.raw_score.is_some()
            && row.final_score.is_some();
        rows.push(PastRow {
            line,
            employee_id: row.employee_id.value,
            grade: row.grade,
            auto_grade: row.auto_grade.flatten(),
            raters: row.raters.unwrap_or_default(),
            raw_score: row.raw_score.flatten().map(|d| d.0),
            final_score: row.final_score.flatten().map(|d| d.0),
        });
    }
    Past {
        rows,
        carries_track_record,
    }
}
