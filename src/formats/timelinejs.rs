//! TimelineJS3 timelines: read the JSON format and the spreadsheet layout saved as CSV,
//! and write JSON that TimelineJS can open.
//!
//! One file is one article. Its text is every slide's text, HTML turned into plain text,
//! one paragraph per slide (title slide first, then events, then eras), so that each event
//! has its own slide text as its passage and the source panel shows it. Slide fields frise
//! has no place for (media, background, the HTML of headline and text, …) stay on the event
//! as unknown fields, so nothing is lost; media and link URLs are listed in the article's
//! references and never fetched.
//!
//! Dates keep the precision the slide gives: a year alone is a year, year and month a
//! month, a full date a day, a time a minute (a second with `second`).
//!
//! Years before the common era follow what TimelineJS shows, which depends on the
//! timeline's `scale`. On the "human" scale (the default) dates are JavaScript dates, and
//! the English locale writes a negative year `y` as "|y| BCE": `-500` is shown "500 BCE",
//! so a TimelineJS author writes 500 BC as `-500` (historical numbering), which frise
//! stores as `-0499` (astronomical, as EDTF). On the "cosmological" scale (chosen by
//! `"scale": "cosmological"`, or by TimelineJS itself when a slide's year lies outside
//! JavaScript's calendar, before -271820 or after 275759) every year is a plain number shown
//! as "|y| years ago": there `-66000000` is 66 million years ago, frise's `Y-66000000`
//! unchanged. The writer picks the scale the same way. See [`astronomical_year`] and
//! [`timelinejs_year`].

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::html::{html_to_text, one_line, passage_at};
use super::native::{Source, json_message};
use crate::model::{
    Article, ArticleIx, CharIndex, Corpus, DatePoint, Diagnostic, Document, Edtf, Event, EventIx,
    EventRole, Evidence, Extra, HappeningIx, IntervalEnd, Lang, Precision,
};

/// Longest title made from slide text when a slide has no headline.
const TITLE_CHARS: usize = 120;

/// What a `.json` file holds, judged from its top-level members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    /// An object with a `"frise"` member: a native article.
    Native,
    /// An object with `"events"` (or `"title"` and `"eras"`) and no `"frise"`.
    TimelineJs,
    /// A saved presentation (`"frise_story"`): not an article, and not a problem.
    Story,
    /// A complete object that is neither.
    Neither,
    /// Valid JSON whose top level is not an object (the name of what it is).
    NotObject(&'static str),
    /// The top level could not be read far enough to tell (invalid or truncated JSON): the
    /// native reader reports the syntax error.
    Unknown,
}

/// Tells a native article from a TimelineJS timeline by its top-level member names.
///
/// Stops at a `"frise"` member, so a native file (which writes it first) costs almost
/// nothing to classify; other values are skipped without being built.
pub fn classify_json(text: &str) -> JsonKind {
    #[derive(Default)]
    struct Probe {
        keys: Vec<String>,
        top: Option<&'static str>,
    }
    struct ProbeVisitor<'p>(&'p mut Probe);
    const STOP: &str = "\u{0}stop";
    impl<'de> Visitor<'de> for ProbeVisitor<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
            self.0.top = Some("object");
            while let Some(key) = map.next_key::<String>()? {
                let stop = key == "frise" || key == "frise_story";
                self.0.keys.push(key);
                if stop {
                    return Err(de::Error::custom(STOP));
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }
        fn visit_seq<S: SeqAccess<'de>>(self, _seq: S) -> Result<(), S::Error> {
            self.0.top = Some("array");
            Err(de::Error::custom(STOP))
        }
        fn visit_str<E: de::Error>(self, _v: &str) -> Result<(), E> {
            self.0.top = Some("string");
            Ok(())
        }
        fn visit_bool<E: de::Error>(self, _v: bool) -> Result<(), E> {
            self.0.top = Some("boolean");
            Ok(())
        }
        fn visit_i64<E: de::Error>(self, _v: i64) -> Result<(), E> {
            self.0.top = Some("number");
            Ok(())
        }
        fn visit_u64<E: de::Error>(self, _v: u64) -> Result<(), E> {
            self.0.top = Some("number");
            Ok(())
        }
        fn visit_f64<E: de::Error>(self, _v: f64) -> Result<(), E> {
            self.0.top = Some("number");
            Ok(())
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            self.0.top = Some("null");
            Ok(())
        }
    }
    let mut probe = Probe::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let complete = de::Deserializer::deserialize_any(&mut de, ProbeVisitor(&mut probe)).is_ok();
    let has = |k: &str| probe.keys.iter().any(|x| x == k);
    if has("frise") {
        JsonKind::Native
    } else if has("frise_story") {
        JsonKind::Story
    } else if has("events") || (has("title") && has("eras")) {
        JsonKind::TimelineJs
    } else {
        match probe.top {
            Some("object") if complete => JsonKind::Neither,
            Some("object") | None => JsonKind::Unknown,
            Some(other) => JsonKind::NotObject(other),
        }
    }
}

