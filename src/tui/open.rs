//! Opening the live screen (behind its progress screen): the session
//! through [`crate::workspace::open`], like every command, then either the
//! screen itself or the review of what changed under the session.

use crate::engine::diagnostic::Diagnostics;
use crate::i18n::{Lang, Shell, fill, t};
use crate::workspace::{self, Access, OpenError, Request, SessionChoice, clock};

use super::Options;
use super::app::{App, Origin};
use super::gate::Gate;
use super::loading::Phase;
use super::theme::Theme;

/// What opening a session leads to.
pub enum Opening {
    /// The session is ready: the live screen.
    Ready(Box<App>),
    /// The input changed under the session, or some of its decisions no
    /// longer apply: the operator reviews that first.
    Review(Box<Gate>),
}

/// Everything needed to open the screen, through [`workspace::open`] like
/// every command; `progress` hears of each step as it begins (see
/// [`super::loading`]).
pub fn prepare(options: &Options, progress: &dyn Fn(Phase)) -> Result<Opening, String> {
    let lang = options.lang;
    progress(Phase::Reading);
    let now = clock::now_rfc3339();
    let session = match SessionChoice::from_arg(options.session.clone()) {
        SessionChoice::None => SessionChoice::Saved,
        choice => choice,
    };
    let request = Request {
        dir: options.dir.clone(),
        session,
        access: if options.read_only {
            Access::Read
        } else {
            Access::Write
        },
        now: now.clone(),
        previous: options.previous.clone(),
    };
    let mut opened = match workspace::open(&request) {
        Ok(opened) => opened,
        // No data directory: a session that is not saved.
        Err(OpenError::NoSavedSession { .. }) => workspace::open(&Request {
            session: SessionChoice::None,
            ..request
        })
        .map_err(|err| render_open_error(lang, &err))?,
        Err(err) => return Err(render_open_error(lang, &err)),
    };
    let mut notice = match &opened.session_path {
        Some(path) if opened.resumed => {
            let n = opened.file.decisions.len();
            Some(fill(
                lang,
                if n == 1 {
                    Shell::ResumedOne
                } else {
                    Shell::ResumedMany
                },
                &[("n", &n.to_string()), ("path", &path.display().to_string())],
            ))
        }
        Some(_) => None,
        None => Some(t(lang, Shell::NoDataDirectory).to_string()),
    };
    if let Some(why) = &opened.fingerprint_problem {
        notice = Some(fill(
            lang,
            Shell::FingerprintUnread,
            &[("notice", &notice.unwrap_or_default()), ("why", why)],
        ));
    }
    let origin = Origin {
        input: opened.shown_as.clone(),
        input_dir: options.dir.clone(),
        session_path: opened.session_path.clone(),
        export_stem: opened.export_stem.clone(),
        by: std::env::var("CALIBRA_BY")
            .or_else(|_| std::env::var("USER"))
            .or_else(|_| std::env::var("LOGNAME"))
            .ok()
            .filter(|s| !s.is_empty())
            .or_else(login_name),
    };
    let theme = Theme::new(options.theme);
    if options.read_only {
        let n = opened.stale.len();
        if n > 0 {
            return Err(crate::i18n::plural(
                lang,
                n,
                Shell::ReadOnlyStaleOne,
                Shell::ReadOnlyStaleMany,
            ));
        }
        progress(Phase::Replaying);
        let (session, _) = opened
            .replay()
            .map_err(|errors| render_errors(lang, &errors))?;
        progress(Phase::Preparing);
        let notice = t(lang, Shell::ReadOnlyNotice);
        return Ok(Opening::Ready(Box::new(
            App::new(session, origin, theme, Some(notice.to_string()))
                .read_only()
                .speaking(options.lang),
        )));
    }
    if opened.needs_review() {
        return Ok(Opening::Review(Box::new(Gate::new(
            opened,
            origin,
            theme,
            options.lang,
        ))));
    }
    if let Some(err) = opened.keep_fingerprint() {
        notice = Some(fill(
            lang,
            Shell::FingerprintNotSaved,
            &[("err", &err.to_string())],
        ));
    }
    // The screen holds the session's lock for as long as it is open.
    let lock = opened.lock.take();
    progress(Phase::Replaying);
    let (session, _) = opened
        .replay()
        .map_err(|errors| render_errors(lang, &errors))?;
    progress(Phase::Preparing);
    Ok(Opening::Ready(Box::new(
        App::new(session, origin, theme, notice)
            .holding(lock)
            .speaking(options.lang),
    )))
}

fn render_open_error(lang: Lang, err: &OpenError) -> String {
    match err {
        OpenError::Invalid(errors) => render_errors(lang, errors),
        other => other.display_in(lang),
    }
}

pub(super) fn render_errors(lang: Lang, errors: &Diagnostics) -> String {
    let mut text = errors.display_in(lang);
    text.push_str(&fill(
        lang,
        Shell::NothingOpened,
        &[("n", &errors.error_count().to_string())],
    ));
    text
}

/// The account's login name, when the environment names nobody (a
/// terminal multiplexer or a service may run without `USER`).
#[cfg(unix)]
fn login_name() -> Option<String> {
    // SAFETY: getpwuid returns null or a pointer to a record in static
    // storage, valid until the next call; it is copied out at once, on the
    // only thread that asks.
    unsafe {
        let entry = libc::getpwuid(libc::geteuid());
        if entry.is_null() || (*entry).pw_name.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr((*entry).pw_name)
            .to_str()
            .ok()
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }
}

#[cfg(not(unix))]
fn login_name() -> Option<String> {
    None
}
