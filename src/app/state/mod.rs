//! The app's state, apart from drawing: the open page and what the user looks at in it, the
//! find bar, the sidebar's filters and drafts, and the caches derived from the document.
//!
//! Nothing here draws, and nothing here imports a drawing module: the drawing modules take
//! what they draw from here and return [`Action`](super::action::Action)s.

pub mod adjudication;
pub mod counts;
pub mod find;
pub mod library;
pub mod open_page;
pub mod proof_marks;
pub mod rows;
pub mod sidebar_state;

#[cfg(test)]
pub mod testing {
    //! A page on disk for tests of the caches, and a change merged in from another copy of
    //! the app.

    use crate::annotation::{Annotation, Command, Document, Origin};

    /// The page's text: one story naming 林晓舟 and 新区.
    pub const PAGE: &str = "## 新区建设提速\n\n本报讯(记者 林晓舟)新区今年完成投资12.5亿元。\n";

    /// [`PAGE`] in a temporary folder, opened.
    pub fn page_on_disk() -> (tempfile::TempDir, Document) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, PAGE).unwrap();
        let document = Document::open(&path).unwrap();
        (dir, document)
    }

    /// Another copy of the app tags the first `quote` as PER and saves; then `document`
    /// saves, which merges that annotation in. Nothing here touches the caches.
    pub fn merge_from_disk(document: &mut Document, quote: &str) {
        let path = document.page_path().unwrap().to_owned();
        let mut other = Document::open(&path).unwrap();
        let span = other.source().find_all(quote)[0];
        let added = Annotation::new(other.source(), "PER", span, Origin::Manual, "other");
        other.apply(Command::Add(added)).unwrap();
        other.save().unwrap();
        let generation = document.generation();
        let report = document.save().unwrap();
        assert_eq!(report.merged_from_disk, 1);
        assert!(document.generation() > generation);
    }
}
