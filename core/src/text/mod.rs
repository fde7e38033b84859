//! Page text: decoding files, code-point offsets, and the [`Source`] every other module reads.
//!
//! Nothing here knows about newspapers; see [`crate::bulletin`] for the page structure.

mod decode;
mod offsets;
pub mod script;
pub mod settings_file;
pub mod words;

use std::fmt;
use std::path::{Path, PathBuf};

pub use decode::{DecodeError, Decoded, PageEncoding, Replaced, decode};
pub use offsets::{CharOffsets, Span};

/// A decoded page: its text, where it came from, and an index for code-point offsets.
#[derive(Clone, Debug)]
pub struct Source {
    text: String,
    encoding: PageEncoding,
    offsets: CharOffsets,
    replaced: Option<Replaced>,
}

impl Source {
    /// Wraps text that is already decoded (tests, standard input, generated pages).
    pub fn from_text(text: impl Into<String>, encoding: PageEncoding) -> Self {
        let text = text.into();
        let offsets = CharOffsets::new(&text);
        Self {
            text,
            encoding,
            offsets,
            replaced: None,
        }
    }

    /// Decodes bytes read from a file or standard input.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        let Decoded {
            text,
            encoding,
            replaced,
        } = decode(bytes)?;
        Ok(Self {
            replaced,
            ..Self::from_text(text, encoding)
        })
    }

    /// Reads and decodes a page file. The error names the file.
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        let bytes = read_file(path).map_err(|err| LoadError {
            path: path.to_owned(),
            reason: LoadErrorReason::Io(err.to_string()),
        })?;
        Self::from_bytes(&bytes).map_err(|err| LoadError {
            path: path.to_owned(),
            reason: LoadErrorReason::Decode(err),
        })
    }

    /// The whole text (BOM removed, line endings as in the file).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Bytes of the file that could not be decoded and show as U+FFFD, if any: the user should
    /// be told (the fingerprint, and so the annotations' anchoring, is of the text as decoded).
    pub fn replaced(&self) -> Option<Replaced> {
        self.replaced
    }

    /// The encoding the page was stored in.
    pub fn encoding(&self) -> PageEncoding {
        self.encoding
    }

    /// The offset index of the text.
    pub fn offsets(&self) -> &CharOffsets {
        &self.offsets
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.offsets.char_len()
    }

    /// The characters at a code-point span; empty if the span does not fit the text.
    pub fn slice(&self, span: Span) -> &str {
        self.offsets.slice(&self.text, span).unwrap_or_default()
    }

    /// A stable fingerprint of the text, stored in sidecars to notice edits made elsewhere.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.text)
    }

    /// Every occurrence of `quote` in the text, in order, as code-point spans (none for an
    /// empty quote). Occurrences do not overlap: the search goes on after each one. Find in
    /// the app and `copydesk tag --quote` both use this.
    pub fn find_all(&self, quote: &str) -> Vec<Span> {
        if quote.is_empty() {
            return Vec::new();
        }
        self.text
            .match_indices(quote)
            .filter_map(|(byte, found)| self.offsets.span(&self.text, byte..byte + found.len()))
            .collect()
    }
}

/// Reads a whole file that must be a regular file: a FIFO, a device or a folder is refused at
/// once instead of blocking or failing obscurely. Pages, sidecars and tag sets are read so.
pub fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let kind = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a FIFO, a socket or a device)"
        };
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{kind}: copydesk reads only regular files"),
        ));
    }
    std::fs::read(path)
}

/// A stable fingerprint of a text: `xxh3-128:` and 32 hex digits.
pub fn fingerprint(text: &str) -> String {
    format!(
        "xxh3-128:{:032x}",
        xxhash_rust::xxh3::xxh3_128(text.as_bytes())
    )
}

/// A page file that could not be read, with the file named.
#[derive(Debug)]
pub struct LoadError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong.
    pub reason: LoadErrorReason,
}

/// What went wrong reading a page file.
#[derive(Debug)]
pub enum LoadErrorReason {
    /// The file could not be read at all.
    Io(String),
    /// The file was read but is not a text page.
    Decode(DecodeError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.reason {
            LoadErrorReason::Io(err) => write!(f, "{path}: cannot read the file: {err}"),
            LoadErrorReason::Decode(err) => write!(f, "{path}: {err}"),
        }
    }
}

impl std::error::Error for LoadError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_stable_and_sensitive() {
        assert_eq!(fingerprint("本报讯"), fingerprint("本报讯"));
        assert_ne!(fingerprint("本报讯"), fingerprint("本报讯 "));
        assert_eq!(fingerprint("").len(), "xxh3-128:".len() + 32);
    }

    #[test]
    fn load_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("a05.txt");
        std::fs::write(&empty, b"").unwrap();
        let err = Source::load(&empty).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "{}: the file is empty; a page needs some text",
                empty.display()
            )
        );
        let missing = dir.path().join("missing.txt");
        let err = Source::load(&missing).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("{}: cannot read the file: ", missing.display())),
            "{err}"
        );
    }

    #[test]
    fn find_all_counts_code_points_past_non_bmp_characters() {
        // 𠀋 (CJK Extension B) and 👍 are one code point each but four bytes.
        let source = Source::from_text("𠀋新区👍新区新区", PageEncoding::Utf8);
        assert_eq!(
            source.find_all("新区"),
            [Span::new(1, 3), Span::new(4, 6), Span::new(6, 8)]
        );
        assert_eq!(source.find_all("区新区"), [Span::new(5, 8)]);
        assert_eq!(source.find_all(""), Vec::<Span>::new());
        assert_eq!(source.find_all("县"), Vec::<Span>::new());
    }

    #[test]
    fn slice_out_of_range_is_empty() {
        let source = Source::from_text("版面", PageEncoding::Utf8);
        assert_eq!(source.slice(Span::new(0, 2)), "版面");
        assert_eq!(source.slice(Span::new(1, 3)), "");
    }
}
