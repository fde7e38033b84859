//! Pages and sidecars that are not quite clean: a stray byte, a FIFO, a BOM, a sidecar edited
//! by hand; and a mistyped command. Each gets a message naming the file and what to do, and
//! no annotation is lost.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use copydesk::annotation::sidecar::path_for;
use copydesk::annotation::{Annotation, Command as Edit, Document, OpenError, Origin};

use crate::common::copydesk;

const PAGE: &str = "## 新区开工建设\n\n本报讯(记者 林晓舟 通讯员 苏念)新区今年完成投资12.5亿元。林晓舟说,项目进展顺利。\n";

fn page_in(dir: &Path) -> PathBuf {
    let page = dir.join("a01.txt");
    std::fs::write(&page, PAGE).unwrap();
    page
}

/// The page with one PER on the first 林晓舟, saved; returns the annotation.
fn saved_with_a_name(page: &Path) -> Annotation {
    let mut document = Document::open(page).unwrap();
    let span = document.source().find_all("林晓舟")[0];
    let annotation = Annotation::new(document.source(), "PER", span, Origin::Manual, "tester");
    document.apply(Edit::Add(annotation.clone())).unwrap();
    document.save().unwrap();
    annotation
}

fn sidecar_error(page: &Path) -> String {
    match Document::open(page) {
        Err(err @ OpenError::Sidecar(_)) => err.to_string(),
        other => panic!("expected a sidecar error, got {other:?}"),
    }
}

/// Rewrites the sidecar with `edit` applied to its text.
fn edit_sidecar(page: &Path, edit: impl FnOnce(String) -> String) -> String {
    let path = path_for(page);
    let text = edit(std::fs::read_to_string(&path).unwrap());
    std::fs::write(&path, &text).unwrap();
    text
}

#[test]
fn a_range_past_the_page_is_refused_whatever_chars_the_sidecar_claims() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let added = saved_with_a_name(&page);
    let chars = PAGE.chars().count();
    let bad = edit_sidecar(&page, |text| {
        text.replace(&format!("chars: {chars}"), "chars: 9999")
            .replace(&format!("end: {}", added.end), "end: 9000")
    });
    assert_eq!(
        sidecar_error(&page),
        format!(
            "{}: annotation {} has range {}..9000, outside the page's {chars} characters (the sidecar was left untouched)",
            path_for(&page).display(),
            added.id,
            added.start
        )
    );
    assert_eq!(std::fs::read_to_string(path_for(&page)).unwrap(), bad);
}

#[test]
fn a_quote_not_at_its_range_is_placed_again_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let added = saved_with_a_name(&page);
    // Point the annotation at 苏念 while its quote still says 林晓舟, as a hand edit would.
    let su = PAGE.chars().collect::<String>();
    let su_start = su[..su.find("苏念").unwrap()].chars().count();
    edit_sidecar(&page, |text| {
        text.replace(
            &format!("start: {}, end: {}", added.start, added.end),
            &format!("start: {su_start}, end: {}", su_start + 3),
        )
    });
    let document = Document::open(&page).unwrap();
    let annotation = &document.annotations()[0];
    assert_eq!(annotation.quote, "林晓舟");
    assert_eq!(document.source().slice(annotation.span()), "林晓舟");
    let report = document.anchoring();
    assert_eq!(
        (report.exact, report.moved + report.fuzzy),
        (0, 1),
        "{report:?}"
    );
}

#[test]
fn empty_ids_and_empty_ranges_are_refused_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let added = saved_with_a_name(&page);
    let path = path_for(&page);
    edit_sidecar(&page, |text| text.replace(&added.id.0, ""));
    assert_eq!(
        sidecar_error(&page),
        format!(
            "{}:10:10: an annotation has an empty id (the sidecar was left untouched)",
            path.display()
        )
    );
    std::fs::remove_file(&path).unwrap();
    let added = saved_with_a_name(&page);
    edit_sidecar(&page, |text| {
        text.replace(
            &format!("end: {}", added.end),
            &format!("end: {}", added.start),
        )
    });
    assert_eq!(
        sidecar_error(&page),
        format!(
            "{}:10:14: annotation {} has the empty range {}..{} (the sidecar was left untouched)",
            path.display(),
            added.id,
            added.start,
            added.start
        )
    );
}

#[test]
fn a_sidecar_with_a_bom_or_nested_too_deeply_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    saved_with_a_name(&page);
    let path = path_for(&page);
    let good = std::fs::read(&path).unwrap();
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(&good);
    std::fs::write(&path, &with_bom).unwrap();
    assert_eq!(
        sidecar_error(&page),
        format!(
            "{}: the file starts with a byte-order mark (an editor saved it as \"UTF-8 with BOM\"); save it as UTF-8 without one (the sidecar was left untouched)",
            path.display()
        )
    );
    let deep = format!(
        "(format: \"copydesk-annotations\", version: 1, source: (file: \"a01.txt\", chars: 1, fingerprint: \"x\"), annotations: [], later: {}1{})",
        "[".repeat(500),
        "]".repeat(500)
    );
    std::fs::write(&path, &deep).unwrap();
    let message = sidecar_error(&page);
    assert!(message.contains(": nested too deeply"), "{message}");
    assert!(
        message.starts_with(&format!("{}:1:", path.display())),
        "{message}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        deep,
        "left untouched"
    );
}

