//! Why an employee has the grade they have: every step from their ratings
//! to their grade, read off the numbers the engine already computed (the
//! session's results, the baseline, the group's seats and their fill, the
//! results with no decisions) and the decisions in force. Nothing here
//! computes a score, a seat or a grade a second way.
//!
//! The live screen's person detail and the statements (contract 6.9) show
//! it; [`provenance`] is the one function, [`Explainer`] keeps what every
//! employee's shares (the grades before calibration, the bonus split).

use rust_decimal::Decimal;

use super::bonus::{self, Allocation};
use super::calibrate::Results;
use super::decision::{Change, Decision};
use super::session::Session;
use super::transform::Transform;

/// A decision of the session's record, by its place in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionRef<'a> {
    /// 0-based index into [`Session::decisions`] (shown 1-based).
    pub index: usize,
    pub reason: Option<&'a str>,
    pub at: Option<&'a str>,
    pub by: Option<&'a str>,
}

impl<'a> DecisionRef<'a> {
    fn new(index: usize, decision: &'a Decision) -> Self {
        DecisionRef {
            index,
            reason: decision.reason.as_deref(),
            at: decision.at.as_deref(),
            by: decision.by.as_deref(),
        }
    }
}

/// The scale correction in force for a rater, and the decision that set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Correction<'a> {
    pub transform: Transform,
    pub decision: DecisionRef<'a>,
}

/// One of the employee's ratings, from the rater's score to the score that
/// counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatingTrail<'a> {
    /// Index into the input's raters.
    pub rater: usize,
    pub score: Decimal,
    pub weight: Decimal,
    pub comment: Option<&'a str>,
    /// The score after the rater's correction, clamped, unrounded.
    pub adjusted: Decimal,
    /// `None`: no scale decision about this rater (scores as given).
    pub correction: Option<Correction<'a>>,
}

/// Where the employee stands in their group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    /// 1-based.
    pub rank: u32,
    /// The group's rated headcount.
    pub of: usize,
}

/// Why the auto grade is what it is (contract 4.6): the grade's places
/// in rank order, and the better grades whose `min_score` passed the
/// employee by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoGrade {
    /// Index into the policy's grades.
    pub grade: usize,
    /// The employee's place among those the grade took (1-based).
    pub place: u64,
    /// How many the grade took.
    pub taken: u64,
    /// The grade's own seats in the group (Hamilton).
    pub seats: u64,
    /// Its seats plus those carried over from better grades.
    pub capacity: u64,
    /// Better grades that had a seat at the employee's rank but whose
    /// `min_score` their final score does not reach, best first: the
    /// employee was carried down past them.
    pub passed_over: Vec<usize>,
}

/// An override in force, and the decision that made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverrideTrail<'a> {
    pub grade: usize,
    pub reason: &'a str,
    pub decision: Option<DecisionRef<'a>>,
}

/// Every step from an employee's ratings to their grade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance<'a> {
    pub employee: usize,
    /// Indices into the input's departments and groups.
    pub department: usize,
    pub group: usize,
    /// In the order the submissions gave them.
    pub ratings: Vec<RatingTrail<'a>>,
    pub raw_score: Option<Decimal>,
    pub final_score: Option<Decimal>,
    /// The department's grade in force (index into the policy's
    /// department grades), and the decision that set it, if one did.
    pub department_grade: usize,
    pub department_decision: Option<DecisionRef<'a>>,
    /// The group's q_g and Hamilton seats, per grade.
    pub quotas: &'a [Decimal],
    pub seats: &'a [u64],
    /// `None` when unrated.
    pub rank: Option<Rank>,
    pub auto: Option<AutoGrade>,
    pub override_: Option<OverrideTrail<'a>>,
    /// The grade now (after any override).
    pub grade: Option<usize>,
    /// The grade with no decision at all.
    pub before: Option<usize>,
    /// The grade the previous export gives, as written there.
    pub previous_grade: Option<&'a str>,
    pub big_mover: bool,
    /// The bonus as printed, when the policy has one and the employee is
    /// graded.
    pub bonus: Option<String>,
}

/// The last decision in the record that `is_about`, with its index.
fn last_decision<'a>(
    decisions: &'a [Decision],
    is_about: impl Fn(&Change) -> bool,
) -> Option<DecisionRef<'a>> {
    decisions
        .iter()
        .rposition(|d| is_about(&d.change))
        .map(|i| DecisionRef::new(i, &decisions[i]))
}

