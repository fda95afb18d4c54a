//! Input text with positions: turning byte offsets into file:line:column, and
//! reading JSON so that every value can be traced back to its line.
//!
//! serde_json does not report where a value sits, but a borrowed
//! [`RawValue`] is a slice of the original text, so its address tells its
//! offset. Arrays of records are read as `Vec<&RawValue>` first and each record
//! is then parsed on its own: one bad employee does not hide the next one, and
//! every error can name the line of the record (or of the value) at fault.

use std::fmt;
use std::marker::PhantomData;
use std::path::Path;
use std::{fs, io};

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
    /// UTF-16 text and NUL bytes are refused with a message saying so.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, Diagnostic> {
        let name = name.into();
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(Diagnostic::error(
                Location::line(name, 1),
                "the file is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8 and try again",
            ));
        }
        // UTF-16 without a byte-order mark is mostly valid UTF-8 with a NUL
        // after every ASCII character: say that, not "not UTF-8 on line 3".
        if let Some(nul) = bytes.iter().position(|&b| b == 0) {
            let line = bytes[..nul].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(Diagnostic::error(
                Location::line(name, u32::try_from(line).unwrap_or(u32::MAX)),
                "the file contains a NUL byte, which text never does (is it UTF-16? save it as UTF-8)",
            ));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(name, text)),
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

    /// A file from text already in memory (a leading byte-order mark is dropped).
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

/// Reads an input file, refusing before it opens anything that is not a
/// regular file: reading a FIFO would wait for a writer forever, and a
/// folder or a device is never an input file. Symbolic links are followed.
pub fn read_regular_file(path: &Path) -> io::Result<Vec<u8>> {
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(err) if err.kind() == io::ErrorKind::NotFound && fs::symlink_metadata(path).is_ok() => {
            return Err(io::Error::other(
                "it is a symbolic link to something that does not exist",
            ));
        }
        Err(err) => return Err(err),
    };
    if metadata.is_dir() {
        return Err(io::Error::other("it is a folder, not a file"));
    }
    if !metadata.is_file() {
        return Err(io::Error::other(
            "it is not a regular file (a pipe, socket or device?): calibra reads only regular files",
        ));
    }
    fs::read(path)
}

/// A JSON object read as its entries in file order, a key given twice kept
/// twice, so that it can be reported: serde's maps silently keep the last.
#[derive(Debug, Clone)]
pub struct Entries<V>(pub Vec<(String, V)>);

impl<V> Entries<V> {
    /// The value of the first entry named `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Each entry whose key was already given earlier in the object.
    pub fn repeated(&self) -> impl Iterator<Item = &(String, V)> {
        let mut seen = std::collections::HashSet::new();
        self.0.iter().filter(move |(k, _)| !seen.insert(k.as_str()))
    }

    /// The keys in file order, each once.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        let mut seen = std::collections::HashSet::new();
        self.0
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(move |k| seen.insert(*k))
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> de::Visitor<'de> for Visitor<V> {
            type Value = Entries<V>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, V>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(Visitor(PhantomData))
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

