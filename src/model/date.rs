//! Fuzzy dates: the subset of EDTF (ISO 8601-2) that articles use.
//!
//! A date keeps its *precision*: `2024-12` is "some time in December 2024", an interval of
//! a month, not the first of December. Everything downstream (bounds, ordering, conflict
//! detection, drawing, display) works from [`Edtf::earliest`] / [`Edtf::latest`] and the
//! precision, never from a single instant.
//!
//! Accepted forms: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mm` (seconds are
//! accepted and dropped), each optionally followed by a qualifier `~` (approximate),
//! `?` (uncertain) or `%` (both); intervals `A/B` where either end may be `..` (open) or
//! empty (unknown).
//!
//! Written by hand rather than with the `edtf` crate (0.2): that crate requires seconds in
//! times (`2025-07-31T14:30` is rejected), cannot put a date-time in an interval and has no
//! qualifiers on date-times, all of which the article format needs.

use std::fmt;

use chrono::{Datelike as _, NaiveDate, NaiveDateTime, Timelike as _};

/// Seconds since 1970-01-01T00:00 in naive (floating, zone-less) civil time.
///
/// Articles rarely give a time zone; the timeline treats every date as civil time.
pub type Seconds = i64;

/// How finely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
    Minute,
}

impl Precision {
    /// The lower-case English name used in CSV and diagnostics.
    pub fn name(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Month => "month",
            Self::Day => "day",
            Self::Minute => "minute",
        }
    }
}

/// EDTF qualifiers: `~` approximate, `?` uncertain, `%` both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Qualifier {
    pub approximate: bool,
    pub uncertain: bool,
}

impl Qualifier {
    pub const NONE: Self = Self {
        approximate: false,
        uncertain: false,
    };

    fn suffix(self) -> &'static str {
        match (self.approximate, self.uncertain) {
            (false, false) => "",
            (true, false) => "~",
            (false, true) => "?",
            (true, true) => "%",
        }
    }
}

/// One calendar date at some precision, with its qualifier.
///
/// Invariant (kept by [`DatePoint::new`] and the parser): fields finer than `precision` are
/// their minimum (month 1, day 1, 00:00), and the date exists in the proleptic Gregorian
/// calendar, year 0..=9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DatePoint {
    year: i32,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    precision: Precision,
    pub qualifier: Qualifier,
}

/// One end of an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntervalEnd {
    Date(DatePoint),
    /// `..`: the interval runs on without end (or from the beginning of time).
    Open,
    /// Empty: the source does not say.
    Unknown,
}

/// A parsed date value: a single (fuzzy) date or an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edtf {
    Point(DatePoint),
    Interval {
        start: IntervalEnd,
        end: IntervalEnd,
    },
}

/// Why a date string is not accepted. The message is meant for the person who wrote it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("empty date (leave the field out for an undated event)")]
    Empty,
    #[error(
        "`{0}` is not a date: expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm, optionally with ~ ? or %, or an interval A/B"
    )]
    Syntax(String),
    #[error("`{text}`: month {month} does not exist")]
    Month { text: String, month: u32 },
    #[error("`{text}`: day {day} does not exist in {year}-{month:02}")]
    Day {
        text: String,
        year: i32,
        month: u32,
        day: u32,
    },
    #[error("`{text}`: time {hour:02}:{minute:02} does not exist")]
    Time {
        text: String,
        hour: u32,
        minute: u32,
    },
    #[error("`{0}`: an interval needs at least one known end")]
    NoEnds(String),
    #[error("`{0}`: the interval starts after it ends")]
    Reversed(String),
}

impl DatePoint {
    /// A date at `precision`; finer fields are ignored. `None` if the date does not exist.
    pub fn new(
        precision: Precision,
        year: i32,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
    ) -> Option<Self> {
        if !(0..=9999).contains(&year) {
            return None;
        }
        let (month, day, hour, minute) = match precision {
            Precision::Year => (1, 1, 0, 0),
            Precision::Month => (month, 1, 0, 0),
            Precision::Day => (month, day, 0, 0),
            Precision::Minute => (month, day, hour, minute),
        };
        NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(hour, minute, 0)?;
        Some(Self {
            year,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
            hour: u8::try_from(hour).ok()?,
            minute: u8::try_from(minute).ok()?,
            precision,
            qualifier: Qualifier::NONE,
        })
    }

