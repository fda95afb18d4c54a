//! Warnings about a calibration (contract 4.7 and `check`): the input can be
//! calibrated, but the committee should look. `--strict` fails on three
//! kinds only (contract 6.1, see [`Warning::fails_strict`]); the others are
//! printed and are advice.
//!
//! [`list`] finds them as plain values (cheap enough to count after every
//! decision on a million people); [`describe`] words one for a person.

use super::bonus;
use super::calibrate::{Baseline, Flags, Results};
use super::decision::State;
use super::diagnostic::{Diagnostic, Location};
use super::managers;
use super::model::Input;
use crate::i18n::{Lang, Report, fill, t};

/// Raters with fewer ratings than this get a small-sample warning.
pub const SMALL_SAMPLE: usize = 5;

/// How many of a manager's missing people a warning names by id.
const FIRST_MISSING: usize = 10;

/// One warning, by index into the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warning {
    /// The employee has no rating.
    Unrated { employee: usize },
    /// The rater gave fewer than [`SMALL_SAMPLE`] ratings.
    SmallSample { rater: usize, n: usize },
    /// A better department grade allows a smaller share of the top grade.
    QuotaTable { better: usize, worse: usize },
    /// A pool whose departments hold different grades.
    MixedPool { group: usize },
    /// A grade whose final count differs from its auto-graded count.
    QuotaViolation { group: usize, grade: usize },
    /// Positions `start..end` of the group's ranking share a final score
    /// but not an auto grade.
    BoundaryTie {
        group: usize,
        start: usize,
        end: usize,
    },
    /// Two ids that look the same: equal after NFC normalization and the
    /// removal of invisible and bidi characters.
    LookAlike {
        kind: IdKind,
        first: usize,
        second: usize,
    },
    /// The policy has a bonus but every graded employee's share is 0
    /// (S = 0, contract 6.5): the pool is not allocated.
    BonusNotAllocated,
    /// A manager (a word of [`Input::managers`]) has not rated some of the
    /// people who name them (contract 6.10): one warning per manager.
    ManagerMissing { manager: u32 },
}

/// What kind of id a [`Warning::LookAlike`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Employee,
    Rater,
    Department,
}

impl IdKind {
    /// Ids of this kind, in words (`employee ids`).
    pub fn ids(self) -> Report {
        match self {
            IdKind::Employee => Report::IdsEmployee,
            IdKind::Rater => Report::IdsRater,
            IdKind::Department => Report::IdsDepartment,
        }
    }
}

impl Warning {
    /// Whether `export --strict` fails on this warning (contract 6.1): an
    /// unrated employee, a quota violation or a boundary tie leaves a grade
    /// missing or disputed. Small samples, an odd quota table and a mixed
    /// pool are advice about the input, and never change the exit code
    /// (nor do warnings met while loading, which are not `Warning`s).
    pub fn fails_strict(&self) -> bool {
        match self {
            Warning::Unrated { .. }
            | Warning::QuotaViolation { .. }
            | Warning::BoundaryTie { .. } => true,
            Warning::SmallSample { .. }
            | Warning::QuotaTable { .. }
            | Warning::MixedPool { .. }
            | Warning::LookAlike { .. }
            | Warning::BonusNotAllocated
            | Warning::ManagerMissing { .. } => false,
        }
    }
}

/// Every warning, in a stable order.
pub fn list(input: &Input, baseline: &Baseline, state: &State, results: &Results) -> Vec<Warning> {
    let mut out = Vec::new();
    for (e, result) in results.employees.iter().enumerate() {
        if result.flags.contains(Flags::UNRATED) {
            out.push(Warning::Unrated { employee: e });
        }
    }
    out.extend(about_input(input, baseline));
    for g in 0..input.groups.len() {
        about_group(input, state, results, g, &mut out);
    }
    out.extend(about_bonus(input, state, results));
    out
}

/// The bonus warning, if any: every share is 0 (contract 6.5).
pub fn about_bonus(input: &Input, state: &State, results: &Results) -> Option<Warning> {
    bonus::shares_are_zero(input, state, |e| results.employees[e].grade)
        .then_some(Warning::BonusNotAllocated)
}

