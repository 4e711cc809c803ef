//! Presentation mode: a full-screen walk through the chronology for a class.
//!
//! The first slide names the presentation and shows the keys; each following step moves the
//! timeline (animated) to its event framed by its neighbours, highlights it, and shows a
//! large caption: title, date as written, the source passage with its citation. With
//! progressive reveal, later events stay hidden so the chronology builds up step by step.
//! Leaving returns to exactly the view the user was in.

use egui::RichText;

use super::command::UiCommand;

use super::state::{AppState, Command};
use crate::model::{Corpus, HappeningIx, Lang};
use crate::timeline::story::{self, Step};
use crate::timeline::{Filter, LaneMode, ThemeKind, TimeWindow};

/// Text size of the timeline while presenting, in points: legible from the back of a room.
pub const PRESENT_FONT_PX: f32 = 22.0;

/// What the explorer looked like before the presentation, to restore it after.
struct Saved {
    window: TimeWindow,
    filter: Filter,
    lanes: LaneMode,
    selected: Option<HappeningIx>,
    focused: Option<crate::model::EventIx>,
    highlighted: Vec<HappeningIx>,
    theme: ThemeKind,
    font_px: f32,
}

pub struct Presentation {
    pub title: String,
    pub steps: Vec<Step>,
    /// 0 is the title slide; `n` is step `n` (1-based).
    pub current: usize,
    /// Hide events after the current step.
    pub progressive: bool,
    saved: Saved,
}

/// What the presentation asks of the application.
pub enum PresentAction {
    Go(usize),
    Leave,
}

impl Presentation {
    /// Starts on the title slide with `steps`, remembering the current view.
    pub fn start(state: &mut AppState, title: String, steps: Vec<Step>) -> Self {
        let saved = Saved {
            window: state.target_window(),
            filter: state.filter().clone(),
            lanes: state.settings().lanes,
            selected: state.view().selected,
            focused: state.focused_event(),
            highlighted: state.view().highlighted.clone(),
            theme: state.view().theme,
            font_px: state.view().font_px,
        };
        let mut p = Self {
            title,
            steps,
            current: 0,
            progressive: true,
            saved,
        };
        state.apply(Command::SetViewStyle {
            theme: ThemeKind::Light,
            font_px: PRESENT_FONT_PX,
        });
        p.go(state, 0);
        p
    }

    /// Returns the explorer to where it was.
    pub fn finish(self, state: &mut AppState) {
        let s = self.saved;
        state.apply(Command::SetReveal(None));
        state.apply(Command::SetHighlight(s.highlighted));
        state.apply(Command::SetFilterAndLanes {
            filter: s.filter,
            lanes: s.lanes,
        });
        state.apply(Command::SetViewStyle {
            theme: s.theme,
            font_px: s.font_px,
        });
        state.apply(Command::Select(s.selected));
        if let Some(e) = s.focused {
            state.apply(Command::SelectEvent(e));
        }
        state.apply(Command::SetWindow {
            window: s.window,
            animate: false,
        });
    }

    pub fn step_count(&self) -> usize {
        self.steps.len()
    }

    /// The step being shown (`None` on the title slide).
    pub fn step(&self) -> Option<&Step> {
        self.current.checked_sub(1).and_then(|i| self.steps.get(i))
    }

    /// Moves to slide `index` (clamped): filter and lanes, reveal, highlight, window.
    pub fn go(&mut self, state: &mut AppState, index: usize) {
        self.current = index.min(self.steps.len());
        let step = self.step().cloned();
        let (filter, lanes) = match &step {
            Some(s) => (s.filter.clone(), s.lanes),
            None => (
                self.steps
                    .first()
                    .map_or_else(|| self.saved.filter.clone(), |s| s.filter.clone()),
                self.saved.lanes,
            ),
        };
        state.apply(Command::SetFilterAndLanes { filter, lanes });

        let corpus = std::sync::Arc::clone(state.corpus());
        let focus: Vec<HappeningIx> = step
            .as_ref()
            .map(|s| s.happenings(&corpus))
            .unwrap_or_default();
        let reveal = self
            .progressive
            .then(|| story::reveal_through(&corpus, &self.steps, self.current));
        state.apply(Command::SetReveal(reveal));
        state.apply(Command::SetHighlight(focus.clone()));
        state.apply(Command::Select(None));
        let window = story::step_window(&corpus, state.prepared(), step.as_ref(), &focus);
        state.apply(Command::SetWindow {
            window,
            animate: true,
        });
    }

    /// What the presentation's keys ask for (see the command table: → Space Page Down
    /// Enter forward, ← Page Up Backspace back, Home, End, Esc leaves; clickers send Page
    /// Up and Page Down).
    pub fn keyboard(&self, pressed: Vec<UiCommand>) -> Option<PresentAction> {
        let last = self.steps.len();
        pressed.into_iter().find_map(|c| match c {
            UiCommand::LeavePresentation => Some(PresentAction::Leave),
            UiCommand::SlideNext => Some(PresentAction::Go((self.current + 1).min(last))),
            UiCommand::SlideBack => Some(PresentAction::Go(self.current.saturating_sub(1))),
            UiCommand::SlideFirst => Some(PresentAction::Go(0)),
            UiCommand::SlideLast => Some(PresentAction::Go(last)),
            _ => None,
        })
    }

