//! Focus on one group (a pool, or a department in no pool): every screen
//! narrows to its raters, its people, its quotas, its warnings and its
//! agenda, until the committee widens back to the company.

use crate::engine::model::Input;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    /// The group (input index).
    pub group: usize,
    /// Per rater: whether they rated someone in the group.
    raters: Vec<bool>,
}

impl Focus {
    pub fn new(input: &Input, group: usize) -> Focus {
        let mut raters = vec![false; input.raters.len()];
        for rating in &input.ratings {
            if input.group_of(rating.employee) == group {
                raters[rating.rater] = true;
            }
        }
        Focus { group, raters }
    }

    pub fn has_rater(&self, rater: usize) -> bool {
        self.raters.get(rater).copied().unwrap_or(false)
    }

    pub fn has_employee(&self, input: &Input, employee: usize) -> bool {
        input.group_of(employee) == self.group
    }
}
