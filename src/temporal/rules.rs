//! Extraction rules: one regular expression per family of expressions and language,
//! each with a handler that reads the captures into a [`Cand`] (a span plus its
//! meaning, not yet resolved against any date).
//!
//! Every pattern is compiled by the `regex` crate, which runs in time linear in the
//! input. Repetitions of white space are bounded (`{1,3}`) so that a match is never
//! longer than a few dozen characters. Word boundaries are checked after the match on
//! Unicode characters (the regex `\b` is not used: it would keep the fast DFA engines
//! from running on non-ASCII text).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::lexicon::{
    self, MONTHS_EN, MONTHS_FR, Pod, Season, Unit, WEEKDAYS_EN, WEEKDAYS_FR, lookup, parse_number,
    parse_ordinal, pod_of, season_of, unit_of,
};
use super::{Language, TimexType};

/// Direction of a partially specified expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dir {
    /// From the tense of the sentence.
    Tense,
    /// « dernier », "last": strictly before the anchor.
    Last,
    /// « prochain », "next": strictly after the anchor.
    Next,
    /// « ce », "this": the one of the current week.
    This,
}

/// What a relative expression is counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// The publication date (« hier », "next week").
    Dct,
    /// The last date mentioned before (« la veille », "the following week").
    Prev,
}

/// The meaning of a candidate, before resolution.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Sem {
    /// A calendar date; a missing year is inferred from the reference date and tense.
    Cal {
        y: Option<i32>,
        m: Option<u32>,
        d: Option<u32>,
        dir: Dir,
    },
    Season {
        y: Option<i32>,
        s: Season,
        dir: Dir,
    },
    /// Quarter (`'Q'`) or half year (`'H'`).
    Part {
        y: Option<i32>,
        q: char,
        n: u32,
    },
    Weekday {
        wd: u32,
        dir: Dir,
    },
    /// `n` units from the anchor. `shift`: a point (« il y a trois ans », "two days
    /// later") rather than the calendar unit containing it (« la semaine prochaine »).
    Rel {
        unit: Unit,
        n: i64,
        anchor: Anchor,
        shift: bool,
    },
    /// A shift by an unknown amount: « il y a quelques jours ».
    Vague {
        future: bool,
    },
    /// « aujourd'hui »: today, or "nowadays" (PRESENT_REF), decided with the tense.
    Today,
    /// First three digits of the years: 199 for the 1990s.
    Decade(i64),
    /// First two digits of the years: 19 for the twentieth century.
    Century(i64),
    Duration(String),
    Set(String),
    Ref(&'static str),
    /// A clock time, on the last day mentioned.
    Time {
        h: u32,
        mi: u32,
    },
    /// A part of the last day mentioned (« dans la soirée »).
    PodOnly,
}

#[derive(Clone, Debug)]
pub(crate) struct Cand {
    /// Byte offsets of the span.
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
    pub pod: Option<Pod>,
    pub time: Option<(u32, u32)>,
    /// Overrides the type the resolver would choose.
    pub kind: Option<TimexType>,
    /// « vers 1990 », "around 2000".
    pub approx: bool,
    /// Explicitly paired with the next candidate as an interval (« du 21 au 25 »).
    pub pair_next: bool,
}

impl Cand {
    fn new(start: usize, end: usize, sem: Sem) -> Cand {
        Cand {
            start,
            end,
            sem,
            pod: None,
            time: None,
            kind: None,
            approx: false,
            pair_next: false,
        }
    }
}

type Handler = fn(&Captures, &Ctx, &mut Vec<Cand>);

struct Rule {
    re: Regex,
    f: Handler,
    prio: u8,
}

pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub lang: Language,
}

const SP: &str = r"\s{1,3}";
const AP: &str = r"['’]";

fn expand(p: &str, lang: Language) -> String {
    let (months, wds) = match lang {
        Language::Fr => (
            lexicon::names_pattern(MONTHS_FR, true),
            lexicon::names_pattern(WEEKDAYS_FR, false),
        ),
        Language::En => (cap_names(MONTHS_EN, true), cap_names(WEEKDAYS_EN, false)),
    };
    let wda = match lang {
        Language::Fr => lexicon::names_pattern(WEEKDAYS_FR, true),
        Language::En => cap_names(WEEKDAYS_EN, true),
    };
    let num = lexicon::number_words_pattern(lang);
    let units = match lang {
        Language::Fr => {
            "(?:années|année|annees|annee|ans|an|mois|semaines|semaine|journées|journée|jours|jour|heures|heure|minutes|minute|secondes|seconde|décennies|décennie|siècles|siècle|trimestres|trimestre|semestres|semestre|week-ends|week-end|nuits|nuit|millénaires|millénaire)"
        }
        Language::En => {
            "(?:years|year|months|month|weeks|week|days|day|hours|hour|minutes|minute|seconds|second|decades|decade|centuries|century|quarters|quarter|weekends|weekend|nights|night|millennia|millennium)"
        }
    };
    p.replace("{SP}", SP)
        .replace("{AP}", AP)
        .replace("{MONTH}", &months)
        .replace("{WDA}", &wda)
        .replace("{WD}", &wds)
        .replace("{NUM}", &num)
        .replace("{UNIT}", units)
}

/// English month and weekday names are matched capitalised (or in capitals) only:
/// "may", "march", "sun" are ordinary words.
fn cap_names(table: &[(&str, u32)], with_abbrev: bool) -> String {
    let mut words: Vec<String> = Vec::new();
    for (w, _) in table {
        if !with_abbrev && w.ends_with('.') {
            continue;
        }
        let mut cs = w.chars();
        if let Some(f) = cs.next() {
            let cap: String = f.to_uppercase().chain(cs).collect();
            words.push(cap);
            words.push(w.to_uppercase());
        }
    }
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let alt: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    format!("(?-i:{})", alt.join("|"))
}

fn compile(p: &str, lang: Language) -> Option<Regex> {
    let full = format!("(?i){}", expand(p, lang));
    regex::RegexBuilder::new(&full)
        .size_limit(50 << 20)
        .dfa_size_limit(20 << 20)
        .build()
        .ok()
}

/// All the patterns of a language as one set, to skip on a short text the rules that
/// cannot match anywhere in it (one pass instead of one per rule).
fn rule_set(lang: Language) -> Option<&'static regex::RegexSet> {
    static FR: OnceLock<Option<regex::RegexSet>> = OnceLock::new();
    static EN: OnceLock<Option<regex::RegexSet>> = OnceLock::new();
    let (cell, table) = match lang {
        Language::Fr => (&FR, fr_rules()),
        Language::En => (&EN, en_rules()),
    };
    cell.get_or_init(|| {
        let pats: Vec<String> = table
            .iter()
            .map(|(p, _)| format!("(?i){}", expand(p, lang)))
            .collect();
        regex::RegexSetBuilder::new(pats)
            .size_limit(200 << 20)
            .dfa_size_limit(50 << 20)
            .build()
            .ok()
    })
    .as_ref()
}

/// Texts up to this size are first screened with [`rule_set`].
const SCREEN_MAX: usize = 32 * 1024;

/// Building the set costs about as much as tagging half a megabyte; it is built only
/// once the process has tagged that much (screening never changes the result, it only
/// skips rules that have no match in the text).
const SCREEN_AFTER: usize = 512 * 1024;

static TAGGED_BYTES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn rules(lang: Language) -> &'static [Rule] {
    static FR: OnceLock<Vec<Rule>> = OnceLock::new();
    static EN: OnceLock<Vec<Rule>> = OnceLock::new();
    let (cell, table) = match lang {
        Language::Fr => (&FR, fr_rules()),
        Language::En => (&EN, en_rules()),
    };
    cell.get_or_init(|| {
        table
            .into_iter()
            .enumerate()
            .filter_map(|(i, (p, f))| {
                compile(p, lang).map(|re| Rule {
                    re,
                    f,
                    prio: i as u8,
                })
            })
            .collect()
    })
}

/// Number of rules of a language whose pattern failed to compile (a test keeps it 0).
#[cfg(test)]
pub(crate) fn broken_rules(lang: Language) -> usize {
    let n = match lang {
        Language::Fr => fr_rules().len(),
        Language::En => en_rules().len(),
    };
    n - rules(lang).len()
}

// ---------------------------------------------------------------------------
// Helpers on text around a match.

/// Up to `n` bytes before `at`, cut on a character boundary.
pub(crate) fn before(text: &str, at: usize, n: usize) -> &str {
    let mut s = at.saturating_sub(n);
    while s < at && !text.is_char_boundary(s) {
        s += 1;
    }
    text.get(s..at).unwrap_or("")
}

/// Up to `n` bytes after `at`, cut on a character boundary.
pub(crate) fn after(text: &str, at: usize, n: usize) -> &str {
    let mut e = (at + n).min(text.len());
    while e > at && !text.is_char_boundary(e) {
        e -= 1;
    }
    text.get(at..e).unwrap_or("")
}

/// Last word before `at` (lowercased), skipping spaces.
pub(crate) fn prev_word(text: &str, at: usize) -> String {
    let b = before(text, at, 40);
    let t = b.trim_end();
    let w: String = t
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '\'' || *c == '’')
        .collect();
    w.chars().rev().collect::<String>().to_lowercase()
}

/// Next word after `at` (as written), skipping spaces.
pub(crate) fn next_word(text: &str, at: usize) -> &str {
    let a = after(text, at, 40);
    let t = a.trim_start();
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-'))
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    t.get(..end).unwrap_or("")
}

fn boundary_ok(text: &str, start: usize, end: usize) -> bool {
    let prev = text.get(..start).and_then(|s| s.chars().next_back());
    let first = text.get(start..).and_then(|s| s.chars().next());
    let last = text.get(..end).and_then(|s| s.chars().next_back());
    let next = text.get(end..).and_then(|s| s.chars().next());
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    if word(prev) && word(first) {
        return false;
    }
    if word(last) && word(next) {
        return false;
    }
    true
}

fn g<'a>(c: &'a Captures, name: &str) -> Option<&'a str> {
    c.name(name).map(|m| m.as_str())
}

fn gstart(c: &Captures, name: &str) -> Option<usize> {
    c.name(name).map(|m| m.start())
}

fn gend(c: &Captures, name: &str) -> Option<usize> {
    c.name(name).map(|m| m.end())
}

fn whole(c: &Captures) -> (usize, usize) {
    c.get(0).map(|m| (m.start(), m.end())).unwrap_or((0, 0))
}

fn month_of(s: &str, lang: Language) -> Option<u32> {
    match lang {
        Language::Fr => lookup(MONTHS_FR, s),
        Language::En => lookup(MONTHS_EN, s),
    }
}

fn weekday_of(s: &str, lang: Language) -> Option<u32> {
    match lang {
        Language::Fr => lookup(WEEKDAYS_FR, s),
        Language::En => lookup(WEEKDAYS_EN, s),
    }
}

