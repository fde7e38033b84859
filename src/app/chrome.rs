//! Around the page: menu bar, banner, find bar, status bar and the help overlay.

use std::path::PathBuf;

use eframe::egui::{self, Color32, RichText, Ui};

use super::action::{Action, Banner};
use super::settings::ModelSettings;
use super::state::find::Find;
use super::state::open_page::OpenPage;
use super::ui_command::UiCommand;
use crate::annotation::TagSet;

/// The menu bar; returns what was clicked. `suggest_on_open` is the Edit menu's checkbox,
/// `model` the settings in its Model submenu.
pub fn menu_bar(
    ui: &mut Ui,
    recent: &[PathBuf],
    suggest_on_open: &mut bool,
    model: &mut ModelSettings,
) -> Option<Action> {
    let mut clicked = None;
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            let item = |ui: &mut Ui, command: UiCommand, clicked: &mut Option<Action>| {
                let shortcut = command
                    .shortcut()
                    .map(|s| ui.ctx().format_shortcut(&s))
                    .unwrap_or_default();
                if ui
                    .add(egui::Button::new(command.text()).shortcut_text(shortcut))
                    .clicked()
                {
                    *clicked = Some(Action::Ui(command));
                }
            };
            ui.menu_button("File", |ui| {
                item(ui, UiCommand::OpenPage, &mut clicked);
                item(ui, UiCommand::OpenFolder, &mut clicked);
                ui.menu_button("Recent pages", |ui| {
                    if recent.is_empty() {
                        ui.label(RichText::new("none yet").weak());
                    }
                    for path in recent {
                        if ui.button(path.display().to_string()).clicked() {
                            clicked = Some(Action::Open(path.clone()));
                        }
                    }
                });
                item(ui, UiCommand::NextPage, &mut clicked);
                item(ui, UiCommand::PreviousPage, &mut clicked);
                item(ui, UiCommand::NextUnfinished, &mut clicked);
                item(ui, UiCommand::Library, &mut clicked);
                item(ui, UiCommand::MarkDone, &mut clicked);
                item(ui, UiCommand::Compare, &mut clicked);
                ui.separator();
                item(ui, UiCommand::Save, &mut clicked);
                item(ui, UiCommand::Export, &mut clicked);
                item(ui, UiCommand::Import, &mut clicked);
                item(ui, UiCommand::Quit, &mut clicked);
            });
            ui.menu_button("Edit", |ui| {
                item(ui, UiCommand::Undo, &mut clicked);
                item(ui, UiCommand::Redo, &mut clicked);
                item(ui, UiCommand::DeleteAnnotation, &mut clicked);
                ui.separator();
                item(ui, UiCommand::Suggest, &mut clicked);
                item(ui, UiCommand::NextSuggestion, &mut clicked);
                item(ui, UiCommand::PreviousSuggestion, &mut clicked);
                item(ui, UiCommand::Accept, &mut clicked);
                item(ui, UiCommand::Reject, &mut clicked);
                item(ui, UiCommand::AcceptAllOfLabel, &mut clicked);
                ui.checkbox(suggest_on_open, "Suggest when a page opens");
                item(ui, UiCommand::TrainModel, &mut clicked);
                ui.menu_button("Model", |ui| model_settings_ui(ui, model));
                item(ui, UiCommand::YourName, &mut clicked);
                ui.separator();
                item(ui, UiCommand::Find, &mut clicked);
                item(ui, UiCommand::FindNext, &mut clicked);
                item(ui, UiCommand::FindPrevious, &mut clicked);
            });
            ui.menu_button("Proofread", |ui| {
                item(ui, UiCommand::NextMark, &mut clicked);
                item(ui, UiCommand::PreviousMark, &mut clicked);
                // Enter accepts a selected suggestion, and applies a selected mark's fix.
                let apply = egui::Button::new("Apply the mark's fix").shortcut_text("Enter");
                if ui.add(apply).clicked() {
                    clicked = Some(Action::Ui(UiCommand::Accept));
                }
                item(ui, UiCommand::IgnoreMark, &mut clicked);
                item(ui, UiCommand::ApplyAllOfCheck, &mut clicked);
                ui.separator();
                item(ui, UiCommand::ToggleCorrected, &mut clicked);
            });
            ui.menu_button("View", |ui| {
                item(ui, UiCommand::NextItem, &mut clicked);
                item(ui, UiCommand::PreviousItem, &mut clicked);
                item(ui, UiCommand::ToggleWholePage, &mut clicked);
                ui.separator();
                item(ui, UiCommand::ZoomIn, &mut clicked);
                item(ui, UiCommand::ZoomOut, &mut clicked);
                item(ui, UiCommand::ZoomReset, &mut clicked);
                item(ui, UiCommand::ToggleTheme, &mut clicked);
            });
            ui.menu_button("Help", |ui| item(ui, UiCommand::Help, &mut clicked));
        });
    });
    clicked
}

