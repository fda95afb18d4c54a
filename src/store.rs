//! Where sessions live and how they are saved.
//!
//! Without `--session`, a folder's session is kept under the platform's data
//! directory (`CALIBRA_DATA_DIR` overrides it), named after the input folder,
//! so reopening the same folder resumes it. Every save replaces the file
//! atomically and owner-only: a crash never leaves half a session.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::engine::atomic;
use crate::engine::decision::{Decision, SessionFile};
use crate::engine::diagnostic::Diagnostics;

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
    let file = crate::engine::source::SourceFile::from_bytes(path.display().to_string(), bytes)
        .map_err(|d| OpenError::Invalid(Diagnostics(vec![d])))?;
    SessionFile::parse(&file)
        .map(Some)
        .map_err(OpenError::Invalid)
}

/// Saves the decisions durably, creating the folder (owner-only) if needed.
pub fn save(path: &Path, decisions: &[Decision]) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        create_private_dir(dir)?;
    }
    atomic::write(path, SessionFile::to_json(decisions).as_bytes())
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
