//! Screen 3: every employee in one table. Only the visible rows are built, so
//! the table costs the same at 80 rows as at a million.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Row, Table, Widget};

use crate::engine::calibrate::Flags;
use crate::engine::decision::Item;
use crate::i18n::{Lang, Ui, fill, t};
use crate::text;
use crate::tui::app::App;
use crate::tui::view::EmployeeSort;

/// Columns: title, width, the sort they belong to.
const COLUMNS: [(Ui, u16, EmployeeSort); 10] = [
    (Ui::ColRank, 4, EmployeeSort::Rank),
    (Ui::ColId, 8, EmployeeSort::Id),
    (Ui::ColName, NAME_WIDTH, EmployeeSort::Name),
    (Ui::ColDept, 8, EmployeeSort::Department),
    (Ui::ColRaters, RATERS_WIDTH as u16, EmployeeSort::Raters),
    (Ui::ColRaw, 7, EmployeeSort::Raw),
    (Ui::ColFinal, 7, EmployeeSort::Final),
    (Ui::ColAuto, 4, EmployeeSort::Auto),
    (Ui::ColGrade, 5, EmployeeSort::Grade),
    (Ui::ColFlags, 14, EmployeeSort::Flags),
];

/// A column's width: its own, or its title's in `lang` when wider.
fn column_width(lang: Lang, title: Ui, width: u16) -> u16 {
    width.max(text::width(t(lang, title)) as u16)
}

/// The raters column's width.
const RATERS_WIDTH: usize = 9;

/// A person's raters as fit `width`: `M01;M02`, or the first and how many
/// more (`M0001 +1`) rather than an id cut in the middle.
fn raters_cell(ids: &[&str], width: usize) -> String {
    let all = text::safe(&ids.join(";")).into_owned();
    match ids {
        [first, rest @ ..] if text::width(&all) > width && !rest.is_empty() => {
            let more = format!(" +{}", rest.len());
            let first = text::truncate(&text::safe(first), width.saturating_sub(more.len()));
            format!("{first}{more}")
        }
        _ => all,
    }
}

/// The name column's narrowest width.
const NAME_WIDTH: u16 = 10;

/// Below this width the raters column is left out so that flags fit.
const WIDE: u16 = 100;

