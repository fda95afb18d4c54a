//! Rater scale adjustments (contract 4.2).

use std::fmt;

use rust_decimal::Decimal;

use super::stats::Summary;

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

impl Transform {
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
    match *transform {
        Transform::None => x,
        Transform::Offset { delta } => x.saturating_add(delta),
        Transform::Linear { stretch, shift } => (x - ctx.own.mean)
            .saturating_mul(stretch)
            .saturating_add(ctx.own.mean)
            .saturating_add(shift),
        Transform::ZScore { mean, sd } => {
            let target_mean = mean.unwrap_or(ctx.pool.mean);
            let deviation = x - ctx.own.mean;
            let scaled = match (ctx.own.usable_sd(), ctx.own.n >= 2) {
                (Some(own_sd), true) => {
                    let target_sd = sd.or(ctx.pool.sd).unwrap_or(Decimal::ZERO);
                    div_saturating(deviation, own_sd).saturating_mul(target_sd)
                }
                // n_R < 2 or sd_R = 0: the factor sd_P / sd_R is taken as 1.
                _ => deviation,
            };
            scaled.saturating_add(target_mean)
        }
        Transform::Quantile => quantile(x, ctx.own_sorted, ctx.pool_sorted),
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
    // Ties share their mean 1-based rank: positions lo+1 ..= hi.
    let lo = own_sorted.partition_point(|&v| v < x);
    let hi = own_sorted.partition_point(|&v| v <= x).max(lo + 1);
    let average_rank = Decimal::from(lo + 1 + hi) / Decimal::TWO;
    let p = (average_rank - Decimal::new(5, 1)) / Decimal::from(n_own);
    let h =
        (p * Decimal::from(n_pool) + Decimal::new(5, 1)).clamp(Decimal::ONE, Decimal::from(n_pool));
    let i = h.floor();
    let f = h - i;
    let i = usize::try_from(i.mantissa() / 10i128.pow(i.scale()))
        .unwrap_or(1)
        .clamp(1, n_pool);
    let v_i = pool_sorted[i - 1];
    let v_next = pool_sorted.get(i).copied().unwrap_or(v_i);
    v_i + f * (v_next - v_i)
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
    fn huge_stretch_saturates_instead_of_overflowing() {
        let t = Transform::Linear {
            stretch: Decimal::MAX,
            shift: dec!(0),
        };
        assert!(run(t, dec!(90)) > dec!(1e27));
        assert!(run(t, dec!(70)) < dec!(-1e27));
    }
}
