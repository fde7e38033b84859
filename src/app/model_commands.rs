//! The app's side of the folder's model: Edit → Train model now, training again after N
//! accepts, reading the folder's model file when a page of it opens, and taking the results
//! from the training thread ([`trainer`](super::trainer)).

use std::path::PathBuf;

use super::CopydeskApp;
use super::settings::ModelSettings;

impl CopydeskApp {
    /// The status bar's line about the folder's model.
    pub fn model_status(&self) -> String {
        self.trainer.status()
    }

    /// Sets the model's threshold and when it trains again (Edit → Model).
    pub fn set_model_settings(&mut self, settings: ModelSettings) {
        self.settings.model = settings;
    }

    /// The folder the model belongs to: the library's, or else the open page's.
    pub(super) fn model_folder(&self) -> Option<PathBuf> {
        if let Some(open) = &self.library {
            return Some(open.library.root.clone());
        }
        let page = self.page.as_ref()?.document.page_path()?;
        page.parent().map(std::path::Path::to_path_buf)
    }

    /// Reads the folder's model file in the background, if it has one not read yet.
    pub(super) fn load_model(&mut self) {
        if let Some(folder) = self.model_folder() {
            let wake = self.ctx.clone();
            self.trainer.load(&folder, move || wake.request_repaint());
        }
    }

    /// Edit → Train model now.
    pub(super) fn train_model(&mut self) {
        let Some(folder) = self.model_folder() else {
            self.notice = Some("Open a page or a folder to train its model".into());
            return;
        };
        // The model learns from what is on disk: the page's latest accepts first.
        if !self.flush_or_explain() {
            return;
        }
        let wake = self.ctx.clone();
        self.notice = Some(
            if self.trainer.train(&folder, move || wake.request_repaint()) {
                format!(
                    "Training the model of {} in the background…",
                    folder.display()
                )
            } else {
                "The model is busy: try again when it is done".into()
            },
        );
    }

    /// Takes the training thread's result, if one came.
    pub(super) fn poll_model(&mut self) {
        if let Some(notice) = self.trainer.poll() {
            self.notice = Some(notice);
        }
    }

    /// Trains again once N new accepts have been made (the setting), unless a job is running.
    pub(super) fn retrain_when_due(&mut self) {
        self.trainer.set_every(self.settings.model.retrain_every);
        let Some(page) = &self.page else { return };
        if self.trainer.observe(&page.document) && !self.trainer.busy() {
            self.train_model();
        }
    }
}
