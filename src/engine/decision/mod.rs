//! The committee's decisions (contract sections 2 and 6.2): what a decision
//! is ([`Change`], [`Decision`]), how decisions fold into the [`State`] the
//! calibration is computed from (`state.rs`), and the decisions file
//! (`file.rs`).
//!
//! A session is the input plus an ordered list of decisions; every number on
//! screen and in the export is derived from them.

use std::fmt;

use super::transform::Transform;

mod file;
pub mod journal;
mod state;

pub use file::{Header, SESSION_VERSION, SessionFile, to_values};
pub use state::{Override, Overrides, SignedOff, State, Touched};

/// What a decision changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Sets the rater's scale adjustment (replacing any earlier one).
    RaterScale { rater: String, transform: Transform },
    /// Regrades a department, which changes its group's quotas.
    DepartmentGrade { department: String, grade: String },
    /// Sets one employee's final grade.
    Override { employee: String, grade: String },
    /// Removes the employee's override, if any.
    ClearOverride { employee: String },
    /// Marks an agenda item as discussed (contract 6.2); changes no number.
    Discussed { item: Item, note: Option<String> },
    /// Removes an item's discussed mark.
    ClearDiscussed { item: Item },
    /// Closes the session: every later decision but a reopen is refused.
    /// Who signs is the decision's `by` (required).
    SignOff,
    /// Opens a signed-off session again (a reason is required).
    Reopen,
}

/// What an agenda mark is about (contract 6.2: exactly one target).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    Rater(String),
    Employee(String),
    /// A value of the export's `group` column: a pool, or a lone department.
    Group(String),
}

impl Item {
    /// The field naming it in the decisions file.
    pub fn field(&self) -> &'static str {
        match self {
            Item::Rater(_) => "rater",
            Item::Employee(_) => "employee",
            Item::Group(_) => "group",
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Item::Rater(id) | Item::Employee(id) | Item::Group(id) => id,
        }
    }
}

impl Change {
    /// Whether two changes are about the same rater, department or employee
    /// (a later one replaces the earlier).
    pub fn same_target(&self, other: &Change) -> bool {
        match (self, other) {
            (Change::RaterScale { rater: a, .. }, Change::RaterScale { rater: b, .. }) => a == b,
            (
                Change::DepartmentGrade { department: a, .. },
                Change::DepartmentGrade { department: b, .. },
            ) => a == b,
            (
                Change::Override { employee: a, .. } | Change::ClearOverride { employee: a },
                Change::Override { employee: b, .. } | Change::ClearOverride { employee: b },
            ) => a == b,
            (
                Change::Discussed { item: a, .. } | Change::ClearDiscussed { item: a },
                Change::Discussed { item: b, .. } | Change::ClearDiscussed { item: b },
            ) => a == b,
            (Change::SignOff | Change::Reopen, Change::SignOff | Change::Reopen) => true,
            _ => false,
        }
    }

    /// What the change is about, as a key: a later change with the same
    /// key replaces it ([`Change::same_target`]).
    pub fn target(&self) -> (u8, &str) {
        match self {
            Change::RaterScale { rater, .. } => (0, rater),
            Change::DepartmentGrade { department, .. } => (1, department),
            Change::Override { employee, .. } | Change::ClearOverride { employee } => (2, employee),
            Change::Discussed { item, .. } | Change::ClearDiscussed { item } => match item {
                Item::Rater(id) => (3, id),
                Item::Employee(id) => (4, id),
                Item::Group(id) => (5, id),
            },
            Change::SignOff | Change::Reopen => (6, ""),
        }
    }

    /// Whether the change can move a number (a grade, a score, a quota):
    /// agenda marks and sign-offs only keep the record.
    pub fn moves_numbers(&self) -> bool {
        !matches!(
            self,
            Change::Discussed { .. }
                | Change::ClearDiscussed { .. }
                | Change::SignOff
                | Change::Reopen
        )
    }

    /// The kind's name in the decisions file.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::RaterScale { .. } => "rater_scale",
            Change::DepartmentGrade { .. } => "department_grade",
            Change::Override { .. } => "override",
            Change::ClearOverride { .. } => "clear_override",
            Change::Discussed { .. } => "discussed",
            Change::ClearDiscussed { .. } => "clear_discussed",
            Change::SignOff => "sign_off",
            Change::Reopen => "reopen",
        }
    }

    /// Whether a decision of this kind needs a reason that is not blank.
    pub fn needs_reason(&self) -> bool {
        matches!(self, Change::Override { .. } | Change::Reopen)
    }
}

/// One line saying what a change does: `M07: z-score to pool`,
/// `CS-RET → department grade A`, `E0008 → S`, `E0008: override cleared`.
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::RaterScale { rater, transform } => write!(f, "{rater}: {transform}"),
            Change::DepartmentGrade { department, grade } => {
                write!(f, "{department} → department grade {grade}")
            }
            Change::Override { employee, grade } => write!(f, "{employee} → {grade}"),
            Change::ClearOverride { employee } => write!(f, "{employee}: override cleared"),
            Change::Discussed { item, note } => {
                write!(f, "{} {}: discussed", item.field(), item.id())?;
                match note {
                    Some(note) => write!(f, " ({note})"),
                    None => Ok(()),
                }
            }
            Change::ClearDiscussed { item } => {
                write!(f, "{} {}: discussed mark cleared", item.field(), item.id())
            }
            Change::SignOff => f.write_str("session signed off"),
            Change::Reopen => f.write_str("session reopened"),
        }
    }
}

/// One decision, with the record the committee keeps of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub change: Change,
    /// Why, exactly as written (contract 6.1: kept verbatim).
    pub reason: Option<String>,
    /// When it was decided (RFC 3339), as recorded.
    pub at: Option<String>,
    /// Who decided, as recorded.
    pub by: Option<String>,
    /// Consecutive decisions with the same batch were made as one act and
    /// are undone and redone as one step (contract 6.2).
    pub batch: Option<u64>,
    /// The 1-based position of the earlier decision whose effect this one
    /// undoes, when it was made by revoking that decision. It changes no
    /// number: the record says why the decision was made.
    pub revokes: Option<usize>,
    /// Fields calibra does not know, as written (key, JSON text): kept and
    /// written back, never dropped.
    pub extra: Vec<(String, String)>,
}

impl Decision {
    pub fn new(change: Change) -> Self {
        Decision {
            change,
            reason: None,
            at: None,
            by: None,
            batch: None,
            revokes: None,
            extra: Vec::new(),
        }
    }

    pub fn kind(&self) -> &'static str {
        self.change.kind()
    }

    /// The same decision with `reason`.
    pub fn with_reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }
}

/// Whether a reason holds a character other than Unicode white space
/// (contract 6.1; the ideographic space U+3000 is white space).
pub fn is_blank(reason: Option<&str>) -> bool {
    reason.is_none_or(|r| r.chars().all(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_reasons_are_white_space_only() {
        assert!(is_blank(None));
        assert!(is_blank(Some("")));
        assert!(is_blank(Some(" \t\r\n")));
        assert!(is_blank(Some("\u{3000}\u{3000}")), "ideographic space");
        assert!(!is_blank(Some("\tled the 11.11 peak")));
        assert!(!is_blank(Some("。")));
    }

    #[test]
    fn changes_say_what_they_do() {
        let change = Change::DepartmentGrade {
            department: "CS-RET".into(),
            grade: "A".into(),
        };
        assert_eq!(change.to_string(), "CS-RET → department grade A");
        assert_eq!(
            Change::ClearOverride {
                employee: "E0008".into()
            }
            .to_string(),
            "E0008: override cleared"
        );
    }
}
