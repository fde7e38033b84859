//! The sidecar file `PAGE.ann.ron`: reading it without trusting it, writing it without risk.
//!
//! Reading refuses anything it cannot fully understand — a parse error, a newer version, ranges
//! outside the page — and says where; such a file is never overwritten. Writing goes to a
//! temporary file in the same folder, is flushed to disk, and replaces the sidecar by rename,
//! after the previous version has been kept as `PAGE.ann.ron.bak`. A crash at any moment leaves
//! a readable sidecar behind.

mod file_serde;
mod line;
mod read;
mod write;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::Annotation;
use super::page_state::PageState;
use super::unknown::UnknownFields;

pub use read::{check, check_ids, parse, parse_unchecked, read_bytes};
pub use write::{
    Staged, keep_backup_aside, keep_copy_aside, remove_stale_temporaries, resolve, set_aside,
    stage, to_ron, write_atomic,
};

/// Name of the format, written in every sidecar.
pub const FORMAT: &str = "copydesk-annotations";
/// The newest sidecar version this build reads, and the one it writes when an annotation's
/// origin is [`Origin::Model`](super::model::Origin::Model): an older build cannot read that
/// variant, so such a sidecar must tell it so (it then refuses the file and never overwrites
/// it) instead of failing on the annotation.
pub const VERSION: u32 = 2;
/// The version written when nothing in the file needs a newer one, so that sidecars without
/// model suggestions stay readable by builds from before the model.
pub const PLAIN_VERSION: u32 = 1;

/// The version `annotations` need: [`VERSION`] if one came from the model, else
/// [`PLAIN_VERSION`].
pub fn version_needed(annotations: &[Annotation]) -> u32 {
    if annotations
        .iter()
        .any(|a| matches!(a.origin, super::model::Origin::Model(_)))
    {
        VERSION
    } else {
        PLAIN_VERSION
    }
}
/// What is appended to a page's file name to name its sidecar.
pub const EXTENSION: &str = ".ann.ron";

/// The page a sidecar belongs to, as it was when the sidecar was written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// The page's file name.
    pub file: String,
    /// Code points in the page's text.
    pub chars: usize,
    /// [`crate::text::fingerprint`] of the page's text.
    pub fingerprint: String,
}

/// The contents of a sidecar file.
#[derive(Clone, Debug, PartialEq)]
pub struct SidecarFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// The version read; when written, at least what the annotations need
    /// ([`version_needed`]).
    pub version: u32,
    /// The page the ranges refer to.
    pub source: SourceInfo,
    /// Whether the page was marked done; `None` until it first is.
    pub state: Option<PageState>,
    /// The annotations, in page order.
    pub annotations: Vec<Annotation>,
    /// Fields a newer copydesk wrote, kept as they were.
    pub unknown: UnknownFields,
}

impl SidecarFile {
    /// The sidecar of `annotations` on the page `source`, stored as `file`, in this build's
    /// format and version.
    pub fn new(file: &str, source: &crate::text::Source, annotations: Vec<Annotation>) -> Self {
        Self {
            format: FORMAT.to_owned(),
            version: PLAIN_VERSION,
            source: SourceInfo {
                file: file.to_owned(),
                chars: source.char_len(),
                fingerprint: source.fingerprint(),
            },
            state: None,
            annotations,
            unknown: UnknownFields::default(),
        }
    }

    /// Everything but the annotations: the fields written before the annotation list.
    pub fn header(&self) -> Self {
        Self {
            format: self.format.clone(),
            version: self.version,
            source: self.source.clone(),
            state: self.state.clone(),
            annotations: Vec::new(),
            unknown: self.unknown.clone(),
        }
    }
}

/// Only the fields needed to decide whether the rest can be read.
#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

/// The sidecar path of a page: `a05.txt` → `a05.txt.ann.ron`.
pub fn path_for(page: &Path) -> PathBuf {
    let mut name = page.file_name().unwrap_or_default().to_os_string();
    name.push(EXTENSION);
    page.with_file_name(name)
}

/// The backup kept of the previous version of a sidecar.
pub fn backup_path(sidecar: &Path) -> PathBuf {
    with_suffix(sidecar, ".bak")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// A sidecar that cannot be used as it is.
#[derive(Debug)]
pub struct SidecarError {
    /// The sidecar file.
    pub path: PathBuf,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with a sidecar.
#[derive(Debug)]
pub enum Problem {
    /// It could not be read from disk.
    Io(io::Error),
    /// It is not valid RON, or not shaped like a sidecar.
    Parse {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// It is some other kind of file.
    NotASidecar(String),
    /// It was written by a newer copydesk.
    NewerVersion(u32),
    /// An annotation's range does not fit the page it claims to belong to.
    OutOfRange {
        /// The annotation.
        id: String,
        /// Its start.
        start: usize,
        /// Its end.
        end: usize,
        /// Code points in the page.
        chars: usize,
    },
    /// Two annotations share an id.
    DuplicateId(String),
    /// An annotation has no id.
    EmptyId {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// An annotation's range holds nothing.
    EmptyRange {
        /// The annotation.
        id: String,
        /// Its start.
        start: usize,
        /// Its end.
        end: usize,
        /// 1-based line of the annotation.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The file starts with a byte-order mark, which RON does not allow.
    ByteOrderMark,
}

impl fmt::Display for SidecarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.problem {
            Problem::Io(err) => write!(f, "{path}: cannot read the sidecar: {err}"),
            Problem::Parse {
                line,
                column,
                message,
            } => write!(f, "{path}:{line}:{column}: {message}"),
            Problem::NotASidecar(format) => {
                write!(f, "{path}: not a copydesk sidecar (format {format:?})")
            }
            Problem::NewerVersion(version) => write!(
                f,
                "{path}: sidecar version {version} is newer than this copydesk reads ({VERSION}); update copydesk"
            ),
            Problem::OutOfRange {
                id,
                start,
                end,
                chars,
            } => write!(
                f,
                "{path}: annotation {id} has range {start}..{end}, outside the page's {chars} characters"
            ),
            Problem::DuplicateId(id) => write!(f, "{path}: annotation id {id} is used twice"),
            Problem::EmptyId { line, column } => {
                write!(f, "{path}:{line}:{column}: an annotation has an empty id")
            }
            Problem::EmptyRange {
                id,
                start,
                end,
                line,
                column,
            } => write!(
                f,
                "{path}:{line}:{column}: annotation {id} has the empty range {start}..{end}"
            ),
            Problem::ByteOrderMark => write!(
                f,
                "{path}: the file starts with a byte-order mark (an editor saved it as \"UTF-8 with BOM\"); save it as UTF-8 without one"
            ),
        }
    }
}

impl std::error::Error for SidecarError {}
