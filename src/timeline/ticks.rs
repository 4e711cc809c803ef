//! Calendar ticks: an axis that adapts from billions of years to seconds.
//!
//! The minor unit is the finest unit whose labels fit side by side (billions of years →
//! … → centuries → years → quarters → months → weeks → days → hours → minutes → seconds);
//! the major unit is the next natural one above it (the century above decades, the year
//! above months, the month above days, the day above hours) and is labelled on a second
//! row. Units follow the calendar: months have their real lengths, weeks start on Monday.
//!
//! Years are numbered as historians write them: ticks fall on round years of the common
//! era and round years before it ("500 BC", astronomical -499), so that labels read
//! naturally on both sides of the era boundary, where there is no year 0. Steps of a
//! hundred thousand years and more count "years ago" (`Y-66000000` is 66 million years
//! ago), as deep-time writers do.
//!
//! Years are handled with exact year arithmetic ([`crate::model::date::year_start_s`]),
//! which reaches beyond chrono's range; finer units use chrono on the window moved by whole
//! 400-year cycles (after which the calendar, weekdays included, repeats), so months and
//! days can be drawn in any year.

use chrono::{Datelike as _, Duration, NaiveDate, NaiveDateTime, Timelike as _};

use super::scale::TimeScale;
use super::text::{self, FontStyle};
use crate::model::Lang;
use crate::model::date::{
    YEARS_AGO_FROM, group_digits, month_name, ordinal_period, year_of, year_start_s, years_ago,
};

/// A calendar step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// `n` years, on round years of each era (and, from a hundred thousand years up, on
    /// round numbers of years ago).
    Years(i64),
    /// Centuries as historians count them (the 5th century BC runs from 500 to 401 BC).
    Centuries,
    /// Millennia, counted the same way.
    Millennia,
    Months(u32),
    Weeks,
    Days(u32),
    Hours(u32),
    Minutes(u32),
    Seconds(u32),
}

const DAY_S: f64 = 86_400.0;
/// Days in 400 Gregorian years.
const CYCLE_DAYS: i64 = 146_097;

impl Unit {
    /// Approximate length in seconds, to choose a unit for a zoom level.
    pub fn approx_s(self) -> f64 {
        match self {
            Self::Years(n) => n as f64 * 365.2425 * DAY_S,
            Self::Centuries => 100.0 * 365.2425 * DAY_S,
            Self::Millennia => 1000.0 * 365.2425 * DAY_S,
            Self::Months(n) => f64::from(n) * 30.436_875 * DAY_S,
            Self::Weeks => 7.0 * DAY_S,
            Self::Days(n) => f64::from(n) * DAY_S,
            Self::Hours(n) => f64::from(n) * 3600.0,
            Self::Minutes(n) => f64::from(n) * 60.0,
            Self::Seconds(n) => f64::from(n),
        }
    }

    /// Is this a unit of whole years, stepped with year arithmetic?
    fn is_years(self) -> bool {
        matches!(self, Self::Years(_) | Self::Centuries | Self::Millennia)
    }

    /// The first year of the unit containing `year` (astronomical numbering).
    fn floor_year(self, year: i64) -> i64 {
        match self {
            Self::Years(n) if n >= YEARS_AGO_FROM => year.div_euclid(n) * n,
            Self::Years(n) => {
                let n = n.max(1);
                if year >= n {
                    year.div_euclid(n) * n
                } else if year >= 1 {
                    1
                } else {
                    // Round years before the common era: n BC is astronomical 1 - n.
                    let bc = 1 - year;
                    1 - ((bc + n - 1) / n) * n
                }
            }
            Self::Centuries => 1 + (year - 1).div_euclid(100) * 100,
            Self::Millennia => 1 + (year - 1).div_euclid(1000) * 1000,
            _ => year,
        }
    }

