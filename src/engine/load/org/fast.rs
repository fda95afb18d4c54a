//! org.json read in one pass, for input that is valid.
//!
//! The record-by-record reader ([`super::parse`]) reads the whole file as raw
//! values first and then each record again, every value with its address, so
//! that an error can name its line: three passes over the text. A valid file
//! needs none of that. [`parse`] reads each record once, straight into the
//! model, with its line counted on the way, the employees split over two
//! cores. At the first thing that is not plainly valid it gives up and
//! returns `None`; the caller then runs the record-by-record reader, which
//! says what is wrong. So an invalid file costs one pass more, and a valid
//! one is read once.
//!
//! What counts as valid is the record-by-record reader's rule, repeated
//! here as plain checks; a property test holds the two readers to the same
//! answer on valid and broken files. One known difference: serde_json
//! refuses values nested more than 128 levels deep, and here each record
//! is read on its own, not two levels inside the whole file, so a record
//! nested 127 or 128 levels deep (in a field calibra ignores) passes here
//! and is refused there.

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, IgnoredAny};
use serde::{Deserialize, Deserializer};

use super::{Org, build_groups};
use crate::engine::model::{
    Attributes as EmployeeAttributes, Department, Employee, IdIndex, Vocabulary,
};
use crate::engine::source::Dec;

/// Below this many bytes of employees, the second core is not worth waking.
const SPLIT_BYTES: usize = 1 << 20;

#[derive(Deserialize)]
struct DepartmentRecord<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    name: Option<Text<'a>>,
    #[serde(borrow)]
    grade: Text<'a>,
    #[serde(borrow)]
    pool: Option<Text<'a>>,
}

#[derive(Deserialize)]
struct EmployeeRecord<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    department: Text<'a>,
    #[serde(borrow)]
    attributes: Option<Attributes<'a>>,
    bonus_base: Option<Dec>,
    #[serde(borrow)]
    manager: Option<Text<'a>>,
}

/// A JSON text, borrowed from the file unless it has escapes to undo
/// (serde's own `Cow<str>` always copies, outside a derived field).
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> de::Visitor<'de> for Visitor<'a> {
            type Value = Text<'a>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text")
            }

            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(text)))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text.to_string())))
            }
        }
        deserializer.deserialize_str(Visitor(std::marker::PhantomData))
    }
}

/// An employee's attributes in file order; a key given twice is an error.
struct Attributes<'a>(Vec<(Text<'a>, Text<'a>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Attributes<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> de::Visitor<'de> for Visitor<'a> {
            type Value = Attributes<'a>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of texts")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries: Vec<(Text<'a>, Text<'a>)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<Text<'a>, Text<'a>>()? {
                    if entries.iter().any(|(k, _)| k.0 == key.0) {
                        return Err(de::Error::custom("attribute given twice"));
                    }
                    entries.push((key, value));
                }
                Ok(Attributes(entries))
            }
        }
        deserializer.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

/// The text of org.json read as one object, or `None` when anything in it
/// is not plainly valid (then [`super::parse`] says what).
pub(super) fn parse(text: &str, department_grades: &[String]) -> Option<Org> {
    let mut at = Cursor::new(text);
    at.expect(b'{')?;
    let mut departments: Option<Vec<Department>> = None;
    let mut employees: Option<Employees> = None;
    let mut first = true;
    loop {
        at.skip_ws();
        if at.peek()? == b'}' && first {
            at.pos += 1;
            break;
        }
        let key: Text = at.value()?;
        at.expect(b':')?;
        match &*key.0 {
            "departments" if departments.is_none() => {
                departments = Some(read_departments(&mut at, department_grades)?);
            }
            // Employees name their department: the fallback reads a file
            // that lists them first.
            "employees" if employees.is_none() => {
                employees = Some(read_employees(&mut at, departments.as_deref()?)?);
            }
            "departments" | "employees" => return None,
            _ => {
                let IgnoredAny = at.value()?;
            }
        }
        first = false;
        at.skip_ws();
        match at.peek()? {
            b',' => at.pos += 1,
            b'}' => {
                at.pos += 1;
                break;
            }
            _ => return None,
        }
    }
    at.skip_ws();
    if at.pos != text.len() {
        return None;
    }
    let (mut departments, employees) = (departments?, employees?);
    let Employees {
        employees,
        vocabulary,
        attributes,
        managers,
    } = employees;
    let employee_index = IdIndex::new(|i| &employees[i].id, employees.len());
    if !employee_index.duplicates().is_empty() {
        return None;
    }
    let (groups, clashes) = build_groups(&mut departments, &employees);
    if !clashes.is_empty() {
        return None;
    }
    Some(Org {
        departments,
        groups,
        employees,
        employee_index,
        vocabulary,
        attributes,
        managers,
    })
}

