//! The headless command line (contract section 3): `check`, `stats`,
//! `export`, and opening the TUI.

mod changes;
mod report;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::engine::atomic;
use crate::engine::decision::SessionFile;
use crate::engine::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::engine::export;
use crate::engine::load::{self, InputFiles};
use crate::engine::session::Session;
use crate::engine::source::SourceFile;
use crate::tui;
use crate::tui::theme::ThemeName;

/// Exit code for invalid input or decisions (and the warnings `--strict` fails on).
pub const EXIT_INVALID: u8 = 1;

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
    #[arg(long, value_enum, default_value_t = ThemeName::Dark)]
    pub theme: ThemeName,
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
        /// programs open Chinese text correctly (a usage error with --format json).
        #[arg(long)]
        bom: bool,
    },
}

#[derive(Debug, Args)]
pub struct Target {
    /// Input folder: policy.json, org.json, submissions/.
    pub dir: PathBuf,
    /// Decisions file to replay.
    #[arg(long, value_name = "FILE")]
    pub session: Option<PathBuf>,
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
}

/// Parses the arguments and runs; usage errors exit 2 through clap.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check(target)) => check(&target),
        Some(Command::Stats { target, format }) => stats(&target, format),
        Some(Command::Export {
            target,
            out,
            format,
            strict,
            bom,
        }) => {
            if bom && format == ExportFormat::Json {
                // JSON is read by programs, which a byte-order mark can confuse.
                let mut cli = Cli::command();
                cli.build();
                let mut command = cli.find_subcommand("export").cloned().unwrap_or(cli);
                command
                    .error(
                        clap::error::ErrorKind::ArgumentConflict,
                        "--bom is for CSV only (JSON has no byte-order mark); drop --bom or use --format csv",
                    )
                    .exit();
            }
            export(&target, &out, format, strict, bom)
        }
        None => tui::run(&tui::Options {
            dir: cli.dir,
            session: cli.session,
            theme: cli.theme,
        }),
    }
}

/// A loaded, replayed session and the warnings met on the way.
pub struct Opened {
    pub session: Session,
    pub load_warnings: Vec<Diagnostic>,
}

/// Reads the input files and, if given, the decisions file; every error of
/// both is reported together.
pub fn open(files: InputFiles, session_file: Option<&SourceFile>) -> Result<Opened, Diagnostics> {
    let loaded = load::load(&files);
    // The files' text is the largest thing in memory: free it before the
    // calibration is computed.
    drop(files);
    let parsed = session_file.map(SessionFile::parse).transpose();
    match (loaded, parsed) {
        (Ok(loaded), Ok(file)) => {
            let file = file.unwrap_or_default();
            let session = Session::replay(loaded.input, &file)?;
            Ok(Opened {
                session,
                load_warnings: loaded.warnings,
            })
        }
        (loaded, parsed) => {
            let mut errors = loaded.err().unwrap_or_default();
            if let Err(more) = parsed {
                errors.0.extend(more.0);
            }
            Err(errors)
        }
    }
}

/// Reads a decisions file from disk.
pub fn read_session_file(path: &Path) -> Result<SourceFile, Diagnostics> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|err| {
        Diagnostics(vec![Diagnostic::error(
            Location::file(name.clone()),
            format!("cannot read the decisions file: {err}"),
        )])
    })?;
    SourceFile::from_bytes(name, bytes).map_err(|d| Diagnostics(vec![d]))
}

fn open_target(target: &Target) -> Result<Opened, Diagnostics> {
    let files = load::read_folder(&target.dir);
    let session_file = target.session.as_deref().map(read_session_file).transpose();
    match session_file {
        Ok(session_file) => open(files, session_file.as_ref()),
        Err(session_errors) => {
            // Still report what is wrong with the folder itself.
            let mut errors = load::load(&files).err().unwrap_or_default();
            errors.0.extend(session_errors.0);
            Err(errors)
        }
    }
}

