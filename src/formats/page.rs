//! Saved web pages (`.html`, `.htm`): the article's main text and its metadata.
//!
//! A page saved from a browser is mostly not the article: menus, headers, share buttons,
//! related links, footers, scripts. The reader keeps the main text the way readability
//! tools do: paragraphs score their container (more text and commas, fewer links score
//! higher), the best-scoring container and its good siblings are kept, and elements that
//! are never the article (`nav`, `footer`, `aside`, forms, `role="navigation"`, classes
//! such as `menu`, `sidebar`, `share`, `cookie`) are dropped with everything inside them.
//! Metadata comes from `<title>`, Open Graph (`og:title`, `og:site_name`, `og:url`,
//! `og:locale`), `article:published_time` and other date tags, JSON-LD `datePublished`,
//! `<time datetime>`, `<html lang>` and the canonical link.
//!
//! Nothing is fetched and nothing runs: scripts, styles, frames and embedded objects are
//! skipped unread (a JSON-LD block is searched for its publication date as plain text),
//! links and images are only collected as references.
//!
//! # Why hand-written
//!
//! `dom_smoothie` 0.19 (a faithful Rust port of Mozilla's readability.js) was measured on
//! the same generated news pages: it builds a full html5ever DOM and scores it, 133 ms for
//! a 1 MB page (the budget is 50 ms) and 3.6 s with 315 MB resident for a 50 MB one, and it
//! brings an HTML5 tree builder and a CSS selector engine into the build for one reader. This reader is one pass over the text with a stack of open elements: time and
//! memory are linear in the page, and a hostile page (unclosed tags, deep nesting, a tag
//! that never ends) costs no more than a plain one. Charsets are decoded by `encoding_rs`,
//! entities by `html-escape`.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization as _;

/// What a page holds for frise.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The article's title: Open Graph, else the `<title>` without the outlet's name, else
    /// the first heading.
    pub title: String,
    /// The outlet: `og:site_name`, else `application-name`, else the host of the URL.
    pub outlet: String,
    /// The canonical URL (`<link rel="canonical">`, else `og:url`).
    pub url: Option<String>,
    /// The publication date as the page wrote it (ISO 8601 in practice).
    pub published: Option<String>,
    /// The language: `<html lang>`, else `og:locale`, as a BCP 47 code.
    pub language: Option<String>,
    /// The main text, NFC, one paragraph per block, blocks separated by a blank line.
    pub text: String,
    /// Links and images of the main text (`http`/`https` only), never fetched.
    pub references: Vec<String>,
}

/// Elements that are never part of an article's text; everything inside is skipped.
const BOILERPLATE_ELEMENTS: &[&str] = &[
    "aside", "button", "canvas", "dialog", "embed", "figure", "footer", "form", "head", "header",
    "iframe", "input", "label", "map", "math", "menu", "nav", "noscript", "object", "option",
    "select", "svg", "video", "audio", "picture",
];

/// Elements whose content is raw text (not markup) and is not shown.
const RAW_TEXT_ELEMENTS: &[&str] = &[
    "script", "style", "template", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript",
    "title",
];

/// Elements with no content and no end tag.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that start and end a block of text.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// ARIA roles of page furniture.
const BOILERPLATE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "menu",
    "menubar",
    "search",
    "dialog",
    "alertdialog",
    "toolbar",
];

/// Words in `class`/`id` that mark furniture (after readability.js's unlikely candidates).
const UNLIKELY_WORDS: &[&str] = &[
    "ad-break",
    "advert",
    "agegate",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "consent",
    "cookie",
    "disqus",
    "footer",
    "gdpr",
    "masthead",
    "menu",
    "modal",
    "navbar",
    "newsletter",
    "pagination",
    "pager",
    "popup",
    "promo",
    "related",
    "remark",
    "replies",
    "share",
    "sharing",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "subscribe",
    "toolbar",
    "widget",
];

/// Words in `class`/`id` that mark the article itself; they outweigh unlikely words.
const LIKELY_WORDS: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text",
];

