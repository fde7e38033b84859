//! Dates: `2023年`, `2024年11月`, `12月5日`, `1—10月`, `11月底`, `5日`, and the same with
//! full-width digits or Chinese numerals (`二〇二三年`, `十二月五日`). Their digits are never
//! metrics. Clock times are neither dates nor metrics.

use std::sync::LazyLock;

use regex::Regex;

use super::element::Element;
use crate::text::Span;

/// Dates, longest forms first; each group names the rule.
static DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let d = r"[0-9０-９]";
    let cn = "[〇零一二三四五六七八九]";
    let small = "(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})";
    Regex::new(&format!(
        r"(?P<ymd>(?:{d}{{4}}|{cn}{{4}})年{small}月(?:{small}[日号])?)|(?P<year>(?:{d}{{4}}|{cn}{{4}})年)|(?P<range>{d}{{1,2}}[—\-－～至到]{d}{{1,2}}月份?)|(?P<md>{small}月{small}[日号])|(?P<month>{d}{{1,2}}月(?:份|底|末|初|上旬|中旬|下旬)?)|(?P<day>{d}{{1,2}}日)"
    ))
    .ok()
});

const RULES: &[(&str, &str)] = &[
    ("ymd", "date.ymd"),
    ("year", "date.year"),
    ("range", "date.month-range"),
    ("md", "date.md"),
    ("month", "date.month"),
    ("day", "date.day"),
];

/// The dates in an element, in element character offsets, with their rule.
pub fn find(element: &Element) -> Vec<(Span, &'static str)> {
    let Some(re) = DATE.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let text = element.simple();
    for whole in re.find_iter(text) {
        let before = text[..whole.start()].chars().next_back();
        if before
            .is_some_and(|c| c.is_numeric() || c == '.' || c == '第' || c.is_ascii_alphabetic())
        {
            continue;
        }
        if !plausible(whole.as_str()) {
            continue;
        }
        // Which form matched, read again on the match alone (cheaper than captures everywhere).
        let Some(rule) = re.captures(whole.as_str()).and_then(|caps| {
            RULES
                .iter()
                .find_map(|&(group, rule)| caps.name(group).map(|_| rule))
        }) else {
            continue;
        };
        let span = Span::new(
            element.char_at_byte(whole.start()),
            element.char_at_byte(whole.end()),
        );
        out.push((span, rule));
    }
    out
}

/// Months 1–12, days 1–31, years 1000–2999 (Arabic digits only; Chinese ones are trusted).
fn plausible(date: &str) -> bool {
    let mut number = None::<u32>;
    for c in date.chars() {
        if let Some(d) = super::number::arabic_digit(c) {
            number = Some(number.unwrap_or(0).saturating_mul(10).saturating_add(d));
            continue;
        }
        let ok = match (c, number) {
            ('年', Some(n)) => (1000..3000).contains(&n),
            ('月', Some(n)) => (1..=12).contains(&n),
            ('日' | '号', Some(n)) => (1..=31).contains(&n),
            (_, Some(n)) => n <= 12,
            _ => true,
        };
        if !ok {
            return false;
        }
        number = None;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<(String, &'static str)> {
        let element = Element::from_text(text);
        find(&element)
            .into_iter()
            .map(|(span, rule)| (element.str(span).to_owned(), rule))
            .collect()
    }

    #[test]
    fn forms() {
        assert_eq!(
            dates("2023年,2024年11月,2026年11月20日,12月5日电"),
            [
                ("2023年".to_owned(), "date.year"),
                ("2024年11月".to_owned(), "date.ymd"),
                ("2026年11月20日".to_owned(), "date.ymd"),
                ("12月5日".to_owned(), "date.md"),
            ]
        );
        assert_eq!(
            dates("今年1—10月,截至11月底,记者5日从,二〇二三年,十二月五日"),
            [
                ("1—10月".to_owned(), "date.month-range"),
                ("11月底".to_owned(), "date.month"),
                ("5日".to_owned(), "date.day"),
                ("二〇二三年".to_owned(), "date.year"),
                ("十二月五日".to_owned(), "date.md"),
            ]
        );
    }

    #[test]
    fn not_dates() {
        assert!(dates("3个月,13月,第5日,12345年,35日,18:30").is_empty());
    }
}
