//! Saving edited articles without losing anything.
//!
//! Native files are rewritten in place, atomically ([`super::write_atomic`]: a temporary
//! file, synced, then renamed), with their unknown fields; a `.jsonl` corpus is rewritten
//! whole, one article a line. Files of other formats (TimelineJS, TimeML, raw text) are
//! never overwritten: their articles are saved as new native files beside them. Bundled
//! articles go to a folder the user chooses.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::native::write_document;
use super::timelinejs::{JsonKind, classify_json};
use crate::model::{ArticleIx, Corpus};

/// What a save did.
#[derive(Debug, Default)]
pub struct SaveReport {
    /// Articles now on disk as they are in memory.
    pub saved: Vec<ArticleIx>,
    /// Files written.
    pub written: Vec<PathBuf>,
    /// What could not be saved, and why (those articles stay unsaved).
    pub errors: Vec<String>,
}

impl SaveReport {
    /// One line for a status bar.
    pub fn summary(&self) -> String {
        let mut s = match self.written.as_slice() {
            [] => "Nothing saved".to_owned(),
            [one] => format!("Saved {}", one.display()),
            many => format!("Saved {} files", many.len()),
        };
        if let Some(first) = self.errors.first() {
            s.push_str(&format!("; {} not saved: {first}", self.errors.len()));
        }
        s
    }
}

/// Saves `articles` of `corpus`. `choose_dir` is asked (once) where bundled articles go.
pub fn save_articles(
    corpus: &Corpus,
    articles: &[ArticleIx],
    choose_dir: impl FnOnce() -> Option<PathBuf>,
) -> SaveReport {
    let mut report = SaveReport::default();
    let mut by_file: BTreeMap<&str, Vec<ArticleIx>> = BTreeMap::new();
    for &a in articles {
        if let Some(article) = corpus.article(a) {
            by_file.entry(&article.path).or_default().push(a);
        }
    }
    let mut choose_dir = Some(choose_dir);
    let mut bundled_dir: Option<Option<PathBuf>> = None;
    for (file, changed) in by_file {
        let path = Path::new(file);
        let result = if file.starts_with('<') {
            // Bundled in the binary: there is no file to write back to.
            let dir = bundled_dir
                .get_or_insert_with(|| choose_dir.take().and_then(|f| f()))
                .clone();
            match dir {
                Some(dir) => flatten(changed.iter().map(|&a| {
                    let id = corpus.article(a).map_or("article", |x| x.id.as_str());
                    write_native(corpus, &[a], &dir.join(format!("{id}.json")))
                })),
                None => Err("no folder was chosen for the bundled articles".to_owned()),
            }
        } else {
            match extension(path).as_str() {
                "jsonl" | "ndjson" => {
                    // The whole corpus file, every article of it, one a line.
                    let all: Vec<ArticleIx> = (0..corpus.articles.len() as u32)
                        .map(ArticleIx)
                        .filter(|&a| corpus.article(a).is_some_and(|x| &*x.path == file))
                        .collect();
                    write_lines(corpus, &all, path)
                }
                "json" if is_native(path) => write_native(corpus, &changed, path),
                _ => flatten(
                    changed
                        .iter()
                        .map(|&a| write_native(corpus, &[a], &beside(corpus, a, path))),
                ),
            }
        };
        match result {
            Ok(written) => {
                report.written.extend(written);
                report.saved.extend(changed);
            }
            Err(e) => report.errors.push(format!("{file}: {e}")),
        }
    }
    report
}

/// The files written by several writes, or the first error.
fn flatten(
    results: impl Iterator<Item = Result<Vec<PathBuf>, String>>,
) -> Result<Vec<PathBuf>, String> {
    let mut all = Vec::new();
    for r in results {
        all.extend(r?);
    }
    Ok(all)
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_native(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| classify_json(&t) == JsonKind::Native)
}

/// Where an article of a file of another format is saved: `NAME.frise.json` beside it
/// (with the article id when the file holds several), never over a file that is not ours.
fn beside(corpus: &Corpus, a: ArticleIx, path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "article".into(), |s| s.to_string_lossy().into_owned());
    let dir = path.parent().unwrap_or(Path::new("."));
    let several = corpus
        .articles
        .iter()
        .filter(|x| Path::new(&*x.path) == path)
        .count()
        > 1;
    let id = corpus.article(a).map_or("", |x| x.id.as_str());
    let base = if several {
        format!("{stem}.{id}")
    } else {
        stem
    };
    let candidate = |n: usize| {
        if n == 1 {
            dir.join(format!("{base}.frise.json"))
        } else {
            dir.join(format!("{base}-{n}.frise.json"))
        }
    };
    (1..100)
        .map(candidate)
        .find(|p| !p.exists() || is_native(p))
        .unwrap_or_else(|| candidate(100))
}

/// Writes one article as a native `.json` (pretty-printed), atomically.
fn write_native(
    corpus: &Corpus,
    articles: &[ArticleIx],
    path: &Path,
) -> Result<Vec<PathBuf>, String> {
    let [a] = articles else {
        // A native .json holds one article; several from one file are saved one by one.
        return flatten(articles.iter().map(|&a| write_native(corpus, &[a], path)));
    };
    let value = write_document(corpus, *a).ok_or("the article is no longer loaded")?;
    let text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
    super::write_atomic(path, format!("{text}\n").as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(vec![path.to_path_buf()])
}

/// Writes articles as one `.jsonl`, one per line, atomically.
fn write_lines(
    corpus: &Corpus,
    articles: &[ArticleIx],
    path: &Path,
) -> Result<Vec<PathBuf>, String> {
    let mut out = String::new();
    for &a in articles {
        let value = write_document(corpus, a).ok_or("an article is no longer loaded")?;
        out.push_str(&serde_json::to_string(&value).map_err(|e| e.to_string())?);
        out.push('\n');
    }
    super::write_atomic(path, out.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(vec![path.to_path_buf()])
}
