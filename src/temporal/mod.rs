//! Temporal tagger: finds temporal expressions in raw French and English text, types
//! them (DATE, TIME, DURATION, SET) and normalises them against the publication date,
//! following the TIMEX3 conventions of TimeML (as the French TimeBank applies them),
//! and gives each one the EDTF date frise puts on the timeline.
//!
//! # Why hand-written
//!
//! No well-kept Rust crate tags French temporal expressions: `rustling-ontology` is
//! unmaintained since 2020 and not on crates.io, and the French rules of the
//! `duckling` port are written to pass its own test corpus rather than to follow
//! TimeML. The rules here are regular expressions (the `regex` crate: linear time, no
//! backtracking) with small handlers, and the vocabulary lives in tables
//! (`lexicon`).
//!
//! # Pipeline
//!
//! 1. `rules`: every rule of the language runs over the text; overlapping candidates
//!    are settled by keeping the longest.
//! 2. `resolve`: candidates are resolved in text order — relative expressions
//!    against the reference date (with the tense of their sentence for weekdays and
//!    partial dates), anaphoric ones (« la veille », "the following week") against the
//!    last date of the text — and mapped to EDTF, with signals (« depuis », "until")
//!    and interval bounds (« entre 2011 et 2024 ») turned into intervals.
//!
//! Offsets of [`Mention`] are in code points (Unicode scalar values) of the text.

pub mod eval;
mod lexicon;
mod resolve;
mod rules;
#[cfg(test)]
mod tests;

use std::fmt;

/// Language of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    Fr,
    En,
}

impl Language {
    /// ISO 639-1 code.
    pub fn code(&self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
}

/// TIMEX3 type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    /// Parses "DATE", "TIME", "DURATION", "SET" (any case).
    pub fn parse(s: &str) -> Option<TimexType> {
        match s.trim().to_ascii_uppercase().as_str() {
            "DATE" => Some(TimexType::Date),
            "TIME" => Some(TimexType::Time),
            "DURATION" => Some(TimexType::Duration),
            "SET" => Some(TimexType::Set),
            _ => None,
        }
    }
}

impl fmt::Display for TimexType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One temporal expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Start, in code points of the text.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The text of the span.
    pub text: String,
    pub kind: TimexType,
    /// TIMEX3 value: "2025-07-31", "2024-12", "2025-W31", "P3Y", "PAST_REF", "199"...
    pub value: String,
    /// EDTF date or interval for the timeline ("2024-12/..", "199X"), or `None` for
    /// durations, sets, vague and unresolved expressions.
    pub date: Option<String>,
}

/// Reference (publication) date; month and day may be unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dct {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Dct {
    /// Parses "2025-07-31", "2025-07" or "2025" (a time part after `T` is ignored).
    pub fn parse(s: &str) -> Option<Dct> {
        let s = s.trim();
        let s = s.split(['T', ' ']).next().unwrap_or(s);
        let mut parts = s.split('-');
        let y = parts.next()?;
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month = match parts.next() {
            None => None,
            Some(m) if m.len() == 2 => {
                Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?)
            }
            Some(_) => return None,
        };
        let day = match parts.next() {
            None => None,
            Some(d) if d.len() == 2 => {
                let d: u32 = d.parse().ok()?;
                chrono::NaiveDate::from_ymd_opt(year, month?, d)?;
                Some(d)
            }
            Some(_) => return None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Dct { year, month, day })
    }
}

/// Result of [`tag`].
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Tagged {
    /// Language used (given or detected); `None` if neither French nor English.
    pub lang: Option<Language>,
    /// Mentions, sorted, never overlapping.
    pub mentions: Vec<Mention>,
    /// What the caller should know: unresolved expressions, undetected language.
    pub notes: Vec<String>,
}

/// Bytes of text looked at for language detection.
const DETECT_SAMPLE: usize = 4096;

