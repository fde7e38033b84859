//! Positive and negative tests of every check, on text written for them.

use super::*;
use crate::bulletin::segment;
use crate::text::PageEncoding;

/// The marks on `text` as (check id, the characters marked, the fix).
fn marks_with(text: &str, settings: &ProofSettings) -> Vec<(&'static str, String, Option<String>)> {
    let source = Source::from_text(text, PageEncoding::Utf8);
    let bulletin = segment(source.text());
    check_page(&source, &bulletin, settings)
        .into_iter()
        .map(|mark| {
            (
                mark.check.id(),
                source.slice(mark.span).to_owned(),
                mark.fix,
            )
        })
        .collect()
}

fn marks(text: &str) -> Vec<(&'static str, String, Option<String>)> {
    marks_with(text, &ProofSettings::default())
}

fn fix(id: &'static str, quote: &str, fix: &str) -> (&'static str, String, Option<String>) {
    (id, quote.to_owned(), Some(fix.to_owned()))
}

fn mark(id: &'static str, quote: &str) -> (&'static str, String, Option<String>) {
    (id, quote.to_owned(), None)
}

/// A body paragraph of a story, so that the segmenter reads it as body text.
fn story(body: &str) -> String {
    format!("## 新区建设稳步推进\n\n本报讯（记者 林晓舟）{body}\n")
}

fn none() -> Vec<(&'static str, String, Option<String>)> {
    Vec::new()
}

#[test]
fn half_width_marks_in_chinese_text() {
    assert_eq!(
        marks(&story(
            "初冬时节,气温骤降;工地上(东区)机器轰鸣.有人问:还要多久?"
        )),
        [
            fix("punct.halfwidth", ",", "，"),
            fix("punct.halfwidth", ";", "；"),
            fix("punct.halfwidth", "(", "（"),
            fix("punct.halfwidth", ")", "）"),
            fix("punct.halfwidth", ".", "。"),
            fix("punct.halfwidth", ":", "："),
            fix("punct.halfwidth", "?", "？"),
        ]
    );
}

#[test]
fn half_width_marks_between_digits_and_letters_are_left_alone() {
    assert_eq!(
        marks(&story(
            "投资1,250万元，增长3.5%，15:40开工，网址www.example.cn，GDP总量上升。"
        )),
        none()
    );
}

#[test]
fn straight_quotes_become_curly_by_position() {
    assert_eq!(
        marks(&story("他说:\"这是'新'路子.\"")),
        [
            fix("punct.halfwidth", ":", "："),
            fix("punct.quotes", "\"", "“"),
            fix("punct.quotes", "'", "‘"),
            fix("punct.quotes", "'", "’"),
            fix("punct.halfwidth", ".", "。"),
            fix("punct.quotes", "\"", "”"),
        ]
    );
    assert_eq!(marks(&story("他读了it's a start这本书。")), none());
}

#[test]
fn corner_quotes_only_when_the_settings_say_curly() {
    let text = story("他说：「这是『新』路子。」");
    assert_eq!(marks(&text), none());
    let curly = ProofSettings::default()
        .overridden(
            std::path::Path::new("proof.ron"),
            "(format: \"copydesk-proof\", version: 1, quotes: Curly)",
        )
        .unwrap();
    let found: Vec<_> = marks_with(&text, &curly)
        .into_iter()
        .map(|m| m.2.unwrap_or_default())
        .collect();
    assert_eq!(found, ["“", "‘", "’", "”"]);
}

#[test]
fn unbalanced_and_crossed_pairs() {
    assert_eq!(
        marks(&story("他说：“这是新路子。")),
        [mark("pairs.unbalanced", "“")]
    );
    assert_eq!(
        marks(&story("这是新路子。”他说。")),
        [mark("pairs.unbalanced", "”")]
    );
    assert_eq!(
        marks(&story("读《规划（草案》）。")),
        [
            mark("pairs.unbalanced", "（"),
            mark("pairs.unbalanced", "）")
        ]
    );
    assert_eq!(marks(&story("读《规划（草案）》。")), none());
}

#[test]
fn a_quotation_over_several_paragraphs_and_a_column_break_is_balanced() {
    let text = "## 新区建设稳步推进\n\n本报讯（记者 林晓舟）他说：“第一，项目要快。\n\n“第二，服务要好，让企业\n\n安心。\n\n“第三，要守住底线。”\n";
    let found = marks(text);
    assert_eq!(found, [mark("lines.rejoined", "业")]);
    let unclosed =
        "## 新区建设稳步推进\n\n本报讯（记者 林晓舟）他说：“第一，项目要快。\n\n第二段没有引号。\n";
    assert_eq!(marks(unclosed), [mark("pairs.unbalanced", "“")]);
}

