//! A submissions CSV file: one rating a row, any number of raters, located
//! by line even with CRLF line ends and unclosed quotes.

use super::Collector;
use crate::engine::diagnostic::{Diagnostics, Location, Said};
use crate::engine::source::{Positions, SourceFile, parse_decimal};
use crate::i18n::Load;

impl Collector<'_> {
    pub(super) fn read_csv(&mut self, file: &SourceFile, sink: &mut Diagnostics) {
        let lines = Positions::new(file);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(file.text.as_bytes());
        let at_line =
            |line: u64| Location::line(file.name.clone(), u32::try_from(line).unwrap_or(u32::MAX));
        let headers = match reader.headers() {
            Ok(headers) => headers.clone(),
            Err(err) => {
                sink.error(
                    at_line(1),
                    Said::new(Load::HeaderUnreadable, &[("why", &err)]),
                );
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
                Said::new(
                    Load::CsvColumnsMissing,
                    &[(
                        "columns",
                        &missing
                            .iter()
                            .map(|c| format!("\"{c}\""))
                            .collect::<Vec<_>>()
                            .join(", "),
                    )],
                ),
            );
            return;
        }
        let [rater_id, rater_name, employee_id, score] = required.map(|c| column(c).unwrap_or(0));
        let weight = column("weight");
        let comment = column("comment");
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(err) => {
                    let line = err.position().map_or(1, |p| lines.line_of_record(p.byte()));
                    let message = match err.kind() {
                        csv::ErrorKind::UnequalLengths {
                            expected_len, len, ..
                        } => Said::new(
                            Load::RowFieldCount,
                            &[("len", len), ("expected", expected_len)],
                        ),
                        csv::ErrorKind::Utf8 { .. } => Load::RowNotUtf8.into(),
                        _ => Said::new(Load::RowUnreadable, &[("why", &err)]),
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
                .map_or(1, |p| lines.line_of_record(p.byte()));
            let cell = |i: usize| record.get(i).unwrap_or("");
            let Some(rater) = self.rater(
                cell(rater_id).trim(),
                cell(rater_name).trim(),
                || at_line(line),
                sink,
            ) else {
                continue;
            };
            let score = match parse_decimal(cell(score).trim()) {
                Ok(score) => score,
                Err(err) => {
                    sink.error(at_line(line), Said::column("score", err));
                    continue;
                }
            };
            let weight = match weight.map(|w| cell(w).trim()).filter(|w| !w.is_empty()) {
                None => None,
                Some(text) => match parse_decimal(text) {
                    Ok(w) => Some((w, || at_line(line))),
                    Err(err) => {
                        sink.error(at_line(line), Said::column("weight", err));
                        continue;
                    }
                },
            };
            self.rating(
                rater,
                cell(employee_id).trim(),
                u32::try_from(line).unwrap_or(u32::MAX),
                score,
                || at_line(line),
                weight,
                sink,
            );
            if let Some(c) = comment {
                self.comment(cell(c));
            }
        }
        // The CSV reader silently ends an unclosed quoted field at the end of
        // the file, swallowing every later line into one comment.
        if let Some(line) = unclosed_quote_line(&file.text) {
            sink.error(at_line(line), Load::QuoteUnclosed);
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
    use rust_decimal::Decimal;

    use super::*;
    use crate::engine::model::ScoreScale;

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
            collector.read(
                super::super::Submission::Text(&SourceFile::new("r.csv", text)),
                &mut sink,
            );
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
    fn an_unclosed_quote_is_found_on_its_record_line() {
        let ok = "a,b\r\n1,\"x, \"\"y\"\"\r\n\"2\nz\",3\n4,5\"6\n";
        assert_eq!(unclosed_quote_line(ok), None);
        assert_eq!(unclosed_quote_line("a,b\n1,2\n3,\"open\n"), Some(3));
        assert_eq!(unclosed_quote_line("a,b\n1,\"x\ny\"\n3,\"open"), Some(4));
        assert_eq!(unclosed_quote_line("a,b\n1,\"x\"\"\n"), Some(2));
    }
}
