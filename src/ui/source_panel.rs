//! The source panel: the selected happening's sources, every passage quoted, conflicts spelled
//! out, and the article text with passages highlighted. Clicking a highlighted passage
//! selects its event: the link between timeline and text goes both ways.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText, Sense};

use super::command::UiCommand;
use super::painter;
use super::state::{AppState, Command};
use crate::model::{Article, ArticleIx, Corpus, EventIx, HappeningIx, Lang};
use crate::timeline::text::FontStyle;

#[derive(Default)]
pub struct SourcePanel {
    /// The selection last scrolled to, so the text scrolls once per new selection.
    scrolled_for: Option<(HappeningIx, Option<EventIx>)>,
    /// The event whose passage is under the pointer in the article text.
    pub hovered_passage: Option<EventIx>,
    /// Text selected in the article view (by dragging), for a new event or passage.
    pub selection: Option<TextSelection>,
    /// Where the drag that makes the selection started (a code point of the text).
    drag_anchor: Option<usize>,
    /// A command asked for from the text's context menu, for the application to run.
    pub request: Option<UiCommand>,
    /// The article being read while no event is selected (chosen from the list of
    /// articles), so that text without events can be read and passages picked from it.
    pub reading: Option<ArticleIx>,
    /// The temporal expressions of the article shown, underlined in its text.
    dates: Option<DateMarks>,
}

/// The temporal expressions of one article: byte ranges and what each resolves to.
struct DateMarks {
    article: ArticleIx,
    text_len: usize,
    marks: Vec<(std::ops::Range<usize>, String)>,
}

/// Longest text whose dates are underlined (tagging runs when the article is shown).
const MAX_TAGGED_BYTES: usize = 2 << 20;

impl DateMarks {
    fn of(article_ix: ArticleIx, article: &Article, lang: Lang) -> Self {
        let text = &article.text;
        let mut marks = Vec::new();
        if text.len() <= MAX_TAGGED_BYTES {
            let dct = crate::suggest::dct_of(article);
            let tagged =
                crate::temporal::tag(text, crate::suggest::language_of(article), dct.as_ref());
            let index = crate::model::CharIndex::new(text);
            for m in tagged.mentions {
                let (Some(a), Some(b)) = (index.byte(m.start), index.byte(m.end)) else {
                    continue;
                };
                let resolved = m
                    .date
                    .as_deref()
                    .and_then(|d| crate::model::Edtf::parse(d).ok())
                    .map(|d| format!("{} ({})", d.human(lang), d));
                let label = match resolved {
                    Some(r) => format!("{}: {r}", m.kind),
                    None => format!("{}: {}", m.kind, m.value),
                };
                marks.push((a..b, label));
            }
        }
        Self {
            article: article_ix,
            text_len: text.len(),
            marks,
        }
    }
}

/// A span of an article's text the user selected, in code points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextSelection {
    pub article: ArticleIx,
    pub chars: std::ops::Range<usize>,
}

fn precision_note(d: &crate::model::Edtf) -> String {
    let p = d.precision().name();
    let mut note = format!("known to the {p}");
    let q = d.qualifier();
    if q.approximate {
        note.push_str(", approximate");
    }
    if q.uncertain {
        note.push_str(", uncertain");
    }
    if d.is_interval() {
        note.push_str(", a period");
    }
    note
}

