//! submissions/*.json and *.csv: the raters and their ratings.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use super::LIMIT_WEIGHT;

/// Smallest rating weight accepted, 0.000001: a weight of 10^-28 times a
/// score falls below a decimal's smallest step and the rating's score would
/// count as 0 (found by fuzzing: 0.40 from one rater became a final 0).
pub(super) const MIN_WEIGHT: Decimal = Decimal::from_parts(1, 0, 0, false, 6);
use super::org::{Org, OrgIds};
use crate::engine::diagnostic::{Diagnostics, Location};
use crate::engine::model::{Rater, Rating, ScoreScale};
use crate::engine::source::{At, Dec, Positions, SourceFile, parse_decimal};

#[derive(Deserialize)]
struct SubmissionDoc<'a> {
    #[serde(borrow)]
    rater: &'a RawValue,
    #[serde(rename = "submitted_at")]
    _submitted_at: Option<IgnoredAny>,
    #[serde(borrow)]
    ratings: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct RaterDoc {
    id: At<String>,
    name: String,
}

#[derive(Deserialize)]
struct RatingDoc {
    employee: At<String>,
    score: At<Dec>,
    weight: Option<At<Dec>>,
    #[serde(rename = "comment")]
    _comment: Option<IgnoredAny>,
}

/// Raters and ratings gathered from every submission file.
#[derive(Default)]
pub(super) struct Submissions {
    pub raters: Vec<Rater>,
    pub ratings: Vec<Rating>,
}

/// A rating read and checked on its own, waiting for org.json's employees.
struct Pending {
    rater: usize,
    /// The employee id: a range of `Collector::employee_ids` (one buffer
    /// for all, not a string per rating).
    employee: std::ops::Range<usize>,
    score: Decimal,
    weight: Decimal,
    /// Index into `Collector::files`, and the line of the employee id.
    file: u32,
    line: u32,
    /// False when the score or weight is invalid (already reported): the
    /// rating is still checked against the org, but never kept.
    valid: bool,
}

/// Collects ratings across files in two steps, so that submissions can be
/// read while org.json is parsed on another core: [`Collector::read`] checks
/// what a rating says on its own (score range, weight, rater names), and
/// [`Collector::finish`] then resolves employees and finds repeated ratings.
pub(super) struct Collector<'a> {
    scale: Option<&'a ScoreScale>,
    rater_by_id: HashMap<String, usize>,
    /// Names of the files read so far.
    files: Vec<String>,
    raters: Vec<Rater>,
    pending: Vec<Pending>,
    /// Every pending rating's employee id, one after another.
    employee_ids: String,
}

impl<'a> Collector<'a> {
    pub fn new(scale: Option<&'a ScoreScale>) -> Self {
        Collector {
            scale,
            rater_by_id: HashMap::new(),
            files: Vec::new(),
            raters: Vec::new(),
            pending: Vec::new(),
            employee_ids: String::new(),
        }
    }

    /// Resolves each rating's employee (when org.json could be read) and
    /// reports unknown employees and ratings given twice by one rater.
    pub fn finish(
        self,
        employees: Option<&OrgIds>,
        org: Option<&Org>,
        sink: &mut Diagnostics,
    ) -> Submissions {
        let mut out = Submissions {
            raters: self.raters,
            ratings: Vec::with_capacity(self.pending.len()),
        };
        let Some(ids) = employees else {
            return out;
        };
        // Looking up a million ids is the costly part: half on each core.
        let id_of = |p: &Pending| &self.employee_ids[p.employee.clone()];
        let resolve = |part: &[Pending]| -> Vec<Option<usize>> {
            part.iter().map(|p| ids.find(id_of(p), org)).collect()
        };
        let (first, second) = self.pending.split_at(self.pending.len() / 2);
        let resolved: Vec<Option<usize>> = std::thread::scope(|scope| {
            let later = scope.spawn(|| resolve(second));
            let mut resolved = resolve(first);
            resolved.extend(later.join().unwrap_or_else(|_| resolve(second)));
            resolved
        });
        // (rater, employee) -> where that rating was first given.
        let mut seen: hashbrown::HashMap<(usize, usize), (u32, u32)> =
            hashbrown::HashMap::with_capacity(self.pending.len());
        let file_name = |file: u32| self.files.get(file as usize).map_or("?", String::as_str);
        for (p, employee) in self.pending.iter().zip(resolved) {
            let rater_id = &out.raters[p.rater].id;
            let at = || Location::line(file_name(p.file).to_string(), p.line);
            let Some(employee) = employee else {
                sink.error(
                    at(),
                    format!(
                        "rater \"{rater_id}\" rates employee \"{}\", who is not in org.json",
                        id_of(p)
                    ),
                );
                continue;
            };
            match seen.entry((p.rater, employee)) {
                hashbrown::hash_map::Entry::Occupied(first) => {
                    let (file, line) = *first.get();
                    sink.error(
                        at(),
                        format!(
                            "rater \"{rater_id}\" rates employee \"{}\" twice (first in {} line {line})",
                            id_of(p),
                            file_name(file)
                        ),
                    );
                }
                hashbrown::hash_map::Entry::Vacant(slot) => {
                    slot.insert((p.file, p.line));
                    if p.valid {
                        out.ratings.push(Rating {
                            rater: p.rater,
                            employee,
                            score: p.score,
                            weight: p.weight,
                        });
                    }
                }
            }
        }
        out
    }

