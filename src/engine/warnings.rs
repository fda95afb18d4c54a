//! Warnings about a calibration (contract 4.7 and `check`): the input can be
//! calibrated, but the committee should look. `--strict` fails on any of them.

use std::collections::BTreeSet;

use super::calibrate::{Baseline, Flags, Results};
use super::decision::State;
use super::diagnostic::{Diagnostic, Location};
use super::model::Input;

/// Raters with fewer ratings than this get a small-sample warning.
pub const SMALL_SAMPLE: usize = 5;

pub fn collect(
    input: &Input,
    baseline: &Baseline,
    state: &State,
    results: &Results,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let policy = &input.policy;

    for (e, employee) in input.employees.iter().enumerate() {
        if results.employees[e].flags.contains(Flags::UNRATED) {
            out.push(Diagnostic::warning(
                Some(Location::line(input.org_file.clone(), employee.line)),
                format!(
                    "employee \"{}\" {} has no rating: unrated, takes no seat and gets no grade",
                    employee.id, employee.name
                ),
            ));
        }
    }

    for (r, rater) in input.raters.iter().enumerate() {
        let n = baseline.raters[r].map_or(0, |s| s.n);
        if n < SMALL_SAMPLE {
            out.push(Diagnostic::warning(
                Some(Location::line(rater.file.clone(), rater.line)),
                format!(
                    "rater \"{}\" {} gave only {n} rating(s): statistics and z-scores on fewer than {SMALL_SAMPLE} are unreliable",
                    rater.id, rater.name
                ),
            ));
        }
    }

    // A better department grade should never allow fewer top grades.
    if let Some(top) = policy.grades.first() {
        for better in 0..policy.department_grades.len() {
            for worse in better + 1..policy.department_grades.len() {
                let (b, w) = (policy.quotas[better][0], policy.quotas[worse][0]);
                if b < w {
                    out.push(Diagnostic::warning(
                        None,
                        format!(
                            "quota table: department grade \"{}\" allows {b} of grade \"{}\" but the worse department grade \"{}\" allows {w}",
                            policy.department_grades[better], top.id, policy.department_grades[worse]
                        ),
                    ));
                }
            }
        }
    }

    for (g, group) in input.groups.iter().enumerate() {
        let grades: BTreeSet<usize> = group
            .departments
            .iter()
            .map(|&d| state.department_grades[d])
            .collect();
        if grades.len() > 1 {
            let listing: Vec<String> = group
                .departments
                .iter()
                .map(|&d| {
                    format!(
                        "{} ({})",
                        input.departments[d].id,
                        policy.department_grades[state.department_grades[d]]
                    )
                })
                .collect();
            out.push(Diagnostic::warning(
                None,
                format!(
                    "pool \"{}\" mixes department grades: {}",
                    group.id,
                    listing.join(", ")
                ),
            ));
        }

        let result = &results.groups[g];
        for grade in result.violations() {
            out.push(Diagnostic::warning(
                None,
                format!(
                    "quota violation in group \"{}\": grade \"{}\" has {} after overrides but the quotas gave {}",
                    group.id, policy.grades[grade].id, result.counts[grade], result.filled[grade]
                ),
            ));
        }

        let mut start = 0;
        let ranking = &result.ranking;
        while start < ranking.len() {
            let first = &results.employees[ranking[start]];
            let mut end = start + 1;
            while end < ranking.len()
                && results.employees[ranking[end]].final_score == first.final_score
            {
                end += 1;
            }
            if first.flags.contains(Flags::BOUNDARY_TIE) {
                let who: Vec<String> = ranking[start..end]
                    .iter()
                    .map(|&e| {
                        let grade = results.employees[e]
                            .auto_grade
                            .map_or("-", |g| policy.grades[g as usize].id.as_str());
                        format!("{} ({grade})", input.employees[e].id)
                    })
                    .collect();
                out.push(Diagnostic::warning(
                    None,
                    format!(
                        "boundary tie in group \"{}\": final score {} is shared by {} but the grades differ",
                        group.id,
                        first.final_score.map(|s| policy.score.format(s)).unwrap_or_default(),
                        who.join(", ")
                    ),
                ));
            }
            start = end;
        }
    }
    out
}
