//! Every action a user can take from a menu, a button or the keyboard, written once: its
//! label, its keyboard shortcuts and its tooltip.
//!
//! The keyboard handler ([`UiCommand::listen`]), the menus ([`UiCommand::menu_button`]),
//! the toolbar tooltips and Help → Keyboard shortcuts ([`UiCommand::help_rows`]) are all
//! generated from this table, so a shortcut cannot be shown in one place and bound to
//! another, and macOS shows ⌘ where other systems show Ctrl (egui formats the shortcuts).
//! Modelled on rerun's `UICommand`.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Where a command's shortcuts apply: the explorer, or the full-screen presentation, which
/// gives the arrow keys and Esc other meanings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Explorer,
    Presentation,
}

/// One user action of the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    OpenFiles,
    OpenFolder,
    AddFiles,
    AddFolder,
    OpenBundled,
    NewArticleFromClipboard,
    Export,
    CopyImage,
    Quit,

    ZoomToFit,
    ZoomIn,
    ZoomOut,
    NextLanes,
    ToggleTheme,
    ToggleEventList,
    ToggleSourcePanel,
    ToggleOverview,
    ToggleProblems,
    ToggleLagView,

    Search,
    NextEvent,
    PreviousEvent,
    ClearSelection,

    Present,
    AddStep,
    EditStory,
    NewStory,
    OpenStory,
    SaveStory,

    ShowShortcuts,

    Undo,
    Redo,
    Save,
    NewEventFromSelection,
    AddPassage,
    EditEvent,
    DeleteEvent,
    AcceptSuggestion,
    RejectSuggestion,
    AcceptAllShown,

    SlideNext,
    SlideBack,
    SlideFirst,
    SlideLast,
    LeavePresentation,
}

const fn key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}
const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}
const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            alt: false,
            ctrl: false,
            shift: true,
            mac_cmd: false,
            command: true,
        },
        key,
    )
}

impl UiCommand {
    /// Every command, in the order Help lists them.
    pub const ALL: &[Self] = &[
        Self::NextEvent,
        Self::PreviousEvent,
        Self::ClearSelection,
        Self::ZoomToFit,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::NextLanes,
        Self::Search,
        Self::NewEventFromSelection,
        Self::AddPassage,
        Self::EditEvent,
        Self::DeleteEvent,
        Self::AcceptSuggestion,
        Self::RejectSuggestion,
        Self::AcceptAllShown,
        Self::Undo,
        Self::Redo,
        Self::Save,
        Self::OpenFiles,
        Self::OpenFolder,
        Self::AddFiles,
        Self::AddFolder,
        Self::OpenBundled,
        Self::NewArticleFromClipboard,
        Self::Export,
        Self::CopyImage,
        Self::Present,
        Self::AddStep,
        Self::EditStory,
        Self::NewStory,
        Self::OpenStory,
        Self::SaveStory,
        Self::ToggleTheme,
        Self::ToggleEventList,
        Self::ToggleSourcePanel,
        Self::ToggleOverview,
        Self::ToggleProblems,
        Self::ToggleLagView,
        Self::ShowShortcuts,
        Self::Quit,
        Self::SlideNext,
        Self::SlideBack,
        Self::SlideFirst,
        Self::SlideLast,
        Self::LeavePresentation,
    ];

