//! The layout: from a corpus, its prepared lanes and a view, to a [`Scene`].
//!
//! Per lane, the happenings in the window are placed by priority (selected, then most
//! sources, then conflicts, then time) into rows where neither mark nor label overlaps
//! anything; a happening whose label does not fit is drawn as a bare mark, and one whose
//! mark does not fit joins a cluster drawn with its count on the lane's density strip.
//! Work is bounded by what can be seen: at most a few candidates per pixel column are
//! placed one by one, the rest are only counted.

use super::lanes::{Lane, Prepared};
use super::marks::{self, MarkStyle, OpenEnds};
use super::scale::TimeScale;
use super::scene::{
    Align, Color, FontStyle, Item, Paint, Placed, Pos, Rect, Scene, Shape, Stroke, Target,
};
use super::text;
use super::ticks::calendar_ticks;
use super::view::{Theme, View};
use crate::model::{Corpus, Edtf, Happening, HappeningIx, Lang, Precision, Seconds};

/// Sizes derived from the view's font size.
#[derive(Clone, Copy, Debug)]
pub struct Metrics {
    pub font: f32,
    pub small: f32,
    pub scale: f32,
    pub row_h: f32,
    pub strip_h: f32,
    pub axis_h: f32,
    pub pad: f32,
    pub radius: f32,
    pub max_label_px: f32,
}

impl Metrics {
    pub fn new(font_px: f32) -> Self {
        let font = font_px.clamp(6.0, 96.0);
        let scale = font / 13.0;
        let line = text::line_height(font);
        Self {
            font,
            small: font * 0.85,
            scale,
            row_h: (line + 10.0 * scale).round(),
            strip_h: (16.0 * scale).round(),
            axis_h: (2.0 * (text::line_height(font * 0.92) + 6.0 * scale)).round(),
            pad: 8.0 * scale,
            radius: 5.5 * scale,
            max_label_px: 300.0 * scale,
        }
    }

    /// Baseline for text of `size` centred vertically on `cy`.
    pub fn baseline(cy: f32, size: f32) -> f32 {
        let asc = text::ascent(size);
        let desc = text::line_height(size) - asc;
        cy + 0.5 * (asc - desc)
    }
}

/// Colour of a kind: kinds are coloured in order of frequency in the whole corpus, so a
/// colour does not change while filtering.
pub fn kind_color(theme: &Theme, kinds: &[String], kind: Option<&str>) -> Color {
    match kind.and_then(|k| kinds.iter().position(|x| x == k)) {
        Some(i) if i < theme.palette.len() => theme.palette.get(i).copied().unwrap_or(theme.muted),
        _ => theme.muted,
    }
}

/// Kinds in order of frequency (ties by name): the colour order.
pub fn kinds_by_frequency(corpus: &Corpus) -> Vec<String> {
    KindCounts::of(corpus).ordered()
}

/// How many events have each kind: kept up to date through edits, so that the colour
/// order follows an edit without a pass over the corpus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KindCounts(std::collections::HashMap<String, usize>);

impl KindCounts {
    pub fn of(corpus: &Corpus) -> Self {
        use rayon::prelude::*;
        type Counts<'a> = std::collections::HashMap<&'a str, usize, foldhash::fast::RandomState>;
        // Counted on every core, a table per piece of the corpus, then added up.
        let counts = corpus
            .events
            .par_iter()
            .fold(Counts::default, |mut counts, e| {
                if let Some(k) = &e.kind {
                    *counts.entry(k.as_str()).or_default() += 1;
                }
                counts
            })
            .reduce(Counts::default, |mut a, b| {
                for (k, n) in b {
                    *a.entry(k).or_default() += n;
                }
                a
            });
        Self(counts.into_iter().map(|(k, n)| (k.to_owned(), n)).collect())
    }

    /// One more event of `kind` (`more`), or one fewer.
    pub fn count(&mut self, kind: &str, more: bool) {
        if more {
            *self.0.entry(kind.to_owned()).or_default() += 1;
        } else if let Some(n) = self.0.get_mut(kind) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.0.remove(kind);
            }
        }
    }

    /// Kinds by frequency, ties by name.
    pub fn ordered(&self) -> Vec<String> {
        let mut kinds: Vec<(&str, usize)> = self.0.iter().map(|(k, n)| (k.as_str(), *n)).collect();
        kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        kinds.into_iter().map(|(k, _)| k.to_owned()).collect()
    }
}

/// The accessible name of a happening: "title, date" (what tests and screen readers use).
pub fn happening_label(corpus: &Corpus, h: &Happening, lang: Lang) -> String {
    let title = corpus.lead(h).map_or("", |e| e.title.as_str());
    let date = h.date.map_or_else(
        || match lang {
            Lang::Fr => "sans date".to_owned(),
            Lang::En => "undated".to_owned(),
        },
        |d| d.human(lang),
    );
    let mut label = format!("{title}, {date}");
    if h.source_count > 1 {
        label.push_str(&format!(", {} sources", h.source_count));
    }
    if !h.conflicts.is_empty() {
        label.push_str(", sources disagree");
    }
    label
}

/// How a happening's date is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
enum MarkShape {
    Point {
        x: f32,
    },
    Bar {
        x0: f32,
        x1: f32,
        open_start: bool,
        open_end: bool,
    },
}

struct Candidate {
    happening: HappeningIx,
    start_s: Seconds,
    end_s: Seconds,
    mark: MarkShape,
    priority: (bool, u32, bool, bool),
    /// Among equals, how many candidates precede this one in its column of the view: ranking
    /// by it spreads what is placed across the whole view instead of filling it from the left.
    rank: u32,
}

impl Candidate {
    fn mark_extent(&self, m: &Metrics) -> (f32, f32) {
        match self.mark {
            MarkShape::Point { x } => (x - m.radius - 2.0, x + m.radius + 2.0),
            MarkShape::Bar { x0, x1, .. } => (x0 - 2.0, x1.max(x0 + 2.0 * m.radius) + 2.0),
        }
    }

    fn center_x(&self) -> f32 {
        match self.mark {
            MarkShape::Point { x } => x,
            MarkShape::Bar { x0, x1, .. } => 0.5 * (x0 + x1),
        }
    }
}

/// Occupied horizontal intervals of one row, sorted, for overlap tests in O(log n).
#[derive(Default)]
struct RowOccupancy {
    spans: Vec<(f32, f32)>,
}

impl RowOccupancy {
    /// The free gap around `[lo, hi)` when it is free: where the previous occupied interval
    /// ends and the next one starts (infinite when there is none).
    fn gap(&self, lo: f32, hi: f32) -> Option<(f32, f32)> {
        let i = self.spans.partition_point(|s| s.1 <= lo);
        let next = self.spans.get(i).map_or(f32::INFINITY, |s| s.0);
        if next < hi {
            return None;
        }
        let previous = i
            .checked_sub(1)
            .and_then(|j| self.spans.get(j))
            .map_or(f32::NEG_INFINITY, |s| s.1);
        Some((previous, next))
    }

