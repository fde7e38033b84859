//! The open page and what the user is looking at in it: item, selection, view.

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText, Ui};

use super::Action;
use super::center::{self, CenterOutput, Heights};
use super::chrome::Find;
use super::rows::{self, Panes, Row};
use super::text_view::Marks;
use crate::annotation::{AnnotationId, Document};
use crate::text::Span;

/// A page open in the window.
pub struct OpenPage {
    /// The page and its annotations.
    pub document: Document,
    /// The pages of its folder, for next/previous page.
    pub folder: Option<Vec<PathBuf>>,
    /// The item shown.
    pub item: usize,
    /// Whole-page reading view instead of the item's panes.
    pub whole_page: bool,
    /// Selected text, in page code points.
    pub selection: Option<Span>,
    /// Selected annotation.
    pub selected: Option<AnnotationId>,
    /// The selection just tagged: ignored until the user selects something else.
    pub tagged_selection: Option<Span>,
    /// Annotation list filters and inspector edits.
    pub sidebar: super::sidebar::SidebarState,
    /// The item's panes (rebuilt when the item changes).
    panes: Panes,
    /// The whole page's rows.
    page_rows: Vec<Row>,
    body_heights: Heights,
    page_heights: Heights,
    /// Bring this range into view next frame.
    scroll_to: Option<Span>,
    /// Per item: annotations (not rejected) and suggestions, rebuilt after changes.
    pub counts: Vec<(usize, usize)>,
    /// The longest annotation, for finding those overlapping a paragraph.
    longest: usize,
    /// Suggestions waiting for review on the whole page, for the status bar.
    pub suggested: usize,
}

impl OpenPage {
    /// Shows `document`, first item.
    pub fn new(document: Document, folder: Option<Vec<PathBuf>>) -> Self {
        let page_rows = rows::page_rows(document.bulletin());
        let mut page = Self {
            panes: rows::panes(document.bulletin(), 0),
            document,
            folder,
            item: 0,
            whole_page: false,
            selection: None,
            selected: None,
            tagged_selection: None,
            sidebar: super::sidebar::SidebarState::default(),
            page_rows,
            body_heights: Heights::default(),
            page_heights: Heights::default(),
            scroll_to: None,
            counts: Vec::new(),
            longest: 0,
            suggested: 0,
        };
        page.changed();
        page
    }

    /// Shows item `index`.
    pub fn show_item(&mut self, index: usize) {
        self.item = index.min(self.document.bulletin().items.len().saturating_sub(1));
        self.panes = rows::panes(self.document.bulletin(), self.item);
        self.body_heights = Heights::default();
    }

    /// Shows item `index` because the user moved there: a selection in another item is dropped.
    pub fn go_to_item(&mut self, index: usize) {
        self.show_item(index);
        let elsewhere = self
            .selected
            .as_ref()
            .and_then(|id| self.document.get(id))
            .and_then(|a| self.document.locate(a.span()))
            .is_some_and(|location| location.item != self.item);
        if elsewhere {
            self.selected = None;
        }
    }

    /// Selects an annotation (or none) and brings it into view.
    pub fn select(&mut self, id: Option<AnnotationId>) {
        if let Some(annotation) = id.as_ref().and_then(|id| self.document.get(id)) {
            let span = annotation.span();
            self.reveal(span);
        }
        self.selected = id;
    }

    /// Selects an annotation that is already in view (clicked in the text).
    pub fn select_in_place(&mut self, id: Option<AnnotationId>) {
        self.selected = id;
    }

    /// Shows the item holding `span`, unless the panes show it already, and scrolls to it.
    pub fn reveal(&mut self, span: Span) {
        if !self.whole_page
            && let Some(location) = self.document.locate(span)
        {
            let shown = location.item == self.item
                || self
                    .panes
                    .captions
                    .iter()
                    .any(|row| row.item == location.item);
            if !shown {
                self.show_item(location.item);
            }
        }
        self.scroll_to = Some(span);
    }

    /// Call after the annotations changed: recounts per item.
    pub fn changed(&mut self) {
        let items = self.document.bulletin().items.len();
        let mut counts = vec![(0, 0); items];
        let mut longest = 0;
        for annotation in self.document.annotations() {
            if annotation.anchor == crate::annotation::Anchor::Orphaned {
                // An orphan's old range says nothing about this page: it is listed, not drawn.
                continue;
            }
            longest = longest.max(annotation.span().len());
            if let Some(location) = self.document.locate(annotation.span())
                && let Some(count) = counts.get_mut(location.item)
            {
                match annotation.status {
                    crate::annotation::Status::Accepted => count.0 += 1,
                    crate::annotation::Status::Suggested => count.1 += 1,
                    crate::annotation::Status::Rejected => {}
                }
            }
        }
        self.counts = counts;
        self.longest = longest;
        self.suggested = self
            .document
            .annotations()
            .iter()
            .filter(|a| a.status == crate::annotation::Status::Suggested)
            .count();
        if self
            .selected
            .as_ref()
            .is_some_and(|id| self.document.get(id).is_none())
        {
            self.selected = None;
        }
    }

