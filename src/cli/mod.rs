//! The headless command line (contract section 3): `check`, `stats`,
//! `export`, each opening its session through [`crate::workspace`] like the
//! live screen does. `main` turns what they return into exit codes.

mod report;
mod review;
mod statement;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::engine::atomic;
use crate::engine::diagnostic::{Diagnostic, Diagnostics};
use crate::engine::export;
use crate::engine::session::Session;
use crate::engine::template;
use crate::engine::warnings;
use crate::i18n::{Lang, Report, fill, plural, t};
use crate::text;
use crate::workspace::{self, Access, OpenError, Opened, Request, SessionChoice, clock, output};

/// How many ids each kind of input change names.
const FIRST_IDS: usize = 10;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Success,
    /// Invalid input or decisions, a `--strict` warning, or an export that
    /// could not be written.
    Invalid,
    /// Wrong usage: an output path calibra must not write.
    Usage,
}

#[derive(Debug, Parser)]
#[command(
    name = "calibra",
    version,
    about = "Calibrate performance ratings: correct rater scales, apply department-graded quotas, keep the record.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Input folder to open in the TUI (the built-in demo when omitted).
    pub dir: Option<PathBuf>,
    /// Decisions file to replay and append to (default: one per input
    /// folder under the data directory; CALIBRA_DATA_DIR overrides it).
    #[arg(long, value_name = "FILE")]
    pub session: Option<PathBuf>,
    /// Colours of the TUI: dark, or light for bright projector rooms.
    #[arg(long, value_enum, default_value_t = Theme::Dark)]
    pub theme: Theme,
    /// Look at a session without deciding: nothing is locked or saved (for
    /// a session another screen has open).
    #[arg(long)]
    pub read_only: bool,
    /// The previous cycle's export (CSV or JSON) for the live screen: its
    /// grades beside this cycle's (contract 6.6).
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// Language: zh-Hant, zh-Hans or en (default: from LC_ALL,
    /// LC_MESSAGES or LANG). Statements are written in it.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<Lang>,
}

/// `--theme`, as the command line spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Theme {
    Dark,
    Light,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate an input folder (and decisions); print every error and warning.
    Check(Target),
    /// Print per-rater statistics: bias, spread, implied and allowed grade mix.
    Stats {
        #[command(flatten)]
        target: Target,
        #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
        format: StatsFormat,
        /// Attribute review (contract 6.8): compare grades by the values of
        /// this org.json attribute, before and after the session.
        #[arg(long, value_name = "ATTR")]
        by: Option<String>,
        /// Name up to N cross-ratings that would join the unlinked parts of
        /// the rater–employee graph to its largest part (README: stats).
        #[arg(long, value_name = "N")]
        link_advice: Option<usize>,
    },
    /// Run the whole calibration and write the final grades.
    Export {
        #[command(flatten)]
        target: Target,
        /// File to write (replaced atomically; created readable by you only).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Fail (exit 1, write nothing) on unrated employees, quota
        /// violations and boundary ties; other warnings are only printed.
        #[arg(long)]
        strict: bool,
        /// CSV only: write a UTF-8 byte-order mark first, so that spreadsheet
        /// programs open Chinese text correctly (a usage error with --format
        /// json or xlsx).
        #[arg(long)]
        bom: bool,
    },
    /// Write each employee's own statement: their ratings, corrections,
    /// scores, rank, seats and grade, and why (contract 6.9).
    Statement {
        #[command(flatten)]
        target: Target,
        /// The employee to write the statement of.
        #[arg(
            long,
            value_name = "ID",
            required_unless_present = "all",
            conflicts_with = "all"
        )]
        employee: Option<String>,
        /// Every employee: one file each in the folder --out, named by id.
        #[arg(long)]
        all: bool,
        /// The file (with --employee) or the folder (with --all) to write;
        /// files are replaced atomically and readable by you only.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        #[arg(long, value_enum, default_value_t = StatementFormat::Md)]
        format: StatementFormat,
    },
    /// Write one submission file per manager named in org.json, their
    /// people pre-filled and the score left empty, for HR to send out.
    Template {
        /// Input folder: policy.json, org.json, submissions/.
        dir: PathBuf,
        /// Folder to write the templates into (created if missing; never
        /// inside DIR; existing files are never replaced).
        #[arg(long, value_name = "FOLDER")]
        out: PathBuf,
        #[arg(long, value_enum, default_value_t = TemplateFormat::Xlsx)]
        format: TemplateFormat,
    },
}

