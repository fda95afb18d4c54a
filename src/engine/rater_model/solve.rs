//! Solvers for a part's Laplacian system: Jacobi-preconditioned conjugate
//! gradients (one or many right-hand sides), and a dense Cholesky factor of
//! the grounded Laplacian for small parts.
//!
//! The Laplacian is singular (adding a constant to every beta changes
//! nothing). Conjugate gradients from zero on a right-hand side that sums
//! to zero stays consistent; the constant is fixed afterwards by the
//! constraint.

use super::graph::Laplacian;

/// How far a conjugate-gradient solve went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Convergence {
    pub iterations: usize,
    /// The largest relative residual ||b - Lx|| / ||b|| reached.
    pub residual: f64,
    pub converged: bool,
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Solves L x = b by Jacobi-preconditioned conjugate gradients, to a
/// relative residual of `tolerance`.
pub fn pcg(
    l: &Laplacian,
    b: &[f64],
    tolerance: f64,
    max_iterations: usize,
) -> (Vec<f64>, Convergence) {
    let n = l.len();
    let inverse: Vec<f64> = l
        .diagonal
        .iter()
        .map(|&d| if d > 0.0 { 1.0 / d } else { 0.0 })
        .collect();
    let mut x = vec![0.0; n];
    let mut r = b.to_vec();
    let norm_b = dot(b, b).sqrt();
    if norm_b == 0.0 {
        let done = Convergence {
            iterations: 0,
            residual: 0.0,
            converged: true,
        };
        return (x, done);
    }
    let mut z: Vec<f64> = r.iter().zip(&inverse).map(|(r, m)| r * m).collect();
    let mut p = z.clone();
    let mut q = vec![0.0; n];
    let mut rz = dot(&r, &z);
    let mut residual = 1.0;
    for iteration in 0..max_iterations {
        l.apply(&p, &mut q);
        let pq = dot(&p, &q);
        if pq <= 0.0 {
            return (
                x,
                Convergence {
                    iterations: iteration,
                    residual,
                    converged: residual <= tolerance,
                },
            );
        }
        let alpha = rz / pq;
        for i in 0..n {
            x[i] += alpha * p[i];
            r[i] -= alpha * q[i];
        }
        residual = dot(&r, &r).sqrt() / norm_b;
        if residual <= tolerance {
            return (
                x,
                Convergence {
                    iterations: iteration + 1,
                    residual,
                    converged: true,
                },
            );
        }
        for i in 0..n {
            z[i] = r[i] * inverse[i];
        }
        let rz_next = dot(&r, &z);
        let beta = rz_next / rz;
        rz = rz_next;
        for i in 0..n {
            p[i] = z[i] + beta * p[i];
        }
    }
    (
        x,
        Convergence {
            iterations: max_iterations,
            residual,
            converged: false,
        },
    )
}