/// Flags as symbols and words: never colour alone.
pub fn flag_text(lang: Lang, flags: Flags) -> String {
    let mut parts = Vec::new();
    if flags.contains(Flags::OVERRIDE) {
        parts.push(t(lang, Ui::FlagOverride));
    }
    if flags.contains(Flags::BOUNDARY_TIE) {
        parts.push(t(lang, Ui::FlagTie));
    }
    if flags.contains(Flags::UNRATED) {
        parts.push(t(lang, Ui::FlagUnrated));
    }
    parts.join(" ")
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
    let input = &app.session.input;
    let results = app.session.results();
    let view = &app.employees;
    let filter = if view.filter.is_empty() {
        String::new()
    } else {
        fill(lang, Ui::EmployeesFilter, &[("filter", &view.filter)])
    };
    let title = fill(
        lang,
        Ui::EmployeesTitle,
        &[
            ("shown", &view.rows.len().to_string()),
            ("total", &input.employees.len().to_string()),
            ("sort", view.sort.label(lang)),
            ("arrow", if view.descending { "↓" } else { "↑" }),
            ("filter", &filter),
        ],
    );
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(area);
    block.render(area, buf);

    let visible = usize::from(inner.height.saturating_sub(1));
    // The view keeps `offset` for the page size it last knew; clamp for this one.
    let offset = if view.cursor.selected >= view.cursor.offset + visible.max(1) {
        view.cursor.selected + 1 - visible.max(1)
    } else {
        view.cursor.offset.min(view.cursor.selected)
    };
    let show = |sort: EmployeeSort| sort != EmployeeSort::Raters || area.width >= WIDE;
    let previous = app.session.previous();
    // Columns that only a wide screen, or a previous cycle, adds.
    let prev_width: u16 = if previous.is_some() {
        column_width(lang, Ui::ColPrevious, 5)
    } else {
        0
    };
    let base: u16 = COLUMNS
        .iter()
        .filter(|c| show(c.2))
        .map(|&(title, w, _)| column_width(lang, title, w) + 1)
        .sum::<u16>()
        + if prev_width > 0 { prev_width + 1 } else { 0 };
    let department_name_width: u16 = if inner.width >= base + 24 + 14 { 18 } else { 0 };
    let used = base
        + if department_name_width > 0 {
            department_name_width + 1
        } else {
            0
        };
    // Names take the width the other columns leave, up to 24 columns, so a
    // wide screen shows whole names instead of empty space.
    let name_width = (NAME_WIDTH + inner.width.saturating_sub(used)).min(24);
    let mut titles: Vec<String> = COLUMNS
        .iter()
        .filter(|c| show(c.2))
        .map(|&(title, _, sort)| {
            let marker = if sort == view.sort {
                if view.descending { "↓" } else { "↑" }
            } else {
                ""
            };
            format!("{}{marker}", t(lang, title))
        })
        .collect();
    let mut widths: Vec<Constraint> = COLUMNS
        .iter()
        .filter(|c| show(c.2))
        .map(|&(title, w, sort)| {
            Constraint::Length(if sort == EmployeeSort::Name {
                name_width
            } else {
                column_width(lang, title, w)
            })
        })
        .collect();
    // After "dept": its name; after "grade": the previous cycle's.
    let department_at = 4;
    let grade_at = titles.len() - 1;
    if prev_width > 0 {
        titles.insert(grade_at, t(lang, Ui::ColPrevious).into());
        widths.insert(grade_at, Constraint::Length(prev_width));
    }
    if department_name_width > 0 {
        titles.insert(department_at, t(lang, Ui::ColDepartment).into());
        widths.insert(department_at, Constraint::Length(department_name_width));
    }
    let header = Row::new(titles.into_iter().map(Cell::from)).style(theme.header);
    let grade = |g: Option<u8>| {
        g.map_or(String::new(), |g| {
            input.policy.grades[g as usize].id.clone()
        })
    };
    let scale = &input.policy.score;
    let rows = view
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(position, &e)| {
            let employee = &input.employees[e];
            let result = &results.employees[e];
            let department = &input.departments[employee.department];
            let overridden = result.flags.contains(Flags::OVERRIDE);
            let grade_cell = match (result.grade, overridden) {
                (Some(g), true) => format!("{}✎", grade(Some(g))),
                (g, _) => grade(g),
            };
            let name = text::truncate(&app.employee_name(e), usize::from(name_width));
            let mut cells = vec![
                Cell::from(result.rank.map(|r| r.to_string()).unwrap_or_default()),
                Cell::from(text::safe(&employee.id).into_owned()),
                Cell::from(name),
                Cell::from(text::safe(&department.id).into_owned()),
                Cell::from(raters_cell(&input.raters_of(e), RATERS_WIDTH)),
                Cell::from(
                    app.session.baseline.raw_scores[e]
                        .map(|s| scale.format(s))
                        .unwrap_or_default(),
                ),
                Cell::from(
                    result
                        .final_score
                        .map(|s| scale.format(s))
                        .unwrap_or_default(),
                ),
                Cell::from(grade(result.auto_grade)),
                Cell::from(grade_cell).style(theme.in_row(
                    position == view.cursor.selected,
                    if overridden { theme.warn } else { theme.base },
                )),
                Cell::from({
                    let mut flags = flag_text(lang, result.flags);
                    if app.is_discussed(&Item::Employee(employee.id.to_string())) {
                        flags.push_str(if flags.is_empty() {
                            t(lang, Ui::FlagDiscussed)
                        } else {
                            " ✓"
                        });
                    }
                    flags
                })
                .style(theme.in_row(
                    position == view.cursor.selected,
                    if result.flags.is_empty() {
                        theme.base
                    } else {
                        theme.warn
                    },
                )),
            ];
            if !show(EmployeeSort::Raters) {
                cells.remove(4);
            }
            if let Some(previous) = previous {
                let big = previous.big_mover(&input.policy, e, result.grade.map(usize::from));
                let at = cells.len() - 1;
                cells.insert(
                    at,
                    Cell::from(format!(
                        "{}{}",
                        text::safe(previous.grade(e).unwrap_or("")),
                        if big { "⇅" } else { "" }
                    ))
                    .style(theme.in_row(
                        position == view.cursor.selected,
                        if big { theme.warn } else { theme.base },
                    )),
                );
            }
            if department_name_width > 0 {
                let name = if app.privacy {
                    String::new()
                } else {
                    text::truncate(
                        &text::safe(&department.name),
                        usize::from(department_name_width),
                    )
                };
                cells.insert(department_at, Cell::from(name));
            }
            let row = Row::new(cells);
            if position == view.cursor.selected {
                row.style(theme.selected)
            } else {
                row
            }
        });
    Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::raters_cell;

    #[test]
    fn raters_that_do_not_fit_show_the_first_and_how_many_more() {
        assert_eq!(raters_cell(&["M01", "M02"], 9), "M01;M02");
        assert_eq!(raters_cell(&["M0001", "M0042"], 9), "M0001 +1");
        assert_eq!(raters_cell(&["M0001", "M0042", "M0107"], 9), "M0001 +2");
        assert_eq!(raters_cell(&["M0001"], 9), "M0001");
        assert_eq!(raters_cell(&[], 9), "");
        // An id with an escape sequence is made harmless, as every id is.
        assert!(!raters_cell(&["M\u{1b}[2J"], 9).contains('\u{1b}'));
    }
}
