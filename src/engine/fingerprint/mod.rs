//! A fingerprint of an input folder, kept beside a session so that opening it
//! later can say plainly what changed underneath the committee's decisions.
//!
//! Per employee: the id, the department, a 32-bit hash of their ratings
//! (rater, score, weight) and a 32-bit hash of their name, so that a
//! decision about a person whose name changed (two people's names swapped,
//! an id reused for a new hire) is confirmed before it applies; per rater:
//! the id, the number of ratings and a hash of their name and ratings; per
//! department: id, grade and pool; and a hash of the policy. Lists are
//! sorted by id (byte order), so two fingerprints compare in one pass.

mod compare;
mod file;
mod packed;
mod take;
mod words;

pub use compare::{InputChanges, Moved, RaterChange, compare};
pub use file::FINGERPRINT_VERSION;

/// One employee as a fingerprint keeps them: id, index into
/// [`Fingerprint::departments`], ratings hash, and name hash (`None` in a
/// version 1 fingerprint, which did not keep it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmployeePrint<'a> {
    pub id: &'a str,
    pub department: usize,
    pub ratings: u32,
    pub name: Option<u32>,
}

/// What is kept per employee besides the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Record {
    department: u32,
    ratings: u32,
    name: u32,
}

/// The employees of a fingerprint, sorted by id (byte order): their ids in
/// one string and a record each, a million of them in about 30 MB.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Employees {
    /// Every id, one after the other.
    ids: String,
    /// Where each id ends in `ids`.
    ends: Vec<usize>,
    records: Vec<Record>,
    /// Whether the name hashes are known (not in a version 1 fingerprint).
    named: bool,
}

impl Employees {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The id of the `i`th employee in id order ("" past the end).
    pub fn id(&self, i: usize) -> &str {
        let start = match i {
            0 => 0,
            i => self.ends.get(i - 1).copied().unwrap_or(0),
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.ids.get(start..end).unwrap_or("")
    }

    pub fn get(&self, i: usize) -> Option<EmployeePrint<'_>> {
        Some(self.print(i, self.records.get(i)?))
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = EmployeePrint<'_>> {
        self.records
            .iter()
            .enumerate()
            .map(|(i, record)| self.print(i, record))
    }

    fn print(&self, i: usize, record: &Record) -> EmployeePrint<'_> {
        EmployeePrint {
            id: self.id(i),
            department: record.department as usize,
            ratings: record.ratings,
            name: self.named.then_some(record.name),
        }
    }
}

/// One rater: id, number of ratings, hash of name and ratings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct RaterPrint(pub String, pub usize, pub String);

/// One department: id, department grade, pool.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct DepartmentPrint(pub String, pub String, pub Option<String>);

/// The fingerprint of one input folder at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// The version of the file it was read from ([`FINGERPRINT_VERSION`]
    /// when taken now).
    pub version: u64,
    pub kind: String,
    /// When it was taken (RFC 3339).
    pub taken_at: String,
    /// The input as it was shown (folder path or `<demo>`).
    pub input: String,
    pub policy: String,
    pub ratings: usize,
    pub departments: Vec<DepartmentPrint>,
    pub raters: Vec<RaterPrint>,
    pub employees: Employees,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::load;
    use crate::engine::load::InputFiles;
    use crate::engine::model::Input;
    use crate::engine::source::SourceFile;

    const POLICY: &str = r#"{"cycle":"t","score":{"min":0,"max":100,"decimals":2},
      "grades":[{"id":"A"},{"id":"B"}],"department_grades":["X","Y"],
      "quotas":{"X":{"A":0.5,"B":0.5},"Y":{"A":0.25,"B":0.75}}}"#;

    pub(super) fn input(org: &str, ratings: &str) -> Input {
        let files = InputFiles {
            policy: Some(SourceFile::new("policy.json", POLICY)),
            org: Some(SourceFile::new("org.json", org)),
            submissions: vec![SourceFile::new("s.csv", ratings)],
            ..InputFiles::default()
        };
        load::load(files).expect("valid").input
    }

    pub(super) const ORG: &str = r#"{"departments":[{"id":"D1","name":"d","grade":"X"},{"id":"D2","name":"e","grade":"Y"}],
      "employees":[{"id":"E1","name":"a","department":"D1"},{"id":"E2","name":"b","department":"D1"},
                   {"id":"E3","name":"c","department":"D2"}]}"#;
    pub(super) const RATINGS: &str =
        "rater_id,rater_name,employee_id,score\nM1,m,E1,80\nM1,m,E2,70\nM2,n,E3,60\n";

    #[test]
    fn employees_are_read_back_by_position() {
        let print = Fingerprint::of(&input(ORG, RATINGS), "x", "t0");
        let ids: Vec<&str> = print.employees.iter().map(|e| e.id).collect();
        assert_eq!(ids, ["E1", "E2", "E3"]);
        assert_eq!(print.employees.get(2).map(|e| e.department), Some(1));
        assert!(print.employees.get(3).is_none());
        assert_eq!(print.employees.id(3), "");
    }
}
