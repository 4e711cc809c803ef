//! Edits update what is derived from the corpus (happenings, conflicts, prepared lanes)
//! in proportion to the edit; the result must be what a rebuild from scratch gives.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use std::collections::BTreeSet;

use frise::model::edit::{Edit, EventFields};
use frise::model::{
    Article, ArticleIx, Corpus, CorpusBuilder, Document, Edtf, Entity, EntityIx, Event, EventIx,
    EventRole, HappeningIx,
};
use frise::timeline::{Filter, KindCounts, LaneMode, Prepared};
use proptest::prelude::*;

const DATES: [Option<&str>; 6] = [
    None,
    Some("2024-12-08"),
    Some("2024-12"),
    Some("2025-07-31"),
    Some("2024"),
    Some("2020/2025"),
];
const STORIES: [Option<&str>; 4] = [None, Some("fall"), Some("meet"), Some("")];
const KINDS: [Option<&str>; 3] = [None, Some("meeting"), Some("war")];

/// One event's fields, as small numbers.
#[derive(Clone, Debug)]
struct Spec {
    date: usize,
    story: usize,
    kind: usize,
    actors: Vec<u32>,
    period: bool,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..DATES.len(),
        0..STORIES.len(),
        0..KINDS.len(),
        proptest::collection::vec(0..3u32, 0..3),
        proptest::bool::weighted(0.1),
    )
        .prop_map(|(date, story, kind, actors, period)| Spec {
            date,
            story,
            kind,
            actors,
            period,
        })
}

fn fields(spec: &Spec, title: &str) -> EventFields {
    let mut actors: Vec<EntityIx> = spec.actors.iter().map(|&a| EntityIx(a)).collect();
    actors.dedup();
    EventFields {
        title: title.to_owned(),
        date: DATES[spec.date].map(|d| Edtf::parse(d).unwrap()),
        kind: KINDS[spec.kind].map(str::to_owned),
        actors,
        story: STORIES[spec.story].map(str::to_owned),
        role: if spec.period {
            EventRole::Period
        } else {
            EventRole::Event
        },
        ..EventFields::default()
    }
}

fn corpus(articles: &[Vec<Spec>]) -> Corpus {
    let mut b = CorpusBuilder::new();
    for (a, specs) in articles.iter().enumerate() {
        let events = specs
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let f = fields(s, &format!("event {a}.{i}"));
                Event {
                    id: format!("e{i}"),
                    article: ArticleIx(0),
                    title: f.title,
                    date: f.date,
                    display_date: None,
                    kind: f.kind,
                    actors: f.actors,
                    places: Vec::new(),
                    tags: Vec::new(),
                    story: f.story,
                    evidence: Vec::new(),
                    role: f.role,
                    happening: HappeningIx(0),
                    extra: None,
                }
            })
            .collect();
        b.add(Document {
            article: Article {
                id: format!("a{a}"),
                source: format!("outlet {a}"),
                ..Article::default()
            },
            // The same three people in every article (one entity each in the corpus).
            entities: ["x", "y", "z"]
                .iter()
                .map(|id| Entity {
                    id: (*id).to_owned(),
                    name: id.to_uppercase(),
                    ..Entity::default()
                })
                .collect(),
            events,
            diagnostics: Vec::new(),
        });
    }
    b.finish()
}

/// What an edit does, as small numbers resolved against the corpus when it is applied.
#[derive(Clone, Debug)]
enum Step {
    Change {
        event: usize,
        spec: Spec,
    },
    Retitle {
        event: usize,
    },
    Add {
        article: usize,
        at: usize,
        spec: Spec,
    },
    Remove {
        event: usize,
    },
    Undo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (any::<usize>(), spec()).prop_map(|(event, spec)| Step::Change { event, spec }),
        any::<usize>().prop_map(|event| Step::Retitle { event }),
        (any::<usize>(), any::<usize>(), spec()).prop_map(|(article, at, spec)| Step::Add {
            article,
            at,
            spec
        }),
        any::<usize>().prop_map(|event| Step::Remove { event }),
        Just(Step::Undo),
    ]
}

fn edit_of(corpus: &Corpus, step: &Step, n: usize) -> Option<Edit> {
    let event = |i: usize| {
        let len = corpus.events.len();
        (len > 0).then(|| corpus.event(EventIx((i % len) as u32)).unwrap())
    };
    Some(match step {
        Step::Change { event: i, spec } => {
            let e = event(*i)?;
            let mut f = fields(spec, &e.title);
            f.evidence = e.evidence.clone();
            Edit::PutEvent {
                article: e.article,
                id: e.id.clone(),
                position: 0,
                fields: Some(Box::new(f)),
            }
        }
        Step::Retitle { event: i } => {
            let e = event(*i)?;
            let mut f = EventFields::of(e);
            f.title = format!("renamed {n}");
            Edit::PutEvent {
                article: e.article,
                id: e.id.clone(),
                position: 0,
                fields: Some(Box::new(f)),
            }
        }
        Step::Add { article, at, spec } => {
            let a = ArticleIx((article % corpus.articles.len()) as u32);
            Edit::PutEvent {
                article: a,
                id: format!("new{n}"),
                position: *at % 4,
                fields: Some(Box::new(fields(spec, &format!("new {n}")))),
            }
        }
        Step::Remove { event: i } => {
            let e = event(*i)?;
            Edit::PutEvent {
                article: e.article,
                id: e.id.clone(),
                position: 0,
                fields: None,
            }
        }
        Step::Undo => return None,
    })
}

