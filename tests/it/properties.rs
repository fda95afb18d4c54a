//! Properties of the calibration over random small inputs, built in memory as
//! [`InputFiles`] (policy.json, org.json and JSON or CSV submissions as text)
//! and random lists of committee decisions.

use std::collections::BTreeMap;

use calibra::engine::decision::{Change, Decision, SessionFile};
use calibra::engine::export::{to_csv, to_json};
use calibra::engine::load::{InputFiles, load};
use calibra::engine::model::Input;
use calibra::engine::session::Session;
use calibra::engine::source::SourceFile;
use calibra::engine::transform::Transform;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

// ------------------------------------------------------------ random inputs

/// One rater's submission: (employee, score in hundredths, weight choice).
#[derive(Debug, Clone)]
struct RaterSpec {
    ratings: Vec<(usize, u32, usize)>,
    as_csv: bool,
}

/// A grade's min_score: a number of points, or the score of one of the
/// ratings (so that someone sits exactly on it).
#[derive(Debug, Clone, Copy)]
enum MinScore {
    Points(u32),
    OfRating(usize),
}

/// A small valid input folder, as numbers.
#[derive(Debug, Clone)]
struct Spec {
    decimals: u32,
    /// Per employee grade, best first: an optional min_score.
    min_scores: Vec<Option<MinScore>>,
    /// Per department grade: shares in percent, summing to exactly 100.
    quota_rows: Vec<Vec<u32>>,
    quotas_as_strings: bool,
    /// Per department: (department grade, pool).
    departments: Vec<(usize, Option<usize>)>,
    /// Per employee: department.
    employees: Vec<usize>,
    raters: Vec<RaterSpec>,
}

/// Weights by choice; `None` leaves the weight out (default 1).
const WEIGHTS: [Option<&str>; 5] = [Some("1"), Some("2"), Some("0.5"), Some("1.5"), None];

fn percent_rows(grades: usize, rows: usize) -> impl Strategy<Value = Vec<Vec<u32>>> {
    vec(vec(0u32..=100, grades - 1), rows).prop_map(|rows| {
        rows.into_iter()
            .map(|mut cuts| {
                cuts.sort_unstable();
                cuts.push(100);
                let mut previous = 0;
                cuts.into_iter()
                    .map(|cut| {
                        let share = cut - previous;
                        previous = cut;
                        share
                    })
                    .collect()
            })
            .collect()
    })
}

fn score() -> impl Strategy<Value = u32> {
    // Coarse scores half of the time, so that ties are common.
    prop_oneof![0u32..=10_000, (0u32..=20).prop_map(|x| x * 500)]
}

fn min_score() -> impl Strategy<Value = MinScore> {
    prop_oneof![
        (0u32..=100).prop_map(MinScore::Points),
        any::<usize>().prop_map(MinScore::OfRating),
    ]
}

fn rater(employees: usize) -> impl Strategy<Value = RaterSpec> {
    (
        vec((0..employees, score(), 0..WEIGHTS.len()), 0..=employees),
        any::<bool>(),
    )
        .prop_map(|(mut ratings, as_csv)| {
            // A rater rates an employee at most once.
            let mut seen = Vec::new();
            ratings.retain(|r| {
                let fresh = !seen.contains(&r.0);
                seen.push(r.0);
                fresh
            });
            RaterSpec { ratings, as_csv }
        })
}

fn spec() -> impl Strategy<Value = Spec> {
    (1usize..6, 1usize..=3, 1usize..=4, 1usize..=14, 1usize..=3).prop_flat_map(
        |(grades, department_grades, departments, employees, raters)| {
            (
                0u32..=2,
                vec(option::weighted(0.25, min_score()), grades),
                percent_rows(grades, department_grades),
                any::<bool>(),
                vec(
                    (0..department_grades, option::weighted(0.5, 0usize..2)),
                    departments,
                ),
                vec(0..departments, employees),
                vec(rater(employees), raters),
            )
                .prop_map(
                    |(
                        decimals,
                        min_scores,
                        quota_rows,
                        quotas_as_strings,
                        departments,
                        employees,
                        raters,
                    )| Spec {
                        decimals,
                        min_scores,
                        quota_rows,
                        quotas_as_strings,
                        departments,
                        employees,
                        raters,
                    },
                )
        },
    )
}

