//! The decision journal: what the live screen appends, one line per change
//! of the record, instead of rewriting the whole session file for every
//! decision. The session file and its journal together are the record;
//! the journal is folded back into the file (compacted) now and then.
//!
//! The first line names the session file the journal goes on from,
//! `{"journal":1,"session":"<token>"}`, the token being that file's
//! `journal` field. A journal that names another token was already folded
//! into the file, and is ignored. Every later line is one of:
//! - a decision, written as in the session file's `decisions`: appended;
//! - `{"keep":N}`: the record is now its first N decisions (an undo; the
//!   last decision replaced or given another reason then follows it).
//!
//! Each line is written with its line break and flushed to disk before the
//! change counts as saved, so only the last line can be cut short by a
//! crash: a last line without its line break that does not read is left
//! out, with a warning. A complete line that does not read is damage, an
//! error at its line, like a damaged session file.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::file::{decision_text, parse_decision};
use super::{Decision, SessionFile};
use crate::engine::diagnostic::{Diagnostic, Diagnostics, Location, Said};
use crate::engine::source::{Positions, SourceFile};
use crate::i18n::Load;

/// The only journal version this build reads and writes.
pub const JOURNAL_VERSION: u64 = 1;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FirstLine {
    journal: u64,
    session: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Keep {
    keep: usize,
}

/// The journal's first line (with its line break) for the session file
/// whose `journal` field is `token`.
pub fn first_line(token: &str) -> String {
    format!(
        "{{\"journal\":{JOURNAL_VERSION},\"session\":{}}}\n",
        serde_json::to_string(token).unwrap_or_default()
    )
}

/// The lines (each with its line break) that turn a record whose first
/// `keep` decisions are unchanged into that record followed by `added`:
/// a `keep` line when decisions after the first `keep` go, then one line
/// per decision added.
pub fn lines(keep: Option<usize>, added: &[Decision]) -> String {
    let mut text = String::new();
    if let Some(keep) = keep {
        text.push_str(&format!("{{\"keep\":{keep}}}\n"));
    }
    for decision in added {
        // A raw line break can only be white space between JSON tokens (in
        // a field calibra does not know, kept as written): a space there
        // reads the same, and keeps the decision on its line.
        text.push_str(&decision_text(decision).replace(['\n', '\r'], " "));
        text.push('\n');
    }
    text
}

/// What folding a journal into its session file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folded {
    /// It goes on from this file: this many lines after the first applied.
    Applied { lines: usize },
    /// It names another session file (it was compacted into this one, or
    /// the file was replaced): nothing of it applies.
    Stale,
}

/// Folds the journal `bytes` (read from the file `name`) into `file`, the
/// session file it goes on from. A last line cut short is left out and
/// noted in `file.warnings`; every other line that does not read is an
/// error at its line.
pub fn fold(file: &mut SessionFile, name: &str, bytes: &[u8]) -> Result<Folded, Diagnostics> {
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    // A torn write can leave anything at the end (NUL bytes, half a
    // character): only read the last line as text if it is text.
    let tail_is_text = std::str::from_utf8(&bytes[complete..]).is_ok_and(|t| !t.contains('\0'));
    let end = if tail_is_text { bytes.len() } else { complete };
    let source =
        SourceFile::from_bytes(name, bytes[..end].to_vec()).map_err(|d| Diagnostics(vec![d]))?;
    let pos = Positions::new(&source);
    let mut lines = source.text.split_inclusive('\n').enumerate().peekable();
    let mut applied = 0;
    let mut first = true;
    let mut errors = Diagnostics::default();
    let mut torn_at = None;
    while let Some((n, line)) = lines.next() {
        let number = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let is_torn_candidate = !line.ends_with('\n') && lines.peek().is_none();
        if line.trim().is_empty() {
            continue;
        }
        let entry = if first {
            read_first_line(&pos, line, file.header.journal.as_deref())
        } else {
            read_entry(&pos, line, file).map(|()| true)
        };
        match entry {
            Ok(goes_on) if first => {
                first = false;
                if !goes_on {
                    return Ok(Folded::Stale);
                }
            }
            Ok(_) => applied += 1,
            Err(_) if is_torn_candidate => torn_at = Some(number),
            Err(diagnostic) => errors.push(diagnostic),
        }
    }
    if !tail_is_text {
        torn_at = Some(u32::try_from(source.text.lines().count() + 1).unwrap_or(u32::MAX));
    }
    if errors.has_errors() {
        return Err(errors);
    }
    if let Some(line) = torn_at {
        file.warnings.push(Diagnostic::warning(
            Some(Location::line(name, line)),
            Load::JournalTorn,
        ));
    }
    if first {
        // Nothing but a first line cut short: nothing was saved in it.
        return Ok(Folded::Applied { lines: 0 });
    }
    Ok(Folded::Applied { lines: applied })
}

/// Reads the first line: whether the journal goes on from the session file
/// whose token is `token`.
fn read_first_line(pos: &Positions, line: &str, token: Option<&str>) -> Result<bool, Diagnostic> {
    let first: FirstLine = pos.parse_slice(line.trim_end()).map_err(|d| {
        let location = d.location.clone();
        Diagnostic::error(
            location.unwrap_or_else(|| Location::line(pos.name(), 1)),
            Said::from(Load::NotJournalFirstLine).with("why", d),
        )
    })?;
    if first.journal != JOURNAL_VERSION {
        return Err(Diagnostic::error(
            Location::line(pos.name(), 1),
            Said::new(
                Load::JournalVersion,
                &[("version", &first.journal), ("supported", &JOURNAL_VERSION)],
            ),
        ));
    }
    Ok(token == Some(first.session.as_str()))
}

