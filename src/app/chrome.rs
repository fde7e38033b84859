//! Around the page: menu bar, banner, find bar, status bar and the help overlay.

use eframe::egui::{self, Color32, RichText, Ui};

use super::page::OpenPage;
use super::saver::SaveState;
use super::{Action, Banner, CopydeskApp, UiCommand};
use crate::text::Span;

/// The find bar's state.
#[derive(Debug, Default)]
pub struct Find {
    /// The bar is shown.
    pub open: bool,
    /// What to look for.
    pub query: String,
    /// Where it occurs on the page.
    pub hits: Vec<Span>,
    /// Index of the current hit.
    current: usize,
    /// The query the hits were found for.
    searched: String,
    /// Give the field the keyboard on the next frame (the bar was just opened).
    pub focus: bool,
}

impl Find {
    /// The current hit.
    pub fn current(&self) -> Option<Span> {
        self.hits.get(self.current).copied()
    }

    /// Forgets the hits (another page was opened).
    pub fn reset(&mut self) {
        self.hits.clear();
        self.searched.clear();
        self.current = 0;
    }

    /// Finds every occurrence of the query on the page.
    fn search(&mut self, page: &OpenPage) {
        self.searched.clone_from(&self.query);
        self.current = 0;
        let source = page.document.source();
        let text = source.text();
        self.hits = if self.query.is_empty() {
            Vec::new()
        } else {
            text.match_indices(self.query.as_str())
                .filter_map(|(byte, found)| source.offsets().span(text, byte..byte + found.len()))
                .collect()
        };
    }

    /// Moves to the next (or previous) hit and shows it.
    pub fn step(&mut self, page: &mut OpenPage, forward: bool) {
        if self.searched != self.query {
            self.search(page);
        } else if !self.hits.is_empty() {
            let count = self.hits.len();
            self.current = if forward {
                (self.current + 1) % count
            } else {
                (self.current + count - 1) % count
            };
        }
        if let Some(hit) = self.current() {
            page.reveal(hit);
        }
    }
}

/// The menu bar.
pub fn menu_bar(ui: &mut Ui, app: &mut CopydeskApp) {
    let mut clicked = None;
    let recent = app.settings.recent.clone();
    let mut suggest_on_open = app.settings.suggest_on_open;
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
                    for path in &recent {
                        if ui.button(path.display().to_string()).clicked() {
                            clicked = Some(Action::Open(path.clone()));
                        }
                    }
                });
                item(ui, UiCommand::NextPage, &mut clicked);
                item(ui, UiCommand::PreviousPage, &mut clicked);
                ui.separator();
                item(ui, UiCommand::Save, &mut clicked);
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
                ui.checkbox(&mut suggest_on_open, "Suggest when a page opens");
                ui.separator();
                item(ui, UiCommand::Find, &mut clicked);
                item(ui, UiCommand::FindNext, &mut clicked);
                item(ui, UiCommand::FindPrevious, &mut clicked);
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
    app.settings.suggest_on_open = suggest_on_open;
    app.actions.extend(clicked);
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
            if find.searched != find.query {
                find.search(page);
                if let Some(hit) = find.current() {
                    page.reveal(hit);
                }
            }
            let status = match (find.query.is_empty(), find.hits.len()) {
                (true, _) => String::new(),
                (false, 0) => "not found".to_owned(),
                (false, n) => format!("{} of {n}", find.current + 1),
            };
            ui.label(status);
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

/// The status bar: file, encoding, size, annotations, save state.
pub fn status_bar(ui: &mut Ui, app: &CopydeskApp) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            let Some(page) = &app.page else {
                ui.label("no page open");
                return;
            };
            let document = &page.document;
            ui.label(RichText::new(document.name()).strong());
            ui.separator();
            ui.label(document.source().encoding().name());
            ui.separator();
            ui.label(format!("{} characters", document.source().char_len()));
            ui.separator();
            ui.label(format!(
                "{} annotations, {} suggested",
                document.annotations().len(),
                page.suggested
            ));
            ui.separator();
            let saved = match app.saver.state(document) {
                SaveState::Saved if document.page_path().is_none() => "not saved (read only)",
                SaveState::Saved => "saved",
                SaveState::Unsaved => "unsaved changes…",
                SaveState::Saving => "saving…",
            };
            ui.label(saved);
            if let Some(notice) = &app.notice {
                ui.separator();
                ui.label(RichText::new(notice).weak());
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(RichText::new("F1 shortcuts").weak());
                if let Some(family) = &app.font_family {
                    ui.label(RichText::new(family).weak());
                }
            });
        });
    });
}

/// Every shortcut, from the commands and the tag set.
pub fn help_ui(ctx: &egui::Context, app: &mut CopydeskApp) {
    let response = egui::Modal::new(egui::Id::unique("help")).show(ctx, |ui| {
        ui.heading("Keyboard shortcuts");
        let height = ui.ctx().input(|i| i.content_rect().height()) * 0.75;
        egui::ScrollArea::vertical()
            .max_height(height)
            .show(ui, |ui| {
                egui::Grid::new("shortcuts")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for command in UiCommand::ALL {
                            let keys: Vec<String> = command
                                .shortcut()
                                .into_iter()
                                .chain(command.extra_shortcuts().iter().copied())
                                .map(|s| ctx.format_shortcut(&s).replace("Questionmark", "?"))
                                .collect();
                            ui.label(command.text());
                            ui.label(RichText::new(keys.join("  or  ")).monospace());
                            ui.end_row();
                        }
                        ui.label("Select text");
                        ui.label(
                            RichText::new("drag, Shift+arrows, double-click a word").monospace(),
                        );
                        ui.end_row();
                        if let Some(page) = &app.page {
                            for tag in page.document.tagset().tags() {
                                ui.label(format!("Tag as {} {} ({})", tag.label, tag.zh, tag.en));
                                ui.label(RichText::new(&tag.hotkey).monospace());
                                ui.end_row();
                            }
                        }
                    });
            });
        if ui.button("Close (Esc)").clicked() {
            ui.close();
        }
    });
    if response.should_close() {
        app.help_open = false;
    }
}
