//! Descriptive statistics in exact decimal arithmetic (contract 4.1).

use rust_decimal::{Decimal, MathematicalOps};

/// n, mean, sample sd, median, min and max of a set of scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub n: usize,
    /// The sum of the scores, exact: with `n` it is the mean as a fraction,
    /// for transforms that must multiply before they divide.
    pub sum: Decimal,
    /// sum((n * x - sum)^2) = n^2 * sum((x - mean)^2): the squares about the
    /// mean scaled by n^2 so that no term needs the (rounded) mean; exact
    /// while it fits in 28 digits. `None` when it does not fit at all.
    pub squares: Option<Decimal>,
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
        // Contract 6.1: squares about the mean, never sum(x^2) - sum(x)^2 / n
        // (which cancels most of the 28 digits when the spread is small
        // beside the scores). Each n * x - sum is exact, so its square is
        // exact while it fits; the one division comes last, in `sample_sd`.
        let squares = sorted.iter().try_fold(Decimal::ZERO, |acc, &x| {
            let d = count.checked_mul(x)?.checked_sub(sum)?;
            acc.checked_add(d.checked_mul(d)?)
        });
        let sd = (n >= 2).then(|| match squares {
            Some(squares) => sample_sd(squares, n),
            // Too large for the exact form: squares about the rounded mean.
            None => {
                let about_mean = sorted.iter().fold(Decimal::ZERO, |acc, &x| {
                    let d = x.saturating_sub(mean);
                    acc.saturating_add(d.saturating_mul(d))
                });
                (about_mean / Decimal::from(n - 1))
                    .sqrt()
                    .unwrap_or(Decimal::ZERO)
            }
        });
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / Decimal::TWO
        };
        Some(Summary {
            n,
            sum,
            squares,
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

/// The variance `squares / (n^2 (n - 1))` as a fraction, for transforms that
/// compare two variances with one division; `None` when n < 2.
pub fn variance_fraction(summary: &Summary) -> Option<(Decimal, Decimal)> {
    if summary.n < 2 {
        return None;
    }
    let n = Decimal::from(summary.n);
    let denominator = n
        .checked_mul(n)?
        .checked_mul(Decimal::from(summary.n - 1))?;
    Some((summary.squares?, denominator))
}

/// sqrt(squares / (n^2 (n - 1))), the sample sd, to 28 digits.
///
/// The sd is usually irrational, so "exact" can only mean: the root of the
/// exact variance, correctly rounded. Dividing first at 28 decimal places
/// would keep few significant digits of a small variance (7/3 x 10^-12 has
/// 16 at that scale), so the squares are first scaled up by 10^(2k), which
/// is exact. The root is then taken of the variance moved into [1, 100) by
/// whole powers of 100 (rust_decimal's root keeps most digits there), and
/// moved back at the end.
fn sample_sd(squares: Decimal, n: usize) -> Decimal {
    let count = Decimal::from(n);
    let Some(denominator) = count
        .checked_mul(count)
        .and_then(|d| d.checked_mul(Decimal::from(n - 1)))
    else {
        return Decimal::ZERO;
    };
    let k = squares.scale() / 2;
    let mut scaled = squares;
    // Same digits, 2k fewer places: squares x 10^(2k), exactly.
    let _ = scaled.set_scale(squares.scale() - 2 * k);
    scaled
        .checked_div(denominator)
        .and_then(|variance| sqrt(variance, -i64::from(k)))
        .unwrap_or(Decimal::ZERO)
}

/// sqrt(v) x 10^shift to 28 digits: the root is taken of `v` moved into
/// [1, 100) by whole powers of 100 (exact: the same digits, two places
/// moved), where rust_decimal's Newton root keeps every digit (above it,
/// the sum of guess and quotient caps at 28 digits and costs one digit per
/// power of ten). `None` for negative `v`.
pub fn sqrt(v: Decimal, shift: i64) -> Option<Decimal> {
    let mut v = v;
    let mut shift = shift;
    while v >= Decimal::ONE_HUNDRED && v.scale() + 2 <= 28 {
        let _ = v.set_scale(v.scale() + 2);
        shift += 1;
    }
    while !v.is_zero() && v < Decimal::ONE && v.scale() >= 2 {
        let _ = v.set_scale(v.scale() - 2);
        shift -= 1;
    }
    let mut root = v.sqrt()?;
    for _ in 0..shift.max(0) {
        root = root.checked_mul(Decimal::TEN).unwrap_or(Decimal::MAX);
    }
    if shift < 0 {
        let places = u32::try_from(-shift).unwrap_or(28).min(28);
        root = root
            .checked_mul(Decimal::new(1, places))
            .unwrap_or(Decimal::ZERO);
    }
    Some(root)
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
        // sqrt(500/3) = 12.90994448735805628393088466594..., correctly rounded.
        assert_eq!(sd, dec!(12.909944487358056283930884666));
        assert!((sd * sd - dec!(500) / dec!(3)).abs() < dec!(0.0000000000001));
    }

    #[test]
    fn sd_of_a_tight_spread_is_exact() {
        // In units of 10^-6 above 99999.999997 the scores are 0, 1, 3: mean
        // 4/3, deviations -4/3, -1/3, 5/3, squares 42/9, variance 42/9 / 2
        // = 7/3, sd = sqrt(7/3) x 10^-6 = 0.00000152752523165194666886268...
        // (sum(x^2) - sum(x)^2 / n cancels 20 of the 28 digits here.)
        let s =
            Summary::of([dec!(99999.999997), dec!(99999.999998), dec!(100000)]).expect("non-empty");
        assert_eq!(s.sd, Some(dec!(0.0000015275252316519466688627)));
    }

    #[test]
    fn roots_keep_every_digit_at_any_magnitude() {
        // sqrt(2000) = 44.72135954999579392818347337462...
        let root = sqrt(dec!(2000), 0).expect("positive");
        assert!((root - dec!(44.72135954999579392818347337)).abs() < dec!(1e-26));
        // sqrt(4) x 10^3, and sqrt(0.0004) = 0.02 exactly.
        assert_eq!(sqrt(dec!(4), 3), Some(dec!(2000)));
        assert_eq!(sqrt(dec!(0.0004), 0), Some(dec!(0.02)));
        assert_eq!(sqrt(dec!(-1), 0), None);
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
