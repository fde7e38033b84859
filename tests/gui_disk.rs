//! The app following changes made on disk while a page is open: the page edited in another
//! program, its sidecar saved by another process.

use crate::gui::{document, open, select_quote, step_until, type_key};

use copydesk::annotation::{Annotation, Command, Document, Origin};
use std::path::PathBuf;

use copydesk::app::CopydeskApp;
use eframe::egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The page open in the app, with 林晓舟 tagged PER by hand.
fn open_tagged(dir: &std::path::Path) -> (PathBuf, Harness<'static, CopydeskApp>) {
    let page = dir.join("a.txt");
    std::fs::write(&page, PAGE).unwrap();
    let mut harness = open(&page);
    select_quote(&mut harness, "林晓舟");
    type_key(&mut harness, Key::Num1, "1");
    harness.run_steps(2);
    (page, harness)
}

const PAGE: &str =
    "## 新区建设提速\n\n本报讯(记者 林晓舟)新区今年完成投资12.5亿元。林晓舟说,项目进展顺利。\n";

#[test]
fn a_page_edited_in_another_program_is_read_again_and_annotations_follow() {
    let dir = tempfile::tempdir().unwrap();
    let (page, mut harness) = open_tagged(dir.path());
    assert_eq!(document(&harness).annotations()[0].start, 18);
    // An editor inserts a kicker above the headline and saves.
    std::fs::write(&page, format!("城市更新\n{PAGE}")).unwrap();
    step_until(&mut harness, |h| {
        document(h).source().text().starts_with("城市更新")
    });
    let annotation = &document(&harness).annotations()[0];
    assert_eq!(annotation.start, 23);
    assert_eq!(
        document(&harness).source().slice(annotation.span()),
        "林晓舟"
    );
    harness.get_by_label_contains(
        "changed on disk and was read again: 0 annotations in place, 1 moved",
    );
    // The new offsets are saved.
    step_until(&mut harness, |h| !document(h).is_dirty());
    let reopened = Document::open(&page).unwrap();
    assert_eq!(reopened.annotations()[0].start, 23);
    assert!(reopened.anchoring().all_exact());
}

#[test]
fn a_sidecar_saved_by_another_process_is_merged_in() {
    let dir = tempfile::tempdir().unwrap();
    let (page, mut harness) = open_tagged(dir.path());
    step_until(&mut harness, |h| !document(h).is_dirty());
    // Another copydesk (or `copydesk tag`) adds a place and saves.
    let mut other = Document::open(&page).unwrap();
    let span = other.source().find_all("新区")[1];
    let place = Annotation::new(other.source(), "LOC", span, Origin::Manual, "b");
    other.apply(Command::Add(place)).unwrap();
    other.save().unwrap();
    step_until(&mut harness, |h| document(h).annotations().len() == 2);
    harness.get_by_label_contains("changed on disk by another program: 1 taken in");
    assert!(!document(&harness).is_dirty());
}
