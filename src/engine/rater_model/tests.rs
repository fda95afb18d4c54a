//! Published figures and properties of the rater model.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::engine::diagnostic::Location;
use crate::engine::model::{
    Department, Employee, Grade, Group, Parts as InputParts, Policy, Rater, Rating, ScoreScale,
    Vocabulary,
};

/// An input holding exactly these (rater, employee, score) ratings, in this
/// order; raters and employees are numbered in order of first appearance.
fn input_of(ratings: &[(&str, &str, f64)]) -> Input {
    let mut raters: Vec<String> = Vec::new();
    let mut employees: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    for &(r, e, x) in ratings {
        let ri = raters.iter().position(|id| id == r).unwrap_or_else(|| {
            raters.push(r.to_string());
            raters.len() - 1
        });
        let ei = employees.iter().position(|id| id == e).unwrap_or_else(|| {
            employees.push(e.to_string());
            employees.len() - 1
        });
        rows.push(Rating {
            rater: ri,
            employee: ei,
            score: Decimal::try_from(x).expect("finite"),
            weight: Decimal::ONE,
        });
    }
    Input::new(InputParts {
        policy: Policy {
            cycle: "test".into(),
            score: ScoreScale {
                min: Decimal::ZERO,
                max: Decimal::from(100),
                decimals: 2,
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
            employees: (0..employees.len()).collect(),
        }],
        employees: employees
            .iter()
            .map(|id| Employee {
                id: id.as_str().into(),
                name: id.as_str().into(),
                department: 0,
                bonus_base: Decimal::ONE,
                manager: None,
                line: 1,
            })
            .collect(),
        raters: raters
            .iter()
            .map(|id| Rater {
                id: id.as_str().into(),
                name: id.as_str().into(),
                at: Location::line("test", 1),
            })
            .collect(),
        ratings: rows,
        org_file: "org.json".into(),
        vocabulary: Vocabulary::default(),
        attributes: Default::default(),
        managers: Vocabulary::default(),
        employee_index: None,
    })
}

/// Shrout and Fleiss (1979), Table 2: six targets (rows) by four judges.
const SHROUT_FLEISS: [[f64; 4]; 6] = [
    [9.0, 2.0, 5.0, 8.0],
    [6.0, 1.0, 3.0, 2.0],
    [8.0, 4.0, 6.0, 8.0],
    [7.0, 1.0, 2.0, 6.0],
    [10.0, 5.0, 6.0, 9.0],
    [6.0, 2.0, 4.0, 7.0],
];

const JUDGES: [&str; 4] = ["J1", "J2", "J3", "J4"];
const TARGETS: [&str; 6] = ["T1", "T2", "T3", "T4", "T5", "T6"];

/// The contract's linked design: the Shrout and Fleiss table with cells removed.
const LINKED: [(&str, &str, f64); 12] = [
    ("J1", "T3", 8.0),
    ("J1", "T4", 7.0),
    ("J1", "T5", 10.0),
    ("J1", "T6", 6.0),
    ("J2", "T5", 5.0),
    ("J2", "T6", 2.0),
    ("J3", "T1", 5.0),
    ("J3", "T2", 3.0),
    ("J4", "T1", 8.0),
    ("J4", "T2", 2.0),
    ("J4", "T3", 8.0),
    ("J4", "T4", 6.0),
];

