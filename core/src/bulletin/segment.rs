//! The segmenter: a pure function from a page's text to its [`Bulletin`].
//!
//! It reads the page as non-blank lines, finds the headlines, and gives each story the lines up
//! to the next story: kicker above, subtitle and byline below, then the body. A trailing byline
//! ends a story's text; a photo credit ends a photo item whose caption starts after the last
//! wide gap (two or more blank lines). Lines it cannot place become [`Item::Other`], so every
//! character of the page except the `#` markers belongs to exactly one element.

use super::byline::{self, SENTENCE_PUNCTUATION};
use super::lines::{Line, lines};
use super::model::{Article, Bulletin, Credit, Headline, Item, Paragraph, Photo, TrailingByline};
use std::ops::Range;

use crate::text::Span;

/// Longest kicker, in code points.
const MAX_KICKER: usize = 30;

/// Characters that may end a paragraph. A block ending in anything else was cut by a column
/// break and continues in the next block.
const CLOSING: &[char] = &[
    '。', '！', '？', '!', '?', '…', '”', '’', '」', '』', '）', ')', '】', '；', ';', '：', ':',
    '.', '—',
];

/// Splits a page into stories, photo items and leftovers.
pub fn segment(text: &str) -> Bulletin {
    let lines = lines(text);
    let shapes: Vec<Shape> = lines.iter().map(shape).collect();
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

    let page = Page {
        lines: &lines,
        shapes: &shapes,
    };
    let mut items = Vec::new();
    let first_start = starts.first().copied().unwrap_or(lines.len());
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
    Text,
}

