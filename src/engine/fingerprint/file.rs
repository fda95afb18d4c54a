//! The fingerprint file: JSON, one department or rater a line and the
//! employees packed (see [`super::packed`]), read back only if it says it is
//! a fingerprint of a version this build reads.

use std::fmt;

use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, MapAccess, SeqAccess, Visitor};

use super::packed::{self, Packed};
use super::take::cut;
use super::{DepartmentPrint, Employees, Fingerprint, RaterPrint, Record};

/// The fingerprint file version this build writes: 3 packs the employees
/// and keeps 32 bits of each of their hashes. Versions 1 (one line an
/// employee, no name hashes) and 2 (one line an employee) are still read.
pub const FINGERPRINT_VERSION: u64 = 3;

/// What the fingerprint file says it is (read back to refuse other files).
pub(super) const KIND: &str = "calibra input fingerprint";

/// The file as read, its employees in either layout.
#[derive(Deserialize)]
struct File {
    version: u64,
    kind: String,
    taken_at: String,
    input: String,
    policy: String,
    ratings: usize,
    departments: Vec<DepartmentPrint>,
    raters: Vec<RaterPrint>,
    employees: EmployeesFile,
}

/// Versions 1 and 2: a list of rows; version 3: packed.
enum EmployeesFile {
    Rows(Vec<Row>),
    Packed(Packed),
}

/// A version 1 or 2 line: id, department index, ratings hash (64 bits in
/// hex) and, since version 2, the name hash.
#[derive(Deserialize)]
#[serde(untagged)]
enum Row {
    Named(String, usize, String, String),
    Unnamed(String, usize, String),
}

impl<'de> Deserialize<'de> for EmployeesFile {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = EmployeesFile;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of employees or packed employees")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<EmployeesFile, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(EmployeesFile::Rows)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<EmployeesFile, A::Error> {
                Packed::deserialize(MapAccessDeserializer::new(map)).map(EmployeesFile::Packed)
            }
        }
        d.deserialize_any(Either)
    }
}

impl Fingerprint {
    /// The fingerprint file (version [`FINGERPRINT_VERSION`]), written
    /// into one string.
    pub fn to_json(&self) -> String {
        let e = &self.employees;
        let mut out = String::with_capacity(
            512 + self.departments.len() * 32 + self.raters.len() * 40 + e.len() * 19,
        );
        out.push_str("{\n  \"version\": ");
        out.push_str(&FINGERPRINT_VERSION.to_string());
        for (name, value) in [
            ("kind", &self.kind),
            ("taken_at", &self.taken_at),
            ("input", &self.input),
            ("policy", &self.policy),
        ] {
            out.push_str(",\n  \"");
            out.push_str(name);
            out.push_str("\": ");
            string(&mut out, value);
        }
        out.push_str(",\n  \"ratings\": ");
        out.push_str(&self.ratings.to_string());
        out.push_str(",\n  \"departments\": [");
        for (i, d) in self.departments.iter().enumerate() {
            out.push_str(if i == 0 { "\n    [" } else { ",\n    [" });
            string(&mut out, &d.0);
            out.push(',');
            string(&mut out, &d.1);
            out.push(',');
            match &d.2 {
                Some(pool) => string(&mut out, pool),
                None => out.push_str("null"),
            }
            out.push(']');
        }
        out.push_str(if self.departments.is_empty() {
            "],\n"
        } else {
            "\n  ],\n"
        });
        out.push_str("  \"raters\": [");
        for (i, r) in self.raters.iter().enumerate() {
            out.push_str(if i == 0 { "\n    [" } else { ",\n    [" });
            string(&mut out, &r.0);
            out.push(',');
            out.push_str(&r.1.to_string());
            out.push(',');
            string(&mut out, &r.2);
            out.push(']');
        }
        out.push_str(if self.raters.is_empty() {
            "],\n"
        } else {
            "\n  ],\n"
        });
        packed::write(&mut out, e);
        out.push_str("}\n");
        out
    }

