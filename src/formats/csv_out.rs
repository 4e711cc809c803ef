//! CSV export: one row per event and evidence passage, for spreadsheets and scripts.
//!
//! An event with several passages gets one row per passage, so every quote keeps its own
//! offsets; an event without a passage still gets one row, with the quote columns empty.
//! Fields follow RFC 4180 (CRLF line ends; a field holding a comma, quote or line break is
//! quoted), in UTF-8. List fields (actors, places, tags) are joined with "; ". Dates are written as
//! EDTF, as in the native format, plus their earliest and latest day (or minute, or second)
//! in ISO 8601 so a spreadsheet can sort and filter them; those are empty for an open end.
//! Times are in UTC. Years before the common era are astronomical and signed (`-0489-01-01`
//! is 1 January 490 BC), years of more than four digits carry a sign (`-66000000-01-01`),
//! as ISO 8601's expanded representation writes them.

use crate::model::date::{Civil, civil_from_seconds};
use crate::model::{Corpus, DatePoint, Edtf, Event, IntervalEnd, Precision, Seconds};

/// The header row, in order.
pub const HEADER: [&str; 19] = [
    "article_id",
    "event_id",
    "story",
    "title",
    "date",
    "date_earliest",
    "date_latest",
    "precision",
    "kind",
    "actors",
    "places",
    "tags",
    "quote",
    "start",
    "end",
    "source",
    "article_title",
    "url",
    "published",
];

/// The UTF-8 byte order mark written first.
///
/// Excel opens a CSV without it in the machine's legacy code page, which turns "Défense"
/// into "DÃ©fense" for every briefer who double-clicks the file; with it, Excel, LibreOffice
/// and Numbers all read UTF-8. The csv crate, pandas and readr skip it; Python's `csv`
/// module needs `encoding="utf-8-sig"`. Garbled accents in the most common tool are the
/// worse failure, so the mark is written.
pub const BOM: &str = "\u{feff}";

/// Why a CSV could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    /// The CSV writer failed.
    #[error("could not write CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Flushing the output failed.
    #[error("could not write CSV: {0}")]
    Io(#[from] std::io::Error),
}

/// The events flagged in `shown_events` (one flag per corpus event; missing flags count as
/// hidden) as CSV bytes, header first.
pub fn to_csv(corpus: &Corpus, shown_events: &[bool]) -> Result<Vec<u8>, CsvError> {
    let mut out = BOM.as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(HEADER)?;
        for (i, event) in corpus.events.iter().enumerate() {
            if !shown_events.get(i).copied().unwrap_or(false) {
                continue;
            }
            write_event(&mut w, corpus, event)?;
        }
        w.flush()?;
    }
    Ok(out)
}

