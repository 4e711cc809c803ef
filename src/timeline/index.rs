//! A time index: which happenings overlap a window, without scanning them all.
//!
//! Spans are grouped by length class (powers of two of seconds). Within a class, spans are
//! sorted by start, and a span of class `c` overlapping `[t0, t1)` must start in
//! `[t0 - 2^(c+1), t1)`: one binary search per class finds exactly the candidates. Spans with
//! an open end live in a small list of their own. A query costs O(classes · log n + k).
//!
//! Written by hand: interval-tree crates either own their data in ways that fight the
//! flat corpus vectors or are unmaintained; this layout is a few lines and cache-friendly.

use crate::model::{HappeningIx, Seconds};

/// One indexed span: `[start_s, end_s)` with open ends as `Seconds::MIN` / `Seconds::MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start_s: Seconds,
    pub end_s: Seconds,
    pub happening: HappeningIx,
}

impl Span {
    pub fn overlaps(&self, t0: Seconds, t1: Seconds) -> bool {
        self.start_s < t1 && t0 < self.end_s
    }

    fn is_open(&self) -> bool {
        self.start_s == Seconds::MIN || self.end_s == Seconds::MAX
    }

    fn class(&self) -> usize {
        let len = self.end_s.saturating_sub(self.start_s).max(1) as u64;
        (63 - len.leading_zeros()) as usize
    }
}

#[derive(Clone, Debug, Default)]
struct Class {
    /// Sorted by `start_s`.
    spans: Vec<Span>,
    /// Spans of this class are shorter than this.
    max_len: Seconds,
}

/// The index over one set of spans (a lane, or the whole corpus).
#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    classes: Vec<Class>,
    open: Vec<Span>,
    len: usize,
}

impl SpanIndex {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> Self {
        let mut classes: Vec<Class> = Vec::new();
        let mut open = Vec::new();
        let mut len = 0;
        for s in spans {
            len += 1;
            if s.is_open() {
                open.push(s);
                continue;
            }
            let c = s.class();
            if classes.len() <= c {
                classes.resize_with(c + 1, Class::default);
            }
            if let Some(class) = classes.get_mut(c) {
                class.spans.push(s);
                class.max_len = 2_i64.saturating_pow(c as u32 + 1);
            }
        }
        for class in &mut classes {
            class
                .spans
                .sort_unstable_by_key(|s| (s.start_s, s.happening));
        }
        open.sort_unstable_by_key(|s| (s.start_s, s.happening));
        Self { classes, open, len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Calls `f` for every span overlapping `[t0, t1)`, each exactly once (in no set order).
    pub fn for_each_overlapping(&self, t0: Seconds, t1: Seconds, mut f: impl FnMut(&Span)) {
        for class in &self.classes {
            let from = class
                .spans
                .partition_point(|s| s.start_s <= t0.saturating_sub(class.max_len));
            for s in class.spans.get(from..).unwrap_or(&[]) {
                if s.start_s >= t1 {
                    break;
                }
                if s.end_s > t0 {
                    f(s);
                }
            }
        }
        for s in &self.open {
            if s.overlaps(t0, t1) {
                f(s);
            }
        }
    }

    /// Spans overlapping `[t0, t1)`, sorted by start.
    pub fn overlapping(&self, t0: Seconds, t1: Seconds) -> Vec<Span> {
        let mut out = Vec::new();
        self.for_each_overlapping(t0, t1, |s| out.push(*s));
        out.sort_unstable_by_key(|s| (s.start_s, s.happening));
        out
    }

    /// Number of spans overlapping `[t0, t1)`.
    pub fn count(&self, t0: Seconds, t1: Seconds) -> usize {
        let mut n = 0;
        self.for_each_overlapping(t0, t1, |_| n += 1);
        n
    }

    /// Earliest start and latest end of the bounded spans (open ends ignored).
    pub fn extent(&self) -> Option<(Seconds, Seconds)> {
        let bounded = self.classes.iter().flat_map(|c| c.spans.iter());
        let ends = self.open.iter().flat_map(|s| {
            [s.start_s, s.end_s]
                .into_iter()
                .filter(|&t| t != Seconds::MIN && t != Seconds::MAX)
        });
        let lo = bounded
            .clone()
            .map(|s| s.start_s)
            .chain(ends.clone())
            .min()?;
        let hi = bounded.map(|s| s.end_s).chain(ends).max()?;
        Some((lo, hi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn span(a: Seconds, b: Seconds, h: u32) -> Span {
        Span {
            start_s: a,
            end_s: b,
            happening: HappeningIx(h),
        }
    }

    proptest! {
        #[test]
        fn queries_return_exactly_the_overlapping_spans(
            spans in prop::collection::vec((-1_000_000i64..1_000_000, 1i64..500_000, 0u8..10), 0..200),
            t0 in -1_200_000i64..1_200_000,
            len in 1i64..800_000,
        ) {
            let spans: Vec<Span> = spans
                .iter()
                .enumerate()
                .map(|(i, &(a, l, open))| match open {
                    0 => span(Seconds::MIN, a + l, i as u32),
                    1 => span(a, Seconds::MAX, i as u32),
                    _ => span(a, a + l, i as u32),
                })
                .collect();
            let index = SpanIndex::new(spans.iter().copied());
            let t1 = t0 + len;
            let mut expected: Vec<Span> = spans.iter().copied().filter(|s| s.overlaps(t0, t1)).collect();
            expected.sort_unstable_by_key(|s| (s.start_s, s.happening));
            prop_assert_eq!(index.overlapping(t0, t1), expected.clone());
            prop_assert_eq!(index.count(t0, t1), expected.len());
            prop_assert_eq!(index.len(), spans.len());
        }
    }

    #[test]
    fn extent_ignores_open_ends() {
        let index = SpanIndex::new([
            span(10, 20, 0),
            span(Seconds::MIN, 5, 1),
            span(30, Seconds::MAX, 2),
        ]);
        assert_eq!(index.extent(), Some((5, 30)));
        assert_eq!(SpanIndex::new([]).extent(), None);
    }
}
