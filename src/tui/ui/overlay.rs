//! Popups over the screen: the key list and the prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};

use crate::i18n::{Lang, Shell, fill, t};
use crate::text;
use crate::tui::app::{App, Prompt, PromptKind, Screen};
use crate::tui::keys::BINDINGS;
use crate::tui::view::Hit;

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// Help lines: the current screen's keys, then the global ones.
pub fn help_lines(lang: Lang, screen: Screen) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for scope in [Some(screen), None] {
        for binding in BINDINGS.iter().filter(|b| b.screen == scope) {
            if let Some(help) = binding.help {
                out.push((binding.label.to_string(), t(lang, help)));
            }
        }
    }
    out
}

pub fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
    let entries = help_lines(lang, app.screen);
    let height = (entries.len() as u16 + 3).min(area.height);
    let popup = centered(area, 78, height);
    super::clear(popup, buf);
    let room = usize::from(height.saturating_sub(3));
    let scroll = app.help_scroll.min(entries.len().saturating_sub(room));
    let more = if entries.len() > room {
        fill(
            lang,
            Shell::HelpMore,
            &[
                ("from", &(scroll + 1).to_string()),
                ("to", &(scroll + room).min(entries.len()).to_string()),
                ("of", &entries.len().to_string()),
            ],
        )
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border_selected)
        .title(Span::styled(
            fill(
                lang,
                Shell::HelpTitle,
                &[("screen", app.screen.title(lang))],
            ),
            theme.title,
        ))
        .title_bottom(Span::styled(more, theme.dim));
    let mut lines = Vec::new();
    for (label, what) in entries.into_iter().skip(scroll).take(room) {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", text::pad_right(&label, 14)), theme.header),
            Span::raw(what),
        ]));
    }
    lines.push(Line::styled(t(lang, Shell::HelpSaved), theme.dim));
    Paragraph::new(lines)
        .style(theme.base)
        .block(block)
        .render(popup, buf);
}

/// One hit of the find prompt, in words: its kind in a column, its id,
/// its name and what tells it apart.
fn hit_line(app: &App, hit: Hit) -> String {
    let lang = app.lang;
    let input = &app.session.input;
    let results = app.session.results();
    let name = |n: &str| {
        if app.privacy {
            String::new()
        } else {
            format!(" {}", text::safe(n))
        }
    };
    let kind = text::pad_right(t(lang, hit.kind()), 7);
    match hit {
        Hit::Rater(r) => {
            let rater = &input.raters[r];
            let figures = app.bias_of(r).map_or_else(
                || format!(" · {}", t(lang, Shell::FindNoRatings)),
                |b| {
                    format!(
                        " · n{}{}",
                        b.summary.n,
                        b.mean_diff.map_or(String::new(), |d| format!(" Δ{d:+.1}"))
                    )
                },
            );
            format!(
                "{kind}{}{}{figures}",
                text::safe(&rater.id),
                name(&rater.name)
            )
        }
        Hit::Group(g) => format!(
            "{kind}{} · {}",
            text::safe(&input.groups[g].id),
            fill(
                lang,
                Shell::FindGraded,
                &[("n", &results.groups[g].headcount.to_string())]
            )
        ),
        Hit::Department(d) => {
            let department = &input.departments[d];
            format!(
                "{kind}{}{} · {}",
                text::safe(&department.id),
                name(&department.name),
                fill(
                    lang,
                    Shell::FindInGroup,
                    &[("group", &text::safe(&input.groups[department.group].id))]
                )
            )
        }
        Hit::Employee(e) => {
            let employee = &input.employees[e];
            let grade = results.employees[e]
                .grade
                .map_or(t(lang, Shell::FindUnrated), |g| {
                    input.policy.grades[usize::from(g)].id.as_str()
                });
            format!(
                "{kind}{}{} · {} · {grade}",
                text::safe(&employee.id),
                name(&employee.name),
                text::safe(&input.departments[employee.department].id)
            )
        }
    }
}

