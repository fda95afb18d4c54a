#![allow(clippy::panic)] // A test fails by panicking.

//! The TUI's state machine driven by key events, and its screens rendered on
//! a `TestBackend` (snapshots reviewed by eye once and kept).

use calibra::demo;
use calibra::engine::decision::Change;
use calibra::engine::export;
use calibra::engine::load;
use calibra::engine::session::Session;
use calibra::engine::transform::Transform;
use calibra::tui::app::{App, Effect, Mode, Screen};
use ratatui::crossterm::event::KeyCode;
use rust_decimal_macros::dec;

use crate::support::{NOW, demo_app, press, type_text};

/// The export a fresh replay of the app's decisions gives: what
/// `calibra export --session` would write.
fn replayed_csv(app: &App) -> Vec<u8> {
    let loaded = load::load(demo::files()).expect("valid");
    let file = app.session().to_file();
    let session = Session::replay(loaded.input, &file).expect("replayable");
    export::to_csv(&session)
}

fn select_rater(app: &mut App, id: &str) {
    for _ in 0..app.raters().order.len() {
        let selected = app.selected_rater().expect("raters");
        if app.session().input.raters[selected].id == id {
            return;
        }
        press(app, &[KeyCode::Right]);
    }
    panic!("rater {id} not found");
}

#[test]
fn the_lenient_rater_is_first_and_z_scoring_it_matches_the_engine() {
    let mut app = demo_app(None);
    let first = app.selected_rater().expect("raters");
    assert_eq!(
        app.session().input.raters[first].id,
        "M07",
        "sorted by bias, most lenient first"
    );
    let before = export::to_csv(app.session());
    let effects = press(&mut app, &[KeyCode::Char('z')]);
    assert_eq!(effects, vec![Effect::Save]);
    let decisions = app.session().decisions();
    assert_eq!(decisions.len(), 1);
    assert_eq!(
        decisions[0].change,
        Change::RaterScale {
            rater: "M07".into(),
            transform: Transform::ZScore {
                mean: None,
                sd: None
            }
        }
    );
    assert_eq!(decisions[0].at.as_deref(), Some(NOW));
    assert_eq!(decisions[0].by.as_deref(), Some("HR"));
    let after = export::to_csv(app.session());
    assert_ne!(before, after, "z-scoring the lenient rater moves grades");
    assert_eq!(
        after,
        replayed_csv(&app),
        "the screen's numbers are the export's"
    );
    let moved = app.session().note(0).map_or(0, |n| n.moved.len());
    assert!(moved > 0);
    let message = app
        .message()
        .as_ref()
        .map(|m| m.0.clone())
        .unwrap_or_default();
    assert!(
        message.contains(&format!("{moved} grades moved")),
        "{message}"
    );

    press(&mut app, &[KeyCode::Char('u')]);
    assert!(app.session().decisions().is_empty());
    assert_eq!(
        export::to_csv(app.session()),
        before,
        "undo restores the export byte for byte"
    );
    press(&mut app, &[KeyCode::Char('U')]);
    assert_eq!(export::to_csv(app.session()), after, "redo brings it back");
}

#[test]
fn repeated_adjustments_of_one_rater_are_one_decision() {
    let mut app = demo_app(None);
    select_rater(&mut app, "M04");
    press(
        &mut app,
        &[KeyCode::Char('+'), KeyCode::Char('+'), KeyCode::Char('+')],
    );
    assert_eq!(app.session().decisions().len(), 1);
    assert_eq!(
        app.session().decisions()[0].change,
        Change::RaterScale {
            rater: "M04".into(),
            transform: Transform::Offset { delta: dec!(3) }
        }
    );
    press(&mut app, &[KeyCode::Char(']')]);
    assert_eq!(
        app.session().decisions()[0].change,
        Change::RaterScale {
            rater: "M04".into(),
            transform: Transform::Linear {
                stretch: dec!(1.1),
                shift: dec!(3)
            }
        }
    );
    assert_eq!(
        app.session().decisions()[0].reason.as_deref(),
        Some("linear ×1.1 +3; raw scores severe (n=10, Δ -10.38 vs others)"),
        "the generated reason follows the adjustment"
    );
    // Another rater starts a new decision.
    press(&mut app, &[KeyCode::Right, KeyCode::Char('-')]);
    assert_eq!(app.session().decisions().len(), 2);
    assert_eq!(export::to_csv(app.session()), replayed_csv(&app));
    press(&mut app, &[KeyCode::Char('u'), KeyCode::Char('u')]);
    assert!(
        app.session().decisions().is_empty(),
        "one undo per decision"
    );
}

