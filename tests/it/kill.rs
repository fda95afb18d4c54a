#![allow(clippy::panic)] // A test fails by panicking.

//! Crash safety, tested by killing: the real binary in a pseudo-terminal
//! makes decisions (rater adjustments, z-score all, undo and redo, overrides
//! with reasons) and is killed with SIGKILL at random moments: right after a
//! key press (during the save it causes), a few milliseconds later, when
//! idle, and while starting. Each time it is reopened and:
//! (a) the session file always loads;
//! (b) it holds exactly the decisions of the last step whose result was on
//!     screen, or of the step in flight when the kill came, and nothing else;
//! (c) no temporary file is left once calibra has reopened.
//!
//! What "the decisions of a step" are comes from the same `App` driven by the
//! same keys in this process; the on-screen status line and message must
//! agree with it before the next step is taken.
//!
//! `CALIBRA_KILL_SEED` picks another run; `CALIBRA_KILLS` another length.

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use calibra::demo;
use calibra::engine::decision::{Decision, SessionFile};
use calibra::engine::load;
use calibra::engine::model::Input;
use calibra::engine::session::Session;
use calibra::tui::action_for;
use calibra::tui::app::{App, Mode, Origin};
use calibra::tui::theme::{Theme, ThemeName};
use calibra::workspace::store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::support::NOW;
use crate::support::terminal::Terminal;

const ROWS: u16 = 45;
const COLS: u16 = 160;

/// splitmix64: a seeded, dependency-free random stream.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// The decisions as they matter for grades and the record (not the clock).
fn essence(decisions: &[Decision]) -> Vec<Decision> {
    decisions
        .iter()
        .map(|d| Decision {
            at: None,
            ..d.clone()
        })
        .collect()
}

/// The same screen, driven in this process by the same keys.
fn model(input: &Input, file: &SessionFile) -> App {
    let origin = Origin {
        input: demo::name().to_string(),
        input_dir: None,
        session_path: None,
        export_stem: "demo-grades".to_string(),
        by: Some("tester".to_string()),
    };
    let session = Session::replay(input.clone(), file).expect("replayable");
    App::new(session, origin, Theme::new(ThemeName::Dark), None)
}

fn key_of(c: char) -> KeyEvent {
    let code = match c {
        '\r' => KeyCode::Enter,
        c => KeyCode::Char(c),
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Feeds one key to the model the way the event loop does (effects aside:
/// the real process saves; the model only keeps the state).
fn press(app: &mut App, c: char) {
    if let Some(action) = action_for(app, &key_of(c)) {
        let _ = app.update(action, NOW);
    }
}

/// What the screen must show once a step is done: the decision count on the
/// status line and the start of the message line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Signature {
    decisions: usize,
    message: String,
}

fn signature(app: &App) -> Signature {
    Signature {
        decisions: app.session().decisions().len(),
        message: app
            .message()
            .as_ref()
            .map(|(text, _)| text.chars().take(60).collect())
            .unwrap_or_default(),
    }
}

fn shows(rows: &[String], sig: &Signature) -> bool {
    let n = sig.decisions;
    let status = format!(" {n} decision{} · ", if n == 1 { "" } else { "s" });
    let [.., message, status_row] = rows else {
        return false;
    };
    status_row.contains(&status) && message.contains(&sig.message)
}

const REASONS: [&str; 5] = [
    "led the peak season",
    "帶新人 表現穩定",
    "covered two desks",
    "calibrated after review",
    "客訴處理 eighteen cases",
];

/// One step: a few keys that end in something the screen acknowledges,
/// pressed on the model as they are chosen; returns them for the terminal.
fn step(rng: &mut Rng, app: &mut App) -> String {
    let mut keys = String::new();
    let mut add = |app: &mut App, text: &str| {
        for c in text.chars() {
            press(app, c);
        }
        keys.push_str(text);
    };
    match rng.below(10) {
        // Adjust a rater: select one, then z, shift, stretch, quantile, reset.
        0..=4 => {
            add(app, "1");
            for _ in 0..rng.below(4) {
                add(app, rng.pick(&["l", "h"]));
            }
            add(
                app,
                rng.pick(&["z", "+", "-", "]", "[", "m", "0", "+", "]"]),
            );
        }
        5 => add(app, "1Z"),
        6 | 7 => add(app, rng.pick(&["1u", "1u", "1U"])),
        // Override someone on the employees screen, with a reason.
        _ => {
            add(app, "3");
            for _ in 0..rng.below(30) {
                add(app, "j");
            }
            add(app, rng.pick(&["+", "-"]));
            // Unrated, or already the best or worst grade: no prompt.
            if matches!(app.mode(), Mode::Prompt(_)) {
                add(app, rng.pick(&REASONS));
                add(app, "\r");
            }
        }
    }
    keys
}

fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tmp") || n.contains(".damaged-"))
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Default)]
struct Tally {
    kills: usize,
    at_keypress: usize,
    soon_after: usize,
    /// While a temporary file of the save was in the folder.
    mid_save: usize,
    idle: usize,
    starting: usize,
    /// The decision in flight was on disk after the kill.
    in_flight_saved: usize,
    /// The decision in flight was not on disk (killed before its save).
    in_flight_lost: usize,
    /// Temporary files found right after a kill (a save cut short).
    leftovers: usize,
    steps: usize,
}

