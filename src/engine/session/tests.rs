//! The record's behaviour: acts and batches, undo and redo, amending,
//! revoking, and figures kept up to date equal to figures computed anew.

use super::*;
use crate::demo;
use crate::engine::decision::Change;
use crate::engine::export;
use crate::engine::load;
use crate::engine::source::SourceFile;
use crate::engine::transform::Transform;
use rust_decimal::Decimal;

fn demo_input() -> Input {
    load::load(demo::files()).expect("the demo loads").input
}

fn zscore(rater: &str) -> Decision {
    Decision::new(Change::RaterScale {
        rater: rater.into(),
        transform: Transform::ZScore {
            mean: None,
            sd: None,
        },
    })
}

fn override_to(employee: &str, grade: &str, reason: &str) -> Decision {
    Decision::new(Change::Override {
        employee: employee.into(),
        grade: grade.into(),
    })
    .with_reason(reason)
}

fn regrade(department: &str, grade: &str) -> Decision {
    Decision::new(Change::DepartmentGrade {
        department: department.into(),
        grade: grade.into(),
    })
}

/// The session as a file, saved and read back.
fn round_trip(session: &Session) -> SessionFile {
    let text = SessionFile::to_json(session.decisions());
    SessionFile::parse(&SourceFile::new("s.json", text)).expect("a saved session parses")
}

fn fresh_replay(session: &Session) -> Session {
    Session::replay(session.input.clone(), &round_trip(session)).expect("replays")
}

#[test]
fn a_batch_is_saved_and_undone_as_one_act_after_reopening() {
    let mut session = Session::new(demo_input()).track_figures();
    session.decide(zscore("M04")).expect("applies");
    let all: Vec<Decision> = ["M01", "M02", "M07"].into_iter().map(zscore).collect();
    let outcome = session.decide_all(all).expect("applies");
    assert_eq!(outcome.decisions.len(), 3);
    let batches: Vec<Option<u64>> = session.decisions().iter().map(|d| d.batch).collect();
    assert_eq!(batches, vec![None, Some(1), Some(1), Some(1)]);

    // Reopened from the file, one undo takes back the whole batch.
    let file = round_trip(&session);
    assert_eq!(file.decisions[3].batch, Some(1));
    let mut reopened = Session::replay(session.input.clone(), &file)
        .expect("replays")
        .track_figures();
    let undone = reopened.undo().expect("something to undo");
    assert_eq!(undone.decisions.len(), 3);
    assert_eq!(reopened.decisions().len(), 1);
    let only_m04 = {
        let mut s = Session::new(demo_input());
        s.decide(zscore("M04")).expect("applies");
        s
    };
    assert_eq!(export::to_csv(&reopened), export::to_csv(&only_m04));

    // Redo brings the batch back whole, batch numbers included.
    let redone = reopened.redo().expect("something to redo");
    assert_eq!(redone.decisions.len(), 3);
    assert_eq!(export::to_csv(&reopened), export::to_csv(&session));
    assert_eq!(reopened.decisions(), session.decisions());
    assert!(!reopened.can_redo());
}

#[test]
fn a_new_decision_after_an_undo_clears_the_redo() {
    let mut session = Session::new(demo_input());
    session.decide(zscore("M07")).expect("applies");
    session.undo().expect("undone");
    assert!(session.can_redo());
    session.decide(zscore("M04")).expect("applies");
    assert!(!session.can_redo());
    assert!(session.redo().is_none());
}

#[test]
fn a_batch_that_cannot_apply_whole_is_not_made() {
    let mut session = Session::new(demo_input());
    let err = session
        .decide_all(vec![zscore("M07"), zscore("M99")])
        .expect_err("M99 is not a rater");
    assert!(err.to_string().contains("M99"), "{err}");
    assert!(session.decisions().is_empty());
    assert_eq!(
        session.state().transforms,
        Session::new(demo_input()).state().transforms
    );
}

