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

use super::context::{self, Candidate, Text, with_approx};
use super::date;
use super::element::Element;
use super::number::{self, Quantity, Script};
use super::shares;
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

/// Signs between the two ends of a range.
const RANGE_SIGNS: &[char] = &['-', '－', '—', '–', '~', '～', '至', '到'];
/// Words after which digits are a telephone number or a code.
const CODE_BEFORE: &[&str] = &["热线", "电话", "拨打", "号码", "编号", "代码", "邮编"];
/// Longest quotation, in characters, that is taken as a name when it has no sentence
/// punctuation.
const MAX_NAME_QUOTE: usize = 30;

/// Finds figures and dates in an element.
pub fn find(element: &Element) -> Found {
    let chars = element.simple_chars();
    let text = Text {
        chars,
        written: &element.chars,
        names: name_mask(chars),
    };
    let mut candidates = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let (candidate, next) = candidate_at(&text, at);
        candidates.extend(candidate);
        at = next.max(at + 1);
    }
    Found {
        metrics: context::finish(element, candidates),
        dates: date::find(element),
    }
}

/// The figure starting at `at`, if any, and where to look next.
fn candidate_at(text: &Text, at: usize) -> (Option<Candidate>, usize) {
    let chars = text.chars;
    if text.names.get(at).copied().unwrap_or(false) {
        return (None, at + 1);
    }
    if let Some(share) = shares::prefixed_at(text, at) {
        return share;
    }
    let negative = is_negative_sign(chars, at);
    let start = at + usize::from(negative);
    if !number::starts_at(chars, start) {
        return (None, at + 1);
    }
    let Some(q) = number::quantity(chars, start) else {
        return (None, at + 1);
    };
    if is_excluded(chars, &q) {
        return (None, q.end);
    }
    if let Some(share) = shares::after(text, at, &q) {
        return share;
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
    let mut figure = Figure {
        value: text.written[at..q.value_end].iter().collect(),
        number: if negative { -q.number } else { q.number },
        upper: None,
        scale: q.scale,
        unit: None,
    };
    if let Some((half_unit, end)) = half_before_unit(chars, k, &q) {
        figure.number += 0.5;
        figure.unit = Some(half_unit);
        k = end;
        figure.value = text.written[at..k].iter().collect();
    } else {
        figure.unit = units::unit_at(chars, k);
        k += figure.unit.map_or(0, |(_, _, len)| len);
        if let Some((extra, end)) = compound_after(chars, k, &figure, &q) {
            figure.number += extra;
            k = end;
            figure.value = text.written[at..k].iter().collect();
        } else {
            match range_after(text, k, &q, &mut figure) {
                Range::Not => {}
                Range::Read(end) => k = end,
                Range::NoFigure(next) => return (None, next),
            }
        }
    }
    if figure.unit.is_some_and(|(name, ..)| name == "元") && starts_with(chars, k, "人民币") {
        k += "人民币".chars().count();
    }
    let (unit_name, rule) = match figure.unit {
        Some((name, family, _)) => (Some(name.to_owned()), family.rule()),
        None if figure.scale > 1 => (None, "metric.scale"),
        None => return (None, k),
    };
    let metric = Metric {
        value: figure.value,
        number: Some(figure.number).filter(|n| n.is_finite()),
        upper: figure.upper.filter(|n| n.is_finite()),
        scale: figure.scale,
        unit: unit_name,
        approx,
        ..Metric::default()
    };
    with_approx(chars, at, k, metric, rule)
}

/// A figure while it is read.
struct Figure {
    value: String,
    number: f64,
    upper: Option<f64>,
    scale: u64,
    unit: Option<units::Unit>,
}

/// True if `at` holds a minus sign or `负` before a numeral, not after one (which is a range)
/// nor after a letter (`G-15`).
fn is_negative_sign(chars: &[char], at: usize) -> bool {
    let sign = matches!(chars.get(at), Some('负' | '-' | '−' | '－'));
    let joined = at
        .checked_sub(1)
        .and_then(|k| chars.get(k))
        .is_some_and(|&c| {
            c.is_ascii_alphanumeric() || number::starts_numeral(c) || matches!(c, '.' | '%' | '％')
        });
    sign && !joined && number::starts_at(chars, at + 1)
}

/// `一个半小时`: `个半` and a unit after the numeral; the unit and where it ends.
fn half_before_unit(chars: &[char], k: usize, q: &Quantity) -> Option<(units::Unit, usize)> {
    if q.scale != 1 || !starts_with(chars, k, "个半") {
        return None;
    }
    let unit = units::unit_at(chars, k + 2)?;
    Some((unit, k + 2 + unit.2))
}

/// A smaller part written after the unit: `两斤半`, `三米半` (a half), `八元五角`, `3元2角5分`
/// (角 and 分 of a 元), `2小时08分` (minutes of an hour), `8米12`, `10秒05` (the decimals of
/// a record). What it adds and where it ends.
fn compound_after(chars: &[char], k: usize, figure: &Figure, q: &Quantity) -> Option<(f64, usize)> {
    let (unit, ..) = figure.unit?;
    if q.scale != 1 || q.approx.is_some() {
        return None;
    }
    if chars.get(k) == Some(&'半') && units::unit_at(chars, k + 1).is_none() {
        return Some((0.5, k + 1));
    }
    let part = number::arabic(chars, k).filter(|n| n.plain_integer);
    match unit {
        "小时" => {
            let minutes = part.filter(|n| chars.get(n.end) == Some(&'分'))?;
            return Some((minutes.value / 60.0, minutes.end + 1));
        }
        "米" | "秒" => {
            let decimals = part.filter(|n| {
                (1..=2).contains(&n.digits) && units::unit_at(chars, n.end).is_none()
            })?;
            let places = i32::try_from(decimals.digits).unwrap_or(2);
            return Some((decimals.value / 10_f64.powi(places), decimals.end));
        }
        "元" => {}
        _ => return None,
    }
    let jiao = number::numeral(chars, k).filter(|n| chars.get(n.end) == Some(&'角'))?;
    let mut extra = jiao.value / 10.0;
    let mut end = jiao.end + 1;
    if let Some(fen) = number::numeral(chars, end).filter(|n| chars.get(n.end) == Some(&'分')) {
        extra += fen.value / 100.0;
        end = fen.end + 1;
    }
    Some((extra, end))
}

/// What follows a figure's unit: nothing of note, the other end of a range (read into
/// `figure`; where it ends), or a date range that is no figure (where to look next).
enum Range {
    Not,
    Read(usize),
    NoFigure(usize),
}

/// Reads `3至5年`, `15%～30%`, `3-5万元` after the low end `q`, whose unit (if any) ends at
/// `k`.
fn range_after(text: &Text, k: usize, q: &Quantity, figure: &mut Figure) -> Range {
    let chars = text.chars;
    if !chars.get(k).is_some_and(|c| RANGE_SIGNS.contains(c)) {
        return Range::Not;
    }
    let Some(high) = number::quantity(chars, k + 1).filter(|h| h.first.script == q.first.script)
    else {
        return Range::Not;
    };
    let after = high.end;
    let year = high.first.plain_integer && high.first.digits == 4;
    let date = match chars.get(after) {
        Some('月' | '日' | '号') => true,
        Some('年') => year,
        _ => false,
    };
    if figure.unit.is_none() && date {
        return Range::NoFigure(after + 1);
    }
    let high_unit = units::unit_at(chars, after);
    let same_unit = match (figure.unit, high_unit) {
        (None, Some(_)) => true,
        (Some((a, ..)), Some((b, ..))) => a == b,
        (None, None) => high.scale > 1,
        (Some(_), None) => false,
    };
    if !same_unit {
        return if figure.unit.is_none() {
            Range::NoFigure(after)
        } else {
            Range::Not
        };
    }
    if q.first.script == Script::Arabic
        && q.first.plain_integer
        && high.first.plain_integer
        && high_unit.is_none()
        && q.first.digits + high.first.digits >= 7
    {
        return Range::NoFigure(after);
    }
    if q.scale == 1 && high.scale > 1 {
        figure.number *= high.scale as f64;
        figure.scale = high.scale;
    }
    figure.upper = Some(high.number);
    figure.value.push(text.written[k]);
    figure
        .value
        .extend(&text.written[high.start..high.value_end]);
    if high_unit.is_some() {
        figure.unit = high_unit;
    }
    Range::Read(after + high_unit.map_or(0, |(_, _, len)| len))
}

/// Numbers that are not figures: ordinals, codes, hotlines, dates, clock times, a lone `一`.
fn is_excluded(chars: &[char], q: &Quantity) -> bool {
    let first = q.first;
    let prev = first.start.checked_sub(1).and_then(|k| chars.get(k));
    let after = chars.get(first.end);
    // A unit of two or more characters right after the numeral (`3000日元`, `2TB`) is read as
    // one, whatever its first character says alone (`日`, a letter).
    let long_unit = units::unit_at(chars, first.end).is_some_and(|(_, _, len)| len > 1);
    if prev == Some(&'第')
        || prev.is_some_and(|c| c.is_ascii_alphanumeric() || *c == '.')
        || (after.is_some_and(char::is_ascii_alphabetic) && !long_unit)
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
    let lone_yi = first.script == Script::Chinese
        && first.end == first.start + 1
        && chars[first.start] == '一'
        && !starts_with(chars, first.end, "个半");
    if lone_yi {
        return true;
    }
    if long_unit {
        return false;
    }
    match after {
        // 18500点 is an index, 8点 a clock time.
        Some('点') => q.number <= 24.0,
        Some('月' | '日' | '号' | '时') => true,
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
