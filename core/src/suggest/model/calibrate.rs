//! Confidences that mean what they say: the temperature the model's scores are divided by
//! before they are read as probabilities, fitted on sentences held back from training.
//!
//! A perceptron's scores are margins that grow with every update, not log-probabilities:
//! read as they are, nearly every suggestion comes out 0.99–1.00. The temperature chosen is
//! the one, from a fixed grid, under which the confidences of the suggestions on the
//! held-back sentences best predict which of them are right (lowest log loss; a suggestion
//! is right when its label, start and end are the reference's). Among suggestions with a
//! confidence near p, about p are then right — the README has the reliability table.

use std::collections::HashSet;

use super::perceptron::Scale;
use super::{Example, Model};

/// The temperatures tried: 10^(k/10) for k from −10 to 30 (0.1 to 1 000), a step of 26 %.
fn grid() -> impl Iterator<Item = f32> {
    (-10..=30).map(|k| 10_f32.powf(k as f32 / 10.0))
}

/// One suggestion on a held-back sentence: its sentence's scores and tags, and whether it
/// is right.
struct Held {
    emissions: Vec<f32>,
    path: Vec<usize>,
    right: Vec<bool>,
}

/// The temperature that calibrates `model`'s confidences on `examples` (1 when they hold
/// no suggestion).
pub fn fit(model: &Model, examples: &[Example]) -> Scale {
    let mut held = Vec::new();
    for example in examples {
        let (emissions, path) = model.decode(&example.sentence);
        let gold: HashSet<(&str, usize, usize)> = example
            .entities
            .iter()
            .map(|e| (e.label.as_str(), e.start, e.end))
            .collect();
        let right: Vec<bool> = super::perceptron::spans(&path)
            .into_iter()
            .map(|(label, start, end)| {
                model
                    .labels()
                    .get(label)
                    .is_some_and(|l| gold.contains(&(l.as_str(), start, end)))
            })
            .collect();
        if !right.is_empty() {
            held.push(Held {
                emissions,
                path,
                right,
            });
        }
    }
    if held.is_empty() {
        return Scale { temperature: 1.0 };
    }
    let loss = |scale: Scale| -> f64 {
        held.iter()
            .flat_map(|h| {
                let found = model.confidences(&h.emissions, &h.path, scale);
                found.into_iter().zip(&h.right).map(|((.., p), &right)| {
                    let p = f64::from(p).clamp(1e-4, 1.0 - 1e-4);
                    -if right { p.ln() } else { (1.0 - p).ln() }
                })
            })
            .sum()
    };
    let mut best = (f64::INFINITY, 1.0);
    for temperature in grid() {
        let here = loss(Scale { temperature });
        if here < best.0 {
            best = (here, temperature);
        }
    }
    Scale {
        temperature: best.1,
    }
}

#[cfg(test)]
mod tests {
    use super::grid;

    #[test]
    fn the_grid_runs_from_a_tenth_to_a_thousand() {
        let all: Vec<f32> = grid().collect();
        assert_eq!(all.len(), 41);
        assert!((all[0] - 0.1).abs() < 1e-6 && (all[10] - 1.0).abs() < 1e-6);
        assert!((all[40] - 1000.0).abs() < 1e-2);
    }
}
