//! The model on the invented corpus: it learns, it is deterministic, its file round trips,
//! and its suggestions leave people's annotations alone.

use super::*;
use crate::annotation::{Annotation, Command, Document, Origin, Status, sidecar};

fn labels() -> Vec<String> {
    ["PER", "LOC", "ORG"].map(str::to_owned).to_vec()
}

fn quick() -> TrainOptions {
    TrainOptions {
        epochs: 4,
        ..TrainOptions::default()
    }
}

#[test]
fn learns_the_invented_corpus_and_scores_sentences_it_did_not_see() {
    let model = train(&invented::sentences(300, 1), &labels(), &quick()).unwrap();
    let scores = evaluate(&model, &invented::sentences(100, 2));
    assert_eq!(scores.sentences, 100);
    assert!(scores.micro.f1() > 0.95, "{scores:?}");
    let trained = model.trained();
    assert_eq!(trained.sentences, 300);
    assert_eq!(
        trained.annotations,
        invented::sentences(300, 1)
            .iter()
            .map(|e| e.entities.len())
            .sum::<usize>()
    );
    let (f1, held) = trained.held_back.unwrap();
    assert_eq!(held, 30);
    assert!(f1 > 0.9, "{f1}");
}

#[test]
fn the_same_corpus_and_seed_give_the_same_model_byte_for_byte() {
    let examples = invented::sentences(120, 3);
    let a = train(&examples, &labels(), &quick()).unwrap();
    let b = train(&examples, &labels(), &quick()).unwrap();
    assert_eq!(a.to_bytes().unwrap(), b.to_bytes().unwrap());
    assert_eq!(a, b);
    let other_seed = TrainOptions {
        seed: 99,
        ..quick()
    };
    let c = train(&examples, &labels(), &other_seed).unwrap();
    assert_eq!(c.trained().seed, 99);
    assert_eq!(
        train(&[], &labels(), &quick()),
        Err(NothingToLearn),
        "nothing to learn from"
    );
}

#[test]
fn the_model_file_round_trips_and_bad_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let model = train(&invented::sentences(80, 4), &labels(), &quick()).unwrap();
    let path = model_path(dir.path());
    model.save(&path).unwrap();
    assert!(path.ends_with(".copydesk/model.bin"));
    let read = Model::load(&path).unwrap();
    assert_eq!(read, model);
    assert_eq!(read.labels(), labels().as_slice());
    let sentence = Sentence::bare("林晓舟来到青禾县调研春耕生产。");
    assert_eq!(read.tag_sentence(&sentence), model.tag_sentence(&sentence));

    let bytes = std::fs::read(&path).unwrap();
    let cut = Model::from_bytes(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(
        cut.starts_with("not a copydesk model (cannot inflate"),
        "{cut}"
    );
    assert_eq!(
        Model::from_bytes(b"hello").unwrap_err().split(" (").next(),
        Some("not a copydesk model")
    );
    let plain = zstd::decode_all(bytes.as_slice()).unwrap();
    let version = |n: u32| {
        let text = String::from_utf8_lossy(&plain).replacen(
            "\"version\":2",
            &format!("\"version\":{n}"),
            1,
        );
        zstd::encode_all(text.as_bytes(), 1).unwrap()
    };
    // The weights are not UTF-8: rebuilding from the lossy text changes their length too,
    // but the version is checked first.
    assert_eq!(
        Model::from_bytes(&version(7)).unwrap_err(),
        "model version 7 is newer than this copydesk reads (2); update copydesk"
    );
    assert_eq!(
        Model::from_bytes(&version(1)).unwrap_err(),
        "model version 1 was written by an older copydesk (its tags and confidences are read \
         differently now); train it again (copydesk train, or Edit → Train model now)"
    );
    let mut short = plain.clone();
    short.truncate(plain.len() - 3);
    assert!(
        Model::from_bytes(&zstd::encode_all(short.as_slice(), 1).unwrap())
            .unwrap_err()
            .ends_with("(a cut-off file?)")
    );
    let missing = Model::load(&dir.path().join("none.bin")).unwrap_err();
    assert!(
        missing
            .to_string()
            .contains("none.bin: cannot read the model"),
        "{missing}"
    );
}

