//! The folder library in the app: listing a folder, opening a page from it and coming back,
//! marking pages done, the next unfinished page, sorting, filtering, files added on disk, and
//! adjudicating against another annotator's folder.

use std::path::{Path, PathBuf};

use copydesk::app::{Action, CopydeskApp, UiCommand};
use copydesk::corpus::{Column, PageStatus};
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::common;
use copydesk::annotation::{Status, Take, sidecar};
use copydesk::app::dialogs::ScriptedDialog;

use crate::gui::{document, open, open_with, step_until};

/// A folder of three pages: `a01.txt` and `b02.txt` (the samples) and `sub/c03.txt`, which has
/// two accepted annotations.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::copy(common::sample("a01-qinghe-daily.txt"), root.join("a01.txt")).unwrap();
    std::fs::copy(
        common::sample("b02-nanling-county.txt"),
        root.join("b02.txt"),
    )
    .unwrap();
    std::fs::create_dir(root.join("sub")).unwrap();
    let c03 = root.join("sub/c03.txt");
    std::fs::copy(common::sample("a01-qinghe-daily.txt"), &c03).unwrap();
    let status = common::copydesk(&[
        "tag",
        path(&c03),
        "--label",
        "LOC",
        "--quote",
        "澄江区",
        "--all",
    ]);
    assert!(status.status.success(), "{status:?}");
    dir
}

fn path(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Opens the folder's library and waits until every sidecar has been read.
fn open_library(root: &Path) -> Harness<'static, CopydeskApp> {
    let mut harness = open(root);
    step_until(&mut harness, |h| h.state().library_reading() == 0);
    harness.run_steps(2);
    harness
}

/// The pages listed, in the list's order.
fn listed(harness: &Harness<'_, CopydeskApp>) -> Vec<String> {
    let library = harness.state().library().unwrap();
    (0..library.listed_len())
        .map(|row| {
            let page = library.row(row).unwrap();
            page.relative.to_string_lossy().replace('\\', "/")
        })
        .collect()
}

fn status_of(harness: &Harness<'_, CopydeskApp>, page: &Path) -> PageStatus {
    let library = harness.state().library().unwrap();
    let row = (0..library.listed_len())
        .find(|&row| library.row(row).unwrap().path == page)
        .unwrap();
    library.row(row).unwrap().status
}

