//! Errors and warnings about the input, each pointing at a file and line.
//!
//! The engine never stops at the first problem: loaders collect every
//! [`Diagnostic`] they find so that the analyst can fix a folder in one pass.
//!
//! A diagnostic is data: what it says is a message of the [`Load`] table
//! and its values ([`Said`]), rendered in a language only when it is shown
//! ([`Diagnostic::message_in`], [`Diagnostic::display_in`]); its `message`
//! is the English text, for JSON output and the tests.

use std::borrow::Cow;
use std::fmt;

use crate::i18n::{Lang, Load, Report, fill, t};

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
    /// The cell in `sheet`, in A1 notation (`D7`). (A boxed `str` keeps a
    /// diagnostic small enough to travel in a `Result`.)
    pub cell: Option<Box<str>>,
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
            cell: cell.map(|(row, column)| cell_name(row, column).into()),
            ..Location::default()
        }
    }

    /// Where this is, written inside a sentence: `m1.csv line 4`,
    /// `m3.xlsx sheet "評分" cell C5`, or just the file.
    pub fn place(&self) -> String {
        self.place_in(Lang::En)
    }

    /// [`Location::place`] in `lang`.
    pub fn place_in(&self, lang: Lang) -> String {
        let line = self.line.map(|l| l.to_string()).unwrap_or_default();
        let (sheet, cell) = (
            self.sheet.as_deref().unwrap_or_default(),
            self.cell.as_deref().unwrap_or_default(),
        );
        let values = [
            ("file", self.file.as_str()),
            ("sheet", sheet),
            ("cell", cell),
            ("line", line.as_str()),
        ];
        match (&self.sheet, &self.cell, self.line) {
            (Some(_), Some(_), _) => fill(lang, Load::PlaceCell, &values),
            (Some(_), None, _) => fill(lang, Load::PlaceSheet, &values),
            (None, _, Some(_)) => fill(lang, Load::PlaceLine, &values),
            (None, _, None) => self.file.clone(),
        }
    }

    /// This location as a diagnostic's line begins with it, in `lang`:
    /// `org.json:12:5:` (no words), `m.xlsx: sheet "S" cell D7`.
    pub fn display_in(&self, lang: Lang) -> String {
        match &self.sheet {
            Some(sheet) => {
                let cell = self.cell.as_deref().unwrap_or_default();
                let values = [
                    ("file", self.file.as_str()),
                    ("sheet", sheet),
                    ("cell", cell),
                ];
                match self.cell {
                    Some(_) => fill(lang, Load::AtCell, &values),
                    None => fill(lang, Load::AtSheet, &values),
                }
            }
            None => self.to_string(),
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
        if self.sheet.is_some() {
            return f.write_str(&self.display_in(Lang::En));
        }
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

/// What a diagnostic says: a message of the [`Load`] table and the values
/// of its placeholders, written out in a language only when it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    msg: Load,
    values: Vec<(&'static str, Part)>,
}

/// One value of a [`Said`]: data as it is, or words that are themselves
/// said in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Data (an id, a number, a file name) or a library's own English text.
    Data(String),
    /// A message within the message.
    Said(Said),
    /// A place in the input, in words (`m1.csv line 4`).
    Place(Location),
}

impl Part {
    fn text(&self, lang: Lang) -> Cow<'_, str> {
        match self {
            Part::Data(text) => Cow::Borrowed(text),
            Part::Said(said) => Cow::Owned(said.text(lang)),
            Part::Place(location) => Cow::Owned(location.place_in(lang)),
        }
    }
}

impl fmt::Display for Part {
    /// In English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl From<Said> for Part {
    fn from(said: Said) -> Self {
        Part::Said(said)
    }
}

impl From<Load> for Part {
    fn from(msg: Load) -> Self {
        Part::Said(msg.into())
    }
}

impl From<&Location> for Part {
    fn from(location: &Location) -> Self {
        Part::Place(location.clone())
    }
}

impl From<Diagnostic> for Part {
    /// What another diagnostic says, quoted in this one.
    fn from(diagnostic: Diagnostic) -> Self {
        match diagnostic.said {
            Some(said) => Part::Said(*said),
            None => Part::Data(diagnostic.message),
        }
    }
}

