//! One page of a folder at a glance: its state, its annotations counted, who touched it last —
//! read from its sidecar, without segmenting the page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::Serialize;

use crate::annotation::anchor::reanchor;
use crate::annotation::{Anchor, Annotation, Origin, Status, sidecar};
use crate::bulletin::segment;
use crate::proof::{self, ProofSettings, Severity};
use crate::text::Source;

/// Where a page stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageStatus {
    /// No one has made or decided on an annotation (there may be suggestions).
    Untouched,
    /// Someone has, and the page is not marked done.
    InProgress,
    /// Marked done.
    Done,
    /// Its sidecar cannot be read (the reason is in [`PageSummary::problem`]).
    Unreadable,
}

impl PageStatus {
    /// Every status, in the order lists and charts show them.
    pub const ALL: [Self; 4] = [
        Self::Untouched,
        Self::InProgress,
        Self::Done,
        Self::Unreadable,
    ];

    /// The name shown in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Untouched => "untouched",
            Self::InProgress => "in progress",
            Self::Done => "done",
            Self::Unreadable => "unreadable",
        }
    }
}

/// What a suggestion rule's suggestions became.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RuleCounts {
    /// Accepted by a person.
    pub accepted: usize,
    /// Rejected.
    pub rejected: usize,
    /// Still waiting for review.
    pub pending: usize,
}

impl RuleCounts {
    /// Adds another page's counts.
    pub fn add(&mut self, other: Self) {
        self.accepted += other.accepted;
        self.rejected += other.rejected;
        self.pending += other.pending;
    }
}

/// One page's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageSummary {
    /// The page file.
    pub path: PathBuf,
    /// Its path below the folder, as shown.
    pub relative: PathBuf,
    /// Untouched, in progress, done, or unreadable.
    pub status: PageStatus,
    /// Why the sidecar cannot be read, naming the file.
    pub problem: Option<String>,
    /// Accepted annotations per label.
    pub labels: BTreeMap<String, usize>,
    /// Accepted annotations in all.
    pub accepted: usize,
    /// Suggestions waiting for review.
    pub pending: usize,
    /// Annotations whose text is no longer on the page.
    pub orphaned: usize,
    /// Proofreading marks neither corrected nor ignored.
    pub marks: usize,
    /// Of those, marks of error severity.
    pub mark_errors: usize,
    /// Who last changed an annotation or the page's state.
    pub last_author: Option<String>,
    /// When.
    pub last_changed: Option<Timestamp>,
    /// Accepted annotations per author, per label.
    pub authors: BTreeMap<String, BTreeMap<String, usize>>,
    /// Accepted annotations per day (`2026-12-01`, UTC, of their last change), per author.
    pub days: BTreeMap<String, BTreeMap<String, usize>>,
    /// Suggestions per rule (the model's as `model.NAME`), by what became of them.
    pub rules: BTreeMap<String, RuleCounts>,
}

impl PageSummary {
    /// A page with no sidecar, or one not yet read.
    pub fn untouched(path: PathBuf, relative: PathBuf) -> Self {
        Self {
            path,
            relative,
            status: PageStatus::Untouched,
            problem: None,
            labels: BTreeMap::new(),
            accepted: 0,
            pending: 0,
            orphaned: 0,
            marks: 0,
            mark_errors: 0,
            last_author: None,
            last_changed: None,
            authors: BTreeMap::new(),
            days: BTreeMap::new(),
            rules: BTreeMap::new(),
        }
    }
}

/// Reads the page and its sidecar and counts. A sidecar that cannot be read gives an
/// [`PageStatus::Unreadable`] summary saying why; annotations of a page changed since its
/// sidecar was written are placed again (in memory only) to count the orphaned ones; the
/// page is proofread to count its open marks.
pub fn summarize(path: &Path, relative: &Path) -> PageSummary {
    let mut summary = PageSummary::untouched(path.to_owned(), relative.to_owned());
    let sidecar_path = sidecar::path_for(path);
    let unreadable = |mut summary: PageSummary, problem: String| {
        summary.status = PageStatus::Unreadable;
        summary.problem = Some(problem);
        summary
    };
    let bytes = match sidecar::read_bytes(&sidecar_path) {
        Ok(bytes) => bytes,
        Err(err) => return unreadable(summary, err.to_string()),
    };
    let file = match bytes.map(|bytes| sidecar::parse_unchecked(&sidecar_path, &bytes)) {
        Some(Err(err)) => return unreadable(summary, err.to_string()),
        Some(Ok(file)) => Some(file),
        None => None,
    };
    // Read only once the sidecar is known to be readable: otherwise the page is not needed.
    let page = Source::load(path).ok();
    let Some(mut file) = file else {
        if let Some(page) = &page {
            summary.count_marks(path, page, &[]);
        }
        return summary;
    };
    if let Some(page) = &page {
        if page.fingerprint() != file.source.fingerprint {
            reanchor(page, &mut file.annotations);
        }
        summary.count_marks(path, page, &file.annotations);
    }
    for annotation in &file.annotations {
        summary.count(annotation);
    }
    if let Some(state) = &file.state
        && summary
            .last_changed
            .is_none_or(|last| state.changed >= last)
    {
        summary.last_changed = Some(state.changed);
        summary.last_author = Some(state.by.clone());
    }
    let touched = file
        .annotations
        .iter()
        .any(|a| a.status != Status::Suggested);
    summary.status = match &file.state {
        Some(state) if state.done => PageStatus::Done,
        _ if touched => PageStatus::InProgress,
        _ => PageStatus::Untouched,
    };
    summary
}

impl PageSummary {
    /// Counts the page's proofreading marks that `annotations` (placed on it) neither correct
    /// nor ignore, with its folder's proofreading settings.
    fn count_marks(&mut self, path: &Path, page: &Source, annotations: &[Annotation]) {
        let settings = ProofSettings::for_page(path).unwrap_or_default();
        let marks = proof::check_page(page, &segment(page.text()), &settings);
        for mark in proof::open_among(annotations, &marks) {
            self.marks += 1;
            self.mark_errors += usize::from(mark.severity == Severity::Error);
        }
    }

    /// Counts one annotation.
    fn count(&mut self, annotation: &Annotation) {
        if annotation.anchor == Anchor::Orphaned {
            self.orphaned += 1;
        }
        let rule = match &annotation.origin {
            Origin::Rule(rule) => Some(rule.clone()),
            // The folder's model is judged like a rule.
            Origin::Model(model) => Some(format!("model.{model}")),
            Origin::Manual | Origin::Import(_) => None,
        };
        if let Some(rule) = rule {
            let counts = self.rules.entry(rule).or_default();
            match annotation.status {
                Status::Accepted => counts.accepted += 1,
                Status::Rejected => counts.rejected += 1,
                Status::Suggested => counts.pending += 1,
            }
        }
        match annotation.status {
            Status::Suggested => {
                self.pending += 1;
                return;
            }
            Status::Rejected => {}
            Status::Accepted => {
                self.accepted += 1;
                *self.labels.entry(annotation.label.clone()).or_default() += 1;
                let author = self.authors.entry(annotation.author.clone()).or_default();
                *author.entry(annotation.label.clone()).or_default() += 1;
                let day = annotation.modified.strftime("%Y-%m-%d").to_string();
                let day = self.days.entry(day).or_default();
                *day.entry(annotation.author.clone()).or_default() += 1;
            }
        }
        // A person's decision: the last one names the page's last author.
        if self
            .last_changed
            .is_none_or(|last| annotation.modified > last)
        {
            self.last_changed = Some(annotation.modified);
            self.last_author = Some(annotation.author.clone());
        }
    }
}