/// Warnings no decision can change: small samples, managers' missing
/// ratings, look-alike ids and the quota table. (Unrated employees are also
/// fixed by the input, but are listed first.)
pub fn about_input(input: &Input, baseline: &Baseline) -> Vec<Warning> {
    let mut out = Vec::new();
    let policy = &input.policy;
    out.extend(managers::incomplete(input).map(|manager| Warning::ManagerMissing { manager }));
    for r in 0..input.raters.len() {
        let n = baseline.raters[r].map_or(0, |s| s.n);
        if n < SMALL_SAMPLE {
            out.push(Warning::SmallSample { rater: r, n });
        }
    }
    let employees = look_alikes(input.employees.iter().map(|e| e.id.as_str()), |id| {
        input.employee_index(id)
    });
    let raters = look_alikes(input.raters.iter().map(|r| r.id.as_str()), |id| {
        input.rater_index(id)
    });
    let departments = look_alikes(input.departments.iter().map(|d| d.id.as_str()), |id| {
        input.department_index(id)
    });
    for (kind, pairs) in [
        (IdKind::Employee, employees),
        (IdKind::Rater, raters),
        (IdKind::Department, departments),
    ] {
        out.extend(pairs.into_iter().map(|(first, second)| Warning::LookAlike {
            kind,
            first,
            second,
        }));
    }
    if !policy.grades.is_empty() {
        for better in 0..policy.department_grades.len() {
            for worse in better + 1..policy.department_grades.len() {
                if policy.quotas[better][0] < policy.quotas[worse][0] {
                    out.push(Warning::QuotaTable { better, worse });
                }
            }
        }
    }
    out
}

/// An id as a person sees it: NFC-normalized, without invisible and bidi
/// characters. `None` when that is the id itself (nearly always: plain
/// ASCII is checked without allocating).
fn skeleton(id: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    if id.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        return None;
    }
    let seen: String = id
        .chars()
        .filter(|&c| !crate::text::is_unsafe(c))
        .nfc()
        .collect();
    (seen != id).then_some(seen).or_else(|| {
        // Already normalized and visible, but another id may normalize to it.
        (!id.is_ascii()).then(|| id.to_string())
    })
}

