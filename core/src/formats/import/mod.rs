//! Import: work done in other tools (brat, doccano, Label Studio, CoNLL corpora) or exported
//! by copydesk (JSON Lines) brought in as pages and sidecars.
//!
//! [`import()`] is the one entry point, for `copydesk import` and the app's File → Import…
//! alike. A reader per format (one module each, beside the export's writers) turns files into
//! records — a text, the page it goes to, its spans — refusing every span whose text does not
//! match its range, or whose range or tags are broken, with the file and line. `place` then
//! writes the pages (or finds them, for records naming a copydesk page) and adds the spans
//! through the document's commands, saved as every save is (lock, merge, atomic write).

mod brat;
mod conll;
mod doccano;
mod files;
mod jsonl;
mod label_studio;
mod model;
mod place;

use std::fmt;
use std::path::PathBuf;

pub use conll::SENTENCES_PER_PAGE;
pub use model::Refusal;

use super::output::count;
use model::Record;

/// The formats `copydesk import --format` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportFormat {
    /// brat standoff: `.txt` and `.ann` pairs.
    Brat,
    /// copydesk's own JSON Lines export.
    Jsonl,
    /// doccano's sequence-labelling JSON Lines.
    Doccano,
    /// Label Studio's JSON export of tasks.
    LabelStudio,
    /// CoNLL: a token and its IOB2 or BIOES tag a line.
    Conll,
}

impl ImportFormat {
    /// Every format, in the order the help lists them.
    pub const ALL: [Self; 5] = [
        Self::Brat,
        Self::Jsonl,
        Self::Doccano,
        Self::LabelStudio,
        Self::Conll,
    ];

    /// The name `--format` takes, and the origin of what it imports (`Import("brat")`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Brat => "brat",
            Self::Jsonl => "jsonl",
            Self::Doccano => "doccano",
            Self::LabelStudio => "label-studio",
            Self::Conll => "conll",
        }
    }

    /// The format of a name in [`ImportFormat::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.name() == name)
    }
}

/// What to import, from where, into where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRequest {
    /// A file, or a folder searched recursively for the format's files.
    pub source: PathBuf,
    /// The format.
    pub format: ImportFormat,
    /// The folder the pages and sidecars go into (made if need be).
    pub into: PathBuf,
    /// The author of the spans imported; `None`: the file's own, else the login name.
    pub author: Option<String>,
    /// Add labels the tag set lacks to the folder's `tagset.ron`, instead of refusing them.
    pub add_labels: bool,
}

/// How far an import has got, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportProgress {
    /// `done` of `total` files read.
    Reading {
        /// Files read.
        done: usize,
        /// Files found.
        total: usize,
    },
    /// `done` of `total` pages written and annotated.
    Placing {
        /// Pages done.
        done: usize,
        /// Pages to do.
        total: usize,
    },
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Pages that received spans or were written.
    pub pages: usize,
    /// Of those, pages written (the others were there already).
    pub pages_written: usize,
    /// Spans added to sidecars.
    pub spans: usize,
    /// Spans left out, each with its file, line and reason.
    pub refused: Vec<Refusal>,
    /// Labels the tag set lacks, with the number of spans of each (refused, or added to the
    /// tag set with `add_labels`).
    pub unknown_labels: Vec<(String, usize)>,
    /// The tag-set files `add_labels` wrote.
    pub tagsets_written: Vec<PathBuf>,
    /// Files or pages that could not be read or written, one line each naming the file; the
    /// others were imported.
    pub failures: Vec<String>,
}

impl ImportSummary {
    /// One line: `imported 3 pages into DIR (brat): 40 spans, 2 refused`.
    pub fn describe(&self, request: &ImportRequest) -> String {
        format!(
            "imported {} into {} ({}): {}, {} refused",
            count(self.pages, "page"),
            request.into.display(),
            request.format.name(),
            count(self.spans, "span"),
            self.refused.len()
        )
    }

    /// What the user should read besides the summary: the labels the tag set lacks, then
    /// every refused span and every failure, one line each.
    pub fn details(&self, request: &ImportRequest) -> Vec<String> {
        let mut lines = Vec::new();
        for (label, spans) in &self.unknown_labels {
            lines.push(if request.add_labels {
                format!(
                    "label {label} added to the tag set ({})",
                    count(*spans, "span")
                )
            } else {
                format!(
                    "label {label} is not in the tag set: {} refused (--add-labels adds it)",
                    count(*spans, "span")
                )
            });
        }
        lines.extend(self.refused.iter().map(ToString::to_string));
        lines.extend(self.failures.iter().cloned());
        lines
    }
}

/// Why an import did nothing.
#[derive(Debug, PartialEq, Eq)]
pub enum ImportError {
    /// No file of the format was found.
    NothingToImport {
        /// What was looked at, and why nothing came of it.
        reason: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NothingToImport { reason } => write!(f, "nothing to import: {reason}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Imports `request`, calling `progress` as files are read and pages placed (from this
/// thread). Spans that cannot be imported are listed in [`ImportSummary::refused`]; files and
/// pages that cannot be read or written in [`ImportSummary::failures`], the rest imported.
pub fn import(
    request: &ImportRequest,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportSummary, ImportError> {
    let found = files::find(request.format, &request.source)?;
    let mut summary = ImportSummary::default();
    let total = found.len();
    progress(ImportProgress::Reading { done: 0, total });
    let mut records: Vec<Record> = Vec::new();
    for (done, file) in found.iter().enumerate() {
        match files::read(request.format, file, &mut summary.refused) {
            Ok(read) => records.extend(read),
            Err(failure) => summary.failures.push(failure),
        }
        progress(ImportProgress::Reading {
            done: done + 1,
            total,
        });
    }
    place::place(request, records, &mut summary, progress);
    Ok(summary)
}

#[cfg(test)]
mod tests;
