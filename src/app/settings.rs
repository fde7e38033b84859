//! Preferences remembered between runs (eframe persistence): never user data.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many recent pages the File menu lists.
const MAX_RECENT: usize = 10;

/// What the app remembers about the user's set-up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Dark theme instead of light.
    pub dark: bool,
    /// Text zoom factor.
    pub zoom: f32,
    /// Recently opened pages, newest first.
    pub recent: Vec<PathBuf>,
    /// The page open when the app last closed.
    pub last_page: Option<PathBuf>,
    /// Run the recognizers whenever a page is opened.
    pub suggest_on_open: bool,
    /// The CJK font found on an earlier run, so start-up does not scan the system again.
    pub cjk_font: Option<super::fonts::FoundFont>,
    /// The name recorded on annotations, if the user set one (else the login name).
    pub author: Option<String>,
    /// The folder's model: what it shows and when it trains again.
    pub model: ModelSettings,
}

/// The model's settings (Edit → Model).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ModelSettings {
    /// Model suggestions less confident than this (0 to 1) are not shown.
    pub threshold: f32,
    /// Train again after this many new accepts; 0 only with Edit → Train model now.
    pub retrain_every: usize,
}

impl Default for ModelSettings {
    fn default() -> Self {
        Self {
            threshold: 0.5,
            retrain_every: 50,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            dark: false,
            zoom: 1.0,
            recent: Vec::new(),
            last_page: None,
            suggest_on_open: false,
            cjk_font: None,
            author: None,
            model: ModelSettings::default(),
        }
    }
}

impl Settings {
    /// The key under which eframe stores the settings.
    pub const KEY: &'static str = "copydesk.settings";

    /// Records `page` as the most recent page.
    pub fn remember(&mut self, page: &Path) {
        self.recent.retain(|p| p != page);
        self.recent.insert(0, page.to_owned());
        self.recent.truncate(MAX_RECENT);
        self.last_page = Some(page.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_pages_are_unique_newest_first_and_bounded() {
        let mut settings = Settings::default();
        for n in 0..12 {
            settings.remember(Path::new(&format!("p{n}.txt")));
        }
        settings.remember(Path::new("p5.txt"));
        assert_eq!(settings.recent.len(), MAX_RECENT);
        assert_eq!(settings.recent[0], Path::new("p5.txt"));
        assert_eq!(settings.recent[1], Path::new("p11.txt"));
        assert_eq!(
            settings
                .recent
                .iter()
                .filter(|p| *p == Path::new("p5.txt"))
                .count(),
            1
        );
        assert_eq!(settings.last_page.as_deref(), Some(Path::new("p5.txt")));
    }
}
