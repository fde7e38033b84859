//! Fixtures shared by the benchmarks: big pages and many annotations.

#![allow(dead_code, reason = "each benchmark uses a different part")]

use std::path::{Path, PathBuf};

use copydesk::annotation::{Annotation, Command, Document, Origin};
use copydesk::samples;
use copydesk::text::Span;

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
