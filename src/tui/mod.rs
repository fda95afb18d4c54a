//! The live calibration screen: a ratatui + crossterm face over the engine.
//!
//! [`app`] holds the state and the one `update`; [`keys`] maps keys to
//! actions; [`ui`] draws; this module runs the loop and carries out effects
//! (saving, exporting). The terminal is restored on every way out.

pub mod app;
pub mod histogram;
pub mod keys;
pub mod theme;
pub mod ui;
pub mod view;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind};

use crate::demo;
use crate::engine::decision::SessionFile;
use crate::engine::diagnostic::Diagnostics;
use crate::engine::{atomic, export, load};
use crate::store;
use app::{Action, App, Effect, Mode, Origin};
use theme::{Theme, ThemeName};

/// What `calibra [DIR] [--session FILE] [--theme T]` asked for.
#[derive(Debug, Clone)]
pub struct Options {
    /// `None`: the built-in demo.
    pub dir: Option<PathBuf>,
    pub session: Option<PathBuf>,
    pub theme: ThemeName,
}

/// Maps a key to an action for the current mode and screen.
pub fn action_for(app: &App, key: &KeyEvent) -> Option<Action> {
    match app.mode {
        Mode::Normal => keys::normal(key, app.screen),
        Mode::Help => keys::help(key),
        Mode::Prompt(_) => keys::prompt(key),
    }
}

/// Everything needed to build an [`App`], prepared before the terminal is touched.
pub fn prepare(options: &Options) -> Result<App, String> {
    let (files, input_name, export_stem) = match &options.dir {
        Some(dir) => {
            let name = dir
                .canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "calibra".to_string());
            (
                load::read_folder(dir),
                dir.display().to_string(),
                format!("{name}-grades"),
            )
        }
        None => (
            demo::files(),
            demo::name().to_string(),
            "demo-grades".to_string(),
        ),
    };
    let loaded = load::load(&files).map_err(|errors| render_errors(&errors))?;
    let session_path = match (&options.session, &options.dir) {
        (Some(path), _) => Some(path.clone()),
        (None, Some(dir)) => store::data_dir().map(|d| store::default_session_path(&d, dir)),
        (None, None) => store::data_dir().map(|d| store::demo_session_path(&d)),
    };
    let (file, notice) = match &session_path {
        Some(path) => match store::load(path) {
            Ok(Some(file)) => {
                let n = file.decisions.len();
                let notice = format!(
                    "Resumed the session in {}: {n} decision{} replayed",
                    path.display(),
                    if n == 1 { "" } else { "s" }
                );
                (file, Some(notice))
            }
            Ok(None) => (SessionFile::default(), None),
            Err(err) => {
                return Err(format!(
                    "{err}\ncalibra: the session was not opened; the file is left as it is."
                ));
            }
        },
        None => (
            SessionFile::default(),
            Some("No data directory: decisions are not saved (use --session FILE)".to_string()),
        ),
    };
    let origin = Origin {
        input: input_name,
        session_path,
        export_stem,
        by: std::env::var("CALIBRA_BY")
            .or_else(|_| std::env::var("USER"))
            .ok()
            .filter(|s| !s.is_empty()),
    };
    let mut app = App::new(loaded.input, &file, origin, Theme::new(options.theme))
        .map_err(|errors| render_errors(&errors))?;
    app.notice = notice;
    Ok(app)
}

fn render_errors(errors: &Diagnostics) -> String {
    let mut text = errors.to_string();
    text.push_str(&format!(
        "calibra: {} error(s); nothing was opened.",
        errors.error_count()
    ));
    text
}

/// Carries out one effect; returns false to quit.
pub fn perform(app: &mut App, effect: Effect) -> bool {
    match effect {
        Effect::Quit => return false,
        Effect::Save => {
            if let Some(path) = app.origin.session_path.clone()
                && let Err(err) = store::save(&path, app.session.decisions())
            {
                app.report(format!("NOT SAVED to {}: {err}", path.display()), false);
            }
        }
        Effect::Export { path, json } => {
            let bytes = if json {
                export::to_json(&app.session)
            } else {
                export::to_csv(&app.session)
            };
            match atomic::write(&path, &bytes) {
                Ok(()) => {
                    let shown = absolute(&path);
                    app.report(
                        format!(
                            "Exported {} employees to {}",
                            app.session.input.employees.len(),
                            shown.display()
                        ),
                        true,
                    );
                }
                Err(err) => app.report(
                    format!("Export failed, nothing written: {}: {err}", path.display()),
                    false,
                ),
            }
        }
    }
    true
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Restores the terminal when dropped, whatever way the loop is left.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Opens the TUI; returns the process exit code.
pub fn run(options: &Options) -> ExitCode {
    let mut app = match prepare(options) {
        Ok(app) => app,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "{message}");
            return ExitCode::from(crate::cli::EXIT_INVALID);
        }
    };
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(err) => {
            ratatui::restore();
            let _ = writeln!(
                std::io::stderr(),
                "calibra: cannot start the terminal UI: {err}"
            );
            return ExitCode::FAILURE;
        }
    };
    let _restore = Restore;
    let result = event_loop(&mut terminal, &mut app);
    drop(_restore);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "calibra: terminal error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    loop {
        let size = terminal.size()?;
        app.employees.page = usize::from(size.height.saturating_sub(ui::CHROME_ROWS + 3)).max(1);
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        let Event::Key(key) = event::read()? else {
            continue;
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        let Some(action) = action_for(app, &key) else {
            continue;
        };
        let now = store::now_rfc3339();
        for effect in app.update(action, &now) {
            if !perform(app, effect) {
                return Ok(());
            }
        }
    }
}
