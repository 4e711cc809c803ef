//! Reading and writing files: the first stage of frise.
//!
//! [`load`] takes files and directories (read recursively), reads them in parallel, and
//! returns a [`Corpus`] with every problem as a [`Diagnostic`]: a bad file, article or event
//! is reported and skipped, and everything else still loads. Limits on file size keep a
//! hostile input from eating memory; JSON nesting is bounded by the parser.
//!
//! Formats are detected by extension and content:
//! - [`native`]: frise articles, `.json` (an object with `"frise"`) and `.jsonl`;
//! - [`timelinejs`]: TimelineJS3 timelines, `.json` (an object with `"events"` and no
//!   `"frise"`) and the spreadsheet layout as `.csv`; also written, for export;
//! - [`timeml`]: ISO-TimeML / TimeML annotated documents, `.tml`, `.timeml` (and `.xml`
//!   named explicitly, when its root element is `<TimeML>`);
//! - [`raw`]: raw articles, plain text `.txt`, Markdown `.md` and saved web pages
//!   `.html`/`.htm` ([`page`]), whose events are suggested from their dates
//!   ([`crate::suggest`]) once every file is read;
//! - [`html`]: the plain text of HTML fragments, shared by the importers;
//! - [`csv_out`]: CSV export, one row per event and passage;
//! - [`story_file`]: presentations (`*.story.json`), read and written.

pub mod csv_out;
pub mod html;
pub mod native;
pub mod page;
pub mod raw;
pub mod recovery;
pub mod save;
pub mod story_file;
pub mod timelinejs;
pub mod timeml;

use std::fs;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::model::{Corpus, CorpusBuilder, Diagnostic, Document, LineIndex};
use native::Source;

/// Limits that keep any input from taking unbounded memory or time.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Files larger than this are refused with a message.
    pub max_file_bytes: u64,
    /// Unsaved articles from the recovery journal, read in place of the same articles on
    /// disk.
    pub recovered: Vec<recovery::RecoveredArticle>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: 2 << 30,
            recovered: Vec::new(),
        }
    }
}

/// Shared counters a UI can poll while a load runs on another thread, and a cancel flag.
#[derive(Debug, Default)]
pub struct Progress {
    pub files_total: AtomicUsize,
    pub files_done: AtomicUsize,
    pub events: AtomicUsize,
    pub bytes_total: AtomicUsize,
    pub bytes_done: AtomicUsize,
    cancel: AtomicBool,
}

impl Progress {
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// The articles bundled in the binary: the seed corpus, so frise works from any directory.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "moscou-rencontre-defense.json",
        include_str!("../../assets/articles/moscou-rencontre-defense.json"),
    ),
    (
        "ministres-syriens-moscou.json",
        include_str!("../../assets/articles/ministres-syriens-moscou.json"),
    ),
];

/// Example articles bundled in the binary, offered by name (File → Examples) beside the
/// seed corpus, which stays the default: `(name, title, file name, JSON)`.
pub const EXAMPLES: &[(&str, &str, &str, &str)] = &[(
    "writing",
    "A history of writing, from deep time to the web",
    "writing.json",
    include_str!("../../assets/examples/writing.json"),
)];

/// The names and titles of the bundled examples, for a menu.
pub fn example_names() -> impl Iterator<Item = (&'static str, &'static str)> {
    EXAMPLES.iter().map(|(name, title, _, _)| (*name, *title))
}

/// The bundled example `name` as a corpus of its own; `None` if there is no such example.
pub fn load_example(name: &str) -> Option<Corpus> {
    let (_, _, file, text) = EXAMPLES.iter().find(|(n, ..)| *n == name)?;
    let mut builder = CorpusBuilder::new();
    let path: Arc<str> = Arc::from(format!("<example>/{file}"));
    let (docs, diags) = read_text(&path, text);
    for d in diags {
        builder.diagnostic(d);
    }
    for doc in docs {
        builder.add(doc);
    }
    Some(builder.finish())
}

/// The bundled seed corpus.
pub fn load_bundled() -> Corpus {
    let mut builder = CorpusBuilder::new();
    let (docs, diags) = read_bundled();
    for d in diags {
        builder.diagnostic(d);
    }
    for doc in docs {
        builder.add(doc);
    }
    builder.finish()
}

fn read_bundled() -> (Vec<Document>, Vec<Diagnostic>) {
    let mut all = (Vec::new(), Vec::new());
    for (name, text) in BUNDLED {
        let path: Arc<str> = Arc::from(format!("<bundled>/{name}"));
        let (docs, diags) = read_text(&path, text);
        all.0.extend(docs);
        all.1.extend(diags);
    }
    all
}

