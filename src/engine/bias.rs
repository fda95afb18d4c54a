//! Rater bias statistics for the committee (the `stats` command and the
//! raters screen): how far each rater sits from everyone else, how sure we
//! are of it, and what grade mix the rater's scores imply.
//!
//! Descriptive figures are exact decimals (contract 4.1). The inferential
//! ones (Welch interval, Hedges' g) are approximations by nature and use f64.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use statrs::distribution::{ContinuousCDF, StudentsT};

use super::quota::{fill, group_quotas, hamilton};
use super::session::Session;
use super::stats::Summary;
use super::transform::Transform;
use super::warnings::SMALL_SAMPLE;

/// A rater's mean is called lenient (severe) when the 95% interval of its
/// difference from all other ratings lies wholly above (below) zero and the
/// effect is at least medium: |Hedges' g| >= 0.5.
pub const MEDIUM_EFFECT: f64 = 0.5;
/// sd_R / sd_P below this: the rater squeezes everyone together.
pub const NARROW_RATIO: f64 = 0.5;
/// sd_R / sd_P above this: the rater spreads people unusually far apart.
pub const WIDE_RATIO: f64 = 1.5;

/// A bias flag, with its name in the JSON output and a symbol for screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BiasFlag {
    Lenient,
    Severe,
    Narrow,
    Wide,
    SmallSample,
}

impl BiasFlag {
    pub fn name(self) -> &'static str {
        match self {
            BiasFlag::Lenient => "lenient",
            BiasFlag::Severe => "severe",
            BiasFlag::Narrow => "narrow",
            BiasFlag::Wide => "wide",
            BiasFlag::SmallSample => "small_sample",
        }
    }

    /// A symbol that carries the meaning without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            BiasFlag::Lenient => "▲",
            BiasFlag::Severe => "▼",
            BiasFlag::Narrow => "↔",
            BiasFlag::Wide => "⇹",
            BiasFlag::SmallSample => "?",
        }
    }
}

/// Everything `stats` reports about one rater.
#[derive(Debug, Clone, PartialEq)]
pub struct RaterBias {
    pub rater: usize,
    pub summary: Summary,
    /// The rater's mean minus the mean of all other raters' ratings.
    pub mean_diff: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Hedges' g of the rater's ratings against all other ratings.
    pub effect_size: Option<f64>,
    /// sd_R / sd_P.
    pub sd_ratio: Option<f64>,
    pub flags: Vec<BiasFlag>,
    /// Share of the rater's ratings per grade under the company-wide cut-offs.
    pub implied_mix: Vec<f64>,
    /// Share per grade that the rater's people's department grades allow.
    pub allowed_mix: Vec<Decimal>,
    /// The rater's current transform and its effect.
    pub transform: Transform,
    pub adjusted: Option<Summary>,
    /// The department grade most of the rater's people's departments hold
    /// (ties: the better grade); index into the policy's department grades.
    pub peer_grade: Option<usize>,
    /// The rater's mean minus the mean of the ratings of the other raters
    /// with the same peer grade, its Welch 95% interval and Hedges' g.
    pub peer_mean_diff: Option<f64>,
    pub peer_ci_low: Option<f64>,
    pub peer_ci_high: Option<f64>,
    pub peer_effect_size: Option<f64>,
}

/// Running sums centred on a reference value, for stable variances in f64.
#[derive(Debug, Clone, Copy, Default)]
struct Moments {
    n: f64,
    s1: f64,
    s2: f64,
}

impl Moments {
    fn of(scores: &[Decimal], centre: f64) -> Self {
        scores.iter().fold(Moments::default(), |m, x| {
            let d = x.to_f64().unwrap_or(0.0) - centre;
            Moments {
                n: m.n + 1.0,
                s1: m.s1 + d,
                s2: m.s2 + d * d,
            }
        })
    }

    fn minus(self, other: Moments) -> Moments {
        Moments {
            n: self.n - other.n,
            s1: self.s1 - other.s1,
            s2: self.s2 - other.s2,
        }
    }

