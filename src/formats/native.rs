//! The native annotated-article format, version 1 (see the README): read and write.
//!
//! Reading is two-level so that one bad event never costs the rest of the file: the top
//! level is split into raw JSON values (keeping their place in the file), then the article,
//! each entity and each event are decoded on their own. Every problem is reported with the
//! line:column where the offending item starts.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The hasher of the loader's maps: ids are short and hashed millions of times.
type FastHash = foldhash::fast::RandomState;
use std::fmt;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use unicode_normalization::{IsNormalized, UnicodeNormalization as _, is_nfc_quick};

use crate::model::{
    AnchorError, Article, CharIndex, Context, Corpus, Diagnostic, Document, Edtf, Entity, EntityIx,
    EntityKind, Event, EventRole, Evidence, Extra, HappeningIx, LineIndex, UNPLACED_EVIDENCE,
    anchor, context_of,
};

/// The format version this build reads and writes.
pub const VERSION: u64 = 1;

/// One input file's text, for turning positions into line:column.
pub struct Source<'a> {
    pub path: &'a Arc<str>,
    pub text: &'a str,
    lines: OnceLock<LineIndex<'a>>,
}

impl<'a> Source<'a> {
    pub fn new(path: &'a Arc<str>, text: &'a str) -> Self {
        Self {
            path,
            text,
            lines: OnceLock::new(),
        }
    }

    fn lines(&self) -> &LineIndex<'a> {
        self.lines.get_or_init(|| LineIndex::new(self.text))
    }

    /// Line:column of the start of `part`, a slice of this source's text.
    pub fn pos(&self, part: &str) -> Option<(u32, u32)> {
        let offset = (part.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        (offset <= self.text.len()).then(|| self.lines().line_col(offset))
    }

    /// Line:column of a serde_json error raised while parsing `part` (a slice of the text).
    pub fn error_pos(&self, part: &str, err: &serde_json::Error) -> Option<(u32, u32)> {
        if err.line() == 0 {
            return self.pos(part);
        }
        // serde_json counts lines from 1 and columns in bytes from 1 within `part`.
        let line_start = part
            .split_inclusive('\n')
            .take(err.line() - 1)
            .map(str::len)
            .sum::<usize>();
        let within = (line_start + err.column().saturating_sub(1)).min(part.len());
        let offset = (part.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        Some(self.lines().line_col(offset + within))
    }

    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.path, message)
    }

    pub fn warning(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.path, message)
    }
}

/// A JSON object's members, in order, as raw text: decoding them is left to the caller.
struct RawFields<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for RawFields<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(TopVisitor(std::marker::PhantomData))
            .map(|t| t.fields)
    }
}

/// An array member split into its raw elements, or what the member was instead.
enum List<'a> {
    Items(Vec<&'a RawValue>),
    Not(&'static str),
}

impl<'de: 'a, 'a> Deserialize<'de> for List<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = List<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<S: serde::de::SeqAccess<'de>>(
                self,
                mut seq: S,
            ) -> Result<List<'a>, S::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element::<&'de RawValue>()? {
                    items.push(item);
                }
                Ok(List::Items(items))
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<List<'a>, M::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(List::Not("an object"))
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<List<'a>, E> {
                Ok(List::Not("a string"))
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<List<'a>, E> {
                Ok(List::Not("a boolean"))
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<List<'a>, E> {
                Ok(List::Not("a number"))
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<List<'a>, E> {
                Ok(List::Not("a number"))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<List<'a>, E> {
                Ok(List::Not("a number"))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<List<'a>, E> {
                Ok(List::Not("null"))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A document's top level in one pass: `events` and `entities` are split into their
/// elements as they are read (each event is then decoded on its own), every other member
/// is kept as raw text.
struct TopLevel<'a> {
    fields: RawFields<'a>,
    events: Option<List<'a>>,
    entities: Option<List<'a>>,
}

struct TopVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for TopVisitor<'a> {
    type Value = TopLevel<'a>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an article object {\"frise\": 1, \"article\": {…}, \"events\": […]}")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut top = TopLevel {
            fields: RawFields(Vec::new()),
            events: None,
            entities: None,
        };
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "events" => top.events = Some(map.next_value()?),
                "entities" => top.entities = Some(map.next_value()?),
                _ => {
                    let value: &'de RawValue = map.next_value()?;
                    top.fields.0.push((key, value));
                }
            }
        }
        Ok(top)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for TopLevel<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(TopVisitor(std::marker::PhantomData))
    }
}

#[derive(Deserialize)]
struct ArticleDoc {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct EntityDoc<'a> {
    /// Borrowed from the input unless it holds escapes: it keys the document's index.
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// A member name: one of the known ones (by position), or an unknown one to keep.
enum Member {
    Known(usize),
    Other(String),
}

/// Reads a member name without allocating when it is a known one.
struct MemberSeed(&'static [&'static str]);

impl<'de> serde::de::DeserializeSeed<'de> for MemberSeed {
    type Value = Member;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Member, D::Error> {
        struct V(&'static [&'static str]);
        impl<'de> Visitor<'de> for V {
            type Value = Member;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Member, E> {
                Ok(match self.0.iter().position(|k| *k == v) {
                    Some(i) => Member::Known(i),
                    None => Member::Other(v.to_owned()),
                })
            }
        }
        d.deserialize_str(V(self.0))
    }
}

/// A string member borrowed from the input when it holds no escapes: for members that are
/// only looked at while reading (dates, entity references, quotes), so that reading them
/// allocates nothing.
struct Text<'a>(Cow<'a, str>);

impl Text<'_> {
    fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V(std::marker::PhantomData))
    }
}

