//! The marks, drawn in one place: points, bars, source badges, conflict triangles and
//! cluster pills.
//!
//! The timeline ([`super::layout`]) draws them for happenings and the export page's legend
//! ([`super::page`]'s legend) draws them as samples, both through these functions, so the legend
//! cannot drift from what it explains.

use super::layout::Metrics;
use super::scene::{Align, Color, Paint, Pos, Rect, Shape, Stroke};
use super::text::{self, FontStyle};

/// How a mark is drawn, beyond its position: its colours and what is known of its date.
#[derive(Clone, Copy, Debug)]
pub struct MarkStyle {
    pub color: Color,
    /// The page behind the mark (the hollow of an uncertain point).
    pub background: Color,
    /// `~`: a halo around a point, feathered ends on a bar.
    pub approximate: bool,
    /// `?`: a dashed outline.
    pub uncertain: bool,
    /// Selected or highlighted: a ring or frame in this colour.
    pub emphasis: Option<Color>,
}

/// Height of a bar in a row.
pub fn bar_height(m: &Metrics) -> f32 {
    m.row_h - 9.0 * m.scale
}

/// A point mark centred on `center`; returns the rectangle of the dot.
pub fn point(shapes: &mut Vec<Shape>, m: &Metrics, center: Pos, style: &MarkStyle) -> Rect {
    let color = style.color;
    if style.approximate {
        // A soft halo: the day is approximate.
        shapes.push(Shape::Circle {
            center,
            radius: m.radius * 2.0,
            fill: Some(color.faded(0.18)),
            stroke: None,
        });
    }
    let (fill, stroke) = if style.uncertain {
        (
            Some(style.background),
            Some(Stroke::dashed(1.6 * m.scale, color)),
        )
    } else {
        (Some(color), None)
    };
    shapes.push(Shape::Circle {
        center,
        radius: m.radius,
        fill,
        stroke,
    });
    if let Some(ring) = style.emphasis {
        shapes.push(Shape::Circle {
            center,
            radius: m.radius + 3.0 * m.scale,
            fill: None,
            stroke: Some(Stroke::solid(2.0 * m.scale, ring)),
        });
    }
    Rect::from_min_size(
        center.x - m.radius,
        center.y - m.radius,
        2.0 * m.radius,
        2.0 * m.radius,
    )
}

/// Which ends of a bar run on past what is drawn (`..` in the date, or off the view).
#[derive(Clone, Copy, Debug, Default)]
pub struct OpenEnds {
    pub start: bool,
    pub end: bool,
    /// Arrow tips stay within these x bounds (the plot's edges).
    pub tip_min_x: f32,
    pub tip_max_x: f32,
}

/// A bar over `x0..x1` centred on `cy`: a tint with a solid start edge, feathered ends for
/// approximate or open dates, arrows on open ends. Returns the bar's rectangle.
pub fn bar(
    shapes: &mut Vec<Shape>,
    m: &Metrics,
    (x0, x1): (f32, f32),
    cy: f32,
    style: &MarkStyle,
    open: OpenEnds,
) -> Rect {
    let color = style.color;
    let bar_h = bar_height(m);
    let r = Rect {
        min: Pos::new(x0, cy - 0.5 * bar_h),
        max: Pos::new(x1, cy + 0.5 * bar_h),
    };
    let tint = color.faded(0.22);
    let clear = color.faded(0.0);
    let fade_start = style.approximate || open.start;
    let fade_end = style.approximate || open.end;
    let feather = if fade_start || fade_end {
        (r.width() / 3.0).min(36.0 * m.scale)
    } else {
        0.0
    };
    let mut body = r;
    if fade_start && feather > 0.0 {
        shapes.push(Shape::Rect {
            rect: Rect {
                min: r.min,
                max: Pos::new(r.min.x + feather, r.max.y),
            },
            radius: 0.0,
            fill: Some(Paint::Horizontal {
                left: clear,
                right: tint,
            }),
            stroke: None,
        });
        body.min.x += feather;
    }
    if fade_end && feather > 0.0 {
        shapes.push(Shape::Rect {
            rect: Rect {
                min: Pos::new(r.max.x - feather, r.min.y),
                max: r.max,
            },
            radius: 0.0,
            fill: Some(Paint::Horizontal {
                left: tint,
                right: clear,
            }),
            stroke: None,
        });
        body.max.x -= feather;
    }
    let stroke = if style.uncertain {
        Some(Stroke::dashed(1.4 * m.scale, color))
    } else if !fade_start && !fade_end {
        Some(Stroke::solid(1.0 * m.scale, color.faded(0.6)))
    } else {
        None
    };
    let radius = if fade_start || fade_end {
        0.0
    } else {
        3.0 * m.scale
    };
    shapes.push(Shape::Rect {
        rect: body,
        radius,
        fill: Some(Paint::Solid(tint)),
        stroke,
    });
    if !fade_start {
        // A solid start edge says where the period begins.
        shapes.push(Shape::Rect {
            rect: Rect {
                min: r.min,
                max: Pos::new((r.min.x + 3.0 * m.scale).min(r.max.x), r.max.y),
            },
            radius: 0.0,
            fill: Some(Paint::Solid(color)),
            stroke: None,
        });
    }
    let arrow = |tip_x: f32, dir: f32| Shape::Polygon {
        points: vec![
            Pos::new(tip_x, cy),
            Pos::new(tip_x - dir * 7.0 * m.scale, cy - 0.5 * bar_h),
            Pos::new(tip_x - dir * 7.0 * m.scale, cy + 0.5 * bar_h),
        ],
        fill: color,
        stroke: None,
    };
    if open.end {
        shapes.push(arrow(x1.min(open.tip_max_x), 1.0));
    }
    if open.start {
        shapes.push(arrow(x0.max(open.tip_min_x), -1.0));
    }
    if let Some(frame) = style.emphasis {
        shapes.push(Shape::Rect {
            rect: r.expand(2.5 * m.scale),
            radius: 4.0 * m.scale,
            fill: None,
            stroke: Some(Stroke::solid(2.0 * m.scale, frame)),
        });
    }
    r
}