/// A tag longer than this is not a tag: its `<` is text (keeps a stray quote from making
/// the reader scan the rest of the page for every `<`).
const MAX_TAG_BYTES: usize = 16 * 1024;

/// Open elements deeper than this are not tracked (their text still reads).
const MAX_DEPTH: usize = 256;

/// References kept per page.
const MAX_REFERENCES: usize = 500;

/// Reads a page's metadata and main text. Never fails: what is not markup is text.
pub fn read_page(html: &str) -> Page {
    let mut reader = Reader::default();
    reader.run(html);
    reader.finish()
}

/// One element seen in the page.
#[derive(Clone, Debug)]
struct Element {
    parent: u32,
    /// Readability score given by the paragraphs inside it.
    score: f32,
    /// The element is an `<article>`, `<main>` or marked as the article body.
    article_hint: bool,
}

/// A run of text between block boundaries.
#[derive(Clone, Debug)]
struct Block {
    text: String,
    /// The innermost element the text is in.
    element: u32,
    /// Characters of the text inside links.
    link_chars: usize,
    heading: bool,
    /// The text came from a paragraph-like element (`p`, `pre`, `td`, `blockquote`, `li`).
    paragraph: bool,
    references: Vec<String>,
}

#[derive(Clone, Debug)]
struct Open {
    name: String,
    id: u32,
    skip: bool,
}

#[derive(Default)]
struct Reader {
    elements: Vec<Element>,
    stack: Vec<Open>,
    /// Open elements that are skipped (text inside them is dropped).
    skipping: usize,
    /// Open `<a>` elements.
    in_link: usize,
    blocks: Vec<Block>,
    current: TextRun,
    meta: Meta,
    h1: Option<String>,
    /// `datetime` of `<time>` elements: (value, element it is in, inside skipped furniture).
    times: Vec<(String, u32, bool)>,
}

#[derive(Default)]
struct Meta {
    title: Option<String>,
    og_title: Option<String>,
    site_name: Option<String>,
    application_name: Option<String>,
    og_url: Option<String>,
    canonical: Option<String>,
    locale: Option<String>,
    lang: Option<String>,
    /// Dates in order of trust: `article:published_time` first.
    published: Vec<(u8, String)>,
}

/// Text being gathered for one block, white space collapsed as a browser shows it.
#[derive(Default)]
struct TextRun {
    text: String,
    space: bool,
    link_chars: usize,
    heading: bool,
    paragraph: bool,
    references: Vec<String>,
}

impl TextRun {
    fn push(&mut self, decoded: &str, in_link: bool) {
        for c in decoded.chars() {
            if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' {
                self.space = true;
                continue;
            }
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
                if in_link {
                    self.link_chars += 1;
                }
            }
            self.space = false;
            self.text.push(c);
            if in_link {
                self.link_chars += 1;
            }
        }
    }
}

