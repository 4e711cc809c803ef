//! SVG: every [`Shape`] of a [`Scene`] as an SVG element, text kept as `<text>`.
//!
//! The output is meant to be edited: text stays text (with a font-family list that falls
//! back from the embedded Noto Sans to what a slide editor has), colours are plain
//! `#rrggbb` with separate opacities, and each drawn event carries its accessible label as
//! a hover `<title>`. The PNG export parses exactly this text, so both formats agree.
//!
//! Written with `std::fmt` rather than an SVG-writing crate: the subset needed is small,
//! and writing it directly keeps the element order (the Scene's painter's order) and the
//! attribute spelling under our control.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::timeline::scene::{
    Align, Color, FontStyle, Item, Paint, Pos, Rect, Scene, Shape, Stroke, Target,
};

/// The font stack written on every `<text>`: the embedded face first, then look-alikes a
/// slide editor on another machine is likely to have.
pub const FONT_FAMILY: &str = "'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

/// Choices for one SVG document.
#[derive(Clone, Debug, PartialEq)]
pub struct SvgOptions {
    /// Multiplies the `width`/`height` attributes; the `viewBox` stays the Scene's size, so
    /// the drawing is the same, only rendered larger by viewers that honour the size.
    pub scale: f32,
    /// The document's `<title>`: what a screen reader announces first.
    pub title: Option<String>,
    /// The document's `<desc>`: a longer description for assistive technology.
    pub description: Option<String>,
    /// Adds an invisible rectangle with a `<title>` per item, so hovering an event in a
    /// browser names it. Off for an SVG meant only as a drawing.
    pub item_titles: bool,
}

impl Default for SvgOptions {
    fn default() -> Self {
        Self {
            scale: 1.0,
            title: None,
            description: None,
            item_titles: true,
        }
    }
}

/// The scene as a standalone SVG document at its own size, with hover titles.
///
/// Use [`to_svg_with`] to set the document title or the output size.
pub fn to_svg(scene: &Scene) -> String {
    to_svg_with(scene, &SvgOptions::default())
}

/// The scene as a standalone SVG document with `options`.
pub fn to_svg_with(scene: &Scene, options: &SvgOptions) -> String {
    document(scene, &scene.shapes, scene.background, options)
}

/// A drawing of `scene.shapes[range]` alone at the scene's size, without the background
/// unless the range starts at the first shape, and without hover titles.
///
/// Drawn one after the other onto the same picture, the drawings of consecutive ranges
/// give the picture of the whole scene: each shape is an element of its own at the top of
/// the document, drawn over what came before, and the drawings share nothing but their
/// size (a gradient is defined again in each document that uses it).
pub fn to_svg_part(scene: &Scene, range: std::ops::Range<usize>) -> String {
    let shapes = scene.shapes.get(range.clone()).unwrap_or(&[]);
    let background = scene.background.filter(|_| range.start == 0);
    let options = SvgOptions {
        item_titles: false,
        ..SvgOptions::default()
    };
    document(scene, shapes, background, &options)
}

