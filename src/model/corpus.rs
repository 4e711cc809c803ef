//! The corpus: articles, entities, events, and the happenings they report.
//!
//! Vocabulary, used the same way everywhere in frise:
//! - an **event** is one report of something in one article;
//! - a **happening** is the set of events that share a `story` key (or a single event with
//!   no story): one thing in the world, reported by one or more sources;
//! - a **passage** is a span of article text that is the evidence for an event;
//! - a **conflict** is a disagreement between the events of one happening.
//!
//! Items refer to each other by index newtypes ([`ArticleIx`], [`EventIx`], …) so a corpus of
//! a million events is a few flat vectors, cheap to share between threads.

use std::collections::HashMap;

use rayon::prelude::*;
use std::sync::Arc;

use serde_json::Value;

use super::date::{Edtf, Lang};
use super::diagnostic::Diagnostic;
use super::passage::Passage;

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// Index of an [`Article`] in [`Corpus::articles`].
    ArticleIx
);
index_type!(
    /// Index of an [`Event`] in [`Corpus::events`].
    EventIx
);
index_type!(
    /// Index of an [`Entity`] in [`Corpus::entities`].
    EntityIx
);
index_type!(
    /// Index of a [`Happening`] in [`Corpus::happenings`].
    HappeningIx
);

/// Fields of the input that frise does not know, written back unchanged on save.
///
/// `None` for the common case of no unknown fields, so they cost one pointer.
pub type Extra = Option<Box<serde_json::Map<String, serde_json::Value>>>;

/// One source text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    pub id: String,
    pub title: String,
    /// The outlet ("Le Monde", "SANA").
    pub source: String,
    pub url: Option<String>,
    pub published: Option<Edtf>,
    /// BCP 47 code as given ("fr"); empty if unknown.
    pub language: String,
    /// NFC-normalised text; passages index into it.
    pub text: String,
    /// The file this article came from, as the user named it.
    pub path: Arc<str>,
    /// Links and media found in the source (TimelineJS media, HTML links); never fetched.
    pub references: Vec<String>,
    /// Entities the file declared, in order, so a save writes them back.
    pub declared_entities: Vec<EntityIx>,
    /// The article's events in [`Corpus::events`] (they are contiguous); set when the
    /// corpus is built.
    pub events: std::ops::Range<u32>,
    pub extra: Extra,
}

impl Article {
    pub fn lang(&self) -> Lang {
        Lang::from_code(&self.language)
    }

    /// The outlet, or the title when the source is unnamed: how frise names a source.
    pub fn outlet(&self) -> &str {
        if self.source.is_empty() {
            self.display_title()
        } else {
            &self.source
        }
    }

    /// Title if present, else id: what lists and citations show.
    pub fn display_title(&self) -> &str {
        if self.title.is_empty() {
            &self.id
        } else {
            &self.title
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    #[default]
    Other,
}

impl EntityKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "person" => Some(Self::Person),
            "organization" | "organisation" => Some(Self::Organization),
            "place" => Some(Self::Place),
            "other" => Some(Self::Other),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organization => "organization",
            Self::Place => "place",
            Self::Other => "other",
        }
    }
}

/// A person, organisation, place or other named thing that events refer to.
///
/// Entities with the same id in different articles are one entity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub extra: Extra,
}

impl Entity {
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            &self.id
        } else {
            &self.name
        }
    }
}

/// A passage of evidence for an event.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    pub passage: Passage,
    pub extra: Extra,
}

/// What an event is on the timeline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EventRole {
    /// A thing that happened.
    #[default]
    Event,
    /// A named period drawn as a background band (TimelineJS eras).
    Period,
    /// Proposed from the text (a sentence with a date), awaiting the user's review: drawn
    /// hollow, written with `"suggested": true`.
    Suggested,
}

/// One report, in one article, of something that happened.
#[derive(Clone, Debug)]
pub struct Event {
    pub id: String,
    pub article: ArticleIx,
    pub title: String,
    /// `None` for an undated event: kept, shown in the "Undated" tray.
    pub date: Option<Edtf>,
    /// A display date the source gave verbatim (TimelineJS `display_date`).
    pub display_date: Option<String>,
    pub kind: Option<String>,
    pub actors: Vec<EntityIx>,
    pub places: Vec<EntityIx>,
    pub tags: Vec<String>,
    pub story: Option<String>,
    pub evidence: Vec<Evidence>,
    pub role: EventRole,
    /// Set when the corpus is built.
    pub happening: HappeningIx,
    pub extra: Extra,
}

