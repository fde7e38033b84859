//! Tag sets: the labels a page can be annotated with, their names, colours and hotkeys.
//!
//! The default set ships in `assets/tagset.ron`; a folder of pages may hold its own
//! `tagset.ron`, which then replaces the default for the pages in it. A tag set with duplicate
//! labels or hotkeys, an unknown kind or a bad colour is refused with the file, line and reason.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::text::settings_file::{self, SettingsFileError, position};

/// The file name a folder uses to override the default tag set.
pub const FOLDER_FILE: &str = "tagset.ron";
/// Name of the format, written in every tag-set file.
pub const FORMAT: &str = "copydesk-tagset";
/// The newest tag-set version this build reads.
pub const VERSION: u32 = 1;
/// Keys the app keeps for itself (accept, reject, ignore a proofreading mark, help), so no
/// label may use them.
const RESERVED_HOTKEYS: &[&str] = &["a", "x", "i", "?"];

const DEFAULT_RON: &str = include_str!("../../../assets/tagset.ron");

/// What an annotation with a label is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// A named thing: person, place, organisation…
    Entity,
    /// A figure with value, unit, indicator and period.
    Metric,
    /// A proofreading correction with its replacement text.
    Correction,
    /// A free note.
    Note,
}

/// One label of a tag set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// Short identifier stored in sidecars: `PER`.
    pub label: String,
    /// Chinese name: `人名`.
    pub zh: String,
    /// English name: `Person`.
    pub en: String,
    /// Colour as `#rrggbb`.
    pub colour: String,
    /// The key that applies the label, one character.
    pub hotkey: String,
    /// What annotations with this label are.
    pub kind: Kind,
}

impl Tag {
    /// The colour as red, green, blue (validated when the set was loaded).
    pub fn rgb(&self) -> [u8; 3] {
        parse_colour(&self.colour).unwrap_or([128, 128, 128])
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct TagSetFile {
    format: String,
    version: u32,
    labels: Vec<Tag>,
}

/// A validated tag set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagSet {
    tags: Vec<Tag>,
    /// Where it came from (`None` for the built-in default).
    path: Option<PathBuf>,
}

/// A tag set that could not be used, with where and why.
pub type TagSetError = SettingsFileError;

impl Default for TagSet {
    /// The built-in tag set (PER, LOC, ORG, WORK, EVENT, DATE, METRIC, CORR, NOTE).
    fn default() -> Self {
        // The bundled file is checked by a test; fall back to an empty set rather than panic.
        Self::parse(Path::new("assets/tagset.ron"), DEFAULT_RON)
            .map(|mut set| {
                set.path = None;
                set
            })
            .unwrap_or(Self {
                tags: Vec::new(),
                path: None,
            })
    }
}

impl TagSet {
    /// The tag set for a page: its folder's `tagset.ron` if there is one, else the default.
    pub fn for_page(page: &Path) -> Result<Self, TagSetError> {
        settings_file::beside(page, FOLDER_FILE)
            .map_or_else(|| Ok(Self::default()), |file| Self::load(&file))
    }

    /// Reads and validates a tag-set file.
    pub fn load(path: &Path) -> Result<Self, TagSetError> {
        let text = settings_file::read(path, "the tag set")?;
        Self::parse(path, &text)
    }