fn day_of(s: &str) -> Option<u32> {
    let l = s.to_lowercase();
    if l.starts_with("1er") || l.starts_with("premier") || l.starts_with("1ᵉʳ") {
        return Some(1);
    }
    let digits: String = l.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_of(s: &str) -> Option<i32> {
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let y: i32 = digits.parse().ok()?;
    if digits.len() == 2 {
        // Two-digit years: '98 is 1998, '05 is 2005.
        Some(if y >= 30 { 1900 + y } else { 2000 + y })
    } else {
        (1000..=2200).contains(&y).then_some(y)
    }
}

fn dir_of(s: Option<&str>) -> Dir {
    match s.map(|s| s.to_lowercase()) {
        None => Dir::Tense,
        Some(s) => {
            if s.starts_with("dern")
                || s.starts_with("pass")
                || s.starts_with("last")
                || s.starts_with("past")
                || s.starts_with("préc")
                || s.starts_with("prev")
            {
                Dir::Last
            } else if s.starts_with("proch")
                || s.starts_with("next")
                || s.starts_with("coming")
                || s.starts_with("suiv")
                || s.starts_with("follow")
            {
                Dir::Next
            } else if s.starts_with("ce") || s.starts_with("this") {
                Dir::This
            } else {
                Dir::Tense
            }
        }
    }
}

fn is_upper_initial(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Units, currencies and counted nouns that make a number a quantity, not a year.
const NOT_YEAR_AFTER: &[&str] = &[
    "%",
    "€",
    "$",
    "£",
    "¥",
    "°",
    "euros",
    "euro",
    "francs",
    "dollars",
    "dollar",
    "livres",
    "habitants",
    "personnes",
    "hommes",
    "femmes",
    "soldats",
    "morts",
    "victimes",
    "blessés",
    "emplois",
    "salariés",
    "élèves",
    "km",
    "kilomètres",
    "mètres",
    "m",
    "m2",
    "m²",
    "kg",
    "tonnes",
    "litres",
    "hectares",
    "ha",
    "voix",
    "exemplaires",
    "points",
    "pages",
    "places",
    "logements",
    "participants",
    "spectateurs",
    "visiteurs",
    "manifestants",
    "policiers",
    "gendarmes",
    "people",
    "men",
    "women",
    "soldiers",
    "troops",
    "dollars",
    "euros",
    "pounds",
    "miles",
    "feet",
    "meters",
    "metres",
    "jobs",
    "votes",
    "units",
    "copies",
    "employees",
    "residents",
    "tons",
    "tonnes",
    "shares",
    "barrels",
    "cars",
    "homes",
    "members",
    "fr",
    "millions",
    "milliards",
    "million",
    "billion",
    "mille",
    "cents",
];

const NOT_YEAR_BEFORE: &[&str] = &[
    "n°", "no", "numéro", "numero", "page", "p", "art", "article", "loi", "route", "rn", "rd",
    "rue", "tél", "tel", "number", "no.", "room", "flight", "vol", "chambre", "code", "modèle",
    "model", "type", "série", "bus", "ligne",
];

/// Whether a number at `[s, e)` is written as part of a larger quantity
/// (« 1 500 », « 2 000 000 », « 3,5 »).
fn in_number_group(text: &str, s: usize, e: usize) -> bool {
    let b: Vec<char> = before(text, s, 8).chars().rev().take(2).collect();
    if let [sep, d] = b.as_slice()
        && d.is_ascii_digit()
        && (sep.is_whitespace() || *sep == '.' || *sep == ',' || *sep == '\'')
    {
        return true;
    }
    let a: Vec<char> = after(text, e, 8).chars().take(4).collect();
    if a.len() >= 2 && (a[0] == ',' || a[0] == '.') && a[1].is_ascii_digit() {
        return true;
    }
    if a.len() >= 4
        && (a[0].is_whitespace() || a[0] == '.')
        && a[1..4].iter().all(|c| c.is_ascii_digit())
    {
        return true;
    }
    false
}

fn followed_by_unit(text: &str, e: usize) -> bool {
    let a = after(text, e, 20).trim_start();
    if let Some(c) = a.chars().next()
        && "%€$£¥°".contains(c)
    {
        return true;
    }
    let w = next_word(text, e).to_lowercase();
    NOT_YEAR_AFTER.contains(&w.as_str())
}

fn preceded_by_label(text: &str, s: usize) -> bool {
    let b = before(text, s, 12).trim_end();
    let b = b.trim_end_matches(['.', ':', '#']).trim_end();
    if b.ends_with('°') || b.ends_with('#') {
        return true;
    }
    let w = prev_word(text, s);
    let w = w.trim_end_matches('.');
    NOT_YEAR_BEFORE.contains(&w)
}

const APPROX_BEFORE: &[&str] = &[
    "vers",
    "environ",
    "around",
    "about",
    "circa",
    "approximately",
    "roughly",
    "alentours",
];

fn approx_before(text: &str, s: usize) -> bool {
    let w = prev_word(text, s);
    APPROX_BEFORE.contains(&w.as_str())
}

// ---------------------------------------------------------------------------
// Extraction.

struct Group {
    claim: (usize, usize),
    prio: u8,
    cands: Vec<Cand>,
}

/// Runs every rule of `lang` over `text` and keeps non-overlapping candidates, the
/// longest first; sorted by start.
pub(crate) fn extract(text: &str, lang: Language) -> Vec<Cand> {
    let ctx = Ctx { text, lang };
    let mut groups: Vec<Group> = Vec::new();
    let all = rules(lang);
    // Only when every rule compiled do set indices equal rule indices.
    let seen = TAGGED_BYTES.fetch_add(text.len(), std::sync::atomic::Ordering::Relaxed);
    let screen = (text.len() <= SCREEN_MAX && seen >= SCREEN_AFTER)
        .then(|| rule_set(lang))
        .flatten()
        .filter(|set| set.len() == all.len())
        .map(|set| set.matches(text));
    for rule in all {
        if let Some(m) = &screen
            && !m.matched(rule.prio as usize)
        {
            continue;
        }
        let mut pos = 0;
        while pos < text.len() {
            let Some(caps) = rule.re.captures_at(text, pos) else {
                break;
            };
            let (s, e) = whole(&caps);
            if e <= s {
                pos = next_boundary(text, s);
                continue;
            }
            if !boundary_ok(text, s, e) {
                pos = next_boundary(text, s);
                continue;
            }
            let mut cands = Vec::new();
            (rule.f)(&caps, &ctx, &mut cands);
            cands.retain(|c| c.start < c.end && c.end <= text.len());
            if !cands.is_empty() {
                groups.push(Group {
                    claim: (s, e),
                    prio: rule.prio,
                    cands,
                });
                pos = e;
            } else {
                // The handler read the context and said no: do not retry inside the
                // match, a shorter match there would lose that context.
                pos = e;
            }
        }
    }
    groups.sort_by(|a, b| {
        let la = a.claim.1 - a.claim.0;
        let lb = b.claim.1 - b.claim.0;
        lb.cmp(&la)
            .then(a.prio.cmp(&b.prio))
            .then(a.claim.0.cmp(&b.claim.0))
    });
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out: Vec<Cand> = Vec::new();
    for gr in groups {
        let (s, e) = gr.claim;
        let clash_before = taken.range(..e).next_back().is_some_and(|(_, &pe)| pe > s);
        if clash_before {
            continue;
        }
        taken.insert(s, e);
        out.extend(gr.cands);
    }
    out.sort_by_key(|c| (c.start, c.end));
    // Candidates of one group may not overlap those of another (claims are disjoint),
    // but guard anyway.
    let mut res: Vec<Cand> = Vec::with_capacity(out.len());
    for c in out {
        if res.last().is_some_and(|l: &Cand| l.end > c.start) {
            continue;
        }
        res.push(c);
    }
    res
}

fn next_boundary(text: &str, s: usize) -> usize {
    let mut p = s + 1;
    while p < text.len() && !text.is_char_boundary(p) {
        p += 1;
    }
    p
}

// ---------------------------------------------------------------------------
// Shared handlers.

fn push_cal(
    out: &mut Vec<Cand>,
    s: usize,
    e: usize,
    y: Option<i32>,
    m: Option<u32>,
    d: Option<u32>,
    dir: Dir,
) {
    out.push(Cand::new(s, e, Sem::Cal { y, m, d, dir }));
}

/// Day + month (+ year), with optional determiner and weekday.
fn h_day_month(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(d) = g(c, "d").and_then(day_of) else {
        return;
    };
    let Some(m) = g(c, "m").and_then(|m| month_of(m, x.lang)) else {
        return;
    };
    let y = g(c, "y").and_then(year_of);
    let dir = dir_of(g(c, "rel"));
    let start = match x.lang {
        Language::Fr => s,
        // "on July 31": the preposition stays out.
        Language::En => gstart(c, "det")
            .or(gstart(c, "wd"))
            .or(gstart(c, "d"))
            .map_or(s, |v| v.min(s.max(v))),
    };
    let mut cand = Cand::new(
        start,
        e,
        Sem::Cal {
            y,
            m: Some(m),
            d: Some(d),
            dir,
        },
    );
    cand.approx = approx_before(x.text, start);
    out.push(cand);
}

/// "July 31, 2025" (English month-first).
fn h_month_day(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(d) = g(c, "d").and_then(day_of) else {
        return;
    };
    let Some(m) = g(c, "m").and_then(|m| month_of(m, x.lang)) else {
        return;
    };
    let y = g(c, "y").and_then(year_of);
    push_cal(out, s, e, y, Some(m), Some(d), dir_of(g(c, "rel")));
}

/// Month (+ year), with « début/fin/mi- », "early/late", « dernier », "last".
fn h_month(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, mut e) = whole(c);
    let Some(mword) = g(c, "m") else { return };
    let Some(m) = month_of(mword, x.lang) else {
        return;
    };
    let mut y = None;
    if let Some(ys) = g(c, "y") {
        let two = ys.chars().filter(|c| c.is_ascii_digit()).count() == 2;
        let ok = if two {
            // « octobre 98 »: only when nothing word-like follows.
            let nx = next_word(x.text, e);
            ys.starts_with(['\'', '’'])
                || nx.is_empty()
                || nx.chars().next().is_some_and(|c| c.is_uppercase())
        } else {
            true
        };
        if ok {
            y = year_of(ys);
        }
        if y.is_none() {
            // Drop the number from the span.
            e = gend(c, "m").unwrap_or(e);
            if g(c, "rel").is_some() {
                return;
            }
        }
    }
    let has_mod = g(c, "mod").is_some() || g(c, "rel").is_some() || g(c, "mois").is_some();
    if y.is_none() && !has_mod {
        let lw = mword.to_lowercase();
        let pw = prev_word(x.text, s);
        let ms = gstart(c, "m").unwrap_or(s);
        match x.lang {
            Language::Fr => {
                if lw == "mars" {
                    // The planet: capitalised inside a sentence, or after its cue words.
                    let sentence_start = before(x.text, ms, 4)
                        .trim_end()
                        .chars()
                        .next_back()
                        .is_none_or(|c| ".!?\n«\"(".contains(c));
                    if is_upper_initial(mword) && !sentence_start {
                        return;
                    }
                    if [
                        "planète",
                        "sur",
                        "vers",
                        "la",
                        "sonde",
                        "mission",
                        "rover",
                        "conquête",
                    ]
                    .contains(&pw.as_str())
                    {
                        return;
                    }
                }
                if mword.ends_with('.') {
                    return;
                }
            }
            Language::En => {
                if lw == "may" || lw == "march" || mword.ends_with('.') {
                    let cues = [
                        "in", "since", "until", "by", "of", "last", "next", "this", "early",
                        "late", "mid", "from", "to", "through", "during", "before", "after",
                        "till", "between", "and", "or", "on",
                    ];
                    if !cues.contains(&pw.as_str()) {
                        return;
                    }
                }
            }
        }
    }
    let dir = dir_of(g(c, "rel").or(g(c, "dem")));
    out.push(Cand::new(
        s,
        e,
        Sem::Cal {
            y,
            m: Some(m),
            d: None,
            dir,
        },
    ));
}

/// Weekday, with part of day and « dernier »/"last".
fn h_weekday(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(wd) = g(c, "wd").and_then(|w| weekday_of(w, x.lang)) else {
        return;
    };
    let rel = g(c, "rel");
    let det = g(c, "det").map(|d| d.trim().to_lowercase());
    let pod = g(c, "pod");
    let start = match x.lang {
        Language::En if rel.is_some_and(|r| r.eq_ignore_ascii_case("on")) => {
            gstart(c, "wd").unwrap_or(s)
        }
        _ => s,
    };
    let mut dir = dir_of(rel.filter(|r| !r.eq_ignore_ascii_case("on")));
    if det.as_deref() == Some("ce") {
        dir = Dir::This;
    }
    // « le lundi » alone is habitual in French: « fermé le lundi ».
    if det.as_deref() == Some("le") && rel.is_none() && pod.is_none() {
        let mut cand = Cand::new(start, e, Sem::Set(format!("XXXX-WXX-{wd}")));
        cand.kind = Some(TimexType::Set);
        out.push(cand);
        return;
    }
    let mut cand = Cand::new(start, e, Sem::Weekday { wd, dir });
    set_pod(&mut cand, pod);
    out.push(cand);
}

fn set_pod(cand: &mut Cand, pod: Option<&str>) {
    if let Some(p) = pod {
        let lp = p.to_lowercase();
        if (lp.contains("midi") && !lp.contains("après") && !lp.contains("apres")) || lp == "noon"
        {
            cand.time = Some((12, 0));
        } else if lp == "midnight" || lp == "minuit" {
            cand.time = Some((0, 0));
        } else {
            cand.pod = pod_of(lp.rsplit([' ', '\u{a0}']).next().unwrap_or(&lp));
        }
    }
}

/// hier, demain, aujourd'hui, yesterday, today, tomorrow (+ part of day).
fn h_deictic(c: &Captures, _x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(w) = g(c, "w") else { return };
    let lw = w.to_lowercase().replace('’', "'");
    let lw: String = lw.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = match lw.as_str() {
        "avant-hier" | "the day before yesterday" => -2,
        "hier" | "yesterday" => -1,
        "aujourd'hui" | "today" | "tonight" | "ce" | "cet" | "cette" | "this" => 0,
        "demain" | "tomorrow" => 1,
        "après-demain" | "apres-demain" | "the day after tomorrow" => 2,
        "last" => -1,
        _ => return,
    };
    let pod = g(c, "pod");
    let wd = g(c, "wd");
    if lw == "aujourd'hui" && pod.is_none() && wd.is_none() {
        out.push(Cand::new(s, e, Sem::Today));
        return;
    }
    let mut cand = Cand::new(
        s,
        e,
        Sem::Rel {
            unit: Unit::Day,
            n,
            anchor: Anchor::Dct,
            shift: false,
        },
    );
    if lw == "tonight" {
        cand.pod = Some(Pod::Night);
    }
    set_pod(&mut cand, pod);
    out.push(cand);
}

/// la veille, le lendemain, le même jour, the day before, the next day.
fn h_anaphoric_day(c: &Captures, _x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(w) = g(c, "w") else { return };
    let lw = w.to_lowercase().replace('’', "'");
    let n = if lw.contains("avant-veille") {
        -2
    } else if lw.contains("veille")
        || lw.contains("before")
        || lw.contains("previous")
        || lw.contains("preceding")
    {
        -1
    } else if lw.contains("surlendemain") {
        2
    } else if lw.contains("lendemain")
        || lw.contains("next")
        || lw.contains("following")
        || lw.contains("after")
    {
        1
    } else {
        0
    };
    let mut cand = Cand::new(
        s,
        e,
        Sem::Rel {
            unit: Unit::Day,
            n,
            anchor: Anchor::Prev,
            shift: false,
        },
    );
    if lw.contains("matin") || lw.contains("morning") {
        cand.pod = Some(Pod::Morning);
    } else if lw.contains("soir") || lw.contains("evening") {
        cand.pod = Some(Pod::Evening);
    } else if lw.contains("night") || lw.contains("nuit") {
        cand.pod = Some(Pod::Night);
    }
    set_pod(&mut cand, g(c, "pod"));
    out.push(cand);
}

/// ce matin, ce soir, cette nuit, this morning, last night.
fn h_this_pod(c: &Captures, _x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(dem) = g(c, "dem") else { return };
    let n = if dem.eq_ignore_ascii_case("last") {
        -1
    } else {
        0
    };
    let mut cand = Cand::new(
        s,
        e,
        Sem::Rel {
            unit: Unit::Day,
            n,
            anchor: Anchor::Dct,
            shift: false,
        },
    );
    set_pod(&mut cand, g(c, "pod"));
    if cand.pod.is_none() && cand.time.is_none() {
        return;
    }
    out.push(cand);
}

/// cette semaine, l'an dernier, le mois prochain, la semaine suivante, last year...
fn h_unit_rel(c: &Captures, _x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(uw) = g(c, "u") else { return };
    let lu = uw.to_lowercase();
    let det = g(c, "det").map(|d| d.to_lowercase().replace('’', "'"));
    let rel = g(c, "rel").map(|r| r.to_lowercase());
    let has_mod = g(c, "mod").is_some();
    let dem = det.as_deref().is_some_and(|d| {
        let d = d.trim();
        d == "ce" || d == "cet" || d == "cette" || d == "this"
    }) || g(c, "ci").is_some();
    let (n, anchor) = match rel.as_deref() {
        None => {
            // « la fin de l'année », « fin du mois »; not « une fête de fin d'année ».
            let mod_ok = has_mod
                && (det.is_some()
                    || g(c, "l").is_some()
                    || g(c, "mod").is_some_and(|m| m.to_lowercase().trim_end().ends_with("du")));
            if dem || mod_ok {
                (0, Anchor::Dct)
            } else {
                return;
            }
        }
        Some(r) => {
            let r = r.trim();
            if r.starts_with("dern") || r.starts_with("pass") || r == "last" {
                (-1, Anchor::Dct)
            } else if r.starts_with("proch") || r == "next" || r == "coming" {
                (1, Anchor::Dct)
            } else if r.starts_with("préc")
                || r.starts_with("prec")
                || r == "previous"
                || r == "preceding"
                || r == "prior"
            {
                (-1, Anchor::Prev)
            } else if r.starts_with("suiv") || r == "following" || r == "subsequent" {
                (1, Anchor::Prev)
            } else if r.starts_with("même") || r.starts_with("meme") || r == "same" {
                (0, Anchor::Prev)
            } else if r == "this" || r == "current" || r.starts_with("cour") || r.starts_with("en")
            {
                (0, Anchor::Dct)
            } else if r == "past" {
                // "the past year" is a duration in TimeML.
                let Some(u) = unit_of(&lu) else { return };
                let mut cand = Cand::new(s, e, Sem::Duration(duration_value(1.0, u)));
                cand.kind = Some(TimexType::Duration);
                out.push(cand);
                return;
            } else {
                return;
            }
        }
    };
    // "last" in English takes the previous unit; so does « dernier ».
    if let Some(season) = season_of(&lu) {
        let dir = match n {
            -1 => Dir::Last,
            1 => Dir::Next,
            _ => Dir::This,
        };
        out.push(Cand::new(
            s,
            e,
            Sem::Season {
                y: None,
                s: season,
                dir,
            },
        ));
        return;
    }
    let Some(unit) = unit_of(&lu) else { return };
    if unit == Unit::Year && lu == "an" && rel.is_none() {
        return;
    }
    out.push(Cand::new(
        s,
        e,
        Sem::Rel {
            unit,
            n,
            anchor,
            shift: false,
        },
    ));
}

fn duration_value(n: f64, u: Unit) -> String {
    let (k, letter, time) = lexicon::unit_base(u);
    let total = n * k as f64;
    let num = if (total - total.round()).abs() < 1e-9 {
        format!("{}", total.round() as i64)
    } else if letter == 'Y' && ((total * 12.0) - (total * 12.0).round()).abs() < 1e-9 {
        return format!("P{}M", (total * 12.0).round() as i64);
    } else if letter == 'D' && !time {
        return format!("PT{}H", (total * 24.0).round() as i64);
    } else if letter == 'H' {
        return format!("PT{}M", (total * 60.0).round() as i64);
    } else {
        format!("{total}")
    };
    if u == Unit::Weekend {
        return format!("P{num}WE");
    }
    if time {
        format!("PT{num}{letter}")
    } else {
        format!("P{num}{letter}")
    }
}

fn vague_duration(u: Unit) -> String {
    let (_, letter, time) = lexicon::unit_base(u);
    match u {
        Unit::Decade => "PXDE".to_string(),
        Unit::Century => "PXCE".to_string(),
        Unit::Weekend => "PXWE".to_string(),
        _ if time => format!("PTX{letter}"),
        _ => format!("PX{letter}"),
    }
}

/// Reads a quantity: digits, number words, « quelques », "several"...
/// `None` inside `Some` = unknown amount.
fn quantity(q: &str, lang: Language) -> Option<Option<f64>> {
    let l = q.to_lowercase().replace('’', "'");
    let l = l.trim();
    let l: String = l.split_whitespace().collect::<Vec<_>>().join(" ");
    let vague = [
        "quelques",
        "plusieurs",
        "des",
        "de longues",
        "de nombreuses",
        "de nombreux",
        "few",
        "a few",
        "several",
        "many",
        "some",
        "numerous",
    ];
    if vague.contains(&l.as_str()) {
        return Some(None);
    }
    let approx: &[(&str, f64)] = &[
        ("dizaine", 10.0),
        ("douzaine", 12.0),
        ("quinzaine", 15.0),
        ("vingtaine", 20.0),
        ("trentaine", 30.0),
        ("quarantaine", 40.0),
        ("cinquantaine", 50.0),
        ("centaine", 100.0),
        ("dozen", 12.0),
    ];
    for (w, v) in approx {
        if l.contains(w) {
            return Some(Some(*v));
        }
    }
    if l == "a" || l == "an" || l == "un" || l == "une" {
        return Some(Some(1.0));
    }
    if let Some(num) = l.strip_suffix(",5").or(l.strip_suffix(".5")) {
        return parse_number(num, lang).map(|n| Some(n as f64 + 0.5));
    }
    parse_number(&l, lang).map(|n| Some(n as f64))
}

/// Age: « 40 ans » of a person, "a 40-year-old man".
fn is_age(text: &str, s: usize, e: usize, lang: Language) -> bool {
    let b = before(text, s, 40).to_lowercase().replace('’', "'");
    let bt = b.trim_end();
    let a = after(text, e, 12);
    let at = a.trim_start();
    match lang {
        Language::Fr => {
            let words: Vec<&str> = bt
                .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
                .filter(|w| !w.is_empty())
                .collect();
            let last = words.last().copied().unwrap_or("");
            let last2 = if words.len() >= 2 {
                words[words.len() - 2]
            } else {
                ""
            };
            if [
                "âgé", "âgée", "âgés", "âgées", "agé", "agée", "âge", "age", "a", "avait", "aura",
                "ont", "avaient", "auront", "ses", "leurs", "mes", "tes", "nos", "vos", "fêté",
                "fête", "fêter", "fêtera", "fêtait", "atteint", "d'âge", "l'âge", "moins",
            ]
            .contains(&last)
                && !(last == "a" && last2 == "y")
            {
                return true;
            }
            if last == "de"
                && [
                    "âgé", "âgée", "âgés", "âgées", "agé", "agée", "agés", "agées", "âge", "l'âge",
                ]
                .contains(&last2)
            {
                return true;
            }
            // Age groups: « les moins de 17 ans », « les 6-16 ans », « des 0-6 ans ».
            if last == "de" && last2 == "moins" {
                return true;
            }
            if bt.ends_with('-') || bt.ends_with('–') || bt.ends_with('/') {
                let head = bt.trim_end_matches(['-', '–', '/']);
                if head.ends_with(|c: char| c.is_ascii_digit()) {
                    let w: Vec<&str> = head.split_whitespace().collect();
                    if w.len() >= 2 && ["les", "des", "aux", "de"].contains(&w[w.len() - 2]) {
                        return true;
                    }
                }
            }
            if last == "de" || last == "d'" {
                const PERSONS: &[&str] = &[
                    "homme",
                    "hommes",
                    "femme",
                    "femmes",
                    "fille",
                    "filles",
                    "garçon",
                    "garçons",
                    "enfant",
                    "enfants",
                    "jeune",
                    "jeunes",
                    "adolescent",
                    "adolescente",
                    "bébé",
                    "fillette",
                    "retraité",
                    "retraitée",
                    "personne",
                    "victime",
                    "conducteur",
                    "conductrice",
                    "automobiliste",
                    "motard",
                    "piéton",
                    "piétonne",
                    "cycliste",
                    "élève",
                    "étudiant",
                    "étudiante",
                    "chauffeur",
                    "patient",
                    "patiente",
                    "mère",
                    "père",
                    "fils",
                    "bus",
                    "individu",
                    "suspect",
                    "détenu",
                    "ouvrier",
                    "agriculteur",
                    "quinquagénaire",
                    "homme",
                    "dame",
                    "monsieur",
                    "touriste",
                    "joueur",
                    "militaire",
                ];
                if PERSONS.contains(&last2) {
                    return true;
                }
            }
            // Apposition: « Jean Burget, 87 ans, » or « (40 ans) ».
            if (bt.ends_with(',') || bt.ends_with('('))
                && (at.starts_with(',') || at.starts_with(')') || at.starts_with('.'))
            {
                return true;
            }
            false
        }
        Language::En => {
            let al = a.to_lowercase();
            if al.starts_with("-old")
                || al.trim_start().starts_with("old")
                || al.starts_with(" of age")
            {
                return true;
            }
            let words: Vec<&str> = bt
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let last = words.last().copied().unwrap_or("");
            if ["aged", "age", "ages"].contains(&last) {
                return true;
            }
            false
        }
    }
}

/// « trois ans », « plus de vingt ans », "10 days", "the past three years".
fn h_duration(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(uw) = g(c, "u") else { return };
    let Some(unit) = unit_of(uw) else { return };
    let nword = g(c, "n").unwrap_or("");
    let Some(q) = quantity(nword, x.lang) else {
        return;
    };
    let nstart = gstart(c, "n").unwrap_or(s);
    if unit == Unit::Year && is_age(x.text, s, e, x.lang) {
        return;
    }
    // Age groups: « les moins de 17 ans », "the under-25s".
    let matched = x.text.get(s..e).unwrap_or("").to_lowercase();
    if unit == Unit::Year
        && (matched.starts_with("moins")
            || matched.starts_with("plus")
            || matched.starts_with("under")
            || matched.starts_with("over"))
        && ["les", "des", "aux", "the"].contains(&prev_word(x.text, s).as_str())
    {
        return;
    }
    // « une seconde fois »: an ordinal.
    if unit == Unit::Second
        && next_word(x.text, e)
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase())
    {
        return;
    }
    // « des jours », « des heures » are too vague; keep « des années », « des mois ».
    let ln = nword.to_lowercase();
    if ln == "des"
        && !matches!(
            unit,
            Unit::Year | Unit::Month | Unit::Decade | Unit::Century
        )
    {
        return;
    }
    if ln == "des" || ln == "many" || ln == "some" {
        // « des années 1990 » is a decade, handled elsewhere; "some days" too vague.
        let nx = next_word(x.text, e);
        if nx.chars().next().is_some_and(|c| c.is_ascii_digit()) || ln == "some" {
            return;
        }
    }
    if x.lang == Language::En && (ln == "a" || ln == "an") {
        // "a year" after an amount is a frequency ("$5 million a year").
        let pw = prev_word(x.text, s);
        if pw.chars().any(|c| c.is_ascii_digit())
            || [
                "million", "billion", "times", "once", "twice", "thrice", "dollars", "percent",
                "cents",
            ]
            .contains(&pw.as_str())
        {
            let mut cand = Cand::new(s, e, Sem::Set(duration_value(1.0, unit)));
            cand.kind = Some(TimexType::Set);
            out.push(cand);
            return;
        }
    }
    if x.lang == Language::Fr
        && nword.chars().all(|c| c.is_ascii_digit())
        && !nword.is_empty()
        && in_number_group(x.text, nstart, gend(c, "n").unwrap_or(e))
    {
        return;
    }
    let half = g(c, "half").is_some();
    let value = match q {
        Some(n) => duration_value(if half { n + 0.5 } else { n }, unit),
        None => vague_duration(unit),
    };
    // Hours and minutes on their own are usually clock times when not a quantity.
    out.push(Cand::new(s, e, Sem::Duration(value)));
}

