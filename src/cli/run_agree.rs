//! `copydesk agree`: how far two annotators agree on the same pages — precision, recall and F1
//! per label (exact and overlap matches), Cohen's kappa over code points — and every
//! disagreement.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Output, report};
use crate::corpus::agreement::{self, Agreement, Counts, Sides};

/// Arguments of `copydesk agree`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The reference folder (A), or the one folder with --authors.
    a: PathBuf,
    /// The folder compared with it (B): the same pages, labelled by someone else.
    #[arg(required_unless_present = "authors")]
    b: Option<PathBuf>,
    /// Compare two authors' annotations in the one folder: A,B.
    #[arg(long, value_name = "A,B", conflicts_with = "b")]
    authors: Option<String>,
    /// Suggestions take part too (to score suggestions against a gold folder).
    #[arg(long)]
    include_suggested: bool,
    /// One JSON object: the figures, per label, and the disagreements.
    #[arg(long)]
    json: bool,
}

/// What to compare, from the arguments.
fn sides(args: &Args) -> Result<Sides, String> {
    for folder in [Some(&args.a), args.b.as_ref()].into_iter().flatten() {
        if !folder.is_dir() {
            return Err(format!("{}: not a folder", folder.display()));
        }
    }
    match (&args.b, &args.authors) {
        (Some(b), _) => Ok(Sides::Folders(args.a.clone(), b.clone())),
        (None, Some(authors)) => match authors.split_once(',') {
            Some((x, y)) if !x.trim().is_empty() && !y.trim().is_empty() => Ok(Sides::Authors(
                args.a.clone(),
                x.trim().to_owned(),
                y.trim().to_owned(),
            )),
            _ => Err(format!("--authors {authors:?}: give two names, A,B")),
        },
        (None, None) => Err("give a second folder, or --authors A,B".to_owned()),
    }
}

/// Compares the two sides and prints the figures and the disagreements. Exit status 1 when a
/// page had to be left out (each is named on standard error), 2 for a usage error.
pub fn run(args: &Args, out: &mut Output) -> io::Result<ExitCode> {
    let sides = match sides(args) {
        Ok(sides) => sides,
        Err(message) => {
            report(&message);
            return Ok(ExitCode::from(2));
        }
    };
    let (pairs, problems) = agreement::load_pairs(&sides, args.include_suggested);
    let result = agreement::agree(&pairs);
    if args.json {
        let value = serde_json::to_string(&result).map_err(io::Error::other)?;
        out.line(&value)?;
    } else {
        print_text(&result, &sides, args.include_suggested, out)?;
    }
    for problem in &problems {
        report(problem);
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// A share as `0.875`, or `-` for none.
fn share(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

fn row(name: &str, exact: Counts, overlap: Counts) -> String {
    format!(
        "{name}\t{}\t{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{}\t{:.3}\t{:.3}\t{:.3}",
        exact.a,
        exact.b,
        exact.matched,
        exact.precision(),
        exact.recall(),
        exact.f1(),
        overlap.matched,
        overlap.precision(),
        overlap.recall(),
        overlap.f1()
    )
}

fn print_text(
    result: &Agreement,
    sides: &Sides,
    suggested: bool,
    out: &mut Output,
) -> io::Result<()> {
    let (a, b) = match sides {
        Sides::Folders(a, b) => (a.display().to_string(), b.display().to_string()),
        Sides::Authors(_, x, y) => (x.clone(), y.clone()),
    };
    out.line(&format!(
        "A = {a} (the reference), B = {b}: {} pages, {} code points; {}",
        result.pages,
        result.code_points,
        if suggested {
            "accepted and suggested annotations"
        } else {
            "accepted annotations only"
        }
    ))?;
    out.line(agreement::CONVENTIONS)?;
    out.line("")?;
    out.line("label\t|A|\t|B|\texact\tP\tR\tF1\toverlap\tP\tR\tF1")?;
    for (label, exact, overlap) in result.per_label() {
        out.line(&row(label, exact, overlap))?;
    }
    out.line(&row("(micro)", result.exact.micro, result.overlap.micro))?;
    out.line("")?;
    out.line(&format!(
        "Cohen's kappa over code points: {} (observed agreement {})",
        share(result.kappa),
        share(result.observed)
    ))?;
    out.line("")?;
    out.line(&format!("{} disagreements:", result.disagreements.len()))?;
    for item in &result.disagreements {
        let d = &item.disagreement;
        let label = |span: &Option<agreement::Span>| {
            span.as_ref()
                .map_or_else(|| "—".to_owned(), |s| s.label.clone())
        };
        let range = |span: &Option<agreement::Span>| {
            span.as_ref()
                .map_or_else(|| "—".to_owned(), |s| format!("{}:{}", s.start, s.end))
        };
        out.line(&format!(
            "{}\t{}:{}\t{}\tA {} {}\tB {} {}\t{}",
            item.page.display(),
            d.start(),
            d.end(),
            item.text.replace('\n', " "),
            label(&d.a),
            range(&d.a),
            label(&d.b),
            range(&d.b),
            d.kind.name()
        ))?;
    }
    Ok(())
}