fn severities(model: &RaterModel) -> Vec<Option<f64>> {
    model.raters.iter().map(|r| r.severity).collect()
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

#[test]
fn the_contracts_worked_example() {
    let input = input_of(&LINKED);
    let model = fit(&input);
    let beta: Vec<f64> = severities(&model).into_iter().flatten().collect();
    let expected = [7.0 / 6.0, -10.0 / 3.0, -1.0 / 3.0, 2.0 / 3.0];
    assert_eq!(beta.len(), 4);
    for (b, e) in beta.iter().zip(expected) {
        assert!(close(*b, e, 1e-12), "{beta:?}");
    }
    assert!(close(beta[0] - beta[1], 4.5, 1e-12));
    assert!(close(beta[2] - beta[1], 3.0, 1e-12));
    assert!(close(beta[3] - beta[1], 4.0, 1e-12));
    assert!(close(model.rss, 4.5, 1e-12), "{}", model.rss);
    assert_eq!(model.df, 3);
    // sqrt(s^2 M_rr) with s^2 = 1.5 and M_rr = 11/36, 35/36, 35/36, 11/36:
    // the contract's 0.677 and 1.208 are standard errors, so the diagonal
    // element times s^2 is the variance.
    let se: Vec<f64> = model.raters.iter().filter_map(|r| r.severity_se).collect();
    let exact = [11.0, 35.0, 35.0, 11.0].map(|m: f64| (1.5 * m / 36.0).sqrt());
    for (s, e) in se.iter().zip(exact) {
        assert!(close(*s, e, 1e-12), "{se:?}");
    }
    let printed: Vec<String> = se.iter().map(|s| format!("{s:.3}")).collect();
    assert_eq!(printed, ["0.677", "1.208", "1.208", "0.677"]);
    assert_eq!(model.components.len(), 1);
    let part = &model.components[0];
    assert_eq!(
        (part.id.as_str(), part.raters, part.employees, part.ratings),
        ("J1", 4, 6, 12)
    );
    assert_eq!(part.se_method, SeMethod::Exact);
    assert_eq!(model.unlinked_raters, 0);
}

#[test]
fn conjugate_gradients_reach_the_same_severities() {
    let input = input_of(&LINKED);
    let exact = fit(&input);
    let iterative = fit_with(
        &input,
        Settings {
            exact_limit: 0,
            probes: 64,
        },
    );
    for (a, b) in exact.raters.iter().zip(&iterative.raters) {
        let (a, b) = (a.severity.expect("fitted"), b.severity.expect("fitted"));
        assert!(close(a, b, 1e-9), "{a} {b}");
    }
    assert!(close(exact.rss, iterative.rss, 1e-9));
    let part = &iterative.components[0];
    assert_eq!(part.se_method, SeMethod::Sketch { probes: 64 });
    assert!(part.solve.is_some_and(|s| s.converged));
}

fn full_table() -> Input {
    let mut ratings = Vec::new();
    for (t, row) in SHROUT_FLEISS.iter().enumerate() {
        for (j, &x) in row.iter().enumerate() {
            ratings.push((JUDGES[j], TARGETS[t], x));
        }
    }
    input_of(&ratings)
}

#[test]
fn the_full_shrout_fleiss_table() {
    let model = fit(&full_table());
    let beta: Vec<String> = model
        .raters
        .iter()
        .map(|r| format!("{:+.3}", r.severity.expect("fitted")))
        .collect();
    // Column means minus the grand mean.
    assert_eq!(beta, ["+2.375", "-2.792", "-0.958", "+1.375"]);
    let a = model.agreement;
    assert_eq!((a.employees, a.ratings), (6, 24));
    let icc = |x: Option<f64>| format!("{:.2}", x.expect("computable"));
    assert_eq!(icc(a.icc1), "0.17");
    assert_eq!(icc(a.icc2), "0.29");
    assert_eq!(icc(a.icc3), "0.71");
    // To more places, from the mean squares BMS 11.24, WMS 6.26, JMS 32.49, EMS 1.02.
    assert!(close(a.icc1.unwrap_or_default(), 0.165_742, 1e-5));
    assert!(close(a.icc2.unwrap_or_default(), 0.289_764, 1e-5));
    assert!(close(a.icc3.unwrap_or_default(), 0.714_841, 1e-5));
}

#[test]
fn a_rater_alone_has_no_severity() {
    let mut ratings = LINKED.to_vec();
    ratings.extend([("K1", "U1", 50.0), ("K1", "U2", 60.0), ("K2", "U3", 70.0)]);
    let model = fit(&input_of(&ratings));
    let s = severities(&model);
    assert!(s[..4].iter().all(Option::is_some));
    assert_eq!(&s[4..], &[None, None]);
    assert_eq!(model.raters[4].component, None);
    assert_eq!(model.raters[4].severity_se, None);
    assert_eq!(model.unlinked_raters, 2);
    assert_eq!(model.components.len(), 1);
    assert_eq!(model.df, 3);
}

#[test]
fn no_degrees_of_freedom_means_no_standard_error() {
    // Two raters share one employee: the fit is exact.
    let model = fit(&input_of(&[
        ("A", "E1", 70.0),
        ("B", "E1", 80.0),
        ("B", "E2", 60.0),
    ]));
    assert_eq!(model.df, 0);
    assert!(
        model
            .raters
            .iter()
            .all(|r| r.severity.is_some() && r.severity_se.is_none())
    );
    // n-weighted: 1 * b_A + 2 * b_B = 0 and b_B - b_A = 10.
    assert!(close(
        model.raters[0].severity.unwrap_or_default(),
        -20.0 / 3.0,
        1e-12
    ));
}

/// A random linked design: `raters` raters each rating a few employees of
/// their own, and some employees rated a second time by another rater.
fn design() -> impl Strategy<Value = Vec<(String, String, f64)>> {
    (3usize..9, 2usize..6, 1u64..1_000)
        .prop_flat_map(|(raters, own, seed)| {
            let employees = raters * own;
            let seconds = proptest::collection::vec((0..employees, 1..raters), raters..2 * raters);
            let scores = proptest::collection::vec(0u32..1000, employees * 2);
            (Just((raters, own, seed)), seconds, scores)
        })
        .prop_map(|((raters, own, _), seconds, scores)| {
            let mut out = Vec::new();
            for (e, &x) in scores.iter().take(raters * own).enumerate() {
                out.push((
                    format!("R{}", e / own),
                    format!("E{e}"),
                    f64::from(x) / 10.0,
                ));
            }
            let mut seen = std::collections::HashSet::new();
            for (k, (e, step)) in seconds.into_iter().enumerate() {
                let rater = (e / own + step) % raters;
                if seen.insert((rater, e)) {
                    let x = f64::from(scores[raters * own + k % (raters * own)]) / 10.0;
                    out.push((format!("R{rater}"), format!("E{e}"), x));
                }
            }
            out
        })
}

fn as_refs(ratings: &[(String, String, f64)]) -> Vec<(&str, &str, f64)> {
    ratings
        .iter()
        .map(|(r, e, x)| (r.as_str(), e.as_str(), *x))
        .collect()
}

proptest! {
    /// Adding c to every score of rater k changes the data by a column of
    /// the design times c, so the unconstrained solution moves by c in
    /// beta(k) alone; the constraint sum n_R beta(R) = 0 then shifts every
    /// rater of the part by -n_k c / N_part. So: every difference
    /// beta(k) - beta(j) moves by exactly c, differences not involving k do
    /// not move, beta(k) itself moves by c (1 - n_k / N_part), and the
    /// residuals (RSS) and standard errors stay the same.
    #[test]
    fn shifting_one_raters_scores_moves_their_severity_relative_to_everyone(
        ratings in design(),
        pick in 0usize..100,
        c in -20.0f64..20.0,
    ) {
        let before = fit(&input_of(&as_refs(&ratings)));
        let raters: Vec<String> = {
            let mut ids: Vec<String> = ratings.iter().map(|r| r.0.clone()).collect();
            ids.dedup();
            let mut first = Vec::new();
            for id in ids { if !first.contains(&id) { first.push(id); } }
            first
        };
        let k = pick % raters.len();
        let shifted: Vec<(String, String, f64)> = ratings
            .iter()
            .map(|(r, e, x)| (r.clone(), e.clone(), if *r == raters[k] { x + c } else { *x }))
            .collect();
        let after = fit(&input_of(&as_refs(&shifted)));
        let Some(part) = before.raters[k].component else { return Ok(()); };
        let total = before.components[part].ratings as f64;
        let n_k = ratings.iter().filter(|r| r.0 == raters[k]).count() as f64;
        for j in 0..raters.len() {
            let (Some(b0), Some(b1)) = (before.raters[j].severity, after.raters[j].severity) else { continue };
            if before.raters[j].component != Some(part) { continue; }
            let expected = if j == k { c * (1.0 - n_k / total) } else { -c * n_k / total };
            prop_assert!(close(b1 - b0, expected, 1e-8), "rater {j}: {} vs {expected}", b1 - b0);
            let (k0, k1) = (before.raters[k].severity.unwrap_or_default(), after.raters[k].severity.unwrap_or_default());
            if j != k {
                prop_assert!(close((k1 - b1) - (k0 - b0), c, 1e-8));
            }
        }
        prop_assert!(close(before.rss, after.rss, 1e-7 * (1.0 + before.rss)));
        for (a, b) in before.raters.iter().zip(&after.raters) {
            match (a.severity_se, b.severity_se) {
                (Some(x), Some(y)) => prop_assert!(close(x, y, 1e-6 * (1.0 + x))),
                (x, y) => prop_assert_eq!(x, y),
            }
        }
    }

    /// Reordering the ratings (as reordering files or lines does) changes
    /// no figure beyond rounding.
    #[test]
    fn results_do_not_depend_on_the_order_of_ratings(ratings in design(), seed in 0u64..1_000) {
        let before = fit(&input_of(&as_refs(&ratings)));
        let mut shuffled = ratings.clone();
        // A deterministic shuffle.
        let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let after = fit(&input_of(&as_refs(&shuffled)));
        let by_id = |input: &[(String, String, f64)], model: &RaterModel| {
            let mut ids: Vec<String> = Vec::new();
            for r in input { if !ids.contains(&r.0) { ids.push(r.0.clone()); } }
            let mut out: Vec<(String, RaterEffect)> = ids.into_iter().zip(model.raters.iter().copied()).collect();
            out.sort_by(|a, b| a.0.cmp(&b.0));
            out
        };
        let (a, b) = (by_id(&ratings, &before), by_id(&shuffled, &after));
        for ((ia, ea), (ib, eb)) in a.iter().zip(&b) {
            prop_assert_eq!(ia, ib);
            match (ea.severity, eb.severity) {
                (Some(x), Some(y)) => prop_assert!(close(x, y, 1e-9)),
                (x, y) => prop_assert_eq!(x, y),
            }
            match (ea.severity_se, eb.severity_se) {
                (Some(x), Some(y)) => prop_assert!(close(x, y, 1e-9)),
                (x, y) => prop_assert_eq!(x, y),
            }
        }
        prop_assert_eq!(&before.components.iter().map(|c| (c.id.clone(), c.raters, c.employees, c.ratings)).collect::<Vec<_>>(),
            &after.components.iter().map(|c| (c.id.clone(), c.raters, c.employees, c.ratings)).collect::<Vec<_>>());
        prop_assert!(close(before.rss, after.rss, 1e-9 * (1.0 + before.rss)));
    }
}

/// A random linked design of `raters` raters with `own` employees each and
/// about one in eight employees rated again by a random other rater.
fn random_design(raters: usize, own: usize, seed: u64) -> Vec<(String, String, f64)> {
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as f64 / (1u64 << 31) as f64
    };
    let severity: Vec<f64> = (0..raters).map(|_| (next() - 0.5) * 10.0).collect();
    let mut out = Vec::new();
    for e in 0..raters * own {
        let level = 60.0 + next() * 30.0;
        let r = e / own;
        out.push((
            format!("R{r:04}"),
            format!("E{e:06}"),
            level + severity[r] + next() * 6.0,
        ));
        if next() < 0.125 {
            let other = (r + 1 + (next() * (raters - 1) as f64) as usize % (raters - 1)) % raters;
            out.push((
                format!("R{other:04}"),
                format!("E{e:06}"),
                level + severity[other] + next() * 6.0,
            ));
        }
    }
    out
}