    fn insert(&mut self, lo: f32, hi: f32) {
        let i = self.spans.partition_point(|s| s.0 < lo);
        self.spans.insert(i, (lo, hi));
    }
}

/// Everything fixed for one scene build.
struct Ctx<'a> {
    corpus: &'a Corpus,
    prepared: &'a Prepared,
    view: &'a View,
    theme: Theme,
    m: Metrics,
    scale: TimeScale,
    kinds: &'a [String],
    lanes_top: f32,
    lanes_bottom: f32,
}

/// Builds the scene of `view` inside `frame`.
pub fn build_scene(
    corpus: &Corpus,
    prepared: &Prepared,
    view: &View,
    kinds: &[String],
    frame: Rect,
) -> Scene {
    let theme = Theme::new(view.theme);
    let m = Metrics::new(view.font_px);
    let mut scene = Scene {
        width: frame.width(),
        height: frame.height(),
        background: Some(theme.background),
        window_s: (view.window.start_s, view.window.end_s),
        ..Scene::default()
    };
    if frame.width() < 60.0 || frame.height() < 40.0 {
        return scene;
    }

    let has_lanes = prepared.lane_mode != super::lanes::LaneMode::None;
    let header_w = if has_lanes {
        let widest = prepared
            .lanes
            .iter()
            // Room for the name and its count, so no name is cut while the header could
            // have grown.
            .map(|l| {
                text::width(&l.label, m.font, FontStyle::Bold)
                    + text::width(&l.index.len().to_string(), m.small, FontStyle::Regular)
            })
            .fold(0.0_f32, f32::max);
        (widest + 34.0 * m.scale)
            .min(frame.width() * 0.25)
            .max(60.0 * m.scale)
    } else {
        0.0
    };
    let undated_shown: Vec<HappeningIx> = if view.undated_tray {
        prepared
            .undated
            .iter()
            .copied()
            .filter(|h| view.reveal.as_ref().is_none_or(|r| r.dim || r.contains(*h)))
            .collect()
    } else {
        Vec::new()
    };
    let tray_h = if undated_shown.is_empty() {
        0.0
    } else {
        m.row_h + m.pad
    };
    let plot = Rect {
        min: Pos::new(frame.min.x + header_w, frame.min.y),
        max: Pos::new(frame.max.x, frame.max.y - tray_h),
    };
    let lanes_bottom = plot.max.y - m.axis_h;
    scene.plot = plot;
    let scale = TimeScale::new(view.window, plot.min.x, plot.width());
    let ctx = Ctx {
        corpus,
        prepared,
        view,
        theme,
        m,
        scale,
        kinds,
        lanes_top: plot.min.y + top_band_h(&m),
        lanes_bottom,
    };

    // Back to front: lane bands, periods, grid, today, lanes, axis, headers, tray.
    let lane_rects = lane_layout(&ctx);
    for (i, rect) in lane_rects.iter().enumerate() {
        if has_lanes && i % 2 == 1 {
            scene.shapes.push(Shape::Rect {
                rect: Rect {
                    min: Pos::new(frame.min.x, rect.min.y),
                    max: Pos::new(frame.max.x, rect.max.y),
                },
                radius: 0.0,
                fill: Some(Paint::Solid(ctx.theme.lane_band)),
                stroke: None,
            });
        }
    }
    draw_periods(&ctx, &mut scene);
    let ticks = calendar_ticks(&ctx.scale, view.lang, m.font * 0.92);
    for t in &ticks.minor {
        scene.shapes.push(Shape::Line {
            from: Pos::new(t.x, ctx.lanes_top),
            to: Pos::new(t.x, lanes_bottom + 4.0 * m.scale),
            stroke: Stroke::solid(1.0, ctx.theme.grid),
        });
    }
    for t in &ticks.major {
        if t.x > plot.min.x + 0.5 {
            scene.shapes.push(Shape::Line {
                from: Pos::new(t.x, ctx.lanes_top),
                to: Pos::new(t.x, plot.max.y),
                stroke: Stroke::solid(1.0, ctx.theme.grid_major),
            });
        }
    }
    draw_today(&ctx, &mut scene);
    for (i, (lane, rect)) in prepared.lanes.iter().zip(&lane_rects).enumerate() {
        draw_lane(&ctx, &mut scene, i, lane, *rect);
    }

    // Axis: a line, minor labels, then major labels.
    scene.shapes.push(Shape::Line {
        from: Pos::new(plot.min.x, lanes_bottom),
        to: Pos::new(plot.max.x, lanes_bottom),
        stroke: Stroke::solid(1.0, ctx.theme.grid_major),
    });
    let axis_font = m.font * 0.92;
    let row1 = lanes_bottom + 0.25 * m.axis_h;
    let row2 = lanes_bottom + 0.72 * m.axis_h;
    for t in &ticks.minor {
        scene.shapes.push(Shape::Line {
            from: Pos::new(t.x, lanes_bottom),
            to: Pos::new(t.x, lanes_bottom + 4.0 * m.scale),
            stroke: Stroke::solid(1.0, ctx.theme.grid_major),
        });
        if let Some(l) = &t.label {
            scene.shapes.push(Shape::Text {
                x: l.x,
                baseline: Metrics::baseline(row1, axis_font),
                text: l.text.clone(),
                size: axis_font,
                color: ctx.theme.muted,
                align: l.align,
                style: FontStyle::Regular,
            });
        }
    }
    for t in &ticks.major {
        if let Some(l) = &t.label {
            scene.shapes.push(Shape::Text {
                x: l.x,
                baseline: Metrics::baseline(row2, axis_font),
                text: l.text.clone(),
                size: axis_font,
                color: ctx.theme.text,
                align: l.align,
                style: FontStyle::Bold,
            });
        }
    }

    if has_lanes {
        draw_headers(&ctx, &mut scene, frame, header_w, &lane_rects);
    }
    if !undated_shown.is_empty() {
        let tray = Rect {
            min: Pos::new(frame.min.x, plot.max.y),
            max: Pos::new(frame.max.x, frame.max.y),
        };
        draw_undated(&ctx, &mut scene, tray, &undated_shown);
    }
    scene
}