impl Reader {
    fn run(&mut self, html: &str) {
        self.elements.push(Element {
            parent: 0,
            score: 0.0,
            article_hint: false,
        });
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            let (before, from_lt) = rest.split_at(lt);
            self.text(before);
            let after_lt = from_lt.get(1..).unwrap_or("");
            if let Some(comment) = after_lt.strip_prefix("!--") {
                rest = comment
                    .find("-->")
                    .map_or("", |end| comment.get(end + 3..).unwrap_or(""));
                continue;
            }
            let first = after_lt.chars().next();
            if matches!(first, Some('!' | '?')) {
                // Doctype, CDATA, processing instruction: skipped.
                rest = after_lt
                    .find('>')
                    .map_or("", |gt| after_lt.get(gt + 1..).unwrap_or(""));
                continue;
            }
            let starts_tag = first.is_some_and(|c| c.is_ascii_alphabetic() || c == '/');
            let Some(tag_len) = starts_tag.then(|| tag_end(after_lt)).flatten() else {
                self.text("<");
                rest = after_lt;
                continue;
            };
            let inside = after_lt.get(..tag_len).unwrap_or("");
            rest = after_lt.get(tag_len + 1..).unwrap_or("");
            let tag = Tag::parse(inside);
            if tag.closing {
                self.close(&tag.name);
                continue;
            }
            if RAW_TEXT_ELEMENTS.contains(&tag.name.as_str()) && !tag.self_closing {
                let (content, after) = raw_text(rest, &tag.name);
                rest = after;
                self.raw_element(&tag, inside, content);
                continue;
            }
            self.open(&tag, inside);
        }
        self.text(rest);
        self.flush();
    }

    fn text(&mut self, raw: &str) {
        if self.skipping > 0 || raw.is_empty() {
            return;
        }
        let decoded = html_escape::decode_html_entities(raw);
        self.current.push(&decoded, self.in_link > 0);
    }

    fn top_id(&self) -> u32 {
        self.stack.last().map_or(0, |o| o.id)
    }

    /// Ends the current block of text and records it with the element it is in.
    fn flush(&mut self) {
        let run = std::mem::take(&mut self.current);
        let text = run.text.trim().to_owned();
        if text.is_empty() {
            return;
        }
        let element = self.top_id();
        let chars = text.chars().count();
        if !run.heading && run.paragraph && chars >= 25 && run.link_chars * 2 < chars {
            let commas = text.matches([',', '，', '،']).count();
            let score = 1.0 + commas as f32 + (chars as f32 / 100.0).min(3.0);
            // The paragraph's container and the two above it share its score, as in
            // readability.js.
            let mut ix = self.parent_of(element);
            for divisor in [1.0, 2.0, 3.0] {
                if let Some(e) = self.elements.get_mut(ix as usize) {
                    e.score += score / divisor;
                }
                if ix == 0 {
                    break;
                }
                ix = self.parent_of(ix);
            }
        }
        self.blocks.push(Block {
            text,
            element,
            link_chars: run.link_chars,
            heading: run.heading,
            paragraph: run.paragraph,
            references: run.references,
        });
    }

    fn parent_of(&self, ix: u32) -> u32 {
        self.elements.get(ix as usize).map_or(0, |e| e.parent)
    }

    fn open(&mut self, tag: &Tag, inside: &str) {
        let name = tag.name.as_str();
        let attr = |n: &str| tag.attribute(inside, n);
        match name {
            "meta" => self.meta_tag(tag, inside),
            "link" => {
                let rel = attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical")
                    && let Some(href) = attr("href")
                {
                    self.meta.canonical.get_or_insert_with(|| decode(href));
                }
            }
            "html" => {
                if let Some(lang) = attr("lang").or_else(|| attr("xml:lang")) {
                    let lang = decode(lang);
                    if !lang.is_empty() {
                        self.meta.lang.get_or_insert(lang);
                    }
                }
            }
            "time" => {
                if let Some(dt) = attr("datetime") {
                    let id = self.top_id();
                    self.times.push((decode(dt), id, self.skipping > 0));
                }
            }
            "a" if self.skipping == 0 => {
                if let Some(href) = attr("href") {
                    self.reference(href);
                }
            }
            "img" if self.skipping == 0 => {
                if let Some(src) = attr("src") {
                    self.reference(src);
                }
            }
            _ => {}
        }
        if BLOCK_ELEMENTS.contains(&name) {
            self.flush();
        }
        if VOID_ELEMENTS.contains(&name) || tag.self_closing {
            return;
        }
        // Elements a new one implicitly closes: a paragraph ends where the next starts.
        if matches!(
            name,
            "p" | "li" | "dt" | "dd" | "tr" | "td" | "th" | "option"
        ) && self.stack.last().is_some_and(|o| o.name == name)
        {
            self.close(name);
        }
        if self.stack.len() >= MAX_DEPTH {
            return;
        }
        let skip = self.is_boilerplate(name, tag, inside);
        let hint = matches!(name, "article" | "main")
            || attr("itemprop").is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
            || attr("role").is_some_and(|v| v.eq_ignore_ascii_case("main"));
        let id = self.elements.len() as u32;
        self.elements.push(Element {
            parent: self.top_id(),
            score: 0.0,
            article_hint: hint,
        });
        if skip {
            self.skipping += 1;
        }
        if name == "a" {
            self.in_link += 1;
        }
        if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            self.current.heading = true;
        }
        if matches!(name, "p" | "pre" | "td" | "blockquote" | "li" | "dd") {
            self.current.paragraph = true;
        }
        self.stack.push(Open {
            name: name.to_owned(),
            id,
            skip,
        });
    }

    fn close(&mut self, name: &str) {
        let Some(at) = self.stack.iter().rposition(|o| o.name == name) else {
            return;
        };
        if BLOCK_ELEMENTS.contains(&name) {
            if name == "h1" && self.h1.is_none() && self.skipping == 0 {
                self.h1 = Some(self.current.text.trim().to_owned());
            }
            self.flush();
        }
        for open in self.stack.drain(at..) {
            if open.skip {
                self.skipping = self.skipping.saturating_sub(1);
            }
            if open.name == "a" {
                self.in_link = self.in_link.saturating_sub(1);
            }
        }
    }

    /// Furniture by element, role, `hidden`, and `class`/`id` words.
    fn is_boilerplate(&self, name: &str, tag: &Tag, inside: &str) -> bool {
        if BOILERPLATE_ELEMENTS.contains(&name) {
            return true;
        }
        if tag.attribute(inside, "hidden").is_some()
            || tag
                .attribute(inside, "aria-hidden")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        {
            return true;
        }
        if tag.attribute(inside, "role").is_some_and(|r| {
            let r = r.to_ascii_lowercase();
            BOILERPLATE_ROLES.contains(&r.as_str())
        }) {
            return true;
        }
        if matches!(name, "body" | "article" | "main" | "html") {
            return false;
        }
        let mut words = String::new();
        for a in ["class", "id"] {
            if let Some(v) = tag.attribute(inside, a) {
                words.push_str(&v.to_ascii_lowercase());
                words.push(' ');
            }
        }
        if words.is_empty() {
            return false;
        }
        let unlikely = UNLIKELY_WORDS.iter().any(|w| contains_word(&words, w));
        unlikely && !LIKELY_WORDS.iter().any(|w| contains_word(&words, w))
    }

    fn meta_tag(&mut self, tag: &Tag, inside: &str) {
        let key = tag
            .attribute(inside, "property")
            .or_else(|| tag.attribute(inside, "name"))
            .or_else(|| tag.attribute(inside, "itemprop"))
            .map(str::to_ascii_lowercase);
        let (Some(key), Some(content)) = (key, tag.attribute(inside, "content")) else {
            return;
        };
        let content = decode(content);
        if content.is_empty() {
            return;
        }
        let m = &mut self.meta;
        match key.as_str() {
            "og:title" => {
                m.og_title.get_or_insert(content);
            }
            "og:site_name" => {
                m.site_name.get_or_insert(content);
            }
            "application-name" => {
                m.application_name.get_or_insert(content);
            }
            "og:url" => {
                m.og_url.get_or_insert(content);
            }
            "og:locale" => {
                m.locale.get_or_insert(content);
            }
            "article:published_time" => m.published.push((0, content)),
            "datepublished" | "og:published_time" | "published_time" => {
                m.published.push((1, content))
            }
            "date" | "dc.date" | "dc.date.issued" | "dcterms.created" | "dcterms.issued"
            | "pubdate" | "publishdate" | "publish-date" | "article.published"
            | "sailthru.date" | "parsely-pub-date" => m.published.push((2, content)),
            _ => {}
        }
    }

    fn raw_element(&mut self, tag: &Tag, inside: &str, content: &str) {
        match tag.name.as_str() {
            "title" if self.meta.title.is_none() => {
                let t = one_line(&decode(content));
                if !t.is_empty() {
                    self.meta.title = Some(t);
                }
            }
            "script" => {
                let json_ld = tag
                    .attribute(inside, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if json_ld && let Some(date) = json_string_member(content, "datePublished") {
                    self.meta.published.push((1, date));
                }
            }
            _ => {}
        }
    }

    fn reference(&mut self, target: &str) {
        let target = decode(target.trim());
        let lower = target.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return;
        }
        let refs = &mut self.current.references;
        if refs.len() < MAX_REFERENCES && !refs.contains(&target) {
            refs.push(target);
        }
    }

    /// Is element `ix` inside `ancestor` (or the same)?
    fn within(&self, mut ix: u32, ancestor: u32) -> bool {
        for _ in 0..=MAX_DEPTH {
            if ix == ancestor {
                return true;
            }
            if ix == 0 {
                return false;
            }
            ix = self.parent_of(ix);
        }
        false
    }

    /// The elements whose text is the article: the best-scored container and its siblings
    /// that score at least a fifth of it; `None` when no paragraph scored.
    fn main_elements(&self) -> Option<Vec<u32>> {
        let boosted = |e: &Element| {
            if e.article_hint {
                e.score * 1.25
            } else {
                e.score
            }
        };
        let (best, top) = self
            .elements
            .iter()
            .enumerate()
            .filter(|(_, e)| e.score > 0.0)
            .max_by(|(_, a), (_, b)| boosted(a).total_cmp(&boosted(b)))?;
        let best = best as u32;
        let threshold = (top.score * 0.2).max(10.0);
        let mut chosen = vec![best];
        let parent = top.parent;
        if best != 0 {
            chosen.extend(
                self.elements
                    .iter()
                    .enumerate()
                    .filter(|(i, e)| {
                        *i as u32 != best && *i != 0 && e.parent == parent && e.score >= threshold
                    })
                    .map(|(i, _)| i as u32),
            );
        }
        Some(chosen)
    }

    fn finish(mut self) -> Page {
        let meta = std::mem::take(&mut self.meta);
        let main = self.main_elements();
        let in_main = |b: &Block| match &main {
            Some(roots) => roots.iter().any(|&r| self.within(b.element, r)),
            None => true,
        };
        let title = page_title(&meta, self.h1.as_deref());
        let mut text = String::new();
        let mut references: Vec<String> = Vec::new();
        for block in self.blocks.iter().filter(|b| in_main(b)) {
            let chars = block.text.chars().count();
            // Link lists ("read also", tags) inside the article are furniture too.
            if block.link_chars * 2 > chars && !block.heading {
                continue;
            }
            if block.heading && block.text == title {
                continue;
            }
            if !block.paragraph && !block.heading && main.is_none() && chars < 25 {
                continue;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&block.text);
            for r in &block.references {
                if references.len() < MAX_REFERENCES && !references.contains(r) {
                    references.push(r.clone());
                }
            }
        }
        let url = meta.canonical.clone().or(meta.og_url.clone());
        let outlet = meta
            .site_name
            .clone()
            .or(meta.application_name.clone())
            .or_else(|| url.as_deref().and_then(host))
            .unwrap_or_default();
        let mut published = meta.published.clone();
        published.sort_by_key(|(rank, _)| *rank);
        let published = published.into_iter().map(|(_, d)| d).next().or_else(|| {
            // A `<time>` in the article first, then one in its header.
            let in_article = self.times.iter().find(|(_, el, skipped)| {
                !skipped
                    && main
                        .as_ref()
                        .is_some_and(|m| m.iter().any(|&r| self.within(*el, r)))
            });
            in_article
                .or_else(|| self.times.first())
                .map(|(d, _, _)| d.clone())
        });
        let language = meta
            .lang
            .clone()
            .or(meta.locale.clone().map(|l| l.replace('_', "-")));
        Page {
            title,
            outlet,
            url,
            published,
            language,
            text: text.nfc().collect(),
            references,
        }
    }
}

