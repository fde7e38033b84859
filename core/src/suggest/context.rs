//! The context of a figure: the approximation words around it (`约`, `左右`), what it measures
//! (indicator), when (period), and a change stated with it (`同比增长27.9%`); and the text the
//! figure scanners read ([`Text`]).
//!
//! A change figure that follows a figure in the same sentence, separated by at most a comma
//! (`新增市场主体2.9万户,同比增长27.9%`), belongs to that figure's `change` and is not
//! suggested on its own. A change figure with no figure before it (`商品房销售面积同比增长
//! 109.5%`, `增速34.5%`) is itself the metric, with its `change` filled and the indicator read
//! before the change phrase.
//!
//! Context is read in simplified script ([`Element::simple`]): on a traditional page the
//! indicator, period and change phrase are given in simplified script, the change's figure as
//! written.

use std::sync::LazyLock;

use regex::Regex;

use super::element::Element;
use super::units::{ends_before, starts_with};
use crate::annotation::{Change, Direction, Metric};
use crate::text::Span;

/// A figure before its context is read.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The figure, approximation words included.
    pub span: Span,
    /// The rule.
    pub rule: &'static str,
    /// Value, number, upper, scale, unit, approx; context comes later.
    pub metric: Metric,
}

/// Words before a figure that make it approximate, longest first.
const APPROX_BEFORE: &[&str] = &["超过", "大约", "将近", "约", "近", "超", "逾"];
/// Words after a figure's unit that make it approximate.
const APPROX_AFTER: &[&str] = &["左右", "上下"];
/// What the scanner reads: the characters in simplified script (for every rule) and as written
/// (for `value`), and which of them name something.
pub struct Text<'a> {
    /// The element's characters in simplified script.
    pub chars: &'a [char],
    /// The same characters as written.
    pub written: &'a [char],
    /// True inside `《…》` and short quotations.
    pub names: Vec<bool>,
}

/// Adds approximation words before and after a figure found at `start..end`.
pub fn with_approx(
    chars: &[char],
    start: usize,
    end: usize,
    mut metric: Metric,
    rule: &'static str,
) -> (Option<Candidate>, usize) {
    let mut span = Span::new(start, end);
    if let Some((word, from)) = APPROX_BEFORE
        .iter()
        .find_map(|w| ends_before(chars, start, w).map(|from| (*w, from)))
    {
        span.start = from;
        metric.approx.get_or_insert_with(|| word.to_owned());
    }
    if let Some(word) = APPROX_AFTER.iter().find(|w| starts_with(chars, end, w)) {
        span.end = end + word.chars().count();
        metric.approx.get_or_insert_with(|| (*word).to_owned());
    }
    let candidate = Candidate { span, rule, metric };
    (Some(candidate), span.end)
}

/// When, before a figure in the same sentence. Longer forms first.
const PERIOD_PATTERN: &str = r"(?:今年|\d{4}年)?(?:前[一二三四]季度|第?[一二三四]季度|[上下]半年|全年|前\d{1,2}个月|\d{1,2}[—\-－～至到]\d{1,2}月份?|\d{1,2}月份?)|今年以来|年初以来|截至(?:目前|(?:\d{4}年)?\d{1,2}月(?:底|末|份|\d{1,2}日)?)|\d{4}年(?:\d{1,2}月)?";
/// A period named anywhere in a sentence.
static PERIOD: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(PERIOD_PATTERN).ok());
/// A period at the start of a phrase: the same match [`PERIOD`] finds there, found without
/// reading the rest of the phrase.
static PERIOD_AT_START: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(&format!("^(?:{PERIOD_PATTERN})")).ok());

/// A change phrase just before a figure.
static CHANGE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?P<phrase>(?:同比|环比|比上年末?|比上年同期|比去年同期|较上年(?:同期)?|较去年(?:同期)?)?(?:分别)?(?P<verb>增长|增加|提高|提升|上升|攀升|上涨|下降|减少|降低|回落|下滑|增速|增幅|降幅|涨幅))(?:了|为|达到|达)?$",
    )
    .ok()
});

/// Indicators that a place name may stand before (`澄江区地区生产总值`).
const KNOWN_INDICATORS: &[&str] = &[
    "地区生产总值",
    "规模以上工业增加值",
    "固定资产投资",
    "社会消费品零售总额",
    "一般公共预算收入",
    "一般公共预算支出",
    "税收收入",
    "进出口总额",
    "实际利用外资",
    "居民人均可支配收入",
    "市场主体总量",
    "市场主体",
    "商品房销售面积",
];
/// Verbs and particles between an indicator and its figure, stripped from the indicator.
const TRAILING: &[&str] = &[
    "稳定在",
    "保持在",
    "达到",
    "完成",
    "实现",
    "突破",
    "超过",
    "累计",
    "共计",
    "总计",
    "合计",
    "增至",
    "分别",
    "已经",
    "达",
    "为",
    "有",
    "是",
    "共",
    "已",
    "了",
    "在",
    "的",
    "仅",
    "均",
    "等",
];
/// Words before an indicator that are not part of it.
const LEADING: &[&str] = &[
    "全市",
    "全区",
    "全县",
    "全镇",
    "全乡",
    "全省",
    "全村",
    "全国",
    "该市",
    "该区",
    "该县",
    "该镇",
    "该街道",
    "该社区",
    "该村",
    "本市",
    "其中",
    "同时",
    "目前",
    "今年",
    "全年",
    "累计",
    "共",
];
/// How far back, in characters, a sentence is searched for its period: a page with no
/// sentence punctuation at all must not make the search quadratic.
const MAX_SENTENCE: usize = 300;
/// How far back an indicator phrase is read before stripping.
const MAX_PHRASE: usize = 40;
/// Longest indicator kept, in characters.
const MAX_INDICATOR: usize = 20;

