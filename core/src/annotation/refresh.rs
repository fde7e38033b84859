//! Following changes made on disk while a page is open: the page edited in another program
//! (read again, annotations re-anchored), or its sidecar saved by another process (merged in,
//! as a save would merge it). Nothing is written here; unsaved work stays unsaved and is
//! saved, merged, by the next save.

use std::sync::Arc;

use super::anchor::{AnchorReport, reanchor};
use super::disk::DiskState;
use super::document::Document;
use super::locate::PaneIndex;
use super::save::merge;
use super::sidecar::{self, SidecarError};
use crate::bulletin::segment;
use crate::text::{LoadError, Source};

/// What reading a changed sidecar brought in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// Annotations added or changed on disk, taken in.
    pub merged_from_disk: usize,
    /// Annotations deleted on disk (and not changed here since), dropped.
    pub deleted_on_disk: usize,
}

impl Document {
    /// Reads the page file again. `Ok(None)` if its text is what is open; otherwise the
    /// annotations, unsaved ones included, are re-anchored on the new text, which is
    /// segmented afresh, and the document is left unsaved so that the next save records the
    /// new offsets. Undo history is cleared: its ranges are of the old text.
    pub fn reload_page(&mut self) -> Result<Option<AnchorReport>, LoadError> {
        let Some(path) = self.page_path.clone() else {
            return Ok(None);
        };
        let source = Source::load(&path)?;
        if source.fingerprint() == self.source.fingerprint() {
            return Ok(None);
        }
        let mut annotations = self.take_annotations();
        let report = reanchor(&source, &mut annotations);
        let bulletin = segment(source.text());
        self.panes = PaneIndex::new(&bulletin);
        self.bulletin = Arc::new(bulletin);
        self.source = Arc::new(source);
        self.set_annotations(annotations);
        self.anchoring = report;
        self.history = Default::default();
        self.generation += 1;
        Ok(Some(report))
    }

    /// Reads the sidecar again if it changed on disk since it was last read or written here,
    /// and merges what changed there, as a save would. `Ok(None)` if it is as last seen (for
    /// instance, this document's own save). A document with nothing unsaved stays saved.
    pub fn refresh_sidecar(&mut self) -> Result<Option<Refreshed>, SidecarError> {
        let Some(path) = self.sidecar_path() else {
            return Ok(None);
        };
        let Some(bytes) = sidecar::read_bytes(&path)? else {
            return Ok(None);
        };
        if Some(xxhash_rust::xxh3::xxh3_64(&bytes)) == self.disk.hash() {
            return Ok(None);
        }
        let mut theirs = sidecar::parse(&path, &bytes, &self.source)?;
        if theirs.source.fingerprint != self.source.fingerprint() {
            reanchor(&self.source, &mut theirs.annotations);
        }
        let was_saved = !self.is_dirty();
        let disk = DiskState::new(Some(&bytes), &theirs.annotations);
        let ours = self.take_annotations();
        let (annotations, report) = merge(self.disk.base(), ours, theirs.annotations);
        self.set_annotations(annotations);
        self.merge_page_fields(theirs.state, &theirs.unknown);
        self.disk = disk;
        self.generation += 1;
        if was_saved {
            self.saved_generation = self.generation;
        }
        Ok(Some(Refreshed {
            merged_from_disk: report.merged_from_disk,
            deleted_on_disk: report.deleted_on_disk,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Annotation, Command, Origin, Status};
    use crate::text::Span;

    const PAGE: &str = "## 新区开工建设\n\n本报讯(记者 林晓舟)新区今年完成投资12.5亿元。\n";

    fn page_with_sidecar(dir: &std::path::Path) -> (std::path::PathBuf, Document) {
        let page = dir.join("a.txt");
        std::fs::write(&page, PAGE).unwrap();
        let mut document = Document::open(&page).unwrap();
        let span = document.source().find_all("林晓舟")[0];
        let annotation = Annotation::new(document.source(), "PER", span, Origin::Manual, "t");
        document.apply(Command::Add(annotation)).unwrap();
        document.save().unwrap();
        (page, document)
    }

    #[test]
    fn a_page_edited_elsewhere_is_read_again_and_its_annotations_follow_the_text() {
        let dir = tempfile::tempdir().unwrap();
        let (page, mut document) = page_with_sidecar(dir.path());
        assert_eq!(document.reload_page().unwrap(), None, "nothing changed yet");
        std::fs::write(&page, PAGE.replace("本报讯", "本报讯 新华社")).unwrap();
        let report = document.reload_page().unwrap().expect("the page changed");
        assert_eq!(report.moved, 1);
        let annotation = &document.annotations()[0];
        assert_eq!(document.source().slice(annotation.span()), "林晓舟");
        assert_eq!(annotation.span(), Span::new(22, 25));
        assert!(document.is_dirty(), "the new offsets are to be saved");
        assert_eq!(
            document.undo(),
            None,
            "undo history of the old text is gone"
        );
    }

    #[test]
    fn a_sidecar_saved_elsewhere_is_merged_and_our_own_save_is_not_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let (page, mut document) = page_with_sidecar(dir.path());
        assert_eq!(document.refresh_sidecar().unwrap(), None, "our own save");
        // Another process accepts a suggestion of its own and saves.
        let mut other = Document::open(&page).unwrap();
        let span = other.source().find_all("新区")[0];
        let mut annotation = Annotation::new(other.source(), "LOC", span, Origin::Manual, "b");
        annotation.status = Status::Accepted;
        other.apply(Command::Add(annotation)).unwrap();
        other.save().unwrap();
        let refreshed = document
            .refresh_sidecar()
            .unwrap()
            .expect("changed on disk");
        assert_eq!(refreshed.merged_from_disk, 1);
        let labels: Vec<&str> = document
            .annotations()
            .iter()
            .map(|a| a.label.as_str())
            .collect();
        assert_eq!(labels, ["LOC", "PER"]);
        assert!(!document.is_dirty(), "nothing of ours is unsaved");
        assert_eq!(document.refresh_sidecar().unwrap(), None);
    }

    #[test]
    fn unsaved_work_survives_a_sidecar_saved_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let (page, mut document) = page_with_sidecar(dir.path());
        let span = document.source().find_all("新区")[1];
        let mine = Annotation::new(document.source(), "LOC", span, Origin::Manual, "a");
        document.apply(Command::Add(mine)).unwrap();
        // Meanwhile another process deletes the PER annotation and saves.
        let mut other = Document::open(&page).unwrap();
        let id = other.annotations()[0].id.clone();
        other.apply(Command::Delete(id)).unwrap();
        other.save().unwrap();
        let refreshed = document
            .refresh_sidecar()
            .unwrap()
            .expect("changed on disk");
        assert_eq!(refreshed.deleted_on_disk, 1);
        assert_eq!(document.annotations().len(), 1);
        assert_eq!(document.annotations()[0].label, "LOC");
        assert!(document.is_dirty(), "our LOC is still to be saved");
        document.save().unwrap();
        let reopened = Document::open(&page).unwrap();
        assert_eq!(reopened.annotations().len(), 1);
    }
}
