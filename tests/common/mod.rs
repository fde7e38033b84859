//! Helpers shared by the integration tests.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]
#![allow(
    dead_code,
    reason = "the GUI tests' helpers are unused when the gui feature is off"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use copydesk::bulletin::{Bulletin, Item};

/// Runs the copydesk binary with `args`, standard input closed.
pub fn copydesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the copydesk binary runs")
}

/// Runs a copydesk command that prints JSON Lines, checks it succeeded, and parses each line.
pub fn json_lines(args: &[&str]) -> Vec<serde_json::Value> {
    let output = copydesk(args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect()
}

/// Runs the copydesk binary with `args`, writing `input` to its standard input.
pub fn copydesk_with_input(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the copydesk binary runs");
    child
        .stdin
        .take()
        .expect("standard input is piped")
        .write_all(input.as_bytes())
        .expect("copydesk reads its input");
    child.wait_with_output().expect("copydesk finishes")
}

/// A bundled sample page's path.
pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples")
        .join(name)
}

/// The real page in `../shared/seeds`, if this checkout has it beside it.
pub fn seed() -> Option<PathBuf> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_025b878e24418e70.txt");
    path.exists().then_some(path)
}

/// Checks that every non-whitespace character of `text` belongs to exactly one element of
/// `bulletin`, except headline `#` markers, which belong to none.
pub fn assert_every_character_placed(text: &str, bulletin: &Bulletin) {
    let chars: Vec<char> = text.chars().collect();
    let mut owners = vec![0u8; chars.len()];
    let mut markers = vec![false; chars.len()];
    for item in &bulletin.items {
        for span in item.element_spans() {
            assert!(
                span.start <= span.end && span.end <= chars.len(),
                "{span:?} fits the text"
            );
            for owner in &mut owners[span.start..span.end] {
                *owner += 1;
            }
        }
        if let Item::Article(article) = item {
            for marker in &mut markers[article.headline.marker.start..article.headline.marker.end] {
                *marker = true;
            }
        }
    }
    for (k, &c) in chars.iter().enumerate() {
        if markers[k] {
            assert_eq!((c, owners[k]), ('#', 0), "headline marker at {k}");
        } else if c.is_whitespace() {
            assert!(
                owners[k] <= 1,
                "whitespace at {k} claimed {} times",
                owners[k]
            );
        } else {
            assert_eq!(
                owners[k], 1,
                "character {c:?} at {k} must belong to exactly one element"
            );
        }
    }
}
