//! Loading and indexing a large corpus: `formats::load`, then `Prepared::new`.
//!
//! Target (README.md, Performance): 1,000,000 events in 10,000 articles loaded and indexed in < 3 s.
//! Run at that size with
//! `FRISE_BENCH_EVENTS=1000000 FRISE_BENCH_ARTICLES=10000 cargo bench --bench load`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // benchmarks stop on a broken setup

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use frise::cli::r#gen::Layout;
use frise::timeline::{Filter, LaneMode, Prepared};

fn load(c: &mut Criterion) {
    let files = common::generate(Layout::Files);
    let jsonl = common::generate(Layout::Jsonl);
    let label = format!("{}ev_{}art", files.events, files.articles);

    let mut group = c.benchmark_group(format!("load/{label}"));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("files", |b| {
        b.iter(|| black_box(common::load(&files.paths())));
    });
    group.bench_function("jsonl", |b| {
        b.iter(|| black_box(common::load(&jsonl.paths())));
    });
    group.bench_function("files+index", |b| {
        b.iter(|| {
            let corpus = common::load(&files.paths());
            black_box(Prepared::new(&corpus, &Filter::default(), LaneMode::None))
        });
    });
    group.finish();

    let corpus = common::load(&jsonl.paths());
    assert_eq!(corpus.events.len() as u64, jsonl.events);
    let mut group = c.benchmark_group(format!("index/{label}"));
    group.sample_size(10);
    for lanes in [LaneMode::None, LaneMode::Actor] {
        group.bench_function(lanes.name(), |b| {
            b.iter(|| black_box(Prepared::new(&corpus, &Filter::default(), lanes)));
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
