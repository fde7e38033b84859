//! Exporting a folder of 1 000 pages in each format (budget: ≥ 500 pages/s for jsonl). The
//! pages are the bundled samples in turn, each with its suggestions accepted (about 60
//! annotations a page), made once before the timing; every run writes the whole export again
//! (`force`), so the files' atomic writes are timed too.

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use copydesk::annotation::sidecar;
use copydesk::formats::{ExportRequest, Format, UnitKind, export};
use copydesk::samples;
use copydesk::suggest::load_dictionary;
use divan::counter::ItemsCount;

fn main() {
    load_dictionary();
    divan::main();
}

const PAGES: usize = 1000;

/// The folder of pages and sidecars, and one to export into.
struct Folder {
    dir: tempfile::TempDir,
}

fn folder() -> &'static Folder {
    static FOLDER: OnceLock<Folder> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("temporary folder: {err}"));
        let pages = samples::ALL.map(|sample| common::suggested(&sample, 1));
        for n in 0..PAGES {
            let (text, ron) = &pages[n % pages.len()];
            let page = dir.path().join(format!("pages/{:02}/p{n:04}.txt", n / 100));
            if let Some(parent) = page.parent() {
                std::fs::create_dir_all(parent).unwrap_or_else(|err| panic!("{err}"));
            }
            std::fs::write(&page, text).unwrap_or_else(|err| panic!("{err}"));
            std::fs::write(sidecar::path_for(&page), ron).unwrap_or_else(|err| panic!("{err}"));
        }
        Folder { dir }
    })
}

#[divan::bench(
    args = ["jsonl", "conll", "brat", "label-studio", "csv-metrics", "corrected"],
    sample_count = 3,
    sample_size = 1
)]
fn folder_of_1000_pages(bencher: divan::Bencher, format: &str) {
    let folder = folder();
    let request = ExportRequest {
        paths: vec![folder.dir.path().join("pages")],
        format: Format::from_name(format).unwrap_or(Format::Jsonl),
        out: PathBuf::from(folder.dir.path()).join(format!("out-{format}")),
        unit: UnitKind::Item,
        include_suggested: false,
        force: true,
    };
    bencher
        .counter(ItemsCount::new(PAGES))
        .bench(|| export(&request, &mut |_| {}).unwrap_or_else(|err| panic!("{err}")));
}