/// Solves L X = B for `width` right-hand sides at once (stored row by row,
/// `b[i * width + j]`), each by its own preconditioned conjugate gradients;
/// one sparse pass serves them all. A column stops once it reaches
/// `tolerance`.
pub fn pcg_block(
    l: &Laplacian,
    width: usize,
    b: &[f64],
    tolerance: f64,
    max_iterations: usize,
) -> (Vec<f64>, Convergence) {
    let n = l.len();
    let inverse: Vec<f64> = l
        .diagonal
        .iter()
        .map(|&d| if d > 0.0 { 1.0 / d } else { 0.0 })
        .collect();
    let column_dot = |a: &[f64], c: &[f64], out: &mut [f64]| {
        out.iter_mut().for_each(|o| *o = 0.0);
        for (ra, rc) in a.chunks_exact(width).zip(c.chunks_exact(width)) {
            for ((o, x), y) in out.iter_mut().zip(ra).zip(rc) {
                *o += x * y;
            }
        }
    };
    let mut x = vec![0.0; n * width];
    let mut r = b.to_vec();
    let mut norm_b = vec![0.0; width];
    column_dot(b, b, &mut norm_b);
    let mut active: Vec<bool> = norm_b.iter().map(|&v| v > 0.0).collect();
    // z = D^-1 r is never stored: it is formed where it is used.
    let mut p = vec![0.0; n * width];
    let mut rz = vec![0.0; width];
    for (i, &m) in inverse.iter().enumerate() {
        let row = i * width..(i + 1) * width;
        for ((p, &r), rz) in p[row.clone()].iter_mut().zip(&r[row]).zip(&mut rz) {
            *p = r * m;
            *rz += r * *p;
        }
    }
    let mut q = vec![0.0; n * width];
    let (mut pq, mut rr, mut rz_next) = (vec![0.0; width], vec![0.0; width], vec![0.0; width]);
    let mut alpha = vec![0.0; width];
    let mut step = vec![0.0; width];
    let mut worst = 0.0f64;
    for iteration in 0..max_iterations {
        if !active.iter().any(|&a| a) {
            return (
                x,
                Convergence {
                    iterations: iteration,
                    residual: worst,
                    converged: true,
                },
            );
        }
        l.apply_block(width, &p, &mut q);
        column_dot(&p, &q, &mut pq);
        for j in 0..width {
            if active[j] && pq[j] <= 0.0 {
                active[j] = false;
            }
            alpha[j] = if active[j] { rz[j] / pq[j] } else { 0.0 };
        }
        // One pass: the steps of x and r, and the dots r.r and r.D^-1 r.
        rr.iter_mut().for_each(|v| *v = 0.0);
        rz_next.iter_mut().for_each(|v| *v = 0.0);
        for (i, &m) in inverse.iter().enumerate() {
            let row = i * width..(i + 1) * width;
            for ((((x, r), (p, q)), a), (rr, rz)) in x[row.clone()]
                .iter_mut()
                .zip(&mut r[row.clone()])
                .zip(p[row.clone()].iter().zip(&q[row]))
                .zip(&alpha)
                .zip(rr.iter_mut().zip(rz_next.iter_mut()))
            {
                *x += a * p;
                *r -= a * q;
                *rr += *r * *r;
                *rz += *r * *r * m;
            }
        }
        worst = 0.0;
        for j in 0..width {
            let relative = if norm_b[j] > 0.0 {
                (rr[j] / norm_b[j]).sqrt()
            } else {
                0.0
            };
            worst = worst.max(relative);
            if relative <= tolerance {
                active[j] = false;
            }
        }
        for j in 0..width {
            step[j] = if active[j] { rz_next[j] / rz[j] } else { 0.0 };
            rz[j] = rz_next[j];
        }
        for (i, &m) in inverse.iter().enumerate() {
            let row = i * width..(i + 1) * width;
            for ((p, &r), (s, a)) in p[row.clone()]
                .iter_mut()
                .zip(&r[row])
                .zip(step.iter().zip(&active))
            {
                *p = if *a { r * m + s * *p } else { 0.0 };
            }
        }
    }
    let converged = !active.iter().any(|&a| a);
    (
        x,
        Convergence {
            iterations: max_iterations,
            residual: worst,
            converged,
        },
    )
}

/// The lower Cholesky factor of a dense symmetric positive definite matrix
/// (row-major, n x n); `None` when it is not positive definite.
pub fn cholesky(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let s = a[i * n + j] - dot(&l[i * n..i * n + j], &l[j * n..j * n + j]);
            if i == j {
                if s <= 0.0 {
                    return None;
                }
                l[i * n + i] = s.sqrt();
            } else {
                l[i * n + j] = s / l[j * n + j];
            }
        }
    }
    Some(l)
}

/// Solves L L^T x = b with the factor from [`cholesky`].
pub fn cholesky_solve(l: &[f64], n: usize, b: &[f64]) -> Vec<f64> {
    let mut y = b.to_vec();
    for i in 0..n {
        let s = y[i] - dot(&l[i * n..i * n + i], &y[..i]);
        y[i] = s / l[i * n + i];
    }
    for i in (0..n).rev() {
        let mut s = y[i];
        for k in i + 1..n {
            s -= l[k * n + i] * y[k];
        }
        y[i] = s / l[i * n + i];
    }
    y
}

/// The diagonal of (L L^T)^-1: the squared column norms of L^-1.
pub fn inverse_diagonal(l: &[f64], n: usize) -> Vec<f64> {
    // Rows of X = L^-1, built row by row so the inner loop runs along rows.
    let mut x = vec![0.0; n * n];
    let mut acc = vec![0.0; n];
    for i in 0..n {
        acc[..i].iter_mut().for_each(|a| *a = 0.0);
        for m in 0..i {
            let lim = l[i * n + m];
            if lim != 0.0 {
                for (a, &v) in acc[..=m].iter_mut().zip(&x[m * n..m * n + m + 1]) {
                    *a += lim * v;
                }
            }
        }
        let d = l[i * n + i];
        for j in 0..i {
            x[i * n + j] = -acc[j] / d;
        }
        x[i * n + i] = 1.0 / d;
    }
    let mut diagonal = vec![0.0; n];
    for k in 0..n {
        for (d, &v) in diagonal[..=k].iter_mut().zip(&x[k * n..k * n + k + 1]) {
            *d += v * v;
        }
    }
    diagonal
}
