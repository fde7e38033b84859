//! The folder library over 5 000 pages (budget: listed in under 1 s, memory under 300 MB): the
//! time to list the folder, and to read every sidecar and sum the folder's figures. The pages
//! are the bundled samples in turn, in 50 folders, each with a sidecar of its suggestions
//! (about 60 a page), half of them accepted; made once before the timing.

use std::path::PathBuf;
use std::sync::OnceLock;

mod common;

use copydesk::corpus::{self, FolderStats};
use copydesk::suggest::load_dictionary;
use divan::counter::ItemsCount;

const PAGES: usize = 5000;

#[expect(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]
fn main() {
    load_dictionary();
    let root = folder();
    let (pages, _) = corpus::scan(root, |_, _| {});
    let stats = FolderStats::of(&pages);
    println!(
        "{} pages, {} accepted annotations, {} suggestions",
        stats.pages, stats.accepted, stats.pending
    );
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status.lines().filter(|l| l.starts_with("VmHWM")) {
            println!("after a full scan: {line}");
        }
    }
    divan::main();
}

/// The folder of 5 000 pages and sidecars, made once.
fn folder() -> &'static std::path::Path {
    static FOLDER: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, root) = FOLDER.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("temporary folder: {err}"));
        let root = dir.path().join("pages");
        common::library_folder(&root, PAGES);
        (dir, root)
    });
    root
}

/// Listing the folder: what the library shows at once.
#[divan::bench(sample_count = 10)]
fn list(bencher: divan::Bencher) {
    let root = folder();
    bencher
        .counter(ItemsCount::new(PAGES))
        .bench(|| corpus::list(root));
}

/// Reading every sidecar and summing the figures: the counts complete.
#[divan::bench(sample_count = 5)]
fn scan_and_sum(bencher: divan::Bencher) {
    let root = folder();
    bencher.counter(ItemsCount::new(PAGES)).bench(|| {
        let (pages, _) = corpus::scan(root, |_, _| {});
        FolderStats::of(&pages)
    });
}
