//! The reporting-lag view: for every happening shown, when it happened against when each
//! source reported it. It answers "how late did we learn of this, and who reported first".
//!
//! One point per report (an event whose article has a publication date): x is the
//! happening's date, y the article's publication date, so the reports of one happening
//! stand in a column and the first is the lowest. A point on the diagonal was reported the
//! day it happened; above it, later. A histogram of the lags stands beside the plot.
//! Reports without a publication date cannot be placed: they are counted, and a line says
//! so. The same [`Lag`] feeds the window (egui_plot) and the export ([`build_lag_scene`]),
//! so both show the same points.

use super::layout::{Metrics, kind_color};
use super::scene::{Align, Color, FontStyle, Item, Pos, Rect, Scene, Shape, Stroke, Target};
use super::text;
use super::view::{Theme, View};
use super::{Prepared, kinds_by_frequency};
use crate::model::{ArticleIx, Corpus, Edtf, EventIx, HappeningIx, Lang, Precision, Seconds};

const DAY_S: f64 = 86_400.0;

/// One report: an event of a happening, in an article with a publication date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LagPoint {
    pub happening: HappeningIx,
    pub event: EventIx,
    pub article: ArticleIx,
    /// When it happened: the middle of the happening's date (seconds since 1970).
    pub event_s: f64,
    /// When it was reported: the middle of the article's publication date.
    pub published_s: f64,
}

impl LagPoint {
    /// Days from the happening to its report (negative when announced beforehand).
    pub fn lag_days(&self) -> f64 {
        (self.published_s - self.event_s) / DAY_S
    }
}

/// The reports of what a filter shows, placed or counted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lag {
    /// Sorted by happening date, then publication date.
    pub points: Vec<LagPoint>,
    /// Reports in articles without a publication date (not drawn).
    pub unpublished_reports: usize,
    /// Articles without a publication date among those reporting what is shown.
    pub unpublished_articles: usize,
    /// Reports of undated happenings (not drawn either: they have no x).
    pub undated_reports: usize,
}

/// One bar of the lag histogram: a class of lags as people say them, and its count.
#[derive(Clone, Debug, PartialEq)]
pub struct LagBin {
    pub label: String,
    pub count: usize,
}

/// Classes of lag, in days: a lag `l` is in the first class whose upper bound exceeds it.
/// Labels in English and French. Round human spans rather than equal widths: lags run from
/// the same day to decades, and what matters is their order of magnitude.
const LAG_CLASSES: [(f64, &str, &str); 13] = [
    (-365.0, "over a year before", "plus d’un an avant"),
    (-30.0, "1–12 months before", "1 à 12 mois avant"),
    (-7.0, "1–4 weeks before", "1 à 4 semaines avant"),
    (-1.5, "2–7 days before", "2 à 7 jours avant"),
    (-0.5, "the day before", "la veille"),
    (0.5, "same day", "le jour même"),
    (1.5, "next day", "le lendemain"),
    (7.5, "2–7 days later", "2 à 7 jours après"),
    (31.0, "1–4 weeks later", "1 à 4 semaines après"),
    (183.0, "1–6 months later", "1 à 6 mois après"),
    (366.0, "6–12 months later", "6 à 12 mois après"),
    (1827.0, "1–5 years later", "1 à 5 ans après"),
    (f64::INFINITY, "over 5 years later", "plus de 5 ans après"),
];

/// The plot frames the dates between this quantile and its complement: a birth a century back, told in passing, would otherwise squeeze every
/// other report into a line. What lies beyond is pinned to the edge (export) or reached
/// by zooming out (window).
pub const FRAME_QUANTILE: f64 = 0.03;

/// The values between the [`FRAME_QUANTILE`] and its complement.
fn bulk(mut values: Vec<f64>) -> Option<(f64, f64)> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let at = |q: f64| {
        values
            .get(((n.saturating_sub(1)) as f64 * q).round() as usize)
            .copied()
    };
    Some((at(FRAME_QUANTILE)?, at(1.0 - FRAME_QUANTILE)?))
}

