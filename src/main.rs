use std::process::ExitCode;

fn main() -> ExitCode {
    calibra::cli::main()
}
