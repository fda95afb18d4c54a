//! The hand-checked numbers: every figure in fixtures/small/EXPECTED.md, and
//! two groups of the demo after its committee session, recomputed by hand
//! (python3, `decimal` at 60 digits) from the contract's formulas.

use calibra::engine::calibrate::GroupResult;
use calibra::engine::decision::SessionFile;
use calibra::engine::export::{self, Row};
use calibra::engine::load::{load, read_folder};
use calibra::engine::session::Session;
use calibra::engine::source::SourceFile;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::support::fixture;

fn open(name: &str, with_session: bool) -> Session {
    let dir = fixture(name);
    // Display text rather than Debug, so a failure reads like `calibra check`.
    let loaded = load(read_folder(&dir))
        .map_err(|errors| errors.to_string())
        .expect("the fixture loads");
    if !with_session {
        return Session::new(loaded.input);
    }
    let path = dir.join("session.json");
    let text = std::fs::read_to_string(&path).expect("the demo has a session.json");
    let file = SessionFile::parse(&SourceFile::new(path.display().to_string(), text))
        .map_err(|errors| errors.to_string())
        .expect("the demo session parses");
    Session::replay(loaded.input, &file)
        .map_err(|errors| errors.to_string())
        .expect("the demo session replays")
}

fn group<'a>(session: &'a Session, id: &str) -> &'a GroupResult {
    let g = session
        .input
        .groups
        .iter()
        .position(|g| g.id == id)
        .ok_or(format!("no group {id}"))
        .expect("the group exists");
    &session.results().groups[g]
}

fn row<'a>(rows: &'a [Row<'a>], id: &str) -> &'a Row<'a> {
    rows.iter()
        .find(|r| r.employee_id == id)
        .ok_or(format!("no row for {id}"))
        .expect("the employee has a row")
}

/// Quotas, seats, auto-graded counts and final counts of a group, S to D.
fn assert_group(
    session: &Session,
    id: &str,
    headcount: usize,
    quotas: [Decimal; 5],
    seats: [u64; 5],
    filled: [u64; 5],
    counts: [u64; 5],
) {
    let g = group(session, id);
    assert_eq!(g.headcount, headcount, "{id}: rated headcount");
    assert_eq!(g.quotas, quotas, "{id}: q_g");
    assert_eq!(g.seats, seats, "{id}: Hamilton seats");
    assert_eq!(g.filled, filled, "{id}: auto-graded counts");
    assert_eq!(g.counts, counts, "{id}: final counts");
}

/// (employee, group, raw = final, rank, grade, flags): EXPECTED.md's table.
type SmallRow = (
    &'static str,
    &'static str,
    &'static str,
    u32,
    &'static str,
    &'static [&'static str],
);

/// (employee, raw, final, rank, auto grade = grade) in rank order.
type Ranked = (&'static str, &'static str, &'static str, u32, &'static str);

fn assert_ranking(session: &Session, group_id: &str, expected: &[Ranked]) {
    let rows: Vec<Row> = export::rows(session).collect();
    let ranking: Vec<&str> = group(session, group_id)
        .ranking
        .iter()
        .map(|&e| session.input.employees[e].id.as_str())
        .collect();
    let expected_order: Vec<&str> = expected.iter().map(|e| e.0).collect();
    assert_eq!(ranking, expected_order, "{group_id}: rank order");
    for &(id, raw, fin, rank, grade) in expected {
        let r = row(&rows, id);
        assert_eq!(r.group, group_id, "{id}: group");
        assert_eq!(r.raw_score.as_deref(), Some(raw), "{id}: raw score");
        assert_eq!(r.final_score.as_deref(), Some(fin), "{id}: final score");
        assert_eq!(r.rank, Some(rank), "{id}: rank");
        assert_eq!(r.auto_grade, Some(grade), "{id}: auto grade");
        assert_eq!(r.grade, Some(grade), "{id}: grade");
    }
}

// ---------------------------------------------------------------- fixtures/small

