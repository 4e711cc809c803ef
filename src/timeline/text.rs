//! The fonts frise draws with, and text measurement without a window.
//!
//! The timeline places labels so they never overlap, which needs their widths before
//! anything is drawn. The same Noto Sans faces are embedded in the binary and used by every
//! backend (the egui window, SVG, PNG), so what is measured here is what gets drawn.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// Noto Sans Regular (SIL Open Font License, `assets/fonts/LICENSE-OFL.txt`).
pub const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold.
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
/// Noto Sans Italic, for quotations.
pub const FONT_ITALIC: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Italic.ttf");
/// The family name inside those files.
pub const FAMILY: &str = "Noto Sans";

/// Weight and style of a run of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FontStyle {
    #[default]
    Regular,
    Bold,
    Italic,
}

/// Advance widths of one face, in em units, for fast measuring.
struct Metrics {
    /// Advance of each code point below `TABLE_LEN`, in em (the bits of an `f32`),
    /// measured the first time it is asked for and [`UNMEASURED`] until then: a page uses
    /// a few dozen code points, and measuring all of them in three faces ahead took longer
    /// than laying out a small page. Two threads measuring one code point at once store
    /// the same value.
    table: Vec<AtomicU32>,
    face: Option<ttf_parser::Face<'static>>,
    units_per_em: f32,
    ascent_em: f32,
    descent_em: f32,
}

/// Code points measured by table lookup: Latin, Latin-1, Latin Extended, and general
/// punctuation (curly quotes, dashes, narrow no-break space) up to U+206F.
const TABLE_LEN: usize = 0x2070;

/// A table entry not measured yet: a NaN, which no advance is.
const UNMEASURED: u32 = u32::MAX;

/// Advance of a code point of the table that the face has no glyph for, in em.
const MISSING_EM: f32 = 0.55;

/// Advance of a code point beyond the table that the face has no glyph for, in em.
const MISSING_BEYOND_EM: f32 = 0.6;

impl Metrics {
    fn load(data: &'static [u8]) -> Self {
        let face = ttf_parser::Face::parse(data, 0).ok();
        let units_per_em = face
            .as_ref()
            .map_or(1000.0, |f| f32::from(f.units_per_em()));
        let table = (0..TABLE_LEN).map(|_| AtomicU32::new(UNMEASURED)).collect();
        let (ascent_em, descent_em) = face.as_ref().map_or((1.069, 0.293), |f| {
            (
                f32::from(f.ascender()) / units_per_em,
                -f32::from(f.descender()) / units_per_em,
            )
        });
        Self {
            table,
            face,
            units_per_em,
            ascent_em,
            descent_em,
        }
    }

    fn advance_em(&self, c: char) -> f32 {
        let glyph_em = |f: &ttf_parser::Face<'_>| {
            f.glyph_index(c)
                .and_then(|g| f.glyph_hor_advance(g))
                .map(|a| f32::from(a) / self.units_per_em)
        };
        let Some(slot) = self.table.get(c as usize) else {
            return self
                .face
                .as_ref()
                .and_then(glyph_em)
                .unwrap_or(MISSING_BEYOND_EM);
        };
        let bits = slot.load(Ordering::Relaxed);
        if bits != UNMEASURED {
            return f32::from_bits(bits);
        }
        let advance = self.face.as_ref().and_then(glyph_em).unwrap_or(MISSING_EM);
        slot.store(advance.to_bits(), Ordering::Relaxed);
        advance
    }
}

fn metrics(style: FontStyle) -> &'static Metrics {
    static REGULAR: OnceLock<Metrics> = OnceLock::new();
    static BOLD: OnceLock<Metrics> = OnceLock::new();
    static ITALIC: OnceLock<Metrics> = OnceLock::new();
    match style {
        FontStyle::Regular => REGULAR.get_or_init(|| Metrics::load(FONT_REGULAR)),
        FontStyle::Bold => BOLD.get_or_init(|| Metrics::load(FONT_BOLD)),
        FontStyle::Italic => ITALIC.get_or_init(|| Metrics::load(FONT_ITALIC)),
    }
}

/// Reads the fonts' metrics now rather than at the first measure: a caller with other work
/// to do first (reading the articles) can have it done on another core meanwhile.
pub fn prepare() {
    for style in [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic] {
        metrics(style);
    }
}

/// Width in pixels of `text` set in `style` at `size_px` (one line).
pub fn width(text: &str, size_px: f32, style: FontStyle) -> f32 {
    let m = metrics(style);
    text.chars().map(|c| m.advance_em(c)).sum::<f32>() * size_px
}

