//! The command line: `copydesk [PAGE]` and its subcommands.
//!
//! Each subcommand lives in a module `run_<subcommand>` (`untag` beside `tag` in `run_tag`),
//! which turns the core's results into text for people or JSON for scripts; what a subcommand
//! does to a page is the core's [`operations`](crate::operations), the same the app calls.
//! Output goes through [`Output`], which stops quietly when the reader of a pipe goes away and
//! reports output it could not write. Errors are one line each on standard error, naming the
//! file.

mod change;
mod outline_text;
mod page;
mod run_adjudicate;
mod run_agree;
mod run_annotations;
mod run_check;
mod run_done;
mod run_edit;
mod run_export;
mod run_fix;
mod run_git_setup;
mod run_import;
mod run_merge_driver;
mod run_review;
mod run_segment;
mod run_stats;
mod run_suggest;
mod run_tag;
mod run_train;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[cfg(not(feature = "gui"))]
use clap::CommandFactory;
use clap::Parser;

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
    command: Option<Subcommand>,
    /// The page or folder to open in the app; without one, the last page or the bundled sample.
    #[arg(value_name = "PAGE|FOLDER")]
    page: Option<PathBuf>,
    /// With a folder: compare it with another annotator's folder of the same pages (the
    /// library's Agreement tab, to adjudicate).
    #[arg(long, value_name = "FOLDER", requires = "page")]
    compare: Option<PathBuf>,
}

/// The subcommands: everything but the window, which bare `copydesk` opens.
#[derive(Debug, clap::Subcommand)]
enum Subcommand {
    /// Split pages into stories and photo items and print their outline or JSON.
    Segment(run_segment::Args),
    /// Add annotations: a quote (first or every occurrence) or a range, with a label.
    Tag(run_tag::TagArgs),
    /// Remove annotations by id.
    Untag(run_tag::UntagArgs),
    /// Change an annotation: label, range, note, correction, metric fields.
    Edit(run_edit::EditArgs),
    /// List the annotations of pages, with item, pane, status and anchoring.
    Annotations(run_annotations::Args),
    /// Suggest annotations (figures, names, titles, dates) for pages; --write adds them.
    Suggest(run_suggest::Args),
    /// Train the folder's model on its accepted annotations; report P/R/F1 per label.
    Train(run_train::Args),
    /// Accept or reject suggestions, by id or by label.
    Review(run_review::ReviewArgs),
    /// Export pages and folders as datasets: JSON Lines, CoNLL, brat, Label Studio, a
    /// metrics table, or the corrected text.
    Export(run_export::Args),
    /// How far two annotators agree: P/R/F1 per label, Cohen's kappa, every disagreement.
    Agree(run_agree::Args),
    /// Settle two annotators' disagreements into a gold folder.
    Adjudicate(run_adjudicate::Args),
    /// Mark pages done, or not done with --undo (as the library's key does).
    Done(run_done::Args),
    /// The figures of a folder: pages by state, annotations per label, author and day,
    /// suggestions accepted and rejected per rule.
    Stats(run_stats::Args),
    /// Import work from other tools as pages and sidecars: brat, JSON Lines (copydesk's own),
    /// doccano, Label Studio, CoNLL.
    Import(run_import::Args),
    /// Merge two versions of a sidecar for git (set up by `copydesk git-setup`).
    MergeDriver(run_merge_driver::Args),
    /// Set a git repository up to merge sidecars with copydesk and ignore its lock and
    /// temporary files.
    GitSetup(run_git_setup::Args),
    /// Proofread pages (GB/T 15834 punctuation, GB/T 15835 numbers): print the marks;
    /// --apply records the fixes as corrections. Exit status 1 if an error mark is left.
    Check(run_check::Args),
    /// Print a page with its recorded corrections applied (the page itself is never changed).
    Fix(run_fix::Args),
}