/// Key, among an event's unknown fields, of the passages that could not be placed in the
/// article text: `[{"at": position among the passages, "evidence": the passage as read}]`.
/// Kept there so that they cost nothing to events that have none, and written back where
/// they were on save.
pub const UNPLACED_EVIDENCE: &str = "\u{0}unplaced";

impl Event {
    /// Passages that could not be placed in the text, with their position among the
    /// passages, as they were read.
    pub fn unplaced_evidence(&self) -> impl Iterator<Item = (usize, &Value)> {
        self.extra
            .as_ref()
            .and_then(|x| x.get(UNPLACED_EVIDENCE))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|entry| {
                let at = entry.get("at")?.as_u64()?;
                Some((
                    usize::try_from(at).unwrap_or(usize::MAX),
                    entry.get("evidence")?,
                ))
            })
    }

    /// The quotes of the passages that could not be placed.
    pub fn unplaced_quotes(&self) -> impl Iterator<Item = &str> {
        self.unplaced_evidence()
            .map(|(_, ev)| ev.get("quote").and_then(Value::as_str).unwrap_or(""))
    }
}

/// A disagreement between the sources of one happening.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// Two events give dates that cannot both be true.
    Dates { a: EventIx, b: EventIx },
    /// The events name different actors, none a subset of another: each group lists one
    /// event and its actors.
    Actors {
        groups: Vec<(EventIx, Vec<EntityIx>)>,
    },
}

/// The events of a happening: most are one or two, held in place rather than in an
/// allocation of their own (a large corpus has a happening for nearly every event).
pub type Members = smallvec::SmallVec<[EventIx; 2]>;

/// One thing in the world and every event that reports it.
#[derive(Clone, Debug)]
pub struct Happening {
    pub story: Option<String>,
    /// In corpus order (article order, then order in the article). Never empty.
    pub events: Members,
    /// The event whose title and date represent the happening: the most precise date.
    pub lead: EventIx,
    /// The date drawn on the timeline: the lead's date, or the first date of any event.
    pub date: Option<Edtf>,
    /// Number of distinct articles that report it.
    pub source_count: u32,
    pub conflicts: Vec<Conflict>,
}

/// Everything loaded: the data every later stage (timeline, render, ui) reads.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    /// Numbered by first event when the corpus is built; edits keep the numbers (see
    /// [`Change`]).
    pub happenings: Vec<Happening>,
    /// Problems found while loading, in input order.
    pub diagnostics: Vec<Diagnostic>,
    entity_by_id: HashMap<String, EntityIx, foldhash::fast::RandomState>,
    /// The happening of each story key, so an edit finds the story an event joins
    /// without scanning the corpus.
    story_index: StoryIndex,
}

/// An event added or removed by an edit: later events' indices moved by one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift {
    /// An event was inserted at this index; those at and after it moved up by one.
    Inserted(EventIx),
    /// The event at this index was removed; those after it moved down by one.
    Removed(EventIx),
}

impl Shift {
    /// Where an event that was at `ix` before this shift is after it (`None`: removed).
    pub fn map(self, ix: EventIx) -> Option<EventIx> {
        match self {
            Self::Inserted(at) if ix >= at => Some(EventIx(ix.0 + 1)),
            Self::Removed(at) if ix == at => None,
            Self::Removed(at) if ix > at => Some(EventIx(ix.0 - 1)),
            _ => Some(ix),
        }
    }
}

/// What an edit changed in a corpus, so that what is derived from it (prepared lanes,
/// lists) is updated in proportion to the edit instead of rebuilt from the whole corpus.
///
/// Happenings keep their indices across edits: a new happening takes the next index, and
/// a happening left with no events is replaced by the last one (which moves into its
/// index), so an edit renumbers at most one happening.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// Events inserted and removed, in the order it happened.
    pub shifts: Vec<Shift>,
    /// Events whose fields changed or that were added, by their index after the edit,
    /// ascending.
    pub events: Vec<EventIx>,
    /// Happenings that are new or whose content changed (dates, members, lead, or the
    /// happening now at that index), by index after the edit, ascending.
    pub happenings: Vec<HappeningIx>,
    /// How many happenings there were before the edit: indices from the current count up
    /// to this one are gone.
    pub happenings_before: usize,
    /// Articles whose details (title, outlet) changed: labels that name them change.
    pub articles: Vec<ArticleIx>,
}

