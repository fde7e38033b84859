//! The model file (`.copydesk/model.bin`): zstd-compressed; inside, a first line naming the
//! format, a JSON line with its version, labels, sizes and what the model was trained on,
//! then the weights as little-endian numbers — the transitions, then per feature its key
//! (`u64`) and one `f32` per tag, features in key order.
//!
//! Version 2: BIOES tags (four per label) and the temperature of the confidences in the
//! header. Version 1 files (BIO tags, two per label, no temperature) are refused with a
//! message asking to train again: a folder's model is rebuilt from its pages in seconds. The
//! reader trusts nothing: a wrong format, a newer version, sizes that do not
//! add up, a truncated file or one that inflates past [`MAX_INFLATED`] are errors naming the
//! file, never a panic. The weights are binary because a JSON number per weight made the file
//! four times larger and slow to read.

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::perceptron::{self, Scale, Weights};
use super::{Model, Trained};
use crate::annotation::sidecar;

/// The first line of every model file, and the `format` of its header.
pub const FORMAT: &str = "copydesk-model";
/// The version this build writes and the newest it reads.
pub const VERSION: u32 = 2;
/// The most a model file may inflate to (a guard against a hostile file).
pub const MAX_INFLATED: u64 = 1 << 30;

/// The first fields of the JSON line, read first so that an old or newer file is named as
/// such before the rest of its header is read.
#[derive(Deserialize)]
struct Version {
    format: String,
    version: u32,
}

/// The JSON line after the first.
#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    kind: String,
    labels: Vec<String>,
    tags: usize,
    features: usize,
    trained: Trained,
    /// Scores are divided by it before they are read as probabilities.
    temperature: f32,
    /// The names seen in training, with their label's index.
    #[serde(default)]
    names: Vec<(String, usize)>,
}

/// A model file that could not be read or written.
#[derive(Debug)]
pub struct ModelError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong.
    pub problem: String,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.problem)
    }
}

impl std::error::Error for ModelError {}

impl Model {
    /// The file's bytes.
    pub fn to_bytes(&self) -> io::Result<Vec<u8>> {
        let weights = &self.weights;
        let header = Header {
            format: FORMAT.to_owned(),
            version: VERSION,
            kind: super::NAME.to_owned(),
            labels: self.labels.clone(),
            tags: weights.tags,
            features: weights.len(),
            trained: self.trained.clone(),
            temperature: self.scale.temperature,
            names: self.lexicon.entries(),
        };
        let mut plain = Vec::with_capacity(weights.len() * (8 + 4 * weights.tags) + 4096);
        plain.extend_from_slice(FORMAT.as_bytes());
        plain.push(b'\n');
        serde_json::to_writer(&mut plain, &header).map_err(io::Error::other)?;
        plain.push(b'\n');
        for weight in &weights.transitions {
            plain.extend_from_slice(&weight.to_le_bytes());
        }
        for (key, row) in weights.features() {
            plain.extend_from_slice(&key.to_le_bytes());
            for weight in row {
                plain.extend_from_slice(&weight.to_le_bytes());
            }
        }
        zstd::encode_all(plain.as_slice(), 9)
    }

