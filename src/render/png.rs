//! PNG: the scene's SVG rasterised by resvg with the fonts embedded in the binary.
//!
//! The font database holds only the embedded Noto Sans faces, never system fonts: the same
//! input gives the same pixels on every machine, with or without a display or a GPU, and
//! what [`crate::timeline::text`] measured is what is drawn.

use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

use super::svg::to_svg_part;
use crate::timeline::Scene;
use crate::timeline::scene::Shape;
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
/// An image without transparency (every export page has a background) is written as RGB,
/// a quarter less to filter and compress. Every row gets the Up filter. Deflate is zlib's
/// fastest level (miniz_oxide through flate2, plain integer code: the same bytes on every
/// machine): on a slide it writes several times faster than the default level for a file
/// about a third larger, where the png crate's fdeflate mode, as fast, makes files more
/// than twice as large (flat areas and antialiased text are what it compresses worst);
/// see `benches/png.rs`.
///
/// The rows are compressed in [`ENCODE_PARTS`] parts on as many cores, each part a
/// deflate stream of its own ended by a sync flush, the parts joined into one zlib stream.
/// The number of parts is fixed, not taken from the machine, so the bytes are the same
/// everywhere. (The png crate compresses on one thread only; no crate joins deflate
/// streams, hence `zlib_of_parts`.)
pub fn encode(pixmap: &tiny_skia::Pixmap, dpi: f32) -> Result<Vec<u8>, RenderError> {
    let encode_error = |e: ::png::EncodingError| RenderError::Encode(e.to_string());
    let (width, height) = (pixmap.width(), pixmap.height());
    let opaque = pixmap.pixels().iter().all(|p| p.alpha() == u8::MAX);
    let zlib = zlib_of_parts(pixmap, opaque)?;
    let mut out = Vec::with_capacity(zlib.len() + 4096);
    let mut encoder = ::png::Encoder::new(&mut out, width, height);
    encoder.set_color(if opaque {
        ::png::ColorType::Rgb
    } else {
        ::png::ColorType::Rgba
    });
    encoder.set_depth(::png::BitDepth::Eight);
    if dpi.is_finite() && dpi > 0.0 {
        let per_metre = (f64::from(dpi) / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(::png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: ::png::Unit::Meter,
        }));
    }
    let mut writer = encoder.write_header().map_err(encode_error)?;
    for chunk in zlib.chunks(IDAT_CHUNK_BYTES) {
        writer
            .write_chunk(::png::chunk::IDAT, chunk)
            .map_err(encode_error)?;
    }
    writer.finish().map_err(encode_error)?;
    Ok(out)
}

/// Bytes of image data per IDAT chunk: large enough that chunk headers do not count.
const IDAT_CHUNK_BYTES: usize = 256 * 1024;

/// Parts the rows are compressed in, on as many cores as there are.
pub const ENCODE_PARTS: usize = 2;

/// Below this many rows a part is not worth a thread.
const MIN_PART_ROWS: u32 = 64;

/// The zlib stream of `pixmap`'s filtered rows, compressed in parts.
fn zlib_of_parts(pixmap: &tiny_skia::Pixmap, opaque: bool) -> Result<Vec<u8>, RenderError> {
    let height = pixmap.height();
    let parts = if height >= MIN_PART_ROWS * ENCODE_PARTS as u32 {
        ENCODE_PARTS as u32
    } else {
        1
    };
    let bounds: Vec<(u32, u32)> = (0..parts)
        .map(|k| (height * k / parts, height * (k + 1) / parts))
        .collect();
    let compressed: Vec<Result<Part, RenderError>> = {
        use rayon::prelude::*;
        bounds
            .par_iter()
            .map(|&(from, to)| compress_rows(pixmap, opaque, from, to, to == height))
            .collect()
    };
    // The zlib header of the fastest level: a 32 KiB window, FLEVEL 0, checked.
    let mut zlib = vec![0x78, 0x01];
    let mut adler = 1;
    for part in compressed {
        let part = part?;
        adler = adler32_combine(adler, part.adler, part.len);
        zlib.extend_from_slice(&part.deflate);
    }
    zlib.extend_from_slice(&adler.to_be_bytes());
    Ok(zlib)
}

/// One part of the image data: raw deflate, and the Adler-32 and length of what it holds.
struct Part {
    deflate: Vec<u8>,
    adler: u32,
    len: u64,
}