    /// Mean relative to the centre.
    fn mean(self) -> f64 {
        self.s1 / self.n
    }

    /// Sample variance; `None` below two observations.
    fn variance(self) -> Option<f64> {
        (self.n >= 2.0).then(|| ((self.s2 - self.s1 * self.s1 / self.n) / (self.n - 1.0)).max(0.0))
    }
}

/// The difference of two groups' means with its Welch 95% interval and Hedges' g.
fn compare(a: Moments, b: Moments) -> (Option<f64>, Option<(f64, f64)>, Option<f64>) {
    if a.n < 1.0 || b.n < 1.0 {
        return (None, None, None);
    }
    let diff = a.mean() - b.mean();
    let (Some(va), Some(vb)) = (a.variance(), b.variance()) else {
        return (Some(diff), None, None);
    };
    let (qa, qb) = (va / a.n, vb / b.n);
    let se = (qa + qb).sqrt();
    let interval = (se > 0.0)
        .then(|| {
            let df = (qa + qb).powi(2) / (qa * qa / (a.n - 1.0) + qb * qb / (b.n - 1.0));
            StudentsT::new(0.0, 1.0, df)
                .ok()
                .map(|t| t.inverse_cdf(0.975) * se)
                .map(|half| (diff - half, diff + half))
        })
        .flatten();
    let pooled = (((a.n - 1.0) * va + (b.n - 1.0) * vb) / (a.n + b.n - 2.0)).sqrt();
    let g = (pooled > 0.0).then(|| {
        let correction = 1.0 - 3.0 / (4.0 * (a.n + b.n) - 9.0);
        correction * diff / pooled
    });
    (Some(diff), interval, g)
}

/// The lowest score each grade reaches when the pool's overall quotas are
/// applied company-wide to every rated employee's raw score.
pub fn company_cutoffs(session: &Session) -> Vec<Option<Decimal>> {
    let input = &session.input;
    let policy = &input.policy;
    let scores = &session.baseline.raw_ranked;
    let quotas = group_quotas(
        policy.grades.len(),
        (0..input.departments.len()).map(|d| {
            (
                session.baseline.rated_per_department[d],
                policy.quotas[session.state().department_grades[d]].as_slice(),
            )
        }),
    );
    let seats = hamilton(&quotas, scores.len() as u64);
    let filled = fill(&seats, &policy.grades, scores.len(), |i| scores[i]);
    let mut end = 0usize;
    filled
        .iter()
        .map(|&n| {
            end += n as usize;
            (n > 0).then(|| scores[end - 1])
        })
        .collect()
}

/// The grade a score gets under `cutoffs`: the best grade whose cut-off it
/// reaches (the definition that [`implied_mix`] counts by binary search).
#[cfg(test)]
fn grade_under(cutoffs: &[Option<Decimal>], x: Decimal) -> usize {
    cutoffs
        .iter()
        .position(|c| c.is_some_and(|c| x >= c))
        .unwrap_or(cutoffs.len().saturating_sub(1))
}

