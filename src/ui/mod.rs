//! The window: an eframe application around the timeline.
//!
//! [`state`] holds what the user is looking at and changes only through commands;
//! [`app`] lays out the panels ([`timeline_view`], [`event_list`], [`source_panel`],
//! [`overview`], [`problems`], [`toolbar`]) and turns input into those commands;
//! [`painter`] draws the backend-neutral Scene with egui.

pub mod app;
pub mod command;
pub mod event_editor;
pub mod event_list;
pub mod export_dialog;
pub mod fonts;
pub mod overview;
pub mod painter;
pub mod paste;
pub mod present;
pub mod problems;
pub mod review;
pub mod source_panel;
pub mod state;
pub mod story_editor;
pub mod timeline_view;
pub mod toolbar;
mod x11_focus;

use std::path::PathBuf;

pub use app::FriseApp;

/// Opens the window on `paths` (the bundled articles when empty) and runs until it closes.
pub fn run(paths: Vec<PathBuf>) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("frise")
            .with_app_id("frise")
            .with_inner_size([1480.0, 900.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "frise",
        options,
        Box::new(move |cc| Ok(Box::new(FriseApp::new(cc, paths)))),
    )
}
