//! File → Export…: the page or its folder as a dataset, in any of the core's formats, with a
//! progress bar while it runs and the summary when it is done. The export itself is the
//! core's [`formats::export()`], the one `copydesk export` runs, here on a thread of its own.

use super::job::{Background, Outcome, ratio};
use std::path::{Path, PathBuf};

use eframe::egui;

use crate::formats::{self, ExportRequest, Format, Progress, UnitKind};

/// The export window: the choices, and the export while it runs and after.
pub struct ExportDialog {
    /// The format to write.
    pub format: Format,
    /// One record per story or photo item, or per page.
    pub unit: UnitKind,
    /// Suggestions too, not only accepted annotations.
    pub include_suggested: bool,
    /// Overwrite files already in the destination.
    pub force: bool,
    /// The whole folder open, not only the page.
    pub whole_folder: bool,
    /// The destination folder, as typed or chosen.
    pub out: String,
    /// The export running, or what the last one said: its summary (then the annotations
    /// left out and the pages that could not be read), or why it wrote nothing.
    job: Background<Progress>,
}

/// What the user asked of the window this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asked {
    /// Nothing.
    Nothing,
    /// Pick the destination with the system's folder dialog.
    ChooseFolder,
    /// Start the export (the app saves the page first, so the file holds what is on screen).
    Start,
    /// Close the window.
    Close,
}

impl ExportDialog {
    /// The window for `page`, in a folder of pages if `in_folder`: the destination proposed is a
    /// folder beside the page's, `NAME-export`, so an export is never read back as pages.
    pub fn new(page: &Path, in_folder: bool) -> Self {
        let folder = page.parent().unwrap_or_else(|| Path::new("."));
        let name = folder
            .file_name()
            .map_or_else(|| "pages".to_owned(), |n| n.to_string_lossy().into_owned());
        let out = folder
            .parent()
            .unwrap_or(folder)
            .join(format!("{name}-export"));
        Self {
            format: Format::Jsonl,
            unit: UnitKind::Item,
            include_suggested: false,
            force: false,
            whole_folder: in_folder,
            out: out.display().to_string(),
            job: Background::new(),
        }
    }

    /// True while an export runs (the window cannot be closed then).
    pub fn is_running(&self) -> bool {
        self.job.is_running()
    }

    /// Starts exporting `paths` with the window's choices, on a thread of its own; `ctx` is
    /// woken with each step of progress.
    pub fn start(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) {
        let request = ExportRequest {
            paths,
            format: self.format,
            out: PathBuf::from(self.out.trim()),
            unit: self.unit,
            include_suggested: self.include_suggested,
            force: self.force,
        };
        self.job.start("export", ctx, move |progress| {
            match formats::export(&request, progress) {
                Ok(summary) => Outcome {
                    headline: Ok(summary.describe(&request)),
                    details: summary
                        .warnings
                        .iter()
                        .map(|w| format!("warning: {w}"))
                        .chain(summary.failures.iter().cloned())
                        .collect(),
                },
                Err(err @ formats::ExportError::Exists { .. }) => Outcome::error(format!(
                    "{err}: tick “overwrite files already there” to replace them"
                )),
                Err(err) => Outcome::error(err.to_string()),
            }
        });
    }

    /// Takes in what the export thread said since the last frame.
    pub fn poll(&mut self) {
        self.job
            .poll("the export stopped unexpectedly; nothing more was written");
    }
}