/// The happenings as sets of member ids, with what is derived from them, independent of
/// their numbering.
fn happenings(c: &Corpus) -> BTreeSet<String> {
    c.happenings
        .iter()
        .map(|h| {
            let id = |e: EventIx| {
                let e = c.event(e).unwrap();
                format!("{}/{}", e.article.0, e.id)
            };
            let members: Vec<String> = h.events.iter().map(|&e| id(e)).collect();
            let conflicts: Vec<String> = h
                .conflicts
                .iter()
                .map(|x| c.describe_conflict(x, frise::model::Lang::En))
                .collect();
            format!(
                "{members:?} lead={} date={:?} sources={} {conflicts:?} story={:?}",
                id(h.lead),
                h.date.map(|d| d.to_string()),
                h.source_count,
                h.story
            )
        })
        .collect()
}

fn check_consistent(c: &Corpus) {
    for (i, e) in c.events.iter().enumerate() {
        let h = c
            .happening(e.happening)
            .expect("the event's happening exists");
        assert!(
            h.events.contains(&EventIx(i as u32)),
            "{} is in its happening",
            e.id
        );
    }
    for (a, article) in c.articles.iter().enumerate() {
        for (_, e) in c.events_of(ArticleIx(a as u32)) {
            assert_eq!(e.article.index(), a, "{} lies in its article's range", e.id);
        }
        assert!(article.events.end as usize <= c.events.len());
    }
    let mut rebuilt = c.clone();
    rebuilt.regroup();
    assert_eq!(
        happenings(c),
        happenings(&rebuilt),
        "same happenings as a regroup"
    );
}

fn filters() -> Vec<Filter> {
    let mut by_kind = Filter::default();
    by_kind.kinds.insert("meeting".to_owned());
    let by_text = Filter {
        text: "renamed".to_owned(),
        ..Filter::default()
    };
    vec![Filter::default(), by_kind, by_text]
}

/// Applies `steps` one by one, checking after each that the update equals a rebuild.
fn edits_match_a_rebuild(
    articles: &[Vec<Spec>],
    steps: &[Step],
    mode: LaneMode,
    filter: &Filter,
) -> Result<(), TestCaseError> {
    let mut corpus = corpus(articles);
    let mut prepared = Prepared::new(&corpus, filter, mode);
    let mut kinds = KindCounts::of(&corpus);
    let mut undo: Vec<Edit> = Vec::new();
    for (n, step) in steps.iter().enumerate() {
        let edit = match edit_of(&corpus, step, n) {
            Some(edit) => edit,
            None => match undo.pop() {
                Some(edit) => edit,
                None => continue,
            },
        };
        let undoing = matches!(step, Step::Undo);
        let put: Vec<String> = edit.kinds_put().into_iter().map(str::to_owned).collect();
        let Ok((inverse, change)) = edit.apply_tracked(&mut corpus) else {
            continue;
        };
        for k in inverse.kinds_put() {
            kinds.count(k, false);
        }
        for k in &put {
            kinds.count(k, true);
        }
        if !undoing {
            undo.push(inverse);
        }
        check_consistent(&corpus);
        prepared.update(&corpus, filter, &change);
        let fresh = Prepared::new(&corpus, filter, mode);
        prop_assert_eq!(&prepared, &fresh, "after {:?}", step);
        prop_assert_eq!(&kinds, &KindCounts::of(&corpus));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn an_edit_updates_happenings_and_lanes_as_a_rebuild_would(
        articles in proptest::collection::vec(proptest::collection::vec(spec(), 0..6), 1..4),
        steps in proptest::collection::vec(step(), 1..12),
        mode in 0..LaneMode::ALL.len(),
        filter in 0..3usize,
    ) {
        edits_match_a_rebuild(&articles, &steps, LaneMode::ALL[mode], &filters()[filter])?;
    }

    /// More articles than lanes: the smallest are merged into "Others".
    #[test]
    fn an_edit_keeps_the_lanes_merged_into_others_as_a_rebuild_would(
        articles in proptest::collection::vec(proptest::collection::vec(spec(), 1..4), 17..22),
        steps in proptest::collection::vec(step(), 1..12),
        filter in 0..3usize,
    ) {
        edits_match_a_rebuild(&articles, &steps, LaneMode::Article, &filters()[filter])?;
    }
}

/// Joining a story and leaving it again renumbers at most the happening that empties.
#[test]
fn joining_a_story_keeps_other_happenings_in_place() {
    let specs = |story: usize| Spec {
        date: 1,
        story,
        kind: 0,
        actors: Vec::new(),
        period: false,
    };
    let mut c = corpus(&[vec![specs(0), specs(1), specs(0)], vec![specs(0)]]);
    let before: Vec<EventIx> = c.happenings.iter().map(|h| h.lead).collect();
    assert_eq!(before.len(), 4);
    let e = c.event(EventIx(0)).unwrap().clone();
    let mut f = EventFields::of(&e);
    f.story = Some("fall".to_owned());
    let (undo, change) = Edit::PutEvent {
        article: e.article,
        id: e.id.clone(),
        position: 0,
        fields: Some(Box::new(f)),
    }
    .apply_tracked(&mut c)
    .unwrap();
    assert_eq!(c.happenings.len(), 3);
    let joined = &c.happenings[c.events[0].happening.index()];
    assert_eq!(joined.events.as_slice(), [EventIx(0), EventIx(1)]);
    assert_eq!(change.events, vec![EventIx(0)]);
    assert!(change.happenings.len() <= 2, "{change:?}");
    undo.apply(&mut c).unwrap();
    assert_eq!(c.happenings.len(), 4);
    check_consistent(&c);
}
