//! Property tests: dates and passages never panic, and what is parsed prints back the same.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use frise::model::{
    CharIndex, Context, DatePoint, Edtf, IntervalEnd, Lang, Precision, Qualifier, anchor,
    context_of,
};
use proptest::prelude::*;

fn precision() -> impl Strategy<Value = Precision> {
    prop_oneof![
        Just(Precision::Year),
        Just(Precision::Month),
        Just(Precision::Day),
        Just(Precision::Minute),
    ]
}

fn point() -> impl Strategy<Value = DatePoint> {
    (
        precision(),
        0i32..=9999,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        any::<(bool, bool)>(),
    )
        .prop_map(|(p, y, m, d, h, mi, (approximate, uncertain))| {
            DatePoint::new(p, y, m, d, h, mi)
                .expect("valid by construction")
                .with_qualifier(Qualifier {
                    approximate,
                    uncertain,
                })
        })
}

fn end() -> impl Strategy<Value = IntervalEnd> {
    prop_oneof![
        4 => point().prop_map(IntervalEnd::Date),
        1 => Just(IntervalEnd::Open),
        1 => Just(IntervalEnd::Unknown),
    ]
}

fn edtf() -> impl Strategy<Value = Edtf> {
    prop_oneof![
        point().prop_map(Edtf::Point),
        (end(), end()).prop_filter_map("a valid interval", |(a, b)| {
            Edtf::parse(&format!("{a}/{b}")).ok()
        }),
    ]
}

proptest! {
    #[test]
    fn parse_inverts_display(d in edtf()) {
        let text = d.to_string();
        prop_assert_eq!(Edtf::parse(&text), Ok(d), "{}", text);
    }

    #[test]
    fn bounds_are_ordered(d in edtf()) {
        if let (Some(a), Some(b)) = (d.earliest(), d.latest()) {
            prop_assert!(a < b, "{} has bounds {}..{}", d, a, b);
        }
        prop_assert!(d.compatible(&d), "{} agrees with itself", d);
        for lang in [Lang::Fr, Lang::En] {
            prop_assert!(!d.human(lang).is_empty());
        }
    }

    #[test]
    fn coarser_dates_contain_finer_ones(p in point()) {
        let fine = Edtf::Point(p.with_qualifier(Qualifier::NONE));
        let year = DatePoint::new(Precision::Year, p.year(), 1, 1, 0, 0).unwrap();
        prop_assert!(Edtf::Point(year).compatible(&fine));
        prop_assert!(Edtf::Point(year).earliest() <= fine.earliest());
        prop_assert!(Edtf::Point(year).latest() >= fine.latest());
    }

    #[test]
    fn parsing_arbitrary_strings_never_panics(s in "\\PC{0,40}") {
        let _ = Edtf::parse(&s);
    }

    #[test]
    fn parsing_date_like_strings_never_panics(s in "[0-9~?%/.:T-]{0,30}") {
        if let Ok(d) = Edtf::parse(&s) {
            prop_assert_eq!(Edtf::parse(&d.to_string()), Ok(d));
        }
    }

    #[test]
    fn anchoring_never_panics_and_finds_the_quote(
        text in "\\PC{0,200}",
        quote in "\\PC{0,12}",
        start in proptest::option::of(0u64..400),
        end in proptest::option::of(0u64..400),
    ) {
        let index = CharIndex::new(&text);
        if let Ok(a) = anchor(&index, &quote, start, end, Context::default()) {
            let by_chars: String = text
                .chars()
                .skip(a.passage.char_start as usize)
                .take((a.passage.char_end - a.passage.char_start) as usize)
                .collect();
            prop_assert_eq!(a.passage.quote(&text), by_chars.as_str());
            if !quote.is_empty() {
                prop_assert_eq!(a.passage.quote(&text), quote.as_str());
            }
        }
    }

    #[test]
    fn char_and_byte_offsets_convert_both_ways(text in "\\PC{0,400}") {
        let index = CharIndex::new(&text);
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        prop_assert_eq!(index.char_len(), bytes.len() - 1);
        for (c, &b) in bytes.iter().enumerate() {
            prop_assert_eq!(index.byte(c), Some(b));
            prop_assert_eq!(index.char_of_byte(b), c);
        }
        prop_assert_eq!(index.byte(bytes.len()), None);
    }

    #[test]
    fn a_quote_taken_from_the_text_is_found_at_its_offsets(
        text in "[a-zàéç’« »\u{202f}]{1,120}",
        a in 0usize..120,
        len in 1usize..20,
    ) {
        let chars: Vec<char> = text.chars().collect();
        let a = a % chars.len();
        let b = (a + len).min(chars.len());
        let quote: String = chars[a..b].iter().collect();
        let found = anchor(&CharIndex::new(&text), &quote, Some(a as u64), Some(b as u64), Context::default()).unwrap();
        prop_assert_eq!(found.passage.char_start as usize, a);
        prop_assert_eq!(found.passage.char_end as usize, b);
        prop_assert!(found.correction.is_none());
    }

    #[test]
    fn a_passage_saved_with_its_context_is_found_again_after_text_is_added_before_it(
        text in "[a-zàé’ .]{1,120}",
        added in "[a-zàé’ .]{0,40}",
        a in 0usize..120,
        len in 1usize..12,
    ) {
        let chars: Vec<char> = text.chars().collect();
        let a = a % chars.len();
        let b = (a + len).min(chars.len());
        let quote: String = chars[a..b].iter().collect();
        let saved = anchor(&CharIndex::new(&text), &quote, Some(a as u64), Some(b as u64), Context::default()).unwrap();
        let (prefix, suffix) = context_of(&text, &saved.passage);
        // The text grows in front; the saved offsets are stale.
        let edited = format!("{added}{text}");
        let context = Context { prefix: Some(prefix), suffix: Some(suffix) };
        let found = anchor(&CharIndex::new(&edited), &quote, Some(a as u64), Some(b as u64), context).unwrap();
        prop_assert_eq!(found.passage.quote(&edited), quote.as_str());
        // Where the whole context is unique, it is the very same place. Occurrences are
        // counted overlapping: in "   ", "  " is found twice.
        let whole = format!("{prefix}{quote}{suffix}");
        let occurrences = edited
            .char_indices()
            .filter(|&(i, _)| edited[i..].starts_with(whole.as_str()))
            .count();
        if occurrences == 1 {
            prop_assert_eq!(found.passage.char_start as usize, a + added.chars().count());
        }
    }
}
