//! Figures written as a share of a whole, each a percentage: `百分之十二` (12 %), `千分之三`
//! (0.3 %), `万分之五`, `五分之一` (20 %), `七成` (70 %), `八折` (80 %), `七五折` (75 %),
//! `8.5折` (85 %).
//!
//! `value` keeps the figure as written (`七成`); `number` is the percentage and `unit` `%`.
//! Not shares: a numeral before a word that starts with 成 or 折 (`三五成群`, `两成员`,
//! `三折叠`), and a lone `一` (`一成不变`), which is never a figure.

use super::context::{Candidate, Text, with_approx};
use super::number::{self, Quantity, Script};
use super::units::starts_with;
use crate::annotation::Metric;

/// Words a share of a whole starts with, and the whole.
const PREFIXES: &[(&str, f64)] = &[("百分之", 100.0), ("千分之", 1000.0), ("万分之", 10_000.0)];

/// Characters after `成` that make a word of it (`成为`, `成群`), not a share.
const NOT_CHENG: &str = "为立功果本员绩效群片交长熟型都品形规色就年分绩语像才材家名";
/// Characters after `折` that make a word of it (`折合`, `折旧`).
const NOT_ZHE: &str = "合算旧叠射返腾扣服痕纸寿";

/// A share written with its whole first, `百分之十二`, `千分之三`, at `at`.
pub fn prefixed_at(text: &Text, at: usize) -> Option<(Option<Candidate>, usize)> {
    let chars = text.chars;
    if !matches!(chars.get(at), Some('百' | '千' | '万')) {
        return None;
    }
    let &(word, whole) = PREFIXES.iter().find(|(w, _)| starts_with(chars, at, w))?;
    let numeral = number::numeral(chars, at + word.chars().count())?;
    let metric = percent(text, at, numeral.end, numeral.value * 100.0 / whole);
    Some(with_approx(
        chars,
        at,
        numeral.end,
        metric,
        "metric.percent",
    ))
}

/// A share after the numeral `q` that starts at `at` (its sign included): `五分之一`, `七成`,
/// `八折`.
pub fn after(text: &Text, at: usize, q: &Quantity) -> Option<(Option<Candidate>, usize)> {
    let chars = text.chars;
    if q.scale != 1 || q.approx.is_some() {
        return None;
    }
    let (end, share) = if starts_with(chars, q.end, "分之") {
        let part = number::numeral(chars, q.end + 2)?;
        (part.end, part.value * 100.0 / q.number)
    } else {
        let next = chars.get(q.end + 1);
        match chars.get(q.end)? {
            '成' if !next.is_some_and(|c| NOT_CHENG.contains(*c)) => (q.end + 1, tenths(q)),
            '折' if !next.is_some_and(|c| NOT_ZHE.contains(*c)) => (q.end + 1, tenths(q)),
            _ => return None,
        }
    };
    if !share.is_finite() {
        return None;
    }
    let metric = percent(text, at, end, share);
    Some(with_approx(chars, at, end, metric, "metric.percent"))
}

/// The percentage of `七成` or `八折` (tenths: 70, 80) or of `七五折` (two digits: 75).
fn tenths(q: &Quantity) -> f64 {
    let two_digits = match q.first.script {
        Script::Chinese => q.first.plain_integer && q.first.digits == 2,
        Script::Arabic => q.first.plain_integer && q.number >= 10.0,
    };
    if two_digits {
        q.number
    } else {
        q.number * 10.0
    }
}

fn percent(text: &Text, start: usize, end: usize, number: f64) -> Metric {
    Metric {
        value: text.written[start..end].iter().collect(),
        number: Some(number),
        unit: Some("%".to_owned()),
        ..Metric::default()
    }
}
