//! Moving through the reading panes as a reader does: PageDown, PageUp, Home and End scroll the
//! pane on show, and each page keeps its own place.

use crate::common;
use crate::gui::{document, open, open_sized, page_copy};

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn page_keys_scroll_the_whole_page_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    harness.key_press(Key::F2);
    harness.run_steps(3);
    let offset = |harness: &egui_kittest::Harness<'_, copydesk::app::CopydeskApp>| {
        harness.state().page().unwrap().page_heights.offset
    };
    let viewport = harness.state().page().unwrap().page_heights.viewport;
    assert!(viewport > 100.0, "{viewport}");
    assert_eq!(offset(&harness), 0.0);
    harness.key_press(Key::PageDown);
    harness.run_steps(2);
    assert!(
        (offset(&harness) - viewport * 0.9).abs() < 1.0,
        "{} after one PageDown in a view {viewport} tall",
        offset(&harness)
    );
    harness.key_press(Key::PageDown);
    harness.run_steps(2);
    let two = offset(&harness);
    assert!((two - viewport * 1.8).abs() < 1.0, "{two}");
    harness.key_press(Key::PageUp);
    harness.run_steps(2);
    assert!((offset(&harness) - viewport * 0.9).abs() < 1.0);
    harness.key_press(Key::End);
    harness.run_steps(3);
    let end = offset(&harness);
    assert!(end > two, "End went to {end}");
    harness.key_press(Key::Home);
    harness.run_steps(2);
    assert_eq!(offset(&harness), 0.0);
    // Shift+End is the text's: it extends a selection, and leaves the view where it is.
    harness.key_press_modifiers(Modifiers::SHIFT, Key::End);
    harness.run_steps(2);
    assert_eq!(offset(&harness), 0.0);
}

#[test]
fn page_down_scrolls_a_long_story_body() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("long.txt");
    let paragraph = "新区今年完成投资十二亿元,较上年增长百分之八,带动就业三千余人。".repeat(4);
    let body: Vec<String> = (0..40).map(|_| paragraph.clone()).collect();
    std::fs::write(&page, format!("## 新区建设提速\n\n{}\n", body.join("\n\n"))).unwrap();
    let mut harness = open(&page);
    let heights = |harness: &egui_kittest::Harness<'_, copydesk::app::CopydeskApp>| {
        let page = harness.state().page().unwrap();
        (page.body_heights.offset, page.body_heights.viewport)
    };
    assert_eq!(heights(&harness).0, 0.0);
    harness.key_press(Key::PageDown);
    harness.run_steps(2);
    let (offset, viewport) = heights(&harness);
    assert!(
        viewport > 100.0 && (offset - viewport * 0.9).abs() < 1.0,
        "{offset} {viewport}"
    );
}

#[test]
fn a_page_opened_after_another_starts_at_its_top() {
    let dir = tempfile::tempdir().unwrap();
    for (sample, name) in [
        ("a01-qinghe-daily.txt", "a01.txt"),
        ("b02-nanling-county.txt", "b02.txt"),
    ] {
        std::fs::copy(common::sample(sample), dir.path().join(name)).unwrap();
    }
    let mut harness = open(dir.path());
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    harness.key_press(Key::F2);
    harness.run_steps(3);
    harness.key_press(Key::End);
    harness.run_steps(3);
    assert!(harness.state().page().unwrap().page_heights.offset > 0.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run_steps(3);
    assert_eq!(document(&harness).name(), "b02.txt");
    let page = harness.state().page().unwrap();
    assert!(page.whole_page);
    assert_eq!(page.page_heights.offset, 0.0);
}

#[test]
fn the_outline_shows_headlines_without_markers_and_counts_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    harness.key_press(Key::F6);
    harness.run_steps(3);
    // Headlines read as on the page, not as `##` source markers.
    harness.get_by_label("社区食堂开进小巷深处");
    assert_eq!(harness.query_all_by_label_contains("## ").count(), 0);
    // A photo's long caption is cut, and its counts beside it are still whole and in the panel.
    let photo = harness.get_by_label_contains("图 日前");
    let title = photo.rect();
    let outline_right = harness.get_by_label("Page outline").rect().left() + 250.0;
    let counts: Vec<_> = harness
        .query_all_by_role(egui::accesskit::Role::Label)
        .filter(|node| {
            let rect = node.rect();
            rect.center().y > title.top()
                && rect.center().y < title.bottom()
                && rect.left() >= title.right()
        })
        .collect();
    assert_eq!(counts.len(), 1, "one counts label beside the photo's title");
    let text = counts[0]
        .accesskit_node()
        .label()
        .or_else(|| counts[0].value())
        .unwrap_or_default();
    assert!(
        text.split(' ')
            .all(|part| part.trim_matches(['+', '?']).parse::<u32>().is_ok()),
        "{text:?}"
    );
    assert!(
        counts[0].rect().right() <= outline_right,
        "{:?}",
        counts[0].rect()
    );
}