#[test]
fn z_score_all_is_one_batch_for_undo() {
    let mut app = demo_app(None);
    let original = export::to_csv(app.session());
    press(&mut app, &[KeyCode::Char('Z')]);
    assert_eq!(app.session().decisions().len(), 8);
    assert!(app.session().state().transforms.iter().all(|t| *t
        == Transform::ZScore {
            mean: None,
            sd: None
        }));
    assert_eq!(export::to_csv(app.session()), replayed_csv(&app));
    press(&mut app, &[KeyCode::Char('u')]);
    assert!(app.session().decisions().is_empty());
    assert_eq!(export::to_csv(app.session()), original);
}

#[test]
fn an_override_needs_a_reason() {
    let mut app = demo_app(None);
    press(&mut app, &[KeyCode::Char('3')]);
    assert_eq!(app.screen(), Screen::Employees);
    // First row: E0001, auto grade A.
    assert_eq!(app.employees().selected_employee(), Some(0));
    press(&mut app, &[KeyCode::Char('+')]);
    assert!(matches!(app.mode(), Mode::Prompt(_)), "asks for a reason");
    press(&mut app, &[KeyCode::Enter]);
    assert!(
        matches!(app.mode(), Mode::Prompt(_)),
        "a blank reason is refused"
    );
    assert!(app.session().decisions().is_empty());
    type_text(&mut app, "  ");
    press(&mut app, &[KeyCode::Enter]);
    assert!(
        app.session().decisions().is_empty(),
        "spaces are not a reason"
    );
    type_text(&mut app, "led the 11.11 peak");
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.mode(), Mode::Normal));
    let decisions = app.session().decisions();
    assert_eq!(decisions.len(), 1);
    assert_eq!(
        decisions[0].change,
        Change::Override {
            employee: "E0001".into(),
            grade: "S".into()
        }
    );
    // Kept exactly as typed (contract 6.1), the two spaces typed first too.
    assert_eq!(decisions[0].reason.as_deref(), Some("  led the 11.11 peak"));
    let row = export::row(app.session(), 0);
    assert_eq!((row.auto_grade, row.grade), (Some("A"), Some("S")));
    assert_eq!(export::to_csv(app.session()), replayed_csv(&app));

    // Clearing asks for an optional reason, and Esc cancels without deciding.
    press(&mut app, &[KeyCode::Char('x'), KeyCode::Esc]);
    assert_eq!(app.session().decisions().len(), 1);
    press(&mut app, &[KeyCode::Char('x'), KeyCode::Enter]);
    assert_eq!(app.session().decisions().len(), 2);
    assert_eq!(export::row(app.session(), 0).grade, Some("A"));
}

#[test]
fn ctrl_w_and_ctrl_u_erase_a_word_and_the_whole_prompt() {
    use calibra::tui::action_for;
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let mut app = demo_app(None);
    let text = |app: &App| match app.mode() {
        Mode::Prompt(prompt) => prompt.text.clone(),
        other => panic!("no prompt open: {other:?}"),
    };
    let ctrl = |app: &mut App, c: char| {
        let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let action = action_for(app, &event).expect("an editing key");
        assert!(app.update(action, NOW).is_empty());
    };
    press(&mut app, &[KeyCode::Char('3'), KeyCode::Char('+')]);
    type_text(&mut app, "led the  peak ");
    ctrl(&mut app, 'w');
    assert_eq!(text(&app), "led the  ");
    ctrl(&mut app, 'w');
    assert_eq!(text(&app), "led ");
    // Clears a pre-filled answer too (the sign-off's login name).
    ctrl(&mut app, 'u');
    assert_eq!(text(&app), "");
    type_text(&mut app, "led the 11.11 peak");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(
        app.session().decisions()[0].reason.as_deref(),
        Some("led the 11.11 peak")
    );
}