fn read_departments(at: &mut Cursor, grades: &[String]) -> Option<Vec<Department>> {
    let mut departments = Vec::new();
    at.records(Start::Opening, None, |record: DepartmentRecord, line| {
        if record.id.0.trim().is_empty()
            || record.pool.as_ref().is_some_and(|p| p.0.trim().is_empty())
        {
            return None;
        }
        let grade = grades.iter().position(|g| *g == record.grade.0)?;
        let id = record.id.0.into_owned();
        departments.push(Department {
            name: record
                .name
                .map_or_else(|| id.clone(), |name| name.0.into_owned()),
            id,
            grade,
            pool: record.pool.map(|pool| pool.0.into_owned()),
            group: 0,
            line,
        });
        Some(())
    })?;
    let index = IdIndex::new(|i| &departments[i].id, departments.len());
    index.duplicates().is_empty().then_some(departments)
}

/// Employees read by one core: the words they use are its own until the
/// two halves are joined.
#[derive(Default)]
struct Employees {
    employees: Vec<Employee>,
    vocabulary: Vocabulary,
    attributes: EmployeeAttributes,
    managers: Vocabulary,
}

impl Employees {
    fn add(&mut self, record: EmployeeRecord, line: u32, departments: &Departments) -> Option<()> {
        if record.id.0.trim().is_empty()
            || record
                .manager
                .as_ref()
                .is_some_and(|m| m.0.trim().is_empty())
        {
            return None;
        }
        let department = departments.find(&record.department.0)?;
        let bonus_base = match record.bonus_base {
            Some(Dec(base)) if base < Decimal::ZERO => return None,
            Some(Dec(base)) => base,
            None => Decimal::ONE,
        };
        let vocabulary = &mut self.vocabulary;
        let entries = record.attributes.map(|Attributes(entries)| entries);
        self.attributes.push(
            entries
                .iter()
                .flatten()
                .map(|(key, value)| (vocabulary.intern(&key.0), vocabulary.intern(&value.0))),
        );
        self.employees.push(Employee {
            id: (&*record.id.0).into(),
            name: (&*record.name.0).into(),
            department,
            bonus_base,
            manager: record.manager.map(|m| self.managers.intern(&m.0)),
            line,
        });
        Some(())
    }

    /// These employees' lines, counted from a later start.
    fn shifted(mut self, lines: u32) -> Employees {
        for employee in &mut self.employees {
            employee.line += lines;
        }
        self
    }

    /// The employees read after these, by another core: their words are
    /// renumbered into these ones, which keeps the order of first mention.
    fn join(&mut self, later: Employees) {
        let words = renumber(&mut self.vocabulary, &later.vocabulary);
        let managers = renumber(&mut self.managers, &later.managers);
        self.attributes
            .append(&later.attributes, |w| words[w as usize]);
        self.employees.reserve(later.employees.len());
        for mut employee in later.employees {
            employee.manager = employee.manager.map(|m| managers[m as usize]);
            self.employees.push(employee);
        }
    }
}

/// The number in `into` of each word of `from`, adding those it lacks.
fn renumber(into: &mut Vocabulary, from: &Vocabulary) -> Vec<u32> {
    (0..from.len())
        .map(|i| into.intern(from.word(u32::try_from(i).unwrap_or(u32::MAX))))
        .collect()
}

/// Departments found by id.
struct Departments<'d> {
    departments: &'d [Department],
    index: IdIndex,
}

impl Departments<'_> {
    fn find(&self, id: &str) -> Option<usize> {
        self.index.find(id, |i| &self.departments[i].id)
    }
}

