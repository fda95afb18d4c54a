//! Screen 8: the attribute review (contract 6.8) of the company or the
//! focus group, live. Per value of the attribute: the grade counts, the top
//! rate and the four-fifths impact ratio before calibration and now, and
//! how many moved; the chi-square test; then who the session moved, by
//! value and by rater. Every figure is the engine's (`fairness`, `moves`);
//! a value with fewer than 5 people shows no figure at all.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::flow;
use super::panel::Lines;
use crate::engine::fairness::{ChiSquare, Side, ValueReview};
use crate::engine::moves::{self, Direction};
use crate::i18n::{Lang, Msg, fill, t};
use crate::text;
use crate::tui::app::App;
use crate::tui::view::{FairnessFigures, MovedRow};

/// Rows kept for "who moved" at the least, below the review.
const MIN_LIST_ROWS: usize = 3;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
    let view = &app.fairness;
    let (Some(attribute), Some(figures)) = (view.attribute(), view.figures.as_ref()) else {
        Paragraph::new(format!(" {}", t(lang, Msg::FairNoAttributes)))
            .style(theme.dim)
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    };
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    let input = &app.session.input;
    let review = &figures.review;
    let attribute = text::safe(attribute);

    let scope = match app.focus() {
        Some(g) => fill(
            lang,
            Msg::FairFocus,
            &[("group", &text::safe(&input.groups[g].id))],
        ),
        None => t(lang, Msg::FairCompany).to_string(),
    };
    let top: Vec<&str> = input
        .policy
        .grades
        .iter()
        .take(review.top_grades)
        .map(|g| g.id.as_str())
        .collect();
    let count = view.attributes.as_ref().map_or(0, Vec::len);
    let head = [
        fill(
            lang,
            Msg::FairAttribute,
            &[
                ("attribute", &attribute),
                ("at", &(view.attribute + 1).to_string()),
                ("of", &count.to_string()),
            ],
        ),
        scope,
        fill(lang, Msg::FairTopGrades, &[("grades", &top.join(", "))]),
    ];
    let mut lines: Vec<Line> = flow(" ", &head, width, 2)
        .into_iter()
        .map(|l| Line::styled(l, theme.title))
        .collect();

    let mut below: Vec<Line> = chi_lines(lang, theme, review, width);
    if review.values.iter().any(ValueReview::withheld) {
        below.push(Line::styled(
            text::truncate(&format!(" {}", t(lang, Msg::FairWithheldNote)), width),
            theme.dim,
        ));
    }
    below.push(Line::default());

    // The values that fit, whole, above the test and the list.
    let table = Table::new(app, figures);
    let room = height.saturating_sub(lines.len() + 1 + below.len() + 1 + MIN_LIST_ROWS);
    lines.push(table.header(lang, theme));
    let mut used = 0;
    let mut shown = 0;
    for value in &review.values {
        let rows = if value.withheld() { 1 } else { 2 };
        if used + rows > room {
            break;
        }
        used += rows;
        shown += 1;
        lines.extend(table.value(lang, theme, value));
    }
    if shown < review.values.len() {
        lines.push(Line::styled(
            text::truncate(
                &format!(
                    " {}",
                    fill(
                        lang,
                        Msg::FairMoreValues,
                        &[
                            ("n", &(review.values.len() - shown).to_string()),
                            ("attribute", &attribute),
                        ],
                    )
                ),
                width,
            ),
            theme.dim,
        ));
    }
    lines.extend(below);
    lines.push(Line::styled(
        text::truncate(&format!(" {}", t(lang, Msg::FairWhoMoved)), width),
        theme.header,
    ));
    let list_room = height.saturating_sub(lines.len()).max(1);
    lines.extend(who_moved(app, figures, list_room, width));
    Paragraph::new(lines).style(theme.base).render(area, buf);
}

/// The chi-square test, before and now, and the small-count note.
fn chi_lines<'a>(
    lang: Lang,
    theme: &crate::tui::theme::Theme,
    review: &crate::engine::fairness::Review,
    width: usize,
) -> Vec<Line<'a>> {
    let side = |label: Msg, chi: &ChiSquare| {
        fill(
            lang,
            Msg::FairChiSide,
            &[
                ("side", t(lang, label)),
                ("statistic", &format!("{:.3}", chi.statistic)),
                ("df", &chi.df.to_string()),
                (
                    "p",
                    &chi.p_value
                        .map_or_else(|| t(lang, Msg::FairNoP).to_string(), |p| format!("{p:.3}")),
                ),
            ],
        )
    };
    let pieces = [
        t(lang, Msg::FairChiHead).to_string(),
        side(Msg::FairBefore, &review.before),
        side(Msg::FairNow, &review.after),
    ];
    let mut lines: Vec<Line> = flow(" ", &pieces, width, 2)
        .into_iter()
        .map(|l| Line::styled(l, theme.base))
        .collect();
    if review.before.low_expected || review.after.low_expected {
        lines.push(Line::styled(
            text::truncate(&format!(" {}", t(lang, Msg::FairLowExpected)), width),
            theme.warn,
        ));
    }
    lines
}

