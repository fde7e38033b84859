//! The proofreading marks of the open page: checked on a thread of their own when the page is
//! opened (or read again), then kept; the marks still open (not ignored, not corrected) are
//! worked out again only when the document's generation changes.
//!
//! Also the Proofreading tab's filters, the selected mark and the corrected view's text, keyed
//! on the generation like every cache here.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::annotation::Document;
use crate::operations::proofread;
use crate::proof::{self, Check, Corrected, Mark, ProofSettings, Severity};
use crate::text::Span;

/// What wakes the window when the checks are done.
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// The marks of one page and what the user does with them.
pub struct ProofMarks {
    settings: ProofSettings,
    /// The folder's `proof.ron` could not be used (the built-in settings are).
    pub settings_problem: Option<String>,
    state: Checking,
    /// The marks still open, for the generation they were worked out at; `None` in it when
    /// nothing on the page can answer a mark, so that all those found are open (a long page
    /// has tens of thousands: they are not copied).
    open: Option<(u64, Option<Vec<Mark>>)>,
    /// The longest open mark, to find those over a paragraph quickly.
    longest: usize,
    /// How many open marks each check has (see [`ProofMarks::counts`]), worked out with them.
    per_check: Vec<(Check, usize)>,
    /// The mark selected (F7, a click in the list).
    selected: Option<Mark>,
    /// Show only this check's marks.
    pub check: Option<Check>,
    /// Show only marks of this severity or above.
    pub min_severity: Severity,
    /// The sidebar shows the Proofreading tab instead of the annotation list.
    pub tab_open: bool,
    /// The reading panes show the text with its corrections applied.
    pub corrected_view: bool,
    corrected: Option<(u64, Corrected)>,
}

/// Where the checks of the page stand.
enum Checking {
    /// Not started yet.
    Idle,
    /// Running on their thread.
    Running(Receiver<Vec<Mark>>),
    /// Done: every mark the checks found.
    Done(Vec<Mark>),
}

impl ProofMarks {
    /// The marks of a page not checked yet, with its folder's settings (or the built-in ones,
    /// and the reason, if the folder's cannot be used).
    pub fn new(document: &Document) -> Self {
        let (settings, settings_problem) = match document.page_path().map(ProofSettings::for_page) {
            Some(Err(err)) => (
                ProofSettings::default(),
                Some(format!("{err}; using the built-in proofreading settings")),
            ),
            Some(Ok(settings)) => (settings, None),
            None => (ProofSettings::default(), None),
        };
        Self {
            settings,
            settings_problem,
            state: Checking::Idle,
            open: None,
            longest: 0,
            per_check: Vec::new(),
            selected: None,
            check: None,
            min_severity: Severity::Info,
            tab_open: false,
            corrected_view: false,
            corrected: None,
        }
    }

