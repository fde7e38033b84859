//! A model trained on the folder's own labels: a character-level sequence labeller that adds
//! people, places and organisations in running text to what the rules find.
//!
//! It is an averaged structured perceptron over BIO tags, decoded with Viterbi
//! ([`perceptron`]), reading for each character the characters and character n-grams around
//! it, character classes, the jieba word it is in with its part of speech, the rules' own
//! suggestions and the pane ([`features`], over [`sentence`]s). It is written here rather than
//! taken from a crate: the sequence-labelling crates that exist either bind a C++ library
//! (CRFsuite) or are unmaintained, and the trainer is small. Training is deterministic: the
//! same examples, options and seed give the same model, byte for byte.
//!
//! - [`examples`]: labelled pages to examples (accepted annotations teach, rejected ones are
//!   negative evidence);
//! - [`file`](mod@file): the model file, `FOLDER/.copydesk/model.bin`, with format and version;
//! - [`evaluate`](mod@evaluate): precision, recall and F1 per label against labelled examples;
//! - [`propose`](mod@propose): the model's suggestions merged with the rules' for a document, with the
//!   precedence the README states;
//! - [`retrain`]: when the app trains again.

pub mod evaluate;
pub mod examples;
pub mod features;
pub mod file;
pub mod invented;
pub mod lexicon;
pub mod perceptron;
pub mod propose;
pub mod retrain;
pub mod sentence;

use serde::{Deserialize, Serialize};

use crate::bulletin::Bulletin;
use crate::text::{Source, Span};
pub use evaluate::{Evaluation, evaluate};
pub use examples::{Corpus, Entity, Example, load, model_path};
pub use file::ModelError;
use lexicon::Lexicon;
use perceptron::{Instance, KeyMap, Weights};
pub use propose::new_suggestions;
pub use retrain::Retrain;
pub use sentence::{Hint, Sentence, sentences};

/// The name of the model in suggestions' origin (`Model("perceptron")`).
pub const NAME: &str = "perceptron";

/// How to train.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainOptions {
    /// Passes over the examples.
    pub epochs: usize,
    /// Seeds the order of the examples in each pass.
    pub seed: u64,
    /// Features seen fewer times than this in the examples are left out (a smaller, faster
    /// model that generalizes as well).
    pub min_count: usize,
    /// Also trains on nine tenths first and scores the tenth held back, for
    /// [`Trained::held_back`]; the model returned is then trained on all.
    pub hold_back: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        Self {
            epochs: 8,
            seed: 17,
            min_count: 1,
            hold_back: true,
        }
    }
}

/// What a model was trained on, kept in its file and shown in the app's status bar.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Trained {
    /// Sentences trained on.
    pub sentences: usize,
    /// Entities (accepted annotations) in them.
    pub annotations: usize,
    /// Micro F1 on a tenth of the sentences held back from a model trained on the rest,
    /// with the number of sentences held back; `None` if not measured.
    pub held_back: Option<(f64, usize)>,
    /// Passes over the examples.
    pub epochs: usize,
    /// The seed of the order.
    pub seed: u64,
}

/// A trained model: its labels, weights and what it was trained on.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    labels: Vec<String>,
    lexicon: Lexicon,
    weights: Weights,
    trained: Trained,
}

/// An entity the model found, in code points of the page, with its confidence (0 to 1).
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The label.
    pub label: String,
    /// Where.
    pub span: Span,
    /// The lowest probability of its characters' tags.
    pub confidence: f32,
}

/// Training found nothing to learn from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NothingToLearn;

impl std::fmt::Display for NothingToLearn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no labelled sentences to train on: accept some entities first")
    }
}

impl std::error::Error for NothingToLearn {}

/// The tag of each character of `example`: `O` = 0, `B-` = 1 + 2k, `I-` = 2 + 2k for the
/// label `labels[k]`; entities of other labels are outside.
fn gold_tags(example: &Example, labels: &[String]) -> Vec<usize> {
    let mut tags = vec![0; example.sentence.chars.len()];
    for entity in &example.entities {
        let Some(k) = labels.iter().position(|l| *l == entity.label) else {
            continue;
        };
        for at in entity.start..entity.end.min(tags.len()) {
            tags[at] = if at == entity.start {
                1 + 2 * k
            } else {
                2 + 2 * k
            };
        }
    }
    tags
}

/// Spans of a tag sequence, as `(label index, start, end)`.
fn spans(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (at, &tag) in tags.iter().enumerate() {
        if tag == 0 {
            continue;
        }
        let label = (tag - 1) / 2;
        match out.last_mut() {
            Some(last) if tag % 2 == 0 && last.0 == label && last.2 == at => last.2 = at + 1,
            _ => out.push((label, at, at + 1)),
        }
    }
    out
}

/// Trains a model for `labels` on `examples`.
pub fn train(
    examples: &[Example],
    labels: &[String],
    options: &TrainOptions,
) -> Result<Model, NothingToLearn> {
    if examples.is_empty() || labels.is_empty() {
        return Err(NothingToLearn);
    }
    let features: Vec<Vec<Vec<u64>>> = examples
        .iter()
        .map(|e| features::extract(&e.sentence))
        .collect();
    let mut held_back = None;
    if options.hold_back && examples.len() >= 10 {
        let (mut train_on, mut test) = (Vec::new(), Vec::new());
        for (i, example) in examples.iter().enumerate() {
            if i % 10 == 9 {
                test.push(example.clone());
            } else {
                train_on.push(i);
            }
        }
        let part = fit(examples, &features, &train_on, labels, options);
        let scores = evaluate(&part, &test);
        held_back = Some((scores.micro.f1(), test.len()));
    }
    let all: Vec<usize> = (0..examples.len()).collect();
    let mut model = fit(examples, &features, &all, labels, options);
    model.trained.held_back = held_back;
    Ok(model)
}