#[test]
fn full_width_digits_and_letters() {
    assert_eq!(
        marks(&story("全年完成１２５亿元，ＧＤＰ增长。")),
        [
            fix("width.alnum", "１２５", "125"),
            fix("width.alnum", "ＧＤＰ", "GDP"),
        ]
    );
    assert_eq!(marks(&story("全年完成125亿元，GDP增长。")), none());
}

#[test]
fn repeated_marks_exclamations_ellipses_and_dashes() {
    assert_eq!(
        marks(&story(
            "好，，真好。。太好了！！！！他说...还有…风景……等等。再看……等项目。路--通了"
        )),
        [
            fix("punct.repeated", "，，", "，"),
            fix("punct.repeated", "。。", "。"),
            fix("punct.exclamations", "！！！！", "！！！"),
            fix("punct.ellipsis", "...", "……"),
            fix("punct.ellipsis", "…", "……"),
            fix("punct.ellipsis-deng", "……等", "等"),
            fix("punct.ellipsis-deng", "……等", "等"),
            fix("punct.dash", "--", "——"),
        ]
    );
    assert_eq!(
        marks(&story(
            "真的吗？！太好了！！！中国—东盟博览会1998—2000年举办，还有……"
        )),
        none()
    );
}

#[test]
fn column_break_debris_and_rejoined_paragraphs() {
    let text = "## 新区建设稳步推进\n\n本报讯（记者 林晓舟）工程进展顺利，稳中\n\n，向好。他说“\n";
    let found = marks(text);
    assert!(found.contains(&mark("lines.debris", "，")), "{found:?}");
    assert!(found.contains(&mark("lines.debris", "“")), "{found:?}");
    assert!(found.contains(&mark("lines.rejoined", "中")), "{found:?}");
}

#[test]
fn number_ranges() {
    assert_eq!(
        marks(&story("每户1-3个，投资9～16亿元，占15～30%。")),
        [
            fix("number.range-hyphen", "1-3个", "1～3个"),
            fix("number.range-unit", "9～16亿", "9亿～16亿"),
            fix("number.range-unit", "15～30%", "15%～30%"),
        ]
    );
    assert_eq!(
        marks(&story(
            "2026-11-20召开，电话0571-8800，投资9亿～16亿元，1～3个。"
        )),
        none()
    );
}

#[test]
fn mixed_digits_approximations_and_years() {
    assert_eq!(
        marks(&story(
            "投资4千万元，来了20几人，90年3月建成，二零一二年扩建。"
        )),
        [
            fix("number.mixed", "4千万", "4000万"),
            fix("number.approx", "20几", "二十几"),
            fix("number.year", "90年3月", "1990年3月"),
            fix("number.zero", "二零一二年", "二〇一二年"),
        ]
    );
    assert_eq!(
        marks(&story(
            "全长5千米，这50年来，90年代，二〇一二年，1990年3月。"
        )),
        none()
    );
}

#[test]
fn decimals_times_times_less_and_list_marks() {
    assert_eq!(
        marks(&story("系数为.46，15：40开会，成本降低3倍。")),
        [
            fix("number.decimal", ".46", "0.46"),
            fix("number.time", "15：40", "15:40"),
            mark("number.times-less", "降低3倍"),
        ]
    );
    let list =
        "## 新区建设稳步推进\n\n本报讯（记者 林晓舟）要点如下。\n\n1、抓项目。\n\n2.扩投资。\n";
    assert_eq!(marks(list), [fix("number.list-mark", "1、", "1.")]);
    assert_eq!(
        marks(&story(
            "系数为0.46，15:40开会，成本降低到三分之一，版本v1.2。"
        )),
        none()
    );
}

#[test]
fn doubled_approximation_words_and_commas() {
    assert_eq!(
        marks(&story("约300人左右参加，近千余人观看，休息三、四天。")),
        [
            fix("words.approx-doubled", "约300人左右", "约300人"),
            fix("words.approx-doubled", "近千余", "近千"),
            fix("words.approx-comma", "三、四", "三四"),
        ]
    );
    assert_eq!(
        marks(&story(
            "约300人参加，300人左右观看，一、二、三天，三四天，一、二季度。"
        )),
        none()
    );
}

