//! Export: PNG, SVG and CSV of the bundled corpus, through the library and `frise export`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use frise::formats::{self, csv_out};
use frise::model::{Corpus, CorpusBuilder, Edtf};
use frise::render::{self, SvgOptions, png};
use frise::timeline::page::{self, PageSpec};
use frise::timeline::scene::Shape;
use frise::timeline::{
    Filter, LaneMode, Prepared, Scene, TimeWindow, View, build_page, kinds_by_frequency,
};
use resvg::tiny_skia::Pixmap;
use resvg::usvg;

/// The page of `corpus` as `frise export` lays it out, with an optional date range.
fn page_of(
    corpus: &Corpus,
    lanes: LaneMode,
    range: Option<(&str, &str)>,
    (width, height): (f32, f32),
) -> (Prepared, Scene) {
    let bounds = range.map(|(a, b)| {
        (
            Edtf::parse(a).unwrap().earliest().unwrap(),
            Edtf::parse(b).unwrap().latest().unwrap(),
        )
    });
    let filter = Filter {
        from_s: bounds.map(|b| b.0),
        to_s: bounds.map(|b| b.1),
        ..Filter::default()
    };
    let prepared = Prepared::new(corpus, &filter, lanes);
    let window = match bounds {
        Some((a, b)) => TimeWindow::new(a as f64, b as f64),
        None => {
            let (lo, hi) = prepared.extent().unwrap();
            TimeWindow::fit(lo as f64, hi as f64, 0.05)
        }
    };
    let view = View {
        window,
        font_px: page::page_font_px(width, height),
        ..View::default()
    };
    let kinds = kinds_by_frequency(corpus);
    let scene = build_page(
        corpus,
        &prepared,
        &view,
        &kinds,
        width,
        height,
        &PageSpec::cited(),
    );
    (prepared, scene)
}

fn texts(scene: &Scene) -> Vec<&str> {
    scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// Pixels that differ from the top-left (background) pixel.
fn inked(pixmap: &Pixmap) -> usize {
    let bg = pixmap.pixels().first().copied().unwrap();
    pixmap.pixels().iter().filter(|p| **p != bg).count()
}

fn frise(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_frise"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn bundled_png_has_the_size_asked_and_is_drawn() {
    let corpus = formats::load_bundled();
    let (_, scene) = page_of(&corpus, LaneMode::None, None, (1280.0, 720.0));
    let bytes = render::to_png(&scene, 1.0).unwrap();
    let pixmap = Pixmap::decode_png(&bytes).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (1280, 720));
    let inked = inked(&pixmap);
    assert!(
        inked > 1280 * 720 / 50,
        "only {inked} pixels differ from the background"
    );
    assert_eq!(pixmap.pixels().first().unwrap().red(), 255, "light theme");
}

#[test]
fn svg_keeps_titles_and_dates_as_text_and_parses() {
    let corpus = formats::load_bundled();
    let (_, scene) = page_of(&corpus, LaneMode::None, None, (1920.0, 1080.0));
    let svg = render::to_svg(&scene);
    let tree = usvg::Tree::from_str(&svg, &png::options()).unwrap();
    assert_eq!(tree.size().width(), 1920.0);
    // Every drawn event is named in full (hover titles) and drawn as text.
    let drawn = page::drawn_happenings(&scene);
    assert!(drawn.len() >= 5, "{} drawn", drawn.len());
    for h in drawn {
        let title = &corpus.lead(corpus.happening(h).unwrap()).unwrap().title;
        let escaped = title.replace('&', "&amp;").replace('<', "&lt;");
        assert!(svg.contains(&escaped), "{title} in the SVG");
    }
    assert!(svg.contains(">Lavrov backs Syria's territorial integrity</text>"));
    // Year labels on the axis, as text.
    assert!(svg.contains(">2025</text>"), "axis year");
    assert!(svg.contains(">2020</text>"));
    assert!(svg.contains("font-family=\"'Noto Sans', 'Helvetica Neue', Arial, sans-serif\""));
    // Citations name both articles by their titles (the seed texts came without outlet).
    assert!(svg.contains("Rencontre à Moscou entre les ministres"));
    assert!(svg.contains("Deux ministres syriens à Moscou"));
    assert!(!svg.contains("Corpus frise"));
}

