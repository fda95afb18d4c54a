#![allow(clippy::panic)] // A test fails by panicking.

//! A session whose input changed under it, and a session file that is
//! damaged: never applied silently, never discarded, never a crash.
//!
//! - A damaged session (truncated, garbage, another version, not UTF-8,
//!   empty) is refused by `calibra DIR` with its file, line and problem, and
//!   a copy is kept beside it (owner-only); the file itself is untouched.
//! - The fingerprint kept beside a session names what changed in the folder;
//!   `check --session` prints it (and still fails on decisions that no
//!   longer apply); the TUI lists those decisions and drops them only when
//!   the operator confirms, keeping a copy of the session first.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use calibra::engine::fingerprint::{self, Fingerprint};
use calibra::engine::load;
use calibra::tui::gate::{GateAction, GateStep};
use calibra::tui::theme::ThemeName;
use calibra::tui::{Opening, Options, prepare};
use calibra::workspace::store;

use crate::support::terminal::Terminal;
use crate::support::{binary, text};

const POLICY: &str = r#"{
  "cycle": "test",
  "score": { "min": 0, "max": 100, "decimals": 2 },
  "grades": [ { "id": "S" }, { "id": "A" }, { "id": "B" }, { "id": "C" }, { "id": "D" } ],
  "department_grades": ["A", "B", "C"],
  "quotas": {
    "A": { "S": 0.15, "A": 0.30, "B": 0.40, "C": 0.10, "D": 0.05 },
    "B": { "S": 0.10, "A": 0.20, "B": 0.50, "C": 0.15, "D": 0.05 },
    "C": { "S": 0.05, "A": 0.15, "B": 0.50, "C": 0.20, "D": 0.10 }
  }
}"#;

/// A small input folder: D1 (grade A) with E1–E4 rated by R1, D2 (grade B)
/// with E5–E8 rated by R2.
fn write_input(dir: &Path) {
    fs::create_dir_all(dir.join("submissions")).expect("mkdir");
    fs::write(dir.join("policy.json"), POLICY).expect("policy");
    let employees: Vec<String> = (1..=8)
        .map(|i| {
            let d = if i <= 4 { "D1" } else { "D2" };
            format!(r#"{{ "id": "E{i}", "name": "Person {i}", "department": "{d}" }}"#)
        })
        .collect();
    fs::write(
        dir.join("org.json"),
        format!(
            r#"{{ "departments": [ {{ "id": "D1", "name": "One", "grade": "A" }}, {{ "id": "D2", "name": "Two", "grade": "B" }} ],
  "employees": [ {} ] }}"#,
            employees.join(",\n    ")
        ),
    )
    .expect("org");
    fs::write(
        dir.join("submissions/r1.csv"),
        "rater_id,rater_name,employee_id,score\nR1,Rater One,E1,80\nR1,Rater One,E2,75\nR1,Rater One,E3,90\nR1,Rater One,E4,60\n",
    )
    .expect("r1");
    fs::write(
        dir.join("submissions/r2.csv"),
        "rater_id,rater_name,employee_id,score\nR2,Rater Two,E5,88\nR2,Rater Two,E6,92\nR2,Rater Two,E7,85\nR2,Rater Two,E8,95\n",
    )
    .expect("r2");
}

/// Three decisions: on R2 (line 4), on E3 (line 5), on D2 (line 6).
const SESSION: &str = r#"{
  "version": 1,
  "decisions": [
    { "kind": "rater_scale", "rater": "R2", "method": "zscore", "reason": "lenient" },
    { "kind": "override", "employee": "E3", "grade": "A", "reason": "led the launch" },
    { "kind": "department_grade", "department": "D2", "grade": "A", "reason": "regraded" }
  ]
}
"#;

