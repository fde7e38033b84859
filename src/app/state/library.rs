//! The folder library's state: every page of the folder with its summary, the order and
//! filter the user chose, and the row the keyboard is on. Summaries arrive from a background
//! reader (`library_scan`); nothing here reads a file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::corpus::{self, Column, Filter, FolderStats, PageStatus, PageSummary};

/// The two views of the library.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// The list of pages.
    #[default]
    Pages,
    /// The folder's figures as charts.
    Statistics,
    /// The folder compared with another annotator's, and the adjudication.
    Agreement,
}

/// A folder open as a library.
pub struct Library {
    /// The folder.
    pub root: PathBuf,
    /// Every page found, by path (the order [`corpus::arrange`] expects).
    pages: Vec<PageSummary>,
    /// Where each page is in `pages`.
    index: HashMap<PathBuf, usize>,
    /// Pages whose sidecar has been read (the others show as untouched until it is).
    read: Vec<bool>,
    /// The column the list is sorted by.
    pub column: Column,
    /// Sorted from the largest (latest, last) down.
    pub descending: bool,
    /// Which pages are listed.
    pub filter: Filter,
    /// The rows listed: indexes into `pages`, sorted and filtered.
    order: Vec<usize>,
    /// The row the keyboard is on (a position in `order`).
    pub cursor: usize,
    /// Bring the cursor's row into view next frame.
    pub scroll_to_cursor: bool,
    /// Pages or statistics.
    pub tab: Tab,
    /// The folder's figures, summed when asked for after the pages changed.
    stats: Option<FolderStats>,
    /// The few figures the header shows, summed whenever the pages change.
    totals: Totals,
}

/// The figures shown above the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Pages marked done.
    pub done: usize,
    /// Accepted annotations.
    pub accepted: usize,
    /// Suggestions to review.
    pub pending: usize,
    /// The labels with accepted annotations, sorted.
    pub labels: Vec<String>,
}

impl Library {
    /// A library of `pages` (summaries not yet read) found under `root`.
    pub fn new(root: PathBuf, pages: Vec<PageSummary>) -> Self {
        let mut library = Self {
            root,
            read: vec![false; pages.len()],
            index: HashMap::new(),
            pages,
            column: Column::Page,
            descending: false,
            filter: Filter::default(),
            order: Vec::new(),
            cursor: 0,
            scroll_to_cursor: false,
            tab: Tab::Pages,
            stats: None,
            totals: Totals::default(),
        };
        library.reindex();
        library.arrange();
        library
    }

    /// Makes `index` again after pages were added or removed.
    fn reindex(&mut self) {
        self.index = self
            .pages
            .iter()
            .enumerate()
            .map(|(i, page)| (page.path.clone(), i))
            .collect();
    }

    /// Every page, in the order found.
    pub fn pages(&self) -> &[PageSummary] {
        &self.pages
    }

    /// How many pages are listed.
    pub fn listed_len(&self) -> usize {
        self.order.len()
    }

    /// The `row`-th page listed.
    pub fn row(&self, row: usize) -> Option<&PageSummary> {
        self.order.get(row).map(|&i| &self.pages[i])
    }