/// A JSON object's members in order, as raw text with their place in the file.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: &'de RawValue = map.next_value()?;
                    members.push((key, value));
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// A scalar given as a string or a number ("1999" or 1999), trimmed; `None` when empty,
/// null or not a scalar.
fn scalar(raw: &RawValue) -> Option<String> {
    let s = match serde_json::from_str::<Value>(raw.get()).ok()? {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null | Value::Array(_) | Value::Object(_) => return None,
    };
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// One field of a TimelineJS date, with where it is written.
#[derive(Clone, Debug)]
struct Field {
    text: String,
    pos: Option<(u32, u32)>,
}

/// The parts of a `start_date` / `end_date` object, or of a spreadsheet row's date columns.
#[derive(Clone, Debug, Default)]
struct DateFields {
    year: Option<Field>,
    month: Option<Field>,
    day: Option<Field>,
    hour: Option<Field>,
    minute: Option<Field>,
    second: Option<Field>,
    display_date: Option<String>,
    /// What was given instead of a date object (`"start_date": "1999"`), and where.
    malformed: Option<Field>,
}

impl DateFields {
    fn is_empty(&self) -> bool {
        self.year.is_none()
            && self.month.is_none()
            && self.day.is_none()
            && self.hour.is_none()
            && self.minute.is_none()
            && self.second.is_none()
    }
}

/// What a slide's date fields amount to.
enum DateOutcome {
    Date(DatePoint),
    Absent,
    /// Not a date frise can hold (a year before 0): kept undated, with this warning.
    Unsupported(String),
    /// Not a date at all (month 13): the slide is skipped, with this error.
    Invalid {
        message: String,
        pos: Option<(u32, u32)>,
    },
}

fn whole_number(field: &Field, name: &str, what: &str) -> Result<i64, DateOutcome> {
    let t = field.text.trim();
    if let Ok(n) = t.parse::<i64>() {
        return Ok(n);
    }
    match t.parse::<f64>() {
        Ok(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 => Ok(f as i64),
        _ => Err(DateOutcome::Invalid {
            message: format!("{what}: {name} `{t}` is not a whole number"),
            pos: field.pos,
        }),
    }
}

/// Turns date fields into a point at the precision they give. `what` names the date in
/// messages ("start_date"); `warnings` receives corrections that still give a date.
/// `cosmological` is the timeline's scale (see [`astronomical_year`]).
fn date_point(
    fields: &DateFields,
    what: &str,
    cosmological: bool,
    warnings: &mut Vec<String>,
) -> DateOutcome {
    if let Some(given) = &fields.malformed {
        return DateOutcome::Invalid {
            message: format!(
                "{what} must be an object such as {{\"year\": \"1999\", \"month\": \"5\"}}, not `{}`",
                given.text
            ),
            pos: given.pos,
        };
    }
    if fields.is_empty() {
        return DateOutcome::Absent;
    }
    let Some(year_field) = &fields.year else {
        return DateOutcome::Unsupported(format!("{what} has no year"));
    };
    let year = match whole_number(year_field, "year", what) {
        Ok(y) => y,
        Err(e) => return e,
    };
    let Some(astronomical) = astronomical_year(year, cosmological) else {
        return DateOutcome::Unsupported(format!(
            "{what}: year {year} is beyond the years frise can place (±100 billion)"
        ));
    };
    if year == 0 && !cosmological {
        warnings.push(format!(
            "{what}: TimelineJS has no year 0 before the common era (it shows \"0\"); read as 1 BC, the year JavaScript means by 0"
        ));
    }
    let number = |f: &Option<Field>, name: &str| -> Result<Option<(i64, Field)>, DateOutcome> {
        match f {
            None => Ok(None),
            Some(field) => whole_number(field, name, what).map(|n| Some((n, field.clone()))),
        }
    };
    let month = match number(&fields.month, "month") {
        Ok(m) => m,
        Err(e) => return e,
    };
    let mut day = match number(&fields.day, "day") {
        Ok(d) => d,
        Err(e) => return e,
    };
    let mut hour = match number(&fields.hour, "hour") {
        Ok(h) => h,
        Err(e) => return e,
    };
    let mut minute = match number(&fields.minute, "minute") {
        Ok(m) => m,
        Err(e) => return e,
    };
    let mut second = match number(&fields.second, "second") {
        Ok(s) => s,
        Err(e) => return e,
    };
    if let Some((m, field)) = &month
        && !(1..=12).contains(m)
    {
        return DateOutcome::Invalid {
            message: format!("{what}: month {m} does not exist"),
            pos: field.pos,
        };
    }
    if month.is_none() && day.is_some() {
        warnings.push(format!("{what}: a day without a month is ignored"));
        day = None;
    }
    if day.is_none() && hour.is_some() {
        warnings.push(format!("{what}: a time without a day is ignored"));
        hour = None;
        minute = None;
    }
    if hour.is_none() && minute.is_some() {
        warnings.push(format!("{what}: minutes without an hour are ignored"));
        minute = None;
    }
    if minute.is_none() && second.is_some() {
        warnings.push(format!("{what}: seconds without minutes are ignored"));
        second = None;
    }
    let precision = match (&month, &day, &hour) {
        (None, _, _) => Precision::Year,
        (Some(_), None, _) => Precision::Month,
        (Some(_), Some(_), None) => Precision::Day,
        (Some(_), Some(_), Some(_)) => Precision::Minute,
    };
    let part = |v: &Option<(i64, Field)>, default: u32| {
        v.as_ref()
            .map_or(Some(default), |(n, _)| u32::try_from(*n).ok())
    };
    let (Some(m), Some(d), Some(h), Some(mi)) = (
        part(&month, 1),
        part(&day, 1),
        part(&hour, 0),
        part(&minute, 0),
    ) else {
        return invalid_day_or_time(what, year, &month, &day, &hour, &minute);
    };
    let point = DatePoint::new(precision, astronomical, m, d, h, mi);
    let point = match &second {
        None => point,
        Some((sec, field)) => match u32::try_from(*sec).ok().and_then(|s| point?.with_second(s)) {
            Some(p) => Some(p),
            None => {
                return DateOutcome::Invalid {
                    message: format!("{what}: second {sec} does not exist"),
                    pos: field.pos,
                };
            }
        },
    };
    match point {
        Some(p) => DateOutcome::Date(p),
        None => invalid_day_or_time(what, year, &month, &day, &hour, &minute),
    }
}

/// The years of JavaScript's calendar, in which TimelineJS keeps the "human" scale; a
/// timeline with a slide outside them is drawn on the "cosmological" scale.
const CALENDAR_YEARS: std::ops::RangeInclusive<i64> = -271_820..=275_759;

/// frise's astronomical year for a TimelineJS `year`. On the human scale `-500` ("500
/// BCE") is `-499`, and `0`, which TimelineJS shows as "0", is read as JavaScript's year 0,
/// 1 BC. On the cosmological scale years are kept as they are (`-66000000`, shown "66
/// million years ago" by both programs). `None` beyond the years frise holds.
pub fn astronomical_year(year: i64, cosmological: bool) -> Option<i64> {
    let astronomical = if !cosmological && year < 0 {
        year + 1
    } else {
        year
    };
    (astronomical.unsigned_abs() <= crate::model::date::MAX_YEAR.unsigned_abs())
        .then_some(astronomical)
}

/// The TimelineJS `year` for frise's astronomical `year`, the inverse of
/// [`astronomical_year`]: on the human scale `-499` (500 BC) is written `-500`, so
/// TimelineJS shows "500 BCE".
pub fn timelinejs_year(year: i64, cosmological: bool) -> i64 {
    if !cosmological && year <= 0 {
        year - 1
    } else {
        year
    }
}

/// Is a timeline with these members and slides drawn on TimelineJS's cosmological scale?
/// As TimelineJS decides: its `scale` member, else whether a slide's year lies outside
/// JavaScript's calendar.
fn is_cosmological(kept: &Map<String, Value>, slides: &[Slide]) -> bool {
    match kept.get("scale").and_then(Value::as_str) {
        Some(scale) => scale.trim().eq_ignore_ascii_case("cosmological"),
        None => slides.iter().any(|s| {
            s.start
                .year
                .as_ref()
                .and_then(|f| f.text.trim().parse::<i64>().ok())
                .is_some_and(|y| !CALENDAR_YEARS.contains(&y))
        }),
    }
}

fn invalid_day_or_time(
    what: &str,
    year: i64,
    month: &Option<(i64, Field)>,
    day: &Option<(i64, Field)>,
    hour: &Option<(i64, Field)>,
    minute: &Option<(i64, Field)>,
) -> DateOutcome {
    let time_ok = hour.as_ref().is_none_or(|(h, _)| (0..=23).contains(h))
        && minute.as_ref().is_none_or(|(m, _)| (0..=59).contains(m));
    if !time_ok {
        let (h, pos) = hour.as_ref().map_or((0, None), |(h, f)| (*h, f.pos));
        let mi = minute.as_ref().map_or(0, |(m, _)| *m);
        return DateOutcome::Invalid {
            message: format!("{what}: time {h:02}:{mi:02} does not exist"),
            pos,
        };
    }
    let m = month.as_ref().map_or(1, |(m, _)| *m);
    let (d, pos) = day.as_ref().map_or((1, None), |(d, f)| (*d, f.pos));
    DateOutcome::Invalid {
        message: format!("{what}: day {d} does not exist in {year:04}-{m:02}"),
        pos,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SlideKind {
    Title,
    Event,
    Era,
}

/// One slide (or era, or the title slide) as either format gives it.
#[derive(Debug)]
struct Slide {
    kind: SlideKind,
    /// 1-based among slides of its kind, for default ids ("slide-3", "era-1").
    number: usize,
    unique_id: Option<String>,
    start: DateFields,
    end: DateFields,
    display_date: Option<String>,
    headline_html: String,
    text_html: String,
    group: Option<String>,
    media: Option<Value>,
    background: Option<Value>,
    /// Members frise does not map, kept on the event.
    extra: Map<String, Value>,
    pos: Option<(u32, u32)>,
}

impl Slide {
    fn new(kind: SlideKind, number: usize, pos: Option<(u32, u32)>) -> Self {
        Self {
            kind,
            number,
            unique_id: None,
            start: DateFields::default(),
            end: DateFields::default(),
            display_date: None,
            headline_html: String::new(),
            text_html: String::new(),
            group: None,
            media: None,
            background: None,
            extra: Map::new(),
            pos,
        }
    }

    fn default_id(&self) -> String {
        match self.kind {
            SlideKind::Title => "title".to_owned(),
            SlideKind::Event => format!("slide-{}", self.number),
            SlideKind::Era => format!("era-{}", self.number),
        }
    }
}

/// Reads a TimelineJS3 JSON file (`{"title": …, "events": […], "eras": […]}`).
pub fn read_json(src: &Source<'_>) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let text = src.text;
    let members = match serde_json::from_str::<Members<'_>>(text) {
        Ok(m) => m,
        Err(e) => {
            diags.push(src.error(json_message(&e)).at(src.error_pos(text, &e)));
            return (Vec::new(), diags);
        }
    };
    let article_id = file_stem(src.path);
    let top_pos = src.pos(text.trim_start());
    let mut title = None;
    let mut slides = Vec::new();
    let mut eras = Vec::new();
    let mut language = String::new();
    let mut kept = Map::new();
    let mut has_events = false;
    for (key, raw) in &members.0 {
        match key.as_str() {
            "title" => {
                title = read_slide(src, raw, SlideKind::Title, 1, &article_id, &mut diags);
            }
            "events" | "eras" => {
                let kind = if key == "events" {
                    SlideKind::Event
                } else {
                    SlideKind::Era
                };
                let list = match serde_json::from_str::<Option<Vec<&RawValue>>>(raw.get()) {
                    Ok(list) => {
                        has_events |= kind == SlideKind::Event && list.is_some();
                        list.unwrap_or_default()
                    }
                    Err(e) => {
                        diags.push(
                            src.error(format!(
                                "\"{key}\" must be an array of slides: {}",
                                json_message(&e)
                            ))
                            .at(src.error_pos(raw.get(), &e))
                            .in_article(&article_id),
                        );
                        continue;
                    }
                };
                let target = if kind == SlideKind::Event {
                    &mut slides
                } else {
                    &mut eras
                };
                for (n, raw_slide) in list.into_iter().enumerate() {
                    target.extend(read_slide(
                        src,
                        raw_slide,
                        kind,
                        n + 1,
                        &article_id,
                        &mut diags,
                    ));
                }
            }
            "language" | "lang" => match scalar(raw) {
                Some(l) => language = l,
                None => {
                    kept.insert(key.clone(), raw_json(raw));
                }
            },
            _ => {
                kept.insert(key.clone(), raw_json(raw));
            }
        }
    }
    if !has_events {
        diags.push(
            src.error("the timeline has no \"events\" array (TimelineJS3 needs one); only its title and eras are read")
                .at(top_pos)
                .in_article(&article_id),
        );
    }
    let doc = build_document(
        src,
        Parts {
            article_id,
            language,
            title,
            slides,
            eras,
            kept,
        },
        &mut diags,
    );
    (vec![doc], diags)
}

fn raw_json(raw: &RawValue) -> Value {
    serde_json::from_str(raw.get()).unwrap_or(Value::Null)
}

fn file_stem(path: &Arc<str>) -> String {
    Path::new(&**path).file_stem().map_or_else(
        || "timeline".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

fn file_name(path: &Arc<str>) -> String {
    Path::new(&**path)
        .file_name()
        .map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned())
}

/// Decodes one slide object; `None` (with an error) when it is not an object.
fn read_slide(
    src: &Source<'_>,
    raw: &RawValue,
    kind: SlideKind,
    number: usize,
    article_id: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Slide> {
    let pos = src.pos(raw.get());
    let members = match serde_json::from_str::<Members<'_>>(raw.get()) {
        Ok(m) => m,
        Err(e) => {
            let what = match kind {
                SlideKind::Title => "the title slide".to_owned(),
                SlideKind::Event => format!("slide {number}"),
                SlideKind::Era => format!("era {number}"),
            };
            diags.push(
                src.error(format!("{what} skipped: {}", json_message(&e)))
                    .at(src.error_pos(raw.get(), &e))
                    .in_article(article_id),
            );
            return None;
        }
    };
    let mut slide = Slide::new(kind, number, pos);
    for (key, value) in &members.0 {
        match key.as_str() {
            "start_date" => slide.start = read_date(src, value),
            "end_date" => slide.end = read_date(src, value),
            "display_date" => slide.display_date = scalar(value),
            "unique_id" => slide.unique_id = scalar(value),
            "group" => slide.group = scalar(value),
            "text" => {
                let v = raw_json(value);
                match &v {
                    Value::Object(t) => {
                        let s = |k: &str| t.get(k).and_then(Value::as_str).unwrap_or("");
                        slide.headline_html = s("headline").to_owned();
                        slide.text_html = s("text").to_owned();
                    }
                    Value::String(s) => slide.text_html = s.clone(),
                    _ => {}
                }
                // The HTML is kept when it carries more than the plain text shows.
                if slide.headline_html.contains(['<', '&']) || slide.text_html.contains(['<', '&'])
                {
                    slide.extra.insert(key.clone(), v);
                }
            }
            "media" => slide.media = Some(raw_json(value)),
            "background" => slide.background = Some(raw_json(value)),
            _ => {
                slide.extra.insert(key.clone(), raw_json(value));
            }
        }
    }
    Some(slide)
}

fn read_date(src: &Source<'_>, raw: &RawValue) -> DateFields {
    let mut fields = DateFields::default();
    let Ok(members) = serde_json::from_str::<Members<'_>>(raw.get()) else {
        if raw.get().trim() != "null" {
            fields.malformed = Some(Field {
                text: one_line(raw.get(), 40),
                pos: src.pos(raw.get()),
            });
        }
        return fields;
    };
    for (key, value) in &members.0 {
        let field = scalar(value).map(|text| Field {
            text,
            pos: src.pos(value.get()),
        });
        match key.as_str() {
            "year" => fields.year = field,
            "month" => fields.month = field,
            "day" => fields.day = field,
            "hour" => fields.hour = field,
            "minute" => fields.minute = field,
            "second" => fields.second = field,
            "display_date" => fields.display_date = field.map(|f| f.text),
            _ => {}
        }
    }
    fields
}

/// Column names of the TimelineJS3 spreadsheet template, lower-cased.
const CSV_COLUMNS: &[&str] = &[
    "year",
    "month",
    "day",
    "time",
    "end year",
    "end month",
    "end day",
    "end time",
    "display date",
    "headline",
    "text",
    "media",
    "media credit",
    "media caption",
    "media thumbnail",
    "type",
    "group",
    "background",
];

/// Columns without which a CSV file is not a TimelineJS3 spreadsheet.
const CSV_REQUIRED: &[&str] = &["Year", "Headline", "Text"];

/// Reads the TimelineJS3 spreadsheet layout saved as CSV (`Year,Month,Day,Time,End Year,…`).
pub fn read_csv(src: &Source<'_>) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let article_id = file_stem(src.path);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(src.text.as_bytes());
    let Some(columns) = csv_columns(src, &mut reader, &mut diags) else {
        return (Vec::new(), diags);
    };
    let mut title = None;
    let mut slides = Vec::new();
    let mut eras = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let pos = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = e
                    .position()
                    .map_or(pos, csv::Position::byte)
                    .try_into()
                    .unwrap_or(usize::MAX);
                diags.push(
                    src.error(format!("CSV row skipped: {e}"))
                        .at(src.text.get(at..).and_then(|s| src.pos(s)))
                        .in_article(&article_id),
                );
                break;
            }
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let start = record
            .position()
            .map_or(pos, csv::Position::byte)
            .try_into()
            .unwrap_or(usize::MAX);
        let row = CsvRow {
            columns: &columns,
            record: &record,
            pos: src.text.get(start..).and_then(|s| src.pos(s)),
        };
        let warn = |m: String| src.warning(m).at(row.pos).in_article(&article_id);
        let kind = row.kind(&mut diags, &warn);
        let number = match kind {
            SlideKind::Title => 1,
            SlideKind::Event => slides.len() + 1,
            SlideKind::Era => eras.len() + 1,
        };
        let mut slide = match row.slide(kind, number) {
            Ok(slide) => slide,
            Err((problem, id)) => {
                diags.push(
                    src.error(format!("slide skipped: {problem}"))
                        .at(row.pos)
                        .in_article(&article_id)
                        .in_event(&id),
                );
                continue;
            }
        };
        match kind {
            SlideKind::Title if title.is_some() => {
                diags.push(warn("a second title row is read as a slide".to_owned()));
                slide.kind = SlideKind::Event;
                slide.number = slides.len() + 1;
                slides.push(slide);
            }
            SlideKind::Title => title = Some(slide),
            SlideKind::Event => slides.push(slide),
            SlideKind::Era => eras.push(slide),
        }
    }
    let doc = build_document(
        src,
        Parts {
            article_id,
            language: String::new(),
            title,
            slides,
            eras,
            kept: Map::new(),
        },
        &mut diags,
    );
    (vec![doc], diags)
}

/// The header row of a TimelineJS3 spreadsheet: its names as written and in lower case.
struct CsvColumns {
    headers: csv::StringRecord,
    names: Vec<String>,
}

impl CsvColumns {
    fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

/// Reads and checks the header row; `None` when the file is not a spreadsheet to load (with
/// an error, or silently for frise's own CSV export).
fn csv_columns(
    src: &Source<'_>,
    reader: &mut csv::Reader<&[u8]>,
    diags: &mut Vec<Diagnostic>,
) -> Option<CsvColumns> {
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diags.push(
                src.error(format!("cannot read the CSV header: {e}"))
                    .at(Some((1, 1))),
            );
            return None;
        }
    };
    let names: Vec<String> = headers
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    // frise's own CSV export (one row per passage) may be saved beside the articles; it is
    // data about them, not a timeline to load again.
    if names
        .first()
        .is_some_and(|n| n.trim_start_matches('\u{feff}') == "article_id")
        && names.get(1).is_some_and(|n| n == "event_id")
    {
        return None;
    }
    let columns = CsvColumns { headers, names };
    let missing: Vec<&str> = CSV_REQUIRED
        .iter()
        .copied()
        .filter(|c| columns.index(&c.to_ascii_lowercase()).is_none())
        .collect();
    if !missing.is_empty() {
        let found: Vec<&str> = columns.headers.iter().take(8).map(str::trim).collect();
        diags.push(
            src.error(format!(
                "not a TimelineJS3 spreadsheet: the first row must name its columns (Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date, Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group, Background); missing {}; found {}",
                missing.join(", "),
                if found.is_empty() { "nothing".to_owned() } else { found.join(", ") }
            ))
            .at(Some((1, 1))),
        );
        return None;
    }
    Some(columns)
}

