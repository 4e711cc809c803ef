//! Fuzzy dates: the subset of EDTF (ISO 8601-2) that articles use.
//!
//! A date keeps its *precision*: `2024-12` is "some time in December 2024", an interval of
//! a month, not the first of December. Everything downstream (bounds, ordering, conflict
//! detection, drawing, display) works from [`Edtf::earliest`] / [`Edtf::latest`] and the
//! precision, never from a single instant.
//!
//! Accepted forms:
//! - `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mm`, `…Thh:mm:ss`, `…Thh:mm:ss.sss`,
//!   a time optionally followed by `Z` or `±hh:mm` (the date is placed in UTC and shown as
//!   written; a time without a zone is taken as UTC);
//! - years before the common era in astronomical numbering, as EDTF defines them: `0000` is
//!   1 BC, `-0489` is 490 BC (shown "490 BC");
//! - years of more than four digits with a `Y`: `Y-66000000`, `Y170000000`, the exponent form
//!   `Y-17E7` (−170,000,000) and significant digits `1950S2` (some year 1900–1999);
//! - unspecified digits: `201X` (the 2010s), `19XX`, `2024-XX`, `2024-12-XX`;
//! - seasons `2024-21` (spring) … `2024-24` (winter) and quarters `2024-33` … `2024-36`;
//! - each optionally followed by a qualifier `~` (approximate), `?` (uncertain) or `%`
//!   (both); intervals `A/B` where either end may be `..` (open) or empty (unknown).
//!
//! Years run to ±100 billion. Bounds are computed in the proleptic Gregorian calendar by
//! plain arithmetic over its 400-year cycles (146,097 days), exactly and far beyond
//! chrono's calendar (about ±262,000 years), so no date saturates or wraps. Beyond
//! 100,000 BC, dates are shown as "years ago" counted from year 0, which is what
//! deep-time writers mean by `Y-66000000`.
//!
//! Written by hand rather than with the `edtf` crate (0.2): that crate requires seconds in
//! times (`2025-07-31T14:30` is rejected), cannot put a date-time in an interval and has no
//! qualifiers on date-times, all of which the article format needs.

use std::fmt;

use chrono::{Datelike as _, NaiveDateTime, Timelike as _};

/// Seconds since 1970-01-01T00:00 UTC. Dates without a time zone are placed as if in UTC.
///
/// `i64` seconds reach ±292 billion years, beyond every year frise accepts.
pub type Seconds = i64;

/// The largest year (either side of year 0) a date may have: beyond the age of the
/// universe, and small enough that every bound, even widened by a unit on each side for an
/// approximate date, stays well inside [`Seconds`].
pub const MAX_YEAR: i64 = 100_000_000_000;

/// Seconds in a mean Gregorian year, for scales and spans (not for bounds, which are exact).
pub const MEAN_YEAR_S: f64 = 365.2425 * 86_400.0;

/// How finely a date is known, coarse to fine (the derived order compares precisions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    BillionYears,
    MillionYears,
    Millennium,
    Century,
    Decade,
    Year,
    Season,
    Quarter,
    Month,
    Day,
    Minute,
    Second,
}

impl Precision {
    /// The lower-case English name used in CSV and diagnostics.
    pub fn name(self) -> &'static str {
        match self {
            Self::BillionYears => "billion years",
            Self::MillionYears => "million years",
            Self::Millennium => "millennium",
            Self::Century => "century",
            Self::Decade => "decade",
            Self::Year => "year",
            Self::Season => "season",
            Self::Quarter => "quarter",
            Self::Month => "month",
            Self::Day => "day",
            Self::Minute => "minute",
            Self::Second => "second",
        }
    }

    /// The named precision of a span of `10^exp` years (the finest name not finer than it).
    fn of_year_span(exp: u32) -> Self {
        match exp {
            0 => Self::Year,
            1 => Self::Decade,
            2 => Self::Century,
            3..=5 => Self::Millennium,
            6..=8 => Self::MillionYears,
            _ => Self::BillionYears,
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

/// The time zone a time was written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Zone {
    /// No zone written: taken as UTC, shown without a zone.
    #[default]
    Floating,
    /// `Z`.
    Utc,
    /// `±hh:mm`, in minutes east of UTC.
    Offset(i16),
}

impl Zone {
    fn offset_s(self) -> i64 {
        match self {
            Self::Floating | Self::Utc => 0,
            Self::Offset(m) => i64::from(m) * 60,
        }
    }
}

/// Which fields a date writes, coarse to fine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Fields {
    Year,
    Month,
    Day,
    Minute,
    Second,
}

/// One calendar date at some precision, with its qualifier.
///
/// Invariant (kept by the constructors and the parser): fields not written are their
/// minimum (month 1, day 1, 00:00:00), the date exists in the proleptic Gregorian calendar,
/// and `|year| <= MAX_YEAR`. The year is astronomical: 0 is 1 BC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DatePoint {
    year: i64,
    /// 1..=12, or a season (21..=24) or quarter (33..=36) code.
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanos: u32,
    /// Digits written after the decimal point of the seconds (0..=9).
    fraction_digits: u8,
    fields: Fields,
    /// Trailing year digits written `X` (`201X`: 1); those digits are 0 in `year`.
    year_x: u8,
    month_x: bool,
    day_x: bool,
    /// `Y-17E7`: 7; 0 when not written in exponent form.
    exponent: u8,
    /// `1950S2`: 2; 0 when no significant digits are given.
    significant: u8,
    zone: Zone,
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
        "`{0}` is not a date: expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm or YYYY-MM-DDThh:mm:ss, a time optionally ending in Z or ±hh:mm; -YYYY before the common era (-0489 is 490 BC); Y-66000000 for years of more than four digits; X for unspecified digits (201X, 2024-XX); YYYY-21…24 for seasons; each optionally with ~ ? or %, or an interval A/B"
    )]
    Syntax(String),
    #[error(
        "`{text}`: month {month} does not exist (months are 01–12, seasons 21–24 from spring to winter, quarters 33–36)"
    )]
    Month { text: String, month: u32 },
    #[error("`{text}`: day {day} does not exist in {year}-{month:02}")]
    Day {
        text: String,
        year: i64,
        month: u32,
        day: u32,
    },
    #[error("`{text}`: time {hour:02}:{minute:02}:{second:02} does not exist")]
    Time {
        text: String,
        hour: u32,
        minute: u32,
        second: u32,
    },
    #[error("`{text}`: time zone {zone} does not exist (offsets run from -12:00 to +14:00)")]
    Zone { text: String, zone: String },
    #[error("`{text}`: a year of more than four digits is written with a Y in front: `Y{year}`")]
    LongYear { text: String, year: String },
    #[error(
        "`{0}`: the Y form is for years of more than four digits; write the year with four digits (`0012`, `-0012`)"
    )]
    ShortYear(String),
    #[error("`{0}`: years beyond ±100 billion are outside what frise can place")]
    YearRange(String),
    #[error("`{text}`: {why}")]
    Unsupported { text: String, why: &'static str },
    #[error("`{0}`: an interval needs at least one known end")]
    NoEnds(String),
    #[error("`{0}`: the interval starts after it ends")]
    Reversed(String),
}

/// A civil date and time in UTC, for any year frise accepts (beyond chrono's range).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

const DAY_S: i64 = 86_400;
/// Days in 400 Gregorian years: the calendar (and the week) repeats exactly after them.
const CYCLE_DAYS: i64 = 146_097;

/// Days since 1970-01-01 of a proleptic Gregorian date, for any `i64` year that fits;
/// `None` if the month or day does not exist.
///
/// Written by hand (H. Hinnant's `days_from_civil`) rather than with chrono: chrono's
/// calendar stops at about ±262,000 years, and its checked constructors cost several times
/// this arithmetic, which runs for every date loaded. The tests check it against chrono
/// over chrono's whole range.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> Option<i64> {
    if day == 0 || day > days_in_month(year, month)? {
        return None;
    }
    // The year counted from March, so that the leap day ends it.
    let y = if month <= 2 {
        year.checked_sub(1)?
    } else {
        year
    };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719,468 days from 0000-03-01 to 1970-01-01.
    era.checked_mul(CYCLE_DAYS)?
        .checked_add(day_of_era)?
        .checked_sub(719_468)
}

