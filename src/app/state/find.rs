//! The find bar's state: the query, where it occurs on the page, and which hit is shown.

use super::open_page::OpenPage;
use crate::text::Span;

/// The find bar's state.
#[derive(Debug, Default)]
pub struct Find {
    /// The bar is shown.
    pub open: bool,
    /// What to look for.
    pub query: String,
    /// Where it occurs on the page.
    pub hits: Vec<Span>,
    /// Index of the current hit.
    current: usize,
    /// The query the hits were found for.
    searched: String,
    /// Give the field the keyboard on the next frame (the bar was just opened).
    pub focus: bool,
}

impl Find {
    /// The current hit.
    pub fn current(&self) -> Option<Span> {
        self.hits.get(self.current).copied()
    }

    /// The query changed since the hits were found.
    pub fn is_stale(&self) -> bool {
        self.searched != self.query
    }

    /// What the bar says about the hits: `3 of 12`, `not found`, or nothing.
    pub fn status(&self) -> String {
        match (self.query.is_empty(), self.hits.len()) {
            (true, _) => String::new(),
            (false, 0) => "not found".to_owned(),
            (false, n) => format!("{} of {n}", self.current + 1),
        }
    }

    /// Forgets the hits (another page was opened).
    pub fn reset(&mut self) {
        self.hits.clear();
        self.searched.clear();
        self.current = 0;
    }

    /// Finds every occurrence of the query on the page.
    pub fn search(&mut self, page: &OpenPage) {
        self.searched.clone_from(&self.query);
        self.current = 0;
        self.hits = page.document.source().find_all(&self.query);
    }

    /// Moves to the next (or previous) hit and shows it.
    pub fn step(&mut self, page: &mut OpenPage, forward: bool) {
        if self.searched != self.query {
            self.search(page);
        } else if !self.hits.is_empty() {
            let count = self.hits.len();
            self.current = if forward {
                (self.current + 1) % count
            } else {
                (self.current + count - 1) % count
            };
        }
        if let Some(hit) = self.current() {
            page.reveal(hit);
        }
    }
}
