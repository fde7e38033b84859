//! `copydesk export`, driven as a user would: formats, refusals, the summary.

use std::path::{Path, PathBuf};

use crate::common::{copydesk, sample, seed};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A folder `pages/` with the sample page, two names tagged in it.
fn tagged_sample(dir: &Path) -> PathBuf {
    let folder = dir.join("pages");
    std::fs::create_dir_all(&folder).unwrap();
    let page = folder.join("a01.txt");
    std::fs::copy(sample("a01-qinghe-daily.txt"), &page).unwrap();
    let page_arg = page.to_str().unwrap();
    for (label, quote) in [("PER", "林晓舟"), ("LOC", "澄江区")] {
        let output = copydesk(&["tag", page_arg, "--label", label, "--quote", quote, "--all"]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    folder
}

#[test]
fn exports_a_folder_then_refuses_to_overwrite_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let folder = tagged_sample(dir.path());
    let out = dir.path().join("dataset");
    let args = [
        "export",
        folder.to_str().unwrap(),
        "--format",
        "jsonl",
        "--out",
        out.to_str().unwrap(),
    ];
    let output = copydesk(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "exported 1 page to {} (jsonl): 8 units, 9 spans, 1 file\n",
            out.display()
        )
    );
    assert_eq!(stderr(&output), "", "no progress bar off a terminal");
    let lines = std::fs::read_to_string(out.join("export.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    let text: Vec<char> = first["text"].as_str().unwrap().chars().collect();
    for span in first["spans"].as_array().unwrap() {
        let (start, end) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[start..end].iter().collect::<String>(),
            span["text"].as_str().unwrap()
        );
    }

    let output = copydesk(&args);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "copydesk: {} exists already; nothing was written (--force overwrites them)\n",
            out.join("export.jsonl").display()
        )
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    let output = copydesk(&forced);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).ends_with("1 file (1 overwritten)\n"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn every_format_by_name_and_page_units() {
    let dir = tempfile::tempdir().unwrap();
    let folder = tagged_sample(dir.path());
    let expected = [
        ("jsonl", vec!["export.jsonl"]),
        ("conll", vec!["export.conll"]),
        (
            "brat",
            vec!["annotation.conf", "visual.conf", "a01.txt", "a01.ann"],
        ),
        ("label-studio", vec!["tasks.json", "config.xml"]),
        ("csv-metrics", vec!["metrics.csv"]),
        ("corrected", vec!["a01.txt"]),
    ];
    for (format, files) in expected {
        let out = dir.path().join(format);
        let output = copydesk(&[
            "export",
            folder.to_str().unwrap(),
            "--format",
            format,
            "--unit",
            "page",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{format}: {}", stderr(&output));
        for file in files {
            assert!(out.join(file).is_file(), "{format}: {file}");
        }
    }
    let output = copydesk(&[
        "export",
        folder.to_str().unwrap(),
        "--format",
        "xml",
        "--out",
        "x",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("possible values: jsonl, conll, brat, label-studio, csv-metrics, corrected")
    );
}

#[test]
fn a_missing_page_is_named_and_the_rest_exported() {
    let dir = tempfile::tempdir().unwrap();
    let folder = tagged_sample(dir.path());
    let missing = dir.path().join("missing.txt");
    let out = dir.path().join("out");
    let output = copydesk(&[
        "export",
        folder.to_str().unwrap(),
        missing.to_str().unwrap(),
        "--format",
        "conll",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!("copydesk: {}: no such page or folder\n", missing.display())
    );
    assert!(out.join("export.conll").is_file());
}

/// The real page, with every suggestion accepted: every format is produced and the table
/// has one row per metric.
#[test]
fn the_seed_page_in_every_format() {
    let Some(seed) = seed() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("seed.txt");
    std::fs::copy(seed, &page).unwrap();
    let page_arg = page.to_str().unwrap();
    assert!(copydesk(&["suggest", page_arg, "--write"]).status.success());
    let listed = crate::common::json_lines(&["annotations", "--json", page_arg]);
    let metrics = listed.iter().filter(|a| a["label"] == "METRIC").count();
    let labels: std::collections::BTreeSet<&str> = listed
        .iter()
        .map(|a| a["label"].as_str().unwrap())
        .collect();
    for label in labels {
        let output = copydesk(&["review", page_arg, "--accept", "--label", label]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    for format in [
        "jsonl",
        "conll",
        "brat",
        "label-studio",
        "csv-metrics",
        "corrected",
    ] {
        let out = dir.path().join(format);
        let output = copydesk(&[
            "export",
            page_arg,
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{format}: {}", stderr(&output));
    }
    let table = std::fs::read_to_string(dir.path().join("csv-metrics/metrics.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(table.trim_start_matches('\u{feff}').as_bytes());
    assert!(metrics > 0);
    assert_eq!(reader.records().count(), metrics);
}
