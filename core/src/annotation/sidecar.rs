//! The sidecar file `PAGE.ann.ron`: reading it without trusting it, writing it without risk.
//!
//! Reading refuses anything it cannot fully understand — a parse error, a newer version, ranges
//! outside the page — and says where; such a file is never overwritten. Writing goes to a
//! temporary file in the same folder, is flushed to disk, and replaces the sidecar by rename,
//! after the previous version has been kept as `PAGE.ann.ron.bak`. A crash at any moment leaves
//! a readable sidecar behind.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::{Anchor, Annotation};

/// Name of the format, written in every sidecar.
pub const FORMAT: &str = "copydesk-annotations";
/// The sidecar version this build writes and the newest it reads.
pub const VERSION: u32 = 1;
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SidecarFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`] when written by this build.
    pub version: u32,
    /// The page the ranges refer to.
    pub source: SourceInfo,
    /// The annotations, in page order.
    pub annotations: Vec<Annotation>,
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
        }
    }
}

impl std::error::Error for SidecarError {}

/// Reads a sidecar's bytes. `Ok(None)` if there is no sidecar.
pub fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>, SidecarError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(SidecarError {
            path: path.to_owned(),
            problem: Problem::Io(err),
        }),
    }
}

/// Parses and checks sidecar bytes read from `path`.
///
/// Ranges are checked against the page only when the sidecar says it was written for the same
/// text (`page_fingerprint`): otherwise the page has changed and the annotations will be
/// re-anchored. Orphaned annotations are never range-checked.
pub fn parse(
    path: &Path,
    bytes: &[u8],
    page_fingerprint: &str,
) -> Result<SidecarFile, SidecarError> {
    let error = |problem| SidecarError {
        path: path.to_owned(),
        problem,
    };
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let (line, column) = line_column(bytes, err.valid_up_to());
        error(Problem::Parse {
            line,
            column,
            message: "the file is not UTF-8 text".to_owned(),
        })
    })?;
    let ron_error = |err: ron::error::SpannedError| {
        error(Problem::Parse {
            line: err.span.start.line,
            column: err.span.start.col,
            message: err.code.to_string(),
        })
    };
    // Parse once (in parts, in parallel, when the file is laid out as written); only when that
    // fails, look at the header to explain why.
    let parsed = parse_in_parts(text).map_or_else(|| ron::from_str(text), Ok);
    let file: SidecarFile = match parsed {
        Ok(file) => file,
        Err(err) => {
            return Err(match ron::from_str::<Header>(text) {
                Ok(header) if header.format != FORMAT => error(Problem::NotASidecar(header.format)),
                Ok(header) if header.version > VERSION => {
                    error(Problem::NewerVersion(header.version))
                }
                _ => ron_error(err),
            });
        }
    };
    if file.format != FORMAT {
        return Err(error(Problem::NotASidecar(file.format)));
    }
    if file.version > VERSION {
        return Err(error(Problem::NewerVersion(file.version)));
    }
    let mut ids = std::collections::HashSet::with_capacity(file.annotations.len());
    for annotation in &file.annotations {
        if !ids.insert(annotation.id.0.as_str()) {
            return Err(error(Problem::DuplicateId(annotation.id.0.clone())));
        }
        let same_page = file.source.fingerprint == page_fingerprint;
        let fits = annotation.start <= annotation.end && annotation.end <= file.source.chars;
        if same_page && annotation.anchor != Anchor::Orphaned && !fits {
            return Err(error(Problem::OutOfRange {
                id: annotation.id.0.clone(),
                start: annotation.start,
                end: annotation.end,
                chars: file.source.chars,
            }));
        }
    }
    Ok(file)
}

/// What opens and closes the annotation list in a sidecar written by [`to_ron`].
const LIST_OPEN: &str = "\n    annotations: [\n";
const LIST_CLOSE: &str = "\n    ],\n)";
/// What starts each annotation's line in a sidecar written by [`to_ron`].
const ENTRY_START: &str = "\n        (id: ";
/// Below this many bytes of annotations, one thread parses them all.
const PARALLEL_THRESHOLD: usize = 256 * 1024;

/// Parses a large sidecar laid out as [`to_ron`] writes it by cutting its annotation list into
/// pieces at line starts and parsing the pieces on several threads. `None` if the layout is
/// different or any piece fails (a cut inside a string always makes its piece fail): the caller
/// then parses the whole text the ordinary way, which also gives the right error.
fn parse_in_parts(text: &str) -> Option<SidecarFile> {
    let list_start = text.find(LIST_OPEN)? + LIST_OPEN.len();
    let list_end = text.rfind(LIST_CLOSE)?;
    let list = text.get(list_start..list_end)?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if list.len() < PARALLEL_THRESHOLD || threads < 2 {
        return None;
    }
    let header = format!("{}])", &text[..list_start]);
    let mut file: SidecarFile = ron::from_str(&header).ok()?;
    let mut cuts = vec![0];
    for n in 1..threads {
        let from = cuts
            .last()
            .copied()
            .unwrap_or(0)
            .max(list.len() * n / threads);
        if let Some(at) = list.get(from..).and_then(|rest| rest.find(ENTRY_START)) {
            cuts.push(from + at + 1);
        }
    }
    cuts.push(list.len());
    cuts.dedup();
    let pieces: Vec<&str> = cuts
        .windows(2)
        .map(|w| list.get(w[0]..w[1]))
        .collect::<Option<_>>()?;
    let parsed: Vec<Option<Vec<Annotation>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = pieces
            .iter()
            .map(|piece| {
                scope.spawn(move || ron::from_str::<Vec<Annotation>>(&format!("[{piece}]")).ok())
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    for piece in parsed {
        file.annotations.extend(piece?);
    }
    Some(file)
}

/// Serializes a sidecar: the header fields on their own lines, then one annotation per line
/// (a string holding a line break continues on the next), so that version control shows one
/// changed line per changed annotation. Strings are written unescaped, as raw strings where
/// they hold quotes: escaping every CJK character made saving four times slower.
pub fn to_ron(file: &SidecarFile) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .struct_names(false)
        .escape_strings(false);
    let mut text = ron::ser::to_string_pretty(file, config)?;
    text.push('\n');
    Ok(text)
}

/// A sidecar written to its temporary file, flushed, but not yet in place.
#[derive(Debug)]
pub struct Staged {
    temporary: PathBuf,
    target: PathBuf,
}

/// Writes `bytes` to a temporary file beside `target` and flushes it to disk.
pub fn stage(target: &Path, bytes: &[u8]) -> io::Result<Staged> {
    let temporary = with_suffix(
        target,
        &format!(
            ".tmp-{}-{}",
            std::process::id(),
            jiff::Timestamp::now().as_nanosecond()
        ),
    );
    let written = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    match written {
        Ok(()) => Ok(Staged {
            temporary,
            target: target.to_owned(),
        }),
        Err(err) => {
            #[expect(
                clippy::let_underscore_must_use,
                reason = "a temporary file left behind is only clutter; the error that matters is returned"
            )]
            let _ = fs::remove_file(&temporary);
            Err(err)
        }
    }
}

impl Staged {
    /// Keeps the current sidecar as the backup, then puts the new one in its place.
    pub fn commit(self) -> io::Result<()> {
        let result = self.replace();
        if result.is_err() {
            #[expect(
                clippy::let_underscore_must_use,
                reason = "a temporary file left behind is only clutter; the error that matters is returned"
            )]
            let _ = fs::remove_file(&self.temporary);
        }
        result
    }

    fn replace(&self) -> io::Result<()> {
        if self.target.exists() {
            let backup = backup_path(&self.target);
            let backup_temporary = with_suffix(&backup, ".tmp");
            #[expect(
                clippy::let_underscore_must_use,
                reason = "a stale temporary backup may or may not be there; the link below says if it is in the way"
            )]
            let _ = fs::remove_file(&backup_temporary);
            // A hard link keeps the backup without copying; where links are not supported, copy.
            if fs::hard_link(&self.target, &backup_temporary).is_err() {
                fs::copy(&self.target, &backup_temporary)?;
            }
            fs::rename(&backup_temporary, &backup)?;
        }
        fs::rename(&self.temporary, &self.target)?;
        if let Some(folder) = self.target.parent() {
            // Make the rename itself durable; not every platform can open a folder for this.
            let folder = if folder.as_os_str().is_empty() {
                Path::new(".")
            } else {
                folder
            };
            if let Ok(dir) = fs::File::open(folder) {
                #[expect(
                    clippy::let_underscore_must_use,
                    reason = "the file itself is synced already; some systems cannot sync a folder"
                )]
                let _ = dir.sync_all();
            }
        }
        Ok(())
    }
}

/// Writes `bytes` as the sidecar at `target`, safely (see the module documentation).
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(target, bytes)?.commit()
}

/// Moves an unreadable sidecar out of the way, to `PAGE.ann.ron.unreadable-<time>`, and returns
/// where it went. The file itself is not changed.
pub fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S").to_string();
    let mut aside = with_suffix(path, &format!(".unreadable-{stamp}"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = with_suffix(path, &format!(".unreadable-{stamp}-{n}"));
    }
    fs::rename(path, &aside)?;
    Ok(aside)
}

/// 1-based line and column of a byte offset.
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::model::Origin;
    use crate::text::{PageEncoding, Source, Span};

    #[test]
    fn a_large_sidecar_parses_in_parts_exactly_as_whole() {
        let text = "新区今年完成投资12.5亿元,林晓舟说。\n\n".repeat(3000);
        let source = Source::from_text(text, PageEncoding::Utf8);
        let annotations = (0..3000)
            .map(|n| {
                let span = Span::new(n * 20, n * 20 + 3);
                Annotation::new(&source, "PER", span, Origin::Manual, "t")
            })
            .collect();
        let file = SidecarFile {
            format: FORMAT.into(),
            version: VERSION,
            source: SourceInfo {
                file: "a.txt".into(),
                chars: source.char_len(),
                fingerprint: source.fingerprint(),
            },
            annotations,
        };
        let written = to_ron(&file).unwrap();
        assert!(written.len() > PARALLEL_THRESHOLD);
        let in_parts = parse_in_parts(&written).expect("laid out as written");
        assert_eq!(in_parts, file);
        // A different layout falls back to the ordinary parser.
        assert!(
            parse_in_parts(&written.replace("\n    annotations: [\n", "annotations:[\n")).is_none()
        );
    }
}
