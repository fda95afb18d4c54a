//! Generates a synthetic input folder of any size (see `calibra_synth`, crates/synth):
//!
//! ```sh
//! cargo run --release --example generate -- --employees 1000000 --out /tmp/acme-1m [--seed 2026]
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
}

fn main() -> ExitCode {
    let args = Args::parse();
    let start = Instant::now();
    let spec = Spec {
        employees: args.employees,
        seed: args.seed,
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