/// « de 8 à 24 mois »: the first bound takes the unit of the second.
fn h_duration_range(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let Some(uw) = g(c, "u") else { return };
    let Some(unit) = unit_of(uw) else { return };
    let (Some(n1), Some(n2)) = (g(c, "n1"), g(c, "n2")) else {
        return;
    };
    let (Some(Some(a)), Some(Some(b))) = (quantity(n1, x.lang), quantity(n2, x.lang)) else {
        return;
    };
    let (Some(s1), Some(e1), Some(s2), Some(e)) = (
        gstart(c, "n1"),
        gend(c, "n1"),
        gstart(c, "n2"),
        gend(c, "u"),
    ) else {
        return;
    };
    if is_age(x.text, s1, e, x.lang) {
        return;
    }
    out.push(Cand::new(s1, e1, Sem::Duration(duration_value(a, unit))));
    out.push(Cand::new(s2, e, Sem::Duration(duration_value(b, unit))));
}

/// « ces derniers jours », « les trois derniers mois », "the past three years".
fn h_last_n(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(uw) = g(c, "u") else { return };
    let Some(unit) = unit_of(uw) else { return };
    let n = g(c, "n1").or(g(c, "n2"));
    let value = match n.and_then(|n| quantity(n, x.lang)) {
        Some(Some(v)) => duration_value(v, unit),
        _ if n.is_none() && uw.to_lowercase().ends_with(['s', 'x']) => vague_duration(unit),
        _ if n.is_none() => duration_value(1.0, unit),
        _ => vague_duration(unit),
    };
    let mut cand = Cand::new(s, e, Sem::Duration(value));
    cand.kind = Some(TimexType::Duration);
    out.push(cand);
}