/// Runs the binary, failing the test if it does not finish within ten seconds.
fn run_with_deadline(args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("copydesk {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_page_or_a_sidecar_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("no mkfifo here; skipping");
        return;
    }
    let output = run_with_deadline(&["segment", fifo.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "copydesk: {}: cannot read the file: not a regular file (a FIFO, a socket or a device): copydesk reads only regular files\n",
            fifo.display()
        )
    );
    let page = page_in(dir.path());
    Command::new("mkfifo")
        .arg(path_for(&page))
        .status()
        .unwrap();
    let output = run_with_deadline(&["annotations", page.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

#[test]
fn a_page_with_a_stray_byte_opens_with_a_warning_and_keeps_its_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("a01.txt");
    let mut bytes = PAGE.as_bytes().to_vec();
    bytes.insert(PAGE.find("新区今年").unwrap(), 0xE9); // a Latin-1 é
    std::fs::write(&page, &bytes).unwrap();
    let page_arg = page.to_str().unwrap();
    let output = copydesk(&["tag", page_arg, "--label", "PER", "--quote", "苏念"]);
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "copydesk: {page_arg}: warning: 1 byte could not be decoded and show as � (the first at line 3, column 19); annotations are safe, but check the page\n"
        )
    );
    let document = Document::open(&page).unwrap();
    assert_eq!(document.source().encoding().name(), "UTF-8");
    assert_eq!(document.annotations()[0].quote, "苏念");
    assert_eq!(
        document.anchoring().exact,
        1,
        "the sidecar matches the decoded text"
    );
}

#[test]
fn a_page_of_blank_lines_has_no_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("blank.txt");
    std::fs::write(&page, "\n  \n\u{3000}\n").unwrap();
    let output = copydesk(&["segment", page.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "copydesk: {}: the file has no text, only blank lines; a page needs some text\n",
            page.display()
        )
    );
}

#[test]
fn a_mistyped_command_is_named_and_opens_no_window() {
    let output = run_with_deadline(&["segement", "a01.txt"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "clap refuses the extra argument"
    );
    let output = run_with_deadline(&["segement"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "copydesk: segement: no such page or folder, and no such command; did you mean `copydesk segment`? (copydesk --help lists them)\n"
    );
}

#[test]
fn the_last_good_version_survives_starting_afresh_and_can_be_restored() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let page_arg = page.to_str().unwrap();
    let tag = |label: &str, quote: &str, extra: &[&str]| {
        let mut args = vec!["tag", page_arg, "--label", label, "--quote", quote];
        args.extend_from_slice(extra);
        copydesk(&args)
    };
    assert!(tag("PER", "林晓舟", &[]).status.success());
    assert!(tag("PER", "苏念", &[]).status.success());
    let sidecar = path_for(&page);
    let backup = dir.path().join("a01.txt.ann.ron.bak");
    let last_good = std::fs::read_to_string(&backup).unwrap();
    assert!(last_good.contains("quote: \"林晓舟\"") && !last_good.contains("quote: \"苏念\""));
    // A crash or a bad merge truncates the sidecar.
    let whole = std::fs::read_to_string(&sidecar).unwrap();
    std::fs::write(&sidecar, &whole[..whole.len() / 2]).unwrap();

    let refused = tag("LOC", "新区", &[]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "run again with --new-sidecar, or with --restore-backup to go back to its last good version ({})",
            backup.display()
        )),
        "{stderr}"
    );

    let restored = tag("LOC", "新区", &["--restore-backup"]);
    assert!(restored.status.success());
    let stderr = String::from_utf8(restored.stderr).unwrap();
    assert!(
        stderr.contains("the unreadable sidecar was kept as "),
        "{stderr}"
    );
    let quotes: Vec<String> = Document::open(&page)
        .unwrap()
        .annotations()
        .iter()
        .map(|a| a.quote.clone())
        .collect();
    assert_eq!(
        quotes,
        ["新区", "林晓舟"],
        "the backup's annotations, and the new one"
    );

    // Broken again, and this time started afresh: the backup is kept aside, out of the way of
    // the new sidecar's own backups.
    std::fs::write(&sidecar, "(format: ").unwrap();
    assert!(tag("ORG", "新区", &["--new-sidecar"]).status.success());
    assert!(tag("PER", "苏念", &[]).status.success());
    assert!(tag("PER", "林晓舟", &[]).status.success());
    let kept: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".ann.ron.bak-before-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read_to_string(&kept[0]).unwrap(),
        last_good,
        "the backup from before starting afresh"
    );
    let both = tag("PER", "苏念", &["--new-sidecar", "--restore-backup"]);
    assert_eq!(
        both.status.code(),
        Some(2),
        "the two choices exclude each other"
    );
}

#[test]
fn starting_afresh_leaves_alone_a_sidecar_another_process_repaired_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let added = saved_with_a_name(&page);
    let sidecar = path_for(&page);
    let good = std::fs::read_to_string(&sidecar).unwrap();
    std::fs::write(&sidecar, "(format: ").unwrap();
    // The user saw it broken; before they chose, another copy of copydesk put a good one back.
    std::fs::write(&sidecar, &good).unwrap();
    for restore in [false, true] {
        let (document, set_aside) = if restore {
            Document::open_restoring_backup(&page).unwrap()
        } else {
            Document::open_with_new_sidecar(&page).unwrap()
        };
        assert_eq!(set_aside.describe(), None, "nothing set aside");
        assert_eq!(document.annotations(), std::slice::from_ref(&added));
    }
    let aside = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.contains("unreadable") || name.contains("bak-before")
        })
        .count();
    assert_eq!(aside, 0);
}
