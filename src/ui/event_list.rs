//! The event list: every shown event, one row each, sortable, in step with the timeline.

use egui::{RichText, Sense};
use egui_extras::{Column, TableBuilder};

use super::state::{AppState, Command};
use crate::model::{Corpus, EventIx, Seconds};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum SortBy {
    #[default]
    Date,
    Title,
    Source,
}

#[derive(Default)]
pub struct EventList {
    sort: SortBy,
    descending: bool,
    /// Rows in display order, and what they were computed from.
    rows: Vec<EventIx>,
    rows_for: Option<(u64, SortBy, bool)>,
    /// The selection the list last scrolled to.
    scrolled_for: Option<EventIx>,
    /// The longest source names of the rows, to size their column, and the width found.
    sources: Vec<String>,
    source_w: Option<f32>,
}

/// The Source column is as wide as its longest name, within these bounds (an unnamed
/// outlet is named by its article's title, which the column shortens, and shows on hover).
const SOURCE_MIN_PX: f32 = 70.0;
const SOURCE_MAX_PX: f32 = 110.0;

fn outlet(corpus: &Corpus, e: EventIx) -> &str {
    corpus
        .event(e)
        .and_then(|e| corpus.article(e.article))
        .map_or("", |a| a.outlet())
}

impl EventList {
    fn refresh(&mut self, state: &AppState) {
        let key = (state.generation(), self.sort, self.descending);
        if self.rows_for == Some(key) {
            return;
        }
        if let Some((generation, sort, descending)) = self.rows_for
            && (sort, descending) == (self.sort, self.descending)
            && let Some(change) = state.change_since(generation)
            && (change.articles.is_empty() || self.sort != SortBy::Source)
        {
            self.follow(state, change);
            self.rows_for = Some(key);
            return;
        }
        let corpus = &state.corpus();
        let mut rows: Vec<EventIx> =
            crate::timeline::filter::passing(&state.prepared().events_shown).collect();
        // Undated events sort after dated ones, whatever the direction.
        let date_key = |e: &EventIx| {
            corpus
                .event(*e)
                .and_then(|e| e.date)
                .map_or((1, Seconds::MAX), |d| (0, d.sort_key()))
        };
        match self.sort {
            // Keys computed once per row: a comparison that looked them up would visit
            // each event twenty times on a million rows.
            SortBy::Date => rows.sort_by_cached_key(|e| (date_key(e), *e)),
            SortBy::Title => rows.sort_by_cached_key(|e| {
                corpus
                    .event(*e)
                    .map(|e| crate::timeline::filter::fold(&e.title))
                    .unwrap_or_default()
            }),
            SortBy::Source => {
                rows.sort_by_cached_key(|e| (outlet(corpus, *e).to_owned(), date_key(e)))
            }
        }
        if self.descending {
            rows.reverse();
        }
        let mut sources: Vec<&str> = rows.iter().map(|&e| outlet(corpus, e)).collect();
        sources.sort_unstable();
        sources.dedup();
        sources.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        self.sources = sources.into_iter().take(16).map(str::to_owned).collect();
        self.source_w = None;
        self.rows = rows;
        self.rows_for = Some(key);
    }

    /// What a row is sorted by: equal to the order `refresh` sorts in (a stable sort of
    /// rows in corpus order, reversed when descending).
    fn row_key(&self, corpus: &Corpus, e: EventIx) -> (String, (u8, Seconds), EventIx) {
        let event = corpus.event(e);
        let date = event
            .and_then(|e| e.date)
            .map_or((1, Seconds::MAX), |d| (0, d.sort_key()));
        match self.sort {
            SortBy::Date => (String::new(), date, e),
            SortBy::Title => (
                event
                    .map(|e| crate::timeline::filter::fold(&e.title))
                    .unwrap_or_default(),
                (0, 0),
                e,
            ),
            SortBy::Source => (outlet(corpus, e).to_owned(), date, e),
        }
    }

