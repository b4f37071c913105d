//! The `charter` command: everything it does is in the library (`cli`).

use std::process::ExitCode;

/// mimalloc instead of the system allocator: a build makes and frees many
/// small strings on every thread, where glibc's malloc spent a sixth of
/// the instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    charter::cli::main()
}
