//! Input text with positions: turning byte offsets into file:line:column, and
//! reading JSON so that every value can be traced back to its line.
//!
//! serde_json does not report where a value sits, but a borrowed
//! [`RawValue`] is a slice of the original text, so its address tells its
//! offset. Arrays of records are read as `Vec<&RawValue>` first and each record
//! is then parsed on its own: one bad employee does not hide the next one, and
//! every error can name the line of the record (or of the value) at fault.

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, DeserializeOwned};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::diagnostic::{Diagnostic, Location};

/// One input file: its display name and its text (byte-order mark removed).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user would type it, used in every message.
    pub name: String,
    pub text: String,
}

impl SourceFile {
    /// Decodes `bytes` as UTF-8 (a leading byte-order mark is accepted).
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, Diagnostic> {
        let name = name.into();
        match String::from_utf8(bytes) {
            Ok(mut text) => {
                if text.starts_with('\u{feff}') {
                    text.drain(..'\u{feff}'.len_utf8());
                }
                Ok(SourceFile { name, text })
            }
            Err(err) => {
                let bytes = err.as_bytes();
                let valid = err.utf8_error().valid_up_to();
                let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
                let line = u32::try_from(line).unwrap_or(u32::MAX);
                Err(Diagnostic::error(
                    Location::line(name, line),
                    "the file is not UTF-8 text (save it as UTF-8 and try again)",
                ))
            }
        }
    }

    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        SourceFile {
            name: name.into(),
            text,
        }
    }
}

/// Maps offsets within one [`SourceFile`] to lines and columns.
pub struct Positions<'a> {
    file: &'a SourceFile,
    line_starts: Vec<usize>,
}

impl<'a> Positions<'a> {
    pub fn new(file: &'a SourceFile) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(file.text.as_bytes()));
        Positions { file, line_starts }
    }

