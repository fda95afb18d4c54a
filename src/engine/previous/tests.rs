use rust_decimal_macros::dec;

use super::*;
use crate::engine::load;

fn small() -> Input {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/small");
    load::load(load::read_folder(&dir))
        .expect("valid fixture")
        .input
}

const CSV: &str = "\u{feff}employee_id,raters,raw_score,final_score,auto_grade,grade\r
E01,R1,80.0,82.0,A,A\r
E02,R1,70.0,72.0,B,A\r
E04,R1;R2,60.0,60.0,C,C\r
E05,R2,50.0,50.0,C,X\r
E99,R2,100.0,100.0,S,S\r
E07,,,,,\r
";

fn read(name: &str, text: &str, input: &Input) -> Result<(Previous, Vec<Diagnostic>), Diagnostics> {
    Previous::read(&SourceFile::new(name, text), input)
}

#[test]
fn grades_are_matched_by_id_and_an_unknown_grade_is_a_warning() {
    let input = small();
    let (previous, warnings) = read("prev.csv", CSV, &input).expect("valid");
    let grade = |id: &str| previous.grade(input.employee_index(id).expect("known"));
    assert_eq!(grade("E01"), Some("A"));
    assert_eq!(grade("E02"), Some("A"));
    assert_eq!(grade("E04"), Some("C"));
    assert_eq!(grade("E05"), Some("X"), "shown as the file has it");
    assert_eq!(grade("E07"), None, "no grade there");
    assert_eq!(grade("E03"), None, "not in the file");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].location, Some(Location::line("prev.csv", 5)));
    assert!(
        warnings[0].message.contains("\"X\" (1 employee)"),
        "{}",
        warnings[0]
    );
}

#[test]
fn track_records_follow_the_documented_definition() {
    let input = small();
    let (previous, _) = read("prev.csv", CSV, &input).expect("valid");
    assert!(previous.carries_track_record());
    let track = |id: &str| {
        previous
            .track(input.rater_index(id).expect("rater"))
            .copied()
    };
    // R1's people: E01, E02, E04 (raw 80, 70, 60: mean 70); every other
    // rated row: E05, E99 (50, 100: mean 75). Corrections +2, +2, 0.
    assert_eq!(
        track("R1"),
        Some(Track {
            people: 3,
            mean_delta: Some(dec!(-5)),
            mean_correction: dec!(4) / dec!(3),
            rescored: 2,
            overridden: 1,
        })
    );
    // R2's people: E04, E05, E99 (60, 50, 100: mean 70); others E01, E02
    // (80, 70: mean 75). E05's grade X is not its auto grade C.
    assert_eq!(
        track("R2"),
        Some(Track {
            people: 3,
            mean_delta: Some(dec!(-5)),
            mean_correction: dec!(0),
            rescored: 0,
            overridden: 1,
        })
    );
    assert_eq!(track("R3"), None, "nobody of theirs in the file");
}

#[test]
fn json_is_read_alike_by_its_first_character_and_null_is_not_absent() {
    let input = small();
    let json = r#"{ "cycle": "2025 H2", "employees": [
  { "employee_id": "E01", "raters": ["R1"], "raw_score": "80.0", "final_score": "82.0", "auto_grade": "A", "grade": "A" },
  { "employee_id": "E07", "raters": [], "raw_score": null, "final_score": null, "auto_grade": null, "grade": null }
] }"#;
    let (previous, warnings) = read("previous-export", json, &input).expect("valid");
    assert!(warnings.is_empty());
    assert!(previous.carries_track_record());
    assert_eq!(previous.grade(0), Some("A"));
    assert_eq!(previous.grade(6), None);
    let r1 = previous.track(0).expect("R1 rated E01");
    assert_eq!((r1.people, r1.mean_delta), (1, None));

    let bare = r#"{ "employees": [ { "employee_id": "E01", "grade": "S" } ] }"#;
    let (previous, _) = read("p.json", bare, &input).expect("valid");
    assert!(!previous.carries_track_record());
    assert_eq!(previous.track(0), None);
    assert_eq!(previous.grade(0), Some("S"));
}

#[test]
fn a_defused_cell_loses_its_quote_and_only_that() {
    assert_eq!(read::undefuse_for_tests("'=E1"), "=E1");
    assert_eq!(read::undefuse_for_tests("'-x"), "-x");
    assert_eq!(read::undefuse_for_tests("'abc"), "'abc");
    assert_eq!(read::undefuse_for_tests("E1"), "E1");
}

#[test]
fn errors_name_the_file_and_line() {
    let input = small();
    let lines = |text: &str| -> Vec<(Option<u32>, String)> {
        read("p.csv", text, &input)
            .expect_err("should be refused")
            .0
            .iter()
            .map(|d| (d.location.as_ref().and_then(|l| l.line), d.message.clone()))
            .collect()
    };
    let twice = lines("employee_id,grade\nE01,A\nE02,B\nE01,C\n");
    assert_eq!(twice.len(), 1);
    assert_eq!(twice[0].0, Some(4));
    assert!(twice[0].1.contains("first on line 2"), "{}", twice[0].1);
    let no_grade = lines("employee_id,rank\nE01,1\n");
    assert_eq!(no_grade[0].0, Some(1));
    let bad_score = lines("employee_id,grade,raw_score\nE01,A,80\nE02,B,eighty\n");
    assert_eq!(bad_score[0].0, Some(3));
    assert!(
        bad_score[0].1.starts_with("raw_score"),
        "{}",
        bad_score[0].1
    );
    let ragged = lines("employee_id,grade\nE01,A\nE02,B,extra\n");
    assert_eq!(ragged[0].0, Some(3));
    let json = read(
        "p.json",
        "{ \"employees\": [ {\"grade\": \"A\"} ] }",
        &input,
    )
    .expect_err("a row without employee_id");
    assert!(
        json.0[0]
            .location
            .as_ref()
            .is_some_and(|l| l.line == Some(1))
    );
}

#[test]
fn big_movers_are_two_places_apart_in_the_current_order() {
    let policy = small().policy;
    // S A B C D: indices 0..4.
    assert!(big_mover(&policy, Some("S"), Some(2)));
    assert!(big_mover(&policy, Some("D"), Some(0)));
    assert!(!big_mover(&policy, Some("A"), Some(2)));
    assert!(!big_mover(&policy, Some("B"), Some(2)));
    assert!(
        !big_mover(&policy, Some("X"), Some(4)),
        "not a current grade"
    );
    assert!(!big_mover(&policy, None, Some(0)));
    assert!(!big_mover(&policy, Some("S"), None), "ungraded now");
}
