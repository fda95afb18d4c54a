//! Screen 8's state: the attribute under review (`a` goes to the next one
//! org.json carries), the engine's attribute review of it within the
//! focus, who the session moved (by value and by rater), and the selected
//! row of "who moved". The figures are computed when the screen is shown
//! and the record or the focus changed since (a decision made elsewhere
//! does not pay for them).

use crate::engine::fairness::{self, Review, ValueReview};
use crate::engine::moves::{self, RaterMoves};
use crate::i18n::{Msg, t};
use crate::tui::action::{Action, Effect, Mode, Panel, PanelKind, Screen, Tone};
use crate::tui::app::App;
use crate::tui::view::lists::Cursor;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FairnessView {
    /// The attributes org.json carries, in order of first appearance
    /// (`None` until the screen is first shown).
    pub attributes: Option<Vec<String>>,
    /// The one under review (index into `attributes`).
    pub attribute: usize,
    /// `None`: out of date, computed when next shown.
    pub figures: Option<FairnessFigures>,
    /// The selected row of "who moved".
    pub cursor: Cursor,
}

/// What the screen shows, from the engine.
#[derive(Debug, Clone, PartialEq)]
pub struct FairnessFigures {
    pub review: Review,
    /// The raters whose people moved, most moves first.
    pub raters: Vec<RaterMoves>,
}

/// A row of "who moved": the values first, then the raters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MovedRow {
    /// Index into the review's values.
    Value(usize),
    /// Index into [`FairnessFigures::raters`].
    Rater(usize),
}

impl FairnessFigures {
    pub fn rows(&self) -> usize {
        self.review.values.len() + self.raters.len()
    }

    pub fn row(&self, i: usize) -> Option<MovedRow> {
        let values = self.review.values.len();
        if i < values {
            Some(MovedRow::Value(i))
        } else {
            (i - values < self.raters.len()).then_some(MovedRow::Rater(i - values))
        }
    }

    /// Whether the row is a value with fewer than 5 people: it shows no
    /// figure and opens no one.
    pub fn withheld(&self, row: MovedRow) -> bool {
        matches!(row, MovedRow::Value(v)
            if self.review.values.get(v).is_some_and(ValueReview::withheld))
    }

    /// How many of a row's people moved up and down (a withheld value:
    /// none shown).
    pub fn moved(&self, row: MovedRow) -> (usize, usize) {
        if self.withheld(row) {
            return (0, 0);
        }
        match row {
            MovedRow::Value(v) => self
                .review
                .values
                .get(v)
                .map_or((0, 0), |v| (v.moved_up, v.moved_down)),
            MovedRow::Rater(r) => self.raters.get(r).map_or((0, 0), |r| (r.up, r.down)),
        }
    }

    /// The people a row's moves are about: none for a withheld value.
    pub fn movers(&self, row: MovedRow) -> &[usize] {
        if self.withheld(row) {
            return &[];
        }
        match row {
            MovedRow::Value(v) => self.review.values.get(v).map_or(&[], |v| &v.movers),
            MovedRow::Rater(r) => self.raters.get(r).map_or(&[], |r| &r.employees),
        }
    }
}

impl FairnessView {
    /// The attribute under review, if org.json carries any.
    pub fn attribute(&self) -> Option<&str> {
        self.attributes
            .as_ref()?
            .get(self.attribute)
            .map(String::as_str)
    }

    /// The figures are out of date (the record or the focus changed).
    pub fn outdated(&mut self) {
        self.figures = None;
    }
}

impl App {
    /// Computes the screen's figures if they are out of date.
    pub(in crate::tui) fn refresh_fairness(&mut self) {
        if self.fairness.figures.is_some() {
            return;
        }
        self.ensure_before();
        let input = &self.session.input;
        let attributes = self
            .fairness
            .attributes
            .get_or_insert_with(|| fairness::attribute_names(input));
        let Some(attribute) = attributes.get(self.fairness.attribute) else {
            return;
        };
        let Some(before) = &self.before else {
            return;
        };
        let after = self.session.results();
        let focus = self.focus.as_ref();
        let keep = |e: usize| focus.is_none_or(|f| f.has_employee(input, e));
        let review = fairness::review_where(input, before, after, attribute, keep);
        let raters = moves::by_rater(input, &moves::moves(before, after, keep));
        let figures = FairnessFigures { review, raters };
        self.fairness.cursor.clamp(figures.rows());
        self.fairness.figures = Some(figures);
    }

    /// The fairness screen's actions; `None` when the action is not its own.
    pub(in crate::tui) fn fairness_action(&mut self, action: &Action) -> Option<Vec<Effect>> {
        match action {
            _ if action.moves_in_list() => {
                let rows = self.fairness.figures.as_ref().map_or(0, |f| f.rows());
                self.fairness.cursor.navigate(action, rows);
            }
            Action::NextAttribute => self.next_attribute(),
            Action::Open => self.open_movers(),
            _ => return None,
        }
        Some(Vec::new())
    }

    fn next_attribute(&mut self) {
        let count = self.fairness.attributes.as_ref().map_or(0, Vec::len);
        if count == 0 {
            self.say(t(self.lang, Msg::FairNoAttributes), Tone::Info);
            return;
        }
        self.fairness.attribute = (self.fairness.attribute + 1) % count;
        self.fairness.cursor = Cursor {
            page: self.fairness.cursor.page,
            ..Cursor::default()
        };
        self.fairness.outdated();
        self.refresh_fairness();
    }

    /// Enter on a row: the panel of the people it moved and the decisions
    /// behind them.
    fn open_movers(&mut self) {
        let Some(figures) = &self.fairness.figures else {
            return;
        };
        let i = self.fairness.cursor.selected;
        let Some(row) = figures.row(i) else {
            return;
        };
        let why = if figures.withheld(row) {
            Msg::FairWithheldNoPeople
        } else if figures.movers(row).is_empty() {
            Msg::FairNobodyHere
        } else {
            self.mode = Mode::Panel(Panel {
                kind: PanelKind::Movers(i),
                scroll: 0,
            });
            return;
        };
        self.say(t(self.lang, why), Tone::Info);
    }

    /// Enter in the movers panel of row `row`: the record, at the
    /// decision that moved most of the row's people.
    pub(in crate::tui) fn go_to_decision_behind(&mut self, row: usize) {
        let Some(figures) = &self.fairness.figures else {
            return;
        };
        let Some(row) = figures.row(row) else {
            return;
        };
        let behind = moves::decisions_behind(&self.session, figures.movers(row));
        let Some(first) = behind.first() else {
            return;
        };
        let n = self.session.decisions().len();
        self.mode = Mode::Normal;
        self.screen = Screen::Decisions;
        // The record is shown newest first.
        self.decisions.selected = n.saturating_sub(first.decision + 1);
    }
}
