//! The features of each character of a sentence, as 64-bit keys: the characters around it and
//! their pairs and triples, character classes, the jieba word it is part of (its place in the
//! word, the word, its part of speech, and those of the words beside it), the rules' clues and
//! the pane.
//!
//! Keys are hashes of a template number and its values, computed with a fixed function, so
//! they are the same on every machine and in every run: a model file means the same thing
//! wherever it is read.

use super::sentence::Sentence;
use crate::annotation::Pane;
use crate::bulletin::SURNAMES;
use crate::text::words::JIEBA;

/// Mixes `value` into `key` (a multiply-xorshift step: fast, fixed, well spread).
fn mix(key: u64, value: u64) -> u64 {
    let x = (key ^ value).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// The key of template `template` with `values`.
fn key(template: u64, values: &[u64]) -> u64 {
    values
        .iter()
        .fold(mix(0x5EED, template), |key, &value| mix(key, value))
}

/// What kind of character it is.
fn class(c: char) -> u64 {
    match c {
        '0'..='9' | '０'..='９' => 1,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千'
        | '万' | '亿' | '零' | '〇' | '两' => 2,
        'a'..='z' | 'A'..='Z' | 'ａ'..='ｚ' | 'Ａ'..='Ｚ' => 3,
        c if c.is_whitespace() => 4,
        '\u{3400}'..='\u{9FFF}' | '\u{20000}'..='\u{3FFFF}' => 5,
        c if c.is_ascii_punctuation() || ('\u{3000}'..='\u{303F}').contains(&c) => 6,
        '\u{FF00}'..='\u{FFEF}' => 6,
        '·' | '•' | '—' | '…' | '“' | '”' | '‘' | '’' => 6,
        _ => 7,
    }
}

/// Stands for the characters before the first and after the last.
const EDGE: u64 = 0x11_0000;

/// A small fixed hash of a string, for words and part-of-speech tags.
fn text_key(text: &str) -> u64 {
    text.chars().fold(0xC0DE, |key, c| mix(key, u64::from(c)))
}

/// The pane's number.
fn pane_key(pane: Option<Pane>) -> u64 {
    match pane {
        None => 0,
        Some(Pane::Kicker) => 1,
        Some(Pane::Headline) => 2,
        Some(Pane::Byline) => 3,
        Some(Pane::Body) => 4,
        Some(Pane::Caption) => 5,
        Some(Pane::Credit) => 6,
        Some(Pane::Other) => 7,
    }
}

/// Per character: the jieba word's key, the character's place in it (0 single, 1 first,
/// 2 inside, 3 last), its tag's key, the tags and the words before and after, the word's
/// first and last characters and its length.
struct WordInfo {
    word: u64,
    place: u64,
    tag: u64,
    before: u64,
    after: u64,
    word_before: u64,
    word_after: u64,
    first: u64,
    last: u64,
    length: u64,
}

fn words(text: &str, len: usize) -> Vec<WordInfo> {
    let tags = JIEBA.tag(text, true);
    let keys: Vec<(u64, u64, usize)> = tags
        .iter()
        .map(|t| (text_key(t.word), text_key(t.tag), t.word.chars().count()))
        .collect();
    let mut out = Vec::with_capacity(len);
    for (i, (&(word, tag, length), token)) in keys.iter().zip(&tags).enumerate() {
        let before = i.checked_sub(1).map_or(EDGE, |j| keys[j].1);
        let after = keys.get(i + 1).map_or(EDGE, |k| k.1);
        let word_before = i.checked_sub(1).map_or(EDGE, |j| keys[j].0);
        let word_after = keys.get(i + 1).map_or(EDGE, |k| k.0);
        let first = token.word.chars().next().map_or(EDGE, u64::from);
        let last = token.word.chars().last().map_or(EDGE, u64::from);
        for at in 0..length {
            let place = match (length, at) {
                (1, _) => 0,
                (_, 0) => 1,
                (_, a) if a + 1 == length => 3,
                _ => 2,
            };
            out.push(WordInfo {
                word,
                place,
                tag,
                before,
                after,
                word_before,
                word_after,
                first,
                last,
                length: length.min(5) as u64,
            });
        }
    }
    out
}

/// The rule clue at each character: 0 none, else the label's key and whether it begins
/// there.
fn hints(sentence: &Sentence) -> Vec<u64> {
    let mut out = vec![0; sentence.chars.len()];
    for hint in &sentence.hints {
        let label = text_key(hint.label);
        for at in hint.start..hint.end.min(out.len()) {
            out[at] = mix(label, u64::from(at == hint.start));
        }
    }
    out
}

/// Adds to each character's features the mark of a known name over it (`Lexicon::marks`):
/// its label and place, alone and with the character.
pub fn add_names(features: &mut [Vec<u64>], chars: &[char], marks: &[(u64, u64)]) {
    for ((keys, &(label, place)), &c) in features.iter_mut().zip(marks).zip(chars) {
        if label != 0 {
            keys.push(key(31, &[label, place]));
            keys.push(key(32, &[label, place, u64::from(c)]));
        }
    }
}

/// The feature keys of every character of `sentence`, in order.
pub fn extract(sentence: &Sentence) -> Vec<Vec<u64>> {
    let chars = &sentence.chars;
    let len = chars.len();
    let text: String = chars.iter().collect();
    let words = words(&text, len);
    let hints = hints(sentence);
    let c = |i: isize| -> u64 {
        usize::try_from(i)
            .ok()
            .and_then(|i| chars.get(i))
            .map_or(EDGE, |&c| u64::from(c))
    };
    let k = |i: isize| -> u64 {
        usize::try_from(i)
            .ok()
            .and_then(|i| chars.get(i))
            .map_or(0, |&c| class(c))
    };
    let mut out = Vec::with_capacity(len);
    for (at, slot) in (0..len).zip(0_isize..) {
        let i = slot;
        let mut f = Vec::with_capacity(24);
        f.push(key(0, &[]));
        for (template, offset) in (1..).zip(-2..=2) {
            f.push(key(template, &[c(i + offset)]));
        }
        f.push(key(6, &[c(i - 1), c(i)]));
        f.push(key(7, &[c(i), c(i + 1)]));
        f.push(key(8, &[c(i - 2), c(i - 1)]));
        f.push(key(9, &[c(i + 1), c(i + 2)]));
        f.push(key(10, &[c(i - 1), c(i + 1)]));
        f.push(key(11, &[c(i - 1), c(i), c(i + 1)]));
        f.push(key(12, &[k(i - 1), k(i), k(i + 1)]));
        f.push(key(13, &[k(i), c(i + 1)]));
        f.push(key(14, &[c(i - 1), k(i)]));
        if let Some(word) = words.get(at) {
            f.push(key(15, &[word.place]));
            f.push(key(16, &[word.place, word.tag]));
            f.push(key(17, &[word.place, word.word]));
            f.push(key(18, &[word.before, word.tag]));
            f.push(key(19, &[word.tag, word.after]));
            f.push(key(20, &[word.place, c(i)]));
            f.push(key(25, &[word.place, word.first]));
            f.push(key(26, &[word.place, word.last]));
            f.push(key(27, &[word.place, word.word_before]));
            f.push(key(28, &[word.place, word.word_after]));
            f.push(key(29, &[word.length, word.tag]));
        }
        let surname = |i: isize| {
            let ch = usize::try_from(i).ok().and_then(|i| chars.get(i));
            u64::from(ch.is_some_and(|&ch| SURNAMES.contains(ch)))
        };
        f.push(key(30, &[surname(i), surname(i - 1), k(i + 1)]));
        let hint = hints[at];
        if hint != 0 {
            f.push(key(21, &[hint]));
            f.push(key(22, &[hint, c(i)]));
        }
        let pane = pane_key(sentence.panes.get(at).copied().flatten());
        f.push(key(23, &[pane]));
        f.push(key(24, &[pane, c(i)]));
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_gets_features_and_they_do_not_change() {
        let sentence = Sentence::bare("林晓舟到青禾县。");
        let first = extract(&sentence);
        assert_eq!(first.len(), 8);
        assert!(first.iter().all(|f| f.len() >= 20), "{:?}", first[0].len());
        assert_eq!(first, extract(&sentence));
        assert_eq!(class('林'), 5);
        assert_eq!(class('7'), 1);
        assert_eq!(class('。'), 6);
        assert_eq!(key(3, &[u64::from('林')]), key(3, &[u64::from('林')]));
        assert_ne!(key(3, &[u64::from('林')]), key(4, &[u64::from('林')]));
    }
}
