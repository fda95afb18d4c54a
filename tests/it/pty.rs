#![allow(clippy::panic)] // A test fails by panicking.

//! The real binary in a real pseudo-terminal: press keys, read the screen
//! (through a VT100 emulator), quit, reopen, and find the session resumed;
//! SIGTERM and SIGHUP restore the terminal with every decision on disk;
//! rapid resizes down to 1x1 never panic.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::terminal::{
    ENTER_ALTERNATE_SCREEN, LEAVE_ALTERNATE_SCREEN, Terminal, ends_with,
};

#[test]
fn decide_quit_reopen_and_resume_in_a_real_terminal() {
    let _one = crate::support::terminal::one_at_a_time();
    let data = tempfile::tempdir().expect("tempdir");
    let mut term = Terminal::demo(data.path());
    term.wait_for("POOL (reference)");
    // The status line is drawn last.
    let screen = term.wait_for("0 decisions");
    assert!(
        screen.contains("▲lenient"),
        "the lenient rater is flagged:\n{screen}"
    );

    // Z-score the selected (most lenient) rater, then override a person.
    term.keys("z");
    term.wait_for("1 decision ");
    term.keys("3");
    term.wait_for("Employees: 78 of 78");
    term.keys("+");
    term.wait_for("Reason (required)");
    term.keys("\r");
    term.wait_for("needs a reason");
    term.keys("carried the 11.11 peak\r");
    let screen = term.wait_for("2 decisions");
    assert!(screen.contains("✎override"), "{screen}");
    term.quit();

    let saved = std::fs::read_to_string(data.path().join("sessions/demo.json")).expect("saved");
    assert!(
        saved.contains("\"zscore\"") && saved.contains("carried the 11.11 peak"),
        "{saved}"
    );
    assert!(saved.contains("\"by\":\"tester\""), "{saved}");

    let mut term = Terminal::demo(data.path());
    let screen = term.wait_for("Resumed the session");
    assert!(screen.contains("2 decisions replayed"), "{screen}");
    term.keys("4");
    let screen = term.wait_for("2 on the record");
    assert!(screen.contains("carried the 11.11 peak"), "{screen}");
    term.keys("u");
    term.wait_for("1 decision ");
    term.quit();
    let saved = std::fs::read_to_string(data.path().join("sessions/demo.json")).expect("saved");
    assert!(
        !saved.contains("carried the 11.11 peak"),
        "undo is saved: {saved}"
    );
}

