//! A time index: which happenings overlap a window, without scanning them all.
//!
//! Spans are grouped by length class (powers of two of seconds). Within a class, spans are
//! sorted by start, and a span of class `c` overlapping `[t0, t1)` must start in
//! `[t0 - 2^(c+1), t1)`: one binary search per class finds exactly the candidates. Spans with
//! an open end live in a small list of their own. A query costs O(classes · log n + k).
//!
//! Written by hand: interval-tree crates either own their data in ways that fight the
//! flat corpus vectors or are unmaintained; this layout is a few lines and cache-friendly.

use rayon::slice::ParallelSliceMut as _;

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

/// [`SpanIndex::overlapping`] reads the spans starting before the window's end in order,
/// skipping those that ended, when at most this many of them start there per span that
/// overlaps: a pass over a few spans each costs less than sorting one.
const DENSE_SCAN: usize = 4;

/// Spans changed in place by [`SpanIndex::replace`] beyond which it rebuilds instead.
const MAX_IN_PLACE: usize = 32;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Class {
    /// Positions in `by_start`, ascending (so sorted by start too).
    members: Vec<u32>,
    /// Spans of this class are shorter than this.
    max_len: Seconds,
}

/// The index over one set of spans (a lane, or the whole corpus).
///
/// Besides the length classes, spans are kept sorted by start and their ends sorted, so
/// counting what overlaps a window takes two binary searches, and dense views can sample
/// one span per pixel column without looking at the others.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpanIndex {
    /// Every span, sorted by (start, happening).
    by_start: Vec<Span>,
    /// Every span's end, sorted.
    ends: Vec<Seconds>,
    classes: Vec<Class>,
    /// Positions in `by_start` of spans with an open end.
    open: Vec<u32>,
}

impl SpanIndex {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> Self {
        // Sorted on every core: a view of a million happenings builds three indexes.
        let mut by_start: Vec<Span> = spans.into_iter().collect();
        by_start.par_sort_unstable_by_key(Self::key);
        let mut ends: Vec<Seconds> = by_start.iter().map(|s| s.end_s).collect();
        ends.par_sort_unstable();
        let mut index = Self {
            by_start,
            ends,
            classes: Vec::new(),
            open: Vec::new(),
        };
        index.classify();
        index
    }

    fn key(s: &Span) -> (Seconds, HappeningIx) {
        (s.start_s, s.happening)
    }

    /// Sorts the spans into length classes (from `by_start`, already sorted): one pass.
    fn classify(&mut self) {
        for class in &mut self.classes {
            class.members.clear();
        }
        self.open.clear();
        for (i, s) in self.by_start.iter().enumerate() {
            if s.is_open() {
                self.open.push(i as u32);
                continue;
            }
            let c = s.class();
            if self.classes.len() <= c {
                self.classes.resize_with(c + 1, Class::default);
            }
            if let Some(class) = self.classes.get_mut(c) {
                class.members.push(i as u32);
                class.max_len = 2_i64.saturating_pow(c as u32 + 1);
            }
        }
    }

    /// Removes the spans of the happenings `gone` (sorted) and adds `added`, in place:
    /// what an edit does to an index. Returns the happenings whose spans were removed.
    ///
    /// A few passes over the spans' positions per span removed or added, no sort and no
    /// allocation of the index's size: an edit costs a few milliseconds at a million spans,
    /// where building the index again costs a sort.
    pub fn replace(
        &mut self,
        gone: &[HappeningIx],
        added: impl IntoIterator<Item = Span>,
    ) -> Vec<HappeningIx> {
        let added: Vec<Span> = added.into_iter().collect();
        let mut removed = Vec::new();
        if !gone.is_empty() {
            let positions: Vec<u32> = self
                .by_start
                .iter()
                .enumerate()
                .filter(|(_, s)| gone.binary_search(&s.happening).is_ok())
                .map(|(i, _)| i as u32)
                .collect();
            if positions.len() + added.len() > MAX_IN_PLACE {
                // Many spans: one rebuild costs less than a pass per span.
                let mut spans = std::mem::take(&mut self.by_start);
                spans.retain(|s| {
                    let keep = gone.binary_search(&s.happening).is_err();
                    if !keep {
                        removed.push(s.happening);
                    }
                    keep
                });
                spans.extend(added);
                *self = Self::new(spans);
                return removed;
            }
            // From the last, so that earlier positions stay valid.
            for &p in positions.iter().rev() {
                if let Some(span) = self.remove_at(p) {
                    removed.push(span.happening);
                }
            }
            removed.reverse();
        }
        if added.len() > MAX_IN_PLACE {
            let mut spans = std::mem::take(&mut self.by_start);
            spans.extend(added);
            *self = Self::new(spans);
            return removed;
        }
        for span in added {
            self.insert(span);
        }
        removed
    }