/// The title: Open Graph's, else `<title>` with the outlet's name taken off, else the
/// first heading.
fn page_title(meta: &Meta, h1: Option<&str>) -> String {
    if let Some(t) = &meta.og_title {
        return one_line(t);
    }
    if let Some(t) = &meta.title {
        if let Some(h1) = h1.filter(|h| !h.is_empty() && t.starts_with(*h)) {
            return one_line(h1);
        }
        if let Some(site) = meta
            .site_name
            .as_deref()
            .or(meta.application_name.as_deref())
        {
            for sep in [" | ", " – ", " — ", " - ", " : ", " :: ", " · "] {
                if let Some(head) = t.strip_suffix(&format!("{sep}{site}")) {
                    return head.trim().to_owned();
                }
            }
        }
        return t.clone();
    }
    h1.map(one_line).unwrap_or_default()
}

/// The host of an `http(s)` URL, without `www.`.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_owned())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode(s: &str) -> String {
    html_escape::decode_html_entities(s).trim().to_owned()
}

/// Is `word` in `words` between non-letters (so `menu` is in `main-menu` but `sharp` does
/// not hold `share`)?
fn contains_word(words: &str, word: &str) -> bool {
    words.match_indices(word).any(|(i, _)| {
        let before = words.get(..i).and_then(|s| s.chars().next_back());
        let after = words.get(i + word.len()..).and_then(|s| s.chars().next());
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphabetic());
        boundary(before) && boundary(after)
    })
}

