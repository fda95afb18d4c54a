//! Screen 6: every warning the engine has (within the focus), filtered by
//! what `/` types; Enter goes to what a warning is about.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::engine::warnings;
use crate::i18n::{Report, fill, t};
use crate::text;
use crate::tui::app::App;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let view = &app.warnings;
    let strict = view.all.iter().filter(|w| w.fails_strict()).count();
    let filter = if view.filter.is_empty() {
        String::new()
    } else {
        fill(
            lang,
            Report::ListMatching,
            &[("filter", &text::safe(&view.filter))],
        )
    };
    let (all, strict, shown) = (
        view.all.len().to_string(),
        strict.to_string(),
        view.rows.len().to_string(),
    );
    Line::from(vec![
        Span::styled(
            fill(lang, Report::ListHead, &[("n", &all), ("strict", &strict)]),
            theme.title,
        ),
        Span::styled(
            fill(
                lang,
                Report::ListShown,
                &[("shown", &shown), ("filter", &filter)],
            ),
            theme.dim,
        ),
    ])
    .render(head, buf);
    let page = usize::from(list.height).max(1);
    let cursor = view.cursor;
    let offset = cursor
        .offset
        .min(cursor.selected)
        .max((cursor.selected + 1).saturating_sub(page));
    let session = &app.session;
    let width = usize::from(list.width);
    let lines: Vec<Line> = view
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(page)
        .map(|(i, &w)| {
            let warning = &view.all[w];
            let said = warnings::describe_in(
                warning,
                &session.input,
                session.state(),
                session.results(),
                lang,
            );
            let place = said
                .location
                .as_ref()
                .map_or(String::new(), |l| format!("{l} "));
            let mark = if warning.fails_strict() { "✘" } else { "⚠" };
            // Messages name people: privacy mode says only what and whose id.
            let message = if app.privacy {
                super::words::private_warning(lang, &session.input, warning)
            } else {
                format!("{place}{}", text::safe(&said.message))
            };
            let line = text::truncate(&format!(" {mark} {message}"), width);
            let style = if i == cursor.selected {
                theme.selected
            } else if warning.fails_strict() {
                theme.bad
            } else {
                theme.base
            };
            Line::styled(line, style)
        })
        .collect();
    if lines.is_empty() {
        Paragraph::new(Line::styled(t(lang, Report::ListEmpty), theme.dim)).render(list, buf);
    } else {
        Paragraph::new(lines).render(list, buf);
    }
}
