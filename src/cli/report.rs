//! `calibra stats`: the rater bias report as a text table or stable JSON.

use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::engine::bias::{self, RaterBias};
use crate::engine::model::{Input, Policy};
use crate::engine::previous::{Previous, Track};
use crate::engine::rater_model::{self, RaterModel, advice};
use crate::engine::session::Session;
use crate::engine::stats::Summary;
use crate::text::{pad_left, pad_right};

/// Places shown for statistics in text: two more than the scores'.
fn stat_places(policy: &Policy) -> u32 {
    policy.score.decimals + 2
}

/// Every rater's bias figures in id order (byte order), as `stats` lists
/// them in text and JSON alike.
fn biases_by_id(session: &Session) -> Vec<RaterBias> {
    let raters = &session.input.raters;
    let mut biases = bias::rater_biases(session);
    biases.sort_by(|a, b| raters[a.rater].id.cmp(&raters[b.rater].id));
    biases
}

/// A statistic in JSON: exact to 6 places, trailing zeros dropped (a mean
/// or sd carries 28 digits otherwise, most of them noise).
fn json_decimal(x: Decimal) -> String {
    x.round_dp(6).normalize().to_string()
}

fn dec(x: Decimal, places: u32) -> String {
    let mut x = x.round_dp(places);
    x.rescale(places);
    x.to_string()
}

fn opt_f64(x: Option<f64>, places: usize) -> String {
    x.map_or_else(|| "—".to_string(), |x| format!("{x:+.places$}"))
}

