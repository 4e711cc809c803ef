//! Dates of generated events: drawn at every precision, qualified, as intervals and open
//! ends, then written as EDTF for the file and as words for the article text.

use chrono::{Datelike as _, NaiveDate};
use rand::Rng;

use crate::model::date::month_name;
use crate::model::{DatePoint, Lang, Precision, Qualifier};

pub(super) fn day_number(y: i32, m: u32, d: u32) -> i32 {
    NaiveDate::from_ymd_opt(y, m, d).map_or(0, |date| date.num_days_from_ce())
}

pub(super) fn ymd(day: i32) -> (i32, u32, u32) {
    NaiveDate::from_num_days_from_ce_opt(day)
        .map_or((2000, 1, 1), |d| (d.year(), d.month(), d.day()))
}

// ---------------------------------------------------------------------------------------
// Dates

/// One end of a date: a day, its precision and qualifier (and time for minute precision).
#[derive(Clone, Copy, Debug)]
pub(super) struct Moment {
    pub(super) day: i32,
    pub(super) precision: Precision,
    pub(super) hour: u32,
    pub(super) minute: u32,
    pub(super) qualifier: Qualifier,
}

impl Moment {
    pub(super) fn new(day: i32, precision: Precision) -> Self {
        Self {
            day,
            precision,
            hour: 0,
            minute: 0,
            qualifier: Qualifier::NONE,
        }
    }

    pub(super) fn point(&self) -> Option<DatePoint> {
        let (y, m, d) = ymd(self.day);
        DatePoint::new(self.precision, y, m, d, self.hour, self.minute)
            .map(|p| p.with_qualifier(self.qualifier))
    }
}

/// When an event happened, as the article says it.
#[derive(Clone, Copy, Debug)]
pub(super) enum When {
    Undated,
    At(Moment),
    Between(Moment, Moment),
    Since(Moment),
    Until(Moment),
}

impl When {
    /// The EDTF value, `None` when undated.
    pub(super) fn edtf(&self) -> Option<String> {
        match self {
            Self::Undated => None,
            Self::At(m) => Some(m.point()?.to_string()),
            Self::Between(a, b) => Some(format!("{}/{}", a.point()?, b.point()?)),
            Self::Since(a) => Some(format!("{}/..", a.point()?)),
            Self::Until(b) => Some(format!("../{}", b.point()?)),
        }
    }
}

fn qualifier(rng: &mut impl Rng, precision: Precision) -> Qualifier {
    // Years are the most often approximate ("vers 2015").
    let approximate_per_mille = if precision == Precision::Year {
        180
    } else {
        50
    };
    let r = rng.random_range(0..1000);
    Qualifier {
        approximate: r < approximate_per_mille || (1000 - 10..1000).contains(&r),
        uncertain: (approximate_per_mille..approximate_per_mille + 40).contains(&r)
            || (1000 - 10..1000).contains(&r),
    }
}

fn first_of_month(day: i32) -> i32 {
    let (y, m, _) = ymd(day);
    day_number(y, m, 1)
}

pub(super) fn add_months(day: i32, months: i32) -> i32 {
    let (y, m, _) = ymd(day);
    let total = y * 12 + (m as i32 - 1) + months;
    day_number(total.div_euclid(12), (total.rem_euclid(12) + 1) as u32, 1)
}

fn qualified(rng: &mut impl Rng, mut m: Moment) -> Moment {
    m.qualifier = qualifier(rng, m.precision);
    m
}

fn day_or_month(rng: &mut impl Rng) -> Precision {
    if rng.random_ratio(1, 2) {
        Precision::Month
    } else {
        Precision::Day
    }
}

/// A date of any shape around `day`, in the proportions of real annotations.
pub(super) fn any_date(rng: &mut impl Rng, day: i32) -> When {
    match rng.random_range(0..1000) {
        0..50 => When::Undated,
        50..520 => When::At(qualified(rng, Moment::new(day, Precision::Day))),
        520..570 => {
            let mut m = Moment::new(day, Precision::Minute);
            m.hour = rng.random_range(6..=22);
            m.minute = rng.random_range(0..12) * 5;
            When::At(qualified(rng, m))
        }
        570..740 => When::At(qualified(rng, Moment::new(day, Precision::Month))),
        740..830 => When::At(qualified(rng, Moment::new(day, Precision::Year))),
        830..880 => {
            let end = day + rng.random_range(1..=40);
            When::Between(
                Moment::new(day, Precision::Day),
                Moment::new(end, Precision::Day),
            )
        }
        880..900 => {
            let start = first_of_month(day);
            let end = add_months(start, rng.random_range(1..=18));
            When::Between(
                Moment::new(start, Precision::Month),
                Moment::new(end, Precision::Month),
            )
        }
        900..915 => {
            let (y, _, _) = ymd(day);
            let years = rng.random_range(1..=13);
            let mut start = Moment::new(day_number(y - years, 1, 1), Precision::Year);
            start.qualifier.approximate = rng.random_ratio(1, 4);
            When::Between(start, Moment::new(day, Precision::Year))
        }
        915..945 => When::Since(Moment::new(day, day_or_month(rng))),
        945..965 => When::Until(Moment::new(day, day_or_month(rng))),
        _ => When::At(Moment::new(day, Precision::Day)),
    }
}

