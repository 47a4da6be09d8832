//! The `kazaf` binary: parse the command line and hand over to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    kazaf::cli::run(kazaf::cli::Cli::parse())
}
