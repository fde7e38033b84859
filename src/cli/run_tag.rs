//! `copydesk tag` and `copydesk untag`: add and remove annotations from scripts.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::change::{Unreadable, apply_and_save, change_page, parse_range};
use super::{Output, report, status};
use crate::annotation::{AnnotationId, Command, Document, Status};
use crate::operations::tag::{self, Outcome, Tagging};
use crate::text::Span;

/// Arguments of `copydesk tag`.
#[derive(Debug, clap::Args)]
pub struct TagArgs {
    /// Page files to annotate.
    #[arg(required = true)]
    pages: Vec<PathBuf>,
    /// The label to apply (from the tag set: PER, LOC, ORG, WORK, EVENT, DATE, METRIC…).
    #[arg(long)]
    label: String,
    /// Tag this text (its first occurrence, or every one with --all).
    #[arg(long, conflicts_with = "range", required_unless_present = "range")]
    quote: Option<String>,
    /// Tag every occurrence of --quote, like a gazetteer pass.
    #[arg(long, requires = "quote")]
    all: bool,
    /// Tag this range of code points, START:END (end exclusive).
    #[arg(long, value_parser = parse_range)]
    range: Option<Span>,
    /// Record the annotations as suggestions to review instead of accepted.
    #[arg(long)]
    suggested: bool,
    /// A note to attach.
    #[arg(long)]
    note: Option<String>,
    /// The name recorded as author (default: $COPYDESK_AUTHOR or the login name).
    #[arg(long)]
    author: Option<String>,
    /// What to do if the sidecar cannot be read.
    #[command(flatten)]
    unreadable: Unreadable,
}

/// Arguments of `copydesk untag`.
#[derive(Debug, clap::Args)]
pub struct UntagArgs {
    /// The page.
    page: PathBuf,
    /// Ids of the annotations to remove (see `copydesk annotations`).
    #[arg(long = "id", required = true)]
    ids: Vec<String>,
    /// What to do if the sidecar cannot be read.
    #[command(flatten)]
    unreadable: Unreadable,
}

/// Tags every page; each page's annotations are added as one undoable step and saved.
pub fn run(args: &TagArgs, out: &mut Output) -> io::Result<ExitCode> {
    let mut failures = 0;
    for page in &args.pages {
        match tag_page(args, page) {
            Ok(message) => out.line(&message)?,
            Err(message) => {
                report(&message);
                failures += 1;
            }
        }
    }
    Ok(status(failures))
}

fn tag_page(args: &TagArgs, page: &Path) -> Result<String, String> {
    let author = args.author.as_deref();
    apply_and_save(
        page,
        &args.unreadable,
        author,
        Box::new(|document| plan(args, document)),
    )
}

/// The commands tagging the page asks for, and the summary: how many were added, accepted,
/// there already, or rejected earlier and left alone.
fn plan(args: &TagArgs, document: &Document) -> Result<(Vec<Command>, String), String> {
    let spans = match (&args.quote, args.range) {
        (Some(quote), _) => {
            let mut found = document.source().find_all(quote);
            if !args.all {
                found.truncate(1);
            }
            found
        }
        (None, Some(span)) => vec![span],
        (None, None) => Vec::new(),
    };
    if spans.is_empty() {
        let quote = args.quote.as_deref().unwrap_or_default();
        return Err(format!("{quote:?} does not occur on the page"));
    }
    let tagging = Tagging {
        label: &args.label,
        status: if args.suggested {
            Status::Suggested
        } else {
            Status::Accepted
        },
        note: args.note.as_deref(),
    };
    let (commands, outcomes) = tag::tag(document, &spans, &tagging);
    let count = |kind: fn(&Outcome) -> bool| outcomes.iter().filter(|o| kind(o)).count();
    let added = count(|o| matches!(o, Outcome::Added(_)));
    let accepted = count(|o| matches!(o, Outcome::Accepted(_) | Outcome::Relabelled(_)));
    let skipped = count(|o| matches!(o, Outcome::Unchanged(_)));
    let rejected = count(|o| matches!(o, Outcome::Rejected(_)));
    let mut summary = format!("tagged {added} × {}", args.label);
    if accepted > 0 {
        summary.push_str(&format!(", accepted {accepted} suggested"));
    }
    if skipped > 0 {
        summary.push_str(&format!(", {skipped} already tagged"));
    }
    if rejected > 0 {
        summary.push_str(&format!(
            ", {rejected} rejected earlier and left so (review --accept --id takes one back)"
        ));
    }
    if let Some(quote) = &args.quote
        && !args.all
    {
        let total = document.source().find_all(quote).len();
        if total > 1 {
            summary.push_str(&format!(
                " (the first of {total} occurrences; --all tags every one)"
            ));
        }
    }
    Ok((commands, summary))
}

/// Removes annotations by id and saves.
pub fn run_untag(args: &UntagArgs, out: &mut Output) -> io::Result<ExitCode> {
    change_page(&args.page, &args.unreadable, out, |_| {
        let commands = args
            .ids
            .iter()
            .map(|id| Command::Delete(AnnotationId(id.clone())))
            .collect();
        Ok((
            commands,
            format!("removed {} annotation(s)", args.ids.len()),
        ))
    })
}