    /// Starts checking the page on another thread if that has not been done, and takes the
    /// marks when it is done. `wake` is called from that thread when it finishes.
    pub fn poll(&mut self, document: &Document, wake: &Wake) {
        match &self.state {
            Checking::Idle => {
                let (send, receive) = mpsc::channel();
                // Shared, not copied: a 2 MB page's text, index and stories are several
                // megabytes.
                let source = document.source_arc();
                let bulletin = document.bulletin_arc();
                let settings = self.settings.clone();
                let wake = Arc::clone(wake);
                let spawned = std::thread::Builder::new()
                    .name("proofreading".into())
                    .spawn(move || {
                        let marks = proof::check_page(&source, &bulletin, &settings);
                        // The page may have been closed meanwhile: then nobody waits.
                        if send.send(marks).is_ok() {
                            wake();
                        }
                    });
                self.state = match spawned {
                    Ok(_) => Checking::Running(receive),
                    // No thread to be had: check here, once.
                    Err(_) => Checking::Done(proof::check_page(
                        document.source(),
                        document.bulletin(),
                        &self.settings,
                    )),
                };
            }
            Checking::Running(receive) => match receive.try_recv() {
                Ok(marks) => {
                    self.state = Checking::Done(marks);
                    self.open = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.state = Checking::Done(Vec::new()),
            },
            Checking::Done(_) => {}
        }
    }

    /// The page's text was read again: check it again.
    pub fn page_reloaded(&mut self) {
        self.state = Checking::Idle;
        self.open = None;
        self.selected = None;
        self.corrected = None;
    }

    /// True while the checks run.
    pub fn is_checking(&self) -> bool {
        !matches!(self.state, Checking::Done(_))
    }

    /// The marks still open on the document as it is now (none while checking), in page
    /// order.
    pub fn open(&mut self, document: &Document) -> &[Mark] {
        let generation = document.generation();
        if self.open.as_ref().is_some_and(|(at, _)| *at != generation) {
            self.open = None;
        }
        let Checking::Done(found) = &self.state else {
            return &[];
        };
        if self.open.is_none() {
            let open = proof::answering(document.annotations())
                .next()
                .map(|_| proofread::still_open(document, found));
            let shown = open.as_deref().unwrap_or(found);
            self.longest = shown.iter().map(|m| m.span.len()).max().unwrap_or(0);
            let mut per_check: Vec<(Check, usize)> = Check::ALL.iter().map(|&c| (c, 0)).collect();
            for mark in shown {
                if let Some((_, count)) = per_check.iter_mut().find(|(c, _)| *c == mark.check) {
                    *count += 1;
                }
            }
            per_check.retain(|&(_, count)| count > 0);
            self.per_check = per_check;
            self.open = Some((generation, open));
        }
        self.worked_out()
    }

    /// The open marks as last worked out by [`open`](Self::open).
    fn worked_out(&self) -> &[Mark] {
        match (&self.open, &self.state) {
            (Some((_, Some(open))), _) => open,
            (Some((_, None)), Checking::Done(found)) => found,
            _ => &[],
        }
    }

    /// The open marks the filters let through.
    pub fn shown(&mut self, document: &Document) -> Vec<&Mark> {
        let (check, minimum) = (self.check, self.min_severity);
        self.open(document)
            .iter()
            .filter(|mark| passes(mark, check, minimum))
            .collect()
    }

    /// What the panes draw this frame: the open marks (worked out again first if the
    /// document changed), the filters, the selected mark and, in the corrected view, the
    /// corrections applied.
    pub fn view(&mut self, document: &Document) -> ProofView<'_> {
        self.open(document);
        let selected = self.selected(document);
        self.selected = selected;
        if self.corrected_view {
            self.corrected(document);
        }
        ProofView {
            marks: self.worked_out(),
            longest: self.longest,
            check: self.check,
            min_severity: self.min_severity,
            selected: self.selected.as_ref().map(|m| m.span),
            corrected: self
                .corrected
                .as_ref()
                .filter(|_| self.corrected_view)
                .map(|(_, corrected)| corrected.changes.as_slice()),
        }
    }

    /// How many open marks each check has, in [`Check::ALL`] order (checks with none left
    /// out).
    pub fn counts(&mut self, document: &Document) -> Vec<(Check, usize)> {
        if self.open(document).is_empty() {
            return Vec::new();
        }
        self.per_check.clone()
    }

    /// The selected mark, if it is still open.
    pub fn selected(&mut self, document: &Document) -> Option<Mark> {
        let selected = self.selected.clone()?;
        // The marks are in page order: look only at those starting where it does.
        let open = self.open(document);
        let from = open.partition_point(|m| m.span.start < selected.span.start);
        let still = open[from..]
            .iter()
            .take_while(|m| m.span.start == selected.span.start)
            .any(|m| *m == selected);
        still.then_some(selected)
    }

    /// The selected mark as of the last frame drawn (checked against the open marks then).
    pub fn selection(&self) -> Option<&Mark> {
        self.selected.as_ref()
    }

    /// Selects a mark, or none.
    pub fn select(&mut self, mark: Option<Mark>) {
        self.selected = mark;
    }

    /// The shown mark after the selected one (or after page offset `from`), or before it;
    /// past the end it wraps round.
    pub fn next(&mut self, document: &Document, from: usize, forward: bool) -> Option<Mark> {
        let selected = self.selected(document);
        let shown = self.shown(document);
        let here = selected
            .as_ref()
            .and_then(|s| shown.iter().position(|m| *m == s));
        let found = match (here, forward) {
            (Some(at), true) => shown.get(at + 1),
            (Some(at), false) => at.checked_sub(1).and_then(|at| shown.get(at)),
            (None, true) => shown.iter().find(|m| m.span.start >= from),
            (None, false) => shown.iter().rev().find(|m| m.span.start < from),
        };
        found
            .or(if forward { shown.first() } else { shown.last() })
            .map(|mark| (*mark).clone())
    }

