//! The agenda and warnings screens' state: a list with a selection, kept
//! to the focus group, and (warnings) filtered by what is typed.

use crate::engine::agenda::{self, Entry};
use crate::engine::decision::Item;
use crate::engine::session::Session;
use crate::engine::warnings::{self, IdKind, Warning};
use crate::i18n::Lang;
use crate::tui::action::Action;
use crate::tui::view::{Focus, Hit};

/// A selection in a list of `len` rows, `page` of them visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
    pub page: usize,
}

impl Default for Cursor {
    fn default() -> Self {
        Cursor {
            selected: 0,
            offset: 0,
            page: 20,
        }
    }
}

impl Cursor {
    /// Moves for ↑↓ PgUp PgDn Home End; other actions leave it.
    pub fn navigate(&mut self, action: &Action, len: usize) {
        let last = len.saturating_sub(1);
        let page = self.page.max(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.selected,
        };
        self.clamp(len);
    }

    /// Keeps the selection inside `len` rows and on screen.
    pub fn clamp(&mut self, len: usize) {
        let page = self.page.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(len.saturating_sub(page));
    }
}

/// The agenda, most urgent first, within the focus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgendaView {
    pub entries: Vec<Entry>,
    pub cursor: Cursor,
}

impl AgendaView {
    pub fn refresh(&mut self, session: &Session, focus: Option<&Focus>) {
        let biases = session.figures().map_or(&[][..], |f| &f.biases[..]);
        let mut entries = agenda::agenda(
            &session.input,
            session.state(),
            session.results(),
            biases,
            session.previous(),
        );
        if let Some(focus) = focus {
            entries.retain(|e| e.group == focus.group);
        }
        self.entries = entries;
        self.cursor.clamp(self.entries.len());
    }

    /// How many entries are marked discussed.
    pub fn discussed(&self, session: &Session) -> usize {
        let marks = &session.state().discussed;
        self.entries
            .iter()
            .filter(|e| marks.contains_key(&e.item))
            .count()
    }

    pub fn selected(&self) -> Option<&Entry> {
        self.entries.get(self.cursor.selected)
    }
}

/// Every warning, within the focus, filtered by the words typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarningsView {
    /// Every warning of the session, in the engine's order.
    pub all: Vec<Warning>,
    /// The rows shown: positions in `all`.
    pub rows: Vec<usize>,
    pub filter: String,
    pub cursor: Cursor,
    /// The screen's language: the filter finds words in it (and in
    /// English, as `check` prints them).
    pub lang: Lang,
}

impl WarningsView {
    pub fn refresh(&mut self, session: &Session, focus: Option<&Focus>) {
        let input = &session.input;
        self.all = warnings::list(input, &session.baseline, session.state(), session.results());
        let needle = self.filter.trim().to_lowercase();
        self.rows = (0..self.all.len())
            .filter(|&i| {
                let w = &self.all[i];
                focus.is_none_or(|f| in_focus(session, f, w))
                    && (needle.is_empty()
                        || [Lang::En, self.lang].iter().any(|&lang| {
                            warnings::describe_in(
                                w,
                                input,
                                session.state(),
                                session.results(),
                                lang,
                            )
                            .message
                            .to_lowercase()
                            .contains(&needle)
                        }))
            })
            .collect();
        self.cursor.clamp(self.rows.len());
    }

    pub fn selected(&self) -> Option<&Warning> {
        self.all.get(*self.rows.get(self.cursor.selected)?)
    }
}

/// Whether a warning is about the focus group (warnings about the input as
/// a whole always are).
fn in_focus(session: &Session, focus: &Focus, warning: &Warning) -> bool {
    let input = &session.input;
    match subject(warning) {
        Some(Hit::Employee(e)) => focus.has_employee(input, e),
        Some(Hit::Rater(r)) => focus.has_rater(r),
        Some(Hit::Group(g)) => g == focus.group,
        Some(Hit::Department(d)) => input.departments[d].group == focus.group,
        None => true,
    }
}

/// What a warning is about, to jump to.
pub fn subject(warning: &Warning) -> Option<Hit> {
    match *warning {
        Warning::Unrated { employee } => Some(Hit::Employee(employee)),
        Warning::SmallSample { rater, .. } => Some(Hit::Rater(rater)),
        Warning::MixedPool { group }
        | Warning::QuotaViolation { group, .. }
        | Warning::BoundaryTie { group, .. } => Some(Hit::Group(group)),
        Warning::LookAlike { kind, first, .. } => Some(match kind {
            IdKind::Employee => Hit::Employee(first),
            IdKind::Rater => Hit::Rater(first),
            IdKind::Department => Hit::Department(first),
        }),
        Warning::QuotaTable { .. }
        | Warning::BonusNotAllocated
        | Warning::ManagerMissing { .. } => None,
    }
}

/// What an agenda item is about, to jump to.
pub fn item_hit(session: &Session, item: &Item) -> Option<Hit> {
    let input = &session.input;
    match item {
        Item::Rater(id) => input.rater_index(id).map(Hit::Rater),
        Item::Employee(id) => input.employee_index(id).map(Hit::Employee),
        Item::Group(id) => input
            .groups
            .iter()
            .position(|g| &g.id == id)
            .map(Hit::Group),
    }
}

impl crate::tui::app::App {
    /// The agenda screen's actions; `None` when the action is not its own.
    pub(in crate::tui) fn agenda_action(
        &mut self,
        action: &Action,
    ) -> Option<Vec<crate::tui::action::Effect>> {
        match action {
            _ if action.moves_in_list() => self
                .agenda
                .cursor
                .navigate(action, self.agenda.entries.len()),
            Action::Open => {
                if let Some(hit) = self
                    .agenda
                    .selected()
                    .and_then(|e| item_hit(&self.session, &e.item))
                {
                    self.go_to(hit);
                }
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    /// The warnings screen's actions; `None` when the action is not its own.
    pub(in crate::tui) fn warnings_action(
        &mut self,
        action: &Action,
    ) -> Option<Vec<crate::tui::action::Effect>> {
        match action {
            _ if action.moves_in_list() => self
                .warnings
                .cursor
                .navigate(action, self.warnings.rows.len()),
            Action::Open => match self.warnings.selected().and_then(subject) {
                Some(hit) => self.go_to(hit),
                None => self.say(
                    crate::i18n::t(self.lang, crate::i18n::Shell::NothingToGoTo),
                    crate::tui::action::Tone::Info,
                ),
            },
            _ => return None,
        }
        Some(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The warnings filter finds a warning by the words on screen and by
    /// the English words `check` prints.
    #[test]
    fn the_warnings_filter_finds_words_in_the_screens_language_and_in_english() {
        let input = crate::engine::load::load(crate::demo::files())
            .expect("the demo loads")
            .input;
        let session = Session::new(input);
        for (lang, words, found) in [
            (Lang::ZhHant, "沒有任何評分", 2),
            (Lang::ZhHans, "没有任何评分", 2),
            (Lang::ZhHant, "has no rating", 2),
            (Lang::En, "has no rating", 2),
            (Lang::En, "沒有任何評分", 0),
        ] {
            let mut view = WarningsView {
                filter: words.to_string(),
                lang,
                ..WarningsView::default()
            };
            view.refresh(&session, None);
            assert_eq!(view.rows.len(), found, "{words} in {lang}");
        }
    }
}
