//! policy.json: the grade scale, the score range and the quota table.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use super::LIMIT_SCORE;
use crate::engine::diagnostic::{Diagnostics, Said};
use crate::engine::model::{BonusPolicy, Grade, Policy, ScoreScale};
use crate::engine::source::{At, Dec, Entries, Positions, SourceFile};
use crate::i18n::Load;

/// Most employee grades and department grades a policy may list: grades are
/// held in a byte, and no committee needs more.
pub const MAX_GRADES: usize = 100;

#[derive(Deserialize)]
struct PolicyDoc<'a> {
    cycle: String,
    #[serde(borrow)]
    score: &'a RawValue,
    #[serde(borrow)]
    grades: Vec<&'a RawValue>,
    department_grades: Vec<At<String>>,
    #[serde(borrow)]
    quotas: &'a RawValue,
    #[serde(borrow)]
    bonus: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct BonusDoc {
    pool: At<Dec>,
    decimals: Option<At<Dec>>,
    grade_multipliers: Entries<At<Dec>>,
    department_grade_multipliers: Option<Entries<At<Dec>>>,
}

/// Most places a bonus may have (contract 6.5).
pub const MAX_BONUS_DECIMALS: u32 = 4;

#[derive(Deserialize)]
struct ScoreDoc {
    min: At<Dec>,
    max: At<Dec>,
    decimals: At<Dec>,
}

#[derive(Deserialize)]
struct GradeDoc {
    id: At<String>,
    label: Option<String>,
    min_score: Option<At<Dec>>,
    #[serde(rename = "description")]
    _description: Option<IgnoredAny>,
}

/// What policy.json gave. The score scale and the department grades are
/// kept whenever their own part is readable, so that org.json and the ratings
/// can still be checked against them when another part is invalid.
#[derive(Default)]
pub(super) struct Parsed {
    pub scale: Option<ScoreScale>,
    pub department_grades: Option<Vec<String>>,
    /// Only if the whole file is valid.
    pub policy: Option<Policy>,
}

/// Parses and validates policy.json, reporting every error.
pub(super) fn parse(file: &SourceFile, sink: &mut Diagnostics) -> Parsed {
    let pos = Positions::new(file);
    let doc: PolicyDoc = match pos.parse_object() {
        Ok(doc) => doc,
        Err(diagnostic) => {
            sink.push(diagnostic);
            return Parsed::default();
        }
    };
    let errors_before = sink.error_count();

    let score = match pos.parse_raw_object::<ScoreDoc>(doc.score) {
        Ok(score) => parse_score(&pos, &score, sink),
        Err(diagnostic) => {
            sink.push(diagnostic);
            None
        }
    };
    let grades = parse_grades(&pos, &doc.grades, score.as_ref(), sink);

    let mut department_grades: Vec<String> = Vec::with_capacity(doc.department_grades.len());
    if doc.department_grades.is_empty() {
        sink.error(pos.at(0), Load::DepartmentGradesEmpty);
    }
    if doc.department_grades.len() > MAX_GRADES {
        sink.error(
            pos.at_addr(doc.department_grades[MAX_GRADES].addr),
            Said::new(
                Load::DepartmentGradesTooMany,
                &[("n", &doc.department_grades.len()), ("max", &MAX_GRADES)],
            ),
        );
    }
    for grade in &doc.department_grades {
        if grade.value.trim().is_empty() {
            sink.error(pos.at_addr(grade.addr), Load::DepartmentGradeBlank);
        } else if department_grades.contains(&grade.value) {
            sink.error(
                pos.at_addr(grade.addr),
                Said::new(Load::DepartmentGradeTwice, &[("grade", &grade.value)]),
            );
        }
        department_grades.push(grade.value.clone());
    }

    let quotas = grades
        .as_ref()
        .and_then(|grades| parse_quotas(&pos, doc.quotas, grades, &department_grades, sink));

    let bonus = match (doc.bonus, &grades) {
        (Some(raw), Some(grades)) if raw.get() != "null" => {
            parse_bonus(&pos, raw, grades, &department_grades, sink).map(Some)
        }
        _ => Some(None),
    };

    let policy = match (&score, grades, quotas, bonus) {
        (Some(score), Some(grades), Some(quotas), Some(bonus))
            if sink.error_count() == errors_before =>
        {
            Some(Policy {
                cycle: doc.cycle,
                score: score.clone(),
                grades,
                department_grades: department_grades.clone(),
                quotas,
                bonus,
            })
        }
        _ => None,
    };
    Parsed {
        scale: score,
        // Empty is an error already; checking departments against it would
        // add one more error per department.
        department_grades: (!department_grades.is_empty()).then_some(department_grades),
        policy,
    }
}

