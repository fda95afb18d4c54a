//! Screen 5: what the committee should discuss, most urgent first, with
//! progress; `d` marks the selected item discussed (with a note).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Widget};

use super::words;
use crate::engine::agenda::Entry;
use crate::i18n::{Shell, fill, t};
use crate::text;
use crate::tui::app::App;
use crate::tui::view::Hit;
use crate::tui::view::lists::item_hit;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
    // The selected item's reasons in full below the list, where the
    // column cuts them.
    let detail_rows = if area.height >= 14 { 3 } else { 0 };
    let [head, list, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(detail_rows),
    ])
    .areas(area);
    let view = &app.agenda;
    let total = view.entries.len();
    let done = view.discussed(&app.session);
    let scope = app
        .focus()
        .map_or(t(lang, Shell::AgendaCompany).to_string(), |g| {
            text::safe(&app.session.input.groups[g].id).into_owned()
        });
    let bar_width = 20usize;
    let filled = (done * bar_width).checked_div(total).unwrap_or(0);
    let bar = format!("{}{}", "█".repeat(filled), "·".repeat(bar_width - filled));
    Paragraph::new(vec![
        Line::from(vec![
            Span::styled(
                fill(lang, Shell::AgendaFor, &[("scope", &scope)]),
                theme.title,
            ),
            Span::styled(
                fill(
                    lang,
                    Shell::AgendaProgress,
                    &[("done", &done.to_string()), ("total", &total.to_string())],
                ),
                theme.header,
            ),
            Span::styled(bar, theme.good),
        ]),
        Line::styled(t(lang, Shell::AgendaLegend), theme.dim),
    ])
    .render(head, buf);
    if total == 0 {
        Paragraph::new(Line::styled(t(lang, Shell::AgendaNothing), theme.dim)).render(list, buf);
        return;
    }
    let page = usize::from(list.height.saturating_sub(1)).max(1);
    let cursor = view.cursor;
    let offset = cursor
        .offset
        .min(cursor.selected)
        .max((cursor.selected + 1).saturating_sub(page));
    let input = &app.session.input;
    let rows = view
        .entries
        .iter()
        .enumerate()
        .skip(offset)
        .take(page)
        .map(|(i, entry)| {
            let note = app.session.state().discussed.get(&entry.item);
            let mark = if note.is_some() { "✓" } else { "·" };
            let (kind, who) = match item_hit(&app.session, &entry.item) {
                Some(Hit::Rater(r)) => (
                    t(lang, Shell::FindKindRater),
                    format!(
                        "{} {}",
                        text::safe(&input.raters[r].id),
                        name(app, Hit::Rater(r))
                    ),
                ),
                Some(Hit::Employee(e)) => (
                    t(lang, Shell::FindKindPerson),
                    format!(
                        "{} {}",
                        text::safe(&input.employees[e].id),
                        name(app, Hit::Employee(e))
                    ),
                ),
                _ => (
                    t(lang, Shell::FindKindGroup),
                    text::safe(entry.item.id()).into_owned(),
                ),
            };
            let why = why(app, entry);
            let row = Row::new(vec![
                Cell::from(mark).style(theme.in_row(i == cursor.selected, theme.good)),
                Cell::from(format!("{}", i + 1)),
                Cell::from(kind),
                Cell::from(who),
                Cell::from(why),
            ]);
            if i == cursor.selected {
                row.style(theme.selected)
            } else if note.is_some() {
                row.style(theme.dim)
            } else {
                row
            }
        });
    let who_width = if area.width >= 140 { 30 } else { 20 };
    Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Length(4),
            Constraint::Length(6),
            Constraint::Length(who_width),
            Constraint::Fill(1),
        ],
    )
    .header(
        Row::new([
            "",
            "#",
            t(lang, Shell::AgendaKind),
            t(lang, Shell::AgendaWho),
            t(lang, Shell::AgendaWhy),
        ])
        .style(theme.header),
    )
    .column_spacing(1)
    .render(list, buf);
    if let Some(entry) = view.entries.get(cursor.selected) {
        let what = format!(" {}: {}", cursor.selected + 1, why(app, entry));
        let lines: Vec<Line> = text::wrap(&what, usize::from(detail.width))
            .into_iter()
            .map(|line| Line::styled(line, theme.base))
            .collect();
        Paragraph::new(lines).render(detail, buf);
    }
}

/// Why an item is on the agenda, with what was done about it and its
/// note (free text hidden in privacy mode).
fn why(app: &App, entry: &Entry) -> String {
    let lang = app.lang;
    let input = &app.session.input;
    let mut why: Vec<String> = entry
        .reasons
        .iter()
        .map(|r| words::reason(app.lang, input, r))
        .collect();
    // A flagged rater already corrected says so.
    if let Some(Hit::Rater(r)) = item_hit(&app.session, &entry.item) {
        let transform = app.session.state().transforms[r];
        if transform != crate::engine::transform::Transform::None {
            why.push(fill(
                lang,
                Shell::AgendaCorrected,
                &[("transform", &words::transform(lang, &transform))],
            ));
        }
    }
    let why = why.join(t(lang, Shell::ReasonsJoin));
    let note = app.session.state().discussed.get(&entry.item);
    match note.and_then(|n| n.as_deref()) {
        // Free text is hidden in privacy mode.
        Some(note) if !app.privacy => fill(
            lang,
            Shell::AgendaNote,
            &[("why", &why), ("note", &text::safe(note))],
        ),
        _ => why,
    }
}

/// A rater's or person's name, or nothing in privacy mode (the id is
/// already shown).
fn name(app: &App, hit: Hit) -> String {
    if app.privacy {
        return String::new();
    }
    match hit {
        Hit::Rater(r) => app.rater_name(r).into_owned(),
        Hit::Employee(e) => app.employee_name(e).into_owned(),
        _ => String::new(),
    }
}