/// Splits the lane area between lanes: collapsed lanes get a thin band, expanded ones
/// share the rest by how busy they are in the window.
fn lane_layout(ctx: &Ctx<'_>) -> Vec<Rect> {
    let m = &ctx.m;
    let lanes = &ctx.prepared.lanes;
    let total = (ctx.lanes_bottom - ctx.lanes_top - m.pad).max(0.0);
    let (t0, t1) = (
        ctx.view.window.start_s as Seconds,
        ctx.view.window.end_s as Seconds,
    );
    let collapsed_h = m.strip_h + 2.0 * m.pad;
    let chrome = m.strip_h + m.pad;
    // Rows each expanded lane would like: one per happening in view, up to a point.
    const MAX_DEMAND: usize = 12;
    let demand: Vec<Option<usize>> = lanes
        .iter()
        .map(|lane| {
            (!ctx.view.collapsed.contains(&lane.key))
                .then(|| lane.index.count(t0, t1).clamp(1, MAX_DEMAND))
        })
        .collect();
    let expanded = demand.iter().flatten().count();
    let collapsed = demand.len() - expanded;
    let rows_h = (total - collapsed as f32 * collapsed_h - expanded as f32 * chrome).max(0.0);
    let mut budget = ((rows_h / m.row_h).floor() as usize).saturating_sub(expanded);
    // Water-filling: one row each, then one more at a time to lanes still short of rows.
    let mut rows: Vec<usize> = demand.iter().map(|d| usize::from(d.is_some())).collect();
    while budget > 0 {
        let mut gave = false;
        for (r, d) in rows.iter_mut().zip(&demand) {
            if budget > 0 && d.is_some_and(|d| *r < d) {
                *r += 1;
                budget -= 1;
                gave = true;
            }
        }
        if !gave {
            break;
        }
    }
    let used: usize = rows.iter().sum();
    let spare = (rows_h - used as f32 * m.row_h).max(0.0);
    // More lanes than room even at one row each: squeeze them rather than run over the axis.
    let needed = collapsed as f32 * collapsed_h + expanded as f32 * chrome + used as f32 * m.row_h;
    let squeeze = if needed > total && needed > 0.0 {
        total / needed
    } else {
        1.0
    };
    let mut y = ctx.lanes_top;
    demand
        .iter()
        .zip(&rows)
        .map(|(d, &r)| {
            let h = match d {
                None => collapsed_h,
                // Leftover height is shared in proportion to rows, so busy lanes grow most.
                Some(_) => {
                    r as f32 * m.row_h
                        + chrome
                        + if used > 0 {
                            spare * r as f32 / used as f32
                        } else {
                            0.0
                        }
                }
            };
            let h = h * squeeze;
            let rect = Rect {
                min: Pos::new(ctx.scale.x0_px, y),
                max: Pos::new(ctx.scale.x0_px + ctx.scale.width_px, y + h),
            };
            y += h;
            rect
        })
        .collect()
}

fn is_revealed(view: &View, h: HappeningIx) -> (bool, f32) {
    match &view.reveal {
        None => (true, 1.0),
        Some(r) if r.contains(h) => (true, 1.0),
        Some(r) if r.dim => (true, 0.22),
        Some(_) => (false, 0.0),
    }
}

fn candidate(ctx: &Ctx<'_>, span: &super::index::Span, date: Option<&Edtf>) -> Candidate {
    let m = &ctx.m;
    let h = ctx.corpus.happening(span.happening);
    let open_start = span.start_s == Seconds::MIN;
    let open_end = span.end_s == Seconds::MAX;
    let left = ctx.scale.x0_px;
    let right = left + ctx.scale.width_px;
    // An open end is drawn as a short fading stub with an arrow: "since" or "until" the
    // known end, without claiming a row across the whole view.
    let stub = 72.0 * m.scale;
    let (x0, x1) = match (open_start, open_end) {
        (true, true) => (left - 20.0, right + 20.0),
        (true, false) => {
            let e = ctx.scale.x_of_clamped(span.end_s as f64);
            ((e - stub).max(left - 20.0), e)
        }
        (false, true) => {
            let s0 = ctx.scale.x_of_clamped(span.start_s as f64);
            (s0, (s0 + stub).min(right + 20.0))
        }
        (false, false) => (
            ctx.scale.x_of_clamped(span.start_s as f64),
            ctx.scale.x_of_clamped(span.end_s as f64),
        ),
    };
    let point_like = !open_start
        && !open_end
        && !date.is_some_and(Edtf::is_interval)
        && (x1 - x0 < 2.0 * m.radius
            || date.is_some_and(|d| d.precision() >= Precision::Day && x1 - x0 < 4.0 * m.radius));
    let mark = if point_like {
        MarkShape::Point { x: 0.5 * (x0 + x1) }
    } else {
        MarkShape::Bar {
            x0,
            x1,
            open_start,
            open_end,
        }
    };
    let emphasised =
        ctx.view.selected == Some(span.happening) || ctx.view.highlighted.contains(&span.happening);
    Candidate {
        happening: span.happening,
        start_s: span.start_s,
        end_s: span.end_s,
        mark,
        priority: (
            emphasised,
            h.map_or(1, |h| h.source_count),
            h.is_some_and(|h| !h.conflicts.is_empty()),
            // Dated on both sides says more than "before" or "after".
            !open_start && !open_end,
        ),
        rank: 0,
    }
}

/// Label text and width of a happening, badges included, fitted to `max_px`.
fn label_of(ctx: &Ctx<'_>, h: &Happening, max_px: f32, bold: bool) -> (String, f32, f32) {
    let m = &ctx.m;
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Regular
    };
    let mut title = ctx
        .corpus
        .lead(h)
        .map_or_else(String::new, |e| e.title.clone());
    if h.date.is_some_and(|d| d.qualifier().uncertain) {
        title.push_str(" ?");
    }
    let badges = badges_width(h, m);
    let text = text::truncate(&title, m.font, style, (max_px - badges).max(0.0));
    let w = text::width(&text, m.font, style);
    (text, w, badges)
}

fn badges_width(h: &Happening, m: &Metrics) -> f32 {
    let mut w = 0.0;
    if h.source_count > 1 {
        w += marks::badge_width(h.source_count, m) + 5.0 * m.scale;
    }
    if !h.conflicts.is_empty() {
        w += m.font + 5.0 * m.scale;
    }
    w
}

