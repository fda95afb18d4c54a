//! A calibration session: the input plus the ordered decisions, with every
//! derived number kept up to date. The CLI, the TUI and the export all read
//! the same [`Session`].

use super::calibrate::{Baseline, Results};
use super::decision::{Decision, SessionFile, State, Touched};
use super::diagnostic::{Diagnostic, Diagnostics};
use super::model::Input;
use super::warnings;

#[derive(Debug, Clone)]
pub struct Session {
    pub input: Input,
    pub baseline: Baseline,
    decisions: Vec<Decision>,
    state: State,
    results: Results,
}

impl Session {
    /// Starts a session with no decisions.
    pub fn new(input: Input) -> Self {
        let baseline = Baseline::new(&input);
        let state = State::initial(&input);
        let results = Results::compute(&input, &baseline, &state);
        Session {
            input,
            baseline,
            decisions: Vec::new(),
            state,
            results,
        }
    }

    /// Starts a session by replaying a decisions file; every decision that
    /// cannot apply is reported at its line.
    pub fn replay(input: Input, file: &SessionFile) -> Result<Self, Diagnostics> {
        let state = State::replay(&input, &file.decisions, |i| file.location(i))?;
        let baseline = Baseline::new(&input);
        let results = Results::compute(&input, &baseline, &state);
        Ok(Session {
            input,
            baseline,
            decisions: file.decisions.clone(),
            state,
            results,
        })
    }

    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn results(&self) -> &Results {
        &self.results
    }

    /// Makes a decision, recomputing only what it touches.
    pub fn decide(&mut self, decision: Decision) -> Result<Touched, String> {
        let touched = self.state.apply(&self.input, &decision)?;
        self.results
            .update(&self.input, &self.baseline, &self.state, &[touched]);
        self.decisions.push(decision);
        Ok(touched)
    }

    /// Drops the last decision and returns it.
    pub fn undo(&mut self) -> Option<Decision> {
        self.undo_with_changes().map(|(decision, _)| decision)
    }

    /// Drops the last decision; returns it and what its removal touched.
    ///
    /// Only the decision's target (a rater, department or employee) can
    /// change: it returns to the last earlier decision about the same target,
    /// or to the input. Nothing else is replayed.
    pub fn undo_with_changes(&mut self) -> Option<(Decision, Vec<Touched>)> {
        let decision = self.decisions.pop()?;
        let touched = match self.state.reset(&self.input, &decision.change) {
            Some(touched) => {
                if let Some(earlier) = self
                    .decisions
                    .iter()
                    .rev()
                    .find(|d| d.change.same_target(&decision.change))
                {
                    // It applied before, so it applies again.
                    let _ = self.state.apply(&self.input, earlier);
                }
                vec![touched]
            }
            // A decision whose target the input does not have never
            // applied (see `State::apply`): dropping it changes nothing.
            None => Vec::new(),
        };
        self.results
            .update(&self.input, &self.baseline, &self.state, &touched);
        Some((decision, touched))
    }

    /// The groups whose grades a change can move.
    pub fn groups_touched_by(&self, touched: Touched) -> Vec<usize> {
        let mut groups: Vec<usize> = match touched {
            Touched::Rater(r) => self
                .input
                .rater_ratings
                .of(r)
                .iter()
                .map(|&i| self.input.group_of(self.input.ratings[i].employee))
                .collect(),
            Touched::Department(d) => vec![self.input.departments[d].group],
            Touched::Employee(e) => vec![self.input.group_of(e)],
        };
        groups.sort_unstable();
        groups.dedup();
        groups
    }

    /// Every warning about this calibration, for `check` and `export`.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        warnings::collect(&self.input, &self.baseline, &self.state, &self.results)
    }

    /// How many of [`Session::warnings`] fail `export --strict` (contract
    /// 6.1: unrated employees, quota violations, boundary ties).
    pub fn strict_failures(&self) -> usize {
        warnings::strict_failures(&self.input, &self.baseline, &self.state, &self.results)
    }
}
