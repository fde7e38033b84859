//! File → Export… in the app: the same export as `copydesk export`, with a progress bar and
//! its summary, after saving what is on screen.

use crate::gui::{document, open_with, page_copy, step_until};

use copydesk::app::dialogs::ScriptedDialog;
use eframe::egui::{self, Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn the_page_is_exported_with_what_is_on_screen_and_the_summary_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_copy(dir.path());
    let out = dir.path().join("dataset");
    let dialogs = ScriptedDialog {
        folders: vec![out.clone()],
        ..ScriptedDialog::default()
    };
    let mut harness = open_with(&page, egui::vec2(1280.0, 800.0), dialogs);
    // Suggestions, one accepted and not saved yet when the export starts.
    harness.key_press(Key::F6);
    harness.run_steps(2);
    harness.key_press(Key::Tab);
    harness.key_press(Key::A);
    harness.run_steps(2);
    assert!(document(&harness).is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness.run_steps(2);
    harness.get_by_label("Choose…").click();
    harness.run_steps(2);
    assert_eq!(
        harness
            .get_by_label("destination folder")
            .value()
            .as_deref(),
        Some(out.display().to_string().as_str())
    );
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Export")
        .click();
    step_until(&mut harness, |h| {
        h.query_by_label_contains("exported 1 page to").is_some()
    });
    harness.get_by_label_contains("(jsonl): 8 units, 1 span, 1 file");
    assert!(!document(&harness).is_dirty(), "saved before exporting");
    let lines = std::fs::read_to_string(out.join("export.jsonl")).unwrap();
    assert_eq!(lines.lines().count(), 8);
    let spans: usize = lines
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            record["spans"].as_array().unwrap().len()
        })
        .sum();
    assert_eq!(spans, 1, "the accepted suggestion, not the 87 others");
    // A second export refuses to overwrite, and says so in the window.
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Export")
        .click();
    step_until(&mut harness, |h| {
        h.query_by_label_contains("exists already; nothing was written: tick")
            .is_some()
    });
    harness.get_by_label("Close").click();
    step_until(&mut harness, |h| {
        h.query_by_label("destination folder").is_none()
    });
}
