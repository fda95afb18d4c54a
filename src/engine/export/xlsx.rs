//! The workbook export (contract 6.4): sheet `grades` holds the CSV's rows,
//! `groups` the JSON's group figures, `decisions` the replayed decisions.
//!
//! The rows are the CSV's own ([`super::row_with`]); only the cells' types
//! differ. Scores, bonuses and ranks are number cells shown with exactly
//! their places; everything else is a text cell, which a spreadsheet never
//! runs as a formula, so it carries no `'` (contract 6.1). Columns are as
//! wide as their widest cell by display width (a Chinese name is two
//! columns a character), within [`MIN_WIDTH`] and [`MAX_WIDTH`].
//!
//! The same session gives the same bytes: the workbook's creation date is
//! fixed rather than the clock's.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::{BONUS_COLUMN, COLUMNS, Row, allocation, group_figures, row_with};
use crate::engine::decision;
use crate::engine::diagnostic::cell_name;
use crate::engine::session::Session;
use crate::text;

/// The most rows a sheet can hold (Excel's limit, header included).
pub const MAX_ROWS: usize = 1_048_576;

/// Column widths, in characters.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;

/// The columns of sheet `groups`: one row per group and grade.
const GROUP_COLUMNS: [&str; 7] = [
    "group",
    "headcount",
    "grade",
    "quota",
    "seats",
    "filled",
    "count",
];

/// The fields of a decision in the order the session file writes them;
/// sheet `decisions` has a column for each one some decision uses, after
/// its position `#` (any field not listed here follows, by name).
const DECISION_FIELDS: [&str; 18] = [
    "kind",
    "rater",
    "department",
    "employee",
    "group",
    "method",
    "delta",
    "stretch",
    "shift",
    "mean",
    "sd",
    "grade",
    "note",
    "reason",
    "at",
    "by",
    "batch",
    "revokes",
];

/// Why no workbook could be made: where, and what the format does not allow
/// there (a text longer than 32,767 characters, more than [`MAX_ROWS`] rows).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct WorkbookError(String);

/// The workbook export's bytes (an .xlsx file).
pub fn to_xlsx(session: &Session) -> Result<Vec<u8>, WorkbookError> {
    let input = &session.input;
    let rows = input.employees.len() + 1;
    if rows > MAX_ROWS {
        return Err(WorkbookError(format!(
            "sheet \"grades\" would need {rows} rows but a sheet holds at most {MAX_ROWS}: export as CSV or JSON instead"
        )));
    }
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(library("the workbook"))?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("calibra: {}", input.policy.cycle))
            .set_creation_datetime(&created),
    );
    workbook.push_worksheet(grades(session)?);
    workbook.push_worksheet(groups(session)?);
    workbook.push_worksheet(decisions(session)?);
    workbook.save_to_buffer().map_err(library("the workbook"))
}

/// A number format showing exactly `places` places (`0.00`), with
/// thousands separators when `grouped`.
fn places_format(places: u32, grouped: bool) -> Format {
    let whole = if grouped { "#,##0" } else { "0" };
    let code = match places {
        0 => whole.to_string(),
        n => format!("{whole}.{}", "0".repeat(n as usize)),
    };
    Format::new().set_num_format(code)
}