/// One data row of a spreadsheet, read by column name.
struct CsvRow<'r> {
    columns: &'r CsvColumns,
    record: &'r csv::StringRecord,
    pos: Option<(u32, u32)>,
}

impl CsvRow<'_> {
    /// The trimmed, non-empty cell of a column.
    fn cell(&self, name: &str) -> Option<String> {
        let v = self.record.get(self.columns.index(name)?)?.trim();
        (!v.is_empty()).then(|| v.to_owned())
    }

    fn field(&self, name: &str) -> Option<Field> {
        self.cell(name).map(|text| Field {
            text,
            pos: self.pos,
        })
    }

    /// The row's `Type`: title, era, or (empty or unknown, with a warning) a slide.
    fn kind(&self, diags: &mut Vec<Diagnostic>, warn: &dyn Fn(String) -> Diagnostic) -> SlideKind {
        match self.cell("type").map(|t| t.to_ascii_lowercase()).as_deref() {
            None => SlideKind::Event,
            Some("title") => SlideKind::Title,
            Some("era") => SlideKind::Era,
            Some(other) => {
                diags.push(warn(format!(
                    "unknown row Type `{other}` (title, era, or empty for a slide); read as a slide"
                )));
                SlideKind::Event
            }
        }
    }

    /// The date columns with `prefix` ("" or "end "); an unreadable time is an error.
    fn date(&self, prefix: &str) -> Result<DateFields, String> {
        let mut fields = DateFields {
            year: self.field(&format!("{prefix}year")),
            month: self.field(&format!("{prefix}month")),
            day: self.field(&format!("{prefix}day")),
            ..DateFields::default()
        };
        if let Some(time) = self.cell(&format!("{prefix}time")) {
            let Some((h, m)) = parse_time(&time) else {
                return Err(format!(
                    "{}Time `{time}` is not a time (hh:mm, hh:mm:ss, optionally AM/PM)",
                    if prefix.is_empty() { "" } else { "End " }
                ));
            };
            let at = |n: u32| Field {
                text: n.to_string(),
                pos: self.pos,
            };
            fields.hour = Some(at(h));
            fields.minute = Some(at(m));
        }
        Ok(fields)
    }

    /// The slide this row describes; `Err((problem, slide id))` when it must be skipped.
    fn slide(&self, kind: SlideKind, number: usize) -> Result<Slide, (String, String)> {
        let mut slide = Slide::new(kind, number, self.pos);
        let dates = self.date("").and_then(|s| Ok((s, self.date("end ")?)));
        (slide.start, slide.end) = dates.map_err(|problem| (problem, slide.default_id()))?;
        slide.display_date = self.cell("display date");
        slide.headline_html = self.cell("headline").unwrap_or_default();
        slide.text_html = self.cell("text").unwrap_or_default();
        if slide.headline_html.contains(['<', '&']) || slide.text_html.contains(['<', '&']) {
            let mut t = Map::new();
            t.insert("headline".into(), slide.headline_html.clone().into());
            t.insert("text".into(), slide.text_html.clone().into());
            slide.extra.insert("text".into(), Value::Object(t));
        }
        slide.group = self.cell("group");
        let mut media = Map::new();
        for (col, key) in [
            ("media", "url"),
            ("media credit", "credit"),
            ("media caption", "caption"),
            ("media thumbnail", "thumbnail"),
        ] {
            if let Some(v) = self.cell(col) {
                media.insert(key.into(), v.into());
            }
        }
        if !media.is_empty() {
            slide.media = Some(Value::Object(media));
        }
        if let Some(bg) = self.cell("background") {
            let key = if bg.starts_with('#') { "color" } else { "url" };
            let mut m = Map::new();
            m.insert(key.into(), bg.into());
            slide.background = Some(Value::Object(m));
        }
        // Columns TimelineJS does not define are kept on the event under their own name.
        for (i, name) in self.columns.headers.iter().enumerate() {
            let known = self
                .columns
                .names
                .get(i)
                .is_some_and(|n| CSV_COLUMNS.contains(&n.as_str()));
            if let Some(v) = self.record.get(i).map(str::trim).filter(|v| !v.is_empty())
                && !known
            {
                slide.extra.insert(name.trim().to_owned(), v.into());
            }
        }
        Ok(slide)
    }
}

