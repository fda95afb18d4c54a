//! Screen 7: the summary for the room, large and plain: the grade
//! distribution of the company (or the focus group) against the quota,
//! before calibration and now; the decisions made; what is left.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::engine::decision::Change;
use crate::text;
use crate::tui::app::App;
use crate::tui::ui::words;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let session = &app.session;
    let input = &session.input;
    let results = session.results();
    let grades = &input.policy.grades;
    let groups: Vec<usize> = match app.focus() {
        Some(g) => vec![g],
        None => (0..input.groups.len()).collect(),
    };
    let mut now = vec![0u64; grades.len()];
    let mut quota = vec![0u64; grades.len()];
    let mut rated = 0usize;
    for &g in &groups {
        let group = &results.groups[g];
        rated += group.headcount;
        for (x, n) in group.counts.iter().enumerate() {
            now[x] += n;
        }
        for (x, n) in group.filled.iter().enumerate() {
            quota[x] += n;
        }
    }
    let mut before = vec![0u64; grades.len()];
    if let Some(b) = &app.before {
        for &g in &groups {
            for (x, n) in b.groups[g].counts.iter().enumerate() {
                before[x] += n;
            }
        }
    }
    let scope = app.focus().map_or("the company".to_string(), |g| {
        text::safe(&input.groups[g].id).into_owned()
    });
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                format!(" {} · {scope} · ", text::safe(&input.policy.cycle)),
                theme.title,
            ),
            Span::styled(format!("{rated} people graded"), theme.header),
        ]),
        Line::default(),
    ];
    // Bars: one row per grade and measure, scaled to the largest count.
    // Label, "before ", share and count, and "  ⚠ quota N" beside the bar.
    let beside = 12 + 7 + 5 + 7 + 16;
    let bar_room = usize::from(area.width).saturating_sub(beside).max(4);
    let most = before
        .iter()
        .chain(&now)
        .chain(&quota)
        .copied()
        .max()
        .unwrap_or(1)
        .max(1);
    let bar = |n: u64| {
        "█".repeat(
            (n as usize * bar_room)
                .div_ceil(most as usize)
                .min(bar_room),
        )
    };
    let share = |n: u64| {
        if rated == 0 {
            String::new()
        } else {
            format!(" {:.0}%", n as f64 * 100.0 / rated as f64)
        }
    };
    for (x, grade) in grades.iter().enumerate() {
        let label = format!(" {} {}", grade.id, text::safe(&grade.label));
        let off = now[x] != quota[x];
        lines.push(Line::from(vec![
            Span::styled(
                text::pad_right(&text::truncate(&label, 12), 12),
                theme.header,
            ),
            Span::styled("before ", theme.dim),
            Span::styled(
                format!("{}{} {}", bar(before[x]), share(before[x]), before[x]),
                theme.raw_bar,
            ),
        ]));
        lines.push(Line::from(vec![
            Span::raw(" ".repeat(12)),
            Span::styled("now    ", theme.base),
            Span::styled(
                format!("{}{} {}", bar(now[x]), share(now[x]), now[x]),
                if off { theme.bad } else { theme.good },
            ),
            Span::styled(
                if off {
                    format!("  ⚠ quota {}", quota[x])
                } else {
                    format!("  = quota {}", quota[x])
                },
                if off { theme.bad } else { theme.dim },
            ),
        ]));
    }
    lines.push(Line::default());
    let decisions = session.decisions();
    let count = |f: fn(&Change) -> bool| decisions.iter().filter(|d| f(&d.change)).count();
    lines.push(Line::styled(
        format!(
            " Decisions: {} · rater corrections {} · department grades {} · overrides {} · discussed {}",
            decisions.len(),
            count(|c| matches!(c, Change::RaterScale { .. })),
            count(|c| matches!(c, Change::DepartmentGrade { .. })),
            count(|c| matches!(c, Change::Override { .. } | Change::ClearOverride { .. })),
            count(|c| matches!(c, Change::Discussed { .. })),
        ),
        theme.base,
    ));
    let agenda = &app.agenda;
    let strict = app.warnings.all.iter().filter(|w| w.fails_strict()).count();
    lines.push(Line::styled(
        format!(
            " Agenda: {} of {} discussed · warnings: {} ({strict} fail --strict)",
            agenda.discussed(session),
            agenda.entries.len(),
            app.warnings.all.len(),
        ),
        theme.base,
    ));
    // Who is missing (contract 6.10): the managers behind with ratings.
    if !input.managers.is_empty() {
        let behind: Vec<String> = app
            .managers_behind()
            .iter()
            .map(|&m| text::safe(input.managers.word(m)).into_owned())
            .collect();
        lines.push(Line::styled(
            if behind.is_empty() {
                " Submissions: every manager has rated all of their people".to_string()
            } else {
                format!(
                    " Submissions: {} manager{} behind ({}{}; 6 lists them)",
                    behind.len(),
                    if behind.len() == 1 { "" } else { "s" },
                    behind
                        .iter()
                        .take(4)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", "),
                    if behind.len() > 4 { ", …" } else { "" }
                )
            },
            if behind.is_empty() {
                theme.good
            } else {
                theme.warn
            },
        ));
    }
    lines.extend(linking(app));
    lines.push(Line::styled(
        match session.signed_off() {
            Some(s) => format!(
                " SIGNED OFF by {}{}",
                text::safe(&s.by),
                s.at.as_deref()
                    .map_or(String::new(), |at| format!(" at {at}"))
            ),
            None => " Not signed off (O signs off)".to_string(),
        },
        if session.signed_off().is_some() {
            theme.good
        } else {
            theme.dim
        },
    ));
    lines.push(Line::styled(
        format!(
            " Saved in {}",
            app.origin
                .session_path
                .as_ref()
                .map_or("(not saved yet)".to_string(), |p| text::safe(
                    &p.display().to_string()
                )
                .into_owned())
        ),
        theme.dim,
    ));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// The linking network of the linked-ratings model (contract 6.7): how far
/// it can tell a rater's severity from their people's strength.
pub(super) fn linking<'a>(app: &App) -> Vec<Line<'a>> {
    let theme = &app.theme;
    let Some(model) = &app.linked else {
        let text = if app.linking {
            words::LINKING_SUMMARY.to_string()
        } else {
            format!(" {}", words::LINKED_FAILED)
        };
        return vec![Line::styled(text, theme.dim)];
    };
    let raters = app.session.input.raters.len();
    let linked: usize = model.components.iter().map(|c| c.raters).sum();
    let largest = model.components.iter().max_by_key(|c| c.raters);
    let mut lines = vec![Line::styled(
        format!(
            " Linked ratings: {linked} of {raters} raters share people, in {} part{}{}",
            model.components.len(),
            if model.components.len() == 1 { "" } else { "s" },
            largest.map_or(String::new(), |c| format!(
                " (largest: {} raters, {} people)",
                c.raters, c.employees
            )),
        ),
        theme.base,
    )];
    if linked * 2 < raters {
        lines.push(Line::styled(
            format!(
                " ⚠ Most raters ({} of {raters}) share no person with another: severity cannot be told from their people's strength for them; stats --link-advice N names second ratings that would help",
                model.unlinked_raters
            ),
            theme.warn,
        ));
    }
    lines
}
