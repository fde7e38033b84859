//! File → Import… in the app: the same import as `copydesk import`, with a progress bar and a
//! summary naming every span it refused.

use crate::gui::{open_with, page_copy, step_until};

use copydesk::annotation::{Document, Origin};
use copydesk::app::dialogs::ScriptedDialog;
use eframe::egui::{self, Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn a_brat_folder_is_imported_with_its_refusals_shown() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_copy(dir.path());
    let brat = dir.path().join("brat");
    std::fs::create_dir_all(&brat).unwrap();
    std::fs::write(brat.join("d1.txt"), "𠀀水县😀林晓舟说。\n").unwrap();
    std::fs::write(
        brat.join("d1.ann"),
        "T1\tLOC 0 3\t𠀀水县\nT2\tPER 4 7\t林晓舟\nT3\tORG 4 6\t林舟\n",
    )
    .unwrap();
    let into = dir.path().join("imported");
    let dialogs = ScriptedDialog {
        folders: vec![brat, into.clone()],
        ..ScriptedDialog::default()
    };
    let mut harness = open_with(&page, egui::vec2(1280.0, 800.0), dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    harness.run_steps(2);
    harness.get_by_label("Choose… (import from)").click();
    harness.run_steps(2);
    harness.get_by_label("Choose… (import into)").click();
    harness.run_steps(2);
    assert_eq!(
        harness
            .get_by_label("destination folder")
            .value()
            .as_deref(),
        Some(into.display().to_string().as_str())
    );
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Import")
        .click();
    step_until(&mut harness, |h| {
        h.query_by_label_contains("imported 1 page into").is_some()
    });
    harness.get_by_label_contains("(brat): 2 spans, 1 refused");
    harness.get_by_label_contains(
        "d1.ann:3: ORG span: its text \"林舟\" does not match its range 4 6",
    );
    let document = Document::open(&into.join("d1.txt")).unwrap();
    let labels: Vec<(&str, &Origin)> = document
        .annotations()
        .iter()
        .map(|a| (a.label.as_str(), &a.origin))
        .collect();
    let brat_origin = Origin::Import("brat".to_owned());
    assert_eq!(labels, [("LOC", &brat_origin), ("PER", &brat_origin)]);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("imported 1 page into")
            .is_none()
    );
}
