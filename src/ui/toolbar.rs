//! The menu bar and toolbar: files, view, search and filters.

use std::collections::HashMap;
use std::path::PathBuf;

use egui::RichText;

use super::command::UiCommand;
use super::state::{AppState, Command};
use crate::model::{Edtf, Lang};
use crate::timeline::filter::{Facet, facet_counts};
use crate::timeline::{LaneMode, ThemeKind};

/// What the menus and panels ask of the application.
// A handful are made per frame: boxing the large command would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A change of state, through the one door.
    Command(Command),
    /// An action of the command table (files, dialogs, panels, presenting).
    Ui(UiCommand),
    /// Load these paths (replacing, or adding to, what is loaded): a recent file.
    Open { paths: Vec<PathBuf>, add: bool },
    /// Open a bundled example (File → Examples), by name.
    OpenExample(&'static str),
}

#[derive(Default)]
pub struct Toolbar {
    search: String,
    /// When the search text last changed and is not applied yet (large corpora wait for a
    /// pause in typing: filtering a million events takes a noticeable moment).
    search_pending_since: Option<f64>,
    from: String,
    to: String,
    /// Facet counts per facet, with the generation they were computed for.
    counts: HashMap<Facet, (u64, Vec<(String, String, usize)>)>,
}

/// Up to this many events, the search applies at every keystroke.
const SEARCH_AS_YOU_TYPE: usize = 50_000;
/// Above it, the search applies after this pause in typing, in seconds.
const SEARCH_PAUSE_S: f64 = 0.3;

/// The id of the search box, so `/` and Ctrl+F can focus it.
pub fn search_id() -> egui::Id {
    egui::Id::unique("frise-search")
}

/// A menu item for `c`; a click is noted in `clicked`.
fn item(ui: &mut egui::Ui, c: UiCommand, clicked: &mut Vec<UiCommand>) {
    if c.menu_button(ui) {
        clicked.push(c);
    }
}

