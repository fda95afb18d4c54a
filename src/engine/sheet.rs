//! Writing one worksheet of a workbook calibra makes (the export, the
//! templates): a bold header row, frozen, with a filter; text cells (never
//! formulas) and number cells shown with a fixed number of places; columns
//! as wide as their widest cell by display width (a Chinese character is
//! two columns), within [`MIN_WIDTH`] and [`MAX_WIDTH`]. Every error names
//! the sheet and the cell.

use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError,
};

use super::diagnostic::cell_name;
use crate::text;

/// The most rows a sheet can hold (Excel's limit, header included).
pub const MAX_ROWS: usize = 1_048_576;

/// Column widths, in characters.
pub const MIN_WIDTH: usize = 6;
pub const MAX_WIDTH: usize = 60;

/// Why no workbook could be made: where, and what the format does not allow
/// there (a text longer than 32,767 characters, more than [`MAX_ROWS`] rows).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct WorkbookError(String);

impl WorkbookError {
    pub fn new(message: impl Into<String>) -> Self {
        WorkbookError(message.into())
    }
}

/// An empty workbook titled `title`. Its creation date is fixed rather than
/// the clock's, so the same content gives the same bytes.
pub fn workbook(title: &str) -> Result<Workbook, WorkbookError> {
    let mut workbook = Workbook::new();
    // Deflate level 5, not the default 6: on a 100,000-person export it
    // makes the same size of file (5.36 MB) in 1.33 s instead of 1.91 s
    // (level 1: 1.17 s, but 9.4 MB).
    workbook.set_zip_compression_level(5);
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(library("the workbook"))?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&created),
    );
    Ok(workbook)
}

/// A number format showing exactly `places` places (`0.00`), with
/// thousands separators when `grouped`.
pub fn places_format(places: u32, grouped: bool) -> Format {
    let whole = if grouped { "#,##0" } else { "0" };
    let code = match places {
        0 => whole.to_string(),
        n => format!("{whole}.{}", "0".repeat(n as usize)),
    };
    Format::new().set_num_format(code)
}

/// A library error, said with what was being made.
pub fn library(what: &str) -> impl Fn(XlsxError) -> WorkbookError + '_ {
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
pub struct Sheet {
    sheet: Worksheet,
    name: &'static str,
    widths: Vec<usize>,
    /// The last row with a cell written (0: the header only).
    last_row: u32,
}

impl Sheet {
    pub fn new(name: &'static str, header: &[&str]) -> Result<Self, WorkbookError> {
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
    pub fn text(&mut self, row: u32, col: u16, value: &str) -> Result<(), WorkbookError> {
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
    pub fn decimal(
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

    /// An empty cell that shows what is typed into it with `format`.
    pub fn blank(&mut self, row: u32, col: u16, format: &Format) -> Result<(), WorkbookError> {
        self.sheet
            .write_blank(row, col, format)
            .map_err(at(self.name, row, col))?;
        self.last_row = self.last_row.max(row);
        Ok(())
    }

    /// Checks what is typed into rows `first..=last` of column `col`.
    pub fn validate(
        &mut self,
        first: u32,
        last: u32,
        col: u16,
        rule: &DataValidation,
    ) -> Result<(), WorkbookError> {
        self.sheet
            .add_data_validation(first, col, last, col, rule)
            .map_err(at(self.name, first, col))?;
        Ok(())
    }

    pub fn finish(mut self) -> Result<Worksheet, WorkbookError> {
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
