//! Rater effects from linked ratings (contract 6.7), advisory.
//!
//! Raters and employees form a graph with an edge per rating. In every
//! connected part with two or more raters, raw score = theta(E) + beta(R) +
//! error is fitted by ordinary least squares, one observation per rating,
//! with sum over the part's raters of n_R beta(R) = 0. beta(R), the rater's
//! *severity*, is positive for a lenient rater.
//!
//! - [`graph`]: the parts, and each part's reduced normal equations (the
//!   employee effects eliminated: a Laplacian over the part's raters).
//! - [`solve`]: conjugate gradients and a dense Cholesky factor.
//! - [`se`]: the standard errors, exact for parts up to [`EXACT_LIMIT`]
//!   raters, sketched above.
//! - [`agreement`]: the intraclass correlations.
//!
//! Everything here is f64: the figures are advice, not grades.

pub mod advice;
pub mod agreement;
pub mod graph;
pub mod se;
pub mod solve;

#[cfg(test)]
mod tests;

use crate::engine::model::Input;
use agreement::Agreement;
use graph::{Parts, System};
use se::Linked;
use solve::Convergence;

/// Parts with at most this many raters get exact standard errors and an
/// exact (Cholesky) solve. The dense work grows as the cube of the part's
/// raters (measured: 200 raters 2 ms, 400 raters 18 ms, 2,000 raters 1.4 s),
/// so at this limit even 50,000 raters in parts of 200 take about half a
/// second; the sketch above it is within a few percent (rms 2.3% on 2,000
/// raters, see `benches/rater_model.rs`).
pub const EXACT_LIMIT: usize = 200;
/// Relative residual at which conjugate gradients stop for the severities.
pub const TOLERANCE: f64 = 1e-10;
/// Random sign vectors of the standard-error sketch for large parts.
pub const PROBES: usize = 64;
/// Relative residual at which the sketch's probe solves stop: the sketch's
/// own sampling error (a few percent) dwarfs it; 1e-6 gave the same errors
/// to 0.1% against the exact SEs with 60% more iterations.
pub const PROBE_TOLERANCE: f64 = 1e-4;
/// Cap on conjugate-gradient iterations.
pub const MAX_ITERATIONS: usize = 20_000;

/// How a part's standard errors were computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SeMethod {
    /// The diagonal of the constrained inverse, from a dense factor.
    Exact,
    /// The sketch of [`se::sketch`] with this many probes.
    Sketch { probes: usize },
}

/// A connected part with two or more raters.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// The smallest rater id of the part (byte order).
    pub id: String,
    pub raters: usize,
    pub employees: usize,
    pub ratings: usize,
    pub se_method: SeMethod,
    /// The conjugate-gradient solves of the part (`None` for a Cholesky solve):
    /// the severities', then the worst of the sketch's probes.
    pub solve: Option<Convergence>,
    pub probes_solve: Option<Convergence>,
}

/// One rater's figures; all `None` for a rater alone in their part.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RaterEffect {
    pub severity: Option<f64>,
    pub severity_se: Option<f64>,
    /// Index into [`RaterModel::components`].
    pub component: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RaterModel {
    /// Per rater, in input order.
    pub raters: Vec<RaterEffect>,
    /// Parts with two or more raters, by id.
    pub components: Vec<Component>,
    /// Raters alone in their part (raters with no rating included).
    pub unlinked_raters: usize,
    /// Residual sum of squares and its degrees of freedom N - E - R + C,
    /// pooled over every part fitted.
    pub rss: f64,
    pub df: usize,
    pub agreement: Agreement,
}

/// Knobs of the fit; [`fit`] uses the constants above.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub exact_limit: usize,
    pub probes: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            exact_limit: EXACT_LIMIT,
            probes: PROBES,
        }
    }
}

pub fn fit(input: &Input) -> RaterModel {
    fit_with(input, Settings::default())
}

/// A 64-bit FNV-1a hash of a text, for order-free random signs.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

