//! The folder's model (budgets from issue 17): training on 5 000 sentences (< 30 s on two
//! cores), tagging a page (≥ 2 MB/s, rules and features included), and the model file's size
//! (≤ 20 MB, printed before the timings). The sentences are the first 5 000 of
//! `../shared/corpora/ner-train.bio` when it is there (never copied into the repository);
//! otherwise 5 000 invented ones of the same length.

mod common;

use std::sync::OnceLock;

use common::big_page;
use copydesk::bulletin::segment;
use copydesk::suggest::load_dictionary;
use copydesk::suggest::model::{self, Entity, Example, Model, Sentence, TrainOptions, invented};
use copydesk::text::{PageEncoding, Source};
use divan::counter::BytesCount;

const SENTENCES: usize = 5000;

fn main() {
    load_dictionary();
    let bytes = trained().to_bytes().unwrap_or_default().len();
    #[expect(clippy::print_stderr, reason = "the benchmark reports the file size")]
    {
        eprintln!(
            "model file: {:.2} MB ({} features) trained on {} sentences of {}",
            bytes as f64 / 1e6,
            trained().features(),
            SENTENCES,
            corpus().1
        );
    }
    divan::main();
}

/// Sentences of a CoNLL file in IOB2, a character and its tag a line.
fn read_bio(text: &str) -> Vec<Example> {
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let mut chars = String::new();
        let mut entities: Vec<Entity> = Vec::new();
        for (at, line) in block.lines().filter(|l| !l.is_empty()).enumerate() {
            let (c, tag) = line.split_once(['\t', ' ']).unwrap_or((line, "O"));
            chars.push_str(c);
            match tag.split_once('-') {
                Some(("B", label)) => entities.push(Entity {
                    label: label.to_owned(),
                    start: at,
                    end: at + 1,
                }),
                Some(("I", _)) => {
                    if let Some(last) = entities.last_mut().filter(|e| e.end == at) {
                        last.end = at + 1;
                    }
                }
                _ => {}
            }
        }
        if !chars.is_empty() {
            out.push(Example {
                sentence: Sentence::bare(&chars),
                entities,
            });
        }
    }
    out
}

/// The training sentences and where they came from.
fn corpus() -> &'static (Vec<Example>, &'static str) {
    static CORPUS: OnceLock<(Vec<Example>, &'static str)> = OnceLock::new();
    CORPUS.get_or_init(
        || match std::fs::read_to_string("../shared/corpora/ner-train.bio") {
            Ok(text) => {
                let mut examples = read_bio(&text);
                examples.truncate(SENTENCES);
                (examples, "ner-train.bio")
            }
            Err(_) => (invented::sentences(SENTENCES, 1), "the invented corpus"),
        },
    )
}

fn labels() -> Vec<String> {
    ["PER", "LOC", "ORG"].map(str::to_owned).to_vec()
}

/// What `copydesk train` and the app use: the tenth held back and the temperature fitted
/// on it included.
fn options() -> TrainOptions {
    TrainOptions::default()
}

/// The model trained once, for tagging and its size.
fn trained() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        model::train(&corpus().0, &labels(), &options())
            .unwrap_or_else(|err| panic!("training: {err}"))
    })
}

/// Training on 5 000 sentences (features, the held-back tenth and the temperature included).
#[divan::bench(sample_count = 2, sample_size = 1)]
fn train_5000_sentences(bencher: divan::Bencher) {
    let examples = &corpus().0;
    bencher.bench(|| model::train(divan::black_box(examples), &labels(), &options()));
}

/// Tagging a 1 MB page built from the bundled samples: sentences, the rules' clues, features,
/// Viterbi and confidences, on up to four threads. The page is segmented outside the timing.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn tag_a_megabyte_page(bencher: divan::Bencher) {
    let text = big_page(1 << 20);
    let source = Source::from_text(&text, PageEncoding::Utf8);
    let bulletin = segment(source.text());
    let model = trained();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| model.tag_page(divan::black_box(&source), &bulletin));
}

/// Writing the model file's bytes (compression included).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn model_file_bytes(bencher: divan::Bencher) {
    let model = trained();
    bencher.bench(|| model.to_bytes());
}