    pub fn with_qualifier(mut self, qualifier: Qualifier) -> Self {
        self.qualifier = qualifier;
        self
    }

    /// The date of a [`NaiveDateTime`] at `precision`.
    pub fn from_datetime(dt: NaiveDateTime, precision: Precision) -> Option<Self> {
        Self::new(
            precision,
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute(),
        )
    }

    pub fn precision(&self) -> Precision {
        self.precision
    }
    pub fn year(&self) -> i32 {
        self.year
    }
    /// 1..=12; 1 when the precision is coarser than a month.
    pub fn month(&self) -> u32 {
        u32::from(self.month)
    }
    /// 1..=31; 1 when the precision is coarser than a day.
    pub fn day(&self) -> u32 {
        u32::from(self.day)
    }
    pub fn hour(&self) -> u32 {
        u32::from(self.hour)
    }
    pub fn minute(&self) -> u32 {
        u32::from(self.minute)
    }

    fn naive(&self) -> NaiveDateTime {
        // The invariant guarantees the date exists; fall back to the epoch rather than panic.
        NaiveDate::from_ymd_opt(self.year, self.month(), self.day())
            .and_then(|d| d.and_hms_opt(self.hour(), self.minute(), 0))
            .unwrap_or_default()
    }

    /// First second of the period this date denotes.
    pub fn earliest(&self) -> Seconds {
        self.naive().and_utc().timestamp()
    }

    /// First second *after* the period this date denotes (exclusive end).
    pub fn latest(&self) -> Seconds {
        let start = self.naive();
        let end = match self.precision {
            Precision::Year => {
                NaiveDate::from_ymd_opt(self.year + 1, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0))
            }
            Precision::Month => {
                let (y, m) = if self.month >= 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, self.month() + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.and_hms_opt(0, 0, 0))
            }
            Precision::Day => Some(start + chrono::Duration::days(1)),
            Precision::Minute => Some(start + chrono::Duration::minutes(1)),
        };
        end.map_or(self.earliest() + 1, |e| e.and_utc().timestamp())
    }

    /// The same period widened by one unit of its precision on each side, used when a date
    /// is approximate: "vers 2015" agrees with 2014 and 2016.
    fn tolerant_bounds(&self) -> (Seconds, Seconds) {
        let (lo, hi) = (self.earliest(), self.latest());
        if self.qualifier.approximate {
            let unit = hi - lo;
            (lo - unit, hi + unit)
        } else {
            (lo, hi)
        }
    }
}

impl IntervalEnd {
    fn point(&self) -> Option<&DatePoint> {
        match self {
            Self::Date(p) => Some(p),
            Self::Open | Self::Unknown => None,
        }
    }
}

