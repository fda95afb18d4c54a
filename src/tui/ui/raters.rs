//! Screen 1: every rater's distribution side by side on the same bins and
//! scale, raw (▒, left of each pair) and adjusted (█, right), with the pool as
//! the reference in the first panel.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Cell, Paragraph, Row, Table, Widget};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::engine::bias::RaterBias;
use crate::engine::decision::Item;
use crate::engine::stats::Summary;
use crate::engine::transform::Transform;
use crate::i18n::{Lang, Ui, fill, t};
use crate::text;
use crate::tui::app::App;
use crate::tui::histogram::BINS;
use crate::tui::ui::words;
use crate::tui::view::bias_flag;

/// Smallest panel: 10 bins of two columns, borders and a margin.
const PANEL_WIDTH: u16 = 24;
const PANEL_HEIGHT: u16 = 13;
/// Text lines under the bars.
const TEXT_LINES: u16 = 5;

/// Rows under the cards (the selected rater's figures).
const DETAIL_ROWS: u16 = 3;

/// How the raters screen lays out in a `width`×`height` terminal: cards
/// (or table rows) per row, and raters per page.
pub fn grid(width: u16, height: u16, table: bool) -> (usize, usize) {
    let body = height.saturating_sub(super::CHROME_ROWS + DETAIL_ROWS);
    if table {
        return (1, usize::from(body.saturating_sub(1)).max(1));
    }
    let columns = (width / PANEL_WIDTH).max(1);
    let rows = (body / PANEL_HEIGHT).max(1);
    (
        usize::from(columns),
        usize::from(columns * rows).saturating_sub(1).max(1),
    )
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let [grid_area, detail] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(DETAIL_ROWS)]).areas(area);
    let (_, per_page) = grid(
        area.width,
        area.height + super::CHROME_ROWS,
        app.raters.table,
    );
    let page = app.raters.selected / per_page;
    if app.raters.table {
        render_table(app, grid_area, buf, page, per_page);
        render_detail(app, detail, buf, page, per_page);
        return;
    }
    let columns = (grid_area.width / PANEL_WIDTH).max(1);
    // As many rows as the raters need (plus the pool panel), as fits.
    let needed = (app.raters.order.len() as u16 + 1).div_ceil(columns);
    let rows = (grid_area.height / PANEL_HEIGHT).clamp(1, needed.max(1));
    let shown: Vec<usize> = app
        .raters
        .order
        .iter()
        .copied()
        .skip(page * per_page)
        .take(per_page)
        .collect();

    let row_areas = Layout::vertical(vec![
        Constraint::Ratio(1, u32::from(rows));
        usize::from(rows)
    ])
    .split(grid_area);
    let mut cells = Vec::new();
    for row in row_areas.iter() {
        let columns = Layout::horizontal(vec![
            Constraint::Ratio(1, u32::from(columns));
            usize::from(columns)
        ])
        .split(*row);
        cells.extend(columns.iter().copied());
    }
    let mut cells = cells.into_iter();
    if let Some(cell) = cells.next() {
        pool_panel(app, cell, buf);
    }
    for (rater, cell) in shown.iter().zip(cells) {
        rater_panel(app, *rater, cell, buf);
    }
    render_detail(app, detail, buf, page, per_page);
}