#[test]
fn department_grades_change_from_the_groups_screen() {
    let mut app = demo_app(None);
    press(
        &mut app,
        &[KeyCode::Char('2'), KeyCode::Down, KeyCode::Down],
    );
    // Third group: CS-RET, graded B.
    assert_eq!(
        app.session().input.groups[app.groups().selected].id,
        "CS-RET"
    );
    press(&mut app, &[KeyCode::Char('+')]);
    assert!(matches!(app.mode(), Mode::Prompt(_)), "asks for a reason");
    type_text(&mut app, "refunds on time");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(
        app.session().decisions()[0].reason.as_deref(),
        Some("refunds on time")
    );
    assert_eq!(
        app.session().decisions()[0].change,
        Change::DepartmentGrade {
            department: "CS-RET".into(),
            grade: "A".into()
        }
    );
    assert_eq!(export::to_csv(app.session()), replayed_csv(&app));
    press(&mut app, &[KeyCode::Char('+')]);
    assert_eq!(
        app.session().decisions().len(),
        1,
        "A is already the best department grade"
    );
}

#[test]
fn filtering_and_sorting_the_employee_table() {
    let mut app = demo_app(None);
    press(&mut app, &[KeyCode::Char('3'), KeyCode::Char('/')]);
    type_text(&mut app, "CS-LOG");
    assert_eq!(app.employees().rows.len(), 9, "live filter as it is typed");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.employees().rows.len(), 9, "Enter keeps it");
    press(&mut app, &[KeyCode::Char('/'), KeyCode::Esc]);
    assert_eq!(app.employees().rows.len(), 78, "Esc clears it");
    // Sort by final score, best first.
    for _ in 0..7 {
        press(&mut app, &[KeyCode::Char('s')]);
    }
    let results = app.session().results();
    let finals: Vec<_> = app
        .employees()
        .rows
        .iter()
        .map(|&e| results.employees[e].final_score)
        .collect();
    assert!(
        finals.windows(2).all(|w| w[0] >= w[1]),
        "sorted by final score descending"
    );
}

#[test]
fn export_from_the_tui_is_the_cli_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = demo_app(None);
    press(&mut app, &[KeyCode::Char('z'), KeyCode::Char('e')]);
    let Mode::Prompt(prompt) = app.mode() else {
        panic!("export asks for a path")
    };
    assert_eq!(prompt.text, "demo-grades.csv");
    // Replace the offered path.
    for _ in 0.."demo-grades.csv".len() {
        press(&mut app, &[KeyCode::Backspace]);
    }
    let path = dir.path().join("out.csv");
    type_text(&mut app, &path.display().to_string());
    press(&mut app, &[KeyCode::Enter]);
    let written = std::fs::read(&path).expect("exported");
    assert_eq!(written, replayed_csv(&app));
    let message = app
        .message()
        .as_ref()
        .map(|m| m.0.clone())
        .unwrap_or_default();
    assert!(message.contains(&path.display().to_string()), "{message}");
}

#[test]
fn decisions_are_saved_as_they_are_made_and_resume() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.json");
    let mut app = demo_app(Some(path.clone()));
    press(&mut app, &[KeyCode::Char('z')]);
    let saved = calibra::workspace::store::load(&path)
        .expect("readable")
        .expect("saved");
    assert_eq!(saved.decisions, app.session().decisions());
    press(&mut app, &[KeyCode::Char('u')]);
    let saved = calibra::workspace::store::load(&path)
        .expect("readable")
        .expect("saved");
    assert!(saved.decisions.is_empty(), "undo is saved too");
}

use crate::support::render;

fn app_with_session() -> App {
    let mut app = demo_app(None);
    press(&mut app, &[KeyCode::Char('z')]);
    // Any key clears the message line; this one keeps the screen.
    app.update(calibra::tui::app::Action::Show(Screen::Raters), NOW);
    app
}

