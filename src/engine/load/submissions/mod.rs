//! submissions/*.json, *.csv and spreadsheets: the raters and their
//! ratings. Each format is read in its own file ([`json`], [`csv`],
//! [`workbook`]); what a rating says is checked here, the same way for all.

mod csv;
mod json;
mod workbook;

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::LIMIT_WEIGHT;
use super::org::{Org, OrgIds};
use crate::engine::diagnostic::{Diagnostics, Location, Said};
use crate::engine::model::{Comments, Rater, Rating, ScoreScale};
use crate::engine::source::{BinaryFile, SourceFile};
use crate::i18n::Load;

/// One submission file: text (JSON or CSV, by its extension) or a workbook.
#[derive(Debug, Clone, Copy)]
pub enum Submission<'a> {
    Text(&'a SourceFile),
    Workbook(&'a BinaryFile),
}

impl Submission<'_> {
    pub fn name(&self) -> &str {
        match self {
            Submission::Text(file) => &file.name,
            Submission::Workbook(file) => &file.name,
        }
    }
}

/// Whether a file with extension `ext` is read as a spreadsheet workbook.
pub(super) fn is_workbook(ext: &str) -> bool {
    ["xlsx", "xlsm", "xls", "ods"]
        .iter()
        .any(|known| ext.eq_ignore_ascii_case(known))
}

/// Smallest rating weight accepted, 0.000001: a weight of 10^-28 times a
/// score falls below a decimal's smallest step and the rating's score would
/// count as 0 (found by fuzzing: 0.40 from one rater became a final 0).
pub(super) const MIN_WEIGHT: Decimal = Decimal::from_parts(1, 0, 0, false, 6);

/// Raters and ratings gathered from every submission file.
#[derive(Default)]
pub(super) struct Submissions {
    pub raters: Vec<Rater>,
    pub ratings: Vec<Rating>,
    pub comments: Comments,
}

/// A rating read and checked on its own, waiting for org.json's employees.
struct Pending {
    rater: usize,
    /// The employee id: a range of `Collector::employee_ids` (one buffer
    /// for all, not a string per rating).
    employee: std::ops::Range<usize>,
    score: Decimal,
    weight: Decimal,
    /// Index into `Collector::files`, and the line of the employee id (in
    /// a workbook, the 0-based row of its cell).
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
    /// The files read so far.
    files: Vec<FileAt>,
    raters: Vec<Rater>,
    pending: Vec<Pending>,
    /// Every pending rating's employee id, one after another.
    employee_ids: String,
    /// (pending rating, its rater's comment), for the few that have one.
    comments: Vec<(usize, Box<str>)>,
}

/// A file read, as ratings point back into it.
struct FileAt {
    name: String,
    /// For a workbook: the sheet read and the column of its employee ids.
    sheet: Option<(String, u32)>,
}