#[test]
fn small_rater_statistics() {
    let session = open("small", false);
    let input = &session.input;
    let pool = session.baseline.pool.expect("the pool has ratings");
    assert_eq!(pool.n, 12);
    for (id, mean, sorted) in [
        (
            "R1",
            dec!(81.125),
            [dec!(70), dec!(80), dec!(85), dec!(89.5)],
        ),
        ("R2", dec!(73.75), [dec!(60), dec!(75), dec!(75), dec!(85)]),
        (
            "R3",
            dec!(76.375),
            [dec!(50), dec!(72.5), dec!(88), dec!(95)],
        ),
    ] {
        let r = input.rater_index(id).expect("rater present");
        let summary = session.baseline.raters[r].expect("rated");
        assert_eq!(summary.n, 4, "{id}: n");
        assert_eq!(summary.mean, mean, "{id}: mean");
        assert_eq!(session.baseline.rater_sorted[r], sorted, "{id}: scores");
        assert_eq!((summary.min, summary.max), (sorted[0], sorted[3]), "{id}");
    }
}

#[test]
fn small_weighted_score_of_e04() {
    // (2 * 80 + 85) / 3 = 81.666... -> 81.7 at one decimal.
    let session = open("small", false);
    let e04 = session.input.employee_index("E04").expect("E04");
    assert_eq!(session.baseline.raw_scores[e04], Some(dec!(81.7)));
    assert_eq!(
        session.results().employees[e04].final_score,
        Some(dec!(81.7))
    );
    let rows: Vec<Row> = export::rows(&session).collect();
    assert_eq!(row(&rows, "E04").raters, vec!["R1", "R2"]);
}

#[test]
fn small_groups_quotas_and_seats() {
    let session = open("small", false);
    let groups: Vec<&str> = session.input.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(groups, ["D1", "D2", "P"]);
    // D1 (grade A, 4 rated): nobody reaches 90, so the S seat carries to A.
    assert_group(
        &session,
        "D1",
        4,
        [dec!(1), dec!(1), dec!(2), dec!(0), dec!(0)],
        [1, 1, 2, 0, 0],
        [0, 2, 2, 0, 0],
        [0, 2, 2, 0, 0],
    );
    // D2 (grade B, 3 rated, E08 unrated): floors 0,0,1,0,0; A and C tie at
    // .75 with equal q, so A (better) first, then C before B (.5).
    assert_group(
        &session,
        "D2",
        3,
        [dec!(0), dec!(0.75), dec!(1.5), dec!(0.75), dec!(0)],
        [0, 1, 1, 1, 0],
        [0, 1, 1, 1, 0],
        [0, 1, 1, 1, 0],
    );
    // P = D3 + D4 (both grade C): no S seat for E09's 95.
    assert_group(
        &session,
        "P",
        4,
        [dec!(0), dec!(1), dec!(1), dec!(1), dec!(1)],
        [0, 1, 1, 1, 1],
        [0, 1, 1, 1, 1],
        [0, 1, 1, 1, 1],
    );
}

#[test]
fn small_every_employee_row() {
    let session = open("small", false);
    let rows: Vec<Row> = export::rows(&session).collect();
    let ids: Vec<&str> = rows.iter().map(|r| r.employee_id).collect();
    assert_eq!(
        ids,
        [
            "E01", "E02", "E03", "E04", "E05", "E06", "E07", "E08", "E09", "E10", "E11", "E12"
        ],
        "org.json order"
    );
    let expected: [SmallRow; 11] = [
        ("E01", "D1", "89.5", 1, "A", &[]),
        ("E02", "D1", "85.0", 2, "A", &[]),
        ("E03", "D1", "70.0", 4, "B", &[]),
        ("E04", "D1", "81.7", 3, "B", &[]),
        ("E05", "D2", "75.0", 1, "A", &["boundary_tie"]),
        ("E06", "D2", "75.0", 2, "B", &["boundary_tie"]),
        ("E07", "D2", "60.0", 3, "C", &[]),
        ("E09", "P", "95.0", 1, "A", &[]),
        ("E10", "P", "50.0", 4, "D", &[]),
        ("E11", "P", "72.5", 3, "C", &[]),
        ("E12", "P", "88.0", 2, "B", &[]),
    ];
    for (id, group, score, rank, grade, flags) in expected {
        let r = row(&rows, id);
        assert_eq!(r.group, group, "{id}: group");
        assert_eq!(r.raw_score.as_deref(), Some(score), "{id}: raw");
        assert_eq!(r.final_score.as_deref(), Some(score), "{id}: final");
        assert_eq!(r.rank, Some(rank), "{id}: rank");
        assert_eq!(r.auto_grade, Some(grade), "{id}: auto grade");
        assert_eq!(r.grade, Some(grade), "{id}: grade");
        assert_eq!(r.flags, flags, "{id}: flags");
        assert_eq!(r.override_reason, None, "{id}: no override");
    }
    let e08 = row(&rows, "E08");
    assert_eq!(
        (e08.group, e08.department_grade, e08.raters.len()),
        ("D2", "B", 0)
    );
    assert_eq!((&e08.raw_score, &e08.final_score), (&None, &None));
    assert_eq!((e08.rank, e08.auto_grade, e08.grade), (None, None, None));
    assert_eq!(e08.flags, ["unrated"]);
}

