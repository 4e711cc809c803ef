//! Word lists of the two languages: month and weekday names, number words, units,
//! parts of the day. Everything a rule needs to know about vocabulary lives here, as
//! data, so that a missing word is a one-line fix.

use super::Language;

/// Month names and abbreviations, lowercased, with their number.
pub(crate) const MONTHS_FR: &[(&str, u32)] = &[
    ("janvier", 1),
    ("janv.", 1),
    ("février", 2),
    ("fevrier", 2),
    ("févr.", 2),
    ("fév.", 2),
    ("fev.", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr.", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil.", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("sept.", 9),
    ("octobre", 10),
    ("oct.", 10),
    ("novembre", 11),
    ("nov.", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("déc.", 12),
    ("dec.", 12),
];

pub(crate) const MONTHS_EN: &[(&str, u32)] = &[
    ("january", 1),
    ("jan.", 1),
    ("february", 2),
    ("feb.", 2),
    ("march", 3),
    ("mar.", 3),
    ("april", 4),
    ("apr.", 4),
    ("may", 5),
    ("june", 6),
    ("jun.", 6),
    ("july", 7),
    ("jul.", 7),
    ("august", 8),
    ("aug.", 8),
    ("september", 9),
    ("sept.", 9),
    ("sep.", 9),
    ("october", 10),
    ("oct.", 10),
    ("november", 11),
    ("nov.", 11),
    ("december", 12),
    ("dec.", 12),
];

/// Weekdays, ISO numbering (Monday = 1).
pub(crate) const WEEKDAYS_FR: &[(&str, u32)] = &[
    ("lundi", 1),
    ("mardi", 2),
    ("mercredi", 3),
    ("jeudi", 4),
    ("vendredi", 5),
    ("samedi", 6),
    ("dimanche", 7),
    ("lun.", 1),
    ("mar.", 2),
    ("mer.", 3),
    ("jeu.", 4),
    ("ven.", 5),
    ("sam.", 6),
    ("dim.", 7),
];

pub(crate) const WEEKDAYS_EN: &[(&str, u32)] = &[
    ("monday", 1),
    ("tuesday", 2),
    ("wednesday", 3),
    ("thursday", 4),
    ("friday", 5),
    ("saturday", 6),
    ("sunday", 7),
    ("mon.", 1),
    ("tue.", 2),
    ("tues.", 2),
    ("wed.", 3),
    ("thu.", 4),
    ("thur.", 4),
    ("thurs.", 4),
    ("fri.", 5),
    ("sat.", 6),
    ("sun.", 7),
];

/// Number words that can be parsed by [`parse_number`].
const NUMBERS_FR: &[(&str, i64)] = &[
    ("zéro", 0),
    ("un", 1),
    ("une", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("treize", 13),
    ("quatorze", 14),
    ("quinze", 15),
    ("seize", 16),
    ("vingt", 20),
    ("vingts", 20),
    ("trente", 30),
    ("quarante", 40),
    ("cinquante", 50),
    ("soixante", 60),
];

const NUMBERS_EN: &[(&str, i64)] = &[
    ("zero", 0),
    ("one", 1),
    ("a", 1),
    ("an", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Regex alternation of the number words of a language (longest first).
pub(crate) fn number_words_pattern(lang: Language) -> String {
    let table = match lang {
        Language::Fr => NUMBERS_FR,
        Language::En => NUMBERS_EN,
    };
    let mut words: Vec<&str> = table
        .iter()
        .map(|(w, _)| *w)
        .filter(|w| *w != "a" && *w != "an")
        .collect();
    match lang {
        Language::Fr => words.extend(["cents", "cent", "mille"]),
        Language::En => words.extend(["hundred", "thousand"]),
    }
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let alt = words.join("|");
    let join = match lang {
        Language::Fr => r"(?:-et-|\s+et\s+|-|\s)",
        Language::En => r"(?:-|\s+and\s+|\s)",
    };
    format!("(?:(?:{alt})(?:{join}(?:{alt}))*)")
}

/// Parses digits or number words ("vingt-quatre", "quatre-vingt-dix", "twenty-five").
pub(crate) fn parse_number(s: &str, lang: Language) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok().filter(|n: &i64| *n < 100_000);
    }
    let lower = s.to_lowercase();
    let table = match lang {
        Language::Fr => NUMBERS_FR,
        Language::En => NUMBERS_EN,
    };
    let mut total: i64 = 0;
    let mut cur: i64 = 0;
    let mut any = false;
    for w in lower.split(|c: char| c == '-' || c.is_whitespace()) {
        match w {
            "" | "et" | "and" => continue,
            "cent" | "cents" | "hundred" => cur = cur.max(1) * 100,
            "mille" | "thousand" => {
                total += cur.max(1) * 1000;
                cur = 0;
            }
            "vingt" | "vingts" if cur % 100 == 4 => cur += 76,
            _ => {
                let v = table.iter().find(|(n, _)| *n == w)?.1;
                cur += v;
            }
        }
        any = true;
    }
    any.then_some(total + cur)
}

/// Roman numerals of centuries (I..XXX).
pub(crate) fn parse_roman(s: &str) -> Option<i64> {
    let mut total = 0i64;
    let mut prev = 0i64;
    for c in s.chars().rev() {
        let v = match c.to_ascii_uppercase() {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            _ => return None,
        };
        if v < prev {
            total -= v;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0 && total <= 40).then_some(total)
}

pub(crate) fn lookup(table: &[(&str, u32)], word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    table.iter().find(|(n, _)| *n == w).map(|(_, v)| *v)
}

/// Regex alternation of a name table, longest first, dots escaped.
pub(crate) fn names_pattern(table: &[(&str, u32)], with_abbrev: bool) -> String {
    let mut words: Vec<&str> = table
        .iter()
        .map(|(w, _)| *w)
        .filter(|w| with_abbrev || !w.ends_with('.'))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let alt: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    format!("(?:{})", alt.join("|"))
}

/// Time units as TIMEX3 duration letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
    Millennium,
}

pub(crate) fn unit_of(word: &str) -> Option<Unit> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    Some(match w {
        "seconde" | "secondes" | "second" | "seconds" | "sec" | "s" => Unit::Second,
        "minute" | "minutes" | "min" | "mn" | "mins" => Unit::Minute,
        "heure" | "heures" | "hour" | "hours" | "h" | "hr" | "hrs" => Unit::Hour,
        "jour" | "jours" | "journée" | "journées" | "day" | "days" | "nuit" | "nuits" | "night"
        | "nights" => Unit::Day,
        "semaine" | "semaines" | "week" | "weeks" => Unit::Week,
        "week-end" | "week-ends" | "weekend" | "weekends" => Unit::Weekend,
        "mois" | "month" | "months" => Unit::Month,
        "trimestre" | "trimestres" | "quarter" | "quarters" => Unit::Quarter,
        "semestre" | "semestres" => Unit::Half,
        "an" | "ans" | "année" | "années" | "annee" | "annees" | "year" | "years" => Unit::Year,
        "décennie" | "décennies" | "decennie" | "decade" | "decades" => Unit::Decade,
        "siècle" | "siècles" | "siecle" | "century" | "centuries" => Unit::Century,
        "millénaire" | "millénaires" | "millennium" | "millennia" => Unit::Millennium,
        _ => return None,
    })
}

/// `(number of base units, base letter, is time part)`
pub(crate) fn unit_base(u: Unit) -> (i64, char, bool) {
    match u {
        Unit::Second => (1, 'S', true),
        Unit::Minute => (1, 'M', true),
        Unit::Hour => (1, 'H', true),
        Unit::Day => (1, 'D', false),
        Unit::Week => (1, 'W', false),
        Unit::Weekend => (1, 'W', false),
        Unit::Month => (1, 'M', false),
        Unit::Quarter => (3, 'M', false),
        Unit::Half => (6, 'M', false),
        Unit::Year => (1, 'Y', false),
        Unit::Decade => (10, 'Y', false),
        Unit::Century => (100, 'Y', false),
        Unit::Millennium => (1000, 'Y', false),
    }
}

/// Parts of the day, TIMEX3 codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pod {
    Morning,
    Afternoon,
    Evening,
    Night,
    Day,
}

impl Pod {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Pod::Morning => "MO",
            Pod::Afternoon => "AF",
            Pod::Evening => "EV",
            Pod::Night => "NI",
            Pod::Day => "DT",
        }
    }
}

