//! Calendar ticks: an axis that adapts from millennia to minutes.
//!
//! The minor unit is the finest calendar unit whose labels fit side by side (years →
//! quarters → months → weeks → days → hours → minutes); the major unit is the next natural
//! one above it (the year above months, the month above days, the day above hours) and is
//! labelled on a second row. Units follow the calendar: months have their real lengths,
//! weeks start on Monday.

use chrono::{Datelike as _, Duration, NaiveDate, NaiveDateTime, Timelike as _};

use super::scale::TimeScale;
use super::text::{self, FontStyle};
use crate::model::Lang;
use crate::model::date::month_name;

/// A calendar step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Years(i32),
    Months(u32),
    Weeks,
    Days(u32),
    Hours(u32),
    Minutes(u32),
}

impl Unit {
    /// Approximate length in seconds, to choose a unit for a zoom level.
    pub fn approx_s(self) -> f64 {
        const DAY: f64 = 86_400.0;
        match self {
            Self::Years(n) => f64::from(n) * 365.2425 * DAY,
            Self::Months(n) => f64::from(n) * 30.436_875 * DAY,
            Self::Weeks => 7.0 * DAY,
            Self::Days(n) => f64::from(n) * DAY,
            Self::Hours(n) => f64::from(n) * 3600.0,
            Self::Minutes(n) => f64::from(n) * 60.0,
        }
    }

    /// Start of the unit containing `t` (aligned to multiples of the step).
    fn floor(self, t: NaiveDateTime) -> NaiveDateTime {
        let d = t.date();
        let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or(t);
        match self {
            Self::Years(n) => {
                let y = d.year().div_euclid(n) * n;
                NaiveDate::from_ymd_opt(y, 1, 1).map_or(t, midnight)
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
        }
    }

    /// The next unit boundary after `t` (which is on a boundary).
    fn next(self, t: NaiveDateTime) -> Option<NaiveDateTime> {
        let d = t.date();
        match self {
            Self::Years(n) => {
                NaiveDate::from_ymd_opt(d.year().checked_add(n)?, 1, 1)?.and_hms_opt(0, 0, 0)
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
        }
    }

    /// Is the label of this unit the name of a span (centred on it) or of an instant?
    fn labels_span(self) -> bool {
        matches!(
            self,
            Self::Years(1) | Self::Months(_) | Self::Days(1) | Self::Weeks
        )
    }
}

/// Candidate minor units, fine to coarse.
const UNITS: &[Unit] = &[
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
    Unit::Years(1),
    Unit::Years(2),
    Unit::Years(5),
    Unit::Years(10),
    Unit::Years(20),
    Unit::Years(50),
    Unit::Years(100),
    Unit::Years(200),
    Unit::Years(500),
    Unit::Years(1000),
];

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
    let minor_unit = UNITS
        .iter()
        .copied()
        .find(|&u| {
            let px = u.approx_s() * px_per_s;
            px as f32 >= widest_label(u, lang, font_px) + LABEL_GAP_PX
        })
        .unwrap_or(Unit::Years(1000));
    let major_unit = major_of(minor_unit);

    let left = scale.x0_px;
    let right = scale.x0_px + scale.width_px;
    let minor = ticks_of(
        scale,
        minor_unit,
        |t| minor_label(minor_unit, t, lang),
        font_px,
        left,
        right,
        false,
    );
    let major = match major_unit {
        Some(u) => ticks_of(
            scale,
            u,
            |t| major_label(u, t, lang),
            font_px,
            left,
            right,
            true,
        ),
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
        Unit::Minutes(_) | Unit::Hours(_) => Some(Unit::Days(1)),
        Unit::Days(_) | Unit::Weeks => Some(Unit::Months(1)),
        Unit::Months(_) => Some(Unit::Years(1)),
        Unit::Years(_) => None,
    }
}

fn widest_label(u: Unit, lang: Lang, font_px: f32) -> f32 {
    let sample = match u {
        Unit::Years(_) => "2000".to_owned(),
        Unit::Months(3) => "T4".to_owned(),
        Unit::Months(6) => "S2".to_owned(),
        Unit::Months(_) => (1..=12)
            .map(|m| month_name(m, lang, true))
            .max_by(|a, b| {
                text::width(a, font_px, FontStyle::Regular).total_cmp(&text::width(
                    b,
                    font_px,
                    FontStyle::Regular,
                ))
            })
            .unwrap_or("sept.")
            .to_owned(),
        Unit::Weeks => "28 sept.".to_owned(),
        Unit::Days(_) => "28".to_owned(),
        Unit::Hours(_) => match lang {
            Lang::Fr => "22\u{202f}h".to_owned(),
            Lang::En => "22:00".to_owned(),
        },
        Unit::Minutes(_) => "22:45".to_owned(),
    };
    text::width(&sample, font_px, FontStyle::Regular)
}

fn minor_label(u: Unit, t: NaiveDateTime, lang: Lang) -> String {
    match u {
        Unit::Years(_) => t.year().to_string(),
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
    }
}

fn major_label(u: Unit, t: NaiveDateTime, lang: Lang) -> String {
    match u {
        Unit::Years(_) => t.year().to_string(),
        Unit::Months(_) => format!("{} {}", month_name(t.month(), lang, false), t.year()),
        _ => {
            let day = match (lang, t.day()) {
                (Lang::Fr, 1) => "1er".to_owned(),
                (_, d) => d.to_string(),
            };
            format!("{day} {} {}", month_name(t.month(), lang, false), t.year())
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

/// Ticks of `unit` across the view, with labels that never overlap.
///
/// A major row gets a "sticky" label at the left edge when its first tick is off screen, so
/// the year or month in view is always named.
fn ticks_of(
    scale: &TimeScale,
    unit: Unit,
    label_of: impl Fn(NaiveDateTime) -> String,
    font_px: f32,
    left: f32,
    right: f32,
    sticky: bool,
) -> Vec<Tick> {
    use super::scene::Align;
    let (Some(start), Some(end)) = (to_naive(scale.window.start_s), to_naive(scale.window.end_s))
    else {
        return Vec::new();
    };
    // Bounded: the unit was chosen so that ticks are at least a label apart.
    let max_ticks = (scale.width_px / 4.0) as usize + 4;
    let mut ticks = Vec::new();
    let mut t = unit.floor(start);
    let mut last_right = f32::NEG_INFINITY;
    while t <= end && ticks.len() < max_ticks {
        let Some(next) = unit.next(t) else { break };
        if next <= t {
            break;
        }
        let x = scale.x_of(seconds(t));
        let x_next = scale.x_of(seconds(next));
        let text = label_of(t);
        let w = text::width(&text, font_px, FontStyle::Regular);
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
        let label = (fits_span && visible && lo >= last_right + LABEL_GAP_PX * 0.5).then(|| {
            last_right = hi;
            TickLabel {
                text,
                x: label_x,
                align,
            }
        });
        if x >= left - 0.5 || label.is_some() {
            ticks.push(Tick {
                t_s: seconds(t),
                x: x.max(left),
                label,
            });
        }
        t = next;
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
}
