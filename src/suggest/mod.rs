//! Suggested events: what a raw article's dated sentences propose for its timeline,
//! for the user to accept, correct or reject.
//!
//! Every sentence that holds a dated temporal expression (found by [`crate::temporal`])
//! becomes one suggestion per distinct date in it:
//! - its **title** is the sentence shortened to its main clause (a leading date or
//!   circumstance and trailing subordinate clauses taken off, cut between words); a date
//!   in a later clause of the sentence titles that clause;
//! - its **date** is the expression's own EDTF date; "since X" proposes X (the happening
//!   the sentence dates), and "after a decade of …" an approximate period ending at the
//!   publication date;
//! - its **passage** is the sentence;
//! - its **actors and places** are the known entities the sentence names (accents and case
//!   aside) and the proper names it holds.
//!
//! Suggestions are events with [`EventRole::Suggested`]. A rejected suggestion is kept in
//! the article (`"rejected"`, its sentence's offsets and its date) so it is not suggested
//! again. Nothing here knows about a window.

mod names;
mod sentences;

pub use names::{EntityMatcher, Named, fold};
pub use sentences::{sentences, title_for};

use std::collections::HashSet;
use std::ops::Range;

use serde_json::{Map, Value};

use crate::model::{
    Article, ArticleIx, CharIndex, Corpus, Diagnostic, Document, Edtf, Entity, EntityIx,
    EntityKind, Event, EventRole, Evidence, HappeningIx, Passage,
};
use crate::temporal::{self, Dct, Language, Mention, TimexType};

/// Suggestions made for one article, at most: past this, the article is a book, not a news
/// report, and the rest is left out with a warning.
pub const MAX_SUGGESTIONS: usize = 2000;

/// Names kept per suggestion (actors and places together).
const MAX_NAMES: usize = 8;

/// The article member that remembers rejected suggestions.
pub const REJECTED: &str = "rejected";

/// One suggested event, before it is added to a corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub title: String,
    pub date: Edtf,
    /// The sentence.
    pub passage: Passage,
    /// The temporal expression, in code points of the text.
    pub mention: Range<usize>,
    pub actors: Vec<Named>,
    pub places: Vec<Named>,
}

/// A suggestion the user rejected: its sentence (code points) and date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    pub start: u32,
    pub end: u32,
    pub date: String,
}

impl Rejected {
    /// The rejection of an event (a suggestion) of `article`.
    pub fn of(event: &Event) -> Option<Rejected> {
        let passage = event.evidence.first()?.passage;
        Some(Rejected {
            start: passage.char_start,
            end: passage.char_end,
            date: event.date.map(|d| d.to_string()).unwrap_or_default(),
        })
    }

    fn to_json(&self, text: &str) -> Value {
        let index = CharIndex::new(text);
        let quote = index
            .byte(self.start as usize)
            .zip(index.byte(self.end as usize))
            .and_then(|(s, e)| text.get(s..e))
            .unwrap_or("");
        let mut m = Map::new();
        m.insert("quote".into(), quote.into());
        m.insert("start".into(), self.start.into());
        m.insert("end".into(), self.end.into());
        m.insert("date".into(), self.date.clone().into());
        Value::Object(m)
    }
}

/// The suggestions an article's user rejected, as saved in it.
pub fn rejected(article: &Article) -> Vec<Rejected> {
    let Some(list) = article
        .extra
        .as_ref()
        .and_then(|x| x.get(REJECTED))
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|v| {
            let n = |k: &str| {
                v.get(k)
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
            };
            Some(Rejected {
                start: n("start")?,
                end: n("end")?,
                date: v
                    .get("date")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
            })
        })
        .collect()
}

/// The article's `"rejected"` member with `r` added (`add`) or taken away: the value an
/// edit sets ([`crate::model::edit::Edit::PutArticleExtra`]).
pub fn rejected_with(article: &Article, r: &Rejected, add: bool) -> Option<Value> {
    let mut list: Vec<Value> = article
        .extra
        .as_ref()
        .and_then(|x| x.get(REJECTED))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let same = |v: &Value| {
        v.get("start").and_then(Value::as_u64) == Some(u64::from(r.start))
            && v.get("end").and_then(Value::as_u64) == Some(u64::from(r.end))
            && v.get("date").and_then(Value::as_str).unwrap_or("") == r.date
    };
    list.retain(|v| !same(v));
    if add {
        list.push(r.to_json(&article.text));
    }
    (!list.is_empty()).then_some(Value::Array(list))
}

/// The reference date of an article: its publication date, as precise as it is.
pub fn dct_of(article: &Article) -> Option<Dct> {
    article.published.and_then(|p| Dct::parse(&p.to_string()))
}

/// The language of an article for the tagger: its code, else detected.
pub fn language_of(article: &Article) -> Option<Language> {
    match article.language.split(['-', '_']).next() {
        Some("fr") => Some(Language::Fr),
        Some("en") => Some(Language::En),
        _ => None,
    }
}

