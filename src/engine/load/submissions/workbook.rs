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

use std::borrow::Cow;
use std::fmt::Display;
use std::io::Cursor;

use calamine::{
    CellErrorType, CellType, Data, DataRef, Ods, OdsError, Range, Reader, SheetType, Xls, XlsError,
    Xlsx, XlsxError, open_workbook_from_rs,
};
use rust_decimal::Decimal;

use super::{Collector, FileAt};
use crate::engine::diagnostic::{Diagnostics, Location, Part, Said};
use crate::engine::source::{BinaryFile, parse_decimal};
use crate::i18n::Load;

/// A cell's value as read here, from either of calamine's cell types: an
/// .xlsx sheet is read as `DataRef`, which borrows the workbook's shared
/// strings instead of copying each one (most of the time of a large sheet).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Value<'a> {
    Empty,
    Int(i64),
    Float(f64),
    Text(&'a str),
    Bool(bool),
    Date,
    Duration,
    Error(&'a CellErrorType),
}

fn of_data<'a>(cell: &'a &Data) -> Value<'a> {
    match *cell {
        Data::Empty => Value::Empty,
        Data::Int(v) => Value::Int(*v),
        Data::Float(v) => Value::Float(*v),
        Data::String(s) => Value::Text(s),
        Data::Bool(v) => Value::Bool(*v),
        Data::DateTime(_) | Data::DateTimeIso(_) => Value::Date,
        Data::DurationIso(_) => Value::Duration,
        Data::Error(e) => Value::Error(e),
    }
}

fn of_ref<'a>(cell: &'a DataRef<'_>) -> Value<'a> {
    match cell {
        DataRef::Empty => Value::Empty,
        DataRef::Int(v) => Value::Int(*v),
        DataRef::Float(v) => Value::Float(*v),
        DataRef::String(s) => Value::Text(s),
        DataRef::SharedString(s) => Value::Text(s),
        DataRef::Bool(v) => Value::Bool(*v),
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) => Value::Date,
        DataRef::DurationIso(_) => Value::Duration,
        DataRef::Error(e) => Value::Error(e),
    }
}

/// One non-empty row of a sheet: its 0-based number and its cells with a
/// value, each with its 0-based column.
type Row<T> = (u32, Vec<(u32, T)>);

