//! Revoking a decision on the record: the change that puts its target back
//! to what it was just before that decision (the last earlier decision
//! about the same target, or the input). The record stays append-only: the
//! revoke is an ordinary decision of its own.

use super::Session;
use crate::engine::decision::{Change, Decision, Touched};
use crate::engine::transform::Transform;

/// The change that undoes the effect of decision `index`, or why it cannot.
pub(super) fn restoring_change(session: &Session, index: usize) -> Result<Change, String> {
    let history = &session.history;
    let Some(decision) = history.decisions.get(index) else {
        return Err(format!("there is no decision {}", index + 1));
    };
    if let Some(later) = history.later_on_same_target(index) {
        return Err(format!(
            "decision {} is no longer in force: decision {} replaced it (revoke that one instead)",
            index + 1,
            later + 1
        ));
    }
    let earlier = history.earlier_on_same_target(index);
    let input = &session.input;
    let policy = &input.policy;
    let change = match (&decision.change, earlier.map(|d: &Decision| &d.change)) {
        (Change::SignOff | Change::Reopen, _) => {
            return Err(
                "a sign-off is not revoked: reopen the session (with a reason) instead".to_string(),
            );
        }
        (Change::Discussed { item, .. } | Change::ClearDiscussed { item }, earlier) => {
            match earlier {
                Some(Change::Discussed { note, .. }) => Change::Discussed {
                    item: item.clone(),
                    note: note.clone(),
                },
                _ => Change::ClearDiscussed { item: item.clone() },
            }
        }
        (Change::RaterScale { rater, .. }, earlier) => Change::RaterScale {
            rater: rater.clone(),
            transform: match earlier {
                Some(Change::RaterScale { transform, .. }) => *transform,
                _ => Transform::None,
            },
        },
        (Change::DepartmentGrade { department, .. }, earlier) => Change::DepartmentGrade {
            department: department.clone(),
            grade: match earlier {
                Some(Change::DepartmentGrade { grade, .. }) => grade.clone(),
                _ => {
                    let d = input
                        .department_index(department)
                        .ok_or_else(|| format!("department \"{department}\" is not in org.json"))?;
                    policy.department_grades[input.departments[d].grade].clone()
                }
            },
        },
        (Change::Override { employee, .. } | Change::ClearOverride { employee }, earlier) => {
            match earlier {
                Some(Change::Override { grade, .. }) => Change::Override {
                    employee: employee.clone(),
                    grade: grade.clone(),
                },
                _ => Change::ClearOverride {
                    employee: employee.clone(),
                },
            }
        }
    };
    if changes_nothing(session, &change) {
        return Err(format!(
            "decision {} changed nothing that is still in force: there is nothing to revoke",
            index + 1
        ));
    }
    Ok(change)
}

/// Whether `change` would leave its target as it stands now.
fn changes_nothing(session: &Session, change: &Change) -> bool {
    let input = &session.input;
    let state = session.state();
    match (Touched::of(input, change), change) {
        (Some(Touched::Rater(r)), Change::RaterScale { transform, .. }) => {
            state.transforms[r] == *transform
        }
        (Some(Touched::Department(d)), Change::DepartmentGrade { grade, .. }) => {
            input
                .policy
                .department_grades
                .get(state.department_grades[d])
                == Some(grade)
        }
        (Some(Touched::Employee(e)), Change::ClearOverride { .. }) => {
            state.overrides.get(e).is_none()
        }
        (Some(Touched::Record), Change::ClearDiscussed { item }) => {
            !state.discussed.contains_key(item)
        }
        // Restoring an override restores its grade under a new reason.
        _ => false,
    }
}