impl FileAt {
    /// Where the rating whose employee id is on `line` (or row) is.
    fn at(&self, line: u32) -> Location {
        match &self.sheet {
            Some((sheet, column)) => Location::sheet(&self.name, sheet, Some((line, *column))),
            None => Location::line(&self.name, line),
        }
    }
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
            comments: Vec::new(),
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
            comments: Comments::default(),
        };
        // The rating each kept pending rating became, for its comment.
        let mut kept: Vec<Option<usize>> = vec![None; self.pending.len()];
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
        // The ratings seen of each employee, as a chain through `earlier`
        // from `last[employee]`: an employee has one or two, so finding a
        // rater's earlier rating walks a step or two, with no hashing of a
        // million (rater, employee) pairs.
        const NONE: u32 = u32::MAX;
        let employee_count = resolved.iter().flatten().max().map_or(0, |&e| e + 1);
        let mut last: Vec<u32> = vec![NONE; employee_count];
        let mut earlier: Vec<u32> = vec![NONE; self.pending.len()];
        let place = |file: u32, line: u32| {
            self.files
                .get(file as usize)
                .map_or_else(|| Location::file("?"), |f| f.at(line))
        };
        for (i, (p, employee)) in self.pending.iter().zip(resolved).enumerate() {
            let rater_id = &out.raters[p.rater].id;
            let at = || place(p.file, p.line);
            let Some(employee) = employee else {
                sink.error(
                    at(),
                    Said::new(
                        Load::RatesUnknownEmployee,
                        &[("rater", rater_id), ("employee", &id_of(p))],
                    ),
                );
                continue;
            };
            let mut step = last[employee];
            while step != NONE && self.pending[step as usize].rater != p.rater {
                step = earlier[step as usize];
            }
            match step {
                NONE => {
                    earlier[i] = last[employee];
                    last[employee] = u32::try_from(i).unwrap_or(NONE);
                    if p.valid {
                        kept[i] = Some(out.ratings.len());
                        out.ratings.push(Rating {
                            rater: p.rater,
                            employee,
                            score: p.score,
                            weight: p.weight,
                        });
                    }
                }
                first => {
                    let first = &self.pending[first as usize];
                    let (file, line) = (first.file, first.line);
                    sink.error(
                        at(),
                        Said::new(
                            Load::RatesTwice,
                            &[("rater", rater_id), ("employee", &id_of(p))],
                        )
                        .with("first", &place(file, line)),
                    );
                }
            }
        }
        out.comments = Comments::new(
            self.comments
                .into_iter()
                .filter_map(|(p, text)| Some((kept[p]?, text)))
                .collect(),
        );
        out
    }

    pub fn read(&mut self, file: Submission<'_>, sink: &mut Diagnostics) {
        let file = match file {
            Submission::Text(file) => file,
            Submission::Workbook(file) => {
                self.files.push(FileAt {
                    name: file.name.clone(),
                    sheet: None,
                });
                self.read_workbook(file, sink);
                return;
            }
        };
        self.files.push(FileAt {
            name: file.name.clone(),
            sheet: None,
        });
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

    /// The rater with this id, added on first sight. `at` (where the id
    /// is) is built only when it is needed: a large sheet has a rater on
    /// every row.
    fn rater(
        &mut self,
        id: &str,
        name: &str,
        at: impl FnOnce() -> Location,
        sink: &mut Diagnostics,
    ) -> Option<usize> {
        if id.trim().is_empty() {
            sink.error(at(), Load::RaterIdBlank);
            return None;
        }
        if let Some(&known) = self.rater_by_id.get(id) {
            let rater = &self.raters[known];
            if rater.name != name {
                sink.error(
                    at(),
                    Said::new(
                        Load::RaterNamedTwice,
                        &[("id", &id), ("name", &name), ("other", &rater.name)],
                    )
                    .with("place", &rater.at),
                );
            }
            return Some(known);
        }
        self.raters.push(Rater {
            id: id.into(),
            name: name.into(),
            at: at(),
        });
        self.rater_by_id
            .insert(id.to_string(), self.raters.len() - 1);
        Some(self.raters.len() - 1)
    }

    /// Keeps the rater's comment on the rating read last, unless it is blank.
    fn comment(&mut self, text: &str) {
        if text.trim().is_empty() || self.pending.is_empty() {
            return;
        }
        self.comments.push((self.pending.len() - 1, text.into()));
    }

    /// Checks what one rating says on its own and keeps it for [`Collector::finish`].
    #[allow(clippy::too_many_arguments)]
    fn rating(
        &mut self,
        rater: usize,
        employee_id: &str,
        employee_line: u32,
        score: Decimal,
        score_at: impl FnOnce() -> Location,
        weight: Option<(Decimal, impl FnOnce() -> Location)>,
        sink: &mut Diagnostics,
    ) {
        let mut ok = true;
        if let Some(scale) = self.scale
            && (score < scale.min || score > scale.max)
        {
            sink.error(
                score_at(),
                Said::new(
                    Load::ScoreOutOfRange,
                    &[
                        ("score", &score),
                        ("employee", &employee_id),
                        ("min", &scale.min),
                        ("max", &scale.max),
                    ],
                ),
            );
            ok = false;
        }
        let weight = match weight {
            Some((w, at)) if w < MIN_WEIGHT || w > LIMIT_WEIGHT => {
                sink.error(
                    at(),
                    Said::new(
                        Load::WeightOutOfRange,
                        &[
                            ("weight", &w),
                            ("employee", &employee_id),
                            ("min", &MIN_WEIGHT),
                            ("max", &LIMIT_WEIGHT),
                        ],
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
            line: employee_line,
            valid: ok,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_kept_by_rating_and_blank_ones_dropped() {
        let csv = SourceFile::new(
            "r.csv",
            "rater_id,rater_name,employee_id,score,comment\nR,R,E1,1,\"led, well\"\nR,R,E2,2,  \nR,R,E3,3,late\n",
        );
        let json = SourceFile::new(
            "q.json",
            r#"{ "rater": { "id": "Q", "name": "Q" }, "ratings": [
                { "employee": "E1", "score": 4, "comment": 7 },
                { "employee": "E2", "score": 5, "comment": "九月轉入" } ] }"#,
        );
        let ids: Vec<String> = ["E1", "E2", "E3"].map(String::from).to_vec();
        let index = crate::engine::model::IdIndex::new(|i| &ids[i], ids.len());
        let org = OrgIds::Partial {
            ids: ids.clone(),
            index,
        };
        let mut collector = Collector::new(None);
        let mut sink = Diagnostics::default();
        collector.read(Submission::Text(&csv), &mut sink);
        collector.read(Submission::Text(&json), &mut sink);
        let out = collector.finish(Some(&org), None, &mut sink);
        assert!(!sink.has_errors(), "{sink}");
        let comments: Vec<Option<&str>> = (0..5).map(|r| out.comments.of(r)).collect();
        assert_eq!(
            comments,
            [
                Some("led, well"),
                None,
                Some("late"),
                None,
                Some("九月轉入")
            ]
        );
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
        collector.read(Submission::Text(&file), &mut sink);
        let errors: Vec<_> = sink.errors().collect();
        assert_eq!(errors.len(), 1, "{sink}");
        assert_eq!(errors[0].location.as_ref().and_then(|l| l.line), Some(2));
        assert!(
            errors[0].message.contains("from 0.000001 to 1000000"),
            "{}",
            errors[0].message
        );
    }
}