/// Filters rows `from..to` (Up: each byte less the byte above it) and deflates them; the
/// stream ends the whole image if `last`, else with a sync flush (byte-aligned, not final)
/// so that the next part's stream can follow it.
fn compress_rows(
    pixmap: &tiny_skia::Pixmap,
    opaque: bool,
    from: u32,
    to: u32,
    last: bool,
) -> Result<Part, RenderError> {
    let width = pixmap.width() as usize;
    let channels = if opaque { 3 } else { 4 };
    let row_bytes = width * channels;
    let rows: Vec<&[tiny_skia::PremultipliedColorU8]> =
        pixmap.pixels().chunks_exact(width).collect();
    let mut above = vec![0u8; row_bytes];
    if from > 0 {
        straight_row(rows[from as usize - 1], opaque, &mut above);
    }
    let mut row = vec![0u8; row_bytes];
    // Filtered rows are gathered into pieces of about this size before compressing: few
    // calls into the compressor, and a buffer that stays in cache.
    let piece_rows = (PIECE_BYTES / (row_bytes + 1)).max(1);
    let mut piece = Vec::with_capacity(piece_rows * (row_bytes + 1));
    let mut compress = flate2::Compress::new(flate2::Compression::new(1), false);
    let mut deflate = Vec::with_capacity((to - from) as usize * row_bytes / 12 + 4096);
    let mut adler = adler2::Adler32::new();
    let mut len = 0u64;
    for (i, pixels) in rows[from as usize..to as usize].iter().enumerate() {
        straight_row(pixels, opaque, &mut row);
        piece.push(UP_FILTER);
        piece.extend(row.iter().zip(&above).map(|(b, a)| b.wrapping_sub(*a)));
        std::mem::swap(&mut row, &mut above);
        let end = from as usize + i + 1 == to as usize;
        if piece.len() + row_bytes + 1 > piece.capacity() || end {
            adler.write_slice(&piece);
            len += piece.len() as u64;
            let flush = match (end, last) {
                (false, _) => flate2::FlushCompress::None,
                (true, true) => flate2::FlushCompress::Finish,
                (true, false) => flate2::FlushCompress::Sync,
            };
            deflate_into(&mut compress, &piece, &mut deflate, flush)?;
            piece.clear();
        }
    }
    Ok(Part {
        deflate,
        adler: adler.checksum(),
        len,
    })
}

/// Bytes of filtered rows compressed in one call.
const PIECE_BYTES: usize = 64 * 1024;

/// The PNG filter type that subtracts the row above.
const UP_FILTER: u8 = 2;

/// Straight RGB (or RGBA) bytes of one row of premultiplied pixels.
fn straight_row(pixels: &[tiny_skia::PremultipliedColorU8], opaque: bool, out: &mut [u8]) {
    // Byte by byte: a copy of three or four bytes through a slice is a call to `memcpy`
    // per pixel, a tenth of the time of a slide's export.
    if opaque {
        // Opaque pixels are the same premultiplied or not.
        for (dst, p) in out.chunks_exact_mut(3).zip(pixels) {
            dst[0] = p.red();
            dst[1] = p.green();
            dst[2] = p.blue();
        }
    } else {
        for (dst, p) in out.chunks_exact_mut(4).zip(pixels) {
            let c = p.demultiply();
            dst[0] = c.red();
            dst[1] = c.green();
            dst[2] = c.blue();
            dst[3] = c.alpha();
        }
    }
}

/// Compresses all of `input` onto `out`, growing it as needed, and carries out `flush`.
fn deflate_into(
    compress: &mut flate2::Compress,
    mut input: &[u8],
    out: &mut Vec<u8>,
    flush: flate2::FlushCompress,
) -> Result<(), RenderError> {
    loop {
        if out.capacity() - out.len() < 4096 {
            out.reserve(out.capacity().max(64 * 1024));
        }
        let before = compress.total_in();
        let status = compress
            .compress_vec(input, out, flush)
            .map_err(|e| RenderError::Encode(e.to_string()))?;
        input = &input[(compress.total_in() - before) as usize..];
        // Done when the input is taken and the compressor had room to spare: it has
        // written all it holds for this flush.
        let room_left = out.len() < out.capacity();
        if status == flate2::Status::StreamEnd || (input.is_empty() && room_left) {
            return Ok(());
        }
    }
}

/// The Adler-32 of two byte strings one after the other, from each one's checksum and
/// the second one's length (zlib's `adler32_combine`, which the adler2 crate lacks).
fn adler32_combine(first: u32, second: u32, second_len: u64) -> u32 {
    const BASE: u64 = 65_521;
    let rem = second_len % BASE;
    let (a1, b1) = (u64::from(first & 0xffff), u64::from(first >> 16));
    let (a2, b2) = (u64::from(second & 0xffff), u64::from(second >> 16));
    let a = (a1 + a2 + BASE - 1) % BASE;
    let b = (b1 + b2 + rem * a1 + BASE - rem) % BASE;
    ((b << 16) | a) as u32
}

