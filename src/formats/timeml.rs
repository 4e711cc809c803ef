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

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use roxmltree::{Node, NodeId};
use serde_json::{Map, Value};
use unicode_normalization::{IsNormalized, UnicodeNormalization as _, is_nfc_quick};

use super::html::{one_line, passage_at};
use super::native::Source;
use crate::model::{
    Article, ArticleIx, CharIndex, DatePoint, Diagnostic, Document, Edtf, Event, EventRole,
    Evidence, Extra, HappeningIx, IntervalEnd, Precision, Qualifier,
};

/// Most XML nodes read from one document: TimeML files hold hundreds; the limit keeps a
/// hostile file from taking gigabytes.
pub const MAX_NODES: u32 = 2_000_000;

/// Longest event title, in characters.
const TITLE_CHARS: usize = 120;

/// Relations that put an event at (or within, or around) the time of the TIMEX3 it links.
const DATING_RELATIONS: &[&str] = &[
    "SIMULTANEOUS",
    "IS_INCLUDED",
    "DURING",
    "DURING_INV",
    "BEGINS",
    "ENDS",
    "BEGUN_BY",
    "ENDED_BY",
    "IDENTITY",
    "INCLUDES",
];

/// Event–event relations through which an event takes the date of the other.
const SAME_TIME_RELATIONS: &[&str] = &["IDENTITY", "SIMULTANEOUS"];

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

/// Deepest element nesting read. roxmltree parses nested elements by recursion, so a
/// document nested tens of thousands deep would overflow the stack; TimeML needs about five.
pub const MAX_DEPTH: usize = 256;

/// Refuses, before parsing, what would make the XML parser recurse without bound: elements
/// nested deeper than [`MAX_DEPTH`], and DTD entities whose values hold markup (each
/// reference would be parsed as nested elements). Returns the message and the byte offset.
///
/// A light scan, not a parser: comments, CDATA sections, processing instructions, quoted
/// attribute values and the DTD are skipped as units; well-formedness is left to roxmltree.
fn check_nesting(text: &str) -> Result<(), (String, usize)> {
    let bytes = text.as_bytes();
    let find = |from: usize, needle: &[u8]| -> usize {
        bytes
            .get(from..)
            .and_then(|rest| rest.windows(needle.len()).position(|w| w == needle))
            .map_or(bytes.len(), |i| from + i + needle.len())
    };
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(lt) = bytes
        .get(i..)
        .and_then(|r| r.iter().position(|&b| b == b'<'))
    {
        let start = i + lt;
        let rest = bytes.get(start..).unwrap_or(&[]);
        i = if rest.starts_with(b"<!--") {
            find(start + 4, b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            find(start + 9, b"]]>")
        } else if rest.starts_with(b"<?") {
            find(start + 2, b"?>")
        } else if rest.starts_with(b"<!") {
            skip_declaration(bytes, start)?
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            find(start + 2, b">")
        } else {
            let end = skip_tag(bytes, start + 1);
            let empty = end >= 2 && bytes.get(end - 2) == Some(&b'/');
            if !empty {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err((
                        format!(
                            "elements are nested more than {MAX_DEPTH} deep, deeper than frise reads (TimeML needs a handful of levels)"
                        ),
                        start,
                    ));
                }
            }
            end
        };
    }
    Ok(())
}

/// The offset just after the `>` that ends the tag begun before `from`, quotes skipped.
fn skip_tag(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return k + 1,
            None => {}
        }
    }
    bytes.len()
}

/// Skips a `<!DOCTYPE …>` (with its internal subset) or another declaration, refusing entity
/// values that hold markup, literally or as a character reference to `<`.
fn skip_declaration(bytes: &[u8], start: usize) -> Result<usize, (String, usize)> {
    let mut quote: Option<(u8, usize)> = None;
    let mut brackets = 0usize;
    let mut k = start + 2;
    while let Some(&b) = bytes.get(k) {
        match quote {
            Some((q, _)) if b == q => quote = None,
            Some((_, at)) => {
                let rest = bytes.get(k..).unwrap_or(&[]);
                if b == b'<' || char_ref_to_lt(rest) {
                    return Err((
                        "the DTD declares an entity whose value holds markup; frise does not expand such entities".to_owned(),
                        at,
                    ));
                }
            }
            None => match b {
                b'"' | b'\'' => quote = Some((b, k)),
                b'[' => brackets += 1,
                b']' => brackets = brackets.saturating_sub(1),
                b'<' if brackets > 0 && bytes.get(k..k + 4) == Some(b"<!--") => {
                    k = bytes
                        .get(k + 4..)
                        .and_then(|r| r.windows(3).position(|w| w == b"-->"))
                        .map_or(bytes.len(), |p| k + 4 + p + 3);
                    continue;
                }
                b'>' if brackets == 0 => return Ok(k + 1),
                _ => {}
            },
        }
        k += 1;
    }
    Ok(bytes.len())
}