    /// The length class (or the open list) a span lives in.
    fn members_of(&mut self, span: &Span) -> &mut Vec<u32> {
        if span.is_open() {
            return &mut self.open;
        }
        let c = span.class();
        if self.classes.len() <= c {
            self.classes.resize_with(c + 1, Class::default);
        }
        let class = &mut self.classes[c];
        class.max_len = 2_i64.saturating_pow(c as u32 + 1);
        &mut class.members
    }

    /// Every position at or after `from` moves by `by` (a span was inserted or removed).
    fn shift_positions(&mut self, from: u32, by: i32) {
        let lists = self
            .classes
            .iter_mut()
            .map(|c| &mut c.members)
            .chain(std::iter::once(&mut self.open));
        for list in lists {
            let start = list.partition_point(|&p| p < from);
            for p in list.get_mut(start..).unwrap_or(&mut []) {
                *p = p.saturating_add_signed(by);
            }
        }
    }

    fn remove_at(&mut self, p: u32) -> Option<Span> {
        if p as usize >= self.by_start.len() {
            return None;
        }
        let span = self.by_start.remove(p as usize);
        if let Ok(at) = self.ends.binary_search(&span.end_s) {
            self.ends.remove(at);
        }
        let members = self.members_of(&span);
        if let Ok(at) = members.binary_search(&p) {
            members.remove(at);
        }
        self.shift_positions(p + 1, -1);
        self.drop_empty_classes();
        Some(span)
    }

    fn insert(&mut self, span: Span) {
        let p = self
            .by_start
            .partition_point(|s| Self::key(s) < Self::key(&span));
        self.by_start.insert(p, span);
        let at = self.ends.partition_point(|&e| e < span.end_s);
        self.ends.insert(at, span.end_s);
        self.shift_positions(p as u32, 1);
        let members = self.members_of(&span);
        let at = members.partition_point(|&q| q < p as u32);
        members.insert(at, p as u32);
    }

    /// Classes left empty are as a fresh index would have them: trailing ones dropped,
    /// others with no bound.
    fn drop_empty_classes(&mut self) {
        while self.classes.last().is_some_and(|c| c.members.is_empty()) {
            self.classes.pop();
        }
        for class in &mut self.classes {
            if class.members.is_empty() {
                *class = Class::default();
            }
        }
    }

    /// Every span, sorted by start.
    pub fn spans(&self) -> &[Span] {
        &self.by_start
    }

    pub fn len(&self) -> usize {
        self.by_start.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_start.is_empty()
    }

    /// Calls `f` for every span overlapping `[t0, t1)`, each exactly once (in no set order).
    pub fn for_each_overlapping(&self, t0: Seconds, t1: Seconds, mut f: impl FnMut(&Span)) {
        self.for_each_overlapping_at(t0, t1, |i| {
            if let Some(s) = self.by_start.get(i as usize) {
                f(s);
            }
        });
    }

    /// Calls `f` with the position in `by_start` of every span overlapping `[t0, t1)`,
    /// each exactly once (in no set order).
    fn for_each_overlapping_at(&self, t0: Seconds, t1: Seconds, mut f: impl FnMut(u32)) {
        let span = |i: u32| self.by_start.get(i as usize);
        for class in &self.classes {
            let earliest = t0.saturating_sub(class.max_len);
            let from = class
                .members
                .partition_point(|&i| span(i).is_some_and(|s| s.start_s <= earliest));
            for &i in class.members.get(from..).unwrap_or(&[]) {
                let Some(s) = span(i) else { continue };
                if s.start_s >= t1 {
                    break;
                }
                if s.end_s > t0 {
                    f(i);
                }
            }
        }
        for &i in &self.open {
            if span(i).is_some_and(|s| s.overlaps(t0, t1)) {
                f(i);
            }
        }
    }

