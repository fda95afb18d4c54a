//! Screen 2: per group the department grades, headcount, and per employee
//! grade the exact quota, the seats and the current count; violations and
//! boundary ties stand out. Beside it, who is at stake at each boundary.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Widget};

use crate::engine::calibrate::Flags;
use crate::engine::decision::Item;
use crate::i18n::{Ui, fill, t};
use crate::text;
use crate::tui::app::App;

/// Below this width the panels are stacked instead of side by side.
const WIDE: u16 = 120;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let grades = app.session.input.policy.grades.len() as u16;
    // Room for the notes under the table (carry-down, violations).
    let quota_height = grades + 5 + quota_notes(app, app.groups.selected).len() as u16;
    if area.width >= WIDE {
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
        render_list(app, list, buf);
        let [quotas, next] =
            Layout::vertical([Constraint::Length(quota_height), Constraint::Min(3)]).areas(detail);
        render_quotas(app, quotas, buf);
        render_next_in_line(app, next, buf);
    } else {
        let groups = if app.focus().is_some() {
            1
        } else {
            app.session.input.groups.len() as u16
        };
        let list_height = (groups + 3).clamp(4, (area.height / 3).max(4));
        let [list, quotas, next] = Layout::vertical([
            Constraint::Length(list_height),
            Constraint::Length(quota_height),
            Constraint::Min(3),
        ])
        .areas(area);
        render_list(app, list, buf);
        render_quotas(app, quotas, buf);
        render_next_in_line(app, next, buf);
    }
}

fn render_list(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
    let input = &app.session.input;
    let results = app.session.results();
    let grades = &input.policy.grades;
    // Borders and the header row take three rows.
    let visible = usize::from(area.height.saturating_sub(3));
    let offset = app
        .groups
        .selected
        .saturating_sub(visible.saturating_sub(1));
    let total = input.groups.len();
    // Which rows are shown, when not all fit: the list goes on below.
    let position = if app.focus().is_none() && total > visible && visible > 0 {
        fill(
            lang,
            Ui::GroupsPosition,
            &[
                ("from", &(offset + 1).to_string()),
                ("to", &(offset + visible).min(total).to_string()),
                ("total", &total.to_string()),
            ],
        )
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            fill(lang, Ui::GroupsTitle, &[("position", &position)]),
            theme.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);

    // The first columns: title and the width they have at the least.
    let columns = [
        (Ui::ColGroup, 10),
        (Ui::ColDepartmentGrade, 10),
        (Ui::ColHeadcount, 5),
    ];
    let mut header: Vec<Cell> = columns
        .iter()
        .map(|&(title, _)| Cell::from(t(lang, title)))
        .collect();
    header.extend(grades.iter().map(|g| Cell::from(g.id.clone())));
    header.push(Cell::from(""));
    // Focused on a group: that group only.
    let shown: Vec<usize> = match app.focus() {
        Some(g) => vec![g],
        None => (offset..input.groups.len()).take(visible).collect(),
    };
    let rows = shown.into_iter().map(|g| {
        let group = &input.groups[g];
        let result = &results.groups[g];
        let department_grades: Vec<&str> = group
            .departments
            .iter()
            .map(|&d| {
                input.policy.department_grades[app.session.state().department_grades[d]].as_str()
            })
            .collect();
        let mut cells = vec![
            Cell::from(if app.is_discussed(&Item::Group(group.id.clone())) {
                format!("✓{}", text::safe(&group.id))
            } else {
                text::safe(&group.id).into_owned()
            }),
            Cell::from(department_grades.join("+")),
            Cell::from(result.headcount.to_string()),
        ];
        for grade in 0..grades.len() {
            let violated = result.counts[grade] != result.filled[grade];
            let text = format!(
                "{}/{}{}",
                result.seats[grade],
                result.counts[grade],
                if violated { "⚠" } else { "" }
            );
            cells.push(Cell::from(text).style(theme.in_row(
                g == app.groups.selected,
                if violated { theme.bad } else { theme.base },
            )));
        }
        let ties = result
            .ranking
            .iter()
            .any(|&e| results.employees[e].flags.contains(Flags::BOUNDARY_TIE));
        cells.push(
            Cell::from(if ties { "≍" } else { "" })
                .style(theme.in_row(g == app.groups.selected, theme.warn)),
        );
        let row = Row::new(cells);
        if g == app.groups.selected {
            row.style(theme.selected)
        } else {
            row
        }
    });
    let mut widths: Vec<Constraint> = columns
        .iter()
        .map(|&(title, least)| Constraint::Length(least.max(text::width(t(lang, title)) as u16)))
        .collect();
    // "seats/count⚠" at the largest group's size: 125/125⚠ must not be cut.
    let digits = results
        .groups
        .iter()
        .map(|g| g.headcount)
        .max()
        .unwrap_or(0)
        .to_string()
        .len() as u16;
    widths.extend(
        grades
            .iter()
            .map(|_| Constraint::Length((2 * digits + 2).max(6))),
    );
    widths.push(Constraint::Length(2));
    Table::new(rows, widths)
        .header(Row::new(header).style(theme.header))
        .column_spacing(1)
        .render(inner, buf);
}

