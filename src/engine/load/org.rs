//! org.json: departments (with their grades and pools) and employees.

mod fast;

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::engine::diagnostic::{Diagnostics, Said};
use crate::engine::model::{Attributes, Department, Employee, Group, IdIndex, Vocabulary};
use crate::engine::source::{At, Dec, Entries, Positions, SourceFile};
use crate::i18n::Load;

#[derive(Deserialize)]
struct OrgDoc<'a> {
    #[serde(borrow)]
    departments: Vec<&'a RawValue>,
    #[serde(borrow)]
    employees: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct DepartmentDoc {
    id: At<String>,
    name: Option<String>,
    grade: At<String>,
    pool: Option<At<String>>,
}

/// The id of a record that could not be read in full, so that references to
/// it add no "unknown id" error on top of the real one.
#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

#[derive(Deserialize)]
struct EmployeeDoc {
    id: At<String>,
    name: String,
    department: At<String>,
    attributes: Option<Entries<At<String>>>,
    bonus_base: Option<At<Dec>>,
    /// A rater id (contract 6.10).
    manager: Option<At<String>>,
}

/// Departments, groups and employees of a valid org.json.
pub(super) struct Org {
    pub departments: Vec<Department>,
    pub groups: Vec<Group>,
    pub employees: Vec<Employee>,
    /// The employees by id (handed on to the input, not built twice).
    pub employee_index: IdIndex,
    pub vocabulary: Vocabulary,
    /// Each employee's attributes, as words of `vocabulary`.
    pub attributes: Attributes,
    /// The managers' ids, in order of first mention.
    pub managers: Vocabulary,
}

/// The employee ids that ratings are checked against: the valid org's, or,
/// when org.json has errors elsewhere, every id that could be read.
pub(super) enum OrgIds {
    Valid,
    Partial { ids: Vec<String>, index: IdIndex },
}

impl OrgIds {
    /// The employee with this id; `org` is the valid org, if any.
    pub fn find(&self, id: &str, org: Option<&Org>) -> Option<usize> {
        match (self, org) {
            (OrgIds::Valid, Some(org)) => org.employee_index.find(id, |i| &org.employees[i].id),
            (OrgIds::Partial { ids, index }, _) => index.find(id, |i| &ids[i]),
            (OrgIds::Valid, None) => None,
        }
    }
}

/// Parses org.json against the policy's department grades (when policy.json
/// could be read). Returns the employee ids whenever the file could be read
/// (so that ratings can still be checked), and the org only if it is valid.
///
/// A valid file is read once ([`fast`]); any other is read record by record,
/// so that every error is found and named at its line.
pub(super) fn parse(
    file: &SourceFile,
    department_grades: Option<&[String]>,
    sink: &mut Diagnostics,
) -> (Option<OrgIds>, Option<Org>) {
    if let Some(grades) = department_grades
        && let Some(org) = fast::parse(&file.text, grades)
    {
        return (Some(OrgIds::Valid), Some(org));
    }
    record_by_record(file, department_grades, sink)
}