/// Renders `scene` to premultiplied RGBA pixels (for a clipboard, or tests).
///
/// The scene is written and parsed as several SVG documents at once: the grid it opens
/// with (its rules across the lanes), then the rest in `PARSE_PARTS` parts that share
/// the parsing work evenly (text costs most: its glyphs are laid out). Drawn one after the
/// other they give the picture of the whole scene (see [`to_svg_part`]). The grid is
/// drawn first, whole, while the other parts are parsed; what lies over it is then drawn
/// in two bands at once, cut at a row where that gives the same pixels. The image is
/// made on the core that draws the grid: a fresh image is fresh memory, which the system
/// zeroes page by page as it is first written.
pub fn to_pixmap(scene: &Scene, scale: f32) -> Result<tiny_skia::Pixmap, RenderError> {
    let (width_px, height_px) = pixel_size(scene, scale)?;
    let grid = grid_len(scene);
    let mut parts = parse_parts(scene.shapes.get(grid..).unwrap_or(&[]), PARSE_PARTS);
    for part in &mut parts {
        *part = part.start + grid..part.end + grid;
    }
    if grid == 0 && parts.is_empty() {
        // A scene without shapes: one document, which alone has the background.
        parts.push(0..0);
    }
    let parse = |range: std::ops::Range<usize>| {
        usvg::Tree::from_str(&to_svg_part(scene, range), &options())
            .map_err(|e| RenderError::Svg(e.to_string()))
    };
    // Every document is at the scene's size, which the picture's pixels are scaled to.
    let transform = |tree: &usvg::Tree| {
        let size = tree.size();
        tiny_skia::Transform::from_scale(
            width_px as f32 / size.width().max(1.0),
            height_px as f32 / size.height().max(1.0),
        )
    };
    // The grid is drawn on this core while the other takes the first parts; each part
    // then goes to whichever core is free.
    let (pixmap, trees) = rayon::join(
        || -> Result<tiny_skia::Pixmap, RenderError> {
            let mut pixmap =
                tiny_skia::Pixmap::new(width_px, height_px).ok_or(RenderError::TooLarge {
                    width: u64::from(width_px),
                    height: u64::from(height_px),
                })?;
            for page in pixmap.data_mut().chunks_mut(PAGE_BYTES) {
                page[0] = 0;
            }
            if grid > 0 {
                let tree = parse(0..grid)?;
                resvg::render(&tree, transform(&tree), &mut pixmap.as_mut());
            }
            Ok(pixmap)
        },
        || {
            parts
                .par_iter()
                .map(|part| parse(part.clone()))
                .collect::<Result<Vec<usvg::Tree>, RenderError>>()
        },
    );
    let (mut pixmap, trees) = (pixmap?, trees?);
    let Some(first) = trees.first() else {
        return Ok(pixmap);
    };
    let transform = transform(first);
    match seam_row(&trees, transform, height_px) {
        Some(seam) => draw_in_two(&trees, transform, &mut pixmap, seam),
        None => {
            for tree in &trees {
                resvg::render(tree, transform, &mut pixmap.as_mut());
            }
        }
    }
    Ok(pixmap)
}

/// The parts the shapes after the grid are parsed in. More than the cores: the core that
/// draws the grid meanwhile then takes fewer of them.
const PARSE_PARTS: usize = 6;

/// How many shapes the scene's grid is: its shapes up to the last line among the first
/// half that spans half the picture's height (a rule across the lanes), with what comes
/// before it (the background, lane bands, a title). A band cannot be cut across such a
/// line without moving its pixels (see [`seam_row`]), and what is drawn after it lies over
/// it: drawn first and whole, the grid leaves the rows between the lanes free for a seam.
/// 0 when the scene opens with no such line.
fn grid_len(scene: &Scene) -> usize {
    let tall = scene.height / 2.0;
    let half = scene.shapes.len() / 2;
    scene.shapes[..half]
        .iter()
        .rposition(|s| matches!(s, Shape::Line { from, to, .. } if (to.y - from.y).abs() >= tall))
        .map_or(0, |i| i + 1)
}