fn linked(input: &Input, parts: &Parts, part: &graph::PartGraph) -> Linked {
    let mut linked = Linked {
        starts: vec![0],
        ..Linked::default()
    };
    for &e in &part.linked_employees {
        let employee = fnv(&input.employees[e].id);
        for &i in input.employee_ratings.of(e) {
            let rater = input.ratings[i].rater;
            linked.raters.push(parts.local[rater] as u32);
            linked
                .keys
                .push(employee ^ fnv(&input.raters[rater].id).rotate_left(29));
        }
        linked.starts.push(linked.raters.len());
    }
    linked
}

/// The severities (before the constraint) and M_rr of one part.
fn fit_part(
    input: &Input,
    parts: &Parts,
    part: &graph::PartGraph,
    system: &System,
    settings: Settings,
) -> (Vec<f64>, Vec<f64>, Component) {
    let mut component = Component {
        id: input.raters[part.raters[0]].id.to_string(),
        raters: part.raters.len(),
        employees: part.employees,
        ratings: part.ratings,
        se_method: SeMethod::Exact,
        solve: None,
        probes_solve: None,
    };
    if part.raters.len() <= settings.exact_limit
        && let Some((beta, diagonal)) = se::exact(system)
    {
        return (beta, diagonal, component);
    }
    let (beta, convergence) = solve::pcg(&system.laplacian, &system.rhs, TOLERANCE, MAX_ITERATIONS);
    component.solve = Some(convergence);
    let (diagonal, probes) = se::sketch(
        system,
        &linked(input, parts, part),
        settings.probes,
        PROBE_TOLERANCE,
        MAX_ITERATIONS,
    );
    component.se_method = SeMethod::Sketch {
        probes: settings.probes,
    };
    component.probes_solve = Some(probes);
    (beta, diagonal, component)
}

pub fn fit_with(input: &Input, settings: Settings) -> RaterModel {
    let parts = Parts::of(input);
    // Any centre will do (theta absorbs it); the middle of the score range
    // keeps squares small without a pass over every rating.
    let score = &input.policy.score;
    let centre = graph::decimal(score.min + score.max) / 2.0;
    let mut raters = vec![RaterEffect::default(); input.raters.len()];
    let mut variance = vec![0.0; input.raters.len()];
    let mut components = Vec::new();
    let mut unlinked_raters = 0;
    let (mut rss, mut df) = (0.0f64, 0usize);
    for part in &parts.parts {
        if part.raters.len() < 2 {
            unlinked_raters += part.raters.len();
            continue;
        }
        let system = graph::system(input, &parts, part, centre);
        let (mut beta, diagonal, component) = fit_part(input, &parts, part, &system, settings);
        let total: f64 = system.counts.iter().sum();
        let shift = system
            .counts
            .iter()
            .zip(&beta)
            .map(|(c, b)| c * b)
            .sum::<f64>()
            / total;
        beta.iter_mut().for_each(|b| *b -= shift);
        for &e in &part.linked_employees {
            let ratings = input.employee_ratings.of(e);
            let m = ratings.len() as f64;
            let residual = |i: usize| {
                graph::score(input, i, centre) - beta[parts.local[input.ratings[i].rater]]
            };
            let theta = ratings.iter().map(|&i| residual(i)).sum::<f64>() / m;
            rss += ratings
                .iter()
                .map(|&i| (residual(i) - theta).powi(2))
                .sum::<f64>();
        }
        df += (part.ratings + 1).saturating_sub(part.employees + part.raters.len());
        let index = components.len();
        for (l, &r) in part.raters.iter().enumerate() {
            raters[r] = RaterEffect {
                severity: Some(beta[l]),
                severity_se: None,
                component: Some(index),
            };
            variance[r] = diagonal[l];
        }
        components.push(component);
    }
    if df > 0 {
        let s2 = rss / df as f64;
        for (effect, v) in raters.iter_mut().zip(&variance) {
            if effect.severity.is_some() {
                effect.severity_se = Some((s2 * v).sqrt());
            }
        }
    }
    let agreement = agreement::agreement(input, &parts, rss, centre);
    RaterModel {
        raters,
        components,
        unlinked_raters,
        rss,
        df,
        agreement,
    }
}
