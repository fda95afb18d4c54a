//! Rendering: a pure function of the [`App`]. Only visible rows are built.

mod agenda;
mod bonus;
mod decisions;
mod employees;
mod fairness;
mod groups;
mod network;
mod overlay;
mod panel;
mod raters;
pub mod stale;
mod summary;
mod warnings;
pub(in crate::tui) mod words;

pub use employees::flag_text;
pub use raters::grid as raters_grid;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Mode, Screen, Tone};
use super::keys;
use crate::i18n::{Shell, fill, plural, t};
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
            let text = fill(
                self.lang,
                Shell::TooSmall,
                &[
                    ("needs", &format!("{MIN_WIDTH}×{MIN_HEIGHT}")),
                    ("is", &format!("{}×{}", area.width, area.height)),
                ],
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
            Screen::Agenda => agenda::render(self, body, buf),
            Screen::Warnings => warnings::render(self, body, buf),
            Screen::Summary => summary::render(self, body, buf),
            Screen::Fairness => fairness::render(self, body, buf),
        }
        render_message(self, message, buf);
        render_status(self, status, buf);
        match &self.mode {
            Mode::Help => overlay::help(self, body, buf),
            Mode::Prompt(prompt) => overlay::prompt(self, prompt, body, buf),
            Mode::Panel(p) => panel::render(self, p, body, buf),
            Mode::Quitting => overlay::quitting(self, body, buf),
            Mode::Normal => {}
        }
    }
}

