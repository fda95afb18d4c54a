//! The live calibration screen: a ratatui + crossterm face over the engine.
//!
//! [`app`] holds the state and the one `update`; [`keys`] maps keys to
//! actions; [`ui`] draws; this module runs the loop and carries out effects
//! (saving, exporting). The terminal is restored on every way out: quitting,
//! an error, a panic, and SIGTERM/SIGHUP ([`signals`]). Before the session
//! opens, [`gate`] shows what changed in the input under it, if anything.

pub mod action;
pub mod app;
pub mod gate;
pub mod histogram;
pub mod keys;
pub mod signals;
pub mod theme;
pub mod ui;
mod update;
pub mod view;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind};

use crate::demo;
use crate::engine::decision::SessionFile;
use crate::engine::diagnostic::Diagnostics;
use crate::engine::fingerprint::{self, Fingerprint};
use crate::engine::{atomic, export, load, stale};
use crate::store;
use app::{Action, App, Effect, Mode, Origin, Tone};
use gate::{Gate, GateStep};
use signals::Watch;
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

/// What opening a session leads to.
pub enum Opening {
    /// The session is ready: the live screen.
    Ready(Box<App>),
    /// The input changed under the session, or some of its decisions no
    /// longer apply: the operator reviews that first.
    Review(Box<Gate>),
}

/// Everything needed to open the screen, prepared before the terminal is
/// touched: the input, the session (refused if damaged, a copy kept), the
/// input's fingerprint compared with the one kept beside the session, and
/// the decisions that no longer apply.
pub fn prepare(options: &Options) -> Result<Opening, String> {
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
    let now = store::now_rfc3339();
    let (file, resumed, mut notice) = match &session_path {
        Some(path) => match store::open(path, &now) {
            Ok(Some(file)) => {
                let n = file.decisions.len();
                let notice = format!(
                    "Resumed the session in {}: {n} decision{} replayed",
                    path.display(),
                    if n == 1 { "" } else { "s" }
                );
                (file, true, Some(notice))
            }
            Ok(None) => (SessionFile::default(), false, None),
            Err(refusal) => return Err(refusal.to_string()),
        },
        None => (
            SessionFile::default(),
            false,
            Some("No data directory: decisions are not saved (use --session FILE)".to_string()),
        ),
    };
    let origin = Origin {
        input: input_name.clone(),
        session_path: session_path.clone(),
        export_stem,
        by: std::env::var("CALIBRA_BY")
            .or_else(|_| std::env::var("USER"))
            .ok()
            .filter(|s| !s.is_empty()),
    };
    let theme = Theme::new(options.theme);

    // The input's fingerprint: compared with the one kept since the session
    // began; taken anew when the session begins (or had none).
    let current = session_path
        .as_ref()
        .map(|_| Fingerprint::of(&loaded.input, &input_name, &now));
    let mut changes = None;
    let mut take_fingerprint = false;
    if let (Some(path), Some(current)) = (&session_path, &current) {
        match store::load_fingerprint(path) {
            Ok(Some(old)) if resumed => changes = Some(fingerprint::compare(&old, current)),
            Ok(_) => take_fingerprint = true,
            Err(why) => {
                take_fingerprint = true;
                notice = Some(format!(
                    "{}; the input fingerprint could not be read ({why}) and was taken anew",
                    notice.unwrap_or_default()
                ));
            }
        }
    }
    let changed = changes.as_ref().is_some_and(|c| !c.is_empty());
    let stale = stale::find(&loaded.input, &file);
    if !stale.is_empty() || (changed && !file.decisions.is_empty()) {
        return Ok(Opening::Review(Box::new(Gate::new(
            loaded.input,
            file,
            origin,
            theme,
            changes,
            current,
            stale,
        ))));
    }
    if (take_fingerprint || changed)
        && let (Some(path), Some(current)) = (&session_path, &current)
        && let Err(err) = store::save_fingerprint(path, current)
    {
        notice = Some(format!("The input fingerprint was NOT SAVED: {err}"));
    }
    let mut app =
        App::new(loaded.input, &file, origin, theme).map_err(|errors| render_errors(&errors))?;
    app.notice = notice;
    Ok(Opening::Ready(Box::new(app)))
}

