use std::sync::Arc;

use super::*;
use crate::formats::raw::{self, RawKind};

const SEED_A: &str = include_str!("../../tests/fixtures/raw/moscou-rencontre-defense.txt");
const SEED_B: &str = include_str!("../../tests/fixtures/raw/ministres-syriens-moscou.txt");

fn raw_doc(name: &str, text: &str, published: &str) -> Document {
    let path: Arc<str> = Arc::from(name);
    let (mut docs, diags) = raw::read_str(&path, RawKind::Text, text);
    assert!(diags.is_empty(), "{diags:?}");
    let mut doc = docs.remove(0);
    doc.article.published = Some(Edtf::parse(published).unwrap());
    doc
}

fn bundled_entities() -> Vec<Entity> {
    crate::formats::load_bundled().entities
}

/// (date, title, actor and place names) of a document's suggestions.
fn summary(doc: &Document) -> Vec<(String, String, Vec<String>)> {
    doc.events
        .iter()
        .map(|e| {
            let names = e
                .actors
                .iter()
                .chain(&e.places)
                .map(|&ix| doc.entities[ix.index()].display_name().to_owned())
                .collect();
            (e.date.unwrap().to_string(), e.title.clone(), names)
        })
        .collect()
}

#[test]
fn seed_a_suggests_the_meeting_and_the_change_of_power() {
    let known_list = bundled_entities();
    let known = EntityMatcher::new(known_list.iter());
    let mut doc = raw_doc("a.txt", SEED_A, "2025-08-01");
    let notes = suggest_document(&mut doc, &known);
    assert!(notes.is_empty(), "{notes:?}");
    let s = summary(&doc);
    assert!(doc.events.iter().all(|e| e.role == EventRole::Suggested));
    let meeting = s
        .iter()
        .find(|(d, _, _)| d == "2025-07-31")
        .expect("the 31 July meeting");
    assert!(
        meeting.1.starts_with("Une rencontre à Moscou"),
        "{meeting:?}"
    );
    assert!(meeting.2.contains(&"Moscou".to_owned()), "{meeting:?}");
    assert!(
        s.iter().any(|(d, _, _)| d == "2024-12"),
        "December 2024: {s:#?}"
    );
    // The passage is the whole sentence.
    let first = &doc.events[0];
    let quote = first.evidence[0].passage.quote(&doc.article.text);
    assert!(
        quote.starts_with("Le 31 juillet 2025") && quote.ends_with("décembre 2024."),
        "{quote}"
    );
}

#[test]
fn seed_b_suggests_the_exile_and_the_decade_of_conflict() {
    let known_list = bundled_entities();
    let known = EntityMatcher::new(known_list.iter());
    let mut doc = raw_doc("b.txt", SEED_B, "2025-08-01");
    suggest_document(&mut doc, &known);
    let s = summary(&doc);
    let exile = s
        .iter()
        .find(|(d, _, _)| d == "2024")
        .expect("the 2024 exile");
    assert!(exile.2.contains(&"Bachar al-Assad".to_owned()), "{exile:?}");
    assert!(exile.2.contains(&"Russie".to_owned()), "{exile:?}");
    assert!(
        s.iter().any(|(d, _, _)| d == "2015~/2025~"),
        "a decade of conflict: {s:#?}"
    );
    // Known entities keep their ids; proper names become new entities.
    let ids: Vec<&str> = doc.entities.iter().map(|e| e.id.as_str()).collect();
    assert!(ids.contains(&"assad") && ids.contains(&"russie"), "{ids:?}");
}

#[test]
fn rejected_suggestions_do_not_come_back() {
    let known = EntityMatcher::default();
    let mut doc = raw_doc("a.txt", SEED_A, "2025-08-01");
    suggest_document(&mut doc, &known);
    let count = doc.events.len();
    let first = Rejected::of(&doc.events[0]).unwrap();
    let value = rejected_with(&doc.article, &first, true).unwrap();
    let mut again = raw_doc("a.txt", SEED_A, "2025-08-01");
    again
        .article
        .extra
        .get_or_insert_with(Default::default)
        .insert(REJECTED.into(), value);
    assert_eq!(rejected(&again.article), vec![first.clone()]);
    suggest_document(&mut again, &known);
    assert_eq!(again.events.len(), count - 1);
    assert!(
        again
            .events
            .iter()
            .all(|e| Rejected::of(e) != Some(first.clone()))
    );
}

#[test]
fn other_languages_and_undated_texts_suggest_nothing() {
    let known = EntityMatcher::default();
    let mut de = raw_doc(
        "de.txt",
        "Am 31. Juli 2025 trafen sich die Minister in Moskau, um über die Zusammenarbeit zu sprechen. Die Gespräche dauerten mehrere Stunden und wurden von beiden Seiten als konstruktiv bezeichnet.",
        "2025-08-01",
    );
    let notes = suggest_document(&mut de, &known);
    assert!(de.events.is_empty());
    assert!(
        notes[0].message.contains("neither French nor English"),
        "{notes:?}"
    );
    let mut plain = raw_doc(
        "p.txt",
        "Une phrase sans date. Une autre, pas plus datée.",
        "2025-08-01",
    );
    suggest_document(&mut plain, &known);
    assert!(plain.events.is_empty());
}

#[test]
fn one_suggestion_per_date_of_a_sentence() {
    let known = EntityMatcher::default();
    let mut doc = raw_doc(
        "e.txt",
        "In March 2011, protests began in Deraa, and in September 2015 Russia intervened in the war.",
        "2025-08-01",
    );
    suggest_document(&mut doc, &known);
    let dates: Vec<String> = doc
        .events
        .iter()
        .map(|e| e.date.unwrap().to_string())
        .collect();
    assert_eq!(dates, ["2011-03", "2015-09"]);
    let ids: Vec<&str> = doc.events.iter().map(|e| e.id.as_str()).collect();
    assert_ne!(ids[0], ids[1]);
}
