//! `copydesk edit`: change one annotation's label, range, note, correction or metric fields,
//! as the inspector does.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Output;
use super::change::{Unreadable, change_page, parse_range};
use crate::annotation::{AnnotationId, Command, Document, Kind};
use crate::operations::tag;
use crate::text::Span;

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
    /// What to do if the sidecar cannot be read.
    #[command(flatten)]
    unreadable: Unreadable,
}

/// Changes one annotation's label, range, note, correction or metric fields, as one step.
pub fn run(args: &EditArgs, out: &mut Output) -> io::Result<ExitCode> {
    change_page(&args.page, &args.unreadable, out, |document| {
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
    // A new metric label reads the figure at the range; --metric fields then start from it.
    let mut read_figure = None;
    if let Some(label) = &args.label {
        for command in tag::relabel(document, annotation, label) {
            match command {
                Command::SetMetric { metric, .. } if !args.metric.is_empty() => {
                    read_figure = metric;
                }
                other => commands.push(other),
            }
        }
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
        let mut metric = read_figure
            .or_else(|| annotation.metric.as_deref().cloned())
            .unwrap_or_default();
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
