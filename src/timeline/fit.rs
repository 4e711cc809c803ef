//! Zoom to fit: the window a fitted view shows (at start-up, on `F`, after a load, and in an
//! export without `--from`/`--to`).
//!
//! Fitting the whole extent lets one long interval (a decade of conflict, an "until 2011")
//! squeeze every other happening into a strip at one end. The fitted view frames where the
//! happenings are instead:
//! - every *short* happening (a point, a day, a month: anything shorter than
//!   [`SHORT_FRACTION`] of the whole extent) is in view;
//! - a long interval lying wholly outside them is followed up to its nearer end, so it is
//!   seen entering the view;
//! - long intervals overlapping them run off the edges, drawn with their open-end marks.
//!
//! When the short happenings already spread over [`SPREAD_FRACTION`] of the extent, or there
//! are none, the squeeze is mild and the whole extent is shown.

use super::index::Span;
use super::scale::TimeWindow;
use crate::model::Seconds;

/// A happening shorter than this fraction of the whole extent is framed whole.
pub const SHORT_FRACTION: f64 = 0.1;
/// Short happenings spread over at least this fraction of the extent: show it all.
pub const SPREAD_FRACTION: f64 = 1.0 / 3.0;

/// The window framing `spans` with `margin` (a fraction of the framed span) on each side;
/// `None` when no span has a known end.
pub fn fit_spans<'a>(spans: impl IntoIterator<Item = &'a Span>, margin: f64) -> Option<TimeWindow> {
    let known = |t: Seconds| t != Seconds::MIN && t != Seconds::MAX;
    let spans: Vec<(Option<f64>, Option<f64>)> = spans
        .into_iter()
        .map(|s| {
            (
                known(s.start_s).then_some(s.start_s as f64),
                known(s.end_s).then_some(s.end_s as f64),
            )
        })
        .filter(|(a, b)| a.is_some() || b.is_some())
        .collect();
    let (lo, hi) = spans
        .iter()
        .flat_map(|&(a, b)| a.into_iter().chain(b))
        .fold(None, |acc: Option<(f64, f64)>, t| {
            Some(acc.map_or((t, t), |(lo, hi)| (lo.min(t), hi.max(t))))
        })?;
    let whole = TimeWindow::fit(lo, hi, margin);
    let extent = hi - lo;
    if extent <= 0.0 {
        return Some(whole);
    }
    let is_short = |&(a, b): &(Option<f64>, Option<f64>)| match (a, b) {
        (Some(a), Some(b)) => b - a < SHORT_FRACTION * extent,
        _ => false,
    };
    let (mut flo, mut fhi) = spans
        .iter()
        .filter(|s| is_short(s))
        .fold(None, |acc: Option<(f64, f64)>, &(a, b)| {
            let (a, b) = (a.unwrap_or(lo), b.unwrap_or(hi));
            Some(acc.map_or((a, b), |(lo, hi)| (lo.min(a), hi.max(b))))
        })
        .unwrap_or((lo, hi));
    if fhi - flo >= SPREAD_FRACTION * extent {
        return Some(whole);
    }
    // Long intervals wholly outside the short happenings are reached up to their nearer end.
    for &(a, b) in spans.iter().filter(|s| !is_short(s)) {
        if let Some(b) = b
            && b < flo
        {
            flo = b;
        }
        if let Some(a) = a
            && a > fhi
        {
            fhi = a;
        }
    }
    Some(TimeWindow::fit(flo, fhi, margin))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HappeningIx;

    const DAY: Seconds = 86_400;
    const YEAR: Seconds = 365 * DAY;

    fn span(a: Seconds, b: Seconds) -> Span {
        Span {
            start_s: a,
            end_s: b,
            happening: HappeningIx(0),
        }
    }

    #[test]
    fn a_long_interval_does_not_squeeze_the_points() {
        let spans = [
            span(0, 10 * YEAR),
            span(9 * YEAR, 9 * YEAR + 30 * DAY),
            span(9 * YEAR + 200 * DAY, 9 * YEAR + 201 * DAY),
        ];
        let w = fit_spans(&spans, 0.05).unwrap();
        assert!(
            w.start_s > (8 * YEAR) as f64 && w.start_s < (9 * YEAR) as f64,
            "{w:?}"
        );
        assert!(w.end_s > (9 * YEAR + 201 * DAY) as f64);
        assert!(w.end_s < (9 * YEAR + 240 * DAY) as f64, "{w:?}");
    }

    #[test]
    fn spread_points_show_the_whole_extent() {
        let spans = [
            span(0, 10 * YEAR),
            span(DAY, 2 * DAY),
            span(8 * YEAR, 8 * YEAR + DAY),
        ];
        let w = fit_spans(&spans, 0.05).unwrap();
        assert!(w.start_s < 0.0 && w.end_s > (10 * YEAR) as f64, "{w:?}");
    }

    #[test]
    fn a_long_interval_far_away_is_reached_up_to_its_nearer_end() {
        let spans = [
            span(0, 5 * YEAR),
            span(40 * YEAR, 40 * YEAR + DAY),
            span(40 * YEAR + 100 * DAY, 40 * YEAR + 101 * DAY),
        ];
        let w = fit_spans(&spans, 0.05).unwrap();
        assert!(
            w.start_s < (5 * YEAR) as f64 && w.start_s > (3 * YEAR) as f64,
            "{w:?}"
        );
        assert!(w.end_s > (40 * YEAR + 101 * DAY) as f64);
    }

    #[test]
    fn open_ends_and_emptiness() {
        assert_eq!(fit_spans(&[], 0.05), None);
        assert_eq!(fit_spans(&[span(Seconds::MIN, Seconds::MAX)], 0.05), None);
        let w = fit_spans(&[span(Seconds::MIN, 10 * YEAR)], 0.05).unwrap();
        assert!(w.start_s < (10 * YEAR) as f64 && w.end_s > (10 * YEAR) as f64);
        // "Since year 1" overlaps the point: it runs off the left edge.
        let spans = [span(YEAR, Seconds::MAX), span(30 * YEAR, 30 * YEAR + DAY)];
        let w = fit_spans(&spans, 0.05).unwrap();
        assert!(
            w.start_s > (29 * YEAR) as f64 && w.end_s > (30 * YEAR) as f64,
            "{w:?}"
        );
    }
}
