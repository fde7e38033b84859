//! `copydesk stats`: the figures of a folder — pages by state, annotations per label, per
//! author and per day, suggestions accepted and rejected per rule — as the app's library
//! charts them.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Output, report};
use crate::corpus::{self, FolderStats};

/// Arguments of `copydesk stats`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder (its pages are found recursively).
    folder: PathBuf,
    /// Print one JSON object instead of tables.
    #[arg(long)]
    json: bool,
    /// With --json: one object per page as well, under "pages".
    #[arg(long, requires = "json")]
    pages: bool,
}

/// Reads every page's sidecar, with a progress bar on a terminal, and prints the figures.
/// Pages whose sidecar cannot be read are counted as unreadable and named on standard error;
/// the exit status is then 1.
pub fn run(args: &Args, out: &mut Output) -> io::Result<ExitCode> {
    if !args.folder.is_dir() {
        report(&format!(
            "{}: not a folder; give the folder of pages to count",
            args.folder.display()
        ));
        return Ok(ExitCode::from(2));
    }
    let bar = super::progress_bar();
    bar.set_message("reading");
    let (pages, failures) = corpus::scan(&args.folder, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    let stats = FolderStats::of(&pages);
    if args.json {
        let mut value = serde_json::to_value(&stats).map_err(io::Error::other)?;
        if args.pages
            && let Some(object) = value.as_object_mut()
        {
            let pages = serde_json::to_value(&pages).map_err(io::Error::other)?;
            object.insert("pages".to_owned(), pages);
        }
        out.line(&value.to_string())?;
    } else {
        out.line(stats.to_text().trim_end())?;
    }
    let unreadable: Vec<&str> = pages.iter().filter_map(|p| p.problem.as_deref()).collect();
    for problem in failures
        .iter()
        .map(String::as_str)
        .chain(unreadable.iter().copied())
    {
        report(problem);
    }
    Ok(if failures.is_empty() && unreadable.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
