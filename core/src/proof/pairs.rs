//! Paired marks (“” ‘’ （） 《》 〈〉 【】) that do not close, close what they did not open,
//! or cross, checked on whole paragraphs: a column-broken paragraph is read rejoined, and a
//! quotation may run over several paragraphs, each opening with “ and only the last closing
//! it (GB/T 15834 4.1.3.3). A line on its own is never the unit.

use std::ops::Range;

use super::found::{Found, Page};
use super::model::Check;
use crate::bulletin::{Item, Paragraph};
use crate::text::Span;

const PAIRS: [(char, char); 6] = [
    ('“', '”'),
    ('‘', '’'),
    ('（', '）'),
    ('《', '》'),
    ('〈', '〉'),
    ('【', '】'),
];

/// Whether `bytes` starts with the UTF-8 of one of the paired marks.
fn is_paired_mark(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0xE2, 0x80, 0x98 | 0x99 | 0x9C | 0x9D, ..]
            | [0xE3, 0x80, 0x88..=0x8B | 0x90 | 0x91, ..]
            | [0xEF, 0xBC, 0x88 | 0x89, ..]
    )
}

fn closing_of(open: char) -> Option<char> {
    PAIRS.iter().find(|p| p.0 == open).map(|p| p.1)
}

fn opening_of(close: char) -> Option<char> {
    PAIRS.iter().find(|p| p.1 == close).map(|p| p.0)
}

/// Every unbalanced or crossed pair on the page.
pub(super) fn check(page: &Page<'_>, found: &mut Vec<Found>) {
    if !page.wants(Check::PairsUnbalanced) {
        return;
    }
    for item in &page.bulletin.items {
        match item {
            Item::Article(article) => {
                let lines = [
                    article.kicker,
                    Some(article.headline.span),
                    article.subtitle,
                ];
                let byline = article.byline.as_ref().map(|b| b.span);
                let trailing = article.trailing_byline.as_ref().map(|t| t.span);
                for span in lines.into_iter().chain([byline]).flatten() {
                    alone(page, span, found);
                }
                paragraphs(page, &article.paragraphs, found);
                if let Some(span) = trailing {
                    alone(page, span, found);
                }
            }
            Item::Photo(photo) => paragraphs(page, &photo.caption, found),
            Item::Other(span) => alone(page, *span, found),
        }
    }
}

/// A headline, a byline, a line of its own: its marks close within it.
fn alone(page: &Page<'_>, span: Span, found: &mut Vec<Found>) {
    let mut open = Vec::new();
    unit(page, &[span], &mut open, found);
    unclosed(&mut open, found);
}

/// A story's paragraphs in order: a quotation left open at a paragraph's end carries on into
/// the next when that one opens with the same mark.
fn paragraphs(page: &Page<'_>, paragraphs: &[Paragraph], found: &mut Vec<Found>) {
    let mut open: Vec<(char, Range<usize>)> = Vec::new();
    for (n, paragraph) in paragraphs.iter().enumerate() {
        unit(page, &paragraph.parts, &mut open, found);
        let next = paragraphs
            .get(n + 1)
            .and_then(|p| p.parts.first())
            .and_then(|&span| page.text()[page.bytes(span)].chars().next());
        // Carried: only quotation marks, and only while the next paragraph reopens them.
        let carried = open.iter().all(|(c, _)| matches!(c, '“' | '‘' | '\u{0}'))
            && matches!(open.first(), Some(('“' | '\u{0}', _)))
            && next == Some('“');
        if carried {
            // The next paragraph's opening mark is the same quotation, not a new one.
            open.truncate(1);
            open[0].0 = '\u{0}';
        } else {
            unclosed(&mut open, found);
        }
    }
    unclosed(&mut open, found);
}

fn unclosed(open: &mut Vec<(char, Range<usize>)>, found: &mut Vec<Found>) {
    for (c, range) in open.drain(..) {
        if c == '\u{0}' {
            continue;
        }
        found.push(Found::new(Check::PairsUnbalanced, range, None));
    }
}

/// Reads the marks of one unit made of `parts`, on top of what is still `open` from before
/// (a quotation carried over), leaving in `open` what it did not close. A carried quotation
/// shows as `'\0'`, and the first opening quote of the unit takes its place.
fn unit(
    page: &Page<'_>,
    parts: &[Span],
    open: &mut Vec<(char, Range<usize>)>,
    found: &mut Vec<Found>,
) {
    let text = page.text();
    for &part in parts {
        let bytes = page.bytes(part);
        let start = bytes.start;
        let part = &text[bytes];
        // Found by their bytes (E2 80 9C for “…): only those places are decoded.
        let places = part
            .as_bytes()
            .windows(3)
            .enumerate()
            .filter(|(_, bytes)| is_paired_mark(bytes))
            .filter_map(|(at, _)| Some((at, part[at..].chars().next()?)));
        for (at, c) in places {
            let range = start + at..start + at + c.len_utf8();
            if closing_of(c).is_some() {
                if c == '“'
                    && let Some(top) = open.last_mut().filter(|(t, _)| *t == '\u{0}')
                {
                    top.0 = '“';
                    top.1 = range;
                    continue;
                }
                open.push((c, range));
            } else if let Some(opening) = opening_of(c) {
                close(opening, range, open, found);
            }
        }
    }
}

/// A closing mark: it closes the innermost open mark if that is its own; one deeper means
/// the marks cross (the ones above are marked as not closed); none means it closes nothing.
fn close(
    opening: char,
    range: Range<usize>,
    open: &mut Vec<(char, Range<usize>)>,
    found: &mut Vec<Found>,
) {
    let matches = |c: char| c == opening || (c == '\u{0}' && opening == '“');
    match open.iter().rposition(|(c, _)| matches(*c)) {
        Some(index) => {
            for (_, crossed) in open.drain(index + 1..) {
                found.push(Found::new(Check::PairsUnbalanced, crossed, None));
            }
            open.pop();
        }
        None => found.push(Found::new(Check::PairsUnbalanced, range, None)),
    }
}