fn draw_lane(ctx: &Ctx<'_>, scene: &mut Scene, lane_index: usize, lane: &Lane, rect: Rect) {
    let m = ctx.m;
    let (t0, t1) = (
        ctx.view.window.start_s.floor() as Seconds,
        ctx.view.window.end_s.ceil() as Seconds,
    );
    let collapsed = ctx.view.collapsed.contains(&lane.key);
    let strip = Rect {
        min: Pos::new(rect.min.x, rect.max.y - m.strip_h - 0.5 * m.pad),
        max: Pos::new(rect.max.x, rect.max.y - 0.5 * m.pad),
    };
    let rows = if collapsed {
        0
    } else {
        (((strip.min.y - rect.min.y) / m.row_h).floor() as usize).max(1)
    };

    // Gather what is in view; past a budget proportional to the room, only the most
    // important are placed one by one and the rest are counted.
    let budget = rows * ((rect.width() / (6.0 * m.radius)).ceil() as usize).max(1);
    let by_priority = |a: &Candidate, b: &Candidate| {
        b.priority
            .cmp(&a.priority)
            .then(a.rank.cmp(&b.rank))
            .then(a.start_s.cmp(&b.start_s))
            .then(a.happening.cmp(&b.happening))
    };
    let in_view = lane.index.count(t0, t1);
    let dense = ctx.view.reveal.is_none() && in_view > DENSE_FACTOR * budget.max(1);
    let (mut candidates, mut overflow, bins) = if dense {
        dense_candidates(ctx, lane, rect, (t0, t1), in_view, rows, 2 * budget)
    } else {
        let mut candidates: Vec<Candidate> = Vec::new();
        lane.index.for_each_overlapping(t0, t1, |span| {
            if is_revealed(ctx.view, span.happening).0 {
                let date = ctx.corpus.happening(span.happening).and_then(|h| h.date);
                candidates.push(candidate(ctx, span, date.as_ref()));
            }
        });
        (candidates, Vec::new(), None)
    };
    rank_by_column(&mut candidates, rect.min.x, 6.0 * m.radius);
    if candidates.len() > budget {
        if budget > 0 {
            candidates.select_nth_unstable_by(budget - 1, by_priority);
        }
        for c in candidates.drain(budget..) {
            if bins.is_none() {
                overflow.push((c.center_x(), c.start_s, c.end_s, 1));
            }
        }
    }
    candidates.sort_by(by_priority);

    let mut occupancy: Vec<RowOccupancy> = (0..rows).map(|_| RowOccupancy::default()).collect();
    let mut placed: Vec<(Candidate, usize, Option<LabelPlan>)> = Vec::new();
    let left = ctx.scale.x0_px;
    let right = left + ctx.scale.width_px;
    for c in candidates {
        let Some(h) = ctx.corpus.happening(c.happening) else {
            continue;
        };
        let (mx0, mx1) = c.mark_extent(&m);
        let gaps: Vec<Option<(f32, f32)>> = occupancy.iter().map(|o| o.gap(mx0, mx1)).collect();
        let slot = place_label(ctx, &c, h, &gaps, (left, right));
        match slot {
            Some((r, plan)) => {
                if let Some(o) = occupancy.get_mut(r) {
                    match &plan {
                        Some(p) => o.insert(p.extent.0.min(mx0), p.extent.1.max(mx1)),
                        None => o.insert(mx0, mx1),
                    }
                }
                placed.push((c, r, plan));
            }
            None => {
                if bins.is_none() {
                    overflow.push((c.center_x(), c.start_s, c.end_s, 1));
                }
            }
        }
    }
    // In a dense view, what is not placed is counted per column of the view.
    if let Some(bins) = &bins {
        overflow = dense_overflow(bins, &placed, t0);
    }

    if !overflow.is_empty() || collapsed {
        draw_density(ctx, scene, lane, strip, t0, t1, bins.as_ref());
    }
    if !overflow.is_empty() {
        draw_clusters(ctx, scene, strip, lane_index, overflow);
    }

    // Marks first, then labels over them, selected last so it is on top.
    placed.sort_by_key(|(c, _, _)| c.priority.0);
    for (c, row, plan) in &placed {
        let cy = rect.min.y + (*row as f32 + 0.5) * m.row_h;
        draw_mark(ctx, scene, c, cy, lane_index, plan.as_ref());
    }
}

/// Numbers each candidate by its order (in time) within its column of `column_px`.
fn rank_by_column(candidates: &mut [Candidate], x0: f32, column_px: f32) {
    let column = |c: &Candidate| ((c.center_x() - x0) / column_px.max(1.0)).floor() as i64;
    candidates.sort_by(|a, b| {
        column(a)
            .cmp(&column(b))
            .then(a.start_s.cmp(&b.start_s))
            .then(a.happening.cmp(&b.happening))
    });
    let mut previous = None;
    let mut rank = 0;
    for c in candidates.iter_mut() {
        let col = column(c);
        rank = if previous == Some(col) { rank + 1 } else { 0 };
        previous = Some(col);
        c.rank = rank;
    }
}

/// Where a label goes: its text (fitted), the x where the text starts, and the horizontal
/// extent of text and badges.
#[derive(Clone, Debug)]
struct LabelPlan {
    text: String,
    text_x: f32,
    width: f32,
    extent: (f32, f32),
}

/// The row of a candidate and its label, given the free gap around its mark in each row
/// (`None` where the mark does not fit): the first row where the whole label fits on
/// either side of the mark; else the row with the most room for a shortened label; else
/// the first row where the bare mark fits; else `None` (the happening joins a cluster).
///
/// A label is shortened only when the next mark or label in its row, or the edge of the
/// view, would overlap it: happenings placed first (the selected, the most reported) get
/// their whole titles whenever there is room for them.
fn place_label(
    ctx: &Ctx<'_>,
    c: &Candidate,
    h: &Happening,
    gaps: &[Option<(f32, f32)>],
    (left, right): (f32, f32),
) -> Option<(usize, Option<LabelPlan>)> {
    let m = ctx.m;
    let bold = c.priority.0;
    let gap = 5.0 * m.scale;
    let pad = 10.0 * m.scale;
    let (full, full_w, badges) = label_of(ctx, h, f32::INFINITY, bold);
    let needed = full_w + badges;
    let right_x = label_x(c, &m, left);
    let left_end = match c.mark {
        MarkShape::Point { x } => x - m.radius - gap,
        MarkShape::Bar { x0, .. } => x0 - gap,
    };
    // Room for text and badges on each side, within the view and the row's free gap.
    let rooms = |(lo, hi): (f32, f32)| {
        (
            (right - 2.0).min(hi - pad) - right_x,
            left_end - (left + 2.0).max(lo + pad),
        )
    };
    let plan_right = |text: String, w: f32| LabelPlan {
        text,
        text_x: right_x,
        width: w,
        extent: (right_x, right_x + w + badges + pad),
    };
    let plan_left = |text: String, w: f32| LabelPlan {
        text,
        text_x: left_end - w - badges,
        width: w,
        extent: (left_end - w - badges - pad, left_end),
    };
    if !full.is_empty() {
        for (r, g) in gaps.iter().enumerate() {
            let Some(g) = *g else {
                continue;
            };
            let (right_room, left_room) = rooms(g);
            if needed <= right_room {
                return Some((r, Some(plan_right(full, full_w))));
            }
            if needed <= left_room {
                return Some((r, Some(plan_left(full, full_w))));
            }
        }
    }
    // No row holds the whole label: shorten it where there is the most room.
    let min_useful = 48.0 * m.scale;
    let best = gaps
        .iter()
        .enumerate()
        .filter_map(|(r, g)| {
            let (right_room, left_room) = rooms((*g)?);
            Some((r, right_room >= left_room, right_room.max(left_room)))
        })
        .fold(None, |best: Option<(usize, bool, f32)>, x| match best {
            Some(b) if b.2 >= x.2 => Some(b),
            _ => Some(x),
        });
    if let Some((r, on_right, room)) = best
        && room - badges >= min_useful
    {
        let (text, w, _) = label_of(ctx, h, room, bold);
        if !text.is_empty() {
            let plan = if on_right {
                plan_right(text, w)
            } else {
                plan_left(text, w)
            };
            return Some((r, Some(plan)));
        }
    }
    gaps.iter().position(Option::is_some).map(|r| (r, None))
}