/// "14:30", "14:30:15", "2:30 PM", "2 PM" → (hour, minute).
fn parse_time(text: &str) -> Option<(u32, u32)> {
    let t = text.trim().to_ascii_lowercase();
    let (body, pm) = if let Some(b) = t.strip_suffix("pm") {
        (b.trim(), Some(true))
    } else if let Some(b) = t.strip_suffix("am") {
        (b.trim(), Some(false))
    } else {
        (t.as_str(), None)
    };
    let mut parts = body.split(':');
    let hour: u32 = parts.next()?.trim().parse().ok()?;
    let minute: u32 = match parts.next() {
        Some(m) => m.trim().parse().ok()?,
        None if pm.is_some() => 0,
        None => return None,
    };
    if let Some(s) = parts.next() {
        let seconds = s.trim().split('.').next()?;
        seconds.parse::<u32>().ok().filter(|s| *s < 60)?;
    }
    if parts.next().is_some() || minute > 59 {
        return None;
    }
    let hour = match pm {
        None if hour <= 23 => hour,
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(true) => hour % 12 + 12,
        Some(false) => hour % 12,
        None => return None,
    };
    Some((hour, minute))
}

/// Media and background URLs (never HTML embeds), for the article's references.
fn media_urls(slide: &Slide) -> Vec<String> {
    let mut urls = Vec::new();
    let mut push = |v: Option<&Value>| {
        if let Some(u) = v.and_then(Value::as_str).map(str::trim)
            && !u.is_empty()
            && !u.starts_with('<')
        {
            urls.push(u.to_owned());
        }
    };
    if let Some(Value::Object(m)) = &slide.media {
        push(m.get("url"));
        push(m.get("thumbnail"));
    }
    if let Some(Value::Object(b)) = &slide.background {
        push(b.get("url"));
    }
    urls
}

