//! Proofreading in the app: F7 to a mark, Enter records its fix as a correction in the
//! sidecar, undo takes it back, I ignores a mark for good, F8 shows the corrected text.

use std::path::{Path, PathBuf};

use copydesk::annotation::{Status, sidecar};
use copydesk::proof::Check;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::gui::{document, open, step_until, type_key};
use copydesk::app::CopydeskApp;

/// A story with a half-width comma and a half-width full stop in its body.
const PAGE: &str = "## 新区建设稳步推进\n\n本报讯（记者 林晓舟）工程进展顺利,投资12亿元.\n";

fn page_in(dir: &Path) -> PathBuf {
    let page = dir.join("p01.txt");
    std::fs::write(&page, PAGE).unwrap();
    page
}

/// Opens the page and waits for its checks, which run on a thread of their own.
fn open_checked(page: &Path) -> Harness<'static, CopydeskApp> {
    let mut harness = open(page);
    step_until(&mut harness, |h| {
        !h.state().page().unwrap().proof.is_checking()
    });
    harness.run_steps(2);
    harness
}

/// The mark selected, as of the last frame drawn.
fn selected_mark(harness: &mut Harness<'_, CopydeskApp>) -> Option<copydesk::proof::Mark> {
    harness.state().page()?.proof.selection().cloned()
}

#[test]
fn f7_moves_to_a_mark_enter_records_its_correction_and_undo_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let mut harness = open_checked(&page);
    harness.key_press(Key::F7);
    harness.run_steps(2);
    harness.get_by_label("Proofreading (2)");
    let mark = selected_mark(&mut harness).expect("F7 selects a mark");
    assert_eq!(
        (mark.check, mark.fix.as_deref()),
        (Check::PunctHalfwidth, Some("，"))
    );
    assert_eq!(document(&harness).source().slice(mark.span), ",");
    harness.get_by_label("Apply (Enter)");

    harness.key_press(Key::Enter);
    harness.run_steps(2);
    let annotations = document(&harness).annotations();
    assert_eq!(annotations.len(), 1);
    assert_eq!(
        (
            annotations[0].label.as_str(),
            annotations[0].correction.as_deref(),
            annotations[0].check.as_deref()
        ),
        ("CORR", Some("，"), Some("punct.halfwidth"))
    );
    let next = selected_mark(&mut harness).expect("Enter moves to the next mark");
    assert_eq!(document(&harness).source().slice(next.span), ".");
    harness.get_by_label("Proofreading (1)");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    let sidecar_path = sidecar::path_for(&page);
    step_until(&mut harness, |_| {
        std::fs::read_to_string(&sidecar_path).is_ok_and(|text| {
            text.contains("correction: Some(\"，\")")
                && text.contains("check: Some(\"punct.halfwidth\")")
        })
    });
    assert_eq!(
        std::fs::read_to_string(&page).unwrap(),
        PAGE,
        "the page is never changed"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert!(document(&harness).annotations().is_empty());
    harness.get_by_label("Proofreading (2)");
    step_until(&mut harness, |_| {
        std::fs::read_to_string(&sidecar_path).is_ok_and(|text| !text.contains("punct.halfwidth"))
    });
}

#[test]
fn i_ignores_a_mark_and_it_stays_hidden_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let mut harness = open_checked(&page);
    harness.key_press(Key::F7);
    harness.run_steps(2);
    let ignored = selected_mark(&mut harness).unwrap();
    type_key(&mut harness, Key::I, "i");
    harness.run_steps(2);
    let annotations = document(&harness).annotations();
    assert_eq!(annotations.len(), 1);
    assert_eq!(
        (annotations[0].status, annotations[0].correction.as_deref()),
        (Status::Rejected, None)
    );
    harness.get_by_label("Proofreading (1)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    step_until(&mut harness, |h| !document(h).is_dirty());
    drop(harness);

    let mut reopened = open_checked(&page);
    reopened.get_by_label("Proofreading (1)");
    reopened.key_press(Key::F7);
    reopened.run_steps(2);
    let left = selected_mark(&mut reopened).unwrap();
    assert_ne!(
        left.span, ignored.span,
        "the ignored mark is not shown again"
    );
}

#[test]
fn f8_shows_the_text_with_its_corrections_and_shift_enter_applies_a_whole_check() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let mut harness = open_checked(&page);
    harness.key_press(Key::F7);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    harness.run_steps(2);
    let corrections: Vec<_> = document(&harness)
        .annotations()
        .iter()
        .map(|a| a.correction.clone().unwrap())
        .collect();
    assert_eq!(corrections, ["，", "。"]);
    harness.get_by_label("Proofreading (0)");
    harness.key_press(Key::F8);
    harness.run_steps(2);
    let page_state = harness.state().page().unwrap();
    assert!(page_state.proof.corrected_view);
    // The corrected view reads as `copydesk fix` writes.
    harness.get_by_label("body paragraph 1, corrected: 工程进展顺利，投资12亿元。");
    harness.key_press(Key::F8);
    harness.run_steps(2);
    assert!(!harness.state().page().unwrap().proof.corrected_view);
}
