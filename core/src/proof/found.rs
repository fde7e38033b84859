//! What the checks share: a found slip in byte offsets, the page they look at, and the
//! character classes that say "Chinese text".

use std::ops::Range;

use super::model::Check;
use super::settings::ProofSettings;
use crate::bulletin::Bulletin;
use crate::text::{Source, Span};

/// A slip as a check finds it: byte offsets into the page's text, turned into a
/// [`super::Mark`] (code points, severity) by [`super::check_page`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub check: Check,
    pub range: Range<usize>,
    pub fix: Option<String>,
}

impl Found {
    pub fn new(check: Check, range: Range<usize>, fix: Option<String>) -> Self {
        Self { check, range, fix }
    }
}

/// The page as every check sees it.
pub(super) struct Page<'a> {
    pub source: &'a Source,
    pub bulletin: &'a Bulletin,
    pub settings: &'a ProofSettings,
}

impl Page<'_> {
    /// The whole text.
    pub fn text(&self) -> &str {
        self.source.text()
    }

    /// The byte range of a code-point span (empty if it does not fit).
    pub fn bytes(&self, span: Span) -> Range<usize> {
        self.source
            .offsets()
            .byte_range(self.source.text(), span)
            .unwrap_or(0..0)
    }

    /// Whether `check` is to run.
    pub fn wants(&self, check: Check) -> bool {
        self.settings.enabled(check)
    }
}

/// A Chinese character (the unified ideographs, their extensions and compatibility forms, and
/// 〇).
pub(super) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// Chinese text: a Chinese character or a full-width mark (，。“”…—).
pub(super) fn is_chinese(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{3001}'..='\u{3006}'
            | '\u{3008}'..='\u{3011}'
            | '\u{3014}'..='\u{301F}'
            | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}'
            | '\u{2014}'
            | '\u{2018}'..='\u{201D}'
            | '\u{2026}')
}

/// A blank inside a line: space, tab or the full-width space U+3000.
pub(super) fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

/// The lines of `text` (without their line breaks), with the byte offset each starts at.
pub(super) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split('\n').map(move |line| {
        let at = start;
        start += line.len() + 1;
        (at, line.strip_suffix('\r').unwrap_or(line))
    })
}