#[test]
fn snapshots_of_every_screen() {
    for (width, height) in [(80, 24), (100, 30), (160, 45), (200, 55)] {
        let mut app = app_with_session();
        app.update(calibra::tui::app::Action::Layout { width, height }, NOW);
        for screen in [
            "raters",
            "groups",
            "employees",
            "decisions",
            "agenda",
            "warnings",
            "summary",
            "fairness",
        ] {
            insta::assert_snapshot!(
                format!("{screen}_{width}x{height}"),
                render(&app, width, height)
            );
            press(&mut app, &[KeyCode::Tab]);
        }
        press(&mut app, &[KeyCode::Char('?')]);
        insta::assert_snapshot!(
            format!("help_{width}x{height}"),
            render(&app, width, height)
        );
        // The raters' table, a person's detail and the find prompt.
        press(
            &mut app,
            &[KeyCode::Esc, KeyCode::Char('1'), KeyCode::Char('t')],
        );
        insta::assert_snapshot!(
            format!("raters_table_{width}x{height}"),
            render(&app, width, height)
        );
        press(&mut app, &[KeyCode::Char('3'), KeyCode::Enter]);
        insta::assert_snapshot!(
            format!("person_{width}x{height}"),
            render(&app, width, height)
        );
        press(
            &mut app,
            &[KeyCode::Esc, KeyCode::Char('1'), KeyCode::Char('/')],
        );
        type_text(&mut app, "m0");
        insta::assert_snapshot!(
            format!("find_{width}x{height}"),
            render(&app, width, height)
        );
        // Who the z-score moved among gender F, and the decision behind.
        press(
            &mut app,
            &[KeyCode::Esc, KeyCode::Char('8'), KeyCode::Enter],
        );
        insta::assert_snapshot!(
            format!("movers_{width}x{height}"),
            render(&app, width, height)
        );
    }
}

#[test]
fn a_tiny_window_asks_to_be_enlarged_and_nothing_panics() {
    let app = app_with_session();
    let text = render(&app, 40, 10);
    assert!(text.contains("Enlarge"), "{text}");
    for (w, h) in [(1, 1), (2, 1), (59, 15), (60, 15), (61, 16), (200, 3)] {
        render(&app, w, h);
    }
}

#[test]
fn wide_names_are_never_split() {
    let app = {
        let mut app = app_with_session();
        press(&mut app, &[KeyCode::Char('3')]);
        app
    };
    let text = render(&app, 80, 24);
    // Every employee row keeps whole characters: its name column is the
    // same as the data's (or cut with an ellipsis).
    assert!(text.contains("周芷瑄"), "{text}");
    assert!(!text.contains('\u{FFFD}'));
}

#[test]
fn privacy_hides_names() {
    let mut app = app_with_session();
    press(&mut app, &[KeyCode::Char('p'), KeyCode::Char('3')]);
    let text = render(&app, 160, 45);
    assert!(!text.contains("周芷瑄"));
    assert!(text.contains("E0001"));
    press(&mut app, &[KeyCode::Char('1')]);
    let text = render(&app, 160, 45);
    assert!(!text.contains("蔡文龍"), "rater names hidden too");
    // The record: reasons hidden, in the table and in the full text of the
    // selected decision below it.
    press(&mut app, &[KeyCode::Char('4')]);
    let text = render(&app, 160, 45);
    assert!(text.contains("M07: z-score to pool"), "{text}");
    assert!(!text.contains("raw scores"), "{text}");
    assert!(text.contains("reason: (hidden)"), "{text}");
}

#[test]
fn esc_after_a_search_jumps_to_the_person() {
    let mut app = demo_app(None);
    press(&mut app, &[KeyCode::Char('3'), KeyCode::Char('/')]);
    type_text(&mut app, "E0050");
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.employees().rows.len(), 78, "the filter is dropped");
    let selected = app.employees().selected_employee().expect("a selection");
    assert_eq!(app.session().input.employees[selected].id, "E0050");
    assert!(app.employees().cursor.offset <= app.employees().cursor.selected);
}

