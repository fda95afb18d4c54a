//! Panels over the screen: why a person has their grade, and whose grades
//! a decision moved. ↑↓ scroll; any other key closes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::engine::decision::Change;
use crate::text;
use crate::tui::action::{Panel, PanelKind};
use crate::tui::app::App;

pub fn render(app: &App, panel: &Panel, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
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
        .title_bottom(Span::styled(
            " ↑↓ scroll · any other key closes ",
            theme.dim,
        ));
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

type Lines = Vec<(String, ratatui::style::Style)>;

/// Every step from ratings to grade, for one person.
fn person(app: &App, e: usize) -> Lines {
    let theme = &app.theme;
    let session = &app.session;
    let input = &session.input;
    let results = session.results();
    let policy = &input.policy;
    let scale = &policy.score;
    let grade = |g: Option<u8>| {
        g.map_or("—".to_string(), |g| {
            policy.grades[usize::from(g)].id.clone()
        })
    };
    let employee = &input.employees[e];
    let department = &input.departments[employee.department];
    let g = input.group_of(e);
    let result = &results.employees[e];
    let mut out: Lines = Vec::new();
    let department_grade =
        &policy.department_grades[session.state().department_grades[employee.department]];
    out.push((
        format!(
            " Department {}{} (grade {department_grade}) · group {}",
            text::safe(&department.id),
            if app.privacy {
                String::new()
            } else {
                format!(" {}", text::safe(&department.name))
            },
            text::safe(&input.groups[g].id)
        ),
        theme.header,
    ));
    out.push((" Ratings".into(), theme.title));
    let ratings = input.employee_ratings.of(e);
    if ratings.is_empty() {
        out.push((
            "   none: this person is unrated and gets no grade".into(),
            theme.bad,
        ));
    }
    for &i in ratings {
        let rating = &input.ratings[i];
        let r = rating.rater;
        let transform = session.state().transforms[r];
        let adjusted = scale.round(results.adjusted[i]);
        out.push((
            format!(
                "   {} {} · score {} × weight {} → {} after {}",
                text::safe(&input.raters[r].id),
                if app.privacy {
                    "".into()
                } else {
                    app.rater_name(r)
                },
                scale.format(rating.score),
                rating.weight.normalize(),
                scale.format(adjusted),
                transform
            ),
            theme.base,
        ));
        if let Some((n, d)) = last_decision(
            app,
            |c| matches!(c, Change::RaterScale { rater, .. } if *rater == input.raters[r].id),
        ) {
            out.push((
                format!("     correction: decision {}{}", n + 1, reason(app, d)),
                theme.dim,
            ));
        }
    }
    let raw = session.baseline.raw_scores[e].map_or("—".into(), |s| scale.format(s));
    let final_score = result.final_score.map_or("—".into(), |s| scale.format(s));
    let headcount = results.groups[g].headcount;
    out.push((
        format!(
            " Score: raw {raw} → final {final_score} · rank {} of {headcount} in {}",
            result.rank.map_or("—".into(), |r| r.to_string()),
            text::safe(&input.groups[g].id)
        ),
        theme.header,
    ));
    out.push((
        format!(" Auto grade {}: {}", grade(result.auto_grade), seat(app, e)),
        theme.base,
    ));
    match session.state().overrides[e] {
        Some(_) => {
            let id = &employee.id;
            let why = last_decision(
                app,
                |c| matches!(c, Change::Override { employee, .. } if employee == id),
            )
            .map_or(String::new(), |(n, d)| {
                format!(" (decision {}{})", n + 1, reason(app, d))
            });
            out.push((
                format!(" Overridden to {}{why}", grade(result.grade)),
                theme.warn,
            ));
        }
        None => out.push((
            format!(" Final grade {} (no override)", grade(result.grade)),
            theme.base,
        )),
    }
    if let Some(before) = &app.before {
        let b = &before.employees[e];
        out.push((
            format!(
                " Before calibration: {} (final score {}, rank {})",
                grade(b.grade),
                b.final_score.map_or("—".into(), |s| scale.format(s)),
                b.rank.map_or("—".into(), |r| r.to_string())
            ),
            theme.dim,
        ));
    }
    let movers: Vec<String> = (0..session.decisions().len())
        .filter(|&i| session.note(i).is_some_and(|n| n.moved.contains(&e)))
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

/// Which seat the auto grade fills, or why the grade was carried down.
fn seat(app: &App, e: usize) -> String {
    let session = &app.session;
    let input = &session.input;
    let results = session.results();
    let grades = &input.policy.grades;
    let (Some(rank), Some(auto)) = (results.employees[e].rank, results.employees[e].auto_grade)
    else {
        return "none (unrated)".into();
    };
    let group = &results.groups[input.group_of(e)];
    let auto = usize::from(auto);
    let above: u64 = group.filled[..auto].iter().sum();
    let within = u64::from(rank) - above;
    let mut text = format!(
        "place {within} of the {} {} place{} filled (seats {})",
        group.filled[auto],
        grades[auto].id,
        if group.filled[auto] == 1 { "" } else { "s" },
        group.seats[auto]
    );
    // Seats of better grades left empty by min_score carry down.
    let carried: Vec<String> = (0..auto)
        .filter(|&x| group.filled[x] < group.seats[x])
        .map(|x| {
            format!(
                "{} {} unfilled",
                group.seats[x] - group.filled[x],
                grades[x].id
            )
        })
        .collect();
    if !carried.is_empty() {
        text.push_str(&format!(
            "; carried down from better grades: {}",
            carried.join(", ")
        ));
    }
    text
}

/// The last decision in force whose change matches.
fn last_decision(
    app: &App,
    matches: impl Fn(&Change) -> bool,
) -> Option<(usize, &crate::engine::decision::Decision)> {
    app.session
        .decisions()
        .iter()
        .enumerate()
        .rev()
        .find(|(_, d)| matches(&d.change))
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
