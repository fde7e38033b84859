//! Sidecars merged by git with `copydesk merge-driver`, set up by `copydesk git-setup`: two
//! annotators on two branches, one annotation edited on both, and a broken sidecar.

use std::path::Path;
use std::process::Command;

use copydesk::annotation::Document;

use crate::common::{copydesk, sample};

/// Runs git in `repo`; panics with its output if it fails and `ok` is asked for.
fn git(repo: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
        .output()
        .unwrap()
}

fn ok(repo: &Path, args: &[&str]) -> String {
    let output = git(repo, args);
    assert!(
        output.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn run(args: &[&str]) {
    let output = copydesk(args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A repository set up by `copydesk git-setup` with the sample page and one name tagged.
fn repository(dir: &Path) -> std::path::PathBuf {
    let repo = dir.join("desk");
    std::fs::create_dir_all(&repo).unwrap();
    ok(&repo, &["init", "-q", "-b", "main"]);
    ok(&repo, &["config", "user.name", "Editor"]);
    ok(&repo, &["config", "user.email", "editor@example.invalid"]);
    run(&["git-setup", repo.to_str().unwrap()]);
    let page = repo.join("a01.txt");
    std::fs::copy(sample("a01-qinghe-daily.txt"), &page).unwrap();
    run(&[
        "tag",
        page.to_str().unwrap(),
        "--label",
        "PER",
        "--quote",
        "林晓舟",
    ]);
    ok(&repo, &["add", "-A"]);
    ok(&repo, &["commit", "-q", "-m", "page"]);
    repo
}

fn annotations(page: &Path) -> Vec<(String, String, Option<String>)> {
    let mut found: Vec<_> = Document::open(page)
        .unwrap()
        .annotations()
        .iter()
        .map(|a| (a.label.clone(), a.quote.clone(), a.note.clone()))
        .collect();
    found.sort();
    found
}

#[test]
fn git_setup_writes_the_attribute_the_ignores_and_the_driver() {
    let dir = tempfile::tempdir().unwrap();
    let repo = repository(dir.path());
    assert_eq!(
        std::fs::read_to_string(repo.join(".gitattributes")).unwrap(),
        "*.ann.ron merge=copydesk\n"
    );
    let ignored = std::fs::read_to_string(repo.join(".gitignore")).unwrap();
    assert!(
        ignored.starts_with("*.ann.ron.lock\n*.ann.ron.bak\n"),
        "{ignored}"
    );
    let driver = ok(&repo, &["config", "merge.copydesk.driver"]);
    assert!(
        driver.trim_end().ends_with("' merge-driver %O %A %B %P"),
        "{driver}"
    );
    // Nothing but the page, its sidecar and the two files is tracked: no lock, no backup.
    let tracked = ok(&repo, &["ls-files"]);
    assert_eq!(
        tracked,
        ".gitattributes\n.gitignore\na01.txt\na01.txt.ann.ron\n"
    );
    // Again: nothing more to write.
    let output = copydesk(&["git-setup", repo.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&output.stdout).contains(".gitignore: already set up"));
}

#[test]
fn two_branches_merge_cleanly_and_the_newer_edit_of_one_annotation_wins() {
    let dir = tempfile::tempdir().unwrap();
    let repo = repository(dir.path());
    let page = repo.join("a01.txt");
    let page_arg = page.to_str().unwrap();
    ok(&repo, &["checkout", "-q", "-b", "places"]);
    run(&["tag", page_arg, "--label", "LOC", "--quote", "澄江区"]);
    ok(&repo, &["commit", "-q", "-am", "a place"]);
    ok(&repo, &["checkout", "-q", "main"]);
    ok(&repo, &["checkout", "-q", "-b", "people"]);
    run(&["tag", page_arg, "--label", "PER", "--quote", "苏念"]);
    ok(&repo, &["commit", "-q", "-am", "a person"]);
    ok(&repo, &["checkout", "-q", "main"]);
    ok(&repo, &["merge", "-q", "places"]);
    let merged = ok(&repo, &["merge", "--no-edit", "people"]);
    assert!(
        merged.contains("a01.txt.ann.ron: merged by copydesk: 3 annotations, 1 from theirs"),
        "{merged}"
    );
    assert_eq!(
        annotations(&page),
        [
            ("LOC".to_owned(), "澄江区".to_owned(), None),
            ("PER".to_owned(), "林晓舟".to_owned(), None),
            ("PER".to_owned(), "苏念".to_owned(), None),
        ]
    );
    // Both sides edit the note of 林晓舟; theirs is the newer edit.
    let id = Document::open(&page)
        .unwrap()
        .annotations()
        .iter()
        .find(|a| a.quote == "林晓舟")
        .unwrap()
        .id
        .to_string();
    ok(&repo, &["checkout", "-q", "-b", "early"]);
    run(&["edit", page_arg, "--id", &id, "--note", "早的"]);
    ok(&repo, &["commit", "-q", "-am", "early note"]);
    ok(&repo, &["checkout", "-q", "main"]);
    std::thread::sleep(std::time::Duration::from_millis(20));
    ok(&repo, &["checkout", "-q", "-b", "late"]);
    run(&["edit", page_arg, "--id", &id, "--note", "晚的"]);
    ok(&repo, &["commit", "-q", "-am", "late note"]);
    ok(&repo, &["checkout", "-q", "early"]);
    let merged = ok(&repo, &["merge", "--no-edit", "late"]);
    assert!(
        merged.contains(&format!(
            "a01.txt.ann.ron: annotation {id} (PER “林晓舟”) was edited on both sides: kept theirs"
        )),
        "{merged}"
    );
    assert!(annotations(&page).contains(&(
        "PER".to_owned(),
        "林晓舟".to_owned(),
        Some("晚的".to_owned())
    )));
    // A plain diff shows one line per changed annotation.
    let diff = ok(&repo, &["diff", "main", "--", "a01.txt.ann.ron"]);
    let changed: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .collect();
    assert_eq!(changed.len(), 1, "{diff}");
}

#[test]
fn a_broken_sidecar_on_one_side_leaves_a_conflict_and_both_files_intact() {
    let dir = tempfile::tempdir().unwrap();
    let repo = repository(dir.path());
    let page = repo.join("a01.txt");
    let sidecar = repo.join("a01.txt.ann.ron");
    ok(&repo, &["checkout", "-q", "-b", "broken"]);
    let broken = std::fs::read_to_string(&sidecar)
        .unwrap()
        .replace("annotations: [", "annotations: [[");
    std::fs::write(&sidecar, &broken).unwrap();
    ok(&repo, &["commit", "-q", "-am", "a hand edit gone wrong"]);
    ok(&repo, &["checkout", "-q", "main"]);
    run(&[
        "tag",
        page.to_str().unwrap(),
        "--label",
        "LOC",
        "--quote",
        "澄江区",
    ]);
    ok(&repo, &["commit", "-q", "-am", "a place"]);
    let ours = std::fs::read_to_string(&sidecar).unwrap();
    let output = git(&repo, &["merge", "--no-edit", "broken"]);
    assert!(!output.status.success(), "the merge stops");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains(
            "a01.txt.ann.ron: not merged, left to git as a conflict with both versions intact"
        ),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), ours);
    assert_eq!(ok(&repo, &["show", ":2:a01.txt.ann.ron"]), ours);
    assert_eq!(ok(&repo, &["show", ":3:a01.txt.ann.ron"]), broken);
    let status = ok(&repo, &["status", "--porcelain"]);
    assert!(status.contains("UU a01.txt.ann.ron"), "{status}");
}