fn read_employees(at: &mut Cursor, departments: &[Department]) -> Option<Employees> {
    let departments = Departments {
        departments,
        index: IdIndex::new(|i| &departments[i].id, departments.len()),
    };
    let read = |at: &mut Cursor, start, stop| {
        let mut read = Employees::default();
        let end = at.records(start, stop, |record, line| {
            read.add(record, line, &departments)
        })?;
        Some((read, end))
    };
    at.skip_ws();
    let Some(split) = at.split_point() else {
        return read(at, Start::Opening, None).map(|(read, _)| read);
    };
    let text = at.text;
    std::thread::scope(|scope| {
        // The second half, from a guessed record boundary to the array's end.
        let later = scope.spawn(|| {
            let mut later = Cursor::starting(text, split);
            read(&mut later, Start::Inside, None).map(|(read, _)| (read, later))
        });
        let (mut first, end) = read(at, Start::Opening, Some(split))?;
        if end == End::Closed || at.pos != split {
            // The guess was not a record of this array (it fell inside a
            // text, or after the array): the first core reads on alone.
            let _ = later.join();
            if end == End::Reached {
                let (rest, _) = read(at, Start::Inside, None)?;
                first.join(rest);
            }
            return Some(first);
        }
        let (rest, after) = later.join().ok()??;
        let lines_before = at.line() - 1;
        first.join(rest.shifted(lines_before));
        *at = Cursor {
            line: after.line + lines_before,
            ..after
        };
        Some(first)
    })
}

/// Where [`Cursor::records`] begins: at the array's `[`, or at a record
/// inside it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    Opening,
    Inside,
}

/// Where [`Cursor::records`] ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum End {
    /// At the array's `]`, which it passed.
    Closed,
    /// At the first record at or after the stop, which it did not read.
    Reached,
}

