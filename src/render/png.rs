//! PNG: the scene's SVG rasterised by resvg with the fonts embedded in the binary.
//!
//! The font database holds only the embedded Noto Sans faces, never system fonts: the same
//! input gives the same pixels on every machine, with or without a display or a GPU, and
//! what [`crate::timeline::text`] measured is what is drawn.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

use super::svg::{SvgOptions, to_svg_with};
use crate::timeline::Scene;
use crate::timeline::text::{FAMILY, FONT_BOLD, FONT_ITALIC, FONT_REGULAR};

/// Longest side of a PNG, in pixels: beyond this, viewers and slide tools choke anyway.
pub const MAX_SIDE_PX: u32 = 16_384;
/// Largest PNG, in pixels (200 megapixels, 800 MB of pixel memory).
pub const MAX_PIXELS: u64 = 200_000_000;

/// Why a PNG could not be made. Each message says what to change.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// Over [`MAX_SIDE_PX`] a side or [`MAX_PIXELS`] in all: refused before allocating.
    #[error(
        "the image would be {width}×{height} pixels; the limit is {MAX_SIDE_PX} pixels a side and {} megapixels: lower the size or the scale",
        MAX_PIXELS / 1_000_000
    )]
    TooLarge { width: u64, height: u64 },
    /// A scale that is zero, negative or not a number.
    #[error("the scale must be a positive number, not {0}")]
    BadScale(f32),
    /// A scene narrower or shorter than one pixel.
    #[error("the scene has no area to draw ({width}×{height})")]
    Empty { width: f32, height: f32 },
    /// The SVG written for the scene was refused by the renderer (a bug, not a user error).
    #[error("could not draw the image: {0}")]
    Svg(String),
    /// PNG encoding failed.
    #[error("could not encode the PNG: {0}")]
    Encode(String),
}

/// The pixel size of `scene` at `scale`, checked against the limits before anything is
/// allocated.
pub fn pixel_size(scene: &Scene, scale: f32) -> Result<(u32, u32), RenderError> {
    if !scale.is_finite() || scale <= 0.0 {
        return Err(RenderError::BadScale(scale));
    }
    if !(scene.width.is_finite() && scene.height.is_finite())
        || scene.width < 1.0
        || scene.height < 1.0
    {
        return Err(RenderError::Empty {
            width: scene.width,
            height: scene.height,
        });
    }
    let w = (f64::from(scene.width) * f64::from(scale)).round().max(1.0);
    let h = (f64::from(scene.height) * f64::from(scale))
        .round()
        .max(1.0);
    let too_large = RenderError::TooLarge {
        width: w as u64,
        height: h as u64,
    };
    if w > f64::from(MAX_SIDE_PX) || h > f64::from(MAX_SIDE_PX) || w * h > MAX_PIXELS as f64 {
        return Err(too_large);
    }
    Ok((w as u32, h as u32))
}

/// Renders `scene` to PNG bytes, `scale` device pixels per scene pixel.
///
/// `scale` 2 gives a picture twice as wide and tall with the same layout: what a "×2" or
/// "300 dpi" export wants.
pub fn to_png(scene: &Scene, scale: f32) -> Result<Vec<u8>, RenderError> {
    let pixmap = to_pixmap(scene, scale)?;
    encode(&pixmap, CSS_DPI * scale)
}

/// Scene pixels are CSS pixels: 96 to the inch.
pub const CSS_DPI: f32 = 96.0;