/// `statement --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatementFormat {
    Md,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    Xlsx,
    Csv,
}

#[derive(Debug, Args)]
pub struct Target {
    /// Input folder: policy.json, org.json, submissions/.
    pub dir: PathBuf,
    /// Decisions file to replay; `last`: the session the live screen saved
    /// for DIR (a file named last is ./last).
    #[arg(long, value_name = "FILE")]
    pub session: Option<PathBuf>,
    /// The previous cycle's export (CSV or JSON, as calibra wrote it):
    /// adds previous_grade and the big_mover flag, and the raters' track
    /// records to stats (contract 6.6).
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    /// A workbook: sheets grades, groups and decisions (contract 6.4).
    Xlsx,
}

/// Runs a command in `lang`. Usage errors exit 2 through clap.
pub fn run(command: Command, lang: Lang) -> Done {
    match command {
        Command::Check(target) => check(&target, lang),
        Command::Stats {
            target,
            format,
            by,
            link_advice,
        } => stats(&target, format, by.as_deref(), link_advice, lang),
        Command::Export {
            target,
            out,
            format,
            strict,
            bom,
        } => {
            if bom && format != ExportFormat::Csv {
                // JSON is read by programs, which a byte-order mark can
                // confuse; a workbook is no text file at all.
                let what = match format {
                    ExportFormat::Xlsx => "a workbook is not text",
                    _ => "JSON has no byte-order mark",
                };
                let mut cli = Cli::command();
                cli.build();
                let mut command = cli.find_subcommand("export").cloned().unwrap_or(cli);
                command
                    .error(
                        clap::error::ErrorKind::ArgumentConflict,
                        format!("--bom is for CSV only ({what}); drop --bom or use --format csv"),
                    )
                    .exit();
            }
            export(&target, &out, format, strict, bom, lang)
        }
        Command::Statement {
            target,
            employee,
            all,
            out,
            format,
        } => {
            let format = match format {
                StatementFormat::Md => crate::statement::Format::Markdown,
                StatementFormat::Html => crate::statement::Format::Html,
            };
            let who = match (employee, all) {
                (Some(id), _) => statement::Who::One(id),
                (None, _) => statement::Who::All,
            };
            statement::run(&target, &who, &out, format, lang)
        }
        Command::Template { dir, out, format } => template(&dir, &out, format, lang),
    }
}

/// A replayed session and the warnings met on the way.
struct Replayed {
    session: Session,
    load_warnings: Vec<Diagnostic>,
    /// What changed in the input since the session began (`note:` lines).
    notes: Vec<String>,
}

/// Opens the target through the workspace (reading only), says on stderr
/// what changed in the input and how many decisions apply, and replays.
fn open_target(target: &Target, lang: Lang) -> Result<Replayed, Done> {
    let request = Request {
        dir: Some(target.dir.clone()),
        session: SessionChoice::from_arg(target.session.clone()),
        access: Access::Read,
        now: clock::now_rfc3339(),
        previous: target.previous.clone(),
    };
    let opened = match workspace::open(&request) {
        Ok(opened) => opened,
        Err(err) => {
            print_open_error(&err, lang);
            return Err(Done::Invalid);
        }
    };
    let mut stderr = std::io::stderr().lock();
    let notes = opened.change_notes(FIRST_IDS, lang);
    say(&mut stderr, format_args!("{}", applied_note(&opened, lang)));
    if !opened.unconfirmed.is_empty() {
        for line in &notes {
            say(&mut stderr, format_args!("{line}"));
        }
        for d in &opened.unconfirmed {
            let line = fill(
                lang,
                Report::DiagnosticIn,
                &[
                    ("tag", t(lang, Report::TagError)),
                    ("location", &d.location.to_string()),
                    ("message", &d.why.text(lang)),
                ],
            );
            say(&mut stderr, format_args!("{line}"));
        }
        let n = opened.unconfirmed.len().to_string();
        say(
            &mut stderr,
            format_args!("{}", fill(lang, Report::Unconfirmed, &[("n", &n)])),
        );
        return Err(Done::Invalid);
    }
    drop(stderr);
    match opened.replay() {
        Ok((session, load_warnings)) => Ok(Replayed {
            session,
            load_warnings,
            notes,
        }),
        Err(errors) => {
            for line in &notes {
                say(&mut std::io::stderr().lock(), format_args!("{line}"));
            }
            print_errors(&errors, lang);
            Err(Done::Invalid)
        }
    }
}

