//! `frise export [PATH…] --out FILE`: the current kind of view, headless, as a file.
//!
//! The format comes from the extension: `.png` and `.svg` draw the export page (timeline,
//! legend, numbered sources) from the same Scene the window draws, or with `--view lag` the
//! reporting-lag view (when each source reported what happened); `.csv` writes one row
//! per event and passage. Filters (`--search`, `--from`, `--to`) apply to every format.
//! Output is written atomically: a reader never sees a half-written file.
//!
//! Exit codes: 0 written; 1 problems in the input (the file is still written when anything
//! could be read, so one bad event does not stop a batch, but the status says so); 2 usage
//! error, which includes an output that cannot be written.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::builder::PossibleValuesParser;

use super::{EXIT_INPUT, EXIT_USAGE};
use crate::formats::{self, LoadOptions, Progress, csv_out, timelinejs};
use crate::model::{Corpus, Edtf, HappeningIx, Lang, Seconds};
use crate::render::{self, RenderError, SvgOptions};
use crate::timeline::lag::{Lag, build_lag_scene};
use crate::timeline::page::{self, Caption, PageSpec};
use crate::timeline::text;
use crate::timeline::{
    Filter, LaneMode, Prepared, ThemeKind, TimeWindow, View, build_page, kinds_by_frequency,
};

/// Options of `frise export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Files (.json, .jsonl, TimelineJS, TimeML) or folders to export; none exports the
    /// bundled seed articles.
    pub paths: Vec<PathBuf>,

    /// The file to write; its extension picks the format: .png, .svg, .csv or .json
    /// (TimelineJS3). With --story, a folder.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: PathBuf,

    /// Page width in pixels (the layout size; --scale multiplies the PNG's pixels).
    #[arg(long, default_value_t = 1920, value_parser = clap::value_parser!(u32).range(100..=16_384))]
    pub width: u32,

    /// Page height in pixels.
    #[arg(long, default_value_t = 1080, value_parser = clap::value_parser!(u32).range(100..=16_384))]
    pub height: u32,

    /// Device pixels per page pixel: 2 gives a PNG twice as wide and tall with the same
    /// layout (for SVG, the width and height attributes).
    #[arg(long, default_value_t = 1.0, value_parser = parse_scale)]
    pub scale: f32,

    /// Start of the time window and filter, as EDTF (2024, 2024-12, 2025-07-31, -0489 for
    /// 490 BC, Y-66000000); its earliest day counts. Default: fit to the events.
    // Hyphen values: years before the common era start with `-`.
    #[arg(long, value_name = "DATE", value_parser = parse_from, allow_hyphen_values = true)]
    pub from: Option<Seconds>,

    /// End of the time window and filter, as EDTF; its latest day counts (--to 2025 runs to
    /// the end of 2025). Default: fit to the events.
    #[arg(long, value_name = "DATE", value_parser = parse_to, allow_hyphen_values = true)]
    pub to: Option<Seconds>,

    /// Group events into lanes.
    #[arg(long, default_value = "none", value_parser = PossibleValuesParser::new(
        LaneMode::ALL.map(LaneMode::name)
    ))]
    pub lanes: String,

    /// A title above the timeline. Default: none, as a slide has its own title; when given,
    /// a subtitle with the dates and counts goes under it.
    #[arg(long)]
    pub title: Option<String>,

    /// The line under the title. Default: dates, number of events and sources, search.
    #[arg(long)]
    pub subtitle: Option<String>,

    /// Colours: light for slides and print, dark for screens.
    #[arg(long, default_value = "light", value_parser = PossibleValuesParser::new(["light", "dark"]))]
    pub theme: String,

    /// Keep only events matching every word (accents and case ignored).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,

    /// Language of dates, legend and headings.
    #[arg(long, default_value = "en", value_parser = PossibleValuesParser::new(["en", "fr"]))]
    pub lang: String,

    /// Highlight an event and quote its passage under the timeline: EVENT_ID, or
    /// ARTICLE_ID/EVENT_ID when ids repeat across articles.
    #[arg(long, value_name = "EVENT")]
    pub select: Option<String>,

    /// Leave out the legend.
    #[arg(long)]
    pub no_legend: bool,

    /// Leave out the numbered sources.
    #[arg(long)]
    pub no_citations: bool,

    /// What to draw in a PNG or SVG: the timeline, or the reporting lag (when each source
    /// reported what happened).
    #[arg(long, default_value = "timeline", value_parser = PossibleValuesParser::new(["timeline", "lag"]))]
    pub view: String,

    /// A saved presentation (`*.story.json`): writes one PNG per step into the folder
    /// --out (created if needed), numbered step-01.png, step-02.png…, each with its caption.
    #[arg(long, value_name = "FILE")]
    pub story: Option<PathBuf>,
}

