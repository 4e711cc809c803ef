//! File → Export… (Ctrl+E) and Copy image (Ctrl+Shift+C): the current view as a slide.
//!
//! The exported page is the same Scene the window draws (time window, lanes, filters),
//! with a title, a legend and numbered sources around it, laid out for the chosen size.
//! A preview shows exactly what will be written.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::RichText;

use super::state::AppState;
use crate::formats::{self, csv_out, timelinejs};
use crate::render::{self, SvgOptions};
use crate::timeline::page::{self, Caption, PRESETS, PageSpec};
use crate::timeline::{Scene, ThemeKind, View};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Png,
    Svg,
    Csv,
    TimelineJs,
}

impl Format {
    const ALL: [Self; 4] = [Self::Png, Self::Svg, Self::Csv, Self::TimelineJs];

    fn name(self) -> &'static str {
        match self {
            Self::Png => "PNG image",
            Self::Svg => "SVG (editable text)",
            Self::Csv => "CSV (one row per passage)",
            Self::TimelineJs => "TimelineJS3 JSON",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Csv => "csv",
            Self::TimelineJs => "json",
        }
    }

    fn is_image(self) -> bool {
        matches!(self, Self::Png | Self::Svg)
    }
}

/// The output size: a preset, or the timeline's size on screen times a factor.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Size {
    Preset(usize),
    Screen(f32),
}

/// What the preview was drawn from.
#[derive(Clone, PartialEq)]
struct PreviewKey {
    generation: u64,
    view: View,
    options: (Size, ThemeKind, String, String, bool, bool, bool, bool),
}

pub struct ExportDialog {
    pub open: bool,
    format: Format,
    size: Size,
    theme: ThemeKind,
    title: String,
    subtitle: String,
    legend: bool,
    citations: bool,
    caption: bool,
    highlight: bool,
    preview: Option<(PreviewKey, egui::TextureHandle, [usize; 2])>,
    status: Option<String>,
    last_dir: Option<PathBuf>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            open: false,
            format: Format::Png,
            size: Size::Preset(0),
            theme: ThemeKind::Light,
            title: String::new(),
            subtitle: String::new(),
            legend: true,
            citations: true,
            caption: false,
            highlight: true,
            preview: None,
            status: None,
            last_dir: None,
        }
    }
}

/// Layout size and device-pixel scale of an export.
fn dimensions(size: Size, screen: egui::Vec2) -> (f32, f32, f32) {
    match size {
        Size::Preset(i) => PRESETS
            .get(i)
            .map_or((1920.0, 1080.0, 1.0), |p| (p.width, p.height, p.scale)),
        Size::Screen(k) => (screen.x.max(320.0), screen.y.max(200.0), k),
    }
}

/// The page for the current view of `state`, laid out at `width`×`height`: the timeline
/// page, or the reporting lag when that view is open.
pub fn page_scene(
    state: &AppState,
    width: f32,
    height: f32,
    theme: ThemeKind,
    spec: &PageSpec,
    highlight: bool,
) -> Scene {
    let view = View {
        theme,
        font_px: page::page_font_px(width, height),
        selected: if highlight {
            state.view().selected
        } else {
            None
        },
        highlighted: Vec::new(),
        reveal: None,
        today_s: None,
        ..state.view().clone()
    };
    if state.lag_open() {
        let lag = crate::timeline::lag::Lag::new(state.corpus(), state.prepared());
        return crate::timeline::lag::build_lag_scene(
            state.corpus(),
            &lag,
            &view,
            width,
            height,
            spec.title.as_deref(),
        );
    }
    page::build_page(
        state.corpus(),
        state.prepared(),
        &view,
        state.kinds(),
        width,
        height,
        spec,
    )
}

/// The clipboard image: the current view at twice the timeline's size on screen, light,
/// with legend and sources, ready to paste into a slide.
pub fn clipboard_image(state: &AppState, screen: egui::Vec2) -> Result<egui::ColorImage, String> {
    let (w, h) = (screen.x.max(640.0), screen.y.max(360.0));
    let scene = page_scene(state, w, h, ThemeKind::Light, &PageSpec::cited(), true);
    let pixmap = render::png::to_pixmap(&scene, 2.0).map_err(|e| e.to_string())?;
    Ok(egui::ColorImage::from_rgba_premultiplied(
        [pixmap.width() as usize, pixmap.height() as usize],
        pixmap.data(),
    ))
}

