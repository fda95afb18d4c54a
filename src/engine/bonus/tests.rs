use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::engine::load::{self, InputFiles};
use crate::engine::source::SourceFile;

fn ids(list: &[&'static str]) -> impl Fn(usize) -> &'static str {
    let list = list.to_vec();
    move |i| list[i]
}

#[test]
fn units_are_printed_with_exactly_their_places() {
    assert_eq!(format_units(12345, 2), "123.45");
    assert_eq!(format_units(5, 2), "0.05");
    assert_eq!(format_units(0, 2), "0.00");
    assert_eq!(format_units(0, 0), "0");
    assert_eq!(format_units(1_200_000, 0), "1200000");
    assert_eq!(format_units(7, 4), "0.0007");
}

#[test]
fn leftover_units_go_to_the_largest_remainders_then_the_larger_share_then_the_id() {
    // S = 3, units 10: floors 3, 3, 3, remainders 1, 1, 1; one unit left,
    // equal shares: the id first in byte order ("a") takes it.
    let (bonus, allocated) =
        split(10, &[Some(1), Some(1), Some(1)], ids(&["b", "a", "c"])).expect("small figures");
    assert_eq!(bonus, vec![Some(3), Some(4), Some(3)]);
    assert_eq!(allocated, 10);
    // S = 6, units 2: products 2, 2, 8, floors 0, 0, 1, remainders 2, 2, 2;
    // one unit left: the larger share (4) takes it, before the ids.
    let (bonus, _) =
        split(2, &[Some(1), Some(1), Some(4)], ids(&["a", "b", "c"])).expect("small figures");
    assert_eq!(bonus, vec![Some(0), Some(0), Some(2)]);
    // S = 5, units 7: products 7, 14, 14 and 0; floors 1, 2, 2, 0;
    // remainders 2, 4, 4, 0: the two units left go to the two 4s.
    let (bonus, _) = split(
        7,
        &[Some(1), Some(2), None, Some(2), Some(0)],
        ids(&["a", "b", "x", "c", "d"]),
    )
    .expect("small figures");
    assert_eq!(bonus, vec![Some(1), Some(3), None, Some(3), Some(0)]);
}

#[test]
fn with_every_share_zero_nothing_is_allocated() {
    let (bonus, allocated) =
        split(1000, &[Some(0), None, Some(0)], ids(&["a", "b", "c"])).expect("zeros");
    assert_eq!(bonus, vec![Some(0), None, Some(0)]);
    assert_eq!(allocated, 0);
}

#[test]
fn a_product_past_128_bits_is_an_error_not_a_lost_unit() {
    let huge = u128::MAX / 3;
    assert_eq!(
        split(4, &[Some(huge), Some(1)], ids(&["a", "b"])),
        Err(TooLarge)
    );
    assert_eq!(
        split(1, &[Some(u128::MAX), Some(1)], ids(&["a", "b"])),
        Err(TooLarge)
    );
}

/// An input folder: the policy's `bonus` block (JSON text, or none), and
/// employees as (id, department, bonus_base JSON or "", score or None).
fn folder(bonus: Option<&str>, employees: &[(String, &str, String, Option<u32>)]) -> InputFiles {
    let bonus = bonus.map_or(String::new(), |b| format!(",\n  \"bonus\": {b}"));
    let policy = format!(
        r#"{{
  "cycle": "t",
  "score": {{ "min": 0, "max": 100, "decimals": 0 }},
  "grades": [ {{ "id": "S" }}, {{ "id": "A" }}, {{ "id": "B" }} ],
  "department_grades": ["X", "Y"],
  "quotas": {{
    "X": {{ "S": 0.25, "A": 0.25, "B": 0.5 }},
    "Y": {{ "S": 0, "A": 0.5, "B": 0.5 }}
  }}{bonus}
}}"#
    );
    let rows: Vec<String> = employees
        .iter()
        .map(|(id, department, base, _)| {
            let base = if base.is_empty() {
                String::new()
            } else {
                format!(", \"bonus_base\": {base}")
            };
            format!(
                "{{ \"id\": \"{id}\", \"name\": \"{id}\", \"department\": \"{department}\"{base} }}"
            )
        })
        .collect();
    let org = format!(
        "{{\n\"departments\": [ {{ \"id\": \"DX\", \"grade\": \"X\" }}, {{ \"id\": \"DY\", \"grade\": \"Y\" }} ],\n\"employees\": [\n{}\n]\n}}",
        rows.join(",\n")
    );
    let ratings: Vec<String> = employees
        .iter()
        .filter_map(|(id, _, _, score)| {
            score.map(|s| format!("{{ \"employee\": \"{id}\", \"score\": {s} }}"))
        })
        .collect();
    let submission = format!(
        "{{ \"rater\": {{ \"id\": \"M\", \"name\": \"M\" }}, \"ratings\": [\n{}\n] }}",
        ratings.join(",\n")
    );
    InputFiles {
        policy: Some(SourceFile::new("policy.json", policy)),
        org: Some(SourceFile::new("org.json", org)),
        submissions: vec![SourceFile::new("m.json", submission)],
        ..InputFiles::default()
    }
}

