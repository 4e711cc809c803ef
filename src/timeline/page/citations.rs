//! The numbered sources of an export page, keyed to the events drawn.

use std::collections::{BTreeMap, HashSet};

use super::{Page, plural_s, push_text};
use crate::model::{ArticleIx, Corpus, HappeningIx, Lang};
use crate::timeline::lanes::Prepared;
use crate::timeline::scene::{Align, FontStyle, Scene, Target};
use crate::timeline::text;

/// One numbered source: an article with events drawn, and which happenings it supports.
#[derive(Clone, Debug, PartialEq)]
pub struct Citation {
    /// 1-based, as printed: `[1]`.
    pub number: usize,
    /// The article cited.
    pub article: ArticleIx,
    /// Drawn happenings this article reports, in drawing order.
    pub happenings: Vec<HappeningIx>,
}

/// The sources of `happenings`: every article with a shown event among them, numbered in
/// corpus order (stable while the view changes).
pub fn citations(
    corpus: &Corpus,
    prepared: &Prepared,
    happenings: &[HappeningIx],
) -> Vec<Citation> {
    let mut by_article: BTreeMap<ArticleIx, Vec<HappeningIx>> = BTreeMap::new();
    // A happening is listed once per article even when the article reports it twice.
    let mut seen: HashSet<(ArticleIx, HappeningIx)> = HashSet::new();
    for &hx in happenings {
        let Some(h) = corpus.happening(hx) else {
            continue;
        };
        for &ev in &h.events {
            if !prepared
                .events_shown
                .get(ev.index())
                .copied()
                .unwrap_or(false)
            {
                continue;
            }
            let Some(e) = corpus.event(ev) else { continue };
            if seen.insert((e.article, hx)) {
                by_article.entry(e.article).or_default().push(hx);
            }
        }
    }
    by_article
        .into_iter()
        .enumerate()
        .map(|(i, (article, happenings))| Citation {
            number: i + 1,
            article,
            happenings,
        })
        .collect()
}

/// One citation, wrapped: its lines and their style.
#[derive(Clone, Debug)]
pub(super) struct CitationBlock {
    number: String,
    /// Where the text starts, after the widest number of the list.
    indent: f32,
    lines: Vec<String>,
    supports: Option<String>,
    pub(super) height: f32,
}

/// Citations keyed to events: each source lists the events it supports under its
/// reference. Numbers after each label on the timeline would be the other way, but the
/// layout guarantees labels never overlap, and text added after them would break that;
/// the events' source counts are already on their badges, and in SVG each event's hover
/// title names its source numbers.
fn citation_block(
    p: &Page<'_>,
    c: &Citation,
    width: f32,
    indent: f32,
    with_events: bool,
) -> CitationBlock {
    let Some(article) = p.corpus.article(c.article) else {
        return CitationBlock {
            number: String::new(),
            indent,
            lines: Vec::new(),
            supports: None,
            height: 0.0,
        };
    };
    let number = format!("[{}]", c.number);
    let mut reference = String::new();
    // An unnamed outlet is named by the title (`Article::outlet`): say it once.
    let outlet = article.outlet();
    if outlet != article.display_title() {
        reference.push_str(outlet);
        reference.push_str(" — ");
    }
    reference.push_str(article.display_title());
    if let Some(d) = &article.published {
        reference.push_str(", ");
        reference.push_str(&d.human(p.lang()));
    }
    if let Some(url) = article.url.as_deref().filter(|u| !u.trim().is_empty()) {
        reference.push_str(", ");
        reference.push_str(url.trim());
    }
    let lines = text::wrap(&reference, p.small, FontStyle::Regular, width - indent, 3);

    let titles: Vec<&str> = c
        .happenings
        .iter()
        .filter_map(|&h| p.corpus.happening(h))
        .filter_map(|h| p.corpus.lead(h))
        .map(|e| e.title.as_str())
        .collect();
    let supports = (with_events && !titles.is_empty()).then(|| {
        let prefix = match p.lang() {
            Lang::Fr => "Événements\u{202f}: ",
            Lang::En => "Events: ",
        };
        list_fitting(
            prefix,
            &titles,
            p.small,
            FontStyle::Italic,
            width - indent,
            p.lang(),
        )
    });
    let lh = text::line_height(p.small);
    let height = (lines.len() + usize::from(supports.is_some())) as f32 * lh + 0.45 * p.small;
    CitationBlock {
        number,
        indent,
        lines,
        supports,
        height,
    }
}

/// "prefix a; b; c; +2 more" within `max_px`.
fn list_fitting(
    prefix: &str,
    items: &[&str],
    size: f32,
    style: FontStyle,
    max_px: f32,
    lang: Lang,
) -> String {
    let more = |n: usize| match lang {
        Lang::Fr => format!("+{n} autre{}", plural_s(n)),
        Lang::En => format!("+{n} more"),
    };
    let mut out = prefix.to_owned();
    for (i, item) in items.iter().enumerate() {
        let rest = items.len() - i - 1;
        let sep = if i == 0 { "" } else { "; " };
        let candidate = format!("{out}{sep}{item}");
        let tail = if rest > 0 {
            format!("; {}", more(rest))
        } else {
            String::new()
        };
        if text::width(&format!("{candidate}{tail}"), size, style) <= max_px {
            out = candidate;
            continue;
        }
        // Shorten this title to fit rather than drop it, when that leaves a readable part.
        let room = max_px
            - text::width(&format!("{out}{sep}"), size, style)
            - text::width(&tail, size, style);
        let short = text::truncate(item, size, style, room);
        if short.chars().count() > 12 {
            return format!("{out}{sep}{short}{tail}");
        }
        let remaining = items.len() - i;
        return text::truncate(
            &format!("{out}{sep}{}", more(remaining)),
            size,
            style,
            max_px,
        );
    }
    out
}