/// Runs the command line and returns the process's exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = Output::stdout();
    let result = match cli.command {
        Some(Subcommand::Segment(args)) => run_segment::run(&args, &mut out),
        Some(Subcommand::Tag(args)) => run_tag::run(&args, &mut out),
        Some(Subcommand::Untag(args)) => run_tag::run_untag(&args, &mut out),
        Some(Subcommand::Edit(args)) => run_edit::run(&args, &mut out),
        Some(Subcommand::Annotations(args)) => run_annotations::run(&args, &mut out),
        Some(Subcommand::Suggest(args)) => run_suggest::run(&args, &mut out),
        Some(Subcommand::Train(args)) => run_train::run(&args, &mut out),
        Some(Subcommand::Review(args)) => run_review::run(&args, &mut out),
        Some(Subcommand::Export(args)) => run_export::run(&args, &mut out),
        Some(Subcommand::Agree(args)) => run_agree::run(&args, &mut out),
        Some(Subcommand::Adjudicate(args)) => run_adjudicate::run(&args, &mut out),
        Some(Subcommand::Done(args)) => run_done::run(&args, &mut out),
        Some(Subcommand::Stats(args)) => run_stats::run(&args, &mut out),
        Some(Subcommand::Import(args)) => run_import::run(&args, &mut out),
        Some(Subcommand::MergeDriver(args)) => run_merge_driver::run(&args, &mut out),
        Some(Subcommand::GitSetup(args)) => run_git_setup::run(&args, &mut out),
        Some(Subcommand::Check(args)) => run_check::run(&args, &mut out),
        Some(Subcommand::Fix(args)) => run_fix::run(&args, &mut out),
        None => match cli.page.as_deref().and_then(missing_page) {
            Some(message) => {
                report(&message);
                Ok(ExitCode::from(2))
            }
            None => open_window(cli.page, cli.compare, &mut out),
        },
    };
    let result = result.and_then(|status| out.finish().map(|()| status));
    match result {
        Ok(status) => status,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            report(&format!("cannot write the output: {err}"));
            ExitCode::FAILURE
        }
    }
}

/// What to say when the page to open does not exist: it may be a mistyped subcommand
/// (`copydesk segement`), which must not open a window on a page that is not there.
fn missing_page(page: &std::path::Path) -> Option<String> {
    if page.exists() {
        return None;
    }
    let typed = page.to_string_lossy();
    let nearest = <Cli as clap::CommandFactory>::command()
        .get_subcommands()
        .map(|command| command.get_name().to_owned())
        .map(|name| (strsim::levenshtein(&typed, &name), name))
        .filter(|(distance, name)| *distance <= 2.max(name.len() / 4))
        .min();
    Some(match nearest {
        Some((_, name)) => format!(
            "{typed}: no such page or folder, and no such command; did you mean `copydesk {name}`? (copydesk --help lists them)"
        ),
        None => format!("{typed}: no such page or folder"),
    })
}

/// Opens the desktop app on `page`.
#[cfg(feature = "gui")]
fn open_window(
    page: Option<PathBuf>,
    compare: Option<PathBuf>,
    _out: &mut Output,
) -> io::Result<ExitCode> {
    match crate::app::run(page, compare) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(message) => {
            report(&message);
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The headless build has no window: bare `copydesk` prints the help and says so.
#[cfg(not(feature = "gui"))]
fn open_window(
    page: Option<PathBuf>,
    _compare: Option<PathBuf>,
    out: &mut Output,
) -> io::Result<ExitCode> {
    out.line(&Cli::command().render_help().to_string())?;
    report(&format!(
        "{}this build has no window (it was built without the `gui` feature); the subcommands above all work",
        page.map_or_else(String::new, |page| format!(
            "cannot open {}: ",
            page.display()
        ))
    ));
    Ok(ExitCode::FAILURE)
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

    /// Writes out what is buffered. Call it once at the end: an error here (a full disk
    /// under a redirect) means the output is incomplete.
    pub fn finish(mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Prints one error line on standard error.
#[expect(
    clippy::let_underscore_must_use,
    reason = "an error that cannot be written to standard error has nowhere left to go"
)]
pub fn report(message: &str) {
    let _ = writeln!(io::stderr().lock(), "copydesk: {message}");
}

/// A progress bar on standard error, hidden when that is not a terminal (export, import).
fn progress_bar() -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    use std::io::IsTerminal;
    let target = if io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(None, target);
    if let Ok(style) = ProgressStyle::with_template("{msg:8} {wide_bar} {pos}/{len} {eta}") {
        bar.set_style(style);
    }
    bar
}

/// Shows `done` of `total` on `bar`, saying `message` (a new stage resets its length).
fn show_progress(bar: &indicatif::ProgressBar, message: &'static str, done: usize, total: usize) {
    if bar.length() != Some(total as u64) || done == 0 {
        bar.set_message(message);
        bar.set_length(total as u64);
    }
    bar.set_position(done as u64);
}

/// The exit status after a run over several pages: failure if any page failed.
fn status(failures: usize) -> ExitCode {
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
