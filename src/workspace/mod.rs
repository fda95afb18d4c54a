//! One way to open a session, for the command line and the live screen
//! alike: read the input folder (or the built-in demo), find the session
//! (given, `last`, or the live screen's own), read it with the one reader,
//! compare the input with the fingerprint kept since the session began, and
//! list the decisions that no longer apply. Errors are one type,
//! [`OpenError`], worded once.
//!
//! Only [`Access::Write`] (the live screen) writes anything: it clears a
//! killed calibra's temporary files and keeps a copy of a damaged session.
//! Saving, copies and fingerprints on disk live in [`store`]; where
//! sessions live in [`paths`].

pub mod clock;
mod error;
pub mod lock;
pub mod output;
pub mod paths;
pub mod store;

use std::path::{Path, PathBuf};

use crate::demo;
use crate::engine::decision::{Change, SessionFile};
use crate::engine::diagnostic::{Diagnostic, Diagnostics};
use crate::engine::fingerprint::{self, Fingerprint, InputChanges};
use crate::engine::load;
use crate::engine::model::Input;
use crate::engine::session::Session;
use crate::engine::stale::{self, StaleDecision};

pub use error::OpenError;
use lock::{LockError, SessionLock};

/// Which session to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionChoice {
    /// No session: the input alone (`check`, `stats`, `export` without
    /// `--session`).
    None,
    /// This file (`--session FILE`); it may not exist yet.
    File(PathBuf),
    /// The session the live screen keeps for this input (`--session last`;
    /// the live screen without `--session`).
    Saved,
}

impl SessionChoice {
    /// `--session` as given on the command line: the word `last` means the
    /// live screen's saved session (a file named `last` is `./last`).
    pub fn from_arg(arg: Option<PathBuf>) -> SessionChoice {
        match arg {
            Some(path) if path.as_os_str() == "last" => SessionChoice::Saved,
            Some(path) => SessionChoice::File(path),
            None => SessionChoice::None,
        }
    }
}

/// Whether the opener will write to the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads only; nothing is written (the command line).
    Read,
    /// The live screen: it saves every decision, so it tidies up first and
    /// keeps a copy of a damaged file; it takes the input's fingerprint.
    Write,
}

#[derive(Debug, Clone)]
pub struct Request {
    /// The input folder; `None`: the built-in demo.
    pub dir: Option<PathBuf>,
    pub session: SessionChoice,
    pub access: Access,
    /// RFC 3339, for copies kept and fingerprints taken.
    pub now: String,
}

/// A session the live screen saved that this opening did not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSession {
    pub path: PathBuf,
    pub decisions: usize,
}

/// An opened input and session, not yet replayed.
#[derive(Debug)]
pub struct Opened {
    pub input: Input,
    /// Warnings met while loading (ignored files and the like).
    pub load_warnings: Vec<Diagnostic>,
    /// The decisions (none when there is no session, or it is new).
    pub file: SessionFile,
    /// The session file, when there is one (it may not exist yet).
    pub session_path: Option<PathBuf>,
    /// Whether the session file existed.
    pub resumed: bool,
    /// The input as shown to the operator (folder path or `<demo>`).
    pub shown_as: String,
    /// What the export prompt offers (`<folder>-grades`).
    pub export_stem: String,
    /// What changed since the session began (`None`: no fingerprint kept).
    pub changes: Option<InputChanges>,
    /// Why the kept fingerprint could not be read, if it could not.
    pub fingerprint_problem: Option<String>,
    /// With [`Access::Write`]: the input's fingerprint now, to keep.
    pub fingerprint: Option<Fingerprint>,
    /// Whether the fingerprint must be (re)taken: a session begins, or had
    /// none, or the operator went on after a change.
    pub fingerprint_due: bool,
    /// The resolved input folder, for a session the live screen keeps (it
    /// is recorded in the session).
    pub input_dir: Option<PathBuf>,
    /// Decisions that name what the input no longer has.
    pub stale: Vec<StaleDecision>,
    /// Decisions about an employee whose name changed since the session
    /// began (another person under the same id?): they apply only once the
    /// operator confirms them, or they are dropped.
    pub unconfirmed: Vec<StaleDecision>,
    /// With [`Access::Write`]: the session's lock, held while this lives.
    pub lock: Option<SessionLock>,
    /// Without `--session`: the live screen's saved session for this input,
    /// which was not applied.
    pub unused_saved: Option<SavedSession>,
}

