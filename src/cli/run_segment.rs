//! `copydesk segment PAGE... [--json]`: the structure of pages, for people or scripts.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Output, outline_text, page};
use crate::bulletin::{json::PageJson, segment};

/// Arguments of `copydesk segment`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Page files to read (`-` reads standard input).
    #[arg(required = true)]
    pages: Vec<PathBuf>,
    /// Print the segment JSON (one object per line) instead of an outline.
    #[arg(long)]
    json: bool,
}

/// Segments every page, printing each as it is done; pages that cannot be read are reported
/// on standard error and make the exit status non-zero.
pub fn run(args: &Args, out: &mut Output) -> io::Result<ExitCode> {
    page::for_each(&args.pages, |n, page| {
        let bulletin = segment(page.source.text());
        if args.json {
            let json = PageJson::new(&page.name, &page.source, &bulletin.items);
            let line = serde_json::to_string(&json).map_err(io::Error::other)?;
            out.line(&line)?;
        } else {
            if n > 0 {
                out.line("")?;
            }
            outline_text::print(&page, &bulletin, out)?;
        }
        Ok(())
    })
}
