//! The pure timeline layout, without a window: lanes, label placement, clusters, reveal.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use std::sync::Arc;

use frise::formats;
use frise::model::{Corpus, CorpusBuilder, HappeningIx};
use frise::timeline::scene::{Align, Pos, Rect, Shape, Target};
use frise::timeline::text;
use frise::timeline::view::Reveal;
use frise::timeline::{
    Filter, LaneMode, Prepared, Scene, TimeWindow, View, build_scene, kinds_by_frequency,
};

/// A corpus from native JSON documents given as strings.
fn corpus(docs: &[String]) -> Corpus {
    let mut b = CorpusBuilder::new();
    for (i, d) in docs.iter().enumerate() {
        let path: Arc<str> = Arc::from(format!("doc{i}.json"));
        let (docs, diags) = formats::read_text(&path, d);
        assert!(diags.is_empty(), "{diags:?}");
        for doc in docs {
            b.add(doc);
        }
    }
    b.finish()
}

/// An article whose events fall on the given dates, each with its own sentence as evidence.
fn article(id: &str, dates: &[&str], actors: &[&str]) -> String {
    let mut text = String::new();
    let mut events = Vec::new();
    for (n, date) in dates.iter().enumerate() {
        let sentence = format!("Événement numéro {n} de {id}, le {date}. ");
        let start = text.chars().count();
        text.push_str(&sentence);
        let quote = sentence.trim_end();
        let actor = actors
            .get(n % actors.len().max(1))
            .map_or(String::new(), |a| format!(r#""actors":["{a}"],"#));
        events.push(format!(
            r#"{{"id":"e{n}",{actor}"title":"Event {n} of {id} with a fairly long title","date":"{date}","kind":"k{}","evidence":[{{"quote":{},"start":{start},"end":{}}}]}}"#,
            n % 3,
            serde_json::to_string(quote).unwrap(),
            start + quote.chars().count()
        ));
    }
    let entities: Vec<String> = actors
        .iter()
        .map(|a| format!(r#"{{"id":"{a}","name":"Name of {a}","kind":"person"}}"#))
        .collect();
    format!(
        r#"{{"frise":1,"article":{{"id":"{id}","source":"Outlet {id}","text":{}}},"entities":[{}],"events":[{}]}}"#,
        serde_json::to_string(&text).unwrap(),
        entities.join(","),
        events.join(",")
    )
}

fn scene(
    c: &Corpus,
    mode: LaneMode,
    window: TimeWindow,
    reveal: Option<Reveal>,
) -> (Prepared, Scene) {
    let prepared = Prepared::new(c, &Filter::default(), mode);
    let view = View {
        window,
        reveal,
        ..View::default()
    };
    let kinds = kinds_by_frequency(c);
    let frame = Rect::from_min_size(0.0, 0.0, 1200.0, 700.0);
    let s = build_scene(c, &prepared, &view, &kinds, frame);
    (prepared, s)
}

fn t(date: &str) -> f64 {
    frise::model::Edtf::parse(date).unwrap().earliest().unwrap() as f64
}

/// Bounding boxes of every text in the scene.
fn text_boxes(s: &Scene) -> Vec<(Rect, String)> {
    s.shapes
        .iter()
        .filter_map(|shape| match shape {
            Shape::Text {
                x,
                baseline,
                text: t,
                size,
                align,
                style,
                ..
            } => {
                let w = text::width(t, *size, *style);
                let left = match align {
                    Align::Left => *x,
                    Align::Center => x - w / 2.0,
                    Align::Right => x - w,
                };
                let top = baseline - text::ascent(*size);
                let h = text::line_height(*size);
                Some((
                    Rect {
                        min: Pos::new(left, top + 0.15 * h),
                        max: Pos::new(left + w, top + 0.85 * h),
                    },
                    t.clone(),
                ))
            }
            _ => None,
        })
        .collect()
}

fn assert_no_text_overlaps(s: &Scene) {
    let boxes = text_boxes(s);
    for (i, (a, ta)) in boxes.iter().enumerate() {
        for (b, tb) in boxes.iter().skip(i + 1) {
            assert!(
                !a.intersects(b),
                "texts overlap: {ta:?} {a:?} / {tb:?} {b:?}"
            );
        }
    }
}

fn dense_corpus() -> Corpus {
    // 300 events over three days, plus a few spread over a year.
    let mut dates: Vec<String> = (0..300)
        .map(|i| {
            format!(
                "2025-07-{:02}T{:02}:{:02}",
                10 + i % 3,
                (i / 3) % 24,
                (i * 7) % 60
            )
        })
        .collect();
    dates.extend(
        [
            "2025-01",
            "2025-03-15",
            "2025~",
            "2025-05-01/2025-06-30",
            "2025-08-20?",
        ]
        .map(String::from),
    );
    let refs: Vec<&str> = dates.iter().map(String::as_str).collect();
    corpus(&[article("dense", &refs, &["a", "b", "c"])])
}

#[test]
fn labels_never_overlap_at_any_zoom() {
    let c = dense_corpus();
    for (a, b) in [
        ("2024-12-01", "2026-01-01"),
        ("2025-07-01", "2025-08-01"),
        ("2025-07-10", "2025-07-13"),
        ("2025-07-11", "2025-07-12"),
        ("2025-07-11T10:00", "2025-07-11T12:00"),
    ] {
        for mode in [LaneMode::None, LaneMode::Actor, LaneMode::Kind] {
            let (_, s) = scene(&c, mode, TimeWindow::new(t(a), t(b)), None);
            assert_no_text_overlaps(&s);
            // And every drawn mark belongs to an item that can be clicked.
            assert_eq!(
                s.placed.len(),
                s.items
                    .iter()
                    .filter(|i| matches!(i.target, Target::Happening(_)))
                    .count()
            );
        }
    }
    let bundled = formats::load_bundled();
    for mode in [
        LaneMode::None,
        LaneMode::Actor,
        LaneMode::Article,
        LaneMode::Place,
        LaneMode::Tag,
    ] {
        let prepared = Prepared::new(&bundled, &Filter::default(), mode);
        let (lo, hi) = prepared.extent().unwrap();
        let (_, s) = scene(
            &bundled,
            mode,
            TimeWindow::fit(lo as f64, hi as f64, 0.05),
            None,
        );
        assert_no_text_overlaps(&s);
    }
}

#[test]
fn dense_views_cluster_and_the_counts_add_up() {
    let c = dense_corpus();
    for (a, b) in [("2024-12-01", "2026-01-01"), ("2025-07-09", "2025-07-14")] {
        let (prepared, s) = scene(&c, LaneMode::None, TimeWindow::new(t(a), t(b)), None);
        let in_view = prepared.all.count(t(a) as i64, t(b) as i64);
        assert!(s.clustered > 0, "300 events in a few days must cluster");
        assert_eq!(
            s.placed.len() + s.clustered as usize,
            in_view,
            "every event in view is drawn or counted"
        );
        let clusters: u32 = s
            .items
            .iter()
            .filter_map(|i| match i.target {
                Target::Zoom { count, .. } => Some(count),
                _ => None,
            })
            .sum();
        assert_eq!(
            clusters, s.clustered,
            "the pills show every clustered event"
        );
    }
    // Zoomed to an hour, everything fits one by one.
    let (prepared, s) = scene(
        &c,
        LaneMode::None,
        TimeWindow::new(t("2025-07-11T10:00"), t("2025-07-11T11:00")),
        None,
    );
    let in_view = prepared
        .all
        .count(t("2025-07-11T10:00") as i64, t("2025-07-11T11:00") as i64);
    assert_eq!(s.placed.len(), in_view);
    assert_eq!(s.clustered, 0);
}

#[test]
fn an_event_with_two_actors_is_in_both_lanes() {
    let c = formats::load_bundled();
    let prepared = Prepared::new(&c, &Filter::default(), LaneMode::Actor);
    let meeting = c
        .events
        .iter()
        .find(|e| e.id == "moscow-meeting-a")
        .unwrap()
        .happening;
    let lanes_with: Vec<&str> = prepared
        .lanes
        .iter()
        .filter(|l| {
            l.index
                .overlapping(i64::MIN + 1, i64::MAX - 1)
                .iter()
                .any(|s| s.happening == meeting)
        })
        .map(|l| l.label.as_str())
        .collect();
    for name in [
        "Faisal Mekdad",
        "Sergueï Lavrov",
        "Asaad al-Shaibani",
        "Murhaf Abu Qasra",
        "Vladimir Poutine",
    ] {
        assert!(lanes_with.contains(&name), "{name} in {lanes_with:?}");
    }
    // Happenings without an actor get a lane of their own, last.
    assert_eq!(prepared.lanes.last().unwrap().label, "No actor");
    // Undated happenings are in the tray, not in lanes.
    assert!(!prepared.undated.is_empty());
    for l in &prepared.lanes {
        for s in l.index.overlapping(i64::MIN + 1, i64::MAX - 1) {
            assert!(c.happening(s.happening).unwrap().date.is_some());
        }
    }
}

#[test]
fn many_lanes_fold_into_others() {
    let actors: Vec<String> = (0..40).map(|i| format!("actor{i}")).collect();
    let refs: Vec<&str> = actors.iter().map(String::as_str).collect();
    let dates: Vec<String> = (0..80)
        .map(|i| format!("2025-{:02}-01", 1 + i % 12))
        .collect();
    let drefs: Vec<&str> = dates.iter().map(String::as_str).collect();
    let c = corpus(&[article("many", &drefs, &refs)]);
    let prepared = Prepared::new(&c, &Filter::default(), LaneMode::Actor);
    assert_eq!(prepared.lanes.len(), frise::timeline::lanes::MAX_LANES);
    assert!(prepared.lanes.last().unwrap().label.ends_with("others"));
    let total: usize = prepared.lanes.iter().map(|l| l.index.len()).sum();
    assert_eq!(
        total, 80,
        "each event has one actor, so it is in exactly one lane"
    );
}

#[test]
fn progressive_reveal_hides_or_dims_later_events() {
    let c = formats::load_bundled();
    let prepared = Prepared::new(&c, &Filter::default(), LaneMode::None);
    let (lo, hi) = prepared.extent().unwrap();
    let window = TimeWindow::fit(lo as f64, hi as f64, 0.05);
    let first_two: Vec<HappeningIx> = {
        let mut v: Vec<HappeningIx> = prepared.order.iter().take(2).copied().collect();
        v.sort();
        v
    };
    let (_, hidden) = scene(
        &c,
        LaneMode::None,
        window,
        Some(Reveal {
            revealed: first_two.clone(),
            dim: false,
        }),
    );
    let drawn: Vec<HappeningIx> = hidden.placed.iter().map(|p| p.happening).collect();
    assert!(!drawn.is_empty());
    assert!(drawn.iter().all(|h| first_two.contains(h)), "{drawn:?}");
    let (_, dimmed) = scene(
        &c,
        LaneMode::None,
        window,
        Some(Reveal {
            revealed: first_two,
            dim: true,
        }),
    );
    assert!(
        dimmed.placed.len() > drawn.len(),
        "dimmed events are still drawn"
    );
}

#[test]
fn marks_follow_the_date_semantics() {
    // A day is a point, a month a bar as wide as the month, an interval a bar over its span.
    let c = corpus(&[article(
        "marks",
        &[
            "2025-07-31",
            "2025-03",
            "2025-04-10/2025-05-20",
            "2025-06-01/..",
        ],
        &[],
    )]);
    let window = TimeWindow::new(t("2025-01-01"), t("2025-12-31"));
    let (_, s) = scene(&c, LaneMode::None, window, None);
    let scale = frise::timeline::TimeScale::new(window, s.plot.min.x, s.plot.width());
    let mark = |n: usize| {
        s.placed
            .iter()
            .find(|p| c.events[n].happening == p.happening)
            .unwrap()
            .mark
    };
    let day = mark(0);
    assert!(
        day.width() < 20.0,
        "a day in a year view is a point: {day:?}"
    );
    let month = mark(1);
    let expected = scale.x_of(t("2025-04-01")) - scale.x_of(t("2025-03-01"));
    assert!(
        (month.width() - expected).abs() < 2.0,
        "{month:?} vs {expected}"
    );
    let interval = mark(2);
    assert!((interval.min.x - scale.x_of(t("2025-04-10"))).abs() < 2.0);
    let open = mark(3);
    assert!(
        (open.min.x - scale.x_of(t("2025-06-01"))).abs() < 2.0,
        "an open end starts at its start: {open:?}"
    );
    let arrows = s
        .shapes
        .iter()
        .filter(|sh| matches!(sh, Shape::Polygon { points, .. } if points.len() == 3))
        .count();
    assert!(arrows >= 1, "an arrow marks the open end");
}

#[test]
fn very_dense_views_sample_and_still_account_for_every_event() {
    // 6,000 events over a year: far past what the view can place one by one.
    let dates: Vec<String> = (0..6000)
        .map(|i| {
            format!(
                "2025-{:02}-{:02}T{:02}:{:02}",
                1 + (i * 7) % 12,
                1 + (i * 13) % 28,
                i % 24,
                (i * 37) % 60
            )
        })
        .collect();
    let refs: Vec<&str> = dates.iter().map(String::as_str).collect();
    let mut docs = vec![article("huge", &refs, &["a", "b"])];
    // A story told by two articles: it must be drawn, not lost in a cluster.
    docs.push(
        article("other", &["2025-06-15"], &[]).replace(r#""id":"e0""#, r#""id":"e0","story":"s""#),
    );
    docs.push(
        article("third", &["2025-06-15"], &[]).replace(r#""id":"e0""#, r#""id":"e0","story":"s""#),
    );
    let c = corpus(&docs);
    for mode in [LaneMode::None, LaneMode::Actor] {
        for (a, b) in [("2024-10-01", "2026-03-01"), ("2025-05-01", "2025-08-01")] {
            let (prepared, s) = scene(&c, mode, TimeWindow::new(t(a), t(b)), None);
            let in_view: usize = prepared
                .lanes
                .iter()
                .map(|l| l.index.count(t(a) as i64, t(b) as i64))
                .sum();
            assert_eq!(
                s.placed.len() + s.clustered as usize,
                in_view,
                "{mode:?} {a}..{b}"
            );
            assert!(
                s.placed.len() > 20,
                "a dense view still shows events: {} ({mode:?} {a}..{b}, {} lanes)",
                s.placed.len(),
                prepared.lanes.len()
            );
            assert!(
                s.placed.len() < 2000,
                "but not all of them: {}",
                s.placed.len()
            );
            assert_no_text_overlaps(&s);
            let story = c
                .events
                .iter()
                .find(|e| e.story.is_some())
                .unwrap()
                .happening;
            assert!(
                s.placed.iter().any(|p| p.happening == story),
                "the two-source story is drawn ({mode:?})"
            );
        }
    }
}

/// The happening whose lead event has this title.
fn titled(c: &Corpus, title: &str) -> HappeningIx {
    (0..c.happenings.len() as u32)
        .map(HappeningIx)
        .find(|&h| {
            c.happening(h)
                .and_then(|h| c.lead(h))
                .is_some_and(|e| e.title == title)
        })
        .unwrap_or_else(|| panic!("no happening titled {title:?}"))
}

fn placed_x(s: &Scene, h: HappeningIx) -> Option<f32> {
    s.placed
        .iter()
        .find(|p| p.happening == h)
        .map(|p| p.mark.center().x)
}

const MEETING: &str = "Syrian and Russian defence ministers meet in Moscow";

#[test]
fn the_fitted_view_frames_the_happenings_and_lets_the_decade_run_off_the_edge() {
    let c = formats::load_bundled();
    let prepared = Prepared::new(&c, &Filter::default(), LaneMode::None);
    let window = prepared.fit_window(0.06).unwrap();
    for width in [640.0, 1200.0] {
        let view = View {
            window,
            ..View::default()
        };
        let frame = Rect::from_min_size(0.0, 0.0, width, 600.0);
        let s = build_scene(&c, &prepared, &view, &kinds_by_frequency(&c), frame);
        let assad = placed_x(
            &s,
            titled(&c, "Assad regime falls; political change in Syria"),
        )
        .expect("Assad's fall is drawn");
        let meeting = placed_x(&s, titled(&c, MEETING)).expect("the meeting is drawn");
        assert!(
            meeting - assad > 0.45 * s.plot.width(),
            "December 2024 and 31 July 2025 far apart at {width}: {assad} / {meeting}"
        );
        // The decade of conflict is still there, running off the left edge.
        let decade = titled(&c, "A decade of conflict reshapes the region");
        let bar = s
            .placed
            .iter()
            .find(|p| p.happening == decade)
            .expect("the decade bar is drawn");
        assert!(bar.mark.min.x <= s.plot.min.x + 1.0, "{:?}", bar.mark);
        // An arrow says it goes on past the edge.
        assert!(
            s.shapes
                .iter()
                .any(|sh| matches!(sh, Shape::Polygon { points, .. }
            if points.len() == 3 && points.iter().all(|p| p.x <= s.plot.min.x + 12.0)))
        );
        assert_no_text_overlaps(&s);
    }
}

/// A generated corpus, read back as the app reads files.
fn generated(seed: u64, events: u64, articles: u32) -> Corpus {
    let generator = frise::synthetic::Generator::new(
        frise::synthetic::Params::new(seed, events, articles).unwrap(),
    );
    let docs: Vec<String> = (0..articles)
        .filter_map(|i| generator.article(i))
        .map(|a| serde_json::to_string(&a).unwrap())
        .collect();
    corpus(&docs)
}

#[test]
fn the_fitted_view_of_a_generated_corpus_holds_every_short_happening() {
    let c = generated(5, 240, 6);
    let prepared = Prepared::new(&c, &Filter::default(), LaneMode::None);
    let window = prepared.fit_window(0.06).unwrap();
    let (lo, hi) = prepared.extent().unwrap();
    let extent = (hi - lo) as f64;
    let mut short = 0;
    for s in prepared.all.spans() {
        if s.start_s == i64::MIN || s.end_s == i64::MAX {
            continue;
        }
        if ((s.end_s - s.start_s) as f64) < frise::timeline::fit::SHORT_FRACTION * extent {
            short += 1;
            assert!(
                s.start_s as f64 >= window.start_s && s.end_s as f64 <= window.end_s,
                "{s:?} outside {window:?}"
            );
        }
    }
    assert!(short > 100, "{short} short happenings");
    for mode in [LaneMode::None, LaneMode::Kind] {
        let (_, s) = scene(&c, mode, window, None);
        assert_no_text_overlaps(&s);
        assert!(!s.placed.is_empty());
    }
}

/// Whether the scene draws `title` whole, as one text.
fn draws_whole(s: &Scene, title: &str) -> bool {
    s.shapes
        .iter()
        .any(|sh| matches!(sh, Shape::Text { text, .. } if text == title))
}

#[test]
fn with_nothing_in_the_way_the_meetings_label_is_whole() {
    let c = formats::load_bundled();
    let prepared = Prepared::new(&c, &Filter::default(), LaneMode::None);
    let kinds = kinds_by_frequency(&c);
    let meeting = titled(&c, MEETING);
    let fitted = prepared.fit_window(0.06).unwrap();
    // The window's scene, at the width the default window gives the timeline and wider,
    // selected or not.
    for width in [640.0, 900.0, 1400.0] {
        for selected in [None, Some(meeting)] {
            let view = View {
                window: fitted,
                selected,
                ..View::default()
            };
            let frame = Rect::from_min_size(0.0, 0.0, width, 560.0);
            let s = build_scene(&c, &prepared, &view, &kinds, frame);
            assert!(draws_whole(&s, MEETING), "whole at {width}, {selected:?}");
            assert_no_text_overlaps(&s);
        }
    }
    // An export without --from/--to.
    for (w, h) in [(1920.0, 1080.0), (1280.0, 720.0), (1123.0, 794.0)] {
        let view = View {
            window: fitted,
            font_px: frise::timeline::page::page_font_px(w, h),
            ..View::default()
        };
        let page = frise::timeline::build_page(
            &c,
            &prepared,
            &view,
            &kinds,
            w,
            h,
            &frise::timeline::PageSpec::cited(),
        );
        assert!(draws_whole(&page, MEETING), "whole in the {w}×{h} export");
    }
    // A presentation step on the meeting, at the presentation's text size.
    let step = frise::timeline::story::step_window(&c, &prepared, None, &[meeting]);
    let view = View {
        window: step,
        font_px: 22.0,
        highlighted: vec![meeting],
        ..View::default()
    };
    let frame = Rect::from_min_size(0.0, 0.0, 1480.0, 520.0);
    let s = build_scene(&c, &prepared, &view, &kinds, frame);
    assert!(draws_whole(&s, MEETING), "whole in the presentation step");
    assert_no_text_overlaps(&s);
}

#[test]
fn a_label_is_shortened_only_by_what_is_in_its_way() {
    // Two events a day apart in a year-long view: the first one's long title meets the
    // second mark in its row, or moves to another row; alone, it is whole.
    let title =
        "A very long title that says a great deal about what happened on that day in the capital";
    let doc = |dates: &[&str]| {
        let mut text = String::new();
        let mut events = Vec::new();
        for (n, d) in dates.iter().enumerate() {
            let s = format!("Phrase {n}. ");
            let start = text.chars().count();
            text.push_str(&s);
            events.push(serde_json::json!({
                "id": format!("e{n}"), "title": title, "date": d,
                "evidence": [{"quote": s.trim_end(), "start": start, "end": start + s.trim_end().chars().count()}]
            }));
        }
        serde_json::json!({"frise": 1, "article": {"id": "a", "text": text}, "events": events})
            .to_string()
    };
    let window = TimeWindow::new(t("2025-01-01"), t("2026-01-01"));
    let alone = corpus(&[doc(&["2025-03-01"])]);
    let (_, s) = scene(&alone, LaneMode::None, window, None);
    assert!(draws_whole(&s, title), "{:?}", text_boxes(&s));
    // Many in a short stretch: rows run out, some are shortened, none overlap.
    let dates: Vec<String> = (1..=28).map(|d| format!("2025-03-{d:02}")).collect();
    let refs: Vec<&str> = dates.iter().map(String::as_str).collect();
    let crowded = corpus(&[doc(&refs)]);
    let (_, s) = scene(&crowded, LaneMode::None, window, None);
    assert_no_text_overlaps(&s);
    assert!(draws_whole(&s, title));
}