/// Output formats, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Png,
    Svg,
    Csv,
    /// TimelineJS3 JSON.
    Json,
}

/// A failure with its exit status and a message for the user.
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Self {
        Self {
            code: EXIT_USAGE,
            message: message.into(),
        }
    }

    fn input(message: impl Into<String>) -> Self {
        Self {
            code: EXIT_INPUT,
            message: message.into(),
        }
    }
}

/// Runs the export, writing diagnostics and a summary line to `err`; returns the exit
/// status (0, 1 or 2, see the module documentation).
pub fn run(args: &ExportArgs, err: &mut dyn Write) -> u8 {
    match export(args, err) {
        Ok(code) => code,
        Err(f) => {
            writeln!(err, "frise export: {}", f.message).ok();
            f.code
        }
    }
}

fn export(args: &ExportArgs, err: &mut dyn Write) -> Result<u8, Failure> {
    if let Some(story) = &args.story {
        if args.view == "lag" {
            return Err(Failure::usage(
                "--view lag draws one image: leave out --story",
            ));
        }
        return export_story(args, story, err);
    }
    let format = format_of(&args.out)?;
    if args.view == "lag" && !matches!(format, Format::Png | Format::Svg) {
        return Err(Failure::usage(
            "--view lag draws an image: write a .png or .svg",
        ));
    }
    check_output(&args.out)?;
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from >= to
    {
        return Err(Failure::usage("--from must be before --to"));
    }

    if matches!(format, Format::Png | Format::Svg) {
        // The page measures its text and a PNG needs the fonts: both are read from the
        // embedded faces while the articles load.
        rayon::spawn(move || {
            text::prepare();
            if format == Format::Png {
                render::png::font_database();
            }
        });
    }
    let (corpus, input_status) = load_input(args, err)?;

    let filter = Filter {
        text: args.search.clone().unwrap_or_default(),
        from_s: args.from,
        to_s: args.to,
        ..Filter::default()
    };
    let lane_mode = LaneMode::parse(&args.lanes).unwrap_or_default();
    let prepared = Prepared::new(&corpus, &filter, lane_mode);
    let shown_events = prepared.events_shown.iter().filter(|s| **s).count();
    if shown_events == 0 {
        writeln!(err, "warning: no event matches the filters").ok();
    }

    let (bytes, summary) = match format {
        Format::Csv => {
            let bytes = csv_out::to_csv(&corpus, &prepared.events_shown)
                .map_err(|e| Failure::input(e.to_string()))?;
            (bytes, format!("{shown_events} events"))
        }
        Format::Json => {
            let mode = prepared.lane_mode;
            let group =
                |e: &crate::model::Event| crate::timeline::lanes::group_of(&corpus, e, mode);
            let lang = Lang::from_code(&args.lang);
            let mut timeline =
                timelinejs::to_timelinejs(&corpus, &prepared.events_shown, group, lang);
            if let Some(title) = &args.title {
                timeline.set_title(title, args.subtitle.as_deref().unwrap_or(""));
            }
            // Reported, not written: an empty file must not replace an earlier export.
            let text = serde_json::to_string_pretty(&timeline.value)
                .map_err(|e| Failure::input(format!("cannot encode the timeline: {e}")))?;
            let mut summary = format!(
                "{} slides, {} eras",
                timeline.slides.len(),
                timeline.eras.len()
            );
            if timeline.skipped_undated > 0 {
                summary.push_str(&format!(
                    "; {} undated events left out (TimelineJS needs a date)",
                    timeline.skipped_undated
                ));
            }
            (format!("{text}\n").into_bytes(), summary)
        }
        Format::Png | Format::Svg if args.view == "lag" => {
            draw_lag(args, format == Format::Svg, &corpus, &prepared, err)?
        }
        Format::Png => draw(args, false, &corpus, &prepared, &filter, err)?,
        Format::Svg => draw(args, true, &corpus, &prepared, &filter, err)?,
    };
    formats::write_atomic(&args.out, &bytes)
        .map_err(|e| Failure::usage(format!("cannot write {}: {e}", args.out.display())))?;
    writeln!(err, "wrote {} ({summary})", args.out.display()).ok();
    if input_status != 0 {
        writeln!(
            err,
            "{} problems in the input (above); the export leaves out what could not be read",
            corpus.error_count()
        )
        .ok();
    }
    // The process ends now: freeing a large corpus piece by piece would only delay it.
    std::mem::forget(prepared);
    std::mem::forget(corpus);
    Ok(input_status)
}

