//! Session files on disk: the one reader (used by the command line and the
//! live screen alike), saving, copies kept aside, and the input's
//! fingerprint kept beside each session.
//!
//! Every save replaces the file atomically and owner-only: a crash never
//! leaves half a session. The live screen appends each decision to a
//! journal beside the file instead ([`Journal`](super::journal::Journal),
//! `<stem>.journal.jsonl`), which the one reader folds in. A damaged
//! session is refused and, when the live screen opens it, a copy of it
//! kept; it is never replaced. Beside each session, a fingerprint of its
//! input (`<stem>.input.json`) lets an opening say what changed in the
//! folder since the session began.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use super::error::OpenError;
use crate::engine::atomic;
use crate::engine::decision::journal::{self, Folded};
use crate::engine::decision::{Decision, SessionFile};
use crate::engine::diagnostic::{Diagnostic, Diagnostics, Location, Said};
use crate::engine::fingerprint::Fingerprint;
use crate::engine::source::{SourceFile, read_regular_file_capped};
use crate::i18n::Load;

/// The largest session file calibra reads: 256 MiB, over a million
/// decisions (a decision takes about 200 bytes).
pub const MAX_SESSION_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a session file without writing anything: `Ok(None)` when it does
/// not exist yet. `check`, `stats` and `export` read sessions this way.
pub fn load(path: &Path) -> Result<Option<SessionFile>, OpenError> {
    read(path, None).map(|(file, _)| file)
}

/// Opens a session the live screen will write to: clears temporary files a
/// killed calibra left beside it, and refuses a damaged file after keeping
/// a copy of it (the file itself is never replaced or removed). `now` is an
/// RFC 3339 timestamp, used to name the copy.
///
/// A journal beside the session is folded into the file here (and a stale
/// one removed), so that the screen begins with the session file alone.
pub fn open_for_writing(path: &Path, now: &str) -> Result<Option<SessionFile>, OpenError> {
    atomic::remove_leftovers(path);
    atomic::remove_leftovers(&fingerprint_path(path));
    let (mut file, folded) = read(path, Some(now))?;
    let compacted = match (&mut file, folded) {
        (Some(file), Some(Folded::Applied { .. })) => {
            // The file as returned is the file on disk, token included.
            file.header.journal = Some(new_token());
            write_whole(path, &file.header, &file.decisions)
        }
        (_, Some(Folded::Stale)) => remove_journal(path),
        _ => Ok(()),
    };
    compacted.map_err(|source| OpenError::SessionUnreadable {
        path: journal_path(path),
        source: io::Error::new(
            source.kind(),
            format!("cannot fold the decision journal into the session file: {source}"),
        ),
    })?;
    Ok(file)
}

/// The one reader of session files: the file, then the journal beside it
/// folded in (and what folding it did, when there is one). With `copy_at`,
/// a damaged file is copied aside (named after that time) before it is
/// refused.
fn read(
    path: &Path,
    copy_at: Option<&str>,
) -> Result<(Option<SessionFile>, Option<Folded>), OpenError> {
    let Some(bytes) = read_capped(path)? else {
        return Ok((None, None));
    };
    let damaged = |at: &Path, bytes: &[u8], problems| OpenError::SessionDamaged {
        path: at.to_path_buf(),
        problems,
        copy: copy_at.map(|now| keep_copy(at, bytes, "damaged", now).map_err(|e| e.to_string())),
    };
    let mut file = parse(path, &bytes).map_err(|problems| damaged(path, &bytes, problems))?;
    let at = journal_path(path);
    let Some(bytes) = read_capped(&at)? else {
        return Ok((Some(file), None));
    };
    let folded = journal::fold(&mut file, &at.display().to_string(), &bytes)
        .map_err(|problems| damaged(&at, &bytes, problems))?;
    Ok((Some(file), Some(folded)))
}