#[test]
fn headline_period_and_body_spaces() {
    let text = "## 新区建设稳步推进。\n\n本报讯（记者 林晓舟）工程 进展顺利，投资 12亿元。\n";
    assert_eq!(
        marks(text),
        [fix("headline.period", "。", ""), fix("space.body", " ", ""),]
    );
    let kicker = "抓项目 扩投资\n\n## 新区 建设稳步推进\n\n本报讯（记者 林晓舟）工程进展顺利，投资 12亿元。\n";
    assert_eq!(marks(kicker), none());
}

#[test]
fn byline_brackets_and_padded_names() {
    // The segmenter reads 本报讯 alone as the byline here: the names in the brackets after it
    // are checked as the byline's all the same.
    let text =
        "## 新区建设稳步推进\n\n本报讯（记者 刘 畅 通讯员 苏念)工程进展顺利。\n\n（林晓舟 苏念)\n";
    let found = marks(text);
    assert!(
        found.contains(&mark("byline.padded-name", "刘 畅")),
        "{found:?}"
    );
    assert!(
        found.contains(&fix("punct.halfwidth", ")", "）")),
        "{found:?}"
    );
    let mut only = ProofSettings::default();
    only.keep_only(&[Check::BylineBrackets, Check::BylinePaddedName]);
    assert_eq!(
        marks_with(text, &only),
        [
            mark("byline.padded-name", "刘 畅"),
            fix("byline.brackets", ")", "）"),
            fix("byline.brackets", ")", "）"),
        ]
    );
    let clean =
        "## 新区建设稳步推进\n\n本报讯（记者 刘畅 通讯员 苏念）工程进展顺利。\n\n（林晓舟 苏念）\n";
    assert_eq!(marks(clean), none());
}

#[test]
fn repeated_words_and_paragraphs() {
    assert_eq!(
        marks(&story("这是我们的的目标，也在在推进。")),
        [
            fix("words.repeated", "的的", "的"),
            fix("words.repeated", "在在", "在"),
        ]
    );
    assert_eq!(
        marks(&story(
            "谢谢大家，实实在在，和和美美，是是非非，为了目的的规定。"
        )),
        none()
    );
    let twice = "## 新区建设稳步推进\n\n本报讯（记者 林晓舟）开头。\n\n新区今年完成投资一百二十亿元，同比增长百分之六。\n\n新区今年完成投资一百二十亿元，同比增长百分之六。\n";
    assert_eq!(
        marks(twice),
        [mark(
            "paragraph.repeated",
            "新区今年完成投资一百二十亿元，同比增长百分之六。"
        )]
    );
}

#[test]
fn digits_and_latin_next_to_chinese_are_never_told_to_take_a_space() {
    let found = marks(&story("新区GDP增长6.8%，iPhone销量15万台，共3个项目。"));
    assert_eq!(found, none());
}

/// The pages of newspaper text written for these tests, correctly proofread, in several
/// styles (news, commentary, interviews, lists of figures, features), by file name.
fn clean_pages() -> Vec<(String, String)> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/proof");
    let mut pages: Vec<(String, String)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    pages.sort();
    pages
}

#[test]
fn clean_newspaper_pages_yield_no_marks_at_all() {
    // Quotations over several paragraphs (interview), connector dashes and durations in 年
    // (figures, commentary), reduplicated words (interview), list numbers (figures).
    for name in ["news.txt", "interview.txt", "figures.txt", "commentary.txt"] {
        let page = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("testdata/proof")
                .join(name),
        )
        .unwrap();
        assert_eq!(marks(&page), none(), "{name}");
    }
}

#[test]
fn published_text_gets_fewer_than_one_error_mark_per_ten_thousand_characters() {
    let pages = clean_pages();
    let chars: usize = pages.iter().map(|(_, page)| page.chars().count()).sum();
    assert!(chars >= 50_000, "{chars} characters of clean text");
    let mut others = Vec::new();
    let mut errors = 0;
    for (name, page) in &pages {
        for (check, quote, _) in marks(page) {
            let severity = ProofSettings::default().severity(Check::from_id(check).unwrap());
            errors += usize::from(severity == Severity::Error);
            others.push((name.as_str(), check, quote));
        }
    }
    assert!(
        errors * 10_000 < chars,
        "{errors} error marks in {chars} characters: {others:?}"
    );
    // What is marked at all comes from the segmenter not knowing two bylines (本报评论员 …,
    // a speaker's title line) and reading a report's section headings as cut by column breaks.
    let marked: std::collections::BTreeSet<&str> = others.iter().map(|m| m.0).collect();
    assert_eq!(
        marked.into_iter().collect::<Vec<_>>(),
        ["budget.txt", "commentary2.txt"]
    );
    assert_eq!(errors, 0);
}
