//! `copydesk train` and `copydesk suggest --model` on an invented corpus brought in with
//! `copydesk import --format conll`.

use std::path::Path;

use copydesk::annotation::{Document, Origin, Status};
use copydesk::suggest::model::invented;

use crate::common::{copydesk, json_lines};

/// Fails the test with the command's error output unless it succeeded.
fn assert_success(output: &std::process::Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Imports `n` invented sentences (seed `seed`) into `into`.
fn import(dir: &Path, name: &str, n: usize, seed: u64) -> std::path::PathBuf {
    let bio = dir.join(format!("{name}.bio"));
    std::fs::write(&bio, invented::to_bio(&invented::sentences(n, seed))).unwrap();
    let into = dir.join(name);
    let args = [
        "import",
        bio.to_str().unwrap(),
        "--format",
        "conll",
        "--into",
        into.to_str().unwrap(),
    ];
    let output = copydesk(&args);
    assert_success(&output);
    into
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: import, train, suggest, write"
)]
fn train_reports_and_suggest_uses_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let train = import(dir.path(), "train", 150, 11);
    let eval = import(dir.path(), "eval", 40, 12);
    let args = [
        "train",
        train.to_str().unwrap(),
        "--eval",
        eval.to_str().unwrap(),
        "--epochs",
        "4",
    ];
    let output = copydesk(&args);
    assert_success(&output);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let annotations: usize = invented::sentences(150, 11)
        .iter()
        .map(|e| e.entities.len())
        .sum();
    assert!(
        lines[0].starts_with(&format!(
            "trained on 150 sentences ({annotations} annotations) from 1 pages in "
        )),
        "{text}"
    );
    assert!(lines[0].ends_with(" s; labels PER, LOC, ORG"), "{text}");
    let model = train.join(".copydesk/model.bin");
    assert!(
        lines[1].starts_with(&format!("model: {} (", model.display())),
        "{text}"
    );
    assert!(
        lines[2].starts_with("F1 ")
            && lines[2]
                .contains(" on a held-back tenth (15 sentences); confidences at temperature "),
        "{text}"
    );
    assert_eq!(
        lines[3],
        format!("on {}: 40 sentences (exact matches)", eval.display())
    );
    assert_eq!(
        lines[4],
        "label    gold  found  matched  precision  recall     F1"
    );
    assert_eq!(lines.len(), 9, "{text}");
    let micro = lines[8];
    assert!(micro.starts_with("micro"), "{text}");
    let f1: f64 = micro.split_whitespace().last().unwrap().parse().unwrap();
    assert!(f1 > 0.9, "{text}");

    let page = eval.join(
        std::fs::read_dir(&eval)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .find(|n| n.to_string_lossy().ends_with(".txt"))
            .unwrap(),
    );
    let found = json_lines(&[
        "suggest",
        page.to_str().unwrap(),
        "--model",
        model.to_str().unwrap(),
        "--json",
    ]);
    let from_model: Vec<&serde_json::Value> = found
        .iter()
        .filter(|s| s["rule"] == "model:perceptron")
        .collect();
    assert!(!from_model.is_empty(), "{found:?}");
    for s in &from_model {
        let c = s["confidence"].as_f64().unwrap();
        assert!((0.5..=1.0).contains(&c), "{s}");
    }

    // --write adds them as suggestions; the imported (accepted) annotations stay as they were.
    let before = Document::open(&page).unwrap().annotations().to_vec();
    let output = copydesk(&[
        "suggest",
        page.to_str().unwrap(),
        "--model",
        model.to_str().unwrap(),
        "--write",
    ]);
    assert_success(&output);
    let after = Document::open(&page).unwrap();
    for kept in &before {
        assert_eq!(after.get(&kept.id), Some(kept));
    }
    let added: Vec<_> = after
        .annotations()
        .iter()
        .filter(|a| !before.iter().any(|b| b.id == a.id))
        .collect();
    assert!(added.iter().all(|a| a.status == Status::Suggested));
    assert!(
        !added
            .iter()
            .any(|a| a.origin == Origin::Model("perceptron".into())),
        "every entity is accepted on the imported page: the model adds none over them"
    );

    let missing = copydesk(&["suggest", page.to_str().unwrap(), "--model", "nowhere.bin"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("nowhere.bin: cannot read the model")
    );
}

#[test]
fn train_says_when_there_is_nothing_to_learn() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "今年以来，各项工作稳步推进。\n").unwrap();
    let output = copydesk(&["train", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "copydesk: no labelled sentences to train on: accept some entities first\n"
    );
    assert!(!dir.path().join(".copydesk/model.bin").exists());
}

#[test]
fn train_takes_the_first_sentences_the_labels_asked_for_and_writes_where_told() {
    let dir = tempfile::tempdir().unwrap();
    let train = import(dir.path(), "train", 150, 11);
    let out = dir.path().join("models/people.bin");
    let run = || {
        let output = copydesk(&[
            "train",
            train.to_str().unwrap(),
            "--sentences",
            "60",
            "--labels",
            "PER",
            "--seed",
            "3",
            "--epochs",
            "3",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_success(&output);
        (stdout(&output), std::fs::read(&out).unwrap())
    };
    let (text, first) = run();
    let people: usize = invented::sentences(150, 11)[..60]
        .iter()
        .map(|e| e.entities.iter().filter(|n| n.label == "PER").count())
        .sum();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with(&format!(
            "trained on 60 sentences ({people} annotations) from 1 pages in "
        )),
        "{text}"
    );
    assert!(lines[0].ends_with(" s; labels PER"), "{text}");
    assert!(
        lines[1].starts_with(&format!("model: {} (", out.display())),
        "{text}"
    );
    assert!(!train.join(".copydesk/model.bin").exists());
    let (_, second) = run();
    assert_eq!(
        first, second,
        "the same sentences and seed give the same file"
    );
}
