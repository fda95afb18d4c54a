//! Agenda reasons and warnings in words for the screen.

use crate::engine::agenda::Reason;
use crate::engine::model::Input;
use crate::engine::warnings::{IdKind, Warning};
use crate::text;

/// One reason an item is on the agenda, with what would resolve it.
pub fn reason(input: &Input, reason: &Reason) -> String {
    let grades = &input.policy.grades;
    let grade = |g: usize| grades.get(g).map_or("?", |g| g.id.as_str());
    match reason {
        Reason::QuotaViolation {
            grade: g,
            allowed,
            count,
        } => {
            let (n, way) = if count > allowed {
                (count - allowed, "out of")
            } else {
                (allowed - count, "into")
            };
            format!(
                "⚠ {}: {count} now, the quota fills {allowed}: move {n} {way} {} (override or clear overrides)",
                grade(*g),
                grade(*g)
            )
        }
        Reason::BoundaryTie { start, end } => format!(
            "≍ ranks {}–{} tie across a grade line: break the tie or accept it",
            start + 1,
            end
        ),
        Reason::Flagged {
            flags,
            n,
            mean_diff,
        } => {
            let flags: Vec<String> = flags
                .iter()
                .map(|f| format!("{}{}", f.symbol(), f.name()))
                .collect();
            format!(
                "{} on {n} ratings{}",
                flags.join(" "),
                mean_diff.map_or(String::new(), |d| format!(", Δ {d:+.1} vs others"))
            )
        }
        Reason::Overridden { auto, grade: g } => format!(
            "✎ overridden {} → {}: a second look",
            grade(usize::from(*auto)),
            grade(usize::from(*g))
        ),
        Reason::BigMover { previous } => {
            format!("⇅ big mover: {} last cycle", text::safe(previous))
        }
        Reason::NearBoundary { grade: g, gap } => {
            format!(
                "first below the {} line, {gap} under the last one in",
                grade(*g)
            )
        }
    }
}

/// A warning without names, for privacy mode: its kind and the ids.
pub fn private_warning(input: &Input, warning: &Warning) -> String {
    let group = |g: usize| text::safe(&input.groups[g].id).into_owned();
    let grade = |g: usize| input.policy.grades[g].id.clone();
    match *warning {
        Warning::Unrated { employee } => {
            format!("unrated: {}", text::safe(&input.employees[employee].id))
        }
        Warning::SmallSample { rater, n } => {
            format!("only {n} ratings: {}", text::safe(&input.raters[rater].id))
        }
        Warning::QuotaTable { better, worse } => format!(
            "quota table: department grade {} allows less of the top grade than {}",
            input.policy.department_grades[better], input.policy.department_grades[worse]
        ),
        Warning::MixedPool { group: g } => format!("pool mixes department grades: {}", group(g)),
        Warning::QuotaViolation { group: g, grade: x } => {
            format!("quota violated: {} grade {}", group(g), grade(x))
        }
        Warning::BoundaryTie {
            group: g,
            start,
            end,
        } => {
            format!("boundary tie: {} ranks {}–{end}", group(g), start + 1)
        }
        Warning::LookAlike {
            kind,
            first,
            second,
        } => {
            let ids = |a: &str, b: &str| format!("{} and {}", text::safe(a), text::safe(b));
            let (what, pair) = match kind {
                IdKind::Employee => (
                    "employee",
                    ids(&input.employees[first].id, &input.employees[second].id),
                ),
                IdKind::Rater => (
                    "rater",
                    ids(&input.raters[first].id, &input.raters[second].id),
                ),
                IdKind::Department => (
                    "department",
                    ids(&input.departments[first].id, &input.departments[second].id),
                ),
            };
            format!("look-alike {what} ids: {pair}")
        }
        Warning::BonusNotAllocated => "bonus pool not allocated: every share is 0".into(),
        Warning::ManagerMissing { manager } => format!(
            "manager has not rated all their people: {}",
            text::safe(input.managers.word(manager))
        ),
    }
}

// The linked-ratings model while it is computed in the background (see
// `tui/linking.rs`): every text about it, in one place.

/// In a rater's card, table row and detail until the model arrives.
pub const LINKING: &str = "linking…";
/// The summary's linking-network line until the model arrives.
pub const LINKING_SUMMARY: &str =
    " Linked ratings: linking raters through shared people… (severities show when ready)";
/// `o` or `P` pressed before the model arrived.
pub const LINKED_NOT_YET: &str =
    "Linked ratings are still being computed: o and P work once the cards show severity";
/// The computation failed (it should not): nothing to show or propose.
pub const LINKED_FAILED: &str = "Linked ratings could not be computed";