#[test]
fn the_library_lists_the_folder_and_enter_opens_the_page_under_the_cursor() {
    let dir = folder();
    let mut harness = open_library(dir.path());
    assert_eq!(listed(&harness), ["a01.txt", "b02.txt", "sub/c03.txt"]);
    harness.get_by_label("sub/c03.txt");
    harness.get_by_label("in progress");
    assert_eq!(harness.get_all_by_label("untouched").count(), 2);
    harness.key_press(Key::ArrowDown);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert!(!harness.state().library_shown());
    assert_eq!(document(&harness).name(), "b02.txt");
    // Back to the list at the same place, and on to the page after in the list's order.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run_steps(2);
    assert!(harness.state().library_shown());
    let library = harness.state().library().unwrap();
    assert_eq!(
        library.selected_path(),
        Some(dir.path().join("b02.txt").as_path())
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run_steps(3);
    assert_eq!(document(&harness).name(), "c03.txt");
}

#[test]
fn marking_a_page_done_changes_its_row_and_its_sidecar() {
    let dir = folder();
    let mut harness = open_library(dir.path());
    let a01 = dir.path().join("a01.txt");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    harness.run_steps(1);
    let sidecar = std::fs::read_to_string(dir.path().join("a01.txt.ann.ron")).unwrap();
    assert!(sidecar.contains("done: true"), "{sidecar}");
    step_until(&mut harness, |h| status_of(h, &a01) == PageStatus::Done);
    harness.run_steps(2);
    harness.get_by_label("done");
    // From the page itself: one undoable step.
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert!(document(&harness).is_done());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    harness.run_steps(2);
    assert!(!document(&harness).is_done());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert!(document(&harness).is_done());
}

#[test]
fn next_unfinished_skips_the_pages_marked_done() {
    let dir = folder();
    let done = |page: &str| {
        let output = common::copydesk(&["done", path(&dir.path().join(page))]);
        assert!(output.status.success(), "{output:?}");
    };
    done("a01.txt");
    done("b02.txt");
    let mut harness = open_library(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::U);
    harness.run_steps(3);
    assert_eq!(document(&harness).name(), "c03.txt");
    // From there, round to the start: every other page is done.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::U);
    harness.run_steps(3);
    assert_eq!(document(&harness).name(), "c03.txt");
}

#[test]
fn the_list_sorts_by_a_clicked_column_and_filters_by_state() {
    let dir = folder();
    let mut harness = open_library(dir.path());
    harness.get_by_label("Accepted").click();
    harness.run_steps(2);
    assert_eq!(harness.state().library().unwrap().column, Column::Accepted);
    assert_eq!(listed(&harness), ["a01.txt", "b02.txt", "sub/c03.txt"]);
    harness.get_by_label("Accepted ↑").click();
    harness.run_steps(2);
    assert_eq!(listed(&harness), ["sub/c03.txt", "a01.txt", "b02.txt"]);
    harness
        .get_by_role_and_label(Role::ComboBox, "State")
        .click();
    harness.run_steps(2);
    // The rows say "untouched" too: the menu's choice is the one just under the box, above
    // the rows.
    harness
        .get_all_by_label("untouched")
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap()
        .click();
    harness.run_steps(2);
    assert_eq!(listed(&harness), ["a01.txt", "b02.txt"]);
    harness.get_by_label("2 of 3 listed");
}

#[test]
fn a_page_added_on_disk_appears_and_a_removed_one_goes() {
    let dir = folder();
    let mut harness = open_library(dir.path());
    let added: PathBuf = dir.path().join("sub/d04.txt");
    std::fs::copy(common::sample("b02-nanling-county.txt"), &added).unwrap();
    step_until(&mut harness, |h| listed(h).len() == 4);
    assert_eq!(listed(&harness)[3], "sub/d04.txt");
    std::fs::remove_file(dir.path().join("b02.txt")).unwrap();
    step_until(&mut harness, |h| listed(h).len() == 3);
    assert_eq!(listed(&harness), ["a01.txt", "sub/c03.txt", "sub/d04.txt"]);
}

#[test]
fn adjudicating_takes_b_into_the_gold_folder_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("lin"), dir.path().join("su"));
    for (folder, label) in [(&a, "LOC"), (&b, "ORG")] {
        std::fs::create_dir(folder).unwrap();
        let page = folder.join("a01.txt");
        std::fs::copy(common::sample("a01-qinghe-daily.txt"), &page).unwrap();
        let output = common::copydesk(&["tag", path(&page), "--label", label, "--quote", "澄江区"]);
        assert!(output.status.success(), "{output:?}");
    }
    let dialogs = ScriptedDialog {
        folders: vec![b],
        ..ScriptedDialog::default()
    };
    let mut harness = open_with(&a, eframe::egui::vec2(1280.0, 800.0), dialogs);
    step_until(&mut harness, |h| h.state().library_reading() == 0);
    // File → Compare with another folder…, answered with B's folder.
    harness.state_mut().push(Action::Ui(UiCommand::Compare));
    harness.run_steps(3);
    harness.get_by_label_contains("Disagreement 1 of 1: label");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run_steps(2);
    let gold = dir.path().join("lin-gold/a01.txt.ann.ron");
    let in_gold = || {
        let bytes = std::fs::read(&gold).unwrap();
        let file = sidecar::parse_unchecked(&gold, &bytes).unwrap();
        file.annotations
            .iter()
            .map(|a| {
                (
                    a.label.clone(),
                    a.status,
                    a.decided.as_ref().map(|d| d.took),
                )
            })
            .collect::<Vec<_>>()
    };
    // B's ORG taken; A's LOC kept as rejected, so the choice is remembered.
    assert_eq!(
        in_gold(),
        [
            ("LOC".to_owned(), Status::Rejected, Some(Take::B)),
            ("ORG".to_owned(), Status::Accepted, Some(Take::B)),
        ]
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(in_gold(), []);
}
