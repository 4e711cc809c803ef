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
pub mod present;
pub mod problems;
pub mod source_panel;
pub mod state;
pub mod story_editor;
pub mod timeline_view;
pub mod toolbar;
mod x11_focus;

use std::path::PathBuf;
use std::time::Instant;

pub use app::FriseApp;

/// Environment variable that makes the window log its start-up times to stderr.
pub const STARTUP_LOG_VAR: &str = "FRISE_LOG_STARTUP";

/// Opens the window on `paths` (the bundled articles when empty) and runs until it closes.
///
/// With [`STARTUP_LOG_VAR`] set, logs how long after this call the window was created, its
/// first frame was laid out, and the first frame showing the loaded events.
pub fn run(paths: Vec<PathBuf>) -> Result<(), eframe::Error> {
    let started = Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("frise")
            .with_app_id("frise")
            .with_inner_size([1480.0, 900.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let log = std::env::var_os(STARTUP_LOG_VAR).is_some();
    eframe::run_native(
        "frise",
        options,
        Box::new(move |cc| {
            let app = FriseApp::new(cc, paths);
            if !log {
                return Ok(Box::new(app));
            }
            let since_start = started.elapsed();
            eprintln!(
                "frise: window created {:.0} ms after start",
                since_start.as_secs_f64() * 1e3
            );
            Ok(Box::new(StartupLog {
                app,
                started,
                first_frame: false,
                events_shown: false,
            }))
        }),
    )
}

/// The window's app, logging the time to its first frames (see [`STARTUP_LOG_VAR`]).
struct StartupLog {
    app: FriseApp,
    started: Instant,
    first_frame: bool,
    events_shown: bool,
}

impl eframe::App for StartupLog {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        eframe::App::ui(&mut self.app, ui, frame);
        let ms = self.started.elapsed().as_secs_f64() * 1e3;
        if !self.first_frame {
            self.first_frame = true;
            eprintln!("frise: first frame laid out {ms:.0} ms after start");
        }
        let events = self.app.state.corpus().events.len();
        if !self.events_shown && events > 0 {
            self.events_shown = true;
            eprintln!(
                "frise: first frame with the {events} events laid out {ms:.0} ms after start"
            );
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::App::save(&mut self.app, storage);
    }
}
