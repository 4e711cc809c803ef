//! The explorer window: panels around the timeline, keyboard shortcuts, file loading on a
//! background thread, and settings that persist between runs.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc;

use egui::RichText;

use super::command::{POINTER_HELP, Scope, UiCommand};
use super::event_editor::EventEditor;
use super::event_list::EventList;
use super::export_dialog::{ExportDialog, clipboard_image};
use super::lag_view::LagView;
use super::overview::Overview;
use super::paste::PasteForm;
use super::present::{PresentAction, Presentation};
use super::problems::problems_ui;
use super::review;
use super::source_panel::SourcePanel;
use super::state::{AppState, Command, Direction, Loaded, Panel, Settings, Sources};
use super::story_editor::StoryEditor;
use super::timeline_view::TimelineView;
use super::toolbar::{Action, Toolbar, search_id};
use crate::formats::recovery::{self, Journal, RecoveredArticle};
use crate::formats::{self, LoadOptions, Progress};
use crate::model::edit::{Edit, EventFields, new_event_id};
use crate::model::{Article, ArticleIx, CharIndex, Corpus, Edtf, Evidence, Passage};
use crate::timeline::story::{self, Story};
use crate::timeline::{LaneMode, ThemeKind};

/// Key under which settings are stored between runs.
const SETTINGS_KEY: &str = "frise-settings";

/// Something that would lose unsaved changes, waiting for the user to say what to do
/// with them.
#[derive(Clone, Debug)]
enum Guarded {
    /// Closing the window.
    Close,
    /// Loading other files (the corpus in memory is replaced by what is on disk).
    Load(Sources),
    /// Opening a bundled example.
    Example(&'static str),
}

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
    lag: LagView,
    loading: Option<Loading>,
    show_shortcuts: bool,
    title: String,
    /// An X11 window still to be given the keyboard focus (see `x11_focus`), and attempts left.
    pending_focus: Option<(u32, u8)>,
    story_editor: StoryEditor,
    editor: EventEditor,
    presentation: Option<Presentation>,
    /// A message for the status line (saving, errors).
    status: Option<String>,
    export: ExportDialog,
    /// Where the recovery journal is kept; `None` keeps none (tests).
    recovery_dir: Option<PathBuf>,
    /// (generation, unsaved articles) when the journal was last brought up to date.
    journal_mark: Option<(u64, usize)>,
    /// This window wrote the journal, so it is this window's to remove.
    journal_written: bool,
    /// Unsaved work left by an earlier run, offered for restoring.
    restore_offer: Option<Journal>,
    /// Articles the running load restores, to be marked unsaved when it ends.
    restoring: Option<Vec<RecoveredArticle>>,
    /// An action waiting for the user to decide about unsaved changes.
    confirm: Option<Guarded>,
    /// The user has decided about unsaved changes: the window may close.
    may_close: bool,
    /// The form a pasted text opens, for a new article.
    paste: PasteForm,
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
        // Beside the settings; a window without storage (driven by tests) keeps no journal.
        if cc.storage.is_some()
            && let Some(dir) = eframe::storage_dir("frise")
        {
            app.set_recovery_dir(dir.join("recovery"));
        }
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
        let mut app = Self::from_state(AppState::new(corpus, sources, settings));
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

    /// A window showing `state` (a corpus already loaded), with no journal.
    pub fn from_state(state: AppState) -> Self {
        Self {
            state,
            timeline: TimelineView::default(),
            list: EventList::default(),
            source: SourcePanel::default(),
            toolbar: Toolbar::default(),
            overview: Overview::default(),
            lag: LagView::default(),
            loading: None,
            show_shortcuts: false,
            title: String::new(),
            pending_focus: None,
            story_editor: StoryEditor::default(),
            editor: EventEditor::default(),
            presentation: None,
            status: None,
            export: ExportDialog::default(),
            recovery_dir: None,
            journal_mark: None,
            journal_written: false,
            restore_offer: None,
            restoring: None,
            confirm: None,
            may_close: false,
            paste: PasteForm::default(),
        }
    }

    /// Applies a command as the window's controls do.
    pub fn apply(&mut self, command: Command) {
        self.state.apply(command);
    }

    /// What the window shows.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Keeps the recovery journal in `dir` from now on; a journal already there (unsaved
    /// work of an earlier run) is offered for restoring.
    pub fn set_recovery_dir(&mut self, dir: PathBuf) {
        match recovery::read(&dir) {
            Ok(journal) => self.restore_offer = journal,
            Err(e) => self.status = Some(format!("Unsaved work could not be recovered: {e}")),
        }
        self.recovery_dir = Some(dir);
    }

