//! The application state and the one door through which it changes: [`Command`].
//!
//! Panels never mutate the view, filter or selection themselves; they return commands that
//! [`AppState::apply`] carries out. That keeps keyboard, mouse, presentation steps and tests
//! on the same path, and keeps derived data (the prepared lanes) in step with its inputs.

use std::path::PathBuf;
use std::sync::Arc;

use crate::model::{Corpus, EventIx, HappeningIx, Lang, Seconds};
use crate::timeline::filter::Facet;
use crate::timeline::{
    Filter, LaneMode, Prepared, ThemeKind, TimeWindow, View, kinds_by_frequency,
};

/// Where the corpus comes from: the bundled articles and/or files the user opened.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    pub bundled: bool,
    pub paths: Vec<PathBuf>,
}

/// Settings kept between runs.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemeKind,
    pub lang: Lang,
    pub lanes: LaneMode,
    pub recent: Vec<PathBuf>,
    pub show_list: bool,
    pub show_source: bool,
    pub show_overview: bool,
    /// Timeline text size in points.
    pub font_px: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeKind::Light,
            lang: Lang::En,
            lanes: LaneMode::None,
            recent: Vec::new(),
            show_list: true,
            show_source: true,
            show_overview: true,
            font_px: 14.0,
        }
    }
}

/// How many recent files the File menu remembers.
const MAX_RECENT: usize = 10;

/// Everything a user can ask of the explorer.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Select a happening (or clear with `None`).
    Select(Option<HappeningIx>),
    /// Select an event: its happening, with this event's source in front.
    SelectEvent(EventIx),
    /// Select the next (`+1`) or previous (`-1`) happening in time.
    Step(i32),
    /// Clear the selection (Esc).
    ClearSelection,
    /// Zoom to fit everything shown.
    Fit,
    /// Zoom by `factor` (< 1 zooms in) around `anchor_s`, immediately (mouse wheel).
    ZoomAt {
        factor: f64,
        anchor_s: f64,
    },
    /// Zoom by `factor` around the centre, animated (keyboard, buttons).
    Zoom(f64),
    /// Move the window by `delta_s` seconds, immediately (dragging).
    Pan(f64),
    /// Show exactly this window, animated or not.
    SetWindow {
        window: TimeWindow,
        animate: bool,
    },
    SetSearch(String),
    ToggleFacet(Facet, String),
    SetDateRange {
        from_s: Option<Seconds>,
        to_s: Option<Seconds>,
    },
    ClearFilters,
    SetLanes(LaneMode),
    /// Collapse or expand the lane with this key.
    ToggleLane(String),
    SetTheme(ThemeKind),
    SetLang(Lang),
    SetFontSize(f32),
    /// Replace filter and lanes at once (a presentation step).
    SetFilterAndLanes {
        filter: Filter,
        lanes: LaneMode,
    },
    /// Emphasise these happenings (a presentation step), drawn like the selection.
    SetHighlight(Vec<HappeningIx>),
    /// Show only these happenings (progressive reveal), or everything with `None`.
    SetReveal(Option<crate::timeline::view::Reveal>),
    /// Change how the view looks without changing the saved settings (presentation).
    SetViewStyle {
        theme: ThemeKind,
        font_px: f32,
    },
}

/// A smooth move between two windows.
#[derive(Clone, Copy, Debug)]
struct Animation {
    from: TimeWindow,
    to: TimeWindow,
    start: f64,
    duration: f64,
}

/// Seconds a view move takes.
pub const ANIMATION_S: f64 = 0.35;

pub struct AppState {
    pub corpus: Arc<Corpus>,
    pub sources: Sources,
    pub filter: Filter,
    pub prepared: Arc<Prepared>,
    /// Kinds by frequency: the colour order.
    pub kinds: Arc<Vec<String>>,
    /// The view as drawn this frame (mid-animation, possibly).
    pub view: View,
    /// The event whose source is in front in the source panel.
    pub focused_event: Option<EventIx>,
    pub settings: Settings,
    /// Bumped whenever `prepared` changes, so caches know.
    pub generation: u64,
    /// The source panel should scroll to the selected passage on its next frame.
    pub scroll_to_passage: bool,
    animation: Option<Animation>,
    /// Time of the latest frame, for animations started by commands.
    now: f64,
}