    /// The caption area under the timeline.
    pub fn caption_ui(&self, ui: &mut egui::Ui, state: &AppState) -> Option<PresentAction> {
        let mut action = None;
        let corpus = &state.corpus();
        let lang = state.view().lang;
        let ink = egui::Color32::from_rgb(0x11, 0x14, 0x18);
        let muted = egui::Color32::from_rgb(0x4a, 0x52, 0x5c);
        ui.add_space(10.0);
        match self.step() {
            None => {
                let title = if self.title.is_empty() {
                    format!(
                        "{} events from {} sources",
                        self.steps.len(),
                        corpus.articles.len()
                    )
                } else {
                    self.title.clone()
                };
                ui.label(RichText::new(title).size(40.0).strong().color(ink));
                ui.add_space(8.0);
                let keys = |c: UiCommand| c.all_shortcuts_text(ui.ctx()).replace(" or ", "  ");
                let help = format!(
                    "{}: next      {}: back      {} / {}      {}: leave",
                    keys(UiCommand::SlideNext),
                    keys(UiCommand::SlideBack),
                    keys(UiCommand::SlideFirst),
                    keys(UiCommand::SlideLast),
                    keys(UiCommand::LeavePresentation),
                );
                ui.label(RichText::new(help).size(20.0).color(muted));
            }
            Some(step) => {
                let happenings = step.happenings(corpus);
                if let Some(text) = &step.caption {
                    ui.label(RichText::new(text).size(34.0).strong().color(ink));
                }
                for h in happenings.iter().take(2) {
                    happening_caption(ui, corpus, *h, lang, step.caption.is_none(), ink, muted);
                }
            }
        }
        // Step indicator and arrows, bottom right.
        let rect = ui.max_rect();
        let indicator = if self.current == 0 {
            format!("{} steps", self.steps.len())
        } else {
            format!("{} / {}", self.current, self.steps.len())
        };
        let area = egui::Rect::from_min_max(
            rect.right_bottom() - egui::vec2(260.0, 56.0),
            rect.right_bottom(),
        );
        ui.scope_builder(egui::UiBuilder::new().max_rect(area), |ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .add(egui::Button::new(RichText::new("▶").size(22.0)))
                    .on_hover_text(UiCommand::SlideNext.tooltip_with_shortcut(ui.ctx()))
                    .clicked()
                {
                    action = Some(PresentAction::Go((self.current + 1).min(self.steps.len())));
                }
                if ui
                    .add(egui::Button::new(RichText::new("◀").size(22.0)))
                    .on_hover_text(UiCommand::SlideBack.tooltip_with_shortcut(ui.ctx()))
                    .clicked()
                {
                    action = Some(PresentAction::Go(self.current.saturating_sub(1)));
                }
                ui.label(RichText::new(indicator).size(22.0).color(muted));
            });
        });
        action
    }
}

/// Title, date as written, the passage as a quotation and its citation.
fn happening_caption(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    h: HappeningIx,
    lang: Lang,
    with_title: bool,
    ink: egui::Color32,
    muted: egui::Color32,
) {
    let Some(happening) = corpus.happening(h) else {
        return;
    };
    let Some(lead) = corpus.lead(happening) else {
        return;
    };
    if with_title {
        ui.label(RichText::new(&lead.title).size(34.0).strong().color(ink));
    }
    let date = happening.date.map_or_else(
        || match lang {
            Lang::Fr => "sans date".to_owned(),
            Lang::En => "undated".to_owned(),
        },
        |d| d.human(lang),
    );
    ui.label(RichText::new(date).size(26.0).color(muted));
    ui.add_space(6.0);
    if let Some(article) = corpus.article(lead.article)
        && let Some(ev) = lead.evidence.first()
    {
        let quote = ev.passage.quote(&article.text);
        // The embedded italic face, not egui's slanted regular, and typographic
        // apostrophes: a straight one reads as a bar at this size.
        let quote = crate::timeline::text::typographic_apostrophes(quote);
        ui.label(
            RichText::new(format!("« {} »", shorten(&quote, 320)))
                .size(28.0)
                .family(egui::FontFamily::Name(super::painter::ITALIC.into()))
                .color(ink),
        );
        let outlet = article.outlet();
        let when = article
            .published
            .map_or_else(|| "n.d.".to_owned(), |d| d.human(lang));
        ui.label(
            RichText::new(format!("— {outlet}, {when}"))
                .size(20.0)
                .color(muted),
        );
    }
    let others: Vec<String> = happening
        .events
        .iter()
        .filter(|&&e| e != happening.lead)
        .filter_map(|&e| corpus.event(e))
        .filter_map(|e| corpus.article(e.article))
        .map(|a| a.outlet().to_owned())
        .collect();
    if !others.is_empty() {
        ui.label(
            RichText::new(format!("Also reported by {}", others.join(", ")))
                .size(20.0)
                .color(muted),
        );
    }
    for c in &happening.conflicts {
        ui.label(
            RichText::new(format!("⚠ {}", corpus.describe_conflict(c, lang)))
                .size(20.0)
                .color(egui::Color32::from_rgb(0xb3, 0x4a, 0x00)),
        );
    }
}

/// `text` cut at a word boundary to about `max_chars` characters, with "…".
fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}
