//! What every reader hands to the import: records (a text and its spans, and the page they
//! go to) and the spans refused, each with the file and line it came from.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::annotation::{Metric, Origin, Status};
use crate::text::Span;

/// Where a record's spans go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// The record's text is the page: written at `page` below the destination (or found
    /// there with the same text).
    Own,
    /// The record is part of a copydesk page (our own JSON Lines): the spans are placed on
    /// that page, at `page` below the destination, by their text and context. When no such
    /// page is there, the record's text becomes the page `fallback`.
    OntoPage {
        /// Where the record's text goes when the page it names is not there.
        fallback: PathBuf,
    },
}

/// One record read from a file: a text, the page it goes to and its spans.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Record {
    /// The file it was read from.
    pub file: PathBuf,
    /// The page below the destination folder.
    pub page: PathBuf,
    /// The record's text.
    pub text: String,
    /// Whether the text is the page, or part of a page to place the spans on.
    pub target: Target,
    /// The spans that passed the reader's checks.
    pub spans: Vec<RecordSpan>,
}

/// A span of a record, with whatever attributes its format carries.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RecordSpan {
    /// 1-based line of the file it was read from.
    pub line: usize,
    /// Its label.
    pub label: String,
    /// Code points into the record's text.
    pub span: Span,
    /// Its range in the page the record names, if the record says (our JSON Lines).
    pub page_span: Option<Span>,
    /// Its id, kept when the format carries copydesk's own.
    pub id: Option<String>,
    /// Suggested or accepted.
    pub status: Status,
    /// The origin the record carries (our JSON Lines); otherwise `Import("FORMAT")`.
    pub origin: Option<Origin>,
    /// The author the record names.
    pub author: Option<String>,
    /// A free note.
    pub note: Option<String>,
    /// A correction's replacement.
    pub correction: Option<String>,
    /// A metric's fields.
    pub metric: Option<Metric>,
}

impl RecordSpan {
    /// A span with a label and nothing else: accepted, no attributes.
    pub(crate) fn new(line: usize, label: &str, span: Span) -> Self {
        Self {
            line,
            label: label.to_owned(),
            span,
            page_span: None,
            id: None,
            status: Status::Accepted,
            origin: None,
            author: None,
            note: None,
            correction: None,
            metric: None,
        }
    }
}

/// A span left out of the import, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The file it was read from.
    pub file: PathBuf,
    /// 1-based line there; 0 for a file read as a whole (JSON), where the reason says where.
    pub line: usize,
    /// Why it was left out.
    pub reason: String,
}

impl Refusal {
    /// A refusal of the span at `line` of `file`.
    pub(crate) fn new(file: &Path, line: usize, reason: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.reason)
        } else {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.reason)
        }
    }
}

/// The span `start..end` of a text of `chars` code points, checked: it must hold something,
/// fit the text and, if the file quotes it, be that quote. `Err` says why not.
pub(crate) fn checked_span(
    chars: &[char],
    start: usize,
    end: usize,
    quoted: Option<&str>,
) -> Result<Span, String> {
    if start >= end {
        return Err(format!("the range {start}..{end} holds nothing"));
    }
    if end > chars.len() {
        return Err(format!(
            "the range {start}..{end} runs past the end of its text ({} characters)",
            chars.len()
        ));
    }
    let text: String = chars[start..end].iter().collect();
    if let Some(quoted) = quoted
        && quoted != text
    {
        return Err(format!(
            "its text {quoted:?} does not match its range {start}..{end}, which holds {text:?}"
        ));
    }
    if text.trim().is_empty() {
        return Err(format!("the range {start}..{end} holds only blanks"));
    }
    Ok(Span::new(start, end))
}

/// The records of a JSON Lines file, each with its 1-based line; blank lines are skipped,
/// and a line that is not a `kind` record is refused with its line.
pub(crate) fn json_lines<T: serde::de::DeserializeOwned>(
    file: &Path,
    text: &str,
    kind: &str,
    refused: &mut Vec<Refusal>,
) -> Vec<(usize, T)> {
    let mut records = Vec::new();
    for (k, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str(line) {
            Ok(record) => records.push((k + 1, record)),
            Err(err) => refused.push(Refusal::new(
                file,
                k + 1,
                format!("not a {kind} record, its spans left out: {err}"),
            )),
        }
    }
    records
}

/// A page file name made from a record's name: what a file system cannot hold replaced by
/// `_`, `.txt` added when missing.
pub(crate) fn page_name(name: &str) -> PathBuf {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = if cleaned.is_empty() || cleaned.starts_with('.') {
        format!("record{cleaned}")
    } else {
        cleaned
    };
    if cleaned.to_ascii_lowercase().ends_with(".txt") {
        PathBuf::from(cleaned)
    } else {
        PathBuf::from(format!("{cleaned}.txt"))
    }
}

/// A path named in a file, made safe to join below the destination folder: relative, with
/// no `..`, no root and no prefix (an absolute path keeps only its file name).
pub(crate) fn relative_page(path: &str) -> PathBuf {
    let path = Path::new(path);
    let normal: Vec<_> = path
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect();
    let safe = path.is_relative()
        && path.components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        });
    match (safe, normal.last()) {
        (true, Some(_)) => normal.iter().collect(),
        (false, Some(last)) => PathBuf::from(last),
        (_, None) => page_name(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_checked_against_their_text() {
        let chars: Vec<char> = "𠀀水县😀新区 ".chars().collect();
        assert_eq!(
            checked_span(&chars, 0, 3, Some("𠀀水县")),
            Ok(Span::new(0, 3))
        );
        assert_eq!(
            checked_span(&chars, 1, 3, Some("𠀀水")),
            Err("its text \"𠀀水\" does not match its range 1..3, which holds \"水县\"".to_owned())
        );
        assert_eq!(
            checked_span(&chars, 4, 9, None),
            Err("the range 4..9 runs past the end of its text (7 characters)".to_owned())
        );
        assert_eq!(
            checked_span(&chars, 3, 3, None),
            Err("the range 3..3 holds nothing".to_owned())
        );
        assert_eq!(
            checked_span(&chars, 6, 7, None),
            Err("the range 6..7 holds only blanks".to_owned())
        );
    }

    #[test]
    fn names_from_files_stay_below_the_destination() {
        assert_eq!(
            relative_page("pages/a01.txt"),
            PathBuf::from("pages/a01.txt")
        );
        assert_eq!(relative_page("./a01.txt"), PathBuf::from("a01.txt"));
        assert_eq!(relative_page("../../etc/a01.txt"), PathBuf::from("a01.txt"));
        assert_eq!(relative_page("/tmp/x/a01.txt"), PathBuf::from("a01.txt"));
        assert_eq!(page_name("task 7/8"), PathBuf::from("task 7_8.txt"));
        assert_eq!(page_name(".hidden"), PathBuf::from("record.hidden.txt"));
        assert_eq!(page_name("A.TXT"), PathBuf::from("A.TXT"));
    }
}
