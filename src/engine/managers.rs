//! Who still has to submit (contract 6.10): each manager org.json names,
//! the people they are expected to rate, and which of those they rated.
//! Ratings by other raters (second ratings) do not count for a manager, and
//! a manager need not appear in any submission: then none of their people
//! is rated by them.

use super::model::Input;

/// One manager's people: expected (every employee naming them), rated by
/// them, and missing (not rated by them), each in org.json order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage<'a> {
    /// A word of [`Input::managers`].
    pub manager: u32,
    pub id: &'a str,
    /// The rater with this id, when some submission has them.
    pub rater: Option<usize>,
    pub expected: Vec<usize>,
    pub rated: Vec<usize>,
    pub missing: Vec<usize>,
}

impl<'a> Coverage<'a> {
    /// The manager's name, from their submission; `None` when they have
    /// submitted nothing (org.json names raters by id only) or a blank name.
    pub fn name(&self, input: &'a Input) -> Option<&'a str> {
        self.rater
            .map(|r| input.raters[r].name.as_str())
            .filter(|name| !name.trim().is_empty())
    }

    /// Whether the manager rated every one of their people.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// The coverage of manager `manager` (a word of [`Input::managers`]).
pub fn of(input: &Input, manager: u32) -> Coverage<'_> {
    let id = input.managers.word(manager);
    let rater = input.rater_index(id);
    let expected = input.managed_by(manager).to_vec();
    let (rated, missing) = expected.iter().partition(|&&e| rated_by(input, e, rater));
    Coverage {
        manager,
        id,
        rater,
        expected,
        rated,
        missing,
    }
}

/// Every manager's coverage, in order of first mention in org.json: what the
/// live screen shows as "who is missing".
pub fn coverage(input: &Input) -> Vec<Coverage<'_>> {
    (0..input.managers.len())
        .filter_map(|m| u32::try_from(m).ok())
        .map(|m| of(input, m))
        .collect()
}

/// The managers who have not rated all of their people, without building
/// the lists of those who have (the warnings need only these).
pub fn incomplete(input: &Input) -> impl Iterator<Item = u32> + '_ {
    (0..input.managers.len())
        .filter_map(|m| u32::try_from(m).ok())
        .filter(|&m| {
            let rater = input.rater_index(input.managers.word(m));
            input
                .managed_by(m)
                .iter()
                .any(|&e| !rated_by(input, e, rater))
        })
}

/// Whether employee `e` has a rating by `rater` (never, by no rater).
fn rated_by(input: &Input, e: usize, rater: Option<usize>) -> bool {
    rater.is_some_and(|r| {
        input
            .employee_ratings
            .of(e)
            .iter()
            .any(|&i| input.ratings[i].rater == r)
    })
}
