//! The library and statistics on a folder built here: pages in every state, a broken sidecar,
//! two authors, a subfolder, and files that are not pages.

use std::path::{Path, PathBuf};

use super::*;
use crate::annotation::{Annotation, Command, Document, Origin, Status};
use crate::operations::done::mark_done;
use crate::text::Span;

const PAGE: &str = "## 新区开工建设\n\n本报讯(记者 林晓舟)新区今年完成投资12.5亿元,苏念说。\n";

/// Writes a page and, if `tags` holds any, its sidecar: each tag a label, the quote it
/// covers, a status, a rule (`None`: by hand) and an author.
fn page(
    dir: &Path,
    name: &str,
    tags: &[(&str, &str, Status, Option<&str>, &str)],
    done: bool,
) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, PAGE).unwrap();
    if tags.is_empty() && !done {
        return path;
    }
    let mut document = Document::open(&path).unwrap();
    for &(label, quote, status, rule, author) in tags {
        let start = document.source().find_all(quote)[0].start;
        let span = Span::new(start, start + quote.chars().count());
        let origin = rule.map_or(Origin::Manual, |rule| Origin::Rule(rule.to_owned()));
        let mut annotation = Annotation::new(document.source(), label, span, origin, author);
        annotation.status = status;
        document.apply(Command::Add(annotation)).unwrap();
    }
    if done {
        document.set_author("苏念");
        document.apply(mark_done(&document, true).unwrap()).unwrap();
    }
    document.save().unwrap();
    path
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    page(root, "a01.txt", &[], false);
    page(
        root,
        "a02.txt",
        &[(
            "PER",
            "林晓舟",
            Status::Suggested,
            Some("entity.byline"),
            "lin",
        )],
        false,
    );
    page(
        root,
        "a03.txt",
        &[
            (
                "PER",
                "林晓舟",
                Status::Accepted,
                Some("entity.byline"),
                "lin",
            ),
            (
                "METRIC",
                "12.5亿元",
                Status::Rejected,
                Some("metric.money"),
                "lin",
            ),
            ("LOC", "新区", Status::Accepted, None, "su"),
        ],
        false,
    );
    page(
        root,
        "b/b01.txt",
        &[
            ("PER", "苏念", Status::Accepted, None, "su"),
            (
                "METRIC",
                "12.5亿元",
                Status::Accepted,
                Some("metric.money"),
                "su",
            ),
        ],
        true,
    );
    std::fs::write(root.join("b/b02.txt"), PAGE).unwrap();
    std::fs::write(
        root.join("b/b02.txt.ann.ron"),
        "(format: \"copydesk-annotations\",",
    )
    .unwrap();
    // Not pages: a lock, a temporary file, a hidden folder, a sidecar.
    std::fs::write(root.join("a01.txt.ann.ron.lock"), "").unwrap();
    std::fs::write(root.join("a03.txt.ann.ron.tmp-1-2"), "").unwrap();
    std::fs::create_dir_all(root.join(".copydesk")).unwrap();
    std::fs::write(root.join(".copydesk/model.txt"), PAGE).unwrap();
    dir
}

fn names(pages: &[PageSummary], order: &[usize]) -> Vec<String> {
    order
        .iter()
        .map(|&i| pages[i].relative.to_string_lossy().replace('\\', "/"))
        .collect()
}

#[test]
fn the_scan_reads_every_page_and_goes_on_past_a_broken_sidecar() {
    let dir = folder();
    let mut calls = Vec::new();
    let (pages, failures) = scan(dir.path(), |done, total| calls.push((done, total)));
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(calls, [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]);
    let all: Vec<usize> = (0..pages.len()).collect();
    assert_eq!(
        names(&pages, &all),
        ["a01.txt", "a02.txt", "a03.txt", "b/b01.txt", "b/b02.txt"]
    );
    let statuses: Vec<PageStatus> = pages.iter().map(|p| p.status).collect();
    assert_eq!(
        statuses,
        [
            PageStatus::Untouched,
            PageStatus::Untouched,
            PageStatus::InProgress,
            PageStatus::Done,
            PageStatus::Unreadable
        ]
    );
    let a03 = &pages[2];
    assert_eq!((a03.accepted, a03.pending, a03.orphaned), (2, 0, 0));
    assert_eq!(a03.labels.get("PER"), Some(&1));
    assert_eq!(a03.last_author.as_deref(), Some("su"));
    assert_eq!(pages[1].pending, 1);
    assert_eq!(
        pages[3].last_author.as_deref(),
        Some("苏念"),
        "who marked it done"
    );
    let problem = pages[4].problem.as_deref().unwrap();
    assert!(problem.contains("b02.txt.ann.ron"), "{problem}");
    // Three half-width marks on a page; a correction answers one of them.
    assert_eq!((pages[0].marks, pages[0].mark_errors), (3, 3));
    let a01 = dir.path().join("a01.txt");
    let mut document = Document::open(&a01).unwrap();
    let start = document.source().find_all("(")[0].start;
    let mut fix = Annotation::new(
        document.source(),
        "CORR",
        Span::new(start, start + 1),
        Origin::Manual,
        "lin",
    );
    fix.correction = Some("（".to_owned());
    document.apply(Command::Add(fix)).unwrap();
    document.save().unwrap();
    let again = summarize(&a01, Path::new("a01.txt"));
    assert_eq!((again.marks, again.status), (2, PageStatus::InProgress));
}