fn document(
    scene: &Scene,
    shapes: &[Shape],
    background: Option<Color>,
    options: &SvgOptions,
) -> String {
    let mut w = Writer::default();
    for shape in shapes {
        w.shape(shape);
    }
    let is_event = |i: &&Item| matches!(i.target, Target::Happening(_));
    if options.item_titles && scene.items.iter().any(|i| is_event(&i)) {
        w.body
            .push_str("<g id=\"frise-items\" fill=\"none\" pointer-events=\"all\">\n");
        // Only events: lane and cluster items name actions of the window ("collapse",
        // "zoom in") that mean nothing in a file.
        for item in scene.items.iter().filter(is_event) {
            w.item(item);
        }
        w.body.push_str("</g>\n");
    }

    let width = finite_or(scene.width, 1.0).max(1.0);
    let height = finite_or(scene.height, 1.0).max(1.0);
    let scale = if options.scale.is_finite() && options.scale > 0.0 {
        options.scale
    } else {
        1.0
    };
    let title = options.title.as_deref().unwrap_or("Timeline");
    let mut out = String::with_capacity(w.body.len() + w.defs.len() + 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{}\" height=\"{}\" \
         viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"frise-title\"",
        num(width * scale),
        num(height * scale),
        num(width),
        num(height),
    )
    .ok();
    if options.description.is_some() {
        out.push_str(" aria-describedby=\"frise-desc\"");
    }
    out.push_str(">\n");
    writeln!(
        out,
        "<title id=\"frise-title\">{}</title>",
        text_content(title)
    )
    .ok();
    if let Some(desc) = &options.description {
        writeln!(out, "<desc id=\"frise-desc\">{}</desc>", text_content(desc)).ok();
    }
    if !w.defs.is_empty() {
        out.push_str("<defs>\n");
        out.push_str(&w.defs);
        out.push_str("</defs>\n");
    }
    if let Some(bg) = background {
        writeln!(
            out,
            "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"{}/>",
            num(width),
            num(height),
            fill_attrs(bg)
        )
        .ok();
    }
    out.push_str(&w.body);
    out.push_str("</svg>\n");
    out
}

/// Accumulates the body and the gradient definitions it refers to.
#[derive(Default)]
struct Writer {
    body: String,
    defs: String,
    /// One gradient per distinct pair of end colours.
    gradients: HashMap<(Color, Color), String>,
}

impl Writer {
    fn gradient(&mut self, left: Color, right: Color) -> String {
        if let Some(id) = self.gradients.get(&(left, right)) {
            return id.clone();
        }
        let id = format!("frise-gradient-{}", self.gradients.len() + 1);
        let stop = |offset: &str, c: Color| {
            let mut s = format!("<stop offset=\"{offset}\" stop-color=\"{}\"", c.hex());
            if c.a < 255 {
                write!(s, " stop-opacity=\"{}\"", opacity(c)).ok();
            }
            s.push_str("/>");
            s
        };
        writeln!(
            self.defs,
            "<linearGradient id=\"{id}\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\">{}{}</linearGradient>",
            stop("0", left),
            stop("1", right)
        )
        .ok();
        self.gradients.insert((left, right), id.clone());
        id
    }

    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::Rect {
                rect,
                radius,
                fill,
                stroke,
            } => {
                let Some(r) = normalized(rect) else { return };
                let rx = finite_or(*radius, 0.0)
                    .min(0.5 * r.width())
                    .min(0.5 * r.height())
                    .max(0.0);
                write!(
                    self.body,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
                    num(r.min.x),
                    num(r.min.y),
                    num(r.width()),
                    num(r.height()),
                )
                .ok();
                if rx > 0.0 {
                    write!(self.body, " rx=\"{}\"", num(rx)).ok();
                }
                match fill {
                    None => self.body.push_str(" fill=\"none\""),
                    Some(Paint::Solid(c)) => {
                        write!(self.body, "{}", fill_attrs(*c)).ok();
                    }
                    Some(Paint::Horizontal { left, right }) => {
                        let id = self.gradient(*left, *right);
                        write!(self.body, " fill=\"url(#{id})\"").ok();
                    }
                }
                writeln!(self.body, "{}/>", stroke_attrs(stroke.as_ref())).ok();
            }
            Shape::Circle {
                center,
                radius,
                fill,
                stroke,
            } => {
                let r = finite_or(*radius, 0.0);
                if r <= 0.0 {
                    return;
                }
                write!(
                    self.body,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"",
                    num(center.x),
                    num(center.y),
                    num(r),
                )
                .ok();
                match fill {
                    None => self.body.push_str(" fill=\"none\""),
                    Some(c) => {
                        write!(self.body, "{}", fill_attrs(*c)).ok();
                    }
                }
                writeln!(self.body, "{}/>", stroke_attrs(stroke.as_ref())).ok();
            }
            Shape::Line { from, to, stroke } => {
                writeln!(
                    self.body,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}/>",
                    num(from.x),
                    num(from.y),
                    num(to.x),
                    num(to.y),
                    stroke_attrs(Some(stroke)),
                )
                .ok();
            }
            Shape::Polygon {
                points,
                fill,
                stroke,
            } => {
                if points.len() < 3 {
                    return;
                }
                writeln!(
                    self.body,
                    "<polygon points=\"{}\"{}{}/>",
                    points_attr(points),
                    fill_attrs(*fill),
                    stroke_attrs(stroke.as_ref()),
                )
                .ok();
            }
            Shape::Text {
                x,
                baseline,
                text,
                size,
                color,
                align,
                style,
            } => {
                let content = text_content(&one_line(text));
                if content.trim().is_empty() {
                    return;
                }
                let anchor = match align {
                    Align::Left => "",
                    Align::Center => " text-anchor=\"middle\"",
                    Align::Right => " text-anchor=\"end\"",
                };
                let style = match style {
                    FontStyle::Regular => "",
                    FontStyle::Bold => " font-weight=\"bold\"",
                    FontStyle::Italic => " font-style=\"italic\"",
                };
                writeln!(
                    self.body,
                    "<text x=\"{}\" y=\"{}\" font-family=\"{FONT_FAMILY}\" font-size=\"{}\"{style}{anchor}{} xml:space=\"preserve\">{content}</text>",
                    num(*x),
                    num(*baseline),
                    num(finite_or(*size, 12.0).max(0.1)),
                    fill_attrs(*color),
                )
                .ok();
            }
        }
    }

    fn item(&mut self, item: &Item) {
        let Some(r) = normalized(&item.rect) else {
            return;
        };
        writeln!(
            self.body,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}</title></rect>",
            num(r.min.x),
            num(r.min.y),
            num(r.width()),
            num(r.height()),
            text_content(&one_line(&item.label)),
        )
        .ok();
    }
}

