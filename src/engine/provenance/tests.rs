//! Hand-checked on fixtures/small with statement-session.json (R2's scores
//! +5, E10 overridden to C) and previous/2025-grades.csv; the arithmetic is
//! written out in fixtures/small/EXPECTED.md.

use rust_decimal_macros::dec;

use super::*;
use crate::engine::decision::SessionFile;
use crate::engine::load;
use crate::engine::previous::Previous;
use crate::engine::source::SourceFile;

fn small() -> Session {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/small");
    let input = load::load(load::read_folder(&dir)).expect("valid").input;
    let read = |name: &str| {
        let path = dir.join(name);
        SourceFile::new(
            path.display().to_string(),
            std::fs::read_to_string(&path).expect(name),
        )
    };
    let file = SessionFile::parse(&read("statement-session.json")).expect("session");
    let (previous, _) =
        Previous::read(&read("previous/2025-grades.csv"), &input).expect("previous");
    let mut session = Session::replay(input, &file).expect("replays");
    session.set_previous(Some(previous));
    session
}

fn of<'a>(explainer: &Explainer<'a>, session: &Session, id: &str) -> Provenance<'a> {
    explainer.explain(session.input.employee_index(id).expect("employee"))
}

#[test]
fn two_raters_one_corrected() {
    let session = small();
    let explainer = Explainer::new(&session);
    let p = of(&explainer, &session, "E04");
    let grade = |g: usize| session.input.policy.grades[g].id.as_str();
    assert_eq!(p.ratings.len(), 2);
    let (r1, r2) = (&p.ratings[0], &p.ratings[1]);
    assert_eq!(session.input.raters[r1.rater].id, "R1");
    assert_eq!(
        (r1.score, r1.weight, r1.adjusted),
        (dec!(80), dec!(2), dec!(80))
    );
    assert_eq!(r1.comment, Some("9 月自二部轉入"));
    assert_eq!(r1.correction, None);
    assert_eq!(
        (r2.score, r2.weight, r2.adjusted),
        (dec!(85), dec!(1), dec!(90))
    );
    let correction = r2.correction.expect("R2 is corrected");
    assert_eq!(correction.transform, Transform::Offset { delta: dec!(5) });
    assert_eq!(correction.decision.index, 0);
    assert_eq!(
        correction.decision.reason,
        Some("乙主管評分偏嚴，平均低於全體約 3 分")
    );
    // raw (2*80 + 85)/3 = 81.67 -> 81.7; final (2*80 + 90)/3 = 83.33 -> 83.3.
    assert_eq!(p.raw_score, Some(dec!(81.7)));
    assert_eq!(p.final_score, Some(dec!(83.3)));
    assert_eq!(session.input.groups[p.group].id, "D1");
    assert_eq!(p.quotas, &[dec!(1), dec!(1), dec!(2), dec!(0), dec!(0)]);
    assert_eq!(p.seats, &[1, 1, 2, 0, 0]);
    assert_eq!(p.rank, Some(Rank { rank: 3, of: 4 }));
    // S took nobody (89.5 < 90): its seat went to A (E01, E02); B's two
    // seats take E04 (first) and E03.
    let auto = p.auto.clone().expect("graded");
    assert_eq!(
        auto,
        AutoGrade {
            grade: 2,
            place: 1,
            taken: 2,
            seats: 2,
            capacity: 2,
            passed_over: vec![],
        }
    );
    assert_eq!(p.override_, None);
    assert_eq!(p.grade.map(grade), Some("B"));
    assert_eq!(p.before.map(grade), Some("B"));
    assert_eq!(p.previous_grade, Some("A"));
    assert!(!p.big_mover);
    assert_eq!(p.department_decision, None);
    assert_eq!(p.bonus, None, "the policy has no bonus");
}

#[test]
fn carried_down_past_a_minimum_score() {
    let session = small();
    let explainer = Explainer::new(&session);
    let p = of(&explainer, &session, "E01");
    // Rank 1 held S's one seat, but 89.5 < S's min_score 90: carried to A,
    // whose capacity is its own seat plus S's.
    let auto = p.auto.expect("graded");
    assert_eq!(auto.passed_over, vec![0]);
    assert_eq!(
        (auto.grade, auto.place, auto.seats, auto.capacity),
        (1, 1, 1, 2)
    );
    assert_eq!(p.previous_grade, Some("A"));
}

#[test]
fn an_override_with_its_decision_and_the_grade_before() {
    let session = small();
    let explainer = Explainer::new(&session);
    let p = of(&explainer, &session, "E10");
    let o = p.override_.expect("overridden");
    assert_eq!(session.input.policy.grades[o.grade].id, "C");
    assert_eq!(o.reason, "支援倉儲年度盤點");
    assert_eq!(o.decision.map(|d| d.index), Some(1));
    let auto = p.auto.expect("graded");
    assert_eq!(
        (auto.grade, auto.place, auto.taken),
        (4, 1, 1),
        "D: everyone left"
    );
    assert_eq!(p.rank, Some(Rank { rank: 4, of: 4 }));
    assert_eq!(p.before, Some(4));
    assert_eq!(p.grade, Some(3));
    assert_eq!(p.previous_grade, Some("C"));
}

#[test]
fn the_unrated_have_no_rank_and_no_grade() {
    let session = small();
    let explainer = Explainer::new(&session);
    let p = of(&explainer, &session, "E08");
    assert!(p.ratings.is_empty());
    assert_eq!((p.raw_score, p.final_score, p.rank), (None, None, None));
    assert_eq!((p.auto, p.grade, p.before), (None, None, None));
    assert_eq!(p.previous_grade, None);
}
