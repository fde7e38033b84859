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
    /// The byte offset of every [`STEP`]th code point: the checks turn the segmenter's spans
    /// into byte ranges tens of thousands of times on a large page, and the text's own index
    /// is coarser.
    every: Vec<usize>,
}

/// How many code points apart the entries of [`Page::every`] are.
const STEP: usize = 8;

impl<'a> Page<'a> {
    /// The page `source`, segmented as `bulletin`, to check with `settings`.
    pub fn new(source: &'a Source, bulletin: &'a Bulletin, settings: &'a ProofSettings) -> Self {
        let every = source
            .text()
            .char_indices()
            .step_by(STEP)
            .map(|(at, _)| at)
            .collect();
        Self {
            source,
            bulletin,
            settings,
            every,
        }
    }

    /// The whole text.
    pub fn text(&self) -> &'a str {
        self.source.text()
    }

    /// The byte range of a code-point span (empty if it does not fit).
    pub fn bytes(&self, span: Span) -> Range<usize> {
        match (self.byte(span.start), self.byte(span.end)) {
            (Some(start), Some(end)) if start <= end => start..end,
            _ => 0..0,
        }
    }

    /// The byte offset of code point `at` (the text's length at its end).
    fn byte(&self, at: usize) -> Option<usize> {
        let text = self.text();
        let from = *self.every.get(at / STEP)?;
        let mut rest = text[from..].char_indices().map(|(byte, _)| from + byte);
        rest.nth(at % STEP)
            .or_else(|| (at == self.source.char_len()).then_some(text.len()))
    }

    /// Whether `check` is to run.
    pub fn wants(&self, check: Check) -> bool {
        self.settings.enabled(check)
    }
}

pub(super) use crate::bulletin::is_han;

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