impl ExportDialog {
    fn spec(&self, state: &AppState) -> PageSpec {
        let caption = if self.caption {
            state
                .view()
                .selected
                .and_then(|h| Caption::of_happening(state.corpus(), h, state.view().lang))
        } else {
            None
        };
        PageSpec {
            title: (!self.title.trim().is_empty()).then(|| self.title.trim().to_owned()),
            subtitle: (!self.subtitle.trim().is_empty()).then(|| self.subtitle.trim().to_owned()),
            legend: self.legend,
            citations: self.citations,
            caption,
        }
    }

    /// The bytes of the chosen export.
    fn bytes(&self, state: &AppState, screen: egui::Vec2) -> Result<Vec<u8>, String> {
        match self.format {
            Format::Png | Format::Svg => {
                let (w, h, scale) = dimensions(self.size, screen);
                let scene = page_scene(state, w, h, self.theme, &self.spec(state), self.highlight);
                if self.format == Format::Png {
                    render::to_png(&scene, scale).map_err(|e| e.to_string())
                } else {
                    let options = SvgOptions {
                        scale,
                        title: self.spec(state).title,
                        ..SvgOptions::default()
                    };
                    Ok(render::to_svg_with(&scene, &options).into_bytes())
                }
            }
            Format::Csv => csv_out::to_csv(state.corpus(), &state.prepared().events_shown)
                .map_err(|e| e.to_string()),
            Format::TimelineJs => {
                let mode = state.settings().lanes;
                let corpus = Arc::clone(state.corpus());
                let group =
                    |e: &crate::model::Event| crate::timeline::lanes::group_of(&corpus, e, mode);
                let mut t = timelinejs::to_timelinejs(
                    state.corpus(),
                    &state.prepared().events_shown,
                    group,
                    state.view().lang,
                );
                if !self.title.trim().is_empty() {
                    t.set_title(self.title.trim(), self.subtitle.trim());
                }
                // A failure is reported, never written as an empty file over the old one.
                let json = serde_json::to_string_pretty(&t.value).map_err(|e| e.to_string())?;
                Ok(format!("{json}\n").into_bytes())
            }
        }
    }

    fn save(&mut self, state: &AppState, screen: egui::Vec2, path: &Path) {
        self.status = Some(match self.bytes(state, screen) {
            Ok(bytes) => match formats::write_atomic(path, &bytes) {
                Ok(()) => format!("Wrote {}", path.display()),
                Err(e) => format!("Cannot write {}: {e}", path.display()),
            },
            Err(e) => format!("Cannot export: {e}"),
        });
        self.last_dir = path.parent().map(Path::to_path_buf);
    }

