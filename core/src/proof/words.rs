//! Words: doubled approximation words (约…左右, 近…余), 、 between two numbers of an
//! approximation (三、四天), a character printed twice (的的) and a paragraph printed twice.
//!
//! Reduplication is normal Chinese (谢谢, 实实在在, 和和美美) and 目的的规定 is right, so a
//! doubled character is marked only among function words, only when jieba does not read the
//! first of the two as the end of a word, and never in an AABB pattern.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::found::{Found, Page};
use super::model::Check;
use crate::bulletin::{Item, Paragraph};
use crate::text::words;

/// 约 before a number, 左右 after it.
static APPROX_ABOUT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"约[\d一二三四五六七八九十百千万亿两几][\d.一二三四五六七八九十百千万亿两几]*[^，。；：！？、\s\d]{0,4}?(左右)").ok()
});
/// 近 before a number, 余 after it.
static APPROX_NEAR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"近[\d一二三四五六七八九十百千两][\d.一二三四五六七八九十百千万亿两]*(余)").ok()
});
/// Two neighbouring numerals with 、 before a measure word: 三、四天.
static APPROX_COMMA: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"([一二三四五六七八九])、([二三四五六七八九十])[天个岁次人名倍成里斤位家遍层]").ok()
});
/// Function words that are never doubled in a word of their own.
const NEVER_DOUBLED: &str = "的在和与及把被从是也就都";
const NUMERALS: &str = "一二三四五六七八九十";

/// Every slip of words on the page.
pub(super) fn check(page: &Page<'_>, found: &mut Vec<Found>) {
    let text = page.text();
    if page.wants(Check::WordsApproxDoubled) {
        for regex in [&APPROX_ABOUT, &APPROX_NEAR] {
            let Some(regex) = regex.as_ref() else {
                continue;
            };
            for captures in regex.captures_iter(text) {
                let (Some(whole), Some(word)) = (captures.get(0), captures.get(1)) else {
                    continue;
                };
                let fix = format!(
                    "{}{}",
                    &text[whole.start()..word.start()],
                    &text[word.end()..whole.end()]
                );
                found.push(Found::new(
                    Check::WordsApproxDoubled,
                    whole.range(),
                    Some(fix),
                ));
            }
        }
    }
    if page.wants(Check::WordsApproxComma)
        && let Some(regex) = APPROX_COMMA.as_ref()
    {
        for captures in regex.captures_iter(text) {
            let (Some(first), Some(second)) = (captures.get(1), captures.get(2)) else {
                continue;
            };
            let neighbours =
                NUMERALS.find(&captures[1]).map(|at| at + 3) == NUMERALS.find(&captures[2]);
            let before = text[..first.start()].chars().next_back();
            // 一、二、三 is a list, not an approximation.
            let listed = before.is_some_and(|b| b == '、' || NUMERALS.contains(b));
            if neighbours && !listed {
                let fix = format!("{}{}", &captures[1], &captures[2]);
                found.push(Found::new(
                    Check::WordsApproxComma,
                    first.start()..second.end(),
                    Some(fix),
                ));
            }
        }
    }
    if page.wants(Check::WordsRepeated) {
        repeated_characters(text, found);
    }
    if page.wants(Check::ParagraphRepeated) {
        repeated_paragraphs(page, found);
    }
}

/// 的的, 在在…: the second of two function words, where jieba reads no word ending in the
/// first (目的 + 的 is right).
fn repeated_characters(text: &str, found: &mut Vec<Found>) {
    let mut previous: Option<(usize, char)> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if let Some((before_at, before)) = previous
            && before == c
            && NEVER_DOUBLED.contains(c)
        {
            let next = chars.peek().map(|&(_, n)| n);
            let after_next = text[at + c.len_utf8()..].chars().nth(1);
            let aabb = next.is_some() && next == after_next;
            if !aabb && !ends_a_word(text, before_at) {
                let end = at + c.len_utf8();
                found.push(Found::new(
                    Check::WordsRepeated,
                    before_at..end,
                    Some(c.to_string()),
                ));
            }
        }
        previous = Some((at, c));
    }
}

/// Whether the character at `at` ends a word of two or more characters, by jieba, reading a
/// few characters of context before it.
fn ends_a_word(text: &str, at: usize) -> bool {
    let from = text[..at]
        .char_indices()
        .rev()
        .nth(3)
        .map_or(0, |(start, _)| start);
    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    let window = &text[from..end];
    words::cut(window)
        .last()
        .is_some_and(|word| word.chars().count() > 1)
}

/// A paragraph of some length printed a second time on the page.
fn repeated_paragraphs(page: &Page<'_>, found: &mut Vec<Found>) {
    let text = page.text();
    let mut seen = HashSet::new();
    for item in &page.bulletin.items {
        let paragraphs: &[Paragraph] = match item {
            Item::Article(article) => &article.paragraphs,
            Item::Photo(photo) => &photo.caption,
            Item::Other(_) => &[],
        };
        for paragraph in paragraphs {
            let whole: String = paragraph
                .parts
                .iter()
                .map(|&part| &text[page.bytes(part)])
                .collect();
            let whole = whole.trim().to_owned();
            if whole.chars().count() < 20 {
                continue;
            }
            if !seen.insert(whole) {
                found.push(Found::new(
                    Check::ParagraphRepeated,
                    page.bytes(paragraph.extent()),
                    None,
                ));
            }
        }
    }
}
