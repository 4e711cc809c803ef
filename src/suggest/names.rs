//! People, places and organisations named in a sentence: the corpus's known entities
//! (matched without regard to accents or case) and proper-name candidates.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

use crate::model::{Entity, EntityKind};

/// A name found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The name as written in the text (or the known entity's name).
    pub name: String,
    /// Index of the known entity in the [`EntityMatcher`], if the name is one.
    pub known: Option<usize>,
    pub kind: EntityKind,
}

/// Lower case, no accents, apostrophes and dashes unified: how names are compared.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        // Most names and words: no accents to take off.
        return s
            .bytes()
            .map(|b| match b {
                b'`' => '\'',
                b => char::from(b.to_ascii_lowercase()),
            })
            .collect();
    }
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' => '\'',
            '\u{2010}' | '\u{2011}' | '\u{2013}' => '-',
            c => c,
        })
        .collect()
}

/// The words of a folded text (runs of letters and digits).
fn words(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Finds the known entities of a corpus in sentences.
#[derive(Clone, Debug, Default)]
pub struct EntityMatcher {
    entities: Vec<Entity>,
    /// First word of an alias → (alias words, entity).
    by_first_word: HashMap<String, Vec<(Vec<String>, usize)>, foldhash::fast::RandomState>,
    ids: HashSet<String, foldhash::fast::RandomState>,
}

/// Particles that open Arabic and other family names ("al-Assad" is also "Assad").
const PARTICLES: &[&str] = &[
    "al", "el", "ad", "as", "ash", "ibn", "bin", "ben", "de", "von", "van",
];

impl EntityMatcher {
    /// A matcher of `entities` (duplicates by id are taken once).
    pub fn new<'a>(entities: impl IntoIterator<Item = &'a Entity>) -> Self {
        let mut m = Self::default();
        let mut seen: HashSet<&str> = HashSet::new();
        for e in entities {
            if e.id.is_empty() || !seen.insert(e.id.as_str()) {
                continue;
            }
            let ix = m.entities.len();
            m.ids.insert(e.id.clone());
            m.entities.push(Entity {
                id: e.id.clone(),
                name: e.name.clone(),
                kind: e.kind,
                extra: None,
            });
            for alias in aliases(e) {
                let Some(first) = alias.first().cloned() else {
                    continue;
                };
                let list = m.by_first_word.entry(first).or_default();
                if !list.iter().any(|(a, i)| *a == alias && *i == ix) {
                    list.push((alias, ix));
                }
            }
        }
        m
    }

    /// Is `id` the id of a known entity?
    pub fn has_id(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// The known entity at `ix`.
    pub fn entity(&self, ix: usize) -> Option<&Entity> {
        self.entities.get(ix)
    }

    /// The known entities named in `folded` (a [`fold`]ed text), in order of appearance,
    /// each once, with the word range of each mention.
    pub fn find(&self, folded: &str) -> Vec<(usize, Range<usize>)> {
        let ws = words(folded);
        let mut found: Vec<(usize, Range<usize>)> = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            let mut best: Option<(usize, usize)> = None;
            if let Some(list) = ws.get(i).and_then(|w| self.by_first_word.get(*w)) {
                for (alias, ix) in list {
                    let n = alias.len();
                    let matches = ws
                        .get(i..i + n)
                        .is_some_and(|span| span.iter().zip(alias).all(|(a, b)| *a == b.as_str()));
                    if matches && best.is_none_or(|(len, _)| n > len) {
                        best = Some((n, *ix));
                    }
                }
            }
            match best {
                Some((n, ix)) => {
                    if !found.iter().any(|(e, _)| *e == ix) {
                        found.push((ix, i..i + n));
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        found
    }
}

/// The ways a text may name an entity, as folded words: its name (with and without a
/// parenthesis), its id when it reads as a name, and a person's family name.
fn aliases(e: &Entity) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut add = |ws: Vec<String>| {
        let long_enough = ws.len() > 1 || ws.first().is_some_and(|w| w.chars().count() >= 3);
        if !ws.is_empty() && long_enough && !out.contains(&ws) {
            out.push(ws);
        }
    };
    let to_words = |s: &str| {
        words(&fold(s))
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let name = e.display_name();
    add(to_words(name));
    if let Some((before, inside)) = name.split_once('(') {
        add(to_words(before));
        add(to_words(inside.trim_end_matches(')')));
    }
    if !e.id.chars().any(|c| c.is_ascii_digit()) {
        add(to_words(&e.id));
    }
    if e.kind == EntityKind::Person {
        let ws = to_words(name);
        if ws.len() >= 2 {
            let mut family: Vec<String> = ws.last().into_iter().cloned().collect();
            // "Bachar al-Assad": "al-Assad" and "Assad"; "Murhaf Abu Qasra": "Qasra".
            if let [.., p, last] = ws.as_slice()
                && PARTICLES.contains(&p.as_str())
            {
                add(vec![p.clone(), last.clone()]);
            }
            if family.first().is_some_and(|w| w.chars().count() >= 4) {
                add(std::mem::take(&mut family));
            }
        }
    }
    out
}

/// Capitalised words that do not begin a name: function words, titles, months and days,
/// and the institutional nouns French capitalises.
const NOT_NAMES: &[&str] = &[
    // French
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "du",
    "de",
    "d",
    "ce",
    "cet",
    "cette",
    "ces",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "nous",
    "vous",
    "je",
    "en",
    "au",
    "aux",
    "à",
    "a",
    "dans",
    "sur",
    "sous",
    "avec",
    "par",
    "pour",
    "mais",
    "et",
    "ou",
    "si",
    "quand",
    "alors",
    "comme",
    "selon",
    "depuis",
    "après",
    "avant",
    "pendant",
    "lors",
    "dès",
    "malgré",
    "cependant",
    "pourtant",
    "ainsi",
    "enfin",
    "puis",
    "toutefois",
    "néanmoins",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "notre",
    "nos",
    "votre",
    "vos",
    "mon",
    "ma",
    "mes",
    "qui",
    "que",
    "quoi",
    "dont",
    "où",
    "tout",
    "tous",
    "toute",
    "toutes",
    "aucun",
    "aucune",
    "chaque",
    "plusieurs",
    "certains",
    "il",
    "c",
    "j",
    "n",
    "s",
    "qu",
    "y",
    "ni",
    "ne",
    "pas",
    "plus",
    "moins",
    "très",
    "déjà",
    "aujourd",
    "hier",
    "demain",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "m",
    "mme",
    "mmes",
    "mlle",
    "dr",
    "pr",
    "me",
    "président",
    "présidente",
    "ministre",
    "ministère",
    "ministres",
    "premier",
    "première",
    "affaires",
    "défense",
    "état",
    "etat",
    "gouvernement",
    "armée",
    "république",
    "conseil",
    "assemblée",
    "parlement",
    "sénat",
    "cour",
    "justice",
    "intérieur",
    "extérieur",
    "économie",
    "finances",
    "santé",
    "éducation",
    "culture",
    "agence",
    "presse",
    "général",
    "générale",
    "secrétaire",
    "nations",
    "unies",
    "union",
    "européenne",
    "international",
    "internationale",
    "nord",
    "sud",
    "est",
    "ouest",
    "moyen",
    "orient",
    "proche",
    "extrême",
    "cela",
    "ceci",
    "celui",
    "celle",
    "ceux",
    "chez",
    "entre",
    "vers",
    "contre",
    "sans",
    "selon",
    "voici",
    "voilà",
    "oui",
    "non",
    "lire",
    "voir",
    "photo",
    "crédit",
    "source",
    "sources",
    // English
    "the",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "as",
    "but",
    "and",
    "or",
    "if",
    "when",
    "while",
    "after",
    "before",
    "since",
    "during",
    "of",
    "to",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "there",
    "here",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "all",
    "some",
    "many",
    "most",
    "no",
    "not",
    "yet",
    "so",
    "then",
    "also",
    "however",
    "meanwhile",
    "today",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "mr",
    "mrs",
    "ms",
    "prof",
    "president",
    "minister",
    "ministry",
    "prime",
    "secretary",
    "foreign",
    "affairs",
    "defence",
    "defense",
    "state",
    "government",
    "army",
    "republic",
    "council",
    "general",
    "read",
    "see",
    "according",
    "under",
    "over",
    "about",
    "into",
    "than",
];

/// Is a folded word one of [`NOT_NAMES`]?
fn not_a_name(folded: &str) -> bool {
    static SET: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| NOT_NAMES.iter().map(|w| fold(w)).collect())
        .contains(folded)
}

/// Words that say the next name is a place ("à Tartous", "in Damascus").
const PLACE_PREPOSITIONS: &[&str] = &["à", "au", "aux", "en", "in", "at", "near", "vers", "to"];

/// Particles that may sit inside a name when a capitalised word follows.
const CONNECTORS: &[&str] = &[
    "de", "du", "des", "d", "la", "al", "el", "bin", "ben", "ibn", "von", "van", "of",
];

/// A word of the original text with its byte range.
struct Word<'t> {
    text: &'t str,
    bytes: Range<usize>,
    /// Only spaces separate it from the previous word.
    joined: bool,
}

fn text_words<'t>(text: &'t str) -> Vec<Word<'t>> {
    let mut out: Vec<Word<'t>> = Vec::new();
    let mut start: Option<usize> = None;
    let mut gap_is_space = true;
    let is_word_char = |c: char| c.is_alphanumeric() || c == '-';
    let push = |out: &mut Vec<Word<'t>>, s: usize, e: usize, gap: bool| {
        let raw = text.get(s..e).unwrap_or("");
        let trimmed = raw.trim_matches('-');
        if trimmed.is_empty() {
            return;
        }
        let lead = raw.len() - raw.trim_start_matches('-').len();
        let s2 = s + lead;
        out.push(Word {
            text: trimmed,
            bytes: s2..s2 + trimmed.len(),
            joined: gap,
        });
    };
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(s) = start.take() {
                push(&mut out, s, i, gap_is_space);
                gap_is_space = true;
            }
            if !c.is_whitespace() {
                gap_is_space = false;
            }
        }
    }
    if let Some(s) = start {
        push(&mut out, s, text.len(), gap_is_space);
    }
    out
}