/// A page of invented sentences, one a line, with the entities of the first `accepted`
/// sentences accepted.
fn page(dir: &std::path::Path, name: &str, examples: &[Example]) -> std::path::PathBuf {
    let text: String = examples
        .iter()
        .map(|e| e.sentence.chars.iter().collect::<String>() + "\n")
        .collect();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn accept_all(path: &std::path::Path, examples: &[Example]) {
    let mut document = Document::open(path).unwrap();
    let mut line_start = 0;
    let mut commands = Vec::new();
    for example in examples {
        for e in &example.entities {
            let span = crate::text::Span::new(line_start + e.start, line_start + e.end);
            let a = Annotation::new(document.source(), &e.label, span, Origin::Manual, "t");
            commands.push(Command::Add(a));
        }
        line_start += example.sentence.chars.len() + 1;
    }
    document.apply(Command::Batch(commands)).unwrap();
    document.save().unwrap();
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: train, suggest, save, read back"
)]
fn a_folder_trains_a_model_whose_suggestions_leave_people_s_annotations_alone() {
    let dir = tempfile::tempdir().unwrap();
    let training = invented::sentences(200, 5);
    let labelled = page(dir.path(), "a.txt", &training);
    accept_all(&labelled, &training);
    let corpus = load(&[dir.path().to_owned()], None);
    assert_eq!(corpus.pages, 1);
    assert_eq!(corpus.labels, ["PER", "LOC", "ORG"]);
    assert_eq!(corpus.examples.len(), 200);
    assert_eq!(
        corpus.annotations(),
        training.iter().map(|e| e.entities.len()).sum::<usize>()
    );
    let model = train(&corpus.examples, &corpus.labels, &quick()).unwrap();
    model.save(&model_path(dir.path())).unwrap();

    // A new page: one person accepted by hand, one rule-free suggestion rejected.
    let fresh = page(
        dir.path(),
        "b.txt",
        &[
            Example {
                sentence: Sentence::bare("温若兰来到凤栖县调研春耕生产。"),
                entities: vec![],
            },
            Example {
                sentence: Sentence::bare("纪一鸣说，望海市文化馆将继续支持柳河乡发展。"),
                entities: vec![],
            },
        ],
    );
    let mut document = Document::open(&fresh).unwrap();
    let mine = Annotation::new(
        document.source(),
        "PER",
        crate::text::Span::new(0, 3),
        Origin::Manual,
        "t",
    );
    let mut no = Annotation::new(
        document.source(),
        "LOC",
        crate::text::Span::new(5, 8),
        Origin::Manual,
        "t",
    );
    no.status = Status::Rejected;
    document
        .apply(Command::Batch(vec![Command::Add(mine), Command::Add(no)]))
        .unwrap();
    let before = document.annotations().to_vec();

    let added = new_suggestions(
        &document,
        crate::suggest::Options::default(),
        Some(&model),
        0.0,
    );
    let from_model: Vec<(&str, &str)> = added
        .iter()
        .filter(|a| a.origin == Origin::Model(NAME.to_owned()))
        .map(|a| (a.label.as_str(), a.quote.as_str()))
        .collect();
    assert_eq!(
        from_model,
        [
            ("PER", "纪一鸣"),
            ("ORG", "望海市文化馆"),
            ("LOC", "柳河乡")
        ],
        "not 温若兰 (accepted) nor 凤栖县 (rejected)"
    );
    for a in added
        .iter()
        .filter(|a| matches!(a.origin, Origin::Model(_)))
    {
        assert_eq!(a.status, Status::Suggested);
        let confidence = a.confidence.unwrap();
        assert!(confidence > 0.5 && confidence <= 1.0, "{confidence}");
    }
    let none_above = new_suggestions(
        &document,
        crate::suggest::Options::default(),
        Some(&model),
        1.01,
    );
    assert!(
        none_above
            .iter()
            .all(|a| !matches!(a.origin, Origin::Model(_)))
    );

    document
        .apply(Command::Batch(
            added.into_iter().map(Command::Add).collect(),
        ))
        .unwrap();
    document.save().unwrap();
    let reopened = Document::open(&fresh).unwrap();
    for kept in &before {
        assert_eq!(
            reopened.get(&kept.id),
            Some(kept),
            "untouched: {}",
            kept.quote
        );
    }
    let sidecar_text = std::fs::read_to_string(sidecar::path_for(&fresh)).unwrap();
    assert!(sidecar_text.contains("version: 2,"), "{sidecar_text}");
    assert!(
        sidecar_text.contains("origin: Model(\"perceptron\")"),
        "{sidecar_text}"
    );
    assert!(sidecar_text.contains("confidence: Some("), "{sidecar_text}");
    let read_back = reopened
        .annotations()
        .iter()
        .find(|a| a.quote == "柳河乡")
        .unwrap();
    assert!(read_back.confidence.is_some());
    assert_eq!(
        new_suggestions(
            &reopened,
            crate::suggest::Options::default(),
            Some(&model),
            0.0
        )
        .iter()
        .filter(|a| matches!(a.origin, Origin::Model(_)))
        .count(),
        0,
        "nothing is proposed twice"
    );

    // The rejected LOC is negative evidence: that sentence is an example with 凤栖县 outside.
    let again = load(&[dir.path().to_owned()], None);
    assert!(again.failures.is_empty(), "{:?}", again.failures);
    assert_eq!(again.pages, 2, "the model's folder is not a page");
}

