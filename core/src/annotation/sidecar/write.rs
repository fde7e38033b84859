//! Writing a sidecar without risk: to a temporary file in the same folder, flushed, then
//! renamed over the old one after the previous version was kept as `PAGE.ann.ron.bak`.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{SidecarFile, backup_path, line, version_needed, with_suffix};
use crate::annotation::model::Annotation;

/// Serializes a sidecar: the header fields on their own lines, then one annotation per line,
/// so that version control shows one changed line per changed annotation and merges them
/// line by line. Strings are written unescaped, as raw strings where they hold quotes
/// (escaping every CJK character made saving four times slower); an annotation with a line
/// break or another control character in a string (a context across paragraphs, a note of
/// two lines) is written escaped instead (`\n`), which keeps it on its line. Older sidecars,
/// whose strings broke across lines, read the same.
pub fn to_ron(file: &SidecarFile) -> Result<String, ron::Error> {
    let mut header = file.header();
    header.version = file.version.max(version_needed(&file.annotations));
    let layout = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .struct_names(false)
        .escape_strings(false);
    let head = ron::ser::to_string_pretty(&header, layout)?;
    let Some(empty_list) = head.rfind(EMPTY_LIST) else {
        return Err(ron::Error::Message(
            "the sidecar's header has no annotation list".to_owned(),
        ));
    };
    let mut text = String::with_capacity(head.len() + file.annotations.len() * 330);
    text.push_str(&head[..empty_list]);
    text.push_str("annotations: [\n");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if file.annotations.len() < PARALLEL_LINES || threads < 2 {
        lines(&file.annotations, &mut text)?;
    } else {
        // The first share is written here, straight into the text; the others on threads of
        // their own.
        let share = file.annotations.len().div_ceil(threads);
        let (first, others) = file.annotations.split_at(share.min(file.annotations.len()));
        let pieces: Vec<Result<String, ron::Error>> = std::thread::scope(|scope| {
            let handles: Vec<_> = others
                .chunks(share)
                .map(|annotations| {
                    scope.spawn(move || {
                        let mut piece = String::with_capacity(annotations.len() * 330);
                        lines(annotations, &mut piece).map(|()| piece)
                    })
                })
                .collect();
            let written = lines(first, &mut text);
            std::iter::once(written.map(|()| String::new()))
                .chain(handles.into_iter().map(|handle| {
                    handle.join().unwrap_or_else(|_| {
                        Err(ron::Error::Message(
                            "a serializing thread stopped".to_owned(),
                        ))
                    })
                }))
                .collect()
        });
        for piece in pieces {
            text.push_str(&piece?);
        }
    }
    text.push_str("    ],");
    text.push_str(&head[empty_list + EMPTY_LIST.len()..]);
    text.push('\n');
    Ok(text)
}

/// From this many annotations on, their lines are written on several threads.
const PARALLEL_LINES: usize = 4096;

/// Appends the lines of `annotations`, indented, each with its comma.
fn lines(annotations: &[Annotation], out: &mut String) -> Result<(), ron::Error> {
    let configs = line_configs();
    for annotation in annotations {
        out.push_str("        ");
        if !line::write(annotation, out) {
            out.push_str(&annotation_line(annotation, &configs)?);
        }
        out.push_str(",\n");
    }
    Ok(())
}

/// How the header's empty annotation list is written, to put the annotations in its place.
const EMPTY_LIST: &str = "annotations: [],";

/// One annotation on one line: unescaped, or with its control characters escaped (a line
/// break in a context across paragraphs: many annotations have one).
///
/// Control characters can only be inside strings. Where each of them is in a field written
/// as a plain `"…"` string (one with no quote or backslash), it is escaped in place, as the
/// escaping serializer would; that serializer looks up every other character too, which made
/// saving three times slower. Otherwise the annotation is serialized escaped.
fn annotation_line(
    annotation: &Annotation,
    configs: &[ron::ser::PrettyConfig; 2],
) -> Result<String, ron::Error> {
    let [plain, escaped] = configs;
    let line = ron::ser::to_string_pretty(annotation, plain.clone())?;
    let controls = |text: &str| text.chars().filter(|c| c.is_control()).count();
    let in_line = controls(&line);
    if in_line == 0 {
        return Ok(line);
    }
    let in_plain_strings: usize = [&annotation.quote, &annotation.prefix, &annotation.suffix]
        .into_iter()
        .chain(annotation.note.as_ref())
        .chain(annotation.correction.as_ref())
        .filter(|text| !text.contains(['"', '\\']))
        .map(|text| controls(text))
        .sum();
    if in_plain_strings == in_line {
        let mut out = String::with_capacity(line.len() + 2 * in_line);
        line::escaping_controls(&mut out, &line);
        return Ok(out);
    }
    ron::ser::to_string_pretty(annotation, escaped.clone())
}

