//! Attribute review (contract 6.8): the grade mix of each value of one
//! employee attribute, before calibration (no decisions) and after (the
//! session), with the four-fifths rule and a chi-square test of
//! independence of value and top / not top.
//!
//! Counts are exact; the ratios and the test are approximations by nature
//! and use f64, like the inferential figures in `bias`.

use statrs::distribution::{ChiSquared, ContinuousCDF};

use super::calibrate::Results;
use super::model::Input;
use super::moves::{self, Direction};
use super::session::Session;

/// Values with fewer graded employees than this are withheld everywhere.
pub const MIN_N: usize = 5;
/// The four-fifths rule: an impact ratio below this is adverse impact.
pub const FOUR_FIFTHS: f64 = 0.8;
/// The value of employees who do not have the attribute.
pub const NONE_VALUE: &str = "(none)";

/// One side (before or after) of one value's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// Graded employees.
    pub n: usize,
    /// Employees per grade, best first.
    pub counts: Vec<usize>,
    /// Share in the top grades.
    pub top_rate: f64,
    /// top_rate over the highest top rate among values with n >= 5; None
    /// when that highest rate is 0 or the value is withheld.
    pub impact_ratio: Option<f64>,
    pub adverse_impact: bool,
}

impl Side {
    /// Fewer than [`MIN_N`] graded employees: print nothing but that.
    pub fn withheld(&self) -> bool {
        self.n < MIN_N
    }
}

/// One value of the attribute.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueReview {
    pub value: String,
    pub before: Side,
    pub after: Side,
    /// Employees the session moved to a better (worse) grade than before.
    pub moved_up: usize,
    pub moved_down: usize,
    /// Those employees (up or down), in input order.
    pub movers: Vec<usize>,
}

impl ValueReview {
    /// A side has fewer than [`MIN_N`] graded employees: the value's
    /// figures, its moves included, are withheld.
    pub fn withheld(&self) -> bool {
        self.before.withheld() || self.after.withheld()
    }
}

/// The chi-square test of independence over the values with n >= 5.
#[derive(Debug, Clone, PartialEq)]
pub struct ChiSquare {
    pub statistic: f64,
    pub df: usize,
    /// None when df is 0 (fewer than two values, or nobody / everybody top).
    pub p_value: Option<f64>,
    /// An expected count is below 5.
    pub low_expected: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub attribute: String,
    /// How many of the policy's best grades count as top.
    pub top_grades: usize,
    /// Values in order of first appearance in org.json, `(none)` last.
    pub values: Vec<ValueReview>,
    pub before: ChiSquare,
    pub after: ChiSquare,
}

/// The best two grades when the policy has four or more, else the best one.
pub fn top_grades(grades: usize) -> usize {
    if grades >= 4 { 2 } else { 1 }
}

/// Reviews the session's grades by `attribute`, against the grades the
/// same input gets with no decisions.
pub fn review(session: &Session, attribute: &str) -> Review {
    let input = &session.input;
    let before = session.uncalibrated();
    review_results(input, &before, session.results(), attribute)
}

/// The attributes org.json gives employees, in order of first appearance.
pub fn attribute_names(input: &Input) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for e in 0..input.employees.len() {
        for (name, _) in input.attributes(e) {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
    }
    names
}

/// [`review`] on two given sets of results of the same input.
pub fn review_results(input: &Input, before: &Results, after: &Results, attribute: &str) -> Review {
    review_where(input, before, after, attribute, |_| true)
}

/// [`review_results`] over the employees `keep` admits only (a focus
/// group): values, counts, ratios and the test are theirs alone.
pub fn review_where(
    input: &Input,
    before: &Results,
    after: &Results,
    attribute: &str,
    keep: impl Fn(usize) -> bool,
) -> Review {
    let grades = input.policy.grades.len();
    let top = top_grades(grades);
    let mut names: Vec<String> = Vec::new();
    // Per employee: None when not kept, Some(None) without the attribute.
    let mut of_employee: Vec<Option<Option<usize>>> = Vec::with_capacity(input.employees.len());
    let mut has_none = false;
    for e in 0..input.employees.len() {
        if !keep(e) {
            of_employee.push(None);
            continue;
        }
        let value = input
            .attributes(e)
            .find(|&(k, _)| k == attribute)
            .map(|(_, v)| v);
        let slot = match value {
            Some(v) => match names.iter().position(|n| n == v) {
                Some(i) => Some(i),
                None => {
                    names.push(v.to_owned());
                    Some(names.len() - 1)
                }
            },
            None => {
                has_none = true;
                None
            }
        };
        of_employee.push(Some(slot));
    }
    let none_slot = names.len();
    if has_none {
        names.push(NONE_VALUE.to_owned());
    }
    let slot = |e: usize| of_employee[e].map(|v| v.unwrap_or(none_slot));

    let tally = |results: &Results| -> Vec<Vec<usize>> {
        let mut counts = vec![vec![0usize; grades]; names.len()];
        for (e, r) in results.employees.iter().enumerate() {
            if let Some(c) = slot(e)
                .zip(r.grade)
                .and_then(|(v, g)| counts[v].get_mut(usize::from(g)))
            {
                *c += 1;
            }
        }
        counts
    };
    let sides_before = sides(tally(before), top);
    let sides_after = sides(tally(after), top);

    let mut moved = vec![(0usize, 0usize, Vec::new()); names.len()];
    for m in moves::moves(before, after, |e| of_employee[e].is_some()) {
        let Some(v) = slot(m.employee) else { continue };
        let (up, down, movers) = &mut moved[v];
        match m.direction {
            Direction::Up => *up += 1,
            Direction::Down => *down += 1,
        }
        movers.push(m.employee);
    }

    let chi_before = chi_square(&sides_before, top);
    let chi_after = chi_square(&sides_after, top);
    let values = names
        .into_iter()
        .zip(sides_before)
        .zip(sides_after)
        .zip(moved)
        .map(
            |(((value, before), after), (up, down, movers))| ValueReview {
                value,
                before,
                after,
                moved_up: up,
                moved_down: down,
                movers,
            },
        )
        .collect();
    Review {
        attribute: attribute.to_owned(),
        top_grades: top,
        values,
        before: chi_before,
        after: chi_after,
    }
}