/// Bias figures for every rater with at least one rating, in input order.
pub fn rater_biases(session: &Session) -> Vec<RaterBias> {
    let input = &session.input;
    let baseline = &session.baseline;
    let Some(pool) = baseline.pool else {
        return Vec::new();
    };
    let centre = pool.mean.to_f64().unwrap_or(0.0);
    let all = Moments::of(&baseline.pool_sorted, centre);
    let pool_sd = pool.sd.and_then(|s| s.to_f64()).filter(|&s| s > 0.0);
    let grades = input.policy.department_grades.len();
    let peer_grades: Vec<Option<usize>> = (0..input.raters.len())
        .map(|r| peer_grade(session, r, grades))
        .collect();
    let mut peers = vec![Moments::default(); grades];
    for (r, g) in peer_grades.iter().enumerate() {
        if let Some(g) = *g
            && baseline.raters[r].is_some()
        {
            let m = Moments::of(&baseline.rater_sorted[r], centre);
            let p = &mut peers[g];
            *p = Moments {
                n: p.n + m.n,
                s1: p.s1 + m.s1,
                s2: p.s2 + m.s2,
            };
        }
    }

    let one = |r: usize| -> Option<RaterBias> {
        let summary = baseline.raters[r]?;
        let own = Moments::of(&baseline.rater_sorted[r], centre);
        let (mean_diff, interval, effect_size) = compare(own, all.minus(own));
        let peer_grade = peer_grades[r];
        let (peer_mean_diff, peer_interval, peer_effect_size) = match peer_grade {
            Some(g) => compare(own, peers[g].minus(own)),
            None => (None, None, None),
        };
        let sd_ratio = match (summary.sd.and_then(|s| s.to_f64()), pool_sd) {
            (Some(sd), Some(pool_sd)) => Some(sd / pool_sd),
            _ => None,
        };
        let mut flags = Vec::new();
        if let (Some((low, high)), Some(g)) = (interval, effect_size) {
            if low > 0.0 && g >= MEDIUM_EFFECT {
                flags.push(BiasFlag::Lenient);
            }
            if high < 0.0 && g <= -MEDIUM_EFFECT {
                flags.push(BiasFlag::Severe);
            }
        }
        if let Some(ratio) = sd_ratio {
            if ratio < NARROW_RATIO {
                flags.push(BiasFlag::Narrow);
            }
            if ratio > WIDE_RATIO {
                flags.push(BiasFlag::Wide);
            }
        }
        if summary.n < SMALL_SAMPLE {
            flags.push(BiasFlag::SmallSample);
        }
        let mut bias = RaterBias {
            rater: r,
            summary,
            mean_diff,
            ci_low: interval.map(|i| i.0),
            ci_high: interval.map(|i| i.1),
            effect_size,
            sd_ratio,
            flags,
            implied_mix: Vec::new(),
            allowed_mix: Vec::new(),
            transform: Transform::None,
            adjusted: None,
            peer_grade,
            peer_mean_diff,
            peer_ci_low: peer_interval.map(|i| i.0),
            peer_ci_high: peer_interval.map(|i| i.1),
            peer_effect_size,
        };
        refresh_adjusted(session, &mut bias);
        Some(bias)
    };
    // The t quantile of each rater's interval is the costly part: with many
    // raters, compute the second half on the other core.
    let n = input.raters.len();
    let mut biases: Vec<RaterBias> = if n < 2_000 {
        (0..n).filter_map(one).collect()
    } else {
        let middle = n / 2;
        std::thread::scope(|scope| {
            let second = scope.spawn(|| (middle..n).filter_map(one).collect::<Vec<_>>());
            let mut first: Vec<RaterBias> = (0..middle).filter_map(one).collect();
            // Computing never panics; if it ever did, redo the half here.
            first.extend(
                second
                    .join()
                    .unwrap_or_else(|_| (middle..n).filter_map(one).collect()),
            );
            first
        })
    };
    refresh_mixes(session, &mut biases);
    biases
}

/// Updates what a rater's transform changes: the transform and the adjusted
/// summary. Everything else about a rater depends on raw scores alone.
pub fn refresh_adjusted(session: &Session, bias: &mut RaterBias) {
    let ratings = session.input.rater_ratings.of(bias.rater);
    bias.transform = session.state().transforms[bias.rater];
    bias.adjusted = Summary::of(ratings.iter().map(|&i| session.results().adjusted[i]));
}

/// Updates what department grades change: the implied and allowed mixes.
pub fn refresh_mixes(session: &Session, biases: &mut [RaterBias]) {
    let cutoffs = company_cutoffs(session);
    for bias in biases {
        bias.implied_mix = implied_mix(session, bias.rater, &cutoffs);
        bias.allowed_mix = allowed_mix(session, bias.rater);
    }
}

