//! `frise check PATH…`: report every problem in the input, one line each.

use std::path::PathBuf;

use crate::formats::{self, LoadOptions, Progress};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files (.json, .jsonl, TimelineJS .json and .csv, TimeML .tml) and folders (read
    /// recursively) to check.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Runs the check, writing to `out`; returns the process exit code.
pub fn run(args: &CheckArgs, out: &mut dyn std::io::Write) -> u8 {
    let corpus = formats::load(&args.paths, &LoadOptions::default(), &Progress::default());
    for d in &corpus.diagnostics {
        writeln!(out, "{d}").ok();
    }
    let (errors, warnings) = (corpus.error_count(), corpus.warning_count());
    writeln!(
        out,
        "{} {}, {} {}, {} {}, {} {}",
        corpus.articles.len(),
        plural(corpus.articles.len(), "article", "articles"),
        corpus.events.len(),
        plural(corpus.events.len(), "event", "events"),
        errors,
        plural(errors, "error", "errors"),
        warnings,
        plural(warnings, "warning", "warnings"),
    )
    .ok();
    // The process ends now: handing a million events back to the allocator one by one
    // would take most of a second for nothing.
    std::mem::forget(corpus);
    if errors > 0 { super::EXIT_INPUT } else { 0 }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
