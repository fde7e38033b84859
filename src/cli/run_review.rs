//! `copydesk review`: accept or reject suggestions by id or by label, as the review keys do.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Output;
use super::change::{Unreadable, change_page};
use crate::annotation::{Annotation, AnnotationId, Command, Document, Status};
use crate::operations::review;

/// Arguments of `copydesk review`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("verdict").required(true).args(["accept", "reject"])))]
#[command(group(clap::ArgGroup::new("which").required(true).args(["ids", "label"])))]
pub struct ReviewArgs {
    /// The page.
    page: PathBuf,
    /// Accept the suggestions.
    #[arg(long)]
    accept: bool,
    /// Reject the suggestions (they stay in the sidecar and are not suggested again).
    #[arg(long)]
    reject: bool,
    /// Ids of the annotations (see `copydesk annotations`).
    #[arg(long = "id")]
    ids: Vec<String>,
    /// Every suggestion with this label.
    #[arg(long)]
    label: Option<String>,
    /// With --label: only in this item (1-based, as numbered by `copydesk segment`).
    #[arg(long, requires = "label")]
    item: Option<usize>,
    /// What to do if the sidecar cannot be read.
    #[command(flatten)]
    unreadable: Unreadable,
}

/// Accepts or rejects annotations, as one step, and saves: by id (any annotation, to review a
/// manual one too or take back a rejection), or every suggestion of a label.
pub fn run(args: &ReviewArgs, out: &mut Output) -> io::Result<ExitCode> {
    change_page(&args.page, &args.unreadable, out, |document| {
        let (commands, unchanged) = review_commands(args, document)?;
        let status = if args.accept { "accepted" } else { "rejected" };
        let mut summary = format!("{status} {}", commands.len());
        if unchanged > 0 {
            summary.push_str(&format!(" ({unchanged} already were)"));
        }
        Ok((commands, summary))
    })
}

/// The status changes `review` asks for, and how many annotations already had that status.
fn review_commands(
    args: &ReviewArgs,
    document: &Document,
) -> Result<(Vec<Command>, usize), String> {
    let status = if args.accept {
        Status::Accepted
    } else {
        Status::Rejected
    };
    let chosen: Vec<&Annotation> = match &args.label {
        Some(label) => {
            if document.tagset().get(label).is_none() {
                return Err(format!(
                    "unknown label {label:?}; the tag set has {}",
                    document.tagset().label_list()
                ));
            }
            let items = document.bulletin().items.len();
            if let Some(item) = args.item.filter(|&item| item == 0 || item > items) {
                return Err(format!(
                    "there is no item {item}; the page has items 1 to {items}"
                ));
            }
            let item = args.item.map(|item| item - 1);
            review::suggestions_of_label(document, label, item)
        }
        None => args
            .ids
            .iter()
            .map(|id| {
                document
                    .get(&AnnotationId(id.clone()))
                    .ok_or_else(|| format!("no annotation has id {id}"))
            })
            .collect::<Result<_, _>>()?,
    };
    Ok(review::set_status(chosen, status))
}
