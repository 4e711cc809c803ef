//! The Problems panel: every diagnostic from loading, with file, place and message.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use crate::model::{Corpus, Severity};

pub fn problems_ui(ui: &mut egui::Ui, corpus: &Corpus) {
    let (errors, warnings) = (corpus.error_count(), corpus.warning_count());
    ui.horizontal(|ui| {
        ui.strong("Problems");
        ui.label(
            RichText::new(format!(
                "{errors} errors, {warnings} warnings — everything else loaded"
            ))
            .weak(),
        );
        if ui.small_button("Copy all").clicked() {
            let text: Vec<String> = corpus.diagnostics.iter().map(ToString::to_string).collect();
            ui.ctx().copy_text(text.join("\n"));
        }
    });
    if corpus.diagnostics.is_empty() {
        ui.label(RichText::new("No problems.").weak());
        return;
    }
    TableBuilder::new(ui)
        .id_salt("problems")
        .striped(true)
        .resizable(true)
        .column(Column::initial(70.0))
        .column(Column::initial(320.0).clip(true))
        .column(Column::remainder())
        .header(20.0, |mut h| {
            h.col(|ui| {
                ui.strong("Severity");
            });
            h.col(|ui| {
                ui.strong("Where");
            });
            h.col(|ui| {
                ui.strong("Problem");
            });
        })
        .body(|body| {
            body.rows(22.0, corpus.diagnostics.len(), |mut row| {
                let Some(d) = corpus.diagnostics.get(row.index()) else {
                    return;
                };
                row.col(|ui| {
                    let (text, color) = match d.severity {
                        Severity::Error => ("error", ui.visuals().error_fg_color),
                        Severity::Warning => ("warning", ui.visuals().warn_fg_color),
                    };
                    ui.colored_label(color, text);
                });
                row.col(|ui| {
                    let place = match d.line_col {
                        Some((l, c)) => format!("{}:{l}:{c}", d.path),
                        None => d.path.to_string(),
                    };
                    ui.add(egui::Label::new(place).truncate());
                });
                row.col(|ui| {
                    let subject = d.subject();
                    let text = if subject.is_empty() {
                        d.message.clone()
                    } else {
                        format!("{subject}: {}", d.message)
                    };
                    ui.add(egui::Label::new(text).truncate());
                });
            });
        });
}
