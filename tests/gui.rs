//! The desktop app driven headlessly through AccessKit, as a user would: open a page, pick an
//! item, read the panes, select text, press a label's key, undo, review suggestions, and meet a
//! broken sidecar.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use copydesk::annotation::{Document, Status, sidecar};
use copydesk::app::dialogs::ScriptedDialog;
use copydesk::app::fonts::FontChoice;
use copydesk::app::{Action, CopydeskApp, Startup};
use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

pub fn page_copy(dir: &Path) -> PathBuf {
    let page = dir.join("a01.txt");
    std::fs::copy(common::sample("a01-qinghe-daily.txt"), &page).unwrap();
    page
}

pub fn open(page: &Path) -> Harness<'static, CopydeskApp> {
    open_sized(page, egui::vec2(1280.0, 800.0))
}

/// [`open`] in a window of `size` points.
pub fn open_sized(page: &Path, size: egui::Vec2) -> Harness<'static, CopydeskApp> {
    open_with(page, size, ScriptedDialog::default())
}

/// [`open_sized`], with file dialogs that answer as `dialogs` says.
pub fn open_with(
    page: &Path,
    size: egui::Vec2,
    dialogs: ScriptedDialog,
) -> Harness<'static, CopydeskApp> {
    let path = page.to_owned();
    let mut harness = Harness::builder().with_size(size).build_eframe(move |cc| {
        CopydeskApp::new(
            cc,
            Startup {
                path: Some(path),
                fonts: FontChoice::BundledOnly,
                dialogs: Box::new(dialogs),
                compare: None,
            },
        )
    });
    harness.run_steps(3);
    harness
}

/// Presses a key as a real keyboard does: a key event and the text it types.
pub fn type_key(harness: &mut Harness<'_, CopydeskApp>, key: Key, text: &str) {
    harness.key_press(key);
    harness.event(egui::Event::Text(text.to_owned()));
}

pub fn document<'h>(harness: &'h Harness<'_, CopydeskApp>) -> &'h Document {
    &harness.state().page().unwrap().document
}

