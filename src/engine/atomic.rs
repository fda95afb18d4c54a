//! Writing a file so that it is either wholly the old one or wholly the new
//! one: a temporary file in the same folder, created exclusively (`O_EXCL`)
//! and owner-only, flushed to disk, then renamed over the target, and the
//! folder flushed too.
//!
//! The temporary file is named after its target (`.grades.csv.calibra-XXXXXX.tmp`),
//! so that [`remove_leftovers`] can clear what a killed process left behind
//! without touching other files' temporaries.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What comes after the target's name in its temporary files.
const TEMP_INFIX: &str = ".calibra-";
const TEMP_SUFFIX: &str = ".tmp";

/// Replaces `path` with `bytes` atomically. On error the old file is untouched,
/// no temporary file is left behind, and the message says which step failed
/// in plain words (the error keeps its [`io::ErrorKind`]).
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |file| file.write_all(bytes))
}

/// [`write()`] of what `fill` writes to the (temporary) file: a large
/// export is written as it is made, never held in memory whole.
pub fn write_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let (dir, temp) = write_temp(path, fill)?;
    temp.persist(path).map_err(|e| {
        explain(
            e.error,
            &format!("cannot replace \"{}\"", path.display()),
            None,
        )
    })?;
    sync_folder(dir);
    Ok(())
}

/// Writes `bytes` to `path`, which must not exist yet (the same steps as
/// [`write()`]; an existing file is never replaced, the error is `AlreadyExists`).
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (dir, temp) = write_temp(path, |file| file.write_all(bytes))?;
    temp.persist_noclobber(path).map_err(|e| {
        explain(
            e.error,
            &format!("cannot create \"{}\"", path.display()),
            None,
        )
    })?;
    sync_folder(dir);
    Ok(())
}

/// Writes new files into `dir`, each as [`write_new`], all or none: if any
/// of them exists already nothing is written (`AlreadyExists`, naming it),
/// and if one cannot be written those written before it are removed.
pub fn write_all_new(dir: &Path, files: &[(&str, &[u8])]) -> io::Result<()> {
    if let Some((name, _)) = files.iter().find(|(name, _)| dir.join(name).exists()) {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "\"{}\" exists already: move it away or choose another folder",
                dir.join(name).display()
            ),
        ));
    }
    for (i, (name, bytes)) in files.iter().enumerate() {
        if let Err(err) = write_new(&dir.join(name), bytes) {
            for (written, _) in &files[..i] {
                let _ = fs::remove_file(dir.join(written));
            }
            return Err(err);
        }
    }
    Ok(())
}

/// The folder `path` is written in.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// The temporary file's name prefix for `path`.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    format!(".{name}{TEMP_INFIX}")
}

/// Creates the temporary file beside `path` with what `fill` writes in it,
/// flushed to disk.
fn write_temp(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<(&Path, tempfile::NamedTempFile)> {
    let dir = folder_of(path);
    // tempfile opens with O_CREAT | O_EXCL and mode 0600.
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| {
            explain(
                e,
                &format!("cannot create a temporary file in \"{}\"", dir.display()),
                None,
            )
        })?;
    let written = fill(temp.as_file_mut()).and_then(|()| temp.as_file().sync_all());
    if let Err(err) = written {
        let shown = temp.path().display().to_string();
        // Dropping the temporary file removes it; say so only if it did.
        let removed = temp.close().is_ok();
        return Err(explain(
            err,
            &format!("cannot write \"{}\"", path.display()),
            Some((shown, removed)),
        ));
    }
    Ok((dir, temp))
}

/// Makes a rename, a new file or a removal in `dir` durable; not every
/// platform can open a folder.
pub fn sync_folder(dir: &Path) {
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
}

/// An error of `doing` (e.g. "appending to FILE") in plain words, as the
/// atomic writes word theirs.
pub fn explained(err: io::Error, doing: &str) -> io::Error {
    explain(err, doing, None)
}

