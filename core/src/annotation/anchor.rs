//! Re-anchoring: placing annotations again after the page's text changed elsewhere.
//!
//! Each annotation carries its quote and a little context on each side. When the page no longer
//! matches the sidecar's fingerprint, every annotation is tried in turn: the same range if the
//! quote is still there; else the quote found nearby, the occurrence whose surroundings match
//! best; else a fuzzy match between the surviving context; else it is kept as orphaned. Nothing
//! is ever dropped.

use serde::Serialize;

use super::model::{Anchor, Annotation};
use crate::text::{Source, Span};

/// How far (in bytes) around the expected position to look for a quote first, before trying the
/// whole page.
const WINDOW_BYTES: usize = 16 * 1024;
/// A fuzzy match must share at least this share of the quote's characters.
const MIN_SIMILARITY: f64 = 0.5;

/// How many annotations ended up each way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AnchorReport {
    /// Still at the same range.
    pub exact: usize,
    /// Found elsewhere with the same quote.
    pub moved: usize,
    /// Found with a changed quote.
    pub fuzzy: usize,
    /// Not found; kept with their old range.
    pub orphaned: usize,
}

impl AnchorReport {
    /// True if every annotation is where it was.
    pub fn all_exact(&self) -> bool {
        self.moved == 0 && self.fuzzy == 0 && self.orphaned == 0
    }

    fn count(&mut self, anchor: Anchor) {
        match anchor {
            Anchor::Exact => self.exact += 1,
            Anchor::Moved => self.moved += 1,
            Anchor::Fuzzy => self.fuzzy += 1,
            Anchor::Orphaned => self.orphaned += 1,
        }
    }
}

/// Places every annotation on `source` again and records how in each one's `anchor`.
pub fn reanchor(source: &Source, annotations: &mut [Annotation]) -> AnchorReport {
    let mut order: Vec<usize> = (0..annotations.len()).collect();
    order.sort_by_key(|&i| annotations[i].start);
    let mut report = AnchorReport::default();
    // Edits shift everything after them alike: follow the last shift seen.
    let mut shift: isize = 0;
    for i in order {
        let annotation = &mut annotations[i];
        let expected = annotation.start.saturating_add_signed(shift);
        let found = locate(source, annotation, expected);
        match found {
            Some((span, anchor)) => {
                shift = span.start as isize - annotation.start as isize;
                if anchor == Anchor::Fuzzy {
                    annotation.place(source, span);
                } else {
                    // Same quote: keep the stored context, which reflects the page as annotated.
                    annotation.start = span.start;
                    annotation.end = span.end;
                }
                annotation.anchor = anchor;
            }
            None => annotation.anchor = Anchor::Orphaned,
        }
        report.count(annotation.anchor);
    }
    report
}

/// Where `annotation` belongs on `source`, and how it was found.
fn locate(source: &Source, annotation: &Annotation, expected: usize) -> Option<(Span, Anchor)> {
    let text = source.text();
    let offsets = source.offsets();
    let quote = annotation.quote.as_str();
    let quote_chars = quote.chars().count();
    if quote.is_empty() {
        return None;
    }
    let old = annotation.span();
    // Fast path: quote and all its context still in place.
    if source.slice(old) == quote
        && old.len() == quote_chars
        && let Some(range) = offsets.byte_range(text, old)
    {
        let full = annotation.prefix.chars().count() + annotation.suffix.chars().count();
        if context_score(text, range.start, range.end, annotation) == full {
            return Some((old, Anchor::Exact));
        }
    }
    let expected_byte = offsets
        .to_byte(text, expected.min(source.char_len()))
        .unwrap_or(text.len());
    // Edits shift whole stretches of a page: try the shifted position before searching.
    if let Some(shifted) = text.get(expected_byte..expected_byte + quote.len())
        && shifted == quote
    {
        let full = annotation.prefix.chars().count() + annotation.suffix.chars().count();
        let score = context_score(text, expected_byte, expected_byte + quote.len(), annotation);
        if score * 2 >= full && score > 0 {
            let span = Span::new(expected, expected + quote_chars);
            let anchor = if span == old {
                Anchor::Exact
            } else {
                Anchor::Moved
            };
            return Some((span, anchor));
        }
    }
    if let Some(start) = best_occurrence(text, quote, expected_byte, annotation) {
        let span = offsets.span(text, start..start + quote.len())?;
        let anchor = if span == old {
            Anchor::Exact
        } else {
            Anchor::Moved
        };
        return Some((span, anchor));
    }
    fuzzy(text, annotation, expected_byte)
        .and_then(|range| Some((offsets.span(text, range)?, Anchor::Fuzzy)))
}