/// The string value of the first `"member": "…"` in a JSON text, read without parsing the
/// whole (JSON-LD blocks are often invalid JSON).
fn json_string_member(json: &str, member: &str) -> Option<String> {
    let key = format!("\"{member}\"");
    let at = json.find(&key)?;
    let rest = json.get(at + key.len()..)?.trim_start().strip_prefix(':')?;
    let rest = rest.trim_start().strip_prefix('"')?;
    let end = rest.find('"')?;
    let value = rest.get(..end)?.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// The content of a raw-text element and what follows its end tag.
fn raw_text<'a>(rest: &'a str, name: &str) -> (&'a str, &'a str) {
    let close = format!("</{name}");
    match find_ascii_case_insensitive(rest, &close) {
        Some(i) => {
            let content = rest.get(..i).unwrap_or("");
            let after = rest.get(i..).unwrap_or("");
            let after = after
                .find('>')
                .map_or("", |gt| after.get(gt + 1..).unwrap_or(""));
            (content, after)
        }
        None => (rest, ""),
    }
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    let first = needle.first()?.to_ascii_lowercase();
    let bytes = haystack.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes
        .get(from..)?
        .iter()
        .position(|b| b.to_ascii_lowercase() == first)
    {
        let at = from + i;
        if bytes
            .get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Byte length of a tag's inside (after `<`, before `>`), skipping quoted attribute values;
/// `None` if the tag does not end within [`MAX_TAG_BYTES`].
fn tag_end(after_lt: &str) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &c) in after_lt.as_bytes().iter().enumerate().take(MAX_TAG_BYTES) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            // A quote opens a value only after `=` (a stray quote in a name is a letter).
            (None, b'"' | b'\'') if attribute_value_starts(after_lt, i) => quote = Some(c),
            (None, b'>') => return Some(i),
            (None, _) => {}
        }
    }
    None
}

