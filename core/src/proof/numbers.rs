//! Numbers in publications (GB/T 15835): ranges, mixed digits, abbreviated years, 〇 in
//! years, decimals, times, "降低N倍" and list numbers.
//!
//! Each rule is a small regular expression over the whole text; what a regular expression
//! cannot say (the character before a match) is checked by hand, so that `2026-11-20`,
//! `0571-8800`, `5千米`, `50年` (a span of years) and `90年代` are never marked.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::found::{Found, Page, is_chinese};
use super::model::Check;

/// A regular expression written in this file (checked by the tests).
fn regex(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

/// A range written with a hyphen, before a unit: `1-3个`.
static HYPHEN_RANGE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(r"([0-9]+(?:\.[0-9]+)?)-([0-9]+(?:\.[0-9]+)?)([个岁天年月日次人名项件家所万亿元米倍%℃])")
});
/// A range whose first number drops a unit the second has: `9～16亿`, `15～30%`.
static RANGE_UNIT: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"([0-9]+(?:\.[0-9]+)?)([～~])([0-9]+(?:\.[0-9]+)?)(万亿|亿|万|%)"));
/// Arabic digits with 十, 百 or 千: `4千`, `3亿4千5百万`.
static MIXED: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"([0-9]+(?:\.[0-9]+)?)([十百千])(.?)"));
/// An approximation with 几 after Arabic digits: `20几`.
static APPROX: LazyLock<Option<Regex>> = LazyLock::new(|| regex(r"([0-9]+)几"));
/// A year of two digits before a month: `90年3月`.
static SHORT_YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| regex(r"([0-9]{2})年([0-9]{1,2})月"));
/// A year in Chinese numerals written with 零: `二零一二年`.
static ZERO_YEAR: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"[〇零一二三四五六七八九]{4}年"));
/// A decimal without its 0: `.46`.
static DECIMAL: LazyLock<Option<Regex>> = LazyLock::new(|| regex(r"\.([0-9]+)"));
/// A time with a full-width colon: `15：40`.
static TIME: LazyLock<Option<Regex>> = LazyLock::new(|| regex(r"([0-9]{1,2})：([0-9]{2})"));
/// "降低N倍": a fall cannot be a multiple.
static TIMES_LESS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r"(?:降低|减少|缩小|下降|减小|减低)了?(?:[0-9]+(?:\.[0-9]+)?|[一二三四五六七八九十两]+)倍",
    )
});
/// A list number with 、 at a line start: `1、`.
static LIST_MARK: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"(?m)^[ \t\u{3000}]*([0-9]{1,2})、"));

/// A rule of this file: from a match's captures, `None` to pass it over, else the mark's fix
/// (`Some(None)`: a mark without one).
type Rule<'r> = &'r dyn Fn(&Captures<'_>) -> Option<Option<String>>;

/// Runs `regex` over the page for `check`, marking each match `rule` keeps.
fn each(
    page: &Page<'_>,
    check: Check,
    regex: &LazyLock<Option<Regex>>,
    found: &mut Vec<Found>,
    rule: Rule<'_>,
) {
    if !page.wants(check) {
        return;
    }
    let Some(regex) = regex.as_ref() else { return };
    for captures in regex.captures_iter(page.text()) {
        let Some(whole) = captures.get(0) else {
            continue;
        };
        if let Some(fix) = rule(&captures) {
            found.push(Found::new(check, whole.range(), fix));
        }
    }
}

/// The character before byte `at`.
fn before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// Whether a digit, a point or a hyphen comes just before byte `at`: the match is inside a
/// longer figure, a date or a code.
fn digit_before(text: &str, at: usize) -> bool {
    before(text, at).is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '-')
}

/// Every number-format slip on the page.
pub(super) fn check(page: &Page<'_>, found: &mut Vec<Found>) {
    figures(page, found);
    dates_times_and_lists(page, found);
}

/// Ranges, mixed digits and approximations.
fn figures(page: &Page<'_>, found: &mut Vec<Found>) {
    let text = page.text();
    let digit_before = |at| digit_before(text, at);
    each(page, Check::NumberRangeHyphen, &HYPHEN_RANGE, found, &|c| {
        let whole = c.get(0)?;
        let after = text[whole.end()..].chars().next();
        // Part of a date or a code: 2026-11-20, 0571-8800-12.
        if digit_before(whole.start()) || after == Some('-') {
            return None;
        }
        Some(Some(format!("{}～{}{}", &c[1], &c[2], &c[3])))
    });
    each(page, Check::NumberRangeUnit, &RANGE_UNIT, found, &|c| {
        let whole = c.get(0)?;
        if digit_before(whole.start()) {
            return None;
        }
        let unit = &c[4];
        Some(Some(format!("{}{unit}～{}{unit}", &c[1], &c[3])))
    });
    each(page, Check::NumberMixed, &MIXED, found, &|c| {
        let whole = c.get(0)?;
        let next = &c[3];
        // Units of measure: 千米, 千克, 千瓦; 百分之; a Chinese numeral run (3百5十) is kept whole.
        if matches!(
            next,
            "米" | "克" | "瓦" | "伏" | "卡" | "帕" | "焦" | "赫" | "分" | "位" | "年"
        ) {
            return None;
        }
        if digit_before(whole.start()) {
            return None;
        }
        Some(mixed_fix(&c[1], &c[2], next))
    });
    each(page, Check::NumberApprox, &APPROX, found, &|c| {
        let whole = c.get(0)?;
        if digit_before(whole.start()) {
            return None;
        }
        Some(chinese_tens(&c[1]).map(|tens| format!("{tens}几")))
    });
}

