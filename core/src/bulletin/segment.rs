//! The segmenter: a pure function from a page's text to its [`Bulletin`].
//!
//! It reads the page as non-blank lines, finds the headlines, and gives each story the lines up
//! to the next story: kicker above, subtitle and byline below, then the body. A trailing byline
//! ends a story's text; a photo credit ends a photo item whose caption starts after the last
//! wide gap (two or more blank lines). Staff lines (`责编：…`) anywhere in a story are its
//! [`Article::staff`]. Lines it cannot place become [`Item::Other`], so every character of the
//! page except the `#` markers belongs to exactly one element.

use super::byline::{self, MAX_BYLINE_LINE, SENTENCE_PUNCTUATION};
use super::lines::{Line, lines};
use super::model::{
    Article, Bulletin, Credit, Headline, Item, Paragraph, Photo, Staff, TrailingByline,
};
use super::staff::staff_line;
use std::ops::Range;

use crate::text::Span;
use crate::text::script::simplified;

/// Longest kicker, in code points.
const MAX_KICKER: usize = 30;

/// Characters that may end a paragraph. A block ending in anything else was cut by a column
/// break and continues in the next block (across one blank line).
const CLOSING: &[char] = &[
    '。', '！', '？', '!', '?', '…', '”', '’', '」', '』', '）', ')', '】', '；', ';', '：', ':',
    '.', '—',
];

/// Characters that end a block only in the middle of a sentence: a block ending in one
/// continues in the next block however many blank lines stand between.
const MID_SENTENCE: &[char] = &['，', ',', '、'];

/// Splits a page into stories, photo items and leftovers.
pub fn segment(text: &str) -> Bulletin {
    let lines = lines(text);
    let mut shapes: Vec<Shape> = lines.iter().map(shape).collect();
    let headlines: Vec<usize> = (0..lines.len())
        .filter(|&i| matches!(shapes[i], Shape::Headline(_)))
        .collect();
    let starts: Vec<usize> = headlines
        .iter()
        .map(|&h| {
            let has_kicker =
                h > 0 && lines[h].blank_before <= 1 && is_kicker(&lines[h - 1], &shapes[h - 1]);
            if has_kicker { h - 1 } else { h }
        })
        .collect();

    let first_start = starts.first().copied().unwrap_or(lines.len());
    // Staff lines belong to the story they stand in; above the first headline there is none.
    for shape in &mut shapes[..first_start] {
        if matches!(shape, Shape::Staff(_)) {
            *shape = Shape::Text;
        }
    }
    let page = Page {
        lines: &lines,
        shapes: &shapes,
    };
    let mut items = Vec::new();
    page.loose(0..first_start, &mut items);
    for (n, (&start, &headline)) in starts.iter().zip(&headlines).enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(lines.len());
        page.story(start, headline, end, &mut items);
    }
    Bulletin { items }
}

/// What a line looks like on its own, before its place on the page is known.
#[derive(Debug)]
enum Shape {
    Headline(Headline),
    Credit(Credit),
    /// A caption line ending in a credit; the byte offset where the caption text ends.
    CaptionWithCredit(usize, Credit),
    Trailing(TrailingByline),
    Staff(Vec<Staff>),
    Text,
}

/// What `line` is on its own. Short lines are read in simplified script; long ones can only
/// be captions.
fn shape(line: &Line) -> Shape {
    if let Some(headline) = headline(line) {
        return Shape::Headline(headline);
    }
    let folded = (line.char_len <= MAX_BYLINE_LINE).then(|| simplified(line.text));
    let short = folded.as_deref().map(|text| line.with_text(text));
    if let Some(credit) = short.as_ref().and_then(byline::credit) {
        return Shape::Credit(credit);
    }
    if let Some((caption_end, credit)) = byline::inline_credit(line) {
        return Shape::CaptionWithCredit(caption_end, credit);
    }
    if let Some(staff) = short.as_ref().and_then(staff_line) {
        return Shape::Staff(staff);
    }
    if let Some(trailing) = short.as_ref().and_then(byline::trailing_byline) {
        return Shape::Trailing(trailing);
    }
    Shape::Text
}

/// True if a caption line starts `图为` (or `圖為`).
fn starts_caption(text: &str) -> bool {
    let prefix: String = text.chars().take(2).collect();
    simplified(&prefix) == "图为"
}

/// `# `, `## ` or `### ` followed by text.
fn headline(line: &Line) -> Option<Headline> {
    let level = line.text.bytes().take_while(|&b| b == b'#').count();
    if !(1..=3).contains(&level) {
        return None;
    }
    let rest = &line.text[level..];
    let text_start = level + (rest.len() - rest.trim_start().len());
    if text_start == line.text.len() {
        return None;
    }
    Some(Headline {
        level: u8::try_from(level).unwrap_or(3),
        span: Span::new(line.char_at(text_start), line.char_end()),
        marker: Span::new(line.char_start, line.char_start + level),
    })
}