#[test]
fn small_tie_is_broken_by_id_and_warned_about() {
    let session = open("small", false);
    let warnings: Vec<String> = session.warnings().iter().map(|w| w.to_string()).collect();
    let ties: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("boundary tie"))
        .collect();
    assert_eq!(ties.len(), 1, "{warnings:#?}");
    assert!(
        ties[0].contains("\"D2\"") && ties[0].contains("E05 (A)") && ties[0].contains("E06 (B)"),
        "{}",
        ties[0]
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("\"E08\"") && w.contains("no rating")),
        "{warnings:#?}"
    );
    assert!(!warnings.iter().any(|w| w.contains("quota violation")));
}

#[test]
fn small_json_quotas_are_exact_decimal_strings() {
    let session = open("small", false);
    let json: serde_json::Value =
        serde_json::from_slice(&export::to_json(&session)).expect("the export is JSON");
    let d2 = &json["groups"][1];
    assert_eq!(d2["id"], "D2");
    assert_eq!(d2["headcount"], 3);
    let quotas: Vec<&str> = d2["grades"]
        .as_array()
        .expect("grades")
        .iter()
        .map(|g| g["quota"].as_str().expect("quota string"))
        .collect();
    assert_eq!(quotas, ["0", "0.75", "1.5", "0.75", "0"]);
}

// ------------------------------------------------- fixtures/demo with its session

#[test]
fn demo_pool_and_rescaled_raters() {
    let session = open("demo", true);
    let pool = session.baseline.pool.expect("ratings");
    // 80 ratings summing to 6298.5.
    assert_eq!(pool.n, 80);
    assert_eq!(pool.mean, dec!(78.73125));
    let pool_sd = pool.sd.expect("n >= 2");
    assert_eq!(pool_sd.round_dp(12), dec!(7.916671940927));
    let summary = |id: &str| {
        let r = session.input.rater_index(id).expect("rater");
        session.baseline.raters[r].expect("rated")
    };
    let m07 = summary("M07");
    assert_eq!((m07.n, m07.mean), (10, dec!(88.625)));
    assert_eq!(m07.sd.expect("sd").round_dp(12), dec!(4.351324830184));
    let m04 = summary("M04");
    assert_eq!((m04.n, m04.mean), (10, dec!(69.65)));
    assert_eq!(m04.sd.expect("sd").round_dp(12), dec!(5.381552853137));
    // M06: 9 ratings summing to 720.25.
    assert_eq!(summary("M06").mean.round_dp(12), dec!(80.027777777778));
}

#[test]
fn demo_zscore_of_one_rating() {
    // E0067's single rating by M07: (97 - 88.625) / 4.3513248... * 7.9166719... + 78.73125.
    let session = open("demo", true);
    let e = session.input.employee_index("E0067").expect("E0067");
    let ratings = session.input.employee_ratings.of(e);
    assert_eq!(ratings.len(), 1);
    let adjusted = session.results().adjusted[ratings[0]];
    assert_eq!(adjusted.round_dp(12), dec!(93.968477762298));
}

