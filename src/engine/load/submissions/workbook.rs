//! A submissions workbook (.xlsx, .xlsm, .xls, .ods), read like a CSV file
//! (contract 6.3): its first worksheet; the first non-empty row is the
//! header, with the CSV's column names; every later non-empty row is one
//! rating. Every message names the sheet and the cell.
//!
//! Cells: a number is the shortest decimal that converts back to the same
//! binary number (88.5, 80.3: what the spreadsheet shows, never
//! 80.299999999999997); text is read as a decimal string where a number
//! belongs; a formula gives its saved value. A boolean, a date or an error
//! value (`#DIV/0!`) where a number belongs is an error. An id typed as a
//! number is read as its digits (1001 is "1001"; leading zeros typed as a
//! number are gone, so ids like 00123 must be typed as text).

use std::fmt::Display;
use std::io::Cursor;

use calamine::{
    Data, Ods, Range, Reader, SheetType, Xls, XlsError, Xlsx, XlsxError, open_workbook_from_rs,
};
use rust_decimal::Decimal;

use super::{Collector, FileAt};
use crate::engine::diagnostic::{Diagnostics, Location};
use crate::engine::source::{BinaryFile, parse_decimal};

const COLUMNS: &str = "rater_id,rater_name,employee_id,score (weight and comment are optional)";

impl Collector<'_> {
    pub(super) fn read_workbook(&mut self, file: &BinaryFile, sink: &mut Diagnostics) {
        let (sheet, range) = match first_worksheet(file) {
            Ok(found) => found,
            Err(message) => {
                sink.error(Location::file(&file.name), message);
                return;
            }
        };
        let at = |cell: Option<(u32, u32)>| Location::sheet(&file.name, &sheet, cell);
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = range
            .rows()
            .zip(top..)
            .filter(|(cells, _)| !cells.iter().all(is_blank));
        let Some((header, header_row)) = rows.next() else {
            sink.error(
                at(None),
                format!("the sheet is empty: it needs a header row {COLUMNS}"),
            );
            return;
        };
        let column = |name: &str| {
            header
                .iter()
                .position(|c| matches!(c, Data::String(s) if s.trim() == name))
        };
        let required = ["rater_id", "rater_name", "employee_id", "score"];
        let missing: Vec<String> = required
            .iter()
            .filter(|c| column(c).is_none())
            .map(|c| format!("\"{c}\""))
            .collect();
        if !missing.is_empty() {
            sink.error(
                at(Some((header_row, left))),
                format!(
                    "the header row lacks the column(s) {}: a submissions sheet needs {COLUMNS}",
                    missing.join(", ")
                ),
            );
            return;
        }
        let [rater_id, rater_name, employee_id, score] = required.map(|c| column(c).unwrap_or(0));
        let weight = column("weight");
        let column_at = |i: usize| left.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
        if let Some(read) = self.files.last_mut() {
            *read = FileAt {
                name: file.name.clone(),
                sheet: Some((sheet.clone(), column_at(employee_id))),
            };
        }
        for (cells, row) in rows {
            let cell_at = |i: usize| at(Some((row, column_at(i))));
            let cell = |i: usize| cells.get(i).unwrap_or(&Data::Empty);
            let texts = [rater_id, rater_name, employee_id].map(|i| (i, text(cell(i))));
            let mut read = Vec::with_capacity(3);
            for ((i, value), name) in
                texts
                    .into_iter()
                    .zip(["rater_id", "rater_name", "employee_id"])
            {
                match value {
                    Ok(value) => read.push(value),
                    Err(err) => sink.error(cell_at(i), format!("{name}: {err}")),
                }
            }
            let [id, name, employee] = read.as_slice() else {
                continue;
            };
            let Some(rater) = self.rater(id, name, cell_at(rater_id), sink) else {
                continue;
            };
            let score_value = match number(cell(score)) {
                Ok(Some(value)) => value,
                Ok(None) => {
                    sink.error(
                        cell_at(score),
                        "score: the cell is empty (every rating needs a score)",
                    );
                    continue;
                }
                Err(err) => {
                    sink.error(cell_at(score), format!("score: {err}"));
                    continue;
                }
            };
            let weight = match weight.map(|w| (w, number(cell(w)))) {
                None | Some((_, Ok(None))) => None,
                Some((w, Ok(Some(value)))) => Some((value, cell_at(w))),
                Some((w, Err(err))) => {
                    sink.error(cell_at(w), format!("weight: {err}"));
                    continue;
                }
            };
            self.rating(
                rater,
                employee,
                row,
                score_value,
                cell_at(score),
                weight,
                sink,
            );
        }
    }
}

/// The name and cells of the workbook's first worksheet (chart sheets and
/// macro sheets are passed over), or what makes it unreadable.
fn first_worksheet(file: &BinaryFile) -> Result<(String, Range<Data>), String> {
    let ext = file.name.rsplit('.').next().unwrap_or("");
    let bytes = Cursor::new(file.bytes.as_slice());
    if ext.eq_ignore_ascii_case("xls") {
        first_of::<Xls<_>>(bytes, "xls", |e| matches!(e, XlsError::Password))
    } else if ext.eq_ignore_ascii_case("ods") {
        first_of::<Ods<_>>(bytes, "ods", |_| false)
    } else {
        first_of::<Xlsx<_>>(bytes, "xlsx", |e| matches!(e, XlsxError::Password))
    }
}

