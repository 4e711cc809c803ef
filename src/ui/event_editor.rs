//! The event editor: title, date (checked as it is typed), kind, people and places, tags,
//! passages, story, and the article's details, in a side panel beside the source text.
//!
//! It owns only what is being typed. A field is committed when it loses focus or on Enter,
//! as one [`Command::Edit`] named for the Edit menu ("change date of ‘…’"), so every change
//! can be undone.

use egui::RichText;

use super::state::{AppState, Command};
use crate::model::edit::{ArticleFields, Edit, EventFields, entity_for_name};
use crate::model::{ArticleIx, Corpus, Edtf, EntityIx, EntityKind, Event, EventIx, Lang};
use crate::timeline::filter::fold;

#[derive(Default)]
pub struct EventEditor {
    pub open: bool,
    /// The event edited, by article and id (indices shift as events come and go).
    target: Option<(ArticleIx, String)>,
    /// What the buffers were filled from: the target and the state's generation.
    loaded: Option<(ArticleIx, String, u64)>,
    title: String,
    date: String,
    kind: String,
    tags: String,
    actor_query: String,
    place_query: String,
    story_query: String,
    article: ArticleBuffers,
    /// Select the title for typing over on the next frame (a new event).
    focus_title: bool,
}

#[derive(Default)]
struct ArticleBuffers {
    title: String,
    source: String,
    url: String,
    published: String,
    language: String,
}

/// A short, quoted form of an event's title for labels ("‘Assad regime falls’").
fn named(title: &str) -> String {
    let short: String = title.chars().take(48).collect();
    if short.len() < title.len() {
        format!("‘{short}…’")
    } else {
        format!("‘{short}’")
    }
}

impl EventEditor {
    /// Opens the editor on event `e`; `new` selects its title for typing over.
    pub fn edit(&mut self, corpus: &Corpus, e: EventIx, new: bool) {
        if let Some(event) = corpus.event(e) {
            self.target = Some((event.article, event.id.clone()));
            self.loaded = None;
            self.open = true;
            self.focus_title = new;
        }
    }

    /// The event being edited, if it still exists.
    pub fn target(&self, corpus: &Corpus) -> Option<EventIx> {
        let (a, id) = self.target.as_ref()?;
        corpus.find_event_in(*a, id)
    }

    fn load(&mut self, corpus: &Corpus, event: &Event) {
        self.title = event.title.clone();
        self.date = event.date.map(|d| d.to_string()).unwrap_or_default();
        self.kind = event.kind.clone().unwrap_or_default();
        self.tags = event.tags.join(", ");
        if let Some(a) = corpus.article(event.article) {
            self.article = ArticleBuffers {
                title: a.title.clone(),
                source: a.source.clone(),
                url: a.url.clone().unwrap_or_default(),
                published: a.published.map(|d| d.to_string()).unwrap_or_default(),
                language: a.language.clone(),
            };
        }
    }

