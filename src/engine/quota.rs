//! Quotas and seats (contract 4.4): department-grade-weighted quotas,
//! apportioned by the largest-remainder (Hamilton) method, and the seats
//! filled from a ranking (contract 4.6).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::model::Grade;

/// q_g for a group: sum over its departments of headcount * share.
/// `departments` yields (rated headcount, quota row of the department's grade).
pub fn group_quotas<'a>(
    grades: usize,
    departments: impl IntoIterator<Item = (usize, &'a [Decimal])>,
) -> Vec<Decimal> {
    let mut quotas = vec![Decimal::ZERO; grades];
    for (headcount, row) in departments {
        let headcount = Decimal::from(headcount);
        for (q, share) in quotas.iter_mut().zip(row) {
            *q += headcount * share;
        }
    }
    quotas
}

/// Hamilton seats: each grade gets floor(q_g); the `seats` left go one each to
/// the largest fractional parts; ties go to the larger q_g, then the better
/// (earlier) grade.
pub fn hamilton(quotas: &[Decimal], seats: u64) -> Vec<u64> {
    let mut result: Vec<u64> = quotas
        .iter()
        .map(|q| q.floor().to_u64().unwrap_or(0))
        .collect();
    let given: u64 = result.iter().sum();
    let mut left = seats.saturating_sub(given);
    if quotas.is_empty() {
        return result;
    }
    let mut order: Vec<usize> = (0..quotas.len()).collect();
    order.sort_by(|&a, &b| {
        let (qa, qb) = (quotas[a], quotas[b]);
        (qb - qb.floor())
            .cmp(&(qa - qa.floor()))
            .then(qb.cmp(&qa))
            .then(a.cmp(&b))
    });
    // With quotas that add up to `seats` the loop runs at most once round.
    while left > 0 {
        for &g in &order {
            if left == 0 {
                break;
            }
            result[g] += 1;
            left -= 1;
        }
    }
    result
}

/// What [`fill_seats`] did, per grade.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filled {
    /// How many people the grade took.
    pub taken: Vec<u64>,
    /// How many it could take: its seats plus those carried over from
    /// better grades that could not fill theirs.
    pub capacity: Vec<u64>,
}

/// How many of `n` ranked people each grade takes (contract 4.6): best grade
/// first, up to its seats plus any seats carried over, only people whose score
/// reaches its `min_score`; the worst grade takes everyone left.
/// `score(i)` is the score of the i-th person in rank order (descending).
pub fn fill(
    seats: &[u64],
    grades: &[Grade],
    n: usize,
    score: impl Fn(usize) -> Decimal,
) -> Vec<u64> {
    fill_seats(seats, grades, n, score).taken
}

/// [`fill`], with each grade's capacity: why a person got the grade they
/// got ([`crate::engine::provenance`]) reads it.
pub fn fill_seats(
    seats: &[u64],
    grades: &[Grade],
    n: usize,
    score: impl Fn(usize) -> Decimal,
) -> Filled {
    let mut filled = vec![0u64; grades.len()];
    let mut capacities = vec![0u64; grades.len()];
    let mut next = 0;
    let mut carry = 0u64;
    for (grade, spec) in grades.iter().enumerate() {
        let capacity = seats[grade] + carry;
        capacities[grade] = capacity;
        if grade + 1 == grades.len() {
            filled[grade] = (n - next) as u64;
            break;
        }
        let mut taken = 0u64;
        while next < n && taken < capacity {
            if spec.min_score.is_some_and(|min| score(next) < min) {
                break;
            }
            next += 1;
            taken += 1;
        }
        filled[grade] = taken;
        carry = capacity - taken;
    }
    Filled {
        taken: filled,
        capacity: capacities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hamilton apportionment of `seats` among populations (the published reference cases).
    fn hamilton_by_population(populations: &[u64], seats: u64) -> Vec<u64> {
        let total: u64 = populations.iter().sum();
        if total == 0 {
            return vec![0; populations.len()];
        }
        let quotas: Vec<Decimal> = populations
            .iter()
            .map(|&p| Decimal::from(p) * Decimal::from(seats) / Decimal::from(total))
            .collect();
        hamilton(&quotas, seats)
    }
    use rust_decimal_macros::dec;

    #[test]
    fn published_cases() {
        assert_eq!(
            hamilton_by_population(&[5117, 4400, 162, 161, 160], 100),
            vec![51, 44, 2, 2, 1]
        );
        assert_eq!(
            hamilton_by_population(&[9061, 7179, 5259, 3319, 1182], 26),
            vec![9, 7, 5, 4, 1]
        );
        assert_eq!(
            hamilton_by_population(&[14, 28, 7, 35], 12),
            vec![2, 4, 1, 5]
        );
    }

    #[test]
    fn department_grades_weight_the_quotas() {
        // 12 people in an A department and 8 in a C department.
        let a = [dec!(0.15), dec!(0.30), dec!(0.40), dec!(0.10), dec!(0.05)];
        let c = [dec!(0.05), dec!(0.15), dec!(0.50), dec!(0.20), dec!(0.10)];
        let q = group_quotas(5, [(12, &a[..]), (8, &c[..])]);
        assert_eq!(
            q,
            vec![dec!(2.2), dec!(4.8), dec!(8.8), dec!(2.8), dec!(1.4)]
        );
        // Floors 2,4,8,2,1 = 17; 3 left to fractions .8,.8,.8 (tie: larger q
        // first: B 8.8, A 4.8, C 2.8).
        assert_eq!(hamilton(&q, 20), vec![2, 5, 9, 3, 1]);
    }

    #[test]
    fn ties_go_to_larger_quota_then_better_grade() {
        // Fractions all .5; one seat left: larger q wins.
        assert_eq!(
            hamilton(&[dec!(1.5), dec!(2.5), dec!(1.0)], 5),
            vec![1, 3, 1]
        );
        // Equal q and fraction: the better (earlier) grade wins.
        assert_eq!(hamilton(&[dec!(1.5), dec!(1.5), dec!(1)], 4), vec![2, 1, 1]);
    }

    #[test]
    fn nothing_to_share() {
        assert_eq!(hamilton(&[dec!(0), dec!(0)], 0), vec![0, 0]);
        assert_eq!(hamilton(&[], 0), Vec::<u64>::new());
    }
}