fn render_tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
    let width = usize::from(area.width);
    // What is in focus is always said, first after the name.
    let focus = match app.focus() {
        Some(g) => format!(" ◎ {} ", text::safe(&app.session.input.groups[g].id)),
        None => format!(" ◎ {} ", t(lang, Shell::FocusAll)),
    };
    let privacy = if app.privacy {
        t(lang, Shell::PrivacyOn)
    } else {
        ""
    };
    // Full titles, then short ones, then three letters for the inactive
    // tabs, then their numbers alone. Only the active tab is padded on
    // both sides (it has a background).
    let tabs = |form: u8| -> Vec<(String, bool)> {
        Screen::ALL
            .iter()
            .enumerate()
            .map(|(i, &screen)| {
                let active = screen == app.screen;
                let n = i + 1;
                let title = match form {
                    0 => screen.title(lang),
                    1 => screen.short_title(lang),
                    _ if active => screen.short_title(lang),
                    2 => screen.tiny_title(lang),
                    _ => "",
                };
                let label = match (active, title.is_empty()) {
                    (true, _) => format!(" {n} {title} "),
                    (false, true) => format!(" {n}"),
                    (false, false) => format!(" {n} {title}"),
                };
                (label, active)
            })
            .collect()
    };
    let brand = " calibra ";
    let fixed = text::width(brand) + text::width(&focus) + text::width(privacy);
    let mut chosen = tabs(3);
    for form in 0..3 {
        let candidate = tabs(form);
        let used: usize = candidate.iter().map(|(l, _)| text::width(l) + 1).sum();
        if fixed + used <= width {
            chosen = candidate;
            break;
        }
    }
    let mut spans = vec![
        Span::styled(brand, theme.title),
        Span::styled(
            focus,
            if app.focus().is_some() {
                theme.warn
            } else {
                theme.dim
            },
        ),
    ];
    for (label, active) in chosen {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            label,
            if active { theme.tab_active } else { theme.tab },
        ));
    }
    if app.privacy {
        spans.push(Span::styled(privacy, theme.warn));
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
    let lang = app.lang;
    buf.set_style(area, theme.status);
    // Where the session is saved: its file's name.
    let saved = app.origin.session_path.as_ref().map_or_else(
        || t(lang, Shell::StatusNowhere).to_string(),
        |p| {
            let file = p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            fill(lang, Shell::StatusSavedIn, &[("file", &file)])
        },
    );
    let decisions = app.session.decisions().len();
    // A failed save stays in sight until a save succeeds.
    let unsaved = if app.unsaved.is_some() {
        t(lang, Shell::StatusUnsaved)
    } else {
        ""
    };
    let warnings = app.warning_count();
    // Most important first; what does not fit is left out whole.
    let mut pieces = Vec::new();
    if let Some(signed) = app.session.signed_off() {
        pieces.push(fill(
            lang,
            Shell::StatusSignedOff,
            &[("by", &text::safe(&signed.by))],
        ));
    }
    pieces.push(plural(
        lang,
        decisions,
        Shell::StatusDecision,
        Shell::StatusDecisions,
    ));
    pieces.push(plural(
        lang,
        warnings,
        Shell::StatusWarning,
        Shell::StatusWarnings,
    ));
    let unsaved = text::truncate(unsaved, usize::from(area.width));
    let width = usize::from(area.width).saturating_sub(text::width(&unsaved));
    let help_room = keys::hints(lang, app.screen)
        .last()
        .map_or(0, |(k, w)| text::width(k) + text::width(w) + 4);
    let mut left = flow(" ", &pieces, width.saturating_sub(help_room + 1), 1)
        .into_iter()
        .next()
        .unwrap_or_default()
        + " ";
    let mut used = text::width(&left);
    let mut spans = vec![
        Span::styled(unsaved, theme.bad),
        Span::styled(left.clone(), theme.status),
    ];
    // Hints fill what is left, most useful first; help is always offered.
    let hints = keys::hints(lang, app.screen);
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
    // Where the session is saved, when there is room after the hints.
    if used + hint_width + text::width(&saved) <= width {
        left.push_str(&saved);
        used += text::width(&saved);
        spans[1] = Span::styled(left, theme.status);
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

/// Clears `area` for an overlay. A wide character just left of it (a
/// Chinese word of the screen below) would otherwise still cover the
/// overlay's first column: the terminal draws both its halves, and ratatui
/// skips the cell it covers, so the overlay's border vanished there.
pub(super) fn clear(area: Rect, buf: &mut Buffer) {
    ratatui::widgets::Clear.render(area, buf);
    if area.x == 0 {
        return;
    }
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((area.x - 1, y))
            && text::width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// Pieces of text joined by " · " onto at most `rows` lines of `width`
/// columns, breaking only between pieces; the first line starts with
/// `head`, later ones are indented to match. What does not fit is dropped
/// from the end, so nothing is ever cut mid-word.
pub fn flow(head: &str, pieces: &[String], width: usize, rows: usize) -> Vec<String> {
    let indent = " ".repeat(text::width(head).min(3));
    let mut lines: Vec<String> = vec![head.to_string()];
    let mut fresh = true;
    for piece in pieces {
        let Some(line) = lines.last_mut() else {
            break;
        };
        let sep = if fresh { "" } else { " · " };
        if text::width(line) + text::width(sep) + text::width(piece) <= width {
            line.push_str(sep);
            line.push_str(piece);
            fresh = false;
            continue;
        }
        if lines.len() == rows {
            break;
        }
        let next = format!("{indent}{piece}");
        lines.push(text::truncate(&next, width));
        fresh = false;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An overlay whose left edge falls on the second half of a Chinese
    /// character: the character goes, so that the border shows.
    #[test]
    fn an_overlay_clears_the_wide_character_that_would_cover_its_edge() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 2));
        buf.set_string(0, 0, "全體評分（參考）", ratatui::style::Style::default());
        buf.set_string(0, 1, "ab評分", ratatui::style::Style::default());
        // Before: 評 at column 4 reaches into column 5.
        clear(Rect::new(5, 0, 5, 2), &mut buf);
        let symbols = |y: u16| (0..12).map(|x| buf[(x, y)].symbol()).collect::<Vec<_>>();
        // 評 sat at columns 4–5, half under the overlay: it is gone. 全 and
        // 體 left of it stay, 參 right of it stays, and the overlay is blank.
        assert_eq!(
            symbols(0),
            [
                "全", " ", "體", " ", " ", " ", " ", " ", " ", " ", "參", " "
            ]
        );
        // Narrow characters and wide ones wholly left of the overlay stay.
        assert_eq!(&symbols(1)[..4], ["a", "b", "評", " "]);
    }
}