impl Edtf {
    /// Parses the EDTF subset described in the module documentation.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(DateError::Empty);
        }
        match trimmed.split_once('/') {
            None => Ok(Self::Point(parse_point(trimmed, text)?)),
            Some((a, b)) => {
                let start = parse_end(a, text)?;
                let end = parse_end(b, text)?;
                if start.point().is_none() && end.point().is_none() {
                    return Err(DateError::NoEnds(text.to_owned()));
                }
                if let (Some(s), Some(e)) = (start.point(), end.point())
                    && s.earliest() >= e.latest()
                {
                    return Err(DateError::Reversed(text.to_owned()));
                }
                Ok(Self::Interval { start, end })
            }
        }
    }

    /// First second this date may denote; `None` for an interval open or unknown at the start.
    pub fn earliest(&self) -> Option<Seconds> {
        match self {
            Self::Point(p) => Some(p.earliest()),
            Self::Interval { start, .. } => start.point().map(DatePoint::earliest),
        }
    }

    /// First second after the period; `None` for an interval open or unknown at the end.
    pub fn latest(&self) -> Option<Seconds> {
        match self {
            Self::Point(p) => Some(p.latest()),
            Self::Interval { end, .. } => end.point().map(DatePoint::latest),
        }
    }

    /// A time that always exists and orders events sensibly: the earliest bound, or for an
    /// interval open at the start, its end.
    pub fn sort_key(&self) -> Seconds {
        self.earliest().or_else(|| self.latest()).unwrap_or(0)
    }

    /// The precision of the date (for an interval, the finer of its ends).
    pub fn precision(&self) -> Precision {
        match self {
            Self::Point(p) => p.precision,
            Self::Interval { start, end } => start
                .point()
                .into_iter()
                .chain(end.point())
                .map(|p| p.precision)
                .max()
                .unwrap_or(Precision::Year),
        }
    }

    /// Qualifiers of the date (an interval is approximate/uncertain if either end is).
    pub fn qualifier(&self) -> Qualifier {
        match self {
            Self::Point(p) => p.qualifier,
            Self::Interval { start, end } => {
                let mut q = Qualifier::NONE;
                for p in start.point().into_iter().chain(end.point()) {
                    q.approximate |= p.qualifier.approximate;
                    q.uncertain |= p.qualifier.uncertain;
                }
                q
            }
        }
    }

    pub fn is_interval(&self) -> bool {
        matches!(self, Self::Interval { .. })
    }

    /// The single date, if this is not an interval.
    pub fn as_point(&self) -> Option<&DatePoint> {
        match self {
            Self::Point(p) => Some(p),
            Self::Interval { .. } => None,
        }
    }

    /// Could both dates describe the same moment? Precision-aware: `2024` and `2024-12`
    /// agree, `2024-11` and `2024-12` do not. Approximate dates tolerate one unit either
    /// side; open ends agree with anything on their side.
    pub fn compatible(&self, other: &Self) -> bool {
        let (a_lo, a_hi) = self.tolerant_bounds();
        let (b_lo, b_hi) = other.tolerant_bounds();
        a_lo < b_hi && b_lo < a_hi
    }

    fn tolerant_bounds(&self) -> (Seconds, Seconds) {
        match self {
            Self::Point(p) => p.tolerant_bounds(),
            Self::Interval { start, end } => (
                start
                    .point()
                    .map_or(Seconds::MIN, |p| p.tolerant_bounds().0),
                end.point().map_or(Seconds::MAX, |p| p.tolerant_bounds().1),
            ),
        }
    }

    /// Human display in `lang` ("fr" or anything else for English), at the date's precision:
    /// "déc. 2024", "31 July 2025", "vers 2015", "depuis déc. 2024".
    pub fn human(&self, lang: Lang) -> String {
        match self {
            Self::Point(p) => human_point(p, lang, Case::Standalone),
            Self::Interval { start, end } => match (start.point(), end.point()) {
                (Some(s), Some(e)) => format!(
                    "{} – {}",
                    human_point(s, lang, Case::Standalone),
                    human_point(e, lang, Case::Standalone)
                ),
                (Some(s), None) => match lang {
                    Lang::Fr => format!("depuis {}", human_point(s, lang, Case::After("depuis"))),
                    Lang::En => format!("since {}", human_point(s, lang, Case::Standalone)),
                },
                (None, Some(e)) => match lang {
                    Lang::Fr => format!("jusqu’{}", human_point(e, lang, Case::After("jusqu’"))),
                    Lang::En => format!("until {}", human_point(e, lang, Case::Standalone)),
                },
                (None, None) => match lang {
                    Lang::Fr => "sans date".to_owned(),
                    Lang::En => "undated".to_owned(),
                },
            },
        }
    }
}