/// The folder changed: R2's file is gone, E3 left, E1's score changed, D1
/// was regraded, E9 joined D1 and is rated by a new rater R3.
fn change_input(dir: &Path) {
    fs::remove_file(dir.join("submissions/r2.csv")).expect("rm r2");
    fs::write(
        dir.join("submissions/r1.csv"),
        "rater_id,rater_name,employee_id,score\nR1,Rater One,E1,81\nR1,Rater One,E2,75\nR1,Rater One,E4,60\n",
    )
    .expect("r1");
    fs::write(
        dir.join("submissions/r3.csv"),
        "rater_id,rater_name,employee_id,score\nR3,Rater Three,E9,70\n",
    )
    .expect("r3");
    let org = fs::read_to_string(dir.join("org.json")).expect("org");
    let org = org
        .replace(
            r#"{ "id": "D1", "name": "One", "grade": "A" }"#,
            r#"{ "id": "D1", "name": "One", "grade": "B" }"#,
        )
        .replace(
            r#"{ "id": "E3", "name": "Person 3", "department": "D1" }"#,
            r#"{ "id": "E9", "name": "Person 9", "department": "D1" }"#,
        );
    fs::write(dir.join("org.json"), org).expect("org");
}

struct Setup {
    _root: tempfile::TempDir,
    input: PathBuf,
    session: PathBuf,
    data: PathBuf,
}

/// `check` of the folder with the session.
fn check_args(s: &Setup) -> [&OsStr; 4] {
    [
        OsStr::new("check"),
        s.input.as_os_str(),
        OsStr::new("--session"),
        s.session.as_os_str(),
    ]
}

fn setup() -> Setup {
    let root = tempfile::tempdir().expect("tempdir");
    let input = root.path().join("acme");
    write_input(&input);
    let session = root.path().join("sessions/s.json");
    fs::create_dir_all(session.parent().expect("parent")).expect("mkdir");
    let data = root.path().join("data");
    Setup {
        input,
        session,
        data,
        _root: root,
    }
}

fn options(s: &Setup) -> Options {
    Options {
        dir: Some(s.input.clone()),
        session: Some(s.session.clone()),
        theme: ThemeName::Dark,
        read_only: false,
        previous: None,
        lang: calibra::i18n::Lang::En,
    }
}

fn calibra(s: &Setup, args: &[&OsStr]) -> Output {
    binary()
        .args(args)
        .env("CALIBRA_DATA_DIR", &s.data)
        .output()
        .expect("calibra runs")
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("meta").permissions().mode() & 0o777
}

/// Files in the session's folder whose names contain `part`.
fn copies(s: &Setup, part: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(s.session.parent().expect("parent"))
        .expect("ls")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().contains(part))
        .collect();
    found.sort();
    found
}

/// Begins a session the way the TUI does (taking the fingerprint), then
/// writes its decisions.
fn begin_session(s: &Setup) {
    match prepare(&options(s), &|_| {}).expect("opens") {
        Opening::Ready(_) => {}
        Opening::Review(_) => panic!("a new session has nothing to review"),
    }
    assert!(
        store::fingerprint_path(&s.session).exists(),
        "the fingerprint is taken when the session begins"
    );
    fs::write(&s.session, SESSION).expect("decisions");
}