/// Updates the mixes after one department was regraded, and returns the
/// new company-wide cut-offs (`cutoffs` are the old ones). A cut-off that
/// moves changes the implied mix only of a rater with a score between its
/// old and new place; only the raters of that department's people have a
/// different allowed mix.
pub fn refresh_after_regrade(
    session: &Session,
    biases: &mut [RaterBias],
    department: usize,
    cutoffs: &[Option<Decimal>],
) -> Vec<Option<Decimal>> {
    let input = &session.input;
    let old = cutoffs;
    let cutoffs = company_cutoffs(session);
    // The score ranges [low, high) in which some grade's cut-off moved (the
    // last grade takes the rest and has none); `None`: one appeared or
    // went, and every rater is counted again.
    let moved: Option<Vec<(Decimal, Decimal)>> = (old.len() == cutoffs.len())
        .then(|| {
            old.iter()
                .zip(&cutoffs)
                .take(cutoffs.len().saturating_sub(1))
                .filter(|(a, b)| a != b)
                .map(|(a, b)| Some(((*a)?.min((*b)?), (*a)?.max((*b)?))))
                .collect::<Option<Vec<_>>>()
        })
        .flatten();
    let crossed = |rater: usize| {
        let sorted = &session.baseline.rater_sorted[rater];
        moved.as_ref().is_none_or(|moved| {
            moved.iter().any(|&(low, high)| {
                sorted.partition_point(|&x| x < low) != sorted.partition_point(|&x| x < high)
            })
        })
    };
    let mut affected = vec![false; input.raters.len()];
    for &e in &input.groups[input.departments[department].group].employees {
        if input.employees[e].department == department {
            for &i in input.employee_ratings.of(e) {
                affected[input.ratings[i].rater] = true;
            }
        }
    }
    for bias in biases {
        if crossed(bias.rater) {
            bias.implied_mix = implied_mix(session, bias.rater, &cutoffs);
        }
        if affected[bias.rater] {
            bias.allowed_mix = allowed_mix(session, bias.rater);
        }
    }
    cutoffs
}

/// Shares of the rater's ratings per grade under `cutoffs`: counted on the
/// rater's sorted scores with one binary search per grade.
fn implied_mix(session: &Session, rater: usize, cutoffs: &[Option<Decimal>]) -> Vec<f64> {
    mix_of_sorted(&session.baseline.rater_sorted[rater], cutoffs)
}

/// Shares of ascending `sorted` scores per grade under `cutoffs`.
fn mix_of_sorted(sorted: &[Decimal], cutoffs: &[Option<Decimal>]) -> Vec<f64> {
    let n = sorted.len();
    let mut mix = vec![0.0; cutoffs.len()];
    let mut counted = 0usize;
    for (g, cutoff) in cutoffs.iter().enumerate() {
        let reached = if g + 1 == cutoffs.len() {
            n
        } else {
            cutoff.map_or(counted, |c| n - sorted.partition_point(|&x| x < c))
        };
        let reached = reached.max(counted);
        mix[g] = (reached - counted) as f64 / n.max(1) as f64;
        counted = reached;
    }
    mix
}

/// Shares of the rater's *adjusted* scores per grade under `cutoffs` (the
/// raw cut-offs): what the correction made of the rater's mix.
pub fn implied_mix_now(session: &Session, rater: usize, cutoffs: &[Option<Decimal>]) -> Vec<f64> {
    let mut sorted: Vec<Decimal> = session
        .input
        .rater_ratings
        .of(rater)
        .iter()
        .map(|&i| session.results().adjusted[i])
        .collect();
    sorted.sort_unstable();
    mix_of_sorted(&sorted, cutoffs)
}