/// Applies one line after the first to `file`.
fn read_entry<'a>(
    pos: &Positions<'a>,
    line: &'a str,
    file: &mut SessionFile,
) -> Result<(), Diagnostic> {
    let line = line.trim_end();
    if let Ok(Keep { keep }) = serde_json::from_str(line) {
        if keep > file.decisions.len() {
            return Err(Diagnostic::error(
                pos.at_slice(line),
                Said::new(
                    Load::JournalKeepsMore,
                    &[("keep", &keep), ("n", &file.decisions.len())],
                ),
            ));
        }
        file.decisions.truncate(keep);
        file.locations.truncate(keep);
        return Ok(());
    }
    let raw: &RawValue = pos.parse_slice(line)?;
    let (decision, location) = parse_decision(pos, raw, file.decisions.len())?;
    // Locations are kept for every decision or for none (live ones).
    if file.locations.len() == file.decisions.len() {
        file.locations.push(location);
    }
    file.decisions.push(decision);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::decision::{Change, Header};

    fn clear(employee: &str) -> Decision {
        Decision::new(Change::ClearOverride {
            employee: employee.into(),
        })
    }

    fn base(token: &str, decisions: Vec<Decision>) -> SessionFile {
        SessionFile {
            header: Header {
                journal: Some(token.to_string()),
                ..Header::default()
            },
            locations: vec![Location::file("s.json"); decisions.len()],
            decisions,
            ..SessionFile::default()
        }
    }

    fn ids(file: &SessionFile) -> Vec<String> {
        file.decisions
            .iter()
            .map(|d| d.change.target().1.to_string())
            .collect()
    }

    #[test]
    fn appends_and_keeps_apply_in_order() {
        let mut file = base("t1", vec![clear("E1"), clear("E2")]);
        let text = first_line("t1")
            + &lines(None, &[clear("E3")])
            + &lines(Some(1), &[clear("E4"), clear("E5")]);
        let folded = fold(&mut file, "s.journal.jsonl", text.as_bytes()).expect("reads");
        assert_eq!(folded, Folded::Applied { lines: 4 });
        assert_eq!(ids(&file), ["E1", "E4", "E5"]);
        assert_eq!(file.locations.len(), 3);
        assert_eq!(file.locations[2].line, Some(5));
        assert!(file.warnings.is_empty());
    }

    #[test]
    fn a_journal_of_another_session_file_is_ignored() {
        let mut file = base("t2", vec![clear("E1")]);
        let text = first_line("t1") + &lines(Some(0), &[clear("E9")]);
        let folded = fold(&mut file, "j", text.as_bytes()).expect("reads");
        assert_eq!(folded, Folded::Stale);
        assert_eq!(ids(&file), ["E1"]);
    }

    #[test]
    fn a_last_line_cut_short_is_left_out_and_reported() {
        for torn in [
            &b"{\"kind\":\"clear_ov"[..],
            b"{\"kind\"\xe6\x9c",
            b"\0\0\0\0",
        ] {
            let mut file = base("t", vec![]);
            let mut bytes = (first_line("t") + &lines(None, &[clear("E1")])).into_bytes();
            bytes.extend_from_slice(torn);
            let folded = fold(&mut file, "j.jsonl", &bytes).expect("tolerated");
            assert_eq!(folded, Folded::Applied { lines: 1 });
            assert_eq!(ids(&file), ["E1"]);
            let [warning] = file.warnings.as_slice() else {
                unreachable!("one warning: {:?}", file.warnings)
            };
            assert_eq!(warning.location.as_ref().and_then(|l| l.line), Some(3));
            assert!(warning.message.contains("cut short"), "{warning}");
        }
    }

    #[test]
    fn a_complete_last_line_without_its_break_is_kept() {
        let mut file = base("t", vec![]);
        let text = first_line("t") + lines(None, &[clear("E1")]).trim_end();
        fold(&mut file, "j", text.as_bytes()).expect("reads");
        assert_eq!(ids(&file), ["E1"]);
        assert!(file.warnings.is_empty());
    }

    #[test]
    fn a_damaged_line_before_the_last_is_an_error_at_its_line() {
        let mut file = base("t", vec![clear("E1")]);
        let text = first_line("t") + "{\"kind\":\"promote\"}\n" + &lines(Some(7), &[clear("E2")]);
        let errors = fold(&mut file, "j.jsonl", text.as_bytes()).expect_err("damaged");
        let at: Vec<_> = errors
            .0
            .iter()
            .map(|d| d.location.as_ref().and_then(|l| l.line))
            .collect();
        assert_eq!(at, [Some(2), Some(3)]);
        assert!(errors.0[0].message.contains("promote"), "{}", errors.0[0]);
        assert!(errors.0[1].message.contains("only 1"), "{}", errors.0[1]);
    }

    #[test]
    fn line_breaks_kept_in_unknown_fields_stay_on_one_line() {
        let decision = Decision {
            extra: vec![("ticket".into(), "{\n  \"id\": 7\n}".into())],
            ..clear("E1")
        };
        let text = lines(None, &[decision]);
        assert_eq!(text.matches('\n').count(), 1, "{text}");
        let mut file = base("t", vec![]);
        fold(&mut file, "j", (first_line("t") + &text).as_bytes()).expect("reads");
        assert_eq!(file.decisions[0].extra[0].0, "ticket");
    }
}
