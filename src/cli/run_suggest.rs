//! `copydesk suggest PAGE... [--json] [--write] [--only metrics|entities] [--model MODEL]`:
//! pre-annotations of pages, one line each for people, or JSON Lines for scripts; `--write`
//! adds the new ones to the pages' sidecars as suggestions to review. With `--model`, the
//! trained model's entities join the rules' (the precedence of
//! [`suggest::model::propose`](crate::suggest::model::propose)).

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::change::Unreadable;
use super::{Output, page, report, status};
use crate::annotation::{Annotation, Command, Direction, Document, Metric, Origin};
use crate::bulletin::segment;
use crate::suggest::model::{self, Model};
use crate::suggest::{Options, Suggestion, suggest};

/// Arguments of `copydesk suggest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Page files to read (`-` reads standard input).
    #[arg(required = true)]
    pages: Vec<PathBuf>,
    /// Print one JSON object per suggestion (JSON Lines) instead of readable lines.
    #[arg(long)]
    json: bool,
    /// Only figures, or only names, titles, events and dates.
    #[arg(long, value_enum)]
    only: Option<Only>,
    /// Add the suggestions not on the page yet to its sidecar, with status "suggested" (a
    /// rejected suggestion is never added again). Prints what was added.
    #[arg(long)]
    write: bool,
    /// A model trained with `copydesk train` (a folder's `.copydesk/model.bin`): its people,
    /// places and organisations join the rules' suggestions.
    #[arg(long, value_name = "MODEL")]
    model: Option<PathBuf>,
    /// With --model: leave out model suggestions less confident than this (0 to 1).
    #[arg(long, default_value_t = 0.5, requires = "model")]
    threshold: f32,
    /// With --write: what to do if the sidecar cannot be read.
    #[command(flatten)]
    unreadable: Unreadable,
}

/// What `--only` keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Only {
    /// `METRIC` suggestions.
    Metrics,
    /// `PER`, `LOC`, `ORG`, `WORK`, `EVENT` and `DATE` suggestions.
    Entities,
}

/// One suggestion in `suggest --json`.
#[derive(Serialize)]
struct SuggestionJson<'a> {
    file: &'a str,
    label: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    rule: &'a str,
    metric: Option<&'a Metric>,
    /// The model's confidence, for its suggestions.
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
}

/// Suggests annotations for every page, printing each page as it is done; pages that cannot
/// be read are reported on standard error and make the exit status non-zero.
pub fn run(args: &Args, out: &mut Output) -> io::Result<ExitCode> {
    let options = Options {
        metrics: args.only != Some(Only::Entities),
        entities: args.only != Some(Only::Metrics),
    };
    let model = match args.model.as_deref().map(Model::load).transpose() {
        Ok(model) => model,
        Err(err) => {
            report(&err.to_string());
            return Ok(ExitCode::from(2));
        }
    };
    if args.write {
        return write(args, options, model.as_ref(), out);
    }
    if args.unreadable.new_sidecar || args.unreadable.restore_backup {
        report("--new-sidecar and --restore-backup go with --write: without it nothing is saved");
        return Ok(ExitCode::from(2));
    }
    if let Some(model) = &model {
        return with_model(args, options, model, out);
    }
    page::for_each(&args.pages, |printed, page| {
        let bulletin = segment(page.source.text());
        let suggestions = suggest(&page.source, &bulletin, &[], options);
        if !args.json {
            if printed > 0 {
                out.line("")?;
            }
            out.line(&format!("{}  {} suggestions", page.name, suggestions.len()))?;
        }
        for suggestion in &suggestions {
            let text = page.source.slice(suggestion.span);
            if args.json {
                let json = SuggestionJson {
                    file: &page.name,
                    label: suggestion.label,
                    start: suggestion.span.start,
                    end: suggestion.span.end,
                    text,
                    rule: suggestion.rule,
                    metric: suggestion.metric.as_deref(),
                    confidence: None,
                };
                let line = serde_json::to_string(&json).map_err(io::Error::other)?;
                out.line(&line)?;
            } else {
                out.line(&readable(suggestion, text))?;
            }
        }
        Ok(())
    })
}

/// The name in `rule` of a suggestion: the rule, or `model:perceptron`.
fn origin_name(annotation: &Annotation) -> String {
    match &annotation.origin {
        Origin::Rule(rule) => rule.clone(),
        other => other.to_string(),
    }
}

