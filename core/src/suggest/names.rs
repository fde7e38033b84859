//! Names found with `jieba-rs` part-of-speech tags and suffix rules: people (`nr`), places
//! (`ns`, and words before 省/市/区/县/镇/乡/村/街道/社区/路…), organisations (`nt`, and noun
//! runs ending in 公司/大学/局/中心/医院/剧团…).
//!
//! jieba's dictionary tags are rough on local news (it splits 管城区 as 管/城区 and tags many
//! place names `nr`), so every rule here only suggests; the filters keep the obvious junk out:
//! a person needs a common surname and two to four characters, an organisation never crosses
//! punctuation or a verb, and a place or organisation made of a bare suffix is dropped.

use std::sync::LazyLock;

use jieba_rs::Tag;

use crate::bulletin::is_han;
use crate::text::Span;

use crate::text::words::JIEBA;

/// Common surnames; a `nr` word must start with one to be suggested as a person.
pub use crate::bulletin::SURNAMES;

/// Provinces and large cities: dictionary `ns` words trusted without a place suffix.
const GAZETTEER: &str = "中国 北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 石家庄 太原 沈阳 长春 哈尔滨 南京 杭州 合肥 福州 南昌 济南 郑州 武汉 长沙 广州 海口 成都 贵阳 昆明 西安 兰州 西宁 呼和浩特 南宁 拉萨 银川 乌鲁木齐 深圳 厦门 青岛 大连 宁波 苏州 无锡 洛阳 开封";

/// Words a place name ends with when written as its own jieba word.
const PLACE_SUFFIXES: &[&str] = &[
    "省",
    "市",
    "区",
    "县",
    "镇",
    "乡",
    "村",
    "街道",
    "社区",
    "路",
    "街",
    "大道",
    "巷",
    "片区",
    "新区",
    "开发区",
    "小区",
];
/// Single characters a longer place word ends with (`金水区`, `皋寨村`).
const PLACE_FINALS: &[char] = &['省', '市', '区', '县', '镇', '乡', '村', '街', '路'];
/// Words ending like a place that are never names, however long the word.
const NOT_PLACES: &[&str] = &[
    "公路",
    "马路",
    "道路",
    "铁路",
    "线路",
    "思路",
    "出路",
    "城市",
    "超市",
    "都市",
    "上市",
    "夜市",
    "城乡",
    "乡村",
    "农村",
    "商业街",
    "步行街",
];
/// Words ending like a place that are not names in a word of up to three characters.
const NOT_SHORT_PLACES: &[&str] = &[
    "地区", "城区", "社区", "小区", "片区", "山区", "市区", "郊区", "辖区", "园区", "景区", "新区",
    "老区", "街区", "湾区",
];

/// True if `word` ends like a place and is not a common word that merely looks like one.
fn looks_like_place(word: &str) -> bool {
    let short = word.chars().count() <= 3;
    (word.ends_with(PLACE_FINALS) || word.ends_with("街道"))
        && !NOT_PLACES.iter().any(|w| word.ends_with(w))
        && !(short && NOT_SHORT_PLACES.iter().any(|w| word.ends_with(w)))
}

/// Endings of organisation names. Single characters need a word of three or more.
const ORG_SUFFIXES: &[&str] = &[
    "有限责任公司",
    "有限公司",
    "公司",
    "集团",
    "大学",
    "学院",
    "科学院",
    "研究院",
    "研究所",
    "委员会",
    "管委会",
    "领导小组",
    "办事处",
    "中心",
    "医院",
    "卫生院",
    "剧团",
    "合唱团",
    "艺术团",
    "学校",
    "小学",
    "中学",
    "幼儿园",
    "银行",
    "协会",
    "商会",
    "工会",
    "联合会",
    "合作社",
    "工委",
    "党组",
    "农委",
    "少年宫",
    "俱乐部",
    "局",
    "部",
    "厅",
    "署",
    "院",
    "所",
];
/// Tags of words that may stand inside an organisation's name.
const NOUNISH: &[&str] = &[
    "n", "ns", "nr", "nz", "nt", "vn", "j", "ng", "nrt", "nrfg", "t", "m", "b", "an", "l", "zg",
];

/// A name found by these rules: label, element character span, rule.
pub type Found = (&'static str, Span, &'static str);

/// People, places and organisations in `text` (spans in characters of `text`).
pub fn find(text: &str) -> Vec<Found> {
    let tags = JIEBA.tag(text, true);
    let mut out = Vec::new();
    for (k, tag) in tags.iter().enumerate() {
        if !tag.word.chars().all(is_han) {
            continue;
        }
        let len = tag.end - tag.start;
        if let Some(found) = organisation(&tags, k) {
            out.push(found);
        }
        if let Some(found) = place(&tags, k) {
            out.push(found);
        }
        match tag.tag {
            "ns" if len >= 2 && trusted_place(tag.word) => {
                out.push(("LOC", span(tag), "entity.jieba-ns"));
            }
            "nt" if ends_with_org(tag.word) => out.push(("ORG", span(tag), "entity.jieba-nt")),
            "nr" if len == 3
                && !JIEBA.has_word(tag.word)
                && tag.word.starts_with(|c| SURNAMES.contains(c)) =>
            {
                out.push(("PER", span(tag), "entity.jieba-nr"));
            }
            _ => {}
        }
    }
    out
}

/// True if every word of `phrase` is a verb, adverb or function word (`设立`, `谋划实施`):
/// such a phrase says what was done, not what was measured.
pub fn is_verb_phrase(phrase: &str) -> bool {
    JIEBA
        .tag(phrase, false)
        .iter()
        .all(|tag| matches!(tag.tag, "v" | "d" | "p" | "ad" | "c" | "u" | "uj" | "ul"))
}

