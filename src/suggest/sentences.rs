//! Sentences of a raw text, and titles made from them.

use std::ops::Range;

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "St", "Ste", "Mr", "Mrs", "Ms", "Prof",
    "Gen", "Gén", "Col", "Lt", "Sgt", "Capt", "Jr", "Sr", "etc", "cf", "vs", "No", "n°", "p", "av",
    "apr", "env", "Inc", "Ltd", "Co", "Corp", "Jan", "Feb", "Fév", "Aug", "Sept", "Oct", "Nov",
    "Dec", "Déc", "J.-C", "U.S", "U.K", "e.g", "i.e",
];

/// Byte ranges of the sentences of `text`, trimmed, in order. A sentence ends at `.`, `!`,
/// `?` or `…` (with any closing quotes and brackets) followed by a space and a capital,
/// digit or opening quote, or at a line break; not after an abbreviation or an initial.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end = match c {
            '\n' | '\u{2029}' => Some(i),
            '.' | '!' | '?' | '…' => {
                // Take closing quotes and brackets with the sentence.
                let mut e = i + c.len_utf8();
                // French sets a (narrow) space before a closing guillemet: « Oui. »
                let spaced_close = text.get(e..).and_then(|r| {
                    let t = r.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
                    (t.len() < r.len() && t.starts_with('»')).then(|| r.len() - t.len())
                });
                if let Some(skip) = spaced_close {
                    while iter.peek().is_some_and(|&(j, _)| j < e + skip) {
                        iter.next();
                    }
                    e += skip;
                }
                while let Some(&(j, d)) = iter.peek() {
                    if matches!(
                        d,
                        '»' | '"' | '”' | '’' | '\'' | ')' | ']' | '.' | '!' | '?'
                    ) {
                        e = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                let rest = text.get(e..).unwrap_or("");
                let after_space = rest.trim_start_matches([' ', '\t', '\u{a0}', '\u{202f}']);
                let spaced = after_space.len() < rest.len() || rest.is_empty();
                let next = after_space.chars().next();
                let starts_sentence = next.is_none_or(|n| {
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(n, '«' | '"' | '“' | '\n' | '—' | '–' | '-')
                });
                let word_before = text
                    .get(start..i)
                    .unwrap_or("")
                    .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                    .next()
                    .unwrap_or("");
                let abbreviation = c == '.'
                    && (ABBREVIATIONS.contains(&word_before)
                        || (word_before.chars().count() == 1
                            && word_before.chars().all(char::is_uppercase)));
                (spaced && starts_sentence && !abbreviation).then_some(e)
            }
            _ => None,
        };
        if let Some(e) = end {
            push_trimmed(text, start..e, &mut out);
            start = e;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(s) = text.get(r.clone()) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.chars().any(char::is_alphanumeric) {
        out.push(r.start + lead..r.start + lead + trimmed.len());
    }
}

/// Longest title, in characters.
const TITLE_CHARS: usize = 90;

/// Words that open a circumstance, not the main clause ("Dans un contexte de …, ").
const CIRCUMSTANCE_OPENERS: &[&str] = &[
    "dans",
    "selon",
    "pour",
    "après",
    "apres",
    "avant",
    "depuis",
    "lors",
    "alors",
    "comme",
    "malgré",
    "en",
    "au",
    "à",
    "a",
    "ce",
    "cette",
    "le",
    "la",
    "in",
    "on",
    "at",
    "after",
    "before",
    "since",
    "according",
    "as",
    "while",
    "during",
    "following",
    "despite",
    "last",
    "earlier",
    "later",
    "de",
    "du",
    "hier",
    "aujourd'hui",
];

/// Words that open a subordinate clause after a comma.
const SUBORDINATE_OPENERS: &[&str] = &[
    "qui",
    "que",
    "où",
    "dont",
    "lequel",
    "laquelle",
    "lesquels",
    "lesquelles",
    "afin",
    "alors",
    "tandis",
    "notamment",
    "ce",
    "soit",
    "la",
    "le",
    "les",
    "un",
    "une",
    "which",
    "who",
    "where",
    "while",
    "whereas",
    "including",
    "as",
    "a",
    "an",
    "the",
    "so",
    "after",
    "selon",
    "according",
    "insistant",
    "soulignant",
    "affirmant",
    "appelant",
    "ajoutant",
    "précisant",
    "estimant",
    "saying",
    "adding",
    "noting",
];

/// A title for the event a sentence reports: its main clause, or, for a date in a later
/// clause (`lead` false), that clause; without a leading date or circumstance; at most
/// `TITLE_CHARS` characters, cut between words.
pub fn title_for(sentence: &str, mention: Range<usize>, lead: bool) -> String {
    let clauses = clauses(sentence);
    let in_clause = clauses
        .iter()
        .position(|c| c.start <= mention.start && mention.start < c.end.max(c.start + 1))
        .unwrap_or(0);
    let words = |r: &Range<usize>| {
        sentence
            .get(r.clone())
            .map_or(0, |s| s.split_whitespace().count())
    };
    let mut first = 0;
    // A leading clause that is the date itself, or a short circumstance, is not the title.
    while first + 1 < clauses.len() {
        let Some(c) = clauses.get(first) else { break };
        let text = sentence.get(c.clone()).unwrap_or("");
        let mostly_date = c.start <= mention.start
            && mention.end <= c.end
            && (mention.end - mention.start) * 2 >= text.trim().len();
        let opener = text
            .split_whitespace()
            .next()
            .map(|w| w.to_lowercase())
            .is_some_and(|w| CIRCUMSTANCE_OPENERS.contains(&w.as_str()));
        let rest_words: usize = clauses.iter().skip(first + 1).map(words).sum();
        if mostly_date
            || (opener
                && words(c) <= 10
                && rest_words >= 4
                && first != in_clause
                && is_circumstance(text))
        {
            first += 1;
        } else {
            break;
        }
    }
    let mut pick = if lead || in_clause <= first {
        first
    } else {
        in_clause
    };
    if !lead && in_clause > first && words(clauses.get(in_clause).unwrap_or(&(0..0))) < 3 {
        pick = first;
    }
    let Some(main) = clauses.get(pick) else {
        return shorten(sentence);
    };
    // Grow the clause over the ones after it while it is too short to say anything,
    // stopping at a subordinate clause.
    let mut end = main.end;
    for c in clauses.iter().skip(pick + 1) {
        let so_far = sentence
            .get(main.start..end)
            .map_or(0, |s| s.split_whitespace().count());
        let next = sentence.get(c.clone()).unwrap_or("");
        let opener = next
            .split_whitespace()
            .next()
            .map(|w| w.to_lowercase())
            .unwrap_or_default();
        if so_far >= 6 || (so_far >= 3 && SUBORDINATE_OPENERS.contains(&opener.as_str())) {
            break;
        }
        end = c.end;
    }
    let mut text = sentence
        .get(main.start..end)
        .unwrap_or(sentence)
        .trim()
        .to_owned();
    // "Le 31 juillet 2025 une rencontre…": the date leads without a comma.
    if let Some(date) = sentence.get(mention.clone())
        && text.starts_with(date)
    {
        let rest = text
            .get(date.len()..)
            .unwrap_or("")
            .trim_start_matches([',', ' ']);
        if rest.split_whitespace().count() >= 3 {
            text = rest.to_owned();
        }
    }
    shorten(&text)
}

/// Is a leading clause a circumstance ("Dans un contexte de …", "Le 31 juillet 2025")
/// rather than a subject ("Le ministre des Affaires étrangères")? Circumstances hold no
/// verb-like word and open with a preposition or a date.
fn is_circumstance(text: &str) -> bool {
    let first = text
        .split_whitespace()
        .next()
        .map(|w| w.to_lowercase())
        .unwrap_or_default();
    !matches!(
        first.as_str(),
        "le" | "la" | "ce" | "cette" | "de" | "du" | "a" | "à"
    ) || text.chars().any(|c| c.is_ascii_digit())
}

/// Byte ranges of a sentence's clauses: separated by `,`, `;`, `:`, dashes between spaces
/// and brackets; a comma inside a number ("3,5") does not separate.
fn clauses(sentence: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = sentence.as_bytes();
    for (i, c) in sentence.char_indices() {
        let separates = match c {
            ',' => {
                !(i > 0
                    && bytes.get(i - 1).is_some_and(u8::is_ascii_digit)
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
            }
            ';' | ':' | '(' | ')' => true,
            '–' | '—' => sentence.get(..i).is_some_and(|b| b.ends_with(' ')),
            _ => false,
        };
        if separates {
            if sentence.get(start..i).is_some_and(|s| !s.trim().is_empty()) {
                out.push(start..i);
            }
            start = i + c.len_utf8();
        }
    }
    if sentence.get(start..).is_some_and(|s| !s.trim().is_empty()) {
        out.push(start..sentence.len());
    }
    out.into_iter()
        .map(|r| {
            let s = sentence.get(r.clone()).unwrap_or("");
            let lead = s.len() - s.trim_start().len();
            let t = s.trim_end();
            r.start + lead..r.start + t.len()
        })
        .collect()
}

/// Trimmed of end punctuation and unpaired quotes, capitalised, cut between words.
fn shorten(text: &str) -> String {
    let t = text
        .trim()
        .trim_end_matches(['.', ',', ';', ':', '!', '?', '…', ' '])
        .trim_start_matches(['«', '"', '“', ' ', '\u{a0}', '\u{202f}']);
    let t = if t.matches('«').count() < t.matches('»').count()
        || (t.ends_with('»') && !t.contains('«'))
    {
        t.trim_end_matches(['»', ' ', '\u{a0}', '\u{202f}'])
    } else {
        t
    };
    let short = crate::formats::html::one_line(t, TITLE_CHARS);
    let mut chars = short.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_end_at_stops_and_lines_not_abbreviations() {
        assert_eq!(
            split("Le Dr. Samir parle. M. Dupont aussi ! « Oui. » Puis 3.5 ans\nFin"),
            vec![
                "Le Dr. Samir parle.",
                "M. Dupont aussi !",
                "« Oui. »",
                "Puis 3.5 ans",
                "Fin"
            ]
        );
        assert_eq!(
            split("In the U.S. it rained. Then J. Smith left."),
            vec!["In the U.S. it rained.", "Then J. Smith left."]
        );
        assert!(split("  \n ").is_empty());
    }

    fn title(sentence: &str, date: &str, lead: bool) -> String {
        let at = sentence.find(date).unwrap();
        title_for(sentence, at..at + date.len(), lead)
    }

    #[test]
    fn titles_are_main_clauses_cut_between_words() {
        let s = "Le 31 juillet 2025, une rencontre à Moscou entre le ministre syrien de la Défense et son homologue russe a marqué une étape importante, la première de ce type depuis décembre 2024.";
        let t = title(s, "Le 31 juillet 2025", true);
        assert!(
            t.starts_with("Une rencontre à Moscou entre le ministre"),
            "{t}"
        );
        assert!(t.chars().count() <= 90, "{t}");
        let head = t.trim_end_matches('…').to_lowercase();
        let lower = s.to_lowercase();
        let at = lower.find(&head).expect("the title is from the sentence");
        let next = lower[at + head.len()..].chars().next();
        assert_eq!(next, Some(' '), "not cut mid-word: {t}");
        let second = title(s, "depuis décembre 2024", false);
        assert_eq!(second, "La première de ce type depuis décembre 2024");
        let t = title(
            "Il est important de noter que le président Bachar al-Assad, exilé en Russie depuis 2024, suscite encore des préoccupations.",
            "depuis 2024",
            true,
        );
        assert_eq!(
            t,
            "Il est important de noter que le président Bachar al-Assad"
        );
        let t = title(
            "In 2024, the president fled to Russia, where he lives.",
            "In 2024",
            true,
        );
        assert_eq!(t, "The president fled to Russia");
    }
}
