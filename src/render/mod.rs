//! Drawing a [`Scene`](crate::timeline::Scene) outside the window: SVG and PNG.
//!
//! Both exports draw the same display list as the app, so what you see is what you export.
//! [`svg`] writes every shape as an SVG element and keeps text as text, so a slide editor or
//! Inkscape can still edit it; [`png`] rasterises that very SVG with resvg and the fonts
//! embedded in the binary, so a PNG is identical on every machine and needs neither a GPU
//! nor a display. Nothing here depends on egui.

pub mod png;
pub mod svg;

pub use png::{RenderError, to_png};
pub use svg::{SvgOptions, to_svg, to_svg_with};
