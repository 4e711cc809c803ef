//! Evaluation against TimeML documents, TempEval-3 style: strict and relaxed span
//! P/R/F1, and type and value accuracy over relaxed matches scaled into F1
//! (P = correct / predicted, R = correct / gold), micro-averaged over documents.

use std::fmt::Write as _;
use std::ops::AddAssign;
use std::path::Path;

use super::{Dct, Language, Mention, TimexType};

/// A gold TIMEX3 of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldTimex {
    /// Code points in [`GoldDoc::text`].
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldDoc {
    /// Text of `<TEXT>`, inner tags removed.
    pub text: String,
    /// Value of the creation-time TIMEX3 in `<DCT>`.
    pub dct: Option<String>,
    pub timexes: Vec<GoldTimex>,
}

/// Reads a TimeML document.
pub fn read_timeml(xml: &str) -> Result<GoldDoc, String> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| format!("not well-formed XML: {e}"))?;
    let root = doc.root_element();
    let dct = root
        .descendants()
        .find(|n| n.has_tag_name("DCT"))
        .and_then(|d| d.descendants().find(|n| n.has_tag_name("TIMEX3")))
        .and_then(|t| t.attribute("value"))
        .map(str::to_string);
    let text_el = root
        .descendants()
        .find(|n| n.has_tag_name("TEXT"))
        .ok_or_else(|| "no <TEXT> element".to_string())?;
    let mut text = String::new();
    let mut chars = 0usize;
    let mut timexes = Vec::new();
    collect(text_el, &mut text, &mut chars, &mut timexes)?;
    Ok(GoldDoc { text, dct, timexes })
}

fn collect(
    node: roxmltree::Node,
    text: &mut String,
    chars: &mut usize,
    timexes: &mut Vec<GoldTimex>,
) -> Result<(), String> {
    for child in node.children() {
        if child.is_text() {
            let t = child.text().unwrap_or("");
            text.push_str(t);
            *chars += t.chars().count();
        } else if child.is_element() {
            let start = *chars;
            collect(child, text, chars, timexes)?;
            if child.has_tag_name("TIMEX3") {
                let kind = child.attribute("type").unwrap_or("DATE");
                let kind = TimexType::parse(kind)
                    .ok_or_else(|| format!("unknown TIMEX3 type {kind:?}"))?;
                timexes.push(GoldTimex {
                    start,
                    end: *chars,
                    kind,
                    value: child.attribute("value").unwrap_or("").to_string(),
                });
            }
        }
    }
    Ok(())
}

/// Counts for one or more documents (they add up).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    pub gold: usize,
    pub predicted: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub type_ok: usize,
    pub value_ok: usize,
    pub docs: usize,
}

impl AddAssign for Scores {
    fn add_assign(&mut self, o: Scores) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.type_ok += o.type_ok;
        self.value_ok += o.value_ok;
        self.docs += o.docs;
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// One-to-one relaxed matching: for each gold timex in order, the first unmatched
/// predicted mention that overlaps it (exact matches first).
fn matching(gold: &[GoldTimex], pred: &[Mention]) -> Vec<Option<usize>> {
    let mut used = vec![false; pred.len()];
    let mut out = vec![None; gold.len()];
    for (gi, gt) in gold.iter().enumerate() {
        if let Some(pi) = pred
            .iter()
            .position(|p| p.start == gt.start && p.end == gt.end)
            && !used[pi]
        {
            used[pi] = true;
            out[gi] = Some(pi);
        }
    }
    for (gi, gt) in gold.iter().enumerate() {
        if out[gi].is_some() {
            continue;
        }
        let found = pred
            .iter()
            .enumerate()
            .find(|(pi, p)| !used[*pi] && overlaps((gt.start, gt.end), (p.start, p.end)));
        if let Some((pi, _)) = found {
            used[pi] = true;
            out[gi] = Some(pi);
        }
    }
    out
}

/// Scores one document.
pub fn score(gold: &[GoldTimex], pred: &[Mention]) -> Scores {
    let m = matching(gold, pred);
    let mut s = Scores {
        gold: gold.len(),
        predicted: pred.len(),
        docs: 1,
        ..Scores::default()
    };
    for (gt, pi) in gold.iter().zip(&m) {
        let Some(pi) = pi else { continue };
        let p = &pred[*pi];
        s.relaxed += 1;
        if p.start == gt.start && p.end == gt.end {
            s.strict += 1;
        }
        if p.kind == gt.kind {
            s.type_ok += 1;
        }
        if p.value == gt.value {
            s.value_ok += 1;
        }
    }
    s
}

fn prf(correct: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let p = if predicted == 0 {
        0.0
    } else {
        correct as f64 / predicted as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        correct as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (100.0 * p, 100.0 * r, 100.0 * f)
}

/// Printable table: P, R, F1 per measure.
pub fn table(s: &Scores) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} documents, {} gold, {} predicted",
        s.docs, s.gold, s.predicted
    );
    let _ = writeln!(out, "{:<14} {:>6} {:>6} {:>6}", "measure", "P", "R", "F1");
    for (name, c) in [
        ("strict span", s.strict),
        ("relaxed span", s.relaxed),
        ("type", s.type_ok),
        ("value", s.value_ok),
    ] {
        let (p, r, f) = prf(c, s.predicted, s.gold);
        let _ = writeln!(out, "{name:<14} {p:>6.1} {r:>6.1} {f:>6.1}");
    }
    out
}

