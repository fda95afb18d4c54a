//! Rater scale adjustments (contract 4.2).

use std::fmt;

use rust_decimal::Decimal;

use super::diagnostic::Said;
use super::model::ScoreScale;
use super::stats::{self, Summary, variance_fraction};
use crate::i18n::Load;

/// How one rater's raw scores are corrected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Transform {
    /// Scores as given.
    #[default]
    None,
    /// Every score moved by `delta`.
    Offset { delta: Decimal },
    /// Spread around the rater's own mean scaled by `stretch`, then moved by `shift`.
    Linear { stretch: Decimal, shift: Decimal },
    /// Mapped onto the pool's mean and sd (or the given target).
    ZScore {
        mean: Option<Decimal>,
        sd: Option<Decimal>,
    },
    /// Mapped onto the pool's distribution by rank.
    Quantile,
}

/// The largest stretch a linear transform may have (and the smallest is
/// its inverse, 1/10): ten times the rater's spread is already more than
/// any calibration asks, and bounding it keeps every product inside a
/// decimal.
pub const MAX_STRETCH: Decimal = Decimal::from_parts(10, 0, 0, false, 0);

impl Transform {
    /// Whether the transform is within the bounds calibra accepts, for a
    /// score range `scale` (stated in the README): 1/10 ≤ stretch ≤ 10; a
    /// shift or offset of at most the range's width either way; a z-score
    /// target mean within one width of the range, and a target sd above 0
    /// and at most ten widths.
    pub fn check_bounds(&self, scale: &ScoreScale) -> Result<(), String> {
        self.within_bounds(scale).map_err(String::from)
    }

    /// [`Transform::check_bounds`], saying why in any language.
    pub fn within_bounds(&self, scale: &ScoreScale) -> Result<(), Said> {
        let width = scale.max - scale.min;
        let within = |x: Decimal| x.abs() <= width;
        match *self {
            Transform::Linear { stretch, .. } if stretch <= Decimal::ZERO => Err(Said::new(
                Load::StretchNotPositive,
                &[("stretch", &stretch)],
            )),
            Transform::Linear { stretch, .. }
                if stretch > MAX_STRETCH || stretch * MAX_STRETCH < Decimal::ONE =>
            {
                Err(Said::new(
                    Load::StretchOutOfBounds,
                    &[("stretch", &stretch)],
                ))
            }
            Transform::Linear { shift: x, .. } | Transform::Offset { delta: x } if !within(x) => {
                Err(Said::new(
                    Load::ShiftTooFar,
                    &[("shift", &x), ("width", &width)],
                ))
            }
            Transform::ZScore { sd: Some(sd), .. } if sd <= Decimal::ZERO => {
                Err(Said::new(Load::TargetSdNotPositive, &[("sd", &sd)]))
            }
            Transform::ZScore { sd: Some(sd), .. } if sd > width * MAX_STRETCH => Err(Said::new(
                Load::TargetSdTooLarge,
                &[("sd", &sd), ("width", &width)],
            )),
            Transform::ZScore {
                mean: Some(mean), ..
            } if mean < scale.min - width || mean > scale.max + width => Err(Said::new(
                Load::TargetMeanTooFar,
                &[("mean", &mean), ("min", &scale.min), ("max", &scale.max)],
            )),
            _ => Ok(()),
        }
    }

