//! [`segment`] on whole pages written in the styles of other newspapers: bylines on their own
//! line with role marks, bylines in brackets and run together, staff lines, column breaks
//! after commas, traditional script in UTF-8 and Big5; and a property test that these rules
//! keep every character in exactly one element.

use proptest::prelude::*;

use super::model::{Article, Bulletin, Item, Paragraph, Person, Role};
use super::segment;
use crate::text::{PageEncoding, Source, Span};

/// The characters of `text` at `span`.
pub fn at(text: &str, span: Span) -> String {
    text.chars().skip(span.start).take(span.len()).collect()
}

fn paragraph_texts(text: &str, paragraphs: &[Paragraph]) -> Vec<String> {
    paragraphs
        .iter()
        .map(|p| p.parts.iter().map(|&part| at(text, part)).collect())
        .collect()
}

/// The stories of a page, in order.
pub fn articles(bulletin: &Bulletin) -> Vec<&Article> {
    bulletin
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Article(article) => Some(article),
            _ => None,
        })
        .collect()
}

fn people(text: &str, people: &[Person]) -> Vec<(String, Role)> {
    people.iter().map(|p| (at(text, p.name), p.role)).collect()
}

fn owned(expected: &[(&str, Role)]) -> Vec<(String, Role)> {
    expected.iter().map(|&(n, r)| (n.to_owned(), r)).collect()
}

/// `(byline, its people, body paragraphs)` of an article.
fn story(text: &str, article: &Article) -> (String, Vec<(String, Role)>, Vec<String>) {
    let byline = article.byline.as_ref();
    (
        byline.map(|b| at(text, b.span)).unwrap_or_default(),
        byline.map(|b| people(text, &b.people)).unwrap_or_default(),
        paragraph_texts(text, &article.paragraphs),
    )
}

/// Every non-blank character in exactly one element, `#` markers in none.
fn check_placed(text: &str, bulletin: &Bulletin) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut owners = vec![0_u8; chars.len()];
    for item in &bulletin.items {
        for span in item.element_spans() {
            prop_assert!(span.start <= span.end && span.end <= chars.len());
            owners[span.start..span.end]
                .iter_mut()
                .for_each(|o| *o += 1);
        }
        if let Item::Article(article) = item {
            let marker = article.headline.marker;
            prop_assert!(owners[marker.start..marker.end].iter().all(|&o| o == 0));
            owners[marker.start..marker.end].fill(1);
        }
    }
    for (k, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            prop_assert!(owners[k] <= 1, "blank at {} claimed twice", k);
        } else {
            prop_assert_eq!(owners[k], 1, "{:?} at {} in {:?}", c, k, text);
        }
    }
    Ok(())
}

const OWN_LINE_PAGE: &str = "\
# 江湾新区春耕备耕忙

本报记者 林晓舟 通讯员 苏念 文/图

连日来，江湾新区各镇抢抓农时，组织农机具检修。

## 老街夜市开张

记者 夏明川 摄影

老街夜市昨晚开张，吸引市民前来。

## 乡村书屋添新书

文/白川 图/罗一舟

乡村书屋近日新添图书两千册。

## 志愿服务进社区

本报全媒体记者 方可、苏念\u{3000}见习记者\u{3000}罗一舟

志愿者走进社区。

## 春运平稳有序

记者余海蓉徐棣军

全市春运平稳有序。
";