/// The text a slide shows: its own text, or, when it has none, the quotation its media
/// holds (a `<blockquote>` given as media is how TimelineJS shows a quote).
fn slide_text(slide: &Slide) -> (String, Vec<String>) {
    let own = html_to_text(&slide.text_html);
    if !own.text.is_empty() {
        return (own.text, own.links);
    }
    if let Some(Value::Object(m)) = &slide.media
        && let Some(url) = m.get("url").and_then(Value::as_str)
        && url.trim_start().starts_with('<')
    {
        let quoted = html_to_text(url);
        return (quoted.text, quoted.links);
    }
    (String::new(), own.links)
}

/// What a reader gathered from one file, before it becomes an article.
struct Parts {
    article_id: String,
    language: String,
    title: Option<Slide>,
    slides: Vec<Slide>,
    eras: Vec<Slide>,
    /// Top-level members frise does not map, kept on the article.
    kept: Map<String, Value>,
}

/// The article text being built, one paragraph per slide, and the URLs it references.
#[derive(Default)]
struct ArticleText {
    text: String,
    references: Vec<String>,
}

impl ArticleText {
    /// Appends a slide's text as a paragraph; its byte range is the slide's passage.
    fn paragraph(&mut self, body: &str) -> Option<Range<usize>> {
        if body.is_empty() {
            return None;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(body);
        Some(start..self.text.len())
    }

    fn add_references(&mut self, refs: Vec<String>) {
        for r in refs {
            if !self.references.contains(&r) {
                self.references.push(r);
            }
        }
    }

    /// Appends a slide's text and its links; the byte range of its paragraph.
    fn add_slide(&mut self, slide: &Slide) -> Option<Range<usize>> {
        let (body, links) = slide_text(slide);
        let bytes = self.paragraph(&body);
        self.add_references(links);
        self.add_references(media_urls(slide));
        bytes
    }
}

fn build_document(src: &Source<'_>, parts: Parts, diags: &mut Vec<Diagnostic>) -> Document {
    let Parts {
        article_id,
        language,
        title,
        slides,
        eras,
        mut kept,
    } = parts;
    let cosmological = is_cosmological(&kept, &slides);
    let mut text = ArticleText::default();
    let mut article_title = String::new();
    if let Some(t) = &title {
        article_title = one_line(&html_to_text(&t.headline_html).text, usize::MAX);
        text.add_slide(t);
        let mut title_slide = t.extra.clone();
        if let Some(m) = &t.media {
            title_slide.insert("media".into(), m.clone());
        }
        if let Some(b) = &t.background {
            title_slide.insert("background".into(), b.clone());
        }
        if !title_slide.is_empty() {
            kept.insert("title".into(), Value::Object(title_slide));
        }
    }
    let pending: Vec<(Slide, Option<Range<usize>>)> = slides
        .into_iter()
        .chain(eras)
        .map(|slide| {
            let bytes = text.add_slide(&slide);
            (slide, bytes)
        })
        .collect();

    let ArticleText { text, references } = text;
    let index = CharIndex::new(&text);
    let mut ids = SlideIds::default();
    let mut events = Vec::with_capacity(pending.len());
    for (slide, bytes) in pending {
        let (id, taken) = ids.claim(&slide);
        if let Some(taken) = taken {
            diags.push(
                src.warning(format!(
                    "unique_id '{taken}' is used by an earlier slide; this one is called '{id}'"
                ))
                .at(slide.pos)
                .in_article(&article_id)
                .in_event(&id),
            );
        }
        let warn = |m: String| {
            src.warning(m)
                .at(slide.pos)
                .in_article(&article_id)
                .in_event(&id)
        };
        let date = match slide_date(&slide, cosmological, diags, &warn) {
            Ok(date) => date,
            Err((message, pos)) => {
                diags.push(
                    src.error(format!("slide skipped: {message}"))
                        .at(pos.or(slide.pos))
                        .in_article(&article_id)
                        .in_event(&id),
                );
                continue;
            }
        };
        let title = {
            let headline = one_line(&html_to_text(&slide.headline_html).text, usize::MAX);
            if !headline.is_empty() {
                headline
            } else if let Some(b) = &bytes {
                one_line(text.get(b.clone()).unwrap_or(""), TITLE_CHARS)
            } else {
                id.clone()
            }
        };
        let mut evidence = Vec::new();
        match bytes.and_then(|b| passage_at(&index, &text, b)) {
            Some(passage) => evidence.push(Evidence {
                passage,
                extra: None,
            }),
            None => diags.push(warn(
                "the slide has no text, so the event has no passage".to_owned(),
            )),
        }
        events.push(slide_event(slide, id, title, date, evidence));
    }

    let source = if article_title.is_empty() {
        file_name(src.path)
    } else {
        article_title.clone()
    };
    let mut article_extra = Map::new();
    if !kept.is_empty() {
        article_extra.insert("timelinejs".into(), Value::Object(kept));
    }
    Document {
        article: Article {
            id: article_id,
            title: article_title,
            source,
            url: None,
            published: None,
            language,
            text,
            path: Arc::clone(src.path),
            references,
            declared_entities: Vec::new(),
            events: 0..0,
            extra: extra_of(article_extra),
        },
        entities: Vec::new(),
        events,
        diagnostics: Vec::new(),
    }
}

/// Event ids of one timeline: a slide's `unique_id` (or default id), renamed when an
/// earlier slide took it.
#[derive(Default)]
struct SlideIds(HashSet<String>);

impl SlideIds {
    /// The slide's id, and the id it asked for when an earlier slide had taken it.
    fn claim(&mut self, slide: &Slide) -> (String, Option<String>) {
        let id = slide
            .unique_id
            .clone()
            .unwrap_or_else(|| slide.default_id());
        if self.0.insert(id.clone()) {
            return (id, None);
        }
        let mut k = 2;
        loop {
            let candidate = format!("{id}-{k}");
            if self.0.insert(candidate.clone()) {
                return (candidate, Some(id));
            }
            k += 1;
        }
    }
}

/// A slide's date from its start and end fields, with warnings for what is ignored;
/// `Err((message, place))` when a field is invalid and the slide is skipped.
fn slide_date(
    slide: &Slide,
    cosmological: bool,
    diags: &mut Vec<Diagnostic>,
    warn: &dyn Fn(String) -> Diagnostic,
) -> Result<Option<Edtf>, (String, Option<(u32, u32)>)> {
    let mut warnings = Vec::new();
    let start = date_point(&slide.start, "start_date", cosmological, &mut warnings);
    let end = date_point(&slide.end, "end_date", cosmological, &mut warnings);
    for outcome in [&start, &end] {
        if let DateOutcome::Invalid { message, pos } = outcome {
            return Err((message.clone(), *pos));
        }
    }
    diags.extend(warnings.into_iter().map(warn));
    Ok(match (start, end) {
        (DateOutcome::Date(s), DateOutcome::Date(e)) => {
            if s.earliest() >= e.latest() {
                diags.push(warn(format!(
                    "end_date {e} is before start_date {s}; the end is ignored"
                )));
                point_or_open_era(slide, s, diags, warn)
            } else {
                Some(Edtf::Interval {
                    start: IntervalEnd::Date(s),
                    end: IntervalEnd::Date(e),
                })
            }
        }
        (DateOutcome::Date(s), end) => {
            if let DateOutcome::Unsupported(m) = end {
                diags.push(warn(format!("{m}; the end is ignored")));
            }
            point_or_open_era(slide, s, diags, warn)
        }
        (DateOutcome::Unsupported(m), _) => {
            diags.push(warn(format!("{m}: kept undated")));
            None
        }
        (DateOutcome::Absent | DateOutcome::Invalid { .. }, _) => {
            diags.push(warn(
                "no start_date (TimelineJS needs one): kept undated".to_owned(),
            ));
            None
        }
    })
}

/// The event a slide becomes; its media, background and end display date stay on it as
/// unknown fields.
fn slide_event(
    slide: Slide,
    id: String,
    title: String,
    date: Option<Edtf>,
    evidence: Vec<Evidence>,
) -> Event {
    let mut extra = slide.extra;
    if let Some(m) = slide.media {
        extra.insert("media".into(), m);
    }
    if let Some(b) = slide.background {
        extra.insert("background".into(), b);
    }
    if let Some(ed) = slide.end.display_date {
        extra.insert("end_display_date".into(), ed.into());
    }
    Event {
        id,
        article: ArticleIx(0),
        title,
        date,
        display_date: slide.display_date.or(slide.start.display_date),
        kind: None,
        actors: Vec::new(),
        places: Vec::new(),
        tags: slide.group.into_iter().collect(),
        story: None,
        evidence,
        role: if slide.kind == SlideKind::Era {
            EventRole::Period
        } else {
            EventRole::Event
        },
        happening: HappeningIx(0),
        extra: extra_of(extra),
    }
}

/// A slide's date from its start alone; an era without an end is a period of unknown end.
fn point_or_open_era(
    slide: &Slide,
    start: DatePoint,
    diags: &mut Vec<Diagnostic>,
    warn: &dyn Fn(String) -> Diagnostic,
) -> Option<Edtf> {
    if slide.kind == SlideKind::Era {
        diags.push(warn(
            "the era has no usable end_date; its end is unknown".to_owned(),
        ));
        Some(Edtf::Interval {
            start: IntervalEnd::Date(start),
            end: IntervalEnd::Unknown,
        })
    } else {
        Some(Edtf::Point(start))
    }
}

fn extra_of(map: Map<String, Value>) -> Extra {
    (!map.is_empty()).then(|| Box::new(map))
}

/// A timeline written for TimelineJS3, and what could not go in it.
#[derive(Clone, Debug)]
pub struct TimelineJs {
    /// The TimelineJS3 JSON document: `{"title": …, "events": […], "eras": […]}`.
    pub value: Value,
    /// The events written as slides, in the order of `"events"`.
    pub slides: Vec<EventIx>,
    /// The periods written as eras, in the order of `"eras"`.
    pub eras: Vec<EventIx>,
    /// Shown events left out because they have no date (TimelineJS requires one).
    pub skipped_undated: usize,
}

impl TimelineJs {
    /// Replaces the title slide (the export's `--title`, say). `text` is plain text.
    pub fn set_title(&mut self, headline: &str, text: &str) {
        if let Value::Object(top) = &mut self.value {
            top.insert(
                "title".into(),
                title_slide(headline, &html_paragraphs(text)),
            );
        }
    }
}

/// Writes the shown events of a corpus as a TimelineJS3 timeline, for `frise export
/// --out x.json` and for anyone who wants to publish a frise timeline with TimelineJS.
///
/// - `shown_events[i]` says whether event `i` is written; events past the end of the slice
///   are written, so `&[]` writes everything;
/// - `group` gives each event's TimelineJS group (its lane), or `None`;
/// - `lang` is the language of the display dates ("31 juillet 2025" or "31 July 2025").
///
/// Each event becomes a slide: `start_date` with only the fields its precision knows (a
/// year-only date has only `"year"`), `end_date` for intervals, `display_date` (the
/// source's own, else the human date), the title as headline, and as text the first
/// evidence passage followed by its source. A date open at one end is written with its
/// known end only, and the display date says "since …" or "until …". Periods with both
/// ends become eras. Undated events cannot be placed by TimelineJS: they are skipped and
/// counted in [`TimelineJs::skipped_undated`]. Text is HTML-escaped.
pub fn to_timelinejs(
    corpus: &Corpus,
    shown_events: &[bool],
    group: impl Fn(&Event) -> Option<String>,
    lang: Lang,
) -> TimelineJs {
    let shown = |i: usize| shown_events.get(i).copied().unwrap_or(true);
    let mut chosen: Vec<(EventIx, &Event, &Edtf)> = Vec::new();
    let mut skipped_undated = 0;
    for (i, event) in corpus.events.iter().enumerate() {
        if !shown(i) {
            continue;
        }
        match &event.date {
            Some(d) => chosen.push((EventIx(i as u32), event, d)),
            None => skipped_undated += 1,
        }
    }
    let cosmological = needs_cosmological(chosen.iter().map(|(_, _, d)| *d));
    let mut ids = UniqueIds::new(corpus, chosen.iter().map(|(_, e, _)| *e));

    let mut slides = Vec::new();
    let mut eras = Vec::new();
    let mut slide_values = Vec::new();
    let mut era_values = Vec::new();
    let mut articles: Vec<ArticleIx> = Vec::new();
    for (ix, event, date) in chosen {
        if !articles.contains(&event.article) {
            articles.push(event.article);
        }
        let Some((mut slide, is_era)) = slide_of(corpus, event, date, cosmological) else {
            skipped_undated += 1;
            continue;
        };
        if is_era {
            eras.push(ix);
            era_values.push(Value::Object(slide));
            continue;
        }
        let display = match &event.display_date {
            Some(d) => d.clone(),
            None => date.human(lang),
        };
        slide.insert("display_date".into(), display.into());
        if let Some(g) = group(event).filter(|g| !g.is_empty()) {
            slide.insert("group".into(), g.into());
        }
        if let Some(extra) = &event.extra {
            for key in ["media", "background"] {
                if let Some(v) = extra.get(key) {
                    slide.insert(key.into(), v.clone());
                }
            }
        }
        slide.insert("unique_id".into(), ids.next(event).into());
        slides.push(ix);
        slide_values.push(Value::Object(slide));
    }

    let (headline, intro) = title_and_intro(corpus, &articles, lang);
    let mut top = Map::new();
    if cosmological {
        top.insert("scale".into(), "cosmological".into());
    }
    top.insert("title".into(), title_slide(&headline, &intro));
    top.insert("events".into(), Value::Array(slide_values));
    if !era_values.is_empty() {
        top.insert("eras".into(), Value::Array(era_values));
    }
    TimelineJs {
        value: Value::Object(top),
        slides,
        eras,
        skipped_undated,
    }
}

/// As TimelineJS would: the cosmological scale as soon as one year is outside
/// JavaScript's calendar.
fn needs_cosmological<'d>(mut dates: impl Iterator<Item = &'d Edtf>) -> bool {
    let outside = |p: &DatePoint| {
        let (lo, hi) = p.year_range();
        [lo, hi - 1]
            .into_iter()
            .any(|y| !CALENDAR_YEARS.contains(&timelinejs_year(y, false)))
    };
    dates.any(|d| match d {
        Edtf::Point(p) => outside(p),
        Edtf::Interval { start, end } => [start, end]
            .into_iter()
            .any(|e| matches!(e, IntervalEnd::Date(p) if outside(p))),
    })
}