impl Change {
    fn new(corpus: &Corpus) -> Self {
        Self {
            happenings_before: corpus.happenings.len(),
            ..Self::default()
        }
    }

    fn shift(&mut self, shift: Shift) {
        self.events = self.events.iter().filter_map(|&e| shift.map(e)).collect();
        self.shifts.push(shift);
    }

    fn event(&mut self, ix: EventIx) {
        if let Err(at) = self.events.binary_search(&ix) {
            self.events.insert(at, ix);
        }
    }

    fn happening(&mut self, ix: HappeningIx) {
        if let Err(at) = self.happenings.binary_search(&ix) {
            self.happenings.insert(at, ix);
        }
    }

    /// Where the event that was at `ix` before the edit is now.
    pub fn map_event(&self, ix: EventIx) -> Option<EventIx> {
        self.shifts.iter().try_fold(ix, |ix, s| s.map(ix))
    }

    /// Does nothing derived from events and happenings change?
    pub fn is_empty(&self) -> bool {
        self.shifts.is_empty()
            && self.events.is_empty()
            && self.happenings.is_empty()
            && self.articles.is_empty()
    }
}

/// The story key an event is grouped by: its `story`, unless empty.
fn story_key(e: &Event) -> Option<&str> {
    e.story.as_deref().filter(|s| !s.is_empty())
}

type StoryIndex = HashMap<Box<str>, HappeningIx, foldhash::fast::RandomState>;

/// The happening `event` joins, the events coming in corpus order: its story's in
/// `stories`, or a new one, numbered after the `sizes.len()` there are (so happenings are
/// numbered by their first event). `sizes` counts each happening's events.
fn group(stories: &mut StoryIndex, sizes: &mut Vec<u32>, event: &Event) -> HappeningIx {
    let story = story_key(event);
    let known = story.and_then(|s| stories.get(s).copied());
    let h = known.unwrap_or_else(|| {
        let h = HappeningIx(sizes.len() as u32);
        sizes.push(0);
        if let Some(story) = story {
            stories.insert(Box::from(story), h);
        }
        h
    });
    if let Some(size) = sizes.get_mut(h.index()) {
        *size += 1;
    }
    h
}

impl Corpus {
    pub fn article(&self, ix: ArticleIx) -> Option<&Article> {
        self.articles.get(ix.index())
    }
    pub fn event(&self, ix: EventIx) -> Option<&Event> {
        self.events.get(ix.index())
    }
    pub fn entity(&self, ix: EntityIx) -> Option<&Entity> {
        self.entities.get(ix.index())
    }
    pub fn happening(&self, ix: HappeningIx) -> Option<&Happening> {
        self.happenings.get(ix.index())
    }
    pub fn entity_by_id(&self, id: &str) -> Option<EntityIx> {
        self.entity_by_id.get(id).copied()
    }

    /// The events of an article, with their indices.
    pub fn events_of(&self, article: ArticleIx) -> impl Iterator<Item = (EventIx, &Event)> {
        let range = self.article(article).map_or(0..0, |a| a.events.clone());
        let start = range.start;
        self.events
            .get(range.start as usize..range.end as usize)
            .unwrap_or(&[])
            .iter()
            .enumerate()
            .map(move |(i, e)| (EventIx(start + i as u32), e))
    }

    /// The article an event comes from.
    pub fn article_of(&self, event: &Event) -> Option<&Article> {
        self.article(event.article)
    }

    /// The happening's lead event.
    pub fn lead(&self, h: &Happening) -> Option<&Event> {
        self.event(h.lead)
    }

    /// The event with this id in this article, if any.
    pub fn find_event(&self, article_id: &str, event_id: &str) -> Option<EventIx> {
        self.events
            .iter()
            .position(|e| {
                e.id == event_id && self.article(e.article).is_some_and(|a| a.id == article_id)
            })
            .map(|i| EventIx(i as u32))
    }