/// A rectangle with finite coordinates and positive size, or `None` if there is nothing
/// to draw.
fn normalized(r: &Rect) -> Option<Rect> {
    let (x0, x1) = (finite_or(r.min.x, 0.0), finite_or(r.max.x, 0.0));
    let (y0, y1) = (finite_or(r.min.y, 0.0), finite_or(r.max.y, 0.0));
    let r = Rect {
        min: Pos::new(x0.min(x1), y0.min(y1)),
        max: Pos::new(x0.max(x1), y0.max(y1)),
    };
    (r.width() > 0.0 && r.height() > 0.0).then_some(r)
}

/// A colour as `#rrggbb`, written in place (see [`Decimal`]).
struct Hex(Color);

impl std::fmt::Display for Hex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Color { r, g, b, .. } = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// The `fill` attributes of a solid colour, written in place.
struct FillAttrs(Color);

impl std::fmt::Display for FillAttrs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let c = self.0;
        write!(f, " fill=\"{}\"", Hex(c))?;
        if c.a < 255 {
            write!(f, " fill-opacity=\"{}\"", opacity(c))?;
        }
        Ok(())
    }
}

fn fill_attrs(c: Color) -> FillAttrs {
    FillAttrs(c)
}

/// The `stroke` attributes of a stroke (none without one), written in place.
struct StrokeAttrs<'a>(Option<&'a Stroke>);

impl std::fmt::Display for StrokeAttrs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(s) = self.0 else {
            return Ok(());
        };
        write!(
            f,
            " stroke=\"{}\" stroke-width=\"{}\"",
            Hex(s.color),
            num(finite_or(s.width, 1.0).max(0.0))
        )?;
        if s.color.a < 255 {
            write!(f, " stroke-opacity=\"{}\"", opacity(s.color))?;
        }
        if let Some((dash, gap)) = s.dash {
            write!(
                f,
                " stroke-dasharray=\"{} {}\"",
                num(finite_or(dash, 4.0).max(0.1)),
                num(finite_or(gap, 3.0).max(0.1))
            )?;
        }
        Ok(())
    }
}

