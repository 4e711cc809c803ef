//! Lanes: horizontal bands grouping happenings by article, kind, actor, place or tag.
//!
//! A happening belongs to every lane any of its shown events belongs to: an event with two
//! actors appears in both actor lanes. [`Prepared`] holds the lanes of one filter and lane
//! mode, each with its own [`SpanIndex`]; it is rebuilt when those change, not per frame.

use std::collections::HashMap;

use rayon::prelude::*;

use super::filter::Filter;
use super::index::{Span, SpanIndex};
use super::scale::TimeWindow;
use crate::model::{Change, Corpus, EventRole, HappeningIx, Seconds, Shift};

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
#[derive(Clone, Debug, PartialEq, Eq)]
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
        let important = spans
            .iter()
            .copied()
            .filter(|s| is_important(corpus, s.happening));
        Self {
            important: SpanIndex::new(important),
            index: SpanIndex::new(spans),
            key,
            label,
        }
    }
}

/// Reported by several sources, or in conflict: placed first in a dense view.
fn is_important(corpus: &Corpus, h: HappeningIx) -> bool {
    corpus
        .happening(h)
        .is_some_and(|h| h.source_count > 1 || !h.conflicts.is_empty())
}

/// Where a shown happening goes.
enum Place {
    Undated,
    Period(Span),
    Dated(Span),
}

fn place(corpus: &Corpus, ix: HappeningIx) -> Option<Place> {
    let h = corpus.happening(ix)?;
    let Some(date) = &h.date else {
        return Some(Place::Undated);
    };
    let (earliest, latest) = date.extent();
    let span = Span {
        start_s: earliest.unwrap_or(Seconds::MIN),
        end_s: latest.unwrap_or(Seconds::MAX),
        happening: ix,
    };
    let is_period = corpus.lead(h).is_some_and(|e| e.role == EventRole::Period);
    Some(if is_period {
        Place::Period(span)
    } else {
        Place::Dated(span)
    })
}

/// Is any event of happening `h` shown?
fn any_shown(corpus: &Corpus, events_shown: &[bool], h: HappeningIx) -> bool {
    corpus.happening(h).is_some_and(|h| {
        h.events
            .iter()
            .any(|e| events_shown.get(e.index()).copied().unwrap_or(false))
    })
}

/// The key a happening is ordered by in [`Prepared::order`].
fn order_key(corpus: &Corpus, h: HappeningIx) -> (Seconds, HappeningIx) {
    let key = corpus
        .happening(h)
        .and_then(|h| h.date)
        .map_or(0, |d| d.sort_key());
    (key, h)
}

/// The happenings of `dated` in [`order_key`] order, then `undated`: [`Prepared::order`].
///
/// `dated` is sorted by (start, happening), and a span starts at its date's order key,
/// but for a date open or unknown at its start: its span starts at `Seconds::MIN` and its
/// key is its end. Those few, at the front, are sorted apart and merged into the rest,
/// which are in order already.
fn time_order(corpus: &Corpus, dated: &[Span], undated: &[HappeningIx]) -> Vec<HappeningIx> {
    let (open, known) = dated.split_at(dated.partition_point(|s| s.start_s == Seconds::MIN));
    let mut open: Vec<(Seconds, HappeningIx)> = open
        .iter()
        .map(|s| order_key(corpus, s.happening))
        .collect();
    open.sort_unstable();
    let mut open = open.into_iter().peekable();
    let mut order = Vec::with_capacity(dated.len() + undated.len());
    for span in known {
        let key = (span.start_s, span.happening);
        while let Some((_, h)) = open.next_if(|first| *first < key) {
            order.push(h);
        }
        order.push(span.happening);
    }
    order.extend(open.map(|(_, h)| h));
    order.extend_from_slice(undated);
    order
}

/// The lowest-numbered happening of a lane: the order article lanes are first seen in.
fn first_happening(lane: &Lane) -> Option<HappeningIx> {
    lane.index.spans().iter().map(|s| s.happening).min()
}