    pub fn read(&mut self, file: &SourceFile, sink: &mut Diagnostics) {
        self.files.push(file.name.clone());
        let is_csv = file
            .name
            .rsplit('.')
            .next()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("csv"));
        if is_csv {
            self.read_csv(file, sink);
        } else {
            self.read_json(file, sink);
        }
    }

    fn rater(
        &mut self,
        id: &str,
        name: &str,
        at: Location,
        sink: &mut Diagnostics,
    ) -> Option<usize> {
        if id.trim().is_empty() {
            sink.error(at, "a rater id is blank");
            return None;
        }
        match self.rater_by_id.entry(id.to_string()) {
            Entry::Occupied(entry) => {
                let rater = &self.raters[*entry.get()];
                if rater.name != name {
                    sink.error(
                        at,
                        format!(
                            "rater \"{id}\" is named \"{name}\" here but \"{}\" in {} line {}: one id must have one name",
                            rater.name, rater.file, rater.line
                        ),
                    );
                }
                Some(*entry.get())
            }
            Entry::Vacant(entry) => {
                self.raters.push(Rater {
                    id: id.to_string(),
                    name: name.to_string(),
                    file: at.file.clone(),
                    line: at.line.unwrap_or(1),
                });
                Some(*entry.insert(self.raters.len() - 1))
            }
        }
    }

    /// Checks what one rating says on its own and keeps it for [`Collector::finish`].
    #[allow(clippy::too_many_arguments)]
    fn rating(
        &mut self,
        rater: usize,
        employee_id: &str,
        employee_at: Location,
        score: Decimal,
        score_at: Location,
        weight: Option<(Decimal, Location)>,
        sink: &mut Diagnostics,
    ) {
        let mut ok = true;
        if let Some(scale) = self.scale
            && (score < scale.min || score > scale.max)
        {
            sink.error(
                score_at,
                format!(
                    "score \"{score}\" for employee \"{employee_id}\" is outside the policy's range {} to {}",
                    scale.min, scale.max
                ),
            );
            ok = false;
        }
        let weight = match weight {
            Some((w, at)) if w < MIN_WEIGHT || w > LIMIT_WEIGHT => {
                sink.error(
                    at,
                    format!(
                        "weight \"{w}\" for employee \"{employee_id}\" must be greater than 0 (from {MIN_WEIGHT} to {LIMIT_WEIGHT})"
                    ),
                );
                ok = false;
                Decimal::ONE
            }
            Some((w, _)) => w,
            None => Decimal::ONE,
        };
        let start = self.employee_ids.len();
        self.employee_ids.push_str(employee_id);
        self.pending.push(Pending {
            rater,
            employee: start..self.employee_ids.len(),
            score,
            weight,
            file: u32::try_from(self.files.len().saturating_sub(1)).unwrap_or(u32::MAX),
            line: employee_at.line.unwrap_or(1),
            valid: ok,
        });
    }

    fn read_json(&mut self, file: &SourceFile, sink: &mut Diagnostics) {
        let pos = Positions::new(file);
        let doc: SubmissionDoc = match pos.parse_object() {
            Ok(doc) => doc,
            Err(diagnostic) => {
                sink.push(diagnostic);
                return;
            }
        };
        let rater: RaterDoc = match pos.parse_raw_object(doc.rater) {
            Ok(rater) => rater,
            Err(diagnostic) => {
                sink.push(diagnostic);
                return;
            }
        };
        let Some(rater) = self.rater(
            &rater.id.value,
            &rater.name,
            pos.at_addr(rater.id.addr),
            sink,
        ) else {
            return;
        };
        for raw in &doc.ratings {
            let r: RatingDoc = match pos.parse_raw_object(raw) {
                Ok(r) => r,
                Err(diagnostic) => {
                    sink.push(diagnostic);
                    continue;
                }
            };
            self.rating(
                rater,
                &r.employee.value,
                pos.at_addr(r.employee.addr),
                r.score.value.0,
                pos.at_addr(r.score.addr),
                r.weight.map(|w| (w.value.0, pos.at_addr(w.addr))),
                sink,
            );
        }
    }

    fn read_csv(&mut self, file: &SourceFile, sink: &mut Diagnostics) {
        let lines = Positions::new(file);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(file.text.as_bytes());
        let at_line =
            |line: u64| Location::line(file.name.clone(), u32::try_from(line).unwrap_or(u32::MAX));
        let headers = match reader.headers() {
            Ok(headers) => headers.clone(),
            Err(err) => {
                sink.error(at_line(1), format!("the header row cannot be read: {err}"));
                return;
            }
        };
        let column = |name: &str| headers.iter().position(|h| h.trim() == name);
        let required = ["rater_id", "rater_name", "employee_id", "score"];
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| column(c).is_none())
            .collect();
        if !missing.is_empty() {
            sink.error(
                at_line(1),
                format!(
                    "the header row lacks the column(s) {}: a submissions CSV needs rater_id,rater_name,employee_id,score (weight and comment are optional)",
                    missing.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ")
                ),
            );
            return;
        }
        let [rater_id, rater_name, employee_id, score] = required.map(|c| column(c).unwrap_or(0));
        let weight = column("weight");
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(err) => {
                    let line = err.position().map_or(1, |p| record_line(&lines, p.byte()));
                    let message = match err.kind() {
                        csv::ErrorKind::UnequalLengths {
                            expected_len, len, ..
                        } => format!(
                            "this row has {len} fields but the header has {expected_len} (check for a stray comma or an unclosed quote)"
                        ),
                        csv::ErrorKind::Utf8 { .. } => "this row is not UTF-8 text".to_string(),
                        _ => format!("this row cannot be read: {err}"),
                    };
                    sink.error(at_line(line), message);
                    if matches!(err.kind(), csv::ErrorKind::Io(_)) {
                        break;
                    }
                    continue;
                }
            }
            let line = record
                .position()
                .map_or(1, |p| record_line(&lines, p.byte()));
            let cell = |i: usize| record.get(i).unwrap_or("");
            let Some(rater) = self.rater(
                cell(rater_id).trim(),
                cell(rater_name).trim(),
                at_line(line),
                sink,
            ) else {
                continue;
            };
            let score = match parse_decimal(cell(score).trim()) {
                Ok(score) => score,
                Err(err) => {
                    sink.error(at_line(line), format!("score: {err}"));
                    continue;
                }
            };
            let weight = match weight.map(|w| cell(w).trim()).filter(|w| !w.is_empty()) {
                None => None,
                Some(text) => match parse_decimal(text) {
                    Ok(w) => Some((w, at_line(line))),
                    Err(err) => {
                        sink.error(at_line(line), format!("weight: {err}"));
                        continue;
                    }
                },
            };
            self.rating(
                rater,
                cell(employee_id).trim(),
                at_line(line),
                score,
                at_line(line),
                weight,
                sink,
            );
        }
        // The CSV reader silently ends an unclosed quoted field at the end of
        // the file, swallowing every later line into one comment.
        if let Some(line) = unclosed_quote_line(&file.text) {
            sink.error(
                at_line(line),
                "a quoted field opened in this row is never closed (a \" is missing)",
            );
        }
    }
}