    /// Draws the editor; returns the edits and selections asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
        let mut commands = Vec::new();
        let corpus = state.corpus();
        let Some(e_ix) = self.target(corpus) else {
            ui.heading("Edit event");
            ui.label(RichText::new("The event no longer exists (deleted or undone).").weak());
            if ui.button("Close").clicked() {
                self.open = false;
            }
            return commands;
        };
        let Some(event) = corpus.event(e_ix) else {
            return commands;
        };
        let key = (event.article, event.id.clone(), state.generation());
        if self.loaded.as_ref() != Some(&key) {
            self.load(corpus, event);
            self.loaded = Some(key);
        }
        let lang = state.view().lang;
        let fields = EventFields::of(event);
        let label = named(&event.title);
        // Field changes, turned into commands once the panel is drawn.
        let mut puts: Vec<(EventFields, String)> = Vec::new();
        let mut put = |fields: EventFields, what: String| puts.push((fields, what));
        ui.horizontal(|ui| {
            ui.heading("Edit event");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("Close")
                    .on_hover_text("Close the editor")
                    .clicked()
                {
                    self.open = false;
                }
            });
        });
        egui::ScrollArea::vertical().show(ui, |ui| {
            egui::Grid::new("event-fields")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    ui.label("Title");
                    let title_id = egui::Id::unique("event-editor-title");
                    let response = ui.add(
                        egui::TextEdit::singleline(&mut self.title)
                            .id(title_id)
                            .hint_text("Event title")
                            .desired_width(340.0),
                    );
                    if self.focus_title {
                        self.focus_title = false;
                        response.request_focus();
                        if let Some(mut s) = egui::TextEdit::load_state(ui.ctx(), title_id) {
                            let all = egui::text::CCursorRange::two(
                                egui::text::CCursor::new(0),
                                egui::text::CCursor::new(self.title.chars().count()),
                            );
                            s.cursor.set_char_range(Some(all));
                            s.store(ui.ctx(), title_id);
                        }
                    }
                    if response.lost_focus() && self.title.trim() != fields.title {
                        let mut f = fields.clone();
                        f.title = self.title.trim().to_owned();
                        put(f, format!("rename {label}"));
                    }
                    ui.end_row();

                    ui.label("Date");
                    ui.vertical(|ui| {
                        let response = ui.add(
                            egui::TextEdit::singleline(&mut self.date)
                                .hint_text("EDTF: 2024-12, 2025-07-31, 2015~/2025~, ..")
                                .desired_width(340.0),
                        );
                        let parsed = if self.date.trim().is_empty() {
                            Ok(None)
                        } else {
                            Edtf::parse(&self.date).map(Some)
                        };
                        match &parsed {
                            Ok(Some(d)) => {
                                ui.label(RichText::new(plain_date(d, lang)).weak());
                            }
                            Ok(None) => {
                                ui.label(
                                    RichText::new("undated (shown in the Undated tray)").weak(),
                                );
                            }
                            Err(e) => {
                                ui.colored_label(ui.visuals().error_fg_color, e.to_string());
                            }
                        }
                        if response.lost_focus()
                            && let Ok(date) = parsed
                            && date != fields.date
                        {
                            let mut f = fields.clone();
                            f.date = date;
                            put(f, format!("change date of {label}"));
                        }
                    });
                    ui.end_row();

                    ui.label("Kind");
                    ui.horizontal(|ui| {
                        let response = ui.add(
                            egui::TextEdit::singleline(&mut self.kind)
                                .hint_text("meeting, statement…")
                                .desired_width(160.0),
                        );
                        let mut chosen = None;
                        ui.menu_button("Existing ▾", |ui| {
                            for k in state.kinds().iter() {
                                if ui
                                    .selectable_label(fields.kind.as_deref() == Some(k), k)
                                    .clicked()
                                {
                                    chosen = Some(k.clone());
                                    ui.close();
                                }
                            }
                        });
                        let typed = (response.lost_focus()).then(|| self.kind.trim().to_owned());
                        if let Some(kind) = chosen.or(typed) {
                            let kind = (!kind.is_empty()).then_some(kind);
                            if kind != fields.kind {
                                let mut f = fields.clone();
                                f.kind = kind;
                                put(f, format!("change kind of {label}"));
                            }
                        }
                    });
                    ui.end_row();

                    ui.label("Tags");
                    let response = ui.add(
                        egui::TextEdit::singleline(&mut self.tags)
                            .hint_text("comma-separated")
                            .desired_width(340.0),
                    );
                    if response.lost_focus() {
                        let tags: Vec<String> = self
                            .tags
                            .split(',')
                            .map(|t| t.trim().to_owned())
                            .filter(|t| !t.is_empty())
                            .collect();
                        if tags != fields.tags {
                            let mut f = fields.clone();
                            f.tags = tags;
                            put(f, format!("change tags of {label}"));
                        }
                    }
                    ui.end_row();
                });

            ui.separator();
            for (role, places) in [("People and organisations", false), ("Places", true)] {
                ui.label(RichText::new(role).strong());
                let current = if places {
                    &fields.places
                } else {
                    &fields.actors
                };
                let mut remove = None;
                ui.horizontal_wrapped(|ui| {
                    for (i, ix) in current.iter().enumerate() {
                        let name = corpus.entity(*ix).map_or("?", |e| e.display_name());
                        if ui
                            .button(format!("{name}  ✖"))
                            .on_hover_text("Remove")
                            .clicked()
                        {
                            remove = Some(i);
                        }
                    }
                });
                if let Some(i) = remove {
                    let mut f = fields.clone();
                    let list = if places { &mut f.places } else { &mut f.actors };
                    let name = list
                        .get(i)
                        .and_then(|ix| corpus.entity(*ix))
                        .map(|e| e.display_name().to_owned())
                        .unwrap_or_default();
                    if i < list.len() {
                        list.remove(i);
                    }
                    put(f, format!("remove {name} from {label}"));
                }
                let query = if places {
                    &mut self.place_query
                } else {
                    &mut self.actor_query
                };
                ui.add(
                    egui::TextEdit::singleline(query)
                        .hint_text(if places {
                            "Add a place…"
                        } else {
                            "Add a person or organisation…"
                        })
                        .desired_width(340.0),
                );
                let q = fold(query.trim());
                if !q.is_empty() {
                    let mut add: Option<(EntityIx, Option<crate::model::Entity>)> = None;
                    for (i, ent) in corpus
                        .entities
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| fold(e.display_name()).contains(&q))
                        .take(6)
                    {
                        if ui
                            .button(format!("+ {} ({})", ent.display_name(), ent.kind.name()))
                            .clicked()
                        {
                            add = Some((EntityIx(i as u32), None));
                        }
                    }
                    ui.horizontal_wrapped(|ui| {
                        ui.label(format!("Create “{}” as", query.trim()));
                        for kind in [
                            EntityKind::Person,
                            EntityKind::Organization,
                            EntityKind::Place,
                            EntityKind::Other,
                        ] {
                            if ui.small_button(kind.name()).clicked() {
                                add = Some(entity_for_name(corpus, query, kind));
                            }
                        }
                    });
                    if let Some((ix, new)) = add {
                        let mut f = fields.clone();
                        let list = if places { &mut f.places } else { &mut f.actors };
                        if !list.contains(&ix) {
                            list.push(ix);
                        }
                        let name = new
                            .as_ref()
                            .map(|e| e.name.clone())
                            .or_else(|| corpus.entity(ix).map(|e| e.display_name().to_owned()))
                            .unwrap_or_default();
                        let put_event = Edit::PutEvent {
                            article: event.article,
                            id: event.id.clone(),
                            position: 0,
                            fields: Some(Box::new(f)),
                        };
                        let edit = match new {
                            Some(entity) => {
                                Edit::Batch(vec![Edit::AddEntity(Box::new(entity)), put_event])
                            }
                            None => put_event,
                        };
                        commands.push(Command::Edit {
                            edit,
                            label: format!("add {name} to {label}"),
                        });
                        query.clear();
                    }
                }
            }

            ui.separator();
            ui.label(RichText::new(format!("Passages ({})", fields.evidence.len())).strong());
            let text = corpus
                .article(event.article)
                .map_or("", |a| a.text.as_str());
            let mut remove = None;
            for (i, ev) in fields.evidence.iter().enumerate() {
                ui.horizontal(|ui| {
                    let quote: String = ev.passage.quote(text).chars().take(90).collect();
                    if ui
                        .button("Remove")
                        .on_hover_text("Remove this passage")
                        .clicked()
                    {
                        remove = Some(i);
                    }
                    if ui
                        .button("Show")
                        .on_hover_text("Show it in the article text")
                        .clicked()
                    {
                        commands.push(Command::SelectEvent(e_ix));
                    }
                    ui.label(RichText::new(format!("« {quote} »")).italics());
                });
            }
            if let Some(i) = remove {
                let mut f = fields.clone();
                if i < f.evidence.len() {
                    f.evidence.remove(i);
                }
                put(f, format!("remove a passage of {label}"));
            }

            ui.separator();
            self.story_ui(ui, corpus, event, &fields, &label, &mut commands);

            ui.separator();
            egui::CollapsingHeader::new("Article details").show(ui, |ui| {
                self.article_ui(ui, corpus, event.article, &mut commands);
            });

            ui.separator();
            if ui
                .button(RichText::new("Delete event").color(ui.visuals().error_fg_color))
                .on_hover_text("Delete this event (Undo brings it back)")
                .clicked()
            {
                commands.push(Command::Edit {
                    edit: Edit::PutEvent {
                        article: event.article,
                        id: event.id.clone(),
                        position: 0,
                        fields: None,
                    },
                    label: format!("delete {label}"),
                });
            }
        });
        commands.extend(
            puts.into_iter()
                .map(|(fields, label)| put_edit(event, fields, label)),
        );
        commands
    }

    /// Joining and leaving stories: a search over other articles' events, and ranked
    /// suggestions (compatible dates, shared people or places).
    fn story_ui(
        &mut self,
        ui: &mut egui::Ui,
        corpus: &Corpus,
        event: &Event,
        fields: &EventFields,
        label: &str,
        commands: &mut Vec<Command>,
    ) {
        ui.label(RichText::new("Same happening as…").strong());
        if let Some(story) = &fields.story {
            ui.horizontal(|ui| {
                let sources = corpus
                    .happening(event.happening)
                    .map_or(1, |h| h.source_count);
                ui.label(format!("Story “{story}”, {sources} sources"));
                if ui.button("Leave the story").clicked() {
                    let mut f = fields.clone();
                    f.story = None;
                    commands.push(put_edit(event, f, format!("take {label} out of its story")));
                }
            });
        }
        ui.add(
            egui::TextEdit::singleline(&mut self.story_query)
                .hint_text("Search the events of other articles…")
                .desired_width(340.0),
        );
        let q = fold(self.story_query.trim());
        let shares = |other: &Event| {
            other.actors.iter().any(|a| event.actors.contains(a))
                || other.places.iter().any(|p| event.places.contains(p))
        };
        let mut candidates: Vec<(i32, EventIx)> = corpus
            .events
            .iter()
            .enumerate()
            .filter(|(_, o)| o.article != event.article && o.happening != event.happening)
            .filter_map(|(i, o)| {
                let compatible = match (event.date, o.date) {
                    (Some(a), Some(b)) => a.compatible(&b),
                    _ => false,
                };
                let score = 2 * i32::from(compatible) + 2 * i32::from(shares(o));
                let matches = !q.is_empty() && fold(&o.title).contains(&q);
                (matches || (q.is_empty() && compatible && shares(o)))
                    .then_some((score, EventIx(i as u32)))
            })
            .collect();
        candidates.sort_by_key(|(score, ix)| (std::cmp::Reverse(*score), *ix));
        if candidates.is_empty() && q.is_empty() {
            ui.label(RichText::new("No suggestion: no event of another article has a compatible date and shares people or places.").weak());
        }
        for (_, ix) in candidates.into_iter().take(8) {
            let Some(other) = corpus.event(ix) else {
                continue;
            };
            let source = corpus.article(other.article).map_or("", |a| a.outlet());
            ui.horizontal(|ui| {
                if ui.button("Join").clicked() {
                    let key = other
                        .story
                        .clone()
                        .or_else(|| fields.story.clone())
                        .unwrap_or_else(|| format!("{}-{}", event.id, other.id));
                    let mut mine = fields.clone();
                    mine.story = Some(key.clone());
                    let mut theirs = EventFields::of(other);
                    theirs.story = Some(key);
                    commands.push(Command::Edit {
                        edit: Edit::Batch(vec![
                            put_edit_raw(event, mine),
                            put_edit_raw(other, theirs),
                        ]),
                        label: format!("join {label} with {}", named(&other.title)),
                    });
                }
                ui.label(format!("{} — {source}", other.title));
            });
        }
    }

    fn article_ui(
        &mut self,
        ui: &mut egui::Ui,
        corpus: &Corpus,
        article: ArticleIx,
        commands: &mut Vec<Command>,
    ) {
        let Some(a) = corpus.article(article) else {
            return;
        };
        let before = ArticleFields::of(a);
        let b = &mut self.article;
        let mut committed = false;
        egui::Grid::new("article-fields")
            .num_columns(2)
            .show(ui, |ui| {
                for (name, buffer) in [
                    ("Title", &mut b.title),
                    ("Outlet", &mut b.source),
                    ("URL", &mut b.url),
                    ("Published", &mut b.published),
                    ("Language", &mut b.language),
                ] {
                    ui.label(name);
                    committed |= ui
                        .add(egui::TextEdit::singleline(buffer).desired_width(340.0))
                        .lost_focus();
                    ui.end_row();
                }
            });
        let published = if b.published.trim().is_empty() {
            Ok(None)
        } else {
            Edtf::parse(&b.published).map(Some)
        };
        if let Err(e) = &published {
            ui.colored_label(ui.visuals().error_fg_color, format!("Published: {e}"));
        }
        if committed && let Ok(published) = published {
            let after = ArticleFields {
                title: b.title.trim().to_owned(),
                source: b.source.trim().to_owned(),
                url: Some(b.url.trim().to_owned()).filter(|u| !u.is_empty()),
                published,
                language: b.language.trim().to_owned(),
            };
            if after != before {
                commands.push(Command::Edit {
                    edit: Edit::PutArticle {
                        article,
                        fields: Box::new(after),
                    },
                    label: format!("change the details of {}", named(a.display_title())),
                });
            }
        }
    }
}

fn put_edit_raw(event: &Event, fields: EventFields) -> Edit {
    Edit::PutEvent {
        article: event.article,
        id: event.id.clone(),
        position: 0,
        fields: Some(Box::new(fields)),
    }
}

fn put_edit(event: &Event, fields: EventFields, label: String) -> Command {
    Command::Edit {
        edit: put_edit_raw(event, fields),
        label,
    }
}

/// A date in plain words: "some time in December 2024", "31 July 2025", "vers 2015 – vers
/// 2025".
pub fn plain_date(d: &Edtf, lang: Lang) -> String {
    use crate::model::Precision;
    let human = d.human(lang);
    let vague = !d.is_interval()
        && !d.qualifier().approximate
        && matches!(d.precision(), Precision::Year | Precision::Month);
    match (vague, lang) {
        (true, Lang::En) => format!("some time in {human}"),
        (true, Lang::Fr) => format!("à un moment de {human}"),
        (false, _) => human,
    }
}
