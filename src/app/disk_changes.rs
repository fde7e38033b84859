//! Following the open page and its sidecar as other programs change them: the page read again
//! and its annotations re-anchored, the sidecar merged in; the status bar says what happened.
//! The core does the work ([`Document::reload_page`], [`Document::refresh_sidecar`]).

use std::path::Path;
use std::time::Instant;

use super::CopydeskApp;
use super::watch::PageWatch;
use crate::annotation::Document;

impl CopydeskApp {
    /// Starts watching `path` (the page just opened) and its sidecar. A page that cannot be
    /// watched (too many watches on this system) is still opened; the status bar says so.
    pub(super) fn watch_page(&mut self, path: &Path) {
        self.watch = match PageWatch::new(path, &self.ctx) {
            Ok(watch) => Some(watch),
            Err(err) => {
                self.notice = Some(format!(
                    "Changes made to {} by other programs will not be noticed: {err}",
                    path.display()
                ));
                None
            }
        };
    }

    /// Acts on changes on disk that have settled. A sidecar change waits while a save of ours
    /// runs, so that our own write is not taken for another program's.
    pub(super) fn follow_disk_changes(&mut self) {
        let (Some(watch), Some(page)) = (&mut self.watch, &mut self.page) else {
            return;
        };
        let now = Instant::now();
        let settled = watch.settled(now);
        if settled.page {
            match page.document.reload_page() {
                Ok(Some(report)) => {
                    page.page_reloaded();
                    self.find.reset();
                    self.notice = Some(format!(
                        "{} changed on disk and was read again: {} annotations in place, {} moved, {} fuzzy, {} orphaned; undo starts afresh",
                        page.document.name(),
                        report.exact,
                        report.moved,
                        report.fuzzy,
                        report.orphaned
                    ));
                }
                Ok(None) => {}
                Err(err) => {
                    self.notice = Some(format!(
                        "{err}; the page as it was stays open, and its annotations are kept"
                    ));
                }
            }
        }
        if settled.sidecar {
            if self.saver.busy() {
                watch.defer_sidecar(now);
            } else {
                self.notice = refresh_notice(&mut page.document).or(self.notice.take());
            }
        }
    }
}

/// Merges a sidecar changed on disk and says what came in; `None` if nothing did.
fn refresh_notice(document: &mut Document) -> Option<String> {
    match document.refresh_sidecar() {
        Ok(Some(refreshed)) => Some(format!(
            "The annotations were changed on disk by another program: {} taken in, {} deleted there dropped",
            refreshed.merged_from_disk, refreshed.deleted_on_disk
        )),
        Ok(None) => None,
        Err(err) => Some(format!(
            "{err}; it was changed on disk and cannot be read, so nothing was taken from it"
        )),
    }
}
