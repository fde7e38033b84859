//! Loading and saving a sidecar with 20 000 annotations on a 2 MB page (budget: < 50 ms each),
//! and re-anchoring them all after an edit at the top of the page.

use std::path::{Path, PathBuf};

use copydesk::annotation::anchor::reanchor;
use copydesk::annotation::sidecar;
use copydesk::annotation::{Annotation, Command, Document, Origin};
use copydesk::samples;
use copydesk::text::{PageEncoding, Source, Span};

fn main() {
    divan::main();
}

const ANNOTATIONS: usize = 20_000;

/// A 2 MB page in a temporary folder, with a sidecar of 20 000 annotations.
struct Fixture {
    _dir: tempfile::TempDir,
    page: PathBuf,
    text: String,
}

fn fixture() -> Fixture {
    let sample = std::str::from_utf8(samples::DEFAULT.bytes).unwrap_or_default();
    let mut text = String::new();
    while text.len() < 2 << 20 {
        text.push_str(sample);
        text.push_str("\n\n");
    }
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("temporary folder: {err}"));
    let page = dir.path().join("big.txt");
    std::fs::write(&page, &text).unwrap_or_else(|err| panic!("write page: {err}"));
    let mut document = Document::open(&page).unwrap_or_else(|err| panic!("{err}"));
    let chars = document.source().char_len();
    let step = chars / ANNOTATIONS;
    let commands = (0..ANNOTATIONS)
        .map(|n| {
            let start = n * step;
            let span = Span::new(start, start + 2 + n % 5);
            Command::Add(Annotation::new(
                document.source(),
                "PER",
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
    Fixture {
        _dir: dir,
        page,
        text,
    }
}

fn sidecar_of(page: &Path) -> PathBuf {
    sidecar::path_for(page)
}

#[divan::bench(sample_count = 20)]
fn load_20k_sidecar(bencher: divan::Bencher) {
    let fixture = fixture();
    let path = sidecar_of(&fixture.page);
    let fingerprint = copydesk::text::fingerprint(&fixture.text);
    bencher.bench(|| {
        let bytes = std::fs::read(&path).unwrap_or_default();
        sidecar::parse(&path, &bytes, &fingerprint).map(|file| file.annotations.len())
    });
}

#[divan::bench(sample_count = 20)]
fn save_20k_sidecar(bencher: divan::Bencher) {
    let fixture = fixture();
    let document = Document::open(&fixture.page).unwrap_or_else(|err| panic!("{err}"));
    let path = sidecar_of(&fixture.page);
    bencher.bench(|| {
        let text = sidecar::to_ron(&document.to_sidecar()).unwrap_or_default();
        sidecar::write_atomic(&path, text.as_bytes())
    });
}

#[divan::bench(sample_count = 20)]
fn open_page_with_20k_annotations(bencher: divan::Bencher) {
    let fixture = fixture();
    bencher.bench(|| Document::open(&fixture.page).map(|d| d.annotations().len()));
}

#[divan::bench(sample_count = 10)]
fn reanchor_20k_after_an_insertion(bencher: divan::Bencher) {
    let fixture = fixture();
    let document = Document::open(&fixture.page).unwrap_or_else(|err| panic!("{err}"));
    let edited = Source::from_text(
        format!("插入的一段。\n\n{}", fixture.text),
        PageEncoding::Utf8,
    );
    bencher
        .with_inputs(|| document.annotations().to_vec())
        .bench_values(|mut annotations| reanchor(&edited, &mut annotations));
}

#[divan::bench(sample_count = 20)]
fn serialize_20k_only(bencher: divan::Bencher) {
    let fixture = fixture();
    let document = Document::open(&fixture.page).unwrap_or_else(|err| panic!("{err}"));
    let file = document.to_sidecar();
    bencher.bench(|| sidecar::to_ron(&file).map(|t| t.len()));
}
