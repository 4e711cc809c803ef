//! A new article from pasted text (`Ctrl+V` on the window, or File → New article from
//! clipboard): a small form for its title, outlet, publication date and language, then the
//! article and its suggested events, added as one undoable edit.

use std::collections::HashSet;
use std::sync::Arc;

use super::state::Command;
use crate::formats::raw::{self, RawKind};
use crate::model::edit::{Edit, EventFields};
use crate::model::{ArticleIx, Corpus, Edtf, Entity, EntityIx, EntityKind, EventRole, Evidence};
use crate::suggest::{self, EntityMatcher, Named};

/// The form, open while `text` waits for its details.
#[derive(Default)]
pub struct PasteForm {
    pub open: bool,
    /// A paste was asked for from the menu: the next pasted text opens the form even if a
    /// text field has the focus.
    pub awaiting: bool,
    text: String,
    title: String,
    outlet: String,
    date: String,
    language: String,
    error: Option<String>,
}

impl PasteForm {
    /// Opens the form on pasted `text`, its title proposed from the first line and its
    /// language detected.
    pub fn start(&mut self, text: &str) {
        self.awaiting = false;
        self.error = None;
        self.text = text.replace("\r\n", "\n");
        if self.text.trim().is_empty() {
            self.open = false;
            self.error = Some("The clipboard holds no text to make an article of".to_owned());
            return;
        }
        self.open = true;
        self.title = self
            .text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(|l| crate::formats::html::one_line(l, 80))
            .unwrap_or_default();
        self.outlet.clear();
        self.date.clear();
        self.language = crate::temporal::detect_language(&self.text)
            .map(|l| l.code().to_owned())
            .unwrap_or_default();
    }

    /// Why the last paste made no form (an empty clipboard), once.
    pub fn take_error(&mut self) -> Option<String> {
        if self.open {
            return None;
        }
        self.error.take()
    }

    /// The form; the edit that adds the article when the user creates it.
    pub fn ui(&mut self, ctx: &egui::Context, corpus: &Corpus) -> Option<Command> {
        if !self.open {
            return None;
        }
        let mut command = None;
        let mut open = true;
        egui::Window::new("New article from the clipboard")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(460.0)
            .show(ctx, |ui| {
                egui::Grid::new("paste-form").num_columns(2).show(ui, |ui| {
                    let label = ui.label("Title");
                    ui.add(egui::TextEdit::singleline(&mut self.title).desired_width(320.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Outlet");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.outlet)
                            .hint_text("Le Monde, SANA, …")
                            .desired_width(320.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Published");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.date)
                            .hint_text("2025-08-01: relative dates are read from it")
                            .desired_width(320.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    ui.label("Language");
                    ui.horizontal(|ui| {
                        for (code, name) in [("fr", "French"), ("en", "English"), ("", "Other")] {
                            ui.radio_value(&mut self.language, code.to_owned(), name);
                        }
                    });
                    ui.end_row();
                });
                let chars = self.text.chars().count();
                let preview = crate::formats::html::one_line(&self.text, 160);
                ui.label(egui::RichText::new(format!("{chars} characters: {preview}")).weak());
                if let Some(e) = &self.error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                ui.horizontal(|ui| {
                    if ui.button("Create the article").clicked() {
                        match article_edit(
                            corpus,
                            &self.text,
                            &self.title,
                            &self.outlet,
                            &self.date,
                            &self.language,
                        ) {
                            Ok(c) => {
                                command = Some(c);
                                self.open = false;
                            }
                            Err(e) => self.error = Some(e),
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        self.open = false;
                    }
                });
            });
        if !open {
            self.open = false;
        }
        command
    }
}

/// The edit that adds a pasted article with its suggested events, and its name.
pub fn article_edit(
    corpus: &Corpus,
    text: &str,
    title: &str,
    outlet: &str,
    date: &str,
    language: &str,
) -> Result<Command, String> {
    let published = match date.trim() {
        "" => None,
        d => Some(Edtf::parse(d).map_err(|e| format!("Published: {e}"))?),
    };
    let mut id = raw::slug(if title.trim().is_empty() {
        "pasted"
    } else {
        title
    });
    id = id.chars().take(60).collect();
    let base = id.clone();
    let mut n = 2;
    while corpus.articles.iter().any(|a| a.id == id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    let path: Arc<str> = Arc::from(format!("<pasted>/{id}.txt"));
    let (mut docs, diags) = raw::read_str(&path, RawKind::Text, text);
    let Some(doc) = docs.pop() else {
        return Err(diags.first().map_or_else(
            || "Nothing to make an article of".to_owned(),
            |d| d.message.clone(),
        ));
    };
    let mut article = doc.article;
    article.id = id;
    if !title.trim().is_empty() {
        article.title = title.trim().to_owned();
    }
    article.source = outlet.trim().to_owned();
    article.published = published;
    article.language = language.to_owned();
    let article_ix = ArticleIx(corpus.articles.len() as u32);

    let known = EntityMatcher::new(corpus.entities.iter());
    let (suggestions, _notes) = suggest::suggest(
        &article.text,
        suggest::language_of(&article),
        suggest::dct_of(&article).as_ref(),
        &known,
        &|_, _| false,
    );
    let label = format!("add the pasted article ‘{}’", article.display_title());
    let mut edits = vec![Edit::PutLastArticle {
        article: article_ix,
        value: Some(Box::new(article)),
    }];
    let mut added: Vec<Entity> = Vec::new();
    let mut entity_of =
        |n: &Named, default: EntityKind, edits: &mut Vec<Edit>| -> Option<EntityIx> {
            if let Some(e) = n.known.and_then(|ix| known.entity(ix)) {
                return corpus.entity_by_id(&e.id);
            }
            let id = suggest::name_id(&n.name);
            if let Some(ix) = corpus.entity_by_id(&id) {
                return Some(ix);
            }
            if let Some(i) = added.iter().position(|e| e.id == id) {
                return Some(EntityIx((corpus.entities.len() + i) as u32));
            }
            let entity = Entity {
                id,
                name: n.name.clone(),
                kind: if n.kind == EntityKind::Other {
                    default
                } else {
                    n.kind
                },
                extra: None,
            };
            added.push(entity.clone());
            edits.push(Edit::AddEntity(Box::new(entity)));
            Some(EntityIx((corpus.entities.len() + added.len() - 1) as u32))
        };
    let mut ids: HashSet<String> = HashSet::new();
    for (position, s) in suggestions.into_iter().enumerate() {
        let actors = s
            .actors
            .iter()
            .filter_map(|n| entity_of(n, EntityKind::Other, &mut edits))
            .collect();
        let places = s
            .places
            .iter()
            .filter_map(|n| entity_of(n, EntityKind::Place, &mut edits))
            .collect();
        let fields = EventFields {
            title: s.title.clone(),
            date: Some(s.date),
            actors,
            places,
            evidence: vec![Evidence {
                passage: s.passage,
                extra: None,
            }],
            role: EventRole::Suggested,
            ..EventFields::default()
        };
        edits.push(Edit::PutEvent {
            article: article_ix,
            id: suggest::unique_id(&mut ids, &s.title),
            position,
            fields: Some(Box::new(fields)),
        });
    }
    Ok(Command::Edit {
        edit: Edit::Batch(edits),
        label,
    })
}
