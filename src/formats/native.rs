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
    AnchorError, Article, CharIndex, Corpus, Diagnostic, Document, Edtf, Entity, EntityIx,
    EntityKind, Event, EventRole, Evidence, Extra, HappeningIx, LineIndex, anchor,
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
struct EntityDoc {
    id: String,
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
    actors: Vec<Text<'a>>,
    places: Vec<Text<'a>>,
    tags: Vec<String>,
    story: Option<String>,
    role: Option<Text<'a>>,
    evidence: Vec<EvidenceDoc<'a>>,
});

document!(EvidenceDoc {
    quote: Option<Text<'a>>,
    start: Option<u64>,
    end: Option<u64>,
});

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
    const FIRST_BYTE_FROM_U0300: u8 = 0xCC;
    let mut result = IsNormalized::Yes;
    let mut rest = s;
    while let Some(start) = rest.bytes().position(|b| b >= FIRST_BYTE_FROM_U0300) {
        let run = rest.get(start..).unwrap_or("");
        let len = run
            .char_indices()
            .find(|(_, c)| *c < '\u{300}')
            .map_or(run.len(), |(i, _)| i);
        match is_nfc_quick(run.get(..len).unwrap_or("").chars()) {
            IsNormalized::No => return IsNormalized::No,
            IsNormalized::Maybe => result = IsNormalized::Maybe,
            IsNormalized::Yes => {}
        }
        rest = run.get(len..).unwrap_or("");
    }
    result
}

/// Reads one native document (the whole of a `.json` file, or one line of a `.jsonl` file).
///
/// `part` is a slice of `src.text`. Returns `None` when nothing usable is in it; every
/// problem is in the diagnostics, which are returned either way.
pub fn read_document(src: &Source<'_>, part: &str) -> (Option<Document>, Vec<Diagnostic>) {
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

    match entities {
        Some(List::Items(list)) => read_entities(src, list, &mut doc, &mut diags),
        Some(List::Not(what)) => diags.push(
            src.error(format!("\"entities\" must be an array, not {what}"))
                .at(article_pos)
                .in_article(&doc.article.id),
        ),
        None => {}
    }
    read_events(src, events, article_pos, &mut doc, &mut diags);
    (Some(doc), diags)
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
    let article_pos = src.pos(raw_article.get());
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

    // Top-level members other than the known ones are kept on the article.
    let mut top_extra = Map::new();
    for (k, v) in fields {
        if !matches!(k.as_ref(), "frise" | "article" | "entities" | "events")
            && let Ok(value) = serde_json::from_str::<Value>(v.get())
        {
            top_extra.insert(k.to_string(), value);
        }
    }
    let mut article_extra = article_doc.extra;
    if !top_extra.is_empty() {
        article_extra.insert(TOP_LEVEL_EXTRA.to_owned(), Value::Object(top_extra));
    }

    Some(Article {
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
    })
}

/// The events of `doc`, each read on its own: a bad one is reported and skipped.
fn read_events<'r>(
    src: &Source<'_>,
    events: Option<List<'r>>,
    article_pos: Option<(u32, u32)>,
    doc: &mut Document,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(events) = events {
        match events {
            List::Items(events) => {
                let index = CharIndex::new(&doc.article.text);
                let mut seen: HashSet<Cow<'r, str>, FastHash> =
                    HashSet::with_capacity_and_hasher(events.len(), FastHash::default());
                doc.events.reserve(events.len());
                let by_id = doc
                    .entities
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (e.id.clone(), EntityIx(i as u32)))
                    .collect();
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
                for (n, raw_event) in events.into_iter().enumerate() {
                    if let Some(ev) = read_event(&mut ctx, raw_event, n) {
                        doc.events.push(ev);
                    }
                }
            }
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

/// Key under which unknown top-level members are kept, on the article's extra fields.
const TOP_LEVEL_EXTRA: &str = "\u{0}top-level";

fn read_entities(
    src: &Source<'_>,
    list: Vec<&RawValue>,
    doc: &mut Document,
    diags: &mut Vec<Diagnostic>,
) {
    for raw_entity in list {
        let e: EntityDoc = match serde_json::from_str(raw_entity.get()) {
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
        if doc.entities.iter().any(|x| x.id == e.id) {
            diags.push(
                src.warning(format!(
                    "entity '{}' is declared twice; the first one is kept",
                    e.id
                ))
                .at(src.pos(raw_entity.get()))
                .in_article(&doc.article.id),
            );
            continue;
        }
        let kind = match e.kind.as_deref() {
            None => EntityKind::Other,
            Some(k) => EntityKind::parse(k).unwrap_or_else(|| {
                diags.push(
                    src.warning(format!(
                        "entity '{}': unknown kind '{k}' (person, organization, place, other); using 'other'",
                        e.id
                    ))
                    .at(src.pos(raw_entity.get()))
                    .in_article(&doc.article.id),
                );
                EntityKind::Other
            }),
        };
        let ix = EntityIx(doc.entities.len() as u32);
        doc.entities.push(Entity {
            id: e.id,
            name: e.name.unwrap_or_default(),
            kind,
            extra: extra(e.extra),
        });
        doc.article.declared_entities.push(ix);
    }
}

/// Local index of entity `id`, declaring it (with a warning) when the file did not.
fn entity_ref(
    entities: &mut DocEntities<'_>,
    id: &str,
    kind: EntityKind,
    warn: &mut dyn FnMut(String),
) -> EntityIx {
    if let Some(&ix) = entities.by_id.get(id) {
        return ix;
    }
    warn(format!(
        "'{id}' is not declared in \"entities\"; added as a {}",
        kind.name()
    ));
    let ix = EntityIx(entities.list.len() as u32);
    entities.list.push(Entity {
        id: id.to_owned(),
        name: String::new(),
        kind,
        extra: None,
    });
    entities.by_id.insert(id.to_owned(), ix);
    ix
}

/// A document's entities and an index of them by id.
struct DocEntities<'a> {
    list: &'a mut Vec<Entity>,
    by_id: HashMap<String, EntityIx, FastHash>,
}

/// What decoding one event needs from its document.
struct EventCtx<'a, 'b, 'r> {
    src: &'a Source<'b>,
    article_id: &'a str,
    entities: DocEntities<'a>,
    index: &'a CharIndex<'a>,
    /// The ids read so far, borrowed from the input (`'r`) unless they held escapes.
    seen: &'a mut HashSet<Cow<'r, str>, FastHash>,
    diags: &'a mut Vec<Diagnostic>,
}