/// Steps the app until `done` holds (saves finish on another thread).
pub fn step_until(
    harness: &mut Harness<'_, CopydeskApp>,
    mut done: impl FnMut(&Harness<'_, CopydeskApp>) -> bool,
) {
    let start = Instant::now();
    while !done(harness) {
        assert!(start.elapsed() < Duration::from_secs(10), "timed out");
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn picking_an_item_shows_its_four_panes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    harness.get_by_label("社区食堂开进小巷深处").click();
    harness.run_steps(3);
    assert_eq!(harness.state().page().unwrap().item, 4);
    assert_eq!(
        harness.get_by_label("headline").value().as_deref(),
        Some("社区食堂开进小巷深处")
    );
    assert_eq!(
        harness.get_by_label("subtitle").value().as_deref(),
        Some("——“15分钟生活圈”让居民乐享便利")
    );
    assert_eq!(
        harness.get_by_label("byline").value().as_deref(),
        Some("本报记者 郑清如 通讯员 陶安")
    );
    harness.get_by_label("记者 郑清如");
    harness.get_by_label("通讯员 陶安");
    let body = harness.get_by_label("body paragraph 1").value().unwrap();
    assert!(body.starts_with("中午11点半,青石巷社区食堂里"), "{body}");

    // A story with a photo after it shows the caption and credit in the captions pane.
    harness.get_by_label("开展消防演练 筑牢安全防线").click();
    harness.run_steps(3);
    let caption = harness.get_by_label("caption 1").value().unwrap();
    assert!(
        caption.starts_with("日前,河湾市城南社区志愿者"),
        "{caption}"
    );
    assert_eq!(
        harness.get_by_label("credit").value().as_deref(),
        Some("本报记者 林晓舟 摄")
    );
    assert_eq!(
        harness.get_by_label("trailing byline").value().as_deref(),
        Some("(苏念 方可 罗一舟)")
    );
}

#[test]
fn select_press_a_hotkey_save_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_copy(dir.path());
    let mut harness = open(&page);
    harness.get_by_label("社区食堂开进小巷深处").click();
    harness.run_steps(3);

    // Click at the very start of the first body paragraph, then Shift+Right twice.
    let rect = harness.get_by_label("body paragraph 1").rect();
    harness.get_by_label("body paragraph 1").hover();
    harness.drag_at(rect.left_top() + egui::vec2(1.0, rect.height().min(30.0) - 6.0));
    harness.drop_at(rect.left_top() + egui::vec2(1.0, rect.height().min(30.0) - 6.0));
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    harness.run_steps(2);
    type_key(&mut harness, Key::Num6, "6");
    harness.run_steps(2);

    let annotations = document(&harness).annotations();
    assert_eq!(annotations.len(), 1, "{annotations:?}");
    assert_eq!(
        (annotations[0].label.as_str(), annotations[0].quote.as_str()),
        ("DATE", "中午")
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    let sidecar_path = sidecar::path_for(&page);
    step_until(&mut harness, |_| {
        std::fs::read_to_string(&sidecar_path).is_ok_and(|text| text.contains("quote: \"中午\""))
    });
    step_until(&mut harness, |h| !document(h).is_dirty());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert!(document(&harness).annotations().is_empty());
    // Autosave writes the undo too.
    step_until(&mut harness, |_| {
        std::fs::read_to_string(&sidecar_path).is_ok_and(|text| !text.contains("中午"))
    });
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_steps(2);
    assert_eq!(document(&harness).annotations().len(), 1, "redo");
}

#[test]
fn suggestions_are_reviewed_with_single_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    harness.key_press(Key::F6);
    harness.run_steps(2);
    let suggested = document(&harness).annotations().len();
    assert!(suggested > 20, "{suggested} suggestions");
    assert!(
        document(&harness)
            .annotations()
            .iter()
            .all(|a| a.status == Status::Suggested)
    );
    let first = harness.state().page().unwrap().selected().cloned().unwrap();

    type_key(&mut harness, Key::A, "a");
    harness.run_steps(2);
    assert_eq!(
        document(&harness).get(&first).unwrap().status,
        Status::Accepted
    );
    let second = harness.state().page().unwrap().selected().cloned().unwrap();
    assert_ne!(first, second, "accepting moves to the next suggestion");

    type_key(&mut harness, Key::X, "x");
    harness.run_steps(2);
    assert_eq!(
        document(&harness).get(&second).unwrap().status,
        Status::Rejected
    );

    // Suggesting again adds nothing: the rejected one is remembered.
    harness.key_press(Key::F6);
    harness.run_steps(2);
    assert_eq!(document(&harness).annotations().len(), suggested);
}

#[test]
fn a_broken_sidecar_shows_the_banner_and_stays_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_copy(dir.path());
    let sidecar_path = sidecar::path_for(&page);
    let broken = "(format: \"copydesk-annotations\", version: 1, source: (file: \"a01.txt\"\n";
    std::fs::write(&sidecar_path, broken).unwrap();
    let mut harness = open(&page);
    let banner = harness.state().banner().unwrap().message.clone();
    assert!(
        banner.contains("(the sidecar was left untouched)"),
        "{banner}"
    );
    harness.get_by_label_contains("the sidecar was left untouched");
    harness.run_steps(5);
    assert_eq!(std::fs::read_to_string(&sidecar_path).unwrap(), broken);

    harness
        .get_by_label("Start a new sidecar (keeps the old file)")
        .click();
    harness.run_steps(3);
    assert!(harness.state().page().is_some());
    let kept: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".unreadable-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(&kept[0])).unwrap(),
        broken
    );
}

#[test]
fn clicking_a_highlight_selects_its_annotation_and_delete_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_copy(dir.path());
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "tag",
            page.to_str().unwrap(),
            "--label",
            "DATE",
            "--quote",
            "中午11点半",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let mut harness = open(&page);
    harness.get_by_label("社区食堂开进小巷深处").click();
    harness.run_steps(3);
    let rect = harness.get_by_label("body paragraph 1").rect();
    let at = rect.left_top() + egui::vec2(20.0, rect.height().min(30.0) - 6.0);
    harness.hover_at(at);
    harness.run_steps(1);
    harness.drag_at(at);
    harness.run_steps(1);
    harness.drop_at(at);
    harness.run_steps(2);
    let id = document(&harness).annotations()[0].id.clone();
    assert_eq!(harness.state().page().unwrap().selected(), Some(&id));
    harness.key_press(Key::Delete);
    harness.run_steps(2);
    assert!(document(&harness).annotations().is_empty());
}