/// Days in `month` of `year`; `None` for a month outside 1..=12.
fn days_in_month(year: i64, month: u32) -> Option<u32> {
    let leap = year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0);
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

/// Seconds since 1970 of a civil date and time in UTC.
pub fn seconds_from_civil(c: Civil) -> Option<Seconds> {
    if c.hour > 23 || c.minute > 59 || c.second > 59 {
        return None;
    }
    days_from_civil(c.year, c.month, c.day)?
        .checked_mul(DAY_S)?
        .checked_add(i64::from(c.hour * 3600 + c.minute * 60 + c.second))
}

/// The civil date and time in UTC of `t`, for every `t` (the inverse of
/// [`seconds_from_civil`]).
pub fn civil_from_seconds(t: Seconds) -> Option<Civil> {
    civil_of(t)
}

/// The date at `precision` that second `t` falls in, at any year (chrono's calendar holds
/// about ±262,000 years; this does not stop there).
pub fn point_at(t: Seconds, precision: Precision) -> Option<DatePoint> {
    let c = civil_of(t)?;
    DatePoint::new(precision, c.year, c.month, c.day, c.hour, c.minute)
}

/// The inverse of [`days_from_civil`] and the time of day (H. Hinnant's
/// `civil_from_days`, by hand for the reasons given there).
fn civil_of(t: Seconds) -> Option<Civil> {
    let days = t.div_euclid(DAY_S);
    let secs = u32::try_from(t.rem_euclid(DAY_S)).ok()?;
    let from_march_0 = days.checked_add(719_468)?;
    let era = from_march_0.div_euclid(CYCLE_DAYS);
    let day_of_era = from_march_0.rem_euclid(CYCLE_DAYS);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = u32::try_from(day_of_year - (153 * month_from_march + 2) / 5 + 1).ok()?;
    let month = u32::try_from(if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    })
    .ok()?;
    let year = era
        .checked_mul(400)?
        .checked_add(year_of_era)?
        .checked_add(i64::from(month <= 2))?;
    Some(Civil {
        year,
        month,
        day,
        hour: secs / 3600,
        minute: secs / 60 % 60,
        second: secs % 60,
    })
}

/// The first second of `year` (1 January, 00:00 UTC).
pub fn year_start_s(year: i64) -> Option<Seconds> {
    days_from_civil(year, 1, 1)?.checked_mul(DAY_S)
}

/// The year that `t` falls in.
pub fn year_of(t: Seconds) -> Option<i64> {
    civil_from_seconds(t).map(|c| c.year)
}

/// Ten to the `exp`, if it fits.
fn pow10(exp: u32) -> Option<i64> {
    10_i64.checked_pow(exp)
}

fn digit_count(n: i64) -> u32 {
    n.unsigned_abs().checked_ilog10().map_or(1, |d| d + 1)
}

/// First month and the month after the last of a season (Northern-hemisphere
/// meteorological seasons: spring is March to May; winter runs from December into the next
/// year) or quarter code.
fn season_months(code: u8) -> Option<(u32, u32)> {
    Some(match code {
        21 => (3, 6),
        22 => (6, 9),
        23 => (9, 12),
        24 => (12, 15),
        33 => (1, 4),
        34 => (4, 7),
        35 => (7, 10),
        36 => (10, 13),
        _ => return None,
    })
}

impl DatePoint {
    /// A date at `precision`; finer fields are ignored. `None` if the date does not exist.
    ///
    /// `month` is a season (21..=24) or quarter (33..=36) code at those precisions. Decades,
    /// centuries and millennia are made as unspecified digits (`201X`) of a four-digit year,
    /// million and billion years as significant digits of the year; the year is rounded down
    /// to the unit.
    pub fn new(
        precision: Precision,
        year: impl Into<i64>,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
    ) -> Option<Self> {
        let year = year.into();
        let mut p = Self::year_only(year)?;
        p.precision = precision;
        match precision {
            Precision::Decade | Precision::Century | Precision::Millennium => {
                let x: u8 = match precision {
                    Precision::Decade => 1,
                    Precision::Century => 2,
                    _ => 3,
                };
                if year.abs() > 9999 {
                    return None;
                }
                let unit = pow10(u32::from(x))?;
                p.year = year / unit * unit;
                p.year_x = x;
            }
            Precision::MillionYears | Precision::BillionYears => {
                let exp = if precision == Precision::MillionYears {
                    6
                } else {
                    9
                };
                let digits = digit_count(year);
                if digits <= exp {
                    return None;
                }
                p.significant = u8::try_from(digits - exp).ok()?;
            }
            Precision::Year => {}
            Precision::Season | Precision::Quarter => {
                let code = u8::try_from(month).ok()?;
                let season = (21..=24).contains(&code);
                let quarter = (33..=36).contains(&code);
                if !(season && precision == Precision::Season
                    || quarter && precision == Precision::Quarter)
                {
                    return None;
                }
                p.month = code;
                p.fields = Fields::Month;
            }
            Precision::Month | Precision::Day | Precision::Minute | Precision::Second => {
                let (fields, day, hour, minute) = match precision {
                    Precision::Month => (Fields::Month, 1, 0, 0),
                    Precision::Day => (Fields::Day, day, 0, 0),
                    Precision::Minute => (Fields::Minute, day, hour, minute),
                    _ => (Fields::Second, day, hour, minute),
                };
                days_from_civil(year, month, day)?;
                if hour > 23 || minute > 59 {
                    return None;
                }
                p.month = u8::try_from(month).ok()?;
                p.day = u8::try_from(day).ok()?;
                p.hour = u8::try_from(hour).ok()?;
                p.minute = u8::try_from(minute).ok()?;
                p.fields = fields;
            }
        }
        Some(p)
    }

    /// The year `year` (astronomical: 0 is 1 BC, -489 is 490 BC), at year precision.
    pub fn year_only(year: i64) -> Option<Self> {
        if year.unsigned_abs() > MAX_YEAR.unsigned_abs() {
            return None;
        }
        Some(Self {
            year,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
            nanos: 0,
            fraction_digits: 0,
            fields: Fields::Year,
            year_x: 0,
            month_x: false,
            day_x: false,
            exponent: 0,
            significant: 0,
            zone: Zone::Floating,
            precision: Precision::Year,
            qualifier: Qualifier::NONE,
        })
    }

    /// The year `bc` before the common era in historical numbering (there is no year 0:
    /// 1 BC is followed by AD 1), at year precision: `year_bc(490)` is `-0489`.
    ///
    /// This is how TimeML's `BC0490` and other historical notations become dates.
    pub fn year_bc(bc: i64) -> Option<Self> {
        if bc < 1 {
            return None;
        }
        Self::year_only(1_i64.checked_sub(bc)?)
    }

    pub fn with_qualifier(mut self, qualifier: Qualifier) -> Self {
        self.qualifier = qualifier;
        self
    }

    /// The same date and time at second precision, `second` 0..=59.
    pub fn with_second(mut self, second: u32) -> Option<Self> {
        if self.fields < Fields::Minute || second > 59 {
            return None;
        }
        self.second = u8::try_from(second).ok()?;
        self.fields = Fields::Second;
        self.precision = Precision::Second;
        Some(self)
    }

    /// The same local time, written with a UTC offset of `minutes` east (-720..=840).
    pub fn with_offset(mut self, minutes: i32) -> Option<Self> {
        if self.fields < Fields::Minute || !(-720..=840).contains(&minutes) {
            return None;
        }
        self.zone = Zone::Offset(i16::try_from(minutes).ok()?);
        Some(self)
    }

    /// The date of a [`NaiveDateTime`] at `precision`.
    pub fn from_datetime(dt: NaiveDateTime, precision: Precision) -> Option<Self> {
        let p = Self::new(
            precision,
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute(),
        )?;
        if precision == Precision::Second {
            p.with_second(dt.second())
        } else {
            Some(p)
        }
    }