    /// Pages whose sidecar has been read, and pages in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.read.iter().filter(|&&r| r).count(), self.pages.len())
    }

    /// Sorts and filters again, keeping the cursor on the same page if it is still listed.
    fn arrange(&mut self) {
        let current = self.selected_path().map(Path::to_path_buf);
        self.order = corpus::arrange(&self.pages, &self.column, self.descending, &self.filter);
        self.stats = None;
        self.totals = self.sum();
        match current {
            Some(path) => self.select_path(&path),
            None => self.cursor = 0,
        }
        self.cursor = self.cursor.min(self.order.len().saturating_sub(1));
    }

    /// Sorts by `column`; the column already sorted by turns round.
    pub fn sort_by(&mut self, column: Column) {
        if self.column == column {
            self.descending = !self.descending;
        } else {
            self.column = column;
            self.descending = false;
        }
        self.arrange();
    }

    /// Lists only what `filter` admits.
    pub fn set_filter(&mut self, filter: Filter) {
        if self.filter != filter {
            self.filter = filter;
            self.arrange();
        }
    }

    /// Takes pages' summaries as read from disk (a page not yet listed is added in its
    /// place by path), and sorts once for all of them.
    pub fn update(&mut self, summaries: Vec<PageSummary>) {
        if summaries.is_empty() {
            return;
        }
        for summary in summaries {
            if let Some(&at) = self.index.get(&summary.path) {
                self.pages[at] = summary;
                self.read[at] = true;
            } else {
                let at = self
                    .pages
                    .partition_point(|page| page.relative < summary.relative);
                self.pages.insert(at, summary);
                self.read.insert(at, true);
                self.reindex();
            }
        }
        self.arrange();
    }

    /// Takes a page off the list (its file is gone).
    pub fn remove(&mut self, path: &Path) {
        if let Some(&index) = self.index.get(path) {
            self.pages.remove(index);
            self.read.remove(index);
            self.reindex();
            self.arrange();
        }
    }

    /// Whether `path` is one of the library's pages.
    pub fn contains(&self, path: &Path) -> bool {
        self.index.contains_key(path)
    }

    /// The page the cursor is on.
    pub fn selected(&self) -> Option<&PageSummary> {
        self.row(self.cursor)
    }

    /// The path of the page the cursor is on.
    pub fn selected_path(&self) -> Option<&Path> {
        self.selected().map(|page| page.path.as_path())
    }

    /// Puts the cursor on `path`, if it is listed, and brings it into view.
    pub fn select_path(&mut self, path: &Path) {
        if let Some(row) = self.order.iter().position(|&i| self.pages[i].path == path) {
            self.cursor = row;
            self.scroll_to_cursor = true;
        }
    }

    /// Moves the cursor by `rows` (negative: up), staying on the list.
    pub fn move_cursor(&mut self, rows: isize) {
        let last = self.order.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(rows).min(last);
        self.scroll_to_cursor = true;
    }

    /// The page after (or before) `path` in the list's order.
    pub fn neighbour(&self, path: &Path, next: bool) -> Option<PathBuf> {
        let row = self
            .order
            .iter()
            .position(|&i| self.pages[i].path == path)?;
        let target = if next {
            row.checked_add(1)?
        } else {
            row.checked_sub(1)?
        };
        self.row(target).map(|page| page.path.clone())
    }

    /// The next listed page after `current` (or after the cursor's row) that is not done.
    pub fn next_unfinished(&self, current: Option<&Path>) -> Option<PathBuf> {
        let from = current.or_else(|| self.selected_path());
        corpus::next_unfinished(&self.pages, &self.order, from).map(|page| page.path.clone())
    }

    /// The header's figures, and the labels with accepted annotations anywhere in the folder.
    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    fn sum(&self) -> Totals {
        let mut labels = std::collections::BTreeSet::new();
        let mut totals = Totals::default();
        for page in &self.pages {
            totals.done += usize::from(page.status == PageStatus::Done);
            totals.accepted += page.accepted;
            totals.pending += page.pending;
            labels.extend(page.labels.keys().map(String::as_str));
        }
        totals.labels = labels.into_iter().map(str::to_owned).collect();
        totals
    }

    /// The folder's figures (of every page, whatever the filter).
    pub fn stats(&mut self) -> &FolderStats {
        self.stats
            .get_or_insert_with(|| FolderStats::of(&self.pages))
    }

    /// Whether the page at `path` is marked done, as last read.
    pub fn is_done(&self, path: &Path) -> bool {
        self.index
            .get(path)
            .is_some_and(|&i| self.pages[i].status == PageStatus::Done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> Library {
        let page = |name: &str, status, accepted| {
            let mut page = PageSummary::untouched(PathBuf::from(name), PathBuf::from(name));
            page.status = status;
            page.accepted = accepted;
            page
        };
        Library::new(
            PathBuf::from("."),
            vec![
                page("a.txt", PageStatus::Done, 3),
                page("b.txt", PageStatus::InProgress, 9),
                page("c.txt", PageStatus::Untouched, 0),
            ],
        )
    }

    #[test]
    fn sorting_keeps_the_cursor_on_its_page_and_paging_follows_the_list() {
        let mut library = library();
        library.select_path(Path::new("b.txt"));
        library.sort_by(Column::Accepted);
        library.sort_by(Column::Accepted);
        assert!(library.descending);
        let names: Vec<&Path> = (0..library.listed_len())
            .map(|row| library.row(row).unwrap().relative.as_path())
            .collect();
        assert_eq!(
            names,
            [Path::new("b.txt"), Path::new("a.txt"), Path::new("c.txt")]
        );
        assert_eq!(library.cursor, 0, "still on b.txt");
        assert_eq!(
            library.neighbour(Path::new("b.txt"), true),
            Some(PathBuf::from("a.txt"))
        );
        assert_eq!(library.neighbour(Path::new("c.txt"), true), None);
        assert_eq!(
            library.next_unfinished(Some(Path::new("b.txt"))),
            Some(PathBuf::from("c.txt"))
        );
        library.set_filter(Filter {
            status: Some(PageStatus::Done),
            label: None,
        });
        assert_eq!(library.listed_len(), 1);
        assert_eq!(library.cursor, 0);
        library.move_cursor(5);
        assert_eq!(library.cursor, 0);
    }
}
