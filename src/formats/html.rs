//! Plain text from the small HTML fragments other tools put in their files, and the
//! passages the importers cut from the text they build.
//!
//! TimelineJS slide texts and headlines are HTML fragments (`<p>`, `<a href>`, `<i>`,
//! `<blockquote>`, `<br/>`, entities). frise keeps article text plain, so the fragments are
//! turned into text here: tags removed, entities decoded, white space collapsed as a browser
//! would, block elements kept as line breaks, link targets collected.
//!
//! Written by hand: the crates that convert HTML to text (html2text and friends) pull in a
//! full HTML5 parser (html5ever) and render for a terminal, a large compile for a handful of
//! tags; entities are decoded by `html-escape`.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization as _;

use crate::model::{CharIndex, Passage};

/// The text of an HTML fragment and the links found in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlText {
    /// Plain NFC text: one line per block (paragraph, list item, quotation, line break),
    /// without leading or trailing white space.
    pub text: String,
    /// `href` targets of `<a>` elements, in order, without duplicates.
    pub links: Vec<String>,
}

/// Elements that start a new line of plain text.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
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
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
];

/// Elements whose content is not text at all.
const RAW_ELEMENTS: &[&str] = &["script", "style", "template"];

/// Converts an HTML fragment to plain text. Never fails: anything that is not a well-formed
/// tag is taken as text, as a browser would show it.
pub fn html_to_text(html: &str) -> HtmlText {
    let mut out = TextBuilder::default();
    let mut links: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let (before, from_lt) = rest.split_at(lt);
        out.push_text(before);
        let after_lt = from_lt.get(1..).unwrap_or("");
        if let Some(comment) = after_lt.strip_prefix("!--") {
            rest = comment
                .find("-->")
                .map_or("", |end| comment.get(end + 3..).unwrap_or(""));
            continue;
        }
        let starts_tag = after_lt
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        let Some(tag_len) = starts_tag.then(|| tag_end(after_lt)).flatten() else {
            // A lone "<" (as in "a < b") or a tag that never ends: plain text.
            out.push_text("<");
            rest = after_lt;
            continue;
        };
        let inside = after_lt.get(..tag_len).unwrap_or("");
        rest = after_lt.get(tag_len + 1..).unwrap_or("");
        let tag = Tag::parse(inside);
        if BLOCK_ELEMENTS.contains(&tag.name.as_str()) {
            out.break_line();
        }
        if !tag.closing && RAW_ELEMENTS.contains(&tag.name.as_str()) {
            let close = format!("</{}", tag.name);
            rest = find_ascii_case_insensitive(rest, &close)
                .and_then(|i| rest.get(i..))
                .and_then(|r| r.find('>').and_then(|gt| r.get(gt + 1..)))
                .unwrap_or("");
            continue;
        }
        if !tag.closing
            && tag.name == "a"
            && let Some(href) = tag.attribute(inside, "href")
        {
            let href = html_escape::decode_html_entities(href.trim()).into_owned();
            let usable = !href.is_empty()
                && !href.starts_with('#')
                && !href.to_ascii_lowercase().starts_with("javascript:");
            if usable && !links.contains(&href) {
                links.push(href);
            }
        }
    }
    out.push_text(rest);
    HtmlText {
        text: out.finish(),
        links,
    }
}

/// Accumulates text with HTML white-space rules: runs of white space become one space,
/// none at the start or end of a line.
#[derive(Default)]
struct TextBuilder {
    text: String,
    /// A space is owed before the next visible character.
    space: bool,
    /// A line break is owed before the next visible character.
    line: bool,
}

impl TextBuilder {
    fn push_text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = html_escape::decode_html_entities(raw);
        for c in decoded.chars() {
            if c.is_ascii_whitespace() {
                self.space = true;
                continue;
            }
            if !self.text.is_empty() {
                if self.line {
                    self.text.push('\n');
                } else if self.space {
                    self.text.push(' ');
                }
            }
            self.line = false;
            self.space = false;
            self.text.push(c);
        }
    }

    fn break_line(&mut self) {
        self.line = true;
    }

    fn finish(self) -> String {
        self.text.nfc().collect()
    }
}