/// How many decisions apply (contract 6.1), and the live screen's saved
/// session when it is not the one applied.
fn applied_note(opened: &Opened, lang: Lang) -> String {
    let decisions = |n| plural(lang, n, Report::DecisionsOne, Report::DecisionsMany);
    let count = decisions(opened.file.decisions.len());
    let mut note = match &opened.session_path {
        Some(path) => fill(
            lang,
            Report::AppliedFrom,
            &[("count", &count), ("path", &path.display().to_string())],
        ),
        None => fill(lang, Report::AppliedNone, &[("count", &count)]),
    };
    if let Some(saved) = &opened.unused_saved {
        note.push_str(&fill(
            lang,
            Report::SavedNotApplied,
            &[
                ("path", &saved.path.display().to_string()),
                ("count", &decisions(saved.decisions)),
            ],
        ));
    }
    note
}

/// Every warning about the session in `lang`: what loading met, then the
/// calibration's own.
fn warnings_in(opened: &Replayed, lang: Lang) -> Vec<Diagnostic> {
    let session = &opened.session;
    let (input, state, results) = (&session.input, session.state(), session.results());
    let mut warnings = opened.load_warnings.clone();
    warnings.extend(
        warnings::list(input, &session.baseline, state, results)
            .iter()
            .map(|w| warnings::describe_in(w, input, state, results, lang)),
    );
    warnings
}

/// "1 warning", "2 warnings".
fn warning_count(lang: Lang, n: usize) -> String {
    plural(lang, n, Report::WarningsOne, Report::WarningsMany)
}

/// Writes one line for a terminal, every text from input in it made safe
/// (control characters, line breaks, bidi controls, invisibles shown
/// escaped), so no value can forge a line of its own: the one way the
/// command line prints.
fn say(out: &mut impl Write, text: std::fmt::Arguments<'_>) {
    let _ = writeln!(out, "{}", text::safe(&text.to_string()));
}

/// [`say`] for a message written in several lines on purpose.
fn say_lines(out: &mut impl Write, text: std::fmt::Arguments<'_>) {
    let _ = writeln!(out, "{}", text::safe_lines(&text.to_string()));
}

fn print_open_error(err: &OpenError, lang: Lang) {
    match err {
        OpenError::Invalid(errors) => print_errors(errors, lang),
        other => {
            let mut stderr = std::io::stderr().lock();
            say_lines(&mut stderr, format_args!("{}", other.display_in(lang)));
            say(
                &mut stderr,
                format_args!("{}", t(lang, Report::NothingWritten)),
            );
        }
    }
}

fn print_errors(errors: &Diagnostics, lang: Lang) {
    let mut stderr = std::io::stderr().lock();
    for error in &errors.0 {
        say(&mut stderr, format_args!("{}", error.display_in(lang)));
    }
    let count = errors.error_count();
    say(
        &mut stderr,
        format_args!(
            "{}",
            plural(lang, count, Report::ErrorsOne, Report::ErrorsMany)
        ),
    );
}

fn check(target: &Target, lang: Lang) -> Done {
    let opened = match open_target(target, lang) {
        Ok(opened) => opened,
        Err(done) => return done,
    };
    let session = &opened.session;
    let warnings = warnings_in(&opened, lang);
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in &opened.notes {
        say(&mut out, format_args!("{line}"));
    }
    for warning in &warnings {
        say(&mut out, format_args!("{}", warning.display_in(lang)));
    }
    let input = &session.input;
    let rated = (0..input.employees.len())
        .filter(|&e| input.is_rated(e))
        .count();
    let summary = fill(
        lang,
        Report::CheckOk,
        &[
            ("employees", &input.employees.len().to_string()),
            ("rated", &rated.to_string()),
            ("raters", &input.raters.len().to_string()),
            ("ratings", &input.ratings.len().to_string()),
            ("departments", &input.departments.len().to_string()),
            ("groups", &input.groups.len().to_string()),
            ("decisions", &session.decisions().len().to_string()),
            ("warnings", &warning_count(lang, warnings.len())),
        ],
    );
    say(&mut out, format_args!("{summary}"));
    let _ = out.flush();
    exit_without_freeing(opened);
    Done::Success
}