/// The layouts of an annotation's line: unescaped, and escaped.
fn line_configs() -> [ron::ser::PrettyConfig; 2] {
    let compact = |escape| {
        ron::ser::PrettyConfig::new()
            .depth_limit(0)
            .struct_names(false)
            .escape_strings(escape)
    };
    [compact(false), compact(true)]
}

/// A step of writing a sidecar, named so tests can make each one fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// Creating the temporary file beside the sidecar.
    CreateTemporary,
    /// Writing the new contents to it.
    WriteTemporary,
    /// Flushing it to disk.
    SyncTemporary,
    /// Linking the current sidecar to a new name for the backup.
    LinkBackup,
    /// Copying the current sidecar to a new file instead, where links cannot be made.
    CopyBackup,
    /// Renaming that to `PAGE.ann.ron.bak`.
    RenameBackup,
    /// Renaming the temporary file over the sidecar.
    RenameSidecar,
}

/// How a step fails in a test: with an error the writer sees, or as a crash that leaves the
/// files as they are at that moment.
#[derive(Debug)]
pub(crate) enum Fault {
    /// The step fails; the writer cleans up and reports it.
    Error(io::Error),
    /// The process dies before the step: nothing more happens, nothing is cleaned up.
    #[cfg_attr(not(test), expect(dead_code, reason = "only tests cut a save off"))]
    Crash,
}

/// What runs before each step: nothing in production, a fault in tests.
pub(crate) type Hook<'a> = &'a mut dyn FnMut(Step) -> Result<(), Fault>;

/// A sidecar written to its temporary file, flushed, but not yet in place.
#[derive(Debug)]
pub struct Staged {
    temporary: PathBuf,
    target: PathBuf,
}

/// A file name no other writer uses: the process and the time, after `suffix`.
fn unique(path: &Path, suffix: &str) -> PathBuf {
    with_suffix(
        path,
        &format!(
            "{suffix}-{}-{}",
            std::process::id(),
            jiff::Timestamp::now().as_nanosecond()
        ),
    )
}

/// Where writing `sidecar` really goes: the file a symlinked sidecar points to (so the link
/// is kept, and the new file is renamed into place in the target's folder), or `sidecar`.
pub fn resolve(sidecar: &Path) -> io::Result<PathBuf> {
    let mut path = sidecar.to_owned();
    for _ in 0..16 {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(folder) if link.is_relative() => folder.join(link),
                    _ => link,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        sidecar.display()
    )))
}

/// Writes `bytes` to a temporary file beside `target` and flushes it to disk.
pub fn stage(target: &Path, bytes: &[u8]) -> io::Result<Staged> {
    stage_with(target, bytes, &mut |_| Ok(())).map_err(into_error)
}

fn into_error(fault: Fault) -> io::Error {
    match fault {
        Fault::Error(err) => err,
        Fault::Crash => io::Error::other("the save was cut off"),
    }
}

/// An I/O result as a [`Fault`] that the writer cleans up after.
fn step<T>(result: io::Result<T>) -> Result<T, Fault> {
    result.map_err(Fault::Error)
}

fn stage_with(target: &Path, bytes: &[u8], hook: Hook<'_>) -> Result<Staged, Fault> {
    let temporary = unique(target, ".tmp");
    hook(Step::CreateTemporary)?;
    // create_new: the temporary file is always a new inode, never an existing file.
    let mut file = step(
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary),
    )?;
    let written = hook(Step::WriteTemporary)
        .and_then(|()| step(file.write_all(bytes)))
        .and_then(|()| hook(Step::SyncTemporary))
        .and_then(|()| step(file.sync_all()));
    match written {
        Ok(()) => Ok(Staged {
            temporary,
            target: target.to_owned(),
        }),
        Err(Fault::Crash) => Err(Fault::Crash),
        Err(fault) => {
            remove_clutter(&temporary);
            Err(fault)
        }
    }
}

