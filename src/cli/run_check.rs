//! `copydesk check PAGE... [--json] [--only ID,…] [--min-severity S] [--apply] [--ignore
//! CHECK@START:END]`: the proofreading marks of pages, one line each
//! (`file:line:column: severity check-id: message (fix: …)`) or JSON Lines, for a newsroom
//! pipeline.
//!
//! Exit status 0 when every page was read and no error-severity mark is left, 1 when one is
//! left or a page could not be read, 2 for a usage error. `--apply` records every fix as a
//! correction in the sidecar and `--ignore` an ignored mark, both through
//! [`crate::operations::proofread`], as the app's Enter and I keys do.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::change::{Unreadable, open_for_change, parse_range};
use super::{Output, page, report};
use crate::annotation::{Command, Document};
use crate::operations::proofread;
use crate::proof::{Check, Mark, ProofSettings, Severity};
use crate::text::{Source, Span};

/// Arguments of `copydesk check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Page files to check (`-` reads standard input).
    #[arg(required = true)]
    pages: Vec<PathBuf>,
    /// Print one JSON object per mark (JSON Lines) instead of readable lines.
    #[arg(long)]
    json: bool,
    /// Run only these checks (ids, comma-separated: punct.halfwidth,pairs.unbalanced).
    #[arg(long, value_delimiter = ',', value_parser = parse_check)]
    only: Vec<Check>,
    /// Leave out marks below this severity.
    #[arg(long, value_enum, default_value = "info")]
    min_severity: MinSeverity,
    /// Record every fix as a correction in the page's sidecar; the marks without a fix are
    /// printed.
    #[arg(long)]
    apply: bool,
    /// Remember a mark as ignored (CHECK@START:END, code points), so it is not shown again.
    #[arg(long, value_parser = parse_ignore)]
    ignore: Vec<(Check, Span)>,
    /// With --apply or --ignore: what to do if the sidecar cannot be read.
    #[command(flatten)]
    unreadable: Unreadable,
}

/// The severities `--min-severity` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum MinSeverity {
    /// Every mark.
    Info,
    /// Warnings and errors.
    Warning,
    /// Errors only.
    Error,
}

impl MinSeverity {
    fn severity(self) -> Severity {
        match self {
            Self::Info => Severity::Info,
            Self::Warning => Severity::Warning,
            Self::Error => Severity::Error,
        }
    }
}

fn parse_check(id: &str) -> Result<Check, String> {
    Check::from_id(id.trim()).ok_or_else(|| {
        let ids: Vec<&str> = Check::ALL.iter().map(|c| c.id()).collect();
        format!("no check {id:?}; the checks are {}", ids.join(", "))
    })
}

fn parse_ignore(text: &str) -> Result<(Check, Span), String> {
    let (check, range) = text
        .split_once('@')
        .ok_or_else(|| format!("{text:?} is not CHECK@START:END"))?;
    Ok((parse_check(check)?, parse_range(range)?))
}

/// One mark in `check --json`.
#[derive(Serialize)]
struct MarkJson<'a> {
    file: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    check: &'static str,
    severity: &'static str,
    message: &'static str,
    text: &'a str,
    fix: Option<&'a str>,
}

