//! Words: doubled approximation words (约…左右, 近…余), 、 between two numbers of an
//! approximation (三、四天), a character printed twice (的的) and a paragraph printed twice.
//!
//! Reduplication is normal Chinese (谢谢, 实实在在, 和和美美) and 目的的规定 is right, so a
//! doubled character is marked only among function words, only when jieba does not read the
//! first of the two as the end of a word, and never in an AABB pattern.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::found::{Found, Page};
use super::model::Check;
use crate::bulletin::{Item, Paragraph};
use crate::text::words;

/// 约 before a number, 左右 after it.
static APPROX_ABOUT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"约[0-9一二三四五六七八九十百千万亿两几][0-9.一二三四五六七八九十百千万亿两几]*[^，。；：！？、\s0-9]{0,4}?(左右)").ok()
});
/// 近 before a number, 余 after it.
static APPROX_NEAR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"近[0-9一二三四五六七八九十百千两][0-9.一二三四五六七八九十百千万亿两]*(余)").ok()
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

/// Any function word of [`NEVER_DOUBLED`] printed twice: a literal search, far faster than
/// reading every character.
static DOUBLED: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let pairs: Vec<String> = NEVER_DOUBLED.chars().map(|c| format!("{c}{c}")).collect();
    Regex::new(&pairs.join("|")).ok()
});

/// 的的, 在在…: two function words, where jieba reads no word ending in the first (目的 + 的
/// is right) and neither pair of an AABB (是是非非, 实实在在) is the pair.
fn repeated_characters(text: &str, found: &mut Vec<Found>) {
    let Some(doubled) = DOUBLED.as_ref() else {
        return;
    };
    for pair in doubled.find_iter(text) {
        let Some(c) = pair.as_str().chars().next() else {
            continue;
        };
        let mut after = text[pair.end()..].chars();
        let mut before = text[..pair.start()].chars().rev();
        let aa_before = before.next().is_some_and(|b| Some(b) == before.next());
        let bb_after = after.next().is_some_and(|a| Some(a) == after.next());
        if !aa_before && !bb_after && !ends_a_word(text, pair.start()) {
            found.push(Found::new(
                Check::WordsRepeated,
                pair.range(),
                Some(c.to_string()),
            ));
        }
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
            // Borrowed from the page when the paragraph is one part, as most are.
            let whole: Cow<'_, str> = match paragraph.parts.as_slice() {
                [part] => Cow::Borrowed(text[page.bytes(*part)].trim()),
                parts => Cow::Owned(
                    parts
                        .iter()
                        .map(|&part| &text[page.bytes(part)])
                        .collect::<String>()
                        .trim()
                        .to_owned(),
                ),
            };
            // 20 characters: 60 bytes of Chinese, at least 20 of anything.
            if whole.len() < 20 || whole.chars().count() < 20 {
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