/// un demi-siècle, une décennie, quinquennat, a decade.
fn h_duration_noun(c: &Captures, _x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(w) = g(c, "w") else { return };
    let lw = w.to_lowercase();
    let lw: String = lw.split_whitespace().collect::<Vec<_>>().join(" ");
    let v = match lw.as_str() {
        "demi-siècle" | "demi siècle" | "half-century" | "half century" | "half a century" => {
            "P50Y"
        }
        "quart de siècle" | "quarter century" | "quarter-century" | "quarter of a century" => {
            "P25Y"
        }
        "décennie" | "decennie" | "decade" => "P10Y",
        "siècle" | "century" => "P100Y",
        "millénaire" | "millennium" => "P1000Y",
        "quinquennat" => "P5Y",
        "septennat" => "P7Y",
        "demi-heure" | "demi heure" | "half-hour" | "half an hour" | "half hour" => "PT30M",
        "quart d'heure" | "quart d’heure" | "quarter of an hour" | "quarter-hour" => "PT15M",
        "demi-journée" | "half a day" | "half-day" => "PT12H",
        "fortnight" => "P2W",
        _ => return,
    };
    out.push(Cand::new(s, e, Sem::Duration(v.to_string())));
}

/// chaque année, tous les lundis, every week, each Monday.
fn h_set(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(uw) = g(c, "u") else { return };
    let lu = uw.to_lowercase();
    let lu = lu.trim_end_matches('s');
    let n = match g(c, "n") {
        Some(n) if n.eq_ignore_ascii_case("other") => 2.0,
        Some(n) => match quantity(n, x.lang) {
            Some(Some(v)) => v,
            _ => return,
        },
        None => 1.0,
    };
    let value = if let Some(wd) = weekday_of(lu, x.lang).or_else(|| weekday_of(uw, x.lang)) {
        format!("XXXX-WXX-{wd}")
    } else if let Some(p) = pod_of(lu).or_else(|| pod_of(uw)) {
        format!("XXXX-XX-XXT{}", p.code())
    } else if let Some(sn) = season_of(lu).or_else(|| season_of(uw)) {
        format!("XXXX-{}", sn.code())
    } else if let Some(u) = unit_of(uw).or_else(|| unit_of(lu)) {
        duration_value(n, u)
    } else {
        return;
    };
    let start = gstart(c, "span").unwrap_or(s);
    let mut cand = Cand::new(start, e, Sem::Set(value));
    cand.kind = Some(TimexType::Set);
    out.push(cand);
}

