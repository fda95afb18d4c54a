//! The employees of a version 3 fingerprint file, packed: about 19 bytes an
//! employee instead of one 63-byte line each.
//!
//! ```text
//! "employees": {"count": 3, "ids": ["E1", "2", "3"], "shared": "AAEB", "records": "..."}
//! ```
//!
//! `ids` are in id byte order, each written as what follows the bytes it
//! shares with the id before it (cut back to a whole UTF-8 character);
//! `shared` holds those shared lengths, and `records` per employee the
//! department's index, the ratings hash and the name hash. Both are bytes
//! in base64: a number as a varint (7 bits a byte, low bits first, the high
//! bit set on every byte but the last), a hash as 4 bytes, little-endian.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, SeqAccess, Visitor};

use super::file::string;
use super::{Employees, Record};

/// The packed employees as read, before they are checked and unpacked.
#[derive(Deserialize)]
pub(super) struct Packed {
    count: usize,
    /// Absent (true) unless the fingerprint was read from a version 1 file,
    /// which kept no names, and written again.
    #[serde(default = "named")]
    names: bool,
    ids: Suffixes,
    shared: String,
    records: String,
}

fn named() -> bool {
    true
}

/// Appends the packed employees (`"employees": {...}`) to `out`.
pub(super) fn write(out: &mut String, employees: &Employees) {
    out.push_str("  \"employees\": {\"count\": ");
    out.push_str(&employees.len().to_string());
    if !employees.named {
        out.push_str(", \"names\": false");
    }
    out.push_str(", \"ids\": [");
    let mut shared = Vec::with_capacity(employees.len());
    let mut previous = "";
    for i in 0..employees.len() {
        let id = employees.id(i);
        let mut same = id
            .bytes()
            .zip(previous.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !id.is_char_boundary(same) {
            same -= 1;
        }
        varint(same as u64, |b| shared.push(b));
        if i > 0 {
            out.push(',');
        }
        string(out, &id[same..]);
        previous = id;
    }
    out.push_str("], \"shared\": \"");
    let mut base64 = Base64::new(out);
    base64.push(&shared);
    base64.finish();
    out.push_str("\", \"records\": \"");
    let mut base64 = Base64::new(out);
    for record in &employees.records {
        let mut bytes = [0u8; 13];
        let mut n = 0;
        varint(u64::from(record.department), |b| {
            bytes[n] = b;
            n += 1;
        });
        bytes[n..n + 4].copy_from_slice(&record.ratings.to_le_bytes());
        n += 4;
        if employees.named {
            bytes[n..n + 4].copy_from_slice(&record.name.to_le_bytes());
            n += 4;
        }
        base64.push(&bytes[..n]);
    }
    base64.finish();
    out.push_str("\"}\n");
}

impl Packed {
    /// The employees, checked: `departments` is the length of the
    /// fingerprint's department list.
    pub(super) fn unpack(self, departments: usize) -> Result<Employees, String> {
        let Suffixes { text, ends } = self.ids;
        let count = self.count;
        if ends.len() != count {
            return Err(format!(
                "\"count\" says {count} employees but {} ids are listed",
                ends.len()
            ));
        }
        let shared = decode(&self.shared).map_err(|why| format!("\"shared\" {why}"))?;
        let records = decode(&self.records).map_err(|why| format!("\"records\" {why}"))?;
        let mut employees = Employees {
            ids: String::with_capacity(text.len() + count * 4),
            ends: Vec::with_capacity(count),
            records: Vec::with_capacity(count),
            named: self.names,
        };
        let (mut at_shared, mut at_record) = (0, 0);
        let mut start = 0;
        let mut previous = 0..0;
        for (i, &end) in ends.iter().enumerate() {
            let suffix = text.get(start..end).unwrap_or("");
            start = end;
            let n = i + 1;
            let same = read_varint(&shared, &mut at_shared)
                .map_err(|why| unreadable(why, "shared", n, count))?;
            let before = &employees.ids[previous.clone()];
            let same = usize::try_from(same)
                .ok()
                .filter(|&same| same <= before.len())
                .ok_or_else(|| {
                    format!(
                        "employee {n}'s id shares {same} bytes with the id before it, which has {}",
                        before.len()
                    )
                })?;
            if !before.is_char_boundary(same) {
                return Err(format!(
                    "employee {n}'s id shares {same} bytes with {before:?}, which cuts a character: not valid UTF-8"
                ));
            }
            let begins = employees.ids.len();
            employees
                .ids
                .extend_from_within(previous.start..previous.start + same);
            employees.ids.push_str(suffix);
            let id = &employees.ids[begins..];
            if i > 0 && id <= &employees.ids[previous.clone()] {
                return Err(format!(
                    "the ids are not in order: {id:?} after {:?}",
                    &employees.ids[previous]
                ));
            }
            previous = begins..employees.ids.len();
            employees.ends.push(employees.ids.len());

            let department = read_varint(&records, &mut at_record)
                .map_err(|why| unreadable(why, "records", n, count))?;
            let Some(department) = u32::try_from(department)
                .ok()
                .filter(|&d| (d as usize) < departments)
            else {
                return Err(format!(
                    "employee {:?} names department index {department} (counted from 0), but only {departments} are listed",
                    &employees.ids[previous]
                ));
            };
            let ratings = read_u32(&records, &mut at_record);
            let name = match self.names {
                true => read_u32(&records, &mut at_record),
                false => Some(0),
            };
            let (Some(ratings), Some(name)) = (ratings, name) else {
                return Err(format!("\"records\" ends before employee {n} of {count}"));
            };
            employees.records.push(Record {
                department,
                ratings,
                name,
            });
        }
        for (what, bytes, at) in [
            ("shared", &shared, at_shared),
            ("records", &records, at_record),
        ] {
            if at < bytes.len() {
                return Err(format!(
                    "{what:?} goes on for {} bytes after the last of {count} employees",
                    bytes.len() - at
                ));
            }
        }
        Ok(employees)
    }
}

/// The `ids` list read straight into one string: no string per id.
struct Suffixes {
    text: String,
    ends: Vec<usize>,
}

impl<'de> Deserialize<'de> for Suffixes {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct List;
        struct Append<'a>(&'a mut String);
        impl<'de> de::DeserializeSeed<'de> for Append<'_> {
            type Value = ();
            fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_str(self)
            }
        }
        impl Visitor<'_> for Append<'_> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an id (a string)")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
                self.0.push_str(s);
                Ok(())
            }
        }
        impl<'de> Visitor<'de> for List {
            type Value = Suffixes;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of ids")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Suffixes, A::Error> {
                let mut ids = Suffixes {
                    text: String::new(),
                    ends: Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20)),
                };
                while seq.next_element_seed(Append(&mut ids.text))?.is_some() {
                    ids.ends.push(ids.text.len());
                }
                Ok(ids)
            }
        }
        d.deserialize_seq(List)
    }
}