    /// Parses and validates tag-set text read from `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Self, TagSetError> {
        let error = |at, reason| SettingsFileError::at(path, at, reason);
        let file: TagSetFile =
            ron::from_str(text).map_err(|err| SettingsFileError::parse(path, &err))?;
        if file.format != FORMAT {
            return Err(error(
                position(text, "format", 1),
                format!(
                    "this is not a tag set (format {:?}, expected {FORMAT:?})",
                    file.format
                ),
            ));
        }
        if file.version > VERSION {
            return Err(error(
                position(text, "version", 1),
                format!(
                    "tag-set version {} is newer than this copydesk reads ({VERSION}); update copydesk",
                    file.version
                ),
            ));
        }
        for (n, tag) in file.labels.iter().enumerate() {
            let label_quoted = format!("{:?}", tag.label);
            if tag.label.is_empty() || tag.label.contains(char::is_whitespace) {
                return Err(error(
                    position(text, &label_quoted, 1),
                    format!("label {label_quoted} must be one word"),
                ));
            }
            let same_label = file.labels[..n]
                .iter()
                .filter(|t| t.label == tag.label)
                .count();
            if same_label > 0 {
                return Err(error(
                    position(text, &label_quoted, same_label + 1),
                    format!("label {label_quoted} is defined twice"),
                ));
            }
            if parse_colour(&tag.colour).is_none() {
                return Err(error(
                    position(text, &format!("{:?}", tag.colour), 1),
                    format!(
                        "colour {:?} of {label_quoted} is not of the form \"#rrggbb\"",
                        tag.colour
                    ),
                ));
            }
            let hotkey_quoted = format!("{:?}", tag.hotkey);
            if tag.hotkey.chars().count() != 1
                || !tag.hotkey.chars().all(|c| c.is_ascii_alphanumeric())
            {
                return Err(error(
                    position(text, &label_quoted, 1),
                    format!("hotkey {hotkey_quoted} of {label_quoted} must be one letter or digit"),
                ));
            }
            if RESERVED_HOTKEYS.contains(&tag.hotkey.to_lowercase().as_str()) {
                return Err(error(
                    position(text, &label_quoted, 1),
                    format!(
                        "hotkey {hotkey_quoted} of {label_quoted} is kept for accepting, rejecting, ignoring a proofreading mark and help (A, X, I, ?)"
                    ),
                ));
            }
            let same_key = file.labels[..n]
                .iter()
                .find(|t| t.hotkey.to_lowercase() == tag.hotkey.to_lowercase());
            if let Some(other) = same_key {
                return Err(error(
                    position(text, &label_quoted, 1),
                    format!(
                        "hotkey {hotkey_quoted} of {label_quoted} is already used by {:?}",
                        other.label
                    ),
                ));
            }
        }
        Ok(Self {
            tags: file.labels,
            path: Some(path.to_owned()),
        })
    }

    /// The set with an entity label added (`copydesk import --add-labels`): named after
    /// itself, with the first free hotkey among 0–9 and b–z and a colour of its own. `None`
    /// if the label is not one word, or every hotkey is taken.
    pub fn with_entity(&self, label: &str) -> Option<Self> {
        if label.is_empty() || label.contains(char::is_whitespace) || self.get(label).is_some() {
            return None;
        }
        let taken = |key: &str| self.tags.iter().any(|t| t.hotkey.eq_ignore_ascii_case(key));
        let hotkey = ('0'..='9')
            .chain('b'..='z')
            .map(String::from)
            .find(|key| !RESERVED_HOTKEYS.contains(&key.as_str()) && !taken(key))?;
        const PALETTE: [&str; 6] = [
            "#5c7cfa", "#20c997", "#fab005", "#e64980", "#7950f2", "#82c91e",
        ];
        let colour = PALETTE[self.tags.len() % PALETTE.len()].to_owned();
        let mut set = self.clone();
        set.tags.push(Tag {
            label: label.to_owned(),
            zh: label.to_owned(),
            en: label.to_owned(),
            colour,
            hotkey,
            kind: Kind::Entity,
        });
        Some(set)
    }

