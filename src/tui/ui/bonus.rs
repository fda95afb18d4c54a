//! The bonus panel (contract 6.5): the pool, what each grade and each
//! department receives before calibration and now, and what the last act
//! changed. The figures are the engine's ([`BonusView`]); this only lays
//! them out.

use ratatui::style::Style;

use crate::engine::bonus::Tally;
use crate::text::{self, pad_left, pad_right};
use crate::tui::app::App;
use crate::tui::view::BonusView;

type Lines = Vec<(String, Style)>;

/// The grade or department column's width.
const LABEL: usize = 36;

/// The panel's title.
pub const TITLE: &str = " Bonus by grade: before calibration → now ";

pub fn lines(app: &App) -> Lines {
    let theme = &app.theme;
    let Some(view) = app.bonus.as_ref() else {
        return vec![(" policy.json has no bonus.".into(), theme.dim)];
    };
    let input = &app.session.input;
    let mut out: Lines = vec![(
        format!(
            " Pool {} · allocated {}{}",
            view.money(view.pool),
            view.money(view.allocated),
            if view.now.unrated > 0 {
                format!(" · {} unrated: no bonus", view.now.unrated)
            } else {
                String::new()
            }
        ),
        theme.header,
    )];
    if view.allocated == 0 {
        out.push((
            " Every share is 0 (the multipliers of every grade held are 0): nothing is allocated."
                .into(),
            theme.warn,
        ));
    }
    // Room for the largest figure, the pool, and a sign.
    let money = view.money(view.pool).len().max(6) + 2;
    // "1418 → 1420" for the largest count, and a space before it.
    let most = view.now.by_grade.iter().chain(&view.before.by_grade);
    let digits = most.map(|t| t.people).max().unwrap_or(0).to_string().len();
    let people_width = (2 * digits + 4).max(8);
    // One layout for the heading and the rows; labels (department names)
    // take what a 100-column panel leaves.
    let columns = |first: &str, people: &str, before: &str, now: &str, change: &str| {
        format!(
            " {}{}{}{}{}",
            pad_right(&text::truncate(first, LABEL - 1), LABEL),
            pad_left(people, people_width),
            pad_left(before, money),
            pad_left(now, money),
            pad_left(change, money),
        )
    };
    let head = |first: &str| columns(first, "people", "before", "now", "change");
    let row = |label: &str, before: Tally, now: Tally| {
        columns(
            label,
            &format!("{} → {}", before.people, now.people),
            &view.money(before.units),
            &view.money(now.units),
            &view.change(before.units, now.units),
        )
    };
    out.push((String::new(), theme.base));
    out.push((head("grade"), theme.header));
    for (g, grade) in input.policy.grades.iter().enumerate() {
        let label = format!("{} {}", grade.id, grade.label);
        out.push((
            row(
                &text::safe(&label),
                view.before.by_grade[g],
                view.now.by_grade[g],
            ),
            theme.base,
        ));
    }
    out.push((String::new(), theme.base));
    let departments: Vec<usize> = match app.focus() {
        Some(g) => input.groups[g].departments.clone(),
        None => (0..input.departments.len()).collect(),
    };
    out.push((
        head(if app.focus().is_some() {
            "department (in focus)"
        } else {
            "department"
        }),
        theme.header,
    ));
    for d in departments {
        let department = &input.departments[d];
        let label = format!(
            "{} {} [{}]",
            department.id,
            department.name,
            input.policy.department_grades[app.session.state().department_grades[d]]
        );
        out.push((
            row(
                &text::safe(&label),
                view.before.by_department[d],
                view.now.by_department[d],
            ),
            theme.base,
        ));
    }
    out.push((String::new(), theme.base));
    out.extend(last_act(app, view));
    out
}

/// What the last act on the record changed, grade by grade and department
/// by department (only what changed).
fn last_act(app: &App, view: &BonusView) -> Lines {
    let theme = &app.theme;
    let input = &app.session.input;
    let Some((first, without)) = &view.last else {
        return vec![(
            " The last act on the record moved no grade: it changed no bonus.".into(),
            theme.dim,
        )];
    };
    let decision = &app.session.decisions()[*first];
    let changes =
        |ids: &mut dyn Iterator<Item = String>, then: &[Tally], now: &[Tally]| -> Vec<String> {
            ids.zip(then.iter().zip(now))
                .filter(|(_, (a, b))| a.units != b.units)
                .map(|(id, (a, b))| format!("{id} {}", view.change(a.units, b.units)))
                .collect()
        };
    let by_grade = changes(
        &mut input.policy.grades.iter().map(|g| g.id.clone()),
        &without.by_grade,
        &view.now.by_grade,
    );
    let by_department = changes(
        &mut input.departments.iter().map(|d| d.id.clone()),
        &without.by_department,
        &view.now.by_department,
    );
    let act = app.session.last_act().len();
    let what = if act > 1 {
        format!("decisions {}–{} (one act)", first + 1, first + act)
    } else {
        format!("decision {}", first + 1)
    };
    let mut out: Lines = vec![(
        format!(" The last act, {what}: {}", decision.change),
        theme.header,
    )];
    let summary = |label: &str, list: Vec<String>| {
        if list.is_empty() {
            format!("   {label}: no change")
        } else {
            format!("   {label}: {}", text::safe(&list.join(", ")))
        }
    };
    out.push((summary("by grade", by_grade), theme.base));
    out.push((summary("by department", by_department), theme.base));
    out.push((
        " Every bonus is a share of the one pool: moving one person changes the others' a little."
            .into(),
        theme.dim,
    ));
    out
}