#[test]
fn the_sketched_standard_errors_are_close_to_the_exact_ones() {
    let ratings = random_design(300, 20, 5);
    let input = input_of(&as_refs(&ratings));
    let exact = fit_with(
        &input,
        Settings {
            exact_limit: usize::MAX,
            probes: PROBES,
        },
    );
    let sketched = fit_with(
        &input,
        Settings {
            exact_limit: 0,
            probes: PROBES,
        },
    );
    assert_eq!(exact.components[0].se_method, SeMethod::Exact);
    let errors: Vec<f64> = exact
        .raters
        .iter()
        .zip(&sketched.raters)
        .filter_map(|(a, b)| {
            assert!(close(a.severity?, b.severity?, 1e-7));
            Some(b.severity_se? / a.severity_se? - 1.0)
        })
        .collect();
    assert!(errors.len() > 250, "{}", errors.len());
    let rms = (errors.iter().map(|e| e * e).sum::<f64>() / errors.len() as f64).sqrt();
    let mean = errors.iter().sum::<f64>() / errors.len() as f64;
    let worst = errors.iter().fold(0.0f64, |w, e| w.max(e.abs()));
    // With 64 probes the sketched remainder is within a few percent; the
    // benchmark measures the same on 2,000 raters (rms 2.3%).
    assert!(
        rms < 0.05 && mean.abs() < 0.01 && worst < 0.25,
        "rms {rms}, mean {mean}, worst {worst}"
    );
}

