//! The export page: a titled, legended and cited picture of one view, as a [`Scene`].
//!
//! A briefer's slide needs more than the timeline: a title, what the marks and colours
//! mean, and where each event comes from. [`build_page`] lays these out top to bottom —
//! title and subtitle, the timeline itself (from [`build_scene`], so it is exactly the
//! app's view), an optional caption quoting the selected event, a legend of the marks and
//! colours actually drawn, and numbered source citations. The blocks under the timeline
//! are measured first and the timeline gets the height that remains, so nothing is
//! clipped; citations that do not fit end with "+N more sources".
//!
//! Pure layout in pixels like the rest of [`super`]: the SVG and PNG writers, or the
//! window, draw the result.
//!
//! The page is split by what it lays out: this module holds the frame (header, the
//! timeline's height, the blocks under it, the caption); `legend` explains the marks
//! drawn, with the very functions that draw them ([`super::marks`]); `citations` numbers
//! the sources.

mod citations;
mod legend;

use std::collections::HashSet;

use rayon::prelude::*;

use super::index::Span;
use super::lanes::{LaneMode, Prepared};
use super::layout::{Metrics, build_scene, kind_color};
use super::scene::{Align, Color, FontStyle, Pos, Rect, Scene, Shape, Stroke, Target};
use super::text;
use super::view::{Theme, View};
use crate::model::{ArticleIx, Corpus, Edtf, HappeningIx, Lang, Precision, Seconds};

pub use citations::{Citation, citations};
use citations::{CitationBlock, citation_columns, draw_citation, key_items_to_citations};
use legend::{Sample, draw_sample, flow, legend_entries, legend_gap, legend_row_h};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageSpec {
    /// Large bold line at the top; `None` leaves the room to the timeline (a slide usually
    /// has its own title).
    pub title: Option<String>,
    /// Muted line under the title: date range, filter, counts (see [`describe`]).
    pub subtitle: Option<String>,
    /// Show what the marks and colours drawn mean.
    pub legend: bool,
    /// Show numbered sources for the events drawn.
    pub citations: bool,
    /// A quotation under the timeline (the selected event's passage).
    pub caption: Option<Caption>,
}

impl PageSpec {
    /// Legend and citations on, no title: what a slide needs by default.
    pub fn cited() -> Self {
        Self {
            legend: true,
            citations: true,
            ..Self::default()
        }
    }
}

/// A quotation shown under the timeline, with where it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Caption {
    /// The quoted passage, as in the source.
    pub quote: String,
    /// "Outlet, date" or similar; the citation number is added when the article is cited.
    pub attribution: String,
    /// The article quoted, to key the caption to its citation.
    pub article: Option<ArticleIx>,
    /// Language of the quote, for the quotation marks (« » in French).
    pub lang: Lang,
}

impl Caption {
    /// The first passage of a happening's lead event (the one whose title the timeline
    /// shows), or `None` if it has no passage.
    pub fn of_happening(corpus: &Corpus, h: HappeningIx, lang: Lang) -> Option<Self> {
        let happening = corpus.happening(h)?;
        let event = corpus.lead(happening)?;
        let article = corpus.article(event.article)?;
        let quote = event
            .evidence
            .iter()
            .map(|e| e.passage.quote(&article.text).trim())
            .find(|q| !q.is_empty())?
            .to_owned();
        let mut attribution = article.outlet().to_owned();
        if let Some(d) = &event.date {
            if !attribution.is_empty() {
                attribution.push_str(", ");
            }
            attribution.push_str(&d.human(lang));
        }
        Some(Self {
            quote,
            attribution,
            article: Some(event.article),
            lang: article.lang(),
        })
    }
}

/// An output size offered for export.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SizePreset {
    /// What a menu shows.
    pub name: &'static str,
    /// Layout size in CSS pixels.
    pub width: f32,
    pub height: f32,
    /// Device pixels per layout pixel for PNG (the layout stays the same).
    pub scale: f32,
}

