//! ISO-TimeML / TimeML documents (`.tml`): inline XML annotations of events and time
//! expressions in a text, as in TimeBank and the French TimeBank.
//!
//! One file is one article:
//! - its text is the character data of the `<TEXT>` element exactly as written, tags
//!   removed (the whole document's character data when there is no `<TEXT>`); the document
//!   id and the creation date (DCT) outside `<TEXT>` are not article text;
//! - the DCT (`functionInDocument="CREATION_TIME"`) is the published date, at day precision;
//! - every `<EVENT>` (one per `eid`; further instances, by `MAKEINSTANCE` or by empty
//!   `<EVENT>` elements sharing the `eid`, are the same event) becomes an event whose
//!   evidence is its own text span and whose title is the sentence around it;
//! - every `<TIMEX3>` keeps its type and value: listed on the article (with its offsets),
//!   and, when it dates an event, as that event's second passage.
//!
//! An event is placed on the timeline only when the annotation says when it happened: a
//! TLINK of an including or simultaneous kind to a TIMEX3 whose value is a calendar date,
//! directly or through one IDENTITY/SIMULTANEOUS link to another event so dated. An event
//! only ordered before or after the creation date becomes an open interval (`../DCT`,
//! `DCT/..`). Values that are not calendar dates (`1999-W20`, `PRESENT_REF`, `P3Y`,
//! `XXXX-05-19`, `1999-SU`) never date anything; the rest of the events are kept undated.
//!
//! Reading goes by stages, one file each: `nesting` refuses what would make the parser
//! recurse without bound, `text` gathers the article text, `timex` the time
//! expressions and the creation date, `events` the events and their instances,
//! `links` what the TLINKs say about them, and `article` assembles the article.

mod article;
mod events;
mod links;
mod nesting;
mod text;
mod timex;

use std::path::Path;

use roxmltree::Node;
use serde_json::{Map, Value};

use super::native::Source;
use crate::model::{Diagnostic, Document, Extra};
pub use nesting::MAX_DEPTH;
pub use timex::timex_date;

/// Most XML nodes read from one document: TimeML files hold hundreds; the limit keeps a
/// hostile file from taking gigabytes.
pub const MAX_NODES: u32 = 2_000_000;

/// Longest event title, in characters.
const TITLE_CHARS: usize = 120;

/// Is this XML text a TimeML document (is its root element `<TimeML>`)? Looks only at the
/// prolog, so any `.xml` file can be asked.
pub fn looks_like_timeml(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        let next = if let Some(r) = rest.strip_prefix("<?") {
            r.split_once("?>").map(|(_, after)| after)
        } else if let Some(r) = rest.strip_prefix("<!--") {
            r.split_once("-->").map(|(_, after)| after)
        } else if let Some(r) = rest.strip_prefix("<!") {
            // A DOCTYPE, possibly with an internal subset in brackets.
            let end = r.find('>');
            match (r.find('['), end) {
                (Some(open), Some(gt)) if open < gt => r
                    .get(open..)
                    .and_then(|s| s.find(']'))
                    .and_then(|close| r.get(open + close..))
                    .and_then(|s| s.split_once('>'))
                    .map(|(_, after)| after),
                (_, Some(gt)) => r.get(gt + 1..),
                (_, None) => None,
            }
        } else {
            break;
        };
        match next {
            Some(after) => rest = after.trim_start(),
            None => return false,
        }
    }
    rest.strip_prefix("<TimeML")
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/'))
}

/// One document being read: where its diagnostics point, and those gathered so far.
struct Reader<'s, 'src> {
    src: &'s Source<'src>,
    article_id: String,
    diags: Vec<Diagnostic>,
}

impl Reader<'_, '_> {
    /// A warning about `node`, in this article.
    fn warning(&self, node: Node<'_, '_>, message: impl Into<String>) -> Diagnostic {
        self.src
            .warning(message)
            .at(pos_at(self.src, node.range().start))
            .in_article(&self.article_id)
    }

    /// An error about `node`, in this article.
    fn error(&self, node: Node<'_, '_>, message: impl Into<String>) -> Diagnostic {
        self.src
            .error(message)
            .at(pos_at(self.src, node.range().start))
            .in_article(&self.article_id)
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.diags.push(diagnostic);
    }
}

