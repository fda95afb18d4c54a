//! Panels over the screen: why a person has their grade, and whose grades
//! a decision moved. ↑↓ scroll; any other key closes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget};

use crate::engine::{moves, provenance};
use crate::i18n::{Msg, Ui, fill, t};
use crate::text;
use crate::tui::action::{Panel, PanelKind};
use crate::tui::app::App;
use crate::tui::ui::words;

pub fn render(app: &App, panel: &Panel, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
    let mut keys = t(lang, Ui::PanelKeys).to_string();
    let (title, lines) = match panel.kind {
        PanelKind::Person(e) => (
            fill(
                lang,
                Ui::PersonTitle,
                &[
                    ("id", &text::safe(&app.session.input.employees[e].id)),
                    (
                        "name",
                        &if app.privacy {
                            "".into()
                        } else {
                            app.employee_name(e)
                        },
                    ),
                ],
            ),
            person(app, e),
        ),
        PanelKind::Moved(i) => (
            fill(lang, Ui::MovedTitle, &[("n", &(i + 1).to_string())]),
            moved(app, i),
        ),
        PanelKind::Bonus => (
            t(lang, Ui::BonusTitle).to_string(),
            super::bonus::lines(app),
        ),
        PanelKind::Network => (
            t(lang, Ui::NetworkTitle).to_string(),
            super::network::lines(app),
        ),
        PanelKind::Movers(row) => {
            let (title, lines, goes_to) = super::fairness::movers(app, row);
            if let Some(i) = goes_to {
                keys = format!(
                    " {} ",
                    fill(app.lang, Msg::FairPanelKeys, &[("n", &(i + 1).to_string())])
                );
            }
            (title, lines)
        }
    };
    let popup = Rect {
        x: area.x + 1,
        y: area.y,
        width: area.width.saturating_sub(2),
        height: area.height,
    };
    super::clear(popup, buf);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border_selected)
        .title(Span::styled(
            text::truncate(&title, usize::from(popup.width.saturating_sub(4))),
            theme.title,
        ))
        .title_bottom(Span::styled(keys, theme.dim));
    let inner = block.inner(popup);
    block.render(popup, buf);
    // Long lines wrap under their own indent, so each item still reads as
    // one; scrolling counts the wrapped rows.
    let width = usize::from(inner.width);
    let shown: Vec<Line> = lines
        .into_iter()
        .flat_map(|(line, style)| {
            text::wrap(&line, width)
                .into_iter()
                .map(move |row| Line::styled(row, style))
        })
        .collect();
    let rows = shown.len();
    let paragraph = Paragraph::new(shown).style(theme.base);
    let scroll = panel
        .scroll
        .min(rows.saturating_sub(usize::from(inner.height)));
    paragraph
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .render(inner, buf);
}

pub(super) type Lines = Vec<(String, ratatui::style::Style)>;

