//! The model file (`.copydesk/model.bin`): zstd-compressed; inside, a first line naming the
//! format, a JSON line with its version, labels, sizes and what the model was trained on,
//! then the weights as little-endian numbers — the transitions, then per feature its key
//! (`u64`) and one `f32` per tag, features in key order.
//!
//! Version 1. The reader trusts nothing: a wrong format, a newer version, sizes that do not
//! add up, a truncated file or one that inflates past [`MAX_INFLATED`] are errors naming the
//! file, never a panic. The weights are binary because a JSON number per weight made the file
//! four times larger and slow to read.

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::perceptron::{KeyMap, Weights};
use super::{Model, Trained};
use crate::annotation::sidecar;

/// The first line of every model file, and the `format` of its header.
pub const FORMAT: &str = "copydesk-model";
/// The version this build writes and the newest it reads.
pub const VERSION: u32 = 1;
/// The most a model file may inflate to (a guard against a hostile file).
pub const MAX_INFLATED: u64 = 1 << 30;

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
            features: weights.index.len(),
            trained: self.trained.clone(),
            names: self.lexicon.entries(),
        };
        let mut plain = Vec::with_capacity(weights.rows.len() * 6 + 4096);
        plain.extend_from_slice(FORMAT.as_bytes());
        plain.push(b'\n');
        serde_json::to_writer(&mut plain, &header).map_err(io::Error::other)?;
        plain.push(b'\n');
        for weight in &weights.transitions {
            plain.extend_from_slice(&weight.to_le_bytes());
        }
        let mut keys: Vec<(u64, u32)> = weights.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        for (key, row) in keys {
            plain.extend_from_slice(&key.to_le_bytes());
            let start = row as usize * weights.tags;
            for weight in weights.rows.get(start..start + weights.tags).unwrap_or(&[]) {
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
        let header: Header = serde_json::from_slice(lines.next().unwrap_or_default())
            .map_err(|err| format!("the model's header cannot be read: {err}"))?;
        if header.format != FORMAT {
            return Err(format!("format {:?} is not {FORMAT:?}", header.format));
        }
        if header.version > VERSION {
            return Err(format!(
                "model version {} is newer than this copydesk reads ({VERSION}); update copydesk",
                header.version
            ));
        }
        let tags = header.tags;
        if tags != 1 + 2 * header.labels.len() {
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
        let mut index = KeyMap::default();
        let mut rows = Vec::with_capacity(header.features * tags);
        for (n, record) in rest.chunks_exact(8 + 4 * tags).enumerate() {
            let mut key = [0; 8];
            key.copy_from_slice(&record[..8]);
            let row = u32::try_from(n).map_err(|_| "too many features".to_owned())?;
            if index.insert(u64::from_le_bytes(key), row).is_some() {
                return Err("a feature is listed twice".to_owned());
            }
            rows.extend(record[8..].chunks_exact(4).map(float));
        }
        if rows.iter().chain(&transitions).any(|w| !w.is_finite()) {
            return Err("a weight is not a finite number".to_owned());
        }
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
            weights: Weights {
                tags,
                index,
                rows,
                transitions,
            },
            trained: header.trained,
        })
    }
}
