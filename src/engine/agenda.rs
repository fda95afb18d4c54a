//! What the committee should discuss, ordered by how much it matters
//! (advice: acting on an item is an ordinary decision, and marking it
//! discussed is a `discussed` decision, contract 6.2).
//!
//! In order: groups whose grades fail `--strict` (a quota violated, a tie
//! across a boundary), raters clearly flagged on enough ratings (the
//! largest effect on the most people first), overridden people, people
//! two or more grades from the previous cycle, and people one score step
//! or less below a boundary. One entry per rater, person or
//! group, with every reason it is there.

use rust_decimal::Decimal;

use super::bias::{BiasFlag, RaterBias};
use super::calibrate::Results;
use super::decision::{Item, State};
use super::model::Input;
use super::previous::Previous;
use super::warnings::{self, SMALL_SAMPLE, Warning};

/// Why an item is on the agenda.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The grade's final count differs from what the quota fills (an
    /// override did it): `count` now, `allowed` by the quota.
    QuotaViolation {
        grade: usize,
        allowed: u64,
        count: u64,
    },
    /// Ranks `start..end` (0-based) share a final score across a boundary.
    BoundaryTie { start: usize, end: usize },
    /// A bias flag on `n` >= [`SMALL_SAMPLE`] ratings.
    Flagged {
        flags: Vec<BiasFlag>,
        n: usize,
        mean_diff: Option<f64>,
    },
    /// The person's grade is overridden (from the auto grade).
    Overridden { auto: u8, grade: u8 },
    /// The person is first out below `grade`'s line, `gap` under the last
    /// one in.
    NearBoundary { grade: usize, gap: Decimal },
    /// Two or more grades from the previous cycle's (contract 6.6).
    BigMover { previous: String },
}