/// The sizes a briefer picks from: 16:9 slides, 4:3, and A4 landscape printed at 300 dpi
/// (laid out at 96 dpi, rendered at 300/96 so text keeps its printed size).
pub const PRESETS: [SizePreset; 4] = [
    SizePreset {
        name: "16:9 slide, 1920×1080",
        width: 1920.0,
        height: 1080.0,
        scale: 1.0,
    },
    SizePreset {
        name: "16:9 slide, 1280×720",
        width: 1280.0,
        height: 720.0,
        scale: 1.0,
    },
    SizePreset {
        name: "4:3 slide, 1024×768",
        width: 1024.0,
        height: 768.0,
        scale: 1.0,
    },
    SizePreset {
        name: "A4 landscape, 300 dpi",
        width: 1123.0,
        height: 794.0,
        scale: 300.0 / 96.0,
    },
];

/// A base text size that reads well on a page of this size: 13 px on a 1280×720 slide,
/// about 15.6 px at 1920×1080, never below 11 px.
///
/// Grows slower than the page: a larger slide is seen from as far away, but should show
/// more, not only bigger, text.
pub fn page_font_px(width: f32, height: f32) -> f32 {
    let ratio = (height / 720.0).min(width / 1280.0);
    if !ratio.is_finite() || ratio <= 0.0 {
        return 11.0;
    }
    (13.0 * ratio.powf(0.45)).clamp(11.0, 28.0)
}

/// The happenings a scene draws one by one (marks and undated chips), in drawing order.
pub fn drawn_happenings(scene: &Scene) -> Vec<HappeningIx> {
    let mut seen = HashSet::new();
    scene
        .items
        .iter()
        .filter_map(|i| match i.target {
            Target::Happening(h) => seen.insert(h).then_some(h),
            _ => None,
        })
        .collect()
}

/// A one-line summary of a view for the subtitle: "Jan 2024 – Aug 2025 · 13 events ·
/// 2 sources", with the search if there is one.
pub fn describe(corpus: &Corpus, prepared: &Prepared, view: &View, search: &str) -> String {
    let (t0, t1) = (
        view.window.start_s.floor() as Seconds,
        view.window.end_s.ceil() as Seconds,
    );
    let spans = prepared.all.overlapping(t0, t1);
    let mut happenings: Vec<HappeningIx> = spans.iter().map(|s| s.happening).collect();
    if view.undated_tray {
        happenings.extend(prepared.undated.iter().copied());
    }
    // Counted with one flag per article, on every core: the view may hold a million
    // happenings.
    let articles = corpus.articles.len();
    let cited = happenings
        .par_iter()
        .fold(
            || vec![false; articles],
            |mut cited, &hx| {
                for &ev in corpus
                    .happening(hx)
                    .map_or(&[][..], |h| h.events.as_slice())
                {
                    if prepared
                        .events_shown
                        .get(ev.index())
                        .copied()
                        .unwrap_or(false)
                        && let Some(flag) = corpus
                            .event(ev)
                            .and_then(|e| cited.get_mut(e.article.index()))
                    {
                        *flag = true;
                    }
                }
                cited
            },
        )
        .reduce(
            || vec![false; articles],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(a, b)| *a |= b);
                a
            },
        );
    let sources = cited.iter().filter(|&&c| c).count();
    let mut parts = Vec::new();
    if let Some(range) = date_range(&spans, t0, t1, view.lang) {
        parts.push(range);
    }
    let n = happenings.len();
    parts.push(match view.lang {
        Lang::Fr => format!("{n} {}", if n > 1 { "événements" } else { "événement" }),
        Lang::En => format!("{n} {}", if n == 1 { "event" } else { "events" }),
    });
    parts.push(match view.lang {
        Lang::Fr => format!("{sources} source{}", if sources > 1 { "s" } else { "" }),
        Lang::En => format!("{sources} source{}", if sources == 1 { "" } else { "s" }),
    });
    let search = search.trim();
    if !search.is_empty() {
        parts.push(match view.lang {
            Lang::Fr => format!("recherche «\u{202f}{search}\u{202f}»"),
            Lang::En => format!("search “{search}”"),
        });
    }
    parts.join(" · ")
}

