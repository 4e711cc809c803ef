//! Draws a [`Scene`] with egui: the window's backend for the same display list that SVG and
//! PNG export draw.

use egui::epaint::{CornerRadius, StrokeKind};
use egui::{Color32, FontFamily, FontId, Pos2, Shape as EShape};

use crate::timeline::scene::{Align, Color, FontStyle, Paint, Pos, Rect, Scene, Shape, Stroke};
use crate::timeline::text;

/// egui font family names for the embedded faces (registered by [`super::fonts::install`]).
pub const BOLD: &str = "noto-bold";
pub const ITALIC: &str = "noto-italic";

pub fn color(c: Color) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

fn pos(p: Pos) -> Pos2 {
    Pos2::new(p.x, p.y)
}

pub fn rect(r: Rect) -> egui::Rect {
    egui::Rect::from_min_max(pos(r.min), pos(r.max))
}

pub fn font(size: f32, style: FontStyle) -> FontId {
    let family = match style {
        FontStyle::Regular => FontFamily::Proportional,
        FontStyle::Bold => FontFamily::Name(BOLD.into()),
        FontStyle::Italic => FontFamily::Name(ITALIC.into()),
    };
    FontId::new(size, family)
}

fn stroke(s: &Stroke) -> egui::Stroke {
    egui::Stroke::new(s.width, color(s.color))
}

/// A dashed closed outline through `points`.
fn dashed_outline(out: &mut Vec<EShape>, mut points: Vec<Pos2>, s: &Stroke) {
    if let Some(first) = points.first().copied() {
        points.push(first);
    }
    let (dash, gap) = s.dash.unwrap_or((4.0, 3.0));
    EShape::dashed_line_many(&points, stroke(s), dash, gap, out);
}

fn circle_points(center: Pos2, radius: f32) -> Vec<Pos2> {
    let n = 28;
    (0..n)
        .map(|i| {
            let a = i as f32 / n as f32 * std::f32::consts::TAU;
            center + egui::vec2(a.cos(), a.sin()) * radius
        })
        .collect()
}

/// Paints `scene` with `painter`; scene coordinates are egui points.
pub fn paint(painter: &egui::Painter, scene: &Scene) {
    let mut out: Vec<EShape> = Vec::with_capacity(scene.shapes.len() + 1);
    if let Some(bg) = scene.background {
        out.push(EShape::rect_filled(
            egui::Rect::from_min_size(painter.clip_rect().min, painter.clip_rect().size()),
            0.0,
            color(bg),
        ));
    }
    for shape in &scene.shapes {
        match shape {
            Shape::Rect {
                rect: r,
                radius,
                fill,
                stroke: st,
            } => {
                let er = rect(*r);
                let cr = CornerRadius::same(radius.round().clamp(0.0, 255.0) as u8);
                match fill {
                    Some(Paint::Solid(c)) => out.push(EShape::rect_filled(er, cr, color(*c))),
                    Some(Paint::Horizontal { left, right }) => out.push(EShape::gradient_rect(
                        er,
                        egui::Direction::LeftToRight,
                        [color(*left), color(*right)],
                    )),
                    None => {}
                }
                if let Some(s) = st {
                    if s.dash.is_some() {
                        dashed_outline(
                            &mut out,
                            vec![
                                er.left_top(),
                                er.right_top(),
                                er.right_bottom(),
                                er.left_bottom(),
                            ],
                            s,
                        );
                    } else {
                        out.push(EShape::rect_stroke(er, cr, stroke(s), StrokeKind::Middle));
                    }
                }
            }
            Shape::Circle {
                center,
                radius,
                fill,
                stroke: st,
            } => {
                if let Some(f) = fill {
                    out.push(EShape::circle_filled(pos(*center), *radius, color(*f)));
                }
                if let Some(s) = st {
                    if s.dash.is_some() {
                        dashed_outline(&mut out, circle_points(pos(*center), *radius), s);
                    } else {
                        out.push(EShape::circle_stroke(pos(*center), *radius, stroke(s)));
                    }
                }
            }
            Shape::Line {
                from,
                to,
                stroke: s,
            } => {
                if let Some((dash, gap)) = s.dash {
                    EShape::dashed_line_many(
                        &[pos(*from), pos(*to)],
                        stroke(s),
                        dash,
                        gap,
                        &mut out,
                    );
                } else {
                    out.push(EShape::line_segment([pos(*from), pos(*to)], stroke(s)));
                }
            }
            Shape::Polygon {
                points,
                fill,
                stroke: st,
            } => {
                let pts: Vec<Pos2> = points.iter().map(|p| pos(*p)).collect();
                out.push(EShape::convex_polygon(
                    pts,
                    color(*fill),
                    st.as_ref().map_or(egui::Stroke::NONE, stroke),
                ));
            }
            Shape::Text {
                x,
                baseline,
                text: t,
                size,
                color: c,
                align,
                style,
            } => {
                let galley = painter.layout_no_wrap(t.clone(), font(*size, *style), color(*c));
                let w = galley.size().x;
                let left = match align {
                    Align::Left => *x,
                    Align::Center => x - 0.5 * w,
                    Align::Right => x - w,
                };
                let top = baseline - text::ascent(*size);
                out.push(EShape::galley(Pos2::new(left, top), galley, color(*c)));
            }
        }
    }
    painter.extend(out);
}