    /// The method name used in the decisions file.
    pub fn method(&self) -> &'static str {
        match self {
            Transform::None => "none",
            Transform::Offset { .. } => "offset",
            Transform::Linear { .. } => "linear",
            Transform::ZScore { .. } => "zscore",
            Transform::Quantile => "quantile",
        }
    }

    /// This transform with the rater's spread multiplied by `factor`
    /// (the live screen's stretch and squeeze keys), to 4 places; `None`
    /// when the result would not fit in a decimal.
    pub fn stretched(self, factor: Decimal) -> Option<Transform> {
        let times = |x: Decimal| x.checked_mul(factor).map(|x| x.round_dp(4));
        Some(match self {
            Transform::Linear { stretch, shift } => Transform::Linear {
                stretch: times(stretch)?,
                shift,
            },
            Transform::Offset { delta } => Transform::Linear {
                stretch: factor,
                shift: delta,
            },
            Transform::ZScore { mean, sd } => Transform::ZScore {
                mean,
                sd: match sd {
                    Some(sd) => Some(times(sd)?),
                    None => None,
                },
            },
            Transform::None | Transform::Quantile => Transform::Linear {
                stretch: factor,
                shift: Decimal::ZERO,
            },
        })
    }

    /// This transform moved by `step` points; `None` when the result would
    /// not fit in a decimal. A z-score to the pool's own mean gets an
    /// explicit target: `adjusted_mean` (the rater's mean after the
    /// z-score, to 2 places) plus the step.
    pub fn shifted(self, step: Decimal, adjusted_mean: Option<Decimal>) -> Option<Transform> {
        Some(match self {
            Transform::None | Transform::Quantile => Transform::Offset { delta: step },
            Transform::Offset { delta } => Transform::Offset {
                delta: delta.checked_add(step)?,
            },
            Transform::Linear { stretch, shift } => Transform::Linear {
                stretch,
                shift: shift.checked_add(step)?,
            },
            Transform::ZScore { mean, sd } => Transform::ZScore {
                mean: match mean.or_else(|| adjusted_mean.map(|m| m.round_dp(2))) {
                    Some(m) => Some(m.checked_add(step)?),
                    None => None,
                },
                sd,
            },
        })
    }
}

impl fmt::Display for Transform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Transform::None => f.write_str("none"),
            Transform::Offset { delta } => write!(f, "offset {delta:+}"),
            Transform::Linear { stretch, shift } => write!(f, "linear ×{stretch} {shift:+}"),
            Transform::ZScore {
                mean: None,
                sd: None,
            } => f.write_str("z-score to pool"),
            Transform::ZScore { mean, sd } => {
                f.write_str("z-score to")?;
                if let Some(mean) = mean {
                    write!(f, " mean {mean}")?;
                }
                if let Some(sd) = sd {
                    write!(f, " sd {sd}")?;
                }
                Ok(())
            }
            Transform::Quantile => f.write_str("quantile map"),
        }
    }
}

/// What a transform needs to know beyond the score itself.
pub struct Context<'a> {
    /// The rater's raw scores, sorted ascending.
    pub own_sorted: &'a [Decimal],
    pub own: &'a Summary,
    /// Every raw rating in the input, sorted ascending.
    pub pool_sorted: &'a [Decimal],
    pub pool: &'a Summary,
}

/// T_R(x), unclamped. Overflow saturates, which clamping then absorbs.
pub fn apply(transform: &Transform, x: Decimal, ctx: &Context) -> Decimal {
    Prepared::new(transform, ctx).apply(x, ctx)
}

/// A rater's transform with what depends on the rater alone worked out
/// once (the z-score's factor, a root), for all of their ratings: the same
/// arithmetic as [`apply`], in the same order.
pub struct Prepared<'t> {
    transform: &'t Transform,
    /// sd_P / sd_R for a z-score (see [`zscore_factor`]).
    factor: Decimal,
}

impl<'t> Prepared<'t> {
    pub fn new(transform: &'t Transform, ctx: &Context) -> Self {
        let factor = match *transform {
            Transform::ZScore { sd, .. } => zscore_factor(sd, ctx),
            _ => Decimal::ONE,
        };
        Prepared { transform, factor }
    }

    /// T_R(x), unclamped.
    pub fn apply(&self, x: Decimal, ctx: &Context) -> Decimal {
        match *self.transform {
            Transform::ZScore { mean, .. } => zscore(x, mean, self.factor, ctx),
            ref other => apply_plain(other, x, ctx),
        }
    }
}

/// Every transform but the z-score, whose factor [`Prepared`] holds.
fn apply_plain(transform: &Transform, x: Decimal, ctx: &Context) -> Decimal {
    match *transform {
        Transform::None => x,
        Transform::Offset { delta } => x.saturating_add(delta),
        Transform::Linear { stretch, shift } => {
            // (x - S/n) * stretch + S/n + shift, divided once at the end.
            let own = ctx.own;
            let exact = || {
                let n = Decimal::from(own.n);
                let deviation = n.checked_mul(x)?.checked_sub(own.sum)?;
                deviation
                    .checked_mul(stretch)?
                    .checked_add(own.sum)?
                    .checked_add(n.checked_mul(shift)?)?
                    .checked_div(n)
            };
            exact().unwrap_or_else(|| {
                (x - own.mean)
                    .saturating_mul(stretch)
                    .saturating_add(own.mean)
                    .saturating_add(shift)
            })
        }
        Transform::ZScore { mean, sd } => zscore(x, mean, zscore_factor(sd, ctx), ctx),
        Transform::Quantile => quantile(x, ctx.own_sorted, ctx.pool_sorted),
    }
}

