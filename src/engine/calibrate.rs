//! From scores to grades (contract 4.2 to 4.7): adjusted scores, employee
//! scores, group quotas and seats, ranking, grade assignment and flags.
//!
//! [`Results::compute`] does it all; [`Results::update`] recomputes only what
//! a decision touched (one rater's ratings and their groups, or one group).

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::cores;
use super::decision::{State, Touched};
use super::model::Input;
use super::quota::{Filled, fill_seats, group_quotas, hamilton};
use super::stats::{self, Summary};
use super::transform::{self, Context, Transform};

/// Everything that depends on the input alone, computed once.
#[derive(Debug, Clone)]
pub struct Baseline {
    /// Every raw rating, sorted ascending.
    pub pool_sorted: Vec<Decimal>,
    pub pool: Option<Summary>,
    /// Each rater's raw scores, sorted ascending.
    pub rater_sorted: Vec<Vec<Decimal>>,
    pub raters: Vec<Option<Summary>>,
    /// raw_score(E), rounded; `None` when unrated.
    pub raw_scores: Vec<Option<Decimal>>,
    /// Every rated employee's raw score, best first (for company-wide cut-offs).
    pub raw_ranked: Vec<Decimal>,
    /// Rated headcount per department.
    pub rated_per_department: Vec<usize>,
}

impl Baseline {
    pub fn new(input: &Input) -> Self {
        let per_rater = || {
            let rater_sorted: Vec<Vec<Decimal>> = (0..input.raters.len())
                .map(|r| {
                    let mut scores: Vec<Decimal> = input
                        .rater_ratings
                        .of(r)
                        .iter()
                        .map(|&i| input.ratings[i].score)
                        .collect();
                    stats::sort(&mut scores);
                    scores
                })
                .collect();
            let raters: Vec<Option<Summary>> =
                rater_sorted.iter().map(|s| Summary::of_sorted(s)).collect();
            (rater_sorted, raters)
        };
        // The raters' figures and the pool's are independent: with many
        // ratings, compute them on two cores.
        let ((rater_sorted, raters), pool_sorted, raw_scores) = std::thread::scope(|scope| {
            let raters = (input.ratings.len() >= 50_000).then(|| scope.spawn(per_rater));
            let mut pool_sorted: Vec<Decimal> = input.ratings.iter().map(|r| r.score).collect();
            stats::sort(&mut pool_sorted);
            let raw_scores: Vec<Option<Decimal>> = (0..input.employees.len())
                .map(|e| weighted_score(input, e, |r| input.ratings[r].score))
                .collect();
            let raters = match raters {
                Some(handle) => handle.join().unwrap_or_else(|_| per_rater()),
                None => per_rater(),
            };
            (raters, pool_sorted, raw_scores)
        });
        let pool = Summary::of_sorted(&pool_sorted);
        let mut raw_ranked: Vec<Decimal> = raw_scores.iter().flatten().copied().collect();
        stats::sort(&mut raw_ranked);
        raw_ranked.reverse();
        let mut rated_per_department = vec![0; input.departments.len()];
        for (e, employee) in input.employees.iter().enumerate() {
            if input.is_rated(e) {
                rated_per_department[employee.department] += 1;
            }
        }
        Baseline {
            pool_sorted,
            pool,
            rater_sorted,
            raters,
            raw_scores,
            raw_ranked,
            rated_per_department,
        }
    }
}

/// round(sum(w * score) / sum(w)) over an employee's ratings.
///
/// Already exact in the sense of contract 6.1: the products and sums are
/// exact while they fit, and the one division comes last. Its 28-digit
/// result cannot fake a rounding midpoint: with weights of a few digits,
/// a quotient that is not a short decimal repeats with a short period, so
/// it never reads ...5000 (or ...4999) at the places rounded away.
fn weighted_score(
    input: &Input,
    employee: usize,
    score: impl Fn(usize) -> Decimal,
) -> Option<Decimal> {
    let ratings = input.employee_ratings.of(employee);
    match ratings {
        [] => return None,
        // w * x / w is x: skip the division (most people have one rater).
        [only] => return Some(input.policy.score.round(score(*only))),
        _ => {}
    }
    let (mut sum, mut weights) = (Decimal::ZERO, Decimal::ZERO);
    for &r in ratings {
        let w = input.ratings[r].weight;
        sum = sum.saturating_add(w.saturating_mul(score(r)));
        weights = weights.saturating_add(w);
    }
    Some(input.policy.score.round(sum / weights))
}

/// Employee flags (contract 4.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flags(u8);

