//! Proofreading throughput: every check on a 2 MB page (budget: at least 50 MB/s), and on
//! one ordinary page. The bundled samples, repeated, are full of half-width commas, so the
//! big page carries tens of thousands of marks: the checks' worst case, not their best.

mod common;

use common::big_page;
use copydesk::bulletin::segment;
use copydesk::proof::{ProofSettings, check_page};
use copydesk::samples;
use copydesk::text::{PageEncoding, Source};
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

#[divan::bench(args = [2 << 20])]
fn two_megabyte_page(bencher: divan::Bencher, bytes: usize) {
    let source = Source::from_text(big_page(bytes), PageEncoding::Utf8);
    let bulletin = segment(source.text());
    let settings = ProofSettings::default();
    bencher
        .counter(BytesCount::of_str(source.text()))
        .bench(|| check_page(divan::black_box(&source), &bulletin, &settings));
}

#[divan::bench]
fn one_page(bencher: divan::Bencher) {
    let text = std::str::from_utf8(samples::DEFAULT.bytes).unwrap_or_default();
    let source = Source::from_text(text, PageEncoding::Utf8);
    let bulletin = segment(source.text());
    let settings = ProofSettings::default();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| check_page(divan::black_box(&source), &bulletin, &settings));
}