/// Removes a file of our own that a failed save left; it is only clutter if that fails.
fn remove_clutter(path: &Path) {
    #[expect(
        clippy::let_underscore_must_use,
        reason = "a temporary file left behind is only clutter; the error that matters is returned"
    )]
    let _ = fs::remove_file(path);
}

impl Staged {
    /// Keeps the current sidecar as the backup, then puts the new one in its place.
    pub fn commit(self) -> io::Result<()> {
        self.commit_with(&mut |_| Ok(())).map_err(into_error)
    }

    /// Puts the new sidecar in place without touching the backup (restoring the backup
    /// itself: it must stay the last good version).
    pub fn install(self) -> io::Result<()> {
        let result = fs::rename(&self.temporary, &self.target);
        if result.is_err() {
            remove_clutter(&self.temporary);
        }
        sync_folder(&self.target);
        result
    }

    fn commit_with(self, hook: Hook<'_>) -> Result<(), Fault> {
        let result = self.replace(hook);
        if let Err(Fault::Error(_)) = &result {
            remove_clutter(&self.temporary);
        }
        result
    }

    fn replace(&self, hook: Hook<'_>) -> Result<(), Fault> {
        if self.target.exists() {
            keep_backup(&self.target, hook)?;
        }
        hook(Step::RenameSidecar)?;
        step(fs::rename(&self.temporary, &self.target))?;
        sync_folder(&self.target);
        Ok(())
    }
}

/// Keeps the sidecar as it is now as `PAGE.ann.ron.bak`: a hard link to it (or, where links
/// cannot be made, a copy) under a new unique name, renamed over the old backup. Nothing here
/// ever opens the live sidecar for writing: the link and the copy are made at names no file
/// had, so neither can land on the sidecar's own inode, and the rename replaces only the name
/// `.bak` (a symlink there is replaced, not followed).
fn keep_backup(target: &Path, hook: Hook<'_>) -> Result<(), Fault> {
    let backup = backup_path(target);
    let temporary = unique(&backup, ".tmp");
    let linked = hook(Step::LinkBackup).and_then(|()| step(fs::hard_link(target, &temporary)));
    if let Err(fault) = linked {
        // A file system without hard links: copy instead. A crash is a crash.
        if let Fault::Crash = fault {
            return Err(fault);
        }
        hook(Step::CopyBackup)?;
        let copied = copy_to_new(target, &temporary);
        if copied.is_err() {
            remove_clutter(&temporary);
        }
        step(copied)?;
    }
    let renamed = hook(Step::RenameBackup).and_then(|()| step(fs::rename(&temporary, &backup)));
    if let Err(Fault::Error(_)) = &renamed {
        remove_clutter(&temporary);
    }
    renamed
}

/// Copies `from` to `to`, a name no file has (never onto an existing file), flushed.
fn copy_to_new(from: &Path, to: &Path) -> io::Result<()> {
    let bytes = fs::read(from)?;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(to)?;
    file.write_all(&bytes)?;
    file.sync_all()
}

/// Makes a rename durable; not every platform can open a folder for this.
fn sync_folder(file: &Path) {
    let folder = match file.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if let Ok(dir) = fs::File::open(folder) {
        #[expect(
            clippy::let_underscore_must_use,
            reason = "the file itself is synced already; some systems cannot sync a folder"
        )]
        let _ = dir.sync_all();
    }
}

/// Writes `bytes` as the sidecar at `target`, safely (see the module documentation).
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(target, bytes)?.commit()
}

/// [`write_atomic`] with `hook` run before each step.
#[cfg(test)]
pub(crate) fn write_atomic_with(target: &Path, bytes: &[u8], hook: Hook<'_>) -> Result<(), Fault> {
    stage_with(target, bytes, hook)?.commit_with(hook)
}

