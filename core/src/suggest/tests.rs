//! [`suggest`] on whole invented pages: entity rules, options, order, and no panics.

use proptest::prelude::*;

use super::{Options, Suggestion, suggest};
use crate::bulletin::segment;
use crate::text::{PageEncoding, Source};

const PAGE: &str = "\
南岭县报　2026年11月20日　星期五　第2版

# 滨江区：项目建设跑出“加速度”

本报讯(记者 林晓舟 通讯员 苏念)前三季度,滨江区地区生产总值完成386.2亿元,同比增长6.8%。

滨江区引进青禾农业科技有限公司落户丰水镇石桥村,村民郑有田说:“收入不错。”林晓舟现场采访。

河湾市少年宫合唱团演唱原创歌曲《家乡的河》,“滨江美食节”吸引游客。

(苏念 方可)



日前,滨江区志愿者来到敬老院。

本报记者 罗一舟 摄
";

fn run(page: &str, accepted: &[(&str, &str)], options: Options) -> (Source, Vec<Suggestion>) {
    let source = Source::from_text(page, PageEncoding::Utf8);
    let bulletin = segment(source.text());
    let suggestions = suggest(&source, &bulletin, accepted, options);
    (source, suggestions)
}

/// `(label, text, rule)` of every suggestion.
fn listed(
    source: &Source,
    suggestions: &[Suggestion],
) -> Vec<(&'static str, String, &'static str)> {
    suggestions
        .iter()
        .map(|s| (s.label, source.slice(s.span).to_owned(), s.rule))
        .collect()
}

fn has(list: &[(&'static str, String, &'static str)], label: &str, text: &str, rule: &str) -> bool {
    list.iter()
        .any(|(l, t, r)| *l == label && t == text && *r == rule)
}

#[test]
fn bylines_trailing_bylines_and_credits_are_people() {
    let (source, suggestions) = run(PAGE, &[], Options::default());
    let list = listed(&source, &suggestions);
    let bylined: Vec<&str> = list
        .iter()
        .filter(|(_, _, rule)| *rule == "entity.byline")
        .map(|(_, text, _)| text.as_str())
        .collect();
    assert_eq!(bylined, ["林晓舟", "苏念", "苏念", "方可", "罗一舟"]);
    assert!(
        has(&list, "PER", "林晓舟", "entity.byline-name"),
        "{list:?}"
    );
    assert!(has(&list, "PER", "郑有田", "entity.title-name"), "{list:?}");
}

#[test]
fn entity_rules() {
    let (source, suggestions) = run(PAGE, &[], Options::default());
    let list = listed(&source, &suggestions);
    assert!(
        has(&list, "ORG", "青禾农业科技有限公司", "entity.suffix-org"),
        "{list:?}"
    );
    assert!(
        has(&list, "ORG", "河湾市少年宫合唱团", "entity.suffix-org"),
        "{list:?}"
    );
    assert!(has(&list, "LOC", "丰水镇", "entity.suffix-loc"), "{list:?}");
    assert!(has(&list, "LOC", "滨江区", "entity.jieba-ns"), "{list:?}");
    assert!(
        has(&list, "WORK", "家乡的河", "entity.work-title"),
        "{list:?}"
    );
    assert!(
        has(&list, "EVENT", "滨江美食节", "entity.quoted-event"),
        "{list:?}"
    );
    assert!(has(&list, "DATE", "2026年11月20日", "date.ymd"), "{list:?}");
    let work = suggestions.iter().find(|s| s.label == "WORK").unwrap();
    assert_eq!(source.slice(work.span), "家乡的河");
    let start = PAGE[..PAGE.find("家乡的河").unwrap()].chars().count();
    assert_eq!((work.span.start, work.span.end), (start, start + 4));
}

#[test]
fn metric_suggestions_carry_their_figure() {
    let (source, suggestions) = run(PAGE, &[], Options::default());
    let metric = suggestions.iter().find(|s| s.label == "METRIC").unwrap();
    assert_eq!(source.slice(metric.span), "386.2亿元");
    assert_eq!(metric.rule, "metric.money");
    let m = metric.metric.as_ref().unwrap();
    assert_eq!(m.indicator.as_deref(), Some("地区生产总值"));
    assert_eq!(m.period.as_deref(), Some("前三季度"));
    assert_eq!(m.change.as_ref().unwrap().figure, "6.8%");
    assert!(
        suggestions
            .iter()
            .filter(|s| s.label != "METRIC")
            .all(|s| s.metric.is_none())
    );
}