    /// Display names of entities, joined with ", ".
    pub fn entity_names(&self, entities: &[EntityIx]) -> String {
        entities
            .iter()
            .filter_map(|&e| self.entity(e))
            .map(Entity::display_name)
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == super::diagnostic::Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// A human sentence for a conflict, naming the sources:
    /// "attendees differ: Faisal Mekdad (article A) / Asaad al-Shaibani (article B)".
    pub fn describe_conflict(&self, conflict: &Conflict, lang: Lang) -> String {
        let source = |ev: EventIx| {
            self.event(ev)
                .and_then(|e| self.article(e.article))
                .map(|a| a.outlet().to_owned())
                .unwrap_or_default()
        };
        match conflict {
            Conflict::Dates { a, b } => {
                let date = |ev: EventIx| {
                    self.event(ev)
                        .and_then(|e| e.date.as_ref())
                        .map(|d| d.human(lang))
                        .unwrap_or_default()
                };
                format!(
                    "dates differ: {} ({}) / {} ({})",
                    date(*a),
                    source(*a),
                    date(*b),
                    source(*b)
                )
            }
            Conflict::Actors { groups } => {
                let parts: Vec<String> = groups
                    .iter()
                    .map(|(ev, actors)| format!("{} ({})", self.entity_names(actors), source(*ev)))
                    .collect();
                // Of a meeting, the actors are the people who attended.
                let meeting = groups.iter().any(|(ev, _)| {
                    self.event(*ev).and_then(|e| e.kind.as_deref()) == Some("meeting")
                });
                let what = if meeting { "attendees" } else { "actors" };
                format!("{what} differ: {}", parts.join(" / "))
            }
        }
    }
}

/// A parsed input file, before it joins a corpus: its entities are local to it.
///
/// Formats produce these in parallel; [`CorpusBuilder`] merges them in order.
#[derive(Debug, Default)]
pub struct Document {
    pub article: Article,
    /// Entities declared or referenced by this document; events refer to them by position
    /// (as `EntityIx` local to the document).
    pub entities: Vec<Entity>,
    /// Events whose `actors`/`places` are local entity indices and whose `article` is unset.
    pub events: Vec<Event>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Merges documents into a corpus: global entity ids, happenings, conflicts.
#[derive(Default)]
pub struct CorpusBuilder {
    corpus: Corpus,
    /// How many events each happening has so far: events are grouped as they are added
    /// (on the thread that merges documents while others read files), and the
    /// happenings are built from these counts when the corpus is finished.
    sizes: Vec<u32>,
}

impl CorpusBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// The entities added so far.
    pub fn entities(&self) -> &[Entity] {
        &self.corpus.entities
    }

    /// A problem that belongs to no document (a path that does not exist, say).
    pub fn diagnostic(&mut self, d: Diagnostic) {
        self.corpus.diagnostics.push(d);
    }

    /// Makes room for `articles` more articles and `events` more events, so that adding
    /// a large corpus grows its tables once instead of by doubling (each doubling copies
    /// the events and touches fresh memory).
    pub fn reserve(&mut self, articles: usize, events: usize) {
        self.corpus.articles.reserve(articles);
        self.corpus.events.reserve(events);
        self.sizes.reserve(events);
    }

    /// Adds one document. Entities are merged by id: the first name and kind win.
    pub fn add(&mut self, doc: Document) {
        let Document {
            mut article,
            entities,
            events,
            diagnostics,
        } = doc;
        self.corpus.diagnostics.extend(diagnostics);
        let local_to_global: Vec<EntityIx> = entities
            .into_iter()
            .map(|entity| self.intern_entity(entity))
            .collect();
        let remap = |ixs: &mut Vec<EntityIx>| {
            for ix in ixs.iter_mut() {
                if let Some(global) = local_to_global.get(ix.index()) {
                    *ix = *global;
                }
            }
        };
        remap(&mut article.declared_entities);
        let article_ix = ArticleIx(self.corpus.articles.len() as u32);
        let first = self.corpus.events.len() as u32;
        article.events = first..first + events.len() as u32;
        self.corpus.articles.push(article);
        self.corpus.events.reserve(events.len());
        for mut event in events {
            event.article = article_ix;
            remap(&mut event.actors);
            remap(&mut event.places);
            event.happening = group(&mut self.corpus.story_index, &mut self.sizes, &event);
            self.corpus.events.push(event);
        }
    }

    fn intern_entity(&mut self, entity: Entity) -> EntityIx {
        self.corpus.intern_entity(entity)
    }

