//! Edits of a corpus, each with its inverse: how authoring changes data.
//!
//! An edit names what it changes by article and event id, which stay valid while events
//! are added and removed (indices shift). Applying an edit changes the corpus in place,
//! regroups happenings and conflicts, and returns the edit that undoes it, so undo and redo
//! are the same operation run on the other stack. Nothing here knows about a window.

use super::corpus::{
    Article, ArticleIx, Change, Corpus, Entity, EntityIx, Event, EventIx, EventRole, Evidence,
};
use super::date::Edtf;

/// The parts of an event a person edits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventFields {
    pub title: String,
    pub date: Option<Edtf>,
    pub kind: Option<String>,
    pub actors: Vec<EntityIx>,
    pub places: Vec<EntityIx>,
    pub tags: Vec<String>,
    pub story: Option<String>,
    pub evidence: Vec<Evidence>,
    /// An event, a period, or a suggestion awaiting review.
    pub role: EventRole,
}

impl EventFields {
    /// The editable fields of `event`.
    pub fn of(event: &Event) -> Self {
        Self {
            title: event.title.clone(),
            date: event.date,
            kind: event.kind.clone(),
            actors: event.actors.clone(),
            places: event.places.clone(),
            tags: event.tags.clone(),
            story: event.story.clone(),
            evidence: event.evidence.clone(),
            role: event.role,
        }
    }

    fn write_into(self, event: &mut Event) {
        event.title = self.title;
        event.date = self.date;
        event.kind = self.kind;
        event.actors = self.actors;
        event.places = self.places;
        event.tags = self.tags;
        event.story = self.story;
        event.evidence = self.evidence;
        event.role = self.role;
    }
}

/// The parts of an article a person edits (its text is the source, never edited).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleFields {
    pub title: String,
    pub source: String,
    pub url: Option<String>,
    pub published: Option<Edtf>,
    pub language: String,
}

impl ArticleFields {
    pub fn of(article: &Article) -> Self {
        Self {
            title: article.title.clone(),
            source: article.source.clone(),
            url: article.url.clone(),
            published: article.published,
            language: article.language.clone(),
        }
    }
}

/// One change to a corpus.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Puts event `id` of `article` in the state `fields`: changes it, adds it (at
    /// `position` among the article's events) when it does not exist, removes it when
    /// `fields` is `None`.
    PutEvent {
        article: ArticleIx,
        id: String,
        position: usize,
        fields: Option<Box<EventFields>>,
    },
    /// Sets an article's details.
    PutArticle {
        article: ArticleIx,
        fields: Box<ArticleFields>,
    },
    /// Sets (`Some`) or removes (`None`) a member of an article that frise keeps for the
    /// file without reading it as a field, such as the suggestions the user rejected.
    PutArticleExtra {
        article: ArticleIx,
        key: String,
        value: Option<serde_json::Value>,
    },
    /// Adds an article after the last one (`Some`, with no events: they are added by
    /// [`Edit::PutEvent`]s), or removes the last article, which must have no events left
    /// (`None`): a pasted article, and its undo. `article` is the index it has.
    PutLastArticle {
        article: ArticleIx,
        value: Option<Box<Article>>,
    },
    /// Adds an entity (a person, organisation or place typed in by the user). Undoing it
    /// leaves the entity in the corpus, unreferenced: nothing writes it then.
    AddEntity(Box<Entity>),
    /// Several edits as one step (undone together).
    Batch(Vec<Edit>),
}

/// Why an edit cannot be applied. It changed nothing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no article number {0}")]
    NoArticle(u32),
    #[error("event '{0}' does not exist")]
    NoEvent(String),
    #[error("an event needs an id")]
    EmptyId,
    #[error("article number {0} is not the last one, or still has events")]
    NotLastArticle(u32),
}

impl Edit {
    /// Applies the edit to `corpus` and returns its inverse.
    pub fn apply(self, corpus: &mut Corpus) -> Result<Edit, EditError> {
        self.apply_tracked(corpus).map(|(inverse, _)| inverse)
    }

    /// Applies the edit and returns its inverse and what it changed. Happenings and
    /// conflicts are regrouped as it goes, in proportion to the edit: the events it touches
    /// and their happenings, never the whole corpus.
    pub fn apply_tracked(self, corpus: &mut Corpus) -> Result<(Edit, Change), EditError> {
        let mut change = corpus.begin_change();
        let inverse = self.apply_one(corpus, &mut change)?;
        Ok((inverse, change))
    }

