//! The live screen's update driven by keys (issue 9.9): the built-in demo
//! in-process, the fuzzer's bytes read as key presses (every key the app
//! binds, prompt keys, CJK characters), resizes from 1x1 to 250x80, and
//! saves and exports that succeed or fail. Nothing may panic, a frame of
//! any size must render, and what the screen shows must be a replay of its
//! record: the exports equal those of a replay of the saved decisions, the
//! kept figures equal a fresh computation, every transform is in bounds.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use calibra::demo;
use calibra::engine::bias;
use calibra::engine::export;
use calibra::engine::load;
use calibra::engine::model::Input;
use calibra::engine::session::Session;
use calibra::tui::action_for;
use calibra::tui::app::{Action, App, Effect, Origin};
use calibra::tui::theme::{Theme, ThemeName};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const NOW: &str = "2026-11-27T10:00:00Z";
/// Invariants are checked every this many steps (and at the end).
const CHECK_EVERY: usize = 48;
/// A case longer than this is cut (the replay check is the slow part).
const MAX_STEPS: usize = 600;

fn input() -> &'static Input {
    static INPUT: OnceLock<Input> = OnceLock::new();
    INPUT.get_or_init(|| load::load(demo::files()).expect("the demo is valid").input)
}

fn app() -> App {
    let origin = Origin {
        input: demo::name().to_string(),
        input_dir: None,
        session_path: None,
        export_stem: "demo-grades".to_string(),
        by: Some("HR".to_string()),
    };
    App::new(
        Session::new(input().clone()),
        origin,
        Theme::new(ThemeName::Dark),
        None,
    )
}

/// What one byte (and, for a resize, the two after it) means.
enum Step {
    Key(KeyEvent),
    Layout { width: u16, height: u16 },
    Saved(bool),
    Exported(bool),
    Render,
    Check,
}

const CODES: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Backspace,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::Delete,
    KeyCode::F(1),
    KeyCode::Insert,
];

/// Every bound letter first (so that short inputs reach them), then the
/// rest of the keyboard's characters, then wide ones.
const CHARS: &[char] = &[
    'h', 'l', 'z', 'Z', 'm', '+', '=', '-', ']', '[', '0', 's', 'S', 'k', 'j', 'g', 'G', '/',
    'x', '1', '2', '3', '4', 'r', 'u', 'U', 'p', 'e', '?', 'q', 'Q', 'y', 'Y', 'n', 'N', '5',
    '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'f', 'i', 'o', 't', 'v', 'w', ' ', '.', ',', '\'',
    '"', ';', '\\', '\u{0}', '\u{7}', '\u{1b}', '\t', '\n', '\u{202e}', '\u{200b}', '\u{301}',
    '中', '文', '評', '価', '😀', 'ﾊ', 'é',
];

fn step(bytes: &mut impl Iterator<Item = u8>) -> Option<Step> {
    let b = bytes.next()?;
    let codes = CODES.len() as u8;
    let chars = CHARS.len() as u8;
    let b = b % (codes + chars + 2 + 1 + 2 + 2 + 2 + 1 + 1);
    Some(if b < codes {
        Step::Key(KeyEvent::new(CODES[b as usize], KeyModifiers::NONE))
    } else if b < codes + chars {
        Step::Key(KeyEvent::new(
            KeyCode::Char(CHARS[(b - codes) as usize]),
            KeyModifiers::NONE,
        ))
    } else {
        match b - codes - chars {
            0 => Step::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            1 => Step::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            2 => {
                let w = bytes.next().unwrap_or(0);
                let h = bytes.next().unwrap_or(0);
                Step::Layout {
                    width: 1 + u16::from(w) % 250,
                    height: 1 + u16::from(h) % 80,
                }
            }
            3 => Step::Saved(true),
            4 => Step::Saved(false),
            5 => Step::Exported(true),
            6 => Step::Exported(false),
            7 | 8 => Step::Render,
            9 => Step::Layout { width: 1, height: 1 },
            _ => Step::Check,
        }
    })
}

/// Updates the app, carrying out effects as the fuzz case's shell: saves
/// succeed at once, exports are dropped. Returns false on quit.
fn apply(app: &mut App, action: Action) -> bool {
    let mut pending = vec![action];
    let mut rounds = 0;
    while let Some(action) = pending.pop() {
        rounds += 1;
        assert!(rounds < 64, "a save answered by a save, forever");
        for effect in app.update(action, NOW) {
            match effect {
                Effect::Quit => return false,
                Effect::Export { .. } => {}
                Effect::Save => pending.push(Action::Saved(Ok(PathBuf::from("/fuzz/session.json")))),
                Effect::SaveAs { path } => pending.push(Action::Saved(Ok(path))),
                // The event loop draws, then resumes the work.
                Effect::Busy => pending.push(Action::Resume),
            }
        }
    }
    true
}

fn render(app: &App, width: u16, height: u16) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test backend");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("drawing on a test backend");
}

fn check(app: &App) {
    let session = app.session();
    let input = input();
    let replayed = Session::replay(input.clone(), &session.to_file())
        .expect("the screen's record replays");
    assert_eq!(
        export::to_csv(session),
        export::to_csv(&replayed),
        "the screen's numbers are not a replay of its record"
    );
    let figures = session.figures().expect("the live screen keeps figures");
    assert_eq!(
        bias::rater_biases(session),
        figures.biases,
        "the kept bias figures drifted from a fresh computation"
    );
    assert_eq!(
        figures.warning_count(),
        session.warnings().len(),
        "the kept warning count drifted"
    );
    for (rater, transform) in session.state().transforms.iter().enumerate() {
        if let Err(why) = transform.check_bounds(&input.policy.score) {
            panic!("rater {rater}'s transform {transform:?} is out of bounds: {why}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut app = app();
    let (mut width, mut height) = (100u16, 30u16);
    app.update(Action::Layout { width, height }, NOW);
    let mut bytes = data.iter().copied();
    let mut steps = 0;
    while let Some(step) = step(&mut bytes) {
        steps += 1;
        if steps > MAX_STEPS {
            break;
        }
        let go_on = match step {
            Step::Key(key) => match action_for(&app, &key) {
                Some(action) => apply(&mut app, action),
                None => true,
            },
            Step::Layout { width: w, height: h } => {
                (width, height) = (w, h);
                apply(&mut app, Action::Layout { width, height })
            }
            Step::Saved(ok) => apply(
                &mut app,
                Action::Saved(if ok {
                    Ok(PathBuf::from("/fuzz/session.json"))
                } else {
                    Err("disk full".to_string())
                }),
            ),
            Step::Exported(ok) => apply(
                &mut app,
                Action::Exported(if ok {
                    Ok("/fuzz/grades.csv".to_string())
                } else {
                    Err("permission denied".to_string())
                }),
            ),
            Step::Render => {
                render(&app, width, height);
                true
            }
            Step::Check => {
                check(&app);
                true
            }
        };
        if steps % CHECK_EVERY == 0 {
            check(&app);
        }
        if steps % 16 == 0 {
            render(&app, width, height);
        }
        if !go_on {
            break;
        }
    }
    render(&app, width, height);
    check(&app);
});