/// quotidien, annuel, daily, annually.
fn h_set_adj(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let Some(w) = g(c, "w") else { return };
    let (Some(s), Some(e)) = (gstart(c, "w"), gend(c, "w")) else {
        return;
    };
    let lw = w.to_lowercase();
    // « le quotidien Le Monde », « l'hebdomadaire », "the daily": newspapers.
    if g(c, "det").is_some()
        && !lw.starts_with("annu")
        && !lw.ends_with("ment")
        && !lw.ends_with("ly")
    {
        return;
    }
    if x.lang == Language::Fr && (lw.starts_with("quotidienne") || lw.starts_with("quotidiens")) {
        // « les quotidiens » (newspapers); « la vie quotidienne » is not a frequency.
        if lw.starts_with("quotidiens") {
            return;
        }
    }
    let v = if lw.starts_with("quotid") || lw.starts_with("daily") || lw.starts_with("journal") {
        "P1D"
    } else if lw.starts_with("hebdo") || lw.starts_with("weekly") {
        "P1W"
    } else if lw.starts_with("mensu") || lw.starts_with("monthly") {
        "P1M"
    } else if lw.starts_with("annu") || lw.starts_with("yearly") {
        "P1Y"
    } else if lw.starts_with("hourly") || lw.starts_with("horaire") {
        "PT1H"
    } else {
        return;
    };
    let mut cand = Cand::new(s, e, Sem::Set(v.to_string()));
    cand.kind = Some(TimexType::Set);
    out.push(cand);
}

/// « par an »: the unit alone is the SET.
fn h_per_unit(c: &Captures, _x: &Ctx, out: &mut Vec<Cand>) {
    let Some(uw) = g(c, "u") else { return };
    let (Some(s), Some(e)) = (gstart(c, "u"), gend(c, "u")) else {
        return;
    };
    let Some(u) = unit_of(uw) else { return };
    let mut cand = Cand::new(s, e, Sem::Set(duration_value(1.0, u)));
    cand.kind = Some(TimexType::Set);
    out.push(cand);
}

/// A four-digit year, with its cues.
fn h_year(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(ys) = g(c, "y") else { return };
    let (Some(ys_s), Some(ys_e)) = (gstart(c, "y"), gend(c, "y")) else {
        return;
    };
    let Some(y) = ys.parse::<i32>().ok() else {
        return;
    };
    if in_number_group(x.text, ys_s, ys_e)
        || followed_by_unit(x.text, ys_e)
        || preceded_by_label(x.text, s)
    {
        return;
    }
    let has_pre = g(c, "pre").is_some() || g(c, "mod").is_some();
    let pw = prev_word(x.text, s);
    const CUES: &[&str] = &[
        "en",
        "depuis",
        "dès",
        "des",
        "avant",
        "après",
        "jusqu'en",
        "vers",
        "fin",
        "début",
        "mi",
        "entre",
        "et",
        "à",
        "de",
        "d'ici",
        "pour",
        "au",
        "du",
        "saison",
        "an",
        "année",
        "printemps",
        "été",
        "automne",
        "hiver",
        "in",
        "since",
        "by",
        "until",
        "from",
        "to",
        "before",
        "after",
        "of",
        "during",
        "through",
        "circa",
        "around",
        "early",
        "late",
        "mid",
        "year",
        "summer",
        "spring",
        "fall",
        "autumn",
        "winter",
        "till",
        "between",
        "and",
        "or",
        "ou",
        "the",
        "fiscal",
        "depuis",
        "jusqu'à",
        "à partir de",
        "partir",
        "courant",
        "dans",
        "sur",
        "par",
        "le",
        "la",
        "les",
        "l'",
        "des",
        "ce",
        "cette",
        "-",
        "/",
    ];
    let cue = has_pre || CUES.contains(&pw.as_str());
    let plausible = (1900..=2100).contains(&y);
    if !(plausible || (cue && (1000..=2100).contains(&y))) {
        return;
    }
    let mut cand = Cand::new(
        s,
        e,
        Sem::Cal {
            y: Some(y),
            m: None,
            d: None,
            dir: Dir::Tense,
        },
    );
    cand.approx = approx_before(x.text, s);
    out.push(cand);
}

/// Numeric dates: 31/07/2025, 2024-12-08, 7/31/2025.
fn h_numeric(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let (Some(a), Some(b)) = (g(c, "a"), g(c, "b")) else {
        return;
    };
    let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) else {
        return;
    };
    let Some(y) = g(c, "y").and_then(year_of) else {
        return;
    };
    let iso = g(c, "iso").is_some();
    let (d, m) = if iso {
        (b, a)
    } else {
        match x.lang {
            Language::Fr => (a, b),
            Language::En => {
                if a > 12 {
                    (a, b)
                } else {
                    (b, a)
                }
            }
        }
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return;
    }
    let mut cand = Cand::new(
        s,
        e,
        Sem::Cal {
            y: Some(y),
            m: Some(m),
            d: Some(d),
            dir: Dir::Tense,
        },
    );
    if let (Some(h), Some(mi)) = (g(c, "h"), g(c, "mi"))
        && let (Ok(h), Ok(mi)) = (h.parse::<u32>(), mi.parse::<u32>())
        && h < 24
        && mi < 60
    {
        cand.time = Some((h, mi));
    }
    out.push(cand);
}

/// ISO year-month: 2024-12.
fn h_iso_month(c: &Captures, _x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let (Some(y), Some(m)) = (
        g(c, "y").and_then(year_of),
        g(c, "m").and_then(|m| m.parse::<u32>().ok()),
    ) else {
        return;
    };
    if !(1..=12).contains(&m) {
        return;
    }
    out.push(Cand::new(
        s,
        e,
        Sem::Cal {
            y: Some(y),
            m: Some(m),
            d: None,
            dir: Dir::Tense,
        },
    ));
}

/// Clock times: 14 h 30, 14h30, 2:30 p.m., midi.
fn h_time(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let mut h: u32 = match g(c, "h").and_then(|h| h.parse().ok()) {
        Some(h) => h,
        None => return,
    };
    let mi: u32 = g(c, "mi").and_then(|m| m.parse().ok()).unwrap_or(0);
    if mi > 59 {
        return;
    }
    if let Some(ap) = g(c, "ap") {
        let pm = ap.to_lowercase().starts_with('p');
        if h == 0 || h > 12 {
            return;
        }
        if pm && h < 12 {
            h += 12;
        }
        if !pm && h == 12 {
            h = 0;
        }
    }
    if h > 24 {
        return;
    }
    let pw = prev_word(x.text, s);
    if x.lang == Language::Fr {
        if g(c, "ap").is_none() && in_number_group(x.text, s, gend(c, "h").unwrap_or(e)) {
            return;
        }
        // « pendant 2 h », « en 3 h »: a duration.
        if ["pendant", "durant", "en"].contains(&pw.as_str()) && g(c, "mi").is_none() {
            out.push(Cand::new(s, e, Sem::Duration(format!("PT{h}H"))));
            return;
        }
    }
    if h == 24 {
        h = 0;
    }
    let mut cand = Cand::new(s, e, Sem::Time { h, mi });
    cand.kind = Some(TimexType::Time);
    out.push(cand);
}

/// 18:30 (24-hour clock, English and French).
fn h_clock(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let (Some(h), Some(mi)) = (
        g(c, "h").and_then(|h| h.parse::<u32>().ok()),
        g(c, "mi").and_then(|m| m.parse::<u32>().ok()),
    ) else {
        return;
    };
    if h > 23 || mi > 59 {
        return;
    }
    // Scores and ratios ("won 3:1") have one digit after the colon, excluded by the
    // pattern; "2:30" without a.m./p.m. stays a time.
    let pw = prev_word(x.text, s);
    if ["score", "ratio", "verse", "chapitre"].contains(&pw.as_str()) {
        return;
    }
    let mut cand = Cand::new(s, e, Sem::Time { h, mi });
    cand.kind = Some(TimexType::Time);
    out.push(cand);
}

/// midi, minuit, noon, midnight.
fn h_noon(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(w) = g(c, "w") else { return };
    let b = before(x.text, s, 4);
    if b.ends_with('-') || after(x.text, e, 2).starts_with('-') {
        return;
    }
    let pw = prev_word(x.text, s);
    if ["le", "du", "au", "the", "of"].contains(&pw.as_str()) {
        // le Midi (the south of France), du Midi.
        return;
    }
    if is_upper_initial(w) {
        let sentence_start = before(x.text, s, 4)
            .trim_end()
            .chars()
            .next_back()
            .is_none_or(|c| ".!?\n".contains(c));
        if !sentence_start {
            return;
        }
    }
    let lw = w.to_lowercase();
    let (h, mut mi) = if lw == "minuit" || lw == "midnight" {
        (0, 0)
    } else {
        (12, 0)
    };
    if let Some(m) = g(c, "mi") {
        if m.to_lowercase().contains("demi") {
            mi = 30;
        } else if let Ok(v) = m.parse::<u32>() {
            mi = v.min(59);
        }
    }
    let mut cand = Cand::new(s, e, Sem::Time { h, mi });
    cand.kind = Some(TimexType::Time);
    out.push(cand);
}