#[test]
fn sigkill_at_random_moments_loses_no_saved_decision() {
    let _one = crate::support::terminal::one_at_a_time();
    let seed = std::env::var("CALIBRA_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_127_u64);
    let rounds: usize = std::env::var("CALIBRA_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    let mut rng = Rng(seed);
    let data = tempfile::tempdir().expect("tempdir");
    let sessions = data.path().join("sessions");
    let path = sessions.join("demo.json");
    let input = load::load(demo::files()).expect("the demo is valid").input;
    let started = Instant::now();
    let mut tally = Tally::default();

    for round in 0..rounds {
        // (a) The session always loads.
        let file = match store::load(&path) {
            Ok(file) => file.unwrap_or_default(),
            Err(err) => panic!("round {round}: the session does not load after a kill: {err}"),
        };
        let leftovers = temporaries(&sessions);
        tally.leftovers += leftovers.len();
        let mut app = model(&input, &file);
        let mut term = Terminal::open(data.path(), &[], ROWS, COLS);

        // Now and then, kill it while it starts (loading, clearing, fingerprinting).
        if rng.below(12) == 0 {
            std::thread::sleep(Duration::from_micros(rng.below(30_000)));
            term.signal(libc::SIGKILL);
            assert!(term.wait_exit(Duration::from_secs(5)).is_some());
            tally.kills += 1;
            tally.starting += 1;
            continue;
        }

        let n = app.session().decisions().len();
        let opened = wait_rows(&term, |rows| {
            rows.last().is_some_and(|status| {
                status.contains(&format!(
                    " {n} decision{} · ",
                    if n == 1 { "" } else { "s" }
                ))
            })
        });
        assert!(
            opened,
            "round {round}: calibra did not reopen with {n} decisions:\n{}",
            term.screen()
        );
        // (c) Reopening cleared whatever a kill left.
        let left = temporaries(&sessions);
        assert!(
            left.is_empty(),
            "round {round}: files left after reopening: {left:?} (before: {leftovers:?})"
        );

        let steps = 1 + rng.below(5);
        let mut before = essence(app.session().decisions());
        for s in 0..steps {
            let previous = signature(&app);
            before = essence(app.session().decisions());
            let keys = step(&mut rng, &mut app);
            let mut expected = signature(&app);
            // A step whose screen would look like the last one's gets a
            // privacy toggle, so that its arrival can be seen.
            let mut keys = keys;
            while expected == previous {
                keys.push('p');
                press(&mut app, 'p');
                expected = signature(&app);
            }
            term.keys(&keys);
            tally.steps += 1;
            if s + 1 < steps {
                let seen = wait_rows(&term, |rows| shows(rows, &expected));
                assert!(
                    seen,
                    "round {round} step {s}: keys {keys:?} should show {expected:?}; screen:\n{}",
                    term.screen()
                );
            } else {
                // The kill.
                match rng.below(4) {
                    0 => tally.at_keypress += 1,
                    // While the save writes its temporary file (seen in the folder).
                    3 => {
                        let t = Instant::now();
                        let mut seen = false;
                        while t.elapsed() < Duration::from_millis(300) {
                            if temporaries(&sessions).iter().any(|n| n.ends_with(".tmp")) {
                                seen = true;
                                break;
                            }
                        }
                        if seen {
                            tally.mid_save += 1;
                        } else {
                            tally.idle += 1;
                        }
                    }
                    1 => {
                        let wait = Duration::from_micros(rng.below(15_000));
                        let t = Instant::now();
                        while t.elapsed() < wait {
                            std::hint::spin_loop();
                        }
                        tally.soon_after += 1;
                    }
                    _ => {
                        let seen = wait_rows(&term, |rows| shows(rows, &expected));
                        assert!(seen, "round {round}: the last step never showed");
                        tally.idle += 1;
                    }
                }
                term.signal(libc::SIGKILL);
            }
        }
        // A process in the middle of an fsync ends only once the disk
        // answers, which on a loaded machine can take seconds.
        let status = term.wait_exit(Duration::from_secs(30));
        assert!(status.is_some(), "round {round}: SIGKILL did not end it");
        tally.kills += 1;

        // (b) Everything saved is there; at most the step in flight is missing.
        let after = essence(app.session().decisions());
        let saved = match store::load(&path) {
            Ok(file) => essence(&file.unwrap_or_default().decisions),
            Err(err) => panic!("round {round}: the session does not load after a kill: {err}"),
        };
        if saved == after {
            if saved != before {
                tally.in_flight_saved += 1;
            }
        } else if saved == before {
            tally.in_flight_lost += 1;
        } else {
            panic!(
                "round {round}: after the kill the session holds {} decisions, \
                 neither the {} confirmed on screen nor the {} of the step in flight",
                saved.len(),
                before.len(),
                after.len()
            );
        }
    }

    // A last clean run: reopen, check, quit.
    let file = store::load(&path).expect("loads").unwrap_or_default();
    let n = file.decisions.len();
    let term = Terminal::open(data.path(), &[], ROWS, COLS);
    term.wait_for(&format!(
        " {n} decision{} · ",
        if n == 1 { "" } else { "s" }
    ));
    term.quit();
    let left = temporaries(&sessions);
    assert!(left.is_empty(), "files left at the end: {left:?}");
    assert!(
        tally.kills >= 50,
        "only {} kills: the test must kill at least 50 times",
        tally.kills
    );
    // Written past the test harness's capture, so that every run shows it.
    let _ = writeln!(
        std::io::stderr(),
        "kill test (seed {seed}): {} SIGKILLs survived in {:.1?} over {} steps: {} right after a key press, \
         {} a few ms after, {} in the middle of a save (its temporary file on disk), {} when idle, {} while starting; the step in flight was on disk {} times \
         and not yet {} times; {} temporary files left by kills, all cleared on reopening; \
         the session loaded every time and ends with {n} decisions",
        tally.kills,
        started.elapsed(),
        tally.steps,
        tally.at_keypress,
        tally.soon_after,
        tally.mid_save,
        tally.idle,
        tally.starting,
        tally.in_flight_saved,
        tally.in_flight_lost,
        tally.leftovers,
    );
}

/// Waits up to 20 s until the screen's rows satisfy `done`.
fn wait_rows(term: &Terminal, done: impl Fn(&[String]) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if done(&term.rows()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(3));
    }
    false
}
