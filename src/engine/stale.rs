//! Decisions that no longer apply: a session's decisions that name a person,
//! department, rater or grade the input no longer has (or override someone
//! who is no longer rated). They are found, shown and dropped only by the
//! operator; never applied silently.

use super::decision::{SessionFile, State};
use super::diagnostic::{Location, Said};
use super::model::Input;

/// One decision that cannot apply to the input as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleDecision {
    /// Position in the session's decisions.
    pub index: usize,
    /// Where it sits in the session file.
    pub location: Location,
    /// Why it cannot apply, in plain words (in any language).
    pub why: Said,
}

/// Every decision of `file` that cannot apply to `input`, in file order.
///
/// Whether a decision applies depends only on the input (never on the
/// decisions before it), so dropping these leaves the others applying
/// exactly as they did.
pub fn find(input: &Input, file: &SessionFile) -> Vec<StaleDecision> {
    let mut state = State::initial(input);
    file.decisions
        .iter()
        .enumerate()
        .filter_map(|(index, decision)| {
            state
                .try_apply(input, decision)
                .err()
                .map(|why| StaleDecision {
                    index,
                    location: file.location(index),
                    why,
                })
        })
        .collect()
}

/// `file` without the decisions in `stale`.
pub fn without(file: &SessionFile, stale: &[StaleDecision]) -> SessionFile {
    let mut kept = SessionFile {
        header: file.header.clone(),
        ..SessionFile::default()
    };
    let mut drop = stale.iter().map(|s| s.index).peekable();
    for (i, decision) in file.decisions.iter().enumerate() {
        if drop.peek() == Some(&i) {
            drop.next();
            continue;
        }
        kept.decisions.push(decision.clone());
        kept.locations.push(file.location(i));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::engine::load;
    use crate::engine::source::SourceFile;

    #[test]
    fn decisions_naming_what_is_gone_are_found_with_their_lines() {
        let input = load::load(demo::files()).expect("demo").input;
        let text = r#"{"version": 1, "decisions": [
{ "kind": "rater_scale", "rater": "M07", "method": "zscore" },
{ "kind": "rater_scale", "rater": "M99", "method": "zscore" },
{ "kind": "override", "employee": "E9999", "grade": "A", "reason": "gone" },
{ "kind": "department_grade", "department": "NOPE", "grade": "A" },
{ "kind": "override", "employee": "E0008", "grade": "Q", "reason": "no such grade" },
{ "kind": "override", "employee": "E0008", "grade": "S", "reason": "kept" }
]}"#;
        let file = SessionFile::parse(&SourceFile::new("s.json", text)).expect("parses");
        let stale = find(&input, &file);
        let lines: Vec<_> = stale.iter().map(|s| s.location.line).collect();
        assert_eq!(lines, vec![Some(3), Some(4), Some(5), Some(6)]);
        assert!(stale[0].why.to_string().contains("M99"), "{}", stale[0].why);
        let kept = without(&file, &stale);
        assert_eq!(kept.decisions.len(), 2);
        assert_eq!(kept.locations[1].line, Some(7));
        assert!(find(&input, &kept).is_empty());
    }
}
