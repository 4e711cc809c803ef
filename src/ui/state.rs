//! The application state and the one door through which it changes: [`Command`].
//!
//! Panels never mutate the view, filter or selection themselves; they return commands that
//! [`AppState::apply`] carries out. That keeps keyboard, mouse, presentation steps and tests
//! on the same path, and keeps derived data (the prepared lanes) in step with its inputs.

use std::path::PathBuf;
use std::sync::Arc;

use std::collections::BTreeSet;

use crate::model::edit::Edit;
use crate::model::{ArticleIx, Change, Corpus, EventIx, HappeningIx, Lang, Seconds};
use crate::timeline::filter::Facet;
use crate::timeline::story::{Step, Story};
use crate::timeline::{Filter, KindCounts, LaneMode, Prepared, ThemeKind, TimeWindow, View};

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

/// Which way to step through the happenings in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Next,
    Previous,
}

/// The panels around the timeline that can be shown or hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    List,
    Source,
    Overview,
    Problems,
    /// The reporting-lag view, in place of the timeline.
    Lag,
}

/// A loaded corpus handed to [`Command::SetCorpus`]. Commands compare by value; a corpus is
/// compared by identity, since comparing a million events would be both slow and pointless.
#[derive(Clone)]
pub struct Loaded(pub Arc<Corpus>);

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Loaded({} articles, {} events)",
            self.0.articles.len(),
            self.0.events.len()
        )
    }
}

/// Everything a user can ask of the explorer.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Select a happening, or clear the selection with `None` (Esc).
    Select(Option<HappeningIx>),
    /// Select an event: its happening, with this event's source in front.
    SelectEvent(EventIx),
    /// Select the next or previous happening in time.
    Step(Direction),
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
    /// Replace the corpus (a finished load), keeping filters and lanes, and fit the view.
    SetCorpus {
        corpus: Loaded,
        sources: Sources,
    },
    /// Put an opened path at the top of the recent files.
    Remember(PathBuf),
    /// Show or hide a panel.
    TogglePanel(Panel),
    /// Where the today marker stands (seconds), or none.
    SetToday(Option<f64>),
    /// Advance animations to this time (seconds of the window's clock).
    Tick(f64),
    /// Replace the prepared presentation (new, or opened from `path`).
    SetStory {
        story: Story,
        path: Option<PathBuf>,
    },
    SetStoryTitle(String),
    /// Append a step to the prepared presentation.
    AddStoryStep(Step),
    /// Swap two steps of the prepared presentation.
    SwapStorySteps(usize, usize),
    DeleteStoryStep(usize),
    SetStepCaption {
        step: usize,
        caption: Option<String>,
    },
    /// Change the corpus (authoring): undoable, named in the Edit menu by `label`
    /// ("change date of ‘Assad regime falls’").
    Edit {
        edit: Edit,
        label: String,
    },
    /// Undo the latest edit.
    Undo,
    /// Redo the latest undone edit.
    Redo,
    /// These articles were written to disk: they are no longer unsaved.
    MarkSaved(Vec<ArticleIx>),
    /// These articles now live in these files (saved to a new native file): later saves
    /// write there. Not an edit: nothing to undo, nothing unsaved.
    MoveArticles(Vec<(ArticleIx, PathBuf)>),
    /// These articles hold changes that are not on disk (work restored from the recovery
    /// journal).
    MarkUnsaved(Vec<ArticleIx>),
}