/// [`parse`] reading each record on its own, every value with its address.
fn record_by_record(
    file: &SourceFile,
    department_grades: Option<&[String]>,
    sink: &mut Diagnostics,
) -> (Option<OrgIds>, Option<Org>) {
    let pos = Positions::new(file);
    let doc: OrgDoc = match pos.parse_object() {
        Ok(doc) => doc,
        Err(diagnostic) => {
            sink.push(diagnostic);
            return (None, None);
        }
    };
    let errors_before = sink.error_count();

    let mut departments = Vec::with_capacity(doc.departments.len());
    let mut department_addrs = Vec::with_capacity(doc.departments.len());
    let mut unread_departments = Vec::new();
    for raw in &doc.departments {
        let d: DepartmentDoc = match pos.parse_raw_object(raw) {
            Ok(d) => d,
            Err(diagnostic) => {
                sink.push(diagnostic);
                if let Ok(IdOnly { id }) = pos.parse_raw_object(raw) {
                    unread_departments.push(id);
                }
                continue;
            }
        };
        let line = pos.line_of_slice(raw.get());
        if d.id.value.trim().is_empty() {
            sink.error(pos.at_addr(d.id.addr), Load::DepartmentIdBlank);
        }
        let grade = match department_grades {
            Some(grades) => match grades.iter().position(|g| *g == d.grade.value) {
                Some(grade) => grade,
                None => {
                    sink.error(
                        pos.at_addr(d.grade.addr),
                        Said::new(
                            Load::DepartmentGradeUnknown,
                            &[
                                ("id", &d.id.value),
                                ("grade", &d.grade.value),
                                ("grades", &grades.join(", ")),
                            ],
                        ),
                    );
                    0
                }
            },
            None => 0,
        };
        if let Some(pool) = &d.pool
            && pool.value.trim().is_empty()
        {
            sink.error(pos.at_addr(pool.addr), Load::PoolBlank);
        }
        department_addrs.push((d.id.addr, d.pool.as_ref().map(|p| p.addr)));
        departments.push(Department {
            name: d.name.unwrap_or_else(|| d.id.value.clone()),
            id: d.id.value,
            grade,
            pool: d.pool.map(|p| p.value),
            group: 0,
            line,
        });
    }
    let department_index = IdIndex::new(|i| &departments[i].id, departments.len());
    for &(first, later) in department_index.duplicates() {
        sink.error(
            pos.at_addr(department_addrs[later].0),
            Said::new(
                Load::DepartmentTwice,
                &[
                    ("id", &departments[later].id),
                    ("line", &departments[first].line),
                ],
            ),
        );
    }

    let mut employees = Vec::with_capacity(doc.employees.len());
    let mut employee_addrs = Vec::with_capacity(doc.employees.len());
    let mut unread_employees = Vec::new();
    let mut vocabulary = Vocabulary::default();
    let mut attribute_words = Attributes::default();
    let mut managers = Vocabulary::default();
    for raw in &doc.employees {
        let e: EmployeeDoc = match pos.parse_raw_object(raw) {
            Ok(e) => e,
            Err(diagnostic) => {
                sink.push(diagnostic);
                if let Ok(IdOnly { id }) = pos.parse_raw_object(raw) {
                    unread_employees.push(id);
                }
                continue;
            }
        };
        let line = pos.line_of_slice(raw.get());
        if e.id.value.trim().is_empty() {
            sink.error(pos.at_addr(e.id.addr), Load::EmployeeIdBlank);
        }
        let department = match department_index.find(&e.department.value, |i| &departments[i].id) {
            Some(d) => d,
            None => {
                if !unread_departments.contains(&e.department.value) {
                    sink.error(
                        pos.at_addr(e.department.addr),
                        Said::new(
                            Load::EmployeeDepartmentUnknown,
                            &[("id", &e.id.value), ("department", &e.department.value)],
                        ),
                    );
                }
                0
            }
        };
        let attributes = e.attributes.unwrap_or(Entries(Vec::new()));
        for (key, value) in attributes.repeated() {
            sink.error(
                pos.at_addr(value.addr),
                Said::new(Load::AttributeTwice, &[("id", &e.id.value), ("key", key)]),
            );
        }
        let bonus_base = match &e.bonus_base {
            Some(base) if base.value.0 < Decimal::ZERO => {
                sink.error(
                    pos.at_addr(base.addr),
                    Said::new(
                        Load::BonusBaseNegative,
                        &[("id", &e.id.value), ("value", &base.value.0)],
                    ),
                );
                Decimal::ONE
            }
            Some(base) => base.value.0,
            None => Decimal::ONE,
        };
        if let Some(manager) = &e.manager
            && manager.value.trim().is_empty()
        {
            sink.error(
                pos.at_addr(manager.addr),
                Said::new(Load::ManagerBlank, &[("id", &e.id.value)]),
            );
        }
        let manager = e.manager.map(|m| managers.intern(&m.value));
        employee_addrs.push(e.id.addr);
        attribute_words.push(
            attributes
                .0
                .iter()
                .map(|(key, value)| (vocabulary.intern(key), vocabulary.intern(&value.value))),
        );
        employees.push(Employee {
            id: e.id.value.into(),
            name: e.name.into(),
            department,
            bonus_base,
            manager,
            line,
        });
    }
    let index = IdIndex::new(|i| &employees[i].id, employees.len());
    for &(first, later) in index.duplicates() {
        sink.error(
            pos.at_addr(employee_addrs[later]),
            Said::new(
                Load::EmployeeTwice,
                &[
                    ("id", &employees[later].id),
                    ("line", &employees[first].line),
                ],
            ),
        );
    }
    let (groups, clashes) = build_groups(&mut departments, &employees);
    for (d, other) in clashes {
        let department = &departments[d];
        sink.error(
            pos.at_addr(department_addrs[d].1.unwrap_or(department_addrs[d].0)),
            Said::new(
                Load::PoolClash,
                &[
                    ("pool", &department.pool.as_deref().unwrap_or_default()),
                    ("department", &department.id),
                    ("other", &departments[other].id),
                    ("line", &departments[other].line),
                ],
            ),
        );
    }
    if sink.error_count() > errors_before
        || department_grades.is_none()
        || !unread_employees.is_empty()
    {
        // Only ratings look these up, and the org is invalid already: the
        // ids that could be read, including those of unreadable records.
        let mut ids: Vec<String> = employees.into_iter().map(|e| e.id.into()).collect();
        ids.extend(unread_employees);
        let index = IdIndex::new(|i| &ids[i], ids.len());
        return (Some(OrgIds::Partial { ids, index }), None);
    }
    (
        Some(OrgIds::Valid),
        Some(Org {
            departments,
            groups,
            employees,
            employee_index: index,
            vocabulary,
            attributes: attribute_words,
            managers,
        }),
    )
}

