//! The one place the TUI's state changes: [`App::update`] turns an
//! [`Action`] into new state and the [`Effect`]s for the shell to carry out.

use std::path::PathBuf;

use rust_decimal::Decimal;

use super::action::{Action, Effect, Mode, Prompt, PromptKind, Screen, Tone};
use super::app::App;
use crate::engine::bias::RaterBias;
use crate::engine::decision::{Change, Decision};
use crate::engine::transform::Transform;

impl App {
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
        if last_is_same {
            // The streak replaces its own last step; its reason was generated
            // (typing one with `r` ends a streak), so it is generated anew.
            self.undo_batch();
        }
        let reason = Some(describe_adjustment(self, rater, &transform));
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