/// Opens the input and the session it asks for.
pub fn open(request: &Request) -> Result<Opened, OpenError> {
    let (files, shown_as, export_stem) = match &request.dir {
        Some(dir) => (
            load::read_folder(dir),
            dir.display().to_string(),
            format!("{}-grades", folder_name(dir)),
        ),
        None => (
            demo::files(),
            demo::name().to_string(),
            "demo-grades".to_string(),
        ),
    };
    let saved_path = saved_session_path(request.dir.as_deref());
    let session_path = match &request.session {
        SessionChoice::None => None,
        SessionChoice::File(path) => Some(path.clone()),
        SessionChoice::Saved => match &saved_path {
            Some(path) if request.access == Access::Write || path.is_file() => Some(path.clone()),
            _ => {
                return Err(OpenError::NoSavedSession {
                    dir: shown_as,
                    path: saved_path,
                });
            }
        },
    };
    // A session that is a symbolic link is the file it links to: saving
    // replaces that file (and locks it), never the link by a private copy.
    let session_path = session_path.map(follow_link);
    if request.access == Access::Write
        && let (Some(path), Some(dir)) = (&session_path, &request.dir)
        && output::is_inside(path, dir)
    {
        return Err(OpenError::InsideInput {
            path: path.clone(),
            dir: dir.clone(),
        });
    }
    let loaded = load::load(&files);
    // The files' text is the largest thing in memory: free it before the
    // calibration is computed.
    drop(files);
    let mut lock = None;
    let file = match &session_path {
        Some(path) => match request.access {
            Access::Read => store::load(path),
            Access::Write => {
                // Before anything is tidied: the holder's temporary files are
                // its own.
                lock = Some(take_lock(path, &request.now)?);
                store::open_for_writing(path, &request.now)
            }
        },
        None => Ok(None),
    };
    let (loaded, file) = match (loaded, file) {
        (Ok(loaded), Ok(file)) => (loaded, file),
        (Err(mut errors), file) => {
            // Say what is wrong with the session file too.
            if let Err(err) = file {
                match err {
                    OpenError::Invalid(more) | OpenError::SessionDamaged { problems: more, .. } => {
                        errors.0.extend(more.0)
                    }
                    other => return Err(other),
                }
            }
            return Err(OpenError::Invalid(errors));
        }
        (Ok(_), Err(err)) => return Err(err),
    };
    let resumed = file.is_some();
    // A session named on the command line must exist; only the live screen
    // begins a new one.
    if let (None, Access::Read, SessionChoice::File(path)) =
        (&file, request.access, &request.session)
    {
        return Err(OpenError::SessionUnreadable {
            path: path.clone(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such file (check the path; the live screen begins a new session there)",
            ),
        });
    }
    let file = file.unwrap_or_default();
    if request.session == SessionChoice::Saved
        && let (Some(dir), Some(recorded), Some(path)) =
            (&request.dir, &file.header.input, &session_path)
    {
        let here = paths::resolved(dir);
        if Path::new(recorded) != here {
            return Err(OpenError::OtherFolder {
                path: path.clone(),
                recorded: recorded.clone(),
                here,
            });
        }
    }

    let mut opened = Opened {
        stale: stale::find(&loaded.input, &file),
        unconfirmed: Vec::new(),
        input: loaded.input,
        load_warnings: loaded.warnings,
        file,
        resumed,
        shown_as,
        export_stem,
        changes: None,
        fingerprint_problem: None,
        fingerprint: None,
        fingerprint_due: false,
        unused_saved: None,
        session_path,
        lock,
        input_dir: match request.session {
            SessionChoice::Saved => request.dir.as_deref().map(paths::resolved),
            _ => None,
        },
    };
    if let Some(path) = opened.session_path.clone() {
        compare_fingerprint(&mut opened, &path, request.access, &request.now);
    }
    opened.unconfirmed = about_renamed(&opened);
    if request.session == SessionChoice::None
        && let Some(path) = saved_path
        && let Ok(Some(file)) = store::load(&path)
    {
        opened.unused_saved = Some(SavedSession {
            path,
            decisions: file.decisions.len(),
        });
    }
    Ok(opened)
}