fn attribute_value_starts(inside: &str, quote_at: usize) -> bool {
    inside
        .get(..quote_at)
        .is_some_and(|before| before.trim_end().ends_with('='))
}

/// A tag's name and where its attributes are.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    attributes: Range<usize>,
}

impl Tag {
    fn parse(inside: &str) -> Self {
        let (closing, body, offset) = match inside.strip_prefix('/') {
            Some(b) => (true, b, 1),
            None => (false, inside, 0),
        };
        let name_len = body
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(body.len());
        let self_closing = inside.trim_end().ends_with('/');
        Self {
            name: body.get(..name_len).unwrap_or("").to_ascii_lowercase(),
            closing,
            self_closing,
            attributes: offset + name_len..inside.len(),
        }
    }

    /// The raw value of attribute `wanted` (quoted, single-quoted or bare); `Some("")` for
    /// an attribute without a value.
    fn attribute<'a>(&self, inside: &'a str, wanted: &str) -> Option<&'a str> {
        super::html::attribute_value(inside.get(self.attributes.clone())?, wanted)
    }
}

/// How a page's bytes were turned into text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding used ("UTF-8", "windows-1252", …).
    pub encoding: &'static str,
    /// What the user should know: an unknown charset, bytes replaced.
    pub notes: Vec<String>,
}