/// `x` as a varint, a byte at a time to `push`.
fn varint(mut x: u64, mut push: impl FnMut(u8)) {
    while x >= 0x80 {
        push((x as u8) | 0x80);
        x >>= 7;
    }
    push(x as u8);
}

/// Why a varint could not be read.
#[derive(Debug, PartialEq, Eq)]
enum Unreadable {
    /// The bytes ended first.
    Ends,
    /// It does not fit 64 bits.
    TooLong,
}

/// The varint at `*at`, moving past it.
fn read_varint(bytes: &[u8], at: &mut usize) -> Result<u64, Unreadable> {
    let mut x = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at).ok_or(Unreadable::Ends)?;
        *at += 1;
        let bits = u64::from(b & 0x7f);
        if shift == 63 && bits > 1 {
            return Err(Unreadable::TooLong);
        }
        x |= bits << shift;
        if b & 0x80 == 0 {
            return Ok(x);
        }
    }
    Err(Unreadable::TooLong)
}

/// The plain reason a varint of `what` could not be read for employee `n`
/// of `count`.
fn unreadable(why: Unreadable, what: &str, n: usize, count: usize) -> String {
    match why {
        Unreadable::Ends => format!("{what:?} ends before employee {n} of {count}"),
        Unreadable::TooLong => {
            format!("{what:?} holds a number longer than 64 bits at employee {n}")
        }
    }
}

