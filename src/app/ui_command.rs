//! Every menu and keyboard command of the app as a value: its name, its shortcut, and where it
//! is listed.
//!
//! The menu bar, the keyboard handler (`keys`) and the help overlay all read from
//! [`UiCommand`], so a shortcut is defined once. Commands raised while drawing a frame are
//! queued as [`Action::Ui`](super::action::Action::Ui) and applied after it (see
//! `CopydeskApp::run_actions`).

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

use super::state::rows::Scroll;

/// An action a user can take from a menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    /// Choose a page file to open.
    OpenPage,
    /// Choose a folder of pages to open.
    OpenFolder,
    /// Save the annotations now.
    Save,
    /// Export the page or its folder as a dataset.
    Export,
    /// Import work from other tools (brat, JSON Lines, doccano, Label Studio, CoNLL).
    Import,
    /// Undo the last change to the annotations.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Delete the selected annotation.
    DeleteAnnotation,
    /// Run the recognizers and add their suggestions to review.
    Suggest,
    /// Train the folder's model on its accepted annotations, in the background.
    TrainModel,
    /// Accept the selected suggestion and go to the next.
    Accept,
    /// Reject the selected suggestion and go to the next.
    Reject,
    /// Select the next suggestion.
    NextSuggestion,
    /// Select the previous suggestion.
    PreviousSuggestion,
    /// Accept every suggestion with the selected one's label in the current story.
    AcceptAllOfLabel,
    /// Select the next proofreading mark.
    NextMark,
    /// Select the previous proofreading mark.
    PreviousMark,
    /// Ignore the selected proofreading mark (remembered in the sidecar).
    IgnoreMark,
    /// Apply the fix of every open mark of the selected mark's check on the page.
    ApplyAllOfCheck,
    /// Show the text with its corrections applied, or as printed.
    ToggleCorrected,
    /// Show the next item of the page.
    NextItem,
    /// Show the previous item of the page.
    PreviousItem,
    /// Open the next page of the folder.
    NextPage,
    /// Open the previous page of the folder.
    PreviousPage,
    /// Show the folder's library, or go back from it to the open page.
    Library,
    /// Mark the page done, or take the mark back.
    MarkDone,
    /// Open the next page of the library that is not done.
    NextUnfinished,
    /// Compare the library's folder with another annotator's, to adjudicate.
    Compare,
    /// Show the next disagreement.
    NextDisagreement,
    /// Show the previous disagreement.
    PreviousDisagreement,
    /// Settle the disagreement with A's version.
    TakeA,
    /// Settle it with B's version.
    TakeB,
    /// Settle it with both versions.
    TakeBoth,
    /// Settle it with neither.
    TakeNeither,
    /// Switch between the item panes and the whole-page reading view.
    ToggleWholePage,
    /// Scroll the reading pane down by a screenful.
    ScrollDown,
    /// Scroll the reading pane up by a screenful.
    ScrollUp,
    /// Scroll the reading pane to its top.
    ScrollTop,
    /// Scroll the reading pane to its end.
    ScrollBottom,
    /// Open the find bar.
    Find,
    /// Go to the next find hit.
    FindNext,
    /// Go to the previous find hit.
    FindPrevious,
    /// Larger text.
    ZoomIn,
    /// Smaller text.
    ZoomOut,
    /// Text at its normal size.
    ZoomReset,
    /// Switch between light and dark.
    ToggleTheme,
    /// Set the name recorded on annotations.
    YourName,
    /// Show every shortcut.
    Help,
    /// Clear the selection, close the find bar or the help.
    Escape,
    /// Quit (annotations are saved first).
    Quit,
}