pub fn stats_text(session: &Session, link_advice: Option<usize>) -> String {
    let input = &session.input;
    let policy = &input.policy;
    let places = stat_places(policy);
    let mut out = String::new();
    let Some(pool) = session.baseline.pool else {
        let _ = writeln!(out, "{}: no ratings.", policy.cycle);
        return out;
    };
    let _ = writeln!(
        out,
        "{} · pool of {} ratings: mean {}, sd {}, median {}, range {} to {}",
        policy.cycle,
        pool.n,
        dec(pool.mean, places),
        pool.sd.map_or("—".into(), |s| dec(s, places)),
        dec(pool.median, places),
        dec(pool.min, places),
        dec(pool.max, places),
    );
    let _ = writeln!(out);
    let grades: Vec<&str> = policy.grades.iter().map(|g| g.id.as_str()).collect();
    let _ = writeln!(
        out,
        "{} {} {} {} {} {} {} {}  {} {}  {}  {}  severity ± SE",
        pad_right("rater", 8),
        pad_right("name", 10),
        pad_left("n", 4),
        pad_left("mean", 8),
        pad_left("sd", 7),
        pad_left("Δmean", 7),
        pad_right("  95% CI", 17),
        pad_left("g", 6),
        pad_left("sd/P", 5),
        pad_right("flags", 16),
        pad_right(&format!("implied {}", grades.join("/")), 26),
        pad_right(&format!("allowed {}", grades.join("/")), 26),
    );
    let model = rater_model::fit(input);
    for b in biases_by_id(session) {
        let rater = &input.raters[b.rater];
        let flags: Vec<String> = b
            .flags
            .iter()
            .map(|f| format!("{}{}", f.symbol(), f.name()))
            .collect();
        let ci = match (b.ci_low, b.ci_high) {
            (Some(low), Some(high)) => format!("[{low:+.2}, {high:+.2}]"),
            _ => "—".to_string(),
        };
        let _ = writeln!(
            out,
            "{} {} {} {} {} {} {} {}  {} {}  {}  {}  {}",
            pad_right(&rater.id, 8),
            pad_right(&rater.name, 10),
            pad_left(&b.summary.n.to_string(), 4),
            pad_left(&dec(b.summary.mean, 2), 8),
            pad_left(&b.summary.sd.map_or("—".into(), |s| dec(s, 2)), 7),
            pad_left(&opt_f64(b.mean_diff, 2), 7),
            pad_right(&format!("  {ci}"), 17),
            pad_left(&opt_f64(b.effect_size, 2), 6),
            pad_left(&b.sd_ratio.map_or("—".into(), |r| format!("{r:.2}")), 5),
            pad_right(&flags.join(" "), 16),
            pad_right(&percentages(b.implied_mix.iter().copied()), 26),
            pad_right(
                &percentages(b.allowed_mix.iter().map(|a| decimal_f64(*a))),
                26
            ),
            severity_text(&model, b.rater),
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Δmean: rater mean minus the mean of all other ratings; 95% CI by Welch; g: Hedges' g; sd/P: sd over pool sd."
    );
    let _ = writeln!(
        out,
        "Flags: ▲lenient / ▼severe when the CI excludes 0 and |g| >= {}; ↔narrow when sd/P < {}; ⇹wide when sd/P > {}; ?small_sample below {} ratings.",
        bias::MEDIUM_EFFECT,
        bias::NARROW_RATIO,
        bias::WIDE_RATIO,
        crate::engine::warnings::SMALL_SAMPLE
    );
    let _ = writeln!(
        out,
        "implied: the rater's grade mix under company-wide cut-offs; allowed: the mix their departments' grades allow (percent)."
    );
    let _ = writeln!(out, "{}", linking_text(&model));
    if let Some(previous) = session.previous() {
        track_text(&mut out, input, previous);
    }
    if let Some(limit) = link_advice {
        let advice = advice::advise(input, limit);
        if advice.is_empty() {
            let _ = writeln!(out, "Linking advice: nothing to join.");
        } else {
            let _ = writeln!(
                out,
                "Linking advice: {} cross-rating(s) that would join a part to the largest part:",
                advice.len()
            );
        }
        for s in &advice {
            let rater = &input.raters[s.rater];
            let employee = &input.employees[s.employee];
            let _ = writeln!(
                out,
                "  {} {} should also rate {} {}: joins {} to {} ({})",
                rater.id,
                rater.name,
                employee.id,
                employee.name,
                s.joins[1],
                s.joins[0],
                s.why.as_str()
            );
        }
    }
    out
}

/// The raters' track records in the previous cycle (README: stats).
fn track_text(out: &mut String, input: &Input, previous: &Previous) {
    let _ = writeln!(out);
    if !previous.carries_track_record() {
        let _ = writeln!(
            out,
            "Previous cycle ({}): no track record (the file lacks raters, raw_score, final_score or auto_grade).",
            previous.file
        );
        return;
    }
    let places = stat_places(&input.policy);
    let _ = writeln!(out, "Previous cycle ({}):", previous.file);
    let _ = writeln!(
        out,
        "  {} {} {} {} {} {}",
        pad_right("rater", 8),
        pad_left("people", 6),
        pad_left("Δmean", 9),
        pad_left("correction", 10),
        pad_left("rescored", 8),
        pad_left("overridden", 10),
    );
    for (r, rater) in input.raters.iter().enumerate() {
        let Some(track) = previous.track(r) else {
            continue;
        };
        let _ = writeln!(
            out,
            "  {} {} {} {} {} {}",
            pad_right(&rater.id, 8),
            pad_left(&track.people.to_string(), 6),
            pad_left(
                &track.mean_delta.map_or("—".into(), |d| signed(d, places)),
                9
            ),
            pad_left(&signed(track.mean_correction, places), 10),
            pad_left(&track.rescored.to_string(), 8),
            pad_left(&track.overridden.to_string(), 10),
        );
    }
    let _ = writeln!(
        out,
        "Δmean: their people's mean raw score minus every other person's; correction: mean final minus raw score; rescored: final score not the raw one; overridden: grade not the auto grade."
    );
}

/// `+1.25`, `-0.50`, `0.00`: a difference with its sign, to `places`.
fn signed(x: Decimal, places: u32) -> String {
    let text = dec(x, places);
    if x.round_dp(places).is_zero() || text.starts_with('-') {
        text
    } else {
        format!("+{text}")
    }
}

/// `+1.17 ± 0.68`, `+1.17 ± —` without degrees of freedom, `—` when alone.
fn severity_text(model: &RaterModel, rater: usize) -> String {
    let effect = model.raters[rater];
    match effect.severity {
        None => "— (alone in their part)".to_string(),
        Some(s) => format!(
            "{s:+.2} ± {}",
            effect
                .severity_se
                .map_or("—".into(), |se| format!("{se:.2}"))
        ),
    }
}

/// One line on how the raters are linked, and the agreement figures.
fn linking_text(model: &RaterModel) -> String {
    let largest = model.components.iter().map(|c| c.raters).max().unwrap_or(0);
    let icc = |x: Option<f64>| x.map_or("—".into(), |x| format!("{x:.2}"));
    let a = &model.agreement;
    let unconverged: Vec<&str> = model
        .components
        .iter()
        .filter(|c| {
            c.solve.is_some_and(|s| !s.converged) || c.probes_solve.is_some_and(|s| !s.converged)
        })
        .map(|c| c.id.as_str())
        .collect();
    let warning = if unconverged.is_empty() {
        String::new()
    } else {
        format!(
            " The solver stopped before its tolerance in part(s) {}: read their figures as rough.",
            unconverged.join(", ")
        )
    };
    format!(
        "Linking: {} part(s) of two or more raters (largest {} raters), {} rater(s) alone; severity: rater effect of the two-way fit score = employee + rater (positive is lenient), residual df {}. Agreement over {} employees rated twice or more: ICC(1,1) {}, ICC(2,1) {}, ICC(3,1) {}.{}",
        model.components.len(),
        largest,
        model.unlinked_raters,
        model.df,
        a.employees,
        icc(a.icc1),
        icc(a.icc2),
        icc(a.icc3),
        warning,
    )
}

fn decimal_f64(x: Decimal) -> f64 {
    rust_decimal::prelude::ToPrimitive::to_f64(&x).unwrap_or(0.0)
}

fn percentages(shares: impl Iterator<Item = f64>) -> String {
    shares
        .map(|s| format!("{:.0}", s * 100.0))
        .collect::<Vec<_>>()
        .join("/")
}

/// Rounds inferential figures so the JSON is stable across platforms.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[derive(Serialize)]
struct StatsJson<'a> {
    cycle: &'a str,
    pool: Option<PoolJson>,
    raters: Vec<RaterJson<'a>>,
    /// Only with `--link-advice N`.
    #[serde(skip_serializing_if = "Option::is_none")]
    link_advice: Option<Vec<AdviceJson<'a>>>,
}