/// Checks every page and prints its marks; see the module's description for the exit status.
pub fn run(args: &Args, out: &mut Output) -> io::Result<ExitCode> {
    let changing = args.apply || !args.ignore.is_empty();
    if changing && args.pages.iter().any(|p| p == Path::new("-")) {
        report(
            "standard input: --apply and --ignore need a page file, to put the sidecar beside it",
        );
        return Ok(ExitCode::from(2));
    }
    if !changing && (args.unreadable.new_sidecar || args.unreadable.restore_backup) {
        report(
            "--new-sidecar and --restore-backup go with --apply or --ignore: without them nothing is saved",
        );
        return Ok(ExitCode::from(2));
    }
    let mut failed = false;
    for path in &args.pages {
        match check_page(args, path, out)? {
            Ok(errors_left) => failed |= errors_left,
            Err(message) => {
                report(&message);
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// One page: its marks printed, fixes and ignores recorded. `Ok(true)` when an error-severity
/// mark is left; the inner `Err` is a page that could not be checked.
fn check_page(args: &Args, path: &Path, out: &mut Output) -> io::Result<Result<bool, String>> {
    let name = path.display().to_string();
    let document = if path == Path::new("-") {
        page::read(path).map(|page| Document::unsaved("-", page.source))
    } else {
        open_for_change(path, &args.unreadable)
    };
    let mut document = match document {
        Ok(document) => document,
        Err(message) => return Ok(Err(message)),
    };
    let mut settings = match ProofSettings::for_page(path) {
        Ok(settings) => settings,
        Err(err) => return Ok(Err(err.to_string())),
    };
    if !args.only.is_empty() {
        settings.keep_only(&args.only);
    }
    let minimum = args.min_severity.severity();
    let shown = |document: &Document| -> Vec<Mark> {
        proofread::open_marks(document, &settings)
            .into_iter()
            .filter(|mark| mark.severity >= minimum)
            .collect()
    };
    let mut marks = shown(&document);
    let mut commands = Vec::new();
    for (check, span) in &args.ignore {
        let Some(mark) = marks.iter().find(|m| m.check == *check && m.span == *span) else {
            return Ok(Err(format!(
                "{name}: no {check} mark at {}:{} to ignore (copydesk check {name} --only {check} lists them)",
                span.start, span.end
            )));
        };
        match proofread::ignore_commands(&document, [mark]) {
            Ok(ignore) => commands.extend(ignore),
            Err(err) => return Ok(Err(format!("{name}: {err}"))),
        }
    }
    let mut recorded = 0;
    if args.apply {
        let fixable = marks.iter().filter(|m| m.fix.is_some());
        match proofread::fix_commands(&document, fixable) {
            Ok(fixes) => {
                recorded = fixes.len();
                commands.extend(fixes);
            }
            Err(err) => return Ok(Err(format!("{name}: {err}"))),
        }
    }
    if !commands.is_empty() {
        let ignored = commands.len() - recorded;
        if let Err(err) = document.apply(Command::Batch(commands)) {
            return Ok(Err(format!("{name}: {err}; nothing was changed")));
        }
        if let Err(err) = document.save() {
            return Ok(Err(err.to_string()));
        }
        marks = shown(&document);
        if !args.json {
            out.line(&format!(
                "{name}: recorded {recorded} corrections and {ignored} ignored marks"
            ))?;
        }
    }
    let lines = LineStarts::new(document.source());
    for mark in &marks {
        let (line, column) = lines.line_column(mark.span.start);
        let text = document.source().slice(mark.span);
        if args.json {
            let json = MarkJson {
                file: &name,
                start: mark.span.start,
                end: mark.span.end,
                line,
                column,
                check: mark.check.id(),
                severity: mark.severity.name(),
                message: mark.message(),
                text,
                fix: mark.fix.as_deref(),
            };
            out.line(&serde_json::to_string(&json).map_err(io::Error::other)?)?;
        } else {
            let fix = match mark.fix.as_deref() {
                Some("") => " (fix: delete)".to_owned(),
                Some(fix) => format!(" (fix: {fix})"),
                None => String::new(),
            };
            out.line(&format!(
                "{name}:{line}:{column}: {} {}: {}{fix}",
                mark.severity,
                mark.check,
                mark.message()
            ))?;
        }
    }
    Ok(Ok(marks.iter().any(|m| m.severity == Severity::Error)))
}

/// Where each line starts, in code points, to say a mark's line and column.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(source: &Source) -> Self {
        let mut starts = vec![0];
        starts.extend(
            source
                .text()
                .chars()
                .enumerate()
                .filter(|&(_, c)| c == '\n')
                .map(|(at, _)| at + 1),
        );
        Self(starts)
    }

    /// 1-based line and column of a code-point offset.
    fn line_column(&self, at: usize) -> (usize, usize) {
        let line = self.0.partition_point(|&start| start <= at);
        let start = self.0.get(line.saturating_sub(1)).copied().unwrap_or(0);
        (line, at - start + 1)
    }
}
