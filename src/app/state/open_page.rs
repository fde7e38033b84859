//! The open page and what the user is looking at in it: item, selection, view.

use std::path::{Path, PathBuf};

use super::counts::Counts;
use super::proof_marks::ProofMarks;
use super::rows::{self, Heights, Panes, Row, Scroll};
use super::sidebar_state::SidebarState;
use crate::annotation::{AnnotationId, Document};
use crate::proof::Mark;
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
    /// Selected annotation (see [`OpenPage::selected`]).
    selected: Option<AnnotationId>,
    /// The selection just tagged: ignored until the user selects something else.
    pub tagged_selection: Option<Span>,
    /// Annotation list filters and inspector edits.
    pub sidebar: SidebarState,
    /// Annotations and suggestions per item, counted when the document changes.
    pub counts: Counts,
    /// The item's panes (rebuilt when the item changes).
    pub panes: Panes,
    /// The whole page's rows.
    pub page_rows: Vec<Row>,
    /// Row heights of the body pane.
    pub body_heights: Heights,
    /// Row heights of the whole-page view.
    pub page_heights: Heights,
    /// Bring this range into view next frame.
    pub scroll_to: Option<Span>,
    /// Scroll the reading pane next frame (PageDown, Home…).
    pub scroll: Option<Scroll>,
    /// The proofreading marks, the Proofreading tab and the corrected view.
    pub proof: ProofMarks,
}

impl OpenPage {
    /// Shows `document`, first item.
    pub fn new(document: Document, folder: Option<Vec<PathBuf>>) -> Self {
        let page_rows = rows::page_rows(document.bulletin());
        let proof = ProofMarks::new(&document);
        Self {
            proof,
            panes: rows::panes(document.bulletin(), 0),
            document,
            folder,
            item: 0,
            whole_page: false,
            selection: None,
            selected: None,
            tagged_selection: None,
            sidebar: SidebarState::default(),
            counts: Counts::default(),
            page_rows,
            body_heights: Heights::default(),
            page_heights: Heights::default(),
            scroll_to: None,
            scroll: None,
        }
    }

    /// Shows item `index`. What was selected and is no longer in view is dropped, so that
    /// no key acts on something the user cannot see (Delete after Find moved the view).
    pub fn show_item(&mut self, index: usize) {
        let previous = self.item;
        self.item = index.min(self.document.bulletin().items.len().saturating_sub(1));
        self.panes = rows::panes(self.document.bulletin(), self.item);
        self.body_heights = Heights::default();
        if self.item == previous {
            return;
        }
        let hidden = |page: &Self, span: Span| {
            page.document.locate(span).is_some_and(|location| {
                location.item != page.item
                    && !page
                        .panes
                        .captions
                        .iter()
                        .any(|row| row.item == location.item)
            })
        };
        let selected_span = self
            .selected()
            .and_then(|id| self.document.get(id))
            .map(|a| a.span());
        if selected_span.is_some_and(|span| hidden(self, span)) {
            self.selected = None;
        }
        if self.selection.is_some_and(|span| hidden(self, span)) {
            self.selection = None;
            self.tagged_selection = None;
        }
    }

    /// Rebuilds what is drawn after the page's text was read again: its items and rows are
    /// new, and a selection of the old text means nothing in the new one.
    pub fn page_reloaded(&mut self) {
        self.page_rows = rows::page_rows(self.document.bulletin());
        self.page_heights = Heights::default();
        self.selection = None;
        self.tagged_selection = None;
        self.selected = None;
        self.scroll_to = None;
        self.proof.page_reloaded();
        self.show_item(self.item);
    }

    /// Selects an annotation (or none) and brings it into view.
    pub fn select(&mut self, id: Option<AnnotationId>) {
        if let Some(annotation) = id.as_ref().and_then(|id| self.document.get(id)) {
            let span = annotation.span();
            self.reveal(span);
        }
        if id.is_some() {
            // One thing selected at a time: Enter acts on it.
            self.proof.select(None);
        }
        self.selected = id;
    }

    /// Selects a proofreading mark (no annotation then) and brings it into view.
    pub fn select_mark(&mut self, mark: Mark) {
        self.reveal(mark.span);
        self.selected = None;
        self.proof.select(Some(mark));
    }

    /// Selects an annotation that is already in view (clicked in the text).
    pub fn select_in_place(&mut self, id: Option<AnnotationId>) {
        if id.is_some() {
            self.proof.select(None);
        }
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

    /// The selected annotation, if it is still there (an undo or a merge may have removed it).
    pub fn selected(&self) -> Option<&AnnotationId> {
        self.selected
            .as_ref()
            .filter(|id| self.document.contains(id))
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
