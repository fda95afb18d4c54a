//! What a statement says, in the reader's language: the employee's
//! provenance turned into a [`Doc`]. Only the employee's own figures and
//! their group's seat counts appear; no other person is named or scored.

use rust_decimal::Decimal;

use super::{Block, Doc, Section};
use crate::engine::provenance::{DecisionRef, Provenance};
use crate::engine::session::Session;
use crate::engine::transform::Transform;
use crate::i18n::{Lang, Msg, fill, t};

fn num(x: Decimal) -> String {
    x.normalize().to_string()
}

/// `+5` / `-2.5`: a shift with its sign.
fn signed(x: Decimal) -> String {
    if x.is_sign_negative() {
        num(x)
    } else {
        format!("+{}", num(x))
    }
}

pub fn document(session: &Session, p: &Provenance<'_>, lang: Lang) -> Doc {
    let input = &session.input;
    let policy = &input.policy;
    let scale = &policy.score;
    let text = |msg| t(lang, msg).to_string();
    let named = |name: &str, id: &str| fill(lang, Msg::NameWithId, &[("name", name), ("id", id)]);
    let grade = |g: usize| {
        let grade = &policy.grades[g];
        if grade.label.is_empty() {
            grade.id.clone()
        } else {
            format!("{} {}", grade.id, grade.label)
        }
    };
    let noted = |value: &str, note: &str| {
        fill(
            lang,
            Msg::ValueWithNote,
            &[("value", value), ("note", note)],
        )
    };
    let decision = |d: &DecisionRef<'_>| {
        let n = (d.index + 1).to_string();
        match d.reason.filter(|r| !r.trim().is_empty()) {
            Some(reason) => fill(
                lang,
                Msg::DecisionWithReason,
                &[("n", &n), ("reason", reason)],
            ),
            None => fill(lang, Msg::DecisionNumber, &[("n", &n)]),
        }
    };
    let employee = &input.employees[p.employee];
    let department = &input.departments[p.department];

    let mut department_grade = policy.department_grades[p.department_grade].clone();
    if let Some(d) = &p.department_decision {
        department_grade = noted(&department_grade, &decision(d));
    }
    let mut sections = vec![Section {
        heading: None,
        blocks: vec![Block::Facts(vec![
            (text(Msg::Cycle), policy.cycle.clone()),
            (
                text(Msg::Department),
                named(&department.name, &department.id),
            ),
            (text(Msg::DepartmentGrade), department_grade),
            (text(Msg::Group), input.groups[p.group].id.clone()),
        ])],
    }];

    // Ratings, and the correction of each rater who rated them.
    let mut ratings = Vec::new();
    if p.ratings.is_empty() {
        ratings.push(Block::Text(text(Msg::NoRatings)));
    } else {
        ratings.push(Block::Table {
            header: [
                Msg::Rater,
                Msg::Score,
                Msg::Weight,
                Msg::CorrectedScore,
                Msg::Comment,
            ]
            .map(text)
            .to_vec(),
            rows: p
                .ratings
                .iter()
                .map(|r| {
                    let rater = &input.raters[r.rater];
                    vec![
                        named(&rater.name, &rater.id),
                        num(r.score),
                        num(r.weight),
                        scale.format(r.adjusted),
                        r.comment.unwrap_or("").to_string(),
                    ]
                })
                .collect(),
        });
    }
    sections.push(Section {
        heading: Some(text(Msg::RatingsHeading)),
        blocks: ratings,
    });
    if !p.ratings.is_empty() {
        let mut seen = Vec::new();
        let corrections = p
            .ratings
            .iter()
            .filter(|r| {
                let first = !seen.contains(&r.rater);
                seen.push(r.rater);
                first
            })
            .map(|r| {
                let rater = &input.raters[r.rater];
                let what = match &r.correction {
                    None => text(Msg::NotCorrected),
                    Some(c) => noted(&transform(lang, &c.transform), &decision(&c.decision)),
                };
                (named(&rater.name, &rater.id), what)
            })
            .collect();
        sections.push(Section {
            heading: Some(text(Msg::CorrectionsHeading)),
            blocks: vec![
                Block::Text(text(Msg::CorrectionsNote)),
                Block::Facts(corrections),
            ],
        });
    }

    let not_graded = || text(Msg::NotGraded);
    let score = |s: Option<Decimal>| s.map_or_else(not_graded, |s| scale.format(s));
    if let (Some(raw), Some(rank)) = (p.raw_score, p.rank) {
        sections.push(Section {
            heading: Some(text(Msg::ScoresHeading)),
            blocks: vec![Block::Facts(vec![
                (text(Msg::RawScore), scale.format(raw)),
                (text(Msg::FinalScore), score(p.final_score)),
            ])],
        });
        sections.push(Section {
            heading: Some(text(Msg::RankHeading)),
            blocks: vec![
                Block::Facts(vec![(
                    text(Msg::RankInGroup),
                    fill(
                        lang,
                        Msg::RankOf,
                        &[
                            ("rank", &rank.rank.to_string()),
                            ("of", &rank.of.to_string()),
                        ],
                    ),
                )]),
                Block::Text(text(Msg::SeatsIntro)),
                Block::Table {
                    header: [Msg::Grade, Msg::Quota, Msg::Seats].map(text).to_vec(),
                    rows: (0..policy.grades.len())
                        .map(|g| vec![grade(g), num(p.quotas[g]), p.seats[g].to_string()])
                        .collect(),
                },
            ],
        });
    }

    let mut result = Vec::new();
    let mut notes = Vec::new();
    if let Some(auto) = &p.auto {
        let mut why = fill(
            lang,
            Msg::AutoPlace,
            &[
                ("grade", &policy.grades[auto.grade].id),
                ("taken", &auto.taken.to_string()),
                ("place", &auto.place.to_string()),
            ],
        );
        let carried = auto.capacity.saturating_sub(auto.seats);
        if carried > 0 {
            let more = fill(
                lang,
                Msg::CarriedSeats,
                &[("carried", &carried.to_string())],
            );
            why = fill(lang, Msg::TwoClauses, &[("first", &why), ("second", &more)]);
        }
        result.push((text(Msg::AutoGrade), noted(&grade(auto.grade), &why)));
        for &better in &auto.passed_over {
            let min = policy.grades[better]
                .min_score
                .map(|m| scale.format(m))
                .unwrap_or_default();
            notes.push(Block::Text(fill(
                lang,
                Msg::PassedOver,
                &[
                    ("grade", &policy.grades[better].id),
                    ("score", &score(p.final_score)),
                    ("min", &min),
                ],
            )));
        }
    }
    if let Some(o) = &p.override_ {
        let why = match &o.decision {
            Some(d) => decision(&DecisionRef {
                reason: Some(o.reason),
                ..*d
            }),
            None => o.reason.to_string(),
        };
        result.push((
            text(Msg::Override),
            fill(
                lang,
                Msg::OverrideTo,
                &[("grade", &grade(o.grade)), ("decision", &why)],
            ),
        ));
    }
    result.push((
        text(Msg::FinalGrade),
        p.grade.map_or_else(not_graded, grade),
    ));
    result.push((
        text(Msg::BeforeCalibration),
        p.before.map_or_else(not_graded, grade),
    ));
    if session.previous().is_some() {
        let mut previous = p.previous_grade.map_or_else(not_graded, str::to_string);
        if p.big_mover {
            previous = noted(&previous, &text(Msg::BigMover));
        }
        result.push((text(Msg::PreviousGrade), previous));
    }
    if let Some(bonus) = &p.bonus {
        result.push((text(Msg::Bonus), bonus.clone()));
    }
    let mut blocks = vec![Block::Facts(result)];
    blocks.extend(notes);
    sections.push(Section {
        heading: Some(text(Msg::ResultHeading)),
        blocks,
    });

    Doc {
        lang,
        title: text(Msg::StatementTitle),
        subtitle: fill(
            lang,
            Msg::StatementFor,
            &[("name", &employee.name), ("id", &employee.id)],
        ),
        sections,
        footer: text(Msg::Footer),
    }
}

/// A scale correction in words.
fn transform(lang: Lang, transform: &Transform) -> String {
    match *transform {
        Transform::None => t(lang, Msg::TransformNone).to_string(),
        Transform::Offset { delta } => {
            fill(lang, Msg::TransformOffset, &[("delta", &signed(delta))])
        }
        Transform::Linear { stretch, shift } => fill(
            lang,
            Msg::TransformLinear,
            &[("stretch", &num(stretch)), ("shift", &signed(shift))],
        ),
        Transform::ZScore {
            mean: None,
            sd: None,
        } => t(lang, Msg::TransformZScore).to_string(),
        Transform::ZScore { mean, sd } => {
            let pool = t(lang, Msg::TransformZScore);
            let mean = mean.map_or_else(|| pool.to_string(), num);
            let sd = sd.map_or_else(|| pool.to_string(), num);
            fill(
                lang,
                Msg::TransformZScoreTarget,
                &[("mean", &mean), ("sd", &sd)],
            )
        }
        Transform::Quantile => t(lang, Msg::TransformQuantile).to_string(),
    }
}