/// A one-article corpus whose title and quote use French typography.
fn french_corpus() -> Corpus {
    let text = "Le 31 juillet 2025, l’armée a déclaré «\u{202f}nous restons\u{202f}» à Moscou.";
    let json = serde_json::json!({
        "frise": 1,
        "article": {
            "id": "typo",
            "title": "L’armée « syrienne »\u{202f}: la visite",
            "source": "Le Monde & co",
            "url": "https://example.org/un/article/très/long/avec-des-segments?x=1&y=2",
            "published": "2025-08-01",
            "language": "fr",
            "text": text
        },
        "events": [{
            "id": "visite",
            "title": "L’armée «\u{202f}syrienne\u{202f}» à Moscou",
            "date": "2025-07-31",
            "kind": "meeting",
            "evidence": [{ "quote": "l’armée a déclaré «\u{202f}nous restons\u{202f}»" }]
        }, {
            "id": "sans-date",
            "title": "Sans passage",
            "kind": "statement"
        }]
    })
    .to_string();
    let path: Arc<str> = Arc::from("typo.json");
    let (docs, diags) = formats::read_text(&path, &json);
    assert!(diags.is_empty(), "{diags:?}");
    let mut b = CorpusBuilder::new();
    for d in docs {
        b.add(d);
    }
    b.finish()
}

#[test]
fn french_typography_survives_in_svg_and_png() {
    let corpus = french_corpus();
    let prepared = Prepared::new(&corpus, &Filter::default(), LaneMode::None);
    let (lo, hi) = prepared.extent().unwrap();
    let view = View {
        window: TimeWindow::fit(lo as f64, hi as f64, 0.05),
        selected: Some(corpus.events[0].happening),
        font_px: 13.0,
        ..View::default()
    };
    let spec = PageSpec {
        title: Some("L’armée « syrienne »\u{202f}: bilan".to_owned()),
        caption: page::Caption::of_happening(
            &corpus,
            corpus.events[0].happening,
            frise::model::Lang::Fr,
        ),
        ..PageSpec::cited()
    };
    let kinds = kinds_by_frequency(&corpus);
    let scene = build_page(&corpus, &prepared, &view, &kinds, 1280.0, 720.0, &spec);
    let svg = render::to_svg_with(&scene, &SvgOptions::default());
    assert!(svg.contains(">L’armée « syrienne »\u{202f}: bilan</text>"));
    assert!(svg.contains("L’armée «\u{202f}syrienne\u{202f}» à Moscou"));
    // The caption quotes the passage in French quotation marks.
    assert!(svg.contains("«\u{202f}l’armée a déclaré «\u{202f}nous restons\u{202f}»\u{202f}»"));
    assert!(svg.contains("Le Monde &amp; co"));
    // The URL is cited whole, even if wrapped.
    let cited: String = texts(&scene).concat();
    assert!(cited.contains("https://example.org/un/article/très/long/avec-des-segments?x=1&y=2"));
    let tree = usvg::Tree::from_str(&svg, &png::options()).unwrap();
    assert!(tree.root().has_children());
    let pixmap = Pixmap::decode_png(&render::to_png(&scene, 1.0).unwrap()).unwrap();
    assert!(inked(&pixmap) > 1000);
}

#[test]
fn csv_has_a_row_per_passage_with_the_quotes_intact() {
    let corpus = formats::load_bundled();
    let all = vec![true; corpus.events.len()];
    let bytes = csv_out::to_csv(&corpus, &all).unwrap();
    assert!(bytes.starts_with(csv_out::BOM.as_bytes()));
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, csv_out::HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let expected: usize = corpus.events.iter().map(|e| e.evidence.len().max(1)).sum();
    assert_eq!(rows.len(), expected);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(
        rows.iter()
            .any(|r| r[col("quote")].starts_with("Le 31 juillet 2025, une rencontre à Moscou"))
    );
    let assad = rows
        .iter()
        .find(|r| &r[col("event_id")] == "assad-fall-a")
        .unwrap();
    assert_eq!(&assad[col("date")], "2024-12");
    assert_eq!(&assad[col("date_earliest")], "2024-12-01");
    assert_eq!(&assad[col("date_latest")], "2024-12-31");
    assert_eq!(&assad[col("precision")], "month");
    // Offsets are code points into the article text.
    let first = &rows[0];
    let text = &corpus.articles[0].text;
    let (start, end): (usize, usize) = (
        first[col("start")].parse().unwrap(),
        first[col("end")].parse().unwrap(),
    );
    let quote: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(quote, first[col("quote")]);

    // Only the events asked for.
    let mut some = vec![false; corpus.events.len()];
    some[0] = true;
    let bytes = csv_out::to_csv(&corpus, &some).unwrap();
    let n = csv::Reader::from_reader(bytes.as_slice()).records().count();
    assert_eq!(n, corpus.events[0].evidence.len());
}

