//! frise: a timeline of what articles say happened, with every event linked to its passage.
//!
//! Data flows one way through the modules, each usable without the ones after it:
//!
//! ```text
//! files ─► formats (─► temporal) ─► model (Corpus) ─► timeline (Scene) ─► render (SVG, PNG) / ui (egui)
//! ```
//!
//! - [`formats`] reads native articles, TimelineJS3 timelines (JSON, spreadsheet CSV) and
//!   ISO-TimeML documents, reporting every problem as a diagnostic with its file and place,
//!   and writes files atomically (native, TimelineJS3 JSON);
//! - [`temporal`] finds dates in raw French and English text and resolves them against the
//!   publication date (TIMEX3 types and values, EDTF dates);
//! - [`suggest`] turns the dated sentences of raw articles (text, Markdown, web pages) into
//!   suggested events, with the people and places they name, for the user to review;
//! - [`model`] holds the corpus: articles, entities, events, happenings, fuzzy dates,
//!   passages;
//! - [`timeline`] lays a view out as a backend-neutral [`timeline::Scene`], and the
//!   export page around it (title, legend, sources);
//! - [`render`] draws a Scene as SVG or PNG, with the embedded fonts;
//! - [`ui`] is the eframe window around the timeline;
//! - [`cli`] is the command line (`frise check`, `frise export`, …);
//! - [`synthetic`] generates corpora in the native format for benchmarks and stress tests
//!   (`frise gen`); it reads and writes no file itself.

pub mod cli;
pub mod formats;
pub mod model;
pub mod render;
pub mod suggest;
pub mod synthetic;
pub mod temporal;
pub mod timeline;
pub mod ui;