/// Makes two decisions, sends `signal`, and checks that calibra leaves
/// promptly, restores the terminal and has both decisions on disk.
fn ends_cleanly_on(signal: i32, name: &str, status: u32) {
    let data = tempfile::tempdir().expect("tempdir");
    let mut term = Terminal::demo(data.path());
    term.wait_for("POOL (reference)");
    term.keys("z");
    term.wait_for(" 1 decision · ");
    term.keys("l+");
    term.wait_for(" 2 decisions · ");
    let sent = Instant::now();
    term.signal(signal);
    let exit = term.wait_exit(Duration::from_secs(5));
    let took = sent.elapsed();
    let Some(exit) = exit else {
        panic!("calibra did not leave within 5 s of {name}")
    };
    assert!(took < Duration::from_secs(1), "{name}: left after {took:?}");
    assert_eq!(exit.exit_code(), status, "{name}: exit status {exit:?}");
    term.drain();
    let output = term.output();
    assert!(
        output
            .windows(ENTER_ALTERNATE_SCREEN.len())
            .any(|w| w == ENTER_ALTERNATE_SCREEN),
        "{name}: the alternate screen was entered"
    );
    assert!(
        ends_with(&output, LEAVE_ALTERNATE_SCREEN),
        "{name}: the output ends by leaving the alternate screen; it ends with {:?}",
        String::from_utf8_lossy(&output[output.len().saturating_sub(60)..])
    );
    let tail = &output[output
        .windows(LEAVE_ALTERNATE_SCREEN.len())
        .rposition(|w| w == LEAVE_ALTERNATE_SCREEN)
        .unwrap_or(0)
        .saturating_sub(40)..];
    assert!(
        tail.windows(6).any(|w| w == b"\x1b[?25h"),
        "{name}: the cursor is shown again: {:?}",
        String::from_utf8_lossy(tail)
    );
    let saved = calibra::workspace::store::load(&data.path().join("sessions/demo.json"))
        .expect("the session loads");
    let saved = saved.expect("the session was saved");
    assert_eq!(saved.decisions.len(), 2, "{name}: both decisions on disk");
    eprintln!(
        "{name}: calibra left {took:?} after the signal, terminal restored, 2 decisions on disk"
    );
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_the_session() {
    let _one = crate::support::terminal::one_at_a_time();
    ends_cleanly_on(libc::SIGTERM, "SIGTERM", 128 + 15);
}

#[test]
fn sighup_restores_the_terminal_and_keeps_the_session() {
    let _one = crate::support::terminal::one_at_a_time();
    ends_cleanly_on(libc::SIGHUP, "SIGHUP", 128 + 1);
}

/// Makes a decision, closes the terminal, and checks that calibra leaves
/// (rather than spinning on a dead terminal) with the decision on disk.
fn leaves_when_the_terminal_closes(mut term: Terminal, data: &Path, how: &str) {
    term.wait_for("POOL (reference)");
    term.keys("z");
    term.wait_for(" 1 decision · ");
    let closed = Instant::now();
    term.close();
    let exit = term.wait_exit(Duration::from_secs(5));
    let Some(exit) = exit else {
        panic!("{how}: calibra still runs 5 s after its terminal closed")
    };
    assert_eq!(exit.exit_code(), 128 + 1, "{how}: {exit:?}");
    eprintln!(
        "terminal closed ({how}): calibra left after {:?} with status 129",
        closed.elapsed()
    );
    let saved = calibra::workspace::store::load(&data.join("sessions/demo.json"))
        .expect("the session loads")
        .expect("the session was saved");
    assert_eq!(saved.decisions.len(), 1);
}

#[test]
fn closing_the_terminal_ends_calibra_with_the_session_on_disk() {
    let _one = crate::support::terminal::one_at_a_time();
    // calibra leads the terminal's session: the kernel sends it SIGHUP.
    let data = tempfile::tempdir().expect("tempdir");
    let term = Terminal::demo(data.path());
    leaves_when_the_terminal_closes(term, data.path(), "SIGHUP from the kernel");
    // Under a shell that ignores SIGHUP and does not pass it on: no signal
    // comes, only the hang-up (crossterm alone would spin on end-of-file).
    let data = tempfile::tempdir().expect("tempdir");
    let term = Terminal::shell(data.path(), "trap '' HUP; \"$CALIBRA\"; exit $?", 45, 160);
    leaves_when_the_terminal_closes(term, data.path(), "hang-up without a signal");
}

#[test]
fn rapid_resizes_down_to_one_cell_never_panic() {
    let _one = crate::support::terminal::one_at_a_time();
    let data = tempfile::tempdir().expect("tempdir");
    let mut term = Terminal::demo(data.path());
    term.wait_for("POOL (reference)");
    let sizes: [(u16, u16); 12] = [
        (1, 1),
        (24, 80),
        (1, 200),
        (60, 1),
        (2, 2),
        (15, 60),
        (14, 59),
        (1, 1),
        (45, 160),
        (3, 7),
        (1, 1),
        (50, 220),
    ];
    let mut resizes = 0;
    for round in 0..25 {
        for &(rows, cols) in &sizes {
            term.resize(rows, cols);
            resizes += 1;
        }
        // Keys in between, on every screen, while the size jumps.
        term.keys(["1", "2", "3", "4", "?", "?"][round % 6]);
        assert!(term.try_wait().is_none(), "calibra ended during resizes");
    }
    // On a 1x1 terminal for a moment, then back to full size.
    term.resize(1, 1);
    std::thread::sleep(Duration::from_millis(200));
    assert!(term.try_wait().is_none(), "calibra ended at 1x1");
    term.resize(20, 50);
    term.wait_for("Enlarge the window");
    term.resize(45, 160);
    term.keys("1");
    term.wait_for("POOL (reference)");
    term.keys("z");
    term.wait_for(" 1 decision · ");
    eprintln!("{resizes} resizes (down to 1x1) without a panic");
    term.quit();
}

#[test]
fn sigusr1_and_sigalrm_restore_the_terminal_too() {
    let _one = crate::support::terminal::one_at_a_time();
    ends_cleanly_on(libc::SIGUSR1, "SIGUSR1", 128 + libc::SIGUSR1 as u32);
    ends_cleanly_on(libc::SIGALRM, "SIGALRM", 128 + libc::SIGALRM as u32);
}

/// Issue 8: a batch survives reopening. Z-score every rater, quit, reopen:
/// one undo takes back every rater's z-score, and the file says so.
#[test]
fn z_scoring_every_rater_is_undone_by_one_undo_after_reopening() {
    let _one = crate::support::terminal::one_at_a_time();
    let data = tempfile::tempdir().expect("tempdir");
    let path = data.path().join("sessions/demo.json");
    let mut term = Terminal::demo(data.path());
    term.wait_for("0 decisions");
    term.keys("Z");
    let screen = term.wait_for("8 decisions");
    assert!(screen.contains("Z-scored 8 raters"), "{screen}");
    term.quit();
    let saved = calibra::workspace::store::load(&path)
        .expect("loads")
        .expect("saved");
    assert_eq!(saved.decisions.len(), 8);
    let batches: Vec<Option<u64>> = saved.decisions.iter().map(|d| d.batch).collect();
    assert_eq!(batches, vec![Some(1); 8], "one batch, saved as such");

    let mut term = Terminal::demo(data.path());
    term.wait_for("8 decisions replayed");
    term.keys("u");
    let screen = term.wait_for("0 decisions");
    assert!(screen.contains("Undone 8 decisions"), "{screen}");
    term.quit();
    let saved = calibra::workspace::store::load(&path)
        .expect("loads")
        .expect("saved");
    assert!(saved.decisions.is_empty(), "every rater restored");
}

/// Issue 9.1: a second live screen on the same session is refused, told
/// who holds it, and may look with --read-only; the first keeps its
/// temporary files and its decisions.
#[test]
fn a_second_live_screen_on_one_session_is_refused_and_may_look_read_only() {
    let _one = crate::support::terminal::one_at_a_time();
    let data = tempfile::tempdir().expect("tempdir");
    let mut first = Terminal::demo(data.path());
    first.wait_for("0 decisions");
    first.keys("z");
    first.wait_for(" 1 decision · ");

    let second = crate::support::binary()
        .env("CALIBRA_DATA_DIR", data.path())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("runs");
    let stderr = crate::support::text(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is open in another calibra"), "{stderr}");
    assert!(
        stderr.contains("since"),
        "says who and since when: {stderr}"
    );
    assert!(stderr.contains("--read-only"), "{stderr}");

    let mut look = Terminal::open(data.path(), &[std::ffi::OsStr::new("--read-only")], 30, 100);
    look.wait_for("Read-only");
    look.keys("z");
    look.wait_for("this screen only looks");
    look.quit();

    // The first screen goes on deciding, and every decision is on disk.
    first.keys("l+");
    first.wait_for(" 2 decisions · ");
    first.quit();
    let saved = calibra::workspace::store::load(&data.path().join("sessions/demo.json"))
        .expect("loads")
        .expect("saved");
    assert_eq!(
        saved.decisions.len(),
        2,
        "nothing lost to the second opener"
    );
}

/// Issue 14: a folder that takes a while to open shows a progress screen
/// from its first frames, then the session; q on it leaves at once.
#[test]
fn a_large_folder_opens_behind_a_progress_screen() {
    let _one = crate::support::terminal::one_at_a_time();
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("acme");
    calibra_synth::write(&calibra_synth::Spec::new(20_000, 3), &dir).expect("generated");
    let data = root.path().join("data");
    let open = || Terminal::open(&data, &[dir.as_os_str()], 30, 100);
    let term = open();
    let screen = term.wait_for("reading the folder and checking it");
    assert!(screen.contains("Opening "), "{screen}");
    assert!(screen.contains("q leaves"), "{screen}");
    term.wait_for("POOL (reference)");
    term.quit();
    // Leaving while it opens: no session is begun.
    let mut term = open();
    term.wait_for("q leaves");
    term.keys("q");
    let status = term.wait_exit(Duration::from_secs(10)).expect("left");
    assert_eq!(status.exit_code(), 0);
}

#[test]
fn the_linked_ratings_model_arrives_on_screen_without_a_key() {
    let _one = crate::support::terminal::one_at_a_time();
    let data = tempfile::tempdir().expect("tempdir");
    let term = Terminal::demo(data.path());
    // The loop wakes for the background fit and redraws: no key pressed.
    let screen = term.wait_for("sev+");
    assert!(!screen.contains("linking…"), "{screen}");
    // The first frame came before it.
    let output = String::from_utf8_lossy(&term.output()).into_owned();
    assert!(output.contains("linking…"), "the first frame says linking…");
    term.quit();
}

/// Issue 13.4: the locale chooses the screen's language, and `--lang`
/// wins over it.
#[test]
fn a_taiwanese_locale_opens_the_demo_in_traditional_chinese_unless_lang_says_otherwise() {
    let _one = crate::support::terminal::one_at_a_time();
    let data = tempfile::tempdir().expect("tempdir");
    let taiwan = [("LANG", "zh_TW.UTF-8")];
    let term = Terminal::open_with(data.path(), &[], &taiwan, 30, 100);
    let screen = term.wait_for("群組與配額");
    assert!(screen.contains("評分者"), "{screen}");
    assert!(!screen.contains("Raters"), "{screen}");
    term.quit();
    let english = [std::ffi::OsStr::new("--lang"), std::ffi::OsStr::new("en")];
    let term = Terminal::open_with(data.path(), &english, &taiwan, 30, 100);
    let screen = term.wait_for("1 Raters");
    assert!(screen.contains("Record"), "{screen}");
    assert!(!screen.contains("評分者"), "{screen}");
    term.quit();
}