/// Does `rest` start with a character reference to `<` (`&#60;`, `&#x3C;`, …)?
fn char_ref_to_lt(rest: &[u8]) -> bool {
    let Some(body) = rest.strip_prefix(b"&#") else {
        return false;
    };
    let (digits, radix) = match body.first() {
        Some(b'x' | b'X') => (body.get(1..).unwrap_or(&[]), 16),
        _ => (body, 10),
    };
    let end = digits
        .iter()
        .position(|&b| b == b';')
        .unwrap_or(digits.len());
    std::str::from_utf8(digits.get(..end).unwrap_or(&[]))
        .ok()
        .and_then(|d| u32::from_str_radix(d, radix).ok())
        == Some(u32::from(b'<'))
}

/// A TIMEX3 element.
struct Timex<'a> {
    tid: &'a str,
    kind: &'a str,
    value: &'a str,
    /// Where the expression is in the article text, when it is in it.
    span: Option<Range<usize>>,
    /// The date it denotes, when its value is a calendar date.
    date: Option<Edtf>,
}

/// The events of one `eid`, as elements and instances.
struct EventRecord<'a, 'input> {
    id: String,
    /// The element with text (or the first one).
    node: Node<'a, 'input>,
    span: Option<Range<usize>>,
    instances: Vec<&'a str>,
    /// Dating candidates from direct links: (date, tid, TLINK id, relation).
    direct: Vec<Candidate<'a>>,
    before_dct: Vec<&'a str>,
    after_dct: Vec<&'a str>,
    /// Events this one is IDENTITY/SIMULTANEOUS with: (event index, TLINK id).
    same_time: Vec<(usize, &'a str)>,
}

#[derive(Clone)]
struct Candidate<'a> {
    date: Edtf,
    tid: &'a str,
    lid: &'a str,
    relation: String,
}

impl Candidate<'_> {
    /// Which of two candidates dates an event better: a point over an open interval,
    /// then the finer precision. Earlier links win ties.
    fn rank(&self) -> (bool, Precision) {
        (!self.date.is_interval(), self.date.precision())
    }
}

fn best<'c, 'a>(candidates: impl Iterator<Item = &'c Candidate<'a>>) -> Option<&'c Candidate<'a>>
where
    'a: 'c,
{
    let mut chosen: Option<&Candidate<'_>> = None;
    for c in candidates {
        if chosen.is_none_or(|b| c.rank() > b.rank()) {
            chosen = Some(c);
        }
    }
    chosen
}

