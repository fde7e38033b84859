//! What a format hands back to the export: files to write under the output folder, and what
//! went into them.

use std::path::{Path, PathBuf};

use super::model::PageUnits;

/// A file to write, relative to the output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutFile {
    /// Where, below the output folder.
    pub path: PathBuf,
    /// The contents.
    pub bytes: Vec<u8>,
    /// The page it was made from, for a file of one page (to name both pages if two pages
    /// would write the same file).
    pub page: Option<String>,
}

impl OutFile {
    /// A file holding every page, at `path` below the output folder.
    pub fn shared(path: &str, bytes: Vec<u8>) -> Self {
        Self {
            path: PathBuf::from(path),
            bytes,
            page: None,
        }
    }
}

/// The warning for a file some of whose records could not be serialized, if any (the
/// formats' own types always serialize; this keeps a failure from passing in silence).
pub fn unwritten(file: &str, error: Option<String>) -> Vec<String> {
    error
        .map(|err| format!("{file}: some records could not be written: {err}"))
        .into_iter()
        .collect()
}

/// How much of a page went into the files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Records: lines, documents, tasks, rows' units or pages, as the format counts them.
    pub units: usize,
    /// Annotations written.
    pub spans: usize,
}

/// One export format: takes the pages one by one, then finishes the files that hold them all.
pub trait Writer {
    /// Adds a page found at `relative` below the folder it was found in; files of its own are
    /// pushed onto `files`.
    fn page(&mut self, page: &PageUnits<'_>, relative: &Path, files: &mut Vec<OutFile>) -> Written;

    /// Pushes the files that hold every page, and returns warnings to show the user.
    fn finish(self: Box<Self>, files: &mut Vec<OutFile>) -> Vec<String>;
}

/// The folder for a page's own files: its relative path without the extension
/// (`sub/a05.txt` → `sub/a05`).
pub fn page_stem(relative: &Path) -> PathBuf {
    relative.with_extension("")
}

/// Labels in the order of the tag sets met, then any label used but in no tag set, in the
/// order first met: the order of `annotation.conf` and Label Studio's config.
#[derive(Debug, Default)]
pub struct Labels {
    /// Label, colour (if a tag set gave one), Chinese and English names.
    entries: Vec<LabelEntry>,
}

/// One label of [`Labels`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelEntry {
    /// The label: `PER`.
    pub label: String,
    /// `#rrggbb`, if a tag set gave one.
    pub colour: Option<String>,
    /// Chinese and English names, if a tag set gave them.
    pub names: Option<(String, String)>,
    /// The kind, if a tag set gave one.
    pub kind: Option<crate::annotation::Kind>,
}

impl Labels {
    /// Adds the labels of a page's tag set and of its annotations.
    pub fn add_page(&mut self, page: &PageUnits<'_>) {
        for tag in page.document.tagset().tags() {
            if !self.contains(&tag.label) {
                self.entries.push(LabelEntry {
                    label: tag.label.clone(),
                    colour: Some(tag.colour.clone()),
                    names: Some((tag.zh.clone(), tag.en.clone())),
                    kind: Some(tag.kind),
                });
            }
        }
        for unit in &page.units {
            for span in &unit.spans {
                if !self.contains(&span.annotation.label) {
                    self.entries.push(LabelEntry {
                        label: span.annotation.label.clone(),
                        colour: None,
                        names: None,
                        kind: None,
                    });
                }
            }
        }
    }

    fn contains(&self, label: &str) -> bool {
        self.entries.iter().any(|entry| entry.label == label)
    }

    /// The labels, in order.
    pub fn entries(&self) -> &[LabelEntry] {
        &self.entries
    }
}

/// `1 page`, `2 pages`: a count with its noun, for messages.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
