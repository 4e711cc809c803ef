//! frise: a timeline of what articles say happened, with every event linked to its passage.
//!
//! Data flows one way through the modules, each usable without the ones after it:
//!
//! ```text
//! files ─► formats ─► model (Corpus) ─► timeline (Scene) ─► render (SVG, PNG) / ui (egui)
//! ```
//!
//! - [`formats`] reads native articles (and later other formats), reporting every problem
//!   as a diagnostic with its file and place, and writes files atomically;
//! - [`model`] holds the corpus: articles, entities, events, happenings, fuzzy dates,
//!   passages;
//! - [`timeline`] lays a view out as a backend-neutral [`timeline::Scene`], and the
//!   export page around it (title, legend, sources);
//! - [`render`] draws a Scene as SVG or PNG, with the embedded fonts;
//! - [`cli`] is the command line (`frise check`, `frise export`, …).

pub mod cli;
pub mod formats;
pub mod model;
pub mod render;
pub mod timeline;