fn session_of(files: InputFiles) -> Session {
    Session::new(load::load(files).expect("valid input").input)
}

/// Each employee's bonus by id.
fn by_id(session: &Session) -> Vec<(String, Option<String>)> {
    let allocation = allocate(session).expect("a bonus").expect("fits");
    let mut out: Vec<(String, Option<String>)> = session
        .input
        .employees
        .iter()
        .enumerate()
        .map(|(e, employee)| (employee.id.to_string(), allocation.bonus(e)))
        .collect();
    out.sort();
    out
}

#[test]
fn the_small_bonus_fixture_matches_its_hand_worked_example() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/small-bonus");
    let session = session_of(load::read_folder(&dir));
    let allocation = allocate(&session).expect("a bonus").expect("fits");
    assert_eq!((allocation.pool, allocation.allocated), (10_000, 10_000));
    let expected = [
        ("E01", Some("8.47")),
        ("E02", Some("12.71")),
        ("E03", Some("14.12")),
        ("E04", Some("16.94")),
        ("E05", Some("10.59")),
        ("E06", Some("9.41")),
        ("E07", Some("2.35")),
        ("E08", None),
        ("E09", Some("5.65")),
        ("E10", Some("0.00")),
        ("E11", Some("4.70")),
        ("E12", Some("15.06")),
    ];
    let got = by_id(&session);
    let got: Vec<(&str, Option<&str>)> = got
        .iter()
        .map(|(id, b)| (id.as_str(), b.as_deref()))
        .collect();
    assert_eq!(got, expected);
    assert!(
        session
            .warnings()
            .iter()
            .all(|w| !w.message.contains("bonus")),
        "no bonus warning"
    );
}

#[test]
fn a_zero_pool_share_warns_without_failing_strict() {
    let bonus = r#"{ "pool": "50", "grade_multipliers": { "S": 0, "A": 0, "B": 0 } }"#;
    let employees = [
        ("E1".to_string(), "DX", String::new(), Some(90)),
        ("E2".to_string(), "DY", String::new(), Some(50)),
        ("E3".to_string(), "DY", String::new(), None),
    ];
    let session = session_of(folder(Some(bonus), &employees));
    let allocation = allocate(&session).expect("a bonus").expect("fits");
    assert_eq!(allocation.allocated, 0);
    assert_eq!(allocation.bonus(0).as_deref(), Some("0.00"));
    assert_eq!(allocation.bonus(2), None);
    let warnings = session.warnings();
    let warned: Vec<_> = warnings
        .iter()
        .filter(|w| w.message.contains("was not allocated"))
        .collect();
    assert_eq!(warned.len(), 1, "{warnings:?}");
    assert_eq!(warned[0].location.as_ref().and_then(|l| l.line), Some(10));
    // Only E3's unrated warning fails --strict.
    assert_eq!(session.strict_failures(), 1);
    let figures = session.clone().track_figures();
    assert_eq!(
        figures.figures().map(|f| f.warning_count()),
        Some(warnings.len())
    );
}

#[test]
fn figures_too_large_to_split_exactly_are_refused_at_load() {
    let bonus = r#"{ "pool": "9999999999999999999999", "decimals": 4, "grade_multipliers": { "S": "3.0001", "A": 1, "B": 0 } }"#;
    let employees = [(
        "E1".to_string(),
        "DX",
        "\"99999999999999999.000001\"".to_string(),
        Some(90),
    )];
    let errors = load::load(folder(Some(bonus), &employees)).expect_err("too large");
    assert_eq!(errors.0.len(), 1);
    assert!(errors.0[0].message.contains("38 digits"), "{}", errors.0[0]);
    assert_eq!(errors.0[0].location.as_ref().and_then(|l| l.line), Some(10));
}

