//! `copydesk adjudicate`: settle two annotators' disagreements into a gold folder, all one
//! way (`--prefer`) or those named (`--take … --id …`), as the app's adjudication does.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Output, report};
use crate::annotation::{Take, default_author};
use crate::corpus::adjudicate::{Choice, adjudicate};

/// Arguments of `copydesk adjudicate`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("how").required(true).args(["prefer", "take"])))]
pub struct Args {
    /// The reference folder (A).
    a: PathBuf,
    /// The other annotator's folder (B): the same pages.
    b: PathBuf,
    /// The gold folder: pages copied there, with the agreed and decided annotations.
    #[arg(long = "into", value_name = "GOLD")]
    gold: PathBuf,
    /// Settle every disagreement with this side's version (a or b).
    #[arg(long, value_parser = ["a", "b"])]
    prefer: Option<String>,
    /// Settle the disagreements named by --id with a, b, both or none.
    #[arg(long, value_parser = ["a", "b", "both", "none"], requires = "ids")]
    take: Option<String>,
    /// Ids of annotations in the disagreements to settle (either side's, as `agree` lists).
    #[arg(long = "id", value_name = "ID", requires = "take")]
    ids: Vec<String>,
    /// Suggestions take part too.
    #[arg(long)]
    include_suggested: bool,
    /// The name recorded as having decided (default: $COPYDESK_AUTHOR or the login name).
    #[arg(long)]
    author: Option<String>,
}

/// Writes the gold folder and says what it did; exit status 1 if a page was left out.
pub fn run(args: &Args, out: &mut Output) -> io::Result<ExitCode> {
    for folder in [&args.a, &args.b] {
        if !folder.is_dir() {
            report(&format!("{}: not a folder", folder.display()));
            return Ok(ExitCode::from(2));
        }
    }
    let take = |name: &str| Take::from_name(name).unwrap_or(Take::A);
    let choice = match (&args.prefer, &args.take) {
        (Some(side), _) => Choice::Prefer(take(side)),
        (None, Some(what)) => Choice::Take {
            take: take(what),
            ids: args.ids.clone(),
        },
        (None, None) => {
            report("give --prefer a|b, or --take a|b|both|none with --id");
            return Ok(ExitCode::from(2));
        }
    };
    let by = args.author.clone().unwrap_or_else(default_author);
    let result = adjudicate(
        &args.a,
        &args.b,
        &args.gold,
        &choice,
        &by,
        args.include_suggested,
    );
    out.line(&format!(
        "{}: {} pages; {} agreed annotations copied, {} disagreements settled, {} left open",
        args.gold.display(),
        result.pages,
        result.agreed,
        result.decided,
        result.open
    ))?;
    for problem in &result.problems {
        report(problem);
    }
    Ok(if result.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