/// The process is about to exit: skip freeing a million small allocations
/// one by one (a noticeable share of a large run); the OS takes the memory back.
fn exit_without_freeing<T>(value: T) {
    std::mem::forget(value);
}

fn stats(
    target: &Target,
    format: StatsFormat,
    by: Option<&str>,
    link_advice: Option<usize>,
    lang: Lang,
) -> Done {
    let opened = match open_target(target, lang) {
        Ok(opened) => opened,
        Err(done) => return done,
    };
    for line in &opened.notes {
        say(&mut std::io::stderr().lock(), format_args!("{line}"));
    }
    let text = match (by, format) {
        (Some(attribute), format) => {
            let review = crate::engine::fairness::review(&opened.session, attribute);
            let policy = &opened.session.input.policy;
            match format {
                StatsFormat::Text => review::review_text(policy, &review, lang),
                StatsFormat::Json => review::review_json(policy, &review),
            }
        }
        (None, StatsFormat::Text) => report::stats_text(&opened.session, link_advice, lang),
        (None, StatsFormat::Json) => report::stats_json(&opened.session, link_advice),
    };
    let _ = std::io::stdout()
        .lock()
        .write_all(text::safe_lines(&text).as_bytes());
    exit_without_freeing(opened);
    Done::Success
}

/// Why calibra must not write `out` for `target`, if it must not: the
/// session (given, or the live screen's own), its companions, the input
/// folder, anything but a regular file.
fn refuse_out(target: &Target, out: &Path) -> Result<(), String> {
    let session_file = match SessionChoice::from_arg(target.session.clone()) {
        SessionChoice::File(path) => Some(path),
        SessionChoice::Saved => workspace::saved_session_path(Some(&target.dir)),
        SessionChoice::None => None,
    };
    // The live screen's session, given or not, is never a place to export to.
    let saved = workspace::saved_session_path(Some(&target.dir));
    for session in [session_file.as_deref(), saved.as_deref()] {
        output::refuse(out, Some(&target.dir), session)?;
    }
    Ok(())
}

fn export(
    target: &Target,
    out: &Path,
    format: ExportFormat,
    strict: bool,
    bom: bool,
    lang: Lang,
) -> Done {
    if let Err(why) = refuse_out(target, out) {
        say(
            &mut std::io::stderr().lock(),
            format_args!("{}", fill(lang, Report::OutRefused, &[("why", &why)])),
        );
        return Done::Usage;
    }
    let opened = match open_target(target, lang) {
        Ok(opened) => opened,
        Err(done) => return done,
    };
    let session = &opened.session;
    let warnings = warnings_in(&opened, lang);
    let mut stderr = BufWriter::new(std::io::stderr().lock());
    for line in &opened.notes {
        say(&mut stderr, format_args!("{line}"));
    }
    for warning in &warnings {
        say(&mut stderr, format_args!("{}", warning.display_in(lang)));
    }
    let failing = session.strict_failures();
    if strict && failing > 0 {
        let n = failing.to_string();
        say(
            &mut stderr,
            format_args!("{}", fill(lang, Report::StrictFails, &[("n", &n)])),
        );
        return Done::Invalid;
    }
    // Loading refused figures too large to split exactly; say so rather
    // than write a bonus column with holes, should that ever be wrong.
    if let Some(Err(why)) = crate::engine::bonus::allocate(session) {
        let why = why.to_string();
        say(
            &mut stderr,
            format_args!(
                "{}",
                fill(lang, Report::ErrorNothingWritten, &[("why", &why)])
            ),
        );
        return Done::Invalid;
    }
    // The CSV is written to the file as it is made (`None` here); the
    // other formats are made whole first.
    let made = match format {
        ExportFormat::Csv => None,
        ExportFormat::Json => Some(export::to_json(session)),
        ExportFormat::Xlsx => match export::to_xlsx(session) {
            Ok(bytes) => Some(bytes),
            Err(why) => {
                let (path, why) = (out.display().to_string(), why.to_string());
                let values = [("path", path.as_str()), ("why", why.as_str())];
                say(
                    &mut stderr,
                    format_args!("{}", fill(lang, Report::CannotMakeWorkbook, &values)),
                );
                return Done::Invalid;
            }
        },
    };
    // A killed export's temporary file, by its own name pattern only.
    atomic::remove_leftovers(out);
    let written = match &made {
        Some(bytes) => atomic::write(out, bytes),
        None => atomic::write_with(out, |file| {
            if bom {
                file.write_all(export::BOM)?;
            }
            export::write_csv(session, file)
        }),
    };
    if let Err(err) = written {
        let (path, why) = (out.display().to_string(), err.to_string());
        let values = [("path", path.as_str()), ("why", why.as_str())];
        say(
            &mut stderr,
            format_args!("{}", fill(lang, Report::CannotWriteExport, &values)),
        );
        return Done::Invalid;
    }
    let _ = stderr.flush();
    say(
        &mut std::io::stdout().lock(),
        format_args!(
            "{}",
            fill(
                lang,
                Report::Wrote,
                &[
                    ("employees", &session.input.employees.len().to_string()),
                    ("path", &out.display().to_string()),
                    ("warnings", &warning_count(lang, warnings.len())),
                ],
            )
        ),
    );
    exit_without_freeing(opened);
    Done::Success
}