/// One group per pool id, one per lone department, in order of first
/// appearance, and the clashes `(department, other)` where a pool id is
/// another department's own id: two different groups would then share a
/// name in the export.
pub(super) fn build_groups(
    departments: &mut [Department],
    employees: &[Employee],
) -> (Vec<Group>, Vec<(usize, usize)>) {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (d, department) in departments.iter_mut().enumerate() {
        let key = department
            .pool
            .clone()
            .unwrap_or_else(|| department.id.clone());
        let group = *by_id.entry(key.clone()).or_insert_with(|| {
            groups.push(Group {
                id: key,
                departments: Vec::new(),
                employees: Vec::new(),
            });
            groups.len() - 1
        });
        groups[group].departments.push(d);
        department.group = group;
    }
    let by_department_id = IdIndex::new(|i| &departments[i].id, departments.len());
    let mut clashes = Vec::new();
    for (d, department) in departments.iter().enumerate() {
        if let Some(pool) = &department.pool
            && let Some(other) = by_department_id
                .find(pool, |i| &departments[i].id)
                .filter(|&o| departments[o].pool.as_deref() != Some(pool.as_str()))
        {
            clashes.push((d, other));
        }
    }
    for (e, employee) in employees.iter().enumerate() {
        if let Some(department) = departments.get(employee.department) {
            groups[department.group].employees.push(e);
        }
    }
    (groups, clashes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_or_attribute_given_twice_is_an_error_at_its_line() {
        let org = r#"{
  "departments": [ { "id": "D1", "grade": "A" } ],
  "employees": [
    { "id": "E1", "name": "One", "department": "D1",
      "name": "Uno" },
    { "id": "E2", "name": "Two", "department": "D1",
      "attributes": { "gender": "F", "tenure": "1y",
                      "gender": "M" } },
    { "id": "E3", "name": "Three", "department": "D1", "attributes": { "b": "1", "a": "2" } }
  ]
}"#;
        let grades = ["A".to_string()];
        let mut sink = Diagnostics::default();
        let (_, parsed) = parse(&SourceFile::new("org.json", org), Some(&grades), &mut sink);
        assert!(parsed.is_none());
        let errors: Vec<_> = sink
            .errors()
            .map(|d| (d.location.as_ref().and_then(|l| l.line), d.message.as_str()))
            .collect();
        assert_eq!(
            errors,
            vec![
                (Some(5), "field \"name\" is given twice"),
                (
                    Some(8),
                    "employee \"E2\" has attribute \"gender\" twice: keep one"
                ),
            ]
        );

        let mut sink = Diagnostics::default();
        let org = org
            .replace("\"name\": \"Uno\"", "\"x\": 1")
            .replace("\"gender\": \"M\"", "\"y\": \"M\"");
        let (_, parsed) = parse(&SourceFile::new("org.json", org), Some(&grades), &mut sink);
        let org = parsed.expect("valid once the repeats are gone");
        // Attributes keep their file order.
        let words: Vec<(&str, &str)> = org
            .attributes
            .of(2)
            .iter()
            .map(|&(k, v)| (org.vocabulary.word(k), org.vocabulary.word(v)))
            .collect();
        assert_eq!(words, vec![("b", "1"), ("a", "2")]);
    }
}
