//! The ways annotation tools lose work, each tried against copydesk: broken, newer or
//! out-of-range sidecars, read-only folders, two copies of the app, a crash mid-save.

use std::path::{Path, PathBuf};

use copydesk::annotation::sidecar::{self, path_for};
use copydesk::annotation::{Annotation, Command, Document, OpenError, Origin, SaveError, Status};
use copydesk::text::Span;

const PAGE: &str = "## 新区开工建设\n\n本报讯(记者 林晓舟 通讯员 苏念)新区今年完成投资12.5亿元。林晓舟说,项目进展顺利。\n";

fn page_in(dir: &Path) -> PathBuf {
    let page = dir.join("a01.txt");
    std::fs::write(&page, PAGE).unwrap();
    page
}

fn add(document: &mut Document, label: &str, quote: &str) -> Annotation {
    let text = document.source().text();
    let byte = text.find(quote).unwrap();
    let start = document.source().offsets().to_char(text, byte).unwrap();
    let span = Span::new(start, start + quote.chars().count());
    let annotation = Annotation::new(document.source(), label, span, Origin::Manual, "tester");
    document.apply(Command::Add(annotation.clone())).unwrap();
    annotation
}

fn sidecar_error(page: &Path) -> String {
    match Document::open(page) {
        Err(err @ OpenError::Sidecar(_)) => err.to_string(),
        other => panic!("expected a sidecar error, got {other:?}"),
    }
}

#[test]
fn save_then_open_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let mut document = Document::open(&page).unwrap();
    let added = add(&mut document, "PER", "林晓舟");
    assert!(document.is_dirty());
    let report = document.save().unwrap();
    assert_eq!(report.written, 1);
    assert!(!document.is_dirty());
    let reopened = Document::open(&page).unwrap();
    assert_eq!(reopened.annotations(), [added]);
}

#[test]
fn corrupted_sidecar_is_reported_with_line_and_column_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let mut document = Document::open(&page).unwrap();
    add(&mut document, "PER", "林晓舟");
    document.save().unwrap();
    let path = path_for(&page);
    let good = std::fs::read_to_string(&path).unwrap();
    // Truncate inside the first annotation, as a crashed editor or a bad merge would.
    let broken = &good[..good.find("status:").unwrap()];
    std::fs::write(&path, broken).unwrap();

    let message = sidecar_error(&page);
    let line = broken.lines().count();
    let expected_prefix = format!("{}:{line}:", path.display());
    assert!(message.starts_with(&expected_prefix), "{message}");
    assert!(
        message.ends_with("(the sidecar was left untouched)"),
        "{message}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);

    // Only an explicit choice starts afresh, and the old file is kept under another name.
    let (mut fresh, aside) = Document::open_with_new_sidecar(&page).unwrap();
    let aside = aside.unreadable.unwrap();
    assert_eq!(std::fs::read_to_string(&aside).unwrap(), broken);
    assert!(
        aside
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("a01.txt.ann.ron.unreadable-")
    );
    assert!(fresh.annotations().is_empty());
    add(&mut fresh, "LOC", "新区");
    fresh.save().unwrap();
    assert_eq!(std::fs::read_to_string(&aside).unwrap(), broken);
}

#[test]
fn newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let path = path_for(&page);
    let newer = "(format: \"copydesk-annotations\", version: 3, source: (file: \"a01.txt\", chars: 1, fingerprint: \"x\"), annotations: [], future_field: 1)";
    std::fs::write(&path, newer).unwrap();
    assert_eq!(
        sidecar_error(&page),
        format!(
            "{}: sidecar version 3 is newer than this copydesk reads (2); update copydesk (the sidecar was left untouched)",
            path.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
}

#[test]
fn ranges_outside_the_page_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let mut document = Document::open(&page).unwrap();
    let added = add(&mut document, "PER", "林晓舟");
    document.save().unwrap();
    let path = path_for(&page);
    let text = std::fs::read_to_string(&path).unwrap();
    let chars = document.source().char_len();
    let bad = text.replace(&format!("end: {}", added.end), "end: 9999");
    std::fs::write(&path, &bad).unwrap();
    assert_eq!(
        sidecar_error(&page),
        format!(
            "{}: annotation {} has range {}..9999, outside the page's {chars} characters (the sidecar was left untouched)",
            path.display(),
            added.id,
            added.start
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bad);
}

/// Makes a folder unwritable, even for root (which ignores permission bits): the immutable
/// attribute. Undone on drop.
struct ReadOnlyFolder(PathBuf);

impl ReadOnlyFolder {
    fn new(dir: &Path) -> Option<Self> {
        let mut perms = std::fs::metadata(dir).ok()?.permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(dir, perms).ok()?;
        let guard = Self(dir.to_owned());
        if std::fs::write(dir.join("probe"), b"").is_err() {
            return Some(guard);
        }
        let _ = std::fs::remove_file(dir.join("probe"));
        let chattr = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status();
        let blocked =
            chattr.is_ok_and(|s| s.success()) && std::fs::write(dir.join("probe"), b"").is_err();
        blocked.then_some(guard)
    }
}

impl Drop for ReadOnlyFolder {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
        if let Ok(metadata) = std::fs::metadata(&self.0) {
            let mut perms = metadata.permissions();
            #[allow(
                clippy::permissions_set_readonly_false,
                reason = "restoring the folder"
            )]
            perms.set_readonly(false);
            let _ = std::fs::set_permissions(&self.0, perms);
        }
    }
}

