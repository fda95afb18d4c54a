//! Screen 2's state (the selected group and department) and its keys:
//! department regrades, each asking for a reason.

use crate::engine::decision::Change;
use crate::engine::session::Session;
use crate::i18n::{Ui, fill, t};
use crate::tui::action::{Action, Effect, PromptKind};
use crate::tui::app::App;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GroupsView {
    /// The selected group (input index).
    pub selected: usize,
    /// Position within the selected group's departments.
    pub department: usize,
}

impl GroupsView {
    /// The selected department (input index).
    pub fn selected_department(&self, session: &Session) -> Option<usize> {
        let group = session.input.groups.get(self.selected)?;
        group
            .departments
            .get(
                self.department
                    .min(group.departments.len().saturating_sub(1)),
            )
            .copied()
    }

    fn navigate(&mut self, session: &Session, action: &Action) {
        let groups = &session.input.groups;
        let last = groups.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => self.selected = (self.selected + 10).min(last),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Left => self.department = self.department.saturating_sub(1),
            Action::Right => {
                let count = groups.get(self.selected).map_or(0, |g| g.departments.len());
                self.department = (self.department + 1).min(count.saturating_sub(1));
            }
            _ => {}
        }
        if action.moves_in_list() {
            self.department = 0;
        }
    }
}

impl App {
    /// The groups screen's actions; `None` when the action is not its own.
    pub(in crate::tui) fn groups_action(&mut self, action: &Action) -> Option<Vec<Effect>> {
        match action {
            // Focused on a group, the screen shows that group only.
            _ if action.moves_in_list() && self.focus.is_some() => {}
            Action::Up
            | Action::Down
            | Action::Left
            | Action::Right
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => self.groups.navigate(&self.session, action),
            Action::Raise | Action::Lower => self.ask_regrade(*action == Action::Raise),
            _ => return None,
        }
        Some(Vec::new())
    }

    fn ask_regrade(&mut self, up: bool) {
        let Some(d) = self.groups.selected_department(&self.session) else {
            return;
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
            self.refuse_text(t(
                self.lang,
                if up {
                    Ui::BestDepartmentGrade
                } else {
                    Ui::WorstDepartmentGrade
                },
            ));
            return;
        };
        let department = self.session.input.departments[d].id.clone();
        let from = policy.department_grades[current].clone();
        let grade = policy.department_grades[target].clone();
        let question = fill(
            self.lang,
            Ui::RegradeQuestion,
            &[
                ("department", &department),
                ("from", &from),
                ("grade", &grade),
            ],
        );
        self.open_prompt(
            PromptKind::Reason(Change::DepartmentGrade { department, grade }),
            question,
            String::new(),
        );
    }
}