pub fn prompt(app: &App, prompt: &Prompt, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let finding = prompt.kind == PromptKind::Find && !prompt.text.trim().is_empty();
    let shown_hits = if finding {
        usize::from(area.height.saturating_sub(8))
            .min(app.find.hits.len())
            .min(12)
    } else {
        0
    };
    let extra = if finding { shown_hits as u16 + 1 } else { 0 };
    let popup = centered(area, area.width.saturating_sub(4).min(90), 6 + extra);
    super::clear(popup, buf);
    let lang = app.lang;
    let footer = match prompt.kind {
        PromptKind::Export { format } => fill(
            lang,
            Shell::FooterExport,
            &[
                ("format", format.name(lang)),
                ("next", format.next().name(lang)),
            ],
        ),
        PromptKind::Find => match app.screen {
            Screen::Employees | Screen::Warnings => t(lang, Shell::FooterFindFilter).into(),
            _ => t(lang, Shell::FooterFind).into(),
        },
        PromptKind::Refused => t(lang, Shell::FooterRefused).into(),
        PromptKind::ProposeAll(_) => t(lang, Shell::FooterProposeAll).into(),
        PromptKind::Propose(_) => t(lang, Shell::FooterPropose).into(),
        _ => t(lang, Shell::FooterConfirm).into(),
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.border_selected)
        .title(Span::styled(format!(" {} ", prompt.question), theme.title));
    let room = usize::from(popup.width.saturating_sub(4));
    let mut lines = vec![Line::from(vec![Span::styled(
        format!(" {}▏", crate::text::tail(&prompt.text, room)),
        theme.prompt,
    )])];
    if finding {
        let find = &app.find;
        let total = find.total.to_string();
        let found = if find.total > shown_hits {
            fill(
                lang,
                Shell::FindFoundBest,
                &[("n", &total), ("shown", &shown_hits.to_string())],
            )
        } else {
            fill(lang, Shell::FindFound, &[("n", &total)])
        };
        lines.push(Line::styled(format!(" {found}"), theme.dim));
        // The list screens filter instead until a hit is chosen.
        let lists = matches!(app.screen, Screen::Employees | Screen::Warnings);
        let chosen = find.chosen.or((!lists).then_some(0));
        let first = chosen.map_or(0, |c| (c + 1).saturating_sub(shown_hits));
        for (i, &hit) in find.hits.iter().enumerate().skip(first).take(shown_hits) {
            let line = text::truncate(&format!(" {}", hit_line(app, hit)), room + 2);
            lines.push(if Some(i) == chosen {
                Line::styled(format!("▶{line}"), theme.selected)
            } else {
                Line::raw(format!(" {line}"))
            });
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(format!(" {footer}"), theme.dim));
    Paragraph::new(lines)
        .style(theme.base)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(popup, buf);
}

/// Quit was asked for while decisions are not saved.
pub fn quitting(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
    let popup = centered(area, area.width.saturating_sub(4).min(90), 8);
    super::clear(popup, buf);
    let n = app.session.decisions().len();
    let why = app.unsaved.as_deref().unwrap_or("");
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.bad)
        .title(Span::styled(t(lang, Shell::QuitTitle), theme.bad));
    let lost = if n == 1 {
        Shell::QuitLosesOne
    } else {
        Shell::QuitLosesMany
    };
    let lines = vec![
        Line::from(fill(lang, lost, &[("why", why), ("n", &n.to_string())])),
        Line::default(),
        Line::from(vec![
            Span::styled(" r ", theme.key),
            Span::raw(t(lang, Shell::QuitRetry)),
            Span::styled(" s ", theme.key),
            Span::raw(t(lang, Shell::QuitSaveElsewhere)),
            Span::styled(" Q ", theme.key),
            Span::raw(t(lang, Shell::QuitAnyway)),
            Span::styled(" Esc ", theme.key),
            Span::raw(t(lang, Shell::QuitStay)),
        ]),
    ];
    Paragraph::new(lines)
        .style(theme.base)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(popup, buf);
}
