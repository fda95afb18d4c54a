//! The validated input: policy, departments, groups, employees, raters and
//! ratings, cross-referenced by index.
//!
//! Everything here is built once by [`crate::engine::load`] and never changes
//! during a session; the committee's decisions live beside it.

use std::hash::BuildHasher;

use super::diagnostic::Location;
use hashbrown::hash_table::Entry;
use hashbrown::{DefaultHashBuilder, HashTable};
use rust_decimal::{Decimal, RoundingStrategy};

/// An id or a name from the input. Ids and names are short: up to 24 bytes
/// are kept inline, so a million employees are not two million small heap
/// strings (about 64 MB and as many allocations at 1M).
pub type Text = compact_str::CompactString;

/// The score range and its precision (`policy.score`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreScale {
    pub min: Decimal,
    pub max: Decimal,
    /// Places kept by [`ScoreScale::round`], 0 to 6.
    pub decimals: u32,
}

impl ScoreScale {
    /// `round(x)` of the contract: to `decimals` places, midpoint away from zero.
    pub fn round(&self, x: Decimal) -> Decimal {
        x.round_dp_with_strategy(self.decimals, RoundingStrategy::MidpointAwayFromZero)
    }

    pub fn clamp(&self, x: Decimal) -> Decimal {
        x.clamp(self.min, self.max)
    }

    /// A score printed with exactly `decimals` places (`80` -> `80.00`).
    pub fn format(&self, x: Decimal) -> String {
        let mut x = self.round(x);
        x.rescale(self.decimals);
        x.to_string()
    }
}

/// An employee grade (`policy.grades`), best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grade {
    pub id: String,
    pub label: String,
    /// Only employees with at least this final score may hold the grade.
    pub min_score: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub cycle: String,
    pub score: ScoreScale,
    /// Employee grades, best first; a grade is referred to by its index here.
    pub grades: Vec<Grade>,
    /// Grades a department can hold, best first.
    pub department_grades: Vec<String>,
    /// `quotas[department grade][employee grade]`: share of the department's people.
    pub quotas: Vec<Vec<Decimal>>,
    /// The bonus pool split by grade (contract 6.5), when the policy has one.
    pub bonus: Option<BonusPolicy>,
}

/// `policy.bonus` (contract 6.5): a pool shared out by grade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BonusPolicy {
    /// The pool, with at most `decimals` places, >= 0.
    pub pool: Decimal,
    /// Places of every bonus, 0 to 4.
    pub decimals: u32,
    /// Per employee grade (index into [`Policy::grades`]), each >= 0.
    pub grade_multipliers: Vec<Decimal>,
    /// Per department grade (index into [`Policy::department_grades`]),
    /// each >= 0; 1 where policy.json names none.
    pub department_grade_multipliers: Vec<Decimal>,
    /// policy.json's display name and the line of `"bonus"` in it, for
    /// messages about the pool.
    pub file: String,
    pub line: u32,
}

impl Policy {
    pub fn grade_index(&self, id: &str) -> Option<usize> {
        self.grades.iter().position(|g| g.id == id)
    }