/// Fills indicator, period and change, merging change figures into the figure they follow.
pub fn finish(element: &Element, candidates: Vec<Candidate>) -> Vec<(Span, &'static str, Metric)> {
    let chars = element.simple_chars();
    let mut out: Vec<(Candidate, usize)> = Vec::new();
    for mut candidate in candidates {
        let mut indicator_end = candidate.span.start;
        if let Some((phrase_start, phrase, direction)) =
            change_before(element, candidate.span.start)
        {
            let change = Change {
                phrase,
                direction,
                figure: element.str(candidate.span).to_owned(),
            };
            if let Some((previous, _)) = out.last_mut()
                && previous.metric.change.is_none()
                && chars
                    .get(previous.span.end..phrase_start)
                    .is_some_and(|gap| gap.iter().all(|c| matches!(c, ',' | '，' | ' ')))
            {
                previous.metric.change = Some(change);
                continue;
            }
            candidate.metric.change = Some(change);
            indicator_end = phrase_start;
        }
        out.push((candidate, indicator_end));
    }
    let periods = if out.is_empty() {
        Vec::new()
    } else {
        periods(element)
    };
    let mut previous_end = 0;
    let mut result = Vec::with_capacity(out.len());
    for (mut candidate, indicator_end) in out {
        candidate.metric.indicator = indicator(chars, previous_end, indicator_end);
        candidate.metric.period = period(element, &periods, candidate.span.start);
        previous_end = candidate.span.end;
        result.push((candidate.span, candidate.rule, candidate.metric));
    }
    result
}

/// The change phrase ending at `at`: where it starts, the phrase, and its direction.
fn change_before(element: &Element, at: usize) -> Option<(usize, String, Direction)> {
    let from = at.saturating_sub(12);
    let window = element.simple_str(Span::new(from, at));
    let caps = CHANGE.as_ref()?.captures(window)?;
    let phrase = caps.name("phrase")?;
    let direction = Direction::of_phrase(caps.name("verb")?.as_str());
    let start = from + window[..phrase.start()].chars().count();
    Some((start, phrase.as_str().to_owned(), direction))
}

/// Every period named in the element: character span and text. Found once per element, not
/// once per figure.
fn periods(element: &Element) -> Vec<(Span, String)> {
    let Some(re) = PERIOD.as_ref() else {
        return Vec::new();
    };
    re.find_iter(element.simple())
        .map(|m| {
            let span = Span::new(
                element.char_at_byte(m.start()),
                element.char_at_byte(m.end()),
            );
            (span, m.as_str().to_owned())
        })
        .collect()
}

/// The latest period named in the sentence before `at`. A semicolon does not end the
/// sentence: `前三季度,A完成…;B完成…` gives both figures the period.
fn period(element: &Element, periods: &[(Span, String)], at: usize) -> Option<String> {
    let chars = element.simple_chars();
    let from = at.saturating_sub(MAX_SENTENCE);
    let start = chars[from..at]
        .iter()
        .rposition(|c| "。！？!?\n".contains(*c))
        .map_or(from, |k| from + k + 1);
    let before = periods.partition_point(|(span, _)| span.end <= at);
    let (span, text) = periods.get(before.checked_sub(1)?)?;
    (span.start >= start).then(|| text.clone())
}

/// The noun phrase before a figure: the Han characters back to the clause start or the
/// previous figure, without the verbs, periods and place names around it.
fn indicator(chars: &[char], not_before: usize, end: usize) -> Option<String> {
    let mut start = end;
    let not_before = not_before.max(end.saturating_sub(MAX_PHRASE));
    while start > not_before
        && chars
            .get(start - 1)
            .is_some_and(|&c| crate::bulletin::is_han(c))
    {
        start -= 1;
    }
    if start > 0
        && chars.get(start - 1).is_some_and(|c| c.is_numeric())
        && matches!(chars.get(start), Some('年' | '月' | '日'))
    {
        start += 1;
    }
    let mut phrase: String = chars.get(start..end)?.iter().collect();
    strip_period(&mut phrase);
    loop {
        let before = phrase.len();
        for word in TRAILING {
            if let Some(rest) = phrase.strip_suffix(word) {
                phrase.truncate(rest.len());
                break;
            }
        }
        for word in LEADING {
            if let Some(rest) = phrase.strip_prefix(word) {
                phrase = rest.to_owned();
                break;
            }
        }
        strip_period(&mut phrase);
        if phrase.len() == before {
            break;
        }
    }
    // Only a place name before a known indicator is dropped: most phrases name no place.
    let names_a_place = phrase.contains(['区', '县', '市', '镇', '乡', '省', '村']);
    for known in KNOWN_INDICATORS.iter().filter(|_| names_a_place) {
        if let Some(at) = phrase.find(known)
            && at > 0
            && phrase[..at].ends_with(['区', '县', '市', '镇', '乡', '省', '村'])
        {
            phrase = phrase[at..].to_owned();
            break;
        }
    }
    let len = phrase.chars().count();
    ((2..=MAX_INDICATOR).contains(&len) && !super::names::is_verb_phrase(&phrase)).then_some(phrase)
}

/// Removes a period written at the start of an indicator (`前三季度固定资产投资`).
fn strip_period(phrase: &mut String) {
    if let Some(found) = PERIOD_AT_START.as_ref().and_then(|re| re.find(phrase)) {
        *phrase = phrase[found.end()..].to_owned();
    }
}
