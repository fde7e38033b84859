//! Names found with `jieba-rs` part-of-speech tags, suffix rules and a gazetteer: people
//! (`nr`), places (`ns`, words before 省/市/区/县/镇/乡/村/街道/社区/路/港…, and countries,
//! regions and cities the gazetteer knows), organisations (`nt`, noun runs ending in
//! 公司/大学/局/中心/医院/政府/联盟/队…, and parties and short names the gazetteer knows).
//!
//! jieba's dictionary tags are rough on local news (it splits 管城区 as 管/城区 and tags many
//! place names `nr`), so every rule here only suggests; the filters keep the obvious junk out:
//! a person needs a common surname and two to four characters, an organisation never crosses
//! punctuation or a verb, and a place or organisation made of a bare suffix is dropped.

use std::sync::LazyLock;

use jieba_rs::Tag;

use super::lexicon::{
    self, JOINING, NOT_FIRST, NOT_NAME_ENDS, NOT_ORG_ENDINGS, NOT_ORGS, NOT_PLACE_STARTS,
    NOT_PLACE_WORDS, NOUNISH, ORG_SUFFIXES, PLACE_SUFFIXES, TITLES_AFTER_ORG, looks_like_place,
};
use crate::bulletin::is_han;
use crate::text::Span;
use crate::text::words::JIEBA;

/// Common surnames; a `nr` word must start with one to be suggested as a person.
pub use crate::bulletin::SURNAMES;

/// A name found by these rules: label, element character span, rule.
pub type Found = (&'static str, Span, &'static str);

/// People, places and organisations in `text` (spans in characters of `text`).
pub fn find(text: &str) -> Vec<Found> {
    let tags = JIEBA.tag(text, true);
    let mut out = gazetteer(text, &tags);
    for (k, tag) in tags.iter().enumerate() {
        if !tag.word.chars().all(is_han) {
            continue;
        }
        out.extend(organisation(&tags, k));
        out.extend(place(&tags, k));
        let rule = match tag.tag {
            "ns" if trusted_place(tag.word) => Some(("LOC", "entity.jieba-ns")),
            // Kept only where the page names the place with a suffix too (南岭 and 南岭市).
            "ns" if tag.end - tag.start >= 2 => Some(("LOC", STEM_RULE)),
            "nt" if trusted_org(tag.word) => Some(("ORG", "entity.jieba-nt")),
            "nr" | "nrfg" | "nrt" if is_person(tag.word) || is_transliterated(tag.word) => {
                Some(("PER", "entity.jieba-nr"))
            }
            _ => None,
        };
        out.extend(rule.map(|(label, rule)| (label, span(tag), rule)));
    }
    out
}

/// The rule of a dictionary place word that stands alone on the page: suggested only where
/// the page also names it with a suffix ([`super::entity`] decides).
pub const STEM_RULE: &str = "entity.place-stem";