/// The suggestions for a text, and notes for the user (language, reference date, limit).
///
/// `skip` says which (sentence, date) pairs not to suggest again: rejected ones, and those
/// the article already has as events.
pub fn suggest(
    text: &str,
    lang: Option<Language>,
    dct: Option<&Dct>,
    known: &EntityMatcher,
    skip: &dyn Fn(&Passage, &Edtf) -> bool,
) -> (Vec<Suggestion>, Vec<String>) {
    let tagged = temporal::tag(text, lang, dct);
    let mut notes = tagged.notes;
    if tagged.mentions.is_empty() {
        return (Vec::new(), notes);
    }
    let index = CharIndex::new(text);
    let spans = sentences(text);
    // Needed only for a sentence that opens with a capitalised word: built on first use.
    let mid_cell: std::cell::OnceCell<HashSet<String>> = std::cell::OnceCell::new();
    let mid = |w: &str| {
        mid_cell
            .get_or_init(|| names::mid_sentence_capitals(text, &spans))
            .contains(w)
    };
    let mut out: Vec<Suggestion> = Vec::new();
    let mut mentions = tagged.mentions.iter().peekable();
    for span in &spans {
        let Some(sentence) = text.get(span.clone()) else {
            continue;
        };
        let start_char = index.char_of_byte(span.start);
        let end_char = index.char_of_byte(span.end);
        // The sentence's mentions: those that start inside it.
        let mut here: Vec<&Mention> = Vec::new();
        while let Some(&m) = mentions.peek() {
            if m.start >= end_char {
                break;
            }
            if m.start >= start_char {
                here.push(m);
            }
            mentions.next();
        }
        if here.is_empty() {
            continue;
        }
        let Some(passage) = crate::formats::html::passage_at(&index, text, span.clone()) else {
            continue;
        };
        let mut dates: Vec<Edtf> = Vec::new();
        let mut people: Option<(Vec<Named>, Vec<Named>)> = None;
        for m in here {
            let Some(bytes) = index.byte(m.start).zip(index.byte(m.end)) else {
                continue;
            };
            let Some(rel) = bytes
                .0
                .checked_sub(span.start)
                .zip(bytes.1.checked_sub(span.start))
            else {
                continue;
            };
            let before = sentence.get(..rel.0).unwrap_or("");
            let Some(date) = mention_date(m, before, dct) else {
                continue;
            };
            if dates.contains(&date) || skip(&passage, &date) {
                continue;
            }
            if out.len() >= MAX_SUGGESTIONS {
                notes.push(format!(
                    "only the first {MAX_SUGGESTIONS} dated sentences are suggested; the rest of the text is not"
                ));
                return (out, notes);
            }
            dates.push(date);
            let (actors, places) = people
                .get_or_insert_with(|| named_in(sentence, known, &mid))
                .clone();
            out.push(Suggestion {
                title: title_for(sentence, rel.0..rel.1, dates.len() == 1),
                date,
                passage,
                mention: m.start..m.end,
                actors,
                places,
            });
        }
    }
    (out, notes)
}

/// The date a mention proposes for an event, if any.
fn mention_date(m: &Mention, before_in_sentence: &str, dct: Option<&Dct>) -> Option<Edtf> {
    if let Some(d) = &m.date {
        // "since December 2024" dates what happened in December 2024.
        let d = d.strip_suffix("/..").unwrap_or(d);
        return Edtf::parse(d).ok();
    }
    if m.kind != TimexType::Duration {
        return None;
    }
    // "after a decade of conflict", "for two years": a period ending at the reference date.
    let dct = dct?;
    let years: i32 = m
        .value
        .strip_prefix('P')?
        .strip_suffix('Y')?
        .parse()
        .ok()
        .filter(|n| (1..=100).contains(n))?;
    let last = fold(before_in_sentence)
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .map(str::to_owned)
        .unwrap_or_default();
    let signals = [
        "apres", "depuis", "pendant", "durant", "after", "for", "over", "since",
    ];
    if !signals.contains(&last.as_str()) {
        return None;
    }
    let end = dct.year;
    Edtf::parse(&format!("{:04}~/{:04}~", end - years, end)).ok()
}

/// Known entities and proper-name candidates of a sentence, as actors and places.
fn named_in(
    sentence: &str,
    known: &EntityMatcher,
    mid: &dyn Fn(&str) -> bool,
) -> (Vec<Named>, Vec<Named>) {
    let mut actors: Vec<Named> = Vec::new();
    let mut places: Vec<Named> = Vec::new();
    let mut seen_known: HashSet<usize> = HashSet::new();
    let push = |n: Named, actors: &mut Vec<Named>, places: &mut Vec<Named>| {
        if actors.len() + places.len() >= MAX_NAMES {
            return;
        }
        if n.kind == EntityKind::Place {
            places.push(n);
        } else {
            actors.push(n);
        }
    };
    for (ix, _) in known.find(&fold(sentence)) {
        if let Some(e) = known.entity(ix) {
            seen_known.insert(ix);
            push(
                Named {
                    name: e.display_name().to_owned(),
                    known: Some(ix),
                    kind: e.kind,
                },
                &mut actors,
                &mut places,
            );
        }
    }
    for (name, _, kind) in names::candidates(sentence, mid) {
        // A candidate that is (or holds) a known name is that entity, already listed.
        let found = known.find(&fold(&name));
        if found.iter().any(|(ix, _)| seen_known.contains(ix)) {
            continue;
        }
        push(
            Named {
                name,
                known: None,
                kind,
            },
            &mut actors,
            &mut places,
        );
    }
    (actors, places)
}