/// A file's bytes (`None`: it does not exist), refused past
/// [`MAX_SESSION_BYTES`].
fn read_capped(path: &Path) -> Result<Option<Vec<u8>>, OpenError> {
    match read_regular_file_capped(path, MAX_SESSION_BYTES) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(OpenError::SessionUnreadable {
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn parse(path: &Path, bytes: &[u8]) -> Result<SessionFile, Diagnostics> {
    let name = path.display().to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Diagnostics(vec![Diagnostic::error(
            Location::line(name, 1),
            Said::new(Load::SessionEmpty, &[("bytes", &bytes.len())]),
        )]));
    }
    let file = SourceFile::from_bytes(name, bytes.to_vec()).map_err(|d| Diagnostics(vec![d]))?;
    SessionFile::parse(&file)
}

/// Keeps `bytes` (the content of `path`) in `<stem>.<label>-<UTC time>.json`
/// beside it, owner-only, never replacing a file; an identical copy made
/// earlier is reused rather than repeated. Returns the copy's path.
pub fn keep_copy(path: &Path, bytes: &[u8], label: &str, now: &str) -> io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let stem = path
        .file_stem()
        .map_or_else(|| "session".into(), |s| s.to_string_lossy().into_owned());
    let prefix = format!("{stem}.{label}-");
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with(&prefix)
                && fs::read(entry.path()).is_ok_and(|old| old == bytes)
            {
                return Ok(entry.path());
            }
        }
    }
    let stamp: String = now.chars().filter(|c| !matches!(c, '-' | ':')).collect();
    let mut attempt = 1;
    loop {
        let suffix = if attempt == 1 {
            String::new()
        } else {
            format!("-{attempt}")
        };
        let copy = dir.join(format!("{prefix}{stamp}{suffix}.json"));
        match atomic::write_new(&copy, bytes) {
            Ok(()) => return Ok(copy),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(err) => return Err(err),
        }
    }
}

/// Saves the decisions durably, creating the folder (owner-only) if needed.
pub fn save(path: &Path, decisions: &[Decision]) -> io::Result<()> {
    save_file(
        path,
        &SessionFile {
            decisions: decisions.to_vec(),
            ..SessionFile::default()
        },
    )
}

/// Saves a session file (its header and unknown fields included) durably,
/// whole: a journal beside it no longer applies, and is removed.
pub fn save_file(path: &Path, file: &SessionFile) -> io::Result<()> {
    let mut header = file.header.clone();
    header.journal = None;
    write_whole(path, &header, &file.decisions)
}

/// Writes the session file whole with this header (its `journal` token
/// included), then removes the journal it makes stale.
pub(super) fn write_whole(
    path: &Path,
    header: &crate::engine::decision::Header,
    decisions: &[Decision],
) -> io::Result<()> {
    ensure_folder(path)?;
    atomic::write(path, SessionFile::text(header, decisions).as_bytes())?;
    // Should this fail (or calibra stop here), the journal left names
    // another token than the file's now: it is ignored, and removed when
    // the screen next opens the session.
    remove_journal(path)
}

/// A session file token no other compaction uses: the time, the process
/// and a count.
pub(super) fn new_token() -> String {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let count = COUNT.fetch_add(1, Ordering::Relaxed);
    format!("{nanos:x}-{:x}-{count}", std::process::id())
}

/// Removes the journal beside a session, if there is one, durably.
fn remove_journal(path: &Path) -> io::Result<()> {
    match fs::remove_file(journal_path(path)) {
        Ok(()) => {
            atomic::sync_folder(atomic::folder_of(path));
            Ok(())
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(err),
    }
}

/// Where the decision journal of a session is kept: `<stem>.journal.jsonl`
/// beside it.
pub fn journal_path(session: &Path) -> PathBuf {
    let stem = session
        .file_stem()
        .map_or_else(|| "session".into(), |s| s.to_string_lossy().into_owned());
    session.with_file_name(format!("{stem}.journal.jsonl"))
}

pub(super) fn ensure_folder(path: &Path) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        create_private_dir(dir)?;
    }
    Ok(())
}

pub(super) fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Where the fingerprint of a session's input is kept: `<stem>.input.json`
/// beside the session (not inside it: the session is rewritten on every
/// decision, the fingerprint only when the session begins).
pub fn fingerprint_path(session: &Path) -> PathBuf {
    let stem = session
        .file_stem()
        .map_or_else(|| "session".into(), |s| s.to_string_lossy().into_owned());
    session.with_file_name(format!("{stem}.input.json"))
}

/// Reads the fingerprint kept beside a session: `Ok(None)` when there is none.
pub fn load_fingerprint(session: &Path) -> Result<Option<Fingerprint>, String> {
    let path = fingerprint_path(session);
    match fs::read_to_string(&path) {
        Ok(text) => Fingerprint::parse(&text)
            .map(Some)
            .map_err(|why| format!("{}: {why}", path.display())),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(format!("{}: cannot read it: {err}", path.display())),
    }
}

/// Writes the fingerprint beside a session, atomically and owner-only.
pub fn save_fingerprint(session: &Path, print: &Fingerprint) -> io::Result<()> {
    ensure_folder(session)?;
    atomic::write(&fingerprint_path(session), print.to_json().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::decision::Change;

    #[test]
    fn save_then_load_round_trips_owner_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sessions/x.json");
        assert!(load(&path).expect("missing is fine").is_none());
        let decisions = vec![Decision::new(Change::ClearOverride {
            employee: "E1".into(),
        })];
        save(&path, &decisions).expect("save");
        let file = load(&path).expect("load").expect("exists");
        assert_eq!(file.decisions, decisions);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&dir.path().join("sessions")), 0o700);
        }
    }
}