    /// The label of its menu item or button.
    pub fn text(self) -> &'static str {
        match self {
            Self::OpenFiles => "Open files…",
            Self::OpenFolder => "Open folder…",
            Self::AddFiles => "Add files…",
            Self::AddFolder => "Add folder…",
            Self::OpenBundled => "Open the bundled articles",
            Self::NewArticleFromClipboard => "New article from clipboard…",
            Self::Export => "Export…",
            Self::CopyImage => "Copy image",
            Self::Quit => "Quit",
            Self::ZoomToFit => "Zoom to fit",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::NextLanes => "Next lane grouping",
            Self::ToggleTheme => "Light / dark theme",
            Self::ToggleEventList => "Event list",
            Self::ToggleSourcePanel => "Source panel",
            Self::ToggleOverview => "Overview strip",
            Self::ToggleProblems => "Problems",
            Self::ToggleLagView => "Reporting lag",
            Self::Search => "Search",
            Self::NextEvent => "Next event",
            Self::PreviousEvent => "Previous event",
            Self::ClearSelection => "Clear the selection",
            Self::Present => "Start presentation",
            Self::AddStep => "Add current view as step",
            Self::EditStory => "Edit presentation…",
            Self::NewStory => "New presentation",
            Self::OpenStory => "Open presentation…",
            Self::SaveStory => "Save presentation…",
            Self::ShowShortcuts => "Keyboard shortcuts",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Save => "Save",
            Self::NewEventFromSelection => "New event from selection",
            Self::AddPassage => "Add passage to this event",
            Self::EditEvent => "Edit event…",
            Self::DeleteEvent => "Delete event",
            Self::AcceptSuggestion => "Accept suggestion",
            Self::RejectSuggestion => "Reject suggestion",
            Self::AcceptAllShown => "Accept all shown suggestions",
            Self::SlideNext => "Next slide",
            Self::SlideBack => "Previous slide",
            Self::SlideFirst => "Title slide",
            Self::SlideLast => "Last slide",
            Self::LeavePresentation => "Leave the presentation",
        }
    }

    /// What it does, in a sentence: the tooltip, and the Help description.
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::OpenFiles => "Open articles and timelines, replacing what is loaded",
            Self::OpenFolder => "Open every article in a folder, replacing what is loaded",
            Self::AddFiles => "Add articles and timelines to what is loaded",
            Self::AddFolder => "Add every article in a folder to what is loaded",
            Self::OpenBundled => "Back to the two bundled articles",
            Self::NewArticleFromClipboard => {
                "Make an article of the copied text, with its dates as suggested events"
            }
            Self::Export => "Export the view (PNG, SVG, CSV, TimelineJS)",
            Self::CopyImage => "Copy the view as an image, to paste into a slide",
            Self::Quit => "Quit frise",
            Self::ZoomToFit => "Zoom to fit everything shown",
            Self::ZoomIn => "Zoom in around the selection or the centre",
            Self::ZoomOut => "Zoom out around the selection or the centre",
            Self::NextLanes => "Next lane grouping (none, article, kind, actor, place, tag)",
            Self::ToggleTheme => "Switch between the light and the dark theme",
            Self::ToggleEventList => "Show or hide the event list",
            Self::ToggleSourcePanel => "Show or hide the source panel",
            Self::ToggleOverview => "Show or hide the overview strip",
            Self::ToggleProblems => "Show or hide the problems found while loading",
            Self::ToggleLagView => {
                "How late each source reported what happened, in place of the timeline"
            }
            Self::Search => "Search titles, passages, kinds, tags and names",
            Self::NextEvent => {
                "Select the next event in time (the next suggestion, when one is selected)"
            }
            Self::PreviousEvent => {
                "Select the previous event in time (the previous suggestion, when one is selected)"
            }
            Self::ClearSelection => "Clear the selection",
            Self::Present => "Full-screen presentation, one step per event or prepared step",
            Self::AddStep => "Add the current view as a presentation step",
            Self::EditStory => "Edit the prepared presentation: captions, order, steps",
            Self::NewStory => "Start a new, empty presentation",
            Self::OpenStory => "Open a saved presentation",
            Self::SaveStory => "Save the prepared presentation",
            Self::ShowShortcuts => "List every keyboard shortcut",
            Self::Undo => "Undo the latest edit",
            Self::Redo => "Redo the latest undone edit",
            Self::Save => {
                "Save every changed article (atomically; other formats as new native files)"
            }
            Self::NewEventFromSelection => {
                "Make the text selected in the article an event, with that passage as evidence"
            }
            Self::AddPassage => "Add the selected text as a passage of the selected event",
            Self::EditEvent => "Edit the selected event: title, date, kind, people, places, story",
            Self::DeleteEvent => "Delete the selected event (undo brings it back)",
            Self::AcceptSuggestion => {
                "Make the selected suggestion an event, and go to the next suggestion"
            }
            Self::RejectSuggestion => {
                "Reject the selected suggestion (remembered when saved), and go to the next"
            }
            Self::AcceptAllShown => "Make every suggestion the filter shows an event",
            Self::SlideNext => "Presenting: the next step (clickers send Page Down)",
            Self::SlideBack => "Presenting: the previous step (clickers send Page Up)",
            Self::SlideFirst => "Presenting: back to the title slide",
            Self::SlideLast => "Presenting: the last step",
            Self::LeavePresentation => "Presenting: back to the explorer, as it was",
        }
    }

    /// Its keyboard shortcuts; the first is the one menus show.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            Self::OpenFiles => const { &[cmd(Key::O)] },
            Self::AddFiles => const { &[cmd_shift(Key::O)] },
            // The window turns Ctrl+V into a paste of the clipboard's text, which opens the
            // form when no text field has the focus; the key itself reaches here only where
            // the system sends no paste.
            Self::NewArticleFromClipboard => const { &[cmd(Key::V)] },
            Self::Export => const { &[cmd(Key::E)] },
            Self::CopyImage => const { &[cmd_shift(Key::C)] },
            Self::Quit => const { &[cmd(Key::Q)] },
            Self::ZoomToFit => const { &[key(Key::F)] },
            Self::ZoomIn => const { &[key(Key::Plus), key(Key::Equals)] },
            Self::ZoomOut => const { &[key(Key::Minus)] },
            Self::NextLanes => const { &[key(Key::L)] },
            Self::Search => const { &[cmd(Key::F), key(Key::Slash)] },
            Self::NextEvent => const { &[key(Key::ArrowRight)] },
            Self::PreviousEvent => const { &[key(Key::ArrowLeft)] },
            Self::ClearSelection => const { &[key(Key::Escape)] },
            Self::Present => const { &[key(Key::F5)] },
            Self::AddStep => const { &[cmd_shift(Key::A)] },
            Self::Undo => const { &[cmd(Key::Z)] },
            Self::Redo => const { &[cmd_shift(Key::Z), cmd(Key::Y)] },
            Self::Save => const { &[cmd(Key::S)] },
            Self::NewEventFromSelection => const { &[cmd(Key::N)] },
            Self::EditEvent => const { &[key(Key::E)] },
            Self::AcceptSuggestion => const { &[key(Key::Enter)] },
            Self::RejectSuggestion => const { &[key(Key::Delete)] },
            Self::SlideNext => {
                const {
                    &[
                        key(Key::ArrowRight),
                        key(Key::Space),
                        key(Key::PageDown),
                        key(Key::Enter),
                    ]
                }
            }
            Self::SlideBack => {
                const { &[key(Key::ArrowLeft), key(Key::PageUp), key(Key::Backspace)] }
            }
            Self::SlideFirst => const { &[key(Key::Home)] },
            Self::SlideLast => const { &[key(Key::End)] },
            Self::LeavePresentation => const { &[key(Key::Escape)] },
            Self::OpenFolder
            | Self::AddFolder
            | Self::OpenBundled
            | Self::ToggleTheme
            | Self::ToggleEventList
            | Self::ToggleSourcePanel
            | Self::ToggleOverview
            | Self::ToggleProblems
            | Self::ToggleLagView
            | Self::EditStory
            | Self::NewStory
            | Self::OpenStory
            | Self::SaveStory
            | Self::ShowShortcuts
            | Self::AddPassage
            | Self::DeleteEvent
            | Self::AcceptAllShown => const { &[] },
        }
    }

    pub fn scope(self) -> Scope {
        match self {
            Self::SlideNext
            | Self::SlideBack
            | Self::SlideFirst
            | Self::SlideLast
            | Self::LeavePresentation => Scope::Presentation,
            _ => Scope::Explorer,
        }
    }

    /// The first shortcut as this system writes it ("Ctrl+O", "⌘O"), for menus.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcuts().first().map(|s| format_shortcut(ctx, s))
    }

    /// Every shortcut, joined: "Ctrl+F or /".
    pub fn all_shortcuts_text(self, ctx: &egui::Context) -> String {
        let texts: Vec<String> = self
            .shortcuts()
            .iter()
            .map(|s| format_shortcut(ctx, s))
            .collect();
        texts.join(" or ")
    }

    /// The tooltip with the shortcut after it, for toolbar buttons.
    pub fn tooltip_with_shortcut(self, ctx: &egui::Context) -> String {
        match self.shortcut_text(ctx) {
            Some(keys) => format!("{}  ({keys})", self.tooltip()),
            None => self.tooltip().to_owned(),
        }
    }

    /// A menu item for this command, with its shortcut and tooltip; true when clicked.
    pub fn menu_button(self, ui: &mut egui::Ui) -> bool {
        let mut button = egui::Button::new(self.text());
        if let Some(keys) = self.shortcut_text(ui.ctx()) {
            button = button.shortcut_text(keys);
        }
        ui.add(button).on_hover_text(self.tooltip()).clicked()
    }

    /// A menu checkbox for a command that shows or hides something; true when clicked.
    pub fn menu_checkbox(self, ui: &mut egui::Ui, on: bool) -> bool {
        ui.checkbox(&mut on.clone(), self.text())
            .on_hover_text(self.tooltip())
            .clicked()
    }

    /// Is one of its shortcuts a plain key (no Ctrl/⌘), which typing in a text field must
    /// not trigger?
    fn is_plain(shortcut: &KeyboardShortcut) -> bool {
        !shortcut.modifiers.command && !shortcut.modifiers.ctrl && !shortcut.modifiers.mac_cmd
    }

    /// The commands of `scope` whose shortcut was pressed this frame, consuming the keys.
    /// Plain keys are left to text fields while one has the keyboard focus.
    pub fn listen(ctx: &egui::Context, scope: Scope) -> Vec<Self> {
        let typing = ctx.egui_wants_keyboard_input();
        let mut bindings: Vec<(Self, &KeyboardShortcut)> = Self::ALL
            .iter()
            .filter(|c| c.scope() == scope)
            .flat_map(|c| c.shortcuts().iter().map(move |s| (*c, s)))
            .filter(|(_, s)| !(typing && Self::is_plain(s)))
            .collect();
        // egui matches Shift and Alt loosely: try the shortcuts with more modifiers first,
        // so Ctrl+Shift+O is not taken for Ctrl+O.
        bindings.sort_by_key(|(_, s)| {
            std::cmp::Reverse(u8::from(s.modifiers.shift) + u8::from(s.modifiers.alt))
        });
        let mut pressed = Vec::new();
        ctx.input_mut(|i| {
            for (command, shortcut) in bindings {
                if i.consume_shortcut(shortcut) && !pressed.contains(&command) {
                    pressed.push(command);
                }
            }
        });
        pressed
    }

    /// Rows of Help → Keyboard shortcuts: keys and what they do, for commands that have keys.
    pub fn help_rows(ctx: &egui::Context) -> Vec<(String, &'static str)> {
        Self::ALL
            .iter()
            .filter(|c| !c.shortcuts().is_empty())
            .map(|c| (c.all_shortcuts_text(ctx), c.tooltip()))
            .collect()
    }
}