/// The decisions about employees whose name changed since the session
/// began (and that do not already fail to apply).
fn about_renamed(opened: &Opened) -> Vec<StaleDecision> {
    let Some(changes) = &opened.changes else {
        return Vec::new();
    };
    if changes.employees_renamed.is_empty() {
        return Vec::new();
    }
    let renamed: std::collections::HashSet<&str> = changes
        .employees_renamed
        .iter()
        .map(String::as_str)
        .collect();
    opened
        .file
        .decisions
        .iter()
        .enumerate()
        .filter(|(i, _)| !opened.stale.iter().any(|s| s.index == *i))
        .filter_map(|(index, decision)| match &decision.change {
            Change::Override { employee, .. } | Change::ClearOverride { employee }
                if renamed.contains(employee.as_str()) =>
            {
                let name = opened
                    .input
                    .employee_index(employee)
                    .map(|e| opened.input.employees[e].name.as_str())
                    .unwrap_or_default();
                Some(StaleDecision {
                    index,
                    location: opened.file.location(index),
                    why: format!(
                        "employee \"{employee}\" is now named {name}, not as when the decision was made: is it still about the same person?"
                    ),
                })
            }
            _ => None,
        })
        .collect()
}

fn follow_link(path: PathBuf) -> PathBuf {
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(&path).unwrap_or(path),
        _ => path,
    }
}

fn take_lock(path: &Path, now: &str) -> Result<SessionLock, OpenError> {
    lock::acquire(path, &lock::who(now)).map_err(|err| match err {
        LockError::Held { holder } => OpenError::Locked {
            path: path.to_path_buf(),
            holder,
        },
        LockError::Io(source) => OpenError::Lock {
            path: path.to_path_buf(),
            source,
        },
    })
}

/// The live screen's own session for an input folder (or the demo), if
/// there is a data directory.
pub fn saved_session_path(dir: Option<&Path>) -> Option<PathBuf> {
    let data = paths::data_dir()?;
    Some(match dir {
        Some(dir) => {
            let path = paths::default_session_path(&data, dir);
            let legacy = paths::legacy_session_path(&data, dir);
            if !path.exists() && legacy.is_file() {
                legacy
            } else {
                path
            }
        }
        None => paths::demo_session_path(&data),
    })
}

fn folder_name(dir: &Path) -> String {
    dir.canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "calibra".to_string())
}

/// Compares the input with the fingerprint kept beside the session. A
/// reader compares only when one is kept; the live screen also takes the
/// input's fingerprint now, to keep when the session begins.
fn compare_fingerprint(opened: &mut Opened, session: &Path, access: Access, now: &str) {
    let kept = match store::load_fingerprint(session) {
        Ok(kept) => kept,
        Err(why) => {
            opened.fingerprint_problem = Some(why);
            None
        }
    };
    if access == Access::Read && kept.is_none() {
        return;
    }
    let current = Fingerprint::of(&opened.input, &opened.shown_as, now);
    match kept {
        Some(old) if opened.resumed => {
            let changes = fingerprint::compare(&old, &current);
            opened.fingerprint_due = !changes.is_empty();
            opened.changes = Some(changes);
        }
        _ => opened.fingerprint_due = true,
    }
    if access == Access::Write {
        opened.fingerprint = Some(current);
    }
}

impl Opened {
    /// An opening of `input` with `file`'s decisions and nothing found
    /// about them yet (no session file, no fingerprint): for tools and
    /// tests that build an opening by hand.
    pub fn from_parts(input: Input, file: SessionFile, shown_as: &str) -> Opened {
        Opened {
            stale: stale::find(&input, &file),
            unconfirmed: Vec::new(),
            input,
            load_warnings: Vec::new(),
            file,
            session_path: None,
            resumed: true,
            shown_as: shown_as.to_string(),
            export_stem: "calibra-grades".to_string(),
            changes: None,
            fingerprint_problem: None,
            fingerprint: None,
            fingerprint_due: false,
            unused_saved: None,
            lock: None,
            input_dir: None,
        }
    }

    /// Whether the operator must review the opening first: decisions no
    /// longer apply, or the input changed under a session with decisions.
    pub fn needs_review(&self) -> bool {
        let changed = self.changes.as_ref().is_some_and(|c| !c.is_empty());
        !self.stale.is_empty()
            || !self.unconfirmed.is_empty()
            || (changed && !self.file.decisions.is_empty())
    }

