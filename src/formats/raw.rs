//! Raw articles: plain text (`.txt`), Markdown (`.md`) and saved web pages (`.html`,
//! `.htm`), read into articles without events. Their events are suggested afterwards
//! ([`crate::suggest`]), once the corpus's people and places are known.
//!
//! - **Text**: the first non-empty line is the title; the whole text is the article.
//! - **Markdown**: the first heading is the title; the text is the rendered text (marks,
//!   link targets and images gone, link targets kept as references), parsed by
//!   `pulldown-cmark`.
//! - Both may open with a front-matter block between `---` lines (`title:`, `source:` or
//!   `outlet:`, `date:` or `published:`, `url:`, `lang:` or `language:`), as static-site
//!   generators and note-taking tools write it.
//! - **Pages**: see [`super::page`].
//!
//! Bytes are decoded from their byte-order mark, else as UTF-8, else (text with no NUL
//! byte) as Windows-1252 with a warning; a file holding binary data is refused, naming it.

use std::path::Path;
use std::sync::Arc;

use unicode_normalization::UnicodeNormalization as _;

use super::page;
use crate::model::{Article, Diagnostic, Document, Edtf};
use crate::temporal;

/// Extensions of the raw formats, lower case.
pub const EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

/// Which raw format a file is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawKind {
    Text,
    Markdown,
    Html,
}

impl RawKind {
    /// The raw format of a file by its extension; `None` for other formats.
    pub fn of_path(path: &str) -> Option<RawKind> {
        let ext = Path::new(path)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())?;
        match ext.as_str() {
            "txt" | "text" => Some(RawKind::Text),
            "md" | "markdown" => Some(RawKind::Markdown),
            "html" | "htm" | "xhtml" => Some(RawKind::Html),
            _ => None,
        }
    }
}

/// Is `path` a raw article (text, Markdown, web page)?
pub fn is_raw(path: &str) -> bool {
    RawKind::of_path(path).is_some()
}

/// Reads a raw file from its bytes.
pub fn read_bytes(
    path: &Arc<str>,
    kind: RawKind,
    bytes: &[u8],
) -> (Vec<Document>, Vec<Diagnostic>) {
    let error = |m: String| (Vec::new(), vec![Diagnostic::error(path, m)]);
    if let Some(at) = binary_at(bytes) {
        return error(format!(
            "not a text file: it holds binary data (a control byte at offset {at}); frise reads .txt, .md and .html files as text"
        ));
    }
    let (text, notes) = match kind {
        RawKind::Html => match page::decode_page(bytes) {
            Ok(d) => (d.text, d.notes),
            Err(m) => return error(m),
        },
        RawKind::Text | RawKind::Markdown => decode_text(bytes),
    };
    let (docs, mut diags) = read_str(path, kind, &text);
    let mut all: Vec<Diagnostic> = notes
        .into_iter()
        .map(|n| Diagnostic::warning(path, n))
        .collect();
    all.append(&mut diags);
    (docs, all)
}