fn render_quotas(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
    let input = &app.session.input;
    let Some(group) = input.groups.get(app.groups.selected) else {
        return;
    };
    let result = &app.session.results().groups[app.groups.selected];
    let block = Block::bordered()
        .border_style(theme.border_selected)
        .title(Span::styled(
            format!(" {} ", text::safe(&group.id)),
            theme.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let mut lines = Vec::new();
    let selected = app.selected_department();
    let mut departments = vec![Span::raw(" ")];
    for &d in &group.departments {
        let department = &input.departments[d];
        let grade = &input.policy.department_grades[app.session.state().department_grades[d]];
        let changed = app.session.state().department_grades[d] != department.grade;
        let name = if app.privacy {
            text::safe(&department.id).into_owned()
        } else {
            format!(
                "{} {}",
                text::safe(&department.id),
                text::safe(&department.name)
            )
        };
        let label = fill(
            lang,
            Ui::DepartmentLabel,
            &[
                ("name", &name),
                ("grade", grade),
                ("mark", if changed { "*" } else { "" }),
                (
                    "n",
                    &app.session.baseline.rated_per_department[d].to_string(),
                ),
            ],
        );
        let style = if Some(d) == selected {
            theme.selected
        } else {
            theme.base
        };
        departments.push(Span::styled(
            if Some(d) == selected {
                format!("▶{label}")
            } else {
                label
            },
            style,
        ));
        departments.push(Span::raw("  "));
    }
    lines.push(Line::from(departments));
    lines.push(Line::styled(t(lang, Ui::QuotaHeader), theme.header));
    for (g, grade) in input.policy.grades.iter().enumerate() {
        let violated = result.counts[g] != result.filled[g];
        let label = format!("{} {}", grade.id, grade.label);
        let line = format!(
            " {} {:>7} {:>7} {:>7} {:>6} {}",
            text::pad_right(&label, 9),
            result.quotas[g].normalize().to_string(),
            result.seats[g],
            result.filled[g],
            result.counts[g],
            if violated {
                t(lang, Ui::QuotaViolation)
            } else {
                ""
            }
        );
        lines.push(Line::styled(
            line,
            if violated { theme.bad } else { theme.base },
        ));
    }
    lines.extend(quota_notes(app, app.groups.selected));
    lines.push(Line::styled(t(lang, Ui::QuotaNote), theme.dim));
    Paragraph::new(lines).render(inner, buf);
}

fn render_next_in_line(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let input = &app.session.input;
    let results = app.session.results();
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(t(app.lang, Ui::NextInLineTitle), theme.title));
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(result) = results.groups.get(app.groups.selected) else {
        return;
    };
    let scale = &input.policy.score;
    let person = |e: usize| {
        let score = results.employees[e]
            .final_score
            .map(|s| scale.format(s))
            .unwrap_or_default();
        let flags = results.employees[e].flags;
        let tie = match (
            flags.contains(Flags::BOUNDARY_TIE),
            flags.contains(Flags::OVERRIDE),
        ) {
            (true, true) => "≍✎",
            (true, false) => "≍",
            (false, true) => "✎",
            (false, false) => "",
        };
        format!(
            "{} {} {score}{tie}",
            text::safe(&input.employees[e].id),
            app.employee_name(e)
        )
    };
    let mut lines = Vec::new();
    let grades = &input.policy.grades;
    // After overrides: at the boundary below grade g, the last person in
    // rank order who has g or better, and the first who has worse.
    let final_grade = |e: usize| results.employees[e].grade.map_or(u8::MAX, |g| g);
    for g in 0..grades.len().saturating_sub(1) {
        let g8 = u8::try_from(g).unwrap_or(u8::MAX);
        let last_in = result.ranking.iter().rev().find(|&&e| final_grade(e) <= g8);
        let first_out = result.ranking.iter().find(|&&e| final_grade(e) > g8);
        let (Some(&last_in), Some(&first_out)) = (last_in, first_out) else {
            continue;
        };
        let below = results.employees[first_out]
            .grade
            .map_or("", |b| grades[usize::from(b)].id.as_str());
        lines.push(Line::from(vec![
            Span::styled(format!(" {}|{} ", grades[g].id, below), theme.header),
            Span::styled(
                fill(app.lang, Ui::LastIn, &[("person", &person(last_in))]),
                theme.good,
            ),
            Span::raw("  "),
            Span::styled(
                fill(app.lang, Ui::FirstOut, &[("person", &person(first_out))]),
                theme.warn,
            ),
        ]));
    }
    if lines.is_empty() {
        lines.push(Line::styled(t(app.lang, Ui::NoBoundaries), theme.dim));
    }
    Paragraph::new(lines).render(inner, buf);
}

/// Under the quota table, where a count is not the seats: why (carried
/// down by `min_score`), and what would resolve a violation.
fn quota_notes<'a>(app: &App, group: usize) -> Vec<Line<'a>> {
    let theme = &app.theme;
    let lang = app.lang;
    let input = &app.session.input;
    let Some(result) = app.session.results().groups.get(group) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let grades = &input.policy.grades;
    let mut carried = 0u64;
    for (g, grade) in grades.iter().enumerate() {
        let seats = result.seats[g] + carried;
        if result.filled[g] < seats {
            let empty = seats - result.filled[g];
            let next = grades
                .get(g + 1)
                .map_or(t(lang, Ui::Nobody), |n| n.id.as_str());
            let why = grade.min_score.map_or(String::new(), |m| {
                fill(
                    lang,
                    Ui::OnlyReach,
                    &[
                        ("n", &result.filled[g].to_string()),
                        ("min", &input.policy.score.format(m)),
                    ],
                )
            });
            lines.push(Line::styled(
                fill(
                    lang,
                    Ui::CarriedDown,
                    &[
                        ("grade", &grade.id),
                        ("empty", &empty.to_string()),
                        ("seats", &seats.to_string()),
                        ("why", &why),
                        ("next", next),
                    ],
                ),
                theme.warn,
            ));
            carried = empty;
        } else {
            carried = 0;
        }
        if result.counts[g] != result.filled[g] {
            let (n, way) = if result.counts[g] > result.filled[g] {
                (result.counts[g] - result.filled[g], Ui::MoveOutOf)
            } else {
                (result.filled[g] - result.counts[g], Ui::MoveInto)
            };
            lines.push(Line::styled(
                fill(
                    lang,
                    way,
                    &[
                        ("grade", &grade.id),
                        ("given", &result.counts[g].to_string()),
                        ("filled", &result.filled[g].to_string()),
                        ("n", &n.to_string()),
                    ],
                ),
                theme.bad,
            ));
        }
    }
    lines
}
