//! Errors and warnings about the input, each pointing at a file and line.
//!
//! The engine never stops at the first problem: loaders collect every
//! [`Diagnostic`] they find so that the analyst can fix a folder in one pass.

use std::fmt;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The input cannot be calibrated; nothing is written.
    Error,
    /// The input can be calibrated, but someone should look (some kinds
    /// fail `--strict`: see `warnings::Warning::fails_strict`).
    Warning,
}

/// Where in the input a finding points.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The file as the user named it (folder path joined with the file name).
    pub file: String,
    /// 1-based line, when the finding has one.
    pub line: Option<u32>,
    /// 1-based column in characters, for JSON syntax errors.
    pub column: Option<u32>,
    /// The worksheet, for a spreadsheet submission (which has no lines).
    pub sheet: Option<String>,
    /// The cell in `sheet`, in A1 notation (`D7`).
    pub cell: Option<String>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            ..Location::default()
        }
    }

    pub fn line(file: impl Into<String>, line: u32) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            ..Location::default()
        }
    }

    /// A worksheet of a workbook, or one of its cells: `row` and `column`
    /// are 0-based, as a spreadsheet library counts them.
    pub fn sheet(
        file: impl Into<String>,
        sheet: impl Into<String>,
        cell: Option<(u32, u32)>,
    ) -> Self {
        Location {
            file: file.into(),
            sheet: Some(sheet.into()),
            cell: cell.map(|(row, column)| cell_name(row, column)),
            ..Location::default()
        }
    }

    /// Where this is, written inside a sentence: `m1.csv line 4`,
    /// `m3.xlsx sheet "評分" cell C5`, or just the file.
    pub fn place(&self) -> String {
        match (&self.sheet, self.line) {
            (Some(sheet), _) => match &self.cell {
                Some(cell) => format!("{} sheet \"{sheet}\" cell {cell}", self.file),
                None => format!("{} sheet \"{sheet}\"", self.file),
            },
            (None, Some(line)) => format!("{} line {line}", self.file),
            (None, None) => self.file.clone(),
        }
    }
}

/// A cell's A1 name from its 0-based row and column: (6, 3) is `D7`,
/// column 26 is `AA`.
pub fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        let digit = u8::try_from((n - 1) % 26).unwrap_or(0);
        letters.push(char::from(b'A' + digit));
        n = (n - 1) / 26;
    }
    letters.reverse();
    let mut name: String = letters.into_iter().collect();
    name.push_str(&(u64::from(row) + 1).to_string());
    name
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ": sheet \"{sheet}\"")?;
            if let Some(cell) = &self.cell {
                write!(f, " cell {cell}")?;
            }
            return Ok(());
        }
        if let Some(line) = self.line {
            write!(f, ":{line}:")?;
            if let Some(column) = self.column {
                write!(f, "{column}:")?;
            }
        }
        Ok(())
    }
}

/// One finding about the input or the decisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// `None` for findings about the calibration as a whole (e.g. a quota violation).
    pub location: Option<Location>,
    /// Written for an HR analyst; bad values are quoted.
    pub message: String,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: Some(location),
            message: message.into(),
        }
    }

    pub fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.location {
            Some(location) if location.line.is_some() => {
                write!(f, "{tag}: {location} {}", self.message)
            }
            Some(location) => write!(f, "{tag}: {location}: {}", self.message),
            None => write!(f, "{tag}: {}", self.message),
        }
    }
}

/// Everything that made an input or a session unusable, in the order found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.0.push(Diagnostic::error(location, message));
    }

    pub fn warning(&mut self, location: Option<Location>, message: impl Into<String>) {
        self.0.push(Diagnostic::warning(location, message));
    }

    pub fn error_count(&self) -> usize {
        self.errors().count()
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_column() {
        let mut location = Location::line("in/org.json", 12);
        assert_eq!(
            Diagnostic::error(location.clone(), "bad").to_string(),
            "error: in/org.json:12: bad"
        );
        location.column = Some(5);
        assert_eq!(
            Diagnostic::error(location, "bad").to_string(),
            "error: in/org.json:12:5: bad"
        );
        assert_eq!(
            Diagnostic::error(Location::file("in/policy.json"), "missing").to_string(),
            "error: in/policy.json: missing"
        );
        assert_eq!(Diagnostic::warning(None, "tie").to_string(), "warning: tie");
    }

    #[test]
    fn display_names_sheet_and_cell() {
        let at = Location::sheet("in/submissions/m03.xlsx", "評分", Some((6, 3)));
        assert_eq!(
            Diagnostic::error(at.clone(), "bad").to_string(),
            "error: in/submissions/m03.xlsx: sheet \"評分\" cell D7: bad"
        );
        assert_eq!(at.place(), "in/submissions/m03.xlsx sheet \"評分\" cell D7");
        assert_eq!(
            Location::sheet("m.xlsx", "S", None).to_string(),
            "m.xlsx: sheet \"S\""
        );
        assert_eq!(Location::line("m.csv", 4).place(), "m.csv line 4");
        let names: Vec<String> = [(0, 0), (0, 25), (9, 26), (0, 701), (0, 702)]
            .iter()
            .map(|&(r, c)| cell_name(r, c))
            .collect();
        assert_eq!(names, ["A1", "Z1", "AA10", "ZZ1", "AAA1"]);
    }
}