/// Reads a raw article from text already decoded.
pub fn read_str(path: &Arc<str>, kind: RawKind, text: &str) -> (Vec<Document>, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut diags = Vec::new();
    let stem = Path::new(&**path).file_stem().map_or_else(
        || "article".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let mut article = Article {
        id: slug(&stem),
        path: Arc::clone(path),
        ..Article::default()
    };
    let mut published: Option<String> = None;
    match kind {
        RawKind::Html => {
            let page = page::read_page(text);
            article.title = page.title;
            article.source = page.outlet;
            article.url = page.url;
            article.language = page.language.unwrap_or_default();
            article.references = page.references;
            article.text = page.text;
            published = page.published;
            if article.text.trim().is_empty() {
                diags.push(Diagnostic::error(
                    path,
                    "no article text in the page (only navigation, scripts or markup)",
                ));
                return (Vec::new(), diags);
            }
        }
        RawKind::Text | RawKind::Markdown => {
            let (front, body) = front_matter(text);
            let body = body.replace("\r\n", "\n");
            let (title, plain, references) = match kind {
                RawKind::Markdown => markdown_text(&body),
                _ => (None, body.clone(), Vec::new()),
            };
            article.text = plain.nfc().collect::<String>().trim_end().to_owned();
            article.references = references;
            article.title = title
                .or_else(|| {
                    article
                        .text
                        .lines()
                        .map(str::trim)
                        .find(|l| !l.is_empty())
                        .map(|l| super::html::one_line(l, 120))
                })
                .unwrap_or_default();
            for (key, value) in front {
                match key.as_str() {
                    "title" => article.title = value,
                    "source" | "outlet" | "publisher" | "site" => article.source = value,
                    "date" | "published" => published = Some(value),
                    "url" | "link" => article.url = Some(value),
                    "lang" | "language" => article.language = value,
                    "id" => article.id = slug(&value),
                    _ => {}
                }
            }
        }
    }
    if article.text.trim().is_empty() {
        diags.push(Diagnostic::error(path, "the file is empty"));
        return (Vec::new(), diags);
    }
    if let Some(p) = published {
        match parse_published(&p) {
            Some(d) => article.published = Some(d),
            None => diags.push(
                Diagnostic::warning(
                    path,
                    format!("publication date '{p}' not understood; ignored"),
                )
                .in_article(&article.id),
            ),
        }
    }
    article.language = match article.language.split(['-', '_']).next() {
        Some(code) if !code.is_empty() => code.to_ascii_lowercase(),
        _ => temporal::detect_language(&article.text)
            .map(|l| l.code().to_owned())
            .unwrap_or_default(),
    };
    (
        vec![Document {
            article,
            ..Document::default()
        }],
        diags,
    )
}

/// A publication date as pages and front matter write it: ISO 8601 with or without a time
/// (the day is kept), or an EDTF date.
fn parse_published(s: &str) -> Option<Edtf> {
    let s = s.trim().trim_matches(['"', '\'']);
    let day = s.get(..10).filter(|d| {
        d.len() == 10
            && d.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
    });
    Edtf::parse(day.unwrap_or(s)).ok()
}

/// An article id from a name: lower-case letters and digits joined by dashes.
pub fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let s = s
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() {
        "article".to_owned()
    } else {
        s
    }
}

/// The offset of a byte that no text file holds (NUL, or most C0 controls), in the first
/// 64 KiB; `None` for text, including UTF-16 with its byte-order mark.
fn binary_at(bytes: &[u8]) -> Option<usize> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    let head = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or(bytes);
    let mut controls = 0usize;
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            return Some(i);
        }
        if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B) {
            controls += 1;
            if controls > 8 && controls * 100 > i + 1 {
                return Some(i);
            }
        }
    }
    None
}

/// A text file's bytes as text: by its byte-order mark, else UTF-8, else Windows-1252.
fn decode_text(bytes: &[u8]) -> (String, Vec<String>) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or(&[]));
        return (text.into_owned(), Vec::new());
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => (t.to_owned(), Vec::new()),
        Err(e) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (
                text.into_owned(),
                vec![format!(
                    "the file is not UTF-8 (byte {}); read as windows-1252 (save it as UTF-8 to be sure)",
                    e.valid_up_to()
                )],
            )
        }
    }
}

/// Front matter (`---` lines around `key: value` lines) and the text after it.
fn front_matter(text: &str) -> (Vec<(String, String)>, &str) {
    let none = (Vec::new(), text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return none;
    };
    let mut fields = Vec::new();
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim();
        if l == "---" || l == "..." {
            return (fields, rest.get(offset..).unwrap_or(""));
        }
        if let Some((k, v)) = l.split_once(':') {
            let v = v.trim().trim_matches(['"', '\'']).trim();
            if !v.is_empty() {
                fields.push((k.trim().to_ascii_lowercase(), v.to_owned()));
            }
        } else if !l.is_empty() && !l.starts_with('#') {
            // Not front matter after all.
            return none;
        }
    }
    none
}

