//! Screen 4: the record of every decision, newest first, with when, who,
//! what it changed and why.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Row, Table, Widget};

use crate::text;
use crate::tui::app::App;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let decisions = app.session.decisions();
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            format!(
                " Decisions: {} on the record, newest first (u undo · x revoke · r reason) ",
                decisions.len()
            ),
            theme.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    if decisions.is_empty() {
        Span::styled(
            " No decisions yet. Adjust a rater (screen 1), a department grade (2) or a person (3).",
            theme.dim,
        )
        .render(inner, buf);
        return;
    }
    let visible = usize::from(inner.height.saturating_sub(1));
    let offset = app
        .decisions
        .selected
        .saturating_sub(visible.saturating_sub(1));
    let header = Row::new(["#", "time", "by", "decision", "moved", "reason"]).style(theme.header);
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
                    format!("batch #{}", n.batch_start.map_or(0, |s| s + 1))
                }
                Some(n) => {
                    let moved = n.moved.len();
                    format!("{moved} grade{}", if moved == 1 { "" } else { "s" })
                }
                None => String::new(),
            };
            let row = Row::new(vec![
                Cell::from((i + 1).to_string()),
                Cell::from(time),
                Cell::from(text::safe(decision.by.as_deref().unwrap_or_default()).into_owned()),
                Cell::from(match decision.revokes {
                    Some(n) => format!("{} ↶#{n}", text::safe(&decision.change.to_string())),
                    None => text::safe(&decision.change.to_string()).into_owned(),
                }),
                Cell::from(moved_cell),
                Cell::from(
                    decision
                        .reason
                        .as_deref()
                        .map_or_else(|| "—".into(), |r| text::safe(r).into_owned()),
                ),
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
        Constraint::Length(28),
        Constraint::Length(9),
        Constraint::Min(10),
    ];
    Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .render(inner, buf);
}