    pub fn precision(&self) -> Precision {
        self.precision
    }
    /// The astronomical year (0 is 1 BC); for unspecified digits (`201X`), the first year
    /// written (2010).
    pub fn year(&self) -> i64 {
        self.year
    }
    /// 1..=12; 1 when the precision is coarser than a month.
    pub fn month(&self) -> u32 {
        if self.precision >= Precision::Month {
            u32::from(self.month)
        } else {
            1
        }
    }
    /// The season (21..=24) or quarter (33..=36) code, if the date is one.
    pub fn season(&self) -> Option<u32> {
        matches!(self.precision, Precision::Season | Precision::Quarter)
            .then_some(u32::from(self.month))
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
    pub fn second(&self) -> u32 {
        u32::from(self.second)
    }
    /// The UTC offset written with the time, in minutes east; `None` without a zone.
    pub fn offset_minutes(&self) -> Option<i32> {
        match self.zone {
            Zone::Floating => None,
            Zone::Utc => Some(0),
            Zone::Offset(m) => Some(i32::from(m)),
        }
    }

    /// The years this date may fall in: `[first, after_last)`.
    pub fn year_range(&self) -> (i64, i64) {
        let y = self.year;
        if self.year_x > 0 {
            let span = pow10(u32::from(self.year_x)).unwrap_or(1);
            if y < 0 {
                (y - span + 1, y + 1)
            } else {
                (y, y + span)
            }
        } else if self.significant > 0 {
            let digits = digit_count(y);
            let exp = digits.saturating_sub(u32::from(self.significant));
            let span = pow10(exp).unwrap_or(1);
            let lo_abs = y.abs() / span * span;
            if y < 0 {
                (-(lo_abs + span - 1), -lo_abs + 1)
            } else {
                (lo_abs, lo_abs + span)
            }
        } else {
            (y, y + 1)
        }
    }

    /// First second of the period this date denotes.
    pub fn earliest(&self) -> Seconds {
        self.bounds().0
    }

    /// First second *after* the period this date denotes (exclusive end).
    pub fn latest(&self) -> Seconds {
        self.bounds().1
    }

    /// `[earliest, latest)`. The invariant makes every step succeed; the fallback keeps a
    /// one-second period at the year's start rather than panic.
    fn bounds(&self) -> (Seconds, Seconds) {
        let computed = || -> Option<(Seconds, Seconds)> {
            if self.precision <= Precision::Year {
                let (lo, hi) = self.year_range();
                return Some((year_start_s(lo)?, year_start_s(hi)?));
            }
            if let Some((first, after)) =
                season_months(self.month).filter(|_| self.season().is_some())
            {
                let month_start = |m: u32| {
                    let y = self.year.checked_add(i64::from((m - 1) / 12))?;
                    days_from_civil(y, (m - 1) % 12 + 1, 1)?.checked_mul(DAY_S)
                };
                return Some((month_start(first)?, month_start(after)?));
            }
            let local = seconds_from_civil(Civil {
                year: self.year,
                month: self.month(),
                day: self.day(),
                hour: self.hour(),
                minute: self.minute(),
                second: self.second(),
            })?;
            let start = local.checked_sub(self.zone.offset_s())?;
            let end = match self.precision {
                Precision::Month => {
                    let (y, m) = if self.month >= 12 {
                        (self.year.checked_add(1)?, 1)
                    } else {
                        (self.year, self.month() + 1)
                    };
                    days_from_civil(y, m, 1)?.checked_mul(DAY_S)?
                }
                Precision::Day => start.checked_add(DAY_S)?,
                Precision::Minute => start.checked_add(60)?,
                _ => start.checked_add(1)?,
            };
            Some((start, end))
        };
        computed().unwrap_or_else(|| {
            let t = year_start_s(self.year).unwrap_or(0);
            (t, t.saturating_add(1))
        })
    }

    /// The same period widened by one unit of its precision on each side, used when a date
    /// is approximate: "vers 2015" agrees with 2014 and 2016. In `i128` so that widening
    /// the widest dates cannot overflow.
    fn tolerant_bounds(&self) -> (i128, i128) {
        let (lo, hi) = (i128::from(self.earliest()), i128::from(self.latest()));
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

    /// [`Edtf::earliest`] and [`Edtf::latest`] at once: a single date's period is worked
    /// out once for both (placing a million events asks for both of each).
    pub fn extent(&self) -> (Option<Seconds>, Option<Seconds>) {
        match self {
            Self::Point(p) => {
                let (lo, hi) = p.bounds();
                (Some(lo), Some(hi))
            }
            Self::Interval { .. } => (self.earliest(), self.latest()),
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
    /// side; open ends agree with anything on their side. Times are compared in UTC:
    /// `14:30+03:00` and `11:30Z` agree.
    pub fn compatible(&self, other: &Self) -> bool {
        let (a_lo, a_hi) = self.tolerant_bounds();
        let (b_lo, b_hi) = other.tolerant_bounds();
        a_lo < b_hi && b_lo < a_hi
    }

    fn tolerant_bounds(&self) -> (i128, i128) {
        match self {
            Self::Point(p) => p.tolerant_bounds(),
            Self::Interval { start, end } => (
                start.point().map_or(i128::MIN, |p| p.tolerant_bounds().0),
                end.point().map_or(i128::MAX, |p| p.tolerant_bounds().1),
            ),
        }
    }

    /// Human display in `lang` ("fr" or anything else for English), at the date's precision:
    /// "déc. 2024", "31 July 2025", "vers 2015", "depuis déc. 2024", "490 BC",
    /// "66 million years ago".
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
        let y = self.year;
        if self.exponent > 0 {
            let unit = pow10(u32::from(self.exponent)).unwrap_or(1);
            write!(f, "Y{}E{}", y / unit, self.exponent)?;
        } else if y.abs() > 9999 {
            write!(f, "Y{y}")?;
        } else {
            let digits = format!("{:04}", y.abs());
            let keep = digits.len().saturating_sub(usize::from(self.year_x));
            let sign = if y < 0 { "-" } else { "" };
            write!(f, "{sign}{}", digits.get(..keep).unwrap_or(""))?;
            for _ in 0..self.year_x {
                f.write_str("X")?;
            }
        }
        if self.significant > 0 {
            write!(f, "S{}", self.significant)?;
        }
        if self.fields >= Fields::Month {
            if self.month_x {
                f.write_str("-XX")?;
            } else {
                write!(f, "-{:02}", self.month)?;
            }
        }
        if self.fields >= Fields::Day {
            if self.day_x {
                f.write_str("-XX")?;
            } else {
                write!(f, "-{:02}", self.day)?;
            }
        }
        if self.fields >= Fields::Minute {
            write!(f, "T{:02}:{:02}", self.hour, self.minute)?;
        }
        if self.fields >= Fields::Second {
            write!(f, ":{:02}", self.second)?;
            if self.fraction_digits > 0 {
                let all = format!("{:09}", self.nanos);
                f.write_str(".")?;
                f.write_str(all.get(..usize::from(self.fraction_digits)).unwrap_or(""))?;
            }
        }
        match self.zone {
            Zone::Floating => {}
            Zone::Utc => f.write_str("Z")?,
            Zone::Offset(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                write!(
                    f,
                    "{sign}{:02}:{:02}",
                    m.unsigned_abs() / 60,
                    m.unsigned_abs() % 60
                )?;
            }
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

/// `n` with thousands grouped: "10,000" in English, "10 000" (narrow no-break spaces) in
/// French.
pub fn group_digits(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::En => ",",
        Lang::Fr => "\u{202f}",
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// A number of millions or billions with up to three decimals, trailing zeros dropped, in
/// the language's decimal separator: "13.8", "13,8".
fn decimal(value: f64, lang: Lang) -> String {
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.').to_owned();
    match lang {
        Lang::En => text,
        Lang::Fr => text.replace('.', ","),
    }
}

/// "66 million years ago" / "il y a 66 millions d'années" for `ago` years before year 0.
pub fn years_ago(ago: u64, lang: Lang) -> String {
    let (value, unit_en, unit_fr_one, unit_fr_many) = if ago >= 1_000_000_000 {
        (ago as f64 / 1e9, "billion", "milliard", "milliards")
    } else if ago >= 1_000_000 {
        (ago as f64 / 1e6, "million", "million", "millions")
    } else {
        return match lang {
            Lang::En => format!("{} years ago", group_digits(ago, lang)),
            Lang::Fr => format!("il y a {} ans", group_digits(ago, lang)),
        };
    };
    let number = decimal(value, lang);
    match lang {
        Lang::En => format!("{number} {unit_en} years ago"),
        // French takes the singular below two: "1,5 milliard".
        Lang::Fr if value < 2.0 => format!("il y a {number} {unit_fr_one} d’années"),
        Lang::Fr => format!("il y a {number} {unit_fr_many} d’années"),
    }
}

/// Beyond this many years before year 0, dates are shown as "years ago".
pub const YEARS_AGO_FROM: i64 = 100_000;

/// Astronomical `year` in historical words: "2024", "490 BC" / "490 av. J.-C.",
/// "10,000 BC", "66 million years ago".
pub fn year_name(year: i64, lang: Lang) -> String {
    if year <= -YEARS_AGO_FROM {
        return years_ago(year.unsigned_abs(), lang);
    }
    if year <= 0 {
        let bc = 1_u64 + year.unsigned_abs();
        let n = if bc >= 10_000 {
            group_digits(bc, lang)
        } else {
            bc.to_string()
        };
        return match lang {
            Lang::En => format!("{n} BC"),
            Lang::Fr => format!("{n} av. J.-C."),
        };
    }
    if year >= 10_000 {
        group_digits(year.unsigned_abs(), lang)
    } else {
        year.to_string()
    }
}

/// An ordinal century or millennium in words: "5th century BC" / "Ve siècle av. J.-C.".
/// `n` counts from 1; `bc` for before the common era.
pub fn ordinal_period(n: u64, bc: bool, millennium: bool, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            let unit = if millennium { "millennium" } else { "century" };
            let era = if bc { " BC" } else { "" };
            format!("{n}{suffix} {unit}{era}")
        }
        Lang::Fr => {
            let numeral = roman(n);
            let suffix = if n == 1 { "er" } else { "e" };
            let unit = if millennium { "millénaire" } else { "siècle" };
            let era = if bc { " av. J.-C." } else { "" };
            format!("{numeral}{suffix} {unit}{era}")
        }
    }
}

/// Roman numerals, as French writes centuries (arabic beyond 3999, where they stop).
fn roman(mut n: u64) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// French needs to know what precedes a date to agree with it ("jusqu’au 1er août",
/// "jusqu’en 2025", "depuis 2024").
#[derive(Clone, Copy)]
enum Case {
    Standalone,
    After(&'static str),
}

fn season_name(code: u8, lang: Lang) -> &'static str {
    match (lang, code) {
        (Lang::En, 21) => "spring",
        (Lang::En, 22) => "summer",
        (Lang::En, 23) => "autumn",
        (Lang::En, 24) => "winter",
        (Lang::En, 33) => "Q1",
        (Lang::En, 34) => "Q2",
        (Lang::En, 35) => "Q3",
        (Lang::En, 36) => "Q4",
        (Lang::Fr, 21) => "printemps",
        (Lang::Fr, 22) => "été",
        (Lang::Fr, 23) => "automne",
        (Lang::Fr, 24) => "hiver",
        (Lang::Fr, 33) => "1er trimestre",
        (Lang::Fr, 34) => "2e trimestre",
        (Lang::Fr, 35) => "3e trimestre",
        (Lang::Fr, 36) => "4e trimestre",
        _ => "",
    }
}

/// The years of a date with unspecified digits or significant digits, in words.
fn year_span_name(p: &DatePoint, lang: Lang) -> String {
    let (lo, hi) = p.year_range();
    if p.year_x > 0 && lo >= 0 {
        // "2010s" / "années 2010".
        return match lang {
            Lang::En => format!("{}s", year_name(lo, lang)),
            Lang::Fr => format!("années {}", year_name(lo, lang)),
        };
    }
    if p.year_x > 0 {
        return format!("{} – {}", year_name(lo, lang), year_name(hi - 1, lang));
    }
    // Significant digits: an estimate, shown as such.
    approximately(year_name(p.year, lang), lang)
}

fn approximately(body: String, lang: Lang) -> String {
    match lang {
        Lang::Fr => match body.strip_prefix("il y a ") {
            Some(rest) => format!("il y a environ {rest}"),
            None => format!("vers {body}"),
        },
        Lang::En => format!("c. {body}"),
    }
}

fn time_name(p: &DatePoint, lang: Lang) -> String {
    let mut out = match lang {
        // French typography: "14 h 30" with narrow no-break spaces.
        Lang::Fr => format!("{}\u{202f}h\u{202f}{:02}", p.hour, p.minute),
        Lang::En => format!("{:02}:{:02}", p.hour, p.minute),
    };
    if p.fields >= Fields::Second {
        let fraction = if p.fraction_digits > 0 {
            let all = format!("{:09}", p.nanos);
            let sep = if lang == Lang::Fr { ',' } else { '.' };
            format!(
                "{sep}{}",
                all.get(..usize::from(p.fraction_digits)).unwrap_or("")
            )
        } else {
            String::new()
        };
        match lang {
            Lang::Fr => out.push_str(&format!(
                "\u{202f}min\u{202f}{:02}{fraction}\u{202f}s",
                p.second
            )),
            Lang::En => out.push_str(&format!(":{:02}{fraction}", p.second)),
        }
    }
    match p.zone {
        Zone::Floating => {}
        Zone::Utc => out.push_str(" UTC"),
        Zone::Offset(m) => {
            let sign = if m < 0 { '−' } else { '+' };
            out.push_str(&format!(
                " UTC{sign}{:02}:{:02}",
                m.unsigned_abs() / 60,
                m.unsigned_abs() % 60
            ));
        }
    }
    out
}

fn human_point(p: &DatePoint, lang: Lang, case: Case) -> String {
    let year = year_name(p.year, lang);
    let body = match p.precision {
        Precision::Year if p.significant == 0 => year.clone(),
        Precision::Year
        | Precision::Decade
        | Precision::Century
        | Precision::Millennium
        | Precision::MillionYears
        | Precision::BillionYears => year_span_name(p, lang),
        Precision::Season | Precision::Quarter => {
            format!("{} {year}", season_name(p.month, lang))
        }
        Precision::Month => format!("{} {year}", month_name(p.month(), lang, true)),
        Precision::Day | Precision::Minute | Precision::Second => {
            let date = match lang {
                Lang::Fr => {
                    let day = if p.day == 1 {
                        "1er".to_owned()
                    } else {
                        p.day.to_string()
                    };
                    format!("{day} {} {year}", month_name(p.month(), lang, false))
                }
                Lang::En => format!("{} {} {year}", p.day, month_name(p.month(), lang, false)),
            };
            if p.precision >= Precision::Minute {
                format!("{date}, {}", time_name(p, lang))
            } else {
                date
            }
        }
    };
    let body = match (lang, case) {
        (Lang::Fr, Case::After("jusqu’")) => {
            if body.starts_with("il y a") {
                format!("à {body}")
            } else if let Some(rest) = body.strip_prefix("années ") {
                format!("aux années {rest}")
            } else if body.starts_with("vers ") {
                format!("à {body}")
            } else {
                match p.precision {
                    Precision::Day | Precision::Minute | Precision::Second => {
                        format!("au {body}")
                    }
                    Precision::Season | Precision::Quarter => {
                        // "au printemps", "au 1er trimestre", but "à l’été", "à l’hiver".
                        let au = body.starts_with("printemps")
                            || body.starts_with(|c: char| c.is_ascii_digit());
                        format!("{}{body}", if au { "au " } else { "à l’" })
                    }
                    _ => format!("en {body}"),
                }
            }
        }
        (Lang::Fr, Case::After("depuis")) => match body.strip_prefix("années ") {
            Some(rest) => format!("les années {rest}"),
            None => body,
        },
        _ => body,
    };
    let q = p.qualifier;
    let body = if q.approximate && p.significant == 0 {
        approximately(body, lang)
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

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Parses one date with an optional qualifier. `whole` is the full input, for messages.
fn parse_point(text: &str, whole: &str) -> Result<DatePoint, DateError> {
    match plain_date(text) {
        Some(p) => Ok(p),
        None => parse_any_point(text, whole),
    }
}

/// [`parse_point`] for every form the format has.
fn parse_any_point(text: &str, whole: &str) -> Result<DatePoint, DateError> {
    let syntax = || DateError::Syntax(whole.to_owned());
    let unsupported = |why: &'static str| DateError::Unsupported {
        text: whole.to_owned(),
        why,
    };
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
    // A qualifier before the date is EDTF level 2's form for its first component; frise
    // reads it as qualifying the whole date (`~-0490` is "about 490 BC").
    let (text, before) = match text.chars().next().and_then(qualifier_of) {
        Some(q) => (text.get(1..).unwrap_or(""), q),
        None => (text, Qualifier::NONE),
    };
    let (body, after) = match text.chars().last().and_then(qualifier_of) {
        Some(q) => (text.get(..text.len() - 1).unwrap_or(""), q),
        None => (text, Qualifier::NONE),
    };
    let qualifier = Qualifier {
        approximate: before.approximate || after.approximate,
        uncertain: before.uncertain || after.uncertain,
    };
    let (date_part, time_part) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    if let Some(y_form) = date_part.strip_prefix('Y') {
        if time_part.is_some() {
            return Err(syntax());
        }
        return parse_y_year(y_form, whole).map(|p| p.with_qualifier(qualifier));
    }
    let (negative, unsigned) = match date_part.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, date_part),
    };
    let mut fields = unsigned.split('-');
    let (year_text, month_text, day_text) =
        match (fields.next(), fields.next(), fields.next(), fields.next()) {
            (Some(y), m, d, None) => (y, m, d),
            _ => return Err(syntax()),
        };
    let (year_text, significant) = match year_text.split_once('S') {
        Some((y, s)) if all_digits(s) => (y, Some(s.parse::<u32>().map_err(|_| syntax())?)),
        Some(_) => return Err(syntax()),
        None => (year_text, None),
    };
    let known = year_text.trim_end_matches('X');
    let year_x = year_text.len() - known.len();
    if year_text.len() != 4 || !known.bytes().all(|b| b.is_ascii_digit()) {
        if all_digits(year_text) && year_text.len() > 4 {
            let sign = if negative { "-" } else { "" };
            return Err(DateError::LongYear {
                text: whole.to_owned(),
                year: format!("{sign}{year_text}"),
            });
        }
        if year_text.len() == 4 && year_text.contains('X') {
            return Err(unsupported(
                "only the last digits of a year may be unspecified (201X, 19XX)",
            ));
        }
        return Err(syntax());
    }
    if year_x == 4 {
        return Err(unsupported(
            "a year needs at least one known digit (leave the date out if it is unknown)",
        ));
    }
    let magnitude: i64 = if known.is_empty() {
        0
    } else {
        known.parse().map_err(|_| syntax())?
    };
    let magnitude = magnitude * pow10(u32::try_from(year_x).map_err(|_| syntax())?).unwrap_or(1);
    if negative && magnitude == 0 {
        return Err(unsupported(
            "a negative year needs a digit other than 0: year 0 is written 0000 (it is 1 BC)",
        ));
    }
    let year = if negative { -magnitude } else { magnitude };
    let mut p = DatePoint::year_only(year).ok_or_else(syntax)?;
    p.qualifier = qualifier;
    p.year_x = u8::try_from(year_x).map_err(|_| syntax())?;
    if p.year_x > 0 {
        p.precision = Precision::of_year_span(u32::from(p.year_x));
        if month_text.is_some() || time_part.is_some() {
            return Err(unsupported(
                "a year with unspecified digits (201X) cannot be followed by a month or day",
            ));
        }
    }
    if let Some(s) = significant {
        if p.year_x > 0 {
            return Err(syntax());
        }
        if month_text.is_some() || time_part.is_some() {
            return Err(unsupported(
                "significant digits (1950S2) apply to a year alone",
            ));
        }
        set_significant(&mut p, s, whole)?;
    }
    let Some(month_text) = month_text else {
        return if time_part.is_some() {
            Err(syntax())
        } else {
            Ok(p)
        };
    };
    p.fields = Fields::Month;
    if month_text == "XX" {
        p.month_x = true;
    } else {
        if month_text.len() != 2 || !all_digits(month_text) {
            return Err(syntax());
        }
        let m: u32 = month_text.parse().map_err(|_| syntax())?;
        let code = u8::try_from(m).map_err(|_| syntax())?;
        if (1..=12).contains(&m) {
            p.month = code;
            p.precision = Precision::Month;
        } else if season_months(code).is_some() {
            p.month = code;
            p.precision = if m < 30 {
                Precision::Season
            } else {
                Precision::Quarter
            };
        } else {
            return Err(DateError::Month {
                text: whole.to_owned(),
                month: m,
            });
        }
    }
    let Some(day_text) = day_text else {
        return if time_part.is_some() {
            Err(syntax())
        } else {
            Ok(p)
        };
    };
    if p.season().is_some() {
        return Err(unsupported(
            "a season or quarter (2024-21) cannot be followed by a day",
        ));
    }
    p.fields = Fields::Day;
    if day_text == "XX" {
        p.day_x = true;
        if time_part.is_some() {
            return Err(syntax());
        }
        return Ok(p);
    }
    if p.month_x {
        return Err(unsupported(
            "a known day needs a known month (2024-XX-05 is not supported)",
        ));
    }
    if day_text.len() != 2 || !all_digits(day_text) {
        return Err(syntax());
    }
    let d: u32 = day_text.parse().map_err(|_| syntax())?;
    if days_from_civil(year, p.month(), d).is_none() {
        return Err(DateError::Day {
            text: whole.to_owned(),
            year,
            month: p.month(),
            day: d,
        });
    }
    p.day = u8::try_from(d).map_err(|_| syntax())?;
    p.precision = Precision::Day;
    let Some(time_text) = time_part else {
        return Ok(p);
    };
    parse_time(&mut p, time_text, whole)?;
    Ok(p)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a month of 1 to 12 and a day that exists, read
/// byte by byte: nearly every date in an article is one of these, and the general reader
/// above (its splits and searches) costs several times more. `None` for anything else,
/// which the general reader then reads, or rejects with its message.
fn plain_date(text: &str) -> Option<DatePoint> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let mut p = DatePoint::year_only(i64::from(digits(0..4)?))?;
    match b.len() {
        4 => return Some(p),
        7 | 10 if b[4] == b'-' => {}
        _ => return None,
    }
    let month = digits(5..7)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    p.month = month as u8;
    p.fields = Fields::Month;
    p.precision = Precision::Month;
    if b.len() == 7 {
        return Some(p);
    }
    if b[7] != b'-' {
        return None;
    }
    let day = digits(8..10)?;
    days_from_civil(p.year, month, day)?;
    p.day = day as u8;
    p.fields = Fields::Day;
    p.precision = Precision::Day;
    Some(p)
}

/// `hh:mm`, `hh:mm:ss` or `hh:mm:ss.sss`, then an optional `Z` or `±hh[:mm]`.
fn parse_time(p: &mut DatePoint, text: &str, whole: &str) -> Result<(), DateError> {
    let syntax = || DateError::Syntax(whole.to_owned());
    let (clock, zone) = if let Some(c) = text.strip_suffix('Z') {
        (c, Zone::Utc)
    } else if let Some(at) = text.find(['+', '-']) {
        let (c, z) = text.split_at(at);
        (c, parse_offset(z, whole)?)
    } else {
        (text, Zone::Floating)
    };
    let two = |s: &str| -> Result<u32, DateError> {
        if s.len() == 2 && all_digits(s) {
            s.parse().map_err(|_| syntax())
        } else {
            Err(syntax())
        }
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let (h, mi, sec) = match parts.as_slice() {
        [h, m] => (two(h)?, two(m)?, None),
        [h, m, s] => {
            let (whole_s, fraction) = match s.split_once(['.', ',']) {
                Some((w, f)) => (w, Some(f)),
                None => (*s, None),
            };
            (two(h)?, two(m)?, Some((two(whole_s)?, fraction)))
        }
        _ => return Err(syntax()),
    };
    let s = sec.map_or(0, |(s, _)| s);
    if h > 23 || mi > 59 || s > 59 {
        return Err(DateError::Time {
            text: whole.to_owned(),
            hour: h,
            minute: mi,
            second: s,
        });
    }
    p.hour = u8::try_from(h).map_err(|_| syntax())?;
    p.minute = u8::try_from(mi).map_err(|_| syntax())?;
    p.fields = Fields::Minute;
    p.precision = Precision::Minute;
    if let Some((s, fraction)) = sec {
        p.second = u8::try_from(s).map_err(|_| syntax())?;
        p.fields = Fields::Second;
        p.precision = Precision::Second;
        if let Some(f) = fraction {
            if !all_digits(f) || f.len() > 9 {
                return Err(syntax());
            }
            let digits = u32::try_from(f.len()).map_err(|_| syntax())?;
            let value: u32 = f.parse().map_err(|_| syntax())?;
            p.nanos = value
                * pow10(9 - digits)
                    .and_then(|u| u32::try_from(u).ok())
                    .unwrap_or(1);
            p.fraction_digits = u8::try_from(digits).map_err(|_| syntax())?;
        }
    }
    p.zone = zone;
    Ok(())
}

fn parse_offset(text: &str, whole: &str) -> Result<Zone, DateError> {
    let bad = || DateError::Zone {
        text: whole.to_owned(),
        zone: text.to_owned(),
    };
    let (sign, rest) = match text.split_at_checked(1) {
        Some(("+", r)) => (1, r),
        Some(("-", r)) => (-1, r),
        _ => return Err(DateError::Syntax(whole.to_owned())),
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None => (rest, "00"),
    };
    if h.len() != 2 || m.len() != 2 || !all_digits(h) || !all_digits(m) {
        return Err(DateError::Syntax(whole.to_owned()));
    }
    let (h, m): (i32, i32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    let minutes = sign * (h * 60 + m);
    if m > 59 || !(-720..=840).contains(&minutes) {
        return Err(bad());
    }
    Ok(Zone::Offset(i16::try_from(minutes).map_err(|_| bad())?))
}

/// Sets `S` significant digits on a year-only date.
fn set_significant(p: &mut DatePoint, s: u32, whole: &str) -> Result<(), DateError> {
    let digits = digit_count(p.year);
    if s == 0 || s > digits {
        return Err(DateError::Unsupported {
            text: whole.to_owned(),
            why: "significant digits (S) must be between 1 and the number of digits of the year",
        });
    }
    p.significant = u8::try_from(s).map_err(|_| DateError::Syntax(whole.to_owned()))?;
    p.precision = Precision::of_year_span(digits - s);
    Ok(())
}

/// The part after `Y`: `-66000000`, `170000000`, `-17E7`, optionally `S2`.
fn parse_y_year(text: &str, whole: &str) -> Result<DatePoint, DateError> {
    let syntax = || DateError::Syntax(whole.to_owned());
    let range = || DateError::YearRange(whole.to_owned());
    let (text, significant) = match text.split_once('S') {
        Some((y, s)) if all_digits(s) => (y, Some(s.parse::<u32>().map_err(|_| syntax())?)),
        Some(_) => return Err(syntax()),
        None => (text, None),
    };
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.split_once('E') {
        Some((m, e)) if all_digits(e) => (m, Some(e)),
        Some(_) => return Err(syntax()),
        None => (unsigned, None),
    };
    if !all_digits(mantissa) {
        return Err(syntax());
    }
    let value: i64 = mantissa.parse().map_err(|_| range())?;
    let exp: u32 = match exponent {
        Some(e) => {
            let e: u32 = e.parse().map_err(|_| range())?;
            if e == 0 {
                return Err(syntax());
            }
            e
        }
        None => 0,
    };
    let magnitude = pow10(exp)
        .and_then(|unit| value.checked_mul(unit))
        .ok_or_else(range)?;
    if magnitude > MAX_YEAR {
        return Err(range());
    }
    if exponent.is_none() && magnitude <= 9999 {
        return Err(DateError::ShortYear(whole.to_owned()));
    }
    let year = if negative { -magnitude } else { magnitude };
    let mut p = DatePoint::year_only(year).ok_or_else(range)?;
    p.exponent = u8::try_from(exp).map_err(|_| range())?;
    if p.exponent > 0 && year == 0 {
        return Err(syntax());
    }
    if let Some(s) = significant {
        set_significant(&mut p, s, whole)?;
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn p(s: &str) -> Edtf {
        match Edtf::parse(s) {
            Ok(d) => d,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    fn t(y: i64, m: u32, d: u32, h: u32, mi: u32, s: u32) -> Seconds {
        seconds_from_civil(Civil {
            year: y,
            month: m,
            day: d,
            hour: h,
            minute: mi,
            second: s,
        })
        .unwrap()
    }

    #[test]
    fn the_extent_is_the_earliest_and_latest_second() {
        for s in [
            "2024-12-08",
            "2024-12",
            "2024",
            "2024-21",
            "202X",
            "-0044-03-15",
            "2024-12-08T06:30:00+03:00",
            "2024-12-08T06:30Z",
            "2024-12-08?",
            "~1950",
            "2019-12-31/2020-02-28",
            "2024-12/",
            "../2024-12",
            "2024/..",
        ] {
            let d = p(s);
            assert_eq!(d.extent(), (d.earliest(), d.latest()), "{s}");
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
        // Seconds are kept now (they used to be dropped).
        assert_eq!(p("2025-07-31T14:30:59").to_string(), "2025-07-31T14:30:59");
        assert_eq!(p("2025-07-31T14:30:59").precision(), Precision::Second);
        let y = p("2024");
        assert_eq!(y.latest().unwrap() - y.earliest().unwrap(), 366 * 86_400);
    }

    #[test]
    fn civil_arithmetic_matches_chrono_and_goes_beyond() {
        for (y, m, d) in [
            (1970, 1, 1),
            (2024, 2, 29),
            (0, 1, 1),
            (-489, 3, 1),
            (9999, 12, 31),
        ] {
            let chrono_s = NaiveDate::from_ymd_opt(y as i32, m, d)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap()
                .and_utc()
                .timestamp();
            assert_eq!(t(y, m, d, 0, 0, 0), chrono_s, "{y}-{m}-{d}");
        }
        for secs in [
            i64::MIN / 4,
            -9_000_000_000_000_000,
            -1,
            0,
            1,
            1_700_000_000,
            3_000_000_000_000_000_000,
        ] {
            let c = civil_from_seconds(secs).unwrap();
            assert_eq!(seconds_from_civil(c), Some(secs));
        }
        // A year beyond chrono is exactly 365 or 366 days.
        let y = -66_000_001;
        assert_eq!(
            year_start_s(y + 1).unwrap() - year_start_s(y).unwrap(),
            365 * 86_400
        );
        assert_eq!(
            year_start_s(-66_000_400 + 1).unwrap() - year_start_s(-66_000_400).unwrap(),
            366 * 86_400
        );
    }

    #[test]
    fn before_the_common_era() {
        let marathon = p("-0489");
        assert_eq!(marathon.human(Lang::En), "490 BC");
        assert_eq!(
            marathon.human(Lang::Fr),
            "490 av.\u{a0}J.-C.".replace('\u{a0}', " ")
        );
        assert_eq!(p("0000").human(Lang::En), "1 BC");
        assert_eq!(p("0001").human(Lang::En), "1");
        assert!(p("0000").earliest() < p("0001").earliest());
        assert!(p("-0489").earliest() < p("-0479").earliest());
        assert_eq!(p("-0043-03-15").human(Lang::En), "15 March 44 BC");
        assert_eq!(p("-9999").human(Lang::En), "10,000 BC");
        assert_eq!(p("-9999").human(Lang::Fr), "10\u{202f}000 av. J.-C.");
        assert_eq!(
            DatePoint::year_bc(490),
            DatePoint::new(Precision::Year, -489, 1, 1, 0, 0)
        );
        assert!(DatePoint::year_bc(0).is_none());
        // Intervals and qualifiers across the era boundary.
        let wars = p("~-0490/-0479");
        assert!(wars.is_interval());
        assert!(wars.qualifier().approximate);
        assert_eq!(wars.human(Lang::En), "c. 491 BC – 480 BC");
        assert!(p("-0050/0050").compatible(&p("0000")));
        assert!(!p("-0050/-0001").compatible(&p("0001")));
        assert!(p("../Y-10000").latest().is_some());
        assert_eq!(p("../Y-10000").human(Lang::En), "until 10,001 BC");
    }

    #[test]
    fn deep_time() {
        let k = p("Y-66000000");
        assert_eq!(k.human(Lang::En), "66 million years ago");
        assert_eq!(k.human(Lang::Fr), "il y a 66 millions d’années");
        assert_eq!(p("Y-13800000000").human(Lang::En), "13.8 billion years ago");
        assert_eq!(
            p("Y-13800000000").human(Lang::Fr),
            "il y a 13,8 milliards d’années"
        );
        assert_eq!(
            p("Y-1500000000").human(Lang::Fr),
            "il y a 1,5 milliard d’années"
        );
        assert_eq!(p("Y-300000").human(Lang::En), "300,000 years ago");
        assert_eq!(p("Y170000000").to_string(), "Y170000000");
        let e = p("Y-17E7");
        assert_eq!(e.as_point().unwrap().year(), -170_000_000);
        assert_eq!(e.to_string(), "Y-17E7");
        assert!(p("Y-66000000").earliest() < p("-9999").earliest());
        assert!(p("Y-13800000000").earliest() < p("Y-66000000").earliest());
        let s = p("Y-170000000S2");
        assert_eq!(s.precision(), Precision::MillionYears);
        assert_eq!(s.human(Lang::En), "c. 170 million years ago");
        assert_eq!(s.human(Lang::Fr), "il y a environ 170 millions d’années");
        // Two significant digits of a nine-digit year: some year in ten million.
        let span = s.latest().unwrap() - s.earliest().unwrap();
        assert!((span as f64 / MEAN_YEAR_S - 1e7).abs() < 1.0);
        assert!(p("Y-170000000S2").compatible(&p("Y-175500000")));
        assert!(!p("Y-170000000S2").compatible(&p("Y-180500000")));
        let widest = p(&format!("Y-{MAX_YEAR}S1~"));
        assert!(widest.compatible(&p("../2024")));
        assert!(widest.compatible(&widest));
    }

    #[test]
    fn significant_and_unspecified_digits() {
        let s = p("1950S2");
        assert_eq!(s.precision(), Precision::Century);
        assert_eq!(s.earliest(), p("1900").earliest());
        assert_eq!(s.latest(), p("1999").latest());
        let d = p("201X");
        assert_eq!(d.precision(), Precision::Decade);
        assert_eq!(d.earliest(), p("2010").earliest());
        assert_eq!(d.latest(), p("2019").latest());
        assert_eq!(d.human(Lang::En), "2010s");
        assert_eq!(d.human(Lang::Fr), "années 2010");
        assert_eq!(p("19XX").precision(), Precision::Century);
        assert_eq!(p("1XXX").precision(), Precision::Millennium);
        assert_eq!(p("-04XX").earliest(), p("-0499").earliest());
        assert_eq!(p("-04XX").latest(), p("-0400").latest());
        let m = p("2024-XX");
        assert_eq!(m.precision(), Precision::Year);
        assert_eq!(
            (m.earliest(), m.latest()),
            (p("2024").earliest(), p("2024").latest())
        );
        let dx = p("2024-12-XX");
        assert_eq!(dx.precision(), Precision::Month);
        assert_eq!(
            (dx.earliest(), dx.latest()),
            (p("2024-12").earliest(), p("2024-12").latest())
        );
        assert!(p("201X").compatible(&p("2015-06")));
        assert!(!p("201X").compatible(&p("2020")));
        assert_eq!(p("../2024-XX").human(Lang::Fr), "jusqu’en 2024");
        assert_eq!(p("201X/..").human(Lang::Fr), "depuis les années 2010");
    }

    #[test]
    fn seasons_and_quarters() {
        let spring = p("2024-21");
        assert_eq!(spring.precision(), Precision::Season);
        assert_eq!(spring.earliest(), p("2024-03").earliest());
        assert_eq!(spring.latest(), p("2024-05").latest());
        assert_eq!(spring.human(Lang::En), "spring 2024");
        assert_eq!(spring.human(Lang::Fr), "printemps 2024");
        let winter = p("2024-24");
        assert_eq!(winter.earliest(), p("2024-12").earliest());
        assert_eq!(winter.latest(), p("2025-02").latest());
        assert_eq!(p("2024-33").precision(), Precision::Quarter);
        assert_eq!(p("2024-36").latest(), p("2024").latest());
        assert!(p("2024-22").compatible(&p("2024-07")));
        assert!(!p("2024-22").compatible(&p("2024-10")));
        assert_eq!(p("../2024-22").human(Lang::Fr), "jusqu’à l’été 2024");
        assert_eq!(p("../2024-21").human(Lang::Fr), "jusqu’au printemps 2024");
    }

    #[test]
    fn seconds_and_time_zones() {
        let a = p("2025-07-31T14:30+03:00");
        let b = p("2025-07-31T11:30Z");
        assert_eq!(a.earliest(), b.earliest());
        assert!(
            a.compatible(&b),
            "the same instant in two zones is no conflict"
        );
        assert!(!a.compatible(&p("2025-07-31T14:30Z")));
        assert_eq!(a.to_string(), "2025-07-31T14:30+03:00");
        assert_eq!(a.human(Lang::En), "31 July 2025, 14:30 UTC+03:00");
        let s = p("2025-07-31T14:30:05.250-05:00");
        assert_eq!(s.precision(), Precision::Second);
        assert_eq!(s.to_string(), "2025-07-31T14:30:05.250-05:00");
        assert_eq!(s.earliest(), Some(t(2025, 7, 31, 19, 30, 5)));
        assert_eq!(s.latest(), Some(t(2025, 7, 31, 19, 30, 6)));
        assert_eq!(s.human(Lang::En), "31 July 2025, 14:30:05.250 UTC−05:00");
        assert_eq!(
            p("2025-07-31T14:30:05").human(Lang::Fr),
            "31 juillet 2025, 14\u{202f}h\u{202f}30\u{202f}min\u{202f}05\u{202f}s"
        );
        assert_eq!(
            p("2025-07-31T14:30+05").to_string(),
            "2025-07-31T14:30+05:00"
        );
        // Across midnight and a year boundary.
        assert_eq!(
            p("2025-01-01T01:00+02:00").earliest(),
            p("2024-12-31T23:00").earliest()
        );
        assert!(!p("2025-01-01T01:00+02:00").compatible(&p("2025")));
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
            Edtf::parse("2024-13"),
            Err(DateError::Month { month: 13, .. })
        ));
        assert!(matches!(
            Edtf::parse("2024-25"),
            Err(DateError::Month { month: 25, .. })
        ));
        assert!(matches!(
            Edtf::parse("2025-02-30"),
            Err(DateError::Day { day: 30, .. })
        ));
        assert!(matches!(
            Edtf::parse("2025-02-03T25:00"),
            Err(DateError::Time { .. })
        ));
        assert!(matches!(
            Edtf::parse("2025-02-03T12:00:60"),
            Err(DateError::Time { .. })
        ));
        assert!(matches!(
            Edtf::parse("2025-02-03T12:00+25:00"),
            Err(DateError::Zone { .. })
        ));
        assert!(matches!(Edtf::parse("Y12"), Err(DateError::ShortYear(_))));
        assert!(matches!(
            Edtf::parse("20245"),
            Err(DateError::LongYear { .. })
        ));
        assert!(matches!(
            Edtf::parse(&format!("Y{}", MAX_YEAR + 1)),
            Err(DateError::YearRange(_))
        ));
        assert!(matches!(
            Edtf::parse("Y-99999999999999999999999"),
            Err(DateError::YearRange(_))
        ));
        assert!(matches!(Edtf::parse("Y1E30"), Err(DateError::YearRange(_))));
        assert!(matches!(Edtf::parse(""), Err(DateError::Empty)));
        assert!(matches!(Edtf::parse("../.."), Err(DateError::NoEnds(_))));
        assert!(matches!(
            Edtf::parse("2025/2024"),
            Err(DateError::Reversed(_))
        ));
        let message = Edtf::parse("20245").unwrap_err().to_string();
        assert!(message.contains("Y20245"), "{message}");
        let message = Edtf::parse("hier").unwrap_err().to_string();
        assert!(
            message.contains("Y-66000000") && message.contains("201X"),
            "{message}"
        );
        for bad in [
            "99",
            "2024-1",
            "2024-12-1",
            "2024-12-01T1",
            "1999-W20",
            "P3Y",
            "PRESENT_REF",
            "2024~~",
            "é",
            "-0000",
            "-0XXX",
            "XXXX",
            "1X32",
            "201X-05",
            "2024-XX-05",
            "2024-21-03",
            "1950S5",
            "1950S0",
            "Y-12E",
            "Y1E0",
            "2024T10:00",
            "2024-12-XXT10:00",
            "2025-07-31T14:30:05.1234567890",
            "2025-07-31T14:30+3",
            "--2024",
            "Y",
            "Y-",
        ] {
            assert!(Edtf::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn every_form_round_trips() {
        for s in [
            "2024",
            "-0489",
            "0000",
            "Y-66000000",
            "Y170000000",
            "Y-17E7",
            "Y3388E2S3",
            "1950S2",
            "Y-170000000S2",
            "201X",
            "19XX",
            "1XXX",
            "-04XX",
            "2024-XX",
            "2024-12-XX",
            "2024-XX-XX",
            "2024-21",
            "2024-36",
            "2025-07-31T14:30",
            "2025-07-31T14:30:05",
            "2025-07-31T14:30:05.5",
            "2025-07-31T14:30:05.000001Z",
            "2025-07-31T14:30+03:00",
            "2025-07-31T14:30:05-09:30",
            "-0490~/-0479",
            "../Y-10000",
            "201X~/2024-21?",
            "-0043-03-15%",
            "Y-13800000000~",
        ] {
            let d = p(s);
            assert_eq!(d.to_string(), s, "canonical text");
            assert_eq!(p(&d.to_string()), d, "{s}");
        }
        // A qualifier before the date (EDTF level 2) is read as one on the whole date.
        assert_eq!(p("~-0490/-0479"), p("-0490~/-0479"));
        assert_eq!(p("?2024~"), p("2024%"));
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
    fn centuries_in_words() {
        assert_eq!(ordinal_period(5, true, false, Lang::En), "5th century BC");
        assert_eq!(
            ordinal_period(5, true, false, Lang::Fr),
            "Ve siècle av. J.-C."
        );
        assert_eq!(ordinal_period(21, false, false, Lang::En), "21st century");
        assert_eq!(ordinal_period(1, false, true, Lang::Fr), "Ier millénaire");
        assert_eq!(ordinal_period(12, false, false, Lang::En), "12th century");
    }

    #[test]
    fn lang_codes() {
        assert_eq!(Lang::from_code("fr-FR"), Lang::Fr);
        assert_eq!(Lang::from_code("FR"), Lang::Fr);
        assert_eq!(Lang::from_code("en"), Lang::En);
        assert_eq!(Lang::from_code(""), Lang::En);
    }

    mod properties {
        use super::super::*;
        use chrono::NaiveDate;
        use proptest::prelude::*;

        proptest! {
            /// The hand-written calendar agrees with chrono on every day chrono holds,
            /// and says no to the days that do not exist.
            #[test]
            fn the_calendar_is_chrono_s_where_chrono_reaches(
                century in -2_620i64..=2_620,
                in_century in prop_oneof![Just(0i64), 0i64..100],
            ) {
                // Whole centuries half the time: they are where the leap rule turns.
                let year = century * 100 + in_century;
                let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
                for month in 0..=13 {
                    for day in 0..=32 {
                        let chrono_days = NaiveDate::from_ymd_opt(year as i32, month, day)
                            .map(|d| (d - epoch).num_days());
                        prop_assert_eq!(days_from_civil(year, month, day), chrono_days, "{}-{}-{}", year, month, day);
                    }
                }
            }

            /// The fast reader of plain dates gives what the general reader gives, and
            /// leaves to it every text it does not take.
            #[test]
            fn plain_dates_read_as_the_general_reader_reads_them(
                text in "[0-9]{4}(-[0-9X]{1,2}(-[0-9X]{2})?)?[~?]?|[0-9]{3,5}-[0-9]{2}|-?[0-9]{4}-[0-9]{2}-[0-9]{2}",
            ) {
                let general = parse_any_point(&text, &text);
                match plain_date(&text) {
                    Some(p) => prop_assert_eq!(general, Ok(p)),
                    // Declined only where the general reader finds more than a plain date.
                    None => prop_assert!(
                        general.as_ref().map_or(true, |p| p.qualifier != Qualifier::NONE
                            || matches!(p.precision, Precision::Season | Precision::Quarter)
                            || p.year_x > 0 || p.month_x || p.day_x
                            || p.year < 0),
                        "{} read as {:?}", text, general
                    ),
                }
            }

            /// Every second maps to a civil time that maps back to it, and within
            /// chrono's range it is chrono's civil time.
            #[test]
            fn every_second_has_its_civil_time(t in i64::MIN / 4..=i64::MAX / 4) {
                let c = civil_from_seconds(t).unwrap();
                prop_assert_eq!(seconds_from_civil(c), Some(t));
                if let Some(dt) = chrono::DateTime::from_timestamp(t, 0) {
                    let dt = dt.naive_utc();
                    prop_assert_eq!(
                        (c.year, c.month, c.day, c.hour, c.minute, c.second),
                        (
                            i64::from(dt.year()),
                            dt.month(),
                            dt.day(),
                            dt.hour(),
                            dt.minute(),
                            dt.second()
                        )
                    );
                }
            }
        }

        proptest! {
            #[test]
            fn any_y_year_parses_orders_and_round_trips(year in -MAX_YEAR..=MAX_YEAR, approx in any::<bool>()) {
                let text = if year.abs() > 9999 {
                    format!("Y{year}")
                } else if year < 0 {
                    format!("-{:04}", -year)
                } else {
                    format!("{year:04}")
                };
                let text = if approx { format!("{text}~") } else { text };
                let d = Edtf::parse(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(d.to_string(), text.clone());
                prop_assert_eq!(Edtf::parse(&d.to_string()).ok(), Some(d));
                let (lo, hi) = (d.earliest().unwrap_or(0), d.latest().unwrap_or(0));
                prop_assert!(hi - lo == 365 * 86_400 || hi - lo == 366 * 86_400);
                d.human(Lang::En);
                d.human(Lang::Fr);
                prop_assert!(d.compatible(&d));
                if let Ok(next) = Edtf::parse(&format!("Y{}", year + 1)).or_else(|_| Edtf::parse(&format!("{:04}", year + 1))) {
                    prop_assert_eq!(next.earliest(), Some(hi));
                }
            }

            #[test]
            fn any_text_parses_or_fails_without_panic(s in "[-+~?%/.:XYESTZ0-9]{0,24}") {
                if let Ok(d) = Edtf::parse(&s) {
                    let again = Edtf::parse(&d.to_string());
                    prop_assert_eq!(again.ok(), Some(d));
                    d.human(Lang::Fr);
                    let _ = d.sort_key();
                }
            }

            #[test]
            fn significant_digits_contain_their_estimate(year in -MAX_YEAR..=MAX_YEAR, s in 1u32..12) {
                let text = format!("Y{year}S{s}");
                if let Ok(d) = Edtf::parse(&text) {
                    prop_assert_eq!(Edtf::parse(&d.to_string()).ok(), Some(d));
                    let exact = DatePoint::year_only(year).map(|p| p.earliest());
                    if let (Some(lo), Some(hi), Some(t)) = (d.earliest(), d.latest(), exact) {
                        prop_assert!(lo <= t && t < hi);
                    }
                }
            }

            #[test]
            fn times_in_any_zone_round_trip(h in 0u32..24, m in 0u32..60, s in 0u32..60, off in -720i32..=840) {
                let sign = if off < 0 { '-' } else { '+' };
                let text = format!("2025-07-31T{h:02}:{m:02}:{s:02}{sign}{:02}:{:02}", off.abs() / 60, off.abs() % 60);
                let d = Edtf::parse(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(Edtf::parse(&d.to_string()).ok(), Some(d));
                let utc = t(2025, 7, 31, h, m, s) - i64::from(off) * 60;
                prop_assert_eq!(d.earliest(), Some(utc));
            }
        }

        fn t(y: i64, m: u32, d: u32, h: u32, mi: u32, s: u32) -> Seconds {
            seconds_from_civil(Civil {
                year: y,
                month: m,
                day: d,
                hour: h,
                minute: mi,
                second: s,
            })
            .unwrap_or(0)
        }
    }
}

#[cfg(test)]
mod point_at_tests {
    use super::*;

    #[test]
    fn the_date_of_a_second_exists_at_any_year() {
        let t = DatePoint::new(Precision::Day, -1_000_000_i64, 3, 1, 0, 0)
            .expect("a day a million years ago")
            .earliest();
        let p = point_at(t, Precision::Year).expect("a year");
        assert_eq!(p.year(), -1_000_000);
        let day = point_at(t + 3600, Precision::Day).expect("a day");
        assert_eq!((day.year(), day.month(), day.day()), (-1_000_000, 3, 1));
        assert_eq!(
            point_at(0, Precision::Day)
                .map(|p| p.to_string())
                .as_deref(),
            Some("1970-01-01")
        );
    }
}
