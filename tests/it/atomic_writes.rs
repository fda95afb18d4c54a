#![allow(clippy::panic)] // A test fails by panicking.

//! Writes that cannot corrupt: a full disk and a read-only folder give a
//! clear error, leave the old file byte for byte, and leave no temporary file;
//! through the write module, the session store, `calibra export` and the
//! TUI's autosave (which shows NOT SAVED and keeps the decision in memory).
//!
//! A full disk is a tiny tmpfs filled to the brim; a read-only folder is a
//! tmpfs remounted read-only (as root, chmod does not stop writes). Both need
//! `mount`, which works as root in the project's sandbox and CI. Where it does
//! not, each test says so loudly on stderr and falls back: the full disk to a
//! file-size limit (RLIMIT_FSIZE, EFBIG) on the real binary; the read-only
//! folder to a folder without write permission when not root (skipped, loudly,
//! as root).

use std::fs;
use std::io::{self, Write as _};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calibra::engine::atomic;
use calibra::engine::decision::{Change, Decision};
use calibra::tui::app::App;
use calibra::workspace::store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::support::{binary, demo_app, fixture, names, type_text};

/// Says something on stderr even when the harness captures test output.
fn loudly(text: &str) {
    let _ = writeln!(io::stderr(), "{text}");
}

/// A tmpfs mounted on a fresh folder, unmounted when dropped.
struct Mount {
    _parent: tempfile::TempDir,
    dir: PathBuf,
}

impl Mount {
    /// A tmpfs of `kib` KiB, or why there is none.
    fn tmpfs(kib: u32) -> Result<Mount, String> {
        let parent = tempfile::tempdir().map_err(|e| e.to_string())?;
        let dir = parent.path().join("mnt");
        fs::create_dir(&dir).map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={kib}k,mode=0755"),
                "tmpfs",
            ])
            .arg(&dir)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "mount -t tmpfs failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(Mount {
            _parent: parent,
            dir,
        })
    }

    /// Fills the file system: afterwards not one more block can be written.
    fn fill(&self) -> PathBuf {
        let filler = self.dir.join("filler");
        let mut file = fs::File::create(&filler).expect("filler");
        let block = [0u8; 4096];
        loop {
            if let Err(err) = file.write_all(&block) {
                assert_eq!(err.kind(), io::ErrorKind::StorageFull, "{err}");
                break;
            }
        }
        let _ = file.sync_all();
        filler
    }

    fn read_only(&self) {
        let out = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.dir)
            .output()
            .expect("mount runs");
        assert!(
            out.status.success(),
            "remount read-only: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).output();
    }
}

fn no_temporaries(dir: &Path) {
    let left: Vec<String> = names(dir)
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

const OLD: &[u8] = b"the old file, which must survive byte for byte\n";

fn big(len: usize) -> Vec<u8> {
    (0..len).map(|i| b'a' + (i % 26) as u8).collect()
}

fn mount_or_say(kib: u32, what: &str) -> Option<Mount> {
    match Mount::tmpfs(kib) {
        Ok(mount) => Some(mount),
        Err(why) => {
            loudly(&format!(
                "!!! {what}: NOT TESTED ON A TMPFS: {why}. Falling back (see below)."
            ));
            None
        }
    }
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_old_file_stays() {
    let Some(mount) = mount_or_say(64, "full disk") else {
        full_disk_by_file_size_limit();
        return;
    };
    let path = mount.dir.join("grades.csv");
    fs::write(&path, OLD).expect("old file");
    mount.fill();
    let before = names(&mount.dir);
    let err = atomic::write(&path, &big(200_000)).expect_err("the disk is full");
    assert_eq!(err.kind(), io::ErrorKind::StorageFull, "{err}");
    let message = err.to_string();
    assert!(
        message.contains("the disk is full") && message.contains(&path.display().to_string()),
        "{message}"
    );
    assert!(message.contains("was removed"), "{message}");
    assert_eq!(fs::read(&path).expect("old"), OLD);
    assert_eq!(names(&mount.dir), before);
    no_temporaries(&mount.dir);
    loudly(&format!("full disk (tmpfs 64k, filled): {message}"));

    // The session store: the old session stays whole (on a fresh tmpfs).
    drop(mount);
    let mount = Mount::tmpfs(64).expect("mounted once already");
    let session_path = mount.dir.join("session.json");
    let old: Vec<Decision> = vec![Decision::new(Change::ClearOverride {
        employee: "E0001".into(),
    })];
    store::save(&session_path, &old).expect("the first save fits");
    let old_bytes = fs::read(&session_path).expect("saved");
    mount.fill();
    let many: Vec<Decision> = (0..2000)
        .map(|i| Decision {
            reason: Some(format!("reason number {i} with some words in it")),
            ..Decision::new(Change::ClearOverride {
                employee: format!("E{i:04}"),
            })
        })
        .collect();
    let err = store::save(&session_path, &many).expect_err("full");
    assert_eq!(err.kind(), io::ErrorKind::StorageFull, "{err}");
    assert_eq!(fs::read(&session_path).expect("old session"), old_bytes);
    no_temporaries(&mount.dir);
}

/// Without mount: a file-size limit makes every write past it fail (EFBIG),
/// which is the closest an unprivileged test gets to a full disk.
fn full_disk_by_file_size_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("grades.csv");
    fs::write(&out, OLD).expect("old");
    let run = export_with_file_size_limit(&out, 1024);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains(&out.display().to_string()), "{stderr}");
    assert_eq!(fs::read(&out).expect("old"), OLD);
    no_temporaries(dir.path());
    loudly(&format!(
        "full disk (FALLBACK, RLIMIT_FSIZE): {}",
        stderr.trim()
    ));
}