impl UiCommand {
    /// All commands, in the order the help overlay lists them.
    pub const ALL: [Self; 50] = [
        Self::OpenPage,
        Self::OpenFolder,
        Self::Save,
        Self::Export,
        Self::Import,
        Self::Undo,
        Self::Redo,
        Self::DeleteAnnotation,
        Self::Suggest,
        Self::TrainModel,
        Self::Accept,
        Self::Reject,
        Self::NextSuggestion,
        Self::PreviousSuggestion,
        Self::AcceptAllOfLabel,
        Self::NextItem,
        Self::PreviousItem,
        Self::NextPage,
        Self::PreviousPage,
        Self::ToggleWholePage,
        Self::ScrollDown,
        Self::ScrollUp,
        Self::ScrollTop,
        Self::ScrollBottom,
        Self::Find,
        Self::FindNext,
        Self::FindPrevious,
        Self::NextMark,
        Self::PreviousMark,
        Self::IgnoreMark,
        Self::ApplyAllOfCheck,
        Self::ToggleCorrected,
        Self::Library,
        Self::MarkDone,
        Self::NextUnfinished,
        Self::Compare,
        Self::NextDisagreement,
        Self::PreviousDisagreement,
        Self::TakeA,
        Self::TakeB,
        Self::TakeBoth,
        Self::TakeNeither,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ZoomReset,
        Self::ToggleTheme,
        Self::YourName,
        Self::Help,
        Self::Escape,
        Self::Quit,
    ];