/// Loads files and directories into one corpus. Never panics; problems are diagnostics.
pub fn load(paths: &[PathBuf], options: &LoadOptions, progress: &Progress) -> Corpus {
    load_with_bundled(false, paths, options, progress)
}

/// Like [`load`], with the bundled articles first when `bundled` is set: how the window
/// opens files beside the seed corpus.
pub fn load_with_bundled(
    bundled: bool,
    paths: &[PathBuf],
    options: &LoadOptions,
    progress: &Progress,
) -> Corpus {
    let mut builder = CorpusBuilder::new();
    let mut first = (Vec::new(), Vec::new());
    if bundled {
        first = read_bundled();
    }
    let mut files = Vec::new();
    for path in paths {
        collect_files(path, &mut files, &mut builder);
    }
    progress.files_total.store(files.len(), Ordering::Relaxed);
    // Raw articles are suggested from the entities of every other file, and recovered
    // articles replace the ones read: both need every file read first.
    let raw = files.iter().any(|p| raw::is_raw(&p.to_string_lossy()));
    if raw || !options.recovered.is_empty() {
        read_all(builder, first, &files, options, progress)
    } else {
        read_merging(builder, first, &files, options, progress)
    }
}

/// Reads `files` and merges each into the corpus as soon as it is read (see
/// [`read_in_order`]), after the documents `first`.
fn read_merging(
    mut builder: CorpusBuilder,
    first: (Vec<Document>, Vec<Diagnostic>),
    files: &[PathBuf],
    options: &LoadOptions,
    progress: &Progress,
) -> Corpus {
    let sizes: Vec<u64> = files
        .iter()
        .map(|p| fs::metadata(p).map_or(0, |m| m.len()))
        .collect();
    let mut sized = false;
    let mut merge = |(docs, diags): (Vec<Document>, Vec<Diagnostic>), bytes: Option<u64>| {
        if !sized && let Some(bytes) = bytes {
            let events = docs.iter().map(|d| d.events.len()).sum::<usize>();
            if events > 0 {
                builder.reserve(files.len(), estimate_events(events, bytes, &sizes));
                sized = true;
            }
        }
        for d in diags {
            builder.diagnostic(d);
        }
        for doc in docs {
            builder.add(doc);
        }
    };
    merge(first, None);
    read_in_order(files, options, progress, |i, result| {
        merge(result, sizes.get(i).copied());
    });
    builder.finish()
}

/// Reads every file of `files`, then suggests the events of raw articles, puts the
/// recovered articles in place, and merges them all into the corpus after `first`.
fn read_all(
    mut builder: CorpusBuilder,
    first: (Vec<Document>, Vec<Diagnostic>),
    files: &[PathBuf],
    options: &LoadOptions,
    progress: &Progress,
) -> Corpus {
    let mut results: Vec<(Vec<Document>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|path| read_counted(path, options, progress))
        .collect();
    suggest_raw(&builder, &mut results);
    builder.reserve(
        first.0.len() + results.iter().map(|(docs, _)| docs.len()).sum::<usize>(),
        first.0.iter().map(|d| d.events.len()).sum::<usize>()
            + results
                .iter()
                .flat_map(|(docs, _)| docs)
                .map(|d| d.events.len())
                .sum::<usize>(),
    );
    let (mut docs, mut diags) = first;
    for (d, g) in results {
        docs.extend(d);
        diags.extend(g);
    }
    recovery::replace(&mut docs, &mut diags, &options.recovered);
    for d in diags {
        builder.diagnostic(d);
    }
    for doc in docs {
        builder.add(doc);
    }
    builder.finish()
}

/// Reads `files` in parallel and hands what each holds to `each` with its index, in the
/// order of `files`, as soon as it and the files before it are read.
///
/// Reading every file before merging them held every event twice at the end: once in its
/// file's document, once in the corpus. Handed over in order, a document is merged while
/// the next files are read, and its memory is reused for them. Files are taken in order
/// from a shared counter, so the few read ahead of their turn are all that wait.
fn read_in_order(
    files: &[PathBuf],
    options: &LoadOptions,
    progress: &Progress,
    mut each: impl FnMut(usize, (Vec<Document>, Vec<Diagnostic>)),
) {
    let next = AtomicUsize::new(0);
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..rayon::current_num_threads().clamp(1, files.len().max(1)) {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let result = read_counted(path, options, progress);
                    if sender.send((i, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // Results that came before their turn, by index.
        let mut waiting = std::collections::BTreeMap::new();
        let mut turn = 0;
        for (i, result) in receiver {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&turn) {
                each(turn, result);
                turn += 1;
            }
        }
    });
}