/// Does a word read as (part of) a proper name: capitalised, an acronym, or a
/// particle-prefixed family name ("al-Shaibani")?
fn name_like(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if first.is_uppercase() {
        return word.chars().count() >= 2 && !not_a_name(&fold(word));
    }
    match word.split_once('-') {
        Some((p, rest)) => {
            PARTICLES.contains(&p) && rest.chars().next().is_some_and(char::is_uppercase)
        }
        None => false,
    }
}

/// Proper-name candidates in `sentence` (runs of capitalised words, with particles
/// inside them), with their kind guessed from the word before. `mid_sentence` lists the
/// folded words the article capitalises away from a sentence start: a sentence's first
/// word is a name only if it is among them.
pub fn candidates(
    sentence: &str,
    mid_sentence: &dyn Fn(&str) -> bool,
) -> Vec<(String, Range<usize>, EntityKind)> {
    let ws = text_words(sentence);
    let mut out: Vec<(String, Range<usize>, EntityKind)> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let Some(w) = ws.get(i) else { break };
        if !name_like(w.text) || w.text.chars().all(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        if i == 0 && !mid_sentence(&fold(w.text)) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        loop {
            let next = ws.get(end);
            match next {
                Some(n) if n.joined && name_like(n.text) => end += 1,
                Some(n)
                    if n.joined
                        && CONNECTORS.contains(&n.text)
                        && ws.get(end + 1).is_some_and(|m| {
                            m.joined
                                && name_like(m.text)
                                && m.text.chars().next().is_some_and(char::is_uppercase)
                        }) =>
                {
                    end += 2
                }
                _ => break,
            }
        }
        let (Some(first), Some(last)) = (ws.get(i), ws.get(end - 1)) else {
            break;
        };
        let bytes = first.bytes.start..last.bytes.end;
        let name = sentence.get(bytes.clone()).unwrap_or("").to_owned();
        let before = i
            .checked_sub(1)
            .and_then(|p| ws.get(p))
            .map(|p| fold(p.text));
        let kind = if before.is_some_and(|b| PLACE_PREPOSITIONS.iter().any(|p| fold(p) == b)) {
            EntityKind::Place
        } else {
            EntityKind::Other
        };
        if !out.iter().any(|(n, _, _)| *n == name) {
            out.push((name, bytes, kind));
        }
        i = end;
    }
    out
}

