//! Resolution: turns candidates into TIMEX3 types and values, against the reference
//! date, the previous date of the text and the tense of the sentence; then derives the
//! EDTF date frise places on the timeline.

use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate};
use regex::Regex;

use super::lexicon::{Pod, Unit};
use super::rules::{Anchor, Cand, Dir, Sem, after, before, prev_word};
use super::{Dct, Language, TimexType};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Present,
    Future,
}

pub(crate) struct Resolved {
    pub kind: TimexType,
    pub value: String,
    pub date: Option<String>,
}

/// Why some expressions could not be resolved, for the notes.
#[derive(Default)]
pub(crate) struct Unresolved {
    pub no_dct: usize,
    pub imprecise_dct: usize,
}

struct State<'a> {
    text: &'a str,
    lang: Language,
    dct: Option<&'a Dct>,
    last_day: Option<NaiveDate>,
    last_month: Option<(i32, u32)>,
    last_year: Option<i32>,
    unresolved: Unresolved,
}

pub(crate) fn resolve_all(
    text: &str,
    lang: Language,
    dct: Option<&Dct>,
    cands: &[Cand],
) -> (Vec<Resolved>, Unresolved) {
    let mut st = State {
        text,
        lang,
        dct,
        last_day: None,
        last_month: None,
        last_year: None,
        unresolved: Unresolved::default(),
    };
    let mut out: Vec<Resolved> = cands.iter().map(|c| st.resolve(c)).collect();
    intervals(text, lang, cands, &mut out);
    for (c, r) in cands.iter().zip(out.iter_mut()) {
        if let Some(d) = r.date.take() {
            r.date = Some(with_signal(text, lang, c, d));
        }
    }
    (out, st.unresolved)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn fmt_day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn add_months(y: i32, m: u32, n: i64) -> (i32, u32) {
    let idx = y as i64 * 12 + (m as i64 - 1) + n;
    ((idx.div_euclid(12)) as i32, (idx.rem_euclid(12) + 1) as u32)
}

impl State<'_> {
    fn dct_day(&self) -> Option<NaiveDate> {
        let d = self.dct?;
        ymd(d.year, d.month?, d.day?)
    }

    fn note_unresolved(&mut self) {
        if self.dct.is_none() {
            self.unresolved.no_dct += 1;
        } else {
            self.unresolved.imprecise_dct += 1;
        }
    }

    fn tense(&self, c: &Cand) -> Option<Tense> {
        tense_at(self.text, self.lang, c.start, c.end)
    }

    fn remember_day(&mut self, d: NaiveDate) {
        self.last_day = Some(d);
        self.last_month = Some((d.year(), d.month()));
        self.last_year = Some(d.year());
    }

    fn resolve(&mut self, c: &Cand) -> Resolved {
        let (kind, value) = self.value(c);
        let kind = c.kind.unwrap_or(kind);
        let mut date = edtf_of(&value);
        if c.approx
            && let Some(d) = &date
            && !d.contains('T')
            && !d.contains('/')
            && !d.contains('X')
        {
            date = Some(format!("{d}~"));
        }
        if matches!(kind, TimexType::Duration | TimexType::Set) {
            date = None;
        }
        Resolved { kind, value, date }
    }

    /// Adds part of day or clock time to a day value.
    fn day_value(
        &mut self,
        c: &Cand,
        d: Option<NaiveDate>,
        unresolved: &str,
    ) -> (TimexType, String) {
        let base = match d {
            Some(d) => {
                self.remember_day(d);
                fmt_day(d)
            }
            None => unresolved.to_string(),
        };
        if let Some((h, mi)) = c.time {
            return (TimexType::Time, format!("{base}T{h:02}:{mi:02}"));
        }
        if let Some(p) = c.pod {
            return (TimexType::Time, format!("{base}T{}", p.code()));
        }
        (TimexType::Date, base)
    }

    fn value(&mut self, c: &Cand) -> (TimexType, String) {
        match &c.sem {
            Sem::Cal { y, m, d, dir } => self.cal(c, *y, *m, *d, *dir),
            Sem::Season { y, s, dir } => {
                let y = match (y, dir, self.dct) {
                    (Some(y), _, _) => Some(*y),
                    // « l'été dernier » in August is the summer before: the season must
                    // be over (end month before the DCT's); « prochain »: not begun.
                    (None, Dir::Last, Some(d)) if d.month.is_some() => {
                        let dm = d.month.unwrap_or(1) as i32;
                        Some(if s.month() as i32 + 1 < dm {
                            d.year
                        } else {
                            d.year - 1
                        })
                    }
                    (None, Dir::Next, Some(d)) if d.month.is_some() => {
                        let dm = d.month.unwrap_or(1) as i32;
                        Some(if s.month() as i32 - 1 > dm {
                            d.year
                        } else {
                            d.year + 1
                        })
                    }
                    (None, Dir::This, Some(d)) => Some(d.year),
                    _ => self.infer_year(c, s.month(), None, *dir),
                };
                match y {
                    Some(y) => {
                        self.last_year = Some(y);
                        (TimexType::Date, format!("{y:04}-{}", s.code()))
                    }
                    None => (TimexType::Date, format!("XXXX-{}", s.code())),
                }
            }
            Sem::Part { y, q, n } => {
                let y = y.or_else(|| {
                    let y = self.last_year.or(self.dct.map(|d| d.year));
                    if y.is_none() {
                        self.note_unresolved();
                    }
                    y
                });
                match y {
                    Some(y) => (TimexType::Date, format!("{y:04}-{q}{n}")),
                    None => (TimexType::Date, format!("XXXX-{q}{n}")),
                }
            }
            Sem::Weekday { wd, dir } => {
                let d = self.weekday(c, *wd, *dir);
                if d.is_none() {
                    self.note_unresolved();
                }
                let unresolved = format!("XXXX-WXX-{wd}");
                self.day_value(c, d, &unresolved)
            }
            Sem::Rel {
                unit,
                n,
                anchor,
                shift,
            } => self.rel(c, *unit, *n, *anchor, *shift),
            Sem::Vague { future } => (
                TimexType::Date,
                if *future { "FUTURE_REF" } else { "PAST_REF" }.to_string(),
            ),
            Sem::Today => {
                let t = self.tense(c);
                let sentence_initial = before(self.text, c.start, 3)
                    .trim_end()
                    .chars()
                    .next_back()
                    .is_none_or(|ch| ".!?\n«\"".contains(ch));
                if self.lang == Language::Fr && (t != Some(Tense::Future) || sentence_initial) {
                    // « Aujourd'hui, ... »: nowadays.
                    return (TimexType::Time, "PRESENT_REF".to_string());
                }
                let d = self.dct_day();
                if d.is_none() {
                    self.note_unresolved();
                }
                self.day_value(c, d, "XXXX-XX-XX")
            }
            Sem::Decade(v) => (TimexType::Date, format!("{v:03}")),
            Sem::Century(v) => (TimexType::Date, format!("{v:02}")),
            Sem::Duration(v) => (TimexType::Duration, v.clone()),
            Sem::Set(v) => (TimexType::Set, v.clone()),
            Sem::Ref(v) => (TimexType::Date, (*v).to_string()),
            Sem::Time { h, mi } => {
                let d = self.last_day.or_else(|| self.dct_day());
                match d {
                    Some(d) => (TimexType::Time, format!("{}T{h:02}:{mi:02}", fmt_day(d))),
                    None => (TimexType::Time, format!("T{h:02}:{mi:02}")),
                }
            }
            Sem::PodOnly => {
                let d = self.last_day.or_else(|| self.dct_day());
                let code = c.pod.map(Pod::code).unwrap_or("DT");
                match d {
                    Some(d) => (TimexType::Time, format!("{}T{code}", fmt_day(d))),
                    None => (TimexType::Time, format!("T{code}")),
                }
            }
        }
    }

    fn cal(
        &mut self,
        c: &Cand,
        y: Option<i32>,
        m: Option<u32>,
        d: Option<u32>,
        dir: Dir,
    ) -> (TimexType, String) {
        let y = match y {
            Some(y) => Some(y),
            None => match m {
                Some(m) => {
                    let r = self.infer_year(c, m, d, dir);
                    if r.is_none() {
                        self.note_unresolved();
                    }
                    r
                }
                None => None,
            },
        };
        match (y, m, d) {
            (Some(y), Some(m), Some(d)) => match ymd(y, m, d) {
                Some(day) => self.day_value(c, Some(day), ""),
                None => (TimexType::Date, format!("{y:04}-{m:02}-{d:02}")),
            },
            (None, Some(m), Some(d)) => {
                let unresolved = format!("XXXX-{m:02}-{d:02}");
                self.day_value(c, None, &unresolved)
            }
            (Some(y), Some(m), None) => {
                self.last_month = Some((y, m));
                self.last_year = Some(y);
                (TimexType::Date, format!("{y:04}-{m:02}"))
            }
            (None, Some(m), None) => (TimexType::Date, format!("XXXX-{m:02}")),
            (Some(y), None, _) => {
                self.last_year = Some(y);
                (TimexType::Date, format!("{y:04}"))
            }
            (None, None, _) => (TimexType::Date, "XXXX".to_string()),
        }
    }

    /// The year of a month (and day) without one: the nearest to the reference date
    /// that agrees with the tense (or with « dernier »/« prochain »).
    fn infer_year(&self, c: &Cand, m: u32, d: Option<u32>, dir: Dir) -> Option<i32> {
        let dct = self.dct?;
        let Some(dm) = dct.month else {
            return Some(dct.year);
        };
        let key = |y: i32, m: u32, d: u32| (y as i64 * 12 + m as i64) * 32 + d as i64;
        // Compare at the precision of the expression.
        let ref_key = key(
            dct.year,
            dm,
            if d.is_some() {
                dct.day.unwrap_or(15)
            } else {
                0
            },
        );
        let want = match dir {
            Dir::Last => Some(Tense::Past),
            Dir::Next => Some(Tense::Future),
            Dir::This => None,
            Dir::Tense => self.tense(c).filter(|t| *t != Tense::Present),
        };
        let strict = matches!(dir, Dir::Last | Dir::Next);
        let mut best: Option<(i64, i32)> = None;
        for y in [dct.year - 1, dct.year, dct.year + 1] {
            let k = key(y, m, d.unwrap_or(0));
            let ok = match want {
                Some(Tense::Past) => {
                    if strict {
                        k < ref_key
                    } else {
                        k <= ref_key
                    }
                }
                Some(Tense::Future) => {
                    if strict {
                        k > ref_key
                    } else {
                        k >= ref_key
                    }
                }
                _ => true,
            };
            if !ok {
                continue;
            }
            let dist = (k - ref_key).abs();
            if best.is_none_or(|(bd, _)| dist < bd) {
                best = Some((dist, y));
            }
        }
        best.map(|(_, y)| y).or(Some(dct.year))
    }

    fn weekday(&self, c: &Cand, wd: u32, dir: Dir) -> Option<NaiveDate> {
        let base = self.dct_day()?;
        let cur = base.weekday().number_from_monday() as i64;
        let diff = wd as i64 - cur; // -6..6
        let back = if diff <= 0 { diff } else { diff - 7 }; // -6..0
        let fwd = if diff >= 0 { diff } else { diff + 7 }; // 0..6
        let off = match dir {
            Dir::Last => {
                if back == 0 {
                    -7
                } else {
                    back
                }
            }
            Dir::Next => {
                if fwd == 0 {
                    7
                } else {
                    fwd
                }
            }
            Dir::This => fwd,
            // In news, a weekday equal to the publication day's would have been
            // « aujourd'hui »: a past one is a week back, a future one a week ahead.
            Dir::Tense => match self.tense(c) {
                Some(Tense::Past) => {
                    if back == 0 {
                        -7
                    } else {
                        back
                    }
                }
                Some(Tense::Future) => {
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
                // French news in the present tense about a weekday (« se rend mardi à
                // Paris ») announce what is coming.
                Some(Tense::Present) if self.lang == Language::Fr && fwd != 0 => fwd,
                _ => {
                    if -back <= fwd {
                        back
                    } else {
                        fwd
                    }
                }
            },
        };
        base.checked_add_signed(Duration::days(off))
    }

    fn anchor_day(&self, anchor: Anchor) -> Option<NaiveDate> {
        match anchor {
            Anchor::Dct => self.dct_day(),
            Anchor::Prev => self.last_day.or_else(|| self.dct_day()),
        }
    }

    fn anchor_month(&self, anchor: Anchor) -> Option<(i32, u32)> {
        let dct = self.dct.and_then(|d| d.month.map(|m| (d.year, m)));
        match anchor {
            Anchor::Dct => dct,
            Anchor::Prev => self.last_month.or(dct),
        }
    }

    fn anchor_year(&self, anchor: Anchor) -> Option<i32> {
        let dct = self.dct.map(|d| d.year);
        match anchor {
            Anchor::Dct => dct,
            Anchor::Prev => self.last_year.or(dct),
        }
    }

    fn rel(
        &mut self,
        c: &Cand,
        unit: Unit,
        n: i64,
        anchor: Anchor,
        shift: bool,
    ) -> (TimexType, String) {
        match unit {
            Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => {
                let days = if unit == Unit::Day { n } else { 0 };
                let d = self
                    .anchor_day(anchor)
                    .and_then(|d| d.checked_add_signed(Duration::days(days)));
                if d.is_none() {
                    self.note_unresolved();
                }
                self.day_value(c, d, "XXXX-XX-XX")
            }
            Unit::Week | Unit::Weekend => {
                let d = self
                    .anchor_day(anchor)
                    .and_then(|d| d.checked_add_signed(Duration::days(7 * n)));
                match d {
                    None => {
                        self.note_unresolved();
                        (TimexType::Date, "XXXX-WXX".to_string())
                    }
                    Some(d) if shift => self.day_value(c, Some(d), ""),
                    Some(d) => {
                        let w = d.iso_week();
                        let we = if unit == Unit::Weekend { "-WE" } else { "" };
                        (
                            TimexType::Date,
                            format!("{:04}-W{:02}{we}", w.year(), w.week()),
                        )
                    }
                }
            }
            Unit::Month | Unit::Quarter | Unit::Half => {
                let Some((y, m)) = self.anchor_month(anchor) else {
                    self.note_unresolved();
                    return (TimexType::Date, "XXXX-XX".to_string());
                };
                match unit {
                    Unit::Month => {
                        let (y2, m2) = add_months(y, m, n);
                        self.last_month = Some((y2, m2));
                        self.last_year = Some(y2);
                        (TimexType::Date, format!("{y2:04}-{m2:02}"))
                    }
                    Unit::Quarter => {
                        let (y2, m2) = add_months(y, m, 3 * n);
                        if shift {
                            return (TimexType::Date, format!("{y2:04}-{m2:02}"));
                        }
                        (TimexType::Date, format!("{y2:04}-Q{}", (m2 - 1) / 3 + 1))
                    }
                    _ => {
                        let (y2, m2) = add_months(y, m, 6 * n);
                        if shift {
                            return (TimexType::Date, format!("{y2:04}-{m2:02}"));
                        }
                        (TimexType::Date, format!("{y2:04}-H{}", (m2 - 1) / 6 + 1))
                    }
                }
            }
            Unit::Year | Unit::Decade | Unit::Century | Unit::Millennium => {
                let Some(y) = self.anchor_year(anchor) else {
                    self.note_unresolved();
                    let v = match unit {
                        Unit::Year => "XXXX",
                        Unit::Decade => "XXX",
                        _ => "XX",
                    };
                    return (TimexType::Date, v.to_string());
                };
                let k = match unit {
                    Unit::Year => 1,
                    Unit::Decade => 10,
                    Unit::Century => 100,
                    _ => 1000,
                };
                let y2 = y as i64 + n * k;
                if shift || unit == Unit::Year || unit == Unit::Millennium {
                    let y2 = y2 as i32;
                    self.last_year = Some(y2);
                    return (TimexType::Date, format!("{y2:04}"));
                }
                if unit == Unit::Decade {
                    (TimexType::Date, format!("{:03}", y2 / 10))
                } else {
                    (TimexType::Date, format!("{:02}", y2 / 100))
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Tense of the sentence around a mention.

fn tense_regex(lang: Language) -> Option<&'static Regex> {
    static FR: OnceLock<Option<Regex>> = OnceLock::new();
    static EN: OnceLock<Option<Regex>> = OnceLock::new();
    match lang {
        Language::Fr => FR
            .get_or_init(|| {
                Regex::new(concat!(
                    r"(?i)(?:^|\W)(?:(?P<fut>(?:sera|seront|serai|serons|serez|aura|auront|ira|iront|fera|feront|pourra|pourront|devra|devront|viendra|viendront|prochaine?s?|prévue?s?|prevue?s?|doit|doivent|va|vont|allons|envisage|compte|annonce)",
                    r"|[a-zàâçéèêëîïôûù]{2,}(?:eront|iront|dront|era|ira|dra|ura|rra|erai|irai|erons|irons))",
                    r"|(?P<motion>(?:est|sont|suis|sommes|êtes)\s{1,3}(?:(?:déjà|bien|aussi|encore|enfin|ensuite|également|finalement|alors|ainsi|récemment|hier)\s{1,3}){0,2}(?:allée?s?|venue?s?|revenue?s?|décédée?s?|morte?s?|née?s?|arrivée?s?|partie?s?|tombée?s?|restée?s?|devenue?s?|entrée?s?|sortie?s?|montée?s?|descendue?s?|passée?s?|retournée?s?|rentrée?s?|intervenue?s?|survenue?s?|parvenue?s?))",
                    r"|(?P<refl>(?:s['’]|se\s{1,3}|me\s{1,3}|m['’]|nous\s{1,3})(?:est|sont|suis|sommes)\s{1,3}[a-zàâçéèêëîïôûù]{2,}(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites|ert|erte|ort|orte|int|inte))",
                    r"|(?P<past>(?:a|ont|avait|avaient|était|étaient|ai|avons|avez|eut|eurent|fut|furent)(?:-t-(?:il|elle|on))?\s{1,3}(?:(?:été|pas|déjà|bien|aussi|encore|notamment|enfin|ensuite|également|finalement|toujours|jamais|rien|peu|trop|beaucoup|alors|ainsi|longtemps|même|souvent|vite|récemment|successivement|hier|ensemble|tous|tout)\s{1,3}){0,3}[a-zàâçéèêëîïôûù]{2,}(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites|ert|erte|ort|orte|int|inte|ient)",
                    r"|[a-zàâçéèêëîïôûù]{2,}(?:ait|aient|èrent|irent|urent)|hier|derni[eè]re?s?|fut|furent|eut|naquit|mourut))(?:\W|$)",
                ))
                .ok()
            })
            .as_ref(),
        Language::En => EN
            .get_or_init(|| {
                Regex::new(concat!(
                    r"(?i)(?:^|\W)(?:(?P<fut>will|shall|won't|wo n't|'ll|going\s{1,3}to|plans?\s{1,3}to|planned\s{1,3}to|scheduled|expected\s{1,3}to|next|tomorrow|intends?\s{1,3}to|would)",
                    r"|(?P<past>was|were|had|did|didn't|said|told|took|made|met|went|came|gave|left|won|lost|began|saw|held|ago|last|yesterday|became|fell|rose|sold|bought|paid|got|ran|wrote|spoke|brought|thought|found|knew|[a-z]{2,}ed))(?:\W|$)",
                ))
                .ok()
            })
            .as_ref(),
    }
}

/// Past tense words that end like a future or an imperfect but are not verbs.
const NOT_VERB_FR: &[&str] = &[
    "opéra",
    "caméra",
    "extra",
    "cobra",
    "sahara",
    "véra",
    "front",
    "affront",
    "mantra",
    "tiara",
    "chimère",
    "lait",
    "fait",
    "trait",
    "portrait",
    "souhait",
    "attrait",
    "extrait",
    "forfait",
    "bienfait",
    "méfait",
    "parfait",
    "retrait",
    "sujet",
    "jamais",
    "mais",
    "désormais",
    "français",
    "anglais",
    "palais",
    "frais",
    "relais",
    "marais",
    "aura",
    "prochaine",
    "prochain",
    "prochains",
    "prochaines",
    "toujours",
];

const NOT_VERB_EN: &[&str] = &[
    "need",
    "needed",
    "speed",
    "indeed",
    "hundred",
    "red",
    "bed",
    "seed",
    "feed",
    "bred",
    "shed",
    "wed",
    "fled",
    "led",
    "united",
    "limited",
    "based",
    "related",
    "proposed",
    "expected",
    "scheduled",
    "planned",
    "reported",
    "alleged",
    "so-called",
    "interested",
    "concerned",
    "detailed",
    "advanced",
    "experienced",
    "supposed",
    "armed",
    "ed",
];

/// Tense of the sentence containing `[s, e)`: the verb cue nearest to the mention.
/// The search window is the sentence, clipped to 300 bytes on each side, so that a
/// text without any full stop costs no more than a short one.
pub(crate) fn tense_at(text: &str, lang: Language, s: usize, e: usize) -> Option<Tense> {
    let re = tense_regex(lang)?;
    let left = before(text, s, 300);
    let cut = left
        .rfind(['.', '!', '?', '\n', ';'])
        .map(|i| i + 1)
        .unwrap_or(0);
    let left = left.get(cut..).unwrap_or("");
    let right = after(text, e, 300);
    let cut = right
        .find(['.', '!', '?', '\n', ';'])
        .unwrap_or(right.len());
    let right = right.get(..cut).unwrap_or("");
    let not_verb: &[&str] = match lang {
        Language::Fr => NOT_VERB_FR,
        Language::En => NOT_VERB_EN,
    };
    let mut best: Option<(usize, Tense)> = None;
    let mut consider = |hay: &str, dist_of: &dyn Fn(usize, usize) -> usize| {
        for caps in re.captures_iter(hay) {
            let Some(m) = caps
                .name("fut")
                .or(caps.name("past"))
                .or(caps.name("motion"))
                .or(caps.name("refl"))
            else {
                continue;
            };
            // Word boundaries, checked by hand.
            let prev = hay.get(..m.start()).and_then(|x| x.chars().next_back());
            let next = hay.get(m.end()..).and_then(|x| x.chars().next());
            if prev.is_some_and(|c| c.is_alphanumeric())
                || next.is_some_and(|c| c.is_alphanumeric() || c == '\'')
            {
                continue;
            }
            let word = m.as_str().to_lowercase();
            let t = if caps.name("fut").is_some() {
                if not_verb.contains(&word.as_str()) && !word.starts_with("proch") {
                    continue;
                }
                Tense::Future
            } else {
                if not_verb.contains(&word.as_str()) {
                    continue;
                }
                let last = word.rsplit(char::is_whitespace).next().unwrap_or("");
                if last.starts_with("prév") || last.starts_with("prev") {
                    Tense::Future
                } else {
                    Tense::Past
                }
            };
            let dist = dist_of(m.start(), m.end());
            if best.is_none_or(|(bd, _)| dist < bd) {
                best = Some((dist, t));
            }
        }
    };
    let llen = left.len();
    consider(left, &|_, me| llen.saturating_sub(me));
    consider(right, &|ms, _| ms);
    // A participle right before the mention (« annoncées mercredi »): past.
    if lang == Language::Fr {
        let w: String = left
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let lw = w.to_lowercase();
        let participle = lw.chars().count() > 3
            && ["é", "ée", "és", "ées"].iter().any(|x| lw.ends_with(x))
            && !lw.starts_with("prév");
        let adjacent = left.len() - left.trim_end().len() <= 1;
        // Not after an auxiliary: « seront célébrées lundi » is future, « est prévue
        // le 16 » present.
        let head = left.trim_end();
        let head = head
            .get(..head.len().saturating_sub(w.len()))
            .unwrap_or("")
            .trim_end();
        let aux: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let aux = aux.to_lowercase();
        let passive = [
            "sera", "seront", "été", "être", "est", "sont", "serait", "seraient", "soit", "soient",
            "sera", "étant",
        ]
        .contains(&aux.as_str());
        if participle && adjacent && !passive {
            return Some(Tense::Past);
        }
    }
    best.map(|(_, t)| t).or(Some(Tense::Present))
}

// ---------------------------------------------------------------------------
// EDTF.

/// EDTF date of a TIMEX3 value, when the value names a span of calendar time.
pub(crate) fn edtf_of(value: &str) -> Option<String> {
    let b = value.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let n = b.len();
    if n == 4 && digits(0..4) {
        return Some(value.to_string());
    }
    if n == 3 && digits(0..3) {
        return Some(format!("{value}X"));
    }
    if n == 2 && digits(0..2) {
        return Some(format!("{value}XX"));
    }
    if n >= 7 && digits(0..4) && b[4] == b'-' {
        let y = value.get(0..4)?;
        let rest = value.get(5..)?;
        if rest.len() == 2 && digits(5..7) {
            return Some(value.to_string());
        }
        if n >= 10 && digits(5..7) && b.get(7) == Some(&b'-') && digits(8..10) {
            let day = value.get(0..10)?;
            if n == 10 {
                return Some(day.to_string());
            }
            if n == 16 && b[10] == b'T' && digits(11..13) && b[13] == b':' && digits(14..16) {
                return Some(value.to_string());
            }
            if b[10] == b'T' {
                return Some(day.to_string());
            }
            return None;
        }
        match rest {
            "SP" => return Some(format!("{y}-21")),
            "SU" => return Some(format!("{y}-22")),
            "FA" => return Some(format!("{y}-23")),
            "WI" => return Some(format!("{y}-24")),
            "Q1" => return Some(format!("{y}-01/{y}-03")),
            "Q2" => return Some(format!("{y}-04/{y}-06")),
            "Q3" => return Some(format!("{y}-07/{y}-09")),
            "Q4" => return Some(format!("{y}-10/{y}-12")),
            "H1" => return Some(format!("{y}-01/{y}-06")),
            "H2" => return Some(format!("{y}-07/{y}-12")),
            _ => {}
        }
        if let Some(w) = rest.strip_prefix('W') {
            let wn: u32 = w.get(0..2)?.parse().ok()?;
            let yy: i32 = y.parse().ok()?;
            let mon = NaiveDate::from_isoywd_opt(yy, wn, chrono::Weekday::Mon)?;
            if w.len() == 2 {
                let sun = mon.checked_add_signed(Duration::days(6))?;
                return Some(format!("{}/{}", fmt_day(mon), fmt_day(sun)));
            }
            if w == format!("{wn:02}-WE") {
                let sat = mon.checked_add_signed(Duration::days(5))?;
                let sun = mon.checked_add_signed(Duration::days(6))?;
                return Some(format!("{}/{}", fmt_day(sat), fmt_day(sun)));
            }
        }
    }
    None
}

/// Start and end of an EDTF date or interval.
fn bounds(d: &str) -> (String, String) {
    let d = d.trim_end_matches('~');
    match d.split_once('/') {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => (d.to_string(), d.to_string()),
    }
}

fn is_calendar(c: &Cand) -> bool {
    !matches!(
        c.sem,
        Sem::Duration(_) | Sem::Set(_) | Sem::Ref(_) | Sem::Vague { .. }
    )
}

/// Pairs of mentions that bound an interval (« entre 2011 et 2024 », « du 3 au 6
/// avril », "from 2015 to 2025", « 1982-1990 »): both get the interval as date.
fn intervals(text: &str, lang: Language, cands: &[Cand], out: &mut [Resolved]) {
    for i in 0..cands.len().saturating_sub(1) {
        let (a, b) = (&cands[i], &cands[i + 1]);
        if !is_calendar(a) || !is_calendar(b) {
            continue;
        }
        let (Some(da), Some(db)) = (out[i].date.clone(), out[i + 1].date.clone()) else {
            continue;
        };
        let gap = text.get(a.end..b.start).unwrap_or("");
        if gap.len() > 12 {
            continue;
        }
        let g = gap.trim().to_lowercase().replace('’', "'");
        let pw = prev_word(text, a.start);
        let opener = match lang {
            Language::Fr => {
                ["du", "de", "d'", "entre", "depuis"].contains(&pw.as_str())
                    || before(text, a.start, 3).ends_with("d'")
            }
            Language::En => ["from", "between"].contains(&pw.as_str()),
        };
        let dash = g == "-" || g == "–" || g == "/" || g == "—";
        let joiner = match lang {
            Language::Fr => [
                "au", "à", "et", "jusqu'au", "jusqu'à", "jusqu'en", "à la", "au le", "et le",
                "et la",
            ]
            .contains(&g.as_str()),
            Language::En => ["to", "and", "until", "through", "till", "thru"].contains(&g.as_str()),
        };
        if !(a.pair_next || dash || (opener && joiner)) {
            continue;
        }
        let (sa, _) = bounds(&da);
        let (_, eb) = bounds(&db);
        if sa.contains("..") || eb.contains("..") {
            continue;
        }
        let iv = format!("{sa}/{eb}");
        out[i].date = Some(iv.clone());
        out[i + 1].date = Some(iv);
    }
}

/// Signals around a date make it an open interval: « depuis 2024 » → `2024/..`.
fn with_signal(text: &str, lang: Language, c: &Cand, d: String) -> String {
    if d.contains('/') || !is_calendar(c) {
        return d;
    }
    let b = before(text, c.start, 24).to_lowercase().replace('’', "'");
    let b = b.trim_end();
    let ends = |xs: &[&str]| {
        xs.iter().any(|x| {
            b.ends_with(x)
                && b.get(..b.len() - x.len())
                    .and_then(|p| p.chars().next_back())
                    .is_none_or(|ch| !ch.is_alphanumeric())
        })
    };
    let since: &[&str] = match lang {
        Language::Fr => &[
            "depuis",
            "dès",
            "à partir du",
            "à partir de",
            "à partir d'",
            "après",
            "depuis le",
            "depuis la",
            "dès le",
            "après le",
            "à compter du",
            "à compter de",
        ],
        Language::En => &[
            "since",
            "after",
            "starting",
            "beginning",
            "as of",
            "starting in",
            "starting on",
            "from",
        ],
    };
    let until: &[&str] = match lang {
        Language::Fr => &[
            "jusqu'à",
            "jusqu'au",
            "jusqu'en",
            "jusqu'aux",
            "avant",
            "avant le",
            "avant la",
            "d'ici",
            "d'ici à",
            "d'ici au",
        ],
        Language::En => &[
            "until",
            "till",
            "up to",
            "before",
            "by",
            "through",
            "prior to",
            "no later than",
        ],
    };
    // "from X" alone (no "to Y" after) is a start.
    if ends(since) {
        if lang == Language::En && b.ends_with("from") {
            let a = after(text, c.end, 8).trim_start().to_lowercase();
            if a.starts_with("to ") || a.starts_with("until") || a.starts_with("through") {
                return d;
            }
        }
        let (s, _) = bounds(&d);
        return format!("{s}/..");
    }
    if ends(until) {
        let (_, e) = bounds(&d);
        return format!("../{e}");
    }
    d
}
