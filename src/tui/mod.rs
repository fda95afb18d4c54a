//! The live calibration screen: a ratatui + crossterm face over the engine.
//!
//! [`app`] holds the state, `update` its one `update`, [`view`] each
//! screen's own state and keys; [`keys`] maps keys to actions; [`ui`]
//! draws. `open` opens the session through [`crate::workspace`] (or, when
//! the input changed under it, [`gate`] reviews that first); `effect`
//! carries out saves and exports; `linking` fits the linked-ratings model
//! in the background; this module runs the loop. The terminal
//! is restored on every way out: quitting, an error, a panic, and every
//! signal that ends a process ([`signals`]).

pub mod action;
pub mod app;
mod effect;
pub mod gate;
pub mod histogram;
pub mod keys;
mod linking;
pub mod loading;
mod open;
pub mod signals;
pub mod theme;
pub mod ui;
mod update;
pub mod view;

pub use effect::perform;
pub use open::{Opening, prepare};

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind};

use crate::engine::rater_model::{self, RaterModel};
use crate::i18n::{Lang, Shell, fill, plural, t};
use crate::workspace::clock;
use app::{Action, App, Effect, Mode, Tone};
use gate::{Gate, GateAction, GateStep};
use linking::Linking;
use loading::{Opened, Pending};
use open::render_errors;
use signals::Watch;
use theme::ThemeName;

/// The most keys handled between two frames: a paste is taken in chunks,
/// each drawn, so the screen keeps showing progress.
const MAX_KEYS_PER_FRAME: usize = 4096;

/// While the linked-ratings model is computed, the loop looks for it this
/// often between key presses.
const LINKING_POLL: std::time::Duration = std::time::Duration::from_millis(50);

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
    /// The previous cycle's export (contract 6.6).
    pub previous: Option<PathBuf>,
    /// The language of every text on the screen.
    pub lang: Lang,
}

/// How the live screen ended, for `main` to turn into an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The terminal hung up (status 129, as for SIGHUP); every decision is
    /// saved.
    HungUp,
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
        Mode::Panel(_) => keys::panel(key),
        Mode::Prompt(_) => keys::prompt(key),
        Mode::Quitting => keys::quitting(key),
    }
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
    /// Nothing could be opened (invalid input or session): why.
    Invalid(String),
}

/// Opens the live screen; says on stderr why it could not, and how it ended.
pub fn run(options: &Options) -> Ended {
    let pending = Pending::start(options);
    // Opened at once (the demo, a small folder), or found invalid: as
    // before the terminal was touched. Otherwise a progress screen shows.
    let early = pending.wait(loading::QUICK);
    if let Some(Err(message)) = &early {
        let _ = writeln!(std::io::stderr(), "{}", crate::text::safe_lines(message));
        return Ended::Invalid;
    }
    // Before the terminal changes, so that a signal always finds a watcher
    // that restores it.
    let watch = Watch::start(restore_terminal);
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(err) => {
            restore_terminal();
            // An input that cannot be opened says so first.
            if early.is_none()
                && let Err(message) = pending.finish()
            {
                let _ = writeln!(std::io::stderr(), "{}", crate::text::safe_lines(&message));
                return Ended::Invalid;
            }
            let _ = writeln!(
                std::io::stderr(),
                "calibra: cannot start the terminal UI: {err}"
            );
            return Ended::Failed;
        }
    };
    // ratatui's hook restores the terminal and reports a failure with
    // eprintln!, which itself panics once the terminal has hung up: a panic
    // in a panic hook aborts (status 134 instead of 129, seen after a
    // hang-up). Drop it; restore quietly, then print as Rust does by
    // default (which ignores a dead stderr).
    drop(std::panic::take_hook());
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        hook(info);
    }));
    let restore = Restore;
    // Opened behind a progress screen: the terminal shows from the first
    // frame what is being done.
    let opened = match early {
        Some(opening) => Ok(Opened::Done(opening)),
        None => pending.show(&mut terminal, options),
    };
    let result = match opened {
        Ok(Opened::Done(Ok(Opening::Ready(mut app)))) => event_loop(&mut terminal, &mut app),
        Ok(Opened::Done(Ok(Opening::Review(gate)))) => review(&mut terminal, *gate),
        Ok(Opened::Done(Err(message))) => Ok(Left::Invalid(message)),
        Ok(Opened::Left) => Ok(Left::Quit),
        Err(err) => Err(err),
    };
    let held = signals::hold();
    // Shown here so that ratatui's Drop does not show it again after the
    // alternate screen is left.
    let _ = terminal.show_cursor();
    // ratatui's Drop shows the cursor again if that failed, and reports the
    // failure with eprintln!, which panics on a terminal that hung up. The
    // process ends next; the terminal needs no drop.
    std::mem::forget(terminal);
    drop(restore);
    drop(held);
    drop(watch);
    match result {
        Ok(Left::Quit) => Ended::Quit,
        Ok(Left::Review(message) | Left::Invalid(message)) => {
            let _ = writeln!(std::io::stderr(), "{}", crate::text::safe_lines(&message));
            Ended::Invalid
        }
        // The terminal closed and reading from it failed before the
        // watcher saw the hang-up: the same end as the watcher's.
        Err(_) if signals::hung_up() => Ended::HungUp,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "calibra: terminal error: {err}");
            Ended::Failed
        }
    }
}

