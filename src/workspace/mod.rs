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
pub mod journal;
pub mod lock;
mod opened;
pub mod output;
pub mod paths;
pub mod store;

use std::path::{Path, PathBuf};

use crate::demo;
use crate::engine::decision::Change;
use crate::engine::diagnostic::Diagnostics;
use crate::engine::diagnostic::Said;
use crate::engine::fingerprint::{self, Fingerprint};
use crate::engine::load;
use crate::engine::previous::Previous;
use crate::engine::stale::{self, StaleDecision};
use crate::i18n::Load;

pub use error::OpenError;
use lock::{LockError, SessionLock};
pub use opened::Opened;

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
    /// The previous cycle's export (`--previous FILE`, contract 6.6).
    pub previous: Option<PathBuf>,
}

/// A session the live screen saved that this opening did not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSession {
    pub path: PathBuf,
    pub decisions: usize,
}

/// Opens the input and the session it asks for, and the previous cycle's
/// export when the request names one (contract 6.6): [`Opened::previous`]
/// has it, the replayed session carries it, and what it warns about joins
/// the load warnings. A problem in that file is an error at its line, like
/// the input's.
pub fn open(request: &Request) -> Result<Opened, OpenError> {
    let previous = request.previous.as_deref();
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
    // Loading frees each file's text as soon as it is parsed.
    let loaded = load::load(files);
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
    let (loaded, previous) = match previous {
        None => (loaded, None),
        Some(path) => {
            let mut problems = Diagnostics::default();
            let read = load::read_file(path, &mut problems).and_then(|text| {
                match Previous::read(&text, &loaded.input) {
                    Ok(read) => Some(read),
                    Err(errors) => {
                        problems.0.extend(errors.0);
                        None
                    }
                }
            });
            match read {
                Some((previous, warnings)) => {
                    let mut loaded = loaded;
                    loaded.warnings.extend(warnings);
                    (loaded, Some(previous))
                }
                None => return Err(OpenError::Invalid(problems)),
            }
        }
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

    let mut load_warnings = loaded.warnings;
    // A journal line cut short by a crash, said where the input's warnings are.
    load_warnings.extend(file.warnings.iter().cloned());
    let mut opened = Opened {
        stale: stale::find(&loaded.input, &file),
        unconfirmed: Vec::new(),
        input: loaded.input,
        load_warnings,
        previous,
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
                    why: Said::new(
                        Load::NowNamed,
                        &[("employee", &employee.as_str()), ("name", &name)],
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
