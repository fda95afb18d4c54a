//! A calibration session: the input plus the ordered record of decisions,
//! with every derived number kept up to date. The CLI, the live screen, the
//! exports and the tests all read and change the same [`Session`], so what
//! the committee sees is what gets exported.
//!
//! The session owns the record (`history.rs`): decisions grouped into acts
//! (contract 6.2 batches), undo and redo of whole acts, amending the last
//! decision's reason, and revoking any decision still in force by appending
//! the decision that restores its target. Each change recomputes only what
//! it touched.

mod figures;
mod history;
mod revoke;

use std::collections::BTreeSet;

use super::calibrate::{Baseline, Results};
use super::decision::{Decision, Header, SessionFile, State, Touched, is_blank};
use super::diagnostic::{Diagnostic, Diagnostics, Said};
use super::model::Input;
use super::previous::Previous;
use super::warnings;
use crate::i18n::Load;
use std::sync::Arc;

pub use figures::Figures;
use history::History;
pub use history::Note;

#[derive(Debug, Clone)]
pub struct Session {
    /// Shared, never changed: a copy of the session (a preview) or work on
    /// another thread (the live screen's linked-ratings model) reads the
    /// same input.
    pub input: Arc<Input>,
    pub baseline: Baseline,
    history: History,
    state: State,
    results: Results,
    /// Kept only when asked for (the live screen), and with them a note
    /// of what each decision moved.
    figures: Option<Figures>,
    keep_notes: bool,
    /// What the session file says about itself, written back as it was.
    header: Header,
    /// The previous cycle's export, when one was given (contract 6.6).
    previous: Option<Previous>,
}

/// What one act (a decision, a batch, an undo, a redo) did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// The decisions made, undone or redone, oldest first.
    pub decisions: Vec<Decision>,
    /// How many employees' final grades changed.
    pub moved: usize,
    /// What the act touched, for views that keep their own figures.
    pub touched: Vec<Touched>,
}

impl Session {
    /// Starts a session with no decisions.
    pub fn new(input: impl Into<Arc<Input>>) -> Self {
        let input = input.into();
        let baseline = Baseline::new(&input);
        let state = State::initial(&input);
        let results = Results::compute(&input, &baseline, &state);
        Session {
            input,
            baseline,
            history: History::default(),
            state,
            results,
            figures: None,
            keep_notes: false,
            header: Header::default(),
            previous: None,
        }
    }

    /// Starts a session by replaying a decisions file; every decision that
    /// cannot apply is reported at its line, and then nothing is replayed.
    ///
    /// The state is folded in one pass and the results computed once: this
    /// is the fast path of `check` and `export`. [`Session::track_figures`]
    /// then adds what the live screen needs.
    pub fn replay(input: impl Into<Arc<Input>>, file: &SessionFile) -> Result<Self, Diagnostics> {
        let input = input.into();
        let state = State::replay(&input, &file.decisions, |i| file.location(i))?;
        let baseline = Baseline::new(&input);
        let results = Results::compute(&input, &baseline, &state);
        Ok(Session {
            input,
            baseline,
            history: History {
                decisions: file.decisions.clone(),
                ..History::default()
            },
            state,
            results,
            figures: None,
            keep_notes: false,
            header: file.header.clone(),
            previous: None,
        })
    }

    /// Keeps the live screen's figures from now on: what each decision on
    /// the record moved (found by replaying it decision by decision), the
    /// rater bias figures and the warning count.
    pub fn track_figures(mut self) -> Self {
        if self.figures.is_some() {
            return self;
        }
        let decisions = std::mem::take(&mut self.history.decisions);
        if !decisions.is_empty() {
            self.state = State::initial(&self.input);
            self.results = Results::compute(&self.input, &self.baseline, &self.state);
        }
        self.history.notes.clear();
        self.keep_notes = true;
        // Act by act, as they were made: a batch is computed at once (and
        // noted as one), the rest one decision at a time. Replayed once
        // already: every decision applies.
        let mut rest = decisions.into_iter().peekable();
        while let Some(first) = rest.next() {
            let mut act = vec![first];
            if let Some(batch) = act[0].batch {
                while let Some(next) = rest.next_if(|d| d.batch == Some(batch)) {
                    act.push(next);
                }
            }
            if act.len() == 1 {
                for decision in act {
                    let _ = self.apply_one(decision);
                }
            } else {
                self.apply_batch(act);
            }
        }
        self.figures = Some(Figures::new(&self));
        self
    }