/// What the loop wakes up for.
enum Wake {
    Key(KeyEvent),
    /// A resize: time to redraw.
    Resize,
    /// The background fit ended (`None`: it failed).
    Linked(Option<RaterModel>),
}

/// The next key press, resize, or (while `linking` is pending) the end of
/// the background fit. Releases and repeats are skipped (Windows sends
/// releases too).
fn wake(linking: &mut Option<Linking>) -> std::io::Result<Wake> {
    loop {
        if let Some(pending) = linking {
            if pending.is_done() {
                return Ok(Wake::Linked(linking.take().and_then(Linking::join)));
            }
            if !event::poll(LINKING_POLL)? {
                continue;
            }
        }
        match event::read()? {
            Event::Key(key) if key.kind == KeyEventKind::Press => return Ok(Wake::Key(key)),
            Event::Resize(..) => return Ok(Wake::Resize),
            _ => {}
        }
    }
}

/// The next key press; `None` after a resize (time to redraw).
fn next_key() -> std::io::Result<Option<KeyEvent>> {
    match wake(&mut None)? {
        Wake::Key(key) => Ok(Some(key)),
        Wake::Resize | Wake::Linked(_) => Ok(None),
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
                let lang = gate.lang;
                let n = gate.stale.len();
                let what = if n == 0 {
                    t(lang, Shell::LeftChanged).to_string()
                } else {
                    plural(lang, n, Shell::LeftStaleOne, Shell::LeftStaleMany)
                };
                let left = match &gate.origin.session_path {
                    Some(path) => fill(
                        lang,
                        Shell::LeftAsItIsAt,
                        &[("what", &what), ("path", &path.display().to_string())],
                    ),
                    None => fill(lang, Shell::LeftAsItIs, &[("what", &what)]),
                };
                return Ok(Left::Review(left));
            }
            GateStep::Continue => {
                let _held = signals::hold();
                gate.opened.acknowledge(gate.lang)
            }
            GateStep::Drop => {
                let done = {
                    let _held = signals::hold();
                    gate.opened.drop_stale(&clock::now_rfc3339(), gate.lang)
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
        let gate_lang = gate.lang;
        return match gate.into_app(notice) {
            Ok(mut app) => event_loop(terminal, &mut app),
            // Cannot happen: what is left all applies. Say so rather than panic.
            Err(errors) => Ok(Left::Review(render_errors(gate_lang, &errors))),
        };
    }
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<Left> {
    let mut linking = match Linking::start(Arc::clone(&app.session().input)) {
        Ok(linking) => Some(linking),
        // No thread to spare: fitted here, before the first frame.
        Err(_) => {
            let model = rater_model::fit(&app.session().input);
            app.update(Action::Linked(Some(Box::new(model))), &clock::now_rfc3339());
            None
        }
    };
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
        let key = match wake(&mut linking)? {
            Wake::Key(key) => key,
            Wake::Resize => continue,
            Wake::Linked(model) => {
                app.update(Action::Linked(model.map(Box::new)), &clock::now_rfc3339());
                continue;
            }
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
            let mut effects = std::collections::VecDeque::from(app.update(action, &now));
            while let Some(effect) = effects.pop_front() {
                if matches!(effect, Effect::Busy) {
                    // The message says what is under way while it is done.
                    draw(terminal, &*app)?;
                    effects.extend(app.update(Action::Resume, &clock::now_rfc3339()));
                    continue;
                }
                // A signal waits for a save to finish.
                let _held = signals::hold();
                if !perform(app, effect) {
                    return Ok(Left::Quit);
                }
            }
        }
    }
}