    /// Reads a fingerprint file, or says in plain words why it cannot.
    pub fn parse(text: &str) -> Result<Fingerprint, String> {
        let file: File = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|err| format!("not a calibra input fingerprint ({err})"))?;
        if file.kind != KIND {
            return Err(format!("\"kind\" is \"{}\", not \"{KIND}\"", file.kind));
        }
        let version = file.version;
        if !(1..=FINGERPRINT_VERSION).contains(&version) {
            return Err(format!(
                "fingerprint version {version} is not supported (this calibra reads versions 1 to {FINGERPRINT_VERSION})"
            ));
        }
        let mut departments = file.departments;
        let mut raters = file.raters;
        // Written sorted; sorted again in case someone edited it by hand.
        departments.sort_by(|a, b| a.0.cmp(&b.0));
        raters.sort_by(|a, b| a.0.cmp(&b.0));
        let employees = match (version, file.employees) {
            (3, EmployeesFile::Packed(packed)) => packed.unpack(departments.len()),
            (1 | 2, EmployeesFile::Rows(rows)) => from_rows(rows, version, departments.len()),
            (3, EmployeesFile::Rows(_)) => {
                Err("its employees are a list, not packed as version 3 writes them".to_string())
            }
            (_, _) => Err(format!(
                "its employees are packed, not a list as version {version} wrote them"
            )),
        }
        .map_err(|why| format!("the fingerprint's employees are damaged: {why}"))?;
        Ok(Fingerprint {
            version,
            kind: file.kind,
            taken_at: file.taken_at,
            input: file.input,
            policy: file.policy,
            ratings: file.ratings,
            departments,
            raters,
            employees,
        })
    }
}

/// A version 1 or 2 fingerprint's employees, as version 3 keeps them (the
/// low 32 bits of each hash).
fn from_rows(mut rows: Vec<Row>, version: u64, departments: usize) -> Result<Employees, String> {
    fn id(row: &Row) -> &str {
        match row {
            Row::Named(id, ..) | Row::Unnamed(id, ..) => id,
        }
    }
    // Written sorted; sorted again in case someone edited it by hand.
    rows.sort_by(|a, b| id(a).cmp(id(b)));
    let named = version >= 2;
    let mut employees = Employees {
        ids: String::with_capacity(rows.iter().map(|r| id(r).len()).sum()),
        ends: Vec::with_capacity(rows.len()),
        records: Vec::with_capacity(rows.len()),
        named,
    };
    for row in &rows {
        let (id, department, ratings, name) = match row {
            Row::Named(id, d, ratings, name) => (id, *d, ratings, Some(name)),
            Row::Unnamed(id, d, ratings) => (id, *d, ratings, None),
        };
        let hash = |hex: &str, what: &str| {
            let valid = hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit());
            valid
                .then(|| u64::from_str_radix(hex, 16).ok())
                .flatten()
                .map(cut)
                .ok_or_else(|| format!("employee {id:?}'s {what} {hex:?} is not 16 hex digits"))
        };
        let name = match (named, name) {
            (false, _) => 0,
            (true, Some(name)) => hash(name, "name hash")?,
            (true, None) => return Err(format!("employee {id:?} has no name hash")),
        };
        let Some(department) = u32::try_from(department)
            .ok()
            .filter(|&d| (d as usize) < departments)
        else {
            return Err(format!(
                "employee {id:?} names department index {department} (counted from 0), but only {departments} are listed"
            ));
        };
        employees.ids.push_str(id);
        employees.ends.push(employees.ids.len());
        employees.records.push(Record {
            department,
            ratings: hash(ratings, "ratings hash")?,
            name,
        });
    }
    Ok(employees)
}

