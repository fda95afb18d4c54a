//! Screen 7: the summary for the room, large and plain: the grade
//! distribution of the company (or the focus group) against the quota,
//! before calibration and now; the decisions made; what is left.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::engine::decision::Change;
use crate::i18n::{Ui, fill, plural, t};
use crate::text;
use crate::tui::app::App;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
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
    let scope = app
        .focus()
        .map_or(t(lang, Ui::TheCompany).to_string(), |g| {
            text::safe(&input.groups[g].id).into_owned()
        });
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                format!(" {} · {scope} · ", text::safe(&input.policy.cycle)),
                theme.title,
            ),
            Span::styled(
                fill(lang, Ui::PeopleGraded, &[("n", &rated.to_string())]),
                theme.header,
            ),
        ]),
        Line::default(),
    ];
    // Bars: one row per grade and measure, scaled to the largest count.
    // Label, "before ", share and count, and "  ⚠ quota N" beside the bar.
    let (before_word, now_word) = (t(lang, Ui::Before), t(lang, Ui::Now));
    let measure = text::width(before_word).max(text::width(now_word)).max(6) + 1;
    let beside = 12 + measure + 5 + 7 + 16;
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
            Span::styled(text::pad_right(before_word, measure), theme.dim),
            Span::styled(
                format!("{}{} {}", bar(before[x]), share(before[x]), before[x]),
                theme.raw_bar,
            ),
        ]));
        lines.push(Line::from(vec![
            Span::raw(" ".repeat(12)),
            Span::styled(text::pad_right(now_word, measure), theme.base),
            Span::styled(
                format!("{}{} {}", bar(now[x]), share(now[x]), now[x]),
                if off { theme.bad } else { theme.good },
            ),
            Span::styled(
                fill(
                    lang,
                    if off { Ui::QuotaOff } else { Ui::QuotaMet },
                    &[("n", &quota[x].to_string())],
                ),
                if off { theme.bad } else { theme.dim },
            ),
        ]));
    }
    lines.push(Line::default());
    let decisions = session.decisions();
    let count = |f: fn(&Change) -> bool| decisions.iter().filter(|d| f(&d.change)).count();
    lines.push(Line::styled(
        fill(
            lang,
            Ui::SummaryDecisions,
            &[
                ("n", &decisions.len().to_string()),
                (
                    "raters",
                    &count(|c| matches!(c, Change::RaterScale { .. })).to_string(),
                ),
                (
                    "departments",
                    &count(|c| matches!(c, Change::DepartmentGrade { .. })).to_string(),
                ),
                (
                    "overrides",
                    &count(|c| matches!(c, Change::Override { .. } | Change::ClearOverride { .. }))
                        .to_string(),
                ),
                (
                    "discussed",
                    &count(|c| matches!(c, Change::Discussed { .. })).to_string(),
                ),
            ],
        ),
        theme.base,
    ));
    let agenda = &app.agenda;
    let strict = app.warnings.all.iter().filter(|w| w.fails_strict()).count();
    lines.push(Line::styled(
        fill(
            lang,
            Ui::SummaryAgenda,
            &[
                ("discussed", &agenda.discussed(session).to_string()),
                ("total", &agenda.entries.len().to_string()),
                ("warnings", &app.warnings.all.len().to_string()),
                ("strict", &strict.to_string()),
            ],
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
                t(lang, Ui::SubmissionsDone).to_string()
            } else {
                let mut named: Vec<&str> = behind.iter().take(4).map(String::as_str).collect();
                if behind.len() > 4 {
                    named.push("…");
                }
                fill(
                    lang,
                    if behind.len() == 1 {
                        Ui::SubmissionsBehindOne
                    } else {
                        Ui::SubmissionsBehindMany
                    },
                    &[
                        ("n", &behind.len().to_string()),
                        ("list", &named.join(t(lang, Ui::ListSeparator))),
                    ],
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
            Some(s) => fill(
                lang,
                Ui::SignedOff,
                &[
                    ("by", &text::safe(&s.by)),
                    (
                        "at",
                        &s.at.as_deref().map_or(String::new(), |at| {
                            fill(lang, Ui::SignedOffAt, &[("at", &text::safe(at))])
                        }),
                    ),
                ],
            ),
            None => t(lang, Ui::NotSignedOff).to_string(),
        },
        if session.signed_off().is_some() {
            theme.good
        } else {
            theme.dim
        },
    ));
    let saved = app.origin.session_path.as_ref().map_or_else(
        || t(lang, Ui::NotSavedYet).to_string(),
        |p| {
            fill(
                lang,
                Ui::SavedIn,
                &[("path", &text::safe(&p.display().to_string()))],
            )
        },
    );
    lines.push(Line::styled(saved, theme.dim));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// The linking network of the linked-ratings model (contract 6.7): how far
/// it can tell a rater's severity from their people's strength.
pub(super) fn linking<'a>(app: &App) -> Vec<Line<'a>> {
    let theme = &app.theme;
    let lang = app.lang;
    let Some(model) = &app.linked else {
        let text = if app.linking {
            t(lang, Ui::LinkingSummary).to_string()
        } else {
            format!(" {}", t(lang, Ui::LinkedFailed))
        };
        return vec![Line::styled(text, theme.dim)];
    };
    let raters = app.session.input.raters.len();
    let linked: usize = model.components.iter().map(|c| c.raters).sum();
    let largest = model.components.iter().max_by_key(|c| c.raters);
    let largest = largest.map_or(String::new(), |c| {
        fill(
            lang,
            Ui::LinkedLargest,
            &[
                ("raters", &c.raters.to_string()),
                ("people", &c.employees.to_string()),
            ],
        )
    });
    let mut lines = vec![Line::styled(
        fill(
            lang,
            Ui::LinkedNetwork,
            &[
                ("linked", &linked.to_string()),
                ("raters", &raters.to_string()),
                (
                    "parts",
                    &plural(lang, model.components.len(), Ui::PartsOne, Ui::PartsMany),
                ),
                ("largest", &largest),
            ],
        ),
        theme.base,
    )];
    if linked * 2 < raters {
        lines.push(Line::styled(
            fill(
                lang,
                Ui::MostUnlinked,
                &[
                    ("unlinked", &model.unlinked_raters.to_string()),
                    ("raters", &raters.to_string()),
                ],
            ),
            theme.warn,
        ));
    }
    lines
}
