//! The attributes of a metric annotation: a figure such as `554.1亿元` or `同比增长27.9%`.

use serde::{Deserialize, Serialize};

/// What a figure in the text says, split into the parts analysts query.
///
/// `value` keeps the figure exactly as written; `number` is the same quantity in base units
/// (`554.1` with scale `亿` gives 55 410 000 000), so tables can sort and sum. The default is
/// an empty figure with scale 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

impl Default for Metric {
    fn default() -> Self {
        Self {
            value: String::new(),
            number: None,
            upper: None,
            scale: 1,
            unit: None,
            approx: None,
            indicator: None,
            period: None,
            change: None,
        }
    }
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

    /// The names [`Metric::set_field`] knows, in the order the inspector shows them.
    pub const FIELDS: [&'static str; 8] = [
        "value",
        "scale",
        "unit",
        "approx",
        "indicator",
        "period",
        "change",
        "change-figure",
    ];

    /// Sets `number` from `value` and `scale` after a person edited them: a decimal figure
    /// (thousands separators allowed) times the scale; `None` for anything else.
    pub fn renumber(&mut self) {
        // Sidecars written before the default scale was 1 may hold scale 0, which no figure
        // has: it means 1.
        self.scale = self.scale.max(1);
        self.number = self
            .value
            .replace([',', '，'], "")
            .parse::<f64>()
            .ok()
            .map(|n| n * self.scale as f64);
    }

    /// The scale word of a factor: `万`, `亿`, `万亿`, or `""` for 1 (or a factor with no
    /// word, shown as its number by [`Metric::field`]).
    fn scale_name(scale: u64) -> &'static str {
        match scale {
            Self::WAN => "万",
            Self::YI => "亿",
            Self::WAN_YI => "万亿",
            _ => "",
        }
    }

    /// The factor of a scale as a person types it: `万`, `亿`, `万亿`, a positive number, or
    /// nothing for 1.
    fn parse_scale(text: &str) -> Result<u64, MetricFieldError> {
        match text.trim() {
            "" | "1" => Ok(1),
            "万" => Ok(Self::WAN),
            "亿" => Ok(Self::YI),
            "万亿" => Ok(Self::WAN_YI),
            other => other
                .parse()
                .ok()
                .filter(|&scale| scale > 0)
                .ok_or_else(|| MetricFieldError::Scale(other.to_owned())),
        }
    }

    /// One field as text, as [`Metric::set_field`] reads it back.
    pub fn field(&self, name: &str) -> String {
        let change = self.change.as_ref();
        match name {
            "value" => self.value.clone(),
            "scale" => match (Self::scale_name(self.scale), self.scale) {
                ("", 0 | 1) => String::new(),
                ("", scale) => scale.to_string(),
                (word, _) => word.to_owned(),
            },
            "unit" => self.unit.clone().unwrap_or_default(),
            "approx" => self.approx.clone().unwrap_or_default(),
            "indicator" => self.indicator.clone().unwrap_or_default(),
            "period" => self.period.clone().unwrap_or_default(),
            "change" => change.map(|c| c.phrase.clone()).unwrap_or_default(),
            "change-figure" => change.map(|c| c.figure.clone()).unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// Sets one field from text, as a person typed it in the inspector or in `copydesk edit
    /// --metric NAME=VALUE`; surrounding blanks are dropped and empty text clears the field.
    /// `number` follows value and scale. A new change phrase sets the direction it states;
    /// the same phrase again keeps the direction there is (it may have been set by hand).
    pub fn set_field(&mut self, name: &str, text: &str) -> Result<(), MetricFieldError> {
        let text = text.trim();
        let optional = (!text.is_empty()).then(|| text.to_owned());
        match name {
            "value" => {
                text.clone_into(&mut self.value);
                self.renumber();
            }
            "scale" => {
                self.scale = Self::parse_scale(text)?;
                self.renumber();
            }
            "unit" => self.unit = optional,
            "approx" => self.approx = optional,
            "indicator" => self.indicator = optional,
            "period" => self.period = optional,
            "change" => {
                let before = self.change.take();
                self.change = optional.map(|phrase| match before {
                    Some(change) if change.phrase == phrase => change,
                    before => Change {
                        direction: Direction::of_phrase(&phrase),
                        figure: before.map(|c| c.figure).unwrap_or_default(),
                        phrase,
                    },
                });
            }
            "change-figure" => match (&mut self.change, optional) {
                (Some(change), figure) => change.figure = figure.unwrap_or_default(),
                (None, Some(figure)) => {
                    self.change = Some(Change {
                        figure,
                        ..Change::default()
                    });
                }
                (None, None) => {}
            },
            other => return Err(MetricFieldError::UnknownField(other.to_owned())),
        }
        Ok(())
    }
}

/// A metric field that could not be set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetricFieldError {
    /// No field has this name.
    UnknownField(String),
    /// The scale is neither a scale word nor a positive number.
    Scale(String),
}