impl AppState {
    pub fn new(corpus: Corpus, sources: Sources, settings: Settings) -> Self {
        let mut state = Self {
            corpus: Arc::new(Corpus::default()),
            sources,
            filter: Filter::default(),
            prepared: Arc::new(Prepared::default()),
            kinds: Arc::new(Vec::new()),
            view: View {
                theme: settings.theme,
                lang: settings.lang,
                font_px: settings.font_px,
                ..View::default()
            },
            focused_event: None,
            settings,
            generation: 0,
            scroll_to_passage: false,
            animation: None,
            now: 0.0,
        };
        state.set_corpus(corpus);
        state
    }

    /// Replaces the corpus (after a load), keeping filters and lanes, and fits the view.
    pub fn set_corpus(&mut self, corpus: Corpus) {
        self.kinds = Arc::new(kinds_by_frequency(&corpus));
        self.corpus = Arc::new(corpus);
        self.view.selected = None;
        self.view.highlighted.clear();
        self.focused_event = None;
        self.reprepare();
        self.view.window = self.fit_window();
        self.animation = None;
    }

    /// Remembers an opened path in the recent list.
    pub fn remember(&mut self, path: PathBuf) {
        self.settings.recent.retain(|p| p != &path);
        self.settings.recent.insert(0, path);
        self.settings.recent.truncate(MAX_RECENT);
    }

    fn reprepare(&mut self) {
        self.prepared = Arc::new(Prepared::new(
            &self.corpus,
            &self.filter,
            self.settings.lanes,
        ));
        self.generation += 1;
        if let Some(h) = self.view.selected
            && !self.prepared.is_shown(h)
        {
            self.view.selected = None;
            self.focused_event = None;
        }
    }

    /// The window showing everything shown, with a margin.
    pub fn fit_window(&self) -> TimeWindow {
        match self.prepared.extent() {
            Some((lo, hi)) => TimeWindow::fit(lo as f64, hi as f64, 0.06),
            None => TimeWindow::default(),
        }
    }

    /// Advances animations to time `now` (seconds); true while one runs.
    pub fn tick(&mut self, now: f64) -> bool {
        self.now = now;
        let Some(a) = self.animation else {
            return false;
        };
        let t = ((now - a.start) / a.duration).clamp(0.0, 1.0);
        // Ease in and out.
        let eased = t * t * (3.0 - 2.0 * t);
        self.view.window = a.from.lerp(&a.to, eased);
        if t >= 1.0 {
            self.view.window = a.to;
            self.animation = None;
        }
        self.animation.is_some()
    }

    /// Where the view is going (the end of the running animation, or the view itself).
    pub fn target_window(&self) -> TimeWindow {
        self.animation.map_or(self.view.window, |a| a.to)
    }

    fn animate_to(&mut self, to: TimeWindow) {
        let from = self.view.window;
        if from == to {
            return;
        }
        self.animation = Some(Animation {
            from,
            to,
            start: self.now,
            duration: ANIMATION_S,
        });
    }

