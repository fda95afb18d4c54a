//! Getting around: focusing on a group and widening back, finding and
//! jumping to a rater, a person, a department or a group, and Esc undoing
//! the nearest narrowing.

use crate::engine::agenda;
use crate::engine::decision::Item;
use crate::i18n::{Shell, fill, t};
use crate::text;
use crate::tui::action::{Action, PromptKind, Screen, Tone};
use crate::tui::app::App;
use crate::tui::view::{Focus, Hit};

impl App {
    /// Narrows every screen to `group` (`None`: the whole company).
    pub(in crate::tui) fn set_focus(&mut self, group: Option<usize>) {
        self.focus = group.map(|g| Focus::new(&self.session.input, g));
        if let Some(g) = group {
            self.groups.selected = g;
            self.groups.department = 0;
        }
        self.raters.set_focus(&self.session, self.focus.as_ref());
        self.employees.group = group;
        self.employees.refresh(&self.session);
        self.refresh_lists();
    }

    /// The agenda and the warnings list are out of date (after a decision
    /// or a change of focus): recomputed now if a screen showing them is
    /// up, else when one is shown (each walks every employee, which a
    /// decision on another screen should not pay for).
    pub(in crate::tui) fn refresh_lists(&mut self) {
        self.lists_stale = true;
        self.fairness.outdated();
        self.refresh_lists_if_shown();
    }

    /// Recomputes the lists if they are out of date and shown.
    pub(in crate::tui) fn refresh_lists_if_shown(&mut self) {
        if self.screen == Screen::Fairness {
            self.refresh_fairness();
        }
        if self.lists_stale
            && matches!(
                self.screen,
                Screen::Agenda | Screen::Warnings | Screen::Summary
            )
        {
            self.agenda.refresh(&self.session, self.focus.as_ref());
            self.warnings.refresh(&self.session, self.focus.as_ref());
            self.lists_stale = false;
        }
    }

    /// The group of what the screen has selected.
    fn selected_group(&self) -> Option<usize> {
        let input = &self.session.input;
        match self.screen {
            Screen::Raters => self
                .selected_rater()
                .and_then(|r| agenda::main_group(input, r)),
            Screen::Employees => self
                .employees
                .selected_employee()
                .map(|e| input.group_of(e)),
            Screen::Agenda => self.agenda.selected().map(|e| e.group),
            Screen::Warnings => match self
                .warnings
                .selected()
                .and_then(crate::tui::view::lists::subject)
            {
                Some(Hit::Employee(e)) => Some(input.group_of(e)),
                Some(Hit::Rater(r)) => agenda::main_group(input, r),
                Some(Hit::Group(g)) => Some(g),
                Some(Hit::Department(d)) => Some(input.departments[d].group),
                None => None,
            },
            Screen::Groups | Screen::Decisions | Screen::Summary | Screen::Fairness => {
                Some(self.groups.selected)
            }
        }
        .filter(|&g| g < input.groups.len())
    }

    pub(in crate::tui) fn toggle_focus(&mut self) {
        let lang = self.lang;
        if let Some(focus) = &self.focus {
            let id = text::safe(&self.session.input.groups[focus.group].id).into_owned();
            self.set_focus(None);
            self.say(fill(lang, Shell::Widened, &[("group", &id)]), Tone::Info);
            return;
        }
        let Some(g) = self.selected_group() else {
            self.say(t(lang, Shell::SelectToFocus), Tone::Info);
            return;
        };
        self.set_focus(Some(g));
        let group = &self.session.input.groups[g];
        self.say(
            fill(
                lang,
                Shell::Focused,
                &[
                    ("group", &text::safe(&group.id)),
                    ("raters", &self.raters.order.len().to_string()),
                    ("people", &self.employees.rows.len().to_string()),
                ],
            ),
            Tone::Info,
        );
    }

    /// Esc in normal mode: drops the nearest narrowing.
    pub(in crate::tui) fn widen(&mut self) {
        if self.screen == Screen::Employees
            && (self.employees.rater.is_some() || !self.employees.filter.is_empty())
        {
            self.employees.rater = None;
            self.employees.filter.clear();
            self.employees.refresh(&self.session);
            self.say(t(self.lang, Shell::ShowingEveryone), Tone::Info);
        } else if self.screen == Screen::Warnings && !self.warnings.filter.is_empty() {
            self.warnings.filter.clear();
            self.warnings.refresh(&self.session, self.focus.as_ref());
        } else if self.focus.is_some() {
            self.toggle_focus();
        }
    }

    /// How many cross-ratings the network panel suggests.
    const ADVICE: usize = 20;

    /// Opens the linking network panel, its advice computed now.
    pub(in crate::tui) fn open_network(&mut self) {
        use crate::tui::action::{Mode, Panel, PanelKind};
        self.advice = crate::engine::rater_model::advice::advise(&self.session.input, Self::ADVICE);
        self.mode = Mode::Panel(Panel {
            kind: PanelKind::Network,
            scroll: 0,
        });
    }

    /// Opens the bonus panel, its figures computed now (contract 6.5).
    pub(in crate::tui) fn open_bonus(&mut self) {
        use crate::tui::action::{Mode, Panel, PanelKind};
        use crate::tui::app::Tone;
        use crate::tui::view::BonusView;
        self.ensure_before();
        let Some(before) = self.before.as_ref() else {
            return;
        };
        match BonusView::compute(&mut self.session, before) {
            None => self.say(t(self.lang, Shell::NoBonusPolicy), Tone::Info),
            Some(Err(why)) => self.say(
                fill(self.lang, Shell::NoBonus, &[("why", &why.to_string())]),
                Tone::Error,
            ),
            Some(Ok(view)) => {
                self.bonus = Some(view);
                self.mode = Mode::Panel(Panel {
                    kind: PanelKind::Bonus,
                    scroll: 0,
                });
            }
        }
    }