impl SourcePanel {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
        let mut commands = Vec::new();
        let corpus = &state.corpus();
        let lang = state.view().lang;
        let Some(h_ix) = state.view().selected else {
            self.scrolled_for = None;
            if let Some(a) = self.reading.filter(|a| corpus.article(*a).is_some()) {
                self.reading_ui(ui, corpus, a, &mut commands);
                return commands;
            }
            self.reading = None;
            ui.add_space(8.0);
            ui.heading("Sources");
            ui.label(
                RichText::new("Click an event on the timeline or in the list to read what each source says, in its own words. Or open an article below to read it and select passages for new events.")
                    .color(ui.visuals().weak_text_color()),
            );
            ui.add_space(8.0);
            ui.label(format!("{} articles loaded:", corpus.articles.len()));
            egui::ScrollArea::vertical()
                .id_salt("article-list")
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for (i, a) in corpus.articles.iter().enumerate().take(500) {
                        let events = a.events.len();
                        let label = format!(
                            "{} ({events} {})",
                            outlet_and_title(a),
                            if events == 1 { "event" } else { "events" }
                        );
                        if ui
                            .add(egui::Button::new(label).frame(false).wrap())
                            .on_hover_text("Read this article")
                            .clicked()
                        {
                            self.reading = Some(ArticleIx(i as u32));
                        }
                    }
                    if corpus.articles.len() > 500 {
                        ui.label(
                            RichText::new(format!(
                                "… and {} more: search or filter to find an event, then read its article",
                                corpus.articles.len() - 500
                            ))
                            .weak(),
                        );
                    }
                });
            return commands;
        };
        let Some(h) = corpus.happening(h_ix) else {
            return commands;
        };
        let Some(lead) = corpus.lead(h) else {
            return commands;
        };
        let focused = state
            .focused_event()
            .filter(|e| h.events.contains(e))
            .unwrap_or(h.lead);

        // Two parts, each scrolling on its own: what the sources say (top), and the article
        // text scrolled to the selected passage (bottom), so both are in view at once.
        let top_height = (ui.available_height() * 0.48).max(160.0);
        egui::ScrollArea::vertical()
            .id_salt("source-cards")
            .max_height(top_height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                ui.add_space(6.0);
                ui.label(RichText::new(&lead.title).heading().strong());
                if super::review::is_suggestion(corpus, focused) {
                    ui.label(
                        RichText::new(
                            "Suggested from the text: Enter accepts, Delete rejects, E edits, → the next",
                        )
                        .color(ui.visuals().warn_fg_color),
                    );
                } else if let Some((other, join)) = super::review::story_offer(corpus, focused)
                    && let Some(o) = corpus.event(other)
                {
                    let outlet = corpus.article(o.article).map_or("", |a| a.outlet());
                    ui.horizontal_wrapped(|ui| {
                        ui.label(format!("Same happening as ‘{}’ ({outlet})?", o.title));
                        if ui
                            .button("Join the story")
                            .on_hover_text("Both events become one happening, reported by both sources")
                            .clicked()
                        {
                            commands.push(join);
                        }
                    });
                }
                match h.date {
                    Some(d) => {
                        ui.label(RichText::new(d.human(lang)).size(16.0));
                        ui.label(RichText::new(format!("{d} · {}", precision_note(&d))).weak());
                    }
                    None => {
                        ui.label(
                            RichText::new(match lang {
                                Lang::Fr => "Sans date",
                                Lang::En => "Undated: no source gives a date",
                            })
                            .size(16.0),
                        );
                    }
                }
                let mut facts = Vec::new();
                if let Some(k) = &lead.kind {
                    facts.push(k.clone());
                }
                facts.push(format!(
                    "reported by {} {}",
                    h.source_count,
                    if h.source_count == 1 {
                        "source"
                    } else {
                        "sources"
                    }
                ));
                ui.label(facts.join(" · "));

                if !h.conflicts.is_empty() {
                    ui.add_space(4.0);
                    egui::Frame::group(ui.style())
                        .fill(ui.visuals().warn_fg_color.gamma_multiply(0.12))
                        .show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.label(
                                RichText::new("⚠ Sources disagree")
                                    .strong()
                                    .color(ui.visuals().warn_fg_color),
                            );
                            for c in &h.conflicts {
                                ui.label(corpus.describe_conflict(c, lang));
                            }
                        });
                }

                ui.add_space(8.0);
                ui.label(RichText::new(format!("Passages ({})", h.events.len())).strong());
                for (n, &e_ix) in h.events.iter().enumerate() {
                    if let Some(cmd) = source_card(ui, corpus, e_ix, n + 1, e_ix == focused, lang) {
                        commands.push(cmd);
                    }
                }

                ui.add_space(4.0);
            });
        ui.separator();
        if let Some(article) = corpus
            .event(focused)
            .and_then(|e| corpus.article(e.article))
        {
            ui.label(RichText::new(outlet_and_title(article)).strong());
            egui::ScrollArea::vertical()
                .id_salt("source-text")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let scroll = self.scrolled_for != Some((h_ix, Some(focused)));
                    let (hovered, clicked) = self.article_text(
                        ui,
                        corpus,
                        article_of(corpus, focused),
                        Some(focused),
                        scroll,
                    );
                    self.hovered_passage = hovered;
                    commands.extend(clicked.map(Command::SelectEvent));
                    self.scrolled_for = Some((h_ix, Some(focused)));
                });
        }
        commands
    }

    /// An article read on its own: its title, details and text, passages highlighted.
    fn reading_ui(
        &mut self,
        ui: &mut egui::Ui,
        corpus: &Corpus,
        a: ArticleIx,
        commands: &mut Vec<Command>,
    ) {
        let Some(article) = corpus.article(a) else {
            return;
        };
        ui.add_space(6.0);
        if ui
            .button("← All articles")
            .on_hover_text("Back to the list of articles")
            .clicked()
        {
            self.reading = None;
        }
        ui.label(RichText::new(article.display_title()).heading().strong());
        let mut details = vec![if article.source.is_empty() {
            "outlet unknown".to_owned()
        } else {
            article.outlet().to_owned()
        }];
        if let Some(p) = &article.published {
            details.push(format!("published {}", p.human(crate::model::Lang::En)));
        }
        details.push(format!("{} events", article.events.len()));
        ui.label(RichText::new(details.join(" · ")).weak());
        ui.label(
            RichText::new("Drag over the text to select a passage, then Ctrl+N (or right-click) to make it an event.")
                .weak()
                .small(),
        );
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("source-text")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let (hovered, clicked) = self.article_text(ui, corpus, a, None, false);
                self.hovered_passage = hovered;
                commands.extend(clicked.map(Command::SelectEvent));
            });
    }
}