/// Declares a document struct whose known members are decoded directly and whose other
/// members are kept in `extra`, to be written back unchanged. Its lifetime `'a` is the
/// input's, for members that borrow from it ([`Text`]).
///
/// Written out instead of `#[serde(flatten)]`, which buffers every member of every event
/// into an intermediate tree before sorting them out: on a million events that doubled the
/// time to read them.
macro_rules! document {
    ($name:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        struct $name<'a> {
            $($field: $ty,)*
            extra: Map<String, Value>,
            _input: std::marker::PhantomData<&'a str>,
        }

        impl<'de: 'a, 'a> Deserialize<'de> for $name<'a> {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const NAMES: &[&str] = &[$(stringify!($field)),*];
                struct V<'a>(std::marker::PhantomData<&'a ()>);
                impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
                    type Value = $name<'a>;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("an object")
                    }
                    #[allow(unused_assignments)]
                    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<$name<'a>, M::Error> {
                        $(let mut $field: Option<$ty> = None;)*
                        let mut extra = Map::new();
                        while let Some(member) = map.next_key_seed(MemberSeed(NAMES))? {
                            match member {
                                Member::Other(key) => {
                                    let value: Value = map.next_value()?;
                                    extra.insert(key, value);
                                }
                                Member::Known(i) => {
                                    let mut n = 0;
                                    $(
                                        if i == n {
                                            if $field.is_some() {
                                                return Err(serde::de::Error::duplicate_field(stringify!($field)));
                                            }
                                            $field = Some(map.next_value()?);
                                        }
                                        n += 1;
                                    )*
                                }
                            }
                        }
                        Ok($name {
                            $($field: $field.unwrap_or_default(),)*
                            extra,
                            _input: std::marker::PhantomData,
                        })
                    }
                }
                d.deserialize_map(V(std::marker::PhantomData))
            }
        }
    };
}

document!(EventDoc {
    id: Option<Text<'a>>,
    title: Option<String>,
    date: Option<Text<'a>>,
    display_date: Option<String>,
    kind: Option<String>,
    actors: Few<Text<'a>>,
    places: Few<Text<'a>>,
    tags: Vec<String>,
    story: Option<String>,
    role: Option<Text<'a>>,
    suggested: Option<bool>,
    evidence: Vec<EvidenceDoc<'a>>,
});

/// A short list of an event's (its actors or places: one or two, as a rule), read
/// in place rather than into an allocation of its own that building the event then drops.
type Few<T> = smallvec::SmallVec<[T; 2]>;

document!(EvidenceDoc {
    quote: Option<Text<'a>>,
    start: Option<u64>,
    end: Option<u64>,
    prefix: Option<String>,
    suffix: Option<String>,
});

impl EvidenceDoc<'_> {
    /// The passage as it was read, to keep when it cannot be placed in the text.
    fn into_value(self) -> Value {
        let mut m = Map::new();
        if let Some(q) = self.quote {
            m.insert("quote".into(), q.as_str().into());
        }
        for (k, v) in [("start", self.start), ("end", self.end)] {
            if let Some(v) = v {
                m.insert(k.into(), v.into());
            }
        }
        for (k, v) in [("prefix", self.prefix), ("suffix", self.suffix)] {
            if let Some(v) = v {
                m.insert(k.into(), v.into());
            }
        }
        m.extend(self.extra);
        Value::Object(m)
    }
}

fn extra(map: Map<String, Value>) -> Extra {
    (!map.is_empty()).then(|| Box::new(map))
}

/// NFC form of `s`, borrowing when it already is (the common case).
fn nfc(s: &str) -> Cow<'_, str> {
    match nfc_quick_check(s) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => {
            let n: String = s.nfc().collect();
            if n == s {
                Cow::Borrowed(s)
            } else {
                Cow::Owned(n)
            }
        }
    }
}

/// The Unicode NFC quick check of `s`, looking only at its code points from U+0300 on.
///
/// Below U+0300 every code point is a starter (combining class 0) allowed in NFC, so the
/// check of a run of higher code points does not depend on what came before it, and the
/// rest is skipped by a byte scan: in UTF-8 those code points, and only they, start with
/// a byte of 0xCC or more. Articles are long and mostly Latin text: this is several times
/// faster than checking every character.
fn nfc_quick_check(s: &str) -> IsNormalized {
    let mut result = IsNormalized::Yes;
    let mut rest = s;
    while let Some(start) = first_from_u0300(rest.as_bytes()) {
        let run = rest.get(start..).unwrap_or("");
        let len = run
            .char_indices()
            .find(|(_, c)| *c < '\u{300}')
            .map_or(run.len(), |(i, _)| i);
        let head = run.get(..len).unwrap_or("");
        if !is_common_punctuation(head.as_bytes()) {
            match is_nfc_quick(head.chars()) {
                IsNormalized::No => return IsNormalized::No,
                IsNormalized::Maybe => result = IsNormalized::Maybe,
                IsNormalized::Yes => {}
            }
        }
        rest = run.get(len..).unwrap_or("");
    }
    result
}

/// Whether `run` is one of U+2010 to U+2027 or U+202F: the dashes, curly quotes, ellipsis
/// and narrow no-break space of most texts, each alone in its run between letters, and all
/// of them starters allowed in NFC, so the quick check needs no table for them.
fn is_common_punctuation(run: &[u8]) -> bool {
    matches!(run, [0xE2, 0x80, 0x90..=0xA7 | 0xAF])
}

/// Where the first byte of 0xCC or more is in `bytes` (see [`nfc_quick_check`]).
///
/// Eight bytes at a time: a word none of whose bytes has its two top bits set (0xC0 or
/// more) is skipped whole; letters with accents (0xC3…) send a word to the byte scan.
fn first_from_u0300(bytes: &[u8]) -> Option<usize> {
    const FIRST_BYTE_FROM_U0300: u8 = 0xCC;
    const TOP_BITS: u64 = 0x8080_8080_8080_8080;
    let (words, rest) = bytes.as_chunks::<8>();
    let mut at = 0;
    for word in words {
        let w = u64::from_le_bytes(*word);
        // The top bit of each byte, and the next bit shifted onto it.
        if w & (w << 1) & TOP_BITS != 0
            && let Some(i) = word.iter().position(|&b| b >= FIRST_BYTE_FROM_U0300)
        {
            return Some(at + i);
        }
        at += 8;
    }
    rest.iter()
        .position(|&b| b >= FIRST_BYTE_FROM_U0300)
        .map(|i| at + i)
}

