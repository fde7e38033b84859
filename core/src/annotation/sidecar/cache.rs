//! A cache of large sidecars already parsed, so that opening a page with thousands of
//! annotations does not wait for the RON parser again.
//!
//! The sidecar stays the one truth: a cached copy is keyed by the 128-bit hash of the
//! sidecar's exact bytes, so it can only ever stand for those bytes, and is used only when its
//! own checksum holds; anything else (no cache, a damaged or foreign file) falls back to
//! parsing the sidecar. Copies are JSON, which parses about three times faster than RON here,
//! cut into pieces parsed side by side, written after a save or a first open, on a thread of
//! their own. The cache lives in the
//! user's cache folder (`~/.cache/copydesk/sidecars` on Linux; `COPYDESK_CACHE_DIR` moves it)
//! and keeps the most recent [`KEEP`] copies; deleting it loses nothing.

use std::path::{Path, PathBuf};
use std::sync::RwLock;

use super::SidecarFile;

/// Sidecars smaller than this parse quickly enough and are not cached.
pub const MIN_BYTES: usize = 256 * 1024;

/// Pieces the annotations are cut into, to be parsed on as many threads.
const PIECES: usize = 2;

/// How many cached copies are kept (the oldest are removed beyond it).
const KEEP: usize = 64;

/// The first line of a cached copy: what it is, the hash of the sidecar bytes it stands for,
/// the hash of the JSON that follows.
const MAGIC: &str = "copydesk-sidecar-cache 1";

/// The folder chosen with [`set_folder`], if one was.
static CHOSEN: RwLock<Option<Option<PathBuf>>> = RwLock::new(None);

/// Puts this process's cache in `folder`, or turns it off with `None` (benchmarks measuring a
/// first open, tests that should leave the user's cache alone).
pub fn set_folder(folder: Option<PathBuf>) {
    if let Ok(mut chosen) = CHOSEN.write() {
        *chosen = Some(folder);
    }
}

/// The cache folder: the one set with [`set_folder`], else `COPYDESK_CACHE_DIR`, else the
/// user's cache folder; `None` if there is none.
fn folder() -> Option<PathBuf> {
    if let Ok(chosen) = CHOSEN.read()
        && let Some(folder) = chosen.as_ref()
    {
        return folder.clone();
    }
    match std::env::var_os("COPYDESK_CACHE_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::cache_dir().map(|dir| dir.join("copydesk").join("sidecars")),
    }
}