impl fmt::Display for DatePoint {
    /// Canonical EDTF, the inverse of parsing.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.precision >= Precision::Month {
            write!(f, "-{:02}", self.month)?;
        }
        if self.precision >= Precision::Day {
            write!(f, "-{:02}", self.day)?;
        }
        if self.precision >= Precision::Minute {
            write!(f, "T{:02}:{:02}", self.hour, self.minute)?;
        }
        f.write_str(self.qualifier.suffix())
    }
}

impl fmt::Display for IntervalEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Date(p) => p.fmt(f),
            Self::Open => f.write_str(".."),
            Self::Unknown => Ok(()),
        }
    }
}

impl fmt::Display for Edtf {
    /// Canonical EDTF, the inverse of [`Edtf::parse`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Point(p) => p.fmt(f),
            Self::Interval { start, end } => write!(f, "{start}/{end}"),
        }
    }
}

impl std::str::FromStr for Edtf {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// The language of human-readable dates and labels.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// French for `fr`, `fr-FR`, …; English otherwise.
    pub fn from_code(code: &str) -> Self {
        let primary = code.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("fr") {
            Self::Fr
        } else {
            Self::En
        }
    }
}

const MONTHS_FR_SHORT: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];
const MONTHS_FR: [&str; 12] = [
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
];
const MONTHS_EN_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Name of month `month` (1..=12), full or abbreviated.
pub fn month_name(month: u32, lang: Lang, short: bool) -> &'static str {
    let i = month.clamp(1, 12) as usize - 1;
    let table = match (lang, short) {
        (Lang::Fr, true) => &MONTHS_FR_SHORT,
        (Lang::Fr, false) => &MONTHS_FR,
        (Lang::En, true) => &MONTHS_EN_SHORT,
        (Lang::En, false) => &MONTHS_EN,
    };
    table.get(i).copied().unwrap_or("")
}

