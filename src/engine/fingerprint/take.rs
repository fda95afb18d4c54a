//! Taking the fingerprint of a validated input: the employees' hashes on
//! both cores, without a string or an allocation per employee.

use super::file::{FINGERPRINT_VERSION, KIND};
use super::{DepartmentPrint, Employees, Fingerprint, RaterPrint, Record};
use crate::engine::cores;
use crate::engine::model::{Employee, Input, Rating};

/// FNV-1a over fields separated by a unit separator, finished with a
/// splitmix64 mix so that similar inputs do not give similar hashes. The same
/// bytes give the same hash on every machine and every build.
struct Hash64(u64);

const FNV_PRIME: u64 = 0x0100_0000_01b3;
const FNV_PRIME_4: u64 = FNV_PRIME
    .wrapping_mul(FNV_PRIME)
    .wrapping_mul(FNV_PRIME)
    .wrapping_mul(FNV_PRIME);

impl Hash64 {
    fn new() -> Self {
        Hash64(0xcbf2_9ce4_8422_2325)
    }

    fn field(&mut self, bytes: &[u8]) -> &mut Self {
        let mut h = self.0;
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
        self.0 = (h ^ 0x1f).wrapping_mul(FNV_PRIME);
        self
    }

    /// [`Hash64::field`] of a decimal's 16 bytes, the same value in fewer
    /// steps: FNV-1a turns a zero byte into one multiplication by the prime,
    /// so four zero bytes (most of a score's 16) are one multiplication by
    /// its fourth power.
    fn decimal(&mut self, bytes: &[u8; 16]) -> &mut Self {
        let mut h = self.0;
        for word in bytes.chunks_exact(4) {
            if word == [0; 4] {
                h = h.wrapping_mul(FNV_PRIME_4);
            } else {
                for &b in word {
                    h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                }
            }
        }
        self.0 = (h ^ 0x1f).wrapping_mul(FNV_PRIME);
        self
    }

    fn finish(&self) -> u64 {
        let mut z = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// The policy's and each rater's hash: all 64 bits, in hex.
    fn hex(&self) -> String {
        format!("{:016x}", self.finish())
    }
}

/// An employee's hash as the fingerprint keeps it: the low 32 bits of the
/// 64-bit value version 2 wrote in hex, so that a version 2 fingerprint read
/// today compares equal to the same input's fingerprint taken now.
pub(super) fn cut(hash: u64) -> u32 {
    (hash & 0xffff_ffff) as u32
}

/// A decimal written the same way however the file spelled it (80, 80.0, "80.00").
fn canonical(x: rust_decimal::Decimal) -> String {
    x.normalize().to_string()
}

/// The same value always gives the same bytes (`80` and `80.00` alike),
/// without formatting a string per rating.
fn canonical_bytes(x: rust_decimal::Decimal) -> [u8; 16] {
    x.normalize().serialize()
}

/// One rating as hashed: the other side (the rater for an employee, the
/// employee for a rater) by their place in id order and by id, then score
/// and weight.
type Row<'a> = (u32, &'a [u8], [u8; 16], [u8; 16]);

/// `rating` as hashed, its other side at place `rank` with `id`.
fn row<'a>(rank: u32, id: &'a str, rating: &Rating) -> Row<'a> {
    (
        rank,
        id.as_bytes(),
        canonical_bytes(rating.score),
        canonical_bytes(rating.weight),
    )
}

/// Ratings an employee has that are sorted on the stack (most have one or
/// two); more go to the heap.
const ON_STACK: usize = 4;

