//! Pages and their sidecars from the app's side: opening pages and folders, the choices when a
//! sidecar or tag set cannot be read, saving in the background, and closing without losing work.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::action::{Action, Banner, error_banner};
use super::state::open_page::{self, OpenPage};
use super::{APP_ID, CopydeskApp};
use crate::annotation::{Document, OpenError, SaveError};

impl CopydeskApp {
    /// Saves the open page before something replaces it; false (with a banner) if that failed.
    pub(super) fn flush_or_explain(&mut self) -> bool {
        match self.flush() {
            Ok(()) => true,
            Err(err) => {
                self.banner = Some(error_banner(format!(
                    "{err}. The page was not replaced, so nothing is lost."
                )));
                false
            }
        }
    }

    /// Starts a new sidecar for `path`, or (`restore`) goes back to its last good version;
    /// the banner says where the old files went.
    pub(super) fn recover_sidecar(&mut self, path: &Path, restore: bool) {
        let opened = if restore {
            Document::open_restoring_backup(path)
        } else {
            Document::open_with_new_sidecar(path)
        };
        match opened {
            Ok((document, set_aside)) => {
                let restored = restore.then(|| "Restored the last good version".to_owned());
                let message = [restored, set_aside.describe()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("; ");
                self.banner = (!message.is_empty()).then(|| Banner {
                    message: upper_first(&message),
                    choices: vec![("OK".into(), Action::DismissBanner)],
                    error: false,
                });
                self.show_document(document, path);
            }
            Err(err) => self.open_failed(path, &err),
        }
    }

    pub(super) fn open_without_annotations(&mut self, path: &Path) {
        match crate::text::Source::load(path) {
            Ok(source) => {
                let name = path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                let document = Document::unsaved(&format!("{name} (read only)"), source);
                self.banner = Some(Banner {
                    message: format!(
                        "{name} is open without its annotations; nothing will be saved."
                    ),
                    choices: vec![
                        (
                            "Start a new sidecar".into(),
                            Action::StartNewSidecar(path.to_owned()),
                        ),
                        ("OK".into(), Action::DismissBanner),
                    ],
                    error: false,
                });
                self.find.reset();
                self.autosave_paused = false;
                self.page = Some(OpenPage::new(document, folder_of(path)));
                // Nothing is saved here, so there is nothing to merge: no watch.
                self.watch = None;
            }
            Err(err) => self.banner = Some(error_banner(err.to_string())),
        }
    }

    /// Opens a page, or the first page of a folder, after saving the current one.
    pub(super) fn open(&mut self, path: &Path) {
        if let Err(err) = self.flush() {
            self.banner = Some(error_banner(format!(
                "{err}. The other page was not opened."
            )));
            return;
        }
        if path.is_dir() {
            self.open_folder(path);
            return;
        }
        let page_path = path.to_owned();
        match Document::open(&page_path) {
            Ok(document) => {
                self.banner = None;
                self.show_document(document, &page_path);
            }
            Err(err) => self.open_failed(&page_path, &err),
        }
    }

    pub(super) fn show_document(&mut self, mut document: Document, path: &Path) {
        if let Some(author) = &self.settings.author {
            document.set_author(author);
        }
        let anchoring = document.anchoring();
        self.notice = (!anchoring.all_exact()).then(|| {
            format!(
                "The page changed since it was annotated: {} moved, {} fuzzy, {} orphaned",
                anchoring.moved, anchoring.fuzzy, anchoring.orphaned
            )
        });
        if let Some(replaced) = document.source().replaced() {
            let warning = format!("{}: {replaced}", document.name());
            // After a recovery the banner says where the old files went: keep that too.
            let message = match self.banner.take() {
                Some(banner) if !banner.error => format!("{}. {warning}", banner.message),
                _ => warning,
            };
            self.banner = Some(Banner {
                message,
                choices: vec![("OK".into(), Action::DismissBanner)],
                error: false,
            });
        }
        self.settings.remember(path);
        self.find.reset();
        // The old page was saved before this one replaced it: autosave starts afresh.
        self.autosave_paused = false;
        // Paging through a folder keeps the view the reader chose.
        let whole_page = self.page.as_ref().is_some_and(|page| page.whole_page);
        let mut page = OpenPage::new(document, folder_of(path));
        page.whole_page = whole_page;
        if let Some(old) = self.page.replace(page) {
            // The old page's watch too: stopping a watcher waits for its thread.
            drop_elsewhere((old, self.watch.take()));
        }
        self.watch_page(path);
        self.show_library = false;
        if let Some(open) = &mut self.library {
            open.library.select_path(path);
        }
        self.load_model();
        if self.settings.suggest_on_open {
            self.suggest();
        }
    }

    pub(super) fn open_failed(&mut self, path: &Path, err: &OpenError) {
        self.banner = Some(match err {
            OpenError::Sidecar(_) => Banner {
                message: format!("{err}. Nothing will be written to it."),
                choices: Document::readable_backup(path)
                    .map(|_| {
                        (
                            "Restore the last good version".to_owned(),
                            Action::RestoreBackup(path.to_owned()),
                        )
                    })
                    .into_iter()
                    .chain([
                        (
                            "Start a new sidecar (keeps the old file)".into(),
                            Action::StartNewSidecar(path.to_owned()),
                        ),
                        (
                            "Read without annotations".into(),
                            Action::OpenWithoutAnnotations(path.to_owned()),
                        ),
                        ("Dismiss".into(), Action::DismissBanner),
                    ])
                    .collect(),
                error: true,
            },
            OpenError::TagSet(_) => Banner {
                message: format!("{err}. Fix the file, or go on with the built-in labels."),
                choices: vec![
                    (
                        "Use the built-in labels".into(),
                        Action::OpenWithDefaultLabels(path.to_owned()),
                    ),
                    ("Dismiss".into(), Action::DismissBanner),
                ],
                error: true,
            },
            OpenError::Page(_) => error_banner(err.to_string()),
        });
    }

    pub(super) fn poll_save(&mut self) {
        let Some(page) = &mut self.page else { return };
        match self.saver.poll(&mut page.document) {
            Some(Ok(report)) if report.merged_from_disk + report.deleted_on_disk > 0 => {
                self.autosave_paused = false;
                self.notice = Some(format!(
                    "Merged changes made on disk: {} taken, {} removed",
                    report.merged_from_disk, report.deleted_on_disk
                ));
            }
            Some(Err(err)) => self.save_failed(&err),
            Some(Ok(_)) => self.autosave_paused = false,
            None => {}
        }
    }

    /// Starts a save in the background when one is due (`now`: at once).
    pub(super) fn schedule_save(&mut self, ctx: &egui::Context, now: bool) {
        let Some(page) = &mut self.page else { return };
        if self.autosave_paused && !now {
            return;
        }
        match self.saver.tick(&mut page.document, now) {
            Ok(Some(wait)) => ctx.request_repaint_after(wait),
            Ok(None) => {}
            Err(SaveError::NoFile) if now => {
                self.notice =
                    Some("This page is read only here: its annotations are not saved".into());
            }
            Err(SaveError::NoFile) => {}
            Err(err) => self.save_failed(&err),
        }
    }

    /// Says a save failed. Another copydesk saving the same page only delays this one: autosave
    /// tries again by itself. Anything else waits for the user's Retry.
    pub(super) fn save_failed(&mut self, err: &SaveError) {
        if let SaveError::Busy { .. } = err {
            self.notice = Some(format!(
                "Another copydesk is saving this page; trying again. ({err})"
            ));
            return;
        }
        self.autosave_paused = true;
        self.banner = Some(save_failed_banner(err));
    }

    /// Saves now, on this thread, with any edit still open in the inspector's fields.
    pub(super) fn flush(&mut self) -> Result<(), SaveError> {
        self.commit_inspector();
        match &mut self.page {
            Some(page) => self.saver.flush(&mut page.document),
            None => Ok(()),
        }
    }

    /// Applies what the inspector's fields hold but have not committed yet (the page is about
    /// to be saved, closed or replaced, or the selection cleared).
    pub(super) fn commit_inspector(&mut self) {
        let Some(page) = &mut self.page else { return };
        let edits = page.sidebar.take_pending(&page.document);
        if !edits.commands.is_empty() {
            self.edit(crate::annotation::Command::Batch(edits.commands));
        }
        if !edits.problems.is_empty() {
            self.notice = Some(format!(
                "Not taken from the inspector: {}",
                edits.problems.join("; ")
            ));
        }
    }

    /// Saves what is unsaved as the app exits (the window may already be gone); the error
    /// names the sidecar and says the annotations were not saved.
    pub fn save_before_exit(&mut self) -> Result<(), String> {
        if self.discard_on_close {
            return Ok(());
        }
        self.flush().map_err(|err| {
            let name = self
                .page
                .as_ref()
                .map_or_else(String::new, |p| p.document.name().to_owned());
            format!("the annotations of {name} were not saved on exit: {err}")
        })
    }

    /// Closing the window saves first; if that fails, the window stays open with the banner,
    /// which offers to quit anyway.
    pub(super) fn handle_close(&mut self, ctx: &egui::Context) {
        if !ctx.input(|input| input.viewport().close_requested()) || self.discard_on_close {
            return;
        }
        if let Err(err) = self.flush() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.autosave_paused = true;
            let mut banner = save_failed_banner(&err);
            banner
                .choices
                .push(("Quit without saving".into(), Action::QuitWithoutSaving));
            self.banner = Some(banner);
        }
    }
}

