//! The averaged structured perceptron: a weight for each feature and tag, one for each pair of
//! neighbouring tags, Viterbi decoding over BIOES tags, and training that averages the weights
//! over every step (Collins 2002), which keeps it from chasing the last examples it saw.
//!
//! Tags are numbered `O` = 0, then four for each label: label `k` has `B` = 1 + 4k (begins),
//! `I` = 2 + 4k (inside), `E` = 3 + 4k (ends) and `S` = 4 + 4k (a single character). An `I-` or
//! `E-` tag only follows the `B-` or `I-` of its own label, and a sentence never ends inside a
//! name: decoding never produces a broken span. Telling the last character apart (`E`) and the
//! name of one character (`S`) scored 1.7 points of F1 more than `B`/`I` alone on People's
//! Daily sentences (README, The folder's model). Confidence comes from the same scores read as
//! a linear-chain model's, divided by a temperature fitted on held-back sentences ([`Scale`]):
//! forward–backward gives each character's tag probability, and a span's confidence is the
//! lowest of its characters'.

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

/// Tags per label: `B`, `I`, `E`, `S`.
pub const PER_LABEL: usize = 4;

/// The number of tags for `labels` labels.
pub fn tag_count(labels: usize) -> usize {
    1 + PER_LABEL * labels
}

/// Where a tag stands in its name: 0 begins, 1 inside, 2 ends, 3 alone; `None` for `O`.
fn place(tag: usize) -> Option<usize> {
    tag.checked_sub(1).map(|t| t % PER_LABEL)
}

/// The label index of a tag other than `O`.
pub fn label_of(tag: usize) -> usize {
    tag.saturating_sub(1) / PER_LABEL
}

/// The tag of label `label` at `at` of a name over `start..end`.
pub fn tag_of(label: usize, start: usize, end: usize, at: usize) -> usize {
    let place = match (at == start, at + 1 == end) {
        (true, true) => 3,
        (true, false) => 0,
        (false, true) => 2,
        (false, false) => 1,
    };
    1 + PER_LABEL * label + place
}

/// True for a tag after which the name goes on (`B`, `I`).
fn open(tag: usize) -> bool {
    matches!(place(tag), Some(0 | 1))
}

/// Whether tag `to` may follow tag `from` (`None`: the sentence's start).
pub fn allowed(from: Option<usize>, to: usize) -> bool {
    match place(to) {
        None | Some(0 | 3) => !from.is_some_and(open),
        Some(_) => from.is_some_and(|from| open(from) && label_of(from) == label_of(to)),
    }
}

/// Whether a sentence may end on `tag` (not inside a name).
pub fn may_end(tag: usize) -> bool {
    !open(tag)
}

/// Spans of a tag sequence, as `(label index, start, end)`.
pub fn spans(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (at, &tag) in tags.iter().enumerate() {
        match place(tag) {
            None => {}
            Some(0 | 3) => out.push((label_of(tag), at, at + 1)),
            Some(_) => match out.last_mut() {
                Some(last) if last.0 == label_of(tag) && last.2 == at => last.2 = at + 1,
                _ => out.push((label_of(tag), at, at + 1)),
            },
        }
    }
    out
}

/// Fibonacci hashing: the slot of `key` in a table of `1 << bits` slots.
fn slot_of(key: u64, bits: u32) -> usize {
    usize::try_from(key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)).unwrap_or(0)
}

/// A cache line of weights: a row of up to 16 tags' weights is read from memory at once.
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(align(64))]
struct Line([f32; LINE]);

/// Weights a [`Line`] holds.
const LINE: usize = 16;

/// The trained weights: per feature a row of one weight per tag; per pair of tags a
/// transition weight, with a row for the sentence's start.
///
/// The rows live in an open-addressing table (linear probing, at most two thirds full) whose
/// keys are kept apart from the rows: probing for a feature the model does not have stays in
/// the small array of keys, and one that it has costs one read of its row, which starts a
/// cache line. (Keys and rows side by side, fuller, were slower: a miss then probes row after
/// row; rows packed end to end straddled two lines.)
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    /// How many tags: [`tag_count`] of the labels.
    pub tags: usize,
    /// `log2` of the number of slots.
    bits: u32,
    /// The key in each slot; 0 for an empty one (no feature key is 0).
    keys: Vec<u64>,
    /// [`Weights::lines`] lines per slot, the row's weights first.
    rows: Vec<Line>,
    /// Features held.
    len: usize,
    /// `(tags + 1) × tags`: from tag `i` (row `tags` is the start) to tag `j`.
    pub transitions: Vec<f32>,
}

