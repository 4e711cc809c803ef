//! The mapping between time and horizontal position.
//!
//! Time is in seconds since 1970 (UTC, as [`crate::model::Seconds`]) held as `f64`: its 53
//! bits keep sub-pixel precision from the age of the universe (4e17 s, where a second is
//! below f64's resolution but a day is not) down to seconds around today.

/// A visible span of time: `[start_s, end_s)`.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TimeWindow {
    pub start_s: f64,
    pub end_s: f64,
}

/// Narrowest window a view may zoom to: ten seconds.
pub const MIN_SPAN_S: f64 = 10.0;
/// Widest window a view may zoom out to: twenty billion years, beyond the age of the
/// universe.
pub const MAX_SPAN_S: f64 = 20e9 * crate::model::date::MEAN_YEAR_S;
/// How far from 1970 a window's centre may go: the years dates can have.
pub const MAX_CENTER_S: f64 = crate::model::date::MAX_YEAR as f64 * crate::model::date::MEAN_YEAR_S;
/// Narrowest window relative to its distance from 1970: f64 resolves about 1e-16 of a
/// value, so far from 1970 a window must span many of those steps to map to distinct
/// pixels (about a day at the age of the universe).
const MIN_RELATIVE_SPAN: f64 = 1e-12;

impl TimeWindow {
    pub fn new(start_s: f64, end_s: f64) -> Self {
        Self { start_s, end_s }.sanitized()
    }

    pub fn span_s(&self) -> f64 {
        self.end_s - self.start_s
    }

    pub fn center_s(&self) -> f64 {
        0.5 * (self.start_s + self.end_s)
    }

    /// Finite, ordered, and within the zoom limits (keeping the centre).
    pub fn sanitized(self) -> Self {
        let (mut a, mut b) = (self.start_s, self.end_s);
        if !a.is_finite() || !b.is_finite() {
            return Self::default();
        }
        if b < a {
            std::mem::swap(&mut a, &mut b);
        }
        let c = (0.5 * a + 0.5 * b).clamp(-MAX_CENTER_S, MAX_CENTER_S);
        let min_span = MIN_SPAN_S.max(c.abs() * MIN_RELATIVE_SPAN);
        let span = (b - a).clamp(min_span, MAX_SPAN_S);
        Self {
            start_s: c - 0.5 * span,
            end_s: c + 0.5 * span,
        }
    }

    /// The window fitting `[lo, hi)` with a margin of `margin` (fraction of the span) on each
    /// side, so marks at the edges are not cut.
    pub fn fit(lo: f64, hi: f64, margin: f64) -> Self {
        let span = (hi - lo).max(86_400.0);
        Self::new(lo - span * margin, hi.max(lo + 86_400.0) + span * margin)
    }

    /// Zooms by `factor` (< 1 zooms in) keeping the time at `anchor_s` where it is on screen.
    pub fn zoomed(&self, factor: f64, anchor_s: f64) -> Self {
        let factor = if factor.is_finite() && factor > 0.0 {
            factor
        } else {
            1.0
        };
        Self::new(
            anchor_s + (self.start_s - anchor_s) * factor,
            anchor_s + (self.end_s - anchor_s) * factor,
        )
    }

    /// Shifted by `delta_s` seconds.
    pub fn panned(&self, delta_s: f64) -> Self {
        Self::new(self.start_s + delta_s, self.end_s + delta_s)
    }

    /// Interpolates towards `target` (`t` in 0..=1) in log-span space, so a zoom animates at
    /// a steady perceived speed.
    pub fn lerp(&self, target: &Self, t: f64) -> Self {
        let t = t.clamp(0.0, 1.0);
        let (s0, s1) = (self.span_s().max(1.0).ln(), target.span_s().max(1.0).ln());
        let span = (s0 + (s1 - s0) * t).exp();
        let c = self.center_s() + (target.center_s() - self.center_s()) * t;
        Self::new(c - 0.5 * span, c + 0.5 * span)
    }
}

impl Default for TimeWindow {
    /// The year 2025, a harmless default before anything is loaded.
    fn default() -> Self {
        Self {
            start_s: 1_735_689_600.0,
            end_s: 1_767_225_600.0,
        }
    }
}