pub(crate) fn pod_of(word: &str) -> Option<Pod> {
    let w = word.to_lowercase().replace(['\u{2019}'], "'");
    let w = w.trim();
    Some(match w {
        "matin" | "matinée" | "morning" | "mornings" => Pod::Morning,
        "après-midi" | "apres-midi" | "afternoon" | "afternoons" => Pod::Afternoon,
        "soir" | "soirée" | "evening" | "evenings" | "tonight" => Pod::Evening,
        "nuit" | "night" | "nights" | "nocturne" | "nocturnes" | "overnight" => Pod::Night,
        "journée" | "daytime" => Pod::Day,
        _ => return None,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Autumn => "FA",
            Season::Winter => "WI",
        }
    }
    /// Month in the middle of the season, to order it against the reference date.
    pub(crate) fn month(self) -> u32 {
        match self {
            Season::Spring => 4,
            Season::Summer => 7,
            Season::Autumn => 10,
            Season::Winter => 1,
        }
    }
}

pub(crate) fn season_of(word: &str) -> Option<Season> {
    let w = word.to_lowercase();
    Some(match w.as_str() {
        "printemps" | "spring" => Season::Spring,
        "été" | "ete" | "summer" => Season::Summer,
        "automne" | "autumn" | "fall" => Season::Autumn,
        "hiver" | "winter" => Season::Winter,
        _ => return None,
    })
}

