//! `copydesk export PATH... --format F --out DIR`: pages and folders of pages as datasets.
//!
//! The core's [`formats::export()`] does the work; this module reads the arguments, drives an
//! `indicatif` progress bar on standard error when it is a terminal, and prints the summary,
//! the warnings and the pages that could not be read.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use indicatif::ProgressBar;

use super::{Output, report};
use crate::formats::{self, ExportError, ExportRequest, Format, Progress, UnitKind};

/// Arguments of `copydesk export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Pages, and folders searched recursively for *.txt pages.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The format to write.
    #[arg(long, value_parser = PossibleValuesParser::new(Format::ALL.map(Format::name))
        .try_map(|name| Format::from_name(&name).ok_or("unknown format")))]
    format: Format,
    /// The folder to write into, made if need be; nothing is written outside it.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Export suggestions too, not only accepted annotations (never rejected ones).
    #[arg(long)]
    include_suggested: bool,
    /// One record per story or photo item, or per page.
    #[arg(long, default_value = "item", value_parser = PossibleValuesParser::new(UnitKind::NAMES)
        .try_map(|name| UnitKind::from_name(&name).ok_or("unknown unit")))]
    unit: UnitKind,
    /// Overwrite files already in the output folder.
    #[arg(long)]
    force: bool,
}

/// Exports the pages, printing the summary; exit status 1 if a page could not be read or
/// the export was refused or failed.
pub fn run(args: &Args, out: &mut Output) -> io::Result<ExitCode> {
    let request = ExportRequest {
        paths: args.paths.clone(),
        format: args.format,
        out: args.out.clone(),
        unit: args.unit,
        include_suggested: args.include_suggested,
        force: args.force,
    };
    let bar = super::progress_bar();
    let result = formats::export(&request, &mut |progress| show(&bar, progress));
    bar.finish_and_clear();
    let summary = match result {
        Ok(summary) => summary,
        Err(err @ ExportError::Exists { .. }) => {
            report(&format!("{err} (--force overwrites them)"));
            return Ok(ExitCode::FAILURE);
        }
        Err(err) => {
            report(&err.to_string());
            return Ok(ExitCode::FAILURE);
        }
    };
    for warning in &summary.warnings {
        report(&format!("warning: {warning}"));
    }
    for failure in &summary.failures {
        report(failure);
    }
    out.line(&summary.describe(&request))?;
    Ok(super::status(summary.failures.len()))
}

fn show(bar: &ProgressBar, progress: Progress) {
    let (message, done, total) = match progress {
        Progress::Reading { done, total } => ("reading", done, total),
        Progress::Writing { done, total } => ("writing", done, total),
    };
    super::show_progress(bar, message, done, total);
}
