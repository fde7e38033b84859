//! Reviewing suggestions from the keyboard: suggest, go through them, accept or reject.

use super::CopydeskApp;
use crate::annotation::{Command, Status};
use crate::operations::review;

impl CopydeskApp {
    /// Adds the recognizers' new suggestions as one undoable step and selects the first.
    pub(super) fn suggest(&mut self) {
        let folder = self.model_folder();
        let Some(page) = &mut self.page else { return };
        let model = folder.and_then(|folder| self.trainer.model_for(&folder));
        let added = crate::suggest::model::new_suggestions(
            &page.document,
            crate::suggest::Options::default(),
            model,
            self.settings.model.threshold,
        );
        let count = added.len();
        if count > 0 {
            if !self.edit(Command::Batch(
                added.into_iter().map(Command::Add).collect(),
            )) {
                // The reason is in the status bar already.
                return;
            }
            self.next_suggestion(true);
        }
        self.notice = Some(format!(
            "{count} new suggestions: Tab goes through them, A or Enter accepts, X rejects"
        ));
    }

    /// Accepts or rejects the selected suggestion, then selects the next one.
    pub(super) fn review(&mut self, status: Status) {
        let Some(page) = &self.page else { return };
        let Some(id) = page.selected().cloned() else {
            self.notice = Some("Select a suggestion first (Tab selects the next one)".into());
            return;
        };
        let was_suggested = page
            .document
            .get(&id)
            .is_some_and(|a| a.status == Status::Suggested);
        self.edit(Command::SetStatus { id, status });
        if was_suggested {
            self.next_suggestion(true);
        }
    }

    /// Selects the next (or previous) suggestion in page order after the selected annotation,
    /// or after the start of the item shown.
    pub(super) fn next_suggestion(&mut self, forward: bool) {
        let Some(page) = &mut self.page else { return };
        let found =
            review::next_suggestion(&page.document, page.selected(), page.item_start(), forward);
        match found {
            Some(id) => page.select(Some(id)),
            None => self.notice = Some("No suggestions left to review".into()),
        }
    }

    /// Accepts every suggestion of the selected annotation's label in the story it is in.
    pub(super) fn accept_all_of_label(&mut self) {
        let Some(page) = &self.page else { return };
        let document = &page.document;
        let Some(selected) = page.selected().and_then(|id| document.get(id)) else {
            self.notice = Some("Select a suggestion of the label to accept".into());
            return;
        };
        let label = selected.label.clone();
        let item = document
            .locate(selected.span())
            .map_or(page.item, |l| l.item);
        let chosen = review::suggestions_of_label(document, &label, Some(item));
        let (commands, _) = review::set_status(chosen, Status::Accepted);
        let count = commands.len();
        if count > 0 {
            self.edit(Command::Batch(commands));
        }
        self.notice = Some(format!(
            "Accepted {count} {label} suggestions in this story"
        ));
    }
}