    /// Replays the decisions: every one that cannot apply is an error at
    /// its line.
    pub fn replay(self) -> Result<(Session, Vec<Diagnostic>), Diagnostics> {
        let mut session = Session::replay(self.input, &self.file)?;
        if let Some(dir) = &self.input_dir {
            session.set_input(Some(dir.to_string_lossy().into_owned()));
        }
        Ok((session, self.load_warnings))
    }

    /// Keeps the input's fingerprint beside the session when it is due.
    /// Returns why it could not be saved, if it could not.
    pub fn keep_fingerprint(&mut self) -> Option<String> {
        let (Some(path), Some(current)) = (&self.session_path, &self.fingerprint) else {
            return None;
        };
        if !self.fingerprint_due {
            return None;
        }
        match store::save_fingerprint(path, current) {
            Ok(()) => {
                self.fingerprint_due = false;
                None
            }
            Err(err) => Some(err.to_string()),
        }
    }

    /// Drops the decisions that no longer apply: keeps a copy of the session
    /// as it is, saves it without them and keeps the input's fingerprint.
    /// Nothing is dropped if the copy or the save fails. Returns what to
    /// tell the operator.
    pub fn drop_stale(&mut self, now: &str) -> Result<String, String> {
        let mut dropping: Vec<StaleDecision> = self
            .stale
            .iter()
            .chain(&self.unconfirmed)
            .cloned()
            .collect();
        dropping.sort_by_key(|d| d.index);
        let kept = stale::without(&self.file, &dropping);
        let n = dropping.len();
        let dropped = format!(
            "Dropped {n} decision{} that no longer applied",
            if n == 1 { "" } else { "s" }
        );
        let Some(path) = self.session_path.clone() else {
            self.file = kept;
            self.stale.clear();
            self.unconfirmed.clear();
            return Ok(format!("{dropped} (not saved: no session file)"));
        };
        let bytes = std::fs::read(&path).map_err(|err| {
            format!(
                "Nothing dropped: cannot read {} to keep a copy: {err}",
                path.display()
            )
        })?;
        let copy = store::keep_copy(&path, &bytes, "before-drop", now)
            .map_err(|err| format!("Nothing dropped: cannot keep a copy of the session: {err}"))?;
        store::save_file(&path, &kept).map_err(|err| {
            format!(
                "Nothing dropped: the session was NOT SAVED ({err}); the copy is {}",
                copy.display()
            )
        })?;
        self.file = kept;
        self.stale.clear();
        self.unconfirmed.clear();
        self.fingerprint_due = true;
        let mut notice = format!(
            "{dropped}; the session as it was is kept in {}",
            copy.display()
        );
        if let Some(err) = self.keep_fingerprint() {
            notice.push_str(&format!("; the input fingerprint was NOT SAVED: {err}"));
        }
        Ok(notice)
    }

    /// Goes on after the input changes were read: the input as it is now
    /// becomes the session's reference.
    pub fn acknowledge(&mut self) -> String {
        let mut notice =
            "The input changed since the session began (see above); going on with it as it is now"
                .to_string();
        self.fingerprint_due = true;
        self.unconfirmed.clear();
        if let Some(err) = self.keep_fingerprint() {
            notice.push_str(&format!("; the input fingerprint was NOT SAVED: {err}"));
        }
        notice
    }

    /// `note:` lines saying what changed in the input since the session
    /// began, with the first `first` ids of each kind.
    pub fn change_notes(&self, first: usize) -> Vec<String> {
        let mut lines = Vec::new();
        if let (Some(why), Some(_)) = (&self.fingerprint_problem, &self.session_path) {
            lines.push(format!(
                "note: the input fingerprint cannot be read, so changes to the input cannot be listed: {why}"
            ));
        }
        let (Some(changes), Some(path)) = (&self.changes, &self.session_path) else {
            return lines;
        };
        if changes.is_empty() {
            return lines;
        }
        lines.push(format!(
            "note: the input changed since the session began ({}, fingerprint {}):",
            changes.since,
            store::fingerprint_path(path).display()
        ));
        lines.extend(
            changes
                .lines(first)
                .into_iter()
                .map(|line| format!("note:   {line}")),
        );
        lines
    }
}
