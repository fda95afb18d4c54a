//! Generates a synthetic input folder of any size (see `calibra_synth`, crates/synth):
//!
//! ```sh
//! cargo run --release --example generate -- --employees 1000000 --out /tmp/acme-1m [--seed 2026] [--missing-share 0.02]
//! ```

use std::path::PathBuf;
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
        ..Spec::new(args.employees, args.seed)
    };
    match synth::write(&spec, &args.out) {
        Ok(summary) => {
            println!(
                "wrote {summary} to {} in {:.2} s (seed {})",
                args.out.display(),
                start.elapsed().as_secs_f64(),
                args.seed
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("generate: {}: {err}", args.out.display());
            ExitCode::FAILURE
        }
    }
}