/// The dates covered by `spans` within `[t0, t1)`, at a precision that suits the range.
fn date_range(spans: &[Span], t0: Seconds, t1: Seconds, lang: Lang) -> Option<String> {
    let lo = spans.iter().map(|s| s.start_s.max(t0)).min()?;
    let hi = spans.iter().map(|s| s.end_s.min(t1)).max()?;
    let span_days = (hi - lo) / 86_400;
    let precision = if span_days > 730 {
        Precision::Year
    } else if span_days > 60 {
        Precision::Month
    } else {
        Precision::Day
    };
    let human =
        |t: Seconds| Some(Edtf::Point(crate::model::date::point_at(t, precision)?).human(lang));
    let (a, b) = (human(lo)?, human(hi.saturating_sub(1).max(lo))?);
    Some(if a == b { a } else { format!("{a} – {b}") })
}

/// Lays out the page of `view` at `width`×`height` pixels: header, timeline, caption,
/// legend and citations, all fitted inside the page, the timeline from the top.
///
/// The text size is `view.font_px` (see [`page_font_px`] for one that suits the page), or
/// larger when the view is sparse: a few rows on a tall page grow, with their text, up to
/// [`MAX_GROWTH`] times, as long as everything drawn at the base size still is, as
/// whole, rather than leave the page mostly white.
pub fn build_page(
    corpus: &Corpus,
    prepared: &Prepared,
    view: &View,
    kinds: &[String],
    width: f32,
    height: f32,
    spec: &PageSpec,
) -> Scene {
    let (base, fit) = build_page_at(corpus, prepared, view, kinds, width, height, spec);
    if fit.spare_rows < 2 {
        return base;
    }
    let base_font = view.font_px;
    for growth in GROWTH_STEPS {
        let grown_view = View {
            font_px: base_font * growth,
            ..view.clone()
        };
        let (grown, grown_fit) =
            build_page_at(corpus, prepared, &grown_view, kinds, width, height, spec);
        if grown_fit.placed >= fit.placed
            && grown_fit.drawn >= fit.drawn
            && grown_fit.clustered == 0
            && grown_fit.more_sources <= fit.more_sources
            && grown_fit.shortened <= fit.shortened
        {
            return grown;
        }
    }
    base
}

/// The most a sparse page's text grows.
pub const MAX_GROWTH: f32 = 1.8;
/// Growths tried on a sparse page, largest first.
const GROWTH_STEPS: [f32; 5] = [MAX_GROWTH, 1.55, 1.35, 1.2, 1.1];

/// How one layout of a page turned out, to compare sizes.
#[derive(Clone, Copy, Debug)]
struct PageFit {
    /// Rows left empty in a single lane before they were given up.
    spare_rows: usize,
    placed: usize,
    /// Happenings drawn one by one, undated chips included.
    drawn: usize,
    clustered: u32,
    more_sources: usize,
    /// Texts drawn shortened ("…").
    shortened: usize,
}

