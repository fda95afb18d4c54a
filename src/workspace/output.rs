//! Where calibra may write an export: never over the session, its
//! fingerprint or its lock, never inside the input folder, and only over a
//! regular file (or a new one). Paths are compared resolved (symbolic links
//! and `..` followed) and, for files that exist, by file identity, never as
//! strings.

use std::fs;
use std::path::{Path, PathBuf};

use super::{lock, store};

/// Why an output path is refused, in words for the person who typed it.
pub fn refuse(out: &Path, input_dir: Option<&Path>, session: Option<&Path>) -> Result<(), String> {
    let shown = out.display();
    if let Ok(meta) = fs::metadata(out)
        && !meta.is_file()
    {
        return Err(format!(
            "{shown} is not a regular file (a folder, FIFO or device): calibra writes exports only to regular files"
        ));
    }
    let resolved = resolve(out)
        .ok_or_else(|| format!("{shown}: its folder does not exist or cannot be read"))?;
    if let Some(session) = session {
        let protected = [
            (session.to_path_buf(), "the session file"),
            (
                store::journal_path(session),
                "the session's decision journal",
            ),
            (
                store::fingerprint_path(session),
                "the session's input fingerprint",
            ),
            (lock::lock_path(session), "the session's lock"),
        ];
        for (path, what) in protected {
            if same_file(&resolved, &path) {
                return Err(format!(
                    "{shown} is {what} ({}): an export there would destroy the committee's decisions",
                    path.display()
                ));
            }
        }
    }
    if let Some(dir) = input_dir.and_then(|d| fs::canonicalize(d).ok())
        && resolved.starts_with(&dir)
    {
        return Err(format!(
            "{shown} is inside the input folder {}: calibra never writes there (the input would change under the session)",
            dir.display()
        ));
    }
    Ok(())
}

/// Why a folder to write files into is refused: anything but a folder (or
/// a new one beside existing ones), and the input folder or anything inside
/// it. Compared resolved, like [`refuse`].
pub fn refuse_folder(out: &Path, input_dir: &Path) -> Result<(), String> {
    let shown = out.display();
    if let Ok(meta) = fs::metadata(out)
        && !meta.is_dir()
    {
        return Err(format!("{shown} is not a folder"));
    }
    let resolved = resolve(out)
        .ok_or_else(|| format!("{shown}: the folder it is in does not exist or cannot be read"))?;
    if let Ok(dir) = fs::canonicalize(input_dir)
        && resolved.starts_with(&dir)
    {
        return Err(format!(
            "{shown} is inside the input folder {}: calibra never writes there (the input would change under the session)",
            dir.display()
        ));
    }
    Ok(())
}

/// Whether `path` (existing or not) lies inside the folder `dir`.
pub fn is_inside(path: &Path, dir: &Path) -> bool {
    match (resolve(path), fs::canonicalize(dir)) {
        (Some(path), Ok(dir)) => path.starts_with(dir),
        _ => false,
    }
}

/// `path` with its folder resolved (the file itself too when it exists).
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(full) = fs::canonicalize(path) {
        return Some(full);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(parent).ok()?.join(name))
}

/// Whether two paths name the same file: the same resolved path, or (both
/// existing) the same device and inode, which catches hard links.
fn same_file(resolved: &Path, other: &Path) -> bool {
    let Some(other_resolved) = resolve(other) else {
        return false;
    };
    if *resolved == other_resolved {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (fs::metadata(resolved), fs::metadata(other)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_its_companions_and_the_input_folder_are_refused() {
        let root = tempfile::tempdir().expect("tempdir");
        let input = root.path().join("acme");
        fs::create_dir_all(input.join("submissions")).expect("folders");
        fs::write(input.join("org.json"), "{}").expect("org");
        let session = root.path().join("s.json");
        fs::write(&session, "{}").expect("session");
        let refused = |out: &Path| refuse(out, Some(&input), Some(&session));

        assert!(refused(&session).is_err_and(|m| m.contains("the session file")));
        let dotted = root.path().join("acme/../s.json");
        assert!(refused(&dotted).is_err(), "resolved, not compared as text");
        assert!(refused(&root.path().join("s.input.json")).is_err());
        assert!(refused(&input.join("org.json")).is_err_and(|m| m.contains("input folder")));
        assert!(
            refused(&input.join("submissions/new.csv")).is_err(),
            "a new file inside"
        );
        assert!(refused(&input).is_err(), "a folder");
        assert!(refused(Path::new("/dev/null")).is_err(), "a device");
        assert!(refused(&root.path().join("no/such/folder/x.csv")).is_err());
        assert!(refused(&root.path().join("grades.csv")).is_ok());
        let folder = |out: &Path| refuse_folder(out, &input);
        assert!(folder(&input).is_err_and(|m| m.contains("input folder")));
        assert!(folder(&input.join("submissions")).is_err());
        assert!(folder(&input.join("new")).is_err(), "a new folder inside");
        assert!(folder(&root.path().join("acme/../acme/x")).is_err());
        assert!(folder(&session).is_err_and(|m| m.contains("not a folder")));
        assert!(folder(&root.path().join("no/such")).is_err());
        assert!(folder(root.path()).is_ok(), "the folder around the input");
        assert!(folder(&root.path().join("templates")).is_ok());
        #[cfg(unix)]
        {
            let link = root.path().join("link.csv");
            std::os::unix::fs::symlink(&session, &link).expect("symlink");
            assert!(refused(&link).is_err(), "a link to the session");
            let hard = root.path().join("hard.csv");
            fs::hard_link(&session, &hard).expect("hard link");
            assert!(refused(&hard).is_err(), "a hard link to the session");
        }
    }
}
