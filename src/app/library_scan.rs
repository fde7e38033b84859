//! Reading the library's sidecars off the UI thread, and following the folder as files are
//! added, removed or changed on disk.
//!
//! One reader thread takes batches of pages and sends back each page's summary; the window is
//! woken for each, so the counts fill in while frames go on. A recursive `notify` watch on the
//! folder names the pages whose file or sidecar changed; once the changes have settled, those
//! pages are read again, added or taken off the list.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use eframe::egui;
use notify::{RecursiveMode, Watcher};

use super::state::library::Library;
use super::watch::SETTLE;
use crate::annotation::sidecar;
use crate::corpus::{self, PageSummary};

/// A page to read: its file and its path below the folder.
type Job = (PathBuf, PathBuf);

/// The reader thread and the watch of one library's folder.
pub struct Scanner {
    root: PathBuf,
    jobs: Sender<Vec<Job>>,
    results: Receiver<PageSummary>,
    /// Pages sent to the reader and not yet back.
    outstanding: usize,
    /// Kept alive for as long as the library is open; `None` if the folder cannot be watched.
    watcher: Option<notify::RecommendedWatcher>,
    changes: Receiver<PathBuf>,
    changed: HashSet<PathBuf>,
    last_change: Option<Instant>,
    /// When summaries were last taken in: while many arrive, they are taken in batches.
    last_taken: Option<Instant>,
    ctx: egui::Context,
}

/// How often summaries are taken in while pages are being read: sorting the list and summing
/// its figures once per batch rather than once a frame keeps frames short.
const BATCH: Duration = Duration::from_millis(100);

/// The page a changed file stands for: the page itself (`*.txt`) or the page of a sidecar;
/// `None` for anything else (locks, temporary files, backups) and anything in a hidden folder.
fn page_of(path: &Path, root: &Path) -> Option<PathBuf> {
    let below = path.strip_prefix(root).ok()?;
    if below
        .components()
        .any(|part| part.as_os_str().to_string_lossy().starts_with('.'))
    {
        return None;
    }
    let name = path.file_name()?.to_str()?;
    let page_name = name.strip_suffix(sidecar::EXTENSION).unwrap_or(name);
    let is_page = Path::new(page_name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    is_page.then(|| path.with_file_name(page_name))
}

impl Scanner {
    /// Starts the reader on every page of `library` and watches its folder.
    pub fn start(library: &Library, ctx: &egui::Context) -> Self {
        let (jobs, job_queue) = channel::<Vec<Job>>();
        let (sender, results) = channel();
        let waker = ctx.clone();
        // Without a thread the list stays as listed (every page untouched): nothing is lost.
        drop(
            std::thread::Builder::new()
                .name("library reader".into())
                .spawn(move || {
                    for batch in job_queue {
                        for (path, relative) in batch {
                            if sender.send(corpus::summarize(&path, &relative)).is_err() {
                                return;
                            }
                            waker.request_repaint();
                        }
                    }
                }),
        );
        let (change_sender, changes) = channel();
        let root = library.root.clone();
        let watch_root = root.clone();
        let waker = ctx.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            if event.kind.is_access() {
                return;
            }
            for path in &event.paths {
                if let Some(page) = page_of(path, &watch_root)
                    && change_sender.send(page).is_ok()
                {
                    waker.request_repaint_after(SETTLE);
                }
            }
        })
        .and_then(|mut watcher| {
            watcher.watch(&root, RecursiveMode::Recursive)?;
            Ok(watcher)
        })
        .ok();
        let mut scanner = Self {
            root,
            jobs,
            results,
            outstanding: 0,
            watcher,
            changes,
            changed: HashSet::new(),
            last_change: None,
            last_taken: None,
            ctx: ctx.clone(),
        };
        let all = library
            .pages()
            .iter()
            .map(|page| (page.path.clone(), page.relative.clone()))
            .collect();
        scanner.read(all);
        scanner
    }

    /// Whether the folder is watched for changes.
    pub fn watching(&self) -> bool {
        self.watcher.is_some()
    }

    /// Pages still being read.
    pub fn outstanding(&self) -> usize {
        self.outstanding
    }

    /// Reads these pages (again).
    pub fn read(&mut self, pages: Vec<Job>) {
        let count = pages.len();
        if count > 0 && self.jobs.send(pages).is_ok() {
            self.outstanding += count;
        }
    }

    /// Reads the page at `path` again (it was changed from here).
    pub fn reread(&mut self, path: &Path) {
        let relative = path.strip_prefix(&self.root).unwrap_or(path).to_owned();
        self.read(vec![(path.to_owned(), relative)]);
    }

    /// Takes in the summaries read since the last call, and acts on changes on disk that
    /// have settled by `now`.
    pub fn poll(&mut self, library: &mut Library, now: Instant) {
        let since = self
            .last_taken
            .map_or(BATCH, |last| now.saturating_duration_since(last));
        if self.outstanding > 0 && since < BATCH {
            self.ctx.request_repaint_after(BATCH.saturating_sub(since));
        } else {
            self.take_summaries(library, now);
        }
        self.follow_changes(library, now);
    }

    /// Takes in the summaries read since they were last taken.
    fn take_summaries(&mut self, library: &mut Library, now: Instant) {
        self.last_taken = Some(now);
        let mut read = Vec::new();
        while let Ok(summary) = self.results.try_recv() {
            self.outstanding = self.outstanding.saturating_sub(1);
            read.push(summary);
        }
        // A page removed meanwhile is not put back.
        read.retain(|summary| summary.path.is_file());
        library.update(read);
    }

    /// Acts on the changes on disk that have settled by `now`.
    fn follow_changes(&mut self, library: &mut Library, now: Instant) {
        while let Ok(page) = self.changes.try_recv() {
            self.changed.insert(page);
            self.last_change = Some(now);
        }
        let Some(last) = self.last_change else { return };
        let waited = now.saturating_duration_since(last);
        if waited < SETTLE {
            self.ctx
                .request_repaint_after(SETTLE.saturating_sub(waited));
            return;
        }
        self.last_change = None;
        let mut again = Vec::new();
        for page in std::mem::take(&mut self.changed) {
            if page.is_file() {
                let relative = page.strip_prefix(&self.root).unwrap_or(&page).to_owned();
                again.push((page, relative));
            } else {
                library.remove(&page);
            }
        }
        again.sort();
        self.read(again);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_names_its_page_and_nothing_else_does() {
        let root = Path::new("/lib");
        let page = |path: &str| page_of(Path::new(path), root);
        assert_eq!(page("/lib/a.txt"), Some(PathBuf::from("/lib/a.txt")));
        assert_eq!(page("/lib/b/a.TXT"), Some(PathBuf::from("/lib/b/a.TXT")));
        assert_eq!(
            page("/lib/a.txt.ann.ron"),
            Some(PathBuf::from("/lib/a.txt"))
        );
        assert_eq!(page("/lib/a.txt.ann.ron.lock"), None);
        assert_eq!(page("/lib/a.txt.ann.ron.bak"), None);
        assert_eq!(page("/lib/a.txt.ann.ron.tmp-12-34"), None);
        assert_eq!(page("/lib/tagset.ron"), None);
        assert_eq!(page("/lib/.git/a.txt"), None);
        assert_eq!(page("/elsewhere/a.txt"), None);
    }
}
