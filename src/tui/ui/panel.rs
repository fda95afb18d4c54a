//! Panels over the screen: why a person has their grade, and whose grades
//! a decision moved. ↑↓ scroll; any other key closes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::engine::{moves, provenance};
use crate::i18n::{Msg, fill};
use crate::text;
use crate::tui::action::{Panel, PanelKind};
use crate::tui::app::App;

pub fn render(app: &App, panel: &Panel, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let mut keys = " ↑↓ scroll · any other key closes ".to_string();
    let (title, lines) = match panel.kind {
        PanelKind::Person(e) => (
            format!(
                " Why this grade: {} {} ",
                text::safe(&app.session.input.employees[e].id),
                if app.privacy {
                    "".into()
                } else {
                    app.employee_name(e)
                }
            ),
            person(app, e),
        ),
        PanelKind::Moved(i) => (
            format!(" Decision {}: whose grade it moved ", i + 1),
            moved(app, i),
        ),
        PanelKind::Bonus => (super::bonus::TITLE.to_string(), super::bonus::lines(app)),
        PanelKind::Network => (
            super::network::TITLE.to_string(),
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
    Clear.render(popup, buf);
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
    let width = usize::from(inner.width).max(1);
    // Rows once wrapped (word wrapping may take a row more; scrolling
    // stops a little early then, never late).
    let rows: usize = lines
        .iter()
        .map(|(t, _)| text::width(t).div_ceil(width).max(1))
        .sum();
    let shown: Vec<Line> = lines
        .into_iter()
        .map(|(text, style)| Line::styled(text, style))
        .collect();
    let paragraph = Paragraph::new(shown)
        .style(theme.base)
        .wrap(Wrap { trim: false });
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
    let session = &app.session;
    let input = &session.input;
    let policy = &input.policy;
    let scale = &policy.score;
    let Some(before) = &app.before else {
        return vec![(" Computing…".into(), theme.dim)];
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
        format!(
            "decision {}{}",
            d.index + 1,
            match d.reason {
                Some(_) if app.privacy => ": (reason hidden)".to_string(),
                Some(r) => format!(": {}", text::safe(r)),
                None => String::new(),
            }
        )
    };
    let mut out: Lines = Vec::new();
    let department = &input.departments[p.department];
    out.push((
        format!(
            " Department {}{} (grade {}{}) · group {}",
            text::safe(&department.id),
            private(&department.name),
            policy.department_grades[p.department_grade],
            p.department_decision
                .as_ref()
                .map_or(String::new(), |d| format!(", {}", decision(d))),
            text::safe(&input.groups[p.group].id)
        ),
        theme.header,
    ));
    out.push((" Ratings".into(), theme.title));
    if p.ratings.is_empty() {
        out.push((
            "   none: this person is unrated and gets no grade".into(),
            theme.bad,
        ));
    }
    for rating in &p.ratings {
        let r = rating.rater;
        out.push((
            format!(
                "   {}{} · score {} × weight {} → {}",
                text::safe(&input.raters[r].id),
                private(&input.raters[r].name),
                scale.format(rating.score),
                rating.weight.normalize(),
                scale.format(scale.round(rating.adjusted)),
            ),
            theme.base,
        ));
        if let Some(c) = &rating.correction {
            out.push((
                format!(
                    "     correction {} ({})",
                    c.transform,
                    decision(&c.decision)
                ),
                theme.dim,
            ));
        }
        if let Some(comment) = rating.comment.filter(|_| !app.privacy) {
            out.push((format!("     comment: {}", text::safe(comment)), theme.dim));
        }
    }
    out.push((
        format!(
            " Score: raw {} → final {} · rank {} in {}",
            p.raw_score.map_or("—".into(), |s| scale.format(s)),
            p.final_score.map_or("—".into(), |s| scale.format(s)),
            p.rank
                .map_or("—".into(), |r| format!("{} of {}", r.rank, r.of)),
            text::safe(&input.groups[p.group].id)
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
        format!(" Seats in the group: {}", seats.join(" · ")),
        theme.base,
    ));
    if let Some(auto) = &p.auto {
        let carried = auto.capacity.saturating_sub(auto.seats);
        let mut line = format!(
            " Auto grade {}: place {} of the {} it took (seats {}{})",
            policy.grades[auto.grade].id,
            auto.place,
            auto.taken,
            auto.seats,
            if carried > 0 {
                format!(", +{carried} carried down from better grades")
            } else {
                String::new()
            }
        );
        if !auto.passed_over.is_empty() {
            let passed: Vec<String> = auto
                .passed_over
                .iter()
                .map(|&g| {
                    let min = policy.grades[g]
                        .min_score
                        .map_or(String::new(), |m| scale.format(m));
                    format!("{} (needs {min})", policy.grades[g].id)
                })
                .collect();
            line.push_str(&format!("; carried down past {}", passed.join(", ")));
        }
        out.push((line, theme.base));
    }
    match &p.override_ {
        Some(o) => out.push((
            format!(
                " Overridden to {}{}",
                policy.grades[o.grade].id,
                o.decision
                    .as_ref()
                    .map_or(String::new(), |d| format!(" ({})", decision(d)))
            ),
            theme.warn,
        )),
        None => out.push((
            format!(" Final grade {} (no override)", grade(p.grade)),
            theme.base,
        )),
    }
    out.push((
        format!(" Before calibration: {}", grade(p.before)),
        theme.dim,
    ));
    if let Some(previous) = p.previous_grade {
        out.push((
            format!(
                " Previous cycle: {}{}",
                text::safe(previous),
                if p.big_mover {
                    " · big mover (two or more grades apart)"
                } else {
                    ""
                }
            ),
            if p.big_mover { theme.warn } else { theme.dim },
        ));
    }
    let movers: Vec<String> = moves::decisions_moving(session, e)
        .into_iter()
        .map(|i| format!("{} ({})", i + 1, session.decisions()[i].change))
        .collect();
    out.push((
        if movers.is_empty() {
            " No decision of this session changed this grade.".to_string()
        } else {
            format!(" Moved by decision {}", movers.join(", "))
        },
        theme.base,
    ));
    out
}

/// ": the reason" (hidden in privacy mode), or nothing.
fn reason(app: &App, decision: &crate::engine::decision::Decision) -> String {
    match &decision.reason {
        Some(_) if app.privacy => ": (reason hidden)".into(),
        Some(r) => format!(": {}", text::safe(r)),
        None => String::new(),
    }
}

/// The people a decision moved, with their grades now.
fn moved(app: &App, i: usize) -> Lines {
    let theme = &app.theme;
    let session = &app.session;
    let input = &session.input;
    let results = session.results();
    let Some(decision) = session.decisions().get(i) else {
        return Vec::new();
    };
    let mut out: Lines = vec![(
        format!(" {}{}", decision.change, reason(app, decision)),
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
            format!(
                " Part of a batch that starts at decision {}: what the batch moved",
                start + 1
            ),
            theme.dim,
        ));
    }
    if moved.is_empty() {
        out.push((" It moved no grade.".into(), theme.dim));
    }
    for &e in moved {
        let grade = results.employees[e]
            .grade
            .map_or("—", |g| input.policy.grades[usize::from(g)].id.as_str());
        out.push((
            format!(
                "   {} {} → now {grade}",
                text::safe(&input.employees[e].id),
                if app.privacy {
                    "".into()
                } else {
                    app.employee_name(e)
                }
            ),
            theme.base,
        ));
    }
    out
}
