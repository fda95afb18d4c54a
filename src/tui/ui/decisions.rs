//! Screen 4: the record of every decision, newest first, with when, who,
//! what it changed and why.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Widget};

use crate::i18n::{Shell, fill, plural, t};
use crate::text;
use crate::tui::app::App;
use crate::tui::ui::words;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
    let decisions = app.session.decisions();
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            fill(
                lang,
                Shell::RecordTitle,
                &[("n", &decisions.len().to_string())],
            ),
            theme.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    if decisions.is_empty() {
        Span::styled(t(lang, Shell::RecordEmpty), theme.dim).render(inner, buf);
        return;
    }
    // The selected decision in full below the table, where columns cut it.
    let detail_rows = if inner.height >= 12 { 3 } else { 0 };
    let [inner, detail] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(detail_rows)]).areas(inner);
    let visible = usize::from(inner.height.saturating_sub(1));
    let offset = app
        .decisions
        .selected
        .saturating_sub(visible.saturating_sub(1));
    let header = Row::new([
        "#",
        t(lang, Shell::RecordTime),
        t(lang, Shell::RecordBy),
        t(lang, Shell::RecordDecision),
        t(lang, Shell::RecordMoved),
        t(lang, Shell::RecordReason),
    ])
    .style(theme.header);
    let rows = (0..decisions.len())
        .rev()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(position, i)| {
            let decision = &decisions[i];
            let time = decision
                .at
                .as_deref()
                // The day and the time (UTC): a meeting can span days.
                .map(|at| match (at.get(5..10), at.get(11..16)) {
                    (Some(day), Some(time)) => format!("{day} {time}"),
                    _ => at.to_string(),
                })
                .unwrap_or_default();
            let note = app.session.note(i);
            let moved_cell = match note {
                Some(n) if n.batch_start.is_some_and(|start| start != i) => {
                    let start = n.batch_start.map_or(0, |s| s + 1);
                    fill(lang, Shell::RecordBatch, &[("start", &start.to_string())])
                }
                Some(n) => plural(lang, n.moved.len(), Shell::RecordGrade, Shell::RecordGrades),
                None => String::new(),
            };
            let row = Row::new(vec![
                Cell::from((i + 1).to_string()),
                Cell::from(time),
                Cell::from(text::safe(decision.by.as_deref().unwrap_or_default()).into_owned()),
                Cell::from(match decision.revokes {
                    Some(n) => format!("{} ↶#{n}", words::change(app.lang, &decision.change)),
                    None => words::change(app.lang, &decision.change),
                }),
                Cell::from(moved_cell),
                Cell::from(reason(app, decision.reason.as_deref())),
            ]);
            if position == app.decisions.selected {
                row.style(theme.selected)
            } else {
                row
            }
        });
    let widths = [
        Constraint::Length(3),
        Constraint::Length(11),
        Constraint::Length(10),
        Constraint::Length(if area.width >= 140 { 44 } else { 28 }),
        Constraint::Length(9),
        Constraint::Min(10),
    ];
    Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .render(inner, buf);
    let selected = decisions.len().checked_sub(app.decisions.selected + 1);
    if let Some(decision) = selected.and_then(|i| decisions.get(i).map(|d| (i, d))) {
        let (i, decision) = decision;
        let revokes = decision
            .revokes
            .map(|n| fill(lang, Shell::RecordRevokes, &[("n", &n.to_string())]))
            .unwrap_or_default();
        let head = format!(
            " #{} {}{revokes}",
            i + 1,
            words::change(app.lang, &decision.change)
        );
        let why = fill(
            lang,
            Shell::RecordReasonLine,
            &[("reason", &reason(app, decision.reason.as_deref()))],
        );
        let width = usize::from(detail.width);
        let lines: Vec<Line> = text::wrap(&head, width)
            .into_iter()
            .map(|line| Line::styled(line, theme.header))
            .chain(
                text::wrap(&why, width)
                    .into_iter()
                    .map(|line| Line::styled(line, theme.base)),
            )
            .collect();
        Paragraph::new(lines).render(detail, buf);
    }
}

/// A decision's reason as shown: free text is hidden in privacy mode.
fn reason(app: &App, reason: Option<&str>) -> String {
    match reason {
        None => "—".into(),
        Some(_) if app.privacy => t(app.lang, Shell::RecordHidden).into(),
        Some(r) => text::safe(r).into_owned(),
    }
}
