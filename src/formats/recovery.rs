//! The recovery journal: unsaved work, kept on disk after every edit so that a crash or a
//! power cut loses nothing.
//!
//! The journal is one JSON file, written atomically ([`super::write_atomic`]) in a folder
//! of the user's (the window's settings folder): what was open (the bundled articles, the
//! paths) and every article with unsaved changes, whole, in the native format, with the
//! path and id it was read from. Saving every change, or choosing not to keep them, removes
//! it. At the next start a journal that is still there means the work was not saved, and
//! restoring it opens the same files with the journaled articles in place of what is on
//! disk ([`LoadOptions::recovered`](super::LoadOptions)). Written by hand: it is a small
//! file of frise's own documents, and serde does the reading and writing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::native::{Source, read_document, write_document};
use crate::model::{ArticleIx, Corpus, Diagnostic, Document};

/// The journal's file name in its folder.
pub const FILE_NAME: &str = "recovery.json";

/// The journal's format version.
const VERSION: u32 = 1;

/// What was open and what was not saved.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    /// Format version (1).
    pub frise_recovery: u32,
    /// When it was written, RFC 3339.
    pub written: String,
    /// The bundled articles were open.
    pub bundled: bool,
    /// The files and folders that were open.
    pub paths: Vec<PathBuf>,
    /// Every article with unsaved changes.
    pub articles: Vec<RecoveredArticle>,
}

/// One unsaved article, whole, and where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveredArticle {
    /// The path the article was read from (`<bundled>/…` for a bundled one).
    pub path: String,
    /// The article's id in that file.
    pub id: String,
    /// The article as a native document.
    pub document: Value,
}

impl Journal {
    /// The journal of `unsaved` articles of `corpus`, opened from `bundled` and `paths`.
    pub fn of(corpus: &Corpus, unsaved: &[ArticleIx], bundled: bool, paths: &[PathBuf]) -> Self {
        let articles = unsaved
            .iter()
            .filter_map(|&a| {
                let article = corpus.article(a)?;
                Some(RecoveredArticle {
                    path: article.path.to_string(),
                    id: article.id.clone(),
                    document: write_document(corpus, a)?,
                })
            })
            .collect();
        Self {
            frise_recovery: VERSION,
            written: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            bundled,
            paths: paths.to_vec(),
            articles,
        }
    }

    /// "2 articles (Rencontre à Moscou, …)" for the restore banner.
    pub fn describe(&self) -> String {
        let titles: Vec<&str> = self
            .articles
            .iter()
            .take(3)
            .map(|a| {
                a.document
                    .get("article")
                    .and_then(|x| x.get("title"))
                    .and_then(Value::as_str)
                    .filter(|t| !t.is_empty())
                    .unwrap_or(&a.id)
            })
            .collect();
        let more = if self.articles.len() > 3 { ", …" } else { "" };
        let n = self.articles.len();
        let noun = if n == 1 { "article" } else { "articles" };
        format!("{n} {noun} ({}{more})", titles.join(", "))
    }
}

/// Writes the journal in `dir` (created if needed), atomically.
pub fn write(dir: &Path, journal: &Journal) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let text = serde_json::to_string(journal).map_err(|e| e.to_string())?;
    let path = dir.join(FILE_NAME);
    super::write_atomic(&path, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The journal left in `dir`, if there is one. A journal that cannot be read is reported,
/// never deleted: it may be the only copy of someone's work.
pub fn read(dir: &Path) -> Result<Option<Journal>, String> {
    let path = dir.join(FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let journal: Journal = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a recovery journal: {e}", path.display()))?;
    Ok((!journal.articles.is_empty()).then_some(journal))
}

/// Removes the journal from `dir` (nothing to do when there is none).
pub fn clear(dir: &Path) -> Result<(), String> {
    match std::fs::remove_file(dir.join(FILE_NAME)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove the recovery journal: {e}")),
    }
}

/// Puts the recovered articles in place of the documents read from the same path with the
/// same id; a recovered article with no such document (its file is gone) is added.
pub fn replace(
    docs: &mut Vec<Document>,
    diags: &mut Vec<Diagnostic>,
    recovered: &[RecoveredArticle],
) {
    for r in recovered {
        let path: Arc<str> = Arc::from(r.path.as_str());
        let text = r.document.to_string();
        let src = Source::new(&path, &text);
        let (doc, problems) = read_document(&src, &text);
        diags.extend(problems);
        let Some(doc) = doc else { continue };
        match docs
            .iter_mut()
            .find(|d| *d.article.path == r.path && d.article.id == r.id)
        {
            Some(slot) => *slot = doc,
            None => docs.push(doc),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_round_trips_and_clearing_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path()), Ok(None));
        let corpus = super::super::load_bundled();
        let journal = Journal::of(&corpus, &[ArticleIx(1)], true, &[]);
        assert_eq!(journal.articles.len(), 1);
        write(dir.path(), &journal).unwrap();
        assert_eq!(read(dir.path()), Ok(Some(journal)));
        clear(dir.path()).unwrap();
        assert_eq!(read(dir.path()), Ok(None));
        clear(dir.path()).unwrap();
    }

    #[test]
    fn an_unreadable_journal_is_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "{ not json").unwrap();
        let err = read(dir.path()).unwrap_err();
        assert!(err.contains("not a recovery journal"), "{err}");
        assert!(dir.path().join(FILE_NAME).exists());
    }
}