/// "Outlet — Title"; an unnamed outlet is named by the title, so the title alone.
fn outlet_and_title(a: &Article) -> String {
    if a.source.is_empty() {
        a.display_title().to_owned()
    } else {
        format!("{} — {}", a.outlet(), a.display_title())
    }
}

/// The article of an event (the first article when the event is gone).
fn article_of(corpus: &Corpus, e: EventIx) -> ArticleIx {
    corpus.event(e).map_or(ArticleIx(0), |e| e.article)
}

/// One source of a happening: outlet, title, date, link, what it says and its passages.
fn source_card(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    e_ix: EventIx,
    number: usize,
    focused: bool,
    lang: Lang,
) -> Option<Command> {
    let event = corpus.event(e_ix)?;
    let article = corpus.article(event.article)?;
    let mut command = None;
    let stroke = if focused {
        egui::Stroke::new(2.0, ui.visuals().selection.stroke.color)
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    };
    egui::Frame::group(ui.style())
        .stroke(stroke)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("[{number}] {}", article.outlet())).strong());
                // An unnamed outlet is already named by the title: say it is unknown.
                if article.source.is_empty() {
                    ui.label(RichText::new("outlet unknown").weak());
                } else {
                    ui.label(RichText::new(article.display_title()).italics());
                }
            });
            ui.horizontal_wrapped(|ui| {
                match &article.published {
                    Some(p) => ui.label(format!("published {}", p.human(lang))),
                    None => ui.label(RichText::new("publication date unknown").weak()),
                };
                if let Some(url) = &article.url {
                    ui.hyperlink_to("link", url);
                }
            });
            let date = event.date.map_or_else(
                || "gives no date".to_owned(),
                |d| format!("dates it {}", d.human(lang)),
            );
            let mut says = format!("This source {date}");
            if !event.actors.is_empty() {
                says.push_str(&format!("; names {}", corpus.entity_names(&event.actors)));
            }
            ui.label(RichText::new(says).weak());
            for quote in event.unplaced_quotes() {
                ui.label(
                    RichText::new(format!(
                        "« {quote} » is no longer in the article text (unplaced; kept as written)"
                    ))
                    .color(ui.visuals().warn_fg_color),
                );
            }
            for ev in &event.evidence {
                let quote = ev.passage.quote(&article.text);
                let text = format!("« {quote} »");
                let response = ui.add(
                    egui::Label::new(
                        RichText::new(text)
                            .family(egui::FontFamily::Name(super::painter::ITALIC.into()))
                            .size(14.0),
                    )
                    .wrap()
                    .sense(Sense::click()),
                );
                if response
                    .on_hover_text("Show this passage in the article")
                    .on_hover_cursor(egui::CursorIcon::PointingHand)
                    .clicked()
                {
                    command = Some(Command::SelectEvent(e_ix));
                }
            }
            if !focused && ui.small_button("Read in the article").clicked() {
                command = Some(Command::SelectEvent(e_ix));
            }
        });
    command
}

