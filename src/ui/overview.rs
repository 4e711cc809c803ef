//! The overview strip: the density of the whole (filtered) corpus over time, the current
//! window on it, and a way to jump anywhere by clicking or dragging. Drawn with egui_plot.

use egui_plot::{Bar, BarChart, Plot, PlotPoints, Polygon};

use super::state::{AppState, Command};
use crate::model::Seconds;
use crate::timeline::TimeWindow;

/// Number of bars across the strip.
const BINS: usize = 160;

#[derive(Default)]
pub struct Overview {
    /// (generation, start, end, counts)
    bins: Option<(u64, f64, f64, Vec<u32>)>,
}

/// Seconds in a mean Gregorian year: the plot's x unit is years, for readable axis labels.
const YEAR_S: f64 = 365.2425 * 86_400.0;

fn year_of(t_s: f64) -> f64 {
    1970.0 + t_s / YEAR_S
}

fn seconds_of(year: f64) -> f64 {
    (year - 1970.0) * YEAR_S
}

impl Overview {
    fn bins(&mut self, state: &AppState) -> Option<(f64, f64, Vec<u32>)> {
        if let Some((g, a, b, counts)) = &self.bins
            && *g == state.generation()
        {
            return Some((*a, *b, counts.clone()));
        }
        let (lo, hi) = state.prepared().extent()?;
        let w = TimeWindow::fit(lo as f64, hi as f64, 0.03);
        let step = w.span_s() / BINS as f64;
        // Each happening counts once, where it starts (or ends, if open at the start): a
        // decade-long period would otherwise raise every bar it spans.
        let bin_of = |t: Seconds| ((t as f64 - w.start_s) / step).floor();
        let mut counts = vec![0u32; BINS];
        let all = &state.prepared().all;
        let open_start = all.starting_in(Seconds::MIN, Seconds::MIN + 1);
        for span in open_start {
            let bin = bin_of(span.end_s);
            if bin >= 0.0
                && let Some(c) = counts.get_mut(bin as usize)
            {
                *c += 1;
            }
        }
        // The others by where they start: spans are sorted by start, so each bin's count
        // is the distance between two binary searches, whatever the corpus size.
        let spans = all.spans();
        let mut from = open_start.len();
        for (k, c) in counts.iter_mut().enumerate() {
            let rest = spans.get(from..).unwrap_or(&[]);
            let n = rest.partition_point(|s| bin_of(s.start_s) <= k as f64);
            let below = rest.partition_point(|s| bin_of(s.start_s) < k as f64);
            *c += (n - below) as u32;
            from += n;
        }
        self.bins = Some((state.generation(), w.start_s, w.end_s, counts.clone()));
        Some((w.start_s, w.end_s, counts))
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some((start, end, counts)) = self.bins(state) else {
            ui.label("Nothing dated to show.");
            return commands;
        };
        let step = (end - start) / BINS as f64;
        let max = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
        let color = ui
            .visuals()
            .widgets
            .inactive
            .fg_stroke
            .color
            .gamma_multiply(0.7);
        let bars: Vec<Bar> = counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(i, &c)| {
                let x = year_of(start + step * (i as f64 + 0.5));
                Bar::new(x, (1.0 + c as f64).ln() / (1.0 + max).ln())
                    .width(step / YEAR_S)
                    .fill(color)
            })
            .collect();
        let w = state.view().window;
        let (wa, wb) = (year_of(w.start_s.max(start)), year_of(w.end_s.min(end)));
        let window = Polygon::new(
            "window",
            PlotPoints::new(vec![[wa, 0.0], [wb, 0.0], [wb, 1.05], [wa, 1.05]]),
        )
        .fill_color(ui.visuals().selection.bg_fill.gamma_multiply(0.35))
        .stroke(egui::Stroke::new(1.5, ui.visuals().selection.stroke.color));
        let response = Plot::new("overview")
            .height(ui.available_height().clamp(40.0, 90.0))
            .show_y(false)
            .show_x(false)
            .show_axes([true, false])
            .show_grid([false, false])
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .include_y(0.0)
            .include_y(1.1)
            .default_x_bounds(year_of(start), year_of(end))
            .x_axis_formatter(|mark, _| format!("{:.0}", mark.value.floor()))
            .show(ui, |plot| {
                plot.bar_chart(BarChart::new("density", bars));
                plot.polygon(window);
                plot.pointer_coordinate()
            });
        let pointer = response.inner;
        let r = &response.response;
        if (r.clicked() || r.dragged())
            && let Some(p) = pointer
        {
            let center = seconds_of(p.x);
            let span = state.target_window().span_s();
            commands.push(Command::SetWindow {
                window: TimeWindow::new(center - 0.5 * span, center + 0.5 * span),
                animate: r.clicked(),
            });
        }
        r.clone()
            .on_hover_text("All events over time; the box is the view. Click or drag to move it.")
            .widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Slider,
                    true,
                    "Overview of the whole timeline",
                )
            });
        commands
    }
}