    /// The first year of the next unit after `year` (which starts a unit).
    fn next_year(self, year: i64) -> Option<i64> {
        match self {
            Self::Years(n) if n >= YEARS_AGO_FROM => year.checked_add(n),
            Self::Years(n) => {
                let n = n.max(1);
                if year >= 1 {
                    (year / n).checked_add(1)?.checked_mul(n)
                } else {
                    year.checked_add(n)
                }
            }
            Self::Centuries => year.checked_add(100),
            Self::Millennia => year.checked_add(1000),
            _ => year.checked_add(1),
        }
    }

    /// Start of the unit containing `t` (aligned to multiples of the step).
    fn floor(self, t: NaiveDateTime) -> NaiveDateTime {
        let d = t.date();
        let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or(t);
        match self {
            Self::Years(_) | Self::Centuries | Self::Millennia => {
                NaiveDate::from_ymd_opt(d.year(), 1, 1).map_or(t, midnight)
            }
            Self::Months(n) => {
                let m0 = (d.month0() / n) * n;
                NaiveDate::from_ymd_opt(d.year(), m0 + 1, 1).map_or(t, midnight)
            }
            Self::Weeks => {
                midnight(d - Duration::days(i64::from(d.weekday().num_days_from_monday())))
            }
            Self::Days(n) => {
                if n == 1 {
                    midnight(d)
                } else {
                    // Days 1, 1+n, 1+2n… of each month, so labels read naturally.
                    let day0 = ((d.day0()) / n) * n;
                    NaiveDate::from_ymd_opt(d.year(), d.month(), day0 + 1).map_or(t, midnight)
                }
            }
            Self::Hours(n) => {
                let h = (t.hour() / n) * n;
                d.and_hms_opt(h, 0, 0).unwrap_or(t)
            }
            Self::Minutes(n) => {
                let m = (t.minute() / n) * n;
                d.and_hms_opt(t.hour(), m, 0).unwrap_or(t)
            }
            Self::Seconds(n) => {
                let s = (t.second() / n) * n;
                d.and_hms_opt(t.hour(), t.minute(), s).unwrap_or(t)
            }
        }
    }

    /// The next unit boundary after `t` (which is on a boundary).
    fn next(self, t: NaiveDateTime) -> Option<NaiveDateTime> {
        let d = t.date();
        match self {
            Self::Years(_) | Self::Centuries | Self::Millennia => {
                NaiveDate::from_ymd_opt(d.year().checked_add(1)?, 1, 1)?.and_hms_opt(0, 0, 0)
            }
            Self::Months(n) => {
                let total = d.year() * 12 + d.month0() as i32 + n as i32;
                NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1)?
                    .and_hms_opt(0, 0, 0)
            }
            Self::Weeks => Some(t + Duration::days(7)),
            Self::Days(n) => {
                let next = t + Duration::days(i64::from(n));
                // Restart at day 1 each month for multi-day steps (1, 8, 15, 22, 1…).
                if n > 1 && (next.month() != t.month() || next.day() + n > 32) {
                    let first_next_month = Self::Months(1).next(Self::Months(1).floor(t))?;
                    Some(next.min(first_next_month))
                } else {
                    Some(next)
                }
            }
            Self::Hours(n) => Some(t + Duration::hours(i64::from(n))),
            Self::Minutes(n) => Some(t + Duration::minutes(i64::from(n))),
            Self::Seconds(n) => Some(t + Duration::seconds(i64::from(n))),
        }
    }

    /// Is the label of this unit the name of a span (centred on it) or of an instant?
    fn labels_span(self) -> bool {
        matches!(
            self,
            Self::Years(1)
                | Self::Centuries
                | Self::Millennia
                | Self::Months(_)
                | Self::Days(1)
                | Self::Weeks
        )
    }
}

