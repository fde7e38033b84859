//! The library's list: a folder's pages found, sorted by any column and filtered, in the order
//! the app shows them and pages through them.

use std::cmp::Ordering;
use std::path::Path;

use super::summary::{PageStatus, PageSummary, summarize};
use crate::formats::pages;

/// The pages under `folder` (every `*.txt`, recursively, hidden folders left out), as
/// summaries not yet read, by path; with a line per folder that could not be read. Fast: no
/// file is opened.
pub fn list(folder: &Path) -> (Vec<PageSummary>, Vec<String>) {
    let mut failures = Vec::new();
    let found = pages::find_under(folder, &mut failures);
    let pages = found
        .into_iter()
        .map(|page| PageSummary::untouched(page.path, page.relative))
        .collect();
    (pages, failures)
}

/// Lists the folder and reads every page's sidecar, on every core, calling `progress(done,
/// total)` after each page (on this thread); the pages come back by path.
pub fn scan(
    folder: &Path,
    mut progress: impl FnMut(usize, usize),
) -> (Vec<PageSummary>, Vec<String>) {
    let (mut pages, failures) = list(folder);
    let total = pages.len();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .max(1);
    let share = total.div_ceil(threads).max(1);
    let (sender, read) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|scope| {
        for chunk in pages.chunks_mut(share) {
            let sender = sender.clone();
            scope.spawn(move || {
                for page in chunk {
                    *page = summarize(&page.path, &page.relative);
                    // The receiver outlives the readers: a failed send changes nothing read.
                    let _counted = sender.send(());
                }
            });
        }
        drop(sender);
        for (done, ()) in read.iter().enumerate() {
            progress(done + 1, total);
        }
    });
    (pages, failures)
}

/// A column of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    /// The page's path below the folder.
    Page,
    /// Untouched, in progress, done, unreadable.
    Status,
    /// Accepted annotations.
    Accepted,
    /// Accepted annotations of one label.
    Label(String),
    /// Suggestions to review.
    Pending,
    /// Orphaned annotations.
    Orphaned,
    /// Open proofreading marks.
    Marks,
    /// Who changed it last.
    LastAuthor,
    /// When.
    LastChanged,
}

/// Which pages to show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only pages in this state.
    pub status: Option<PageStatus>,
    /// Only pages with at least one accepted annotation of this label.
    pub label: Option<String>,
}

impl Filter {
    /// The page passes.
    pub fn admits(&self, page: &PageSummary) -> bool {
        self.status.is_none_or(|status| page.status == status)
            && self
                .label
                .as_ref()
                .is_none_or(|label| page.labels.get(label).is_some_and(|&n| n > 0))
    }
}

/// How `column` orders two pages (`Equal` for [`Column::Page`]: the path decides).
fn compare(a: &PageSummary, b: &PageSummary, column: &Column) -> Ordering {
    match column {
        Column::Page => Ordering::Equal,
        Column::Status => a.status.cmp(&b.status),
        Column::Accepted => a.accepted.cmp(&b.accepted),
        Column::Label(label) => {
            let count = |page: &PageSummary| page.labels.get(label).copied().unwrap_or(0);
            count(a).cmp(&count(b))
        }
        Column::Pending => a.pending.cmp(&b.pending),
        Column::Orphaned => a.orphaned.cmp(&b.orphaned),
        Column::Marks => (a.mark_errors, a.marks).cmp(&(b.mark_errors, b.marks)),
        Column::LastAuthor => a.last_author.cmp(&b.last_author),
        Column::LastChanged => a.last_changed.cmp(&b.last_changed),
    }
}

/// The indexes into `pages` of those `filter` admits, sorted by `column` (descending if
/// asked), ties in the order of `pages` — by path, as [`list`] gives them, which spares
/// comparing paths.
pub fn arrange(
    pages: &[PageSummary],
    column: &Column,
    descending: bool,
    filter: &Filter,
) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..pages.len())
        .filter(|&i| filter.admits(&pages[i]))
        .collect();
    shown.sort_by(|&a, &b| {
        let by_column = compare(&pages[a], &pages[b], column);
        match (descending, column) {
            (true, Column::Page) => b.cmp(&a),
            (true, _) => by_column.reverse().then(a.cmp(&b)),
            (false, _) => by_column.then(a.cmp(&b)),
        }
    });
    shown
}

/// The first page after `current` in `order` (from the top if `current` is not in it, or is
/// `None`), going round to the start, that is not done; `None` if every page is done.
pub fn next_unfinished<'p>(
    pages: &'p [PageSummary],
    order: &[usize],
    current: Option<&Path>,
) -> Option<&'p PageSummary> {
    let here = current.and_then(|path| order.iter().position(|&i| pages[i].path == path));
    let start = here.map_or(0, |at| at + 1);
    (0..order.len())
        .map(|step| &pages[order[(start + step) % order.len()]])
        .find(|page| page.status != PageStatus::Done && Some(page.path.as_path()) != current)
}
