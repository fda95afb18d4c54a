//! The live calibration screen: a ratatui + crossterm face over the engine.
//!
//! [`app`] holds the state, [`update`] its one `update`, [`view`] each
//! screen's own state and keys; [`keys`] maps keys to actions; [`ui`]
//! draws; this module opens the session through [`crate::workspace`], runs
//! the loop and carries out effects (saving, exporting). The terminal is restored on every way out: quitting,
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

use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind};

use crate::engine::diagnostic::Diagnostics;
use crate::engine::{atomic, export};
use crate::workspace::{self, Access, OpenError, Request, SessionChoice, clock, store};
use app::{Action, App, Effect, Mode, Origin, Tone};
use gate::{Gate, GateAction, GateStep};
use signals::Watch;
use theme::{Theme, ThemeName};

/// The most keys handled between two frames: a paste is taken in chunks,
/// each drawn, so the screen keeps showing progress.
const MAX_KEYS_PER_FRAME: usize = 4096;

/// What `calibra [DIR] [--session FILE] [--theme T]` asked for.
#[derive(Debug, Clone)]
pub struct Options {
    /// `None`: the built-in demo.
    pub dir: Option<PathBuf>,
    /// `--session` as given (`last` or nothing: the saved session).
    pub session: Option<PathBuf>,
    pub theme: ThemeName,
    /// Look without deciding: nothing is locked, written or saved.
    pub read_only: bool,
}

/// How the live screen ended, for `main` to turn into an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The operator quit; every decision is saved.
    Quit,
    /// Nothing was opened: the input or the session is invalid, or the
    /// operator left the review of a changed input (the session is as it was).
    Invalid,
    /// The terminal failed.
    Failed,
}

