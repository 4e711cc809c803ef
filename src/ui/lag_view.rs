//! View → Reporting lag: when each source reported what happened, drawn with egui_plot in
//! place of the timeline. The points come from [`crate::timeline::lag`], which the export
//! draws too; filters apply, and clicking a point selects its event.

use egui::{RichText, Sense};
use egui_plot::{HoverPosition, Line, LineStyle, MarkerShape, Plot, PlotPoint, PlotPoints, Points};

use super::command::UiCommand;
use super::painter;
use super::state::{AppState, Command};
use crate::model::Lang;
use crate::timeline::lag::{Lag, axis_date, human_lag, point_label};
use crate::timeline::layout::kind_color;
use crate::timeline::view::Theme;

/// The plot's unit on both axes: days since 1970.
const DAY_S: f64 = 86_400.0;
/// Points given their own accessible, clickable node (beyond, a click picks the nearest).
const MAX_POINT_NODES: usize = 2_000;
/// How near a click must be to a point to pick it, in points.
const PICK_RADIUS: f32 = 12.0;

#[derive(Default)]
pub struct LagView {
    /// The reports of one generation of the corpus and filters.
    lag: Option<(u64, Lag)>,
    /// A command of the table asked for by a button here (Export, back to the timeline).
    pub request: Option<UiCommand>,
}

/// A date label for a grid mark `step_days` apart from the next.
fn mark_label(days: f64, step_days: f64, lang: Lang) -> String {
    let span_s = if step_days >= 360.0 {
        10.0 * 365.0 * DAY_S
    } else if step_days >= 28.0 {
        365.0 * DAY_S
    } else {
        DAY_S
    };
    axis_date(days * DAY_S, span_s, lang)
}

/// Grid marks on calendar boundaries (months, years…) from the timeline's own axis, so a
/// label names the day its line stands on; the plot's unit is days.
fn calendar_marks(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let (lo, hi) = input.bounds;
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater)
        || !input.base_step_size.is_finite()
        || input.base_step_size <= 0.0
    {
        return Vec::new();
    }
    // The pixels the axis spans, from the recommended smallest step (a few pixels).
    let width_px = ((hi - lo) / input.base_step_size * 4.0).clamp(50.0, 8000.0) as f32;
    let window = crate::timeline::TimeWindow::new(lo * DAY_S, hi * DAY_S);
    let scale = crate::timeline::TimeScale::new(window, 0.0, width_px);
    let ticks = crate::timeline::ticks::calendar_ticks(&scale, Lang::En, 12.0);
    let mark = |t_s: f64, unit: crate::timeline::ticks::Unit| egui_plot::GridMark {
        value: t_s / DAY_S,
        step_size: unit.approx_s() / DAY_S,
    };
    let mut marks: Vec<egui_plot::GridMark> = ticks
        .minor
        .iter()
        .map(|t| mark(t.t_s, ticks.minor_unit))
        .collect();
    if let Some(major) = ticks.major_unit {
        marks.extend(ticks.major.iter().map(|t| mark(t.t_s, major)));
    }
    marks
}