/// Distance from the top of a line box to the baseline, in pixels.
pub fn ascent(size_px: f32) -> f32 {
    metrics(FontStyle::Regular).ascent_em * size_px
}

/// Height of a line box (ascent + descent), in pixels.
pub fn line_height(size_px: f32) -> f32 {
    let m = metrics(FontStyle::Regular);
    (m.ascent_em + m.descent_em) * size_px
}

/// Is `c` a space a line may break at? No-break spaces (U+00A0, the narrow U+202F French
/// puts before « : ; ! ? », U+2007) are whitespace but must keep their neighbours together.
pub fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

/// `text` with typographic apostrophes (’) for the straight ones after a letter
/// (« d'évaluer » → « d’évaluer »): what a caption shows, the source text staying as it is.
pub fn typographic_apostrophes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\'') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous = None;
    for c in text.chars() {
        if c == '\'' && previous.is_some_and(char::is_alphanumeric) {
            out.push('\u{2019}');
        } else {
            out.push(c);
        }
        previous = Some(c);
    }
    std::borrow::Cow::Owned(out)
}

/// `text` shortened with "…" to fit in `max_px`; whole words are preferred.
pub fn truncate(text: &str, size_px: f32, style: FontStyle, max_px: f32) -> String {
    if width(text, size_px, style) <= max_px {
        return text.to_owned();
    }
    let m = metrics(style);
    let budget = max_px / size_px - m.advance_em('…');
    let mut used = 0.0;
    let mut cut = 0;
    let mut last_space = None;
    for (i, c) in text.char_indices() {
        used += m.advance_em(c);
        if used > budget {
            break;
        }
        if is_break_space(c) {
            last_space = Some(i);
        }
        cut = i + c.len_utf8();
    }
    // Cut at a word boundary unless that loses more than a third of the room.
    let cut = match last_space {
        Some(s) if (s as f32) > (cut as f32) * 0.66 => s,
        _ => cut,
    };
    let head = text.get(..cut).unwrap_or("").trim_end();
    if head.is_empty() {
        String::new()
    } else {
        format!("{head}…")
    }
}

/// Longest input wrapped: a page shows a few lines of any text, so longer input is cut
/// first and wrapping stays cheap whatever the input.
const MAX_WRAP_CHARS: usize = 2_000;