/// Drops the decisions that no longer apply: keeps a copy of the session as
/// it is, saves it without them and takes the input's fingerprint anew.
/// Nothing is dropped if the copy or the save fails. Returns the session
/// left and what to tell the operator.
pub fn drop_stale(gate: &Gate, now: &str) -> Result<(SessionFile, String), String> {
    let kept = stale::without(
        &gate.file,
        &gate
            .stale
            .iter()
            .map(|r| r.decision.clone())
            .collect::<Vec<_>>(),
    );
    let n = gate.stale.len();
    let dropped = format!(
        "Dropped {n} decision{} that no longer applied",
        if n == 1 { "" } else { "s" }
    );
    let Some(path) = &gate.origin.session_path else {
        return Ok((kept, format!("{dropped} (not saved: no session file)")));
    };
    let bytes = std::fs::read(path).map_err(|err| {
        format!(
            "Nothing dropped: cannot read {} to keep a copy: {err}",
            path.display()
        )
    })?;
    let copy = store::keep_copy(path, &bytes, "before-drop", now)
        .map_err(|err| format!("Nothing dropped: cannot keep a copy of the session: {err}"))?;
    store::save(path, &kept.decisions).map_err(|err| {
        format!(
            "Nothing dropped: the session was NOT SAVED ({err}); the copy is {}",
            copy.display()
        )
    })?;
    let mut notice = format!(
        "{dropped}; the session as it was is kept in {}",
        copy.display()
    );
    if let Some(current) = &gate.current
        && let Err(err) = store::save_fingerprint(path, current)
    {
        notice.push_str(&format!("; the input fingerprint was NOT SAVED: {err}"));
    }
    Ok((kept, notice))
}

