//! The TUI's state and its one `update` function (the Elm architecture):
//! every user intent is an [`Action`]; state changes only in [`App::update`],
//! which returns the [`Effect`]s (saving, exporting, quitting) for the shell
//! to carry out. Nothing here touches the terminal or the disk.

use std::path::PathBuf;

use rust_decimal::Decimal;

use super::histogram::Histograms;
use super::theme::Theme;
use super::view::{EmployeesView, RaterSort};
use crate::engine::bias::{self, RaterBias};
use crate::engine::decision::{Change, Decision, SessionFile, Touched};
use crate::engine::diagnostic::Diagnostics;
use crate::engine::model::Input;
use crate::engine::session::Session;
use crate::engine::transform::Transform;
use crate::engine::warnings;

/// The screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Raters,
    Groups,
    Employees,
    Decisions,
}

impl Screen {
    pub const ALL: [Screen; 4] = [
        Screen::Raters,
        Screen::Groups,
        Screen::Employees,
        Screen::Decisions,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Raters => "Raters",
            Screen::Groups => "Departments & quotas",
            Screen::Employees => "Employees",
            Screen::Decisions => "Decisions",
        }
    }

    fn index(self) -> usize {
        Screen::ALL.iter().position(|&s| s == self).unwrap_or(0)
    }
}

/// Everything the operator can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave calibra; every decision is already on disk.
    Quit,
    /// Show the next screen.
    NextScreen,
    /// Show the previous screen.
    PrevScreen,
    /// Show a given screen.
    Show(Screen),
    /// Open or close the key list.
    ToggleHelp,
    /// Show ids instead of names (for discussing raters' distributions).
    TogglePrivacy,
    /// Drop the last decision (or the last batch, such as "z-score all").
    Undo,
    /// Re-apply what was last undone.
    Redo,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move the selection left (previous rater, previous department).
    Left,
    /// Move the selection right.
    Right,
    /// Move a page up.
    PageUp,
    /// Move a page down.
    PageDown,
    /// Go to the first row.
    Top,
    /// Go to the last row.
    Bottom,
    /// Cycle the sort order of the current list.
    Sort,
    /// Reverse the sort order of the current list.
    ReverseSort,
    /// Z-score the selected rater to the pool.
    ZScore,
    /// Z-score every rater to the pool, as one batch.
    ZScoreAll,
    /// Quantile-map the selected rater onto the pool.
    Quantile,
    /// Return the selected rater to raw scores.
    ResetScale,
    /// Raters: shift up a point; groups: raise the department's grade;
    /// employees: override one grade up.
    Raise,
    /// The opposite of [`Action::Raise`].
    Lower,
    /// Stretch the selected rater's spread by 10%.
    StretchMore,
    /// Squeeze the selected rater's spread by 10%.
    StretchLess,
    /// Clear the selected employee's override.
    ClearOverride,
    /// Start typing a filter for the employee table.
    Filter,
    /// Start an export (asks for the path).
    Export,
    /// Give the last decision a reason (asks for it).
    Annotate,
    /// Prompt: type a character.
    Type(char),
    /// Prompt: delete the last character.
    Erase,
    /// Prompt: confirm.
    Submit,
    /// Prompt: cancel.
    Cancel,
    /// Export prompt: switch between CSV and JSON.
    SwitchFormat,
}

/// Side effects for the shell to carry out after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the decisions to the session file now.
    Save,
    /// Write the export to `path`.
    Export { path: PathBuf, json: bool },
    /// Leave the event loop.
    Quit,
}

/// What a prompt is asking for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// The reason for an override (or its removal) that is waiting for one.
    Reason(Change),
    /// A reason to attach to the last decision.
    Annotate,
    /// The employee table's filter (applied as it is typed).
    Filter,
    /// The export path.
    Export { json: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    /// What the prompt says above the input.
    pub question: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    Prompt(Prompt),
}