    /// The dialog; `screen` is the timeline's size on screen (for the "current size" sizes).
    pub fn ui(&mut self, ctx: &egui::Context, state: &AppState, screen: egui::Vec2) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        let mut export = false;
        egui::Window::new("Export")
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .show(ctx, |ui| {
                egui::Grid::new("export-options")
                    .num_columns(2)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        ui.label("Format");
                        let format_name = self.format.name();
                        egui::ComboBox::from_id_salt("export-format")
                            .selected_text(format_name)
                            .show_ui(ui, |ui| {
                                for f in Format::ALL {
                                    ui.selectable_value(&mut self.format, f, f.name());
                                }
                            })
                            .response
                            .widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::ComboBox,
                                    true,
                                    format!("Format: {format_name}"),
                                )
                            });
                        ui.end_row();
                        if self.format.is_image() {
                            ui.label("Size");
                            let (w, h, scale) = dimensions(self.size, screen);
                            let current =
                                format!("{}×{} px", (w * scale).round(), (h * scale).round());
                            let size_name = format!("Size: {current}");
                            egui::ComboBox::from_id_salt("export-size")
                                .selected_text(current)
                                .show_ui(ui, |ui| {
                                    for (i, p) in PRESETS.iter().enumerate() {
                                        ui.selectable_value(
                                            &mut self.size,
                                            Size::Preset(i),
                                            p.name,
                                        );
                                    }
                                    for k in [1.0, 2.0, 4.0] {
                                        let label = format!(
                                            "Current view ×{k}: {}×{} px",
                                            (screen.x * k).round(),
                                            (screen.y * k).round()
                                        );
                                        ui.selectable_value(&mut self.size, Size::Screen(k), label);
                                    }
                                })
                                .response
                                .widget_info(|| {
                                    egui::WidgetInfo::labeled(
                                        egui::Role::ComboBox,
                                        true,
                                        &size_name,
                                    )
                                });
                            ui.end_row();
                            ui.label("Theme");
                            ui.horizontal(|ui| {
                                ui.radio_value(&mut self.theme, ThemeKind::Light, "Light (slides)");
                                ui.radio_value(&mut self.theme, ThemeKind::Dark, "Dark");
                            });
                            ui.end_row();
                        }
                        ui.label("Title");
                        ui.add(
                            egui::TextEdit::singleline(&mut self.title)
                                .hint_text("none: the slide has its own")
                                .desired_width(360.0),
                        );
                        ui.end_row();
                        if self.format.is_image() {
                            ui.label("Subtitle");
                            ui.add(
                                egui::TextEdit::singleline(&mut self.subtitle)
                                    .hint_text("optional")
                                    .desired_width(360.0),
                            );
                            ui.end_row();
                            ui.label("Show");
                            ui.vertical(|ui| {
                                ui.checkbox(
                                    &mut self.legend,
                                    "Legend (what marks and colours mean)",
                                );
                                ui.checkbox(&mut self.citations, "Numbered sources");
                                ui.add_enabled(
                                    state.view().selected.is_some(),
                                    egui::Checkbox::new(
                                        &mut self.highlight,
                                        "Highlight the selected event",
                                    ),
                                );
                                ui.add_enabled(
                                    state.view().selected.is_some(),
                                    egui::Checkbox::new(
                                        &mut self.caption,
                                        "The selected event's quote as a caption",
                                    ),
                                );
                            });
                            ui.end_row();
                        }
                    });
                if self.format.is_image() {
                    ui.separator();
                    self.preview_ui(ui, state, screen);
                } else {
                    ui.label(
                        RichText::new(format!(
                            "{} events shown (filters apply).",
                            state.shown_event_count()
                        ))
                        .weak(),
                    );
                }
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.button(RichText::new("Export…").strong()).clicked() {
                        export = true;
                    }
                    if let Some(s) = &self.status {
                        ui.label(s);
                    }
                });
            });
        self.open = open;
        if export {
            let mut dialog = rfd::FileDialog::new()
                .set_title("Export")
                .add_filter(self.format.name(), &[self.format.extension()])
                .set_file_name(format!("frise.{}", self.format.extension()));
            if let Some(dir) = &self.last_dir {
                dialog = dialog.set_directory(dir);
            }
            if let Some(path) = dialog.save_file() {
                self.save(state, screen, &path);
            }
        }
    }

    fn preview_ui(&mut self, ui: &mut egui::Ui, state: &AppState, screen: egui::Vec2) {
        let key = PreviewKey {
            generation: state.generation(),
            view: state.view().clone(),
            options: (
                self.size,
                self.theme,
                self.title.clone(),
                self.subtitle.clone(),
                self.legend,
                self.citations,
                self.caption,
                self.highlight,
            ),
        };
        if self.preview.as_ref().is_none_or(|(k, _, _)| *k != key) {
            let (w, h, _) = dimensions(self.size, screen);
            let scene = page_scene(state, w, h, self.theme, &self.spec(state), self.highlight);
            // The preview is the export itself, rendered small.
            let fit = (520.0 / w).min(300.0 / h).min(1.0);
            match render::png::to_pixmap(&scene, fit) {
                Ok(pixmap) => {
                    let size = [pixmap.width() as usize, pixmap.height() as usize];
                    let image = egui::ColorImage::from_rgba_premultiplied(size, pixmap.data());
                    let texture = ui.ctx().load_texture(
                        "export-preview",
                        image,
                        egui::TextureOptions::LINEAR,
                    );
                    self.preview = Some((key, texture, size));
                }
                Err(e) => self.status = Some(format!("Cannot preview: {e}")),
            }
        }
        if let Some((_, texture, size)) = &self.preview {
            ui.vertical_centered(|ui| {
                ui.add(egui::Image::new((
                    texture.id(),
                    egui::vec2(size[0] as f32, size[1] as f32),
                )))
                .on_hover_text("Preview of the exported page");
            });
        }
    }
}