    fn apply_one(self, corpus: &mut Corpus, change: &mut Change) -> Result<Edit, EditError> {
        match self {
            Self::PutEvent {
                article,
                id,
                position,
                fields,
            } => put_event(corpus, article, id, position, fields, change),
            Self::PutArticle { article, fields } => {
                let a = corpus
                    .articles
                    .get_mut(article.index())
                    .ok_or(EditError::NoArticle(article.0))?;
                let before = ArticleFields::of(a);
                let ArticleFields {
                    title,
                    source,
                    url,
                    published,
                    language,
                } = *fields;
                a.title = title;
                a.source = source;
                a.url = url;
                a.published = published;
                a.language = language;
                change.articles.push(article);
                Ok(Self::PutArticle {
                    article,
                    fields: Box::new(before),
                })
            }
            Self::PutArticleExtra {
                article,
                key,
                value,
            } => {
                let a = corpus
                    .articles
                    .get_mut(article.index())
                    .ok_or(EditError::NoArticle(article.0))?;
                let extra = a.extra.get_or_insert_with(Default::default);
                let before = match value {
                    Some(v) => extra.insert(key.clone(), v),
                    None => extra.remove(&key),
                };
                if extra.is_empty() {
                    a.extra = None;
                }
                Ok(Self::PutArticleExtra {
                    article,
                    key,
                    value: before,
                })
            }
            Self::PutLastArticle { article, value } => put_last_article(corpus, article, value),
            Self::AddEntity(entity) => {
                corpus.intern_entity(*entity);
                Ok(Self::Batch(Vec::new()))
            }
            Self::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply_one(corpus, change) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            // All or nothing: undo what this batch already did.
                            for inverse in inverses.into_iter().rev() {
                                inverse.apply_one(corpus, change).ok();
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Self::Batch(inverses))
            }
        }
    }

    /// The kinds of the events this edit puts in place (an inverse's: the kinds it
    /// took away), one per event.
    pub fn kinds_put(&self) -> Vec<&str> {
        match self {
            Self::PutEvent {
                fields: Some(f), ..
            } => f.kind.as_deref().into_iter().collect(),
            Self::Batch(edits) => edits.iter().flat_map(Edit::kinds_put).collect(),
            _ => Vec::new(),
        }
    }

    /// The articles this edit changes.
    pub fn articles(&self) -> Vec<ArticleIx> {
        match self {
            Self::PutEvent { article, .. }
            | Self::PutArticle { article, .. }
            | Self::PutArticleExtra { article, .. }
            | Self::PutLastArticle { article, .. } => vec![*article],
            Self::AddEntity(_) => Vec::new(),
            Self::Batch(edits) => {
                let mut all: Vec<ArticleIx> = edits.iter().flat_map(Edit::articles).collect();
                all.sort_unstable();
                all.dedup();
                all
            }
        }
    }
}

fn put_event(
    corpus: &mut Corpus,
    article: ArticleIx,
    id: String,
    position: usize,
    fields: Option<Box<EventFields>>,
    change: &mut Change,
) -> Result<Edit, EditError> {
    if id.is_empty() {
        return Err(EditError::EmptyId);
    }
    let range = corpus
        .article(article)
        .ok_or(EditError::NoArticle(article.0))?
        .events
        .clone();
    let existing = corpus.find_event_in(article, &id);
    match (existing, fields) {
        (Some(ix), Some(fields)) => {
            let event = corpus
                .events
                .get_mut(ix.index())
                .ok_or_else(|| EditError::NoEvent(id.clone()))?;
            let before = EventFields::of(event);
            fields.write_into(event);
            let old_story = before.story.as_deref().filter(|s| !s.is_empty());
            corpus.event_changed(ix, old_story, change);
            Ok(Edit::PutEvent {
                article,
                id,
                position: (ix.0 - range.start) as usize,
                fields: Some(Box::new(before)),
            })
        }
        (Some(ix), None) => {
            let removed = corpus
                .remove_event(ix, change)
                .ok_or_else(|| EditError::NoEvent(id.clone()))?;
            shift_articles(corpus, article, -1);
            Ok(Edit::PutEvent {
                article,
                id,
                position: (ix.0 - range.start) as usize,
                fields: Some(Box::new(EventFields::of(&removed))),
            })
        }
        (None, Some(fields)) => {
            let position = position.min(range.len());
            let at = range.start as usize + position;
            let mut event = Event {
                id: id.clone(),
                article,
                title: String::new(),
                date: None,
                display_date: None,
                kind: None,
                actors: Vec::new(),
                places: Vec::new(),
                tags: Vec::new(),
                story: None,
                evidence: Vec::new(),
                role: EventRole::Event,
                happening: super::corpus::HappeningIx(0),
                extra: None,
            };
            fields.write_into(&mut event);
            shift_articles(corpus, article, 1);
            corpus.insert_event(EventIx(at as u32), event, change);
            Ok(Edit::PutEvent {
                article,
                id,
                position,
                fields: None,
            })
        }
        (None, None) => Err(EditError::NoEvent(id)),
    }
}

