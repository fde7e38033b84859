//! The left panel: the page's stories and photos in reading order, with annotation counts.

use eframe::egui::{self, RichText, Ui};

use std::path::{Path, PathBuf};

use super::action::Action;
use super::state::open_page::OpenPage;
use super::ui_command::UiCommand;
use crate::annotation::Document;
use crate::bulletin::Item;

/// What an outline entry needs to know.
struct Outline<'a> {
    document: &'a Document,
    /// Accepted and suggested annotations per item.
    per_item: &'a [(usize, usize)],
    /// The item shown.
    item: usize,
    /// The whole-page view is on (no item is shown on its own).
    whole_page: bool,
}

/// Draws the outline (only the entries in view: a page may hold thousands of items).
pub fn panel(ui: &mut Ui, page: &mut OpenPage, actions: &mut Vec<Action>) {
    let OpenPage {
        document,
        counts,
        folder,
        item,
        whole_page,
        ..
    } = page;
    let outline = Outline {
        document,
        per_item: &counts.get(document).per_item,
        item: *item,
        whole_page: *whole_page,
    };
    let (width, range) = super::layout::side_panel(ui.ctx(), 250.0);
    egui::Panel::left("outline")
        .resizable(true)
        .default_size(width)
        .size_range(range)
        .show(ui, |ui| {
            if let Some(pages) = folder {
                folder_ui(ui, document, pages, actions);
                ui.separator();
            }
            ui.label(RichText::new("Page outline").strong());
            ui.label(RichText::new("Ctrl+↑ / Ctrl+↓ to move").small().weak());
            let small = ui.text_style_height(&egui::TextStyle::Small);
            let body = ui.text_style_height(&egui::TextStyle::Body);
            let row_height = small + body + 2.0 * ui.spacing().item_spacing.y + 2.0;
            let count = document.bulletin().items.len();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show_rows(ui, row_height, count, |ui, range| {
                    for index in range {
                        entry_ui(ui, &outline, index, row_height, actions);
                    }
                });
        });
}

/// One item: kicker (if any) above its headline, or the start of a photo caption, with counts.
fn entry_ui(
    ui: &mut Ui,
    outline: &Outline<'_>,
    index: usize,
    height: f32,
    actions: &mut Vec<Action>,
) {
    let source = outline.document.source();
    let Some(item) = outline.document.bulletin().items.get(index) else {
        return;
    };
    let (accepted, suggested) = outline.per_item.get(index).copied().unwrap_or_default();
    let counts = match (accepted, suggested) {
        (0, 0) => String::new(),
        (a, 0) => format!("{a}"),
        (a, s) => format!("{a} +{s}?"),
    };
    let (title, kicker, level) = match item {
        Item::Article(article) => (
            source.slice(article.headline.span).to_owned(),
            article.kicker.map(|k| source.slice(k)).unwrap_or(""),
            article.headline.level,
        ),
        Item::Photo(photo) => {
            let caption = photo
                .caption
                .first()
                .map_or("", |p| source.slice(p.extent()));
            (format!("图 {}", truncate(caption, 18)), "", 2)
        }
        Item::Other(span) => (format!("… {}", truncate(source.slice(*span), 18)), "", 2),
    };
    // A lead story's headline is set stronger; lesser ones step in, as on the page.
    let title = if level <= 1 {
        RichText::new(title).strong()
    } else {
        RichText::new(title)
    };
    let indent = f32::from(level.saturating_sub(1).min(2)) * 10.0;
    let selected = index == outline.item && !outline.whole_page;
    ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        ui.horizontal(|ui| {
            ui.add_space(indent);
            ui.label(RichText::new(kicker).small().weak());
        });
        let clicked = ui
            .horizontal(|ui| {
                ui.add_space(indent);
                // The counts keep their room; the title is cut to what is left.
                let counts = RichText::new(&counts).small().weak();
                let counts_width = ui
                    .painter()
                    .layout_no_wrap(
                        counts.text().to_owned(),
                        egui::TextStyle::Small.resolve(ui.style()),
                        egui::Color32::GRAY,
                    )
                    .size()
                    .x;
                let title_width =
                    (ui.available_width() - counts_width - ui.spacing().item_spacing.x).max(20.0);
                let clicked = ui
                    .allocate_ui(egui::vec2(title_width, ui.available_height()), |ui| {
                        ui.selectable_label(selected, title).clicked()
                    })
                    .inner;
                ui.label(counts)
                    .on_hover_text("annotations +suggestions to review");
                clicked
            })
            .inner;
        if clicked {
            actions.push(Action::GoToItem(index));
            if outline.whole_page {
                actions.push(Action::Ui(UiCommand::ToggleWholePage));
            }
        }
    });
}

fn folder_ui(ui: &mut Ui, document: &Document, pages: &[PathBuf], actions: &mut Vec<Action>) {
    let here = document.page_path().map(Path::to_path_buf);
    let position = here
        .as_ref()
        .and_then(|h| pages.iter().position(|p| p == h))
        .map_or(0, |i| i + 1);
    ui.label(RichText::new(format!("Folder · page {position} of {}", pages.len())).small());
    let name = |path: &Path| {
        path.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    };
    egui::ComboBox::new("folder-pages", "page")
        .selected_text(here.as_deref().map(name).unwrap_or_default())
        .width(150.0)
        .show_ui(ui, |ui| {
            for path in pages {
                let current = Some(path) == here.as_ref();
                if ui.selectable_label(current, name(path)).clicked() && !current {
                    actions.push(Action::Open(path.clone()));
                }
            }
        });
}

/// At most `max` characters, with an ellipsis if cut.
pub fn truncate(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
