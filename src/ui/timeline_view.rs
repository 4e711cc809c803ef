//! The central canvas: draws the Scene of the current view and turns pointer input into
//! commands (drag to pan, wheel to zoom around the pointer, click an event or a cluster).

use std::sync::Arc;

use egui::{Rect, Sense};

use super::painter;
use super::state::{AppState, Command};
use crate::model::Lang;
use crate::timeline::scene::{Pos, Target};
use crate::timeline::{Scene, build_scene};

/// What the cached scene was built from.
#[derive(Clone, PartialEq)]
struct Key {
    generation: u64,
    view: crate::timeline::View,
    rect: Rect,
}

#[derive(Default)]
pub struct TimelineView {
    cache: Option<(Key, Arc<Scene>)>,
}

/// Wheel notches are ~50 points; one notch zooms by about 15 %.
const ZOOM_PER_POINT: f64 = 0.003;

impl TimelineView {
    /// The scene drawn last, for export and presentation framing.
    pub fn last_scene(&self) -> Option<Arc<Scene>> {
        self.cache.as_ref().map(|(_, s)| Arc::clone(s))
    }

    fn scene(&mut self, state: &AppState, rect: Rect) -> Arc<Scene> {
        let key = Key {
            generation: state.generation(),
            view: state.view().clone(),
            rect,
        };
        if let Some((k, scene)) = &self.cache
            && *k == key
        {
            return Arc::clone(scene);
        }
        let frame = crate::timeline::scene::Rect {
            min: Pos::new(rect.min.x, rect.min.y),
            max: Pos::new(rect.max.x, rect.max.y),
        };
        let scene = Arc::new(build_scene(
            state.corpus(),
            state.prepared(),
            state.view(),
            state.kinds(),
            frame,
        ));
        self.cache = Some((key, Arc::clone(&scene)));
        scene
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
        let mut commands = Vec::new();
        let rect = ui.available_rect_before_wrap();
        let background = ui.allocate_rect(rect, Sense::click_and_drag());
        background.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Canvas,
                true,
                "Timeline: drag to pan, scroll to zoom",
            )
        });
        let scene = self.scene(state, rect);
        let painter = ui.painter_at(rect);
        painter::paint(&painter, &scene);

        let px_per_s = f64::from(scene.plot.width().max(1.0)) / state.view().window.span_s();
        if background.dragged() {
            let dx = f64::from(background.drag_delta().x);
            if dx != 0.0 {
                commands.push(Command::Pan(-dx / px_per_s));
            }
        }
        if background.hovered() {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
            let pointer = ui.input(|i| i.pointer.hover_pos());
            if let Some(p) = pointer {
                let anchor_s = scene.t_of(p.x) as f64;
                // Vertical wheel (and pinch) zooms around the pointer; horizontal scroll pans.
                let mut factor = (-f64::from(scroll.y) * ZOOM_PER_POINT).exp();
                if zoom != 1.0 {
                    factor /= f64::from(zoom);
                }
                if (factor - 1.0).abs() > 1e-6 {
                    commands.push(Command::ZoomAt { factor, anchor_s });
                }
                if scroll.x != 0.0 {
                    commands.push(Command::Pan(-f64::from(scroll.x) / px_per_s));
                }
            }
        }
        if background.double_clicked()
            && let Some(p) = background.interact_pointer_pos()
        {
            commands.push(Command::ZoomAt {
                factor: 0.5,
                anchor_s: scene.t_of(p.x) as f64,
            });
        }

        for (n, item) in scene.items.iter().enumerate() {
            let id = match item.target {
                Target::Happening(h) => ui.scope_id().with(("happening", h.0, item.lane)),
                Target::Zoom { start_s, .. } => {
                    ui.scope_id().with(("cluster", start_s.to_bits(), n))
                }
                Target::Lane(i) => ui.scope_id().with(("lane", i)),
            };
            let r = painter::rect(item.rect).intersect(rect);
            if r.width() <= 0.0 || r.height() <= 0.0 {
                continue;
            }
            let response = ui.interact(r, id, Sense::click());
            let label = item.label.clone();
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            if response.hovered() {
                ui.painter().rect_stroke(
                    r.expand(1.0),
                    3.0,
                    egui::Stroke::new(
                        1.0,
                        ui.visuals()
                            .widgets
                            .hovered
                            .fg_stroke
                            .color
                            .gamma_multiply(0.6),
                    ),
                    egui::StrokeKind::Outside,
                );
            }
            match item.target {
                Target::Happening(h) => {
                    if response.clicked() {
                        commands.push(Command::Select(Some(h)));
                    }
                    response
                        .on_hover_cursor(egui::CursorIcon::PointingHand)
                        .on_hover_ui(|ui| happening_tooltip(ui, state, h));
                }
                Target::Zoom { start_s, end_s, .. } => {
                    if response.clicked() {
                        let pad = (end_s - start_s).max(3600.0) * 0.15;
                        commands.push(Command::SetWindow {
                            window: crate::timeline::TimeWindow::new(start_s - pad, end_s + pad),
                            animate: true,
                        });
                    }
                    response
                        .on_hover_cursor(egui::CursorIcon::ZoomIn)
                        .on_hover_text(&item.label);
                }
                Target::Lane(i) => {
                    if response.clicked()
                        && let Some(lane) = state.prepared().lanes.get(i)
                    {
                        commands.push(Command::ToggleLane(lane.key.clone()));
                    }
                    response.on_hover_cursor(egui::CursorIcon::PointingHand);
                }
            }
        }
        commands
    }
}

/// Hover card: title, date as written, kind, sources.
fn happening_tooltip(ui: &mut egui::Ui, state: &AppState, h: crate::model::HappeningIx) {
    let corpus = &state.corpus();
    let Some(happening) = corpus.happening(h) else {
        return;
    };
    let Some(lead) = corpus.lead(happening) else {
        return;
    };
    ui.set_max_width(360.0);
    ui.strong(&lead.title);
    if let Some(d) = happening.date {
        ui.label(format!("{}   ({d})", d.human(state.view().lang)));
    } else {
        ui.label(match state.view().lang {
            Lang::Fr => "sans date",
            Lang::En => "undated",
        });
    }
    if let Some(k) = &lead.kind {
        ui.label(format!("Kind: {k}"));
    }
    let outlets: Vec<String> = happening
        .events
        .iter()
        .filter_map(|&e| corpus.event(e))
        .filter_map(|e| corpus.article(e.article))
        .map(|a| a.outlet().to_owned())
        .collect();
    ui.label(format!(
        "{} {}: {}",
        happening.source_count,
        if happening.source_count == 1 {
            "source"
        } else {
            "sources"
        },
        outlets.join(", ")
    ));
    for c in &happening.conflicts {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("⚠ {}", corpus.describe_conflict(c, state.view().lang)),
        );
    }
}
