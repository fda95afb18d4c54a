//! What an opening found ([`Opened`]) and what the operator can do with it
//! before the session is replayed: drop the decisions that no longer apply,
//! go on after reading what changed, keep the input's fingerprint.

use std::path::PathBuf;

use super::lock::SessionLock;
use super::store;
use crate::engine::decision::SessionFile;
use crate::engine::diagnostic::{Diagnostic, Diagnostics};
use crate::engine::fingerprint::{Fingerprint, InputChanges};
use crate::engine::model::Input;
use crate::engine::previous::Previous;
use crate::engine::session::Session;
use crate::engine::stale::{self, StaleDecision};
use crate::i18n::{Lang, Load, fill, plural, t};

use super::SavedSession;

/// An opened input and session, not yet replayed.
#[derive(Debug)]
pub struct Opened {
    pub input: Input,
    /// Warnings met while loading (ignored files and the like, and what
    /// the previous export warns about).
    pub load_warnings: Vec<Diagnostic>,
    /// The previous cycle's export (`--previous`), matched to the input;
    /// [`Opened::replay`] hands it to the session.
    pub previous: Option<Previous>,
    /// The decisions (none when there is no session, or it is new).
    pub file: SessionFile,
    /// The session file, when there is one (it may not exist yet).
    pub session_path: Option<PathBuf>,
    /// Whether the session file existed.
    pub resumed: bool,
    /// The input as shown to the operator (folder path or `<demo>`).
    pub shown_as: String,
    /// What the export prompt offers (`<folder>-grades`).
    pub export_stem: String,
    /// What changed since the session began (`None`: no fingerprint kept).
    pub changes: Option<InputChanges>,
    /// Why the kept fingerprint could not be read, if it could not.
    pub fingerprint_problem: Option<String>,
    /// With [`Access::Write`](super::Access::Write): the input's fingerprint now, to keep.
    pub fingerprint: Option<Fingerprint>,
    /// Whether the fingerprint must be (re)taken: a session begins, or had
    /// none, or the operator went on after a change.
    pub fingerprint_due: bool,
    /// The resolved input folder, for a session the live screen keeps (it
    /// is recorded in the session).
    pub input_dir: Option<PathBuf>,
    /// Decisions that name what the input no longer has.
    pub stale: Vec<StaleDecision>,
    /// Decisions about an employee whose name changed since the session
    /// began (another person under the same id?): they apply only once the
    /// operator confirms them, or they are dropped.
    pub unconfirmed: Vec<StaleDecision>,
    /// With [`Access::Write`](super::Access::Write): the session's lock, held while this lives.
    pub lock: Option<SessionLock>,
    /// Without `--session`: the live screen's saved session for this input,
    /// which was not applied.
    pub unused_saved: Option<SavedSession>,
}

impl Opened {
    /// An opening of `input` with `file`'s decisions and nothing found
    /// about them yet (no session file, no fingerprint): for tools and
    /// tests that build an opening by hand.
    pub fn from_parts(input: Input, file: SessionFile, shown_as: &str) -> Opened {
        Opened {
            stale: stale::find(&input, &file),
            unconfirmed: Vec::new(),
            input,
            load_warnings: Vec::new(),
            previous: None,
            file,
            session_path: None,
            resumed: true,
            shown_as: shown_as.to_string(),
            export_stem: "calibra-grades".to_string(),
            changes: None,
            fingerprint_problem: None,
            fingerprint: None,
            fingerprint_due: false,
            unused_saved: None,
            lock: None,
            input_dir: None,
        }
    }

    /// Whether the operator must review the opening first: decisions no
    /// longer apply, or the input changed under a session with decisions.
    pub fn needs_review(&self) -> bool {
        let changed = self.changes.as_ref().is_some_and(|c| !c.is_empty());
        !self.stale.is_empty()
            || !self.unconfirmed.is_empty()
            || (changed && !self.file.decisions.is_empty())
    }

    /// Replays the decisions: every one that cannot apply is an error at
    /// its line.
    pub fn replay(self) -> Result<(Session, Vec<Diagnostic>), Diagnostics> {
        let mut session = Session::replay(self.input, &self.file)?;
        session.set_previous(self.previous);
        if let Some(dir) = &self.input_dir {
            session.set_input(Some(dir.to_string_lossy().into_owned()));
        }
        Ok((session, self.load_warnings))
    }

