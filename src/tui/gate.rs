//! The screen shown before a session opens when its input folder changed
//! under it: what changed, and the decisions that no longer apply (each with
//! its line and reason). The operator drops those decisions (after a
//! confirmation; the session as it was is kept as a copy first) or quits
//! with the session left as it is. With changes but no such decisions, the
//! operator reads them and goes on.
//!
//! Like [`super::app`], this is state plus one `update`; the shell in
//! [`super`] carries out what it returns.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Origin, Tone};
use super::theme::Theme;
use crate::engine::decision::Change;
use crate::engine::diagnostic::Diagnostics;
use crate::engine::stale::StaleDecision;
use crate::i18n::{Lang, Shell, fill, plural, t};
use crate::workspace::Opened;

/// How many ids each kind of change names before "… and N more".
pub const FIRST_IDS: usize = 10;

/// Everything the operator can do here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateAction {
    /// Ask to drop every decision that no longer applies.
    Drop,
    /// Confirm the drop.
    Yes,
    /// Do not drop after all.
    No,
    /// Go on to the session (only when no decision is stale).
    Continue,
    /// Keep the decisions about renamed employees: they are about the same
    /// people.
    Keep,
    /// Leave calibra; the session is left as it is.
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    /// The shell: the screen is this many rows high.
    Layout {
        height: u16,
    },
}

/// What the shell should do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateStep {
    Stay,
    /// Keep a copy, save the session without the stale decisions, go on.
    Drop,
    /// Go on with the session as it is (the input changes were read).
    Continue,
    Quit,
}

/// One decision that no longer applies, as the screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleRow {
    pub decision: StaleDecision,
    /// What the decision does (`E0042 → A`).
    pub what: String,
    pub reason: Option<String>,
}

pub struct Gate {
    /// The opened input and session, not yet replayed.
    pub opened: Opened,
    pub origin: Origin,
    pub theme: Theme,
    pub lang: Lang,
    pub stale: Vec<StaleRow>,
    /// Decisions about employees whose name changed, to confirm or drop.
    pub unconfirmed: Vec<StaleRow>,
    /// Waiting for y/n on the drop.
    pub confirming: bool,
    /// First line shown of the scrolled list.
    pub scroll: usize,
    /// Rows of the scrolled area, from the layout (for paging).
    page: usize,
    pub message: Option<(String, Tone)>,
}

impl Gate {
    pub fn new(opened: Opened, origin: Origin, theme: Theme, lang: Lang) -> Gate {
        let rows = |list: &[StaleDecision]| -> Vec<StaleRow> {
            list.iter()
                .filter_map(|decision| {
                    let d = opened.file.decisions.get(decision.index)?;
                    Some(StaleRow {
                        what: fill(
                            lang,
                            Shell::StaleWhat,
                            &[
                                ("kind", t(lang, kind(&d.change))),
                                ("change", &super::ui::words::change(lang, &d.change)),
                            ],
                        ),
                        reason: d.reason.clone(),
                        decision: decision.clone(),
                    })
                })
                .collect()
        };
        let stale = rows(&opened.stale);
        let unconfirmed = rows(&opened.unconfirmed);
        Gate {
            opened,
            origin,
            theme,
            lang,
            stale,
            unconfirmed,
            confirming: false,
            scroll: 0,
            page: 10,
            message: None,
        }
    }

    /// The key's action here (from the one key table).
    pub fn action_for(&self, key: &KeyEvent) -> Option<GateAction> {
        super::keys::review(key, self.confirming)
    }

    /// The one place this screen's state changes.
    pub fn update(&mut self, action: GateAction) -> GateStep {
        if let GateAction::Layout { height } = action {
            self.page = usize::from(height.saturating_sub(super::ui::stale::FOOTER_ROWS)).max(1);
            return GateStep::Stay;
        }
        self.message = None;
        match action {
            GateAction::Layout { .. } => GateStep::Stay,
            GateAction::Quit => GateStep::Quit,
            GateAction::Drop if self.stale.is_empty() && self.unconfirmed.is_empty() => {
                self.message = Some((t(self.lang, Shell::GateNothingToDrop).into(), Tone::Info));
                GateStep::Stay
            }
            GateAction::Drop => {
                self.confirming = true;
                GateStep::Stay
            }
            GateAction::Yes if self.confirming => {
                self.confirming = false;
                GateStep::Drop
            }
            GateAction::Yes | GateAction::No => {
                self.confirming = false;
                GateStep::Stay
            }
            GateAction::Keep if self.stale.is_empty() && !self.unconfirmed.is_empty() => {
                GateStep::Continue
            }
            GateAction::Keep => GateStep::Stay,
            GateAction::Continue if !self.stale.is_empty() => {
                self.message = Some((
                    plural(
                        self.lang,
                        self.stale.len(),
                        Shell::GateStaleOne,
                        Shell::GateStaleMany,
                    ),
                    Tone::Error,
                ));
                GateStep::Stay
            }
            GateAction::Continue if self.unconfirmed.is_empty() => GateStep::Continue,
            GateAction::Continue => {
                self.message = Some((
                    plural(
                        self.lang,
                        self.unconfirmed.len(),
                        Shell::GateRenamedOne,
                        Shell::GateRenamedMany,
                    ),
                    Tone::Error,
                ));
                GateStep::Stay
            }
            GateAction::Up => {
                self.scroll = self.scroll.saturating_sub(1);
                GateStep::Stay
            }
            GateAction::Down => {
                self.scroll += 1;
                GateStep::Stay
            }
            GateAction::PageUp => {
                self.scroll = self.scroll.saturating_sub(self.page.max(1));
                GateStep::Stay
            }
            GateAction::PageDown => {
                self.scroll += self.page.max(1);
                GateStep::Stay
            }
        }
    }

    /// Opens the session (the stale decisions dropped, or none to drop),
    /// showing `notice`.
    pub fn into_app(mut self, notice: String) -> Result<App, Diagnostics> {
        let lock = self.opened.lock.take();
        let (session, _) = self.opened.replay()?;
        Ok(App::new(session, self.origin, self.theme, Some(notice))
            .holding(lock)
            .speaking(self.lang))
    }
}

/// A decision's kind as the review names it (in English, the session
/// file's own word: `override`).
fn kind(change: &Change) -> Shell {
    match change {
        Change::RaterScale { .. } => Shell::KindRaterScale,
        Change::DepartmentGrade { .. } => Shell::KindDepartmentGrade,
        Change::Override { .. } => Shell::KindOverride,
        Change::ClearOverride { .. } => Shell::KindClearOverride,
        Change::Discussed { .. } => Shell::KindDiscussed,
        Change::ClearDiscussed { .. } => Shell::KindClearDiscussed,
        Change::SignOff => Shell::KindSignOff,
        Change::Reopen => Shell::KindReopen,
    }
}
