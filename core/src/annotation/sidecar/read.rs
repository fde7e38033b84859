//! Reading a sidecar without trusting it: every problem is refused with the file, line and
//! column, and a large file is parsed on several threads.

use std::collections::HashSet;
use std::io;
use std::path::Path;

use super::{FORMAT, Header, Problem, SidecarError, SidecarFile, VERSION, line};
use crate::annotation::model::{Anchor, Annotation, AnnotationId};
use crate::text::Source;

/// Reads a sidecar's bytes. `Ok(None)` if there is no sidecar.
pub fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>, SidecarError> {
    match crate::text::read_file(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(SidecarError {
            path: path.to_owned(),
            problem: Problem::Io(err),
        }),
    }
}

/// Parses and checks sidecar bytes read from `path`, for the page `page`.
///
/// Every annotation needs an id and a range that holds something. Ranges are checked against
/// the page itself only when the sidecar says it was written for the same text (its
/// fingerprint): otherwise the page has changed and the annotations will be re-anchored.
/// Orphaned annotations are never range-checked.
pub fn parse(path: &Path, bytes: &[u8], page: &Source) -> Result<SidecarFile, SidecarError> {
    let file = parse_unchecked(path, bytes)?;
    check(path, bytes, &file, page, None)?;
    Ok(file)
}

