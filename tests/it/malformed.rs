//! The malformed-input suite (issue 5, item 4): every case copies
//! fixtures/small into a temporary folder, breaks one thing (encoding, BOM,
//! line ends, a key given twice, a wrong type, a huge or empty file, a
//! symbolic link, a FIFO, an unreadable file, a missing folder, a bad
//! number), then runs the real binary: `check`, `export --out NEW` and
//! `export --out EXISTING`. Each must exit 1 without panicking or hanging,
//! name the broken file on stderr (and its line where it has one), write no
//! output file, leave the existing one untouched and leave no temporary
//! file behind. The test prints how many cases it tried.

use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::support::{binary, fixture, names};

/// No run may take longer (a FIFO read would hang forever).
const TIMEOUT: Duration = Duration::from_secs(90);

struct Output {
    code: Option<i32>,
    stderr: String,
}

/// Runs the binary with no standard input, killing it after [`TIMEOUT`].
fn run(args: &[OsString]) -> Output {
    let mut child = binary()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the calibra binary starts");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out = thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = stdout.read_to_end(&mut sink);
    });
    let err = thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stderr.read_to_end(&mut text);
        String::from_utf8_lossy(&text).into_owned()
    });
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for calibra") {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(5));
    };
    let _ = out.join();
    let stderr = err.join().expect("stderr reader");
    assert!(
        status.is_some(),
        "calibra {args:?} did not finish within {TIMEOUT:?}; stderr:\n{stderr}"
    );
    Output {
        code: status.and_then(|s| s.code()),
        stderr,
    }
}

/// What the broken input must be reported as.
struct Expect {
    /// Relative to the input folder (or absolute); empty for the folder itself.
    file: PathBuf,
    line: Option<u32>,
    /// A decisions file to pass with --session.
    session: Option<PathBuf>,
}

fn at(file: &str, line: u32) -> Option<Expect> {
    Some(Expect {
        file: file.into(),
        line: Some(line),
        session: None,
    })
}

fn whole(file: &str) -> Option<Expect> {
    Some(Expect {
        file: file.into(),
        line: None,
        session: None,
    })
}

// ---- building the broken inputs ----

fn copy_small(dir: &Path) {
    crate::support::copy_dir(&fixture("small"), dir);
    // The hand-checked expectations are not input.
    let _ = fs::remove_file(dir.join("EXPECTED.md"));
}

fn read(dir: &Path, rel: &str) -> String {
    fs::read_to_string(dir.join(rel)).expect("a fixture file")
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    fs::write(dir.join(rel), bytes).expect("write");
}

fn line_of(text: &str, byte: usize) -> u32 {
    text[..byte].bytes().filter(|&b| b == b'\n').count() as u32 + 1
}

/// Replaces the first `from` in a file with `to`; returns the line where
/// `to` starts.
fn replace(dir: &Path, rel: &str, from: &str, to: &str) -> u32 {
    let text = read(dir, rel);
    let at = text
        .find(from)
        .unwrap_or_else(|| unreachable!("{from:?} is not in {rel}"));
    let new = format!("{}{to}{}", &text[..at], &text[at + from.len()..]);
    write(dir, rel, &new);
    line_of(&new, at)
}

/// Replaces the first `from` with raw bytes; returns the line.
fn replace_bytes(dir: &Path, rel: &str, from: &str, to: &[u8]) -> u32 {
    let text = read(dir, rel);
    let at = text
        .find(from)
        .unwrap_or_else(|| unreachable!("{from:?} is not in {rel}"));
    let mut bytes = text.as_bytes()[..at].to_vec();
    bytes.extend_from_slice(to);
    bytes.extend_from_slice(&text.as_bytes()[at + from.len()..]);
    write(dir, rel, bytes);
    line_of(&text, at)
}