/// récemment, actuellement, now, recently...
fn h_ref(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s0, e0) = whole(c);
    let Some(w) = g(c, "w") else { return };
    let (s, e) = (gstart(c, "w").unwrap_or(s0), gend(c, "w").unwrap_or(e0));
    let lw = w.to_lowercase().replace('’', "'");
    let lw: String = lw.split_whitespace().collect::<Vec<_>>().join(" ");
    let pw = prev_word(x.text, s);
    let v: &'static str = match lw.as_str() {
        "récemment" | "recemment" | "dernièrement" | "dernierement" | "auparavant"
        | "autrefois" | "jadis" | "naguère" | "précédemment" | "nouvellement" | "le passé"
        | "recently" | "lately" | "the past" | "formerly" | "previously" | "earlier" => "PAST_REF",
        "l'avenir" => {
            // « à l'avenir », « dans l'avenir »; not « l'avenir des bases » (a noun).
            let nx = next_word(x.text, e).to_lowercase();
            let after_de = ["de", "des", "du", "d"].contains(&nx.as_str())
                || after(x.text, e, 4)
                    .trim_start()
                    .to_lowercase()
                    .starts_with("d'")
                || after(x.text, e, 4)
                    .trim_start()
                    .to_lowercase()
                    .starts_with("d’");
            if after_de || !["à", "dans", "pour", "vers"].contains(&pw.as_str()) {
                return;
            }
            let b = before(x.text, s, 12).to_lowercase();
            if b.trim_end().ends_with("quant à") {
                return;
            }
            "FUTURE_REF"
        }
        "prochainement" | "ultérieurement" | "une date ultérieure" | "the future" | "soon" => {
            "FUTURE_REF"
        }
        "précédent" | "précédente" | "précédents" | "précédentes" => {
            if ["sans", "un", "ce", "de", "le"].contains(&pw.as_str()) {
                return;
            }
            "PAST_REF"
        }
        "prochain" | "prochaine" | "prochains" | "prochaines" => {
            // « le prochain mariage »; after a noun of time, other rules claim it.
            if next_word(x.text, e).is_empty() {
                return;
            }
            "FUTURE_REF"
        }
        "actuellement" | "maintenant" | "désormais" | "dorénavant" | "à présent"
        | "de nos jours" | "ce moment" | "actuel" | "actuelle" | "actuels" | "actuelles"
        | "now" | "currently" | "nowadays" | "these days" | "present" | "at present"
        | "current" => "PRESENT_REF",
        _ => return,
    };
    if lw == "current" || lw == "present" {
        // "the current situation": adjectives are too frequent in English to be tagged.
        return;
    }
    if lw == "earlier" || lw == "soon" {
        // Too often comparative or vague in English news; leave them out.
        return;
    }
    let mut cand = Cand::new(s, e, Sem::Ref(v));
    cand.kind = Some(match x.lang {
        // The French TimeBank types vague references as TIME; TimeBank (English) as DATE.
        Language::Fr => TimexType::Time,
        Language::En => TimexType::Date,
    });
    out.push(cand);
}

/// « dans la soirée », « pendant la nuit », « fin d'après-midi », "nocturne".
fn h_pod_only(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(p) = g(c, "pod") else { return };
    let has_mod = g(c, "mod").is_some();
    if !has_mod {
        let pw = prev_word(x.text, s);
        let b = before(x.text, s, 20).to_lowercase();
        let cue = [
            "dans", "pendant", "durant", "passé", "passée", "toute", "et",
        ]
        .contains(&pw.as_str())
            || b.trim_end().ends_with("au cours de")
            || b.trim_end().ends_with("in the")
            || b.trim_end().ends_with("during the");
        if !cue || g(c, "det").is_none() {
            return;
        }
    }
    let mut cand = Cand::new(s, e, Sem::PodOnly);
    cand.pod = pod_of(p);
    cand.kind = Some(TimexType::Time);
    if cand.pod.is_none() {
        return;
    }
    out.push(cand);
}

fn h_nocturne(c: &Captures, _x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let mut cand = Cand::new(s, e, Sem::Ref("TNI"));
    cand.kind = Some(TimexType::Time);
    out.push(cand);
}

/// « la nuit de lundi à mardi »
fn h_night_of(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(wd) = g(c, "wd").and_then(|w| weekday_of(w, x.lang)) else {
        return;
    };
    let mut cand = Cand::new(
        s,
        e,
        Sem::Weekday {
            wd,
            dir: Dir::Tense,
        },
    );
    cand.pod = Some(Pod::Night);
    out.push(cand);
}

/// il y a trois ans, dans deux mois, trois jours plus tard, two years ago.
fn h_shift(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(uw) = g(c, "u") else { return };
    let Some(unit) = unit_of(uw) else { return };
    let Some(q) = g(c, "q").and_then(|q| quantity(q, x.lang)) else {
        return;
    };
    let dirw = g(c, "dir").map(|d| d.to_lowercase()).unwrap_or_default();
    let (sign, anchor) = if dirw.starts_with("il") || dirw.starts_with("voi") || dirw == "ago" {
        (-1.0, Anchor::Dct)
    } else if dirw.starts_with("dans") || dirw.contains("from") || dirw == "hence" {
        (1.0, Anchor::Dct)
    } else if dirw.contains("tard") || dirw == "later" || dirw == "after" {
        (1.0, Anchor::Prev)
    } else if dirw.contains("tôt")
        || dirw.contains("tot")
        || dirw.starts_with("aupar")
        || dirw == "earlier"
        || dirw == "before"
    {
        (-1.0, Anchor::Prev)
    } else {
        return;
    };
    let sem = match q {
        Some(n) if n.fract() == 0.0 => Sem::Rel {
            unit,
            n: (sign * n) as i64,
            anchor,
            shift: true,
        },
        _ if x.lang == Language::Fr => {
            // « il y a quelques mois »: the French TimeBank tags the vague amount alone,
            // as a duration.
            let (Some(qs), Some(ue)) = (gstart(c, "q"), gend(c, "u")) else {
                return;
            };
            out.push(Cand::new(qs, ue, Sem::Duration(vague_duration(unit))));
            return;
        }
        _ => Sem::Vague { future: sign > 0.0 },
    };
    let mut cand = Cand::new(s, e, sem);
    cand.kind = Some(TimexType::Date);
    out.push(cand);
}

/// Seasons: au printemps 2024, l'été dernier, summer 2024.
fn h_season(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(sw) = g(c, "s") else { return };
    let Some(season) = season_of(sw) else { return };
    let y = g(c, "y").and_then(year_of);
    let rel = g(c, "rel");
    let det = g(c, "det");
    let mut dir = dir_of(rel.or(det.filter(|d| {
        let d = d.trim().to_lowercase();
        d == "cet" || d == "ce" || d == "this"
    })));
    if y.is_none()
        && rel.is_none()
        && det.is_none()
        && g(c, "pre").is_none()
        && g(c, "mod").is_none()
    {
        return;
    }
    let lsw = sw.to_lowercase();
    if x.lang == Language::En && lsw == "fall" && y.is_none() && rel.is_none() && det.is_none() {
        return;
    }
    if dir == Dir::This && y.is_some() {
        dir = Dir::Tense;
    }
    let start = gstart(c, "span").unwrap_or(s);
    out.push(Cand::new(start, e, Sem::Season { y, s: season, dir }));
}

/// Quarters and halves: le premier trimestre 2025, Q1 2025, the second half of 2024.
fn h_quarter(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let uw = g(c, "u").unwrap_or("trimestre").to_lowercase();
    let q = if uw.starts_with("sem") || uw.starts_with("half") {
        'H'
    } else {
        'Q'
    };
    let max = if q == 'H' { 2 } else { 4 };
    let n = if let Some(qn) = g(c, "qn") {
        qn.parse::<u32>().ok()
    } else if let Some(o) = g(c, "o") {
        let lo = o.to_lowercase();
        if lo.starts_with("dern") || lo == "last" || lo == "final" {
            Some(max)
        } else {
            parse_ordinal(o, x.lang).and_then(|v| u32::try_from(v).ok())
        }
    } else {
        None
    };
    let Some(n) = n.filter(|n| (1..=max).contains(n)) else {
        return;
    };
    let y = g(c, "y").and_then(year_of);
    let start = gstart(c, "span").unwrap_or(s);
    out.push(Cand::new(start, e, Sem::Part { y, q, n }));
}

/// les années 1990, the 1990s, the '90s.
fn h_decade(c: &Captures, _x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(dw) = g(c, "dec") else { return };
    let digits: String = dw.chars().filter(|c| c.is_ascii_digit()).collect();
    let Ok(v) = digits.parse::<i64>() else { return };
    let dec = if digits.len() == 4 {
        v / 10
    } else if digits.len() == 2 {
        // « les années 60 » = 196; « les années 20 » in a recent text is ambiguous, the
        // twentieth century is chosen.
        190 + v / 10
    } else {
        return;
    };
    let start = if g(c, "mod").is_some() {
        s
    } else {
        gstart(c, "span").unwrap_or(s)
    };
    out.push(Cand::new(start, e, Sem::Decade(dec)));
}

/// le XXe siècle, au XVIIIe siècle, the 18th century.
fn h_century(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(cw) = g(c, "c") else { return };
    let Some(n) = parse_ordinal(cw, x.lang)
        .or_else(|| lexicon::parse_roman(cw.trim_end_matches(|c: char| !"IVXLC".contains(c))))
    else {
        return;
    };
    if !(1..=22).contains(&n) {
        return;
    }
    let start = if g(c, "mod").is_some() {
        s
    } else {
        gstart(c, "span").unwrap_or(s)
    };
    out.push(Cand::new(start, e, Sem::Century(n - 1)));
}

/// « du 21 au 25 décembre », "from 21 to 25 December", "December 21-25".
fn h_day_range(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (Some(d1), Some(d2)) = (g(c, "d1").and_then(day_of), g(c, "d2").and_then(day_of)) else {
        return;
    };
    let Some(m) = g(c, "m").and_then(|m| month_of(m, x.lang)) else {
        return;
    };
    if d1 >= d2 {
        return;
    }
    let y = g(c, "y").and_then(year_of);
    let (Some(s1), Some(e1), Some(s2), Some(e2)) = (
        gstart(c, "d1"),
        gend(c, "d1"),
        gstart(c, "d2"),
        gend(c, "d2"),
    ) else {
        return;
    };
    let (_, e) = whole(c);
    let ms = gstart(c, "m").unwrap_or(s1);
    let mut first;
    let second;
    if ms < s1 {
        // "December 21-25": month first.
        first = Cand::new(
            ms,
            e1,
            Sem::Cal {
                y,
                m: Some(m),
                d: Some(d1),
                dir: Dir::Tense,
            },
        );
        second = Cand::new(
            s2,
            if y.is_some() { e } else { e2 },
            Sem::Cal {
                y,
                m: Some(m),
                d: Some(d2),
                dir: Dir::Tense,
            },
        );
    } else {
        first = Cand::new(
            s1,
            e1,
            Sem::Cal {
                y,
                m: Some(m),
                d: Some(d1),
                dir: Dir::Tense,
            },
        );
        second = Cand::new(
            s2,
            e,
            Sem::Cal {
                y,
                m: Some(m),
                d: Some(d2),
                dir: Dir::Tense,
            },
        );
    }
    first.pair_next = true;
    out.push(first);
    out.push(second);
}