#[test]
fn accepted_entities_are_suggested_again() {
    let accepted = [
        ("ORG", "敬老院"),
        ("LOC", "滨江区"),
        ("METRIC", "386.2亿元"),
    ];
    let (source, suggestions) = run(PAGE, &accepted, Options::default());
    let list = listed(&source, &suggestions);
    let count = |text: &str| {
        list.iter()
            .filter(|(_, t, r)| t == text && *r == "entity.accepted")
            .count()
    };
    assert_eq!(count("滨江区"), 4);
    assert_eq!(count("敬老院"), 1);
    assert_eq!(count("386.2亿元"), 0, "figures are not propagated");
}

#[test]
fn stray_characters_and_common_words_do_not_spread() {
    let accepted = [
        ("LOC", "在"),
        ("ORG", "社区"),
        ("LOC", " "),
        ("PER", "方可"),
        ("ORG", "合唱团"),
    ];
    let page = format!("{PAGE}\n在社区在郑州在合唱团,方可。\n");
    let (source, suggestions) = run(&page, &accepted, Options::default());
    let spread: Vec<String> = listed(&source, &suggestions)
        .into_iter()
        .filter(|(_, _, rule)| *rule == "entity.accepted" || *rule == "entity.byline-name")
        .map(|(_, text, _)| text)
        .collect();
    // 合唱团 is a word jieba knows, but not as a name; 方可 (a byline name) is a word too.
    assert_eq!(spread, ["林晓舟"]);
    let (source, suggestions) = run(&page, &[("LOC", "郑州")], Options::default());
    let spread = listed(&source, &suggestions)
        .into_iter()
        .filter(|(_, text, rule)| *rule == "entity.accepted" && text == "郑州")
        .count();
    assert_eq!(spread, 1, "a name in the dictionary (ns) still spreads");
}

#[test]
fn people_by_title_speech_and_dots_and_places_by_their_stem() {
    let page = "## 题\n\n发言人毛宁远表示，合作顺利。委员张振华在会上发言，王海荣说，来自肯尼亚的基普乔格·莫伊夺冠，高兴地说。\n\n南岭市今年发展很快，来南岭的人多了，南岭山区也一样。\n";
    let (source, suggestions) = run(page, &[], Options::default());
    let list = listed(&source, &suggestions);
    assert!(has(&list, "PER", "毛宁远", "entity.title-name"), "{list:?}");
    assert!(has(&list, "PER", "张振华", "entity.title-name"), "{list:?}");
    assert!(
        list.iter().any(|(l, t, _)| *l == "PER" && t == "王海荣"),
        "{list:?}"
    );
    assert!(
        has(&list, "PER", "基普乔格·莫伊", "entity.dotted-name"),
        "{list:?}"
    );
    assert!(
        !list.iter().any(|(_, t, _)| t.starts_with("高兴")),
        "{list:?}"
    );
    let stems = list
        .iter()
        .filter(|(l, t, _)| *l == "LOC" && t == "南岭")
        .count();
    assert_eq!(stems, 2, "南岭 named with a suffix on the page: {list:?}");
}

#[test]
fn a_traditional_page_is_read_in_simplified_script() {
    let page = "## 題\n\n本報訊（記者 陳曉華）發言人黃志明表示，香港大學今年收入3.5億元。\n";
    let (source, suggestions) = run(page, &[], Options::default());
    let list = listed(&source, &suggestions);
    assert!(has(&list, "PER", "陳曉華", "entity.byline"), "{list:?}");
    assert!(has(&list, "PER", "黃志明", "entity.title-name"), "{list:?}");
    assert!(has(&list, "ORG", "香港大學", "entity.jieba-nt"), "{list:?}");
    assert!(has(&list, "METRIC", "3.5億元", "metric.money"), "{list:?}");
}

