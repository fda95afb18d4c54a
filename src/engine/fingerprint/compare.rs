//! What changed between the fingerprint a session began on and the input now,
//! found by walking the id-sorted lists of both in one pass.

use std::cmp::Ordering;

use super::Fingerprint;

/// A rater whose ratings differ: id, ratings before and now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaterChange {
    pub id: String,
    pub before: usize,
    pub now: usize,
}

/// Something that moved from one value to another: id, before, now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub id: String,
    pub before: String,
    pub now: String,
}

/// What differs between the input a session began on and the input now.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InputChanges {
    pub employees_added: Vec<String>,
    pub employees_removed: Vec<String>,
    /// Employees whose ratings (rater, score or weight) differ.
    pub scores_changed: Vec<String>,
    /// Employees now in another department.
    pub employees_moved: Vec<Moved>,
    /// Employees whose name differs (the same id now names someone else,
    /// or two people's names were swapped).
    pub employees_renamed: Vec<String>,
    pub raters_added: Vec<String>,
    pub raters_removed: Vec<String>,
    /// Raters with new, removed or changed ratings (or a new name).
    pub raters_changed: Vec<RaterChange>,
    pub departments_added: Vec<String>,
    pub departments_removed: Vec<String>,
    /// Departments whose grade in org.json differs.
    pub departments_regraded: Vec<Moved>,
    /// Departments now in another pool (or in none).
    pub departments_repooled: Vec<Moved>,
    /// policy.json's grades, quotas or score range differ.
    pub policy_changed: bool,
    /// When the fingerprint compared against was taken.
    pub since: String,
}