/// Bars narrower than this carry their label after them rather than over them.
const SHORT_BAR_PX: f32 = 60.0;

fn label_x(c: &Candidate, m: &Metrics, left: f32) -> f32 {
    match c.mark {
        MarkShape::Point { x } => x + m.radius + 5.0 * m.scale,
        MarkShape::Bar { x0, x1, .. } if x1 - x0.max(left) < SHORT_BAR_PX * m.scale => {
            x1 + 5.0 * m.scale
        }
        MarkShape::Bar { x0, .. } => x0.max(left) + 7.0 * m.scale,
    }
}

fn draw_mark(
    ctx: &Ctx<'_>,
    scene: &mut Scene,
    c: &Candidate,
    cy: f32,
    lane: usize,
    label: Option<&LabelPlan>,
) {
    let m = ctx.m;
    let Some(h) = ctx.corpus.happening(c.happening) else {
        return;
    };
    let lead = ctx.corpus.lead(h);
    let (_, alpha) = is_revealed(ctx.view, c.happening);
    let color =
        kind_color(&ctx.theme, ctx.kinds, lead.and_then(|e| e.kind.as_deref())).faded(alpha);
    let q = h.date.map(|d| d.qualifier()).unwrap_or_default();
    let emphasised = c.priority.0;
    let left = ctx.scale.x0_px;
    let right = left + ctx.scale.width_px;
    // A suggestion awaiting review is drawn hollow and dashed, lighter than an event.
    let suggested = lead.is_some_and(|e| e.role == crate::model::EventRole::Suggested);
    let style = MarkStyle {
        color: if suggested { color.faded(0.75) } else { color },
        background: ctx.theme.background,
        approximate: q.approximate,
        uncertain: q.uncertain || suggested,
        emphasis: emphasised.then_some(ctx.theme.selection),
    };
    let mark_rect = match c.mark {
        MarkShape::Point { x } => marks::point(&mut scene.shapes, &m, Pos::new(x, cy), &style),
        MarkShape::Bar {
            x0,
            x1,
            open_start,
            open_end,
        } => {
            // A bar running off the view is drawn like an open end: it goes on.
            let open = OpenEnds {
                start: open_start || x0 < left - 1.0,
                end: open_end || x1 > right + 1.0,
                tip_min_x: left + 1.0,
                tip_max_x: right - 1.0,
            };
            let x0 = x0.max(left - 2.0);
            let x1 = x1.min(right + 2.0).max(x0 + 2.0);
            marks::bar(&mut scene.shapes, &m, (x0, x1), cy, &style, open)
        }
    };

    let mut item_rect = mark_rect.expand(2.0);
    if let Some(plan) = label {
        let baseline = Metrics::baseline(cy, m.font);
        scene.shapes.push(Shape::Text {
            x: plan.text_x,
            baseline,
            text: plan.text.clone(),
            size: m.font,
            color: ctx.theme.text.faded(alpha),
            align: Align::Left,
            style: if emphasised {
                FontStyle::Bold
            } else {
                FontStyle::Regular
            },
        });
        let bx = draw_badges(
            ctx,
            scene,
            h,
            plan.text_x + plan.width + 5.0 * m.scale,
            cy,
            alpha,
        );
        item_rect.min.x = item_rect.min.x.min(plan.text_x);
        item_rect.max.x = item_rect.max.x.max(bx);
        item_rect.min.y = item_rect.min.y.min(cy - 0.5 * m.row_h + 2.0);
        item_rect.max.y = item_rect.max.y.max(cy + 0.5 * m.row_h - 2.0);
    }
    scene.items.push(Item {
        rect: item_rect,
        target: Target::Happening(c.happening),
        lane,
        label: happening_label(ctx.corpus, h, ctx.view.lang),
    });
    scene.placed.push(Placed {
        happening: c.happening,
        lane,
        mark: mark_rect,
    });
}

/// The source-count badge and the conflict mark after a label starting at `x`; returns
/// the x where they end.
fn draw_badges(
    ctx: &Ctx<'_>,
    scene: &mut Scene,
    h: &Happening,
    x: f32,
    cy: f32,
    alpha: f32,
) -> f32 {
    let m = ctx.m;
    let mut bx = x;
    if h.source_count > 1 {
        let colors = (ctx.theme.badge.faded(alpha), ctx.theme.badge_text);
        bx += marks::badge(&mut scene.shapes, &m, (bx, cy), h.source_count, colors);
        bx += 5.0 * m.scale;
    }
    if !h.conflicts.is_empty() {
        marks::conflict(
            &mut scene.shapes,
            Pos::new(bx + 0.5 * m.font, cy),
            m.font,
            ctx.theme.conflict.faded(alpha),
            ctx.theme.background,
        );
        bx += m.font + 5.0 * m.scale;
    }
    bx
}

