//! The pieces of text the recognizers read: one per element of the page, a column-broken
//! paragraph read whole, each character mapped back to its code point in the page.

use std::borrow::Cow;

use crate::bulletin::{Bulletin, Item, Paragraph};
use crate::text::script::simplified;
use crate::text::{Source, Span};

/// The text of one element, with the page offset of each of its characters.
///
/// On a page in traditional script the recognizers read [`Element::simple`], the same text in
/// simplified script at the same offsets, and take what they quote (a figure's `value`) from
/// `text` and `chars`.
#[derive(Clone, Debug, Default)]
pub struct Element {
    /// The text as written (parts of a paragraph concatenated).
    pub text: String,
    /// The characters of `text`.
    pub chars: Vec<char>,
    /// `text` and `chars` in simplified script, when that differs from `text`.
    simplified: Option<(String, Vec<char>)>,
    /// Byte offset in `text` of each character, and `text.len()` at the end.
    bytes: Vec<usize>,
    /// Code point in the page of each character.
    page: Vec<usize>,
}

impl Element {
    /// An element made of spans of the page, read in order.
    pub fn from_spans(source: &Source, spans: &[Span]) -> Self {
        let mut element = Self::default();
        let chars: usize = spans.iter().map(|span| span.len()).sum();
        element.bytes.reserve(chars + 1);
        element.chars.reserve(chars);
        element.page.reserve(chars);
        for &span in spans {
            let text = source.slice(span);
            for (k, (byte, c)) in text.char_indices().enumerate() {
                element.bytes.push(element.text.len() + byte);
                element.chars.push(c);
                element.page.push(span.start + k);
            }
            element.text.push_str(text);
        }
        element.bytes.push(element.text.len());
        element
    }

    /// Reads the element in simplified script too ([`crate::text::script`]), for a page in
    /// traditional script.
    pub fn simplify(&mut self) {
        if let Cow::Owned(simple) = simplified(&self.text) {
            let chars = simple.chars().collect();
            self.simplified = Some((simple, chars));
        }
    }

    /// The text the recognizers read: `text` in simplified script.
    pub fn simple(&self) -> &str {
        self.simplified
            .as_ref()
            .map_or(&self.text, |(text, _)| text)
    }

    /// The characters of [`Element::simple`].
    pub fn simple_chars(&self) -> &[char] {
        self.simplified
            .as_ref()
            .map_or(&self.chars, |(_, chars)| chars)
    }

    /// The simplified text of characters `span`.
    pub fn simple_str(&self, span: Span) -> &str {
        self.simple().get(self.byte_range(span)).unwrap_or_default()
    }

    /// A free-standing text whose characters are at page offsets 0, 1, 2….
    #[cfg(test)]
    pub fn from_text(text: &str) -> Self {
        let source = Source::from_text(text, crate::text::PageEncoding::Utf8);
        Self::from_spans(&source, &[Span::new(0, source.char_len())])
    }

    /// The page span of characters `span` of this element (which must be non-empty and fit);
    /// a span across a column break also covers the gap.
    pub fn page_span(&self, span: Span) -> Span {
        let start = self.page.get(span.start).copied().unwrap_or(0);
        let end = span
            .end
            .checked_sub(1)
            .and_then(|last| self.page.get(last))
            .map_or(start, |&last| last + 1);
        Span::new(start, end.max(start))
    }

    /// The character index of a byte offset that lies on a character boundary of `text`.
    pub fn char_at_byte(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte)
    }

    /// The byte range in `text` of characters `span`.
    pub fn byte_range(&self, span: Span) -> std::ops::Range<usize> {
        let at = |k: usize| self.bytes.get(k).copied().unwrap_or(self.text.len());
        at(span.start)..at(span.end)
    }

    /// The text of characters `span`.
    pub fn str(&self, span: Span) -> &str {
        self.text.get(self.byte_range(span)).unwrap_or_default()
    }
}

/// Every element whose text is read, in page order. Bylines, trailing bylines, credits and
/// staff lines are left out (their names come from the segmenter), except a byline's
/// dateline. Each is read in simplified script too where it is written in traditional script.
pub fn elements(source: &Source, bulletin: &Bulletin) -> Vec<Element> {
    bulletin
        .items
        .iter()
        .flat_map(|item| item_elements(source, item))
        .collect()
}

/// The elements of one item, in page order, each read in simplified script too where it is
/// written in traditional script.
pub fn item_elements(source: &Source, item: &Item) -> Vec<Element> {
    let mut out = Vec::new();
    let mut push = |spans: &[Span]| {
        let mut element = Element::from_spans(source, spans);
        element.simplify();
        out.push(element);
    };
    let paragraphs = |paragraphs: &[Paragraph], push: &mut dyn FnMut(&[Span])| {
        for paragraph in paragraphs {
            push(&paragraph.parts);
        }
    };
    match item {
        Item::Article(article) => {
            if let Some(kicker) = article.kicker {
                push(&[kicker]);
            }
            push(&[article.headline.span]);
            if let Some(subtitle) = article.subtitle {
                push(&[subtitle]);
            }
            if let Some(dateline) = article.byline.as_ref().and_then(|b| b.dateline) {
                push(&[dateline]);
            }
            paragraphs(&article.paragraphs, &mut push);
        }
        Item::Photo(photo) => paragraphs(&photo.caption, &mut push),
        Item::Other(span) => push(&[*span]),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PageEncoding;

    #[test]
    fn parts_are_read_whole_and_map_back() {
        let source = Source::from_text("甲乙\n\n丙😀丁", PageEncoding::Utf8);
        let element = Element::from_spans(&source, &[Span::new(0, 2), Span::new(4, 7)]);
        assert_eq!(element.text, "甲乙丙😀丁");
        assert_eq!(element.page_span(Span::new(1, 3)), Span::new(1, 5));
        assert_eq!(element.page_span(Span::new(3, 5)), Span::new(5, 7));
        assert_eq!(element.char_at_byte(9), 3);
        assert_eq!(element.str(Span::new(2, 4)), "丙😀");
    }
}
