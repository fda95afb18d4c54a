#![allow(clippy::panic)] // A test fails by panicking.

//! The second round of hardening (issue 9): each attack that lost or
//! misapplied a decision, reached the terminal, panicked or hung, as a
//! regression test. The live-screen attacks are driven through the same
//! `update` the real loop uses; the rest run the binary.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use calibra::engine::decision::{Change, Decision};
use calibra::engine::export;
use calibra::tui::app::{Action, Effect, Mode};
use calibra::tui::theme::ThemeName;
use calibra::tui::{Opening, Options, perform, prepare};
use calibra::workspace::store;
use ratatui::crossterm::event::KeyCode;

use crate::support::{NOW, binary, copy_dir, demo_app, fixture, names, press, text, type_text};

/// A copy of `fixtures/small` in a temporary folder: (root, input folder).
fn small() -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("acme");
    copy_dir(&fixture("small"), &dir);
    fs::remove_file(dir.join("EXPECTED.md")).expect("not input");
    (root, dir)
}

fn calibra(data: &Path, args: &[OsString]) -> Output {
    binary()
        .args(args)
        .env("CALIBRA_DATA_DIR", data)
        .output()
        .expect("calibra runs")
}

fn os(parts: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<OsString> {
    parts.iter().map(|p| p.as_ref().to_os_string()).collect()
}

fn screen(dir: &Path, session: Option<PathBuf>) -> calibra::tui::app::App {
    match prepare(
        &Options {
            dir: Some(dir.to_path_buf()),
            session,
            theme: ThemeName::Dark,
            read_only: false,
            previous: None,
            lang: calibra::i18n::Lang::En,
        },
        &|_| {},
    ) {
        Ok(Opening::Ready(app)) => *app,
        Ok(Opening::Review(_)) => panic!("nothing to review"),
        Err(message) => panic!("does not open: {message}"),
    }
}

/// 9.2: an export onto the session, its fingerprint, or into the input
/// folder is refused (exit 2) and changes nothing.
#[test]
fn export_never_writes_over_the_session_or_into_the_input() {
    let (root, dir) = small();
    let data = root.path().join("data");
    let session = root.path().join("s.json");
    fs::write(&session, r#"{"version": 1, "decisions": []}"#).expect("session");
    let before_session = fs::read(&session).expect("session");
    let before_input = names(&dir.join("submissions"));
    let org = fs::read(dir.join("org.json")).expect("org");
    for out in [
        session.clone(),
        root.path().join("s.input.json"),
        dir.join("org.json"),
        dir.join("policy.json"),
        dir.join("submissions/r1.json"),
        dir.join("submissions/new.csv"),
        dir.join("submissions/../grades.csv"),
        PathBuf::from("/dev/full"),
    ] {
        let run = calibra(
            &data,
            &os(&[&"export", &dir, &"--session", &session, &"--out", &out]),
        );
        let stderr = text(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{}: {stderr}", out.display());
        assert!(stderr.contains("nothing was written"), "{stderr}");
    }
    assert_eq!(fs::read(&session).expect("session"), before_session);
    assert_eq!(fs::read(dir.join("org.json")).expect("org"), org);
    assert_eq!(names(&dir.join("submissions")), before_input);
    assert!(!dir.join("grades.csv").exists());
}

/// 9.3: q while NOT SAVED asks, and says what would be lost.
#[test]
fn quitting_while_not_saved_asks_first() {
    let mut app = demo_app(None);
    press(&mut app, &[KeyCode::Char('z')]);
    app.update(Action::Saved(Err("the disk is full".into())), NOW);
    assert_eq!(app.unsaved(), Some("the disk is full"));
    let effects = app.update(Action::Quit, NOW);
    assert!(effects.is_empty(), "no quitting at once: {effects:?}");
    assert_eq!(app.mode(), &Mode::Quitting);
    // Esc stays; q again asks again; Q quits.
    assert!(press(&mut app, &[KeyCode::Esc]).is_empty());
    assert_eq!(app.mode(), &Mode::Normal);
    press(&mut app, &[KeyCode::Char('q')]);
    assert_eq!(app.mode(), &Mode::Quitting);
    // r retries; a save that works then quits.
    let effects = app.update(Action::RetrySave, NOW);
    assert_eq!(effects, vec![Effect::Save]);
    let effects = app.update(Action::Saved(Ok(PathBuf::from("/tmp/s.json"))), NOW);
    assert_eq!(effects, vec![Effect::Quit]);
    assert_eq!(app.unsaved(), None);
    // And Q quits, losing them, only when asked to.
    let mut app = demo_app(None);
    app.update(Action::Saved(Err("read-only folder".into())), NOW);
    press(&mut app, &[KeyCode::Char('q')]);
    assert_eq!(app.update(Action::QuitAnyway, NOW), vec![Effect::Quit]);
}

/// 9.3: saving elsewhere writes the whole session there.
#[test]
fn a_session_that_cannot_be_saved_can_be_saved_elsewhere() {
    let root = tempfile::tempdir().expect("tempdir");
    let blocked = root.path().join("no-such-folder").join("s.json");
    let mut app = demo_app(Some(blocked));
    app.update(Action::Saved(Err("cannot create".into())), NOW);
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('s')]);
    let Mode::Prompt(_) = app.mode() else {
        panic!("asks where")
    };
    let elsewhere = root.path().join("rescued.json");
    // Replace the suggested path by ours.
    for _ in 0..200 {
        app.update(Action::Erase, NOW);
    }
    type_text(&mut app, &elsewhere.display().to_string());
    let effects = app.update(Action::Submit, NOW);
    assert_eq!(
        effects,
        vec![Effect::SaveAs {
            path: elsewhere.clone()
        }]
    );
    assert!(!perform(&mut app, effects[0].clone()), "saved, then quits");
    assert!(store::load(&elsewhere).expect("loads").is_some());
}

/// 9.4: a reason typed after a refused prompt never runs as keys.
#[test]
fn typing_a_sentence_after_a_refusal_runs_no_command() {
    let mut app = demo_app(None);
    // An earlier decision that a stray `u` would undo.
    press(&mut app, &[KeyCode::Char('z')]);
    // E0004 is already S: + cannot override them up.
    press(&mut app, &[KeyCode::Char('3'), KeyCode::Char('/')]);
    type_text(&mut app, "E0004");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.session().decisions().len(), 1);
    let record = app.session().decisions().to_vec();
    let before = export::to_csv(app.session());
    for sentence in [
        "uncaller, keep S",
        "export everything? sure",
        "redo: U; undo: u; quit: q",
    ] {
        press(&mut app, &[KeyCode::Char('+')]);
        let Mode::Prompt(prompt) = app.mode() else {
            panic!("the refused override still opens a prompt")
        };
        assert!(
            prompt.question.contains("Already the best grade"),
            "{}",
            prompt.question
        );
        let effects: Vec<Effect> = sentence
            .chars()
            .flat_map(|c| press(&mut app, &[KeyCode::Char(c)]))
            .collect();
        assert!(effects.is_empty(), "{sentence:?} ran {effects:?}");
        press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.session().decisions(), record.as_slice(), "{sentence:?}");
        assert_eq!(export::to_csv(app.session()), before);
    }
    // Right after a refusal, a destructive key asks to be pressed again.
    press(&mut app, &[KeyCode::Char('+'), KeyCode::Enter]);
    press(&mut app, &[KeyCode::Char('u')]);
    assert_eq!(
        app.session().decisions(),
        record.as_slice(),
        "u needs a second press"
    );
    press(&mut app, &[KeyCode::Char('u')]);
    assert!(
        app.session().decisions().len() < record.len(),
        "the second one undoes"
    );
}