/// The occurrence of `quote` whose context matches the annotation's best, nearest to
/// `expected` among equals; searched in growing windows around `expected`, then everywhere.
/// Without any context match, the nearest occurrence is taken.
fn best_occurrence(
    text: &str,
    quote: &str,
    expected: usize,
    annotation: &Annotation,
) -> Option<usize> {
    let mut nearest_without_context = None;
    for radius in [1024, WINDOW_BYTES, text.len()] {
        match pick(
            text,
            quote,
            window(text, expected, radius),
            expected,
            annotation,
        ) {
            Some((start, score)) if score > 0 => return Some(start),
            Some((start, _)) => {
                nearest_without_context.get_or_insert(start);
            }
            None => {}
        }
        if radius >= text.len() {
            break;
        }
    }
    nearest_without_context
}

/// Best occurrence of `quote` starting inside `range`, with its context score.
fn pick(
    text: &str,
    quote: &str,
    range: std::ops::Range<usize>,
    expected: usize,
    annotation: &Annotation,
) -> Option<(usize, usize)> {
    let haystack_end = (range.end + quote.len()).min(text.len());
    let haystack = text.get(range.start..haystack_end)?;
    find_all(haystack, quote)
        .map(|offset| range.start + offset)
        .map(|start| {
            (
                start,
                context_score(text, start, start + quote.len(), annotation),
            )
        })
        .max_by_key(|&(start, score)| (score, std::cmp::Reverse(start.abs_diff(expected))))
}

/// Byte offsets of every occurrence of `needle` in `haystack`, overlapping ones included
/// (`。。` occurs twice in `。。。`).
fn find_all<'a>(haystack: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let found = from + haystack.get(from..)?.find(needle)?;
        from = found + haystack[found..].chars().next().map_or(1, char::len_utf8);
        Some(found)
    })
}

/// How many characters of the stored context agree with the text around `start..end`.
fn context_score(text: &str, start: usize, end: usize, annotation: &Annotation) -> usize {
    let before = text[..start].chars().rev();
    let prefix_match = before
        .zip(annotation.prefix.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = text[end..].chars();
    let suffix_match = after
        .zip(annotation.suffix.chars())
        .take_while(|(a, b)| a == b)
        .count();
    prefix_match + suffix_match
}

/// The quote is gone: look for its surviving context near `expected` and take what lies between,
/// if it is similar enough to the quote.
fn fuzzy(text: &str, annotation: &Annotation, expected: usize) -> Option<std::ops::Range<usize>> {
    let quote_len = annotation.quote.len();
    let near = window(text, expected, WINDOW_BYTES + quote_len);
    let prefix = annotation.prefix.as_str();
    let suffix = annotation.suffix.as_str();
    let nearest = |needle: &str, from: usize| -> Option<usize> {
        if needle.chars().count() < 2 {
            return None;
        }
        let haystack = text.get(near.start.max(from)..near.end)?;
        find_all(haystack, needle)
            .map(|offset| near.start.max(from) + offset)
            .min_by_key(|&at| at.abs_diff(expected))
    };
    let after_prefix = nearest(prefix, 0).map(|at| at + prefix.len());
    let before_suffix = nearest(suffix, after_prefix.unwrap_or(0));
    let candidate = match (after_prefix, before_suffix) {
        (Some(start), Some(end)) if end > start && end - start <= 2 * quote_len + 16 => start..end,
        (Some(start), _) => start..floor_boundary(text, start + quote_len),
        (None, Some(end)) => ceil_boundary(text, end.saturating_sub(quote_len))..end,
        (None, None) => return None,
    };
    let found = text.get(candidate.clone())?;
    (!found.trim().is_empty() && similarity(found, &annotation.quote) >= MIN_SIMILARITY)
        .then_some(candidate)
}

/// Share of characters the two strings have in common, by longest common subsequence.
fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut row = vec![0usize; b.len() + 1];
    for &ca in &a {
        let mut diagonal = 0;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()] as f64 / a.len().max(b.len()) as f64
}