/// (x - mu_R) / sd_R * sd_P + mu_P (contract 4.2), as exact as it can be.
///
/// sd_R and sd_P are usually irrational, so their quotient cannot be exact
/// in general; but the factor sd_P / sd_R is sqrt(var_P / var_R), and both
/// variances are exact fractions (see [`variance_fraction`]). Taking one
/// root of their quotient, formed with a single division, gives the factor
/// exactly whenever it is a decimal (var_P / var_R = 4 gives 2 even though
/// neither sd is a decimal), and otherwise correctly rounded to 28 digits,
/// instead of the quotient of two rounded roots. The factor then multiplies
/// (n_R x - S_R), and the one division by n_R (times N for the pool mean
/// S_P / N) comes last: (x - mu_R) * sd_P / sd_R, multiplied before divided.
fn zscore(x: Decimal, mean: Option<Decimal>, factor: Decimal, ctx: &Context) -> Decimal {
    let own = ctx.own;
    // The target mean as a fraction: the given mean over 1, or S_P / N.
    let (target_sum, target_n) = match mean {
        Some(mean) => (mean, Decimal::ONE),
        None => (ctx.pool.sum, Decimal::from(ctx.pool.n)),
    };
    let exact = || {
        let n = Decimal::from(own.n);
        n.checked_mul(x)?
            .checked_sub(own.sum)?
            .checked_mul(factor)?
            .checked_mul(target_n)?
            .checked_add(n.checked_mul(target_sum)?)?
            .checked_div(n.checked_mul(target_n)?)
    };
    exact().unwrap_or_else(|| {
        let target_mean = div_saturating(target_sum, target_n);
        (x - own.mean)
            .saturating_mul(factor)
            .saturating_add(target_mean)
    })
}

/// The z-score's factor sd_P / sd_R (or the target sd over sd_R), as the
/// root of the variances' exact quotient (see [`zscore`]).
fn zscore_factor(sd: Option<Decimal>, ctx: &Context) -> Decimal {
    let own = ctx.own;
    match (own.usable_sd(), variance_fraction(own)) {
        (Some(_), Some((own_num, own_den))) => {
            // The target variance as a fraction: sd^2 over 1, or the pool's.
            let target = match sd {
                Some(sd) => sd.checked_mul(sd).map(|v| (v, Decimal::ONE)),
                None => variance_fraction(ctx.pool),
            };
            let ratio = target.and_then(|(num, den)| {
                num.checked_mul(own_den)?
                    .checked_div(den.checked_mul(own_num)?)
            });
            match ratio {
                Some(ratio) => stats::sqrt(ratio, 0).unwrap_or(Decimal::ZERO),
                // Too large for the fractions: the quotient of the sds.
                None => {
                    let target_sd = sd.or(ctx.pool.sd).unwrap_or(Decimal::ZERO);
                    own.usable_sd()
                        .map_or(Decimal::ONE, |own_sd| div_saturating(target_sd, own_sd))
                }
            }
        }
        // n_R < 2 or sd_R = 0: the factor sd_P / sd_R is taken as 1.
        _ => Decimal::ONE,
    }
}

fn div_saturating(a: Decimal, b: Decimal) -> Decimal {
    a.checked_div(b)
        .unwrap_or(if a.is_sign_negative() == b.is_sign_negative() {
            Decimal::MAX
        } else {
            Decimal::MIN
        })
}

