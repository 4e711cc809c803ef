//! The explorer window: panels around the timeline, keyboard shortcuts, file loading on a
//! background thread, and settings that persist between runs.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc;

use egui::{Key, KeyboardShortcut, Modifiers, RichText};

use super::event_list::EventList;
use super::export_dialog::{ExportDialog, clipboard_image};
use super::overview::Overview;
use super::present::{PresentAction, Presentation};
use super::problems::problems_ui;
use super::source_panel::SourcePanel;
use super::state::{AppState, Command, Settings, Sources};
use super::timeline_view::TimelineView;
use super::toolbar::{Action, Panel, SHORTCUTS, Toolbar, search_id};
use crate::formats::{self, LoadOptions, Progress};
use crate::model::{Corpus, Severity};
use crate::timeline::ThemeKind;
use crate::timeline::story::{self, Story};

/// Key under which settings are stored between runs.
const SETTINGS_KEY: &str = "frise-settings";

/// A load running on a background thread.
struct Loading {
    progress: Arc<Progress>,
    result: mpsc::Receiver<Corpus>,
    sources: Sources,
}

pub struct FriseApp {
    pub state: AppState,
    timeline: TimelineView,
    list: EventList,
    source: SourcePanel,
    toolbar: Toolbar,
    overview: Overview,
    loading: Option<Loading>,
    show_problems: bool,
    show_shortcuts: bool,
    title: String,
    /// An X11 window still to be given the keyboard focus (see `x11_focus`), and attempts left.
    pending_focus: Option<(u32, u8)>,
    /// The prepared presentation (no steps: one step per event).
    story: Story,
    story_path: Option<PathBuf>,
    show_story_editor: bool,
    presentation: Option<Presentation>,
    /// A message for the status line (saving, errors).
    status: Option<String>,
    export: ExportDialog,
}

impl FriseApp {
    /// Opens on `paths`, or on the bundled articles when there are none.
    pub fn new(cc: &eframe::CreationContext<'_>, paths: Vec<PathBuf>) -> Self {
        super::fonts::install(&cc.egui_ctx);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let mut app = Self::with_settings(&cc.egui_ctx, paths, settings);
        app.apply_theme(&cc.egui_ctx);
        app.pending_focus = super::x11_focus::window_id(cc).map(|w| (w, 20));
        app
    }

    /// Like [`FriseApp::new`] with given settings (tests start from the defaults).
    pub fn with_settings(ctx: &egui::Context, paths: Vec<PathBuf>, settings: Settings) -> Self {
        let bundled = paths.is_empty();
        let corpus = if bundled {
            formats::load_bundled()
        } else {
            Corpus::default()
        };
        let sources = Sources {
            bundled,
            paths: Vec::new(),
        };
        let show_problems = corpus.error_count() > 0;
        let mut app = Self {
            state: AppState::new(corpus, sources, settings),
            timeline: TimelineView::default(),
            list: EventList::default(),
            source: SourcePanel::default(),
            toolbar: Toolbar::default(),
            overview: Overview::default(),
            loading: None,
            show_problems,
            show_shortcuts: false,
            title: String::new(),
            pending_focus: None,
            story: Story::default(),
            story_path: None,
            show_story_editor: false,
            presentation: None,
            status: None,
            export: ExportDialog::default(),
        };
        if !bundled {
            app.start_load(
                ctx,
                Sources {
                    bundled: false,
                    paths,
                },
            );
        }
        app
    }