    /// Spans overlapping `[t0, t1)`, sorted by (start, happening).
    ///
    /// When most spans starting before `t1` overlap (a window over much of the view), they
    /// are read off in order, which needs no sort; otherwise the candidates of each length
    /// class are gathered and their positions sorted.
    pub fn overlapping(&self, t0: Seconds, t1: Seconds) -> Vec<Span> {
        self.first_overlapping(t0, t1, usize::MAX)
    }

    /// The first `n` of [`SpanIndex::overlapping`]: in a dense window, only they are read.
    pub fn first_overlapping(&self, t0: Seconds, t1: Seconds, n: usize) -> Vec<Span> {
        let started = self.by_start.partition_point(|s| s.start_s < t1);
        let ended = self.ends.partition_point(|&e| e <= t0);
        let count = if t1 <= t0 {
            0
        } else {
            started.saturating_sub(ended)
        };
        if started <= DENSE_SCAN * count {
            return self.by_start[..started]
                .iter()
                .filter(|s| s.end_s > t0)
                .take(n)
                .copied()
                .collect();
        }
        let mut positions = Vec::with_capacity(count);
        self.for_each_overlapping_at(t0, t1, |i| positions.push(i));
        positions.sort_unstable();
        positions
            .iter()
            .take(n)
            .filter_map(|&i| self.by_start.get(i as usize).copied())
            .collect()
    }

    /// Number of spans overlapping `[t0, t1)`: those starting before `t1` less those ending
    /// by `t0`. Two binary searches, whatever the size.
    pub fn count(&self, t0: Seconds, t1: Seconds) -> usize {
        if t1 <= t0 {
            return 0;
        }
        let started = self.by_start.partition_point(|s| s.start_s < t1);
        let ended = self.ends.partition_point(|&e| e <= t0);
        started.saturating_sub(ended)
    }

    /// Spans starting in `[a, b)`, sorted by start.
    pub fn starting_in(&self, a: Seconds, b: Seconds) -> &[Span] {
        let lo = self.by_start.partition_point(|s| s.start_s < a);
        let hi = self.by_start.partition_point(|s| s.start_s < b).max(lo);
        self.by_start.get(lo..hi).unwrap_or(&[])
    }

