//! The export itself: find the pages, make every file in memory, check that nothing would be
//! overwritten that should not be, then write each file atomically under the output folder.
//!
//! Nothing is written until every page has been read, so a refused export (files already
//! there, two pages wanting one file, a page that would be overwritten) writes nothing at all.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use super::Format;
use super::model::{LeftOut, PageUnits, UnitKind};
use super::output::{OutFile, count};
use super::pages::{self, FoundPage};
use crate::annotation::{Document, sidecar};

/// What to export, where, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRequest {
    /// Pages and folders of pages (searched recursively for `*.txt`).
    pub paths: Vec<PathBuf>,
    /// The format.
    pub format: Format,
    /// The output folder; nothing is written outside it.
    pub out: PathBuf,
    /// One record per item or per page.
    pub unit: UnitKind,
    /// Suggestions too, not only accepted annotations.
    pub include_suggested: bool,
    /// Overwrite files already in the output folder.
    pub force: bool,
}

/// How far an export has got, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// `done` of `total` pages read and converted.
    Reading {
        /// Pages done.
        done: usize,
        /// Pages found.
        total: usize,
    },
    /// `done` of `total` files written.
    Writing {
        /// Files written.
        done: usize,
        /// Files to write.
        total: usize,
    },
}

/// What an export did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Pages exported.
    pub pages: usize,
    /// Records written (lines, documents, tasks, units with metric rows, or pages).
    pub units: usize,
    /// Annotations written (for `corrected`: corrections applied).
    pub spans: usize,
    /// Files written.
    pub files: usize,
    /// Of those, files that were there before and were overwritten (`force`).
    pub overwritten: usize,
    /// What the user should know: annotations left out, and why.
    pub warnings: Vec<String>,
    /// Pages or folders that could not be read, one line each naming the file; the other
    /// pages were exported.
    pub failures: Vec<String>,
}

impl Summary {
    /// One line saying what `request` exported: pages, where, the format, units and spans
    /// (corrections for corrected text) and files, as
    /// `exported 12 pages to ds (jsonl): 40 units, 230 spans, 1 file`.
    pub fn describe(&self, request: &ExportRequest) -> String {
        let what = if request.format == Format::Corrected {
            format!("{} applied", count(self.spans, "correction"))
        } else {
            format!(
                "{}, {}",
                count(self.units, "unit"),
                count(self.spans, "span")
            )
        };
        let overwritten = if self.overwritten > 0 {
            format!(" ({} overwritten)", self.overwritten)
        } else {
            String::new()
        };
        format!(
            "exported {} to {} ({}): {what}, {}{overwritten}",
            count(self.pages, "page"),
            request.out.display(),
            request.format.name(),
            count(self.files, "file")
        )
    }
}

/// Why an export wrote nothing, or stopped.
#[derive(Debug)]
pub enum ExportError {
    /// No page was found to export.
    NoPages {
        /// Why, for each path that could not be read.
        failures: Vec<String>,
    },
    /// Files to write exist already, and `force` was not given. Nothing was written.
    Exists {
        /// The files, under the output folder.
        paths: Vec<PathBuf>,
    },
    /// A file to write is one of the pages exported, or its sidecar. Nothing was written.
    IntoInput {
        /// The file.
        path: PathBuf,
    },
    /// Two pages would write the same file. Nothing was written.
    Collision {
        /// The file.
        path: PathBuf,
        /// The two pages.
        pages: [String; 2],
    },
    /// A file could not be written; some of the others were.
    Write {
        /// The file.
        path: PathBuf,
        /// Files written.
        written: usize,
        /// What went wrong.
        error: io::Error,
    },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoPages { failures } if failures.is_empty() => {
                f.write_str("no pages to export: a folder is searched for *.txt files")
            }
            Self::NoPages { failures } => {
                write!(f, "no pages to export: {}", failures.join("; "))
            }
            Self::Exists { paths } => {
                let first = paths
                    .first()
                    .map_or_else(String::new, |p| p.display().to_string());
                match paths.len() {
                    0 | 1 => write!(f, "{first} exists already; nothing was written"),
                    n => write!(
                        f,
                        "{first} and {} more files exist already; nothing was written",
                        n - 1
                    ),
                }
            }
            Self::IntoInput { path } => write!(
                f,
                "{} is a page being exported, or its sidecar; nothing was written (choose another output folder)",
                path.display()
            ),
            Self::Collision { path, pages } => write!(
                f,
                "{} and {} would both be written to {}; nothing was written (export them to different folders)",
                pages[0],
                pages[1],
                path.display()
            ),
            Self::Write {
                path,
                written,
                error,
            } => write!(
                f,
                "{}: cannot write: {error} ({} written)",
                path.display(),
                count(*written, "other file")
            ),
        }
    }
}

