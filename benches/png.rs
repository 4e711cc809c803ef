//! PNG export at 1920×1080: drawing the page (SVG, then resvg) and encoding the pixels.
//!
//! Two pages: the bundled articles (a slide: a few marks, a legend, citations) and the
//! benchmark corpus (dense marks and clusters). Encoding is timed as `frise export` does it
//! and, for comparison, with zlib's default level and adaptive filters as RGBA (the setting
//! before) and with the png crate's fdeflate mode: the sizes are printed, so the trade of
//! speed for bytes stays visible.

#![allow(clippy::expect_used, clippy::unwrap_used)] // benchmarks stop on a broken setup

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use frise::formats;
use frise::model::Corpus;
use frise::render::png::{self, CSS_DPI};
use frise::timeline::page::{self, PageSpec};
use frise::timeline::{
    Filter, LaneMode, Prepared, Scene, TimeWindow, View, build_page, kinds_by_frequency,
};
use resvg::tiny_skia;

const WIDTH: f32 = 1920.0;
const HEIGHT: f32 = 1080.0;

/// The export page of `corpus` as `frise export` lays it out by default.
fn page_of(corpus: &Corpus) -> Scene {
    let prepared = Prepared::new(corpus, &Filter::default(), LaneMode::None);
    let (lo, hi) = prepared.extent().expect("a dated corpus");
    let view = View {
        window: TimeWindow::fit(lo as f64, hi as f64, 0.05),
        font_px: page::page_font_px(WIDTH, HEIGHT),
        today_s: None,
        ..View::default()
    };
    let spec = PageSpec {
        title: None,
        subtitle: None,
        legend: true,
        citations: true,
        caption: None,
    };
    let kinds = kinds_by_frequency(corpus);
    build_page(corpus, &prepared, &view, &kinds, WIDTH, HEIGHT, &spec)
}

/// The pixels encoded with other settings, for comparison: `rgb` drops the alpha channel
/// (the pages are opaque).
fn encode_with(
    pixmap: &tiny_skia::Pixmap,
    rgb: bool,
    compression: ::png::DeflateCompression,
    filter: ::png::Filter,
) -> Vec<u8> {
    let channels = if rgb { 3 } else { 4 };
    let mut data = Vec::with_capacity(pixmap.data().len());
    for p in pixmap.pixels() {
        let c = p.demultiply();
        data.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()][..channels]);
    }
    let mut out = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(if rgb {
        ::png::ColorType::Rgb
    } else {
        ::png::ColorType::Rgba
    });
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_deflate_compression(compression);
    encoder.set_filter(filter);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&data).unwrap();
    writer.finish().unwrap();
    out
}

fn export_png(c: &mut Criterion) {
    let bundled = formats::load_bundled();
    let large = common::corpus();
    let pages = [
        ("bundled".to_owned(), page_of(&bundled)),
        (format!("{}ev", large.events.len()), page_of(&large)),
    ];

    let mut group = c.benchmark_group("png/1920x1080");
    group.sample_size(20);
    for (name, scene) in &pages {
        let pixmap = png::to_pixmap(scene, 1.0).unwrap();
        let chosen = png::encode(&pixmap, CSS_DPI).unwrap();
        // The setting before (the png crate's default), and its fdeflate mode.
        let others: [(&str, bool, ::png::DeflateCompression, ::png::Filter); 2] = [
            (
                "zlib-default-rgba",
                false,
                ::png::DeflateCompression::Level(6),
                ::png::Filter::Adaptive,
            ),
            (
                "fdeflate-rgb",
                true,
                ::png::DeflateCompression::FdeflateUltraFast,
                ::png::Filter::Adaptive,
            ),
        ];
        eprintln!(
            "{name}: {} shapes; PNG {} bytes",
            scene.shapes.len(),
            chosen.len()
        );
        for (other, rgb, compression, filter) in others {
            let bytes = encode_with(&pixmap, rgb, compression, filter);
            eprintln!(
                "  {other}: {} bytes ({:+.0}% for the chosen setting)",
                bytes.len(),
                (chosen.len() as f64 / bytes.len() as f64 - 1.0) * 100.0
            );
        }
        group.bench_function(format!("{name}/draw"), |b| {
            b.iter(|| black_box(png::to_pixmap(black_box(scene), 1.0).unwrap()));
        });
        group.bench_function(format!("{name}/encode"), |b| {
            b.iter(|| black_box(png::encode(black_box(&pixmap), CSS_DPI).unwrap()));
        });
        for (other, rgb, compression, filter) in others {
            group.bench_function(format!("{name}/encode-{other}"), |b| {
                b.iter(|| black_box(encode_with(black_box(&pixmap), rgb, compression, filter)));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, export_png);
criterion_main!(benches);
