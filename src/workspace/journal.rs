//! Saving the live screen's decisions as they are made: each change of the
//! record is appended to the session's journal and flushed to disk (a few
//! hundred bytes, whatever the length of the record), instead of the whole
//! session file being rewritten. The format is the engine's
//! (`engine::decision::journal`); the one reader in [`store`] folds it in.
//!
//! The journal is folded into the session file (compacted) when it has as
//! many lines as the file has decisions (so that rewriting costs a constant
//! per decision), when the header changes, when an append failed, and when
//! the screen is done ([`Journal::compact`]). A compaction writes the file
//! with a new token: should calibra stop before the old journal is removed,
//! that journal names the old token and is ignored.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::store;
use crate::engine::atomic;
use crate::engine::decision::journal;
use crate::engine::decision::{Decision, Header, SessionFile};

/// A journal is folded in once it has at least this many lines, or as many
/// as the session file has decisions, whichever is more.
const COMPACT_AT_LEAST: usize = 1024;

/// What is on disk for one session, and the journal open for appending.
#[derive(Debug)]
pub struct Journal {
    session: PathBuf,
    /// The token of the session file on disk (`None`: no file, or one
    /// without a token, which the next save rewrites).
    token: Option<String>,
    /// The session file's header on disk (its token aside).
    header: Header,
    /// The record as the file and the journal hold it now.
    saved: Vec<Decision>,
    /// Decisions in the session file itself.
    in_file: usize,
    /// Lines in the journal after its first.
    lines: usize,
    /// The journal, once created, open for appending.
    file: Option<File>,
    /// An append failed: what is on disk is not known line by line, so the
    /// next save rewrites the file.
    unsure: bool,
}

impl Journal {
    /// Goes on from the session at `session` as [`store::open_for_writing`]
    /// left it (`None`: there is no session file yet).
    pub fn resume(session: &Path, file: Option<&SessionFile>) -> Journal {
        let (header, saved) = match file {
            Some(file) => (file.header.clone(), file.decisions.clone()),
            None => (Header::default(), Vec::new()),
        };
        Journal {
            session: session.to_path_buf(),
            token: header.journal.clone(),
            header: Header {
                journal: None,
                ..header
            },
            in_file: saved.len(),
            saved,
            lines: 0,
            file: None,
            unsure: false,
        }
    }

    /// Saves the record as it is now (`header` is the session's; its
    /// `journal` field is ignored): appends what changed since the last
    /// save and flushes it to disk; rewrites the file instead when that is
    /// due. Once it returns `Ok`, the record survives a crash.
    pub fn save(&mut self, header: &Header, decisions: &[Decision]) -> io::Result<()> {
        let same = self.saved.iter().zip(decisions);
        let kept = same.take_while(|(a, b)| a == b).count();
        let added = &decisions[kept..];
        let header_changed = !same_header(&self.header, header);
        if self.token.is_none() || self.unsure || header_changed {
            return self.compact(header, decisions);
        }
        if kept == self.saved.len() && added.is_empty() {
            return Ok(());
        }
        let keep = (kept < self.saved.len()).then_some(kept);
        let text = journal::lines(keep, added);
        let count = usize::from(keep.is_some()) + added.len();
        if let Err(err) = self.append(&text) {
            self.unsure = true;
            self.file = None;
            let doing = format!(
                "appending to {}",
                store::journal_path(&self.session).display()
            );
            return Err(atomic::explained(err, &doing));
        }
        self.saved.truncate(kept);
        self.saved.extend_from_slice(added);
        self.lines += count;
        if self.lines >= self.in_file.max(COMPACT_AT_LEAST) {
            // Already saved: a failed compaction loses nothing, and the
            // next save tries again.
            let _ = self.compact(header, decisions);
        }
        Ok(())
    }

    /// Folds the journal into the session file: writes the file whole (with
    /// a new token) and removes the journal. The screen calls it when it
    /// is done, so that the file alone holds the record.
    pub fn compact(&mut self, header: &Header, decisions: &[Decision]) -> io::Result<()> {
        self.file = None;
        let token = store::new_token();
        let written = Header {
            journal: Some(token.clone()),
            ..header.clone()
        };
        store::write_whole(&self.session, &written, decisions)?;
        self.token = Some(token);
        self.header = Header {
            journal: None,
            ..header.clone()
        };
        self.saved = decisions.to_vec();
        self.in_file = decisions.len();
        self.lines = 0;
        self.unsure = false;
        Ok(())
    }

    /// The session file this journal goes on from.
    pub fn path(&self) -> &Path {
        &self.session
    }

    /// How many lines the journal has after its first (0: there is none).
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// Writes `text` at the end of the journal (creating it, with its first
    /// line, if need be) and flushes it to disk.
    fn append(&mut self, text: &str) -> io::Result<()> {
        let path = store::journal_path(&self.session);
        let file = match &mut self.file {
            Some(file) => file,
            None => {
                let token = self.token.as_deref().unwrap_or_default();
                let mut file = create_private(&path)?;
                file.write_all(journal::first_line(token).as_bytes())?;
                self.file.insert(file)
            }
        };
        file.write_all(text.as_bytes())?;
        file.sync_data()?;
        if self.lines == 0 {
            // The journal's name in its folder, made durable once.
            atomic::sync_folder(atomic::folder_of(&path));
        }
        Ok(())
    }
}

/// Whether two headers are the same but for the journal token.
fn same_header(a: &Header, b: &Header) -> bool {
    a.input == b.input && a.extra == b.extra
}

/// A new journal (or an older journal the file does not name, left by a
/// compaction cut short) is begun afresh, owner-only.
fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::decision::Change;

    fn clear(employee: &str) -> Decision {
        Decision::new(Change::ClearOverride {
            employee: employee.into(),
        })
    }

    #[test]
    fn appends_undos_and_replacements_read_back_as_the_record() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.json");
        let header = Header::default();
        let mut journal = Journal::resume(&path, None);
        let mut record = vec![clear("E1")];
        journal
            .save(&header, &record)
            .expect("first save writes the file");
        assert_eq!(journal.lines(), 0);
        record.push(clear("E2"));
        journal.save(&header, &record).expect("append");
        record.pop(); // undo
        journal.save(&header, &record).expect("keep");
        record[0].reason = Some("amended".into());
        journal.save(&header, &record).expect("keep + append");
        assert_eq!(journal.lines(), 4);
        let text = std::fs::read_to_string(store::journal_path(&path)).expect("journal");
        assert_eq!(text.lines().count(), 5, "{text}");
        let read = store::load(&path).expect("loads").expect("exists");
        assert_eq!(read.decisions, record);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let meta = std::fs::metadata(store::journal_path(&path)).expect("meta");
            assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        }
    }
}