/// One step of the undo (or redo) history: the edit that takes it back, and its name.
#[derive(Clone, Debug)]
struct HistoryEntry {
    label: String,
    edit: Edit,
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

/// What the user is looking at. Fields are private: every change is a [`Command`] through
/// [`AppState::apply`], so derived data (prepared lanes, `generation`) cannot go stale.
pub struct AppState {
    corpus: Arc<Corpus>,
    sources: Sources,
    filter: Filter,
    prepared: Arc<Prepared>,
    /// Kinds by frequency: the colour order.
    kinds: Arc<Vec<String>>,
    /// How many events have each kind, kept through edits.
    kind_counts: KindCounts,
    /// What the latest edit changed, with the generation it made: caches one generation
    /// behind update from it instead of rebuilding.
    last_change: Option<(u64, Arc<Change>)>,
    /// The view as drawn this frame (mid-animation, possibly).
    view: View,
    /// The event whose source is in front in the source panel.
    focused_event: Option<EventIx>,
    settings: Settings,
    /// Bumped whenever `prepared` changes, so caches know.
    generation: u64,
    /// The problems panel is open (not a setting: it opens by itself when a load has errors).
    problems_open: bool,
    /// The reporting-lag view is shown in place of the timeline.
    lag_open: bool,
    /// The prepared presentation (no steps: one step per event) and where it was saved.
    story: Story,
    story_path: Option<PathBuf>,
    /// Edits to take back, newest last, and undone edits to redo.
    undo: Vec<HistoryEntry>,
    redo: Vec<HistoryEntry>,
    /// Articles changed since they were last saved.
    unsaved: BTreeSet<ArticleIx>,
    /// Why the latest edit could not be made, if it could not.
    edit_error: Option<String>,
    /// Suggested events the filter shows, awaiting review.
    suggested_shown: usize,
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
            kind_counts: KindCounts::default(),
            last_change: None,
            view: View {
                theme: settings.theme,
                lang: settings.lang,
                font_px: settings.font_px,
                ..View::default()
            },
            focused_event: None,
            settings,
            generation: 0,
            problems_open: false,
            lag_open: false,
            story: Story::default(),
            story_path: None,
            undo: Vec::new(),
            redo: Vec::new(),
            unsaved: BTreeSet::new(),
            edit_error: None,
            suggested_shown: 0,
            animation: None,
            now: 0.0,
        };
        state.set_corpus(Arc::new(corpus));
        state
    }

    pub fn corpus(&self) -> &Arc<Corpus> {
        &self.corpus
    }
    pub fn sources(&self) -> &Sources {
        &self.sources
    }
    pub fn filter(&self) -> &Filter {
        &self.filter
    }
    /// The lanes and indexes of what the filter shows.
    pub fn prepared(&self) -> &Arc<Prepared> {
        &self.prepared
    }
    /// Kinds by frequency: the colour order.
    pub fn kinds(&self) -> &Arc<Vec<String>> {
        &self.kinds
    }
    /// The view as drawn this frame (mid-animation, possibly).
    pub fn view(&self) -> &View {
        &self.view
    }
    /// The event whose source is in front in the source panel.
    pub fn focused_event(&self) -> Option<EventIx> {
        self.focused_event
    }
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    /// Changes whenever [`AppState::prepared`] does, so caches keyed on it know.
    pub fn generation(&self) -> u64 {
        self.generation
    }
    /// What changed from generation `generation` to the current one, when that was one
    /// edit: a cache built for `generation` can update from it.
    pub fn change_since(&self, generation: u64) -> Option<&Change> {
        self.last_change
            .as_ref()
            .filter(|(g, _)| *g == self.generation && generation + 1 == *g)
            .map(|(_, c)| c.as_ref())
    }
    pub fn problems_open(&self) -> bool {
        self.problems_open
    }

    /// Whether the reporting-lag view stands in place of the timeline.
    pub fn lag_open(&self) -> bool {
        self.lag_open
    }
    /// The prepared presentation.
    pub fn story(&self) -> &Story {
        &self.story
    }
    /// Where the prepared presentation was opened from or saved to.
    pub fn story_path(&self) -> Option<&std::path::Path> {
        self.story_path.as_deref()
    }
    /// What Undo would take back ("change date of …"), if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }
    /// What Redo would do again, if anything.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }
    /// Articles changed since they were last saved.
    pub fn unsaved(&self) -> &BTreeSet<ArticleIx> {
        &self.unsaved
    }
    /// Why the latest edit failed, if it did.
    pub fn edit_error(&self) -> Option<&str> {
        self.edit_error.as_deref()
    }
    /// Is a view move animating?
    pub fn is_animating(&self) -> bool {
        self.animation.is_some()
    }

    /// Applies `edit` to the corpus; on success records `inverse` in `to` (the undo or redo
    /// stack) and returns true. Derived data follows, and the selection stays on the same
    /// event even when indices shift.
    fn edit_corpus(&mut self, edit: Edit, label: String, to_undo: bool) -> bool {
        let focused = self.focused_event.and_then(|e| {
            let event = self.corpus.event(e)?;
            Some((event.article, event.id.clone()))
        });
        let articles = edit.articles();
        let added: Vec<String> = edit.kinds_put().into_iter().map(str::to_owned).collect();
        let result = edit.apply_tracked(Arc::make_mut(&mut self.corpus));
        let (inverse, change) = match result {
            Ok(done) => done,
            Err(e) => {
                self.edit_error = Some(format!("Cannot {label}: {e}"));
                return false;
            }
        };
        self.edit_error = None;
        for kind in inverse.kinds_put() {
            self.kind_counts.count(kind, false);
        }
        for kind in &added {
            self.kind_counts.count(kind, true);
        }
        let kinds = self.kind_counts.ordered();
        if *self.kinds != kinds {
            self.kinds = Arc::new(kinds);
        }
        let entry = HistoryEntry {
            label,
            edit: inverse,
        };
        if to_undo {
            self.undo.push(entry);
        } else {
            self.redo.push(entry);
        }
        self.unsaved.extend(articles);
        Arc::make_mut(&mut self.prepared).update(&self.corpus, &self.filter, &change);
        self.prepared_changed();
        self.last_change = Some((self.generation, Arc::new(change)));
        // Happenings were regrouped: find the focused event again by its id.
        let refound = focused.and_then(|(a, id)| self.corpus.find_event_in(a, &id));
        self.view.highlighted.clear();
        match refound {
            Some(e) => {
                self.focused_event = Some(e);
                self.view.selected = self.corpus.event(e).map(|e| e.happening);
                if let Some(h) = self.view.selected
                    && !self.prepared.is_shown(h)
                {
                    self.view.selected = None;
                    self.focused_event = None;
                }
            }
            None => {
                self.focused_event = None;
                self.view.selected = None;
            }
        }
        true
    }

    /// Replaces the corpus (after a load), keeping filters and lanes, and fits the view.
    fn set_corpus(&mut self, corpus: Arc<Corpus>) {
        self.kind_counts = KindCounts::of(&corpus);
        self.kinds = Arc::new(self.kind_counts.ordered());
        self.problems_open = corpus.error_count() > 0;
        // A new corpus: the history and unsaved marks belonged to the old one.
        self.undo.clear();
        self.redo.clear();
        self.unsaved.clear();
        self.edit_error = None;
        self.corpus = corpus;
        self.view.selected = None;
        self.view.highlighted.clear();
        self.focused_event = None;
        self.reprepare();
        self.view.window = self.fit_window();
        self.animation = None;
    }

    /// Remembers an opened path in the recent list.
    fn remember(&mut self, path: PathBuf) {
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
        self.prepared_changed();
    }

    /// After `prepared` changed: what follows from it.
    fn prepared_changed(&mut self) {
        self.last_change = None;
        self.suggested_shown = self.prepared.suggested_shown;
        self.generation += 1;
        if let Some(h) = self.view.selected
            && !self.prepared.is_shown(h)
        {
            self.view.selected = None;
            self.focused_event = None;
        }
    }

    /// The window framing what is shown, with a margin (see [`crate::timeline::fit`]).
    pub fn fit_window(&self) -> TimeWindow {
        self.prepared.fit_window(0.06).unwrap_or_default()
    }

    /// Advances animations to time `now` (seconds).
    fn tick(&mut self, now: f64) {
        self.now = now;
        let Some(a) = self.animation else {
            return;
        };
        let t = ((now - a.start) / a.duration).clamp(0.0, 1.0);
        // Ease in and out.
        let eased = t * t * (3.0 - 2.0 * t);
        self.view.window = a.from.lerp(&a.to, eased);
        if t >= 1.0 {
            self.view.window = a.to;
            self.animation = None;
        }
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
    fn bring_into_view(&mut self, h: HappeningIx) {
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
                if let Some(h) = h {
                    self.bring_into_view(h);
                }
            }
            Command::SelectEvent(e) => {
                if let Some(event) = self.corpus.event(e) {
                    let h = event.happening;
                    self.view.selected = Some(h);
                    self.focused_event = Some(e);
                    self.bring_into_view(h);
                }
            }
            Command::Step(direction) => {
                if let Some(next) = self.neighbour(direction) {
                    self.apply(Command::Select(Some(next)));
                }
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
            Command::SetCorpus { corpus, sources } => {
                self.sources = sources;
                self.set_corpus(corpus.0);
            }
            Command::Remember(path) => self.remember(path),
            Command::TogglePanel(panel) => {
                let s = &mut self.settings;
                let on = match panel {
                    Panel::List => &mut s.show_list,
                    Panel::Source => &mut s.show_source,
                    Panel::Overview => &mut s.show_overview,
                    Panel::Problems => &mut self.problems_open,
                    Panel::Lag => &mut self.lag_open,
                };
                *on = !*on;
            }
            Command::SetToday(today_s) => self.view.today_s = today_s,
            Command::Tick(now) => self.tick(now),
            Command::SetStory { story, path } => {
                self.story = story;
                self.story_path = path;
            }
            Command::SetStoryTitle(title) => self.story.title = title,
            Command::AddStoryStep(step) => self.story.steps.push(step),
            Command::SwapStorySteps(a, b) => {
                if a < self.story.steps.len() && b < self.story.steps.len() {
                    self.story.steps.swap(a, b);
                }
            }
            Command::DeleteStoryStep(i) => {
                if i < self.story.steps.len() {
                    self.story.steps.remove(i);
                }
            }
            Command::SetStepCaption { step, caption } => {
                if let Some(s) = self.story.steps.get_mut(step) {
                    s.caption = caption;
                }
            }
            Command::Edit { edit, label } => {
                if self.edit_corpus(edit, label, true) {
                    self.redo.clear();
                }
            }
            Command::Undo => {
                if let Some(entry) = self.undo.pop() {
                    let HistoryEntry { label, edit } = entry.clone();
                    if !self.edit_corpus(edit, label, false) {
                        self.undo.push(entry);
                    }
                }
            }
            Command::Redo => {
                if let Some(entry) = self.redo.pop() {
                    let HistoryEntry { label, edit } = entry.clone();
                    if !self.edit_corpus(edit, label, true) {
                        self.redo.push(entry);
                    }
                }
            }
            Command::MarkSaved(articles) => {
                for a in articles {
                    self.unsaved.remove(&a);
                }
            }
            Command::MoveArticles(moved) => {
                if !moved.is_empty() {
                    let corpus = Arc::make_mut(&mut self.corpus);
                    for (a, path) in moved {
                        if let Some(article) = corpus.articles.get_mut(a.index()) {
                            article.path = Arc::from(path.to_string_lossy());
                        }
                    }
                }
            }
            Command::MarkUnsaved(articles) => {
                let known = self.corpus.articles.len();
                self.unsaved
                    .extend(articles.into_iter().filter(|a| a.index() < known));
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
    pub fn neighbour(&self, direction: Direction) -> Option<HappeningIx> {
        let order = &self.prepared.order;
        if order.is_empty() {
            return None;
        }
        let current = self
            .view
            .selected
            .and_then(|s| order.iter().position(|&h| h == s));
        let index = match current {
            Some(i) if direction == Direction::Next => (i + 1 < order.len()).then_some(i + 1),
            Some(i) => i.checked_sub(1),
            None => {
                let key = |h: &HappeningIx| {
                    self.corpus
                        .happening(*h)
                        .and_then(|h| h.date)
                        .map_or(Seconds::MAX, |d| d.sort_key()) as f64
                };
                let w = self.view.window;
                if direction == Direction::Next {
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

    /// Suggested events shown by the filter, awaiting review.
    pub fn suggested_shown(&self) -> usize {
        self.suggested_shown
    }

    /// Events shown by the filter, as a count.
    pub fn shown_event_count(&self) -> usize {
        self.prepared.events_shown.iter().filter(|&&s| s).count()
    }
}

#[cfg(test)]
mod tests {
    //! The one door, tested without a window: every command, and derived data following
    //! its inputs.

    use super::*;
    use crate::formats;
    use crate::timeline::filter;

    fn state() -> AppState {
        AppState::new(
            formats::load_bundled(),
            Sources {
                bundled: true,
                paths: Vec::new(),
            },
            Settings::default(),
        )
    }

    /// A dated happening of the bundled corpus, and its lead event.
    fn dated(s: &AppState) -> HappeningIx {
        let order = &s.prepared().order;
        assert!(
            order.len() > 2,
            "the bundled corpus has several dated happenings"
        );
        order[1]
    }

    #[test]
    fn select_and_clear() {
        let mut s = state();
        let h = dated(&s);
        s.apply(Command::Select(Some(h)));
        assert_eq!(s.view().selected, Some(h));
        let lead = s.corpus().happening(h).map(|h| h.lead);
        assert_eq!(s.focused_event(), lead);
        s.apply(Command::Select(None));
        assert_eq!(s.view().selected, None);
        assert_eq!(s.focused_event(), None);
    }

    #[test]
    fn select_event_brings_its_source_forward() {
        let mut s = state();
        let h = dated(&s);
        let e = s.corpus().happening(h).map(|h| h.lead).expect("a lead");
        s.apply(Command::SelectEvent(e));
        assert_eq!(s.view().selected, Some(h));
        assert_eq!(s.focused_event(), Some(e));
        // An event that does not exist changes nothing.
        s.apply(Command::SelectEvent(EventIx(u32::MAX)));
        assert_eq!(s.focused_event(), Some(e));
    }

    #[test]
    fn step_walks_the_order_both_ways_and_stops_at_the_ends() {
        let mut s = state();
        let order = s.prepared().order.clone();
        s.apply(Command::Select(order.first().copied()));
        s.apply(Command::Step(Direction::Next));
        assert_eq!(s.view().selected, order.get(1).copied());
        s.apply(Command::Step(Direction::Previous));
        assert_eq!(s.view().selected, order.first().copied());
        s.apply(Command::Step(Direction::Previous));
        assert_eq!(
            s.view().selected,
            order.first().copied(),
            "stays at the first"
        );
        s.apply(Command::Select(order.last().copied()));
        s.apply(Command::Step(Direction::Next));
        assert_eq!(
            s.view().selected,
            order.last().copied(),
            "stays at the last"
        );
    }

    #[test]
    fn window_commands_move_the_view() {
        let mut s = state();
        let w = s.view().window;
        s.apply(Command::Pan(1000.0));
        assert!((s.view().window.start_s - (w.start_s + 1000.0)).abs() < 1e-6);
        s.apply(Command::ZoomAt {
            factor: 0.5,
            anchor_s: s.view().window.center_s(),
        });
        assert!((s.view().window.span_s() - 0.5 * w.span_s()).abs() < 1e-3 * w.span_s());
        // Animated moves set a target and reach it as the clock advances.
        s.apply(Command::Fit);
        assert!(s.is_animating());
        let fit = s.fit_window();
        assert_eq!(s.target_window(), fit);
        s.apply(Command::Tick(ANIMATION_S + 1.0));
        assert!(!s.is_animating());
        assert_eq!(s.view().window, fit);
        s.apply(Command::Zoom(2.0));
        s.apply(Command::Tick(2.0 * ANIMATION_S + 2.0));
        assert!((s.view().window.span_s() - 2.0 * fit.span_s()).abs() < 1e-3 * fit.span_s());
        let target = TimeWindow::new(0.0, 86_400.0);
        s.apply(Command::SetWindow {
            window: target,
            animate: false,
        });
        assert_eq!(s.view().window, target.sanitized());
    }

    #[test]
    fn filters_reprepare_and_bump_the_generation() {
        let mut s = state();
        let all = s.shown_event_count();
        let g = s.generation();
        s.apply(Command::SetSearch("Moscou".to_owned()));
        assert!(s.generation() > g);
        assert!(
            s.shown_event_count() < all,
            "the search narrows what is shown"
        );
        assert_eq!(s.filter().text, "Moscou");
        // The same search again changes nothing derived.
        let g = s.generation();
        s.apply(Command::SetSearch("Moscou".to_owned()));
        assert_eq!(s.generation(), g);
        s.apply(Command::ClearFilters);
        assert_eq!(s.shown_event_count(), all);

        let kind = s.kinds().first().cloned().expect("a kind");
        s.apply(Command::ToggleFacet(Facet::Kind, kind.clone()));
        assert!(s.filter().kinds.contains(&kind));
        let narrowed = s.shown_event_count();
        assert!(narrowed < all);
        assert_eq!(
            s.prepared().events_shown.iter().filter(|&&x| x).count(),
            narrowed
        );
        s.apply(Command::ToggleFacet(Facet::Kind, kind.clone()));
        assert!(!s.filter().kinds.contains(&kind));
        assert_eq!(s.shown_event_count(), all);

        s.apply(Command::SetDateRange {
            from_s: Some(0),
            to_s: Some(1),
        });
        assert_eq!(s.filter().from_s, Some(0));
        // Nothing is dated 1970: only undated events remain (they pass any date range).
        let corpus = Arc::clone(s.corpus());
        assert!(
            filter::passing(&s.prepared().events_shown)
                .all(|e| corpus.event(e).is_some_and(|e| e.date.is_none()))
        );
        assert!(s.shown_event_count() < all);
    }

    #[test]
    fn a_selection_hidden_by_a_filter_is_dropped() {
        let mut s = state();
        let h = dated(&s);
        s.apply(Command::Select(Some(h)));
        s.apply(Command::SetDateRange {
            from_s: Some(0),
            to_s: Some(1),
        });
        assert_eq!(s.view().selected, None);
        assert_eq!(s.focused_event(), None);
    }

    #[test]
    fn lanes_follow_their_mode() {
        let mut s = state();
        let g = s.generation();
        s.apply(Command::SetLanes(LaneMode::Article));
        assert_eq!(s.settings().lanes, LaneMode::Article);
        assert_eq!(s.prepared().lane_mode, LaneMode::Article);
        assert_eq!(s.prepared().lanes.len(), s.corpus().articles.len());
        assert!(s.generation() > g);
        let key = s
            .prepared()
            .lanes
            .first()
            .map(|l| l.key.clone())
            .expect("a lane");
        s.apply(Command::ToggleLane(key.clone()));
        assert!(s.view().collapsed.contains(&key));
        s.apply(Command::ToggleLane(key.clone()));
        assert!(!s.view().collapsed.contains(&key));
        let filter = Filter {
            text: "Assad".to_owned(),
            ..Filter::default()
        };
        s.apply(Command::SetFilterAndLanes {
            filter: filter.clone(),
            lanes: LaneMode::Kind,
        });
        assert_eq!(s.filter(), &filter);
        assert_eq!(s.prepared().lane_mode, LaneMode::Kind);
    }

    #[test]
    fn look_commands_change_settings_and_view() {
        let mut s = state();
        s.apply(Command::SetTheme(ThemeKind::Dark));
        assert_eq!(
            (s.settings().theme, s.view().theme),
            (ThemeKind::Dark, ThemeKind::Dark)
        );
        s.apply(Command::SetLang(Lang::Fr));
        assert_eq!((s.settings().lang, s.view().lang), (Lang::Fr, Lang::Fr));
        s.apply(Command::SetFontSize(100.0));
        assert_eq!(s.settings().font_px, 32.0, "clamped");
        // A presentation style leaves the saved settings alone.
        s.apply(Command::SetViewStyle {
            theme: ThemeKind::Light,
            font_px: 22.0,
        });
        assert_eq!(s.view().theme, ThemeKind::Light);
        assert_eq!(s.settings().theme, ThemeKind::Dark);
        assert_eq!(s.view().font_px, 22.0);
        let h = dated(&s);
        s.apply(Command::SetHighlight(vec![h]));
        assert_eq!(s.view().highlighted, vec![h]);
        let reveal = crate::timeline::view::Reveal {
            revealed: vec![h],
            dim: false,
        };
        s.apply(Command::SetReveal(Some(reveal.clone())));
        assert_eq!(s.view().reveal, Some(reveal));
        s.apply(Command::SetToday(Some(42.0)));
        assert_eq!(s.view().today_s, Some(42.0));
    }

    #[test]
    fn panels_toggle() {
        let mut s = state();
        assert!(s.settings().show_list && s.settings().show_source);
        s.apply(Command::TogglePanel(Panel::List));
        s.apply(Command::TogglePanel(Panel::Source));
        s.apply(Command::TogglePanel(Panel::Overview));
        assert!(!s.settings().show_list && !s.settings().show_source);
        assert!(!s.settings().show_overview);
        assert!(!s.problems_open(), "the bundled corpus has no errors");
        s.apply(Command::TogglePanel(Panel::Problems));
        assert!(s.problems_open());
    }

    #[test]
    fn a_new_corpus_resets_what_depended_on_the_old_one() {
        let mut s = state();
        let h = dated(&s);
        s.apply(Command::Select(Some(h)));
        s.apply(Command::SetHighlight(vec![h]));
        let g = s.generation();
        let sources = Sources {
            bundled: false,
            paths: vec![PathBuf::from("empty")],
        };
        s.apply(Command::SetCorpus {
            corpus: Loaded(Arc::new(Corpus::default())),
            sources: sources.clone(),
        });
        assert_eq!(s.sources(), &sources);
        assert!(s.corpus().events.is_empty());
        assert!(s.prepared().order.is_empty());
        assert!(s.generation() > g);
        assert_eq!(s.view().selected, None);
        assert!(s.view().highlighted.is_empty());
        assert_eq!(s.kinds().len(), 0);
    }

    #[test]
    fn restored_articles_are_unsaved_until_marked_saved() {
        let mut s = state();
        assert!(s.unsaved().is_empty());
        // An index past the corpus is ignored, not kept as a ghost to save.
        s.apply(Command::MarkUnsaved(vec![ArticleIx(1), ArticleIx(99)]));
        assert_eq!(
            s.unsaved().iter().copied().collect::<Vec<_>>(),
            [ArticleIx(1)]
        );
        s.apply(Command::MarkSaved(vec![ArticleIx(1)]));
        assert!(s.unsaved().is_empty());
    }

    #[test]
    fn recent_files_are_remembered_once_newest_first_and_bounded() {
        let mut s = state();
        for i in 0..(MAX_RECENT + 3) {
            s.apply(Command::Remember(PathBuf::from(format!("f{i}"))));
        }
        s.apply(Command::Remember(PathBuf::from("f5")));
        let recent = &s.settings().recent;
        assert_eq!(recent.len(), MAX_RECENT);
        assert_eq!(recent.first(), Some(&PathBuf::from("f5")));
        assert_eq!(
            recent.iter().filter(|p| *p == &PathBuf::from("f5")).count(),
            1
        );
    }

    #[test]
    fn the_prepared_presentation_is_edited_through_commands() {
        let mut s = state();
        let step = |caption: &str| Step {
            caption: Some(caption.to_owned()),
            ..Step::default()
        };
        s.apply(Command::SetStoryTitle("Syrie".to_owned()));
        s.apply(Command::AddStoryStep(step("a")));
        s.apply(Command::AddStoryStep(step("b")));
        s.apply(Command::SwapStorySteps(0, 1));
        let captions = |s: &AppState| -> Vec<Option<String>> {
            s.story()
                .steps
                .iter()
                .map(|st| st.caption.clone())
                .collect()
        };
        assert_eq!(captions(&s), [Some("b".into()), Some("a".into())]);
        s.apply(Command::SetStepCaption {
            step: 1,
            caption: None,
        });
        s.apply(Command::DeleteStoryStep(0));
        assert_eq!(captions(&s), [None]);
        // Out-of-range edits are ignored, not a panic.
        s.apply(Command::SwapStorySteps(0, 9));
        s.apply(Command::DeleteStoryStep(9));
        assert_eq!(s.story().title, "Syrie");
        s.apply(Command::SetStory {
            story: Story::default(),
            path: Some(PathBuf::from("p.story.json")),
        });
        assert!(s.story().steps.is_empty());
        assert_eq!(s.story_path(), Some(std::path::Path::new("p.story.json")));
    }
}
