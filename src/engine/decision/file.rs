//! The decisions file (contract sections 2 and 6.2): reading it with every
//! malformed decision reported at its line, and writing it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{Change, Decision, Item, is_blank};
use crate::engine::diagnostic::{Diagnostic, Diagnostics, Location, Said};
use crate::engine::source::{At, Dec, Entries, Positions, SourceFile};
use crate::engine::transform::Transform;
use crate::i18n::Load;

/// The only session file version this build reads and writes.
pub const SESSION_VERSION: u64 = 1;

/// A decisions file as read: the decisions and where each one sits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionFile {
    pub decisions: Vec<Decision>,
    /// Where each decision was read from (empty for decisions made live).
    pub locations: Vec<Location>,
    /// The file's own fields beyond the contract's.
    pub header: Header,
    /// What reading it found that is not an error (a journal line cut
    /// short by a crash).
    pub warnings: Vec<Diagnostic>,
}

/// What a session file says about itself beyond its decisions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// The input folder the live screen's own session belongs to (its
    /// resolved path), so that a session found by name is checked to be
    /// this folder's, not assumed to be.
    pub input: Option<String>,
    /// The decision journal that goes on from this file (its `journal`
    /// field): the token its first line must name for its decisions to
    /// follow this file's (see `journal.rs`).
    pub journal: Option<String>,
    /// Fields calibra does not know (`approved_by`, `ticket`...), kept as
    /// written (key, JSON text) and written back.
    pub extra: Vec<(String, String)>,
}

