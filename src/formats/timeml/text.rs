//! The article text of a TimeML document, and its sentences (which titles are cut from).

use std::collections::HashMap;
use std::ops::Range;

use roxmltree::{Node, NodeId};
use unicode_normalization::{IsNormalized, UnicodeNormalization as _, is_nfc_quick};

use super::{Reader, TITLE_CHARS};
use crate::formats::html::one_line;

/// The character data of `<TEXT>` (of the whole document when there is none), tags removed,
/// and where each XML text node went in it, so annotations can be given text spans.
pub(super) struct Text<'a, 'input> {
    /// The element whose text is the article: `<TEXT>`, or the root.
    pub(super) container: Node<'a, 'input>,
    pub(super) text: String,
    nodes: HashMap<NodeId, Range<usize>>,
}

impl<'a, 'input> Text<'a, 'input> {
    /// Gathers the text under `root`, normalised to NFC (with a warning when it was not).
    pub(super) fn read(reader: &mut Reader<'_, '_>, root: Node<'a, 'input>) -> Self {
        let container = root
            .descendants()
            .find(|n| n.has_tag_name("TEXT"))
            .unwrap_or(root);
        let mut text = String::new();
        let mut nodes: HashMap<NodeId, Range<usize>> = HashMap::new();
        let mut normalised = false;
        for node in container.descendants().filter(Node::is_text) {
            let raw = node.text().unwrap_or("");
            let start = text.len();
            match is_nfc_quick(raw.chars()) {
                IsNormalized::Yes => text.push_str(raw),
                _ => {
                    let n: String = raw.nfc().collect();
                    normalised |= n != raw;
                    text.push_str(&n);
                }
            }
            nodes.insert(node.id(), start..text.len());
        }
        if normalised {
            let warning = reader
                .src
                .warning("the text was not in Unicode NFC; normalised")
                .in_article(&reader.article_id);
            reader.push(warning);
        }
        Self {
            container,
            text,
            nodes,
        }
    }

    /// Where the text of `node` is in the article, when `node` is inside the article text.
    pub(super) fn span(&self, node: Node<'_, '_>) -> Option<Range<usize>> {
        if !node.ancestors().any(|a| a == self.container) {
            return None;
        }
        let mut texts = node
            .descendants()
            .filter(Node::is_text)
            .filter_map(|t| self.nodes.get(&t.id()));
        let first = texts.next()?;
        let last = texts.next_back().unwrap_or(first);
        Some(first.start..last.end)
    }
}

/// Abbreviations after which a full stop does not end a French or English sentence.
const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Dr", "Pr", "St", "Ste", "Mr", "Mrs",
    "Ms", "av", "apr", "env", "cf", "etc", "No", "no", "vol", "p",
];