fn stroke_attrs(stroke: Option<&Stroke>) -> StrokeAttrs<'_> {
    StrokeAttrs(stroke)
}

fn points_attr(points: &[Pos]) -> String {
    let mut out = String::new();
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        write!(out, "{},{}", num(p.x), num(p.y)).ok();
    }
    out
}

fn opacity(c: Color) -> Decimal<3> {
    Decimal(f32::from(c.a) / 255.0)
}

fn finite_or(v: f32, default: f32) -> f32 {
    if v.is_finite() { v } else { default }
}

/// A coordinate with at most two decimals and no trailing zeros: short files, exact enough
/// at any zoom a viewer allows.
fn num(v: f32) -> Decimal<2> {
    Decimal(finite_or(v, 0.0))
}

/// `.0` rounded to `PLACES` decimals as `format!("{:.PLACES$}")` rounds it (to the nearest,
/// ties to even), written without trailing zeros, a trailing point or a minus before 0.
///
/// Written into the document as it is formatted: a page has tens of thousands of numbers,
/// and formatting each through `format!` took a string of its own and the exact float
/// printer. (No crate writes fixed decimals without trailing zeros.) Exact for every
/// finite `f32`: its 24-bit significand times 10^PLACES (for up to 3 places, at most
/// 2^10) fits the 53 bits of an `f64`, so the product is the decimal value shifted, and
/// rounding it to an integer is rounding the decimal value.
#[derive(Clone, Copy, Debug)]
struct Decimal<const PLACES: u32>(f32);

impl<const PLACES: u32> std::fmt::Display for Decimal<PLACES> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const { assert!(PLACES <= 3) };
        let unit = 10u64.pow(PLACES);
        let scaled = (f64::from(self.0) * unit as f64).round_ties_even();
        // Beyond 2^53 hundredths an f64 holds only integers of its own spacing: such a
        // number (no page has one) is written the slow way.
        if !scaled.is_finite() || scaled.abs() >= 9.0e15 {
            let mut s = format!("{:.*}", PLACES as usize, self.0);
            if s.contains('.') {
                let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
                s.truncate(trimmed);
            }
            return f.write_str(if s == "-0" { "0" } else { &s });
        }
        let units = scaled.abs() as u64;
        if scaled < 0.0 && units != 0 {
            f.write_str("-")?;
        }
        write!(f, "{}", units / unit)?;
        let mut frac = units % unit;
        if frac == 0 {
            return Ok(());
        }
        let mut places = PLACES;
        while frac.is_multiple_of(10) {
            frac /= 10;
            places -= 1;
        }
        write!(f, ".{frac:0width$}", width = places as usize)
    }
}