/// The table of values: its column widths, from what it holds.
struct Table<'a> {
    grades: Vec<&'a str>,
    value: usize,
    side: usize,
    n: usize,
    count: usize,
    rate: usize,
    ratio: usize,
    flag: usize,
}

impl<'a> Table<'a> {
    fn new(app: &'a App, figures: &FairnessFigures) -> Self {
        let lang = app.lang;
        let values = &figures.review.values;
        let grades: Vec<&str> = app
            .session
            .input
            .policy
            .grades
            .iter()
            .map(|g| g.id.as_str())
            .collect();
        let most = values
            .iter()
            .flat_map(|v| [v.before.n, v.after.n])
            .max()
            .unwrap_or(0);
        let widest = |msgs: &[Msg]| msgs.iter().map(|&m| text::width(t(lang, m))).max();
        Table {
            value: values
                .iter()
                .map(|v| text::width(&text::safe(&v.value)))
                .chain(widest(&[Msg::FairValue]))
                .max()
                .unwrap_or(0)
                .clamp(4, 16),
            side: widest(&[Msg::FairBefore, Msg::FairNow]).unwrap_or(0),
            n: most
                .to_string()
                .len()
                .max(widest(&[Msg::FairN]).unwrap_or(0)),
            count: most
                .to_string()
                .len()
                .max(grades.iter().map(|g| text::width(g)).max().unwrap_or(0)),
            rate: "100.0%".len().max(widest(&[Msg::FairTopRate]).unwrap_or(0)),
            ratio: "0.000".len().max(widest(&[Msg::FairImpact]).unwrap_or(0)),
            flag: text::width("⚠ ") + widest(&[Msg::FairAdverse]).unwrap_or(0),
            grades,
        }
    }

    /// Value, side and n, then a count per grade, then the rates.
    fn cells(&self, value: &str, side: &str, n: &str, counts: &[String]) -> String {
        let mut line = format!(
            " {} {} {}",
            text::pad_right(value, self.value),
            text::pad_right(side, self.side),
            text::pad_left(n, self.n)
        );
        for c in counts {
            line.push_str(&format!(" {}", text::pad_left(c, self.count)));
        }
        line
    }

    fn header<'l>(&self, lang: Lang, theme: &crate::tui::theme::Theme) -> Line<'l> {
        let grades: Vec<String> = self.grades.iter().map(|g| g.to_string()).collect();
        let mut line = self.cells(t(lang, Msg::FairValue), "", t(lang, Msg::FairN), &grades);
        line.push_str(&format!(
            "  {}  {}  {}  {}",
            text::pad_left(t(lang, Msg::FairTopRate), self.rate),
            text::pad_left(t(lang, Msg::FairImpact), self.ratio),
            " ".repeat(self.flag),
            t(lang, Msg::FairMoved)
        ));
        Line::styled(line, theme.header)
    }

    /// A value's two rows (before, now), or one saying it is withheld.
    fn value<'l>(
        &self,
        lang: Lang,
        theme: &crate::tui::theme::Theme,
        value: &ValueReview,
    ) -> Vec<Line<'l>> {
        let name = text::safe(&value.value);
        if value.withheld() {
            return vec![Line::styled(
                format!(
                    " {} {}",
                    text::pad_right(&name, self.value),
                    t(lang, Msg::FairWithheld)
                ),
                theme.dim,
            )];
        }
        let side = |label: &str, which: Msg, side: &Side, style: Style, moved: Option<String>| {
            let counts: Vec<String> = side.counts.iter().map(usize::to_string).collect();
            let mut spans = vec![Span::styled(
                format!(
                    "{}  {}  {}  ",
                    self.cells(label, t(lang, which), &side.n.to_string(), &counts),
                    text::pad_left(&format!("{:.1}%", side.top_rate * 100.0), self.rate),
                    text::pad_left(
                        &side
                            .impact_ratio
                            .map_or_else(|| "—".to_string(), |r| format!("{r:.3}")),
                        self.ratio
                    ),
                ),
                style,
            )];
            // The flag is a word and a glyph, not only a colour.
            let flag = if side.adverse_impact {
                format!("⚠ {}", t(lang, Msg::FairAdverse))
            } else {
                String::new()
            };
            spans.push(Span::styled(text::pad_right(&flag, self.flag), theme.bad));
            if let Some(moved) = moved {
                spans.push(Span::styled(format!("  {moved}"), theme.base));
            }
            spans
        };
        let before = side(&name, Msg::FairBefore, &value.before, theme.dim, None);
        let now = side(
            "",
            Msg::FairNow,
            &value.after,
            theme.base,
            Some(up_down(lang, value.moved_up, value.moved_down)),
        );
        vec![Line::from(before), Line::from(now)]
    }
}

fn up_down(lang: Lang, up: usize, down: usize) -> String {
    fill(
        lang,
        Msg::FairUpDown,
        &[("up", &up.to_string()), ("down", &down.to_string())],
    )
}

