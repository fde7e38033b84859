//! The pages two annotators share, with each one's spans: the same page in two folders, or
//! two authors' annotations in one folder's sidecars.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::annotation::{Annotation, Document, Kind, Status, TagSet};
use crate::corpus::library::list;
use crate::text::Source;

use super::matching::Span;

/// One page as both sides labelled it.
#[derive(Clone, Debug)]
pub struct PagePair {
    /// The page's path below the folder (A's folder, for two folders).
    pub relative: PathBuf,
    /// A's copy of the page (the same text as B's).
    pub source: Arc<Source>,
    /// A's spans.
    pub a: Vec<Span>,
    /// B's spans.
    pub b: Vec<Span>,
}

/// Where the two sides are.
#[derive(Clone, Debug)]
pub enum Sides {
    /// The same pages in two folders, one annotator each.
    Folders(PathBuf, PathBuf),
    /// One folder; the annotations of two authors.
    Authors(PathBuf, String, String),
}

/// Whether an annotation takes part: a label that is not a correction or a note, accepted
/// (or, if `suggested`, still suggested) — never rejected.
fn counts(annotation: &Annotation, tagset: &TagSet, suggested: bool) -> bool {
    let kind = tagset.get(&annotation.label).map(|tag| tag.kind);
    let compared = !matches!(kind, Some(Kind::Correction | Kind::Note));
    let status = match annotation.status {
        Status::Accepted => true,
        Status::Suggested => suggested,
        Status::Rejected => false,
    };
    compared && status
}

fn span(annotation: &Annotation) -> Span {
    Span {
        start: annotation.start,
        end: annotation.end,
        label: annotation.label.clone(),
        id: annotation.id.0.clone(),
    }
}

/// The spans of `document` that take part, of `author` only if given.
pub(crate) fn spans(document: &Document, author: Option<&str>, suggested: bool) -> Vec<Span> {
    document
        .annotations()
        .iter()
        .filter(|a| a.anchor != crate::annotation::Anchor::Orphaned)
        .filter(|a| author.is_none_or(|author| a.author == author))
        .filter(|a| counts(a, document.tagset(), suggested))
        .map(span)
        .collect()
}

fn open(page: &Path) -> Result<Document, String> {
    Document::open(page).map_err(|err| err.to_string())
}

/// The page pairs of `sides`, and a line for each page left out (only on one side, different
/// text on the two sides, unreadable), naming it. `suggested`: suggestions take part too.
pub fn load_pairs(sides: &Sides, suggested: bool) -> (Vec<PagePair>, Vec<String>) {
    let mut pairs = Vec::new();
    let mut problems = Vec::new();
    match sides {
        Sides::Folders(a_root, b_root) => {
            let (a_pages, failures) = list(a_root);
            problems.extend(failures);
            let (b_pages, failures) = list(b_root);
            problems.extend(failures);
            for b_page in &b_pages {
                if !a_pages.iter().any(|a| a.relative == b_page.relative) {
                    problems.push(format!(
                        "{}: not in {}; left out",
                        b_page.path.display(),
                        a_root.display()
                    ));
                }
            }
            for page in a_pages {
                let b_path = b_root.join(&page.relative);
                if !b_path.is_file() {
                    problems.push(format!(
                        "{}: not in {}; left out",
                        page.path.display(),
                        b_root.display()
                    ));
                    continue;
                }
                let both = open(&page.path).and_then(|a| Ok((a, open(&b_path)?)));
                match both {
                    Ok((a, b)) if a.source().fingerprint() != b.source().fingerprint() => {
                        problems.push(format!(
                            "{}: its text differs from {}; left out (offsets cannot be compared)",
                            page.path.display(),
                            b_path.display()
                        ));
                    }
                    Ok((a, b)) => pairs.push(PagePair {
                        relative: page.relative,
                        a: spans(&a, None, suggested),
                        b: spans(&b, None, suggested),
                        source: a.source_arc(),
                    }),
                    Err(problem) => problems.push(format!("{problem}; left out")),
                }
            }
        }
        Sides::Authors(root, x, y) => {
            let (pages, failures) = list(root);
            problems.extend(failures);
            for page in pages {
                match open(&page.path) {
                    Ok(document) => pairs.push(PagePair {
                        relative: page.relative,
                        a: spans(&document, Some(x), suggested),
                        b: spans(&document, Some(y), suggested),
                        source: document.source_arc(),
                    }),
                    Err(problem) => problems.push(format!("{problem}; left out")),
                }
            }
        }
    }
    (pairs, problems)
}