    /// The page with its corrections applied, as `copydesk fix` writes it.
    pub fn corrected(&mut self, document: &Document) -> &Corrected {
        let generation = document.generation();
        if self
            .corrected
            .as_ref()
            .is_some_and(|(at, _)| *at != generation)
        {
            self.corrected = None;
        }
        &self
            .corrected
            .get_or_insert_with(|| (generation, proofread::corrected(document)))
            .1
    }
}

/// The marks as the panes draw them, borrowed for one frame.
#[derive(Clone, Copy)]
pub struct ProofView<'a> {
    marks: &'a [Mark],
    longest: usize,
    check: Option<Check>,
    min_severity: Severity,
    /// The selected mark's range.
    pub selected: Option<Span>,
    /// In the corrected view, the corrections applied (original range, replacement), in page
    /// order; `None` when the text is shown as printed.
    pub corrected: Option<&'a [(Span, String)]>,
}

impl<'a> ProofView<'a> {
    /// No marks (tests of drawing without proofreading).
    #[cfg(test)]
    pub const EMPTY: ProofView<'static> = ProofView {
        marks: &[],
        longest: 0,
        check: None,
        min_severity: Severity::Info,
        selected: None,
        corrected: None,
    };

    /// The shown marks over any character of `extent`, in page order.
    pub fn over(&self, extent: Span) -> impl Iterator<Item = &'a Mark> + '_ {
        let open = self.marks;
        let from =
            open.partition_point(|m| m.span.start.saturating_add(self.longest) <= extent.start);
        let to = open.partition_point(|m| m.span.start < extent.end);
        open[from.min(to)..to]
            .iter()
            .filter(move |m| m.span.end > extent.start && passes(m, self.check, self.min_severity))
    }
}

/// Whether a mark is of `check` (if one is chosen) and at least `minimum`.
fn passes(mark: &Mark, check: Option<Check>, minimum: Severity) -> bool {
    mark.severity >= minimum && check.is_none_or(|check| mark.check == check)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Command;
    use crate::text::{PageEncoding, Source};

    fn wait(marks: &mut ProofMarks, document: &Document) {
        let wake: Wake = Arc::new(|| {});
        marks.poll(document, &wake);
        for _ in 0..500 {
            if !marks.is_checking() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            marks.poll(document, &wake);
        }
        panic!("the checks did not finish");
    }

    #[test]
    fn marks_are_found_off_the_thread_and_follow_every_change() {
        let source = Source::from_text(
            "## 新区建设\n\n本报讯（记者 林晓舟）工程进展顺利,投资12亿元.\n",
            PageEncoding::Utf8,
        );
        let mut document = Document::unsaved("a.txt", source);
        let mut marks = ProofMarks::new(&document);
        assert!(
            marks.open(&document).is_empty(),
            "nothing before the checks ran"
        );
        wait(&mut marks, &document);
        assert_eq!(marks.open(&document).len(), 2);
        let first = marks.next(&document, 0, true).unwrap();
        marks.select(Some(first.clone()));
        assert_eq!(
            marks.next(&document, 0, true).unwrap().span,
            Span::new(33, 34)
        );
        assert_eq!(
            marks.next(&document, 0, false).unwrap().span,
            Span::new(33, 34)
        );
        let fix = proofread::fix_commands(&document, [&first]).unwrap();
        document.apply(Command::Batch(fix)).unwrap();
        assert_eq!(marks.open(&document).len(), 1);
        assert_eq!(
            marks.selected(&document),
            None,
            "a corrected mark is no longer selected"
        );
        assert_eq!(marks.corrected(&document).applied, 1);
        document.undo();
        assert_eq!(marks.open(&document).len(), 2);
        marks.min_severity = Severity::Error;
        marks.check = Some(Check::PunctDash);
        assert!(marks.shown(&document).is_empty());
        marks.min_severity = Severity::Info;
        marks.check = None;
        let view = marks.view(&document);
        assert_eq!(view.over(Span::new(30, 40)).count(), 1);
        assert_eq!(view.over(Span::new(0, 26)).count(), 0);
        assert!(view.corrected.is_none());
    }
}
