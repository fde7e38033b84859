//! The pages two annotators share, with each one's spans: the same page in two folders, or
//! two authors' annotations in one folder's sidecars.

use std::collections::HashSet;
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
    Document::open(page).map_err(|err| format!("{err}; left out"))
}

/// One page to read: its path below the folder, A's file and B's (`None`: two authors of A's).
struct Job {
    relative: PathBuf,
    a: PathBuf,
    b: Option<PathBuf>,
}

/// Reads one page pair, or says why it is left out (naming the file).
fn read(job: Job, sides: &Sides, suggested: bool) -> Result<PagePair, String> {
    let a = open(&job.a)?;
    let (a_spans, b_spans) = match (&job.b, sides) {
        (Some(b_path), _) => {
            let b = open(b_path)?;
            if a.source().fingerprint() != b.source().fingerprint() {
                return Err(format!(
                    "{}: its text differs from {}; left out (offsets cannot be compared)",
                    job.a.display(),
                    b_path.display()
                ));
            }
            (spans(&a, None, suggested), spans(&b, None, suggested))
        }
        (None, Sides::Authors(_, x, y)) => {
            (spans(&a, Some(x), suggested), spans(&a, Some(y), suggested))
        }
        (None, Sides::Folders(..)) => (spans(&a, None, suggested), Vec::new()),
    };
    Ok(PagePair {
        relative: job.relative,
        source: a.source_arc(),
        a: a_spans,
        b: b_spans,
    })
}

/// The page pairs of `sides`, and a line for each page left out (only on one side, different
/// text on the two sides, unreadable), naming it. `suggested`: suggestions take part too.
/// Pages are read on every core, and come back in path order.
pub fn load_pairs(sides: &Sides, suggested: bool) -> (Vec<PagePair>, Vec<String>) {
    let mut problems = Vec::new();
    let mut jobs = Vec::new();
    match sides {
        Sides::Folders(a_root, b_root) => {
            let (a_pages, failures) = list(a_root);
            problems.extend(failures);
            let (b_pages, failures) = list(b_root);
            problems.extend(failures);
            let in_a: HashSet<&Path> = a_pages.iter().map(|p| p.relative.as_path()).collect();
            for b_page in b_pages
                .iter()
                .filter(|p| !in_a.contains(p.relative.as_path()))
            {
                problems.push(format!(
                    "{}: not in {}; left out",
                    b_page.path.display(),
                    a_root.display()
                ));
            }
            for page in a_pages {
                let b = b_root.join(&page.relative);
                if b.is_file() {
                    jobs.push(Job {
                        relative: page.relative,
                        a: page.path,
                        b: Some(b),
                    });
                } else {
                    problems.push(format!(
                        "{}: not in {}; left out",
                        page.path.display(),
                        b_root.display()
                    ));
                }
            }
        }
        Sides::Authors(root, ..) => {
            let (pages, failures) = list(root);
            problems.extend(failures);
            jobs.extend(pages.into_iter().map(|page| Job {
                relative: page.relative,
                a: page.path,
                b: None,
            }));
        }
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .max(1);
    let share = jobs.len().div_ceil(threads).max(1);
    let mut chunks: Vec<Vec<Job>> = Vec::new();
    let mut jobs = jobs.into_iter().peekable();
    while jobs.peek().is_some() {
        chunks.push(jobs.by_ref().take(share).collect());
    }
    let results: Vec<Vec<Result<PagePair, String>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|job| read(job, sides, suggested))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| vec![Err("a page reader stopped unexpectedly".to_owned())])
            })
            .collect()
    });
    let mut pairs = Vec::new();
    for result in results.into_iter().flatten() {
        match result {
            Ok(pair) => pairs.push(pair),
            Err(problem) => problems.push(problem),
        }
    }
    (pairs, problems)
}
