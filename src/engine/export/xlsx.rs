//! The workbook export (contract 6.4): sheet `grades` holds the CSV's rows,
//! `groups` the JSON's group figures, `decisions` the replayed decisions.
//!
//! The rows are the CSV's own ([`super::row_with`]); only the cells' types
//! differ. Scores, bonuses and ranks are number cells shown with exactly
//! their places; everything else is a text cell, which a spreadsheet never
//! runs as a formula, so it carries no `'` (contract 6.1). Each sheet is
//! laid out by [`crate::engine::sheet`]: header frozen, widths by display
//! width.
//!
//! The same session gives the same bytes: the workbook's creation date is
//! fixed rather than the clock's.

use rust_xlsxwriter::Worksheet;

use super::{BONUS_COLUMN, COLUMNS, PREVIOUS_COLUMN, Row, allocation, group_figures, row_with};
use crate::engine::decision;
use crate::engine::session::Session;
use crate::engine::sheet::{MAX_ROWS, Sheet, WorkbookError, library, places_format};

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

/// The workbook export's bytes (an .xlsx file).
pub fn to_xlsx(session: &Session) -> Result<Vec<u8>, WorkbookError> {
    let input = &session.input;
    let rows = input.employees.len() + 1;
    if rows > MAX_ROWS {
        return Err(WorkbookError::new(format!(
            "sheet \"grades\" would need {rows} rows but a sheet holds at most {MAX_ROWS}: export as CSV or JSON instead"
        )));
    }
    let mut workbook = crate::engine::sheet::workbook(&format!("calibra: {}", input.policy.cycle))?;
    workbook.push_worksheet(grades(session)?);
    workbook.push_worksheet(groups(session)?);
    workbook.push_worksheet(decisions(session)?);
    workbook.save_to_buffer().map_err(library("the workbook"))
}

fn grades(session: &Session) -> Result<Worksheet, WorkbookError> {
    let policy = &session.input.policy;
    let allocation = allocation(session);
    let previous = session.previous().map(|_| PREVIOUS_COLUMN);
    let bonus = allocation.as_ref().map(|_| BONUS_COLUMN);
    let header: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .chain(previous)
        .chain(bonus)
        .collect();
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
            previous_grade,
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
        let mut next = 13;
        if let Some(previous) = previous_grade {
            sheet.text(r, next, previous.unwrap_or(""))?;
            next += 1;
        }
        if let Some(bonus) = bonus {
            sheet.decimal(r, next, bonus.as_deref(), &money)?;
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
