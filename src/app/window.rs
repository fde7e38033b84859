//! Opening the window: eframe's native options, and what to say when there is no display to
//! open it on (the subcommands still work).

use std::path::PathBuf;

use eframe::egui;

use super::dialogs;
use super::fonts::FontChoice;
use super::{APP_ID, CopydeskApp, Startup};

/// winit's error on one line, without the source file it names (`os error at …/mod.rs:788:`).
fn readable(error: &str) -> String {
    let error = error.replace('\n', " ");
    match error.find("os error at ") {
        Some(at) => match error[at..].find(": ") {
            Some(colon) => format!("{}{}", &error[..at], &error[at + colon + 2..]),
            None => error,
        },
        None => error,
    }
}

/// What still works when the window cannot open.
const WITHOUT_WINDOW: &str = "the subcommands (copydesk segment, tag, annotations, suggest, review…) work without a display: see copydesk --help";

/// What to tell a user who started the window where there is no display.
const NO_DISPLAY: &str = "cannot open the window: there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set); the window needs a desktop session, but the subcommands (copydesk segment, tag, annotations, suggest, review…) work without one: see copydesk --help";

/// On Linux and the BSDs the window needs an X11 or Wayland display named in the environment.
fn display_missing() -> bool {
    let unix_desktop = cfg!(all(unix, not(target_os = "macos")));
    unix_desktop
        && ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
            .iter()
            .all(|name| std::env::var_os(name).is_none_or(|value| value.is_empty()))
}

/// Opens the window. `path` is a page or a folder to open; `compare`, another annotator's
/// folder to compare that folder with.
pub fn run(path: Option<PathBuf>, compare: Option<PathBuf>) -> Result<(), String> {
    if display_missing() {
        return Err(NO_DISPLAY.to_owned());
    }
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
                    compare,
                },
            )))
        }),
    )
    .map_err(|err| {
        let display = ["WAYLAND_DISPLAY", "DISPLAY"]
            .iter()
            .find_map(|name| Some(format!(" ({name} is {})", std::env::var(name).ok()?)))
            .unwrap_or_default();
        format!(
            "cannot open the window{display}: {}; {WITHOUT_WINDOW}",
            readable(&err.to_string())
        )
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_window_error_reads_on_one_line_without_the_source_file() {
        let winit = "winit EventLoopError: os error at /root/.cargo/registry/src/winit-0.30.13/src/platform_impl/linux/mod.rs:788: Failed to open connection to X server";
        assert_eq!(
            super::readable(winit),
            "winit EventLoopError: Failed to open connection to X server"
        );
        assert_eq!(super::readable("no GL\ncontext"), "no GL context");
    }
}
