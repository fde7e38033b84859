//! `copydesk tag` and `copydesk untag`: add and remove annotations from scripts.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Output, report, status};
use crate::annotation::{Annotation, AnnotationId, Command, Document, Kind, OpenError, Status};
use crate::operations::{self, tag::Outcome, tag::Tagging};
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
    /// If the sidecar cannot be read, set it aside (renamed, not changed) and start a new one.
    #[arg(long)]
    new_sidecar: bool,
}

/// Arguments of `copydesk untag`.
#[derive(Debug, clap::Args)]
pub struct UntagArgs {
    /// The page.
    page: PathBuf,
    /// Ids of the annotations to remove (see `copydesk annotations`).
    #[arg(long = "id", required = true)]
    ids: Vec<String>,
    /// If the sidecar cannot be read, set it aside (renamed, not changed) and start a new one.
    #[arg(long)]
    new_sidecar: bool,
}

fn parse_range(text: &str) -> Result<Span, String> {
    let (start, end) = text
        .split_once(':')
        .ok_or_else(|| format!("{text:?} is not START:END"))?;
    let number = |s: &str| {
        s.trim()
            .parse::<usize>()
            .map_err(|_| format!("{s:?} in {text:?} is not a code-point offset"))
    };
    Ok(Span::new(number(start)?, number(end)?))
}

/// Opens a page for changing, setting an unreadable sidecar aside only if asked to.
pub fn open_for_change(page: &Path, new_sidecar: bool) -> Result<Document, String> {
    match Document::open(page) {
        Ok(document) => Ok(document),
        Err(OpenError::Sidecar(_)) if new_sidecar => {
            let (document, aside) =
                Document::open_with_new_sidecar(page).map_err(|err| err.to_string())?;
            if let Some(aside) = aside {
                report(&format!(
                    "the unreadable sidecar was kept as {}; starting a new one",
                    aside.display()
                ));
            }
            Ok(document)
        }
        Err(err @ OpenError::Sidecar(_)) => Err(format!(
            "{err}; to set it aside and start a new sidecar, run again with --new-sidecar"
        )),
        Err(err) => Err(err.to_string()),
    }
}

/// Tags every page; each page's annotations are added as one undoable step and saved.
pub fn run_tag(args: &TagArgs, out: &mut Output) -> io::Result<ExitCode> {
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
    let mut document = open_for_change(page, args.new_sidecar)?;
    if let Some(author) = &args.author {
        document.set_author(author);
    }
    let name = page.display();
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
        return Err(format!("{name}: {quote:?} does not occur on the page"));
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
    let (commands, outcomes) = operations::tag::tag(&document, &spans, &tagging);
    if !commands.is_empty() {
        document
            .apply(Command::Batch(commands))
            .map_err(|err| format!("{name}: {err}"))?;
        document.save().map_err(|err| err.to_string())?;
    }
    let count = |kind: fn(&Outcome) -> bool| outcomes.iter().filter(|o| kind(o)).count();
    let added = count(|o| matches!(o, Outcome::Added(_)));
    let accepted = count(|o| matches!(o, Outcome::Accepted(_) | Outcome::Relabelled(_)));
    let skipped = count(|o| matches!(o, Outcome::Unchanged(_)));
    let mut message = format!("{name}: tagged {added} × {}", args.label);
    if accepted > 0 {
        message.push_str(&format!(", accepted {accepted} suggested"));
    }
    if skipped > 0 {
        message.push_str(&format!(", {skipped} already tagged"));
    }
    if let Some(quote) = &args.quote
        && !args.all
    {
        let total = document.source().find_all(quote).len();
        if total > 1 {
            message.push_str(&format!(
                " (the first of {total} occurrences; --all tags every one)"
            ));
        }
    }
    Ok(message)
}