fn top_count(side: &Side, top: usize) -> usize {
    side.counts.iter().take(top).sum()
}

fn sides(counts: Vec<Vec<usize>>, top: usize) -> Vec<Side> {
    let mut sides: Vec<Side> = counts
        .into_iter()
        .map(|counts| {
            let n: usize = counts.iter().sum();
            let t: usize = counts.iter().take(top).sum();
            Side {
                n,
                top_rate: if n == 0 { 0.0 } else { t as f64 / n as f64 },
                counts,
                impact_ratio: None,
                adverse_impact: false,
            }
        })
        .collect();
    let best = sides
        .iter()
        .filter(|s| !s.withheld())
        .map(|s| s.top_rate)
        .fold(0.0f64, f64::max);
    if best > 0.0 {
        for s in sides.iter_mut().filter(|s| !s.withheld()) {
            let ratio = s.top_rate / best;
            s.impact_ratio = Some(ratio);
            s.adverse_impact = ratio < FOUR_FIFTHS;
        }
    }
    sides
}

/// Pearson's chi-square on the k x 2 table value x (top, not top), no
/// continuity correction; rows or columns that are all zero drop out of
/// the degrees of freedom.
fn chi_square(sides: &[Side], top: usize) -> ChiSquare {
    let rows: Vec<[f64; 2]> = sides
        .iter()
        .filter(|s| !s.withheld())
        .map(|s| {
            let t = top_count(s, top) as f64;
            [t, s.n as f64 - t]
        })
        .collect();
    let total: f64 = rows.iter().map(|r| r[0] + r[1]).sum();
    let cols = [
        rows.iter().map(|r| r[0]).sum::<f64>(),
        rows.iter().map(|r| r[1]).sum::<f64>(),
    ];
    let live_cols = cols.iter().filter(|&&c| c > 0.0).count();
    let df = rows.len().saturating_sub(1) * live_cols.saturating_sub(1);
    let mut statistic = 0.0;
    let mut low_expected = false;
    if df > 0 {
        for r in &rows {
            let row_total = r[0] + r[1];
            for (j, &observed) in r.iter().enumerate() {
                let expected = row_total * cols[j] / total;
                if expected < 5.0 {
                    low_expected = true;
                }
                if expected > 0.0 {
                    statistic += (observed - expected).powi(2) / expected;
                }
            }
        }
    }
    let p_value = if df > 0 {
        ChiSquared::new(df as f64)
            .ok()
            .map(|d| (1.0 - d.cdf(statistic)).clamp(0.0, 1.0))
    } else {
        None
    };
    ChiSquare {
        statistic,
        df,
        p_value,
        low_expected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(counts: &[usize]) -> Side {
        let n = counts.iter().sum();
        Side {
            n,
            counts: counts.to_vec(),
            top_rate: 0.0,
            impact_ratio: None,
            adverse_impact: false,
        }
    }

    #[test]
    fn top_grades_follow_the_scale_length() {
        assert_eq!(top_grades(5), 2);
        assert_eq!(top_grades(4), 2);
        assert_eq!(top_grades(3), 1);
        assert_eq!(top_grades(1), 1);
    }

    #[test]
    fn four_fifths_rule_against_the_best_shown_value() {
        // Top counts 4 of 10, 2 of 10, and 3 of 3 (withheld: it does not set the best).
        let s = sides(vec![vec![2, 2, 6], vec![1, 1, 8], vec![3, 0, 0]], 2);
        assert_eq!(s[0].impact_ratio, Some(1.0));
        assert!(!s[0].adverse_impact);
        assert_eq!(s[1].impact_ratio, Some(0.5));
        assert!(s[1].adverse_impact);
        assert!(s[2].withheld());
        assert_eq!(s[2].impact_ratio, None);
    }

    #[test]
    fn chi_square_of_a_two_by_two_table() {
        // Top 10 of 20 against 4 of 20: expected 7 / 13 each row;
        // X2 = 2 * (9/7 + 9/13) = 3.956..., df 1, p = 0.0467 (erfc(sqrt(X2/2))).
        let s = vec![side(&[5, 5, 10]), side(&[2, 2, 16])];
        let c = chi_square(&s, 2);
        assert_eq!(c.df, 1);
        assert!((c.statistic - 2.0 * (9.0 / 7.0 + 9.0 / 13.0)).abs() < 1e-12);
        let p = c.p_value.unwrap_or(f64::NAN);
        assert!((p - 0.04671).abs() < 1e-4, "{p}");
        assert!(!c.low_expected);
    }

    #[test]
    fn chi_square_withholds_small_values_and_flags_low_expected() {
        let s = vec![side(&[1, 1, 3]), side(&[0, 0, 4]), side(&[3, 0, 0])];
        let c = chi_square(&s, 2);
        assert_eq!(c.df, 0);
        assert_eq!(c.p_value, None);
        let s = vec![side(&[1, 0, 4]), side(&[0, 0, 5])];
        let c = chi_square(&s, 2);
        assert_eq!(c.df, 1);
        assert!(c.low_expected);
    }
}
