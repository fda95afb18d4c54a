//! Score histograms for the raters screen: every rater on the same bins, raw
//! and adjusted, plus the pool as the reference.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::engine::session::Session;
use crate::engine::stats::Summary;

/// Bins per histogram (each drawn two columns wide: raw, adjusted).
pub const BINS: usize = 10;

#[derive(Debug, Clone, PartialEq)]
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
    /// The pool's adjusted scores summarised.
    pub pool_now: Option<Summary>,
}

fn to_f64(x: Decimal) -> f64 {
    x.to_f64().unwrap_or(0.0)
}

impl Histograms {
    /// Bins span the pool's raw scores, widened to multiples of 5 within the score range.
    pub fn new(session: &Session) -> Self {
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
            pool_now: Summary::of(session.results().adjusted.iter().copied()),
        };
        for (i, rating) in session.input.ratings.iter().enumerate() {
            let raw = histograms.bin(rating.score);
            let adjusted = histograms.bin(session.results().adjusted[i]);
            histograms.raw[rating.rater][raw] += 1;
            histograms.adjusted[rating.rater][adjusted] += 1;
            histograms.pool_raw[raw] += 1;
            histograms.pool_adjusted[adjusted] += 1;
        }
        let share = |bins: &[u32; BINS]| {
            let n: u32 = bins.iter().sum();
            bins.iter()
                .map(|&c| f64::from(c) / f64::from(n.max(1)))
                .fold(0.0, f64::max)
        };
        histograms.max_share = histograms
            .raw
            .iter()
            .chain(&histograms.adjusted)
            .chain([&histograms.pool_raw, &histograms.pool_adjusted])
            .map(share)
            .fold(0.0, f64::max);
        histograms
    }

    /// The bin of a score; scores beyond the edges fall in the edge bins.
    pub fn bin(&self, x: Decimal) -> usize {
        let t = (to_f64(x) - self.lo) / (self.hi - self.lo);
        ((t * BINS as f64).floor().max(0.0) as usize).min(BINS - 1)
    }
}
