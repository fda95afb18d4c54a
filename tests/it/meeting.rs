#![allow(clippy::panic)] // A test fails by panicking.

//! One whole meeting, driven through the real binary in a 100×30
//! pseudo-terminal on a generated folder of 2,000 people: find a rater,
//! correct them, focus on their group, mark an agenda item discussed,
//! override a person with a reason, revoke that decision, sign off,
//! export, quit, and reopen to find it all on disk.

use std::ffi::OsStr;
use std::time::Duration;

use crate::support::terminal::Terminal;

#[test]
fn a_whole_meeting_on_two_thousand_people() {
    let _one = crate::support::terminal::one_at_a_time();
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("acme");
    calibra_synth::write(&calibra_synth::Spec::new(2_000, 7), &dir).expect("generated");
    let data = root.path().join("data");
    let out = root.path().join("grades.csv");
    // A rater to find: one who submitted a JSON file.
    let rater = std::fs::read_dir(dir.join("submissions"))
        .expect("submissions")
        .filter_map(|f| f.ok())
        .filter_map(|f| {
            let name = f.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".json").map(str::to_string)
        })
        .min()
        .expect("a JSON submission");

    let mut term = Terminal::open(&data, &[dir.as_os_str()], 30, 100);
    term.wait_for("POOL (reference)");
    term.wait_for(" 0 decisions · ");

    // Find the rater and correct them: the card shows raw → now.
    term.keys(&format!("/{rater}"));
    term.wait_for(&format!("rater  {rater}"));
    term.keys("\r");
    closed(&term, "Find a rater");
    term.wait_for(&format!("▶ {rater}"));
    term.keys("z");
    let screen = term.wait_for(" 1 decision · ");
    assert!(screen.contains("→zscore"), "{screen}");
    assert!(
        screen.contains("mean ") && screen.contains(" → "),
        "{screen}"
    );

    // Focus on their group: the tab bar says so.
    term.keys("f");
    let screen = term.wait_for("Focus on ");
    let group = screen
        .split("Focus on ")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .expect("the focus group")
        .to_string();
    assert!(screen.contains(&format!("◎ {group}")), "{screen}");

    // The agenda of that group: mark its first item discussed.
    term.keys("5");
    term.wait_for(&format!("Agenda for {group}: 0 of "));
    term.keys("d");
    term.wait_for("discussed. Note");
    term.keys("looked at it together\r");
    term.wait_for(&format!("Agenda for {group}: 1 of "));

    // Override one of the group's B people up, with a reason.
    term.keys("3");
    term.wait_for("People");
    term.keys("/B\r");
    closed(&term, "Find (filters");
    term.wait_for("filter \"B\"");
    term.keys("+");
    term.wait_for("Reason (required)");
    term.keys("led the migration\r");
    let screen = term.wait_for(" 3 decisions · ");
    // They are A now, so the B filter no longer shows them.
    assert!(screen.contains(" → A: 1 grade moved"), "{screen}");

    // Revoke it from the record, with a reason.
    term.keys("4");
    term.wait_for("3 on the record");
    term.keys("x");
    term.wait_for("Revoke decision 3");
    term.keys("second thoughts\r");
    term.wait_for(" 4 decisions · ");

    // Sign off, export, quit.
    term.keys("O");
    term.wait_for("Signed by");
    term.keys("\r");
    term.wait_for("SIGNED OFF by tester");
    term.keys("e");
    term.wait_for("Export final grades");
    term.keys(&"\x7f".repeat(200));
    term.keys(&format!("{}\r", out.display()));
    term.wait_for("Exported 2000 employees");
    term.quit();

    let csv = std::fs::read_to_string(&out).expect("exported");
    assert_eq!(csv.lines().count(), 2_001, "a header and 2,000 rows");

    // Reopen: everything is there, signed off.
    let mut term = Terminal::open(&data, &[OsStr::new(&dir)], 30, 100);
    let screen = term.wait_for("Resumed the session");
    assert!(screen.contains("5 decisions replayed"), "{screen}");
    term.wait_for("SIGNED OFF by tester");
    term.keys("+");
    term.wait_for("Signed off by tester: the session is closed");
    term.quit();
    let sessions = data.join("sessions");
    let saved: String = std::fs::read_dir(&sessions)
        .expect("sessions")
        .filter_map(|f| f.ok())
        .filter(|f| f.file_name().to_string_lossy().ends_with(".json"))
        .map(|f| std::fs::read_to_string(f.path()).expect("readable"))
        .collect();
    for kind in ["rater_scale", "discussed", "override", "sign_off"] {
        assert!(saved.contains(&format!("\"{kind}\"")), "{kind}: {saved}");
    }
    assert!(saved.contains("\"revokes\":3"), "{saved}");
}

/// Waits until a prompt asking `question` has closed, so that the next
/// key is a command, not text.
fn closed(term: &Terminal, question: &str) {
    let gone = term.wait_until(Duration::from_secs(20), |s| !s.contains(question));
    assert!(gone.is_some(), "the prompt stayed open:\n{}", term.screen());
}