/// Employee `e`'s provenance in `session`; `before` is
/// [`Session::uncalibrated`] and `allocation` the bonus split, when the
/// policy has one.
pub fn provenance<'a>(
    session: &'a Session,
    before: &Results,
    allocation: Option<&Allocation>,
    e: usize,
) -> Provenance<'a> {
    let input = &session.input;
    let state = session.state();
    let results = session.results();
    let decisions = session.decisions();
    let employee = &input.employees[e];
    let department = employee.department;
    let group = input.group_of(e);
    let group_result = &results.groups[group];
    let result = &results.employees[e];

    let ratings = input
        .employee_ratings
        .of(e)
        .iter()
        .map(|&i| {
            let rating = &input.ratings[i];
            let rater_id = &input.raters[rating.rater].id;
            let correction = last_decision(
                decisions,
                |c| matches!(c, Change::RaterScale { rater, .. } if rater == rater_id),
            )
            .map(|decision| Correction {
                transform: state.transforms[rating.rater],
                decision,
            });
            RatingTrail {
                rater: rating.rater,
                score: rating.score,
                weight: rating.weight,
                comment: input.comments.of(i),
                adjusted: results.adjusted[i],
                correction,
            }
        })
        .collect();

    let department_id = &input.departments[department].id;
    let department_decision = last_decision(
        decisions,
        |c| matches!(c, Change::DepartmentGrade { department, .. } if department == department_id),
    );

    let auto = result.rank.zip(result.auto_grade).map(|(rank, grade)| {
        auto_grade(
            group_result,
            &input.policy.grades,
            rank,
            grade as usize,
            result.final_score,
        )
    });

    let override_ = state.overrides.get(e).map(|o| OverrideTrail {
        grade: o.grade,
        reason: &o.reason,
        decision: last_decision(
            decisions,
            |c| matches!(c, Change::Override { employee: id, .. } if *id == employee.id),
        ),
    });

    let grade = result.grade.map(usize::from);
    let previous = session.previous();
    Provenance {
        employee: e,
        department,
        group,
        ratings,
        raw_score: session.baseline.raw_scores[e],
        final_score: result.final_score,
        department_grade: state.department_grades[department],
        department_decision,
        quotas: &group_result.quotas,
        seats: &group_result.seats,
        rank: result.rank.map(|rank| Rank {
            rank,
            of: group_result.headcount,
        }),
        auto,
        override_,
        grade,
        before: before.employees[e].grade.map(usize::from),
        previous_grade: previous.and_then(|p| p.grade(e)),
        big_mover: previous.is_some_and(|p| p.big_mover(&input.policy, e, grade)),
        bonus: allocation.and_then(|a| a.bonus(e)),
    }
}

/// Reads the auto grade's place off the group's fill: grade g took the
/// ranks after every better grade's intake; a better grade whose capacity
/// reached this rank left the employee out only by its `min_score`.
fn auto_grade(
    group: &super::calibrate::GroupResult,
    grades: &[super::model::Grade],
    rank: u32,
    grade: usize,
    final_score: Option<Decimal>,
) -> AutoGrade {
    let position = u64::from(rank) - 1;
    let start = |g: usize| group.filled[..g].iter().sum::<u64>();
    let passed_over = (0..grade)
        .filter(|&better| {
            position < start(better) + group.capacity[better]
                && grades[better]
                    .min_score
                    .is_some_and(|min| final_score.is_some_and(|s| s < min))
        })
        .collect();
    AutoGrade {
        grade,
        place: position - start(grade) + 1,
        taken: group.filled[grade],
        seats: group.seats[grade],
        capacity: group.capacity[grade],
        passed_over,
    }
}

/// What every employee's provenance shares, computed once: the grades
/// before calibration and the bonus split.
pub struct Explainer<'a> {
    session: &'a Session,
    before: Results,
    allocation: Option<Allocation>,
}

impl<'a> Explainer<'a> {
    pub fn new(session: &'a Session) -> Self {
        Explainer {
            session,
            before: session.uncalibrated(),
            allocation: bonus::allocate(session).and_then(Result::ok),
        }
    }

    /// The session explained.
    pub fn session(&self) -> &'a Session {
        self.session
    }

    /// Employee `e`'s provenance.
    pub fn explain(&self, e: usize) -> Provenance<'a> {
        provenance(self.session, &self.before, self.allocation.as_ref(), e)
    }
}

#[cfg(test)]
mod tests;
