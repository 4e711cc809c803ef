//! frise: a timeline of what articles say happened, with every event linked to its passage.
//!
//! Data flows one way through the modules, each usable without the ones after it:
//!
//! ```text
//! files ─► formats ─► model (Corpus) ─► timeline (Scene) ─► render (SVG, PNG) / ui (egui)
//! ```
//!
//! - [`formats`] reads native articles, TimelineJS3 timelines (JSON, spreadsheet CSV) and
//!   ISO-TimeML documents, reporting every problem as a diagnostic with its file and place,
//!   and writes files atomically (native, TimelineJS3 JSON);
//! - [`model`] holds the corpus: articles, entities, events, happenings, fuzzy dates,
//!   passages;
//! - [`timeline`] lays out a view as a backend-neutral Scene;
//! - [`ui`] is the eframe window around it;
//! - [`cli`] is the command line (`frise check`, …).

pub mod cli;
pub mod formats;
pub mod model;
pub mod timeline;
pub mod ui;
