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
        let sd = (n >= 2).then(|| {
            let squares = sorted.iter().fold(Decimal::ZERO, |acc, &x| {
                let d = x - mean;
                acc.saturating_add(d.saturating_mul(d))
            });
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
        sorted.sort_unstable();
        Summary::of_sorted(&sorted)
    }

    /// The sd for use as a divisor: `None` when n < 2 or sd = 0.
    pub fn usable_sd(&self) -> Option<Decimal> {
        self.sd.filter(|sd| !sd.is_zero())
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