impl Collector<'_> {
    pub(super) fn read_workbook(&mut self, file: &BinaryFile, sink: &mut Diagnostics) {
        let ext = file.name.rsplit('.').next().unwrap_or("");
        let bytes = Cursor::new(file.bytes.as_slice());
        let refused = |message: Said, sink: &mut Diagnostics| {
            sink.error(Location::file(&file.name), message);
        };
        if ext.eq_ignore_ascii_case("xls") {
            match open::<Xls<_>>(bytes, "xls", |e| matches!(e, XlsError::Password)) {
                Ok((mut book, sheet)) => match book.worksheet_range(&sheet) {
                    Ok(range) => self.read_sheet(file, &sheet, rows_of(&range), of_data, sink),
                    Err(_) => refused(damaged("xls"), sink),
                },
                Err(message) => refused(message, sink),
            }
        } else if ext.eq_ignore_ascii_case("ods") {
            match open::<Ods<_>>(bytes, "ods", |e| matches!(e, OdsError::Password)) {
                Ok((mut book, sheet)) => match book.worksheet_range(&sheet) {
                    Ok(range) => self.read_sheet(file, &sheet, rows_of(&range), of_data, sink),
                    Err(_) => refused(damaged("ods"), sink),
                },
                Err(message) => refused(message, sink),
            }
        } else {
            match open::<Xlsx<_>>(bytes, "xlsx", |e| matches!(e, XlsxError::Password)) {
                Ok((mut book, sheet)) => match xlsx_rows(&mut book, &sheet) {
                    Ok(rows) => self.read_sheet(file, &sheet, rows, of_ref, sink),
                    Err(()) => refused(damaged("xlsx"), sink),
                },
                Err(message) => refused(message, sink),
            }
        }
    }

    fn read_sheet<T>(
        &mut self,
        file: &BinaryFile,
        sheet: &str,
        rows: Vec<Row<T>>,
        value: fn(&T) -> Value<'_>,
        sink: &mut Diagnostics,
    ) {
        let at = |cell: Option<(u32, u32)>| Location::sheet(&file.name, sheet, cell);
        let mut rows = rows
            .iter()
            .filter(|(_, cells)| !cells.iter().all(|(_, c)| is_blank(value(c))));
        let Some((header_row, header)) = rows.next() else {
            sink.error(at(None), Load::SheetEmpty);
            return;
        };
        let column = |name: &str| {
            header.iter().find_map(|(col, c)| {
                matches!(value(c), Value::Text(s) if s.trim() == name).then_some(*col)
            })
        };
        let required = ["rater_id", "rater_name", "employee_id", "score"];
        let missing: Vec<String> = required
            .iter()
            .filter(|c| column(c).is_none())
            .map(|c| format!("\"{c}\""))
            .collect();
        if !missing.is_empty() {
            let first = header.first().map_or(0, |(col, _)| *col);
            sink.error(
                at(Some((*header_row, first))),
                Said::new(
                    Load::SheetColumnsMissing,
                    &[("columns", &missing.join(", "))],
                ),
            );
            return;
        }
        let [rater_id, rater_name, employee_id, score] = required.map(|c| column(c).unwrap_or(0));
        let weight = column("weight");
        let comment = column("comment");
        if let Some(read) = self.files.last_mut() {
            *read = FileAt {
                name: file.name.clone(),
                sheet: Some((sheet.to_string(), employee_id)),
            };
        }
        for (row, cells) in rows {
            let row = *row;
            let cell_at = |col: u32| at(Some((row, col)));
            let cell = |col: u32| {
                cells
                    .iter()
                    .find(|(c, _)| *c == col)
                    .map_or(Value::Empty, |(_, v)| value(v))
            };
            let mut texts = [rater_id, rater_name, employee_id]
                .into_iter()
                .zip(["rater_id", "rater_name", "employee_id"])
                .filter_map(|(col, name)| match text(cell(col)) {
                    Ok(text) => Some(text),
                    Err(err) => {
                        sink.error(cell_at(col), Said::column(name, err));
                        None
                    }
                });
            let (Some(id), Some(name), Some(employee)) = (texts.next(), texts.next(), texts.next())
            else {
                continue;
            };
            let Some(rater) = self.rater(&id, &name, || cell_at(rater_id), sink) else {
                continue;
            };
            let score_value = match number(cell(score)) {
                Ok(Some(value)) => value,
                Ok(None) => {
                    sink.error(cell_at(score), Load::ScoreCellEmpty);
                    continue;
                }
                Err(err) => {
                    sink.error(cell_at(score), Said::column("score", err));
                    continue;
                }
            };
            let weight = match weight.map(|w| (w, number(cell(w)))) {
                None | Some((_, Ok(None))) => None,
                Some((w, Ok(Some(value)))) => Some((value, move || cell_at(w))),
                Some((w, Err(err))) => {
                    sink.error(cell_at(w), Said::column("weight", err));
                    continue;
                }
            };
            self.rating(
                rater,
                &employee,
                row,
                score_value,
                || cell_at(score),
                weight,
                sink,
            );
            // A comment that is not text (a number, a date) is not one.
            if let Some(Ok(text)) = comment.map(|c| text(cell(c))) {
                self.comment(&text);
            }
        }
    }
}

/// The cells of an .xlsx sheet as they are stored, row by row. Read cell by
/// cell rather than as calamine's `Range`, which is a dense grid: one
/// stray value in a far corner (XFD1048576) would ask for terabytes.
fn xlsx_rows<'a>(
    book: &'a mut Xlsx<Cursor<&[u8]>>,
    sheet: &str,
) -> Result<Vec<Row<DataRef<'a>>>, ()> {
    let mut reader = book.worksheet_cells_reader(sheet).map_err(|_| ())?;
    let mut rows: Vec<Row<DataRef<'a>>> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|_| ())? {
        let (row, col) = cell.get_position();
        let value = cell.get_value();
        if *value == DataRef::Empty {
            continue;
        }
        match rows.last_mut() {
            Some((last, cells)) if *last == row => cells.push((col, value.clone())),
            _ => rows.push((row, vec![(col, value.clone())])),
        }
    }
    // Rows are stored in order; a file that is not is still read in order.
    rows.sort_by_key(|(row, _)| *row);
    Ok(rows)
}

/// The non-empty cells of a `Range` (from an .xls or .ods sheet), row by row.
fn rows_of<T: CellType + PartialEq>(range: &Range<T>) -> Vec<Row<&T>> {
    let (top, left) = range.start().unwrap_or((0, 0));
    range
        .rows()
        .zip(top..)
        .map(|(cells, row)| {
            let cells = cells
                .iter()
                .zip(left..)
                .filter(|(cell, _)| **cell != T::default())
                .map(|(cell, col)| (col, cell))
                .collect();
            (row, cells)
        })
        .filter(|(_, cells): &Row<&T>| !cells.is_empty())
        .collect()
}

fn damaged(kind: &str) -> Said {
    Said::new(Load::WorkbookDamaged, &[("kind", &kind)])
}