impl Toolbar {
    pub fn menu_ui(&mut self, ui: &mut egui::Ui, state: &AppState, problems: usize) -> Vec<Action> {
        let mut clicked: Vec<UiCommand> = Vec::new();
        let mut recent = None;
        let mut example = None;
        let mut look = Vec::new();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                item(ui, UiCommand::OpenFiles, &mut clicked);
                item(ui, UiCommand::OpenFolder, &mut clicked);
                item(ui, UiCommand::AddFiles, &mut clicked);
                item(ui, UiCommand::AddFolder, &mut clicked);
                ui.menu_button("Open recent", |ui| {
                    if state.settings().recent.is_empty() {
                        ui.label(RichText::new("Nothing yet").weak());
                    }
                    for path in &state.settings().recent {
                        if ui.button(path.display().to_string()).clicked() {
                            recent = Some(path.clone());
                        }
                    }
                });
                item(ui, UiCommand::OpenBundled, &mut clicked);
                item(ui, UiCommand::NewArticleFromClipboard, &mut clicked);
                ui.menu_button("Examples", |ui| {
                    for (name, title) in crate::formats::example_names() {
                        if ui.button(title).clicked() {
                            example = Some(name);
                        }
                    }
                });
                ui.separator();
                item(ui, UiCommand::Export, &mut clicked);
                item(ui, UiCommand::CopyImage, &mut clicked);
                ui.separator();
                item(ui, UiCommand::Quit, &mut clicked);
            });
            ui.menu_button("Edit", |ui| {
                for (c, what) in [
                    (UiCommand::Undo, state.undo_label()),
                    (UiCommand::Redo, state.redo_label()),
                ] {
                    let text = match what {
                        Some(w) => format!("{} {w}", c.text()),
                        None => c.text().to_owned(),
                    };
                    let mut button = egui::Button::new(text);
                    if let Some(keys) = c.shortcut_text(ui.ctx()) {
                        button = button.shortcut_text(keys);
                    }
                    if ui
                        .add_enabled(what.is_some(), button)
                        .on_hover_text(c.tooltip())
                        .clicked()
                    {
                        clicked.push(c);
                    }
                }
                ui.separator();
                item(ui, UiCommand::NewEventFromSelection, &mut clicked);
                item(ui, UiCommand::AddPassage, &mut clicked);
                item(ui, UiCommand::EditEvent, &mut clicked);
                item(ui, UiCommand::DeleteEvent, &mut clicked);
                ui.separator();
                item(ui, UiCommand::AcceptSuggestion, &mut clicked);
                item(ui, UiCommand::RejectSuggestion, &mut clicked);
                item(ui, UiCommand::AcceptAllShown, &mut clicked);
                ui.separator();
                let unsaved = state.unsaved().len();
                let mut save = egui::Button::new(if unsaved > 0 {
                    format!("Save ({unsaved} changed)")
                } else {
                    "Save".to_owned()
                });
                if let Some(keys) = UiCommand::Save.shortcut_text(ui.ctx()) {
                    save = save.shortcut_text(keys);
                }
                if ui
                    .add_enabled(unsaved > 0, save)
                    .on_hover_text(UiCommand::Save.tooltip())
                    .clicked()
                {
                    clicked.push(UiCommand::Save);
                }
            });
            ui.menu_button("View", |ui| {
                item(ui, UiCommand::ZoomToFit, &mut clicked);
                item(ui, UiCommand::ZoomIn, &mut clicked);
                item(ui, UiCommand::ZoomOut, &mut clicked);
                ui.separator();
                let lanes_title = match UiCommand::NextLanes.shortcut_text(ui.ctx()) {
                    Some(keys) => format!("Lanes  ({keys})"),
                    None => "Lanes".to_owned(),
                };
                ui.menu_button(lanes_title, |ui| {
                    for mode in LaneMode::ALL {
                        if ui
                            .radio(state.settings().lanes == mode, mode.label())
                            .clicked()
                        {
                            look.push(Command::SetLanes(mode));
                        }
                    }
                });
                ui.menu_button("Theme", |ui| {
                    for (theme, name) in [(ThemeKind::Light, "Light"), (ThemeKind::Dark, "Dark")] {
                        if ui.radio(state.settings().theme == theme, name).clicked() {
                            look.push(Command::SetTheme(theme));
                        }
                    }
                });
                ui.menu_button("Dates in", |ui| {
                    for (lang, name) in [(Lang::En, "English"), (Lang::Fr, "Français")] {
                        if ui.radio(state.settings().lang == lang, name).clicked() {
                            look.push(Command::SetLang(lang));
                        }
                    }
                });
                ui.menu_button("Text size", |ui| {
                    for (px, name) in [
                        (12.0, "Small"),
                        (14.0, "Normal"),
                        (17.0, "Large"),
                        (21.0, "Projector"),
                    ] {
                        if ui.radio(state.settings().font_px == px, name).clicked() {
                            look.push(Command::SetFontSize(px));
                        }
                    }
                });
                ui.separator();
                let settings = state.settings();
                for (c, on) in [
                    (UiCommand::ToggleEventList, settings.show_list),
                    (UiCommand::ToggleSourcePanel, settings.show_source),
                    (UiCommand::ToggleOverview, settings.show_overview),
                    (UiCommand::ToggleLagView, state.lag_open()),
                ] {
                    if c.menu_checkbox(ui, on) {
                        clicked.push(c);
                    }
                }
                if ui
                    .checkbox(
                        &mut state.problems_open(),
                        format!("{} ({problems})", UiCommand::ToggleProblems.text()),
                    )
                    .on_hover_text(UiCommand::ToggleProblems.tooltip())
                    .clicked()
                {
                    clicked.push(UiCommand::ToggleProblems);
                }
            });
            ui.menu_button("Present", |ui| {
                item(ui, UiCommand::Present, &mut clicked);
                item(ui, UiCommand::AddStep, &mut clicked);
                item(ui, UiCommand::EditStory, &mut clicked);
                ui.separator();
                item(ui, UiCommand::NewStory, &mut clicked);
                item(ui, UiCommand::OpenStory, &mut clicked);
                item(ui, UiCommand::SaveStory, &mut clicked);
            });
            ui.menu_button("Help", |ui| {
                item(ui, UiCommand::ShowShortcuts, &mut clicked);
            });
        });
        let mut actions: Vec<Action> = clicked.into_iter().map(Action::Ui).collect();
        if let Some(path) = recent {
            actions.push(Action::Open {
                paths: vec![path],
                add: false,
            });
        }
        actions.extend(example.map(Action::OpenExample));
        actions.extend(look.into_iter().map(Action::Command));
        actions
    }

    pub fn toolbar_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        problems: usize,
        status: Option<&str>,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            if state.filter().text != self.search
                && self.search_pending_since.is_none()
                && !ui.memory(|m| m.has_focus(search_id()))
            {
                self.search = state.filter().text.clone();
            }
            let search = ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .id(search_id())
                    .hint_text("Search titles and passages  ( / )")
                    .desired_width(260.0),
            );
            let now = ui.input(|i| i.time);
            if search.changed() {
                self.search_pending_since = Some(now);
            }
            if let Some(since) = self.search_pending_since {
                let wait = if state.corpus().events.len() > SEARCH_AS_YOU_TYPE {
                    SEARCH_PAUSE_S
                } else {
                    0.0
                };
                if now - since >= wait {
                    self.search_pending_since = None;
                    actions.push(Action::Command(Command::SetSearch(self.search.clone())));
                } else {
                    ui.ctx()
                        .request_repaint_after(std::time::Duration::from_secs_f64(
                            wait - (now - since),
                        ));
                }
            }
            if !self.search.is_empty()
                && ui
                    .small_button("✖")
                    .on_hover_text("Clear the search")
                    .clicked()
            {
                self.search.clear();
                actions.push(Action::Command(Command::SetSearch(String::new())));
            }

            let active = Facet::ALL
                .iter()
                .map(|f| state.filter().selection(*f).len())
                .sum::<usize>()
                + usize::from(state.filter().from_s.is_some() || state.filter().to_s.is_some());
            let label = if active > 0 {
                format!("Filters ({active})")
            } else {
                "Filters".to_owned()
            };
            ui.menu_button(label, |ui| self.filters_menu(ui, state, &mut actions));

            ui.separator();
            let lanes = egui::ComboBox::from_id_salt("lanes")
                .selected_text(state.settings().lanes.label())
                .show_ui(ui, |ui| {
                    for mode in LaneMode::ALL {
                        if ui
                            .selectable_label(state.settings().lanes == mode, mode.label())
                            .clicked()
                        {
                            actions.push(Action::Command(Command::SetLanes(mode)));
                        }
                    }
                });
            let selected = state.settings().lanes.label();
            lanes
                .response
                .on_hover_text(format!(
                    "Group events into lanes  ({})",
                    UiCommand::NextLanes.all_shortcuts_text(ui.ctx())
                ))
                .widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::ComboBox,
                        true,
                        format!("Lanes: {selected}"),
                    )
                });
            ui.separator();
            let mut button = |ui: &mut egui::Ui, text: &str, c: UiCommand| {
                if ui
                    .button(text)
                    .on_hover_text(c.tooltip_with_shortcut(ui.ctx()))
                    .clicked()
                {
                    actions.push(Action::Ui(c));
                }
            };
            button(ui, "Fit", UiCommand::ZoomToFit);
            button(ui, "−", UiCommand::ZoomOut);
            button(ui, "+", UiCommand::ZoomIn);
            ui.separator();
            button(ui, "◀", UiCommand::PreviousEvent);
            button(ui, "▶", UiCommand::NextEvent);
            ui.separator();
            button(ui, "Present", UiCommand::Present);

            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let dark = state.settings().theme == ThemeKind::Dark;
                if ui
                    .button(if dark { "☀ Light" } else { "◐ Dark" })
                    .on_hover_text(UiCommand::ToggleTheme.tooltip())
                    .clicked()
                {
                    actions.push(Action::Ui(UiCommand::ToggleTheme));
                }
                if let Some(status) = status {
                    ui.label(RichText::new(status).italics());
                }
                if problems > 0 {
                    let text = RichText::new(format!("⚠ {problems} problems"))
                        .color(ui.visuals().warn_fg_color);
                    if ui
                        .button(text)
                        .on_hover_text(UiCommand::ToggleProblems.tooltip())
                        .clicked()
                    {
                        actions.push(Action::Ui(UiCommand::ToggleProblems));
                    }
                }
                let corpus = &state.corpus();
                let suggested = state.suggested_shown();
                if suggested > 0 {
                    ui.label(
                        RichText::new(format!("{suggested} suggested"))
                            .color(ui.visuals().warn_fg_color),
                    )
                    .on_hover_text(
                        "Events suggested from the articles' dates, awaiting review: Enter accepts, Delete rejects, → the next (Filters → Review shows them alone)",
                    );
                }
                ui.label(
                    RichText::new(format!(
                        "{} events · {} articles",
                        state.shown_event_count() - suggested,
                        corpus.articles.len()
                    ))
                    .weak(),
                );
            });
        });
        actions
    }

    fn filters_menu(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
        ui.set_min_width(240.0);
        for facet in Facet::ALL {
            let selected = state.filter().selection(facet);
            let title = if selected.is_empty() {
                facet.name().to_owned()
            } else {
                format!("{} ({})", facet.name(), selected.len())
            };
            ui.menu_button(title, |ui| {
                let counts = self.counts_for(state, facet);
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .show(ui, |ui| {
                        if counts.is_empty() {
                            ui.label(RichText::new("None in this corpus").weak());
                        }
                        for (key, label, n) in counts {
                            let mut on = selected.contains(&key);
                            if ui.checkbox(&mut on, format!("{label}  ({n})")).clicked() {
                                actions.push(Action::Command(Command::ToggleFacet(facet, key)));
                            }
                        }
                    });
            });
        }
        ui.separator();
        ui.label("Date range (e.g. 2024, 2024-12, 2025-07-31)");
        let mut apply = false;
        ui.horizontal(|ui| {
            let a = ui.add(
                egui::TextEdit::singleline(&mut self.from)
                    .hint_text("from")
                    .desired_width(100.0),
            );
            let b = ui.add(
                egui::TextEdit::singleline(&mut self.to)
                    .hint_text("to")
                    .desired_width(100.0),
            );
            apply =
                (a.lost_focus() || b.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Apply").clicked() {
                apply = true;
            }
        });
        let parse = |s: &str, end: bool| -> Result<Option<i64>, String> {
            if s.trim().is_empty() {
                return Ok(None);
            }
            Edtf::parse(s)
                .map(|d| if end { d.latest() } else { d.earliest() })
                .map_err(|e| e.to_string())
        };
        let (from, to) = (parse(&self.from, false), parse(&self.to, true));
        if let Err(e) = from.as_ref().and(to.as_ref()) {
            ui.colored_label(ui.visuals().error_fg_color, e);
        } else if apply && let (Ok(from_s), Ok(to_s)) = (from, to) {
            actions.push(Action::Command(Command::SetDateRange { from_s, to_s }));
        }
        ui.separator();
        if ui.button("Clear all filters").clicked() {
            self.search.clear();
            self.from.clear();
            self.to.clear();
            actions.push(Action::Command(Command::ClearFilters));
            ui.close();
        }
    }

    /// Counts of each value of `facet` among events passing every *other* filter, so a menu
    /// shows what choosing a value would give.
    fn counts_for(&mut self, state: &AppState, facet: Facet) -> Vec<(String, String, usize)> {
        if let Some((generation, counts)) = self.counts.get(&facet)
            && *generation == state.generation()
        {
            return counts.clone();
        }
        let mut others = state.filter().clone();
        others.selection_mut(facet).clear();
        let flags = others.events(state.corpus());
        let counts = facet_counts(state.corpus(), facet, &flags);
        self.counts
            .insert(facet, (state.generation(), counts.clone()));
        counts
    }
}