/// The middle of a date, or its known end when open.
fn middle_s(d: &Edtf) -> Option<f64> {
    match (d.earliest(), d.latest()) {
        (Some(a), Some(b)) => Some(0.5 * (a as f64 + b as f64)),
        (a, b) => a.or(b).map(|t| t as f64),
    }
}

impl Lag {
    /// The reports of the events `prepared` shows.
    pub fn new(corpus: &Corpus, prepared: &Prepared) -> Self {
        let mut lag = Self::default();
        let mut unpublished = vec![false; corpus.articles.len()];
        for (i, happening) in corpus.happenings.iter().enumerate() {
            let h = HappeningIx(i as u32);
            if !prepared.is_shown(h) {
                continue;
            }
            let event_s = happening.date.as_ref().and_then(middle_s);
            for &ev in &happening.events {
                if !prepared
                    .events_shown
                    .get(ev.index())
                    .copied()
                    .unwrap_or(false)
                {
                    continue;
                }
                let Some(event) = corpus.event(ev) else {
                    continue;
                };
                let Some(article) = corpus.article(event.article) else {
                    continue;
                };
                let Some(published_s) = article.published.as_ref().and_then(middle_s) else {
                    lag.unpublished_reports += 1;
                    if let Some(flag) = unpublished.get_mut(event.article.index()) {
                        *flag = true;
                    }
                    continue;
                };
                let Some(event_s) = event_s else {
                    lag.undated_reports += 1;
                    continue;
                };
                lag.points.push(LagPoint {
                    happening: h,
                    event: ev,
                    article: event.article,
                    event_s,
                    published_s,
                });
            }
        }
        lag.unpublished_articles = unpublished.iter().filter(|&&u| u).count();
        lag.points.sort_by(|a, b| {
            a.event_s
                .total_cmp(&b.event_s)
                .then(a.published_s.total_cmp(&b.published_s))
                .then(a.event.cmp(&b.event))
        });
        lag
    }

    /// The lags by class (`LAG_CLASSES`), from the first class holding a report to the
    /// last; empty without reports.
    pub fn histogram(&self, lang: Lang) -> Vec<LagBin> {
        let mut counts = [0usize; LAG_CLASSES.len()];
        for p in &self.points {
            let l = p.lag_days();
            let i = LAG_CLASSES
                .iter()
                .position(|(upper, _, _)| l < *upper)
                .unwrap_or(LAG_CLASSES.len() - 1);
            if let Some(c) = counts.get_mut(i) {
                *c += 1;
            }
        }
        let (Some(first), Some(last)) = (
            counts.iter().position(|&c| c > 0),
            counts.iter().rposition(|&c| c > 0),
        ) else {
            return Vec::new();
        };
        LAG_CLASSES
            .iter()
            .zip(counts)
            .skip(first)
            .take(last + 1 - first)
            .map(|((_, en, fr), count)| LagBin {
                label: match lang {
                    Lang::En => (*en).to_owned(),
                    Lang::Fr => (*fr).to_owned(),
                },
                count,
            })
            .collect()
    }

    /// The line saying what is not drawn, if anything.
    pub fn note(&self, lang: Lang) -> Option<String> {
        let mut parts = Vec::new();
        if self.unpublished_reports > 0 {
            let (a, r) = (self.unpublished_articles, self.unpublished_reports);
            parts.push(match lang {
                Lang::Fr => format!(
                    "{r} signalement{} de {a} article{} sans date de publication",
                    plural_fr(r),
                    plural_fr(a)
                ),
                Lang::En => format!(
                    "{r} report{} in {a} article{} without a publication date",
                    plural_en(r),
                    plural_en(a)
                ),
            });
        }
        if self.undated_reports > 0 {
            let r = self.undated_reports;
            parts.push(match lang {
                Lang::Fr => format!("{r} signalement{} sans date d’événement", plural_fr(r)),
                Lang::En => format!("{r} report{} of undated events", plural_en(r)),
            });
        }
        if parts.is_empty() {
            return None;
        }
        Some(match lang {
            Lang::Fr => format!("Non placés : {}.", parts.join(" ; ")),
            Lang::En => format!("Not drawn: {}.", parts.join("; ")),
        })
    }

