//! The app's side of the folder library: opening a folder as a library, going between it and
//! the open page, its keys, and marking pages done — methods of [`CopydeskApp`].

use std::path::Path;
use std::time::Instant;

use eframe::egui::{self, Key, Modifiers};

use super::action::Action;
use super::library_scan::Scanner;
use super::state::adjudication::Adjudication;
use super::state::library::{Library, Tab};
use super::ui_command::UiCommand;
use super::{CopydeskApp, library};
use crate::annotation::Take;
use crate::corpus;
use crate::operations::done::{mark_done, mark_page_done};

/// A folder open as a library, with the thread reading its sidecars.
pub struct OpenLibrary {
    /// The list and what the user chose in it.
    pub library: Library,
    /// Reads sidecars and follows the folder on disk.
    pub scanner: Scanner,
    /// The folder compared with another annotator's, once asked for.
    pub adjudication: Option<Adjudication>,
}

impl CopydeskApp {
    /// Opens `folder` as the library and shows it (the open page stays open behind it).
    pub(super) fn open_folder(&mut self, folder: &Path) {
        let (pages, failures) = corpus::list(folder);
        let mut library = Library::new(folder.to_owned(), pages);
        if let Some(here) = self.page.as_ref().and_then(|p| p.document.page_path()) {
            library.select_path(here);
        }
        let scanner = Scanner::start(&library, &self.ctx);
        self.notice = match failures.first() {
            Some(first) => Some(format!("{first} (and {} more)", failures.len() - 1)),
            None if !scanner.watching() => Some(format!(
                "{}: cannot watch the folder; pages added later appear when it is opened again",
                folder.display()
            )),
            None => Some(
                "Enter opens a page; Ctrl+D marks it done; Ctrl+U opens the next unfinished one"
                    .into(),
            ),
        };
        self.settings.remember(folder);
        self.library = Some(OpenLibrary {
            library,
            scanner,
            adjudication: None,
        });
        self.show_library = true;
        self.update_title(&self.ctx.clone());
    }

    /// Takes in what the library's reader has read and what changed on disk.
    pub(super) fn poll_library(&mut self) {
        if let Some(open) = &mut self.library {
            open.scanner.poll(&mut open.library, Instant::now());
        }
    }

    /// Draws the library, if it is shown; false if the page is shown instead.
    pub(super) fn library_frame(&mut self, ui: &mut egui::Ui) -> bool {
        if !self.show_library {
            return false;
        }
        let Some(open) = &mut self.library else {
            return false;
        };
        let here = self.page.as_ref().and_then(|p| p.document.page_path());
        library::library_ui(
            ui,
            &mut open.library,
            open.adjudication.as_mut(),
            open.scanner.outstanding(),
            here,
            &mut self.actions,
        );
        true
    }

    /// Whether the library is what the window shows.
    pub fn library_shown(&self) -> bool {
        self.show_library && self.library.is_some()
    }

    /// The library's keys while it is shown: arrows, Page Up/Down, Home/End move the cursor,
    /// Enter opens its page. The other commands are left to the caller.
    pub(super) fn library_keys(&mut self, ctx: &egui::Context) {
        let Some(open) = &mut self.library else {
            return;
        };
        let library = &mut open.library;
        let page = 15;
        let mut enter = false;
        ctx.input_mut(|input| {
            let mut pressed = |key| input.consume_key(Modifiers::NONE, key);
            if pressed(Key::ArrowDown) {
                library.move_cursor(1);
            }
            if pressed(Key::ArrowUp) {
                library.move_cursor(-1);
            }
            if pressed(Key::PageDown) {
                library.move_cursor(page);
            }
            if pressed(Key::PageUp) {
                library.move_cursor(-page);
            }
            if pressed(Key::Home) {
                library.move_cursor(isize::MIN / 2);
            }
            if pressed(Key::End) {
                library.move_cursor(isize::MAX / 2);
            }
            enter = pressed(Key::Enter);
        });
        if enter && let Some(path) = library.selected_path() {
            self.actions.push(Action::Open(path.to_owned()));
        }
    }