/// Byte ranges of the sentences of `text`, trimmed. A line break always ends a sentence
/// (titles and paragraphs are lines); `.`, `!`, `?` and `…` end one when followed by white
/// space, unless they end an abbreviation ("M. Eltsine") or an initial.
///
/// Hand-written: the Unicode sentence rules (UAX #29, unicode-segmentation) also break
/// after "M." before a capital, which French news text is full of.
pub(super) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let push = |range: Range<usize>, out: &mut Vec<Range<usize>>| {
        let Some(s) = text.get(range.clone()) else {
            return;
        };
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead + trail < s.len() {
            out.push(range.start + lead..range.end - trail);
        }
    };
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        if c == '\n' {
            push(start..end, &mut out);
            start = end;
            continue;
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Closing quotes and brackets belong to the sentence they close.
        let mut stop = end;
        while let Some(&(j, d)) = chars.peek() {
            if matches!(
                d,
                '»' | '"' | '”' | '’' | '\'' | ')' | ']' | '.' | '!' | '?'
            ) {
                stop = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        // French closes quotes after a space: "ici. »".
        let mut look = chars.clone();
        while look
            .next_if(|&(_, d)| matches!(d, ' ' | '\u{a0}' | '\u{202f}'))
            .is_some()
        {}
        if let Some((j, '»')) = look.peek().copied() {
            stop = j + '»'.len_utf8();
            look.next();
            chars = look;
        }
        let next_is_space = chars.peek().is_none_or(|&(_, d)| d.is_whitespace());
        if !next_is_space {
            continue;
        }
        if c == '.' {
            let before = text.get(start..i).unwrap_or("");
            let word = before
                .rsplit(|ch: char| ch.is_whitespace() || ch == '(' || ch == '«' || ch == '-')
                .next()
                .unwrap_or("");
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if initial || ABBREVIATIONS.contains(&word) {
                continue;
            }
        }
        push(start..stop, &mut out);
        start = stop;
    }
    push(start..text.len(), &mut out);
    out
}

/// The title of an event: its own words, then the sentence around them on one line, cut
/// to about [`TITLE_CHARS`] around the event when the sentence is longer. The words come
/// first because one sentence often holds several events.
pub(super) fn event_title(text: &str, sentences: &[Range<usize>], span: Range<usize>) -> String {
    let word = one_line(text.get(span.clone()).unwrap_or(""), usize::MAX);
    let i = sentences.partition_point(|s| s.end <= span.start);
    let sentence = sentences
        .get(i)
        .filter(|s| s.start <= span.start && span.end <= s.end)
        .cloned()
        .unwrap_or(span.clone());
    let budget = TITLE_CHARS.saturating_sub(word.chars().count() + 3);
    let whole = one_line(text.get(sentence.clone()).unwrap_or(""), usize::MAX);
    let context = if whole.chars().count() <= budget {
        whole
    } else {
        // A window of the sentence around the event, cut at words: a third before it.
        let before = one_line(
            text.get(sentence.start..span.start).unwrap_or(""),
            usize::MAX,
        );
        let after = one_line(text.get(span.end..sentence.end).unwrap_or(""), usize::MAX);
        let room = budget.saturating_sub(word.chars().count() + 2);
        let keep_before = (room / 3).min(before.chars().count());
        let keep_after = room - keep_before;
        let head = if keep_before < before.chars().count() {
            let skip = before.chars().count() - keep_before;
            let tail: String = before.chars().skip(skip).collect();
            // Start at a whole word.
            match tail.split_once(' ') {
                Some((_, rest)) if !rest.is_empty() => format!("…{rest}"),
                _ => "…".to_owned(),
            }
        } else {
            before
        };
        let tail = one_line(&after, keep_after);
        let joined_before = text
            .get(..span.start)
            .is_some_and(|t| t.ends_with(char::is_whitespace));
        let joined_after = text
            .get(span.end..)
            .is_some_and(|t| t.starts_with(char::is_whitespace));
        let mut out = head;
        if joined_before && !out.is_empty() && out != "…" {
            out.push(' ');
        }
        out.push_str(&word);
        if joined_after && !tail.is_empty() {
            out.push(' ');
        }
        out.push_str(&tail);
        out
    };
    if context == word || word.is_empty() {
        context
    } else {
        format!("{word} — {context}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_respect_abbreviations() {
        let text =
            "Grosse bronchite.\nLe Kremlin a démenti. M. Eltsine a montré des signes « ici. » Fin";
        let got: Vec<&str> = sentences(text)
            .into_iter()
            .filter_map(|r| text.get(r))
            .collect();
        assert_eq!(
            got,
            vec![
                "Grosse bronchite.",
                "Le Kremlin a démenti.",
                "M. Eltsine a montré des signes « ici. »",
                "Fin"
            ]
        );
    }

    #[test]
    fn long_sentences_are_cut_around_the_event() {
        let text = format!("{} annulé {}.", "mot ".repeat(60), "suite ".repeat(60));
        let start = text.find("annulé").unwrap_or(0);
        let span = start..start + "annulé".len();
        let title = event_title(&text, &sentences(&text), span);
        assert!(title.starts_with("annulé — …mot"), "{title}");
        assert!(title.contains(" annulé suite"), "{title}");
        assert!(title.chars().count() <= TITLE_CHARS, "{title}");
        assert!(title.ends_with('…'), "{title}");
        let short = "Le Kremlin a démenti.";
        let title = event_title(short, &sentences(short), 13..short.len() - 1);
        assert_eq!(title, "démenti — Le Kremlin a démenti.");
    }
}