#[test]
fn a_damaged_session_is_refused_with_a_copy_kept_and_never_overwritten() {
    let valid = SESSION.as_bytes();
    let cases: [(&str, Vec<u8>, &[&str]); 6] = [
        (
            "truncated",
            valid[..valid.len() / 2].to_vec(),
            &["s.json:5:31:", "ends too early"],
        ),
        (
            "garbage",
            b"PK\x03\x04 this is a zip file, not a session ]]".to_vec(),
            &["s.json:1:"],
        ),
        (
            "wrong version",
            b"{\n  \"version\": 7,\n  \"decisions\": []\n}\n".to_vec(),
            &["s.json:2:", "version 7 is not supported"],
        ),
        (
            "not UTF-8",
            b"{\n  \"version\": 1,\n  \"decisions\": [ \"\xff\xfe\" ]\n}\n".to_vec(),
            &["s.json:3:", "not UTF-8"],
        ),
        ("empty", Vec::new(), &["s.json:1:", "empty"]),
        ("blank", b"\n\n   \n".to_vec(), &["s.json:1:", "empty"]),
    ];
    for (what, bytes, expected) in cases {
        let s = setup();
        fs::write(&s.session, &bytes).expect("damaged");
        let args = [
            s.input.as_os_str(),
            OsStr::new("--session"),
            s.session.as_os_str(),
        ];
        let run = calibra(&s, &args);
        assert_eq!(run.status.code(), Some(1), "{what}: {run:?}");
        let stderr = text(&run.stderr);
        for part in expected {
            assert!(stderr.contains(part), "{what}: {part:?} in\n{stderr}");
        }
        assert!(stderr.contains("is damaged"), "{what}: {stderr}");
        let kept = copies(&s, ".damaged-");
        assert_eq!(kept.len(), 1, "{what}: one copy: {kept:?}");
        let copy = &kept[0];
        assert!(
            stderr.contains(&copy.display().to_string()),
            "{what}: the message says where the copy is:\n{stderr}"
        );
        let name = copy
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with("s.damaged-") && name.ends_with("Z.json"),
            "{what}: {name}"
        );
        assert_eq!(fs::read(copy).expect("copy"), bytes, "{what}: the copy");
        assert_eq!(mode(copy), 0o600, "{what}: owner-only");
        assert_eq!(
            fs::read(&s.session).expect("left"),
            bytes,
            "{what}: untouched"
        );
        // Refused again: the same copy, not a second one.
        let again = calibra(&s, &args);
        assert_eq!(again.status.code(), Some(1));
        assert_eq!(copies(&s, ".damaged-"), kept, "{what}: no second copy");
        assert_eq!(fs::read(&s.session).expect("left"), bytes);
        // check says what is wrong too, and writes nothing.
        let check = calibra(
            &s,
            &[
                OsStr::new("check"),
                s.input.as_os_str(),
                OsStr::new("--session"),
                s.session.as_os_str(),
            ],
        );
        assert_eq!(check.status.code(), Some(1), "{what}");
        assert_eq!(copies(&s, ".damaged-"), kept);
    }
}

#[test]
fn a_session_that_cannot_be_read_is_refused_and_left_alone() {
    let s = setup();
    fs::create_dir(&s.session).expect("a folder where the session should be");
    let run = calibra(
        &s,
        &[
            s.input.as_os_str(),
            OsStr::new("--session"),
            s.session.as_os_str(),
        ],
    );
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let stderr = text(&run.stderr);
    assert!(
        stderr.contains("cannot read the session file") && stderr.contains("s.json"),
        "{stderr}"
    );
    assert!(s.session.is_dir());
}

#[test]
fn the_fingerprint_is_compact_owner_only_and_beside_the_session() {
    let s = setup();
    begin_session(&s);
    let path = store::fingerprint_path(&s.session);
    assert_eq!(path.file_name().expect("name"), "s.input.json");
    assert_eq!(mode(&path), 0o600);
    let text = fs::read_to_string(&path).expect("fingerprint");
    let print = Fingerprint::parse(&text).expect("parses");
    assert_eq!(print.employees.len(), 8);
    assert_eq!(print.raters.len(), 2);
    // Version 3: the employees packed on one line, their ids front-coded
    // and 9 bytes each (department, ratings and name hashes) in base64:
    // under 20 bytes an employee beside the line's fixed part.
    let line = text
        .lines()
        .find(|l| l.contains("\"employees\""))
        .expect("the employees' line");
    assert!(
        line.contains(r#""ids": ["E1","2","3","4","5","6","7","8"]"#),
        "{line}"
    );
    let fixed = r#"  "employees": {"count": 8, "ids": [], "shared": "", "records": ""}"#.len();
    assert!(line.len() <= fixed + 20 * 8, "{} bytes: {line}", line.len());
    // The session file itself only holds decisions.
    assert!(
        !fs::read_to_string(&s.session)
            .expect("s")
            .contains("fingerprint")
    );
}

/// What calibra wrote before version 3 for `write_input`'s folder (only
/// the folder's path and the time differ from one run to the next).
const VERSION_2: &str = r#"{
  "version": 2,
  "kind": "calibra input fingerprint",
  "taken_at": "2026-12-02T18:45:56Z",
  "input": "acme",
  "policy": "24b479ac3e78711a",
  "ratings": 8,
  "departments": [
    ["D1","A",null],
    ["D2","B",null]
  ],
  "raters": [
    ["R1",4,"e46710cb17497044"],
    ["R2",4,"23419c69d3219114"]
  ],
  "employees": [
    ["E1",0,"2f5125bd4653ad6e","a6d8dd52f803d988"],
    ["E2",0,"7e750a65f35a1ef3","0ff1ad987522b4ca"],
    ["E3",0,"4b005e57a0be35df","78be4c2d65b26c8a"],
    ["E4",0,"c8cc542439a6f64e","104853b78dc5b145"],
    ["E5",1,"7e7c4e1d7c134df3","30e8968a0a21b76c"],
    ["E6",1,"5ea8593687092b29","665c74c99a4b825e"],
    ["E7",1,"3dd42f3c3cf48636","d42842209cb60bf8"],
    ["E8",1,"49f4c27e5a53f974","fab6d5a314e6d651"]
  ]
}
"#;