#[test]
fn revoking_the_second_of_three_keeps_the_first_and_third() {
    let mut session = Session::new(demo_input()).track_figures();
    session.decide(zscore("M07")).expect("applies");
    session
        .decide(override_to("E0008", "S", "led the 11.11 peak"))
        .expect("applies");
    session.decide(regrade("CS-RET", "A")).expect("applies");
    let template = Decision {
        at: Some("2026-12-01T10:00:00Z".into()),
        by: Some("HR".into()),
        ..Decision::new(Change::ClearOverride {
            employee: String::new(),
        })
    };
    let outcome = session
        .revoke(1, "wrong person", &template)
        .expect("revocable");
    assert_eq!(session.decisions().len(), 4, "appended, nothing removed");
    let revoke = &session.decisions()[3];
    assert_eq!(
        revoke.change,
        Change::ClearOverride {
            employee: "E0008".into()
        }
    );
    assert_eq!(revoke.reason.as_deref(), Some("wrong person"));
    assert_eq!(revoke.revokes, Some(2));
    assert_eq!(revoke.by.as_deref(), Some("HR"));
    assert!(outcome.moved >= 1, "E0008 goes back to their auto grade");

    // The same as never having made the override.
    let mut without = Session::new(demo_input());
    without.decide(zscore("M07")).expect("applies");
    without.decide(regrade("CS-RET", "A")).expect("applies");
    assert_eq!(session.state(), without.state());
    assert_eq!(session.results(), without.results());
    // And the record replays to the same grades.
    assert_eq!(
        export::to_csv(&fresh_replay(&session)),
        export::to_csv(&without)
    );
}

#[test]
fn revoking_restores_the_earlier_decision_about_the_same_target() {
    let mut session = Session::new(demo_input());
    let offset = |delta| {
        Decision::new(Change::RaterScale {
            rater: "M07".into(),
            transform: Transform::Offset { delta },
        })
    };
    session
        .decide(offset(Decimal::new(-3, 0)))
        .expect("applies");
    session
        .decide(offset(Decimal::new(-5, 0)))
        .expect("applies");
    let err = session
        .revoke(
            0,
            "x",
            &Decision::new(Change::ClearOverride {
                employee: String::new(),
            }),
        )
        .expect_err("replaced by decision 2");
    assert!(err.contains("decision 2 replaced it"), "{err}");
    session
        .revoke(
            1,
            "too much",
            &Decision::new(Change::ClearOverride {
                employee: String::new(),
            }),
        )
        .expect("revocable");
    assert_eq!(
        session.state().transforms[session.input.rater_index("M07").expect("M07")],
        Transform::Offset {
            delta: Decimal::new(-3, 0)
        }
    );
    // Revoking needs a reason, and a revoke of what changed nothing is refused.
    let blank = session.revoke(
        2,
        " \u{3000}",
        &Decision::new(Change::ClearOverride {
            employee: String::new(),
        }),
    );
    assert!(blank.is_err());
    let mut cleared = Session::new(demo_input());
    cleared
        .decide(Decision::new(Change::ClearOverride {
            employee: "E0008".into(),
        }))
        .expect("applies");
    let nothing = cleared
        .revoke(
            0,
            "why",
            &Decision::new(Change::ClearOverride {
                employee: String::new(),
            }),
        )
        .expect_err("nothing to revoke");
    assert!(nothing.contains("nothing to revoke"), "{nothing}");
}

#[test]
fn revoking_a_regrade_restores_the_input_grade() {
    let mut session = Session::new(demo_input());
    session.decide(regrade("CS-RET", "A")).expect("applies");
    session
        .revoke(
            0,
            "back",
            &Decision::new(Change::ClearOverride {
                employee: String::new(),
            }),
        )
        .expect("revocable");
    assert_eq!(
        session.decisions()[1].change,
        Change::DepartmentGrade {
            department: "CS-RET".into(),
            grade: "B".into()
        }
    );
    assert_eq!(session.results(), Session::new(demo_input()).results());
}