fn build_page_at(
    corpus: &Corpus,
    prepared: &Prepared,
    view: &View,
    kinds: &[String],
    width: f32,
    height: f32,
    spec: &PageSpec,
) -> (Scene, PageFit) {
    let width = if width.is_finite() {
        width.max(1.0)
    } else {
        1.0
    };
    let height = if height.is_finite() {
        height.max(1.0)
    } else {
        1.0
    };
    let p = Page::new(corpus, prepared, view, kinds, width, height);
    let mut page = Scene {
        width,
        height,
        background: Some(p.theme.background),
        window_s: (view.window.start_s, view.window.end_s),
        ..Scene::default()
    };

    let mut y = p.content.min.y;
    y = p.header(&mut page, spec, y);
    let bottom = p.content.max.y;
    // The timeline keeps at least this much, whatever the blocks under it want: almost
    // half the page, and never less than its lanes, axis and tray need.
    let min_timeline = (0.45 * (bottom - y))
        .max(p.timeline_min_height())
        .min(bottom - y);
    let budget = (bottom - y - min_timeline).max(0.0);

    // First guess: the blocks as if everything in the window were drawn; then again with
    // what was drawn, which is never more, giving the timeline any height saved.
    let (t0, t1) = (
        view.window.start_s.floor() as Seconds,
        view.window.end_s.ceil() as Seconds,
    );
    // A first guess at the room below the timeline. A few thousand happenings cite more
    // sources than a page can list, so a huge view need not be looked at whole.
    const GUESS_FROM: usize = 4096;
    let mut in_window: Vec<HappeningIx> = prepared
        .all
        .first_overlapping(t0, t1, GUESS_FROM)
        .iter()
        .map(|s| s.happening)
        .collect();
    if view.undated_tray {
        in_window.extend(prepared.undated.iter().copied());
    }
    in_window.truncate(GUESS_FROM);
    let guess = Blocks::measure(&p, spec, &in_window, None, budget);
    let mut reserved = guess.height;
    let mut timeline = p.timeline(y, bottom - reserved);
    let measure =
        |scene: &Scene| Blocks::measure(&p, spec, &drawn_happenings(scene), Some(scene), budget);
    let mut blocks = measure(&timeline);
    // What is drawn can need more explaining than the guess (a cluster adds a legend
    // entry): reserve more until the blocks fit. The reserve only grows, so this settles.
    for _ in 0..3 {
        if blocks.height <= reserved + 0.5 {
            break;
        }
        reserved = blocks.height;
        timeline = p.timeline(y, bottom - reserved);
        blocks = measure(&timeline);
    }
    if blocks.height > reserved + 0.5 {
        // Still growing: keep the larger reserve and drop the legend's last row rather
        // than run off the page.
        blocks.fit_to(&p, reserved);
    } else if blocks.height + 1.0 < reserved {
        let taller = p.timeline(y, bottom - blocks.height);
        let again = measure(&taller);
        if again.height <= blocks.height + 0.5 {
            timeline = taller;
            blocks = again;
        }
    }
    // A sparse view leaves empty rows at the bottom of the lane: give them up (and let
    // [`build_page`] try larger text) rather than leave a hole in the chart.
    let top = y;
    let mut spare_rows = 0;
    if prepared.lane_mode == LaneMode::None && timeline.clustered == 0 {
        let spare = p.spare_rows(&timeline, top);
        spare_rows = spare;
        if spare >= 2 {
            let free = spare as f32 * p.m.row_h;
            let compact = p.timeline(top, top + timeline.height - free);
            if compact.placed.len() == timeline.placed.len() && compact.clustered == 0 {
                blocks = Blocks::measure(
                    &p,
                    spec,
                    &drawn_happenings(&compact),
                    Some(&compact),
                    budget,
                );
                timeline = compact;
            }
        }
    }
    let frame_bottom = top + timeline.height;

    key_items_to_citations(&mut timeline, &blocks.citations);
    page.shapes.append(&mut timeline.shapes);
    page.items.append(&mut timeline.items);
    page.placed.append(&mut timeline.placed);
    page.clustered = timeline.clustered;
    page.plot = timeline.plot;
    blocks.draw(&p, &mut page, frame_bottom);
    let fit = PageFit {
        spare_rows,
        placed: page.placed.len(),
        drawn: drawn_happenings(&page).len(),
        clustered: page.clustered,
        more_sources: blocks.more_sources,
        shortened: page
            .shapes
            .iter()
            .filter(|s| matches!(s, Shape::Text { text, .. } if text.ends_with('…')))
            .count(),
    };
    (page, fit)
}

/// Sizes and colours shared by every block of one page.
pub(super) struct Page<'a> {
    corpus: &'a Corpus,
    prepared: &'a Prepared,
    view: &'a View,
    kinds: &'a [String],
    theme: Theme,
    m: Metrics,
    content: Rect,
    /// Text size of legend and citations: small, but never under 11 px.
    small: f32,
    gap: f32,
}