impl Weights {
    /// Weights of `features`, each a key (not 0, not repeated) and `tags` weights; the
    /// same features in the same order give the same table.
    pub fn new(tags: usize, features: &[(u64, &[f32])], transitions: Vec<f32>) -> Self {
        let count = (features.len() * 3 / 2 + 1).next_power_of_two().max(16);
        let bits = count.trailing_zeros();
        let lines = tags.div_ceil(LINE).max(1);
        let mut keys = vec![0; count];
        let mut rows = vec![Line([0.0; LINE]); count * lines];
        let mask = count - 1;
        for &(key, row) in features {
            let mut slot = slot_of(key, bits);
            while keys[slot] != 0 && keys[slot] != key {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            let place = rows[slot * lines..(slot + 1) * lines]
                .iter_mut()
                .flat_map(|line| line.0.iter_mut());
            for (weight, &w) in place.zip(row.iter().take(tags)) {
                *weight = w;
            }
        }
        Self {
            tags,
            bits,
            keys,
            rows,
            len: features.len(),
            transitions,
        }
    }

    /// Lines a row takes.
    fn lines(&self) -> usize {
        self.tags.div_ceil(LINE).max(1)
    }

    /// How many features have weights.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no feature has weights.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The slot of feature `key`, if it has weights.
    fn slot(&self, key: u64) -> Option<usize> {
        if key == 0 {
            return None;
        }
        let mask = self.keys.len() - 1;
        let mut slot = slot_of(key, self.bits);
        loop {
            match self.keys.get(slot) {
                Some(&k) if k == key => return Some(slot),
                Some(0) | None => return None,
                Some(_) => slot = (slot + 1) & mask,
            }
        }
    }

    /// The weights in slot `slot`.
    fn weights(&self, slot: usize) -> impl Iterator<Item = f32> + '_ {
        let lines = self.lines();
        self.rows
            .get(slot * lines..(slot + 1) * lines)
            .unwrap_or(&[])
            .iter()
            .flat_map(|line| line.0)
            .take(self.tags)
    }

    /// The weights of feature `key`, if it has any.
    pub fn row(&self, key: u64) -> Option<Vec<f32>> {
        self.slot(key).map(|slot| self.weights(slot).collect())
    }

    /// Every feature's key and weights, in key order.
    pub fn features(&self) -> Vec<(u64, Vec<f32>)> {
        let mut out: Vec<(u64, Vec<f32>)> = self
            .keys
            .iter()
            .enumerate()
            .filter(|(_, key)| **key != 0)
            .map(|(slot, &key)| (key, self.weights(slot).collect()))
            .collect();
        out.sort_unstable_by_key(|(key, _)| *key);
        out
    }

    /// Each character's score for each tag, `len × tags`, from the feature keys of each
    /// character, `width` a character (key 0 stands for no feature).
    pub fn emissions(&self, features: &[u64], width: usize) -> Vec<f32> {
        let tags = self.tags;
        let len = features.len() / width.max(1);
        let mut out = vec![0.0; len * tags];
        for (scores, keys) in out.chunks_exact_mut(tags).zip(features.chunks_exact(width)) {
            for &key in keys {
                if let Some(slot) = self.slot(key) {
                    if tags <= LINE {
                        if let Some(line) = self.rows.get(slot) {
                            for (score, weight) in scores.iter_mut().zip(&line.0) {
                                *score += weight;
                            }
                        }
                    } else {
                        for (score, weight) in scores.iter_mut().zip(self.weights(slot)) {
                            *score += weight;
                        }
                    }
                }
            }
        }
        out
    }
}

/// The pairs of tags `(from, to)` that may follow each other, in order of `to`: the loops
/// of decoding go over these alone (61 of the 169 pairs for three labels).
fn pairs(tags: usize) -> Vec<(usize, usize)> {
    (0..tags)
        .flat_map(|to| (0..tags).map(move |from| (from, to)))
        .filter(|&(from, to)| allowed(Some(from), to))
        .collect()
}