/// 9.5: names swapped between two employees: the decision about them waits
/// for the operator, on the command line and on the screen.
#[test]
fn a_decision_about_a_renamed_employee_is_held_back() {
    let (root, dir) = small();
    let data = root.path().join("data");
    let session = root.path().join("s.json");
    {
        let mut app = screen(&dir, Some(session.clone()));
        let effects = app.update(Action::Show(calibra::tui::app::Screen::Employees), NOW);
        assert!(effects.is_empty());
        // Override the first employee, E01.
        for effect in app.update(Action::Raise, NOW) {
            perform(&mut app, effect);
        }
        for c in "a reason".chars() {
            app.update(Action::Type(c), NOW);
        }
        for effect in app.update(Action::Submit, NOW) {
            perform(&mut app, effect);
        }
        assert_eq!(app.session().decisions().len(), 1);
    }
    let org = fs::read_to_string(dir.join("org.json")).expect("org");
    // E01 陳一 and E02 林二 swap names.
    let swapped = org
        .replace("\"陳一\"", "\"@@\"")
        .replace("\"林二\"", "\"陳一\"")
        .replace("\"@@\"", "\"林二\"");
    fs::write(dir.join("org.json"), swapped).expect("org");
    let out = root.path().join("grades.csv");
    let run = calibra(
        &data,
        &os(&[&"export", &dir, &"--session", &session, &"--out", &out]),
    );
    let stderr = text(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("another name than when the session began"),
        "{stderr}"
    );
    assert!(stderr.contains("\"E01\" is now named 林二"), "{stderr}");
    assert!(!out.exists());

    let Ok(Opening::Review(mut gate)) = prepare(
        &Options {
            dir: Some(dir.clone()),
            session: Some(session.clone()),
            theme: ThemeName::Dark,
            read_only: false,
            previous: None,
            lang: calibra::i18n::Lang::En,
        },
        &|_| {},
    ) else {
        panic!("the screen asks first")
    };
    assert_eq!(gate.unconfirmed.len(), 1);
    use calibra::tui::gate::{GateAction, GateStep};
    assert_eq!(
        gate.update(GateAction::Continue),
        GateStep::Stay,
        "not without a word"
    );
    assert_eq!(gate.update(GateAction::Keep), GateStep::Continue);
    gate.opened.acknowledge(calibra::i18n::Lang::En);
    drop(gate);
    let run = calibra(
        &data,
        &os(&[&"export", &dir, &"--session", &session, &"--out", &out]),
    );
    assert_eq!(run.status.code(), Some(0), "kept: {}", text(&run.stderr));
}