/// Removes what killed saves of `target` left behind: temporary files (`PAGE.ann.ron.tmp-PID-…`,
/// `PAGE.ann.ron.bak.tmp-PID-…`, and the older fixed name `PAGE.ann.ron.bak.tmp`) whose process
/// is gone. Call it while holding the sidecar's lock, when no other save of it runs. Returns
/// how many were removed.
pub fn remove_stale_temporaries(target: &Path) -> usize {
    let (Some(folder), Some(name)) = (target.parent(), target.file_name().and_then(|n| n.to_str()))
    else {
        return 0;
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    let prefixes = [format!("{name}.tmp-"), format!("{name}.bak.tmp-")];
    let legacy = format!("{name}.bak.tmp");
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let writer = prefixes
            .iter()
            .find_map(|prefix| file_name.strip_prefix(prefix.as_str()))
            .map(|rest| {
                rest.split('-')
                    .next()
                    .and_then(|pid| pid.parse::<u32>().ok())
            });
        let stale = match writer {
            Some(Some(pid)) => !process_alive(pid, &entry.path()),
            Some(None) => true,
            None => file_name == legacy,
        };
        if stale && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether the process that wrote a temporary file may still be writing it: on Linux, whether
/// it runs; elsewhere, whether the file was touched in the last hour.
fn process_alive(pid: u32, file: &Path) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        return Path::new("/proc").join(pid.to_string()).exists();
    }
    fs::metadata(file)
        .and_then(|meta| meta.modified())
        .ok()
        .and_then(|time| time.elapsed().ok())
        .is_none_or(|age| age < std::time::Duration::from_secs(3600))
}

/// Moves an unreadable sidecar out of the way, to `PAGE.ann.ron.unreadable-<time>`, and returns
/// where it went. The file itself is not changed.
pub fn set_aside(path: &Path) -> io::Result<PathBuf> {
    move_aside(path, "unreadable")
}

/// Keeps the sidecar as it is now under `PAGE.ann.ron.unreadable-<time>` without moving it: a
/// hard link (or, where links cannot be made, a copy at a new name), so the sidecar's own name
/// never goes missing. Returns where the copy is.
pub fn keep_copy_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S").to_string();
    let mut aside = with_suffix(path, &format!(".unreadable-{stamp}"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = with_suffix(path, &format!(".unreadable-{stamp}-{n}"));
    }
    if fs::hard_link(path, &aside).is_err() {
        copy_to_new(path, &aside)?;
    }
    Ok(aside)
}

/// Keeps the backup of a sidecar that is being started afresh, as
/// `PAGE.ann.ron.bak-before-<time>`, so the saves of the new sidecar cannot rotate the last
/// good version away. Returns where it went, or `None` if there was no backup.
pub fn keep_backup_aside(sidecar: &Path) -> io::Result<Option<PathBuf>> {
    let backup = backup_path(sidecar);
    if !backup.exists() {
        return Ok(None);
    }
    move_aside(&backup, "before").map(Some)
}

