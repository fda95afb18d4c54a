//! The rater–employee graph: an edge per rating, its connected parts, and
//! for every part with two or more raters the reduced normal equations of
//! the two-way model once the employee effects are eliminated.
//!
//! Eliminating theta(E) from the normal equations leaves, per part, a
//! weighted graph Laplacian over the raters: an employee rated n_E times
//! adds 1/n_E to the link between each pair of their raters, and its
//! ratings' deviations from the employee's mean to the right-hand side. An
//! employee rated once adds nothing (their theta absorbs the score), so the
//! system has as many unknowns as raters, whatever the number of employees.

use rust_decimal::prelude::ToPrimitive;

use crate::engine::model::Input;

/// A connected part of the rater–employee graph.
#[derive(Debug, Clone, PartialEq)]
pub struct PartGraph {
    /// Rater indices, in ascending byte order of their ids; the first is the part's id.
    pub raters: Vec<usize>,
    /// Employees rated by the part's raters.
    pub employees: usize,
    pub ratings: usize,
    /// Employees of the part rated two or more times.
    pub linked_employees: Vec<usize>,
}

/// The parts of the graph and where each rater sits.
#[derive(Debug, Clone, PartialEq)]
pub struct Parts {
    /// Every part holding at least one rater, by id (byte order).
    pub parts: Vec<PartGraph>,
    /// Index into `parts` per rater.
    pub part_of: Vec<usize>,
    /// Position of the rater in its part's `raters`.
    pub local: Vec<usize>,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

impl Parts {
    /// Finds the connected parts by union–find over raters: the raters of an
    /// employee are joined; an employee rated once joins nobody.
    pub fn of(input: &Input) -> Parts {
        let n = input.raters.len();
        let mut parent: Vec<usize> = (0..n).collect();
        for e in 0..input.employees.len() {
            let ratings = input.employee_ratings.of(e);
            if let Some((&first, rest)) = ratings.split_first() {
                let a = input.ratings[first].rater;
                for &i in rest {
                    let (ra, rb) = (
                        find(&mut parent, a),
                        find(&mut parent, input.ratings[i].rater),
                    );
                    if ra != rb {
                        parent[ra.max(rb)] = ra.min(rb);
                    }
                }
            }
        }
        let roots: Vec<usize> = (0..n).map(|r| find(&mut parent, r)).collect();
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (r, &root) in roots.iter().enumerate() {
            members[root].push(r);
        }
        let mut parts: Vec<PartGraph> = members
            .into_iter()
            .filter(|m| !m.is_empty())
            .map(|mut raters| {
                raters.sort_unstable_by(|&a, &b| input.raters[a].id.cmp(&input.raters[b].id));
                PartGraph {
                    raters,
                    employees: 0,
                    ratings: 0,
                    linked_employees: Vec::new(),
                }
            })
            .collect();
        parts.sort_unstable_by(|a, b| {
            input.raters[a.raters[0]]
                .id
                .cmp(&input.raters[b.raters[0]].id)
        });
        let mut part_of = vec![0usize; n];
        let mut local = vec![0usize; n];
        for (p, part) in parts.iter().enumerate() {
            for (l, &r) in part.raters.iter().enumerate() {
                part_of[r] = p;
                local[r] = l;
            }
        }
        for e in 0..input.employees.len() {
            let ratings = input.employee_ratings.of(e);
            let Some(&first) = ratings.first() else {
                continue;
            };
            let part = &mut parts[part_of[input.ratings[first].rater]];
            part.employees += 1;
            part.ratings += ratings.len();
            if ratings.len() >= 2 {
                part.linked_employees.push(e);
            }
        }
        Parts {
            parts,
            part_of,
            local,
        }
    }
}

/// The reduced normal equations of one part: `laplacian * beta = rhs`.
#[derive(Debug, Clone, PartialEq)]
pub struct System {
    pub laplacian: Laplacian,
    /// Sum over the rater's ratings of the score minus the employee's mean.
    pub rhs: Vec<f64>,
    /// n_R: every rating of the rater, linked or not (the constraint's weights).
    pub counts: Vec<f64>,
}

/// A weighted graph Laplacian over a part's raters: the diagonal and the
/// off-diagonal link weights in compressed rows (each stored as its positive
/// weight w; the matrix entry is -w).
#[derive(Debug, Clone, PartialEq)]
pub struct Laplacian {
    pub diagonal: Vec<f64>,
    pub starts: Vec<usize>,
    pub columns: Vec<u32>,
    pub weights: Vec<f64>,
}

impl Laplacian {
    pub fn len(&self) -> usize {
        self.diagonal.len()
    }

