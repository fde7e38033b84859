//! Units written after figures, grouped in families that name the metric rules
//! (`metric.money`, `metric.count`…).

use std::collections::HashMap;
use std::sync::LazyLock;

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
/// Read in simplified script: 噸 is 吨, 個百分點 is 个百分点.
const UNITS: &[(&str, Family)] = &[
    ("个百分点", Family::Points),
    ("百分点", Family::Points),
    ("%", Family::Percent),
    ("％", Family::Percent),
    ("‰", Family::Percent),
    ("平方公里", Family::Area),
    ("平方千米", Family::Area),
    ("平方厘米", Family::Area),
    ("平方英里", Family::Area),
    ("平方米", Family::Area),
    ("公顷", Family::Area),
    ("亩", Family::Area),
    ("km²", Family::Area),
    ("m²", Family::Area),
    ("立方千米", Family::Measure),
    ("立方分米", Family::Measure),
    ("立方厘米", Family::Measure),
    ("立方米", Family::Measure),
    ("m³", Family::Measure),
    ("毫升", Family::Measure),
    ("升", Family::Measure),
    ("加仑", Family::Measure),
    ("ml", Family::Measure),
    ("mL", Family::Measure),
    ("兆瓦时", Family::Measure),
    ("千瓦时", Family::Measure),
    ("兆瓦", Family::Measure),
    ("吉瓦", Family::Measure),
    ("千瓦", Family::Measure),
    ("kWh", Family::Measure),
    ("kW", Family::Measure),
    ("MW", Family::Measure),
    ("GW", Family::Measure),
    ("千卡", Family::Measure),
    ("千焦", Family::Measure),
    ("兆字节", Family::Measure),
    ("千字节", Family::Measure),
    ("吉字节", Family::Measure),
    ("字节", Family::Measure),
    ("比特", Family::Measure),
    ("PB", Family::Measure),
    ("TB", Family::Measure),
    ("GB", Family::Measure),
    ("MB", Family::Measure),
    ("KB", Family::Measure),
    ("Gbps", Family::Measure),
    ("Mbps", Family::Measure),
    ("摄氏度", Family::Measure),
    ("℃", Family::Measure),
    ("公里/小时", Family::Measure),
    ("千米/小时", Family::Measure),
    ("米/秒", Family::Measure),
    ("千米", Family::Length),
    ("公里", Family::Length),
    ("厘米", Family::Length),
    ("毫米", Family::Length),
    ("微米", Family::Length),
    ("纳米", Family::Length),
    ("分米", Family::Length),
    ("英里", Family::Length),
    ("英尺", Family::Length),
    ("英寸", Family::Length),
    ("海里", Family::Length),
    ("光年", Family::Length),
    ("米", Family::Length),
    ("km", Family::Length),
    ("cm", Family::Length),
    ("mm", Family::Length),
    ("公斤", Family::Weight),
    ("千克", Family::Weight),
    ("千吨", Family::Weight),
    ("吨", Family::Weight),
    ("毫克", Family::Weight),
    ("微克", Family::Weight),
    ("克拉", Family::Weight),
    ("克", Family::Weight),
    ("斤", Family::Weight),
    ("盎司", Family::Weight),
    ("磅", Family::Weight),
    ("kg", Family::Weight),
    ("mg", Family::Weight),
    ("美元", Family::Money),
    ("美金", Family::Money),
    ("美分", Family::Money),
    ("欧元", Family::Money),
    ("英镑", Family::Money),
    ("日元", Family::Money),
    ("韩元", Family::Money),
    ("港元", Family::Money),
    ("港币", Family::Money),
    ("澳门元", Family::Money),
    ("新台币", Family::Money),
    ("台币", Family::Money),
    ("澳元", Family::Money),
    ("加元", Family::Money),
    ("新加坡元", Family::Money),
    ("瑞士法郎", Family::Money),
    ("法郎", Family::Money),
    ("卢布", Family::Money),
    ("卢比", Family::Money),
    ("泰铢", Family::Money),
    ("比索", Family::Money),
    ("里拉", Family::Money),
    ("人民币", Family::Money),
    ("元", Family::Money),
    ("个季度", Family::Duration),
    ("个月", Family::Duration),
    ("小时", Family::Duration),
    ("分钟", Family::Duration),
    ("毫秒", Family::Duration),
    ("秒", Family::Duration),
    ("周岁", Family::Count),
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
    ("层", Family::Count),
    ("艘", Family::Count),
    ("架", Family::Count),
    ("列", Family::Count),
    ("宗", Family::Count),
    ("片", Family::Count),
    ("剂", Family::Count),
    ("瓶", Family::Count),
    ("箱", Family::Count),
    ("袋", Family::Count),
    ("盒", Family::Count),
    ("枚", Family::Count),
    ("颗", Family::Count),
    ("粒", Family::Count),
    ("根", Family::Count),
    ("本", Family::Count),
    ("册", Family::Count),
    ("首", Family::Count),
    ("幅", Family::Count),
    ("门", Family::Count),
    ("杯", Family::Count),
    ("块", Family::Count),
    ("倍", Family::Measure),
    ("度", Family::Measure),
    ("点", Family::Measure),
];

/// A unit, its family and its length in characters.
pub type Unit = (&'static str, Family, usize);

/// The units by their first character, longest first: [`unit_at`] looks only at those that
/// can start where it looks.
static BY_FIRST: LazyLock<HashMap<char, Vec<Unit>>> = LazyLock::new(|| {
    let mut table: HashMap<char, Vec<Unit>> = HashMap::new();
    for &(unit, family) in UNITS {
        if let Some(first) = unit.chars().next() {
            table
                .entry(first)
                .or_default()
                .push((unit, family, unit.chars().count()));
        }
    }
    table
});

/// The unit starting at `at`, its family and its length in characters. A unit written in
/// Latin letters (`kg`, `GB`) must not run on into more letters or digits (`5G基站`, `3Mbps`
/// is `Mbps`, not `MB`).
pub fn unit_at(chars: &[char], at: usize) -> Option<Unit> {
    let candidates = BY_FIRST.get(chars.get(at)?)?;
    candidates.iter().copied().find(|&(unit, _, len)| {
        let latin = unit.ends_with(|c: char| c.is_ascii_alphabetic());
        starts_with(chars, at, unit)
            && (!latin || !chars.get(at + len).is_some_and(char::is_ascii_alphanumeric))
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
