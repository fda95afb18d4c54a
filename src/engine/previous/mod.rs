//! The previous cycle (contract 6.6): an earlier calibra export, CSV or
//! JSON, matched to this input's employees by `employee_id`. It gives each
//! employee their previous grade (the export's `previous_grade`), the
//! `big_mover` flag, and each rater's track record (`track.rs`) when the
//! file carries the columns it needs.
//!
//! Reading the file is `read.rs`; this file matches its rows to the input.

mod read;
mod track;

use std::collections::HashMap;

use super::diagnostic::{Diagnostic, Diagnostics, Location, Said};
use super::model::{Input, Policy};
use super::source::SourceFile;
use crate::i18n::Load;

pub use read::PastRow;
pub use track::Track;

/// The flag an export row carries when [`big_mover`] holds.
pub const BIG_MOVER: &str = "big_mover";

/// How many places apart two grades must be for [`big_mover`].
pub const BIG_MOVE: usize = 2;

/// An earlier cycle's export, matched to the current input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Previous {
    /// The file as the user named it.
    pub file: String,
    /// Per current employee: the grade id the file gives them (`None`:
    /// not in the file, or no grade there).
    grades: Vec<Option<Box<str>>>,
    /// Per current rater, their record in the file; `None` as a whole when
    /// the file lacks the columns a track record needs.
    tracks: Option<Vec<Option<Track>>>,
}

impl Previous {
    /// Reads `file` (CSV or JSON: by the name's ending, else by whether its
    /// first non-blank character is `{`) and matches it to `input`. Errors
    /// name the file and line; a grade the current policy does not have is
    /// a warning.
    pub fn read(
        file: &SourceFile,
        input: &Input,
    ) -> Result<(Previous, Vec<Diagnostic>), Diagnostics> {
        let past = read::rows(file)?;
        let mut grades: Vec<Option<Box<str>>> = vec![None; input.employees.len()];
        // Unknown grade ids: (first line, how many rows), in file order.
        let mut unknown: Vec<(String, u32, usize)> = Vec::new();
        let mut unknown_at: HashMap<&str, usize> = HashMap::new();
        for row in &past.rows {
            let Some(grade) = row.grade.as_deref() else {
                continue;
            };
            if input.policy.grade_index(grade).is_none() {
                let slot = *unknown_at.entry(grade).or_insert_with(|| {
                    unknown.push((grade.to_string(), row.line, 0));
                    unknown.len() - 1
                });
                unknown[slot].2 += 1;
            }
            // Someone who left since is not in org.json: nothing to match.
            if let Some(e) = input.employee_index(&row.employee_id) {
                grades[e] = Some(grade.into());
            }
        }
        let warnings = unknown
            .into_iter()
            .map(|(grade, line, n)| {
                Diagnostic::warning(
                    Some(Location::line(file.name.clone(), line)),
                    Said::new(
                        if n == 1 {
                            Load::PreviousGradeUnknownOne
                        } else {
                            Load::PreviousGradeUnknownMany
                        },
                        &[("grade", &grade), ("n", &n)],
                    ),
                )
            })
            .collect();
        let tracks = past
            .carries_track_record
            .then(|| track::tracks(input, &past.rows));
        Ok((
            Previous {
                file: file.name.clone(),
                grades,
                tracks,
            },
            warnings,
        ))
    }

    /// Employee `e`'s grade in the previous cycle, as the file has it.
    pub fn grade(&self, e: usize) -> Option<&str> {
        self.grades.get(e).and_then(|g| g.as_deref())
    }

    /// Whether the file carries what a track record needs (the columns
    /// `raters`, `raw_score`, `final_score`, `auto_grade` and `grade`).
    pub fn carries_track_record(&self) -> bool {
        self.tracks.is_some()
    }

    /// Rater `r`'s record in the previous cycle: `None` when the file has
    /// no track record or the rater rated nobody in it.
    pub fn track(&self, r: usize) -> Option<&Track> {
        self.tracks.as_ref()?.get(r)?.as_ref()
    }

    /// Whether employee `e`, now graded `grade` (an index into the policy's
    /// grades), is a big mover against this file.
    pub fn big_mover(&self, policy: &Policy, e: usize, grade: Option<usize>) -> bool {
        big_mover(policy, self.grade(e), grade)
    }
}

/// Contract 6.6: both grades exist, the previous id is a grade of the
/// current policy, and they are [`BIG_MOVE`] or more places apart in its
/// order.
pub fn big_mover(policy: &Policy, previous: Option<&str>, current: Option<usize>) -> bool {
    match (previous.and_then(|id| policy.grade_index(id)), current) {
        (Some(before), Some(now)) => before.abs_diff(now) >= BIG_MOVE,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