#[test]
fn a_date_range_draws_fewer_events() {
    let corpus = formats::load_bundled();
    let (_, all) = page_of(&corpus, LaneMode::None, None, (1920.0, 1080.0));
    let (_, summer) = page_of(
        &corpus,
        LaneMode::None,
        Some(("2025-07", "2025-08")),
        (1920.0, 1080.0),
    );
    let dated = |s: &Scene| s.placed.len();
    assert!(
        dated(&summer) < dated(&all),
        "{} < {}",
        dated(&summer),
        dated(&all)
    );
    let svg = render::to_svg(&summer);
    assert!(!svg.contains(">2020</text>"));
    assert!(svg.contains("Aug"), "month labels at this zoom");
}

#[test]
fn lanes_by_actor_are_headed_with_actor_names() {
    let corpus = formats::load_bundled();
    let (prepared, scene) = page_of(&corpus, LaneMode::Actor, None, (1920.0, 1080.0));
    assert!(prepared.lanes.len() > 2);
    let drawn = texts(&scene);
    assert!(
        drawn.iter().any(|t| t.contains("Lavrov")),
        "a lane for Sergueï Lavrov: {drawn:?}"
    );
    // Headers are wide enough for the longest name and its count.
    assert!(drawn.contains(&"Murhaf Abu Qasra"), "{drawn:?}");
    let (_, plain) = page_of(&corpus, LaneMode::None, None, (1920.0, 1080.0));
    assert_ne!(render::to_svg(&scene), render::to_svg(&plain));
}

#[test]
fn lanes_with_room_draw_every_event() {
    // Three statements on one day need three rows; quiet lanes give up their spare height.
    let corpus = formats::load_bundled();
    let (_, scene) = page_of(&corpus, LaneMode::Kind, None, (1024.0, 768.0));
    assert_eq!(scene.clustered, 0, "nothing folded into a cluster");
    // Events at the right edge keep their whole title, drawn left of the mark.
    let (_, plain) = page_of(&corpus, LaneMode::None, None, (1280.0, 720.0));
    assert!(texts(&plain).contains(&"Mekdad seeks strategic partnership with Russia"));
}

#[test]
fn cli_exports_png_svg_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let png_path = dir.path().join("bundled.png");
    let (code, err) = frise(&["export", "--out", path_str(&png_path)]);
    assert_eq!(code, 0, "{err}");
    let pixmap = Pixmap::decode_png(&std::fs::read(&png_path).unwrap()).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (1920, 1080));
    assert!(inked(&pixmap) > 1920 * 1080 / 50);

    let svg_path = dir.path().join("bundled.svg");
    let (code, err) = frise(&[
        "export",
        "--out",
        path_str(&svg_path),
        "--title",
        "Syrie – Russie",
        "--lanes",
        "actor",
        "--theme",
        "dark",
        "--select",
        "moscow-meeting-a",
    ]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    usvg::Tree::from_str(&svg, &png::options()).unwrap();
    assert!(svg.contains(">Syrie – Russie</text>"));
    // Under a title without a subtitle, the page says what it shows; so does its <desc>.
    let described = "Nov 2024 – Aug 2025 · 12 events · 2 sources";
    assert!(svg.contains(&format!(">{described}</text>")), "subtitle");
    assert!(svg.contains(&format!("<desc id=\"frise-desc\">{described}</desc>")));
    assert!(
        svg.contains("Le 31 juillet 2025, une rencontre à Moscou"),
        "caption"
    );
    assert!(svg.contains("fill=\"#16181d\""), "dark background");

    let csv_path = dir.path().join("bundled.csv");
    let (code, err) = frise(&["export", "--out", path_str(&csv_path), "--search", "Lavrov"]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&csv_path).unwrap();
    let rows = csv::Reader::from_reader(bytes.as_slice()).records().count();
    assert!(rows > 0 && rows < 10, "{rows} rows match Lavrov");

    // Nothing but the outputs is left in the folder: no temporary files.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["bundled.csv", "bundled.png", "bundled.svg"]);
}

