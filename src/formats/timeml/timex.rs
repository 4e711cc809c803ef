//! Time expressions (`<TIMEX3>`): their values, which of them are calendar dates, and the
//! document's creation date (DCT).

use std::collections::HashMap;
use std::ops::Range;

use roxmltree::Node;

use super::Reader;
use super::text::Text;
use crate::model::{DatePoint, Edtf, IntervalEnd, Precision, Qualifier};

/// A TIMEX3 element.
pub(super) struct Timex<'a> {
    pub(super) tid: &'a str,
    pub(super) kind: &'a str,
    pub(super) value: &'a str,
    /// Where the expression is in the article text, when it is in it.
    pub(super) span: Option<Range<usize>>,
    /// The date it denotes, when its value is a calendar date.
    pub(super) date: Option<Edtf>,
}

/// The time expressions of a document, by position and by `tid`.
pub(super) struct Timexes<'a> {
    pub(super) list: Vec<Timex<'a>>,
    pub(super) by_id: HashMap<&'a str, usize>,
    /// The creation time, the first TIMEX3 marked as one.
    pub(super) dct: Option<usize>,
    /// The creation date at day precision, when the DCT is a calendar date.
    pub(super) dct_date: Option<DatePoint>,
}

impl<'a> Timexes<'a> {
    /// Reads every TIMEX3 under `root`; one without `tid` or with a repeated one is reported
    /// and left out, since no link could reach it unambiguously.
    pub(super) fn read(
        reader: &mut Reader<'_, '_>,
        root: Node<'a, '_>,
        text: &Text<'_, '_>,
    ) -> Self {
        let mut list: Vec<Timex<'a>> = Vec::new();
        let mut by_id: HashMap<&'a str, usize> = HashMap::new();
        let mut dct: Option<usize> = None;
        let in_dct_element = |n: Node<'_, '_>| n.ancestors().any(|a| a.has_tag_name("DCT"));
        for node in root.descendants().filter(|n| n.has_tag_name("TIMEX3")) {
            let Some(tid) = node.attribute("tid") else {
                let warning = reader.warning(
                    node,
                    "a TIMEX3 without \"tid\" cannot be linked; it is ignored",
                );
                reader.push(warning);
                continue;
            };
            let kind = node.attribute("type").unwrap_or("");
            let value = node.attribute("value").unwrap_or("");
            let date = match kind {
                "DURATION" | "SET" => None,
                _ => timex_date(value, node.attribute("mod")),
            };
            if by_id.contains_key(tid) {
                let warning = reader.warning(
                    node,
                    format!("TIMEX3 id '{tid}' is used twice; links go to the first one"),
                );
                reader.push(warning);
                continue;
            }
            let ix = list.len();
            by_id.insert(tid, ix);
            let is_dct = node.attribute("functionInDocument") == Some("CREATION_TIME")
                || in_dct_element(node);
            if is_dct && dct.is_none() {
                dct = Some(ix);
            }
            list.push(Timex {
                tid,
                kind,
                value,
                span: text.span(node),
                date,
            });
        }
        let dct_date = dct
            .and_then(|i| list.get(i))
            .and_then(|t| t.date.as_ref())
            .and_then(Edtf::as_point)
            .map(|p| at_most_day(*p));
        if dct.is_none() {
            let warning = reader.warning(root, "no creation date (DCT): the article has no published date, and events ordered only before or after it stay undated");
            reader.push(warning);
        } else if dct_date.is_none() {
            let value = dct.and_then(|i| list.get(i)).map_or("", |t| t.value);
            let warning = reader.warning(
                root,
                format!(
                    "the creation date (DCT) `{value}` is not a calendar date; the article has no published date"
                ),
            );
            reader.push(warning);
        }
        Self {
            list,
            by_id,
            dct,
            dct_date,
        }
    }

    pub(super) fn get(&self, ix: usize) -> Option<&Timex<'a>> {
        self.list.get(ix)
    }
}

/// A creation date is a day: finer values (a time) are cut to the day.
fn at_most_day(p: DatePoint) -> DatePoint {
    if p.precision() > Precision::Day {
        DatePoint::new(Precision::Day, p.year(), p.month(), p.day(), 0, 0)
            .map_or(p, |d| d.with_qualifier(p.qualifier))
    } else {
        p
    }
}

/// The calendar date a TIMEX3 value denotes, if it is one, with the effect of its `mod`.
///
/// Accepted: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss[.f]][zone]` (civil time,
/// the zone dropped as everywhere in frise), and `YYYY-MM-DDT` followed by a part of the day
/// (`MO`, `AF`, `EV`, `NI`, …) or an hour alone, both kept as the day. Anything else
/// (weeks, seasons, quarters, decades, `X` placeholders, `PRESENT_REF`, durations) is not
/// a calendar date. `mod="APPROX"` makes the date approximate; `BEFORE`/`ON_OR_BEFORE` and
/// `AFTER`/`ON_OR_AFTER` make it an interval open on the far side; quantity modifiers
/// (`MORE_THAN`, …) say the value is not the date, so nothing is dated by it.
pub fn timex_date(value: &str, modifier: Option<&str>) -> Option<Edtf> {
    let point = calendar_point(value.trim())?;
    match modifier.unwrap_or("") {
        "" | "START" | "MID" | "END" => Some(Edtf::Point(point)),
        "APPROX" => Some(Edtf::Point(point.with_qualifier(Qualifier {
            approximate: true,
            uncertain: false,
        }))),
        "BEFORE" | "ON_OR_BEFORE" => Some(Edtf::Interval {
            start: IntervalEnd::Open,
            end: IntervalEnd::Date(point),
        }),
        "AFTER" | "ON_OR_AFTER" => Some(Edtf::Interval {
            start: IntervalEnd::Date(point),
            end: IntervalEnd::Open,
        }),
        _ => None,
    }
}