/// Moves employees into departments D0..: `departments[e]` for employee e,
/// with `groups[d]` the group of department d.
fn with_departments(mut input: Input, departments: &[usize], groups: &[usize]) -> Input {
    let template = input.departments[0].clone();
    input.departments = groups
        .iter()
        .enumerate()
        .map(|(d, &g)| Department {
            id: format!("D{d}"),
            group: g,
            ..template.clone()
        })
        .collect();
    let count = groups.iter().max().map_or(0, |g| g + 1);
    input.groups = (0..count)
        .map(|g| Group {
            id: format!("G{g}"),
            departments: Vec::new(),
            employees: Vec::new(),
        })
        .collect();
    for (e, &d) in departments.iter().enumerate() {
        input.employees[e].department = d;
    }
    input
}

#[test]
fn advice_joins_the_largest_unlinked_parts_first() {
    // Largest part: A, B (E1, E2, E3). Part C (E4, E5), part D (E6), part F (E7).
    let input = input_of(&[
        ("A", "E1", 1.0),
        ("B", "E1", 1.0),
        ("A", "E2", 1.0),
        ("B", "E3", 1.0),
        ("C", "E4", 1.0),
        ("C", "E5", 1.0),
        ("D", "E6", 1.0),
        ("F", "E7", 1.0),
    ]);
    // E1 in D0, E2 in D1, E3 in D2; D0, D1 in group 0, D2 in group 1.
    // C's people in D1 (same department as E2); D's in D3 (group 1, with E3);
    // F's in D4 (group 2, alone).
    let input = with_departments(input, &[0, 1, 2, 1, 1, 3, 4], &[0, 0, 1, 1, 2]);
    let advice = advice::advise(&input, 10);
    let named: Vec<(&str, &str, [&str; 2], advice::Why)> = advice
        .iter()
        .map(|s| {
            (
                input.raters[s.rater].id.as_str(),
                input.employees[s.employee].id.as_str(),
                [s.joins[0].as_str(), s.joins[1].as_str()],
                s.why,
            )
        })
        .collect();
    assert_eq!(
        named,
        vec![
            ("C", "E2", ["A", "C"], advice::Why::SameDepartment),
            ("D", "E3", ["A", "D"], advice::Why::SamePool),
            ("F", "E1", ["A", "F"], advice::Why::Any),
        ]
    );
    assert_eq!(advice::advise(&input, 1).len(), 1);
    assert!(advice::advise(&input, 0).is_empty());
}

