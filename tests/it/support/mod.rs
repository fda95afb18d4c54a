//! What the integration tests share: where the fixtures are, running the
//! binary, the demo on the live screen driven by keys, and (in [`terminal`])
//! the real binary in a pseudo-terminal.

pub mod terminal;

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calibra::demo;
use calibra::engine::load;
use calibra::engine::session::Session;
use calibra::tui::app::{App, Effect, Origin};
use calibra::tui::theme::{Theme, ThemeName};
use calibra::tui::{action_for, perform};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// `fixtures/NAME` in this repository.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// The calibra binary, ready for arguments, speaking English whatever the
/// machine's locale (a test that wants a language sets one).
pub fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_calibra"));
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command
}

/// Runs `calibra ARGS` to the end.
pub fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: Into<OsString>,
{
    binary()
        .args(args.into_iter().map(Into::into))
        .output()
        .expect("the calibra binary runs")
}

/// Copies a folder (a fixture) into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create the copy");
    for entry in fs::read_dir(from).expect("list the folder") {
        let entry = entry.expect("a directory entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// What the program wrote, as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The names in a folder, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("the folder can be listed")
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// When every decision made through the live screen in these tests is made.
pub const NOW: &str = "2026-11-27T10:00:00Z";

/// The live screen on a fixture folder, with no decisions and no saving,
/// once its linked-ratings model has arrived.
pub fn fixture_app(name: &str) -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    let loaded = load::load(load::read_folder(&dir)).expect("the fixture is valid");
    let origin = Origin {
        input: name.to_string(),
        input_dir: Some(dir),
        session_path: None,
        export_stem: format!("{name}-grades"),
        by: Some("HR".to_string()),
    };
    let mut app = app_on(loaded.input, origin);
    deliver_linked(&mut app);
    app
}

/// The demo's live screen with no decisions yet, saving to `session` (if
/// given) as user "HR", once the linked-ratings model has arrived, as it
/// does a moment after the real screen opens.
pub fn demo_app(session: Option<PathBuf>) -> App {
    let mut app = demo_app_linking(session);
    deliver_linked(&mut app);
    app
}

/// [`demo_app`] speaking `lang`, laid out for a `width`×`height` terminal
/// (as the event loop tells it before the first frame).
pub fn demo_at(lang: calibra::i18n::Lang, width: u16, height: u16) -> App {
    let mut app = demo_app(None).speaking(lang);
    app.update(calibra::tui::app::Action::Layout { width, height }, NOW);
    app
}

/// Hands the app its linked-ratings model, as the event loop does when the
/// background fit ends.
pub fn deliver_linked(app: &mut App) {
    let model = calibra::engine::rater_model::fit(&app.session().input);
    app.update(
        calibra::tui::app::Action::Linked(Some(Box::new(model))),
        NOW,
    );
}

/// The demo's live screen as it opens: the linked-ratings model not yet in.
pub fn demo_app_linking(session: Option<PathBuf>) -> App {
    let loaded = load::load(demo::files()).expect("the demo is valid");
    let origin = Origin {
        input: demo::name().to_string(),
        input_dir: None,
        session_path: session,
        export_stem: "demo-grades".to_string(),
        by: Some("HR".to_string()),
    };
    app_on(loaded.input, origin)
}

/// A live screen on `input` in the dark theme, with no decisions.
fn app_on(input: calibra::engine::model::Input, origin: Origin) -> App {
    App::new(
        Session::new(input),
        origin,
        Theme::new(ThemeName::Dark),
        None,
    )
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Presses keys, carrying out effects like the real loop does.
pub fn press(app: &mut App, keys: &[KeyCode]) -> Vec<Effect> {
    let mut all = Vec::new();
    for &code in keys {
        let Some(action) = action_for(app, &key(code)) else {
            continue;
        };
        for effect in app.update(action, NOW) {
            all.push(effect.clone());
            perform(app, effect);
        }
    }
    all
}

/// Types `text` one character key at a time (effects carried out).
pub fn type_text(app: &mut App, text: &str) {
    let keys: Vec<KeyCode> = text.chars().map(KeyCode::Char).collect();
    press(app, &keys);
}

/// The screen `app` draws on a `width`×`height` test terminal, as text.
pub fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("test backend");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
    terminal.backend().to_string()
}

/// What `widget` draws on a `width`×`height` terminal, row by row, a wide
/// character once (its second cell is skipped): the plain text of a screen,
/// for Chinese screens (`render` is the TestBackend's own listing).
pub fn draw(widget: impl ratatui::widgets::Widget, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("test backend");
    terminal
        .draw(|frame| frame.render_widget(widget, frame.area()))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..height {
        let mut x = 0;
        while x < width {
            let symbol = buffer[(x, y)].symbol();
            text.push_str(symbol);
            x += u16::try_from(calibra::text::width(symbol).max(1)).unwrap_or(1);
        }
        text.push('\n');
    }
    text
}

/// Words of three or more Latin letters on a screen that should be all
/// Chinese, leaving out what is data or a name in every language: the
/// program's name, file names and formats, key names, statistics'
/// symbols, and `allowed` (a test's own, such as ids from its input).
pub fn english_words(screen: &str, allowed: &[&str]) -> Vec<String> {
    const EVERY_LANGUAGE: &[&str] = &[
        "calibra", "json", "csv", "xlsx", "CSV", "JSON", "Excel", "Enter", "Esc", "Tab", "Ctrl",
        "Shift", "PgUp", "PgDn", "Home", "End", "Space", "demo", "org", "policy", "session",
    ];
    let mut words: Vec<String> = screen
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|word| word.len() >= 3)
        .filter(|word| !EVERY_LANGUAGE.contains(word) && !allowed.contains(word))
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}