fn hundredths(x: u32) -> String {
    format!("{}.{:02}", x / 100, x % 100)
}

fn employee_id(e: usize) -> String {
    format!("E{e:02}")
}

impl Spec {
    fn min_score_text(&self, min: MinScore) -> String {
        let scores: Vec<u32> = self
            .raters
            .iter()
            .flat_map(|r| r.ratings.iter().map(|&(_, score, _)| score))
            .collect();
        match min {
            MinScore::OfRating(i) if !scores.is_empty() => hundredths(scores[i % scores.len()]),
            MinScore::OfRating(_) => "90".to_string(),
            MinScore::Points(points) => points.to_string(),
        }
    }

    fn policy_json(&self) -> String {
        let grades: Vec<String> = self
            .min_scores
            .iter()
            .enumerate()
            .map(|(g, min)| match min.map(|m| self.min_score_text(m)) {
                Some(min) => format!(r#"{{ "id": "G{g}", "min_score": "{min}" }}"#),
                None => format!(r#"{{ "id": "G{g}", "label": "grade {g}" }}"#),
            })
            .collect();
        let department_grades: Vec<String> = (0..self.quota_rows.len())
            .map(|k| format!("\"K{k}\""))
            .collect();
        let rows: Vec<String> = self
            .quota_rows
            .iter()
            .enumerate()
            .map(|(k, row)| {
                let shares: Vec<String> = row
                    .iter()
                    .enumerate()
                    .map(|(g, &p)| {
                        let share = if p == 100 {
                            "1".to_string()
                        } else {
                            format!("0.{p:02}")
                        };
                        if self.quotas_as_strings {
                            format!("\"G{g}\": \"{share}\"")
                        } else {
                            format!("\"G{g}\": {share}")
                        }
                    })
                    .collect();
                format!("\"K{k}\": {{ {} }}", shares.join(", "))
            })
            .collect();
        format!(
            "{{\n\"cycle\": \"prop\",\n\"score\": {{ \"min\": 0, \"max\": 100, \"decimals\": {} }},\n\"grades\": [{}],\n\"department_grades\": [{}],\n\"quotas\": {{ {} }}\n}}\n",
            self.decimals,
            grades.join(", "),
            department_grades.join(", "),
            rows.join(",\n")
        )
    }

    fn org_json(&self) -> String {
        let departments: Vec<String> = self
            .departments
            .iter()
            .enumerate()
            .map(|(d, (grade, pool))| match pool {
                Some(p) => format!(r#"{{ "id": "D{d}", "grade": "K{grade}", "pool": "P{p}" }}"#),
                None => format!(r#"{{ "id": "D{d}", "name": "dept {d}", "grade": "K{grade}" }}"#),
            })
            .collect();
        let employees: Vec<String> = self
            .employees
            .iter()
            .enumerate()
            .map(|(e, d)| {
                format!(
                    r#"{{ "id": "{}", "name": "person {e}", "department": "D{d}" }}"#,
                    employee_id(e)
                )
            })
            .collect();
        format!(
            "{{\n\"departments\": [\n{}\n],\n\"employees\": [\n{}\n]\n}}\n",
            departments.join(",\n"),
            employees.join(",\n")
        )
    }

    fn submission(&self, r: usize) -> SourceFile {
        let rater = &self.raters[r];
        if rater.as_csv {
            let mut text = String::from("rater_id,rater_name,employee_id,score,weight\n");
            for &(e, score, w) in &rater.ratings {
                text.push_str(&format!(
                    "R{r},Rater {r},{},{},{}\n",
                    employee_id(e),
                    hundredths(score),
                    WEIGHTS[w].unwrap_or("")
                ));
            }
            SourceFile::new(format!("submissions/r{r}.csv"), text)
        } else {
            let ratings: Vec<String> = rater
                .ratings
                .iter()
                .map(|&(e, score, w)| {
                    let weight = WEIGHTS[w]
                        .map(|w| format!(", \"weight\": {w}"))
                        .unwrap_or_default();
                    format!(
                        r#"{{ "employee": "{}", "score": "{}"{weight} }}"#,
                        employee_id(e),
                        hundredths(score)
                    )
                })
                .collect();
            let text = format!(
                "{{ \"rater\": {{ \"id\": \"R{r}\", \"name\": \"Rater {r}\" }},\n\"ratings\": [\n{}\n] }}\n",
                ratings.join(",\n")
            );
            SourceFile::new(format!("submissions/r{r}.json"), text)
        }
    }

    fn files(&self) -> InputFiles {
        InputFiles {
            policy: Some(SourceFile::new("policy.json", self.policy_json())),
            org: Some(SourceFile::new("org.json", self.org_json())),
            submissions: (0..self.raters.len()).map(|r| self.submission(r)).collect(),
            ..InputFiles::default()
        }
    }

    fn input(&self) -> Result<Input, TestCaseError> {
        load(self.files())
            .map(|loaded| loaded.input)
            .map_err(|errors| {
                TestCaseError::fail(format!("a generated input is invalid:\n{errors}"))
            })
    }

    /// Rated headcount per group id, counted from the spec alone.
    fn rated_per_group(&self) -> BTreeMap<String, usize> {
        let mut groups: BTreeMap<String, usize> = BTreeMap::new();
        for (d, (_, pool)) in self.departments.iter().enumerate() {
            let id = pool.map_or(format!("D{d}"), |p| format!("P{p}"));
            groups.entry(id).or_insert(0);
        }
        for (e, &d) in self.employees.iter().enumerate() {
            let rated = self
                .raters
                .iter()
                .any(|r| r.ratings.iter().any(|&(x, _, _)| x == e));
            if rated {
                let id = self.departments[d]
                    .1
                    .map_or(format!("D{d}"), |p| format!("P{p}"));
                *groups.entry(id).or_insert(0) += 1;
            }
        }
        groups
    }

    fn has_min_score(&self) -> bool {
        self.min_scores.iter().any(Option::is_some)
    }
}

// --------------------------------------------------------- random decisions

/// A decision by numbers, resolved against the loaded input so that it is
/// always valid (an override only for a rated employee).
#[derive(Debug, Clone)]
enum DecisionSeed {
    Scale {
        rater: usize,
        method: u8,
        a: i32,
        b: u32,
    },
    DepartmentGrade {
        department: usize,
        grade: usize,
    },
    Override {
        employee: usize,
        grade: usize,
    },
    Clear {
        employee: usize,
    },
}

fn decision_seed() -> impl Strategy<Value = DecisionSeed> {
    prop_oneof![
        (any::<usize>(), 0u8..7, -200i32..=200, 1u32..=30).prop_map(|(rater, method, a, b)| {
            DecisionSeed::Scale {
                rater,
                method,
                a,
                b,
            }
        }),
        (any::<usize>(), any::<usize>())
            .prop_map(|(department, grade)| DecisionSeed::DepartmentGrade { department, grade }),
        (any::<usize>(), any::<usize>())
            .prop_map(|(employee, grade)| DecisionSeed::Override { employee, grade }),
        any::<usize>().prop_map(|employee| DecisionSeed::Clear { employee }),
    ]
}

fn decisions() -> impl Strategy<Value = Vec<DecisionSeed>> {
    vec(decision_seed(), 0..10)
}

fn resolve(input: &Input, seeds: &[DecisionSeed]) -> Vec<Decision> {
    let rated: Vec<usize> = (0..input.employees.len())
        .filter(|&e| input.is_rated(e))
        .collect();
    let policy = &input.policy;
    seeds
        .iter()
        .filter_map(|seed| {
            let change = match *seed {
                DecisionSeed::Scale {
                    rater,
                    method,
                    a,
                    b,
                } => {
                    if input.raters.is_empty() {
                        return None;
                    }
                    let tenth = |x: i64| Decimal::new(x, 1);
                    let transform = match method {
                        0 => Transform::None,
                        1 => Transform::Offset {
                            delta: tenth(a.into()),
                        },
                        2 => Transform::Linear {
                            stretch: tenth(b.into()),
                            shift: tenth(a.into()),
                        },
                        3 => Transform::ZScore {
                            mean: None,
                            sd: None,
                        },
                        4 => Transform::ZScore {
                            mean: Some(Decimal::from(50 + a.rem_euclid(40))),
                            sd: Some(tenth(b.into())),
                        },
                        _ => Transform::Quantile,
                    };
                    Change::RaterScale {
                        rater: input.raters[rater % input.raters.len()].id.to_string(),
                        transform,
                    }
                }
                DecisionSeed::DepartmentGrade { department, grade } => Change::DepartmentGrade {
                    department: input.departments[department % input.departments.len()]
                        .id
                        .clone(),
                    grade: policy.department_grades[grade % policy.department_grades.len()].clone(),
                },
                DecisionSeed::Override { employee, grade } => {
                    if rated.is_empty() {
                        return None;
                    }
                    Change::Override {
                        employee: input.employees[rated[employee % rated.len()]]
                            .id
                            .to_string(),
                        grade: policy.grades[grade % policy.grades.len()].id.clone(),
                    }
                }
                DecisionSeed::Clear { employee } => Change::ClearOverride {
                    employee: input.employees[employee % input.employees.len()]
                        .id
                        .to_string(),
                },
            };
            let reason = matches!(change, Change::Override { .. }).then(|| "committee".to_string());
            Some(Decision {
                reason,
                ..Decision::new(change)
            })
        })
        .collect()
}

fn session_file(decisions: &[Decision]) -> SessionFile {
    SessionFile {
        decisions: decisions.to_vec(),
        ..SessionFile::default()
    }
}

fn replay(input: &Input, decisions: &[Decision]) -> Result<Session, TestCaseError> {
    Session::replay(input.clone(), &session_file(decisions))
        .map_err(|errors| TestCaseError::fail(format!("valid decisions were refused:\n{errors}")))
}

fn without_overrides(decisions: &[Decision]) -> Vec<Decision> {
    decisions
        .iter()
        .filter(|d| {
            !matches!(
                d.change,
                Change::Override { .. } | Change::ClearOverride { .. }
            )
        })
        .cloned()
        .collect()
}

// ----------------------------------------------- the contract, done by hand

/// Hamilton seats (contract 4.4): floors, then one seat each to the largest
/// fractional parts; ties to the larger quota, then the better grade.
fn hamilton_by_hand(quotas: &[Decimal], headcount: u64) -> Vec<u64> {
    let mut seats: Vec<u64> = quotas
        .iter()
        .map(|q| q.floor().to_u64().expect("a whole, non-negative floor"))
        .collect();
    // The quotas add up to the headcount, so fewer seats are left than grades.
    let left = headcount - seats.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..quotas.len()).collect();
    order.sort_by(|&a, &b| {
        let fraction = |g: usize| quotas[g] - quotas[g].floor();
        fraction(b)
            .cmp(&fraction(a))
            .then(quotas[b].cmp(&quotas[a]))
            .then(a.cmp(&b))
    });
    for &g in order.iter().take(left as usize) {
        seats[g] += 1;
    }
    seats
}

/// Grade assignment (contract 4.6) over final scores in rank order: each
/// grade takes up to its seats plus the seats carried over, only people at or
/// above its min_score; the worst grade takes everyone left.
fn fill_by_hand(seats: &[u64], min_scores: &[Option<Decimal>], finals: &[Decimal]) -> Vec<u64> {
    let mut capacity = seats.to_vec();
    let mut filled = vec![0u64; seats.len()];
    let mut next = 0;
    for g in 0..seats.len() {
        if g + 1 == seats.len() {
            filled[g] = (finals.len() - next) as u64;
            break;
        }
        while filled[g] < capacity[g]
            && next < finals.len()
            && min_scores[g].is_none_or(|min| finals[next] >= min)
        {
            filled[g] += 1;
            next += 1;
        }
        capacity[g + 1] += capacity[g] - filled[g];
    }
    filled
}

// --------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Hamilton hands out exactly the rated headcount, the quotas add up to
    /// it exactly, and the auto-graded and final counts add up to it too.
    #[test]
    fn seats_sum_to_the_rated_headcount(spec in spec(), seeds in decisions()) {
        let input = spec.input()?;
        let decisions = resolve(&input, &seeds);
        let session = replay(&input, &decisions)?;
        let expected = spec.rated_per_group();
        let mut seen = BTreeMap::new();
        for (group, result) in session.input.groups.iter().zip(&session.results().groups) {
            let headcount = result.headcount;
            prop_assert_eq!(result.seats.iter().sum::<u64>(), headcount as u64, "seats of {}", &group.id);
            prop_assert_eq!(result.filled.iter().sum::<u64>(), headcount as u64, "filled of {}", &group.id);
            prop_assert_eq!(result.counts.iter().sum::<u64>(), headcount as u64, "counts of {}", &group.id);
            prop_assert_eq!(result.quotas.iter().sum::<Decimal>(), Decimal::from(headcount), "quotas of {}", &group.id);
            prop_assert_eq!(result.ranking.len(), headcount);
            seen.insert(group.id.clone(), headcount);
        }
        prop_assert_eq!(seen, expected);

        // q_g and k_g recomputed from the spec's percentages.
        let state = session.state();
        for (group, result) in session.input.groups.iter().zip(&session.results().groups) {
            let mut quotas = vec![Decimal::ZERO; spec.min_scores.len()];
            for &d in &group.departments {
                let rated = (0..spec.employees.len())
                    .filter(|&e| spec.employees[e] == d && session.input.is_rated(e))
                    .count();
                let row = &spec.quota_rows[state.department_grades[d]];
                for (q, &p) in quotas.iter_mut().zip(row) {
                    *q += Decimal::from(rated) * Decimal::new(i64::from(p), 2);
                }
            }
            prop_assert_eq!(&result.quotas, &quotas, "q_g of {}", &group.id);
            prop_assert_eq!(
                &result.seats,
                &hamilton_by_hand(&quotas, result.headcount as u64),
                "seats of {} from {:?}", &group.id, &quotas
            );
        }
    }

    /// Ranks follow (final desc, raw desc, id asc); a strictly higher final
    /// score never gets a worse auto grade, nor (without overrides) a worse grade.
    #[test]
    fn higher_scores_never_get_worse_grades(spec in spec(), seeds in decisions()) {
        let input = spec.input()?;
        let all = resolve(&input, &seeds);
        for (decisions, check_final) in [(without_overrides(&all), true), (all.clone(), false)] {
            let session = replay(&input, &decisions)?;
            let results = session.results();
            for (group, result) in session.input.groups.iter().zip(&results.groups) {
                let key = |e: usize| {
                    (
                        std::cmp::Reverse(results.employees[e].final_score),
                        std::cmp::Reverse(session.baseline.raw_scores[e]),
                        session.input.employees[e].id.as_bytes(),
                    )
                };
                for pair in result.ranking.windows(2) {
                    prop_assert!(key(pair[0]) < key(pair[1]), "rank order in {}", &group.id);
                }
                for (i, &e) in result.ranking.iter().enumerate() {
                    prop_assert_eq!(results.employees[e].rank, Some(i as u32 + 1));
                }
                for &a in &result.ranking {
                    for &b in &result.ranking {
                        let (ra, rb) = (&results.employees[a], &results.employees[b]);
                        if ra.final_score > rb.final_score {
                            prop_assert!(ra.auto_grade <= rb.auto_grade, "auto grades in {}", &group.id);
                            if check_final {
                                prop_assert!(ra.grade <= rb.grade, "grades in {}", &group.id);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Without min_score every grade fills exactly its seats; with it, seats
    /// a grade cannot fill carry to the next, and nobody holds an auto grade
    /// (other than the worst) below its min_score.
    #[test]
    fn grades_fill_their_seats(spec in spec(), seeds in decisions()) {
        let input = spec.input()?;
        let decisions = resolve(&input, &seeds);
        let session = replay(&input, &decisions)?;
        let results = session.results();
        if !spec.has_min_score() {
            for (group, result) in session.input.groups.iter().zip(&results.groups) {
                prop_assert_eq!(&result.filled, &result.seats, "group {}", &group.id);
            }
        }
        let grades = &session.input.policy.grades;
        let min_scores: Vec<Option<Decimal>> = grades.iter().map(|g| g.min_score).collect();
        for (group, result) in session.input.groups.iter().zip(&results.groups) {
            let finals: Vec<Decimal> = result
                .ranking
                .iter()
                .map(|&e| results.employees[e].final_score.unwrap_or(Decimal::MIN))
                .collect();
            let filled = fill_by_hand(&result.seats, &min_scores, &finals);
            prop_assert_eq!(&result.filled, &filled, "group {}", &group.id);
            // The auto grades run down the ranking in those numbers.
            let by_rank: Vec<u8> = result
                .ranking
                .iter()
                .map(|&e| results.employees[e].auto_grade.unwrap_or(u8::MAX))
                .collect();
            let expected: Vec<u8> = filled
                .iter()
                .enumerate()
                .flat_map(|(g, &n)| std::iter::repeat_n(g as u8, n as usize))
                .collect();
            prop_assert_eq!(by_rank, expected, "auto grades of {}", &group.id);
        }
        for employee in &results.employees {
            if let (Some(g), Some(score)) = (employee.auto_grade, employee.final_score) {
                let g = usize::from(g);
                if g + 1 < grades.len() && let Some(min) = grades[g].min_score {
                    prop_assert!(score >= min, "{} below min_score {}", score, min);
                }
            }
        }
    }

    /// Flags (contract 4.7): `unrated` exactly for employees without a
    /// rating, `override` exactly for overridden ones, `boundary_tie` exactly
    /// when someone in the group has the same final score and another auto
    /// grade. An override moves nothing but its own grade.
    #[test]
    fn flags_and_overrides_follow_the_contract(spec in spec(), seeds in decisions()) {
        let input = spec.input()?;
        let decisions = resolve(&input, &seeds);
        let session = replay(&input, &decisions)?;
        let plain = replay(&input, &without_overrides(&decisions))?;
        let (results, state) = (session.results(), session.state());
        for (e, employee) in results.employees.iter().enumerate() {
            let id = &session.input.employees[e].id;
            let rated = spec.raters.iter().any(|r| r.ratings.iter().any(|&(x, _, _)| x == e));
            let names: Vec<&str> = employee.flags.names().collect();
            if !rated {
                prop_assert_eq!(names, vec!["unrated"], "{}", id);
                prop_assert_eq!((employee.final_score, employee.rank, employee.grade), (None, None, None));
                continue;
            }
            let group = session.input.group_of(e);
            let tie = session.input.groups[group].employees.iter().any(|&o| {
                results.employees[o].final_score == employee.final_score
                    && results.employees[o].auto_grade != employee.auto_grade
            });
            let overridden = state.overrides.get(e);
            let mut expected = Vec::new();
            if tie {
                expected.push("boundary_tie");
            }
            if overridden.is_some() {
                expected.push("override");
            }
            prop_assert_eq!(names, expected, "{}", id);
            let before = &plain.results().employees[e];
            prop_assert_eq!(
                (employee.final_score, employee.rank, employee.auto_grade),
                (before.final_score, before.rank, before.auto_grade),
                "{} moved", id
            );
            let grade = overridden.map_or(employee.auto_grade, |o| Some(o.grade as u8));
            prop_assert_eq!(employee.grade, grade, "{}", id);
        }
        // Final counts tally the grades; each grade whose count differs from
        // its auto-graded count is one quota-violation warning.
        let mut violations = 0;
        for (group, result) in session.input.groups.iter().zip(&results.groups) {
            let mut counts = vec![0u64; result.counts.len()];
            for &e in &group.employees {
                if let Some(g) = results.employees[e].grade {
                    counts[usize::from(g)] += 1;
                }
            }
            prop_assert_eq!(&result.counts, &counts, "counts of {}", &group.id);
            violations += counts.iter().zip(&result.filled).filter(|(c, f)| c != f).count();
        }
        let warned = session
            .warnings()
            .iter()
            .filter(|w| w.message.starts_with("quota violation"))
            .count();
        prop_assert_eq!(warned, violations);
    }

    /// Undo after decide gives back the export from before, byte for byte,
    /// all the way back to no decisions.
    #[test]
    fn undo_restores_the_previous_export(spec in spec(), seeds in decisions()) {
        let input = spec.input()?;
        let decisions = resolve(&input, &seeds);
        let mut session = Session::new(input.clone());
        let fresh = (to_csv(&session), to_json(&session));
        let mut before = Vec::new();
        for decision in &decisions {
            before.push((to_csv(&session), to_json(&session)));
            session
                .decide(decision.clone())
                .map_err(|e| TestCaseError::fail(format!("decide refused a valid decision: {e}")))?;
        }
        while let Some((csv, json)) = before.pop() {
            let undone = session.undo().map(|outcome| outcome.decisions);
            prop_assert_eq!(undone, decisions.get(before.len()).map(|d| vec![d.clone()]));
            prop_assert!(to_csv(&session) == csv, "CSV after undo differs");
            prop_assert!(to_json(&session) == json, "JSON after undo differs");
        }
        prop_assert!(session.undo().is_none());
        prop_assert!((to_csv(&session), to_json(&session)) == fresh);
    }

    /// Looking at the session before its last act leaves it as it was:
    /// the same export, the same record, what undo takes back unchanged;
    /// and what was seen is the export of one decision fewer.
    #[test]
    fn looking_before_the_last_act_changes_nothing(spec in spec(), seeds in decisions()) {
        let input = spec.input()?;
        let decisions = resolve(&input, &seeds);
        let mut session = Session::new(input.clone());
        for decision in &decisions {
            let previous = to_csv(&session);
            session
                .decide(decision.clone())
                .map_err(|e| TestCaseError::fail(format!("decide refused a valid decision: {e}")))?;
            let (csv, json) = (to_csv(&session), to_json(&session));
            let record = session.decisions().to_vec();
            let seen = session.before_last_act(to_csv);
            prop_assert!(seen == Some(previous), "not the export before the act");
            prop_assert!(to_csv(&session) == csv, "CSV changed");
            prop_assert!(to_json(&session) == json, "JSON changed");
            prop_assert_eq!(session.decisions(), record.as_slice());
            prop_assert!(!session.can_redo(), "nothing left to redo");
        }
    }

    /// The same decisions on the same input give the same export, also when
    /// the decisions go through the session file and the input is read again.
    #[test]
    fn replaying_the_same_decisions_gives_the_same_export(spec in spec(), seeds in decisions()) {
        let input = spec.input()?;
        let decisions = resolve(&input, &seeds);
        let first = replay(&input, &decisions)?;
        let second = replay(&spec.input()?, &decisions)?;
        prop_assert!(to_csv(&first) == to_csv(&second));
        prop_assert!(to_json(&first) == to_json(&second));

        let saved = SessionFile::to_json(&decisions);
        let parsed = SessionFile::parse(&SourceFile::new("session.json", saved))
            .map_err(|errors| TestCaseError::fail(format!("a saved session does not parse:\n{errors}")))?;
        prop_assert_eq!(&parsed.decisions, &decisions);
        let third = Session::replay(input, &parsed)
            .map_err(|errors| TestCaseError::fail(format!("a saved session does not replay:\n{errors}")))?;
        prop_assert!(to_csv(&first) == to_csv(&third));
        prop_assert!(to_json(&first) == to_json(&third));
    }

    /// A batch (all decisions made as one act, computed at once) gives the
    /// same numbers as the same decisions one at a time, and one undo takes
    /// it all back, also after the session is saved and read again.
    #[test]
    fn a_batch_equals_its_decisions_one_at_a_time(spec in spec(), seeds in decisions()) {
        let input = spec.input()?;
        let decisions = resolve(&input, &seeds);
        let fresh = Session::new(input.clone());
        let mut batch = Session::new(input.clone()).track_figures();
        if batch.decide_all(decisions.clone()).is_err() {
            return Err(TestCaseError::fail("decide_all refused valid decisions"));
        }
        let one_by_one = replay(&input, &decisions)?;
        prop_assert!(batch.results() == one_by_one.results());
        prop_assert!(to_csv(&batch) == to_csv(&one_by_one));
        let saved = SessionFile::to_json(batch.decisions());
        let parsed = SessionFile::parse(&SourceFile::new("session.json", saved))
            .map_err(|errors| TestCaseError::fail(format!("does not parse:\n{errors}")))?;
        let mut reopened = Session::replay(input, &parsed)
            .map_err(|errors| TestCaseError::fail(format!("does not replay:\n{errors}")))?
            .track_figures();
        if !decisions.is_empty() {
            prop_assert!(reopened.undo().is_some());
        }
        prop_assert!(reopened.results() == fresh.results(), "one undo takes the batch back");
        prop_assert!(to_csv(&reopened) == to_csv(&fresh));
    }

    /// Revoking any decision still in force gives the numbers of the record
    /// without it (the decisions after it being about other targets).
    #[test]
    fn revoking_equals_never_deciding(spec in spec(), seeds in decisions(), pick in 0usize..64) {
        let input = spec.input()?;
        let decisions = resolve(&input, &seeds);
        if decisions.is_empty() {
            return Ok(());
        }
        let i = pick % decisions.len();
        let mut session = replay(&input, &decisions)?;
        let template = Decision::new(decisions[i].change.clone());
        match session.revoke(i, "revoked in a test", &template) {
            Ok(_) => {
                // The record without decision i, and without any earlier
                // decision about its target being replaced by it.
                let without: Vec<Decision> = decisions
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(_, d)| d.clone())
                    .collect();
                let expected = replay(&input, &without)?;
                prop_assert!(session.results() == expected.results(), "revoking decision {}", i + 1);
                prop_assert_eq!(session.decisions().len(), decisions.len() + 1);
            }
            Err(why) => {
                // Only refused when a later decision replaced it, or it
                // changed nothing still in force.
                let replaced = decisions[i + 1..]
                    .iter()
                    .any(|d| d.change.same_target(&decisions[i].change));
                prop_assert!(
                    replaced || why.contains("nothing to revoke"),
                    "refused without reason: {}", why
                );
            }
        }
    }

    /// Deciding one decision at a time (recomputing only what it touches)
    /// gives the same numbers as replaying the whole list from scratch.
    #[test]
    fn incremental_decisions_match_a_fresh_replay(spec in spec(), seeds in decisions()) {
        let input = spec.input()?;
        let decisions = resolve(&input, &seeds);
        let mut live = Session::new(input.clone());
        for (i, decision) in decisions.iter().enumerate() {
            live.decide(decision.clone())
                .map_err(|e| TestCaseError::fail(format!("decide refused a valid decision: {e}")))?;
            let fresh = replay(&input, &decisions[..=i])?;
            prop_assert!(live.results() == fresh.results(), "results after decision {}", i + 1);
            prop_assert!(to_csv(&live) == to_csv(&fresh), "CSV after decision {}", i + 1);
            prop_assert!(to_json(&live) == to_json(&fresh), "JSON after decision {}", i + 1);
        }
    }
}