/// A heat strip: how many happenings each few pixels of the lane hold.
fn draw_density(
    ctx: &Ctx<'_>,
    scene: &mut Scene,
    lane: &Lane,
    strip: Rect,
    t0: Seconds,
    t1: Seconds,
    dense: Option<&Bins>,
) {
    // A dense lane already counted its columns; a sparse one is cheap to count here.
    let (bin_px, mut counts) = match dense {
        Some(b) => (b.bin_px, b.counts.clone()),
        None => (
            3.0_f32,
            vec![0u32; ((strip.width() / 3.0).ceil() as usize).max(1)],
        ),
    };
    let bins = counts.len();
    let x0 = strip.min.x;
    if dense.is_none() {
        lane.index.for_each_overlapping(t0, t1, |span| {
            if !is_revealed(ctx.view, span.happening).0 {
                return;
            }
            let a = if span.start_s == Seconds::MIN {
                x0
            } else {
                ctx.scale.x_of_clamped(span.start_s as f64)
            };
            // A span counts in its start bin only, so wide periods do not flood the strip.
            let ia = (((a - x0) / bin_px).floor().max(0.0) as usize).min(bins - 1);
            if let Some(c) = counts.get_mut(ia) {
                *c += 1;
            }
        });
    }
    let max = counts.iter().copied().max().unwrap_or(0);
    scene.shapes.push(Shape::Rect {
        rect: strip,
        radius: 2.0,
        fill: Some(Paint::Solid(ctx.theme.grid.faded(0.6))),
        stroke: None,
    });
    if max == 0 {
        return;
    }
    let norm = (max as f32).ln_1p();
    for (i, &c) in counts.iter().enumerate() {
        if c == 0 {
            continue;
        }
        let level = (c as f32).ln_1p() / norm;
        let h = strip.height() * (0.25 + 0.75 * level);
        scene.shapes.push(Shape::Rect {
            rect: Rect::from_min_size(x0 + i as f32 * bin_px, strip.max.y - h, bin_px, h),
            radius: 0.0,
            fill: Some(Paint::Solid(ctx.theme.cluster.faded(0.25 + 0.55 * level))),
            stroke: None,
        });
    }
}

/// Pills with counts for happenings that could not be drawn one by one. Every item of
/// `overflow` (x, start, end, count) ends up in exactly one pill.
fn draw_clusters(
    ctx: &Ctx<'_>,
    scene: &mut Scene,
    strip: Rect,
    lane: usize,
    mut overflow: Vec<(f32, Seconds, Seconds, u32)>,
) {
    let m = ctx.m;
    overflow.sort_by(|a, b| a.0.total_cmp(&b.0));
    let pill_w = |n: u32| marks::cluster_width(n, &m);
    // Greedy merge: a group grows while its pill would touch the next item.
    let mut groups: Vec<(f32, f32, Seconds, Seconds, u32)> = Vec::new();
    for (x, s, e, k) in overflow {
        match groups.last_mut() {
            Some(g) if x - g.1 < 0.5 * pill_w(g.4 + k) + 0.5 * pill_w(k) + 4.0 => {
                g.1 = x;
                g.2 = g.2.min(s);
                g.3 = g.3.max(e);
                g.4 += k;
            }
            _ => groups.push((x, x, s, e, k)),
        }
    }
    // Lay pills left to right; one that would run off the edge joins the one before.
    let mut pills: Vec<(f32, Seconds, Seconds, u32)> = Vec::new();
    for (xa, xb, s, e, n) in groups {
        let w = pill_w(n);
        let last_right = pills
            .last()
            .map_or(f32::NEG_INFINITY, |p| p.0 + 0.5 * pill_w(p.3));
        let cx = (0.5 * (xa + xb))
            .clamp(
                strip.min.x + 0.5 * w,
                (strip.max.x - 0.5 * w).max(strip.min.x + 0.5 * w),
            )
            .max(last_right + 0.5 * w + 2.0);
        if cx + 0.5 * w > strip.max.x + 0.5
            && let Some(p) = pills.last_mut()
        {
            p.1 = p.1.min(s);
            p.2 = p.2.max(e);
            p.3 += n;
            p.0 = p.0.min(strip.max.x - 0.5 * pill_w(p.3));
            continue;
        }
        pills.push((cx, s, e, n));
    }
    for (cx, s, e, n) in pills {
        let rect = marks::cluster(
            &mut scene.shapes,
            &m,
            (cx, strip.min.y, strip.max.y),
            n,
            (ctx.theme.cluster, ctx.theme.background),
        );
        scene.clustered += n;
        let start_s = if s == Seconds::MIN {
            ctx.view.window.start_s
        } else {
            s as f64
        };
        let end_s = if e == Seconds::MAX {
            ctx.view.window.end_s
        } else {
            e as f64
        };
        let range = span_label(start_s, end_s, ctx.view.lang);
        scene.items.push(Item {
            rect,
            target: Target::Zoom {
                start_s,
                end_s,
                count: n,
            },
            lane,
            label: format!("{n} more events, {range}; zoom in"),
        });
    }
}

/// Above this many times the placement budget, a lane is drawn from samples and counts
/// rather than from every happening in view.
const DENSE_FACTOR: usize = 4;

/// The columns of a dense view: time edges (`edges[b]..edges[b + 1]` is column `b`) and how
/// many happenings start in each; `before` counts those overlapping the view that started
/// before it.
struct Bins {
    x0: f32,
    bin_px: f32,
    edges: Vec<Seconds>,
    counts: Vec<u32>,
    before: u32,
}

/// Candidates for a dense lane: the first few happenings starting in each column, and the
/// important ones (several sources, conflicts) up to `cap`. Cost grows with the width of
/// the view, not with the number of happenings in it.
fn dense_candidates(
    ctx: &Ctx<'_>,
    lane: &Lane,
    rect: Rect,
    (t0, t1): (Seconds, Seconds),
    in_view: usize,
    rows: usize,
    cap: usize,
) -> (
    Vec<Candidate>,
    Vec<(f32, Seconds, Seconds, u32)>,
    Option<Bins>,
) {
    let m = ctx.m;
    let bin_px = (6.0 * m.scale).max(3.0);
    let n = ((rect.width() / bin_px).ceil() as usize).max(1);
    let span = (t1 - t0) as f64;
    let edges: Vec<Seconds> = (0..=n)
        .map(|b| {
            if b == n {
                t1
            } else {
                t0 + (span * b as f64 / n as f64).floor() as Seconds
            }
        })
        .collect();
    // A few per column when the lane has rows to stack them in.
    let per_column = (rows / 3).max(1);
    let mut seen: std::collections::HashSet<HappeningIx, foldhash::fast::RandomState> =
        std::collections::HashSet::default();
    let mut candidates = Vec::with_capacity(n * per_column + cap.min(1024));
    let mut counts = Vec::with_capacity(n);
    for pair in edges.windows(2) {
        let (a, z) = (pair[0], pair[1]);
        let starting = lane.index.starting_in(a, z);
        counts.push(starting.len() as u32);
        for s in starting.iter().take(per_column) {
            if seen.insert(s.happening) {
                let date = ctx.corpus.happening(s.happening).and_then(|h| h.date);
                candidates.push(candidate(ctx, s, date.as_ref()));
            }
        }
    }
    // The important ones too are taken a few per column, so a corpus where every other
    // event is a multi-source story costs no more than one where none is.
    let mut taken = 0;
    for pair in edges.windows(2) {
        for s in lane
            .important
            .starting_in(pair[0], pair[1])
            .iter()
            .take(per_column)
        {
            if taken < cap && seen.insert(s.happening) {
                let date = ctx.corpus.happening(s.happening).and_then(|h| h.date);
                candidates.push(candidate(ctx, s, date.as_ref()));
                taken += 1;
            }
        }
    }
    let started: usize = counts.iter().map(|&c| c as usize).sum();
    let bins = Bins {
        x0: rect.min.x,
        bin_px: rect.width() / n as f32,
        edges,
        counts,
        before: in_view.saturating_sub(started) as u32,
    };
    (candidates, Vec::new(), Some(bins))
}

