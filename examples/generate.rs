//! Generates a synthetic input folder of any size (see `calibra_synth`, crates/synth):
//!
//! ```sh
//! cargo run --release --example generate -- --employees 1000000 --out /tmp/acme-1m [--seed 2026] [--missing-share 0.02]
//! cargo run --release --example generate -- --employees 10000 --out /tmp/linked --second-ratings 0.12 --truth /tmp/linked-truth.json
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use calibra_synth::{self as synth, Spec};

/// Write a realistic input folder (policy.json, org.json, submissions/).
#[derive(Debug, Parser)]
struct Args {
    /// How many employees.
    #[arg(long, default_value_t = 10_000)]
    employees: usize,
    /// The folder to create (its submissions/ must be empty or absent).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The same seed gives the same bytes.
    #[arg(long, default_value_t = synth::DEFAULT_SEED)]
    seed: u64,
    /// About this share of employees (0 to 1) lack their manager's rating,
    /// on top of the 2% whom nobody rated: some managers are behind.
    #[arg(long, default_value_t = 0.0, value_parser = share)]
    missing_share: f64,
    /// A linked folder: this share of employees (0 to 1) get a second
    /// rating by their department's head or another team's manager, and
    /// every rater has a known severity (see --truth).
    #[arg(long, value_parser = share, value_name = "SHARE")]
    second_ratings: Option<f64>,
    /// Where to write the linked folder's true severities and team
    /// abilities as JSON (outside the folder, which must not give them away).
    #[arg(long, value_name = "FILE", requires = "second_ratings")]
    truth: Option<PathBuf>,
}

/// A share from 0 to 1.
fn share(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(share) if (0.0..=1.0).contains(&share) => Ok(share),
        _ => Err(format!(
            "\"{text}\" is not a share from 0 to 1 (such as 0.02)"
        )),
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let start = Instant::now();
    let spec = Spec {
        missing_share: args.missing_share,
        second_ratings: args.second_ratings,
        ..Spec::new(args.employees, args.seed)
    };
    if let Some(truth) = &args.truth
        && inside(truth, &args.out)
    {
        eprintln!(
            "generate: {}: write the truth outside the input folder {}",
            truth.display(),
            args.out.display()
        );
        return ExitCode::FAILURE;
    }
    let (summary, truth) = match synth::write_with_truth(&spec, &args.out) {
        Ok(written) => written,
        Err(err) => {
            eprintln!("generate: {}: {err}", args.out.display());
            return ExitCode::FAILURE;
        }
    };
    println!(
        "wrote {summary} to {} in {:.2} s (seed {})",
        args.out.display(),
        start.elapsed().as_secs_f64(),
        args.seed
    );
    if let (Some(path), Some(truth)) = (&args.truth, truth) {
        let written = std::fs::File::create(path).and_then(|file| {
            let mut out = std::io::BufWriter::new(file);
            truth.write_json(&mut out)?;
            std::io::Write::flush(&mut out)
        });
        if let Err(err) = written {
            eprintln!("generate: {}: {err}", path.display());
            return ExitCode::FAILURE;
        }
        println!(
            "wrote the true severities of {} raters to {}",
            truth.raters.len(),
            path.display()
        );
    }
    ExitCode::SUCCESS
}

/// Whether `path` is `dir` or lies under it (both made absolute, not
/// resolved: neither need exist yet).
fn inside(path: &Path, dir: &Path) -> bool {
    match (std::path::absolute(path), std::path::absolute(dir)) {
        (Ok(path), Ok(dir)) => path.starts_with(dir),
        _ => false,
    }
}
