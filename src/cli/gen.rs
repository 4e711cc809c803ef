//! `frise gen`: writes a synthetic corpus for benchmarks and stress tests.
//!
//! The articles come from [`crate::synthetic`]; this module streams them to disk:
//! a few at a time, generated in parallel, written in order, so a million events need no
//! more memory than a few hundred articles. Output goes only into a new or empty folder,
//! so an old corpus can never mix with the new one.

use std::fs;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::formats::write_atomic;
use crate::synthetic::{self, Generator, Params};

/// Write a synthetic corpus for benchmarks and stress tests.
///
/// Deterministic: the same arguments always write the same bytes.
#[derive(Debug, clap::Args)]
pub struct GenArgs {
    /// Events in the whole corpus (exactly).
    #[arg(long, value_name = "N")]
    pub events: u64,

    /// Articles in the corpus (at least 1); each has N/M events on average.
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u32).range(1..))]
    pub articles: u32,

    /// Seed of every random choice: the same arguments always write the same bytes.
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,

    /// Folder to write into; created if missing, and it must be empty.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Write one `corpus.jsonl` file (one article per line) instead of one `.json` file
    /// per article.
    #[arg(long)]
    pub jsonl: bool,
}

/// How the corpus is laid out on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One `.json` file per article, in subfolders of at most [`FILES_PER_FOLDER`] files.
    Files,
    /// One `corpus.jsonl` file, one article per line.
    Jsonl,
}

/// Articles per subfolder, so no folder gets too large to list comfortably.
pub const FILES_PER_FOLDER: u32 = 1000;

/// Name of the file written in [`Layout::Jsonl`].
pub const JSONL_NAME: &str = "corpus.jsonl";

/// What went wrong while writing a corpus, with the exit code it deserves.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// The output folder cannot be used (exit 2: the user must choose another).
    #[error("{0}")]
    Usage(String),
    /// Writing failed part-way (exit 1).
    #[error("{0}")]
    Io(String),
}

impl GenError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_) => super::EXIT_USAGE,
            Self::Io(_) => super::EXIT_INPUT,
        }
    }
}

/// What was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    /// Articles written.
    pub articles: u32,
    /// Events in those articles.
    pub events: u64,
    /// Size of what was written (the corpus files, not their folders).
    pub bytes: u64,
}

/// Where the article at `index` goes in [`Layout::Files`], relative to the output folder.
pub fn article_path(index: u32) -> PathBuf {
    Path::new(&format!("{:04}", index / FILES_PER_FOLDER))
        .join(format!("{}.json", synthetic::article_id(index)))
}

/// Runs `frise gen`; progress goes to `err` for large corpora. Returns the exit code.
pub fn run(args: &GenArgs, out: &mut dyn std::io::Write, err: &mut dyn std::io::Write) -> u8 {
    let params = match Params::new(args.seed, args.events, args.articles) {
        Ok(p) => p,
        Err(e) => {
            writeln!(err, "error: {e}").ok();
            return super::EXIT_USAGE;
        }
    };
    let layout = if args.jsonl {
        Layout::Jsonl
    } else {
        Layout::Files
    };
    let verbose = params.events >= 50_000 || params.articles >= 5_000;
    let mut next_tenth = 1;
    let mut report = |done: u32| {
        let tenth = u64::from(done) * 10 / u64::from(params.articles);
        if verbose && tenth >= next_tenth {
            writeln!(
                err,
                "frise gen: {}% ({done} of {} articles)",
                tenth * 10,
                params.articles
            )
            .ok();
            next_tenth = tenth + 1;
        }
    };
    match write_corpus(params, &args.out, layout, &mut report) {
        Ok(w) => {
            writeln!(
                out,
                "wrote {} articles, {} events ({:.1} MiB) to {}",
                w.articles,
                w.events,
                w.bytes as f64 / f64::from(1 << 20),
                args.out.display()
            )
            .ok();
            0
        }
        Err(e) => {
            writeln!(err, "error: {e}").ok();
            e.exit_code()
        }
    }
}