#[derive(Serialize)]
struct AdviceJson<'a> {
    rater: &'a str,
    employee: &'a str,
    joins: [String; 2],
    why: &'static str,
}

/// The pool's summary, then the linking of raters (contract 6.7).
#[derive(Serialize)]
struct PoolJson {
    #[serde(flatten)]
    summary: SummaryJson,
    components: Vec<ComponentJson>,
    unlinked_raters: usize,
    agreement: AgreementJson,
}

#[derive(Serialize)]
struct ComponentJson {
    id: String,
    raters: usize,
    employees: usize,
    ratings: usize,
}

#[derive(Serialize)]
struct AgreementJson {
    employees: usize,
    ratings: usize,
    icc_1_1: Option<f64>,
    icc_2_1: Option<f64>,
    icc_3_1: Option<f64>,
}

#[derive(Serialize)]
struct SummaryJson {
    n: usize,
    mean: String,
    sd: Option<String>,
    median: String,
    min: String,
    max: String,
}

impl From<&Summary> for SummaryJson {
    fn from(s: &Summary) -> Self {
        SummaryJson {
            n: s.n,
            mean: json_decimal(s.mean),
            sd: s.sd.map(json_decimal),
            median: json_decimal(s.median),
            min: json_decimal(s.min),
            max: json_decimal(s.max),
        }
    }
}

#[derive(Serialize)]
struct RaterJson<'a> {
    id: &'a str,
    name: &'a str,
    n: usize,
    mean: String,
    sd: Option<String>,
    median: String,
    min: String,
    max: String,
    mean_diff: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    effect_size: Option<f64>,
    sd_ratio: Option<f64>,
    flags: Vec<&'static str>,
    implied_mix: Mix<'a>,
    allowed_mix: Mix<'a>,
    transform: String,
    adjusted: Option<SummaryJson>,
    severity: Option<f64>,
    severity_se: Option<f64>,
    component: Option<&'a str>,
    peer_grade: Option<&'a str>,
    peer_mean_diff: Option<f64>,
    peer_ci_low: Option<f64>,
    peer_ci_high: Option<f64>,
    peer_effect_size: Option<f64>,
    /// Only with `--previous`: the rater's track record there (`null`
    /// when the file has none, or nobody of theirs).
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<Option<TrackJson>>,
}

