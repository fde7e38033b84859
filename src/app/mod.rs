//! The desktop app: eframe/egui panes over an [`annotation::Document`](crate::annotation::Document).
//!
//! The app only renders state and sends commands: every change to annotations is an
//! [`annotation::Command`](crate::annotation::Command) applied to the document, so undo, redo
//! and autosave work the same for all of them, and what a change means (tagging, reviewing)
//! is the core's [`operations`](crate::operations), shared with the command line.
//!
//! - [`state`]: the open page, find, the sidebar and the caches derived from the document,
//!   apart from drawing;
//! - drawing: `chrome` (menu, banner, find bar, status bar, help), `outline`, `center` (the
//!   panes), `text_view` (one paragraph), `sidebar` (list and inspector) — each takes what it
//!   draws and returns [`Action`]s, queued while a frame is drawn and applied after it;
//! - this module applies them; `files` (open, save, close) and `suggestions` (review keys)
//!   are its methods on [`CopydeskApp`] for those jobs.

mod action;
mod adjudication;
mod center;
mod chrome;
mod corrected_view;
pub mod dialogs;
mod disk_changes;
mod export;
mod files;
mod folder;
pub mod fonts;
mod highlight;
mod import;
mod job;
mod keys;
mod layout;
mod library;
mod library_scan;
mod model_commands;
mod outline;
mod proof_panel;
mod proofreading;
mod saver;
mod settings;
mod sidebar;
mod state;
mod suggestions;
mod text_view;
mod trainer;
mod ui_command;
mod watch;
mod wavy;
mod window;

use std::path::PathBuf;

use eframe::egui;

pub use action::{Action, Banner};
pub use settings::{ModelSettings, Settings};
pub use state::library::{Library, Tab as LibraryTab};
pub use state::open_page::OpenPage;
pub use ui_command::UiCommand;
pub use window::run;

use crate::annotation::{Command, Document, Status};
use crate::operations::tag::{self, Outcome, Tagging};
use dialogs::FileDialog;
use fonts::FontChoice;
use saver::Saver;
use state::find::Find;

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
    /// Another annotator's folder to compare the folder opened with (`--compare`).
    pub compare: Option<PathBuf>,
}