/// Width of the source-count badge for `count` sources.
pub fn badge_width(count: u32, m: &Metrics) -> f32 {
    (text::width(&count.to_string(), m.small, FontStyle::Bold) + 8.0 * m.scale).max(m.font * 1.25)
}

/// The dark badge with the number of sources, starting at `x`; returns its width.
pub fn badge(
    shapes: &mut Vec<Shape>,
    m: &Metrics,
    (x, cy): (f32, f32),
    count: u32,
    (fill, ink): (Color, Color),
) -> f32 {
    let w = badge_width(count, m);
    shapes.push(Shape::Rect {
        rect: Rect::from_min_size(x, cy - 0.5 * m.font * 1.25, w, m.font * 1.25),
        radius: 0.625 * m.font,
        fill: Some(Paint::Solid(fill)),
        stroke: None,
    });
    shapes.push(Shape::Text {
        x: x + 0.5 * w,
        baseline: Metrics::baseline(cy, m.small),
        text: count.to_string(),
        size: m.small,
        color: ink,
        align: Align::Center,
        style: FontStyle::Bold,
    });
    w
}

/// A warning triangle with "!": sources disagree.
pub fn conflict(shapes: &mut Vec<Shape>, center: Pos, size: f32, color: Color, ink: Color) {
    let h = size * 0.95;
    shapes.push(Shape::Polygon {
        points: vec![
            Pos::new(center.x, center.y - 0.55 * h),
            Pos::new(center.x + 0.55 * h, center.y + 0.45 * h),
            Pos::new(center.x - 0.55 * h, center.y + 0.45 * h),
        ],
        fill: color,
        stroke: None,
    });
    shapes.push(Shape::Text {
        x: center.x,
        baseline: center.y + 0.38 * h,
        text: "!".to_owned(),
        size: size * 0.7,
        color: ink,
        align: Align::Center,
        style: FontStyle::Bold,
    });
}

/// Width of the cluster pill that stands for `count` happenings.
pub fn cluster_width(count: u32, m: &Metrics) -> f32 {
    text::width(&format!("+{count}"), m.small, FontStyle::Bold) + 12.0 * m.scale
}

/// The pill "+n" standing for `count` happenings with no room of their own, in the strip
/// `y0..y1`, centred on `cx`; returns its rectangle.
pub fn cluster(
    shapes: &mut Vec<Shape>,
    m: &Metrics,
    (cx, y0, y1): (f32, f32, f32),
    count: u32,
    (fill, ink): (Color, Color),
) -> Rect {
    let w = cluster_width(count, m);
    let rect = Rect::from_min_size(cx - 0.5 * w, y0, w, y1 - y0);
    shapes.push(Shape::Rect {
        rect,
        radius: 0.5 * rect.height(),
        fill: Some(Paint::Solid(fill)),
        stroke: Some(Stroke::solid(1.0, ink)),
    });
    shapes.push(Shape::Text {
        x: cx,
        baseline: Metrics::baseline(rect.center().y, m.small),
        text: format!("+{count}"),
        size: m.small,
        color: ink,
        align: Align::Center,
        style: FontStyle::Bold,
    });
    rect
}