#[test]
fn another_key_right_after_tagging_relabels() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    harness.get_by_label("社区食堂开进小巷深处").click();
    harness.run_steps(3);
    let rect = harness.get_by_label("body paragraph 1").rect();
    let at = rect.left_top() + egui::vec2(1.0, rect.height().min(30.0) - 6.0);
    harness.drag_at(at);
    harness.drop_at(at);
    harness.run_steps(2);
    for _ in 0..2 {
        harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    harness.run_steps(2);
    type_key(&mut harness, Key::Num6, "6");
    harness.run_steps(2);
    type_key(&mut harness, Key::Num2, "2");
    harness.run_steps(2);
    let labels: Vec<(String, String)> = document(&harness)
        .annotations()
        .iter()
        .map(|a| (a.label.clone(), a.quote.clone()))
        .collect();
    assert_eq!(labels, [("LOC".to_owned(), "中午".to_owned())]);
}

#[test]
fn a_broken_folder_tag_set_offers_the_built_in_labels() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_copy(dir.path());
    std::fs::write(
        dir.path().join("tagset.ron"),
        "(format: \"copydesk-tagset\", version: 1, labels: [\n",
    )
    .unwrap();
    let mut harness = open(&page);
    assert!(harness.state().page().is_none());
    let banner = harness.state().banner().unwrap().message.clone();
    assert!(
        banner.starts_with(&format!("{}:", dir.path().join("tagset.ron").display())),
        "{banner}"
    );
    harness.get_by_label("Use the built-in labels").click();
    harness.run_steps(3);
    assert_eq!(
        document(&harness).tagset().label_list(),
        "PER, LOC, ORG, WORK, EVENT, DATE, METRIC, CORR, NOTE"
    );
    assert_eq!(
        harness.get_by_label("headline").value().as_deref(),
        Some("澄江区：项目建设跑出“加速度”")
    );
}

#[test]
fn trailing_byline_names_are_chips() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    harness.get_by_label("开展消防演练 筑牢安全防线").click();
    harness.run_steps(3);
    harness.get_by_label("罗一舟").click();
    harness.run_steps(2);
    let selection = harness.state().page().unwrap().selection.unwrap();
    assert_eq!(document(&harness).source().slice(selection), "罗一舟");
}

#[test]
fn find_highlights_every_hit_and_steps_through_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(2);
    harness.event(egui::Event::Text("林晓舟".into()));
    harness.run_steps(2);
    harness.get_by_label("1 of 2");
    harness.key_press(Key::F3);
    harness.run_steps(2);
    harness.get_by_label("2 of 2");
    // The second hit is in the credit of the photo after the fire-drill story: the photo's
    // item (the fourth) is shown.
    assert_eq!(harness.state().page().unwrap().item, 3);
    assert_eq!(
        harness.get_by_label("credit").value().as_deref(),
        Some("本报记者 林晓舟 摄")
    );
}

#[test]
fn zoom_theme_and_help_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    harness.run_steps(2);
    assert!((harness.ctx.zoom_factor() - 1.1).abs() < 1e-4);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run_steps(2);
    assert!((harness.ctx.zoom_factor() - 1.0).abs() < 1e-4);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::T);
    harness.run_steps(2);
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    type_key(&mut harness, Key::F1, "");
    harness.run_steps(2);
    // The heading, and the row for F1 itself.
    assert_eq!(harness.query_all_by_label("Keyboard shortcuts").count(), 2);
    harness.get_by_label("Tag as PER 人名 (Person)");
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert_eq!(harness.query_all_by_label("Keyboard shortcuts").count(), 0);
}

#[test]
fn a_folder_opens_its_library_and_pages_follow_in_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::sample("a01-qinghe-daily.txt"),
        dir.path().join("a01.txt"),
    )
    .unwrap();
    std::fs::copy(
        common::sample("b02-nanling-county.txt"),
        dir.path().join("b02.txt"),
    )
    .unwrap();
    let mut harness = open(dir.path());
    assert!(harness.state().library_shown());
    assert!(harness.state().page().is_none());
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert_eq!(document(&harness).name(), "a01.txt");
    assert!(!harness.state().library_shown());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run_steps(3);
    assert_eq!(document(&harness).name(), "b02.txt");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.run_steps(3);
    assert_eq!(document(&harness).name(), "a01.txt");
}

#[test]
fn the_whole_page_view_shows_every_item_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    harness.key_press(Key::F2);
    harness.run_steps(3);
    assert!(harness.state().page().unwrap().whole_page);
    let kickers: Vec<String> = harness
        .get_all_by_label("kicker")
        .filter_map(|node| node.value())
        .collect();
    assert_eq!(
        kickers,
        ["稳增长 抓项目 优服务 惠民生", "强基础 补短板 增后劲"]
    );
    harness.get_by_label("Whole page");
}

/// A file dropped onto the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|err| err.to_string())
    }
}