/// The best tag sequence for `emissions` (`len × tags`) under `transitions`.
pub fn viterbi(emissions: &[f32], transitions: &[f32], tags: usize) -> Vec<usize> {
    let len = emissions.len() / tags;
    if len == 0 {
        return Vec::new();
    }
    let pairs = pairs(tags);
    let mut score = vec![f32::NEG_INFINITY; len * tags];
    let mut back = vec![0_u16; len * tags];
    for tag in (0..tags).filter(|&tag| allowed(None, tag)) {
        score[tag] = transitions[tags * tags + tag] + emissions[tag];
    }
    for at in 1..len {
        let (before, here) = score.split_at_mut(at * tags);
        let before = &before[(at - 1) * tags..];
        let here = &mut here[..tags];
        let back = &mut back[at * tags..(at + 1) * tags];
        for &(from, to) in &pairs {
            let s = before[from] + transitions[from * tags + to];
            if s > here[to] {
                here[to] = s;
                back[to] = u16::try_from(from).unwrap_or(0);
            }
        }
        for (s, e) in here.iter_mut().zip(&emissions[at * tags..(at + 1) * tags]) {
            *s += e;
        }
    }
    let last = &score[(len - 1) * tags..];
    let mut tag = (0..tags).fold(0, |best, t| {
        if may_end(t) && last[t] > last[best] {
            t
        } else {
            best
        }
    });
    let mut path = vec![0; len];
    for at in (0..len).rev() {
        path[at] = tag;
        tag = usize::from(back[at * tags + tag]);
    }
    path
}

/// How scores become probabilities: they are divided by `temperature` first. A perceptron's
/// scores are margins, not log-probabilities; the temperature that makes the confidences of
/// held-back sentences come true is fitted in training ([`super::calibrate`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// The temperature; 1 reads the scores as they are.
    pub temperature: f32,
}

