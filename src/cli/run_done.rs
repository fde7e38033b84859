//! `copydesk done`: mark pages done (or, with `--undo`, not done), as the app's key does.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Output, report, status};
use crate::operations::done::mark_page_done;

/// Arguments of `copydesk done`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The pages.
    #[arg(required = true)]
    pages: Vec<PathBuf>,
    /// Take the mark back: the pages are no longer done.
    #[arg(long)]
    undo: bool,
    /// Record the change as made by this name (default: $COPYDESK_AUTHOR or the login name).
    #[arg(long)]
    author: Option<String>,
}

/// Marks each page and says what changed, one line a page; a page that cannot be marked is
/// reported on standard error and the others are still marked.
pub fn run(args: &Args, out: &mut Output) -> io::Result<ExitCode> {
    let done = !args.undo;
    let mut failures = 0;
    for page in &args.pages {
        match mark_page_done(page, done, args.author.as_deref()) {
            Ok(changed) => {
                let what = match (changed, done) {
                    (true, true) => "marked done",
                    (true, false) => "no longer done",
                    (false, true) => "already done",
                    (false, false) => "already not done",
                };
                out.line(&format!("{}: {what}", page.display()))?;
            }
            Err(message) => {
                report(&message);
                failures += 1;
            }
        }
    }
    Ok(status(failures))
}