/// How a row of "who moved" is named: the attribute's value, or the rater
/// (their id alone in privacy mode).
fn row_label(app: &App, figures: &FairnessFigures, row: MovedRow) -> String {
    let lang = app.lang;
    match row {
        MovedRow::Value(v) => fill(
            lang,
            Msg::FairByValue,
            &[
                ("attribute", &text::safe(&figures.review.attribute)),
                ("value", &text::safe(&figures.review.values[v].value)),
            ],
        ),
        MovedRow::Rater(r) => {
            let rater = figures.raters[r].rater;
            let id = text::safe(&app.session.input.raters[rater].id);
            let who = if app.privacy {
                id.into_owned()
            } else {
                format!("{id} {}", app.rater_name(rater))
            };
            fill(lang, Msg::FairByRater, &[("rater", &who)])
        }
    }
}

/// The visible rows of "who moved", the selected one highlighted.
fn who_moved<'a>(app: &App, figures: &FairnessFigures, room: usize, width: usize) -> Vec<Line<'a>> {
    let theme = &app.theme;
    let lang = app.lang;
    let cursor = app.fairness.cursor;
    // Keep the selection in sight, wherever the last page left it.
    let offset = if cursor.selected < cursor.offset {
        cursor.selected
    } else if cursor.selected >= cursor.offset + room {
        cursor.selected + 1 - room
    } else {
        cursor.offset
    };
    let rows: Vec<(MovedRow, String)> = (offset..figures.rows())
        .take(room)
        .filter_map(|i| figures.row(i))
        .map(|row| (row, row_label(app, figures, row)))
        .collect();
    let label_width = rows
        .iter()
        .map(|(_, l)| text::width(l))
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let mut lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .map(|(k, (row, label))| {
            let withheld = figures.withheld(row);
            let figure = if withheld {
                t(lang, Msg::FairWithheld).to_string()
            } else {
                let (up, down) = figures.moved(row);
                up_down(lang, up, down)
            };
            let line = text::pad_right(
                &format!("   {}  {figure}", text::pad_right(&label, label_width)),
                width,
            );
            let style = if offset + k == cursor.selected {
                theme.selected
            } else if withheld {
                theme.dim
            } else {
                theme.base
            };
            Line::styled(line, style)
        })
        .collect();
    if figures.raters.is_empty() && lines.len() < room {
        lines.push(Line::styled(
            format!("   {}", t(lang, Msg::FairNobodyMoved)),
            theme.dim,
        ));
    }
    lines
}

/// The movers panel of "who moved" row `i`: its title, its lines, and the
/// decision Enter goes to (the one that moved most of them).
pub(super) fn movers(app: &App, i: usize) -> (String, Lines, Option<usize>) {
    let theme = &app.theme;
    let lang = app.lang;
    let session = &app.session;
    let input = &session.input;
    let grades = &input.policy.grades;
    let Some((figures, row)) = app
        .fairness
        .figures
        .as_ref()
        .and_then(|f| Some((f, f.row(i)?)))
    else {
        return (String::new(), Vec::new(), None);
    };
    let title = format!(
        " {} ",
        fill(
            lang,
            Msg::FairPanelTitle,
            &[("row", &row_label(app, figures, row))]
        )
    );
    let people = figures.movers(row);
    let behind = moves::decisions_behind(session, people);
    let (up, down) = figures.moved(row);
    let mut out: Lines = vec![(
        format!(
            " {}",
            fill(
                lang,
                Msg::FairPanelSummary,
                &[
                    ("moved", &people.len().to_string()),
                    ("up", &up.to_string()),
                    ("down", &down.to_string()),
                    ("decisions", &behind.len().to_string()),
                ],
            )
        ),
        theme.header,
    )];
    let grade = |g: Option<u8>| g.map_or("—", |g| grades[usize::from(g)].id.as_str());
    for b in &behind {
        let Some(decision) = session.decisions().get(b.decision) else {
            continue;
        };
        let reason = match &decision.reason {
            Some(_) if app.privacy => t(lang, Msg::FairReasonHidden).to_string(),
            Some(r) => fill(lang, Msg::FairReason, &[("reason", &text::safe(r))]),
            None => String::new(),
        };
        out.push((
            format!(
                " {}",
                fill(
                    lang,
                    Msg::FairPanelDecision,
                    &[
                        ("n", &(b.decision + 1).to_string()),
                        ("change", &super::words::change(lang, &decision.change)),
                        ("reason", &reason),
                        ("moved", &b.employees.len().to_string()),
                    ],
                )
            ),
            theme.title,
        ));
        for &e in &b.employees {
            let before = app.before.as_ref().and_then(|r| r.employees[e].grade);
            let now = session.results().employees[e].grade;
            let arrow = match Direction::between(before, now) {
                Some(Direction::Up) => "↑",
                Some(Direction::Down) => "↓",
                None => "",
            };
            let name = if app.privacy {
                String::new()
            } else {
                format!(" {}", app.employee_name(e))
            };
            out.push((
                format!(
                    "   {}{name}  {} → {} {arrow}",
                    text::safe(&input.employees[e].id),
                    grade(before),
                    grade(now)
                ),
                theme.base,
            ));
        }
    }
    (title, out, behind.first().map(|b| b.decision))
}
