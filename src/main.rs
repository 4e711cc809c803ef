//! The `frise` executable: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser as _;
use frise::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { cli::EXIT_USAGE } else { 0 };
            e.print().ok();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Some(Command::Check(args)) => {
            ExitCode::from(cli::check::run(&args, &mut std::io::stdout().lock()))
        }
        Some(Command::Gen(args)) => ExitCode::from(cli::r#gen::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )),
        None => {
            eprintln!("the window is not available in this build; use `frise check PATH…`");
            ExitCode::from(cli::EXIT_USAGE)
        }
    }
}
