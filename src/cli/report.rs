//! `calibra stats`: the rater bias report as a text table or stable JSON.

use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::engine::bias::{self, BiasFlag, RaterBias};
use crate::engine::model::{Input, Policy};
use crate::engine::previous::{Previous, Track};
use crate::engine::rater_model::{self, RaterModel, advice};
use crate::engine::session::Session;
use crate::engine::stats::Summary;
use crate::i18n::{Lang, Report, fill, t};
use crate::text::{self, pad_left, pad_right};

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

pub fn stats_text(session: &Session, link_advice: Option<usize>, lang: Lang) -> String {
    let input = &session.input;
    let policy = &input.policy;
    let places = stat_places(policy);
    let mut out = String::new();
    let Some(pool) = session.baseline.pool else {
        let _ = writeln!(
            out,
            "{}",
            fill(lang, Report::NoRatings, &[("cycle", &policy.cycle)])
        );
        return out;
    };
    let _ = writeln!(
        out,
        "{}",
        fill(
            lang,
            Report::Pool,
            &[
                ("cycle", &policy.cycle),
                ("n", &pool.n.to_string()),
                ("mean", &dec(pool.mean, places)),
                ("sd", &pool.sd.map_or("—".into(), |s| dec(s, places))),
                ("median", &dec(pool.median, places)),
                ("min", &dec(pool.min, places)),
                ("max", &dec(pool.max, places)),
            ],
        )
    );
    let _ = writeln!(out);
    let grades: Vec<&str> = policy.grades.iter().map(|g| g.id.as_str()).collect();
    let grades = grades.join("/");
    let implied = fill(lang, Report::ColImplied, &[("grades", &grades)]);
    let allowed = fill(lang, Report::ColAllowed, &[("grades", &grades)]);
    let mut columns = [
        left(0, 8),
        left(1, 10),
        right(1, 4),
        right(1, 8),
        right(1, 7),
        right(1, 7),
        left(1, 17),
        right(1, 6),
        right(2, 5),
        left(1, 16),
        left(2, 26),
        left(2, 26),
        left(2, 0),
    ];
    let titles = [
        t(lang, Report::ColRater),
        t(lang, Report::ColName),
        t(lang, Report::ColN),
        t(lang, Report::ColMean),
        t(lang, Report::ColSd),
        t(lang, Report::ColMeanDiff),
        t(lang, Report::ColCi),
        t(lang, Report::ColG),
        t(lang, Report::ColSdRatio),
        t(lang, Report::ColFlags),
        &implied,
        &allowed,
        t(lang, Report::ColSeverity),
    ];
    let _ = writeln!(out, "{}", header(&mut columns, &titles));
    let model = rater_model::fit(input);
    for b in biases_by_id(session) {
        let rater = &input.raters[b.rater];
        let flags: Vec<String> = b.flags.iter().map(|&f| flag(lang, f)).collect();
        let ci = match (b.ci_low, b.ci_high) {
            (Some(low), Some(high)) => format!("[{low:+.2}, {high:+.2}]"),
            _ => "—".to_string(),
        };
        let _ = writeln!(
            out,
            "{}",
            row(
                &columns,
                &[
                    &rater.id,
                    &rater.name,
                    &b.summary.n.to_string(),
                    &dec(b.summary.mean, 2),
                    &b.summary.sd.map_or("—".into(), |s| dec(s, 2)),
                    &opt_f64(b.mean_diff, 2),
                    &format!("  {ci}"),
                    &opt_f64(b.effect_size, 2),
                    &b.sd_ratio.map_or("—".into(), |r| format!("{r:.2}")),
                    &flags.join(" "),
                    &percentages(b.implied_mix.iter().copied()),
                    &percentages(b.allowed_mix.iter().map(|a| decimal_f64(*a))),
                    &severity_text(lang, &model, b.rater),
                ]
            )
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", t(lang, Report::NoteColumns));
    let _ = writeln!(
        out,
        "{}",
        fill(
            lang,
            Report::NoteFlags,
            &[
                ("lenient", &flag(lang, BiasFlag::Lenient)),
                ("severe", &flag(lang, BiasFlag::Severe)),
                ("narrowed", &flag(lang, BiasFlag::Narrow)),
                ("widened", &flag(lang, BiasFlag::Wide)),
                ("small_sample", &flag(lang, BiasFlag::SmallSample)),
                ("effect", &bias::MEDIUM_EFFECT.to_string()),
                ("narrow", &bias::NARROW_RATIO.to_string()),
                ("wide", &bias::WIDE_RATIO.to_string()),
                ("small", &crate::engine::warnings::SMALL_SAMPLE.to_string()),
            ],
        )
    );
    let _ = writeln!(out, "{}", t(lang, Report::NoteMix));
    let _ = writeln!(out, "{}", linking_text(lang, &model));
    if let Some(previous) = session.previous() {
        track_text(&mut out, input, previous, lang);
    }
    if let Some(limit) = link_advice {
        let advice = advice::advise(input, limit);
        if advice.is_empty() {
            let _ = writeln!(out, "{}", t(lang, Report::AdviceNone));
        } else {
            let n = advice.len().to_string();
            let _ = writeln!(out, "{}", fill(lang, Report::AdviceHead, &[("n", &n)]));
        }
        for s in &advice {
            let rater = &input.raters[s.rater];
            let employee = &input.employees[s.employee];
            let _ = writeln!(
                out,
                "{}",
                fill(
                    lang,
                    Report::Advice,
                    &[
                        ("rater", &format!("{} {}", rater.id, rater.name)),
                        ("employee", &format!("{} {}", employee.id, employee.name)),
                        ("part", &s.joins[1]),
                        ("largest", &s.joins[0]),
                        ("why", t(lang, Report::why(s.why))),
                    ],
                )
            );
        }
    }
    out
}

/// `▲lenient`: a rater's flag, its symbol and its word.
fn flag(lang: Lang, flag: BiasFlag) -> String {
    format!("{}{}", flag.symbol(), t(lang, Report::flag(flag)))
}

/// One column of a text table: the spaces before it, its width (0: a last
/// column, left unpadded) and which side its cells keep to.
#[derive(Clone, Copy)]
struct Column {
    gap: usize,
    width: usize,
    right: bool,
}

const fn left(gap: usize, width: usize) -> Column {
    Column {
        gap,
        width,
        right: false,
    }
}

const fn right(gap: usize, width: usize) -> Column {
    Column {
        gap,
        width,
        right: true,
    }
}

/// The header line, each column first widened to its title in the
/// language shown (a Chinese title takes two columns a character).
fn header(columns: &mut [Column], titles: &[&str]) -> String {
    for (column, title) in columns.iter_mut().zip(titles) {
        if column.width > 0 {
            column.width = column.width.max(text::width(title));
        }
    }
    row(columns, titles)
}

/// One line of cells, each cut or padded to its column by display width.
fn row(columns: &[Column], cells: &[&str]) -> String {
    let mut line = String::new();
    for (column, cell) in columns.iter().zip(cells) {
        line.push_str(&" ".repeat(column.gap));
        line.push_str(&match column.width {
            0 => (*cell).to_string(),
            w if column.right => pad_left(cell, w),
            w => pad_right(cell, w),
        });
    }
    line
}

/// The raters' track records in the previous cycle (README: stats).
fn track_text(out: &mut String, input: &Input, previous: &Previous, lang: Lang) {
    let _ = writeln!(out);
    let file = [("file", previous.file.as_str())];
    if !previous.carries_track_record() {
        let _ = writeln!(out, "{}", fill(lang, Report::TrackNone, &file));
        return;
    }
    let places = stat_places(&input.policy);
    let _ = writeln!(out, "{}", fill(lang, Report::TrackHead, &file));
    let mut columns = [
        left(2, 8),
        right(1, 6),
        right(1, 9),
        right(1, 10),
        right(1, 8),
        right(1, 10),
    ];
    let titles = [
        Report::ColRater,
        Report::ColPeople,
        Report::ColTrackDiff,
        Report::ColCorrection,
        Report::ColRescored,
        Report::ColOverridden,
    ]
    .map(|title| t(lang, title));
    let _ = writeln!(out, "{}", header(&mut columns, &titles));
    for (r, rater) in input.raters.iter().enumerate() {
        let Some(track) = previous.track(r) else {
            continue;
        };
        let _ = writeln!(
            out,
            "{}",
            row(
                &columns,
                &[
                    &rater.id,
                    &track.people.to_string(),
                    &track.mean_delta.map_or("—".into(), |d| signed(d, places)),
                    &signed(track.mean_correction, places),
                    &track.rescored.to_string(),
                    &track.overridden.to_string(),
                ]
            )
        );
    }
    let _ = writeln!(out, "{}", t(lang, Report::NoteTrack));
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
fn severity_text(lang: Lang, model: &RaterModel, rater: usize) -> String {
    let effect = model.raters[rater];
    match effect.severity {
        None => t(lang, Report::AloneInPart).to_string(),
        Some(s) => format!(
            "{s:+.2} ± {}",
            effect
                .severity_se
                .map_or("—".into(), |se| format!("{se:.2}"))
        ),
    }
}

/// One line on how the raters are linked, and the agreement figures.
fn linking_text(lang: Lang, model: &RaterModel) -> String {
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
    let unconverged = if unconverged.is_empty() {
        String::new()
    } else {
        let parts = unconverged.join(t(lang, Report::ListSeparator));
        fill(lang, Report::Unconverged, &[("parts", &parts)])
    };
    fill(
        lang,
        Report::Linking,
        &[
            ("parts", &model.components.len().to_string()),
            ("largest", &largest.to_string()),
            ("alone", &model.unlinked_raters.to_string()),
            ("df", &model.df.to_string()),
            ("employees", &a.employees.to_string()),
            ("icc1", &icc(a.icc1)),
            ("icc2", &icc(a.icc2)),
            ("icc3", &icc(a.icc3)),
            ("unconverged", &unconverged),
        ],
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