#[test]
fn the_warning_count_on_screen_is_the_engines() {
    let mut app = demo_app(None);
    let check = |app: &App| assert_eq!(app.warning_count(), app.session().warnings().len());
    check(&app);
    press(&mut app, &[KeyCode::Char('Z')]);
    check(&app);
    press(&mut app, &[KeyCode::Char('3'), KeyCode::Char('+')]);
    type_text(&mut app, "reason");
    press(&mut app, &[KeyCode::Enter]);
    check(&app);
    press(
        &mut app,
        &[
            KeyCode::Char('2'),
            KeyCode::Down,
            KeyCode::Char('-'),
            KeyCode::Enter,
        ],
    );
    check(&app);
    press(&mut app, &[KeyCode::Char('u'), KeyCode::Char('u')]);
    check(&app);
}

#[test]
fn incremental_rater_figures_equal_a_full_recomputation() {
    let mut app = demo_app(None);
    let check = |app: &App, when: &str| {
        let full = calibra::engine::bias::rater_biases(app.session());
        let kept = &app
            .session()
            .figures()
            .expect("the screen keeps figures")
            .biases;
        assert_eq!(kept, &full, "after {when}");
    };
    press(&mut app, &[KeyCode::Char('z')]);
    check(&app, "a z-score");
    press(
        &mut app,
        &[
            KeyCode::Char('2'),
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Char('+'),
        ],
    );
    press(&mut app, &[KeyCode::Enter]);
    check(&app, "a department regrade");
    press(&mut app, &[KeyCode::Char('u')]);
    check(&app, "undoing the regrade");
    press(&mut app, &[KeyCode::Char('1'), KeyCode::Char('Z')]);
    check(&app, "z-scoring everyone");
    press(&mut app, &[KeyCode::Char('u'), KeyCode::Char('u')]);
    check(&app, "undoing everything");
}

/// Issue 10.2: "Next in line" is worked out after overrides: once the
/// first person out of A is overridden up, the next one is out.
#[test]
fn next_in_line_follows_overrides() {
    let mut app = demo_app(None);
    let boundary = |app: &App| -> String {
        render(app, 160, 45)
            .lines()
            .find(|l| l.contains(" A|B "))
            .unwrap_or_default()
            .to_string()
    };
    // CS-PRE is the first group.
    press(&mut app, &[KeyCode::Char('2')]);
    let before = boundary(&app);
    let out = before
        .split("out: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("someone is first out")
        .to_string();
    // Override that person up to A.
    press(&mut app, &[KeyCode::Char('3'), KeyCode::Char('/')]);
    type_text(&mut app, &out);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('+')]);
    type_text(&mut app, "promoted by the committee");
    press(&mut app, &[KeyCode::Enter, KeyCode::Esc]);
    assert_eq!(app.session().decisions().len(), 1, "{before}");
    press(&mut app, &[KeyCode::Char('2')]);
    let after = boundary(&app);
    assert!(!after.contains(&format!("out: {out}")), "{before}\n{after}");
    assert!(
        after.contains(&format!("in: {out}")),
        "now the last in: {after}"
    );
}