impl Flags {
    pub const BOUNDARY_TIE: Flags = Flags(1);
    pub const OVERRIDE: Flags = Flags(2);
    pub const UNRATED: Flags = Flags(4);
    const NAMES: [(Flags, &'static str); 3] = [
        (Flags::BOUNDARY_TIE, "boundary_tie"),
        (Flags::OVERRIDE, "override"),
        (Flags::UNRATED, "unrated"),
    ];

    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn insert(&mut self, other: Flags) {
        self.0 |= other.0;
    }

    /// The raw bits, for sorting.
    pub fn bits(self) -> u8 {
        self.0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Flag names in ascending byte order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Flags::NAMES
            .into_iter()
            .filter(move |(f, _)| self.contains(*f))
            .map(|(_, name)| name)
    }
}

/// One employee's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EmployeeResult {
    pub final_score: Option<Decimal>,
    /// 1-based position in the group's ranking.
    pub rank: Option<u32>,
    /// Index into the policy's grades.
    pub auto_grade: Option<u8>,
    pub grade: Option<u8>,
    pub flags: Flags,
}

/// One group's quotas, seats and counts, per employee grade.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupResult {
    /// Rated headcount.
    pub headcount: usize,
    /// q_g, exact.
    pub quotas: Vec<Decimal>,
    /// k_g from Hamilton.
    pub seats: Vec<u64>,
    /// Auto-graded count after carry-over.
    pub filled: Vec<u64>,
    /// Seats each grade could fill: its own plus those carried over.
    pub capacity: Vec<u64>,
    /// Final count after overrides.
    pub counts: Vec<u64>,
    /// Rated employees in rank order.
    pub ranking: Vec<usize>,
}

impl GroupResult {
    /// Grades whose final count differs from the auto-graded count.
    pub fn violations(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.counts.len()).filter(|&g| self.counts[g] != self.filled[g])
    }
}

/// Raters touched at once from which [`Results::update`] computes anew
/// (few in the unit tests, so that they take that path too).
const RECOMPUTE_AT: usize = if cfg!(test) { 10 } else { 1_000 };

/// Items at which work is split over two cores (few in the unit tests).
const TWO_CORES_AT: usize = if cfg!(test) { 100 } else { 50_000 };

/// All derived numbers of a calibration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    /// Per rating: T_R(x) clamped to the score range, unrounded.
    pub adjusted: Vec<Decimal>,
    pub employees: Vec<EmployeeResult>,
    pub groups: Vec<GroupResult>,
}

impl Results {
    pub fn compute(input: &Input, baseline: &Baseline, state: &State) -> Self {
        let mut results = Results {
            adjusted: input.ratings.iter().map(|r| r.score).collect(),
            employees: vec![EmployeeResult::default(); input.employees.len()],
            groups: vec![GroupResult::default(); input.groups.len()],
        };
        // Raw scores are within the range (validated), so a rater without a
        // transform keeps them as they are, and a person whose raters all
        // have none keeps their raw score as final score: no work for most
        // of a fresh session.
        let scaled = |r: usize| state.transforms[r] != Transform::None;
        results.adjust_all(input, baseline, state);
        let adjusted = &results.adjusted;
        let score = |(e, result): (usize, &mut EmployeeResult)| {
            let ratings = input.employee_ratings.of(e);
            if ratings.iter().any(|&i| scaled(input.ratings[i].rater)) {
                result.final_score = weighted_score(input, e, |r| adjusted[r]);
            } else {
                result.final_score = baseline.raw_scores[e];
            }
            if result.final_score.is_none() {
                result.flags = Flags::UNRATED;
            }
        };
        let split = results.employees.len() >= TWO_CORES_AT;
        cores::each(&mut results.employees, split, score);
        // Groups are graded independently: with many, half on each core.
        let n = input.groups.len();
        let grade = |range: std::ops::Range<usize>| -> Vec<(GroupResult, Vec<EmployeeResult>)> {
            range
                .map(|g| results.graded(input, baseline, state, g))
                .collect()
        };
        let graded = if input.employees.len() < 50_000 {
            grade(0..n)
        } else {
            std::thread::scope(|scope| {
                let later = scope.spawn(|| grade(n / 2..n));
                let mut graded = grade(0..n / 2);
                graded.extend(later.join().unwrap_or_else(|_| grade(n / 2..n)));
                graded
            })
        };
        for (g, group) in graded.into_iter().enumerate() {
            results.apply(g, group);
        }
        results
    }

    /// Recomputes what the given changes affect, leaving the rest as is.
    ///
    /// A change of most raters (z-scoring every rater) is computed anew on
    /// two cores, which is faster than following each rater's people.
    pub fn update(
        &mut self,
        input: &Input,
        baseline: &Baseline,
        state: &State,
        touched: &[Touched],
    ) {
        let raters = touched
            .iter()
            .filter(|t| matches!(t, Touched::Rater(_)))
            .count();
        if raters >= RECOMPUTE_AT && 4 * raters >= input.raters.len() {
            *self = Results::compute(input, baseline, state);
        } else {
            self.update_each(input, baseline, state, touched);
        }
    }

