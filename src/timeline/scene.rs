//! The Scene: a backend-neutral display list of one timeline view.
//!
//! The layout stage fills a [`Scene`]; the egui painter, the SVG writer and the PNG renderer
//! each draw it. Because all of them draw the same list, what you see in the window is what
//! you export. Coordinates are pixels, origin top-left, y down.

use crate::model::{HappeningIx, Seconds};

/// sRGB colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Color {
    pub const TRANSPARENT: Self = Self::rgba(0, 0, 0, 0);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b, a: 255 }
    }

    pub const fn rgba(r: u8, g: u8, b: u8, a: u8) -> Self {
        Self { r, g, b, a }
    }

    /// The same colour with alpha multiplied by `f` (0..=1).
    pub fn faded(self, f: f32) -> Self {
        Self {
            a: (f32::from(self.a) * f.clamp(0.0, 1.0)).round() as u8,
            ..self
        }
    }

    /// Mixed with `other`: `t` = 0 is self, 1 is other.
    pub fn mix(self, other: Self, t: f32) -> Self {
        let t = t.clamp(0.0, 1.0);
        let m = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
        Self {
            r: m(self.r, other.r),
            g: m(self.g, other.g),
            b: m(self.b, other.b),
            a: m(self.a, other.a),
        }
    }

    /// `#rrggbb`, for SVG.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pos {
    pub x: f32,
    pub y: f32,
}

impl Pos {
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

/// An axis-aligned rectangle, `min` inclusive, `max` exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub min: Pos,
    pub max: Pos,
}

impl Rect {
    pub fn from_min_size(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self {
            min: Pos::new(x, y),
            max: Pos::new(x + w, y + h),
        }
    }

    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    pub fn center(&self) -> Pos {
        Pos::new(
            0.5 * (self.min.x + self.max.x),
            0.5 * (self.min.y + self.max.y),
        )
    }

    pub fn contains(&self, p: Pos) -> bool {
        p.x >= self.min.x && p.x < self.max.x && p.y >= self.min.y && p.y < self.max.y
    }

    pub fn intersects(&self, other: &Self) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }

    pub fn expand(&self, by: f32) -> Self {
        Self {
            min: Pos::new(self.min.x - by, self.min.y - by),
            max: Pos::new(self.max.x + by, self.max.y + by),
        }
    }
}

/// How a shape is filled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Paint {
    Solid(Color),
    /// A horizontal gradient: feathered ends of approximate dates.
    Horizontal {
        left: Color,
        right: Color,
    },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    pub width: f32,
    pub color: Color,
    /// Dash and gap lengths; `None` for a solid line.
    pub dash: Option<(f32, f32)>,
}

impl Stroke {
    pub fn solid(width: f32, color: Color) -> Self {
        Self {
            width,
            color,
            dash: None,
        }
    }

    pub fn dashed(width: f32, color: Color) -> Self {
        Self {
            width,
            color,
            dash: Some((4.0, 3.0)),
        }
    }
}

/// Horizontal anchoring of text at its `x`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

pub use super::text::FontStyle;

/// One drawing primitive.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Rect {
        rect: Rect,
        radius: f32,
        fill: Option<Paint>,
        stroke: Option<Stroke>,
    },
    Circle {
        center: Pos,
        radius: f32,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    Line {
        from: Pos,
        to: Pos,
        stroke: Stroke,
    },
    /// A closed polygon (arrows, conflict marks).
    Polygon {
        points: Vec<Pos>,
        fill: Color,
        stroke: Option<Stroke>,
    },
    /// One line of text; `baseline` is the y of its baseline.
    Text {
        x: f32,
        baseline: f32,
        text: String,
        size: f32,
        color: Color,
        align: Align,
        style: FontStyle,
    },
}

/// What clicking an item does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    /// Select this happening.
    Happening(HappeningIx),
    /// Zoom into these events (a cluster).
    Zoom {
        start_s: f64,
        end_s: f64,
        count: u32,
    },
    /// Collapse or expand lane `index`.
    Lane(usize),
}

/// An interactive region of the scene: hover, click, and an accessible name.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub rect: Rect,
    pub target: Target,
    /// The lane the item is drawn in (a happening can be in several); `usize::MAX` outside
    /// lanes (the Undated tray).
    pub lane: usize,
    /// What a screen reader says, and what tests query: "title, date".
    pub label: String,
}

/// A drawn happening and where: lets the UI frame it, animate to it, or caption it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub happening: HappeningIx,
    pub lane: usize,
    pub mark: Rect,
}

/// One view of the timeline, ready to draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    pub background: Option<Color>,
    pub shapes: Vec<Shape>,
    /// Interactive regions, topmost last.
    pub items: Vec<Item>,
    /// Happenings drawn individually (not in a cluster), in drawing order.
    pub placed: Vec<Placed>,
    /// Happenings in view but folded into clusters (counted, not drawn one by one).
    pub clustered: u32,
    /// The screen rectangle of the time axis area (lanes and axis), for pointer mapping.
    pub plot: Rect,
    /// The time window drawn across `plot`.
    pub window_s: (f64, f64),
}

impl Scene {
    /// Time at screen x, in the scene's plot.
    pub fn t_of(&self, x: f32) -> Seconds {
        let (a, b) = self.window_s;
        let w = self.plot.width().max(1.0);
        (a + f64::from(x - self.plot.min.x) / f64::from(w) * (b - a)) as Seconds
    }
}