/// Adds suggested events to a raw article's document: its known entities from `known`,
/// new ones for the proper names it holds. Returns what the user should know.
pub fn suggest_document(doc: &mut Document, known: &EntityMatcher) -> Vec<Diagnostic> {
    let article = &doc.article;
    let rejected = rejected(article);
    let existing: Vec<(Passage, Option<Edtf>)> = doc
        .events
        .iter()
        .flat_map(|e| e.evidence.iter().map(move |ev| (ev.passage, e.date)))
        .collect();
    let skip = |p: &Passage, d: &Edtf| is_known(&rejected, &existing, p, d);
    let (suggestions, notes) = suggest(
        &article.text,
        language_of(article),
        dct_of(article).as_ref(),
        known,
        &skip,
    );
    let path = std::sync::Arc::clone(&article.path);
    let article_id = article.id.clone();
    let mut ids: HashSet<String> = doc.events.iter().map(|e| e.id.clone()).collect();
    for s in suggestions {
        let mut local = |n: &Named, default_kind: EntityKind| -> EntityIx {
            let entity = match n.known.and_then(|ix| known.entity(ix)) {
                Some(e) => e.clone(),
                None => Entity {
                    // A new name must not take the id of a known entity it is not.
                    id: {
                        let base = name_id(&n.name);
                        let mut id = base.clone();
                        let mut k = 2;
                        while known.has_id(&id) {
                            id = format!("{base}-{k}");
                            k += 1;
                        }
                        id
                    },
                    name: n.name.clone(),
                    kind: if n.kind == EntityKind::Other {
                        default_kind
                    } else {
                        n.kind
                    },
                    extra: None,
                },
            };
            if let Some(i) = doc.entities.iter().position(|e| e.id == entity.id) {
                return EntityIx(i as u32);
            }
            doc.entities.push(entity);
            EntityIx(doc.entities.len() as u32 - 1)
        };
        let actors = s
            .actors
            .iter()
            .map(|n| local(n, EntityKind::Other))
            .collect();
        let places = s
            .places
            .iter()
            .map(|n| local(n, EntityKind::Place))
            .collect();
        let id = unique_id(&mut ids, &s.title);
        doc.events.push(Event {
            id,
            article: ArticleIx(0),
            title: s.title,
            date: Some(s.date),
            display_date: None,
            kind: None,
            actors,
            places,
            tags: Vec::new(),
            story: None,
            evidence: vec![Evidence {
                passage: s.passage,
                extra: None,
            }],
            role: EventRole::Suggested,
            happening: HappeningIx(0),
            extra: None,
        });
    }
    notes
        .into_iter()
        .map(|n| Diagnostic::warning(&path, n).in_article(&article_id))
        .collect()
}

/// Is the (sentence, date) pair rejected, or already an event?
fn is_known(
    rejected: &[Rejected],
    existing: &[(Passage, Option<Edtf>)],
    p: &Passage,
    d: &Edtf,
) -> bool {
    let date = d.to_string();
    rejected
        .iter()
        .any(|r| r.start == p.char_start && r.end == p.char_end && r.date == date)
        || existing
            .iter()
            .any(|(q, e)| q.chars() == p.chars() && e.as_ref() == Some(d))
}

/// The suggestions for an article of a corpus (a pasted one, say), its known entities
/// being the corpus's, skipping rejected ones and its events.
pub fn suggest_for_article(
    corpus: &Corpus,
    article: ArticleIx,
) -> (Vec<Suggestion>, Vec<String>, EntityMatcher) {
    let known = EntityMatcher::new(corpus.entities.iter());
    let Some(a) = corpus.article(article) else {
        return (Vec::new(), Vec::new(), known);
    };
    let rejected = rejected(a);
    let existing: Vec<(Passage, Option<Edtf>)> = corpus
        .events_of(article)
        .flat_map(|(_, e)| e.evidence.iter().map(move |ev| (ev.passage, e.date)))
        .collect();
    let skip = |p: &Passage, d: &Edtf| is_known(&rejected, &existing, p, d);
    let (s, notes) = suggest(&a.text, language_of(a), dct_of(a).as_ref(), &known, &skip);
    (s, notes, known)
}

/// An entity id for a proper name: its folded words joined by dashes.
pub fn name_id(name: &str) -> String {
    let id = fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if id.is_empty() { "name".to_owned() } else { id }
}

/// An event id from a title, unique among `ids` (which it joins).
pub fn unique_id(ids: &mut HashSet<String>, title: &str) -> String {
    let base: String = fold(title)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    let base = if base.is_empty() {
        "suggestion".to_owned()
    } else {
        base
    };
    let id = if ids.contains(&base) {
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !ids.contains(id))
            .unwrap_or_else(|| base.clone())
    } else {
        base
    };
    ids.insert(id.clone());
    id
}

#[cfg(test)]
mod tests;