/// The 1-based line on which the CSV record at byte `offset` of the file
/// starts. The csv crate's own line numbers lag behind in CRLF files
/// (rust-csv issue 395: it counts a line at the `\n` it has not read yet),
/// so lines are counted here from the byte offset, which the reader gets
/// right; a record never starts with a line end, so any at the offset
/// belong to the line before.
fn record_line(lines: &Positions, offset: u64) -> u64 {
    let text = lines.text().as_bytes();
    let mut at = usize::try_from(offset)
        .unwrap_or(text.len())
        .min(text.len());
    while at < text.len() && matches!(text[at], b'\r' | b'\n') {
        at += 1;
    }
    u64::from(lines.line_of(at))
}

/// The 1-based line of the record whose quoted field is still open at the end
/// of `text`, read the way the CSV reader does (RFC 4180, `""` escapes a quote,
/// a quote inside an unquoted field is literal); `None` if every quote closes.
fn unclosed_quote_line(text: &str) -> Option<u64> {
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let (mut line, mut record_line) = (1u64, 1u64);
    for b in text.bytes() {
        state = match (state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') | (State::FieldStart, b'"') => State::Quoted,
            (_, b',') => State::FieldStart,
            (_, b'\n' | b'\r') => {
                record_line = line + u64::from(b == b'\n');
                State::FieldStart
            }
            _ => State::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    matches!(state, State::Quoted).then_some(record_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_are_named_by_their_own_line_with_any_line_ends() {
        let scale = ScoreScale {
            min: Decimal::ZERO,
            max: Decimal::ONE_HUNDRED,
            decimals: 1,
        };
        let header = "rater_id,rater_name,employee_id,score,comment";
        for end in ["\n", "\r\n", "\r"] {
            let text = [
                header,
                "R,R,E1,70,",
                "R,R,E2,70,\"two\r\nlines\"",
                "",
                "R,R,E3,101,",
                "R,R,E4,x,",
                "R,R,E5",
                "",
            ]
            .join(end);
            let mut collector = Collector::new(Some(&scale));
            let mut sink = Diagnostics::default();
            collector.read(&SourceFile::new("r.csv", text), &mut sink);
            let lines: Vec<_> = sink
                .errors()
                .map(|d| d.location.as_ref().and_then(|l| l.line))
                .collect();
            // Lines are counted at LFs, as for JSON files: with lone CRs the
            // only LF is the one inside the quoted comment.
            let expected = if end == "\r" {
                vec![Some(2); 3]
            } else {
                vec![Some(6), Some(7), Some(8)]
            };
            assert_eq!(lines, expected, "line ends {end:?}: {sink}");
        }
    }

    #[test]
    fn weights_below_a_millionth_are_refused() {
        let scale = ScoreScale {
            min: Decimal::ZERO,
            max: Decimal::ONE,
            decimals: 3,
        };
        let file = SourceFile::new(
            "r.csv",
            "rater_id,rater_name,employee_id,score,weight\nR,R,E1,0.4,0.0000000000000000000000000001\nR,R,E2,0.4,0.000001\n",
        );
        let mut collector = Collector::new(Some(&scale));
        let mut sink = Diagnostics::default();
        collector.read(&file, &mut sink);
        let errors: Vec<_> = sink.errors().collect();
        assert_eq!(errors.len(), 1, "{sink}");
        assert_eq!(errors[0].location.as_ref().and_then(|l| l.line), Some(2));
        assert!(
            errors[0].message.contains("from 0.000001 to 1000000"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn an_unclosed_quote_is_found_on_its_record_line() {
        let ok = "a,b\r\n1,\"x, \"\"y\"\"\r\n\"2\nz\",3\n4,5\"6\n";
        assert_eq!(unclosed_quote_line(ok), None);
        assert_eq!(unclosed_quote_line("a,b\n1,2\n3,\"open\n"), Some(3));
        assert_eq!(unclosed_quote_line("a,b\n1,\"x\ny\"\n3,\"open"), Some(4));
        assert_eq!(unclosed_quote_line("a,b\n1,\"x\"\"\n"), Some(2));
    }
}