fn parse_score(pos: &Positions, doc: &ScoreDoc, sink: &mut Diagnostics) -> Option<ScoreScale> {
    let mut ok = true;
    let decimals = doc.decimals.value.0;
    if decimals.fract() != Decimal::ZERO || decimals < Decimal::ZERO || decimals > Decimal::from(6)
    {
        sink.error(
            pos.at_addr(doc.decimals.addr),
            Said::new(Load::ScoreDecimals, &[("value", &decimals)]),
        );
        ok = false;
    }
    for bound in [&doc.min, &doc.max] {
        if bound.value.0.abs() > LIMIT_SCORE {
            sink.error(
                pos.at_addr(bound.addr),
                Said::new(
                    Load::ScoreBoundTooLarge,
                    &[("value", &bound.value.0), ("limit", &LIMIT_SCORE)],
                ),
            );
            ok = false;
        }
    }
    let (min, max) = (doc.min.value.0, doc.max.value.0);
    if min >= max {
        sink.error(
            pos.at_addr(doc.max.addr),
            Said::new(Load::ScoreMaxNotAboveMin, &[("max", &max), ("min", &min)]),
        );
        ok = false;
    }
    ok.then(|| ScoreScale {
        min,
        max,
        // `2.0` is two places: the value, not the mantissa (20).
        decimals: decimals.to_u32().unwrap_or(0),
    })
}

fn parse_grades(
    pos: &Positions,
    raws: &[&RawValue],
    score: Option<&ScoreScale>,
    sink: &mut Diagnostics,
) -> Option<Vec<Grade>> {
    let mut ok = true;
    if raws.is_empty() {
        sink.error(pos.at(0), Load::GradesEmpty);
        return None;
    }
    if raws.len() > MAX_GRADES {
        sink.error(
            pos.at_slice(raws[MAX_GRADES].get()),
            Said::new(
                Load::GradesTooMany,
                &[("n", &raws.len()), ("max", &MAX_GRADES)],
            ),
        );
        return None;
    }
    let mut grades: Vec<Grade> = Vec::with_capacity(raws.len());
    for raw in raws {
        let doc: GradeDoc = match pos.parse_raw_object(raw) {
            Ok(doc) => doc,
            Err(diagnostic) => {
                sink.push(diagnostic);
                ok = false;
                continue;
            }
        };
        let id = doc.id.value;
        if id.trim().is_empty() {
            sink.error(pos.at_addr(doc.id.addr), Load::GradeIdBlank);
            ok = false;
        } else if grades.iter().any(|g| g.id == id) {
            sink.error(
                pos.at_addr(doc.id.addr),
                Said::new(Load::GradeTwice, &[("id", &id)]),
            );
            ok = false;
        }
        if let (Some(min_score), Some(score)) = (&doc.min_score, score) {
            if min_score.value.0.abs() > LIMIT_SCORE {
                sink.error(
                    pos.at_addr(min_score.addr),
                    Said::new(Load::MinScoreOutOfRange, &[("value", &min_score.value.0)]),
                );
                ok = false;
            } else if min_score.value.0 < score.min || min_score.value.0 > score.max {
                sink.warning(
                    Some(pos.at_addr(min_score.addr)),
                    Said::new(
                        Load::MinScoreOutsideScale,
                        &[
                            ("id", &id),
                            ("min_score", &min_score.value.0),
                            ("min", &score.min),
                            ("max", &score.max),
                        ],
                    ),
                );
            }
        }
        grades.push(Grade {
            label: doc.label.unwrap_or_else(|| id.clone()),
            id,
            min_score: doc.min_score.map(|m| m.value.0),
        });
    }
    ok.then_some(grades)
}

