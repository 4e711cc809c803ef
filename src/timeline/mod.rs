//! The timeline: pure layout, from a corpus and a view to a [`Scene`] any backend can draw.
//!
//! Nothing here knows about egui. The stages:
//! - [`filter`]: which events a search and facet filters keep;
//! - [`lanes`]: grouping into lanes, each with a time [`index`] ([`Prepared`]);
//! - [`scale`] and [`ticks`]: the time ↔ x mapping and the calendar axis; [`fit`]: the
//!   window a fitted view shows;
//! - [`text`]: the embedded fonts and text measurement;
//! - [`layout`]: placing marks, labels, clusters and the axis into a [`Scene`];
//! - [`page`]: the export page around it: title, legend, caption, numbered sources;
//! - [`story`]: presentations, sequences of prepared steps;
//! - [`lag`]: the reporting-lag view, when each source reported what happened.

pub mod filter;
pub mod fit;
pub mod index;
pub mod lag;
pub mod lanes;
pub mod layout;
pub mod marks;
pub mod page;
pub mod scale;
pub mod scene;
pub mod story;
pub mod text;
pub mod ticks;
pub mod view;

pub use filter::{Facet, Filter};
pub use lanes::{LaneMode, Prepared};
pub use layout::{KindCounts, build_scene, happening_label, kinds_by_frequency};
pub use page::{PageSpec, build_page};
pub use scale::{TimeScale, TimeWindow};
pub use scene::{Scene, Target};
pub use view::{ThemeKind, View};
