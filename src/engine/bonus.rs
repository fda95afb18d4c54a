//! The bonus pool split by grade (contract 6.5), exactly.
//!
//! Every figure is a whole number: each factor of a share (`bonus_base`,
//! the grade multiplier, the department grade multiplier) is scaled to the
//! most places any value of that factor has, so every share is an integer
//! multiple of one common unit and the ratio share / S is unchanged. The
//! pool becomes `units` (pool x 10^decimals), and the split is integer
//! division and remainder in `u128`: no rounding anywhere, so no unit is
//! ever lost. [`check_fits`] refuses at load time an input whose largest
//! possible figures would not fit, so [`allocate`] cannot overflow.

use rust_decimal::Decimal;

use super::calibrate::Results;
use super::decision::State;
use super::model::{BonusPolicy, Input};
use super::session::Session;

/// Each employee's bonus, in units of 10^-decimals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    pub decimals: u32,
    /// The pool, in units.
    pub pool: u128,
    /// What the bonuses add up to: the pool, or 0 when S = 0.
    pub allocated: u128,
    /// Per employee, in org.json order; `None` for the unrated.
    pub units: Vec<Option<u128>>,
}

impl Allocation {
    /// A number of units printed with exactly `decimals` places.
    pub fn format(&self, units: u128) -> String {
        format_units(units, self.decimals)
    }

    /// Employee `e`'s bonus as printed, `None` when unrated.
    pub fn bonus(&self, e: usize) -> Option<String> {
        self.units.get(e).copied().flatten().map(|u| self.format(u))
    }
}

/// `units` / 10^decimals with exactly `decimals` places (`12345`, 2 -> `123.45`).
pub fn format_units(units: u128, decimals: u32) -> String {
    let digits = units.to_string();
    let places = decimals as usize;
    if places == 0 {
        return digits;
    }
    let padded = format!("{digits:0>width$}", width = places + 1);
    let (whole, fraction) = padded.split_at(padded.len() - places);
    format!("{whole}.{fraction}")
}

/// Why a policy's bonus cannot be computed exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(crate::i18n::t(
            crate::i18n::Lang::En,
            crate::i18n::Load::BonusTooLarge,
        ))
    }
}

/// The three factors of every share as whole numbers of one common unit.
struct Factors {
    /// Per employee.
    base: Vec<u128>,
    /// Per employee grade.
    grade: Vec<u128>,
    /// Per department grade.
    department: Vec<u128>,
    units: u128,
}

/// `values` as integers at the most places any of them has.
fn scale_all(values: impl Iterator<Item = Decimal> + Clone) -> Result<Vec<u128>, TooLarge> {
    let places = values
        .clone()
        .map(|v| v.normalize().scale())
        .max()
        .unwrap_or(0);
    values
        .map(|v| to_places(v, places))
        .collect::<Option<Vec<u128>>>()
        .ok_or(TooLarge)
}

/// `value` x 10^places as an integer, if it is one and fits.
fn to_places(value: Decimal, places: u32) -> Option<u128> {
    let value = value.normalize();
    let mantissa = u128::try_from(value.mantissa()).ok()?;
    let shift = places.checked_sub(value.scale())?;
    10u128.checked_pow(shift)?.checked_mul(mantissa)
}

impl Factors {
    fn new(input: &Input, bonus: &BonusPolicy) -> Result<Factors, TooLarge> {
        Ok(Factors {
            base: scale_all(input.employees.iter().map(|e| e.bonus_base))?,
            grade: scale_all(bonus.grade_multipliers.iter().copied())?,
            department: scale_all(bonus.department_grade_multipliers.iter().copied())?,
            units: to_places(bonus.pool, bonus.decimals).ok_or(TooLarge)?,
        })
    }

    /// The largest share any employee could have, and the largest S.
    fn bounds(&self) -> Option<(u128, u128)> {
        let max = |v: &[u128]| v.iter().copied().max().unwrap_or(0);
        let multipliers = max(&self.grade).checked_mul(max(&self.department))?;
        let share = max(&self.base).checked_mul(multipliers)?;
        let bases = self
            .base
            .iter()
            .try_fold(0u128, |sum, &b| sum.checked_add(b))?;
        let sum = bases.checked_mul(multipliers)?;
        Some((share, sum))
    }
}

/// Refuses a policy whose bonus figures could overflow, whatever the
/// grades turn out to be: checked once, at load time.
pub fn check_fits(input: &Input) -> Result<(), TooLarge> {
    let Some(bonus) = &input.policy.bonus else {
        return Ok(());
    };
    let factors = Factors::new(input, bonus)?;
    let (share, _) = factors.bounds().ok_or(TooLarge)?;
    factors.units.checked_mul(share).ok_or(TooLarge)?;
    Ok(())
}

/// Every employee's share as an integer, `None` when ungraded.
fn shares(
    input: &Input,
    factors: &Factors,
    state: &State,
    grades: impl Fn(usize) -> Option<u8>,
) -> Result<Vec<Option<u128>>, TooLarge> {
    (0..input.employees.len())
        .map(|e| match grades(e) {
            None => Ok(None),
            Some(g) => {
                let department = state.department_grades[input.employees[e].department];
                let grade = factors.grade.get(g as usize).copied().ok_or(TooLarge)?;
                let department = factors
                    .department
                    .get(department)
                    .copied()
                    .ok_or(TooLarge)?;
                factors.base[e]
                    .checked_mul(grade)
                    .and_then(|s| s.checked_mul(department))
                    .map(Some)
                    .ok_or(TooLarge)
            }
        })
        .collect()
}

