//! `frise tag PATH…`: the dates in raw texts, typed and resolved, one JSON line per text;
//! `--eval` scores the tagger against TimeML files with gold TIMEX3.
//!
//! A `.txt` or `.md` file is tagged as it is; a `.tml` file on the text of its `<TEXT>`,
//! with its creation time as the reference date (its gold TIMEX3 are ignored); a native
//! article on its text, with its `published` date. `--dct` overrides the reference date.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::formats::{self, LoadOptions, Progress};
use crate::temporal::{self, Dct, Language, Mention, eval};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Detect French or English from the text (or the article's language).
    Auto,
    Fr,
    En,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// One JSON object per text: code-point spans, TIMEX3 type and value, EDTF date.
    Mentions,
    /// The text with inline `<TIMEX3>` tags.
    Timeml,
}

#[derive(Debug, clap::Args)]
pub struct TagArgs {
    /// Texts (.txt, .md), TimeML documents (.tml), native articles (.json, .jsonl), or
    /// folders of them (read recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The language of the texts.
    #[arg(long, value_enum, default_value = "auto")]
    pub lang: LangArg,
    /// The reference (publication) date: 2025-07-31, 2025-07 or 2025.
    #[arg(long)]
    pub dct: Option<String>,
    /// What to print.
    #[arg(long, value_enum, default_value = "mentions")]
    pub format: FormatArg,
    /// Score the tagger on TimeML files with gold TIMEX3 (TempEval-3 style, micro-averaged).
    #[arg(long)]
    pub eval: bool,
    /// With --eval: write every miss and mismatch, with its context, to this file.
    #[arg(long, requires = "eval")]
    pub errors: Option<PathBuf>,
    /// Write each raw article (.txt, .md, .html, or a native article without events) as a
    /// native article with its suggested events, one .json per article in this folder.
    #[arg(long, conflicts_with_all = ["eval", "format"])]
    pub out: Option<PathBuf>,
    /// With --out: write one .jsonl (one article a line) instead: the --out path when it
    /// ends in .jsonl, else articles.jsonl in the --out folder.
    #[arg(long, requires = "out")]
    pub jsonl: bool,
}

/// One text to tag: where it came from, its text, reference date and language.
struct Input {
    file: String,
    article: Option<String>,
    text: String,
    dct: Option<String>,
    lang: Option<Language>,
}

/// Runs the command; returns the process exit code.
pub fn run(args: &TagArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let dct_override = match &args.dct {
        Some(d) => match Dct::parse(d) {
            Some(_) => Some(d.clone()),
            None => {
                writeln!(
                    err,
                    "error: --dct {d}: expected a date as YYYY-MM-DD, YYYY-MM or YYYY"
                )
                .ok();
                return super::EXIT_USAGE;
            }
        },
        None => None,
    };
    let lang = match args.lang {
        LangArg::Auto => None,
        LangArg::Fr => Some(Language::Fr),
        LangArg::En => Some(Language::En),
    };
    let files = files_of(&args.paths);
    if args.eval {
        return evaluate(args, &files, lang, out, err);
    }
    if let Some(dir) = &args.out {
        return super::tag_out::write(
            &files,
            lang,
            dct_override.as_deref(),
            dir,
            args.jsonl,
            out,
            err,
        );
    }
    let mut status = 0;
    for path in &files {
        let inputs = match inputs_of(path) {
            Ok(inputs) => inputs,
            Err(message) => {
                writeln!(err, "{}: error: {message}", path.display()).ok();
                status = super::EXIT_INPUT;
                continue;
            }
        };
        for input in inputs {
            let dct_text = dct_override.clone().or(input.dct.clone());
            let dct = dct_text.as_deref().and_then(Dct::parse);
            let tagged = temporal::tag(&input.text, lang.or(input.lang), dct.as_ref());
            match args.format {
                FormatArg::Mentions => {
                    let line = mentions_json(&input, dct_text.as_deref(), &tagged);
                    writeln!(out, "{line}").ok();
                }
                FormatArg::Timeml => {
                    writeln!(out, "{}", eval::to_timeml(&input.text, &tagged.mentions)).ok();
                }
            }
        }
    }
    status
}

