//! The `frise` executable: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser as _;

// Loading a large corpus makes millions of small allocations (titles, ids, passages);
// mimalloc handles them markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
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
        Some(Command::Export(args)) => {
            ExitCode::from(cli::export::run(&args, &mut std::io::stderr().lock()))
        }
        Some(Command::Gen(args)) => ExitCode::from(cli::r#gen::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )),
        Some(Command::Tag(args)) => ExitCode::from(cli::tag::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )),
        None => match frise::ui::run(cli.paths) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("frise: cannot open the window: {e}");
                eprintln!("(`frise check` and `frise export` work without a display)");
                ExitCode::from(cli::EXIT_INPUT)
            }
        },
    }
}