pub(super) fn draw_citation(
    p: &Page<'_>,
    page: &mut Scene,
    block: &CitationBlock,
    x: f32,
    top: f32,
) {
    let lh = text::line_height(p.small);
    let indent = block.indent;
    let mut y = top;
    push_text(
        page,
        x,
        y + text::ascent(p.small),
        block.number.clone(),
        p.small,
        p.theme.text,
        Align::Left,
        FontStyle::Bold,
    );
    for line in &block.lines {
        push_text(
            page,
            x + indent,
            y + text::ascent(p.small),
            line.clone(),
            p.small,
            p.theme.text,
            Align::Left,
            FontStyle::Regular,
        );
        y += lh;
    }
    if let Some(s) = &block.supports {
        push_text(
            page,
            x + indent,
            y + text::ascent(p.small),
            s.clone(),
            p.small,
            p.theme.muted,
            Align::Left,
            FontStyle::Italic,
        );
    }
}

/// Splits citations into one or two columns within `room` pixels of height; returns the
/// columns, the column width, and how many citations fit.
pub(super) fn citation_columns(
    p: &Page<'_>,
    all: &[Citation],
    room: f32,
    with_events: bool,
) -> (Vec<Vec<CitationBlock>>, f32, usize) {
    let full_w = p.content.width();
    let col_gap = 2.0 * p.m.font;
    let half_w = 0.5 * (full_w - col_gap);
    let more_h = text::line_height(p.small);
    let fit = |blocks: Vec<CitationBlock>, columns: usize| -> (Vec<Vec<CitationBlock>>, usize) {
        let total = blocks.len();
        let mut out: Vec<Vec<CitationBlock>> = vec![Vec::new()];
        let mut used = 0.0;
        let mut shown = 0;
        for (i, b) in blocks.into_iter().enumerate() {
            let reserve = if i + 1 < total { more_h } else { 0.0 };
            if used + b.height + reserve > room {
                if out.len() < columns {
                    out.push(Vec::new());
                    used = 0.0;
                } else {
                    break;
                }
            }
            if used + b.height + reserve > room {
                break;
            }
            used += b.height;
            if let Some(col) = out.last_mut() {
                col.push(b);
            }
            shown += 1;
        }
        out.retain(|c| !c.is_empty());
        (out, shown)
    };
    let widest_number = format!("[{}] ", all.len().max(10));
    let indent = text::width(&widest_number, p.small, FontStyle::Bold);
    let single: Vec<CitationBlock> = all
        .iter()
        .map(|c| citation_block(p, c, full_w, indent, with_events))
        .collect();
    let single_h: f32 = single.iter().map(|b| b.height).sum();
    // Two columns only when one would be too tall and each half is still a comfortable
    // line length (about 45 characters).
    let two_ok = half_w >= 24.0 * p.small;
    if single_h <= room || !two_ok || all.len() < 2 {
        let (cols, shown) = fit(single, 1);
        return (cols, full_w, shown);
    }
    let halves: Vec<CitationBlock> = all
        .iter()
        .map(|c| citation_block(p, c, half_w, indent, with_events))
        .collect();
    // Balance: the first column takes blocks until it holds half the total height.
    let total: f32 = halves.iter().map(|b| b.height).sum();
    let target = (0.5 * total).min(room);
    let mut first = Vec::new();
    let mut second = Vec::new();
    let mut used = 0.0;
    for b in halves {
        if second.is_empty()
            && (used + 0.5 * b.height <= target || first.is_empty())
            && used + b.height <= room
        {
            used += b.height;
            first.push(b);
        } else {
            second.push(b);
        }
    }
    let shown_first = first.len();
    let (rest, shown_second) = fit(second, 1);
    let mut columns = vec![first];
    columns.extend(rest);
    columns.retain(|c| !c.is_empty());
    (columns, half_w, shown_first + shown_second)
}

/// Adds the source numbers to each drawn event's accessible label ("…, sources [1], [2]"),
/// so the SVG's hover titles and screen readers key events to citations.
pub(super) fn key_items_to_citations(scene: &mut Scene, citations: &[Citation]) {
    if citations.is_empty() {
        return;
    }
    for item in &mut scene.items {
        let Target::Happening(h) = item.target else {
            continue;
        };
        let numbers: Vec<String> = citations
            .iter()
            .filter(|c| c.happenings.contains(&h))
            .map(|c| format!("[{}]", c.number))
            .collect();
        if !numbers.is_empty() {
            item.label
                .push_str(&format!("; sources {}", numbers.join(", ")));
        }
    }
}