fn write_event<W: std::io::Write>(
    w: &mut csv::Writer<W>,
    corpus: &Corpus,
    event: &Event,
) -> Result<(), CsvError> {
    let article = corpus.article(event.article);
    let names = |ixs: &[crate::model::EntityIx]| {
        ixs.iter()
            .filter_map(|&e| corpus.entity(e))
            .map(|e| e.display_name())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let (earliest, latest) = event
        .date
        .as_ref()
        .map_or_else(Default::default, iso_bounds);
    let fixed = [
        article.map_or("", |a| a.id.as_str()).to_owned(),
        event.id.clone(),
        event.story.clone().unwrap_or_default(),
        event.title.clone(),
        event.date.map(|d| d.to_string()).unwrap_or_default(),
        earliest,
        latest,
        event
            .date
            .map(|d| d.precision().name().to_owned())
            .unwrap_or_default(),
        event.kind.clone().unwrap_or_default(),
        names(&event.actors),
        names(&event.places),
        event.tags.join("; "),
    ];
    let tail = [
        article.map_or("", |a| a.source.as_str()).to_owned(),
        article.map_or("", |a| a.title.as_str()).to_owned(),
        article.and_then(|a| a.url.clone()).unwrap_or_default(),
        article
            .and_then(|a| a.published)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    ];
    let text = article.map_or("", |a| a.text.as_str());
    let passages: Vec<[String; 3]> = if event.evidence.is_empty() {
        vec![Default::default()]
    } else {
        event
            .evidence
            .iter()
            .map(|e| {
                let chars = e.passage.chars();
                [
                    e.passage.quote(text).to_owned(),
                    chars.start.to_string(),
                    chars.end.to_string(),
                ]
            })
            .collect()
    };
    for passage in &passages {
        w.write_record(fixed.iter().chain(passage).chain(&tail))?;
    }
    Ok(())
}

/// The first and last day (or minute) a date may denote, in ISO 8601; empty for an open or
/// unknown end. The last is inclusive: `2024-12` runs from 2024-12-01 to 2024-12-31.
pub fn iso_bounds(date: &Edtf) -> (String, String) {
    let (start, end) = match date {
        Edtf::Point(p) => (Some(*p), Some(*p)),
        Edtf::Interval { start, end } => (point(start), point(end)),
    };
    (
        start.map_or_else(String::new, |p| iso(p.earliest(), p.precision())),
        end.map_or_else(String::new, |p| iso(p.latest() - 1, p.precision())),
    )
}

fn point(end: &IntervalEnd) -> Option<DatePoint> {
    match end {
        IntervalEnd::Date(p) => Some(*p),
        IntervalEnd::Open | IntervalEnd::Unknown => None,
    }
}

fn iso(t: Seconds, precision: Precision) -> String {
    civil_from_seconds(t).map_or_else(String::new, |c| format_iso(c, precision))
}

fn format_iso(c: Civil, precision: Precision) -> String {
    let year = if c.year > 9999 {
        format!("+{}", c.year)
    } else if c.year < 0 {
        format!("-{:04}", c.year.unsigned_abs())
    } else {
        format!("{:04}", c.year)
    };
    let date = format!("{year}-{:02}-{:02}", c.month, c.day);
    match precision {
        Precision::Second => format!("{date}T{:02}:{:02}:{:02}", c.hour, c.minute, c.second),
        Precision::Minute => format!("{date}T{:02}:{:02}", c.hour, c.minute),
        _ => date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(s: &str) -> (String, String) {
        iso_bounds(&Edtf::parse(s).unwrap())
    }

    #[test]
    fn bounds_follow_the_precision() {
        assert_eq!(bounds("2024"), ("2024-01-01".into(), "2024-12-31".into()));
        assert_eq!(
            bounds("2024-02"),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        assert_eq!(
            bounds("2025-07-31"),
            ("2025-07-31".into(), "2025-07-31".into())
        );
        assert_eq!(
            bounds("2025-07-31T14:30"),
            ("2025-07-31T14:30".into(), "2025-07-31T14:30".into())
        );
        assert_eq!(bounds("2024-12/.."), ("2024-12-01".into(), String::new()));
        assert_eq!(bounds("../2025"), (String::new(), "2025-12-31".into()));
        assert_eq!(
            bounds("2015~/2025~"),
            ("2015-01-01".into(), "2025-12-31".into())
        );
        assert_eq!(
            bounds("-0489"),
            ("-0489-01-01".into(), "-0489-12-31".into())
        );
        assert_eq!(
            bounds("Y-66000000"),
            ("-66000000-01-01".into(), "-66000000-12-31".into())
        );
        assert_eq!(bounds("201X"), ("2010-01-01".into(), "2019-12-31".into()));
        assert_eq!(
            bounds("2024-21"),
            ("2024-03-01".into(), "2024-05-31".into())
        );
        assert_eq!(
            bounds("2025-07-31T14:30:05+03:00"),
            ("2025-07-31T11:30:05".into(), "2025-07-31T11:30:05".into())
        );
    }
}