    /// Builds the happenings the events were grouped into, and finds their conflicts.
    pub fn finish(mut self) -> Corpus {
        self.corpus.build_happenings(&self.sizes);
        self.corpus
    }
}

impl Corpus {
    /// Adds an entity, or returns the one with its id (filling in what that one left
    /// unknown).
    pub fn intern_entity(&mut self, entity: Entity) -> EntityIx {
        if let Some(&ix) = self.entity_by_id.get(&entity.id) {
            if let Some(existing) = self.entities.get_mut(ix.index()) {
                if existing.name.is_empty() {
                    existing.name = entity.name;
                }
                if existing.kind == EntityKind::Other {
                    existing.kind = entity.kind;
                }
            }
            return ix;
        }
        let ix = EntityIx(self.entities.len() as u32);
        self.entity_by_id.insert(entity.id.clone(), ix);
        self.entities.push(entity);
        ix
    }

    /// Groups every event into happenings by `story` again and rebuilds them, as loading
    /// does: what an edit's regrouping must equal.
    pub fn regroup(&mut self) {
        self.story_index.clear();
        let mut sizes = Vec::new();
        for event in &mut self.events {
            event.happening = group(&mut self.story_index, &mut sizes, event);
        }
        self.build_happenings(&sizes);
    }

    /// Builds the happenings from each event's `happening` and the number of events of
    /// each (`sizes`), finding their conflicts: once the corpus is read.
    fn build_happenings(&mut self, sizes: &[u32]) {
        // Members, happening after happening, in corpus order: where each happening's
        // run starts, then every event put in its place.
        let mut starts: Vec<usize> = Vec::with_capacity(sizes.len() + 1);
        let mut total = 0;
        for &size in sizes {
            starts.push(total);
            total += size as usize;
        }
        starts.push(total);
        let mut members = vec![EventIx(0); total];
        let mut cursor = starts.clone();
        for (i, event) in self.events.iter().enumerate() {
            if let Some(at) = cursor.get_mut(event.happening.index()) {
                if let Some(slot) = members.get_mut(*at) {
                    *slot = EventIx(i as u32);
                }
                *at += 1;
            }
        }
        let events = &self.events;
        self.happenings = starts
            .par_windows(2)
            .map(|run| {
                let run = members.get(run[0]..run[1]).unwrap_or_default();
                build_happening(events, Members::from_slice(run))
            })
            .collect();
    }

    /// Starts recording what edits change (see [`Change`]).
    pub fn begin_change(&self) -> Change {
        Change::new(self)
    }

    /// After the fields of event `ix` changed in place (`old_story`: its story key
    /// before): regroups its happening, or moves it to the happening of its new story.
    pub fn event_changed(&mut self, ix: EventIx, old_story: Option<&str>, change: &mut Change) {
        let Some(event) = self.event(ix) else { return };
        change.event(ix);
        if story_key(event) == old_story {
            let h = event.happening;
            self.rebuild_happening(h);
            change.happening(h);
        } else {
            self.detach(ix, change);
            self.attach(ix, change);
        }
    }

    /// Inserts `event` at index `at` (which must lie in or at the end of its article's
    /// range, already widened by the caller) and groups it.
    pub fn insert_event(&mut self, at: EventIx, event: Event, change: &mut Change) {
        let at = EventIx(at.0.min(self.events.len() as u32));
        self.events.insert(at.index(), event);
        if at.index() + 1 < self.events.len() {
            self.shift_event_refs(at, 1);
        }
        change.shift(Shift::Inserted(at));
        change.event(at);
        self.attach(at, change);
    }

    /// Removes the event at `at` from its happening and from the corpus, and returns it.
    /// The caller narrows its article's range.
    pub fn remove_event(&mut self, at: EventIx, change: &mut Change) -> Option<Event> {
        if at.index() >= self.events.len() {
            return None;
        }
        self.detach(at, change);
        let removed = self.events.remove(at.index());
        if at.index() < self.events.len() {
            self.shift_event_refs(EventIx(at.0 + 1), -1);
        }
        change.shift(Shift::Removed(at));
        Some(removed)
    }

