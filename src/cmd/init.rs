//! `sitegen init DIR`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::report::print_created;

#[derive(Args)]
pub struct InitArgs {
    /// Folder to create; it may exist only if it is empty.
    dir: PathBuf,
}

pub fn run(args: InitArgs) -> ExitCode {
    let code = print_created(sitegen::init(&args.dir));
    if code == ExitCode::SUCCESS {
        eprintln!(
            "preview it with `sitegen watch --root {}`, build it with `sitegen build --root {0}`",
            args.dir.display()
        );
    }
    code
}