/// The compact table: one row per rater, the page holding the selection.
fn render_table(app: &App, area: Rect, buf: &mut Buffer, page: usize, per_page: usize) {
    let theme = &app.theme;
    let grades = &app.session.input.policy.grades;
    let lang = app.lang;
    let wide = area.width >= 120;
    // Titles with the width their column has at the least.
    let mut columns = vec![
        (Ui::ColRater, 0),
        (Ui::ColRatings, 4),
        (Ui::ColMean, 11),
        (Ui::ColSd, 9),
        (Ui::ColDiff, 20),
    ];
    if wide {
        columns.push((Ui::ColSeverity, 13));
    }
    columns.extend([
        (Ui::ColFlags, 5),
        (Ui::ColScale, 8),
        (Ui::ColGrades, 4 * grades.len() as u16),
    ]);
    let mut header = vec![""];
    header.extend(columns.iter().map(|&(title, _)| t(lang, title)));
    let rows = app
        .raters
        .order
        .iter()
        .enumerate()
        .skip(page * per_page)
        .take(per_page)
        .filter_map(|(i, &r)| {
            let bias = app.bias_of(r)?;
            let now = bias.adjusted.unwrap_or(bias.summary);
            let id = &app.session.input.raters[r].id;
            let mark = if app.is_discussed(&Item::Rater(id.to_string())) {
                "✓"
            } else {
                " "
            };
            let who = if app.privacy {
                text::safe(id).into_owned()
            } else {
                format!("{} {}", text::safe(id), app.rater_name(r))
            };
            let sd = |s: Option<Decimal>| s.map_or("—".to_string(), |s| fmt(s, 1));
            let mut cells = vec![
                Cell::from(if i == app.raters.selected {
                    "▶"
                } else {
                    mark
                }),
                Cell::from(who),
                Cell::from(bias.summary.n.to_string()),
                Cell::from(format!(
                    "{}→{}",
                    fmt(bias.summary.mean, 1),
                    fmt(now.mean, 1)
                )),
                Cell::from(format!("{}→{}", sd(bias.summary.sd), sd(now.sd))),
                Cell::from(match (bias.mean_diff, bias.ci_low, bias.ci_high) {
                    (Some(d), Some(l), Some(h)) => format!("{d:+.1} ({l:+.1}…{h:+.1})"),
                    (Some(d), _, _) => format!("{d:+.1}"),
                    _ => "—".into(),
                }),
            ];
            if wide {
                cells.push(Cell::from(severity(app, r)));
            }
            let flags: String = bias.flags.iter().map(|f| f.symbol()).collect();
            cells.push(Cell::from(flags).style(theme.in_row(i == app.raters.selected, theme.bad)));
            cells.push(Cell::from(method(lang, &bias.transform)));
            cells.push(Cell::from(grade_text(app, r)));
            let row = Row::new(cells);
            Some(if i == app.raters.selected {
                row.style(theme.selected)
            } else {
                row
            })
        });
    // The rater column takes what is left; the others fit their title.
    let mut widths = vec![Constraint::Length(1), Constraint::Fill(1)];
    widths.extend(
        columns.iter().skip(1).map(|&(title, least)| {
            Constraint::Length(least.max(text::width(t(lang, title)) as u16))
        }),
    );
    Table::new(rows, widths)
        .header(Row::new(header).style(theme.header))
        .column_spacing(1)
        .render(area, buf);
}

/// "+3.2±1.1" when the linked-ratings model identifies the rater.
fn severity(app: &App, rater: usize) -> String {
    match app.linked_effect(rater) {
        Some(effect) => match (effect.severity, effect.severity_se) {
            (Some(s), Some(se)) => format!("{s:+.1}±{se:.1}"),
            (Some(s), None) => format!("{s:+.1}"),
            _ => t(app.lang, Ui::Unlinked).into(),
        },
        None if app.linking => t(app.lang, Ui::Linking).into(),
        None => "—".into(),
    }
}

/// A scale correction's method in a word (`zscore`, as the decisions
/// file names it, in English).
fn method(lang: Lang, transform: &Transform) -> &'static str {
    t(
        lang,
        match transform {
            Transform::None => Ui::MethodNone,
            Transform::Offset { .. } => Ui::MethodOffset,
            Transform::Linear { .. } => Ui::MethodLinear,
            Transform::ZScore { .. } => Ui::MethodZScore,
            Transform::Quantile => Ui::MethodQuantile,
        },
    )
}

fn fmt(x: Decimal, places: u32) -> String {
    let mut x = x.round_dp(places);
    x.rescale(places);
    x.to_string()
}

/// Bars for one histogram pair, `height` rows tall, on the common scale.
fn bars<'a>(
    app: &App,
    raw: &[u32; BINS],
    adjusted: &[u32; BINS],
    height: u16,
    adjusted_style: Style,
) -> Vec<Line<'a>> {
    const EIGHTHS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let theme = &app.theme;
    let share = |bins: &[u32; BINS], i: usize| {
        let n: u32 = bins.iter().sum();
        f64::from(bins[i]) / f64::from(n.max(1))
    };
    let max = app.histograms.max_share.max(f64::EPSILON);
    let cells = f64::from(height);
    (0..height)
        .map(|row| {
            let level = f64::from(height - row - 1);
            let mut spans = vec![Span::raw(" ")];
            for i in 0..BINS {
                let raw_h = share(raw, i) / max * cells;
                let adj_h = share(adjusted, i) / max * cells;
                let raw_char = if raw_h - level >= 0.5 { '▒' } else { ' ' };
                let eighths = ((adj_h - level) * 8.0).round().clamp(0.0, 8.0) as usize;
                spans.push(Span::styled(raw_char.to_string(), theme.raw_bar));
                spans.push(Span::styled(EIGHTHS[eighths].to_string(), adjusted_style));
            }
            Line::from(spans)
        })
        .collect()
}

