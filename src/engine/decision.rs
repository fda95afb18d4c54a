//! The committee's decisions (contract section 2): parsing, saving, and
//! replaying them into the [`State`] that the calibration is computed from.
//!
//! A session is the input plus an ordered list of decisions; every number on
//! screen and in the export is derived from them. Undo drops the last one.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::diagnostic::{Diagnostic, Diagnostics, Location};
use super::model::Input;
use super::source::{At, Dec, Positions, SourceFile};
use super::transform::Transform;

/// The only session file version this build reads and writes.
pub const SESSION_VERSION: u64 = 1;

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
            _ => false,
        }
    }
}

/// One decision, with the record the committee keeps of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub change: Change,
    pub reason: Option<String>,
    /// When it was decided (RFC 3339), as recorded.
    pub at: Option<String>,
    /// Who decided, as recorded.
    pub by: Option<String>,
}

impl Decision {
    pub fn new(change: Change) -> Self {
        Decision {
            change,
            reason: None,
            at: None,
            by: None,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self.change {
            Change::RaterScale { .. } => "rater_scale",
            Change::DepartmentGrade { .. } => "department_grade",
            Change::Override { .. } => "override",
            Change::ClearOverride { .. } => "clear_override",
        }
    }
}

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
                check_transform(transform)?;
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
                let reason = decision
                    .reason
                    .as_deref()
                    .filter(|r| !r.trim().is_empty())
                    .ok_or("an override needs a reason")?;
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

fn check_transform(transform: &Transform) -> Result<(), String> {
    match *transform {
        Transform::Linear { stretch, .. } if stretch <= Decimal::ZERO => Err(format!(
            "stretch \"{stretch}\" must be greater than 0 (it multiplies the rater's spread)"
        )),
        Transform::ZScore { sd: Some(sd), .. } if sd <= Decimal::ZERO => {
            Err(format!("target sd \"{sd}\" must be greater than 0"))
        }
        _ => Ok(()),
    }
}

/// A decisions file as read: the decisions and where each one sits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionFile {
    pub decisions: Vec<Decision>,
    /// Where each decision was read from (empty for decisions made live).
    pub locations: Vec<Location>,
}

impl SessionFile {
    /// The location of decision `i` for messages.
    pub fn location(&self, i: usize) -> Location {
        self.locations
            .get(i)
            .cloned()
            .unwrap_or_else(|| Location::file(format!("decision {}", i + 1)))
    }

    /// Parses a decisions file, reporting every malformed decision.
    pub fn parse(file: &SourceFile) -> Result<SessionFile, Diagnostics> {
        let pos = Positions::new(file);
        let mut errors = Diagnostics::default();
        let doc: SessionDoc = pos.parse_object().map_err(|d| Diagnostics(vec![d]))?;
        if doc.version.value != SESSION_VERSION {
            errors.error(
                pos.at_addr(doc.version.addr),
                format!(
                    "session version {} is not supported (this calibra reads version {SESSION_VERSION})",
                    doc.version.value
                ),
            );
            return Err(errors);
        }
        let mut session = SessionFile::default();
        for raw in doc.decisions {
            let location = pos.at_slice(raw.get());
            let parsed = pos.parse_raw_object::<DecisionDoc>(raw).and_then(|d| {
                d.into_decision()
                    .map_err(|m| Diagnostic::error(location.clone(), m))
            });
            match parsed {
                Ok(decision) => {
                    session.decisions.push(decision);
                    session.locations.push(location);
                }
                Err(diagnostic) => errors.push(diagnostic),
            }
        }
        if errors.has_errors() {
            Err(errors)
        } else {
            Ok(session)
        }
    }

    /// The decisions file text: pretty JSON, one decision per object.
    pub fn to_json(decisions: &[Decision]) -> String {
        let doc = SessionOut {
            version: SESSION_VERSION,
            decisions: decisions.iter().map(DecisionDoc::from_decision).collect(),
        };
        let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        text.push('\n');
        text
    }
}

#[derive(Deserialize)]
struct SessionDoc<'a> {
    version: At<u64>,
    #[serde(borrow)]
    decisions: Vec<&'a RawValue>,
}

#[derive(Serialize)]
struct SessionOut {
    version: u64,
    decisions: Vec<DecisionDoc>,
}

/// The flat shape of a decision in the file. Read leniently, then checked
/// per kind so that messages can say exactly which field is missing.
#[derive(Deserialize, Serialize, Default)]
struct DecisionDoc {
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rater: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    employee: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delta: Option<DecOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stretch: Option<DecOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shift: Option<DecOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mean: Option<DecOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sd: Option<DecOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grade: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<String>,
}

/// A decimal read like [`Dec`] and written as a string ("1.2").
#[derive(Clone, Copy)]
struct DecOut(Decimal);

impl<'de> Deserialize<'de> for DecOut {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Dec::deserialize(d).map(|v| DecOut(v.0))
    }
}