/// Trains on the examples numbered `chosen`, with their features computed already.
fn fit(
    examples: &[Example],
    features: &[Vec<Vec<u64>>],
    chosen: &[usize],
    labels: &[String],
    options: &TrainOptions,
) -> Model {
    let tags = 1 + 2 * labels.len();
    // Each sentence sees the names of the other half, so that the feature is learned as it
    // will be met: on names seen elsewhere.
    let halves = [0, 1].map(|half| {
        Lexicon::from_examples(
            chosen
                .iter()
                .enumerate()
                .filter(|(n, _)| n % 2 == half)
                .map(|(_, &i)| &examples[i]),
            labels,
        )
    });
    let features: Vec<Vec<Vec<u64>>> = chosen
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let mut keys = features[i].clone();
            let chars = &examples[i].sentence.chars;
            features::add_names(&mut keys, chars, &halves[1 - n % 2].marks(chars));
            keys
        })
        .collect();
    let mut counts: KeyMap<u32> = KeyMap::default();
    for keys in &features {
        for key in keys.iter().flatten() {
            *counts.entry(*key).or_default() += 1;
        }
    }
    let mut index: KeyMap<u32> = KeyMap::default();
    let mut keys: Vec<u64> = Vec::new();
    let mut instances = Vec::with_capacity(chosen.len());
    for (n, &i) in chosen.iter().enumerate() {
        let rows = features[n]
            .iter()
            .map(|keys_here| {
                keys_here
                    .iter()
                    .filter(|key| {
                        counts
                            .get(key)
                            .is_some_and(|&n| n as usize >= options.min_count)
                    })
                    .map(|&key| {
                        *index.entry(key).or_insert_with(|| {
                            keys.push(key);
                            u32::try_from(keys.len() - 1).unwrap_or(u32::MAX)
                        })
                    })
                    .collect()
            })
            .collect();
        instances.push(Instance {
            rows,
            gold: gold_tags(&examples[i], labels),
        });
    }
    let (rows, transitions) =
        perceptron::train(&instances, keys.len(), tags, options.epochs, options.seed);
    let weights = prune(&keys, &rows, transitions, tags);
    Model {
        labels: labels.to_vec(),
        lexicon: Lexicon::from_examples(chosen.iter().map(|&i| &examples[i]), labels),
        weights,
        trained: Trained {
            sentences: chosen.len(),
            annotations: chosen.iter().map(|&i| examples[i].entities.len()).sum(),
            held_back: None,
            epochs: options.epochs,
            seed: options.seed,
        },
    }
}

/// The weights without the features whose weights all stayed zero, rows in key order (so the
/// same training gives the same file).
fn prune(keys: &[u64], rows: &[f32], transitions: Vec<f32>, tags: usize) -> Weights {
    let mut kept: Vec<(u64, &[f32])> = keys
        .iter()
        .zip(rows.chunks(tags))
        .filter(|(_, row)| row.iter().any(|w| *w != 0.0))
        .map(|(&key, row)| (key, row))
        .collect();
    kept.sort_by_key(|(key, _)| *key);
    let mut index = KeyMap::default();
    let mut out = Vec::with_capacity(kept.len() * tags);
    for (n, (key, row)) in kept.into_iter().enumerate() {
        index.insert(key, u32::try_from(n).unwrap_or(u32::MAX));
        out.extend_from_slice(row);
    }
    Weights {
        tags,
        index,
        rows: out,
        transitions,
    }
}

impl Model {
    /// The labels it tags, in order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// What it was trained on.
    pub fn trained(&self) -> &Trained {
        &self.trained
    }

    /// Features with weights.
    pub fn features(&self) -> usize {
        self.weights.index.len()
    }

    /// The entities in `sentence`, as `(label index, start, end, confidence)`, characters
    /// counted in the sentence.
    pub fn tag_sentence(&self, sentence: &Sentence) -> Vec<(usize, usize, usize, f32)> {
        let mut features = features::extract(sentence);
        let marks = self.lexicon.marks(&sentence.chars);
        features::add_names(&mut features, &sentence.chars, &marks);
        let tags = self.weights.tags;
        let emissions = self.weights.emissions(&features);
        let path = perceptron::viterbi(&emissions, &self.weights.transitions, tags);
        let found = spans(&path);
        if found.is_empty() {
            return Vec::new();
        }
        let marginals = perceptron::marginals(&emissions, &self.weights.transitions, tags);
        found
            .into_iter()
            .map(|(label, start, end)| {
                let confidence = (start..end)
                    .map(|at| marginals[at * tags + path[at]])
                    .fold(1.0_f32, f32::min);
                (label, start, end, confidence)
            })
            .collect()
    }

    /// The entities on a page, in page order.
    pub fn tag_page(&self, source: &Source, bulletin: &Bulletin) -> Vec<Found> {
        let mut out = Vec::new();
        for sentence in sentences(source, bulletin) {
            for (label, start, end, confidence) in self.tag_sentence(&sentence) {
                if let Some(name) = self.labels.get(label) {
                    out.push(Found {
                        label: name.clone(),
                        span: Span::new(sentence.start + start, sentence.start + end),
                        confidence,
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