    /// Writes the model to `path` atomically (a temporary file beside it, renamed into place),
    /// making its folder if needed.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        let error = |err: io::Error| ModelError {
            path: path.to_owned(),
            problem: format!("cannot write the model: {err}"),
        };
        let bytes = self.to_bytes().map_err(error)?;
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(error)?;
        }
        sidecar::stage(path, &bytes)
            .and_then(sidecar::Staged::install)
            .map_err(error)
    }

    /// Reads the model at `path`.
    pub fn load(path: &Path) -> Result<Self, ModelError> {
        let bytes = std::fs::read(path).map_err(|err| ModelError {
            path: path.to_owned(),
            problem: format!("cannot read the model: {err}"),
        })?;
        Self::from_bytes(&bytes).map_err(|problem| ModelError {
            path: path.to_owned(),
            problem,
        })
    }

    /// Reads a model from a file's bytes; the error says what is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let mut plain = Vec::new();
        zstd::Decoder::new(bytes)
            .and_then(|decoder| decoder.take(MAX_INFLATED + 1).read_to_end(&mut plain))
            .map_err(|err| format!("not a copydesk model (cannot inflate: {err})"))?;
        if plain.len() as u64 > MAX_INFLATED {
            return Err("the model is too large".to_owned());
        }
        let mut lines = plain.splitn(3, |&b| b == b'\n');
        if lines.next() != Some(FORMAT.as_bytes()) {
            return Err("not a copydesk model".to_owned());
        }
        let line = lines.next().unwrap_or_default();
        let version: Version = serde_json::from_slice(line)
            .map_err(|err| format!("the model's header cannot be read: {err}"))?;
        if version.format != FORMAT {
            return Err(format!("format {:?} is not {FORMAT:?}", version.format));
        }
        if version.version > VERSION {
            return Err(format!(
                "model version {} is newer than this copydesk reads ({VERSION}); update copydesk",
                version.version
            ));
        }
        if version.version < VERSION {
            return Err(format!(
                "model version {} was written by an older copydesk (its tags and confidences \
                 are read differently now); train it again (copydesk train, or Edit → Train \
                 model now)",
                version.version
            ));
        }
        let header: Header = serde_json::from_slice(line)
            .map_err(|err| format!("the model's header cannot be read: {err}"))?;
        let tags = header.tags;
        if tags != perceptron::tag_count(header.labels.len()) {
            return Err(format!(
                "{} tags do not fit {} labels",
                tags,
                header.labels.len()
            ));
        }
        let body = lines.next().unwrap_or_default();
        let transitions_len = (tags + 1) * tags;
        let expected = header
            .features
            .checked_mul(8 + 4 * tags)
            .and_then(|n| n.checked_add(4 * transitions_len));
        if expected != Some(body.len()) {
            return Err(format!(
                "the weights are {} bytes, not the {} the header announces (a cut-off file?)",
                body.len(),
                expected.map_or_else(|| "impossibly many".to_owned(), |n| n.to_string())
            ));
        }
        let float = |chunk: &[u8]| f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        let (head, rest) = body.split_at(4 * transitions_len);
        let transitions: Vec<f32> = head.chunks_exact(4).map(float).collect();
        let mut keys = Vec::with_capacity(header.features);
        let mut rows = Vec::with_capacity(header.features * tags);
        for record in rest.chunks_exact(8 + 4 * tags) {
            let mut key = [0; 8];
            key.copy_from_slice(&record[..8]);
            let key = u64::from_le_bytes(key);
            // Written in key order: a key not above the one before is a repeat, or no key.
            if keys.last().is_some_and(|&last| key <= last) || key == 0 {
                return Err("a feature is listed twice or out of order".to_owned());
            }
            keys.push(key);
            rows.extend(record[8..].chunks_exact(4).map(float));
        }
        if rows.iter().chain(&transitions).any(|w| !w.is_finite()) {
            return Err("a weight is not a finite number".to_owned());
        }
        if !(header.temperature.is_finite() && header.temperature > 0.0) {
            return Err("the temperature is not a positive number".to_owned());
        }
        let features: Vec<(u64, &[f32])> = keys
            .iter()
            .copied()
            .zip(rows.chunks_exact(tags.max(1)))
            .collect();
        if header
            .names
            .iter()
            .any(|(_, label)| *label >= header.labels.len())
        {
            return Err("a known name has a label the model does not have".to_owned());
        }
        Ok(Self {
            lexicon: super::lexicon::Lexicon::from_entries(header.names),
            labels: header.labels,
            weights: Weights::new(tags, &features, transitions),
            scale: Scale {
                temperature: header.temperature,
            },
            trained: header.trained,
        })
    }
}