/// The copydesk window.
pub struct CopydeskApp {
    settings: Settings,
    dialogs: Box<dyn FileDialog>,
    saver: Saver,
    page: Option<OpenPage>,
    banner: Option<Banner>,
    help_open: bool,
    find: Find,
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
    /// The name being typed in the "Your name" window, while it is open.
    name_draft: Option<String>,
    /// Changes on disk to the open page and its sidecar.
    watch: Option<watch::PageWatch>,
    /// The export window, while open.
    export: Option<export::ExportDialog>,
    /// The folder open as a library, if one is.
    library: Option<folder::OpenLibrary>,
    /// The library is shown instead of the page.
    show_library: bool,
    /// The import window, while open.
    import: Option<import::ImportDialog>,
    /// The context the app draws in (to wake it from other threads).
    ctx: egui::Context,
    /// Wakes the window from the proofreading thread.
    wake: state::proof_marks::Wake,
    /// The folder's model, and the thread that trains it.
    trainer: trainer::Trainer,
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
            find: Find::default(),
            notice: None,
            actions: Vec::new(),
            editing_text: false,
            font_family: found.as_ref().map(|f| f.family.clone()),
            autosave_paused: false,
            discard_on_close: false,
            name_draft: None,
            watch: None,
            export: None,
            library: None,
            show_library: false,
            import: None,
            ctx: ctx.clone(),
            wake: {
                let ctx = ctx.clone();
                std::sync::Arc::new(move || ctx.request_repaint())
            },
            trainer: trainer::Trainer::new(0),
        };
        if startup.fonts == FontChoice::System {
            app.settings.cjk_font = found;
        }
        ctx.options_mut(|options| options.zoom_with_keyboard = false);
        // Scroll bars take their own room: floating ones cover each line's last character.
        ctx.all_styles_mut(|style| style.spacing.scroll = egui::style::ScrollStyle::solid());
        app.apply_look(&ctx);
        let first = startup
            .path
            .or_else(|| app.settings.last_page.clone().filter(|p| p.is_file()))
            .or_else(files::bundled_sample);
        match first {
            Some(path) => {
                app.open(&path);
                if let Some(other) = &startup.compare {
                    app.compare_with(other);
                }
            }
            None => {
                app.notice =
                    Some("Open a page with File → Open page (Ctrl+O) or drag one here".into());
            }
        }
        app
    }

    /// The open page, if any.
    pub fn page(&self) -> Option<&OpenPage> {
        self.page.as_ref()
    }

    /// The folder open as a library, if one is.
    pub fn library(&self) -> Option<&Library> {
        self.library.as_ref().map(|open| &open.library)
    }

    /// Pages of the library whose sidecar is still being read.
    pub fn library_reading(&self) -> usize {
        self.library
            .as_ref()
            .map_or(0, |open| open.scanner.outstanding())
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
        let shown = self.page.as_ref().map(|p| p.document.name().to_owned());
        self.poll_save();
        self.follow_disk_changes();
        self.poll_library();
        self.poll_model();
        self.handle_dropped_files(&ctx);
        self.handle_keys(&ctx);
        // What the keys asked for (and anything queued since the last frame) is done before
        // this frame is drawn, so that the frame shows it: a page opened by a key is drawn in
        // the frame that took the key, not the one after.
        self.run_actions(&ctx);
        if let Some(page) = &mut self.page {
            page.proof.poll(&page.document, &self.wake);
        }
        let clicked = chrome::menu_bar(
            ui,
            &self.settings.recent,
            &mut self.settings.suggest_on_open,
            &mut self.settings.model,
        );
        self.actions.extend(clicked);
        if let Some(banner) = &self.banner {
            chrome::banner_ui(ui, banner, &mut self.actions);
        }
        self.status_bar_ui(ui);
        let mut editing = false;
        if self.library_frame(ui) {
            // The library is shown instead of the page.
        } else if let Some(page) = &mut self.page {
            outline::panel(ui, page, &mut self.actions);
            editing |= sidebar::panel(ui, page, &mut self.actions);
            editing |= chrome::find_bar(ui, &mut self.find, page, &mut self.actions);
            center::center_ui(ui, page, &self.find, self.settings.dark, &mut self.actions);
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.label("Open a page with File → Open page (Ctrl+O), or drag a page onto the window.");
                });
            });
        }
        self.editing_text = editing;
        if self.help_open {
            let tagset = self.page.as_ref().map(|p| p.document.tagset());
            self.help_open = chrome::help_ui(&ctx, tagset);
        }
        if let Some(draft) = &mut self.name_draft {
            let (typing, done) = chrome::name_ui(&ctx, draft);
            self.editing_text |= typing;
            match done {
                Some(true) => self.set_author(),
                Some(false) => self.name_draft = None,
                None => {}
            }
        }
        self.export_window();
        self.import_window();
        self.run_actions(&ctx);
        self.retrain_when_due();
        if self.page.as_ref().map(|p| p.document.name()) != shown.as_deref() {
            self.update_title(&ctx);
        }
        self.schedule_save(&ctx, false);
        self.handle_close(&ctx);
    }

    /// The status bar, from the open page, the save state and the last notice.
    fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        let shown = self.library_shown();
        let library = self.library.as_ref().filter(|_| shown).map(|open| {
            let (read, total) = open.library.progress();
            let reading = if read < total {
                format!(" · reading {read} of {total}")
            } else {
                String::new()
            };
            format!(
                "library of {}: {total} pages, {} done{reading}",
                open.library.root.display(),
                open.library.totals().done
            )
        });
        let page = self.page.as_mut().filter(|_| !shown).map(|page| {
            let document = &page.document;
            chrome::PageStatus {
                name: document.name(),
                encoding: document.source().encoding().name(),
                chars: document.source().char_len(),
                annotations: document.annotations().len(),
                suggested: page.counts.get(document).suggested,
                saved: self.saver.state(document).describe(document),
            }
        });
        let model = self.trainer.status();
        let status = chrome::StatusLine {
            page,
            save_problem: self.saver.problem(),
            notice: self.notice.as_deref(),
            font_family: self.font_family.as_deref(),
            library: library.as_deref(),
            model: &model,
        };
        chrome::status_bar(ui, &status);
    }

    /// The window title names the page, or the folder while its library is shown.
    fn update_title(&self, ctx: &egui::Context) {
        let folder = self
            .library
            .as_ref()
            .filter(|_| self.show_library)
            .map(|open| open.library.root.display().to_string());
        let title = match (folder, &self.page) {
            (Some(folder), _) => format!("{folder} — copydesk"),
            (None, Some(page)) => format!("{} — copydesk", page.document.name()),
            (None, None) => "copydesk".to_owned(),
        };
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

    /// Keyboard: commands, then label hotkeys (see [`keys`]).
    fn handle_keys(&mut self, ctx: &egui::Context) {
        if self.name_draft.is_some() || self.export.is_some() || self.import.is_some() {
            // The "Your name", export and import windows are modal: their fields have the keys.
            return;
        }
        if self.library_shown() {
            self.library_keys(ctx);
            let found = keys::actions(ctx, None, self.editing_text);
            self.actions
                .extend(found.into_iter().filter(|action| match action {
                    Action::Ui(command) => command.works_in_library(),
                    _ => false,
                }));
            return;
        }
        let tagset = self.page.as_ref().map(|page| page.document.tagset());
        let found = keys::actions(ctx, tagset, self.editing_text);
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
            Action::Ui(command) if !self.allowed_in_library(command) => {
                self.refuse_in_library(command);
            }
            Action::Ui(UiCommand::TrainModel) => self.train_model(),
            Action::Ui(command) => self.run_command(ctx, command),
            Action::Tag(label) => self.tag(&label),
            Action::Edit(command) => {
                self.edit(*command);
            }
            Action::Notice(message) => self.notice = Some(message),
            Action::Open(path) => self.open(&path),
            Action::GoToItem(index) => {
                if let Some(page) = &mut self.page {
                    page.show_item(index);
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
            Action::SelectMark(mark) => {
                if let Some(page) = &mut self.page {
                    page.select_mark(mark);
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
                    self.recover_sidecar(&path, false);
                }
            }
            Action::RestoreBackup(path) => {
                if self.flush_or_explain() {
                    self.recover_sidecar(&path, true);
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

    /// Esc: closes the help, else the find bar, else clears the selection (a mark's too).
    fn escape(&mut self) {
        if self.help_open {
            self.help_open = false;
        } else if self.find.open {
            self.find.open = false;
        } else {
            self.commit_inspector();
            if let Some(page) = &mut self.page {
                page.selection = None;
                page.select(None);
                page.proof.select(None);
            }
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        if command == UiCommand::Undo && self.library_shown() {
            self.run_folder_command(command);
            return;
        }
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
            UiCommand::Export => self.open_export(),
            UiCommand::Import => self.open_import(),
            UiCommand::Undo => self.history(true),
            UiCommand::Redo => self.history(false),
            UiCommand::DeleteAnnotation => self.delete_selected(),
            UiCommand::Suggest => self.suggest(),
            UiCommand::Accept => self.accept_or_apply(),
            UiCommand::Reject => self.review(Status::Rejected),
            UiCommand::NextSuggestion => self.next_suggestion(true),
            UiCommand::PreviousSuggestion => self.next_suggestion(false),
            UiCommand::AcceptAllOfLabel => self.accept_all_of_label(),
            UiCommand::NextMark
            | UiCommand::PreviousMark
            | UiCommand::IgnoreMark
            | UiCommand::ApplyAllOfCheck
            | UiCommand::ToggleCorrected => self.proofreading_command(command),
            UiCommand::NextItem | UiCommand::PreviousItem => {
                if let Some(page) = &mut self.page {
                    let count = page.document.bulletin().items.len();
                    let next = if command == UiCommand::NextItem {
                        (page.item + 1).min(count.saturating_sub(1))
                    } else {
                        page.item.saturating_sub(1)
                    };
                    page.show_item(next);
                }
            }
            UiCommand::NextPage | UiCommand::PreviousPage => {
                if let Some(path) = self.neighbour_page(command == UiCommand::NextPage) {
                    self.open(&path);
                }
            }
            UiCommand::ToggleWholePage => {
                if let Some(page) = &mut self.page {
                    page.whole_page = !page.whole_page;
                }
            }
            UiCommand::ScrollDown
            | UiCommand::ScrollUp
            | UiCommand::ScrollTop
            | UiCommand::ScrollBottom => {
                if let Some(page) = &mut self.page {
                    page.scroll = command.scroll();
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
            UiCommand::YourName => {
                let current = self
                    .page
                    .as_ref()
                    .map_or_else(crate::annotation::default_author, |p| {
                        p.document.author().to_owned()
                    });
                self.name_draft = Some(current);
            }
            UiCommand::Help => self.help_open = !self.help_open,
            UiCommand::Escape => self.escape(),
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            // The library's and its Agreement tab's: Library, MarkDone, Compare, Take…
            folder => self.run_folder_command(folder),
        }
    }

    fn zoom(&mut self, ctx: &egui::Context, factor: f32) {
        self.settings.zoom = (self.settings.zoom * factor).clamp(0.5, 3.0);
        self.apply_look(ctx);
    }

    /// Applies a label: to the selection (see [`tag::tag`]: a suggestion there is accepted
    /// instead of doubled), or else to the selected annotation, relabelled and, if it was a
    /// suggestion, accepted ([`tag::label_annotation`]).
    fn tag(&mut self, label: &str) {
        let Some(page) = &mut self.page else { return };
        if let Some(span) = page.selection.filter(|s| !s.is_empty()) {
            let (commands, outcomes) = tag::tag(&page.document, &[span], &Tagging::accepted(label));
            let Some(outcome) = outcomes.into_iter().next() else {
                return;
            };
            if !commands.is_empty() && !self.edit(Command::Batch(commands)) {
                return;
            }
            let Some(page) = &mut self.page else { return };
            match outcome {
                Outcome::Unchanged(id) => {
                    page.select(Some(id));
                    return;
                }
                Outcome::Rejected(id) => {
                    page.select(Some(id));
                    self.notice = Some(format!(
                        "This {label} was rejected earlier and stays so: press A to accept it"
                    ));
                    return;
                }
                Outcome::Accepted(_) | Outcome::Relabelled(_) | Outcome::Added(_) => {}
            }
            // The text stays selected in its pane; until the selection changes, another
            // label's key relabels the annotation instead of adding a second one.
            page.selection = None;
            page.tagged_selection = Some(span);
            page.select_in_place(Some(outcome.id().clone()));
        } else if let Some(annotation) = page.selected().and_then(|id| page.document.get(id)) {
            let commands = tag::label_annotation(&page.document, annotation, label);
            if !commands.is_empty() {
                self.edit(Command::Batch(commands));
            }
        } else {
            self.notice = Some("Select some text first, then press the label's key".into());
        }
    }

    /// Deletes the selected annotation, saying what went and that Ctrl+Z brings it back.
    fn delete_selected(&mut self) {
        let selected = self.page.as_ref().and_then(|page| {
            let annotation = page.document.get(page.selected()?)?;
            Some((
                annotation.id.clone(),
                annotation.label.clone(),
                annotation.quote.clone(),
            ))
        });
        if let Some((id, label, quote)) = selected
            && self.edit(Command::Delete(id))
        {
            self.notice = Some(format!("Deleted {label} “{quote}”: Ctrl+Z brings it back"));
        }
    }

    /// Takes the name typed in the "Your name" window: for the open page and every page
    /// opened later (kept in the settings). An empty name goes back to the login name.
    fn set_author(&mut self) {
        let Some(draft) = self.name_draft.take() else {
            return;
        };
        let name = draft.trim();
        self.settings.author = (!name.is_empty()).then(|| name.to_owned());
        let author = self
            .settings
            .author
            .clone()
            .unwrap_or_else(crate::annotation::default_author);
        if let Some(page) = &mut self.page {
            page.document.set_author(&author);
        }
        self.notice = Some(format!("Annotations are recorded as made by {author}"));
    }

    /// Applies a command as one undoable step; false (with the reason in the status bar) if
    /// it could not be applied.
    fn edit(&mut self, command: Command) -> bool {
        let Some(page) = &mut self.page else {
            return false;
        };
        if page.document.page_path().is_none() {
            // Read without annotations: whatever is done here could never be saved.
            self.notice = Some(READ_ONLY.to_owned());
            return false;
        }
        match page.document.apply(command) {
            Ok(()) => true,
            Err(err) => {
                self.notice = Some(err.to_string());
                false
            }
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

    #[expect(
        clippy::print_stderr,
        reason = "the window is gone: standard error is the only place left to say it"
    )]
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The close handler saved already; this catches exits that skipped it.
        if let Err(message) = self.save_before_exit() {
            eprintln!("copydesk: {message}");
        }
    }
}

fn no_dialog_notice() -> String {
    "No file chosen. If no dialog appeared, this desktop has no file-chooser portal: drag a page onto the window, or start copydesk with the page's path.".into()
}

/// Why nothing can be tagged on a page read without its annotations.
const READ_ONLY: &str = "This page is open without its annotations, so nothing done here could be saved: choose Start a new sidecar in the banner to annotate it";
