//! Standard errors of the severities under the constraint
//! sum n_R beta(R) = 0.
//!
//! For a part with Laplacian L (raters' reduced normal equations), counts
//! c (n_R) and N = sum c, the top-left block of the inverse of the bordered
//! matrix [[L, c], [c', 0]] is M = P L^+ P' with P = I - 1 c' / N, so its
//! diagonal element for rater r is M_rr = z' L^+ z with z = e_r - c / N.
//! The severity's standard error is sqrt(s^2 M_rr).
//!
//! - [`exact`]: small parts. L grounded at its first rater is positive
//!   definite; with G its inverse (padded with zeros), M_rr = G_rr - 2 h_r
//!   + c'h / N, h = G c / N, all from one dense Cholesky factor.
//! - [`sketch`]: large parts, where the diagonal of an inverse of tens of
//!   thousands of raters cannot be had exactly in time. M_rr is split as
//!   z'(2S - S L S)z + ||W (L^+ - S) z||^2 with S = D^-1 (the Jacobi
//!   approximation of L^+, D = diag L) and L = W'W (W: one row per linked
//!   rating, the rating's rater less the mean of its employee's raters).
//!   The first term is computed exactly for every rater; the second, the
//!   part that comes from beyond the rater's own links, is estimated by a
//!   Johnson–Lindenstrauss sketch with `probes` random sign vectors q over
//!   the linked ratings (as in Kline, Saggio and Sølvsten 2020 for the
//!   same two-way model): mean over q of (z'(L^+ - S) W'q)^2, whose
//!   expectation is that term exactly. Each probe costs one Laplacian
//!   solve; they run together as one block of conjugate gradients.

use super::graph::{Laplacian, System};
use super::solve::{self, Convergence};

/// M_rr for every rater of a small part; `None` if the grounded Laplacian
/// is not positive definite (the part is not connected, which cannot
/// happen for a part of the graph).
pub fn exact(system: &System) -> Option<(Vec<f64>, Vec<f64>)> {
    let l = &system.laplacian;
    let n = l.len();
    let full = l.dense();
    let m = n - 1;
    let mut grounded = vec![0.0; m * m];
    for i in 0..m {
        grounded[i * m..(i + 1) * m].copy_from_slice(&full[(i + 1) * n + 1..(i + 2) * n]);
    }
    let factor = solve::cholesky(&grounded, m)?;
    let total: f64 = system.counts.iter().sum();
    let mut beta = vec![0.0];
    beta.extend(solve::cholesky_solve(&factor, m, &system.rhs[1..]));
    let mut g = vec![0.0];
    g.extend(solve::inverse_diagonal(&factor, m));
    let scaled: Vec<f64> = system.counts[1..].iter().map(|c| c / total).collect();
    let mut h = vec![0.0];
    h.extend(solve::cholesky_solve(&factor, m, &scaled));
    let ch: f64 = system
        .counts
        .iter()
        .zip(&h)
        .map(|(c, h)| c * h)
        .sum::<f64>()
        / total;
    let diagonal = g
        .iter()
        .zip(&h)
        .map(|(g, h)| (g - 2.0 * h + ch).max(0.0))
        .collect();
    Some((beta, diagonal))
}