/// Reads one TimeML document.
pub fn read(src: &Source<'_>) -> (Vec<Document>, Vec<Diagnostic>) {
    if let Err((message, byte)) = nesting::check_nesting(src.text) {
        return (Vec::new(), vec![src.error(message).at(pos_at(src, byte))]);
    }
    let options = roxmltree::ParsingOptions {
        // TimeBank files may declare a DTD; roxmltree bounds entity expansion and never
        // loads external entities.
        allow_dtd: true,
        nodes_limit: MAX_NODES,
    };
    let xml = match roxmltree::Document::parse_with_options(src.text, options) {
        Ok(d) => d,
        Err(e) => return (Vec::new(), vec![xml_error(src, &e)]),
    };
    let root = xml.root_element();
    if !root.tag_name().name().eq_ignore_ascii_case("TimeML") {
        let error = src
            .error(format!(
                "not a TimeML document: the root element is <{}>, not <TimeML>",
                root.tag_name().name()
            ))
            .at(pos_at(src, root.range().start));
        return (Vec::new(), vec![error]);
    }
    let mut reader = Reader {
        src,
        article_id: Path::new(&**src.path)
            .file_stem()
            .map_or_else(|| "timeml".to_owned(), |s| s.to_string_lossy().into_owned()),
        diags: Vec::new(),
    };
    let text = text::Text::read(&mut reader, root);
    let timexes = timex::Timexes::read(&mut reader, root, &text);
    let mut events = events::Events::read(&mut reader, root, &text);
    links::read_links(&mut reader, root, &timexes, &mut events);

    let index = crate::model::CharIndex::new(&text.text);
    let sentences = text::sentences(&text.text);
    let cx = article::Context {
        text: &text,
        index: &index,
        sentences: &sentences,
        timexes: &timexes,
        events: &events,
    };
    let out_events = article::article_events(&mut reader, &cx);
    let mut article = article::article(&reader, &xml, &cx);
    article.text = text.text;
    let doc = Document {
        article,
        entities: Vec::new(),
        events: out_events,
        diagnostics: Vec::new(),
    };
    (vec![doc], reader.diags)
}

fn extra_of(map: Map<String, Value>) -> Extra {
    (!map.is_empty()).then(|| Box::new(map))
}

fn pos_at(src: &Source<'_>, byte: usize) -> Option<(u32, u32)> {
    src.text.get(byte..).and_then(|s| src.pos(s))
}

/// A diagnostic for XML that cannot be parsed, in words a person can act on.
fn xml_error(src: &Source<'_>, e: &roxmltree::Error) -> Diagnostic {
    use roxmltree::Error as E;
    let p = e.pos();
    let end_pos = || src.pos(src.text.get(src.text.len()..).unwrap_or(""));
    let (message, pos) = match e {
        E::UnexpectedCloseTag(expected, actual, _) => (
            format!(
                "not well-formed XML: <{expected}> is not closed (found </{actual}> where </{expected}> was expected)"
            ),
            Some((p.row, p.col)),
        ),
        E::UnclosedRootNode => (
            "not well-formed XML: the file ends before every element is closed (an unclosed tag?)"
                .to_owned(),
            end_pos(),
        ),
        E::UnexpectedEndOfStream => (
            "not well-formed XML: the file ends in the middle of a tag".to_owned(),
            end_pos(),
        ),
        E::NodesLimitReached => (
            format!(
                "the document has more than {MAX_NODES} XML nodes, more than frise reads from one TimeML file"
            ),
            None,
        ),
        E::NoRootNode => ("the file holds no XML element".to_owned(), None),
        other => {
            let text = other.to_string();
            let text = match text.rfind(" at ") {
                Some(i)
                    if text
                        .get(i + 4..)
                        .is_some_and(|t| t.chars().all(|c| c.is_ascii_digit() || c == ':')) =>
                {
                    text.get(..i).unwrap_or(&text).to_owned()
                }
                _ => text,
            };
            (format!("not well-formed XML: {text}"), Some((p.row, p.col)))
        }
    };
    src.error(message).at(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prolog_detection() {
        assert!(looks_like_timeml(
            "<?xml version='1.0'?>\n<!-- c -->\n<!DOCTYPE TimeML [<!ENTITY x 'y'>]>\n<TimeML>"
        ));
        assert!(looks_like_timeml("<TimeML xmlns:xsi='x'>"));
        assert!(!looks_like_timeml("<?xml version='1.0'?><html>"));
        assert!(!looks_like_timeml("<TimeMLx>"));
    }
}
