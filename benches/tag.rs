//! Throughput of the temporal tagger on the French TimeBank fixture texts.

#![allow(clippy::expect_used, clippy::unwrap_used)] // benchmarks stop on a broken setup

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use frise::temporal::{Dct, Language, eval, tag};

fn fixture_texts() -> Vec<(String, Option<Dct>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fr-timebank");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "tml"));
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter_map(|xml| eval::read_timeml(&xml).ok())
        .map(|d| {
            let dct = d.dct.as_deref().and_then(Dct::parse);
            (d.text, dct)
        })
        .collect()
}

fn bench_tag(c: &mut Criterion) {
    let docs = fixture_texts();
    let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
    let mut group = c.benchmark_group("temporal");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("tag_fr_fixtures", |b| {
        b.iter(|| {
            let mut n = 0;
            for (text, dct) in &docs {
                n += tag(black_box(text), Some(Language::Fr), dct.as_ref())
                    .mentions
                    .len();
            }
            n
        })
    });
    group.bench_function("tag_fixtures_detect_language", |b| {
        b.iter(|| {
            let mut n = 0;
            for (text, dct) in &docs {
                n += tag(black_box(text), None, dct.as_ref()).mentions.len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench_tag);
criterion_main!(benches);