    /// The set as a tag-set file, one label a line.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        let file = TagSetFile {
            format: FORMAT.to_owned(),
            version: VERSION,
            labels: self.tags.clone(),
        };
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(2)
            .struct_names(false);
        let mut text = ron::ser::to_string_pretty(&file, config)?;
        text.push('\n');
        Ok(text)
    }

    /// The labels, in the order of the file.
    pub fn tags(&self) -> &[Tag] {
        &self.tags
    }

    /// The tag with this label.
    pub fn get(&self, label: &str) -> Option<&Tag> {
        self.tags.iter().find(|tag| tag.label == label)
    }

    /// The file the set was read from; `None` for the built-in default.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The labels as a comma-separated list, for error messages.
    pub fn label_list(&self) -> String {
        self.tags
            .iter()
            .map(|tag| tag.label.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `#rrggbb` as three bytes.
fn parse_colour(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<TagSet, String> {
        TagSet::parse(Path::new("tagset.ron"), text).map_err(|err| err.to_string())
    }

    const ONE: &str = r##"(format: "copydesk-tagset", version: 1, labels: [
    (label: "PER", zh: "人名", en: "Person", colour: "#d6336c", hotkey: "1", kind: Entity),
    (label: "LOC", zh: "地名", en: "Place", colour: "#2f9e44", hotkey: "2", kind: Entity),
])"##;

    #[test]
    fn the_default_set_loads() {
        let set = TagSet::parse(Path::new("assets/tagset.ron"), DEFAULT_RON).unwrap();
        assert_eq!(
            set.label_list(),
            "PER, LOC, ORG, WORK, EVENT, DATE, METRIC, CORR, NOTE"
        );
        assert_eq!(TagSet::default().tags(), set.tags());
        assert_eq!(set.get("METRIC").map(|t| t.kind), Some(Kind::Metric));
        assert_eq!(set.get("PER").map(Tag::rgb), Some([0xd6, 0x33, 0x6c]));
    }

    #[test]
    fn a_valid_custom_set() {
        let set = parse(ONE).unwrap();
        assert_eq!(set.label_list(), "PER, LOC");
        assert_eq!(set.path(), Some(Path::new("tagset.ron")));
    }

    #[test]
    fn duplicate_label_names_the_second_line() {
        let text = ONE.replace("label: \"LOC\"", "label: \"PER\"");
        assert_eq!(
            parse(&text).unwrap_err(),
            "tagset.ron:3:13: label \"PER\" is defined twice"
        );
    }

    #[test]
    fn duplicate_hotkey() {
        let text = ONE.replace("hotkey: \"2\"", "hotkey: \"1\"");
        assert_eq!(
            parse(&text).unwrap_err(),
            "tagset.ron:3:13: hotkey \"1\" of \"LOC\" is already used by \"PER\""
        );
    }

    #[test]
    fn reserved_hotkey() {
        for key in ["X", "i"] {
            let text = ONE.replace("hotkey: \"2\"", &format!("hotkey: \"{key}\""));
            assert_eq!(
                parse(&text).unwrap_err(),
                format!(
                    "tagset.ron:3:13: hotkey \"{key}\" of \"LOC\" is kept for accepting, rejecting, ignoring a proofreading mark and help (A, X, I, ?)"
                )
            );
        }
    }

    #[test]
    fn unknown_kind_names_line_and_column() {
        let text = ONE.replace("kind: Entity),\n])", "kind: Person),\n])");
        let err = parse(&text).unwrap_err();
        assert!(err.starts_with("tagset.ron:3:"), "{err}");
        assert!(err.contains("Person"), "{err}");
    }

    #[test]
    fn bad_colour() {
        let text = ONE.replace("#2f9e44", "green");
        assert_eq!(
            parse(&text).unwrap_err(),
            "tagset.ron:3:51: colour \"green\" of \"LOC\" is not of the form \"#rrggbb\""
        );
    }

    #[test]
    fn newer_version_is_refused() {
        let text = ONE.replace("version: 1", "version: 7");
        assert_eq!(
            parse(&text).unwrap_err(),
            "tagset.ron:1:29: tag-set version 7 is newer than this copydesk reads (1); update copydesk"
        );
    }

    #[test]
    fn folder_override() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("a01.txt");
        assert_eq!(TagSet::for_page(&page).unwrap().path(), None);
        std::fs::write(dir.path().join(FOLDER_FILE), ONE).unwrap();
        assert_eq!(TagSet::for_page(&page).unwrap().label_list(), "PER, LOC");
    }
}
