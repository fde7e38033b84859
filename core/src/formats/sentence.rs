//! Sentences of a unit's text, for CoNLL's blank lines and the metrics table's `sentence`.
//!
//! A sentence ends after 。, ！ or ？ (with the closing quotes and brackets that follow it) and
//! at every line end. This is the split a reader of Chinese news expects, not a linguistic
//! parser: a quotation ending in `。”` stays with its sentence.

use std::ops::Range;

/// Marks that end a sentence.
const ENDS: &[char] = &['。', '！', '？'];
/// Closing marks that stay with the sentence they follow.
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》', '】', '"', '\''];

/// The sentences of `chars`, as index ranges: never empty, never holding a line break.
pub fn sentences(chars: &[char]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c == '\n' || c == '\r' {
            push(&mut sentences, start..k);
            start = k + 1;
        } else if ENDS.contains(&c) {
            while chars
                .get(k + 1)
                .is_some_and(|next| ENDS.contains(next) || CLOSERS.contains(next))
            {
                k += 1;
            }
            push(&mut sentences, start..k + 1);
            start = k + 1;
        }
        k += 1;
    }
    push(&mut sentences, start..chars.len());
    sentences
}

fn push(sentences: &mut Vec<Range<usize>>, range: Range<usize>) {
    if !range.is_empty() {
        sentences.push(range);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        sentences(&chars)
            .into_iter()
            .map(|range| chars[range].iter().collect())
            .collect()
    }

    #[test]
    fn splits_after_sentence_marks_and_at_line_ends() {
        assert_eq!(
            split("他说：“好。”再见！真的？？\n标题\n\n末句"),
            ["他说：“好。”", "再见！", "真的？？", "标题", "末句"]
        );
        assert_eq!(split("逗号,不分。"), ["逗号,不分。"]);
        assert_eq!(split(""), Vec::<String>::new());
    }
}