    /// [`Results::update`] by following each change to what it touches.
    fn update_each(
        &mut self,
        input: &Input,
        baseline: &Baseline,
        state: &State,
        touched: &[Touched],
    ) {
        let mut groups = BTreeSet::new();
        for t in touched {
            match *t {
                Touched::Rater(r) => {
                    self.adjust_rater(input, baseline, state, r);
                    for &rating in input.rater_ratings.of(r) {
                        let e = input.ratings[rating].employee;
                        self.score_employee(input, e);
                        groups.insert(input.group_of(e));
                    }
                }
                Touched::Department(d) => {
                    groups.insert(input.departments[d].group);
                }
                Touched::Employee(e) => {
                    groups.insert(input.group_of(e));
                }
                Touched::Record => {}
            }
        }
        for g in groups {
            self.grade_group(input, baseline, state, g);
        }
    }

    /// Every rating's adjusted score: each rater's transform prepared once,
    /// then the ratings in two halves on two cores.
    fn adjust_all(&mut self, input: &Input, baseline: &Baseline, state: &State) {
        let contexts: Vec<Option<Context>> = (0..input.raters.len())
            .map(|r| match (&baseline.raters[r], &baseline.pool) {
                (Some(own), Some(pool)) if state.transforms[r] != Transform::None => {
                    Some(Context {
                        own_sorted: &baseline.rater_sorted[r],
                        own,
                        pool_sorted: &baseline.pool_sorted,
                        pool,
                    })
                }
                _ => None,
            })
            .collect();
        let prepared: Vec<Option<transform::Prepared>> = contexts
            .iter()
            .enumerate()
            .map(|(r, ctx)| {
                ctx.as_ref()
                    .map(|ctx| transform::Prepared::new(&state.transforms[r], ctx))
            })
            .collect();
        if prepared.iter().all(Option::is_none) {
            // No rater corrected (a fresh session): the raw scores stand.
            return;
        }
        let scale = &input.policy.score;
        let split = self.adjusted.len() >= TWO_CORES_AT;
        cores::each(&mut self.adjusted, split, |(i, slot)| {
            let rating = &input.ratings[i];
            let r = rating.rater;
            if let (Some(how), Some(ctx)) = (&prepared[r], &contexts[r]) {
                *slot = scale.clamp(how.apply(rating.score, ctx));
            }
        });
    }

    fn adjust_rater(&mut self, input: &Input, baseline: &Baseline, state: &State, r: usize) {
        let (Some(own), Some(pool)) = (&baseline.raters[r], &baseline.pool) else {
            return;
        };
        let ctx = Context {
            own_sorted: &baseline.rater_sorted[r],
            own,
            pool_sorted: &baseline.pool_sorted,
            pool,
        };
        let scale = &input.policy.score;
        let transform = transform::Prepared::new(&state.transforms[r], &ctx);
        for &i in input.rater_ratings.of(r) {
            let x = input.ratings[i].score;
            self.adjusted[i] = scale.clamp(transform.apply(x, &ctx));
        }
    }

    fn score_employee(&mut self, input: &Input, e: usize) {
        let result = &mut self.employees[e];
        result.final_score = weighted_score(input, e, |r| self.adjusted[r]);
        if result.final_score.is_none() {
            result.flags = Flags::UNRATED;
        }
    }

    /// Ranks a group and assigns its grades (contract 4.4 to 4.7).
    fn grade_group(&mut self, input: &Input, baseline: &Baseline, state: &State, g: usize) {
        let graded = self.graded(input, baseline, state, g);
        self.apply(g, graded);
    }

    /// Stores a group's grading: its figures, and its people's results.
    fn apply(&mut self, g: usize, (group, people): (GroupResult, Vec<EmployeeResult>)) {
        for (&e, result) in group.ranking.iter().zip(people) {
            self.employees[e] = result;
        }
        self.groups[g] = group;
    }

