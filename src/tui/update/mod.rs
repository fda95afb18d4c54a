//! The one place the live screen's state changes: [`App::update`] turns an
//! [`Action`] into new state and the [`Effect`]s for the shell to carry
//! out. It dispatches by mode (help, a prompt, normal) and, in normal mode,
//! to the screen's own handler ([`super::view`]) before the actions every
//! screen shares.

mod navigate;
mod prompt;

use std::path::PathBuf;

use super::action::{Action, Effect, Mode, Screen, Tone};
use super::app::App;
use super::ui;
use crate::engine::decision::{Change, Decision};
use crate::engine::session::Outcome;
use crate::i18n::{Lang, Shell, fill, t};
use crate::workspace::clock;

/// How long after a refusal a destructive key asks to be pressed again.
pub const CONFIRM_WINDOW_SECS: i64 = 5;

impl App {
    /// The one place state changes. `now` stamps new decisions (RFC 3339).
    pub fn update(&mut self, action: Action, now: &str) -> Vec<Effect> {
        self.clock = clock::seconds(now).or(self.clock);
        match action {
            Action::Layout { width, height } => {
                self.layout(width, height);
                return Vec::new();
            }
            Action::Saved(result) => return self.saved(result),
            Action::Resume => return self.resume_zscore_all(now),
            Action::Linked(model) => {
                self.linking = false;
                self.linked = model.map(|model| *model);
                return Vec::new();
            }
            Action::Exported(result) => {
                match result {
                    Ok(message) => self.say(message, Tone::Success),
                    Err(message) => self.say(message, Tone::Error),
                }
                return Vec::new();
            }
            _ => {}
        }
        let effects = match self.mode.clone() {
            Mode::Help => {
                match action {
                    Action::Quit => return vec![Effect::Quit],
                    Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                    Action::Down => self.help_scroll += 1,
                    Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(10),
                    Action::PageDown => self.help_scroll += 10,
                    _ => {
                        self.mode = Mode::Normal;
                        self.help_scroll = 0;
                    }
                }
                Vec::new()
            }
            Mode::Panel(_) if action == Action::Quit => vec![Effect::Quit],
            Mode::Panel(panel) => {
                self.update_panel(panel, action);
                Vec::new()
            }
            Mode::Prompt(prompt) => self.update_prompt(prompt, action, now),
            Mode::Quitting => self.update_quitting(action),
            Mode::Normal => self.update_normal(action, now),
        };
        // A list screen shown now, with its lists out of date.
        self.refresh_lists_if_shown();
        effects
    }

    fn update_normal(&mut self, action: Action, now: &str) -> Vec<Effect> {
        self.message = None;
        let lang = self.lang;
        if self.read_only && action.decides() {
            let why = t(lang, Shell::ReadOnlyRefused);
            if action.asks_for_text(self.screen) {
                self.refuse_text(why);
            } else {
                self.say(why, Tone::Error);
            }
            return Vec::new();
        }
        if !self.confirmed(&action) {
            return Vec::new();
        }
        if let Some(signed) = self.session.signed_off()
            && action.decides()
            && action != Action::SignOff
        {
            let why = fill(
                lang,
                Shell::SignedOffRefused,
                &[("by", &crate::text::safe(&signed.by))],
            );
            if action.asks_for_text(self.screen) {
                self.refuse_text(why);
            } else {
                self.refused_at = self.clock;
                self.say(why, Tone::Error);
            }
            return Vec::new();
        }
        let own = match self.screen {
            Screen::Raters => self.raters_action(&action, now),
            Screen::Groups => self.groups_action(&action),
            Screen::Employees => self.employees_action(&action),
            Screen::Decisions => self.decisions_action(&action),
            Screen::Agenda => self.agenda_action(&action),
            Screen::Warnings => self.warnings_action(&action),
            Screen::Summary => None,
            Screen::Fairness => self.fairness_action(&action),
        };
        if self.screen != Screen::Raters || own.is_none() {
            self.raters.end_run();
        }
        if let Some(effects) = own {
            return effects;
        }
        match action {
            Action::Quit if self.unsaved.is_some() => {
                self.mode = Mode::Quitting;
                Vec::new()
            }
            Action::Quit => vec![Effect::Quit],
            Action::NextScreen | Action::PrevScreen => {
                let n = Screen::ALL.len();
                let step = if action == Action::NextScreen {
                    1
                } else {
                    n - 1
                };
                self.screen = Screen::ALL[(self.screen.index() + step) % n];
                if self.screen == Screen::Summary {
                    self.ensure_before();
                }
                Vec::new()
            }
            Action::Show(screen) => {
                self.screen = screen;
                if screen == Screen::Summary {
                    self.ensure_before();
                }
                Vec::new()
            }
            Action::ToggleHelp => {
                self.mode = Mode::Help;
                Vec::new()
            }
            Action::TogglePrivacy => {
                self.privacy = !self.privacy;
                self.employees.privacy = self.privacy;
                self.employees.refresh(&self.session);
                self.say(
                    t(
                        lang,
                        if self.privacy {
                            Shell::PrivacySaidOn
                        } else {
                            Shell::PrivacySaidOff
                        },
                    ),
                    Tone::Info,
                );
                Vec::new()
            }
            Action::Undo => self.undo(),
            Action::Discussed => self.ask_discussed(),
            Action::SignOff => {
                if self.session.signed_off().is_some() {
                    self.open_prompt(
                        super::action::PromptKind::Reopen,
                        t(lang, Shell::AskReopen).into(),
                        String::new(),
                    );
                } else {
                    let who = self.origin.by.clone().unwrap_or_default();
                    self.open_prompt(
                        super::action::PromptKind::SignOff,
                        t(lang, Shell::AskSignOff).into(),
                        who,
                    );
                }
                Vec::new()
            }
            Action::Redo => {
                let Some(outcome) = self.session.redo() else {
                    self.say(t(lang, Shell::NothingToRedo), Tone::Info);
                    return Vec::new();
                };
                self.after_record_change(&outcome, t(lang, Shell::Redone))
            }
            Action::Find => {
                self.ask_find();
                Vec::new()
            }
            Action::Bonus => {
                self.open_bonus();
                Vec::new()
            }
            Action::Network => {
                self.open_network();
                Vec::new()
            }
            Action::Focus => {
                self.toggle_focus();
                Vec::new()
            }
            Action::Cancel => {
                self.widen();
                Vec::new()
            }
            Action::Export => {
                let path = format!("{}.csv", self.origin.export_stem);
                self.open_prompt(
                    super::action::PromptKind::Export {
                        format: super::action::ExportFormat::Csv,
                    },
                    t(lang, Shell::AskExport).into(),
                    path,
                );
                Vec::new()
            }
            Action::Annotate => {
                let Some(last) = self.session.decisions().last() else {
                    self.refuse_text(t(lang, Shell::NoDecisionToAnnotate));
                    return Vec::new();
                };
                let question = fill(
                    lang,
                    Shell::AskReasonFor,
                    &[("change", &ui::words::change(lang, &last.change))],
                );
                let text = last.reason.clone().unwrap_or_default();
                self.open_prompt(super::action::PromptKind::Annotate, question, text);
                Vec::new()
            }
            // Not this screen's, or only for prompts and the shell.
            _ => Vec::new(),
        }
    }