    /// Parses the whole file as the record `T`, which must be written as a
    /// JSON object: serde would also take a list of its fields in order.
    pub fn parse_object<T: Deserialize<'a>>(&self) -> Result<T, Diagnostic> {
        if self.file.text.trim_start().starts_with('{') {
            return self.parse();
        }
        // Not an object: a syntax error is reported as such, anything else
        // as the wrong type.
        let raw: &'a RawValue = self.parse()?;
        self.parse_raw_object(raw)
    }

    /// Parses one value borrowed from this file as the record `T`, which
    /// must be written as a JSON object (`["E01", 80]` is not a rating).
    pub fn parse_raw_object<T: Deserialize<'a>>(&self, raw: &'a RawValue) -> Result<T, Diagnostic> {
        let text = raw.get().trim_start();
        if !text.starts_with('{') {
            return Err(Diagnostic::error(
                self.at_slice(text),
                format!("wrong type: found {}, expected an object", kind_of(text)),
            ));
        }
        self.parse_raw(raw)
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
        let mut location = Location::line(
            self.file.name.clone(),
            u32::try_from(line).unwrap_or(u32::MAX),
        );
        // Only syntax errors get a column, and only they count characters:
        // counting for every error on a one-line file of many records
        // would take time quadratic in its length.
        if err.is_syntax() || err.is_eof() {
            let column = if err_line <= 1 {
                let line_start = self.line_starts[start_line - 1];
                self.file.text[line_start..start].chars().count() + err_column
            } else {
                err_column
            };
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

/// What kind of JSON value a text is, in words, never quoting a long value.
fn kind_of(text: &str) -> &'static str {
    match text.chars().next() {
        Some('t' | 'f') => "a boolean",
        Some('n') => "null",
        Some('[') => "a list",
        Some('{') => "an object",
        Some('"') => "a string",
        _ => "a number",
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

    #[test]
    fn utf16_and_nul_bytes_are_refused_with_the_reason() {
        for bytes in [&b"\xff\xfe{\0}\0"[..], &b"\xfe\xff\0{\0}"[..]] {
            let err = SourceFile::from_bytes("x", bytes.to_vec()).expect_err("utf-16");
            assert!(err.message.contains("UTF-16"), "{}", err.message);
            assert_eq!(err.location.and_then(|l| l.line), Some(1));
        }
        // UTF-16 without a byte-order mark: NULs between ASCII characters.
        let err = SourceFile::from_bytes("x", b"\xef\xbb\xbf\n\n{\0}".to_vec()).expect_err("nul");
        assert!(err.message.contains("NUL"), "{}", err.message);
        assert_eq!(err.location.and_then(|l| l.line), Some(3));
        let utf16: Vec<u8> = "{\n\"陳\": 1}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let err = SourceFile::from_bytes("x", utf16).expect_err("utf-16");
        assert!(err.message.contains("UTF-16"), "{}", err.message);
        assert_eq!(err.location.and_then(|l| l.line), Some(1));
    }

    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.json");
        std::fs::write(&file, "{}").expect("write");
        assert_eq!(read_regular_file(&file).expect("a file"), b"{}");
        let err = read_regular_file(dir.path()).expect_err("a folder");
        assert!(err.to_string().contains("folder"), "{err}");
        let missing = read_regular_file(&dir.path().join("none.json")).expect_err("missing");
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        #[cfg(unix)]
        {
            let link = dir.path().join("dangling.json");
            std::os::unix::fs::symlink(dir.path().join("gone"), &link).expect("symlink");
            let err = read_regular_file(&link).expect_err("dangling");
            assert!(err.to_string().contains("symbolic link"), "{err}");
            let fifo = dir.path().join("pipe.json");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                // Would block forever if it were opened for reading.
                let err = read_regular_file(&fifo).expect_err("a fifo");
                assert!(err.to_string().contains("regular file"), "{err}");
            }
        }
    }

    #[test]
    fn entries_keep_a_key_given_twice() {
        let file = SourceFile::new("x.json", "{\"a\": 1,\n \"b\": 2,\n \"a\": 3}");
        let entries: Entries<At<Dec>> = Positions::new(&file).parse().expect("an object");
        assert_eq!(entries.keys().collect::<Vec<_>>(), ["a", "b"]);
        let repeated: Vec<_> = entries.repeated().collect();
        assert_eq!(repeated.len(), 1);
        assert_eq!(repeated[0].1.value.0, dec!(3));
        assert_eq!(entries.get("a").map(|v| v.value.0), Some(dec!(1)));
        let err = Positions::new(&SourceFile::new("x.json", "\n[1]"))
            .parse::<Entries<At<Dec>>>()
            .expect_err("not an object");
        assert!(
            err.message.contains("expected an object"),
            "{}",
            err.message
        );
    }

    #[test]
    fn records_must_be_objects_not_lists_of_their_fields() {
        // serde alone would read `["x"]` as a Doc with a = "x".
        let file = SourceFile::new("x.json", "\n  [1, 2, \"c\"]\n");
        let err = Positions::new(&file)
            .parse_object::<Doc>()
            .err()
            .expect("a list");
        assert_eq!(err.message, "wrong type: found a list, expected an object");
        assert_eq!(err.location.and_then(|l| l.line), Some(2));
        let file = SourceFile::new("x.json", "[\n{\"a\": 1, \"b\": 2, \"c\": \"x\"},\nnull\n]");
        let pos = Positions::new(&file);
        let raws: Vec<&RawValue> = pos.parse().expect("a list");
        assert!(pos.parse_raw_object::<Doc>(raws[0]).is_ok());
        let err = pos.parse_raw_object::<Doc>(raws[1]).err().expect("null");
        assert_eq!(err.message, "wrong type: found null, expected an object");
        assert_eq!(err.location.and_then(|l| l.line), Some(3));
        // Syntax errors are still reported as such, with their column.
        let file = SourceFile::new("x.json", "{\"a\": 1,");
        let err = Positions::new(&file)
            .parse_object::<Doc>()
            .err()
            .expect("eof");
        assert!(err.message.contains("ends too early"), "{}", err.message);
    }

    #[test]
    fn data_errors_on_one_long_line_stay_fast() {
        // 20,000 wrong-typed records on one 600 KB line: each error used to
        // count the characters before it.
        let record = "{\"a\": true, \"b\": 1, \"c\": \"x\"},";
        let text = format!("[{}{{}}]", record.repeat(20_000));
        let file = SourceFile::new("x.json", text);
        let pos = Positions::new(&file);
        let raws: Vec<&RawValue> = pos.parse().expect("an array");
        let started = std::time::Instant::now();
        let errors = raws
            .iter()
            .filter(|raw| pos.parse_raw::<Doc>(raw).is_err())
            .count();
        assert_eq!(errors, 20_001);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }
}