#[test]
fn options_select_recognizers() {
    let metrics_only = Options {
        metrics: true,
        entities: false,
    };
    let (_, suggestions) = run(PAGE, &[], metrics_only);
    assert!(suggestions.iter().all(|s| s.label == "METRIC"));
    assert_eq!(suggestions.len(), 1);
    let entities_only = Options {
        metrics: false,
        entities: true,
    };
    let (_, suggestions) = run(PAGE, &[], entities_only);
    assert!(suggestions.iter().all(|s| s.label != "METRIC"));
    assert!(!suggestions.is_empty());
}

#[test]
fn column_broken_paragraphs_map_back() {
    let page = "## 题\n\n本报讯 全县新增市场主体2.9万\n\n户,同比增长27.9%。\n";
    let (source, suggestions) = run(page, &[], Options::default());
    let metric = suggestions.iter().find(|s| s.label == "METRIC").unwrap();
    assert_eq!(source.slice(metric.span), "2.9万\n\n户");
    assert_eq!(metric.metric.as_ref().unwrap().number, Some(29_000.0));
}

#[test]
fn no_junk_entities() {
    let (source, suggestions) = run(PAGE, &[], Options::default());
    for s in &suggestions {
        let text = source.slice(s.span);
        if s.label == "PER" {
            assert!(text.chars().count() >= 2, "{text}");
        }
        if s.label == "ORG" {
            assert!(!text.contains(['，', ',', '、', '。']), "{text}");
        }
    }
}

/// Sorted by span, no repeated (label, span), spans non-empty and on element text.
fn check(page: &str, suggestions: &[Suggestion]) -> Result<(), TestCaseError> {
    let source = Source::from_text(page, PageEncoding::Utf8);
    let bulletin = segment(page);
    let mut on_element = vec![false; source.char_len()];
    for item in &bulletin.items {
        for span in item.element_spans() {
            on_element[span.start..span.end]
                .iter_mut()
                .for_each(|c| *c = true);
        }
    }
    for pair in suggestions.windows(2) {
        prop_assert!(pair[0].span <= pair[1].span);
        prop_assert!(!(pair[0].span == pair[1].span && pair[0].label == pair[1].label));
    }
    for s in suggestions {
        prop_assert!(s.span.start < s.span.end && s.span.end <= source.char_len());
        prop_assert!(on_element[s.span.start] && on_element[s.span.end - 1]);
        prop_assert_eq!(s.metric.is_some(), s.label == "METRIC");
    }
    Ok(())
}

#[test]
fn the_fixture_is_sorted_and_unique() {
    let (_, suggestions) = run(PAGE, &[], Options::default());
    check(PAGE, &suggestions).unwrap();
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let (_, suggestions) = run(&text, &[("PER", "甲"), ("LOC", " ")], Options::default());
        check(&text, &suggestions)?;
    }

    #[test]
    fn newspaper_like_text_never_panics(
        text in "[#\n 本报讯记者通讯员()（）“”《》,，。、第年月日万亿余多约近%％个百分点元0-9０-９.．一二两三十百千零〇区市公司局中心—～至\\-]{0,200}"
    ) {
        let (_, suggestions) = run(&text, &[], Options::default());
        check(&text, &suggestions)?;
    }
}

#[test]
fn a_figure_tagged_by_hand_reads_as_the_suggestion_of_it_does() {
    let source = Source::from_text(PAGE, PageEncoding::Utf8);
    let bulletin = segment(source.text());
    let span_of = |quote: &str| source.find_all(quote)[0];
    let money = span_of("386.2亿元");
    let suggested = suggest(&source, &bulletin, &[], Options::default())
        .into_iter()
        .find(|s| s.span == money)
        .and_then(|s| s.metric)
        .unwrap();
    let by_hand = super::metric_at(&source, &bulletin, money);
    assert_eq!(by_hand, *suggested);
    assert_eq!(by_hand.number, Some(38_620_000_000.0));
    assert_eq!(by_hand.indicator.as_deref(), Some("地区生产总值"));
    // Part of a figure: read alone.
    let part = super::metric_at(&source, &bulletin, span_of("6.8%"));
    assert_eq!(
        (part.value.as_str(), part.unit.as_deref()),
        ("6.8", Some("%"))
    );
    // No figure at all: the text is the value, without a number.
    let words = super::metric_at(&source, &bulletin, span_of("滨江区地区"));
    assert_eq!((words.value.as_str(), words.number), ("滨江区地区", None));
}