#[test]
fn the_export_gains_a_bonus_column_only_with_a_bonus() {
    let employees = [
        ("E1".to_string(), "DX", "\"3\"".to_string(), Some(90)),
        ("E2".to_string(), "DX", String::new(), Some(60)),
        ("E3".to_string(), "DY", String::new(), None),
    ];
    let plain = session_of(folder(None, &employees));
    let csv = String::from_utf8(crate::engine::export::to_csv(&plain)).expect("utf8");
    assert!(!csv.contains("bonus"), "{csv}");
    let json = String::from_utf8(crate::engine::export::to_json(&plain)).expect("utf8");
    assert!(!json.contains("bonus"), "{json}");

    let bonus =
        r#"{ "pool": "10", "decimals": 1, "grade_multipliers": { "S": 2, "A": 1, "B": 1 } }"#;
    let session = session_of(folder(Some(bonus), &employees));
    let csv = String::from_utf8(crate::engine::export::to_csv(&session)).expect("utf8");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].ends_with(",flags,bonus"), "{}", lines[0]);
    // Shares 3 x 2 and 1 x 1: S = 7, units 100: 85 r 5 and 14 r 2; the
    // unit left goes to E1.
    assert!(lines[1].ends_with(",8.6"), "{}", lines[1]);
    assert!(lines[2].ends_with(",1.4"), "{}", lines[2]);
    assert!(lines[3].ends_with(",unrated,"), "{}", lines[3]);
    let json: serde_json::Value =
        serde_json::from_slice(&crate::engine::export::to_json(&session)).expect("json");
    assert_eq!(json["bonus"]["pool"], "10.0");
    assert_eq!(json["bonus"]["allocated"], "10.0");
    assert_eq!(json["employees"][0]["bonus"], "8.6");
    assert_eq!(json["employees"][2]["bonus"], serde_json::Value::Null);
}

