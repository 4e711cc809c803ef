//! The command line: `frise [PATH…]` opens the window, `frise check` validates input,
//! `frise export` writes images and data, `frise gen` writes a synthetic corpus, `frise tag`
//! finds the dates in raw texts.
//!
//! Exit codes are a contract: 0 success, 1 problems in the input, 2 usage error.

pub mod check;
pub mod export;
pub mod r#gen;
pub mod tag;
pub mod tag_out;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// frise: a timeline of what articles say happened, each event linked to its source passage.
///
/// With no command, opens the window on the given files and folders, or on the bundled
/// seed articles when none are given.
#[derive(Debug, Parser)]
#[command(name = "frise", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Files (.json, .jsonl, TimelineJS .json/.csv, TimeML .tml) or folders (read
    /// recursively) to open.
    pub paths: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
// Parsed once per run: boxing the larger variants would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Read files and folders and report every problem, one per line.
    ///
    /// Prints `PATH[:LINE:COL]: error|warning: message` for each problem, then a summary
    /// line. Exits 1 if there is any error, 0 otherwise.
    Check(check::CheckArgs),

    /// Export the timeline as an image (.png, .svg) or its data (.csv, .json for
    /// TimelineJS3), without a window.
    ///
    /// The format comes from the extension of --out. Images show the timeline with a
    /// legend and numbered sources. Exits 1 if the input has problems, 2 on a usage error
    /// (including an output that cannot be written).
    Export(export::ExportArgs),
    /// Write a synthetic corpus for benchmarks and stress tests.
    ///
    /// Deterministic: the same arguments always write the same bytes.
    Gen(r#gen::GenArgs),
    /// Find the dates in raw texts (French, English): one JSON line per text, with
    /// code-point spans, TIMEX3 type and value, and the EDTF date frise places.
    ///
    /// With --eval, score the tagger on TimeML files with gold TIMEX3 instead.
    Tag(tag::TagArgs),
}

/// Exit status for problems in the input.
pub const EXIT_INPUT: u8 = 1;
/// Exit status for a usage error (bad arguments).
pub const EXIT_USAGE: u8 = 2;
