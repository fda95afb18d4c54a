//! The record of a session: the decisions in order, grouped into acts
//! (a decision alone, or a run of decisions sharing a batch), what each one
//! moved, and what was undone and can be redone.

use crate::engine::decision::Decision;

/// What one decision on the record did, as the record screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Note {
    /// Employees whose final grade the decision changed, in input order.
    /// For a batch, the first decision holds what the whole batch moved.
    pub moved: Vec<usize>,
    /// For a decision of a batch: the position of the batch's first
    /// decision (a batch is computed as one act).
    pub batch_start: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct History {
    pub decisions: Vec<Decision>,
    /// Per decision, when the session keeps them (see `Session::track_figures`).
    pub notes: Vec<Note>,
    /// Undone acts, the most recent last; each oldest decision first.
    pub redo: Vec<Vec<Decision>>,
}

impl History {
    /// Where the last act begins: consecutive decisions with the same
    /// `batch` are one act; a decision without one is an act alone.
    pub fn last_act_start(&self) -> Option<usize> {
        let last = self.decisions.last()?;
        let end = self.decisions.len() - 1;
        let Some(batch) = last.batch else {
            return Some(end);
        };
        let run = self.decisions[..end]
            .iter()
            .rev()
            .take_while(|d| d.batch == Some(batch))
            .count();
        Some(end - run)
    }

    /// A batch number no decision on the record uses yet.
    pub fn next_batch(&self) -> u64 {
        self.decisions
            .iter()
            .filter_map(|d| d.batch)
            .max()
            .map_or(1, |b| b.saturating_add(1))
    }

    /// The last decision earlier than `index` about the same target.
    pub fn earlier_on_same_target(&self, index: usize) -> Option<&Decision> {
        let change = &self.decisions.get(index)?.change;
        self.decisions[..index]
            .iter()
            .rev()
            .find(|d| d.change.same_target(change))
    }

    /// The first decision after `index` about the same target (which
    /// replaced it).
    pub fn later_on_same_target(&self, index: usize) -> Option<usize> {
        let change = &self.decisions.get(index)?.change;
        self.decisions
            .iter()
            .enumerate()
            .skip(index + 1)
            .find(|(_, d)| d.change.same_target(change))
            .map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::decision::Change;

    fn clear(employee: &str, batch: Option<u64>) -> Decision {
        Decision {
            batch,
            ..Decision::new(Change::ClearOverride {
                employee: employee.into(),
            })
        }
    }

    #[test]
    fn acts_are_runs_of_one_batch_or_single_decisions() {
        let mut history = History::default();
        assert_eq!(history.last_act_start(), None);
        assert_eq!(history.next_batch(), 1);
        history.decisions = vec![
            clear("E1", None),
            clear("E2", Some(4)),
            clear("E3", Some(4)),
            clear("E4", None),
        ];
        assert_eq!(history.last_act_start(), Some(3));
        history.decisions.pop();
        assert_eq!(history.last_act_start(), Some(1));
        assert_eq!(history.next_batch(), 5);
        // The same batch number after a break is another act.
        history.decisions.push(clear("E5", Some(9)));
        history.decisions.push(clear("E6", Some(4)));
        assert_eq!(history.last_act_start(), Some(4));
    }

    #[test]
    fn earlier_and_later_decisions_on_a_target() {
        let history = History {
            decisions: vec![clear("E1", None), clear("E2", None), clear("E1", None)],
            ..History::default()
        };
        assert_eq!(
            history.earlier_on_same_target(2),
            Some(&history.decisions[0])
        );
        assert_eq!(history.earlier_on_same_target(1), None);
        assert_eq!(history.later_on_same_target(0), Some(2));
        assert_eq!(history.later_on_same_target(1), None);
    }
}