    /// Unsaved work of an earlier run, while the offer to restore it is open.
    pub fn restore_offer(&self) -> Option<&Journal> {
        self.restore_offer.as_ref()
    }

    /// Is the window asking what to do with unsaved changes?
    pub fn is_confirming(&self) -> bool {
        self.confirm.is_some()
    }

    /// Opens an article for reading in the source panel (while no event is selected).
    pub fn read_article(&mut self, article: ArticleIx) {
        self.source.reading = Some(article);
    }

    /// Restores the offered unsaved work: the same files are opened, with the journaled
    /// articles in place of what is on disk, and marked unsaved.
    pub fn restore(&mut self, ctx: &egui::Context) {
        let Some(journal) = self.restore_offer.take() else {
            return;
        };
        let sources = Sources {
            bundled: journal.bundled,
            paths: journal.paths.clone(),
        };
        self.restoring = Some(journal.articles.clone());
        let options = LoadOptions {
            recovered: journal.articles,
            ..LoadOptions::default()
        };
        self.start_load_with(ctx, sources, options);
    }

    /// Declines the offered unsaved work: the journal is removed.
    pub fn discard_recovered(&mut self) {
        if self.restore_offer.take().is_some()
            && let Some(dir) = &self.recovery_dir
            && let Err(e) = recovery::clear(dir)
        {
            self.status = Some(e);
        }
    }

    /// Brings the journal up to date after edits and saves: the unsaved articles, whole,
    /// or no journal when everything is saved.
    fn keep_journal(&mut self) {
        let Some(dir) = &self.recovery_dir else {
            return;
        };
        if self.restore_offer.is_some() || self.restoring.is_some() {
            // The earlier run's work is still there to restore: do not write over it.
            return;
        }
        let mark = (self.state.generation(), self.state.unsaved().len());
        if self.journal_mark == Some(mark) {
            return;
        }
        self.journal_mark = Some(mark);
        let result = if self.state.unsaved().is_empty() {
            if !self.journal_written {
                return;
            }
            self.journal_written = false;
            recovery::clear(dir)
        } else {
            let unsaved: Vec<ArticleIx> = self.state.unsaved().iter().copied().collect();
            let sources = self.state.sources();
            let journal = Journal::of(
                self.state.corpus(),
                &unsaved,
                sources.bundled,
                &sources.paths,
            );
            self.journal_written = true;
            recovery::write(dir, &journal)
        };
        if let Err(e) = result {
            self.status = Some(format!("Unsaved work is not protected: {e}"));
        }
    }

    /// Does `what` now, or first asks what to do with unsaved changes.
    fn guard(&mut self, ctx: &egui::Context, what: Guarded) {
        if self.state.unsaved().is_empty() {
            self.proceed(ctx, what);
        } else {
            self.confirm = Some(what);
        }
    }