#[test]
fn a_session_begun_on_a_version_2_fingerprint_sees_the_same_changes() {
    let s = setup();
    fs::write(&s.session, SESSION).expect("decisions");
    let path = store::fingerprint_path(&s.session);
    fs::write(&path, VERSION_2).expect("the fingerprint an older calibra kept");
    let check_args = check_args(&s);
    // Unchanged: nothing is said, and the live screen opens without a review.
    let run = calibra(&s, &check_args);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    assert!(
        !text(&run.stdout).contains("changed"),
        "{}",
        text(&run.stdout)
    );
    assert!(
        !text(&run.stderr).contains("fingerprint"),
        "{}",
        text(&run.stderr)
    );
    assert!(matches!(
        prepare(&options(&s), &|_| {}).expect("opens"),
        Opening::Ready(_)
    ));

    // Changed, and a name swapped: what a version 3 fingerprint would say.
    change_input(&s.input);
    let org = fs::read_to_string(s.input.join("org.json")).expect("org");
    let org = org
        .replace("\"Person 2\"", "\"Person X\"")
        .replace("\"Person 4\"", "\"Person 2\"")
        .replace("\"Person X\"", "\"Person 4\"");
    fs::write(s.input.join("org.json"), org).expect("org");
    let run = calibra(&s, &check_args);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let stderr = text(&run.stderr);
    for expected in [
        "1 employee added: E9",
        "1 employee removed: E3",
        "5 employees' ratings changed (rater, score or weight): E1, E5, E6, E7, E8",
        "1 rater added: R3",
        "R1 (4 → 3 ratings)",
        "1 department regraded in org.json: D1 (A → B)",
    ] {
        assert!(stderr.contains(expected), "{expected:?} in\n{stderr}");
    }
    let input = load::load(load::read_folder(&s.input))
        .expect("valid")
        .input;
    let old = Fingerprint::parse(VERSION_2).expect("version 2 is read");
    let changes = fingerprint::compare(&old, &Fingerprint::of(&input, "", ""));
    assert_eq!(changes.employees_renamed, ["E2", "E4"]);
}

