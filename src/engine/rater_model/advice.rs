//! Linking advice (issue 11): which cross-ratings would join the unlinked
//! parts of the rater–employee graph to its largest part.
//!
//! The rule, greedy and deterministic:
//! 1. The parts are those of [`Parts::of`], raters alone in their part
//!    included. The *largest* part has the most raters, then the most
//!    employees, then the smallest id (byte order).
//! 2. Every other part is joined in turn, largest first by the same order,
//!    until `limit` suggestions are made; the largest part is the one of
//!    step 1 throughout (a joined part's employees are not offered).
//! 3. For a part, one suggestion: one of its raters should also rate one
//!    employee rated in the largest part (such an employee is never one the
//!    rater already rates: they sit in different parts). A rater's *home*
//!    department is the department most of their people are in (ties: the
//!    first in org.json); a rater with no ratings has none. The pair is the
//!    best by: the employee in the rater's home department, else in its
//!    calibration group (pool), else any; ties go to the rater with the
//!    smallest id, then the employee first in org.json. No employee is
//!    suggested twice: each suggestion takes the first employee not yet
//!    suggested, so that no one person is asked to take on every part.
//! 4. A part that cannot be joined (the largest part rates nobody) gets no
//!    suggestion.

use crate::engine::model::Input;

use super::graph::Parts;

/// Why a pair was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    SameDepartment,
    SamePool,
    Any,
}

impl Why {
    pub fn as_str(self) -> &'static str {
        match self {
            Why::SameDepartment => "same department",
            Why::SamePool => "same pool",
            Why::Any => "any",
        }
    }
}

/// One suggested cross-rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Index into [`Input::raters`].
    pub rater: usize,
    /// Index into [`Input::employees`].
    pub employee: usize,
    /// The ids of the two parts it joins: the largest, then the joined one.
    pub joins: [String; 2],
    pub why: Why,
}

/// The department most of a rater's people are in (ties: the first).
fn home(input: &Input, rater: usize, counts: &mut [usize]) -> Option<usize> {
    let ratings = input.rater_ratings.of(rater);
    for &i in ratings {
        counts[input.employees[input.ratings[i].employee].department] += 1;
    }
    let mut best: Option<(usize, usize)> = None;
    for &i in ratings {
        let d = input.employees[input.ratings[i].employee].department;
        let c = counts[d];
        if best.is_none_or(|(bd, bc)| c > bc || (c == bc && d < bd)) {
            best = Some((d, c));
        }
    }
    for &i in ratings {
        counts[input.employees[input.ratings[i].employee].department] = 0;
    }
    best.map(|(d, _)| d)
}

/// Up to `limit` suggestions, by the rule of the module.
pub fn advise(input: &Input, limit: usize) -> Vec<Suggestion> {
    let parts = Parts::of(input);
    let id = |p: usize| &input.raters[parts.parts[p].raters[0]].id;
    let mut order: Vec<usize> = (0..parts.parts.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&parts.parts[a], &parts.parts[b]);
        pb.raters
            .len()
            .cmp(&pa.raters.len())
            .then(pb.employees.cmp(&pa.employees))
            .then_with(|| id(a).cmp(id(b)))
    });
    let Some((&largest, rest)) = order.split_first() else {
        return Vec::new();
    };
    // The employees of the largest part (org.json order) per department,
    // per group and overall, each list with how far it has been taken.
    let mut by_department = vec![Vec::new(); input.departments.len()];
    let mut by_group = vec![Vec::new(); input.groups.len()];
    let mut everyone = Vec::new();
    for (e, employee) in input.employees.iter().enumerate() {
        let Some(&r) = input.employee_ratings.of(e).first() else {
            continue;
        };
        if parts.part_of[input.ratings[r].rater] != largest {
            continue;
        }
        let d = employee.department;
        by_department[d].push(e);
        if let Some(g) = input.departments.get(d).map(|d| d.group) {
            by_group[g].push(e);
        }
        everyone.push(e);
    }
    if everyone.is_empty() {
        return Vec::new();
    }
    let mut taken = vec![false; input.employees.len()];
    // The first employee of `list` not yet suggested.
    let next = |list: &[usize], taken: &[bool]| list.iter().copied().find(|&e| !taken[e]);
    let mut counts = vec![0usize; input.departments.len()];
    let mut out = Vec::new();
    for &p in rest.iter().take(limit) {
        let mut best: Option<(Why, usize, usize)> = None;
        // Raters are in ascending id order: the first best wins ties.
        for &r in &parts.parts[p].raters {
            let home = home(input, r, &mut counts);
            let department = home.and_then(|d| next(&by_department[d], &taken));
            let group = home
                .and_then(|d| input.departments.get(d))
                .and_then(|d| next(&by_group[d.group], &taken));
            let pick = match (department, group, next(&everyone, &taken)) {
                (Some(e), _, _) => (Why::SameDepartment, r, e),
                (None, Some(e), _) => (Why::SamePool, r, e),
                (None, None, Some(e)) => (Why::Any, r, e),
                // Every employee of the largest part is suggested already.
                (None, None, None) => break,
            };
            if best.is_none_or(|b| pick.0 < b.0) {
                best = Some(pick);
            }
            if pick.0 == Why::SameDepartment {
                break;
            }
        }
        if let Some((why, rater, employee)) = best {
            taken[employee] = true;
            out.push(Suggestion {
                rater,
                employee,
                joins: [id(largest).to_string(), id(p).to_string()],
                why,
            });
        }
    }
    out
}