/// Reads one TimeML document.
pub fn read(src: &Source<'_>) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if let Err((message, byte)) = check_nesting(src.text) {
        diags.push(src.error(message).at(pos_at(src, byte)));
        return (Vec::new(), diags);
    }
    let options = roxmltree::ParsingOptions {
        // TimeBank files may declare a DTD; roxmltree bounds entity expansion and never
        // loads external entities.
        allow_dtd: true,
        nodes_limit: MAX_NODES,
    };
    let xml = match roxmltree::Document::parse_with_options(src.text, options) {
        Ok(d) => d,
        Err(e) => {
            diags.push(xml_error(src, &e));
            return (Vec::new(), diags);
        }
    };
    let root = xml.root_element();
    let article_id = Path::new(&**src.path)
        .file_stem()
        .map_or_else(|| "timeml".to_owned(), |s| s.to_string_lossy().into_owned());
    if !root.tag_name().name().eq_ignore_ascii_case("TimeML") {
        diags.push(
            src.error(format!(
                "not a TimeML document: the root element is <{}>, not <TimeML>",
                root.tag_name().name()
            ))
            .at(pos_at(src, root.range().start)),
        );
        return (Vec::new(), diags);
    }
    let at = |node: Node<'_, '_>| pos_at(src, node.range().start);

    // The text, and where each text node went in it.
    let container = root
        .descendants()
        .find(|n| n.has_tag_name("TEXT"))
        .unwrap_or(root);
    let mut text = String::new();
    let mut text_nodes: HashMap<NodeId, Range<usize>> = HashMap::new();
    let mut normalised = false;
    for node in container.descendants().filter(Node::is_text) {
        let raw = node.text().unwrap_or("");
        let start = text.len();
        match is_nfc_quick(raw.chars()) {
            IsNormalized::Yes => text.push_str(raw),
            _ => {
                let n: String = raw.nfc().collect();
                normalised |= n != raw;
                text.push_str(&n);
            }
        }
        text_nodes.insert(node.id(), start..text.len());
    }
    if normalised {
        diags.push(
            src.warning("the text was not in Unicode NFC; normalised")
                .in_article(&article_id),
        );
    }
    let span_of = |node: Node<'_, '_>| -> Option<Range<usize>> {
        let mut texts = node
            .descendants()
            .filter(Node::is_text)
            .filter_map(|t| text_nodes.get(&t.id()));
        let first = texts.next()?;
        let last = texts.next_back().unwrap_or(first);
        Some(first.start..last.end)
    };

    // Time expressions.
    let mut timexes: Vec<Timex<'_>> = Vec::new();
    let mut timex_by_id: HashMap<&str, usize> = HashMap::new();
    let mut dct: Option<usize> = None;
    let in_dct_element = |n: Node<'_, '_>| n.ancestors().any(|a| a.has_tag_name("DCT"));
    for node in root.descendants().filter(|n| n.has_tag_name("TIMEX3")) {
        let Some(tid) = node.attribute("tid") else {
            diags.push(
                src.warning("a TIMEX3 without \"tid\" cannot be linked; it is ignored")
                    .at(at(node))
                    .in_article(&article_id),
            );
            continue;
        };
        let kind = node.attribute("type").unwrap_or("");
        let value = node.attribute("value").unwrap_or("");
        let date = match kind {
            "DURATION" | "SET" => None,
            _ => timex_date(value, node.attribute("mod")),
        };
        if timex_by_id.contains_key(tid) {
            diags.push(
                src.warning(format!(
                    "TIMEX3 id '{tid}' is used twice; links go to the first one"
                ))
                .at(at(node))
                .in_article(&article_id),
            );
            continue;
        }
        let ix = timexes.len();
        timex_by_id.insert(tid, ix);
        let is_dct =
            node.attribute("functionInDocument") == Some("CREATION_TIME") || in_dct_element(node);
        if is_dct && dct.is_none() {
            dct = Some(ix);
        }
        let span = node
            .ancestors()
            .any(|a| a == container)
            .then(|| span_of(node))
            .flatten();
        timexes.push(Timex {
            tid,
            kind,
            value,
            span,
            date,
        });
    }
    let dct_date = dct
        .and_then(|i| timexes.get(i))
        .and_then(|t| t.date.as_ref())
        .and_then(Edtf::as_point)
        .map(|p| at_most_day(*p));
    if dct.is_none() {
        diags.push(
            src.warning("no creation date (DCT): the article has no published date, and events ordered only before or after it stay undated")
                .at(at(root))
                .in_article(&article_id),
        );
    } else if dct_date.is_none() {
        let value = dct.and_then(|i| timexes.get(i)).map_or("", |t| t.value);
        diags.push(
            src.warning(format!(
                "the creation date (DCT) `{value}` is not a calendar date; the article has no published date"
            ))
            .at(at(root))
            .in_article(&article_id),
        );
    }

    // Events and their instances.
    let mut events: Vec<EventRecord<'_, '_>> = Vec::new();
    let mut event_by_eid: HashMap<String, usize> = HashMap::new();
    let mut event_by_instance: HashMap<&str, usize> = HashMap::new();
    for (n, node) in root
        .descendants()
        .filter(|n| n.has_tag_name("EVENT"))
        .enumerate()
    {
        let eid = match node.attribute("eid").or(node.attribute("eiid")) {
            Some(id) => id.to_owned(),
            None => {
                let id = format!("event-{}", n + 1);
                diags.push(
                    src.warning(format!("an EVENT has no \"eid\"; calling it '{id}'"))
                        .at(at(node))
                        .in_article(&article_id),
                );
                id
            }
        };
        let span = node
            .ancestors()
            .any(|a| a == container)
            .then(|| span_of(node))
            .flatten()
            .filter(|s| !s.is_empty());
        let ix = match event_by_eid.get(&eid) {
            Some(&ix) => {
                // Another mention of the same event: the first one with text is its passage.
                if let Some(record) = events.get_mut(ix)
                    && record.span.is_none()
                    && span.is_some()
                {
                    record.span = span;
                    record.node = node;
                }
                ix
            }
            None => {
                let ix = events.len();
                event_by_eid.insert(eid.clone(), ix);
                events.push(EventRecord {
                    id: eid,
                    node,
                    span,
                    instances: Vec::new(),
                    direct: Vec::new(),
                    before_dct: Vec::new(),
                    after_dct: Vec::new(),
                    same_time: Vec::new(),
                });
                ix
            }
        };
        if let Some(eiid) = node.attribute("eiid") {
            add_instance(
                src,
                &article_id,
                node,
                eiid,
                ix,
                &mut event_by_instance,
                &mut events,
                &mut diags,
            );
        }
    }
    for node in root
        .descendants()
        .filter(|n| n.has_tag_name("MAKEINSTANCE"))
    {
        let (Some(eiid), Some(eid)) = (node.attribute("eiid"), node.attribute("eventID")) else {
            diags.push(
                src.error("MAKEINSTANCE needs \"eiid\" and \"eventID\"; it is ignored")
                    .at(at(node))
                    .in_article(&article_id),
            );
            continue;
        };
        let Some(&ix) = event_by_eid.get(eid) else {
            diags.push(
                src.error(format!(
                    "MAKEINSTANCE '{eiid}' refers to event '{eid}', which is not in the document; it is ignored"
                ))
                .at(at(node))
                .in_article(&article_id),
            );
            continue;
        };
        add_instance(
            src,
            &article_id,
            node,
            eiid,
            ix,
            &mut event_by_instance,
            &mut events,
            &mut diags,
        );
    }

    // Temporal links.
    for node in root.descendants().filter(|n| n.has_tag_name("TLINK")) {
        let lid = node.attribute("lid").unwrap_or("?");
        let link_error = |message: String| {
            src.error(format!("TLINK '{lid}': {message}; the link is ignored"))
                .at(at(node))
                .in_article(&article_id)
        };
        let Some(relation) = node.attribute("relType") else {
            diags.push(link_error("no \"relType\"".to_owned()));
            continue;
        };
        let end = |event_attr: &str, time_attr: &str| -> Result<End, String> {
            match (node.attribute(event_attr), node.attribute(time_attr)) {
                (Some(ei), _) => event_by_instance
                    .get(ei)
                    .map(|&i| End::Event(i))
                    .ok_or_else(|| {
                        format!("{event_attr} '{ei}' is not an event instance of this document")
                    }),
                (None, Some(t)) => timex_by_id
                    .get(t)
                    .map(|&i| End::Time(i))
                    .ok_or_else(|| format!("{time_attr} '{t}' is not a TIMEX3 of this document")),
                (None, None) => Err(format!("it has neither {event_attr} nor {time_attr}")),
            }
        };
        let (from, to) = match (
            end("eventInstanceID", "timeID"),
            end("relatedToEventInstance", "relatedToTime"),
        ) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(m), _) | (_, Err(m)) => {
                diags.push(link_error(m));
                continue;
            }
        };
        // Seen from the event's side: "t INCLUDES e" is "e IS_INCLUDED t".
        let (event, relation, other) = match (from, to) {
            (End::Event(e), other) => (e, relation.to_owned(), other),
            (End::Time(t), End::Event(e)) => (e, inverse(relation).to_owned(), End::Time(t)),
            (End::Time(_), End::Time(_)) => continue,
        };
        match other {
            End::Time(t) => {
                let Some(timex) = timexes.get(t) else {
                    continue;
                };
                let Some(record) = events.get_mut(event) else {
                    continue;
                };
                if DATING_RELATIONS.contains(&relation.as_str()) {
                    if let Some(date) = timex.date {
                        record.direct.push(Candidate {
                            date,
                            tid: timex.tid,
                            lid,
                            relation,
                        });
                    }
                } else if Some(t) == dct {
                    match relation.as_str() {
                        "BEFORE" | "IBEFORE" => record.before_dct.push(lid),
                        "AFTER" | "IAFTER" => record.after_dct.push(lid),
                        _ => {}
                    }
                }
            }
            End::Event(other) => {
                if SAME_TIME_RELATIONS.contains(&relation.as_str()) && other != event {
                    if let Some(r) = events.get_mut(event) {
                        r.same_time.push((other, lid));
                    }
                    if let Some(r) = events.get_mut(other) {
                        r.same_time.push((event, lid));
                    }
                }
            }
        }
    }

    // The article.
    let index = CharIndex::new(&text);
    let sentences = sentences(&text);
    let mut out_events = Vec::with_capacity(events.len());
    for record in &events {
        let mut extra = Map::new();
        let mut attributes = Map::new();
        for a in record.node.attributes() {
            attributes.insert(a.name().to_owned(), a.value().into());
        }
        if record.instances.len() > 1 {
            attributes.insert(
                "instances".into(),
                Value::Array(record.instances.iter().map(|&i| i.into()).collect()),
            );
        }
        extra.insert("timeml".into(), Value::Object(attributes));

        let direct = best(record.direct.iter());
        let via = if direct.is_none() {
            record
                .same_time
                .iter()
                .filter_map(|&(other, lid)| {
                    let o = events.get(other)?;
                    best(o.direct.iter()).map(|c| (c, o.id.as_str(), lid))
                })
                .fold(
                    None,
                    |acc: Option<(&Candidate<'_>, &str, &str)>, x| match acc {
                        Some(a) if a.0.rank() >= x.0.rank() => Some(a),
                        _ => Some(x),
                    },
                )
        } else {
            None
        };
        let mut dating_timex = None;
        let date = if let Some(c) = direct {
            extra.insert("dated_by".into(), dated_by(c, &timexes, &timex_by_id, None));
            dating_timex = timex_by_id.get(c.tid).copied();
            Some(c.date)
        } else if let Some((c, other_id, lid)) = via {
            extra.insert(
                "dated_by".into(),
                dated_by(c, &timexes, &timex_by_id, Some((other_id, lid))),
            );
            dating_timex = timex_by_id.get(c.tid).copied();
            Some(c.date)
        } else {
            match (
                dct_date,
                record.before_dct.first(),
                record.after_dct.first(),
            ) {
                (Some(d), Some(lid), None) => {
                    extra.insert("dated_by".into(), order_note(lid, "BEFORE"));
                    Some(Edtf::Interval {
                        start: IntervalEnd::Open,
                        end: IntervalEnd::Date(d),
                    })
                }
                (Some(d), None, Some(lid)) => {
                    extra.insert("dated_by".into(), order_note(lid, "AFTER"));
                    Some(Edtf::Interval {
                        start: IntervalEnd::Date(d),
                        end: IntervalEnd::Open,
                    })
                }
                (Some(_), Some(before), Some(after)) => {
                    diags.push(
                        src.warning(format!(
                            "TLINKs '{before}' and '{after}' put the event both before and after the creation date; it is kept undated"
                        ))
                        .at(at(record.node))
                        .in_article(&article_id)
                        .in_event(&record.id),
                    );
                    None
                }
                _ => None,
            }
        };

        let mut evidence = Vec::new();
        if let Some(passage) = record
            .span
            .clone()
            .and_then(|s| passage_at(&index, &text, s))
        {
            evidence.push(Evidence {
                passage,
                extra: None,
            });
        } else {
            diags.push(
                src.warning("the EVENT has no text inside <TEXT>, so the event has no passage")
                    .at(at(record.node))
                    .in_article(&article_id)
                    .in_event(&record.id),
            );
        }
        if let Some(timex) = dating_timex.and_then(|i| timexes.get(i))
            && let Some(passage) = timex
                .span
                .clone()
                .and_then(|s| passage_at(&index, &text, s))
            && evidence.first().is_none_or(|e| e.passage != passage)
        {
            let mut m = Map::new();
            m.insert("timex_id".into(), timex.tid.into());
            m.insert("timex_type".into(), timex.kind.into());
            m.insert("timex_value".into(), timex.value.into());
            evidence.push(Evidence {
                passage,
                extra: Some(Box::new(m)),
            });
        }

        let title = match &record.span {
            Some(span) => event_title(&text, &sentences, span.clone()),
            None => record
                .node
                .attribute("pred")
                .map_or_else(|| record.id.clone(), |p| p.to_lowercase()),
        };
        out_events.push(Event {
            id: record.id.clone(),
            article: ArticleIx(0),
            title,
            date,
            display_date: None,
            kind: record.node.attribute("class").map(str::to_lowercase),
            actors: Vec::new(),
            places: Vec::new(),
            tags: Vec::new(),
            story: None,
            evidence,
            role: EventRole::Event,
            happening: HappeningIx(0),
            extra: extra_of(extra),
        });
    }

    let mut article_extra = Map::new();
    if let Some(docid) = root
        .descendants()
        .find(|n| n.has_tag_name("DOCID"))
        .and_then(|n| n.text())
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        article_extra.insert("docid".into(), docid.into());
    }
    let timex_list: Vec<Value> = timexes
        .iter()
        .map(|t| {
            let mut m = Map::new();
            m.insert("tid".into(), t.tid.into());
            m.insert("type".into(), t.kind.into());
            m.insert("value".into(), t.value.into());
            if let Some(p) = t.span.clone().and_then(|s| passage_at(&index, &text, s)) {
                m.insert("quote".into(), p.quote(&text).into());
                m.insert("start".into(), p.char_start.into());
                m.insert("end".into(), p.char_end.into());
            }
            Value::Object(m)
        })
        .collect();
    if !timex_list.is_empty() {
        article_extra.insert("timex3".into(), Value::Array(timex_list));
    }
    let comments: Vec<&str> = xml
        .root()
        .children()
        .filter(Node::is_comment)
        .filter_map(|c| c.text())
        .collect();
    let source = comments
        .iter()
        .flat_map(|c| c.lines())
        .find_map(|l| l.trim().strip_prefix("Source:"))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or_else(
            || {
                Path::new(&**src.path)
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            },
            str::to_owned,
        );
    let language = language(root, container, &comments);
    // The first sentence with a letter or digit (some texts open with a rule, "-------").
    let title = sentences
        .iter()
        .filter_map(|s| text.get(s.clone()))
        .find(|s| s.chars().any(char::is_alphanumeric))
        .map(|s| one_line(s, TITLE_CHARS))
        .unwrap_or_default();
    let doc = Document {
        article: Article {
            id: article_id,
            title,
            source,
            url: None,
            published: dct_date.map(Edtf::Point),
            language,
            text,
            path: Arc::clone(src.path),
            references: Vec::new(),
            declared_entities: Vec::new(),
            events: 0..0,
            extra: extra_of(article_extra),
        },
        entities: Vec::new(),
        events: out_events,
        diagnostics: Vec::new(),
    };
    (vec![doc], diags)
}