/// 9.6: a session found under this folder's name that records another
/// folder is refused, not opened.
#[test]
fn a_saved_session_of_another_folder_is_refused() {
    let (root, dir) = small();
    let data = root.path().join("data");
    let saved = calibra::workspace::paths::default_session_path(&data, &dir);
    fs::create_dir_all(saved.parent().expect("folder")).expect("mkdir");
    fs::write(
        &saved,
        r#"{"version": 1, "input": "/somewhere/else/acme", "decisions": []}"#,
    )
    .expect("session");
    let run = calibra(&data, &os(&[&"check", &dir, &"--session", &"last"]));
    let stderr = text(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("belongs to the input folder /somewhere/else/acme"),
        "{stderr}"
    );
}

/// 9.7 and 9.8: escape sequences from input never reach the terminal;
/// ids that look alike are warned about.
#[test]
fn escapes_in_names_are_shown_escaped_and_look_alike_ids_are_warned() {
    let (root, dir) = small();
    let org = fs::read_to_string(dir.join("org.json")).expect("org");
    let hostile = org.replacen(
        "\"employees\": [",
        "\"employees\": [\n    { \"id\": \"E\\u200b01\", \"name\": \"\\u001b]0;pwned\\u0007\\u001b[2J\", \"department\": \"D1\" },",
        1,
    );
    fs::write(dir.join("org.json"), hostile).expect("org");
    let run = calibra(&root.path().join("data"), &os(&[&"check", &dir]));
    let stdout = text(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(
        !run.stdout.contains(&0x1b),
        "no raw escape reaches the terminal"
    );
    assert!(!run.stdout.contains(&0x07));
    assert!(
        stdout.contains("\\u{1b}]0;pwned\\u{7}\\u{1b}[2J"),
        "{stdout}"
    );
    assert!(stdout.contains("look the same"), "{stdout}");
    assert!(stdout.contains("E\\u{200b}01"), "{stdout}");
}

/// 9.9: adjustments are bounded, from the keys and in a session file.
#[test]
fn holding_a_key_stops_at_the_bounds_and_a_session_beyond_them_is_refused() {
    let mut app = demo_app(None);
    let keys: Vec<KeyCode> = std::iter::repeat_n(KeyCode::Char(']'), 60)
        .chain(std::iter::repeat_n(KeyCode::Char('+'), 300))
        .collect();
    press(&mut app, &keys);
    let rater = app.selected_rater().expect("a rater");
    let transform = app.session().state().transforms[rater];
    assert!(
        transform
            .check_bounds(&app.session().input.policy.score)
            .is_ok(),
        "{transform:?}"
    );

    let (root, dir) = small();
    let session = root.path().join("s.json");
    fs::write(
        &session,
        "{\"version\": 1, \"decisions\": [\n{ \"kind\": \"rater_scale\", \"rater\": \"R1\", \"method\": \"linear\", \"stretch\": \"1e20\", \"shift\": \"0\" }\n]}",
    )
    .expect("session");
    let run = calibra(
        &root.path().join("data"),
        &os(&[&"check", &dir, &"--session", &session]),
    );
    let stderr = text(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("s.json:2:"), "{stderr}");
}

/// 9.10: a session or an output that is a FIFO or a device is refused at
/// once (no hang, no 10 GB read, no device replaced).
#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_as_sessions_and_outputs() {
    let (root, dir) = small();
    let data = root.path().join("data");
    let fifo = root.path().join("fifo.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    for session in [fifo.clone(), PathBuf::from("/dev/zero")] {
        let started = std::time::Instant::now();
        let run = calibra(&data, &os(&[&"check", &dir, &"--session", &session]));
        let stderr = text(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("not a regular file"), "{stderr}");
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }
    let run = calibra(&data, &os(&[&"export", &dir, &"--out", &fifo]));
    assert_eq!(run.status.code(), Some(2), "{}", text(&run.stderr));
    let meta = fs::symlink_metadata(&fifo).expect("still there");
    use std::os::unix::fs::FileTypeExt;
    assert!(meta.file_type().is_fifo(), "the FIFO was not replaced");
}