    /// The file of the open page, if a page with a file is open.
    fn open_page_path(&self) -> Option<std::path::PathBuf> {
        let page = self.page.as_ref()?;
        page.document.page_path().map(Path::to_path_buf)
    }

    /// Ctrl+L: from the page to its folder's library (opening it if needed), and back.
    pub(super) fn toggle_library(&mut self) {
        let here = self.open_page_path();
        match (&mut self.library, self.show_library) {
            (Some(_), true) if here.is_some() => self.show_library = false,
            (Some(_), true) => {
                self.notice = Some("No page is open: Enter opens the page under the cursor".into());
            }
            (Some(open), false)
                if here
                    .as_deref()
                    .is_some_and(|page| open.library.contains(page)) =>
            {
                if let Some(page) = &here {
                    open.library.select_path(page);
                }
                self.show_library = true;
            }
            _ => match here.as_deref().and_then(Path::parent) {
                Some(folder) => {
                    let folder = if folder.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        folder
                    };
                    self.open_folder(folder);
                }
                None => {
                    self.notice =
                        Some("Open a folder first (File → Open folder, Ctrl+Shift+O)".into());
                }
            },
        }
        self.update_title(&self.ctx.clone());
    }

    /// Ctrl+D: marks the page done, or takes the mark back — the open page (one undoable
    /// step), or in the library the page under the cursor.
    pub(super) fn toggle_done(&mut self) {
        let open_path = self.open_page_path();
        let target = if self.library_shown() {
            self.library
                .as_ref()
                .and_then(|open| open.library.selected_path())
                .map(Path::to_path_buf)
        } else {
            open_path.clone()
        };
        let Some(target) = target else {
            self.notice = Some("Open a page first".into());
            return;
        };
        let name = target
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        if Some(&target) == open_path.as_ref() {
            let Some(page) = &self.page else { return };
            let done = !page.document.is_done();
            if let Some(command) = mark_done(&page.document, done)
                && self.edit(command)
            {
                self.schedule_save(&self.ctx.clone(), true);
                self.notice = Some(format!(
                    "{name}: {}; Ctrl+Z takes it back",
                    if done {
                        "marked done"
                    } else {
                        "no longer done"
                    }
                ));
            }
            return;
        }
        let Some(open) = &mut self.library else {
            return;
        };
        let done = !open.library.is_done(&target);
        let author = self.settings.author.clone();
        self.notice = Some(match mark_page_done(&target, done, author.as_deref()) {
            Ok(_) => {
                open.scanner.reread(&target);
                format!(
                    "{name}: {}; Ctrl+D again takes it back",
                    if done {
                        "marked done"
                    } else {
                        "no longer done"
                    }
                )
            }
            Err(message) => message,
        });
    }

    /// Ctrl+U: opens the next page of the library, after the open one (or the cursor's), that
    /// is not done.
    pub(super) fn next_unfinished(&mut self) {
        let Some(open) = &self.library else {
            self.notice = Some("Open the folder's library first (Ctrl+L)".into());
            return;
        };
        let current = if self.show_library {
            None
        } else {
            self.page.as_ref().and_then(|p| p.document.page_path())
        };
        match open.library.next_unfinished(current) {
            Some(path) => self.open(&path),
            None => self.notice = Some("Every page listed is done".into()),
        }
    }

    /// The page before or after the open one: in the library's order when it lists the page,
    /// else in its folder's.
    pub(super) fn neighbour_page(&self, next: bool) -> Option<std::path::PathBuf> {
        let page = self.page.as_ref()?;
        let here = page.document.page_path()?;
        match &self.library {
            Some(open) if open.library.contains(here) => open.library.neighbour(here, next),
            _ => page.neighbour(next),
        }
    }

    /// File → Compare with another folder: asks for B's folder and compares the library's
    /// folder (A) with it, on the Agreement tab.
    pub(super) fn compare(&mut self) {
        if self.library.is_none() {
            self.notice =
                Some("Open a folder first (File → Open folder): it is A, the reference".into());
            return;
        }
        match self.dialogs.pick_folder() {
            Some(other) => self.compare_with(&other),
            None => self.notice = Some("No folder chosen".into()),
        }
    }

    /// Compares the library's folder (A) with `other` (B), on the Agreement tab.
    pub(super) fn compare_with(&mut self, other: &Path) {
        let Some(open) = &mut self.library else {
            self.notice = Some("Open a folder first: it is A, the reference".into());
            return;
        };
        if !other.is_dir() {
            self.notice = Some(format!("{}: not a folder to compare with", other.display()));
            return;
        }
        let adjudication = Adjudication::new(&open.library.root, other);
        self.notice = Some(format!(
            "{} disagreements: F9 steps through them; Ctrl+1 takes A's, Ctrl+2 B's, Ctrl+3 both, Ctrl+4 neither, into {}",
            adjudication.agreement.disagreements.len(),
            adjudication.gold.display()
        ));
        open.adjudication = Some(adjudication);
        open.library.tab = Tab::Agreement;
        self.show_library = true;
    }

    /// F9, Shift+F9 and the four choices of the Agreement tab; Ctrl+Z there takes back the
    /// last choice.
    pub(super) fn adjudicate(&mut self, command: UiCommand) {
        let author = self
            .settings
            .author
            .clone()
            .unwrap_or_else(crate::annotation::default_author);
        let Some(adjudication) = self.library.as_mut().and_then(|open| {
            (open.library.tab == Tab::Agreement)
                .then_some(open.adjudication.as_mut())
                .flatten()
        }) else {
            self.notice = Some(
                "Compare the folder with another first (File → Compare with another folder…)"
                    .into(),
            );
            return;
        };
        let outcome = match command {
            UiCommand::NextDisagreement | UiCommand::PreviousDisagreement => {
                adjudication.step(command == UiCommand::NextDisagreement);
                return;
            }
            UiCommand::TakeA => adjudication.take(Take::A, &author),
            UiCommand::TakeB => adjudication.take(Take::B, &author),
            UiCommand::TakeBoth => adjudication.take(Take::Both, &author),
            UiCommand::TakeNeither => adjudication.take(Take::Neither, &author),
            UiCommand::Undo => adjudication.undo(),
            // Not a command of the Agreement tab: it must not take back a choice.
            _ => return,
        };
        self.notice = Some(outcome.unwrap_or_else(|message| message));
    }

    /// The commands of the library and its Agreement tab (and Ctrl+Z while the library is
    /// shown, which takes back an adjudication choice there).
    pub(super) fn run_folder_command(&mut self, command: UiCommand) {
        let on_agreement = self
            .library
            .as_ref()
            .is_some_and(|open| open.library.tab == Tab::Agreement);
        match command {
            UiCommand::Library => self.toggle_library(),
            UiCommand::MarkDone => self.toggle_done(),
            UiCommand::NextUnfinished => self.next_unfinished(),
            UiCommand::Compare => self.compare(),
            UiCommand::Undo if !on_agreement => {
                self.notice = Some("Undo works on the open page: Ctrl+L back to it".into());
            }
            _ => self.adjudicate(command),
        }
    }

    /// Whether `command` is taken while the library is shown.
    pub(super) fn allowed_in_library(&self, command: UiCommand) -> bool {
        !self.library_shown() || command.works_in_library()
    }

    /// Says why `command` does nothing while the library is shown (a menu item acting on the
    /// page behind it).
    pub(super) fn refuse_in_library(&mut self, command: UiCommand) {
        self.notice = Some(format!(
            "{}: open a page first (Enter, or Ctrl+L back to the open one)",
            command.text()
        ));
    }
}
