//! The `kazaf` binary: parse the command line and hand over to the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    match kazaf::cli::parse() {
        Ok(cli) => kazaf::cli::run(cli),
        Err(e) => kazaf::cli::usage(&e),
    }
}
