//! Reviewing suggestions from the keyboard: suggest, go through them, accept or reject.

use super::CopydeskApp;
use crate::annotation::{Anchor, Annotation, Command, Status};

impl CopydeskApp {
    /// Adds the recognizers' new suggestions as one undoable step and selects the first.
    pub(super) fn suggest(&mut self) {
        let Some(page) = &mut self.page else { return };
        let added =
            crate::suggest::new_suggestions(&page.document, crate::suggest::Options::default());
        let count = added.len();
        if count > 0 {
            self.edit(Command::Batch(
                added.into_iter().map(Command::Add).collect(),
            ));
            self.next_suggestion(true);
        }
        self.notice = Some(format!(
            "{count} new suggestions: Tab goes through them, A or Enter accepts, X rejects"
        ));
    }

    /// Accepts or rejects the selected suggestion, then selects the next one.
    pub(super) fn review(&mut self, status: Status) {
        let Some(page) = &self.page else { return };
        let Some(id) = page.selected.clone() else {
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
        let annotations = page.document.annotations();
        let here = page
            .selected
            .as_ref()
            .and_then(|id| annotations.iter().position(|a| &a.id == id));
        let suggested =
            |a: &&Annotation| a.status == Status::Suggested && a.anchor != Anchor::Orphaned;
        let found = match (here, forward) {
            (Some(at), true) => annotations[at + 1..].iter().find(suggested),
            (Some(at), false) => annotations[..at].iter().rev().find(suggested),
            (None, true) => {
                let start = page.item_start();
                annotations
                    .iter()
                    .filter(|a| a.start >= start)
                    .find(suggested)
            }
            (None, false) => annotations.iter().rev().find(suggested),
        }
        .or_else(|| {
            if forward {
                annotations.iter().find(suggested)
            } else {
                annotations.iter().rev().find(suggested)
            }
        });
        match found.map(|a| a.id.clone()) {
            Some(id) => page.select(Some(id)),
            None => self.notice = Some("No suggestions left to review".into()),
        }
    }

    /// Accepts every suggestion of the selected annotation's label in the story it is in.
    pub(super) fn accept_all_of_label(&mut self) {
        let Some(page) = &self.page else { return };
        let document = &page.document;
        let Some(selected) = page.selected.as_ref().and_then(|id| document.get(id)) else {
            self.notice = Some("Select a suggestion of the label to accept".into());
            return;
        };
        let label = selected.label.clone();
        let item = document
            .locate(selected.span())
            .map_or(page.item, |l| l.item);
        let commands: Vec<Command> = document
            .annotations()
            .iter()
            .filter(|a| a.label == label && a.status == Status::Suggested)
            .filter(|a| a.anchor != Anchor::Orphaned)
            .filter(|a| document.locate(a.span()).is_some_and(|l| l.item == item))
            .map(|a| Command::SetStatus {
                id: a.id.clone(),
                status: Status::Accepted,
            })
            .collect();
        let count = commands.len();
        if count > 0 {
            self.edit(Command::Batch(commands));
        }
        self.notice = Some(format!(
            "Accepted {count} {label} suggestions in this story"
        ));
    }
}
