//! Reviewing suggested events at keyboard speed: accept (`Enter`), reject (`Delete`), edit
//! (`E`), the next or previous suggestion in time (`→`/`←`), and "accept all shown".
//!
//! Each decision is an undoable [`Edit`] sent through [`Command::Edit`]: accepting makes the
//! suggestion an event; rejecting removes it and remembers it in its article
//! ([`crate::suggest::REJECTED`]) so that it is not suggested again.

use super::state::{AppState, Command, Direction};
use crate::model::{Corpus, EventIx, EventRole, edit::Edit, edit::EventFields};
use crate::suggest::{self, Rejected};

/// Is `e` a suggestion awaiting review?
pub fn is_suggestion(corpus: &Corpus, e: EventIx) -> bool {
    corpus
        .event(e)
        .is_some_and(|ev| ev.role == EventRole::Suggested)
}

/// The selected event, when it is a suggestion.
pub fn selected_suggestion(state: &AppState) -> Option<EventIx> {
    state
        .focused_event()
        .filter(|&e| is_suggestion(state.corpus(), e))
}

/// Suggestions shown by the filter, in time order (undated last).
pub fn shown_suggestions(state: &AppState) -> Vec<EventIx> {
    let corpus = state.corpus();
    let prepared = state.prepared();
    let shown = |e: EventIx| {
        prepared
            .events_shown
            .get(e.index())
            .copied()
            .unwrap_or(false)
    };
    prepared
        .order
        .iter()
        .filter_map(|&h| corpus.happening(h))
        .flat_map(|h| h.events.iter().copied())
        .filter(|&e| shown(e) && is_suggestion(corpus, e))
        .collect()
}

/// The suggestion after (or before) `from` in time, among those shown.
pub fn neighbour(state: &AppState, from: EventIx, direction: Direction) -> Option<EventIx> {
    let list = shown_suggestions(state);
    let at = list.iter().position(|&e| e == from)?;
    match direction {
        Direction::Next => list.get(at + 1).copied(),
        Direction::Previous => at.checked_sub(1).and_then(|i| list.get(i).copied()),
    }
}

/// The edit that accepts suggestion `e`: it becomes an event, with its passage.
pub fn accept(corpus: &Corpus, e: EventIx) -> Option<Command> {
    let event = corpus
        .event(e)
        .filter(|ev| ev.role == EventRole::Suggested)?;
    let mut fields = EventFields::of(event);
    fields.role = EventRole::Event;
    Some(Command::Edit {
        edit: Edit::PutEvent {
            article: event.article,
            id: event.id.clone(),
            position: 0,
            fields: Some(Box::new(fields)),
        },
        label: format!("accept ‘{}’", event.title),
    })
}

/// The edit that rejects suggestion `e`: removed, and remembered in its article.
pub fn reject(corpus: &Corpus, e: EventIx) -> Option<Command> {
    let event = corpus
        .event(e)
        .filter(|ev| ev.role == EventRole::Suggested)?;
    let article = corpus.article(event.article)?;
    let mut edits = vec![Edit::PutEvent {
        article: event.article,
        id: event.id.clone(),
        position: 0,
        fields: None,
    }];
    if let Some(r) = Rejected::of(event) {
        edits.push(Edit::PutArticleExtra {
            article: event.article,
            key: suggest::REJECTED.to_owned(),
            value: suggest::rejected_with(article, &r, true),
        });
    }
    Some(Command::Edit {
        edit: Edit::Batch(edits),
        label: format!("reject ‘{}’", event.title),
    })
}

/// The edit that accepts every suggestion the filter shows, as one step.
pub fn accept_all_shown(state: &AppState) -> Option<Command> {
    let corpus = state.corpus();
    let edits: Vec<Edit> = shown_suggestions(state)
        .into_iter()
        .filter_map(|e| match accept(corpus, e)? {
            Command::Edit { edit, .. } => Some(edit),
            _ => None,
        })
        .collect();
    let n = edits.len();
    (n > 0).then(|| Command::Edit {
        edit: Edit::Batch(edits),
        label: format!("accept {n} suggestion{}", if n == 1 { "" } else { "s" }),
    })
}

/// Carries out a review decision on the selected suggestion (`accept` or not), then
/// selects the next suggestion in time, so the review goes on from the keyboard. Returns
/// a message when there is nothing to review.
pub fn decide(state: &mut AppState, accept_it: bool) -> Result<(), String> {
    let Some(e) = selected_suggestion(state) else {
        return Err("Select a suggested event to accept or reject it".to_owned());
    };
    let corpus = state.corpus().clone();
    // The next one is found by id: rejecting removes an event, which moves the others.
    let next = neighbour(state, e, Direction::Next)
        .or_else(|| neighbour(state, e, Direction::Previous))
        .and_then(|n| corpus.event(n))
        .map(|n| (n.article, n.id.clone()));
    let command = if accept_it {
        accept(&corpus, e)
    } else {
        reject(&corpus, e)
    };
    let Some(command) = command else {
        return Err("The selected event is not a suggestion".to_owned());
    };
    state.apply(command);
    if let Some(err) = state.edit_error() {
        return Err(err.to_owned());
    }
    let after = state.corpus().clone();
    let next_ix = next.and_then(|(article, id)| {
        after
            .events_of(article)
            .find(|(_, ev)| ev.id == id)
            .map(|(ix, _)| ix)
    });
    match next_ix {
        Some(n) => state.apply(Command::SelectEvent(n)),
        None if accept_it => state.apply(Command::SelectEvent(e)),
        None => state.apply(Command::Select(None)),
    }
    Ok(())
}

/// For an accepted event that is in no story: the event of another article it most likely
/// reports too (a compatible date, and the most people and places in common), and the edit
/// that joins them in one story ("same happening as …?").
pub fn story_offer(corpus: &Corpus, e: EventIx) -> Option<(EventIx, Command)> {
    let event = corpus.event(e)?;
    if event.role != EventRole::Event || event.story.is_some() {
        return None;
    }
    let date = event.date?;
    let shared = |o: &crate::model::Event| {
        o.actors.iter().filter(|a| event.actors.contains(a)).count()
            + o.places.iter().filter(|p| event.places.contains(p)).count()
    };
    let (other_ix, other) = corpus
        .events
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            o.article != event.article
                && o.role == EventRole::Event
                // As precise as each other and compatible: a month and a decade that
                // contains it are not offered as one happening.
                && o.date.is_some_and(|d| {
                    !d.is_interval()
                        && !date.is_interval()
                        && d.precision() == date.precision()
                        && d.compatible(&date)
                })
                && shared(o) > 0
        })
        .max_by_key(|(i, o)| (shared(o), o.date == Some(date), std::cmp::Reverse(*i)))?;
    let key = other
        .story
        .clone()
        .unwrap_or_else(|| format!("{}-{}", other.id, event.id));
    let mut mine = EventFields::of(event);
    mine.story = Some(key.clone());
    let mut edits = vec![Edit::PutEvent {
        article: event.article,
        id: event.id.clone(),
        position: 0,
        fields: Some(Box::new(mine)),
    }];
    if other.story.is_none() {
        let mut theirs = EventFields::of(other);
        theirs.story = Some(key);
        edits.push(Edit::PutEvent {
            article: other.article,
            id: other.id.clone(),
            position: 0,
            fields: Some(Box::new(theirs)),
        });
    }
    Some((
        EventIx(other_ix as u32),
        Command::Edit {
            edit: Edit::Batch(edits),
            label: format!("join ‘{}’ with ‘{}’", event.title, other.title),
        },
    ))
}
