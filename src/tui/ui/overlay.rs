//! Popups over the screen: the key list and the prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::text;
use crate::tui::app::{App, Prompt, PromptKind, Screen};
use crate::tui::keys::BINDINGS;

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
    let height = (entries.len() as u16 + 4).min(area.height);
    let popup = centered(area, 78, height);
    Clear.render(popup, buf);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border_selected)
        .title(Span::styled(
            format!(" Keys: {} (any key closes) ", app.screen.title()),
            theme.title,
        ));
    let mut lines = Vec::new();
    for (label, what) in entries {
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

pub fn prompt(app: &App, prompt: &Prompt, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let popup = centered(area, area.width.saturating_sub(4).min(90), 6);
    Clear.render(popup, buf);
    let footer = match prompt.kind {
        PromptKind::Export { json } => format!(
            "Enter: write {} · Tab: switch to {} · Esc: cancel",
            if json { "JSON" } else { "CSV" },
            if json { "CSV" } else { "JSON" }
        ),
        PromptKind::Filter => "Enter: keep the filter · Esc: clear it".into(),
        PromptKind::Refused => "Enter or Esc: close".into(),
        _ => "Enter: confirm · Esc: cancel".into(),
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.border_selected)
        .title(Span::styled(format!(" {} ", prompt.question), theme.title));
    let room = usize::from(popup.width.saturating_sub(4));
    let lines = vec![
        Line::from(vec![Span::styled(
            format!(" {}▏", crate::text::tail(&prompt.text, room)),
            theme.prompt,
        )]),
        Line::default(),
        Line::styled(format!(" {footer}"), theme.dim),
    ];
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