fn calendar_point(value: &str) -> Option<DatePoint> {
    let digits = |s: &str, n: usize| -> Option<u32> {
        (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    // TimeML writes years before the common era as `BC0490` (490 BC).
    if let Some(bc) = value.strip_prefix("BC") {
        return DatePoint::year_bc(i64::from(digits(bc, 4)?));
    }
    let (date, time) = match value.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    let mut parts = date.split('-');
    let year = i32::try_from(digits(parts.next()?, 4)?).ok()?;
    let month = match parts.next() {
        None => None,
        Some(m) => Some(digits(m, 2)?),
    };
    let day = match parts.next() {
        None => None,
        Some(d) => Some(digits(d, 2)?),
    };
    if parts.next().is_some() {
        return None;
    }
    let (Some(month), Some(day)) = (month, day) else {
        if time.is_some() {
            return None;
        }
        return match month {
            Some(m) => DatePoint::new(Precision::Month, year, m, 1, 0, 0),
            None => DatePoint::new(Precision::Year, year, 1, 1, 0, 0),
        };
    };
    let Some(time) = time else {
        return DatePoint::new(Precision::Day, year, month, day, 0, 0);
    };
    const PARTS_OF_DAY: &[&str] = &["MO", "MI", "AF", "EV", "NI", "DT"];
    if PARTS_OF_DAY.contains(&time) {
        return DatePoint::new(Precision::Day, year, month, day, 0, 0);
    }
    // hh, hh:mm, hh:mm:ss(.f), then an optional zone: Z, ±h, ±hh, ±hh:mm, ±hhmm.
    let (clock, zone) = match time.find(['Z', '+', '-']) {
        Some(i) => (time.get(..i)?, time.get(i..)?),
        None => (time, ""),
    };
    let zone_ok = zone.is_empty()
        || zone == "Z"
        || zone.get(1..).is_some_and(|z| {
            let z = z.replace(':', "");
            (1..=4).contains(&z.len()) && z.bytes().all(|b| b.is_ascii_digit())
        });
    if !zone_ok {
        return None;
    }
    let mut fields = clock.split(':');
    let hour = digits(fields.next()?, 2)?;
    let minute = match fields.next() {
        None => {
            // An hour alone: frise has no hour precision, so the day is what is known.
            return (hour <= 24)
                .then(|| DatePoint::new(Precision::Day, year, month, day, 0, 0))
                .flatten();
        }
        Some(m) => digits(m, 2)?,
    };
    if let Some(seconds) = fields.next() {
        let whole = seconds.split('.').next()?;
        digits(whole, 2).filter(|s| *s <= 60)?;
    }
    if fields.next().is_some() {
        return None;
    }
    DatePoint::new(Precision::Minute, year, month, day, hour, minute)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: &str) -> Option<String> {
        timex_date(v, None).map(|d| d.to_string())
    }

    #[test]
    fn years_before_the_common_era() {
        assert_eq!(d("BC0490"), Some("-0489".to_owned()));
        assert_eq!(d("BC0001"), Some("0000".to_owned()));
        assert_eq!(d("BC49"), None);
    }

    #[test]
    fn calendar_values_only() {
        assert_eq!(d("1999-05-19").as_deref(), Some("1999-05-19"));
        assert_eq!(d("1999-05").as_deref(), Some("1999-05"));
        assert_eq!(d("1999").as_deref(), Some("1999"));
        assert_eq!(d("1999-05-19T10:30").as_deref(), Some("1999-05-19T10:30"));
        assert_eq!(
            d("2002-02-08T12:30-07").as_deref(),
            Some("2002-02-08T12:30")
        );
        assert_eq!(d("2002-02-08T20:30+1").as_deref(), Some("2002-02-08T20:30"));
        assert_eq!(d("1999-07-28TEV").as_deref(), Some("1999-07-28"));
        for not_a_date in [
            "1999-W20",
            "PRESENT_REF",
            "PAST_REF",
            "FUTURE_REF",
            "P3Y",
            "PXD",
            "XXXX-05-19",
            "1999-SU",
            "1999-Q2",
            "196X",
            "1999-WXX-3",
            "TNI",
            "1999-13",
            "1999-02-30",
            "",
        ] {
            assert_eq!(d(not_a_date), None, "{not_a_date}");
        }
        assert_eq!(
            timex_date("2003-02-28", Some("ON_OR_BEFORE")).map(|d| d.to_string()),
            Some("../2003-02-28".to_owned())
        );
        assert_eq!(
            timex_date("2003", Some("APPROX")).map(|d| d.to_string()),
            Some("2003~".to_owned())
        );
        assert_eq!(timex_date("P20Y", Some("MORE_THAN")), None);
    }
}