    pub fn department_grade_index(&self, id: &str) -> Option<usize> {
        self.department_grades.iter().position(|g| g == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub id: String,
    pub name: String,
    /// Index into [`Policy::department_grades`] as given in org.json.
    pub grade: usize,
    pub pool: Option<String>,
    /// Index into [`Input::groups`].
    pub group: usize,
    /// Line in org.json.
    pub line: u32,
}

/// A calibration group: a pool of departments, or one department alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The pool id, or the department id for a lone department.
    pub id: String,
    pub departments: Vec<usize>,
    /// Every employee of the group's departments, in org.json order.
    pub employees: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employee {
    pub id: Text,
    pub name: Text,
    pub department: usize,
    /// What the employee's bonus share is proportional to (contract 6.5):
    /// a salary, a target bonus, or 1 (the default) for equal shares.
    pub bonus_base: Decimal,
    /// The rater expected to rate them (contract 6.10), a word of
    /// [`Input::managers`]; they need not have submitted anything.
    pub manager: Option<u32>,
    /// Line in org.json.
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rater {
    pub id: Text,
    pub name: Text,
    /// Where the rater first appears, for messages.
    pub at: Location,
}

/// One raw rating: a rater's score of an employee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating {
    pub rater: usize,
    pub employee: usize,
    pub score: Decimal,
    pub weight: Decimal,
}

/// Lists of indices per owner, stored flat (compressed sparse rows).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Members {
    starts: Vec<usize>,
    items: Vec<usize>,
}

impl Members {
    /// Groups `0..len` items by `owner(item)` (owners are `0..owners`),
    /// keeping item order within each owner.
    pub fn build(owners: usize, len: usize, owner: impl Fn(usize) -> usize) -> Self {
        let mut starts = vec![0usize; owners + 1];
        for item in 0..len {
            starts[owner(item) + 1] += 1;
        }
        for i in 0..owners {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut items = vec![0usize; len];
        for item in 0..len {
            let slot = &mut next[owner(item)];
            items[*slot] = item;
            *slot += 1;
        }
        Members { starts, items }
    }

    pub fn of(&self, owner: usize) -> &[usize] {
        &self.items[self.starts[owner]..self.starts[owner + 1]]
    }
}

/// Each employee's free-form attributes (for bias review), in file order,
/// as (name, value) words of [`Input::vocabulary`], stored flat: one list
/// for everyone rather than a small allocation per employee.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attributes {
    /// Where each employee's pairs end in `pairs`.
    ends: Vec<usize>,
    pairs: Vec<(u32, u32)>,
}

impl Attributes {
    /// Adds the next employee's pairs.
    pub fn push(&mut self, pairs: impl IntoIterator<Item = (u32, u32)>) {
        self.pairs.extend(pairs);
        self.ends.push(self.pairs.len());
    }

    /// Adds every employee of `later`, each word `w` of theirs as `word(w)`.
    pub fn append(&mut self, later: &Attributes, word: impl Fn(u32) -> u32) {
        let base = self.pairs.len();
        self.pairs
            .extend(later.pairs.iter().map(|&(k, v)| (word(k), word(v))));
        self.ends.extend(later.ends.iter().map(|end| base + end));
    }

    /// Employee `e`'s pairs (none for an employee never pushed).
    pub fn of(&self, e: usize) -> &[(u32, u32)] {
        let start = match e.checked_sub(1) {
            Some(before) => self.ends.get(before).copied().unwrap_or(self.pairs.len()),
            None => 0,
        };
        let end = self.ends.get(e).copied().unwrap_or(start);
        &self.pairs[start..end]
    }

    /// How many employees were pushed.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// Raters' comments on their ratings, kept only for the ratings that have
/// one (most have none), by rating index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comments {
    /// (rating, comment), ascending by rating.
    by_rating: Vec<(usize, Box<str>)>,
}

impl Comments {
    /// From (rating, comment) pairs in any order; a rating given twice
    /// keeps its first comment.
    pub fn new(mut pairs: Vec<(usize, Box<str>)>) -> Self {
        pairs.sort_by_key(|(rating, _)| *rating);
        pairs.dedup_by_key(|(rating, _)| *rating);
        Comments { by_rating: pairs }
    }

    /// The comment on rating `rating`, if its rater wrote one.
    pub fn of(&self, rating: usize) -> Option<&str> {
        self.by_rating
            .binary_search_by_key(&rating, |(r, _)| *r)
            .ok()
            .map(|i| &*self.by_rating[i].1)
    }
}

/// Texts each kept once, numbered in order of first sight: attribute names
/// and values (a million employees share a handful of genders and tenure
/// bands), and managers' ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    words: Vec<String>,
    /// hashbrown's hasher: std's SipHash showed in the load profile, two
    /// words looked up for every employee.
    index: hashbrown::HashMap<String, u32>,
}

impl Vocabulary {
    /// The number of a word, adding it if new.
    pub fn intern(&mut self, word: &str) -> u32 {
        if let Some(&i) = self.index.get(word) {
            return i;
        }
        let i = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        self.words.push(word.to_string());
        self.index.insert(word.to_string(), i);
        i
    }