#[test]
fn amending_the_reason_changes_the_reason_only() {
    let mut session = Session::new(demo_input());
    session
        .decide(override_to("E0008", "S", "first"))
        .expect("applies");
    let results = session.results().clone();
    session
        .amend_reason(Some("\tled the peak".into()))
        .expect("amended");
    assert_eq!(session.results(), &results);
    let e = session.input.employee_index("E0008").expect("E0008");
    assert_eq!(
        session.state().overrides.get(e).map(|o| o.reason.as_str()),
        Some("\tled the peak"),
        "kept verbatim"
    );
    assert!(session.amend_reason(Some("  ".into())).is_err());
    assert_eq!(
        session.decisions()[0].reason.as_deref(),
        Some("\tled the peak")
    );
}

#[test]
fn replacing_the_last_decision_counts_moves_from_before_it() {
    let mut session = Session::new(demo_input()).track_figures();
    let shift = |delta| {
        Decision::new(Change::RaterScale {
            rater: "M07".into(),
            transform: Transform::Offset { delta },
        })
    };
    session.decide(shift(Decimal::new(-1, 0))).expect("applies");
    session
        .replace_last(shift(Decimal::new(-2, 0)))
        .expect("applies");
    session
        .replace_last(shift(Decimal::new(-8, 0)))
        .expect("applies");
    assert_eq!(session.decisions().len(), 1);
    let mut direct = Session::new(demo_input()).track_figures();
    let outcome = direct.decide(shift(Decimal::new(-8, 0))).expect("applies");
    assert_eq!(session.note(0), direct.note(0));
    assert_eq!(session.note(0).map(|n| n.moved.len()), Some(outcome.moved));
    assert!(outcome.moved > 0);
}

#[test]
fn kept_figures_equal_figures_computed_anew() {
    let mut session = Session::new(demo_input()).track_figures();
    session.decide(zscore("M07")).expect("applies");
    session.decide(regrade("CS-RET", "A")).expect("applies");
    session
        .decide(override_to("E0008", "S", "peak"))
        .expect("applies");
    let all: Vec<Decision> = ["M01", "M04", "M06"].into_iter().map(zscore).collect();
    session.decide_all(all).expect("applies");
    let check = |session: &Session, when: &str| {
        let anew = Figures::new(session);
        let kept = session.figures().expect("tracked");
        assert_eq!(kept.biases, anew.biases, "biases {when}");
        assert_eq!(
            kept.warning_count(),
            anew.warning_count(),
            "warnings {when}"
        );
        assert_eq!(kept.warning_count(), session.warnings().len(), "{when}");
    };
    check(&session, "after deciding");
    session.undo();
    check(&session, "after undoing a batch");
    session.undo();
    session.undo();
    check(&session, "after undoing a regrade");
    session.redo();
    check(&session, "after a redo");
    // The notes of a replayed record equal those kept live.
    let replayed = fresh_replay(&session).track_figures();
    for i in 0..session.decisions().len() {
        assert_eq!(replayed.note(i), session.note(i), "note {i}");
    }
}

#[test]
fn revokes_must_name_an_earlier_decision() {
    let text = r#"{"version": 1, "decisions": [
{ "kind": "clear_override", "employee": "E0008", "revokes": 1 }
]}"#;
    let errors = SessionFile::parse(&SourceFile::new("s.json", text)).expect_err("invalid");
    assert!(errors.0[0].message.contains("not before"), "{errors}");
    let text = r#"{"version": 1, "decisions": [
{ "kind": "clear_override", "employee": "E0008", "batch": 0 }
]}"#;
    assert!(SessionFile::parse(&SourceFile::new("s.json", text)).is_err());
}