/// The workbook and the name of its first worksheet (chart sheets and
/// macro sheets are passed over), or what makes it unreadable.
fn open<'a, R>(
    bytes: Cursor<&'a [u8]>,
    kind: &str,
    is_password: fn(&R::Error) -> bool,
) -> Result<(R, String), Said>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: Display,
{
    let book: R = open_workbook_from_rs(bytes).map_err(|err| {
        if is_password(&err) {
            Load::WorkbookPassword.into()
        } else {
            damaged(kind)
        }
    })?;
    let Some(name) = book
        .sheets_metadata()
        .iter()
        .find(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
    else {
        return Err(Load::NoWorksheet.into());
    };
    Ok((book, name))
}

/// Empty, or text of nothing but white space.
fn is_blank(cell: Value<'_>) -> bool {
    match cell {
        Value::Empty => true,
        Value::Text(s) => s.trim().is_empty(),
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
fn number(cell: Value<'_>) -> Result<Option<Decimal>, Part> {
    let parse = |text: &str| parse_decimal(text).map(Some).map_err(Part::from);
    match cell {
        Value::Empty => Ok(None),
        Value::Int(value) => Ok(Some(Decimal::from(value))),
        Value::Float(value) => parse(&shortest(value)),
        Value::Text(text) if text.trim().is_empty() => Ok(None),
        Value::Text(text) => parse(text.trim()),
        other => Err(not_a_value(other, Load::WordNumber)),
    }
}

/// A cell where text (an id or a name) belongs; empty gives "".
fn text(cell: Value<'_>) -> Result<Cow<'_, str>, Part> {
    match cell {
        Value::Empty => Ok(Cow::Borrowed("")),
        Value::Text(text) => Ok(Cow::Borrowed(text.trim())),
        Value::Int(value) => Ok(Cow::Owned(value.to_string())),
        Value::Float(value) => Ok(Cow::Owned(shortest(value))),
        other => Err(not_a_value(other, Load::WordText)),
    }
}

fn not_a_value(cell: Value<'_>, wanted: Load) -> Part {
    let said = match cell {
        Value::Bool(value) => Said::new(
            Load::CellBoolean,
            &[("value", &if value { "TRUE" } else { "FALSE" })],
        ),
        Value::Date => Load::CellDate.into(),
        Value::Duration => Load::CellDuration.into(),
        Value::Error(error) => Said::new(Load::CellError, &[("error", error)]),
        _ => Load::CellNot.into(),
    };
    said.with("wanted", wanted).into()
}

#[cfg(test)]
mod tests {
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
                number(Value::Float(value)),
                Ok(Some(parse_decimal(expected).expect("a decimal")))
            );
        }
        assert_eq!(number(Value::Int(7)), Ok(Some(Decimal::from(7))));
        assert_eq!(
            number(Value::Text(" 80.30 ")),
            Ok(Some(parse_decimal("80.30").expect("a decimal")))
        );
        assert_eq!(number(Value::Text("  ")), Ok(None));
        assert_eq!(number(Value::Empty), Ok(None));
        // Too large for a decimal: an error, not a rounding.
        assert!(number(Value::Float(1e300)).is_err());
    }

    #[test]
    fn ids_typed_as_numbers_read_as_their_digits() {
        let text = |cell| text(cell).map(Cow::into_owned);
        assert_eq!(text(Value::Float(1001.0)), Ok("1001".to_string()));
        assert_eq!(text(Value::Int(42)), Ok("42".to_string()));
        assert_eq!(text(Value::Text(" E1 ")), Ok("E1".to_string()));
        assert_eq!(text(Value::Empty), Ok(String::new()));
    }

    #[test]
    fn booleans_dates_and_errors_are_refused_with_what_they_are() {
        // Said in English.
        let number = |cell| number(cell).map_err(|why| why.to_string());
        assert_eq!(
            number(Value::Bool(true)),
            Err("the cell holds the boolean TRUE, not a number".to_string())
        );
        assert_eq!(
            number(Value::Error(&CellErrorType::Div0)),
            Err(
                "the cell holds the error value #DIV/0!, not a number (a formula that failed?)"
                    .to_string()
            )
        );
        let date = Data::DateTimeIso("2026-11-20".into());
        assert!(
            number(of_data(&&date))
                .expect_err("a date")
                .starts_with("the cell holds a date or time")
        );
        assert!(text(of_ref(&DataRef::Error(CellErrorType::NA))).is_err());
    }

    #[test]
    fn bytes_that_are_no_workbook_are_refused() {
        for name in ["m.xlsx", "m.xls", "m.ods"] {
            let file = BinaryFile {
                name: name.to_string(),
                bytes: b"rater_id,rater_name\n".to_vec(),
            };
            let mut collector = Collector::new(None);
            collector.files.push(FileAt {
                name: name.to_string(),
                sheet: None,
            });
            let mut sink = Diagnostics::default();
            collector.read_workbook(&file, &mut sink);
            let errors: Vec<String> = sink.errors().map(|e| e.message.clone()).collect();
            assert_eq!(errors.len(), 1, "{sink}");
            assert!(errors[0].starts_with("the file cannot be opened"), "{sink}");
        }
    }
}