/// Walks two id-sorted lists of `old` and `new` items together by
/// position: `only_old`, `only_new`, and `both`.
fn merge<'a>(
    (old, id_old): (usize, impl Fn(usize) -> &'a str),
    (new, id_new): (usize, impl Fn(usize) -> &'a str),
    mut only_old: impl FnMut(usize),
    mut only_new: impl FnMut(usize),
    mut both: impl FnMut(usize, usize),
) {
    let (mut i, mut j) = (0, 0);
    while i < old || j < new {
        let order = match (i < old, j < new) {
            (true, true) => id_old(i).cmp(id_new(j)),
            (true, false) => Ordering::Less,
            _ => Ordering::Greater,
        };
        match order {
            Ordering::Less => {
                only_old(i);
                i += 1;
            }
            Ordering::Greater => {
                only_new(j);
                j += 1;
            }
            Ordering::Equal => {
                both(i, j);
                i += 1;
                j += 1;
            }
        }
    }
}

/// What changed from `old` (taken when the session began) to `new`.
pub fn compare(old: &Fingerprint, new: &Fingerprint) -> InputChanges {
    let mut c = InputChanges {
        policy_changed: old.policy != new.policy,
        since: old.taken_at.clone(),
        ..InputChanges::default()
    };
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    let mut moved = Vec::new();
    let mut renamed = Vec::new();
    let (a, b) = (&old.employees, &new.employees);
    merge(
        (a.len(), |i| a.id(i)),
        (b.len(), |j| b.id(j)),
        |i| removed.push(a.id(i).to_string()),
        |j| added.push(b.id(j).to_string()),
        |i, j| {
            let (Some(a), Some(b)) = (a.get(i), b.get(j)) else {
                return;
            };
            if a.ratings != b.ratings {
                changed.push(a.id.to_string());
            }
            if let (Some(before), Some(now)) = (a.name, b.name)
                && before != now
            {
                renamed.push(a.id.to_string());
            }
            let (before, now) = (
                old.department_id(a.department),
                new.department_id(b.department),
            );
            if before != now {
                moved.push(Moved {
                    id: a.id.to_string(),
                    before: before.to_string(),
                    now: now.to_string(),
                });
            }
        },
    );
    (
        c.employees_added,
        c.employees_removed,
        c.scores_changed,
        c.employees_moved,
    ) = (added, removed, changed, moved);
    c.employees_renamed = renamed;

    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    let (a, b) = (&old.raters, &new.raters);
    merge(
        (a.len(), |i| &a[i].0),
        (b.len(), |j| &b[j].0),
        |i| removed.push(a[i].0.clone()),
        |j| added.push(b[j].0.clone()),
        |i, j| {
            let (a, b) = (&a[i], &b[j]);
            if a.1 != b.1 || a.2 != b.2 {
                changed.push(RaterChange {
                    id: a.0.clone(),
                    before: a.1,
                    now: b.1,
                });
            }
        },
    );
    (c.raters_added, c.raters_removed, c.raters_changed) = (added, removed, changed);

    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut regraded = Vec::new();
    let mut repooled = Vec::new();
    let (a, b) = (&old.departments, &new.departments);
    merge(
        (a.len(), |i| &a[i].0),
        (b.len(), |j| &b[j].0),
        |i| removed.push(a[i].0.clone()),
        |j| added.push(b[j].0.clone()),
        |i, j| {
            let (a, b) = (&a[i], &b[j]);
            if a.1 != b.1 {
                regraded.push(Moved {
                    id: a.0.clone(),
                    before: a.1.clone(),
                    now: b.1.clone(),
                });
            }
            if a.2 != b.2 {
                let pool = |p: &Option<String>| p.clone().unwrap_or_else(|| "no pool".into());
                repooled.push(Moved {
                    id: a.0.clone(),
                    before: pool(&a.2),
                    now: pool(&b.2),
                });
            }
        },
    );
    (
        c.departments_added,
        c.departments_removed,
        c.departments_regraded,
        c.departments_repooled,
    ) = (added, removed, regraded, repooled);
    c
}

impl Fingerprint {
    fn department_id(&self, d: usize) -> &str {
        self.departments.get(d).map_or("?", |p| p.0.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{ORG, RATINGS, input};
    use super::*;

    #[test]
    fn every_kind_of_change_is_named() {
        let old = Fingerprint::of(&input(ORG, RATINGS), "x", "t0");
        let org = r#"{"departments":[{"id":"D1","name":"d","grade":"Y"},{"id":"D3","name":"e","grade":"Y","pool":"P"}],
          "employees":[{"id":"E1","name":"renamed","department":"D3"},{"id":"E2","name":"b","department":"D1"},
                       {"id":"E4","name":"c","department":"D3"}]}"#;
        let ratings = "rater_id,rater_name,employee_id,score\nM1,m,E1,80\nM1,m,E2,71\nM3,o,E4,60\nM1,m,E4,50\n";
        let changes = compare(&old, &Fingerprint::of(&input(org, ratings), "x", "t1"));
        assert_eq!(changes.employees_added, vec!["E4"]);
        assert_eq!(changes.employees_removed, vec!["E3"]);
        assert_eq!(changes.scores_changed, vec!["E2"]);
        assert_eq!(changes.employees_moved[0].id, "E1");
        assert_eq!(changes.raters_added, vec!["M3"]);
        assert_eq!(changes.raters_removed, vec!["M2"]);
        assert_eq!(
            changes.raters_changed,
            vec![RaterChange {
                id: "M1".into(),
                before: 2,
                now: 3
            }]
        );
        assert_eq!(changes.departments_added, vec!["D3"]);
        assert_eq!(changes.departments_removed, vec!["D2"]);
        assert_eq!(changes.departments_regraded[0].now, "Y");
        assert!(!changes.policy_changed);
        let text = changes.lines(10).join("\n");
        for expected in [
            "1 employee added: E4",
            "1 employee removed: E3",
            "E2",
            "E1 (D1 → D3)",
            "1 rater added: M3",
            "M1 (2 → 3 ratings)",
            "D1 (X → Y)",
        ] {
            assert!(text.contains(expected), "{expected:?} in\n{text}");
        }
    }
}