    pub fn word(&self, i: u32) -> &str {
        self.words.get(i as usize).map_or("", String::as_str)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Finds records by id in O(1) without copying the ids: a hash table of
/// record indices, compared through the caller's id accessor.
#[derive(Clone, Default)]
pub struct IdIndex {
    table: HashTable<usize>,
    hasher: DefaultHashBuilder,
    /// Pairs `(first, later)` of records that share an id, in record order.
    duplicates: Vec<(usize, usize)>,
}

impl std::fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdIndex")
            .field("len", &self.table.len())
            .finish()
    }
}

impl PartialEq for IdIndex {
    fn eq(&self, other: &Self) -> bool {
        self.table.len() == other.table.len() && self.duplicates == other.duplicates
    }
}

impl Eq for IdIndex {}

impl IdIndex {
    pub fn new<'a>(ids: impl Fn(usize) -> &'a str, len: usize) -> Self {
        let hasher = DefaultHashBuilder::default();
        let mut table = HashTable::with_capacity(len);
        let mut duplicates = Vec::new();
        for i in 0..len {
            let id = ids(i);
            let hash = hasher.hash_one(id);
            match table.entry(hash, |&j| ids(j) == id, |&j| hasher.hash_one(ids(j))) {
                Entry::Occupied(first) => duplicates.push((*first.get(), i)),
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        IdIndex {
            table,
            hasher,
            duplicates,
        }
    }

    /// The first record with this id.
    pub fn find<'a>(&self, id: &str, ids: impl Fn(usize) -> &'a str) -> Option<usize> {
        let hash = self.hasher.hash_one(id);
        self.table.find(hash, |&i| ids(i) == id).copied()
    }

    /// Pairs `(first, later)` of records that share an id, in record order.
    pub fn duplicates(&self) -> &[(usize, usize)] {
        &self.duplicates
    }
}

/// A whole validated input folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub policy: Policy,
    pub departments: Vec<Department>,
    pub groups: Vec<Group>,
    pub employees: Vec<Employee>,
    pub raters: Vec<Rater>,
    pub ratings: Vec<Rating>,
    /// Ratings of each employee.
    pub employee_ratings: Members,
    /// Ratings by each rater.
    pub rater_ratings: Members,
    /// Display name of org.json, for messages about employees and departments.
    pub org_file: String,
    /// The words of employees' attributes.
    pub vocabulary: Vocabulary,
    /// Each employee's attributes, as words of `vocabulary`.
    pub attributes: Attributes,
    /// Raters' comments on their ratings (set by the loader after
    /// [`Input::new`]; empty for inputs built by hand).
    pub comments: Comments,
    /// The managers' ids that org.json names (contract 6.10), in order of
    /// first mention.
    pub managers: Vocabulary,
    /// The employees of each manager, in org.json order; the last list
    /// (at `managers.len()`) holds the employees without one.
    managed: Members,
    employee_ids: IdIndex,
    department_ids: IdIndex,
    rater_ids: IdIndex,
}

/// The validated parts of an input folder, before they are indexed.
pub struct Parts {
    pub policy: Policy,
    pub departments: Vec<Department>,
    pub groups: Vec<Group>,
    pub employees: Vec<Employee>,
    pub raters: Vec<Rater>,
    pub ratings: Vec<Rating>,
    pub org_file: String,
    pub vocabulary: Vocabulary,
    /// Each employee's attributes (empty for inputs built by hand).
    pub attributes: Attributes,
    pub managers: Vocabulary,
    /// The employees by id, when the loader already built it.
    pub employee_index: Option<IdIndex>,
}

impl Input {
    /// Assembles the indices; the parts must already be validated.
    pub fn new(parts: Parts) -> Self {
        let Parts {
            policy,
            departments,
            groups,
            employees,
            raters,
            ratings,
            org_file,
            vocabulary,
            attributes,
            managers,
            employee_index,
        } = parts;
        let managed = Members::build(managers.len() + 1, employees.len(), |e| {
            employees[e].manager.map_or(managers.len(), |m| m as usize)
        });
        let employee_ratings =
            Members::build(employees.len(), ratings.len(), |r| ratings[r].employee);
        let rater_ratings = Members::build(raters.len(), ratings.len(), |r| ratings[r].rater);
        let employee_ids =
            employee_index.unwrap_or_else(|| IdIndex::new(|i| &employees[i].id, employees.len()));
        let department_ids = IdIndex::new(|i| &departments[i].id, departments.len());
        let rater_ids = IdIndex::new(|i| &raters[i].id, raters.len());
        Input {
            policy,
            departments,
            groups,
            employees,
            raters,
            ratings,
            employee_ratings,
            rater_ratings,
            org_file,
            vocabulary,
            attributes,
            comments: Comments::default(),
            managers,
            managed,
            employee_ids,
            department_ids,
            rater_ids,
        }
    }