/// The page as PNG or SVG bytes, and a summary for the user.
fn draw(
    args: &ExportArgs,
    as_svg: bool,
    corpus: &Corpus,
    prepared: &Prepared,
    filter: &Filter,
    err: &mut dyn Write,
) -> Result<(Vec<u8>, String), Failure> {
    let (width, height) = (args.width as f32, args.height as f32);
    let lang = Lang::from_code(&args.lang);
    let selected = args
        .select
        .as_deref()
        .map(|s| find_happening(corpus, s))
        .transpose()?;
    if let Some(h) = selected
        && !prepared.is_shown(h)
    {
        writeln!(err, "warning: the selected event is filtered out").ok();
    }
    let view = View {
        window: window(prepared, args.from, args.to),
        lang,
        theme: ThemeKind::parse(&args.theme).unwrap_or_default(),
        font_px: page::page_font_px(width, height),
        selected,
        today_s: None,
        ..View::default()
    };
    // The description is the SVG's <desc> and the subtitle under a title; a PNG without
    // a title has no use for it, and describing a large view counts all it holds.
    let description = (as_svg || (args.title.is_some() && args.subtitle.is_none()))
        .then(|| page::describe(corpus, prepared, &view, &filter.text));
    let subtitle = args
        .subtitle
        .clone()
        .or_else(|| args.title.as_ref().and(description.clone()));
    let spec = PageSpec {
        title: args.title.clone(),
        subtitle,
        legend: !args.no_legend,
        citations: !args.no_citations,
        caption: selected.and_then(|h| Caption::of_happening(corpus, h, lang)),
    };
    let kinds = kinds_by_frequency(corpus);
    let scene = build_page(corpus, prepared, &view, &kinds, width, height, &spec);
    let drawn = page::drawn_happenings(&scene).len();
    let bytes = if as_svg {
        render::to_svg_with(
            &scene,
            &SvgOptions {
                scale: args.scale,
                title: Some(args.title.clone().unwrap_or_else(|| "Timeline".to_owned())),
                description,
                item_titles: true,
            },
        )
        .into_bytes()
    } else {
        render::to_png(&scene, args.scale).map_err(|e| match e {
            RenderError::TooLarge { .. } | RenderError::BadScale(_) | RenderError::Empty { .. } => {
                Failure::usage(e.to_string())
            }
            RenderError::Svg(_) | RenderError::Encode(_) => Failure::input(e.to_string()),
        })?
    };
    let (pw, ph) = (
        (width * args.scale).round() as u32,
        (height * args.scale).round() as u32,
    );
    Ok((bytes, format!("{pw}×{ph}, {drawn} events drawn")))
}

/// The reporting-lag view as PNG or SVG bytes (the same Scene the window's export draws),
/// and a summary for the user.
fn draw_lag(
    args: &ExportArgs,
    as_svg: bool,
    corpus: &Corpus,
    prepared: &Prepared,
    err: &mut dyn Write,
) -> Result<(Vec<u8>, String), Failure> {
    let (width, height) = (args.width as f32, args.height as f32);
    let lang = Lang::from_code(&args.lang);
    let selected = args
        .select
        .as_deref()
        .map(|s| find_happening(corpus, s))
        .transpose()?;
    let view = View {
        lang,
        theme: ThemeKind::parse(&args.theme).unwrap_or_default(),
        font_px: page::page_font_px(width, height),
        selected,
        ..View::default()
    };
    let lag = Lag::new(corpus, prepared);
    if let Some(note) = lag.note(lang) {
        writeln!(err, "note: {note}").ok();
    }
    let scene = build_lag_scene(corpus, &lag, &view, width, height, args.title.as_deref());
    let bytes = encode(&scene, as_svg, args, "Reporting lag")?;
    let (pw, ph) = (
        (width * args.scale).round() as u32,
        (height * args.scale).round() as u32,
    );
    Ok((
        bytes,
        format!("{pw}×{ph}, {} reports drawn", lag.points.len()),
    ))
}

