//! Finding the files to import — the file named, or the format's files in the folder named,
//! recursively (hidden folders left out) — and reading each with its format's reader.

use std::fs;
use std::path::{Path, PathBuf};

use super::model::{Record, Refusal, relative_page};
use super::{ImportError, ImportFormat, brat, conll, doccano, jsonl, label_studio};

/// A file to import: for brat, the `.ann` and the page below the folder named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// The file.
    pub path: PathBuf,
    /// Its path below the folder named (its name, when named itself).
    pub relative: PathBuf,
}

/// The extensions a folder is searched for, by format.
fn extensions(format: ImportFormat) -> &'static [&'static str] {
    match format {
        ImportFormat::Brat => &["ann"],
        ImportFormat::Jsonl => &["jsonl"],
        ImportFormat::Doccano => &["jsonl", "json"],
        ImportFormat::LabelStudio => &["json"],
        ImportFormat::Conll => &["conll", "conllu", "bio", "bioes", "iob", "iob2", "tsv"],
    }
}

/// The files of `format` at `source`.
pub(crate) fn find(format: ImportFormat, source: &Path) -> Result<Vec<Found>, ImportError> {
    let meta = fs::metadata(source).map_err(|err| ImportError::NothingToImport {
        reason: format!("{}: {err}", source.display()),
    })?;
    if !meta.is_dir() {
        let path = if format == ImportFormat::Brat {
            source.with_extension("ann")
        } else {
            source.to_owned()
        };
        let relative = PathBuf::from(path.file_name().unwrap_or(path.as_os_str()));
        return Ok(vec![Found { path, relative }]);
    }
    let mut found = Vec::new();
    walk(source, source, extensions(format), &mut found);
    if found.is_empty() {
        return Err(ImportError::NothingToImport {
            reason: format!(
                "{} holds no {} file ({})",
                source.display(),
                format.name(),
                extensions(format)
                    .iter()
                    .map(|e| format!("*.{e}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    Ok(found)
}

fn walk(root: &Path, folder: &Path, extensions: &[&str], found: &mut Vec<Found>) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let wanted = path
            .extension()
            .is_some_and(|extension| extensions.iter().any(|e| extension.eq_ignore_ascii_case(e)));
        if kind.is_dir() {
            walk(root, &path, extensions, found);
        } else if wanted && path.is_file() {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_owned();
            found.push(Found { path, relative });
        }
    }
}

/// A file's text: UTF-8, a byte-order mark dropped. `Err` names the file.
fn text_of(path: &Path) -> Result<String, String> {
    let bytes = crate::text::read_file(path)
        .map_err(|err| format!("{}: cannot read: {err}", path.display()))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        format!(
            "{}: not UTF-8 text; save it as UTF-8 and import it again",
            path.display()
        )
    })
}

/// Reads one file with its format's reader.
pub(crate) fn read(
    format: ImportFormat,
    found: &Found,
    refused: &mut Vec<Refusal>,
) -> Result<Vec<Record>, String> {
    let path = &found.path;
    match format {
        ImportFormat::Brat => {
            let page = path.with_extension("txt");
            let text = text_of(&page)?;
            let ann = text_of(path)?;
            let relative = relative_page(&found.relative.with_extension("txt").to_string_lossy());
            Ok(vec![brat::read(path, &ann, text, &relative, refused)])
        }
        ImportFormat::Jsonl => Ok(jsonl::read(path, &text_of(path)?, refused)),
        ImportFormat::Doccano => Ok(doccano::read(path, &text_of(path)?, refused)),
        ImportFormat::LabelStudio => label_studio::read(path, &text_of(path)?, refused),
        ImportFormat::Conll => Ok(conll::read(path, &text_of(path)?, refused)),
    }
}