fn read_event<'r>(ctx: &mut EventCtx<'_, '_, 'r>, raw: &'r RawValue, n: usize) -> Option<Event> {
    let EventCtx {
        src,
        article_id,
        entities,
        index,
        seen,
        diags,
    } = ctx;
    let (src, article_id, index) = (*src, *article_id, *index);
    // Where the event starts, computed only for a message: finding a column means
    // counting characters along the line, and a .jsonl line is a whole article.
    let pos = || src.pos(raw.get());
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
            diags.push(
                src.error(format!("event skipped: {}", json_message(&err)))
                    .at(src.error_pos(raw.get(), &err))
                    .in_article(article_id)
                    .in_event(&id),
            );
            return None;
        }
    };
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
    let evidence = read_evidence(src, article_id, index, diags, &id, e.evidence, &pos)?;
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
        .iter()
        .map(|a| entity_ref(entities, a.as_str(), EntityKind::Other, &mut warn))
        .collect();
    let places = e
        .places
        .iter()
        .map(|p| entity_ref(entities, p.as_str(), EntityKind::Place, &mut warn))
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
        extra: extra(e.extra),
    })
}

/// The evidence of event `id`, each quote anchored in the article text; `None`, with an
/// error, when one cannot be anchored: an event must not point at the wrong words.
fn read_evidence(
    src: &Source<'_>,
    article_id: &str,
    index: &CharIndex<'_>,
    diags: &mut Vec<Diagnostic>,
    id: &str,
    list: Vec<EvidenceDoc<'_>>,
    pos: &dyn Fn() -> Option<(u32, u32)>,
) -> Option<Vec<Evidence>> {
    let mut evidence = Vec::with_capacity(list.len());
    for (k, ev) in list.into_iter().enumerate() {
        // The text is NFC; a quote almost always is too, so it is normalised (which costs
        // a pass over it) only when it is not found as written.
        let raw_quote = ev.quote.as_ref().map_or("", Text::as_str);
        let found = match anchor(index, raw_quote, ev.start, ev.end) {
            Err(AnchorError::NotFound { .. } | AnchorError::Ambiguous { .. })
                if !raw_quote.is_ascii() =>
            {
                match nfc(raw_quote) {
                    Cow::Owned(normalised) => anchor(index, &normalised, ev.start, ev.end),
                    Cow::Borrowed(_) => anchor(index, raw_quote, ev.start, ev.end),
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
                diags.push(
                    src.error(format!("event skipped: evidence {}: {problem}", k + 1))
                        .at(pos())
                        .in_article(article_id)
                        .in_event(id),
                );
                return None;
            }
        }
    }
    Some(evidence)
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
            let evidence: Vec<Value> = e
                .evidence
                .iter()
                .map(|ev| {
                    let mut m = Map::new();
                    m.insert("quote".into(), ev.passage.quote(&article.text).into());
                    m.insert("start".into(), ev.passage.char_start.into());
                    m.insert("end".into(), ev.passage.char_end.into());
                    merge_extra(&mut m, &ev.extra);
                    Value::Object(m)
                })
                .collect();
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
        for (k, v) in extra.iter() {
            m.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    proptest! {
        #[test]
        fn the_quick_check_agrees_with_the_full_one(
            text in "[a-zé’ \u{300}-\u{36f}\u{1100}-\u{1112}\u{1161}-\u{1175}\u{ac00}-\u{ac10}\u{212b}\u{f900}-\u{f910}\u{1d15e}-\u{1d164}]{0,24}"
        ) {
            prop_assert_eq!(nfc_quick_check(&text), is_nfc_quick(text.chars()));
        }
    }
}