/// Candidate minor units, fine to coarse: calendar units, then 1, 2 and 5 times each power
/// of ten years up to ten billion.
fn candidate_units() -> impl Iterator<Item = Unit> {
    const FINE: &[Unit] = &[
        Unit::Seconds(1),
        Unit::Seconds(5),
        Unit::Seconds(15),
        Unit::Seconds(30),
        Unit::Minutes(1),
        Unit::Minutes(5),
        Unit::Minutes(15),
        Unit::Minutes(30),
        Unit::Hours(1),
        Unit::Hours(3),
        Unit::Hours(6),
        Unit::Hours(12),
        Unit::Days(1),
        Unit::Weeks,
        Unit::Months(1),
        Unit::Months(3),
        Unit::Months(6),
    ];
    let years = (0..=10_u32).flat_map(|exp| {
        let p = 10_i64.pow(exp);
        [p, 2 * p, 5 * p].map(Unit::Years)
    });
    FINE.iter().copied().chain(years)
}

/// The coarsest unit, used when even it does not fit.
const COARSEST: Unit = Unit::Years(50_000_000_000);

/// One tick of the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub t_s: f64,
    /// Screen x of the tick line.
    pub x: f32,
    /// Text and the screen x of its centre (or its left edge for a sticky major label).
    pub label: Option<TickLabel>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TickLabel {
    pub text: String,
    pub x: f32,
    pub align: super::scene::Align,
}

/// The ticks of a view: a labelled minor row and an optional major row.
#[derive(Clone, Debug, PartialEq)]
pub struct Ticks {
    pub minor_unit: Unit,
    pub major_unit: Option<Unit>,
    pub minor: Vec<Tick>,
    pub major: Vec<Tick>,
}

/// Minimum gap between two labels, in pixels.
const LABEL_GAP_PX: f32 = 10.0;

/// Computes the axis for `scale`, with labels in `lang` at `font_px`.
pub fn calendar_ticks(scale: &TimeScale, lang: Lang, font_px: f32) -> Ticks {
    let px_per_s = scale.px_per_s();
    let minor_unit = candidate_units()
        .find(|&u| {
            let px = u.approx_s() * px_per_s;
            px as f32 >= widest_label(u, scale, lang, font_px) + LABEL_GAP_PX
        })
        .unwrap_or(COARSEST);
    let major_unit = major_of(minor_unit);

    let minor = ticks_of(scale, minor_unit, lang, font_px, false);
    let major = match major_unit {
        Some(u) => ticks_of(scale, u, lang, font_px, true),
        None => Vec::new(),
    };
    Ticks {
        minor_unit,
        major_unit,
        minor,
        major,
    }
}

fn major_of(minor: Unit) -> Option<Unit> {
    match minor {
        Unit::Seconds(_) | Unit::Minutes(_) | Unit::Hours(_) => Some(Unit::Days(1)),
        Unit::Days(_) | Unit::Weeks => Some(Unit::Months(1)),
        Unit::Months(_) => Some(Unit::Years(1)),
        Unit::Years(2..=50) => Some(Unit::Centuries),
        Unit::Years(100..=500) => Some(Unit::Millennia),
        Unit::Years(_) | Unit::Centuries | Unit::Millennia => None,
    }
}

/// The year of the window's start and end (clamped to the years dates can have).
fn window_years(scale: &TimeScale) -> (i64, i64) {
    let year = |t: f64| year_of(t as i64).unwrap_or(1970);
    (year(scale.window.start_s), year(scale.window.end_s))
}