/// `calibra export` of the demo with RLIMIT_FSIZE set to `limit` bytes (and
/// SIGXFSZ ignored, so that the write fails with EFBIG instead of killing).
fn export_with_file_size_limit(out: &Path, limit: u64) -> Output {
    let demo = fixture("demo");
    let mut command = binary();
    command.arg("export").arg(&demo).arg("--out").arg(out);
    // SAFETY: only async-signal-safe calls (signal, setrlimit) between fork and exec.
    unsafe {
        command.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let rlimit = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rlimit) != 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
    command.output().expect("calibra runs")
}

#[test]
fn a_file_size_limit_is_a_clear_error_too() {
    // Always run: the same promise under EFBIG, whatever the sandbox allows.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("grades.csv");
    fs::write(&out, OLD).expect("old");
    let run = export_with_file_size_limit(&out, 1024);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(&out.display().to_string()) && stderr.contains("larger than"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(fs::read(&out).expect("old"), OLD);
    no_temporaries(dir.path());
}

#[test]
fn a_read_only_folder_is_a_clear_error_and_the_old_file_stays() {
    let Some(mount) = mount_or_say(64, "read-only folder") else {
        read_only_by_permissions();
        return;
    };
    let path = mount.dir.join("grades.csv");
    fs::write(&path, OLD).expect("old file");
    mount.read_only();
    let err = atomic::write(&path, b"new").expect_err("read-only");
    assert_eq!(err.kind(), io::ErrorKind::ReadOnlyFilesystem, "{err}");
    let message = err.to_string();
    assert!(
        message.contains("read-only") && message.contains(&mount.dir.display().to_string()),
        "{message}"
    );
    assert_eq!(fs::read(&path).expect("old"), OLD);
    assert_eq!(names(&mount.dir), vec!["grades.csv"]);
    let err = store::save(&mount.dir.join("s.json"), &[]).expect_err("read-only");
    assert_eq!(err.kind(), io::ErrorKind::ReadOnlyFilesystem, "{err}");
    loudly(&format!("read-only folder (tmpfs remounted ro): {message}"));
}

fn read_only_by_permissions() {
    // SAFETY: geteuid(2) cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        loudly("!!! read-only folder: SKIPPED: no mount, and as root chmod does not stop writes");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("grades.csv");
    fs::write(&path, OLD).expect("old");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).expect("chmod");
    let err = atomic::write(&path, b"new").expect_err("no write permission");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert_eq!(err.kind(), io::ErrorKind::PermissionDenied, "{err}");
    assert_eq!(fs::read(&path).expect("old"), OLD);
    loudly(&format!("read-only folder (FALLBACK, chmod 555): {err}"));
}