/// A pattern (before placeholder expansion) and its handler; the position in the list
/// is the priority when two candidates claim the same length.
type RuleDef = (&'static str, Handler);

fn fr_rules() -> Vec<RuleDef> {
    vec![
        // Intervals of days first: they claim more text.
        (
            r"(?:(?:du|entre(?:{SP}le)?|de){SP})?(?P<d1>1er|[0-3]?\d)(?:{SP})?(?:au|et(?:{SP}le)?|à|-|–)(?:{SP})?(?P<d2>[0-3]?\d){SP}(?P<m>{MONTH})(?:{SP}(?P<y>\d{4}))?",
            h_day_range,
        ),
        (
            r"(?:(?:le|ce){SP})?(?:(?P<wd>{WDA}),?{SP})?(?P<d>1er|1ᵉʳ|premier|[0-3]?\d){SP}(?P<m>{MONTH})(?:,?{SP}(?P<y>\d{4}))?(?:{SP}(?P<rel>derni[eè]re?s?|prochaine?s?))?",
            h_day_month,
        ),
        (
            r"(?P<mod>(?:la{SP})?(?:d[ée]but|fin|mi|milieu|courant)(?:{SP}d{AP}|{SP}de{SP}|{SP}du{SP}mois{SP}d{AP}|{SP}du{SP}mois{SP}de{SP}|(?:{SP})?-(?:{SP})?|{SP}))?(?P<mois>(?:le{SP})?mois{SP}(?:de{SP}|d{AP}))?(?P<m>{MONTH})(?:{SP}(?P<y>\d{4}|{AP}?\d{2}))?(?:{SP}(?P<rel>derni[eè]re?s?|prochaine?s?))?",
            h_month,
        ),
        (
            r"(?P<w>avant-hier|après-demain|apres-demain|hier|aujourd{AP}hui|demain)(?:,?{SP}(?P<wd>{WD}))?(?:{SP}(?:en{SP}(?:d[ée]but|fin){SP}(?:d{AP}|de{SP})|dans{SP}l{AP}|dans{SP}la{SP}|au{SP})?(?P<pod>matinée|matin|soirée|soir|après-midi|apres-midi|midi|nuit))?",
            h_deictic,
        ),
        (
            r"(?P<dem>ce|cet|cette){SP}(?P<pod>matinée|matin|soirée|soir|après-midi|apres-midi|nuit|midi)",
            h_this_pod,
        ),
        (
            r"(?P<w>l{AP}avant-veille|la{SP}veille|le{SP}lendemain|le{SP}surlendemain|le{SP}même{SP}jour|le{SP}jour{SP}même|le{SP}matin{SP}même|le{SP}soir{SP}même|ce{SP}jour-là)(?:{SP}(?:au{SP})?(?P<pod>matin|soir|après-midi|apres-midi|midi))?",
            h_anaphoric_day,
        ),
        (
            r"la{SP}nuit{SP}(?:de|du){SP}(?P<wd>{WD}){SP}(?:à|au){SP}{WD}",
            h_night_of,
        ),
        (
            r"(?:(?P<det>le|ce){SP})?(?P<wd>{WD})(?:{SP}(?P<pod>matinée|matin|soirée|soir|après-midi|apres-midi|midi|nuit))?(?:{SP}(?P<rel>derni[eè]re?|prochaine?|passée?))?",
            h_weekday,
        ),
        (
            r"(?P<mod>(?:la{SP})?(?:d[ée]but|fin|milieu|mi)(?:{SP}de{SP}|{SP}d{AP}|{SP}du{SP}|-))?(?:(?P<det>la|le|cette|ce|cet){SP}|(?P<l>l{AP}))?(?P<u>semaine|année|annee|an|mois|trimestre|semestre|décennie|siècle|week-end|weekend|printemps|été|automne|hiver)(?:{SP}(?P<rel>derni[eè]re?|prochaine?|passée?|précédente?|suivante?|même|courante?|en{SP}cours)|(?P<ci>-ci))?",
            h_unit_rel,
        ),
        (
            r"(?P<dir>il{SP}y{SP}a|voici|voilà){SP}(?P<q>{NUM}|\d{1,4}|quelques|plusieurs){SP}(?P<u>{UNIT})",
            h_shift,
        ),
        (
            r"(?P<dir>dans){SP}(?P<q>{NUM}|\d{1,4}|quelques){SP}(?P<u>{UNIT})",
            h_shift,
        ),
        (
            r"(?P<q>{NUM}|\d{1,4}|quelques){SP}(?P<u>{UNIT}){SP}(?P<dir>plus{SP}tard|plus{SP}tôt|plus{SP}tot|auparavant)",
            h_shift,
        ),
        (
            r"(?:de|entre){SP}(?P<n1>{NUM}|\d{1,4}){SP}(?:à|et){SP}(?P<n2>{NUM}|\d{1,4}){SP}(?P<u>{UNIT})",
            h_duration_range,
        ),
        (
            r"(?P<det>ces|les){SP}(?:(?P<n1>{NUM}|\d{1,4}){SP})?(?P<rel>derni[eè]re?s|prochaine?s)(?:{SP}(?P<n2>{NUM}|\d{1,4}))?{SP}(?P<u>{UNIT})",
            h_last_n,
        ),
        (
            r"(?:(?:plus|moins|près|pres|environ|presque|quelque)(?:{SP}de{SP}|{SP}d{AP}|{SP})|au{SP}moins{SP}|pas{SP}moins{SP}de{SP})?(?P<n>{NUM}|\d{1,4}(?:,5)?|quelques|plusieurs|des|de{SP}longues|de{SP}nombreuses|(?:une{SP})?(?:dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|centaine)(?:{SP}de|{SP}d{AP}))(?:{SP}|(?:[’']))?(?P<u>{UNIT})(?P<half>{SP}et{SP}demie?)?",
            h_duration,
        ),
        (
            r"(?:(?:un|une|le|la|ce|cette|son|sa){SP})?(?P<w>demi-siècle|quart{SP}de{SP}siècle|décennie|quinquennat|septennat|demi-heure|quart{SP}d{AP}heure|demi-journée)",
            h_duration_noun,
        ),
        (
            r"(?:(?P<span>(?:chaque|tous{SP}les|toutes{SP}les)(?:{SP}(?P<n>{NUM}|\d{1,3}))?){SP})(?P<u>années|année|ans|an|mois|semaines|semaine|jours|jour|heures|heure|matins|matin|soirs|soir|nuits|nuit|week-ends|week-end|{WD}s?|trimestres?|minutes?|étés|été|hivers|hiver|printemps|automne)",
            h_set,
        ),
        (
            r"par{SP}(?P<u>année|an|mois|semaine|jour|heure|minute)",
            h_per_unit,
        ),
        (
            r"(?:(?P<det>le|la|un|une|du|au|les|des|l{AP})(?:{SP})?)?(?P<w>quotidiennement|quotidienne|quotidiens|quotidien|hebdomadaires|hebdomadaire|mensuelles|mensuelle|mensuels|mensuel|annuelles|annuelle|annuels|annuel|annuellement|mensuellement)",
            h_set_adj,
        ),
        (
            r"(?P<mod>(?:la{SP})?(?:d[ée]but|fin|milieu|mi|courant)(?:(?:{SP})?-(?:{SP})?|{SP}de{SP}|{SP}d{AP}|{SP}))?(?P<pre>(?:l{AP}an(?:née)?|l{AP}ann[ée]e|année){SP})?(?P<y>[12]\d{3})",
            h_year,
        ),
        (
            r"(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.](?P<y>\d{4}|\d{2})",
            h_numeric,
        ),
        (
            r"(?P<y>[12]\d{3})-(?P<iso>(?P<a>[01]\d))-(?P<b>[0-3]\d)(?:T(?P<h>[0-2]\d):(?P<mi>[0-5]\d))?",
            h_numeric,
        ),
        (r"(?P<y>[12]\d{3})-(?P<m>0[1-9]|1[0-2])", h_iso_month),
        (
            r"(?P<h>[01]?\d|2[0-4])(?:{SP})?(?:heures|heure|h)(?:(?:{SP})?(?P<mi>[0-5]\d)(?:(?:{SP})?(?:min|minutes))?)?",
            h_time,
        ),
        (r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)", h_clock),
        (
            r"(?P<w>midi|minuit)(?:{SP}(?P<mi>et{SP}demie|[0-5]\d))?",
            h_noon,
        ),
        (
            r"(?:à{SP}|a{SP}|en{SP})?(?P<w>récemment|recemment|actuellement|maintenant|désormais|dorénavant|auparavant|autrefois|jadis|naguère|dernièrement|prochainement|ultérieurement|précédemment|nouvellement|à{SP}présent|de{SP}nos{SP}jours|l{AP}avenir|le{SP}passé|ce{SP}moment|actuelles|actuelle|actuels|actuel|une{SP}date{SP}ultérieure|précédentes|précédente|précédents|précédent|prochaines|prochaine|prochains|prochain)",
            h_ref,
        ),
        (
            r"(?P<mod>(?:en{SP})?(?:fin|début){SP}(?:de{SP}|d{AP}))?(?:(?P<det>la{SP}|l{AP}))?(?P<pod>nuit|soirée|matinée|après-midi|apres-midi|journée)",
            h_pod_only,
        ),
        (r"nocturnes?", h_nocturne),
        (
            r"(?P<pre>au|en|à){SP}(?P<span>(?P<s>printemps|été|automne|hiver)(?:{SP}(?P<y>\d{4})|{SP}(?P<rel>derni[eè]r|prochain|passé))?)|(?P<span2>(?P<det>l{AP}|cet{SP}|ce{SP}|le{SP})?(?P<s2>printemps|été|automne|hiver)(?:{SP}(?:de{SP})?(?P<y2>\d{4})|{SP}(?P<rel2>derni[eè]r|prochain|passé)))",
            h_season_fr,
        ),
        (
            r"(?:(?:au|du){SP})?(?P<span>(?:(?:le|ce){SP})?(?P<o>premier|1er|deuxième|second|troisième|quatrième|dernier|2e|3e|4e|2ème|3ème|4ème){SP}(?P<u>trimestre|semestre)(?:{SP}(?:de{SP}|d{AP})?(?:l{AP}année{SP})?(?P<y>\d{4}))?)",
            h_quarter,
        ),
        (
            r"(?P<mod>(?:d[ée]but|fin|milieu|mi){SP}(?:des{SP}|de{SP}la{SP}décennie{SP}|du{SP})?)?(?:(?:des|aux){SP})?(?P<span>(?:les{SP})?années{SP}(?P<dec>(?:1[0-9]|20)\d0|\d0))",
            h_decade,
        ),
        (
            r"(?P<mod>(?:d[ée]but|fin|milieu|mi){SP}(?:du{SP}|de{SP}la{SP}|des{SP})?)?(?:(?:au|du){SP})?(?P<span>(?:le{SP})?(?P<c>[IVXL]{1,6}|\d{1,2})(?:e|ème|eme|è|ᵉ){SP}siècle)",
            h_century,
        ),
    ]
}

/// French seasons have two shapes in one pattern (named groups cannot repeat).
fn h_season_fr(c: &Captures, _x: &Ctx, out: &mut Vec<Cand>) {
    if let Some(sp) = c.name("span") {
        let Some(season) = g(c, "s").and_then(season_of) else {
            return;
        };
        // « en été » without a year or « dernier » is still a season of the current year
        // (resolved with the tense); « a été » never reaches here (needs au/en/à).
        let pre = g(c, "pre").map(|p| p.to_lowercase()).unwrap_or_default();
        if pre == "à" && g(c, "y").is_none() {
            return;
        }
        let y = g(c, "y").and_then(year_of);
        let dir = dir_of(g(c, "rel"));
        out.push(Cand::new(
            sp.start(),
            sp.end(),
            Sem::Season { y, s: season, dir },
        ));
        return;
    }
    let Some(sp) = c.name("span2") else { return };
    let Some(season) = g(c, "s2").and_then(season_of) else {
        return;
    };
    let y = g(c, "y2").and_then(year_of);
    let det = g(c, "det").map(|d| d.trim().to_lowercase());
    let mut dir = dir_of(g(c, "rel2"));
    if dir == Dir::Tense && y.is_none() && matches!(det.as_deref(), Some("cet") | Some("ce")) {
        dir = Dir::This;
    }
    out.push(Cand::new(
        sp.start(),
        sp.end(),
        Sem::Season { y, s: season, dir },
    ));
}

fn en_rules() -> Vec<RuleDef> {
    vec![
        (
            r"(?:from|between){SP}(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:{SP})?(?:to|and|-|–|through|until)(?:{SP})?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?{SP}(?:of{SP})?(?P<m>{MONTH})(?:,?{SP}(?P<y>\d{4}))?",
            h_day_range,
        ),
        (
            r"(?P<m>{MONTH}){SP}(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:{SP})?(?:-|–|to|through|and)(?:{SP})?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?:,?{SP}(?P<y>\d{4}))?",
            h_day_range,
        ),
        (
            r"(?:(?P<wd>{WDA}),?{SP})?(?P<m>{MONTH}){SP}(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:,?{SP}(?P<y>\d{4}))?",
            h_month_day,
        ),
        (
            r"(?:(?P<wd>{WDA}),?{SP})?(?:(?P<det>the){SP})?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?{SP}(?:of{SP})?(?P<m>{MONTH})(?:,?{SP}(?P<y>\d{4}))?",
            h_day_month,
        ),
        (
            r"(?P<mod>(?:early|late|mid|the{SP}(?:beginning|end|middle|start){SP}of)(?:{SP}|-|{SP}-))?(?:(?P<dem>last|next|this){SP})?(?P<m>{MONTH})(?:,?{SP}(?P<y>\d{4}|{AP}\d{2}))?",
            h_month,
        ),
        (
            r"(?P<w>the{SP}day{SP}before{SP}yesterday|the{SP}day{SP}after{SP}tomorrow|yesterday|today|tomorrow|tonight)(?:{SP}(?P<pod>morning|afternoon|evening|night|noon))?",
            h_deictic,
        ),
        (
            r"(?P<dem>this|last){SP}(?P<pod>morning|afternoon|evening|night)",
            h_this_pod,
        ),
        (
            r"(?P<w>the{SP}(?:next|following|previous|preceding|same){SP}(?:day|morning|evening|night)|the{SP}day{SP}(?:before|after)|that{SP}(?:same{SP})?day)",
            h_anaphoric_day,
        ),
        (
            r"(?:(?P<rel>last|next|this|on|coming|past){SP})?(?P<wd>{WD})(?:{SP}(?P<pod>morning|afternoon|evening|night|noon))?",
            h_weekday,
        ),
        (
            r"(?P<mod>(?:early|late|mid|the{SP}(?:beginning|end|middle|start){SP}of)(?:{SP}|-|{SP}-))?(?:(?P<det>the|this){SP})?(?:(?P<rel>last|next|this|past|previous|preceding|following|coming|same|current|prior|subsequent)(?:{SP})?-?)(?P<u>week|month|year|quarter|decade|century|weekend|week-end|spring|summer|fall|autumn|winter)",
            h_unit_rel,
        ),
        (
            r"(?P<q>{NUM}|\d{1,4}|a|an|a{SP}few|few|several|many){SP}(?P<u>{UNIT}){SP}(?P<dir>ago|later|earlier|from{SP}now|hence)",
            h_shift,
        ),
        (
            r"(?:between|from){SP}(?P<n1>{NUM}|\d{1,4}){SP}(?:and|to){SP}(?P<n2>{NUM}|\d{1,4}){SP}(?P<u>{UNIT})",
            h_duration_range,
        ),
        (
            r"(?P<det>the){SP}(?P<rel>past|last|next|coming|previous|first|final){SP}(?:(?P<n1>{NUM}|\d{1,4}|few|several){SP})?(?P<u>{UNIT})",
            h_last_n,
        ),
        (
            r"(?:(?:more{SP}than|less{SP}than|nearly|almost|about|around|at{SP}least|over|some|roughly|approximately|up{SP}to|under|fewer{SP}than){SP})?(?P<n>{NUM}|\d{1,4}(?:\.5)?|a|an|a{SP}few|few|several|many|a{SP}dozen)(?:{SP})?(?:-(?:{SP})?)?(?P<u>{UNIT})(?P<half>{SP}and{SP}a{SP}half)?",
            h_duration,
        ),
        (
            r"(?:(?:a|an|the){SP})?(?P<w>half{SP}a{SP}century|half-century|quarter{SP}of{SP}a{SP}century|quarter-century|half{SP}an{SP}hour|half-hour|quarter{SP}of{SP}an{SP}hour|fortnight)",
            h_duration_noun,
        ),
        (
            r"(?P<span>every|each)(?:{SP}(?P<n>{NUM}|\d{1,3}|other))?{SP}(?P<u>years|year|months|month|weeks|week|days|day|hours|hour|minutes|minute|mornings|morning|evenings|evening|nights|night|weekends|weekend|{WD}|quarters|quarter|summers|summer|winters|winter|spring|fall|autumn)",
            h_set,
        ),
        (
            r"per{SP}(?P<u>year|month|week|day|hour|minute|annum)",
            h_per_unit_en,
        ),
        (
            r"(?:(?P<det>the){SP})?(?P<w>annually|annual|yearly|daily|weekly|monthly|quarterly|hourly)",
            h_set_adj_en,
        ),
        (
            r"(?P<mod>(?:early|late|mid|the{SP}(?:beginning|end|middle|start){SP}of)(?:{SP}|-|{SP}-))?(?P<pre>(?:(?:the{SP})?(?:year|fiscal{SP}year)|fiscal|FY){SP})?(?P<y>[12]\d{3})",
            h_year,
        ),
        (
            r"(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})",
            h_numeric,
        ),
        (
            r"(?P<y>[12]\d{3})-(?P<iso>(?P<a>[01]\d))-(?P<b>[0-3]\d)(?:T(?P<h>[0-2]\d):(?P<mi>[0-5]\d))?",
            h_numeric,
        ),
        (r"(?P<y>[12]\d{3})-(?P<m>0[1-9]|1[0-2])", h_iso_month),
        (
            r"(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?(?:{SP})?(?P<ap>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)",
            h_time,
        ),
        (
            r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:{SP}(?:GMT|UTC|EST|EDT|PST|PDT|CET|BST))?",
            h_clock,
        ),
        (r"(?P<h>1[0-2]|[1-9]){SP}o['’]clock", h_time_oclock),
        (r"(?P<w>noon|midnight)", h_noon),
        (
            r"(?:(?:in|for){SP})?(?P<w>recently|lately|currently|nowadays|these{SP}days|now|formerly|previously|the{SP}past|the{SP}future|at{SP}present)",
            h_ref,
        ),
        (
            r"(?:(?P<mod>early|late|mid)(?:{SP}|-|{SP}-))?(?P<span>(?:(?P<det>the|this|last|next){SP})?(?P<s>spring|summer|fall|autumn|winter)(?:{SP}(?:of{SP})?(?P<y>\d{4}))?)",
            h_season,
        ),
        (
            r"(?P<span>(?:the{SP})?(?P<o>first|second|third|fourth|final|last|1st|2nd|3rd|4th){SP}(?P<u>quarter|half)(?:{SP}of{SP}(?:(?:the{SP})?(?:fiscal{SP})?year{SP})?(?P<y>\d{4}))?)",
            h_quarter,
        ),
        (r"(?P<span>Q(?P<qn>[1-4]){SP}(?P<y>\d{4}))", h_quarter),
        (
            r"(?P<mod>(?:early|late|mid)(?:{SP}|-|{SP}-))?(?P<span>(?:the{SP})?(?P<dec>(?:1[0-9]|20)\d0|{AP}\d0)s)",
            h_decade,
        ),
        (
            r"(?P<mod>(?:early|late|mid)(?:{SP}|-|{SP}-))?(?P<span>(?:the{SP})?(?P<c>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first){SP}century)",
            h_century,
        ),
        (
            r"(?P<w>a{SP}decade|a{SP}century|a{SP}millennium)",
            h_duration_noun_a,
        ),
    ]
}