/// Reads one native document (the whole of a `.json` file, or one line of a `.jsonl` file).
///
/// `part` is a slice of `src.text`. Returns `None` when nothing usable is in it; every
/// problem is in the diagnostics, which are returned either way.
pub fn read_document(src: &Source<'_>, part: &str) -> (Option<Document>, Vec<Diagnostic>) {
    match read_clean_document(src, part) {
        Some(doc) => (Some(doc), Vec::new()),
        None => read_two_level(src, part),
    }
}

/// [`read_document`] the two-level way: the top level split into raw values, then each
/// article, entity and event decoded on its own.
fn read_two_level(src: &Source<'_>, part: &str) -> (Option<Document>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let (fields, events, entities) = match serde_json::from_str::<TopLevel<'_>>(part) {
        Ok(t) => (t.fields.0, t.events, t.entities),
        Err(e) => {
            let message = match part.trim_start().chars().next() {
                Some('[') => "the file holds a JSON array, not an article object {\"frise\": 1, \"article\": {…}, \"events\": […]}".to_owned(),
                _ => json_message(&e),
            };
            diags.push(src.error(message).at(src.error_pos(part, &e)));
            return (None, diags);
        }
    };
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| *v);

    if let Err(error) = check_version(src, part, &field) {
        diags.push(error);
        return (None, diags);
    }

    let Some(raw_article) = field("article") else {
        diags.push(
            src.error("no \"article\" object")
                .at(src.pos(part.trim_start())),
        );
        return (None, diags);
    };
    let article_pos = src.pos(raw_article.get());
    let Some(article) = read_article(src, raw_article, &fields, &mut diags) else {
        return (None, diags);
    };
    let mut doc = Document {
        article,
        ..Document::default()
    };

    let mut by_id = EntityIds::default();
    match entities {
        Some(List::Items(list)) => read_entities(src, list, &mut doc, &mut by_id, &mut diags),
        Some(List::Not(what)) => diags.push(
            src.error(format!("\"entities\" must be an array, not {what}"))
                .at(article_pos)
                .in_article(&doc.article.id),
        ),
        None => {}
    }
    read_events(src, events, article_pos, &mut doc, by_id, &mut diags);
    (Some(doc), diags)
}

/// A whole document decoded in one pass over its text.
///
/// The two-level reading of [`read_document`] scans every event twice (once to split
/// the array into raw values, once to decode each), which is a fifth of the time to read
/// a large corpus. Most files have no problem at all, so they are decoded in one pass
/// first; a file with any problem, in its JSON or in what it says, is read again the
/// two-level way, which gives every message its place.
struct CleanDoc<'a> {
    version: Option<u64>,
    article: Option<ArticleDoc>,
    entities: Option<Vec<EntityDoc<'a>>>,
    events: Option<Vec<EventDoc<'a>>>,
    /// Unknown top-level members, kept on the article.
    others: Map<String, Value>,
}

/// Reads a [`CleanDoc`] from a document of `bytes` bytes, which sizes the event list
/// before it is read: grown from empty, a list of a hundred events is moved five times.
struct CleanDocSeed<'a> {
    bytes: usize,
    _input: std::marker::PhantomData<&'a ()>,
}

/// Bytes of the format per event, on the low side: an id, a short title and a date, as in
/// a file of many short events, where growing the list moved every event read so far
/// twice (2% of the instructions of the 80,000-item export). Places reserved beyond the
/// events a file has are never written, so they take address space, not memory (a
/// million events of 600 bytes each: 1.5 MiB more at the peak, within the noise in time);
/// more events than this allows grow the list as usual.
const BYTES_PER_EVENT: usize = 64;

/// The most events reserved for before any is read.
const MAX_RESERVED_EVENTS: usize = 1 << 16;

impl<'de: 'a, 'a> serde::de::DeserializeSeed<'de> for CleanDocSeed<'a> {
    type Value = CleanDoc<'a>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<CleanDoc<'a>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for CleanDocSeed<'a> {
    type Value = CleanDoc<'a>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an article object")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<CleanDoc<'a>, M::Error> {
        let mut doc = CleanDoc {
            version: None,
            article: None,
            entities: None,
            events: None,
            others: Map::new(),
        };
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let first = match key.as_ref() {
                "frise" => doc.version.replace(map.next_value()?).is_none(),
                "article" => doc.article.replace(map.next_value()?).is_none(),
                "entities" => doc.entities.replace(map.next_value()?).is_none(),
                "events" => {
                    let reserve = (self.bytes / BYTES_PER_EVENT).min(MAX_RESERVED_EVENTS);
                    let events = map.next_value_seed(EventsSeed(reserve, self._input))?;
                    doc.events.replace(events).is_none()
                }
                _ => doc
                    .others
                    .insert(key.into_owned(), map.next_value()?)
                    .is_none(),
            };
            if !first {
                return Err(serde::de::Error::custom("a member is given twice"));
            }
        }
        Ok(doc)
    }
}

/// The events array, read into a list with `.0` places reserved up front.
struct EventsSeed<'a>(usize, std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> serde::de::DeserializeSeed<'de> for EventsSeed<'a> {
    type Value = Vec<EventDoc<'a>>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for EventsSeed<'a> {
    type Value = Vec<EventDoc<'a>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of events")
    }
    fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let mut events = Vec::with_capacity(self.0);
        while let Some(event) = seq.next_element()? {
            events.push(event);
        }
        Ok(events)
    }
}

/// The document in `part` when it decodes in one pass and has nothing to report; `None`
/// sends it to the two-level reading (see [`CleanDoc`]).
fn read_clean_document(src: &Source<'_>, part: &str) -> Option<Document> {
    let mut de = serde_json::Deserializer::from_str(part);
    let seed = CleanDocSeed {
        bytes: part.len(),
        _input: std::marker::PhantomData,
    };
    let clean = serde::de::DeserializeSeed::deserialize(seed, &mut de).ok()?;
    de.end().ok()?;
    if clean.version != Some(VERSION) {
        return None;
    }
    let mut diags = Vec::new();
    let article = build_article(src, clean.article?, None, clean.others, &mut diags);
    let mut doc = Document {
        article,
        ..Document::default()
    };
    let entities = clean.entities.unwrap_or_default();
    let mut by_id = EntityIds::with_capacity_and_hasher(entities.len(), FastHash::default());
    for e in entities {
        declare_entity(src, e, &|| None, &mut doc, &mut by_id, &mut diags);
    }
    build_events(
        src,
        Events::Decoded(clean.events?),
        &mut doc,
        by_id,
        &mut diags,
    );
    diags.is_empty().then_some(doc)
}