/// Maps a key to an action for the current mode and screen.
pub fn action_for(app: &App, key: &KeyEvent) -> Option<Action> {
    match app.mode() {
        Mode::Normal => keys::normal(key, app.screen()),
        Mode::Help => keys::help(key),
        Mode::Prompt(_) => keys::prompt(key),
        Mode::Quitting => keys::quitting(key),
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
/// touched, through [`workspace::open`] like every command.
pub fn prepare(options: &Options) -> Result<Opening, String> {
    let now = clock::now_rfc3339();
    let session = match SessionChoice::from_arg(options.session.clone()) {
        SessionChoice::None => SessionChoice::Saved,
        choice => choice,
    };
    let request = Request {
        dir: options.dir.clone(),
        session,
        access: if options.read_only {
            Access::Read
        } else {
            Access::Write
        },
        now: now.clone(),
    };
    let mut opened = match workspace::open(&request) {
        Ok(opened) => opened,
        // No data directory: a session that is not saved.
        Err(OpenError::NoSavedSession { .. }) => workspace::open(&Request {
            session: SessionChoice::None,
            ..request
        })
        .map_err(|err| render_open_error(&err))?,
        Err(err) => return Err(render_open_error(&err)),
    };
    let mut notice = match &opened.session_path {
        Some(path) if opened.resumed => {
            let n = opened.file.decisions.len();
            Some(format!(
                "Resumed the session in {}: {n} decision{} replayed",
                path.display(),
                if n == 1 { "" } else { "s" }
            ))
        }
        Some(_) => None,
        None => Some("No data directory: decisions are not saved (use --session FILE)".to_string()),
    };
    if let Some(why) = &opened.fingerprint_problem {
        notice = Some(format!(
            "{}; the input fingerprint could not be read ({why}) and was taken anew",
            notice.unwrap_or_default()
        ));
    }
    let origin = Origin {
        input: opened.shown_as.clone(),
        input_dir: options.dir.clone(),
        session_path: opened.session_path.clone(),
        export_stem: opened.export_stem.clone(),
        by: std::env::var("CALIBRA_BY")
            .or_else(|_| std::env::var("USER"))
            .ok()
            .filter(|s| !s.is_empty()),
    };
    let theme = Theme::new(options.theme);
    if options.read_only {
        let n = opened.stale.len();
        if n > 0 {
            return Err(format!(
                "calibra: {n} decision{} of the session no longer appl{} to the input; open it without --read-only to review {}.",
                if n == 1 { "" } else { "s" },
                if n == 1 { "ies" } else { "y" },
                if n == 1 { "it" } else { "them" },
            ));
        }
        let (session, _) = opened.replay().map_err(|errors| render_errors(&errors))?;
        let notice =
            "Read-only: you can look, sort and export; decisions are refused and nothing is saved";
        return Ok(Opening::Ready(Box::new(
            App::new(session, origin, theme, Some(notice.to_string())).read_only(),
        )));
    }
    if opened.needs_review() {
        return Ok(Opening::Review(Box::new(Gate::new(opened, origin, theme))));
    }
    if let Some(err) = opened.keep_fingerprint() {
        notice = Some(format!("The input fingerprint was NOT SAVED: {err}"));
    }
    // The screen holds the session's lock for as long as it is open.
    let lock = opened.lock.take();
    let (session, _) = opened.replay().map_err(|errors| render_errors(&errors))?;
    Ok(Opening::Ready(Box::new(
        App::new(session, origin, theme, notice).holding(lock),
    )))
}

fn render_open_error(err: &OpenError) -> String {
    match err {
        OpenError::Invalid(errors) => render_errors(errors),
        other => other.to_string(),
    }
}

fn render_errors(errors: &Diagnostics) -> String {
    let mut text = errors.to_string();
    text.push_str(&format!(
        "calibra: {} error(s); nothing was opened.",
        errors.error_count()
    ));
    text
}

/// Carries out one effect and reports its outcome to the app; returns
/// false to quit.
pub fn perform(app: &mut App, effect: Effect) -> bool {
    let now = clock::now_rfc3339();
    match effect {
        Effect::Quit => return false,
        Effect::Save => {
            if let Some(path) = app.origin().session_path.clone() {
                let result = store::save_file(&path, &app.session().to_file())
                    .map(|()| path)
                    .map_err(|err| err.to_string());
                return follow(app, Action::Saved(result), &now);
            }
        }
        Effect::SaveAs { path } => {
            let origin = app.origin();
            let result = workspace::output::refuse(&path, origin.input_dir.as_deref(), None)
                .and_then(|()| {
                    store::save_file(&path, &app.session().to_file())
                        .map_err(|err| format!("{}: {err}", path.display()))
                })
                .map(|()| path);
            return follow(app, Action::Saved(result), &now);
        }
        Effect::Export { path, json } => {
            let origin = app.origin();
            if let Err(why) = workspace::output::refuse(
                &path,
                origin.input_dir.as_deref(),
                origin.session_path.as_deref(),
            ) {
                app.update(Action::Exported(Err(format!("Not exported: {why}"))), &now);
                return true;
            }
            let bytes = if json {
                export::to_json(app.session())
            } else {
                export::to_csv(app.session())
            };
            atomic::remove_leftovers(&path);
            let result = match atomic::write(&path, &bytes) {
                Ok(()) => Ok(format!(
                    "Exported {} employees to {}",
                    app.session().input.employees.len(),
                    absolute(&path).display()
                )),
                Err(err) => Err(format!(
                    "Export failed, nothing written: {}: {err}",
                    path.display()
                )),
            };
            app.update(Action::Exported(result), &now);
        }
    }
    true
}

/// Reports an effect's outcome and carries out what that asks for.
fn follow(app: &mut App, outcome: Action, now: &str) -> bool {
    app.update(outcome, now)
        .into_iter()
        .all(|effect| perform(app, effect))
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

/// How the event loop was left.
enum Left {
    Quit,
    /// The operator left the input-changed screen: the session is as it was.
    Review(String),
}

/// Opens the live screen; says on stderr why it could not, and how it ended.
pub fn run(options: &Options) -> Ended {
    let opening = match prepare(options) {
        Ok(opening) => opening,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "{}", crate::text::safe_lines(&message));
            return Ended::Invalid;
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
            return Ended::Failed;
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
        Ok(Left::Quit) => Ended::Quit,
        Ok(Left::Review(message)) => {
            let _ = writeln!(std::io::stderr(), "{}", crate::text::safe_lines(&message));
            Ended::Invalid
        }
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "calibra: terminal error: {err}");
            Ended::Failed
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
fn review(terminal: &mut ratatui::DefaultTerminal, mut gate: Gate) -> std::io::Result<Left> {
    loop {
        let size = terminal.size()?;
        gate.update(GateAction::Layout {
            height: size.height,
        });
        draw(terminal, &gate)?;
        let Some(key) = next_key()? else {
            continue;
        };
        let Some(action) = gate.action_for(&key) else {
            continue;
        };
        let notice = match gate.update(action) {
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
                return Ok(Left::Review(format!(
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
                gate.opened.acknowledge()
            }
            GateStep::Drop => {
                let done = {
                    let _held = signals::hold();
                    gate.opened.drop_stale(&clock::now_rfc3339())
                };
                match done {
                    Ok(notice) => notice,
                    Err(message) => {
                        gate.message = Some((message, Tone::Error));
                        continue;
                    }
                }
            }
        };
        return match gate.into_app(notice) {
            Ok(mut app) => event_loop(terminal, &mut app),
            // Cannot happen: what is left all applies. Say so rather than panic.
            Err(errors) => Ok(Left::Review(render_errors(&errors))),
        };
    }
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<Left> {
    loop {
        let size = terminal.size()?;
        let now = clock::now_rfc3339();
        app.update(
            Action::Layout {
                width: size.width,
                height: size.height,
            },
            &now,
        );
        draw(terminal, &*app)?;
        let Some(key) = next_key()? else {
            continue;
        };
        // Keys already waiting (a paste, a held key) are handled before the
        // next frame, so that typing stays linear in what is typed.
        let mut keys = vec![key];
        while keys.len() < MAX_KEYS_PER_FRAME && event::poll(std::time::Duration::ZERO)? {
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => keys.push(key),
                Event::Resize(..) => break,
                _ => {}
            }
        }
        for key in keys {
            let Some(action) = action_for(app, &key) else {
                continue;
            };
            let now = clock::now_rfc3339();
            for effect in app.update(action, &now) {
                // A signal waits for a save to finish.
                let _held = signals::hold();
                if !perform(app, effect) {
                    return Ok(Left::Quit);
                }
            }
        }
    }
}