fn h_duration_noun_a(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(w) = g(c, "w") else { return };
    let lw = w.to_lowercase();
    let v = if lw.ends_with("decade") {
        "P10Y"
    } else if lw.ends_with("century") {
        "P100Y"
    } else {
        "P1000Y"
    };
    let nx = next_word(x.text, e).to_lowercase();
    if nx == "ago" || nx == "later" {
        return;
    }
    out.push(Cand::new(s, e, Sem::Duration(v.to_string())));
}

fn h_time_oclock(c: &Captures, _x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(h) = g(c, "h").and_then(|h| h.parse::<u32>().ok()) else {
        return;
    };
    let mut cand = Cand::new(s, e, Sem::Time { h, mi: 0 });
    cand.kind = Some(TimexType::Time);
    out.push(cand);
}

fn h_per_unit_en(c: &Captures, _x: &Ctx, out: &mut Vec<Cand>) {
    let (s, e) = whole(c);
    let Some(uw) = g(c, "u") else { return };
    let u = if uw.eq_ignore_ascii_case("annum") {
        Some(Unit::Year)
    } else {
        unit_of(uw)
    };
    let Some(u) = u else { return };
    let mut cand = Cand::new(s, e, Sem::Set(duration_value(1.0, u)));
    cand.kind = Some(TimexType::Set);
    out.push(cand);
}

fn h_set_adj_en(c: &Captures, x: &Ctx, out: &mut Vec<Cand>) {
    let Some(w) = g(c, "w") else { return };
    let (Some(s), Some(e)) = (gstart(c, "w"), gend(c, "w")) else {
        return;
    };
    let lw = w.to_lowercase();
    if g(c, "det").is_some() && (lw == "daily" || lw == "weekly" || lw == "monthly") {
        // "the Daily Telegraph", "the weekly": publications.
        let nx = next_word(x.text, e);
        if nx.is_empty() || is_upper_initial(nx) {
            return;
        }
    }
    let v = match lw.as_str() {
        "annually" | "annual" | "yearly" => "P1Y",
        "daily" => "P1D",
        "weekly" => "P1W",
        "monthly" => "P1M",
        "quarterly" => "P3M",
        "hourly" => "PT1H",
        _ => return,
    };
    let mut cand = Cand::new(s, e, Sem::Set(v.to_string()));
    cand.kind = Some(TimexType::Set);
    out.push(cand);
}
