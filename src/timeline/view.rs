//! What one view shows and how it looks: the input of the layout, shared by the window,
//! presentation steps and `frise export`.

use std::collections::BTreeSet;

use super::scale::TimeWindow;
use super::scene::Color;
use crate::model::{HappeningIx, Lang};

/// Light (slides, projectors) or dark (screens at night).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ThemeKind {
    #[default]
    Light,
    Dark,
}

impl ThemeKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "light" => Some(Self::Light),
            "dark" => Some(Self::Dark),
            _ => None,
        }
    }
}

/// The colours of a view.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub background: Color,
    pub text: Color,
    pub muted: Color,
    pub grid: Color,
    pub grid_major: Color,
    pub lane_band: Color,
    pub header_band: Color,
    pub selection: Color,
    pub today: Color,
    pub conflict: Color,
    pub badge: Color,
    pub badge_text: Color,
    pub cluster: Color,
    pub period: Color,
    /// Categorical colours for kinds, distinguishable with colour-blindness (Okabe–Ito).
    pub palette: [Color; 8],
}

impl Theme {
    pub fn new(kind: ThemeKind) -> Self {
        match kind {
            ThemeKind::Light => Self {
                background: Color::rgb(255, 255, 255),
                text: Color::rgb(0x1f, 0x23, 0x28),
                muted: Color::rgb(0x57, 0x60, 0x6a),
                grid: Color::rgb(0xee, 0xf0, 0xf2),
                grid_major: Color::rgb(0xcf, 0xd4, 0xda),
                lane_band: Color::rgb(0xf7, 0xf8, 0xfa),
                header_band: Color::rgb(0xf0, 0xf2, 0xf5),
                selection: Color::rgb(0x11, 0x11, 0x11),
                today: Color::rgb(0xcf, 0x22, 0x2e),
                conflict: Color::rgb(0xd1, 0x5c, 0x00),
                badge: Color::rgb(0x24, 0x29, 0x2f),
                badge_text: Color::rgb(255, 255, 255),
                cluster: Color::rgb(0x6e, 0x77, 0x81),
                period: Color::rgb(0x8c, 0x95, 0x9f),
                palette: [
                    Color::rgb(0x00, 0x72, 0xb2),
                    Color::rgb(0xd5, 0x5e, 0x00),
                    Color::rgb(0x00, 0x9e, 0x73),
                    Color::rgb(0xcc, 0x79, 0xa7),
                    Color::rgb(0xe6, 0x9f, 0x00),
                    Color::rgb(0x56, 0xb4, 0xe9),
                    Color::rgb(0x8a, 0x6d, 0x3b),
                    Color::rgb(0x6a, 0x3d, 0x9a),
                ],
            },
            ThemeKind::Dark => Self {
                background: Color::rgb(0x16, 0x18, 0x1d),
                text: Color::rgb(0xe6, 0xed, 0xf3),
                muted: Color::rgb(0x9d, 0xa7, 0xb3),
                grid: Color::rgb(0x24, 0x28, 0x2f),
                grid_major: Color::rgb(0x3a, 0x40, 0x48),
                lane_band: Color::rgb(0x1b, 0x1e, 0x24),
                header_band: Color::rgb(0x20, 0x24, 0x2b),
                selection: Color::rgb(0xff, 0xff, 0xff),
                today: Color::rgb(0xff, 0x6b, 0x6b),
                conflict: Color::rgb(0xff, 0x9e, 0x3d),
                badge: Color::rgb(0xe6, 0xed, 0xf3),
                badge_text: Color::rgb(0x16, 0x18, 0x1d),
                cluster: Color::rgb(0x8b, 0x94, 0x9e),
                period: Color::rgb(0x6e, 0x76, 0x81),
                palette: [
                    Color::rgb(0x4f, 0xa3, 0xe0),
                    Color::rgb(0xf0, 0x7f, 0x3c),
                    Color::rgb(0x2e, 0xc4, 0x96),
                    Color::rgb(0xe0, 0x8f, 0xc0),
                    Color::rgb(0xf2, 0xc1, 0x4e),
                    Color::rgb(0x8f, 0xd0, 0xf5),
                    Color::rgb(0xc4, 0xa0, 0x6a),
                    Color::rgb(0xa8, 0x86, 0xd6),
                ],
            },
        }
    }
}

/// Progressive reveal: only some happenings are shown (or the rest are dimmed).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reveal {
    /// Sorted happening indices that are revealed.
    pub revealed: Vec<HappeningIx>,
    /// Dim the others instead of hiding them.
    pub dim: bool,
}

impl Reveal {
    pub fn contains(&self, h: HappeningIx) -> bool {
        self.revealed.binary_search(&h).is_ok()
    }
}

/// Everything that decides one picture of the timeline, apart from corpus, filter and
/// lanes (see [`super::Prepared`]).
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub window: TimeWindow,
    pub lang: Lang,
    pub theme: ThemeKind,
    /// Base text size in pixels; presentations use larger.
    pub font_px: f32,
    pub selected: Option<HappeningIx>,
    /// Emphasised happenings (a presentation step), drawn like the selection.
    pub highlighted: Vec<HappeningIx>,
    /// Keys of collapsed lanes.
    pub collapsed: BTreeSet<String>,
    pub reveal: Option<Reveal>,
    /// "Now", for the today marker; `None` hides it (exports are reproducible).
    pub today_s: Option<f64>,
    /// Show the Undated tray under the axis.
    pub undated_tray: bool,
}

impl Default for View {
    fn default() -> Self {
        Self {
            window: TimeWindow::default(),
            lang: Lang::En,
            theme: ThemeKind::Light,
            font_px: 13.0,
            selected: None,
            highlighted: Vec::new(),
            collapsed: BTreeSet::new(),
            reveal: None,
            today_s: None,
            undated_tray: true,
        }
    }
}