#[test]
fn dropping_a_page_onto_the_window_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    let other = dir.path().join("other").join("b02.txt");
    std::fs::create_dir(other.parent().unwrap()).unwrap();
    std::fs::copy(common::sample("b02-nanling-county.txt"), &other).unwrap();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(other.clone())));
    harness.run_steps(3);
    assert_eq!(document(&harness).page_path(), Some(other.as_path()));
}

/// Selects the first occurrence of `quote` on the page, as clicking a name chip does.
pub fn select_quote(harness: &mut Harness<'_, CopydeskApp>, quote: &str) -> copydesk::text::Span {
    let span = document(harness).source().find_all(quote)[0];
    harness.state_mut().push(Action::SelectSpan(span));
    harness.run_steps(2);
    span
}

#[test]
fn a_figure_tagged_by_hand_gets_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    select_quote(&mut harness, "386.2亿元");
    type_key(&mut harness, Key::Num7, "7");
    harness.run_steps(2);
    let annotations = document(&harness).annotations();
    assert_eq!(annotations.len(), 1, "{annotations:?}");
    let metric = annotations[0].metric.clone().unwrap();
    assert_eq!(metric.number, Some(38_620_000_000.0));
    assert_eq!(
        (metric.value.as_str(), metric.unit.as_deref()),
        ("386.2", Some("元"))
    );
    assert_eq!(metric.indicator.as_deref(), Some("地区生产总值"));
}

#[test]
fn a_label_key_on_a_suggestion_accepts_it_instead_of_adding_another() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    harness.key_press(Key::F6);
    harness.run_steps(2);
    let before = document(&harness).annotations().len();
    let person = document(&harness)
        .annotations()
        .iter()
        .find(|a| a.label == "PER" && a.quote == "林晓舟")
        .unwrap()
        .id
        .clone();

    // The same text selected and the same label: the suggestion is accepted.
    select_quote(&mut harness, "林晓舟");
    type_key(&mut harness, Key::Num1, "1");
    harness.run_steps(2);
    assert_eq!(document(&harness).annotations().len(), before);
    assert_eq!(
        document(&harness).get(&person).unwrap().status,
        Status::Accepted
    );

    // A suggestion selected, another label's key: relabelled and accepted, not doubled.
    let place = document(&harness)
        .annotations()
        .iter()
        .find(|a| a.label == "LOC" && a.status == Status::Suggested)
        .unwrap()
        .id
        .clone();
    harness.state_mut().push(Action::Select(place.clone()));
    harness.run_steps(2);
    type_key(&mut harness, Key::Num3, "3");
    harness.run_steps(2);
    let relabelled = document(&harness).get(&place).unwrap();
    assert_eq!(
        (relabelled.label.as_str(), relabelled.status),
        ("ORG", Status::Accepted)
    );
    assert_eq!(document(&harness).annotations().len(), before);
}

#[test]
fn a_save_that_fails_on_exit_is_reported_with_the_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_copy(dir.path());
    let mut harness = open(&page);
    select_quote(&mut harness, "澄江区");
    type_key(&mut harness, Key::Num2, "2");
    harness.run_steps(1);
    // Something in the sidecar's place that cannot be replaced by a file.
    let sidecar = sidecar::path_for(&page);
    std::fs::create_dir(&sidecar).unwrap();
    std::fs::write(sidecar.join("blocker"), b"").unwrap();
    let message = harness.state_mut().save_before_exit().unwrap_err();
    assert!(
        message.starts_with("the annotations of a01.txt were not saved on exit: "),
        "{message}"
    );
    assert!(
        message.contains(&sidecar.display().to_string()),
        "{message}"
    );
    assert!(document(&harness).is_dirty(), "the work is still open");
}