#[test]
fn check_and_export_say_what_changed_and_check_still_fails_on_stale_decisions() {
    let s = setup();
    begin_session(&s);
    // Unchanged: nothing is said.
    let check_args = check_args(&s);
    let run = calibra(&s, &check_args);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    assert!(
        !text(&run.stdout).contains("changed"),
        "{}",
        text(&run.stdout)
    );

    change_input(&s.input);
    let run = calibra(&s, &check_args);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let stderr = text(&run.stderr);
    for expected in [
        "note: the input changed since the session began",
        "1 employee added: E9",
        "1 employee removed: E3",
        // E1's new score; E5–E8 lost R2's ratings.
        "5 employees' ratings changed (rater, score or weight): E1, E5, E6, E7, E8",
        "1 rater added: R3",
        "1 rater removed: R2",
        "R1 (4 → 3 ratings)",
        "1 department regraded in org.json: D1 (A → B)",
        // The decisions that no longer apply are still errors, at their lines.
        "s.json:4:",
        "rater \"R2\" is not in the submissions",
        "s.json:5:",
        "employee \"E3\" is not in org.json",
    ] {
        assert!(stderr.contains(expected), "{expected:?} in\n{stderr}");
    }
    assert!(!stderr.contains("s.json:6:"), "D2's decision still applies");

    // With only the decision that still applies, check passes and notes the changes.
    fs::write(
        &s.session,
        r#"{ "version": 1, "decisions": [ { "kind": "department_grade", "department": "D2", "grade": "A" } ] }"#,
    )
    .expect("session");
    let run = calibra(&s, &check_args);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let stdout = text(&run.stdout);
    assert!(stdout.contains("1 employee removed: E3"), "{stdout}");
    // export and stats say it on stderr.
    let out = s.session.with_file_name("grades.csv");
    let run = calibra(
        &s,
        &[
            OsStr::new("export"),
            s.input.as_os_str(),
            OsStr::new("--session"),
            s.session.as_os_str(),
            OsStr::new("--out"),
            out.as_os_str(),
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    assert!(text(&run.stderr).contains("1 rater removed: R2"));
    let run = calibra(
        &s,
        &[
            OsStr::new("stats"),
            s.input.as_os_str(),
            OsStr::new("--session"),
            s.session.as_os_str(),
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    assert!(text(&run.stderr).contains("1 employee added: E9"));
}

#[test]
fn the_tui_lists_stale_decisions_and_drops_them_only_when_confirmed() {
    let s = setup();
    begin_session(&s);
    change_input(&s.input);
    let original = fs::read(&s.session).expect("session");

    let Opening::Review(mut gate) = prepare(&options(&s), &|_| {}).expect("opens") else {
        panic!("the operator must review the changes first")
    };
    let lines: Vec<(Option<u32>, String)> = gate
        .stale
        .iter()
        .map(|r| (r.decision.location.line, r.what.clone()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (Some(4), "rater_scale: R2: z-score to pool".to_string()),
            (Some(5), "override: E3 → A".to_string()),
        ],
        "each stale decision with its line"
    );
    assert_eq!(gate.stale[1].reason.as_deref(), Some("led the launch"));
    let changes = gate
        .opened
        .changes
        .clone()
        .expect("a fingerprint to compare");
    assert_eq!(changes.employees_removed, vec!["E3"]);
    assert_eq!(changes.raters_removed, vec!["R2"]);

    // Going on is refused while decisions are stale; d asks first; n keeps them.
    assert_eq!(gate.update(GateAction::Continue), GateStep::Stay);
    assert_eq!(gate.update(GateAction::Drop), GateStep::Stay);
    assert!(gate.confirming);
    assert_eq!(gate.update(GateAction::No), GateStep::Stay);
    assert!(!gate.confirming);
    assert_eq!(fs::read(&s.session).expect("session"), original);
    // Quitting leaves everything as it was.
    assert_eq!(gate.update(GateAction::Quit), GateStep::Quit);
    assert_eq!(fs::read(&s.session).expect("session"), original);

    // d, y: a copy first, then the session without them.
    assert_eq!(gate.update(GateAction::Drop), GateStep::Stay);
    assert_eq!(gate.update(GateAction::Yes), GateStep::Drop);
    let notice = gate
        .opened
        .drop_stale("2026-11-27T10:00:00Z", calibra::i18n::Lang::En)
        .expect("dropped");
    let kept = gate.opened.file.clone();
    assert_eq!(kept.decisions.len(), 1);
    let copy = copies(&s, ".before-drop-");
    assert_eq!(copy.len(), 1, "{copy:?}");
    assert_eq!(fs::read(&copy[0]).expect("copy"), original);
    assert_eq!(mode(&copy[0]), 0o600);
    assert!(notice.contains(&copy[0].display().to_string()), "{notice}");
    let saved = store::load(&s.session).expect("loads").expect("saved");
    assert_eq!(saved.decisions, kept.decisions);
    // The fingerprint now describes the input as it is: nothing more to review.
    let input = load::load(load::read_folder(&s.input))
        .expect("valid")
        .input;
    let print = store::load_fingerprint(&s.session)
        .expect("readable")
        .expect("kept");
    assert!(fingerprint::compare(&print, &Fingerprint::of(&input, "", "")).is_empty());
    let app = gate.into_app(notice).expect("opens");
    assert_eq!(app.session().decisions().len(), 1);
    // The screen holds the session's lock until it closes.
    assert!(app.holds_lock());
    drop(app);
    assert!(matches!(
        prepare(&options(&s), &|_| {}).expect("opens"),
        Opening::Ready(_)
    ));
}

#[test]
fn changes_without_stale_decisions_are_shown_and_then_acknowledged() {
    let s = setup();
    begin_session(&s);
    fs::write(
        &s.session,
        r#"{ "version": 1, "decisions": [ { "kind": "department_grade", "department": "D2", "grade": "A" } ] }"#,
    )
    .expect("session");
    change_input(&s.input);
    let Opening::Review(mut gate) = prepare(&options(&s), &|_| {}).expect("opens") else {
        panic!("the changes are shown first")
    };
    assert!(gate.stale.is_empty());
    assert_eq!(gate.update(GateAction::Continue), GateStep::Continue);
    let notice = gate.opened.acknowledge(calibra::i18n::Lang::En);
    assert!(notice.contains("changed"), "{notice}");
    drop(gate);
    assert!(matches!(
        prepare(&options(&s), &|_| {}).expect("opens"),
        Opening::Ready(_)
    ));
}

#[test]
fn an_older_session_without_a_fingerprint_gets_one() {
    let s = setup();
    fs::write(
        &s.session,
        r#"{ "version": 1, "decisions": [ { "kind": "department_grade", "department": "D2", "grade": "A" } ] }"#,
    )
    .expect("session");
    assert!(matches!(
        prepare(&options(&s), &|_| {}).expect("opens"),
        Opening::Ready(_)
    ));
    assert!(store::fingerprint_path(&s.session).exists());
}

#[test]
fn in_a_real_terminal_stale_decisions_are_listed_then_dropped_after_y() {
    let _one = crate::support::terminal::one_at_a_time();
    let s = setup();
    begin_session(&s);
    change_input(&s.input);
    let args = [
        s.input.as_os_str(),
        OsStr::new("--session"),
        s.session.as_os_str(),
    ];
    let mut term = Terminal::open(&s.data, &args, 30, 120);
    let screen = term.wait_for("decisions no longer apply");
    for expected in [
        "the input changed under this session",
        "1 employee removed: E3",
        "1 rater removed: R2",
        "line 4",
        "rater_scale: R2: z-score to pool",
        "line 5",
        "override: E3 → A",
        "led the launch",
        "employee \"E3\" is not in org.json",
    ] {
        assert!(screen.contains(expected), "{expected:?} in\n{screen}");
    }
    term.keys("d");
    term.wait_for("Drop 2 decisions?");
    term.keys("n");
    term.wait_for(" d  drop these");
    term.keys("d");
    term.wait_for("Drop 2 decisions?");
    term.keys("y");
    let screen = term.wait_for("Dropped 2 decisions that no longer applied");
    assert!(screen.contains("1 decision "), "{screen}");
    term.quit();
    let saved = store::load(&s.session).expect("loads").expect("saved");
    assert_eq!(saved.decisions.len(), 1);
    assert_eq!(copies(&s, ".before-drop-").len(), 1);

    // Quitting from that screen instead leaves the session as it was (exit 1).
    let s = setup();
    begin_session(&s);
    change_input(&s.input);
    let original = fs::read(&s.session).expect("session");
    let args = [
        s.input.as_os_str(),
        OsStr::new("--session"),
        s.session.as_os_str(),
    ];
    let mut term = Terminal::open(&s.data, &args, 30, 120);
    term.wait_for("decisions no longer apply");
    term.keys("q");
    let status = term
        .wait_exit(std::time::Duration::from_secs(10))
        .expect("quits");
    assert_eq!(status.exit_code(), 1);
    assert_eq!(fs::read(&s.session).expect("session"), original);
    assert!(copies(&s, ".before-drop-").is_empty());
}
