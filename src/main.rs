use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    charter::cli::run(charter::cli::Cli::parse())
}