#[test]
fn without_a_display_the_window_says_what_works_instead() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg(common::sample("a01-qinghe-daily.txt"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("copydesk: cannot open the window: there is no display"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the subcommands (copydesk segment, tag"),
        "{stderr}"
    );
}

#[test]
fn a_broken_sidecar_with_a_good_backup_offers_to_restore_it() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_copy(dir.path());
    for quote in ["林晓舟", "苏念"] {
        let output = common::copydesk(&[
            "tag",
            page.to_str().unwrap(),
            "--label",
            "PER",
            "--quote",
            quote,
        ]);
        assert!(output.status.success());
    }
    let sidecar_path = sidecar::path_for(&page);
    std::fs::write(&sidecar_path, "(format: \"copydesk-annotations\", vers").unwrap();
    let mut harness = open(&page);
    harness
        .get_by_label("Restore the last good version")
        .click();
    harness.run_steps(3);
    let quotes: Vec<&str> = document(&harness)
        .annotations()
        .iter()
        .map(|a| a.quote.as_str())
        .collect();
    assert_eq!(
        quotes,
        ["林晓舟"],
        "the backup, from before 苏念 was tagged"
    );
    let banner = harness.state().banner().unwrap().message.clone();
    assert!(
        banner.starts_with("Restored the last good version; the unreadable sidecar was kept as "),
        "{banner}"
    );
}

#[test]
fn after_find_moves_the_view_delete_removes_nothing_out_of_sight() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    // A person tagged in the first story, and selected.
    select_quote(&mut harness, "林晓舟");
    type_key(&mut harness, Key::Num1, "1");
    harness.run_steps(2);
    assert!(harness.state().page().unwrap().selected().is_some());
    // Find moves the view to the photo further down (the second 林晓舟 is its credit).
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(2);
    harness.event(egui::Event::Text("林晓舟".into()));
    harness.run_steps(2);
    harness.key_press(Key::F3);
    harness.run_steps(2);
    assert_eq!(harness.state().page().unwrap().item, 3);
    assert_eq!(harness.state().page().unwrap().selected(), None);
    harness.key_press(Key::Escape);
    harness.run_steps(1);
    harness.key_press(Key::Delete);
    harness.run_steps(2);
    assert_eq!(document(&harness).annotations().len(), 1, "nothing deleted");
}

#[test]
fn space_on_a_focused_delete_button_deletes_nothing_and_delete_says_how_to_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    harness.key_press(Key::F6);
    harness.run_steps(2);
    type_key(&mut harness, Key::Tab, "\t");
    harness.run_steps(2);
    let count = document(&harness).annotations().len();
    harness.get_by_label("Delete annotation (Del)").focus();
    harness.run_steps(1);
    harness.key_press(Key::Space);
    harness.run_steps(2);
    assert_eq!(
        document(&harness).annotations().len(),
        count,
        "Space deleted a suggestion"
    );
    let selected = harness.state().page().unwrap().selected().cloned().unwrap();
    let quote = document(&harness).get(&selected).unwrap().quote.clone();
    harness.get_by_label("Delete annotation (Del)").click();
    harness.run_steps(2);
    assert_eq!(document(&harness).annotations().len(), count - 1);
    harness.get_by_label_contains(&format!("“{quote}”: Ctrl+Z brings it back"));
}

#[test]
fn a_page_read_without_annotations_takes_no_tags_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_copy(dir.path());
    std::fs::write(sidecar::path_for(&page), "(format: ").unwrap();
    let mut harness = open(&page);
    harness.get_by_label("Read without annotations").click();
    harness.run_steps(3);
    select_quote(&mut harness, "林晓舟");
    type_key(&mut harness, Key::Num1, "1");
    harness.key_press(Key::F6);
    harness.run_steps(2);
    assert!(document(&harness).annotations().is_empty());
    harness.get_by_label_contains("nothing done here could be saved");
}

#[test]
fn the_name_set_in_the_app_is_recorded_on_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(&page_copy(dir.path()));
    harness
        .state_mut()
        .push(Action::Ui(copydesk::app::UiCommand::YourName));
    harness.run_steps(2);
    // The field has the keyboard, holding the login name: select it all, type over it. The
    // typing goes to the field, not to the label keys.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_steps(1);
    harness.event(egui::Event::Text("苏念".into()));
    harness.run_steps(2);
    // The window is modal: F6 does not suggest behind it.
    harness.key_press(Key::F6);
    harness.run_steps(2);
    assert!(document(&harness).annotations().is_empty());
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert_eq!(document(&harness).author(), "苏念");
    select_quote(&mut harness, "林晓舟");
    type_key(&mut harness, Key::Num1, "1");
    harness.run_steps(2);
    assert_eq!(document(&harness).annotations()[0].author, "苏念");
}

#[test]
fn a_masthead_is_text_not_a_body_and_one_annotation_is_singular() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("b02.txt");
    std::fs::copy(common::sample("b02-nanling-county.txt"), &page).unwrap();
    let mut harness = open(&page);
    // The first item is the masthead line, which is no story.
    assert_eq!(harness.state().page().unwrap().item, 0);
    harness.get_by_label("Text · story 1 of 6");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::ArrowDown);
    harness.run_steps(2);
    harness.get_by_label("Body · story 2 of 6");
    select_quote(&mut harness, "程远山");
    type_key(&mut harness, Key::Num1, "1");
    harness.run_steps(2);
    harness.get_by_label("1 annotation, 0 suggested");
}