// ---------------------------------------------------------------------------------------
// Words for dates

fn fr_day(day: i32) -> String {
    let (y, m, d) = ymd(day);
    let d = if d == 1 {
        "1er".to_owned()
    } else {
        d.to_string()
    };
    format!("{d} {} {y}", month_name(m, Lang::Fr, false))
}

fn en_day(day: i32) -> String {
    let (y, m, d) = ymd(day);
    format!("{d} {} {y}", month_name(m, Lang::En, false))
}

fn month_year(day: i32, lang: Lang) -> String {
    let (y, m, _) = ymd(day);
    format!("{} {y}", month_name(m, lang, false))
}

fn year(day: i32) -> String {
    ymd(day).0.to_string()
}

/// "d’avril 2019", "de mars 2019".
fn fr_de_month(day: i32) -> String {
    let words = month_year(day, Lang::Fr);
    if words.starts_with(['a', 'o']) {
        format!("d’{words}")
    } else {
        format!("de {words}")
    }
}

fn point_phrase(m: &Moment, lang: Lang) -> String {
    let approximate = m.qualifier.approximate;
    let body = match (lang, m.precision, approximate) {
        (Lang::Fr, Precision::Year, false) => format!("en {}", year(m.day)),
        (Lang::Fr, Precision::Year, true) => format!("vers {}", year(m.day)),
        (Lang::Fr, Precision::Month, false) => format!("en {}", month_year(m.day, lang)),
        (Lang::Fr, Precision::Month, true) => format!("vers {}", month_year(m.day, lang)),
        (Lang::Fr, Precision::Day, false) => format!("le {}", fr_day(m.day)),
        (Lang::Fr, Precision::Day, true) => format!("aux alentours du {}", fr_day(m.day)),
        (Lang::Fr, _, _) => format!(
            "le {} {}{}\u{202f}h\u{202f}{:02}",
            fr_day(m.day),
            if approximate { "vers " } else { "à " },
            m.hour,
            m.minute
        ),
        (Lang::En, Precision::Year, false) => format!("in {}", year(m.day)),
        (Lang::En, Precision::Year, true) => format!("around {}", year(m.day)),
        (Lang::En, Precision::Month, false) => format!("in {}", month_year(m.day, lang)),
        (Lang::En, Precision::Month, true) => format!("around {}", month_year(m.day, lang)),
        (Lang::En, Precision::Day, false) => format!("on {}", en_day(m.day)),
        (Lang::En, Precision::Day, true) => format!("around {}", en_day(m.day)),
        (Lang::En, _, _) => format!(
            "on {} at {}{:02}:{:02}",
            en_day(m.day),
            if approximate { "around " } else { "" },
            m.hour,
            m.minute
        ),
    };
    if m.qualifier.uncertain {
        match lang {
            Lang::Fr => format!("probablement {body}"),
            Lang::En => format!("reportedly {body}"),
        }
    } else {
        body
    }
}

fn bare(m: &Moment, lang: Lang) -> String {
    match (m.precision, lang) {
        (Precision::Year, _) => year(m.day),
        (Precision::Month, _) => month_year(m.day, lang),
        (_, Lang::Fr) => fr_day(m.day),
        (_, Lang::En) => en_day(m.day),
    }
}

/// How the text says `when`, lower-case, ready to open a sentence once capitalised.
pub(super) fn date_phrase(when: &When, lang: Lang) -> String {
    match (when, lang) {
        (When::Undated, Lang::Fr) => "à une date non précisée".to_owned(),
        (When::Undated, Lang::En) => "at an unspecified date".to_owned(),
        (When::At(m), _) => point_phrase(m, lang),
        (When::Between(a, b), Lang::Fr) => {
            let around = if a.qualifier.approximate {
                "approximativement "
            } else {
                ""
            };
            let body = match a.precision {
                Precision::Year => format!("de {} à {}", year(a.day), year(b.day)),
                Precision::Month => format!("{} à {}", fr_de_month(a.day), month_year(b.day, lang)),
                _ => format!("du {} au {}", fr_day(a.day), fr_day(b.day)),
            };
            format!("{around}{body}")
        }
        (When::Between(a, b), Lang::En) => {
            let around = if a.qualifier.approximate {
                "roughly "
            } else {
                ""
            };
            format!("{around}from {} to {}", bare(a, lang), bare(b, lang))
        }
        (When::Since(a), Lang::Fr) => match a.precision {
            Precision::Day | Precision::Minute => format!("depuis le {}", fr_day(a.day)),
            _ => format!("depuis {}", bare(a, lang)),
        },
        (When::Since(a), Lang::En) => format!("since {}", bare(a, lang)),
        (When::Until(b), Lang::Fr) => match b.precision {
            Precision::Day | Precision::Minute => format!("jusqu’au {}", fr_day(b.day)),
            _ => format!("jusqu’en {}", bare(b, lang)),
        },
        (When::Until(b), Lang::En) => format!("until {}", bare(b, lang)),
    }
}