/// 9.11: a symlinked session is saved through its link, and fields calibra
/// does not know are kept.
#[cfg(unix)]
#[test]
fn a_linked_session_is_saved_through_the_link_keeping_unknown_fields() {
    let (root, dir) = small();
    let shared = root.path().join("shared.json");
    fs::write(
        &shared,
        r#"{"version": 1, "approved_by": "Lin", "decisions": [
{ "kind": "department_grade", "department": "D2", "grade": "A", "ticket": "HR-7" }
]}"#,
    )
    .expect("session");
    let link = root.path().join("mine.json");
    std::os::unix::fs::symlink(&shared, &link).expect("symlink");
    let mut app = screen(&dir, Some(link.clone()));
    for effect in app.update(Action::ZScore, NOW) {
        perform(&mut app, effect);
    }
    assert_eq!(app.unsaved(), None);
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink(),
        "still a link"
    );
    let saved = fs::read_to_string(&shared).expect("the target");
    assert!(saved.contains("\"approved_by\": \"Lin\""), "{saved}");
    assert!(saved.contains("\"ticket\":\"HR-7\""), "{saved}");
    assert!(saved.contains("zscore"), "{saved}");
}

/// 9.12: calibra never writes inside an input folder: not the live
/// screen's session, not its export, not a copy of a damaged session.
#[test]
fn nothing_is_ever_written_inside_the_input_folder() {
    let (_root, dir) = small();
    let before = names(&dir.join("submissions"));
    let inside = dir.join("submissions/mistake.json");
    fs::write(&inside, "not a session").expect("a mistaken file");
    let refused = prepare(
        &Options {
            dir: Some(dir.clone()),
            session: Some(inside.clone()),
            theme: ThemeName::Dark,
            read_only: false,
            previous: None,
            lang: calibra::i18n::Lang::En,
        },
        &|_| {},
    );
    let Err(message) = refused else {
        panic!("a session inside the input is refused")
    };
    assert!(message.contains("inside the input folder"), "{message}");
    let mut expected = before.clone();
    expected.push("mistake.json".to_string());
    expected.sort();
    assert_eq!(
        names(&dir.join("submissions")),
        expected,
        "no copy written there"
    );

    // The screen's export into the input folder is refused.
    fs::remove_file(&inside).expect("rm");
    let mut app = screen(&dir, Some(_root.path().join("s.json")));
    let target = dir.join("submissions/grades.csv");
    perform(
        &mut app,
        Effect::Export {
            path: target.clone(),
            format: calibra::tui::action::ExportFormat::Csv,
        },
    );
    assert!(!target.exists());
    let message = app.message().map(|m| m.0.clone()).unwrap_or_default();
    assert!(message.contains("inside the input folder"), "{message}");
}