fn crlf(dir: &Path, rel: &str) {
    let text = read(dir, rel).replace('\n', "\r\n");
    write(dir, rel, text);
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut units: Vec<u16> = Vec::new();
    if bom {
        units.push(0xFEFF);
    }
    units.extend(text.encode_utf16());
    units
        .iter()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

const CSV_HEADER: &str = "rater_id,rater_name,employee_id,score,weight,comment\n";

fn write_session(dir: &Path, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir
        .parent()
        .expect("the input folder has a parent")
        .join("session.json");
    fs::write(&path, text).expect("write the session");
    path
}

fn session_at(path: PathBuf, line: Option<u32>) -> Option<Expect> {
    Some(Expect {
        file: path.clone(),
        line,
        session: Some(path),
    })
}

#[cfg(unix)]
fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

type Build = fn(&Path) -> Option<Expect>;

/// Every case: a name and how to break a copy of fixtures/small. A build
/// that returns `None` could not be set up here and is skipped (it says why).
fn cases() -> Vec<(&'static str, Build)> {
    let mut cases: Vec<(&'static str, Build)> = vec![
        // ---- encodings ----
        ("org.json in UTF-16 LE with a BOM", |d| {
            write(d, "org.json", utf16(&read(d, "org.json"), false, true));
            at("org.json", 1)
        }),
        ("policy.json in UTF-16 BE with a BOM", |d| {
            write(d, "policy.json", utf16(&read(d, "policy.json"), true, true));
            at("policy.json", 1)
        }),
        ("org.json in UTF-16 LE without a BOM", |d| {
            write(d, "org.json", utf16(&read(d, "org.json"), false, false));
            at("org.json", 1)
        }),
        ("a submission in UTF-16 BE without a BOM", |d| {
            let rel = "submissions/r1.json";
            write(d, rel, utf16(&read(d, rel), true, false));
            at(rel, 1)
        }),
        ("a Latin-1 byte in an employee name", |d| {
            let line = replace_bytes(d, "org.json", "陳一", b"Jos\xe9");
            at("org.json", line)
        }),
        ("a Latin-1 byte in a CSV submission", |d| {
            let csv = format!("{CSV_HEADER}R4,Ren,E08,70,,\n");
            write(d, "submissions/extra.csv", csv);
            let line = replace_bytes(d, "submissions/extra.csv", "Ren", b"Ren\xe9e");
            at("submissions/extra.csv", line)
        }),
        ("a UTF-8 BOM in the middle of policy.json", |d| {
            let line = replace(d, "policy.json", "\"score\"", "\u{feff}\"score\"");
            at("policy.json", line)
        }),
        ("a BOM, then a syntax error on line 6", |d| {
            let line = replace(d, "policy.json", "\"優秀\" },", "\"優秀\" }");
            let text = read(d, "policy.json");
            write(d, "policy.json", format!("\u{feff}{text}"));
            // The missing comma is noticed at the next record.
            at("policy.json", line + 1)
        }),
        ("a BOM, then a bad score in a CSV row", |d| {
            let csv = format!("\u{feff}{CSV_HEADER}R4,Ren,E08,70,,\nR4,Ren,E01,abc,,\n");
            write(d, "submissions/extra.csv", csv);
            at("submissions/extra.csv", 3)
        }),
        ("CRLF org.json with an unknown department", |d| {
            let line = replace(
                d,
                "org.json",
                "\"department\": \"D2\", \"attributes\": { \"gender\": \"F\", \"tenure\": \"3-5y\" }",
                "\"department\": \"D9\", \"attributes\": { \"gender\": \"F\", \"tenure\": \"3-5y\" }",
            );
            crlf(d, "org.json");
            at("org.json", line)
        }),
        ("CRLF CSV with a score out of range on line 4", |d| {
            let csv = format!("{CSV_HEADER}R4,Ren,E08,70,,\nR4,Ren,E01,71,,\nR4,Ren,E02,101,,\n")
                .replace('\n', "\r\n");
            write(d, "submissions/extra.csv", csv);
            at("submissions/extra.csv", 4)
        }),
        ("CRLF policy.json with a syntax error", |d| {
            let line = replace(
                d,
                "policy.json",
                "[\"A\", \"B\", \"C\"]",
                "[\"A\", \"B\" \"C\"]",
            );
            crlf(d, "policy.json");
            at("policy.json", line)
        }),
        (
            "CRLF CSV with a quoted comment over two lines, then an unknown employee",
            |d| {
                let csv = format!("{CSV_HEADER}R4,Ren,E08,70,,\"two\r\nlines\"\nR4,Ren,E99,71,,\n")
                    .replace("\r\n", "\n")
                    .replace('\n', "\r\n");
                write(d, "submissions/extra.csv", csv);
                at("submissions/extra.csv", 4)
            },
        ),
        // ---- keys given twice ----
        ("a field given twice in an employee", |d| {
            let line = replace(
                d,
                "org.json",
                "\"name\": \"黃三\"",
                "\"name\": \"黃三\", \"name\": \"X\"",
            );
            at("org.json", line)
        }),
        ("a quota row given twice", |d| {
            let line = replace(
                d,
                "policy.json",
                "\"C\": { \"S\": \"0\"",
                "\"A\": { \"S\": 1, \"A\": 0, \"B\": 0, \"C\": 0, \"D\": 0 },\n    \"C\": { \"S\": \"0\"",
            );
            at("policy.json", line)
        }),
        ("a grade given twice in a quota row", |d| {
            let line = replace(
                d,
                "policy.json",
                "\"B\": { \"S\": 0,",
                "\"B\": { \"S\": 0, \"S\": 0,",
            );
            at("policy.json", line)
        }),
        ("a field given twice in a rating", |d| {
            let rel = "submissions/r1.json";
            let line = replace(d, rel, "\"score\": 85", "\"score\": 85, \"score\": 86");
            at(rel, line)
        }),
        ("an attribute given twice", |d| {
            let line = replace(
                d,
                "org.json",
                "\"gender\": \"F\"",
                "\"gender\": \"F\", \"gender\": \"M\"",
            );
            at("org.json", line)
        }),
        ("a field given twice in a decision", |d| {
            let path = write_session(
                d,
                "{\"version\": 1, \"decisions\": [\n{ \"kind\": \"clear_override\", \"employee\": \"E01\", \"employee\": \"E02\" }\n]}",
            );
            session_at(path, Some(2))
        }),
        // ---- wrong types ----
        ("a name that is a number", |d| {
            let line = replace(d, "org.json", "\"name\": \"林二\"", "\"name\": 5");
            at("org.json", line)
        }),
        ("a department id that is null", |d| {
            let line = replace(d, "org.json", "\"id\": \"D2\"", "\"id\": null");
            at("org.json", line)
        }),
        ("a score that is a boolean", |d| {
            let rel = "submissions/r2.json";
            let line = replace(d, rel, "\"score\": 75 }", "\"score\": true }");
            at(rel, line)
        }),
        ("a weight that is a list", |d| {
            let rel = "submissions/r1.json";
            let line = replace(d, rel, "\"weight\": 2", "\"weight\": [2]");
            at(rel, line)
        }),
        ("a score bound that is an object", |d| {
            let line = replace(d, "policy.json", "\"min\": 0", "\"min\": {}");
            at("policy.json", line)
        }),
        ("employees that are an object", |d| {
            let line = replace(
                d,
                "org.json",
                "\"employees\": [",
                "\"employees\": {}, \"x\": [",
            );
            at("org.json", line)
        }),
        ("the score scale written as a list", |d| {
            let line = replace(
                d,
                "policy.json",
                "{ \"min\": 0, \"max\": 100, \"decimals\": 1 }",
                "[0, 100, 1]",
            );
            at("policy.json", line)
        }),
        ("a rating written as a list", |d| {
            let rel = "submissions/r1.json";
            let line = replace(
                d,
                rel,
                "{ \"employee\": \"E03\", \"score\": 70 }",
                "[\"E03\", 70]",
            );
            at(rel, line)
        }),
        ("a pool that is a number", |d| {
            let line = replace(d, "org.json", "\"pool\": \"P\"", "\"pool\": 7");
            at("org.json", line)
        }),
        ("attributes that are a string", |d| {
            let line = replace(
                d,
                "org.json",
                "\"attributes\": { \"gender\": \"M\", \"tenure\": \"1-3y\" }",
                "\"attributes\": \"M\"",
            );
            at("org.json", line)
        }),
        ("department grades that are a string", |d| {
            let line = replace(d, "policy.json", "[\"A\", \"B\", \"C\"]", "\"A\"");
            at("policy.json", line)
        }),
        ("a rater that is a string", |d| {
            let rel = "submissions/r3.json";
            let line = replace(d, rel, "{ \"id\": \"R3\", \"name\": \"丙主管\" }", "\"R3\"");
            at(rel, line)
        }),
        ("ratings that are null", |d| {
            let rel = "submissions/r2.json";
            let line = replace(d, rel, "\"ratings\": [", "\"ratings\": null, \"x\": [");
            at(rel, line)
        }),
        ("a min_score that is a word", |d| {
            let line = replace(
                d,
                "policy.json",
                "\"min_score\": 90",
                "\"min_score\": \"high\"",
            );
            at("policy.json", line)
        }),
        ("a decimal with a comma", |d| {
            let rel = "submissions/r3.json";
            let line = replace(d, rel, "\"72.5\"", "\"72,5\"");
            at(rel, line)
        }),
        ("a session version that is a string", |d| {
            let path = write_session(d, "{\n\"version\": \"1\",\n\"decisions\": []\n}");
            session_at(path, Some(2))
        }),
        // ---- whole documents ----
        ("an empty policy.json", |d| {
            write(d, "policy.json", "");
            at("policy.json", 1)
        }),
        ("a whitespace-only org.json", |d| {
            write(d, "org.json", "  \n\n \t\n");
            at("org.json", 4)
        }),
        ("an org.json that is null", |d| {
            write(d, "org.json", "null\n");
            at("org.json", 1)
        }),
        ("a policy.json that is a list", |d| {
            write(d, "policy.json", "\n[]\n");
            at("policy.json", 2)
        }),
        ("an empty submission", |d| {
            write(d, "submissions/r2.json", "");
            at("submissions/r2.json", 1)
        }),
        ("a submission that is a list of ratings", |d| {
            write(
                d,
                "submissions/r2.json",
                "[ { \"employee\": \"E05\", \"score\": 75 } ]\n",
            );
            at("submissions/r2.json", 1)
        }),
        ("an empty CSV submission", |d| {
            write(d, "submissions/extra.csv", "");
            at("submissions/extra.csv", 1)
        }),
        ("a whitespace-only CSV submission", |d| {
            write(d, "submissions/extra.csv", "   \n\n");
            at("submissions/extra.csv", 1)
        }),
        ("a session that is null", |d| {
            let path = write_session(d, "null");
            session_at(path, Some(1))
        }),
        ("a decision written as a list", |d| {
            let path = write_session(
                d,
                "{\"version\": 1, \"decisions\": [\n[\"clear_override\", \"E01\"]\n]}",
            );
            session_at(path, Some(2))
        }),
        // ---- numbers ----
        ("a score of 1e400", |d| {
            let rel = "submissions/r1.json";
            let line = replace(d, rel, "\"score\": 89.5", "\"score\": 1e400");
            at(rel, line)
        }),
        ("a weight of -0", |d| {
            let rel = "submissions/r1.json";
            let line = replace(d, rel, "\"weight\": 2", "\"weight\": -0");
            at(rel, line)
        }),
        ("a weight of 10^-28", |d| {
            let rel = "submissions/r1.json";
            let line = replace(d, rel, "\"weight\": 2", "\"weight\": 1e-28");
            at(rel, line)
        }),
        ("decimals of 1E+2", |d| {
            let line = replace(d, "policy.json", "\"decimals\": 1", "\"decimals\": 1E+2");
            at("policy.json", line)
        }),
        ("a score of \"NaN\"", |d| {
            let rel = "submissions/r2.json";
            let line = replace(d, rel, "\"score\": \"75\"", "\"score\": \"NaN\"");
            at(rel, line)
        }),
        ("a score of \"Infinity\"", |d| {
            let rel = "submissions/r3.json";
            let line = replace(d, rel, "\"score\": 95", "\"score\": \"Infinity\"");
            at(rel, line)
        }),
        ("a bare NaN (not JSON)", |d| {
            let rel = "submissions/r3.json";
            let line = replace(d, rel, "\"score\": 50", "\"score\": NaN");
            at(rel, line)
        }),
        (
            "a score with 29 significant digits (no decimal holds it)",
            |d| {
                let rel = "submissions/r2.json";
                let line = replace(
                    d,
                    rel,
                    "\"score\": 60",
                    "\"score\": 99.999999999999999999999999999",
                );
                at(rel, line)
            },
        ),
        ("a score just below the minimum", |d| {
            let rel = "submissions/r1.json";
            let line = replace(
                d,
                rel,
                "\"score\": 70",
                "\"score\": -0.0000000000000000000000000001",
            );
            at(rel, line)
        }),
        ("a score just above the maximum", |d| {
            let rel = "submissions/r2.json";
            let line = replace(
                d,
                rel,
                "\"score\": 75 }",
                "\"score\": \"100.0000000000000000000000001\" }",
            );
            at(rel, line)
        }),
        ("a weight just above the limit", |d| {
            let rel = "submissions/r2.json";
            let line = replace(d, rel, "\"weight\": 1", "\"weight\": 1000000.000001");
            at(rel, line)
        }),
        // ---- huge files ----
        ("a 50 MB employee name in a bad record", |d| {
            let name = "名".repeat((50 << 20) / 3);
            let line = replace(
                d,
                "org.json",
                "\"name\": \"陳一\", \"department\": \"D1\"",
                &format!("\"name\": \"{name}\", \"department\": \"NOPE\""),
            );
            at("org.json", line)
        }),
        ("a 10 MB line in a CSV submission", |d| {
            let comment = "x".repeat(10 << 20);
            let csv = format!("{CSV_HEADER}R4,Ren,E99,70,,{comment}\n");
            write(d, "submissions/extra.csv", csv);
            at("submissions/extra.csv", 2)
        }),
        ("an employee name nested 100,000 lists deep", |d| {
            let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
            let line = replace(
                d,
                "org.json",
                "\"name\": \"陳一\"",
                &format!("\"name\": {deep}"),
            );
            at("org.json", line)
        }),
        ("an org.json of 100,000 unclosed lists", |d| {
            write(d, "org.json", "[".repeat(100_000));
            at("org.json", 1)
        }),
        ("a cycle nested 100,000 objects deep", |d| {
            let deep = format!("{}1{}", "{\"a\": ".repeat(100_000), "}".repeat(100_000));
            let line = replace(d, "policy.json", "\"Small 2026\"", &deep);
            at("policy.json", line)
        }),
        ("20,000 wrong-typed employees on one line", |d| {
            let employees: Vec<String> = (0..20_000)
                .map(|e| format!("{{\"id\": \"X{e}\", \"name\": {e}, \"department\": \"D1\"}}"))
                .collect();
            let line = replace(
                d,
                "org.json",
                "\"employees\": [",
                &format!("\"employees\": [{},", employees.join(",")),
            );
            at("org.json", line)
        }),
        // ---- NUL bytes ----
        ("a NUL byte in org.json", |d| {
            let line = replace(d, "org.json", "張四", "張\0四");
            at("org.json", line)
        }),
        ("a NUL byte in a CSV submission", |d| {
            let csv = format!("{CSV_HEADER}R4,Ren,E08,70,,\nR4,Ren,E01,7\x000,,\n");
            write(d, "submissions/extra.csv", csv);
            at("submissions/extra.csv", 3)
        }),
        ("a session in UTF-16 with a BOM", |d| {
            let path = write_session(d, utf16("{\"version\": 1, \"decisions\": []}", false, true));
            session_at(path, Some(1))
        }),
        // ---- the file system ----
        ("a missing input folder", |d| {
            fs::remove_dir_all(d).expect("rm");
            whole("")
        }),
        ("a missing policy.json", |d| {
            fs::remove_file(d.join("policy.json")).expect("rm");
            whole("policy.json")
        }),
        ("a folder named policy.json", |d| {
            fs::remove_file(d.join("policy.json")).expect("rm");
            fs::create_dir(d.join("policy.json")).expect("mkdir");
            whole("policy.json")
        }),
        ("submissions that is a file", |d| {
            fs::remove_dir_all(d.join("submissions")).expect("rm");
            write(d, "submissions", "not a folder");
            whole("submissions")
        }),
        ("a missing session file", |d| {
            let path = d.parent().expect("parent").join("no-session.json");
            Some(Expect {
                file: path.clone(),
                line: None,
                session: Some(path),
            })
        }),
    ];
    #[cfg(unix)]
    cases.extend([
        (
            "policy.json, a symbolic link to itself",
            (|d| {
                fs::remove_file(d.join("policy.json")).expect("rm");
                std::os::unix::fs::symlink("policy.json", d.join("policy.json")).expect("symlink");
                whole("policy.json")
            }) as Build,
        ),
        ("policy.json, a dangling symbolic link", |d| {
            fs::remove_file(d.join("policy.json")).expect("rm");
            std::os::unix::fs::symlink("gone.json", d.join("policy.json")).expect("symlink");
            whole("policy.json")
        }),
        ("a submission that is a dangling symbolic link", |d| {
            std::os::unix::fs::symlink("gone.json", d.join("submissions/r4.json"))
                .expect("symlink");
            whole("submissions/r4.json")
        }),
        ("two submissions that link to each other", |d| {
            let s = d.join("submissions");
            std::os::unix::fs::symlink("b.json", s.join("a.json")).expect("symlink");
            std::os::unix::fs::symlink("a.json", s.join("b.json")).expect("symlink");
            whole("submissions/a.json")
        }),
        ("a submission that is a FIFO", |d| {
            mkfifo(&d.join("submissions/r4.json")).then_some(())?;
            whole("submissions/r4.json")
        }),
        ("a policy.json that is a FIFO", |d| {
            fs::remove_file(d.join("policy.json")).expect("rm");
            mkfifo(&d.join("policy.json")).then_some(())?;
            whole("policy.json")
        }),
        ("an unreadable org.json (mode 000)", |d| {
            use std::os::unix::fs::PermissionsExt;
            let path = d.join("org.json");
            fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
            if fs::read(&path).is_ok() {
                // Root reads it anyway: nothing to test here.
                return None;
            }
            whole("org.json")
        }),
    ]);
    cases
}

/// Runs one case; `false` if it was skipped.
fn try_case(name: &str, build: Build) -> bool {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("in");
    copy_small(&dir);
    let Some(expect) = build(&dir) else {
        eprintln!("skipped: {name} (cannot be set up here: running as root, or no mkfifo)");
        return false;
    };
    let out = root.path().join("out");
    fs::create_dir(&out).expect("mkdir out");
    fs::write(out.join("kept.csv"), "old grades").expect("seed the output");
    let file = if expect.file.as_os_str().is_empty() {
        dir.clone()
    } else {
        dir.join(&expect.file)
    };
    let file = file.display().to_string();
    let named = match expect.line {
        Some(line) => format!("{file}:{line}:"),
        None => format!("{file}: "),
    };
    let mut session = Vec::new();
    if let Some(path) = &expect.session {
        session = vec![OsString::from("--session"), path.clone().into_os_string()];
    }
    let dir = dir.into_os_string();
    let runs: [Vec<OsString>; 3] = [
        vec!["check".into(), dir.clone()],
        vec![
            "export".into(),
            dir.clone(),
            "--out".into(),
            out.join("grades.csv").into_os_string(),
        ],
        vec![
            "export".into(),
            dir,
            "--out".into(),
            out.join("kept.csv").into_os_string(),
            "--format".into(),
            "json".into(),
        ],
    ];
    for mut args in runs {
        args.extend(session.iter().cloned());
        let output = run(&args);
        if args[0] == "check" && std::env::var_os("CALIBRA_SHOW_STDERR").is_some() {
            // To read the messages:
            // CALIBRA_SHOW_STDERR=1 cargo test --test malformed -- --nocapture
            eprintln!("== {name}\n{}", output.stderr);
        }
        let context = format!(
            "case {name:?}: calibra {args:?}\nstderr:\n{}",
            output.stderr
        );
        assert_eq!(output.code, Some(1), "{context}");
        assert!(!output.stderr.contains("panicked"), "{context}");
        assert!(
            output.stderr.contains(&named),
            "stderr must name {named:?}: {context}"
        );
        assert!(output.stderr.contains("nothing was written"), "{context}");
    }
    let left = names(&out);
    assert_eq!(
        left,
        vec!["kept.csv"],
        "case {name:?} wrote into the output folder"
    );
    assert_eq!(
        fs::read_to_string(out.join("kept.csv")).expect("read"),
        "old grades",
        "case {name:?} touched the existing output"
    );
    true
}

#[test]
fn malformed_inputs_exit_1_name_the_file_and_line_and_write_nothing() {
    let cases = cases();
    let mut names: Vec<&str> = cases.iter().map(|(name, _)| *name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names are distinct");
    let mut tried = 0;
    for (name, build) in cases {
        if try_case(name, build) {
            tried += 1;
        }
    }
    eprintln!("malformed inputs: {tried} cases tried (3 runs each)");
    assert!(tried >= 40, "only {tried} malformed cases ran");
}

/// Not errors: scores at exactly the ends of the range, written every way
/// JSON allows, the largest and smallest weights, and an unknown field
/// nested 100,000 lists deep.
#[test]
fn scores_at_the_bounds_and_extreme_weights_are_valid() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("in");
    copy_small(&dir);
    let rel = "submissions/r1.json";
    replace(&dir, rel, "\"score\": 89.5", "\"score\": -0");
    replace(&dir, rel, "\"score\": 85", "\"score\": 1E+2");
    replace(&dir, rel, "\"score\": 70", "\"score\": \"100.000\"");
    replace(&dir, rel, "\"weight\": 2", "\"weight\": 1000000");
    replace(
        &dir,
        "submissions/r2.json",
        "\"weight\": 1",
        "\"weight\": 0.000001",
    );
    // Unknown fields are ignored, however deep: skipping them does not recurse.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    replace(
        &dir,
        "org.json",
        "\"name\": \"林二\"",
        &format!("\"name\": \"林二\", \"notes\": {deep}"),
    );
    let out = root.path().join("grades.csv");
    let args: Vec<OsString> = vec![
        "export".into(),
        dir.into_os_string(),
        "--out".into(),
        out.clone().into_os_string(),
    ];
    let output = run(&args);
    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let csv = fs::read_to_string(&out).expect("the export");
    let row = |id: &str| {
        csv.lines()
            .find(|l| l.starts_with(&format!("{id},")))
            .map(str::to_string)
            .unwrap_or_default()
    };
    assert!(row("E01").contains(",0.0,0.0,"), "{}", row("E01"));
    assert!(row("E02").contains(",100.0,100.0,"), "{}", row("E02"));
    assert!(row("E03").contains(",100.0,100.0,"), "{}", row("E03"));
}