/// [`read_file`], counted as done in `progress`; nothing once the load is cancelled.
fn read_counted(
    path: &Path,
    options: &LoadOptions,
    progress: &Progress,
) -> (Vec<Document>, Vec<Diagnostic>) {
    let result = if progress.is_cancelled() {
        (Vec::new(), Vec::new())
    } else {
        read_file(path, options, progress)
    };
    progress.files_done.fetch_add(1, Ordering::Relaxed);
    result
}

/// How many events files of `sizes` bytes hold, from one of them that held `events` in
/// `bytes`: to size the corpus once, as the files of one corpus are alike. Growing the
/// table instead copies every event read so far and touches fresh memory each time; room
/// reserved and never filled costs address space only. At most an event per 32 bytes
/// (the smallest event an article can write), should the first file be unlike the rest.
fn estimate_events(events: usize, bytes: u64, sizes: &[u64]) -> usize {
    const MIN_EVENT_BYTES: u64 = 32;
    let total: u64 = sizes.iter().sum();
    let per_byte = events as f64 / bytes.max(1) as f64;
    let estimate = (per_byte * total as f64 * 1.1) as u64;
    usize::try_from(estimate.min(total / MIN_EVENT_BYTES)).unwrap_or(0)
}

/// Suggests the events of the raw articles among `results` (text, Markdown, web pages),
/// naming the people and places that every other file declares.
fn suggest_raw(builder: &CorpusBuilder, results: &mut [(Vec<Document>, Vec<Diagnostic>)]) {
    let is_raw = |d: &Document| raw::is_raw(&d.article.path) && d.events.is_empty();
    if !results.iter().flat_map(|(docs, _)| docs).any(is_raw) {
        return;
    }
    let known = crate::suggest::EntityMatcher::new(
        builder.entities().iter().chain(
            results
                .iter()
                .flat_map(|(docs, _)| docs)
                .filter(|d| !is_raw(d))
                .flat_map(|d| &d.entities),
        ),
    );
    results.par_iter_mut().for_each(|(docs, diags)| {
        for doc in docs.iter_mut().filter(|d| is_raw(d)) {
            diags.extend(crate::suggest::suggest_document(doc, &known));
        }
    });
}

/// Extensions read when walking a directory; other files there are ignored.
///
/// `.xml` is not among them: most XML files are not TimeML. A `.xml` file named on its own
/// is read when its content is TimeML.
const KNOWN_EXTENSIONS: &[&str] = &[
    "json", "jsonl", "ndjson", "csv", "tml", "timeml", "txt", "text", "md", "markdown", "html",
    "htm", "xhtml",
];

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn collect_files(path: &Path, files: &mut Vec<PathBuf>, builder: &mut CorpusBuilder) {
    let display: Arc<str> = Arc::from(path.display().to_string());
    match fs::metadata(path) {
        Err(e) => builder.diagnostic(Diagnostic::error(&display, format!("cannot read: {e}"))),
        Ok(meta) if meta.is_dir() => {
            let mut found: Vec<PathBuf> = Vec::new();
            // Symbolic links are not followed, so a link cycle cannot trap the walk.
            for entry in walkdir::WalkDir::new(path)
                .follow_links(false)
                .sort_by_file_name()
            {
                match entry {
                    Ok(entry) => {
                        let p = entry.path();
                        let hidden = entry.depth() > 0
                            && entry.file_name().to_string_lossy().starts_with('.');
                        if hidden || !entry.file_type().is_file() {
                            continue;
                        }
                        if KNOWN_EXTENSIONS.contains(&extension(p).as_str()) {
                            found.push(p.to_path_buf());
                        }
                    }
                    Err(e) => {
                        let where_: Arc<str> = Arc::from(
                            e.path()
                                .map_or_else(|| display.to_string(), |p| p.display().to_string()),
                        );
                        builder.diagnostic(Diagnostic::warning(&where_, format!("skipped: {e}")));
                    }
                }
            }
            if found.is_empty() {
                builder.diagnostic(Diagnostic::warning(
                    &display,
                    format!(
                        "no readable files in this directory (looked for .{})",
                        KNOWN_EXTENSIONS.join(", .")
                    ),
                ));
            }
            files.extend(found);
        }
        Ok(_) => files.push(path.to_path_buf()),
    }
}