/// Renames `path` to `path.<label>-<time>` (with `-2`, `-3`… if taken), unchanged.
fn move_aside(path: &Path, label: &str) -> io::Result<PathBuf> {
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S").to_string();
    let separator = if label == "before" { "-" } else { "." };
    let mut aside = with_suffix(path, &format!("{separator}{label}-{stamp}"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = with_suffix(path, &format!("{separator}{label}-{stamp}-{n}"));
    }
    fs::rename(path, &aside)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder with a sidecar holding `OLD` and a backup holding `OLDER`; with `trap`, also the
    /// leftover of a killed save: the old fixed-name backup temporary as a hard link of the
    /// live sidecar, which a copy onto it would truncate.
    fn folder(trap: bool) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.txt.ann.ron");
        fs::write(&target, OLD).unwrap();
        fs::write(backup_path(&target), OLDER).unwrap();
        if trap {
            fs::hard_link(&target, with_suffix(&backup_path(&target), ".tmp")).unwrap();
        }
        (dir, target)
    }

    const OLDER: &[u8] = b"(older)";
    const OLD: &[u8] = b"(old version, complete)";
    const NEW: &[u8] = b"(new version, complete)";

    /// The steps to make fail, in order; the last one fails (or crashes), the ones before
    /// fail as a file system without hard links does.
    const CASES: [&[Step]; 8] = [
        &[Step::CreateTemporary],
        &[Step::WriteTemporary],
        &[Step::SyncTemporary],
        &[Step::LinkBackup],
        &[Step::LinkBackup, Step::CopyBackup],
        &[Step::RenameBackup],
        &[Step::LinkBackup, Step::RenameBackup],
        &[Step::RenameSidecar],
    ];

    #[test]
    fn many_annotations_are_written_on_several_threads_as_on_one() {
        use crate::annotation::metric::Metric;
        use crate::annotation::model::Origin;
        use crate::annotation::sidecar::parse_unchecked;
        use crate::text::{PageEncoding, Source, Span};
        let source = Source::from_text(
            "林晓舟说，新区投资12.5亿元。\n".repeat(600),
            PageEncoding::Utf8,
        );
        let annotations: Vec<Annotation> = (0..PARALLEL_LINES + 100)
            .map(|n| {
                let at = n % 8000;
                let mut a =
                    Annotation::new(&source, "PER", Span::new(at, at + 3), Origin::Manual, "ed");
                if n % 7 == 0 {
                    a.metric = Some(Box::new(Metric::default()));
                }
                a
            })
            .collect();
        let file = SidecarFile::new("p.txt", &source, annotations);
        let text = to_ron(&file).unwrap();
        let mut one_thread = String::new();
        lines(&file.annotations, &mut one_thread).unwrap();
        let list =
            &text[text.find("annotations: [\n").unwrap() + 15..text.rfind("    ],").unwrap()];
        assert_eq!(list, one_thread);
        assert_eq!(list.lines().count(), PARALLEL_LINES + 100);
        assert_eq!(
            parse_unchecked(Path::new("p.txt.ann.ron"), text.as_bytes()).unwrap(),
            file
        );
    }

    #[test]
    fn one_annotation_a_line_with_line_breaks_escaped_and_old_layouts_still_read() {
        use crate::annotation::model::Origin;
        use crate::annotation::sidecar::parse_unchecked;
        use crate::text::{PageEncoding, Source, Span};
        let source = Source::from_text("甲\n\n林𠀀舟说“好”。😀\n乙", PageEncoding::Utf8);
        let mut with_break = Annotation::new(&source, "PER", Span::new(3, 6), Origin::Manual, "ed");
        with_break.note = Some("核对\n数字".to_owned());
        let mut quoted = Annotation::new(&source, "WORK", Span::new(7, 10), Origin::Manual, "ed");
        quoted.prefix = "说“".to_owned();
        quoted.note = Some("a \"quote\"".to_owned());
        let file = SidecarFile::new("p.txt", &source, vec![with_break, quoted]);
        let text = to_ron(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 13, "{text}");
        assert!(lines[9].starts_with("        (id: \""), "{text}");
        assert!(
            lines[9].contains(r#"quote: "林𠀀舟", prefix: "甲\n\n""#),
            "{text}"
        );
        assert!(lines[9].contains("note: Some(\"核对\\n数字\")"), "{text}");
        // Its line break is escaped in place; the note with quotes stays a raw string.
        assert!(lines[10].contains(r#"suffix: "。😀\n乙""#), "{text}");
        assert!(
            lines[10].contains(r###"note: Some(r#"a "quote""#)"###),
            "{text}"
        );
        assert_eq!(
            parse_unchecked(Path::new("p.txt.ann.ron"), text.as_bytes()).unwrap(),
            file
        );
        // As written before: strings broken across lines, one call for the whole file.
        let old = ron::ser::to_string_pretty(
            &file,
            ron::ser::PrettyConfig::new()
                .depth_limit(2)
                .struct_names(false)
                .escape_strings(false),
        )
        .unwrap();
        assert!(old.lines().count() > 13);
        assert_eq!(
            parse_unchecked(Path::new("p.txt.ann.ron"), old.as_bytes()).unwrap(),
            file
        );
        // Where no string breaks, the layout is the old one, line for line.
        let mut plain = file;
        plain.annotations.truncate(0);
        plain.annotations.push(Annotation::new(
            &source,
            "PER",
            Span::new(7, 10),
            Origin::Manual,
            "ed",
        ));
        plain.annotations[0].prefix.clear();
        plain.annotations[0].suffix.clear();
        let old_plain = ron::ser::to_string_pretty(
            &plain,
            ron::ser::PrettyConfig::new()
                .depth_limit(2)
                .struct_names(false)
                .escape_strings(false),
        )
        .unwrap();
        assert_eq!(to_ron(&plain).unwrap(), old_plain + "\n");
    }

    #[test]
    fn a_save_cut_at_any_step_leaves_the_sidecar_whole() {
        for trap in [false, true] {
            for steps in CASES {
                for crash in [false, true] {
                    let (_dir, target) = folder(trap);
                    let last = steps.len() - 1;
                    let result = write_atomic_with(&target, NEW, &mut |now| match steps
                        .iter()
                        .position(|&s| s == now)
                    {
                        Some(k) if k == last && crash => Err(Fault::Crash),
                        Some(_) => Err(Fault::Error(io::Error::other("injected"))),
                        None => Ok(()),
                    });
                    let live = fs::read(&target).unwrap();
                    let backup = fs::read(backup_path(&target)).unwrap();
                    let case = format!("trap {trap}, {steps:?}, crash {crash}: {result:?}");
                    if steps == [Step::LinkBackup] && !crash {
                        // No hard links: the backup is copied, and the save completes.
                        assert!(result.is_ok(), "{case}");
                        assert_eq!((live.as_slice(), backup.as_slice()), (NEW, OLD), "{case}");
                        continue;
                    }
                    assert!(result.is_err(), "{case}");
                    assert_eq!(live, OLD, "the sidecar is the old one, whole: {case}");
                    assert!(
                        backup == OLD || backup == OLDER,
                        "the backup is a whole earlier version: {case}"
                    );
                    // The next save completes, and keeps the old version as the backup.
                    write_atomic(&target, NEW).unwrap();
                    assert_eq!(fs::read(&target).unwrap(), NEW, "{case}");
                    assert_eq!(fs::read(backup_path(&target)).unwrap(), OLD, "{case}");
                }
            }
        }
    }

    #[test]
    fn the_backup_copy_never_writes_into_the_live_sidecar() {
        let (_dir, target) = folder(true);
        let temporary = unique(&backup_path(&target), ".tmp");
        copy_to_new(&target, &temporary).unwrap();
        assert_eq!(fs::read(&target).unwrap(), OLD);
        // Onto an existing name, even a hard link of the sidecar itself, it refuses.
        let linked = with_suffix(&backup_path(&target), ".tmp");
        assert_eq!(
            copy_to_new(&target, &linked).unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
        assert_eq!(fs::read(&target).unwrap(), OLD, "not truncated");
    }

    #[test]
    fn leftovers_of_dead_savers_are_removed_and_live_ones_kept() {
        let (dir, target) = folder(true);
        let dead = with_suffix(&target, ".tmp-999999999-1");
        let dead_backup = with_suffix(&backup_path(&target), ".tmp-999999999-2");
        let ours = unique(&target, ".tmp");
        let other_page = dir.path().join("b.txt.ann.ron.tmp-999999999-3");
        for path in [&dead, &dead_backup, &ours, &other_page] {
            fs::write(path, b"x").unwrap();
        }
        assert_eq!(
            remove_stale_temporaries(&target),
            3,
            "two dead, one legacy name"
        );
        assert!(!dead.exists() && !dead_backup.exists());
        assert!(!with_suffix(&backup_path(&target), ".tmp").exists());
        assert!(ours.exists(), "this process may still be writing it");
        assert!(
            other_page.exists(),
            "another page's file is not this page's business"
        );
        assert_eq!(fs::read(&target).unwrap(), OLD);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_sidecar_is_written_through_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        fs::create_dir(&store).unwrap();
        let real = store.join("a.txt.ann.ron");
        fs::write(&real, OLD).unwrap();
        let link = dir.path().join("a.txt.ann.ron");
        std::os::unix::fs::symlink("store/a.txt.ann.ron", &link).unwrap();
        let resolved = resolve(&link).unwrap();
        assert_eq!(resolved, dir.path().join("store/a.txt.ann.ron"));
        write_atomic(&resolved, NEW).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link stays"
        );
        assert_eq!(fs::read(&link).unwrap(), NEW);
        let backup = backup_path(&resolved);
        assert!(
            !fs::symlink_metadata(&backup)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(backup).unwrap(), OLD);
    }
}
