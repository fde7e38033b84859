//! Segmentation throughput on a multi-megabyte page (budget: at least 100 MB/s), and on one
//! ordinary page.

use copydesk::bulletin::segment;
use copydesk::samples;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

/// The bundled samples repeated to about `bytes` bytes.
fn big_page(bytes: usize) -> String {
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
