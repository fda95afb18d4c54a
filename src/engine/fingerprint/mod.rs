//! A fingerprint of an input folder, kept beside a session so that opening it
//! later can say plainly what changed underneath the committee's decisions.
//!
//! Per employee: the id, the department and a 64-bit hash of their ratings
//! (rater, score, weight); per rater: the id, the number of ratings and a
//! hash of their name and ratings; per department: id, grade and pool; and a
//! hash of the policy; and per employee a hash of their name, so that a
//! decision about a person whose name changed (two people's names swapped,
//! an id reused for a new hire) is confirmed before it applies. Lists are
//! sorted by id (byte order), so two fingerprints compare in one pass.

mod compare;
mod file;
mod words;

use serde::Deserialize;

use super::model::Input;

pub use compare::{InputChanges, Moved, RaterChange, compare};
pub use file::FINGERPRINT_VERSION;
use file::KIND;

/// One employee: id, index into [`Fingerprint::departments`], ratings
/// hash, and a hash of their name (`None` in a version 1 fingerprint, which
/// did not keep it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeePrint(pub String, pub usize, pub String, pub Option<String>);

impl<'de> Deserialize<'de> for EmployeePrint {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Row {
            Named(String, usize, String, String),
            Unnamed(String, usize, String),
        }
        Ok(match Row::deserialize(d)? {
            Row::Named(id, department, ratings, name) => {
                EmployeePrint(id, department, ratings, Some(name))
            }
            Row::Unnamed(id, department, ratings) => EmployeePrint(id, department, ratings, None),
        })
    }
}

/// One rater: id, number of ratings, hash of name and ratings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RaterPrint(pub String, pub usize, pub String);

/// One department: id, department grade, pool.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DepartmentPrint(pub String, pub String, pub Option<String>);

/// The fingerprint of one input folder at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Fingerprint {
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
    pub employees: Vec<EmployeePrint>,
}

/// FNV-1a over fields separated by a unit separator, finished with a
/// splitmix64 mix so that similar inputs do not give similar hashes. The same
/// bytes give the same hash on every machine and every build.
struct Hash64(u64);

impl Hash64 {
    fn new() -> Self {
        Hash64(0xcbf2_9ce4_8422_2325)
    }

    fn field(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes.iter().chain(&[0x1f]) {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    fn hex(&self) -> String {
        let mut z = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        format!("{:016x}", z ^ (z >> 31))
    }
}

/// A decimal written the same way however the file spelled it (80, 80.0, "80.00").
fn canonical(x: rust_decimal::Decimal) -> String {
    x.normalize().to_string()
}

/// The same value always gives the same bytes (`80` and `80.00` alike),
/// without formatting a string per rating.
fn canonical_bytes(x: rust_decimal::Decimal) -> [u8; 16] {
    x.normalize().serialize()
}

impl Fingerprint {
    /// Takes the fingerprint of a validated input.
    pub fn of(input: &Input, shown_as: &str, taken_at: &str) -> Fingerprint {
        let policy = &input.policy;
        let mut h = Hash64::new();
        h.field(canonical(policy.score.min).as_bytes())
            .field(canonical(policy.score.max).as_bytes())
            .field(&policy.score.decimals.to_le_bytes());
        for grade in &policy.grades {
            h.field(grade.id.as_bytes()).field(
                grade
                    .min_score
                    .map(canonical)
                    .unwrap_or_default()
                    .as_bytes(),
            );
        }
        for (row, grade) in policy.quotas.iter().zip(&policy.department_grades) {
            h.field(grade.as_bytes());
            for share in row {
                h.field(canonical(*share).as_bytes());
            }
        }

        let mut departments: Vec<DepartmentPrint> = input
            .departments
            .iter()
            .map(|d| {
                let grade = policy
                    .department_grades
                    .get(d.grade)
                    .cloned()
                    .unwrap_or_default();
                DepartmentPrint(d.id.clone(), grade, d.pool.clone())
            })
            .collect();
        departments.sort_by(|a, b| a.0.cmp(&b.0));

        let mut raters: Vec<RaterPrint> = input
            .raters
            .iter()
            .enumerate()
            .map(|(r, rater)| {
                let mut rows: Vec<(&str, [u8; 16], [u8; 16])> = input
                    .rater_ratings
                    .of(r)
                    .iter()
                    .map(|&i| {
                        let rating = &input.ratings[i];
                        (
                            input.employees[rating.employee].id.as_str(),
                            canonical_bytes(rating.score),
                            canonical_bytes(rating.weight),
                        )
                    })
                    .collect();
                rows.sort_unstable();
                let mut h = Hash64::new();
                h.field(rater.name.as_bytes());
                for (employee, score, weight) in &rows {
                    h.field(employee.as_bytes()).field(score).field(weight);
                }
                RaterPrint(rater.id.to_string(), rows.len(), h.hex())
            })
            .collect();
        raters.sort_by(|a, b| a.0.cmp(&b.0));

        let mut employees: Vec<EmployeePrint> = input
            .employees
            .iter()
            .enumerate()
            .map(|(e, employee)| {
                let mut rows: Vec<(&str, [u8; 16], [u8; 16])> = input
                    .employee_ratings
                    .of(e)
                    .iter()
                    .map(|&i| {
                        let rating = &input.ratings[i];
                        (
                            input.raters[rating.rater].id.as_str(),
                            canonical_bytes(rating.score),
                            canonical_bytes(rating.weight),
                        )
                    })
                    .collect();
                rows.sort_unstable();
                let mut h = Hash64::new();
                for (rater, score, weight) in &rows {
                    h.field(rater.as_bytes()).field(score).field(weight);
                }
                let department = &input.departments[employee.department].id;
                let d = departments
                    .binary_search_by(|p| p.0.as_str().cmp(department))
                    .unwrap_or(0);
                let mut name = Hash64::new();
                name.field(employee.name.as_bytes());
                EmployeePrint(employee.id.to_string(), d, h.hex(), Some(name.hex()))
            })
            .collect();
        employees.sort_by(|a, b| a.0.cmp(&b.0));

        Fingerprint {
            version: FINGERPRINT_VERSION,
            kind: KIND.to_string(),
            taken_at: taken_at.to_string(),
            input: shown_as.to_string(),
            policy: h.hex(),
            ratings: input.ratings.len(),
            departments,
            raters,
            employees,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::load;
    use crate::engine::load::InputFiles;
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
    fn the_same_input_spelled_differently_has_the_same_fingerprint() {
        let a = Fingerprint::of(&input(ORG, RATINGS), "x", "t0");
        let respelled =
            "employee_id,score,rater_name,rater_id\nE3,60.00,n,M2\nE2,70.0,m,M1\nE1,80,m,M1\n";
        let b = Fingerprint::of(&input(ORG, respelled), "x", "t1");
        assert!(compare(&a, &b).is_empty(), "{:?}", compare(&a, &b));
        let again = Fingerprint::parse(&a.to_json()).expect("round trip");
        assert_eq!(again, a);
    }
}