/// The model's threshold and when it trains again.
fn model_settings_ui(ui: &mut Ui, model: &mut ModelSettings) {
    ui.add(
        egui::Slider::new(&mut model.threshold, 0.0..=1.0)
            .text("show model suggestions from this confidence"),
    );
    ui.add(
        egui::Slider::new(&mut model.retrain_every, 0..=500)
            .text("train again after this many accepts (0: never)"),
    );
}

/// The banner: a message and the user's choices.
pub fn banner_ui(ui: &mut Ui, banner: &Banner, actions: &mut Vec<Action>) {
    let fill = if banner.error {
        Color32::from_rgb(250, 225, 225)
    } else {
        Color32::from_rgb(225, 238, 250)
    };
    egui::Panel::top("banner")
        .frame(egui::Frame::new().fill(fill).inner_margin(8.0))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let text = RichText::new(&banner.message).color(Color32::from_gray(20));
                ui.label(if banner.error { text.strong() } else { text });
                for (text, action) in &banner.choices {
                    if ui.button(text).clicked() {
                        actions.push(action.clone());
                    }
                }
            });
        });
}

/// The find bar, above the panes; returns true if its field has the keyboard.
pub fn find_bar(
    ui: &mut Ui,
    find: &mut Find,
    page: &mut OpenPage,
    actions: &mut Vec<Action>,
) -> bool {
    if !find.open {
        return false;
    }
    let mut editing = false;
    egui::Panel::top("find").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label("Find");
            let response = ui.add(
                egui::TextEdit::singleline(&mut find.query)
                    .desired_width(240.0)
                    .hint_text("text on the page"),
            );
            if std::mem::take(&mut find.focus) {
                response.request_focus();
            }
            editing = response.has_focus();
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                let backwards = ui.input(|i| i.modifiers.shift);
                find.step(page, !backwards);
                response.request_focus();
            }
            if find.is_stale() {
                find.search(page);
                if let Some(hit) = find.current() {
                    page.reveal(hit);
                }
            }
            ui.label(find.status());
            if ui
                .button("↑")
                .on_hover_text("Previous (Shift+F3)")
                .clicked()
            {
                actions.push(Action::Ui(UiCommand::FindPrevious));
            }
            if ui.button("↓").on_hover_text("Next (F3, Enter)").clicked() {
                actions.push(Action::Ui(UiCommand::FindNext));
            }
            if ui.button("×").on_hover_text("Close (Esc)").clicked() {
                find.open = false;
            }
        });
    });
    editing
}

/// What the status bar shows.
pub struct StatusLine<'a> {
    /// The open page, if any.
    pub page: Option<PageStatus<'a>>,
    /// Why saves run on the UI thread, if they do.
    pub save_problem: Option<&'a str>,
    /// A short message: what just happened, or what to do.
    pub notice: Option<&'a str>,
    /// The CJK font in use.
    pub font_family: Option<&'a str>,
    /// What the library shows, while it is shown: the folder and its figures.
    pub library: Option<&'a str>,
    /// The folder's model: its figures, or that it is training.
    pub model: &'a str,
}

/// The open page in the status bar.
pub struct PageStatus<'a> {
    /// The page's name.
    pub name: &'a str,
    /// The encoding it was stored in.
    pub encoding: &'a str,
    /// Its length in characters.
    pub chars: usize,
    /// Annotations on it.
    pub annotations: usize,
    /// Suggestions among them waiting for review.
    pub suggested: usize,
    /// Saved, unsaved, saving.
    pub saved: &'a str,
}

/// The status bar: file, encoding, size, annotations, save state, and the last notice.
pub fn status_bar(ui: &mut Ui, status: &StatusLine<'_>) {
    egui::Panel::bottom("status").show(ui, |ui| {
        // The right end first, so that a long notice is cut short instead of running over it.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(RichText::new("F1 shortcuts").weak());
            if let Some(family) = status.font_family {
                ui.label(RichText::new(family).weak());
            }
            ui.label(RichText::new(status.model).weak());
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                page_status_ui(ui, status);
            });
        });
    });
}

