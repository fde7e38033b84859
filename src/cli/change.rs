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

/// Opens a page for changing, setting an unreadable sidecar aside only if asked to.
pub fn open_for_change(page: &Path, new_sidecar: bool) -> Result<Document, String> {
    let document = open_sidecar(page, new_sidecar)?;
    super::page::warn_replaced(&page.display().to_string(), document.source());
    Ok(document)
}

fn open_sidecar(page: &Path, new_sidecar: bool) -> Result<Document, String> {
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

/// What to change on a page: made from the document as opened, it gives the commands to apply
/// as one step and the summary to print (or a message saying why nothing can be done).
pub type Plan<'a> = dyn FnOnce(&Document) -> Result<(Vec<Command>, String), String> + 'a;

/// Opens a page for changing (annotations recorded under `author`, if given), applies what
/// `plan` decides as one undoable step, and saves. Returns the summary after the page's name,
/// or one line saying what failed; then nothing was saved.
pub fn apply_and_save(
    page: &Path,
    new_sidecar: bool,
    author: Option<&str>,
    plan: Box<Plan<'_>>,
) -> Result<String, String> {
    let name = page.display();
    let mut document = open_for_change(page, new_sidecar)?;
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
    new_sidecar: bool,
    out: &mut Output,
    plan: impl FnOnce(&Document) -> Result<(Vec<Command>, String), String>,
) -> io::Result<ExitCode> {
    match apply_and_save(page, new_sidecar, None, Box::new(plan)) {
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
