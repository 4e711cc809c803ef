//! Presentations: a sequence of steps through a chronology, prepared in advance and saved.
//!
//! A teacher builds a presentation from the normal view ("Add current view as step"), then
//! steps through it in front of a class or exports one slide per step. Without a prepared
//! presentation, [`default_steps`] gives one step per happening in time order.
//!
//! The steps are saved as JSON (`"frise_story": 1`, read and written by
//! [`crate::formats::story_file`]) beside the articles; events are named by article and
//! event id, so a presentation survives reloading and edits to other events.

use chrono::{DateTime, NaiveDateTime};

use super::filter::Filter;
use super::lanes::{LaneMode, Prepared};
use super::scale::TimeWindow;
use super::view::Reveal;
use crate::model::{Corpus, EventIx, HappeningIx};

/// Margin around the shown events, as a share of their span, when a step has neither a
/// saved window nor dated events to frame: the explorer window's own fit.
pub const FIT_MARGIN: f64 = 0.06;

/// The format version this build reads and writes.
pub const STORY_VERSION: u64 = 1;

/// An event named so that it can be found again after a reload.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EventRef {
    pub article: String,
    pub event: String,
}

/// One step of a presentation: what to show and what to say.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Step {
    /// The time window, as ISO 8601 date-times (`2025-07-31T00:00`); `None` frames the
    /// highlighted events with their neighbours.
    pub from: Option<String>,
    pub to: Option<String>,
    pub lanes: LaneMode,
    pub filter: Filter,
    /// The events this step is about.
    pub highlight: Vec<EventRef>,
    /// Words of the presenter's own, shown in place of the default caption.
    pub caption: Option<String>,
}

/// A saved presentation.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Story {
    pub frise_story: u64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub steps: Vec<Step>,
}

impl Default for Story {
    fn default() -> Self {
        Self {
            frise_story: STORY_VERSION,
            title: String::new(),
            steps: Vec::new(),
        }
    }
}

const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// `t_s` as an ISO 8601 date-time to the minute.
pub fn format_time(t_s: f64) -> String {
    DateTime::from_timestamp(t_s.round() as i64, 0)
        .map(|d| d.naive_utc().format(TIME_FORMAT).to_string())
        .unwrap_or_default()
}

/// Reads an ISO 8601 date-time (`2025-07-31T14:30`) or an EDTF date (`2025-07`, its start).
pub fn parse_time(s: &str) -> Option<f64> {
    if let Ok(t) = NaiveDateTime::parse_from_str(s.trim(), TIME_FORMAT) {
        return Some(t.and_utc().timestamp() as f64);
    }
    crate::model::Edtf::parse(s)
        .ok()?
        .earliest()
        .map(|t| t as f64)
}

impl Step {
    /// The step's window, if it has one.
    pub fn window(&self) -> Option<TimeWindow> {
        let from = parse_time(self.from.as_deref()?)?;
        let to = parse_time(self.to.as_deref()?)?;
        Some(TimeWindow::new(from, to))
    }

    /// The highlighted events that exist in `corpus`.
    pub fn events(&self, corpus: &Corpus) -> Vec<EventIx> {
        self.highlight
            .iter()
            .filter_map(|r| corpus.find_event(&r.article, &r.event))
            .collect()
    }

    /// The happenings of the highlighted events, sorted, without repeats.
    pub fn happenings(&self, corpus: &Corpus) -> Vec<HappeningIx> {
        let mut hs: Vec<HappeningIx> = self
            .events(corpus)
            .into_iter()
            .filter_map(|e| corpus.event(e).map(|e| e.happening))
            .collect();
        hs.sort_unstable();
        hs.dedup();
        hs
    }
}

/// How to name event `e` in a presentation file.
pub fn event_ref(corpus: &Corpus, e: EventIx) -> Option<EventRef> {
    let event = corpus.event(e)?;
    Some(EventRef {
        article: corpus.article(event.article)?.id.clone(),
        event: event.id.clone(),
    })
}

