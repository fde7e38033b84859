//! The averaged structured perceptron: a weight for each feature and tag, one for each pair of
//! neighbouring tags, Viterbi decoding over BIO tags, and training that averages the weights
//! over every step (Collins 2002), which keeps it from chasing the last examples it saw.
//!
//! Tags are numbered `O` = 0, then `B-` and `I-` of each label: label `k` has `B` = 1 + 2k and
//! `I` = 2 + 2k. An `I-` tag may only follow the `B-` or `I-` of its own label; decoding never
//! produces a broken span. Confidence comes from the same scores read as a linear-chain
//! model's: forward–backward gives each character's tag probability, and a span's confidence
//! is the lowest of its characters'.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature keys are hashes already: a map over them needs no second hash.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 << 8) | u64::from(byte);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// A map from feature keys.
pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Whether tag `to` may follow tag `from` (`None`: the sentence's start).
pub fn allowed(from: Option<usize>, to: usize) -> bool {
    if to == 0 || to % 2 == 1 {
        return true;
    }
    from.is_some_and(|from| from != 0 && (from - 1) / 2 == (to - 1) / 2)
}

/// The trained weights: per feature a row of one weight per tag; per pair of tags a
/// transition weight, with a row for the sentence's start.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    /// How many tags: 1 + 2 × labels.
    pub tags: usize,
    /// Feature key → row number.
    pub index: KeyMap<u32>,
    /// The rows, `tags` weights each.
    pub rows: Vec<f32>,
    /// `(tags + 1) × tags`: from tag `i` (row `tags` is the start) to tag `j`.
    pub transitions: Vec<f32>,
}

impl Weights {
    /// Each character's score for each tag, `len × tags`.
    pub fn emissions(&self, features: &[Vec<u64>]) -> Vec<f32> {
        let tags = self.tags;
        let mut out = vec![0.0; features.len() * tags];
        for (at, keys) in features.iter().enumerate() {
            let scores = &mut out[at * tags..(at + 1) * tags];
            for key in keys {
                if let Some(&row) = self.index.get(key) {
                    let start = row as usize * tags;
                    if let Some(weights) = self.rows.get(start..start + tags) {
                        for (score, weight) in scores.iter_mut().zip(weights) {
                            *score += weight;
                        }
                    }
                }
            }
        }
        out
    }
}

/// The best tag sequence for `emissions` (`len × tags`) under `transitions`.
pub fn viterbi(emissions: &[f32], transitions: &[f32], tags: usize) -> Vec<usize> {
    let len = emissions.len() / tags;
    if len == 0 {
        return Vec::new();
    }
    let mut score = vec![f32::NEG_INFINITY; len * tags];
    let mut back = vec![0_usize; len * tags];
    for tag in 0..tags {
        if allowed(None, tag) {
            score[tag] = transitions[tags * tags + tag] + emissions[tag];
        }
    }
    for at in 1..len {
        for tag in 0..tags {
            let mut best = (f32::NEG_INFINITY, 0);
            for from in 0..tags {
                if !allowed(Some(from), tag) {
                    continue;
                }
                let s = score[(at - 1) * tags + from] + transitions[from * tags + tag];
                if s > best.0 {
                    best = (s, from);
                }
            }
            score[at * tags + tag] = best.0 + emissions[at * tags + tag];
            back[at * tags + tag] = best.1;
        }
    }
    let last = &score[(len - 1) * tags..];
    let mut tag = (0..tags).fold(0, |best, t| if last[t] > last[best] { t } else { best });
    let mut path = vec![0; len];
    for at in (0..len).rev() {
        path[at] = tag;
        tag = back[at * tags + tag];
    }
    path
}

/// `ln(Σ exp(x))` of the finite values; −∞ when there are none. Two passes, no allocation.
fn log_sum(values: impl Iterator<Item = f32> + Clone) -> f32 {
    let max = values
        .clone()
        .filter(|v| v.is_finite())
        .fold(f32::NEG_INFINITY, f32::max);
    if !max.is_finite() {
        return f32::NEG_INFINITY;
    }
    max + values
        .filter(|v| v.is_finite())
        .map(|v| (v - max).exp())
        .sum::<f32>()
        .ln()
}

/// Each character's probability of each tag (`len × tags`), by forward–backward over the
/// scores read as log-potentials.
pub fn marginals(emissions: &[f32], transitions: &[f32], tags: usize) -> Vec<f32> {
    let len = emissions.len() / tags;
    if len == 0 {
        return Vec::new();
    }
    let trans = |from: Option<usize>, to: usize| {
        if allowed(from, to) {
            transitions[from.unwrap_or(tags) * tags + to]
        } else {
            f32::NEG_INFINITY
        }
    };
    let mut alpha = vec![f32::NEG_INFINITY; len * tags];
    let mut beta = vec![0.0_f32; len * tags];
    for tag in 0..tags {
        alpha[tag] = trans(None, tag) + emissions[tag];
    }
    for at in 1..len {
        for tag in 0..tags {
            let into = log_sum(
                (0..tags).map(|from| alpha[(at - 1) * tags + from] + trans(Some(from), tag)),
            );
            alpha[at * tags + tag] = into + emissions[at * tags + tag];
        }
    }
    for at in (0..len - 1).rev() {
        for tag in 0..tags {
            beta[at * tags + tag] = log_sum((0..tags).map(|to| {
                trans(Some(tag), to) + emissions[(at + 1) * tags + to] + beta[(at + 1) * tags + to]
            }));
        }
    }
    let total = log_sum(alpha[(len - 1) * tags..].iter().copied());
    alpha
        .iter()
        .zip(&beta)
        .map(|(a, b)| {
            let p = (a + b - total).exp();
            if p.is_finite() {
                p.clamp(0.0, 1.0)
            } else {
                0.0
            }
        })
        .collect()
}