/// `text` in at most `max_lines` lines of `max_px`; the last line ends with "…" if text
/// was left out. Words wider than a line (URLs) are broken, preferably after `/`, `-`,
/// `?`, `&`, `=`, `.` or `_`, so no character of a URL is lost.
pub fn wrap(text: &str, size: f32, style: FontStyle, max_px: f32, max_lines: usize) -> Vec<String> {
    let clipped: String = text.chars().take(MAX_WRAP_CHARS).collect();
    let cut = clipped.len() < text.len();
    let mut pieces: Vec<(String, bool)> = Vec::new();
    for word in clipped.split(is_break_space).filter(|w| !w.is_empty()) {
        if width(word, size, style) <= max_px {
            pieces.push((word.to_owned(), true));
        } else {
            for (i, chunk) in break_word(word, size, style, max_px)
                .into_iter()
                .enumerate()
            {
                pieces.push((chunk, i == 0));
            }
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_w = 0.0;
    let space_w = width(" ", size, style);
    let mut complete = !cut;
    for (piece, spaced) in pieces {
        let piece_w = width(&piece, size, style);
        let join_w = if line.is_empty() {
            0.0
        } else if spaced {
            space_w
        } else {
            0.0
        };
        if line.is_empty() || line_w + join_w + piece_w <= max_px {
            if !line.is_empty() && spaced {
                line.push(' ');
            }
            line.push_str(&piece);
            line_w += join_w + piece_w;
        } else {
            lines.push(std::mem::take(&mut line));
            if lines.len() == max_lines {
                complete = false;
                break;
            }
            line = piece;
            line_w = piece_w;
        }
    }
    if !line.is_empty() && lines.len() < max_lines {
        lines.push(line);
    }
    if !complete && let Some(last) = lines.last_mut() {
        let with_ellipsis = format!("{last}…");
        *last = if width(&with_ellipsis, size, style) <= max_px {
            with_ellipsis
        } else {
            truncate(&format!("{last} …"), size, style, max_px)
        };
    }
    lines
}

/// Breaks a word wider than `max_px` into pieces that fit.
fn break_word(word: &str, size: f32, style: FontStyle, max_px: f32) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0.0;
    let mut last_break: Option<usize> = None;
    for c in word.chars() {
        let cw = width(c.encode_utf8(&mut [0; 4]), size, style);
        if cur_w + cw > max_px && !cur.is_empty() {
            let cut = last_break
                .filter(|&b| b > 0 && b < cur.len())
                .unwrap_or(cur.len());
            let rest = cur.split_off(cut);
            out.push(std::mem::take(&mut cur));
            cur_w = width(&rest, size, style);
            cur = rest;
            last_break = None;
        }
        cur.push(c);
        cur_w += cw;
        if matches!(c, '/' | '-' | '?' | '&' | '=' | '.' | '_') {
            last_break = Some(cur.len());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_font_covers_french_typography() {
        let m = metrics(FontStyle::Regular);
        let face = m.face.as_ref().expect("embedded font parses");
        for c in ['é', 'à', 'ç', '«', '»', '’', '\u{202f}', '–', '…', 'Œ'] {
            assert!(face.glyph_index(c).is_some(), "missing glyph for {c:?}");
        }
    }

    #[test]
    fn captions_get_typographic_apostrophes() {
        assert_eq!(
            typographic_apostrophes("chargés d'évaluer l'accord"),
            "chargés d’évaluer l’accord"
        );
        // Quotation marks are left alone.
        assert_eq!(typographic_apostrophes("'Moscou'"), "'Moscou’");
        assert_eq!(typographic_apostrophes("sans"), "sans");
        let italic = metrics(FontStyle::Italic);
        let face = italic.face.as_ref().expect("embedded italic parses");
        assert!(face.glyph_index('\u{2019}').is_some());
    }

    /// Advances measured at first use, from several threads at once, are the face's own,
    /// and the same when asked again; a code point the face lacks gets the stand-in width.
    #[test]
    fn advances_measured_on_demand_are_the_faces_own() {
        let text = "Le 31 juillet 2025, « Moscou » — l’accord\u{202f}; Ω ∞ 漢";
        for (style, data) in [
            (FontStyle::Regular, FONT_REGULAR),
            (FontStyle::Bold, FONT_BOLD),
            (FontStyle::Italic, FONT_ITALIC),
        ] {
            let face = ttf_parser::Face::parse(data, 0).unwrap();
            let upm = f32::from(face.units_per_em());
            let own = |c: char| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map(|a| f32::from(a) / upm)
                    .unwrap_or(if (c as usize) < TABLE_LEN {
                        MISSING_EM
                    } else {
                        MISSING_BEYOND_EM
                    })
            };
            let m = metrics(style);
            let measured: Vec<Vec<f32>> = std::thread::scope(|s| {
                let workers: Vec<_> = (0..4)
                    .map(|_| s.spawn(|| text.chars().map(|c| m.advance_em(c)).collect()))
                    .collect();
                workers.into_iter().map(|w| w.join().unwrap()).collect()
            });
            let expected: Vec<f32> = text.chars().map(own).collect();
            for advances in &measured {
                assert_eq!(advances, &expected, "{style:?}");
            }
            let again: Vec<f32> = text.chars().map(|c| m.advance_em(c)).collect();
            assert_eq!(again, expected, "{style:?}, asked again");
        }
    }

    #[test]
    fn widths_scale_and_add_up() {
        let a = width("Moscou", 10.0, FontStyle::Regular);
        assert!(a > 20.0 && a < 50.0, "{a}");
        assert!((width("Moscou", 20.0, FontStyle::Regular) - 2.0 * a).abs() < 1e-3);
        assert!(width("Moscou", 10.0, FontStyle::Bold) > a);
        assert!(ascent(10.0) > 8.0 && line_height(10.0) > ascent(10.0));
    }

    #[test]
    fn truncation_fits_and_marks_the_cut() {
        let t = "Syrian and Russian defence ministers meet in Moscow";
        let short = truncate(t, 14.0, FontStyle::Regular, 150.0);
        assert!(short.ends_with('…'));
        assert!(width(&short, 14.0, FontStyle::Regular) <= 150.0);
        assert_eq!(truncate("court", 14.0, FontStyle::Regular, 500.0), "court");
        let lines = wrap(t, 14.0, FontStyle::Regular, 120.0, usize::MAX);
        assert!(lines.len() > 2);
        assert!(
            lines
                .iter()
                .all(|l| width(l, 14.0, FontStyle::Regular) <= 120.0)
        );
    }
}