/// A short line of phrases with no sentence punctuation, and not the page's masthead line
/// (`某某报 2026年11月20日 星期五 第2版`).
fn is_kicker(line: &Line, shape: &Shape) -> bool {
    matches!(shape, Shape::Text)
        && line.char_len <= MAX_KICKER
        && !line.text.contains(SENTENCE_PUNCTUATION)
        && !is_subtitle(line)
        && !is_masthead(line.text)
}

/// True for a page's masthead line: it names a weekday or a page number.
fn is_masthead(text: &str) -> bool {
    text.contains("星期") || text.contains("版面") || {
        // 第2版, 第十二版
        text.split('第').skip(1).any(|rest| {
            let digits = rest
                .chars()
                .take_while(|c| {
                    c.is_ascii_digit() || "０１２３４５６７８９一二三四五六七八九十".contains(*c)
                })
                .count();
            digits > 0 && rest.chars().nth(digits) == Some('版')
        })
    }
}

fn is_subtitle(line: &Line) -> bool {
    line.text.starts_with("——") || line.text.starts_with("--")
}

fn whole(line: &Line) -> Span {
    Span::new(line.char_start, line.char_end())
}

/// The lines of a page and their shapes, and the two ways of reading a run of them.
struct Page<'a, 't> {
    lines: &'a [Line<'t>],
    shapes: &'a [Shape],
}

impl Page<'_, '_> {
    /// A story: kicker at `start` if `start < headline`, its lines until `end`.
    fn story(&self, start: usize, headline: usize, end: usize, items: &mut Vec<Item>) {
        let Shape::Headline(head) = &self.shapes[headline] else {
            return self.loose(start..end, items);
        };
        let kicker = (start < headline).then(|| whole(&self.lines[start]));
        let mut next = headline + 1;
        let subtitle = (next < end
            && matches!(self.shapes[next], Shape::Text)
            && is_subtitle(&self.lines[next]))
        .then(|| whole(&self.lines[next]));
        next += usize::from(subtitle.is_some());
        let mut byline = (next < end && matches!(self.shapes[next], Shape::Text))
            .then(|| byline::own_line_byline(&self.lines[next]))
            .flatten();
        next += usize::from(byline.is_some());

        let body_start = next;
        let mut first_part = None;
        if byline.is_none() && body_start < end && matches!(self.shapes[body_start], Shape::Text) {
            let line = &self.lines[body_start];
            if let Some((lead, body_byte)) = byline::lead_byline(line) {
                byline = Some(lead);
                first_part = Some(Span::new(line.char_at(body_byte), line.char_end()));
            }
        }

        // The story's text runs until a trailing byline or a photo credit.
        let mut body_end = end;
        let mut trailing = None;
        let mut photo = None;
        let mut rest = end..end;
        for j in body_start..end {
            match &self.shapes[j] {
                Shape::Trailing(found) => {
                    body_end = j;
                    trailing = Some(found.clone());
                    rest = j + 1..end;
                    break;
                }
                Shape::Credit(_) | Shape::CaptionWithCredit(..) => {
                    // The first paragraph stays with the story; without a wide gap, the caption
                    // is the one line above the credit.
                    let caption_start = self
                        .wide_gap(body_start + 1, j)
                        .unwrap_or_else(|| self.caption_start(body_start, j));
                    body_end = caption_start;
                    photo = Some(self.photo(caption_start, j));
                    rest = j + 1..end;
                    break;
                }
                _ => {}
            }
        }

        let paragraphs = self.paragraphs(body_start..body_end, first_part);
        let staff = self.shapes[start..end]
            .iter()
            .filter_map(|shape| match shape {
                Shape::Staff(entries) => Some(entries.iter().cloned()),
                _ => None,
            })
            .flatten()
            .collect();
        items.push(Item::Article(Article {
            kicker,
            headline: *head,
            subtitle,
            byline,
            paragraphs,
            trailing_byline: trailing,
            staff,
        }));
        items.extend(photo.map(Item::Photo));
        self.loose(rest, items);
    }

