//! A unit's text as it is built from runs of the page, and the way back: page offsets to
//! offsets in the unit's text, for every annotation placed in it.

use super::model::{Section, UnitName, UnitSpan};
use crate::annotation::{Annotation, Location, Pane};
use crate::text::{CharOffsets, Source, Span};

/// A unit's text as it is built: pieces of the page, with line breaks between elements.
#[derive(Debug)]
pub(super) struct Layout {
    pub(super) name: UnitName,
    pub(super) text: String,
    /// Code points in `text`.
    chars: usize,
    /// Runs of the page copied into `text`, in page order.
    pieces: Vec<Piece>,
    pub(super) sections: Vec<Section>,
    /// Page ranges left out inside a rejoined paragraph (page units only).
    pub(super) gaps: Vec<Span>,
    /// Built on first use, when `text` is complete.
    offsets: Option<CharOffsets>,
}

/// A run of page text in a unit.
#[derive(Clone, Copy, Debug)]
struct Piece {
    page: Span,
    unit_start: usize,
}

impl Layout {
    pub(super) fn new(name: UnitName) -> Self {
        Self {
            name,
            text: String::new(),
            chars: 0,
            pieces: Vec::new(),
            sections: Vec::new(),
            gaps: Vec::new(),
            offsets: None,
        }
    }

    /// Copies a page range, writing each CR LF or lone CR as `\n`.
    pub(super) fn push_page(&mut self, source: &Source, span: Span) {
        let slice = source.slice(span);
        if !slice.contains('\r') {
            self.push_run(slice, span);
            return;
        }
        let mut start = span.start;
        let mut run_start_byte = 0;
        let mut chars = slice.char_indices().peekable();
        let mut at = span.start;
        while let Some((byte, c)) = chars.next() {
            if c == '\r' {
                self.push_run(&slice[run_start_byte..byte], Span::new(start, at));
                let crlf = chars.peek().is_some_and(|&(_, next)| next == '\n');
                if !crlf {
                    self.push_break();
                }
                start = at + 1;
                run_start_byte = byte + 1;
            }
            at += 1;
        }
        self.push_run(&slice[run_start_byte..], Span::new(start, span.end));
    }

    fn push_run(&mut self, text: &str, page: Span) {
        if page.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            page,
            unit_start: self.chars,
        });
        self.text.push_str(text);
        self.chars += page.len();
    }

    fn push_break(&mut self) {
        self.text.push('\n');
        self.chars += 1;
    }

    /// Adds an element made of `parts` (several for a rejoined paragraph), on its own line.
    pub(super) fn push_element(
        &mut self,
        source: &Source,
        item: usize,
        pane: Pane,
        parts: &[Span],
    ) {
        if !self.text.is_empty() {
            self.push_break();
        }
        let start = self.chars;
        for &part in parts {
            self.push_page(source, part);
        }
        self.sections.push(Section {
            pane,
            item: item + 1,
            span: Span::new(start, self.chars),
        });
    }

    /// The unit range of a page range: from the first character of it in the unit to the
    /// last. `None` if the unit holds none of it.
    pub(super) fn map(&self, page: Span) -> Option<Span> {
        let first = self.pieces.partition_point(|p| p.page.end <= page.start);
        let piece = self.pieces.get(first)?;
        let start = piece.unit_start + page.start.saturating_sub(piece.page.start);
        let last = self
            .pieces
            .partition_point(|p| p.page.start < page.end)
            .checked_sub(1)?;
        let piece = self.pieces.get(last)?;
        let end = piece.unit_start + page.end.min(piece.page.end) - piece.page.start;
        (start < end).then_some(Span::new(start, end))
    }

    /// The annotation as a span of this unit, and whether it was cut at the unit's end.
    pub(super) fn place<'a>(
        &mut self,
        source: &Source,
        annotation: &'a Annotation,
        location: Option<Location>,
    ) -> Option<(UnitSpan<'a>, bool)> {
        let page = annotation.span();
        let span = self.map(page)?;
        let cut = self.leaves_out_text(source, page);
        let fragments = if self.gaps.is_empty() {
            vec![span]
        } else {
            without_gaps(page, &self.gaps)
                .into_iter()
                .filter_map(|fragment| self.map(fragment))
                .collect()
        };
        let text = self.slice(span).to_owned();
        let span = UnitSpan {
            annotation,
            span,
            fragments,
            text,
            location,
        };
        Some((span, cut))
    }

    /// True if some of the page's text in `page` is not in the unit (blanks and headline
    /// markers aside): the annotation runs into another item.
    fn leaves_out_text(&self, source: &Source, page: Span) -> bool {
        let blank = |from: usize, to: usize| {
            source
                .slice(Span::new(from, to))
                .chars()
                .all(|c| c.is_whitespace() || c == '#')
        };
        let first = self.pieces.partition_point(|p| p.page.end <= page.start);
        let mut at = page.start;
        for piece in self.pieces[first..]
            .iter()
            .take_while(|p| p.page.start < page.end)
        {
            if piece.page.start > at && !blank(at, piece.page.start) {
                return true;
            }
            at = at.max(piece.page.end);
        }
        at < page.end && !blank(at, page.end)
    }

    fn slice(&mut self, span: Span) -> &str {
        let offsets = self
            .offsets
            .get_or_insert_with(|| CharOffsets::new(&self.text));
        offsets.slice(&self.text, span).unwrap_or_default()
    }
}

/// `span` without the page ranges in `gaps` (sorted, not overlapping).
fn without_gaps(span: Span, gaps: &[Span]) -> Vec<Span> {
    let mut fragments = Vec::new();
    let mut start = span.start;
    let from = gaps.partition_point(|gap| gap.end <= span.start);
    for gap in gaps[from..].iter().take_while(|gap| gap.start < span.end) {
        if gap.start > start {
            fragments.push(Span::new(start, gap.start));
        }
        start = start.max(gap.end);
    }
    if start < span.end {
        fragments.push(Span::new(start, span.end));
    }
    fragments
}
