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
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    pub fn line(file: impl Into<String>, line: u32) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            column: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
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
}