fn put_last_article(
    corpus: &mut Corpus,
    article: ArticleIx,
    value: Option<Box<Article>>,
) -> Result<Edit, EditError> {
    match value {
        Some(mut a) => {
            if article.index() != corpus.articles.len() {
                return Err(EditError::NotLastArticle(article.0));
            }
            let end = corpus.events.len() as u32;
            a.events = end..end;
            corpus.articles.push(*a);
            Ok(Edit::PutLastArticle {
                article,
                value: None,
            })
        }
        None => {
            let last = corpus.articles.len().checked_sub(1);
            let removable = last == Some(article.index())
                && corpus.articles.last().is_some_and(|a| a.events.is_empty());
            if !removable {
                return Err(EditError::NotLastArticle(article.0));
            }
            let removed = corpus
                .articles
                .pop()
                .ok_or(EditError::NoArticle(article.0))?;
            Ok(Edit::PutLastArticle {
                article,
                value: Some(Box::new(removed)),
            })
        }
    }
}

/// After an event was added to (`+1`) or removed from (`-1`) `article`, moves the event
/// ranges of that article and every later one.
fn shift_articles(corpus: &mut Corpus, article: ArticleIx, by: i32) {
    let shift = |x: u32| x.saturating_add_signed(by);
    for (i, a) in corpus.articles.iter_mut().enumerate() {
        if i == article.index() {
            a.events = a.events.start..shift(a.events.end);
        } else if i > article.index() {
            a.events = shift(a.events.start)..shift(a.events.end);
        }
    }
}

/// A new event id for `article` built from `title`: lower-case words joined by dashes,
/// with a number added when the article already has it.
pub fn new_event_id(corpus: &Corpus, article: ArticleIx, title: &str) -> String {
    let mut base: String = title
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    base = base
        .split('-')
        .filter(|w| !w.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    if base.is_empty() {
        base = "event".to_owned();
    }
    if corpus.find_event_in(article, &base).is_none() {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| corpus.find_event_in(article, id).is_none())
        .unwrap_or(base)
}

/// The entity a name typed by the user stands for: an existing one with that name (case
/// aside), or a new one to add with [`Edit::AddEntity`], with the index it will get.
pub fn entity_for_name(
    corpus: &Corpus,
    name: &str,
    kind: super::corpus::EntityKind,
) -> (EntityIx, Option<Entity>) {
    let name = name.trim();
    if let Some(ix) = corpus
        .entities
        .iter()
        .position(|e| e.display_name().to_lowercase() == name.to_lowercase())
    {
        return (EntityIx(ix as u32), None);
    }
    let base: String = name
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let id = if corpus.entity_by_id(&base).is_none() {
        base
    } else {
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| corpus.entity_by_id(id).is_none())
            .unwrap_or(base)
    };
    let entity = Entity {
        id,
        name: name.to_owned(),
        kind,
        extra: None,
    };
    (EntityIx(corpus.entities.len() as u32), Some(entity))
}