/// Pairs (first, second) of ids that look alike, by position, in order.
fn look_alikes<'a>(
    ids: impl Iterator<Item = &'a str>,
    index_of: impl Fn(&str) -> Option<usize>,
) -> Vec<(usize, usize)> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut pairs = Vec::new();
    for (i, id) in ids.enumerate() {
        let Some(look) = skeleton(id) else {
            continue;
        };
        if let Some(&first) = seen.get(&look) {
            pairs.push((first, i));
        } else if let Some(plain) = index_of(&look).filter(|&j| j != i) {
            pairs.push((plain.min(i), plain.max(i)));
        }
        seen.entry(look).or_insert(i);
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Warnings about one group: mixed pool, quota violations, boundary ties.
pub fn about_group(
    input: &Input,
    state: &State,
    results: &Results,
    g: usize,
    out: &mut Vec<Warning>,
) {
    let group = &input.groups[g];
    let first_grade = group
        .departments
        .first()
        .map(|&d| state.department_grades[d]);
    if group
        .departments
        .iter()
        .any(|&d| Some(state.department_grades[d]) != first_grade)
    {
        out.push(Warning::MixedPool { group: g });
    }
    let result = &results.groups[g];
    out.extend(
        result
            .violations()
            .map(|grade| Warning::QuotaViolation { group: g, grade }),
    );
    let ranking = &result.ranking;
    let mut start = 0;
    while start < ranking.len() {
        let first = &results.employees[ranking[start]];
        let mut end = start + 1;
        while end < ranking.len()
            && results.employees[ranking[end]].final_score == first.final_score
        {
            end += 1;
        }
        if first.flags.contains(Flags::BOUNDARY_TIE) {
            out.push(Warning::BoundaryTie {
                group: g,
                start,
                end,
            });
        }
        start = end;
    }
}

/// A warning in words, located where it has a place in the input.
pub fn describe(warning: &Warning, input: &Input, state: &State, results: &Results) -> Diagnostic {
    describe_in(warning, input, state, results, Lang::En)
}

/// [`describe`] in `lang`: ids, names and numbers as the input has them.
pub fn describe_in(
    warning: &Warning,
    input: &Input,
    state: &State,
    results: &Results,
    lang: Lang,
) -> Diagnostic {
    let policy = &input.policy;
    let list = |items: &[String]| items.join(t(lang, Report::ListSeparator));
    let id_with_grade =
        |id: &str, grade: &str| fill(lang, Report::IdWithGrade, &[("id", id), ("grade", grade)]);
    match *warning {
        Warning::Unrated { employee } => {
            let employee = &input.employees[employee];
            Diagnostic::warning(
                Some(Location::line(input.org_file.clone(), employee.line)),
                fill(
                    lang,
                    Report::Unrated,
                    &[("id", &employee.id), ("name", &employee.name)],
                ),
            )
        }
        Warning::LookAlike {
            kind,
            first,
            second,
        } => {
            let (a, b, location) = match kind {
                IdKind::Employee => (
                    input.employees[first].id.as_str(),
                    input.employees[second].id.as_str(),
                    Some(Location::line(
                        input.org_file.clone(),
                        input.employees[second].line,
                    )),
                ),
                IdKind::Rater => (
                    input.raters[first].id.as_str(),
                    input.raters[second].id.as_str(),
                    Some(input.raters[second].at.clone()),
                ),
                IdKind::Department => (
                    input.departments[first].id.as_str(),
                    input.departments[second].id.as_str(),
                    Some(Location::line(
                        input.org_file.clone(),
                        input.departments[second].line,
                    )),
                ),
            };
            Diagnostic::warning(
                location,
                fill(
                    lang,
                    Report::LookAlike,
                    &[
                        ("what", t(lang, kind.ids())),
                        ("first", &a.escape_debug().to_string()),
                        ("second", &b.escape_debug().to_string()),
                    ],
                ),
            )
        }
        Warning::BonusNotAllocated => {
            let location = policy
                .bonus
                .as_ref()
                .map(|b| Location::line(b.file.clone(), b.line));
            let pool = policy.bonus.as_ref().map(|b| b.pool).unwrap_or_default();
            Diagnostic::warning(
                location,
                fill(
                    lang,
                    Report::BonusNotAllocated,
                    &[("pool", &pool.to_string())],
                ),
            )
        }
        Warning::ManagerMissing { manager } => {
            let coverage = managers::of(input, manager);
            // The name where a submission gives it; org.json has only ids.
            let who = match coverage.name(input) {
                Some(name) => format!("{} {name}", coverage.id),
                None => coverage.id.to_string(),
            };
            let missing: Vec<String> = coverage
                .missing
                .iter()
                .take(FIRST_MISSING)
                .map(|&e| input.employees[e].id.to_string())
                .collect();
            let more = coverage.missing.len().saturating_sub(FIRST_MISSING);
            let more = if more > 0 {
                fill(lang, Report::AndMore, &[("n", &more.to_string())])
            } else {
                String::new()
            };
            Diagnostic::warning(
                coverage
                    .missing
                    .first()
                    .map(|&e| Location::line(input.org_file.clone(), input.employees[e].line)),
                fill(
                    lang,
                    Report::ManagerMissing,
                    &[
                        ("who", &who),
                        ("n", &coverage.missing.len().to_string()),
                        ("of", &coverage.expected.len().to_string()),
                        ("ids", &list(&missing)),
                        ("more", &more),
                    ],
                ),
            )
        }
        Warning::SmallSample { rater, n } => {
            let rater = &input.raters[rater];
            Diagnostic::warning(
                Some(rater.at.clone()),
                fill(
                    lang,
                    Report::SmallSample,
                    &[
                        ("id", &rater.id),
                        ("name", &rater.name),
                        ("n", &n.to_string()),
                        ("small", &SMALL_SAMPLE.to_string()),
                    ],
                ),
            )
        }
        Warning::QuotaTable { better, worse } => Diagnostic::warning(
            None,
            fill(
                lang,
                Report::QuotaTable,
                &[
                    ("better", &policy.department_grades[better]),
                    ("allows", &policy.quotas[better][0].to_string()),
                    ("grade", &policy.grades[0].id),
                    ("worse", &policy.department_grades[worse]),
                    ("worse_allows", &policy.quotas[worse][0].to_string()),
                ],
            ),
        ),
        Warning::MixedPool { group } => {
            let group = &input.groups[group];
            let listing: Vec<String> = group
                .departments
                .iter()
                .map(|&d| {
                    id_with_grade(
                        &input.departments[d].id,
                        &policy.department_grades[state.department_grades[d]],
                    )
                })
                .collect();
            Diagnostic::warning(
                None,
                fill(
                    lang,
                    Report::MixedPool,
                    &[("group", &group.id), ("departments", &list(&listing))],
                ),
            )
        }
        Warning::QuotaViolation { group, grade } => {
            let result = &results.groups[group];
            Diagnostic::warning(
                None,
                fill(
                    lang,
                    Report::QuotaViolation,
                    &[
                        ("group", &input.groups[group].id),
                        ("grade", &policy.grades[grade].id),
                        ("count", &result.counts[grade].to_string()),
                        ("filled", &result.filled[grade].to_string()),
                    ],
                ),
            )
        }
        Warning::BoundaryTie { group, start, end } => {
            let ranking = &results.groups[group].ranking;
            let who: Vec<String> = ranking[start..end]
                .iter()
                .map(|&e| {
                    let grade = results.employees[e]
                        .auto_grade
                        .map_or("-", |g| policy.grades[g as usize].id.as_str());
                    id_with_grade(&input.employees[e].id, grade)
                })
                .collect();
            let score = results.employees[ranking[start]]
                .final_score
                .map(|s| policy.score.format(s))
                .unwrap_or_default();
            Diagnostic::warning(
                None,
                fill(
                    lang,
                    Report::BoundaryTie,
                    &[
                        ("group", &input.groups[group].id),
                        ("score", &score),
                        ("who", &list(&who)),
                    ],
                ),
            )
        }
    }
}

/// Every warning in words, for `check` and `export`.
pub fn collect(
    input: &Input,
    baseline: &Baseline,
    state: &State,
    results: &Results,
) -> Vec<Diagnostic> {
    list(input, baseline, state, results)
        .iter()
        .map(|w| describe(w, input, state, results))
        .collect()
}

/// How many warnings `export --strict` fails on.
pub fn strict_failures(
    input: &Input,
    baseline: &Baseline,
    state: &State,
    results: &Results,
) -> usize {
    list(input, baseline, state, results)
        .iter()
        .filter(|w| w.fails_strict())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_look_alike_are_paired() {
        let ids = [
            "E1",
            "E\u{200b}1",
            "caf\u{e9}",
            "cafe\u{301}",
            "王",
            "M2",
            "\u{202e}M2",
        ];
        let index = |id: &str| ids.iter().position(|&x| x == id);
        assert_eq!(
            look_alikes(ids.into_iter(), index),
            vec![(0, 1), (2, 3), (5, 6)]
        );
        assert!(look_alikes(["E1", "E2", "王", "李"].into_iter(), |_| None).is_empty());
    }

    #[test]
    fn strict_fails_on_unrated_violations_and_ties_only() {
        let fails = [
            Warning::Unrated { employee: 0 },
            Warning::QuotaViolation { group: 0, grade: 0 },
            Warning::BoundaryTie {
                group: 0,
                start: 0,
                end: 2,
            },
        ];
        let advice = [
            Warning::SmallSample { rater: 0, n: 1 },
            Warning::QuotaTable {
                better: 0,
                worse: 1,
            },
            Warning::MixedPool { group: 0 },
            Warning::BonusNotAllocated,
            Warning::ManagerMissing { manager: 0 },
        ];
        assert!(fails.iter().all(Warning::fails_strict));
        assert!(!advice.iter().any(Warning::fails_strict));
    }
}
