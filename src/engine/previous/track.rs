//! A rater's track record in the previous cycle, from the columns every
//! calibra export has (`raters`, `raw_score`, `final_score`, `auto_grade`,
//! `grade`). A rater's *people* there are the rated rows (raw and final
//! score present) whose `raters` name them.
//!
//! - `mean_delta`: the mean raw score of their people minus the mean raw
//!   score of every other rated row: the employee-level analogue of this
//!   cycle's Δmean (exactly it for people with one rater; a person rated by
//!   several counts for each of them, at their weighted raw score).
//! - `mean_correction`: the mean of final minus raw score over their
//!   people: how far the committee's scale corrections moved them.
//! - `rescored`: how many of their people had a final score other than
//!   their raw score; `overridden`: how many had a grade other than their
//!   auto grade (an override).

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::PastRow;
use crate::engine::model::Input;

/// One rater's record in the previous cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Track {
    pub people: usize,
    /// `None` when the rater's people were every rated row.
    pub mean_delta: Option<Decimal>,
    pub mean_correction: Decimal,
    pub rescored: usize,
    pub overridden: usize,
}

/// Sums over one rater's people.
#[derive(Default)]
struct Sums {
    people: usize,
    raw: Decimal,
    correction: Decimal,
    rescored: usize,
    overridden: usize,
}

/// Each current rater's record (`None`: nobody of theirs in the file).
pub fn tracks(input: &Input, rows: &[PastRow]) -> Vec<Option<Track>> {
    let mut sums: Vec<Sums> = (0..input.raters.len()).map(|_| Sums::default()).collect();
    let (mut all_raw, mut all_people) = (Decimal::ZERO, 0usize);
    let mut rater_of: HashMap<&str, Option<usize>> = HashMap::new();
    for row in rows {
        let (Some(raw), Some(final_score)) = (row.raw_score, row.final_score) else {
            continue;
        };
        all_raw = all_raw.saturating_add(raw);
        all_people += 1;
        for id in &row.raters {
            let r = *rater_of
                .entry(id.as_str())
                .or_insert_with(|| input.rater_index(id));
            let Some(sum) = r.map(|r| &mut sums[r]) else {
                continue;
            };
            sum.people += 1;
            sum.raw = sum.raw.saturating_add(raw);
            sum.correction = sum.correction.saturating_add(final_score - raw);
            sum.rescored += usize::from(final_score != raw);
            sum.overridden += usize::from(row.grade.is_some() && row.grade != row.auto_grade);
        }
    }
    sums.into_iter()
        .map(|s| {
            (s.people > 0).then(|| {
                let n = Decimal::from(s.people);
                let others = all_people - s.people;
                Track {
                    people: s.people,
                    mean_delta: (others > 0)
                        .then(|| s.raw / n - (all_raw - s.raw) / Decimal::from(others)),
                    mean_correction: s.correction / n,
                    rescored: s.rescored,
                    overridden: s.overridden,
                }
            })
        })
        .collect()
}