/// The gazetteer's names in `text` that begin and end where jieba's words do (`关中` in
/// `机关中` is no place).
fn gazetteer(text: &str, tags: &[Tag<'_>]) -> Vec<Found> {
    let mut out = Vec::new();
    // Matches come in order: count characters from the last one.
    let (mut byte, mut chars) = (0, 0);
    let mut char_of = |at: usize| {
        chars += text.get(byte..at).map_or(0, |gap| gap.chars().count());
        byte = at;
        chars
    };
    for (bytes, label) in lexicon::gazetteer_names(text) {
        let start = char_of(bytes.start);
        let end = char_of(bytes.end);
        let begins = tags.binary_search_by_key(&start, |t| t.start).is_ok();
        let ends = tags.binary_search_by_key(&end, |t| t.end).is_ok();
        if begins && ends {
            out.push((label, Span::new(start, end), "entity.gazetteer"));
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

/// True if `word`, found before a verb of speech, can be a person's name: no common word,
/// and for three characters, no common word in its first two (`高兴地说` is no one).
pub fn could_be_name(word: &str) -> bool {
    let first_two: String = word.chars().take(2).collect();
    !is_common_word(word) && (word.chars().count() < 3 || !is_common_word(&first_two))
}

/// Warms the dictionary up (benchmarks, and the first suggestion in the app).
pub fn load() {
    LazyLock::force(&JIEBA);
}

/// An `ns` word worth suggesting. The bundled dictionary tags many common words `ns` (城市,
/// 美丽, 延时), so a dictionary word must end like a place (the gazetteer's names are read
/// before); words the dictionary does not know were tagged by its model and are kept.
fn trusted_place(word: &str) -> bool {
    let shaped = word.chars().count() >= 2
        && !word.starts_with(super::number::starts_numeral)
        && !word.starts_with(NOT_PLACE_STARTS)
        && !word.ends_with(['及', '和', '与', '的', '等', '在'])
        && !NOT_PLACE_WORDS.contains(&word);
    shaped && (!JIEBA.has_word(word) || looks_like_place(word))
}

/// An `nt` word worth suggesting: jieba's organisations are rarely common words, but a few
/// name only a kind of organisation (`交易所`) or none (`国际化`).
fn trusted_org(word: &str) -> bool {
    word.chars().count() >= 2 && !NOT_ORGS.contains(&word) && !ORG_SUFFIXES.contains(&word)
}

/// A name jieba tags as a person that reads as a transliteration: three characters or more,
/// all of them characters transliterations are written with (`克林顿`, `普里马科夫`).
fn is_transliterated(word: &str) -> bool {
    word.chars().count() >= 3 && word.chars().all(|c| lexicon::TRANSLITERATION.contains(c))
}

/// An `nr` word worth suggesting as a person: two or three characters starting with a common
/// surname. A dictionary word must have three and not end like a place or a thing (the
/// dictionary tags 明白, 文明 and 黄鹤楼 `nr`); a word of two that jieba's model tagged is kept.
fn is_person(word: &str) -> bool {
    let len = word.chars().count();
    let surname = word.starts_with(|c| SURNAMES.contains(c));
    let known = JIEBA.has_word(word);
    let plausible_end = !word.ends_with(|c| NOT_NAME_ENDS.contains(c));
    surname && plausible_end && (len == 3 || (len == 2 && !known))
}

fn span(tag: &Tag<'_>) -> Span {
    Span::new(tag.start, tag.end)
}

fn ends_with_org(word: &str) -> bool {
    let last = word.chars().next_back();
    if !last.is_some_and(lexicon::ends_an_org_suffix)
        || NOT_ORG_ENDINGS.iter().any(|ending| word.ends_with(ending))
    {
        return false;
    }
    ORG_SUFFIXES.iter().any(|suffix| {
        word.ends_with(suffix)
            && (suffix.chars().count() > 1 || word.chars().count() >= 3)
            && word != *suffix
    }) || ORG_SUFFIXES.contains(&word)
}

/// Time words jieba tags `t` that never name a place.
const TIME_WORDS: &[&str] = &[
    "今年", "去年", "明年", "前年", "当年", "近年", "每年", "全年", "同年", "今天", "明天", "昨天",
    "目前", "现在", "当前", "近日", "日前", "今后", "以来",
];

/// Characters a word starts with when it begins a clause, not a name: `以三比一`, `在`.
const CLAUSE_STARTS: &[char] = &[
    '以', '在', '从', '向', '对', '把', '被', '给', '将', '由', '为', '及', '于', '经', '据',
];

/// Where an organisation ends inside the word `word` (in characters): at its end, or before a
/// title it runs into (`医院院长`).
fn org_end_in(word: &str) -> Option<usize> {
    if ends_with_org(word) {
        return Some(word.chars().count());
    }
    if !word.ends_with(['长', '任', '记', '理', '席']) {
        return None;
    }
    let title = TITLES_AFTER_ORG.iter().find(|t| word.ends_with(**t))?;
    let head = &word[..word.len() - title.len()];
    (!head.is_empty() && (ends_with_org(head) || ORG_SUFFIXES.contains(&head)))
        .then(|| head.chars().count())
}

/// An organisation ending with word `k`: the run of noun-like words before an org suffix.
fn organisation(tags: &[Tag<'_>], k: usize) -> Option<Found> {
    let last = tags.get(k)?;
    // jieba tags 分行 a verb; 组织 tagged a verb is one (组织志愿者).
    if last.tag == "v" && !matches!(last.word, "分行" | "支行") {
        return None;
    }
    let end = last.start + org_end_in(last.word)?;
    let head = &last.word[..last
        .word
        .char_indices()
        .nth(end - last.start)
        .map_or(last.word.len(), |(b, _)| b)];
    let bare = ORG_SUFFIXES.contains(&head);
    let mut first = k;
    let mut chars = end - last.start;
    while first > 0 {
        let prev = &tags[first - 1];
        let prev_len = prev.end - prev.start;
        // 和 between two nouns, the first no organisation of its own: 工业和信息化部.
        let joining = JOINING.contains(&prev.word)
            && first >= 2
            && NOUNISH.contains(&tags[first - 2].tag)
            && !matches!(tags[first - 2].tag, "ns" | "nt")
            && !ends_with_org(tags[first - 2].word);
        let starts_clause = prev.word.starts_with(CLAUSE_STARTS);
        if !(NOUNISH.contains(&prev.tag) || joining)
            || starts_clause
            || !prev.word.chars().all(is_han)
            || chars + prev_len > 20
            || k - first >= 7
        {
            break;
        }
        chars += prev_len;
        first -= 1;
    }
    // Leading numbers, times and verbal nouns are not part of the name, unless the name would
    // be a bare suffix without them (运输署, 发展局).
    while first < k
        && (NOT_FIRST.contains(&tags[first].tag) || JOINING.contains(&tags[first].word))
        && !(first + 1 == k && bare && tags[first].tag == "vn")
    {
        first += 1;
    }
    // 中心 in 国家中心城市 is not an organisation.
    if end == last.end
        && tags
            .get(k + 1)
            .is_some_and(|next| next.word.starts_with("城市"))
    {
        return None;
    }
    if first == k
        && (bare || NOT_ORGS.contains(&head) || last.tag != "nt" && head.chars().count() < 3)
    {
        return None;
    }
    let rule = if first == k && last.tag == "nt" {
        "entity.jieba-nt"
    } else {
        "entity.suffix-org"
    };
    Some(("ORG", Span::new(tags[first].start, end), rule))
}

/// A place ending with word `k`: a name followed by a place suffix word (`澄江` + `区`), or a
/// word of three or more characters ending in one (`金水区`).
fn place(tags: &[Tag<'_>], k: usize) -> Option<Found> {
    let tag = tags.get(k)?;
    if tag.tag == "v" {
        return None;
    }
    if PLACE_SUFFIXES.contains(&tag.word) {
        let named = |prev: &Tag<'_>| {
            let len = prev.end - prev.start;
            let tag_named = match prev.tag {
                "ns" | "nr" | "nz" | "n" | "j" | "ng" | "nrt" | "zg" | "s" => true,
                // 青年 (路) is a time word to jieba; 今年 (新区) is one.
                "t" => !TIME_WORDS.contains(&prev.word),
                _ => false,
            };
            tag_named && (2..=4).contains(&len) && prev.word.chars().all(is_han)
        };
        let prev = tags.get(k.checked_sub(1)?)?;
        if named(prev) {
            return Some(("LOC", Span::new(prev.start, tag.end), "entity.suffix-loc"));
        }
        // A place of a place: 青年 + 路 + 社区.
        let before = tags.get(k.checked_sub(2)?)?;
        if PLACE_SUFFIXES.contains(&prev.word) && named(before) {
            return Some(("LOC", Span::new(before.start, tag.end), "entity.suffix-loc"));
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
    fn gazetteer_names_on_word_boundaries() {
        assert!(has("中国同法国、肯尼亚开展合作", "LOC", "法国"));
        assert!(has("中国同法国、肯尼亚开展合作", "LOC", "肯尼亚"));
        assert!(has("联合国和欧盟发表声明", "ORG", "联合国"));
        assert!(has("联合国和欧盟发表声明", "ORG", "欧盟"));
        assert!(has("粤港澳大湾区建设", "LOC", "粤港澳大湾区"));
        assert!(
            !has("机关中的干部", "LOC", "关中"),
            "{:?}",
            names("机关中的干部")
        );
        assert!(has("苏轼的书法", "PER", "苏轼"));
    }

    #[test]
    fn organisations_joined_and_before_titles() {
        assert!(has("工业和信息化部发布通知", "ORG", "工业和信息化部"));
        assert!(
            !names("北京协和医院与南岭市中心医院合作")
                .iter()
                .any(|(_, q, _)| q.contains('与'))
        );
        assert!(has("城北区人民医院院长介绍", "ORG", "城北区人民医院"));
        assert!(has("北湖镇人民政府承办", "ORG", "北湖镇人民政府"));
        assert!(has("运输署回应", "ORG", "运输署"));
        assert!(!has("机关干部下基层", "ORG", "机关干部"));
        assert!(!has("红十字会组织志愿者", "ORG", "红十字会组织"));
    }

    #[test]
    fn people_by_dictionary_and_transliteration() {
        assert!(
            has("会见了克林顿", "PER", "克林顿"),
            "{:?}",
            names("会见了克林顿")
        );
        assert!(
            !names("天安门广场很明白")
                .iter()
                .any(|(l, _, _)| *l == "PER")
        );
        assert!(!names("黄鹤楼下").iter().any(|(l, _, _)| *l == "PER"));
    }

    #[test]
    fn bare_suffixes_are_not_names() {
        assert!(!has("服务中心开门了", "ORG", "中心"));
        assert!(names("社区里很热闹").iter().all(|(_, q, _)| q != "社区"));
    }
}