/// `h` continued with `rows` sorted by id, score and weight, so that the
/// order of the files and of their lines does not matter (ids compared by
/// their place in id order: the same order, without comparing bytes).
fn sorted_hash<'a>(mut h: Hash64, mut rows: impl Iterator<Item = Row<'a>>) -> (u64, usize) {
    let mut stack: [Row<'a>; ON_STACK] = [(0, &[], [0; 16], [0; 16]); ON_STACK];
    let mut n = 0;
    for slot in &mut stack {
        match rows.next() {
            Some(row) => *slot = row,
            None => break,
        }
        n += 1;
    }
    let mut heap;
    let rows: &mut [Row<'a>] = match rows.next() {
        None => &mut stack[..n],
        Some(more) => {
            heap = stack.to_vec();
            heap.push(more);
            heap.extend(rows);
            &mut heap
        }
    };
    rows.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.2.cmp(&b.2))
            .then_with(|| a.3.cmp(&b.3))
    });
    for (_, id, score, weight) in rows.iter() {
        h.field(id).decimal(score).decimal(weight);
    }
    (h.finish(), rows.len())
}

/// Items in the order of their ids (unique in a validated input, so an
/// item's place orders it as its id does); most inputs list them so
/// already, and then nothing more is kept.
enum Order {
    AsListed,
    Sorted {
        /// The item at each place.
        order: Vec<usize>,
        /// The place of each item.
        rank: Vec<u32>,
    },
}

impl Order {
    fn of<'a>(n: usize, id: impl Fn(usize) -> &'a str) -> Order {
        if (1..n).all(|i| id(i - 1) < id(i)) {
            return Order::AsListed;
        }
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_unstable_by(|&a, &b| id(a).cmp(id(b)));
        let mut rank = vec![0u32; n];
        for (k, &i) in order.iter().enumerate() {
            rank[i] = u32::try_from(k).unwrap_or(u32::MAX);
        }
        Order::Sorted { order, rank }
    }

    /// The item at place `k`.
    fn at(&self, k: usize) -> usize {
        match self {
            Order::AsListed => k,
            Order::Sorted { order, .. } => order[k],
        }
    }

    /// The place of item `i`.
    fn rank(&self, i: usize) -> u32 {
        match self {
            Order::AsListed => u32::try_from(i).unwrap_or(u32::MAX),
            Order::Sorted { rank, .. } => rank[i],
        }
    }
}

/// Employees or raters at which the hashing is split over two cores (few
/// in the unit tests, so that they take that path too).
const TWO_CORES_AT: usize = if cfg!(test) { 100 } else { 20_000 };

impl Fingerprint {
    /// Takes the fingerprint of a validated input.
    pub fn of(input: &Input, shown_as: &str, taken_at: &str) -> Fingerprint {
        let policy = &input.policy;
        let mut h = Hash64::new();
        h.field(canonical(policy.score.min).as_bytes())
            .field(canonical(policy.score.max).as_bytes())
            .field(&policy.score.decimals.to_le_bytes());
        for grade in &policy.grades {
            h.field(grade.id.as_bytes()).field(
                grade
                    .min_score
                    .map(canonical)
                    .unwrap_or_default()
                    .as_bytes(),
            );
        }
        for (row, grade) in policy.quotas.iter().zip(&policy.department_grades) {
            h.field(grade.as_bytes());
            for share in row {
                h.field(canonical(*share).as_bytes());
            }
        }

        let by_id = Order::of(input.departments.len(), |d| &input.departments[d].id);
        let departments: Vec<DepartmentPrint> = (0..input.departments.len())
            .map(|k| {
                let department = &input.departments[by_id.at(k)];
                let grade = policy
                    .department_grades
                    .get(department.grade)
                    .cloned()
                    .unwrap_or_default();
                DepartmentPrint(department.id.clone(), grade, department.pool.clone())
            })
            .collect();

        let split = input.employees.len() >= TWO_CORES_AT;
        let (listed, ends) = listed_ids(&input.employees, split);
        let people = Order::of(ends.len(), |e| slice(&listed, &ends, e));
        let ids = match &people {
            Order::AsListed => (listed, ends),
            Order::Sorted { order, .. } => {
                let mut ids = String::with_capacity(listed.len());
                let sorted_ends = order
                    .iter()
                    .map(|&e| {
                        ids.push_str(slice(&listed, &ends, e));
                        ids.len()
                    })
                    .collect();
                (ids, sorted_ends)
            }
        };
        let raters = Order::of(input.raters.len(), |r| &input.raters[r].id);
        Fingerprint {
            version: FINGERPRINT_VERSION,
            kind: KIND.to_string(),
            taken_at: taken_at.to_string(),
            input: shown_as.to_string(),
            policy: h.hex(),
            ratings: input.ratings.len(),
            departments,
            raters: rater_prints(input, &people, &raters),
            employees: employees(input, ids, &people, &raters, &by_id),
        }
    }
}

