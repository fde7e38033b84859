//! Proofreading from the keyboard: F7 and Shift+F7 go through the marks, Enter applies the
//! selected mark's fix, I ignores it, Shift+Enter applies every fix of its check on the page.
//! Each is one undoable step made by [`proofread`], as `copydesk check` makes it.

use super::CopydeskApp;
use super::ui_command::UiCommand;
use crate::annotation::{Command, Status};
use crate::operations::proofread;

impl CopydeskApp {
    /// The proofreading commands of the menu and the keyboard.
    pub(super) fn proofreading_command(&mut self, command: UiCommand) {
        match command {
            UiCommand::NextMark => self.next_mark(true),
            UiCommand::PreviousMark => self.next_mark(false),
            UiCommand::IgnoreMark => self.ignore_mark(),
            UiCommand::ApplyAllOfCheck => self.apply_all_of_check(),
            UiCommand::ToggleCorrected => self.toggle_corrected(),
            _ => {}
        }
    }

    /// Enter (or A): applies the selected mark's fix, or else accepts the selected suggestion.
    pub(super) fn accept_or_apply(&mut self) {
        if !self.apply_mark() {
            self.review(Status::Accepted);
        }
    }

    /// Selects the next (or previous) mark after the selected one, or after the start of the
    /// item shown, and opens the Proofreading tab.
    fn next_mark(&mut self, forward: bool) {
        let Some(page) = &mut self.page else { return };
        page.proof.tab_open = true;
        if page.proof.is_checking() {
            self.notice = Some("Still checking the page…".into());
            return;
        }
        let from = page.item_start();
        match page.proof.next(&page.document, from, forward) {
            Some(mark) => {
                self.notice = Some(format!("{}: {}", mark.check, mark.message()));
                page.select_mark(mark);
            }
            None => self.notice = Some("No proofreading marks left".into()),
        }
    }

    /// Enter with a mark selected: records its fix as a correction, then selects the next.
    /// Returns false when no mark is selected (Enter then accepts a suggestion).
    fn apply_mark(&mut self) -> bool {
        let Some(page) = &mut self.page else {
            return false;
        };
        if page.selected().is_some() {
            return false;
        }
        let Some(mark) = page.proof.selected(&page.document) else {
            return false;
        };
        match proofread::fix_commands(&page.document, [&mark]) {
            Ok(commands) => {
                if self.edit(Command::Batch(commands)) {
                    self.next_mark(true);
                }
            }
            Err(err) => self.notice = Some(err.to_string()),
        }
        true
    }

    /// I: remembers the selected mark as ignored, then selects the next.
    fn ignore_mark(&mut self) {
        let Some(page) = &mut self.page else { return };
        let Some(mark) = page.proof.selected(&page.document) else {
            self.notice = Some("Select a proofreading mark first (F7 selects the next one)".into());
            return;
        };
        match proofread::ignore_commands(&page.document, [&mark]) {
            Ok(commands) => {
                if self.edit(Command::Batch(commands)) {
                    self.next_mark(true);
                }
            }
            Err(err) => self.notice = Some(err.to_string()),
        }
    }

    /// Shift+Enter: applies the fix of every open mark of the selected mark's check.
    fn apply_all_of_check(&mut self) {
        let Some(page) = &mut self.page else { return };
        let Some(selected) = page.proof.selected(&page.document) else {
            self.notice =
                Some("Select a mark of the check to apply (F7 selects the next one)".into());
            return;
        };
        let check = selected.check;
        let marks: Vec<_> = page
            .proof
            .open(&page.document)
            .iter()
            .filter(|m| m.check == check && m.fix.is_some())
            .cloned()
            .collect();
        match proofread::fix_commands(&page.document, &marks) {
            Ok(commands) if !commands.is_empty() => {
                let count = commands.len();
                if self.edit(Command::Batch(commands)) {
                    self.notice = Some(format!("Applied {count} fixes of {check}"));
                }
            }
            Ok(_) => self.notice = Some(format!("{check} has no fix to apply here")),
            Err(err) => self.notice = Some(err.to_string()),
        }
    }

    /// F8: the corrected view on or off.
    fn toggle_corrected(&mut self) {
        if let Some(page) = &mut self.page {
            page.proof.corrected_view = !page.proof.corrected_view;
        }
    }
}
