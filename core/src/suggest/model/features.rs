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

/// The key of template `template` with `values`; never 0, which stands for no feature.
fn key(template: u64, values: &[u64]) -> u64 {
    values
        .iter()
        .fold(mix(0x5EED, template), |key, &value| mix(key, value))
        .max(1)
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

/// Feature slots per character: those of [`extract`], then two for the names seen
/// ([`add_names`]). A slot left 0 holds no feature.
pub const WIDTH: usize = 33;

/// The slots [`add_names`] fills.
const NAME_SLOTS: usize = WIDTH - 2;

/// The feature keys of each character of a sentence, [`WIDTH`] a character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Features {
    /// The keys, character after character; 0 for an empty slot.
    pub keys: Vec<u64>,
}

impl Features {
    /// The keys of character `at`.
    pub fn at(&self, at: usize) -> &[u64] {
        self.keys.get(at * WIDTH..(at + 1) * WIDTH).unwrap_or(&[])
    }

    /// How many characters.
    pub fn len(&self) -> usize {
        self.keys.len() / WIDTH
    }

    /// True for a sentence of no characters.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// Sets each character's name slots to the mark of a known name over it
/// (`Lexicon::marks`): its label and place, alone and with the character; empty where no
/// known name is.
pub fn add_names(features: &mut Features, chars: &[char], marks: &[(u64, u64)]) {
    for ((slots, &(label, place)), &c) in
        features.keys.chunks_exact_mut(WIDTH).zip(marks).zip(chars)
    {
        let (alone, with_char) = if label == 0 {
            (0, 0)
        } else {
            (
                key(31, &[label, place]),
                key(32, &[label, place, u64::from(c)]),
            )
        };
        slots[NAME_SLOTS] = alone;
        slots[NAME_SLOTS + 1] = with_char;
    }
}

/// True for a common surname.
fn is_surname(c: char) -> bool {
    static SET: std::sync::LazyLock<std::collections::HashSet<char>> =
        std::sync::LazyLock::new(|| SURNAMES.chars().collect());
    SET.contains(&c)
}

/// The feature keys of every character of `sentence`, in order, the name slots empty.
pub fn extract(sentence: &Sentence) -> Features {
    let chars = &sentence.chars;
    let len = chars.len();
    let text: String = chars.iter().collect();
    let words = words(&text, len);
    let hints = hints(sentence);
    let surnames: Vec<bool> = chars.iter().map(|&c| is_surname(c)).collect();
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
    let surname = |i: isize| {
        u64::from(
            usize::try_from(i)
                .ok()
                .and_then(|i| surnames.get(i))
                .is_some_and(|&s| s),
        )
    };
    let mut keys = vec![0; len * WIDTH];
    for ((at, i), f) in (0..len).zip(0_isize..).zip(keys.chunks_exact_mut(WIDTH)) {
        f[0] = key(0, &[]);
        for (template, offset) in (1..).zip(-2..=2) {
            f[template as usize] = key(template, &[c(i + offset)]);
        }
        f[6] = key(6, &[c(i - 1), c(i)]);
        f[7] = key(7, &[c(i), c(i + 1)]);
        f[8] = key(8, &[c(i - 2), c(i - 1)]);
        f[9] = key(9, &[c(i + 1), c(i + 2)]);
        f[10] = key(10, &[c(i - 1), c(i + 1)]);
        f[11] = key(11, &[c(i - 1), c(i), c(i + 1)]);
        f[12] = key(12, &[k(i - 1), k(i), k(i + 1)]);
        f[13] = key(13, &[k(i), c(i + 1)]);
        f[14] = key(14, &[c(i - 1), k(i)]);
        if let Some(word) = words.get(at) {
            f[15] = key(15, &[word.place]);
            f[16] = key(16, &[word.place, word.tag]);
            f[17] = key(17, &[word.place, word.word]);
            f[18] = key(18, &[word.before, word.tag]);
            f[19] = key(19, &[word.tag, word.after]);
            f[20] = key(20, &[word.place, c(i)]);
            f[21] = key(25, &[word.place, word.first]);
            f[22] = key(26, &[word.place, word.last]);
            f[23] = key(27, &[word.place, word.word_before]);
            f[24] = key(28, &[word.place, word.word_after]);
            f[25] = key(29, &[word.length, word.tag]);
        }
        f[26] = key(30, &[surname(i), surname(i - 1), k(i + 1)]);
        let hint = hints[at];
        if hint != 0 {
            f[27] = key(21, &[hint]);
            f[28] = key(22, &[hint, c(i)]);
        }
        let pane = pane_key(sentence.panes.get(at).copied().flatten());
        f[29] = key(23, &[pane]);
        f[30] = key(24, &[pane, c(i)]);
    }
    Features { keys }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_gets_features_and_they_do_not_change() {
        let sentence = Sentence::bare("林晓舟到青禾县。");
        let first = extract(&sentence);
        assert_eq!(first.len(), 8);
        assert!(
            (0..8).all(|at| first.at(at).iter().filter(|&&k| k != 0).count() >= 20),
            "{:?}",
            first.at(0)
        );
        assert_eq!(&first.at(0)[NAME_SLOTS..], &[0, 0], "no names yet");
        assert_eq!(first, extract(&sentence));
        assert_eq!(class('林'), 5);
        assert_eq!(class('7'), 1);
        assert_eq!(class('。'), 6);
        assert_eq!(key(3, &[u64::from('林')]), key(3, &[u64::from('林')]));
        assert_ne!(key(3, &[u64::from('林')]), key(4, &[u64::from('林')]));
    }
}