/// `shapes` cut in up to `parts` consecutive ranges of about the same parsing work, a
/// text counted as [`TEXT_PARSE_COST`] other shapes; none when there are no shapes.
fn parse_parts(shapes: &[Shape], parts: usize) -> Vec<std::ops::Range<usize>> {
    let cost = |s: &Shape| match s {
        Shape::Text { .. } => TEXT_PARSE_COST,
        _ => 1,
    };
    let total: usize = shapes.iter().map(cost).sum();
    let parts = parts.max(1);
    let mut ranges = Vec::with_capacity(parts);
    let (mut start, mut before) = (0, 0);
    for (i, shape) in shapes.iter().enumerate() {
        before += cost(shape);
        // The part ends once it holds its share of the work so far.
        if before * parts >= total * (ranges.len() + 1) {
            ranges.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < shapes.len() {
        ranges.push(start..shapes.len());
    }
    ranges
}

/// What a `<text>` costs to parse, in other shapes: usvg lays out its glyphs (measured on
/// export pages: text is about half the parsing time while a tenth of the elements).
const TEXT_PARSE_COST: usize = 10;

/// Draws rows `..seam` and `seam..` of the picture at once, each in its own band.
///
/// A band is a pixmap of its own over the rows of the whole one, drawn with the scene
/// moved up by the band's first row: whole pixels, so every coordinate is moved exactly
/// and a shape inside the band is drawn to the same pixels as in the whole picture. A
/// shape across the seam is cut at the band's edge, which moves the edges of a curve or a
/// slanted line by a fraction of a pixel; [`seam_row`] picks a row that only upright
/// rectangles cross, whose edges a cut does not move.
fn draw_in_two(
    trees: &[usvg::Tree],
    transform: tiny_skia::Transform,
    pixmap: &mut tiny_skia::Pixmap,
    seam: u32,
) {
    let (width, height) = (pixmap.width(), pixmap.height());
    let (top, bottom) = pixmap
        .data_mut()
        .split_at_mut(seam as usize * width as usize * 4);
    let draw = |data: &mut [u8], first_row: u32, rows: u32| {
        if let Some(mut band) = tiny_skia::PixmapMut::from_bytes(data, width, rows) {
            let moved = tiny_skia::Transform::from_row(
                transform.sx,
                transform.ky,
                transform.kx,
                transform.sy,
                transform.tx,
                transform.ty - first_row as f32,
            );
            for tree in trees {
                resvg::render(tree, moved, &mut band);
            }
        }
    };
    rayon::join(|| draw(top, 0, seam), || draw(bottom, seam, height - seam));
}

/// A row at which the picture can be cut in two bands drawn apart with the same pixels as
/// drawn whole, chosen to share the drawing work evenly; `None` when there is none, or
/// when the picture holds something a band could change (a group drawn on a layer of its
/// own, a transformed group, an image).
///
/// Only upright rectangles (the page, lane bands, straight rules) may cross the seam:
/// every other shape lies, with a row of antialiasing to spare, on one side. The
/// work of a shape is counted, per row it spans, as its width, a fixed cost and a
/// cost per segment of its outline.
fn seam_row(trees: &[usvg::Tree], transform: tiny_skia::Transform, height: u32) -> Option<u32> {
    let (open, per_row) = seam_rows(trees, transform, height)?;
    let rows = per_row.len();
    let total: f64 = per_row.iter().sum();
    let min = MIN_BAND_ROWS as usize;
    // The work of rows ..r, for r from `min` on.
    let mut above: f64 = per_row[..min - 1].iter().sum();
    let mut best: Option<(u32, f64)> = None;
    for r in min..=rows - min {
        above += per_row[r - 1];
        if open[r] {
            let imbalance = (2.0 * above - total).abs();
            if best.is_none_or(|(_, i)| imbalance < i) {
                best = Some((r as u32, imbalance));
            }
        }
    }
    best.map(|(r, _)| r)
}

/// For each row `r` (0 to `height`), whether a seam may run above it, and the drawing work
/// of each row; `None` when no seam may be drawn at all (see [`seam_row`]).
fn seam_rows(
    trees: &[usvg::Tree],
    transform: tiny_skia::Transform,
    height: u32,
) -> Option<(Vec<bool>, Vec<f64>)> {
    if height < 2 * MIN_BAND_ROWS || transform.kx != 0.0 || transform.ky != 0.0 {
        return None;
    }
    let rows = height as usize;
    // Difference arrays over the rows: shapes that forbid a seam there, work per row.
    let mut blocked = vec![0i32; rows + 2];
    let mut work = vec![0f64; rows + 2];
    let mut fine = true;
    let mut visit = |path: Option<&usvg::Path>| {
        let Some(path) = path else {
            fine = false;
            return;
        };
        let bbox = path.abs_stroke_bounding_box();
        let top = f64::from(bbox.top()) * f64::from(transform.sy) + f64::from(transform.ty);
        let bottom = f64::from(bbox.bottom()) * f64::from(transform.sy) + f64::from(transform.ty);
        let width = f64::from(bbox.width()) * f64::from(transform.sx);
        if !(top.is_finite() && bottom.is_finite() && width.is_finite()) {
            fine = false;
            return;
        }
        // Rows the shape may touch, antialiasing included.
        let first = (top.floor() - ANTIALIAS_ROWS).clamp(0.0, rows as f64) as usize;
        let last = (bottom.ceil() + ANTIALIAS_ROWS).clamp(0.0, rows as f64) as usize;
        if first >= last {
            return;
        }
        let edges = path
            .data()
            .segments()
            .filter(|s| {
                !matches!(
                    s,
                    tiny_skia::PathSegment::MoveTo(_) | tiny_skia::PathSegment::Close
                )
            })
            .count();
        let per_row = width + ROW_COST + SEGMENT_COST * edges as f64;
        work[first] += per_row;
        work[last] -= per_row;
        if !is_upright_rectangle(path, transform) {
            // A seam above row r cuts the shape if rows r - 1 and r are both in it.
            blocked[first + 1] += 1;
            blocked[last] -= 1;
        }
    };
    for tree in trees {
        visit_paths(tree.root(), &mut visit);
    }
    if !fine {
        return None;
    }
    let mut open = Vec::with_capacity(rows + 1);
    let mut per_row = Vec::with_capacity(rows);
    let (mut w, mut b) = (0f64, 0i32);
    for r in 0..=rows {
        b += blocked[r];
        open.push(b == 0);
        w += work[r];
        if r < rows {
            per_row.push(w);
        }
    }
    Some((open, per_row))
}

/// Rows past its bounds (which hold its stroke) that a shape's antialiasing may touch. The
/// rasteriser only covers pixels the shape crosses; a thin line is drawn a pixel thick
/// about its middle, within half a pixel of its bounds. One row leaves room for a row
/// between a lane's content and the rule under it.
const ANTIALIAS_ROWS: f64 = 1.0;

/// Fewest rows a band is drawn with: below this, one core draws the picture alone.
const MIN_BAND_ROWS: u32 = 32;

/// Work counted per row a shape spans, in pixels of width: the rasteriser's cost per
/// scanline, whatever the shape's width.
const ROW_COST: f64 = 24.0;

/// Work counted per row a shape spans for each segment of its outline, in pixels of
/// width: the rasteriser walks the edges that cross each scanline, and a line of text,
/// one path of many glyph outlines, has far more of them than its width suggests
/// (on export pages, the fastest of 15 draws: counted by width alone, the bands of the
/// bundled page took 5.4 and 9.6 ms, those of the 1M corpus's page 16 and 38 ms, the band
/// with the legend and sources the slower; counted with their segments, 6.7 and 6.8 ms,
/// 21 and 21 ms).
const SEGMENT_COST: f64 = 8.0;

/// Calls `f` with every path drawn under `group`, in no particular order, or with `None`
/// for something a band could draw differently.
fn visit_paths(group: &usvg::Group, f: &mut impl FnMut(Option<&usvg::Path>)) {
    if group.should_isolate() || !group.transform().is_identity() {
        f(None);
        return;
    }
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => visit_paths(g, f),
            usvg::Node::Path(p) => f(Some(p)),
            usvg::Node::Text(t) => visit_paths(t.flattened(), f),
            usvg::Node::Image(_) => f(None),
        }
    }
}