impl<'a> Page<'a> {
    fn new(
        corpus: &'a Corpus,
        prepared: &'a Prepared,
        view: &'a View,
        kinds: &'a [String],
        width: f32,
        height: f32,
    ) -> Self {
        let m = Metrics::new(view.font_px);
        let margin = (1.6 * m.font).round().min(0.06 * width.min(height));
        Self {
            corpus,
            prepared,
            view,
            kinds,
            theme: Theme::new(view.theme),
            m,
            content: Rect {
                min: Pos::new(margin, margin),
                max: Pos::new((width - margin).max(margin), (height - margin).max(margin)),
            },
            small: (m.font * 0.85).max(11.0),
            gap: (0.6 * m.font).round(),
        }
    }

    fn lang(&self) -> Lang {
        self.view.lang
    }

    /// Title and subtitle; returns the y below them.
    fn header(&self, page: &mut Scene, spec: &PageSpec, mut y: f32) -> f32 {
        let w = self.content.width();
        let mut any = false;
        if let Some(title) = spec.title.as_deref().filter(|t| !t.trim().is_empty()) {
            let size = (1.85 * self.m.font).round();
            for line in text::wrap(title, size, FontStyle::Bold, w, 2) {
                y += text::ascent(size);
                push_text(
                    page,
                    self.content.min.x,
                    y,
                    line,
                    size,
                    self.theme.text,
                    Align::Left,
                    FontStyle::Bold,
                );
                y += text::line_height(size) - text::ascent(size);
            }
            any = true;
        }
        if let Some(sub) = spec.subtitle.as_deref().filter(|t| !t.trim().is_empty()) {
            let size = (1.08 * self.m.font).round();
            y += 0.2 * size;
            for line in text::wrap(sub, size, FontStyle::Regular, w, 2) {
                y += text::ascent(size);
                push_text(
                    page,
                    self.content.min.x,
                    y,
                    line,
                    size,
                    self.theme.muted,
                    Align::Left,
                    FontStyle::Regular,
                );
                y += text::line_height(size) - text::ascent(size);
            }
            any = true;
        }
        if any { y + self.gap } else { y }
    }

    /// The timeline between `top` and `bottom`.
    fn timeline(&self, top: f32, bottom: f32) -> Scene {
        let frame = Rect {
            min: Pos::new(self.content.min.x, top),
            max: Pos::new(self.content.max.x, bottom.max(top)),
        };
        build_scene(self.corpus, self.prepared, self.view, self.kinds, frame)
    }

    /// The height below which the timeline's lanes would be squeezed: a row per lane,
    /// the axis, and the undated tray.
    fn timeline_min_height(&self) -> f32 {
        let m = &self.m;
        let lanes = self.prepared.lanes.len().max(1) as f32;
        let tray = if self.view.undated_tray && !self.prepared.undated.is_empty() {
            m.row_h + m.pad
        } else {
            0.0
        };
        lanes * (m.row_h + m.strip_h + m.pad) + 2.0 * m.pad + m.axis_h + tray + 1.0
    }

    /// Rows of a single-lane timeline (built at `top`) below the last one used, keeping
    /// one free row so the chart does not look cramped.
    fn spare_rows(&self, scene: &Scene, top: f32) -> usize {
        let m = &self.m;
        let lanes_top = top + m.pad;
        let lane_h = scene.plot.max.y - m.axis_h - lanes_top - m.pad;
        let rows = ((lane_h - m.strip_h - 0.5 * m.pad) / m.row_h)
            .floor()
            .max(1.0) as usize;
        let used = scene
            .placed
            .iter()
            .map(|pl| {
                ((pl.mark.center().y - lanes_top) / m.row_h)
                    .floor()
                    .max(0.0) as usize
                    + 1
            })
            .max()
            .unwrap_or(0);
        rows.saturating_sub(used + 1)
    }

    fn kind_color(&self, kind: Option<&str>) -> Color {
        kind_color(&self.theme, self.kinds, kind)
    }
}

/// The blocks under the timeline, measured, ready to draw at any y.
struct Blocks {
    height: f32,
    caption: Vec<(String, f32, FontStyle, Color)>,
    legend_rows: Vec<Vec<(Sample, String, f32)>>,
    citations: Vec<Citation>,
    citation_columns: Vec<Vec<CitationBlock>>,
    column_w: f32,
    more_sources: usize,
}