/// Slide ids, unique in the timeline: event ids are unique only within their article, so
/// they are prefixed with the article's id when two articles share one.
struct UniqueIds<'c> {
    corpus: &'c Corpus,
    prefix_article: bool,
    used: HashSet<String>,
}

impl<'c> UniqueIds<'c> {
    fn new<'e>(corpus: &'c Corpus, events: impl Iterator<Item = &'e Event>) -> Self {
        let mut seen = HashSet::new();
        let mut count = 0;
        let mut unique = true;
        for e in events {
            unique &= seen.insert(e.id.as_str());
            count += 1;
        }
        Self {
            corpus,
            prefix_article: !unique,
            used: HashSet::with_capacity(count),
        }
    }

    fn next(&mut self, event: &Event) -> String {
        let base = if self.prefix_article {
            let article = self.corpus.article_of(event).map_or("", |a| a.id.as_str());
            format!("{article}-{}", event.id)
        } else {
            event.id.clone()
        };
        let mut id = base.clone();
        let mut k = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{k}");
            k += 1;
        }
        id
    }
}

/// An event's slide (dates, headline, its first passage and source as text) and whether
/// it is an era; `None` when no end of its date is known.
fn slide_of(
    corpus: &Corpus,
    event: &Event,
    date: &Edtf,
    cosmological: bool,
) -> Option<(Map<String, Value>, bool)> {
    let (start, end) = match date {
        Edtf::Point(p) => (Some(*p), None),
        Edtf::Interval { start, end } => match (start, end) {
            (IntervalEnd::Date(s), IntervalEnd::Date(e)) => (Some(*s), Some(*e)),
            (IntervalEnd::Date(s), _) => (Some(*s), None),
            (_, IntervalEnd::Date(e)) => (Some(*e), None),
            _ => (None, None),
        },
    };
    let start = start?;
    let mut slide = Map::new();
    slide.insert("start_date".into(), date_json(&start, cosmological));
    if let Some(e) = end {
        slide.insert("end_date".into(), date_json(&e, cosmological));
    }
    let article = corpus.article_of(event);
    let headline = html_escape::encode_text(&event.title).into_owned();
    let mut body = String::new();
    if let (Some(article), Some(ev)) = (article, event.evidence.first()) {
        body.push_str(&html_paragraphs(ev.passage.quote(&article.text)));
    }
    if let Some(article) = article {
        body.push_str(&html_paragraphs(&format!("— {}", citation(article))));
    }
    let mut text = Map::new();
    text.insert("headline".into(), headline.into());
    text.insert("text".into(), body.into());
    slide.insert("text".into(), Value::Object(text));
    let is_era = event.role == EventRole::Period && end.is_some();
    Some((slide, is_era))
}

