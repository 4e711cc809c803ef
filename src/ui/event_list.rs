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
            SortBy::Date => rows.sort_by_key(|e| (date_key(e), *e)),
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