    pub fn is_empty(&self) -> bool {
        self.diagonal.is_empty()
    }

    /// y = L x.
    pub fn apply(&self, x: &[f64], y: &mut [f64]) {
        for (i, out) in y.iter_mut().enumerate() {
            let mut s = self.diagonal[i] * x[i];
            for k in self.starts[i]..self.starts[i + 1] {
                s -= self.weights[k] * x[self.columns[k] as usize];
            }
            *out = s;
        }
    }

    /// Y = L X for `width` vectors stored row by row (`x[i * width + j]`).
    pub fn apply_block(&self, width: usize, x: &[f64], y: &mut [f64]) {
        for i in 0..self.len() {
            let out = &mut y[i * width..(i + 1) * width];
            let d = self.diagonal[i];
            for (o, &v) in out.iter_mut().zip(&x[i * width..(i + 1) * width]) {
                *o = d * v;
            }
            for k in self.starts[i]..self.starts[i + 1] {
                let w = self.weights[k];
                let j = self.columns[k] as usize;
                for (o, &v) in out.iter_mut().zip(&x[j * width..(j + 1) * width]) {
                    *o -= w * v;
                }
            }
        }
    }

    /// The dense matrix, for small parts.
    pub fn dense(&self) -> Vec<f64> {
        let n = self.len();
        let mut a = vec![0.0; n * n];
        for i in 0..n {
            a[i * n + i] = self.diagonal[i];
            for k in self.starts[i]..self.starts[i + 1] {
                a[i * n + self.columns[k] as usize] -= self.weights[k];
            }
        }
        a
    }
}

/// A decimal as f64 (0 if out of range, which a validated score never is).
pub fn decimal(x: rust_decimal::Decimal) -> f64 {
    x.to_f64().unwrap_or(0.0)
}

/// A score as f64, less a centre so that squares keep their digits.
pub fn score(input: &Input, rating: usize, centre: f64) -> f64 {
    input.ratings[rating].score.to_f64().unwrap_or(0.0) - centre
}

/// Builds the reduced system of a part with two or more raters.
pub fn system(input: &Input, parts: &Parts, part: &PartGraph, centre: f64) -> System {
    let n = part.raters.len();
    let mut diagonal = vec![0.0; n];
    let mut rhs = vec![0.0; n];
    let counts: Vec<f64> = part
        .raters
        .iter()
        .map(|&r| input.rater_ratings.of(r).len() as f64)
        .collect();
    let mut links: Vec<(u32, u32, f64)> = Vec::new();
    let mut local: Vec<(usize, f64)> = Vec::new();
    for &e in &part.linked_employees {
        let ratings = input.employee_ratings.of(e);
        local.clear();
        local.extend(
            ratings
                .iter()
                .map(|&i| (parts.local[input.ratings[i].rater], score(input, i, centre))),
        );
        let m = local.len() as f64;
        let mean = local.iter().map(|&(_, y)| y).sum::<f64>() / m;
        let w = 1.0 / m;
        for (a, &(ra, ya)) in local.iter().enumerate() {
            diagonal[ra] += 1.0 - w;
            rhs[ra] += ya - mean;
            for &(rb, _) in &local[a + 1..] {
                links.push((ra as u32, rb as u32, w));
                links.push((rb as u32, ra as u32, w));
            }
        }
    }
    links.sort_unstable_by_key(|&(i, j, _)| (i, j));
    let mut starts = vec![0usize; n + 1];
    let mut columns = Vec::with_capacity(links.len());
    let mut weights: Vec<f64> = Vec::with_capacity(links.len());
    let mut last: Option<(u32, u32)> = None;
    for (i, j, w) in links {
        if last == Some((i, j)) {
            if let Some(x) = weights.last_mut() {
                *x += w;
            }
            continue;
        }
        last = Some((i, j));
        columns.push(j);
        weights.push(w);
        starts[i as usize + 1] += 1;
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    // The right-hand side sums to zero in exact arithmetic; remove the
    // rounding so the singular system stays consistent.
    let drift = rhs.iter().sum::<f64>() / n as f64;
    for x in &mut rhs {
        *x -= drift;
    }
    System {
        laplacian: Laplacian {
            diagonal,
            starts,
            columns,
            weights,
        },
        rhs,
        counts,
    }
}