/// The hash naming the copy of a sidecar of these bytes.
fn key(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// The cached parse of a sidecar of exactly these bytes, if one is kept and intact.
pub fn lookup(bytes: &[u8]) -> Option<SidecarFile> {
    if bytes.len() < MIN_BYTES {
        return None;
    }
    lookup_in(&folder()?, bytes)
}

fn lookup_in(folder: &Path, bytes: &[u8]) -> Option<SidecarFile> {
    let key = key(bytes);
    let copy = std::fs::read(folder.join(format!("{key}.json"))).ok()?;
    let newline = copy.iter().position(|&b| b == b'\n')?;
    let (header, body) = (
        std::str::from_utf8(&copy[..newline]).ok()?,
        &copy[newline + 1..],
    );
    let mut fields = header.rsplitn(3, ' ');
    let body_hash = fields.next()?;
    let source_hash = fields.next()?;
    if fields.next()? != MAGIC || source_hash != key || body_hash != self::key(body) {
        return None;
    }
    // The file's fields on the first line, then its annotations in pieces, one a line,
    // parsed side by side.
    let mut lines = body.split(|&b| b == b'\n');
    let mut file: SidecarFile = serde_json::from_slice(lines.next()?).ok()?;
    let pieces: Vec<&[u8]> = lines.collect();
    file.annotations =
        super::read::parse_side_by_side(&pieces, |piece| serde_json::from_slice(piece).ok())?;
    Some(file)
}

/// Keeps a copy of `file`, parsed from `bytes`, on a thread of its own (the caller does not
/// wait for the disk). Failures only mean there will be no copy.
pub fn store_in_background(bytes: &[u8], file: SidecarFile) {
    if bytes.len() < MIN_BYTES {
        return;
    }
    let Some(folder) = folder() else { return };
    let key = key(bytes);
    // If no thread can be started, there is simply no copy.
    drop(
        std::thread::Builder::new()
            .name("sidecar cache".into())
            .spawn(move || store_in(&folder, &key, &file)),
    );
}

/// Writes the copy (to a temporary name, then renamed, so a reader never sees half of it) and
/// removes the oldest copies beyond [`KEEP`].
fn store_in(folder: &Path, key: &str, file: &SidecarFile) -> Option<()> {
    let fields = file.header();
    let mut json = serde_json::to_string(&fields).ok()?;
    let piece = file.annotations.len().div_ceil(PIECES).max(1);
    for annotations in file.annotations.chunks(piece) {
        json.push('\n');
        json.push_str(&serde_json::to_string(annotations).ok()?);
    }
    std::fs::create_dir_all(folder).ok()?;
    let text = format!("{MAGIC} {key} {}\n{json}", self::key(json.as_bytes()));
    let temporary = folder.join(format!("{key}.json.tmp-{}", std::process::id()));
    std::fs::write(&temporary, text).ok()?;
    if std::fs::rename(&temporary, folder.join(format!("{key}.json"))).is_err() {
        let _removed = std::fs::remove_file(&temporary);
        return None;
    }
    prune(folder);
    Some(())
}

/// Removes the least recently written copies beyond [`KEEP`].
fn prune(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut copies: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "json"))
        .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
        .collect();
    if copies.len() <= KEEP {
        return;
    }
    copies.sort();
    for (_, path) in &copies[..copies.len() - KEEP] {
        let _removed = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::model::{Annotation, Origin};
    use crate::text::{PageEncoding, Source, Span};

    fn sidecar() -> SidecarFile {
        let source = Source::from_text("新区今年完成投资12.5亿元,林晓舟说。", PageEncoding::Utf8);
        let annotation = Annotation::new(&source, "PER", Span::new(15, 18), Origin::Manual, "t");
        SidecarFile::new("a.txt", &source, vec![annotation])
    }

    #[test]
    fn a_copy_stands_only_for_the_exact_bytes_it_was_made_from() {
        let dir = tempfile::tempdir().unwrap();
        let file = sidecar();
        let bytes = b"the sidecar's bytes".as_slice();
        assert_eq!(lookup_in(dir.path(), bytes), None);
        store_in(dir.path(), &key(bytes), &file).unwrap();
        assert_eq!(lookup_in(dir.path(), bytes), Some(file));
        assert_eq!(lookup_in(dir.path(), b"other bytes"), None);
    }

    #[test]
    fn annotations_in_several_pieces_come_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = sidecar();
        let source = Source::from_text("甲乙丙丁戊己庚辛".repeat(10), PageEncoding::Utf8);
        file.annotations = (0..7)
            .map(|n| Annotation::new(&source, "LOC", Span::new(n, n + 2), Origin::Manual, "t"))
            .collect();
        let bytes = b"seven annotations".as_slice();
        store_in(dir.path(), &key(bytes), &file).unwrap();
        let text =
            std::fs::read_to_string(dir.path().join(format!("{}.json", key(bytes)))).unwrap();
        assert_eq!(text.lines().count(), 2 + PIECES, "header, fields, pieces");
        assert_eq!(lookup_in(dir.path(), bytes), Some(file));
    }

    #[test]
    fn a_damaged_copy_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = b"the sidecar's bytes".as_slice();
        store_in(dir.path(), &key(bytes), &sidecar()).unwrap();
        let path = dir.path().join(format!("{}.json", key(bytes)));
        let text = std::fs::read_to_string(&path).unwrap();
        // A label changed on disk: still valid JSON, but not what was written.
        std::fs::write(&path, text.replace("\"PER\"", "\"LOC\"")).unwrap();
        assert_eq!(lookup_in(dir.path(), bytes), None);
        std::fs::write(&path, "copydesk-sidecar-cache 1 x y\n{").unwrap();
        assert_eq!(lookup_in(dir.path(), bytes), None);
    }

    #[test]
    fn only_the_most_recent_copies_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = sidecar();
        for n in 0..KEEP + 3 {
            store_in(dir.path(), &key(format!("sidecar {n}").as_bytes()), &file).unwrap();
        }
        let left = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(left, KEEP);
    }
}
