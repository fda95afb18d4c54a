//! Why a session could not be opened: the one error type of
//! [`super::open`], worded once for the command line and the live screen.

use std::io;
use std::path::PathBuf;

use crate::engine::diagnostic::Diagnostics;
use crate::i18n::{Lang, Load, fill, t};

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The input folder (or a session file given with it) has errors.
    #[error("{0}")]
    Invalid(Diagnostics),
    /// The session file could not be read at all (permissions, a folder in
    /// its place...).
    #[error(
        "calibra: cannot read the session file {}: {source}\ncalibra: nothing was opened and the file is left as it is.",
        path.display()
    )]
    SessionUnreadable { path: PathBuf, source: io::Error },
    /// The session file is not one calibra can read: truncated, garbage,
    /// another version, not UTF-8, empty.
    #[error("{}", Damaged { path, problems, copy }.text(Lang::En))]
    SessionDamaged {
        path: PathBuf,
        problems: Diagnostics,
        /// Where a copy was kept, or why it could not be (the live screen
        /// keeps one; the command line writes nothing).
        copy: Option<Result<PathBuf, String>>,
    },
    /// Another live screen has the session open.
    #[error(
        "calibra: the session {} is open in another calibra: {holder}.\ncalibra: two screens writing one session would lose decisions; close the other one, or look without deciding with --read-only.",
        path.display()
    )]
    Locked { path: PathBuf, holder: String },
    /// The lock could not be taken for another reason.
    #[error("calibra: cannot lock the session {}: {source}", path.display())]
    Lock { path: PathBuf, source: io::Error },
    /// The live screen would write its session inside the input folder.
    #[error(
        "calibra: the session {} is inside the input folder {}: the live screen saves every decision, and calibra never writes inside an input folder.\ncalibra: copy the session elsewhere and open that with --session, or look with --read-only.",
        path.display(),
        dir.display()
    )]
    InsideInput { path: PathBuf, dir: PathBuf },
    /// The session found under this folder's name belongs to another folder.
    #[error(
        "calibra: the session {} belongs to the input folder {recorded}, not to {}; it was not opened.\ncalibra: open it with --session FILE if it is really this folder's.",
        path.display(),
        here.display()
    )]
    OtherFolder {
        path: PathBuf,
        recorded: String,
        here: PathBuf,
    },
    /// `--session last`, and the live screen never saved a session for
    /// this folder.
    #[error(
        "calibra: --session last: no session saved by the live screen exists for {dir} (it would be {})",
        path.as_ref().map_or_else(|| "in the data directory, which is unknown here".to_string(), |p| p.display().to_string())
    )]
    NoSavedSession { dir: String, path: Option<PathBuf> },
}

impl OpenError {
    /// What `Display` says, in `lang` where it lists diagnostics (the
    /// other refusals are worded in English only).
    pub fn display_in(&self, lang: Lang) -> String {
        match self {
            OpenError::Invalid(errors) => errors.display_in(lang),
            OpenError::SessionDamaged {
                path,
                problems,
                copy,
            } => Damaged {
                path,
                problems,
                copy,
            }
            .text(lang),
            other => other.to_string(),
        }
    }

    /// The located problems, for callers that list errors one per line.
    pub fn diagnostics(&self) -> Option<&Diagnostics> {
        match self {
            OpenError::Invalid(d) => Some(d),
            OpenError::SessionDamaged { problems, .. } => Some(problems),
            _ => None,
        }
    }
}

impl From<Diagnostics> for OpenError {
    fn from(errors: Diagnostics) -> Self {
        OpenError::Invalid(errors)
    }
}

struct Damaged<'a> {
    path: &'a PathBuf,
    problems: &'a Diagnostics,
    copy: &'a Option<Result<PathBuf, String>>,
}

impl Damaged<'_> {
    fn text(&self, lang: Lang) -> String {
        let path = self.path.display().to_string();
        let mut text = fill(lang, Load::SessionDamaged, &[("path", &path)]);
        text.push('\n');
        text.push_str(&self.problems.display_in(lang));
        text.push_str(&match self.copy {
            Some(Ok(copy)) => fill(
                lang,
                Load::SessionCopyKept,
                &[("copy", &copy.display().to_string())],
            ),
            Some(Err(why)) => fill(lang, Load::SessionCopyFailed, &[("why", why)]),
            None => t(lang, Load::SessionLeftAsIs).to_string(),
        });
        text.push('\n');
        text.push_str(t(lang, Load::SessionRepair));
        text
    }
}