    fn proceed(&mut self, ctx: &egui::Context, what: Guarded) {
        match what {
            Guarded::Close => {
                self.may_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Guarded::Load(sources) => self.start_load(ctx, sources),
            Guarded::Example(name) => match formats::load_example(name) {
                Some(corpus) => self.finish_load(corpus, Sources::default()),
                None => self.status = Some(format!("There is no example named {name}")),
            },
        }
    }

    /// The user's answer about unsaved changes: save them, drop them, or go back.
    pub fn answer_unsaved(&mut self, ctx: &egui::Context, answer: UnsavedAnswer) {
        let Some(what) = self.confirm.take() else {
            return;
        };
        match answer {
            UnsavedAnswer::Save => {
                let summary = self.save();
                if self.state.unsaved().is_empty() {
                    self.status = Some(summary);
                    self.proceed(ctx, what);
                } else {
                    // Something could not be saved: stay, and say why.
                    self.status = Some(summary);
                }
            }
            UnsavedAnswer::Discard => {
                if let Some(dir) = &self.recovery_dir
                    && self.journal_written
                    && recovery::clear(dir).is_ok()
                {
                    self.journal_written = false;
                }
                // Marked saved, so that the journal is not written again before the load.
                let all: Vec<ArticleIx> = self.state.unsaved().iter().copied().collect();
                self.state.apply(Command::MarkSaved(all));
                self.proceed(ctx, what);
            }
            UnsavedAnswer::Cancel => {}
        }
    }

    /// "Save changes before closing?" while an action waits on it.
    fn confirm_ui(&mut self, ctx: &egui::Context) {
        let Some(what) = &self.confirm else { return };
        let doing = match what {
            Guarded::Close => "closing",
            Guarded::Load(_) | Guarded::Example(_) => "opening other articles",
        };
        let corpus = self.state.corpus();
        let titles: Vec<&str> = self
            .state
            .unsaved()
            .iter()
            .filter_map(|&a| corpus.article(a))
            .take(5)
            .map(Article::display_title)
            .collect();
        let n = self.state.unsaved().len();
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading("Save your changes?");
            ui.label(format!(
                "{n} {} changed since the last save: {}{}. Save before {doing}?",
                if n == 1 {
                    "article has"
                } else {
                    "articles have"
                },
                titles.join(", "),
                if n > titles.len() { ", …" } else { "" },
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Save")
                    .on_hover_text("Save every changed article (Ctrl+S)")
                    .clicked()
                {
                    answer = Some(UnsavedAnswer::Save);
                }
                if ui
                    .button("Don't save")
                    .on_hover_text("Lose the changes")
                    .clicked()
                {
                    answer = Some(UnsavedAnswer::Discard);
                }
                if ui
                    .button("Cancel")
                    .on_hover_text("Go back to editing")
                    .clicked()
                {
                    answer = Some(UnsavedAnswer::Cancel);
                }
            });
        });
        if let Some(a) = answer {
            self.answer_unsaved(ctx, a);
        }
    }

    /// "Restore unsaved work?" after a run that ended without saving.
    fn restore_ui(&mut self, ctx: &egui::Context) {
        let Some(journal) = &self.restore_offer else {
            return;
        };
        let when = chrono::DateTime::parse_from_rfc3339(&journal.written)
            .map(|t| {
                t.with_timezone(&chrono::Local)
                    .format("%-d %B %Y at %H:%M")
                    .to_string()
            })
            .unwrap_or_else(|_| journal.written.clone());
        let what = journal.describe();
        let mut restore = None;
        egui::Modal::new(egui::Id::unique("restore-unsaved")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading("Restore unsaved work?");
            ui.label(format!(
                "frise ended without saving changes to {what}, last changed on {when}."
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Restore")
                    .on_hover_text("Open the same files with the unsaved changes")
                    .clicked()
                {
                    restore = Some(true);
                }
                if ui
                    .button("Discard")
                    .on_hover_text("Forget the unsaved changes")
                    .clicked()
                {
                    restore = Some(false);
                }
            });
        });
        match restore {
            Some(true) => self.restore(ctx),
            Some(false) => self.discard_recovered(),
            None => {}
        }
    }

    /// The running presentation, if any.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.presentation.as_ref()
    }

    /// The prepared presentation.
    pub fn story(&self) -> &Story {
        self.state.story()
    }

    /// Starts presenting: the prepared steps, or one step per shown event in time order.
    pub fn start_presentation(&mut self, ctx: &egui::Context) {
        if self.presentation.is_some() {
            return;
        }
        let prepared = self.state.story();
        let steps = if prepared.steps.is_empty() {
            story::default_steps(
                self.state.corpus(),
                self.state.prepared(),
                self.state.filter(),
            )
        } else {
            prepared.steps.clone()
        };
        let title = prepared.title.clone();
        self.presentation = Some(Presentation::start(&mut self.state, title, steps));
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
            .focused_event()
            .or_else(|| {
                s.view()
                    .selected
                    .and_then(|h| s.corpus().happening(h))
                    .map(|h| h.lead)
            })
            .and_then(|e| story::event_ref(s.corpus(), e))
            .into_iter()
            .collect();
        let step = story::Step {
            from: Some(story::format_time(w.start_s)),
            to: Some(story::format_time(w.end_s)),
            lanes: s.settings().lanes,
            filter: s.filter().clone(),
            highlight,
            caption: None,
        };
        self.state.apply(Command::AddStoryStep(step));
        self.status = Some(format!(
            "Added step {} to the presentation",
            self.state.story().steps.len()
        ));
    }

    /// Saves the prepared presentation.
    pub fn save_story(
        &mut self,
        path: &std::path::Path,
    ) -> Result<(), formats::story_file::StoryError> {
        formats::story_file::save(path, self.state.story())?;
        self.state.apply(Command::SetStory {
            story: self.state.story().clone(),
            path: Some(path.to_path_buf()),
        });
        self.status = Some(format!("Saved {}", path.display()));
        Ok(())
    }

    /// Opens a saved presentation (its steps replace the prepared ones).
    pub fn open_story(
        &mut self,
        path: &std::path::Path,
    ) -> Result<(), formats::story_file::StoryError> {
        let story = formats::story_file::load(path)?;
        let steps = story.steps.len();
        self.state.apply(Command::SetStory {
            story,
            path: Some(path.to_path_buf()),
        });
        self.status = Some(format!("Opened {} ({steps} steps)", path.display()));
        Ok(())
    }

    /// Where to propose saving a presentation: beside the first opened file or folder.
    fn story_dir(&self) -> Option<PathBuf> {
        let first = self.state.sources().paths.first()?;
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

    /// Selects text in the source panel's article view, as dragging over it does.
    pub fn select_text(&mut self, selection: super::source_panel::TextSelection) {
        self.source.selection = Some(selection);
    }

    /// Is the event editor open, and on which event?
    pub fn editing(&self) -> Option<crate::model::EventIx> {
        self.editor
            .open
            .then(|| self.editor.target(self.state.corpus()))
            .flatten()
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
        self.start_load_with(ctx, sources, LoadOptions::default());
    }

    fn start_load_with(&mut self, ctx: &egui::Context, sources: Sources, options: LoadOptions) {
        if let Some(previous) = self.loading.take() {
            previous.progress.cancel();
        }
        for p in &sources.paths {
            self.state.apply(Command::Remember(p.clone()));
        }
        let progress = Arc::new(Progress::default());
        let (tx, rx) = mpsc::channel();
        let (p, s, repaint) = (Arc::clone(&progress), sources.clone(), ctx.clone());
        let spawned = std::thread::Builder::new()
            .name("frise-load".into())
            .spawn(move || {
                let corpus = formats::load_with_bundled(s.bundled, &s.paths, &options, &p);
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
                self.restoring = None;
                self.finish_load(corpus, sources);
            }
        }
    }

    fn finish_load(&mut self, corpus: Corpus, sources: Sources) {
        self.state.apply(Command::SetCorpus {
            corpus: Loaded(Arc::new(corpus)),
            sources,
        });
        if let Some(restored) = self.restoring.take() {
            let corpus = self.state.corpus();
            let articles: Vec<ArticleIx> = restored
                .iter()
                .filter_map(|r| {
                    let i = corpus
                        .articles
                        .iter()
                        .position(|a| *a.path == *r.path && a.id == r.id)?;
                    Some(ArticleIx(i as u32))
                })
                .collect();
            self.status = Some(format!(
                "Restored unsaved changes to {} articles",
                articles.len()
            ));
            self.state.apply(Command::MarkUnsaved(articles));
        }
    }

    fn poll_load(&mut self, ctx: &egui::Context) {
        let Some(loading) = &self.loading else { return };
        match loading.result.try_recv() {
            Ok(corpus) => {
                if let Some(l) = self.loading.take()
                    && !l.progress.is_cancelled()
                {
                    self.finish_load(corpus, l.sources);
                }
            }
            Err(mpsc::TryRecvError::Empty) => {
                // Four progress frames a second: without a GPU each frame is drawn on the
                // cores the loading runs on. The loader wakes the window when it is done.
                ctx.request_repaint_after(std::time::Duration::from_millis(250))
            }
            Err(mpsc::TryRecvError::Disconnected) => {
                self.loading = None;
                self.restoring = None;
            }
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
        let theme = match self.state.settings().theme {
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
            self.state.sources().clone()
        } else {
            Sources::default()
        };
        for p in paths {
            if !sources.paths.contains(&p) {
                sources.paths.push(p);
            }
        }
        // Loading reads every file again: edits not yet saved would be replaced.
        self.guard(ctx, Guarded::Load(sources));
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
            Action::Ui(c) => self.run(ctx, c),
            Action::Open { paths, add } => self.open(ctx, paths, add),
            Action::OpenExample(name) => self.guard(ctx, Guarded::Example(name)),
        }
    }

    /// Carries out a command of the table (menus, buttons, shortcuts all come here).
    fn run(&mut self, ctx: &egui::Context, command: UiCommand) {
        let state = |c: Command| Action::Command(c);
        match command {
            UiCommand::OpenFiles => self.pick_files(ctx, false),
            UiCommand::AddFiles => self.pick_files(ctx, true),
            UiCommand::OpenFolder => self.pick_folder(ctx, false),
            UiCommand::AddFolder => self.pick_folder(ctx, true),
            UiCommand::OpenBundled => self.guard(
                ctx,
                Guarded::Load(Sources {
                    bundled: true,
                    paths: Vec::new(),
                }),
            ),
            UiCommand::NewArticleFromClipboard => {
                self.paste.awaiting = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
            }
            UiCommand::Export => self.export.open = true,
            UiCommand::CopyImage => {
                self.status = Some(match clipboard_image(&self.state, self.canvas_size()) {
                    Ok(image) => {
                        ctx.copy_image(image);
                        "Copied the view as an image: paste it into a slide".to_owned()
                    }
                    Err(e) => format!("Cannot copy the image: {e}"),
                });
            }
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::ZoomToFit => self.act(ctx, state(Command::Fit)),
            UiCommand::ZoomIn => self.act(ctx, state(Command::Zoom(0.5))),
            UiCommand::ZoomOut => self.act(ctx, state(Command::Zoom(2.0))),
            UiCommand::NextLanes => {
                let modes = LaneMode::ALL;
                let at = modes
                    .iter()
                    .position(|m| *m == self.state.settings().lanes)
                    .unwrap_or(0);
                let next = modes
                    .get((at + 1) % modes.len())
                    .copied()
                    .unwrap_or_default();
                self.act(ctx, state(Command::SetLanes(next)));
            }
            UiCommand::ToggleTheme => {
                let next = match self.state.settings().theme {
                    ThemeKind::Dark => ThemeKind::Light,
                    ThemeKind::Light => ThemeKind::Dark,
                };
                self.act(ctx, state(Command::SetTheme(next)));
            }
            UiCommand::ToggleEventList => self.act(ctx, state(Command::TogglePanel(Panel::List))),
            UiCommand::ToggleSourcePanel => {
                self.act(ctx, state(Command::TogglePanel(Panel::Source)));
            }
            UiCommand::ToggleOverview => {
                self.act(ctx, state(Command::TogglePanel(Panel::Overview)));
            }
            UiCommand::ToggleProblems => {
                self.act(ctx, state(Command::TogglePanel(Panel::Problems)));
            }
            UiCommand::ToggleLagView => self.act(ctx, state(Command::TogglePanel(Panel::Lag))),
            UiCommand::Search => ctx.memory_mut(|m| m.request_focus(search_id())),
            UiCommand::NextEvent | UiCommand::PreviousEvent => {
                let direction = if command == UiCommand::NextEvent {
                    Direction::Next
                } else {
                    Direction::Previous
                };
                // From a suggestion, the arrows walk the suggestions (the review).
                let step = match review::selected_suggestion(&self.state) {
                    Some(e) => {
                        review::neighbour(&self.state, e, direction).map(Command::SelectEvent)
                    }
                    None => Some(Command::Step(direction)),
                };
                if let Some(c) = step {
                    self.act(ctx, state(c));
                }
            }
            UiCommand::AcceptSuggestion | UiCommand::RejectSuggestion => {
                let accept = command == UiCommand::AcceptSuggestion;
                if let Err(why) = review::decide(&mut self.state, accept) {
                    self.status = Some(why);
                }
            }
            UiCommand::AcceptAllShown => match review::accept_all_shown(&self.state) {
                Some(c) => self.state.apply(c),
                None => self.status = Some("No suggestion is shown".to_owned()),
            },
            UiCommand::ClearSelection => self.act(ctx, state(Command::Select(None))),
            UiCommand::Present => self.start_presentation(ctx),
            UiCommand::AddStep => self.add_current_view_as_step(),
            UiCommand::EditStory => self.story_editor.open = true,
            UiCommand::NewStory => self.state.apply(Command::SetStory {
                story: Story::default(),
                path: None,
            }),
            UiCommand::OpenStory => {
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
            UiCommand::SaveStory => {
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
            UiCommand::ShowShortcuts => self.show_shortcuts = true,
            UiCommand::Undo => self.state.apply(Command::Undo),
            UiCommand::Redo => self.state.apply(Command::Redo),
            UiCommand::Save => self.status = Some(self.save()),
            UiCommand::NewEventFromSelection => {
                if let Err(why) = self.new_event_from_selection() {
                    self.status = Some(why);
                }
            }
            UiCommand::AddPassage => {
                if let Err(why) = self.add_passage_from_selection() {
                    self.status = Some(why);
                }
            }
            UiCommand::EditEvent => match self.state.focused_event() {
                Some(e) => self.editor.edit(self.state.corpus(), e, false),
                None => self.status = Some("Select an event to edit it".to_owned()),
            },
            UiCommand::DeleteEvent => {
                if let Some(e) = self.state.focused_event()
                    && let Some(event) = self.state.corpus().event(e)
                {
                    let edit = Edit::PutEvent {
                        article: event.article,
                        id: event.id.clone(),
                        position: 0,
                        fields: None,
                    };
                    let label = format!("delete ‘{}’", event.title);
                    self.state.apply(Command::Edit { edit, label });
                }
            }
            // The presentation's own keys; outside it they mean nothing.
            UiCommand::SlideNext
            | UiCommand::SlideBack
            | UiCommand::SlideFirst
            | UiCommand::SlideLast
            | UiCommand::LeavePresentation => {}
        }
    }

    /// The selected text of the source panel as a passage of its article.
    fn selected_passage(&self) -> Result<(ArticleIx, Evidence, String), String> {
        let selection =
            self.source.selection.clone().ok_or(
                "Select some text in the article first (drag over it in the source panel)",
            )?;
        let corpus = self.state.corpus();
        let article = corpus
            .article(selection.article)
            .ok_or("The article is no longer loaded")?;
        let index = CharIndex::new(&article.text);
        let (Some(b0), Some(b1)) = (
            index.byte(selection.chars.start),
            index.byte(selection.chars.end),
        ) else {
            return Err("The selection lies outside the article text".to_owned());
        };
        let quote = article.text.get(b0..b1).unwrap_or("").trim().to_owned();
        let passage = Passage {
            byte_start: b0 as u32,
            byte_end: b1 as u32,
            char_start: selection.chars.start as u32,
            char_end: selection.chars.end as u32,
        };
        Ok((
            selection.article,
            Evidence {
                passage,
                extra: None,
            },
            quote,
        ))
    }

    /// File → New event from selection (Ctrl+N): the selected passage becomes an event's
    /// evidence; its date comes from a date written in or next to the selection, its title
    /// from the selection (selected in the editor, to type over).
    pub fn new_event_from_selection(&mut self) -> Result<(), String> {
        let (article_ix, evidence, quote) = self.selected_passage()?;
        let corpus = self.state.corpus();
        let article = corpus
            .article(article_ix)
            .ok_or("The article is no longer loaded")?;
        let title = short_title(&quote);
        let date = date_near(article, evidence.passage.chars());
        let id = new_event_id(corpus, article_ix, &title);
        let position = article.events.len();
        let fields = EventFields {
            title: title.clone(),
            date,
            evidence: vec![evidence],
            ..EventFields::default()
        };
        self.state.apply(Command::Edit {
            edit: Edit::PutEvent {
                article: article_ix,
                id: id.clone(),
                position,
                fields: Some(Box::new(fields)),
            },
            label: format!("add the event ‘{title}’"),
        });
        if let Some(e) = self.state.corpus().find_event_in(article_ix, &id) {
            self.state.apply(Command::SelectEvent(e));
            self.editor.edit(self.state.corpus(), e, true);
        }
        self.source.selection = None;
        Ok(())
    }

    /// Adds the selected text as a passage of the selected event (same article).
    pub fn add_passage_from_selection(&mut self) -> Result<(), String> {
        let (article_ix, evidence, _) = self.selected_passage()?;
        let corpus = self.state.corpus();
        let e = self
            .state
            .focused_event()
            .ok_or("Select the event the passage belongs to first")?;
        let event = corpus.event(e).ok_or("The event is no longer loaded")?;
        if event.article != article_ix {
            return Err("A passage must come from the event's own article".to_owned());
        }
        let mut fields = EventFields::of(event);
        fields.evidence.push(evidence);
        let edit = Edit::PutEvent {
            article: article_ix,
            id: event.id.clone(),
            position: 0,
            fields: Some(Box::new(fields)),
        };
        let label = format!("add a passage to ‘{}’", event.title);
        self.state.apply(Command::Edit { edit, label });
        self.source.selection = None;
        Ok(())
    }

    /// Saves every changed article; returns what the status line should say.
    pub fn save(&mut self) -> String {
        let unsaved: Vec<ArticleIx> = self.state.unsaved().iter().copied().collect();
        if unsaved.is_empty() {
            return "Nothing to save".to_owned();
        }
        let fallback_dir = || {
            rfd::FileDialog::new()
                .set_title("Save the articles that have no file yet (bundled or pasted) in…")
                .pick_folder()
        };
        let report = formats::save::save_articles(self.state.corpus(), &unsaved, fallback_dir);
        self.state.apply(Command::MarkSaved(report.saved.clone()));
        let summary = report.summary();
        self.state.apply(Command::MoveArticles(report.moved));
        summary
    }

    fn pick_files(&mut self, ctx: &egui::Context, add: bool) {
        let picked = rfd::FileDialog::new()
            .set_title(if add { "Add articles" } else { "Open articles" })
            .add_filter(
                "Articles and timelines",
                &[
                    "json", "jsonl", "ndjson", "csv", "tml", "txt", "md", "html", "htm",
                ],
            )
            .add_filter("All files", &["*"])
            .pick_files();
        if let Some(paths) = picked {
            self.open(ctx, paths, add);
        }
    }

    fn pick_folder(&mut self, ctx: &egui::Context, add: bool) {
        if let Some(dir) = rfd::FileDialog::new()
            .set_title("Open a folder of articles")
            .pick_folder()
        {
            self.open(ctx, vec![dir], add);
        }
    }

    /// Text pasted on the window (not into a text field) opens the new-article form; the
    /// form's edit adds the article and its suggestions.
    fn pasted_text(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let pasted = ctx.input(|i| {
            i.events.iter().find_map(|e| match e {
                egui::Event::Paste(text) => Some(text.clone()),
                _ => None,
            })
        });
        if let Some(text) = pasted
            && (self.paste.awaiting || (!typing && !self.paste.open))
        {
            self.paste.start(&text);
            if let Some(why) = self.paste.take_error() {
                self.status = Some(why);
            }
        }
        if let Some(command) = self.paste.ui(ctx, self.state.corpus()) {
            self.state.apply(command);
            let corpus = self.state.corpus();
            if let Some(last) = corpus.articles.len().checked_sub(1) {
                let article = ArticleIx(last as u32);
                let first = corpus.events_of(article).next().map(|(ix, _)| ix);
                let n = corpus.events_of(article).count();
                self.status = Some(format!(
                    "New article, {n} suggested event{}: Enter accepts, Delete rejects, → the next",
                    if n == 1 { "" } else { "s" }
                ));
                if let Some(e) = first {
                    self.state.apply(Command::SelectEvent(e));
                }
            }
        }
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
                // Not animated: an animated bar repaints every frame, and those frames
                // take a core from the loading (the counts above change ten times a
                // second, which is enough to see it move).
                ui.add(egui::ProgressBar::new(fraction).show_percentage());
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
        let mut action = p.keyboard(UiCommand::listen(ctx, Scope::Presentation));
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

    fn shortcuts_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.show_shortcuts;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (keys, what) in UiCommand::help_rows(ui.ctx()) {
                        ui.strong(keys);
                        ui.label(what);
                        ui.end_row();
                    }
                    for (gesture, what) in POINTER_HELP {
                        ui.strong(*gesture);
                        ui.label(*what);
                        ui.end_row();
                    }
                });
            });
        self.show_shortcuts = open;
    }
}