/// PNG bytes of `pixmap`, recording `dpi` in a pHYs chunk.
///
/// Slide and word processors size an inserted picture by its resolution: a ×2 or 300 dpi
/// export then lands at the same physical size as ×1, only sharper, instead of twice
/// as large. (tiny-skia's own encoder writes no resolution, hence the png crate.)
///
/// Encoding streams row by row: no second image-sized buffer is made. An image without
/// transparency (every export page has a background) is written as RGB, a quarter less to
/// filter and compress. Deflate is zlib's fastest level with the Up filter (miniz_oxide,
/// plain integer code: the same bytes on every machine): on a slide it writes several
/// times faster than the default level for a file about a third larger, where the png
/// crate's fdeflate mode, as fast, makes files more than twice as large (flat areas and
/// antialiased text are what it compresses worst); see `benches/png.rs`.
pub fn encode(pixmap: &tiny_skia::Pixmap, dpi: f32) -> Result<Vec<u8>, RenderError> {
    let encode_error = |e: ::png::EncodingError| RenderError::Encode(e.to_string());
    let io_error = |e: std::io::Error| RenderError::Encode(e.to_string());
    let (width, height) = (pixmap.width(), pixmap.height());
    let opaque = pixmap.pixels().iter().all(|p| p.alpha() == u8::MAX);
    let channels = if opaque { 3 } else { 4 };
    // A slide compresses well over tenfold: room for that, so the output seldom moves.
    let mut out = Vec::with_capacity(pixmap.data().len() / 12 + 4096);
    let mut encoder = ::png::Encoder::new(&mut out, width, height);
    encoder.set_color(if opaque {
        ::png::ColorType::Rgb
    } else {
        ::png::ColorType::Rgba
    });
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_deflate_compression(::png::DeflateCompression::Level(1));
    encoder.set_filter(::png::Filter::Up);
    if dpi.is_finite() && dpi > 0.0 {
        let per_metre = (f64::from(dpi) / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(::png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: ::png::Unit::Meter,
        }));
    }
    let mut writer = encoder.write_header().map_err(encode_error)?;
    let mut stream = writer
        .stream_writer_with_size(IDAT_CHUNK_BYTES)
        .map_err(encode_error)?;
    let mut row = vec![0u8; width as usize * channels];
    for pixels in pixmap.pixels().chunks_exact(width as usize) {
        // Byte by byte: a copy of three or four bytes through a slice is a call to
        // `memcpy` per pixel, a tenth of the time of a slide's export.
        if opaque {
            // Opaque pixels are the same premultiplied or not.
            for (dst, p) in row.chunks_exact_mut(3).zip(pixels) {
                dst[0] = p.red();
                dst[1] = p.green();
                dst[2] = p.blue();
            }
        } else {
            for (dst, p) in row.chunks_exact_mut(4).zip(pixels) {
                let c = p.demultiply();
                dst[0] = c.red();
                dst[1] = c.green();
                dst[2] = c.blue();
                dst[3] = c.alpha();
            }
        }
        std::io::Write::write_all(&mut stream, &row).map_err(io_error)?;
    }
    stream.finish().map_err(encode_error)?;
    writer.finish().map_err(encode_error)?;
    Ok(out)
}

/// Bytes of image data per IDAT chunk: large enough that chunk headers do not count, small
/// enough that the chunk buffer costs nothing next to the image.
const IDAT_CHUNK_BYTES: usize = 256 * 1024;

/// Renders `scene` to premultiplied RGBA pixels (for a clipboard, or tests).
pub fn to_pixmap(scene: &Scene, scale: f32) -> Result<tiny_skia::Pixmap, RenderError> {
    let (width_px, height_px) = pixel_size(scene, scale)?;
    let svg = to_svg_with(
        scene,
        &SvgOptions {
            item_titles: false,
            ..SvgOptions::default()
        },
    );
    // The pixels are made while the SVG is parsed: a fresh image is fresh memory, which
    // the system zeroes page by page as it is first written, a tenth of a slide's export.
    let (tree, pixmap) = rayon::join(
        || usvg::Tree::from_str(&svg, &options()),
        || {
            tiny_skia::Pixmap::new(width_px, height_px).map(|mut pixmap| {
                for page in pixmap.data_mut().chunks_mut(PAGE_BYTES) {
                    page[0] = 0;
                }
                pixmap
            })
        },
    );
    let tree = tree.map_err(|e| RenderError::Svg(e.to_string()))?;
    let mut pixmap = pixmap.ok_or(RenderError::TooLarge {
        width: u64::from(width_px),
        height: u64::from(height_px),
    })?;
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        width_px as f32 / size.width().max(1.0),
        height_px as f32 / size.height().max(1.0),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(pixmap)
}

/// Bytes of a memory page (the smallest, where it varies).
const PAGE_BYTES: usize = 4096;

/// usvg options whose font database holds only the embedded faces.
///
/// Every generic family maps to Noto Sans, so any `font-family` list resolves to it.
pub fn options() -> usvg::Options<'static> {
    usvg::Options {
        fontdb: font_database(),
        font_family: FAMILY.to_owned(),
        ..usvg::Options::default()
    }
}

