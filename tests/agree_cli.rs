//! `copydesk agree` and `copydesk adjudicate` from the command line, on two folders built here.

use std::path::Path;

use crate::common::{self, copydesk};

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Folder `name` below `root` holding `a01.txt` tagged with `tags` (label, quote).
fn side(root: &Path, name: &str, tags: &[(&str, &str)]) -> std::path::PathBuf {
    let folder = root.join(name);
    std::fs::create_dir(&folder).unwrap();
    let page = folder.join("a01.txt");
    std::fs::copy(common::sample("a01-qinghe-daily.txt"), &page).unwrap();
    for (label, quote) in tags {
        let output = copydesk(&["tag", arg(&page), "--label", label, "--quote", quote]);
        assert!(output.status.success(), "{output:?}");
    }
    folder
}

#[test]
fn agree_reports_per_label_scores_kappa_and_each_disagreement() {
    let dir = tempfile::tempdir().unwrap();
    let a = side(dir.path(), "lin", &[("PER", "林晓舟"), ("LOC", "澄江区")]);
    let b = side(dir.path(), "su", &[("PER", "林晓舟"), ("ORG", "澄江区")]);
    let output = copydesk(&["agree", arg(&a), arg(&b), "--json"]);
    assert!(output.status.success(), "{output:?}");
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["pages"], 1);
    assert_eq!(result["code_points"], 1505);
    // PER agrees; LOC (A) and ORG (B) disagree in label: exact 1 of 2 each way.
    assert_eq!(
        result["exact"]["micro"],
        serde_json::json!({"a": 2, "b": 2, "matched": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5})
    );
    assert_eq!(result["exact"]["labels"]["LOC"]["matched"], 0);
    let disagreements = result["disagreements"].as_array().unwrap();
    assert_eq!(disagreements.len(), 1);
    assert_eq!(disagreements[0]["kind"], "label");
    assert_eq!(disagreements[0]["text"], "澄江区");
    assert_eq!(disagreements[0]["a"]["label"], "LOC");
    assert_eq!(disagreements[0]["b"]["label"], "ORG");
    // 1505 code points, 3 of them labelled differently: kappa below 1, above 0.
    let kappa = result["kappa"].as_f64().unwrap();
    assert!(kappa > 0.0 && kappa < 1.0, "{kappa}");
    let text = copydesk(&["agree", arg(&a), arg(&b)]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("precision = matched/|B|, recall = matched/|A|"),
        "{text}"
    );
    assert!(
        text.contains("\t21:24\t澄江区\tA LOC 21:24\tB ORG 21:24\tlabel"),
        "{text}"
    );
    let usage = copydesk(&["agree", arg(&a)]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn agree_compares_two_authors_of_one_folder() {
    use copydesk::annotation::{Annotation, Command, Document, Origin};
    let dir = tempfile::tempdir().unwrap();
    let folder = side(dir.path(), "both", &[]);
    // Both tagged 澄江区 LOC (as a merge of their branches leaves it); only 苏念 tagged 林晓舟.
    let mut document = Document::open(&folder.join("a01.txt")).unwrap();
    for (author, label, quote) in [
        ("林晓舟", "LOC", "澄江区"),
        ("苏念", "LOC", "澄江区"),
        ("苏念", "PER", "林晓舟"),
    ] {
        let span = document.source().find_all(quote)[0];
        let annotation = Annotation::new(document.source(), label, span, Origin::Manual, author);
        document.apply(Command::Add(annotation)).unwrap();
    }
    document.save().unwrap();
    let output = copydesk(&["agree", arg(&folder), "--authors", "林晓舟,苏念", "--json"]);
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["exact"]["micro"]["a"], 1);
    assert_eq!(result["exact"]["micro"]["b"], 2);
    assert_eq!(result["exact"]["micro"]["matched"], 1);
    assert_eq!(result["disagreements"][0]["kind"], "extra");
    assert_eq!(result["disagreements"][0]["text"], "林晓舟");
}

#[test]
fn adjudicate_writes_the_gold_folder_and_agree_then_finds_it_equal_to_the_side_preferred() {
    let dir = tempfile::tempdir().unwrap();
    let a = side(dir.path(), "lin", &[("PER", "林晓舟"), ("LOC", "澄江区")]);
    let b = side(dir.path(), "su", &[("PER", "林晓舟"), ("ORG", "澄江区")]);
    let gold = dir.path().join("gold");
    let output = copydesk(&[
        "adjudicate",
        arg(&a),
        arg(&b),
        "--into",
        arg(&gold),
        "--prefer",
        "b",
        "--author",
        "审稿人",
    ]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!(
            "{}: 1 pages; 1 agreed annotations copied, 1 disagreements settled, 0 left open\n",
            gold.display()
        )
    );
    assert!(gold.join("a01.txt").is_file(), "the page is copied");
    let output = copydesk(&["agree", arg(&b), arg(&gold), "--json"]);
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["exact"]["micro"]["f1"], 1.0);
    assert_eq!(result["disagreements"], serde_json::json!([]));
    let sidecar = std::fs::read_to_string(gold.join("a01.txt.ann.ron")).unwrap();
    assert!(
        sidecar.contains("decided: Some((took: B, by: \"审稿人\""),
        "{sidecar}"
    );
}
