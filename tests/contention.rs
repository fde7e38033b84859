//! Several copydesk processes saving one page at the same moment: every annotation a process
//! reports as saved is on disk at the end.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{self, sample};

/// Processes tagging at once, and rounds of them.
const PROCESSES: usize = 4;
const ROUNDS: usize = 8;

/// A range of two characters in the sample's second paragraph, one per tag.
fn range(n: usize) -> String {
    let start = 140 + 2 * n;
    format!("{start}:{}", start + 2)
}

#[test]
fn every_tag_reported_as_saved_is_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("a01.txt");
    std::fs::copy(sample("a01-qinghe-daily.txt"), &page).unwrap();
    let mut acknowledged = Vec::new();
    for round in 0..ROUNDS {
        let children: Vec<_> = (0..PROCESSES)
            .map(|k| {
                let n = round * PROCESSES + k;
                let child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
                    .args(["tag", page.to_str().unwrap(), "--label", "PER"])
                    .args(["--range", &range(n)])
                    .stdin(Stdio::null())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                (n, child)
            })
            .collect();
        for (n, child) in children {
            let output = child.wait_with_output().unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(
                output.status.success(),
                "tag {n}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(stdout.contains("tagged 1 × PER"), "{stdout}");
            acknowledged.push(n);
        }
    }
    let on_disk: Vec<String> = listed(&page)
        .iter()
        .map(|a| format!("{}:{}", a["start"], a["end"]))
        .collect();
    for n in acknowledged {
        assert!(
            on_disk.contains(&range(n)),
            "tag {n} ({}) was reported saved but is not in the sidecar",
            range(n)
        );
    }
    assert_eq!(on_disk.len(), ROUNDS * PROCESSES);
    // Lock files stay (removing them would break the lock); no temporary file is left.
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn listed(page: &Path) -> Vec<serde_json::Value> {
    common::json_lines(&["annotations", "--json", page.to_str().unwrap()])
}

#[test]
fn a_save_held_up_by_another_process_says_it_was_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("a01.txt");
    std::fs::copy(sample("a01-qinghe-daily.txt"), &page).unwrap();
    let sidecar = copydesk::annotation::sidecar::path_for(&page);
    // Another copydesk is in the middle of saving this page.
    let held =
        copydesk::annotation::lock::acquire(&sidecar, copydesk::annotation::lock::WAIT).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "tag",
            page.to_str().unwrap(),
            "--label",
            "PER",
            "--range",
            &range(0),
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    drop(held);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "copydesk: {}: another copydesk is saving this page and held {}.lock for 5 s; nothing was saved: try again\n",
            sidecar.display(),
            sidecar.display()
        )
    );
    assert!(!sidecar.exists(), "nothing was written");
}