impl Said {
    /// `msg` with its data values (`("id", &id)`): each written as it is.
    pub fn new(msg: Load, values: &[(&'static str, &dyn fmt::Display)]) -> Self {
        Said {
            msg,
            values: values
                .iter()
                .map(|(key, value)| (*key, Part::Data(value.to_string())))
                .collect(),
        }
    }

    /// This message with one more value: words said in the reader's
    /// language (a [`Said`], a [`Load`]), a place, or another diagnostic.
    pub fn with(mut self, key: &'static str, part: impl Into<Part>) -> Self {
        self.values.push((key, part.into()));
        self
    }

    /// `column: why`, for a value that does not read (`score: "8O" is not
    /// a decimal number ...`); the column is named as the file names it.
    pub fn column(column: &str, why: impl Into<Part>) -> Self {
        Said::new(Load::ColumnValue, &[("column", &column)]).with("why", why)
    }

    /// Whether this is `msg`.
    pub fn is(&self, msg: Load) -> bool {
        self.msg == msg
    }

    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let texts: Vec<(&str, Cow<'_, str>)> = self
            .values
            .iter()
            .map(|(key, part)| (*key, part.text(lang)))
            .collect();
        let values: Vec<(&str, &str)> = texts.iter().map(|(k, v)| (*k, v.as_ref())).collect();
        fill(lang, self.msg, &values)
    }

    /// `text` read back as one of `msgs`, if it is the English text of one
    /// (its values kept as data): for our own words that serde carried as
    /// a custom error's text, the only thing it can carry.
    pub fn recognise(text: &str, msgs: &[Load]) -> Option<Said> {
        msgs.iter().find_map(|&msg| {
            let values = unfill(t(Lang::En, msg), text)?;
            Some(Said {
                msg,
                values: values
                    .into_iter()
                    .map(|(key, value)| (key, Part::Data(value.to_string())))
                    .collect(),
            })
        })
    }
}

/// The values that make `template` (English, `{name}` placeholders) read
/// `text`: each placeholder takes the shortest text up to the literal after
/// it, the last one the rest but the template's ending.
fn unfill<'a>(template: &'static str, text: &'a str) -> Option<Vec<(&'static str, &'a str)>> {
    let mut values = Vec::new();
    let (literal, mut rest_template) = match template.find('{') {
        Some(open) => (&template[..open], &template[open..]),
        None => return (template == text).then_some(values),
    };
    let mut rest = text.strip_prefix(literal)?;
    while let Some(after) = rest_template.strip_prefix('{') {
        let close = after.find('}')?;
        let name = &after[..close];
        let tail = &after[close + 1..];
        let next = tail.find('{').unwrap_or(tail.len());
        let literal = &tail[..next];
        let end = if next == tail.len() {
            rest.strip_suffix(literal).map(str::len)?
        } else if literal.is_empty() {
            return None;
        } else {
            rest.find(literal)?
        };
        values.push((name, &rest[..end]));
        rest = &rest[end + literal.len()..];
        rest_template = &tail[next..];
    }
    rest.is_empty().then_some(values)
}

impl fmt::Display for Said {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl From<Load> for Said {
    fn from(msg: Load) -> Self {
        Said::new(msg, &[])
    }
}

impl From<Said> for String {
    /// The English text, where a message travels as a string.
    fn from(said: Said) -> Self {
        said.to_string()
    }
}

/// What a diagnostic is told to say: words of the [`Load`] table, or a
/// text already written (in the language it is for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Plain(String),
    Said(Said),
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::Plain(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::Plain(text.to_string())
    }
}

impl From<Said> for Text {
    fn from(said: Said) -> Self {
        Text::Said(said)
    }
}

impl From<Load> for Text {
    fn from(msg: Load) -> Self {
        Text::Said(msg.into())
    }
}

/// One finding about the input or the decisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// `None` for findings about the calibration as a whole (e.g. a quota violation).
    pub location: Option<Location>,
    /// Written for an HR analyst; bad values are quoted. In English (what
    /// JSON output says); [`Diagnostic::message_in`] says it in a language.
    pub message: String,
    /// What `message` says, to say it in another language; `None` for a
    /// text written as it is. (Boxed: diagnostics travel in `Result`s.)
    said: Option<Box<Said>>,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<Text>) -> Self {
        Diagnostic::new(Severity::Error, Some(location), message.into())
    }

    pub fn warning(location: Option<Location>, message: impl Into<Text>) -> Self {
        Diagnostic::new(Severity::Warning, location, message.into())
    }

    fn new(severity: Severity, location: Option<Location>, text: Text) -> Self {
        let (message, said) = match text {
            Text::Plain(message) => (message, None),
            Text::Said(said) => (said.to_string(), Some(Box::new(said))),
        };
        Diagnostic {
            severity,
            location,
            message,
            said,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message in `lang` (a text written as it is stays as it is).
    pub fn message_in(&self, lang: Lang) -> Cow<'_, str> {
        match &self.said {
            Some(said) if lang != Lang::En => Cow::Owned(said.text(lang)),
            _ => Cow::Borrowed(&self.message),
        }
    }

    /// The whole line in `lang`: `error: org.json:12: employee "E1" ...`,
    /// `錯誤：org.json:12: ...`; in English, what `Display` writes.
    pub fn display_in(&self, lang: Lang) -> String {
        let tag = t(
            lang,
            match self.severity {
                Severity::Error => Report::TagError,
                Severity::Warning => Report::TagWarning,
            },
        );
        let (msg, location) = match &self.location {
            Some(location) if location.line.is_some() && location.sheet.is_none() => {
                (Report::DiagnosticAtLine, location.display_in(lang))
            }
            Some(location) => (Report::DiagnosticIn, location.display_in(lang)),
            None => (Report::DiagnosticBare, String::new()),
        };
        fill(
            lang,
            msg,
            &[
                ("tag", tag),
                ("location", &location),
                ("message", &self.message_in(lang)),
            ],
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_in(Lang::En))
    }
}

