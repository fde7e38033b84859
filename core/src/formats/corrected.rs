//! `corrected`: each page with its recorded corrections applied, at the page's own path below
//! the output folder, in UTF-8.
//!
//! The text is the page as decoded (line endings as they are), changed only where a
//! correction annotation holds replacement text, by [`crate::proof::apply_corrections`] — the
//! one function the app and `copydesk fix` use too. Always one file per page, whatever
//! `--unit` says; a page with no corrections is written as it is.

use std::path::Path;

use super::model::PageUnits;
use super::output::{OutFile, Writer, Written, count};
use super::unit::is_exported;
use crate::proof::apply_corrections;

/// Writes the corrected pages, and counts the corrections that could not be applied.
pub struct Corrected {
    include_suggested: bool,
    overlapping: usize,
}

impl Corrected {
    /// Applies accepted corrections, and suggested ones if `include_suggested`.
    pub fn new(include_suggested: bool) -> Self {
        Self {
            include_suggested,
            overlapping: 0,
        }
    }
}

impl Writer for Corrected {
    fn page(&mut self, page: &PageUnits<'_>, relative: &Path, files: &mut Vec<OutFile>) -> Written {
        // From the document, not the units: a correction of blanks alone (a stray space to
        // delete) is in no unit.
        let annotations = page
            .document
            .annotations()
            .iter()
            .filter(|annotation| is_exported(annotation, self.include_suggested));
        let corrected = apply_corrections(page.document.source().text(), annotations);
        self.overlapping += corrected.overlapping;
        files.push(OutFile {
            path: relative.to_owned(),
            bytes: corrected.text.into_bytes(),
            page: Some(page.file.clone()),
        });
        Written {
            units: 1,
            spans: corrected.applied,
        }
    }

    fn finish(self: Box<Self>, _files: &mut Vec<OutFile>) -> Vec<String> {
        if self.overlapping == 0 {
            return Vec::new();
        }
        vec![format!(
            "corrected: {} left out where an earlier correction already changed the text",
            count(self.overlapping, "correction")
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{PAGE, fixture};
    use super::super::{Format, UnitKind};

    #[test]
    fn the_page_with_its_accepted_corrections_at_its_own_path() {
        let fixture = fixture();
        let summary = fixture.export(Format::Corrected, UnitKind::Item, false);
        assert_eq!(
            (summary.pages, summary.units, summary.spans, summary.files),
            (1, 1, 1, 1)
        );
        let expected = PAGE.replacen("前三季度,", "前三季度，", 1);
        assert_ne!(expected, PAGE);
        assert_eq!(fixture.read("p01.txt"), expected);
    }
}