/// One suggestion as a JSON line.
fn json_line(file: &str, annotation: &Annotation) -> io::Result<String> {
    let rule = origin_name(annotation);
    let json = SuggestionJson {
        file,
        label: &annotation.label,
        start: annotation.start,
        end: annotation.end,
        text: &annotation.quote,
        rule: &rule,
        metric: annotation.metric.as_deref(),
        confidence: annotation.confidence,
    };
    serde_json::to_string(&json).map_err(io::Error::other)
}

/// Without `--write`, with `--model`: the rules' and the model's suggestions for each page, as
/// they would be added to a page with no annotations yet.
fn with_model(
    args: &Args,
    options: Options,
    model: &Model,
    out: &mut Output,
) -> io::Result<ExitCode> {
    page::for_each(&args.pages, |printed, page| {
        let document = Document::unsaved(&page.name, page.source);
        let found = model::new_suggestions(&document, options, Some(model), args.threshold);
        if !args.json {
            if printed > 0 {
                out.line("")?;
            }
            out.line(&format!("{}  {} suggestions", page.name, found.len()))?;
        }
        for annotation in &found {
            if args.json {
                out.line(&json_line(&page.name, annotation)?)?;
            } else {
                let range = format!("{}-{}", annotation.start, annotation.end);
                let text = annotation.quote.replace(['\r', '\n'], " ");
                let mut line = format!(
                    "  {range:<11} {:<7} {text}  {}",
                    annotation.label,
                    origin_name(annotation)
                );
                if let Some(confidence) = annotation.confidence {
                    line.push_str(&format!("  confidence={confidence:.2}"));
                }
                out.line(&line)?;
            }
        }
        Ok(())
    })
}

/// `--write`: adds each page's new suggestions to its sidecar and prints them.
fn write(
    args: &Args,
    options: Options,
    model: Option<&Model>,
    out: &mut Output,
) -> io::Result<ExitCode> {
    let mut failures = 0;
    for path in &args.pages {
        let name = path.display().to_string();
        if name == "-" {
            report("standard input: --write needs a page file, to put the sidecar beside it");
            failures += 1;
            continue;
        }
        let mut document = match super::change::open_for_change(path, &args.unreadable) {
            Ok(document) => document,
            Err(message) => {
                report(&message);
                failures += 1;
                continue;
            }
        };
        let added = model::new_suggestions(&document, options, model, args.threshold);
        if args.json {
            for annotation in &added {
                out.line(&json_line(&name, annotation)?)?;
            }
        }
        let count = added.len();
        if count > 0 {
            let commands = added.into_iter().map(Command::Add).collect();
            let saved = document
                .apply(Command::Batch(commands))
                .map_err(|err| format!("{name}: {err}"))
                .and_then(|()| document.save().map_err(|err| err.to_string()));
            if let Err(message) = saved {
                report(&message);
                failures += 1;
                continue;
            }
        }
        if !args.json {
            out.line(&format!("{name}: added {count} suggestions to review"))?;
        }
    }
    Ok(status(failures))
}

/// `  240-248  METRIC  386.2亿元  metric.money  value=386.2 scale=亿 …`
fn readable(suggestion: &Suggestion, text: &str) -> String {
    let range = format!("{}-{}", suggestion.span.start, suggestion.span.end);
    let text = text.replace(['\r', '\n'], " ");
    let mut line = format!(
        "  {range:<11} {:<7} {text}  {}",
        suggestion.label, suggestion.rule
    );
    if let Some(metric) = &suggestion.metric {
        line.push_str("  ");
        line.push_str(&metric_fields(metric).join(" "));
    }
    line
}

/// The fields of a metric that are set, as `name=value`.
fn metric_fields(metric: &Metric) -> Vec<String> {
    let Metric {
        value,
        number,
        upper,
        scale,
        unit,
        approx,
        indicator,
        period,
        change,
    } = metric;
    let mut fields = vec![format!("value={value}")];
    if *scale != 1 {
        fields.push(format!("scale={scale}"));
    }
    fields.extend(number.map(|n| format!("number={n}")));
    fields.extend(upper.map(|n| format!("upper={n}")));
    fields.extend(unit.as_ref().map(|u| format!("unit={u}")));
    fields.extend(approx.as_ref().map(|a| format!("approx={a}")));
    fields.extend(indicator.as_ref().map(|i| format!("indicator={i}")));
    fields.extend(period.as_ref().map(|p| format!("period={p}")));
    if let Some(change) = change {
        let sign = match change.direction {
            Direction::Up => "+",
            Direction::Down => "-",
            Direction::Unknown => "",
        };
        fields.push(format!("change={}{sign}{}", change.phrase, change.figure));
    }
    fields
}