fn widest_label(u: Unit, scale: &TimeScale, lang: Lang, font_px: f32) -> f32 {
    let w = |s: &str| text::width(s, font_px, FontStyle::Regular);
    let sample = match u {
        Unit::Years(_) | Unit::Centuries | Unit::Millennia => {
            // The labels at both ends and one step in: the widest of a view's year labels
            // (they grow towards the ends: "10,000 BC", "13.5 billion years ago").
            let (a, b) = window_years(scale);
            let first = u.floor_year(a);
            let labels = [first, u.next_year(first).unwrap_or(first), u.floor_year(b)]
                .map(|y| year_label(u, y, lang));
            return labels.iter().map(|l| w(l)).fold(w("2000"), f32::max);
        }
        Unit::Months(3) => "T4".to_owned(),
        Unit::Months(6) => "S2".to_owned(),
        Unit::Months(_) => (1..=12)
            .map(|m| month_name(m, lang, true))
            .max_by(|a, b| w(a).total_cmp(&w(b)))
            .unwrap_or("sept.")
            .to_owned(),
        Unit::Weeks => "28 sept.".to_owned(),
        Unit::Days(_) => "28".to_owned(),
        Unit::Hours(_) => match lang {
            Lang::Fr => "22\u{202f}h".to_owned(),
            Lang::En => "22:00".to_owned(),
        },
        Unit::Minutes(_) => "22:45".to_owned(),
        Unit::Seconds(_) => "22:45:55".to_owned(),
    };
    w(&sample)
}

/// A year on the axis, in historical words: "2000", "AD 1", "490 BC", "10,000 BC",
/// "66 million years ago", or the century or millennium starting then.
fn year_label(u: Unit, year: i64, lang: Lang) -> String {
    match u {
        Unit::Centuries | Unit::Millennia => {
            let size = if u == Unit::Centuries { 100 } else { 1000 };
            let (n, bc) = if year >= 1 {
                ((year - 1) / size + 1, false)
            } else {
                ((1 - year) / size, true)
            };
            ordinal_period(n.unsigned_abs(), bc, u == Unit::Millennia, lang)
        }
        Unit::Years(n) if n >= YEARS_AGO_FROM => match year {
            i64::MIN..=-1 => years_ago(year.unsigned_abs(), lang),
            0 => String::new(),
            _ => era_year(year, lang),
        },
        _ => era_year(year, lang),
    }
}

/// A year before or in the common era, never as "years ago": axis labels at fine steps
/// in deep time keep their exact year ("300,000 BC").
fn era_year(year: i64, lang: Lang) -> String {
    let number = |n: u64| {
        if n >= 10_000 {
            group_digits(n, lang)
        } else {
            n.to_string()
        }
    };
    match year {
        ..=0 => {
            let bc = number(1 + year.unsigned_abs());
            match lang {
                Lang::En => format!("{bc} BC"),
                Lang::Fr => format!("{bc} av. J.-C."),
            }
        }
        1 => match lang {
            Lang::En => "AD 1".to_owned(),
            Lang::Fr => "1 apr. J.-C.".to_owned(),
        },
        _ => number(year.unsigned_abs()),
    }
}

fn minor_label(u: Unit, t: NaiveDateTime, lang: Lang) -> String {
    match u {
        Unit::Years(_) | Unit::Centuries | Unit::Millennia => String::new(),
        Unit::Months(3) => match lang {
            Lang::Fr => format!("T{}", t.month0() / 3 + 1),
            Lang::En => format!("Q{}", t.month0() / 3 + 1),
        },
        Unit::Months(6) => match lang {
            Lang::Fr => format!("S{}", t.month0() / 6 + 1),
            Lang::En => format!("H{}", t.month0() / 6 + 1),
        },
        Unit::Months(_) => month_name(t.month(), lang, true).to_owned(),
        Unit::Weeks => match lang {
            Lang::Fr => format!("{} {}", t.day(), month_name(t.month(), lang, true)),
            Lang::En => format!("{} {}", month_name(t.month(), lang, true), t.day()),
        },
        Unit::Days(_) => t.day().to_string(),
        Unit::Hours(_) => match lang {
            Lang::Fr => format!("{}\u{202f}h", t.hour()),
            Lang::En => format!("{:02}:00", t.hour()),
        },
        Unit::Minutes(_) => format!("{:02}:{:02}", t.hour(), t.minute()),
        Unit::Seconds(_) => format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second()),
    }
}

