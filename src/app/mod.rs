//! The desktop app: eframe/egui panes over an [`annotation::Document`](crate::annotation::Document).
//!
//! The app only renders state and sends commands: every change to annotations is an
//! [`annotation::Command`](crate::annotation::Command) applied to the document, so undo, redo
//! and autosave work the same for all of them. Actions raised while drawing a frame are queued
//! as [`Action`]s and applied after it.

mod center;
mod chrome;
mod commands;
pub mod dialogs;
mod files;
pub mod fonts;
mod outline;
mod page;
mod review;
mod rows;
mod saver;
mod settings;
mod sidebar;
mod text_view;

use std::path::PathBuf;

use eframe::egui::{self, Key, Modifiers};

pub use commands::UiCommand;
pub use page::OpenPage;
pub use settings::Settings;

use crate::annotation::{Annotation, AnnotationId, Command, Document, Origin, Status};
use crate::text::Span;
use dialogs::FileDialog;
use fonts::FontChoice;
use saver::Saver;

/// The app's identifier (window class, settings folder).
pub const APP_ID: &str = "copydesk";

/// How the app starts.
pub struct Startup {
    /// A page or folder to open; `None` reopens the last page, or the bundled sample.
    pub path: Option<PathBuf>,
    /// Installed CJK font or only the bundled one.
    pub fonts: FontChoice,
    /// How to ask for files.
    pub dialogs: Box<dyn FileDialog>,
}

/// Something to do after the frame is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A menu or keyboard command.
    Ui(UiCommand),
    /// Apply a label: tag the selection, or relabel the selected annotation.
    Tag(String),
    /// Change the annotations.
    Edit(Box<Command>),
    /// Open a page or a folder.
    Open(PathBuf),
    /// Show item `index`.
    GoToItem(usize),
    /// Select an annotation and show it.
    Select(AnnotationId),
    /// Select an annotation already in view (clicked in the text), without scrolling.
    SelectInPlace(AnnotationId),
    /// Select a range of the page (a name chip was clicked).
    SelectSpan(Span),
    /// The sidecar of this page is unreadable: set it aside and start a new one.
    StartNewSidecar(PathBuf),
    /// Read this page without its (unreadable) annotations; nothing will be saved.
    OpenWithoutAnnotations(PathBuf),
    /// Try the failed save again.
    RetrySave,
    /// Hide the banner.
    DismissBanner,
    /// Close the window although the annotations could not be saved.
    QuitWithoutSaving,
    /// Open this page with the built-in labels: its folder's tag set cannot be read.
    OpenWithDefaultLabels(PathBuf),
}

impl Action {
    /// The action applying `command`.
    pub fn edit(command: Command) -> Self {
        Self::Edit(Box::new(command))
    }
}

/// A message across the top of the window, with the choices the user has.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    /// What happened and what it means.
    pub message: String,
    /// Buttons: text and action.
    pub choices: Vec<(String, Action)>,
    /// An error (red) rather than a notice.
    pub error: bool,
}

/// The copydesk window.
pub struct CopydeskApp {
    settings: Settings,
    dialogs: Box<dyn FileDialog>,
    saver: Saver,
    page: Option<OpenPage>,
    banner: Option<Banner>,
    help_open: bool,
    find: chrome::Find,
    /// A short message for the status bar.
    notice: Option<String>,
    actions: Vec<Action>,
    /// An editable text field (find, inspector) had the keyboard last frame: plain keys type
    /// into it instead of acting as shortcuts.
    editing_text: bool,
    font_family: Option<String>,
    /// The last save failed: autosave waits until the user retries.
    autosave_paused: bool,
    /// The user chose to close without saving.
    discard_on_close: bool,
}