    /// Keeps the input's fingerprint beside the session when it is due.
    /// Returns why it could not be saved, if it could not.
    pub fn keep_fingerprint(&mut self) -> Option<String> {
        let (Some(path), Some(current)) = (&self.session_path, &self.fingerprint) else {
            return None;
        };
        if !self.fingerprint_due {
            return None;
        }
        match store::save_fingerprint(path, current) {
            Ok(()) => {
                self.fingerprint_due = false;
                None
            }
            Err(err) => Some(err.to_string()),
        }
    }

    /// Drops the decisions that no longer apply: keeps a copy of the session
    /// as it is, saves it without them and keeps the input's fingerprint.
    /// Nothing is dropped if the copy or the save fails. Returns what to
    /// tell the operator.
    pub fn drop_stale(&mut self, now: &str, lang: Lang) -> Result<String, String> {
        let mut dropping: Vec<StaleDecision> = self
            .stale
            .iter()
            .chain(&self.unconfirmed)
            .cloned()
            .collect();
        dropping.sort_by_key(|d| d.index);
        let kept = stale::without(&self.file, &dropping);
        let n = dropping.len();
        let dropped = plural(lang, n, Load::DroppedOne, Load::DroppedMany);
        let Some(path) = self.session_path.clone() else {
            self.file = kept;
            self.stale.clear();
            self.unconfirmed.clear();
            return Ok(fill(lang, Load::DroppedUnsaved, &[("dropped", &dropped)]));
        };
        let shown = path.display().to_string();
        let bytes = std::fs::read(&path).map_err(|err| {
            let err = err.to_string();
            fill(lang, Load::DropNoRead, &[("path", &shown), ("err", &err)])
        })?;
        let copy = store::keep_copy(&path, &bytes, "before-drop", now)
            .map_err(|err| fill(lang, Load::DropNoCopy, &[("err", &err.to_string())]))?;
        store::save_file(&path, &kept).map_err(|err| {
            let copy = copy.display().to_string();
            fill(
                lang,
                Load::DropNotSaved,
                &[("err", &err.to_string()), ("copy", &copy)],
            )
        })?;
        self.file = kept;
        self.stale.clear();
        self.unconfirmed.clear();
        self.fingerprint_due = true;
        let copy = copy.display().to_string();
        let mut notice = fill(
            lang,
            Load::DroppedKept,
            &[("dropped", &dropped), ("copy", &copy)],
        );
        if let Some(err) = self.keep_fingerprint() {
            notice.push_str(&fill(
                lang,
                Load::FingerprintNotSaved,
                &[("err", &err.to_string())],
            ));
        }
        Ok(notice)
    }

    /// Goes on after the input changes were read: the input as it is now
    /// becomes the session's reference.
    pub fn acknowledge(&mut self, lang: Lang) -> String {
        let mut notice = t(lang, Load::GoingOn).to_string();
        self.fingerprint_due = true;
        self.unconfirmed.clear();
        if let Some(err) = self.keep_fingerprint() {
            notice.push_str(&fill(
                lang,
                Load::FingerprintNotSaved,
                &[("err", &err.to_string())],
            ));
        }
        notice
    }

    /// `note:` lines saying what changed in the input since the session
    /// began, with the first `first` ids of each kind, in `lang`.
    pub fn change_notes(&self, first: usize, lang: Lang) -> Vec<String> {
        let mut lines = Vec::new();
        if let (Some(why), Some(_)) = (&self.fingerprint_problem, &self.session_path) {
            lines.push(fill(lang, Load::NoteFingerprintUnread, &[("why", why)]));
        }
        let (Some(changes), Some(path)) = (&self.changes, &self.session_path) else {
            return lines;
        };
        if changes.is_empty() {
            return lines;
        }
        let fingerprint = store::fingerprint_path(path).display().to_string();
        lines.push(fill(
            lang,
            Load::NoteInputChanged,
            &[("since", &changes.since), ("fingerprint", &fingerprint)],
        ));
        lines.extend(
            changes
                .lines_in(lang, first)
                .into_iter()
                .map(|line| fill(lang, Load::NoteChange, &[("change", &line)])),
        );
        lines
    }
}
