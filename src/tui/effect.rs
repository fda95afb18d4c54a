//! Carrying out what an update asks for (saving, exporting, quitting) and
//! telling the app how it went, as an action.

use std::path::{Path, PathBuf};

use crate::engine::{atomic, export};
use crate::i18n::{Shell, fill};
use crate::workspace::journal::Journal;
use crate::workspace::{self, clock, store};

use super::action::ExportFormat;
use super::app::{Action, App, Effect};

/// Carries out one effect and reports its outcome to the app; returns
/// false to quit.
pub fn perform(app: &mut App, effect: Effect) -> bool {
    let now = clock::now_rfc3339();
    match effect {
        // Without a screen to show it on, the work goes on at once (the
        // event loop draws first; see `tui::event_loop`).
        Effect::Busy => return follow(app, Action::Resume, &now),
        Effect::Quit => {
            // The file alone holds the record from here on; a failure
            // loses nothing (the journal is still read on reopening).
            if let Some(journal) = app.journal.as_mut().filter(|j| j.lines() > 0) {
                let _ = journal.compact(app.session.header(), app.session.decisions());
            }
            return false;
        }
        Effect::Save => {
            if let Some(path) = app.origin().session_path.clone() {
                open_journal(app, &path);
                let result = app
                    .journal
                    .as_mut()
                    .map_or(Ok(()), |j| {
                        j.save(app.session.header(), app.session.decisions())
                    })
                    .map(|()| path)
                    .map_err(|err| err.to_string());
                return follow(app, Action::Saved(result), &now);
            }
        }
        Effect::SaveAs { path } => {
            let origin = app.origin();
            let result = workspace::output::refuse(&path, origin.input_dir.as_deref(), None)
                .and_then(|()| {
                    store::save_file(&path, &app.session().to_file())
                        .map_err(|err| format!("{}: {err}", path.display()))
                })
                .inspect(|()| {
                    // Saving goes on there, through its own journal.
                    app.journal = Some(Journal::resume(&path, Some(&app.session.to_file())));
                })
                .map(|()| path);
            return follow(app, Action::Saved(result), &now);
        }
        Effect::Export { path, format } => {
            let lang = app.lang;
            let not_exported = |why: &str| fill(lang, Shell::NotExported, &[("why", why)]);
            let origin = app.origin();
            if let Err(why) = workspace::output::refuse(
                &path,
                origin.input_dir.as_deref(),
                origin.session_path.as_deref(),
            ) {
                app.update(Action::Exported(Err(not_exported(&why))), &now);
                return true;
            }
            let bytes = match format {
                ExportFormat::Json => export::to_json(app.session()),
                ExportFormat::Csv => export::to_csv(app.session()),
                ExportFormat::Xlsx => match export::to_xlsx(app.session()) {
                    Ok(bytes) => bytes,
                    Err(err) => {
                        app.update(Action::Exported(Err(not_exported(&err.to_string()))), &now);
                        return true;
                    }
                },
            };
            atomic::remove_leftovers(&path);
            let result = match atomic::write(&path, &bytes) {
                Ok(()) => Ok(fill(
                    lang,
                    Shell::Exported,
                    &[
                        ("n", &app.session().input.employees.len().to_string()),
                        ("path", &absolute(&path).display().to_string()),
                    ],
                )),
                Err(err) => Err(fill(
                    lang,
                    Shell::ExportFailed,
                    &[
                        ("path", &path.display().to_string()),
                        ("err", &err.to_string()),
                    ],
                )),
            };
            app.update(Action::Exported(result), &now);
        }
    }
    true
}

/// Reports an effect's outcome and carries out what that asks for.
fn follow(app: &mut App, outcome: Action, now: &str) -> bool {
    app.update(outcome, now)
        .into_iter()
        .all(|effect| perform(app, effect))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Opens the journal of the session at `path` at the first save, from what
/// is on disk (one read; every later save appends).
fn open_journal(app: &mut App, path: &Path) {
    if app.journal.as_ref().is_some_and(|j| j.path() == path) {
        return;
    }
    let on_disk = store::load(path).ok().flatten();
    app.journal = Some(Journal::resume(path, on_disk.as_ref()));
}