/// Refuses a document without `"frise": 1`, saying what was found instead.
fn check_version<'a>(
    src: &Source<'_>,
    part: &str,
    field: &dyn Fn(&str) -> Option<&'a RawValue>,
) -> Result<(), Diagnostic> {
    match field("frise").map(|v| serde_json::from_str::<u64>(v.get())) {
        None => Err(src
            .error("not a frise article: the object has no \"frise\": 1 version field")
            .at(src.pos(part.trim_start()))),
        Some(Ok(VERSION)) => Ok(()),
        Some(Ok(other)) => {
            let v = field("frise").map(RawValue::get).unwrap_or("");
            Err(src
                .error(format!(
                    "unsupported format version {other} (this frise reads version {VERSION})"
                ))
                .at(src.pos(v)))
        }
        Some(Err(_)) => {
            let v = field("frise").map(RawValue::get).unwrap_or("");
            Err(src
                .error(format!(
                    "\"frise\" must be the version number {VERSION}, found {v}"
                ))
                .at(src.pos(v)))
        }
    }
}

/// The article of a document: its members, text (normalised to NFC), published date, and
/// the unknown top-level members kept for writing back. `None` when it cannot be read.
fn read_article(
    src: &Source<'_>,
    raw_article: &RawValue,
    fields: &[(Cow<'_, str>, &RawValue)],
    diags: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let article_doc: ArticleDoc = match serde_json::from_str(raw_article.get()) {
        Ok(a) => a,
        Err(e) => {
            diags.push(
                src.error(format!("the article is not valid: {}", json_message(&e)))
                    .at(src.error_pos(raw_article.get(), &e)),
            );
            return None;
        }
    };
    // Top-level members other than the known ones are kept on the article.
    let mut top_extra = Map::new();
    for (k, v) in fields {
        if !matches!(k.as_ref(), "frise" | "article" | "entities" | "events")
            && let Ok(value) = serde_json::from_str::<Value>(v.get())
        {
            top_extra.insert(k.to_string(), value);
        }
    }
    Some(build_article(
        src,
        article_doc,
        src.pos(raw_article.get()),
        top_extra,
        diags,
    ))
}

/// The article of a decoded document (`top_extra`: its unknown top-level members).
fn build_article(
    src: &Source<'_>,
    article_doc: ArticleDoc,
    article_pos: Option<(u32, u32)>,
    top_extra: Map<String, Value>,
    diags: &mut Vec<Diagnostic>,
) -> Article {
    let id = match article_doc.id.filter(|s| !s.trim().is_empty()) {
        Some(id) => id,
        None => {
            let stem = std::path::Path::new(&**src.path).file_stem().map_or_else(
                || "article".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
            diags.push(
                src.warning(format!("the article has no \"id\"; calling it '{stem}'"))
                    .at(article_pos),
            );
            stem
        }
    };
    let text = match article_doc.text {
        Some(t) => {
            let n = nfc(&t);
            if let Cow::Owned(n) = n {
                diags.push(
                    src.warning("the text was not in Unicode NFC; normalised (offsets may have moved, quotes re-anchored)")
                        .at(article_pos)
                        .in_article(&id),
                );
                n
            } else {
                t
            }
        }
        None => {
            diags.push(
                src.warning("the article has no \"text\"; its events cannot have passages")
                    .at(article_pos)
                    .in_article(&id),
            );
            String::new()
        }
    };
    let published = article_doc
        .published
        .as_deref()
        .and_then(|p| match Edtf::parse(p) {
            Ok(d) => Some(d),
            Err(e) => {
                diags.push(
                    src.warning(format!("published date ignored: {e}"))
                        .at(article_pos)
                        .in_article(&id),
                );
                None
            }
        });

    let mut article_extra = article_doc.extra;
    if !top_extra.is_empty() {
        article_extra.insert(TOP_LEVEL_EXTRA.to_owned(), Value::Object(top_extra));
    }

    Article {
        id,
        title: article_doc.title.unwrap_or_default(),
        source: article_doc.source.unwrap_or_default(),
        url: article_doc.url,
        published,
        language: article_doc.language.unwrap_or_default(),
        text,
        path: Arc::clone(src.path),
        references: Vec::new(),
        declared_entities: Vec::new(),
        events: 0..0,
        extra: extra(article_extra),
    }
}

/// A document's events: raw, to be decoded one by one, or already decoded.
enum Events<'r> {
    Raw(Vec<&'r RawValue>),
    Decoded(Vec<EventDoc<'r>>),
}

impl Events<'_> {
    fn len(&self) -> usize {
        match self {
            Events::Raw(list) => list.len(),
            Events::Decoded(list) => list.len(),
        }
    }
}

/// The events of `doc`, each read on its own: a bad one is reported and skipped.
fn read_events<'r>(
    src: &Source<'_>,
    events: Option<List<'r>>,
    article_pos: Option<(u32, u32)>,
    doc: &mut Document,
    by_id: EntityIds<'r>,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(events) = events {
        match events {
            List::Items(events) => build_events(src, Events::Raw(events), doc, by_id, diags),
            List::Not(what) => diags.push(
                src.error(format!("\"events\" must be an array, not {what}"))
                    .at(article_pos)
                    .in_article(&doc.article.id),
            ),
        }
    } else {
        diags.push(
            src.warning("the article has no \"events\"")
                .at(article_pos)
                .in_article(&doc.article.id),
        );
    }
}

/// Decodes (when raw) and builds the events of `doc`, anchoring their passages in its text.
fn build_events<'r>(
    src: &Source<'_>,
    events: Events<'r>,
    doc: &mut Document,
    by_id: EntityIds<'r>,
    diags: &mut Vec<Diagnostic>,
) {
    let index = CharIndex::new(&doc.article.text);
    let mut seen: HashSet<Cow<'r, str>, FastHash> =
        HashSet::with_capacity_and_hasher(events.len(), FastHash::default());
    doc.events.reserve(events.len());
    let mut ctx = EventCtx {
        src,
        article_id: &doc.article.id,
        entities: DocEntities {
            list: &mut doc.entities,
            by_id,
        },
        index: &index,
        seen: &mut seen,
        diags,
    };
    match events {
        Events::Raw(list) => {
            for (n, raw_event) in list.into_iter().enumerate() {
                if let Some(ev) = read_event(&mut ctx, raw_event, n) {
                    doc.events.push(ev);
                }
            }
        }
        Events::Decoded(list) => {
            for (n, e) in list.into_iter().enumerate() {
                if let Some(ev) = build_event(&mut ctx, e, n, &|| None) {
                    doc.events.push(ev);
                }
            }
        }
    }
}