#[test]
fn own_line_bylines_with_role_marks_are_not_glued_to_the_body() {
    let bulletin = segment(OWN_LINE_PAGE);
    let text = OWN_LINE_PAGE;
    let found: Vec<_> = articles(&bulletin).iter().map(|a| story(text, a)).collect();
    use Role::{Correspondent, Photographer, Reporter, Writer};
    let expected = [
        (
            "本报记者 林晓舟 通讯员 苏念 文/图",
            owned(&[("林晓舟", Reporter), ("苏念", Correspondent)]),
            "连日来，江湾新区各镇抢抓农时，组织农机具检修。",
        ),
        (
            "记者 夏明川 摄影",
            owned(&[("夏明川", Reporter)]),
            "老街夜市昨晚开张，吸引市民前来。",
        ),
        (
            "文/白川 图/罗一舟",
            owned(&[("白川", Writer), ("罗一舟", Photographer)]),
            "乡村书屋近日新添图书两千册。",
        ),
        (
            "本报全媒体记者 方可、苏念\u{3000}见习记者\u{3000}罗一舟",
            owned(&[("方可", Reporter), ("苏念", Reporter), ("罗一舟", Reporter)]),
            "志愿者走进社区。",
        ),
        (
            "记者余海蓉徐棣军",
            owned(&[("余海蓉", Reporter), ("徐棣军", Reporter)]),
            "全市春运平稳有序。",
        ),
    ];
    assert_eq!(found.len(), expected.len());
    for (got, (byline, people, body)) in found.iter().zip(expected) {
        assert_eq!((&got.0, &got.1), (&byline.to_owned(), &people));
        assert_eq!(got.2, [body]);
    }
    let agency = articles(&bulletin)[3]
        .byline
        .as_ref()
        .and_then(|b| b.agency);
    assert_eq!(agency.map(|span| at(text, span)).as_deref(), Some("本报"));
}

const LEAD_PAGE: &str = "\
## 老街改造完工

【本报讯】（全媒体记者 白川 见习记者 罗一舟）近日，南岭市老街改造工程完工。

（本报记者 白川/文 林晓舟/图）

## 统计数据发布

据新华社北京3月1日电 国家统计局今天发布数据。

## 春运平稳

南岭日报讯（记者余海蓉徐棣军）全市春运平稳。

## 口袋公园

本报讯（记者 方可、苏念）全县新建口袋公园12个。

（记者/方可 通讯员/苏念）

责编：罗一舟 校对：夏明川

## 简讯

据新华社电 全国春播进度过半。
";

#[test]
fn lead_bylines_tail_forms_and_staff_lines() {
    let text = LEAD_PAGE;
    let bulletin = segment(text);
    let all = articles(&bulletin);
    assert_eq!(bulletin.items.len(), 5, "{:?}", bulletin.items);
    use Role::{Correspondent, Photographer, Reporter, Writer};
    assert_eq!(
        story(text, all[0]),
        (
            "【本报讯】（全媒体记者 白川 见习记者 罗一舟）".to_owned(),
            owned(&[("白川", Reporter), ("罗一舟", Reporter)]),
            vec!["近日，南岭市老街改造工程完工。".to_owned()]
        )
    );
    let trailing = all[0]
        .trailing_byline
        .as_ref()
        .map(|t| people(text, &t.people));
    assert_eq!(
        trailing,
        Some(owned(&[("白川", Writer), ("林晓舟", Photographer)]))
    );
    let byline = all[1].byline.as_ref().unwrap();
    assert_eq!(at(text, byline.span), "据新华社北京3月1日电");
    assert_eq!(at(text, byline.agency.unwrap()), "新华社");
    assert_eq!(at(text, byline.dateline.unwrap()), "北京3月1日");
    assert_eq!(
        story(text, all[2]).1,
        owned(&[("余海蓉", Reporter), ("徐棣军", Reporter)])
    );
    assert_eq!(
        at(text, all[2].byline.as_ref().unwrap().agency.unwrap()),
        "南岭日报讯"
    );
    assert_eq!(
        story(text, all[3]),
        (
            "本报讯（记者 方可、苏念）".to_owned(),
            owned(&[("方可", Reporter), ("苏念", Reporter)]),
            vec!["全县新建口袋公园12个。".to_owned()]
        )
    );
    let trailing = all[3]
        .trailing_byline
        .as_ref()
        .map(|t| people(text, &t.people));
    assert_eq!(
        trailing,
        Some(owned(&[("方可", Reporter), ("苏念", Correspondent)]))
    );
    let staff: Vec<(String, String, Vec<String>)> = all[3]
        .staff
        .iter()
        .map(|s| {
            let names = s.names.iter().map(|&n| at(text, n)).collect();
            (at(text, s.span), at(text, s.role), names)
        })
        .collect();
    assert_eq!(
        staff,
        [
            ("责编：罗一舟".into(), "责编".into(), vec!["罗一舟".into()]),
            ("校对：夏明川".into(), "校对".into(), vec!["夏明川".into()])
        ]
    );
    let byline = all[4].byline.as_ref().unwrap();
    assert_eq!(
        (at(text, byline.span), at(text, byline.agency.unwrap())),
        ("据新华社电".into(), "新华社电".into())
    );
    assert_eq!(story(text, all[4]).2, ["全国春播进度过半。"]);
    check_placed(text, &bulletin).unwrap();
}

