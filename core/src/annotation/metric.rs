//! The attributes of a metric annotation: a figure such as `554.1亿元` or `同比增长27.9%`.

use serde::{Deserialize, Serialize};

/// What a figure in the text says, split into the parts analysts query.
///
/// `value` keeps the figure exactly as written; `number` is the same quantity in base units
/// (`554.1` with scale `亿` gives 55 410 000 000), so tables can sort and sum.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Metric {
    /// The figure as written, without scale word or unit: `554.1`, `三千五百`, `1-3`.
    pub value: String,
    /// The figure in base units after applying the scale, if it could be computed.
    pub number: Option<f64>,
    /// Upper end for a range such as `3至5年` or `15%～30%`, in base units.
    pub upper: Option<f64>,
    /// The scale word's factor: 1, 10 000 (万), 100 000 000 (亿), 10^12 (万亿).
    pub scale: u64,
    /// The unit: `元`, `美元`, `%`, `个百分点`, `户`, `平方米`…
    pub unit: Option<String>,
    /// An approximation word: `余`, `多`, `约`, `近`, `超`, `逾`, `左右`, `上下`.
    pub approx: Option<String>,
    /// What is measured: `地区生产总值`, `社会消费品零售总额`…
    pub indicator: Option<String>,
    /// When: `前三季度`, `今年以来`, `1—10月`, `截至11月`…
    pub period: Option<String>,
    /// A change stated with the figure: `同比增长27.9%`.
    pub change: Option<Change>,
}

/// A change such as `同比增长27.9%` or `下降3个百分点`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Change {
    /// The phrase as written: `同比增长`, `增速`, `下降`.
    pub phrase: String,
    /// Up, down or unknown.
    pub direction: Direction,
    /// The figure of the change as written, with its unit: `27.9%`, `3个百分点`.
    pub figure: String,
}

/// Which way a change goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// 增长, 上升, 提高…
    Up,
    /// 下降, 减少, 回落…
    Down,
    /// Not stated (增速 can be negative).
    #[default]
    Unknown,
}

impl Direction {
    /// The direction a change phrase states: `同比增长` up, `下滑` down, `增速` unknown (a rate
    /// of growth can be negative).
    pub fn of_phrase(phrase: &str) -> Self {
        const DOWN: &[&str] = &[
            "下降", "减少", "降低", "回落", "下滑", "降幅", "下跌", "缩小", "减", "跌", "降",
        ];
        const UP: &[&str] = &[
            "增长", "增加", "提高", "提升", "上升", "攀升", "上涨", "增幅", "涨幅", "扩大", "增",
            "升", "涨",
        ];
        if phrase.contains("增速") {
            Self::Unknown
        } else if DOWN.iter().any(|word| phrase.contains(word)) {
            Self::Down
        } else if UP.iter().any(|word| phrase.contains(word)) {
            Self::Up
        } else {
            Self::Unknown
        }
    }
}

impl Metric {
    /// Scale of 万 (ten thousand).
    pub const WAN: u64 = 10_000;
    /// Scale of 亿 (a hundred million).
    pub const YI: u64 = 100_000_000;
    /// Scale of 万亿 (a trillion).
    pub const WAN_YI: u64 = 1_000_000_000_000;

    /// Sets `number` from `value` and `scale` after a person edited them: a decimal figure
    /// (thousands separators allowed) times the scale; `None` for anything else.
    pub fn renumber(&mut self) {
        self.number = self
            .value
            .replace([',', '，'], "")
            .parse::<f64>()
            .ok()
            .map(|n| n * self.scale as f64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_of_change_phrases() {
        assert_eq!(Direction::of_phrase("同比增长"), Direction::Up);
        assert_eq!(Direction::of_phrase("比上年末下滑"), Direction::Down);
        assert_eq!(Direction::of_phrase("增速"), Direction::Unknown);
        assert_eq!(Direction::of_phrase("涨幅"), Direction::Up);
        assert_eq!(Direction::of_phrase("持平"), Direction::Unknown);
        assert_eq!(Direction::of_phrase("同比下跌"), Direction::Down);
        assert_eq!(Direction::of_phrase("扩大"), Direction::Up);
    }
}