impl std::error::Error for ExportError {}

/// Exports the pages of `request`, calling `progress` as pages are read and files written
/// (from this thread). Pages that cannot be read are listed in [`Summary::failures`] and the
/// others exported; an error means nothing, or only part, was written (see [`ExportError`]).
pub fn export(
    request: &ExportRequest,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, ExportError> {
    let mut summary = Summary::default();
    let found = pages::find(&request.paths, &request.out, &mut summary.failures);
    if found.is_empty() {
        return Err(ExportError::NoPages {
            failures: summary.failures,
        });
    }
    let files = convert(request, &found, &mut summary, progress);
    let targets = check(request, &found, &files)?;
    summary.overwritten = targets.iter().filter(|(_, exists)| *exists).count();
    let jobs: Vec<(&Path, &[u8])> = targets
        .iter()
        .zip(&files)
        .map(|((target, _), file)| (target.as_path(), file.bytes.as_slice()))
        .collect();
    write_all(&jobs, progress)?;
    summary.files = jobs.len();
    Ok(summary)
}

/// Threads writing files at once: each write mostly waits for the disk (a flush, a rename),
/// so brat's thousands of small files go several times faster side by side.
const WRITERS: usize = 8;

/// Writes every file, on [`WRITERS`] threads, reporting progress from this one. After a
/// failure no new file is started; the error names the first file that failed.
fn write_all(
    jobs: &[(&Path, &[u8])],
    progress: &mut dyn FnMut(Progress),
) -> Result<(), ExportError> {
    let total = jobs.len();
    progress(Progress::Writing { done: 0, total });
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let (sender, receiver) = mpsc::channel::<Result<(), (usize, io::Error)>>();
    std::thread::scope(|scope| {
        for _ in 0..WRITERS.min(total) {
            let (next, failed, sender) = (&next, &failed, sender.clone());
            scope.spawn(move || {
                while !failed.load(Ordering::Relaxed) {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(target, bytes)) = jobs.get(k) else {
                        break;
                    };
                    let result = write(target, bytes).map_err(|error| (k, error));
                    failed.fetch_or(result.is_err(), Ordering::Relaxed);
                    if sender.send(result).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut done = 0;
        let mut first_error: Option<(usize, io::Error)> = None;
        for result in receiver {
            match result {
                Ok(()) => {
                    done += 1;
                    progress(Progress::Writing { done, total });
                }
                Err((k, error)) => {
                    if first_error.as_ref().is_none_or(|(first, _)| k < *first) {
                        first_error = Some((k, error));
                    }
                }
            }
        }
        match first_error {
            None => Ok(()),
            Some((k, error)) => Err(ExportError::Write {
                path: jobs[k].0.to_owned(),
                written: done,
                error,
            }),
        }
    })
}

/// Reads every page and makes the files in memory.
fn convert(
    request: &ExportRequest,
    found: &[FoundPage],
    summary: &mut Summary,
    progress: &mut dyn FnMut(Progress),
) -> Vec<OutFile> {
    let total = found.len();
    progress(Progress::Reading { done: 0, total });
    let mut writer = request.format.writer(request.include_suggested);
    let unit = request.format.units(request.unit);
    let mut files = Vec::new();
    let mut left_out = LeftOut::default();
    for (done, page) in found.iter().enumerate() {
        match Document::open(&page.path) {
            Ok(document) => {
                let file = page.path.display().to_string();
                let units = PageUnits::new(&document, file, unit, request.include_suggested);
                let written = writer.page(&units, &page.relative, &mut files);
                summary.pages += 1;
                summary.units += written.units;
                summary.spans += written.spans;
                left_out.orphaned += units.left_out.orphaned;
                left_out.blank += units.left_out.blank;
                left_out.cut += units.left_out.cut;
            }
            Err(err) => summary.failures.push(err.to_string()),
        }
        progress(Progress::Reading {
            done: done + 1,
            total,
        });
    }
    summary.warnings = left_out_warnings(left_out, request.format);
    summary.warnings.extend(writer.finish(&mut files));
    files
}

fn left_out_warnings(left_out: LeftOut, format: Format) -> Vec<String> {
    let mut warnings = Vec::new();
    if format == Format::Corrected {
        return warnings;
    }
    if left_out.orphaned > 0 {
        warnings.push(format!(
            "{} left out (not found on their page as it is now; place them again in the app)",
            count(left_out.orphaned, "orphaned annotation")
        ));
    }
    if left_out.blank > 0 {
        warnings.push(format!(
            "{} of blanks alone left out",
            count(left_out.blank, "annotation")
        ));
    }
    if left_out.cut > 0 {
        warnings.push(format!(
            "{} running into the next item cut: only the part in the item where each starts is written",
            count(left_out.cut, "annotation")
        ));
    }
    warnings
}

/// Where each file goes and whether it is there already; refuses what must not be written.
fn check(
    request: &ExportRequest,
    found: &[FoundPage],
    files: &[OutFile],
) -> Result<Vec<(PathBuf, bool)>, ExportError> {
    let mut seen: HashMap<&Path, Option<&str>> = HashMap::new();
    for file in files {
        if let Some(earlier) = seen.insert(&file.path, file.page.as_deref()) {
            return Err(ExportError::Collision {
                path: request.out.join(&file.path),
                pages: [
                    earlier.unwrap_or_default().to_owned(),
                    file.page.clone().unwrap_or_default(),
                ],
            });
        }
    }
    let inputs: HashSet<PathBuf> = found
        .iter()
        .flat_map(|page| [page.path.clone(), sidecar::path_for(&page.path)])
        .filter_map(|path| std::fs::canonicalize(path).ok())
        .collect();
    let mut targets = Vec::with_capacity(files.len());
    let mut existing = Vec::new();
    for file in files {
        let target = request.out.join(&file.path);
        let exists = target.symlink_metadata().is_ok();
        if exists {
            if std::fs::canonicalize(&target).is_ok_and(|t| inputs.contains(&t)) {
                return Err(ExportError::IntoInput { path: target });
            }
            existing.push(target.clone());
        }
        targets.push((target, exists));
    }
    if !existing.is_empty() && !request.force {
        return Err(ExportError::Exists { paths: existing });
    }
    Ok(targets)
}

/// Writes one file atomically: to a temporary file beside it, flushed, then renamed into
/// place, as sidecars are written (without their backup).
fn write(target: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder)?;
    }
    sidecar::stage(target, bytes)?.install()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::fixture::fixture;

    fn request(paths: Vec<PathBuf>, format: Format, out: PathBuf) -> ExportRequest {
        ExportRequest {
            paths,
            format,
            out,
            unit: UnitKind::Item,
            include_suggested: false,
            force: false,
        }
    }

    #[test]
    fn refuses_to_overwrite_without_force_and_writes_nothing() {
        let fixture = fixture();
        let mut request = request(vec![fixture.folder()], Format::Brat, fixture.out());
        std::fs::create_dir_all(fixture.out().join("p01")).unwrap();
        std::fs::write(fixture.out().join("p01/item-03.ann"), "mine").unwrap();
        let err = export(&request, &mut |_| {}).unwrap_err();
        assert!(
            matches!(&err, ExportError::Exists { paths } if paths.len() == 1),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "{} exists already; nothing was written",
                fixture.out().join("p01/item-03.ann").display()
            )
        );
        assert!(!fixture.out().join("p01/item-02.ann").exists());
        request.force = true;
        let mut seen = Vec::new();
        let summary = export(&request, &mut |progress| seen.push(progress)).unwrap();
        assert_eq!((summary.files, summary.overwritten), (10, 1));
        assert_ne!(fixture.read("p01/item-03.ann"), "mine");
        assert_eq!(seen.first(), Some(&Progress::Reading { done: 0, total: 1 }));
        assert_eq!(seen.get(1), Some(&Progress::Reading { done: 1, total: 1 }));
        assert_eq!(
            seen.last(),
            Some(&Progress::Writing {
                done: 10,
                total: 10
            })
        );
        let left: Vec<_> = std::fs::read_dir(fixture.out().join("p01"))
            .unwrap()
            .collect();
        assert_eq!(left.len(), 8, "no temporary files left");
    }

    #[test]
    fn never_writes_over_a_page_being_exported() {
        let fixture = fixture();
        let mut request = request(
            vec![fixture.page.clone()],
            Format::Corrected,
            fixture.folder(),
        );
        request.force = true;
        let err = export(&request, &mut |_| {}).unwrap_err();
        assert!(matches!(err, ExportError::IntoInput { .. }), "{err}");
        assert_eq!(
            std::fs::read_to_string(&fixture.page).unwrap(),
            super::super::fixture::PAGE
        );
    }

    #[test]
    fn two_pages_for_one_file_are_refused() {
        let fixture = fixture();
        let other = fixture.dir.path().join("elsewhere/p01.txt");
        std::fs::create_dir_all(other.parent().unwrap()).unwrap();
        std::fs::copy(&fixture.page, &other).unwrap();
        let request = request(
            vec![fixture.page.clone(), other.clone()],
            Format::Corrected,
            fixture.out(),
        );
        let err = export(&request, &mut |_| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} and {} would both be written to {}; nothing was written (export them to different folders)",
                fixture.page.display(),
                other.display(),
                fixture.out().join("p01.txt").display()
            )
        );
        assert!(!fixture.out().exists());
    }

    #[test]
    fn an_unreadable_page_is_reported_and_the_others_exported() {
        let fixture = fixture();
        let broken = fixture.folder().join("p02.txt");
        std::fs::copy(&fixture.page, &broken).unwrap();
        std::fs::write(sidecar::path_for(&broken), "(format: ").unwrap();
        let request = request(
            vec![fixture.folder(), fixture.dir.path().join("nowhere")],
            Format::Jsonl,
            fixture.out(),
        );
        let summary = export(&request, &mut |_| {}).unwrap();
        assert_eq!(summary.pages, 1);
        assert_eq!(summary.failures.len(), 2, "{:?}", summary.failures);
        assert!(summary.failures[0].ends_with("nowhere: no such page or folder"));
        assert!(summary.failures[1].starts_with(&sidecar::path_for(&broken).display().to_string()));
        assert_eq!(fixture.read("export.jsonl").lines().count(), 4);
    }

    #[test]
    fn a_file_that_cannot_be_written_is_named() {
        let fixture = fixture();
        std::fs::create_dir_all(fixture.out()).unwrap();
        // A file where the page's folder should be.
        std::fs::write(fixture.out().join("p01"), "in the way").unwrap();
        let request = request(vec![fixture.folder()], Format::Brat, fixture.out());
        let err = export(&request, &mut |_| {}).unwrap_err();
        let ExportError::Write { path, written, .. } = &err else {
            panic!("{err}");
        };
        assert!(path.starts_with(fixture.out().join("p01")), "{err}");
        assert!(*written <= 2, "only annotation.conf and visual.conf: {err}");
        assert!(err.to_string().contains(": cannot write: "), "{err}");
    }

    #[test]
    fn no_pages_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let request = request(
            vec![dir.path().to_owned()],
            Format::Jsonl,
            dir.path().join("out"),
        );
        let err = export(&request, &mut |_| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no pages to export: a folder is searched for *.txt files"
        );
    }
}