    /// Lines outside any story: photo items where a credit closes them (or a last `图为…`
    /// paragraph stands), the rest as `Other`.
    fn loose(&self, range: Range<usize>, items: &mut Vec<Item>) {
        let mut start = range.start;
        for j in range.clone() {
            if matches!(
                self.shapes[j],
                Shape::Credit(_) | Shape::CaptionWithCredit(..)
            ) {
                let caption_start = self.wide_gap(start + 1, j).unwrap_or(start);
                self.others(start..caption_start, items);
                items.push(Item::Photo(self.photo(caption_start, j)));
                start = j + 1;
            }
        }
        if start < range.end && starts_caption(self.lines[range.end - 1].text) {
            let caption_start = self.wide_gap(start + 1, range.end - 1).unwrap_or(start);
            self.others(start..caption_start, items);
            items.push(Item::Photo(Photo {
                caption: self.paragraphs(caption_start..range.end, None),
                credit: None,
            }));
        } else {
            self.others(start..range.end, items);
        }
    }

    /// Lines left over, each an `Other` item; staff lines are their story's already.
    fn others(&self, range: Range<usize>, items: &mut Vec<Item>) {
        items.extend(
            range
                .filter(|&j| !matches!(self.shapes[j], Shape::Staff(_)))
                .map(|j| Item::Other(whole(&self.lines[j]))),
        );
    }

    /// Where a caption ending at line `last` starts if a wide gap (two or more blank lines)
    /// marks it: the last such line in `earliest..=last`. A credit line never starts a caption.
    fn wide_gap(&self, earliest: usize, last: usize) -> Option<usize> {
        (earliest..=last)
            .rev()
            .filter(|&k| !matches!(self.shapes[k], Shape::Credit(_)))
            .find(|&k| self.lines[k].blank_before >= 2)
    }

    /// A photo item: caption lines `start..credit`, credit on line `credit`.
    fn photo(&self, start: usize, credit: usize) -> Photo {
        let mut caption = self.paragraphs(start..credit, None);
        let credit = match &self.shapes[credit] {
            Shape::Credit(found) => Some(found.clone()),
            Shape::CaptionWithCredit(caption_end, found) => {
                let line = &self.lines[credit];
                caption.push(Paragraph {
                    parts: vec![Span::new(line.char_start, line.char_at(*caption_end))],
                });
                Some(found.clone())
            }
            _ => None,
        };
        Photo { caption, credit }
    }

    /// Paragraphs of lines `range`, rejoining blocks split by column breaks. `first_part`
    /// replaces the first line's span (the text after a lead byline). Staff lines are skipped:
    /// their story holds them.
    fn paragraphs(&self, range: Range<usize>, first_part: Option<Span>) -> Vec<Paragraph> {
        let mut paragraphs: Vec<Paragraph> = Vec::new();
        let mut open = Open::Closed;
        for j in range.clone() {
            let line = &self.lines[j];
            if matches!(self.shapes[j], Shape::Staff(_)) {
                open = Open::Closed;
                continue;
            }
            let part = if j == range.start {
                first_part.unwrap_or_else(|| whole(line))
            } else {
                whole(line)
            };
            if part.is_empty() {
                continue;
            }
            let continues = open.continues(line);
            match paragraphs.last_mut() {
                Some(last) if continues => last.parts.push(part),
                _ => paragraphs.push(Paragraph { parts: vec![part] }),
            }
            open = Open::after(line.text);
        }
        paragraphs
    }

    /// Where the caption above the credit on line `credit` starts when no wide gap marks it:
    /// the last paragraph above the credit, column breaks repaired, but never the story's first
    /// block (`body_start`).
    fn caption_start(&self, body_start: usize, credit: usize) -> usize {
        if credit <= body_start + 1 {
            return credit;
        }
        let mut start = credit - 1;
        while start > body_start + 1 && self.continues_from(start - 1, start) {
            start -= 1;
        }
        start
    }

    /// True if line `next` continues the paragraph of line `previous` across a column break.
    fn continues_from(&self, previous: usize, next: usize) -> bool {
        let text_lines = matches!(self.shapes[previous], Shape::Text)
            && matches!(self.shapes[next], Shape::Text);
        text_lines && Open::after(self.lines[previous].text).continues(&self.lines[next])
    }
}

/// How a block ends: closed, or cut by a column break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    /// It ends a paragraph (`。`, `”`…).
    Closed,
    /// It ends in a character or mark that ends no sentence: continued across one blank line.
    Unpunctuated,
    /// It ends in a comma or `、`: continued across any blank lines.
    MidSentence,
}

impl Open {
    /// True if `next`, the block after one that ends so, goes on with its paragraph.
    fn continues(self, next: &Line) -> bool {
        match self {
            Self::Closed => false,
            Self::Unpunctuated => next.blank_before <= 1,
            Self::MidSentence => true,
        }
    }

    fn after(text: &str) -> Self {
        if text.ends_with(MID_SENTENCE) {
            Self::MidSentence
        } else if text.ends_with(CLOSING) {
            Self::Closed
        } else {
            Self::Unpunctuated
        }
    }
}

#[cfg(test)]
#[path = "segment_tests.rs"]
mod tests;