/// Ordinals used for quarters, centuries, "le premier trimestre".
pub(crate) fn parse_ordinal(s: &str, lang: Language) -> Option<i64> {
    let w = s.to_lowercase();
    let w = w.trim();
    let words: &[(&str, i64)] = match lang {
        Language::Fr => &[
            ("premier", 1),
            ("première", 1),
            ("1er", 1),
            ("1re", 1),
            ("1ère", 1),
            ("deuxième", 2),
            ("second", 2),
            ("seconde", 2),
            ("troisième", 3),
            ("quatrième", 4),
            ("cinquième", 5),
            ("sixième", 6),
            ("septième", 7),
            ("huitième", 8),
            ("neuvième", 9),
            ("dixième", 10),
            ("onzième", 11),
            ("douzième", 12),
            ("treizième", 13),
            ("quatorzième", 14),
            ("quinzième", 15),
            ("seizième", 16),
            ("dix-septième", 17),
            ("dix-huitième", 18),
            ("dix-neuvième", 19),
            ("vingtième", 20),
            ("vingt-et-unième", 21),
            ("vingt et unième", 21),
        ],
        Language::En => &[
            ("first", 1),
            ("second", 2),
            ("third", 3),
            ("fourth", 4),
            ("fifth", 5),
            ("sixth", 6),
            ("seventh", 7),
            ("eighth", 8),
            ("ninth", 9),
            ("tenth", 10),
            ("eleventh", 11),
            ("twelfth", 12),
            ("thirteenth", 13),
            ("fourteenth", 14),
            ("fifteenth", 15),
            ("sixteenth", 16),
            ("seventeenth", 17),
            ("eighteenth", 18),
            ("nineteenth", 19),
            ("twentieth", 20),
            ("twenty-first", 21),
        ],
    };
    if let Some((_, v)) = words.iter().find(|(n, _)| *n == w) {
        return Some(*v);
    }
    let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    let roman: String = s
        .chars()
        .take_while(|c| "IVXLCivxlc".contains(*c))
        .collect();
    if !roman.is_empty() && roman.len() < s.len() {
        return parse_roman(&roman);
    }
    None
}