/// `bonus` (contract 6.5): the pool, its places and the multipliers.
fn parse_bonus(
    pos: &Positions,
    raw: &RawValue,
    grades: &[Grade],
    department_grades: &[String],
    sink: &mut Diagnostics,
) -> Option<BonusPolicy> {
    let doc: BonusDoc = match pos.parse_raw_object(raw) {
        Ok(doc) => doc,
        Err(diagnostic) => {
            sink.push(diagnostic);
            return None;
        }
    };
    let mut ok = true;
    let decimals = match &doc.decimals {
        None => 2,
        Some(at) => {
            let value = at.value.0;
            if value.fract() != Decimal::ZERO
                || value < Decimal::ZERO
                || value > Decimal::from(MAX_BONUS_DECIMALS)
            {
                sink.error(
                    pos.at_addr(at.addr),
                    Said::new(
                        Load::BonusDecimals,
                        &[("value", &value), ("max", &MAX_BONUS_DECIMALS)],
                    ),
                );
                ok = false;
            }
            value.to_u32().unwrap_or(0)
        }
    };
    let pool = doc.pool.value.0;
    if pool < Decimal::ZERO {
        sink.error(
            pos.at_addr(doc.pool.addr),
            Said::new(Load::BonusPoolNegative, &[("pool", &pool)]),
        );
        ok = false;
    } else if ok && pool.normalize().scale() > decimals {
        sink.error(
            pos.at_addr(doc.pool.addr),
            Said::new(
                Load::BonusPoolPlaces,
                &[
                    ("pool", &pool),
                    ("places", &pool.normalize().scale()),
                    ("decimals", &decimals),
                ],
            ),
        );
        ok = false;
    }
    let raw_at = pos.at_slice(raw.get());
    let grade_ids: Vec<&str> = grades.iter().map(|g| g.id.as_str()).collect();
    let department_ids: Vec<&str> = department_grades.iter().map(String::as_str).collect();
    let grade_multipliers = multipliers(
        pos,
        &doc.grade_multipliers,
        "grade_multipliers",
        Load::WordGrade,
        &grade_ids,
        Some(&raw_at),
        sink,
    );
    let department_grade_multipliers = match &doc.department_grade_multipliers {
        Some(entries) => multipliers(
            pos,
            entries,
            "department_grade_multipliers",
            Load::WordDepartmentGrade,
            &department_ids,
            None,
            sink,
        ),
        None => Some(vec![Decimal::ONE; department_grades.len()]),
    };
    match (grade_multipliers, department_grade_multipliers) {
        (Some(grade_multipliers), Some(department_grade_multipliers)) if ok => Some(BonusPolicy {
            pool,
            decimals,
            grade_multipliers,
            department_grade_multipliers,
            file: pos.at(0).file,
            line: pos.line_of_slice(raw.get()),
        }),
        _ => None,
    }
}