/// One line of text: a `Shape::Text` is a single line, and characters XML 1.0 forbids
/// (control characters) would make the whole document unreadable, so they are dropped.
fn one_line(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if is_xml_char(c) => Some(c),
            _ => None,
        })
        .collect()
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Escapes text for element content and double-quoted attributes. Apostrophes are left as
/// they are: the documents use double quotes, and a title reads better in an editor as
/// "Syria's" than as "Syria&apos;s".
fn text_content(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if is_xml_char(c) || matches!(c, '\n' | '\r' | '\t') => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Shape {
        Shape::Text {
            x: 10.0,
            baseline: 20.0,
            text: s.to_owned(),
            size: 13.0,
            color: Color::rgb(0, 0, 0),
            align: Align::Center,
            style: FontStyle::Bold,
        }
    }

    #[test]
    fn numbers_are_short_and_finite() {
        for (v, written) in [
            (1.0, "1"),
            (1.5, "1.5"),
            (1.256, "1.26"),
            (-0.001, "0"),
            (-0.005, "0"),
            (-2.5, "-2.5"),
            (0.125, "0.12"),
            (0.375, "0.38"),
            (1600.0, "1600"),
            (f32::NAN, "0"),
            (f32::INFINITY, "0"),
        ] {
            assert_eq!(num(v).to_string(), written, "{v}");
        }
        assert_eq!(opacity(Color::rgba(0, 0, 0, 106)).to_string(), "0.416");
        assert_eq!(opacity(Color::rgba(0, 0, 0, 255)).to_string(), "1");
        assert_eq!(opacity(Color::rgba(0, 0, 0, 0)).to_string(), "0");
    }

    /// What `num` and `opacity` wrote when each took a `format!` of its own.
    fn formatted(v: f32, places: usize) -> String {
        let v = finite_or(v, 0.0);
        let mut s = format!("{v:.places$}");
        if s.contains('.') {
            let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
            s.truncate(trimmed);
        }
        if s == "-0" { "0".to_owned() } else { s }
    }

    #[test]
    fn every_opacity_is_written_as_formatted() {
        for a in 0..=255u8 {
            let c = Color::rgba(0, 0, 0, a);
            assert_eq!(
                opacity(c).to_string(),
                formatted(f32::from(a) / 255.0, 3),
                "{a}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn numbers_are_written_as_formatted(bits in proptest::num::u32::ANY, small in -5000.0f32..5000.0) {
            let any = f32::from_bits(bits);
            proptest::prop_assert_eq!(num(any).to_string(), formatted(any, 2));
            proptest::prop_assert_eq!(num(small).to_string(), formatted(small, 2));
            // Ties: a multiple of 1/8 lies on the rounding boundary of two decimals.
            let tie = (small * 8.0).round() / 8.0;
            proptest::prop_assert_eq!(num(tie).to_string(), formatted(tie, 2));
        }
    }

    #[test]
    fn text_is_escaped_and_kept_as_text() {
        let scene = Scene {
            width: 100.0,
            height: 50.0,
            shapes: vec![text("a < b & « c’est\u{202f}» \"q\" \u{1}")],
            ..Scene::default()
        };
        let svg = to_svg(&scene);
        assert!(
            svg.contains(">a &lt; b &amp; « c’est\u{202f}» &quot;q&quot; </text>"),
            "{svg}"
        );
        assert!(svg.contains("text-anchor=\"middle\""));
        assert!(svg.contains("font-weight=\"bold\""));
        assert!(svg.contains(FONT_FAMILY));
    }

    #[test]
    fn gradients_are_defined_once_and_referenced() {
        let left = Color::rgba(0, 0, 255, 0);
        let right = Color::rgba(0, 0, 255, 56);
        let rect = |x: f32| Shape::Rect {
            rect: Rect::from_min_size(x, 0.0, 10.0, 10.0),
            radius: 0.0,
            fill: Some(Paint::Horizontal { left, right }),
            stroke: Some(Stroke::dashed(1.0, Color::rgba(1, 2, 3, 128))),
        };
        let scene = Scene {
            width: 100.0,
            height: 50.0,
            shapes: vec![rect(0.0), rect(20.0)],
            ..Scene::default()
        };
        let svg = to_svg(&scene);
        assert_eq!(svg.matches("<linearGradient").count(), 1);
        assert_eq!(svg.matches("url(#frise-gradient-1)").count(), 2);
        assert!(svg.contains("stroke-dasharray=\"4 3\""));
        assert!(svg.contains("stroke-opacity=\"0.502\""));
        assert!(svg.find("<defs>") < svg.find("<rect x=\"0\" y=\"0\" width=\"10\""));
    }

    #[test]
    fn scale_changes_the_size_not_the_view_box() {
        let scene = Scene {
            width: 100.0,
            height: 50.0,
            ..Scene::default()
        };
        let svg = to_svg_with(
            &scene,
            &SvgOptions {
                scale: 2.0,
                ..SvgOptions::default()
            },
        );
        assert!(svg.contains("width=\"200\" height=\"100\" viewBox=\"0 0 100 50\""));
    }
}
