//! `copydesk check` and `copydesk fix` as a newsroom pipeline runs them: readable lines and
//! JSON Lines, exit statuses, `--only`, `--min-severity`, `--apply`, `--ignore`, and the real
//! seed page.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{copydesk, copydesk_with_input, seed};

/// A story with a half-width comma, a range written with a hyphen, an unclosed quote and a
/// full-width figure.
const PAGE: &str = "## 新区建设稳步推进\n\n本报讯（记者 林晓舟）工程进展顺利,每户1-3个。\n\n他说：“要快。\n\n全年完成１２亿元。\n";

fn page_in(dir: &Path) -> PathBuf {
    let page = dir.join("p01.txt");
    std::fs::write(&page, PAGE).unwrap();
    page
}

fn run(args: &[&str]) -> (i32, String, String) {
    let output = copydesk(args);
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn readable_lines_name_file_line_column_severity_check_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let name = page.display().to_string();
    let (code, out, _) = run(&["check", &name]);
    assert_eq!(code, 1, "error marks are left");
    let expected = [
        format!(
            "{name}:3:18: error punct.halfwidth: GB/T 15834 4.1: 中文语句中用全角标点 (fix: ，)"
        ),
        format!(
            "{name}:3:21: error number.range-hyphen: GB/T 15835 4.3: 数值范围用浪纹线“～” (fix: 1～3个)"
        ),
        format!(
            "{name}:5:4: error pairs.unbalanced: GB/T 15834 4.15/4.16: 成对标号须配对，不得交叉嵌套"
        ),
        format!("{name}:7:5: warning width.alnum: GB/T 15835 4.1: 数字和拉丁字母用半角 (fix: 12)"),
    ];
    assert_eq!(out.lines().collect::<Vec<_>>(), expected);
    let (code, out, _) = run(&[
        "check",
        &name,
        "--min-severity",
        "warning",
        "--only",
        "width.alnum",
    ]);
    assert_eq!(
        (code, out.lines().count()),
        (0, 1),
        "no error left among the marks asked for"
    );
}

#[test]
fn json_lines_carry_offsets_line_column_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let output = copydesk(&["check", "--json", &page.display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    let marks: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(marks.len(), 4);
    let first = marks[0].as_object().unwrap();
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "check", "column", "end", "file", "fix", "line", "message", "severity", "start", "text"
        ]
    );
    assert_eq!(
        (
            &marks[0]["start"],
            &marks[0]["end"],
            &marks[0]["text"],
            &marks[0]["fix"]
        ),
        (
            &Value::from(30),
            &Value::from(31),
            &Value::from(","),
            &Value::from("，")
        )
    );
    assert_eq!(marks[2]["fix"], Value::Null);
}

#[test]
fn apply_records_corrections_fix_writes_them_and_ignore_hides_a_mark() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let name = page.display().to_string();
    let (code, out, _) = run(&["check", &name, "--apply"]);
    assert_eq!(code, 1, "the unclosed quote has no fix and is left");
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            format!("{name}: recorded 3 corrections and 0 ignored marks"),
            format!(
                "{name}:5:4: error pairs.unbalanced: GB/T 15834 4.15/4.16: 成对标号须配对，不得交叉嵌套"
            ),
        ]
    );
    assert_eq!(
        std::fs::read_to_string(&page).unwrap(),
        PAGE,
        "the page is never changed"
    );
    let (code, fixed, _) = run(&["fix", &name]);
    assert_eq!(code, 0);
    assert_eq!(
        fixed,
        "## 新区建设稳步推进\n\n本报讯（记者 林晓舟）工程进展顺利，每户1～3个。\n\n他说：“要快。\n\n全年完成12亿元。\n"
    );
    let (code, _, _) = run(&["check", &name, "--ignore", "pairs.unbalanced@43:44"]);
    assert_eq!(code, 0, "nothing of error severity is left");
    let (code, out, _) = run(&["check", &name]);
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, _, err) = run(&["check", &name, "--ignore", "pairs.unbalanced@43:44"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no pairs.unbalanced mark at 43:44 to ignore"),
        "{err}"
    );
}

#[test]
fn fix_never_writes_over_the_page_and_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let name = page.display().to_string();
    let (code, _, err) = run(&["fix", &name, "--out", &name]);
    assert_eq!(code, 2);
    assert!(err.contains("--out names the page itself"), "{err}");
    let out = dir.path().join("fixed.txt");
    let (code, _, _) = run(&["fix", &name, "--out", &out.display().to_string()]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(out).unwrap(),
        PAGE,
        "no corrections recorded yet"
    );
    assert_eq!(run(&["check", &name, "--only", "punct.commas"]).0, 2);
    assert_eq!(run(&["check", &name, "--min-severity", "fatal"]).0, 2);
    assert_eq!(run(&["check", &name, "--ignore", "punct.halfwidth"]).0, 2);
    let (code, _, err) = run(&["check", "no-such-page.txt", &name]);
    assert_eq!(code, 1);
    assert!(err.contains("no-such-page.txt"), "{err}");
}

#[test]
fn standard_input_is_checked_but_not_changed() {
    let output = copydesk_with_input(&["check", "-", "--only", "punct.halfwidth"], PAGE);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 1);
    let output = copydesk_with_input(&["check", "-", "--apply"], PAGE);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_folder_proof_ron_turns_checks_off_and_a_broken_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let name = page.display().to_string();
    let settings = dir.path().join("proof.ron");
    std::fs::write(
        &settings,
        "(format: \"copydesk-proof\", version: 1, checks: {\n  \"pairs.unbalanced\": (enabled: false),\n  \"punct.halfwidth\": (severity: Info),\n  \"number.range-hyphen\": (severity: Warning),\n})",
    )
    .unwrap();
    let (code, out, _) = run(&["check", &name]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(":3:18: info punct.halfwidth"), "{out}");
    std::fs::write(
        &settings,
        "(format: \"copydesk-proof\", version: 1, checks: {\"punct.comma\": (enabled: false)})",
    )
    .unwrap();
    let (code, _, err) = run(&["check", &name]);
    assert_eq!(code, 1);
    assert!(
        err.contains("proof.ron:1:49: unknown check \"punct.comma\""),
        "{err}"
    );
}

#[test]
fn the_seed_page_is_marked_and_after_apply_and_fix_only_the_unbalanced_quote_is_left() {
    let Some(seed) = seed() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("seed.txt");
    std::fs::copy(seed, &page).unwrap();
    let name = page.display().to_string();
    let (code, out, _) = run(&["check", &name]);
    assert_eq!(code, 1);
    let count = |check: &str| {
        out.lines()
            .filter(|l| l.contains(&format!(" {check}:")))
            .count()
    };
    assert!(count("punct.halfwidth") > 300, "{out}");
    assert_eq!(count("pairs.unbalanced"), 1);
    assert_eq!(count("lines.rejoined"), 8);
    run(&["check", &name, "--apply"]);
    let fixed = dir.path().join("fixed.txt");
    assert_eq!(
        run(&["fix", &name, "--out", &fixed.display().to_string()]).0,
        0
    );
    let (code, out, _) = run(&[
        "check",
        &fixed.display().to_string(),
        "--min-severity",
        "error",
    ]);
    assert_eq!(code, 1);
    let left: Vec<&str> = out.lines().collect();
    assert_eq!(left.len(), 1, "{out}");
    assert!(left[0].contains("error pairs.unbalanced"), "{out}");
}
