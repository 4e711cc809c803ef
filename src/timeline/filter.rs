//! Search and filters: which events a view shows.
//!
//! Search is accent- and case-insensitive ("defense" finds "défense") over what an event
//! says: its title, passages, kind, tags and the names of its actors and places. Facet
//! filters (article, kind, actor, place, tag) keep an event if it has any of the chosen
//! values; an empty facet keeps everything. A happening is shown if any of its events is.

use std::collections::BTreeSet;

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization as _;

use crate::model::{Corpus, Event, EventIx, Seconds};

/// Lower-case, accent-free form of `s` for matching: "Défense" → "defense".
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02bc}' => '\'',
            '\u{00a0}' | '\u{202f}' => ' ',
            'œ' => 'o',
            _ => c,
        })
        .collect()
}

/// The user's choice of what to show. Serialisable: presentations save it per step.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Free text; every word must match (in any field).
    pub text: String,
    /// Article ids.
    pub articles: BTreeSet<String>,
    pub kinds: BTreeSet<String>,
    /// Entity ids.
    pub actors: BTreeSet<String>,
    /// Entity ids.
    pub places: BTreeSet<String>,
    pub tags: BTreeSet<String>,
    /// Review states: `event` (accepted or annotated) and `suggested` (awaiting review).
    pub review: BTreeSet<String>,
    /// Keep dated events that overlap this range; undated events are kept.
    pub from_s: Option<Seconds>,
    pub to_s: Option<Seconds>,
}

/// The facets a filter can select on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Facet {
    Article,
    Kind,
    Actor,
    Place,
    Tag,
    /// Suggested or not.
    Review,
}

impl Facet {
    pub const ALL: [Self; 6] = [
        Self::Article,
        Self::Kind,
        Self::Actor,
        Self::Place,
        Self::Tag,
        Self::Review,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Article => "Article",
            Self::Kind => "Kind",
            Self::Actor => "Actor",
            Self::Place => "Place",
            Self::Tag => "Tag",
            Self::Review => "Review",
        }
    }
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    pub fn selection(&self, facet: Facet) -> &BTreeSet<String> {
        match facet {
            Facet::Article => &self.articles,
            Facet::Kind => &self.kinds,
            Facet::Actor => &self.actors,
            Facet::Place => &self.places,
            Facet::Tag => &self.tags,
            Facet::Review => &self.review,
        }
    }

    pub fn selection_mut(&mut self, facet: Facet) -> &mut BTreeSet<String> {
        match facet {
            Facet::Article => &mut self.articles,
            Facet::Kind => &mut self.kinds,
            Facet::Actor => &mut self.actors,
            Facet::Place => &mut self.places,
            Facet::Tag => &mut self.tags,
            Facet::Review => &mut self.review,
        }
    }

    /// Which events pass, one flag per event of the corpus (computed in parallel).
    pub fn events(&self, corpus: &Corpus) -> Vec<bool> {
        if self.is_empty() {
            return vec![true; corpus.events.len()];
        }
        let words = self.words();
        corpus
            .events
            .par_iter()
            .map(|e| {
                self.facets_match(corpus, e)
                    && self.date_matches(e)
                    && text_matches(corpus, e, &words)
            })
            .collect()
    }

    /// The search words, folded.
    fn words(&self) -> Vec<String> {
        fold(&self.text)
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    }

    /// Does one event pass? (What [`Filter::events`] computes for every event.)
    pub fn passes(&self, corpus: &Corpus, e: &Event) -> bool {
        if self.is_empty() {
            return true;
        }
        let words = self.words();
        self.facets_match(corpus, e) && self.date_matches(e) && text_matches(corpus, e, &words)
    }

    fn facets_match(&self, corpus: &Corpus, e: &Event) -> bool {
        let entity_ids = |ixs: &[crate::model::EntityIx], set: &BTreeSet<String>| {
            set.is_empty()
                || ixs
                    .iter()
                    .filter_map(|&i| corpus.entity(i))
                    .any(|en| set.contains(&en.id))
        };
        (self.articles.is_empty()
            || corpus
                .article(e.article)
                .is_some_and(|a| self.articles.contains(&a.id)))
            && (self.kinds.is_empty() || e.kind.as_ref().is_some_and(|k| self.kinds.contains(k)))
            && entity_ids(&e.actors, &self.actors)
            && entity_ids(&e.places, &self.places)
            && (self.tags.is_empty() || e.tags.iter().any(|t| self.tags.contains(t)))
            && (self.review.is_empty() || self.review.contains(review_state(e).0))
    }

    fn date_matches(&self, e: &Event) -> bool {
        let Some(d) = &e.date else { return true };
        let (lo, hi) = d.extent();
        let (lo, hi) = (lo.unwrap_or(Seconds::MIN), hi.unwrap_or(Seconds::MAX));
        self.from_s.is_none_or(|f| hi > f) && self.to_s.is_none_or(|t| lo < t)
    }
}