/// The article's text with every passage lightly highlighted and the focused event's
/// passages strongly; returns the event whose passage is hovered, and the one clicked.
impl SourcePanel {
    /// The article text with its passages highlighted: hovering a passage names its event,
    /// clicking selects it; dragging selects text for a new event or passage (right-click for
    /// the menu).
    fn article_text(
        &mut self,
        ui: &mut egui::Ui,
        corpus: &Corpus,
        article_ix: ArticleIx,
        focused: Option<EventIx>,
        scroll: bool,
    ) -> (Option<EventIx>, Option<EventIx>) {
        let Some(article) = corpus.article(article_ix) else {
            return (None, None);
        };
        let text = &article.text;
        // (byte range, event, strong?)
        let mut spans: Vec<(usize, usize, EventIx, bool)> = Vec::new();
        for (ix, e) in corpus.events_of(article_ix) {
            for ev in &e.evidence {
                let r = ev.passage.bytes();
                spans.push((r.start, r.end, ix, Some(ix) == focused));
            }
        }
        let dark = ui.visuals().dark_mode;
        let light_bg = if dark {
            Color32::from_rgb(0x3a, 0x36, 0x20)
        } else {
            Color32::from_rgb(0xfd, 0xf3, 0xc4)
        };
        let strong_bg = if dark {
            Color32::from_rgb(0x8a, 0x6a, 0x00)
        } else {
            Color32::from_rgb(0xff, 0xd3, 0x4d)
        };
        let text_color = ui.visuals().text_color();
        let size = 15.0;
        let format = |bg: Color32, style: FontStyle| TextFormat {
            font_id: painter::font(size, style),
            color: text_color,
            background: bg,
            line_height: Some(size * 1.5),
            ..TextFormat::default()
        };

        // Cut the text at every passage boundary and give each piece its strongest highlight.
        if self
            .selection
            .as_ref()
            .is_some_and(|s| s.article != article_ix)
        {
            self.selection = None;
        }
        let index = crate::model::CharIndex::new(text);
        let selected_bytes = self
            .selection
            .as_ref()
            .and_then(|s| Some((index.byte(s.chars.start)?, index.byte(s.chars.end)?)));
        let selection_bg = ui.visuals().selection.bg_fill;
        if self
            .dates
            .as_ref()
            .is_none_or(|d| d.article != article_ix || d.text_len != text.len())
        {
            self.dates = Some(DateMarks::of(article_ix, article, Lang::En));
        }
        let date_marks: &[(std::ops::Range<usize>, String)] =
            self.dates.as_ref().map_or(&[][..], |d| d.marks.as_slice());
        let underline = egui::Stroke::new(1.2, ui.visuals().hyperlink_color);
        let mut cuts: Vec<usize> = spans
            .iter()
            .flat_map(|s| [s.0, s.1])
            .chain(date_marks.iter().flat_map(|(r, _)| [r.start, r.end]))
            .chain([0, text.len()])
            .chain(selected_bytes.into_iter().flat_map(|(a, b)| [a, b]))
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut job = LayoutJob {
            wrap: egui::text::TextWrapping::wrap_at_width(ui.available_width()),
            ..LayoutJob::default()
        };
        for pair in cuts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let Some(piece) = text.get(a..b) else {
                continue;
            };
            let level = spans
                .iter()
                .filter(|s| s.0 <= a && b <= s.1)
                .map(|s| if s.3 { 2 } else { 1 })
                .max()
                .unwrap_or(0);
            let in_selection = selected_bytes.is_some_and(|(s, e)| s <= a && b <= e);
            let mut f = match level {
                _ if in_selection => format(selection_bg, FontStyle::Regular),
                2 => format(strong_bg, FontStyle::Bold),
                1 => format(light_bg, FontStyle::Regular),
                _ => format(Color32::TRANSPARENT, FontStyle::Regular),
            };
            if date_marks.iter().any(|(r, _)| r.start <= a && b <= r.end) {
                f.underline = underline;
            }
            job.append(piece, 0.0, f);
        }
        let galley = ui.painter().layout_job(job);
        let (rect, response) = ui.allocate_exact_size(galley.size(), Sense::click_and_drag());
        let full = text.clone();
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Paragraph, true, &full));
        ui.painter().galley(rect.min, galley.clone(), text_color);

        if scroll && let Some(s) = spans.iter().find(|s| s.3) {
            let start_char = text.get(..s.0).map_or(0, |t| t.chars().count());
            let caret = galley.pos_from_cursor(egui::text::CCursor::new(start_char));
            let target = caret
                .translate(rect.min.to_vec2())
                .expand2(egui::vec2(0.0, 40.0));
            ui.scroll_to_rect(target, Some(egui::Align::Center));
        }

        // Dragging selects text, in code points (the galley counts characters as the format does).
        let char_at = |p: egui::Pos2| galley.cursor_from_pos(p - rect.min).index.0;
        if response.drag_started()
            && let Some(p) = response.interact_pointer_pos()
        {
            self.drag_anchor = Some(char_at(p));
        }
        if response.dragged()
            && let (Some(anchor), Some(p)) = (self.drag_anchor, response.interact_pointer_pos())
        {
            let at = char_at(p);
            let chars = anchor.min(at)..anchor.max(at);
            self.selection = (!chars.is_empty()).then_some(TextSelection {
                article: article_ix,
                chars,
            });
        }
        if response.drag_stopped() {
            self.drag_anchor = None;
        }
        if response.clicked() {
            self.selection = None;
        }
        let has_selection = self.selection.is_some();
        response.context_menu(|ui| {
            for c in [UiCommand::NewEventFromSelection, UiCommand::AddPassage] {
                let mut button = egui::Button::new(c.text());
                if let Some(keys) = c.shortcut_text(ui.ctx()) {
                    button = button.shortcut_text(keys);
                }
                if ui
                    .add_enabled(has_selection, button)
                    .on_hover_text(c.tooltip())
                    .clicked()
                {
                    self.request = Some(c);
                    ui.close();
                }
            }
        });
        let Some(pointer) = response.hover_pos() else {
            return (None, None);
        };
        let cursor = galley.cursor_from_pos(pointer - rect.min);
        let char_ix = cursor.index.0;
        let byte = text
            .char_indices()
            .nth(char_ix)
            .map_or(text.len(), |(b, _)| b);
        // What the date under the pointer resolves to.
        let date_label = self
            .dates
            .as_ref()
            .and_then(|d| {
                d.marks
                    .iter()
                    .find(|(r, _)| r.start <= byte && byte < r.end)
            })
            .map(|(_, label)| label.clone());
        // Prefer another event's passage (that is what a click is for), then the shortest.
        let Some(best) = spans
            .iter()
            .filter(|s| s.0 <= byte && byte < s.1)
            .min_by_key(|s| (s.3, s.1 - s.0))
            .map(|s| s.2)
        else {
            if let Some(label) = date_label {
                response.on_hover_text(label);
            }
            return (None, None);
        };
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        let clicked = response.clicked().then_some(best);
        if let Some(e) = corpus.event(best) {
            let hint = match date_label {
                Some(label) => format!("{label}\n{} — click to select", e.title),
                None => format!("{} — click to select", e.title),
            };
            response.on_hover_text(hint);
        }
        (Some(best), clicked)
    }
}
