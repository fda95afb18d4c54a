#![allow(clippy::panic)] // A test fails by panicking.

//! One session, owned by the engine (issue 8): revoking on the live
//! screen, the command line saying what it applied and finding the live
//! screen's session (`--session last`), and one message for a damaged
//! session whichever face opens it.

use std::ffi::OsString;
use std::fs;

use calibra::engine::decision::{Change, Decision};
use calibra::engine::export;
use calibra::engine::load;
use calibra::engine::session::Session;
use calibra::tui::app::{Mode, Screen};
use calibra::tui::theme::ThemeName;
use calibra::tui::{Options, prepare};
use calibra::workspace::{paths, store};
use ratatui::crossterm::event::KeyCode;

use crate::support::{binary, copy_dir, demo_app, fixture, press, text, type_text};

#[test]
fn revoking_the_second_of_three_decisions_on_the_live_screen() {
    let mut app = demo_app(None);
    // 1: z-score the lenient rater; 2: override E0001; 3: regrade CS-RET.
    press(
        &mut app,
        &[KeyCode::Char('z'), KeyCode::Char('3'), KeyCode::Char('+')],
    );
    type_text(&mut app, "led the 11.11 peak");
    press(
        &mut app,
        &[
            KeyCode::Enter,
            KeyCode::Char('2'),
            KeyCode::Down,
            KeyCode::Char('+'),
        ],
    );
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.session().decisions().len(), 3);

    // The record is newest first: Down selects decision 2.
    press(
        &mut app,
        &[KeyCode::Char('4'), KeyCode::Down, KeyCode::Char('x')],
    );
    let Mode::Prompt(prompt) = app.mode() else {
        panic!("revoking asks for a reason")
    };
    assert!(
        prompt.question.contains("Revoke decision 2"),
        "{}",
        prompt.question
    );
    press(&mut app, &[KeyCode::Enter]);
    assert!(
        matches!(app.mode(), Mode::Prompt(_)),
        "a blank reason is refused"
    );
    type_text(&mut app, "wrong person");
    press(&mut app, &[KeyCode::Enter]);

    let decisions = app.session().decisions();
    assert_eq!(decisions.len(), 4, "one decision appended, none removed");
    assert_eq!(
        decisions[3].change,
        Change::ClearOverride {
            employee: "E0001".into()
        }
    );
    assert_eq!(decisions[3].revokes, Some(2));
    assert_eq!(decisions[3].reason.as_deref(), Some("wrong person"));
    // The first and third are in force: as if the second was never made.
    let input = load::load(calibra::demo::files()).expect("demo").input;
    let mut without = Session::new(input);
    without
        .decide_all(vec![decisions[0].clone(), decisions[2].clone()])
        .expect("applies");
    assert_eq!(export::to_csv(app.session()), export::to_csv(&without));
    // And it is revoked, not undone: undo takes back the revoke only.
    press(&mut app, &[KeyCode::Char('u')]);
    assert_eq!(app.session().decisions().len(), 3);
    assert_eq!(app.screen(), Screen::Decisions);
}

#[test]
fn the_command_line_says_what_it_applied_and_finds_the_live_screens_session() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("demo");
    copy_dir(&fixture("demo"), &dir);
    fs::remove_file(dir.join("session.json")).expect("not input");
    let data = root.path().join("data");
    // A session the live screen saved for this folder: three decisions.
    let saved = paths::default_session_path(&data, &dir);
    let input = load::load(load::read_folder(&dir)).expect("valid").input;
    let mut live = Session::new(input);
    live.decide(Decision::new(Change::RaterScale {
        rater: "M07".into(),
        transform: calibra::engine::transform::Transform::ZScore {
            mean: None,
            sd: None,
        },
    }))
    .expect("applies");
    live.decide(
        Decision::new(Change::Override {
            employee: "E0008".into(),
            grade: "S".into(),
        })
        .with_reason("led the peak"),
    )
    .expect("applies");
    live.decide(Decision::new(Change::DepartmentGrade {
        department: "CS-RET".into(),
        grade: "A".into(),
    }))
    .expect("applies");
    store::save_file(&saved, &live.to_file()).expect("saved");

    let export = |session: Option<&str>, out: &str| {
        let mut args: Vec<OsString> = vec!["export".into(), dir.clone().into()];
        if let Some(s) = session {
            args.extend(["--session".into(), s.into()]);
        }
        args.extend(["--out".into(), root.path().join(out).into()]);
        binary()
            .args(args)
            .env("CALIBRA_DATA_DIR", &data)
            .output()
            .expect("runs")
    };
    let plain = export(None, "plain.csv");
    let stderr = text(&plain.stderr);
    assert_eq!(plain.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("applied 0 decisions (no --session)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&saved.display().to_string()) && stderr.contains("(3 decisions)"),
        "names the saved session: {stderr}"
    );
    assert!(stderr.contains("--session last applies it"), "{stderr}");

    let last = export(Some("last"), "last.csv");
    let stderr = text(&last.stderr);
    assert_eq!(last.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("applied 3 decisions from"), "{stderr}");
    assert_eq!(
        fs::read(root.path().join("last.csv")).expect("written"),
        export::to_csv(&live),
        "byte for byte what the live screen exports"
    );
    // A file really named `last` is ./last.
    let really = export(Some("./last"), "really.csv");
    assert_eq!(really.status.code(), Some(1), "{}", text(&really.stderr));
}