    /// Follows one edit: moves row indices past inserted and removed events, and puts
    /// the rows of the events it touched where they sort now. One pass over the rows and
    /// a binary search per touched event, where sorting again would cost a million
    /// comparisons on a large corpus.
    fn follow(&mut self, state: &AppState, change: &crate::model::Change) {
        for shift in &change.shifts {
            self.rows.retain_mut(|e| match shift.map(*e) {
                Some(moved) => {
                    *e = moved;
                    true
                }
                None => false,
            });
        }
        if change.events.is_empty() {
            return;
        }
        self.rows
            .retain(|e| change.events.binary_search(e).is_err());
        let corpus = state.corpus();
        let shown = &state.prepared().events_shown;
        let mut outlets: Vec<&str> = self.sources.iter().map(String::as_str).collect();
        for &e in &change.events {
            if !shown.get(e.index()).copied().unwrap_or(false) {
                continue;
            }
            let key = self.row_key(corpus, e);
            let at = if self.descending {
                self.rows
                    .partition_point(|&r| self.row_key(corpus, r) > key)
            } else {
                self.rows
                    .partition_point(|&r| self.row_key(corpus, r) < key)
            };
            self.rows.insert(at, e);
            outlets.push(outlet(corpus, e));
        }
        outlets.sort_unstable();
        outlets.dedup();
        outlets.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        let sources: Vec<String> = outlets.into_iter().take(16).map(str::to_owned).collect();
        if sources != self.sources {
            self.sources = sources;
            self.source_w = None;
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
        let mut commands = Vec::new();
        self.refresh(state);
        let corpus = &state.corpus();
        let total = corpus.events.len();
        let shown = self.rows.len();
        ui.horizontal(|ui| {
            ui.heading("Events");
            let count = if shown == total {
                format!("{total} events")
            } else {
                format!("{shown} of {total} events")
            };
            ui.label(RichText::new(count).weak());
        });

        let selected_event = state.focused_event();
        let scroll_to = match selected_event {
            Some(e) if self.scrolled_for != Some(e) => self.rows.iter().position(|&r| r == e),
            _ => None,
        };
        self.scrolled_for = selected_event;

        let font = egui::TextStyle::Body.resolve(ui.style());
        let source_w = *self.source_w.get_or_insert_with(|| {
            self.sources
                .iter()
                .map(|s| {
                    ui.painter()
                        .layout_no_wrap(s.clone(), font.clone(), egui::Color32::WHITE)
                        .size()
                        .x
                })
                .fold(0.0, f32::max)
                .clamp(SOURCE_MIN_PX, SOURCE_MAX_PX)
                + 8.0
        });
        let mut header_clicked = None;
        let mut table = TableBuilder::new(ui)
            .id_salt("event-list")
            .striped(true)
            .sense(Sense::click())
            .resizable(true)
            .column(Column::initial(104.0).at_least(60.0))
            .column(Column::remainder().at_least(120.0).clip(true))
            .column(Column::initial(source_w).at_least(40.0).clip(true));
        if let Some(row) = scroll_to {
            table = table.scroll_to_row(row, Some(egui::Align::Center));
        }
        let arrow = |by: SortBy| {
            if self.sort == by {
                if self.descending { " ▼" } else { " ▲" }
            } else {
                ""
            }
        };
        let (date_h, title_h, source_h) = (
            format!("Date{}", arrow(SortBy::Date)),
            format!("Event{}", arrow(SortBy::Title)),
            format!("Source{}", arrow(SortBy::Source)),
        );
        table
            .header(22.0, |mut header| {
                for (label, by) in [
                    (date_h, SortBy::Date),
                    (title_h, SortBy::Title),
                    (source_h, SortBy::Source),
                ] {
                    header.col(|ui| {
                        if ui
                            .add(egui::Button::new(RichText::new(label).strong()).frame(false))
                            .on_hover_text("Sort by this column; click again to reverse")
                            .clicked()
                        {
                            header_clicked = Some(by);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(24.0, self.rows.len(), |mut row| {
                    let Some(&e_ix) = self.rows.get(row.index()) else {
                        return;
                    };
                    let Some(event) = corpus.event(e_ix) else {
                        return;
                    };
                    let selected = state.view().selected == Some(event.happening);
                    row.set_selected(selected);
                    let date = event
                        .date
                        .map_or_else(|| "undated".to_owned(), |d| d.human(state.view().lang));
                    row.col(|ui| {
                        ui.add(
                            egui::Label::new(RichText::new(date).weak())
                                .truncate()
                                .selectable(false),
                        );
                    });
                    row.col(|ui| {
                        let mut title = RichText::new(&event.title);
                        if selected && state.focused_event() == Some(e_ix) {
                            title = title.strong();
                        }
                        ui.add(egui::Label::new(title).truncate().selectable(false));
                    });
                    row.col(|ui| {
                        // A shortened name shows whole on hover.
                        ui.add(
                            egui::Label::new(RichText::new(outlet(corpus, e_ix)).weak())
                                .truncate()
                                .selectable(false),
                        );
                    });
                    let response = row.response();
                    let label = format!("{}, {}", event.title, outlet(corpus, e_ix));
                    response
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Row, true, &label));
                    if response.clicked() {
                        commands.push(Command::SelectEvent(e_ix));
                    }
                });
            });
        if let Some(by) = header_clicked {
            if self.sort == by {
                self.descending = !self.descending;
            } else {
                self.sort = by;
                self.descending = false;
            }
        }
        commands
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;
    use crate::model::edit::{Edit, EventFields};
    use crate::ui::state::{Settings, Sources};

    /// After each edit the list follows the change; it must hold the rows a list built
    /// from scratch holds, in every sort order.
    #[test]
    fn the_list_follows_edits_as_a_fresh_list_would() {
        for sort in [SortBy::Date, SortBy::Title, SortBy::Source] {
            for descending in [false, true] {
                let mut state = AppState::new(
                    formats::load_bundled(),
                    Sources::default(),
                    Settings::default(),
                );
                let mut list = EventList {
                    sort,
                    descending,
                    ..EventList::default()
                };
                list.refresh(&state);
                let first = state.corpus().events[0].clone();
                let last = state.corpus().events.last().expect("events").clone();
                let mut renamed = EventFields::of(&last);
                renamed.title = "A first title".to_owned();
                renamed.date = crate::model::Edtf::parse("1999").ok();
                let mut added = EventFields::of(&first);
                added.title = "Zzz added".to_owned();
                let edits = [
                    Edit::PutEvent {
                        article: last.article,
                        id: last.id.clone(),
                        position: 0,
                        fields: Some(Box::new(renamed)),
                    },
                    Edit::PutEvent {
                        article: first.article,
                        id: "added".to_owned(),
                        position: 0,
                        fields: Some(Box::new(added)),
                    },
                    Edit::PutEvent {
                        article: first.article,
                        id: first.id.clone(),
                        position: 0,
                        fields: None,
                    },
                ];
                for edit in edits {
                    state.apply(Command::Edit {
                        edit,
                        label: "edit".to_owned(),
                    });
                    assert!(state.edit_error().is_none(), "{:?}", state.edit_error());
                    let g = list.rows_for.map(|(g, ..)| g);
                    assert!(
                        g.is_some_and(|g| state.change_since(g).is_some()),
                        "one generation behind, so the list follows the change"
                    );
                    list.refresh(&state);
                    let mut fresh = EventList {
                        sort,
                        descending,
                        ..EventList::default()
                    };
                    fresh.refresh(&state);
                    assert_eq!(list.rows, fresh.rows, "{sort:?} descending={descending}");
                }
                assert_eq!(list.rows.len(), state.corpus().events.len());
            }
        }
    }
}