/// The employees' ids one after the other as listed, and where each ends,
/// read on two cores when `split`.
fn listed_ids(people: &[Employee], split: bool) -> (String, Vec<usize>) {
    let mid = people.len() / 2;
    let halves = [&people[..mid], &people[mid..]];
    let mut read = [(String::new(), Vec::new()), (String::new(), Vec::new())];
    cores::each(&mut read, split, |(h, (text, ends))| {
        ends.reserve(halves[h].len());
        for person in halves[h] {
            text.push_str(&person.id);
            ends.push(text.len());
        }
    });
    let [(first, mut ends), (second, second_ends)] = read;
    let mut text = String::with_capacity(first.len() + second.len());
    text.push_str(&first);
    text.push_str(&second);
    ends.extend(second_ends.iter().map(|end| end + first.len()));
    (text, ends)
}

/// The `i`th of the strings in `text` that end at `ends`.
fn slice<'a>(text: &'a str, ends: &[usize], i: usize) -> &'a str {
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &text[start..ends[i]]
}

/// The raters in id order, ordered as `raters`; `people` orders the employees.
fn rater_prints(input: &Input, people: &Order, raters: &Order) -> Vec<RaterPrint> {
    let mut hashes = vec![(0u64, 0usize); input.raters.len()];
    let split = hashes.len() >= TWO_CORES_AT;
    cores::each(&mut hashes, split, |(k, slot)| {
        let r = raters.at(k);
        let mut h = Hash64::new();
        h.field(input.raters[r].name.as_bytes());
        let rows = input.rater_ratings.of(r).iter().map(|&i| {
            let rating = &input.ratings[i];
            let employee = rating.employee;
            row(people.rank(employee), &input.employees[employee].id, rating)
        });
        *slot = sorted_hash(h, rows);
    });
    hashes
        .into_iter()
        .enumerate()
        .map(|(k, (hash, n))| {
            let rater = &input.raters[raters.at(k)];
            RaterPrint(rater.id.to_string(), n, format!("{hash:016x}"))
        })
        .collect()
}

/// The employees in id order: `ids` already so, ordered as `people`;
/// `raters` and `departments` order those.
fn employees(
    input: &Input,
    (ids, ends): (String, Vec<usize>),
    people: &Order,
    raters: &Order,
    departments: &Order,
) -> Employees {
    let mut records = vec![Record::default(); ends.len()];
    let split = records.len() >= TWO_CORES_AT;
    cores::each(&mut records, split, |(k, record)| {
        let e = people.at(k);
        let rows = input.employee_ratings.of(e).iter().map(|&r| {
            let rating = &input.ratings[r];
            row(
                raters.rank(rating.rater),
                &input.raters[rating.rater].id,
                rating,
            )
        });
        let (ratings, _) = sorted_hash(Hash64::new(), rows);
        let mut name = Hash64::new();
        name.field(input.employees[e].name.as_bytes());
        *record = Record {
            department: departments.rank(input.employees[e].department),
            ratings: cut(ratings),
            name: cut(name.finish()),
        };
    });
    Employees {
        ids,
        ends,
        records,
        named: true,
    }
}

#[cfg(test)]
mod tests {
    use super::super::compare;
    use super::super::tests::{ORG, RATINGS, input};
    use super::*;