    /// Opens the find prompt; on the people and warnings screens it starts
    /// from their filter.
    pub(in crate::tui) fn ask_find(&mut self) {
        let text = match self.screen {
            Screen::Employees => self.employees.filter.clone(),
            Screen::Warnings => self.warnings.filter.clone(),
            _ => String::new(),
        };
        let question = t(
            self.lang,
            match self.screen {
                Screen::Employees => Shell::AskFindPeople,
                Screen::Warnings => Shell::AskFindWarnings,
                _ => Shell::AskFind,
            },
        );
        self.find.search(&self.session.input, &text, self.privacy);
        self.open_prompt(PromptKind::Find, question.into(), text);
    }

    /// The find text changed.
    pub(in crate::tui) fn find_edited(&mut self, text: &str) {
        self.find.search(&self.session.input, text, self.privacy);
        if self.employees.index.is_none() {
            self.employees.index = self.find.index.clone();
        }
        match self.screen {
            Screen::Employees => {
                self.employees.filter = text.to_string();
                self.employees.refresh(&self.session);
            }
            Screen::Warnings => {
                self.warnings.filter = text.to_string();
                self.warnings.refresh(&self.session, self.focus.as_ref());
            }
            _ => {}
        }
    }

    /// Enter in the find prompt: a list screen keeps its filter unless a
    /// hit was chosen with ↑↓; otherwise go to the best (or chosen) hit.
    pub(in crate::tui) fn find_submitted(&mut self) {
        let filters = matches!(self.screen, Screen::Employees | Screen::Warnings);
        if filters && self.find.chosen.is_none() {
            return;
        }
        let Some(hit) = self.find.target() else {
            self.say(t(self.lang, Shell::NothingFound), Tone::Info);
            return;
        };
        if filters {
            self.employees.filter.clear();
            self.employees.refresh(&self.session);
            self.warnings.filter.clear();
            self.warnings.refresh(&self.session, self.focus.as_ref());
        }
        self.go_to(hit);
    }

    /// Shows `hit` on its screen, widening the focus when it is outside.
    pub(in crate::tui) fn go_to(&mut self, hit: Hit) {
        let input = &self.session.input;
        let group = match hit {
            Hit::Employee(e) => Some(input.group_of(e)),
            Hit::Group(g) => Some(g),
            Hit::Department(d) => Some(input.departments[d].group),
            Hit::Rater(_) => None,
        };
        let outside = match (&self.focus, hit) {
            (Some(focus), Hit::Rater(r)) => !focus.has_rater(r),
            (Some(focus), _) => group != Some(focus.group),
            (None, _) => false,
        };
        if outside {
            // A group found while focused becomes the focus; anything else
            // is shown in the whole company.
            self.set_focus(if matches!(hit, Hit::Group(_)) {
                group
            } else {
                None
            });
        }
        let input = &self.session.input;
        match hit {
            Hit::Rater(r) => {
                self.screen = Screen::Raters;
                if !self.raters.select(r) {
                    self.say(
                        fill(
                            self.lang,
                            Shell::NoRatings,
                            &[("rater", &text::safe(&input.raters[r].id))],
                        ),
                        Tone::Info,
                    );
                }
            }
            Hit::Group(g) => {
                self.screen = Screen::Groups;
                self.groups.selected = g;
                self.groups.department = 0;
            }
            Hit::Department(d) => {
                self.screen = Screen::Groups;
                let g = input.departments[d].group;
                self.groups.selected = g;
                self.groups.department = input.groups[g]
                    .departments
                    .iter()
                    .position(|&x| x == d)
                    .unwrap_or(0);
            }
            Hit::Employee(e) => {
                self.screen = Screen::Employees;
                if !self.employees.select(e) {
                    self.employees.rater = None;
                    self.employees.filter.clear();
                    self.employees.refresh(&self.session);
                    self.employees.select(e);
                }
            }
        }
    }

    /// The agenda item the screen has selected: the rater, the person, the
    /// group, or the agenda's own selection.
    pub(in crate::tui) fn selected_item(&self) -> Option<Item> {
        let input = &self.session.input;
        match self.screen {
            Screen::Raters => self
                .selected_rater()
                .map(|r| Item::Rater(input.raters[r].id.to_string())),
            Screen::Employees => self
                .employees
                .selected_employee()
                .map(|e| Item::Employee(input.employees[e].id.to_string())),
            Screen::Groups => input
                .groups
                .get(self.groups.selected)
                .map(|g| Item::Group(g.id.clone())),
            Screen::Agenda => self.agenda.selected().map(|e| e.item.clone()),
            Screen::Decisions | Screen::Warnings | Screen::Summary | Screen::Fairness => None,
        }
    }

    /// Scrolls or closes a panel.
    pub(in crate::tui) fn update_panel(
        &mut self,
        mut panel: crate::tui::action::Panel,
        action: Action,
    ) {
        use crate::tui::action::{Mode, PanelKind};
        panel.scroll = match action {
            Action::Open => {
                self.mode = Mode::Normal;
                if let PanelKind::Movers(row) = panel.kind {
                    self.go_to_decision_behind(row);
                }
                return;
            }
            Action::Up => panel.scroll.saturating_sub(1),
            Action::Down => panel.scroll + 1,
            Action::PageUp => panel.scroll.saturating_sub(10),
            Action::PageDown => panel.scroll + 10,
            Action::Quit => {
                self.mode = Mode::Normal;
                return;
            }
            _ => {
                self.mode = Mode::Normal;
                return;
            }
        };
        self.mode = Mode::Panel(panel);
    }
}