/// Key under which unknown top-level members are kept, on the article's extra fields.
const TOP_LEVEL_EXTRA: &str = "\u{0}top-level";

/// The local index of each entity of a document by id, the ids borrowed from the input
/// (`'r`) unless they held escapes.
type EntityIds<'r> = HashMap<Cow<'r, str>, EntityIx, FastHash>;

fn read_entities<'r>(
    src: &Source<'_>,
    list: Vec<&'r RawValue>,
    doc: &mut Document,
    by_id: &mut EntityIds<'r>,
    diags: &mut Vec<Diagnostic>,
) {
    by_id.reserve(list.len());
    for raw_entity in list {
        let e: EntityDoc<'r> = match serde_json::from_str(raw_entity.get()) {
            Ok(e) => e,
            Err(err) => {
                diags.push(
                    src.error(format!("entity skipped: {}", json_message(&err)))
                        .at(src.error_pos(raw_entity.get(), &err))
                        .in_article(&doc.article.id),
                );
                continue;
            }
        };
        declare_entity(src, e, &|| src.pos(raw_entity.get()), doc, by_id, diags);
    }
}

/// Adds a declared entity to `doc`, unless one with its id came first.
fn declare_entity<'r>(
    src: &Source<'_>,
    e: EntityDoc<'r>,
    pos: &dyn Fn() -> Option<(u32, u32)>,
    doc: &mut Document,
    by_id: &mut EntityIds<'r>,
    diags: &mut Vec<Diagnostic>,
) {
    if by_id.contains_key(&e.id) {
        diags.push(
            src.warning(format!(
                "entity '{}' is declared twice; the first one is kept",
                e.id
            ))
            .at(pos())
            .in_article(&doc.article.id),
        );
        return;
    }
    let kind = match e.kind.as_deref() {
        None => EntityKind::Other,
        Some(k) => EntityKind::parse(k).unwrap_or_else(|| {
            diags.push(
                src.warning(format!(
                    "entity '{}': unknown kind '{k}' (person, organization, place, other); using 'other'",
                    e.id
                ))
                .at(pos())
                .in_article(&doc.article.id),
            );
            EntityKind::Other
        }),
    };
    let ix = EntityIx(doc.entities.len() as u32);
    doc.entities.push(Entity {
        id: e.id.to_string(),
        name: e.name.unwrap_or_default(),
        kind,
        extra: extra(e.extra),
    });
    by_id.insert(e.id, ix);
    doc.article.declared_entities.push(ix);
}

/// Local index of entity `id`, declaring it (with a warning) when the file did not.
fn entity_ref<'r>(
    entities: &mut DocEntities<'_, 'r>,
    id: Cow<'r, str>,
    kind: EntityKind,
    warn: &mut dyn FnMut(String),
) -> EntityIx {
    if let Some(&ix) = entities.by_id.get(&id) {
        return ix;
    }
    warn(format!(
        "'{id}' is not declared in \"entities\"; added as a {}",
        kind.name()
    ));
    let ix = EntityIx(entities.list.len() as u32);
    entities.list.push(Entity {
        id: id.to_string(),
        name: String::new(),
        kind,
        extra: None,
    });
    entities.by_id.insert(id, ix);
    ix
}

/// A document's entities and an index of them by id.
struct DocEntities<'a, 'r> {
    list: &'a mut Vec<Entity>,
    by_id: EntityIds<'r>,
}

/// What decoding one event needs from its document.
struct EventCtx<'a, 'b, 'r> {
    src: &'a Source<'b>,
    article_id: &'a str,
    entities: DocEntities<'a, 'r>,
    index: &'a CharIndex<'a>,
    /// The ids read so far, borrowed from the input (`'r`) unless they held escapes.
    seen: &'a mut HashSet<Cow<'r, str>, FastHash>,
    diags: &'a mut Vec<Diagnostic>,
}

/// Decodes and builds event number `n` (from 0) of its article.
fn read_event<'r>(ctx: &mut EventCtx<'_, '_, 'r>, raw: &'r RawValue, n: usize) -> Option<Event> {
    let (src, article_id) = (ctx.src, ctx.article_id);
    let e: EventDoc = match serde_json::from_str(raw.get()) {
        Ok(e) => e,
        Err(err) => {
            // Name the event if its id can be read at all.
            let id = serde_json::from_str::<RawFields<'_>>(raw.get())
                .ok()
                .and_then(|f| {
                    f.0.iter()
                        .find(|(k, _)| k == "id")
                        .and_then(|(_, v)| serde_json::from_str::<String>(v.get()).ok())
                })
                .unwrap_or_else(|| format!("#{}", n + 1));
            ctx.diags.push(
                src.error(format!("event skipped: {}", json_message(&err)))
                    .at(src.error_pos(raw.get(), &err))
                    .in_article(article_id)
                    .in_event(&id),
            );
            return None;
        }
    };
    // Where the event starts, computed only for a message: finding a column means
    // counting characters along the line, and a .jsonl line is a whole article.
    build_event(ctx, e, n, &|| src.pos(raw.get()))
}