impl Reason {
    /// Lower is more urgent.
    fn urgency(&self) -> u8 {
        match self {
            Reason::QuotaViolation { .. } | Reason::BoundaryTie { .. } => 0,
            Reason::Flagged { .. } => 1,
            Reason::Overridden { .. } => 2,
            Reason::BigMover { .. } => 3,
            Reason::NearBoundary { .. } => 4,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub item: Item,
    /// The group the item belongs to (a rater: the group of most of their
    /// people), for focusing.
    pub group: usize,
    pub reasons: Vec<Reason>,
    /// Within the same urgency, larger first: people affected, or the size
    /// of a rater's effect times their number of ratings.
    weight: f64,
}

impl Entry {
    pub fn urgency(&self) -> u8 {
        self.reasons
            .iter()
            .map(Reason::urgency)
            .min()
            .unwrap_or(u8::MAX)
    }
}

/// The agenda of a session: `biases` are the raters' current figures.
pub fn agenda(
    input: &Input,
    state: &State,
    results: &Results,
    biases: &[RaterBias],
    previous: Option<&Previous>,
) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let step = Decimal::new(1, input.policy.score.decimals);
    for (g, group) in input.groups.iter().enumerate() {
        let result = &results.groups[g];
        let ranking = &result.ranking;
        let mut found = Vec::new();
        warnings::about_group(input, state, results, g, &mut found);
        let reasons: Vec<Reason> = found
            .into_iter()
            .filter_map(|w| match w {
                Warning::QuotaViolation { grade, .. } => Some(Reason::QuotaViolation {
                    grade,
                    allowed: result.filled[grade],
                    count: result.counts[grade],
                }),
                Warning::BoundaryTie { start, end, .. } => Some(Reason::BoundaryTie { start, end }),
                _ => None,
            })
            .collect();
        if !reasons.is_empty() {
            entries.push(Entry {
                item: Item::Group(group.id.clone()),
                group: g,
                reasons,
                weight: result.headcount as f64,
            });
        }
        // The first one out below each line, when close to the last one in.
        for line in 0..input.policy.grades.len().saturating_sub(1) {
            let line8 = u8::try_from(line).unwrap_or(u8::MAX);
            let grade_of = |e: usize| results.employees[e].grade.unwrap_or(u8::MAX);
            let last_in = ranking.iter().rev().find(|&&e| grade_of(e) <= line8);
            let first_out = ranking.iter().find(|&&e| grade_of(e) > line8);
            let (Some(&last_in), Some(&first_out)) = (last_in, first_out) else {
                continue;
            };
            let (Some(a), Some(b)) = (
                results.employees[last_in].final_score,
                results.employees[first_out].final_score,
            ) else {
                continue;
            };
            let gap = a - b;
            if gap > Decimal::ZERO && gap <= step {
                entries.push(Entry {
                    item: Item::Employee(input.employees[first_out].id.to_string()),
                    group: g,
                    reasons: vec![Reason::NearBoundary { grade: line, gap }],
                    weight: 1.0,
                });
            }
        }
    }
    for bias in biases {
        let n = bias.summary.n;
        let flags: Vec<BiasFlag> = bias
            .flags
            .iter()
            .copied()
            .filter(|&f| f != BiasFlag::SmallSample)
            .collect();
        if n < SMALL_SAMPLE || flags.is_empty() {
            continue;
        }
        let Some(group) = main_group(input, bias.rater) else {
            continue;
        };
        entries.push(Entry {
            item: Item::Rater(input.raters[bias.rater].id.to_string()),
            group,
            weight: bias.mean_diff.unwrap_or(0.0).abs().max(1.0) * n as f64,
            reasons: vec![Reason::Flagged {
                flags,
                n,
                mean_diff: bias.mean_diff,
            }],
        });
    }
    for (e, _) in state.overrides.sorted() {
        let (Some(auto), Some(grade)) =
            (results.employees[e].auto_grade, results.employees[e].grade)
        else {
            continue;
        };
        let id = &input.employees[e].id;
        let reason = Reason::Overridden { auto, grade };
        match entries
            .iter_mut()
            .find(|x| matches!(&x.item, Item::Employee(other) if other == id))
        {
            Some(entry) => entry.reasons.insert(0, reason),
            None => entries.push(Entry {
                item: Item::Employee(id.to_string()),
                group: input.group_of(e),
                reasons: vec![reason],
                weight: f64::from(auto.abs_diff(grade)),
            }),
        }
    }
    if let Some(previous) = previous {
        for (e, result) in results.employees.iter().enumerate() {
            let grade = result.grade.map(usize::from);
            let Some(was) = previous
                .grade(e)
                .filter(|_| previous.big_mover(&input.policy, e, grade))
            else {
                continue;
            };
            let id = &input.employees[e].id;
            let reason = Reason::BigMover {
                previous: was.to_string(),
            };
            match entries
                .iter_mut()
                .find(|x| matches!(&x.item, Item::Employee(other) if other == id))
            {
                Some(entry) => entry.reasons.push(reason),
                None => entries.push(Entry {
                    item: Item::Employee(id.to_string()),
                    group: input.group_of(e),
                    reasons: vec![reason],
                    weight: 1.0,
                }),
            }
        }
    }
    entries.sort_by(|a, b| {
        a.urgency()
            .cmp(&b.urgency())
            .then(b.weight.total_cmp(&a.weight))
            .then_with(|| a.item.cmp(&b.item))
    });
    entries
}

/// The group most of a rater's ratings are in (the first such by index).
pub fn main_group(input: &Input, rater: usize) -> Option<usize> {
    // The rater's own few groups, sorted: a count per group of the company
    // would cost every rater the company's size.
    let mut groups: Vec<usize> = input
        .rater_ratings
        .of(rater)
        .iter()
        .map(|&i| input.group_of(input.ratings[i].employee))
        .collect();
    groups.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for run in groups.chunk_by(|a, b| a == b) {
        // Runs come in group order, so a tie keeps the first group.
        if best.is_none_or(|(_, n)| run.len() > n) {
            best = Some((run[0], run.len()));
        }
    }
    best.map(|(group, _)| group)
}