/// Issue 10.6: the bias order accounts for sample size (a rater with two
/// ratings does not lead as "most lenient"), and Z skips small samples.
#[test]
fn the_bias_order_and_z_respect_small_samples() {
    use calibra::tui::app::Origin;
    use calibra::tui::theme::{Theme, ThemeName};
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("acme");
    std::fs::create_dir_all(dir.join("submissions")).expect("mkdir");
    std::fs::copy(
        crate::support::fixture("small").join("policy.json"),
        dir.join("policy.json"),
    )
    .expect("policy");
    let employees: Vec<String> = (1..=22)
        .map(|i| format!(r#"{{"id": "E{i:02}", "name": "P{i}", "department": "D1"}}"#))
        .collect();
    std::fs::write(
        dir.join("org.json"),
        format!(
            r#"{{"departments": [{{"id": "D1", "name": "d", "grade": "A"}}], "employees": [{}]}}"#,
            employees.join(",")
        ),
    )
    .expect("org");
    let mut csv = String::from("rater_id,rater_name,employee_id,score\n");
    // T: two ratings, the highest mean, but an interval that holds 0.
    csv.push_str("T,Tiny,E01,100\nT,Tiny,E02,90\n");
    // L: ten ratings, clearly lenient; N: ten, the middle.
    for i in 3..=12 {
        csv.push_str(&format!("L,Lenient,E{i:02},{}\n", 85 + i % 3));
    }
    for i in 13..=22 {
        csv.push_str(&format!("N,Normal,E{i:02},{}\n", 70 + i % 5));
    }
    std::fs::write(dir.join("submissions/all.csv"), csv).expect("ratings");
    let input = load::load(load::read_folder(&dir)).expect("valid").input;
    let origin = Origin {
        input: "acme".into(),
        input_dir: None,
        session_path: None,
        export_stem: "acme-grades".into(),
        by: None,
    };
    let mut app = App::new(
        Session::new(input),
        origin,
        Theme::new(ThemeName::Dark),
        None,
    );
    let first = app.selected_rater().expect("raters");
    assert_eq!(
        app.session().input.raters[first].id,
        "L",
        "clearly lenient first"
    );
    press(&mut app, &[KeyCode::Char('Z')]);
    let message = app.message().map(|m| m.0.clone()).unwrap_or_default();
    assert!(
        message.contains("Z-scored 2 raters (skipped 1"),
        "{message}"
    );
    let z: Vec<&str> = app
        .session()
        .decisions()
        .iter()
        .filter_map(|d| match &d.change {
            Change::RaterScale { rater, .. } => Some(rater.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(z, vec!["L", "N"], "T has too few ratings");
}

#[test]
fn the_export_prompt_writes_a_workbook_identical_to_the_command_lines() {
    let mut app = app_with_session();
    press(&mut app, &[KeyCode::Char('e'), KeyCode::Tab, KeyCode::Tab]);
    let Mode::Prompt(prompt) = app.mode().clone() else {
        panic!("the export prompt is open")
    };
    assert!(prompt.text.ends_with("-grades.xlsx"), "{}", prompt.text);
    assert_eq!(
        prompt.kind,
        calibra::tui::app::PromptKind::Export {
            format: calibra::tui::action::ExportFormat::Xlsx
        }
    );
    press(&mut app, &[KeyCode::Tab]);
    let Mode::Prompt(prompt) = app.mode().clone() else {
        panic!("still open")
    };
    assert!(
        prompt.text.ends_with("-grades.csv"),
        "Tab comes round to CSV"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("grades.xlsx");
    calibra::tui::perform(
        &mut app,
        Effect::Export {
            path: path.clone(),
            format: calibra::tui::action::ExportFormat::Xlsx,
        },
    );
    let written = std::fs::read(&path).expect("written");
    assert_eq!(
        written,
        export::to_xlsx(app.session()).expect("a workbook"),
        "the screen writes what `calibra export --format xlsx` writes"
    );
}

#[test]
fn linked_ratings_proposals_are_ordinary_decisions_once_accepted() {
    let mut app = demo_app(None);
    let model = calibra::engine::rater_model::fit(&app.session().input);
    let rater = app.selected_rater().expect("a rater");
    let severity = model.raters[rater]
        .severity
        .expect("the demo links its raters");
    // One rater: the reason carries the figure; Enter accepts.
    press(&mut app, &[KeyCode::Char('o')]);
    let Mode::Prompt(prompt) = app.mode().clone() else {
        panic!("a proposal to accept or decline")
    };
    assert!(
        prompt.text.starts_with("linked-ratings severity "),
        "{}",
        prompt.text
    );
    press(&mut app, &[KeyCode::Enter]);
    let decision = app.session().decisions().last().expect("accepted");
    let places = app.session().input.policy.score.decimals + 2;
    let expected = rust_decimal::Decimal::from_f64_retain(-severity)
        .expect("finite")
        .round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(
        decision.change,
        Change::RaterScale {
            rater: app.session().input.raters[rater].id.to_string(),
            transform: Transform::Offset { delta: expected },
        }
    );
    press(&mut app, &[KeyCode::Char('u')]);
    assert!(app.session().decisions().is_empty());

    // The demo has no rater whose severity is clearly non-zero: said so.
    press(&mut app, &[KeyCode::Char('P')]);
    assert!(
        matches!(app.mode(), Mode::Prompt(p) if p.question.starts_with("No rater's")),
        "{:?}",
        app.mode()
    );

    // A generated company has some: previewed, accepted as one batch.
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("acme");
    calibra_synth::write(&calibra_synth::Spec::new(2_000, 7), &dir).expect("generated");
    let calibra::tui::Opening::Ready(app) = calibra::tui::prepare(
        &calibra::tui::Options {
            dir: Some(dir),
            session: Some(root.path().join("s.json")),
            theme: calibra::tui::theme::ThemeName::Dark,
            read_only: false,
            previous: None,
            lang: calibra::i18n::Lang::En,
        },
        &|_| {},
    )
    .unwrap_or_else(|e| panic!("{e}")) else {
        panic!("nothing to review")
    };
    let mut app = *app;
    crate::support::deliver_linked(&mut app);
    let model = calibra::engine::rater_model::fit(&app.session().input);
    let clear = model
        .raters
        .iter()
        .filter(|e| match (e.severity, e.severity_se) {
            (Some(s), Some(se)) => s.abs() > 1.96 * se,
            _ => false,
        })
        .count();
    press(&mut app, &[KeyCode::Char('P')]);
    let Mode::Prompt(prompt) = app.mode().clone() else {
        panic!("a previewed batch")
    };
    assert!(
        prompt.question.contains(&format!("Offset {clear} rater")),
        "{}",
        prompt.question
    );
    assert!(
        clear > 0 && prompt.question.contains("would move"),
        "{}",
        prompt.question
    );
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.session().decisions().len(), clear);
    assert_eq!(
        app.session().last_act().len(),
        clear,
        "one act: one u undoes it"
    );
}

#[test]
fn the_bonus_panel_adds_the_pool_up_by_grade_and_shows_what_the_last_act_changed() {
    let mut app = crate::support::fixture_app("small-bonus");
    press(&mut app, &[KeyCode::Char('b')]);
    assert!(matches!(app.mode(), Mode::Panel(_)), "b opens the panel");
    let screen = render(&app, 100, 30);
    // fixtures/small-bonus/EXPECTED.md: A = E01 + E02 + E05 + E09 = 8.47 +
    // 12.71 + 10.59 + 5.65; D1 = E01..E04 = 8.47 + 12.71 + 14.12 + 16.94.
    assert!(
        screen.contains("Pool 100.00 · allocated 100.00 · 1 unrated: no bonus"),
        "{screen}"
    );
    assert!(screen.contains("A 優秀"), "{screen}");
    assert!(screen.contains("4 → 4   37.42   37.42   ±0.00"), "{screen}");
    assert!(screen.contains("4 → 4   52.24   52.24   ±0.00"), "{screen}");
    assert!(screen.contains("moved no grade"), "{screen}");
    insta::assert_snapshot!("bonus_panel_100x30", screen);
    // E07 (row 7, grade C) overridden up to B.
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('3')]);
    press(&mut app, &[KeyCode::Down; 6]);
    press(&mut app, &[KeyCode::Char('+')]);
    type_text(&mut app, "covered the peak");
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('b')]);
    let screen = render(&app, 100, 30);
    assert!(screen.contains("E07 → B"), "{screen}");
    // E07's share 0.5 -> 1, S = 21.75; worked with exact fractions and the
    // largest-remainder rule (5 units left over): A 36.55, B 58.85, C 4.60
    // (E11 alone), against 37.42, 55.53 and 7.05 before.
    assert!(screen.contains("2 → 1    7.05    4.60   −2.45"), "{screen}");
    assert!(
        screen.contains("by grade: A −0.87, B +3.32, C −2.45"),
        "{screen}"
    );
    insta::assert_snapshot!("bonus_panel_after_an_override_100x30", screen);
}

#[test]
fn the_summary_names_the_managers_behind_with_their_ratings() {
    // fixtures/managers: R2 has not rated E08, R4 none of E11 and E12.
    let mut app = crate::support::fixture_app("managers");
    press(&mut app, &[KeyCode::Char('7')]);
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("Submissions: 2 managers behind (R2, R4; 6 lists them)"),
        "{screen}"
    );
}

