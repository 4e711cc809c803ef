//! Lanes: horizontal bands grouping happenings by article, kind, actor, place or tag.
//!
//! A happening belongs to every lane any of its shown events belongs to: an event with two
//! actors appears in both actor lanes. [`Prepared`] holds the lanes of one filter and lane
//! mode, each with its own [`SpanIndex`]; it is rebuilt when those change, not per frame.

use std::collections::HashMap;

use super::filter::Filter;
use super::index::{Span, SpanIndex};
use super::scale::TimeWindow;
use crate::model::{Corpus, EventRole, HappeningIx, Seconds};

/// What lanes group by.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum LaneMode {
    #[default]
    None,
    Article,
    Kind,
    Actor,
    Place,
    Tag,
}

impl LaneMode {
    pub const ALL: [Self; 6] = [
        Self::None,
        Self::Article,
        Self::Kind,
        Self::Actor,
        Self::Place,
        Self::Tag,
    ];

    /// The command-line spelling: `none|article|kind|actor|place|tag`.
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Article => "article",
            Self::Kind => "kind",
            Self::Actor => "actor",
            Self::Place => "place",
            Self::Tag => "tag",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == s)
    }

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "No lanes",
            Self::Article => "By article",
            Self::Kind => "By kind",
            Self::Actor => "By actor",
            Self::Place => "By place",
            Self::Tag => "By tag",
        }
    }
}

/// One lane: its key, what it shows, and the index of its happenings.
#[derive(Clone, Debug)]
pub struct Lane {
    /// Stable key (article id, kind, entity id, tag; "" for "none"), used to remember
    /// collapsed lanes.
    pub key: String,
    pub label: String,
    pub index: SpanIndex,
    /// The lane's happenings reported by several sources or in conflict: in a dense view,
    /// these are placed before any others.
    pub important: SpanIndex,
}

impl Lane {
    fn new(corpus: &Corpus, key: String, label: String, spans: Vec<Span>) -> Self {
        let important = spans.iter().copied().filter(|s| {
            corpus
                .happening(s.happening)
                .is_some_and(|h| h.source_count > 1 || !h.conflicts.is_empty())
        });
        Self {
            important: SpanIndex::new(important),
            index: SpanIndex::new(spans),
            key,
            label,
        }
    }
}

/// Lanes beyond this many are merged into one "Others" lane, so every lane stays legible.
pub const MAX_LANES: usize = 16;

/// Everything the layout needs that depends on the corpus, filter and lane mode only.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    pub lane_mode: LaneMode,
    pub lanes: Vec<Lane>,
    /// Shown happenings without a date, in corpus order: the "Undated" tray.
    pub undated: Vec<HappeningIx>,
    /// Shown periods (background bands).
    pub periods: Vec<Span>,
    /// One flag per event: does it pass the filter?
    pub events_shown: Vec<bool>,
    /// One flag per happening: is any of its events shown?
    pub shown: Vec<bool>,
    /// All shown dated happenings, for fitting and navigation.
    pub all: SpanIndex,
    /// Shown happenings in time order (dated first, then undated): what ←/→ step through.
    pub order: Vec<HappeningIx>,
}

impl Prepared {
    pub fn new(corpus: &Corpus, filter: &Filter, lane_mode: LaneMode) -> Self {
        let events_shown = filter.events(corpus);
        Self::from_flags(corpus, events_shown, lane_mode)
    }

    /// Like [`Prepared::new`] with the event flags already computed.
    pub fn from_flags(corpus: &Corpus, events_shown: Vec<bool>, lane_mode: LaneMode) -> Self {
        let mut shown = vec![false; corpus.happenings.len()];
        for (i, h) in corpus.happenings.iter().enumerate() {
            let any = h
                .events
                .iter()
                .any(|e| events_shown.get(e.index()).copied().unwrap_or(false));
            if let Some(s) = shown.get_mut(i) {
                *s = any;
            }
        }

        let mut undated = Vec::new();
        let mut periods = Vec::new();
        let mut dated: Vec<Span> = Vec::new();
        for (i, h) in corpus.happenings.iter().enumerate() {
            if !shown.get(i).copied().unwrap_or(false) {
                continue;
            }
            let ix = HappeningIx(i as u32);
            let Some(date) = &h.date else {
                undated.push(ix);
                continue;
            };
            let span = Span {
                start_s: date.earliest().unwrap_or(Seconds::MIN),
                end_s: date.latest().unwrap_or(Seconds::MAX),
                happening: ix,
            };
            let is_period = corpus.lead(h).is_some_and(|e| e.role == EventRole::Period);
            if is_period {
                periods.push(span);
            } else {
                dated.push(span);
            }
        }

        let mut order: Vec<(Seconds, HappeningIx)> = dated
            .iter()
            .map(|s| {
                let key = corpus
                    .happening(s.happening)
                    .and_then(|h| h.date)
                    .map_or(0, |d| d.sort_key());
                (key, s.happening)
            })
            .collect();
        order.sort_unstable();
        let order = order
            .into_iter()
            .map(|(_, h)| h)
            .chain(undated.iter().copied())
            .collect();

        let lanes = build_lanes(corpus, &events_shown, lane_mode, &dated);
        Self {
            lane_mode,
            lanes,
            undated,
            periods,
            events_shown,
            shown,
            all: SpanIndex::new(dated),
            order,
        }
    }