/// The first half of [`parse`], which needs no page: the file parsed, its format and version
/// checked, so that it can run while the page is still being read.
pub fn parse_unchecked(path: &Path, bytes: &[u8]) -> Result<SidecarFile, SidecarError> {
    let error = |problem| SidecarError {
        path: path.to_owned(),
        problem,
    };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Err(error(Problem::ByteOrderMark));
    }
    // Checked with SIMD (a large sidecar is mostly Chinese, where the standard check is slow);
    // only a failure needs the standard one, for where it failed.
    let text = simdutf8::basic::from_utf8(bytes)
        .or_else(|_| std::str::from_utf8(bytes))
        .map_err(|err| {
            let (line, column) = line_column(bytes, err.valid_up_to());
            error(Problem::Parse {
                line,
                column,
                message: "the file is not UTF-8 text".to_owned(),
            })
        })?;
    let ron_error = |err: ron::error::SpannedError| {
        let message = match err.code {
            ron::Error::ExceededRecursionLimit => "nested too deeply".to_owned(),
            code => code.to_string(),
        };
        error(Problem::Parse {
            line: err.span.start.line,
            column: err.span.start.col,
            message,
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
    Ok(file)
}

/// The second half of [`parse`]: the annotations of `file`, parsed from `bytes`, checked
/// against the page. `ids`, the set of their ids if the caller has made it, saves making it
/// again to find duplicates.
pub fn check(
    path: &Path,
    bytes: &[u8],
    file: &SidecarFile,
    page: &Source,
    ids: Option<&HashSet<AnnotationId>>,
) -> Result<(), SidecarError> {
    check_annotations(file, bytes, Some(page), ids).map_err(|problem| SidecarError {
        path: path.to_owned(),
        problem,
    })
}

/// The checks of [`check`] that need no page: ids present and unique, ranges that hold
/// something (for merging sidecars where the page is not at hand).
pub fn check_ids(path: &Path, bytes: &[u8], file: &SidecarFile) -> Result<(), SidecarError> {
    check_annotations(file, bytes, None, None).map_err(|problem| SidecarError {
        path: path.to_owned(),
        problem,
    })
}

/// Ids present and unique, ranges that hold something and, on the page they were written
/// for (when given), fit it.
fn check_annotations(
    file: &SidecarFile,
    bytes: &[u8],
    page: Option<&Source>,
    known: Option<&HashSet<AnnotationId>>,
) -> Result<(), Problem> {
    // Only a problem needs the text, to say where it is.
    let text = || String::from_utf8_lossy(bytes);
    let same_page = page.is_some_and(|page| file.source.fingerprint == page.fingerprint());
    let chars = page.map_or(0, Source::char_len);
    // As many distinct ids as annotations: no duplicate to look for.
    let unique = known.is_some_and(|ids| ids.len() == file.annotations.len());
    let mut ids = HashSet::with_capacity(if unique { 0 } else { file.annotations.len() });
    for annotation in &file.annotations {
        let id = annotation.id.0.as_str();
        if id.trim().is_empty() {
            let (line, column) = position_of(&text(), "id: \"\"");
            return Err(Problem::EmptyId { line, column });
        }
        if !unique && !ids.insert(id) {
            return Err(Problem::DuplicateId(id.to_owned()));
        }
        if annotation.start >= annotation.end {
            let (line, column) = position_of(&text(), &format!("\"{id}\""));
            return Err(Problem::EmptyRange {
                id: id.to_owned(),
                start: annotation.start,
                end: annotation.end,
                line,
                column,
            });
        }
        if same_page && annotation.anchor != Anchor::Orphaned && annotation.end > chars {
            return Err(Problem::OutOfRange {
                id: id.to_owned(),
                start: annotation.start,
                end: annotation.end,
                chars,
            });
        }
    }
    Ok(())
}

/// Line and column of the first occurrence of `needle` in the sidecar's text (1:1 if absent).
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    text.find(needle)
        .map_or((1, 1), |at| line_column(text.as_bytes(), at))
}

/// What opens and closes the annotation list in a sidecar written by [`to_ron`](super::to_ron).
const LIST_OPEN: &str = "\n    annotations: [\n";
const LIST_CLOSE: &str = "\n    ],\n)";
/// What starts each annotation's line in a sidecar written by [`to_ron`](super::to_ron).
const ENTRY_START: &str = "\n        (id: ";
/// Below this many bytes of annotations, one thread parses them all.
const PARALLEL_THRESHOLD: usize = 256 * 1024;

/// Where to cut the annotation list into `threads` pieces: at the start of an annotation's
/// line near each share, on character boundaries; with 0 first and the end last.
fn cut_points(list: &str, threads: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    for n in 1..threads {
        let mut from = cuts
            .last()
            .copied()
            .unwrap_or(0)
            .max(list.len() * n / threads);
        // A cut inside a character would make no cut at all, and one thread parse it all.
        while !list.is_char_boundary(from) {
            from += 1;
        }
        if let Some(at) = list.get(from..).and_then(|rest| rest.find(ENTRY_START)) {
            cuts.push(from + at + 1);
        }
    }
    cuts.push(list.len());
    cuts.dedup();
    cuts
}

/// Parses a sidecar laid out as [`to_ron`](super::to_ron) writes it: the header by RON, the
/// annotation list entry by entry ([`parse_entries`]), cut into pieces at line starts and
/// parsed on several threads when it is large. `None` if the layout is different or any piece
/// fails (a cut inside a string always makes its piece fail): the caller then parses the whole
/// text the ordinary way, which also gives the right error.
fn parse_in_parts(text: &str) -> Option<SidecarFile> {
    let list_start = text.find(LIST_OPEN)? + LIST_OPEN.len();
    let list_end = text.rfind(LIST_CLOSE)?;
    let list = text.get(list_start..list_end)?;
    let header = format!("{}])", &text[..list_start]);
    let mut file: SidecarFile = ron::from_str(&header).ok()?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    file.annotations = if list.len() < PARALLEL_THRESHOLD || threads < 2 {
        parse_entries(list)?
    } else {
        let cuts = cut_points(list, threads);
        let pieces: Vec<&str> = cuts
            .windows(2)
            .map(|w| list.get(w[0]..w[1]))
            .collect::<Option<_>>()?;
        parse_side_by_side(&pieces, |piece| parse_entries(piece))?
    };
    Some(file)
}

/// The annotations of a stretch of the list, each followed by its comma: read directly where
/// written in the common form ([`line::read`]), else by RON, one entry (up to the next
/// annotation's line) at a time. `None` if an entry cannot be read either way.
fn parse_entries(list: &str) -> Option<Vec<Annotation>> {
    let mut out = Vec::with_capacity(list.len() / 300);
    let mut rest = list.trim_start();
    while !rest.is_empty() {
        if let Some((annotation, length)) = line::read(rest)
            && let Some(after) = rest[length..].strip_prefix(',')
        {
            out.push(annotation);
            rest = after.trim_start();
            continue;
        }
        let end = rest.find(ENTRY_START).map_or(rest.len(), |at| at + 1);
        let (entry, after) = rest.split_at(end);
        out.extend(ron::from_str::<Vec<Annotation>>(&format!("[{entry}]")).ok()?);
        rest = after.trim_start();
    }
    Some(out)
}

/// The annotations of every piece, each parsed by `parse` on a thread of its own, in the
/// pieces' order; `None` if any piece fails.
pub(super) fn parse_side_by_side<P: Sync>(
    pieces: &[P],
    parse: impl Fn(&P) -> Option<Vec<Annotation>> + Sync,
) -> Option<Vec<Annotation>> {
    let parse = &parse;
    let Some((first, others)) = pieces.split_first() else {
        return Some(Vec::new());
    };
    // The first piece is parsed here, the others on threads of their own.
    let (first, others): (_, Vec<Option<Vec<Annotation>>>) = std::thread::scope(|scope| {
        let handles: Vec<_> = others
            .iter()
            .map(|piece| scope.spawn(move || parse(piece)))
            .collect();
        let first = parse(first);
        let others = handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect();
        (first, others)
    });
    // The first piece's list takes in the others: an annotation is large, and a long page's
    // are megabytes to move.
    let mut annotations = first?;
    for piece in others {
        annotations.extend(piece?);
    }
    Some(annotations)
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
    use super::super::to_ron;
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
        let file = SidecarFile::new("a.txt", &source, annotations);
        let written = to_ron(&file).unwrap();
        assert!(written.len() > PARALLEL_THRESHOLD);
        // Cut into as many pieces as threads, though shares fall inside CJK characters.
        let list = &written[written.find(LIST_OPEN).unwrap() + LIST_OPEN.len()..];
        for threads in 2..=4 {
            let cuts = cut_points(list, threads);
            assert_eq!(cuts.len(), threads + 1, "{threads} threads: {cuts:?}");
            assert!(cuts.iter().all(|&at| list.is_char_boundary(at)));
        }
        let in_parts = parse_in_parts(&written).expect("laid out as written");
        assert_eq!(in_parts, file);
        // A different layout falls back to the ordinary parser.
        assert!(
            parse_in_parts(&written.replace("\n    annotations: [\n", "annotations:[\n")).is_none()
        );
    }
}