/// One step per shown happening, in time order (undated ones last), framed automatically.
pub fn default_steps(corpus: &Corpus, prepared: &Prepared, filter: &Filter) -> Vec<Step> {
    prepared
        .order
        .iter()
        .filter_map(|&h| corpus.happening(h))
        .filter_map(|h| event_ref(corpus, h.lead))
        .map(|r| Step {
            lanes: prepared.lane_mode,
            filter: filter.clone(),
            highlight: vec![r],
            ..Step::default()
        })
        .collect()
}

/// The window framing `focus` with its neighbours in `order` (the happenings before and
/// after it in time), so each step shows where it stands in the chronology.
pub fn frame_with_neighbours(
    corpus: &Corpus,
    order: &[HappeningIx],
    focus: &[HappeningIx],
) -> Option<TimeWindow> {
    let bounds = |h: HappeningIx| {
        let d = corpus.happening(h)?.date?;
        let lo = d.earliest().or(d.latest())? as f64;
        let hi = d.latest().or(d.earliest())? as f64;
        Some((lo, hi))
    };
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for &h in focus {
        if let Some((a, b)) = bounds(h) {
            lo = lo.min(a);
            hi = hi.max(b);
        }
    }
    if !lo.is_finite() {
        return None;
    }
    let (own_lo, own_hi) = (lo, hi);
    // The nearest dated neighbour on each side, if it is not too far away: a neighbour a
    // century off would shrink the step's own event to a dot.
    let positions: Vec<usize> = focus
        .iter()
        .filter_map(|h| order.iter().position(|x| x == h))
        .collect();
    let (first, last) = (
        positions.iter().min().copied(),
        positions.iter().max().copied(),
    );
    let reach = ((own_hi - own_lo).max(30.0 * 86_400.0)) * 24.0;
    let before = first
        .and_then(|i| order.get(..i))
        .and_then(|s| s.iter().rev().find_map(|&h| bounds(h)));
    let after = last
        .and_then(|i| order.get(i + 1..))
        .and_then(|s| s.iter().find_map(|&h| bounds(h)));
    if let Some((a, _)) = before
        && own_lo - a <= reach
    {
        lo = lo.min(a);
    }
    if let Some((_, b)) = after
        && b - own_hi <= reach
    {
        hi = hi.max(b);
    }
    // At least two weeks, so a single day is seen in its surroundings.
    let span = (hi - lo).max(14.0 * 86_400.0);
    let c = 0.5 * (lo + hi);
    Some(TimeWindow::fit(c - 0.5 * span, c + 0.5 * span, 0.18))
}

/// The window of a presentation slide (`step` is `None` on the title slide): the step's
/// saved window, else its events `focus` framed with their neighbours, else everything
/// `prepared` shows. The presentation and `frise export --story` both frame slides here, so
/// an exported slide shows what the screen showed.
pub fn step_window(
    corpus: &Corpus,
    prepared: &Prepared,
    step: Option<&Step>,
    focus: &[HappeningIx],
) -> TimeWindow {
    step.and_then(Step::window)
        .or_else(|| frame_with_neighbours(corpus, &prepared.order, focus))
        .or_else(|| prepared.fit_window(FIT_MARGIN))
        .unwrap_or_default()
}

/// What progressive reveal shows on slide `current` (0 is the title slide, which shows
/// nothing yet): the happenings of steps 1 to `current`. Shared by the presentation and
/// `frise export --story`, like [`step_window`].
pub fn reveal_through(corpus: &Corpus, steps: &[Step], current: usize) -> Reveal {
    let mut revealed: Vec<HappeningIx> = steps
        .iter()
        .take(current)
        .flat_map(|s| s.happenings(corpus))
        .collect();
    revealed.sort_unstable();
    revealed.dedup();
    Reveal {
        revealed,
        dim: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip_to_the_minute() {
        let t = parse_time("2025-07-31T14:30").unwrap();
        assert_eq!(format_time(t), "2025-07-31T14:30");
        assert_eq!(parse_time("2025-07"), parse_time("2025-07-01T00:00"));
        assert_eq!(parse_time("juillet"), None);
    }
}