#[test]
fn read_only_folder_keeps_the_work_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let mut document = Document::open(&page).unwrap();
    let added = add(&mut document, "PER", "林晓舟");
    let Some(_guard) = ReadOnlyFolder::new(dir.path()) else {
        eprintln!("cannot make a read-only folder here; skipping");
        return;
    };
    let err = document.save().unwrap_err();
    assert!(matches!(err, SaveError::Write { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!(
            "{}: cannot save the sidecar: ",
            path_for(&page).display()
        )),
        "{message}"
    );
    assert!(message.ends_with("nothing was saved, and the previous sidecar is intact"));
    assert!(document.is_dirty());
    assert_eq!(document.annotations(), [added]);
    assert!(!path_for(&page).exists());
}

#[test]
fn concurrent_changes_are_merged_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let mut setup = Document::open(&page).unwrap();
    let shared = add(&mut setup, "PER", "苏念");
    let doomed = add(&mut setup, "ORG", "项目");
    setup.save().unwrap();

    // Two copies of the app open the same page.
    let mut first = Document::open(&page).unwrap();
    let mut second = Document::open(&page).unwrap();
    let from_first = add(&mut first, "PER", "林晓舟");
    first
        .apply(Command::SetNote {
            id: shared.id.clone(),
            note: Some("first".into()),
        })
        .unwrap();
    first.apply(Command::Delete(doomed.id.clone())).unwrap();
    first.save().unwrap();

    let from_second = add(&mut second, "LOC", "新区");
    std::thread::sleep(std::time::Duration::from_millis(2));
    second
        .apply(Command::SetNote {
            id: shared.id.clone(),
            note: Some("second, later".into()),
        })
        .unwrap();
    let report = second.save().unwrap();
    assert_eq!(
        report.merged_from_disk, 1,
        "the annotation added by the first copy"
    );
    assert_eq!(report.deleted_on_disk, 1, "the one the first copy deleted");

    let on_disk = Document::open(&page).unwrap();
    let mut ids: Vec<_> = on_disk.annotations().iter().map(|a| a.id.clone()).collect();
    ids.sort();
    let mut expected = vec![shared.id.clone(), from_first.id.clone(), from_second.id];
    expected.sort();
    assert_eq!(ids, expected);
    let note = on_disk.get(&shared.id).unwrap().note.clone();
    assert_eq!(
        note.as_deref(),
        Some("second, later"),
        "the newest edit wins"
    );
    // The second copy now shows the first copy's work too.
    assert!(second.get(&from_first.id).is_some());
    assert!(second.get(&doomed.id).is_none());
}

#[test]
fn crash_between_temporary_write_and_rename_leaves_the_previous_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let mut document = Document::open(&page).unwrap();
    let kept = add(&mut document, "PER", "林晓舟");
    document.save().unwrap();
    let path = path_for(&page);
    let before = std::fs::read(&path).unwrap();

    // The next save gets as far as the flushed temporary file, then the process dies.
    add(&mut document, "LOC", "新区");
    let text = sidecar::to_ron(&document.to_sidecar()).unwrap();
    let staged = sidecar::stage(&path, text.as_bytes()).unwrap();
    std::mem::forget(staged);

    assert_eq!(std::fs::read(&path).unwrap(), before);
    let reopened = Document::open(&page).unwrap();
    assert_eq!(reopened.annotations(), [kept]);
}

#[test]
fn previous_version_is_kept_as_backup() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let mut document = Document::open(&page).unwrap();
    add(&mut document, "PER", "林晓舟");
    document.save().unwrap();
    let first = std::fs::read(path_for(&page)).unwrap();
    add(&mut document, "LOC", "新区");
    document.save().unwrap();
    assert_eq!(
        std::fs::read(sidecar::backup_path(&path_for(&page))).unwrap(),
        first
    );
}

