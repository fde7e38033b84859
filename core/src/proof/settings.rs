//! Which checks run, at what severity: the built-in `assets/proof.ron` and a folder's own
//! `proof.ron` beside its `tagset.ron`, which overrides it check by check.
//!
//! A folder's file names only what it changes; a check it does not name keeps the built-in
//! setting. An unknown check id, a bad severity or a newer version is refused with the file,
//! line and column, like a tag set.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::model::{Check, Severity};
use crate::text::settings_file::{self, SettingsFileError, position};

/// The file name a folder uses to override the built-in settings.
pub const FOLDER_FILE: &str = "proof.ron";
/// Name of the format, written in every settings file.
pub const FORMAT: &str = "copydesk-proof";
/// The newest settings version this build reads.
pub const VERSION: u32 = 1;

const BUILT_IN: &str = include_str!("../../../assets/proof.ron");

/// How a paper prints quotation marks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum Quotes {
    /// Corner quotes 「」『』 are house style and left alone.
    #[default]
    Corner,
    /// Curly quotes “” ‘’ only: corner quotes are marked.
    Curly,
}

/// One check's setting as a file writes it; what it leaves out stays as it was.
#[derive(Debug, Deserialize)]
struct CheckEntry {
    #[serde(default)]
    severity: Option<Severity>,
    #[serde(default)]
    enabled: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct SettingsFile {
    format: String,
    version: u32,
    #[serde(default)]
    quotes: Option<Quotes>,
    #[serde(default)]
    checks: BTreeMap<String, CheckEntry>,
}

/// The proofreading settings for a page: each check's severity and whether it runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProofSettings {
    /// Severity and on/off state, one per check in [`Check::ALL`] order.
    checks: Vec<(Severity, bool)>,
    quotes: Quotes,
    /// The folder's file, if one overrode the built-in settings.
    path: Option<PathBuf>,
}

/// Proofreading settings that could not be used, with where and why.
pub type SettingsError = SettingsFileError;

impl Default for ProofSettings {
    /// The built-in settings (`assets/proof.ron`, checked by a test); every check on at
    /// warning severity should that file ever fail to parse.
    fn default() -> Self {
        // Parsed once: the library asks for every page's settings.
        static BUILT: std::sync::LazyLock<ProofSettings> = std::sync::LazyLock::new(|| {
            let all_on = ProofSettings {
                checks: vec![(Severity::Warning, true); Check::ALL.len()],
                quotes: Quotes::Corner,
                path: None,
            };
            match all_on.overridden(Path::new("assets/proof.ron"), BUILT_IN) {
                Ok(settings) => ProofSettings {
                    path: None,
                    ..settings
                },
                Err(_) => all_on,
            }
        });
        BUILT.clone()
    }
}

impl ProofSettings {
    /// The settings for a page: the built-in ones, overridden by its folder's `proof.ron` if
    /// there is one.
    pub fn for_page(page: &Path) -> Result<Self, SettingsError> {
        settings_file::beside(page, FOLDER_FILE)
            .map_or_else(|| Ok(Self::default()), |file| Self::load(&file))
    }

    /// The built-in settings overridden by the file at `path`.
    pub fn load(path: &Path) -> Result<Self, SettingsError> {
        let text = settings_file::read(path, "the proofreading settings")?;
        Self::default().overridden(path, &text)
    }

    /// These settings with those of `text` (read from `path`) laid over them.
    pub fn overridden(&self, path: &Path, text: &str) -> Result<Self, SettingsError> {
        let error = |at, reason| SettingsFileError::at(path, at, reason);
        // `severity: Error` rather than `severity: Some(Error)`: what a person would write.
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let file: SettingsFile = options
            .from_str(text)
            .map_err(|err| SettingsFileError::parse(path, &err))?;
        if file.format != FORMAT {
            return Err(error(
                position(text, "format", 1),
                format!(
                    "these are not proofreading settings (format {:?}, expected {FORMAT:?})",
                    file.format
                ),
            ));
        }
        if file.version > VERSION {
            return Err(error(
                position(text, "version", 1),
                format!(
                    "proofreading-settings version {} is newer than this copydesk reads ({VERSION}); update copydesk",
                    file.version
                ),
            ));
        }
        let mut settings = self.clone();
        settings.path = Some(path.to_owned());
        if let Some(quotes) = file.quotes {
            settings.quotes = quotes;
        }
        for (id, entry) in file.checks {
            let Some(index) = Check::ALL.iter().position(|check| check.id() == id) else {
                return Err(error(
                    position(text, &format!("{id:?}"), 1),
                    format!("unknown check {id:?}; the checks are listed in the README"),
                ));
            };
            let (severity, enabled) = &mut settings.checks[index];
            if let Some(new) = entry.severity {
                *severity = new;
            }
            if let Some(new) = entry.enabled {
                *enabled = new;
            }
        }
        Ok(settings)
    }