/// Decodes a page: a byte-order mark first, then the charset its `<meta>` declares, then
/// UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what browsers assume).
///
/// `Err` when the declared encoding cannot be decoded safely (the WHATWG "replacement"
/// encodings such as ISO-2022-KR).
pub fn decode_page(bytes: &[u8]) -> Result<Decoded, String> {
    use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
    let mut notes = Vec::new();
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom..).unwrap_or(&[]);
        return Ok(decode_with(encoding, body, notes));
    }
    let declared = declared_charset(bytes);
    let encoding = match declared.as_deref() {
        Some(label) => match Encoding::for_label(label.as_bytes()) {
            Some(e) if e == encoding_rs::REPLACEMENT => {
                return Err(format!(
                    "the page is in the {label} encoding, which cannot be read safely; save it as UTF-8"
                ));
            }
            // A page that was read as text cannot really be UTF-16 without a BOM: the
            // HTML standard reads such a declaration as UTF-8.
            Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => UTF_8,
            Some(e) => e,
            None => {
                let fallback = if std::str::from_utf8(bytes).is_ok() {
                    UTF_8
                } else {
                    WINDOWS_1252
                };
                notes.push(format!(
                    "the page declares an unknown charset '{label}'; read as {}",
                    fallback.name()
                ));
                fallback
            }
        },
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => {
            notes.push(
                "the page declares no charset and is not UTF-8; read as windows-1252".to_owned(),
            );
            WINDOWS_1252
        }
    };
    Ok(decode_with(encoding, bytes, notes))
}

fn decode_with(
    encoding: &'static encoding_rs::Encoding,
    bytes: &[u8],
    mut notes: Vec<String>,
) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        notes.push(format!(
            "some bytes are not valid {} and were replaced by \u{fffd}",
            encoding.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        notes,
    }
}

/// The charset a page declares in its first 4 KiB (`<meta charset>` or the `http-equiv`
/// content type).
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        let tag_text = rest.get(at + 1..).unwrap_or("");
        let end = tag_end(tag_text).unwrap_or(tag_text.len());
        let inside = tag_text.get(..end).unwrap_or("");
        let tag = Tag::parse(inside);
        if let Some(cs) = tag.attribute(inside, "charset") {
            return Some(cs.trim().to_owned()).filter(|s| !s.is_empty());
        }
        if let Some(content) = tag.attribute(inside, "content")
            && let Some(i) = content.find("charset=")
        {
            let cs = content.get(i + 8..).unwrap_or("");
            let cs = cs.trim_start_matches(['"', '\'']);
            let cs = cs.split([';', '"', '\'', ' ']).next().unwrap_or("");
            if !cs.is_empty() {
                return Some(cs.to_owned());
            }
        }
        rest = tag_text.get(end..).unwrap_or("");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_and_words() {
        let inside = "meta property=\"og:title\" content='A &amp; B'";
        let tag = Tag::parse(inside);
        assert_eq!(tag.name, "meta");
        assert_eq!(tag.attribute(inside, "content"), Some("A &amp; B"));
        assert!(contains_word("main-menu top", "menu"));
        assert!(!contains_word("sharpen", "share"));
        assert_eq!(
            host("https://www.lemonde.fr/a/b"),
            Some("lemonde.fr".into())
        );
        assert_eq!(
            json_string_member(
                r#"{"@type":"NewsArticle", "datePublished" : "2025-08-01T10:00"}"#,
                "datePublished"
            ),
            Some("2025-08-01T10:00".into())
        );
    }

    #[test]
    fn a_stray_quote_does_not_swallow_the_page() {
        let page = read_page(
            "<p>Un texte assez long pour être un paragraphe, vraiment.</p><a b\"c>lien</a><p>Suite du texte, assez longue elle aussi pour compter.</p>",
        );
        assert!(page.text.contains("Suite du texte"), "{}", page.text);
    }
}