impl Serialize for DecOut {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl DecisionDoc {
    fn into_decision(self) -> Result<Decision, String> {
        fn need<T>(value: Option<T>, field: &str, kind: &str) -> Result<T, String> {
            value.ok_or_else(|| format!("a \"{kind}\" decision needs \"{field}\""))
        }
        let kind = self.kind.as_str();
        let change = match kind {
            "rater_scale" => {
                let rater = need(self.rater, "rater", kind)?;
                let method = need(self.method, "method", kind)?;
                let transform = match method.as_str() {
                    "none" => Transform::None,
                    "offset" => Transform::Offset {
                        delta: need(self.delta, "delta", "offset")?.0,
                    },
                    "linear" => Transform::Linear {
                        stretch: need(self.stretch, "stretch", "linear")?.0,
                        shift: need(self.shift, "shift", "linear")?.0,
                    },
                    "zscore" => Transform::ZScore {
                        mean: self.mean.map(|m| m.0),
                        sd: self.sd.map(|s| s.0),
                    },
                    "quantile" => Transform::Quantile,
                    other => {
                        return Err(format!(
                            "method \"{other}\" is not known (use none, offset, linear, zscore or quantile)"
                        ));
                    }
                };
                Change::RaterScale { rater, transform }
            }
            "department_grade" => Change::DepartmentGrade {
                department: need(self.department, "department", kind)?,
                grade: need(self.grade, "grade", kind)?,
            },
            "override" => {
                let reason = self.reason.as_deref().map(str::trim).unwrap_or("");
                if reason.is_empty() {
                    return Err("an override needs a reason that is not blank".to_string());
                }
                Change::Override {
                    employee: need(self.employee, "employee", kind)?,
                    grade: need(self.grade, "grade", kind)?,
                }
            }
            "clear_override" => Change::ClearOverride {
                employee: need(self.employee, "employee", kind)?,
            },
            other => {
                return Err(format!(
                    "decision kind \"{other}\" is not known (use rater_scale, department_grade, override or clear_override)"
                ));
            }
        };
        Ok(Decision {
            change,
            reason: self.reason,
            at: self.at,
            by: self.by,
        })
    }

    fn from_decision(decision: &Decision) -> Self {
        let mut doc = DecisionDoc {
            kind: decision.kind().to_string(),
            reason: decision.reason.clone(),
            at: decision.at.clone(),
            by: decision.by.clone(),
            ..DecisionDoc::default()
        };
        match &decision.change {
            Change::RaterScale { rater, transform } => {
                doc.rater = Some(rater.clone());
                doc.method = Some(transform.method().to_string());
                match *transform {
                    Transform::Offset { delta } => doc.delta = Some(DecOut(delta)),
                    Transform::Linear { stretch, shift } => {
                        doc.stretch = Some(DecOut(stretch));
                        doc.shift = Some(DecOut(shift));
                    }
                    Transform::ZScore { mean, sd } => {
                        doc.mean = mean.map(DecOut);
                        doc.sd = sd.map(DecOut);
                    }
                    Transform::None | Transform::Quantile => {}
                }
            }
            Change::DepartmentGrade { department, grade } => {
                doc.department = Some(department.clone());
                doc.grade = Some(grade.clone());
            }
            Change::Override { employee, grade } => {
                doc.employee = Some(employee.clone());
                doc.grade = Some(grade.clone());
            }
            Change::ClearOverride { employee } => doc.employee = Some(employee.clone()),
        }
        doc
    }
}

/// The decisions as JSON values, for the export's `decisions` array.
pub fn to_values(decisions: &[Decision]) -> Vec<serde_json::Value> {
    decisions
        .iter()
        .map(|d| serde_json::to_value(DecisionDoc::from_decision(d)).unwrap_or_default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const CONTRACT_EXAMPLE: &str = r#"{
  "version": 1,
  "decisions": [
    { "kind": "rater_scale", "rater": "M01", "method": "zscore", "reason": "lenient", "at": "2026-11-27T09:12:00Z", "by": "HR" },
    { "kind": "rater_scale", "rater": "M02", "method": "linear", "stretch": "1.2", "shift": "-3" },
    { "kind": "rater_scale", "rater": "M03", "method": "offset", "delta": 2.5 },
    { "kind": "rater_scale", "rater": "M04", "method": "quantile" },
    { "kind": "rater_scale", "rater": "M05", "method": "none" },
    { "kind": "department_grade", "department": "CS-PRE", "grade": "B", "reason": "..." },
    { "kind": "override", "employee": "E0001", "grade": "A", "reason": "led the 11.11 peak" },
    { "kind": "clear_override", "employee": "E0001" }
  ]
}"#;

    #[test]
    fn contract_example_parses_and_round_trips() {
        let file = SourceFile::new("session.json", CONTRACT_EXAMPLE);
        let session = SessionFile::parse(&file).expect("valid");
        assert_eq!(session.decisions.len(), 8);
        assert_eq!(
            session.decisions[1].change,
            Change::RaterScale {
                rater: "M02".into(),
                transform: Transform::Linear {
                    stretch: dec!(1.2),
                    shift: dec!(-3)
                }
            }
        );
        assert_eq!(session.decisions[0].by.as_deref(), Some("HR"));
        assert_eq!(session.locations[6].line, Some(10));
        let again = SessionFile::parse(&SourceFile::new(
            "s",
            SessionFile::to_json(&session.decisions),
        ))
        .expect("round trip");
        assert_eq!(again.decisions, session.decisions);
    }

    #[test]
    fn malformed_decisions_are_all_reported_with_lines() {
        let text = r#"{"version": 1, "decisions": [
{ "kind": "override", "employee": "E1", "grade": "A", "reason": "  " },
{ "kind": "rater_scale", "rater": "M1", "method": "sigmoid" },
{ "kind": "rater_scale", "rater": "M1", "method": "offset" },
{ "kind": "promote", "employee": "E1" }
]}"#;
        let errors = SessionFile::parse(&SourceFile::new("s.json", text)).expect_err("invalid");
        let lines: Vec<_> = errors
            .0
            .iter()
            .map(|d| d.location.as_ref().and_then(|l| l.line))
            .collect();
        assert_eq!(lines, vec![Some(2), Some(3), Some(4), Some(5)]);
        assert!(errors.0[2].message.contains("\"delta\""));
    }

    #[test]
    fn other_versions_are_refused() {
        let errors = SessionFile::parse(&SourceFile::new(
            "s.json",
            "{\"version\": 2, \"decisions\": []}",
        ))
        .expect_err("version 2");
        assert!(errors.0[0].message.contains("version 2"));
    }
}
