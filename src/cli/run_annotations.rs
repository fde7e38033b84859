//! `copydesk annotations PAGE... [--json]`: what is annotated, where, and how it was anchored.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::{Output, report, status};
use crate::annotation::{Annotation, Document, Metric};

/// Arguments of `copydesk annotations`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Page files whose sidecars to list.
    #[arg(required = true)]
    pages: Vec<PathBuf>,
    /// Print JSON Lines, one object per annotation.
    #[arg(long)]
    json: bool,
}

/// One annotation as printed by `--json`.
#[derive(Serialize)]
struct AnnotationJson<'a> {
    file: &'a str,
    id: &'a str,
    label: &'a str,
    start: usize,
    end: usize,
    quote: &'a str,
    /// 1-based item number in the page outline.
    item: Option<usize>,
    pane: Option<&'static str>,
    status: &'static str,
    anchor: &'static str,
    origin: String,
    author: &'a str,
    note: Option<&'a str>,
    metric: Option<&'a Metric>,
    correction: Option<&'a str>,
}

/// Lists the annotations of every page. Reading never changes a sidecar.
pub fn run(args: &Args, out: &mut Output) -> io::Result<ExitCode> {
    let mut failures = 0;
    for path in &args.pages {
        let document = match Document::open(path) {
            Ok(document) => document,
            Err(err) => {
                report(&err.to_string());
                failures += 1;
                continue;
            }
        };
        let file = path.display().to_string();
        super::page::warn_replaced(&file, document.source());
        if args.json {
            for annotation in document.annotations() {
                let line = serde_json::to_string(&to_json(&file, &document, annotation))
                    .map_err(io::Error::other)?;
                out.line(&line)?;
            }
        } else {
            print(&file, &document, out)?;
        }
    }
    Ok(status(failures))
}

fn to_json<'a>(
    file: &'a str,
    document: &Document,
    annotation: &'a Annotation,
) -> AnnotationJson<'a> {
    let location = document.locate(annotation.span());
    AnnotationJson {
        file,
        id: &annotation.id.0,
        label: &annotation.label,
        start: annotation.start,
        end: annotation.end,
        quote: &annotation.quote,
        item: location.map(|l| l.item + 1),
        pane: location.map(|l| l.pane.name()),
        status: annotation.status.name(),
        anchor: annotation.anchor.name(),
        origin: annotation.origin.to_string(),
        author: &annotation.author,
        note: annotation.note.as_deref(),
        metric: annotation.metric.as_deref(),
        correction: annotation.correction.as_deref(),
    }
}

fn print(file: &str, document: &Document, out: &mut Output) -> io::Result<()> {
    let anchoring = document.anchoring();
    let mut header = format!("{file}: {} annotations", document.annotations().len());
    if !anchoring.all_exact() {
        header.push_str(&format!(
            " (page changed: {} exact, {} moved, {} fuzzy, {} orphaned)",
            anchoring.exact, anchoring.moved, anchoring.fuzzy, anchoring.orphaned
        ));
    }
    out.line(&header)?;
    for annotation in document.annotations() {
        let location = document.locate(annotation.span()).map_or_else(
            || "-".to_owned(),
            |l| format!("{} {}", l.item + 1, l.pane.name()),
        );
        out.line(&format!(
            "  {:>6}:{:<6} {:<7} {:<12} {:<9} {:<8} {}  {}",
            annotation.start,
            annotation.end,
            annotation.label,
            location,
            annotation.status.name(),
            annotation.anchor.name(),
            annotation.id,
            annotation.quote.replace(['\n', '\r'], " "),
        ))?;
    }
    Ok(())
}
