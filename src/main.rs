//! The `frise` executable: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser as _;

// Loading a large corpus makes millions of small allocations (titles, ids, passages);
// mimalloc handles them markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use frise::cli::{self, Cli, Command};

fn main() -> ExitCode {
    small_pages_only();
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

/// Turns transparent huge pages off for this process.
///
/// With huge pages, every first touch of a region has the kernel find (compacting memory
/// if need be) and zero two whole megabytes, even for a few small allocations. Profiles of
/// `frise export` showed most of its system time there, and half its peak memory.
/// mimalloc is built without its request for huge pages (its `no_thp` feature: the
/// request, made before `main` on the region it reserves, outlived this call); this call
/// covers systems that give huge pages unasked.
#[cfg(target_os = "linux")]
fn small_pages_only() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and changes no memory of ours; it
    // only sets a flag the kernel reads at page faults. A failure leaves huge pages on.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn small_pages_only() {}