#[test]
fn demo_pool_cs_small_after_m07_zscore() {
    // CS-REV + CS-LOG, both grade C, 18 rated: q = 18 * (.05 .15 .5 .2 .1);
    // floors 0,2,9,3,1 = 15; the 3 seats left go to S (.9), D (.8), A (.7).
    let session = open("demo", true);
    assert_group(
        &session,
        "CS-SMALL",
        18,
        [dec!(0.9), dec!(2.7), dec!(9), dec!(3.6), dec!(1.8)],
        [1, 3, 9, 3, 2],
        [1, 3, 9, 3, 2],
        [1, 3, 9, 3, 2],
    );
    // M07's people (E0061-E0070) z-scored onto the pool; M08's as given;
    // E0070 is half M07 (85 -> 72.136...), half M08 (76.5): 74.318... -> 74.32.
    // E0064's override was cleared, so C stands.
    assert_ranking(
        &session,
        "CS-SMALL",
        &[
            ("E0067", "97.00", "93.97", 1, "S"),
            ("E0063", "93.50", "87.60", 2, "A"),
            ("E0073", "86.00", "86.00", 3, "A"),
            ("E0076", "84.75", "84.75", 4, "A"),
            ("E0061", "91.00", "83.05", 5, "B"),
            ("E0065", "90.50", "82.14", 6, "B"),
            ("E0071", "82.00", "82.00", 7, "B"),
            ("E0074", "79.25", "79.25", 8, "B"),
            ("E0069", "88.00", "77.59", 9, "B"),
            ("E0062", "87.00", "75.77", 10, "B"),
            ("E0066", "86.75", "75.32", 11, "B"),
            ("E0070", "80.75", "74.32", 12, "B"),
            ("E0077", "74.00", "74.00", 13, "B"),
            ("E0072", "71.00", "71.00", 14, "C"),
            ("E0064", "84.00", "70.32", 15, "C"),
            ("E0068", "83.50", "69.41", 16, "C"),
            ("E0075", "68.00", "68.00", 17, "D"),
            ("E0078", "64.00", "64.00", 18, "D"),
        ],
    );
    let rows: Vec<Row> = export::rows(&session).collect();
    for r in rows.iter().filter(|r| r.group == "CS-SMALL") {
        assert!(r.flags.is_empty(), "{}: {:?}", r.employee_id, r.flags);
        assert_eq!(r.department_grade, "C");
    }
}

#[test]
fn demo_cs_ret_regraded_with_a_stretched_rater_and_a_tie() {
    // CS-RET regraded B -> A: q = 18 * (.15 .3 .4 .1 .05) = 2.7 5.4 7.2 1.8 .9;
    // floors 2,5,7,1,0 = 15; 3 left to D (.9), C (.8), S (.7). Only E0047
    // reaches 90, so S fills 1 and carries 2 seats to A (7).
    // M06 linear x2.5 around its mean 80.02777...: 80 -> 79.9583... for both
    // E0052 and E0057 (raw 80.00 too), so the id decides and the tie is flagged.
    // E0043 is 2 x M05's 81.5 + 1 x M04's 71 z-scored (80.717...): 81.239... -> 81.24.
    // E0060: raw (78 + 80.25) / 2 = 79.125 -> 79.13 (midpoint away from zero).
    let session = open("demo", true);
    assert_group(
        &session,
        "CS-RET",
        18,
        [dec!(2.7), dec!(5.4), dec!(7.2), dec!(1.8), dec!(0.9)],
        [3, 5, 7, 2, 1],
        [1, 7, 7, 2, 1],
        [1, 7, 7, 2, 1],
    );
    assert_ranking(
        &session,
        "CS-RET",
        &[
            ("E0047", "90.25", "90.25", 1, "S"),
            ("E0045", "88.25", "88.25", 2, "A"),
            ("E0050", "84.00", "84.00", 3, "A"),
            ("E0056", "81.00", "82.46", 4, "A"),
            ("E0054", "80.75", "81.83", 5, "A"),
            ("E0043", "78.00", "81.24", 6, "A"),
            ("E0059", "80.50", "81.21", 7, "A"),
            ("E0052", "80.00", "79.96", 8, "A"),
            ("E0057", "80.00", "79.96", 9, "B"),
            ("E0060", "79.13", "79.29", 10, "B"),
            ("E0049", "79.00", "79.00", 11, "B"),
            ("E0053", "79.50", "78.71", 12, "B"),
            ("E0055", "79.25", "78.08", 13, "B"),
            ("E0058", "79.00", "77.46", 14, "B"),
            ("E0044", "76.00", "76.00", 15, "B"),
            ("E0048", "73.50", "73.50", 16, "C"),
            ("E0046", "69.00", "69.00", 17, "C"),
            ("E0051", "65.50", "65.50", 18, "D"),
        ],
    );
    let rows: Vec<Row> = export::rows(&session).collect();
    let tied: Vec<&str> = rows
        .iter()
        .filter(|r| r.flags.contains(&"boundary_tie"))
        .map(|r| r.employee_id)
        .collect();
    assert_eq!(tied, ["E0052", "E0057"]);
    assert!(
        rows.iter()
            .filter(|r| r.group == "CS-RET")
            .all(|r| r.department_grade == "A")
    );
}