#[test]
fn the_folder_figures_add_up_per_label_author_state_and_rule() {
    let dir = folder();
    let (pages, _) = scan(dir.path(), |_, _| {});
    let stats = FolderStats::of(&pages);
    assert_eq!(stats.pages, 5);
    let by_status: Vec<(&str, usize)> = stats.by_status.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(
        by_status,
        [
            ("done", 1),
            ("in progress", 1),
            ("unreadable", 1),
            ("untouched", 2)
        ]
    );
    assert_eq!((stats.accepted, stats.pending, stats.orphaned), (4, 1, 0));
    let labels: Vec<(&str, usize)> = stats.labels.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(labels, [("LOC", 1), ("METRIC", 1), ("PER", 2)]);
    let su: Vec<(&str, usize)> = stats.authors["su"]
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(su, [("LOC", 1), ("METRIC", 1), ("PER", 1)]);
    assert_eq!(stats.authors["lin"].values().sum::<usize>(), 1);
    let day_total: usize = stats.days.values().flat_map(|a| a.values()).sum();
    assert_eq!(day_total, 4);
    assert_eq!(
        stats.rules["metric.money"],
        RuleCounts {
            accepted: 1,
            rejected: 1,
            pending: 0
        }
    );
    assert_eq!(
        stats.rules["entity.byline"],
        RuleCounts {
            accepted: 1,
            rejected: 0,
            pending: 1
        }
    );
    let text = stats.to_text();
    // Each readable page has three half-width marks in Chinese text: ( ) and ,.
    assert_eq!((stats.marks, stats.mark_errors), (12, 12));
    assert!(text.starts_with("5 pages: 1 done, 1 in progress, 1 unreadable, 2 untouched\n4 accepted annotations, 1 suggestions to review, 0 orphaned; 12 proofreading marks open (12 errors)\n"), "{text}");
    assert!(text.contains("\nmetric.money\t1\t1\t0\t50%\n"), "{text}");
}

#[test]
fn the_list_sorts_by_any_column_filters_and_finds_the_next_unfinished_page() {
    let dir = folder();
    let (pages, _) = scan(dir.path(), |_, _| {});
    let none = Filter::default();
    let by = |column: Column, descending: bool, filter: &Filter| {
        names(&pages, &arrange(&pages, &column, descending, filter))
    };
    assert_eq!(
        by(Column::Accepted, true, &none),
        ["a03.txt", "b/b01.txt", "a01.txt", "a02.txt", "b/b02.txt"]
    );
    assert_eq!(
        by(Column::Page, true, &none),
        ["b/b02.txt", "b/b01.txt", "a03.txt", "a02.txt", "a01.txt"]
    );
    assert_eq!(
        by(Column::Label("METRIC".into()), true, &none)[0],
        "b/b01.txt"
    );
    let untouched = Filter {
        status: Some(PageStatus::Untouched),
        label: None,
    };
    assert_eq!(by(Column::Page, false, &untouched), ["a01.txt", "a02.txt"]);
    let loc = Filter {
        status: None,
        label: Some("LOC".into()),
    };
    assert_eq!(by(Column::Page, false, &loc), ["a03.txt"]);
    let order = arrange(&pages, &Column::Page, false, &none);
    let next = |from: Option<&str>| {
        let current = from.map(|name| dir.path().join(name));
        next_unfinished(&pages, &order, current.as_deref()).map(|p| p.relative.clone())
    };
    assert_eq!(next(None), Some("a01.txt".into()));
    assert_eq!(
        next(Some("a03.txt")),
        Some("b/b02.txt".into()),
        "b01 is done"
    );
    assert_eq!(
        next(Some("b/b02.txt")),
        Some("a01.txt".into()),
        "round to the start"
    );
}
