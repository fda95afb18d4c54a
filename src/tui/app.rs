//! The TUI's state (the Elm architecture's model): the session, the
//! selections and the figures derived from the results, kept up to date one
//! touched rater or group at a time. State changes only in [`App::update`]
//! (`update.rs`). Nothing here touches the terminal or the disk.

use std::path::PathBuf;

use super::histogram::Histograms;
use super::theme::Theme;
use super::view::{EmployeesView, RaterSort};
use crate::engine::bias::{self, RaterBias};
use crate::engine::decision::{Change, Decision, SessionFile, Touched};
use crate::engine::diagnostic::Diagnostics;
use crate::engine::model::Input;
use crate::engine::session::Session;
use crate::engine::warnings;

pub use super::action::{Action, Effect, Mode, Prompt, PromptKind, Screen, Tone};
pub use super::update::describe;

/// One decision as the record screen shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DecisionNote {
    /// Decisions made by one command share a batch and are undone together.
    pub batch: u32,
    /// How many employees' final grades the decision changed.
    pub moved: usize,
}

/// Where the session lives and what it is called, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The input as shown to the operator (folder path or `<demo>`).
    pub input: String,
    /// The session file; `None` when nothing is saved.
    pub session_path: Option<PathBuf>,
    /// Default export path offered by the export prompt (without extension).
    pub export_stem: String,
    /// Who is recorded as deciding (`by`), if known.
    pub by: Option<String>,
}

pub struct App {
    pub session: Session,
    pub origin: Origin,
    pub theme: Theme,
    /// Shown once at start (e.g. "resumed 7 decisions").
    pub notice: Option<String>,
    pub histograms: Histograms,
    pub screen: Screen,
    pub mode: Mode,
    pub privacy: bool,
    pub message: Option<(String, Tone)>,
    /// Why the last save failed; the status line shows NOT SAVED until a
    /// save succeeds (the decisions are still in memory).
    pub unsaved: Option<String>,
    /// Rater bias figures of raters with ratings, in input order.
    pub biases: Vec<RaterBias>,
    /// Per rater: position in `biases`.
    pub(super) bias_index: Vec<Option<usize>>,
    /// What decisions touched since the derived figures were last refreshed.
    pub(super) pending: Vec<Touched>,
    /// Warnings no decision changes (unrated, small samples, quota table).
    pub(super) fixed_warnings: usize,
    /// Per group: its current warnings (mixed pool, violations, ties).
    pub(super) group_warnings: Vec<usize>,
    pub rater_sort: RaterSort,
    /// Raters with ratings, in display order.
    pub rater_order: Vec<usize>,
    /// Position in `rater_order`.
    pub rater_selected: usize,
    pub group_selected: usize,
    /// Position within the selected group's departments.
    pub department_selected: usize,
    pub employees: EmployeesView,
    /// Position in the record, newest first.
    pub decision_selected: usize,
    /// Per decision, in order.
    pub notes: Vec<DecisionNote>,
    /// Undone batches, most recent last.
    pub(super) redo: Vec<Vec<Decision>>,
    pub(super) next_batch: u32,
    /// The rater adjusted by the previous action: a run of adjustments to
    /// the same rater is kept as one decision.
    pub(super) adjusting: Option<usize>,
}

impl App {
    /// Opens an input with a saved session, replaying it decision by decision
    /// so that the record can say what each one moved.
    pub fn new(
        input: Input,
        file: &SessionFile,
        origin: Origin,
        theme: Theme,
    ) -> Result<Self, Diagnostics> {
        // Validate every decision first, so that a bad file is refused whole.
        crate::engine::decision::State::replay(&input, &file.decisions, |i| file.location(i))?;
        let session = Session::new(input);
        let mut app = App {
            // Both are built by `refresh_all` below, once.
            employees: EmployeesView::default(),
            histograms: Histograms::default(),
            notice: None,
            theme,
            session,
            origin,
            screen: Screen::Raters,
            mode: Mode::Normal,
            privacy: false,
            message: None,
            unsaved: None,
            biases: Vec::new(),
            bias_index: Vec::new(),
            pending: Vec::new(),
            fixed_warnings: 0,
            group_warnings: Vec::new(),
            rater_sort: RaterSort::Bias,
            rater_order: Vec::new(),
            rater_selected: 0,
            group_selected: 0,
            department_selected: 0,
            decision_selected: 0,
            notes: Vec::new(),
            redo: Vec::new(),
            next_batch: 0,
            adjusting: None,
        };
        for decision in &file.decisions {
            let batch = app.new_batch();
            // Validated above: cannot fail.
            let _ = app.apply(decision.clone(), batch);
        }
        app.refresh_all();
        Ok(app)
    }

    pub(super) fn new_batch(&mut self) -> u32 {
        self.next_batch += 1;
        self.next_batch
    }

    /// Applies one decision and records what it moved.
    pub(super) fn apply(&mut self, decision: Decision, batch: u32) -> Result<(), String> {
        let change = decision.change.clone();
        let probe = match &change {
            Change::RaterScale { rater, .. } => {
                self.session.input.rater_index(rater).map(Touched::Rater)
            }
            Change::DepartmentGrade { department, .. } => self
                .session
                .input
                .department_index(department)
                .map(Touched::Department),
            Change::Override { employee, .. } | Change::ClearOverride { employee } => self
                .session
                .input
                .employee_index(employee)
                .map(Touched::Employee),
        };
        let before: Vec<(usize, Option<u8>)> = probe
            .map(|t| self.session.groups_touched_by(t))
            .unwrap_or_default()
            .into_iter()
            .flat_map(|g| self.session.input.groups[g].employees.clone())
            .map(|e| (e, self.session.results().employees[e].grade))
            .collect();
        let touched = self.session.decide(decision)?;
        self.pending.push(touched);
        let results = self.session.results();
        let moved = before
            .iter()
            .filter(|&&(e, grade)| results.employees[e].grade != grade)
            .count();
        self.notes.push(DecisionNote { batch, moved });
        Ok(())
    }

