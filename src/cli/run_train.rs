//! `copydesk train DIR... [--out MODEL] [--labels L,…] [--eval DIR]`: trains the folder's
//! model on its accepted annotations (rejected ones as negative evidence) and reports what it
//! learned from, how long it took, its F1 on a tenth held back (where the temperature of its
//! confidences is fitted too), and its precision, recall and F1 per label on the labelled
//! folder given with `--eval`.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use super::{Output, report};
use crate::corpus::agreement::Counts;
use crate::suggest::model::{self, Evaluation, TrainOptions};

/// Arguments of `copydesk train`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders of labelled pages to learn from.
    #[arg(required = true)]
    folders: Vec<PathBuf>,
    /// Where to write the model; by default the first folder's `.copydesk/model.bin`.
    #[arg(long, value_name = "MODEL")]
    out: Option<PathBuf>,
    /// The labels to learn, comma-separated; by default the tag set's entity labels (not
    /// DATE) that the folders hold.
    #[arg(long, value_name = "L,…", value_delimiter = ',')]
    labels: Option<Vec<String>>,
    /// A labelled folder to score the model on (instead of a tenth held back).
    #[arg(long, value_name = "DIR")]
    eval: Option<PathBuf>,
    /// Train on the first N sentences only (for learning curves).
    #[arg(long, value_name = "N")]
    sentences: Option<usize>,
    /// Passes over the sentences.
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    epochs: usize,
    /// Seeds the order of the sentences: the same folders and seed give the same model.
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    seed: u64,
}

/// Trains, writes the model and prints the report. Exit status 1 when a page could not be read
/// (each is named on standard error) or there was nothing to learn, 2 for a usage error.
pub fn run(args: &Args, out: &mut Output) -> io::Result<ExitCode> {
    for folder in args.folders.iter().chain(&args.eval) {
        if !folder.is_dir() {
            report(&format!("{}: not a folder", folder.display()));
            return Ok(ExitCode::from(2));
        }
    }
    let started = Instant::now();
    let mut corpus = model::load(&args.folders, args.labels.as_deref());
    if let Some(n) = args.sentences {
        corpus.examples.truncate(n);
    }
    let options = TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        ..TrainOptions::default()
    };
    let trained = model::train(&corpus.examples, &corpus.labels, &options);
    let seconds = started.elapsed().as_secs_f64();
    let mut failures = corpus.failures.len();
    corpus.failures.iter().for_each(|f| report(f));
    let model = match trained {
        Ok(model) => model,
        Err(err) => {
            report(&err.to_string());
            return Ok(ExitCode::FAILURE);
        }
    };
    let path = args
        .out
        .clone()
        .unwrap_or_else(|| model::model_path(&args.folders[0]));
    if let Err(err) = model.save(&path) {
        report(&err.to_string());
        return Ok(ExitCode::FAILURE);
    }
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    out.line(&format!(
        "trained on {} sentences ({} annotations) from {} pages in {seconds:.1} s; labels {}",
        model.trained().sentences,
        model.trained().annotations,
        corpus.pages,
        corpus.labels.join(", ")
    ))?;
    out.line(&format!(
        "model: {} ({:.1} MB, {} features)",
        path.display(),
        size as f64 / 1e6,
        model.features()
    ))?;
    if let Some((f1, held)) = model.trained().held_back {
        out.line(&format!(
            "F1 {f1:.3} on a held-back tenth ({held} sentences); confidences at temperature {:.2}",
            model.temperature()
        ))?;
    }
    if let Some(folder) = &args.eval {
        let test = model::load(std::slice::from_ref(folder), Some(model.labels()));
        test.failures.iter().for_each(|f| report(f));
        failures += test.failures.len();
        let scores = model::evaluate(&model, &test.examples);
        table(&scores, folder, out)?;
    }
    Ok(if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The scores on `--eval`, a line per label and the micro average.
fn table(scores: &Evaluation, folder: &std::path::Path, out: &mut Output) -> io::Result<()> {
    out.line(&format!(
        "on {}: {} sentences (exact matches)",
        folder.display(),
        scores.sentences
    ))?;
    out.line("label    gold  found  matched  precision  recall     F1")?;
    let row = |label: &str, c: Counts| {
        format!(
            "{label:<7} {:>5}  {:>5}  {:>7}  {:>9.3}  {:>6.3}  {:>5.3}",
            c.a,
            c.b,
            c.matched,
            c.precision(),
            c.recall(),
            c.f1()
        )
    };
    for (label, counts) in &scores.labels {
        out.line(&row(label, *counts))?;
    }
    out.line(&row("micro", scores.micro))
}