/// Everything that made an input or a session unusable, in the order found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn error(&mut self, location: Location, message: impl Into<Text>) {
        self.0.push(Diagnostic::error(location, message));
    }

    pub fn warning(&mut self, location: Option<Location>, message: impl Into<Text>) {
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

    /// Every diagnostic's line in `lang`, each ending in a line break: in
    /// English, what `Display` writes.
    pub fn display_in(&self, lang: Lang) -> String {
        self.0.iter().map(|d| d.display_in(lang) + "\n").collect()
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

    #[test]
    fn a_said_diagnostic_is_english_in_its_message_and_chinese_when_asked() {
        let said = Said::new(Load::EmployeeTwice, &[("id", &"E1"), ("line", &3)]);
        let d = Diagnostic::error(Location::line("org.json", 7), said);
        assert_eq!(
            d.message,
            "employee \"E1\" is listed twice (first at line 3)"
        );
        assert_eq!(d.message_in(Lang::En), d.message);
        assert_eq!(d.display_in(Lang::En), d.to_string());
        assert_eq!(
            d.display_in(Lang::ZhHant),
            "錯誤：org.json:7: 員工「E1」重複列出（第一次在第 3 行）"
        );
        // A text written as it is stays as it is in every language.
        let plain = Diagnostic::warning(None, "tie");
        assert_eq!(plain.message_in(Lang::ZhHans), "tie");
        // Words within words, and places, are said in the reader's language.
        let at = Location::sheet("m.xlsx", "S", Some((1, 2)));
        let nested = Diagnostic::error(
            at.clone(),
            Said::new(Load::RatesTwice, &[("rater", &"R"), ("employee", &"E")]).with("first", &at),
        );
        assert_eq!(nested.message_in(Lang::En), nested.message);
        assert_eq!(
            nested.display_in(Lang::ZhHans),
            "错误：m.xlsx：工作表“S”单元格 C2：评分人“R”对员工“E”评了两次（首次在 m.xlsx 工作表“S”单元格 C2）"
        );
        assert_eq!(nested.display_in(Lang::En), nested.to_string());
    }

    #[test]
    fn every_load_message_reads_back_from_its_english_text() {
        for &msg in Load::ALL {
            let english = t(Lang::En, msg);
            let mut said = Said::from(msg);
            for name in placeholders(english) {
                if !said.values.iter().any(|(key, _)| *key == name) {
                    said.values
                        .push((name, Part::Data(format!("<{name} value>"))));
                }
            }
            let text = said.to_string();
            assert!(!text.contains('{'), "{msg:?}: {text}");
            let back = Said::recognise(&text, &[msg]).expect("read back");
            assert_eq!(back.to_string(), text, "{msg:?}");
            assert_eq!(back.text(Lang::ZhHant), said.text(Lang::ZhHant), "{msg:?}");
        }
        // A decimal's error carried by serde as text is said in Chinese.
        let file = crate::engine::source::SourceFile::new("x.json", "{\"a\": \"8O\"}");
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct Doc {
            a: crate::engine::source::Dec,
        }
        let err = crate::engine::source::Positions::new(&file)
            .parse::<Doc>()
            .err()
            .expect("not a decimal");
        assert!(
            err.message.starts_with("\"8O\" is not a decimal number"),
            "{}",
            err.message
        );
        assert!(
            err.message_in(Lang::ZhHant).starts_with("「8O」不是數字"),
            "{err}"
        );
    }

    /// A text's `{name}` placeholders, each once.
    fn placeholders(text: &'static str) -> Vec<&'static str> {
        let mut names = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let name = &rest[open + 1..open + close];
            if !names.contains(&name) {
                names.push(name);
            }
            rest = &rest[open + close + 1..];
        }
        names
    }
}