/// Rewrites an error so that it reads as a sentence: what calibra was doing,
/// why it failed in plain words, and what happened to the temporary file.
fn explain(err: io::Error, doing: &str, temp: Option<(String, bool)>) -> io::Error {
    let why = match err.kind() {
        io::ErrorKind::StorageFull => Some("the disk is full"),
        io::ErrorKind::QuotaExceeded => Some("the disk quota is used up"),
        io::ErrorKind::FileTooLarge => Some("the file is larger than this system allows"),
        io::ErrorKind::ReadOnlyFilesystem => Some("the folder is on a read-only file system"),
        io::ErrorKind::PermissionDenied => Some("permission denied"),
        io::ErrorKind::NotFound => Some("the folder does not exist"),
        _ => None,
    };
    let temp = match temp {
        Some((path, true)) => format!("; the temporary file {path} was removed"),
        Some((path, false)) => format!("; the temporary file {path} could not be removed"),
        None => String::new(),
    };
    // The bare system message: tempfile appends the temporary file's path
    // even when it was never created, which only confuses.
    let text = err.to_string();
    let system = text.split(" at path ").next().unwrap_or(&text);
    let message = match why {
        Some(why) => format!("{doing}: {why} (the system said: {system}){temp}"),
        None => format!("{doing}: {system}{temp}"),
    };
    io::Error::new(err.kind(), message)
}

/// Removes the temporary files that a killed process left beside `path`
/// (only ones named after it); returns how many were removed.
pub fn remove_leftovers(path: &Path) -> usize {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return 0;
    };
    let leftovers: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
                .is_some_and(|random| {
                    !random.is_empty() && random.chars().all(|c| c.is_ascii_alphanumeric())
                })
                && e.file_type().is_ok_and(|t| t.is_file())
        })
        .map(|e| e.path())
        .collect();
    leftovers
        .iter()
        .filter(|p| fs::remove_file(p).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("ls")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_owner_only_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.csv");
        fs::write(&path, "old").expect("seed");
        write(&path, b"new").expect("write");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(names(dir.path()), vec!["out.csv"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_that_names_it_and_writes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("no/such/folder/out.csv");
        let err = write(&path, b"x").expect_err("no folder");
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        let message = err.to_string();
        assert!(
            message.contains("no/such/folder") && message.contains("does not exist"),
            "{message}"
        );
        assert!(!path.exists());
    }

    #[test]
    fn write_new_never_replaces() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("copy.json");
        write_new(&path, b"first").expect("new");
        let err = write_new(&path, b"second").expect_err("exists");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).expect("read"), b"first");
        assert_eq!(names(dir.path()), vec!["copy.json"]);
    }

    #[test]
    fn files_written_together_are_all_new_or_none() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("b.csv"), "kept").expect("seed");
        let files: [(&str, &[u8]); 2] = [("a.csv", b"a"), ("b.csv", b"b")];
        let err = write_all_new(dir.path(), &files).expect_err("b exists");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert!(err.to_string().contains("b.csv"), "{err}");
        assert_eq!(names(dir.path()), vec!["b.csv"]);
        assert_eq!(fs::read(dir.path().join("b.csv")).expect("read"), b"kept");

        // A name that cannot be created (its folder is missing) after one
        // that was: the first is taken back.
        let files: [(&str, &[u8]); 2] = [("a.csv", b"a"), ("no/c.csv", b"c")];
        write_all_new(dir.path(), &files).expect_err("no folder");
        assert_eq!(names(dir.path()), vec!["b.csv"]);

        let files: [(&str, &[u8]); 2] = [("a.csv", b"a"), ("c.csv", b"c")];
        write_all_new(dir.path(), &files).expect("both new");
        assert_eq!(names(dir.path()), vec!["a.csv", "b.csv", "c.csv"]);
    }

    #[test]
    fn leftovers_of_the_target_only_are_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.json");
        for name in [
            ".s.json.calibra-AbC123.tmp",
            ".s.json.calibra-zzzzzz.tmp",
            ".t.json.calibra-AbC123.tmp",
            ".s.json.calibra-.tmp",
            "s.json",
        ] {
            fs::write(dir.path().join(name), "x").expect("seed");
        }
        assert_eq!(remove_leftovers(&path), 2);
        assert_eq!(
            names(dir.path()),
            vec![
                ".s.json.calibra-.tmp",
                ".t.json.calibra-AbC123.tmp",
                "s.json"
            ]
        );
    }
}