    pub fn name(&self) -> &'a str {
        &self.file.name
    }

    pub fn text(&self) -> &'a str {
        &self.file.text
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        u32::try_from(line).unwrap_or(u32::MAX)
    }

    /// The location of a byte offset, without column.
    pub fn at(&self, offset: usize) -> Location {
        Location::line(self.file.name.clone(), self.line_of(offset))
    }

    /// The line of a slice borrowed from this file's text.
    pub fn line_of_slice(&self, slice: &str) -> u32 {
        self.line_of(self.offset_of(slice.as_ptr() as usize))
    }

    /// The location of a slice borrowed from this file's text.
    pub fn at_slice(&self, slice: &str) -> Location {
        self.at(self.offset_of(slice.as_ptr() as usize))
    }

    /// The location of an address recorded by [`At`].
    pub fn at_addr(&self, addr: usize) -> Location {
        self.at(self.offset_of(addr))
    }

    fn offset_of(&self, addr: usize) -> usize {
        let base = self.file.text.as_ptr() as usize;
        addr.saturating_sub(base).min(self.file.text.len())
    }

    /// Parses the whole file as `T`.
    pub fn parse<T: Deserialize<'a>>(&self) -> Result<T, Diagnostic> {
        let text: &'a str = &self.file.text;
        serde_json::from_str(text).map_err(|err| self.json_error(text, &err))
    }

    /// Parses one value borrowed from this file (e.g. an array element).
    pub fn parse_raw<T: Deserialize<'a>>(&self, raw: &'a RawValue) -> Result<T, Diagnostic> {
        let text: &'a str = raw.get();
        serde_json::from_str(text).map_err(|err| self.json_error(text, &err))
    }

    /// Converts a serde_json error raised while parsing `part` (a slice of
    /// this file) into a diagnostic at the right line.
    fn json_error(&self, part: &str, err: &serde_json::Error) -> Diagnostic {
        let start = self.offset_of(part.as_ptr() as usize);
        let message = humanize(err);
        if err.is_data() && message.starts_with("missing required field") {
            // serde points at the closing brace; the record begins at its `{`.
            let record = self.offset_of(part.trim_start().as_ptr() as usize);
            return Diagnostic::error(self.at(record), message);
        }
        let start_line = self.line_of(start) as usize;
        let (err_line, err_column) = (err.line(), err.column());
        let line = start_line + err_line.saturating_sub(1);
        let column = if err_line <= 1 {
            let line_start = self.line_starts[start_line - 1];
            self.file.text[line_start..start].chars().count() + err_column
        } else {
            err_column
        };
        let mut location = Location::line(
            self.file.name.clone(),
            u32::try_from(line).unwrap_or(u32::MAX),
        );
        if err.is_syntax() || err.is_eof() {
            location.column = Some(u32::try_from(column).unwrap_or(u32::MAX));
        }
        Diagnostic::error(location, message)
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// serde_json's message without its position suffix, in plainer words.
fn humanize(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let text = match full.rfind(" at line ") {
        Some(cut) => &full[..cut],
        None => &full,
    };
    if let Some(field) = text.strip_prefix("missing field ") {
        return format!("missing required field {}", requote(field));
    }
    if let Some(field) = text.strip_prefix("duplicate field ") {
        return format!("field {} is given twice", requote(field));
    }
    if let Some(rest) = text.strip_prefix("invalid type: ") {
        return format!("wrong type: found {rest}");
    }
    if err.is_eof() {
        return format!("the file ends too early ({text})");
    }
    if err.is_syntax() {
        return format!("not valid JSON: {text}");
    }
    text.to_string()
}

/// serde quotes names in backticks; our messages use double quotes.
fn requote(name: &str) -> String {
    format!("\"{}\"", name.trim_matches('`'))
}

/// A value with the address of its text, so that later checks (duplicates,
/// unknown ids, ranges) can name its line via [`Positions::at_addr`].
#[derive(Debug, Clone)]
pub struct At<T> {
    pub value: T,
    pub addr: usize,
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw: &'de RawValue = Deserialize::deserialize(deserializer)?;
        let value = serde_json::from_str(raw.get()).map_err(|err| {
            let message = err.to_string();
            let message = match message.rfind(" at line ") {
                Some(cut) => message[..cut].to_string(),
                None => message,
            };
            de::Error::custom(message)
        })?;
        Ok(At {
            value,
            addr: raw.get().as_ptr() as usize,
        })
    }
}

/// A decimal read exactly from a JSON number (`0.15`) or string (`"0.15"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dec(pub Decimal);

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw: &'de RawValue = Deserialize::deserialize(deserializer)?;
        let text = raw.get();
        let literal = if text.starts_with('"') {
            let unquoted: String = serde_json::from_str(text).map_err(de::Error::custom)?;
            parse_decimal(&unquoted).map_err(de::Error::custom)?
        } else if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            parse_decimal(text).map_err(de::Error::custom)?
        } else {
            return Err(de::Error::custom(format!(
                "wrong type: found {}, expected a decimal number",
                describe_json(text)
            )));
        };
        Ok(Dec(literal))
    }
}

fn describe_json(text: &str) -> String {
    match text.chars().next() {
        Some('t' | 'f') => format!("boolean `{text}`"),
        Some('n') => "null".to_string(),
        Some('[') => "a list".to_string(),
        Some('{') => "an object".to_string(),
        _ => format!("`{text}`"),
    }
}

/// Why a text is not a decimal number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotADecimal(String);