impl LagView {
    fn lag(&mut self, state: &AppState) -> &Lag {
        let generation = state.generation();
        if self.lag.as_ref().is_some_and(|(g, _)| *g != generation) {
            self.lag = None;
        }
        &self
            .lag
            .get_or_insert_with(|| (generation, Lag::new(state.corpus(), state.prepared())))
            .1
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
        let mut commands = Vec::new();
        // The central panel has no frame of its own (the timeline paints its scene).
        ui.painter()
            .rect_filled(ui.max_rect(), 0.0, ui.visuals().panel_fill);
        let mut request = None;
        let lang = state.view().lang;
        let full_width = ui.available_width();
        let lag = self.lag(state);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.add_space(8.0);
            ui.heading("Reporting lag");
            let n = lag.points.len();
            let mut summary = format!("{n} report{}", if n == 1 { "" } else { "s" });
            if let Some(d) = lag.median_days() {
                summary.push_str(&format!(" · median lag {}", human_lag(d, lang)));
            }
            ui.label(RichText::new(summary).weak());
            if ui
                .button(UiCommand::Export.text())
                .on_hover_text("Export this view as PNG or SVG")
                .clicked()
            {
                request = Some(UiCommand::Export);
            }
            if ui
                .button("Back to the timeline")
                .on_hover_text(UiCommand::ToggleLagView.tooltip())
                .clicked()
            {
                request = Some(UiCommand::ToggleLagView);
            }
        });
        ui.add(
            egui::Label::new(
                RichText::new(
                    "One point per report: when it happened (across) against when the source \
                     published it (up). On the dashed diagonal, reported the same day.",
                )
                .weak(),
            )
            .wrap(),
        );
        if let Some(note) = lag.note(lang) {
            ui.horizontal(|ui| {
                ui.add_space(8.0);
                ui.label(RichText::new(note).italics());
            });
        }
        let Some(((x0, x1), (y0, y1))) = lag.bounds() else {
            ui.add_space(40.0);
            let why = if lag.unpublished_reports > 0 {
                "No report can be placed: what is shown has no publication date."
            } else {
                "No report to place: no dated event is shown."
            };
            ui.vertical_centered(|ui| {
                ui.label(RichText::new(why).size(16.0));
            });
            self.request = request;
            return commands;
        };

        let theme = Theme::new(state.view().theme);
        let kinds = state.kinds();
        let corpus = state.corpus();
        let selected = state.view().selected;
        let generation = state.generation();
        let available = egui::vec2(full_width, ui.available_height());
        // Side by side when there is room, else the histogram under the plot.
        let wide = available.x >= 900.0;
        let spacing = 16.0;
        let (plot_size, hist_size) = if wide {
            let hist_w = (available.x * 0.3).clamp(300.0, 460.0);
            let h = (available.y - 8.0).max(160.0);
            (
                egui::vec2((available.x - hist_w - spacing).max(200.0), h),
                egui::vec2(hist_w, h),
            )
        } else {
            let h = (available.y - spacing - 8.0).max(240.0);
            (
                egui::vec2(available.x.max(200.0), 0.62 * h),
                egui::vec2(available.x.max(200.0), 0.38 * h),
            )
        };
        let layout = if wide {
            egui::Layout::left_to_right(egui::Align::TOP)
        } else {
            egui::Layout::top_down(egui::Align::LEFT)
        };
        let mut picked = None;
        ui.with_layout(layout, |ui| {
            ui.spacing_mut().item_spacing = egui::vec2(spacing, spacing);
            let response = Plot::new(("reporting-lag", generation))
                .width(plot_size.x)
                .height(plot_size.y)
                .x_grid_spacer(calendar_marks)
                .y_grid_spacer(calendar_marks)
                .default_x_bounds(x0 / DAY_S, x1 / DAY_S)
                .default_y_bounds(y0 / DAY_S, y1 / DAY_S)
                .x_axis_label("when it happened")
                .y_axis_label("when it was reported")
                .x_axis_formatter(move |mark, _| mark_label(mark.value, mark.step_size, lang))
                .y_axis_formatter(move |mark, _| mark_label(mark.value, mark.step_size, lang))
                .label_formatter(move |hover| {
                    let p = match hover {
                        HoverPosition::NearDataPoint { position, .. }
                        | HoverPosition::Elsewhere { position } => position,
                    };
                    Some(format!(
                        "happened {}\nreported {}",
                        axis_date(p.x * DAY_S, DAY_S, lang),
                        axis_date(p.y * DAY_S, DAY_S, lang)
                    ))
                })
                .allow_double_click_reset(true)
                .show(ui, |plot| {
                    let (d0, d1) = (x0.max(y0) / DAY_S, x1.min(y1) / DAY_S);
                    if d1 > d0 {
                        plot.line(
                            Line::new("same day", PlotPoints::new(vec![[d0, d0], [d1, d1]]))
                                .color(painter::color(theme.period))
                                .style(LineStyle::dashed_loose())
                                .allow_hover(false),
                        );
                    }
                    // One series per kind colour, the selection on top.
                    let mut by_color: Vec<(egui::Color32, Vec<[f64; 2]>)> = Vec::new();
                    let mut chosen = Vec::new();
                    for p in &lag.points {
                        let xy = [p.event_s / DAY_S, p.published_s / DAY_S];
                        if Some(p.happening) == selected {
                            chosen.push(xy);
                        }
                        let kind = corpus.event(p.event).and_then(|e| e.kind.as_deref());
                        let color = painter::color(kind_color(&theme, kinds, kind));
                        match by_color.iter_mut().find(|(c, _)| *c == color) {
                            Some((_, v)) => v.push(xy),
                            None => by_color.push((color, vec![xy])),
                        }
                    }
                    for (i, (color, xys)) in by_color.into_iter().enumerate() {
                        plot.points(
                            Points::new(format!("reports {i}"), PlotPoints::new(xys))
                                .color(color)
                                .radius(4.5)
                                .filled(true)
                                .allow_hover(false),
                        );
                    }
                    if !chosen.is_empty() {
                        plot.points(
                            Points::new("selected", PlotPoints::new(chosen))
                                .color(painter::color(theme.selection))
                                .shape(MarkerShape::Circle)
                                .radius(8.0)
                                .filled(false)
                                .allow_hover(false),
                        );
                    }
                });
            let transform = response.transform;
            let rect = response.response.rect;
            let screen_of = |p: &crate::timeline::lag::LagPoint| {
                transform
                    .position_from_point(&PlotPoint::new(p.event_s / DAY_S, p.published_s / DAY_S))
            };
            // A node per point (up to a bound): a name for screen readers and tests, a
            // tooltip, and a click that selects the report.
            for (i, p) in lag.points.iter().enumerate().take(MAX_POINT_NODES) {
                let pos = screen_of(p);
                if !rect.contains(pos) {
                    continue;
                }
                let hit = egui::Rect::from_center_size(pos, egui::vec2(10.0, 10.0));
                let label = point_label(corpus, p, lang);
                let r = ui.interact(
                    hit,
                    ui.scope_id().with(("lag-point", generation, i)),
                    Sense::click(),
                );
                r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if r.clicked() {
                    picked = Some(p.event);
                }
                r.on_hover_text(label);
            }
            let r = &response.response;
            if picked.is_none()
                && r.clicked()
                && let Some(pointer) = r.interact_pointer_pos()
            {
                picked = lag
                    .points
                    .iter()
                    .map(|p| (p.event, screen_of(p).distance(pointer)))
                    .filter(|(_, d)| *d <= PICK_RADIUS)
                    .min_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(e, _)| e);
            }
            r.clone().widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Image,
                    true,
                    "Reporting lag: publication date against event date",
                )
            });

            histogram_ui(ui, lag, lang, hist_size, painter::color(theme.palette[0]));
        });
        if let Some(e) = picked {
            commands.push(Command::SelectEvent(e));
        }
        self.request = request;
        commands
    }
}