    fn ask_discussed(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(item) = self.selected_item() else {
            self.refuse_text(t(lang, Shell::SelectToDiscuss));
            return Vec::new();
        };
        if self.session.state().discussed.contains_key(&item) {
            let change = Change::ClearDiscussed { item };
            let summary = ui::words::change(lang, &change);
            let decision = self.stamp(change, None, &self.stamp_now());
            let outcome = self.session.decide(decision);
            return self.after_decision(outcome, &summary);
        }
        let question = fill(
            lang,
            Shell::AskDiscussed,
            &[("item", &ui::words::item(lang, &item))],
        );
        self.open_prompt(
            super::action::PromptKind::Discussed(item),
            question,
            String::new(),
        );
        Vec::new()
    }

    /// The time of the update in progress, for decisions made outside a
    /// prompt.
    fn stamp_now(&self) -> String {
        self.clock
            .and_then(|s| u64::try_from(s).ok())
            .map(clock::rfc3339)
            .unwrap_or_default()
    }

    fn undo(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(outcome) = self.session.undo() else {
            self.say(t(lang, Shell::NothingToUndo), Tone::Info);
            return Vec::new();
        };
        let what = outcome
            .decisions
            .first()
            .map(|d| ui::words::change(lang, &d.change))
            .unwrap_or_default();
        let count = outcome.decisions.len();
        self.after_record_change(&outcome, "");
        self.say(
            if count == 1 {
                fill(lang, Shell::UndoneOne, &[("what", &what)])
            } else {
                fill(
                    lang,
                    Shell::UndoneMany,
                    &[("n", &count.to_string()), ("what", &what)],
                )
            },
            Tone::Success,
        );
        vec![Effect::Save]
    }

    /// A new decision with this session's `at` and `by`.
    pub(in crate::tui) fn stamp(
        &self,
        change: Change,
        reason: Option<String>,
        now: &str,
    ) -> Decision {
        Decision {
            reason: reason.filter(|r| !crate::engine::decision::is_blank(Some(r))),
            at: Some(now.to_string()),
            by: self.origin.by.clone(),
            ..Decision::new(change)
        }
    }

    /// After the engine made (or refused) an act: refresh what shows it,
    /// say what it moved, and save.
    pub(in crate::tui) fn after_decision(
        &mut self,
        outcome: Result<Outcome, impl Refusal>,
        summary: &str,
    ) -> Vec<Effect> {
        match outcome {
            Ok(outcome) => self.after_record_change(&outcome, summary),
            Err(why) => {
                let why = why.in_lang(self.lang);
                self.say(
                    fill(self.lang, Shell::NotApplied, &[("why", &why)]),
                    Tone::Error,
                );
                Vec::new()
            }
        }
    }

