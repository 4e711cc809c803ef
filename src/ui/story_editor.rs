//! Present → Edit presentation…: the prepared steps, their captions and order.
//!
//! Shaped like the export dialog: a window that owns only what is being typed, and returns
//! every change as a command, so the presentation is edited through the one door.

use egui::RichText;

use super::command::UiCommand;
use super::state::{AppState, Command};
use super::toolbar::Action;

#[derive(Default)]
pub struct StoryEditor {
    pub open: bool,
}

impl StoryEditor {
    /// Draws the editor when open; returns what the user asked for.
    pub fn ui(&mut self, ctx: &egui::Context, state: &AppState) -> Vec<Action> {
        let mut actions = Vec::new();
        if !self.open {
            return actions;
        }
        let mut open = self.open;
        egui::Window::new("Presentation")
            .open(&mut open)
            .default_width(460.0)
            .show(ctx, |ui| {
                steps_ui(ui, state, &mut actions);
                ui.separator();
                ui.horizontal(|ui| {
                    for (text, c) in [
                        ("Add current view as step", UiCommand::AddStep),
                        ("Present", UiCommand::Present),
                        ("Save…", UiCommand::SaveStory),
                        ("Open…", UiCommand::OpenStory),
                    ] {
                        if ui
                            .button(text)
                            .on_hover_text(c.tooltip_with_shortcut(ui.ctx()))
                            .clicked()
                        {
                            actions.push(Action::Ui(c));
                        }
                    }
                });
                if let Some(path) = state.story_path() {
                    ui.label(RichText::new(path.display().to_string()).weak());
                }
            });
        self.open = open;
        actions
    }
}

/// The title and one frame per step: what it shows, its caption, move and delete.
fn steps_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let story = state.story();
    let mut command = |c: Command| actions.push(Action::Command(c));
    ui.horizontal(|ui| {
        ui.label("Title");
        let mut title = story.title.clone();
        if ui.text_edit_singleline(&mut title).changed() {
            command(Command::SetStoryTitle(title));
        }
    });
    if story.steps.is_empty() {
        ui.label(
            RichText::new(
                "No prepared steps: presenting shows every event in time order. Select an \
                 event, frame the view, then “Add current view as step”.",
            )
            .weak(),
        );
    }
    let corpus = state.corpus();
    let count = story.steps.len();
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .show(ui, |ui| {
            for (i, step) in story.steps.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.strong(format!("{}.", i + 1));
                        let what: Vec<String> = step
                            .events(corpus)
                            .into_iter()
                            .filter_map(|e| corpus.event(e).map(|e| e.title.clone()))
                            .collect();
                        let range = match (&step.from, &step.to) {
                            (Some(a), Some(b)) => format!("{a} → {b}"),
                            _ => "framed automatically".to_owned(),
                        };
                        ui.label(if what.is_empty() {
                            range
                        } else {
                            format!("{} · {range}", what.join(", "))
                        });
                    });
                    ui.horizontal(|ui| {
                        let mut caption = step.caption.clone().unwrap_or_default();
                        if ui
                            .add(
                                egui::TextEdit::singleline(&mut caption)
                                    .hint_text("Caption (optional)")
                                    .desired_width(260.0),
                            )
                            .changed()
                        {
                            command(Command::SetStepCaption {
                                step: i,
                                caption: (!caption.is_empty()).then_some(caption),
                            });
                        }
                        if ui
                            .add_enabled(i > 0, egui::Button::new("▲"))
                            .on_hover_text("Move up")
                            .clicked()
                        {
                            command(Command::SwapStorySteps(i - 1, i));
                        }
                        if ui
                            .add_enabled(i + 1 < count, egui::Button::new("▼"))
                            .on_hover_text("Move down")
                            .clicked()
                        {
                            command(Command::SwapStorySteps(i, i + 1));
                        }
                        if ui.button("Delete").clicked() {
                            command(Command::DeleteStoryStep(i));
                        }
                    });
                });
            }
        });
}
