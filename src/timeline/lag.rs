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

/// A histogram of the lags: `bins[i]` counts lags in
/// `[start_days + i·bin_days, start_days + (i+1)·bin_days)`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Histogram {
    pub start_days: f64,
    pub bin_days: f64,
    pub bins: Vec<usize>,
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

    /// The lags in bins of a round number of days (a day, a week, a month, a year…), at
    /// most about `max_bins` of them.
    pub fn histogram(&self, max_bins: usize) -> Histogram {
        let lags = self.points.iter().map(LagPoint::lag_days);
        let Some((lo, hi)) = lags.clone().fold(None, |acc: Option<(f64, f64)>, l| {
            Some(acc.map_or((l, l), |(a, b)| (a.min(l), b.max(l))))
        }) else {
            return Histogram::default();
        };
        let max_bins = max_bins.max(1) as f64;
        let bin_days = [1.0, 2.0, 7.0, 14.0, 30.0, 91.0, 182.0, 365.0]
            .into_iter()
            .chain((1..=15).map(|e| 365.0 * 10_f64.powi(e)))
            .find(|&w| (hi - lo) / w < max_bins)
            .unwrap_or(365.0 * 1e16);
        let start_days = (lo / bin_days).floor() * bin_days;
        let n = (((hi - start_days) / bin_days).floor() as usize + 1).min(max_bins as usize + 1);
        let mut bins = vec![0; n];
        for l in lags {
            let i = (((l - start_days) / bin_days).floor().max(0.0) as usize).min(n - 1);
            if let Some(b) = bins.get_mut(i) {
                *b += 1;
            }
        }
        Histogram {
            start_days,
            bin_days,
            bins,
        }
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
    /// (publications).
    pub fn bounds(&self) -> Option<((f64, f64), (f64, f64))> {
        let first = self.points.first()?;
        let mut x = (first.event_s, first.event_s);
        let mut y = (first.published_s, first.published_s);
        for p in &self.points {
            x = (x.0.min(p.event_s), x.1.max(p.event_s));
            y = (y.0.min(p.published_s), y.1.max(p.published_s));
        }
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

/// Round tick values in `[lo, hi)` for a count axis.
fn count_ticks(max: usize) -> Vec<usize> {
    let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000]
        .into_iter()
        .find(|s| max / s <= 5)
        .unwrap_or(max.max(1) / 5);
    (0..=max).step_by(step.max(1)).collect()
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
    let note = lag.note(lang);
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
    let label_every = |n: usize| (n / 8).max(1);
    let x_labels: Vec<_> = if xt.minor.len() <= 12 {
        xt.minor.clone()
    } else {
        xt.major.clone()
    };
    let every = label_every(x_labels.len());
    for t in x_labels.iter().step_by(every) {
        let x = px(t.t_s);
        if x < plot.min.x || x > plot.max.x {
            continue;
        }
        text_at(
            &mut scene,
            x,
            plot.max.y + 1.1 * line_small,
            axis_date(t.t_s, x1 - x0, lang),
            small,
            theme.muted,
            Align::Center,
            FontStyle::Regular,
        );
    }
    let yt = ticks_of(y0, y1, plot.height());
    let y_labels: Vec<_> = if yt.minor.len() <= 10 {
        yt.minor.clone()
    } else {
        yt.major.clone()
    };
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
    let every = label_every(y_labels.len());
    for t in y_labels.iter().step_by(every) {
        let y = py(t.t_s);
        if y < plot.min.y || y > plot.max.y {
            continue;
        }
        let baseline = Metrics::baseline(y, small);
        text_at(
            &mut scene,
            plot.min.x - 0.4 * m.font,
            baseline,
            axis_date(t.t_s, y1 - y0, lang),
            small,
            theme.muted,
            Align::Right,
            FontStyle::Regular,
        );
    }
    let (x_name, y_name) = match lang {
        Lang::Fr => ("date de l’événement →", "↑ date de publication"),
        Lang::En => ("when it happened →", "↑ when it was reported"),
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
        let center = Pos::new(px(p.event_s), py(p.published_s));
        let kind = corpus.event(p.event).and_then(|e| e.kind.as_deref());
        let color = kind_color(&theme, &kinds, kind);
        scene.shapes.push(Shape::Circle {
            center,
            radius: m.radius,
            fill: Some(color.faded(0.85)),
            stroke: Some(Stroke::solid(1.0, theme.background)),
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

    // The histogram of lags: bars over the lag, counts up.
    let h = lag.histogram(24);
    let max = h.bins.iter().copied().max().unwrap_or(0).max(1);
    let n = h.bins.len().max(1) as f32;
    let bar_w = hist.width() / n;
    for (i, &count) in h.bins.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let bh = count as f32 / max as f32 * (hist.height() - line_small);
        let x = hist.min.x + i as f32 * bar_w;
        scene.shapes.push(Shape::Rect {
            rect: Rect {
                min: Pos::new(x + 1.0, hist.max.y - bh),
                max: Pos::new(x + bar_w - 1.0, hist.max.y),
            },
            radius: 0.0,
            fill: Some(super::scene::Paint::Solid(theme.palette[0].faded(0.75))),
            stroke: None,
        });
    }
    for c in count_ticks(max) {
        let y = hist.max.y - c as f32 / max as f32 * (hist.height() - line_small);
        text_at(
            &mut scene,
            hist.min.x - 0.3 * m.font,
            Metrics::baseline(y, small),
            c.to_string(),
            small,
            theme.muted,
            Align::Right,
            FontStyle::Regular,
        );
    }
    let first = human_lag(h.start_days, lang);
    let last = human_lag(h.start_days + h.bin_days * h.bins.len() as f64, lang);
    let under = plot.max.y + 1.1 * line_small;
    text_at(
        &mut scene,
        hist.min.x,
        under,
        first,
        small,
        theme.muted,
        Align::Left,
        FontStyle::Regular,
    );
    text_at(
        &mut scene,
        hist.max.x,
        under,
        last,
        small,
        theme.muted,
        Align::Right,
        FontStyle::Regular,
    );
    let hist_name = match lang {
        Lang::Fr => "délai →",
        Lang::En => "lag →",
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
    fn histograms_count_every_point_in_round_bins() {
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
            ],
            ..Lag::default()
        };
        let h = lag.histogram(10);
        assert_eq!(h.bins.iter().sum::<usize>(), 4);
        assert!(h.bin_days >= 4.2 && h.bins.len() <= 11, "{h:?}");
        assert!(h.start_days <= -2.0);
        assert_eq!(lag.median_days(), Some(0.5));
        assert_eq!(Lag::default().histogram(10), Histogram::default());
    }
}
