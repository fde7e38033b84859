//! Marking a page done, or taking the mark back — for the app's key, its library and
//! `copydesk done` alike.

use std::path::Path;

use crate::annotation::{Command, Document, PageState, model::now};

/// The command marking `document` done (`done: true`) or not done, by its author, now;
/// `None` if it is in that state already (a page never marked is not done).
pub fn mark_done(document: &Document, done: bool) -> Option<Command> {
    (document.is_done() != done).then(|| {
        Command::SetState(Some(PageState {
            done,
            by: document.author().to_owned(),
            changed: now(),
        }))
    })
}

/// Opens `page` (with its sidecar), marks it done or not done by `author` (or the login
/// name), and saves. `Ok(false)` if it was in that state already (nothing is written); the
/// error names the file and what went wrong (an unreadable sidecar is left untouched).
pub fn mark_page_done(page: &Path, done: bool, author: Option<&str>) -> Result<bool, String> {
    let mut document = Document::open(page).map_err(|err| err.to_string())?;
    if let Some(author) = author {
        document.set_author(author);
    }
    let Some(command) = mark_done(&document, done) else {
        return Ok(false);
    };
    document
        .apply(command)
        .map_err(|err| format!("{}: {err}", page.display()))?;
    document.save().map_err(|err| err.to_string())?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{PageEncoding, Source};

    #[test]
    fn marking_done_is_one_undoable_step_and_asks_nothing_when_already_so() {
        let source = Source::from_text("## 新区开工\n\n本报讯 新区开工。\n", PageEncoding::Utf8);
        let mut document = Document::unsaved("a.txt", source);
        document.set_author("林晓舟");
        assert_eq!(mark_done(&document, false), None);
        document.apply(mark_done(&document, true).unwrap()).unwrap();
        assert!(document.is_done());
        assert_eq!(document.state().unwrap().by, "林晓舟");
        assert_eq!(mark_done(&document, true), None);
        assert_eq!(document.undo().as_deref(), Some("mark the page done"));
        assert!(!document.is_done());
        // Undone, the page is not done, and says so with a newer time than the mark had.
        let undone = document.state().unwrap();
        assert!(!undone.done);
        document.redo();
        assert!(document.is_done());
    }
}
