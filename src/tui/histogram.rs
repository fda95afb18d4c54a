//! Score histograms for the raters screen: every rater on the same bins, raw
//! and adjusted, plus the pool as the reference. Built once, then updated one
//! rater at a time as decisions are made.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::engine::bias::RaterBias;
use crate::engine::session::Session;

/// Bins per histogram (each drawn two columns wide: raw, adjusted).
pub const BINS: usize = 10;

/// n, mean and sd of a set of scores, for display.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub n: usize,
    pub mean: f64,
    pub sd: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Histograms {
    /// Lower edge of the first bin.
    pub lo: f64,
    /// Upper edge of the last bin.
    pub hi: f64,
    /// Per rater: raw counts per bin.
    pub raw: Vec<[u32; BINS]>,
    /// Per rater: adjusted counts per bin.
    pub adjusted: Vec<[u32; BINS]>,
    pub pool_raw: [u32; BINS],
    pub pool_adjusted: [u32; BINS],
    /// The largest share of any bin in any histogram: the common vertical scale.
    pub max_share: f64,
    /// The pool's adjusted scores.
    pub pool_now: Option<Spread>,
    /// The largest share of any raw histogram (raw scores never change).
    raw_peak: f64,
    /// Per rater: the largest share of their adjusted histogram.
    adjusted_peaks: Vec<f64>,
}

fn to_f64(x: Decimal) -> f64 {
    x.to_f64().unwrap_or(0.0)
}

fn peak_share(bins: &[u32; BINS]) -> f64 {
    let n: u32 = bins.iter().sum();
    bins.iter()
        .map(|&c| f64::from(c) / f64::from(n.max(1)))
        .fold(0.0, f64::max)
}

impl Histograms {
    /// Bins span the pool's raw scores, widened to multiples of 5 within the score range.
    pub fn new(session: &Session, biases: &[RaterBias]) -> Self {
        let scale = &session.input.policy.score;
        let (min, max) = (to_f64(scale.min), to_f64(scale.max));
        let (lo, hi) = match session.baseline.pool {
            Some(pool) => (
                ((to_f64(pool.min) / 5.0).floor() * 5.0).max(min),
                ((to_f64(pool.max) / 5.0).ceil() * 5.0).min(max),
            ),
            None => (min, max),
        };
        let hi = if hi > lo { hi } else { lo + 1.0 };
        let mut histograms = Histograms {
            lo,
            hi,
            raw: vec![[0; BINS]; session.input.raters.len()],
            adjusted: vec![[0; BINS]; session.input.raters.len()],
            pool_raw: [0; BINS],
            pool_adjusted: [0; BINS],
            max_share: 0.0,
            pool_now: None,
            raw_peak: 0.0,
            adjusted_peaks: Vec::new(),
        };
        for (i, rating) in session.input.ratings.iter().enumerate() {
            let raw = histograms.bin(rating.score);
            let adjusted = histograms.bin(session.results().adjusted[i]);
            histograms.raw[rating.rater][raw] += 1;
            histograms.adjusted[rating.rater][adjusted] += 1;
            histograms.pool_raw[raw] += 1;
            histograms.pool_adjusted[adjusted] += 1;
        }
        histograms.raw_peak = histograms
            .raw
            .iter()
            .chain([&histograms.pool_raw])
            .map(peak_share)
            .fold(0.0, f64::max);
        histograms.adjusted_peaks = histograms.adjusted.iter().map(peak_share).collect();
        histograms.refresh_scale(biases);
        histograms
    }

    /// Re-bins one rater's adjusted scores after a change of their transform.
    pub fn update_rater(&mut self, session: &Session, rater: usize) {
        let mut bins = [0u32; BINS];
        for &i in session.input.rater_ratings.of(rater) {
            bins[self.bin(session.results().adjusted[i])] += 1;
        }
        for (pool, (old, new)) in self
            .pool_adjusted
            .iter_mut()
            .zip(self.adjusted[rater].iter().zip(&bins))
        {
            *pool = *pool - old + new;
        }
        self.adjusted[rater] = bins;
        self.adjusted_peaks[rater] = peak_share(&bins);
    }

    /// Recomputes the common vertical scale and the pool's adjusted spread
    /// (from the raters' adjusted summaries: no pass over every rating).
    pub fn refresh_scale(&mut self, biases: &[RaterBias]) {
        self.max_share = self
            .adjusted_peaks
            .iter()
            .copied()
            .fold(self.raw_peak.max(peak_share(&self.pool_adjusted)), f64::max);
        self.pool_now = pool_spread(biases);
    }

    /// The bin of a score; scores beyond the edges fall in the edge bins.
    pub fn bin(&self, x: Decimal) -> usize {
        let t = (to_f64(x) - self.lo) / (self.hi - self.lo);
        ((t * BINS as f64).floor().max(0.0) as usize).min(BINS - 1)
    }
}

/// The pool's mean and sd combined from each rater's adjusted n, mean and sd.
fn pool_spread(biases: &[RaterBias]) -> Option<Spread> {
    let parts: Vec<(f64, f64, f64)> = biases
        .iter()
        .filter_map(|b| b.adjusted)
        .map(|s| {
            let sd = s.sd.map_or(0.0, to_f64);
            (s.n as f64, to_f64(s.mean), sd)
        })
        .collect();
    let n: f64 = parts.iter().map(|p| p.0).sum();
    if n == 0.0 {
        return None;
    }
    let mean = parts.iter().map(|p| p.0 * p.1).sum::<f64>() / n;
    let sd = (n >= 2.0).then(|| {
        let within: f64 = parts.iter().map(|p| (p.0 - 1.0) * p.2 * p.2).sum();
        let between: f64 = parts.iter().map(|p| p.0 * (p.1 - mean).powi(2)).sum();
        ((within + between) / (n - 1.0)).max(0.0).sqrt()
    });
    Some(Spread {
        n: n as usize,
        mean,
        sd,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stats::Summary;
    use crate::engine::transform::Transform;
    use rust_decimal_macros::dec;

    fn bias(scores: &[Decimal]) -> RaterBias {
        RaterBias {
            rater: 0,
            summary: Summary::of(scores.iter().copied()).expect("non-empty"),
            mean_diff: None,
            ci_low: None,
            ci_high: None,
            effect_size: None,
            sd_ratio: None,
            flags: Vec::new(),
            implied_mix: Vec::new(),
            allowed_mix: Vec::new(),
            transform: Transform::None,
            adjusted: Summary::of(scores.iter().copied()),
            peer_grade: None,
            peer_mean_diff: None,
            peer_ci_low: None,
            peer_ci_high: None,
            peer_effect_size: None,
        }
    }

    #[test]
    fn pool_spread_combines_raters_exactly() {
        // Pool 70, 80, 90, 100, 50: mean 78, sd sqrt(1480/4) = 19.2354.
        let spread = pool_spread(&[
            bias(&[dec!(70), dec!(80), dec!(90)]),
            bias(&[dec!(100), dec!(50)]),
        ])
        .expect("ratings");
        assert_eq!(spread.n, 5);
        assert!((spread.mean - 78.0).abs() < 1e-9);
        assert!((spread.sd.expect("n >= 2") - 19.235_384).abs() < 1e-5);
    }
}