/// A rater's track record in the previous cycle (README: stats).
#[derive(Serialize)]
struct TrackJson {
    people: usize,
    mean_delta: Option<String>,
    mean_correction: String,
    rescored: usize,
    overridden: usize,
}

impl TrackJson {
    fn new(track: &Track, places: u32) -> Self {
        TrackJson {
            people: track.people,
            mean_delta: track.mean_delta.map(|d| dec(d, places)),
            mean_correction: dec(track.mean_correction, places),
            rescored: track.rescored,
            overridden: track.overridden,
        }
    }
}

/// Shares per grade, written as an object in the policy's grade order.
struct Mix<'a>(Vec<(&'a str, f64)>);

impl Serialize for Mix<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (grade, share) in &self.0 {
            map.serialize_entry(grade, share)?;
        }
        map.end()
    }
}

pub fn stats_json(session: &Session, link_advice: Option<usize>) -> String {
    let input = &session.input;
    let grades: Vec<&str> = input.policy.grades.iter().map(|g| g.id.as_str()).collect();
    let mix = |shares: Vec<f64>| {
        Mix(grades
            .iter()
            .copied()
            .zip(shares.into_iter().map(round4))
            .collect())
    };
    let model = rater_model::fit(input);
    let raters = biases_by_id(session)
        .into_iter()
        .map(|b: RaterBias| {
            let rater = &input.raters[b.rater];
            let summary = SummaryJson::from(&b.summary);
            RaterJson {
                id: &rater.id,
                name: &rater.name,
                n: summary.n,
                mean: summary.mean,
                sd: summary.sd,
                median: summary.median,
                min: summary.min,
                max: summary.max,
                mean_diff: b.mean_diff.map(round4),
                ci_low: b.ci_low.map(round4),
                ci_high: b.ci_high.map(round4),
                effect_size: b.effect_size.map(round4),
                sd_ratio: b.sd_ratio.map(round4),
                flags: b.flags.iter().map(|f| f.name()).collect(),
                implied_mix: mix(b.implied_mix),
                allowed_mix: mix(b.allowed_mix.iter().map(|a| decimal_f64(*a)).collect()),
                transform: b.transform.method().to_string(),
                adjusted: b.adjusted.as_ref().map(SummaryJson::from),
                severity: model.raters[b.rater].severity.map(round4),
                severity_se: model.raters[b.rater].severity_se.map(round4),
                component: model.raters[b.rater]
                    .component
                    .and_then(|c| model.components.get(c))
                    .map(|c| c.id.as_str()),
                peer_grade: b
                    .peer_grade
                    .and_then(|g| input.policy.department_grades.get(g))
                    .map(String::as_str),
                peer_mean_diff: b.peer_mean_diff.map(round4),
                peer_ci_low: b.peer_ci_low.map(round4),
                peer_ci_high: b.peer_ci_high.map(round4),
                peer_effect_size: b.peer_effect_size.map(round4),
                previous: session.previous().map(|p| {
                    p.track(b.rater)
                        .map(|t| TrackJson::new(t, stat_places(&input.policy)))
                }),
            }
        })
        .collect();
    let doc = StatsJson {
        cycle: &input.policy.cycle,
        pool: session.baseline.pool.as_ref().map(|p| PoolJson {
            summary: SummaryJson::from(p),
            components: model
                .components
                .iter()
                .map(|c| ComponentJson {
                    id: c.id.clone(),
                    raters: c.raters,
                    employees: c.employees,
                    ratings: c.ratings,
                })
                .collect(),
            unlinked_raters: model.unlinked_raters,
            agreement: AgreementJson {
                employees: model.agreement.employees,
                ratings: model.agreement.ratings,
                icc_1_1: model.agreement.icc1.map(round4),
                icc_2_1: model.agreement.icc2.map(round4),
                icc_3_1: model.agreement.icc3.map(round4),
            },
        }),
        raters,
        link_advice: link_advice.map(|limit| {
            advice::advise(input, limit)
                .into_iter()
                .map(|s| AdviceJson {
                    rater: &input.raters[s.rater].id,
                    employee: &input.employees[s.employee].id,
                    joins: s.joins,
                    why: s.why.as_str(),
                })
                .collect()
        }),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