/// Whether `path` is drawn as rectangles with upright sides in a solid colour: a cut
/// across such a shape leaves its sides where they were. A stroke a pixel wide or less is
/// drawn as a hairline, whose ends a cut moves: it does not count.
fn is_upright_rectangle(path: &usvg::Path, transform: tiny_skia::Transform) -> bool {
    use tiny_skia::PathSegment;
    let solid = |paint: &usvg::Paint| matches!(paint, usvg::Paint::Color(_));
    if path.fill().is_some_and(|f| !solid(f.paint())) {
        return false;
    }
    if let Some(stroke) = path.stroke() {
        let square_ends = matches!(
            stroke.linecap(),
            usvg::LineCap::Butt | usvg::LineCap::Square
        );
        let square_corners = matches!(
            stroke.linejoin(),
            usvg::LineJoin::Miter | usvg::LineJoin::MiterClip
        );
        let wide = stroke.width().get() * transform.sx.abs().min(transform.sy.abs()) > 1.01;
        if !(solid(stroke.paint()) && square_ends && square_corners && wide) {
            return false;
        }
    }
    let mut start = None;
    let mut at = None;
    for segment in path.data().segments() {
        let to = match segment {
            PathSegment::MoveTo(p) => {
                start = Some(p);
                at = Some(p);
                continue;
            }
            PathSegment::LineTo(p) => p,
            PathSegment::Close => match start {
                Some(p) => p,
                None => return false,
            },
            PathSegment::QuadTo(..) | PathSegment::CubicTo(..) => return false,
        };
        match at {
            Some(from) if from.x == to.x || from.y == to.y => at = Some(to),
            _ => return false,
        }
    }
    true
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
    use crate::render::svg::{SvgOptions, to_svg_with};
    use crate::timeline::page::{self, PageSpec};
    use crate::timeline::scene::{Align, Color, FontStyle, Paint, Rect, Shape};
    use crate::timeline::view::ThemeKind;
    use crate::timeline::{
        Filter, LaneMode, Prepared, TimeWindow, View, build_page, kinds_by_frequency,
    };

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

    /// The export page of `corpus`, laid out as `frise export` does by default.
    fn page_of(corpus: &crate::model::Corpus, lanes: LaneMode, theme: ThemeKind) -> Scene {
        page_sized(corpus, lanes, theme, 1920.0, 1080.0)
    }

    fn page_sized(
        corpus: &crate::model::Corpus,
        lanes: LaneMode,
        theme: ThemeKind,
        width: f32,
        height: f32,
    ) -> Scene {
        let prepared = Prepared::new(corpus, &Filter::default(), lanes);
        let (lo, hi) = prepared.extent().unwrap();
        let view = View {
            window: TimeWindow::fit(lo as f64, hi as f64, 0.05),
            font_px: page::page_font_px(width, height),
            today_s: None,
            theme,
            ..View::default()
        };
        let spec = PageSpec {
            title: Some("Syrie – Russie : « l’après-Assad »".to_owned()),
            subtitle: None,
            legend: true,
            citations: true,
            caption: None,
        };
        let kinds = kinds_by_frequency(corpus);
        build_page(corpus, &prepared, &view, &kinds, width, height, &spec)
    }

    /// `scene` parsed for drawing at `scale`: the tree, the transform and the pixel size.
    fn tree_of(scene: &Scene, scale: f32) -> (usvg::Tree, tiny_skia::Transform, u32, u32) {
        let (w, h) = pixel_size(scene, scale).unwrap();
        let svg = to_svg_with(
            scene,
            &SvgOptions {
                item_titles: false,
                ..SvgOptions::default()
            },
        );
        let tree = usvg::Tree::from_str(&svg, &options()).unwrap();
        let size = tree.size();
        let ts =
            tiny_skia::Transform::from_scale(w as f32 / size.width(), h as f32 / size.height());
        (tree, ts, w, h)
    }

    fn drawn_whole(
        tree: &usvg::Tree,
        ts: tiny_skia::Transform,
        w: u32,
        h: u32,
    ) -> tiny_skia::Pixmap {
        let mut pixmap = tiny_skia::Pixmap::new(w, h).unwrap();
        resvg::render(tree, ts, &mut pixmap.as_mut());
        pixmap
    }

    fn drawn_in_two(
        tree: &usvg::Tree,
        ts: tiny_skia::Transform,
        w: u32,
        h: u32,
        seam: u32,
    ) -> tiny_skia::Pixmap {
        let mut pixmap = tiny_skia::Pixmap::new(w, h).unwrap();
        draw_in_two(std::slice::from_ref(tree), ts, &mut pixmap, seam);
        pixmap
    }

    /// The rows where two pictures differ.
    fn rows_that_differ(a: &tiny_skia::Pixmap, b: &tiny_skia::Pixmap) -> Vec<usize> {
        let row = a.width() as usize * 4;
        a.data()
            .chunks_exact(row)
            .zip(b.data().chunks_exact(row))
            .enumerate()
            .filter(|(_, (x, y))| x != y)
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn a_page_drawn_in_two_bands_has_the_pixels_of_the_page_drawn_whole() {
        let bundled = crate::formats::load_bundled();
        let cases = [
            (LaneMode::None, ThemeKind::Light, 1.0),
            (LaneMode::None, ThemeKind::Dark, 1.0),
            (LaneMode::Article, ThemeKind::Light, 1.5),
            (LaneMode::Kind, ThemeKind::Dark, 2.0),
            (LaneMode::None, ThemeKind::Light, 0.37),
        ];
        for (lanes, theme, scale) in cases {
            let scene = page_of(&bundled, lanes, theme);
            let (tree, ts, w, h) = tree_of(&scene, scale);
            let seam = seam_row(std::slice::from_ref(&tree), ts, h)
                .unwrap_or_else(|| panic!("{lanes:?} {theme:?} ×{scale}: no seam"));
            let (open, per_row) = seam_rows(std::slice::from_ref(&tree), ts, h).unwrap();
            // On a slide the seam shares the work: neither band has more than three
            // quarters of it. (Below one pixel per point every rule is a hairline, which no
            // seam may cross: the picture is small, and cut where it can be.)
            let total: f64 = per_row.iter().sum();
            let above: f64 = per_row[..seam as usize].iter().sum();
            assert!(
                scale < 1.0 || (0.25..=0.75).contains(&(above / total)),
                "{lanes:?} {theme:?} ×{scale}: seam at {seam} of {h}, {above} of {total}"
            );
            let whole = drawn_whole(&tree, ts, w, h);
            assert_eq!(
                rows_that_differ(&whole, &to_pixmap(&scene, scale).unwrap()),
                Vec::<usize>::new(),
                "{lanes:?} {theme:?} ×{scale}: seam at {seam}"
            );
            // Not only the chosen seam: any row it could have chosen gives the same pixels.
            let candidates: Vec<u32> = (MIN_BAND_ROWS..=h - MIN_BAND_ROWS)
                .filter(|&r| open[r as usize])
                .collect();
            assert!(
                candidates.len() > 10,
                "{lanes:?} {theme:?}: {} seams",
                candidates.len()
            );
            for &r in candidates.iter().step_by(candidates.len() / 10) {
                assert_eq!(
                    rows_that_differ(&whole, &drawn_in_two(&tree, ts, w, h, r)),
                    Vec::<usize>::new(),
                    "{lanes:?} {theme:?} ×{scale}: seam at {r}"
                );
            }
        }
    }

    #[test]
    fn a_page_of_many_lanes_is_cut_between_lanes_once_its_grid_is_drawn() {
        let corpus = crate::synthetic::corpus(11, 3_000, 14);
        let scene = page_sized(&corpus, LaneMode::Article, ThemeKind::Light, 1600.0, 900.0);
        let grid = grid_len(&scene);
        assert!(grid > 0, "the page opens with its grid");
        let (tree, ts, w, h) = tree_of(&scene, 1.0);
        let whole = drawn_whole(&tree, ts, w, h);
        assert_eq!(
            rows_that_differ(&whole, &to_pixmap(&scene, 1.0).unwrap()),
            Vec::<usize>::new()
        );
        // The rules across the lanes leave no seam in the lanes.
        let lanes = seam_rows(std::slice::from_ref(&tree), ts, h).unwrap().0;
        let parse = |range| usvg::Tree::from_str(&to_svg_part(&scene, range), &options()).unwrap();
        let (grid_tree, rest) = (parse(0..grid), parse(grid..scene.shapes.len()));
        let (open, per_row) = seam_rows(std::slice::from_ref(&rest), ts, h).unwrap();
        let between = |open: &[bool]| (h / 4..3 * h / 4).filter(|&r| open[r as usize]).count();
        assert_eq!(between(&lanes), 0, "a rule crosses every row of the lanes");
        assert!(
            between(&open) >= 5,
            "{} seams between lanes",
            between(&open)
        );
        // Over the grid, the seam shares the work, and any seam there gives the same pixels.
        let seam = seam_row(std::slice::from_ref(&rest), ts, h).unwrap();
        let total: f64 = per_row.iter().sum();
        let above: f64 = per_row[..seam as usize].iter().sum();
        assert!((0.25..=0.75).contains(&(above / total)), "seam at {seam}");
        let candidates: Vec<u32> = (MIN_BAND_ROWS..=h - MIN_BAND_ROWS)
            .filter(|&r| open[r as usize])
            .collect();
        for &r in candidates.iter().step_by(candidates.len().div_ceil(12)) {
            let mut banded = drawn_whole(&grid_tree, ts, w, h);
            draw_in_two(std::slice::from_ref(&rest), ts, &mut banded, r);
            assert_eq!(
                rows_that_differ(&whole, &banded),
                Vec::<usize>::new(),
                "seam at {r}"
            );
        }
    }

    #[test]
    fn a_scene_parsed_in_parts_draws_as_parsed_whole() {
        // A gradient in each part: each document defines the one it uses.
        let fuzzy = |x: f32| Shape::Rect {
            rect: Rect::from_min_size(x, 10.0, 90.0, 30.0),
            radius: 0.0,
            fill: Some(Paint::Horizontal {
                left: Color::rgba(20, 90, 200, 0),
                right: Color::rgba(20, 90, 200, 200),
            }),
            stroke: None,
        };
        let mut scene = sample_scene(Some(Color::rgb(250, 250, 245)));
        scene.shapes.insert(0, fuzzy(5.0));
        scene.shapes.push(fuzzy(200.0));
        let n = scene.shapes.len();
        let parts = parse_parts(&scene.shapes, PARSE_PARTS);
        assert!(parts.len() > 1, "{parts:?}");
        assert_eq!(parts.first().map(|p| p.start), Some(0));
        assert_eq!(parts.last().map(|p| p.end), Some(n));
        assert!(
            parts
                .windows(2)
                .all(|w| w[0].end == w[1].start && w[0].start < w[0].end)
        );
        for scale in [1.0, 2.0] {
            let (tree, ts, w, h) = tree_of(&scene, scale);
            assert_eq!(
                rows_that_differ(
                    &drawn_whole(&tree, ts, w, h),
                    &to_pixmap(&scene, scale).unwrap()
                ),
                Vec::<usize>::new(),
                "×{scale}"
            );
        }
        // The parts hold the scene's elements, each once, in the scene's order.
        let elements = |svg: &str| -> Vec<String> {
            svg.lines()
                .filter(|l| {
                    ["<rect ", "<text ", "<circle ", "<line ", "<polygon "]
                        .iter()
                        .any(|t| l.starts_with(t))
                })
                .map(str::to_owned)
                .collect()
        };
        let whole = elements(&to_svg_with(
            &scene,
            &SvgOptions {
                item_titles: false,
                ..SvgOptions::default()
            },
        ));
        let parts: Vec<String> = parts
            .iter()
            .flat_map(|part| elements(&to_svg_part(&scene, part.clone())))
            .collect();
        assert_eq!(parts, whole);
        assert_eq!(whole.len(), n + 1, "the shapes and the background");
    }

    /// Text costs the rasteriser more than its width says: a page whose top rows hold
    /// solid rectangles and whose bottom rows hold lines of text of the same width is cut
    /// among the lines of text, where the work is shared evenly, not at the middle.
    #[test]
    fn a_band_of_text_counts_for_more_than_its_width() {
        let mut shapes: Vec<Shape> = (0..20)
            .map(|i| Shape::Rect {
                rect: Rect::from_min_size(0.0, 10.0 + 20.0 * i as f32, 400.0, 12.0),
                radius: 0.0,
                fill: Some(Paint::Solid(Color::rgb(90, 120, 200))),
                stroke: None,
            })
            .collect();
        shapes.extend((0..20).map(|i| Shape::Text {
            x: 0.0,
            baseline: 420.0 + 20.0 * i as f32,
            text: "Rencontre à Moscou, défense & coopération".to_owned(),
            size: 14.0,
            color: Color::rgb(20, 20, 20),
            align: Align::Left,
            style: FontStyle::Regular,
        }));
        let scene = Scene {
            width: 400.0,
            height: 820.0,
            background: Some(Color::rgb(255, 255, 255)),
            shapes,
            ..Scene::default()
        };
        let (tree, ts, w, h) = tree_of(&scene, 1.0);
        let seam = seam_row(std::slice::from_ref(&tree), ts, h).expect("a seam");
        assert!(seam > 440, "seam at row {seam} of {h}");
        assert_eq!(
            rows_that_differ(
                &drawn_whole(&tree, ts, w, h),
                &to_pixmap(&scene, 1.0).unwrap()
            ),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn a_scene_without_shapes_is_its_background_once() {
        let scene = Scene {
            shapes: Vec::new(),
            ..sample_scene(Some(Color::rgba(20, 90, 200, 100)))
        };
        let (tree, ts, w, h) = tree_of(&scene, 1.0);
        assert_eq!(
            rows_that_differ(
                &drawn_whole(&tree, ts, w, h),
                &to_pixmap(&scene, 1.0).unwrap()
            ),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn every_row_a_seam_may_run_above_gives_the_same_pixels() {
        let scene = page_of(
            &crate::formats::load_bundled(),
            LaneMode::Article,
            ThemeKind::Light,
        );
        let (tree, ts, w, h) = tree_of(&scene, 1.0);
        let whole = drawn_whole(&tree, ts, w, h);
        let (open, _) = seam_rows(std::slice::from_ref(&tree), ts, h).unwrap();
        let mut tried = 0;
        for r in MIN_BAND_ROWS..=h - MIN_BAND_ROWS {
            if open[r as usize] {
                tried += 1;
                assert_eq!(
                    rows_that_differ(&whole, &drawn_in_two(&tree, ts, w, h, r)),
                    Vec::<usize>::new(),
                    "seam at {r}"
                );
            }
        }
        assert!(tried > 20, "{tried} seams tried");
        // And the rule is what keeps them so: a seam through the first row of text that
        // it forbids changes pixels there.
        let text_row = (MIN_BAND_ROWS..h - MIN_BAND_ROWS)
            .filter(|&r| !open[r as usize])
            .find(|&r| !rows_that_differ(&whole, &drawn_in_two(&tree, ts, w, h, r)).is_empty());
        assert!(
            text_row.is_some(),
            "no forbidden seam changes a pixel: the rule forbids too much"
        );
    }

    #[test]
    fn a_tall_page_encodes_in_parts_to_its_own_pixels() {
        for background in [Some(Color::rgb(250, 250, 245)), None] {
            let mut scene = sample_scene(background);
            scene.height = 400.0;
            let pixmap = to_pixmap(&scene, 2.0).unwrap();
            assert!(pixmap.height() >= MIN_PART_ROWS * ENCODE_PARTS as u32);
            let bytes = encode(&pixmap, 192.0).unwrap();
            let (_, rgba) = decoded_rgba(&bytes);
            assert_eq!(rgba, straight_rgba(&pixmap), "background {background:?}");
        }
        let page = page_of(
            &crate::formats::load_bundled(),
            LaneMode::None,
            ThemeKind::Light,
        );
        let pixmap = to_pixmap(&page, 1.0).unwrap();
        let bytes = encode(&pixmap, CSS_DPI).unwrap();
        assert_eq!(decoded_rgba(&bytes).1, straight_rgba(&pixmap));
        assert_eq!(encode(&pixmap, CSS_DPI).unwrap(), bytes, "deterministic");
    }

    proptest::proptest! {
        #[test]
        fn adler_checksums_combine_as_one_over_both(
            a in proptest::collection::vec(proptest::num::u8::ANY, 0..300_000),
            b in proptest::collection::vec(proptest::num::u8::ANY, 0..300_000),
        ) {
            let whole = adler2::adler32_slice(&[a.as_slice(), b.as_slice()].concat());
            let combined = adler32_combine(
                adler2::adler32_slice(&a),
                adler2::adler32_slice(&b),
                b.len() as u64,
            );
            proptest::prop_assert_eq!(combined, whole);
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