    #[test]
    fn the_same_input_spelled_differently_has_the_same_fingerprint() {
        let a = Fingerprint::of(&input(ORG, RATINGS), "x", "t0");
        let respelled =
            "employee_id,score,rater_name,rater_id\nE3,60.00,n,M2\nE2,70.0,m,M1\nE1,80,m,M1\n";
        let b = Fingerprint::of(&input(ORG, respelled), "x", "t1");
        assert!(compare(&a, &b).is_empty(), "{:?}", compare(&a, &b));
        let again = Fingerprint::parse(&a.to_json()).expect("round trip");
        assert_eq!(again, a);
    }

    /// 300 employees (split over two cores in the tests), listed in id order
    /// or in reverse (`reorder`: the ratings too), some with more ratings
    /// than fit on the stack.
    fn company(reorder: bool) -> Input {
        let n = 300;
        let mut people: Vec<String> = (0..n)
            .map(|i| {
                let d = if i % 3 == 0 { "D2" } else { "D1" };
                format!(r#"{{"id":"E{i:03}","name":"p{i}","department":"{d}"}}"#)
            })
            .collect();
        let mut ratings = vec!["rater_id,rater_name,employee_id,score".to_string()];
        for i in 0..n {
            for r in 0..(i % 7) {
                ratings.push(format!("M{r},m{r},E{i:03},{}", 50 + (i * r) % 50));
            }
        }
        if reorder {
            people.reverse();
            ratings[1..].reverse();
        }
        let org = format!(
            r#"{{"departments":[{{"id":"D2","name":"e","grade":"Y"}},{{"id":"D1","name":"d","grade":"X"}}],"employees":[{}]}}"#,
            people.join(",")
        );
        input(&org, &(ratings.join("\n") + "\n"))
    }

    proptest::proptest! {
        /// The shortcut for a decimal's zero bytes gives the hash of every
        /// byte, one at a time.
        #[test]
        fn a_decimal_hashes_as_its_bytes_do(
            mantissa in proptest::prelude::any::<i64>(),
            shift in 0u32..=32,
            scale in 0u32..=28,
            before in proptest::prelude::any::<u64>(),
        ) {
            // Up to 96 bits: all of a decimal's mantissa.
            let wide = i128::from(mantissa) << shift;
            let x = rust_decimal::Decimal::try_from_i128_with_scale(wide, scale).unwrap_or_default();
            for x in [x, x.normalize(), rust_decimal::Decimal::ZERO, rust_decimal::Decimal::ONE] {
                let bytes = canonical_bytes(x);
                let (mut a, mut b) = (Hash64(before), Hash64(before));
                a.field(&bytes);
                b.decimal(&bytes);
                proptest::prop_assert_eq!(a.0, b.0, "{}", x);
            }
        }
    }

    #[test]
    fn both_cores_give_what_one_gives_whatever_the_order() {
        let a = Fingerprint::of(&company(false), "x", "t0");
        let b = Fingerprint::of(&company(true), "x", "t0");
        assert_eq!(a, b);
        assert_eq!(a.employees.len(), 300);
        let ids: Vec<&str> = a.employees.iter().map(|e| e.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted, "in id byte order");
        // The hashes of the rows sorted by id bytes, on one core: the ranks
        // and the split do not change them.
        let one = company(false);
        let mut hashes = Vec::new();
        for e in 0..one.employees.len() {
            let mut rows: Vec<(&[u8], [u8; 16], [u8; 16])> = one
                .employee_ratings
                .of(e)
                .iter()
                .map(|&r| {
                    let rating = &one.ratings[r];
                    (
                        one.raters[rating.rater].id.as_bytes(),
                        canonical_bytes(rating.score),
                        canonical_bytes(rating.weight),
                    )
                })
                .collect();
            rows.sort_unstable();
            let mut h = Hash64::new();
            for (id, score, weight) in &rows {
                h.field(id).field(score).field(weight);
            }
            hashes.push((one.employees[e].id.as_str(), cut(h.finish())));
        }
        hashes.sort_unstable();
        let taken: Vec<(&str, u32)> = a.employees.iter().map(|e| (e.id, e.ratings)).collect();
        assert_eq!(taken, hashes);
    }
}
