//! A model trained on the folder's own labels: a character-level sequence labeller that adds
//! people, places and organisations in running text to what the rules find.
//!
//! It is an averaged structured perceptron over BIOES tags, decoded with Viterbi
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
//! - [`calibrate`](mod@calibrate): the temperature that makes confidences come true;
//! - [`retrain`]: when the app trains again.

pub mod calibrate;
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
use features::Features;
pub use file::ModelError;
use lexicon::Lexicon;
use perceptron::{Instance, KeyMap, Scale, Weights};
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
    /// [`Trained::held_back`], and fits the temperature of the confidences on it; the model
    /// returned is then trained on all. Without it, confidences read the scores as they are.
    pub hold_back: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        Self {
            epochs: 8,
            seed: 17,
            min_count: 2,
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
    scale: Scale,
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

/// Pages of fewer sentences are tagged on one thread: starting threads would cost more than
/// it saves.
const PARALLEL_FROM: usize = 64;

/// Training found nothing to learn from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NothingToLearn;

impl std::fmt::Display for NothingToLearn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no labelled sentences to train on: accept some entities first")
    }
}

impl std::error::Error for NothingToLearn {}

/// The tag of each character of `example` ([`perceptron`]'s numbering); entities of other
/// labels are outside.
fn gold_tags(example: &Example, labels: &[String]) -> Vec<usize> {
    let mut tags = vec![0; example.sentence.chars.len()];
    for entity in &example.entities {
        let Some(k) = labels.iter().position(|l| *l == entity.label) else {
            continue;
        };
        let end = entity.end.min(tags.len());
        for (at, tag) in tags.iter_mut().enumerate().take(end).skip(entity.start) {
            *tag = perceptron::tag_of(k, entity.start, end, at);
        }
    }
    tags
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
    let features: Vec<Features> = examples
        .iter()
        .map(|e| features::extract(&e.sentence))
        .collect();
    let mut held_back = None;
    let mut scale = Scale { temperature: 1.0 };
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
        scale = calibrate::fit(&part, &test);
    }
    let all: Vec<usize> = (0..examples.len()).collect();
    let mut model = fit(examples, &features, &all, labels, options);
    model.trained.held_back = held_back;
    model.scale = scale;
    Ok(model)
}

/// Trains on the examples numbered `chosen`, with their features computed already.
fn fit(
    examples: &[Example],
    features: &[Features],
    chosen: &[usize],
    labels: &[String],
    options: &TrainOptions,
) -> Model {
    let tags = perceptron::tag_count(labels.len());
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
    let features: Vec<Features> = chosen
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
        for &key in keys.keys.iter().filter(|&&k| k != 0) {
            *counts.entry(key).or_default() += 1;
        }
    }
    let mut index: KeyMap<u32> = KeyMap::default();
    let mut keys: Vec<u64> = Vec::new();
    let mut instances = Vec::with_capacity(chosen.len());
    for (n, &i) in chosen.iter().enumerate() {
        let rows = features[n]
            .keys
            .chunks_exact(features::WIDTH)
            .map(|keys_here| {
                keys_here
                    .iter()
                    .filter(|&&key| key != 0)
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
        scale: Scale { temperature: 1.0 },
        trained: Trained {
            sentences: chosen.len(),
            annotations: chosen.iter().map(|&i| examples[i].entities.len()).sum(),
            held_back: None,
            epochs: options.epochs,
            seed: options.seed,
        },
    }
}

/// The weights without the features whose weights all stayed zero, in key order (so the
/// same training gives the same file).
fn prune(keys: &[u64], rows: &[f32], transitions: Vec<f32>, tags: usize) -> Weights {
    let mut kept: Vec<(u64, &[f32])> = keys
        .iter()
        .zip(rows.chunks(tags))
        .filter(|(_, row)| row.iter().any(|w| *w != 0.0))
        .map(|(&key, row)| (key, row))
        .collect();
    kept.sort_by_key(|(key, _)| *key);
    Weights::new(tags, &kept, transitions)
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
        self.weights.len()
    }

    /// The temperature confidences are computed at (1 when none was fitted).
    pub fn temperature(&self) -> f32 {
        self.scale.temperature
    }

    /// Each character's scores for each tag and the best tags, for `sentence`.
    fn decode(&self, sentence: &Sentence) -> (Vec<f32>, Vec<usize>) {
        let mut features = features::extract(sentence);
        let marks = self.lexicon.marks(&sentence.chars);
        features::add_names(&mut features, &sentence.chars, &marks);
        let emissions = self.weights.emissions(&features.keys, features::WIDTH);
        let path = perceptron::viterbi(&emissions, &self.weights.transitions, self.weights.tags);
        (emissions, path)
    }

    /// The spans of `path` with their confidence at `scale`: the lowest probability of the
    /// tags of their characters.
    fn confidences(
        &self,
        emissions: &[f32],
        path: &[usize],
        scale: Scale,
    ) -> Vec<(usize, usize, usize, f32)> {
        let found = perceptron::spans(path);
        if found.is_empty() {
            return Vec::new();
        }
        let tags = self.weights.tags;
        let marginals = perceptron::marginals(emissions, &self.weights.transitions, tags, scale);
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

    /// The entities in `sentence`, as `(label index, start, end, confidence)`, characters
    /// counted in the sentence.
    pub fn tag_sentence(&self, sentence: &Sentence) -> Vec<(usize, usize, usize, f32)> {
        let (emissions, path) = self.decode(sentence);
        self.confidences(&emissions, &path, self.scale)
    }

    /// The entities on a page, in page order. A long page is tagged on as many threads as
    /// the machine has cores (up to four), each taking a run of sentences: the result is the
    /// same as on one.
    pub fn tag_page(&self, source: &Source, bulletin: &Bulletin) -> Vec<Found> {
        let all = sentences(source, bulletin);
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(4);
        if threads < 2 || all.len() < PARALLEL_FROM {
            return self.tag_sentences(&all);
        }
        let chunk = all.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let running: Vec<_> = all
                .chunks(chunk)
                .map(|part| scope.spawn(|| self.tag_sentences(part)))
                .collect();
            running
                .into_iter()
                .flat_map(|thread| {
                    thread
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    }

    /// The entities in `sentences`, in order, placed on their page.
    fn tag_sentences(&self, sentences: &[Sentence]) -> Vec<Found> {
        let mut out = Vec::new();
        for sentence in sentences {
            for (label, start, end, confidence) in self.tag_sentence(sentence) {
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