/// True for a common word: one jieba's dictionary holds and does not tag as a name (`nr`,
/// `ns`, `nt` and their kinds). `在`, `社区` and `方可` are common words; `郑州`, `外交部` are
/// names.
pub fn is_common_word(word: &str) -> bool {
    if !JIEBA.has_word(word) {
        return false;
    }
    match JIEBA.tag(word, false).as_slice() {
        [one] => !matches!(one.tag, "nr" | "nrt" | "nrfg" | "ns" | "nt"),
        _ => true,
    }
}

/// Warms the dictionary up (benchmarks, and the first suggestion in the app).
pub fn load() {
    LazyLock::force(&JIEBA);
}

/// An `ns` word worth suggesting. The bundled dictionary tags many common words `ns` (城市,
/// 美丽, 延时), so a dictionary word must end like a place or be a province or large city;
/// words the dictionary does not know were tagged by its model and are kept.
fn trusted_place(word: &str) -> bool {
    !JIEBA.has_word(word)
        || looks_like_place(word)
        || GAZETTEER.split(' ').any(|place| place == word)
}

fn span(tag: &Tag<'_>) -> Span {
    Span::new(tag.start, tag.end)
}

fn ends_with_org(word: &str) -> bool {
    ORG_SUFFIXES.iter().any(|suffix| {
        word.ends_with(suffix)
            && (suffix.chars().count() > 1 || word.chars().count() >= 3)
            && word != *suffix
    }) || ORG_SUFFIXES.contains(&word)
}

/// An organisation ending with word `k`: the run of noun-like words before an org suffix.
fn organisation(tags: &[Tag<'_>], k: usize) -> Option<Found> {
    let last = tags.get(k)?;
    if last.tag == "v" || !ends_with_org(last.word) {
        return None;
    }
    let mut first = k;
    let mut chars = last.end - last.start;
    while first > 0 {
        let prev = &tags[first - 1];
        let prev_len = prev.end - prev.start;
        if !NOUNISH.contains(&prev.tag)
            || !prev.word.chars().all(is_han)
            || chars + prev_len > 20
            || k - first >= 6
        {
            break;
        }
        chars += prev_len;
        first -= 1;
    }
    while first < k && matches!(tags[first].tag, "m" | "t" | "vn" | "zg" | "l") {
        first += 1;
    }
    // 中心 in 国家中心城市 is not an organisation.
    if tags
        .get(k + 1)
        .is_some_and(|next| next.word.starts_with("城市"))
    {
        return None;
    }
    let bare = ORG_SUFFIXES.contains(&last.word);
    if first == k && (bare || last.tag != "nt" && last.word.chars().count() < 3) {
        return None;
    }
    let rule = if first == k && last.tag == "nt" {
        "entity.jieba-nt"
    } else {
        "entity.suffix-org"
    };
    Some(("ORG", Span::new(tags[first].start, last.end), rule))
}

/// A place ending with word `k`: a name followed by a place suffix word (`澄江` + `区`), or a
/// word of three or more characters ending in one (`金水区`).
fn place(tags: &[Tag<'_>], k: usize) -> Option<Found> {
    let tag = tags.get(k)?;
    if tag.tag == "v" {
        return None;
    }
    if PLACE_SUFFIXES.contains(&tag.word) {
        let prev = tags.get(k.checked_sub(1)?)?;
        let prev_len = prev.end - prev.start;
        let named = matches!(
            prev.tag,
            "ns" | "nr" | "nz" | "n" | "j" | "ng" | "nrt" | "zg"
        );
        if named && (2..=4).contains(&prev_len) && prev.word.chars().all(is_han) {
            return Some(("LOC", Span::new(prev.start, tag.end), "entity.suffix-loc"));
        }
        return None;
    }
    let len = tag.end - tag.start;
    (len >= 3 && tag.tag != "ns" && looks_like_place(tag.word))
        .then(|| ("LOC", span(tag), "entity.suffix-loc"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(&'static str, String, &'static str)> {
        let chars: Vec<char> = text.chars().collect();
        find(text)
            .into_iter()
            .map(|(label, span, rule)| {
                let quote: String = chars[span.start..span.end].iter().collect();
                (label, quote, rule)
            })
            .collect()
    }

    fn has(text: &str, label: &str, quote: &str) -> bool {
        names(text)
            .iter()
            .any(|(l, q, _)| *l == label && q == quote)
    }

    #[test]
    fn organisations_by_suffix() {
        let text = "引进青禾农业科技有限公司,由滨江区教育局主办。";
        assert!(
            has(text, "ORG", "青禾农业科技有限公司"),
            "{:?}",
            names(text)
        );
        assert!(has(text, "ORG", "滨江区教育局"), "{:?}", names(text));
        assert!(
            !names(text).iter().any(|(_, q, _)| q.contains(',')),
            "never across punctuation"
        );
    }

    #[test]
    fn places_by_suffix_and_tag() {
        let text = "河湾市少年宫合唱团在郑州演出。";
        assert!(has(text, "ORG", "河湾市少年宫合唱团"), "{:?}", names(text));
        assert!(has(text, "LOC", "郑州"), "{:?}", names(text));
        assert!(has("位于澄江区滨河新城", "LOC", "澄江区"));
    }

    #[test]
    fn bare_suffixes_are_not_names() {
        assert!(!has("服务中心开门了", "ORG", "中心"));
        assert!(names("社区里很热闹").iter().all(|(_, q, _)| q != "社区"));
    }
}