fn shares_strategy() -> impl Strategy<Value = Vec<Option<u128>>> {
    let share = prop_oneof![
        1 => Just(None),
        1 => Just(Some(0u128)),
        6 => (1u128..1_000_000).prop_map(Some),
    ];
    proptest::collection::vec(share, 1..40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The bonuses add up to the pool exactly (or to 0 when S = 0), the
    /// ungraded get none, and nobody is more than one unit off their
    /// exact share.
    #[test]
    fn bonuses_add_up_to_the_pool(units in 0u128..10_000_000_000, shares in shares_strategy()) {
        let names: Vec<String> = (0..shares.len()).map(|i| format!("E{i:03}")).collect();
        let (bonus, allocated) = split(units, &shares, |i| names[i].as_str()).expect("fits");
        let total: u128 = shares.iter().flatten().sum();
        let sum: u128 = bonus.iter().flatten().sum();
        prop_assert_eq!(sum, allocated);
        prop_assert_eq!(allocated, if total == 0 { 0 } else { units });
        for (b, s) in bonus.iter().zip(&shares) {
            prop_assert_eq!(b.is_some(), s.is_some());
            if let (Some(b), Some(s), true) = (b, s, total > 0) {
                let floor = units * s / total;
                prop_assert!(*b == floor || *b == floor + 1);
            }
        }
    }

    /// With multipliers that fall from a better grade to a worse one, a
    /// better grade never gets less than a worse grade for an equal base
    /// and department grade (with equal multipliers, at most one unit less:
    /// the shares are equal and the id decides who gets a leftover unit).
    #[test]
    fn a_better_grade_never_gets_less(
        units in 0u128..1_000_000,
        mut multipliers in proptest::collection::vec(0u128..50, 4),
        department in proptest::collection::vec(0u128..5, 2),
        people in proptest::collection::vec((0usize..4, 0usize..2, 0u128..4), 1..40),
    ) {
        multipliers.sort_unstable_by(|a, b| b.cmp(a));
        let shares: Vec<Option<u128>> = people
            .iter()
            .map(|&(g, d, base)| Some(base * multipliers[g] * department[d]))
            .collect();
        let names: Vec<String> = (0..people.len()).map(|i| format!("E{i:03}")).collect();
        let (bonus, _) = split(units, &shares, |i| names[i].as_str()).expect("fits");
        for (i, a) in people.iter().enumerate() {
            for (j, b) in people.iter().enumerate() {
                if a.0 < b.0 && a.1 == b.1 && a.2 == b.2 {
                    let (better, worse) = (bonus[i].unwrap_or(0), bonus[j].unwrap_or(0));
                    if multipliers[a.0] > multipliers[b.0] {
                        prop_assert!(better >= worse, "{:?} {:?} {:?}", a, b, bonus);
                    } else {
                        // Equal multipliers are equal shares: the id breaks
                        // the tie for a leftover unit, whatever the grade.
                        prop_assert!(better + 1 >= worse, "{:?} {:?} {:?}", a, b, bonus);
                    }
                }
            }
        }
    }

    /// The split does not depend on the order of the employees.
    #[test]
    fn the_split_does_not_depend_on_row_order(
        units in 0u128..1_000_000,
        shares in shares_strategy(),
        seed in any::<u64>(),
    ) {
        let names: Vec<String> = (0..shares.len()).map(|i| format!("E{i:03}")).collect();
        let (bonus, _) = split(units, &shares, |i| names[i].as_str()).expect("fits");
        let mut order: Vec<usize> = (0..shares.len()).collect();
        let mut state = seed | 1;
        for i in (1..order.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let permuted: Vec<Option<u128>> = order.iter().map(|&i| shares[i]).collect();
        let (moved, _) = split(units, &permuted, |i| names[order[i]].as_str()).expect("fits");
        for (k, &i) in order.iter().enumerate() {
            prop_assert_eq!(moved[k], bonus[i]);
        }
    }

    /// The whole pipeline, from org.json rows in another order: the same
    /// grades and the same bonus for every employee.
    #[test]
    fn the_bonus_does_not_depend_on_org_json_order(
        people in proptest::collection::vec(
            (any::<bool>(), 0u32..8, prop::option::weighted(0.9, 40u32..100)),
            1..16,
        ),
        rotate in 0usize..16,
    ) {
        let bonus = r#"{ "pool": "1000.5", "decimals": 1,
            "grade_multipliers": { "S": "2", "A": "1.5", "B": "0.5" },
            "department_grade_multipliers": { "X": "1.2" } }"#;
        let employees: Vec<(String, &str, String, Option<u32>)> = people
            .iter()
            .enumerate()
            .map(|(i, &(x, base, score))| {
                let base = if base == 0 { String::new() } else { format!("\"{}.{}\"", base, i % 3) };
                (format!("E{i:02}"), if x { "DX" } else { "DY" }, base, score)
            })
            .collect();
        let mut rotated = employees.clone();
        rotated.rotate_left(rotate % employees.len());
        rotated.reverse();
        let first = by_id(&session_of(folder(Some(bonus), &employees)));
        let second = by_id(&session_of(folder(Some(bonus), &rotated)));
        prop_assert_eq!(first, second);
    }
}

#[test]
fn the_small_bonus_fixture_adds_up_by_grade_and_department_before_and_after_an_override() {
    use crate::engine::decision::{Change, Decision};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/small-bonus");
    let mut session = session_of(load::read_folder(&dir));
    let tally = |people, units| Tally { people, units };
    let now = |session: &Session| {
        let allocation = allocate(session).expect("a bonus").expect("fits");
        Breakdown::of(&session.input, session.results(), &allocation)
    };
    // From fixtures/small-bonus/EXPECTED.md, in cents: A = E01 + E02 + E05
    // + E09 = 847 + 1271 + 1059 + 565; B = E03 + E04 + E06 + E12; C = E07 +
    // E11; D = E10 (0). D1 = E01..E04, D2 = E05..E07 (E08 unrated), D3 =
    // E09 + E10, D4 = E11 + E12.
    let before = now(&session);
    assert_eq!(
        before.by_grade,
        [
            tally(0, 0),
            tally(4, 3742),
            tally(4, 5553),
            tally(2, 705),
            tally(1, 0)
        ]
    );
    assert_eq!(
        before.by_department,
        [
            tally(4, 5224),
            tally(3, 2235),
            tally(2, 565),
            tally(2, 1976)
        ]
    );
    assert_eq!(before.unrated, 1);
    // Before calibration is the same with no decision.
    let uncalibrated = session.uncalibrated();
    let first = allocate_uncalibrated(&session, &uncalibrated)
        .expect("a bonus")
        .expect("fits");
    assert_eq!(Breakdown::of(&session.input, &uncalibrated, &first), before);
    // E07 (C, base 1, dept grade B) overridden to B: share 0.5 -> 1, S =
    // 21.75. The pool stays whole; C loses E07, B gains them.
    session
        .decide(
            Decision::new(Change::Override {
                employee: "E07".into(),
                grade: "B".into(),
            })
            .with_reason("covered the peak"),
        )
        .expect("applies");
    let after = now(&session);
    let total = |t: &[Tally]| t.iter().map(|t| t.units).sum::<u128>();
    assert_eq!(total(&after.by_grade), 10_000);
    assert_eq!(total(&after.by_department), 10_000);
    assert_eq!((after.by_grade[2].people, after.by_grade[3].people), (5, 1));
    // E07 alone: floor(10000 x 1 / 21.75) = 459 (+1 if it gets a unit
    // left over); E11 in C: floor(10000 x 1 / 21.75) = 459 likewise.
    assert!((459..=460).contains(&after.by_grade[3].units));
    // Before calibration does not move with the session.
    let still = allocate_uncalibrated(&session, &uncalibrated)
        .expect("a bonus")
        .expect("fits");
    assert_eq!(Breakdown::of(&session.input, &uncalibrated, &still), before);
}