#[test]
fn a_batch_computed_at_once_equals_its_decisions_one_by_one() {
    let decisions: Vec<Decision> = vec![
        zscore("M01"),
        zscore("M07"),
        regrade("CS-RET", "A"),
        override_to("E0008", "S", "peak"),
        zscore("M07").with_reason("twice: the later one counts"),
    ];
    let mut batch = Session::new(demo_input()).track_figures();
    let outcome = batch.decide_all(decisions.clone()).expect("applies");
    let mut single = Session::new(demo_input()).track_figures();
    let mut moved = std::collections::BTreeSet::new();
    for decision in decisions {
        single.decide(decision).expect("applies");
        moved.extend(
            single
                .note(single.decisions().len() - 1)
                .expect("noted")
                .moved
                .clone(),
        );
    }
    assert_eq!(batch.results(), single.results());
    assert_eq!(batch.state(), single.state());
    assert_eq!(
        batch.figures().map(|f| f.biases.clone()),
        single.figures().map(|f| f.biases.clone())
    );
    // What the batch moved is every grade that ends up different.
    let start = Session::new(demo_input());
    let differ: Vec<usize> = (0..start.input.employees.len())
        .filter(|&e| start.results().employees[e].grade != batch.results().employees[e].grade)
        .collect();
    assert_eq!(batch.note(0).map(|n| n.moved.clone()), Some(differ.clone()));
    assert_eq!(outcome.moved, differ.len());
    assert_eq!(batch.note(1).map(|n| n.batch_start), Some(Some(0)));
    // Undone as one act, to the input.
    batch.undo().expect("undone");
    assert_eq!(batch.results(), start.results());
}

#[test]
fn agenda_marks_and_sign_off_keep_the_record_and_change_no_number() {
    use crate::engine::decision::Item;
    let mut session = Session::new(demo_input()).track_figures();
    let results = session.results().clone();
    session
        .decide(Decision::new(Change::Discussed {
            item: Item::Rater("M07".into()),
            note: Some("lenient, corrected next".into()),
        }))
        .expect("a known rater");
    session
        .decide(Decision::new(Change::Discussed {
            item: Item::Group("CS-SMALL".into()),
            note: None,
        }))
        .expect("a pool is a group");
    let unknown = session.decide(Decision::new(Change::Discussed {
        item: Item::Group("NOPE".into()),
        note: None,
    }));
    assert!(unknown.is_err_and(|e| e.to_string().contains("not a group")));
    assert_eq!(session.results(), &results, "no number moved");
    assert_eq!(session.state().discussed.len(), 2);

    // Signed off: nothing but a reopen with a reason follows.
    let unsigned = session.decide(Decision::new(Change::SignOff));
    assert!(unsigned.is_err(), "a sign-off needs by");
    session
        .decide(Decision {
            by: Some("HR 林".into()),
            at: Some("2026-12-01T12:00:00Z".into()),
            ..Decision::new(Change::SignOff)
        })
        .expect("signed");
    assert!(
        session
            .decide(zscore("M07"))
            .is_err_and(|e| e.to_string().contains("signed off"))
    );
    assert!(
        session
            .decide(Decision {
                by: Some("HR".into()),
                ..Decision::new(Change::SignOff)
            })
            .is_err(),
        "a second sign-off is refused"
    );
    assert!(
        session.decide(Decision::new(Change::Reopen)).is_err(),
        "a reason"
    );
    let json = String::from_utf8(export::to_json(&session)).expect("utf-8");
    assert!(
        json.contains("\"signed_off\": {\n    \"by\": \"HR 林\""),
        "{json}"
    );
    session
        .decide(Decision::new(Change::Reopen).with_reason("one more override"))
        .expect("reopened");
    session.decide(zscore("M07")).expect("open again");
    let json = String::from_utf8(export::to_json(&session)).expect("utf-8");
    assert!(json.contains("\"signed_off\": null"));

    // Undoing the reopen signs it off again; all of it round-trips.
    session.undo();
    session.undo();
    assert!(session.signed_off().is_some());
    let again = fresh_replay(&session);
    assert_eq!(again.state(), session.state());
    assert_eq!(round_trip(&session).decisions, session.decisions());
    let reopen_first = Session::replay(
        demo_input(),
        &SessionFile::parse(&SourceFile::new(
            "s.json",
            r#"{"version": 1, "decisions": [{ "kind": "reopen", "reason": "x" }]}"#,
        ))
        .expect("parses"),
    );
    assert!(
        reopen_first.is_err(),
        "a reopen of a session that is not signed off"
    );
}

