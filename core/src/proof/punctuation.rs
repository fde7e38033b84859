//! Punctuation of one line at a time (GB/T 15834): half-width marks and straight quotes in
//! Chinese text, corner quotes, full-width digits and letters, repeated marks, ellipses and
//! dashes.
//!
//! Nothing here ever asks for a space between Chinese and digits or Latin letters; marks
//! between two digits or two letters (`1,000`, `15:40`, `3.5`, `www.example.cn`) are left
//! alone.

use super::found::{Found, Page, is_blank, is_chinese, is_han, lines};
use super::model::Check;
use super::settings::Quotes;

/// Every punctuation slip on the page, line by line.
pub(super) fn check(page: &Page<'_>, found: &mut Vec<Found>) {
    let mut chars = Vec::new();
    for (start, line) in lines(page.text()) {
        if line.is_ascii() {
            // No Chinese, so no Chinese text to hold a slip.
            continue;
        }
        chars.clear();
        chars.extend(line.char_indices().map(|(at, c)| (start + at, c)));
        let line = Line { chars: &chars };
        line.marks(page, found);
    }
}

/// One line's characters with their byte offsets into the page.
struct Line<'c> {
    chars: &'c [(usize, char)],
}

impl Line<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    /// The nearest character before `i` that is not a blank.
    fn before(&self, i: usize) -> Option<char> {
        self.chars[..i]
            .iter()
            .rev()
            .map(|&(_, c)| c)
            .find(|&c| !is_blank(c))
    }

    /// The nearest character after `i` that is not a blank.
    fn after(&self, i: usize) -> Option<char> {
        self.chars[i + 1..]
            .iter()
            .map(|&(_, c)| c)
            .find(|&c| !is_blank(c))
    }

    /// Byte range of the characters `from..to`.
    fn range(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let start = self.chars[from].0;
        let end = self.chars.get(to).map_or_else(
            || {
                let (at, c) = self.chars[to - 1];
                at + c.len_utf8()
            },
            |&(at, _)| at,
        );
        start..end
    }

    /// How many times `c` repeats from `i` on.
    fn run(&self, i: usize, c: char) -> usize {
        self.chars[i..].iter().take_while(|&&(_, d)| d == c).count()
    }

    fn marks(&self, page: &Page<'_>, found: &mut Vec<Found>) {
        let mut straight = [0usize; 2];
        let mut i = 0;
        while i < self.chars.len() {
            let c = self.chars[i].1;
            let step = match c {
                ',' | ';' | ':' | '?' | '!' | '(' | ')' => self.half_width(i, c, page, found),
                '.' => self.dot(i, page, found),
                '"' | '\'' => {
                    let parity = &mut straight[usize::from(c == '\'')];
                    self.straight_quote(i, c, parity, page, found)
                }
                '「' | '」' | '『' | '』' => {
                    if page.settings.quotes() == Quotes::Curly
                        && page.wants(Check::PunctCornerQuotes)
                    {
                        let curly = match c {
                            '「' => "“",
                            '」' => "”",
                            '『' => "‘",
                            _ => "’",
                        };
                        self.push(found, Check::PunctCornerQuotes, i, i + 1, curly);
                    }
                    1
                }
                '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => self.full_width(i, page, found),
                '，' | '、' | '；' | '：' | '。' => self.repeated(i, c, page, found),
                '？' | '！' => self.exclamations(i, page, found),
                '…' => self.ellipsis(i, page, found),
                '-' | '－' => self.dash(i, c, page, found),
                _ => 1,
            };
            i += step.max(1);
        }
    }

    fn push(&self, found: &mut Vec<Found>, check: Check, from: usize, to: usize, fix: &str) {
        found.push(Found::new(
            check,
            self.range(from, to),
            Some(fix.to_owned()),
        ));
    }

    /// `,;:?!()` in Chinese text.
    fn half_width(&self, i: usize, c: char, page: &Page<'_>, found: &mut Vec<Found>) -> usize {
        let (before, after) = (self.before(i), self.after(i));
        let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        let between_latin = alnum(before) && alnum(after);
        let chinese = before.is_some_and(is_chinese) || after.is_some_and(is_chinese);
        let bracket = matches!(c, '(' | ')');
        if page.wants(Check::PunctHalfwidth) && chinese && (bracket || !between_latin) {
            let wide = match c {
                ',' => "，",
                ';' => "；",
                ':' => "：",
                '?' => "？",
                '!' => "！",
                '(' => "（",
                _ => "）",
            };
            self.push(found, Check::PunctHalfwidth, i, i + 1, wide);
        }
        1
    }

    /// `.` after Chinese, not in a number (`.46` is [`Check::NumberDecimal`]), not in `...`.
    fn dot(&self, i: usize, page: &Page<'_>, found: &mut Vec<Found>) -> usize {
        let run = self.run(i, '.');
        if run >= 3 {
            if page.wants(Check::PunctEllipsis) && self.chinese_around(i, run) {
                self.push(found, Check::PunctEllipsis, i, i + run, "……");
            }
            return run;
        }
        let before = i.checked_sub(1).and_then(|b| self.at(b));
        let after = self.at(i + run);
        let sentence_end = before
            .is_some_and(|c| is_han(c) || matches!(c, '”' | '’' | '）' | '》'))
            && !after.is_some_and(|c| c.is_ascii_alphanumeric());
        if run == 1 && sentence_end && page.wants(Check::PunctHalfwidth) {
            self.push(found, Check::PunctHalfwidth, i, i + 1, "。");
        }
        run
    }

    fn chinese_around(&self, i: usize, run: usize) -> bool {
        self.before(i).is_some_and(is_chinese) || self.after(i + run - 1).is_some_and(is_chinese)
    }

    /// A straight quote in Chinese text: opening or closing by its place among the line's
    /// straight quotes, as they alternate.
    fn straight_quote(
        &self,
        i: usize,
        c: char,
        parity: &mut usize,
        page: &Page<'_>,
        found: &mut Vec<Found>,
    ) -> usize {
        let (before, after) = (self.before(i), self.after(i));
        let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        if c == '\'' && letter(before) && letter(after) {
            return 1; // an apostrophe: it's
        }
        let chinese = before.is_some_and(is_chinese) || after.is_some_and(is_chinese);
        // The partner of a quote opened in Chinese text is a slip too, whatever follows it.
        if chinese || *parity % 2 == 1 {
            let opening = *parity % 2 == 0;
            *parity += 1;
            if page.wants(Check::PunctQuotes) {
                let curly = match (c, opening) {
                    ('"', true) => "“",
                    ('"', false) => "”",
                    (_, true) => "‘",
                    _ => "’",
                };
                self.push(found, Check::PunctQuotes, i, i + 1, curly);
            }
        }
        1
    }

    /// A run of full-width digits and letters, to be half-width.
    fn full_width(&self, i: usize, page: &Page<'_>, found: &mut Vec<Found>) -> usize {
        let run = self.chars[i..]
            .iter()
            .take_while(|&&(_, c)| matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ'))
            .count();
        if page.wants(Check::WidthAlnum) {
            let half: String = self.chars[i..i + run]
                .iter()
                .filter_map(|&(_, c)| char::from_u32(u32::from(c) - 0xFEE0))
                .collect();
            self.push(found, Check::WidthAlnum, i, i + run, &half);
        }
        run
    }

    /// `，，` `。。`; three or more `。` are an ellipsis written wrong.
    fn repeated(&self, i: usize, c: char, page: &Page<'_>, found: &mut Vec<Found>) -> usize {
        let run = self.run(i, c);
        if c == '。' && run >= 3 {
            if page.wants(Check::PunctEllipsis) {
                self.push(found, Check::PunctEllipsis, i, i + run, "……");
            }
        } else if run >= 2 && page.wants(Check::PunctRepeated) {
            self.push(found, Check::PunctRepeated, i, i + run, &c.to_string());
        }
        run
    }

    /// More than three `？` and `！` in a row.
    fn exclamations(&self, i: usize, page: &Page<'_>, found: &mut Vec<Found>) -> usize {
        let run = self.chars[i..]
            .iter()
            .take_while(|&&(_, c)| matches!(c, '？' | '！'))
            .count();
        if run > 3 && page.wants(Check::PunctExclamations) {
            let kept: String = self.chars[i..i + 3].iter().map(|&(_, c)| c).collect();
            self.push(found, Check::PunctExclamations, i, i + run, &kept);
        }
        run
    }

    /// A single `…` (the ellipsis is two), and `……等`.
    fn ellipsis(&self, i: usize, page: &Page<'_>, found: &mut Vec<Found>) -> usize {
        let run = self.run(i, '…');
        if run == 1 && page.wants(Check::PunctEllipsis) {
            self.push(found, Check::PunctEllipsis, i, i + 1, "……");
        } else if run >= 2 && self.at(i + run) == Some('等') && page.wants(Check::PunctEllipsisDeng)
        {
            self.push(found, Check::PunctEllipsisDeng, i, i + run + 1, "等");
        }
        run
    }

    /// `--` or `－－` for a dash in Chinese text. A single hyphen is left to the number checks.
    fn dash(&self, i: usize, c: char, page: &Page<'_>, found: &mut Vec<Found>) -> usize {
        let run = self.run(i, c);
        if run >= 2 && page.wants(Check::PunctDash) && self.chinese_around(i, run) {
            self.push(found, Check::PunctDash, i, i + run, "——");
        }
        run
    }
}