/// Abbreviated years, 零 in years, decimals, times, "降低N倍" and list numbers.
fn dates_times_and_lists(page: &Page<'_>, found: &mut Vec<Found>) {
    let text = page.text();
    let before = |at| before(text, at);
    let digit_before = |at| digit_before(text, at);
    each(page, Check::NumberYear, &SHORT_YEAR, found, &|c| {
        let whole = c.get(0)?;
        let month: u32 = c[2].parse().ok()?;
        if digit_before(whole.start()) || !(1..=12).contains(&month) {
            return None;
        }
        let year: u32 = c[1].parse().ok()?;
        let century = if year < 30 { 2000 } else { 1900 };
        Some(Some(format!("{}年{}月", century + year, &c[2])))
    });
    each(page, Check::NumberZero, &ZERO_YEAR, found, &|c| {
        let whole = &c[0];
        let numeral_before = c
            .get(0)
            .and_then(|m| before(m.start()))
            .is_some_and(|b| "〇零一二三四五六七八九十".contains(b));
        (whole.contains('零') && !numeral_before).then(|| Some(whole.replace('零', "〇")))
    });
    each(page, Check::NumberDecimal, &DECIMAL, found, &|c| {
        let whole = c.get(0)?;
        let prev = before(whole.start());
        // After Chinese (or a line start): not a version, an address or 3.46.
        let after_chinese = prev.is_none_or(|p| is_chinese(p) || p == '\n' || p == ' ');
        let next = text[whole.end()..].chars().next();
        (after_chinese && !matches!(next, Some('.'))).then(|| Some(format!("0.{}", &c[1])))
    });
    each(page, Check::NumberTime, &TIME, found, &|c| {
        let whole = c.get(0)?;
        let (hour, minute): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        let digit_after = text[whole.end()..]
            .chars()
            .next()
            .is_some_and(|n| n.is_ascii_digit());
        if digit_before(whole.start()) || digit_after || hour > 24 || minute > 59 {
            return None;
        }
        Some(Some(format!("{}:{}", &c[1], &c[2])))
    });
    each(page, Check::NumberTimesLess, &TIMES_LESS, found, &|_| {
        Some(None)
    });
    each(page, Check::NumberListMark, &LIST_MARK, found, &|c| {
        Some(Some(format!("{}.", &c[1])))
    });
    // The list mark's match starts with the line's blanks: the mark is the number and its 、.
    for mark in found
        .iter_mut()
        .filter(|m| m.check == Check::NumberListMark)
    {
        let matched = &text[mark.range.clone()];
        let blanks = matched.len() - matched.trim_start_matches([' ', '\t', '\u{3000}']).len();
        mark.range.start += blanks;
    }
}

/// `4千` → `4000`, `3.5千` → `3500`, `5百万` → `500万`; `None` where the figure goes on in
/// Chinese numerals (`3亿4千5百万`), which an editor rewrites.
fn mixed_fix(number: &str, numeral: &str, next: &str) -> Option<String> {
    if next
        .chars()
        .next()
        .is_some_and(|n| n.is_ascii_digit() || "一二三四五六七八九十百千".contains(n))
    {
        return None;
    }
    let zeros = match numeral {
        "十" => 1,
        "百" => 2,
        _ => 3,
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if fraction.len() > zeros {
        return None;
    }
    let digits = format!("{whole}{fraction}{}", "0".repeat(zeros - fraction.len()));
    let trimmed = digits.trim_start_matches('0');
    Some(format!(
        "{}{next}",
        if trimmed.is_empty() { "0" } else { trimmed }
    ))
}

/// `20` → `二十`, `300` → `三百`: round tens and hundreds, as 几 needs.
fn chinese_tens(number: &str) -> Option<String> {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let value: usize = number.parse().ok()?;
    match value {
        10 => Some("十".to_owned()),
        20..=90 if value.is_multiple_of(10) => Some(format!("{}十", DIGITS[value / 10])),
        100..=900 if value.is_multiple_of(100) => Some(format!("{}百", DIGITS[value / 100])),
        _ => None,
    }
}