/// The JSON line of one tagged text.
fn mentions_json(input: &Input, dct: Option<&str>, tagged: &temporal::Tagged) -> Value {
    let mentions: Vec<Value> = tagged.mentions.iter().map(mention_json).collect();
    let mut line = json!({
        "file": input.file,
        "lang": tagged.lang.map(|l| l.code()),
        "dct": dct,
        "mentions": mentions,
    });
    if let Some(obj) = line.as_object_mut() {
        if let Some(article) = &input.article {
            obj.insert("article".into(), article.clone().into());
        }
        if !tagged.notes.is_empty() {
            obj.insert("notes".into(), tagged.notes.clone().into());
        }
    }
    line
}

fn mention_json(m: &Mention) -> Value {
    json!({
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "type": m.kind.as_str(),
        "value": m.value,
        "date": m.date,
    })
}

/// Files named, and the files of folders named (sorted, recursively).
pub(super) fn files_of(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(p)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|f| {
                    matches!(
                        extension(f).as_str(),
                        "txt"
                            | "text"
                            | "md"
                            | "markdown"
                            | "html"
                            | "htm"
                            | "xhtml"
                            | "tml"
                            | "json"
                            | "jsonl"
                            | "ndjson"
                    )
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    files
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// The texts a file holds.
fn inputs_of(path: &Path) -> Result<Vec<Input>, String> {
    let file = path.display().to_string();
    match extension(path).as_str() {
        "tml" | "timeml" => {
            let xml = read_text(path)?;
            let doc = eval::read_timeml(&xml)?;
            Ok(vec![Input {
                file,
                article: None,
                text: doc.text,
                dct: doc.dct,
                lang: None,
            }])
        }
        "html" | "htm" | "xhtml" | "json" | "jsonl" | "ndjson" => {
            let (docs, diags) =
                formats::read_file(path, &LoadOptions::default(), &Progress::default());
            if docs.is_empty() {
                let why = diags.first().map_or_else(
                    || "no article in the file".to_owned(),
                    |d| d.message.clone(),
                );
                return Err(why);
            }
            Ok(docs
                .into_iter()
                .map(|d| Input {
                    file: file.clone(),
                    article: Some(d.article.id.clone()),
                    dct: d.article.published.map(|p| p.to_string()),
                    lang: match d.article.language.split(['-', '_']).next() {
                        Some("fr") => Some(Language::Fr),
                        Some("en") => Some(Language::En),
                        _ => None,
                    },
                    text: d.article.text,
                })
                .collect())
        }
        _ => Ok(vec![Input {
            file,
            article: None,
            text: read_text(path)?,
            dct: None,
            lang: None,
        }]),
    }
}

/// A text file's contents; bytes that are not UTF-8 are an error, not garbage.
fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "the file is not valid UTF-8 (byte {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// `--eval`: scores every TimeML file and prints the table.
fn evaluate(
    args: &TagArgs,
    files: &[PathBuf],
    lang: Option<Language>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let mut total = eval::Scores::default();
    let mut errors = Vec::new();
    let mut status = 0;
    for path in files.iter().filter(|p| extension(p) == "tml") {
        let doc = match read_text(path).and_then(|xml| eval::read_timeml(&xml)) {
            Ok(doc) => doc,
            Err(message) => {
                writeln!(err, "{}: error: {message}", path.display()).ok();
                status = super::EXIT_INPUT;
                continue;
            }
        };
        let dct = args
            .dct
            .as_deref()
            .or(doc.dct.as_deref())
            .and_then(Dct::parse);
        let tagged = temporal::tag(&doc.text, lang, dct.as_ref());
        total += eval::score(&doc.timexes, &tagged.mentions);
        if args.errors.is_some() {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            errors.extend(eval::errors(&name, &doc, &tagged.mentions));
        }
    }
    if total.docs == 0 {
        writeln!(err, "error: no TimeML (.tml) file among the paths").ok();
        return super::EXIT_USAGE;
    }
    write!(out, "{}", eval::table(&total)).ok();
    if let Some(path) = &args.errors {
        let mut text = errors.join("\n");
        text.push('\n');
        if let Err(e) = formats::write_atomic(path, text.as_bytes()) {
            writeln!(err, "error: cannot write {}: {e}", path.display()).ok();
            return super::EXIT_USAGE;
        }
    }
    status
}
