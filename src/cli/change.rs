//! Changing a page's annotations from the command line: open the page with its sidecar
//! (setting an unreadable one aside only when asked), apply one undoable step, save, and say
//! what happened in one line.

use std::io;
use std::path::Path;
use std::process::ExitCode;

use super::{Output, report};
use crate::annotation::{Command, Document, OpenError};
use crate::text::Span;

/// Reads `START:END` (code points, end exclusive) for `--range`.
pub fn parse_range(text: &str) -> Result<Span, String> {
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

/// What to do when a page's sidecar cannot be read: stop (the default), or what the user asks.
#[derive(Debug, Default, clap::Args)]
pub struct Unreadable {
    /// If the sidecar cannot be read, set it aside (renamed, not changed) and start a new one;
    /// its backup is kept as PAGE.ann.ron.bak-before-TIME.
    #[arg(long, conflicts_with = "restore_backup")]
    pub new_sidecar: bool,
    /// If the sidecar cannot be read, set it aside (renamed, not changed) and go back to its
    /// last good version, the backup PAGE.ann.ron.bak.
    #[arg(long)]
    pub restore_backup: bool,
}

/// Opens a page for changing; an unreadable sidecar is set aside only if asked to.
pub fn open_for_change(page: &Path, unreadable: &Unreadable) -> Result<Document, String> {
    let document = open_sidecar(page, unreadable)?;
    super::page::warn_replaced(&page.display().to_string(), document.source());
    Ok(document)
}

fn open_sidecar(page: &Path, unreadable: &Unreadable) -> Result<Document, String> {
    let recovered = match Document::open(page) {
        Ok(document) => return Ok(document),
        Err(OpenError::Sidecar(_)) if unreadable.new_sidecar => {
            Document::open_with_new_sidecar(page)
        }
        Err(OpenError::Sidecar(_)) if unreadable.restore_backup => {
            Document::open_restoring_backup(page)
        }
        Err(err @ OpenError::Sidecar(_)) => {
            let backup = Document::readable_backup(page).map_or_else(String::new, |backup| {
                format!(
                    ", or with --restore-backup to go back to its last good version ({})",
                    backup.display()
                )
            });
            return Err(format!(
                "{err}; to set it aside and start a new sidecar, run again with --new-sidecar{backup}"
            ));
        }
        Err(err) => return Err(err.to_string()),
    };
    let (document, set_aside) = recovered.map_err(|err| err.to_string())?;
    if let Some(what) = set_aside.describe() {
        report(&what);
    }
    Ok(document)
}

/// What to change on a page: made from the document as opened, it gives the commands to apply
/// as one step and the summary to print (or a message saying why nothing can be done).
pub type Plan<'a> = dyn FnOnce(&Document) -> Result<(Vec<Command>, String), String> + 'a;

/// Opens a page for changing (annotations recorded under `author`, if given), applies what
/// `plan` decides as one undoable step, and saves. Returns the summary after the page's name,
/// or one line saying what failed; then nothing was saved.
pub fn apply_and_save(
    page: &Path,
    unreadable: &Unreadable,
    author: Option<&str>,
    plan: Box<Plan<'_>>,
) -> Result<String, String> {
    let name = page.display();
    let mut document = open_for_change(page, unreadable)?;
    if let Some(author) = author {
        document.set_author(author);
    }
    let (commands, summary) = plan(&document).map_err(|message| format!("{name}: {message}"))?;
    if !commands.is_empty() {
        document
            .apply(Command::Batch(commands))
            .map_err(|err| format!("{name}: {err}; nothing was changed"))?;
        document.save().map_err(|err| err.to_string())?;
    }
    Ok(format!("{name}: {summary}"))
}

/// [`apply_and_save`] for one page, printing the summary, or the failure on standard error.
pub fn change_page(
    page: &Path,
    unreadable: &Unreadable,
    out: &mut Output,
    plan: impl FnOnce(&Document) -> Result<(Vec<Command>, String), String>,
) -> io::Result<ExitCode> {
    match apply_and_save(page, unreadable, None, Box::new(plan)) {
        Ok(summary) => {
            out.line(&summary)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(message) => {
            report(&message);
            Ok(ExitCode::FAILURE)
        }
    }
}
