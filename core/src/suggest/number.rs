//! Reading numerals as written in Chinese news: Arabic (half- and full-width, decimals,
//! thousands separators), Chinese (三千五百, 一百零八, 二〇二三, 三十二点五), and either
//! followed by a scale word (万, 亿, 万亿), including compounds such as `1亿2000万`. The
//! characters are read in simplified script (億 is 亿, 點 is 点).
//!
//! Everything works on a slice of characters and returns character indices; nothing here
//! decides whether a numeral is a metric (see [`super::figures`]).

/// How a numeral is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// Arabic digits, half- or full-width.
    Arabic,
    /// Chinese numeral characters.
    Chinese,
}

/// A bare numeral: no scale word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Numeral {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Its value.
    pub value: f64,
    /// Arabic or Chinese.
    pub script: Script,
    /// True for an integer written with digits only (no decimal point, no separator).
    pub plain_integer: bool,
    /// Number of digits (Arabic) or characters (Chinese).
    pub digits: usize,
}

/// A numeral with its scale word, if any.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantity {
    /// First character of the numeral.
    pub start: usize,
    /// One past the last character of the figure (after the scale word and an inner `余`/`多`).
    pub end: usize,
    /// One past the last character of the value as written (before the final scale word).
    pub value_end: usize,
    /// The whole quantity in base units.
    pub number: f64,
    /// The factor of the final scale word (1 without one).
    pub scale: u64,
    /// `余` or `多` written inside the figure (`5000余万`, `6万多`).
    pub approx: Option<&'static str>,
    /// The first numeral (for date and ordinal checks).
    pub first: Numeral,
}

/// The digit value of an Arabic digit, half- or full-width.
pub fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The value of a Chinese digit character (`〇` and `零` are 0, `两` is 2).
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u32> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

/// True if a numeral can start at `c`.
pub fn starts_numeral(c: char) -> bool {
    arabic_digit(c).is_some() || (chinese_digit(c).is_some() && c != '零') || c == '十'
}

/// True if a numeral starts at `at`: as [`starts_numeral`], or `零点…` (0.5 as `零点五`).
pub fn starts_at(chars: &[char], at: usize) -> bool {
    chars.get(at).is_some_and(|&c| {
        starts_numeral(c) || (c == '零' && chinese_decimals(chars, at + 1).is_some())
    })
}

/// The decimals of a Chinese numeral at `at`: `点` and digits (`点五`, `点零五`). Their value
/// and where they end.
fn chinese_decimals(chars: &[char], at: usize) -> Option<(f64, usize)> {
    if chars.get(at) != Some(&'点') {
        return None;
    }
    let mut k = at + 1;
    let mut value = 0.0;
    let mut factor = 0.1;
    while let Some(d) = chars.get(k).and_then(|&c| chinese_digit(c)) {
        value += f64::from(d) * factor;
        factor /= 10.0;
        k += 1;
    }
    (k > at + 1).then_some((value, k))
}

/// Reads an Arabic numeral at `at`: digits, `1,234` separators, one decimal point.
pub fn arabic(chars: &[char], at: usize) -> Option<Numeral> {
    let mut k = at;
    let mut value = 0.0_f64;
    let mut digits = 0;
    let mut separated = false;
    while k < chars.len() {
        if let Some(d) = arabic_digit(chars[k]) {
            value = value * 10.0 + f64::from(d);
            digits += 1;
            k += 1;
        } else if chars[k] == ','
            && digits > 0
            && (1..=3).all(|n| chars.get(k + n).and_then(|&c| arabic_digit(c)).is_some())
            && chars.get(k + 4).and_then(|&c| arabic_digit(c)).is_none()
        {
            separated = true;
            k += 1;
        } else {
            break;
        }
    }
    if digits == 0 {
        return None;
    }
    let mut plain_integer = !separated;
    if matches!(chars.get(k), Some('.' | '．'))
        && chars.get(k + 1).and_then(|&c| arabic_digit(c)).is_some()
    {
        plain_integer = false;
        k += 1;
        let mut factor = 0.1;
        while let Some(d) = chars.get(k).and_then(|&c| arabic_digit(c)) {
            value += f64::from(d) * factor;
            factor /= 10.0;
            k += 1;
        }
    }
    Some(Numeral {
        start: at,
        end: k,
        value,
        script: Script::Arabic,
        plain_integer,
        digits,
    })
}

/// Reads a Chinese numeral at `at` without 万/亿: `三千五百`, `一百零八`, `十二`, positional
/// digits `二〇二三`, and decimals `三十二点五`, `零点五` (`点` followed by digits; a clock
/// time `八点` has none).
pub fn chinese(chars: &[char], at: usize) -> Option<Numeral> {
    let mut k = at;
    while k < chars.len() && (chinese_digit(chars[k]).is_some() || chinese_unit(chars[k]).is_some())
    {
        k += 1;
    }
    let run = chars.get(at..k)?;
    let decimals = chinese_decimals(chars, k);
    if run.is_empty() || (run[0] == '零' && (run.len() > 1 || decimals.is_none())) {
        return None;
    }
    let positional = run.len() >= 2 && run.iter().all(|&c| chinese_digit(c).is_some());
    let value = if positional {
        run.iter().fold(0.0, |acc, &c| {
            acc * 10.0 + f64::from(chinese_digit(c).unwrap_or(0))
        })
    } else {
        let mut total = 0.0;
        let mut current: Option<u32> = None;
        for &c in run {
            if let Some(d) = chinese_digit(c) {
                current = Some(d);
            } else if let Some(unit) = chinese_unit(c) {
                total += f64::from(current.unwrap_or(1) * unit);
                current = None;
            }
        }
        total + f64::from(current.unwrap_or(0))
    };
    let (fraction, end) = decimals.unwrap_or((0.0, k));
    Some(Numeral {
        start: at,
        end,
        value: value + fraction,
        script: Script::Chinese,
        plain_integer: positional && decimals.is_none(),
        digits: run.len(),
    })
}