/// Quantile mapping of `x`, one of the rater's own scores `own_sorted`, onto
/// the pool's scores `pool_sorted` (both ascending, neither empty).
pub fn quantile(x: Decimal, own_sorted: &[Decimal], pool_sorted: &[Decimal]) -> Decimal {
    let n_own = own_sorted.len();
    let n_pool = pool_sorted.len();
    if n_own == 0 || n_pool == 0 {
        return x;
    }
    // Ties share their mean 1-based rank: positions lo+1 ..= hi, so
    // a = (lo + 1 + hi) / 2 and 2a - 1 = lo + hi. In whole numbers (contract
    // 6.1: f x (v_(i+1) - v_i) as an integer multiple of the difference,
    // divided once at the end):
    // h = p N + 1/2 = (2a - 1) N / (2 n) + 1/2 = ((lo + hi) N + n) / (2 n).
    let lo = own_sorted.partition_point(|&v| v < x);
    let hi = own_sorted.partition_point(|&v| v <= x).max(lo + 1);
    let (n, big_n) = (n_own as u128, n_pool as u128);
    let numerator = (lo as u128 + hi as u128) * big_n + n;
    let denominator = 2 * n;
    // h clamped to [1, N]: i = floor(h), f = remainder / denominator.
    let (i, remainder) = if numerator < denominator {
        (1, 0)
    } else if numerator >= big_n * denominator {
        (big_n, 0)
    } else {
        (numerator / denominator, numerator % denominator)
    };
    let i = usize::try_from(i).unwrap_or(n_pool).clamp(1, n_pool);
    let v_i = pool_sorted[i - 1];
    let v_next = pool_sorted.get(i).copied().unwrap_or(v_i);
    let whole = |k: u128| u64::try_from(k).map_or(Decimal::MAX, Decimal::from);
    let (remainder, denominator) = (whole(remainder), whole(denominator));
    let exact = || {
        v_i.checked_mul(denominator)?
            .checked_add(remainder.checked_mul(v_next - v_i)?)?
            .checked_div(denominator)
    };
    exact().unwrap_or_else(|| {
        v_i.saturating_add(div_saturating(remainder, denominator).saturating_mul(v_next - v_i))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn sorted(values: &[Decimal]) -> Vec<Decimal> {
        let mut v = values.to_vec();
        v.sort();
        v
    }

    /// Rater: 70, 80, 90 (mean 80, sd 10). Others: 50, 60, 100, 110.
    /// Pool: 50, 60, 70, 80, 90, 100, 110 (mean 80, sd sqrt(2800/6) = 21.6024...).
    fn fixture() -> (Vec<Decimal>, Summary, Vec<Decimal>, Summary) {
        let own = sorted(&[dec!(70), dec!(80), dec!(90)]);
        let pool = sorted(&[
            dec!(50),
            dec!(60),
            dec!(70),
            dec!(80),
            dec!(90),
            dec!(100),
            dec!(110),
        ]);
        let own_summary = Summary::of_sorted(&own).expect("non-empty");
        let pool_summary = Summary::of_sorted(&pool).expect("non-empty");
        (own, own_summary, pool, pool_summary)
    }

    fn run(t: Transform, x: Decimal) -> Decimal {
        let (own, own_summary, pool, pool_summary) = fixture();
        let ctx = Context {
            own_sorted: &own,
            own: &own_summary,
            pool_sorted: &pool,
            pool: &pool_summary,
        };
        apply(&t, x, &ctx)
    }

    #[test]
    fn none_offset_and_linear() {
        assert_eq!(run(Transform::None, dec!(70)), dec!(70));
        assert_eq!(
            run(Transform::Offset { delta: dec!(2.5) }, dec!(70)),
            dec!(72.5)
        );
        // (70 - 80) * 1.2 + 80 - 3 = 65
        let linear = Transform::Linear {
            stretch: dec!(1.2),
            shift: dec!(-3),
        };
        assert_eq!(run(linear, dec!(70)), dec!(65.0));
        assert_eq!(run(linear, dec!(90)), dec!(89.0));
    }

    #[test]
    fn zscore_to_pool_and_to_a_target() {
        let to_pool = Transform::ZScore {
            mean: None,
            sd: None,
        };
        // (90 - 80) / 10 * 21.602468994692... + 80
        assert_eq!(run(to_pool, dec!(90)).round_dp(6), dec!(101.602469));
        assert_eq!(run(to_pool, dec!(80)), dec!(80));
        let target = Transform::ZScore {
            mean: Some(dec!(75)),
            sd: Some(dec!(5)),
        };
        assert_eq!(run(target, dec!(70)), dec!(70));
        assert_eq!(run(target, dec!(90)), dec!(80));
    }

    #[test]
    fn zscore_falls_back_to_a_pure_shift() {
        let pool = sorted(&[dec!(50), dec!(60), dec!(70)]);
        let pool_summary = Summary::of_sorted(&pool).expect("non-empty");
        for own in [vec![dec!(90)], vec![dec!(90), dec!(90)]] {
            let own_summary = Summary::of_sorted(&own).expect("non-empty");
            let ctx = Context {
                own_sorted: &own,
                own: &own_summary,
                pool_sorted: &pool,
                pool: &pool_summary,
            };
            let z = Transform::ZScore {
                mean: None,
                sd: None,
            };
            // n < 2 or sd = 0: (90 - 90) + 60.
            assert_eq!(apply(&z, dec!(90), &ctx), dec!(60));
        }
    }

    #[test]
    fn quantile_by_hand() {
        // Rater 70, 80, 90 (n=3) onto the 7-score pool.
        // 70: a=1, p=0.5/3=1/6, h=7/6+0.5=1.6667, i=1, f=0.6667: 50 + 0.6667*10.
        let q = run(Transform::Quantile, dec!(70));
        assert_eq!(q.round_dp(4), dec!(56.6667));
        // 80: a=2, p=0.5, h=4, f=0: v_4 = 80.
        assert_eq!(run(Transform::Quantile, dec!(80)), dec!(80));
        // 90: a=3, p=5/6, h=35/6+0.5=6.3333: 100 + 0.3333*10.
        assert_eq!(
            run(Transform::Quantile, dec!(90)).round_dp(4),
            dec!(103.3333)
        );
    }

    #[test]
    fn quantile_ties_share_their_mean_rank_and_ends_clamp() {
        let pool = sorted(&[dec!(10), dec!(20), dec!(30), dec!(40)]);
        // Own 5, 5, 9: the 5s have ranks 1 and 2, mean 1.5: p = 1/3,
        // h = 4/3 + 0.5 = 1.8333, i = 1, f = 0.8333: 10 + 8.333.
        let own = sorted(&[dec!(5), dec!(5), dec!(9)]);
        assert_eq!(quantile(dec!(5), &own, &pool).round_dp(3), dec!(18.333));
        // 9: a = 3, p = 2.5/3, h = 3.8333: 30 + 8.333.
        assert_eq!(quantile(dec!(9), &own, &pool).round_dp(3), dec!(38.333));
        // A lone score maps to the pool median: p = 0.5, h = 2.5: 25.
        assert_eq!(quantile(dec!(1), &[dec!(1)], &pool), dec!(25));
        // h clamps at N: v_(N+1) = v_N.
        let pool_one = [dec!(42)];
        assert_eq!(quantile(dec!(9), &own, &pool_one), dec!(42));
    }

    #[test]
    fn quantile_forms_the_fraction_of_the_difference_exactly() {
        // Pool -1.99, -1.00, 5.00, 6.00; own -1.99, 5.00, 6.00. For -1.99:
        // a = 1, p = 1/6, h = 4/6 + 1/2 = 7/6, i = 1, f = 1/6:
        // -1.99 + 0.99 / 6 = -1.825 exactly (with p rounded first, f x 0.99
        // falls a hair short of 0.165).
        let pool = [dec!(-1.99), dec!(-1.00), dec!(5.00), dec!(6.00)];
        let own = [dec!(-1.99), dec!(5.00), dec!(6.00)];
        assert_eq!(quantile(dec!(-1.99), &own, &pool), dec!(-1.825));
        // 5.00: a = 2, p = 1/2, h = 2.5, i = 2, f = 1/2: -1 + 6 / 2 = 2.
        assert_eq!(quantile(dec!(5.00), &own, &pool), dec!(2));
    }

    #[test]
    fn zscore_factor_is_exact_when_the_variances_allow_it() {
        // Own 0, 2: mean 1, variance 2, sd sqrt(2). Pool 0, 2, 6, -2, -1, 1:
        // mean 1, deviations -1, 1, 5, -3, -2, 0, squares 40, variance 8, sd
        // sqrt(8). sd_P / sd_R = sqrt(8 / 2) = 2 exactly, although neither
        // sd is a decimal: 2 maps to 1 + (2 - 1) x 2 = 3.
        let own = sorted(&[dec!(0), dec!(2)]);
        let pool = sorted(&[dec!(0), dec!(2), dec!(6), dec!(-2), dec!(-1), dec!(1)]);
        let own_summary = Summary::of_sorted(&own).expect("non-empty");
        let pool_summary = Summary::of_sorted(&pool).expect("non-empty");
        let ctx = Context {
            own_sorted: &own,
            own: &own_summary,
            pool_sorted: &pool,
            pool: &pool_summary,
        };
        let z = Transform::ZScore {
            mean: None,
            sd: None,
        };
        assert_eq!(apply(&z, dec!(2), &ctx), dec!(3));
        assert_eq!(apply(&z, dec!(0), &ctx), dec!(-1));
    }

    #[test]
    fn zscore_and_linear_multiply_before_dividing() {
        // Own 51, 51, 47, 47, 54: mean 50, deviations 1, 1, -3, -3, 4,
        // squares 36, variance 9, sd 3. To mean 50, sd 1.5: 51 maps to
        // 50 + 1 x 1.5 / 3 = 50.5 and 47 to 50 - 3 x 1.5 / 3 = 48.5.
        let own = sorted(&[dec!(51), dec!(51), dec!(47), dec!(47), dec!(54)]);
        let own_summary = Summary::of_sorted(&own).expect("non-empty");
        let ctx = Context {
            own_sorted: &own,
            own: &own_summary,
            pool_sorted: &own,
            pool: &own_summary,
        };
        let z = Transform::ZScore {
            mean: Some(dec!(50)),
            sd: Some(dec!(1.5)),
        };
        assert_eq!(apply(&z, dec!(51), &ctx), dec!(50.5));
        assert_eq!(apply(&z, dec!(47), &ctx), dec!(48.5));
        // Own 1, 1, 2: mean 4/3. Linear x 0.4: (2 - 4/3) x 0.4 + 4/3 = 0.8 +
        // 0.8 = 1.6, and 1 gives -0.4/3 + 4/3 = 1.2.
        let own = sorted(&[dec!(1), dec!(1), dec!(2)]);
        let own_summary = Summary::of_sorted(&own).expect("non-empty");
        let ctx = Context {
            own_sorted: &own,
            own: &own_summary,
            pool_sorted: &own,
            pool: &own_summary,
        };
        let linear = Transform::Linear {
            stretch: dec!(0.4),
            shift: dec!(0),
        };
        assert_eq!(apply(&linear, dec!(2), &ctx), dec!(1.6));
        assert_eq!(apply(&linear, dec!(1), &ctx), dec!(1.2));
    }

    #[test]
    fn huge_stretch_saturates_instead_of_overflowing() {
        let t = Transform::Linear {
            stretch: Decimal::MAX,
            shift: dec!(0),
        };
        assert!(run(t, dec!(90)) > dec!(1e27));
        assert!(run(t, dec!(70)) < dec!(-1e27));
    }

    #[test]
    fn adjustments_are_bounded() {
        use rust_decimal_macros::dec;
        let scale = ScoreScale {
            min: dec!(0),
            max: dec!(100),
            decimals: 2,
        };
        let ok = |t: Transform| t.check_bounds(&scale).is_ok();
        let linear = |stretch, shift| Transform::Linear { stretch, shift };
        assert!(ok(linear(dec!(10), dec!(-100))));
        assert!(ok(linear(dec!(0.1), dec!(100))));
        assert!(!ok(linear(dec!(10.0001), dec!(0))));
        assert!(!ok(linear(dec!(0.0999), dec!(0))));
        assert!(!ok(linear(dec!(0), dec!(0))));
        assert!(!ok(linear(dec!(1), dec!(100.01))));
        assert!(!ok(Transform::Offset { delta: dec!(-101) }));
        let z = |mean, sd| Transform::ZScore { mean, sd };
        assert!(ok(z(Some(dec!(-100)), Some(dec!(1000)))));
        assert!(!ok(z(Some(dec!(200.5)), None)));
        assert!(!ok(z(None, Some(dec!(1000.1)))));
        // Holding ] stops at the cap instead of overflowing.
        let mut t = Transform::None;
        for _ in 0..100_000 {
            match t.stretched(dec!(1.1)) {
                Some(next) if next.check_bounds(&scale).is_ok() => t = next,
                _ => break,
            }
        }
        assert_eq!(
            t,
            linear(dec!(9.8505), dec!(0)),
            "1.1 to the 24th, to 4 places a step"
        );
    }
}