/// French needs to know what precedes a date to agree with it ("jusqu’au 1er août",
/// "jusqu’en 2025", "depuis 2024").
#[derive(Clone, Copy)]
enum Case {
    Standalone,
    After(&'static str),
}

fn human_point(p: &DatePoint, lang: Lang, case: Case) -> String {
    let body = match (lang, p.precision) {
        (_, Precision::Year) => format!("{}", p.year),
        (_, Precision::Month) => format!("{} {}", month_name(p.month(), lang, true), p.year),
        (Lang::Fr, Precision::Day | Precision::Minute) => {
            let day = if p.day == 1 {
                "1er".to_owned()
            } else {
                p.day.to_string()
            };
            let date = format!("{day} {} {}", month_name(p.month(), lang, false), p.year);
            if p.precision == Precision::Minute {
                // French typography: "14 h 30" with narrow no-break spaces.
                format!("{date}, {}\u{202f}h\u{202f}{:02}", p.hour, p.minute)
            } else {
                date
            }
        }
        (Lang::En, Precision::Day | Precision::Minute) => {
            let date = format!(
                "{} {} {}",
                p.day,
                month_name(p.month(), lang, false),
                p.year
            );
            if p.precision == Precision::Minute {
                format!("{date}, {:02}:{:02}", p.hour, p.minute)
            } else {
                date
            }
        }
    };
    let body = match (lang, case) {
        (Lang::Fr, Case::After("jusqu’")) => match p.precision {
            Precision::Year | Precision::Month => format!("en {body}"),
            Precision::Day | Precision::Minute => format!("au {body}"),
        },
        _ => body,
    };
    let q = p.qualifier;
    let body = if q.approximate {
        match lang {
            Lang::Fr => format!("vers {body}"),
            Lang::En => format!("c. {body}"),
        }
    } else {
        body
    };
    if q.uncertain {
        match lang {
            // French puts a narrow no-break space before "?".
            Lang::Fr => format!("{body}\u{202f}?"),
            Lang::En => format!("{body}?"),
        }
    } else {
        body
    }
}

fn parse_end(text: &str, whole: &str) -> Result<IntervalEnd, DateError> {
    match text.trim() {
        "" => Ok(IntervalEnd::Unknown),
        ".." => Ok(IntervalEnd::Open),
        t => parse_point(t, whole).map(IntervalEnd::Date),
    }
}

/// Parses one date with an optional qualifier. `whole` is the full input, for messages.
fn parse_point(text: &str, whole: &str) -> Result<DatePoint, DateError> {
    let syntax = || DateError::Syntax(whole.to_owned());
    let qualifier_of = |c: char| match c {
        '~' => Some(Qualifier {
            approximate: true,
            uncertain: false,
        }),
        '?' => Some(Qualifier {
            approximate: false,
            uncertain: true,
        }),
        '%' => Some(Qualifier {
            approximate: true,
            uncertain: true,
        }),
        _ => None,
    };
    let (body, qualifier) = match text.chars().last().and_then(qualifier_of) {
        Some(q) => (text.get(..text.len() - 1).unwrap_or(""), q),
        None => (text, Qualifier::NONE),
    };
    let (date_part, time_part) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let fields: Vec<&str> = date_part.split('-').collect();
    let number = |s: &str, digits: usize| -> Result<u32, DateError> {
        if s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| syntax())
        } else {
            Err(syntax())
        }
    };
    let (year, month, day) = match fields.as_slice() {
        [y] => (number(y, 4)?, None, None),
        [y, m] => (number(y, 4)?, Some(number(m, 2)?), None),
        [y, m, d] => (number(y, 4)?, Some(number(m, 2)?), Some(number(d, 2)?)),
        _ => return Err(syntax()),
    };
    let year = i32::try_from(year).map_err(|_| syntax())?;
    let (hour, minute) = match time_part {
        None => (None, None),
        Some(t) => {
            if day.is_none() {
                return Err(syntax());
            }
            let t = t.strip_suffix('Z').unwrap_or(t);
            let parts: Vec<&str> = t.split(':').collect();
            match parts.as_slice() {
                [h, m] => (Some(number(h, 2)?), Some(number(m, 2)?)),
                [h, m, s] => {
                    number(s, 2)?;
                    (Some(number(h, 2)?), Some(number(m, 2)?))
                }
                _ => return Err(syntax()),
            }
        }
    };
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return Err(DateError::Month {
            text: whole.to_owned(),
            month: m,
        });
    }
    let precision = match (month, day, hour) {
        (None, _, _) => Precision::Year,
        (Some(_), None, _) => Precision::Month,
        (Some(_), Some(_), None) => Precision::Day,
        (Some(_), Some(_), Some(_)) => Precision::Minute,
    };
    let (m, d) = (month.unwrap_or(1), day.unwrap_or(1));
    if NaiveDate::from_ymd_opt(year, m, d).is_none() {
        return Err(DateError::Day {
            text: whole.to_owned(),
            year,
            month: m,
            day: d,
        });
    }
    let (h, mi) = (hour.unwrap_or(0), minute.unwrap_or(0));
    if h > 23 || mi > 59 {
        return Err(DateError::Time {
            text: whole.to_owned(),
            hour: h,
            minute: mi,
        });
    }
    DatePoint::new(precision, year, m, d, h, mi)
        .map(|p| p.with_qualifier(qualifier))
        .ok_or_else(syntax)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Edtf {
        match Edtf::parse(s) {
            Ok(d) => d,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    #[test]
    fn precisions_and_bounds() {
        let dec = p("2024-12");
        assert_eq!(dec.precision(), Precision::Month);
        let lo = NaiveDate::from_ymd_opt(2024, 12, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let hi = NaiveDate::from_ymd_opt(2025, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        assert_eq!(dec.earliest(), Some(lo.and_utc().timestamp()));
        assert_eq!(dec.latest(), Some(hi.and_utc().timestamp()));
        assert_eq!(p("2025-07-31T14:30").precision(), Precision::Minute);
        assert_eq!(p("2025-07-31T14:30:59").to_string(), "2025-07-31T14:30");
        let y = p("2024");
        assert_eq!(y.latest().unwrap() - y.earliest().unwrap(), 366 * 86_400);
    }

    #[test]
    fn compatibility_is_precision_aware() {
        assert!(p("2024").compatible(&p("2024-12")));
        assert!(!p("2024-11").compatible(&p("2024-12")));
        assert!(p("2025-07-31").compatible(&p("2025-07")));
        assert!(!p("2025-07-30").compatible(&p("2025-07-31")));
        assert!(
            p("2015~").compatible(&p("2016")),
            "approximate tolerates one unit"
        );
        assert!(!p("2015~").compatible(&p("2017")));
        assert!(p("2024-12/..").compatible(&p("2030")));
        assert!(!p("2024-12/..").compatible(&p("2023")));
    }

    #[test]
    fn qualifiers_and_intervals() {
        let d = p("2011~/2024~");
        assert!(d.is_interval());
        assert!(d.qualifier().approximate);
        assert!(!d.qualifier().uncertain);
        assert_eq!(
            p("2024%").qualifier(),
            Qualifier {
                approximate: true,
                uncertain: true
            }
        );
        assert_eq!(p("../2025-08-01").earliest(), None);
        assert!(p("2024-12/..").latest().is_none());
        assert!(matches!(
            p("2024/"),
            Edtf::Interval {
                end: IntervalEnd::Unknown,
                ..
            }
        ));
    }

    #[test]
    fn invalid_dates_say_why() {
        assert!(matches!(
            Edtf::parse("2025-13-45"),
            Err(DateError::Month { month: 13, .. })
        ));
        assert!(matches!(
            Edtf::parse("2025-02-30"),
            Err(DateError::Day { day: 30, .. })
        ));
        assert!(matches!(
            Edtf::parse("2025-02-03T25:00"),
            Err(DateError::Time { .. })
        ));
        assert!(matches!(Edtf::parse(""), Err(DateError::Empty)));
        assert!(matches!(Edtf::parse("../.."), Err(DateError::NoEnds(_))));
        assert!(matches!(
            Edtf::parse("2025/2024"),
            Err(DateError::Reversed(_))
        ));
        for bad in [
            "99",
            "2024-1",
            "2024-12-1",
            "20245",
            "2024-12-01T1",
            "1999-W20",
            "P3Y",
            "PRESENT_REF",
            "2024~~",
            "é",
        ] {
            assert!(Edtf::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn human_display_in_french_and_english() {
        assert_eq!(p("2024-12").human(Lang::Fr), "déc. 2024");
        assert_eq!(p("2024-12").human(Lang::En), "Dec 2024");
        assert_eq!(p("2025-07-31").human(Lang::En), "31 July 2025");
        assert_eq!(p("2025-07-31").human(Lang::Fr), "31 juillet 2025");
        assert_eq!(p("2025-08-01").human(Lang::Fr), "1er août 2025");
        assert_eq!(p("2015~").human(Lang::Fr), "vers 2015");
        assert_eq!(p("2015~").human(Lang::En), "c. 2015");
        assert_eq!(p("2024-12/..").human(Lang::Fr), "depuis déc. 2024");
        assert_eq!(p("2024-12/..").human(Lang::En), "since Dec 2024");
        assert_eq!(p("../2025-08-01").human(Lang::Fr), "jusqu’au 1er août 2025");
        assert_eq!(p("../2025").human(Lang::Fr), "jusqu’en 2025");
        assert_eq!(p("2024?").human(Lang::Fr), "2024\u{202f}?");
        assert_eq!(
            p("2025-07-31T14:30").human(Lang::Fr),
            "31 juillet 2025, 14\u{202f}h\u{202f}30"
        );
        assert_eq!(p("2011~/2024").human(Lang::En), "c. 2011 – 2024");
    }

    #[test]
    fn lang_codes() {
        assert_eq!(Lang::from_code("fr-FR"), Lang::Fr);
        assert_eq!(Lang::from_code("FR"), Lang::Fr);
        assert_eq!(Lang::from_code("en"), Lang::En);
        assert_eq!(Lang::from_code(""), Lang::En);
    }
}
