//! Passages: spans of article text that are the evidence for an event.
//!
//! The format gives each passage as its exact `quote` plus optional `start`/`end` offsets in
//! Unicode code points (end exclusive, as the W3C TextPositionSelector). Code points are not
//! bytes: "à" is one code point and two UTF-8 bytes, so every offset goes through
//! [`CharIndex`] before it touches a `str`. The quote is the authority: when the offsets
//! disagree with it, the passage is re-anchored on the occurrence nearest the offsets.
//!
//! A passage may also carry the text just around it, `prefix` and `suffix` (up to
//! [`CONTEXT_CHARS`] code points each, as the W3C TextQuoteSelector), written on every save.
//! When the text was edited and the offsets no longer select the quote, or the quote occurs
//! several times, the occurrence whose surroundings best match that context wins (as
//! Hypothesis re-anchors annotations), then the one nearest the old offsets.

use std::ops::Range;

/// A resolved passage: where the quote sits in its article's text.
///
/// Holds ranges only; the quote itself is `&text[passage.bytes()]`, so a million passages
/// do not keep a million copies of their text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Passage {
    pub byte_start: u32,
    pub byte_end: u32,
    pub char_start: u32,
    pub char_end: u32,
}

impl Passage {
    /// Byte range, safe to slice the article text with (always on char boundaries).
    pub fn bytes(&self) -> Range<usize> {
        self.byte_start as usize..self.byte_end as usize
    }

    /// Code-point range, as written in the format.
    pub fn chars(&self) -> Range<usize> {
        self.char_start as usize..self.char_end as usize
    }

    /// The quoted text, or "" if `text` is not the text this passage was anchored in.
    pub fn quote<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.bytes()).unwrap_or("")
    }
}

/// Converts between code-point and byte offsets of one text.
///
/// Pure-ASCII texts (common in English corpora) need no table; others keep the number of
/// code points before every 64th byte, so a conversion looks at most at 64 bytes and the
/// table is a small fraction of the text. Counting by blocks of bytes (rather than
/// recording every 64th code point) lets the compiler count a block with vector
/// instructions: building the index of each article is part of loading a corpus.
pub struct CharIndex<'t> {
    text: &'t str,
    /// Code points before bytes 0, 64, 128…; empty when the text is ASCII.
    chars_before: Vec<u32>,
    char_len: usize,
}

/// Bytes per block of the table.
const BLOCK: usize = 64;

/// Is `b` the first byte of a UTF-8 sequence (not a continuation byte)?
fn starts_char(b: u8) -> bool {
    b & 0xC0 != 0x80
}

/// Number of code points that start in `bytes`.
///
/// Eight bytes at a time: a continuation byte is `10xxxxxx`, so in each byte of a word the
/// bit "top set and next clear" marks one, and the rest start a code point. (`str`'s own
/// counting needs a `str`; a block of the table may cut a code point.)
fn count_chars(bytes: &[u8]) -> usize {
    const LOW_BITS: u64 = 0x0101_0101_0101_0101;
    let (words, rest) = bytes.as_chunks::<8>();
    let mut count = 0;
    for word in words {
        let w = u64::from_le_bytes(*word);
        let continuation = (w >> 7) & !(w >> 6) & LOW_BITS;
        count += 8 - continuation.count_ones() as usize;
    }
    count + rest.iter().filter(|&&b| starts_char(b)).count()
}

