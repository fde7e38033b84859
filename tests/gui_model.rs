//! The folder's model in the app: Edit → Train model now on a background thread, the status
//! bar's line, F6 adding the model's suggestions, and training again after N accepts.

use std::path::Path;

use copydesk::annotation::{Annotation, Command, Document, Origin, Status};
use copydesk::app::{Action, ModelSettings, UiCommand};
use copydesk::suggest::model::invented;
use copydesk::text::Span;
use eframe::egui::Key;
use egui_kittest::kittest::Queryable;

use crate::gui::{document, open, step_until, type_key};

/// A page of `n` invented sentences, one a line, every entity accepted.
fn labelled_page(path: &Path, n: usize, seed: u64) -> usize {
    let examples = invented::sentences(n, seed);
    let text: String = examples
        .iter()
        .map(|e| e.sentence.chars.iter().collect::<String>() + "\n")
        .collect();
    std::fs::write(path, text).unwrap();
    let mut document = Document::open(path).unwrap();
    let mut commands = Vec::new();
    let mut line = 0;
    for example in &examples {
        for e in &example.entities {
            let span = Span::new(line + e.start, line + e.end);
            let a = Annotation::new(document.source(), &e.label, span, Origin::Manual, "t");
            commands.push(Command::Add(a));
        }
        line += example.sentence.chars.len() + 1;
    }
    let count = commands.len();
    document.apply(Command::Batch(commands)).unwrap();
    document.save().unwrap();
    count
}

#[test]
fn train_now_then_f6_suggests_with_the_model_and_accepts_train_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let annotations = labelled_page(&dir.path().join("a.txt"), 150, 21);
    let fresh = dir.path().join("b.txt");
    std::fs::write(
        &fresh,
        "纪一鸣说，望海市文化馆将继续支持柳河乡发展。\n温若兰来到凤栖县调研。\n",
    )
    .unwrap();
    let mut harness = open(&fresh);
    harness.state_mut().set_model_settings(ModelSettings {
        threshold: 0.5,
        retrain_every: 2,
    });
    assert_eq!(
        harness.state().model_status(),
        "model: none (Edit → Train model now)"
    );
    harness.get_by_label("model: none (Edit → Train model now)");

    harness.state_mut().push(Action::Ui(UiCommand::TrainModel));
    step_until(&mut harness, |h| {
        h.state().model_status().contains("annotations")
    });
    let status = harness.state().model_status();
    assert!(
        status.starts_with(&format!("model: {annotations} annotations, F1 ")),
        "{status}"
    );
    assert!(status.ends_with(" on a held-back tenth"), "{status}");
    assert!(dir.path().join(".copydesk/model.bin").is_file());
    harness.run_steps(2);
    harness.get_by_label(&status);

    harness.key_press(Key::F6);
    harness.run_steps(2);
    let from_model: Vec<(String, String)> = document(&harness)
        .annotations()
        .iter()
        .filter(|a| a.origin == Origin::Model("perceptron".into()))
        .map(|a| (a.label.clone(), a.quote.clone()))
        .collect();
    assert!(
        from_model.contains(&("ORG".into(), "望海市文化馆".into())),
        "{from_model:?}"
    );
    assert!(
        from_model.contains(&("PER".into(), "温若兰".into())),
        "{from_model:?}"
    );
    assert!(
        document(&harness)
            .annotations()
            .iter()
            .all(|a| a.status == Status::Suggested)
    );

    // Two accepts train the model again, counting them once they are saved.
    type_key(&mut harness, Key::A, "a");
    harness.run_steps(2);
    type_key(&mut harness, Key::A, "a");
    harness.run_steps(2);
    let more = format!("model: {} annotations", annotations + 2);
    step_until(&mut harness, |h| {
        h.state().model_status().starts_with(&more)
    });
}