/// Reads one file of any supported format.
pub fn read_file(
    path: &Path,
    options: &LoadOptions,
    progress: &Progress,
) -> (Vec<Document>, Vec<Diagnostic>) {
    let display: Arc<str> = Arc::from(path.display().to_string());
    let bytes = match read_bounded(path, options.max_file_bytes) {
        Ok(b) => b,
        Err(message) => return (Vec::new(), vec![Diagnostic::error(&display, message)]),
    };
    progress
        .bytes_total
        .fetch_add(bytes.len(), Ordering::Relaxed);
    if let Some(kind) = raw::RawKind::of_path(&display) {
        // Raw articles bring their own charsets, and may be binary files misnamed.
        let result = raw::read_bytes(&display, kind, &bytes);
        progress
            .bytes_done
            .fetch_add(bytes.len(), Ordering::Relaxed);
        return result;
    }
    // Validated with SIMD (a gigabyte of text is otherwise a noticeable part of loading);
    // the standard library is asked again only to locate an error.
    let text: &str = match simdutf8::basic::from_utf8(&bytes) {
        Ok(t) => t,
        Err(_) => {
            let valid = std::str::from_utf8(&bytes)
                .err()
                .map_or(0, |e| e.valid_up_to());
            let prefix = std::str::from_utf8(bytes.get(..valid).unwrap_or(&[])).unwrap_or("");
            let pos = LineIndex::new(prefix).line_col(valid);
            return (
                Vec::new(),
                vec![
                    Diagnostic::error(
                        &display,
                        format!("the file is not valid UTF-8 (byte {valid}); save it as UTF-8"),
                    )
                    .at(Some(pos)),
                ],
            );
        }
    };
    if matches!(extension(path).as_str(), "jsonl" | "ndjson") {
        // One file may hold a whole corpus: report progress line by line.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        return read_jsonl(&Source::new(&display, text), Some(progress));
    }
    let result = read_text(&display, text);
    progress.bytes_done.fetch_add(text.len(), Ordering::Relaxed);
    let events: usize = result.0.iter().map(|d| d.events.len()).sum();
    progress.events.fetch_add(events, Ordering::Relaxed);
    result
}

/// Reads `path` whole, refusing files over `limit` bytes without reading them.
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > limit {
        return Err(format!(
            "the file is too large ({} MiB; the limit is {} MiB)",
            len >> 20,
            limit >> 20
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // `take` bounds the read even if the file grows while it is read.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!("the file is too large (over {} MiB)", limit >> 20));
    }
    Ok(bytes)
}

/// Reads a file's text, choosing the format by extension and content.
pub fn read_text(path: &Arc<str>, text: &str) -> (Vec<Document>, Vec<Diagnostic>) {
    let ext = extension(Path::new(&**path));
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return (
            Vec::new(),
            vec![Diagnostic::error(path, "the file is empty")],
        );
    }
    if let Some(kind) = raw::RawKind::of_path(path) {
        return raw::read_str(path, kind, text);
    }
    let src = Source::new(path, text);
    match ext.as_str() {
        "jsonl" | "ndjson" => read_jsonl(&src, None),
        "csv" => timelinejs::read_csv(&src),
        "tml" | "timeml" => timeml::read(&src),
        "xml" if timeml::looks_like_timeml(text) => timeml::read(&src),
        "xml" => (
            Vec::new(),
            vec![src.error("not a TimeML document: the root element is not <TimeML> (frise reads .xml files only when they are TimeML)").at(Some((1, 1)))],
        ),
        _ => read_json(&src),
    }
}

/// A `.json` file: a native article or a TimelineJS3 timeline, told apart by content.
fn read_json(src: &Source<'_>) -> (Vec<Document>, Vec<Diagnostic>) {
    use timelinejs::JsonKind;
    let text = src.text;
    let not_either = |what: &str| {
        (
            Vec::new(),
            vec![
                src.error(format!(
                    "{what}: it is neither a frise article (an object with \"frise\": 1, \"article\": {{…}}, \"events\": […]) nor a TimelineJS3 timeline (an object with \"events\": […])"
                ))
                .at(src.pos(text.trim_start())),
            ],
        )
    };
    match timelinejs::classify_json(text) {
        JsonKind::TimelineJs => timelinejs::read_json(src),
        // Presentations are saved beside the articles; a folder load passes over them.
        JsonKind::Story => (Vec::new(), Vec::new()),
        JsonKind::Neither => not_either("the object has no \"frise\" and no \"events\" member"),
        JsonKind::NotObject(kind) => not_either(&format!("the file holds a JSON {kind}")),
        JsonKind::Native | JsonKind::Unknown => {
            let (doc, diags) = native::read_document(src, text);
            (doc.into_iter().collect(), diags)
        }
    }
}