fn grades(session: &Session) -> Result<Worksheet, WorkbookError> {
    let policy = &session.input.policy;
    let allocation = allocation(session);
    let bonus = allocation.as_ref().map(|_| BONUS_COLUMN);
    let header: Vec<&str> = COLUMNS.iter().copied().chain(bonus).collect();
    let mut sheet = Sheet::new("grades", &header)?;
    let score = places_format(policy.score.decimals, false);
    let rank = places_format(0, false);
    let money = places_format(allocation.as_ref().map_or(0, |a| a.decimals), true);
    for e in 0..session.input.employees.len() {
        let row = row_with(session, e, allocation.as_ref());
        let r = u32::try_from(e + 1).unwrap_or(u32::MAX);
        let Row {
            employee_id,
            employee_name,
            department_id,
            department_grade,
            group,
            raters,
            raw_score,
            final_score,
            rank: position,
            auto_grade,
            grade,
            override_reason,
            flags,
            bonus,
        } = row;
        sheet.text(r, 0, employee_id)?;
        sheet.text(r, 1, employee_name)?;
        sheet.text(r, 2, department_id)?;
        sheet.text(r, 3, department_grade)?;
        sheet.text(r, 4, group)?;
        sheet.text(r, 5, &raters.join(";"))?;
        sheet.decimal(r, 6, raw_score.as_deref(), &score)?;
        sheet.decimal(r, 7, final_score.as_deref(), &score)?;
        sheet.decimal(r, 8, position.map(|p| p.to_string()).as_deref(), &rank)?;
        sheet.text(r, 9, auto_grade.unwrap_or(""))?;
        sheet.text(r, 10, grade.unwrap_or(""))?;
        sheet.text(r, 11, override_reason.unwrap_or(""))?;
        sheet.text(r, 12, &flags.join(";"))?;
        if let Some(bonus) = bonus {
            sheet.decimal(r, 13, bonus.as_deref(), &money)?;
        }
    }
    sheet.finish()
}

fn groups(session: &Session) -> Result<Worksheet, WorkbookError> {
    let mut sheet = Sheet::new("groups", &GROUP_COLUMNS)?;
    let whole = places_format(0, false);
    let mut r = 0u32;
    for group in group_figures(session) {
        let headcount = group.headcount.to_string();
        for grade in &group.grades {
            r += 1;
            sheet.text(r, 0, group.id)?;
            sheet.decimal(r, 1, Some(&headcount), &whole)?;
            sheet.text(r, 2, grade.grade)?;
            // Text, like the JSON's string: a share such as 1/7 of a pool
            // has more digits than a spreadsheet number holds.
            sheet.text(r, 3, &grade.quota)?;
            for (c, n) in [(4, grade.seats), (5, grade.filled), (6, grade.count)] {
                sheet.decimal(r, c, Some(&n.to_string()), &whole)?;
            }
        }
    }
    sheet.finish()
}

fn decisions(session: &Session) -> Result<Worksheet, WorkbookError> {
    let values = decision::to_values(session.decisions());
    let objects: Vec<&serde_json::Map<String, serde_json::Value>> = values
        .iter()
        .filter_map(serde_json::Value::as_object)
        .collect();
    let used = |field: &str| objects.iter().any(|o| o.contains_key(field));
    let mut fields: Vec<&str> = DECISION_FIELDS
        .iter()
        .copied()
        .filter(|f| used(f))
        .collect();
    let mut others: Vec<&str> = objects
        .iter()
        .flat_map(|o| o.keys().map(String::as_str))
        .filter(|k| !DECISION_FIELDS.contains(k))
        .collect();
    others.sort_unstable();
    others.dedup();
    fields.extend(others);
    let header: Vec<&str> = std::iter::once("#").chain(fields.iter().copied()).collect();
    let mut sheet = Sheet::new("decisions", &header)?;
    let whole = places_format(0, false);
    for (i, object) in objects.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet.decimal(r, 0, Some(&(i + 1).to_string()), &whole)?;
        for (c, field) in (1u16..).zip(&fields) {
            match object.get(*field) {
                None | Some(serde_json::Value::Null) => {}
                Some(serde_json::Value::String(text)) => sheet.text(r, c, text)?,
                Some(serde_json::Value::Number(n)) => {
                    sheet.decimal(r, c, Some(&n.to_string()), &whole)?;
                }
                Some(other) => sheet.text(r, c, &other.to_string())?,
            }
        }
    }
    sheet.finish()
}

/// A library error, said with what was being made.
fn library(what: &str) -> impl Fn(XlsxError) -> WorkbookError + '_ {
    move |err| WorkbookError(format!("{what}: {err}"))
}