/// Parts that would all pick the same person are spread over the next
/// ones: no employee is asked to take on every part, and when the largest
/// part has no one left to offer, the rest get no suggestion.
#[test]
fn advice_never_names_one_employee_twice() {
    // Largest part: A, B (E1, E2). Parts C, D, F, all in D4 (group 2).
    let input = input_of(&[
        ("A", "E1", 1.0),
        ("B", "E1", 1.0),
        ("A", "E2", 1.0),
        ("C", "E3", 1.0),
        ("D", "E4", 1.0),
        ("F", "E5", 1.0),
    ]);
    let input = with_departments(input, &[0, 1, 4, 4, 4], &[0, 0, 1, 1, 2]);
    let named: Vec<(&str, &str)> = advice::advise(&input, 10)
        .iter()
        .map(|s| {
            (
                input.raters[s.rater].id.as_str(),
                input.employees[s.employee].id.as_str(),
            )
        })
        .collect();
    // Before: C, D and F were each told to rate E1.
    assert_eq!(named, vec![("C", "E1"), ("D", "E2")]);
}

#[test]
fn advice_prefers_a_same_department_rater_and_skips_no_one_rated_twice() {
    // Largest part X, Y, Z over E1, E2, E5 (D0). Part P, Q (E3 in D1, E4 in D0).
    let input = input_of(&[
        ("X", "E1", 1.0),
        ("Y", "E1", 1.0),
        ("Z", "E1", 1.0),
        ("X", "E2", 1.0),
        ("Y", "E2", 1.0),
        ("X", "E5", 1.0),
        ("P", "E3", 1.0),
        ("Q", "E3", 1.0),
        ("Q", "E4", 1.0),
        ("Q", "E6", 1.0),
    ]);
    // Employees in order E1, E2, E5, E3, E4, E6. Q's home: D0 (E4, E6) against
    // D1 (E3); P's home: D1, which the largest part does not hold.
    let input = with_departments(input, &[0, 0, 0, 1, 0, 0], &[0, 1]);
    let advice = advice::advise(&input, 5);
    assert_eq!(advice.len(), 1);
    let s = &advice[0];
    assert_eq!(input.raters[s.rater].id, "Q");
    assert_eq!(input.employees[s.employee].id, "E1");
    assert_eq!(s.why, advice::Why::SameDepartment);
    // The rater never already rates the employee.
    assert!(
        input
            .rater_ratings
            .of(s.rater)
            .iter()
            .all(|&i| input.ratings[i].employee != s.employee)
    );
}

#[test]
fn advice_is_empty_when_everything_is_linked() {
    let input = input_of(&LINKED);
    assert!(advice::advise(&input, 3).is_empty());
}