impl Blocks {
    /// Lays out caption, legend and citations for `drawn` happenings within `budget`
    /// pixels of height. `scene` is the timeline they were drawn in, if built already.
    fn measure(
        p: &Page<'_>,
        spec: &PageSpec,
        drawn: &[HappeningIx],
        scene: Option<&Scene>,
        budget: f32,
    ) -> Self {
        let mut blocks = Self {
            height: 0.0,
            caption: Vec::new(),
            legend_rows: Vec::new(),
            citations: Vec::new(),
            citation_columns: Vec::new(),
            column_w: p.content.width(),
            more_sources: 0,
        };
        let all_citations = citations(p.corpus, p.prepared, drawn);
        let mut used = 0.0;
        if let Some(caption) = &spec.caption {
            blocks.caption = caption_lines(p, caption, &all_citations);
            used += p.gap + blocks.caption.iter().map(|l| l.1).sum::<f32>();
        }
        if spec.legend {
            let entries = legend_entries(p, drawn, scene);
            blocks.legend_rows = flow(p, entries);
            if !blocks.legend_rows.is_empty() {
                used += p.gap + blocks.legend_rows.len() as f32 * legend_row_h(p);
            }
        }
        if spec.citations && !all_citations.is_empty() {
            let heading = text::line_height(p.small) + 0.3 * p.small;
            let room = budget - used - p.gap - heading;
            let mut layout = citation_columns(p, &all_citations, room, true);
            if layout.2 < all_citations.len() {
                // Short of room, every source matters more than the list of its events.
                let compact = citation_columns(p, &all_citations, room, false);
                if compact.2 > layout.2 {
                    layout = compact;
                }
            }
            let (columns, column_w, shown) = layout;
            blocks.more_sources = all_citations.len() - shown;
            if shown > 0 || blocks.more_sources > 0 {
                let tallest = columns
                    .iter()
                    .map(|c| c.iter().map(|b| b.height).sum::<f32>())
                    .fold(0.0_f32, f32::max);
                let more = if blocks.more_sources > 0 {
                    text::line_height(p.small)
                } else {
                    0.0
                };
                used += p.gap + heading + tallest + more;
            }
            blocks.citation_columns = columns;
            blocks.column_w = column_w;
            blocks.citations = all_citations;
        }
        blocks.height = used.ceil();
        blocks
    }

    /// Drops legend rows until the blocks are at most `height` tall (a last resort: the
    /// layout reserves room for them first).
    fn fit_to(&mut self, p: &Page<'_>, height: f32) {
        while self.height > height + 0.5 && !self.legend_rows.is_empty() {
            self.legend_rows.pop();
            self.height -= legend_row_h(p);
            if self.legend_rows.is_empty() {
                self.height -= p.gap;
            }
        }
    }

