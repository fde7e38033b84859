//! Units written after figures, grouped in families that name the metric rules
//! (`metric.money`, `metric.count`…).

/// What kind of quantity a unit measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `%`, `％`, `‰`.
    Percent,
    /// `个百分点`.
    Points,
    /// `元`, `美元`…
    Money,
    /// `平方米`, `亩`…
    Area,
    /// `米`, `公里`…
    Length,
    /// `吨`, `公斤`…
    Weight,
    /// `年`, `个月`, `天`…
    Duration,
    /// Measure words: `个`, `家`, `户`, `人次`…
    Count,
    /// Anything else with a unit: `千瓦时`, `立方米`, `倍`…
    Measure,
}

impl Family {
    /// The rule name of a metric with a unit of this family.
    pub fn rule(self) -> &'static str {
        match self {
            Self::Percent => "metric.percent",
            Self::Points => "metric.points",
            Self::Money => "metric.money",
            Self::Area => "metric.area",
            Self::Length => "metric.length",
            Self::Weight => "metric.weight",
            Self::Duration => "metric.duration",
            Self::Count => "metric.count",
            Self::Measure => "metric.measure",
        }
    }
}

/// Units, longer ones before their prefixes (`个百分点` before `个`, `平方米` before `米`).
const UNITS: &[(&str, Family)] = &[
    ("个百分点", Family::Points),
    ("百分点", Family::Points),
    ("%", Family::Percent),
    ("％", Family::Percent),
    ("‰", Family::Percent),
    ("平方公里", Family::Area),
    ("平方千米", Family::Area),
    ("平方米", Family::Area),
    ("公顷", Family::Area),
    ("亩", Family::Area),
    ("立方米", Family::Measure),
    ("千瓦时", Family::Measure),
    ("千瓦", Family::Measure),
    ("千米", Family::Length),
    ("公里", Family::Length),
    ("厘米", Family::Length),
    ("毫米", Family::Length),
    ("米", Family::Length),
    ("公斤", Family::Weight),
    ("千克", Family::Weight),
    ("吨", Family::Weight),
    ("克", Family::Weight),
    ("斤", Family::Weight),
    ("美元", Family::Money),
    ("欧元", Family::Money),
    ("英镑", Family::Money),
    ("日元", Family::Money),
    ("港元", Family::Money),
    ("港币", Family::Money),
    ("元", Family::Money),
    ("个月", Family::Duration),
    ("小时", Family::Duration),
    ("分钟", Family::Duration),
    ("周年", Family::Count),
    ("年", Family::Duration),
    ("天", Family::Duration),
    ("周", Family::Duration),
    ("人次", Family::Count),
    ("场次", Family::Count),
    ("台次", Family::Count),
    ("架次", Family::Count),
    ("个", Family::Count),
    ("家", Family::Count),
    ("户", Family::Count),
    ("套", Family::Count),
    ("名", Family::Count),
    ("人", Family::Count),
    ("次", Family::Count),
    ("场", Family::Count),
    ("项", Family::Count),
    ("条", Family::Count),
    ("所", Family::Count),
    ("支", Family::Count),
    ("件", Family::Count),
    ("棵", Family::Count),
    ("株", Family::Count),
    ("座", Family::Count),
    ("辆", Family::Count),
    ("台", Family::Count),
    ("间", Family::Count),
    ("张", Family::Count),
    ("份", Family::Count),
    ("批", Family::Count),
    ("类", Family::Count),
    ("只", Family::Count),
    ("头", Family::Count),
    ("处", Family::Count),
    ("栋", Family::Count),
    ("篇", Family::Count),
    ("部", Family::Count),
    ("位", Family::Count),
    ("岁", Family::Count),
    ("倍", Family::Measure),
    ("度", Family::Measure),
];

/// The unit starting at `at`, its family and its length in characters.
pub fn unit_at(chars: &[char], at: usize) -> Option<(&'static str, Family, usize)> {
    UNITS.iter().find_map(|&(unit, family)| {
        starts_with(chars, at, unit).then(|| (unit, family, unit.chars().count()))
    })
}

/// True if `word` is written at character `at`.
pub fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(k, c)| chars.get(k) == Some(&c))
}

/// True if `word` is written just before character `at`; returns where it starts.
pub fn ends_before(chars: &[char], at: usize, word: &str) -> Option<usize> {
    let len = word.chars().count();
    let start = at.checked_sub(len)?;
    starts_with(chars, start, word).then_some(start)
}