    /// Reports beyond the framed bulk ([`Lag::bounds`]).
    pub fn outside_frame(&self) -> usize {
        let Some(((x0, x1), (y0, y1))) = self.bounds() else {
            return 0;
        };
        self.points
            .iter()
            .filter(|p| !(x0..=x1).contains(&p.event_s) || !(y0..=y1).contains(&p.published_s))
            .count()
    }

    /// Median lag in days, if any report is placed.
    pub fn median_days(&self) -> Option<f64> {
        let mut lags: Vec<f64> = self.points.iter().map(LagPoint::lag_days).collect();
        lags.sort_by(f64::total_cmp);
        let n = lags.len();
        if n == 0 {
            return None;
        }
        let a = lags.get((n - 1) / 2).copied()?;
        let b = lags.get(n / 2).copied()?;
        Some(0.5 * (a + b))
    }

    /// The time ranges of both axes, in seconds, with a margin: x (happenings) and y
    /// (publications), framing the bulk of the reports (see [`FRAME_QUANTILE`]).
    pub fn bounds(&self) -> Option<((f64, f64), (f64, f64))> {
        let x = bulk(self.points.iter().map(|p| p.event_s).collect())?;
        let y = bulk(self.points.iter().map(|p| p.published_s).collect())?;
        let widen = |(a, b): (f64, f64)| {
            let m = ((b - a) * 0.06).max(2.0 * DAY_S);
            (a - m, b + m)
        };
        Some((widen(x), widen(y)))
    }
}

fn plural_en(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn plural_fr(n: usize) -> &'static str {
    if n > 1 { "s" } else { "" }
}

/// A lag as people say it: "same day", "3 days", "5 weeks", "2 years" (negative: "before").
pub fn human_lag(days: f64, lang: Lang) -> String {
    let d = days.abs();
    let (n, unit_en, unit_fr) = if d < 0.5 {
        return match lang {
            Lang::Fr => "le jour même".to_owned(),
            Lang::En => "same day".to_owned(),
        };
    } else if d < 14.0 {
        (d.round(), "day", "jour")
    } else if d < 60.0 {
        ((d / 7.0).round(), "week", "semaine")
    } else if d < 730.0 {
        ((d / 30.44).round(), "month", "mois")
    } else {
        ((d / 365.25).round(), "year", "an")
    };
    let many = n > 1.0;
    let amount = match lang {
        Lang::Fr => format!(
            "{n} {unit_fr}{}",
            if many && unit_fr != "mois" { "s" } else { "" }
        ),
        Lang::En => format!("{n} {unit_en}{}", if many { "s" } else { "" }),
    };
    match (lang, days < 0.0) {
        (Lang::Fr, true) => format!("{amount} avant"),
        (Lang::Fr, false) => format!("{amount} après"),
        (Lang::En, true) => format!("{amount} before"),
        (Lang::En, false) => format!("{amount} later"),
    }
}

/// A date label for an axis spanning `span_s` seconds.
pub fn axis_date(t_s: f64, span_s: f64, lang: Lang) -> String {
    let precision = if span_s > 3.0 * 365.0 * DAY_S {
        Precision::Year
    } else if span_s > 90.0 * DAY_S {
        Precision::Month
    } else {
        Precision::Day
    };
    if !t_s.is_finite() {
        return String::new();
    }
    crate::model::date::point_at(t_s as Seconds, precision)
        .map(|p| Edtf::Point(p).human(lang))
        .unwrap_or_default()
}