/// The lag histogram: one row per class of lag, its name, its bar and its count.
fn histogram_ui(ui: &mut egui::Ui, lag: &Lag, lang: Lang, size: egui::Vec2, color: egui::Color32) {
    let bins = lag.histogram(lang);
    let max = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    ui.allocate_ui(size, |ui| {
        ui.vertical(|ui| {
            ui.label(RichText::new("Reporting lag").strong())
                .on_hover_text("How long after it happened each report was published");
            let bar_room = (size.x - 220.0).max(60.0);
            egui::ScrollArea::vertical()
                .id_salt("lag-histogram-scroll")
                .max_height((size.y - 28.0).max(60.0))
                .show(ui, |ui| {
                    egui::Grid::new("lag-histogram")
                        .num_columns(3)
                        .spacing(egui::vec2(8.0, 4.0))
                        .show(ui, |ui| {
                            for bin in &bins {
                                ui.label(RichText::new(&bin.label).weak());
                                let (rect, response) = ui.allocate_exact_size(
                                    egui::vec2(bar_room, 14.0),
                                    Sense::hover(),
                                );
                                let w = bin.count as f32 / max as f32 * bar_room;
                                ui.painter().rect_filled(
                                    egui::Rect::from_min_size(
                                        rect.min,
                                        egui::vec2(w.max(1.0), 14.0),
                                    ),
                                    0.0,
                                    color,
                                );
                                let said = format!("{}: {} reports", bin.label, bin.count);
                                response.widget_info(|| {
                                    egui::WidgetInfo::labeled(egui::Role::Image, true, &said)
                                });
                                ui.label(bin.count.to_string());
                                ui.end_row();
                            }
                        });
                });
        });
    })
    .response
    .widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Image, true, "Histogram of the reporting lag")
    });
}