#[test]
fn cli_scale_doubles_the_pixels_and_options_change_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| -> PathBuf { dir.path().join(name) };
    let run = |name: &str, extra: &[&str]| {
        let path = out(name);
        let mut args = vec![
            "export",
            "--out",
            path_str(&path),
            "--width",
            "640",
            "--height",
            "360",
        ];
        args.extend_from_slice(extra);
        let (code, err) = frise(&args);
        assert_eq!(code, 0, "{err}");
        std::fs::read(&path).unwrap()
    };
    let one = Pixmap::decode_png(&run("one.png", &[])).unwrap();
    let two = Pixmap::decode_png(&run("two.png", &["--scale", "2"])).unwrap();
    assert_eq!((one.width(), one.height()), (640, 360));
    assert_eq!((two.width(), two.height()), (1280, 720));

    let base = run("base.svg", &[]);
    let narrowed = run("narrow.svg", &["--from", "2025-07", "--to", "2025-08"]);
    let lanes = run("lanes.svg", &["--lanes", "kind"]);
    assert_ne!(base, narrowed);
    assert_ne!(base, lanes);
    let narrowed = String::from_utf8(narrowed).unwrap();
    assert!(!narrowed.contains(">2020</text>"));
    let scaled = String::from_utf8(run("scaled.svg", &["--scale", "2"])).unwrap();
    assert!(scaled.contains("width=\"1280\" height=\"720\" viewBox=\"0 0 640 360\""));
}

