//! Saving edited articles without losing anything.
//!
//! Native files are rewritten in place, atomically ([`super::write_atomic`]: a temporary
//! file, synced, then renamed), with their unknown fields; a `.jsonl` corpus is rewritten
//! whole, one article a line. Files of other formats (TimelineJS, TimeML, raw text) are
//! never overwritten: their articles are saved as new native files beside them. Bundled
//! articles go to a folder the user chooses.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::native::write_document;
use super::timelinejs::{JsonKind, classify_json};
use serde_json::Value;

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
    /// Articles that now live in a new native file (bundled or pasted articles saved to
    /// a chosen folder, articles of other formats saved beside their file): their next
    /// save goes there, without asking again.
    pub moved: Vec<(ArticleIx, PathBuf)>,
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
                    let to = dir.join(format!("{id}.json"));
                    let written = write_native(corpus, &[a], &to)?;
                    report.moved.push((a, to));
                    Ok(written)
                })),
                None => Err("no folder was chosen for the bundled articles".to_owned()),
            }
        } else {
            match extension(path).as_str() {
                "jsonl" | "ndjson" => write_lines(corpus, file, &changed, path),
                "json" if is_native(path) => write_native(corpus, &changed, path),
                _ => flatten(changed.iter().map(|&a| {
                    let to = beside(corpus, a, path);
                    let written = write_native(corpus, &[a], &to)?;
                    report.moved.push((a, to));
                    Ok(written)
                })),
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

/// Writes one article as a native `.json` (pretty-printed), atomically, its members in
/// the order the file on disk has them.
fn write_native(
    corpus: &Corpus,
    articles: &[ArticleIx],
    path: &Path,
) -> Result<Vec<PathBuf>, String> {
    let [a] = articles else {
        // A native .json holds one article; several from one file are saved one by one.
        return flatten(articles.iter().map(|&a| write_native(corpus, &[a], path)));
    };
    let mut value = write_document(corpus, *a).ok_or("the article is no longer loaded")?;
    if let Ok(text) = std::fs::read_to_string(path)
        && let Ok(old) = serde_json::from_str::<Value>(&text)
    {
        order_like(&mut value, &old);
    }
    let text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
    super::write_atomic(path, format!("{text}\n").as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(vec![path.to_path_buf()])
}

/// Rewrites the `.jsonl` corpus `file` with the `changed` articles: their lines are
/// written anew (in the order their members had), every other line is copied byte for
/// byte, including lines frise could not read, and articles new to the file are added at
/// its end. Atomic.
fn write_lines(
    corpus: &Corpus,
    file: &str,
    changed: &[ArticleIx],
    path: &Path,
) -> Result<Vec<PathBuf>, String> {
    let original = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {} again: {e}", path.display())),
    };
    let mut pending: HashMap<&str, ArticleIx> = changed
        .iter()
        .filter_map(|&a| corpus.article(a).map(|x| (x.id.as_str(), a)))
        .collect();
    if original.is_empty() {
        // The file is gone: write every article read from it.
        for (ix, article) in corpus.articles.iter().enumerate() {
            if &*article.path == file {
                pending.insert(article.id.as_str(), ArticleIx(ix as u32));
            }
        }
    }
    let line = |a: ArticleIx, old: Option<&Value>| -> Result<String, String> {
        let mut value = write_document(corpus, a).ok_or("an article is no longer loaded")?;
        if let Some(old) = old {
            order_like(&mut value, old);
        }
        serde_json::to_string(&value).map_err(|e| e.to_string())
    };
    let mut out = String::with_capacity(original.len());
    for old_line in original.split_inclusive('\n') {
        let old: Option<Value> = serde_json::from_str(old_line).ok();
        let id = old
            .as_ref()
            .and_then(|v| v.get("article")?.get("id")?.as_str());
        match id.and_then(|id| pending.remove(id)) {
            Some(a) => {
                out.push_str(&line(a, old.as_ref())?);
                out.push('\n');
            }
            None => out.push_str(old_line),
        }
    }
    let mut added: Vec<ArticleIx> = pending.into_values().collect();
    added.sort();
    for a in added {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&line(a, None)?);
        out.push('\n');
    }
    super::write_atomic(path, out.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(vec![path.to_path_buf()])
}

/// Puts the members of `new`'s objects in the order `old` has them (members `old` does not
/// have keep their place after those), at every level: events and entities are matched by
/// id, other array items by position. serde_json keeps insertion order, so this is what the
/// file will show.
fn order_like(new: &mut Value, old: &Value) {
    match (new, old) {
        (Value::Object(n), Value::Object(o)) => {
            let place: HashMap<&str, usize> =
                o.keys().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
            let mut members: Vec<(String, Value)> = std::mem::take(n).into_iter().collect();
            // Stable: members unknown to `old` stay in the writer's order.
            members.sort_by_key(|(k, _)| place.get(k.as_str()).copied().unwrap_or(usize::MAX));
            for (k, mut v) in members {
                if let Some(ov) = o.get(&k) {
                    order_like(&mut v, ov);
                }
                n.insert(k, v);
            }
        }
        (Value::Array(n), Value::Array(o)) => {
            let id = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_owned);
            let by_id: HashMap<String, &Value> =
                o.iter().filter_map(|x| Some((id(x)?, x))).collect();
            for (i, item) in n.iter_mut().enumerate() {
                let matching = match id(item) {
                    Some(item_id) => by_id.get(&item_id).copied(),
                    None => o.get(i),
                };
                if let Some(m) = matching {
                    order_like(item, m);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn members_follow_the_order_of_the_file_on_disk() {
        let old = json!({"events": [{"title": "t", "x": 1, "id": "e"}], "frise": 1, "article": {"text": "", "id": "a"}});
        let mut new = json!({"frise": 1, "article": {"id": "a", "text": "", "new": true}, "events": [{"id": "e", "title": "t2", "x": 1, "evidence": []}]});
        order_like(&mut new, &old);
        assert_eq!(
            serde_json::to_string(&new).unwrap(),
            r#"{"events":[{"title":"t2","x":1,"id":"e","evidence":[]}],"frise":1,"article":{"text":"","id":"a","new":true}}"#
        );
    }

    /// Bundled articles are saved to the folder the user chooses, once: the report says
    /// where each now lives, so the next save writes there without asking.
    #[test]
    fn bundled_articles_saved_to_a_folder_live_there_after() {
        let mut corpus = crate::formats::load_bundled();
        let all: Vec<ArticleIx> = (0..corpus.articles.len() as u32).map(ArticleIx).collect();
        let dir = tempfile::tempdir().unwrap();
        let report = save_articles(&corpus, &all, || Some(dir.path().to_path_buf()));
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        assert_eq!(report.moved.len(), all.len());
        for (a, path) in &report.moved {
            assert!(path.starts_with(dir.path()) && path.exists());
            corpus.articles[a.index()].path = std::sync::Arc::from(path.to_string_lossy());
        }
        let asked = std::cell::Cell::new(false);
        let again = save_articles(&corpus, &all, || {
            asked.set(true);
            None
        });
        assert!(!asked.get(), "the second save does not ask for a folder");
        assert!(again.errors.is_empty(), "{:?}", again.errors);
        assert_eq!(again.written.len(), all.len());
        assert!(again.moved.is_empty());
    }
}