    /// Moves every reference to an event at or after `from` by `by` (after an insertion
    /// or removal). One pass over the happenings, touching only their indices.
    fn shift_event_refs(&mut self, from: EventIx, by: i32) {
        let shift = |e: &mut EventIx| {
            if *e >= from {
                e.0 = e.0.saturating_add_signed(by);
            }
        };
        self.happenings.par_iter_mut().for_each(|h| {
            // Members are in corpus order: only a happening whose last member moves has
            // anything to shift.
            if h.events.last().is_none_or(|&e| e < from) {
                return;
            }
            h.events.iter_mut().for_each(shift);
            shift(&mut h.lead);
            for c in &mut h.conflicts {
                match c {
                    Conflict::Dates { a, b } => {
                        shift(a);
                        shift(b);
                    }
                    Conflict::Actors { groups } => groups.iter_mut().for_each(|(e, _)| shift(e)),
                }
            }
        });
    }

    /// Takes event `ix` out of its happening; a happening left empty is removed.
    fn detach(&mut self, ix: EventIx, change: &mut Change) {
        let Some(h) = self.event(ix).map(|e| e.happening) else {
            return;
        };
        let Some(happening) = self.happenings.get_mut(h.index()) else {
            return;
        };
        happening.events.retain(|e| *e != ix);
        if happening.events.is_empty() {
            self.remove_happening(h, change);
        } else {
            self.rebuild_happening(h);
            change.happening(h);
        }
    }

    /// Groups event `ix` (whose happening is stale) into its story's happening, or a new
    /// one of its own.
    fn attach(&mut self, ix: EventIx, change: &mut Change) {
        let Some(event) = self.event(ix) else { return };
        let existing = story_key(event).and_then(|s| self.story_index.get(s).copied());
        let h = match existing {
            Some(h) => {
                if let Some(happening) = self.happenings.get_mut(h.index())
                    && let Err(at) = happening.events.binary_search(&ix)
                {
                    happening.events.insert(at, ix);
                }
                h
            }
            None => {
                let h = HappeningIx(self.happenings.len() as u32);
                if let Some(story) = story_key(event) {
                    self.story_index.insert(Box::from(story), h);
                }
                self.happenings
                    .push(build_happening(&self.events, smallvec::smallvec![ix]));
                h
            }
        };
        if let Some(event) = self.events.get_mut(ix.index()) {
            event.happening = h;
        }
        self.rebuild_happening(h);
        change.happening(h);
    }

    /// Removes happening `h`; the last happening takes its index.
    fn remove_happening(&mut self, h: HappeningIx, change: &mut Change) {
        if h.index() >= self.happenings.len() {
            return;
        }
        let removed = self.happenings.swap_remove(h.index());
        if let Some(story) = &removed.story
            && self.story_index.get(story.as_str()) == Some(&h)
        {
            self.story_index.remove(story.as_str());
        }
        let Some(moved) = self.happenings.get(h.index()) else {
            return; // it was the last one
        };
        for &e in &moved.events {
            if let Some(event) = self.events.get_mut(e.index()) {
                event.happening = h;
            }
        }
        if let Some(story) = moved.story.as_deref() {
            self.story_index.insert(Box::from(story), h);
        }
        change.happening(h);
    }

