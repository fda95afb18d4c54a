//! A submissions JSON file: one rater and their list of ratings.

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use super::Collector;
use crate::engine::diagnostic::Diagnostics;
use crate::engine::source::{At, Dec, Positions, SourceFile};

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
    comment: Option<Comment>,
}

/// A rating's `comment`: text is kept; any other value is ignored, as
/// before comments were read.
#[derive(Deserialize)]
#[serde(untagged)]
enum Comment {
    Text(String),
    Other(IgnoredAny),
}

impl Collector<'_> {
    pub(super) fn read_json(&mut self, file: &SourceFile, sink: &mut Diagnostics) {
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
            || pos.at_addr(rater.id.addr),
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
                pos.at_addr(r.employee.addr).line.unwrap_or(1),
                r.score.value.0,
                || pos.at_addr(r.score.addr),
                r.weight.map(|w| {
                    let (weight, addr, pos) = (w.value.0, w.addr, &pos);
                    (weight, move || pos.at_addr(addr))
                }),
                sink,
            );
            if let Some(Comment::Text(text)) = &r.comment {
                self.comment(text);
            }
        }
    }
}
