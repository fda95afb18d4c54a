#![allow(clippy::panic)] // A test fails by panicking.

//! Every screen, overlay and prompt, and the input-changed screen, rendered
//! on every terminal size from 1x1 to 30x10 and around the smallest usable
//! size: nothing panics, and below the usable size the screen asks to be
//! enlarged rather than drawing a broken layout.

use calibra::demo;
use calibra::engine::decision::SessionFile;
use calibra::engine::fingerprint::{InputChanges, Moved};
use calibra::engine::load;
use calibra::engine::session::Session;
use calibra::engine::source::SourceFile;
use calibra::tui::app::{Action, App, Mode, Origin, Screen};
use calibra::tui::gate::Gate;
use calibra::tui::theme::{Theme, ThemeName};
use calibra::tui::ui::{MIN_HEIGHT, MIN_WIDTH};
use calibra::workspace::Opened;

const NOW: &str = "2026-11-27T10:00:00Z";
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::widgets::Widget;

fn origin() -> Origin {
    Origin {
        input: demo::name().to_string(),
        input_dir: None,
        session_path: Some(
            "/sessions/a-very-long-session-file-name-for-the-status-line.json".into(),
        ),
        export_stem: "demo-grades".to_string(),
        by: Some("HR".to_string()),
    }
}

fn demo_app() -> App {
    let loaded = load::load(demo::files()).expect("the demo is valid");
    let session = SessionFile::parse(&demo::session()).expect("the demo session parses");
    let session = Session::replay(loaded.input, &session).expect("replays");
    App::new(session, origin(), Theme::new(ThemeName::Light), None)
}

fn gate() -> Gate {
    let input = load::load(demo::files()).expect("valid").input;
    let text = r#"{"version": 1, "decisions": [
{ "kind": "rater_scale", "rater": "M99", "method": "zscore", "reason": "已離職的主管 gone" },
{ "kind": "override", "employee": "E9999", "grade": "A", "reason": "a very long reason that goes on and on, longer than any narrow terminal is wide" },
{ "kind": "department_grade", "department": "CS-PRE", "grade": "B" }
]}"#;
    let file = SessionFile::parse(&SourceFile::new("s.json", text)).expect("parses");
    let changes = InputChanges {
        employees_added: (0..40).map(|i| format!("E{i:05}")).collect(),
        employees_removed: vec!["E9999".into()],
        departments_regraded: vec![Moved {
            id: "CS-PRE".into(),
            before: "A".into(),
            now: "B".into(),
        }],
        policy_changed: true,
        since: "2026-11-27T09:00:00Z".into(),
        ..InputChanges::default()
    };
    let mut opened = Opened::from_parts(input, file, demo::name());
    opened.changes = Some(changes);
    Gate::new(
        opened,
        origin(),
        Theme::new(ThemeName::Dark),
        calibra::i18n::Lang::En,
    )
}

fn draw(widget: impl Widget, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("backend");
    terminal
        .draw(|frame| frame.render_widget(widget, frame.area()))
        .expect("draw");
    // The cell after a wide character is a placeholder: skipped.
    let mut text = String::new();
    let mut skip = 0;
    for cell in &terminal.backend().buffer().content {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        text.push_str(cell.symbol());
        skip = calibra::text::width(cell.symbol()).saturating_sub(1);
    }
    text
}

/// The states worth drawing: each screen, help, a prompt, a long message,
/// privacy and NOT SAVED.
fn variants() -> Vec<App> {
    let mut apps = Vec::new();
    for screen in Screen::ALL {
        for mode in 0..3 {
            let mut app = demo_app();
            app.update(Action::Show(screen), NOW);
            if mode == 1 {
                app.update(Action::ToggleHelp, NOW);
            }
            if mode == 2 {
                // Privacy on, NOT SAVED with a long message, and a prompt
                // with wide text in it.
                app.update(Action::TogglePrivacy, NOW);
                app.update(
                    Action::Saved(Err("/somewhere/very/long: the disk is full".repeat(3))),
                    NOW,
                );
                app.update(Action::Annotate, NOW);
                for c in "蔡文龍 很長的理由".chars() {
                    app.update(Action::Type(c), NOW);
                }
                assert!(matches!(app.mode(), Mode::Prompt(_)));
            }
            apps.push(app);
        }
    }
    apps
}

#[test]
fn every_screen_renders_at_every_size_from_1x1_to_30x10() {
    let apps = variants();
    let gate = gate();
    let mut frames = 0;
    for width in 1..=30 {
        for height in 1..=10 {
            for app in &apps {
                let text = draw(app, width, height);
                frames += 1;
                if width >= 12 && height >= 4 {
                    assert!(text.contains("Enlarge"), "{width}x{height}: {text}");
                }
            }
            draw(&gate, width, height);
            frames += 1;
        }
    }
    eprintln!("{frames} frames from 1x1 to 30x10 without a panic");
}

#[test]
fn every_screen_renders_around_the_smallest_usable_size() {
    let apps = variants();
    let gate = gate();
    for width in MIN_WIDTH - 2..=MIN_WIDTH + 2 {
        for height in MIN_HEIGHT - 2..=MIN_HEIGHT + 2 {
            for app in &apps {
                let text = draw(app, width, height);
                let usable = width >= MIN_WIDTH && height >= MIN_HEIGHT;
                assert_eq!(
                    text.contains("Enlarge the window"),
                    !usable,
                    "{width}x{height}"
                );
            }
            draw(&gate, width, height);
        }
    }
    // Very wide and very flat, very tall and very thin.
    for (width, height) in [(400, 1), (1, 200), (400, 15), (60, 200), (250, 80)] {
        for app in &apps {
            draw(app, width, height);
        }
        draw(&gate, width, height);
    }
}

#[test]
fn the_input_changed_screen_shows_the_stale_decisions_and_keys() {
    let gate = gate();
    let text = draw(&gate, 120, 40);
    for expected in [
        "the input changed under this session",
        "40 employees added",
        "… and 30 more",
        "policy.json changed",
        "2 decisions no longer apply",
        "line 2",
        "rater_scale: M99",
        "已離職的主管",
        "line 3",
        "employee \"E9999\" is not in org.json",
        "drop these",
        "quit, leaving the session as it is",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
}
