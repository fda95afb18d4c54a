//! Who the session moved: every employee whose grade now differs from their
//! grade before calibration (no decisions), which way, the decisions on the
//! record that changed it, and the moves counted per rater. The attribute
//! review (`fairness`) counts the same moves per value of an attribute.

use super::calibrate::Results;
use super::model::Input;
use super::session::Session;

/// Which way an employee's grade moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// To a better grade.
    Up,
    /// To a worse grade.
    Down,
}

impl Direction {
    /// From grade `before` to grade `after` (indices into the policy's
    /// grades, best first); `None` when equal or either is missing.
    pub fn between(before: Option<u8>, after: Option<u8>) -> Option<Direction> {
        let (b, a) = (before?, after?);
        // Grades are best first: a smaller index is a better grade.
        match a.cmp(&b) {
            std::cmp::Ordering::Less => Some(Direction::Up),
            std::cmp::Ordering::Greater => Some(Direction::Down),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// One employee the session moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    pub employee: usize,
    pub direction: Direction,
}

/// The employees `keep` admits whose grade in `after` differs from their
/// grade in `before`, in input order.
pub fn moves(before: &Results, after: &Results, keep: impl Fn(usize) -> bool) -> Vec<Move> {
    before
        .employees
        .iter()
        .zip(&after.employees)
        .enumerate()
        .filter(|&(e, _)| keep(e))
        .filter_map(|(employee, (b, a))| {
            Direction::between(b.grade, a.grade).map(|direction| Move {
                employee,
                direction,
            })
        })
        .collect()
}

/// The moves among the people a rater rated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaterMoves {
    /// Index into the input's raters.
    pub rater: usize,
    pub up: usize,
    pub down: usize,
    /// The moved people they rated, in input order.
    pub employees: Vec<usize>,
}

/// Per rater who rated someone in `moves`: how many of their people moved
/// up and down, most moves first (then in input order).
pub fn by_rater(input: &Input, moves: &[Move]) -> Vec<RaterMoves> {
    let mut direction = vec![None; input.employees.len()];
    for m in moves {
        direction[m.employee] = Some(m.direction);
    }
    let mut rows: Vec<RaterMoves> = (0..input.raters.len())
        .filter_map(|rater| {
            let mut employees: Vec<usize> = input
                .rater_ratings
                .of(rater)
                .iter()
                .map(|&i| input.ratings[i].employee)
                .filter(|&e| direction[e].is_some())
                .collect();
            employees.sort_unstable();
            employees.dedup();
            if employees.is_empty() {
                return None;
            }
            let up = employees
                .iter()
                .filter(|&&e| direction[e] == Some(Direction::Up))
                .count();
            Some(RaterMoves {
                rater,
                up,
                down: employees.len() - up,
                employees,
            })
        })
        .collect();
    // Stable: raters with as many moves stay in input order.
    rows.sort_by_key(|r| std::cmp::Reverse(r.employees.len()));
    rows
}

/// The decisions on the record that changed employee `e`'s grade, oldest
/// first; a batch by its first decision, which holds what the batch moved.
/// Empty unless the session tracks figures (`Session::track_figures`).
pub fn decisions_moving(session: &Session, e: usize) -> Vec<usize> {
    (0..session.decisions().len())
        .filter(|&i| {
            session
                .note(i)
                .is_some_and(|n| n.moved.binary_search(&e).is_ok())
        })
        .collect()
}

/// A decision behind some of the moves asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Behind {
    /// 0-based index into the session's decisions.
    pub decision: usize,
    /// The employees asked about whose grade it changed, in input order.
    pub employees: Vec<usize>,
}

/// The decisions that changed the grades of `employees`, each with those
/// of them it moved, most first (then oldest first). An employee moved by
/// two decisions is under both. One pass over the record's notes.
pub fn decisions_behind(session: &Session, employees: &[usize]) -> Vec<Behind> {
    let mut asked = vec![false; session.input.employees.len()];
    for &e in employees {
        if let Some(slot) = asked.get_mut(e) {
            *slot = true;
        }
    }
    let mut behind: Vec<Behind> = (0..session.decisions().len())
        .filter_map(|decision| {
            let moved: Vec<usize> = session
                .note(decision)?
                .moved
                .iter()
                .copied()
                .filter(|&e| asked.get(e).copied().unwrap_or(false))
                .collect();
            (!moved.is_empty()).then_some(Behind {
                decision,
                employees: moved,
            })
        })
        .collect();
    // Stable: decisions that moved as many stay oldest first.
    behind.sort_by_key(|b| std::cmp::Reverse(b.employees.len()));
    behind
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_smaller_grade_index_is_a_move_up() {
        assert_eq!(Direction::between(Some(2), Some(1)), Some(Direction::Up));
        assert_eq!(Direction::between(Some(0), Some(3)), Some(Direction::Down));
        assert_eq!(Direction::between(Some(1), Some(1)), None);
        assert_eq!(Direction::between(None, Some(1)), None);
        assert_eq!(Direction::between(Some(1), None), None);
    }
}