/// Byte length of a tag's inside (after `<`, before `>`), skipping quoted attribute values;
/// `None` if the tag never ends.
fn tag_end(after_lt: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in after_lt.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, _) => {}
        }
    }
    None
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// A tag's name and where its attributes are.
struct Tag {
    name: String,
    closing: bool,
    /// Byte offset of the attributes in the tag's inside.
    attributes_at: usize,
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
        Self {
            name: body.get(..name_len).unwrap_or("").to_ascii_lowercase(),
            closing,
            attributes_at: offset + name_len,
        }
    }

    /// The raw value of attribute `wanted` (quoted, single-quoted or bare).
    fn attribute<'a>(&self, inside: &'a str, wanted: &str) -> Option<&'a str> {
        attribute_value(inside.get(self.attributes_at..)?, wanted)
    }
}

/// The passage covering `bytes` of the text indexed by `index`, or `None` when the range is
/// not on character boundaries or the text is too long for passage offsets.
pub fn passage_at(index: &CharIndex<'_>, text: &str, bytes: Range<usize>) -> Option<Passage> {
    if bytes.start > bytes.end || !text.is_char_boundary(bytes.start) {
        return None;
    }
    if !text.is_char_boundary(bytes.end) {
        return None;
    }
    Some(Passage {
        byte_start: u32::try_from(bytes.start).ok()?,
        byte_end: u32::try_from(bytes.end).ok()?,
        char_start: u32::try_from(index.char_of_byte(bytes.start)).ok()?,
        char_end: u32::try_from(index.char_of_byte(bytes.end)).ok()?,
    })
}

/// `text` on one line (white space collapsed), at most `max_chars` characters: longer
/// texts are cut at a word boundary and end with "…". Used for titles made from text.
pub fn one_line(text: &str, max_chars: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        return collapsed;
    }
    let budget = max_chars.saturating_sub(1);
    let cut = collapsed
        .char_indices()
        .nth(budget)
        .map_or(collapsed.len(), |(b, _)| b);
    let head = collapsed.get(..cut).unwrap_or(&collapsed);
    // Back up to the last space unless that would lose most of the text.
    let head = match head.rfind(' ') {
        Some(space) if space > cut / 2 => head.get(..space).unwrap_or(head),
        _ => head,
    };
    format!("{}…", head.trim_end_matches([' ', ',', ';', ':']))
}

/// The raw value of attribute `wanted` among a tag's attributes (`href="…" class=x`):
/// quoted, single-quoted or bare, `Some("")` for an attribute without a value. Shared by the
/// fragment reader and the web-page reader.
pub(super) fn attribute_value<'a>(attributes: &'a str, wanted: &str) -> Option<&'a str> {
    let mut rest = attributes;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_len = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = rest.get(..name_len)?;
        rest = rest.get(name_len..)?.trim_start();
        let value = match rest.strip_prefix('=') {
            None => "",
            Some(v) => {
                let v = v.trim_start();
                let (value, after) = match v.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let body = v.get(1..)?;
                        let end = body.find(q).unwrap_or(body.len());
                        (body.get(..end)?, body.get(end + 1..).unwrap_or(""))
                    }
                    _ => {
                        let end = v.find(|c: char| c.is_ascii_whitespace()).unwrap_or(v.len());
                        (v.get(..end)?, v.get(end..).unwrap_or(""))
                    }
                };
                rest = after;
                value
            }
        };
        if name.eq_ignore_ascii_case(wanted) {
            return Some(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_entities_decode_blocks_break() {
        let h = html_to_text(
            "<p>Ada &amp; <a href=\"https://e.org/a?x=1&amp;y=2\">Charles</a>\n  met.</p><p>Then&nbsp;<i>this</i>.<br/>Line</p>",
        );
        assert_eq!(h.text, "Ada & Charles met.\nThen\u{a0}this.\nLine");
        assert_eq!(h.links, vec!["https://e.org/a?x=1&y=2".to_owned()]);
    }

    #[test]
    fn malformed_markup_is_text() {
        assert_eq!(html_to_text("a < b and c<d").text, "a < b and c<d");
        assert_eq!(html_to_text("x <b unclosed").text, "x <b unclosed");
        assert_eq!(html_to_text("<!-- note -->kept").text, "kept");
        assert_eq!(html_to_text("<script>alert(1)</script>ok").text, "ok");
        assert_eq!(html_to_text("<a title='a>b' href=x>y</a>").links, vec!["x"]);
        assert_eq!(html_to_text("").text, "");
    }

    #[test]
    fn one_line_cuts_at_words() {
        assert_eq!(one_line("  a\n b  ", 10), "a b");
        let long = "Le président russe Boris Eltsine a annulé hier une rencontre";
        let short = one_line(long, 30);
        assert!(short.ends_with('…'), "{short}");
        assert!(short.chars().count() <= 30, "{short}");
        assert!(long.starts_with(short.trim_end_matches('…')));
    }
}