/// A laptop's screen: 1280×720 pixels.
const LAPTOP: egui::Vec2 = egui::vec2(1280.0, 720.0);

#[test]
fn at_150_percent_on_a_laptop_the_body_keeps_most_of_the_width() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_sized(&page_copy(dir.path()), LAPTOP);
    harness.ctx.set_zoom_factor(1.5);
    harness.run_steps(4);
    let window = harness.ctx.content_rect().width();
    assert!((window - 1280.0 / 1.5).abs() < 1.0, "{window}");
    let paragraph = harness.get_by_label("body paragraph 1").rect();
    // The pane's frame and scroll bar take a few points beside the text.
    assert!(
        paragraph.width() + 30.0 >= 0.6 * window,
        "the body's text is {} of {window} points",
        paragraph.width()
    );
    // The narrowed side panels still hold their widgets inside the window, the inspector of
    // a selected suggestion too.
    let inside = |harness: &egui_kittest::Harness<'_, copydesk::app::CopydeskApp>| {
        use egui::accesskit::Role;
        for role in [Role::Label, Role::Button, Role::ComboBox, Role::TextInput] {
            for node in harness.query_all_by_role(role) {
                let rect = node.rect();
                assert!(
                    rect.right() <= window + 0.5 && rect.left() >= -0.5,
                    "{:?} at {rect:?}",
                    node.value()
                );
            }
        }
    };
    inside(&harness);
    harness.key_press(Key::F6);
    harness.run_steps(2);
    harness.key_press(Key::Tab);
    harness.run_steps(3);
    assert!(harness.state().page().unwrap().selected().is_some());
    harness.get_by_label("relabel");
    inside(&harness);
    // Scroll bars take their own room instead of covering each line's end.
    assert!(!harness.ctx.global_style().spacing.scroll.floating);
}

#[test]
fn f1_help_shows_the_tagging_and_review_keys_without_scrolling_on_a_laptop() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_sized(&page_copy(dir.path()), LAPTOP);
    harness.key_press(Key::F1);
    harness.run_steps(3);
    for row in [
        "Tag as PER 人名 (Person)",
        "Tag as NOTE 批注 (Note)",
        "Next suggestion",
        "Accept suggestion",
        "Reject suggestion",
        "Undo",
        "Scroll down a screen",
    ] {
        let rect = harness.get_by_label(row).rect();
        assert!(
            rect.bottom() <= LAPTOP.y && rect.top() >= 0.0,
            "{row} at {rect:?}"
        );
    }
}

#[test]
fn a_long_notice_is_cut_short_before_the_right_end_of_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_sized(&page_copy(dir.path()), egui::vec2(900.0, 600.0));
    // Accept with no suggestion selected: the notice says what to do.
    harness.key_press(Key::A);
    harness.run_steps(3);
    let notice = harness
        .get_by_label_contains("Select a suggestion first")
        .rect();
    let shortcuts = harness.get_by_label("F1 shortcuts").rect();
    assert!(
        notice.right() <= shortcuts.left(),
        "{notice:?} runs into {shortcuts:?}"
    );
}