/// The mean of the quota rows of the rater's people's department grades.
/// The department grade most of a rater's people's departments hold in the
/// input (not after regrades, so the figures depend on the input alone),
/// ties to the better grade; `None` for a rater with no rating.
fn peer_grade(session: &Session, rater: usize, grades: usize) -> Option<usize> {
    let input = &session.input;
    let mut counts = vec![0usize; grades];
    for &i in input.rater_ratings.of(rater) {
        let department = input.employees[input.ratings[i].employee].department;
        if let Some(c) = counts.get_mut(input.departments[department].grade) {
            *c += 1;
        }
    }
    let most = counts.iter().copied().max().filter(|&m| m > 0)?;
    counts.iter().position(|&c| c == most)
}

fn allowed_mix(session: &Session, rater: usize) -> Vec<Decimal> {
    let input = &session.input;
    let ratings = input.rater_ratings.of(rater);
    let mut allowed = vec![Decimal::ZERO; input.policy.grades.len()];
    for &i in ratings {
        let department = input.employees[input.ratings[i].employee].department;
        let row = &input.policy.quotas[session.state().department_grades[department]];
        for (a, share) in allowed.iter_mut().zip(row) {
            *a += share;
        }
    }
    let n = Decimal::from(ratings.len().max(1));
    allowed.into_iter().map(|a| a / n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn moments(values: &[f64]) -> Moments {
        let decimals: Vec<Decimal> = values
            .iter()
            .map(|v| Decimal::try_from(*v).expect("finite"))
            .collect();
        Moments::of(&decimals, 50.0)
    }

    #[test]
    fn welch_interval_and_hedges_g_match_hand_values() {
        // a: 10, 12, 14 (mean 12, var 4); b: 5, 6, 7, 8, 9 (mean 7, var 2.5).
        let (diff, interval, g) = compare(
            moments(&[10.0, 12.0, 14.0]),
            moments(&[5.0, 6.0, 7.0, 8.0, 9.0]),
        );
        assert!((diff.expect("diff") - 5.0).abs() < 1e-12);
        // se = sqrt(4/3 + 0.5) = 1.35401; df = 1.8333^2 / (1.7778/2 + 0.25/4) = 3.53285;
        // t(0.975, 3.53285) = 2.92741 (by numerical integration of the t density).
        let (low, high) = interval.expect("interval");
        assert!((low - 1.03627).abs() < 1e-4, "{low}");
        assert!((high - 8.96373).abs() < 1e-4, "{high}");
        // sp = sqrt((2*4 + 4*2.5)/6) = sqrt(3) = 1.7321; d = 2.8868; J = 1 - 3/23.
        assert!((g.expect("g") - 2.5103).abs() < 1e-3);
    }

    #[test]
    fn too_few_ratings_give_no_interval() {
        let (diff, interval, g) = compare(moments(&[80.0]), moments(&[70.0, 72.0]));
        assert_eq!(diff.map(|d| d.round()), Some(9.0));
        assert_eq!((interval, g), (None, None));
    }

    #[test]
    fn implied_mix_by_binary_search_matches_grading_each_score() {
        let loaded = crate::engine::load::load(crate::demo::files()).expect("valid demo");
        let session = Session::new(loaded.input);
        let cutoffs = company_cutoffs(&session);
        for r in 0..session.input.raters.len() {
            let scores = &session.baseline.rater_sorted[r];
            let mut counts = vec![0usize; cutoffs.len()];
            for &x in scores {
                counts[grade_under(&cutoffs, x)] += 1;
            }
            let expected: Vec<f64> = counts
                .iter()
                .map(|&c| c as f64 / scores.len() as f64)
                .collect();
            assert_eq!(implied_mix(&session, r, &cutoffs), expected, "rater {r}");
        }
    }

    #[test]
    fn grade_under_picks_the_best_reached_cutoff() {
        let cutoffs = [Some(dec!(90)), None, Some(dec!(70)), Some(dec!(0))];
        assert_eq!(grade_under(&cutoffs, dec!(95)), 0);
        assert_eq!(grade_under(&cutoffs, dec!(89.99)), 2);
        assert_eq!(grade_under(&cutoffs, dec!(10)), 3);
    }
}