    /// The running presentation, if any.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.presentation.as_ref()
    }

    /// The prepared presentation.
    pub fn story(&self) -> &Story {
        &self.story
    }

    /// Starts presenting: the prepared steps, or one step per shown event in time order.
    pub fn start_presentation(&mut self, ctx: &egui::Context) {
        if self.presentation.is_some() {
            return;
        }
        let steps = if self.story.steps.is_empty() {
            story::default_steps(&self.state.corpus, &self.state.prepared, &self.state.filter)
        } else {
            self.story.steps.clone()
        };
        self.presentation = Some(Presentation::start(
            &mut self.state,
            self.story.title.clone(),
            steps,
        ));
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }

    /// Leaves the presentation and returns to the view the user was in.
    pub fn stop_presentation(&mut self, ctx: &egui::Context) {
        if let Some(p) = self.presentation.take() {
            p.finish(&mut self.state);
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }

    /// Adds the current view (window, lanes, filter, selected event) as a presentation step.
    pub fn add_current_view_as_step(&mut self) {
        let s = &self.state;
        let w = s.target_window();
        let highlight = s
            .focused_event
            .or_else(|| {
                s.view
                    .selected
                    .and_then(|h| s.corpus.happening(h))
                    .map(|h| h.lead)
            })
            .and_then(|e| story::event_ref(&s.corpus, e))
            .into_iter()
            .collect();
        self.story.steps.push(story::Step {
            from: Some(story::format_time(w.start_s)),
            to: Some(story::format_time(w.end_s)),
            lanes: s.settings.lanes,
            filter: s.filter.clone(),
            highlight,
            caption: None,
        });
        self.status = Some(format!(
            "Added step {} to the presentation",
            self.story.steps.len()
        ));
    }

    /// Saves the prepared presentation.
    pub fn save_story(
        &mut self,
        path: &std::path::Path,
    ) -> Result<(), formats::story_file::StoryError> {
        formats::story_file::save(path, &self.story)?;
        self.story_path = Some(path.to_path_buf());
        self.status = Some(format!("Saved {}", path.display()));
        Ok(())
    }

    /// Opens a saved presentation (its steps replace the prepared ones).
    pub fn open_story(
        &mut self,
        path: &std::path::Path,
    ) -> Result<(), formats::story_file::StoryError> {
        self.story = formats::story_file::load(path)?;
        self.story_path = Some(path.to_path_buf());
        self.status = Some(format!(
            "Opened {} ({} steps)",
            path.display(),
            self.story.steps.len()
        ));
        Ok(())
    }

    /// Where to propose saving a presentation: beside the first opened file or folder.
    fn story_dir(&self) -> Option<PathBuf> {
        let first = self.state.sources.paths.first()?;
        if first.is_dir() {
            Some(first.clone())
        } else {
            first.parent().map(std::path::Path::to_path_buf)
        }
    }

    /// The timeline's size on screen, in points.
    fn canvas_size(&self) -> egui::Vec2 {
        self.timeline
            .last_scene()
            .map_or(egui::vec2(1280.0, 720.0), |s| egui::vec2(s.width, s.height))
    }

    /// The event whose passage is under the pointer in the source panel's text.
    pub fn hovered_passage(&self) -> Option<crate::model::EventIx> {
        self.source.hovered_passage
    }

    /// Is a load running?
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Loads `sources` on a background thread; the window stays responsive meanwhile.
    pub fn start_load(&mut self, ctx: &egui::Context, sources: Sources) {
        if let Some(previous) = self.loading.take() {
            previous.progress.cancel();
        }
        for p in &sources.paths {
            self.state.remember(p.clone());
        }
        let progress = Arc::new(Progress::default());
        let (tx, rx) = mpsc::channel();
        let (p, s, repaint) = (Arc::clone(&progress), sources.clone(), ctx.clone());
        let spawned = std::thread::Builder::new()
            .name("frise-load".into())
            .spawn(move || {
                let corpus =
                    formats::load_with_bundled(s.bundled, &s.paths, &LoadOptions::default(), &p);
                tx.send(corpus).ok();
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.loading = Some(Loading {
                    progress,
                    result: rx,
                    sources,
                })
            }
            Err(e) => {
                // Without a thread, load here: slower to appear, but nothing is lost.
                eprintln!("frise: loading in the foreground ({e})");
                let corpus = formats::load_with_bundled(
                    sources.bundled,
                    &sources.paths,
                    &LoadOptions::default(),
                    &progress,
                );
                self.finish_load(corpus, sources);
            }
        }
    }

    fn finish_load(&mut self, corpus: Corpus, sources: Sources) {
        self.show_problems = corpus
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        self.state.sources = sources;
        self.state.set_corpus(corpus);
    }

    fn poll_load(&mut self, ctx: &egui::Context) {
        let Some(loading) = &self.loading else { return };
        match loading.result.try_recv() {
            Ok(corpus) => {
                if let Some(l) = self.loading.take() {
                    if !l.progress.is_cancelled() {
                        self.finish_load(corpus, l.sources);
                    }
                }
            }
            Err(mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100))
            }
            Err(mpsc::TryRecvError::Disconnected) => self.loading = None,
        }
    }

    /// Once the window is on screen, takes the keyboard focus if no window manager will.
    fn take_focus_if_nobody_gives_it(&mut self, ctx: &egui::Context) {
        let Some((window, attempts)) = self.pending_focus else {
            return;
        };
        if ctx.cumulative_pass_nr() < 3 {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        }
        match super::x11_focus::focus_without_window_manager(window) {
            Ok(_) => self.pending_focus = None,
            // The window may not be mapped yet: try again a little later.
            Err(_) if attempts > 1 => {
                self.pending_focus = Some((window, attempts - 1));
                ctx.request_repaint_after(std::time::Duration::from_millis(200));
            }
            Err(e) => {
                eprintln!("frise: could not take the keyboard focus: {e}");
                self.pending_focus = None;
            }
        }
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        let theme = match self.state.settings.theme {
            ThemeKind::Light => egui::Theme::Light,
            ThemeKind::Dark => egui::Theme::Dark,
        };
        ctx.set_theme(theme);
    }

    /// Opens `paths` on a background thread, replacing what is loaded or adding to it.
    pub fn open(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>, add: bool) {
        if paths.is_empty() {
            return;
        }
        let mut sources = if add {
            self.state.sources.clone()
        } else {
            Sources::default()
        };
        for p in paths {
            if !sources.paths.contains(&p) {
                sources.paths.push(p);
            }
        }
        self.start_load(ctx, sources);
    }

    fn act(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Command(c) => {
                let theme_changed = matches!(c, Command::SetTheme(_));
                self.state.apply(c);
                if theme_changed {
                    self.apply_theme(ctx);
                }
            }
            Action::PickFiles { add } => {
                let picked = rfd::FileDialog::new()
                    .set_title(if add { "Add articles" } else { "Open articles" })
                    .add_filter(
                        "Articles and timelines",
                        &["json", "jsonl", "ndjson", "csv", "tml"],
                    )
                    .add_filter("All files", &["*"])
                    .pick_files();
                if let Some(paths) = picked {
                    self.open(ctx, paths, add);
                }
            }
            Action::PickFolder { add } => {
                if let Some(dir) = rfd::FileDialog::new()
                    .set_title("Open a folder of articles")
                    .pick_folder()
                {
                    self.open(ctx, vec![dir], add);
                }
            }
            Action::Open { paths, add } => self.open(ctx, paths, add),
            Action::OpenBundled => self.start_load(
                ctx,
                Sources {
                    bundled: true,
                    paths: Vec::new(),
                },
            ),
            Action::TogglePanel(panel) => {
                let s = &mut self.state.settings;
                match panel {
                    Panel::List => s.show_list = !s.show_list,
                    Panel::Source => s.show_source = !s.show_source,
                    Panel::Overview => s.show_overview = !s.show_overview,
                    Panel::Problems => self.show_problems = !self.show_problems,
                }
            }
            Action::ShowShortcuts => self.show_shortcuts = true,
            Action::Present => self.start_presentation(ctx),
            Action::Export => self.export.open = true,
            Action::CopyImage => {
                self.status = Some(match clipboard_image(&self.state, self.canvas_size()) {
                    Ok(image) => {
                        ctx.copy_image(image);
                        "Copied the view as an image: paste it into a slide".to_owned()
                    }
                    Err(e) => format!("Cannot copy the image: {e}"),
                });
            }
            Action::AddStep => self.add_current_view_as_step(),
            Action::EditStory => self.show_story_editor = true,
            Action::NewStory => {
                self.story = Story::default();
                self.story_path = None;
            }
            Action::OpenStory => {
                let mut dialog = rfd::FileDialog::new()
                    .set_title("Open a presentation")
                    .add_filter("Presentation", &["json"]);
                if let Some(dir) = self.story_dir() {
                    dialog = dialog.set_directory(dir);
                }
                if let Some(path) = dialog.pick_file()
                    && let Err(e) = self.open_story(&path)
                {
                    self.status = Some(e.to_string());
                }
            }
            Action::SaveStory => {
                let mut dialog = rfd::FileDialog::new()
                    .set_title("Save the presentation")
                    .add_filter("Presentation", &["json"])
                    .set_file_name("presentation.story.json");
                if let Some(dir) = self.story_dir() {
                    dialog = dialog.set_directory(dir);
                }
                if let Some(path) = dialog.save_file()
                    && let Err(e) = self.save_story(&path)
                {
                    self.status = Some(e.to_string());
                }
            }
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Keyboard shortcuts that apply when no text field is being typed in.
    fn keyboard(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let mut actions = Vec::new();
        let ctrl = |k| KeyboardShortcut::new(Modifiers::COMMAND, k);
        let ctrl_shift = |k| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, k);
        ctx.input_mut(|i| {
            if i.consume_shortcut(&ctrl_shift(Key::O)) {
                actions.push(Action::PickFiles { add: true });
            }
            if i.consume_shortcut(&ctrl(Key::O)) {
                actions.push(Action::PickFiles { add: false });
            }
            if i.consume_shortcut(&ctrl(Key::Q)) {
                actions.push(Action::Quit);
            }
            if i.consume_shortcut(&ctrl_shift(Key::C)) {
                actions.push(Action::CopyImage);
            }
            if i.consume_shortcut(&ctrl(Key::E)) {
                actions.push(Action::Export);
            }
            if i.consume_key(Modifiers::NONE, Key::F5) {
                actions.push(Action::Present);
            }
            if i.consume_shortcut(&ctrl_shift(Key::A)) {
                actions.push(Action::AddStep);
            }
            if i.consume_shortcut(&ctrl(Key::F)) {
                ctx.memory_mut(|m| m.request_focus(search_id()));
            }
        });
        if ctx.egui_wants_keyboard_input() {
            return actions;
        }
        ctx.input_mut(|i| {
            let mut key = |k: Key| i.consume_key(Modifiers::NONE, k);
            if key(Key::ArrowRight) {
                actions.push(Action::Command(Command::Step(1)));
            }
            if key(Key::ArrowLeft) {
                actions.push(Action::Command(Command::Step(-1)));
            }
            if key(Key::Escape) {
                actions.push(Action::Command(Command::ClearSelection));
            }
            if key(Key::F) {
                actions.push(Action::Command(Command::Fit));
            }
            if key(Key::Plus) || key(Key::Equals) {
                actions.push(Action::Command(Command::Zoom(0.5)));
            }
            if key(Key::Minus) {
                actions.push(Action::Command(Command::Zoom(2.0)));
            }
            if key(Key::L) {
                let modes = crate::timeline::LaneMode::ALL;
                let at = modes
                    .iter()
                    .position(|m| *m == self.state.settings.lanes)
                    .unwrap_or(0);
                let next = modes
                    .get((at + 1) % modes.len())
                    .copied()
                    .unwrap_or_default();
                actions.push(Action::Command(Command::SetLanes(next)));
            }
            if key(Key::Slash) {
                ctx.memory_mut(|m| m.request_focus(search_id()));
            }
        });
        actions
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.open(ctx, dropped, true);
        }
        let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
        if hovering {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop"),
            ));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(140));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop articles to add them",
                egui::FontId::proportional(28.0),
                egui::Color32::WHITE,
            );
        }
    }

    fn loading_ui(&mut self, ctx: &egui::Context) {
        let Some(loading) = &self.loading else { return };
        let p = &loading.progress;
        let total = p.files_total.load(Ordering::Relaxed);
        let done = p.files_done.load(Ordering::Relaxed);
        let events = p.events.load(Ordering::Relaxed);
        let (bytes_done, bytes_total) = (
            p.bytes_done.load(Ordering::Relaxed),
            p.bytes_total.load(Ordering::Relaxed),
        );
        let fraction = if total > 0 {
            let file_part = if bytes_total > 0 {
                bytes_done as f32 / bytes_total as f32
            } else {
                0.0
            };
            ((done as f32 + file_part.min(0.99)) / (total as f32 + 1.0)).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let mut cancel = false;
        egui::Window::new("Loading")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.set_min_width(360.0);
                ui.label(format!(
                    "Reading {done} of {total} files · {events} events so far"
                ));
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .show_percentage()
                        .animate(true),
                );
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        if cancel && let Some(l) = self.loading.take() {
            l.progress.cancel();
        }
    }

    /// The presentation: the timeline on top, the caption under it, nothing else.
    fn presentation_ui(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let Some(p) = &self.presentation else { return };
        let mut action = p.keyboard(ctx);
        let white = egui::Color32::WHITE;
        let height = ui.available_height();
        egui::Panel::bottom("caption")
            .exact_size((height * 0.36).max(200.0))
            .frame(
                egui::Frame::new()
                    .fill(white)
                    .inner_margin(egui::Margin::symmetric(36, 18)),
            )
            .show(ui, |ui| {
                if let Some(p) = &self.presentation
                    && let Some(a) = p.caption_ui(ui, &self.state)
                {
                    action = Some(a);
                }
            });
        egui::CentralPanel::no_frame().show(ui, |ui| {
            // Clicks select nothing while presenting; the keys and buttons drive.
            self.timeline.ui(ui, &self.state);
        });
        match action {
            Some(PresentAction::Go(i)) => {
                if let Some(p) = &mut self.presentation {
                    p.go(&mut self.state, i);
                }
            }
            Some(PresentAction::Leave) => self.stop_presentation(ctx),
            None => {}
        }
    }

    /// Edit the prepared presentation: captions, order, deletion, save and open.
    fn story_editor_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.show_story_editor;
        let mut actions = Vec::new();
        egui::Window::new("Presentation").open(&mut open).default_width(460.0).show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Title");
                ui.text_edit_singleline(&mut self.story.title);
            });
            if self.story.steps.is_empty() {
                ui.label(
                    RichText::new("No prepared steps: presenting shows every event in time order. Select an event, frame the view, then “Add current view as step”.")
                        .weak(),
                );
            }
            let corpus = std::sync::Arc::clone(&self.state.corpus);
            let mut swap = None;
            let mut delete = None;
            let count = self.story.steps.len();
            egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
                for (i, step) in self.story.steps.iter_mut().enumerate() {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal(|ui| {
                            ui.strong(format!("{}.", i + 1));
                            let what: Vec<String> = step
                                .events(&corpus)
                                .into_iter()
                                .filter_map(|e| corpus.event(e).map(|e| e.title.clone()))
                                .collect();
                            let range = match (&step.from, &step.to) {
                                (Some(a), Some(b)) => format!("{a} → {b}"),
                                _ => "framed automatically".to_owned(),
                            };
                            ui.label(if what.is_empty() { range.clone() } else { format!("{} · {range}", what.join(", ")) });
                        });
                        ui.horizontal(|ui| {
                            let mut caption = step.caption.clone().unwrap_or_default();
                            if ui
                                .add(egui::TextEdit::singleline(&mut caption).hint_text("Caption (optional)").desired_width(260.0))
                                .changed()
                            {
                                step.caption = (!caption.is_empty()).then_some(caption);
                            }
                            if ui.add_enabled(i > 0, egui::Button::new("▲")).on_hover_text("Move up").clicked() {
                                swap = Some((i - 1, i));
                            }
                            if ui.add_enabled(i + 1 < count, egui::Button::new("▼")).on_hover_text("Move down").clicked() {
                                swap = Some((i, i + 1));
                            }
                            if ui.button("Delete").clicked() {
                                delete = Some(i);
                            }
                        });
                    });
                }
            });
            if let Some((a, b)) = swap {
                self.story.steps.swap(a, b);
            }
            if let Some(i) = delete
                && i < self.story.steps.len()
            {
                self.story.steps.remove(i);
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Add current view as step").on_hover_text("Ctrl+Shift+A").clicked() {
                    actions.push(Action::AddStep);
                }
                if ui.button("Present").on_hover_text("F5").clicked() {
                    actions.push(Action::Present);
                }
                if ui.button("Save…").clicked() {
                    actions.push(Action::SaveStory);
                }
                if ui.button("Open…").clicked() {
                    actions.push(Action::OpenStory);
                }
            });
            if let Some(path) = &self.story_path {
                ui.label(RichText::new(path.display().to_string()).weak());
            }
        });
        self.show_story_editor = open;
        for a in actions {
            self.act(ctx, a);
        }
    }

    fn shortcuts_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.show_shortcuts;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (keys, what) in SHORTCUTS {
                        ui.strong(*keys);
                        ui.label(*what);
                        ui.end_row();
                    }
                });
            });
        self.show_shortcuts = open;
    }
}