/// Draws the window; `folder_open`: a folder of pages is open, so it can be exported whole.
pub fn dialog_ui(ctx: &egui::Context, dialog: &mut ExportDialog, folder_open: bool) -> Asked {
    let mut asked = Asked::Nothing;
    let response = egui::Modal::new(egui::Id::unique("export")).show(ctx, |ui| {
        ui.heading("Export");
        let idle = !dialog.is_running();
        ui.add_enabled_ui(idle, |ui| choices_ui(ui, dialog, folder_open, &mut asked));
        ui.separator();
        let describe = |progress: Option<&Progress>| match progress {
            Some(&Progress::Reading { done, total }) => (
                format!("reading page {done} of {total}"),
                ratio(done, total),
            ),
            Some(&Progress::Writing { done, total }) => (
                format!("writing file {done} of {total}"),
                ratio(done, total),
            ),
            None => ("finding pages".to_owned(), 0.0),
        };
        dialog.job.ui(ui, describe, 120.0);
        ui.horizontal(|ui| {
            let start = ui.add_enabled(
                idle && !dialog.out.trim().is_empty(),
                egui::Button::new("Export"),
            );
            if start.clicked() {
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

/// Format, unit, scope and destination.
fn choices_ui(ui: &mut egui::Ui, dialog: &mut ExportDialog, folder_open: bool, asked: &mut Asked) {
    egui::Grid::new("export-choices")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label("format");
            let format = egui::ComboBox::from_id_salt("export-format")
                .selected_text(dialog.format.name())
                .show_ui(ui, |ui| {
                    for format in Format::ALL {
                        ui.selectable_value(&mut dialog.format, format, format.name());
                    }
                });
            ui.ctx()
                .accesskit_node_builder(format.response.id, |node| node.set_label("format"));
            ui.end_row();
            ui.label("records");
            ui.horizontal(|ui| {
                ui.radio_value(&mut dialog.unit, UnitKind::Item, "one per story or photo");
                ui.radio_value(&mut dialog.unit, UnitKind::Page, "one per page");
            });
            ui.end_row();
            ui.label("pages");
            ui.horizontal(|ui| {
                ui.radio_value(&mut dialog.whole_folder, false, "this page");
                if folder_open {
                    ui.radio_value(&mut dialog.whole_folder, true, "the whole folder");
                }
            });
            ui.end_row();
            ui.label("annotations");
            ui.checkbox(&mut dialog.include_suggested, "suggestions too");
            ui.end_row();
            ui.label("export to");
            ui.horizontal(|ui| {
                let field =
                    ui.add(egui::TextEdit::singleline(&mut dialog.out).desired_width(320.0));
                ui.ctx()
                    .accesskit_node_builder(field.id, |node| node.set_label("destination folder"));
                if ui.button("Choose…").clicked() {
                    *asked = Asked::ChooseFolder;
                }
            });
            ui.end_row();
            ui.label("");
            ui.checkbox(&mut dialog.force, "overwrite files already there");
            ui.end_row();
        });
}

impl super::CopydeskApp {
    /// Opens the export window for the page on show.
    pub(super) fn open_export(&mut self) {
        let Some(page) = &self.page else { return };
        let Some(path) = page.document.page_path() else {
            self.notice =
                Some("This page has no file to export from: open a page from a file first".into());
            return;
        };
        self.export = Some(ExportDialog::new(path, page.folder.is_some()));
    }

    /// Draws the export window, if open, and does what it asks.
    pub(super) fn export_window(&mut self) {
        let Some(dialog) = &mut self.export else {
            return;
        };
        dialog.poll();
        let folder_open = self.page.as_ref().is_some_and(|p| p.folder.is_some());
        match dialog_ui(&self.ctx, dialog, folder_open) {
            Asked::Nothing => {}
            Asked::Close => self.export = None,
            Asked::ChooseFolder => {
                if let Some(folder) = self.dialogs.pick_folder() {
                    dialog.out = folder.display().to_string();
                }
            }
            Asked::Start => {
                let whole_folder = dialog.whole_folder;
                // Export reads the files: what is on screen is saved first.
                if let Err(err) = self.flush() {
                    self.notice = Some(format!("{err}. Nothing was exported."));
                    return;
                }
                let paths = self.page.as_ref().and_then(|page| {
                    let path = page.document.page_path()?;
                    Some(if whole_folder {
                        path.parent()
                            .map_or_else(|| path.to_path_buf(), Path::to_path_buf)
                    } else {
                        path.to_path_buf()
                    })
                });
                if let (Some(path), Some(dialog)) = (paths, &mut self.export) {
                    dialog.start(vec![path], &self.ctx);
                }
            }
        }
    }
}