/// One table of bonus multipliers by grade id, in the order of `ids`. Every
/// id must be named when `required` locates the table; a missing one
/// counts 1 otherwise. A name that is not an id is ignored with a warning.
fn multipliers(
    pos: &Positions,
    entries: &Entries<At<Dec>>,
    table: &str,
    what: Load,
    ids: &[&str],
    required: Option<&crate::engine::diagnostic::Location>,
    sink: &mut Diagnostics,
) -> Option<Vec<Decimal>> {
    let mut ok = true;
    for (key, value) in entries.repeated() {
        sink.error(
            pos.at_addr(value.addr),
            Said::new(Load::MultiplierTwice, &[("table", &table), ("key", key)]).with("what", what),
        );
        ok = false;
    }
    for (key, value) in &entries.0 {
        if !ids.contains(&key.as_str()) {
            sink.warning(
                Some(pos.at_addr(value.addr)),
                Said::new(Load::MultiplierUnknown, &[("table", &table), ("key", key)])
                    .with("what", what),
            );
        }
        if value.value.0 < Decimal::ZERO {
            sink.error(
                pos.at_addr(value.addr),
                Said::new(
                    Load::MultiplierNegative,
                    &[("key", key), ("value", &value.value.0)],
                )
                .with("what", what),
            );
            ok = false;
        }
    }
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        match (entries.get(id), required) {
            (Some(value), _) => out.push(value.value.0),
            (None, Some(at)) => {
                sink.error(
                    at.clone(),
                    Said::new(Load::MultiplierMissing, &[("table", &table), ("id", id)])
                        .with("what", what),
                );
                ok = false;
            }
            (None, None) => out.push(Decimal::ONE),
        }
    }
    // Grades are listed best first: a worse grade paid more per unit of
    // base is allowed, but rarely meant.
    if ok {
        for (pair, values) in ids.windows(2).zip(out.windows(2)) {
            if values[0] < values[1] {
                let at = entries.get(pair[1]).map(|v| pos.at_addr(v.addr));
                sink.warning(
                    at,
                    Said::new(
                        Load::MultiplierInverted,
                        &[
                            ("table", &table),
                            ("worse", &pair[1]),
                            ("worse_value", &values[1]),
                            ("better", &pair[0]),
                            ("better_value", &values[0]),
                        ],
                    )
                    .with("what", what),
                );
            }
        }
    }
    ok.then_some(out)
}