/// What to do with unsaved changes before closing or opening other files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedAnswer {
    /// Save every changed article, then go on (if all were saved).
    Save,
    /// Go on and lose the changes.
    Discard,
    /// Do nothing.
    Cancel,
}

/// A title from a selected passage: its first words, cut at a word, not mid-word.
fn short_title(quote: &str) -> String {
    let quote = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    if quote.chars().count() <= 80 {
        return quote;
    }
    let cut: String = quote.chars().take(80).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// The date written in or nearest after/before `chars` in the same sentence of the
/// article, resolved against its publication date by the tagger.
fn date_near(article: &Article, chars: std::ops::Range<usize>) -> Option<Edtf> {
    let lang = match article.lang() {
        crate::model::Lang::Fr if !article.language.is_empty() => {
            Some(crate::temporal::Language::Fr)
        }
        crate::model::Lang::En if !article.language.is_empty() => {
            Some(crate::temporal::Language::En)
        }
        _ => None,
    };
    let dct = article
        .published
        .and_then(|p| crate::temporal::Dct::parse(&p.to_string()));
    let tagged = crate::temporal::tag(&article.text, lang, dct.as_ref());
    let dated = tagged
        .mentions
        .iter()
        .filter_map(|m| Some((m, Edtf::parse(m.date.as_deref()?).ok()?)));
    // Inside the selection first, then the nearest within 200 code points.
    dated
        .map(|(m, d)| {
            let distance = if m.end > chars.start && m.start < chars.end {
                0
            } else if m.start >= chars.end {
                m.start - chars.end
            } else {
                chars.start.saturating_sub(m.end)
            };
            (distance, d)
        })
        .filter(|(distance, _)| *distance <= 200)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, d)| d)
}

