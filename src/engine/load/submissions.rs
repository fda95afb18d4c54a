//! submissions/*.json and *.csv: the raters and their ratings.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use super::LIMIT_WEIGHT;
use super::org::OrgIds;
use crate::engine::diagnostic::{Diagnostics, Location};
use crate::engine::model::{Rater, Rating, ScoreScale};
use crate::engine::source::{At, Dec, Positions, SourceFile, parse_decimal};

#[derive(Deserialize)]
struct SubmissionDoc<'a> {
    rater: RaterDoc,
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

/// Collects ratings across files, checking each against the org and policy
/// when those could be read.
pub(super) struct Collector<'a> {
    employees: Option<&'a OrgIds>,
    scale: Option<&'a ScoreScale>,
    rater_by_id: HashMap<String, usize>,
    /// (rater, employee) -> where that rating was first given.
    seen: HashMap<(usize, usize), Location>,
    out: Submissions,
}

impl<'a> Collector<'a> {
    pub fn new(employees: Option<&'a OrgIds>, scale: Option<&'a ScoreScale>) -> Self {
        Collector {
            employees,
            scale,
            rater_by_id: HashMap::new(),
            seen: HashMap::new(),
            out: Submissions::default(),
        }
    }

    pub fn finish(self) -> Submissions {
        self.out
    }

    pub fn read(&mut self, file: &SourceFile, sink: &mut Diagnostics) {
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
                let rater = &self.out.raters[*entry.get()];
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
                self.out.raters.push(Rater {
                    id: id.to_string(),
                    name: name.to_string(),
                    file: at.file.clone(),
                    line: at.line.unwrap_or(1),
                });
                Some(*entry.insert(self.out.raters.len() - 1))
            }
        }
    }

    /// Checks one rating and keeps it if it is valid.
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
        let rater_id = &self.out.raters[rater].id;
        let mut ok = true;
        let employee = match self.employees {
            Some(ids) => match ids.find(employee_id) {
                Some(e) => Some(e),
                None => {
                    sink.error(
                        employee_at.clone(),
                        format!(
                            "rater \"{rater_id}\" rates employee \"{employee_id}\", who is not in org.json"
                        ),
                    );
                    None
                }
            },
            None => None,
        };
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
            Some((w, at)) if w <= Decimal::ZERO || w > LIMIT_WEIGHT => {
                sink.error(
                    at,
                    format!(
                        "weight \"{w}\" for employee \"{employee_id}\" must be greater than 0 (and at most {LIMIT_WEIGHT})"
                    ),
                );
                ok = false;
                Decimal::ONE
            }
            Some((w, _)) => w,
            None => Decimal::ONE,
        };
        let Some(employee) = employee else { return };
        match self.seen.entry((rater, employee)) {
            Entry::Occupied(first) => {
                let first = first.get();
                sink.error(
                    employee_at,
                    format!(
                        "rater \"{rater_id}\" rates employee \"{employee_id}\" twice (first in {} line {})",
                        first.file,
                        first.line.unwrap_or(1)
                    ),
                );
                return;
            }
            Entry::Vacant(slot) => {
                slot.insert(employee_at);
            }
        }
        if ok {
            self.out.ratings.push(Rating {
                rater,
                employee,
                score,
                weight,
            });
        }
    }

    fn read_json(&mut self, file: &SourceFile, sink: &mut Diagnostics) {
        let pos = Positions::new(file);
        let doc: SubmissionDoc = match pos.parse() {
            Ok(doc) => doc,
            Err(diagnostic) => {
                sink.push(diagnostic);
                return;
            }
        };
        let Some(rater) = self.rater(
            &doc.rater.id.value,
            &doc.rater.name,
            pos.at_addr(doc.rater.id.addr),
            sink,
        ) else {
            return;
        };
        for raw in &doc.ratings {
            let r: RatingDoc = match pos.parse_raw(raw) {
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
                    let line = err.position().map_or(1, |p| p.line());
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
            let line = record.position().map_or(1, |p| p.line());
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
    fn an_unclosed_quote_is_found_on_its_record_line() {
        let ok = "a,b\r\n1,\"x, \"\"y\"\"\r\n\"2\nz\",3\n4,5\"6\n";
        assert_eq!(unclosed_quote_line(ok), None);
        assert_eq!(unclosed_quote_line("a,b\n1,2\n3,\"open\n"), Some(3));
        assert_eq!(unclosed_quote_line("a,b\n1,\"x\ny\"\n3,\"open"), Some(4));
        assert_eq!(unclosed_quote_line("a,b\n1,\"x\"\"\n"), Some(2));
    }
}
