//! Suggestion throughput on a multi-megabyte page built from the bundled samples: everything,
//! figures only, and one ordinary page. The page is segmented once, outside the timing.

mod common;

use common::big_page;
use copydesk::bulletin::segment;
use copydesk::samples;
use copydesk::suggest::{Options, load_dictionary, suggest};
use copydesk::text::{PageEncoding, Source};
use divan::counter::BytesCount;

fn main() {
    load_dictionary();
    divan::main();
}

fn bench_page(bencher: divan::Bencher, text: &str, options: Options) {
    let source = Source::from_text(text, PageEncoding::Utf8);
    let bulletin = segment(source.text());
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| suggest(divan::black_box(&source), &bulletin, &[], options));
}

#[divan::bench(args = [2 << 20], sample_count = 5, sample_size = 1)]
fn multi_megabyte_page(bencher: divan::Bencher, bytes: usize) {
    bench_page(bencher, &big_page(bytes), Options::default());
}

#[divan::bench(args = [2 << 20], sample_count = 5, sample_size = 1)]
fn multi_megabyte_page_metrics_only(bencher: divan::Bencher, bytes: usize) {
    let options = Options {
        metrics: true,
        entities: false,
    };
    bench_page(bencher, &big_page(bytes), options);
}

#[divan::bench(sample_count = 20)]
fn one_page(bencher: divan::Bencher) {
    let text = std::str::from_utf8(samples::DEFAULT.bytes).unwrap_or_default();
    bench_page(bencher, text, Options::default());
}
