//! Where sessions live: under the platform's data directory
//! (`CALIBRA_DATA_DIR` overrides it), one per input folder, so that
//! reopening the same folder resumes its session.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "CALIBRA_DATA_DIR";

/// The folder sessions are kept in.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "calibra").map(|dirs| dirs.data_dir().to_path_buf())
}

/// The input folder as sessions know it: its resolved path.
pub fn resolved(input: &Path) -> PathBuf {
    fs::canonicalize(input).unwrap_or_else(|_| input.to_path_buf())
}

/// The default session file of an input folder: `<name>-<hash>.json`, the
/// hash (the first 128 bits of SHA-256 of the resolved path) telling apart
/// folders of the same name in different places. The session also records
/// the path itself, so a clash would be noticed, not assumed away.
pub fn default_session_path(data_dir: &Path, input: &Path) -> PathBuf {
    let absolute = resolved(input);
    let digest = Sha256::digest(absolute.as_os_str().as_encoded_bytes());
    let hash: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    data_dir
        .join("sessions")
        .join(format!("{}-{hash}.json", file_name(&absolute)))
}

/// Where earlier builds kept the same session (a 32-bit hash, which two
/// folders were found to share); still found, so no session is lost.
pub fn legacy_session_path(data_dir: &Path, input: &Path) -> PathBuf {
    let absolute = resolved(input);
    let hash = absolute
        .to_string_lossy()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, b| {
            (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    data_dir
        .join("sessions")
        .join(format!("{}-{:08x}.json", file_name(&absolute), hash as u32))
}

fn file_name(absolute: &Path) -> String {
    absolute
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
        .collect()
}

/// The demo's session file.
pub fn demo_session_path(data_dir: &Path) -> PathBuf {
    data_dir.join("sessions").join("demo.json")
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

    #[test]
    fn session_names_carry_128_bits_of_the_path() {
        let a = default_session_path(Path::new("/data"), Path::new("/no/such/acme"));
        let name = a.file_stem().and_then(|n| n.to_str()).expect("name");
        let hash = name.strip_prefix("acme-").expect("named after the folder");
        assert_eq!(hash.len(), 32);
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit()));
        let legacy = legacy_session_path(Path::new("/data"), Path::new("/no/such/acme"));
        assert_eq!(
            legacy.file_stem().and_then(|n| n.to_str()).map(str::len),
            Some(13)
        );
    }
}
