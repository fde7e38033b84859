//! Cutting a page into its non-blank lines, the unit the segmenter classifies.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`. Each line is trimmed of whitespace at both ends
//! (full-width spaces included), and remembers how many blank lines stood before it, which is how
//! a page shows that a photo caption is not part of the story above.

/// A non-blank line, trimmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'t> {
    /// The trimmed content.
    pub text: &'t str,
    /// Byte offset of `text` in the page.
    pub byte_start: usize,
    /// Code-point offset of `text` in the page.
    pub char_start: usize,
    /// Code points in `text`.
    pub char_len: usize,
    /// Blank lines between this line and the previous non-blank one (or the top of the page).
    pub blank_before: usize,
}

impl Line<'_> {
    /// Code-point offset just past the line's content.
    pub fn char_end(&self) -> usize {
        self.char_start + self.char_len
    }

    /// Code-point offset of a byte offset inside `text`.
    pub fn char_at(&self, byte_in_line: usize) -> usize {
        self.char_start + count_chars(&self.text.as_bytes()[..byte_in_line])
    }

    /// The same line read as `text`, which must have the same characters at the same byte
    /// offsets (the simplified form of a traditional line, [`crate::text::script`]).
    pub fn with_text<'a>(&self, text: &'a str) -> Line<'a> {
        Line {
            text,
            byte_start: self.byte_start,
            char_start: self.char_start,
            char_len: self.char_len,
            blank_before: self.blank_before,
        }
    }
}

/// The non-blank lines of `text`, in order.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 256 + 1);
    let mut pos = 0;
    let mut chars_before = 0;
    let mut blank_run = 0;
    while pos < bytes.len() {
        let end = bytes[pos..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |offset| pos + offset);
        let raw = &text[pos..end];
        let raw_chars = count_chars(raw.as_bytes());
        let trimmed_start = raw.trim_start();
        if trimmed_start.is_empty() {
            blank_run += 1;
        } else {
            let lead_bytes = raw.len() - trimmed_start.len();
            let content = trimmed_start.trim_end();
            let lead_chars = count_chars(&raw.as_bytes()[..lead_bytes]);
            lines.push(Line {
                text: content,
                byte_start: pos + lead_bytes,
                char_start: chars_before + lead_chars,
                char_len: count_chars(content.as_bytes()),
                blank_before: blank_run,
            });
            blank_run = 0;
        }
        chars_before += raw_chars;
        // Step over the line ending: "\r\n" counts as one, "\r" or "\n" alone as one.
        pos = end;
        if pos < bytes.len() {
            let ending = if bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            pos += ending;
            chars_before += ending;
        }
    }
    lines
}

/// Code points in UTF-8 bytes: every byte that does not continue a character starts one.
pub fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_and_endings() {
        let text = "\u{feff}\r\n  甲乙\u{3000}\r\n\r\n\r丙 丁\n\n\n戊";
        let found = lines(text);
        let summary: Vec<(&str, usize, usize, usize)> = found
            .iter()
            .map(|line| (line.text, line.char_start, line.char_len, line.blank_before))
            .collect();
        // U+FEFF is not whitespace: it stays (decoding removes a real BOM before this point).
        assert_eq!(
            summary,
            vec![
                ("\u{feff}", 0, 1, 0),
                ("甲乙", 5, 2, 0),
                ("丙 丁", 13, 3, 2),
                ("戊", 19, 1, 2)
            ]
        );
    }

    #[test]
    fn offsets_match_the_text() {
        let text = "一\r\n\r\n 😀二 \r三";
        for line in lines(text) {
            let by_chars: String = text
                .chars()
                .skip(line.char_start)
                .take(line.char_len)
                .collect();
            assert_eq!(by_chars, line.text);
            assert_eq!(
                &text[line.byte_start..line.byte_start + line.text.len()],
                line.text
            );
        }
    }
}
