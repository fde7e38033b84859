//! The names the model has seen: every entity of its training sentences with its label, and
//! a feature for each character that such a name covers here (its label and whether the name
//! begins, goes on or ends there).
//!
//! Trained on names it was shown, a model would trust this feature blindly; so each training
//! sentence is given the names from the *other* half of the sentences (by position), and only
//! the model kept for tagging holds them all.

use std::collections::HashMap;

use super::examples::Example;
use super::perceptron::KeyMap;

/// Longest name looked for, in characters.
const LONGEST: usize = 12;

/// Entity names and their labels (as indexes into the model's labels).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lexicon {
    names: HashMap<String, usize>,
    /// Every beginning of a name (hashed, [`step`]): 0 for a beginning only, else the label
    /// of the name it completes plus one. Looking a name up goes on one character at a time
    /// while the beginning is known, so most characters cost one look-up.
    prefixes: KeyMap<usize>,
}

/// The hash of a beginning of a name one character longer than the one hashed as `key`.
fn step(key: u64, c: char) -> u64 {
    let x = (key ^ u64::from(c)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// The beginnings of `names`, as [`Lexicon::prefixes`] holds them.
fn prefixes(names: &HashMap<String, usize>) -> KeyMap<usize> {
    let mut out = KeyMap::default();
    for (name, &label) in names {
        let mut key = 0;
        let length = name.chars().count();
        for (n, c) in name.chars().enumerate() {
            key = step(key, c);
            let mark = out.entry(key).or_insert(0);
            if n + 1 == length {
                *mark = label + 1;
            }
        }
    }
    out
}

impl Lexicon {
    /// The names of `examples` whose label is one of `labels`; a name seen with two labels
    /// keeps the one it had first.
    pub fn from_examples<'a>(
        examples: impl Iterator<Item = &'a Example>,
        labels: &[String],
    ) -> Self {
        let mut names = HashMap::new();
        for example in examples {
            for entity in &example.entities {
                let Some(label) = labels.iter().position(|l| *l == entity.label) else {
                    continue;
                };
                let length = entity.end.saturating_sub(entity.start);
                if !(2..=LONGEST).contains(&length) {
                    continue;
                }
                let name: String = example
                    .sentence
                    .chars
                    .iter()
                    .skip(entity.start)
                    .take(length)
                    .collect();
                names.entry(name).or_insert(label);
            }
        }
        Self::from_names(names)
    }

    fn from_names(names: HashMap<String, usize>) -> Self {
        Self {
            prefixes: prefixes(&names),
            names,
        }
    }

    /// The names, sorted, for the model file.
    pub fn entries(&self) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> =
            self.names.iter().map(|(n, &l)| (n.clone(), l)).collect();
        out.sort();
        out
    }

    /// A lexicon of `entries`.
    pub fn from_entries(entries: Vec<(String, usize)>) -> Self {
        Self::from_names(entries.into_iter().collect())
    }

    /// Per character: 0, or the label (plus one) and place (1 begins, 2 inside, 3 ends) of
    /// the longest name covering it, found left to right.
    pub fn marks(&self, chars: &[char]) -> Vec<(u64, u64)> {
        let mut out = vec![(0, 0); chars.len()];
        if self.names.is_empty() {
            return out;
        }
        let mut at = 0;
        while at < chars.len() {
            let mut found = None;
            let mut key = 0;
            for (length, &c) in (1..=LONGEST).zip(&chars[at..]) {
                key = step(key, c);
                match self.prefixes.get(&key) {
                    None => break,
                    Some(&label) if label > 0 && length >= 2 => found = Some((length, label - 1)),
                    Some(_) => {}
                }
            }
            match found {
                Some((length, label)) => {
                    for i in 0..length {
                        let place = match i {
                            0 => 1,
                            i if i + 1 == length => 3,
                            _ => 2,
                        };
                        out[at + i] = (label as u64 + 1, place);
                    }
                    at += length;
                }
                None => at += 1,
            }
        }
        out
    }

    /// How many names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when it holds no name.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::model::invented;

    #[test]
    fn the_longest_known_name_marks_its_characters() {
        let examples = invented::sentences(40, 8);
        let labels = ["PER", "LOC", "ORG"].map(str::to_owned);
        let lexicon = Lexicon::from_examples(examples.iter(), &labels);
        assert!(!lexicon.is_empty());
        let round = Lexicon::from_entries(lexicon.entries());
        assert_eq!(round, lexicon);
        let small = Lexicon::from_entries(vec![("青禾县".into(), 1), ("青禾县农业局".into(), 2)]);
        let chars: Vec<char> = "去青禾县农业局和青禾县".chars().collect();
        let marks = small.marks(&chars);
        assert_eq!(marks[0], (0, 0));
        assert_eq!(
            &marks[1..7],
            &[(3, 1), (3, 2), (3, 2), (3, 2), (3, 2), (3, 3)]
        );
        assert_eq!(&marks[8..11], &[(2, 1), (2, 2), (2, 3)]);
    }
}