/// `year` is the real year of `t` (which has been moved by whole 400-year cycles).
fn major_label(u: Unit, t: NaiveDateTime, year: i64, lang: Lang) -> String {
    let year = era_year(year, lang);
    match u {
        Unit::Years(_) | Unit::Centuries | Unit::Millennia => year,
        Unit::Months(_) => format!("{} {year}", month_name(t.month(), lang, false)),
        _ => {
            let day = match (lang, t.day()) {
                (Lang::Fr, 1) => "1er".to_owned(),
                (_, d) => d.to_string(),
            };
            format!("{day} {} {year}", month_name(t.month(), lang, false))
        }
    }
}

fn to_naive(t_s: f64) -> Option<NaiveDateTime> {
    let secs = t_s.floor();
    if !(-62_000_000_000.0..=253_000_000_000.0).contains(&secs) {
        return None;
    }
    chrono::DateTime::from_timestamp(secs as i64, 0).map(|d| d.naive_utc())
}

fn seconds(t: NaiveDateTime) -> f64 {
    t.and_utc().timestamp() as f64
}

/// The unit boundaries from the one at or before the window's start to the first after its
/// end, with their labels; at most `max` of them.
fn boundaries(
    scale: &TimeScale,
    unit: Unit,
    lang: Lang,
    major: bool,
    max: usize,
) -> Vec<(f64, String)> {
    let mut out = Vec::new();
    let end_s = scale.window.end_s;
    if unit.is_years() {
        let (first, _) = window_years(scale);
        let mut y = unit.floor_year(first);
        while out.len() < max {
            let Some(t) = year_start_s(y) else { break };
            let t = t as f64;
            out.push((t, year_label(unit, y, lang)));
            if t > end_s {
                break;
            }
            match unit.next_year(y) {
                Some(next) if next > y => y = next,
                _ => break,
            }
        }
        return out;
    }
    // Move the window by whole 400-year cycles next to 2000, where chrono's calendar works,
    // and move the ticks back; labels name the real year.
    let center_year = year_of(scale.window.center_s() as i64).unwrap_or(2000);
    let cycles = (center_year - 2000).div_euclid(400);
    let Some(shift_s) = cycles
        .checked_mul(CYCLE_DAYS)
        .and_then(|d| d.checked_mul(86_400))
    else {
        return out;
    };
    let shift = shift_s as f64;
    let (Some(start), Some(end)) = (
        to_naive(scale.window.start_s - shift),
        to_naive(end_s - shift),
    ) else {
        return out;
    };
    let mut t = unit.floor(start);
    while out.len() < max {
        let real_year = i64::from(t.year()) + cycles * 400;
        let label = if major {
            major_label(unit, t, real_year, lang)
        } else {
            minor_label(unit, t, lang)
        };
        out.push((seconds(t) + shift, label));
        if t > end {
            break;
        }
        match unit.next(t) {
            Some(next) if next > t => t = next,
            _ => break,
        }
    }
    out
}

