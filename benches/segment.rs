//! Segmentation throughput on a multi-megabyte page (budget: at least 100 MB/s), and on one
//! ordinary page.

mod common;

use common::big_page;
use copydesk::bulletin::segment;
use copydesk::samples;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

#[divan::bench(args = [4 << 20])]
fn multi_megabyte_page(bencher: divan::Bencher, bytes: usize) {
    let text = big_page(bytes);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| segment(divan::black_box(&text)));
}

#[divan::bench]
fn one_page(bencher: divan::Bencher) {
    let text = std::str::from_utf8(samples::DEFAULT.bytes).unwrap_or_default();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| segment(divan::black_box(text)));
}