/// The banner of a failed save: what happened, and Retry.
fn save_failed_banner(err: &SaveError) -> Banner {
    Banner {
        message: format!("{err}. Your annotations are still open here."),
        choices: vec![
            ("Retry".into(), Action::RetrySave),
            ("Dismiss".into(), Action::DismissBanner),
        ],
        error: true,
    }
}

/// The pages of the folder holding `page`, if it holds more than this one.
fn folder_of(page: &Path) -> Option<Vec<PathBuf>> {
    page.parent()
        .map(open_page::folder_pages)
        .filter(|pages| pages.len() > 1)
}

/// The bundled sample page, written to the app's data folder on first use so its annotations
/// can be saved beside it.
pub(super) fn bundled_sample() -> Option<PathBuf> {
    let folder = eframe::storage_dir(APP_ID)
        .unwrap_or_else(std::env::temp_dir)
        .join("samples");
    let path = folder.join(crate::samples::DEFAULT.name);
    if !path.is_file() {
        std::fs::create_dir_all(&folder).ok()?;
        std::fs::write(&path, crate::samples::DEFAULT.bytes).ok()?;
    }
    Some(path)
}

/// `text` with its first letter in upper case, to start a sentence.
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Frees a page that was closed (and what went with it) on another thread: a large page with
/// thousands of annotations takes milliseconds to free, which the reader waiting for the next
/// page should not wait for. (If no thread can be started, it is freed here.)
fn drop_elsewhere<T: Send + 'static>(page: T) {
    // The thread is not waited for; if it could not start, `spawn` freed the page itself.
    drop(
        std::thread::Builder::new()
            .name("free closed page".into())
            .spawn(move || drop(page)),
    );
}