impl CopydeskApp {
    /// Creates the app: fonts, settings, and the first page.
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        Self::with_context(&cc.egui_ctx, cc.storage, startup)
    }

    /// Creates the app on a bare `egui::Context` (benchmarks drive it without a window).
    pub fn with_context(
        ctx: &egui::Context,
        storage: Option<&dyn eframe::Storage>,
        startup: Startup,
    ) -> Self {
        let settings: Settings = storage
            .and_then(|storage| eframe::get_value(storage, Settings::KEY))
            .unwrap_or_default();
        let ctx = ctx.clone();
        let found = fonts::install(&ctx, startup.fonts, settings.cjk_font.as_ref());
        let wake = ctx.clone();
        let mut app = Self {
            settings,
            dialogs: startup.dialogs,
            saver: Saver::new(move || wake.request_repaint()),
            page: None,
            banner: None,
            help_open: false,
            find: chrome::Find::default(),
            notice: None,
            actions: Vec::new(),
            editing_text: false,
            font_family: found.as_ref().map(|f| f.family.clone()),
            autosave_paused: false,
            discard_on_close: false,
        };
        if startup.fonts == FontChoice::System {
            app.settings.cjk_font = found;
        }
        ctx.options_mut(|options| options.zoom_with_keyboard = false);
        app.apply_look(&ctx);
        let first = startup
            .path
            .or_else(|| app.settings.last_page.clone().filter(|p| p.is_file()))
            .or_else(files::bundled_sample);
        match first {
            Some(path) => app.open(&path),
            None => {
                app.notice =
                    Some("Open a page with File → Open page (Ctrl+O) or drag one here".into())
            }
        }
        app
    }

    /// The open page, if any.
    pub fn page(&self) -> Option<&OpenPage> {
        self.page.as_ref()
    }

    /// The banner shown, if any.
    pub fn banner(&self) -> Option<&Banner> {
        self.banner.as_ref()
    }

    /// Queues an action as if the user had taken it.
    pub fn push(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Draws one frame and applies what the user did. Separate from [`eframe::App::ui`] so
    /// that benchmarks can drive it through an `egui::Context` alone.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll_save();
        self.handle_dropped_files(&ctx);
        self.handle_keys(&ctx);
        chrome::menu_bar(ui, self);
        if let Some(banner) = &self.banner {
            chrome::banner_ui(ui, banner, &mut self.actions);
        }
        chrome::status_bar(ui, self);
        let mut editing = false;
        if let Some(page) = &mut self.page {
            outline::panel(ui, page, &mut self.actions);
            editing |= sidebar::panel(ui, page, &mut self.actions);
            editing |= chrome::find_bar(ui, &mut self.find, page, &mut self.actions);
            page::center_ui(ui, page, &self.find, self.settings.dark, &mut self.actions);
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.label("Open a page with File → Open page (Ctrl+O), or drag a page onto the window.");
                });
            });
        }
        self.editing_text = editing;
        if self.help_open {
            chrome::help_ui(&ctx, self);
        }
        let shown = self.page.as_ref().map(|p| p.document.name().to_owned());
        self.run_actions(&ctx);
        if self.page.as_ref().map(|p| p.document.name()) != shown.as_deref() {
            self.update_title(&ctx);
        }
        self.schedule_save(&ctx, false);
        self.handle_close(&ctx);
    }

    /// The window title names the page.
    fn update_title(&self, ctx: &egui::Context) {
        let title = self.page.as_ref().map_or_else(
            || "copydesk".to_owned(),
            |p| format!("{} — copydesk", p.document.name()),
        );
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
    }

    fn apply_look(&self, ctx: &egui::Context) {
        ctx.set_theme(if self.settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        ctx.set_zoom_factor(self.settings.zoom);
    }

    /// Keyboard: commands, then label hotkeys.
    fn handle_keys(&mut self, ctx: &egui::Context) {
        let editing = self.editing_text;
        let mut found = Vec::new();
        ctx.input_mut(|input| {
            for (shortcut, command) in UiCommand::all_shortcuts() {
                if editing && command.is_plain_key() {
                    continue;
                }
                if input.consume_shortcut(&shortcut) {
                    if command.is_plain_key() {
                        swallow_typed_text(input, shortcut.logical_key);
                    }
                    found.push(Action::Ui(command));
                }
            }
        });
        if found.iter().any(|a| {
            matches!(
                a,
                Action::Ui(UiCommand::NextSuggestion | UiCommand::PreviousSuggestion)
            )
        }) {
            // Tab also moves egui's keyboard focus; here it moves between suggestions only.
            ctx.memory_mut(|memory| memory.move_focus(egui::FocusDirection::None));
        }
        if !editing && let Some(page) = &self.page {
            let labels: Vec<(Key, String)> = page
                .document
                .tagset()
                .tags()
                .iter()
                .filter_map(|tag| {
                    Some((
                        Key::from_name(&tag.hotkey.to_uppercase())?,
                        tag.label.clone(),
                    ))
                })
                .collect();
            ctx.input_mut(|input| {
                for (key, label) in labels {
                    if input.consume_key(Modifiers::NONE, key) {
                        swallow_typed_text(input, key);
                        found.push(Action::Tag(label));
                    }
                }
            });
        }
        self.actions.extend(found);
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.actions.push(Action::Open(path));
        }
    }

    /// Applies the actions queued while drawing.
    fn run_actions(&mut self, ctx: &egui::Context) {
        for action in std::mem::take(&mut self.actions) {
            self.run(ctx, action);
        }
    }

    fn run(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Ui(command) => self.run_command(ctx, command),
            Action::Tag(label) => self.tag(&label),
            Action::Edit(command) => self.edit(*command),
            Action::Open(path) => self.open(&path),
            Action::GoToItem(index) => {
                if let Some(page) = &mut self.page {
                    page.go_to_item(index);
                }
            }
            Action::Select(id) => {
                if let Some(page) = &mut self.page {
                    page.select(Some(id));
                }
            }
            Action::SelectInPlace(id) => {
                if let Some(page) = &mut self.page {
                    page.select_in_place(Some(id));
                }
            }
            Action::SelectSpan(span) => {
                if let Some(page) = &mut self.page {
                    page.selection = Some(span);
                    page.select(None);
                    self.notice = Some(format!(
                        "Selected “{}”: press a label's key to tag it",
                        page.document.source().slice(span)
                    ));
                }
            }
            Action::StartNewSidecar(path) => {
                if self.flush_or_explain() {
                    self.start_new_sidecar(&path);
                }
            }
            Action::OpenWithoutAnnotations(path) => {
                if self.flush_or_explain() {
                    self.open_without_annotations(&path);
                }
            }
            Action::OpenWithDefaultLabels(path) => {
                if self.flush_or_explain() {
                    match Document::open_with_tagset(&path, crate::annotation::TagSet::default()) {
                        Ok(document) => {
                            self.banner = None;
                            self.show_document(document, &path);
                            self.notice = Some("Using the built-in labels: fix the folder's tagset.ron and reopen the page to use it".into());
                        }
                        Err(err) => self.open_failed(&path, &err),
                    }
                }
            }
            Action::QuitWithoutSaving => {
                self.discard_on_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Action::RetrySave => {
                self.banner = None;
                self.autosave_paused = false;
                self.schedule_save(ctx, true);
            }
            Action::DismissBanner => self.banner = None,
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::OpenPage => match self.dialogs.pick_page() {
                Some(path) => self.open(&path),
                None => self.notice = Some(no_dialog_notice()),
            },
            UiCommand::OpenFolder => match self.dialogs.pick_folder() {
                Some(path) => self.open(&path),
                None => self.notice = Some(no_dialog_notice()),
            },
            UiCommand::Save => self.schedule_save(ctx, true),
            UiCommand::Undo => self.history(true),
            UiCommand::Redo => self.history(false),
            UiCommand::DeleteAnnotation => {
                if let Some(id) = self.page.as_ref().and_then(|p| p.selected.clone()) {
                    self.edit(Command::Delete(id));
                }
            }
            UiCommand::Suggest => self.suggest(),
            UiCommand::Accept => self.review(Status::Accepted),
            UiCommand::Reject => self.review(Status::Rejected),
            UiCommand::NextSuggestion => self.next_suggestion(true),
            UiCommand::PreviousSuggestion => self.next_suggestion(false),
            UiCommand::AcceptAllOfLabel => self.accept_all_of_label(),
            UiCommand::NextItem | UiCommand::PreviousItem => {
                if let Some(page) = &mut self.page {
                    let count = page.document.bulletin().items.len();
                    let next = if command == UiCommand::NextItem {
                        (page.item + 1).min(count.saturating_sub(1))
                    } else {
                        page.item.saturating_sub(1)
                    };
                    page.go_to_item(next);
                }
            }
            UiCommand::NextPage | UiCommand::PreviousPage => {
                let target = self
                    .page
                    .as_ref()
                    .and_then(|page| page.neighbour(command == UiCommand::NextPage));
                if let Some(path) = target {
                    self.open(&path);
                }
            }
            UiCommand::ToggleWholePage => {
                if let Some(page) = &mut self.page {
                    page.whole_page = !page.whole_page;
                }
            }
            UiCommand::Find => {
                self.find.open = true;
                self.find.focus = true;
                // Keys typed from now on go to the find field.
                self.editing_text = true;
            }
            UiCommand::FindNext | UiCommand::FindPrevious => {
                if let Some(page) = &mut self.page {
                    self.find.step(page, command == UiCommand::FindNext);
                }
            }
            UiCommand::ZoomIn => self.zoom(ctx, 1.1),
            UiCommand::ZoomOut => self.zoom(ctx, 1.0 / 1.1),
            UiCommand::ZoomReset => {
                self.settings.zoom = 1.0;
                self.apply_look(ctx);
            }
            UiCommand::ToggleTheme => {
                self.settings.dark = !self.settings.dark;
                self.apply_look(ctx);
            }
            UiCommand::Help => self.help_open = !self.help_open,
            UiCommand::Escape => {
                if self.help_open {
                    self.help_open = false;
                } else if self.find.open {
                    self.find.open = false;
                } else {
                    self.commit_inspector();
                    if let Some(page) = &mut self.page {
                        page.selection = None;
                        page.select(None);
                    }
                }
            }
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    fn zoom(&mut self, ctx: &egui::Context, factor: f32) {
        self.settings.zoom = (self.settings.zoom * factor).clamp(0.5, 3.0);
        self.apply_look(ctx);
    }

    /// Applies a label: a new annotation over the selection, or the selected annotation
    /// relabelled.
    fn tag(&mut self, label: &str) {
        let Some(page) = &mut self.page else { return };
        if let Some(span) = page.selection.filter(|s| !s.is_empty()) {
            let existing = page
                .document
                .annotations()
                .iter()
                .find(|a| a.span() == span && a.label == label)
                .map(|a| a.id.clone());
            if let Some(id) = existing {
                page.select(Some(id));
                return;
            }
            let annotation = Annotation::new(
                page.document.source(),
                label,
                span,
                Origin::Manual,
                page.document.author(),
            );
            let id = annotation.id.clone();
            self.edit(Command::Add(annotation));
            if let Some(page) = &mut self.page {
                // The text stays selected in its pane; until the selection changes, another
                // label's key relabels the new annotation instead of adding a second one.
                page.selection = None;
                page.tagged_selection = Some(span);
                page.select_in_place(Some(id));
            }
        } else if let Some(id) = page.selected.clone() {
            let same = page.document.get(&id).is_some_and(|a| a.label == label);
            if !same {
                self.edit(Command::Relabel {
                    id,
                    label: label.to_owned(),
                });
            }
        } else {
            self.notice = Some("Select some text first, then press the label's key".into());
        }
    }

    fn edit(&mut self, command: Command) {
        let Some(page) = &mut self.page else { return };
        match page.document.apply(command) {
            Ok(()) => page.changed(),
            Err(err) => self.notice = Some(err.to_string()),
        }
    }

    fn history(&mut self, undo: bool) {
        let Some(page) = &mut self.page else { return };
        let done = if undo {
            page.document.undo()
        } else {
            page.document.redo()
        };
        self.notice = Some(match done {
            Some(what) => format!("{} {what}", if undo { "Undid" } else { "Redid" }),
            None => format!("Nothing to {}", if undo { "undo" } else { "redo" }),
        });
        page.changed();
    }
}

impl eframe::App for CopydeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Some(page) = &self.page
            && let Some(path) = page.document.page_path()
        {
            self.settings.last_page = Some(path.to_owned());
        }
        eframe::set_value(storage, Settings::KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The close handler saved already; this catches exits that skipped it.
        if !self.discard_on_close {
            let _ = self.flush();
        }
    }
}

/// Removes the text a key press typed, once the key was used as a shortcut. A real keyboard
/// sends both a key event and a text event; the text would reach the pane's text field, which
/// treats typing as replacing the selection and so loses it before the label is applied.
fn swallow_typed_text(input: &mut egui::InputState, key: Key) {
    let typed = key.symbol_or_name();
    input.events.retain(
        |event| !matches!(event, egui::Event::Text(text) if text.eq_ignore_ascii_case(typed)),
    );
}

fn error_banner(message: String) -> Banner {
    Banner {
        message,
        choices: vec![("Dismiss".into(), Action::DismissBanner)],
        error: true,
    }
}

fn no_dialog_notice() -> String {
    "No file chosen. If no dialog appeared, this desktop has no file-chooser portal: drag a page onto the window, or start copydesk with the page's path.".into()
}

/// Opens the window. `path` is a page or a folder to open.
pub fn run(path: Option<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("copydesk")
            .with_app_id(APP_ID)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            Ok(Box::new(CopydeskApp::new(
                cc,
                Startup {
                    path,
                    fonts: FontChoice::System,
                    dialogs: Box::new(dialogs::NativeDialog),
                },
            )))
        }),
    )
    .map_err(|err| format!("cannot open the window: {err}"))
}
