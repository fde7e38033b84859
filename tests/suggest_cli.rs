//! `copydesk suggest` as a user runs it: readable lines, JSON Lines, `--only`, standard input,
//! unreadable pages, and the real seed page's bylines.

use crate::common::{self, copydesk, sample, seed};
use serde_json::Value;

/// Runs `suggest --json` with extra arguments and returns one object per suggestion.
fn suggest_json(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["suggest", "--json"];
    all.extend_from_slice(args);
    common::json_lines(&all)
}

fn find<'a>(suggestions: &'a [Value], label: &str, text: &str) -> Option<&'a Value> {
    suggestions
        .iter()
        .find(|s| s["label"] == label && s["text"] == text)
}

#[test]
fn json_lines_on_a_sample_page() {
    let path = sample("a01-qinghe-daily.txt");
    let page = std::fs::read_to_string(&path).unwrap();
    let chars: Vec<char> = page.chars().collect();
    let suggestions = suggest_json(&[&path.display().to_string()]);
    assert!(suggestions.len() > 50, "{}", suggestions.len());
    for s in &suggestions {
        let keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["end", "file", "label", "metric", "rule", "start", "text"]
        );
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        let text: String = chars[start..end].iter().collect();
        assert_eq!(s["text"], text.as_str());
        assert_eq!(s["metric"].is_null(), s["label"] != "METRIC");
    }
    let gdp = find(&suggestions, "METRIC", "386.2亿元").unwrap();
    assert_eq!(gdp["rule"], "metric.money");
    let metric = &gdp["metric"];
    assert_eq!(metric["value"], "386.2");
    assert_eq!(metric["scale"], 100_000_000);
    assert_eq!(metric["number"], 38_620_000_000.0);
    assert_eq!(metric["unit"], "元");
    assert_eq!(metric["indicator"], "地区生产总值");
    assert_eq!(metric["period"], "前三季度");
    assert_eq!(metric["change"]["phrase"], "同比增长");
    assert_eq!(metric["change"]["direction"], "Up");
    assert_eq!(metric["change"]["figure"], "6.8%");
    assert_eq!(
        find(&suggestions, "PER", "林晓舟").unwrap()["rule"],
        "entity.byline"
    );
    assert!(find(&suggestions, "WORK", "家乡的河").is_some());
    assert!(find(&suggestions, "DATE", "12月5日").is_some());
    assert!(
        find(&suggestions, "METRIC", "11点半").is_none(),
        "clock times are not metrics"
    );
}

#[test]
fn only_metrics_or_entities() {
    let path = sample("b02-nanling-county.txt").display().to_string();
    let metrics = suggest_json(&["--only", "metrics", &path]);
    assert!(!metrics.is_empty());
    assert!(metrics.iter().all(|s| s["label"] == "METRIC"));
    let entities = suggest_json(&["--only", "entities", &path]);
    assert!(!entities.is_empty());
    assert!(entities.iter().all(|s| s["label"] != "METRIC"));
    let all = suggest_json(&[&path]);
    assert_eq!(all.len(), metrics.len() + entities.len());
    let bad = copydesk(&["suggest", "--only", "figures", &path]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn readable_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt");
    std::fs::write(
        &path,
        "## 新区开工建设\n\n本报讯(记者 林晓舟)今年以来,新区固定资产投资完成12.5亿元,同比增长8%。\n",
    )
    .unwrap();
    let output = copydesk(&["suggest", &path.display().to_string()]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{}  2 suggestions", path.display()).as_str(),
            "  18-21       PER     林晓舟  entity.byline",
            "  37-43       METRIC  12.5亿元  metric.money  value=12.5 scale=100000000 number=1250000000 unit=元 indicator=固定资产投资 period=今年以来 change=同比增长+8%",
        ]
    );
}

#[test]
fn unreadable_pages_are_reported_after_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let good = sample("b02-nanling-county.txt");
    let output = copydesk(&[
        "suggest",
        &empty.display().to_string(),
        &good.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with(&format!("{}  ", good.display())),
        "{stdout}"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr.trim_end(),
        format!(
            "copydesk: {}: the file is empty; a page needs some text",
            empty.display()
        )
    );
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let output = common::copydesk_with_input(
        &["suggest", "--json", "-"],
        "## 题\n\n本报讯 全县新增企业300余家。\n",
    );
    let line: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(line["file"], "-");
    assert_eq!(line["text"], "300余家");
    assert_eq!(line["metric"]["approx"], "余");
}

#[test]
fn seed_page_byline_names_are_people() {
    let Some(path) = seed() else {
        eprintln!("../shared/seeds is not beside this checkout; skipping");
        return;
    };
    let path = path.display().to_string();
    let segment = copydesk(&["segment", "--json", &path]);
    let page: Value = serde_json::from_slice(&segment.stdout).unwrap();
    let mut names: Vec<(u64, u64)> = Vec::new();
    let text = std::fs::read_to_string(&path).unwrap();
    let chars: Vec<char> = text.chars().collect();
    for item in page["items"].as_array().unwrap() {
        for (key, lists) in [
            ("byline", &["reporters", "correspondents", "others"][..]),
            ("trailing_byline", &["names"][..]),
            ("credit", &["photographers"][..]),
        ] {
            let element = &item[key];
            if element.is_null() {
                continue;
            }
            let start = element["start"].as_u64().unwrap() as usize;
            let end = element["end"].as_u64().unwrap() as usize;
            let within: String = chars[start..end].iter().collect();
            for list in lists {
                for name in element[*list].as_array().unwrap() {
                    let name = name.as_str().unwrap();
                    let at = within.find(name).unwrap();
                    let from = (start + within[..at].chars().count()) as u64;
                    names.push((from, from + name.chars().count() as u64));
                }
            }
        }
    }
    assert_eq!(
        names.len(),
        24,
        "18 in bylines, 3 in a trailing byline, 3 credits"
    );
    let suggestions = suggest_json(&["--only", "entities", &path]);
    for (start, end) in names {
        let found = suggestions
            .iter()
            .find(|s| s["start"] == start && s["end"] == end);
        let found = found.unwrap_or_else(|| panic!("no suggestion at {start}..{end}"));
        assert_eq!(
            (found["label"].as_str(), found["rule"].as_str()),
            (Some("PER"), Some("entity.byline"))
        );
    }
}
