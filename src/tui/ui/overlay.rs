//! Popups over the screen: the key list and the prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

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

/// Help lines: global keys, then the current screen's.
pub fn help_lines(screen: Screen) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for scope in [Some(screen), None] {
        for binding in BINDINGS
            .iter()
            .filter(|b| b.screen == scope && !b.help.is_empty())
        {
            out.push((binding.label.to_string(), binding.help));
        }
    }
    out
}

pub fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let entries = help_lines(app.screen);
    let height = (entries.len() as u16 + 3).min(area.height);
    let popup = centered(area, 78, height);
    Clear.render(popup, buf);
    let room = usize::from(height.saturating_sub(3));
    let scroll = app.help_scroll.min(entries.len().saturating_sub(room));
    let more = if entries.len() > room {
        format!(
            " ↑↓ more: {}–{} of {} ",
            scroll + 1,
            (scroll + room).min(entries.len()),
            entries.len()
        )
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border_selected)
        .title(Span::styled(
            format!(" Keys: {} (any other key closes) ", app.screen.title()),
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
    lines.push(Line::styled(
        " Every decision is saved the moment it is made.",
        theme.dim,
    ));
    Paragraph::new(lines)
        .style(theme.base)
        .block(block)
        .render(popup, buf);
}

/// One hit of the find prompt, in words.
fn hit_line(app: &App, hit: Hit) -> String {
    let input = &app.session.input;
    let results = app.session.results();
    let name = |n: &str| {
        if app.privacy {
            String::new()
        } else {
            format!(" {}", text::safe(n))
        }
    };
    match hit {
        Hit::Rater(r) => {
            let rater = &input.raters[r];
            let figures = app.bias_of(r).map_or(" · no ratings".to_string(), |b| {
                format!(
                    " · n{}{}",
                    b.summary.n,
                    b.mean_diff.map_or(String::new(), |d| format!(" Δ{d:+.1}"))
                )
            });
            format!(
                "rater  {}{}{figures}",
                text::safe(&rater.id),
                name(&rater.name)
            )
        }
        Hit::Group(g) => format!(
            "group  {} · {} graded",
            text::safe(&input.groups[g].id),
            results.groups[g].headcount
        ),
        Hit::Department(d) => {
            let department = &input.departments[d];
            format!(
                "dept   {}{} · in {}",
                text::safe(&department.id),
                name(&department.name),
                text::safe(&input.groups[department.group].id)
            )
        }
        Hit::Employee(e) => {
            let employee = &input.employees[e];
            let grade = results.employees[e].grade.map_or("unrated", |g| {
                input.policy.grades[usize::from(g)].id.as_str()
            });
            format!(
                "person {}{} · {} · {grade}",
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
    Clear.render(popup, buf);
    let footer = match prompt.kind {
        PromptKind::Export { format } => format!(
            "Enter: write {} · Tab: switch to {} · Esc: cancel",
            format.name(),
            format.next().name()
        ),
        PromptKind::Find => match app.screen {
            Screen::Employees | Screen::Warnings => {
                "Enter: keep the filter · ↑↓ then Enter: go to a hit · Esc: clear".into()
            }
            _ => "Enter: go to the best hit · ↑↓: choose · Esc: cancel".into(),
        },
        PromptKind::Refused => "Enter or Esc: close".into(),
        PromptKind::ProposeAll(_) => {
            "Enter: make them, as one batch (one u undoes it) · Esc: decline".into()
        }
        PromptKind::Propose(_) => {
            "Enter: accept with this reason (edit it first if you like) · Esc: decline".into()
        }
        _ => "Enter: confirm · Esc: cancel".into(),
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
        lines.push(Line::styled(
            format!(
                " {} found{}",
                find.total,
                if find.total > shown_hits {
                    format!(", best {shown_hits} shown")
                } else {
                    String::new()
                }
            ),
            theme.dim,
        ));
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
    let popup = centered(area, area.width.saturating_sub(4).min(90), 8);
    Clear.render(popup, buf);
    let n = app.session.decisions().len();
    let why = app.unsaved.as_deref().unwrap_or("");
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.bad)
        .title(Span::styled(" ⚠ Decisions are NOT SAVED ", theme.bad));
    let lines = vec![
        Line::from(format!(
            " The last save failed ({why}). Quitting now loses what is not on disk of the {n} decision{} on the record.",
            if n == 1 { "" } else { "s" }
        )),
        Line::default(),
        Line::from(vec![
            Span::styled(" r ", theme.key),
            Span::raw(" try the save again   "),
            Span::styled(" s ", theme.key),
            Span::raw(" save to another file   "),
            Span::styled(" Q ", theme.key),
            Span::raw(" quit and lose them   "),
            Span::styled(" Esc ", theme.key),
            Span::raw(" stay"),
        ]),
    ];
    Paragraph::new(lines)
        .style(theme.base)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(popup, buf);
}