/// Lanes beyond this many are merged into one "Others" lane, so every lane stays legible.
pub const MAX_LANES: usize = 16;

/// Everything the layout needs that depends on the corpus, filter and lane mode only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prepared {
    pub lane_mode: LaneMode,
    pub lanes: Vec<Lane>,
    /// Shown happenings without a date, by happening number (corpus order when loaded; a
    /// happening an edit makes takes the next number, so it comes last): the "Undated" tray.
    pub undated: Vec<HappeningIx>,
    /// Shown periods (background bands).
    pub periods: Vec<Span>,
    /// One flag per event: does it pass the filter?
    pub events_shown: Vec<bool>,
    /// One flag per event: is it a suggestion awaiting review?
    suggested: Vec<bool>,
    /// Suggestions the filter shows.
    pub suggested_shown: usize,
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
        // Each pass over the happenings runs on every core: they may be a million, and
        // placing one converts its date to seconds.
        let shown: Vec<bool> = (0..corpus.happenings.len())
            .into_par_iter()
            .map(|i| any_shown(corpus, &events_shown, HappeningIx(i as u32)))
            .collect();
        // One place per happening, written where it belongs: a filtered collect would
        // grow a list per core and then copy them into one.
        let places: Vec<Option<Place>> = shown
            .par_iter()
            .enumerate()
            .map(|(i, s)| s.then(|| place(corpus, HappeningIx(i as u32))).flatten())
            .collect();

        let mut undated = Vec::new();
        let mut periods = Vec::new();
        let mut dated: Vec<Span> = Vec::with_capacity(places.len());
        for (i, p) in places.into_iter().enumerate() {
            match p {
                None => {}
                Some(Place::Undated) => undated.push(HappeningIx(i as u32)),
                Some(Place::Period(span)) => periods.push(span),
                Some(Place::Dated(span)) => dated.push(span),
            }
        }

        // In the order the indexes keep them, so that sorting each lane's spans and all of
        // them finds them sorted.
        dated.par_sort_unstable_by_key(|s| (s.start_s, s.happening));
        // The lanes, the time order and the index of all: apart from one another.
        let ((lanes, all), order) = rayon::join(
            || {
                rayon::join(
                    || build_lanes(corpus, &events_shown, lane_mode, &dated),
                    || SpanIndex::new(dated.iter().copied()),
                )
            },
            || time_order(corpus, &dated, &undated),
        );
        let suggested: Vec<bool> = corpus
            .events
            .par_iter()
            .map(|e| e.role == EventRole::Suggested)
            .collect();
        let suggested_shown = suggested
            .iter()
            .zip(&events_shown)
            .filter(|(a, b)| **a && **b)
            .count();
        Self {
            lane_mode,
            lanes,
            undated,
            periods,
            events_shown,
            suggested,
            suggested_shown,
            shown,
            all,
            order,
        }
    }

    /// Brings these lanes up to date with `corpus` after the edit `change` described,
    /// in proportion to the edit: the flags of the events it touched, the spans of the
    /// happenings it touched. The result is what [`Prepared::new`] would build. Lanes are
    /// regrouped from the whole corpus only when the edit moves a happening to another
    /// lane in a way that could reorder or merge lanes.
    pub fn update(&mut self, corpus: &Corpus, filter: &Filter, change: &Change) {
        for shift in &change.shifts {
            match *shift {
                Shift::Inserted(at) => {
                    let at = at.index().min(self.events_shown.len());
                    self.events_shown.insert(at, false);
                    self.suggested.insert(at.min(self.suggested.len()), false);
                }
                Shift::Removed(at) => {
                    let at = at.index();
                    if at < self.events_shown.len() && at < self.suggested.len() {
                        let shown = self.events_shown.remove(at);
                        let suggested = self.suggested.remove(at);
                        if shown && suggested {
                            self.suggested_shown = self.suggested_shown.saturating_sub(1);
                        }
                    }
                }
            }
        }
        if self.events_shown.len() != corpus.events.len()
            || self.suggested.len() != corpus.events.len()
        {
            // Not the corpus these lanes were prepared for.
            *self = Self::new(corpus, filter, self.lane_mode);
            return;
        }
        for &e in &change.events {
            if let (Some(event), Some(flag), Some(suggested)) = (
                corpus.event(e),
                self.events_shown.get_mut(e.index()),
                self.suggested.get_mut(e.index()),
            ) {
                if *flag && *suggested {
                    self.suggested_shown = self.suggested_shown.saturating_sub(1);
                }
                *flag = filter.passes(corpus, event);
                *suggested = event.role == EventRole::Suggested;
                if *flag && *suggested {
                    self.suggested_shown += 1;
                }
            }
        }

        let count = corpus.happenings.len();
        let mut gone: Vec<HappeningIx> = change.happenings.clone();
        gone.extend(
            (count..change.happenings_before.max(self.shown.len())).map(|i| HappeningIx(i as u32)),
        );
        gone.sort_unstable();
        gone.dedup();
        self.shown.resize(count, false);
        let dirty: Vec<HappeningIx> = change
            .happenings
            .iter()
            .copied()
            .filter(|h| h.index() < count)
            .collect();
        for &h in &dirty {
            let any = any_shown(corpus, &self.events_shown, h);
            if let Some(s) = self.shown.get_mut(h.index()) {
                *s = any;
            }
        }

        let is_gone = |h: &HappeningIx| gone.binary_search(h).is_ok();
        if !gone.is_empty() {
            self.undated.retain(|h| !is_gone(h));
            self.periods.retain(|s| !is_gone(&s.happening));
            self.order.retain(|h| !is_gone(h));
        }
        let mut added: Vec<Span> = Vec::new();
        let shown_dirty: Vec<HappeningIx> =
            dirty.into_iter().filter(|h| self.is_shown(*h)).collect();
        for h in shown_dirty {
            match place(corpus, h) {
                Some(Place::Undated) => {
                    let at = self.undated.partition_point(|x| *x < h);
                    self.undated.insert(at, h);
                }
                Some(Place::Period(span)) => {
                    let at = self.periods.partition_point(|x| x.happening < h);
                    self.periods.insert(at, span);
                }
                Some(Place::Dated(span)) => added.push(span),
                None => {}
            }
        }
        self.all.replace(&gone, added.iter().copied());

        // Dated happenings in time order, then the undated tray.
        let dated = self.all.len() - added.len();
        self.order.truncate(dated);
        for span in &added {
            let key = order_key(corpus, span.happening);
            let at = self.order.partition_point(|&x| order_key(corpus, x) < key);
            self.order.insert(at, span.happening);
        }
        self.order.extend(self.undated.iter().copied());

        if !self.update_lanes(corpus, &gone, &added) {
            let dated = self.all.spans();
            self.lanes = build_lanes(corpus, &self.events_shown, self.lane_mode, dated);
        }
        if self.lane_mode == LaneMode::Article {
            for &a in &change.articles {
                let Some(article) = corpus.article(a) else {
                    continue;
                };
                for lane in self.lanes.iter_mut().filter(|l| l.key == article.id) {
                    article.outlet().clone_into(&mut lane.label);
                }
            }
        }
    }

    /// Moves the spans of the happenings `gone` to the lanes they belong in now; false
    /// when that could change which lanes there are or their order (then they are rebuilt).
    fn update_lanes(&mut self, corpus: &Corpus, gone: &[HappeningIx], added: &[Span]) -> bool {
        if gone.is_empty() && added.is_empty() {
            return true;
        }
        let important = |spans: &mut dyn Iterator<Item = &Span>| -> Vec<Span> {
            spans
                .filter(|s| is_important(corpus, s.happening))
                .copied()
                .collect()
        };
        if self.lane_mode == LaneMode::None {
            let Some(lane) = self.lanes.first_mut() else {
                return false;
            };
            lane.index.replace(gone, added.iter().copied());
            lane.important.replace(gone, important(&mut added.iter()));
            return true;
        }
        // The lanes each touched happening is in now, by position; all must exist.
        let mut target: Vec<(HappeningIx, Vec<usize>)> = Vec::with_capacity(added.len());
        for span in added {
            let mut keys = lane_keys(corpus, &self.events_shown, self.lane_mode, span.happening);
            if keys.is_empty() {
                keys.push((NONE_KEY, ""));
            }
            let mut at = Vec::with_capacity(keys.len());
            for (key, _) in keys {
                match self.lanes.iter().position(|l| l.key == key) {
                    Some(i) => at.push(i),
                    None => return false,
                }
            }
            at.sort_unstable();
            target.push((span.happening, at));
        }
        let has_others = self.lanes.iter().any(|l| l.key == OTHERS_KEY);
        let before: Vec<usize> = self.lanes.iter().map(|l| l.index.len()).collect();
        // Article lanes are merged into "Others" by the order their articles are first seen.
        let firsts_before = (has_others && self.lane_mode == LaneMode::Article)
            .then(|| self.lanes.iter().map(first_happening).collect::<Vec<_>>());
        for (i, lane) in self.lanes.iter_mut().enumerate() {
            let spans: Vec<Span> = added
                .iter()
                .zip(&target)
                .filter(|(_, (_, at))| at.contains(&i))
                .map(|(s, _)| *s)
                .collect();
            lane.index.replace(gone, spans.iter().copied());
            lane.important.replace(gone, important(&mut spans.iter()));
        }
        if self.lanes.iter().any(|l| l.index.is_empty()) {
            return false;
        }
        let counts_kept = self
            .lanes
            .iter()
            .zip(&before)
            .all(|(l, n)| l.index.len() == *n);
        if has_others {
            // Which lanes are merged depends on every lane's size (or first happening):
            // unless those stay, only a rebuild knows.
            let firsts_kept = firsts_before
                .is_none_or(|firsts| self.lanes.iter().map(first_happening).eq(firsts));
            if !counts_kept || !firsts_kept {
                return false;
            }
        }
        if counts_kept && self.lane_mode != LaneMode::Article {
            // Same sizes: same order.
            return true;
        }
        self.lanes_in_order()
    }

    /// Are the lanes in the order [`build_lanes`] gives them?
    fn lanes_in_order(&self) -> bool {
        let none_last = |l: &Lane| l.key == NONE_KEY;
        let pairs = self.lanes.windows(2);
        match self.lane_mode {
            LaneMode::Article => {
                // First seen, in happening order; a tie (one happening in two article
                // lanes) is settled by event order, which only a rebuild knows.
                pairs.into_iter().all(|w| match w {
                    [a, b] => {
                        (none_last(a), first_happening(a)) < (none_last(b), first_happening(b))
                    }
                    _ => true,
                })
            }
            _ => pairs.into_iter().all(|w| match w {
                [_, b] if b.key == OTHERS_KEY => true,
                [a, b] => {
                    (none_last(a), std::cmp::Reverse(a.index.len()), &a.label)
                        <= (none_last(b), std::cmp::Reverse(b.index.len()), &b.label)
                }
                _ => true,
            }),
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
        .map(|(_, label)| label.to_owned())
}

/// The lane keys of one event in a mode: `(key, label)` pairs (what a TimelineJS `group`
/// is named after, too), borrowed: lanes are regrouped over every event.
pub fn keys_of<'c>(corpus: &'c Corpus, event: &'c crate::model::Event, mode: LaneMode) -> Keys<'c> {
    let entities = |ixs: &[crate::model::EntityIx]| -> Keys<'c> {
        ixs.iter()
            .filter_map(|&i| corpus.entity(i))
            .map(|e| (e.id.as_str(), e.display_name()))
            .collect()
    };
    match mode {
        LaneMode::None => smallvec::smallvec![("", "")],
        LaneMode::Article => corpus
            .article(event.article)
            .map(|a| smallvec::smallvec![(a.id.as_str(), a.outlet())])
            .unwrap_or_default(),
        LaneMode::Kind => event
            .kind
            .as_deref()
            .map(|k| smallvec::smallvec![(k, k)])
            .unwrap_or_default(),
        LaneMode::Actor => entities(&event.actors),
        LaneMode::Place => entities(&event.places),
        LaneMode::Tag => event
            .tags
            .iter()
            .map(|t| (t.as_str(), t.as_str()))
            .collect(),
    }
}

