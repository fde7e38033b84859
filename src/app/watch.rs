//! Watching the open page and its sidecar for changes made on disk by other programs (an
//! editor saving the page, another copydesk saving the annotations, `git pull`).
//!
//! The page's folder is watched rather than the two files, because editors and copydesk itself
//! replace a file by renaming a new one over it, which a watch on the old file would miss. A
//! change is acted on once it has settled: a program writing in several steps is not read
//! half-way.

use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use eframe::egui;
use notify::{RecursiveMode, Watcher};

use crate::annotation::sidecar;

/// How long a file must stay unchanged before it is read again.
pub const SETTLE: Duration = Duration::from_millis(300);

/// Which of the two files changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Changed {
    Page,
    Sidecar,
}

/// What changed on disk and has settled since it was last asked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Settled {
    /// The page file.
    pub page: bool,
    /// Its sidecar.
    pub sidecar: bool,
}

/// A watch on one page and its sidecar.
pub struct PageWatch {
    /// Kept alive for as long as the watch is wanted.
    _watcher: notify::RecommendedWatcher,
    events: Receiver<(Changed, Instant)>,
    pending: Settled,
    last_event: Option<Instant>,
    ctx: egui::Context,
}

impl PageWatch {
    /// Watches `page` and its sidecar; `ctx` is woken when either changes, so the change is
    /// seen without the user touching the window.
    pub fn new(page: &Path, ctx: &egui::Context) -> notify::Result<Self> {
        let folder = match page.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        let page_name = page.file_name().map(ToOwned::to_owned);
        let sidecar_name = sidecar::path_for(page).file_name().map(ToOwned::to_owned);
        let (sender, events) = channel();
        let waker = ctx.clone();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else { return };
                if event.kind.is_access() {
                    return;
                }
                for path in &event.paths {
                    let name = path.file_name();
                    let changed = if name.is_some() && name == page_name.as_deref() {
                        Changed::Page
                    } else if name.is_some() && name == sidecar_name.as_deref() {
                        Changed::Sidecar
                    } else {
                        continue;
                    };
                    if sender.send((changed, Instant::now())).is_ok() {
                        waker.request_repaint_after(SETTLE);
                    }
                }
            })?;
        watcher.watch(&folder, RecursiveMode::NonRecursive)?;
        Ok(Self {
            _watcher: watcher,
            events,
            pending: Settled::default(),
            last_event: None,
            ctx: ctx.clone(),
        })
    }

    /// The changes that have settled by `now`, cleared once returned; changes still settling
    /// wait for a later call (the window is woken for it).
    pub fn settled(&mut self, now: Instant) -> Settled {
        loop {
            let at = match self.events.try_recv() {
                Ok((Changed::Page, at)) => {
                    self.pending.page = true;
                    at
                }
                Ok((Changed::Sidecar, at)) => {
                    self.pending.sidecar = true;
                    at
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            };
            self.last_event = Some(self.last_event.map_or(at, |last| last.max(at)));
        }
        match self.last_event {
            Some(last) if now.saturating_duration_since(last) >= SETTLE => {
                self.last_event = None;
                std::mem::take(&mut self.pending)
            }
            Some(last) => {
                // Still settling: look again when it will have.
                let waited = now.saturating_duration_since(last);
                self.ctx
                    .request_repaint_after(SETTLE.saturating_sub(waited));
                Settled::default()
            }
            None => Settled::default(),
        }
    }

    /// Keeps a sidecar change for later (a save of ours is running, and its own write must
    /// not be taken for another program's).
    pub fn defer_sidecar(&mut self, now: Instant) {
        self.pending.sidecar = true;
        self.last_event = Some(now);
        self.ctx.request_repaint_after(SETTLE);
    }
}
