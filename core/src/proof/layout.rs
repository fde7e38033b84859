//! The parts of a story: a headline ending in 。, spaces inside Chinese body text (a kicker
//! and a headline may hold them), byline brackets of mismatched width and names padded with
//! spaces (刘 畅: a style slip to look at, not to "fix" blindly, so no fix is offered).

use super::found::{Found, Page, is_blank, is_han};
use super::model::Check;
use crate::bulletin::{Item, Paragraph};
use crate::text::Span;

/// Every layout slip on the page.
pub(super) fn check(page: &Page<'_>, found: &mut Vec<Found>) {
    for item in &page.bulletin.items {
        match item {
            Item::Article(article) => {
                if page.wants(Check::HeadlinePeriod) {
                    headline_period(page, article.headline.span, found);
                }
                let bylines = article.byline.as_ref().map(|b| b.span);
                let brackets: Vec<Span> = article
                    .paragraphs
                    .iter()
                    .enumerate()
                    // The first paragraph's only when a byline (the agency) comes before it.
                    .filter(|(n, _)| *n > 0 || bylines.is_some())
                    .filter_map(|(_, paragraph)| names_in_brackets(page, paragraph))
                    .collect();
                if page.wants(Check::SpaceBody) {
                    body_spaces(page, &article.paragraphs, &brackets, found);
                }
                let trailing = article.trailing_byline.as_ref().map(|t| t.span);
                let names = [bylines, trailing]
                    .into_iter()
                    .flatten()
                    .chain(brackets.iter().copied());
                for span in names {
                    if page.wants(Check::BylineBrackets) {
                        byline_brackets(page, span, found);
                    }
                    if page.wants(Check::BylinePaddedName) {
                        padded_names(page, span, found);
                    }
                }
            }
            Item::Photo(photo) if page.wants(Check::SpaceBody) => {
                body_spaces(page, &photo.caption, &[], found);
            }
            Item::Photo(_) | Item::Other(_) => {}
        }
    }
}

fn headline_period(page: &Page<'_>, headline: Span, found: &mut Vec<Found>) {
    let bytes = page.bytes(headline);
    let text = page.text()[bytes.clone()].trim_end_matches(is_blank);
    if text.ends_with('。') {
        let end = bytes.start + text.len();
        found.push(Found::new(
            Check::HeadlinePeriod,
            end - '。'.len_utf8()..end,
            Some(String::new()),
        ));
    }
}

/// The names in brackets at the start of a paragraph that the segmenter did not take as a
/// byline: after 本报讯 when it took only the agency (`本报讯（记者 刘 畅）`), or in the
/// second and later briefs under one headline (`本报讯（记者 林晓舟）…`) — read as a byline's
/// by these checks.
fn names_in_brackets(page: &Page<'_>, paragraph: &Paragraph) -> Option<Span> {
    let first = *paragraph.parts.first()?;
    let text = &page.text()[page.bytes(first)];
    let opening = text.chars().take(16).position(|c| c == '(' || c == '（')?;
    let after_agency = opening
        .checked_sub(1)
        .and_then(|before| text.chars().nth(before))
        .is_none_or(|before| matches!(before, '讯' | '电'));
    if !after_agency {
        return None;
    }
    let close = text.chars().take(48).position(|c| c == ')' || c == '）')?;
    (close > opening).then(|| Span::new(first.start + opening, first.start + close + 1))
}

/// Blanks between two Chinese characters inside a body paragraph (an indent at a line's start
/// is not inside), except in `names`, brackets of names near a paragraph's start.
fn body_spaces(page: &Page<'_>, paragraphs: &[Paragraph], names: &[Span], found: &mut Vec<Found>) {
    let text = page.text();
    for part in paragraphs.iter().flat_map(|p| &p.parts) {
        let part = match names
            .iter()
            .find(|n| part.start <= n.start && n.end <= part.end)
        {
            Some(names) => Span::new(names.end, part.end),
            None => *part,
        };
        let bytes = page.bytes(part);
        let part_text = &text[bytes.clone()];
        // Most paragraphs hold no blank at all (each search here is a fast byte search).
        if !(part_text.contains(' ') || part_text.contains('\u{3000}') || part_text.contains('\t'))
        {
            continue;
        }
        let mut previous: Option<char> = None;
        let mut blank_from: Option<usize> = None;
        for (at, c) in part_text.char_indices() {
            if is_blank(c) {
                if previous.is_some() && blank_from.is_none() {
                    blank_from = Some(at);
                }
                continue;
            }
            if let (Some(from), Some(before)) = (blank_from.take(), previous)
                && is_han(before)
                && is_han(c)
            {
                found.push(Found::new(
                    Check::SpaceBody,
                    bytes.start + from..bytes.start + at,
                    Some(String::new()),
                ));
            }
            previous = if c == '\n' { None } else { Some(c) };
        }
    }
}

/// `(记者 林晓舟）`: the closing bracket of the other width than the opening one.
fn byline_brackets(page: &Page<'_>, span: Span, found: &mut Vec<Found>) {
    let bytes = page.bytes(span);
    let mut opening: Option<char> = None;
    for (at, c) in page.text()[bytes.clone()].char_indices() {
        match c {
            '(' | '（' => opening = Some(c),
            ')' | '）' => {
                let wanted = match opening.take() {
                    Some('(') if c == '）' => ")",
                    Some('（') if c == ')' => "）",
                    _ => continue,
                };
                let start = bytes.start + at;
                found.push(Found::new(
                    Check::BylineBrackets,
                    start..start + c.len_utf8(),
                    Some(wanted.to_owned()),
                ));
            }
            _ => {}
        }
    }
}

/// Two single characters with blanks between them, set off by blanks or brackets: 刘 畅.
fn padded_names(page: &Page<'_>, span: Span, found: &mut Vec<Found>) {
    let bytes = page.bytes(span);
    let chars: Vec<(usize, char)> = page.text()[bytes.clone()].char_indices().collect();
    let bound =
        |i: Option<&(usize, char)>| i.is_none_or(|&(_, c)| is_blank(c) || "()（）、".contains(c));
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let start_bound = i == 0 || bound(chars.get(i - 1));
        if is_han(c) && start_bound {
            let blanks = chars[i + 1..]
                .iter()
                .take_while(|&&(_, b)| is_blank(b))
                .count();
            let second = i + 1 + blanks;
            if blanks > 0
                && chars.get(second).is_some_and(|&(_, d)| is_han(d))
                && bound(chars.get(second + 1))
            {
                let (end_at, d) = chars[second];
                found.push(Found::new(
                    Check::BylinePaddedName,
                    bytes.start + at..bytes.start + end_at + d.len_utf8(),
                    None,
                ));
                i = second + 1;
                continue;
            }
        }
        i += 1;
    }
}