    /// Earliest start and latest end of the bounded spans (open ends ignored).
    pub fn extent(&self) -> Option<(Seconds, Seconds)> {
        let known = |t: Seconds| t != Seconds::MIN && t != Seconds::MAX;
        let lo = self.by_start.iter().map(|s| s.start_s).find(|&t| known(t));
        // Starts are sorted; an open-start span's end may come before every start.
        let lo_open_end = self
            .by_start
            .iter()
            .take_while(|s| s.start_s == Seconds::MIN)
            .map(|s| s.end_s)
            .filter(|&t| known(t))
            .min();
        let lo = match (lo, lo_open_end) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }?;
        let hi_end = self.ends.iter().rev().copied().find(|&t| known(t));
        let hi_start = self
            .by_start
            .iter()
            .rev()
            .map(|s| s.start_s)
            .find(|&t| known(t));
        let hi = match (hi_end, hi_start) {
            (Some(a), Some(b)) => a.max(b),
            (a, b) => a.or(b)?,
        };
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
            for n in [0, 1, expected.len() / 2, expected.len() + 1] {
                prop_assert_eq!(index.first_overlapping(t0, t1, n), expected[..n.min(expected.len())].to_vec());
            }
            prop_assert_eq!(index.count(t0, t1), expected.len());
            let starting: Vec<Span> = spans.iter().copied().filter(|s| s.start_s >= t0 && s.start_s < t1).collect();
            prop_assert_eq!(index.starting_in(t0, t1).len(), starting.len());
            let known = |t: Seconds| t != Seconds::MIN && t != Seconds::MAX;
            let all: Vec<Seconds> = spans.iter().flat_map(|s| [s.start_s, s.end_s]).filter(|&t| known(t)).collect();
            let expected_extent = all.iter().min().copied().zip(all.iter().max().copied());
            prop_assert_eq!(index.extent(), expected_extent);
            prop_assert_eq!(index.len(), spans.len());
        }

        /// Changing spans in place (a few, or many) gives the index a fresh build gives.
        #[test]
        fn replacing_spans_in_place_matches_a_fresh_index(
            spans in prop::collection::vec((-1_000_000i64..1_000_000, 1i64..500_000, 0u8..10), 0..120),
            gone in prop::collection::btree_set(0u32..140, 0..50),
            added in prop::collection::vec((-1_000_000i64..1_000_000, 1i64..5_000_000, 0u8..10), 0..40),
        ) {
            let make = |(i, &(a, l, open)): (usize, &(i64, i64, u8))| match open {
                0 => span(Seconds::MIN, a + l, i as u32),
                1 => span(a, Seconds::MAX, i as u32),
                _ => span(a, a + l, i as u32),
            };
            let spans: Vec<Span> = spans.iter().enumerate().map(make).collect();
            let gone: Vec<HappeningIx> = gone.into_iter().map(HappeningIx).collect();
            // New spans take happening numbers from 1000 on.
            let added: Vec<Span> = added.iter().enumerate().map(|(i, x)| make((i + 1000, x))).collect();
            let mut index = SpanIndex::new(spans.iter().copied());
            let removed = index.replace(&gone, added.iter().copied());
            let kept = spans.iter().copied().filter(|s| !gone.contains(&s.happening));
            let fresh = SpanIndex::new(kept.chain(added.iter().copied()));
            prop_assert_eq!(&index, &fresh);
            let mut expected: Vec<HappeningIx> = spans
                .iter()
                .map(|s| s.happening)
                .filter(|h| gone.contains(h))
                .collect();
            expected.sort_unstable();
            let mut removed = removed;
            removed.sort_unstable();
            prop_assert_eq!(removed, expected);
        }
    }

    /// Both ways of answering a query, reading the spans in order where most of those
    /// that start before the window's end overlap it, and sorting the candidates of each
    /// length class otherwise, give the spans that overlap in (start, happening) order.
    #[test]
    fn dense_and_sparse_windows_list_the_overlapping_spans_in_order() {
        // Short spans every 10 s, a long one now and then, and spans with open ends.
        let mut spans: Vec<Span> = (0..2_000)
            .map(|i| {
                let len = if i % 97 == 0 { 5_000 } else { 5 };
                span(i * 10, i * 10 + len, (2_000 - i) as u32)
            })
            .collect();
        spans.push(span(Seconds::MIN, 1_000, 5_000));
        spans.push(span(15_000, Seconds::MAX, 5_001));
        spans.push(span(7_000, 7_005, 5_002));
        let index = SpanIndex::new(spans.iter().copied());
        let brute = |t0: Seconds, t1: Seconds| {
            let mut out: Vec<Span> = spans
                .iter()
                .copied()
                .filter(|s| s.overlaps(t0, t1))
                .collect();
            out.sort_unstable_by_key(|s| (s.start_s, s.happening));
            out
        };
        for (t0, t1) in [
            (-100, 30_000),
            (0, 20_000),
            (10_000, 20_000),
            (7_001, 7_004),
            (19_000, 19_020),
            (500, 520),
        ] {
            let started = spans.iter().filter(|s| s.start_s < t1).count();
            let expected = brute(t0, t1);
            assert!(!expected.is_empty(), "[{t0}, {t1})");
            assert_eq!(
                index.overlapping(t0, t1),
                expected,
                "[{t0}, {t1}): {started} start before its end"
            );
        }
        // The windows above take both ways.
        assert!(
            spans.iter().filter(|s| s.start_s < 20_000).count()
                <= DENSE_SCAN * brute(0, 20_000).len()
        );
        assert!(
            spans.iter().filter(|s| s.start_s < 7_004).count()
                > DENSE_SCAN * brute(7_001, 7_004).len()
        );
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