/// Builds event number `n` of its article from its decoded members; `pos` tells where
/// it starts in the file, for messages.
fn build_event<'r>(
    ctx: &mut EventCtx<'_, '_, 'r>,
    e: EventDoc<'r>,
    n: usize,
    pos: &dyn Fn() -> Option<(u32, u32)>,
) -> Option<Event> {
    let EventCtx {
        src,
        article_id,
        entities,
        index,
        seen,
        diags,
    } = ctx;
    let (src, article_id, index) = (*src, *article_id, *index);
    let id: Cow<'r, str> = match e.id.map(|t| t.0).filter(|s| !s.trim().is_empty()) {
        Some(id) => id,
        None => {
            let id = format!("event-{}", n + 1);
            diags.push(
                src.warning(format!("event #{} has no \"id\"; calling it '{id}'", n + 1))
                    .at(pos())
                    .in_article(article_id),
            );
            Cow::Owned(id)
        }
    };
    let err = |msg: String| {
        src.error(msg)
            .at(pos())
            .in_article(article_id)
            .in_event(&id)
    };
    if !seen.insert(id.clone()) {
        diags.push(err(
            "duplicate event id: an earlier event in this article has the same id; this one is skipped".to_owned(),
        ));
        return None;
    }
    let date = match e.date.as_ref().map(Text::as_str) {
        None => None,
        Some(d) => match Edtf::parse(d) {
            Ok(d) => Some(d),
            Err(problem) => {
                diags.push(err(format!("event skipped: invalid date: {problem}")));
                return None;
            }
        },
    };
    let role = match e.role.as_ref().map(Text::as_str) {
        None | Some("event") => EventRole::Event,
        Some("period") => EventRole::Period,
        Some(other) => {
            diags.push(
                src.warning(format!(
                    "unknown role '{other}' (event, period); using 'event'"
                ))
                .at(pos())
                .in_article(article_id)
                .in_event(&id),
            );
            EventRole::Event
        }
    };
    // Proposed from the text and not yet reviewed.
    let role = match (role, e.suggested) {
        (EventRole::Event, Some(true)) => EventRole::Suggested,
        (role, _) => role,
    };
    let (evidence, unplaced) = read_evidence(src, article_id, index, diags, &id, e.evidence, pos);
    let mut event_extra = e.extra;
    if !unplaced.is_empty() {
        event_extra.insert(UNPLACED_EVIDENCE.to_owned(), Value::Array(unplaced));
    }
    let title = match e.title.filter(|t| !t.trim().is_empty()) {
        Some(t) => t,
        None => {
            diags.push(
                src.warning("the event has no \"title\"; showing its id")
                    .at(pos())
                    .in_article(article_id)
                    .in_event(&id),
            );
            id.to_string()
        }
    };
    let mut ref_warnings = Vec::new();
    let mut warn = |m: String| ref_warnings.push(m);
    let actors = e
        .actors
        .into_iter()
        .map(|a| entity_ref(entities, a.0, EntityKind::Other, &mut warn))
        .collect();
    let places = e
        .places
        .into_iter()
        .map(|p| entity_ref(entities, p.0, EntityKind::Place, &mut warn))
        .collect();
    for m in ref_warnings {
        diags.push(
            src.warning(m)
                .at(pos())
                .in_article(article_id)
                .in_event(&id),
        );
    }
    Some(Event {
        id: id.into_owned(),
        article: crate::model::ArticleIx(0),
        title,
        date,
        display_date: e.display_date,
        kind: e.kind.filter(|k| !k.is_empty()),
        actors,
        places,
        tags: e.tags,
        story: e.story.filter(|s| !s.is_empty()),
        evidence,
        role,
        happening: HappeningIx(0),
        extra: extra(event_extra),
    })
}

/// The evidence of event `id`, each quote anchored in the article text by its offsets and
/// context. A passage that cannot be placed is never dropped: it is returned in the second
/// list (with its position among the passages) and named in a diagnostic, a warning when its
/// quote is no longer in the text, an error when the file itself is wrong (a quote that
/// occurs several times with nothing to tell them apart, start after end).
fn read_evidence(
    src: &Source<'_>,
    article_id: &str,
    index: &CharIndex<'_>,
    diags: &mut Vec<Diagnostic>,
    id: &str,
    list: Vec<EvidenceDoc<'_>>,
    pos: &dyn Fn() -> Option<(u32, u32)>,
) -> (Vec<Evidence>, Vec<Value>) {
    let mut evidence = Vec::with_capacity(list.len());
    let mut unplaced = Vec::new();
    for (k, ev) in list.into_iter().enumerate() {
        // The text is NFC; a quote almost always is too, so it is normalised (which costs
        // a pass over it) only when it is not found as written.
        let raw_quote = ev.quote.as_ref().map_or("", Text::as_str);
        let context = Context {
            prefix: ev.prefix.as_deref(),
            suffix: ev.suffix.as_deref(),
        };
        let found = match anchor(index, raw_quote, ev.start, ev.end, context) {
            Err(AnchorError::NotFound { .. } | AnchorError::Ambiguous { .. })
                if !raw_quote.is_ascii() =>
            {
                match nfc(raw_quote) {
                    Cow::Owned(normalised) => anchor(index, &normalised, ev.start, ev.end, context),
                    Cow::Borrowed(_) => anchor(index, raw_quote, ev.start, ev.end, context),
                }
            }
            other => other,
        };
        match found {
            Ok(anchored) => {
                if let Some(correction) = anchored.correction {
                    diags.push(
                        src.warning(format!("evidence {}: {correction}", k + 1))
                            .at(pos())
                            .in_article(article_id)
                            .in_event(id),
                    );
                }
                evidence.push(Evidence {
                    passage: anchored.passage,
                    extra: extra(ev.extra),
                });
            }
            Err(problem) => {
                let message = format!(
                    "evidence {} is unplaced: {problem}; the event loads, and the passage is kept as it is written",
                    k + 1
                );
                let diagnostic = if matches!(problem, AnchorError::NotFound { .. }) {
                    src.warning(message)
                } else {
                    src.error(message)
                };
                diags.push(diagnostic.at(pos()).in_article(article_id).in_event(id));
                let mut entry = Map::new();
                entry.insert("at".into(), k.into());
                entry.insert("evidence".into(), ev.into_value());
                unplaced.push(Value::Object(entry));
            }
        }
    }
    (evidence, unplaced)
}