/// Maps a [`TimeWindow`] onto `[x0_px, x0_px + width_px)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeScale {
    pub window: TimeWindow,
    pub x0_px: f32,
    pub width_px: f32,
}

impl TimeScale {
    pub fn new(window: TimeWindow, x0_px: f32, width_px: f32) -> Self {
        Self {
            window,
            x0_px,
            width_px: width_px.max(1.0),
        }
    }

    pub fn px_per_s(&self) -> f64 {
        f64::from(self.width_px) / self.window.span_s()
    }

    #[cfg(test)]
    fn px_per_day(&self) -> f64 {
        self.px_per_s() * 86_400.0
    }

    /// Screen x of time `t_s` (may lie outside the visible range).
    pub fn x_of(&self, t_s: f64) -> f32 {
        (f64::from(self.x0_px) + (t_s - self.window.start_s) * self.px_per_s()) as f32
    }

    /// Screen x clamped to a little beyond the visible range, safe to draw.
    pub fn x_of_clamped(&self, t_s: f64) -> f32 {
        let margin = 50.0;
        self.x_of(t_s)
            .clamp(self.x0_px - margin, self.x0_px + self.width_px + margin)
    }

    /// Time at screen x.
    pub fn t_of(&self, x_px: f32) -> f64 {
        self.window.start_s + f64::from(x_px - self.x0_px) / self.px_per_s()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_and_x_are_inverse() {
        let s = TimeScale::new(TimeWindow::new(0.0, 86_400.0 * 100.0), 50.0, 1000.0);
        assert_eq!(s.x_of(0.0), 50.0);
        assert_eq!(s.x_of(86_400.0 * 100.0), 1050.0);
        assert!((s.px_per_day() - 10.0).abs() < 1e-9);
        for x in [50.0, 123.5, 999.0] {
            assert!((s.x_of(s.t_of(x)) - x).abs() < 1e-3);
        }
    }

    #[test]
    fn zoom_keeps_the_anchor_in_place() {
        let w = TimeWindow::new(0.0, 1_000_000.0);
        let s = TimeScale::new(w, 0.0, 1000.0);
        let anchor_x = 300.0;
        let anchor_t = s.t_of(anchor_x);
        let z = TimeScale::new(w.zoomed(0.5, anchor_t), 0.0, 1000.0);
        assert!((z.x_of(anchor_t) - anchor_x).abs() < 1e-3);
        assert!((z.window.span_s() - 500_000.0).abs() < 1e-6);
    }

    #[test]
    fn windows_stay_sane() {
        let w = TimeWindow::new(10.0, 10.0);
        assert!(w.span_s() >= MIN_SPAN_S);
        let w = TimeWindow::new(f64::NAN, 3.0);
        assert_eq!(w, TimeWindow::default());
        let w = TimeWindow::new(5000.0, 0.0);
        assert!(w.start_s < w.end_s);
        let w = TimeWindow::new(0.0, 1.0).zoomed(1e30, 0.0);
        assert!(w.span_s() <= MAX_SPAN_S * 1.000_001);
        // The age of the universe fits, and so do a few seconds today.
        let year = crate::model::date::MEAN_YEAR_S;
        let w = TimeWindow::new(-13.8e9 * year, 0.0);
        assert!((w.span_s() - 13.8e9 * year).abs() < 1e3);
        let w = TimeWindow::new(1.7e9, 1.7e9 + 20.0);
        assert!((w.span_s() - 20.0).abs() < 1e-6);
        // Deep in the past, a window keeps enough f64 steps to draw distinct pixels.
        let w = TimeWindow::new(-4e17, -4e17 + 1.0);
        assert!(w.span_s() >= 4e5 && w.start_s < w.end_s);
        let w = TimeWindow::new(1e300, 2e300);
        assert!(w.center_s().abs() <= MAX_CENTER_S * 1.000_001);
        let a = TimeWindow::new(0.0, 1000.0);
        let b = TimeWindow::new(1e6, 1e8);
        let start = a.lerp(&b, 0.0);
        assert!((start.start_s - a.start_s).abs() < 1e-6 && (start.end_s - a.end_s).abs() < 1e-6);
        let end = a.lerp(&b, 1.0);
        assert!((end.start_s - b.start_s).abs() < 1.0 && (end.end_s - b.end_s).abs() < 1.0);
    }
}