impl<'t> CharIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        if text.is_ascii() {
            return Self {
                text,
                chars_before: Vec::new(),
                char_len: text.len(),
            };
        }
        let mut chars_before = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut count = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            chars_before.push(count as u32);
            count += count_chars(block);
        }
        Self {
            text,
            chars_before,
            char_len: count,
        }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of code point `char_offset` (which may equal the length); `None` past it.
    pub fn byte(&self, char_offset: usize) -> Option<usize> {
        if char_offset > self.char_len {
            return None;
        }
        if self.chars_before.is_empty() {
            return Some(char_offset);
        }
        if char_offset == self.char_len {
            return Some(self.text.len());
        }
        // The code point starts in the last block with no more code points before it.
        let block = self
            .chars_before
            .partition_point(|&n| n as usize <= char_offset)
            .saturating_sub(1);
        let mut start = block * BLOCK;
        let mut seen = *self.chars_before.get(block)? as usize;
        // Words of eight bytes whose code points all come before it are counted at once.
        while let Some(word) = self.text.as_bytes().get(start..start + 8) {
            let n = count_chars(word);
            if seen + n > char_offset {
                break;
            }
            seen += n;
            start += 8;
        }
        for (i, &b) in self.text.as_bytes().get(start..)?.iter().enumerate() {
            if starts_char(b) {
                if seen == char_offset {
                    return Some(start + i);
                }
                seen += 1;
            }
        }
        None
    }

    /// Code-point offset of a byte offset that lies on a char boundary.
    pub fn char_of_byte(&self, byte_offset: usize) -> usize {
        if self.chars_before.is_empty() {
            return byte_offset;
        }
        let end = byte_offset.min(self.text.len());
        let block = (end / BLOCK).min(self.chars_before.len().saturating_sub(1));
        let before = self.chars_before.get(block).map_or(0, |&n| n as usize);
        let within = self
            .text
            .as_bytes()
            .get(block * BLOCK..end)
            .map_or(0, count_chars);
        before + within
    }

    fn passage(&self, bytes: Range<usize>) -> Passage {
        Passage {
            byte_start: bytes.start as u32,
            byte_end: bytes.end as u32,
            char_start: self.char_of_byte(bytes.start) as u32,
            char_end: self.char_of_byte(bytes.end) as u32,
        }
    }
}

/// A passage that was found, and what had to be corrected to find it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchored {
    pub passage: Passage,
    /// A warning for the user when the offsets were wrong or missing a quote.
    pub correction: Option<String>,
}

/// Why a passage could not be anchored. Messages tell the annotator how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnchorError {
    #[error("the quote \u{201c}{quote}\u{201d} does not occur in the article text")]
    NotFound { quote: String },
    #[error(
        "the quote \u{201c}{quote}\u{201d} occurs {count} times (at code points {}); add \"start\" and \"end\" to say which",
        list_offsets(.starts)
    )]
    Ambiguous {
        quote: String,
        count: usize,
        /// Code-point offsets of the first few occurrences.
        starts: Vec<usize>,
    },
    #[error("start ({start}) is after end ({end}){}", hint_for(.quote_at))]
    StartAfterEnd {
        start: u64,
        end: u64,
        /// Where the quote occurs, if it occurs exactly once.
        quote_at: Option<Range<usize>>,
    },
    #[error("the passage has no quote and no usable offsets")]
    Empty,
    #[error("the article text is too long for passage offsets (over 4 GiB)")]
    TextTooLong,
}

fn list_offsets(starts: &[usize]) -> String {
    let shown: Vec<String> = starts.iter().take(5).map(ToString::to_string).collect();
    let more = if starts.len() > 5 { ", …" } else { "" };
    format!("{}{more}", shown.join(", "))
}

fn hint_for(quote_at: &Option<Range<usize>>) -> String {
    match quote_at {
        Some(r) => format!(
            "; the quote occurs once, at {}..{}: use those offsets or remove them",
            r.start, r.end
        ),
        None => String::new(),
    }
}

/// How many occurrences an ambiguity message lists.
const LISTED_OCCURRENCES: usize = 5;

/// Code points of context kept on each side of a passage.
pub const CONTEXT_CHARS: usize = 32;

/// The text around a passage, as saved with it; either side may be missing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context<'a> {
    /// The text just before the quote (its end is what matters).
    pub prefix: Option<&'a str>,
    /// The text just after the quote (its start is what matters).
    pub suffix: Option<&'a str>,
}

impl Context<'_> {
    fn is_empty(&self) -> bool {
        self.prefix.is_none_or(str::is_empty) && self.suffix.is_none_or(str::is_empty)
    }

    /// Code points of context given.
    fn len(&self) -> usize {
        let count = |s: Option<&str>| s.map_or(0, |s| s.chars().count());
        count(self.prefix) + count(self.suffix)
    }

    /// How many code points of context agree with the text around `bytes`.
    fn agreement(&self, text: &str, bytes: &Range<usize>) -> usize {
        let before = text.get(..bytes.start).unwrap_or("");
        let after = text.get(bytes.end..).unwrap_or("");
        let p = self.prefix.map_or(0, |p| {
            p.chars()
                .rev()
                .zip(before.chars().rev())
                .take_while(|(a, b)| a == b)
                .count()
        });
        let s = self.suffix.map_or(0, |s| {
            s.chars()
                .zip(after.chars())
                .take_while(|(a, b)| a == b)
                .count()
        });
        p + s
    }
}