/// Markdown as plain text: the first heading, the text (one paragraph per block, blank
/// lines between), and the link targets.
fn markdown_text(md: &str) -> (Option<String>, String, Vec<String>) {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut out = String::new();
    let mut title: Option<String> = None;
    let mut heading: Option<String> = None;
    let mut links = Vec::new();
    let mut in_image = 0usize;
    let end_block = |out: &mut String, sep: &str| {
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
        if !out.is_empty() {
            out.push_str(sep);
        }
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                end_block(&mut out, "\n\n");
                heading = Some(String::new());
            }
            Event::End(TagEnd::Heading(_)) => {
                if title.is_none() {
                    title = heading
                        .take()
                        .map(|h| h.trim().to_owned())
                        .filter(|h| !h.is_empty());
                }
                heading = None;
                end_block(&mut out, "\n\n");
            }
            Event::Start(Tag::Item) => {
                if !out.ends_with('\n') {
                    end_block(&mut out, "\n");
                }
                out.push_str("• ");
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::HtmlBlock,
            ) => end_block(&mut out, "\n\n"),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => end_block(&mut out, "\n"),
            Event::End(TagEnd::TableCell) => out.push(' '),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let url = dest_url.to_string();
                if (url.starts_with("http://") || url.starts_with("https://"))
                    && !links.contains(&url)
                {
                    links.push(url);
                }
            }
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if in_image == 0 => {
                out.push_str(&t);
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Html(h) => out.push_str(&super::html::html_to_text(&h).text),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            _ => {}
        }
    }
    (title, out.trim().to_owned(), links)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, text: &str) -> (Vec<Document>, Vec<Diagnostic>) {
        let path: Arc<str> = Arc::from(name);
        read_bytes(&path, RawKind::of_path(name).unwrap(), text.as_bytes())
    }

    #[test]
    fn text_title_is_the_first_line() {
        let (docs, diags) = read(
            "notes/Rencontre à Moscou.txt",
            "\n  Rencontre à Moscou\r\nLe 31 juillet 2025, une rencontre.\r\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let a = &docs[0].article;
        assert_eq!(a.title, "Rencontre à Moscou");
        assert_eq!(a.id, "rencontre-à-moscou");
        assert_eq!(
            a.text,
            "\n  Rencontre à Moscou\nLe 31 juillet 2025, une rencontre."
        );
    }

    #[test]
    fn markdown_heading_front_matter_and_links() {
        let md = "---\ntitle: Moscou\nsource: Le Journal\ndate: 2025-08-01T09:00:00+02:00\nlang: fr-FR\n---\n# Une rencontre\n\nLe **31 juillet 2025**, à [Moscou](https://example.org/m).\n\n![photo](https://example.org/p.jpg)\n\n- un\n- deux\n";
        let (docs, diags) = read("a.md", md);
        assert!(diags.is_empty(), "{diags:?}");
        let a = &docs[0].article;
        assert_eq!(a.title, "Moscou", "front matter wins over the heading");
        assert_eq!(a.source, "Le Journal");
        assert_eq!(a.language, "fr");
        assert_eq!(a.published.unwrap().to_string(), "2025-08-01");
        assert_eq!(
            a.text,
            "Une rencontre\n\nLe 31 juillet 2025, à Moscou.\n\n• un\n• deux"
        );
        assert_eq!(a.references, vec!["https://example.org/m".to_owned()]);
        let (docs, _) = read("b.md", "Intro line\n\n## Sub *title*\n\ntext");
        assert_eq!(docs[0].article.title, "Sub title");
    }

    #[test]
    fn binary_empty_and_latin1() {
        let path: Arc<str> = Arc::from("photo.txt");
        let (docs, diags) = read_bytes(&path, RawKind::Text, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        assert!(docs.is_empty());
        assert!(diags[0].message.contains("binary"), "{}", diags[0].message);
        assert_eq!(&*diags[0].path, "photo.txt");
        let (docs, diags) = read_bytes(&path, RawKind::Text, b"  \n\n ");
        assert!(docs.is_empty());
        assert!(diags[0].message.contains("empty"));
        let (docs, diags) = read_bytes(&path, RawKind::Text, b"L'\xe9t\xe9 2024 \xe0 Damas");
        assert_eq!(docs[0].article.text, "L'été 2024 à Damas");
        assert!(diags[0].message.contains("windows-1252"));
        // UTF-16 with its mark is text.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Été 2024".encode_utf16().flat_map(u16::to_le_bytes));
        let (docs, _) = read_bytes(&path, RawKind::Text, &utf16);
        assert_eq!(docs[0].article.text, "Été 2024");
    }
}