/// What a dense lane could not place, per column: (x, start, end, count).
fn dense_overflow(
    bins: &Bins,
    placed: &[(Candidate, usize, Option<LabelPlan>)],
    t0: Seconds,
) -> Vec<(f32, Seconds, Seconds, u32)> {
    let mut remaining = bins.counts.clone();
    let mut before = bins.before;
    for (c, _, _) in placed {
        if c.start_s < t0 {
            before = before.saturating_sub(1);
        } else {
            let b = bins
                .edges
                .partition_point(|&e| e <= c.start_s)
                .saturating_sub(1);
            if let Some(r) = remaining.get_mut(b) {
                *r = r.saturating_sub(1);
            }
        }
    }
    let mut out: Vec<(f32, Seconds, Seconds, u32)> = remaining
        .iter()
        .enumerate()
        .filter(|(_, r)| **r > 0)
        .map(|(b, &r)| {
            let a = bins.edges.get(b).copied().unwrap_or(t0);
            let z = bins.edges.get(b + 1).copied().unwrap_or(a);
            (bins.x0 + (b as f32 + 0.5) * bins.bin_px, a, z, r)
        })
        .collect();
    if before > 0 {
        let z = bins.edges.get(1).copied().unwrap_or(t0);
        out.push((bins.x0 + 0.5 * bins.bin_px, t0, z, before));
    }
    out
}

fn span_label(start_s: f64, end_s: f64, lang: Lang) -> String {
    // Days for a short span; years when the span is long (deep time has no useful day).
    let precision = if end_s - start_s > 2.0 * 365.25 * 86_400.0 {
        Precision::Year
    } else {
        Precision::Day
    };
    let day = |t: f64| {
        crate::model::date::point_at(t as i64, precision)
            .map(|p| Edtf::Point(p).human(lang))
            .unwrap_or_default()
    };
    format!("{} – {}", day(start_s), day(end_s - 1.0))
}

fn draw_periods(ctx: &Ctx<'_>, scene: &mut Scene) {
    let m = ctx.m;
    let (t0, t1) = (
        ctx.view.window.start_s as Seconds,
        ctx.view.window.end_s as Seconds,
    );
    let left = ctx.scale.x0_px;
    let right = left + ctx.scale.width_px;
    let mut label_right = f32::NEG_INFINITY;
    let today = today_label(ctx);
    for p in &ctx.prepared.periods {
        if !p.overlaps(t0, t1) || !is_revealed(ctx.view, p.happening).0 {
            continue;
        }
        let x0 = if p.start_s == Seconds::MIN {
            left
        } else {
            ctx.scale.x_of_clamped(p.start_s as f64).max(left)
        };
        let x1 = if p.end_s == Seconds::MAX {
            right
        } else {
            ctx.scale.x_of_clamped(p.end_s as f64).min(right)
        };
        scene.shapes.push(Shape::Rect {
            rect: Rect {
                min: Pos::new(x0, ctx.lanes_top),
                max: Pos::new(x1, ctx.lanes_bottom),
            },
            radius: 0.0,
            fill: Some(Paint::Solid(ctx.theme.period.faded(0.10))),
            stroke: None,
        });
        let Some(h) = ctx.corpus.happening(p.happening) else {
            continue;
        };
        let title = ctx.corpus.lead(h).map_or("", |e| e.title.as_str());
        let text = text::truncate(title, m.small, FontStyle::Italic, (x1 - x0 - 8.0).max(0.0));
        let w = text::width(&text, m.small, FontStyle::Italic);
        let clear_of_today =
            today.is_none_or(|(_, a, b)| x0 + 4.0 + w + 4.0 < a || x0 + 4.0 > b + 4.0);
        if !text.is_empty() && x0 + 4.0 >= label_right && clear_of_today {
            label_right = x0 + 4.0 + w + 8.0;
            scene.shapes.push(Shape::Text {
                x: x0 + 4.0,
                baseline: Metrics::baseline(ctx.lanes_top - 0.5 * top_band_h(&m), m.small),
                text,
                size: m.small,
                color: ctx.theme.muted,
                align: Align::Left,
                style: FontStyle::Italic,
            });
        }
    }
}

/// Height of the band above the lanes that holds period names and the "today" label.
fn top_band_h(m: &Metrics) -> f32 {
    (text::line_height(m.small) + 4.0 * m.scale).round()
}

/// The "today" label: text, left x and right x, when today is in view.
fn today_label(ctx: &Ctx<'_>) -> Option<(&'static str, f32, f32)> {
    let now = ctx.view.today_s?;
    if now < ctx.view.window.start_s || now >= ctx.view.window.end_s {
        return None;
    }
    let label = match ctx.view.lang {
        Lang::Fr => "aujourd’hui",
        Lang::En => "today",
    };
    let x = ctx.scale.x_of(now);
    let w = text::width(label, ctx.m.small, FontStyle::Bold);
    let right = ctx.scale.x0_px + ctx.scale.width_px;
    // Right of the line, or left of it near the right edge.
    let lx = if x + 3.0 + w <= right {
        x + 3.0
    } else {
        x - 3.0 - w
    };
    Some((label, lx, lx + w))
}

fn draw_today(ctx: &Ctx<'_>, scene: &mut Scene) {
    let Some(now) = ctx.view.today_s else { return };
    let Some((label, lx, _)) = today_label(ctx) else {
        return;
    };
    let m = ctx.m;
    let x = ctx.scale.x_of(now);
    scene.shapes.push(Shape::Line {
        from: Pos::new(x, ctx.lanes_top - 2.0),
        to: Pos::new(x, ctx.lanes_bottom),
        stroke: Stroke::solid(1.5 * m.scale, ctx.theme.today),
    });
    scene.shapes.push(Shape::Text {
        x: lx,
        baseline: Metrics::baseline(ctx.lanes_top - 0.5 * top_band_h(&m), m.small),
        text: label.to_owned(),
        size: m.small,
        color: ctx.theme.today,
        align: Align::Left,
        style: FontStyle::Bold,
    });
}