/// How a message in the status area should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Error,
}

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
    pub warning_count: usize,
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
    bias_index: Vec<Option<usize>>,
    /// What decisions touched since the derived figures were last refreshed.
    pending: Vec<Touched>,
    /// Warnings no decision changes (unrated, small samples, quota table).
    fixed_warnings: usize,
    /// Per group: its current warnings (mixed pool, violations, ties).
    group_warnings: Vec<usize>,
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
    redo: Vec<Vec<Decision>>,
    next_batch: u32,
    /// The rater adjusted by the previous action: a run of adjustments to
    /// the same rater is kept as one decision.
    adjusting: Option<usize>,
    pub should_quit: bool,
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
            employees: EmployeesView::new(&session),
            histograms: Histograms::new(&session, &[]),
            warning_count: 0,
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
            should_quit: false,
        };
        for decision in &file.decisions {
            let batch = app.new_batch();
            // Validated above: cannot fail.
            let _ = app.apply(decision.clone(), batch);
        }
        app.refresh_all();
        Ok(app)
    }

    fn new_batch(&mut self) -> u32 {
        self.next_batch += 1;
        self.next_batch
    }

    /// Applies one decision and records what it moved.
    fn apply(&mut self, decision: Decision, batch: u32) -> Result<(), String> {
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
    fn refresh(&mut self) {
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
        self.warning_count = self.fixed_warnings + self.group_warnings.iter().sum::<usize>();
        self.employees.refresh(&self.session);
        let groups = self.session.input.groups.len();
        self.group_selected = self.group_selected.min(groups.saturating_sub(1));
        self.decision_selected = self
            .decision_selected
            .min(self.session.decisions().len().saturating_sub(1));
    }

    fn sort_raters(&mut self) {
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

    fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.message = Some((text.into(), tone));
    }

    fn decision(&self, change: Change, reason: Option<String>, now: &str) -> Decision {
        Decision {
            change,
            reason: reason.filter(|r| !r.trim().is_empty()),
            at: Some(now.to_string()),
            by: self.origin.by.clone(),
        }
    }

    /// Makes a batch of decisions (one command), saving them.
    fn decide(&mut self, decisions: Vec<Decision>, summary: &str) -> Vec<Effect> {
        let batch = self.new_batch();
        let mut moved = 0;
        let mut made = 0;
        for decision in decisions {
            match self.apply(decision, batch) {
                Ok(()) => {
                    moved += self.notes.last().map_or(0, |n| n.moved);
                    made += 1;
                }
                Err(message) => {
                    self.say(format!("Not applied: {message}"), Tone::Error);
                    break;
                }
            }
        }
        if made == 0 {
            return Vec::new();
        }
        self.redo.clear();
        self.refresh();
        self.say(
            format!(
                "{summary}: {moved} grade{} moved",
                if moved == 1 { "" } else { "s" }
            ),
            Tone::Success,
        );
        vec![Effect::Save]
    }

    /// Replaces the last decision (same batch) when the operator keeps
    /// adjusting the same rater, so that a run of key presses is one decision.
    fn adjust_rater(&mut self, rater: usize, transform: Transform, now: &str) -> Vec<Effect> {
        let id = self.session.input.raters[rater].id.clone();
        let last_is_same = self.adjusting == Some(rater)
            && matches!(
                self.session.decisions().last(),
                Some(Decision { change: Change::RaterScale { rater: r, .. }, .. }) if *r == id
            );
        let reason = if last_is_same {
            let previous = self
                .session
                .decisions()
                .last()
                .and_then(|d| d.reason.clone());
            self.undo_batch();
            previous
        } else {
            None
        };
        let reason = reason.or_else(|| Some(describe_adjustment(self, rater, &transform)));
        let decision = self.decision(
            Change::RaterScale {
                rater: id.clone(),
                transform,
            },
            reason,
            now,
        );
        let effects = self.decide(vec![decision], &format!("{id}: {transform}"));
        self.adjusting = Some(rater);
        effects
    }

    /// Drops the last batch of decisions; returns them, oldest first.
    fn undo_batch(&mut self) -> Vec<Decision> {
        let Some(batch) = self.notes.last().map(|n| n.batch) else {
            return Vec::new();
        };
        let mut undone = Vec::new();
        while self.notes.last().is_some_and(|n| n.batch == batch) {
            self.notes.pop();
            if let Some((d, touched)) = self.session.undo_with_changes() {
                self.pending.extend(touched);
                undone.push(d);
            }
        }
        undone.reverse();
        undone
    }

    /// The one place state changes. `now` stamps new decisions (RFC 3339).
    pub fn update(&mut self, action: Action, now: &str) -> Vec<Effect> {
        match self.mode.clone() {
            Mode::Help => {
                self.mode = Mode::Normal;
                if action == Action::Quit {
                    self.should_quit = true;
                    return vec![Effect::Quit];
                }
                Vec::new()
            }
            Mode::Prompt(prompt) => self.update_prompt(prompt, action, now),
            Mode::Normal => self.update_normal(action, now),
        }
    }

    fn update_normal(&mut self, action: Action, now: &str) -> Vec<Effect> {
        self.message = None;
        let adjusting = self.adjusting.take();
        if matches!(
            action,
            Action::Raise | Action::Lower | Action::StretchMore | Action::StretchLess
        ) && self.screen == Screen::Raters
        {
            self.adjusting = adjusting;
        }
        match action {
            Action::Quit => {
                self.should_quit = true;
                vec![Effect::Quit]
            }
            Action::NextScreen => {
                self.screen = Screen::ALL[(self.screen.index() + 1) % Screen::ALL.len()];
                Vec::new()
            }
            Action::PrevScreen => {
                self.screen =
                    Screen::ALL[(self.screen.index() + Screen::ALL.len() - 1) % Screen::ALL.len()];
                Vec::new()
            }
            Action::Show(screen) => {
                self.screen = screen;
                Vec::new()
            }
            Action::ToggleHelp => {
                self.mode = Mode::Help;
                Vec::new()
            }
            Action::TogglePrivacy => {
                self.privacy = !self.privacy;
                self.employees.refresh(&self.session);
                self.say(
                    if self.privacy {
                        "Privacy on: ids instead of names"
                    } else {
                        "Privacy off: names shown"
                    },
                    Tone::Info,
                );
                Vec::new()
            }
            Action::Undo => {
                let undone = self.undo_batch();
                if undone.is_empty() {
                    self.say("Nothing to undo", Tone::Info);
                    return Vec::new();
                }
                let what = describe(&undone[0]);
                let count = undone.len();
                self.redo.push(undone);
                self.refresh();
                self.say(
                    if count == 1 {
                        format!("Undone: {what}")
                    } else {
                        format!("Undone {count} decisions ({what} …)")
                    },
                    Tone::Success,
                );
                vec![Effect::Save]
            }
            Action::Redo => {
                let Some(batch) = self.redo.pop() else {
                    self.say("Nothing to redo", Tone::Info);
                    return Vec::new();
                };
                let rest = std::mem::take(&mut self.redo);
                let effects = self.decide(batch, "Redone");
                self.redo = rest;
                effects
            }
            Action::Sort | Action::ReverseSort => {
                match self.screen {
                    Screen::Raters if action == Action::Sort => {
                        self.rater_sort = self.rater_sort.next();
                        self.sort_raters();
                        self.say(
                            format!("Raters sorted by {}", self.rater_sort.label()),
                            Tone::Info,
                        );
                    }
                    Screen::Employees => {
                        if action == Action::Sort {
                            self.employees.sort = self.employees.sort.next();
                        } else {
                            self.employees.descending = !self.employees.descending;
                        }
                        self.employees.refresh(&self.session);
                        self.say(
                            format!(
                                "Sorted by {} {}",
                                self.employees.sort.label(),
                                if self.employees.descending {
                                    "↓"
                                } else {
                                    "↑"
                                }
                            ),
                            Tone::Info,
                        );
                    }
                    _ => {}
                }
                Vec::new()
            }
            Action::Up
            | Action::Down
            | Action::Left
            | Action::Right
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                self.navigate(action);
                Vec::new()
            }
            Action::ZScore
            | Action::Quantile
            | Action::ResetScale
            | Action::StretchMore
            | Action::StretchLess => {
                let Some(rater) = self.selected_rater() else {
                    return Vec::new();
                };
                let current = self.session.state().transforms[rater];
                let transform = match action {
                    Action::ZScore => Transform::ZScore {
                        mean: None,
                        sd: None,
                    },
                    Action::Quantile => Transform::Quantile,
                    Action::ResetScale => Transform::None,
                    Action::StretchMore => stretch(current, Decimal::new(11, 1)),
                    _ => stretch(current, Decimal::new(9, 1)),
                };
                if transform == current {
                    self.say(format!("Already {transform}"), Tone::Info);
                    return Vec::new();
                }
                self.adjust_rater(rater, transform, now)
            }
            Action::ZScoreAll => {
                let decisions: Vec<Decision> = self
                    .biases
                    .iter()
                    .map(|b| b.rater)
                    .filter(|&r| {
                        self.session.state().transforms[r]
                            != Transform::ZScore {
                                mean: None,
                                sd: None,
                            }
                    })
                    .map(|r| {
                        self.decision(
                            Change::RaterScale {
                                rater: self.session.input.raters[r].id.clone(),
                                transform: Transform::ZScore {
                                    mean: None,
                                    sd: None,
                                },
                            },
                            Some("z-score every rater to the pool".to_string()),
                            now,
                        )
                    })
                    .collect();
                if decisions.is_empty() {
                    self.say("Every rater is already z-scored", Tone::Info);
                    return Vec::new();
                }
                let n = decisions.len();
                self.decide(decisions, &format!("Z-scored {n} raters"))
            }
            Action::Raise | Action::Lower => self.raise_or_lower(action == Action::Raise, now),
            Action::ClearOverride => {
                let Some(e) = self.employees.selected_employee() else {
                    return Vec::new();
                };
                if self.session.state().overrides[e].is_none() {
                    self.say("This person has no override", Tone::Info);
                    return Vec::new();
                }
                let id = self.session.input.employees[e].id.clone();
                self.open_prompt(
                    PromptKind::Reason(Change::ClearOverride {
                        employee: id.clone(),
                    }),
                    format!(
                        "Clear the override of {id} {} — reason (optional):",
                        self.employee_name(e)
                    ),
                    String::new(),
                );
                Vec::new()
            }
            Action::Filter => {
                self.screen = Screen::Employees;
                let text = self.employees.filter.clone();
                self.open_prompt(
                    PromptKind::Filter,
                    "Filter (id, name, department, grade):".into(),
                    text,
                );
                Vec::new()
            }
            Action::Export => {
                let path = format!("{}.csv", self.origin.export_stem);
                self.open_prompt(
                    PromptKind::Export { json: false },
                    "Export final grades to (Tab: CSV/JSON):".into(),
                    path,
                );
                Vec::new()
            }
            Action::Annotate => {
                let Some(last) = self.session.decisions().last() else {
                    self.say("No decision to annotate yet", Tone::Info);
                    return Vec::new();
                };
                let question = format!("Reason for: {}", describe(last));
                let text = last.reason.clone().unwrap_or_default();
                self.open_prompt(PromptKind::Annotate, question, text);
                Vec::new()
            }
            Action::Type(_)
            | Action::Erase
            | Action::Submit
            | Action::Cancel
            | Action::SwitchFormat => Vec::new(),
        }
    }

    fn open_prompt(&mut self, kind: PromptKind, question: String, text: String) {
        self.mode = Mode::Prompt(Prompt {
            kind,
            question,
            text,
        });
    }

    fn raise_or_lower(&mut self, up: bool, now: &str) -> Vec<Effect> {
        match self.screen {
            Screen::Raters => {
                let Some(rater) = self.selected_rater() else {
                    return Vec::new();
                };
                let step = Decimal::ONE;
                let current = self.session.state().transforms[rater];
                let transform = shift(current, if up { step } else { -step }, self.bias_of(rater));
                self.adjust_rater(rater, transform, now)
            }
            Screen::Groups => {
                let Some(d) = self.selected_department() else {
                    return Vec::new();
                };
                let policy = &self.session.input.policy;
                let current = self.session.state().department_grades[d];
                let target = if up {
                    current.checked_sub(1)
                } else {
                    Some(current + 1)
                }
                .filter(|&g| g < policy.department_grades.len());
                let Some(target) = target else {
                    self.say(
                        if up {
                            "Already the best department grade"
                        } else {
                            "Already the worst department grade"
                        },
                        Tone::Info,
                    );
                    return Vec::new();
                };
                let department = self.session.input.departments[d].id.clone();
                let from = policy.department_grades[current].clone();
                let grade = policy.department_grades[target].clone();
                let question =
                    format!("{department}: department grade {from} → {grade}. Reason (optional):");
                self.open_prompt(
                    PromptKind::Reason(Change::DepartmentGrade { department, grade }),
                    question,
                    String::new(),
                );
                Vec::new()
            }
            Screen::Employees => {
                let Some(e) = self.employees.selected_employee() else {
                    return Vec::new();
                };
                let result = self.session.results().employees[e];
                let Some(current) = result.grade else {
                    self.say(
                        "This person is unrated: there is no grade to override",
                        Tone::Error,
                    );
                    return Vec::new();
                };
                let grades = &self.session.input.policy.grades;
                let target = if up {
                    (current as usize).checked_sub(1)
                } else {
                    Some(current as usize + 1)
                }
                .filter(|&g| g < grades.len());
                let Some(target) = target else {
                    self.say(
                        if up {
                            "Already the best grade"
                        } else {
                            "Already the worst grade"
                        },
                        Tone::Info,
                    );
                    return Vec::new();
                };
                let id = self.session.input.employees[e].id.clone();
                let from = grades[current as usize].id.clone();
                let to = grades[target].id.clone();
                let change = if Some(target as u8) == result.auto_grade {
                    Change::ClearOverride {
                        employee: id.clone(),
                    }
                } else {
                    Change::Override {
                        employee: id.clone(),
                        grade: to.clone(),
                    }
                };
                let question = format!(
                    "{id} {}: {from} → {to}. Reason (required):",
                    self.employee_name(e)
                );
                self.open_prompt(PromptKind::Reason(change), question, String::new());
                Vec::new()
            }
            Screen::Decisions => Vec::new(),
        }
    }

    fn navigate(&mut self, action: Action) {
        match self.screen {
            Screen::Raters => {
                let n = self.rater_order.len();
                if n == 0 {
                    return;
                }
                self.rater_selected = match action {
                    Action::Left | Action::Up => (self.rater_selected + n - 1) % n,
                    Action::Right | Action::Down => (self.rater_selected + 1) % n,
                    _ => self.rater_selected,
                };
            }
            Screen::Groups => {
                let n = self.session.input.groups.len();
                match action {
                    Action::Up => self.group_selected = self.group_selected.saturating_sub(1),
                    Action::Down => {
                        self.group_selected = (self.group_selected + 1).min(n.saturating_sub(1))
                    }
                    Action::Left => {
                        self.department_selected = self.department_selected.saturating_sub(1)
                    }
                    Action::Right => {
                        let count = self.session.input.groups[self.group_selected]
                            .departments
                            .len();
                        self.department_selected =
                            (self.department_selected + 1).min(count.saturating_sub(1));
                    }
                    _ => {}
                }
                if matches!(action, Action::Up | Action::Down) {
                    self.department_selected = 0;
                }
            }
            Screen::Employees => self.employees.navigate(action),
            Screen::Decisions => {
                let n = self.session.decisions().len();
                self.decision_selected = match action {
                    Action::Up => self.decision_selected.saturating_sub(1),
                    Action::Down => (self.decision_selected + 1).min(n.saturating_sub(1)),
                    _ => self.decision_selected,
                };
            }
        }
    }

    fn update_prompt(&mut self, mut prompt: Prompt, action: Action, now: &str) -> Vec<Effect> {
        match action {
            Action::Type(c) => {
                prompt.text.push(c);
                self.after_edit(&prompt);
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
            Action::Erase => {
                prompt.text.pop();
                self.after_edit(&prompt);
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
            Action::SwitchFormat => {
                if let PromptKind::Export { json } = prompt.kind {
                    let json = !json;
                    let stem = prompt
                        .text
                        .strip_suffix(if json { ".csv" } else { ".json" })
                        .unwrap_or(&prompt.text)
                        .to_string();
                    prompt.text = format!("{stem}{}", if json { ".json" } else { ".csv" });
                    prompt.kind = PromptKind::Export { json };
                }
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
            Action::Cancel => {
                self.mode = Mode::Normal;
                if prompt.kind == PromptKind::Filter {
                    self.employees.filter.clear();
                    self.employees.refresh(&self.session);
                }
                self.say("Cancelled", Tone::Info);
                Vec::new()
            }
            Action::Submit => self.submit(prompt, now),
            _ => {
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
        }
    }

    fn after_edit(&mut self, prompt: &Prompt) {
        if prompt.kind == PromptKind::Filter {
            self.employees.filter = prompt.text.clone();
            self.employees.refresh(&self.session);
        }
    }

    fn submit(&mut self, prompt: Prompt, now: &str) -> Vec<Effect> {
        let text = prompt.text.trim().to_string();
        match prompt.kind {
            PromptKind::Filter => {
                self.mode = Mode::Normal;
                let n = self.employees.rows.len();
                self.say(
                    format!("{n} match{}", if n == 1 { "" } else { "es" }),
                    Tone::Info,
                );
                Vec::new()
            }
            PromptKind::Reason(change) => {
                if text.is_empty() && matches!(change, Change::Override { .. }) {
                    self.message = Some((
                        "An override needs a reason: type one, or Esc to cancel".into(),
                        Tone::Error,
                    ));
                    self.mode = Mode::Prompt(Prompt {
                        kind: PromptKind::Reason(change),
                        ..prompt
                    });
                    return Vec::new();
                }
                self.mode = Mode::Normal;
                let summary = describe(&Decision::new(change.clone()));
                let decision = self.decision(change, Some(text), now);
                self.decide(vec![decision], &summary)
            }
            PromptKind::Annotate => {
                self.mode = Mode::Normal;
                let Some(mut last) = self.session.decisions().last().cloned() else {
                    return Vec::new();
                };
                if text.is_empty() && matches!(last.change, Change::Override { .. }) {
                    self.say(
                        "An override keeps its reason: it cannot be blank",
                        Tone::Error,
                    );
                    return Vec::new();
                }
                let batch = self.notes.last().map_or(0, |n| n.batch);
                self.notes.pop();
                if let Some((_, touched)) = self.session.undo_with_changes() {
                    self.pending.extend(touched);
                }
                last.reason = (!text.is_empty()).then_some(text);
                let _ = self.apply(last, batch);
                self.refresh();
                self.say("Reason recorded", Tone::Success);
                vec![Effect::Save]
            }
            PromptKind::Export { json } => {
                self.mode = Mode::Normal;
                if text.is_empty() {
                    self.say("Export cancelled: no path", Tone::Info);
                    return Vec::new();
                }
                vec![Effect::Export {
                    path: PathBuf::from(text),
                    json,
                }]
            }
        }
    }

    /// Records the outcome of an effect the shell carried out.
    pub fn report(&mut self, text: impl Into<String>, ok: bool) {
        self.say(text, if ok { Tone::Success } else { Tone::Error });
    }
}

/// `transform` with its spread multiplied by `factor`.
fn stretch(current: Transform, factor: Decimal) -> Transform {
    match current {
        Transform::Linear { stretch, shift } => Transform::Linear {
            stretch: (stretch * factor).round_dp(4),
            shift,
        },
        Transform::Offset { delta } => Transform::Linear {
            stretch: factor,
            shift: delta,
        },
        Transform::ZScore { mean, sd } => Transform::ZScore {
            mean,
            sd: sd.map(|s| (s * factor).round_dp(4)),
        },
        Transform::None | Transform::Quantile => Transform::Linear {
            stretch: factor,
            shift: Decimal::ZERO,
        },
    }
}

/// `transform` moved by `step` points.
fn shift(current: Transform, step: Decimal, bias: Option<&RaterBias>) -> Transform {
    match current {
        Transform::None | Transform::Quantile => Transform::Offset { delta: step },
        Transform::Offset { delta } => Transform::Offset {
            delta: delta + step,
        },
        Transform::Linear { stretch, shift } => Transform::Linear {
            stretch,
            shift: shift + step,
        },
        Transform::ZScore { mean, sd } => {
            let base = mean.or_else(|| {
                bias.and_then(|b| b.adjusted.map(|a| a.mean))
                    .map(|m| m.round_dp(2))
            });
            Transform::ZScore {
                mean: base.map(|m| m + step),
                sd,
            }
        }
    }
}

fn describe_adjustment(app: &App, rater: usize, transform: &Transform) -> String {
    let flags: Vec<&str> = app
        .bias_of(rater)
        .map(|b| b.flags.iter().map(|f| f.name()).collect())
        .unwrap_or_default();
    if flags.is_empty() {
        format!("{transform}")
    } else {
        format!("{transform} ({})", flags.join(", "))
    }
}

/// One line saying what a decision does.
pub fn describe(decision: &Decision) -> String {
    match &decision.change {
        Change::RaterScale { rater, transform } => format!("{rater}: {transform}"),
        Change::DepartmentGrade { department, grade } => {
            format!("{department} → department grade {grade}")
        }
        Change::Override { employee, grade } => format!("{employee} → {grade}"),
        Change::ClearOverride { employee } => format!("{employee}: override cleared"),
    }
}
