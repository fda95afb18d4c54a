use std::process::ExitCode;

use clap::Parser;

use calibra::cli::{self, Cli, Done};
use calibra::i18n::Lang;
use calibra::tui::{self, Ended, theme::ThemeName};

/// Exit codes (contract section 3): 0 success, 1 invalid input or
/// decisions, 2 wrong usage (clap exits with it itself for bad arguments).
const EXIT_INVALID: u8 = 1;
const EXIT_USAGE: u8 = 2;
/// 128 + SIGHUP, as the signal watcher ends a hung-up screen.
const EXIT_HUNG_UP: u8 = 129;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    match cli.command {
        Some(command) => match cli::run(command, lang) {
            Done::Success => ExitCode::SUCCESS,
            Done::Invalid => ExitCode::from(EXIT_INVALID),
            Done::Usage => ExitCode::from(EXIT_USAGE),
        },
        None => {
            let options = tui::Options {
                dir: cli.dir,
                session: cli.session,
                theme: match cli.theme {
                    cli::Theme::Dark => ThemeName::Dark,
                    cli::Theme::Light => ThemeName::Light,
                },
                read_only: cli.read_only,
                previous: cli.previous,
                lang,
            };
            match tui::run(&options) {
                Ended::Quit => ExitCode::SUCCESS,
                Ended::Invalid => ExitCode::from(EXIT_INVALID),
                Ended::Failed => ExitCode::FAILURE,
                Ended::HungUp => ExitCode::from(EXIT_HUNG_UP),
            }
        }
    }
}
