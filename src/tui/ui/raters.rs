//! Screen 1: every rater's distribution side by side on the same bins and
//! scale, raw (░, left of each pair) and adjusted (█, right), with the pool as
//! the reference in the first panel.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::engine::bias::RaterBias;
use crate::engine::decision::Item;
use crate::engine::stats::Summary;
use crate::text;
use crate::tui::app::App;
use crate::tui::histogram::BINS;

/// Smallest panel: 10 bins of two columns, borders and a margin.
const PANEL_WIDTH: u16 = 24;
const PANEL_HEIGHT: u16 = 13;
/// Text lines under the bars.
const TEXT_LINES: u16 = 5;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let [grid, detail] =
        Layout::vertical([Constraint::Min(PANEL_HEIGHT), Constraint::Length(3)]).areas(area);
    let columns = (grid.width / PANEL_WIDTH).max(1);
    // As many rows as the raters need (plus the pool panel), as fits.
    let needed = (app.raters.order.len() as u16 + 1).div_ceil(columns);
    let rows = (grid.height / PANEL_HEIGHT).clamp(1, needed.max(1));
    let per_page = usize::from(columns * rows).saturating_sub(1).max(1);
    let page = app.raters.selected / per_page;
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
    .split(grid);
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
                let raw_char = if raw_h - level >= 0.5 { '░' } else { ' ' };
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
    let gap = inner.saturating_sub(lo.len() + hi.len());
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
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border)
        .title(Span::styled(" POOL (reference) ", theme.title));
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
        lines.push(Line::raw(format!(" raw {}", summary_line(pool, 1))));
        if let Some(now) = &app.histograms.pool_now {
            lines.push(Line::raw(format!(
                " now n{} μ{:.1} σ{}",
                now.n,
                now.mean,
                now.sd.map_or("—".to_string(), |sd| format!("{sd:.1}"))
            )));
        }
    }
    lines.push(Line::styled(" ░ raw  █ adjusted", theme.dim));
    Paragraph::new(lines).render(inner, buf);
}

fn rater_panel(app: &App, rater: usize, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let selected = app.selected_rater() == Some(rater);
    let raw_id = &app.session.input.raters[rater].id;
    let id = text::safe(raw_id);
    let mark = if app.is_discussed(&Item::Rater(raw_id.clone())) {
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
    lines.push(Line::raw(format!(" {}", summary_line(&bias.summary, 1))));
    lines.push(Line::raw(format!(
        " Δ{} g{}",
        bias.mean_diff.map_or("—".into(), |d| format!("{d:+.1}")),
        bias.effect_size.map_or("—".into(), |g| format!("{g:+.2}"))
    )));
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
    let mut spans = vec![Span::raw(" ")];
    if bias.flags.is_empty() {
        spans.push(Span::styled("· ok ", theme.good));
    }
    for flag in &bias.flags {
        spans.push(Span::styled(
            format!("{}{} ", flag.symbol(), flag.name()),
            theme.bad,
        ));
    }
    if bias.transform != crate::engine::transform::Transform::None {
        spans.push(Span::styled(
            format!("→{}", bias.transform.method()),
            theme.good,
        ));
    }
    Line::from(spans)
}

/// Final grade counts of the rater's people.
fn grade_line<'a>(app: &App, rater: usize) -> Line<'a> {
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
    Line::styled(format!(" {}", text.join(" ")), app.theme.header)
}

fn render_detail(app: &App, area: Rect, buf: &mut Buffer, page: usize, per_page: usize) {
    let theme = &app.theme;
    let Some(rater) = app.selected_rater() else {
        Paragraph::new(" No ratings yet.").render(area, buf);
        return;
    };
    let Some(bias) = app.bias_of(rater) else {
        return;
    };
    let id = text::safe(&app.session.input.raters[rater].id);
    let adjusted = bias.adjusted.unwrap_or(bias.summary);
    let places = app.session.input.policy.score.decimals;
    let pages = app.raters.order.len().div_ceil(per_page).max(1);
    let first = Line::from(vec![
        Span::styled(
            if app.privacy {
                format!(" ▶ {id} ")
            } else {
                format!(" ▶ {id} {} ", app.rater_name(rater))
            },
            theme.title,
        ),
        Span::raw(format!(
            "n {} · mean {} → {} · sd {} → {} · Δ vs others {} (95% CI {}) · g {} · sd/pool {}",
            bias.summary.n,
            fmt(bias.summary.mean, places),
            fmt(adjusted.mean, places),
            bias.summary.sd.map_or("—".into(), |s| fmt(s, places)),
            adjusted.sd.map_or("—".into(), |s| fmt(s, places)),
            bias.mean_diff.map_or("—".into(), |d| format!("{d:+.2}")),
            match (bias.ci_low, bias.ci_high) {
                (Some(l), Some(h)) => format!("{l:+.2}…{h:+.2}"),
                _ => "—".into(),
            },
            bias.effect_size.map_or("—".into(), |g| format!("{g:+.2}")),
            bias.sd_ratio.map_or("—".into(), |r| format!("{r:.2}")),
        )),
    ]);
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
    let second = Line::from(vec![
        Span::raw(format!("   scale: {} · ", bias.transform)),
        Span::raw(format!(
            "implied mix {} · allowed {}",
            mix(bias.implied_mix.clone()),
            mix(allowed)
        )),
    ]);
    let third = Line::styled(
        format!(
            "   raters sorted by {} · page {}/{} · {} raters",
            app.raters.sort.label(),
            page + 1,
            pages,
            app.raters.order.len()
        ),
        theme.dim,
    );
    Paragraph::new(vec![first, second, third]).render(area, buf);
}