    /// Whether `check` runs.
    pub fn enabled(&self, check: Check) -> bool {
        self.setting(check).1
    }

    /// The severity of `check`'s marks.
    pub fn severity(&self, check: Check) -> Severity {
        self.setting(check).0
    }

    /// How the paper prints quotation marks.
    pub fn quotes(&self) -> Quotes {
        self.quotes
    }

    /// The folder's file these came from; `None` for the built-in settings.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Turns every check off but `only` (the command line's `--only`).
    pub fn keep_only(&mut self, only: &[Check]) {
        for (check, (_, enabled)) in Check::ALL.iter().zip(&mut self.checks) {
            *enabled &= only.contains(check);
        }
    }

    fn setting(&self, check: Check) -> (Severity, bool) {
        Check::ALL
            .iter()
            .position(|c| *c == check)
            .and_then(|index| self.checks.get(index).copied())
            .unwrap_or((Severity::Warning, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ProofSettings, String> {
        ProofSettings::default()
            .overridden(Path::new("proof.ron"), text)
            .map_err(|err| err.to_string())
    }

    #[test]
    fn the_built_in_file_names_every_check_once() {
        let file: SettingsFile = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(BUILT_IN)
            .unwrap();
        let ids: Vec<&str> = file.checks.keys().map(String::as_str).collect();
        let mut expected: Vec<&str> = Check::ALL.iter().map(|c| c.id()).collect();
        expected.sort_unstable();
        assert_eq!(ids, expected);
        assert!(file.checks.values().all(|entry| entry.severity.is_some()));
        let settings = ProofSettings::default();
        assert_eq!(settings.severity(Check::PunctHalfwidth), Severity::Error);
        assert_eq!(settings.severity(Check::LinesRejoined), Severity::Info);
        assert_eq!(settings.quotes(), Quotes::Corner);
        assert_eq!(settings.path(), None);
    }

    #[test]
    fn a_folder_file_overrides_only_what_it_names() {
        let settings = parse(
            r#"(format: "copydesk-proof", version: 1, quotes: Curly, checks: {
    "width.alnum": (enabled: false),
    "space.body": (severity: Error),
})"#,
        )
        .unwrap();
        assert!(!settings.enabled(Check::WidthAlnum));
        assert_eq!(settings.severity(Check::WidthAlnum), Severity::Warning);
        assert_eq!(settings.severity(Check::SpaceBody), Severity::Error);
        assert!(settings.enabled(Check::SpaceBody));
        assert_eq!(settings.severity(Check::PunctHalfwidth), Severity::Error);
        assert_eq!(settings.quotes(), Quotes::Curly);
        assert_eq!(settings.path(), Some(Path::new("proof.ron")));
    }

    #[test]
    fn an_unknown_check_names_its_line_and_column() {
        let text = "(format: \"copydesk-proof\", version: 1, checks: {\n    \"punct.commas\": (enabled: false),\n})";
        assert_eq!(
            parse(text).unwrap_err(),
            "proof.ron:2:5: unknown check \"punct.commas\"; the checks are listed in the README"
        );
    }

    #[test]
    fn bad_severity_format_and_version_are_refused() {
        let bad = parse(
            "(format: \"copydesk-proof\", version: 1, checks: {\"space.body\": (severity: Fatal)})",
        )
        .unwrap_err();
        assert!(bad.starts_with("proof.ron:1:"), "{bad}");
        assert!(bad.contains("Fatal"), "{bad}");
        assert_eq!(
            parse("(format: \"copydesk-tagset\", version: 1)").unwrap_err(),
            "proof.ron:1:2: these are not proofreading settings (format \"copydesk-tagset\", expected \"copydesk-proof\")"
        );
        assert_eq!(
            parse("(format: \"copydesk-proof\", version: 2)").unwrap_err(),
            "proof.ron:1:28: proofreading-settings version 2 is newer than this copydesk reads (1); update copydesk"
        );
    }

    #[test]
    fn the_folder_file_is_found_beside_the_page() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("a01.txt");
        assert_eq!(
            ProofSettings::for_page(&page).unwrap(),
            ProofSettings::default()
        );
        std::fs::write(
            dir.path().join(FOLDER_FILE),
            "(format: \"copydesk-proof\", version: 1, checks: {\"lines.rejoined\": (enabled: false)})",
        )
        .unwrap();
        let settings = ProofSettings::for_page(&page).unwrap();
        assert!(!settings.enabled(Check::LinesRejoined));
        let mut only = settings;
        only.keep_only(&[Check::PunctDash]);
        assert!(only.enabled(Check::PunctDash) && !only.enabled(Check::PunctHalfwidth));
    }
}