#[test]
fn a_refused_replacement_leaves_the_last_decision_in_force() {
    let mut session = Session::new(demo_input()).track_figures();
    let linear = |stretch| {
        Decision::new(Change::RaterScale {
            rater: "M06".into(),
            transform: Transform::Linear {
                stretch,
                shift: Decimal::ZERO,
            },
        })
    };
    session
        .decide(linear(Decimal::new(12, 1)))
        .expect("applies");
    let before = (session.state().clone(), session.results().clone());
    let refused = session.replace_last(linear(Decimal::new(1000, 0)));
    assert!(refused.is_err_and(|e| e.to_string().contains("0.1 to 10")));
    assert_eq!(session.decisions(), &[linear(Decimal::new(12, 1))]);
    assert_eq!((session.state().clone(), session.results().clone()), before);
    assert!(
        session.decide(linear(Decimal::new(1000, 0))).is_err(),
        "checked without a copy"
    );
}

#[test]
fn a_reopened_batch_is_noted_as_it_was_made() {
    let mut session = Session::new(demo_input()).track_figures();
    session.decide(zscore("M04")).expect("applies");
    let all: Vec<Decision> = ["M01", "M02", "M07"].into_iter().map(zscore).collect();
    session.decide_all(all).expect("applies");
    let reopened = fresh_replay(&session).track_figures();
    for i in 0..session.decisions().len() {
        assert_eq!(reopened.note(i), session.note(i), "note {i}");
    }
    assert_eq!(reopened.note(2).and_then(|n| n.batch_start), Some(1));
}

/// A regrade recounts only the raters a moved cut-off crosses: on a
/// company of 3,000 every department regraded in turn (and each undone
/// and redone) leaves the figures equal to figures computed anew.
#[test]
fn kept_figures_follow_many_regrades_of_a_large_company() {
    let dir = tempfile::tempdir().expect("tempdir");
    calibra_synth::write(&calibra_synth::Spec::new(3_000, 7), dir.path()).expect("written");
    let input = load::load(load::read_folder(dir.path()))
        .expect("the generated folder loads")
        .input;
    let departments: Vec<(String, usize)> = input
        .departments
        .iter()
        .map(|d| (d.id.clone(), d.grade))
        .collect();
    let grades = input.policy.department_grades.clone();
    let mut session = Session::new(input).track_figures();
    let mut crossed_some = false;
    for (i, (id, grade)) in departments.iter().enumerate().take(12) {
        let to = &grades[(grade + 1 + i % 2) % grades.len()];
        let before = session.figures().expect("tracked").cutoffs.clone();
        session.decide(regrade(id, to)).expect("applies");
        crossed_some |= session.figures().expect("tracked").cutoffs != before;
        let anew = Figures::new(&session);
        assert_eq!(
            session.figures().expect("tracked").biases,
            anew.biases,
            "after {id}"
        );
        if i % 3 == 0 {
            session.undo();
            assert_eq!(
                session.figures().expect("tracked").biases,
                Figures::new(&session).biases,
                "after undoing {id}"
            );
            session.redo();
        }
    }
    assert!(crossed_some, "some regrade moved the company's cut-offs");
    assert_eq!(
        session.figures().expect("tracked").biases,
        Figures::new(&session).biases
    );
}
