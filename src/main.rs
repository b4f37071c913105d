//! The `charter` command: everything it does is in the library (`cli`).

use std::process::ExitCode;

fn main() -> ExitCode {
    charter::cli::main()
}