/// The left part of the status bar: the page, its annotations, its save state, the notice.
fn page_status_ui(ui: &mut Ui, status: &StatusLine<'_>) {
    let Some(page) = &status.page else {
        ui.label(status.library.unwrap_or("no page open"));
        if let Some(notice) = status.notice {
            ui.separator();
            ui.label(notice);
        }
        return;
    };
    ui.label(RichText::new(page.name).strong());
    ui.separator();
    ui.label(page.encoding);
    ui.separator();
    ui.label(format!("{} characters", page.chars));
    ui.separator();
    let noun = if page.annotations == 1 {
        "annotation"
    } else {
        "annotations"
    };
    ui.label(format!(
        "{} {noun}, {} suggested",
        page.annotations, page.suggested
    ));
    ui.separator();
    ui.label(page.saved);
    if let Some(problem) = status.save_problem {
        ui.label(RichText::new(problem).color(ui.visuals().warn_fg_color));
    }
    if let Some(notice) = status.notice {
        ui.separator();
        ui.label(RichText::new(notice).weak()).on_hover_text(notice);
    }
}

/// Every shortcut, from the commands and the tag set, in two columns: tagging and review (the
/// keys used most, first), then moving about, finding, files and the view. Returns false once
/// the user closed it.
pub fn help_ui(ctx: &egui::Context, tagset: Option<&TagSet>) -> bool {
    let shortcut_text = |command: UiCommand| {
        command
            .shortcut()
            .into_iter()
            .chain(command.extra_shortcuts().iter().copied())
            .map(|s| ctx.format_shortcut(&s).replace("Questionmark", "?"))
            .collect::<Vec<String>>()
            .join("  or  ")
    };
    let row = |ui: &mut Ui, what: &str, keys: &str| {
        ui.label(what);
        ui.label(RichText::new(keys).monospace());
        ui.end_row();
    };
    let response = egui::Modal::new(egui::Id::unique("help")).show(ctx, |ui| {
        ui.heading("Keyboard shortcuts");
        let height = ui.ctx().input(|i| i.content_rect().height()) * 0.75;
        egui::ScrollArea::vertical()
            .max_height(height)
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    egui::Grid::new("shortcuts-tagging")
                        .num_columns(2)
                        .striped(true)
                        .show(ui, |ui| {
                            row(ui, "Select text", "drag, Shift+arrows, double-click");
                            if let Some(tagset) = tagset {
                                for tag in tagset.tags() {
                                    let what =
                                        format!("Tag as {} {} ({})", tag.label, tag.zh, tag.en);
                                    row(ui, &what, &tag.hotkey);
                                }
                            }
                            for command in UiCommand::REVIEW {
                                row(ui, command.text(), &shortcut_text(command));
                            }
                        });
                    ui.separator();
                    egui::Grid::new("shortcuts-other")
                        .num_columns(2)
                        .striped(true)
                        .show(ui, |ui| {
                            for command in UiCommand::ALL
                                .into_iter()
                                .filter(|c| !UiCommand::REVIEW.contains(c))
                            {
                                row(ui, command.text(), &shortcut_text(command));
                            }
                        });
                });
            });
        if ui.button("Close (Esc)").clicked() {
            ui.close();
        }
    });
    !response.should_close()
}

/// The "Your name" window: the name recorded on annotations. Returns whether its field has the
/// keyboard, and `Some(true)` once the user takes the name, `Some(false)` if they cancel.
pub fn name_ui(ctx: &egui::Context, draft: &mut String) -> (bool, Option<bool>) {
    let mut typing = false;
    let mut done = None;
    let response = egui::Modal::new(egui::Id::unique("your-name")).show(ctx, |ui| {
        ui.heading("Your name");
        ui.label("Recorded as the author of the annotations you make and change.");
        let field = ui.add(
            egui::TextEdit::singleline(draft)
                .hint_text("empty: the login name")
                .desired_width(260.0),
        );
        field.request_focus();
        typing = field.has_focus();
        // Enter takes the name, wherever the window's focus is.
        let entered = ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            if ui.button("OK").clicked() || entered {
                done = Some(true);
            }
            if ui.button("Cancel").clicked() {
                done = Some(false);
            }
        });
    });
    if response.should_close() && done.is_none() {
        done = Some(false);
    }
    (typing, done)
}
