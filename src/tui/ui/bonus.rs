//! The bonus panel (contract 6.5): the pool, what each grade and each
//! department receives before calibration and now, and what the last act
//! changed. The figures are the engine's ([`BonusView`]); this only lays
//! them out.

use ratatui::style::Style;

use crate::engine::bonus::Tally;
use crate::i18n::{Ui, fill, t};
use crate::text::{self, pad_left, pad_right};
use crate::tui::app::App;
use crate::tui::ui::words;
use crate::tui::view::BonusView;

type Lines = Vec<(String, Style)>;

/// The grade or department column's width.
const LABEL: usize = 36;

pub fn lines(app: &App) -> Lines {
    let theme = &app.theme;
    let lang = app.lang;
    let Some(view) = app.bonus.as_ref() else {
        return vec![(t(lang, Ui::NoBonus).into(), theme.dim)];
    };
    let input = &app.session.input;
    let unrated = if view.now.unrated > 0 {
        fill(
            lang,
            Ui::BonusUnrated,
            &[("n", &view.now.unrated.to_string())],
        )
    } else {
        String::new()
    };
    let mut out: Lines = vec![(
        fill(
            lang,
            Ui::BonusPool,
            &[
                ("pool", &view.money(view.pool)),
                ("allocated", &view.money(view.allocated)),
                ("unrated", &unrated),
            ],
        ),
        theme.header,
    )];
    if view.allocated == 0 {
        out.push((t(lang, Ui::BonusNothing).into(), theme.warn));
    }
    let titles = [Ui::BonusPeople, Ui::Before, Ui::Now, Ui::BonusChange].map(|m| t(lang, m));
    let [people, before, now, change] = titles;
    let title_width = |title: &str| text::width(title) + 2;
    // Room for the largest figure, the pool, and a sign (and the titles).
    let money = (view.money(view.pool).len().max(6) + 2)
        .max(title_width(before))
        .max(title_width(now))
        .max(title_width(change));
    // "1418 → 1420" for the largest count, and a space before it.
    let most = view.now.by_grade.iter().chain(&view.before.by_grade);
    let digits = most.map(|t| t.people).max().unwrap_or(0).to_string().len();
    let people_width = (2 * digits + 4).max(8).max(title_width(people));
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
    let head = |first: &str| columns(first, people, before, now, change);
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
    out.push((head(t(lang, Ui::BonusGrade)), theme.header));
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
        head(t(
            lang,
            if app.focus().is_some() {
                Ui::BonusDepartmentFocus
            } else {
                Ui::BonusDepartment
            },
        )),
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
    let lang = app.lang;
    let input = &app.session.input;
    let Some((first, without)) = &view.last else {
        return vec![(t(lang, Ui::BonusNoLastAct).into(), theme.dim)];
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
        fill(
            lang,
            Ui::BonusActMany,
            &[
                ("first", &(first + 1).to_string()),
                ("last", &(first + act).to_string()),
            ],
        )
    } else {
        fill(lang, Ui::BonusActOne, &[("n", &(first + 1).to_string())])
    };
    let mut out: Lines = vec![(
        fill(
            lang,
            Ui::BonusLastAct,
            &[
                ("what", &what),
                ("change", &words::change(lang, &decision.change)),
            ],
        ),
        theme.header,
    )];
    let summary = |label: Ui, list: Vec<String>| {
        let label = t(lang, label);
        if list.is_empty() {
            fill(lang, Ui::BonusNoChange, &[("label", label)])
        } else {
            let list = text::safe(&list.join(t(lang, Ui::ListSeparator))).into_owned();
            fill(lang, Ui::BonusChanges, &[("label", label), ("list", &list)])
        }
    };
    out.push((summary(Ui::BonusByGrade, by_grade), theme.base));
    out.push((summary(Ui::BonusByDepartment, by_department), theme.base));
    out.push((t(lang, Ui::BonusOnePool).into(), theme.dim));
    out
}
