//! The `sitegen` binary: parses the command line ([`cmd`]), calls the library, prints its
//! reports ([`report`]) and sets the exit code.

use std::process::ExitCode;

use clap::Parser;
use mimalloc::MiMalloc;

mod cmd;
mod report;

/// mimalloc instead of glibc's malloc: rendering and Pagefind's indexing allocate and free many
/// small strings from several threads, where glibc's arenas contend (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: MiMalloc = MiMalloc;

fn main() -> ExitCode {
    cmd::run(cmd::Cli::parse())
}
