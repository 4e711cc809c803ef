//! Installs the embedded Noto Sans faces in egui, so the window draws text with exactly the
//! fonts the layout measured and the exports embed.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use super::painter::{BOLD, ITALIC};
use crate::timeline::text::{FONT_BOLD, FONT_ITALIC, FONT_REGULAR};

pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    for (name, data) in [
        ("noto", FONT_REGULAR),
        ("noto-bold", FONT_BOLD),
        ("noto-italic", FONT_ITALIC),
    ] {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(data)));
    }
    // egui's own fonts stay as fallbacks for symbols and emoji Noto Sans lacks.
    let mut fallbacks = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    // Hack covers arrows and geometric shapes (◀ ▶ ▲ ▼) that the others lack.
    fallbacks.push("Hack".to_owned());
    let chain = |first: &str| {
        std::iter::once(first.to_owned())
            .chain(fallbacks.iter().cloned())
            .collect()
    };
    fonts
        .families
        .insert(FontFamily::Proportional, chain("noto"));
    fonts
        .families
        .insert(FontFamily::Name(BOLD.into()), chain("noto-bold"));
    fonts
        .families
        .insert(FontFamily::Name(ITALIC.into()), chain("noto-italic"));
    ctx.set_fonts(fonts);
}
