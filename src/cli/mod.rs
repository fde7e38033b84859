//! The command line: `copydesk [PAGE]` and its subcommands.
//!
//! Each subcommand lives in its own module and turns library results into text for people or
//! JSON for scripts. Output goes through [`Output`], which stops quietly when the reader of a
//! pipe goes away. Errors are one line each on standard error, naming the file.

mod annotations;
mod outline;
mod page;
mod segment;
mod suggest;
mod tag;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Read, proofread and annotate Chinese newspaper pages.
#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The page or folder to open in the app; without one, the last page or the bundled sample.
    #[arg(value_name = "PAGE|FOLDER")]
    page: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Split pages into stories and photo items and print their outline or JSON.
    Segment(segment::Args),
    /// Add annotations: a quote (first or every occurrence) or a range, with a label.
    Tag(tag::TagArgs),
    /// Remove annotations by id.
    Untag(tag::UntagArgs),
    /// Change an annotation: label, range, note, correction, metric fields.
    Edit(tag::EditArgs),
    /// List the annotations of pages, with item, pane, status and anchoring.
    Annotations(annotations::Args),
    /// Suggest annotations (figures, names, titles, dates) for pages; --write adds them.
    Suggest(suggest::Args),
    /// Accept or reject suggestions, by id or by label.
    Review(tag::ReviewArgs),
}

/// Runs the command line and returns the process's exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = Output::stdout();
    let result = match cli.command {
        Some(Command::Segment(args)) => segment::run(&args, &mut out),
        Some(Command::Tag(args)) => tag::run_tag(&args, &mut out),
        Some(Command::Untag(args)) => tag::run_untag(&args, &mut out),
        Some(Command::Edit(args)) => tag::run_edit(&args, &mut out),
        Some(Command::Annotations(args)) => annotations::run(&args, &mut out),
        Some(Command::Suggest(args)) => suggest::run(&args, &mut out),
        Some(Command::Review(args)) => tag::run_review(&args, &mut out),
        None => match crate::app::run(cli.page) {
            Ok(()) => Ok(ExitCode::SUCCESS),
            Err(message) => {
                report(&message);
                Ok(ExitCode::FAILURE)
            }
        },
    };
    match result {
        Ok(status) => status,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            report(&format!("cannot write the output: {err}"));
            ExitCode::FAILURE
        }
    }
}

/// Where a command writes its results: standard output, or a buffer in tests.
pub struct Output {
    writer: Box<dyn Write>,
}

impl Output {
    /// Standard output, buffered.
    pub fn stdout() -> Self {
        Self {
            writer: Box::new(io::BufWriter::new(io::stdout().lock())),
        }
    }

    /// Writes one line.
    pub fn line(&mut self, text: &str) -> io::Result<()> {
        self.writer.write_all(text.as_bytes())?;
        self.writer.write_all(b"\n")
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // A failed flush at exit has nowhere better to be reported.
        let _ = self.writer.flush();
    }
}

/// Prints one error line on standard error.
pub fn report(message: &str) {
    let _ = writeln!(io::stderr().lock(), "copydesk: {message}");
}

/// The exit status after a run over several pages: failure if any page failed.
fn status(failures: usize) -> ExitCode {
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