/// Characters `[s, e)` of `text` with `ctx` characters of context either side, the
/// span in brackets, on one line.
fn context(text: &str, s: usize, e: usize, ctx: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let s = s.min(chars.len());
    let e = e.min(chars.len()).max(s);
    let a: String = chars[s.saturating_sub(ctx)..s].iter().collect();
    let m: String = chars[s..e].iter().collect();
    let b: String = chars[e..(e + ctx).min(chars.len())].iter().collect();
    format!("{a}[{m}]{b}").replace(['\n', '\r', '\t'], " ")
}

/// Every miss, false alarm, span, type and value mismatch of a document, one line
/// each, with 40 characters of context.
pub fn errors(name: &str, doc: &GoldDoc, pred: &[Mention]) -> Vec<String> {
    let m = matching(&doc.timexes, pred);
    let mut used = vec![false; pred.len()];
    let mut out = Vec::new();
    for (gt, pi) in doc.timexes.iter().zip(&m) {
        let ctx = context(&doc.text, gt.start, gt.end, 40);
        match pi {
            None => out.push(format!("{name}\tMISS\t{} {}\t{ctx}", gt.kind, gt.value)),
            Some(pi) => {
                used[*pi] = true;
                let p = &pred[*pi];
                if p.start != gt.start || p.end != gt.end {
                    out.push(format!(
                        "{name}\tSPAN\tgold {:?} pred {:?}\t{ctx}",
                        context(&doc.text, gt.start, gt.end, 0),
                        p.text
                    ));
                }
                if p.kind != gt.kind {
                    out.push(format!(
                        "{name}\tTYPE\tgold {} pred {}\t{ctx}",
                        gt.kind, p.kind
                    ));
                }
                if p.value != gt.value {
                    out.push(format!(
                        "{name}\tVALUE\tgold {} pred {}\t{ctx}",
                        gt.value, p.value
                    ));
                }
            }
        }
    }
    for (pi, p) in pred.iter().enumerate() {
        if !used[pi] {
            let ctx = context(&doc.text, p.start, p.end, 40);
            out.push(format!("{name}\tFALSE\t{} {}\t{ctx}", p.kind, p.value));
        }
    }
    out
}

fn escape(s: &str, attr: bool) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' if attr => o.push_str("&quot;"),
            _ => o.push(c),
        }
    }
    o
}

/// The text with inline `<TIMEX3>` tags, XML-escaped.
pub fn to_timeml(text: &str, mentions: &[Mention]) -> String {
    let mut out = String::with_capacity(text.len() + mentions.len() * 60);
    let mut iter = mentions.iter().enumerate().peekable();
    let mut open: Option<usize> = None;
    let mut buf = String::new();
    for (ci, ch) in text.chars().enumerate() {
        if let Some(end) = open
            && ci == end
        {
            out.push_str(&escape(&buf, false));
            buf.clear();
            out.push_str("</TIMEX3>");
            open = None;
        }
        if open.is_none()
            && let Some((i, m)) = iter.peek()
            && m.start == ci
        {
            let _ = write!(
                out,
                "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\">",
                i + 1,
                m.kind,
                escape(&m.value, true)
            );
            open = Some(m.end);
            iter.next();
        }
        if open.is_some() {
            buf.push(ch);
        } else {
            let mut tmp = [0u8; 4];
            out.push_str(&escape(ch.encode_utf8(&mut tmp), false));
        }
    }
    if open.is_some() {
        out.push_str(&escape(&buf, false));
        out.push_str("</TIMEX3>");
    }
    out
}

/// Evaluates the tagger on every `.tml` file of `dir` (sorted by name). Returns the
/// summed scores and, when `want_errors`, the error lines. `lang`: `None` to detect.
pub fn evaluate_dir(
    dir: &Path,
    lang: Option<Language>,
    want_errors: bool,
) -> Result<(Scores, Vec<String>), String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    let mut total = Scores::default();
    let mut errs = Vec::new();
    for f in files {
        let xml = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let doc = read_timeml(&xml).map_err(|e| format!("{}: {e}", f.display()))?;
        let dct = doc.dct.as_deref().and_then(Dct::parse);
        let tagged = super::tag(&doc.text, lang, dct.as_ref());
        total += score(&doc.timexes, &tagged.mentions);
        if want_errors {
            let name = f
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            errs.extend(errors(&name, &doc, &tagged.mentions));
        }
    }
    Ok((total, errs))
}