/// serde_json's message without its " at line L column C" tail (we print our own place).
pub fn json_message(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let cleaned = match msg.rfind(" at line ") {
        Some(i) => msg.get(..i).unwrap_or(&msg).to_owned(),
        None => msg,
    };
    match e.classify() {
        serde_json::error::Category::Eof => format!("the JSON ends too early ({cleaned})"),
        serde_json::error::Category::Syntax => format!("invalid JSON: {cleaned}"),
        _ => cleaned,
    }
}

/// Writes one article of a corpus back in the native format, unknown fields included.
pub fn write_document(corpus: &Corpus, article_ix: crate::model::ArticleIx) -> Option<Value> {
    let article = corpus.article(article_ix)?;
    let mut top = Map::new();
    top.insert("frise".into(), VERSION.into());

    let mut a = Map::new();
    a.insert("id".into(), article.id.clone().into());
    let opt = |m: &mut Map<String, Value>, k: &str, v: &str| {
        if !v.is_empty() {
            m.insert(k.into(), v.into());
        }
    };
    opt(&mut a, "title", &article.title);
    opt(&mut a, "source", &article.source);
    opt(&mut a, "url", article.url.as_deref().unwrap_or(""));
    if let Some(p) = &article.published {
        a.insert("published".into(), p.to_string().into());
    }
    opt(&mut a, "language", &article.language);
    a.insert("text".into(), article.text.clone().into());
    let mut top_extra = None;
    if let Some(extra) = &article.extra {
        for (k, v) in extra.iter() {
            if k == TOP_LEVEL_EXTRA {
                top_extra = v.as_object();
            } else {
                a.insert(k.clone(), v.clone());
            }
        }
    }
    top.insert("article".into(), Value::Object(a));

    let events: Vec<&Event> = corpus
        .events
        .iter()
        .filter(|e| e.article == article_ix)
        .collect();
    let mut entity_ixs: Vec<EntityIx> = article.declared_entities.clone();
    for e in &events {
        for ix in e.actors.iter().chain(&e.places) {
            if !entity_ixs.contains(ix) {
                entity_ixs.push(*ix);
            }
        }
    }
    let entities: Vec<Value> = entity_ixs
        .iter()
        .filter_map(|&ix| corpus.entity(ix))
        .map(|ent| {
            let mut m = Map::new();
            m.insert("id".into(), ent.id.clone().into());
            if !ent.name.is_empty() {
                m.insert("name".into(), ent.name.clone().into());
            }
            m.insert("kind".into(), ent.kind.name().into());
            merge_extra(&mut m, &ent.extra);
            Value::Object(m)
        })
        .collect();
    top.insert("entities".into(), Value::Array(entities));

    let ids = |ixs: &[EntityIx]| -> Value {
        Value::Array(
            ixs.iter()
                .filter_map(|&ix| corpus.entity(ix))
                .map(|e| Value::from(e.id.clone()))
                .collect(),
        )
    };
    let events: Vec<Value> = events
        .iter()
        .map(|e| {
            let mut m = Map::new();
            m.insert("id".into(), e.id.clone().into());
            m.insert("title".into(), e.title.clone().into());
            if let Some(d) = &e.date {
                m.insert("date".into(), d.to_string().into());
            }
            if let Some(d) = &e.display_date {
                m.insert("display_date".into(), d.clone().into());
            }
            if let Some(k) = &e.kind {
                m.insert("kind".into(), k.clone().into());
            }
            if e.role == EventRole::Period {
                m.insert("role".into(), "period".into());
            }
            if e.role == EventRole::Suggested {
                m.insert("suggested".into(), true.into());
            }
            if !e.actors.is_empty() {
                m.insert("actors".into(), ids(&e.actors));
            }
            if !e.places.is_empty() {
                m.insert("places".into(), ids(&e.places));
            }
            if !e.tags.is_empty() {
                m.insert("tags".into(), e.tags.clone().into());
            }
            if let Some(s) = &e.story {
                m.insert("story".into(), s.clone().into());
            }
            let mut evidence: Vec<Value> = e
                .evidence
                .iter()
                .map(|ev| {
                    let mut m = Map::new();
                    m.insert("quote".into(), ev.passage.quote(&article.text).into());
                    m.insert("start".into(), ev.passage.char_start.into());
                    m.insert("end".into(), ev.passage.char_end.into());
                    let (prefix, suffix) = context_of(&article.text, &ev.passage);
                    m.insert("prefix".into(), prefix.into());
                    m.insert("suffix".into(), suffix.into());
                    merge_extra(&mut m, &ev.extra);
                    Value::Object(m)
                })
                .collect();
            // Passages that could not be placed go back where they were, as they were read.
            for (at, unplaced) in e.unplaced_evidence() {
                evidence.insert(at.min(evidence.len()), unplaced.clone());
            }
            m.insert("evidence".into(), Value::Array(evidence));
            merge_extra(&mut m, &e.extra);
            Value::Object(m)
        })
        .collect();
    top.insert("events".into(), Value::Array(events));
    if let Some(extra) = top_extra {
        for (k, v) in extra {
            top.insert(k.clone(), v.clone());
        }
    }
    Some(Value::Object(top))
}

