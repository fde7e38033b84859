//! Traditional script read as simplified, character for character, at the same offsets.
//!
//! Pages from Hong Kong, Macao and Taiwan papers (and many Big5 files) write 本報訊, 記者,
//! 通訊員, 攝 and 億 where the rules are written for 本报讯, 记者, 通讯员, 摄 and 亿.
//! [`simplified`] maps each character to its simplified form (`simplet2s`'s table) and keeps the
//! text's shape: every character keeps its byte offset, so a match found in the simplified text
//! is a range of the original too. Nothing here decides what a page says; the callers read the
//! simplified text for their rules and take the characters themselves from the original.

use std::borrow::Cow;
use std::sync::LazyLock;

/// The text with each traditional character replaced by its simplified form, byte for byte at
/// the same offsets. Borrowed when nothing changes, or when a conversion would move a
/// character (none in the table does; the check keeps the promise whatever the table holds).
pub fn simplified(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_traditional_char) {
        return Cow::Borrowed(text);
    }
    let converted = simplet2s::convert(text);
    let same_shape = converted.len() == text.len()
        && converted
            .char_indices()
            .map(|(at, _)| at)
            .eq(text.char_indices().map(|(at, _)| at));
    if !same_shape || converted == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(converted)
    }
}

/// The blocks of ideographs the table converts: CJK Extension A, the basic block, and the
/// compatibility ideographs.
const BLOCKS: [(u32, u32); 3] = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)];
/// Characters `simplet2s` converts only beside certain others (`看著`, `乾燥`): never
/// converted alone, so the table lookup below must still see them.
const IN_CONTEXT: &str = "兒覆夥藉瞭麽幺於著苧乾闔鍾讎畫";

/// One bit per ideograph of [`BLOCKS`]: set if the table converts it. Built once by
/// converting every ideograph (about a millisecond), so that a simplified text is told
/// apart at a bit test per character instead of a table lookup.
static TRADITIONAL: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let all: String = BLOCKS
        .iter()
        .flat_map(|&(first, last)| (first..=last).filter_map(char::from_u32))
        .collect();
    let converted = simplet2s::convert(&all);
    let mut bits = vec![0_u64; bit_count().div_ceil(64)];
    let mut set = |c: char| {
        if let Some(bit) = bit_of(c) {
            bits[bit / 64] |= 1 << (bit % 64);
        }
    };
    for (before, after) in all.chars().zip(converted.chars()) {
        if before != after {
            set(before);
        }
    }
    IN_CONTEXT.chars().for_each(set);
    bits
});

fn bit_count() -> usize {
    BLOCKS
        .iter()
        .map(|&(first, last)| (last - first + 1) as usize)
        .sum()
}

/// The bit of `c` in [`TRADITIONAL`], if it is an ideograph of [`BLOCKS`].
fn bit_of(c: char) -> Option<usize> {
    let code = u32::from(c);
    let mut offset = 0;
    for &(first, last) in &BLOCKS {
        if (first..=last).contains(&code) {
            return Some(offset + (code - first) as usize);
        }
        offset += (last - first + 1) as usize;
    }
    None
}

/// True if `c` is written otherwise in simplified script (or may be, beside other
/// characters).
pub fn is_traditional_char(c: char) -> bool {
    bit_of(c).is_some_and(|bit| {
        TRADITIONAL
            .get(bit / 64)
            .is_some_and(|word| word & (1 << (bit % 64)) != 0)
    })
}

/// True if some character of `text` is written otherwise in simplified script.
pub fn is_traditional(text: &str) -> bool {
    text.chars().any(is_traditional_char)
}

#[cfg(test)]
mod tests {
    use super::simplified;

    #[test]
    fn keywords_read_as_simplified_at_the_same_offsets() {
        let text = "本報訊（記者 陳曉華 通訊員 劉一）全年增長3.5億元。";
        let folded = simplified(text);
        assert_eq!(folded, "本报讯（记者 陈晓华 通讯员 刘一）全年增长3.5亿元。");
        assert_eq!(folded.len(), text.len());
        assert!(
            folded
                .char_indices()
                .zip(text.char_indices())
                .all(|(a, b)| a.0 == b.0)
        );
    }

    #[test]
    fn traditional_characters_are_told_apart() {
        assert!("報訊億著".chars().all(super::is_traditional_char));
        assert!(!"报讯亿元中国😀a".chars().any(super::is_traditional_char));
        assert!(super::is_traditional("中國") && !super::is_traditional("中国"));
    }

    #[test]
    fn simplified_text_is_borrowed() {
        assert!(matches!(
            simplified("本报讯 abc"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(matches!(simplified("abc"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(simplified("😀𠀋"), "😀𠀋");
    }
}