impl eframe::App for FriseApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        self.take_focus_if_nobody_gives_it(&ctx);
        self.poll_load(&ctx);
        if self.state.tick(now) {
            ctx.request_repaint();
        }
        // Whole minutes, so the view (and its cached scene) changes once a minute.
        let today = (chrono::Utc::now().timestamp() / 60 * 60) as f64;
        self.state.view.today_s = Some(today);

        if self.presentation.is_some() {
            self.presentation_ui(ui, &ctx);
            return;
        }
        let mut actions = self.keyboard(&ctx);
        self.dropped_files(&ctx);
        let problems = self.state.corpus.diagnostics.len();

        egui::Panel::top("menu").show(ui, |ui| {
            actions.extend(self.toolbar.menu_ui(ui, &self.state, problems));
        });
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(2.0);
            actions.extend(self.toolbar.toolbar_ui(
                ui,
                &self.state,
                problems,
                self.status.as_deref(),
            ));
            ui.add_space(2.0);
        });
        if self.show_problems {
            egui::Panel::bottom("problems")
                .resizable(true)
                .default_size(160.0)
                .show(ui, |ui| {
                    problems_ui(ui, &self.state.corpus);
                });
        }
        if self.state.settings.show_overview {
            egui::Panel::bottom("overview")
                .resizable(false)
                .exact_size(84.0)
                .show(ui, |ui| {
                    let commands = self.overview.ui(ui, &self.state);
                    actions.extend(commands.into_iter().map(Action::Command));
                });
        }
        if self.state.settings.show_list {
            egui::Panel::left("events")
                .resizable(true)
                .default_size(400.0)
                .show(ui, |ui| {
                    let commands = self.list.ui(ui, &self.state);
                    actions.extend(commands.into_iter().map(Action::Command));
                });
        }
        if self.state.settings.show_source {
            egui::Panel::right("source")
                .resizable(true)
                .default_size(440.0)
                .show(ui, |ui| {
                    let commands = self.source.ui(ui, &self.state);
                    actions.extend(commands.into_iter().map(Action::Command));
                });
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let commands = self.timeline.ui(ui, &self.state);
            actions.extend(commands.into_iter().map(Action::Command));
        });
        self.loading_ui(&ctx);
        self.shortcuts_ui(&ctx);
        self.story_editor_ui(&ctx);
        let screen = self.canvas_size();
        self.export.ui(&ctx, &self.state, screen);

        for action in actions {
            self.act(&ctx, action);
        }
        let title = format!(
            "frise — {} articles, {} events",
            self.state.corpus.articles.len(),
            self.state.corpus.events.len()
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if self.state.view.selected.is_none()
            && self.state.corpus.events.is_empty()
            && self.loading.is_none()
        {
            egui::Area::new(egui::Id::unique("empty"))
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(&ctx, |ui| {
                    ui.label(
                        RichText::new(
                            "No events. Open articles with File → Open, or drop files here.",
                        )
                        .size(18.0),
                    );
                });
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
    }
}