impl Corpus {
    /// The event `id` of `article`, if it has one.
    pub fn find_event_in(&self, article: ArticleIx, id: &str) -> Option<EventIx> {
        let range = self.article(article)?.events.clone();
        range
            .clone()
            .zip(self.events.get(range.start as usize..range.end as usize)?)
            .find(|(_, e)| e.id == id)
            .map(|(i, _)| EventIx(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::load_bundled;

    fn meeting(corpus: &Corpus) -> (ArticleIx, EventIx) {
        let ix = corpus
            .events
            .iter()
            .position(|e| e.title.starts_with("Syrian and Russian defence ministers"))
            .expect("the meeting is bundled");
        let e = &corpus.events[ix];
        (e.article, EventIx(ix as u32))
    }

    #[test]
    fn changing_an_event_and_undoing_it_restores_it() {
        let mut corpus = load_bundled();
        let (article, ix) = meeting(&corpus);
        let before = EventFields::of(&corpus.events[ix.index()]);
        let id = corpus.events[ix.index()].id.clone();
        let mut fields = before.clone();
        fields.title = "Rencontre à Moscou".to_owned();
        fields.date = Edtf::parse("2025-08-01").ok();
        let inverse = Edit::PutEvent {
            article,
            id: id.clone(),
            position: 0,
            fields: Some(Box::new(fields)),
        }
        .apply(&mut corpus)
        .expect("applies");
        assert_eq!(corpus.events[ix.index()].title, "Rencontre à Moscou");
        // The meeting's other source says 2025-07-31 (undated there): a date conflict
        // appears only where both are dated, so check the happening's date followed.
        let h = corpus.events[ix.index()].happening;
        assert_eq!(
            corpus.happenings[h.index()].date.map(|d| d.to_string()),
            Some("2025-08-01".to_owned())
        );
        let redo = inverse.apply(&mut corpus).expect("undo applies");
        assert_eq!(EventFields::of(&corpus.events[ix.index()]), before);
        redo.apply(&mut corpus).expect("redo applies");
        assert_eq!(corpus.events[ix.index()].title, "Rencontre à Moscou");
    }

    #[test]
    fn adding_and_removing_events_keeps_every_article_range_right() {
        let mut corpus = load_bundled();
        let first = ArticleIx(0);
        let n0 = corpus.events.len();
        let later: Vec<String> = corpus
            .events_of(ArticleIx(1))
            .map(|(_, e)| e.id.clone())
            .collect();
        let fields = EventFields {
            title: "Nouvel événement".to_owned(),
            ..EventFields::default()
        };
        let undo = Edit::PutEvent {
            article: first,
            id: "nouveau".to_owned(),
            position: 1,
            fields: Some(Box::new(fields)),
        }
        .apply(&mut corpus)
        .expect("adds");
        assert_eq!(corpus.events.len(), n0 + 1);
        let added = corpus.find_event_in(first, "nouveau").expect("added");
        assert_eq!(added.0, corpus.articles[0].events.start + 1);
        assert_eq!(corpus.events[added.index()].article, first);
        // The second article's events moved by one and are all still found.
        let after: Vec<String> = corpus
            .events_of(ArticleIx(1))
            .map(|(_, e)| e.id.clone())
            .collect();
        assert_eq!(after, later);
        assert_eq!(
            corpus
                .happenings
                .iter()
                .map(|h| h.events.len())
                .sum::<usize>(),
            n0 + 1
        );
        undo.apply(&mut corpus).expect("removes");
        assert_eq!(corpus.events.len(), n0);
        assert!(corpus.find_event_in(first, "nouveau").is_none());
        let restored: Vec<String> = corpus
            .events_of(ArticleIx(1))
            .map(|(_, e)| e.id.clone())
            .collect();
        assert_eq!(restored, later);
    }

    #[test]
    fn joining_a_story_makes_one_happening_and_leaving_splits_it() {
        let mut corpus = load_bundled();
        let a = corpus
            .events_of(ArticleIx(0))
            .find(|(_, e)| e.story.is_none());
        let b = corpus
            .events_of(ArticleIx(1))
            .find(|(_, e)| e.story.is_none());
        let ((ia, ea), (ib, eb)) = (a.expect("an event"), b.expect("an event"));
        let (ida, idb) = (ea.id.clone(), eb.id.clone());
        let join = |fields: &Event| {
            let mut f = EventFields::of(fields);
            f.story = Some("joined".to_owned());
            Some(Box::new(f))
        };
        let batch = Edit::Batch(vec![
            Edit::PutEvent {
                article: ArticleIx(0),
                id: ida,
                position: 0,
                fields: join(ea),
            },
            Edit::PutEvent {
                article: ArticleIx(1),
                id: idb,
                position: 0,
                fields: join(eb),
            },
        ]);
        let happenings = corpus.happenings.len();
        let undo = batch.apply(&mut corpus).expect("joins");
        assert_eq!(corpus.happenings.len(), happenings - 1);
        let h = corpus.events[ia.index()].happening;
        assert_eq!(h, corpus.events[ib.index()].happening);
        assert_eq!(corpus.happenings[h.index()].source_count, 2);
        undo.apply(&mut corpus).expect("leaves");
        assert_eq!(corpus.happenings.len(), happenings);
    }

    #[test]
    fn a_failed_batch_changes_nothing() {
        let mut corpus = load_bundled();
        let (article, ix) = meeting(&corpus);
        let id = corpus.events[ix.index()].id.clone();
        let title = corpus.events[ix.index()].title.clone();
        let mut f = EventFields::of(&corpus.events[ix.index()]);
        f.title = "changed".to_owned();
        let batch = Edit::Batch(vec![
            Edit::PutEvent {
                article,
                id,
                position: 0,
                fields: Some(Box::new(f)),
            },
            Edit::PutEvent {
                article,
                id: "missing".to_owned(),
                position: 0,
                fields: None,
            },
        ]);
        assert_eq!(
            batch.apply(&mut corpus),
            Err(EditError::NoEvent("missing".to_owned()))
        );
        assert_eq!(corpus.events[ix.index()].title, title);
    }

    #[test]
    fn new_ids_are_readable_and_unique() {
        let corpus = load_bundled();
        let a = ArticleIx(0);
        let id = new_event_id(&corpus, a, "Les ministres à Moscou !");
        assert_eq!(id, "les-ministres-à-moscou");
        let existing = corpus
            .events_of(a)
            .next()
            .map(|(_, e)| e.id.clone())
            .unwrap();
        let again = new_event_id(&corpus, a, &existing);
        assert_ne!(again, existing);
        assert!(again.starts_with(&existing));
    }
}
