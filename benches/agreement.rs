//! Agreement over 1 000 page pairs (budget < 2 s): two folders of the same pages, one with every
//! other suggestion accepted, the other one in three, compared as `copydesk agree` does —
//! reading both sides' pages and sidecars, matching, kappa. Made once before the timing.

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use copydesk::corpus::agreement::{Sides, agree, load_pairs};
use copydesk::suggest::load_dictionary;
use divan::counter::ItemsCount;

const PAGES: usize = 1000;

fn main() {
    load_dictionary();
    divan::main();
}

/// Folders A and B, made once.
fn folders() -> &'static (tempfile::TempDir, PathBuf, PathBuf) {
    static FOLDERS: OnceLock<(tempfile::TempDir, PathBuf, PathBuf)> = OnceLock::new();
    FOLDERS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("temporary folder: {err}"));
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        common::annotated_folder(&a, PAGES, 2);
        common::annotated_folder(&b, PAGES, 3);
        (dir, a, b)
    })
}

/// Reading 1 000 pairs and computing every figure and disagreement.
#[divan::bench(sample_count = 5)]
fn agree_1000_pairs(bencher: divan::Bencher) {
    let (_, a, b) = folders();
    let sides = Sides::Folders(a.clone(), b.clone());
    bencher.counter(ItemsCount::new(PAGES)).bench(|| {
        let (pairs, _) = load_pairs(&sides, false);
        agree(&pairs)
    });
}

/// The figures alone, the pages read already.
#[divan::bench(sample_count = 10)]
fn figures_only(bencher: divan::Bencher) {
    let (_, a, b) = folders();
    let (pairs, _) = load_pairs(&Sides::Folders(a.clone(), b.clone()), false);
    bencher
        .counter(ItemsCount::new(PAGES))
        .bench(|| agree(&pairs));
}
