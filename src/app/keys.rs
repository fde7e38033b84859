//! The keyboard, mapped to [`Action`]s: the shortcuts of every [`UiCommand`], then the tag
//! set's label keys. Plain keys (a letter, a digit, Tab) are left to a text field that has the
//! keyboard.

use eframe::egui::{self, Key, Modifiers};

use super::action::Action;
use super::ui_command::UiCommand;
use crate::annotation::TagSet;

/// Takes this frame's shortcuts out of the input and returns what they ask for. `editing`: a
/// text field (find, inspector) had the keyboard last frame, so plain keys type into it.
pub fn actions(ctx: &egui::Context, tagset: Option<&TagSet>, editing: bool) -> Vec<Action> {
    let mut found = Vec::new();
    ctx.input_mut(|input| {
        for (shortcut, command) in UiCommand::all_shortcuts() {
            if editing && command.is_plain_key() || command.is_scroll() && input.modifiers.shift {
                continue;
            }
            if input.consume_shortcut(&shortcut) {
                if command.is_plain_key() {
                    swallow_typed_text(input, shortcut.logical_key);
                }
                found.push(Action::Ui(command));
            }
        }
    });
    if found.iter().any(|a| {
        matches!(
            a,
            Action::Ui(UiCommand::NextSuggestion | UiCommand::PreviousSuggestion)
        )
    }) {
        // Tab also moves egui's keyboard focus; here it moves between suggestions only.
        ctx.memory_mut(|memory| memory.move_focus(egui::FocusDirection::None));
    }
    if !editing && let Some(tagset) = tagset {
        let labels: Vec<(Key, &str)> = tagset
            .tags()
            .iter()
            .filter_map(|tag| {
                Some((
                    Key::from_name(&tag.hotkey.to_uppercase())?,
                    tag.label.as_str(),
                ))
            })
            .collect();
        ctx.input_mut(|input| {
            for (key, label) in labels {
                if input.consume_key(Modifiers::NONE, key) {
                    swallow_typed_text(input, key);
                    found.push(Action::Tag(label.to_owned()));
                }
            }
        });
    }
    found
}

/// Removes the text a key press typed, once the key was used as a shortcut. A real keyboard
/// sends both a key event and a text event; the text would reach the pane's text field, which
/// treats typing as replacing the selection and so loses it before the label is applied.
fn swallow_typed_text(input: &mut egui::InputState, key: Key) {
    let typed = key.symbol_or_name();
    input.events.retain(
        |event| !matches!(event, egui::Event::Text(text) if text.eq_ignore_ascii_case(typed)),
    );
}
