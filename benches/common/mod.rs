//! What the benchmarks share: a generated corpus of the requested size, and busy windows.
//!
//! The size comes from `FRISE_BENCH_EVENTS` and `FRISE_BENCH_ARTICLES` (default 100,000
//! events in 1,000 articles, so `cargo bench` stays quick); the design targets are stated
//! for 1,000,000 events in 10,000 articles.

#![allow(clippy::expect_used, clippy::unwrap_used)] // benchmarks stop on a broken setup
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Instant;

use chrono::{Datelike as _, NaiveDate};
use frise::cli::r#gen::{Layout, write_corpus};
use frise::formats::{self, LoadOptions, Progress};
use frise::model::{Corpus, Seconds};
use frise::synthetic::Params;
use frise::timeline::index::{Span, SpanIndex};

/// Seed of every benchmark corpus, so runs compare like with like.
pub const SEED: u64 = 1;

/// Events and articles to generate, from the environment or the defaults.
pub fn size() -> (u64, u32) {
    let env = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
    };
    let events = env("FRISE_BENCH_EVENTS").unwrap_or(100_000);
    let articles = env("FRISE_BENCH_ARTICLES")
        .and_then(|a| u32::try_from(a).ok())
        .unwrap_or(1_000)
        .max(1);
    (events, articles)
}

/// A generated corpus on disk, removed when dropped.
pub struct OnDisk {
    pub dir: tempfile::TempDir,
    pub events: u64,
    pub articles: u32,
}

impl OnDisk {
    pub fn paths(&self) -> Vec<PathBuf> {
        vec![self.dir.path().to_path_buf()]
    }
}

/// Generates the benchmark corpus into a temporary folder.
pub fn generate(layout: Layout) -> OnDisk {
    let (events, articles) = size();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let started = Instant::now();
    let params = Params::new(SEED, events, articles).expect("valid benchmark size");
    let written = write_corpus(params, dir.path(), layout, &mut |_| {}).expect("corpus written");
    eprintln!(
        "generated {} events in {} articles ({layout:?}, {:.0} MiB) in {:.1} s",
        written.events,
        written.articles,
        written.bytes as f64 / f64::from(1 << 20),
        started.elapsed().as_secs_f64()
    );
    OnDisk {
        dir,
        events,
        articles,
    }
}

/// Loads a corpus the way `frise check` does.
pub fn load(paths: &[PathBuf]) -> Corpus {
    formats::load(paths, &LoadOptions::default(), &Progress::default())
}

/// Generates and loads the benchmark corpus, checking it loaded cleanly.
pub fn corpus() -> Corpus {
    let on_disk = generate(Layout::Jsonl);
    let started = Instant::now();
    let corpus = load(&on_disk.paths());
    eprintln!(
        "loaded {} events, {} happenings in {:.2} s ({} problems)",
        corpus.events.len(),
        corpus.happenings.len(),
        started.elapsed().as_secs_f64(),
        corpus.diagnostics.len()
    );
    assert_eq!(corpus.error_count(), 0);
    corpus
}

fn day_of(t: Seconds) -> i64 {
    t.div_euclid(86_400)
}

fn month_of(t: Seconds) -> Option<(i32, u32)> {
    let date = chrono::DateTime::from_timestamp(t, 0)?.date_naive();
    Some((date.year(), date.month()))
}

fn seconds(date: NaiveDate) -> Seconds {
    date.and_hms_opt(0, 0, 0)
        .map_or(0, |d| d.and_utc().timestamp())
}

/// Is the span closed at both ends and at most `len_s` long?
fn bounded_within(s: &Span, len_s: Seconds) -> bool {
    s.start_s != Seconds::MIN
        && s.end_s != Seconds::MAX
        && s.end_s.checked_sub(s.start_s).is_some_and(|d| d <= len_s)
}

/// The day with the most spans starting in it: `[start, end)` in seconds.
pub fn busiest_day(index: &SpanIndex) -> (Seconds, Seconds) {
    let (lo, hi) = index.extent().expect("a dated corpus");
    let mut counts = std::collections::BTreeMap::<i64, usize>::new();
    index.for_each_overlapping(lo, hi, |s| {
        if bounded_within(s, 86_400) {
            *counts.entry(day_of(s.start_s)).or_default() += 1;
        }
    });
    let day = counts
        .iter()
        .max_by_key(|(d, n)| (**n, std::cmp::Reverse(**d)))
        .map_or(0, |(d, _)| *d);
    (day * 86_400, (day + 1) * 86_400)
}

/// The calendar month with the most spans of a month or less starting in it.
pub fn busiest_month(index: &SpanIndex) -> (Seconds, Seconds) {
    let (lo, hi) = index.extent().expect("a dated corpus");
    let mut counts = std::collections::BTreeMap::<(i32, u32), usize>::new();
    index.for_each_overlapping(lo, hi, |s| {
        if bounded_within(s, 31 * 86_400)
            && let Some(m) = month_of(s.start_s)
        {
            *counts.entry(m).or_default() += 1;
        }
    });
    let (y, m) = counts
        .iter()
        .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)))
        .map_or((2020, 1), |(k, _)| *k);
    let start = NaiveDate::from_ymd_opt(y, m, 1).expect("a month");
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    }
    .expect("a month");
    (seconds(start), seconds(next))
}

/// Human form of a window, for the log.
pub fn describe(window: (Seconds, Seconds)) -> String {
    let show = |t: Seconds| {
        chrono::DateTime::from_timestamp(t, 0)
            .map_or_else(|| t.to_string(), |d| d.format("%Y-%m-%d").to_string())
    };
    format!("{} .. {}", show(window.0), show(window.1))
}

// The same allocator as the `frise` executable, so timings match what users see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