/// Ticks of `unit` across the view, with labels that never overlap.
///
/// A major row gets a "sticky" label at the left edge when its first tick is off screen, so
/// the year or month in view is always named.
fn ticks_of(scale: &TimeScale, unit: Unit, lang: Lang, font_px: f32, sticky: bool) -> Vec<Tick> {
    use super::scene::Align;
    let left = scale.x0_px;
    let right = scale.x0_px + scale.width_px;
    // Bounded: the unit was chosen so that ticks are at least a label apart.
    let max_ticks = (scale.width_px / 4.0) as usize + 4;
    let bounds = boundaries(scale, unit, lang, sticky, max_ticks + 1);
    let mut ticks = Vec::new();
    let mut last_right = f32::NEG_INFINITY;
    for pair in bounds.windows(2) {
        let [(t_s, text), (next_s, _)] = pair else {
            continue;
        };
        if *t_s > scale.window.end_s {
            break;
        }
        let x = scale.x_of(*t_s);
        let x_next = scale.x_of(*next_s);
        let w = text::width(text, font_px, FontStyle::Regular);
        let (label_x, align, lo) = if sticky {
            // Major labels sit just right of their tick; the first one sticks to the edge.
            let lx = x.max(left) + 4.0;
            (lx, Align::Left, lx)
        } else if unit.labels_span() {
            let c = 0.5 * (x.max(left) + x_next.min(right));
            (c, Align::Center, c - 0.5 * w)
        } else {
            (x, Align::Center, x - 0.5 * w)
        };
        let hi = lo + w;
        let fits_span = !sticky || lo + w <= x_next.min(right) - 2.0 || x_next > right;
        let visible = hi > left && lo < right && lo >= left - 0.5 && hi <= right + 0.5;
        let label =
            (!text.is_empty() && fits_span && visible && lo >= last_right + LABEL_GAP_PX * 0.5)
                .then(|| {
                    last_right = hi;
                    TickLabel {
                        text: text.clone(),
                        x: label_x,
                        align,
                    }
                });
        if x >= left - 0.5 || label.is_some() {
            ticks.push(Tick {
                t_s: *t_s,
                x: x.max(left),
                label,
            });
        }
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::scale::TimeWindow;

    fn scale(start: &str, end: &str, width: f32) -> TimeScale {
        let p = |s: &str| {
            chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
                .unwrap()
                .and_utc()
                .timestamp() as f64
        };
        TimeScale::new(TimeWindow::new(p(start), p(end)), 0.0, width)
    }

    /// Every labelled minor tick is named uniquely by its label and the major period it
    /// falls in ("déc." + "2024"): no label is repeated where it would be ambiguous.
    fn check_unambiguous(t: &Ticks) {
        let mut names = Vec::new();
        for tick in t.minor.iter().filter(|t| t.label.is_some()) {
            let major = t
                .major
                .iter()
                .rev()
                .find(|m| m.t_s <= tick.t_s || m.x <= tick.x)
                .and_then(|m| m.label.as_ref())
                .map_or("", |l| l.text.as_str());
            names.push((
                major.to_owned(),
                tick.label.as_ref().map(|l| l.text.clone()),
            ));
        }
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n, "ambiguous labels: {names:?}");
    }

    fn check_no_overlap(ticks: &[Tick], font_px: f32) {
        let mut spans: Vec<(f32, f32, &str)> = ticks
            .iter()
            .filter_map(|t| t.label.as_ref())
            .map(|l| {
                let w = text::width(&l.text, font_px, FontStyle::Regular);
                match l.align {
                    crate::timeline::scene::Align::Left => (l.x, l.x + w, l.text.as_str()),
                    crate::timeline::scene::Align::Center => {
                        (l.x - w / 2.0, l.x + w / 2.0, l.text.as_str())
                    }
                    crate::timeline::scene::Align::Right => (l.x - w, l.x, l.text.as_str()),
                }
            })
            .collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in spans.windows(2) {
            assert!(
                pair[0].1 <= pair[1].0,
                "labels overlap: {:?} / {:?}",
                pair[0],
                pair[1]
            );
        }
    }

    #[test]
    fn every_zoom_level_has_readable_ticks() {
        let cases = [
            ("1000-01-01T00:00", "3000-01-01T00:00", 1200.0),
            ("1900-01-01T00:00", "2030-01-01T00:00", 1200.0),
            ("2011-01-01T00:00", "2026-01-01T00:00", 1200.0),
            ("2024-01-01T00:00", "2026-01-01T00:00", 1200.0),
            ("2025-01-01T00:00", "2025-12-31T00:00", 900.0),
            ("2025-07-01T00:00", "2025-08-15T00:00", 1200.0),
            ("2025-07-25T00:00", "2025-08-05T00:00", 1200.0),
            ("2025-07-31T00:00", "2025-08-01T00:00", 1200.0),
            ("2025-07-31T14:00", "2025-07-31T15:00", 1200.0),
            ("2025-07-31T14:00", "2025-07-31T14:20", 1200.0),
            ("2025-07-01T00:00", "2025-08-15T00:00", 300.0),
        ];
        let mut units = Vec::new();
        for (a, b, w) in cases {
            for lang in [Lang::Fr, Lang::En] {
                let t = calendar_ticks(&scale(a, b, w), lang, 13.0);
                assert!(
                    t.minor.iter().filter(|t| t.label.is_some()).count() >= 2,
                    "{a}..{b}: {t:?}"
                );
                check_no_overlap(&t.minor, 13.0);
                check_no_overlap(&t.major, 13.0);
                check_unambiguous(&t);
                for pair in t.minor.windows(2) {
                    assert!(pair[0].t_s < pair[1].t_s, "ticks in order");
                }
                units.push(t.minor_unit);
            }
        }
        // The axis really adapts: years, months, days, hours and minutes all appear.
        for u in [
            Unit::Years(1),
            Unit::Months(1),
            Unit::Days(1),
            Unit::Hours(1),
            Unit::Minutes(1),
        ] {
            assert!(
                units
                    .iter()
                    .any(|x| std::mem::discriminant(x) == std::mem::discriminant(&u)),
                "no {u:?} in {units:?}"
            );
        }
    }

    #[test]
    fn months_follow_the_calendar_and_speak_french() {
        let t = calendar_ticks(
            &scale("2024-09-01T00:00", "2025-03-01T00:00", 600.0),
            Lang::Fr,
            13.0,
        );
        assert_eq!(t.minor_unit, Unit::Months(1));
        let labels: Vec<&str> = t
            .minor
            .iter()
            .filter_map(|t| t.label.as_ref())
            .map(|l| l.text.as_str())
            .collect();
        assert!(labels.contains(&"déc."), "{labels:?}");
        let majors: Vec<&str> = t
            .major
            .iter()
            .filter_map(|t| t.label.as_ref())
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(majors, vec!["2024", "2025"]);
        // Month ticks are on the first of each month.
        let dec = t
            .minor
            .iter()
            .find(|t| t.label.as_ref().is_some_and(|l| l.text == "déc."))
            .unwrap();
        let d = chrono::DateTime::from_timestamp(dec.t_s as i64, 0)
            .unwrap()
            .naive_utc();
        assert_eq!((d.month(), d.day()), (12, 1));
    }

    #[test]
    fn hours_have_a_day_above_them() {
        let t = calendar_ticks(
            &scale("2025-07-31T08:00", "2025-07-31T20:00", 1200.0),
            Lang::En,
            13.0,
        );
        assert!(matches!(t.minor_unit, Unit::Hours(_) | Unit::Minutes(_)));
        let majors: Vec<&str> = t
            .major
            .iter()
            .filter_map(|t| t.label.as_ref())
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(majors, vec!["31 July 2025"]);
    }

    fn labels(t: &[Tick]) -> Vec<&str> {
        t.iter()
            .filter_map(|t| t.label.as_ref())
            .map(|l| l.text.as_str())
            .collect()
    }

    fn years_scale(from: i64, to: i64, width: f32) -> TimeScale {
        let s = |y: i64| crate::model::date::year_start_s(y).unwrap() as f64;
        TimeScale::new(TimeWindow::new(s(from), s(to)), 0.0, width)
    }

    #[test]
    fn from_the_big_bang_to_seconds() {
        let cases: [(TimeScale, &str); 8] = [
            (
                years_scale(-14_000_000_000, 2025, 1200.0),
                "billion years ago",
            ),
            (
                years_scale(-70_000_000, -60_000_000, 1200.0),
                "million years ago",
            ),
            (years_scale(-4_000_000, -100_000, 1200.0), "years ago"),
            (years_scale(-20_000, -5_000, 1200.0), "BC"),
            (years_scale(-3500, 500, 1200.0), "BC"),
            (years_scale(-600, -400, 1200.0), "BC"),
            (years_scale(-50, 50, 1200.0), "BC"),
            (scale("2025-07-31T14:30", "2025-07-31T14:31", 1200.0), ":"),
        ];
        for (s, needle) in cases {
            for lang in [Lang::En, Lang::Fr] {
                let t = calendar_ticks(&s, lang, 13.0);
                let minor = labels(&t.minor);
                assert!(minor.len() >= 2, "{needle}: {t:?}");
                check_no_overlap(&t.minor, 13.0);
                check_no_overlap(&t.major, 13.0);
                for pair in t.minor.windows(2) {
                    assert!(pair[0].t_s < pair[1].t_s, "ticks in order");
                }
                if lang == Lang::En {
                    assert!(
                        minor.iter().any(|l| l.contains(needle)),
                        "{needle}: {minor:?}"
                    );
                }
            }
        }
        let t = calendar_ticks(&years_scale(-14_000_000_000, 2025, 1200.0), Lang::Fr, 13.0);
        assert!(
            labels(&t.minor)
                .iter()
                .any(|l| l.contains("milliards d’années")),
            "{t:?}"
        );
        let t = calendar_ticks(
            &scale("2025-07-31T14:30", "2025-07-31T14:31", 1200.0),
            Lang::En,
            13.0,
        );
        assert!(matches!(t.minor_unit, Unit::Seconds(_)), "{t:?}");
    }

    #[test]
    fn years_before_the_common_era_are_round_and_centuries_named() {
        let t = calendar_ticks(&years_scale(-3500, 500, 1200.0), Lang::En, 13.0);
        let minor = labels(&t.minor);
        assert!(
            minor.contains(&"3000 BC") && minor.contains(&"400 BC"),
            "{minor:?}"
        );
        // 400 BC starts astronomical year -399.
        let tick = t
            .minor
            .iter()
            .find(|t| t.label.as_ref().is_some_and(|l| l.text == "400 BC"))
            .unwrap();
        assert_eq!(
            tick.t_s,
            crate::model::date::year_start_s(-399).unwrap() as f64
        );
        let t = calendar_ticks(&years_scale(-520, -380, 1200.0), Lang::Fr, 13.0);
        assert_eq!(t.major_unit, Some(Unit::Centuries));
        assert!(
            labels(&t.major).contains(&"Ve siècle av. J.-C."),
            "{:?}",
            labels(&t.major)
        );
        let t = calendar_ticks(&years_scale(-520, -380, 1200.0), Lang::En, 13.0);
        assert!(labels(&t.major).contains(&"5th century BC"));
        // Months in antiquity, through the shifted calendar: March 44 BC.
        let s = |y: i64, m: u32| {
            crate::model::date::days_from_civil(y, m, 1).unwrap() as f64 * 86_400.0
        };
        let t = calendar_ticks(
            &TimeScale::new(TimeWindow::new(s(-43, 2), s(-43, 5)), 0.0, 1200.0),
            Lang::En,
            13.0,
        );
        assert!(matches!(t.minor_unit, Unit::Days(_) | Unit::Weeks), "{t:?}");
        assert!(
            labels(&t.major).contains(&"March 44 BC"),
            "{:?}",
            labels(&t.major)
        );
        // Months a million years ago still have their calendar.
        let t = calendar_ticks(
            &TimeScale::new(
                TimeWindow::new(s(-1_000_000, 1), s(-1_000_000, 12)),
                0.0,
                1200.0,
            ),
            Lang::En,
            13.0,
        );
        assert_eq!(t.minor_unit, Unit::Months(1));
        assert!(labels(&t.minor).contains(&"Jun"), "{t:?}");
    }
}
