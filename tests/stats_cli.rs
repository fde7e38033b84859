//! `copydesk done` and `copydesk stats` on a folder built here: pages in every state, a broken
//! sidecar, two authors.

use std::path::Path;

use crate::common::{self, copydesk};

fn run(args: &[&str]) -> std::process::Output {
    let output = copydesk(args);
    assert!(output.status.success(), "{args:?}: {output:?}");
    output
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// `a01.txt` untouched, `b02.txt` with suggestions only, `c03.txt` in progress (two
/// authors), `sub/d04.txt` done, `sub/e05.txt` with a broken sidecar.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).unwrap();
    for name in [
        "a01.txt",
        "b02.txt",
        "c03.txt",
        "sub/d04.txt",
        "sub/e05.txt",
    ] {
        std::fs::copy(common::sample("a01-qinghe-daily.txt"), root.join(name)).unwrap();
    }
    let b02 = root.join("b02.txt");
    run(&[
        "tag",
        arg(&b02),
        "--label",
        "LOC",
        "--quote",
        "澄江区",
        "--suggested",
    ]);
    let c03 = root.join("c03.txt");
    run(&[
        "tag",
        arg(&c03),
        "--label",
        "LOC",
        "--quote",
        "澄江区",
        "--all",
        "--author",
        "林晓舟",
    ]);
    let d04 = root.join("sub/d04.txt");
    for page in [&c03, &d04] {
        let tag = ["tag", arg(page), "--label", "PER", "--quote", "林晓舟"];
        run(&[&tag[..], &["--author", "苏念"]].concat());
    }
    run(&["done", arg(&d04), "--author", "苏念"]);
    std::fs::write(
        root.join("sub/e05.txt.ann.ron"),
        "(format: \"copydesk-annotations\"",
    )
    .unwrap();
    dir
}

#[test]
fn stats_counts_pages_by_state_labels_and_authors_and_names_the_broken_sidecar() {
    let dir = folder();
    let output = copydesk(&["stats", arg(dir.path()), "--json"]);
    assert_eq!(output.status.code(), Some(1), "a sidecar could not be read");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("e05.txt.ann.ron"), "{stderr}");
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["pages"], 5);
    assert_eq!(
        stats["by_status"],
        serde_json::json!({"done": 1, "in progress": 1, "unreadable": 1, "untouched": 2})
    );
    assert_eq!(stats["labels"], serde_json::json!({"LOC": 7, "PER": 2}));
    assert_eq!(
        stats["authors"],
        serde_json::json!({"林晓舟": {"LOC": 7}, "苏念": {"PER": 2}})
    );
    assert_eq!(stats["accepted"], 9);
    assert_eq!(stats["pending"], 1);
    assert_eq!(stats["orphaned"], 0);
    // The sample page's half-width punctuation, on each of the four pages read.
    assert_eq!(
        (stats["marks"].as_u64(), stats["mark_errors"].as_u64()),
        (Some(312), Some(300))
    );
    assert_eq!(stats["rules"], serde_json::json!({}));
    let days: u64 = stats["days"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|authors| authors.as_object().unwrap().values())
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(days, 9);
}

#[test]
fn stats_lists_each_page_on_request_and_done_can_be_taken_back() {
    let dir = folder();
    let d04 = dir.path().join("sub/d04.txt");
    let output = run(&["done", arg(&d04), "--undo"]);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("{}: no longer done\n", d04.display())
    );
    let output = copydesk(&["stats", arg(dir.path()), "--json", "--pages"]);
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let pages = stats["pages"].as_array().unwrap();
    let states: Vec<(&str, &str)> = pages
        .iter()
        .map(|p| {
            (
                p["relative"].as_str().unwrap(),
                p["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        states,
        [
            ("a01.txt", "untouched"),
            ("b02.txt", "untouched"),
            ("c03.txt", "in-progress"),
            ("sub/d04.txt", "in-progress"),
            ("sub/e05.txt", "unreadable"),
        ]
    );
    assert_eq!(pages[2]["last_author"], "苏念");
    let text = copydesk(&["stats", arg(dir.path())]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.starts_with("5 pages: 0 done, 2 in progress, 1 unreadable, 2 untouched\n9 accepted annotations, 1 suggestions to review, 0 orphaned; 312 proofreading marks open (300 errors)\n"),
        "{text}"
    );
    let missing = copydesk(&["stats", arg(&dir.path().join("nowhere"))]);
    assert_eq!(missing.status.code(), Some(2));
}