    /// Draws the blocks from `top` down.
    fn draw(&self, p: &Page<'_>, page: &mut Scene, top: f32) {
        let x0 = p.content.min.x;
        let mut y = top;
        if !self.caption.is_empty() {
            y += p.gap;
            for (line, h, style, color) in &self.caption {
                let size = if *style == FontStyle::Italic {
                    caption_size(p)
                } else {
                    p.small
                };
                push_text(
                    page,
                    x0,
                    y + text::ascent(size),
                    line.clone(),
                    size,
                    *color,
                    Align::Left,
                    *style,
                );
                y += h;
            }
        }
        if !self.legend_rows.is_empty() {
            y += p.gap;
            page.shapes.push(Shape::Line {
                from: Pos::new(x0, y - 0.5 * p.gap),
                to: Pos::new(p.content.max.x, y - 0.5 * p.gap),
                stroke: Stroke::solid(1.0, p.theme.grid_major),
            });
            let row_h = legend_row_h(p);
            for row in &self.legend_rows {
                let cy = y + 0.5 * row_h;
                let mut x = x0;
                for (sample, label, w) in row {
                    let sw = draw_sample(p, page, sample, x, cy);
                    push_text(
                        page,
                        x + sw + 0.4 * p.small,
                        Metrics::baseline(cy, p.small),
                        label.clone(),
                        p.small,
                        p.theme.text,
                        Align::Left,
                        FontStyle::Regular,
                    );
                    x += w + legend_gap(p);
                }
                y += row_h;
            }
        }
        if !self.citation_columns.is_empty() || self.more_sources > 0 {
            y += p.gap;
            let heading = match p.lang() {
                Lang::Fr => "Sources",
                Lang::En => "Sources",
            };
            push_text(
                page,
                x0,
                y + text::ascent(p.small),
                heading.to_owned(),
                p.small,
                p.theme.text,
                Align::Left,
                FontStyle::Bold,
            );
            y += text::line_height(p.small) + 0.3 * p.small;
            let col_gap = 2.0 * p.m.font;
            let mut bottom = y;
            for (ci, column) in self.citation_columns.iter().enumerate() {
                let cx = x0 + ci as f32 * (self.column_w + col_gap);
                let mut cy = y;
                for block in column {
                    draw_citation(p, page, block, cx, cy);
                    cy += block.height;
                }
                bottom = bottom.max(cy);
            }
            if self.more_sources > 0 {
                let n = self.more_sources;
                let text = match p.lang() {
                    Lang::Fr => format!("+{n} autre{} source{}", plural_s(n), plural_s(n)),
                    Lang::En => format!("+{n} more source{}", if n == 1 { "" } else { "s" }),
                };
                push_text(
                    page,
                    x0,
                    bottom + text::ascent(p.small),
                    text,
                    p.small,
                    p.theme.muted,
                    Align::Left,
                    FontStyle::Italic,
                );
            }
        }
    }
}

fn plural_s(n: usize) -> &'static str {
    if n > 1 { "s" } else { "" }
}

fn caption_size(p: &Page<'_>) -> f32 {
    (1.05 * p.m.font).max(12.0)
}

/// The caption: up to three italic lines of quote, then the attribution.
fn caption_lines(
    p: &Page<'_>,
    caption: &Caption,
    cited: &[Citation],
) -> Vec<(String, f32, FontStyle, Color)> {
    let size = caption_size(p);
    let (open, close) = match caption.lang {
        Lang::Fr => ("«\u{202f}", "\u{202f}»"),
        Lang::En => ("“", "”"),
    };
    let quote = format!("{open}{}{close}", caption.quote.trim());
    let mut lines: Vec<(String, f32, FontStyle, Color)> =
        text::wrap(&quote, size, FontStyle::Italic, p.content.width(), 3)
            .into_iter()
            .map(|l| (l, text::line_height(size), FontStyle::Italic, p.theme.text))
            .collect();
    let mut attribution = caption.attribution.trim().to_owned();
    if let Some(c) = caption
        .article
        .and_then(|a| cited.iter().find(|c| c.article == a))
    {
        attribution.push_str(&format!(" [{}]", c.number));
    }
    if !attribution.is_empty() {
        let line = text::truncate(
            &format!("— {attribution}"),
            p.small,
            FontStyle::Regular,
            p.content.width(),
        );
        lines.push((
            line,
            text::line_height(p.small) * 1.1,
            FontStyle::Regular,
            p.theme.muted,
        ));
    }
    lines
}

