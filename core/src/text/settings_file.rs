//! Settings files kept beside the pages (a folder's `tagset.ron` and `proof.ron`): found
//! beside a page, read as UTF-8 text, and refused with the file, line and column.

use std::fmt;
use std::path::{Path, PathBuf};

/// A settings file that could not be used, with where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsFileError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line of the problem (0 if the file could not be read).
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub reason: String,
}

impl SettingsFileError {
    /// The problem `reason` at 1-based `(line, column)` of `path`.
    pub fn at(path: &Path, (line, column): (usize, usize), reason: String) -> Self {
        Self {
            path: path.to_owned(),
            line,
            column,
            reason,
        }
    }

    /// A RON parse error of `path`, at its line and column.
    pub fn parse(path: &Path, err: &ron::error::SpannedError) -> Self {
        Self::at(
            path,
            (err.span.start.line, err.span.start.col),
            err.code.to_string(),
        )
    }
}

impl fmt::Display for SettingsFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        if self.line == 0 {
            write!(f, "{path}: {}", self.reason)
        } else {
            write!(f, "{path}:{}:{}: {}", self.line, self.column, self.reason)
        }
    }
}

impl std::error::Error for SettingsFileError {}

/// The file `name` in the folder of `page`, if there is one.
pub fn beside(page: &Path, name: &str) -> Option<PathBuf> {
    let folder = page.parent().unwrap_or(Path::new("."));
    let file = folder.join(name);
    file.is_file().then_some(file)
}

/// The text of the settings file at `path`; the error says it is `what` that cannot be read.
pub fn read(path: &Path, what: &str) -> Result<String, SettingsFileError> {
    super::read_file(path)
        .and_then(|bytes| {
            String::from_utf8(bytes)
                .map_err(|err| std::io::Error::new(std::io::ErrorKind::InvalidData, err))
        })
        .map_err(|err| SettingsFileError::at(path, (0, 0), format!("cannot read {what}: {err}")))
}

/// 1-based line and column of the `nth` occurrence of `needle` in `text`, or the top of the
/// file if it does not occur that often.
pub fn position(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let Some((offset, _)) = text.match_indices(needle).nth(nth.saturating_sub(1)) else {
        return (1, 1);
    };
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