fn shape(line: &Line) -> Shape {
    if let Some(headline) = headline(line) {
        return Shape::Headline(headline);
    }
    if let Some(credit) = byline::credit(line) {
        return Shape::Credit(credit);
    }
    if let Some((caption_end, credit)) = byline::inline_credit(line) {
        return Shape::CaptionWithCredit(caption_end, credit);
    }
    if let Some(trailing) = byline::trailing_byline(line) {
        return Shape::Trailing(trailing);
    }
    Shape::Text
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
                        .unwrap_or(if j > body_start + 1 { j - 1 } else { j });
                    body_end = caption_start;
                    photo = Some(self.photo(caption_start, j));
                    rest = j + 1..end;
                    break;
                }
                _ => {}
            }
        }

        let paragraphs = self.paragraphs(body_start..body_end, first_part);
        items.push(Item::Article(Article {
            kicker,
            headline: *head,
            subtitle,
            byline,
            paragraphs,
            trailing_byline: trailing,
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
        if start < range.end && self.lines[range.end - 1].text.starts_with("图为") {
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

    fn others(&self, range: Range<usize>, items: &mut Vec<Item>) {
        items.extend(
            self.lines[range]
                .iter()
                .map(|line| Item::Other(whole(line))),
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
    /// replaces the first line's span (the text after a lead byline).
    fn paragraphs(&self, range: Range<usize>, first_part: Option<Span>) -> Vec<Paragraph> {
        let mut paragraphs: Vec<Paragraph> = Vec::new();
        let mut open = false;
        for j in range.clone() {
            let line = &self.lines[j];
            let part = if j == range.start {
                first_part.unwrap_or_else(|| whole(line))
            } else {
                whole(line)
            };
            if part.is_empty() {
                continue;
            }
            let continues = open && line.blank_before <= 1;
            match paragraphs.last_mut() {
                Some(last) if continues => last.parts.push(part),
                _ => paragraphs.push(Paragraph { parts: vec![part] }),
            }
            open = !line.text.ends_with(CLOSING);
        }
        paragraphs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulletin::model::Role;

    fn at(text: &str, span: Span) -> String {
        text.chars().skip(span.start).take(span.len()).collect()
    }

    fn paragraph_text(text: &str, paragraph: &Paragraph) -> String {
        paragraph.parts.iter().map(|&part| at(text, part)).collect()
    }

    fn articles(bulletin: &Bulletin) -> Vec<&Article> {
        bulletin
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Article(article) => Some(article),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn kicker_headline_subtitle_and_body() {
        let text = "稳就业 惠民生\n\n# 新区一季度新增岗位一万个\n——重点项目带动就业\n\n本报讯(记者 林晓舟)新区今年一季度新增就业岗位一万个。\n\n第二段。\n";
        let bulletin = segment(text);
        assert_eq!(bulletin.items.len(), 1);
        let article = articles(&bulletin)[0];
        assert_eq!(at(text, article.kicker.unwrap()), "稳就业 惠民生");
        assert_eq!(article.headline.level, 1);
        assert_eq!(at(text, article.headline.span), "新区一季度新增岗位一万个");
        assert_eq!(at(text, article.headline.marker), "#");
        assert_eq!(at(text, article.subtitle.unwrap()), "——重点项目带动就业");
        assert_eq!(
            at(text, article.byline.as_ref().unwrap().span),
            "本报讯(记者 林晓舟)"
        );
        let texts: Vec<String> = article
            .paragraphs
            .iter()
            .map(|p| paragraph_text(text, p))
            .collect();
        assert_eq!(texts, ["新区今年一季度新增就业岗位一万个。", "第二段。"]);
    }

    #[test]
    fn headline_levels() {
        let text = "# 一\n\n正文。\n\n## 二\n\n正文。\n\n### 三\n\n正文。\n\n#### 四级不是标题\n";
        let bulletin = segment(text);
        let levels: Vec<u8> = articles(&bulletin)
            .iter()
            .map(|a| a.headline.level)
            .collect();
        assert_eq!(levels, [1, 2, 3]);
        let last = articles(&bulletin)[2];
        let texts: Vec<String> = last
            .paragraphs
            .iter()
            .map(|p| paragraph_text(text, p))
            .collect();
        assert_eq!(texts, ["正文。", "#### 四级不是标题"]);
    }

    #[test]
    fn column_breaks_are_rejoined_even_mid_word() {
        let text = "## 题\n\n本报讯 街道推出预\n\n约服务,居民可以电话预约。\n\n工作日延长到晚上8点,方便群众下班后\n\n正常办理业务。\n\n完整的一段。\n";
        let bulletin = segment(text);
        let article = articles(&bulletin)[0];
        let texts: Vec<String> = article
            .paragraphs
            .iter()
            .map(|p| paragraph_text(text, p))
            .collect();
        assert_eq!(
            texts,
            [
                "街道推出预约服务,居民可以电话预约。",
                "工作日延长到晚上8点,方便群众下班后正常办理业务。",
                "完整的一段。"
            ]
        );
        let rejoined = article
            .paragraphs
            .iter()
            .filter(|p| p.is_rejoined())
            .count();
        assert_eq!(rejoined, 2);
    }

    #[test]
    fn own_line_byline_under_the_headline() {
        let text = "## 题\n\n本报记者 林晓舟 通讯员 苏念\n\n第一段。\n";
        let article = articles(&segment(text))[0].clone();
        let byline = article.byline.unwrap();
        assert_eq!(at(text, byline.span), "本报记者 林晓舟 通讯员 苏念");
        assert_eq!(byline.people.len(), 2);
        assert_eq!(byline.people[1].role, Role::Correspondent);
        assert_eq!(article.paragraphs.len(), 1);
    }

    #[test]
    fn trailing_byline_then_photo_item() {
        let text = "## 题\n\n本报讯 正文。\n\n(苏念 方可 罗一舟)\n\n\n\n图片说明第一段。\n\n第二段。\n\n本报记者 白川 摄\n\n## 下一篇\n\n正文。\n";
        let bulletin = segment(text);
        assert_eq!(bulletin.items.len(), 3);
        let Item::Article(article) = &bulletin.items[0] else {
            panic!("article first")
        };
        let trailing = article.trailing_byline.as_ref().unwrap();
        assert_eq!(at(text, trailing.span), "(苏念 方可 罗一舟)");
        assert_eq!(trailing.people.len(), 3);
        let Item::Photo(photo) = &bulletin.items[1] else {
            panic!("photo second")
        };
        let captions: Vec<String> = photo
            .caption
            .iter()
            .map(|p| paragraph_text(text, p))
            .collect();
        assert_eq!(captions, ["图片说明第一段。", "第二段。"]);
        assert_eq!(
            at(text, photo.credit.as_ref().unwrap().people[0].name),
            "白川"
        );
    }

    #[test]
    fn photo_after_a_wide_gap_inside_a_story() {
        let text =
            "## 题\n\n本报讯 正文第一段。\n\n正文第二段。\n\n\n\n市民在公园晨练。\n\n苏念/摄\n";
        let bulletin = segment(text);
        assert_eq!(bulletin.items.len(), 2);
        let Item::Article(article) = &bulletin.items[0] else {
            panic!("article first")
        };
        assert_eq!(article.paragraphs.len(), 2);
        let Item::Photo(photo) = &bulletin.items[1] else {
            panic!("photo second")
        };
        assert_eq!(paragraph_text(text, &photo.caption[0]), "市民在公园晨练。");
    }

    #[test]
    fn photo_before_any_headline_and_unplaced_lines() {
        let text =
            "第3版 综合新闻\n\n\n\n图为志愿者在社区义诊。本报记者 白川 摄\n\n## 题\n\n正文。\n";
        let bulletin = segment(text);
        assert_eq!(bulletin.items.len(), 3);
        assert_eq!(bulletin.items[0], Item::Other(Span::new(0, 8)));
        let Item::Photo(photo) = &bulletin.items[1] else {
            panic!("photo second")
        };
        assert_eq!(
            paragraph_text(text, &photo.caption[0]),
            "图为志愿者在社区义诊。"
        );
        assert_eq!(
            at(text, photo.credit.as_ref().unwrap().span),
            "本报记者 白川 摄"
        );
    }

    #[test]
    fn caption_without_credit_starting_with_tu_wei() {
        let text = "(苏念)\n\n\n\n图为新建成的口袋公园。\n";
        let bulletin = segment(text);
        assert_eq!(bulletin.items.len(), 2);
        assert!(matches!(bulletin.items[0], Item::Other(_)));
        let Item::Photo(photo) = &bulletin.items[1] else {
            panic!("photo")
        };
        assert!(photo.credit.is_none());
    }

    #[test]
    fn a_hash_alone_is_not_a_headline() {
        let text = "##\n\n文字\n";
        let bulletin = segment(text);
        assert_eq!(
            bulletin.items,
            [Item::Other(Span::new(0, 2)), Item::Other(Span::new(4, 6))]
        );
    }

    #[test]
    fn empty_text_has_no_items() {
        assert!(segment("").items.is_empty());
        assert!(segment("\n\r\n  \u{3000}\n").items.is_empty());
    }

    #[test]
    fn byline_only_first_paragraph_keeps_the_next_block_separate() {
        let text = "## 题\n\n本报讯(记者 林晓舟)\n\n正文从这里开始。\n";
        let article = articles(&segment(text))[0].clone();
        assert_eq!(
            at(text, article.byline.unwrap().span),
            "本报讯(记者 林晓舟)"
        );
        assert_eq!(article.paragraphs.len(), 1);
        assert_eq!(
            paragraph_text(text, &article.paragraphs[0]),
            "正文从这里开始。"
        );
    }
}