#[allow(clippy::too_many_arguments)]
fn push_text(
    page: &mut Scene,
    x: f32,
    baseline: f32,
    text: String,
    size: f32,
    color: Color,
    align: Align,
    style: FontStyle,
) {
    if text.is_empty() {
        return;
    }
    page.shapes.push(Shape::Text {
        x,
        baseline,
        text,
        size,
        color,
        align,
        style,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::load_bundled;
    use crate::timeline::{Filter, LaneMode, TimeWindow, kinds_by_frequency};

    fn bundled_page(width: f32, height: f32, lanes: LaneMode) -> (Corpus, Scene) {
        let corpus = load_bundled();
        let prepared = Prepared::new(&corpus, &Filter::default(), lanes);
        let (lo, hi) = prepared.extent().unwrap();
        let view = View {
            window: TimeWindow::fit(lo as f64, hi as f64, 0.05),
            font_px: page_font_px(width, height),
            ..View::default()
        };
        let kinds = kinds_by_frequency(&corpus);
        let spec = PageSpec {
            title: Some("Syria and Russia, 2024–2025".to_owned()),
            subtitle: Some(describe(&corpus, &prepared, &view, "")),
            ..PageSpec::cited()
        };
        let page = build_page(&corpus, &prepared, &view, &kinds, width, height, &spec);
        (corpus, page)
    }

    fn texts(scene: &Scene) -> Vec<(&str, f32, f32, f32)> {
        scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text {
                    x,
                    baseline,
                    text,
                    size,
                    align,
                    style,
                    ..
                } => {
                    let w = text::width(text, *size, *style);
                    let left = match align {
                        Align::Left => *x,
                        Align::Center => x - 0.5 * w,
                        Align::Right => x - w,
                    };
                    Some((text.as_str(), left, left + w, *baseline))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn everything_on_the_page_stays_inside_it() {
        let sizes = [
            (1920.0, 1080.0),
            (1280.0, 720.0),
            (1024.0, 768.0),
            (640.0, 360.0),
        ];
        for lanes in [LaneMode::None, LaneMode::Actor, LaneMode::Kind] {
            for (w, h) in sizes {
                let (_, page) = bundled_page(w, h, lanes);
                for (t, left, right, baseline) in texts(&page) {
                    assert!(
                        left >= -0.5 && right <= w + 0.5,
                        "{t:?} leaves the page sideways at {w}×{h}"
                    );
                    assert!(
                        baseline > 0.0 && baseline + 0.3 * 11.0 <= h,
                        "{t:?} leaves the page at {w}×{h}, {lanes:?}"
                    );
                }
                let plot = page.plot;
                assert!(plot.max.y <= h, "the timeline fits at {w}×{h}, {lanes:?}");
            }
        }
    }

    #[test]
    fn the_page_cites_every_article_drawn() {
        let (corpus, page) = bundled_page(1280.0, 720.0, LaneMode::None);
        let all: Vec<&str> = texts(&page).into_iter().map(|t| t.0).collect();
        assert!(all.contains(&"Syria and Russia, 2024–2025"));
        assert!(all.contains(&"[1]") && all.contains(&"[2]"), "{all:?}");
        let joined = all.join("\n");
        for a in &corpus.articles {
            assert!(joined.contains(a.source.as_str()), "{} cited", a.source);
        }
        assert!(all.contains(&"number of sources"));
        assert!(
            page.items
                .iter()
                .any(|i| i.label.contains("sources [1], [2]"))
        );
        // Legible at a slide's size (the "!" inside the conflict triangle is an icon).
        for s in &page.shapes {
            if let Shape::Text { size, text, .. } = s
                && text != "!"
            {
                assert!(*size >= 11.0 - 1e-3, "{text:?} at {size} px");
            }
        }
    }

    #[test]
    fn long_urls_wrap_without_losing_characters() {
        let url = "https://example.org/a/very/long/path/with-many-segments/and?query=string&more=1";
        let lines = text::wrap(url, 12.0, FontStyle::Regular, 120.0, 10);
        assert!(lines.len() > 2);
        assert_eq!(lines.concat(), url);
        for l in &lines {
            assert!(
                text::width(l, 12.0, FontStyle::Regular) <= 120.0 + 1e-3,
                "{l}"
            );
        }
        let cut = text::wrap(
            "one two three four five six",
            12.0,
            FontStyle::Regular,
            40.0,
            2,
        );
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'), "{cut:?}");
    }

    #[test]
    fn fonts_follow_the_page() {
        assert!((page_font_px(1280.0, 720.0) - 13.0).abs() < 0.01);
        let big = page_font_px(1920.0, 1080.0);
        assert!(big > 15.0 && big < 16.5, "{big}");
        assert_eq!(page_font_px(100.0, 100.0), 11.0);
        assert_eq!(page_font_px(f32::NAN, 100.0), 11.0);
    }
}