/// A scene as SVG or PNG bytes.
fn encode(
    scene: &crate::timeline::Scene,
    as_svg: bool,
    args: &ExportArgs,
    default_title: &str,
) -> Result<Vec<u8>, Failure> {
    if as_svg {
        return Ok(render::to_svg_with(
            scene,
            &SvgOptions {
                scale: args.scale,
                title: Some(
                    args.title
                        .clone()
                        .unwrap_or_else(|| default_title.to_owned()),
                ),
                description: args.subtitle.clone(),
                item_titles: true,
            },
        )
        .into_bytes());
    }
    render::to_png(scene, args.scale).map_err(|e| match e {
        RenderError::TooLarge { .. } | RenderError::BadScale(_) | RenderError::Empty { .. } => {
            Failure::usage(e.to_string())
        }
        RenderError::Svg(_) | RenderError::Encode(_) => Failure::input(e.to_string()),
    })
}

/// The input (the bundled articles when no path is given), its problems printed to `err`,
/// and the exit status they call for.
fn load_input(args: &ExportArgs, err: &mut dyn Write) -> Result<(Corpus, u8), Failure> {
    let corpus = if args.paths.is_empty() {
        formats::load_bundled()
    } else {
        formats::load(&args.paths, &LoadOptions::default(), &Progress::default())
    };
    for d in &corpus.diagnostics {
        writeln!(err, "{d}").ok();
    }
    if corpus.articles.is_empty() {
        return Err(Failure::input(
            "nothing to export: no article could be read",
        ));
    }
    let status = if corpus.error_count() > 0 {
        EXIT_INPUT
    } else {
        0
    };
    Ok((corpus, status))
}

/// The time window: `--from`/`--to` where given, else the fitted view of the window (see
/// [`crate::timeline::fit`]) with a 5% margin so marks at the ends are not cut.
fn window(prepared: &Prepared, from: Option<Seconds>, to: Option<Seconds>) -> TimeWindow {
    let fitted = prepared.fit_window(0.05).unwrap_or_default();
    let start = from.map_or(fitted.start_s, |f| f as f64);
    let mut end = to.map_or(fitted.end_s, |t| t as f64);
    if end <= start {
        end = start + 365.0 * 86_400.0;
    }
    TimeWindow::new(start, end)
}

/// The happening of an event named `EVENT_ID` or `ARTICLE_ID/EVENT_ID`.
fn find_happening(corpus: &Corpus, name: &str) -> Result<HappeningIx, Failure> {
    let event = match name.split_once('/') {
        Some((article, event)) => corpus.find_event(article, event),
        None => corpus
            .events
            .iter()
            .position(|e| e.id == name)
            .map(|i| crate::model::EventIx(i as u32)),
    };
    event
        .and_then(|e| corpus.event(e))
        .map(|e| e.happening)
        .ok_or_else(|| Failure::usage(format!("--select: no event `{name}` in the input")))
}

fn format_of(out: &Path) -> Result<Format, Failure> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => Ok(Format::Png),
        "svg" => Ok(Format::Svg),
        "csv" => Ok(Format::Csv),
        "json" => Ok(Format::Json),
        "" => Err(Failure::usage(format!(
            "{}: add an extension to choose the format: .png, .svg, .csv or .json (TimelineJS3)",
            out.display()
        ))),
        other => Err(Failure::usage(format!(
            "unknown output format `.{other}`: use .png, .svg, .csv or .json (TimelineJS3)"
        ))),
    }
}