fn text_matches(corpus: &Corpus, e: &Event, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let mut hay = fold(&e.title);
    let mut push = |s: &str| {
        hay.push('\n');
        hay.push_str(&fold(s));
    };
    if let Some(a) = corpus.article(e.article) {
        for ev in &e.evidence {
            push(ev.passage.quote(&a.text));
        }
    }
    if let Some(k) = &e.kind {
        push(k);
    }
    for t in &e.tags {
        push(t);
    }
    for &ix in e.actors.iter().chain(&e.places) {
        if let Some(en) = corpus.entity(ix) {
            push(en.display_name());
        }
    }
    words.iter().all(|w| hay.contains(w.as_str()))
}

/// The values of a facet in the corpus with how many of the given events have each,
/// most frequent first: what a filter menu lists.
pub fn facet_counts(
    corpus: &Corpus,
    facet: Facet,
    events: &[bool],
) -> Vec<(String, String, usize)> {
    let mut counts: std::collections::HashMap<String, (String, usize)> =
        std::collections::HashMap::new();
    let mut bump = |key: &str, label: &str, shown: bool| {
        let entry = counts
            .entry(key.to_owned())
            .or_insert_with(|| (label.to_owned(), 0));
        if shown {
            entry.1 += 1;
        }
    };
    for (i, e) in corpus.events.iter().enumerate() {
        let shown = events.get(i).copied().unwrap_or(false);
        match facet {
            Facet::Article => {
                if let Some(a) = corpus.article(e.article) {
                    bump(&a.id, a.display_title(), shown);
                }
            }
            Facet::Kind => {
                if let Some(k) = &e.kind {
                    bump(k, k, shown);
                }
            }
            Facet::Actor | Facet::Place => {
                let list = if facet == Facet::Actor {
                    &e.actors
                } else {
                    &e.places
                };
                for &ix in list {
                    if let Some(en) = corpus.entity(ix) {
                        bump(&en.id, en.display_name(), shown);
                    }
                }
            }
            Facet::Tag => {
                for t in &e.tags {
                    bump(t, t, shown);
                }
            }
            Facet::Review => {
                let (key, label) = review_state(e);
                bump(key, label, shown);
            }
        }
    }
    let mut out: Vec<(String, String, usize)> =
        counts.into_iter().map(|(k, (l, n))| (k, l, n)).collect();
    out.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    out
}

/// An event's review state: key and label of the Review facet.
fn review_state(e: &Event) -> (&'static str, &'static str) {
    if e.role == crate::model::EventRole::Suggested {
        ("suggested", "suggested, to review")
    } else {
        ("event", "events")
    }
}

/// Events of the corpus that pass, as indices.
pub fn passing(flags: &[bool]) -> impl Iterator<Item = EventIx> + '_ {
    flags
        .iter()
        .enumerate()
        .filter(|(_, f)| **f)
        .map(|(i, _)| EventIx(i as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_accents_case_and_quote_style() {
        assert_eq!(fold("Défense"), "defense");
        assert_eq!(fold("l’État"), "l'etat");
        assert_eq!(fold("ÇA\u{202f}?"), "ca ?");
        assert!(fold("la levée des sanctions").contains(&fold("LEVEE")));
    }
}