/// Generates the corpus of `params` into `dir` (which must be missing or empty), calling
/// `progress` with the number of articles written so far.
pub fn write_corpus(
    params: Params,
    dir: &Path,
    layout: Layout,
    progress: &mut dyn FnMut(u32),
) -> Result<Written, GenError> {
    prepare_dir(dir)?;
    let generator = Generator::new(params);
    // Chunks of at most about 200,000 events keep memory flat whatever the density.
    let per_article = params.events / u64::from(params.articles) + 1;
    // At least twenty chunks, so progress moves in steps of 5% or less.
    let chunk = (200_000 / per_article)
        .min(u64::from(params.articles.div_ceil(20)))
        .clamp(1, 512) as u32;
    let mut written = Written {
        articles: 0,
        events: 0,
        bytes: 0,
    };
    match layout {
        Layout::Files => {
            for first in (0..params.articles).step_by(chunk as usize) {
                let last = first.saturating_add(chunk).min(params.articles);
                let results: Result<Vec<(usize, u64)>, GenError> = (first..last)
                    .into_par_iter()
                    .map(|i| write_article_file(&generator, dir, i))
                    .collect();
                for (events, bytes) in results? {
                    written.events += events as u64;
                    written.bytes += bytes;
                }
                written.articles = last;
                progress(last);
            }
        }
        Layout::Jsonl => {
            let path = dir.join(JSONL_NAME);
            // Hidden while it is written: the loader skips dot files, so a crash never
            // leaves something that looks like a corpus.
            let tmp = dir.join(format!(".{JSONL_NAME}.{}.tmp", std::process::id()));
            let result =
                write_jsonl(&generator, &tmp, chunk, &mut written, progress).and_then(|()| {
                    fs::rename(&tmp, &path).map_err(|e| {
                        GenError::Io(format!(
                            "cannot rename {} to {}: {e}",
                            tmp.display(),
                            path.display()
                        ))
                    })
                });
            if result.is_err() {
                fs::remove_file(&tmp).ok();
            }
            result?;
        }
    }
    Ok(written)
}

fn write_jsonl(
    generator: &Generator,
    tmp: &Path,
    chunk: u32,
    written: &mut Written,
    progress: &mut dyn FnMut(u32),
) -> Result<(), GenError> {
    let io = |e: std::io::Error| GenError::Io(format!("cannot write {}: {e}", tmp.display()));
    let file = fs::File::create(tmp).map_err(io)?;
    let mut file = BufWriter::with_capacity(1 << 20, file);
    let articles = generator.params().articles;
    for first in (0..articles).step_by(chunk as usize) {
        let last = first.saturating_add(chunk).min(articles);
        let lines: Result<Vec<(usize, Vec<u8>)>, serde_json::Error> = (first..last)
            .into_par_iter()
            .filter_map(|i| generator.article(i))
            .map(|a| {
                let mut line = serde_json::to_vec(&a)?;
                line.push(b'\n');
                Ok((a.event_count(), line))
            })
            .collect();
        for (events, line) in lines.map_err(|e| io(e.into()))? {
            file.write_all(&line).map_err(io)?;
            written.events += events as u64;
            written.bytes += line.len() as u64;
        }
        written.articles = last;
        progress(last);
    }
    let file = file.into_inner().map_err(|e| io(e.into_error()))?;
    file.sync_all().map_err(io)
}

fn write_article_file(
    generator: &Generator,
    dir: &Path,
    index: u32,
) -> Result<(usize, u64), GenError> {
    let Some(article) = generator.article(index) else {
        return Ok((0, 0));
    };
    let path = dir.join(article_path(index));
    let io = |e: std::io::Error| GenError::Io(format!("cannot write {}: {e}", path.display()));
    let bytes = serde_json::to_vec(&article).map_err(|e| io(e.into()))?;
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder).map_err(io)?;
    }
    write_atomic(&path, &bytes).map_err(io)?;
    Ok((article.event_count(), bytes.len() as u64))
}

/// Creates `dir` if needed and checks that it is an empty, writable folder.
fn prepare_dir(dir: &Path) -> Result<(), GenError> {
    let shown = dir.display();
    match fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => {
            return Err(GenError::Usage(format!(
                "--out {shown} is a file; give a folder (it is created if missing)"
            )));
        }
        Ok(_) => {
            let mut entries = fs::read_dir(dir)
                .map_err(|e| GenError::Usage(format!("cannot read the folder {shown}: {e}")))?;
            if entries.next().is_some() {
                return Err(GenError::Usage(format!(
                    "--out {shown} is not empty; give a new or empty folder, so that no old file mixes with the generated corpus"
                )));
            }
        }
        Err(_) => {
            fs::create_dir_all(dir)
                .map_err(|e| GenError::Usage(format!("cannot create the folder {shown}: {e}")))?;
        }
    }
    // Find out now, not after minutes of work, whether the folder takes files.
    let probe = dir.join(format!(".frise-gen-probe.{}", std::process::id()));
    fs::write(&probe, b"")
        .map_err(|e| GenError::Usage(format!("cannot write into the folder {shown}: {e}")))?;
    fs::remove_file(&probe).ok();
    Ok(())
}