    /// Recomputes happening `h` (lead, date, sources, conflicts) from its members.
    fn rebuild_happening(&mut self, h: HappeningIx) {
        let Some(members) = self
            .happenings
            .get_mut(h.index())
            .map(|x| std::mem::take(&mut x.events))
        else {
            return;
        };
        let rebuilt = build_happening(&self.events, members);
        if let Some(slot) = self.happenings.get_mut(h.index()) {
            *slot = rebuilt;
        }
    }
}

fn build_happening(all: &[Event], events: Members) -> Happening {
    let get = |ix: EventIx| all.get(ix.index());
    let first = events.first().copied().unwrap_or(EventIx(0));
    if let [only] = events[..] {
        // Most happenings are one event: it leads, and there is nothing to compare.
        let event = get(only);
        return Happening {
            story: event.and_then(|e| e.story.clone()),
            lead: only,
            date: event.and_then(|e| e.date),
            source_count: u32::from(event.is_some()),
            conflicts: Vec::new(),
            events,
        };
    }
    // Lead: the most precise date; among equals, the narrowest period; then corpus order.
    let lead = events
        .iter()
        .copied()
        .filter_map(|ix| Some((ix, get(ix)?.date?)))
        .min_by_key(|(ix, d)| {
            let width = match d.extent() {
                (Some(a), Some(b)) => b - a,
                _ => i64::MAX,
            };
            (std::cmp::Reverse(d.precision()), width, *ix)
        })
        .map_or(first, |(ix, _)| ix);
    let date = get(lead).and_then(|e| e.date);
    let story = get(first).and_then(|e| e.story.clone());
    let conflicts = if events.len() > 1 {
        find_conflicts(all, &events)
    } else {
        Vec::new()
    };
    Happening {
        story,
        lead,
        date,
        source_count: distinct_articles(all, &events),
        conflicts,
        events,
    }
}

/// How many articles the events `members` come from. Members in corpus order come
/// article by article, so the articles are counted where they change; a list out of
/// that order is sorted first.
fn distinct_articles(all: &[Event], members: &[EventIx]) -> u32 {
    let articles = || {
        members
            .iter()
            .filter_map(|ix| all.get(ix.index()))
            .map(|e| e.article)
    };
    if articles().is_sorted() {
        let mut last = None;
        articles().filter(|&a| last.replace(a) != Some(a)).count() as u32
    } else {
        let mut sorted: Vec<ArticleIx> = articles().collect();
        sorted.sort_unstable();
        sorted.dedup();
        sorted.len() as u32
    }
}

/// Dates that cannot both be true, and actor lists that disagree.
fn find_conflicts(all: &[Event], events: &[EventIx]) -> Vec<Conflict> {
    let mut conflicts = Vec::new();
    let dated: Vec<(EventIx, &Edtf)> = events
        .iter()
        .filter_map(|&ix| Some((ix, all.get(ix.index())?.date.as_ref()?)))
        .collect();
    for (i, (a, da)) in dated.iter().enumerate() {
        for (b, db) in dated.iter().skip(i + 1) {
            if !da.compatible(db) {
                conflicts.push(Conflict::Dates { a: *a, b: *b });
            }
        }
    }
    // Actors disagree when two sources each name someone the other does not: a source that
    // names fewer people is incomplete, not contradictory.
    let groups: Vec<(EventIx, Vec<EntityIx>)> = events
        .iter()
        .filter_map(|&ix| {
            let e = all.get(ix.index())?;
            (!e.actors.is_empty()).then(|| (ix, e.actors.clone()))
        })
        .collect();
    let contradicts = groups.iter().enumerate().any(|(i, (_, a))| {
        groups
            .iter()
            .skip(i + 1)
            .any(|(_, b)| a.iter().any(|x| !b.contains(x)) && b.iter().any(|x| !a.contains(x)))
    });
    if contradicts {
        conflicts.push(Conflict::Actors { groups });
    }
    conflicts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, date: Option<&str>, story: Option<&str>, actors: &[u32]) -> Event {
        Event {
            id: id.to_owned(),
            article: ArticleIx(0),
            title: id.to_owned(),
            date: date.map(|d| Edtf::parse(d).unwrap()),
            display_date: None,
            kind: None,
            actors: actors.iter().map(|&a| EntityIx(a)).collect(),
            places: Vec::new(),
            tags: Vec::new(),
            story: story.map(str::to_owned),
            evidence: Vec::new(),
            role: EventRole::Event,
            happening: HappeningIx(0),
            extra: None,
        }
    }

    fn doc(article: &str, entities: &[&str], events: Vec<Event>) -> Document {
        Document {
            article: Article {
                id: article.to_owned(),
                source: format!("source {article}"),
                ..Article::default()
            },
            entities: entities
                .iter()
                .map(|id| Entity {
                    id: (*id).to_owned(),
                    name: id.to_uppercase(),
                    ..Entity::default()
                })
                .collect(),
            events,
            diagnostics: Vec::new(),
        }
    }