fn print_errors(errors: &Diagnostics) {
    let mut stderr = std::io::stderr().lock();
    for error in &errors.0 {
        let _ = writeln!(stderr, "{error}");
    }
    let count = errors.error_count();
    let _ = writeln!(
        stderr,
        "calibra: {count} error{} found; nothing was written.",
        if count == 1 { "" } else { "s" }
    );
}

fn check(target: &Target) -> ExitCode {
    let opened = match open_target(target) {
        Ok(opened) => opened,
        Err(errors) => {
            let (session, dir) = (target.session.as_deref(), &target.dir);
            changes::print(&mut std::io::stderr(), session, dir, None);
            print_errors(&errors);
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let session = &opened.session;
    let mut warnings = opened.load_warnings.clone();
    warnings.extend(session.warnings());
    let mut out = BufWriter::new(std::io::stdout().lock());
    let (session_path, dir) = (target.session.as_deref(), &target.dir);
    changes::print(&mut out, session_path, dir, Some(&session.input));
    for warning in &warnings {
        let _ = writeln!(out, "{warning}");
    }
    let input = &session.input;
    let rated = (0..input.employees.len())
        .filter(|&e| input.is_rated(e))
        .count();
    let _ = writeln!(
        out,
        "ok: {} employees ({rated} rated), {} raters, {} ratings, {} departments in {} groups, {} decisions; 0 errors, {} warning{}",
        input.employees.len(),
        input.raters.len(),
        input.ratings.len(),
        input.departments.len(),
        input.groups.len(),
        session.decisions().len(),
        warnings.len(),
        if warnings.len() == 1 { "" } else { "s" }
    );
    let _ = out.flush();
    exit_without_freeing(opened);
    ExitCode::SUCCESS
}

/// The process is about to exit: skip freeing a million small allocations
/// one by one (a noticeable share of a large run); the OS takes the memory back.
fn exit_without_freeing<T>(value: T) {
    std::mem::forget(value);
}

fn stats(target: &Target, format: StatsFormat) -> ExitCode {
    let opened = match open_target(target) {
        Ok(opened) => opened,
        Err(errors) => {
            print_errors(&errors);
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let input = &opened.session.input;
    let (session, dir) = (target.session.as_deref(), &target.dir);
    changes::print(&mut std::io::stderr(), session, dir, Some(input));
    let text = match format {
        StatsFormat::Text => report::stats_text(&opened.session),
        StatsFormat::Json => report::stats_json(&opened.session),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    exit_without_freeing(opened);
    ExitCode::SUCCESS
}

fn export(target: &Target, out: &Path, format: ExportFormat, strict: bool, bom: bool) -> ExitCode {
    let opened = match open_target(target) {
        Ok(opened) => opened,
        Err(errors) => {
            print_errors(&errors);
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let session = &opened.session;
    let mut warnings = opened.load_warnings.clone();
    warnings.extend(session.warnings());
    let mut stderr = BufWriter::new(std::io::stderr().lock());
    let (session_path, dir) = (target.session.as_deref(), &target.dir);
    changes::print(&mut stderr, session_path, dir, Some(&session.input));
    for warning in &warnings {
        let _ = writeln!(stderr, "{warning}");
    }
    let failing = session.strict_failures();
    if strict && failing > 0 {
        let _ = writeln!(
            stderr,
            "calibra: --strict: {failing} warning(s) about unrated employees, quota violations or boundary ties; nothing was written."
        );
        return ExitCode::from(EXIT_INVALID);
    }
    let bytes = match format {
        ExportFormat::Csv if bom => export::to_csv_with_bom(session),
        ExportFormat::Csv => export::to_csv(session),
        ExportFormat::Json => export::to_json(session),
    };
    if let Err(err) = atomic::write(out, &bytes) {
        let _ = writeln!(
            stderr,
            "error: {}: cannot write the export: {err}; nothing was written.",
            out.display()
        );
        return ExitCode::from(EXIT_INVALID);
    }
    let _ = stderr.flush();
    println!(
        "wrote {} employees to {} ({} warning{})",
        session.input.employees.len(),
        out.display(),
        warnings.len(),
        if warnings.len() == 1 { "" } else { "s" }
    );
    exit_without_freeing(opened);
    ExitCode::SUCCESS
}
