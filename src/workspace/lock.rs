//! One live screen per session. Opening a session to write takes an
//! exclusive lock on `<stem>.lock` beside it (the operating system's file
//! lock, `flock` on Unix, released when the process ends however it ends,
//! so a killed calibra never leaves a stale lock). The file also says who
//! holds it, so that a second opener can be told.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The lock file of a session: `<stem>.lock` beside it.
pub fn lock_path(session: &Path) -> PathBuf {
    let stem = session
        .file_stem()
        .map_or_else(|| "session".into(), |s| s.to_string_lossy().into_owned());
    session.with_file_name(format!("{stem}.lock"))
}

/// A held lock; dropping it releases the session.
#[derive(Debug)]
pub struct SessionLock {
    file: File,
    path: PathBuf,
}

impl SessionLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Why the lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it; what it wrote about itself.
    Held {
        holder: String,
    },
    Io(io::Error),
}

/// Takes the session's lock without waiting, recording `who` in it.
pub fn acquire(session: &Path, who: &str) -> Result<SessionLock, LockError> {
    let path = lock_path(session);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        super::store::create_private_dir(dir).map_err(LockError::Io)?;
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&path).map_err(LockError::Io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            return Err(LockError::Held {
                holder: if holder.is_empty() {
                    "another calibra".to_string()
                } else {
                    holder.chars().filter(|c| !c.is_control()).collect()
                },
            });
        }
        Err(TryLockError::Error(err)) => return Err(LockError::Io(err)),
    }
    // Ours now: say who holds it.
    let _ = file.set_len(0);
    let _ = file.rewind();
    let _ = file.write_all(who.as_bytes());
    let _ = file.sync_data();
    Ok(SessionLock { file, path })
}

/// Who is opening: the user, the process and the time, for the lock file.
pub fn who(now: &str) -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "someone".to_string());
    format!("{user} (process {}) since {now}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_and_says_who_holds_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let session = dir.path().join("sessions/acme.json");
        let first = acquire(&session, "ana (process 1) since 2026-12-01T10:00:00Z")
            .expect("the first takes it");
        assert_eq!(first.path(), dir.path().join("sessions/acme.lock"));
        let second = acquire(&session, "bo");
        assert!(
            matches!(&second, Err(LockError::Held { holder }) if holder == "ana (process 1) since 2026-12-01T10:00:00Z"),
            "{second:?}"
        );
        drop(first);
        acquire(&session, "bo").expect("free again once released");
    }
}
