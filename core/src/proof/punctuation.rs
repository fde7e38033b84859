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

/// The first bytes of the characters [`Line::marks`] looks at: ASCII punctuation, and the
/// lead bytes of general punctuation (…), CJK punctuation (、。「」) and full-width forms.
const CANDIDATE: [bool; 256] = {
    let mut table = [false; 256];
    let ascii = b",;:?!().\"'-";
    let mut n = 0;
    while n < ascii.len() {
        table[ascii[n] as usize] = true;
        n += 1;
    }
    table[0xE2] = true;
    table[0xE3] = true;
    table[0xEF] = true;
    table
};

/// Every punctuation slip on the page, line by line.
pub(super) fn check(page: &Page<'_>, found: &mut Vec<Found>) {
    for (start, text) in lines(page.text()) {
        if text.is_ascii() {
            // No Chinese, so no Chinese text to hold a slip.
            continue;
        }
        Line { start, text }.marks(page, found);
    }
}

/// One line, and the byte offset where it starts in the page. Positions below are byte
/// offsets into the line, always on character boundaries.
struct Line<'t> {
    start: usize,
    text: &'t str,
}

impl Line<'_> {
    /// The character at `i`.
    fn at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|rest| rest.chars().next())
    }

    /// The character just before `i`.
    fn just_before(&self, i: usize) -> Option<char> {
        self.text[..i].chars().next_back()
    }

    /// The nearest character before `i` that is not a blank.
    fn before(&self, i: usize) -> Option<char> {
        self.text[..i].chars().rev().find(|&c| !is_blank(c))
    }

    /// The nearest character after the one at `i` that is not a blank.
    fn after(&self, i: usize) -> Option<char> {
        let mut rest = self.text[i..].chars();
        rest.next();
        rest.find(|&c| !is_blank(c))
    }

    /// How many bytes of `c` repeated start at `i`.
    fn run(&self, i: usize, c: char) -> usize {
        self.text[i..].chars().take_while(|&d| d == c).count() * c.len_utf8()
    }

    /// How many bytes from `i` on are characters `keep` takes.
    fn run_of(&self, i: usize, keep: impl Fn(char) -> bool) -> usize {
        self.text[i..]
            .chars()
            .take_while(|&c| keep(c))
            .map(char::len_utf8)
            .sum()
    }

    fn marks(&self, page: &Page<'_>, found: &mut Vec<Found>) {
        let mut straight = [0usize; 2];
        let bytes = self.text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Chinese characters (lead bytes E4–E9) and continuation bytes are passed over
            // without decoding: every mark looked at here starts with another byte.
            if !CANDIDATE[usize::from(bytes[i])] {
                i += 1;
                continue;
            }
            let Some(c) = self.at(i) else { break };
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
                        self.push(found, Check::PunctCornerQuotes, i, i + c.len_utf8(), curly);
                    }
                    c.len_utf8()
                }
                '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => self.full_width(i, page, found),
                '，' | '、' | '；' | '：' | '。' => self.repeated(i, c, page, found),
                '？' | '！' => self.exclamations(i, page, found),
                '…' => self.ellipsis(i, page, found),
                '-' | '－' => self.dash(i, c, page, found),
                _ => c.len_utf8(),
            };
            i += step.max(c.len_utf8());
        }
    }

    /// A mark over the line's bytes `from..to`.
    fn push(&self, found: &mut Vec<Found>, check: Check, from: usize, to: usize, fix: &str) {
        let range = self.start + from..self.start + to;
        found.push(Found::new(check, range, Some(fix.to_owned())));
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
        let before = self.just_before(i);
        let after = self.at(i + run);
        let sentence_end = before
            .is_some_and(|c| is_han(c) || matches!(c, '”' | '’' | '）' | '》'))
            && !after.is_some_and(|c| c.is_ascii_alphanumeric());
        if run == 1 && sentence_end && page.wants(Check::PunctHalfwidth) {
            self.push(found, Check::PunctHalfwidth, i, i + 1, "。");
        }
        run
    }

    /// Whether Chinese is next to the run of `run` bytes at `i` (blanks aside).
    fn chinese_around(&self, i: usize, run: usize) -> bool {
        let after = self.text[i + run..].chars().find(|&c| !is_blank(c));
        self.before(i).is_some_and(is_chinese) || after.is_some_and(is_chinese)
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
        if chinese || !parity.is_multiple_of(2) {
            let opening = parity.is_multiple_of(2);
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
        let run = self.run_of(i, |c| matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ'));
        if page.wants(Check::WidthAlnum) {
            let half: String = self.text[i..i + run]
                .chars()
                .filter_map(|c| char::from_u32(u32::from(c) - 0xFEE0))
                .collect();
            self.push(found, Check::WidthAlnum, i, i + run, &half);
        }
        run
    }

    /// `，，` `。。`; three or more `。` are an ellipsis written wrong.
    fn repeated(&self, i: usize, c: char, page: &Page<'_>, found: &mut Vec<Found>) -> usize {
        let run = self.run(i, c);
        let count = run / c.len_utf8();
        if c == '。' && count >= 3 {
            if page.wants(Check::PunctEllipsis) {
                self.push(found, Check::PunctEllipsis, i, i + run, "……");
            }
        } else if count >= 2 && page.wants(Check::PunctRepeated) {
            self.push(found, Check::PunctRepeated, i, i + run, &c.to_string());
        }
        run
    }

    /// More than three `？` and `！` in a row.
    fn exclamations(&self, i: usize, page: &Page<'_>, found: &mut Vec<Found>) -> usize {
        let run = self.run_of(i, |c| matches!(c, '？' | '！'));
        // Both are three bytes long.
        if run > 3 * 3 && page.wants(Check::PunctExclamations) {
            let kept = &self.text[i..i + 3 * 3];
            self.push(found, Check::PunctExclamations, i, i + run, kept);
        }
        run
    }

    /// A single `…` (the ellipsis is two), and `……等`.
    fn ellipsis(&self, i: usize, page: &Page<'_>, found: &mut Vec<Found>) -> usize {
        let width = '…'.len_utf8();
        let run = self.run(i, '…');
        if run == width && page.wants(Check::PunctEllipsis) {
            self.push(found, Check::PunctEllipsis, i, i + width, "……");
        } else if run >= 2 * width
            && self.at(i + run) == Some('等')
            && page.wants(Check::PunctEllipsisDeng)
        {
            self.push(
                found,
                Check::PunctEllipsisDeng,
                i,
                i + run + '等'.len_utf8(),
                "等",
            );
        }
        run
    }

    /// `--` or `－－` for a dash in Chinese text. A single hyphen is left to the number checks.
    fn dash(&self, i: usize, c: char, page: &Page<'_>, found: &mut Vec<Found>) -> usize {
        let run = self.run(i, c);
        if run >= 2 * c.len_utf8() && page.wants(Check::PunctDash) && self.chinese_around(i, run) {
            self.push(found, Check::PunctDash, i, i + run, "——");
        }
        run
    }
}
