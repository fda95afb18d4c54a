//! `calibra statement` (contract 6.9): one employee's statement to a file,
//! or every employee's into a folder, one file each named by id. Files are
//! written like exports: atomically, owner-only, never inside the input
//! folder or over the session.

use std::path::Path;

use super::{Done, Target, exit_without_freeing, open_target, refuse_out, say};
use crate::engine::atomic;
use crate::engine::provenance::Explainer;
use crate::i18n::Lang;
use crate::statement::{self, Format};

/// Whose statements to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    One(String),
    All,
}

pub fn run(target: &Target, who: &Who, out: &Path, format: Format, lang: Lang) -> Done {
    let refuse = |why: String| {
        say(
            &mut std::io::stderr().lock(),
            format_args!("calibra: --out {why}; nothing was written."),
        );
        Done::Usage
    };
    if *who == Who::All {
        if out.exists() && !out.is_dir() {
            return refuse(format!(
                "{} is not a folder (--all writes one file per employee into a folder)",
                out.display()
            ));
        }
        if crate::workspace::output::is_inside(out, &target.dir) {
            return refuse(format!(
                "{} is inside the input folder {}: calibra never writes there",
                out.display(),
                target.dir.display()
            ));
        }
    } else if let Err(why) = refuse_out(target, out) {
        return refuse(why);
    }
    let opened = match open_target(target, lang) {
        Ok(opened) => opened,
        Err(done) => return done,
    };
    let session = &opened.session;
    let input = &session.input;
    let employees: Vec<usize> = match who {
        Who::One(id) => match input.employee_index(id) {
            Some(e) => vec![e],
            None => {
                say(
                    &mut std::io::stderr().lock(),
                    format_args!(
                        "error: employee \"{id}\" is not in {}; nothing was written.",
                        input.org_file
                    ),
                );
                return Done::Invalid;
            }
        },
        Who::All => (0..input.employees.len()).collect(),
    };
    let explainer = Explainer::new(session);
    let written = match who {
        Who::One(_) => write(
            out,
            &statement::render(&explainer, employees[0], lang, format),
        ),
        Who::All => write_all(target, out, &explainer, format, lang),
    };
    if let Err(why) = written {
        say(&mut std::io::stderr().lock(), format_args!("error: {why}"));
        return Done::Invalid;
    }
    say(
        &mut std::io::stdout().lock(),
        format_args!(
            "wrote {} statement{} ({}, {}) to {}",
            employees.len(),
            if employees.len() == 1 { "" } else { "s" },
            lang,
            format.extension(),
            out.display()
        ),
    );
    exit_without_freeing(opened);
    Done::Success
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    atomic::remove_leftovers(path);
    atomic::write(path, text.as_bytes())
        .map_err(|err| format!("{}: cannot write the statement: {err}", path.display()))
}

/// Every employee's statement into the folder `out` (made owner-only when
/// calibra creates it). Each file is checked like an export's before any
/// is written.
fn write_all(
    target: &Target,
    out: &Path,
    explainer: &Explainer<'_>,
    format: Format,
    lang: Lang,
) -> Result<(), String> {
    let session = explainer.session();
    let input = &session.input;
    if !out.exists() {
        create_private_dir(out)
            .map_err(|err| format!("{}: cannot create the folder: {err}", out.display()))?;
    }
    let names = statement::file_names(input.employees.iter().map(|e| e.id.as_str()));
    let paths: Vec<_> = names
        .iter()
        .map(|name| out.join(format!("{name}.{}", format.extension())))
        .collect();
    for path in &paths {
        refuse_out(target, path)?;
    }
    for (e, path) in paths.iter().enumerate() {
        write(path, &statement::render(explainer, e, lang, format))?;
    }
    Ok(())
}

fn create_private_dir(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}