    #[test]
    fn stories_join_events_across_articles() {
        let mut b = CorpusBuilder::new();
        b.add(doc(
            "A",
            &["mekdad", "lavrov"],
            vec![
                event("meet-a", Some("2025-07-31"), Some("meet"), &[0, 1]),
                event("exile-a", Some("2024-12"), Some("exile"), &[]),
                event("alone", None, None, &[]),
            ],
        ));
        b.add(doc(
            "B",
            &["shaibani", "lavrov"],
            vec![
                event("meet-b", None, Some("meet"), &[0]),
                event("exile-b", Some("2024"), Some("exile"), &[]),
            ],
        ));
        let c = b.finish();
        assert_eq!(c.happenings.len(), 3);
        assert_eq!(c.entities.len(), 3, "lavrov is one entity");
        let meet = &c.happenings[c.events[0].happening.index()];
        assert_eq!(meet.source_count, 2);
        assert_eq!(meet.events.len(), 2);
        assert_eq!(meet.date.unwrap().to_string(), "2025-07-31");
        // mekdad+lavrov vs shaibani: neither contains the other.
        assert!(
            matches!(meet.conflicts.as_slice(), [Conflict::Actors { groups }] if groups.len() == 2)
        );
        let text = c.describe_conflict(&meet.conflicts[0], Lang::En);
        assert_eq!(
            text,
            "actors differ: MEKDAD, LAVROV (source A) / SHAIBANI (source B)"
        );
        // 2024 and 2024-12 agree; the lead is the more precise one.
        let exile = &c.happenings[c.events[1].happening.index()];
        assert!(exile.conflicts.is_empty());
        assert_eq!(exile.date.unwrap().to_string(), "2024-12");
        assert_eq!(exile.lead, EventIx(1));
        // Undated events are kept as happenings of their own.
        let alone = &c.happenings[c.events[2].happening.index()];
        assert!(alone.date.is_none());
        assert_eq!(alone.source_count, 1);
    }

    #[test]
    fn incompatible_dates_and_subsets_of_actors() {
        let mut b = CorpusBuilder::new();
        b.add(doc(
            "A",
            &["x", "y"],
            vec![event("a", Some("2024-11"), Some("s"), &[0, 1])],
        ));
        b.add(doc(
            "B",
            &["x"],
            vec![event("b", Some("2024-12"), Some("s"), &[0])],
        ));
        let c = b.finish();
        let h = &c.happenings[0];
        assert_eq!(
            h.conflicts,
            vec![Conflict::Dates {
                a: EventIx(0),
                b: EventIx(1)
            }]
        );
    }

    #[test]
    fn happenings_are_numbered_by_first_event_and_list_members_in_order() {
        let mut b = CorpusBuilder::new();
        b.add(doc(
            "A",
            &[],
            vec![
                event("a0", None, Some("s"), &[]),
                event("a1", None, None, &[]),
                event("a2", None, Some("t"), &[]),
                event("a3", None, Some("s"), &[]),
                event("a4", None, Some(""), &[]),
            ],
        ));
        b.add(doc(
            "B",
            &[],
            vec![
                event("b0", None, Some("t"), &[]),
                event("b1", None, Some("s"), &[]),
                event("b2", None, Some("u"), &[]),
            ],
        ));
        let c = b.finish();
        let members: Vec<Vec<u32>> = c
            .happenings
            .iter()
            .map(|h| h.events.iter().map(|e| e.0).collect())
            .collect();
        // An empty story is no story: a4 stands alone.
        assert_eq!(
            members,
            vec![vec![0, 3, 6], vec![1], vec![2, 5], vec![4], vec![7]]
        );
        for (h, happening) in c.happenings.iter().enumerate() {
            for &e in &happening.events {
                assert_eq!(c.events[e.index()].happening, HappeningIx(h as u32));
            }
        }
        let sources: Vec<u32> = c.happenings.iter().map(|h| h.source_count).collect();
        assert_eq!(sources, vec![2, 1, 2, 1, 1]);
        assert_eq!(c.happenings[0].story.as_deref(), Some("s"));
        assert_eq!(c.story_index.len(), 3);
        assert_eq!(c.story_index.get("u"), Some(&HappeningIx(4)));
    }

    #[test]
    fn articles_are_counted_once_in_any_order() {
        let mut all = Vec::new();
        for article in [2, 0, 2, 1, 0] {
            let mut e = event("e", None, None, &[]);
            e.article = ArticleIx(article);
            all.push(e);
        }
        let count = |members: &[u32]| {
            let members: Vec<EventIx> = members.iter().map(|&m| EventIx(m)).collect();
            distinct_articles(&all, &members)
        };
        assert_eq!(count(&[0, 1, 2, 3, 4]), 3);
        assert_eq!(count(&[1, 4]), 1);
        // Articles 2, 0, 2: two, though the article changes twice.
        assert_eq!(count(&[0, 1, 2]), 2);
        assert_eq!(count(&[1, 3, 0, 2]), 3);
        assert_eq!(count(&[0, 2]), 1);
        assert_eq!(count(&[]), 0);
    }
}