/// A shortcut as this system writes it: egui's formatting (⌘ on macOS, Ctrl elsewhere),
/// except that a plain key is shown as its symbol ("/", "+") rather than its name.
fn format_shortcut(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    if shortcut.modifiers.is_none() {
        match shortcut.logical_key {
            Key::ArrowRight => "→",
            Key::ArrowLeft => "←",
            Key::Escape => "Esc",
            Key::PageDown => "Page Down",
            Key::PageUp => "Page Up",
            key => key.symbol_or_name(),
        }
        .to_owned()
    } else {
        ctx.format_shortcut(shortcut)
    }
}

/// Pointer gestures, listed in Help after the keys (they are not commands).
pub const POINTER_HELP: &[(&str, &str)] = &[
    ("Wheel", "Zoom around the pointer"),
    ("Drag", "Pan the timeline"),
    (
        "Click",
        "Select an event; its passages open in the source panel",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_of_a_scope_share_a_shortcut() {
        let mut seen: Vec<(Scope, KeyboardShortcut, UiCommand)> = Vec::new();
        for &c in UiCommand::ALL {
            for s in c.shortcuts() {
                if let Some((_, _, other)) = seen
                    .iter()
                    .find(|(scope, k, _)| *scope == c.scope() && k == s)
                {
                    panic!("{c:?} and {other:?} share {s:?}");
                }
                seen.push((c.scope(), *s, c));
            }
        }
    }

    #[test]
    fn every_command_is_listed_once() {
        for &c in UiCommand::ALL {
            assert_eq!(
                UiCommand::ALL.iter().filter(|&&x| x == c).count(),
                1,
                "{c:?}"
            );
            assert!(!c.text().is_empty() && !c.tooltip().is_empty());
        }
    }

    /// Presses `shortcut` in a bare egui context and returns what the handler heard.
    fn heard(shortcut: &KeyboardShortcut, scope: Scope) -> Vec<UiCommand> {
        let ctx = egui::Context::default();
        let mut input = egui::RawInput::default();
        input
            .events
            .push(egui::Event::ModifiersChanged(shortcut.modifiers));
        input.events.push(egui::Event::Key {
            key: shortcut.logical_key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: shortcut.modifiers,
        });
        let mut got = Vec::new();
        let mut output = ctx.run_ui(input, |ui| got = UiCommand::listen(ui.ctx(), scope));
        output.textures_delta.clear();
        got
    }

    #[test]
    fn every_shortcut_in_the_table_triggers_its_command() {
        for &c in UiCommand::ALL {
            for s in c.shortcuts() {
                assert_eq!(heard(s, c.scope()), vec![c], "{s:?} should trigger {c:?}");
            }
        }
    }

    #[test]
    fn menus_show_shortcuts_as_the_system_writes_them() {
        let ctx = egui::Context::default();
        // Fonts are loaded by the first frame; the formatting asks which glyphs exist.
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        ctx.set_os(egui::os::OperatingSystem::Nix);
        assert_eq!(
            UiCommand::OpenFiles.shortcut_text(&ctx).as_deref(),
            Some("Ctrl+O")
        );
        assert_eq!(UiCommand::Search.all_shortcuts_text(&ctx), "Ctrl+F or /");
        assert_eq!(UiCommand::OpenFolder.shortcut_text(&ctx), None);
        ctx.set_os(egui::os::OperatingSystem::Mac);
        let mac = UiCommand::OpenFiles.shortcut_text(&ctx).unwrap_or_default();
        assert!(!mac.contains("Ctrl") && mac.ends_with('O'), "{mac}");
    }
}