fn first_of<'a, R>(
    bytes: Cursor<&'a [u8]>,
    kind: &str,
    is_password: fn(&R::Error) -> bool,
) -> Result<(String, Range<Data>), String>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: Display,
{
    let damaged = || {
        format!(
            "the file cannot be opened as a workbook: it is damaged, or not an .{kind} file (save it again from the spreadsheet program)"
        )
    };
    let mut book: R = open_workbook_from_rs(bytes).map_err(|err| {
        if is_password(&err) {
            "the workbook is password-protected (encrypted): save a copy without a password"
                .to_string()
        } else {
            damaged()
        }
    })?;
    let Some(name) = book
        .sheets_metadata()
        .iter()
        .find(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
    else {
        return Err("the workbook has no worksheet".to_string());
    };
    let range = book.worksheet_range(&name).map_err(|_| damaged())?;
    Ok((name, range))
}

/// Empty, or text of nothing but white space.
fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The shortest decimal that converts back to `value`: Rust's `Display`
/// of an `f64` is exactly that, and never uses an exponent.
fn shortest(value: f64) -> String {
    if value == 0.0 {
        "0".to_string()
    } else {
        value.to_string()
    }
}

/// A cell where a number belongs; `None` when it is empty.
fn number(cell: &Data) -> Result<Option<Decimal>, String> {
    let parse = |text: &str| parse_decimal(text).map(Some).map_err(|e| e.to_string());
    match cell {
        Data::Empty => Ok(None),
        Data::Int(value) => Ok(Some(Decimal::from(*value))),
        Data::Float(value) => parse(&shortest(*value)),
        Data::String(text) if text.trim().is_empty() => Ok(None),
        Data::String(text) => parse(text.trim()),
        other => Err(not_a_value(other, "a number")),
    }
}

/// A cell where text (an id or a name) belongs; empty gives "".
fn text(cell: &Data) -> Result<String, String> {
    match cell {
        Data::Empty => Ok(String::new()),
        Data::String(text) => Ok(text.trim().to_string()),
        Data::Int(value) => Ok(value.to_string()),
        Data::Float(value) => Ok(shortest(*value)),
        other => Err(not_a_value(other, "text")),
    }
}

fn not_a_value(cell: &Data, wanted: &str) -> String {
    match cell {
        Data::Bool(value) => format!(
            "the cell holds the boolean {}, not {wanted}",
            if *value { "TRUE" } else { "FALSE" }
        ),
        Data::DateTime(_) | Data::DateTimeIso(_) => format!(
            "the cell holds a date or time, not {wanted} (format the column as a number or as text)"
        ),
        Data::DurationIso(_) => format!(
            "the cell holds a duration, not {wanted} (format the column as a number or as text)"
        ),
        Data::Error(error) => {
            format!("the cell holds the error value {error}, not {wanted} (a formula that failed?)")
        }
        _ => format!("the cell does not hold {wanted}"),
    }
}

#[cfg(test)]
mod tests {
    use calamine::CellErrorType;

    use super::*;

    #[test]
    fn numbers_read_as_the_shortest_decimal_that_round_trips() {
        let cases = [
            (88.5, "88.5"),
            (80.3, "80.3"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1001.0, "1001"),
            (-0.0, "0"),
            (1e-7, "0.0000001"),
        ];
        for (value, expected) in cases {
            assert_eq!(shortest(value), expected);
            assert_eq!(
                number(&Data::Float(value)),
                Ok(Some(parse_decimal(expected).expect("a decimal")))
            );
        }
        assert_eq!(number(&Data::Int(7)), Ok(Some(Decimal::from(7))));
        assert_eq!(
            number(&Data::String(" 80.30 ".into())),
            Ok(Some(parse_decimal("80.30").expect("a decimal")))
        );
        assert_eq!(number(&Data::String("  ".into())), Ok(None));
        assert_eq!(number(&Data::Empty), Ok(None));
        // Too large for a decimal: an error, not a rounding.
        assert!(number(&Data::Float(1e300)).is_err());
    }

    #[test]
    fn ids_typed_as_numbers_read_as_their_digits() {
        assert_eq!(text(&Data::Float(1001.0)), Ok("1001".to_string()));
        assert_eq!(text(&Data::Int(42)), Ok("42".to_string()));
        assert_eq!(text(&Data::String(" E1 ".into())), Ok("E1".to_string()));
        assert_eq!(text(&Data::Empty), Ok(String::new()));
    }

    #[test]
    fn booleans_dates_and_errors_are_refused_with_what_they_are() {
        assert_eq!(
            number(&Data::Bool(true)),
            Err("the cell holds the boolean TRUE, not a number".to_string())
        );
        assert_eq!(
            number(&Data::Error(CellErrorType::Div0)),
            Err(
                "the cell holds the error value #DIV/0!, not a number (a formula that failed?)"
                    .to_string()
            )
        );
        let date = Data::DateTimeIso("2026-11-20".into());
        assert!(
            number(&date)
                .expect_err("a date")
                .starts_with("the cell holds a date or time")
        );
        assert!(text(&Data::Error(CellErrorType::NA)).is_err());
    }

    #[test]
    fn bytes_that_are_no_workbook_are_refused() {
        for name in ["m.xlsx", "m.xls", "m.ods"] {
            let file = BinaryFile {
                name: name.to_string(),
                bytes: b"rater_id,rater_name\n".to_vec(),
            };
            let err = first_worksheet(&file).expect_err("not a workbook");
            assert!(err.starts_with("the file cannot be opened"), "{err}");
        }
    }
}