/// What a screen reader says of a point, and what its tooltip shows: "title — outlet,
/// published date, lag".
pub fn point_label(corpus: &Corpus, p: &LagPoint, lang: Lang) -> String {
    let title = corpus
        .event(p.event)
        .map_or("", |e| e.title.as_str())
        .to_owned();
    let article = corpus.article(p.article);
    let outlet = article.map_or("", |a| a.outlet());
    let published = article
        .and_then(|a| a.published.as_ref())
        .map(|d| d.human(lang))
        .unwrap_or_default();
    format!(
        "{title} — {outlet}, {published}, {}",
        human_lag(p.lag_days(), lang)
    )
}

/// Lays the lag view out as a [`Scene`] of `width`×`height` for export (SVG, PNG), with
/// an optional title: the plot on the left, the histogram on the right, the note under.
pub fn build_lag_scene(
    corpus: &Corpus,
    lag: &Lag,
    view: &View,
    width: f32,
    height: f32,
    title: Option<&str>,
) -> Scene {
    let width = if width.is_finite() {
        width.max(64.0)
    } else {
        64.0
    };
    let height = if height.is_finite() {
        height.max(64.0)
    } else {
        64.0
    };
    let theme = Theme::new(view.theme);
    let m = Metrics::new(view.font_px);
    let lang = view.lang;
    let kinds = kinds_by_frequency(corpus);
    let mut scene = Scene {
        width,
        height,
        background: Some(theme.background),
        ..Scene::default()
    };
    let margin = (1.6 * m.font).round().min(0.06 * width.min(height));
    let mut y = margin;
    let text_at = |scene: &mut Scene,
                   x: f32,
                   baseline: f32,
                   t: String,
                   size: f32,
                   color: Color,
                   align: Align,
                   style: FontStyle| {
        if !t.is_empty() {
            scene.shapes.push(Shape::Text {
                x,
                baseline,
                text: t,
                size,
                color,
                align,
                style,
            });
        }
    };
    let content_w = width - 2.0 * margin;
    if let Some(t) = title.filter(|t| !t.trim().is_empty()) {
        let size = (1.85 * m.font).round();
        for line in text::wrap(t, size, FontStyle::Bold, content_w, 2) {
            y += text::ascent(size);
            text_at(
                &mut scene,
                margin,
                y,
                line,
                size,
                theme.text,
                Align::Left,
                FontStyle::Bold,
            );
            y += text::line_height(size) - text::ascent(size);
        }
        y += 0.6 * m.font;
    }
    let summary = {
        let n = lag.points.len();
        let median = lag
            .median_days()
            .map(|d| match lang {
                Lang::Fr => format!(" · délai médian : {}", human_lag(d, lang)),
                Lang::En => format!(" · median lag: {}", human_lag(d, lang)),
            })
            .unwrap_or_default();
        match lang {
            Lang::Fr => format!(
                "Délai de publication · {n} signalement{}{median}",
                plural_fr(n)
            ),
            Lang::En => format!("Reporting lag · {n} report{}{median}", plural_en(n)),
        }
    };
    let sub = (1.08 * m.font).round();
    y += text::ascent(sub);
    text_at(
        &mut scene,
        margin,
        y,
        summary,
        sub,
        theme.muted,
        Align::Left,
        FontStyle::Regular,
    );
    y += text::line_height(sub) - text::ascent(sub) + 0.6 * m.font;

    let small = (m.font * 0.85).max(10.0);
    let line_small = text::line_height(small);
    let outside = lag.outside_frame();
    let note = match (lag.note(lang), outside) {
        (note, 0) => note,
        (note, n) => {
            let pinned = match lang {
                Lang::Fr => format!(
                    "{n} signalement{} hors du cadre, creux sur son bord.",
                    plural_fr(n)
                ),
                Lang::En => format!(
                    "{n} report{} beyond the frame, hollow on its edge.",
                    plural_en(n)
                ),
            };
            Some(note.map_or_else(|| pinned.clone(), |t| format!("{t} {pinned}")))
        }
    };
    let bottom = height
        - margin
        - if note.is_some() {
            line_small + 0.5 * m.font
        } else {
            0.0
        };
    if let Some(note) = note {
        let baseline = height - margin - (line_small - text::ascent(small));
        let note = text::truncate(&note, small, FontStyle::Italic, content_w);
        text_at(
            &mut scene,
            margin,
            baseline,
            note,
            small,
            theme.muted,
            Align::Left,
            FontStyle::Italic,
        );
    }

    // Axis room: date labels on the left of the plot and under it.
    let axis_label_w = text::width("Sept 2025", small, FontStyle::Regular) + 0.6 * m.font;
    let axis_h = 2.2 * line_small;
    let gap = 2.0 * m.font;
    let hist_w = (0.26 * content_w).max(120.0).min(content_w * 0.4);
    let plot = Rect {
        min: Pos::new(margin + axis_label_w, y),
        max: Pos::new(
            margin + content_w - hist_w - gap,
            (bottom - axis_h).max(y + 10.0),
        ),
    };
    let hist = Rect {
        min: Pos::new(plot.max.x + gap + 1.6 * m.font, y),
        max: Pos::new(margin + content_w, plot.max.y),
    };
    scene.plot = plot;
    let frame = |scene: &mut Scene, r: Rect| {
        scene.shapes.push(Shape::Rect {
            rect: r,
            radius: 0.0,
            fill: Some(super::scene::Paint::Solid(theme.lane_band)),
            stroke: Some(Stroke::solid(1.0, theme.grid_major)),
        });
    };
    frame(&mut scene, plot);
    frame(&mut scene, hist);

    let Some(((x0, x1), (y0, y1))) = lag.bounds() else {
        let baseline = plot.center().y;
        let none = match lang {
            Lang::Fr => "Aucun signalement daté à placer",
            Lang::En => "No dated report to place",
        };
        text_at(
            &mut scene,
            plot.center().x,
            baseline,
            none.to_owned(),
            m.font,
            theme.muted,
            Align::Center,
            FontStyle::Regular,
        );
        return scene;
    };
    scene.window_s = (x0, x1);
    let px = |t: f64| plot.min.x + ((t - x0) / (x1 - x0)) as f32 * plot.width();
    let py = |t: f64| plot.max.y - ((t - y0) / (y1 - y0)) as f32 * plot.height();

    // Date ticks on both axes, from the timeline's calendar.
    let ticks_of = |lo: f64, hi: f64, len: f32| {
        let scale = super::TimeScale::new(super::TimeWindow::new(lo, hi), 0.0, len);
        super::ticks::calendar_ticks(&scale, lang, small * 1.4)
    };
    let xt = ticks_of(x0, x1, plot.width());
    for t in xt.minor.iter().chain(&xt.major) {
        let x = px(t.t_s);
        if x < plot.min.x || x > plot.max.x {
            continue;
        }
        scene.shapes.push(Shape::Line {
            from: Pos::new(x, plot.min.y),
            to: Pos::new(x, plot.max.y),
            stroke: Stroke::solid(1.0, theme.grid),
        });
    }
    // Labels at the precision of the ticks, each kept only where it has room.
    let label_of = |t_s: f64, unit: super::ticks::Unit| {
        let step_s = unit.approx_s();
        let span_s = if step_s >= 360.0 * DAY_S {
            4.0 * 365.0 * DAY_S
        } else if step_s >= 28.0 * DAY_S {
            100.0 * DAY_S
        } else {
            DAY_S
        };
        axis_date(t_s, span_s, lang)
    };
    let mut last_right = f32::NEG_INFINITY;
    for t in &xt.minor {
        let x = px(t.t_s);
        let label = label_of(t.t_s, xt.minor_unit);
        let w = text::width(&label, small, FontStyle::Regular);
        if x < plot.min.x || x > plot.max.x || x - 0.5 * w < last_right + 0.8 * m.font {
            continue;
        }
        last_right = x + 0.5 * w;
        text_at(
            &mut scene,
            x,
            plot.max.y + 1.1 * line_small,
            label,
            small,
            theme.muted,
            Align::Center,
            FontStyle::Regular,
        );
    }
    let yt = ticks_of(y0, y1, plot.height());
    for t in yt.minor.iter().chain(&yt.major) {
        let y = py(t.t_s);
        if y < plot.min.y || y > plot.max.y {
            continue;
        }
        scene.shapes.push(Shape::Line {
            from: Pos::new(plot.min.x, y),
            to: Pos::new(plot.max.x, y),
            stroke: Stroke::solid(1.0, theme.grid),
        });
    }
    let mut last_top = f32::INFINITY;
    for t in &yt.minor {
        let y = py(t.t_s);
        if y < plot.min.y || y > plot.max.y || y + line_small > last_top {
            continue;
        }
        last_top = y;
        let label = label_of(t.t_s, yt.minor_unit);
        text_at(
            &mut scene,
            plot.min.x - 0.4 * m.font,
            Metrics::baseline(y, small),
            label,
            small,
            theme.muted,
            Align::Right,
            FontStyle::Regular,
        );
    }
    let (x_name, y_name) = match lang {
        Lang::Fr => ("date de l’événement", "date de publication"),
        Lang::En => ("when it happened", "when it was reported"),
    };
    text_at(
        &mut scene,
        plot.max.x,
        plot.max.y + 2.1 * line_small,
        x_name.to_owned(),
        small,
        theme.muted,
        Align::Right,
        FontStyle::Italic,
    );
    text_at(
        &mut scene,
        plot.min.x + 0.4 * m.font,
        plot.min.y + 1.1 * line_small,
        y_name.to_owned(),
        small,
        theme.muted,
        Align::Left,
        FontStyle::Italic,
    );

    // The diagonal: reported the moment it happened.
    let (d0, d1) = (x0.max(y0), x1.min(y1));
    if d1 > d0 {
        scene.shapes.push(Shape::Line {
            from: Pos::new(px(d0), py(d0)),
            to: Pos::new(px(d1), py(d1)),
            stroke: Stroke::dashed(1.4 * m.scale, theme.period),
        });
    }

    // The points, the selected happening's last and ringed.
    let mut order: Vec<&LagPoint> = lag.points.iter().collect();
    order.sort_by_key(|p| Some(p.happening) == view.selected);
    for p in order {
        let (x, y) = (px(p.event_s), py(p.published_s));
        // Beyond the frame: pinned to its edge, hollow.
        let pinned = x < plot.min.x || x > plot.max.x || y < plot.min.y || y > plot.max.y;
        let center = Pos::new(
            x.clamp(plot.min.x, plot.max.x),
            y.clamp(plot.min.y, plot.max.y),
        );
        let kind = corpus.event(p.event).and_then(|e| e.kind.as_deref());
        let color = kind_color(&theme, &kinds, kind);
        scene.shapes.push(Shape::Circle {
            center,
            radius: m.radius,
            fill: Some(if pinned {
                theme.background
            } else {
                color.faded(0.85)
            }),
            stroke: Some(if pinned {
                Stroke::solid(1.4 * m.scale, color)
            } else {
                Stroke::solid(1.0, theme.background)
            }),
        });
        if Some(p.happening) == view.selected {
            scene.shapes.push(Shape::Circle {
                center,
                radius: m.radius + 3.0 * m.scale,
                fill: None,
                stroke: Some(Stroke::solid(2.0 * m.scale, theme.selection)),
            });
        }
        let r = m.radius + 2.0;
        scene.items.push(Item {
            rect: Rect::from_min_size(center.x - r, center.y - r, 2.0 * r, 2.0 * r),
            target: Target::Happening(p.happening),
            lane: usize::MAX,
            label: point_label(corpus, p, lang),
        });
    }

    // The histogram of lags: one row per class, its name, its bar and its count.
    let bins = lag.histogram(lang);
    let max = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let label_w = bins
        .iter()
        .map(|b| text::width(&b.label, small, FontStyle::Regular))
        .fold(0.0_f32, f32::max)
        + 0.6 * m.font;
    let count_w = text::width(&max.to_string(), small, FontStyle::Regular) + 0.6 * m.font;
    let row_h = (hist.height() / bins.len().max(1) as f32).min(2.4 * line_small);
    let bar_x0 = hist.min.x + label_w;
    let bar_room = (hist.max.x - count_w - bar_x0).max(1.0);
    for (i, bin) in bins.iter().enumerate() {
        let cy = hist.min.y + (i as f32 + 0.5) * row_h;
        let baseline = Metrics::baseline(cy, small);
        text_at(
            &mut scene,
            bar_x0 - 0.4 * m.font,
            baseline,
            bin.label.clone(),
            small,
            theme.muted,
            Align::Right,
            FontStyle::Regular,
        );
        let w = bin.count as f32 / max as f32 * bar_room;
        if bin.count > 0 {
            scene.shapes.push(Shape::Rect {
                rect: Rect {
                    min: Pos::new(bar_x0, cy - 0.32 * row_h),
                    max: Pos::new(bar_x0 + w.max(1.0), cy + 0.32 * row_h),
                },
                radius: 0.0,
                fill: Some(super::scene::Paint::Solid(theme.palette[0].faded(0.75))),
                stroke: None,
            });
        }
        text_at(
            &mut scene,
            bar_x0 + w + 0.3 * m.font,
            baseline,
            bin.count.to_string(),
            small,
            theme.text,
            Align::Left,
            FontStyle::Regular,
        );
    }
    let hist_name = match lang {
        Lang::Fr => "délai de publication",
        Lang::En => "reporting lag",
    };
    text_at(
        &mut scene,
        hist.max.x,
        plot.max.y + 2.1 * line_small,
        hist_name.to_owned(),
        small,
        theme.muted,
        Align::Right,
        FontStyle::Italic,
    );
    scene
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::load_bundled;
    use crate::timeline::{Filter, LaneMode};

    #[test]
    fn the_bundled_articles_have_no_publication_date_and_say_so() {
        let corpus = load_bundled();
        let prepared = Prepared::new(&corpus, &Filter::default(), LaneMode::None);
        let lag = Lag::new(&corpus, &prepared);
        assert!(lag.points.is_empty());
        assert_eq!(lag.unpublished_articles, 2);
        assert!(lag.unpublished_reports >= 10, "{lag:?}");
        let note = lag.note(Lang::En).unwrap();
        assert!(
            note.contains("2 articles without a publication date"),
            "{note}"
        );
        let scene = build_lag_scene(&corpus, &lag, &View::default(), 1280.0, 720.0, None);
        assert!(scene.items.is_empty());
    }

    #[test]
    fn lags_read_as_people_say_them() {
        assert_eq!(human_lag(0.0, Lang::En), "same day");
        assert_eq!(human_lag(1.0, Lang::En), "1 day later");
        assert_eq!(human_lag(21.0, Lang::En), "3 weeks later");
        assert_eq!(human_lag(-3.0, Lang::En), "3 days before");
        assert_eq!(human_lag(800.0, Lang::Fr), "2 ans après");
    }

    #[test]
    fn histograms_count_every_point_in_human_classes() {
        let point = |e: f64, p: f64| LagPoint {
            happening: HappeningIx(0),
            event: EventIx(0),
            article: ArticleIx(0),
            event_s: e * DAY_S,
            published_s: p * DAY_S,
        };
        let lag = Lag {
            points: vec![
                point(0.0, 0.0),
                point(0.0, 1.0),
                point(10.0, 40.0),
                point(5.0, 3.0),
                point(0.0, 3000.0),
            ],
            ..Lag::default()
        };
        let bins = lag.histogram(Lang::En);
        assert_eq!(bins.iter().map(|b| b.count).sum::<usize>(), 5);
        let labels: Vec<&str> = bins.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"2–7 days before"));
        assert_eq!(labels.last(), Some(&"over 5 years later"));
        assert!(labels.contains(&"same day") && labels.contains(&"1–4 weeks later"));
        assert_eq!(lag.median_days(), Some(1.0));
        assert!(Lag::default().histogram(Lang::Fr).is_empty());
    }
}