/// One training sentence: each character's feature rows, and its gold tags.
pub struct Instance {
    /// Row numbers of each character's features.
    pub rows: Vec<Vec<u32>>,
    /// The gold tag of each character.
    pub gold: Vec<usize>,
}

/// A small fixed generator (SplitMix64) for the order of the examples: the same seed gives
/// the same order, and so the same model, everywhere.
pub struct SplitMix(u64);

impl SplitMix {
    /// A generator started at `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Shuffles `items` (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = usize::try_from(self.next_u64() % (i as u64 + 1)).unwrap_or(0);
            items.swap(i, j);
        }
    }
}

/// Weights being trained, and what averaging needs: the sum of each update times the step it
/// was made at.
struct Training {
    tags: usize,
    rows: Vec<f64>,
    rows_sum: Vec<f64>,
    transitions: Vec<f64>,
    transitions_sum: Vec<f64>,
    step: f64,
}

impl Training {
    fn update_row(&mut self, row: u32, tag: usize, delta: f64) {
        let at = row as usize * self.tags + tag;
        self.rows[at] += delta;
        self.rows_sum[at] += self.step * delta;
    }

    fn update_transition(&mut self, from: Option<usize>, to: usize, delta: f64) {
        let at = from.unwrap_or(self.tags) * self.tags + to;
        self.transitions[at] += delta;
        self.transitions_sum[at] += self.step * delta;
    }

    fn emissions(&self, rows: &[Vec<u32>]) -> Vec<f32> {
        let tags = self.tags;
        let mut out = vec![0.0_f32; rows.len() * tags];
        for (at, features) in rows.iter().enumerate() {
            for &row in features {
                let start = row as usize * tags;
                for tag in 0..tags {
                    let weight = self.rows[start + tag] as f32;
                    out[at * tags + tag] += weight;
                }
            }
        }
        out
    }

    fn learn(&mut self, instance: &Instance) {
        let transitions: Vec<f32> = self.transitions.iter().map(|&w| w as f32).collect();
        let guess = viterbi(&self.emissions(&instance.rows), &transitions, self.tags);
        if guess != instance.gold {
            for (at, (&right, &wrong)) in instance.gold.iter().zip(&guess).enumerate() {
                if right != wrong {
                    for &row in &instance.rows[at] {
                        self.update_row(row, right, 1.0);
                        self.update_row(row, wrong, -1.0);
                    }
                }
                let before = at.checked_sub(1);
                let (right_from, wrong_from) =
                    (before.map(|b| instance.gold[b]), before.map(|b| guess[b]));
                if right != wrong || right_from != wrong_from {
                    self.update_transition(right_from, right, 1.0);
                    self.update_transition(wrong_from, wrong, -1.0);
                }
            }
        }
        self.step += 1.0;
    }

    /// The averaged weights: w − Σ(step × update) / steps.
    fn averaged(&self) -> (Vec<f32>, Vec<f32>) {
        let average = |w: &[f64], sum: &[f64]| -> Vec<f32> {
            w.iter()
                .zip(sum)
                .map(|(w, s)| (w - s / self.step) as f32)
                .collect()
        };
        (
            average(&self.rows, &self.rows_sum),
            average(&self.transitions, &self.transitions_sum),
        )
    }
}

/// Trains on `instances` for `epochs` passes in an order drawn from `seed`; `features` is the
/// number of feature rows. Returns the averaged rows and transitions.
pub fn train(
    instances: &[Instance],
    features: usize,
    tags: usize,
    epochs: usize,
    seed: u64,
) -> (Vec<f32>, Vec<f32>) {
    let mut training = Training {
        tags,
        rows: vec![0.0; features * tags],
        rows_sum: vec![0.0; features * tags],
        transitions: vec![0.0; (tags + 1) * tags],
        transitions_sum: vec![0.0; (tags + 1) * tags],
        step: 1.0,
    };
    let mut order: Vec<usize> = (0..instances.len()).collect();
    let mut random = SplitMix::new(seed);
    for _ in 0..epochs {
        random.shuffle(&mut order);
        for &i in &order {
            training.learn(&instances[i]);
        }
    }
    training.averaged()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_tags_only_follow_their_own_label() {
        assert!(allowed(None, 0));
        assert!(allowed(None, 1));
        assert!(!allowed(None, 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(3), 2));
        assert!(!allowed(Some(0), 4));
        assert!(allowed(Some(3), 4));
    }

    #[test]
    fn viterbi_takes_the_best_allowed_path_and_marginals_sum_to_one() {
        // Three tags (O, B-X, I-X); the second character wants I-X most, the first B-X.
        let emissions = [0.0, 2.0, 0.0, 0.0, 0.0, 3.0, 1.0, 0.0, 0.0];
        let transitions = vec![0.0; 12];
        assert_eq!(viterbi(&emissions, &transitions, 3), [1, 2, 0]);
        let m = marginals(&emissions, &transitions, 3);
        for at in 0..3 {
            let sum: f32 = m[at * 3..at * 3 + 3].iter().sum();
            assert!((sum - 1.0).abs() < 1e-4, "{sum}");
        }
        assert_eq!(m[2], 0.0, "I-X cannot start a sentence");
    }

    #[test]
    fn the_same_seed_shuffles_the_same_way() {
        let mut a: Vec<u32> = (0..20).collect();
        let mut b = a.clone();
        SplitMix::new(7).shuffle(&mut a);
        SplitMix::new(7).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..20).collect::<Vec<u32>>());
    }
}