fn merge_extra(m: &mut Map<String, Value>, extra: &Extra) {
    if let Some(extra) = extra {
        for (k, v) in extra.iter().filter(|(k, _)| *k != UNPLACED_EVIDENCE) {
            m.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The document `text` written back after being read by `read`, with what it reported.
    fn read_back(
        read: fn(&Source<'_>, &str) -> (Option<Document>, Vec<Diagnostic>),
        text: &str,
    ) -> (Option<Value>, usize) {
        let path: Arc<str> = Arc::from("test.json");
        let src = Source::new(&path, text);
        let (doc, diags) = read(&src, text);
        let written = doc.map(|doc| {
            let mut builder = crate::model::CorpusBuilder::new();
            builder.add(doc);
            let corpus = builder.finish();
            write_document(&corpus, crate::model::ArticleIx(0)).unwrap()
        });
        (written, diags.len())
    }

    #[test]
    fn one_pass_reading_gives_what_two_level_reading_gives() {
        let written_here = r#"{"frise": 1, "kept": {"a": [1, "b"]},
            "article": {"id": "a\u0031", "title": "Réunion « à Moscou »", "published": "2025-07-31",
                "language": "fr", "text": "Le 31\u202fjuillet, les ministres se sont réunis. Ils ont parlé.",
                "desk": "monde"},
            "entities": [{"id": "lavrov", "name": "Sergueï Lavrov", "kind": "person", "x": true},
                         {"id": "mos\u0063ou", "name": "Moscou", "kind": "place"}],
            "events": [
                {"id": "e1", "title": "Réunion", "date": "2025-07-31", "kind": "meeting",
                 "actors": ["lavrov"], "places": ["moscou"], "tags": ["diplomatie"],
                 "story": "s1", "suggested": true, "confidence": 0.5,
                 "evidence": [{"quote": "les ministres se sont réunis", "start": 15, "end": 43,
                               "prefix": "juillet, ", "note": "n"}]},
                {"id": "e\u0032", "title": "Période", "date": "2025-07/2025-08", "role": "period",
                 "display_date": "l’été 2025", "evidence": []}
            ]}"#;
        let mut texts = vec![written_here.to_owned()];
        for name in [
            "ministres-syriens-moscou.json",
            "moscou-rencontre-defense.json",
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("assets/articles")
                .join(name);
            texts.push(std::fs::read_to_string(path).unwrap());
        }
        for text in &texts {
            let path: Arc<str> = Arc::from("test.json");
            let (_, diags) = read_two_level(&Source::new(&path, text), text);
            assert_eq!(diags, [], "{text}");
            assert!(read_clean_document(&Source::new(&path, text), text).is_some());
            let one_pass = read_back(read_document, text);
            let two_level = read_back(read_two_level, text);
            assert_eq!(one_pass, two_level);
            assert!(one_pass.0.is_some());
            assert_eq!(one_pass.1, 0);
        }
    }

    #[test]
    fn a_document_with_a_problem_is_read_the_two_level_way() {
        for text in [
            // Entities that are no list, a duplicate entity, an event without a title, a
            // bad date, a title that is no string.
            r#"{"frise": 1, "article": {"id": "a", "text": "x"}, "entities": {}, "events": []}"#,
            r#"{"frise": 1, "article": {"id": "a", "text": "x"}, "entities": [{"id": "p"}, {"id": "p"}], "events": []}"#,
            r#"{"frise": 1, "article": {"id": "a", "text": "x"}, "events": [{"id": "e"}]}"#,
            r#"{"frise": 1, "article": {"id": "a", "text": "x"}, "events": [{"id": "e", "title": "t", "date": "2025-13"}]}"#,
            r#"{"frise": 1, "article": {"id": "a", "text": "x"}, "events": [{"id": "e", "title": 3}]}"#,
        ] {
            let path: Arc<str> = Arc::from("test.json");
            let src = Source::new(&path, text);
            assert!(read_clean_document(&src, text).is_none(), "{text}");
            let (_, diags) = read_document(&src, text);
            assert!(!diags.is_empty(), "{text}");
            assert!(
                diags.iter().all(|d| d.line_col.is_some()),
                "{text}: {diags:?}"
            );
        }
    }

    #[test]
    fn the_quick_check_finds_what_is_not_nfc() {
        for (text, expected) in [
            ("Défense", IsNormalized::Yes),
            ("De\u{301}fense", IsNormalized::Maybe),
            ("l’armée « ici » 2025\u{202f}!", IsNormalized::Yes),
            ("\u{212b}ngström", IsNormalized::No),
            ("a\u{323}\u{301}", IsNormalized::Maybe),
            ("a\u{301}\u{323}", IsNormalized::No),
            ("한국어", IsNormalized::Yes),
            ("", IsNormalized::Yes),
        ] {
            assert_eq!(nfc_quick_check(text), expected, "{text:?}");
            assert_eq!(
                nfc_quick_check(text),
                is_nfc_quick(text.chars()),
                "{text:?}"
            );
        }
        assert!(matches!(nfc("De\u{301}fense"), Cow::Owned(n) if n == "Défense"));
        assert!(matches!(nfc("Défense"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_punctuation_the_quick_check_skips_is_always_nfc() {
        let skipped: Vec<char> = ('\u{2000}'..='\u{206f}')
            .filter(|c| is_common_punctuation(c.to_string().as_bytes()))
            .collect();
        assert_eq!(skipped.len(), 25, "{skipped:?}");
        for c in skipped {
            assert_eq!(is_nfc_quick([c].into_iter()), IsNormalized::Yes, "{c:?}");
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn the_quick_check_agrees_with_the_full_one(
            text in "[a-zé’ \u{2000}-\u{2030}\u{300}-\u{36f}\u{1100}-\u{1112}\u{1161}-\u{1175}\u{ac00}-\u{ac10}\u{212b}\u{f900}-\u{f910}\u{1d15e}-\u{1d164}]{0,24}"
        ) {
            prop_assert_eq!(nfc_quick_check(&text), is_nfc_quick(text.chars()));
        }

        #[test]
        fn the_word_scan_finds_the_first_byte_from_u0300(
            text in "[a-zé’ \u{a0}\u{300}-\u{36f}\u{ac00}-\u{ac10}\u{1d15e}]{0,64}"
        ) {
            let bytes = text.as_bytes();
            prop_assert_eq!(
                first_from_u0300(bytes),
                bytes.iter().position(|&b| b >= 0xCC)
            );
        }
    }
}