/// The decision fields calibra reads; any other is kept as written.
#[rustfmt::skip]
const DECISION_FIELDS: [&str; 18] = [
    "kind", "rater", "department", "employee", "group", "method", "delta", "stretch", "shift",
    "mean", "sd", "grade", "note", "reason", "at", "by", "batch", "revokes",
];

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
                Said::new(
                    Load::SessionVersion,
                    &[
                        ("version", &doc.version.value),
                        ("supported", &SESSION_VERSION),
                    ],
                ),
            );
            return Err(errors);
        }
        let mut session = SessionFile::default();
        let fields: Entries<&RawValue> = pos.parse_object().map_err(|d| Diagnostics(vec![d]))?;
        for (key, value) in fields.0 {
            match key.as_str() {
                "version" | "decisions" => {}
                "input" => session.header.input = serde_json::from_str(value.get()).ok(),
                "journal" => session.header.journal = serde_json::from_str(value.get()).ok(),
                _ => session.header.extra.push((key, value.get().to_string())),
            }
        }
        for (i, raw) in doc.decisions.into_iter().enumerate() {
            match parse_decision(&pos, raw, i) {
                Ok((decision, location)) => {
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

    /// The decisions file text of `decisions` alone.
    pub fn to_json(decisions: &[Decision]) -> String {
        SessionFile::text(&Header::default(), decisions)
    }

    /// This file's text: the version, its header, then one decision a
    /// line, each with the fields calibra does not know as they were.
    pub fn to_text(&self) -> String {
        SessionFile::text(&self.header, &self.decisions)
    }

    /// The text of a session file with this header and these decisions.
    pub fn text(header: &Header, decisions: &[Decision]) -> String {
        let mut text = format!("{{\n  \"version\": {SESSION_VERSION},\n");
        if let Some(input) = &header.input {
            text.push_str(&format!("  \"input\": {},\n", quote(input)));
        }
        if let Some(journal) = &header.journal {
            text.push_str(&format!("  \"journal\": {},\n", quote(journal)));
        }
        for (key, value) in &header.extra {
            text.push_str(&format!("  {}: {value},\n", quote(key)));
        }
        text.push_str("  \"decisions\": [");
        for (i, decision) in decisions.iter().enumerate() {
            text.push_str(if i == 0 { "\n    " } else { ",\n    " });
            text.push_str(&decision_text(decision));
        }
        text.push_str(if decisions.is_empty() {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        text
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// One decision as the session file (and the journal) writes it: one line
/// of JSON, the fields calibra does not know as they were.
pub(super) fn decision_text(decision: &Decision) -> String {
    let mut line = serde_json::to_string(&DecisionDoc::from_decision(decision)).unwrap_or_default();
    if !decision.extra.is_empty() && line.ends_with('}') {
        line.pop();
        for (key, value) in &decision.extra {
            line.push_str(&format!(",{}:{value}", quote(key)));
        }
        line.push('}');
    }
    line
}

/// Reads decision `index` (0-based, its place in the whole record) from
/// `raw`, a value of `pos`'s file; returns it with where it was read.
pub(super) fn parse_decision<'a>(
    pos: &Positions<'a>,
    raw: &'a RawValue,
    index: usize,
) -> Result<(Decision, Location), Diagnostic> {
    let location = pos.at_slice(raw.get());
    let extra: Vec<(String, String)> = pos
        .parse_raw::<Entries<&RawValue>>(raw)
        .map(|entries| {
            entries
                .0
                .into_iter()
                .filter(|(k, _)| !DECISION_FIELDS.contains(&k.as_str()))
                .map(|(k, v)| (k, v.get().to_string()))
                .collect()
        })
        .unwrap_or_default();
    let decision = pos.parse_raw_object::<DecisionDoc>(raw).and_then(|d| {
        d.into_decision()
            .map(|decision| Decision { extra, ..decision })
            .and_then(|decision| match decision.revokes {
                Some(n) if n > index => Err(Said::new(
                    Load::RevokesLater,
                    &[("n", &n), ("index", &(index + 1))],
                )),
                _ => Ok(decision),
            })
            .map_err(|m| Diagnostic::error(location.clone(), m))
    })?;
    Ok((decision, location))
}

#[derive(Deserialize)]
struct SessionDoc<'a> {
    version: At<u64>,
    #[serde(borrow)]
    decisions: Vec<&'a RawValue>,
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
    group: Option<String>,
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
    note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    batch: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    revokes: Option<u64>,
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
    fn into_decision(self) -> Result<Decision, Said> {
        fn need<T>(value: Option<T>, field: &str, kind: &str) -> Result<T, Said> {
            value.ok_or_else(|| {
                Said::new(Load::DecisionNeeds, &[("kind", &kind), ("field", &field)])
            })
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
                        return Err(Said::new(Load::MethodUnknown, &[("method", &other)]));
                    }
                };
                Change::RaterScale { rater, transform }
            }
            "department_grade" => Change::DepartmentGrade {
                department: need(self.department, "department", kind)?,
                grade: need(self.grade, "grade", kind)?,
            },
            "override" => {
                if is_blank(self.reason.as_deref()) {
                    return Err(Load::OverrideNeedsReasonNotBlank.into());
                }
                Change::Override {
                    employee: need(self.employee, "employee", kind)?,
                    grade: need(self.grade, "grade", kind)?,
                }
            }
            "clear_override" => Change::ClearOverride {
                employee: need(self.employee, "employee", kind)?,
            },
            "discussed" | "clear_discussed" => {
                let mut items = [
                    self.rater.clone().map(Item::Rater),
                    self.employee.clone().map(Item::Employee),
                    self.group.clone().map(Item::Group),
                ]
                .into_iter()
                .flatten();
                let (Some(item), None) = (items.next(), items.next()) else {
                    return Err(Said::new(Load::DiscussedNamesOne, &[("kind", &kind)]));
                };
                if kind == "discussed" {
                    Change::Discussed {
                        item,
                        note: self.note.clone(),
                    }
                } else {
                    Change::ClearDiscussed { item }
                }
            }
            "sign_off" => {
                if is_blank(self.by.as_deref()) {
                    return Err(Load::SignOffNeedsByNotBlank.into());
                }
                Change::SignOff
            }
            "reopen" => {
                if is_blank(self.reason.as_deref()) {
                    return Err(Load::ReopenNeedsReasonNotBlank.into());
                }
                Change::Reopen
            }
            other => {
                return Err(Said::new(Load::KindUnknown, &[("kind", &other)]));
            }
        };
        Ok(Decision {
            extra: Vec::new(),
            change,
            reason: self.reason,
            at: self.at,
            by: self.by,
            batch: match self.batch {
                Some(0) => {
                    return Err(Load::BatchPositive.into());
                }
                batch => batch,
            },
            revokes: match self.revokes {
                Some(0) => {
                    return Err(Load::RevokesPositive.into());
                }
                revokes => revokes.and_then(|r| usize::try_from(r).ok()),
            },
        })
    }

    fn from_decision(decision: &Decision) -> Self {
        let mut doc = DecisionDoc {
            kind: decision.kind().to_string(),
            reason: decision.reason.clone(),
            at: decision.at.clone(),
            by: decision.by.clone(),
            batch: decision.batch,
            revokes: decision.revokes.map(|r| r as u64),
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
            Change::Discussed { item, note } => {
                set_item(&mut doc, item);
                doc.note = note.clone();
            }
            Change::ClearDiscussed { item } => set_item(&mut doc, item),
            Change::SignOff | Change::Reopen => {}
        }
        doc
    }
}

fn set_item(doc: &mut DecisionDoc, item: &Item) {
    let id = Some(item.id().to_string());
    match item {
        Item::Rater(_) => doc.rater = id,
        Item::Employee(_) => doc.employee = id,
        Item::Group(_) => doc.group = id,
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

    #[test]
    fn unknown_fields_and_the_header_are_kept() {
        let text = r#"{"version": 1, "approved_by": {"name": "Lin", "n": 12345678901234567890123},
"input": "/srv/acme", "decisions": [
{ "kind": "clear_override", "employee": "E1", "ticket": "HR-7", "batch": 3 }
]}"#;
        let file = SessionFile::parse(&SourceFile::new("s.json", text)).expect("valid");
        assert_eq!(file.header.input.as_deref(), Some("/srv/acme"));
        assert_eq!(
            file.header.extra,
            vec![(
                "approved_by".to_string(),
                r#"{"name": "Lin", "n": 12345678901234567890123}"#.to_string()
            )]
        );
        assert_eq!(
            file.decisions[0].extra,
            vec![("ticket".to_string(), "\"HR-7\"".to_string())]
        );
        let again =
            SessionFile::parse(&SourceFile::new("s.json", file.to_text())).expect("round trip");
        assert_eq!(again.header, file.header);
        assert_eq!(again.decisions, file.decisions);
        assert!(
            file.to_text().contains("12345678901234567890123"),
            "exactly"
        );
    }
}