impl fmt::Display for NotADecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads a decimal exactly: `-12.5`, `0.15`, `1e3`. No thousands separators,
/// no decimal commas, no `NaN`; more digits than a decimal can hold is an
/// error rather than a silent rounding.
pub fn parse_decimal(text: &str) -> Result<Decimal, NotADecimal> {
    let bad = || {
        NotADecimal(format!(
            "\"{text}\" is not a decimal number (write it like 82.5, with a dot and no spaces)"
        ))
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    if bytes.first() == Some(&b'-') {
        i += 1;
    }
    let int_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    if i == int_start {
        return Err(bad());
    }
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == frac_start {
            return Err(bad());
        }
    }
    let mantissa_end = i;
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            i += 1;
        }
        let exp_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return Err(bad());
        }
    }
    if i != bytes.len() {
        return Err(bad());
    }
    let too_big = || {
        NotADecimal(format!(
            "\"{text}\" has more digits than calibra can hold exactly (28 significant digits)"
        ))
    };
    if mantissa_end == bytes.len() {
        Decimal::from_str_exact(text).map_err(|_| too_big())
    } else {
        let value = Decimal::from_scientific(text).map_err(|_| too_big())?;
        // Reject exponents that silently lost digits (e.g. 1e-40 -> 0).
        if value.is_zero()
            && text[int_start..mantissa_end]
                .bytes()
                .any(|b| b > b'0' && b != b'.')
        {
            return Err(too_big());
        }
        Ok(value.normalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn decimals_are_read_exactly() {
        assert_eq!(parse_decimal("0.15"), Ok(dec!(0.15)));
        assert_eq!(parse_decimal("-3"), Ok(dec!(-3)));
        assert_eq!(parse_decimal("1e2"), Ok(dec!(100)));
        assert_eq!(parse_decimal("2.5E-1"), Ok(dec!(0.25)));
        assert_eq!(
            parse_decimal("0.1000000000000000000000000001"),
            Ok(dec!(0.1000000000000000000000000001))
        );
        for bad in [
            "", "-", "12,5", "1.", ".5", "NaN", "1_000", " 1", "1 ", "+1", "0x10", "1e",
        ] {
            assert!(parse_decimal(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(parse_decimal("0.12345678901234567890123456789").is_err());
        assert!(parse_decimal("1e-40").is_err());
    }

    #[derive(Deserialize)]
    struct Doc {
        a: Dec,
        b: Dec,
        c: At<String>,
    }

    #[test]
    fn json_numbers_and_strings_both_read_exactly() {
        let file = SourceFile::new(
            "x.json",
            "{\"a\": 0.15,\n \"b\": \"0.30\",\n \"c\": \"id\"}",
        );
        let positions = Positions::new(&file);
        let doc: Doc = positions.parse().expect("valid");
        assert_eq!(doc.a.0, dec!(0.15));
        assert_eq!(doc.a.0.to_string(), "0.15");
        assert_eq!(doc.b.0.to_string(), "0.30");
        assert_eq!(doc.c.value, "id");
        assert_eq!(positions.at_addr(doc.c.addr).line, Some(3));
    }

    #[test]
    fn errors_name_line_and_column() {
        let file = SourceFile::new("x.json", "{\"a\": 1,\n \"b\": true, \"c\": \"x\"}");
        let err = Positions::new(&file).parse::<Doc>().err().expect("invalid");
        assert_eq!(err.location.as_ref().and_then(|l| l.line), Some(2));
        assert!(err.message.contains("boolean"), "{}", err.message);

        let file = SourceFile::new("x.json", "{\"a\": 1,\n\n \"b\" 2}");
        let err = Positions::new(&file).parse::<Doc>().err().expect("invalid");
        let location = err.location.expect("located");
        assert_eq!((location.line, location.column), (Some(3), Some(6)));

        let file = SourceFile::new("x.json", "\n{\"a\": 1, \"b\": 2}");
        let err = Positions::new(&file).parse::<Doc>().err().expect("invalid");
        assert_eq!(err.message, "missing required field \"c\"");
        assert_eq!(err.location.and_then(|l| l.line), Some(2));
    }

    #[test]
    fn bom_is_accepted_and_bad_utf8_is_located() {
        let file = SourceFile::from_bytes("x", b"\xef\xbb\xbf{}".to_vec()).expect("utf8");
        assert_eq!(file.text, "{}");
        let err = SourceFile::from_bytes("x", b"a\nb\n\xff".to_vec()).expect_err("not utf8");
        assert_eq!(err.location.and_then(|l| l.line), Some(3));
    }
}
