//! Chinese word segmentation (`jieba-rs` with its bundled dictionary), built once.

use std::sync::LazyLock;

use jieba_rs::Jieba;

/// The segmenter, built once and shared (double-click selection, entity suggestions): loading
/// the bundled dictionary takes a while.
pub(crate) static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// The words of `text`, in order; together they are exactly `text`.
pub fn cut(text: &str) -> Vec<&str> {
    JIEBA
        .cut(text, true)
        .into_iter()
        .map(|token| token.word)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_cover_the_text() {
        let text = "新区今年完成投资12.5亿元。";
        let words = super::cut(text);
        assert_eq!(words.concat(), text);
        assert!(words.contains(&"投资"), "{words:?}");
    }
}
