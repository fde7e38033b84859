//! File → Import…: work from other tools brought in as pages and sidecars, with a progress
//! bar while it runs and a summary of what was refused when it is done. The import itself is
//! the core's [`formats::import()`], the one `copydesk import` runs, here on a thread of its
//! own.

use super::job::{Background, Outcome, ratio};
use std::path::{Path, PathBuf};

use eframe::egui;

use crate::formats::{self, ImportFormat, ImportProgress, ImportRequest};

/// The import window: the choices, and the import while it runs and after.
pub struct ImportDialog {
    /// The format to read.
    pub format: ImportFormat,
    /// The file or folder to import, as typed or chosen.
    pub source: String,
    /// The destination folder, as typed or chosen.
    pub into: String,
    /// Add labels the tag set lacks instead of refusing their spans.
    pub add_labels: bool,
    /// The import running, or how the last one ended: its summary, then the labels the tag
    /// set lacks, refused spans and failures.
    job: Background<ImportProgress>,
}

/// What the user asked of the window this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asked {
    /// Nothing.
    Nothing,
    /// Pick the folder to import with the system's dialog.
    ChooseSource,
    /// Pick the destination folder.
    ChooseDestination,
    /// Start the import.
    Start,
    /// Close the window.
    Close,
}

impl ImportDialog {
    /// The window, proposing to import into `folder` (the open page's folder).
    pub fn new(folder: Option<&Path>) -> Self {
        Self {
            format: ImportFormat::Brat,
            source: String::new(),
            into: folder.map(|f| f.display().to_string()).unwrap_or_default(),
            add_labels: false,
            job: Background::new(),
        }
    }

    /// True while an import runs (the window cannot be closed then).
    pub fn is_running(&self) -> bool {
        self.job.is_running()
    }

    /// Starts importing with the window's choices on a thread of its own, as `author` (the
    /// name set in the app; `None`: the file's own, else the login name); `ctx` is woken
    /// with each step of progress.
    pub fn start(&mut self, author: Option<String>, ctx: &egui::Context) {
        let request = ImportRequest {
            source: PathBuf::from(self.source.trim()),
            format: self.format,
            into: PathBuf::from(self.into.trim()),
            author,
            add_labels: self.add_labels,
        };
        self.job.start("import", ctx, move |progress| {
            match formats::import(&request, progress) {
                Ok(summary) => Outcome {
                    headline: Ok(summary.describe(&request)),
                    details: summary.details(&request),
                },
                Err(err) => Outcome::error(err.to_string()),
            }
        });
    }

    /// Takes in what the import thread said since the last frame.
    pub fn poll(&mut self) {
        self.job.poll("the import stopped unexpectedly");
    }
}

/// Draws the window.
pub fn dialog_ui(ctx: &egui::Context, dialog: &mut ImportDialog) -> Asked {
    let mut asked = Asked::Nothing;
    let response = egui::Modal::new(egui::Id::unique("import")).show(ctx, |ui| {
        ui.heading("Import");
        let idle = !dialog.is_running();
        ui.add_enabled_ui(idle, |ui| choices_ui(ui, dialog, &mut asked));
        ui.separator();
        let describe = |progress: Option<&ImportProgress>| match progress {
            Some(&ImportProgress::Reading { done, total }) => (
                format!("reading file {done} of {total}"),
                ratio(done, total),
            ),
            Some(&ImportProgress::Placing { done, total }) => (
                format!("placing page {done} of {total}"),
                ratio(done, total),
            ),
            None => ("finding files".to_owned(), 0.0),
        };
        dialog.job.ui(ui, describe, 160.0);
        ui.horizontal(|ui| {
            let ready = idle && !dialog.source.trim().is_empty() && !dialog.into.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("Import")).clicked() {
                asked = Asked::Start;
            }
            if ui.add_enabled(idle, egui::Button::new("Close")).clicked() {
                asked = Asked::Close;
            }
        });
    });
    if response.should_close() && !dialog.is_running() {
        asked = Asked::Close;
    }
    asked
}

/// Format, source, destination and labels.
fn choices_ui(ui: &mut egui::Ui, dialog: &mut ImportDialog, asked: &mut Asked) {
    egui::Grid::new("import-choices")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label("format");
            let format = egui::ComboBox::from_id_salt("import-format")
                .selected_text(dialog.format.name())
                .show_ui(ui, |ui| {
                    for format in ImportFormat::ALL {
                        ui.selectable_value(&mut dialog.format, format, format.name());
                    }
                });
            ui.ctx()
                .accesskit_node_builder(format.response.id, |node| node.set_label("import format"));
            ui.end_row();
            for (name, field_name, text, choose) in [
                (
                    "import from",
                    "file or folder to import",
                    &mut dialog.source,
                    Asked::ChooseSource,
                ),
                (
                    "import into",
                    "destination folder",
                    &mut dialog.into,
                    Asked::ChooseDestination,
                ),
            ] {
                ui.label(name);
                ui.horizontal(|ui| {
                    let field = ui.add(egui::TextEdit::singleline(text).desired_width(320.0));
                    ui.ctx()
                        .accesskit_node_builder(field.id, |node| node.set_label(field_name));
                    if ui.button(format!("Choose… ({name})")).clicked() {
                        *asked = choose;
                    }
                });
                ui.end_row();
            }
            ui.label("labels");
            ui.checkbox(&mut dialog.add_labels, "add labels the tag set lacks");
            ui.end_row();
        });
}

impl super::CopydeskApp {
    /// Opens the import window, proposing the open page's folder as the destination.
    pub(super) fn open_import(&mut self) {
        let folder = self
            .page
            .as_ref()
            .and_then(|page| page.document.page_path())
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        self.import = Some(ImportDialog::new(folder.as_deref()));
    }

    /// Draws the import window, if open, and does what it asks.
    pub(super) fn import_window(&mut self) {
        let Some(dialog) = &mut self.import else {
            return;
        };
        dialog.poll();
        match dialog_ui(&self.ctx, dialog) {
            Asked::Nothing => {}
            Asked::Close => self.import = None,
            Asked::ChooseSource => {
                if let Some(folder) = self.dialogs.pick_folder() {
                    dialog.source = folder.display().to_string();
                }
            }
            Asked::ChooseDestination => {
                if let Some(folder) = self.dialogs.pick_folder() {
                    dialog.into = folder.display().to_string();
                }
            }
            Asked::Start => {
                let author = self.settings.author.clone();
                dialog.start(author, &self.ctx);
            }
        }
    }
}