/// Removes annotations by id and saves.
pub fn run_untag(args: &UntagArgs, out: &mut Output) -> io::Result<ExitCode> {
    change_page(&args.page, args.new_sidecar, out, |_| {
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

/// Opens a page for changing, applies what `plan` decides as one undoable step, saves, and
/// prints `plan`'s summary after the page's name. Any failure is one line on standard error,
/// and then nothing is saved.
fn change_page(
    page: &Path,
    new_sidecar: bool,
    out: &mut Output,
    plan: impl FnOnce(&Document) -> Result<(Vec<Command>, String), String>,
) -> io::Result<ExitCode> {
    let name = page.display();
    let result = open_for_change(page, new_sidecar).and_then(|mut document| {
        let (commands, summary) =
            plan(&document).map_err(|message| format!("{name}: {message}"))?;
        if !commands.is_empty() {
            document
                .apply(Command::Batch(commands))
                .map_err(|err| format!("{name}: {err}; nothing was changed"))?;
            document.save().map_err(|err| err.to_string())?;
        }
        Ok(summary)
    });
    match result {
        Ok(summary) => {
            out.line(&format!("{name}: {summary}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(message) => {
            report(&message);
            Ok(ExitCode::FAILURE)
        }
    }
}

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
    /// If the sidecar cannot be read, set it aside (renamed, not changed) and start a new one.
    #[arg(long)]
    new_sidecar: bool,
}

/// Accepts or rejects annotations, as one step, and saves: by id (any annotation, to review a
/// manual one too or take back a rejection), or every suggestion of a label.
pub fn run_review(args: &ReviewArgs, out: &mut Output) -> io::Result<ExitCode> {
    change_page(&args.page, args.new_sidecar, out, |document| {
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
            operations::review::suggestions_of_label(document, label, item)
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
    Ok(operations::review::set_status(chosen, status))
}

/// Arguments of `copydesk edit`.
#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The page.
    page: PathBuf,
    /// The annotation to change (see `copydesk annotations`).
    #[arg(long)]
    id: String,
    /// Give it another label.
    #[arg(long)]
    label: Option<String>,
    /// Move it to this range of code points, START:END.
    #[arg(long, value_parser = parse_range)]
    range: Option<Span>,
    /// Set its note ("" clears it).
    #[arg(long)]
    note: Option<String>,
    /// Set a correction's replacement text ("" clears it).
    #[arg(long)]
    correction: Option<String>,
    /// Set a metric's fields, as NAME=VALUE: value, unit, scale (万, 亿, 万亿 or a number),
    /// approx, indicator, period, change (the phrase), change-figure. An empty VALUE clears.
    #[arg(long = "metric", value_name = "NAME=VALUE")]
    metric: Vec<String>,
    /// If the sidecar cannot be read, set it aside (renamed, not changed) and start a new one.
    #[arg(long)]
    new_sidecar: bool,
}

/// Changes one annotation's label, range, note, correction or metric fields, as one step.
pub fn run_edit(args: &EditArgs, out: &mut Output) -> io::Result<ExitCode> {
    change_page(&args.page, args.new_sidecar, out, |document| {
        let commands = edit_commands(args, document)?;
        let summary = format!("{} change(s) to {}", commands.len(), args.id);
        Ok((commands, summary))
    })
}

fn edit_commands(args: &EditArgs, document: &Document) -> Result<Vec<Command>, String> {
    let id = AnnotationId(args.id.clone());
    let annotation = document
        .get(&id)
        .ok_or_else(|| format!("no annotation has id {}", args.id))?;
    let optional = |text: &str| (!text.is_empty()).then(|| text.to_owned());
    let mut commands = Vec::new();
    if let Some(label) = &args.label {
        commands.push(Command::Relabel {
            id: id.clone(),
            label: label.clone(),
        });
    }
    if let Some(span) = args.range {
        commands.push(Command::SetRange {
            id: id.clone(),
            span,
        });
    }
    if let Some(note) = &args.note {
        commands.push(Command::SetNote {
            id: id.clone(),
            note: optional(note),
        });
    }
    let kind = |label: &str| document.tagset().get(label).map(|t| t.kind);
    let label = args.label.as_deref().unwrap_or(&annotation.label);
    if args.correction.is_some() && kind(label) != Some(Kind::Correction) {
        return Err(format!(
            "--correction is for correction labels; {label} is not one"
        ));
    }
    if !args.metric.is_empty() && kind(label) != Some(Kind::Metric) {
        return Err(format!("--metric is for metric labels; {label} is not one"));
    }
    if let Some(correction) = &args.correction {
        commands.push(Command::SetCorrection {
            id: id.clone(),
            correction: optional(correction),
        });
    }
    if !args.metric.is_empty() {
        let mut metric = annotation.metric.clone().unwrap_or_default();
        for field in &args.metric {
            let (name, value) = field
                .split_once('=')
                .ok_or_else(|| format!("--metric {field:?} is not NAME=VALUE"))?;
            metric
                .set_field(name, value)
                .map_err(|err| err.to_string())?;
        }
        commands.push(Command::SetMetric {
            id,
            metric: Some(metric),
        });
    }
    Ok(commands)
}