/// Detects French or English (`None` for any other language or too little text).
pub fn detect_language(text: &str) -> Option<Language> {
    detect(text).ok()
}

/// `Err(Some(code))`: another language was detected.
fn detect(text: &str) -> Result<Language, Option<String>> {
    let sample = rules::after(text, 0, DETECT_SAMPLE);
    let info = whatlang::detect(sample).ok_or(None)?;
    let from = |l: whatlang::Lang| match l {
        whatlang::Lang::Fra => Some(Language::Fr),
        whatlang::Lang::Eng => Some(Language::En),
        _ => None,
    };
    if let Some(l) = from(info.lang()) {
        return Ok(l);
    }
    if !info.is_reliable() {
        // Short texts: choose between the two languages we know.
        let det =
            whatlang::Detector::with_allowlist(vec![whatlang::Lang::Fra, whatlang::Lang::Eng]);
        if let Some(l) = det.detect_lang(sample).and_then(from) {
            return Ok(l);
        }
    }
    Err(Some(iso639_1(info.lang())))
}

fn iso639_1(l: whatlang::Lang) -> String {
    use whatlang::Lang::*;
    let code = match l {
        Deu => "de",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Rus => "ru",
        Ara => "ar",
        Cmn => "zh",
        Jpn => "ja",
        Pol => "pl",
        Tur => "tr",
        Swe => "sv",
        Dan => "da",
        Fin => "fi",
        Ukr => "uk",
        Kor => "ko",
        Hin => "hi",
        Ell => "el",
        Ces => "cs",
        Ron => "ro",
        Hun => "hu",
        Heb => "he",
        Cat => "ca",
        Nob => "nb",
        other => return other.code().to_string(),
    };
    code.to_string()
}

/// Tags `text`. `lang`: `None` to detect it; a text in neither French nor English gets
/// no mentions and a note. `dct`: the publication date relative expressions are
/// resolved against; without it they keep unresolved values (`XXXX-XX-XX`).
pub fn tag(text: &str, lang: Option<Language>, dct: Option<&Dct>) -> Tagged {
    let mut notes = Vec::new();
    let lang = match lang {
        Some(l) => l,
        None => match detect(text) {
            Ok(l) => l,
            Err(code) => {
                if !text.trim().is_empty() {
                    notes.push(match code {
                        Some(c) => {
                            format!("the text is in neither French nor English (detected: {c})")
                        }
                        None => "the language of the text could not be detected".to_string(),
                    });
                }
                return Tagged {
                    lang: None,
                    mentions: Vec::new(),
                    notes,
                };
            }
        },
    };
    let cands = rules::extract(text, lang);
    let (resolved, unresolved) = resolve::resolve_all(text, lang, dct, &cands);
    if unresolved.no_dct > 0 {
        notes.push(format!(
            "no reference date: {} relative expression{} left unresolved",
            unresolved.no_dct,
            if unresolved.no_dct == 1 { "" } else { "s" }
        ));
    }
    if unresolved.imprecise_dct > 0 {
        notes.push(format!(
            "the reference date is not precise enough: {} relative expression{} left unresolved",
            unresolved.imprecise_dct,
            if unresolved.imprecise_dct == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    // Byte offsets to code points, in one pass (candidates are sorted).
    let mut mentions = Vec::with_capacity(cands.len());
    let mut chars_before = 0usize;
    let mut byte_pos = 0usize;
    for (c, r) in cands.iter().zip(resolved) {
        let (Some(gap), Some(span)) = (text.get(byte_pos..c.start), text.get(c.start..c.end))
        else {
            continue;
        };
        let start = chars_before + gap.chars().count();
        let len = span.chars().count();
        chars_before = start + len;
        byte_pos = c.end;
        mentions.push(Mention {
            start,
            end: start + len,
            text: span.to_string(),
            kind: r.kind,
            value: r.value,
            date: r.date,
        });
    }
    Tagged {
        lang: Some(lang),
        mentions,
        notes,
    }
}
