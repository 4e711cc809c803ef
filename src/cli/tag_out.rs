//! `frise tag PATH… --out DIR [--jsonl]`: raw articles written as native articles with
//! their suggested events (`"suggested": true`), for pipelines that prepare a corpus in
//! bulk and for review in the window.
//!
//! Each run reads its files and writes its own output, one article a record, so a large
//! collection is split into partitions and each partition given to its own `frise tag`
//! (a process pool, or a Spark `pipe`): see the README.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::formats::{self, LoadOptions, Progress, native, raw};
use crate::model::{ArticleIx, CorpusBuilder, Document, Edtf};
use crate::suggest::{self, EntityMatcher};
use crate::temporal::Language;

/// Runs `--out`; returns the exit code (1 when an input could not be read).
pub fn write(
    files: &[PathBuf],
    lang: Option<Language>,
    dct: Option<&str>,
    out_path: &Path,
    jsonl: bool,
    _out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let mut status = 0;
    let mut raw_docs: Vec<Document> = Vec::new();
    let mut others: Vec<Document> = Vec::new();
    let published = match dct.map(Edtf::parse) {
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            writeln!(err, "error: --dct: {e}").ok();
            return super::EXIT_USAGE;
        }
        None => None,
    };
    for path in files {
        let (docs, diags) = formats::read_file(path, &LoadOptions::default(), &Progress::default());
        for d in &diags {
            writeln!(err, "{d}").ok();
            if d.severity == crate::model::Severity::Error {
                status = super::EXIT_INPUT;
            }
        }
        for mut doc in docs {
            let is_raw = raw::is_raw(&doc.article.path) || doc.events.is_empty();
            if !is_raw {
                others.push(doc);
                continue;
            }
            if let Some(p) = published {
                doc.article.published = Some(p);
            }
            if let Some(l) = lang {
                doc.article.language = l.code().to_owned();
            }
            raw_docs.push(doc);
        }
    }
    // The people and places of the annotated articles given alongside are known names.
    let known = EntityMatcher::new(others.iter().flat_map(|d| &d.entities));
    let notes: Vec<Vec<crate::model::Diagnostic>> = raw_docs
        .par_iter_mut()
        .map(|doc| suggest::suggest_document(doc, &known))
        .collect();
    for d in notes.iter().flatten() {
        writeln!(err, "{d}").ok();
    }
    if raw_docs.is_empty() {
        writeln!(
            err,
            "error: no raw article (.txt, .md, .html) among the paths"
        )
        .ok();
        return super::EXIT_INPUT.max(status);
    }
    let mut builder = CorpusBuilder::new();
    let count = raw_docs.len();
    for doc in raw_docs {
        builder.add(doc);
    }
    let corpus = builder.finish();
    let records = (0..count as u32).map(ArticleIx).filter_map(|a| {
        let value = native::write_document(&corpus, a)?;
        Some((
            corpus.article(a).map(|x| x.id.clone()).unwrap_or_default(),
            value,
        ))
    });
    let result = if jsonl {
        let file = if out_path.extension().is_some_and(|e| e == "jsonl") {
            out_path.to_path_buf()
        } else {
            out_path.join("articles.jsonl")
        };
        let mut text = String::new();
        for (_, value) in records {
            text.push_str(&value.to_string());
            text.push('\n');
        }
        ensure_dir(file.parent()).and_then(|()| {
            formats::write_atomic(&file, text.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", file.display()))
        })
    } else {
        ensure_dir(Some(out_path)).and_then(|()| {
            let mut names: HashSet<String> = HashSet::new();
            for (id, value) in records {
                let name = unique_name(&mut names, &id);
                let file = out_path.join(name);
                let text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
                formats::write_atomic(&file, format!("{text}\n").as_bytes())
                    .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            }
            Ok(())
        })
    };
    match result {
        Ok(()) => status,
        Err(e) => {
            writeln!(err, "error: {e}").ok();
            super::EXIT_USAGE
        }
    }
}

fn ensure_dir(dir: Option<&Path>) -> Result<(), String> {
    match dir {
        Some(d) if !d.as_os_str().is_empty() => {
            std::fs::create_dir_all(d).map_err(|e| format!("cannot create {}: {e}", d.display()))
        }
        _ => Ok(()),
    }
}

/// `ID.json`, numbered when two articles have one id.
fn unique_name(names: &mut HashSet<String>, id: &str) -> String {
    let base = if id.is_empty() { "article" } else { id };
    let mut name = format!("{base}.json");
    let mut n = 2;
    while names.contains(&name) {
        name = format!("{base}-{n}.json");
        n += 1;
    }
    names.insert(name.clone());
    name
}