/// Every step from ratings to grade, for one person: the engine's
/// provenance (the statement prints the same), in words.
fn person(app: &App, e: usize) -> Lines {
    let theme = &app.theme;
    let lang = app.lang;
    let session = &app.session;
    let input = &session.input;
    let policy = &input.policy;
    let scale = &policy.score;
    let Some(before) = &app.before else {
        return vec![(t(lang, Ui::Computing).into(), theme.dim)];
    };
    let p = provenance::provenance(session, before, None, e);
    let grade = |g: Option<usize>| g.map_or("—".to_string(), |g| policy.grades[g].id.clone());
    let private = |t: &str| {
        if app.privacy {
            String::new()
        } else {
            format!(" {}", text::safe(t))
        }
    };
    let decision = |d: &provenance::DecisionRef| {
        fill(
            lang,
            Ui::DecisionRef,
            &[
                ("n", &(d.index + 1).to_string()),
                ("reason", &reason(app, d.reason)),
            ],
        )
    };
    let separator = t(lang, Ui::ListSeparator);
    let mut out: Lines = Vec::new();
    let department = &input.departments[p.department];
    out.push((
        fill(
            lang,
            Ui::PersonDepartment,
            &[
                (
                    "department",
                    &format!(
                        "{}{}",
                        text::safe(&department.id),
                        private(&department.name)
                    ),
                ),
                ("grade", &policy.department_grades[p.department_grade]),
                (
                    "decision",
                    &p.department_decision.as_ref().map_or(String::new(), |d| {
                        fill(lang, Ui::AlsoDecision, &[("decision", &decision(d))])
                    }),
                ),
                ("group", &text::safe(&input.groups[p.group].id)),
            ],
        ),
        theme.header,
    ));
    out.push((t(lang, Ui::PersonRatings).into(), theme.title));
    if p.ratings.is_empty() {
        out.push((t(lang, Ui::PersonUnrated).into(), theme.bad));
    }
    for rating in &p.ratings {
        let r = rating.rater;
        out.push((
            fill(
                lang,
                Ui::PersonRating,
                &[
                    (
                        "rater",
                        &format!(
                            "{}{}",
                            text::safe(&input.raters[r].id),
                            private(&input.raters[r].name)
                        ),
                    ),
                    ("score", &scale.format(rating.score)),
                    ("weight", &rating.weight.normalize().to_string()),
                    ("adjusted", &scale.format(scale.round(rating.adjusted))),
                ],
            ),
            theme.base,
        ));
        if let Some(c) = &rating.correction {
            out.push((
                fill(
                    lang,
                    Ui::PersonCorrection,
                    &[
                        ("transform", &words::transform(lang, &c.transform)),
                        ("decision", &decision(&c.decision)),
                    ],
                ),
                theme.dim,
            ));
        }
        if let Some(comment) = rating.comment.filter(|_| !app.privacy) {
            out.push((
                fill(
                    lang,
                    Ui::PersonComment,
                    &[("comment", &text::safe(comment))],
                ),
                theme.dim,
            ));
        }
    }
    let rank = p.rank.map_or("—".into(), |r| {
        fill(
            lang,
            Msg::RankOf,
            &[("rank", &r.rank.to_string()), ("of", &r.of.to_string())],
        )
    });
    out.push((
        fill(
            lang,
            Ui::PersonScore,
            &[
                ("raw", &p.raw_score.map_or("—".into(), |s| scale.format(s))),
                (
                    "final",
                    &p.final_score.map_or("—".into(), |s| scale.format(s)),
                ),
                ("rank", &rank),
                ("group", &text::safe(&input.groups[p.group].id)),
            ],
        ),
        theme.header,
    ));
    let seats: Vec<String> = policy
        .grades
        .iter()
        .zip(p.seats)
        .map(|(g, n)| format!("{} {n}", g.id))
        .collect();
    out.push((
        fill(lang, Ui::PersonSeats, &[("seats", &seats.join(" · "))]),
        theme.base,
    ));
    if let Some(auto) = &p.auto {
        let carried = auto.capacity.saturating_sub(auto.seats);
        let mut line = fill(
            lang,
            Ui::PersonAuto,
            &[
                ("grade", &policy.grades[auto.grade].id),
                ("place", &auto.place.to_string()),
                ("taken", &auto.taken.to_string()),
                ("seats", &auto.seats.to_string()),
                (
                    "carried",
                    &if carried > 0 {
                        fill(lang, Ui::PersonCarried, &[("n", &carried.to_string())])
                    } else {
                        String::new()
                    },
                ),
            ],
        );
        if !auto.passed_over.is_empty() {
            let passed: Vec<String> = auto
                .passed_over
                .iter()
                .map(|&g| {
                    let min = policy.grades[g]
                        .min_score
                        .map_or(String::new(), |m| scale.format(m));
                    fill(
                        lang,
                        Ui::PersonNeeds,
                        &[("grade", &policy.grades[g].id), ("min", &min)],
                    )
                })
                .collect();
            line.push_str(&fill(
                lang,
                Ui::PersonPassed,
                &[("grades", &passed.join(separator))],
            ));
        }
        out.push((line, theme.base));
    }
    match &p.override_ {
        Some(o) => out.push((
            fill(
                lang,
                Ui::PersonOverridden,
                &[
                    ("grade", &policy.grades[o.grade].id),
                    (
                        "decision",
                        &o.decision.as_ref().map_or(String::new(), |d| {
                            fill(lang, Ui::InParentheses, &[("text", &decision(d))])
                        }),
                    ),
                ],
            ),
            theme.warn,
        )),
        None => out.push((
            fill(lang, Ui::PersonFinal, &[("grade", &grade(p.grade))]),
            theme.base,
        )),
    }
    out.push((
        fill(lang, Ui::PersonBefore, &[("grade", &grade(p.before))]),
        theme.dim,
    ));
    if let Some(previous) = p.previous_grade {
        out.push((
            fill(
                lang,
                Ui::PersonPrevious,
                &[
                    ("grade", &text::safe(previous)),
                    (
                        "big",
                        if p.big_mover {
                            t(lang, Ui::PersonBigMover)
                        } else {
                            ""
                        },
                    ),
                ],
            ),
            if p.big_mover { theme.warn } else { theme.dim },
        ));
    }
    let movers: Vec<String> = moves::decisions_moving(session, e)
        .into_iter()
        .map(|i| {
            fill(
                lang,
                Ui::PersonMover,
                &[
                    ("n", &(i + 1).to_string()),
                    (
                        "change",
                        &words::change(lang, &session.decisions()[i].change),
                    ),
                ],
            )
        })
        .collect();
    out.push((
        if movers.is_empty() {
            t(lang, Ui::PersonNotMoved).to_string()
        } else {
            fill(
                lang,
                Ui::PersonMovedBy,
                &[("decisions", &movers.join(separator))],
            )
        },
        theme.base,
    ));
    out
}