#[test]
fn the_screen_opens_before_the_linked_ratings_model_and_shows_severity_once_it_arrives() {
    let mut app = crate::support::demo_app_linking(None);
    assert!(app.is_linking());
    // The first frame is drawn without the model: cards and table say so.
    let cards = render(&app, 160, 45);
    assert!(cards.contains("sevlinking…"), "{cards}");
    assert!(
        !cards.contains("sev+") && !cards.contains("sev-"),
        "{cards}"
    );
    press(&mut app, &[KeyCode::Char('t')]);
    assert!(render(&app, 200, 55).contains("linking…"));
    press(&mut app, &[KeyCode::Char('t')]);
    app.update(calibra::tui::app::Action::Show(Screen::Summary), NOW);
    assert!(render(&app, 160, 45).contains("Linked ratings: linking raters"));
    app.update(calibra::tui::app::Action::Show(Screen::Raters), NOW);

    // A proposal waits for the figures it would quote: said, nothing decided.
    for key in ['o', 'P'] {
        press(&mut app, &[KeyCode::Char(key)]);
        assert!(
            matches!(app.mode(), Mode::Prompt(p) if p.question.starts_with("Linked ratings are still being computed")),
            "{key}: {:?}",
            app.mode()
        );
        press(&mut app, &[KeyCode::Esc]);
        assert_eq!(app.mode(), &Mode::Normal);
    }
    assert!(app.session().decisions().is_empty());

    // The model arrives (as the event loop hands it over): severities show.
    crate::support::deliver_linked(&mut app);
    assert!(!app.is_linking());
    let rater = app.selected_rater().expect("a rater");
    let severity = app
        .linked_effect(rater)
        .and_then(|e| e.severity)
        .expect("the demo links its raters");
    let cards = render(&app, 160, 45);
    assert!(!cards.contains("linking…"), "{cards}");
    assert!(cards.contains(&format!("sev{severity:+.1}")), "{cards}");
    app.update(calibra::tui::app::Action::Show(Screen::Summary), NOW);
    assert!(render(&app, 160, 45).contains("raters share people"));
    app.update(calibra::tui::app::Action::Show(Screen::Raters), NOW);
    press(&mut app, &[KeyCode::Char('o')]);
    assert!(
        matches!(app.mode(), Mode::Prompt(p) if p.text.starts_with("linked-ratings severity ")),
        "{:?}",
        app.mode()
    );

    // A fit that failed says so rather than linking for ever.
    let mut failed = crate::support::demo_app_linking(None);
    failed.update(calibra::tui::app::Action::Linked(None), NOW);
    assert!(!failed.is_linking());
    assert!(!render(&failed, 160, 45).contains("linking…"));
    press(&mut failed, &[KeyCode::Char('o')]);
    assert!(
        matches!(failed.mode(), Mode::Prompt(p) if p.question.starts_with("Linked ratings could not be computed")),
        "{:?}",
        failed.mode()
    );
}

#[test]
fn the_network_panel_gives_the_linking_advice_of_stats() {
    let mut app = demo_app(None);
    press(&mut app, &[KeyCode::Char('L')]);
    assert!(matches!(app.mode(), Mode::Panel(_)), "L opens the panel");
    let screen = render(&app, 160, 45);
    assert!(
        screen.contains("Linked ratings: 7 of 8 raters share people, in 3 parts"),
        "{screen}"
    );
    // As `calibra stats fixtures/demo --link-advice 20` says it.
    for line in [
        "M01 王志明 should also rate E0033 呂雅琪: joins M01 to M04 (any)",
        "M07 蔡文龍 should also rate E0034 邱俊賢: joins M07 to M04 (any)",
        "M03 張建國 should also rate E0035 朱映彤: joins M03 to M04 (same department)",
    ] {
        assert!(screen.contains(line), "{line}\n{screen}");
    }
    // Privacy: ids only.
    press(
        &mut app,
        &[KeyCode::Esc, KeyCode::Char('p'), KeyCode::Char('L')],
    );
    let screen = render(&app, 160, 45);
    assert!(
        screen.contains("M03 should also rate E0035: joins M03 to M04"),
        "{screen}"
    );
    assert!(!screen.contains("張建國"), "{screen}");
}
