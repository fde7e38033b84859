//! Training examples from labelled pages: each sentence with the entities a person accepted
//! in it.
//!
//! Which sentences teach what:
//! - on a page with at least one accepted annotation of the model's labels (a labelled page),
//!   every sentence is an example, and every character no accepted annotation covers is
//!   *outside* — so rejected suggestions there, and everything never annotated, teach the
//!   model what is not an entity;
//! - on other pages only the sentences holding a rejected suggestion of the model's labels
//!   are examples (negative evidence: the rejected span, and the rest of the sentence, are
//!   outside);
//! - suggestions not reviewed yet teach nothing (they count as outside on labelled pages);
//! - a sentence that an accepted annotation crosses the end of is left out, as are annotations
//!   of labels the model does not learn (figures and dates stay with the rules).

use std::path::{Path, PathBuf};

use super::sentence::{Sentence, sentences};
use crate::annotation::{Document, Kind, Status};
use crate::formats::pages::find_under;

/// A labelled range inside a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The label.
    pub label: String,
    /// First character, counted in the sentence.
    pub start: usize,
    /// One past the last.
    pub end: usize,
}

/// One sentence and its entities: what the model learns from, or is scored against.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// The sentence, with its clues.
    pub sentence: Sentence,
    /// Its entities, in order, not overlapping.
    pub entities: Vec<Entity>,
}

/// Labels the model learns by default: those of kind entity in the tag set, except `DATE`,
/// which the rules find.
pub fn default_labels(document: &Document) -> Vec<String> {
    document
        .tagset()
        .tags()
        .iter()
        .filter(|t| t.kind == Kind::Entity && t.label != "DATE")
        .map(|t| t.label.clone())
        .collect()
}

/// The examples on one page, for `labels`.
pub fn from_document(document: &Document, labels: &[String]) -> Vec<Example> {
    let learned = |label: &str| labels.iter().any(|l| l == label);
    let annotations: Vec<_> = document
        .annotations()
        .iter()
        .filter(|a| learned(&a.label) && a.start < a.end)
        .collect();
    let labelled = annotations.iter().any(|a| a.status == Status::Accepted);
    if annotations.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for sentence in sentences(document.source(), document.bulletin()) {
        let span = sentence.span();
        let inside: Vec<_> = document
            .overlapping(span)
            .filter(|a| learned(&a.label))
            .collect();
        let rejected = inside.iter().any(|a| a.status == Status::Rejected);
        if !labelled && !rejected {
            continue;
        }
        let mut accepted: Vec<_> = inside
            .iter()
            .filter(|a| a.status == Status::Accepted)
            .collect();
        if accepted
            .iter()
            .any(|a| a.start < span.start || a.end > span.end)
        {
            continue;
        }
        accepted.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end)));
        let mut entities: Vec<Entity> = Vec::new();
        for a in accepted {
            if entities
                .last()
                .is_some_and(|e| e.end > a.start - span.start)
            {
                continue;
            }
            entities.push(Entity {
                label: a.label.clone(),
                start: a.start - span.start,
                end: a.end - span.start,
            });
        }
        out.push(Example { sentence, entities });
    }
    out
}

/// The examples of every page under some folders.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The examples, folder by folder, page by page, in path order.
    pub examples: Vec<Example>,
    /// The labels asked for, or else those of the tag sets' entity labels (not `DATE`) that
    /// the examples hold, in tag-set order.
    pub labels: Vec<String>,
    /// Pages read.
    pub pages: usize,
    /// Pages that could not be read, one line each.
    pub failures: Vec<String>,
}

impl Corpus {
    /// Accepted annotations in the examples.
    pub fn annotations(&self) -> usize {
        self.examples.iter().map(|e| e.entities.len()).sum()
    }
}

/// Reads every page under `folders` (hidden folders such as `.copydesk` are skipped) and
/// gathers the examples for `labels`, or for each page's default labels when `None`. Pages
/// are read one at a time: only their examples are kept.
pub fn load(folders: &[PathBuf], labels: Option<&[String]>) -> Corpus {
    let mut corpus = Corpus::default();
    let mut wanted: Vec<String> = labels.map(<[String]>::to_vec).unwrap_or_default();
    for folder in folders {
        for page in find_under(folder, &mut corpus.failures) {
            let document = match Document::open(&page.path) {
                Ok(document) => document,
                Err(err) => {
                    corpus.failures.push(err.to_string());
                    continue;
                }
            };
            corpus.pages += 1;
            let here = labels.map_or_else(|| default_labels(&document), <[String]>::to_vec);
            for label in &here {
                if !wanted.contains(label) {
                    wanted.push(label.clone());
                }
            }
            corpus.examples.extend(from_document(&document, &here));
        }
    }
    corpus.labels = match labels {
        Some(_) => wanted,
        None => wanted
            .into_iter()
            .filter(|l| {
                corpus
                    .examples
                    .iter()
                    .any(|e| e.entities.iter().any(|x| &x.label == l))
            })
            .collect(),
    };
    corpus
}

/// The model file of a folder: `FOLDER/.copydesk/model.bin`, hidden from the library and from
/// export, shared with the pages through git.
pub fn model_path(folder: &Path) -> PathBuf {
    folder.join(".copydesk").join("model.bin")
}