fn read_u32(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let four = bytes.get(*at..*at + 4)?;
    *at += 4;
    Some(u32::from_le_bytes([four[0], four[1], four[2], four[3]]))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Each byte's value in [`ALPHABET`], or `NOT_BASE64`.
const VALUES: [u8; 256] = {
    let mut values = [NOT_BASE64; 256];
    let mut i = 0;
    while i < 64 {
        values[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    values
};
const NOT_BASE64: u8 = 0xff;

/// Standard base64 (RFC 4648, padded), written as the bytes come, so that
/// the records need no buffer of their own.
struct Base64<'a> {
    out: &'a mut String,
    pending: [u8; 3],
    n: usize,
}

impl<'a> Base64<'a> {
    fn new(out: &'a mut String) -> Self {
        Base64 {
            out,
            pending: [0; 3],
            n: 0,
        }
    }

    fn push(&mut self, mut bytes: &[u8]) {
        while self.n > 0 && self.n < 3 {
            let Some((&b, rest)) = bytes.split_first() else {
                return;
            };
            self.pending[self.n] = b;
            self.n += 1;
            bytes = rest;
        }
        if self.n == 3 {
            let three = self.pending;
            self.three(&three);
            self.n = 0;
        }
        let mut triples = bytes.chunks_exact(3);
        for three in &mut triples {
            self.three(three);
        }
        for &b in triples.remainder() {
            self.pending[self.n] = b;
            self.n += 1;
        }
    }

    fn three(&mut self, three: &[u8]) {
        let x = three.iter().fold(0u32, |x, &b| (x << 8) | u32::from(b)) << (8 * (3 - three.len()));
        for k in 0..=three.len() {
            self.out
                .push(char::from(ALPHABET[(x >> (18 - 6 * k)) as usize & 63]));
        }
    }

    fn finish(mut self) {
        let (pending, n) = (self.pending, self.n);
        if n > 0 {
            self.three(&pending[..n]);
            self.out.push_str(if n == 1 { "==" } else { "=" });
        }
    }
}

/// The bytes `text` holds in base64, or why it is not base64.
fn decode(text: &str) -> Result<Vec<u8>, String> {
    let text = text.as_bytes();
    if !text.len().is_multiple_of(4) {
        return Err(format!(
            "is not base64: {} characters, not a multiple of 4",
            text.len()
        ));
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let quads = text.len() / 4;
    for (q, quad) in text.chunks_exact(4).enumerate() {
        let pad = match quad {
            [.., b'=', b'='] => 2,
            [.., b'='] => 1,
            _ => 0,
        };
        if pad > 0 && q + 1 < quads {
            return Err(format!(
                "is not base64: \"=\" before the end, at character {}",
                q * 4 + 4 - pad + 1
            ));
        }
        let mut x = 0u32;
        for (k, &c) in quad[..4 - pad].iter().enumerate() {
            let value = VALUES[usize::from(c)];
            if value == NOT_BASE64 {
                let at = q * 4 + k + 1;
                return Err(match c.is_ascii() {
                    true => format!("is not base64: {:?} at character {at}", char::from(c)),
                    false => format!("is not base64: a character that is not ASCII at byte {at}"),
                });
            }
            x |= u32::from(value) << (18 - 6 * k);
        }
        let bytes = x.to_be_bytes();
        out.extend_from_slice(&bytes[1..4 - pad]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::Fingerprint;
    use super::super::tests::{ORG, RATINGS, input};
    use super::*;

    /// A version 3 file with two departments and these employees.
    fn file(employees: &str) -> String {
        format!(
            r#"{{"version": 3, "kind": "calibra input fingerprint", "taken_at": "t0", "input": "x",
  "policy": "0", "ratings": 0, "departments": [["D1","X",null],["D2","Y",null]], "raters": [],
  "employees": {employees}}}"#
        )
    }

    fn packed(count: usize, ids: &[&str], shared: &[u8], records: &[u8]) -> String {
        let ids: Vec<String> = ids
            .iter()
            .map(|id| serde_json::to_string(id).unwrap_or_default())
            .collect();
        file(&format!(
            r#"{{"count": {count}, "ids": [{}], "shared": "{}", "records": "{}"}}"#,
            ids.join(","),
            encode(shared, 3),
            encode(records, 3)
        ))
    }

    /// One record: department 0, both hashes 0.
    const RECORD: [u8; 9] = [0; 9];

    #[test]
    fn any_ids_are_written_and_read_back_exactly() {
        let org = |ids: &[&str]| {
            let people: Vec<String> = ids
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    let id = serde_json::to_string(id).unwrap_or_default();
                    format!(
                        r#"{{"id":{id},"name":"n{i}","department":"D{}"}}"#,
                        1 + i % 2
                    )
                })
                .collect();
            let raters: Vec<String> = ids
                .iter()
                .map(|id| format!("M1,m,\"{}\",70", id.replace('"', "\"\"")))
                .collect();
            let org = ORG
                .split("\"employees\"")
                .next()
                .unwrap_or_default()
                .to_string();
            (
                format!("{org}\"employees\":[{}]}}", people.join(",")),
                format!(
                    "rater_id,rater_name,employee_id,score\n{}\n",
                    raters.join("\n")
                ),
            )
        };
        let ids = [
            "E1",
            "E10",
            "E100",
            "E2",
            "a\"b",
            "a\\b",
            "a\nb",
            "a\tb\u{1}",
            "\u{202e}E1",
            "\u{202e}E2",
            "é1",
            "é2",
            "漢字",
            "漢子",
            "漢",
            "😀a",
            "😀b",
            "x",
        ];
        let (org, ratings) = org(&ids);
        let print = Fingerprint::of(&input(&org, &ratings), "x", "t0");
        assert_eq!(print.employees.len(), ids.len());
        let text = print.to_json();
        let again = Fingerprint::parse(&text).expect("read back");
        assert_eq!(again, print);
        let mut sorted = ids.to_vec();
        sorted.sort_unstable();
        let read: Vec<&str> = again.employees.iter().map(|e| e.id).collect();
        assert_eq!(read, sorted);
        // 子 and 字 share two of their three bytes: the shared part stops
        // before them, so each suffix is whole characters.
        assert!(text.contains(r#""漢","子","字""#), "{text}");
        assert!(text.contains(r#""ids": ["E1","0","0","2","#), "{text}");
    }

    #[test]
    fn a_damaged_version_3_fingerprint_is_refused_with_the_reason() {
        let two = [RECORD, RECORD].concat();
        let cases: Vec<(String, &str)> = vec![
            (
                packed(3, &["E1", "2"], &[0, 1], &two),
                "\"count\" says 3 employees but 2 ids",
            ),
            (
                packed(2, &["E1", "2"], &[0], &two),
                "\"shared\" ends before employee 2 of 2",
            ),
            (
                packed(2, &["E1", "2"], &[0, 1, 0], &two),
                "\"shared\" goes on for 1 bytes",
            ),
            (
                packed(2, &["E1", "2"], &[0, 3], &two),
                "employee 2's id shares 3 bytes with the id before it, which has 2",
            ),
            (
                packed(1, &["E1"], &[1], &RECORD),
                "employee 1's id shares 1 bytes",
            ),
            (
                packed(2, &["E1", "2"], &[0, 0xff], &two),
                "\"shared\" ends before employee 2",
            ),
            (
                packed(1, &["E1"], &[0xff; 11], &RECORD),
                "\"shared\" holds a number longer than 64 bits at employee 1",
            ),
            (
                packed(2, &["é", "x"], &[0, 1], &two),
                "cuts a character: not valid UTF-8",
            ),
            (
                packed(2, &["E2", "1"], &[0, 1], &two),
                "not in order: \"E1\" after \"E2\"",
            ),
            (
                packed(2, &["E1", ""], &[0, 2], &two),
                "not in order: \"E1\" after \"E1\"",
            ),
            (
                packed(2, &["E1", "2"], &[0, 1], &RECORD),
                "\"records\" ends before employee 2 of 2",
            ),
            (
                packed(2, &["E1", "2"], &[0, 1], &two[..17]),
                "\"records\" ends before employee 2 of 2",
            ),
            (
                packed(1, &["E1"], &[0], &two),
                "\"records\" goes on for 9 bytes",
            ),
            (
                packed(1, &["E1"], &[0], &[2, 0, 0, 0, 0, 0, 0, 0, 0]),
                "\"E1\" names department index 2 (counted from 0), but only 2 are listed",
            ),
            (
                packed(
                    1,
                    &["E1"],
                    &[0],
                    &[0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0, 0, 0, 0, 0],
                ),
                "\"E1\" names department index 34359738367 (counted from 0)",
            ),
            (
                file(r#"{"count": 1, "ids": ["E1"], "shared": "A", "records": ""}"#),
                "\"shared\" is not base64: 1 characters",
            ),
            (
                file(r#"{"count": 1, "ids": ["E1"], "shared": "AA==", "records": "AAAA*AAAAAAA"}"#),
                "\"records\" is not base64: '*' at character 5",
            ),
            (
                file(r#"{"count": 1, "ids": ["E1"], "shared": "AA==", "records": "AAAAéAA"}"#),
                "not ASCII at byte 5",
            ),
            (
                file(r#"{"count": 1, "ids": [1], "shared": "AA==", "records": ""}"#),
                "not a calibra input fingerprint",
            ),
            (
                file(r#"{"count": 1, "ids": ["E1"], "records": ""}"#),
                "missing field `shared`",
            ),
            (
                file(r#"[["E1",0,"0000000000000000","0000000000000000"]]"#),
                "a list, not packed",
            ),
            (file(r#""E1""#), "a list of employees or packed employees"),
        ];
        for (text, why) in cases {
            let err = Fingerprint::parse(&text).expect_err(why);
            assert!(err.contains(why), "{why:?} in {err:?}\n{text}");
        }
        // The same shapes undamaged are read.
        let fine = Fingerprint::parse(&packed(2, &["E1", "2"], &[0, 1], &two)).expect("valid");
        assert_eq!(fine.employees.id(1), "E2");
        let empty = Fingerprint::parse(&packed(0, &[], &[], &[])).expect("no employees");
        assert!(empty.employees.is_empty());
    }

    proptest! {
        /// Any byte of a valid file changed, or the file cut anywhere: read
        /// or refused, never a panic.
        #[test]
        fn a_changed_or_cut_file_is_read_or_refused(at in 0usize..100_000, byte in any::<u8>(), cut in any::<bool>()) {
            let print = Fingerprint::of(&input(ORG, RATINGS), "x", "t0");
            let mut bytes = print.to_json().into_bytes();
            let at = at % bytes.len();
            if cut {
                bytes.truncate(at);
            } else {
                bytes[at] = byte;
            }
            if let Ok(text) = String::from_utf8(bytes) {
                let _ = Fingerprint::parse(&text);
            }
        }
    }

    fn encode(bytes: &[u8], pieces: usize) -> String {
        let mut out = String::new();
        let mut base64 = Base64::new(&mut out);
        for piece in bytes.chunks(pieces.max(1)) {
            base64.push(piece);
        }
        base64.finish();
        out
    }

    #[test]
    fn base64_is_the_standard_one_however_the_bytes_come() {
        for (bytes, text) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (b"fooba", "Zm9vYmE="),
            (b"foobar", "Zm9vYmFy"),
            (&[0xff, 0xfe, 0x00, 0x3e, 0x3f], "//4APj8="),
        ] {
            for pieces in 1..=4 {
                assert_eq!(
                    encode(bytes, pieces),
                    text,
                    "{bytes:?} in pieces of {pieces}"
                );
            }
            assert_eq!(decode(text).as_deref(), Ok(bytes), "{text}");
        }
        for (text, why) in [
            ("Zg=", "not a multiple of 4"),
            ("Zg==Zg==", "\"=\" before the end"),
            ("Zm9*", "'*' at character 4"),
            ("Zm\"v", "'\"' at character 3"),
            ("====", "'=' at character 1"),
        ] {
            let err = decode(text).expect_err(text);
            assert!(err.contains(why), "{text}: {err}");
        }
    }

    #[test]
    fn varints_round_trip_and_refuse_what_is_cut_or_too_long() {
        let mut bytes = Vec::new();
        let values = [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX];
        for x in values {
            varint(x, |b| bytes.push(b));
        }
        let mut at = 0;
        for x in values {
            assert_eq!(read_varint(&bytes, &mut at), Ok(x));
        }
        assert_eq!(
            read_varint(&bytes, &mut at),
            Err(Unreadable::Ends),
            "nothing left"
        );
        assert_eq!(
            read_varint(&[0x80], &mut 0),
            Err(Unreadable::Ends),
            "cut short"
        );
        assert_eq!(read_varint(&[0xff; 11], &mut 0), Err(Unreadable::TooLong));
        let mut past = vec![0xff; 9];
        past.push(0x02);
        assert_eq!(
            read_varint(&past, &mut 0),
            Err(Unreadable::TooLong),
            "past 64 bits"
        );
    }
}