/// The error of writing cell (`row`, `col`) of sheet `name`, said with the
/// cell's name.
fn at(name: &'static str, row: u32, col: u16) -> impl FnOnce(XlsxError) -> WorkbookError {
    move |err| {
        let why = match err {
            XlsxError::MaxStringLengthExceeded => "the text is longer than the 32,767 characters a spreadsheet cell holds: export as CSV or JSON instead".to_string(),
            other => other.to_string(),
        };
        WorkbookError(format!(
            "sheet \"{name}\" cell {}: {why}",
            cell_name(row, u32::from(col))
        ))
    }
}

/// A worksheet being filled: a bold header row, frozen, with a filter;
/// text and number cells; and each column's widest cell, for its width.
struct Sheet {
    sheet: Worksheet,
    name: &'static str,
    widths: Vec<usize>,
    /// The last row with a cell written (0: the header only).
    last_row: u32,
}

impl Sheet {
    fn new(name: &'static str, header: &[&str]) -> Result<Self, WorkbookError> {
        let mut sheet = Worksheet::new();
        sheet
            .set_name(name)
            .map_err(library(&format!("sheet \"{name}\"")))?;
        let mut this = Sheet {
            sheet,
            name,
            widths: vec![0; header.len()],
            last_row: 0,
        };
        let bold = Format::new().set_bold();
        for (c, title) in (0u16..).zip(header) {
            this.sheet
                .write_string_with_format(0, c, *title, &bold)
                .map_err(at(name, 0, c))?;
            this.measure(c, title);
        }
        Ok(this)
    }

    fn measure(&mut self, col: u16, shown: &str) {
        if let Some(width) = self.widths.get_mut(usize::from(col)) {
            // Only the widest line of a cell counts: the rest wraps.
            let widest = shown.lines().map(text::width).max().unwrap_or(0);
            *width = (*width).max(widest);
        }
    }

    /// A text cell; an empty text is an empty cell, as in the CSV.
    fn text(&mut self, row: u32, col: u16, value: &str) -> Result<(), WorkbookError> {
        if value.is_empty() {
            return Ok(());
        }
        self.sheet
            .write_string(row, col, value)
            .map_err(at(self.name, row, col))?;
        self.measure(col, value);
        self.last_row = self.last_row.max(row);
        Ok(())
    }

    /// A number cell from the decimal the CSV prints (`None`: empty), shown
    /// with `format`'s places.
    fn decimal(
        &mut self,
        row: u32,
        col: u16,
        shown: Option<&str>,
        format: &Format,
    ) -> Result<(), WorkbookError> {
        let Some(shown) = shown else {
            return Ok(());
        };
        // The nearest binary number: a decimal of at most 15 significant
        // digits (every score and bonus) is shown exactly as written.
        let Ok(value) = shown.parse::<f64>() else {
            return self.text(row, col, shown);
        };
        self.sheet
            .write_number_with_format(row, col, value, format)
            .map_err(at(self.name, row, col))?;
        self.measure(col, shown);
        self.last_row = self.last_row.max(row);
        Ok(())
    }

    fn finish(mut self) -> Result<Worksheet, WorkbookError> {
        let last_col = u16::try_from(self.widths.len().saturating_sub(1)).unwrap_or(u16::MAX);
        for (c, width) in (0u16..).zip(&self.widths) {
            // Room for the filter button beside the header, and for the
            // thousands separators of a bonus.
            let width = (width + 3).clamp(MIN_WIDTH, MAX_WIDTH);
            self.sheet
                .set_column_width(c, width as f64)
                .map_err(at(self.name, 0, c))?;
        }
        self.sheet
            .set_freeze_panes(1, 0)
            .map_err(at(self.name, 1, 0))?;
        self.sheet
            .autofilter(0, 0, self.last_row, last_col)
            .map_err(at(self.name, 0, 0))?;
        Ok(self.sheet)
    }
}
