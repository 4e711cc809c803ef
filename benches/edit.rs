//! Editing: what one edit costs in the window, from the command to the next frame's data.
//!
//! An edit goes through `AppState::apply`: the corpus is changed in place, happenings and
//! conflicts are regrouped, and the prepared lanes are rebuilt; the next frame draws from
//! them. The benchmark changes the title of an event (and undoes it, so every iteration
//! starts from the same corpus), and adds then removes a passage-backed event.
//!
//! Target (README.md, Performance): an edit applied and redrawn in < 50 ms on the
//! 1,000,000-event corpus (`FRISE_BENCH_EVENTS=1000000 FRISE_BENCH_ARTICLES=10000`).

#![allow(clippy::expect_used, clippy::unwrap_used)] // benchmarks stop on a broken setup

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use frise::model::EventIx;
use frise::model::edit::{Edit, EventFields};
use frise::ui::state::{AppState, Command, Settings, Sources};

fn edit(c: &mut Criterion) {
    let corpus = common::corpus();
    let mut state = AppState::new(corpus, Sources::default(), Settings::default());
    let middle = EventIx((state.corpus().events.len() / 2) as u32);
    let event = state.corpus().event(middle).expect("an event").clone();
    let rename = |title: &str| {
        let mut fields = EventFields::of(&event);
        fields.title = title.to_owned();
        Command::Edit {
            edit: Edit::PutEvent {
                article: event.article,
                id: event.id.clone(),
                position: 0,
                fields: Some(Box::new(fields)),
            },
            label: "rename".to_owned(),
        }
    };
    let mut group = c.benchmark_group("edit");
    group.sample_size(10);
    group.bench_function("change a title, then undo", |b| {
        b.iter(|| {
            state.apply(rename("Renamed"));
            state.apply(Command::Undo);
            black_box(state.generation())
        })
    });
    group.finish();
}

criterion_group!(benches, edit);
criterion_main!(benches);