impl std::fmt::Display for MetricFieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownField(name) => write!(
                f,
                "unknown metric field {name:?}; use {}",
                Metric::FIELDS.join(", ")
            ),
            Self::Scale(text) => {
                write!(f, "scale {text:?} is not 万, 亿, 万亿 or a positive number")
            }
        }
    }
}

impl std::error::Error for MetricFieldError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_set_from_text_keep_number_in_step() {
        let mut metric = Metric::default();
        for (name, text) in [
            ("value", " 554.1 "),
            ("scale", "亿"),
            ("unit", "元"),
            ("indicator", "地区生产总值"),
            ("period", "前三季度"),
            ("change", "同比增长"),
            ("change-figure", "6.8%"),
        ] {
            metric.set_field(name, text).unwrap();
        }
        assert_eq!(metric.value, "554.1");
        assert_eq!(metric.number, Some(55_410_000_000.0));
        assert_eq!(metric.scale, Metric::YI);
        assert_eq!(
            metric.change,
            Some(Change {
                phrase: "同比增长".into(),
                direction: Direction::Up,
                figure: "6.8%".into()
            })
        );
        for name in Metric::FIELDS {
            let text = metric.field(name);
            let mut again = metric.clone();
            again.set_field(name, &text).unwrap();
            assert_eq!(again, metric, "{name} = {text:?} reads back");
        }
        metric.set_field("scale", "").unwrap();
        assert_eq!(metric.number, Some(554.1));
        metric.set_field("scale", "1000").unwrap();
        assert_eq!(
            (metric.field("scale"), metric.number),
            ("1000".into(), Some(554_100.0))
        );
        metric.set_field("unit", "").unwrap();
        assert_eq!(metric.unit, None);
    }

    #[test]
    fn a_change_phrase_keeps_a_direction_set_by_hand_until_the_phrase_changes() {
        let mut metric = Metric::default();
        metric.set_field("change", "增速").unwrap();
        metric.set_field("change-figure", "-2.1%").unwrap();
        metric.change.as_mut().unwrap().direction = Direction::Down;
        metric.set_field("change", "增速").unwrap();
        assert_eq!(
            metric.change.as_ref().map(|c| c.direction),
            Some(Direction::Down)
        );
        metric.set_field("change", "同比下降").unwrap();
        let change = metric.change.clone().unwrap();
        assert_eq!(
            (change.direction, change.figure.as_str()),
            (Direction::Down, "-2.1%")
        );
        metric.set_field("change", "").unwrap();
        assert_eq!(metric.change, None);
    }

    #[test]
    fn a_scale_of_zero_from_an_old_sidecar_counts_as_one() {
        let mut metric: Metric =
            ron::from_str("(value: \"3\", scale: 0, number: Some(0.0))").unwrap();
        assert_eq!(metric.field("scale"), "");
        metric.set_field("value", "12").unwrap();
        assert_eq!((metric.scale, metric.number), (1, Some(12.0)));
        let missing: Metric = ron::from_str("(value: \"3\")").unwrap();
        assert_eq!(missing.scale, 1);
    }

    #[test]
    fn a_new_figure_has_scale_one() {
        let mut metric = Metric::default();
        metric.set_field("value", "12.5").unwrap();
        assert_eq!((metric.scale, metric.number), (1, Some(12.5)));
    }

    #[test]
    fn bad_fields_are_refused_with_what_to_use() {
        let mut metric = Metric::default();
        assert_eq!(
            metric.set_field("scale", "千").unwrap_err().to_string(),
            "scale \"千\" is not 万, 亿, 万亿 or a positive number"
        );
        assert_eq!(
            metric.set_field("colour", "red").unwrap_err().to_string(),
            "unknown metric field \"colour\"; use value, scale, unit, approx, indicator, period, change, change-figure"
        );
        assert_eq!(metric, Metric::default(), "nothing changed");
        assert_eq!(
            Metric::parse_scale("0"),
            Err(MetricFieldError::Scale("0".into()))
        );
    }

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