#[allow(clippy::too_many_arguments)]
fn add_instance<'a>(
    src: &Source<'_>,
    article_id: &str,
    node: Node<'_, '_>,
    eiid: &'a str,
    ix: usize,
    by_instance: &mut HashMap<&'a str, usize>,
    events: &mut [EventRecord<'a, '_>],
    diags: &mut Vec<Diagnostic>,
) {
    match by_instance.get(eiid) {
        Some(&other) if other != ix => diags.push(
            src.warning(format!(
                "event instance id '{eiid}' is used twice; links go to the first one"
            ))
            .at(pos_at(src, node.range().start))
            .in_article(article_id),
        ),
        Some(_) => {}
        None => {
            by_instance.insert(eiid, ix);
            if let Some(r) = events.get_mut(ix) {
                r.instances.push(eiid);
            }
        }
    }
}

enum End {
    Event(usize),
    Time(usize),
}

/// The same relation seen from its other end.
fn inverse(relation: &str) -> &str {
    match relation {
        "BEFORE" => "AFTER",
        "AFTER" => "BEFORE",
        "IBEFORE" => "IAFTER",
        "IAFTER" => "IBEFORE",
        "INCLUDES" => "IS_INCLUDED",
        "IS_INCLUDED" => "INCLUDES",
        "BEGINS" => "BEGUN_BY",
        "BEGUN_BY" => "BEGINS",
        "ENDS" => "ENDED_BY",
        "ENDED_BY" => "ENDS",
        "DURING" => "DURING_INV",
        "DURING_INV" => "DURING",
        other => other,
    }
}

