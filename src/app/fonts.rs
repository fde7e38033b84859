//! Chinese fonts: an installed CJK font if there is one, else the bundled fallback.
//!
//! The search asks `fontdb` for the usual CJK families (Noto Sans CJK, Source Han, WenQuanYi,
//! PingFang, Microsoft YaHei, SimSun…), picking faces by family so that the right face of a
//! `.ttc` collection is used. What was found is remembered in the settings, so later start-ups
//! read one file instead of scanning the system. The bundled subset of Noto Sans CJK SC is
//! always installed last, so no character of GB 2312 ever shows as a box.

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui::{self, FontData, FontFamily};
use eframe::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use serde::{Deserialize, Serialize};

/// The bundled fallback font (see `fonts/`).
const BUNDLED: &[u8] = include_bytes!("../../fonts/NotoSansSC-copydesk-subset.otf");

/// CJK families to look for, best first.
const FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "SimHei",
    "SimSun",
    "Noto Serif CJK SC",
];

/// An installed font face: file and face index in a collection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundFont {
    /// The font file.
    pub path: PathBuf,
    /// The face within a `.ttc` collection (0 for a single font).
    pub index: u32,
    /// The family name, for the status bar.
    pub family: String,
}

/// Which fonts to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FontChoice {
    /// An installed CJK font if one is found, then the bundled one.
    System,
    /// Only the bundled font (tests: the same glyphs on every machine).
    BundledOnly,
}

/// Installs the CJK fonts; returns the installed font used (to remember), if any.
pub fn install(
    ctx: &egui::Context,
    choice: FontChoice,
    remembered: Option<&FoundFont>,
) -> Option<FoundFont> {
    let found = match choice {
        FontChoice::BundledOnly => None,
        FontChoice::System => remembered
            .filter(|font| font.path.is_file())
            .cloned()
            .or_else(find_installed),
    };
    let mut loaded = None;
    if let Some(font) = &found
        && let Ok(bytes) = std::fs::read(&font.path)
    {
        let data = FontData::from_blob(Arc::new(bytes), font.index);
        ctx.add_font(FontInsert::new("cjk-installed", data, families()));
        loaded = Some(font.clone());
    }
    ctx.add_font(FontInsert::new(
        "cjk-bundled",
        FontData::from_static(BUNDLED),
        families(),
    ));
    loaded
}

/// After egui's own fonts (for Latin text), in both families.
fn families() -> Vec<InsertFontFamily> {
    [FontFamily::Proportional, FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect()
}

/// Scans the system's fonts for the first CJK family on the list.
fn find_installed() -> Option<FoundFont> {
    let mut database = fontdb::Database::new();
    database.load_system_fonts();
    FAMILIES.iter().find_map(|family| {
        let query = fontdb::Query {
            families: &[fontdb::Family::Name(family)],
            ..fontdb::Query::default()
        };
        let id = database.query(&query)?;
        let face = database.face(id)?;
        let fontdb::Source::File(path) = &face.source else {
            return None;
        };
        Some(FoundFont {
            path: path.clone(),
            index: face.index,
            family: (*family).to_owned(),
        })
    })
}