/// A position in the text, with the line it is on.
#[derive(Clone, Copy)]
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    /// The 1-based line of `pos`, as far as it has been counted.
    line: u32,
    /// Where the count of `line` stands.
    counted: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor::starting(text, 0)
    }

    /// A cursor at `pos` counting lines from 1 there (the caller shifts them).
    fn starting(text: &'a str, pos: usize) -> Self {
        Cursor {
            text,
            pos,
            line: 1,
            counted: pos,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_ws();
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// The line of `pos`.
    fn line(&mut self) -> u32 {
        let newlines =
            memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.counted..self.pos]).count();
        self.line += u32::try_from(newlines).unwrap_or(u32::MAX);
        self.counted = self.pos;
        self.line
    }

    /// The value at `pos` (after white space), `pos` moved past it.
    fn value<T: Deserialize<'a>>(&mut self) -> Option<T> {
        self.skip_ws();
        let mut values = serde_json::Deserializer::from_str(&self.text[self.pos..]).into_iter();
        let value = values.next()?.ok()?;
        self.pos += values.byte_offset();
        Some(value)
    }

    /// Reads the records of the array at `pos`, each with its line, up to
    /// its `]` or, when `stop` is given, up to the first record that starts
    /// at or after `stop`.
    fn records<T: Deserialize<'a>>(
        &mut self,
        start: Start,
        stop: Option<usize>,
        mut each: impl FnMut(T, u32) -> Option<()>,
    ) -> Option<End> {
        if start == Start::Opening {
            self.expect(b'[')?;
            self.skip_ws();
            if self.peek()? == b']' {
                self.pos += 1;
                return Some(End::Closed);
            }
        }
        loop {
            self.skip_ws();
            if stop.is_some_and(|stop| self.pos >= stop) {
                return Some(End::Reached);
            }
            if self.peek()? != b'{' {
                return None;
            }
            let line = self.line();
            each(self.value()?, line)?;
            self.skip_ws();
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Some(End::Closed);
                }
                _ => return None,
            }
        }
    }

    /// Where a second core could begin reading the array at `pos`: the first
    /// `{` past the middle of the rest of the text that follows a comma. It
    /// is only a guess (the comma may be inside a text); the first core
    /// confirms it by reaching it at a record boundary.
    fn split_point(&self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        if bytes.len() - self.pos < 2 * SPLIT_BYTES {
            return None;
        }
        let middle = self.pos + (bytes.len() - self.pos) / 2;
        let mut comma = false;
        for (i, &b) in bytes.iter().enumerate().skip(middle) {
            match b {
                b',' => comma = true,
                b'{' if comma => return Some(i),
                b' ' | b'\n' | b'\r' | b'\t' => {}
                _ => comma = false,
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::record_by_record;
    use super::*;
    use crate::engine::diagnostic::Diagnostics;
    use crate::engine::source::SourceFile;
    use proptest::prelude::*;

    const GRADES: [&str; 3] = ["A", "B", "C"];

    fn grades() -> Vec<String> {
        GRADES.iter().map(|g| g.to_string()).collect()
    }

    fn words(vocabulary: &Vocabulary) -> Vec<&str> {
        (0..vocabulary.len())
            .map(|i| vocabulary.word(u32::try_from(i).expect("few words")))
            .collect()
    }

    /// The org the record-by-record reader makes of `text`, if valid.
    fn slow(text: &str) -> Option<Org> {
        let mut sink = Diagnostics::default();
        let (_, org) = record_by_record(
            &SourceFile::new("org.json", text),
            Some(&grades()),
            &mut sink,
        );
        assert_eq!(org.is_some(), !sink.has_errors(), "{sink:?}");
        org
    }

    /// Both readers agree on `text`: the same org, or both refuse it.
    fn agree(text: &str) -> bool {
        let (fast, slow) = (parse(text, &grades()), slow(text));
        match (&fast, &slow) {
            (Some(fast), Some(slow)) => {
                assert_eq!(fast.departments, slow.departments);
                assert_eq!(fast.groups, slow.groups);
                assert_eq!(fast.employees, slow.employees);
                assert_eq!(fast.attributes, slow.attributes);
                assert_eq!(words(&fast.vocabulary), words(&slow.vocabulary));
                assert_eq!(words(&fast.managers), words(&slow.managers));
            }
            _ => assert_eq!(
                fast.is_some(),
                slow.is_some(),
                "fast and record by record differ:\n{text}"
            ),
        }
        fast.is_some()
    }

    /// An org of `n` employees over three departments (one pooled), with
    /// attributes, managers, bonus bases, escapes and one `extra` text in
    /// every name.
    fn org(n: usize, extra: &str) -> String {
        let mut text = String::from(
            "{\n  \"cycle\": \"ignored\",\n  \"departments\": [\n    { \"id\": \"D1\", \"grade\": \"A\" },\n    { \"id\": \"D2\", \"name\": \"Two \\u00e9\", \"grade\": \"B\", \"pool\": \"P\" },\n    { \"id\": \"D3\", \"grade\": \"C\", \"pool\": \"P\", \"note\": [1, {\"x\": null}] }\n  ],\n  \"employees\": [",
        );
        for i in 0..n {
            let sep = if i == 0 { "\n" } else { ",\n" };
            let department = ["D1", "D2", "D3"][i % 3];
            text.push_str(&format!(
                "{sep}    {{ \"id\": \"E{i:06}\", \"name\": \"N\\\"{i}{extra}\", \"department\": \"{department}\""
            ));
            if i % 2 == 0 {
                text.push_str(&format!(
                    ", \"attributes\": {{ \"gender\": \"{}\", \"site\": \"S{}\" }}",
                    ["F", "M"][i % 4 / 2],
                    i % 7
                ));
            }
            if i % 3 == 0 {
                text.push_str(&format!(", \"manager\": \"M{}\"", i % 11));
            }
            if i % 5 == 0 {
                text.push_str(&format!(", \"bonus_base\": \"{}.5\"", i % 13));
            }
            if i % 6 == 1 {
                text.push_str(", \"manager\": null, \"x\": 1");
            }
            text.push_str(" }");
        }
        text.push_str("\n  ]\n}\n");
        text
    }

    #[test]
    fn a_large_valid_file_is_read_on_two_cores_as_record_by_record() {
        let text = org(30_000, "");
        assert!(text.len() > 2 * SPLIT_BYTES);
        let mut at = Cursor::new(&text);
        at.pos = text.find("\"employees\"").expect("employees") + 14;
        // The guess is a record boundary here, so the second core's half
        // is the one kept.
        let split = at.split_point().expect("large enough to split");
        assert!(
            text[..split].ends_with(",\n    "),
            "the guess is a boundary"
        );
        assert!(agree(&text));
        let read = parse(&text, &grades()).expect("valid");
        assert_eq!(read.employees.len(), 30_000);
        assert_eq!(read.employees[29_999].line, 30_008);
    }

    #[test]
    fn a_guessed_split_inside_a_text_is_found_and_read_past() {
        // Every name holds what looks like a record boundary, so the guess
        // falls inside a text more often than not; both halves must still
        // agree with the plain reading.
        let trap = r#"\", {\"id\": \"E999999\", \"name\": \"x\", \"department\": \"D1\" }, {"#;
        let text = org(20_000, trap);
        assert!(text.len() > 2 * SPLIT_BYTES);
        let mut at = Cursor::new(&text);
        at.pos = text.find("\"employees\"").expect("employees") + 14;
        let split = at.split_point().expect("large enough to split");
        assert!(
            !text[..split].ends_with(",\n    "),
            "the guess is inside a text"
        );
        assert!(agree(&text));
    }

    #[test]
    fn valid_shapes_agree() {
        for text in [
            r#"{"departments": [], "employees": []}"#,
            r#"{"departments": [{"id": "D1", "grade": "A"}], "employees": [], "x": {"employees": 1}}"#,
            "{\"departments\":[{\"id\":\"D1\",\"grade\":\"A\"}],\"employees\":[{\"id\":\"E\\u0031\",\"name\":\"\\ud83d\\ude00\",\"department\":\"D1\",\"attributes\":{}}]}",
        ] {
            assert!(agree(text), "{text}");
        }
    }

    #[test]
    fn every_kind_of_error_is_left_to_the_record_by_record_reader() {
        let valid = org(4, "");
        assert!(agree(&valid));
        let broken = [
            ("\"id\": \"E000001\"", "\"id\": \" \""),
            ("\"id\": \"E000001\"", "\"id\": \"E000000\""),
            ("\"department\": \"D2\"", "\"department\": \"D9\""),
            ("\"department\": \"D2\"", "\"department\": 2"),
            (
                "\"gender\": \"F\", \"site\": \"S0\"",
                "\"gender\": \"F\", \"gender\": \"S0\"",
            ),
            ("\"site\": \"S0\"", "\"site\": 0"),
            ("\"bonus_base\": \"0.5\"", "\"bonus_base\": \"-0.5\""),
            ("\"bonus_base\": \"0.5\"", "\"bonus_base\": \"1,5\""),
            ("\"manager\": \"M0\"", "\"manager\": \"\""),
            ("\"name\": \"N\\\"1\"", "\"name\": null"),
            ("\"name\": \"N\\\"1\"", "\"name\": \"x\", \"name\": \"y\""),
            ("{ \"id\": \"E000002\"", "[ \"id\": \"E000002\""),
            ("\"grade\": \"A\"", "\"grade\": \"Z\""),
            ("\"grade\": \"A\"", "\"grade\": \"A\", \"pool\": \" \""),
            (
                "{ \"id\": \"D1\", \"grade\": \"A\" }",
                "{ \"id\": \"D1\", \"grade\": \"A\", \"pool\": \"D2\" }",
            ),
            ("{ \"id\": \"D1\"", "{ \"id\": \"D2\""),
            ("\"employees\": [", "\"employees\": {"),
            ("\n  ]\n}", "\n  ],\n}"),
            ("\n  ]\n}", "\n  ]\n} x"),
            ("\n  ]\n}", "\n  ]\n"),
            ("\"cycle\": \"ignored\",", "\"employees\": [],"),
            (" }\n  ]\n}", " },\n  ]\n}"),
        ];
        for (from, to) in broken {
            assert!(valid.contains(from), "{from}");
            let text = valid.replacen(from, to, 1);
            assert!(!agree(&text), "read as valid: {to}");
        }
        // Departments after the employees: valid, read record by record.
        let reordered = r#"{"employees": [{"id": "E1", "name": "N", "department": "D1"}],
            "departments": [{"id": "D1", "grade": "A"}]}"#;
        assert!(parse(reordered, &grades()).is_none());
        assert!(slow(reordered).is_some());
    }

    proptest! {
        /// Any byte of a valid file changed: both readers give the same
        /// answer.
        #[test]
        fn one_changed_byte_leaves_the_readers_agreeing(at in 0usize..10_000, byte in prop::sample::select(b"{}[],:\" \\0a-1.nEDMx".to_vec())) {
            let valid = org(6, "");
            let mut bytes = valid.into_bytes();
            let at = at % bytes.len();
            bytes[at] = byte;
            if let Ok(text) = String::from_utf8(bytes) {
                agree(&text);
            }
        }
    }
}