/// Each character's probability of each tag (`len × tags`), by forward–backward over the
/// scores divided by `scale`'s temperature, read as log-potentials. Computed with
/// probabilities rescaled at each character (one `exp` per character and tag, none per pair).
pub fn marginals(emissions: &[f32], transitions: &[f32], tags: usize, scale: Scale) -> Vec<f32> {
    let len = emissions.len() / tags;
    if len == 0 {
        return Vec::new();
    }
    let t = scale.temperature.max(1e-6);
    let top = transitions
        .iter()
        .copied()
        .fold(f32::NEG_INFINITY, f32::max);
    let trans: Vec<f32> = (0..=tags)
        .flat_map(|from| (0..tags).map(move |to| (from, to)))
        .map(|(from, to)| {
            let from_tag = (from < tags).then_some(from);
            if allowed(from_tag, to) {
                ((transitions[from * tags + to] - top) / t).exp()
            } else {
                0.0
            }
        })
        .collect();
    let mut potential = vec![0.0_f32; len * tags];
    for (row, scores) in potential
        .chunks_exact_mut(tags)
        .zip(emissions.chunks_exact(tags))
    {
        let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        for (p, &s) in row.iter_mut().zip(scores) {
            *p = ((s - max) / t).exp();
        }
    }
    let normalize = |row: &mut [f32]| {
        let sum: f32 = row.iter().sum();
        if sum > 0.0 && sum.is_finite() {
            row.iter_mut().for_each(|p| *p /= sum);
        }
    };
    let mut alpha = vec![0.0_f32; len * tags];
    for tag in 0..tags {
        alpha[tag] = trans[tags * tags + tag] * potential[tag];
    }
    normalize(&mut alpha[..tags]);
    let pairs = pairs(tags);
    for at in 1..len {
        let (before, here) = alpha.split_at_mut(at * tags);
        let before = &before[(at - 1) * tags..];
        let here = &mut here[..tags];
        for &(from, to) in &pairs {
            here[to] += before[from] * trans[from * tags + to];
        }
        for (slot, p) in here.iter_mut().zip(&potential[at * tags..(at + 1) * tags]) {
            *slot *= p;
        }
        normalize(here);
    }
    let mut beta = vec![0.0_f32; len * tags];
    for tag in 0..tags {
        beta[(len - 1) * tags + tag] = if may_end(tag) { 1.0 } else { 0.0 };
    }
    for at in (0..len - 1).rev() {
        let (here, after) = beta.split_at_mut((at + 1) * tags);
        let after = &after[..tags];
        let next = &potential[(at + 1) * tags..(at + 2) * tags];
        let here = &mut here[at * tags..];
        for &(from, to) in &pairs {
            here[from] += trans[from * tags + to] * next[to] * after[to];
        }
        normalize(here);
    }
    let mut out: Vec<f32> = alpha.iter().zip(&beta).map(|(a, b)| a * b).collect();
    for row in out.chunks_exact_mut(tags) {
        normalize(row);
        for p in row.iter_mut() {
            *p = if p.is_finite() {
                p.clamp(0.0, 1.0)
            } else {
                0.0
            };
        }
    }
    out
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
    fn names_open_with_b_or_s_and_close_with_e_or_s() {
        // Label 0: B 1, I 2, E 3, S 4; label 1: B 5, I 6, E 7, S 8.
        assert!(allowed(None, 0) && allowed(None, 1) && allowed(None, 4));
        assert!(!allowed(None, 2) && !allowed(None, 3));
        assert!(allowed(Some(1), 2) && allowed(Some(1), 3) && allowed(Some(2), 3));
        assert!(!allowed(Some(1), 0), "a name begun must end");
        assert!(
            !allowed(Some(1), 5) && !allowed(Some(1), 7),
            "nor change its label"
        );
        assert!(allowed(Some(3), 0) && allowed(Some(4), 5) && allowed(Some(8), 4));
        assert!(!allowed(Some(3), 2) && !allowed(Some(0), 3));
        assert!(may_end(0) && may_end(3) && may_end(4) && !may_end(1) && !may_end(2));
        assert_eq!(tag_of(1, 4, 7, 4), 5);
        assert_eq!(tag_of(1, 4, 7, 5), 6);
        assert_eq!(tag_of(1, 4, 7, 6), 7);
        assert_eq!(tag_of(0, 2, 3, 2), 4);
        assert_eq!(
            spans(&[0, 1, 2, 3, 4, 0, 5, 7, 8]),
            [(0, 1, 4), (0, 4, 5), (1, 6, 8), (1, 8, 9)]
        );
    }

    #[test]
    fn viterbi_takes_the_best_allowed_path_and_marginals_sum_to_one() {
        // Five tags (O, B-X, I-X, E-X, S-X); the first character wants B-X, the second E-X,
        // the third O.
        let emissions = [
            0.0, 2.0, 0.0, 0.0, 0.0, //
            0.0, 0.0, 1.0, 3.0, 0.0, //
            1.0, 0.0, 0.0, 0.0, 0.0,
        ];
        let transitions = vec![0.0; 30];
        assert_eq!(viterbi(&emissions, &transitions, 5), [1, 3, 0]);
        let one = Scale { temperature: 1.0 };
        let m = marginals(&emissions, &transitions, 5, one);
        for at in 0..3 {
            let sum: f32 = m[at * 5..at * 5 + 5].iter().sum();
            assert!((sum - 1.0).abs() < 1e-4, "{sum}");
        }
        assert_eq!(m[2], 0.0, "I-X cannot start a sentence");
        assert_eq!(m[2 * 5 + 1], 0.0, "nor B-X end it");
        // One character can only be O or S-X: the softmax of those two scores.
        let alone = [0.0, 0.0, 0.0, 0.0, 1.0];
        let m = marginals(&alone, &transitions, 5, one);
        let s = 1.0_f32.exp() / (1.0 + 1.0_f32.exp());
        assert!((m[4] - s).abs() < 1e-5, "{}", m[4]);
        assert!((m[0] - (1.0 - s)).abs() < 1e-5, "{}", m[0]);
        let hot = marginals(&alone, &transitions, 5, Scale { temperature: 0.25 });
        let s = 4.0_f32.exp() / (1.0 + 4.0_f32.exp());
        assert!(
            (hot[4] - s).abs() < 1e-5,
            "a lower temperature is surer: {}",
            hot[4]
        );
    }

    #[test]
    fn the_table_finds_every_feature_and_nothing_else() {
        let rows: Vec<[f32; 5]> = (0..100).map(|n| [n as f32; 5]).collect();
        let features: Vec<(u64, &[f32])> = (0..100_u64)
            .map(|n| (n * 7919 + 1, rows[n as usize].as_slice()))
            .collect();
        let weights = Weights::new(5, &features, vec![0.0; 30]);
        assert_eq!(weights.len(), 100);
        for (key, row) in &features {
            assert_eq!(weights.row(*key).as_deref(), Some(*row));
        }
        assert_eq!(weights.row(0), None);
        assert_eq!(weights.row(2), None);
        let back: Vec<(u64, Vec<f32>)> = features.iter().map(|(k, r)| (*k, r.to_vec())).collect();
        assert_eq!(weights.features(), back);
        let wide_rows: Vec<Vec<f32>> = (0..3)
            .map(|n| (0..21).map(|t| (n * 100 + t) as f32).collect())
            .collect();
        let wide: Vec<(u64, &[f32])> = (0..3_u64)
            .map(|n| (n + 1, wide_rows[n as usize].as_slice()))
            .collect();
        let five_labels = Weights::new(21, &wide, vec![0.0; 22 * 21]);
        assert_eq!(
            five_labels.row(3).as_deref(),
            Some(wide_rows[2].as_slice()),
            "rows over two lines"
        );
        assert_eq!(five_labels.emissions(&[2], 1), wide_rows[1]);
        let emissions = weights.emissions(&[1, 0, 7920, 2], 2);
        assert_eq!(
            emissions,
            [0.0; 5]
                .iter()
                .chain(&[1.0; 5])
                .copied()
                .collect::<Vec<_>>()
        );
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