/// The session's bonuses, when the policy has a bonus.
pub fn allocate(session: &Session) -> Option<Result<Allocation, TooLarge>> {
    let input = &session.input;
    let bonus = input.policy.bonus.as_ref()?;
    let results = session.results();
    Some(allocate_with(input, bonus, session.state(), |e| {
        results.employees[e].grade
    }))
}

/// The bonuses before calibration: the same policy applied to the grades
/// `before` holds (the session's [`Session::uncalibrated`] results) and
/// org.json's department grades.
pub fn allocate_uncalibrated(
    session: &Session,
    before: &Results,
) -> Option<Result<Allocation, TooLarge>> {
    let input = &session.input;
    let bonus = input.policy.bonus.as_ref()?;
    Some(allocate_with(input, bonus, &State::initial(input), |e| {
        before.employees[e].grade
    }))
}

/// How many people hold a part of the pool, and how many units they hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub people: usize,
    pub units: u128,
}

/// An allocation added up by grade and by department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    /// Per grade, in the policy's order.
    pub by_grade: Vec<Tally>,
    /// Per department, in org.json order.
    pub by_department: Vec<Tally>,
    /// The people with no bonus: the unrated.
    pub unrated: usize,
}

impl Breakdown {
    /// Adds `allocation` up by the grades of `results`.
    pub fn of(input: &Input, results: &Results, allocation: &Allocation) -> Breakdown {
        let mut out = Breakdown {
            by_grade: vec![Tally::default(); input.policy.grades.len()],
            by_department: vec![Tally::default(); input.departments.len()],
            unrated: 0,
        };
        for (e, employee) in input.employees.iter().enumerate() {
            let (Some(grade), Some(Some(units))) =
                (results.employees[e].grade, allocation.units.get(e))
            else {
                out.unrated += 1;
                continue;
            };
            for tally in [
                &mut out.by_grade[usize::from(grade)],
                &mut out.by_department[employee.department],
            ] {
                tally.people += 1;
                tally.units += units;
            }
        }
        out
    }
}

fn allocate_with(
    input: &Input,
    bonus: &BonusPolicy,
    state: &State,
    grades: impl Fn(usize) -> Option<u8>,
) -> Result<Allocation, TooLarge> {
    let factors = Factors::new(input, bonus)?;
    let shares = shares(input, &factors, state, grades)?;
    let (units, allocated) = split(factors.units, &shares, |e| &input.employees[e].id)?;
    Ok(Allocation {
        decimals: bonus.decimals,
        pool: factors.units,
        allocated,
        units,
    })
}

/// Whether every graded employee's share is 0 (S = 0), so the pool cannot
/// be allocated: a test without multiplying, cheap after every decision.
pub fn shares_are_zero(input: &Input, state: &State, grades: impl Fn(usize) -> Option<u8>) -> bool {
    let Some(bonus) = &input.policy.bonus else {
        return false;
    };
    !input.employees.iter().enumerate().any(|(e, employee)| {
        grades(e).is_some_and(|g| {
            let department = state.department_grades[employee.department];
            employee.bonus_base > Decimal::ZERO
                && bonus
                    .grade_multipliers
                    .get(g as usize)
                    .is_some_and(|m| *m > Decimal::ZERO)
                && bonus
                    .department_grade_multipliers
                    .get(department)
                    .is_some_and(|m| *m > Decimal::ZERO)
        })
    })
}

/// Splits `units` in proportion to `shares` (`None`: gets nothing):
/// floor(units x share / S) each, then the units left over one each to
/// the largest remainders (units x share) mod S, ties to the larger share,
/// then to the id first in byte order. Returns each one's units and the
/// total allocated (`units`, or 0 when S = 0).
pub fn split<'a>(
    units: u128,
    shares: &[Option<u128>],
    id: impl Fn(usize) -> &'a str,
) -> Result<(Vec<Option<u128>>, u128), TooLarge> {
    let total = shares
        .iter()
        .flatten()
        .try_fold(0u128, |sum, &s| sum.checked_add(s))
        .ok_or(TooLarge)?;
    if total == 0 {
        return Ok((shares.iter().map(|s| s.map(|_| 0)).collect(), 0));
    }
    let mut out = Vec::with_capacity(shares.len());
    let mut remainders: Vec<(usize, u128)> = Vec::new();
    let mut given = 0u128;
    for (e, share) in shares.iter().enumerate() {
        let Some(share) = *share else {
            out.push(None);
            continue;
        };
        let product = units.checked_mul(share).ok_or(TooLarge)?;
        let floor = product / total;
        let remainder = product % total;
        given += floor;
        if remainder > 0 {
            remainders.push((e, remainder));
        }
        out.push(Some(floor));
    }
    // Less than the number of nonzero remainders: each is below S.
    let left = usize::try_from(units - given).map_err(|_| TooLarge)?;
    let order = |a: &(usize, u128), b: &(usize, u128)| {
        b.1.cmp(&a.1)
            .then_with(|| shares[b.0].cmp(&shares[a.0]))
            .then_with(|| id(a.0).as_bytes().cmp(id(b.0).as_bytes()))
    };
    if left > 0 && left < remainders.len() {
        remainders.select_nth_unstable_by(left - 1, order);
    }
    for &(e, _) in remainders.iter().take(left) {
        if let Some(Some(bonus)) = out.get_mut(e) {
            *bonus += 1;
        }
    }
    Ok((out, units))
}

#[cfg(test)]
mod tests;
