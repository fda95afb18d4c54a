//! Rendering: a pure function of the [`App`]. Only visible rows are built.

mod decisions;
mod employees;
mod groups;
mod overlay;
mod raters;
pub mod stale;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Mode, Screen, Tone};
use super::keys;
use crate::text;

/// Below this the layout cannot work; a short message is shown instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// Rows taken by the tab bar, the message line and the status line.
pub const CHROME_ROWS: u16 = 3;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        buf.set_style(area, theme.base);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let text = format!(
                "Enlarge the window: calibra needs {MIN_WIDTH}×{MIN_HEIGHT}, this is {}×{}.",
                area.width, area.height
            );
            Paragraph::new(text)
                .style(theme.warn)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let [tabs, body, message, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        render_tabs(self, tabs, buf);
        match self.screen {
            Screen::Raters => raters::render(self, body, buf),
            Screen::Groups => groups::render(self, body, buf),
            Screen::Employees => employees::render(self, body, buf),
            Screen::Decisions => decisions::render(self, body, buf),
        }
        render_message(self, message, buf);
        render_status(self, status, buf);
        match &self.mode {
            Mode::Help => overlay::help(self, body, buf),
            Mode::Prompt(prompt) => overlay::prompt(self, prompt, body, buf),
            Mode::Quitting => overlay::quitting(self, body, buf),
            Mode::Normal => {}
        }
    }
}

fn render_tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let mut spans = vec![
        Span::styled(" calibra ", theme.title),
        Span::styled(
            format!("{} ", text::safe(&app.session.input.policy.cycle)),
            theme.dim,
        ),
    ];
    for (i, screen) in Screen::ALL.iter().enumerate() {
        let style = if *screen == app.screen {
            theme.tab_active
        } else {
            theme.tab
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            format!(" {} {} ", i + 1, screen.title()),
            style,
        ));
    }
    if app.privacy {
        spans.push(Span::styled("  ◐ privacy: ids only", theme.warn));
    }
    Line::from(spans).render(area, buf);
}

fn render_message(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let line = match (&app.message, &app.notice) {
        (Some((text, tone)), _) => {
            let (mark, style) = match tone {
                Tone::Info => ("ℹ", theme.base),
                Tone::Success => ("✔", theme.good),
                Tone::Error => ("✘", theme.bad),
            };
            Line::from(Span::styled(format!(" {mark} {text}"), style))
        }
        (None, Some(notice)) => Line::from(Span::styled(format!(" ℹ {notice}"), theme.warn)),
        (None, None) => Line::default(),
    };
    line.render(area, buf);
}

fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    buf.set_style(area, theme.status);
    let file = app.origin.session_path.as_ref().map_or_else(
        || "not saved".to_string(),
        |p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        },
    );
    let decisions = app.session.decisions().len();
    // A failed save stays in sight until a save succeeds.
    let unsaved = if app.unsaved.is_some() {
        " ⚠ NOT SAVED "
    } else {
        ""
    };
    let warnings = app.warning_count();
    let signed = app.session.signed_off().map_or_else(String::new, |s| {
        format!("SIGNED OFF by {} · ", text::safe(&s.by))
    });
    let left = format!(
        " {signed}{} · {file} · {decisions} decision{} · {} warning{} ",
        app.origin.input,
        if decisions == 1 { "" } else { "s" },
        warnings,
        if warnings == 1 { "" } else { "s" },
    );
    let unsaved = text::truncate(unsaved, usize::from(area.width));
    let width = usize::from(area.width).saturating_sub(text::width(&unsaved));
    let left = text::truncate(&left, width);
    let mut used = text::width(&left);
    let mut spans = vec![
        Span::styled(unsaved, theme.bad),
        Span::styled(left, theme.status),
    ];
    // Hints fill what is left, most useful first; help is always offered.
    let hints = keys::hints(app.screen);
    let help = hints.last().copied();
    let cost = |(key, what): (&str, &str)| text::width(key) + text::width(what) + 4;
    let reserve = help.map_or(0, cost);
    let mut hint_spans = Vec::new();
    let mut hint_width = 0;
    for &hint in &hints[..hints.len().saturating_sub(1)] {
        if used + hint_width + cost(hint) + reserve > width {
            break;
        }
        hint_width += cost(hint);
        hint_spans.push(hint);
    }
    if let Some(help) = help.filter(|&h| used + hint_width + cost(h) <= width) {
        hint_width += cost(help);
        hint_spans.push(help);
    }
    let fill = width.saturating_sub(used + hint_width);
    spans.push(Span::styled(" ".repeat(fill), theme.status));
    used += fill;
    let _ = used;
    for (key, what) in hint_spans {
        spans.push(Span::styled(format!(" {key} "), theme.key));
        spans.push(Span::styled(format!(" {what} "), theme.status));
    }
    Line::from(spans).render(area, buf);
}