/// 9.14: a pasted novel is capped, and handled in linear time.
#[test]
fn a_pasted_reason_is_capped() {
    let mut app = demo_app(None);
    press(&mut app, &[KeyCode::Char('z'), KeyCode::Char('r')]);
    assert!(
        app.update(Action::Type('x'), NOW).is_empty(),
        "typing makes no effect"
    );
    for _ in 0..20_000 {
        app.update(Action::Type('字'), NOW);
    }
    let Mode::Prompt(prompt) = app.mode() else {
        panic!("still typing")
    };
    assert_eq!(prompt.text.chars().count(), 2_000);
    app.update(Action::Submit, NOW);
    let reason = app.session().decisions()[0]
        .reason
        .clone()
        .unwrap_or_default();
    assert_eq!(reason.chars().count(), 2_000);
}

/// 9.15: a killed export's temporary file is cleaned by the next export,
/// by its own name pattern only.
#[test]
fn a_killed_exports_leftover_is_cleaned_next_time() {
    let (root, dir) = small();
    let out_dir = root.path().join("out");
    fs::create_dir_all(&out_dir).expect("mkdir");
    let leftover = out_dir.join(".grades.csv.calibra-Ab12Cd.tmp");
    let other = out_dir.join(".other.csv.calibra-Ab12Cd.tmp");
    fs::write(&leftover, "half").expect("leftover");
    fs::write(&other, "someone else's").expect("other");
    let run = calibra(
        &root.path().join("data"),
        &os(&[&"export", &dir, &"--out", &out_dir.join("grades.csv")]),
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(!leftover.exists());
    assert!(other.exists(), "only its own temporaries");
}

/// A decision the screen made after a revoke replays the same from the
/// file: revokes and batches are part of the record.
#[test]
fn revokes_and_batches_replay_from_the_file() {
    let mut app = demo_app(None);
    press(
        &mut app,
        &[KeyCode::Char('Z'), KeyCode::Char('4'), KeyCode::Char('x')],
    );
    type_text(&mut app, "not this one");
    press(&mut app, &[KeyCode::Enter]);
    let file = app.session().to_file();
    let text = file.to_text();
    let parsed = calibra::engine::decision::SessionFile::parse(
        &calibra::engine::source::SourceFile::new("s.json", text),
    )
    .expect("parses");
    assert_eq!(parsed.decisions, app.session().decisions());
    let last: &Decision = parsed.decisions.last().expect("a decision");
    assert!(last.revokes.is_some());
    assert!(matches!(last.change, Change::RaterScale { .. }));
}

/// Found by the adversarial pass: a rater id holding a line break split a
/// warning in two, so an id could forge a diagnostic line of its own.
#[test]
fn a_line_break_in_an_id_cannot_forge_a_line() {
    let (root, dir) = small();
    let path = dir.join("submissions/r1.json");
    let text_before = fs::read_to_string(&path).expect("r1");
    let forged = text_before.replacen("\"R1\"", "\"R1\\nerror: forged\"", 1);
    assert_ne!(forged, text_before, "the fixture names R1");
    fs::write(&path, forged).expect("r1");
    let run = calibra(&root.path().join("data"), &os(&[&"check", &dir]));
    let all = format!("{}{}", text(&run.stdout), text(&run.stderr));
    assert!(
        !all.lines().any(|l| l.starts_with("error: forged")),
        "a forged line: {all}"
    );
    assert!(all.contains("R1\\u{a}error: forged"), "{all}");
}