/// The title slide: one article's title and citation, or "N articles" and the first
/// twenty citations.
fn title_and_intro(corpus: &Corpus, articles: &[ArticleIx], lang: Lang) -> (String, String) {
    if let [only] = articles {
        let a = corpus.article(*only);
        return (
            a.map_or_else(String::new, |a| a.display_title().to_owned()),
            a.map_or_else(String::new, |a| html_paragraphs(&citation(a))),
        );
    }
    const LISTED: usize = 20;
    let mut intro: String = articles
        .iter()
        .take(LISTED)
        .filter_map(|&a| corpus.article(a))
        .map(|a| html_paragraphs(&citation(a)))
        .collect();
    if articles.len() > LISTED {
        let more = articles.len() - LISTED;
        intro.push_str(&html_paragraphs(&match lang {
            Lang::Fr => format!("… et {more} autres"),
            Lang::En => format!("… and {more} more"),
        }));
    }
    (format!("{} articles", articles.len()), intro)
}

fn title_slide(headline: &str, text_html: &str) -> Value {
    let mut text = Map::new();
    text.insert(
        "headline".into(),
        html_escape::encode_text(headline).into_owned().into(),
    );
    text.insert("text".into(), text_html.to_owned().into());
    let mut title = Map::new();
    title.insert("text".into(), Value::Object(text));
    Value::Object(title)
}