#[test]
fn edited_page_reanchors_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let mut document = Document::open(&page).unwrap();
    let person = add(&mut document, "PER", "苏念");
    let figure = add(&mut document, "METRIC", "12.5亿元");
    document.save().unwrap();
    let inserted = "## 插入的新稿😀\n\n正文。\n\n";
    std::fs::write(
        &page,
        format!("{inserted}{}", PAGE.replace("12.5亿元", "13亿元")),
    )
    .unwrap();

    let reopened = Document::open(&page).unwrap();
    let report = reopened.anchoring();
    assert_eq!((report.moved, report.fuzzy, report.orphaned), (1, 1, 0));
    let moved = reopened.get(&person.id).unwrap();
    assert_eq!(moved.start, person.start + inserted.chars().count());
    assert_eq!(reopened.source().slice(moved.span()), "苏念");
    let fuzzy = reopened.get(&figure.id).unwrap();
    assert_eq!(fuzzy.quote, "13亿元");
}

#[test]
fn undo_and_redo_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let mut document = Document::open(&page).unwrap();
    let a = add(&mut document, "PER", "林晓舟");
    let id = a.id.clone();
    let steps = vec![
        Command::Relabel {
            id: id.clone(),
            label: "ORG".into(),
        },
        Command::SetRange {
            id: id.clone(),
            span: Span::new(a.start, a.start + 2),
        },
        Command::SetNote {
            id: id.clone(),
            note: Some("核对".into()),
        },
        Command::SetStatus {
            id: id.clone(),
            status: Status::Rejected,
        },
        Command::SetCorrection {
            id: id.clone(),
            correction: Some("林小舟".into()),
        },
    ];
    // Undo and redo are edits too, stamped with a new modification time: compare without it.
    let timeless = |annotations: &[Annotation]| -> Vec<Annotation> {
        annotations
            .iter()
            .cloned()
            .map(|mut a| {
                a.modified = a.created;
                a
            })
            .collect()
    };
    let mut states = vec![timeless(document.annotations())];
    for step in steps {
        document.apply(step).unwrap();
        states.push(timeless(document.annotations()));
    }
    assert_eq!(document.get(&id).unwrap().quote, "林晓");
    let last_edit = document.get(&id).unwrap().modified;
    std::thread::sleep(std::time::Duration::from_millis(2));
    assert!(document.undo().is_some());
    assert!(
        document.get(&id).unwrap().modified > last_edit,
        "an undo is newer than the edit it undoes, for merges"
    );
    assert!(document.redo().is_some());
    for expected in states.iter().rev().skip(1) {
        assert!(document.undo().is_some());
        assert_eq!(timeless(document.annotations()), *expected);
    }
    assert_eq!(document.undo().as_deref(), Some("add PER"));
    assert!(document.annotations().is_empty());
    assert_eq!(document.undo(), None);
    for expected in &states {
        assert!(document.redo().is_some());
        assert_eq!(timeless(document.annotations()), *expected);
    }
    assert_eq!(document.redo(), None);
}

#[test]
fn undoing_the_delete_of_an_orphan_puts_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let mut document = Document::open(&page).unwrap();
    let orphan = add(&mut document, "PER", "苏念");
    document.save().unwrap();
    // The page changes so much that the annotation cannot be placed; its old range no longer
    // fits the page.
    std::fs::write(&page, "短。").unwrap();
    let mut reopened = Document::open(&page).unwrap();
    assert_eq!(reopened.anchoring().orphaned, 1);
    reopened.apply(Command::Delete(orphan.id.clone())).unwrap();
    assert_eq!(reopened.undo().as_deref(), Some("delete"));
    assert_eq!(
        reopened.get(&orphan.id).map(|a| a.quote.as_str()),
        Some("苏念")
    );
}

#[test]
fn a_failing_batch_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_in(dir.path());
    let mut document = Document::open(&page).unwrap();
    let a = add(&mut document, "PER", "林晓舟");
    let before = document.annotations().to_vec();
    let err = document
        .apply(Command::Batch(vec![
            Command::Relabel {
                id: a.id.clone(),
                label: "LOC".into(),
            },
            Command::Relabel {
                id: a.id,
                label: "NOPE".into(),
            },
        ]))
        .unwrap_err();
    assert!(err.to_string().starts_with("unknown label \"NOPE\""));
    assert_eq!(document.annotations(), before.as_slice());
    assert_eq!(document.undo_description(), Some("add PER"));
    assert_eq!(document.generation(), 1, "a failed batch is no change");
}