#[test]
fn staff_lines_above_the_first_headline_stay_unplaced() {
    let text = "本版责编：方可\n\n# 题\n\n正文。\n\n编辑：苏念\n";
    let bulletin = segment(text);
    assert_eq!(bulletin.items[0], Item::Other(Span::new(0, 7)));
    let article = articles(&bulletin)[0];
    assert_eq!(paragraph_texts(text, &article.paragraphs), ["正文。"]);
    assert_eq!(article.staff.len(), 1);
    assert_eq!(at(text, article.staff[0].names[0]), "苏念");
}

#[test]
fn blocks_ending_mid_sentence_continue_across_any_gap() {
    let text = "## 题\n\n本报讯 街道推出预约服务，\n\n\n居民可以电话预约、\n\n\n\n现场预约。\n\n一段没有标点的结尾\n\n继续。\n\n末尾没有标点\n\n\n另起一段。\n";
    let article = articles(&segment(text))[0].clone();
    assert_eq!(
        paragraph_texts(text, &article.paragraphs),
        [
            "街道推出预约服务，居民可以电话预约、现场预约。",
            "一段没有标点的结尾继续。",
            "末尾没有标点",
            "另起一段。"
        ]
    );
}

#[test]
fn a_caption_cut_by_a_column_break_stays_whole() {
    let text = "## 题\n\n本报讯 正文第一段。\n\n第二段。\n\n图为市民在公园，\n\n晨练。\n\n本报记者 白川 摄\n";
    let bulletin = segment(text);
    let Item::Photo(photo) = &bulletin.items[1] else {
        panic!("a photo second: {:?}", bulletin.items)
    };
    assert_eq!(
        paragraph_texts(text, &photo.caption),
        ["图为市民在公园，晨练。"]
    );
    let article = articles(&bulletin)[0];
    assert_eq!(
        paragraph_texts(text, &article.paragraphs),
        ["正文第一段。", "第二段。"]
    );
}

/// A Hong Kong–style page in traditional script.
const TRADITIONAL_PAGE: &str = "\
# 新界東北發展提速

本報記者 陳曉華 通訊員 劉一鳴

特區政府昨日公布新界東北發展計劃，

首期工程投資三十二點五億元。

（責任編輯：黃志明）

## 舊區重建

本報訊（記者 張家豪）市區重建局昨日宣布，啟動三個重建項目。

（本報記者 張家豪/文 李嘉欣/圖）



圖為重建後的舊區街景。本報記者 張家豪 攝
";

fn check_traditional(text: &str, bulletin: &Bulletin) {
    use Role::{Correspondent, Photographer, Reporter, Writer};
    assert_eq!(bulletin.items.len(), 3, "{:?}", bulletin.items);
    let all = articles(bulletin);
    assert_eq!(
        story(text, all[0]),
        (
            "本報記者 陳曉華 通訊員 劉一鳴".to_owned(),
            owned(&[("陳曉華", Reporter), ("劉一鳴", Correspondent)]),
            vec!["特區政府昨日公布新界東北發展計劃，首期工程投資三十二點五億元。".to_owned()]
        )
    );
    let staff = &all[0].staff;
    assert_eq!(staff.len(), 1);
    assert_eq!(at(text, staff[0].role), "責任編輯");
    assert_eq!(at(text, staff[0].names[0]), "黃志明");
    let byline = all[1].byline.as_ref().unwrap();
    assert_eq!(at(text, byline.agency.unwrap()), "本報訊");
    assert_eq!(people(text, &byline.people), owned(&[("張家豪", Reporter)]));
    let trailing = all[1]
        .trailing_byline
        .as_ref()
        .map(|t| people(text, &t.people));
    assert_eq!(
        trailing,
        Some(owned(&[("張家豪", Writer), ("李嘉欣", Photographer)]))
    );
    let Item::Photo(photo) = &bulletin.items[2] else {
        panic!("a photo last")
    };
    assert_eq!(
        paragraph_texts(text, &photo.caption),
        ["圖為重建後的舊區街景。"]
    );
    let credit = photo.credit.as_ref().unwrap();
    assert_eq!(at(text, credit.span), "本報記者 張家豪 攝");
    assert_eq!(people(text, &credit.people), owned(&[("張家豪", Reporter)]));
}