#[test]
fn a_page_with_only_a_rejection_gives_its_sentence_as_negative_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.txt");
    std::fs::write(&path, "青禾县文化馆开放。\n今年以来，各项工作稳步推进。\n").unwrap();
    let mut document = Document::open(&path).unwrap();
    let mut no = Annotation::new(
        document.source(),
        "LOC",
        crate::text::Span::new(0, 3),
        Origin::Manual,
        "t",
    );
    no.status = Status::Rejected;
    document.apply(Command::Add(no)).unwrap();
    let examples = examples::from_document(&document, &labels());
    assert_eq!(examples.len(), 1);
    assert_eq!(
        examples[0].sentence.chars.iter().collect::<String>(),
        "青禾县文化馆开放。"
    );
    assert!(examples[0].entities.is_empty());
}

#[test]
fn the_temperature_is_fitted_on_the_held_back_tenth_and_kept_in_the_file() {
    let model = train(&invented::sentences(300, 1), &labels(), &quick()).unwrap();
    // 10^0.8, from the grid of 10^(k/10).
    assert!(
        (model.temperature() - 6.309_574).abs() < 1e-4,
        "{}",
        model.temperature()
    );
    let read = Model::from_bytes(&model.to_bytes().unwrap()).unwrap();
    assert_eq!(read.temperature(), model.temperature());
    let unfitted = TrainOptions {
        hold_back: false,
        ..quick()
    };
    let plain = train(&invented::sentences(300, 1), &labels(), &unfitted).unwrap();
    assert_eq!(
        plain.temperature(),
        1.0,
        "nothing held back, nothing fitted"
    );

    // Names the invented corpus taught, in one of its templates: sure, not certain.
    let taught = Sentence::bare("林晓舟来到青禾县调研春耕生产。");
    let found = model.tag_sentence(&taught);
    assert_eq!(
        found.iter().map(|f| (f.0, f.1, f.2)).collect::<Vec<_>>(),
        [(0, 0, 3), (1, 5, 8)]
    );
    for (.., confidence) in &found {
        assert!(*confidence > 0.99 && *confidence < 1.0, "{confidence}");
    }
    assert!(
        plain.tag_sentence(&taught).iter().all(|f| f.3 == 1.0),
        "uncalibrated, the scores read as certainties"
    );
    // A sentence unlike the corpus: the person is taken with the 据 before it, and the model
    // says it is unsure.
    let strange = model.tag_sentence(&Sentence::bare("据罗振远介绍，云海公司今年扩产。"));
    assert_eq!((strange[0].0, strange[0].1, strange[0].2), (0, 0, 4));
    assert!(strange[0].3 > 0.5 && strange[0].3 < 0.7, "{}", strange[0].3);
}
