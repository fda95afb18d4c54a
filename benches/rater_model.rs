//! Fit time of the rater model (contract 6.7) on synthetic inputs built in
//! memory: 100k and 1M employees, one rater per 20 employees, 12% of the
//! employees rated a second time by a rater drawn at random. Prints the
//! median of a few fits, and how far the sketched standard errors of large
//! parts are from the exact ones on a part that can still be done exactly.
//!
//! `CALIBRA_BENCH_SIZES=100000,1000000` chooses the sizes. Run without
//! `--bench` (as `cargo test --benches` does), it only checks itself on
//! 20,000 employees.

use std::time::{Duration, Instant};

use calibra::engine::diagnostic::Location;
use calibra::engine::model::{
    Department, Employee, Grade, Group, Input, Parts, Policy, Rater, Rating, ScoreScale, Vocabulary,
};
use calibra::engine::rater_model::{self, SeMethod, Settings};
use rust_decimal::Decimal;

const PER_RATER: usize = 20;
const SECOND_SHARE: f64 = 0.12;
const RUNS: usize = 5;

/// A small deterministic generator (splitmix64).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^ (x >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// An input of `employees` employees, scores true level + rater severity + noise.
fn synthetic(employees: usize, seed: u64) -> Input {
    let raters = (employees / PER_RATER).max(2);
    let mut random = Random(seed);
    let severity: Vec<f64> = (0..raters).map(|_| (random.unit() - 0.5) * 10.0).collect();
    let mut ratings = Vec::with_capacity(employees + employees / 8);
    let score = |random: &mut Random, level: f64, r: usize| {
        let x = level + severity[r] + (random.unit() - 0.5) * 6.0;
        Decimal::new((x.clamp(0.0, 100.0) * 10.0).round() as i64, 1)
    };
    for e in 0..employees {
        let level = 60.0 + random.unit() * 30.0;
        let own = e / PER_RATER % raters;
        ratings.push(Rating {
            rater: own,
            employee: e,
            score: score(&mut random, level, own),
            weight: Decimal::ONE,
        });
        if random.unit() < SECOND_SHARE {
            let other = (own + 1 + random.below(raters - 1)) % raters;
            ratings.push(Rating {
                rater: other,
                employee: e,
                score: score(&mut random, level, other),
                weight: Decimal::ONE,
            });
        }
    }
    Input::new(Parts {
        policy: Policy {
            cycle: "bench".into(),
            score: ScoreScale {
                min: Decimal::ZERO,
                max: Decimal::from(100),
                decimals: 1,
            },
            grades: vec![Grade {
                id: "A".into(),
                label: "A".into(),
                min_score: None,
            }],
            department_grades: vec!["A".into()],
            quotas: vec![vec![Decimal::ONE]],
            bonus: None,
        },
        departments: vec![Department {
            id: "D".into(),
            name: "D".into(),
            grade: 0,
            pool: None,
            group: 0,
            line: 1,
        }],
        groups: vec![Group {
            id: "D".into(),
            departments: vec![0],
            employees: (0..employees).collect(),
        }],
        employees: (0..employees)
            .map(|e| Employee {
                id: format!("E{e:07}").into(),
                name: Default::default(),
                department: 0,
                bonus_base: Decimal::ONE,
                manager: None,
                line: 1,
            })
            .collect(),
        raters: (0..raters)
            .map(|r| Rater {
                id: format!("M{r:05}").into(),
                name: Default::default(),
                at: Location::line("bench", 1),
            })
            .collect(),
        ratings,
        org_file: "org.json".into(),
        vocabulary: Vocabulary::default(),
        attributes: Default::default(),
        managers: Vocabulary::default(),
        employee_index: None,
    })
}

/// CPU time of this process so far (user + system, all threads): unlike wall
/// time it barely moves when other work shares the cores.
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    Duration::from_micros(micros(usage.ru_utime) + micros(usage.ru_stime))
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time_fit(employees: usize, runs: usize) {
    let input = synthetic(employees, 7);
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let (start, start_cpu) = (Instant::now(), cpu_time());
        let model = rater_model::fit(&input);
        times.push(start.elapsed());
        cpu.push(cpu_time().saturating_sub(start_cpu));
        last = Some(model);
    }
    let Some(model) = last else { return };
    let biggest = model.components.iter().max_by_key(|c| c.raters);
    println!(
        "| {employees} | {} | {} | {} | {} | {:.1} ms | {:.1} ms |",
        input.ratings.len(),
        input.raters.len(),
        model.components.len(),
        biggest.map_or(String::new(), |c| format!(
            "{} raters, {:?}, severity solve {:?}, probe solves {:?}",
            c.raters,
            c.se_method,
            c.solve.map(|s| s.iterations),
            c.probes_solve.map(|s| s.iterations)
        )),
        median(times).as_secs_f64() * 1e3,
        median(cpu).as_secs_f64() * 1e3,
    );
}

/// Sketched against exact standard errors on one part of `employees / 20` raters.
fn sketch_error(employees: usize) {
    let input = synthetic(employees, 11);
    let start = Instant::now();
    let exact = rater_model::fit_with(
        &input,
        Settings {
            exact_limit: usize::MAX,
            ..Settings::default()
        },
    );
    let exact_time = start.elapsed();
    let start = Instant::now();
    let sketched = rater_model::fit_with(
        &input,
        Settings {
            exact_limit: 0,
            ..Settings::default()
        },
    );
    let sketch_time = start.elapsed();
    let mut errors: Vec<f64> = exact
        .raters
        .iter()
        .zip(&sketched.raters)
        .filter_map(|(a, b)| Some((b.severity_se? - a.severity_se?) / a.severity_se?))
        .collect();
    errors.sort_by(f64::total_cmp);
    let n = errors.len().max(1) as f64;
    let mean = errors.iter().sum::<f64>() / n;
    let rms = (errors.iter().map(|e| e * e).sum::<f64>() / n).sqrt();
    let q = |p: f64| {
        errors
            .get(((errors.len() as f64 - 1.0) * p) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    let probes = sketched
        .components
        .first()
        .map(|c| c.se_method)
        .unwrap_or(SeMethod::Exact);
    println!(
        "sketch vs exact SE, {} raters ({probes:?}): mean {:+.2}%, rms {:.2}%, 1st/99th percentile {:+.2}%/{:+.2}%, worst {:+.2}%/{:+.2}%; exact fit {:.0} ms, sketched fit {:.0} ms",
        input.raters.len(),
        mean * 100.0,
        rms * 100.0,
        q(0.01) * 100.0,
        q(0.99) * 100.0,
        q(0.0) * 100.0,
        q(1.0) * 100.0,
        exact_time.as_secs_f64() * 1e3,
        sketch_time.as_secs_f64() * 1e3,
    );
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    if !bench {
        time_fit(20_000, 1);
        sketch_error(4_000);
        return;
    }
    let sizes: Vec<usize> = std::env::var("CALIBRA_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000]);
    println!(
        "| employees | ratings | raters | parts | largest part | fit, wall (median of {RUNS}) | CPU, both threads |"
    );
    println!("|---|---|---|---|---|---|---|");
    for n in sizes {
        time_fit(n, RUNS);
    }
    sketch_error(40_000);
}