/// A numeral of either script at `at`.
pub fn numeral(chars: &[char], at: usize) -> Option<Numeral> {
    arabic(chars, at).or_else(|| chinese(chars, at))
}

/// The scale word at `at` and its length: 万亿, 亿, 万.
pub fn scale_at(chars: &[char], at: usize) -> Option<(u64, usize)> {
    match (chars.get(at), chars.get(at + 1)) {
        (Some('万'), Some('亿')) => Some((1_000_000_000_000, 2)),
        (Some('亿'), _) => Some((100_000_000, 1)),
        (Some('万'), _) => Some((10_000, 1)),
        _ => None,
    }
}

fn inner_approx(c: Option<&char>) -> Option<&'static str> {
    match c {
        Some('余') => Some("余"),
        Some('多') => Some("多"),
        _ => None,
    }
}

/// Reads a quantity at `at`: a numeral, an optional `余`/`多`, an optional scale word, and for
/// `1亿2000万` or `一万二千` the smaller part that follows.
pub fn quantity(chars: &[char], at: usize) -> Option<Quantity> {
    let first = numeral(chars, at)?;
    let mut k = first.end;
    let mut approx = None;
    if inner_approx(chars.get(k)).is_some() && scale_at(chars, k + 1).is_some() {
        approx = inner_approx(chars.get(k));
        k += 1;
    }
    let Some((scale, len)) = scale_at(chars, k) else {
        return Some(Quantity {
            start: at,
            end: first.end,
            value_end: first.end,
            number: first.value,
            scale: 1,
            approx: None,
            first,
        });
    };
    let mut number = first.value * scale as f64;
    let mut value_end = first.end;
    let mut end = k + len;
    let mut final_scale = scale;
    // A smaller part after the scale word: 1亿2000万, 一万二千.
    if approx.is_none()
        && let Some(next) = numeral(chars, end)
        && next.script == first.script
    {
        match scale_at(chars, next.end) {
            Some((small, small_len)) if small < scale => {
                number += next.value * small as f64;
                value_end = next.end;
                end = next.end + small_len;
                final_scale = small;
            }
            None if first.script == Script::Chinese && !next.plain_integer => {
                number += next.value;
                value_end = next.end;
                end = next.end;
                final_scale = 1;
            }
            _ => {}
        }
    }
    if approx.is_none() && final_scale == scale && value_end == first.end {
        approx = inner_approx(chars.get(end));
        if approx.is_some() {
            end += 1;
        }
    }
    Some(Quantity {
        start: at,
        end,
        value_end,
        number,
        scale: final_scale,
        approx,
        first,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    fn q(text: &str) -> (usize, usize, f64, u64, Option<&'static str>) {
        let c = chars(text);
        let q = quantity(&c, 0).unwrap();
        (q.value_end, q.end, q.number, q.scale, q.approx)
    }

    #[test]
    fn arabic_forms() {
        assert_eq!(arabic(&chars("1,234元"), 0).unwrap().value, 1234.0);
        assert_eq!(arabic(&chars("1,234元"), 0).unwrap().end, 5);
        assert_eq!(arabic(&chars("１２．５"), 0).unwrap().value, 12.5);
        assert_eq!(arabic(&chars("12,5"), 0).unwrap().end, 2, "not a separator");
        assert_eq!(arabic(&chars("554.1亿"), 0).unwrap().end, 5);
        assert!(!arabic(&chars("3.5"), 0).unwrap().plain_integer);
        assert!(arabic(&chars("2023"), 0).unwrap().plain_integer);
    }

    #[test]
    fn chinese_forms() {
        let v = |t: &str| chinese(&chars(t), 0).unwrap().value;
        assert_eq!(v("三千五百"), 3500.0);
        assert_eq!(v("一百零八"), 108.0);
        assert_eq!(v("十二"), 12.0);
        assert_eq!(v("两"), 2.0);
        assert_eq!(v("二〇二三"), 2023.0);
        assert_eq!(v("三十"), 30.0);
        assert!(chinese(&chars("零"), 0).is_none());
        assert_eq!(v("三十二点五"), 32.5);
        assert_eq!(v("一点二"), 1.2);
        assert_eq!(v("零点零五"), 0.05);
        assert_eq!(
            chinese(&chars("八点开始"), 0).unwrap().end,
            1,
            "a clock time"
        );
        assert!(!chinese(&chars("三点五"), 0).unwrap().plain_integer);
    }

    #[test]
    fn scales_and_compounds() {
        assert_eq!(q("554.1亿元"), (5, 6, 55_410_000_000.0, 100_000_000, None));
        assert_eq!(q("2.9万户"), (3, 4, 29_000.0, 10_000, None));
        assert_eq!(q("5000余万元"), (4, 6, 50_000_000.0, 10_000, Some("余")));
        assert_eq!(q("6万多元"), (1, 3, 60_000.0, 10_000, Some("多")));
        assert_eq!(q("1亿2000万"), (6, 7, 120_000_000.0, 10_000, None));
        assert_eq!(q("两万户"), (1, 2, 20_000.0, 10_000, None));
        assert_eq!(q("三千五百万元"), (4, 5, 35_000_000.0, 10_000, None));
        assert_eq!(q("一万二千人"), (4, 4, 12_000.0, 1, None));
        assert_eq!(q("3万亿元"), (1, 3, 3e12, 1_000_000_000_000, None));
        assert_eq!(q("300余名"), (3, 3, 300.0, 1, None));
    }
}
