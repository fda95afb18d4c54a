//! The net effect of a list of decisions: the [`State`] the calibration
//! reads, and applying one decision to it.

use std::collections::BTreeMap;

use super::{Change, Decision, Item, is_blank};
use crate::engine::diagnostic::{Diagnostics, Location, Said};
use crate::engine::model::{Input, ScoreScale};
use crate::engine::transform::Transform;
use crate::i18n::Load;

/// An employee's override as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub grade: usize,
    pub reason: String,
}

/// The overrides as they stand, kept only for the employees who have one:
/// a million employees have a few hundred, not a million empty slots.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Overrides(hashbrown::HashMap<usize, Override>);

impl Overrides {
    /// Employee `e`'s override, if they have one.
    pub fn get(&self, e: usize) -> Option<&Override> {
        self.0.get(&e)
    }

    /// Gives employee `e` this override, or clears theirs (`None`).
    pub fn set(&mut self, e: usize, value: Option<Override>) {
        match value {
            Some(value) => {
                self.0.insert(e, value);
            }
            None => {
                self.0.remove(&e);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every override, by employee (ascending).
    pub fn sorted(&self) -> Vec<(usize, &Override)> {
        let mut all: Vec<(usize, &Override)> = self.0.iter().map(|(&e, o)| (e, o)).collect();
        all.sort_unstable_by_key(|&(e, _)| e);
        all
    }
}

/// Who signed the session off, and when (contract 6.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedOff {
    pub by: String,
    pub at: Option<String>,
}

/// The net effect of a list of decisions: what the calibration reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// Per rater.
    pub transforms: Vec<Transform>,
    /// Per department: index into the policy's department grades.
    pub department_grades: Vec<usize>,
    /// The employees with an override.
    pub overrides: Overrides,
    /// Agenda items marked as discussed, with their note.
    pub discussed: BTreeMap<Item, Option<String>>,
    /// Set while the session is signed off.
    pub signed_off: Option<SignedOff>,
}

/// What applying one decision touched, so that only that is recomputed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touched {
    Rater(usize),
    Department(usize),
    Employee(usize),
    /// Only the record: an agenda mark, a sign-off (no number moves).
    Record,
}

impl Touched {
    /// The rater, department or employee a change is about, if the input
    /// has it.
    pub fn of(input: &Input, change: &Change) -> Option<Touched> {
        match change {
            Change::RaterScale { rater, .. } => input.rater_index(rater).map(Touched::Rater),
            Change::DepartmentGrade { department, .. } => {
                input.department_index(department).map(Touched::Department)
            }
            Change::Override { employee, .. } | Change::ClearOverride { employee } => {
                input.employee_index(employee).map(Touched::Employee)
            }
            Change::Discussed { item, .. } | Change::ClearDiscussed { item } => {
                item_exists(input, item).then_some(Touched::Record)
            }
            Change::SignOff | Change::Reopen => Some(Touched::Record),
        }
    }
}

/// Whether the input has the rater, employee or group an item names.
fn item_exists(input: &Input, item: &Item) -> bool {
    match item {
        Item::Rater(id) => input.rater_index(id).is_some(),
        Item::Employee(id) => input.employee_index(id).is_some(),
        Item::Group(id) => input.groups.iter().any(|g| &g.id == id),
    }
}

impl State {
    /// No decisions: no transforms, department grades as in org.json, no overrides.
    pub fn initial(input: &Input) -> Self {
        State {
            transforms: vec![Transform::None; input.raters.len()],
            department_grades: input.departments.iter().map(|d| d.grade).collect(),
            overrides: Overrides::default(),
            discussed: BTreeMap::new(),
            signed_off: None,
        }
    }

    /// Applies one decision, or says in plain words why it cannot apply.
    pub fn apply(&mut self, input: &Input, decision: &Decision) -> Result<Touched, String> {
        self.try_apply(input, decision).map_err(String::from)
    }

    /// [`State::apply`], saying why in any language.
    pub fn try_apply(&mut self, input: &Input, decision: &Decision) -> Result<Touched, Said> {
        self.apply_or_check(input, decision, true)
    }