fn axis<'a>(app: &App, width: u16) -> Line<'a> {
    let lo = format!("{}", app.histograms.lo);
    let hi = format!("{}", app.histograms.hi);
    let inner = usize::from(width).saturating_sub(1);
    let gap = inner.saturating_sub(text::width(&lo) + text::width(&hi));
    Line::styled(format!(" {lo}{}{hi}", " ".repeat(gap)), app.theme.dim)
}

fn summary_line(s: &Summary, places: u32) -> String {
    format!(
        "n{} μ{} σ{}",
        s.n,
        fmt(s.mean, places),
        s.sd.map_or("—".to_string(), |sd| fmt(sd, places))
    )
}

fn pool_panel(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let lang = app.lang;
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border)
        .title(Span::styled(t(lang, Ui::PoolTitle), theme.title));
    let inner = block.inner(area);
    block.render(area, buf);
    let bar_height = inner.height.saturating_sub(TEXT_LINES).max(1);
    let h = &app.histograms;
    let mut lines = bars(
        app,
        &h.pool_raw,
        &h.pool_adjusted,
        bar_height,
        theme.pool_bar,
    );
    lines.push(axis(app, inner.width));
    if let Some(pool) = &app.session.baseline.pool {
        lines.push(Line::raw(fill(
            lang,
            Ui::PoolRaw,
            &[("summary", &summary_line(pool, 1))],
        )));
        if let Some(now) = &app.histograms.pool_now {
            let summary = format!(
                "n{} μ{:.1} σ{}",
                now.n,
                now.mean,
                now.sd.map_or("—".to_string(), |sd| format!("{sd:.1}"))
            );
            lines.push(Line::raw(fill(lang, Ui::PoolNow, &[("summary", &summary)])));
        }
    }
    lines.push(Line::styled(t(lang, Ui::BarsLegend), theme.dim));
    Paragraph::new(lines).render(inner, buf);
}