impl FriseApp {
    /// One frame of the whole window.
    pub fn window_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        self.take_focus_if_nobody_gives_it(&ctx);
        if ctx.input(|i| i.viewport().close_requested())
            && !self.may_close
            && !self.state.unsaved().is_empty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(Guarded::Close);
        }
        self.poll_load(&ctx);
        self.state.apply(Command::Tick(now));
        if self.state.is_animating() {
            ctx.request_repaint();
        }
        // Whole minutes, so the view (and its cached scene) changes once a minute.
        let today = Some((chrono::Utc::now().timestamp() / 60 * 60) as f64);
        if self.state.view().today_s != today {
            self.state.apply(Command::SetToday(today));
        }

        if self.presentation.is_some() {
            self.presentation_ui(ui, &ctx);
            self.confirm_ui(&ctx);
            self.keep_journal();
            return;
        }
        let mut actions: Vec<Action> = UiCommand::listen(&ctx, Scope::Explorer)
            .into_iter()
            .map(Action::Ui)
            .collect();
        self.dropped_files(&ctx);
        self.pasted_text(&ctx);
        let problems = self.state.corpus().diagnostics.len();

        egui::Panel::top("menu").show(ui, |ui| {
            actions.extend(self.toolbar.menu_ui(ui, &self.state, problems));
        });
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(2.0);
            actions.extend(self.toolbar.toolbar_ui(
                ui,
                &self.state,
                problems,
                self.state.edit_error().or(self.status.as_deref()),
            ));
            ui.add_space(2.0);
        });
        if self.state.problems_open() {
            egui::Panel::bottom("problems")
                .resizable(true)
                .default_size(160.0)
                .show(ui, |ui| {
                    problems_ui(ui, self.state.corpus());
                });
        }
        if self.state.settings().show_overview {
            egui::Panel::bottom("overview")
                .resizable(false)
                .exact_size(84.0)
                .show(ui, |ui| {
                    let commands = self.overview.ui(ui, &self.state);
                    actions.extend(commands.into_iter().map(Action::Command));
                });
        }
        if self.editor.open {
            egui::Panel::left("editor")
                .resizable(true)
                .default_size(420.0)
                .show(ui, |ui| {
                    let commands = self.editor.ui(ui, &self.state);
                    actions.extend(commands.into_iter().map(Action::Command));
                });
        } else if self.state.settings().show_list {
            egui::Panel::left("events")
                .resizable(true)
                .default_size(400.0)
                .show(ui, |ui| {
                    let commands = self.list.ui(ui, &self.state);
                    actions.extend(commands.into_iter().map(Action::Command));
                });
        }
        if self.state.settings().show_source {
            egui::Panel::right("source")
                .resizable(true)
                .default_size(440.0)
                .show(ui, |ui| {
                    let commands = self.source.ui(ui, &self.state);
                    actions.extend(commands.into_iter().map(Action::Command));
                });
            if let Some(c) = self.source.request.take() {
                actions.push(Action::Ui(c));
            }
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let commands = if self.state.lag_open() {
                self.lag.ui(ui, &self.state)
            } else {
                self.timeline.ui(ui, &self.state)
            };
            actions.extend(commands.into_iter().map(Action::Command));
            if let Some(c) = self.lag.request.take() {
                actions.push(Action::Ui(c));
            }
        });
        self.loading_ui(&ctx);
        self.shortcuts_ui(&ctx);
        actions.extend(self.story_editor.ui(&ctx, &self.state));
        let screen = self.canvas_size();
        self.export.ui(&ctx, &self.state, screen);

        for action in actions {
            self.act(&ctx, action);
        }
        self.confirm_ui(&ctx);
        self.restore_ui(&ctx);
        self.keep_journal();
        let unsaved = if self.state.unsaved().is_empty() {
            ""
        } else {
            "• "
        };
        let title = format!(
            "{unsaved}frise — {} articles, {} events",
            self.state.corpus().articles.len(),
            self.state.corpus().events.len()
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if self.state.view().selected.is_none()
            && self.state.corpus().events.is_empty()
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
}

impl eframe::App for FriseApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.window_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, self.state.settings());
    }
}
