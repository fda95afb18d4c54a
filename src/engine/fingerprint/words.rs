//! What changed in the input, in plain sentences for the committee.

use super::compare::{InputChanges, Moved};
use crate::i18n::{Lang, Load, fill, plural, t};

impl InputChanges {
    pub fn is_empty(&self) -> bool {
        self.lines(0).is_empty()
    }

    /// One plain sentence per kind of change, naming at most `first` ids
    /// each, in English.
    pub fn lines(&self, first: usize) -> Vec<String> {
        self.lines_in(Lang::En, first)
    }

    /// [`InputChanges::lines`] in `lang`.
    pub fn lines_in(&self, lang: Lang, first: usize) -> Vec<String> {
        let ids = |items: Vec<String>| {
            let n = items.len();
            let mut shown: Vec<String> = items.into_iter().take(first).collect();
            if n > first {
                let more = (n - first).to_string();
                shown.push(fill(lang, Load::ChangeMore, &[("n", &more)]));
            }
            shown.join(if lang == Lang::En { ", " } else { "、" })
        };
        let plain = |v: &[String]| ids(v.to_vec());
        let moved = |v: &[Moved]| {
            ids(v
                .iter()
                .map(|m| {
                    fill(
                        lang,
                        Load::ChangeMoved,
                        &[("id", &m.id), ("before", &m.before), ("now", &m.now)],
                    )
                })
                .collect())
        };
        let raters = ids(self
            .raters_changed
            .iter()
            .map(|c| {
                let (before, now) = (c.before.to_string(), c.now.to_string());
                if c.before == c.now {
                    fill(lang, Load::ChangeRaterSame, &[("id", &c.id), ("n", &now)])
                } else {
                    fill(
                        lang,
                        Load::ChangeRaterCount,
                        &[("id", &c.id), ("before", &before), ("now", &now)],
                    )
                }
            })
            .collect());
        let kinds = [
            (
                self.employees_added.len(),
                [Load::EmployeesAddedOne, Load::EmployeesAddedMany],
                plain(&self.employees_added),
            ),
            (
                self.employees_removed.len(),
                [Load::EmployeesRemovedOne, Load::EmployeesRemovedMany],
                plain(&self.employees_removed),
            ),
            (
                self.scores_changed.len(),
                [Load::ScoresChangedOne, Load::ScoresChangedMany],
                plain(&self.scores_changed),
            ),
            (
                self.employees_renamed.len(),
                [Load::RenamedOne, Load::RenamedMany],
                plain(&self.employees_renamed),
            ),
            (
                self.employees_moved.len(),
                [Load::MovedDepartmentOne, Load::MovedDepartmentMany],
                moved(&self.employees_moved),
            ),
            (
                self.raters_added.len(),
                [Load::RatersAddedOne, Load::RatersAddedMany],
                plain(&self.raters_added),
            ),
            (
                self.raters_removed.len(),
                [Load::RatersRemovedOne, Load::RatersRemovedMany],
                plain(&self.raters_removed),
            ),
            (
                self.raters_changed.len(),
                [Load::RatersChangedOne, Load::RatersChangedMany],
                raters,
            ),
            (
                self.departments_added.len(),
                [Load::DepartmentsAddedOne, Load::DepartmentsAddedMany],
                plain(&self.departments_added),
            ),
            (
                self.departments_removed.len(),
                [Load::DepartmentsRemovedOne, Load::DepartmentsRemovedMany],
                plain(&self.departments_removed),
            ),
            (
                self.departments_regraded.len(),
                [Load::RegradedOne, Load::RegradedMany],
                moved(&self.departments_regraded),
            ),
            (
                self.departments_repooled.len(),
                [Load::RepooledOne, Load::RepooledMany],
                moved(&self.departments_repooled),
            ),
        ];
        let mut lines: Vec<String> = kinds
            .into_iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, [one, many], list)| {
                let what = plural(lang, n, one, many);
                fill(lang, Load::ChangeLine, &[("what", &what), ("list", &list)])
            })
            .collect();
        if self.policy_changed {
            lines.push(t(lang, Load::PolicyChanged).to_string());
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
        assert_eq!(
            changes.lines_in(Lang::ZhHant, 3),
            vec!["新增 25 位員工：E0、E1、E2、…另有 22 個"]
        );
    }
}