    /// Time extent of what is shown (periods included), for "zoom to fit".
    pub fn extent(&self) -> Option<(Seconds, Seconds)> {
        let periods = SpanIndex::new(self.periods.iter().copied()).extent();
        match (self.all.extent(), periods) {
            (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
            (a, b) => a.or(b),
        }
    }

    /// The window a fitted view shows: where the happenings are, long intervals running off
    /// the edges (see [`super::fit`]); `None` when nothing shown is dated.
    pub fn fit_window(&self, margin: f64) -> Option<TimeWindow> {
        super::fit::fit_spans(self.all.spans().iter().chain(&self.periods), margin)
    }

    pub fn is_shown(&self, h: HappeningIx) -> bool {
        self.shown.get(h.index()).copied().unwrap_or(false)
    }
}

/// The name of the first lane an event is in (what a TimelineJS `group` is called);
/// `None` without lanes.
pub fn group_of(corpus: &Corpus, event: &crate::model::Event, mode: LaneMode) -> Option<String> {
    if mode == LaneMode::None {
        return None;
    }
    keys_of(corpus, event, mode)
        .into_iter()
        .next()
        .map(|(_, label)| label)
}

/// The lane keys of one event in a mode: `(key, label)` pairs (what a TimelineJS `group`
/// is named after, too).
pub fn keys_of(
    corpus: &Corpus,
    event: &crate::model::Event,
    mode: LaneMode,
) -> Vec<(String, String)> {
    let entities = |ixs: &[crate::model::EntityIx]| -> Vec<(String, String)> {
        ixs.iter()
            .filter_map(|&i| corpus.entity(i))
            .map(|e| (e.id.clone(), e.display_name().to_owned()))
            .collect()
    };
    match mode {
        LaneMode::None => vec![(String::new(), String::new())],
        LaneMode::Article => corpus
            .article(event.article)
            .map(|a| vec![(a.id.clone(), a.outlet().to_owned())])
            .unwrap_or_default(),
        LaneMode::Kind => event
            .kind
            .as_ref()
            .map(|k| vec![(k.clone(), k.clone())])
            .unwrap_or_default(),
        LaneMode::Actor => entities(&event.actors),
        LaneMode::Place => entities(&event.places),
        LaneMode::Tag => event.tags.iter().map(|t| (t.clone(), t.clone())).collect(),
    }
}

/// Key of the lane for happenings with no value in the mode ("no actor").
pub const NONE_KEY: &str = "\u{0}none";
/// Key of the lane merging the smallest lanes.
pub const OTHERS_KEY: &str = "\u{0}others";

fn build_lanes(
    corpus: &Corpus,
    events_shown: &[bool],
    mode: LaneMode,
    dated: &[Span],
) -> Vec<Lane> {
    if mode == LaneMode::None {
        return vec![Lane::new(
            corpus,
            String::new(),
            String::new(),
            dated.to_vec(),
        )];
    }
    // key -> (label, first-seen order, spans)
    let mut lanes: HashMap<String, (String, usize, Vec<Span>)> = HashMap::new();
    for span in dated {
        let Some(h) = corpus.happening(span.happening) else {
            continue;
        };
        let mut keys: Vec<(String, String)> = Vec::new();
        for &ev in &h.events {
            if !events_shown.get(ev.index()).copied().unwrap_or(false) {
                continue;
            }
            if let Some(e) = corpus.event(ev) {
                for k in keys_of(corpus, e, mode) {
                    if !keys.iter().any(|x| x.0 == k.0) {
                        keys.push(k);
                    }
                }
            }
        }
        if keys.is_empty() {
            keys.push((NONE_KEY.to_owned(), none_label(mode).to_owned()));
        }
        for (key, label) in keys {
            let order = lanes.len();
            lanes
                .entry(key)
                .or_insert_with(|| (label, order, Vec::new()))
                .2
                .push(*span);
        }
    }
    let mut lanes: Vec<(String, String, usize, Vec<Span>)> = lanes
        .into_iter()
        .map(|(k, (l, o, s))| (k, l, o, s))
        .collect();
    // Articles keep corpus order; other modes put the busiest lanes first. "None" goes last.
    lanes.sort_by(|a, b| {
        (a.0 == NONE_KEY)
            .cmp(&(b.0 == NONE_KEY))
            .then_with(|| match mode {
                LaneMode::Article => a.2.cmp(&b.2),
                _ => b.3.len().cmp(&a.3.len()).then_with(|| a.1.cmp(&b.1)),
            })
    });
    if lanes.len() > MAX_LANES {
        let rest = lanes.split_off(MAX_LANES - 1);
        let n = rest.len();
        let mut spans: Vec<Span> = rest.into_iter().flat_map(|l| l.3).collect();
        spans.sort_unstable_by_key(|s| s.happening);
        spans.dedup_by_key(|s| s.happening);
        lanes.push((
            OTHERS_KEY.to_owned(),
            format!("{n} others"),
            usize::MAX,
            spans,
        ));
    }
    lanes
        .into_iter()
        .map(|(key, label, _, spans)| Lane::new(corpus, key, label, spans))
        .collect()
}

fn none_label(mode: LaneMode) -> &'static str {
    match mode {
        LaneMode::None => "",
        LaneMode::Article => "No article",
        LaneMode::Kind => "No kind",
        LaneMode::Actor => "No actor",
        LaneMode::Place => "No place",
        LaneMode::Tag => "No tag",
    }
}
