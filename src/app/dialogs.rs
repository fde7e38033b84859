//! Choosing files: the native dialog behind a small trait, so tests can answer instead.

use std::path::PathBuf;

/// Asks the user for a page or a folder. `None` means cancelled — or, with the native dialog,
/// that no dialog could be shown; the app says so and keeps the other ways to open working.
pub trait FileDialog {
    /// A page file.
    fn pick_page(&mut self) -> Option<PathBuf>;
    /// A folder of pages.
    fn pick_folder(&mut self) -> Option<PathBuf>;
}

/// The system's dialog, through the desktop portal (`rfd`).
pub struct NativeDialog;

impl FileDialog for NativeDialog {
    fn pick_page(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open a page")
            .add_filter("Pages", &["txt", "text"])
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn pick_folder(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open a folder of pages")
            .pick_folder()
    }
}

/// Answers with fixed paths (tests, and scripts driving the app).
#[derive(Default)]
pub struct ScriptedDialog {
    /// What the next `pick_page` calls return, in order.
    pub pages: Vec<PathBuf>,
    /// What the next `pick_folder` calls return, in order.
    pub folders: Vec<PathBuf>,
}

impl FileDialog for ScriptedDialog {
    fn pick_page(&mut self) -> Option<PathBuf> {
        (!self.pages.is_empty()).then(|| self.pages.remove(0))
    }

    fn pick_folder(&mut self) -> Option<PathBuf> {
        (!self.folders.is_empty()).then(|| self.folders.remove(0))
    }
}