#[test]
fn traditional_script_reads_like_simplified() {
    check_traditional(TRADITIONAL_PAGE, &segment(TRADITIONAL_PAGE));
}

#[test]
fn traditional_script_in_big5() {
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(TRADITIONAL_PAGE);
    assert!(!unmappable, "the page is all Big5");
    let source = Source::from_bytes(&bytes).unwrap();
    assert_eq!(source.encoding(), PageEncoding::Big5);
    assert_eq!(source.text(), TRADITIONAL_PAGE);
    check_traditional(source.text(), &segment(source.text()));
}

#[test]
fn a_traditional_caption_without_credit() {
    let text = "（陳曉華）\n\n\n\n圖為新建成的公園。\n";
    let bulletin = segment(text);
    assert!(
        matches!(bulletin.items[1], Item::Photo(_)),
        "{:?}",
        bulletin.items
    );
}

#[test]
fn the_style_pages_place_every_character_once() {
    for page in [OWN_LINE_PAGE, LEAD_PAGE, TRADITIONAL_PAGE] {
        check_placed(page, &segment(page)).unwrap();
    }
}

/// Lines of the forms these rules read, in both scripts, and text around them.
fn page_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(String::new()),
        "[#]{1,3} [甲乙丙丁]{1,6}",
        "(本报|本報)?(全媒体记者|见习记者|記者|记者|通讯员|通訊員)[ 　]?[王李张陈林余徐]{1,2}[甲乙丙丁]{0,6}[、 　]{0,2}([王李张][甲乙]{1,2})?( 文/图| 摄影| 攝影)?",
        "(文/|图/)[王李][甲乙]{1,2} (图/|攝/)?[张陈][丙丁]{1,2}",
        "【?(本报讯|本報訊|据新华社电|據新華社電|南岭日报讯)】?[（(]?(记者|記者)?[ /]?[王李][甲乙]{1,2}[）)]?[甲乙，。]{0,6}",
        "[（(](本报记者 |記者/)?[王李][甲乙]{1,2}(/文|/图|/圖)? ?([张陈][丙丁]{1,2}/?(图|圖)?)?[）)]",
        "[（(]?(责编|責編|编辑|校对|责任编辑)[：: ]?[王李][甲乙]{1,2}( (校对|美编)：[张陈][丙丁]{1,2})?[）)]?",
        "(图为|圖為)[甲乙丙丁，。]{0,8}( 本报记者 [王李][甲]{1,2} (摄|攝))?",
        "[甲乙丙丁 　,，、。！？“”:;0-9😀𠀋]{0,30}",
        "\\PC{0,12}",
    ]
}

fn page() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(page_line(), 0..40),
        prop::sample::select(vec!["\n", "\r\n", "\n\n\n"]),
    )
        .prop_map(|(lines, ending)| lines.join(ending))
}

proptest! {
    // A fixed seed: CI runs exactly the cases run here; new cases come with new seeds.
    #![proptest_config(ProptestConfig {
        cases: 512,
        rng_seed: prop::test_runner::RngSeed::Fixed(16),
        ..ProptestConfig::default()
    })]

    #[test]
    fn bylines_staff_and_column_breaks_keep_every_character_once(text in page()) {
        check_placed(&text, &segment(&text))?;
    }
}
