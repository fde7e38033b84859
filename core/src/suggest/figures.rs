//! Finding figures: a numeral, its scale word, approximation words, a range and a unit.
//!
//! A figure is suggested as a metric only with a unit (`386.2亿元`, `1-3个`, `27.9%`) or a
//! scale word (`12万`). Not metrics: years and dates (`2023年`, `12月5日`, `1—10月`: those are
//! [`super::date`]'s), clock times (`8点`, `11点半`, `18:30`), ordinals (`第2版`), numbers
//! glued to Latin letters (`G107`), long digit runs and numbers after `热线`/`电话` (hotlines),
//! numbers without a unit (`北庆里1926`, `科创大道88号`), a lone `一` (`一个专班`), and
//! anything inside `《…》` or inside a short quotation without sentence punctuation, which
//! names something (`“管城36条”`, `“13710”平台`). Context — indicator, period, change — is
//! [`super::context`]'s.

use super::context::{self, Candidate};
use super::date;
use super::element::Element;
use super::number::{self, Quantity, Script};
use super::units::{self, ends_before, starts_with};
use crate::annotation::Metric;
use crate::text::Span;

/// What the numeric recognizers found in one element, in element character offsets.
#[derive(Debug, Default)]
pub struct Found {
    /// Figures with their rule and attributes.
    pub metrics: Vec<(Span, &'static str, Metric)>,
    /// Dates with their rule.
    pub dates: Vec<(Span, &'static str)>,
}

/// Words before a figure that make it approximate, longest first.
const APPROX_BEFORE: &[&str] = &["超过", "大约", "将近", "约", "近", "超", "逾"];
/// Words after a figure's unit that make it approximate.
const APPROX_AFTER: &[&str] = &["左右", "上下"];
/// Signs between the two ends of a range.
const RANGE_SIGNS: &[char] = &['-', '－', '—', '–', '~', '～', '至', '到'];
/// Words after which digits are a telephone number or a code.
const CODE_BEFORE: &[&str] = &["热线", "电话", "拨打", "号码", "编号", "代码", "邮编"];
/// Longest quotation, in characters, that is taken as a name when it has no sentence
/// punctuation.
const MAX_NAME_QUOTE: usize = 30;

/// Finds figures and dates in an element.
pub fn find(element: &Element) -> Found {
    let chars = &element.chars;
    let names = name_mask(chars);
    let mut candidates = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let (candidate, next) = candidate_at(chars, &names, at);
        candidates.extend(candidate);
        at = next.max(at + 1);
    }
    Found {
        metrics: context::finish(element, candidates),
        dates: date::find(element),
    }
}

/// The figure starting at `at`, if any, and where to look next.
fn candidate_at(chars: &[char], names: &[bool], at: usize) -> (Option<Candidate>, usize) {
    if names.get(at).copied().unwrap_or(false) {
        return (None, at + 1);
    }
    if let Some(percent) = percent_at(chars, at) {
        return percent;
    }
    if !number::starts_numeral(chars[at]) {
        return (None, at + 1);
    }
    let Some(q) = number::quantity(chars, at) else {
        return (None, at + 1);
    };
    let skip = (None, q.end);
    if is_excluded(chars, &q) {
        return skip;
    }
    let mut k = q.end;
    let mut approx = q.approx.map(str::to_owned);
    if approx.is_none()
        && matches!(chars.get(k), Some('余' | '多'))
        && units::unit_at(chars, k + 1).is_some()
    {
        approx = chars.get(k).map(char::to_string);
        k += 1;
    }
    let mut unit = units::unit_at(chars, k);
    k += unit.map_or(0, |(_, _, len)| len);
    let mut value: String = chars[at..q.value_end].iter().collect();
    let mut number = q.number;
    let mut scale = q.scale;
    let mut upper = None;
    if let Some(&sign) = chars.get(k).filter(|c| RANGE_SIGNS.contains(c))
        && let Some(high) = number::quantity(chars, k + 1)
        && high.first.script == q.first.script
    {
        let after = high.end;
        let year = high.first.plain_integer && high.first.digits == 4;
        let date = match chars.get(after) {
            Some('月' | '日' | '号') => true,
            Some('年') => year,
            _ => false,
        };
        if unit.is_none() && date {
            return (None, after + 1);
        }
        let high_unit = units::unit_at(chars, after);
        let same_unit = match (unit, high_unit) {
            (None, Some(_)) => true,
            (Some((a, ..)), Some((b, ..))) => a == b,
            (None, None) => high.scale > 1,
            (Some(_), None) => false,
        };
        if !same_unit {
            if unit.is_none() {
                return (None, after);
            }
        } else {
            if q.first.script == Script::Arabic
                && q.first.plain_integer
                && high.first.plain_integer
                && high_unit.is_none()
                && q.first.digits + high.first.digits >= 7
            {
                return (None, after);
            }
            if q.scale == 1 && high.scale > 1 {
                number *= high.scale as f64;
                scale = high.scale;
            }
            upper = Some(high.number);
            value.push(sign);
            value.extend(&chars[high.start..high.value_end]);
            if high_unit.is_some() {
                unit = high_unit;
            }
            k = after + high_unit.map_or(0, |(_, _, len)| len);
        }
    }
    let (unit_name, rule) = match unit {
        Some((name, family, _)) => (Some(name.to_owned()), family.rule()),
        None if scale > 1 => (None, "metric.scale"),
        None => return (None, k),
    };
    let metric = Metric {
        value,
        number: Some(number).filter(|n| n.is_finite()),
        upper: upper.filter(|n| n.is_finite()),
        scale,
        unit: unit_name,
        approx,
        ..Metric::default()
    };
    finish(chars, at, k, metric, rule)
}

/// A percentage written out, `百分之三十`, at `at`.
fn percent_at(chars: &[char], at: usize) -> Option<(Option<Candidate>, usize)> {
    if !starts_with(chars, at, "百分之") {
        return None;
    }
    let numeral = number::numeral(chars, at + 3)?;
    let metric = Metric {
        value: chars[at..numeral.end].iter().collect(),
        number: Some(numeral.value),
        unit: Some("%".to_owned()),
        ..Metric::default()
    };
    Some(finish(chars, at, numeral.end, metric, "metric.percent"))
}

/// Adds approximation words before and after a figure found at `start..end`.
fn finish(
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

/// Numbers that are not figures: ordinals, codes, hotlines, dates, clock times, a lone `一`.
fn is_excluded(chars: &[char], q: &Quantity) -> bool {
    let first = q.first;
    let prev = first.start.checked_sub(1).and_then(|k| chars.get(k));
    let after = chars.get(first.end);
    if prev == Some(&'第')
        || prev.is_some_and(|c| c.is_ascii_alphanumeric() || *c == '.')
        || after.is_some_and(char::is_ascii_alphabetic)
        || CODE_BEFORE
            .iter()
            .any(|w| ends_before(chars, first.start, w).is_some())
    {
        return true;
    }
    if first.script == Script::Arabic && first.plain_integer && first.digits >= 7 {
        return true;
    }
    if q.scale > 1 {
        return false;
    }
    if first.script == Script::Chinese && first.digits == 1 && chars[first.start] == '一' {
        return true;
    }
    match after {
        Some('月' | '日' | '号' | '点' | '时') => true,
        Some('年') => first.plain_integer && first.digits == 4,
        Some(':' | '：') => {
            (1..=2).all(|n| {
                chars
                    .get(first.end + n)
                    .and_then(|&c| number::arabic_digit(c))
                    .is_some()
            }) && first.script == Script::Arabic
        }
        _ => false,
    }
}

/// Marks the characters inside `《…》` and inside short quotations without sentence
/// punctuation (`“13710”`, `“管城36条”`): those name things, their digits are not figures.
pub fn name_mask(chars: &[char]) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let mut k = 0;
    while k < chars.len() {
        let close = match chars[k] {
            '《' => '》',
            '“' => '”',
            '「' => '」',
            '『' => '』',
            '"' => '"',
            _ => {
                k += 1;
                continue;
            }
        };
        let limit = if close == '》' { 60 } else { MAX_NAME_QUOTE };
        let end = chars[k + 1..]
            .iter()
            .take(limit + 1)
            .position(|&c| c == close)
            .map(|n| k + 1 + n);
        match end {
            Some(end) => {
                let inner = &chars[k + 1..end];
                let sentence = inner.iter().any(|c| "。，,！？!?；;：:\n".contains(*c));
                if close == '》' || !sentence {
                    mask[k + 1..end].iter_mut().for_each(|m| *m = true);
                }
                k = end + 1;
            }
            None => k += 1,
        }
    }
    mask
}

#[cfg(test)]
#[path = "figures_tests.rs"]
mod tests;
