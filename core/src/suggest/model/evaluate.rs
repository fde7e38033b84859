//! Scoring a model against labelled examples: exact matches (same label, same start and end)
//! per label and over all, with the precision, recall and F1 of
//! [`agreement::Counts`](crate::corpus::agreement::Counts) — the labelled examples are the
//! reference (A), the model the other side (B).

use std::collections::{BTreeMap, HashSet};

use super::{Example, Model};
use crate::corpus::agreement::Counts;

/// A model's scores on some examples.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evaluation {
    /// Sentences scored.
    pub sentences: usize,
    /// Over every label.
    pub micro: Counts,
    /// Per label, every label of the model or of the examples.
    pub labels: BTreeMap<String, Counts>,
}

/// Scores `model` on `examples`.
pub fn evaluate(model: &Model, examples: &[Example]) -> Evaluation {
    let mut out = Evaluation {
        sentences: examples.len(),
        ..Evaluation::default()
    };
    for label in model.labels() {
        out.labels.entry(label.clone()).or_default();
    }
    for example in examples {
        let gold: HashSet<(&str, usize, usize)> = example
            .entities
            .iter()
            .map(|e| (e.label.as_str(), e.start, e.end))
            .collect();
        for (label, ..) in &gold {
            out.labels.entry((*label).to_owned()).or_default().a += 1;
            out.micro.a += 1;
        }
        for (label, start, end, _) in model.tag_sentence(&example.sentence) {
            let Some(name) = model.labels().get(label) else {
                continue;
            };
            let counts = out.labels.entry(name.clone()).or_default();
            counts.b += 1;
            out.micro.b += 1;
            if gold.contains(&(name.as_str(), start, end)) {
                counts.matched += 1;
                out.micro.matched += 1;
            }
        }
    }
    out
}