/// Appends `s` as a JSON string: quotes, backslashes and control characters
/// escaped, everything else as it is.
pub(super) fn string(out: &mut String, s: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..0x20 => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        match escape {
            "" => out.push_str(&format!("\\u{b:04x}")),
            escape => out.push_str(escape),
        }
        plain = i + 1;
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::super::compare;
    use super::super::tests::{ORG, RATINGS, input};
    use super::*;

    #[test]
    fn other_files_are_refused() {
        assert!(Fingerprint::parse("{}").is_err());
        let print = Fingerprint::of(&input(ORG, RATINGS), "x", "t0");
        let text = print.to_json().replace("\"version\": 3", "\"version\": 9");
        let err = Fingerprint::parse(&text).expect_err("version 9");
        assert!(err.contains("version 9"), "{err}");
    }

    /// What version 2 wrote for `input(ORG, RATINGS)` (calibra before
    /// version 3, kept as it was written).
    const VERSION_2: &str = r#"{
  "version": 2,
  "kind": "calibra input fingerprint",
  "taken_at": "t0",
  "input": "x",
  "policy": "bbf8e888150f0c08",
  "ratings": 3,
  "departments": [
    ["D1","X",null],
    ["D2","Y",null]
  ],
  "raters": [
    ["M1",2,"9bb37e6679260647"],
    ["M2",1,"63263c1466d174ba"]
  ],
  "employees": [
    ["E1",0,"dd0a4ff41b233f31","83ccfb184d249e1b"],
    ["E2",0,"33588c4cc894a740","71c3ba9d08cafae9"],
    ["E3",1,"a4f72a350a7b623b","9764b4cbf9aacf71"]
  ]
}
"#;

    /// Version 1: the same without the name hashes.
    fn version_1() -> String {
        let mut text = VERSION_2.replace("\"version\": 2", "\"version\": 1");
        for name in ["83ccfb184d249e1b", "71c3ba9d08cafae9", "9764b4cbf9aacf71"] {
            text = text.replace(&format!(",\"{name}\""), "");
        }
        text
    }

    /// E1 renamed and moved, E2 re-scored, E3 gone, E4 new; D2 gone, D3 new.
    fn changed() -> Fingerprint {
        let org = r#"{"departments":[{"id":"D1","name":"d","grade":"X"},{"id":"D3","name":"e","grade":"Y"}],
          "employees":[{"id":"E1","name":"renamed","department":"D3"},{"id":"E2","name":"b","department":"D1"},
                       {"id":"E4","name":"c","department":"D3"}]}"#;
        let ratings = "rater_id,rater_name,employee_id,score\nM1,m,E1,80\nM1,m,E2,71\nM2,n,E4,60\n";
        Fingerprint::of(&input(org, ratings), "x", "t1")
    }

    #[test]
    fn a_version_2_fingerprint_compares_with_one_taken_now_as_before() {
        let old = Fingerprint::parse(VERSION_2).expect("version 2 is read");
        assert_eq!(old.version, 2);
        let now = Fingerprint::of(&input(ORG, RATINGS), "x", "t1");
        assert!(compare(&old, &now).is_empty(), "{:?}", compare(&old, &now));
        // The same input taken now: equal but for the version it came from.
        assert_eq!(
            Fingerprint {
                version: 3,
                ..old.clone()
            },
            Fingerprint {
                taken_at: "t0".into(),
                ..now.clone()
            }
        );

        let new = changed();
        let changes = compare(&old, &new);
        assert_eq!(
            changes,
            compare(&Fingerprint::of(&input(ORG, RATINGS), "x", "t0"), &new)
        );
        assert_eq!(changes.employees_renamed, ["E1"]);
        assert_eq!(changes.scores_changed, ["E2"]);
        assert_eq!(changes.employees_moved[0].id, "E1");
        assert_eq!(changes.employees_added, ["E4"]);
        assert_eq!(changes.employees_removed, ["E3"]);
        assert_eq!(changes.raters_changed.len(), 2, "{changes:?}");
    }

    #[test]
    fn a_version_1_fingerprint_is_read_without_names_and_written_again_so() {
        let old = Fingerprint::parse(&version_1()).expect("version 1 is read");
        assert!(old.employees.iter().all(|e| e.name.is_none()));
        let changes = compare(&old, &changed());
        assert!(changes.employees_renamed.is_empty(), "no names to compare");
        assert_eq!(changes.scores_changed, ["E2"]);
        let text = old.to_json();
        assert!(text.contains("\"names\": false"), "{text}");
        let again = Fingerprint::parse(&text).expect("written again");
        assert_eq!(again, Fingerprint { version: 3, ..old });
    }

    #[test]
    fn a_damaged_version_2_fingerprint_is_refused_with_the_reason() {
        for (from, to, why) in [
            (
                "\"dd0a4ff41b233f31\"",
                "\"dd0a4ff4\"",
                "\"E1\"'s ratings hash \"dd0a4ff4\" is not 16 hex digits",
            ),
            (
                "\"83ccfb184d249e1b\"",
                "\"+3ccfb184d249e1b\"",
                "name hash \"+3ccfb184d249e1b\"",
            ),
            (
                "[\"E3\",1,",
                "[\"E3\",2,",
                "\"E3\" names department index 2 (counted from 0), but only 2 are listed",
            ),
            (",\"9764b4cbf9aacf71\"", "", "\"E3\" has no name hash"),
            (
                "\"employees\": [",
                "\"employees\": {\"count\": 0, \"ids\": [], \"shared\": \"\", \"records\": \"\"}, \"x\": [",
                "packed, not a list",
            ),
        ] {
            assert!(VERSION_2.contains(from), "{from}");
            let err = Fingerprint::parse(&VERSION_2.replacen(from, to, 1)).expect_err(to);
            assert!(err.contains(why), "{to}: {err}");
        }
    }

    #[test]
    fn strings_are_written_as_json_reads_them() {
        for s in [
            "",
            "plain",
            "a\"b\\c",
            "\n\r\t\u{0}\u{1f}\u{7f}",
            "\u{202e}é漢😀",
        ] {
            let mut out = String::new();
            string(&mut out, s);
            assert_eq!(
                serde_json::from_str::<String>(&out).ok().as_deref(),
                Some(s)
            );
            assert_eq!(
                out,
                serde_json::to_string(s).unwrap_or_default(),
                "as serde_json"
            );
        }
    }
}