fn dated_by(
    c: &Candidate<'_>,
    timexes: &[Timex<'_>],
    by_id: &HashMap<&str, usize>,
    via: Option<(&str, &str)>,
) -> Value {
    let mut m = Map::new();
    m.insert("tlink".into(), c.lid.into());
    m.insert("relType".into(), c.relation.clone().into());
    m.insert("timex".into(), c.tid.into());
    if let Some(t) = by_id.get(c.tid).and_then(|&i| timexes.get(i)) {
        m.insert("value".into(), t.value.into());
    }
    if let Some((event, lid)) = via {
        m.insert("via_event".into(), event.into());
        m.insert("via_tlink".into(), lid.into());
    }
    Value::Object(m)
}

fn order_note(lid: &str, relation: &str) -> Value {
    let mut m = Map::new();
    m.insert("tlink".into(), lid.into());
    m.insert("relType".into(), relation.into());
    m.insert("timex".into(), "DCT".into());
    Value::Object(m)
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

/// The language of the text: an `xml:lang` or `lang` attribute on the root or `<TEXT>`,
/// else French for a file of the French TimeBank (whose files say so in their opening
/// comment), else unknown.
fn language(root: Node<'_, '_>, container: Node<'_, '_>, comments: &[&str]) -> String {
    const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
    for node in [container, root] {
        if let Some(lang) = node
            .attribute((XML_NS, "lang"))
            .or(node.attribute("lang"))
            .or(node.attribute("language"))
            .filter(|l| !l.trim().is_empty())
        {
            return lang.trim().to_owned();
        }
    }
    if comments.iter().any(|c| c.contains("French TimeBank")) {
        return "fr".to_owned();
    }
    String::new()
}

/// A creation date is a day: finer values (a time) are cut to the day.
fn at_most_day(p: DatePoint) -> DatePoint {
    if p.precision() > Precision::Day {
        DatePoint::new(Precision::Day, p.year(), p.month(), p.day(), 0, 0)
            .map_or(p, |d| d.with_qualifier(p.qualifier))
    } else {
        p
    }
}

/// The calendar date a TIMEX3 value denotes, if it is one, with the effect of its `mod`.
///
/// Accepted: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss[.f]][zone]` (civil time,
/// the zone dropped as everywhere in frise), and `YYYY-MM-DDT` followed by a part of the day
/// (`MO`, `AF`, `EV`, `NI`, …) or an hour alone, both kept as the day. Anything else
/// (weeks, seasons, quarters, decades, `X` placeholders, `PRESENT_REF`, durations) is not
/// a calendar date. `mod="APPROX"` makes the date approximate; `BEFORE`/`ON_OR_BEFORE` and
/// `AFTER`/`ON_OR_AFTER` make it an interval open on the far side; quantity modifiers
/// (`MORE_THAN`, …) say the value is not the date, so nothing is dated by it.
pub fn timex_date(value: &str, modifier: Option<&str>) -> Option<Edtf> {
    let point = calendar_point(value.trim())?;
    match modifier.unwrap_or("") {
        "" | "START" | "MID" | "END" => Some(Edtf::Point(point)),
        "APPROX" => Some(Edtf::Point(point.with_qualifier(Qualifier {
            approximate: true,
            uncertain: false,
        }))),
        "BEFORE" | "ON_OR_BEFORE" => Some(Edtf::Interval {
            start: IntervalEnd::Open,
            end: IntervalEnd::Date(point),
        }),
        "AFTER" | "ON_OR_AFTER" => Some(Edtf::Interval {
            start: IntervalEnd::Date(point),
            end: IntervalEnd::Open,
        }),
        _ => None,
    }
}

fn calendar_point(value: &str) -> Option<DatePoint> {
    let digits = |s: &str, n: usize| -> Option<u32> {
        (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (date, time) = match value.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    let mut parts = date.split('-');
    let year = i32::try_from(digits(parts.next()?, 4)?).ok()?;
    let month = match parts.next() {
        None => None,
        Some(m) => Some(digits(m, 2)?),
    };
    let day = match parts.next() {
        None => None,
        Some(d) => Some(digits(d, 2)?),
    };
    if parts.next().is_some() {
        return None;
    }
    let (Some(month), Some(day)) = (month, day) else {
        if time.is_some() {
            return None;
        }
        return match month {
            Some(m) => DatePoint::new(Precision::Month, year, m, 1, 0, 0),
            None => DatePoint::new(Precision::Year, year, 1, 1, 0, 0),
        };
    };
    let Some(time) = time else {
        return DatePoint::new(Precision::Day, year, month, day, 0, 0);
    };
    const PARTS_OF_DAY: &[&str] = &["MO", "MI", "AF", "EV", "NI", "DT"];
    if PARTS_OF_DAY.contains(&time) {
        return DatePoint::new(Precision::Day, year, month, day, 0, 0);
    }
    // hh, hh:mm, hh:mm:ss(.f), then an optional zone: Z, ±h, ±hh, ±hh:mm, ±hhmm.
    let (clock, zone) = match time.find(['Z', '+', '-']) {
        Some(i) => (time.get(..i)?, time.get(i..)?),
        None => (time, ""),
    };
    let zone_ok = zone.is_empty()
        || zone == "Z"
        || zone.get(1..).is_some_and(|z| {
            let z = z.replace(':', "");
            (1..=4).contains(&z.len()) && z.bytes().all(|b| b.is_ascii_digit())
        });
    if !zone_ok {
        return None;
    }
    let mut fields = clock.split(':');
    let hour = digits(fields.next()?, 2)?;
    let minute = match fields.next() {
        None => {
            // An hour alone: frise has no hour precision, so the day is what is known.
            return (hour <= 24)
                .then(|| DatePoint::new(Precision::Day, year, month, day, 0, 0))
                .flatten();
        }
        Some(m) => digits(m, 2)?,
    };
    if let Some(seconds) = fields.next() {
        let whole = seconds.split('.').next()?;
        digits(whole, 2).filter(|s| *s <= 60)?;
    }
    if fields.next().is_some() {
        return None;
    }
    DatePoint::new(Precision::Minute, year, month, day, hour, minute)
}

/// Abbreviations after which a full stop does not end a French or English sentence.
const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Dr", "Pr", "St", "Ste", "Mr", "Mrs",
    "Ms", "av", "apr", "env", "cf", "etc", "No", "no", "vol", "p",
];

/// Byte ranges of the sentences of `text`, trimmed. A line break always ends a sentence
/// (titles and paragraphs are lines); `.`, `!`, `?` and `…` end one when followed by white
/// space, unless they end an abbreviation ("M. Eltsine") or an initial.
///
/// Hand-written: the Unicode sentence rules (UAX #29, unicode-segmentation) also break
/// after "M." before a capital, which French news text is full of.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let push = |range: Range<usize>, out: &mut Vec<Range<usize>>| {
        let Some(s) = text.get(range.clone()) else {
            return;
        };
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead + trail < s.len() {
            out.push(range.start + lead..range.end - trail);
        }
    };
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        if c == '\n' {
            push(start..end, &mut out);
            start = end;
            continue;
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Closing quotes and brackets belong to the sentence they close.
        let mut stop = end;
        while let Some(&(j, d)) = chars.peek() {
            if matches!(
                d,
                '»' | '"' | '”' | '’' | '\'' | ')' | ']' | '.' | '!' | '?'
            ) {
                stop = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        // French closes quotes after a space: "ici. »".
        let mut look = chars.clone();
        while look
            .next_if(|&(_, d)| matches!(d, ' ' | '\u{a0}' | '\u{202f}'))
            .is_some()
        {}
        if let Some((j, '»')) = look.peek().copied() {
            stop = j + '»'.len_utf8();
            look.next();
            chars = look;
        }
        let next_is_space = chars.peek().is_none_or(|&(_, d)| d.is_whitespace());
        if !next_is_space {
            continue;
        }
        if c == '.' {
            let before = text.get(start..i).unwrap_or("");
            let word = before
                .rsplit(|ch: char| ch.is_whitespace() || ch == '(' || ch == '«' || ch == '-')
                .next()
                .unwrap_or("");
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if initial || ABBREVIATIONS.contains(&word) {
                continue;
            }
        }
        push(start..stop, &mut out);
        start = stop;
    }
    push(start..text.len(), &mut out);
    out
}

/// The title of an event: its own words, then the sentence around them on one line, cut
/// to about [`TITLE_CHARS`] around the event when the sentence is longer. The words come
/// first because one sentence often holds several events.
fn event_title(text: &str, sentences: &[Range<usize>], span: Range<usize>) -> String {
    let word = one_line(text.get(span.clone()).unwrap_or(""), usize::MAX);
    let i = sentences.partition_point(|s| s.end <= span.start);
    let sentence = sentences
        .get(i)
        .filter(|s| s.start <= span.start && span.end <= s.end)
        .cloned()
        .unwrap_or(span.clone());
    let budget = TITLE_CHARS.saturating_sub(word.chars().count() + 3);
    let whole = one_line(text.get(sentence.clone()).unwrap_or(""), usize::MAX);
    let context = if whole.chars().count() <= budget {
        whole
    } else {
        // A window of the sentence around the event, cut at words: a third before it.
        let before = one_line(
            text.get(sentence.start..span.start).unwrap_or(""),
            usize::MAX,
        );
        let after = one_line(text.get(span.end..sentence.end).unwrap_or(""), usize::MAX);
        let room = budget.saturating_sub(word.chars().count() + 2);
        let keep_before = (room / 3).min(before.chars().count());
        let keep_after = room - keep_before;
        let head = if keep_before < before.chars().count() {
            let skip = before.chars().count() - keep_before;
            let tail: String = before.chars().skip(skip).collect();
            // Start at a whole word.
            match tail.split_once(' ') {
                Some((_, rest)) if !rest.is_empty() => format!("…{rest}"),
                _ => "…".to_owned(),
            }
        } else {
            before
        };
        let tail = one_line(&after, keep_after);
        let joined_before = text
            .get(..span.start)
            .is_some_and(|t| t.ends_with(char::is_whitespace));
        let joined_after = text
            .get(span.end..)
            .is_some_and(|t| t.starts_with(char::is_whitespace));
        let mut out = head;
        if joined_before && !out.is_empty() && out != "…" {
            out.push(' ');
        }
        out.push_str(&word);
        if joined_after && !tail.is_empty() {
            out.push(' ');
        }
        out.push_str(&tail);
        out
    };
    if context == word || word.is_empty() {
        context
    } else {
        format!("{word} — {context}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: &str) -> Option<String> {
        timex_date(v, None).map(|d| d.to_string())
    }

    #[test]
    fn calendar_values_only() {
        assert_eq!(d("1999-05-19").as_deref(), Some("1999-05-19"));
        assert_eq!(d("1999-05").as_deref(), Some("1999-05"));
        assert_eq!(d("1999").as_deref(), Some("1999"));
        assert_eq!(d("1999-05-19T10:30").as_deref(), Some("1999-05-19T10:30"));
        assert_eq!(
            d("2002-02-08T12:30-07").as_deref(),
            Some("2002-02-08T12:30")
        );
        assert_eq!(d("2002-02-08T20:30+1").as_deref(), Some("2002-02-08T20:30"));
        assert_eq!(d("1999-07-28TEV").as_deref(), Some("1999-07-28"));
        for not_a_date in [
            "1999-W20",
            "PRESENT_REF",
            "PAST_REF",
            "FUTURE_REF",
            "P3Y",
            "PXD",
            "XXXX-05-19",
            "1999-SU",
            "1999-Q2",
            "196X",
            "1999-WXX-3",
            "TNI",
            "1999-13",
            "1999-02-30",
            "",
        ] {
            assert_eq!(d(not_a_date), None, "{not_a_date}");
        }
        assert_eq!(
            timex_date("2003-02-28", Some("ON_OR_BEFORE")).map(|d| d.to_string()),
            Some("../2003-02-28".to_owned())
        );
        assert_eq!(
            timex_date("2003", Some("APPROX")).map(|d| d.to_string()),
            Some("2003~".to_owned())
        );
        assert_eq!(timex_date("P20Y", Some("MORE_THAN")), None);
    }

    #[test]
    fn sentences_respect_abbreviations() {
        let text =
            "Grosse bronchite.\nLe Kremlin a démenti. M. Eltsine a montré des signes « ici. » Fin";
        let got: Vec<&str> = sentences(text)
            .into_iter()
            .filter_map(|r| text.get(r))
            .collect();
        assert_eq!(
            got,
            vec![
                "Grosse bronchite.",
                "Le Kremlin a démenti.",
                "M. Eltsine a montré des signes « ici. »",
                "Fin"
            ]
        );
    }

    #[test]
    fn long_sentences_are_cut_around_the_event() {
        let text = format!("{} annulé {}.", "mot ".repeat(60), "suite ".repeat(60));
        let start = text.find("annulé").unwrap_or(0);
        let span = start..start + "annulé".len();
        let title = event_title(&text, &sentences(&text), span);
        assert!(title.starts_with("annulé — …mot"), "{title}");
        assert!(title.contains(" annulé suite"), "{title}");
        assert!(title.chars().count() <= TITLE_CHARS, "{title}");
        assert!(title.ends_with('…'), "{title}");
        let short = "Le Kremlin a démenti.";
        let title = event_title(short, &sentences(short), 13..short.len() - 1);
        assert_eq!(title, "démenti — Le Kremlin a démenti.");
    }

    #[test]
    fn nesting_is_bounded_before_parsing() {
        let deep = format!("<TimeML>{}</TimeML>", "<s>".repeat(MAX_DEPTH + 1));
        let Err((message, at)) = check_nesting(&deep) else {
            panic!("deep nesting accepted");
        };
        assert!(message.contains("nested"));
        assert_eq!(at, "<TimeML>".len() + 3 * (MAX_DEPTH - 1));
        let fine = "<?xml version='1.0'?><!-- <a><a> --><TimeML a='>'><TEXT><![CDATA[<x>]]><E/>t</TEXT></TimeML>";
        assert_eq!(check_nesting(fine), Ok(()));
        let entity = "<!DOCTYPE T [<!ENTITY e \"<a><a>\">]><T>&e;</T>";
        assert!(check_nesting(entity).is_err());
        let char_ref = "<!DOCTYPE T [<!ENTITY e \"&#x3C;a>\">]><T>&e;</T>";
        assert!(check_nesting(char_ref).is_err());
        let harmless = "<!DOCTYPE T [<!-- <x> --><!ENTITY eacute \"&#233;\">]><T>&eacute;</T>";
        assert_eq!(check_nesting(harmless), Ok(()));
    }

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