fn template(dir: &Path, out: &Path, format: TemplateFormat, lang: Lang) -> Done {
    let mut stderr = std::io::stderr().lock();
    if let Err(why) = output::refuse_folder(out, dir) {
        say(
            &mut stderr,
            format_args!("{}", fill(lang, Report::OutRefused, &[("why", &why)])),
        );
        return Done::Usage;
    }
    let loaded = match crate::engine::load::load(crate::engine::load::read_folder(dir)) {
        Ok(loaded) => loaded,
        Err(errors) => {
            drop(stderr);
            print_errors(&errors, lang);
            return Done::Invalid;
        }
    };
    let input = &loaded.input;
    if input.managers.is_empty() {
        say(
            &mut stderr,
            format_args!(
                "{}",
                fill(lang, Report::NoManagers, &[("file", &input.org_file)])
            ),
        );
        return Done::Invalid;
    }
    let format = match format {
        TemplateFormat::Xlsx => template::Format::Xlsx,
        TemplateFormat::Csv => template::Format::Csv,
    };
    let templates = match template::templates(input, format) {
        Ok(templates) => templates,
        Err(why) => {
            say(
                &mut stderr,
                format_args!(
                    "{}",
                    fill(
                        lang,
                        Report::CannotMakeTemplate,
                        &[("why", &why.to_string())]
                    )
                ),
            );
            return Done::Invalid;
        }
    };
    let files: Vec<(&str, &[u8])> = templates
        .iter()
        .map(|t| (t.file_name.as_str(), t.bytes.as_slice()))
        .collect();
    let written = create_folder(out).and_then(|()| atomic::write_all_new(out, &files));
    if let Err(err) = written {
        say(
            &mut stderr,
            format_args!(
                "{}",
                fill(
                    lang,
                    Report::CannotWriteTemplates,
                    &[
                        ("path", &out.display().to_string()),
                        ("why", &err.to_string())
                    ],
                )
            ),
        );
        return Done::Invalid;
    }
    drop(stderr);
    let mut stdout = BufWriter::new(std::io::stdout().lock());
    for t in &templates {
        let manager = input.managers.word(t.manager);
        let name = crate::engine::managers::of(input, t.manager)
            .name(input)
            .map(|n| format!(" {n}"))
            .unwrap_or_default();
        say(
            &mut stdout,
            format_args!(
                "{}",
                fill(
                    lang,
                    Report::TemplateFor,
                    &[
                        ("path", &out.join(&t.file_name).display().to_string()),
                        ("manager", &format!("{manager}{name}")),
                        (
                            "people",
                            &plural(lang, t.people, Report::PeopleOne, Report::PeopleMany)
                        ),
                    ],
                )
            ),
        );
    }
    say(
        &mut stdout,
        format_args!(
            "{}",
            fill(
                lang,
                Report::WroteTemplates,
                &[
                    (
                        "templates",
                        &plural(
                            lang,
                            templates.len(),
                            Report::TemplatesOne,
                            Report::TemplatesMany
                        )
                    ),
                    ("path", &out.display().to_string()),
                    ("score", &template::score_note(&input.policy)),
                ],
            )
        ),
    );
    let _ = stdout.flush();
    Done::Success
}

/// Creates `path` (and the folders above it) if missing, readable by its
/// owner only, like the files calibra writes.
fn create_folder(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}
