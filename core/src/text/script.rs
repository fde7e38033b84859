//! Traditional script read as simplified, character for character, at the same offsets.
//!
//! Pages from Hong Kong, Macao and Taiwan papers (and many Big5 files) write 本報訊, 記者,
//! 通訊員, 攝 and 億 where the rules are written for 本报讯, 记者, 通讯员, 摄 and 亿.
//! [`simplified`] maps each character to its simplified form (`simplet2s`'s table) and keeps the
//! text's shape: every character keeps its byte offset, so a match found in the simplified text
//! is a range of the original too. Nothing here decides what a page says; the callers read the
//! simplified text for their rules and take the characters themselves from the original.

use std::borrow::Cow;

/// The text with each traditional character replaced by its simplified form, byte for byte at
/// the same offsets. Borrowed when nothing changes, or when a conversion would move a
/// character (none in the table does; the check keeps the promise whatever the table holds).
pub fn simplified(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
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
    fn simplified_text_is_borrowed() {
        assert!(matches!(
            simplified("本报讯 abc"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(matches!(simplified("abc"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(simplified("😀𠀋"), "😀𠀋");
    }
}