/// Lane keys, `(key, label)`: most events and happenings are in one lane, whose key is
/// kept in place rather than in an allocation of its own.
pub type Keys<'c> = smallvec::SmallVec<[(&'c str, &'c str); 1]>;

/// Key of the lane for happenings with no value in the mode ("no actor").
pub const NONE_KEY: &str = "\u{0}none";
/// Key of the lane merging the smallest lanes.
pub const OTHERS_KEY: &str = "\u{0}others";

/// The lane keys of a happening's shown events, first seen first.
fn lane_keys<'c>(
    corpus: &'c Corpus,
    events_shown: &[bool],
    mode: LaneMode,
    h: HappeningIx,
) -> Keys<'c> {
    let mut keys = Keys::new();
    let Some(h) = corpus.happening(h) else {
        return keys;
    };
    for &ev in &h.events {
        if !events_shown.get(ev.index()).copied().unwrap_or(false) {
            continue;
        }
        if let Some(e) = corpus.event(ev) {
            let own = keys_of(corpus, e, mode);
            // Most happenings are one event with one key: theirs, with nothing to merge.
            if keys.is_empty() && own.len() <= 1 {
                keys = own;
                continue;
            }
            for k in own {
                if !keys.iter().any(|x| x.0 == k.0) {
                    keys.push(k);
                }
            }
        }
    }
    keys
}

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
    // Each happening's keys are looked up on every core, in happening order: the corpus
    // keeps a happening's events and article side by side in that order, where the spans'
    // time order would send each lookup somewhere else in memory.
    let mut is_dated = vec![false; corpus.happenings.len()];
    for span in dated {
        if let Some(flag) = is_dated.get_mut(span.happening.index()) {
            *flag = true;
        }
    }
    // Collected one per happening, each in its place (see `Prepared::from_flags`).
    let keyed: Vec<Option<Keys>> = is_dated
        .par_iter()
        .enumerate()
        .map(|(i, dated)| {
            dated.then(|| lane_keys(corpus, events_shown, mode, HappeningIx(i as u32)))
        })
        .collect();
    // Each key gets a lane when it is first seen, in happening order: at the lowest
    // happening, then in the order of that happening's keys, which is the order lanes by
    // article keep. Each happening's lanes are listed by number (`numbers[offsets[h]..
    // offsets[h + 1]]`), to put its span in them in time order.
    let mut number_of: HashMap<&str, u32, foldhash::fast::RandomState> = HashMap::default();
    let mut lanes: Vec<(&str, &str, (HappeningIx, usize), Vec<Span>)> = Vec::new();
    let mut offsets: Vec<u32> = Vec::with_capacity(corpus.happenings.len() + 1);
    let mut numbers: Vec<u32> = Vec::with_capacity(keyed.len());
    offsets.push(0);
    let mut last: Option<(&str, u32)> = None;
    for (h, mut keys) in keyed
        .into_iter()
        .enumerate()
        .filter_map(|(i, keys)| Some((HappeningIx(i as u32), keys?)))
    {
        while offsets.len() <= h.index() {
            offsets.push(numbers.len() as u32);
        }
        if keys.is_empty() {
            keys.push((NONE_KEY, none_label(mode)));
        }
        for (at, (key, label)) in keys.into_iter().enumerate() {
            // Happenings side by side mostly share their lane (an article's happenings
            // come one after the other): the key just numbered is tried before the map.
            let number = match last {
                Some((last_key, number)) if last_key == key => number,
                _ => {
                    let number = *number_of.entry(key).or_insert_with(|| {
                        lanes.push((key, label, (h, at), Vec::new()));
                        (lanes.len() - 1) as u32
                    });
                    last = Some((key, number));
                    number
                }
            };
            numbers.push(number);
        }
        offsets.push(numbers.len() as u32);
    }
    for span in dated {
        let at = span.happening.index();
        let (Some(&from), Some(&to)) = (offsets.get(at), offsets.get(at + 1)) else {
            continue;
        };
        for &number in numbers.get(from as usize..to as usize).unwrap_or(&[]) {
            if let Some(lane) = lanes.get_mut(number as usize) {
                lane.3.push(*span);
            }
        }
    }
    let mut lanes: Vec<(String, String, (HappeningIx, usize), Vec<Span>)> = lanes
        .into_iter()
        .map(|(k, l, o, s)| (k.to_owned(), l.to_owned(), o, s))
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
            (HappeningIx(u32::MAX), usize::MAX),
            spans,
        ));
    }
    lanes
        .into_par_iter()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_order_puts_a_date_open_at_its_start_by_its_end() {
        let mut corpus = crate::synthetic::corpus(3, 400, 4);
        let date = |s: &str| crate::model::Edtf::parse(s).ok();
        for (i, e) in corpus.events.iter_mut().enumerate() {
            match i % 9 {
                0 => e.date = date("../2021-03"),
                1 => e.date = date("2019-05/.."),
                2 => e.date = date("/2016"),
                3 => e.date = None,
                _ => {}
            }
        }
        corpus.regroup();
        let prepared =
            Prepared::from_flags(&corpus, vec![true; corpus.events.len()], LaneMode::Article);
        let spans = prepared.all.spans();
        assert!(spans.iter().filter(|s| s.start_s == Seconds::MIN).count() > 10);
        assert!(!prepared.undated.is_empty());
        // Every dated happening by its order key, then the undated tray.
        let mut keyed: Vec<(Seconds, HappeningIx)> = spans
            .iter()
            .map(|s| order_key(&corpus, s.happening))
            .collect();
        keyed.sort_unstable();
        let expected: Vec<HappeningIx> = keyed
            .into_iter()
            .map(|(_, h)| h)
            .chain(prepared.undated.iter().copied())
            .collect();
        assert_eq!(prepared.order, expected);
    }

    #[test]
    fn lanes_are_the_same_whatever_the_order_of_their_spans() {
        // The bundled articles share stories: a happening in two article lanes at once.
        check_lane_order(&crate::formats::load_bundled());
        // Generated articles whose dates interleave: time order is not article order.
        check_lane_order(&crate::synthetic::corpus(5, 600, 8));
    }

    /// The lanes of every mode, from the corpus's dated spans in happening order, reversed
    /// and in time order: the same lanes in the same order.
    fn check_lane_order(corpus: &Corpus) {
        let shown = vec![true; corpus.events.len()];
        let dated: Vec<Span> = (0..corpus.happenings.len() as u32)
            .filter_map(|h| match place(corpus, HappeningIx(h))? {
                Place::Dated(span) => Some(span),
                _ => None,
            })
            .collect();
        assert!(dated.len() > 5);
        let mut reversed = dated.clone();
        reversed.reverse();
        let mut by_time = dated.clone();
        by_time.sort_by_key(|s| (s.start_s, s.happening));
        for mode in LaneMode::ALL {
            let lanes = build_lanes(corpus, &shown, mode, &dated);
            let keys: Vec<&str> = lanes.iter().map(|l| l.key.as_str()).collect();
            for other in [&reversed, &by_time] {
                let again = build_lanes(corpus, &shown, mode, other);
                let again_keys: Vec<&str> = again.iter().map(|l| l.key.as_str()).collect();
                assert_eq!(keys, again_keys, "{mode:?}");
                assert!(lanes == again, "{mode:?}");
            }
        }
    }
}