/// "source, title, date", without repeating the title when it is the source.
fn citation(article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !article.source.is_empty() {
        parts.push(article.source.clone());
    }
    if article.display_title() != article.source {
        parts.push(article.display_title().to_owned());
    }
    if let Some(p) = &article.published {
        parts.push(p.human(article.lang()));
    }
    parts.join(", ")
}

/// Plain text as HTML paragraphs, one per line, escaped.
fn html_paragraphs(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("<p>{}</p>", html_escape::encode_text(l)))
        .collect()
}

/// A TimelineJS date object with only the fields the date's precision knows.
fn date_json(p: &DatePoint, cosmological: bool) -> Value {
    let mut m = Map::new();
    m.insert(
        "year".into(),
        timelinejs_year(p.year(), cosmological).to_string().into(),
    );
    if p.precision() >= Precision::Month {
        m.insert("month".into(), p.month().to_string().into());
    }
    if p.precision() >= Precision::Day {
        m.insert("day".into(), p.day().to_string().into());
    }
    if p.precision() >= Precision::Minute {
        m.insert("hour".into(), p.hour().to_string().into());
        m.insert("minute".into(), p.minute().to_string().into());
    }
    if p.precision() >= Precision::Second {
        m.insert("second".into(), p.second().to_string().into());
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_kinds() {
        assert_eq!(classify_json(r#"{"frise": 1, "x": ["#), JsonKind::Native);
        assert_eq!(
            classify_json(r#"{"title": {}, "events": []}"#),
            JsonKind::TimelineJs
        );
        assert_eq!(
            classify_json(r#"{"title": {}, "eras": []}"#),
            JsonKind::TimelineJs
        );
        assert_eq!(classify_json(r#"{"title": {}}"#), JsonKind::Neither);
        assert_eq!(classify_json(r#"["a"]"#), JsonKind::NotObject("array"));
        assert_eq!(classify_json(r#"{"a": "#), JsonKind::Unknown);
        assert_eq!(
            classify_json(&"[".repeat(100_000)),
            JsonKind::NotObject("array")
        );
        assert_eq!(
            classify_json(&format!("{{\"a\": {}", "[".repeat(100_000))),
            JsonKind::Unknown
        );
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("14:30"), Some((14, 30)));
        assert_eq!(parse_time("2:05:10 PM"), Some((14, 5)));
        assert_eq!(parse_time("12 am"), Some((0, 0)));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("noon"), None);
    }

    fn fields(y: &str, m: &str, d: &str) -> DateFields {
        let f = |s: &str| {
            (!s.is_empty()).then(|| Field {
                text: s.to_owned(),
                pos: None,
            })
        };
        DateFields {
            year: f(y),
            month: f(m),
            day: f(d),
            ..DateFields::default()
        }
    }

    fn date_point_human(fields: &DateFields, what: &str, w: &mut Vec<String>) -> DateOutcome {
        date_point(fields, what, false, w)
    }

    #[test]
    fn years_map_both_ways() {
        for cosmological in [false, true] {
            for tl in [-271_820, -500, -1, 1, 2024, 275_759] {
                let a = astronomical_year(tl, cosmological).unwrap();
                assert_eq!(timelinejs_year(a, cosmological), tl, "{tl}");
            }
        }
        assert_eq!(astronomical_year(-500, false), Some(-499));
        assert_eq!(astronomical_year(-1, false), Some(0));
        assert_eq!(astronomical_year(-500, true), Some(-500));
        assert_eq!(astronomical_year(-66_000_000, true), Some(-66_000_000));
        assert_eq!(timelinejs_year(0, false), -1);
        assert_eq!(astronomical_year(0, false), Some(0));
        assert_eq!(astronomical_year(-1_000_000_000_000, true), None);
    }

    #[test]
    fn dates_keep_their_precision() {
        let mut w = Vec::new();
        let DateOutcome::Date(p) = date_point_human(&fields("1999", "5", ""), "start_date", &mut w)
        else {
            panic!("no date")
        };
        assert_eq!(p.to_string(), "1999-05");
        assert!(matches!(
            date_point_human(&fields("1999", "13", "1"), "start_date", &mut w),
            DateOutcome::Invalid { .. }
        ));
        assert!(matches!(
            date_point_human(&fields("1999", "2", "30"), "start_date", &mut w),
            DateOutcome::Invalid { .. }
        ));
        // TimelineJS shows -500 as "500 BCE": frise's -0499.
        let DateOutcome::Date(bc) = date_point_human(&fields("-500", "", ""), "start_date", &mut w)
        else {
            panic!("no date")
        };
        assert_eq!(bc.to_string(), "-0499");
        assert!(matches!(
            date_point_human(&fields("-1000000000000", "", ""), "start_date", &mut w),
            DateOutcome::Unsupported(_)
        ));
        assert!(matches!(
            date_point_human(&fields("19x9", "", ""), "start_date", &mut w),
            DateOutcome::Invalid { .. }
        ));
        assert!(w.is_empty());
    }
}