    /// The name shown in menus and the help overlay.
    pub fn text(self) -> &'static str {
        match self {
            Self::OpenPage => "Open page…",
            Self::OpenFolder => "Open folder…",
            Self::Save => "Save annotations",
            Self::Export => "Export…",
            Self::Import => "Import…",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::DeleteAnnotation => "Delete annotation",
            Self::Suggest => "Suggest annotations",
            Self::TrainModel => "Train model now",
            Self::Accept => "Accept suggestion",
            Self::Reject => "Reject suggestion",
            Self::NextSuggestion => "Next suggestion",
            Self::PreviousSuggestion => "Previous suggestion",
            Self::AcceptAllOfLabel => "Accept all of this label in the story",
            Self::NextMark => "Next proofreading mark",
            Self::PreviousMark => "Previous proofreading mark",
            Self::IgnoreMark => "Ignore the proofreading mark",
            Self::ApplyAllOfCheck => "Apply every fix of this check on the page",
            Self::ToggleCorrected => "Corrected view",
            Self::NextItem => "Next story or photo",
            Self::PreviousItem => "Previous story or photo",
            Self::NextPage => "Next page in folder",
            Self::PreviousPage => "Previous page in folder",
            Self::Library => "Folder library / back to the page",
            Self::MarkDone => "Mark page done / not done",
            Self::NextUnfinished => "Next unfinished page",
            Self::Compare => "Compare with another folder…",
            Self::NextDisagreement => "Next disagreement",
            Self::PreviousDisagreement => "Previous disagreement",
            Self::TakeA => "Take A's version",
            Self::TakeB => "Take B's version",
            Self::TakeBoth => "Take both",
            Self::TakeNeither => "Take neither",
            Self::ToggleWholePage => "Whole-page view",
            Self::ScrollDown => "Scroll down a screen",
            Self::ScrollUp => "Scroll up a screen",
            Self::ScrollTop => "Scroll to the top",
            Self::ScrollBottom => "Scroll to the end",
            Self::Find => "Find…",
            Self::FindNext => "Find next",
            Self::FindPrevious => "Find previous",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ZoomReset => "Actual size",
            Self::ToggleTheme => "Light / dark theme",
            Self::YourName => "Your name…",
            Self::Help => "Keyboard shortcuts",
            Self::Escape => "Clear selection / close",
            Self::Quit => "Quit",
        }
    }

    /// The main shortcut; [`Self::extra_shortcuts`] lists alternatives.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let command = Modifiers::COMMAND;
        let shift_command = Modifiers::COMMAND | Modifiers::SHIFT;
        let key = |modifiers, key| Some(KeyboardShortcut::new(modifiers, key));
        match self {
            Self::OpenPage => key(command, Key::O),
            Self::OpenFolder => key(shift_command, Key::O),
            Self::Save => key(command, Key::S),
            Self::Export => key(shift_command, Key::E),
            Self::Import => key(shift_command, Key::I),
            Self::Undo => key(command, Key::Z),
            Self::Redo => key(shift_command, Key::Z),
            Self::DeleteAnnotation => key(Modifiers::NONE, Key::Delete),
            Self::Suggest => key(Modifiers::NONE, Key::F6),
            Self::TrainModel => None,
            Self::Accept => key(Modifiers::NONE, Key::A),
            Self::Reject => key(Modifiers::NONE, Key::X),
            Self::NextSuggestion => key(Modifiers::NONE, Key::Tab),
            Self::PreviousSuggestion => key(Modifiers::SHIFT, Key::Tab),
            Self::AcceptAllOfLabel => key(Modifiers::SHIFT, Key::A),
            Self::NextMark => key(Modifiers::NONE, Key::F7),
            Self::PreviousMark => key(Modifiers::SHIFT, Key::F7),
            Self::IgnoreMark => key(Modifiers::NONE, Key::I),
            Self::ApplyAllOfCheck => key(Modifiers::SHIFT, Key::Enter),
            Self::ToggleCorrected => key(Modifiers::NONE, Key::F8),
            Self::NextItem => key(command, Key::ArrowDown),
            Self::PreviousItem => key(command, Key::ArrowUp),
            Self::NextPage => key(command, Key::PageDown),
            Self::PreviousPage => key(command, Key::PageUp),
            Self::Library => key(command, Key::L),
            Self::MarkDone => key(command, Key::D),
            Self::NextUnfinished => key(command, Key::U),
            Self::Compare => None,
            Self::NextDisagreement => key(Modifiers::NONE, Key::F9),
            Self::PreviousDisagreement => key(Modifiers::SHIFT, Key::F9),
            Self::TakeA => key(command, Key::Num1),
            Self::TakeB => key(command, Key::Num2),
            Self::TakeBoth => key(command, Key::Num3),
            Self::TakeNeither => key(command, Key::Num4),
            Self::ToggleWholePage => key(Modifiers::NONE, Key::F2),
            Self::ScrollDown => key(Modifiers::NONE, Key::PageDown),
            Self::ScrollUp => key(Modifiers::NONE, Key::PageUp),
            Self::ScrollTop => key(Modifiers::NONE, Key::Home),
            Self::ScrollBottom => key(Modifiers::NONE, Key::End),
            Self::Find => key(command, Key::F),
            Self::FindNext => key(Modifiers::NONE, Key::F3),
            Self::FindPrevious => key(Modifiers::SHIFT, Key::F3),
            Self::ZoomIn => key(command, Key::Equals),
            Self::ZoomOut => key(command, Key::Minus),
            Self::ZoomReset => key(command, Key::Num0),
            Self::ToggleTheme => key(shift_command, Key::T),
            Self::YourName => None,
            Self::Help => key(Modifiers::NONE, Key::F1),
            Self::Escape => key(Modifiers::NONE, Key::Escape),
            Self::Quit => key(command, Key::Q),
        }
    }

    /// Further shortcuts for the same command.
    pub fn extra_shortcuts(self) -> &'static [KeyboardShortcut] {
        const REDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)];
        const ZOOM_IN: [KeyboardShortcut; 1] =
            [KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus)];
        const DELETE: [KeyboardShortcut; 1] =
            [KeyboardShortcut::new(Modifiers::NONE, Key::Backspace)];
        const HELP: [KeyboardShortcut; 1] =
            [KeyboardShortcut::new(Modifiers::NONE, Key::Questionmark)];
        const ACCEPT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::NONE, Key::Enter)];
        match self {
            Self::Redo => &REDO,
            Self::ZoomIn => &ZOOM_IN,
            Self::DeleteAnnotation => &DELETE,
            Self::Help => &HELP,
            Self::Accept => &ACCEPT,
            _ => &[],
        }
    }

    /// Every shortcut with its command, most specific first: egui ignores extra Shift and Alt
    /// when matching, so Ctrl+Shift+Z must be tried before Ctrl+Z.
    pub fn all_shortcuts() -> Vec<(KeyboardShortcut, Self)> {
        let mut all: Vec<(KeyboardShortcut, Self)> = Self::ALL
            .iter()
            .flat_map(|&command| {
                command
                    .shortcut()
                    .into_iter()
                    .chain(command.extra_shortcuts().iter().copied())
                    .map(move |shortcut| (shortcut, command))
            })
            .collect();
        let weight =
            |m: Modifiers| u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl);
        all.sort_by_key(|(shortcut, _)| std::cmp::Reverse(weight(shortcut.modifiers)));
        all
    }

    /// True for commands whose keys would type into a text field, so they only act when no
    /// editable field has the keyboard.
    pub fn is_plain_key(self) -> bool {
        matches!(
            self,
            Self::DeleteAnnotation
                | Self::Help
                | Self::Accept
                | Self::Reject
                | Self::NextSuggestion
                | Self::PreviousSuggestion
                | Self::AcceptAllOfLabel
                | Self::IgnoreMark
                | Self::ApplyAllOfCheck
                | Self::ScrollDown
                | Self::ScrollUp
                | Self::ScrollTop
                | Self::ScrollBottom
        )
    }

    /// The commands of tagging and review, the keys used most, in the order F1 help lists them
    /// first, beside the label keys.
    pub const REVIEW: [Self; 10] = [
        Self::NextSuggestion,
        Self::PreviousSuggestion,
        Self::Accept,
        Self::Reject,
        Self::AcceptAllOfLabel,
        Self::DeleteAnnotation,
        Self::Undo,
        Self::Redo,
        Self::Suggest,
        Self::Escape,
    ];

    /// True for the commands that make sense while the library is shown; the others act on
    /// the open page, which the user cannot see then, and are left alone.
    pub fn works_in_library(self) -> bool {
        matches!(
            self,
            Self::OpenPage
                | Self::OpenFolder
                | Self::Save
                | Self::Export
                | Self::Library
                | Self::MarkDone
                | Self::NextUnfinished
                | Self::Compare
                | Self::TrainModel
                | Self::NextDisagreement
                | Self::PreviousDisagreement
                | Self::TakeA
                | Self::TakeB
                | Self::TakeBoth
                | Self::TakeNeither
                | Self::Undo
                | Self::ZoomIn
                | Self::ZoomOut
                | Self::ZoomReset
                | Self::ToggleTheme
                | Self::YourName
                | Self::Help
                | Self::Escape
                | Self::Quit
        )
    }

    /// True for the keys that scroll the reading pane. With Shift held they are left to the
    /// pane's text, where Shift+Home and Shift+End extend the selection.
    pub fn is_scroll(self) -> bool {
        self.scroll().is_some()
    }

    /// The scroll a command asks for.
    pub fn scroll(self) -> Option<Scroll> {
        match self {
            Self::ScrollDown => Some(Scroll::Down),
            Self::ScrollUp => Some(Scroll::Up),
            Self::ScrollTop => Some(Scroll::Top),
            Self::ScrollBottom => Some(Scroll::Bottom),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_shortcuts_are_tried_first() {
        let all = UiCommand::all_shortcuts();
        let position = |command| all.iter().position(|(_, c)| *c == command).unwrap();
        assert!(position(UiCommand::Redo) < position(UiCommand::Undo));
        assert!(position(UiCommand::AcceptAllOfLabel) < position(UiCommand::Accept));
        assert!(position(UiCommand::PreviousSuggestion) < position(UiCommand::NextSuggestion));
        assert!(position(UiCommand::FindPrevious) < position(UiCommand::FindNext));
        assert!(position(UiCommand::PreviousMark) < position(UiCommand::NextMark));
        assert!(position(UiCommand::ApplyAllOfCheck) < position(UiCommand::Accept));
    }

    #[test]
    fn shortcuts_are_unique() {
        let mut seen = Vec::new();
        for command in UiCommand::ALL {
            let shortcuts = command
                .shortcut()
                .into_iter()
                .chain(command.extra_shortcuts().iter().copied());
            for shortcut in shortcuts {
                assert!(!seen.contains(&shortcut), "{command:?} reuses {shortcut:?}");
                seen.push(shortcut);
            }
        }
        assert_eq!(seen.len(), 52);
    }
}
