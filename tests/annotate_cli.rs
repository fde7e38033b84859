//! `copydesk tag`, `untag` and `annotations`, driven as a user would.

use std::path::Path;

use crate::common::{self, copydesk, sample, seed};
use serde_json::Value;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn listing(page: &Path) -> Vec<Value> {
    common::json_lines(&["annotations", "--json", page.to_str().unwrap()])
}

fn copy_sample(dir: &Path) -> std::path::PathBuf {
    let page = dir.join("a01.txt");
    std::fs::copy(sample("a01-qinghe-daily.txt"), &page).unwrap();
    page
}

#[test]
fn tag_every_occurrence_then_list_and_untag() {
    let dir = tempfile::tempdir().unwrap();
    let page = copy_sample(dir.path());
    let page_arg = page.to_str().unwrap();
    let output = copydesk(&[
        "tag",
        page_arg,
        "--label",
        "PER",
        "--quote",
        "林晓舟",
        "--all",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{page_arg}: tagged 2 × PER\n"));

    // Again: nothing new.
    let output = copydesk(&[
        "tag",
        page_arg,
        "--label",
        "PER",
        "--quote",
        "林晓舟",
        "--all",
    ]);
    assert_eq!(
        stdout(&output),
        format!("{page_arg}: tagged 0 × PER, 2 already tagged\n")
    );

    let listed = listing(&page);
    let summary: Vec<(u64, u64, &str, &str, u64, &str)> = listed
        .iter()
        .map(|a| {
            (
                a["start"].as_u64().unwrap(),
                a["end"].as_u64().unwrap(),
                a["quote"].as_str().unwrap(),
                a["pane"].as_str().unwrap(),
                a["item"].as_u64().unwrap(),
                a["anchor"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (45, 48, "林晓舟", "byline", 1, "exact"),
            (999, 1002, "林晓舟", "credit", 4, "exact")
        ]
    );
    assert_eq!(listed[0]["status"], "accepted");
    assert_eq!(listed[0]["origin"], "manual");

    let id = listed[1]["id"].as_str().unwrap();
    let output = copydesk(&["untag", page_arg, "--id", id]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(listing(&page).len(), 1);
}

#[test]
fn tag_a_range_with_a_note_as_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let page = copy_sample(dir.path());
    let page_arg = page.to_str().unwrap();
    let output = copydesk(&[
        "tag",
        page_arg,
        "--label",
        "METRIC",
        "--range",
        "151:158",
        "--suggested",
        "--note",
        "核对",
        "--author",
        "编辑甲",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let listed = listing(&page);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["quote"], "386.2亿元");
    assert_eq!(listed[0]["status"], "suggested");
    assert_eq!(listed[0]["note"], "核对");
    assert_eq!(listed[0]["author"], "编辑甲");
    assert_eq!(listed[0]["pane"], "body");
}

#[test]
fn bad_label_and_bad_range_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let page = copy_sample(dir.path());
    let page_arg = page.to_str().unwrap();
    let output = copydesk(&["tag", page_arg, "--label", "PERSON", "--quote", "林晓舟"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "copydesk: {page_arg}: unknown label \"PERSON\"; the tag set has PER, LOC, ORG, WORK, EVENT, DATE, METRIC, CORR, NOTE; nothing was changed\n"
        )
    );
    let output = copydesk(&["tag", page_arg, "--label", "PER", "--range", "10:99999"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "copydesk: {page_arg}: range 10:99999 is not inside the page (0:1505, start before end); nothing was changed\n"
        )
    );
    let output = copydesk(&["tag", page_arg, "--label", "PER", "--quote", "不存在的名字"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!page.with_file_name("a01.txt.ann.ron").exists());
    let output = copydesk(&["tag", page_arg, "--label", "PER", "--range", "oops"]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
}

#[test]
fn unreadable_sidecar_stops_tagging_until_asked_to_start_anew() {
    let dir = tempfile::tempdir().unwrap();
    let page = copy_sample(dir.path());
    let page_arg = page.to_str().unwrap();
    let sidecar = dir.path().join("a01.txt.ann.ron");
    std::fs::write(
        &sidecar,
        "(format: \"copydesk-annotations\", version: 1, source: (file: \"a01.txt\"\n",
    )
    .unwrap();
    let output = copydesk(&["tag", page_arg, "--label", "PER", "--quote", "林晓舟"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.starts_with(&format!(
            "copydesk: {}:1:70: Expected comma",
            sidecar.display()
        )),
        "{message}"
    );
    assert!(
        message.trim_end().ends_with("run again with --new-sidecar"),
        "{message}"
    );
    let output = copydesk(&["annotations", page_arg]);
    assert_eq!(output.status.code(), Some(1));

    let output = copydesk(&[
        "tag",
        page_arg,
        "--label",
        "PER",
        "--quote",
        "林晓舟",
        "--new-sidecar",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("the unreadable sidecar was kept as "));
    assert_eq!(listing(&page).len(), 1);
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".unreadable-")
        })
        .count();
    assert_eq!(kept, 1);
}

#[test]
fn seed_names_move_with_an_inserted_paragraph() {
    let Some(seed) = seed() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    std::fs::copy(&seed, &page).unwrap();
    let page_arg = page.to_str().unwrap();
    let output = copydesk(&[
        "tag",
        page_arg,
        "--label",
        "PER",
        "--quote",
        "孙志刚",
        "--all",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let before = listing(&page);
    assert_eq!(before.len(), 2);

    let inserted = "新华社北京12月6日电 这是插入页首的一段😀新导语。\n\n";
    let original = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{inserted}{original}")).unwrap();
    let after = listing(&page);
    let shift = inserted.chars().count() as u64;
    assert_eq!(after.len(), before.len());
    let text: Vec<char> = std::fs::read_to_string(&page).unwrap().chars().collect();
    for (old, new) in before.iter().zip(&after) {
        assert_eq!(new["id"], old["id"]);
        assert_eq!(new["anchor"], "moved");
        assert_eq!(
            new["start"].as_u64().unwrap(),
            old["start"].as_u64().unwrap() + shift
        );
        let (start, end) = (
            new["start"].as_u64().unwrap() as usize,
            new["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text[start..end].iter().collect::<String>(), "孙志刚");
        assert_eq!(new["quote"], "孙志刚");
    }
}

#[test]
fn review_by_label_and_item_counts_only_changes_and_refuses_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let page = copy_sample(dir.path());
    let page_arg = page.to_str().unwrap();
    let output = copydesk(&["suggest", page_arg, "--write"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = copydesk(&[
        "review", page_arg, "--accept", "--label", "PER", "--item", "1",
    ]);
    assert_eq!(stdout(&output), format!("{page_arg}: accepted 3\n"));
    let listed = listing(&page);
    let accepted: Vec<&str> = listed
        .iter()
        .filter(|a| a["status"] == "accepted")
        .map(|a| a["quote"].as_str().unwrap())
        .collect();
    assert_eq!(accepted, ["林晓舟", "苏念", "方可"]);

    let id = listed.iter().find(|a| a["quote"] == "林晓舟").unwrap()["id"]
        .as_str()
        .unwrap();
    let output = copydesk(&["review", page_arg, "--accept", "--id", id]);
    assert_eq!(
        stdout(&output),
        format!("{page_arg}: accepted 0 (1 already were)\n")
    );

    let output = copydesk(&["review", page_arg, "--accept", "--label", "NOPE"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("unknown label \"NOPE\""),
        "{}",
        stderr(&output)
    );
    let output = copydesk(&[
        "review", page_arg, "--accept", "--label", "LOC", "--item", "99",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!("copydesk: {page_arg}: there is no item 99; the page has items 1 to 8\n")
    );
}

#[test]
fn a_range_of_blanks_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let page = copy_sample(dir.path());
    let page_arg = page.to_str().unwrap();
    let output = copydesk(&["tag", page_arg, "--label", "LOC", "--range", "1504:1505"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "copydesk: {page_arg}: range 1504:1505 holds only blanks; annotate some text; nothing was changed\n"
        )
    );
}

#[test]
fn edit_changes_label_note_and_metric_fields() {
    let dir = tempfile::tempdir().unwrap();
    let page = copy_sample(dir.path());
    let page_arg = page.to_str().unwrap();
    let output = copydesk(&["tag", page_arg, "--label", "ORG", "--range", "151:158"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let id = listing(&page)[0]["id"].as_str().unwrap().to_owned();
    let output = copydesk(&[
        "edit",
        page_arg,
        "--id",
        &id,
        "--label",
        "METRIC",
        "--note",
        "核对来源",
        "--metric",
        "value=386.2",
        "--metric",
        "scale=亿",
        "--metric",
        "unit=元",
        "--metric",
        "indicator=地区生产总值",
        "--metric",
        "change=同比增长",
        "--metric",
        "change-figure=6.8%",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!("{page_arg}: 3 change(s) to {id}\n")
    );
    let edited = &listing(&page)[0];
    assert_eq!(edited["label"], "METRIC");
    assert_eq!(edited["note"], "核对来源");
    let metric = &edited["metric"];
    assert_eq!(metric["number"], 38_620_000_000.0);
    assert_eq!(metric["scale"], 100_000_000);
    assert_eq!(metric["unit"], "元");
    assert_eq!(metric["indicator"], "地区生产总值");
    assert_eq!(metric["change"]["direction"], "Up");
    assert_eq!(metric["change"]["figure"], "6.8%");

    let output = copydesk(&["edit", page_arg, "--id", &id, "--metric", "colour=red"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("unknown metric field \"colour\""));
    let output = copydesk(&["edit", page_arg, "--id", &id, "--correction", "386.3亿元"]);
    assert_eq!(
        stderr(&output),
        format!("copydesk: {page_arg}: --correction is for correction labels; METRIC is not one\n")
    );
    // Editing another field keeps the number computed from value and scale.
    let output = copydesk(&["edit", page_arg, "--id", &id, "--metric", "period=前三季度"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(listing(&page)[0]["metric"]["number"], 38_620_000_000.0);
}

#[test]
fn tagging_a_suggestion_accepts_it_and_a_metric_gets_its_figure() {
    let dir = tempfile::tempdir().unwrap();
    let page = copy_sample(dir.path());
    let page_arg = page.to_str().unwrap();
    let written = copydesk(&["suggest", page_arg, "--write"]);
    assert!(written.status.success(), "{}", stderr(&written));
    let before = listing(&page).len();
    let output = copydesk(&["tag", page_arg, "--label", "PER", "--quote", "林晓舟"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with(&format!("{page_arg}: tagged 0 × PER, accepted 1 suggested")),
        "{}",
        stdout(&output)
    );
    let after = listing(&page);
    assert_eq!(after.len(), before, "no second annotation");
    let person = after
        .iter()
        .find(|a| a["quote"] == "林晓舟" && a["label"] == "PER")
        .unwrap();
    assert_eq!(person["status"], "accepted");

    // A figure tagged on a page without suggestions gets its fields as a suggestion would.
    let fresh = dir.path().join("fresh");
    std::fs::create_dir(&fresh).unwrap();
    let other = copy_sample(&fresh);
    let other_arg = other.to_str().unwrap();
    let output = copydesk(&["tag", other_arg, "--label", "METRIC", "--quote", "12.4亿元"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let listed = listing(&other);
    assert_eq!(listed.len(), 1);
    let metric = &listed[0]["metric"];
    assert_eq!(
        (&metric["value"], &metric["unit"], &metric["number"]),
        (
            &Value::from("12.4"),
            &Value::from("元"),
            &Value::from(1_240_000_000.0)
        )
    );
    assert_eq!(listed[0]["origin"], "manual");
}
