//! The segmenter on small invented pages: headlines, kickers, bylines, column breaks, photos.

use super::*;
use crate::bulletin::model::Role;
use crate::bulletin::tests::{articles, at};

fn paragraph_text(text: &str, paragraph: &Paragraph) -> String {
    paragraph.parts.iter().map(|&part| at(text, part)).collect()
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
    let text = "## 题\n\n本报讯 正文第一段。\n\n正文第二段。\n\n\n\n市民在公园晨练。\n\n苏念/摄\n";
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
    let text = "第3版 综合新闻\n\n\n\n图为志愿者在社区义诊。本报记者 白川 摄\n\n## 题\n\n正文。\n";
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