fn export(out: &Path) -> Output {
    let demo = fixture("demo");
    binary()
        .arg("export")
        .arg(&demo)
        .arg("--out")
        .arg(out)
        .output()
        .expect("calibra runs")
}

#[test]
fn calibra_export_to_a_full_or_read_only_place_exits_1_naming_the_path() {
    let Some(full) = mount_or_say(64, "export to a full disk") else {
        full_disk_by_file_size_limit();
        return;
    };
    let out = full.dir.join("grades.csv");
    fs::write(&out, OLD).expect("old");
    full.fill();
    let run = export(&out);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(&out.display().to_string()) && stderr.contains("the disk is full"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(fs::read(&out).expect("old"), OLD);
    no_temporaries(&full.dir);
    loudly(&format!("calibra export to a full disk: {}", stderr.trim()));

    let read_only = Mount::tmpfs(64).expect("mounted once already");
    let out = read_only.dir.join("grades.csv");
    fs::write(&out, OLD).expect("old");
    read_only.read_only();
    let run = export(&out);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(&out.display().to_string()) && stderr.contains("read-only"),
        "{stderr}"
    );
    assert_eq!(fs::read(&out).expect("old"), OLD);
    assert_eq!(names(&read_only.dir), vec!["grades.csv"]);
    loudly(&format!(
        "calibra export to a read-only folder: {}",
        stderr.trim()
    ));
}

fn status_line(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).expect("backend");
    terminal
        .draw(|frame| frame.render_widget(&*app, frame.area()))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..160)
        .map(|x| buffer[(x, 44)].symbol().to_string())
        .collect()
}

#[test]
fn the_tui_autosave_on_a_full_disk_shows_not_saved_and_keeps_the_decision() {
    let Some(mount) = mount_or_say(64, "TUI autosave to a full disk") else {
        loudly("!!! TUI autosave to a full disk: SKIPPED (no tmpfs)");
        return;
    };
    let session = mount.dir.join("demo.json");
    let mut app = demo_app(Some(session.clone()));
    type_text(&mut app, "z");
    let saved = fs::read(&session).expect("the first decision is saved");
    let filler = mount.fill();
    type_text(&mut app, "Z");
    let decisions = app.session().decisions().len();
    assert!(decisions > 1, "the z-score-all decisions are in memory");
    assert!(app.unsaved().is_some(), "the save failed");
    let message = app
        .message()
        .as_ref()
        .map(|m| m.0.clone())
        .unwrap_or_default();
    assert!(
        message.contains("NOT SAVED") && message.contains("the disk is full"),
        "{message}"
    );
    let status = status_line(&app);
    assert!(status.contains("NOT SAVED"), "{status}");
    // Another action: the message line changes, the status line still says it.
    type_text(&mut app, "p");
    assert!(status_line(&app).contains("NOT SAVED"));
    assert_eq!(fs::read(&session).expect("old session"), saved);
    no_temporaries(&mount.dir);
    // Room again: the next decision saves everything, and the warning goes.
    fs::remove_file(filler).expect("free");
    type_text(&mut app, "m");
    assert!(app.unsaved().is_none());
    assert!(!status_line(&app).contains("NOT SAVED"));
    let file = store::load(&session).expect("loads").expect("saved");
    assert_eq!(file.decisions.len(), app.session().decisions().len());
    loudly(&format!("TUI autosave to a full disk: {message}"));
}

#[test]
fn the_tui_autosave_to_a_read_only_folder_shows_not_saved() {
    let Some(mount) = mount_or_say(64, "TUI autosave to a read-only folder") else {
        loudly("!!! TUI autosave to a read-only folder: SKIPPED (no tmpfs)");
        return;
    };
    let session = mount.dir.join("demo.json");
    let mut app = demo_app(Some(session.clone()));
    type_text(&mut app, "z");
    let saved = fs::read(&session).expect("saved");
    mount.read_only();
    type_text(&mut app, "l");
    type_text(&mut app, "+");
    assert_eq!(app.session().decisions().len(), 2, "kept in memory");
    assert!(app.unsaved().is_some());
    assert!(status_line(&app).contains("NOT SAVED"));
    assert_eq!(fs::read(&session).expect("old session"), saved);
    assert_eq!(names(&mount.dir), vec!["demo.json"]);
}
