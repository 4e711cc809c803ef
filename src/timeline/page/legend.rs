//! The legend of an export page: what the marks, colours and badges drawn mean.
//!
//! Only what the page draws is explained, and each sample is drawn by the functions that
//! draw the timeline's marks ([`crate::timeline::marks`]), so the two cannot drift apart.

use super::Page;
use crate::model::{HappeningIx, Lang, Precision};
use crate::timeline::marks::{self, MarkStyle, OpenEnds};
use crate::timeline::scene::{Color, FontStyle, Pos, Rect, Scene, Shape};
use crate::timeline::text;

/// What the drawn happenings need explained, in legend order.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct MarksUsed {
    point: bool,
    point_coarse: bool,
    bar: bool,
    approximate_bar: bool,
    approximate_point: bool,
    uncertain: bool,
    suggested: bool,
    open: bool,
    badge: Option<u32>,
    conflict: bool,
    cluster: bool,
}

/// One legend entry: a sample drawing and its words.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Sample {
    Kind(Color),
    Point { halo: bool, dashed: bool },
    Bar { feathered: bool, open: bool },
    Badge(u32),
    Conflict,
    Cluster,
}

pub(super) fn legend_row_h(p: &Page<'_>) -> f32 {
    p.m.row_h.max(text::line_height(p.small) + 6.0)
}

pub(super) fn legend_gap(p: &Page<'_>) -> f32 {
    1.4 * p.small
}

/// Width of a sample drawing in the legend.
fn sample_width(p: &Page<'_>, sample: &Sample) -> f32 {
    let m = &p.m;
    match sample {
        Sample::Kind(_) => 2.2 * m.radius,
        Sample::Point { .. } => 4.0 * m.radius,
        Sample::Bar { .. } => 3.2 * m.font,
        Sample::Badge(n) => marks::badge_width(*n, m),
        Sample::Conflict => m.font,
        Sample::Cluster => marks::cluster_width(CLUSTER_SAMPLE, m),
    }
}

/// What needs explaining: the kinds and mark styles of the drawn happenings.
pub(super) fn legend_entries(
    p: &Page<'_>,
    drawn: &[HappeningIx],
    scene: Option<&Scene>,
) -> Vec<(Sample, String)> {
    let mut used = MarksUsed::default();
    let mut kinds_used: Vec<Option<usize>> = Vec::new();
    let point_h = 2.0 * p.m.radius;
    let drawn_as_point = |h: HappeningIx| {
        scene
            .and_then(|s| s.placed.iter().find(|pl| pl.happening == h))
            .map(|pl| (pl.mark.height() - point_h).abs() < 0.5)
    };
    for &hx in drawn {
        let Some(h) = p.corpus.happening(hx) else {
            continue;
        };
        let lead = p.corpus.lead(h);
        let kind_ix = lead
            .and_then(|e| e.kind.as_deref())
            .and_then(|k| p.kinds.iter().position(|x| x == k))
            .filter(|&i| i < p.theme.palette.len());
        if !kinds_used.contains(&kind_ix) {
            kinds_used.push(kind_ix);
        }
        if h.source_count > 1 {
            used.badge = Some(used.badge.map_or(h.source_count, |b| b.min(h.source_count)));
        }
        used.conflict |= !h.conflicts.is_empty();
        used.suggested |= lead.is_some_and(|e| e.role == crate::model::EventRole::Suggested);
        let Some(date) = h.date else { continue };
        let q = date.qualifier();
        used.uncertain |= q.uncertain;
        let open = date.earliest().is_none() || date.latest().is_none();
        used.open |= open;
        // Before the timeline exists, guess the mark from the precision, as the layout does
        // at a zoom where days are too narrow for a bar.
        let point = drawn_as_point(hx)
            .unwrap_or(!open && !date.is_interval() && date.precision() >= Precision::Day);
        if point {
            used.point = true;
            used.point_coarse |= date.precision() < Precision::Day;
            used.approximate_point |= q.approximate;
        } else {
            used.bar = true;
            used.approximate_bar |= q.approximate;
        }
    }
    used.cluster = scene.is_some_and(|s| s.clustered > 0);

    let fr = p.lang() == Lang::Fr;
    let mut entries = Vec::new();
    kinds_used.sort_by_key(|k| k.unwrap_or(usize::MAX));
    for k in kinds_used {
        let name = k.and_then(|i| p.kinds.get(i)).map(String::as_str);
        let label = match name {
            Some(n) => n.to_owned(),
            None if fr => "autre".to_owned(),
            None => "other".to_owned(),
        };
        entries.push((Sample::Kind(p.kind_color(name)), label));
    }
    let words = |en: &str, french: &str| if fr { french.to_owned() } else { en.to_owned() };
    if used.point {
        let label = if used.point_coarse {
            words("point in time", "date ponctuelle")
        } else {
            words("exact day", "jour précis")
        };
        entries.push((
            Sample::Point {
                halo: false,
                dashed: false,
            },
            label,
        ));
    }
    if used.bar {
        entries.push((
            Sample::Bar {
                feathered: false,
                open: false,
            },
            words("month, year or period", "mois, année ou période"),
        ));
    }
    if used.approximate_bar {
        entries.push((
            Sample::Bar {
                feathered: true,
                open: false,
            },
            words("approximate", "approximatif"),
        ));
    } else if used.approximate_point {
        entries.push((
            Sample::Point {
                halo: true,
                dashed: false,
            },
            words("approximate", "approximatif"),
        ));
    }
    if used.uncertain {
        entries.push((
            Sample::Point {
                halo: false,
                dashed: true,
            },
            words("uncertain (?)", "incertain (?)"),
        ));
    }
    if used.suggested {
        entries.push((
            Sample::Point {
                halo: false,
                dashed: true,
            },
            words("suggested, to review", "suggéré, à revoir"),
        ));
    }
    if used.open {
        entries.push((
            Sample::Bar {
                feathered: false,
                open: true,
            },
            words("open-ended", "sans fin connue"),
        ));
    }
    if let Some(n) = used.badge {
        entries.push((
            Sample::Badge(n),
            words("number of sources", "nombre de sources"),
        ));
    }
    if used.conflict {
        entries.push((
            Sample::Conflict,
            words("sources disagree", "sources en désaccord"),
        ));
    }
    if used.cluster {
        entries.push((
            Sample::Cluster,
            words("more events here", "autres événements ici"),
        ));
    }
    entries
}