/// The folded words an article capitalises away from the start of a sentence.
pub fn mid_sentence_capitals(text: &str, sentences: &[Range<usize>]) -> HashSet<String> {
    let mut set = HashSet::new();
    for s in sentences {
        let Some(sentence) = text.get(s.clone()) else {
            continue;
        };
        for w in text_words(sentence).iter().skip(1) {
            if w.text.chars().next().is_some_and(char::is_uppercase) {
                set.insert(fold(w.text));
            }
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: &str, name: &str, kind: EntityKind) -> Entity {
        Entity {
            id: id.into(),
            name: name.into(),
            kind,
            extra: None,
        }
    }

    #[test]
    fn known_entities_without_accents_or_case() {
        let known = [
            entity("lavrov", "Sergueï Lavrov", EntityKind::Person),
            entity("assad", "Bachar al-Assad", EntityKind::Person),
            entity(
                "sana",
                "SANA (agence de presse syrienne)",
                EntityKind::Organization,
            ),
            entity("syrie", "Syrie", EntityKind::Place),
            entity("damas", "Damas", EntityKind::Place),
        ];
        let m = EntityMatcher::new(known.iter());
        let found = |s: &str| -> Vec<String> {
            m.find(&fold(s))
                .into_iter()
                .map(|(i, _)| m.entity(i).unwrap().id.clone())
                .collect()
        };
        assert_eq!(found("SERGUEI LAVROV a parlé"), ["lavrov"]);
        assert_eq!(
            found("après le départ d’Assad, la Syrie"),
            ["assad", "syrie"]
        );
        assert_eq!(found("l'agence Sana et les syriens"), ["sana"]);
        assert_eq!(found("les relations Damas-Moscou"), ["damas"]);
        assert!(found("la syrienne").is_empty());
    }

    #[test]
    fn proper_name_candidates() {
        let s = "Le ministre des Affaires étrangères, Asaad al-Shaibani, et le ministre de la Défense, Murhaf Abu Qasra, ont vu Vladimir Poutine à Tartous.";
        let names: Vec<(String, EntityKind)> = candidates(s, &|_| false)
            .into_iter()
            .map(|(n, _, k)| (n, k))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Asaad al-Shaibani".to_owned(), EntityKind::Other),
                ("Murhaf Abu Qasra".to_owned(), EntityKind::Other),
                ("Vladimir Poutine".to_owned(), EntityKind::Other),
                ("Tartous".to_owned(), EntityKind::Place),
            ]
        );
        let first: Vec<String> = candidates("Mekdad a souligné. Cette visite", &|w| w == "mekdad")
            .into_iter()
            .map(|(n, _, _)| n)
            .collect();
        assert_eq!(first, ["Mekdad"]);
        assert!(
            candidates("Dr. Amine Samir", &|_| false)
                .iter()
                .any(|(n, _, _)| n == "Amine Samir")
        );
    }
}
