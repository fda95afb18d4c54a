//! What changed in the input, in plain sentences for the committee.

use super::compare::{InputChanges, Moved};

impl InputChanges {
    pub fn is_empty(&self) -> bool {
        self.lines(0).is_empty()
    }

    /// One plain sentence per kind of change, naming at most `first` ids each.
    pub fn lines(&self, first: usize) -> Vec<String> {
        fn ids<'a>(items: impl ExactSizeIterator<Item = String> + 'a, first: usize) -> String {
            let n = items.len();
            let mut shown: Vec<String> = items.take(first).collect();
            if n > first {
                shown.push(format!("… and {} more", n - first));
            }
            shown.join(", ")
        }
        fn count(n: usize, one: &str, many: &str) -> String {
            format!("{n} {}", if n == 1 { one } else { many })
        }
        let mut lines = Vec::new();
        let mut say = |n: usize, what: String, list: String| {
            if n > 0 {
                lines.push(format!("{what}: {list}"));
            }
        };
        let plain = |v: &[String]| ids(v.iter().cloned(), first);
        let moved = |v: &[Moved]| {
            ids(
                v.iter()
                    .map(|m| format!("{} ({} → {})", m.id, m.before, m.now)),
                first,
            )
        };
        let e = &self.employees_added;
        say(
            e.len(),
            count(e.len(), "employee added", "employees added"),
            plain(e),
        );
        let e = &self.employees_removed;
        say(
            e.len(),
            count(e.len(), "employee removed", "employees removed"),
            plain(e),
        );
        let e = &self.scores_changed;
        say(
            e.len(),
            count(
                e.len(),
                "employee's ratings changed (rater, score or weight)",
                "employees' ratings changed (rater, score or weight)",
            ),
            plain(e),
        );
        let e = &self.employees_renamed;
        say(
            e.len(),
            count(
                e.len(),
                "employee has another name than when the session began (another person under the same id?)",
                "employees have another name than when the session began (other people under the same ids?)",
            ),
            plain(e),
        );
        let e = &self.employees_moved;
        say(
            e.len(),
            count(
                e.len(),
                "employee moved department",
                "employees moved department",
            ),
            moved(e),
        );
        let r = &self.raters_added;
        say(
            r.len(),
            count(r.len(), "rater added", "raters added"),
            plain(r),
        );
        let r = &self.raters_removed;
        say(
            r.len(),
            count(r.len(), "rater removed", "raters removed"),
            plain(r),
        );
        let r = &self.raters_changed;
        say(
            r.len(),
            count(
                r.len(),
                "rater with new or changed ratings",
                "raters with new or changed ratings",
            ),
            ids(
                r.iter().map(|c| {
                    if c.before == c.now {
                        format!("{} ({} ratings, changed)", c.id, c.now)
                    } else {
                        format!("{} ({} → {} ratings)", c.id, c.before, c.now)
                    }
                }),
                first,
            ),
        );
        let d = &self.departments_added;
        say(
            d.len(),
            count(d.len(), "department added", "departments added"),
            plain(d),
        );
        let d = &self.departments_removed;
        say(
            d.len(),
            count(d.len(), "department removed", "departments removed"),
            plain(d),
        );
        let d = &self.departments_regraded;
        say(
            d.len(),
            count(
                d.len(),
                "department regraded in org.json",
                "departments regraded in org.json",
            ),
            moved(d),
        );
        let d = &self.departments_repooled;
        say(
            d.len(),
            count(
                d.len(),
                "department changed pool",
                "departments changed pool",
            ),
            moved(d),
        );
        if self.policy_changed {
            lines.push("policy.json changed (grades, quotas or score range)".to_string());
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_name_the_first_few_and_count_the_rest() {
        let changes = InputChanges {
            employees_added: (0..25).map(|i| format!("E{i}")).collect(),
            ..InputChanges::default()
        };
        let lines = changes.lines(3);
        assert_eq!(lines, vec!["25 employees added: E0, E1, E2, … and 22 more"]);
    }
}
