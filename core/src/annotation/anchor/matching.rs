//! Matching a quote and its context against page text: occurrences, how much of a stored
//! context agrees, and the fuzzy match between surviving context. Pure functions of text;
//! the choices are the parent module's.

use super::super::model::Annotation;

/// How far (in bytes) around the expected position to look for a quote first, before trying the
/// whole page.
pub(super) const WINDOW_BYTES: usize = 16 * 1024;
/// A fuzzy match must share at least this share of the quote's characters.
pub(super) const MIN_SIMILARITY: f64 = 0.5;

/// How often `quote` stands on `text`: 0, 1, or 2 for more.
pub(super) fn occurrences(text: &str, quote: &str) -> usize {
    find_all(text, quote).take(2).count()
}

/// Byte offsets of every occurrence of `needle` in `haystack`, overlapping ones included
/// (`。。` occurs twice in `。。。`).
pub(super) fn find_all<'a>(haystack: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let found = from + haystack.get(from..)?.find(needle)?;
        from = found + haystack[found..].chars().next().map_or(1, char::len_utf8);
        Some(found)
    })
}

/// How many characters of the stored context agree with the text around `start..end`: on
/// each side, the longest common subsequence of the stored context and as many characters of
/// the text, so that a word replaced by another next to the quote, even of another length,
/// leaves the rest agreeing.
pub(super) fn context_score(
    text: &str,
    start: usize,
    end: usize,
    annotation: &Annotation,
) -> usize {
    let before: Vec<char> = {
        let mut chars: Vec<char> = text[..start]
            .chars()
            .rev()
            .take(annotation.prefix.chars().count())
            .collect();
        chars.reverse();
        chars
    };
    let after: Vec<char> = text[end..]
        .chars()
        .take(annotation.suffix.chars().count())
        .collect();
    let prefix: Vec<char> = annotation.prefix.chars().collect();
    let suffix: Vec<char> = annotation.suffix.chars().collect();
    common_subsequence(&before, &prefix) + common_subsequence(&after, &suffix)
}

/// Length of the longest common subsequence of `a` and `b`.
pub(super) fn common_subsequence(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &ca in a {
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
    row[b.len()]
}

/// The quote is gone: look for its surviving context near `expected` and take what lies between,
/// if it is similar enough to the quote.
pub(super) fn fuzzy(
    text: &str,
    annotation: &Annotation,
    expected: usize,
) -> Option<std::ops::Range<usize>> {
    let quote_len = annotation.quote.len();
    let near = window(text, expected, WINDOW_BYTES + quote_len);
    let prefix = annotation.prefix.as_str();
    let suffix = annotation.suffix.as_str();
    // The occurrence of `needle` that puts the quote nearest `expected`: `lead` is how far
    // the quote starts after the needle's start.
    let nearest = |needle: &str, from: usize, lead: isize| -> Option<usize> {
        if needle.chars().count() < 2 {
            return None;
        }
        let haystack = text.get(near.start.max(from)..near.end)?;
        find_all(haystack, needle)
            .map(|offset| near.start.max(from) + offset)
            .min_by_key(|&at| at.saturating_add_signed(lead).abs_diff(expected))
    };
    let after_prefix = nearest(prefix, 0, prefix.len() as isize).map(|at| at + prefix.len());
    let before_suffix = nearest(suffix, after_prefix.unwrap_or(0), -(quote_len as isize));
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
pub(super) fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    common_subsequence(&a, &b) as f64 / a.len().max(b.len()) as f64
}

/// Bytes within `radius` of `center`, on character boundaries.
pub(super) fn window(text: &str, center: usize, radius: usize) -> std::ops::Range<usize> {
    floor_boundary(text, center.saturating_sub(radius))
        ..ceil_boundary(text, center.saturating_add(radius))
}

pub(super) fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

pub(super) fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}