    /// The record changed (a decision, an undo, a redo): refresh the views
    /// from what it touched and save.
    fn after_record_change(&mut self, outcome: &Outcome, summary: &str) -> Vec<Effect> {
        for &touched in &outcome.touched {
            if let crate::engine::decision::Touched::Rater(r) = touched {
                self.histograms.update_rater(&self.session, r);
            }
        }
        if let Some(figures) = self.session.figures() {
            self.histograms.refresh_scale(&figures.biases);
        }
        self.employees.refresh(&self.session);
        self.decisions.clamp(&self.session);
        self.refresh_lists();
        let record_only = outcome.decisions.iter().all(|d| !d.change.moves_numbers());
        let lang = self.lang;
        if record_only && !summary.is_empty() {
            self.say(
                fill(lang, Shell::RecordedNoMoves, &[("summary", summary)]),
                Tone::Success,
            );
        } else if !summary.is_empty() {
            let moved = outcome.moved;
            let message = if moved == 1 {
                Shell::GradeMoved
            } else {
                Shell::GradesMoved
            };
            self.say(
                fill(
                    lang,
                    message,
                    &[("summary", summary), ("n", &moved.to_string())],
                ),
                Tone::Success,
            );
        }
        vec![Effect::Save]
    }

    /// The screen's size: how many table rows fit.
    fn layout(&mut self, width: u16, height: u16) {
        let rows = usize::from(height.saturating_sub(ui::CHROME_ROWS + 3));
        self.employees.set_page(rows);
        self.decisions.page = rows;
        // Below the tab bar and above the message and status lines: the
        // agenda has two lines of head and a table header, the warnings one
        // line of head.
        let body = usize::from(height.saturating_sub(ui::CHROME_ROWS));
        self.agenda.cursor.page = body.saturating_sub(3);
        self.warnings.cursor.page = body.saturating_sub(1);
        // Who moved shares the body with the review above it.
        self.fairness.cursor.page = body / 2;
        let (columns, per_page) = ui::raters_grid(width, height, self.raters.table);
        self.raters.columns = columns;
        self.raters.per_page = per_page;
    }

    fn saved(&mut self, result: Result<PathBuf, String>) -> Vec<Effect> {
        match result {
            Ok(path) => {
                self.origin.session_path = Some(path.clone());
                if self.unsaved.take().is_some() {
                    self.say(
                        fill(
                            self.lang,
                            Shell::SavedAgain,
                            &[("path", &path.display().to_string())],
                        ),
                        Tone::Success,
                    );
                }
                if std::mem::take(&mut self.quit_after_save) {
                    // Asked to quit, and now nothing is lost.
                    return vec![Effect::Quit];
                }
                Vec::new()
            }
            Err(err) => {
                let path = self
                    .origin
                    .session_path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.say(
                    fill(
                        self.lang,
                        Shell::NotSaved,
                        &[("path", &path), ("err", &err)],
                    ),
                    Tone::Error,
                );
                self.unsaved = Some(err);
                if std::mem::take(&mut self.quit_after_save) {
                    self.mode = Mode::Quitting;
                }
                Vec::new()
            }
        }
    }

    /// Quit was asked for while decisions are not saved.
    fn update_quitting(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::RetrySave => {
                self.mode = Mode::Normal;
                self.quit_after_save = true;
                vec![Effect::Save]
            }
            Action::SaveElsewhere => {
                self.mode = Mode::Normal;
                self.quit_after_save = true;
                let path = self
                    .origin
                    .session_path
                    .as_ref()
                    .map(|p| p.with_extension("rescued.json").display().to_string())
                    .unwrap_or_else(|| "calibra-session.json".to_string());
                self.open_prompt(
                    super::action::PromptKind::SaveAs,
                    t(self.lang, Shell::AskSaveAs).into(),
                    path,
                );
                Vec::new()
            }
            Action::QuitAnyway => vec![Effect::Quit],
            _ => {
                self.mode = Mode::Normal;
                self.say(t(self.lang, Shell::NotQuitting), Tone::Info);
                Vec::new()
            }
        }
    }

    /// A destructive key (undo, redo, export, revoke, z-score all) pressed
    /// within [`CONFIRM_WINDOW_SECS`] of a refusal must be pressed twice:
    /// it may be a word of a reason typed after the refusal.
    fn confirmed(&mut self, action: &Action) -> bool {
        let waiting = self.confirming.take();
        if !action.is_destructive() {
            return true;
        }
        let recent = match (self.refused_at, self.clock) {
            (Some(at), Some(now)) => now - at <= CONFIRM_WINDOW_SECS,
            _ => false,
        };
        if !recent || waiting.as_ref() == Some(action) {
            return true;
        }
        self.confirming = Some(action.clone());
        self.say(t(self.lang, Shell::PressAgain), Tone::Error);
        false
    }
}

/// Why the engine refused an act, in the screen's language where it can
/// say it in any (its checks), as written where it cannot.
pub(in crate::tui) trait Refusal {
    fn in_lang(self, lang: Lang) -> String;
}

impl Refusal for String {
    fn in_lang(self, _: Lang) -> String {
        self
    }
}

impl Refusal for crate::engine::diagnostic::Said {
    fn in_lang(self, lang: Lang) -> String {
        self.text(lang)
    }
}