fn parse_quotas(
    pos: &Positions,
    raw: &RawValue,
    grades: &[Grade],
    department_grades: &[String],
    sink: &mut Diagnostics,
) -> Option<Vec<Vec<Decimal>>> {
    let rows: Entries<&RawValue> = match pos.parse_raw(raw) {
        Ok(rows) => rows,
        Err(diagnostic) => {
            sink.push(diagnostic);
            return None;
        }
    };
    let mut ok = true;
    for (key, row) in rows.repeated() {
        sink.error(
            pos.at_slice(row.get()),
            Said::new(Load::QuotaRowTwice, &[("key", key)]),
        );
        ok = false;
    }
    for key in rows.keys() {
        if !department_grades.iter().any(|g| g == key) {
            sink.warning(
                Some(pos.at_slice(raw.get())),
                Said::new(Load::QuotaRowUnknown, &[("key", &key)]),
            );
        }
    }
    let mut table = Vec::with_capacity(department_grades.len());
    for department_grade in department_grades {
        let Some(row_raw) = rows.get(department_grade) else {
            sink.error(
                pos.at_slice(raw.get()),
                Said::new(Load::QuotaRowMissing, &[("grade", department_grade)]),
            );
            ok = false;
            continue;
        };
        let row_at = pos.at_slice(row_raw.get());
        let row: Entries<At<Dec>> = match pos.parse_raw(row_raw) {
            Ok(row) => row,
            Err(diagnostic) => {
                sink.push(diagnostic);
                ok = false;
                continue;
            }
        };
        let mut row_ok = true;
        for (key, share) in row.repeated() {
            sink.error(
                pos.at_addr(share.addr),
                Said::new(
                    Load::QuotaGradeTwice,
                    &[("row", department_grade), ("key", key)],
                ),
            );
            row_ok = false;
        }
        for key in row.keys() {
            if !grades.iter().any(|g| g.id == key) {
                sink.warning(
                    Some(row_at.clone()),
                    Said::new(
                        Load::QuotaGradeUnknown,
                        &[("row", department_grade), ("key", &key)],
                    ),
                );
            }
        }
        let mut shares = Vec::with_capacity(grades.len());
        let mut sum = Decimal::ZERO;
        for grade in grades {
            let Some(share) = row.get(&grade.id) else {
                sink.error(
                    row_at.clone(),
                    Said::new(
                        Load::QuotaShareMissing,
                        &[("row", department_grade), ("grade", &grade.id)],
                    ),
                );
                row_ok = false;
                continue;
            };
            let value = share.value.0;
            if value < Decimal::ZERO || value > Decimal::ONE {
                sink.error(
                    pos.at_addr(share.addr),
                    Said::new(
                        Load::QuotaShareRange,
                        &[
                            ("row", department_grade),
                            ("grade", &grade.id),
                            ("value", &value),
                        ],
                    ),
                );
                row_ok = false;
            }
            sum = sum.saturating_add(value);
            shares.push(value);
        }
        if row_ok && sum != Decimal::ONE {
            sink.error(
                row_at,
                Said::new(
                    Load::QuotaRowSum,
                    &[("row", department_grade), ("sum", &sum)],
                ),
            );
            row_ok = false;
        }
        ok &= row_ok;
        table.push(shares);
    }
    ok.then_some(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(score: &str, grades: &str, quotas: &str) -> String {
        format!(
            "{{\n\"cycle\": \"c\",\n\"score\": {score},\n\"grades\": {grades},\n\"department_grades\": [\"A\"],\n\"quotas\": {quotas}\n}}"
        )
    }

    fn parse_text(text: &str) -> (Parsed, Diagnostics) {
        let mut sink = Diagnostics::default();
        let parsed = parse(&SourceFile::new("policy.json", text), &mut sink);
        (parsed, sink)
    }

    fn error_lines(sink: &Diagnostics) -> Vec<(Option<u32>, String)> {
        sink.errors()
            .map(|d| (d.location.as_ref().and_then(|l| l.line), d.message.clone()))
            .collect()
    }

    const SCORE: &str = "{ \"min\": 0, \"max\": 100, \"decimals\": 1 }";
    const GRADES: &str = "[ { \"id\": \"X\" }, { \"id\": \"Y\" } ]";

    #[test]
    fn decimals_written_with_a_fraction_are_read_by_value() {
        for (decimals, places) in [("2.0", 2), ("\"6.000\"", 6), ("1e0", 1), ("0", 0)] {
            let score = format!("{{ \"min\": 0, \"max\": 100, \"decimals\": {decimals} }}");
            let (parsed, sink) =
                parse_text(&policy(&score, GRADES, "{ \"A\": { \"X\": 1, \"Y\": 0 } }"));
            assert!(!sink.has_errors(), "{sink}");
            assert_eq!(parsed.scale.map(|s| s.decimals), Some(places), "{decimals}");
        }
    }

    #[test]
    fn a_quota_row_or_share_given_twice_is_an_error_at_its_line() {
        let quotas = "{\n\"A\": { \"X\": 0.5, \"Y\": 0.5 },\n\"A\": { \"X\": 1, \"Y\": 0 }\n}";
        let (parsed, sink) = parse_text(&policy(SCORE, GRADES, quotas));
        assert!(parsed.policy.is_none());
        assert_eq!(
            error_lines(&sink),
            vec![(
                Some(8),
                "quota row \"A\" is given twice: keep one".to_string()
            )]
        );

        let quotas = "{ \"A\": {\n\"X\": 0.5,\n\"Y\": 0.5,\n\"X\": 0.5\n} }";
        let (parsed, sink) = parse_text(&policy(SCORE, GRADES, quotas));
        assert!(parsed.policy.is_none());
        assert_eq!(
            error_lines(&sink),
            vec![(
                Some(9),
                "quota row \"A\" gives grade \"X\" twice: keep one".to_string()
            )]
        );
    }

    fn with_bonus(bonus: &str) -> String {
        let text = policy(SCORE, GRADES, "{ \"A\": { \"X\": 1, \"Y\": 0 } }");
        let body = text.trim_end().trim_end_matches('}');
        format!("{body},\n\"bonus\": {bonus}\n}}")
    }

    #[test]
    fn a_bonus_defaults_to_two_places_and_department_multipliers_of_one() {
        let (parsed, sink) = parse_text(&with_bonus(
            "{ \"pool\": \"100.10\", \"grade_multipliers\": { \"X\": 2, \"Y\": \"0.5\" } }",
        ));
        assert!(!sink.has_errors(), "{sink}");
        let bonus = parsed.policy.and_then(|p| p.bonus).expect("a bonus");
        assert_eq!(bonus.decimals, 2);
        assert_eq!(bonus.pool.to_string(), "100.10");
        assert_eq!(bonus.department_grade_multipliers, vec![Decimal::ONE]);
        assert_eq!(bonus.line, 8);
        // Trailing zeros do not count as places.
        let (parsed, sink) = parse_text(&with_bonus(
            "{ \"pool\": \"100.10\", \"decimals\": 1, \"grade_multipliers\": { \"X\": 2, \"Y\": 1 } }",
        ));
        assert!(!sink.has_errors(), "{sink}");
        assert!(parsed.policy.is_some_and(|p| p.bonus.is_some()));
        // null is no bonus.
        let (parsed, sink) = parse_text(&with_bonus("null"));
        assert!(!sink.has_errors(), "{sink}");
        assert!(parsed.policy.is_some_and(|p| p.bonus.is_none()));
    }

    #[test]
    fn every_bonus_error_is_reported_at_its_line() {
        let bonus = "{\n\"pool\": \"-5.123\",\n\"decimals\": 2,\n\"grade_multipliers\": { \"X\": -1, \"Z\": 1 },\n\"department_grade_multipliers\": {\n\"A\": 1,\n\"A\": 2\n}\n}";
        let (parsed, sink) = parse_text(&with_bonus(bonus));
        assert!(parsed.policy.is_none());
        assert_eq!(
            error_lines(&sink),
            vec![
                (Some(9), "bonus \"pool\" is \"-5.123\": it must be 0 or more".to_string()),
                (Some(11), "bonus multiplier for grade \"X\" is \"-1\": it must be 0 or more".to_string()),
                (Some(8), "bonus \"grade_multipliers\" has no multiplier for grade \"Y\"".to_string()),
                (Some(14), "bonus \"department_grade_multipliers\" gives department grade \"A\" twice: keep one".to_string()),
            ]
        );
        assert_eq!(sink.warnings().count(), 1, "Z is not a grade");
    }

    #[test]
    fn a_worse_grade_paid_more_is_a_warning() {
        let (parsed, sink) = parse_text(&with_bonus(
            "{ \"pool\": 1, \"grade_multipliers\": {\n\"X\": 1,\n\"Y\": 1.5 } }",
        ));
        assert!(parsed.policy.is_some());
        let warnings: Vec<_> = sink.warnings().collect();
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .message
                .contains("\"Y\" has a larger multiplier (1.5)"),
            "{}",
            warnings[0]
        );
        assert_eq!(warnings[0].location.as_ref().and_then(|l| l.line), Some(10));
    }

    #[test]
    fn more_than_max_grades_is_an_error() {
        let many: Vec<String> = (0..=MAX_GRADES)
            .map(|g| format!("{{ \"id\": \"G{g}\" }}"))
            .collect();
        let grades = format!("[{}]", many.join(",\n"));
        let (parsed, sink) = parse_text(&policy(SCORE, &grades, "{}"));
        assert!(parsed.policy.is_none());
        let errors = error_lines(&sink);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].0, Some(4 + MAX_GRADES as u32));
        assert!(errors[0].1.contains("at most 100"), "{}", errors[0].1);
    }
}