/// The reason after a decision (hidden in privacy mode), or nothing.
fn reason(app: &App, reason: Option<&str>) -> String {
    match reason {
        Some(_) if app.privacy => t(app.lang, Ui::ReasonHidden).into(),
        Some(r) => fill(app.lang, Ui::Reason, &[("reason", &text::safe(r))]),
        None => String::new(),
    }
}

/// The people a decision moved, with their grades now.
fn moved(app: &App, i: usize) -> Lines {
    let theme = &app.theme;
    let lang = app.lang;
    let session = &app.session;
    let input = &session.input;
    let results = session.results();
    let Some(decision) = session.decisions().get(i) else {
        return Vec::new();
    };
    let mut out: Lines = vec![(
        fill(
            lang,
            Ui::MovedChange,
            &[
                ("change", &words::change(lang, &decision.change)),
                ("reason", &reason(app, decision.reason.as_deref())),
            ],
        ),
        theme.header,
    )];
    let note = session.note(i);
    let start = note.and_then(|n| n.batch_start).unwrap_or(i);
    let moved = session
        .note(start)
        .map(|n| n.moved.as_slice())
        .unwrap_or(&[]);
    if start != i {
        out.push((
            fill(lang, Ui::MovedBatch, &[("n", &(start + 1).to_string())]),
            theme.dim,
        ));
    }
    if moved.is_empty() {
        out.push((t(lang, Ui::MovedNone).into(), theme.dim));
    }
    for &e in moved {
        let grade = results.employees[e]
            .grade
            .map_or("—", |g| input.policy.grades[usize::from(g)].id.as_str());
        out.push((
            fill(
                lang,
                Ui::MovedPerson,
                &[
                    ("id", &text::safe(&input.employees[e].id)),
                    (
                        "name",
                        &if app.privacy {
                            "".into()
                        } else {
                            app.employee_name(e)
                        },
                    ),
                    ("grade", grade),
                ],
            ),
            theme.base,
        ));
    }
    out
}