    /// Ranks a group and assigns its grades (contract 4.4 to 4.7), without
    /// changing anything: the group's figures, and its rated people's results
    /// in rank order.
    fn graded(
        &self,
        input: &Input,
        baseline: &Baseline,
        state: &State,
        g: usize,
    ) -> (GroupResult, Vec<EmployeeResult>) {
        let policy = &input.policy;
        let group = &input.groups[g];
        let grade_count = policy.grades.len();

        let ranking: Vec<usize> = group
            .employees
            .iter()
            .copied()
            .filter(|&e| self.employees[e].final_score.is_some())
            .collect();
        // Both scores are rounded to `decimals` places, so at that scale
        // their mantissas compare exactly as the decimals do, and cheaply.
        let decimals = policy.score.decimals;
        let key = |x: Option<Decimal>| {
            x.map_or(i128::MIN, |mut x| {
                x.rescale(decimals);
                x.mantissa()
            })
        };
        let mut keyed: Vec<(i128, i128, usize)> = ranking
            .iter()
            .map(|&e| {
                (
                    key(self.employees[e].final_score),
                    key(baseline.raw_scores[e]),
                    e,
                )
            })
            .collect();
        keyed.sort_unstable_by(|a, b| {
            b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then_with(|| {
                input.employees[a.2]
                    .id
                    .as_bytes()
                    .cmp(input.employees[b.2].id.as_bytes())
            })
        });
        let ranking: Vec<usize> = keyed.into_iter().map(|k| k.2).collect();
        let mut people: Vec<EmployeeResult> = ranking.iter().map(|&e| self.employees[e]).collect();

        let quotas = group_quotas(
            grade_count,
            group.departments.iter().map(|&d| {
                (
                    baseline.rated_per_department[d],
                    policy.quotas[state.department_grades[d]].as_slice(),
                )
            }),
        );
        let seats = hamilton(&quotas, ranking.len() as u64);

        let Filled {
            taken: filled,
            capacity,
        } = fill_seats(&seats, &policy.grades, people.len(), |i| {
            people[i].final_score.unwrap_or(Decimal::MIN)
        });
        let mut position = 0;
        for (grade, &n) in filled.iter().enumerate() {
            for _ in 0..n {
                let result = &mut people[position];
                result.auto_grade = Some(grade as u8);
                result.rank = Some(position as u32 + 1);
                position += 1;
            }
        }

        let mut counts = vec![0u64; grade_count];
        for (result, &e) in people.iter_mut().zip(&ranking) {
            result.flags = Flags::default();
            result.grade = result.auto_grade;
            if let Some(o) = state.overrides.get(e) {
                result.grade = Some(o.grade as u8);
                result.flags.insert(Flags::OVERRIDE);
            }
            if let Some(grade) = result.grade {
                counts[grade as usize] += 1;
            }
        }

        // Boundary ties: a run of equal final scores holding more than one auto grade.
        let mut start = 0;
        while start < people.len() {
            let score = people[start].final_score;
            let mut end = start + 1;
            while end < people.len() && people[end].final_score == score {
                end += 1;
            }
            let first_grade = people[start].auto_grade;
            if people[start..end]
                .iter()
                .any(|p| p.auto_grade != first_grade)
            {
                for p in &mut people[start..end] {
                    p.flags.insert(Flags::BOUNDARY_TIE);
                }
            }
            start = end;
        }

        let group = GroupResult {
            headcount: ranking.len(),
            quotas,
            seats,
            filled,
            capacity,
            counts,
            ranking,
        };
        (group, people)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::decision::{Change, Decision, State};
    use rust_decimal_macros::dec;

    /// Computing anew (on two cores, as z-scoring every rater does) and
    /// following each change give the same results, to the last digit; so
    /// do both after a mixed batch.
    #[test]
    fn computing_anew_equals_following_each_change() {
        let dir = tempfile::tempdir().expect("tempdir");
        calibra_synth::write(&calibra_synth::Spec::new(3_000, 5), dir.path()).expect("written");
        let input = crate::engine::load::load(crate::engine::load::read_folder(dir.path()))
            .expect("the generated folder loads")
            .input;
        let baseline = Baseline::new(&input);
        let mut state = State::initial(&input);
        let mut followed = Results::compute(&input, &baseline, &state);
        let transforms = [
            Transform::ZScore {
                mean: None,
                sd: None,
            },
            Transform::ZScore {
                mean: Some(dec!(75)),
                sd: Some(dec!(6.5)),
            },
            Transform::Linear {
                stretch: dec!(1.2),
                shift: dec!(-1),
            },
            Transform::Offset { delta: dec!(2.5) },
            Transform::Quantile,
        ];
        let mut touched = Vec::new();
        for (r, rater) in input.raters.iter().enumerate() {
            let change = Change::RaterScale {
                rater: rater.id.to_string(),
                transform: transforms[r % transforms.len()],
            };
            touched.push(
                state
                    .apply(&input, &Decision::new(change))
                    .expect("applies"),
            );
        }
        assert!(
            touched.len() >= RECOMPUTE_AT,
            "enough raters to compute anew"
        );
        followed.update_each(&input, &baseline, &state, &touched);
        let mut anew = Results::compute(&input, &baseline, &State::initial(&input));
        anew.update(&input, &baseline, &state, &touched);
        assert_eq!(anew, followed);
        assert_eq!(anew, Results::compute(&input, &baseline, &state));
    }
}