    /// Computes every derived figure from scratch.
    fn refresh_all(&mut self) {
        self.pending.clear();
        self.biases = bias::rater_biases(&self.session);
        self.bias_index = vec![None; self.session.input.raters.len()];
        for (i, b) in self.biases.iter().enumerate() {
            self.bias_index[b.rater] = Some(i);
        }
        self.histograms = Histograms::new(&self.session, &self.biases);
        let session = &self.session;
        let unrated = (0..session.input.employees.len())
            .filter(|&e| !session.input.is_rated(e))
            .count();
        self.fixed_warnings =
            unrated + warnings::about_input(&session.input, &session.baseline).len();
        self.group_warnings = vec![0; session.input.groups.len()];
        for g in 0..session.input.groups.len() {
            self.count_group_warnings(g);
        }
        self.sort_raters();
        self.refresh_views();
    }

    fn count_group_warnings(&mut self, g: usize) {
        let mut found = Vec::new();
        let session = &self.session;
        warnings::about_group(
            &session.input,
            session.state(),
            session.results(),
            g,
            &mut found,
        );
        self.group_warnings[g] = found.len();
    }

    /// Recomputes what the pending decisions touched (after any decision):
    /// one rater's figures, or the grade mixes after a department regrade.
    pub(super) fn refresh(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let mut regraded = Vec::new();
        for &touched in &pending {
            for g in self.session.groups_touched_by(touched) {
                self.count_group_warnings(g);
            }
        }
        for touched in pending {
            match touched {
                Touched::Rater(r) => {
                    if let Some(i) = self.bias_index[r] {
                        bias::refresh_adjusted(&self.session, &mut self.biases[i]);
                    }
                    self.histograms.update_rater(&self.session, r);
                }
                Touched::Department(d) => regraded.push(d),
                Touched::Employee(_) => {}
            }
        }
        for d in regraded {
            bias::refresh_after_regrade(&self.session, &mut self.biases, d);
        }
        self.histograms.refresh_scale(&self.biases);
        self.refresh_views();
    }

    /// What every decision can change: counts, the table, the selections.
    fn refresh_views(&mut self) {
        self.employees.refresh(&self.session);
        let groups = self.session.input.groups.len();
        self.group_selected = self.group_selected.min(groups.saturating_sub(1));
        self.decision_selected = self
            .decision_selected
            .min(self.session.decisions().len().saturating_sub(1));
    }

    pub(super) fn sort_raters(&mut self) {
        let selected = self.selected_rater();
        let biases = &self.biases;
        let raters = &self.session.input.raters;
        let mut order: Vec<usize> = (0..biases.len()).collect();
        match self.rater_sort {
            RaterSort::Name => {
                order.sort_by(|&a, &b| raters[biases[a].rater].id.cmp(&raters[biases[b].rater].id))
            }
            RaterSort::Bias => order.sort_by(|&a, &b| {
                let key = |i: usize| biases[i].mean_diff.unwrap_or(0.0);
                key(b).total_cmp(&key(a))
            }),
            RaterSort::Size => {
                order.sort_by(|&a, &b| biases[b].summary.n.cmp(&biases[a].summary.n))
            }
        }
        self.rater_order = order.into_iter().map(|i| biases[i].rater).collect();
        self.rater_selected = selected
            .and_then(|r| self.rater_order.iter().position(|&x| x == r))
            .unwrap_or(0);
    }

    /// Every warning the engine would print for this session, counted from
    /// the parts kept up to date (the fixed ones, and each group's).
    pub fn warning_count(&self) -> usize {
        self.fixed_warnings + self.group_warnings.iter().sum::<usize>()
    }

    /// The selected rater's index in the input.
    pub fn selected_rater(&self) -> Option<usize> {
        self.rater_order.get(self.rater_selected).copied()
    }

    /// Bias figures of a rater.
    pub fn bias_of(&self, rater: usize) -> Option<&RaterBias> {
        self.bias_index
            .get(rater)
            .copied()
            .flatten()
            .map(|i| &self.biases[i])
    }

    /// The selected department (input index) on the groups screen.
    pub fn selected_department(&self) -> Option<usize> {
        let group = self.session.input.groups.get(self.group_selected)?;
        group
            .departments
            .get(
                self.department_selected
                    .min(group.departments.len().saturating_sub(1)),
            )
            .copied()
    }

    /// Shows an employee's or rater's name, or their id in privacy mode.
    pub fn employee_name(&self, e: usize) -> &str {
        let employee = &self.session.input.employees[e];
        if self.privacy {
            &employee.id
        } else {
            &employee.name
        }
    }

    pub fn rater_name(&self, r: usize) -> &str {
        let rater = &self.session.input.raters[r];
        if self.privacy { &rater.id } else { &rater.name }
    }

    pub(super) fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.message = Some((text.into(), tone));
    }

    /// Records the outcome of an effect the shell carried out.
    pub fn report(&mut self, text: impl Into<String>, ok: bool) {
        self.say(text, if ok { Tone::Success } else { Tone::Error });
    }
}
