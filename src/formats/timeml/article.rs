//! The article a TimeML document becomes: its events with their dates and passages, and
//! the article's own metadata (title, source, language, creation date, time expressions).

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use roxmltree::Node;
use serde_json::{Map, Value};

use super::events::{EventRecord, Events};
use super::links::{Candidate, best};
use super::text::{Text, event_title};
use super::timex::Timexes;
use super::{Reader, TITLE_CHARS, extra_of};
use crate::formats::html::{one_line, passage_at};
use crate::model::{
    Article, ArticleIx, CharIndex, Edtf, Event, EventRole, Evidence, HappeningIx, IntervalEnd,
};

/// What the article's events are read against.
pub(super) struct Context<'t, 'a, 'input> {
    pub(super) text: &'t Text<'a, 'input>,
    pub(super) index: &'t CharIndex<'t>,
    pub(super) sentences: &'t [Range<usize>],
    pub(super) timexes: &'t Timexes<'a>,
    pub(super) events: &'t Events<'a, 'input>,
}

/// The events of the article, in document order.
pub(super) fn article_events(reader: &mut Reader<'_, '_>, cx: &Context<'_, '_, '_>) -> Vec<Event> {
    cx.events
        .list
        .iter()
        .map(|record| event_of(reader, cx, record))
        .collect()
}

fn event_of(
    reader: &mut Reader<'_, '_>,
    cx: &Context<'_, '_, '_>,
    record: &EventRecord<'_, '_>,
) -> Event {
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
    let (date, dating_timex) = date_of(reader, cx, record, &mut extra);
    let evidence = evidence_of(reader, cx, record, dating_timex);
    let title = match &record.span {
        Some(span) => event_title(&cx.text.text, cx.sentences, span.clone()),
        None => record
            .node
            .attribute("pred")
            .map_or_else(|| record.id.clone(), |p| p.to_lowercase()),
    };
    Event {
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
    }
}

/// The date of an event and the TIMEX3 that gives it: its own best link, else the best
/// link of an event at the same time, else an open interval from an order relative to the
/// creation date. How it was dated goes in `extra` as `dated_by`.
fn date_of(
    reader: &mut Reader<'_, '_>,
    cx: &Context<'_, '_, '_>,
    record: &EventRecord<'_, '_>,
    extra: &mut Map<String, Value>,
) -> (Option<Edtf>, Option<usize>) {
    let timexes = cx.timexes;
    let direct = best(record.direct.iter());
    let via = if direct.is_none() {
        record
            .same_time
            .iter()
            .filter_map(|&(other, lid)| {
                let o = cx.events.list.get(other)?;
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
    if let Some(c) = direct {
        extra.insert("dated_by".into(), dated_by(c, timexes, None));
        return (Some(c.date), timexes.by_id.get(c.tid).copied());
    }
    if let Some((c, other_id, lid)) = via {
        extra.insert(
            "dated_by".into(),
            dated_by(c, timexes, Some((other_id, lid))),
        );
        return (Some(c.date), timexes.by_id.get(c.tid).copied());
    }
    let date = match (
        timexes.dct_date,
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
            let warning = reader
                .warning(
                    record.node,
                    format!(
                        "TLINKs '{before}' and '{after}' put the event both before and after the creation date; it is kept undated"
                    ),
                )
                .in_event(&record.id);
            reader.push(warning);
            None
        }
        _ => None,
    };
    (date, None)
}

/// The passages of an event: its own words, then the time expression that dates it.
fn evidence_of(
    reader: &mut Reader<'_, '_>,
    cx: &Context<'_, '_, '_>,
    record: &EventRecord<'_, '_>,
    dating_timex: Option<usize>,
) -> Vec<Evidence> {
    let text = &cx.text.text;
    let mut evidence = Vec::new();
    if let Some(passage) = record
        .span
        .clone()
        .and_then(|s| passage_at(cx.index, text, s))
    {
        evidence.push(Evidence {
            passage,
            extra: None,
        });
    } else {
        let warning = reader
            .warning(
                record.node,
                "the EVENT has no text inside <TEXT>, so the event has no passage",
            )
            .in_event(&record.id);
        reader.push(warning);
    }
    if let Some(timex) = dating_timex.and_then(|i| cx.timexes.get(i))
        && let Some(passage) = timex
            .span
            .clone()
            .and_then(|s| passage_at(cx.index, text, s))
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
    evidence
}

fn dated_by(c: &Candidate<'_>, timexes: &Timexes<'_>, via: Option<(&str, &str)>) -> Value {
    let mut m = Map::new();
    m.insert("tlink".into(), c.lid.into());
    m.insert("relType".into(), c.relation.clone().into());
    m.insert("timex".into(), c.tid.into());
    if let Some(t) = timexes.by_id.get(c.tid).and_then(|&i| timexes.get(i)) {
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

/// The article itself, without its text, which the caller moves in once nothing borrows
/// it (copying a whole article text for that would be waste).
pub(super) fn article(
    reader: &Reader<'_, '_>,
    xml: &roxmltree::Document<'_>,
    cx: &Context<'_, '_, '_>,
) -> Article {
    let text = &cx.text.text;
    let root = xml.root_element();
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
                Path::new(&**reader.src.path)
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            },
            str::to_owned,
        );
    let language = language(root, cx.text.container, &comments);
    // The first sentence with a letter or digit (some texts open with a rule, "-------").
    let title = cx
        .sentences
        .iter()
        .filter_map(|s| text.get(s.clone()))
        .find(|s| s.chars().any(char::is_alphanumeric))
        .map(|s| one_line(s, TITLE_CHARS))
        .unwrap_or_default();
    Article {
        id: reader.article_id.clone(),
        title,
        source,
        url: None,
        published: cx.timexes.dct_date.map(Edtf::Point),
        language,
        text: String::new(),
        path: Arc::clone(reader.src.path),
        references: Vec::new(),
        declared_entities: Vec::new(),
        events: 0..0,
        extra: extra_of(article_extra(root, cx, text)),
    }
}

/// The document id and every time expression with its passage, kept on the article.
fn article_extra(root: Node<'_, '_>, cx: &Context<'_, '_, '_>, text: &str) -> Map<String, Value> {
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
    let timex_list: Vec<Value> = cx
        .timexes
        .list
        .iter()
        .map(|t| {
            let mut m = Map::new();
            m.insert("tid".into(), t.tid.into());
            m.insert("type".into(), t.kind.into());
            m.insert("value".into(), t.value.into());
            if let Some(p) = t.span.clone().and_then(|s| passage_at(cx.index, text, s)) {
                m.insert("quote".into(), p.quote(text).into());
                m.insert("start".into(), p.char_start.into());
                m.insert("end".into(), p.char_end.into());
            }
            Value::Object(m)
        })
        .collect();
    if !timex_list.is_empty() {
        article_extra.insert("timex3".into(), Value::Array(timex_list));
    }
    article_extra
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
