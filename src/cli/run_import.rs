//! `copydesk import FILE|DIR --format F --into DIR`: work from other tools as pages and
//! sidecars.
//!
//! The core's [`formats::import()`] does the work, the one the app's File → Import… runs;
//! this module reads the arguments, drives an `indicatif` progress bar on standard error when
//! it is a terminal, and prints the summary, the labels the tag set lacks and every span
//! refused, with its file and line.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use indicatif::ProgressBar;

use super::{Output, report};
use crate::formats::{self, ImportFormat, ImportProgress, ImportRequest};

/// Arguments of `copydesk import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A file, or a folder searched recursively for the format's files.
    #[arg(value_name = "FILE|DIR")]
    source: PathBuf,
    /// The format to read.
    #[arg(long, value_parser = PossibleValuesParser::new(ImportFormat::ALL.map(ImportFormat::name))
        .try_map(|name| ImportFormat::from_name(&name).ok_or("unknown format")))]
    format: ImportFormat,
    /// The folder the pages and sidecars go into, made if need be.
    #[arg(long, value_name = "DIR")]
    into: PathBuf,
    /// The author of what is imported (else the file's own, else the login name).
    #[arg(long)]
    author: Option<String>,
    /// Add labels the tag set lacks to the folder's tagset.ron instead of refusing their spans.
    #[arg(long)]
    add_labels: bool,
}

/// Imports, printing the summary; exit status 1 if nothing could be imported, a file or page
/// could not be read or written, or a span was refused.
pub fn run(args: &Args, out: &mut Output) -> io::Result<ExitCode> {
    let request = ImportRequest {
        source: args.source.clone(),
        format: args.format,
        into: args.into.clone(),
        author: args.author.clone(),
        add_labels: args.add_labels,
    };
    let bar = super::progress_bar();
    let result = formats::import(&request, &mut |progress| show(&bar, progress));
    bar.finish_and_clear();
    let summary = match result {
        Ok(summary) => summary,
        Err(err) => {
            report(&err.to_string());
            return Ok(ExitCode::FAILURE);
        }
    };
    for line in summary.details(&request) {
        report(&line);
    }
    out.line(&summary.describe(&request))?;
    Ok(super::status(
        summary.failures.len() + summary.refused.len(),
    ))
}

fn show(bar: &ProgressBar, progress: ImportProgress) {
    let (message, done, total) = match progress {
        ImportProgress::Reading { done, total } => ("reading", done, total),
        ImportProgress::Placing { done, total } => ("placing", done, total),
    };
    super::show_progress(bar, message, done, total);
}
