//! Loading and saving a sidecar with 20 000 annotations on a 2 MB page (budget: < 50 ms each),
//! opening the page with it, and re-anchoring them all after an edit at the top of the page.

mod common;

use std::path::{Path, PathBuf};

use copydesk::annotation::anchor::reanchor;
use copydesk::annotation::sidecar;
use copydesk::annotation::{Document, SaveJob};
use copydesk::text::{PageEncoding, Source};

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
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("temporary folder: {err}"));
    let page = common::annotated_page(dir.path(), ANNOTATIONS, &["PER"]);
    let text = std::fs::read_to_string(&page).unwrap_or_else(|err| panic!("{err}"));
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
    let page = Source::from_text(fixture.text, PageEncoding::Utf8);
    bencher.bench(|| {
        let bytes = std::fs::read(&path).unwrap_or_default();
        sidecar::parse(&path, &bytes, &page).map(|file| file.annotations.len())
    });
}

#[divan::bench(sample_count = 20)]
fn save_20k_sidecar(bencher: divan::Bencher) {
    let fixture = fixture();
    let document = Document::open(&fixture.page).unwrap_or_else(|err| panic!("{err}"));
    let path = sidecar_of(&fixture.page);
    let original = std::fs::read(&path).unwrap_or_default();
    // The whole save as the app's save thread runs it: the lock, the look at the disk, the
    // write and the backup. The sidecar is put back before each, so no merge is needed.
    bencher
        .with_inputs(|| {
            std::fs::write(&path, &original).unwrap_or_else(|err| panic!("{err}"));
            document
                .prepare_save()
                .unwrap_or_else(|err| panic!("{err}"))
        })
        .bench_values(SaveJob::run);
}

/// Opening the page: the page read and segmented, the sidecar parsed and checked.
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

#[divan::bench(sample_count = 10)]
fn reanchor_20k_after_a_name_replaced_everywhere(bencher: divan::Bencher) {
    let fixture = fixture();
    let document = Document::open(&fixture.page).unwrap_or_else(|err| panic!("{err}"));
    // The sample's district, in every story of the 2 MB page: the annotations on it change
    // their quote, those next to it their context.
    let edited = Source::from_text(fixture.text.replace("澄江区", "澄江县"), PageEncoding::Utf8);
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
