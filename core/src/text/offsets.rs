//! Code-point offsets, the unit every persisted or exported range uses.
//!
//! Rust strings are indexed by byte; brat, doccano, Python and copydesk's own files count Unicode
//! scalar values (code points). [`CharOffsets`] converts between the two in near-constant time
//! on pages of any size, so callers can keep whichever unit suits them and convert at the edge.

use std::ops::Range;

/// How many code points lie between two checkpoints of [`CharOffsets`].
const STRIDE: usize = 64;

/// A half-open range of code points in a page's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (code points).
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Number of code points covered.
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True if the span covers nothing.
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// True if the two spans share at least one code point.
    pub const fn overlaps(self, other: Self) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl From<Span> for Range<usize> {
    fn from(span: Span) -> Self {
        span.start..span.end
    }
}

/// Converts between byte offsets and code-point offsets of one text.
///
/// Build it once per page (it reads the text once, and keeps one `u32` per 64 code points),
/// then convert as often as needed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CharOffsets {
    /// Byte offset of code point `k * STRIDE`, for every k.
    checkpoints: Vec<usize>,
    /// Total code points.
    chars: usize,
    /// Total bytes.
    bytes: usize,
    /// True if every character is one byte, so both units agree.
    ascii: bool,
}

impl CharOffsets {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                checkpoints: Vec::new(),
                chars: text.len(),
                bytes: text.len(),
                ascii: true,
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut chars = 0;
        for (byte, _) in text.char_indices() {
            if chars % STRIDE == 0 {
                checkpoints.push(byte);
            }
            chars += 1;
        }
        Self {
            checkpoints,
            chars,
            bytes: text.len(),
            ascii: false,
        }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// Byte offset of code point `char_offset`, or `None` past the end.
    /// The end of the text (`char_len()`) maps to the text's length in bytes.
    pub fn to_byte(&self, text: &str, char_offset: usize) -> Option<usize> {
        if char_offset > self.chars {
            return None;
        }
        if self.ascii {
            return Some(char_offset);
        }
        if char_offset == self.chars {
            return Some(self.bytes);
        }
        let checkpoint = self.checkpoints.get(char_offset / STRIDE).copied()?;
        let skip = char_offset % STRIDE;
        text.get(checkpoint..)?
            .char_indices()
            .nth(skip)
            .map(|(byte, _)| checkpoint + byte)
    }

    /// Code-point offset of byte `byte_offset`, which must lie on a character boundary.
    pub fn to_char(&self, text: &str, byte_offset: usize) -> Option<usize> {
        if byte_offset > self.bytes || !text.is_char_boundary(byte_offset) {
            return None;
        }
        if self.ascii {
            return Some(byte_offset);
        }
        let block = self.checkpoints.partition_point(|&b| b <= byte_offset) - 1;
        let checkpoint = self.checkpoints[block];
        let within = text.get(checkpoint..byte_offset)?.chars().count();
        Some(block * STRIDE + within)
    }

    /// Byte range of a code-point span, or `None` if it does not fit the text.
    pub fn byte_range(&self, text: &str, span: Span) -> Option<Range<usize>> {
        if span.start > span.end {
            return None;
        }
        let start = self.to_byte(text, span.start)?;
        let end = if span.end - span.start <= STRIDE {
            // Walk from the start instead of looking the end up: short spans are the common case.
            let rest = text.get(start..)?;
            match rest.char_indices().nth(span.end - span.start) {
                Some((byte, _)) => start + byte,
                None if span.end == self.chars => self.bytes,
                None => return None,
            }
        } else {
            self.to_byte(text, span.end)?
        };
        Some(start..end)
    }

    /// The characters of `text` at a code-point span, or `None` if it does not fit.
    pub fn slice<'t>(&self, text: &'t str, span: Span) -> Option<&'t str> {
        let range = self.byte_range(text, span)?;
        text.get(range)
    }

    /// Code-point span of a byte range whose ends lie on character boundaries.
    pub fn span(&self, text: &str, range: Range<usize>) -> Option<Span> {
        Some(Span::new(
            self.to_char(text, range.start)?,
            self.to_char(text, range.end)?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_offsets_are_bytes() {
        let text = "abc def";
        let offsets = CharOffsets::new(text);
        assert_eq!(offsets.to_byte(text, 4), Some(4));
        assert_eq!(offsets.to_char(text, 7), Some(7));
        assert_eq!(offsets.to_byte(text, 8), None);
        assert_eq!(offsets.slice(text, Span::new(4, 7)), Some("def"));
    }

    #[test]
    fn non_bmp_characters_count_once() {
        // 😀 and 𠀋 (CJK Extension B) are 4 bytes in UTF-8, 2 units in UTF-16, one code point.
        let text = "甲😀乙𠀋丙";
        let offsets = CharOffsets::new(text);
        assert_eq!(offsets.char_len(), 5);
        assert_eq!(offsets.to_byte(text, 2), Some(7));
        assert_eq!(offsets.to_byte(text, 4), Some(14));
        assert_eq!(offsets.to_char(text, 14), Some(4));
        assert_eq!(offsets.to_char(text, 4), None, "inside 😀");
        assert_eq!(offsets.slice(text, Span::new(1, 4)), Some("😀乙𠀋"));
        assert_eq!(offsets.slice(text, Span::new(5, 5)), Some(""));
        assert_eq!(offsets.slice(text, Span::new(4, 6)), None);
        assert_eq!(offsets.slice(text, Span::new(3, 2)), None);
    }

    #[test]
    fn long_texts_cross_checkpoints() {
        let text = "新闻😀".repeat(200);
        let offsets = CharOffsets::new(&text);
        assert_eq!(offsets.char_len(), 600);
        assert_eq!(offsets.to_byte(&text, 599), Some(199 * 10 + 6));
        assert_eq!(offsets.slice(&text, Span::new(597, 600)), Some("新闻😀"));
        assert_eq!(
            offsets
                .slice(&text, Span::new(1, 130))
                .map(|s| s.chars().count()),
            Some(129)
        );
    }

    proptest! {
        #[test]
        fn conversions_agree_with_char_indices(text in "\\PC{0,300}", a in 0usize..400, b in 0usize..400) {
            let offsets = CharOffsets::new(&text);
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            prop_assert_eq!(offsets.char_len(), chars.len());
            for (k, &(byte, _)) in chars.iter().enumerate() {
                prop_assert_eq!(offsets.to_byte(&text, k), Some(byte));
                prop_assert_eq!(offsets.to_char(&text, byte), Some(k));
            }
            let (start, end) = (a.min(b), a.max(b));
            let expected: Option<String> = (end <= chars.len())
                .then(|| text.chars().skip(start).take(end - start).collect());
            prop_assert_eq!(offsets.slice(&text, Span::new(start, end)).map(str::to_owned), expected);
        }
    }
}
