//! Descriptive statistics in exact decimal arithmetic (contract 4.1).

use rust_decimal::{Decimal, MathematicalOps};

/// n, mean, sample sd, median, min and max of a set of scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub n: usize,
    pub mean: Decimal,
    /// Sample standard deviation (divide by n - 1); `None` when n < 2.
    pub sd: Option<Decimal>,
    pub median: Decimal,
    pub min: Decimal,
    pub max: Decimal,
}

impl Summary {
    /// Summarises scores that are already sorted ascending; `None` if empty.
    pub fn of_sorted(sorted: &[Decimal]) -> Option<Summary> {
        let (&min, &max) = (sorted.first()?, sorted.last()?);
        let n = sorted.len();
        let count = Decimal::from(n);
        let sum = sorted
            .iter()
            .fold(Decimal::ZERO, |acc, &x| acc.saturating_add(x));
        let mean = sum / count;
        // Σ(x - mean)² = Σx² - (Σx)²/n: the squares of scores are exact
        // (few digits), so only the one division rounds, at the 28th digit;
        // squaring each x - mean (a 28-digit mean) would round every term.
        let sd = (n >= 2).then(|| {
            let sum_sq = sorted.iter().fold(Decimal::ZERO, |acc, &x| {
                acc.saturating_add(x.saturating_mul(x))
            });
            let squares = (sum_sq - sum.saturating_mul(sum) / count).max(Decimal::ZERO);
            (squares / Decimal::from(n - 1))
                .sqrt()
                .unwrap_or(Decimal::ZERO)
        });
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / Decimal::TWO
        };
        Some(Summary {
            n,
            mean,
            sd,
            median,
            min,
            max,
        })
    }

    /// Summarises scores in any order.
    pub fn of(scores: impl IntoIterator<Item = Decimal>) -> Option<Summary> {
        let mut sorted: Vec<Decimal> = scores.into_iter().collect();
        sort(&mut sorted);
        Summary::of_sorted(&sorted)
    }

    /// The sd for use as a divisor: `None` when n < 2 or sd = 0.
    pub fn usable_sd(&self) -> Option<Decimal> {
        self.sd.filter(|sd| !sd.is_zero())
    }
}

/// Sorts decimals ascending. When every value fits at the largest scale
/// among them (always, for scores within calibra's limits), they are sorted
/// as integers at that scale: exact, and several times faster than comparing
/// decimals of mixed scales.
pub fn sort(values: &mut [Decimal]) {
    let scale = values.iter().map(|d| d.scale()).max().unwrap_or(0);
    let mut keys = Vec::with_capacity(values.len());
    for &value in values.iter() {
        let mut x = value;
        x.rescale(scale);
        if x.scale() != scale || x != value {
            values.sort_unstable();
            return;
        }
        keys.push(x.mantissa());
    }
    keys.sort_unstable();
    for (value, key) in values.iter_mut().zip(keys) {
        *value = Decimal::from_i128_with_scale(key, scale);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn hand_checked_summary() {
        // 70, 80, 90, 100: mean 85, squares 225+25+25+225 = 500, /3, sqrt.
        let s = Summary::of([dec!(90), dec!(70), dec!(100), dec!(80)]).expect("non-empty");
        assert_eq!(s.n, 4);
        assert_eq!(s.mean, dec!(85));
        assert_eq!(s.median, dec!(85));
        assert_eq!((s.min, s.max), (dec!(70), dec!(100)));
        let sd = s.sd.expect("n >= 2");
        assert_eq!(sd.round_dp(10), dec!(12.9099444874));
        assert!((sd * sd - dec!(500) / dec!(3)).abs() < dec!(0.0000000000001));
    }

    #[test]
    fn sorting_mixed_scales_is_exact() {
        let mut v = vec![dec!(80), dec!(79.99), dec!(-3.5), dec!(80.001), dec!(0)];
        sort(&mut v);
        assert_eq!(
            v,
            vec![dec!(-3.5), dec!(0), dec!(79.99), dec!(80), dec!(80.001)]
        );
        // A value that cannot take the largest scale falls back to decimal order.
        let mut v = vec![dec!(70000000000000000000000000000), dec!(0.5), dec!(1)];
        sort(&mut v);
        assert_eq!(
            v,
            vec![dec!(0.5), dec!(1), dec!(70000000000000000000000000000)]
        );
    }

    #[test]
    fn single_score_has_no_sd_and_equal_scores_have_zero_sd() {
        let one = Summary::of([dec!(77.5)]).expect("non-empty");
        assert_eq!(
            (one.mean, one.median, one.sd),
            (dec!(77.5), dec!(77.5), None)
        );
        assert_eq!(one.usable_sd(), None);
        let flat = Summary::of([dec!(80); 3]).expect("non-empty");
        assert_eq!(flat.sd, Some(dec!(0)));
        assert_eq!(flat.usable_sd(), None);
        assert_eq!(Summary::of([]), None);
    }
}