    /// Every check of [`State::apply`], then the change itself only when
    /// `write` (checks come first, so a refused decision changes nothing).
    fn apply_or_check(
        &mut self,
        input: &Input,
        decision: &Decision,
        write: bool,
    ) -> Result<Touched, Said> {
        if let Some(signed) = &self.signed_off
            && decision.change != Change::Reopen
        {
            return Err(Said::new(Load::SignedOff, &[("by", &signed.by)]));
        }
        match &decision.change {
            Change::RaterScale { rater, transform } => {
                let r = input
                    .rater_index(rater)
                    .ok_or_else(|| Said::new(Load::RaterNotInSubmissions, &[("id", rater)]))?;
                check_transform(transform, &input.policy.score)?;
                if write {
                    self.transforms[r] = *transform;
                }
                Ok(Touched::Rater(r))
            }
            Change::DepartmentGrade { department, grade } => {
                let d = input
                    .department_index(department)
                    .ok_or_else(|| Said::new(Load::DepartmentNotInOrg, &[("id", department)]))?;
                let g = input.policy.department_grade_index(grade).ok_or_else(|| {
                    let grades = input.policy.department_grades.join(", ");
                    Said::new(
                        Load::NotADepartmentGrade,
                        &[("grade", grade), ("grades", &grades)],
                    )
                })?;
                if write {
                    self.department_grades[d] = g;
                }
                Ok(Touched::Department(d))
            }
            Change::Override { employee, grade } => {
                let e = input
                    .employee_index(employee)
                    .ok_or_else(|| Said::new(Load::EmployeeNotInOrg, &[("id", employee)]))?;
                let g = input.policy.grade_index(grade).ok_or_else(|| {
                    let grades: Vec<&str> =
                        input.policy.grades.iter().map(|g| g.id.as_str()).collect();
                    Said::new(
                        Load::NotAGrade,
                        &[("grade", grade), ("grades", &grades.join(", "))],
                    )
                })?;
                if !input.is_rated(e) {
                    return Err(Said::new(Load::NoRatingToOverride, &[("id", employee)]));
                }
                let reason = match decision.reason.as_deref() {
                    Some(reason) if !is_blank(Some(reason)) => reason,
                    _ => return Err(Load::OverrideNeedsReason.into()),
                };
                if write {
                    self.overrides.set(
                        e,
                        Some(Override {
                            grade: g,
                            reason: reason.to_string(),
                        }),
                    );
                }
                Ok(Touched::Employee(e))
            }
            Change::ClearOverride { employee } => {
                let e = input
                    .employee_index(employee)
                    .ok_or_else(|| Said::new(Load::EmployeeNotInOrg, &[("id", employee)]))?;
                if write {
                    self.overrides.set(e, None);
                }
                Ok(Touched::Employee(e))
            }
            Change::Discussed { item, note } => {
                check_item(input, item)?;
                self.discussed.insert(item.clone(), note.clone());
                Ok(Touched::Record)
            }
            Change::ClearDiscussed { item } => {
                check_item(input, item)?;
                self.discussed.remove(item);
                Ok(Touched::Record)
            }
            Change::SignOff => {
                let by = match decision.by.as_deref() {
                    Some(by) if !is_blank(Some(by)) => by,
                    _ => return Err(Load::SignOffNeedsBy.into()),
                };
                self.signed_off = Some(SignedOff {
                    by: by.to_string(),
                    at: decision.at.clone(),
                });
                Ok(Touched::Record)
            }
            Change::Reopen => {
                if self.signed_off.is_none() {
                    return Err(Load::NotSignedOff.into());
                }
                if is_blank(decision.reason.as_deref()) {
                    return Err(Load::ReopenNeedsReason.into());
                }
                self.signed_off = None;
                Ok(Touched::Record)
            }
        }
    }

    /// Whether `decision` would apply to this state, without changing it
    /// or copying it (a million employees).
    pub fn clone_free_check(&self, input: &Input, decision: &Decision) -> Result<(), Said> {
        let mut light = State {
            transforms: Vec::new(),
            department_grades: Vec::new(),
            overrides: Overrides::default(),
            discussed: BTreeMap::new(),
            signed_off: self.signed_off.clone(),
        };
        light.apply_or_check(input, decision, false).map(|_| ())
    }

    /// Returns the target of `change` to its state without decisions (the
    /// input's); `None` if the target is unknown.
    pub fn reset(&mut self, input: &Input, change: &Change) -> Option<Touched> {
        match change {
            Change::RaterScale { rater, .. } => {
                let r = input.rater_index(rater)?;
                self.transforms[r] = Transform::None;
                Some(Touched::Rater(r))
            }
            Change::DepartmentGrade { department, .. } => {
                let d = input.department_index(department)?;
                self.department_grades[d] = input.departments[d].grade;
                Some(Touched::Department(d))
            }
            Change::Override { employee, .. } | Change::ClearOverride { employee } => {
                let e = input.employee_index(employee)?;
                self.overrides.set(e, None);
                Some(Touched::Employee(e))
            }
            Change::Discussed { item, .. } | Change::ClearDiscussed { item } => {
                self.discussed.remove(item);
                Some(Touched::Record)
            }
            Change::SignOff | Change::Reopen => {
                self.signed_off = None;
                Some(Touched::Record)
            }
        }
    }

    /// Replays decisions in order; every decision that cannot apply is
    /// reported at `locate(index)`.
    pub fn replay(
        input: &Input,
        decisions: &[Decision],
        locate: impl Fn(usize) -> Location,
    ) -> Result<State, Diagnostics> {
        let mut state = State::initial(input);
        let mut errors = Diagnostics::default();
        for (i, decision) in decisions.iter().enumerate() {
            if let Err(message) = state.try_apply(input, decision) {
                errors.error(locate(i), message);
            }
        }
        if errors.has_errors() {
            Err(errors)
        } else {
            Ok(state)
        }
    }
}

fn check_item(input: &Input, item: &Item) -> Result<(), Said> {
    if item_exists(input, item) {
        return Ok(());
    }
    Err(match item {
        Item::Rater(id) => Said::new(Load::RaterNotInSubmissions, &[("id", id)]),
        Item::Employee(id) => Said::new(Load::EmployeeNotInOrg, &[("id", id)]),
        Item::Group(id) => Said::new(Load::GroupUnknown, &[("id", id)]),
    })
}

fn check_transform(transform: &Transform, scale: &ScoreScale) -> Result<(), Said> {
    transform.within_bounds(scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_are_kept_for_those_who_have_one_listed_by_employee() {
        let mut overrides = Overrides::default();
        let override_ = |grade: usize| Override {
            grade,
            reason: format!("r{grade}"),
        };
        assert_eq!(overrides.get(0), None);
        for e in [900_000, 7, 42] {
            overrides.set(e, Some(override_(e % 5)));
        }
        overrides.set(7, Some(override_(3)));
        overrides.set(42, None);
        overrides.set(43, None);
        assert_eq!(overrides.len(), 2);
        assert_eq!(overrides.get(7), Some(&override_(3)));
        assert_eq!(overrides.get(42), None);
        let sorted: Vec<(usize, usize)> = overrides
            .sorted()
            .into_iter()
            .map(|(e, o)| (e, o.grade))
            .collect();
        assert_eq!(sorted, vec![(7, 3), (900_000, 0)]);
    }
}
