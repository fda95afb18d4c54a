//! Screen 4's state (the selected row of the record, newest first) and its
//! keys: revoking the selected decision, with a reason.

use crate::engine::session::Session;
use crate::i18n::{Shell, fill, t};
use crate::tui::action::{Action, Effect, PromptKind};
use crate::tui::app::App;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DecisionsView {
    /// Position in the record, newest first.
    pub selected: usize,
    /// Rows visible, as last laid out.
    pub page: usize,
}

impl DecisionsView {
    /// The selected decision's index in the record (oldest first).
    pub fn selected_decision(&self, session: &Session) -> Option<usize> {
        let n = session.decisions().len();
        n.checked_sub(1)?.checked_sub(self.selected)
    }

    /// Keeps the selection on the record after it changed.
    pub fn clamp(&mut self, session: &Session) {
        self.selected = self
            .selected
            .min(session.decisions().len().saturating_sub(1));
    }

    fn navigate(&mut self, session: &Session, action: &Action) {
        let last = session.decisions().len().saturating_sub(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(self.page.max(1)),
            Action::PageDown => (self.selected + self.page.max(1)).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.selected,
        };
    }
}

impl App {
    /// The decisions screen's actions; `None` when the action is not its own.
    pub(in crate::tui) fn decisions_action(&mut self, action: &Action) -> Option<Vec<Effect>> {
        match action {
            _ if action.moves_in_list() => self.decisions.navigate(&self.session, action),
            Action::Revoke => self.ask_revoke(),
            Action::Open => {
                if let Some(i) = self.decisions.selected_decision(&self.session) {
                    self.mode = crate::tui::action::Mode::Panel(crate::tui::action::Panel {
                        kind: crate::tui::action::PanelKind::Moved(i),
                        scroll: 0,
                    });
                }
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    fn ask_revoke(&mut self) {
        let Some(i) = self.decisions.selected_decision(&self.session) else {
            self.refuse_text(t(self.lang, Shell::NoDecisionToRevoke));
            return;
        };
        let decision = &self.session.decisions()[i];
        let question = fill(
            self.lang,
            Shell::AskRevoke,
            &[
                ("n", &(i + 1).to_string()),
                (
                    "change",
                    &crate::tui::ui::words::change(self.lang, &decision.change),
                ),
            ],
        );
        self.open_prompt(PromptKind::Revoke(i), question, String::new());
    }
}