/// The linked ratings of a part: per linked employee, the local indices of
/// their raters and a 64-bit key per rating that seeds its random signs (so
/// the sketch does not depend on the order of files or ratings).
#[derive(Debug, Clone, Default)]
pub struct Linked {
    pub starts: Vec<usize>,
    pub raters: Vec<u32>,
    pub keys: Vec<u64>,
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The right-hand sides W'q of `width` probes (row by row).
fn probes(linked: &Linked, n: usize, first: usize, width: usize) -> Vec<f64> {
    let mut v = vec![0.0; n * width];
    let mut q = Vec::new();
    let mut mean = vec![0.0; width];
    for e in 0..linked.starts.len().saturating_sub(1) {
        let range = linked.starts[e]..linked.starts[e + 1];
        let m = range.len() as f64;
        q.clear();
        mean.iter_mut().for_each(|x| *x = 0.0);
        for &key in &linked.keys[range.clone()] {
            let mut bits = 0u64;
            for (j, mean) in mean.iter_mut().enumerate() {
                let probe = first + j;
                if j == 0 || probe.is_multiple_of(64) {
                    bits =
                        splitmix(key ^ ((probe / 64) as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
                }
                let sign = if (bits >> (probe % 64)) & 1 == 1 {
                    1.0
                } else {
                    -1.0
                };
                q.push(sign);
                *mean += sign / m;
            }
        }
        for (k, &r) in linked.raters[range].iter().enumerate() {
            let row = &mut v[r as usize * width..(r as usize + 1) * width];
            for ((out, sign), mean) in row
                .iter_mut()
                .zip(&q[k * width..(k + 1) * width])
                .zip(&mean)
            {
                *out += sign - mean;
            }
        }
    }
    v
}

/// Probes solved together as one block. A block's CG vectors (four of
/// n x width f64) are read and written on every iteration: at 50,000
/// raters and 32 probes a thread they are 55 MB and every pass goes to
/// memory; blocks of 8 keep both threads' vectors within a 32 MB L3. On a
/// generated linked folder of 1M employees (53,000 raters in one part)
/// the whole fit took 1.4 s of CPU with blocks of 32, 0.9 s with blocks of
/// 8 and 1.1 s with blocks of 4. Each probe's solve is its own, so the
/// block size changes no figure beyond the order of a sum.
const PROBE_BLOCK: usize = 8;

/// The sum over `width` probes of (z_r'(L^+ - D^-1) W'q)^2 per rater, in
/// blocks of [`PROBE_BLOCK`], with the worst convergence.
fn remainder(
    l: &Laplacian,
    counts: &[f64],
    linked: &Linked,
    first: usize,
    width: usize,
    tolerance: f64,
    max_iterations: usize,
) -> (Vec<f64>, Convergence) {
    let mut sums = vec![0.0; l.len()];
    let mut worst: Option<Convergence> = None;
    for start in (first..first + width).step_by(PROBE_BLOCK) {
        let block = PROBE_BLOCK.min(first + width - start);
        let (part, convergence) =
            remainder_block(l, counts, linked, start, block, tolerance, max_iterations);
        sums.iter_mut().zip(&part).for_each(|(s, p)| *s += p);
        worst = Some(match worst {
            None => convergence,
            Some(w) => Convergence {
                iterations: w.iterations.max(convergence.iterations),
                residual: w.residual.max(convergence.residual),
                converged: w.converged && convergence.converged,
            },
        });
    }
    let done = Convergence {
        iterations: 0,
        residual: 0.0,
        converged: true,
    };
    (sums, worst.unwrap_or(done))
}

/// [`remainder`] for one block of `width` probes.
fn remainder_block(
    l: &Laplacian,
    counts: &[f64],
    linked: &Linked,
    first: usize,
    width: usize,
    tolerance: f64,
    max_iterations: usize,
) -> (Vec<f64>, Convergence) {
    let n = l.len();
    let v = probes(linked, n, first, width);
    let (mut y, convergence) = solve::pcg_block(l, width, &v, tolerance, max_iterations);
    let total: f64 = counts.iter().sum();
    let mut weighted = vec![0.0; width];
    for (i, (&d, &count)) in l.diagonal.iter().zip(counts).enumerate() {
        let row = i * width..(i + 1) * width;
        for ((y, v), w) in y[row.clone()].iter_mut().zip(&v[row]).zip(&mut weighted) {
            *y -= v / d;
            *w += count * *y / total;
        }
    }
    let sums = (0..n)
        .map(|i| {
            (0..width)
                .map(|j| {
                    let t = y[i * width + j] - weighted[j];
                    t * t
                })
                .sum()
        })
        .collect();
    (sums, convergence)
}

/// Estimated M_rr for every rater of a large part (see the module notes),
/// with the worst convergence of the probe solves. The probes are split
/// over two threads.
pub fn sketch(
    system: &System,
    linked: &Linked,
    probes: usize,
    tolerance: f64,
    max_iterations: usize,
) -> (Vec<f64>, Convergence) {
    let l = &system.laplacian;
    let c = &system.counts;
    let n = l.len();
    let total: f64 = c.iter().sum();
    // Exact part: z'(2S - SLS)z with S = D^-1, f = D^-1 c / N.
    let f: Vec<f64> = (0..n).map(|i| c[i] / (total * l.diagonal[i])).collect();
    let mut lf = vec![0.0; n];
    l.apply(&f, &mut lf);
    let flf: f64 = f.iter().zip(&lf).map(|(a, b)| a * b).sum();
    let s: f64 = c.iter().zip(&f).map(|(c, f)| c * f).sum::<f64>() / total;
    let half = probes / 2;
    let (first, second) = std::thread::scope(|scope| {
        let other =
            scope.spawn(|| remainder(l, c, linked, half, probes - half, tolerance, max_iterations));
        let first = remainder(l, c, linked, 0, half, tolerance, max_iterations);
        (first, other.join().ok())
    });
    let second = second
        .unwrap_or_else(|| remainder(l, c, linked, half, probes - half, tolerance, max_iterations));
    let diagonal = (0..n)
        .map(|i| {
            let d = l.diagonal[i];
            let known = 1.0 / d - 4.0 * f[i] + 2.0 * lf[i] / d + 2.0 * s - flf;
            (known + (first.0[i] + second.0[i]) / probes as f64).max(0.0)
        })
        .collect();
    let worst = Convergence {
        iterations: first.1.iterations.max(second.1.iterations),
        residual: first.1.residual.max(second.1.residual),
        converged: first.1.converged && second.1.converged,
    };
    (diagonal, worst)
}