#[test]
fn cli_errors_have_the_documented_status() {
    let dir = tempfile::tempdir().unwrap();
    let target = |name: &str| dir.path().join(name);

    let (code, err) = frise(&["export", "--out", path_str(&target("x.gif"))]);
    assert_eq!(code, 2, "unknown extension: {err}");
    assert!(err.contains(".gif"), "{err}");

    let (code, err) = frise(&["export", "--out", path_str(&target("x"))]);
    assert_eq!(code, 2, "no extension: {err}");
    assert!(err.contains(".json (TimelineJS3)"), "{err}");

    let (code, err) = frise(&[
        "export",
        "no/such/file.json",
        "--out",
        path_str(&target("x.png")),
    ]);
    assert_eq!(code, 1, "a missing input is a problem in the input: {err}");
    assert!(err.contains("no/such/file.json"), "{err}");

    let missing_dir = dir.path().join("absent").join("x.png");
    let (code, err) = frise(&["export", "--out", path_str(&missing_dir)]);
    assert_eq!(code, 2, "unwritable output: {err}");
    assert!(err.contains("does not exist"), "{err}");

    let (code, err) = frise(&["export", "--out", path_str(dir.path())]);
    assert_eq!(code, 2, "a folder as output: {err}");

    let (code, _) = frise(&[
        "export",
        "--out",
        path_str(&target("x.png")),
        "--from",
        "July",
    ]);
    assert_eq!(code, 2, "bad date");
    let (code, _) = frise(&[
        "export",
        "--out",
        path_str(&target("x.png")),
        "--from",
        "2025",
        "--to",
        "2024",
    ]);
    assert_eq!(code, 2, "reversed range");
    let (code, _) = frise(&[
        "export",
        "--out",
        path_str(&target("x.png")),
        "--lanes",
        "colour",
    ]);
    assert_eq!(code, 2, "unknown lane mode");
    let (code, err) = frise(&[
        "export",
        "--out",
        path_str(&target("x.png")),
        "--width",
        "16000",
        "--scale",
        "4",
    ]);
    assert_eq!(code, 2, "absurd size: {err}");
    assert!(err.contains("limit"), "{err}");

    // No failed run left a file behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn cli_writes_what_loads_and_reports_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.csv");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
    let (code, err) = frise(&[
        "export",
        path_str(&good),
        path_str(&fixtures.join("07-invalid-date.json")),
        "--out",
        path_str(&out),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("07-invalid-date.json"), "{err}");
    assert!(out.exists(), "what could be read is still exported");
}

#[test]
fn cli_timelinejs_export_reads_back_with_the_same_events_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("timeline.json");
    let (code, err) = frise(&[
        "export",
        "--lanes",
        "article",
        "--title",
        "Syrie et Russie",
        "--out",
        path_str(&out),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("undated events left out"), "{err}");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(written["title"]["text"]["headline"], "Syrie et Russie");
    // Every slide's start date is trimmed to its precision: the December 2024 fall of Assad
    // has no day.
    let events = written["events"].as_array().unwrap();
    let assad = events
        .iter()
        .find(|e| {
            e["text"]["headline"]
                .as_str()
                .is_some_and(|h| h.starts_with("Assad regime falls"))
        })
        .expect("Assad's fall is a slide");
    assert_eq!(assad["start_date"]["month"], "12");
    assert!(assad["start_date"].get("day").is_none(), "{assad}");
    assert!(events.iter().all(|e| {
        e["group"]
            .as_str()
            .is_some_and(|g| g.starts_with("Rencontre à Moscou") || g.starts_with("Deux ministres"))
    }));
    // Read back with the TimelineJS importer: the dated events and their dates survive.
    let original = formats::load_bundled();
    let back = formats::load(
        &[out],
        &formats::LoadOptions::default(),
        &formats::Progress::default(),
    );
    assert_eq!(back.error_count(), 0, "{:?}", back.diagnostics);
    // TimelineJS has no qualifiers: bounds and precision survive, "~" lives on in the
    // display date.
    let bounds = |c: &frise::model::Corpus| {
        let mut v: Vec<_> = c
            .events
            .iter()
            .filter_map(|e| e.date.map(|d| (d.earliest(), d.latest(), d.precision())))
            .collect();
        v.sort();
        v
    };
    assert_eq!(bounds(&back), bounds(&original));
    let decade = back
        .events
        .iter()
        .find(|e| e.title.contains("decade"))
        .unwrap();
    assert_eq!(decade.display_date.as_deref(), Some("c. 2015 – c. 2025"));
}

#[test]
fn cli_exports_the_reporting_lag_view() {
    let dir = tempfile::tempdir().unwrap();
    let timebank = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fr-timebank");
    let svg_path = dir.path().join("lag.svg");
    let (code, err) = frise(&[
        "export",
        path_str(&timebank),
        "--view",
        "lag",
        "--out",
        path_str(&svg_path),
    ]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(err.contains("reports drawn"), "{err}");
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    usvg::Tree::from_str(&svg, &png::options()).unwrap();
    assert!(svg.contains("Reporting lag"), "summary line");
    assert!(svg.contains("<circle"), "points");

    // The same view as PNG, of the asked size.
    let png_path = dir.path().join("lag.png");
    let (code, err) = frise(&[
        "export",
        path_str(&timebank),
        "--view",
        "lag",
        "--width",
        "1280",
        "--height",
        "720",
        "--out",
        path_str(&png_path),
    ]);
    assert!(code == 0 || code == 1, "{err}");
    let pixmap = Pixmap::decode_png(&std::fs::read(&png_path).unwrap()).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (1280, 720));
    assert!(inked(&pixmap) > 1280 * 720 / 100);

    // The bundled articles have no publication date: counted, not drawn, and said.
    let bundled = dir.path().join("bundled-lag.svg");
    let (code, err) = frise(&["export", "--view", "lag", "--out", path_str(&bundled)]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("without a publication date"), "{err}");
    let svg = std::fs::read_to_string(&bundled).unwrap();
    assert!(svg.contains("2 articles without a publication date"));

    // The lag view is an image.
    let (code, err) = frise(&[
        "export",
        "--view",
        "lag",
        "--out",
        path_str(&dir.path().join("lag.csv")),
    ]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_page_without_a_title_starts_at_the_top_and_a_sparse_one_grows() {
    let corpus = formats::load_bundled();
    let prepared = Prepared::new(&corpus, &Filter::default(), LaneMode::None);
    let kinds = kinds_by_frequency(&corpus);
    for (w, h) in [(1920.0, 1080.0), (1280.0, 720.0), (1123.0, 794.0)] {
        let view = View {
            window: prepared.fit_window(0.05).unwrap(),
            font_px: page::page_font_px(w, h),
            ..View::default()
        };
        let scene = build_page(&corpus, &prepared, &view, &kinds, w, h, &PageSpec::cited());
        // The timeline begins right under the page margin.
        assert!(
            scene.plot.min.y < 0.08 * h,
            "{w}×{h}: plot at {:?}",
            scene.plot
        );
        // The page is used: the lowest text is well down the page (the text grows as long
        // as everything drawn at the base size still is, undated chips included).
        let lowest = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { baseline, .. } => Some(*baseline),
                _ => None,
            })
            .fold(0.0_f32, f32::max);
        assert!(lowest > 0.6 * h, "{w}×{h}: lowest text at {lowest}");
    }
}