    /// Where the item shown starts on the page.
    pub fn item_start(&self) -> usize {
        self.document
            .bulletin()
            .items
            .get(self.item)
            .map_or(0, |item| item.extent().start)
    }

    /// The next or previous page of the folder.
    pub fn neighbour(&self, next: bool) -> Option<PathBuf> {
        let pages = self.folder.as_ref()?;
        let here = self.document.page_path()?;
        let index = pages.iter().position(|p| p == here)?;
        let target = if next {
            index.checked_add(1)?
        } else {
            index.checked_sub(1)?
        };
        pages.get(target).cloned()
    }
}

/// The pages of a folder: its `.txt` files, sorted by name.
pub fn folder_pages(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut pages: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file()
                && path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        })
        .collect();
    pages.sort();
    pages
}

/// The centre: the item's panes, or the whole page.
pub fn center_ui(
    ui: &mut Ui,
    page: &mut OpenPage,
    find: &Find,
    dark: bool,
    actions: &mut Vec<Action>,
) {
    let OpenPage {
        document,
        item,
        whole_page,
        selection,
        selected,
        tagged_selection,
        panes,
        page_rows,
        body_heights,
        page_heights,
        scroll_to,
        longest,
        ..
    } = page;
    let marks = Marks {
        annotations: document.annotations(),
        longest: *longest,
        tagset: document.tagset(),
        selected: selected.as_ref(),
        hits: if find.open { &find.hits } else { &[] },
        current_hit: find.current().filter(|_| find.open),
        dark,
    };
    let mut context = center::Context {
        source: document.source(),
        bulletin: document.bulletin(),
        marks,
        view: "item",
    };
    let target = scroll_to.take();
    let mut out = CenterOutput::default();
    egui::CentralPanel::default().show(ui, |ui| {
        if *whole_page {
            ui.label(RichText::new("Whole page").strong());
            ui.separator();
            let scroll_row =
                target.and_then(|span| page_rows.iter().position(|row| row.shows(span)));
            context.view = "page";
            center::virtual_rows(
                ui,
                "whole-page",
                page_rows,
                page_heights,
                scroll_row,
                |ui, index, row| {
                    center::row_ui(ui, &context, row, index + 1, &mut out);
                },
            );
            return;
        }
        let number = *item + 1;
        let pane = |ui: &mut Ui, title: &str, rows: &[Row], out: &mut CenterOutput| {
            if rows.is_empty() {
                return;
            }
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(title).small().weak());
                for (index, row) in rows.iter().enumerate() {
                    center::row_ui(ui, &context, row, index + 1, out);
                }
            });
        };
        pane(ui, "Headline", &panes.headline, &mut out);
        pane(ui, "Byline", &panes.byline, &mut out);
        let captions_height = if panes.captions.is_empty() {
            0.0
        } else {
            (ui.available_height() * 0.3).min(220.0)
        };
        if !panes.body.is_empty() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(format!("Body · item {number}"))
                        .small()
                        .weak(),
                );
                let height = (ui.available_height() - captions_height - 24.0).max(120.0);
                ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
                    let scroll_row =
                        target.and_then(|span| panes.body.iter().position(|row| row.shows(span)));
                    center::virtual_rows(
                        ui,
                        "body",
                        &panes.body,
                        body_heights,
                        scroll_row,
                        |ui, index, row| {
                            center::row_ui(ui, &context, row, index + 1, &mut out);
                        },
                    );
                });
            });
        }
        egui::ScrollArea::vertical()
            .id_salt("captions")
            .show(ui, |ui| {
                pane(ui, "Photo captions", &panes.captions, &mut out);
            });
    });
    if out.focused {
        *selection = out.selection.filter(|s| Some(*s) != *tagged_selection);
        if out.selection != *tagged_selection {
            *tagged_selection = None;
        }
    }
    if let Some(id) = out.clicked {
        actions.push(Action::SelectInPlace(id));
    }
    if let Some(span) = out.chip {
        actions.push(Action::SelectSpan(span));
    }
}
