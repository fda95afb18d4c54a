//! Reading JSON so that every value can be traced back to its line.
//!
//! serde_json does not report where a value sits, but a borrowed
//! [`RawValue`] is a slice of the original text, so its address tells its
//! offset. Arrays of records are read as `Vec<&RawValue>` first and each record
//! is then parsed on its own: one bad employee does not hide the next one, and
//! every error can name the line of the record (or of the value) at fault.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::Positions;
use crate::engine::diagnostic::{Diagnostic, Location, Said, Text};
use crate::i18n::Load;

impl<'a> Positions<'a> {
    /// Parses the whole file as `T`.
    pub fn parse<T: Deserialize<'a>>(&self) -> Result<T, Diagnostic> {
        let text: &'a str = &self.file.text;
        serde_json::from_str(text).map_err(|err| self.json_error(text, &err))
    }

    /// Parses one value borrowed from this file (e.g. an array element).
    pub fn parse_raw<T: Deserialize<'a>>(&self, raw: &'a RawValue) -> Result<T, Diagnostic> {
        self.parse_slice(raw.get())
    }

    /// Parses a slice of this file's text (e.g. one line of a file of JSON
    /// lines) as `T`.
    pub fn parse_slice<T: Deserialize<'a>>(&self, text: &'a str) -> Result<T, Diagnostic> {
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
                Said::from(Load::WrongTypeObject).with("found", kind_of(text)),
            ));
        }
        self.parse_raw(raw)
    }

    /// Converts a serde_json error raised while parsing `part` (a slice of
    /// this file) into a diagnostic at the right line.
    fn json_error(&self, part: &str, err: &serde_json::Error) -> Diagnostic {
        let start = self.offset_of(part.as_ptr() as usize);
        let message = humanize(err);
        if err.is_data() && matches!(&message, Text::Said(said) if said.is(Load::MissingField)) {
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

/// serde_json's message without its position suffix, in plainer words
/// (what serde itself says is kept as a value, in its English).
fn humanize(err: &serde_json::Error) -> Text {
    let full = err.to_string();
    let text = match full.rfind(" at line ") {
        Some(cut) => &full[..cut],
        None => &full,
    };
    let said = |msg, key, value: &dyn fmt::Display| Said::new(msg, &[(key, value)]).into();
    if let Some(field) = text.strip_prefix("missing field ") {
        return said(Load::MissingField, "field", &requote(field));
    }
    if let Some(field) = text.strip_prefix("duplicate field ") {
        return said(Load::FieldTwice, "field", &requote(field));
    }
    if let Some(rest) = text.strip_prefix("invalid type: ") {
        return said(Load::WrongType, "found", &rest);
    }
    if err.is_eof() {
        return said(Load::EndsEarly, "why", &text);
    }
    if err.is_syntax() {
        return said(Load::NotJson, "why", &text);
    }
    // Our own words, which serde carried as text: why a `Dec` is not one.
    let ours = [Load::NotADecimal, Load::TooManyDigits, Load::WrongType];
    match Said::recognise(text, &ours) {
        Some(said) => said.into(),
        None => text.into(),
    }
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

/// What kind of JSON value a text is, in words, never quoting a long value.
fn kind_of(text: &str) -> Load {
    match text.chars().next() {
        Some('t' | 'f') => Load::KindBoolean,
        Some('n') => Load::KindNull,
        Some('[') => Load::KindList,
        Some('{') => Load::KindObject,
        Some('"') => Load::KindString,
        _ => Load::KindNumber,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::source::{Dec, SourceFile};
    use rust_decimal_macros::dec;

    /// A record read only to see whether and where it fails.
    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        a: Dec,
        b: Dec,
        c: At<String>,
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
