//! The net effect of a list of decisions: the [`State`] the calibration
//! reads, and applying one decision to it.

use super::{Change, Decision, is_blank};
use crate::engine::diagnostic::{Diagnostics, Location};
use crate::engine::model::{Input, ScoreScale};
use crate::engine::transform::Transform;

/// An employee's override as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub grade: usize,
    pub reason: String,
}

/// The net effect of a list of decisions: what the calibration reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// Per rater.
    pub transforms: Vec<Transform>,
    /// Per department: index into the policy's department grades.
    pub department_grades: Vec<usize>,
    /// Per employee.
    pub overrides: Vec<Option<Override>>,
}

/// What applying one decision touched, so that only that is recomputed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touched {
    Rater(usize),
    Department(usize),
    Employee(usize),
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
        }
    }
}

impl State {
    /// No decisions: no transforms, department grades as in org.json, no overrides.
    pub fn initial(input: &Input) -> Self {
        State {
            transforms: vec![Transform::None; input.raters.len()],
            department_grades: input.departments.iter().map(|d| d.grade).collect(),
            overrides: vec![None; input.employees.len()],
        }
    }

    /// Applies one decision, or says in plain words why it cannot apply.
    pub fn apply(&mut self, input: &Input, decision: &Decision) -> Result<Touched, String> {
        match &decision.change {
            Change::RaterScale { rater, transform } => {
                let r = input
                    .rater_index(rater)
                    .ok_or_else(|| format!("rater \"{rater}\" is not in the submissions"))?;
                check_transform(transform, &input.policy.score)?;
                self.transforms[r] = *transform;
                Ok(Touched::Rater(r))
            }
            Change::DepartmentGrade { department, grade } => {
                let d = input
                    .department_index(department)
                    .ok_or_else(|| format!("department \"{department}\" is not in org.json"))?;
                let g = input.policy.department_grade_index(grade).ok_or_else(|| {
                    format!(
                        "\"{grade}\" is not a department grade (the policy has {})",
                        input.policy.department_grades.join(", ")
                    )
                })?;
                self.department_grades[d] = g;
                Ok(Touched::Department(d))
            }
            Change::Override { employee, grade } => {
                let e = input
                    .employee_index(employee)
                    .ok_or_else(|| format!("employee \"{employee}\" is not in org.json"))?;
                let g = input.policy.grade_index(grade).ok_or_else(|| {
                    let grades: Vec<&str> =
                        input.policy.grades.iter().map(|g| g.id.as_str()).collect();
                    format!(
                        "\"{grade}\" is not a grade (the policy has {})",
                        grades.join(", ")
                    )
                })?;
                if !input.is_rated(e) {
                    return Err(format!(
                        "employee \"{employee}\" has no rating, so has no grade to override"
                    ));
                }
                let reason = match decision.reason.as_deref() {
                    Some(reason) if !is_blank(Some(reason)) => reason,
                    _ => return Err("an override needs a reason".to_string()),
                };
                self.overrides[e] = Some(Override {
                    grade: g,
                    reason: reason.to_string(),
                });
                Ok(Touched::Employee(e))
            }
            Change::ClearOverride { employee } => {
                let e = input
                    .employee_index(employee)
                    .ok_or_else(|| format!("employee \"{employee}\" is not in org.json"))?;
                self.overrides[e] = None;
                Ok(Touched::Employee(e))
            }
        }
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
                self.overrides[e] = None;
                Some(Touched::Employee(e))
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
            if let Err(message) = state.apply(input, decision) {
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

fn check_transform(transform: &Transform, scale: &ScoreScale) -> Result<(), String> {
    transform.check_bounds(scale)
}