fn rater_panel(app: &App, rater: usize, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let selected = app.selected_rater() == Some(rater);
    let raw_id = &app.session.input.raters[rater].id;
    let id = text::safe(raw_id);
    let mark = if app.is_discussed(&Item::Rater(raw_id.to_string())) {
        "✓"
    } else {
        ""
    };
    let title = if app.privacy {
        format!(" {mark}{id} ")
    } else {
        format!(" {mark}{id} {} ", app.rater_name(rater))
    };
    let title_width = usize::from(area.width.saturating_sub(2));
    let block = Block::bordered()
        .border_type(if selected {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if selected {
            theme.border_selected
        } else {
            theme.border
        })
        .title(Span::styled(
            text::truncate(&title, title_width),
            if selected {
                theme.tab_active
            } else {
                theme.title
            },
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(bias) = app.bias_of(rater) else {
        return;
    };
    let bar_height = inner.height.saturating_sub(TEXT_LINES).max(1);
    let h = &app.histograms;
    let mut lines = bars(
        app,
        &h.raw[rater],
        &h.adjusted[rater],
        bar_height,
        theme.adjusted_bar,
    );
    lines.push(axis(app, inner.width));
    let corrected = bias.transform != crate::engine::transform::Transform::None;
    let now = bias.adjusted.unwrap_or(bias.summary);
    let sd = |s: Option<Decimal>| s.map_or("—".to_string(), |s| fmt(s, 1));
    if corrected {
        // Raw → now, so that the card shows what the correction did.
        lines.push(Line::styled(
            format!(
                " μ{}→{} σ{}→{}",
                fmt(bias.summary.mean, 1),
                fmt(now.mean, 1),
                sd(bias.summary.sd),
                sd(now.sd)
            ),
            theme.good,
        ));
    } else {
        lines.push(Line::raw(format!(" {}", summary_line(&bias.summary, 1))));
    }
    let diff = bias.mean_diff.map_or("—".into(), |d| format!("{d:+.1}"));
    let linked = app.linked_effect(rater).and_then(|e| e.severity).is_some();
    let diff = match (corrected, adjusted_diff(app, rater)) {
        (true, Some(now)) => format!("Δ{diff}→{now:+.1}"),
        // Severity, when measured, says more than g.
        _ if linked => format!("Δ{diff}"),
        _ => format!(
            "Δ{diff} g{}",
            bias.effect_size.map_or("—".into(), |g| format!("{g:+.2}"))
        ),
    };
    let sev = if linked || app.linking {
        fill(
            app.lang,
            Ui::CardSeverity,
            &[("severity", &severity(app, rater))],
        )
    } else {
        String::new()
    };
    lines.push(Line::raw(format!(" {diff}{sev}")));
    lines.push(flag_line(app, bias));
    lines.push(grade_line(app, rater));
    let width = usize::from(inner.width);
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|line| {
            if line.width() > width {
                let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                Line::styled(text::truncate(&text, width), line.style)
            } else {
                line
            }
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// Bias flags with their symbols, and the rater's current transform.
fn flag_line<'a>(app: &App, bias: &RaterBias) -> Line<'a> {
    let theme = &app.theme;
    let lang = app.lang;
    let mut spans = vec![Span::raw(" ")];
    if bias.flags.is_empty() {
        spans.push(Span::styled(
            format!("· {} ", t(lang, Ui::FlagsOk)),
            theme.good,
        ));
    }
    for &flag in &bias.flags {
        spans.push(Span::styled(
            format!("{}{} ", flag.symbol(), bias_flag(lang, flag)),
            theme.bad,
        ));
    }
    if bias.transform != Transform::None {
        spans.push(Span::styled(
            format!("→{}", method(lang, &bias.transform)),
            theme.good,
        ));
    }
    Line::from(spans)
}

/// The rater's adjusted mean minus the mean of every other adjusted
/// rating: Δ after the correction.
fn adjusted_diff(app: &App, rater: usize) -> Option<f64> {
    let bias = app.bias_of(rater)?;
    let mine = bias.adjusted?;
    let pool = app.histograms.pool_now.as_ref()?;
    let n = mine.n as f64;
    let total = pool.n as f64;
    if total <= n {
        return None;
    }
    let mean = mine.mean.to_f64()?;
    Some(mean - (pool.mean * total - mean * n) / (total - n))
}

/// Final grade counts of the rater's people ("S5 A10 …").
fn grade_text(app: &App, rater: usize) -> String {
    let input = &app.session.input;
    let results = app.session.results();
    let mut counts = vec![0usize; input.policy.grades.len()];
    for &i in input.rater_ratings.of(rater) {
        if let Some(g) = results.employees[input.ratings[i].employee].grade {
            counts[g as usize] += 1;
        }
    }
    let text: Vec<String> = input
        .policy
        .grades
        .iter()
        .zip(&counts)
        .map(|(g, c)| format!("{}{c}", g.id))
        .collect();
    text.join(" ")
}

/// Final grade counts of the rater's people.
fn grade_line<'a>(app: &App, rater: usize) -> Line<'a> {
    Line::styled(format!(" {}", grade_text(app, rater)), app.theme.header)
}

fn render_detail(app: &App, area: Rect, buf: &mut Buffer, page: usize, per_page: usize) {
    let theme = &app.theme;
    let lang = app.lang;
    let Some(rater) = app.selected_rater() else {
        Paragraph::new(t(lang, Ui::NoRaters)).render(area, buf);
        return;
    };
    let Some(bias) = app.bias_of(rater) else {
        return;
    };
    let id = text::safe(&app.session.input.raters[rater].id);
    let adjusted = bias.adjusted.unwrap_or(bias.summary);
    let places = app.session.input.policy.score.decimals;
    let pages = app.raters.order.len().div_ceil(per_page).max(1);
    let corrected = bias.transform != crate::engine::transform::Transform::None;
    let grades = &app.session.input.policy.grades;
    let mix = |shares: Vec<f64>| {
        grades
            .iter()
            .zip(shares)
            .map(|(g, s)| format!("{}{:.0}%", g.id, s * 100.0))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let allowed: Vec<f64> = bias
        .allowed_mix
        .iter()
        .map(|a| a.to_f64().unwrap_or(0.0))
        .collect();
    let sd = |s: Option<Decimal>| s.map_or("—".to_string(), |s| fmt(s, places));
    // Figures as pieces, flowed onto the lines at piece boundaries.
    let signed = |d: Option<f64>| d.map_or("—".into(), |d| format!("{d:+.2}"));
    let mut pieces = vec![
        fill(lang, Ui::DetailN, &[("n", &bias.summary.n.to_string())]),
        if corrected {
            fill(
                lang,
                Ui::DetailMeanNow,
                &[
                    ("raw", &fmt(bias.summary.mean, places)),
                    ("now", &fmt(adjusted.mean, places)),
                ],
            )
        } else {
            fill(
                lang,
                Ui::DetailMean,
                &[("mean", &fmt(bias.summary.mean, places))],
            )
        },
        if corrected {
            fill(
                lang,
                Ui::DetailSdNow,
                &[("raw", &sd(bias.summary.sd)), ("now", &sd(adjusted.sd))],
            )
        } else {
            fill(lang, Ui::DetailSd, &[("sd", &sd(bias.summary.sd))])
        },
        fill(
            lang,
            Ui::DetailDiff,
            &[
                ("diff", &signed(bias.mean_diff)),
                (
                    "ci",
                    &match (bias.ci_low, bias.ci_high) {
                        (Some(l), Some(h)) => fill(
                            lang,
                            Ui::DetailCi,
                            &[("low", &format!("{l:+.2}")), ("high", &format!("{h:+.2}"))],
                        ),
                        _ => String::new(),
                    },
                ),
            ],
        ),
    ];
    if let Some(now) = adjusted_diff(app, rater).filter(|_| corrected) {
        pieces.push(fill(
            lang,
            Ui::DetailDiffNow,
            &[("diff", &format!("{now:+.2}"))],
        ));
    }
    pieces.push(fill(
        lang,
        Ui::DetailEffect,
        &[("g", &signed(bias.effect_size))],
    ));
    pieces.push(fill(
        lang,
        Ui::DetailSdRatio,
        &[(
            "ratio",
            &bias.sd_ratio.map_or("—".into(), |r| format!("{r:.2}")),
        )],
    ));
    match app.linked_effect(rater) {
        Some(e) if e.severity.is_some() => pieces.push(fill(
            lang,
            Ui::DetailSeverityPropose,
            &[("severity", &severity(app, rater))],
        )),
        Some(_) => pieces.push(t(lang, Ui::DetailNotLinked).into()),
        None if app.linking => pieces.push(fill(
            lang,
            Ui::DetailSeverity,
            &[("severity", t(lang, Ui::Linking))],
        )),
        None => {}
    }
    pieces.push(fill(
        lang,
        Ui::DetailScale,
        &[("transform", &words::transform(lang, &bias.transform))],
    ));
    pieces.push(fill(
        lang,
        Ui::DetailImplied,
        &[("mix", &mix(bias.implied_mix.clone()))],
    ));
    if let Some(f) = app.session.figures().filter(|_| corrected) {
        let now = crate::engine::bias::implied_mix_now(&app.session, rater, &f.cutoffs);
        pieces.push(fill(lang, Ui::DetailImpliedNow, &[("mix", &mix(now))]));
    }
    pieces.push(fill(lang, Ui::DetailAllowed, &[("mix", &mix(allowed))]));
    let head = if app.privacy {
        format!(" ▶ {id} ")
    } else {
        format!(" ▶ {id} {} ", app.rater_name(rater))
    };
    let width = usize::from(area.width);
    let mut lines = super::flow(&head, &pieces, width, 2);
    let scope = app.focus().map_or(String::new(), |g| {
        fill(
            lang,
            Ui::RatersScope,
            &[("group", &text::safe(&app.session.input.groups[g].id))],
        )
    });
    let footer = [
        fill(
            lang,
            Ui::RatersFooter,
            &[
                ("n", &app.raters.order.len().to_string()),
                ("scope", &scope),
                ("sort", app.raters.sort.label(lang)),
            ],
        ),
        fill(
            lang,
            Ui::Page,
            &[
                ("page", &(page + 1).to_string()),
                ("pages", &pages.to_string()),
            ],
        ),
        t(lang, Ui::CardGrades).into(),
    ];
    lines.extend(super::flow("   ", &footer, width, 1));
    let styled: Vec<Line> = lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| match i {
            0 => Line::styled(l, theme.title),
            1 => Line::raw(l),
            _ => Line::styled(l, theme.dim),
        })
        .collect();
    Paragraph::new(styled).render(area, buf);
}