fn draw_headers(ctx: &Ctx<'_>, scene: &mut Scene, frame: Rect, header_w: f32, lane_rects: &[Rect]) {
    let m = ctx.m;
    let (t0, t1) = (
        ctx.view.window.start_s as Seconds,
        ctx.view.window.end_s as Seconds,
    );
    for (i, (lane, r)) in ctx.prepared.lanes.iter().zip(lane_rects).enumerate() {
        let header = Rect {
            min: Pos::new(frame.min.x, r.min.y),
            max: Pos::new(frame.min.x + header_w, r.max.y),
        };
        scene.shapes.push(Shape::Rect {
            rect: header,
            radius: 0.0,
            fill: Some(Paint::Solid(ctx.theme.header_band)),
            stroke: None,
        });
        scene.shapes.push(Shape::Line {
            from: Pos::new(frame.min.x, r.max.y),
            to: Pos::new(frame.max.x, r.max.y),
            stroke: Stroke::solid(1.0, ctx.theme.grid_major),
        });
        let collapsed = ctx.view.collapsed.contains(&lane.key);
        let cy = r.min.y + 0.5 * m.row_h.min(r.height());
        // A disclosure triangle: ▸ collapsed, ▾ expanded.
        let tx = frame.min.x + 10.0 * m.scale;
        let s = 4.0 * m.scale;
        let points = if collapsed {
            vec![
                Pos::new(tx - s * 0.6, cy - s),
                Pos::new(tx + s * 0.9, cy),
                Pos::new(tx - s * 0.6, cy + s),
            ]
        } else {
            vec![
                Pos::new(tx - s, cy - s * 0.6),
                Pos::new(tx + s, cy - s * 0.6),
                Pos::new(tx, cy + s * 0.9),
            ]
        };
        scene.shapes.push(Shape::Polygon {
            points,
            fill: ctx.theme.muted,
            stroke: None,
        });
        let n = lane.index.count(t0, t1);
        let count = format!("{n}");
        let count_w = text::width(&count, m.small, FontStyle::Regular);
        let room = header_w - 26.0 * m.scale - count_w - 8.0 * m.scale;
        let label = text::truncate(&lane.label, m.font, FontStyle::Bold, room.max(0.0));
        scene.shapes.push(Shape::Text {
            x: tx + 9.0 * m.scale,
            baseline: Metrics::baseline(cy, m.font),
            text: label,
            size: m.font,
            color: ctx.theme.text,
            align: Align::Left,
            style: FontStyle::Bold,
        });
        scene.shapes.push(Shape::Text {
            x: frame.min.x + header_w - 8.0 * m.scale,
            baseline: Metrics::baseline(cy, m.small),
            text: count,
            size: m.small,
            color: ctx.theme.muted,
            align: Align::Right,
            style: FontStyle::Regular,
        });
        let verb = if collapsed { "expand" } else { "collapse" };
        scene.items.push(Item {
            rect: header,
            target: Target::Lane(i),
            lane: i,
            label: format!("Lane {}, {n} in view; {verb}", lane.label),
        });
    }
}

fn draw_undated(ctx: &Ctx<'_>, scene: &mut Scene, tray: Rect, undated: &[HappeningIx]) {
    let m = ctx.m;
    let cy = tray.min.y + 0.5 * m.pad + 0.5 * m.row_h;
    let title = match ctx.view.lang {
        Lang::Fr => format!("Sans date ({})", undated.len()),
        Lang::En => format!("Undated ({})", undated.len()),
    };
    scene.shapes.push(Shape::Line {
        from: Pos::new(tray.min.x, tray.min.y),
        to: Pos::new(tray.max.x, tray.min.y),
        stroke: Stroke::solid(1.0, ctx.theme.grid_major),
    });
    let mut x = tray.min.x + m.pad;
    scene.shapes.push(Shape::Text {
        x,
        baseline: Metrics::baseline(cy, m.font),
        text: title.clone(),
        size: m.font,
        color: ctx.theme.muted,
        align: Align::Left,
        style: FontStyle::Bold,
    });
    x += text::width(&title, m.font, FontStyle::Bold) + 2.0 * m.pad;
    let chip_h = m.row_h - 6.0 * m.scale;
    for (i, &hx) in undated.iter().enumerate() {
        let Some(h) = ctx.corpus.happening(hx) else {
            continue;
        };
        let rest = undated.len() - i;
        let more = match ctx.view.lang {
            Lang::Fr => format!("+{rest} autres"),
            Lang::En => format!("+{rest} more"),
        };
        let more_w = text::width(&more, m.small, FontStyle::Regular) + 2.0 * m.pad;
        let room = tray.max.x - x - m.pad;
        let emphasised = ctx.view.selected == Some(hx) || ctx.view.highlighted.contains(&hx);
        let (_, alpha) = is_revealed(ctx.view, hx);
        let max_chip = (room - if rest > 1 { more_w } else { 0.0 }).min(m.max_label_px * 0.8);
        let chip_pad = 8.0 * m.scale;
        let (text, w, badges) = label_of(
            ctx,
            h,
            max_chip - 2.0 * chip_pad - 12.0 * m.scale,
            emphasised,
        );
        let chip_w = w + badges + 2.0 * chip_pad + 10.0 * m.scale;
        if text.is_empty() || chip_w > max_chip || w < 40.0 * m.scale {
            scene.shapes.push(Shape::Text {
                x,
                baseline: Metrics::baseline(cy, m.small),
                text: more,
                size: m.small,
                color: ctx.theme.muted,
                align: Align::Left,
                style: FontStyle::Regular,
            });
            break;
        }
        let rect = Rect::from_min_size(x, cy - 0.5 * chip_h, chip_w, chip_h);
        let color = kind_color(
            &ctx.theme,
            ctx.kinds,
            ctx.corpus.lead(h).and_then(|e| e.kind.as_deref()),
        )
        .faded(alpha);
        scene.shapes.push(Shape::Rect {
            rect,
            radius: 0.5 * chip_h,
            fill: Some(Paint::Solid(color.faded(0.14))),
            stroke: Some(if emphasised {
                Stroke::solid(2.0 * m.scale, ctx.theme.selection)
            } else {
                Stroke::dashed(1.0 * m.scale, color)
            }),
        });
        scene.shapes.push(Shape::Circle {
            center: Pos::new(x + chip_pad + 3.0 * m.scale, cy),
            radius: 3.5 * m.scale,
            fill: Some(color),
            stroke: None,
        });
        let tx = x + chip_pad + 10.0 * m.scale;
        scene.shapes.push(Shape::Text {
            x: tx,
            baseline: Metrics::baseline(cy, m.font),
            text,
            size: m.font,
            color: ctx.theme.text.faded(alpha),
            align: Align::Left,
            style: if emphasised {
                FontStyle::Bold
            } else {
                FontStyle::Regular
            },
        });
        draw_badges(ctx, scene, h, tx + w + 5.0 * m.scale, cy, alpha);
        scene.items.push(Item {
            rect,
            target: Target::Happening(hx),
            lane: usize::MAX,
            label: happening_label(ctx.corpus, h, ctx.view.lang),
        });
        x += chip_w + 6.0 * m.scale;
    }
}
