//! The bonus panel's figures (contract 6.5): the pool added up by grade and
//! by department, before calibration and now, and what the last act
//! changed. Computed once when the panel opens (an allocation is a pass
//! over every employee), never per frame.

use crate::engine::bonus::{self, Breakdown, TooLarge};
use crate::engine::calibrate::Results;
use crate::engine::session::Session;

/// What the bonus panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BonusView {
    pub decimals: u32,
    /// The pool and what was allocated, in units of 10^-decimals.
    pub pool: u128,
    pub allocated: u128,
    pub now: Breakdown,
    /// Before calibration: no decision, org.json's department grades.
    pub before: Breakdown,
    /// The last act that moved a grade, when it is the last act on the
    /// record: its first decision (0-based) and the breakdown without it.
    pub last: Option<(usize, Breakdown)>,
}

impl BonusView {
    /// The figures of `session`, whose grades before calibration are
    /// `before`; `None` when the policy has no bonus.
    ///
    pub fn compute(session: &mut Session, before: &Results) -> Option<Result<BonusView, TooLarge>> {
        let now = bonus::allocate(session)?;
        Some(now.and_then(|now| {
            let input = &session.input;
            let first =
                bonus::allocate_uncalibrated(session, before).unwrap_or_else(|| Ok(now.clone()))?;
            let view = BonusView {
                decimals: now.decimals,
                pool: now.pool,
                allocated: now.allocated,
                now: Breakdown::of(input, session.results(), &now),
                before: Breakdown::of(input, before, &first),
                last: None,
            };
            Ok(BonusView {
                last: last_act(session)?,
                ..view
            })
        }))
    }

    /// `units` printed with the policy's places.
    pub fn money(&self, units: u128) -> String {
        bonus::format_units(units, self.decimals)
    }

    /// `now - then` printed with a sign (`+12.00`, `−3.50`, `±0.00`).
    pub fn change(&self, then: u128, now: u128) -> String {
        match now.cmp(&then) {
            std::cmp::Ordering::Greater => format!("+{}", self.money(now - then)),
            std::cmp::Ordering::Less => format!("−{}", self.money(then - now)),
            std::cmp::Ordering::Equal => format!("±{}", self.money(0)),
        }
    }
}

/// The breakdown without the last act, when that act moved a grade.
fn last_act(session: &mut Session) -> Result<Option<(usize, Breakdown)>, TooLarge> {
    let start = session.decisions().len() - session.last_act().len();
    if session.note(start).is_none_or(|n| n.moved.is_empty()) {
        return Ok(None);
    }
    let without = session.before_last_act(|before| {
        bonus::allocate(before)
            .map(|a| a.map(|a| Breakdown::of(&before.input, before.results(), &a)))
    });
    match without.flatten() {
        Some(breakdown) => Ok(Some((start, breakdown?))),
        None => Ok(None),
    }
}
