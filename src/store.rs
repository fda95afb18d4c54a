//! Where sessions live and how they are saved.
//!
//! Without `--session`, a folder's session is kept under the platform's data
//! directory (`CALIBRA_DATA_DIR` overrides it), named after the input folder,
//! so reopening the same folder resumes it. Every save replaces the file
//! atomically and owner-only: a crash never leaves half a session. A damaged
//! session is refused and a copy of it kept, never replaced; beside each
//! session, a fingerprint of its input (`<stem>.input.json`) lets an opening
//! say what changed in the folder since the session began.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::engine::atomic;
use crate::engine::decision::{Decision, SessionFile};
use crate::engine::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::engine::fingerprint::Fingerprint;
use crate::engine::source::SourceFile;

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "CALIBRA_DATA_DIR";

/// The folder sessions are kept in.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "calibra").map(|dirs| dirs.data_dir().to_path_buf())
}

/// The default session file of an input folder: `<name>-<hash>.json`, the
/// hash telling apart folders of the same name in different places.
pub fn default_session_path(data_dir: &Path, input: &Path) -> PathBuf {
    let absolute = fs::canonicalize(input).unwrap_or_else(|_| input.to_path_buf());
    let name: String = absolute
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "input".to_string())
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let hash = fnv1a(absolute.to_string_lossy().as_bytes());
    data_dir
        .join("sessions")
        .join(format!("{name}-{:08x}.json", hash as u32))
}

/// The demo's session file.
pub fn demo_session_path(data_dir: &Path) -> PathBuf {
    data_dir.join("sessions").join("demo.json")
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Why a session file could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{path}: cannot read the session: {source}")]
    Read { path: String, source: io::Error },
    #[error("{0}")]
    Invalid(Diagnostics),
}

/// Reads a session file; `Ok(None)` when it does not exist yet.
pub fn load(path: &Path) -> Result<Option<SessionFile>, OpenError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(OpenError::Read {
                path: path.display().to_string(),
                source,
            });
        }
    };
    parse(path, bytes).map(Some).map_err(OpenError::Invalid)
}

fn parse(path: &Path, bytes: Vec<u8>) -> Result<SessionFile, Diagnostics> {
    let name = path.display().to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Diagnostics(vec![Diagnostic::error(
            Location::line(name, 1),
            format!(
                "the session file is empty ({} bytes): it has no version and no decisions",
                bytes.len()
            ),
        )]));
    }
    let file = SourceFile::from_bytes(name, bytes).map_err(|d| Diagnostics(vec![d]))?;
    SessionFile::parse(&file)
}

/// A session file that calibra refused to open.
#[derive(Debug)]
pub enum Refusal {
    /// It could not be read at all (permissions, a folder in its place...).
    Unreadable { path: PathBuf, source: io::Error },
    /// It is not a session calibra can read: truncated, garbage, another
    /// version, not UTF-8, empty. A copy is kept beside it.
    Damaged {
        path: PathBuf,
        problems: Diagnostics,
        /// Where the copy is, or why it could not be made.
        copy: Result<PathBuf, String>,
    },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Unreadable { path, source } => write!(
                f,
                "calibra: cannot read the session file {}: {source}\n\
                 calibra: nothing was opened and the file is left as it is.",
                path.display()
            ),
            Refusal::Damaged {
                path,
                problems,
                copy,
            } => {
                writeln!(
                    f,
                    "calibra: the session file {} is damaged, so it was not opened:",
                    path.display()
                )?;
                write!(f, "{problems}")?;
                match copy {
                    Ok(copy) => writeln!(
                        f,
                        "calibra: a copy of it is kept in {}; the file itself is left as it is.",
                        copy.display()
                    )?,
                    Err(why) => writeln!(
                        f,
                        "calibra: no copy could be kept ({why}); the file itself is left as it is."
                    )?,
                }
                write!(
                    f,
                    "calibra: to go on, repair the file at the line shown, move it away to start a new \
                     session, or open another one with --session FILE."
                )
            }
        }
    }
}

/// Opens a session for the TUI, which will write to it: clears temporary
/// files a killed calibra left beside it, and refuses a damaged file after
/// keeping a copy of it (the file itself is never replaced or removed).
/// `now` is an RFC 3339 timestamp, used to name the copy.
pub fn open(path: &Path, now: &str) -> Result<Option<SessionFile>, Box<Refusal>> {
    atomic::remove_leftovers(path);
    atomic::remove_leftovers(&fingerprint_path(path));
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(Box::new(Refusal::Unreadable {
                path: path.to_path_buf(),
                source,
            }));
        }
    };
    match parse(path, bytes.clone()) {
        Ok(file) => Ok(Some(file)),
        Err(problems) => Err(Box::new(Refusal::Damaged {
            path: path.to_path_buf(),
            problems,
            copy: keep_copy(path, &bytes, "damaged", now).map_err(|e| e.to_string()),
        })),
    }
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
    ensure_folder(path)?;
    atomic::write(path, SessionFile::to_json(decisions).as_bytes())
}

fn ensure_folder(path: &Path) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        create_private_dir(dir)?;
    }
    Ok(())
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
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

/// Now as an RFC 3339 UTC timestamp (`2026-11-27T09:12:00Z`), for decisions.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

/// Seconds since the Unix epoch as an RFC 3339 UTC timestamp.
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::decision::Change;

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_770_720), "2026-11-27T09:12:00Z");
    }

    #[test]
    fn session_paths_are_named_after_the_folder_and_stable() {
        let data = Path::new("/data");
        let a = default_session_path(data, Path::new("/no/such/acme q4"));
        assert_eq!(a, default_session_path(data, Path::new("/no/such/acme q4")));
        let name = a.file_name().and_then(|n| n.to_str()).expect("name");
        assert!(
            name.starts_with("acme_q4-") && name.ends_with(".json"),
            "{name}"
        );
        assert_ne!(
            a,
            default_session_path(data, Path::new("/elsewhere/acme q4"))
        );
    }

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