/// Lays legend entries out in rows that fit the page width.
pub(super) fn flow(
    p: &Page<'_>,
    entries: Vec<(Sample, String)>,
) -> Vec<Vec<(Sample, String, f32)>> {
    let max_w = p.content.width();
    let mut rows: Vec<Vec<(Sample, String, f32)>> = Vec::new();
    let mut row: Vec<(Sample, String, f32)> = Vec::new();
    let mut x = 0.0;
    for (sample, label) in entries {
        let sw = sample_width(p, &sample) + 0.4 * p.small;
        let label = text::truncate(&label, p.small, FontStyle::Regular, (max_w - sw).max(0.0));
        let w = sw + text::width(&label, p.small, FontStyle::Regular);
        if !row.is_empty() && x + w > max_w {
            rows.push(std::mem::take(&mut row));
            x = 0.0;
        }
        x += w + legend_gap(p);
        row.push((sample, label, w));
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

/// Draws one legend sample at `x` centred on `cy`, with the shapes the timeline uses for
/// the same thing (see `draw_mark` in the layout); returns its width.
pub(super) fn draw_sample(p: &Page<'_>, page: &mut Scene, sample: &Sample, x: f32, cy: f32) -> f32 {
    let m = &p.m;
    let t = &p.theme;
    // Samples show shape, not kind: a neutral ink, darker than the "no kind" grey so the
    // faint tints of bars stay visible.
    let ink = t.muted.mix(t.text, 0.4);
    let w = sample_width(p, sample);
    let style = |approximate: bool, uncertain: bool| MarkStyle {
        color: ink,
        background: t.background,
        approximate,
        uncertain,
        emphasis: None,
    };
    let shapes = &mut page.shapes;
    match sample {
        Sample::Kind(color) => {
            // A square swatch: colour means kind; the round and long samples after it are
            // about shape.
            let side = 2.2 * m.radius;
            shapes.push(Shape::Rect {
                rect: Rect::from_min_size(x + 0.5 * (w - side), cy - 0.5 * side, side, side),
                radius: 2.0 * m.scale,
                fill: Some(crate::timeline::scene::Paint::Solid(*color)),
                stroke: None,
            });
        }
        Sample::Point { halo, dashed } => {
            marks::point(shapes, m, Pos::new(x + 0.5 * w, cy), &style(*halo, *dashed));
        }
        Sample::Bar { feathered, open } => {
            let open = OpenEnds {
                start: false,
                end: *open,
                tip_min_x: x,
                tip_max_x: x + w,
            };
            marks::bar(shapes, m, (x, x + w), cy, &style(*feathered, false), open);
        }
        Sample::Badge(n) => {
            marks::badge(shapes, m, (x, cy), *n, (t.badge, t.badge_text));
        }
        Sample::Conflict => {
            marks::conflict(
                shapes,
                Pos::new(x + 0.5 * w, cy),
                m.font,
                t.conflict,
                t.background,
            );
        }
        Sample::Cluster => {
            let (y0, y1) = (cy - 0.5 * m.strip_h, cy + 0.5 * m.strip_h);
            let colors = (t.cluster, t.background);
            marks::cluster(shapes, m, (x + 0.5 * w, y0, y1), CLUSTER_SAMPLE, colors);
        }
    }
    w
}

/// The count the legend's cluster sample shows.
const CLUSTER_SAMPLE: u32 = 3;