/// Bytes within `radius` of `center`, on character boundaries.
fn window(text: &str, center: usize, radius: usize) -> std::ops::Range<usize> {
    floor_boundary(text, center.saturating_sub(radius))
        ..ceil_boundary(text, center.saturating_add(radius))
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::model::Origin;
    use crate::text::PageEncoding;

    fn source(text: &str) -> Source {
        Source::from_text(text, PageEncoding::Utf8)
    }

    fn tag(source: &Source, quote: &str, nth: usize) -> Annotation {
        let byte = source.text().match_indices(quote).nth(nth).unwrap().0;
        let start = source.offsets().to_char(source.text(), byte).unwrap();
        let span = Span::new(start, start + quote.chars().count());
        Annotation::new(source, "PER", span, Origin::Manual, "test")
    }

    const PAGE: &str = "本报讯(记者 林晓舟)新区今年完成投资12.5亿元,林晓舟说,项目进展顺利。";

    #[test]
    fn unchanged_text_is_exact() {
        let page = source(PAGE);
        let mut annotations = vec![tag(&page, "林晓舟", 1)];
        let report = reanchor(&page, &mut annotations);
        assert_eq!(
            report,
            AnchorReport {
                exact: 1,
                ..AnchorReport::default()
            }
        );
    }

    #[test]
    fn insertion_above_moves_to_the_same_occurrence() {
        let before = source(PAGE);
        let mut annotations = vec![tag(&before, "林晓舟", 0), tag(&before, "林晓舟", 1)];
        let after = source(&format!("😀插入一段新的导语。\n\n{PAGE}"));
        let report = reanchor(&after, &mut annotations);
        assert_eq!(report.moved, 2);
        let shift = "😀插入一段新的导语。\n\n".chars().count();
        assert_eq!(annotations[0].start, 7 + shift);
        assert_eq!(annotations[1].start, 26 + shift);
        for annotation in &annotations {
            assert_eq!(after.slice(annotation.span()), "林晓舟");
            assert_eq!(annotation.anchor, Anchor::Moved);
        }
    }

    #[test]
    fn edited_quote_is_found_fuzzily() {
        let before = source(PAGE);
        let mut annotations = vec![tag(&before, "新区今年完成投资12.5亿元", 0)];
        let after = source(&PAGE.replace("12.5亿元", "12.8亿元"));
        let report = reanchor(&after, &mut annotations);
        assert_eq!(report.fuzzy, 1);
        assert_eq!(annotations[0].quote, "新区今年完成投资12.8亿元");
        assert_eq!(annotations[0].anchor, Anchor::Fuzzy);
    }

    #[test]
    fn removed_text_is_orphaned_not_dropped() {
        let before = source(PAGE);
        let mut annotations = vec![tag(&before, "项目进展顺利", 0)];
        let after = source("完全不同的一页。");
        let report = reanchor(&after, &mut annotations);
        assert_eq!(report.orphaned, 1);
        assert_eq!(annotations.len(), 1);
        assert_eq!(annotations[0].quote, "项目进展顺利");
        assert_eq!(annotations[0].anchor, Anchor::Orphaned);
    }

    #[test]
    fn similarity_counts_common_characters() {
        assert!((similarity("12.5亿元", "12.8亿元") - 5.0 / 6.0).abs() < 1e-9);
        assert!(similarity("abc", "xyz") < 1e-9);
    }
}