    pub fn decisions(&self) -> &[Decision] {
        &self.history.decisions
    }

    /// What decision `i` moved, when the session tracks figures.
    pub fn note(&self, i: usize) -> Option<&Note> {
        self.history.notes.get(i)
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn results(&self) -> &Results {
        &self.results
    }

    /// The live screen's figures (`None` unless tracked).
    pub fn figures(&self) -> Option<&Figures> {
        self.figures.as_ref()
    }

    /// Whether an undo has something to undo, and a redo to redo.
    pub fn can_undo(&self) -> bool {
        !self.history.decisions.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.history.redo.is_empty()
    }

    /// The decisions the next undo takes back, oldest first.
    pub fn last_act(&self) -> &[Decision] {
        let start = self
            .history
            .last_act_start()
            .unwrap_or(self.history.decisions.len());
        &self.history.decisions[start..]
    }

    /// Makes one decision as an act of its own.
    pub fn decide(&mut self, decision: Decision) -> Result<Outcome, Said> {
        self.decide_all(vec![decision])
    }

    /// Makes several decisions as one act: with more than one, they share a
    /// new batch (contract 6.2) and are undone together. All or nothing: if
    /// one cannot apply, none is made.
    pub fn decide_all(&mut self, mut decisions: Vec<Decision>) -> Result<Outcome, Said> {
        if let [decision] = decisions.as_slice() {
            // One decision: checking it needs no copy of the state.
            self.state.clone_free_check(&self.input, decision)?;
        } else {
            let mut probe = self.state.clone();
            for decision in &decisions {
                probe.try_apply(&self.input, decision)?;
            }
        }
        if decisions.len() > 1 {
            let batch = self.history.next_batch();
            for decision in &mut decisions {
                decision.batch = Some(batch);
            }
        }
        self.history.redo.clear();
        Ok(self.apply_act(decisions))
    }

    /// Replaces the last decision, an act of its own, by `decision`: a run
    /// of small adjustments to one rater is kept as one decision. What it
    /// moved is counted from before the run.
    pub fn replace_last(&mut self, decision: Decision) -> Result<Outcome, Said> {
        if self.last_act().len() != 1 {
            return Err(Load::LastActNotSingle.into());
        }
        // No copy of the state (a million overrides) per key press: take
        // the last decision back, and put it back if the new one fails.
        let undone = self.take_back(1);
        if let Err(why) = self.state.clone_free_check(&self.input, &decision) {
            self.apply_act(undone.decisions);
            return Err(why);
        }
        self.history.redo.clear();
        let mut outcome = self.apply_act(vec![decision]);
        outcome.touched.extend(undone.touched);
        Ok(outcome)
    }

    /// Takes back the last act (a batch as a whole); it can be redone.
    pub fn undo(&mut self) -> Option<Outcome> {
        let start = self.history.last_act_start()?;
        let outcome = self.take_back(self.history.decisions.len() - start);
        self.history.redo.push(outcome.decisions.clone());
        Some(outcome)
    }

    /// Makes again the act last undone.
    pub fn redo(&mut self) -> Option<Outcome> {
        let act = self.history.redo.pop()?;
        let mut probe = self.state.clone();
        for decision in &act {
            if probe.apply(&self.input, decision).is_err() {
                // Cannot happen: it applied before and only undone acts
                // came after it. Keep it rather than lose it.
                self.history.redo.push(act);
                return None;
            }
        }
        Some(self.apply_act(act))
    }

    /// `look` at the session as it was before the last act, then the
    /// session as it is again: the act is taken back and made again, which
    /// restores every figure exactly (undo then redo is the identity; see
    /// the property tests). `None` when there is no act to take back.
    /// Cheaper than a copy of the session, whose input may be a million
    /// people.
    pub fn before_last_act<R>(&mut self, look: impl FnOnce(&Session) -> R) -> Option<R> {
        self.undo()?;
        let seen = look(self);
        let redone = self.redo();
        debug_assert!(redone.is_some(), "an act just taken back is made again");
        Some(seen)
    }

    /// Gives the last decision another reason (`None` or blank: none, which
    /// an override refuses). Nothing else changes.
    pub fn amend_reason(&mut self, reason: Option<String>) -> Result<(), String> {
        let reason = reason.filter(|r| !is_blank(Some(r)));
        let Some(last) = self.history.decisions.last_mut() else {
            return Err("there is no decision to give a reason to".to_string());
        };
        if last.change.needs_reason() && reason.is_none() {
            return Err("an override keeps its reason: it cannot be blank".to_string());
        }
        last.reason = reason;
        let last = last.clone();
        // An override carries its reason into the export.
        if last.change.needs_reason() {
            self.state.apply(&self.input, &last)?;
        }
        Ok(())
    }

    /// Revokes decision `index` (0-based): appends the decision that
    /// restores its target to what it was before it, with `reason`
    /// (required). `template` gives `at` and `by`. A decision that a later
    /// one replaced is no longer in force and cannot be revoked.
    pub fn revoke(
        &mut self,
        index: usize,
        reason: &str,
        template: &Decision,
    ) -> Result<Outcome, String> {
        if is_blank(Some(reason)) {
            return Err("revoking a decision needs a reason".to_string());
        }
        let change = revoke::restoring_change(self, index)?;
        let decision = Decision {
            change,
            reason: Some(reason.to_string()),
            revokes: Some(index + 1),
            batch: None,
            extra: Vec::new(),
            ..template.clone()
        };
        self.decide(decision).map_err(String::from)
    }

    /// Applies decisions that are known to apply, recording what each moved
    /// when figures are tracked.
    fn apply_act(&mut self, decisions: Vec<Decision>) -> Outcome {
        let mut outcome = Outcome::default();
        if decisions.len() == 1 {
            for decision in decisions {
                if let Ok((touched, moved)) = self.apply_one(decision.clone()) {
                    outcome.touched.push(touched);
                    outcome.moved += moved;
                    outcome.decisions.push(decision);
                }
            }
        } else {
            outcome = self.apply_batch(decisions);
        }
        self.refresh_figures(&outcome.touched);
        outcome
    }

    /// Applies a batch as one computation: every decision into the state,
    /// then one recomputation of what they touched (each group graded
    /// once, however many of its raters the batch adjusts).
    fn apply_batch(&mut self, decisions: Vec<Decision>) -> Outcome {
        let mut touched: Vec<Touched> = decisions
            .iter()
            .filter_map(|d| Touched::of(&self.input, &d.change))
            .collect();
        let before = if self.keep_notes {
            let mut groups: Vec<usize> = touched
                .iter()
                .flat_map(|&t| self.groups_touched_by(t))
                .collect();
            groups.sort_unstable();
            groups.dedup();
            self.grades_of(&groups)
        } else {
            Vec::new()
        };
        let start = self.history.decisions.len();
        let mut made = Vec::with_capacity(decisions.len());
        touched.clear();
        for decision in decisions {
            if let Ok(t) = self.state.apply(&self.input, &decision) {
                touched.push(t);
                made.push(decision.clone());
                self.history.decisions.push(decision);
            }
        }
        self.results
            .update(&self.input, &self.baseline, &self.state, &touched);
        let moved: Vec<usize> = before
            .into_iter()
            .filter(|&(e, grade)| self.results.employees[e].grade != grade)
            .map(|(e, _)| e)
            .collect();
        let count = moved.len();
        if self.keep_notes {
            let mut moved = Some(moved);
            for _ in 0..made.len() {
                self.history.notes.push(Note {
                    moved: moved.take().unwrap_or_default(),
                    batch_start: Some(start),
                });
            }
        }
        Outcome {
            decisions: made,
            moved: count,
            touched,
        }
    }

    /// Applies one decision and appends it to the record.
    fn apply_one(&mut self, decision: Decision) -> Result<(Touched, usize), String> {
        let tracking = self.keep_notes;
        let before = match Touched::of(&self.input, &decision.change) {
            Some(t) if tracking => self.grades_of(&self.groups_touched_by(t)),
            _ => Vec::new(),
        };
        let touched = self.state.apply(&self.input, &decision)?;
        self.results
            .update(&self.input, &self.baseline, &self.state, &[touched]);
        let moved: Vec<usize> = before
            .into_iter()
            .filter(|&(e, grade)| self.results.employees[e].grade != grade)
            .map(|(e, _)| e)
            .collect();
        let count = moved.len();
        self.history.decisions.push(decision);
        if tracking {
            self.history.notes.push(Note {
                moved,
                batch_start: None,
            });
        }
        Ok((touched, count))
    }

    /// Takes back the last `count` decisions, newest first: each target
    /// returns to the last earlier decision about it, or to the input.
    fn take_back(&mut self, count: usize) -> Outcome {
        let keep = self.history.decisions.len().saturating_sub(count);
        let mut undone = self.history.decisions.split_off(keep);
        self.history.notes.truncate(keep);
        // The last earlier decision about each target, found in one pass.
        let needed: BTreeSet<(u8, &str)> = undone.iter().map(|d| d.change.target()).collect();
        let mut earlier: std::collections::HashMap<(u8, &str), usize> =
            std::collections::HashMap::new();
        for (i, d) in self.history.decisions.iter().enumerate().rev() {
            if earlier.len() == needed.len() {
                break;
            }
            let key = d.change.target();
            if needed.contains(&key) {
                earlier.entry(key).or_insert(i);
            }
        }
        let mut touched = Vec::new();
        for decision in undone.iter().rev() {
            if let Some(t) = self.state.reset(&self.input, &decision.change) {
                if let Some(&i) = earlier.get(&decision.change.target()) {
                    // It applied before, so it applies again.
                    let _ = self.state.apply(&self.input, &self.history.decisions[i]);
                }
                touched.push(t);
            }
        }
        let groups: BTreeSet<usize> = touched
            .iter()
            .flat_map(|&t| self.groups_touched_by(t))
            .collect();
        let groups: Vec<usize> = groups.into_iter().collect();
        let before = self.grades_of(&groups);
        self.results
            .update(&self.input, &self.baseline, &self.state, &touched);
        let moved = before
            .into_iter()
            .filter(|&(e, grade)| self.results.employees[e].grade != grade)
            .count();
        self.refresh_figures(&touched);
        Outcome {
            decisions: std::mem::take(&mut undone),
            moved,
            touched,
        }
    }

    fn grades_of(&self, groups: &[usize]) -> Vec<(usize, Option<u8>)> {
        groups
            .iter()
            .flat_map(|&g| self.input.groups[g].employees.iter())
            .map(|&e| (e, self.results.employees[e].grade))
            .collect()
    }

    fn refresh_figures(&mut self, touched: &[Touched]) {
        if let Some(mut figures) = self.figures.take() {
            figures.refresh(self, touched);
            self.figures = Some(figures);
        }
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
            Touched::Record => Vec::new(),
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

    /// What the session file says about itself.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The results with no decision at all: the grades *before*
    /// calibration (attribute review, statements).
    pub fn uncalibrated(&self) -> Results {
        Results::compute(&self.input, &self.baseline, &State::initial(&self.input))
    }

    /// The previous cycle's export (contract 6.6), when one was given.
    pub fn previous(&self) -> Option<&Previous> {
        self.previous.as_ref()
    }

    /// Sets (or, with `None`, drops) the previous cycle's export. It
    /// changes no number of this cycle: only `previous_grade`, the
    /// `big_mover` flag and the raters' track records read it.
    pub fn set_previous(&mut self, previous: Option<Previous>) {
        self.previous = previous;
    }

    /// Records which input folder the session belongs to.
    pub fn set_input(&mut self, input: Option<String>) {
        self.header.input = input;
    }

    /// Who signed the session off, while it is.
    pub fn signed_off(&self) -> Option<&crate::engine::decision::SignedOff> {
        self.state.signed_off.as_ref()
    }

    /// The decisions as a session file to save.
    pub fn to_file(&self) -> SessionFile {
        SessionFile {
            decisions: self.history.decisions.clone(),
            header: self.header.clone(),
            ..SessionFile::default()
        }
    }
}

#[cfg(test)]
mod tests;