#[test]
fn a_damaged_session_is_worded_the_same_by_the_command_line_and_the_screen() {
    let root = tempfile::tempdir().expect("tempdir");
    let session = root.path().join("s.json");
    fs::write(&session, "").expect("empty");
    let check = binary()
        .args([
            "check".into(),
            fixture("small").into_os_string(),
            "--session".into(),
            session.clone().into_os_string(),
        ])
        .output()
        .expect("runs");
    let cli = text(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{cli}");
    let screen = match prepare(
        &Options {
            dir: Some(fixture("small")),
            session: Some(session.clone()),
            theme: ThemeName::Dark,
            read_only: false,
            previous: None,
            lang: calibra::i18n::Lang::En,
        },
        &|_| {},
    ) {
        Err(message) => message,
        Ok(_) => panic!("an empty session is refused"),
    };
    let problem = "the session file is empty (0 bytes): it has no version and no decisions";
    assert!(cli.contains(problem), "{cli}");
    assert!(screen.contains(problem), "{screen}");
    let opening = format!(
        "calibra: the session file {} is damaged, so it was not opened:",
        session.display()
    );
    assert!(
        cli.contains(&opening) && screen.contains(&opening),
        "{cli}\n{screen}"
    );
    assert_eq!(
        fs::read(&session).expect("still there"),
        b"",
        "left as it is"
    );
}

#[test]
fn marking_discussed_and_signing_off_on_the_live_screen() {
    use calibra::engine::decision::Item;
    let mut app = demo_app(None);
    let rater = app.selected_rater().expect("a rater");
    let id = app.session().input.raters[rater].id.to_string();
    press(&mut app, &[KeyCode::Char('d')]);
    type_text(&mut app, "lenient; corrected");
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.is_discussed(&Item::Rater(id.clone())));
    assert_eq!(
        app.session().decisions()[0].change,
        Change::Discussed {
            item: Item::Rater(id.clone()),
            note: Some("lenient; corrected".into())
        }
    );
    // d again clears the mark.
    press(&mut app, &[KeyCode::Char('d')]);
    assert!(!app.is_discussed(&Item::Rater(id)));

    // Sign off: asks who (the operator by default), then refuses decisions.
    press(&mut app, &[KeyCode::Char('O')]);
    let Mode::Prompt(prompt) = app.mode() else {
        panic!("asks who signs")
    };
    assert_eq!(prompt.text, "HR");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(
        app.session().signed_off().map(|s| s.by.as_str()),
        Some("HR")
    );
    let n = app.session().decisions().len();
    press(&mut app, &[KeyCode::Char('z')]);
    assert_eq!(
        app.session().decisions().len(),
        n,
        "read-only once signed off"
    );
    // A reason typed after the refusal of an override runs nothing.
    press(&mut app, &[KeyCode::Char('3'), KeyCode::Char('+')]);
    type_text(&mut app, "undo everything");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.session().decisions().len(), n);
    // O reopens, with a reason.
    press(&mut app, &[KeyCode::Char('O'), KeyCode::Enter]);
    assert!(app.session().signed_off().is_some(), "a reason is required");
    type_text(&mut app, "one more override");
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.session().signed_off().is_none());
    let json = String::from_utf8(export::to_json(app.session())).expect("utf-8");
    assert!(json.contains("\"signed_off\": null"));
}
