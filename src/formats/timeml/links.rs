//! Temporal links (`<TLINK>`): which time expression dates an event, which events happen
//! at the same time, and which are only ordered before or after the creation date.

use roxmltree::Node;

use super::Reader;
use super::events::Events;
use super::timex::Timexes;
use crate::model::{Edtf, Precision};

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

/// A date a link gives an event.
#[derive(Clone)]
pub(super) struct Candidate<'a> {
    pub(super) date: Edtf,
    pub(super) tid: &'a str,
    pub(super) lid: &'a str,
    pub(super) relation: String,
}

impl Candidate<'_> {
    /// Which of two candidates dates an event better: a point over an open interval,
    /// then the finer precision. Earlier links win ties.
    pub(super) fn rank(&self) -> (bool, Precision) {
        (!self.date.is_interval(), self.date.precision())
    }
}

/// The best of `candidates` by [`Candidate::rank`], the earliest among equals.
pub(super) fn best<'c, 'a>(
    candidates: impl Iterator<Item = &'c Candidate<'a>>,
) -> Option<&'c Candidate<'a>>
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

/// One end of a link.
enum End {
    Event(usize),
    Time(usize),
}

/// Reads every TLINK under `root` into the events it concerns: dating candidates, orders
/// relative to the creation date, and same-time partners. A link naming what the document
/// does not hold is reported and ignored.
pub(super) fn read_links<'a>(
    reader: &mut Reader<'_, '_>,
    root: Node<'a, '_>,
    timexes: &Timexes<'a>,
    events: &mut Events<'a, '_>,
) {
    for node in root.descendants().filter(|n| n.has_tag_name("TLINK")) {
        let lid = node.attribute("lid").unwrap_or("?");
        match link_ends(node, timexes, events) {
            Ok(Some((event, relation, other))) => {
                add_link(lid, event, relation, other, timexes, events);
            }
            Ok(None) => {}
            Err(message) => {
                let error = reader.error(
                    node,
                    format!("TLINK '{lid}': {message}; the link is ignored"),
                );
                reader.push(error);
            }
        }
    }
}

/// The event a link is about, its relation seen from the event's side, and the other end;
/// `None` for a link between two times, which dates no event.
fn link_ends<'a>(
    node: Node<'a, '_>,
    timexes: &Timexes<'a>,
    events: &Events<'a, '_>,
) -> Result<Option<(usize, String, End)>, String> {
    let Some(relation) = node.attribute("relType") else {
        return Err("no \"relType\"".to_owned());
    };
    let end = |event_attr: &str, time_attr: &str| -> Result<End, String> {
        match (node.attribute(event_attr), node.attribute(time_attr)) {
            (Some(ei), _) => events
                .by_instance
                .get(ei)
                .map(|&i| End::Event(i))
                .ok_or_else(|| {
                    format!("{event_attr} '{ei}' is not an event instance of this document")
                }),
            (None, Some(t)) => timexes
                .by_id
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
        (Err(m), _) | (_, Err(m)) => return Err(m),
    };
    // Seen from the event's side: "t INCLUDES e" is "e IS_INCLUDED t".
    Ok(match (from, to) {
        (End::Event(e), other) => Some((e, relation.to_owned(), other)),
        (End::Time(t), End::Event(e)) => Some((e, inverse(relation).to_owned(), End::Time(t))),
        (End::Time(_), End::Time(_)) => None,
    })
}

/// Records link `lid` (`event` `relation` `other`) on the events it concerns.
fn add_link<'a>(
    lid: &'a str,
    event: usize,
    relation: String,
    other: End,
    timexes: &Timexes<'a>,
    events: &mut Events<'a, '_>,
) {
    match other {
        End::Time(t) => {
            let Some(timex) = timexes.get(t) else {
                return;
            };
            let Some(record) = events.list.get_mut(event) else {
                return;
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
            } else if Some(t) == timexes.dct {
                match relation.as_str() {
                    "BEFORE" | "IBEFORE" => record.before_dct.push(lid),
                    "AFTER" | "IAFTER" => record.after_dct.push(lid),
                    _ => {}
                }
            }
        }
        End::Event(other) => {
            if SAME_TIME_RELATIONS.contains(&relation.as_str()) && other != event {
                if let Some(r) = events.list.get_mut(event) {
                    r.same_time.push((other, lid));
                }
                if let Some(r) = events.list.get_mut(other) {
                    r.same_time.push((event, lid));
                }
            }
        }
    }
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