/// Goes on after the input changes were read: the input as it is now
/// becomes the session's reference.
pub fn acknowledge(gate: &Gate) -> String {
    let mut notice =
        "The input changed since the session began (see above); going on with it as it is now"
            .to_string();
    if let (Some(path), Some(current)) = (&gate.origin.session_path, &gate.current)
        && let Err(err) = store::save_fingerprint(path, current)
    {
        notice.push_str(&format!("; the input fingerprint was NOT SAVED: {err}"));
    }
    notice
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
            if let Some(path) = app.origin.session_path.clone() {
                match store::save(&path, app.session.decisions()) {
                    Ok(()) => app.unsaved = None,
                    Err(err) => {
                        app.report(
                            format!(
                                "NOT SAVED to {} (the decision is kept in memory): {err}",
                                path.display()
                            ),
                            false,
                        );
                        app.unsaved = Some(err.to_string());
                    }
                }
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

/// Puts the terminal back as it was: raw mode off, cursor shown, alternate
/// screen left (last, so that a terminal's output ends by leaving it).
/// Errors are ignored: after SIGHUP there may be no terminal left to write to.
fn restore_terminal() {
    use ratatui::crossterm::{cursor, execute, terminal};
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        std::io::stdout(),
        cursor::Show,
        terminal::LeaveAlternateScreen
    );
}

/// Restores the terminal when dropped, whatever way the loop is left.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// How the screen was left.
enum Ended {
    Quit,
    /// The operator left the input-changed screen: the session is as it was.
    LeftReview(String),
}

/// Opens the TUI; returns the process exit code.
pub fn run(options: &Options) -> ExitCode {
    let opening = match prepare(options) {
        Ok(opening) => opening,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "{message}");
            return ExitCode::from(crate::cli::EXIT_INVALID);
        }
    };
    // Before the terminal changes, so that a signal always finds a watcher
    // that restores it.
    let watch = Watch::start(restore_terminal);
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(err) => {
            restore_terminal();
            let _ = writeln!(
                std::io::stderr(),
                "calibra: cannot start the terminal UI: {err}"
            );
            return ExitCode::FAILURE;
        }
    };
    // ratatui's hook leaves the alternate screen; this one shows the cursor too.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        hook(info);
    }));
    let restore = Restore;
    let result = match opening {
        Opening::Ready(mut app) => event_loop(&mut terminal, &mut app),
        Opening::Review(gate) => review(&mut terminal, *gate),
    };
    let held = signals::hold();
    // Shown here so that ratatui's Drop does not show it again after the
    // alternate screen is left.
    let _ = terminal.show_cursor();
    drop(restore);
    drop(held);
    drop(watch);
    match result {
        Ok(Ended::Quit) => ExitCode::SUCCESS,
        Ok(Ended::LeftReview(message)) => {
            let _ = writeln!(std::io::stderr(), "{message}");
            ExitCode::from(crate::cli::EXIT_INVALID)
        }
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "calibra: terminal error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The next key press; `None` after a resize (time to redraw). Releases and
/// repeats are skipped (Windows sends releases too).
fn next_key() -> std::io::Result<Option<KeyEvent>> {
    loop {
        match event::read()? {
            Event::Key(key) if key.kind == KeyEventKind::Press => return Ok(Some(key)),
            Event::Resize(..) => return Ok(None),
            _ => {}
        }
    }
}

/// Draws while holding [`signals::hold`], so that a signal never restores
/// the terminal in the middle of a frame.
fn draw(
    terminal: &mut ratatui::DefaultTerminal,
    widget: impl ratatui::widgets::Widget,
) -> std::io::Result<()> {
    let _held = signals::hold();
    terminal.draw(|frame| frame.render_widget(widget, frame.area()))?;
    Ok(())
}

/// The input-changed screen, then (unless the operator quits) the session.
fn review(terminal: &mut ratatui::DefaultTerminal, mut gate: Gate) -> std::io::Result<Ended> {
    loop {
        let size = terminal.size()?;
        gate.page = usize::from(size.height.saturating_sub(ui::stale::FOOTER_ROWS)).max(1);
        draw(terminal, &gate)?;
        let Some(key) = next_key()? else {
            continue;
        };
        let Some(action) = gate.action_for(&key) else {
            continue;
        };
        let (file, notice) = match gate.update(action) {
            GateStep::Stay => continue,
            GateStep::Quit => {
                let n = gate.stale.len();
                let what = if n == 0 {
                    "the input changed since the session began".to_string()
                } else {
                    format!(
                        "{n} decision{} no longer appl{} to the input",
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "ies" } else { "y" }
                    )
                };
                return Ok(Ended::LeftReview(format!(
                    "calibra: {what}; the session was not opened and is left as it is{}.",
                    gate.origin
                        .session_path
                        .as_ref()
                        .map(|p| format!(" ({})", p.display()))
                        .unwrap_or_default()
                )));
            }
            GateStep::Continue => {
                let _held = signals::hold();
                (gate.file.clone(), acknowledge(&gate))
            }
            GateStep::Drop => {
                let done = {
                    let _held = signals::hold();
                    drop_stale(&gate, &store::now_rfc3339())
                };
                match done {
                    Ok(done) => done,
                    Err(message) => {
                        gate.message = Some((message, Tone::Error));
                        continue;
                    }
                }
            }
        };
        return match gate.into_app(&file, notice) {
            Ok(mut app) => event_loop(terminal, &mut app),
            // Cannot happen: what is left all applies. Say so rather than panic.
            Err(errors) => Ok(Ended::LeftReview(render_errors(&errors))),
        };
    }
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<Ended> {
    loop {
        let size = terminal.size()?;
        app.employees.page = usize::from(size.height.saturating_sub(ui::CHROME_ROWS + 3)).max(1);
        draw(terminal, &*app)?;
        let Some(key) = next_key()? else {
            continue;
        };
        let Some(action) = action_for(app, &key) else {
            continue;
        };
        let now = store::now_rfc3339();
        for effect in app.update(action, &now) {
            // A signal waits for a save to finish.
            let _held = signals::hold();
            if !perform(app, effect) {
                return Ok(Ended::Quit);
            }
        }
    }
}
