//! Agreement between raters on the employees rated two or more times:
//! the intraclass correlations ICC(1,1), ICC(2,1) and ICC(3,1) of Shrout
//! and Fleiss (1979).
//!
//! Shrout and Fleiss define them on a complete table of n targets each
//! rated by the same k judges. calibra's second ratings are unbalanced (an
//! employee has 2 or 3 raters out of many), so the mean squares are the
//! standard ANOVA generalisation over every employee with two or more
//! ratings (N ratings, a employees, R raters in C parts):
//! - BMS = sum n_E (mean_E - mean)^2 / (a - 1)            (between employees)
//! - WMS = sum (x - mean_E)^2 / (N - a)                    (within employees)
//! - EMS = RSS of the two-way additive fit / (N - a - R + C)
//! - JMS = (sum (x - mean_E)^2 - RSS) / (R - C)            (raters, adjusted for employees)
//! - k0 = (N - sum n_E^2 / N) / (a - 1), the ratings per employee, and
//!   m0 = (N - sum n_R^2 / N) / (R - 1), the ratings per rater (both counting
//!   these employees' ratings only), in place of k and n.
//!
//! ICC(1,1) = (BMS - WMS) / (BMS + (k0 - 1) WMS);
//! ICC(2,1) = (BMS - EMS) / (BMS + (k0 - 1) EMS + k0 (JMS - EMS) / m0);
//! ICC(3,1) = (BMS - EMS) / (BMS + (k0 - 1) EMS).
//! On a complete table k0 = k, m0 = n and the raters' sum of squares is the
//! judges' one, so these are exactly Shrout and Fleiss's figures.

use super::graph::{Parts, score};
use crate::engine::model::Input;

/// Intraclass correlations; `None` where the degrees of freedom or a
/// denominator are zero.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Agreement {
    /// Employees rated two or more times, and their ratings.
    pub employees: usize,
    pub ratings: usize,
    pub icc1: Option<f64>,
    pub icc2: Option<f64>,
    pub icc3: Option<f64>,
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0 && num.is_finite() && den.is_finite()).then(|| num / den)
}

/// `rss`: the residual sum of squares of the fit over every part.
pub fn agreement(input: &Input, parts: &Parts, rss: f64, centre: f64) -> Agreement {
    let mut per_rater = vec![0usize; input.raters.len()];
    let (mut n, mut a, mut sum_n2) = (0usize, 0usize, 0.0f64);
    let (mut total, mut within) = (0.0f64, 0.0f64);
    let mut means: Vec<(f64, f64)> = Vec::new();
    let mut c = 0usize;
    for part in &parts.parts {
        if part.linked_employees.is_empty() {
            continue;
        }
        c += 1;
        for &e in &part.linked_employees {
            let ratings = input.employee_ratings.of(e);
            let m = ratings.len() as f64;
            let mean = ratings
                .iter()
                .map(|&i| score(input, i, centre))
                .sum::<f64>()
                / m;
            for &i in ratings {
                per_rater[input.ratings[i].rater] += 1;
                let d = score(input, i, centre) - mean;
                within += d * d;
            }
            n += ratings.len();
            a += 1;
            sum_n2 += m * m;
            total += m * mean;
            means.push((m, mean));
        }
    }
    let mut agreement = Agreement {
        employees: a,
        ratings: n,
        ..Agreement::default()
    };
    if a < 2 {
        return agreement;
    }
    let r = per_rater.iter().filter(|&&k| k > 0).count();
    let sum_m2: f64 = per_rater.iter().map(|&k| (k * k) as f64).sum();
    let nf = n as f64;
    let grand = total / nf;
    let between: f64 = means
        .iter()
        .map(|(m, mean)| m * (mean - grand).powi(2))
        .sum();
    let bms = between / (a - 1) as f64;
    let k0 = (nf - sum_n2 / nf) / (a - 1) as f64;
    if n > a {
        let wms = within / (n - a) as f64;
        agreement.icc1 = ratio(bms - wms, bms + (k0 - 1.0) * wms);
    }
    let df_e = (n + c).checked_sub(a + r).filter(|&d| d > 0);
    if let Some(df_e) = df_e {
        let ems = rss / df_e as f64;
        agreement.icc3 = ratio(bms - ems, bms + (k0 - 1.0) * ems);
        if r > c && r >= 2 {
            let jms = (within - rss).max(0.0) / (r - c) as f64;
            let m0 = (nf - sum_m2 / nf) / (r - 1) as f64;
            if m0 > 0.0 {
                agreement.icc2 = ratio(bms - ems, bms + (k0 - 1.0) * ems + k0 * (jms - ems) / m0);
            }
        }
    }
    agreement
}
