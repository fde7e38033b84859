//! Fixtures shared by the benchmarks: big pages and many annotations.

#![allow(dead_code, reason = "each benchmark uses a different part")]

use std::path::{Path, PathBuf};

use copydesk::annotation::{Annotation, Command, Document, Origin, Status, sidecar};
use copydesk::samples;
use copydesk::suggest::{Options, new_suggestions};
use copydesk::text::{Source, Span};

/// The bundled samples repeated to at least `bytes` bytes.
pub fn big_page(bytes: usize) -> String {
    let pages: Vec<&str> = samples::ALL
        .iter()
        .filter_map(|sample| std::str::from_utf8(sample.bytes).ok())
        .collect();
    let mut text = String::with_capacity(bytes + 8192);
    while text.len() < bytes {
        for page in &pages {
            text.push_str(page);
            text.push_str("\n\n");
        }
    }
    text
}

/// A 2 MB page written to `dir`, with a saved sidecar of `count` annotations spread evenly
/// over it (short ranges of text, labels taken in turn from `labels`).
pub fn annotated_page(dir: &Path, count: usize, labels: &[&str]) -> PathBuf {
    let page = dir.join("big.txt");
    std::fs::write(&page, big_page(2 << 20)).unwrap_or_else(|err| panic!("write page: {err}"));
    let mut document = Document::open(&page).unwrap_or_else(|err| panic!("{err}"));
    let source = document.source();
    let chars = source.char_len();
    let step = chars / count;
    let commands = (0..count)
        .map(|n| {
            let len = 2 + n % 5;
            // Start on text, not on the blank lines between paragraphs.
            let start = (n * step..chars - len)
                .find(|&start| {
                    !source
                        .slice(Span::new(start, start + len))
                        .trim()
                        .is_empty()
                })
                .unwrap_or(n * step);
            let label = labels[n % labels.len()];
            let span = Span::new(start, start + len);
            Command::Add(Annotation::new(
                source,
                label,
                span,
                Origin::Manual,
                "bench",
            ))
        })
        .collect();
    document
        .apply(Command::Batch(commands))
        .unwrap_or_else(|err| panic!("{err}"));
    document.save().unwrap_or_else(|err| panic!("{err}"));
    page
}

/// A sample page and its sidecar of suggestions (about 60), one in `every` accepted.
pub fn suggested(sample: &samples::Sample, every: usize) -> (Vec<u8>, String) {
    let source = Source::from_bytes(sample.bytes).unwrap_or_else(|err| panic!("{err}"));
    let mut document = Document::unsaved(sample.name, source);
    let commands = new_suggestions(&document, Options::default())
        .into_iter()
        .enumerate()
        .map(|(n, mut annotation)| {
            if n % every == 0 {
                annotation.status = Status::Accepted;
            }
            Command::Add(annotation)
        })
        .collect();
    document
        .apply(Command::Batch(commands))
        .unwrap_or_else(|err| panic!("{err}"));
    let ron = sidecar::to_ron(&document.to_sidecar()).unwrap_or_else(|err| panic!("{err}"));
    (sample.bytes.to_vec(), ron)
}

/// A folder `root` of `count` pages, the samples in turn, a hundred to a subfolder, each with
/// a sidecar of its suggestions, every other one accepted. Call `load_dictionary` first.
pub fn library_folder(root: &Path, count: usize) {
    annotated_folder(root, count, 2);
}

/// [`library_folder`] with one suggestion in `every` accepted.
pub fn annotated_folder(root: &Path, count: usize, every: usize) {
    let pages = samples::ALL.map(|sample| suggested(&sample, every));
    for n in 0..count {
        let (text, ron) = &pages[n % pages.len()];
        let page = root.join(format!("{:02}/p{n:04}.txt", n / 100));
        if let Some(parent) = page.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|err| panic!("{err}"));
        }
        std::fs::write(&page, text).unwrap_or_else(|err| panic!("{err}"));
        std::fs::write(sidecar::path_for(&page), ron).unwrap_or_else(|err| panic!("{err}"));
    }
}