    pub fn employee_index(&self, id: &str) -> Option<usize> {
        self.employee_ids.find(id, |i| &self.employees[i].id)
    }

    pub fn department_index(&self, id: &str) -> Option<usize> {
        self.department_ids.find(id, |i| &self.departments[i].id)
    }

    pub fn rater_index(&self, id: &str) -> Option<usize> {
        self.rater_ids.find(id, |i| &self.raters[i].id)
    }

    /// An employee's attributes as (name, value), in file order.
    pub fn attributes(&self, employee: usize) -> impl Iterator<Item = (&str, &str)> {
        self.attributes
            .of(employee)
            .iter()
            .map(|&(k, v)| (self.vocabulary.word(k), self.vocabulary.word(v)))
    }

    /// The employees whose manager is `manager` (a word of
    /// [`Input::managers`]), in org.json order.
    pub fn managed_by(&self, manager: u32) -> &[usize] {
        if manager as usize >= self.managers.len() {
            return &[];
        }
        self.managed.of(manager as usize)
    }

    pub fn is_rated(&self, employee: usize) -> bool {
        !self.employee_ratings.of(employee).is_empty()
    }

    /// The group an employee is calibrated in.
    pub fn group_of(&self, employee: usize) -> usize {
        self.departments[self.employees[employee].department].group
    }

    /// Raters of an employee, ids in ascending byte order, without repeats.
    pub fn raters_of(&self, employee: usize) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .employee_ratings
            .of(employee)
            .iter()
            .map(|&r| self.raters[self.ratings[r].rater].id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounding_is_midpoint_away_from_zero_and_printing_pads() {
        let scale = ScoreScale {
            min: dec!(0),
            max: dec!(100),
            decimals: 2,
        };
        assert_eq!(scale.round(dec!(82.125)), dec!(82.13));
        assert_eq!(scale.round(dec!(-82.125)), dec!(-82.13));
        assert_eq!(scale.round(dec!(82.1249999)), dec!(82.12));
        assert_eq!(scale.format(dec!(80)), "80.00");
        assert_eq!(scale.format(dec!(79.995)), "80.00");
        let whole = ScoreScale {
            decimals: 0,
            ..scale
        };
        assert_eq!(whole.format(dec!(80.5)), "81");
    }

    #[test]
    fn members_keep_item_order_per_owner() {
        let owners = [2, 0, 2, 1, 0];
        let members = Members::build(3, owners.len(), |i| owners[i]);
        assert_eq!(members.of(0), &[1, 4]);
        assert_eq!(members.of(1), &[3]);
        assert_eq!(members.of(2), &[0, 2]);
    }

    #[test]
    fn comments_are_found_by_rating_and_absent_elsewhere() {
        let comments = Comments::new(vec![
            (7, "late".into()),
            (2, "good".into()),
            (7, "x".into()),
        ]);
        assert_eq!(comments.of(2), Some("good"));
        assert_eq!(comments.of(7), Some("late"));
        assert_eq!(comments.of(3), None);
        assert_eq!(Comments::default().of(0), None);
    }

    #[test]
    fn id_index_finds_and_reports_duplicates() {
        let ids = ["b", "a", "c", "a", "b", "a"];
        let index = IdIndex::new(|i| ids[i], ids.len());
        assert_eq!(index.find("c", |i| ids[i]), Some(2));
        assert_eq!(index.find("a", |i| ids[i]), Some(1));
        assert_eq!(index.find("z", |i| ids[i]), None);
        assert_eq!(index.duplicates(), &[(1, 3), (0, 4), (1, 5)]);
    }
}
