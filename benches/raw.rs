//! Raw articles: reading a saved web page, and suggesting events from texts.
//!
//! Targets (README.md, Performance): a 1 MB saved page read in < 50 ms; suggestions (what
//! `frise tag --out` does to each text) at ≥ 10 MB/s on 2 cores over the synthetic
//! corpus's texts. Run at the full size with
//! `FRISE_BENCH_EVENTS=1000000 FRISE_BENCH_ARTICLES=10000 cargo bench --bench raw`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // benchmarks stop on a broken setup

mod common;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use frise::cli::r#gen::Layout;
use frise::formats::raw::{self, RawKind};
use frise::suggest::{self, EntityMatcher};
use rayon::prelude::*;

/// A saved news page of about `bytes`: head with metadata and scripts, a menu, the article
/// (paragraphs with dates, share boxes), a sidebar and a footer.
pub fn news_page(bytes: usize) -> String {
    let mut html = String::with_capacity(bytes + 4096);
    html.push_str("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Rencontre à Moscou – Journal</title><meta property=\"og:site_name\" content=\"Journal\"><meta property=\"article:published_time\" content=\"2025-08-01T10:00:00+02:00\"><script>var x = 1;</script><style>p { color: red }</style></head><body><header><nav><ul>");
    for i in 0..30 {
        html.push_str(&format!(
            "<li><a href=\"/rubrique/{i}\">Rubrique {i}</a></li>"
        ));
    }
    html.push_str("</ul></nav></header><main><article><h1>Rencontre à Moscou</h1>");
    let paragraphs = [
        "Le 31 juillet 2025, une rencontre à Moscou entre le ministre syrien de la Défense et son homologue russe a marqué une étape importante, la première depuis décembre 2024.",
        "Les deux parties ont convenu de former des comités chargés d&rsquo;évaluer les accords antérieurs, selon l'agence Sana, qui cite le ministère.",
        "Bachar al-Assad, exilé en Russie depuis 2024, n'a pas été évoqué ; les discussions viennent après une décennie de conflit qui a dévasté le pays.",
    ];
    let mut n = 0;
    while html.len() < bytes {
        html.push_str("<p>");
        html.push_str(paragraphs[n % paragraphs.len()]);
        html.push_str("</p>\n");
        n += 1;
        if n.is_multiple_of(20) {
            html.push_str("<div class=\"share\"><a href=\"javascript:void(0)\">Partager</a><img src=\"https://ads.example/x.png\"></div>\n");
        }
    }
    html.push_str("</article></main><aside class=\"sidebar\"><p>Les plus lus du 3 mars 2025</p></aside><footer><p>© Journal 2025</p></footer></body></html>");
    html
}

fn bench_page(c: &mut Criterion) {
    let page = news_page(1 << 20);
    let path: Arc<str> = Arc::from("page.html");
    let mut group = c.benchmark_group("raw");
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("read_html_1mb", |b| {
        b.iter(|| {
            black_box(raw::read_bytes(
                &path,
                RawKind::Html,
                black_box(page.as_bytes()),
            ))
        });
    });
    group.finish();
}

fn bench_suggest(c: &mut Criterion) {
    let corpus = common::load(&common::generate(Layout::Jsonl).paths());
    let known = EntityMatcher::new(corpus.entities.iter());
    let bytes: usize = corpus.articles.iter().map(|a| a.text.len()).sum();
    let mut group = c.benchmark_group("raw");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("suggest_{}_articles", corpus.articles.len()), |b| {
        b.iter(|| {
            corpus
                .articles
                .par_iter()
                .map(|a| {
                    let dct = suggest::dct_of(a);
                    suggest::suggest(
                        &a.text,
                        suggest::language_of(a),
                        dct.as_ref(),
                        &known,
                        &|_, _| false,
                    )
                    .0
                    .len()
                })
                .sum::<usize>()
        });
    });
    // The tagger alone on the same texts: what the suggestions add to it.
    group.bench_function(
        format!("tag_only_{}_articles", corpus.articles.len()),
        |b| {
            b.iter(|| {
                corpus
                    .articles
                    .par_iter()
                    .map(|a| {
                        let dct = suggest::dct_of(a);
                        frise::temporal::tag(&a.text, suggest::language_of(a), dct.as_ref())
                            .mentions
                            .len()
                    })
                    .sum::<usize>()
            });
        },
    );
    group.finish();
}

criterion_group!(benches, bench_page, bench_suggest);
criterion_main!(benches);
