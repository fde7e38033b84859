//! `copydesk fix PAGE [--out FILE]`: the page with its recorded corrections applied, to
//! standard output or a file — never over the page itself, which copydesk does not change.
//!
//! The text is [`crate::operations::proofread::corrected`], the one the app's corrected view
//! shows and the `corrected` export writes.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Output, report};
use crate::annotation::Document;
use crate::operations::proofread;

/// Arguments of `copydesk fix`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The page, with its sidecar beside it.
    page: PathBuf,
    /// Write the corrected page to this file instead of standard output (never the page).
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Writes the corrected page.
pub fn run(args: &Args, out: &mut Output) -> io::Result<ExitCode> {
    if let Some(file) = &args.out {
        let same = match (file.canonicalize(), args.page.canonicalize()) {
            (Ok(file), Ok(page)) => file == page,
            _ => file == &args.page,
        };
        if same {
            report(&format!(
                "{}: --out names the page itself; copydesk never changes a page, so write the corrected text to another file",
                file.display()
            ));
            return Ok(ExitCode::from(2));
        }
    }
    let document = match Document::open(&args.page) {
        Ok(document) => document,
        Err(err) => {
            report(&err.to_string());
            return Ok(ExitCode::FAILURE);
        }
    };
    super::page::warn_replaced(&args.page.display().to_string(), document.source());
    let corrected = proofread::corrected(&document);
    if corrected.overlapping + corrected.unplaced > 0 {
        report(&format!(
            "{}: warning: {} corrections left out (overlapping another, or not placed on the page)",
            args.page.display(),
            corrected.overlapping + corrected.unplaced
        ));
    }
    match &args.out {
        Some(file) => {
            if let Err(err) = std::fs::write(file, corrected.text.as_bytes()) {
                report(&format!("{}: cannot write: {err}", file.display()));
                return Ok(ExitCode::FAILURE);
            }
        }
        None => {
            let text = corrected.text.strip_suffix('\n').unwrap_or(&corrected.text);
            out.line(text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