/// The embedded fonts, loaded once per process (parsing them takes a few milliseconds).
pub fn font_database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        for data in [FONT_REGULAR, FONT_BOLD, FONT_ITALIC] {
            db.load_font_source(fontdb::Source::Binary(Arc::new(data)));
        }
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        db.set_monospace_family(FAMILY);
        db.set_cursive_family(FAMILY);
        db.set_fantasy_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::scene::{Align, Color, FontStyle, Paint, Rect, Shape};

    #[test]
    fn the_font_database_holds_only_the_embedded_faces() {
        let db = font_database();
        assert_eq!(db.len(), 3);
        assert!(
            db.faces()
                .all(|f| f.families.iter().any(|(n, _)| n == FAMILY))
        );
    }

    /// The pixels a PNG decodes to, as straight (not premultiplied) RGBA.
    fn decoded_rgba(bytes: &[u8]) -> (::png::ColorType, Vec<u8>) {
        let mut decoder = ::png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(::png::Transformations::ALPHA);
        let mut reader = decoder.read_info().unwrap();
        let color = reader.info().color_type;
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (color, buf)
    }

    /// What the pixmap holds, as straight RGBA.
    fn straight_rgba(pixmap: &tiny_skia::Pixmap) -> Vec<u8> {
        pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect()
    }

    fn sample_scene(background: Option<Color>) -> Scene {
        Scene {
            width: 300.0,
            height: 80.0,
            background,
            shapes: vec![
                Shape::Text {
                    x: 10.0,
                    baseline: 40.0,
                    text: "Défense « ’ » 2025".to_owned(),
                    size: 24.0,
                    color: Color::rgb(200, 30, 40),
                    align: Align::Left,
                    style: FontStyle::Regular,
                },
                Shape::Rect {
                    rect: Rect::from_min_size(150.0, 50.0, 120.0, 20.0),
                    radius: 4.0,
                    fill: Some(Paint::Solid(Color::rgba(20, 90, 200, 128))),
                    stroke: None,
                },
            ],
            ..Scene::default()
        }
    }

    #[test]
    fn an_opaque_image_is_written_as_rgb_with_the_same_pixels() {
        let scene = sample_scene(Some(Color::rgb(250, 250, 245)));
        let pixmap = to_pixmap(&scene, 1.5).unwrap();
        let bytes = encode(&pixmap, 144.0).unwrap();
        let (color, rgba) = decoded_rgba(&bytes);
        assert_eq!(color, ::png::ColorType::Rgb);
        assert_eq!(rgba, straight_rgba(&pixmap));
        let reader = ::png::Decoder::new(std::io::Cursor::new(&bytes))
            .read_info()
            .unwrap();
        assert_eq!(reader.info().pixel_dims.unwrap().xppu, 5_669, "144 dpi");
        assert_eq!(encode(&pixmap, 144.0).unwrap(), bytes, "deterministic");
    }

    #[test]
    fn a_transparent_image_keeps_its_alpha() {
        let scene = sample_scene(None);
        let pixmap = to_pixmap(&scene, 1.0).unwrap();
        let (color, rgba) = decoded_rgba(&to_png(&scene, 1.0).unwrap());
        assert_eq!(color, ::png::ColorType::Rgba);
        assert_eq!(rgba, straight_rgba(&pixmap));
        assert!(rgba.chunks_exact(4).any(|p| p[3] == 0));
        assert!(rgba.chunks_exact(4).any(|p| p[3] > 0 && p[3] < 255));
    }

    #[test]
    fn text_is_drawn_and_sizes_are_guarded() {
        let scene = Scene {
            width: 200.0,
            height: 60.0,
            background: Some(Color::rgb(255, 255, 255)),
            shapes: vec![Shape::Text {
                x: 10.0,
                baseline: 40.0,
                text: "Défense « ’ »".to_owned(),
                size: 24.0,
                color: Color::rgb(0, 0, 0),
                align: Align::Left,
                style: FontStyle::Regular,
            }],
            ..Scene::default()
        };
        let pixmap = to_pixmap(&scene, 1.0).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), (200, 60));
        let dark = pixmap.pixels().iter().filter(|p| p.red() < 128).count();
        assert!(dark > 100, "the text was drawn: {dark} dark pixels");
        assert_eq!(pixel_size(&scene, 2.0).unwrap(), (400, 120));
        let bytes = to_png(&scene, 3.125).unwrap();
        let decoder = ::png::Decoder::new(std::io::Cursor::new(bytes));
        let reader = decoder.read_info().unwrap();
        let dims = reader.info().pixel_dims.unwrap();
        assert_eq!(dims.xppu, 11_811, "300 dpi");
        assert_eq!(reader.info().width, 625);
        assert!(matches!(
            pixel_size(&scene, 1000.0),
            Err(RenderError::TooLarge { .. })
        ));
        assert!(matches!(
            pixel_size(&scene, f32::NAN),
            Err(RenderError::BadScale(_))
        ));
    }
}