/// One native document per non-empty line, decoded in parallel.
fn read_jsonl(src: &Source<'_>, progress: Option<&Progress>) -> (Vec<Document>, Vec<Diagnostic>) {
    let lines: Vec<&str> = src.text.lines().filter(|l| !l.trim().is_empty()).collect();
    let results: Vec<(Option<Document>, Vec<Diagnostic>)> = lines
        .par_iter()
        .map(|line| {
            let Some(p) = progress else {
                return native::read_document(src, line);
            };
            if p.is_cancelled() {
                return (None, Vec::new());
            }
            let result = native::read_document(src, line);
            p.bytes_done.fetch_add(line.len() + 1, Ordering::Relaxed);
            p.events.fetch_add(
                result.0.as_ref().map_or(0, |d| d.events.len()),
                Ordering::Relaxed,
            );
            result
        })
        .collect();
    let mut docs = Vec::with_capacity(results.len());
    let mut diags = Vec::new();
    for (doc, d) in results {
        docs.extend(doc);
        diags.extend(d);
    }
    (docs, diags)
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, synced, then renamed,
/// so a crash or a full disk never leaves a half-written file in its place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        fs::remove_file(&tmp).ok();
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a user sees of a corpus: articles in order, their events, every message.
    fn summary(corpus: &Corpus) -> (Vec<String>, Vec<String>, Vec<String>) {
        let articles = corpus
            .articles
            .iter()
            .map(|a| format!("{} {} {:?}", a.path, a.id, a.events))
            .collect();
        let events = corpus
            .events
            .iter()
            .map(|e| format!("{:?} {} {} {:?}", e.article, e.id, e.title, e.happening))
            .collect();
        let mut diagnostics: Vec<String> =
            corpus.diagnostics.iter().map(|d| d.to_string()).collect();
        diagnostics.sort();
        (articles, events, diagnostics)
    }

    #[test]
    fn merging_files_as_they_are_read_gives_the_corpus_read_all_at_once() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        let mut n = 0;
        let mut copy = |from: &Path| {
            n += 1;
            let name = from.file_name().unwrap().to_string_lossy().into_owned();
            fs::copy(from, dir.path().join(format!("{n:02}-{name}"))).unwrap();
        };
        for entry in fs::read_dir(root.join("tests/fixtures/bad")).unwrap() {
            copy(&entry.unwrap().path());
        }
        for name in [
            "ministres-syriens-moscou.json",
            "moscou-rencontre-defense.json",
        ] {
            copy(&root.join("assets/articles").join(name));
        }
        copy(&root.join("tests/fixtures/timelinejs-history.json"));
        let lines: Vec<String> = [
            "ministres-syriens-moscou.json",
            "moscou-rencontre-defense.json",
        ]
        .iter()
        .map(|name| {
            let text = fs::read_to_string(root.join("assets/articles").join(name)).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            value.to_string()
        })
        .collect();
        fs::write(dir.path().join("99-both.jsonl"), lines.join("\n")).unwrap();

        let mut files = Vec::new();
        let mut builder = CorpusBuilder::new();
        collect_files(dir.path(), &mut files, &mut builder);
        assert!(files.len() > 15);
        let options = LoadOptions::default();
        let progress = Progress::default();
        let merged = read_merging(
            CorpusBuilder::new(),
            read_bundled(),
            &files,
            &options,
            &progress,
        );
        let all = read_all(
            CorpusBuilder::new(),
            read_bundled(),
            &files,
            &options,
            &progress,
        );
        assert_eq!(summary(&merged), summary(&all));
        assert_eq!(progress.files_done.load(Ordering::Relaxed), 2 * files.len());
        // The articles come in the order of their files, the bundled ones first.
        let paths: Vec<&str> = merged.articles.iter().map(|a| &*a.path).collect();
        assert!(paths[..2].iter().all(|p| p.starts_with("<bundled>")));
        let paths = &paths[2..];
        let mut sorted = paths.to_vec();
        sorted.sort();
        assert_eq!(paths, sorted);
        assert!(merged.articles.len() >= 2 + 2 + 1 + 2, "{paths:?}");
        assert!(merged.error_count() > 5);
    }
}