/// Refuses an output whose folder does not exist or that names a folder, before any work.
fn check_output(out: &Path) -> Result<(), Failure> {
    if out.is_dir() {
        return Err(Failure::usage(format!(
            "cannot write {}: it is a folder",
            out.display()
        )));
    }
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Failure::usage(format!(
            "cannot write {}: the folder {} does not exist",
            out.display(),
            dir.display()
        )));
    }
    Ok(())
}

fn parse_scale(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 16.0 => Ok(v),
        _ => Err(format!(
            "`{s}` is not a scale between 0 and 16 (1 = as laid out, 2 = twice the pixels)"
        )),
    }
}

fn parse_date(s: &str) -> Result<Edtf, String> {
    Edtf::parse(s).map_err(|e| e.to_string())
}

/// `--from`: the earliest moment the date may denote.
fn parse_from(s: &str) -> Result<Seconds, String> {
    parse_date(s)?
        .earliest()
        .ok_or_else(|| format!("`{s}` has no known start"))
}

/// `--to`: the end of the last moment the date may denote (exclusive).
fn parse_to(s: &str) -> Result<Seconds, String> {
    parse_date(s)?
        .latest()
        .ok_or_else(|| format!("`{s}` has no known end"))
}

/// `--story`: one slide per presentation step, as the presentation shows it: the step's
/// lanes and filter, its events highlighted and revealed up to it, framed with their
/// neighbours (or the saved window), and a caption quoting the source.
fn export_story(args: &ExportArgs, story_path: &Path, err: &mut dyn Write) -> Result<u8, Failure> {
    use crate::formats::story_file;
    use crate::timeline::story;

    let story = story_file::load(story_path).map_err(|e| Failure::usage(e.to_string()))?;
    if story.steps.is_empty() {
        return Err(Failure::usage(format!(
            "{}: the presentation has no steps",
            story_path.display()
        )));
    }
    let dir = &args.out;
    if dir
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"))
    {
        return Err(Failure::usage(
            "with --story, --out names a folder for the slides (step-01.png, …)",
        ));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::usage(format!("cannot create {}: {e}", dir.display())))?;

    let (corpus, input_status) = load_input(args, err)?;
    let kinds = crate::timeline::kinds_by_frequency(&corpus);
    let lang = Lang::from_code(&args.lang);
    let (width, height) = (args.width as f32, args.height as f32);
    for (i, step) in story.steps.iter().enumerate() {
        let prepared = Prepared::new(&corpus, &step.filter, step.lanes);
        let focus = step.happenings(&corpus);
        if focus.is_empty() && !step.highlight.is_empty() {
            writeln!(
                err,
                "warning: step {}: its events are not in the input",
                i + 1
            )
            .ok();
        }
        let window = story::step_window(&corpus, &prepared, Some(step), &focus);
        let view = View {
            window,
            lang,
            theme: ThemeKind::parse(&args.theme).unwrap_or_default(),
            font_px: page::page_font_px(width, height),
            highlighted: focus.clone(),
            reveal: Some(story::reveal_through(&corpus, &story.steps, i + 1)),
            today_s: None,
            ..View::default()
        };
        let lead = focus.first().copied();
        let title = step.caption.clone().or_else(|| {
            let h = corpus.happening(lead?)?;
            let title = &corpus.lead(h)?.title;
            Some(match h.date {
                Some(d) => format!("{title} — {}", d.human(lang)),
                None => title.clone(),
            })
        });
        let spec = PageSpec {
            title: title.or_else(|| (!story.title.is_empty()).then(|| story.title.clone())),
            subtitle: Some(format!("{} / {}", i + 1, story.steps.len())),
            legend: !args.no_legend,
            citations: !args.no_citations,
            caption: lead.and_then(|h| Caption::of_happening(&corpus, h, lang)),
        };
        let scene = page::build_page(&corpus, &prepared, &view, &kinds, width, height, &spec);
        let png = render::to_png(&scene, args.scale).map_err(|e| Failure::usage(e.to_string()))?;
        let path = dir.join(format!("step-{:02}.png", i + 1));
        formats::write_atomic(&path, &png)
            .map_err(|e| Failure::usage(format!("cannot write {}: {e}", path.display())))?;
    }
    writeln!(
        err,
        "wrote {} slides to {}",
        story.steps.len(),
        dir.display()
    )
    .ok();
    Ok(input_status)
}