    /// Moves the view (animated) so that happening `h` is in view, zooming out only if it
    /// is wider than the window.
    pub fn bring_into_view(&mut self, h: HappeningIx) {
        let Some(date) = self.corpus.happening(h).and_then(|h| h.date) else {
            return;
        };
        let w = self.target_window();
        let lo = date.earliest().map_or(w.start_s, |t| t as f64);
        let hi = date.latest().map_or(w.end_s, |t| t as f64);
        let margin = 0.1 * w.span_s();
        if lo >= w.start_s + margin && hi <= w.end_s - margin {
            return;
        }
        // Move as little as possible, so the neighbours stay where the eye left them.
        let target = if hi - lo > w.span_s() - 2.0 * margin {
            TimeWindow::fit(lo, hi, 0.1)
        } else if lo < w.start_s + margin {
            w.panned(lo - (w.start_s + margin))
        } else {
            w.panned(hi - (w.end_s - margin))
        };
        self.animate_to(target);
    }

    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Select(h) => {
                self.view.selected = h;
                self.focused_event = h.and_then(|h| self.corpus.happening(h)).map(|h| h.lead);
                self.scroll_to_passage = true;
                if let Some(h) = h {
                    self.bring_into_view(h);
                }
            }
            Command::SelectEvent(e) => {
                if let Some(event) = self.corpus.event(e) {
                    let h = event.happening;
                    self.view.selected = Some(h);
                    self.focused_event = Some(e);
                    self.scroll_to_passage = true;
                    self.bring_into_view(h);
                }
            }
            Command::Step(direction) => {
                if let Some(next) = self.neighbour(direction) {
                    self.apply(Command::Select(Some(next)));
                }
            }
            Command::ClearSelection => {
                self.view.selected = None;
                self.focused_event = None;
            }
            Command::Fit => {
                let w = self.fit_window();
                self.animate_to(w);
            }
            Command::ZoomAt { factor, anchor_s } => {
                self.animation = None;
                self.view.window = self.view.window.zoomed(factor, anchor_s);
            }
            Command::Zoom(factor) => {
                // Around the selection when it is in view: that is what the user looks at.
                let w = self.target_window();
                let anchor = self
                    .selection_time()
                    .filter(|t| (w.start_s..w.end_s).contains(t))
                    .unwrap_or_else(|| w.center_s());
                self.animate_to(w.zoomed(factor, anchor));
            }
            Command::Pan(delta_s) => {
                self.animation = None;
                self.view.window = self.view.window.panned(delta_s);
            }
            Command::SetWindow { window, animate } => {
                if animate {
                    self.animate_to(window.sanitized());
                } else {
                    self.animation = None;
                    self.view.window = window.sanitized();
                }
            }
            Command::SetSearch(text) => {
                if self.filter.text != text {
                    self.filter.text = text;
                    self.reprepare();
                }
            }
            Command::ToggleFacet(facet, key) => {
                let set = self.filter.selection_mut(facet);
                if !set.remove(&key) {
                    set.insert(key);
                }
                self.reprepare();
            }
            Command::SetDateRange { from_s, to_s } => {
                self.filter.from_s = from_s;
                self.filter.to_s = to_s;
                self.reprepare();
            }
            Command::ClearFilters => {
                self.filter = Filter::default();
                self.reprepare();
            }
            Command::SetLanes(mode) => {
                if self.settings.lanes != mode {
                    self.settings.lanes = mode;
                    self.reprepare();
                }
            }
            Command::ToggleLane(key) => {
                if !self.view.collapsed.remove(&key) {
                    self.view.collapsed.insert(key);
                }
            }
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                self.view.theme = theme;
            }
            Command::SetLang(lang) => {
                self.settings.lang = lang;
                self.view.lang = lang;
            }
            Command::SetFontSize(px) => {
                let px = px.clamp(10.0, 32.0);
                self.settings.font_px = px;
                self.view.font_px = px;
            }
            Command::SetFilterAndLanes { filter, lanes } => {
                if self.filter != filter || self.settings.lanes != lanes {
                    self.filter = filter;
                    self.settings.lanes = lanes;
                    self.reprepare();
                }
            }
            Command::SetHighlight(happenings) => self.view.highlighted = happenings,
            Command::SetReveal(reveal) => self.view.reveal = reveal,
            Command::SetViewStyle { theme, font_px } => {
                self.view.theme = theme;
                self.view.font_px = font_px.clamp(8.0, 64.0);
            }
        }
    }

    /// The middle of the selected happening's date, if it has one.
    pub fn selection_time(&self) -> Option<f64> {
        let date = self.corpus.happening(self.view.selected?)?.date?;
        match (date.earliest(), date.latest()) {
            (Some(a), Some(b)) => Some(0.5 * (a as f64 + b as f64)),
            (a, b) => a.or(b).map(|t| t as f64),
        }
    }

    /// The happening after (or before) the selection in time; with nothing selected, the
    /// first one at or after the left edge of the view (or the last before its right edge).
    pub fn neighbour(&self, direction: i32) -> Option<HappeningIx> {
        let order = &self.prepared.order;
        if order.is_empty() {
            return None;
        }
        let current = self
            .view
            .selected
            .and_then(|s| order.iter().position(|&h| h == s));
        let index = match current {
            Some(i) if direction > 0 => (i + 1 < order.len()).then_some(i + 1),
            Some(i) => i.checked_sub(1),
            None => {
                let key = |h: &HappeningIx| {
                    self.corpus
                        .happening(*h)
                        .and_then(|h| h.date)
                        .map_or(Seconds::MAX, |d| d.sort_key()) as f64
                };
                let w = self.view.window;
                if direction > 0 {
                    order.iter().position(|h| key(h) >= w.start_s).or(Some(0))
                } else {
                    order
                        .iter()
                        .rposition(|h| key(h) < w.end_s)
                        .or(Some(order.len() - 1))
                }
            }
        };
        index.and_then(|i| order.get(i).copied())
    }

    /// Events shown by the filter, as a count.
    pub fn shown_event_count(&self) -> usize {
        self.prepared.events_shown.iter().filter(|&&s| s).count()
    }
}
