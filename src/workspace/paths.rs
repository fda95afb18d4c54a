//! Where sessions live: under the platform's data directory
//! (`CALIBRA_DATA_DIR` overrides it), one per input folder, so that
//! reopening the same folder resumes its session.

use std::fs;
use std::path::{Path, PathBuf};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