/// The context of a passage in `text`: up to [`CONTEXT_CHARS`] code points on each side.
pub fn context_of<'t>(text: &'t str, passage: &Passage) -> (&'t str, &'t str) {
    let before = text.get(..passage.byte_start as usize).unwrap_or("");
    let after = text.get(passage.byte_end as usize..).unwrap_or("");
    let prefix_start = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let suffix_end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    (
        before.get(prefix_start..).unwrap_or(""),
        after.get(..suffix_end).unwrap_or(""),
    )
}

/// Occurrences of a quote looked at when choosing among them; a quote found more often
/// than this (a single common word) is placed among the first ones only.
const MAX_CANDIDATES: usize = 10_000;

/// Every occurrence of `quote` in `text`, overlapping ones included ("aa" is twice in
/// "aaa"), as byte ranges.
fn overlapping<'t>(text: &'t str, quote: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + text.get(from..)?.find(quote)?;
        // Next search from the following character.
        let step = text.get(at..)?.chars().next().map_or(1, char::len_utf8);
        from = at + step;
        Some(at..at + quote.len())
    })
}

/// Finds `quote` in `text`, guided by optional code-point offsets and the saved context.
///
/// - offsets that select exactly the quote: accepted as they are;
/// - offsets that disagree (or point past the end): the quote wins, anchored at the
///   occurrence whose context agrees best, then nearest `start`, with a correction message;
/// - no offsets: the quote must occur exactly once, or its context must tell one
///   occurrence from the others;
/// - no quote: valid offsets are taken as they are, with a correction message.
///
/// Never panics, whatever the text and offsets.
pub fn anchor(
    index: &CharIndex<'_>,
    quote: &str,
    start: Option<u64>,
    end: Option<u64>,
    context: Context<'_>,
) -> Result<Anchored, AnchorError> {
    let text = index.text;
    if text.len() > u32::MAX as usize {
        return Err(AnchorError::TextTooLong);
    }
    let to_usize = |v: Option<u64>| v.map(|v| usize::try_from(v).unwrap_or(usize::MAX));
    let (start, end) = (to_usize(start), to_usize(end));
    let exact_bytes = match (start, end) {
        (Some(s), Some(e)) if s <= e => index.byte(s).zip(index.byte(e)).map(|(b, e)| b..e),
        _ => None,
    };

    if quote.is_empty() {
        return match exact_bytes {
            Some(bytes) if !bytes.is_empty() => Ok(Anchored {
                passage: index.passage(bytes),
                correction: Some("the passage has no quote; taken from its offsets".to_owned()),
            }),
            _ => Err(AnchorError::Empty),
        };
    }

    if let (Some(s), Some(e)) = (start, end)
        && s > e
    {
        let mut found = text.match_indices(quote).map(|(b, q)| b..b + q.len());
        let quote_at = match (found.next(), found.next()) {
            (Some(only), None) => {
                let p = index.passage(only);
                Some(p.chars())
            }
            _ => None,
        };
        return Err(AnchorError::StartAfterEnd {
            start: s as u64,
            end: e as u64,
            quote_at,
        });
    }

    // Offsets that select the quote are trusted, unless the saved context says the text
    // around them changed: then another occurrence may be the one that was meant.
    if let Some(bytes) = exact_bytes.clone()
        && text.get(bytes.clone()) == Some(quote)
        && context.agreement(text, &bytes) == context.len()
        && let (Some(s), Some(e)) = (start, end)
    {
        // The offsets are the passage's code points: nothing to convert back.
        return Ok(Anchored {
            passage: Passage {
                byte_start: bytes.start as u32,
                byte_end: bytes.end as u32,
                char_start: s as u32,
                char_end: e as u32,
            },
            correction: None,
        });
    }
    // A lone `start` whose text begins with the quote is as good as exact offsets.
    if end.is_none()
        && let Some(b) = start.and_then(|s| index.byte(s))
        && text.get(b..).is_some_and(|rest| rest.starts_with(quote))
    {
        return Ok(Anchored {
            passage: index.passage(b..b + quote.len()),
            correction: None,
        });
    }

    let occurrences: Vec<Range<usize>> = overlapping(text, quote).take(MAX_CANDIDATES).collect();
    if occurrences.is_empty() {
        return Err(AnchorError::NotFound {
            quote: quote.to_owned(),
        });
    }
    // Best context first, then (with offsets) nearest to where the quote was.
    let target_byte = start.map(|s| index.byte(s).unwrap_or(text.len()));
    let rank = |r: &Range<usize>| {
        let distance = target_byte.map_or(0, |t| r.start.abs_diff(t));
        (std::cmp::Reverse(context.agreement(text, r)), distance)
    };
    let mut ranked: Vec<(_, &Range<usize>)> = occurrences.iter().map(|r| (rank(r), r)).collect();
    ranked.sort_by_key(|(k, r)| (*k, r.start));
    let (best_rank, best) = match ranked.first() {
        Some(&(k, r)) => (k, r.clone()),
        None => {
            return Err(AnchorError::NotFound {
                quote: quote.to_owned(),
            });
        }
    };
    let tied = ranked.get(1).is_some_and(|(k, _)| *k == best_rank);

    match start {
        Some(s) => {
            let offsets_hit_quote = exact_bytes
                .as_ref()
                .is_some_and(|b| text.get(b.clone()) == Some(quote));
            if exact_bytes.as_ref() == Some(&best) {
                // The context changed around it, but no other place fits better.
                return Ok(Anchored {
                    passage: index.passage(best),
                    correction: None,
                });
            }
            let passage = index.passage(best);
            let given = match end {
                Some(e) => format!("{s}..{e}"),
                None => format!("{s}"),
            };
            let why = if offsets_hit_quote {
                "select an occurrence of the quote whose surroundings differ from its saved context"
                    .to_owned()
            } else if s > index.char_len() || end.is_some_and(|e| e > index.char_len()) {
                format!(
                    "lie past the end of the text ({} code points)",
                    index.char_len()
                )
            } else {
                "do not select the quote".to_owned()
            };
            let by = if context.is_empty() {
                "the quote"
            } else {
                "the quote and its context"
            };
            Ok(Anchored {
                passage,
                correction: Some(format!(
                    "offsets {given} {why}; re-anchored by {by} at {}..{}",
                    passage.char_start, passage.char_end
                )),
            })
        }
        None if occurrences.len() == 1 || (!tied && !context.is_empty()) => Ok(Anchored {
            passage: index.passage(best),
            correction: None,
        }),
        None => Err(AnchorError::Ambiguous {
            quote: quote.to_owned(),
            count: occurrences.len(),
            starts: occurrences
                .iter()
                .take(LISTED_OCCURRENCES + 1)
                .map(|r| index.char_of_byte(r.start))
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Le 31 juillet 2025, une rencontre à Moscou a réuni les ministres. Moscou a confirmé la rencontre.";

    fn run(quote: &str, start: Option<u64>, end: Option<u64>) -> Result<Anchored, AnchorError> {
        anchor(&CharIndex::new(TEXT), quote, start, end, Context::default())
    }

    fn with_context(
        text: &str,
        quote: &str,
        start: Option<u64>,
        prefix: &str,
        suffix: &str,
    ) -> Result<Anchored, AnchorError> {
        let context = Context {
            prefix: Some(prefix),
            suffix: Some(suffix),
        };
        let end = start.map(|s| s + quote.chars().count() as u64);
        anchor(&CharIndex::new(text), quote, start, end, context)
    }

    #[test]
    fn context_settles_a_repeated_quote() {
        // "Moscou" twice, no offsets: the saved context says which.
        let a = with_context(TEXT, "Moscou", None, "les ministres. ", " a confirmé").unwrap();
        assert_eq!(a.passage.char_start, 66);
        assert_eq!(a.correction, None);
        let a = with_context(TEXT, "Moscou", None, "rencontre à ", " a réuni").unwrap();
        assert_eq!(a.passage.char_start, 36);
        // Context that matches neither occurrence better leaves it ambiguous.
        assert!(matches!(
            with_context(TEXT, "Moscou", None, "xyz", "xyz"),
            Err(AnchorError::Ambiguous { count: 2, .. })
        ));
    }

    #[test]
    fn context_re_anchors_after_the_text_was_edited() {
        // A passage saved on the second "Moscou", then text inserted before both: its
        // offsets now select other words, and its context (not the distance) finds it.
        let saved = CharIndex::new(TEXT);
        let second = anchor(&saved, "Moscou", Some(66), Some(72), Context::default()).unwrap();
        let (prefix, suffix) = context_of(TEXT, &second.passage);
        assert_eq!(prefix.chars().count(), CONTEXT_CHARS);
        assert!(prefix.ends_with("a réuni les ministres. "), "{prefix}");
        assert_eq!(suffix, " a confirmé la rencontre.");
        let edited = format!("Moscou. Moscou. Moscou. Moscou. {TEXT}");
        let a = with_context(&edited, "Moscou", Some(66), prefix, suffix).unwrap();
        assert_eq!(a.passage.char_start, 66 + 32);
        assert!(a.correction.unwrap().contains("context"));
    }

    #[test]
    fn context_is_cut_on_code_points() {
        let text =
            "éééééééééééééééééééééééééééééééééééé Moscou ààààààààààààààààààààààààààààààààààààà";
        let a = run_in(text, "Moscou");
        let (prefix, suffix) = context_of(text, &a.passage);
        assert_eq!(prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(suffix.chars().count(), CONTEXT_CHARS);
        assert!(prefix.ends_with("é "));
        assert!(suffix.starts_with(" à"));
        let start = run_in("Moscou est loin", "Moscou");
        assert_eq!(
            context_of("Moscou est loin", &start.passage),
            ("", " est loin")
        );
    }

    fn run_in(text: &str, quote: &str) -> Anchored {
        anchor(&CharIndex::new(text), quote, None, None, Context::default()).unwrap()
    }

    #[test]
    fn exact_offsets_are_code_points() {
        // "à" is two bytes: code-point 36 is byte 37 after it.
        let a = run("Moscou", Some(36), Some(42)).unwrap();
        assert_eq!(a.correction, None);
        assert_eq!(a.passage.chars(), 36..42);
        assert_eq!(a.passage.quote(TEXT), "Moscou");
        assert_eq!(a.passage.bytes(), 37..43);
    }

    #[test]
    fn unique_quote_without_offsets() {
        let a = run("une rencontre à Moscou", None, None).unwrap();
        assert_eq!(a.passage.chars(), 20..42);
        assert_eq!(a.correction, None);
    }

    #[test]
    fn quote_wins_over_wrong_offsets() {
        let a = run("ministres", Some(5000), Some(5009)).unwrap();
        assert_eq!(a.passage.quote(TEXT), "ministres");
        assert!(a.correction.unwrap().contains("past the end"));
        // Nearest occurrence to the hint wins.
        let second = TEXT.chars().count() - "Moscou a confirmé la rencontre.".chars().count();
        let a = run("Moscou", Some(second as u64 + 2), Some(second as u64 + 8)).unwrap();
        assert_eq!(a.passage.char_start as usize, second);
    }

    #[test]
    fn ambiguous_and_missing_quotes_are_errors() {
        match run("Moscou", None, None) {
            Err(AnchorError::Ambiguous {
                count: 2, starts, ..
            }) => assert_eq!(starts[0], 36),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            run("à Paris", None, None),
            Err(AnchorError::NotFound { .. })
        ));
        let e = run("ministres", Some(60), Some(51)).unwrap_err();
        assert!(e.to_string().contains("occurs once"), "{e}");
    }

    #[test]
    fn empty_quote_uses_offsets() {
        let a = run("", Some(36), Some(42)).unwrap();
        assert_eq!(a.passage.quote(TEXT), "Moscou");
        assert!(a.correction.is_some());
        assert!(matches!(run("", None, None), Err(AnchorError::Empty)));
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            /// Code points counted over any cut of a text (a table block may end inside
            /// one) add up to what `str` counts, and every byte offset maps back.
            #[test]
            fn code_points_are_counted_over_any_cut(text in "[a-zé’\u{202F}\u{1F600} ]{0,200}", cut in any::<prop::sample::Index>()) {
                let bytes = text.as_bytes();
                let at = cut.index(bytes.len() + 1);
                prop_assert_eq!(
                    count_chars(&bytes[..at]) + count_chars(&bytes[at..]),
                    text.chars().count()
                );
                let index = CharIndex::new(&text);
                prop_assert_eq!(index.char_len(), text.chars().count());
                for (n, (byte, _)) in text.char_indices().enumerate() {
                    prop_assert_eq!(index.byte(n), Some(byte));
                }
            }
        }
    }
}
