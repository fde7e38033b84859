//! The document: a page, its segmentation, its annotations and their history.
//!
//! The desktop app and every command-line tool go through [`Document`]: open a page with its
//! sidecar, change annotations only with [`Command`]s (so that undo, redo and autosave are one
//! mechanism), and [`Document::save`].

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::anchor::{AnchorReport, reanchor};
use super::command::{Command, CommandError, History, Step};
use super::disk::DiskState;
use super::locate::{Location, PaneIndex};
use super::model::{Anchor, Annotation, AnnotationId, now};
use super::page_state::PageState;
use super::sidecar::{self, SidecarError, SidecarFile};
use super::tagset::{TagSet, TagSetError};
use super::unknown::UnknownFields;
use crate::bulletin::{Bulletin, segment};
use crate::text::{LoadError, Source, Span};

/// The page as the user sees it: text, segmentation and annotations. Change it only through
/// [`Command`]s.
#[derive(Debug)]
pub struct Document {
    /// The page file; `None` for a page with no file (standard input, the bundled sample).
    pub(super) page_path: Option<PathBuf>,
    /// Name to show: the file name, or what the page was called.
    pub(super) name: String,
    pub(super) source: Arc<Source>,
    pub(super) bulletin: Arc<Bulletin>,
    pub(super) panes: PaneIndex,
    tagset: TagSet,
    /// Kept in page order: by start, then end, then id.
    annotations: Vec<Annotation>,
    /// The ids in `annotations`, to refuse duplicates quickly.
    ids: HashSet<AnnotationId>,
    /// The length of the longest annotation: bounds the search in [`Document::overlapping`].
    longest: usize,
    pub(super) history: History,
    /// Counts changes; equal to `saved_generation` when nothing is unsaved.
    pub(super) generation: u64,
    pub(super) saved_generation: u64,
    pub(super) disk: DiskState,
    pub(super) anchoring: AnchorReport,
    author: String,
    /// Whether the page was marked done.
    pub(super) state: Option<PageState>,
    /// Page-level fields of the sidecar a newer copydesk wrote, written back as they were.
    pub(super) unknown: UnknownFields,
}

/// A page that could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// The page file itself.
    Page(LoadError),
    /// The folder's tag set.
    TagSet(TagSetError),
    /// The sidecar: left untouched. [`Document::open_with_new_sidecar`] sets it aside and starts
    /// afresh, if the user chooses to.
    Sidecar(SidecarError),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Page(err) => err.fmt(f),
            Self::TagSet(err) => err.fmt(f),
            Self::Sidecar(err) => write!(f, "{err} (the sidecar was left untouched)"),
        }
    }
}

impl std::error::Error for OpenError {}

/// Where a command comes from, which decides what is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// A new change: labels and ranges are checked.
    User,
    /// Undo or redo: put back as it was, stamped as a new edit.
    History,
    /// Reversing part of a failed batch: put back exactly.
    Rollback,
}

/// Who is annotating: `COPYDESK_AUTHOR`, else the login name (`USER`, `LOGNAME`,
/// `USERNAME`), else the name of the account the process runs as (a service or a container
/// often sets none of them), else `unknown`.
pub fn default_author() -> String {
    ["COPYDESK_AUTHOR", "USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|name| {
            std::env::var(name)
                .ok()
                .filter(|value| !value.trim().is_empty())
        })
        .or_else(account_name)
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The account the process runs as, from `/proc/self/status` and `/etc/passwd` (Linux).
fn account_name() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    account_name_in(&status, &passwd)
}

/// The name in `passwd` (lines `name:x:uid:…`) of the real user id in `status` (a line
/// `Uid:\treal\teffective…`).
fn account_name_in(status: &str, passwd: &str) -> Option<String> {
    let uid = status
        .lines()
        .find_map(|line| line.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid && !name.is_empty()).then(|| name.to_owned())
    })
}

/// Reads and parses the sidecar at `path`, with its bytes; `None` if there is none.
fn read_sidecar(path: &Path) -> Result<Option<(Vec<u8>, SidecarFile)>, SidecarError> {
    let Some(bytes) = sidecar::read_bytes(path)? else {
        return Ok(None);
    };
    let file = sidecar::parse_unchecked(path, &bytes)?;
    Ok(Some((bytes, file)))
}

/// The ids of `annotations`.
fn ids_of(annotations: &[Annotation]) -> HashSet<AnnotationId> {
    annotations.iter().map(|a| a.id.clone()).collect()
}

impl Document {
    /// Opens a page file with its sidecar (if any) and its folder's tag set (or the default).
    /// Annotations are re-anchored if the page changed since the sidecar was written.
    pub fn open(page: &Path) -> Result<Self, OpenError> {
        let tagset = TagSet::for_page(page).map_err(OpenError::TagSet)?;
        Self::open_with_tagset(page, tagset)
    }

    /// Opens a page with a given tag set (the default one, when the folder's cannot be read
    /// and the user chose to go on without it).
    ///
    /// The sidecar is read and parsed on another thread while this one reads and segments the
    /// page: opening a large page is the moment a reader waits for.
    pub fn open_with_tagset(page: &Path, tagset: TagSet) -> Result<Self, OpenError> {
        let sidecar_path = sidecar::path_for(page);
        let (source, parsed) = std::thread::scope(|scope| {
            let parsing = scope.spawn(|| read_sidecar(&sidecar_path));
            let source = Source::load(page).map(|source| {
                let bulletin = segment(source.text());
                (source, bulletin)
            });
            let parsed = parsing.join().unwrap_or_else(|_| {
                Err(SidecarError {
                    path: sidecar_path.clone(),
                    problem: sidecar::Problem::Io(std::io::Error::other(
                        "the sidecar's reader stopped unexpectedly",
                    )),
                })
            });
            (source, parsed)
        });
        // The page's problem first: without the page, the sidecar means nothing.
        let (source, bulletin) = source.map_err(OpenError::Page)?;
        let parsed = parsed.map_err(OpenError::Sidecar)?;
        let mut document = Self::with_bulletin(page_name(page), source, bulletin, tagset);
        document.page_path = Some(page.to_owned());
        if let Some((bytes, file)) = parsed {
            // The set of ids, the disk state and whether every annotation is in its place all
            // go over every annotation: side by side.
            let (ids, disk, in_place) = std::thread::scope(|scope| {
                let ids = scope.spawn(|| ids_of(&file.annotations));
                let disk = DiskState::new(Some(&bytes), &file.annotations);
                let in_place = document.all_in_place(&file);
                let ids = ids.join().unwrap_or_else(|_| ids_of(&file.annotations));
                (ids, disk, in_place)
            });
            sidecar::check(&sidecar_path, &bytes, &file, &document.source, Some(&ids))
                .map_err(OpenError::Sidecar)?;
            document.disk = disk;
            document.load_annotations(file, ids, in_place);
        }
        Ok(document)
    }

    /// A document for text with no file behind it; it cannot be saved.
    pub fn unsaved(name: &str, source: Source) -> Self {
        Self::new(name.to_owned(), source, TagSet::default())
    }

    fn new(name: String, source: Source, tagset: TagSet) -> Self {
        let bulletin = segment(source.text());
        Self::with_bulletin(name, source, bulletin, tagset)
    }

    /// [`Document::new`] for a page segmented already.
    fn with_bulletin(name: String, source: Source, bulletin: Bulletin, tagset: TagSet) -> Self {
        let panes = PaneIndex::new(&bulletin);
        Self {
            page_path: None,
            name,
            source: Arc::new(source),
            bulletin: Arc::new(bulletin),
            panes,
            tagset,
            annotations: Vec::new(),
            ids: HashSet::new(),
            longest: 0,
            history: History::default(),
            generation: 0,
            saved_generation: 0,
            disk: DiskState::default(),
            anchoring: AnchorReport::default(),
            author: default_author(),
            state: None,
            unknown: UnknownFields::default(),
        }
    }

    /// Takes the sidecar's annotations, placing them again when the page changed, or when one
    /// of them has a quote that is not the text at its range (a sidecar edited by hand): that
    /// one is then counted as moved, fuzzy or orphaned, never shown as if its quote were the
    /// text.
    ///
    /// `ids` are the annotations' ids, and `in_place` what [`Document::all_in_place`] says of
    /// `file`, both worked out by the caller beside other work.
    fn load_annotations(&mut self, file: SidecarFile, ids: HashSet<AnnotationId>, in_place: bool) {
        self.state = file.state;
        self.unknown = file.unknown;
        let mut annotations = file.annotations;
        if in_place {
            self.anchoring.exact = annotations.len();
        } else {
            // All together, so that a misplaced one cannot land on the range of one in place.
            self.anchoring = reanchor(&self.source, &mut annotations);
        }
        self.ids = ids;
        self.annotations = annotations;
        self.sort();
    }

    /// Whether `file` was written for this very page and each of its annotations quotes its
    /// range (else they are re-anchored).
    fn all_in_place(&self, file: &SidecarFile) -> bool {
        let misplaced =
            |a: &Annotation| a.anchor != Anchor::Orphaned && self.source.slice(a.span()) != a.quote;
        file.source.fingerprint == self.source.fingerprint()
            && !file.annotations.iter().any(misplaced)
    }

    /// Replaces all annotations (after loading or merging), restoring page order.
    pub(super) fn set_annotations(&mut self, annotations: Vec<Annotation>) {
        self.ids = annotations.iter().map(|a| a.id.clone()).collect();
        self.annotations = annotations;
        self.sort();
    }

    /// Takes all annotations out (to merge them), leaving none.
    pub(super) fn take_annotations(&mut self) -> Vec<Annotation> {
        self.ids.clear();
        std::mem::take(&mut self.annotations)
    }

    /// The page's name as shown to the user.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The page file, if there is one.
    pub fn page_path(&self) -> Option<&Path> {
        self.page_path.as_deref()
    }

    /// Where the sidecar is (or will be) written, if the page has a file.
    pub fn sidecar_path(&self) -> Option<PathBuf> {
        self.page_path.as_deref().map(sidecar::path_for)
    }

    /// The page's text, shared (to keep after the document is gone).
    pub fn source_arc(&self) -> Arc<Source> {
        Arc::clone(&self.source)
    }

    /// The page's text.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The page's stories and photo items.
    pub fn bulletin(&self) -> &Bulletin {
        &self.bulletin
    }

    /// The page's stories, shared: for work on another thread, without copying them.
    pub fn bulletin_arc(&self) -> Arc<Bulletin> {
        Arc::clone(&self.bulletin)
    }

    /// The labels in use for this page.
    pub fn tagset(&self) -> &TagSet {
        &self.tagset
    }

    /// All annotations, in page order.
    pub fn annotations(&self) -> &[Annotation] {
        &self.annotations
    }

    /// Whether an annotation has this id (a set lookup, cheap enough for every frame).
    pub fn contains(&self, id: &AnnotationId) -> bool {
        self.ids.contains(id)
    }

    /// The annotation with this id.
    pub fn get(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.annotations.iter().find(|a| &a.id == id)
    }

    /// The annotations sharing at least one code point with `span`, in page order, whatever
    /// their status (orphans too: their range is where they last were). A binary search over
    /// the page-ordered list, so highlighting a paragraph or checking a suggestion against
    /// 20 000 annotations costs little.
    pub fn overlapping(&self, span: Span) -> impl Iterator<Item = &Annotation> {
        let annotations = &self.annotations;
        let from =
            annotations.partition_point(|a| a.start.saturating_add(self.longest) <= span.start);
        let to = annotations.partition_point(|a| a.start < span.end);
        annotations[from.min(to)..to]
            .iter()
            .filter(move |a| a.end > span.start && a.start < a.end)
    }

    /// Item and pane where a range starts.
    pub fn locate(&self, span: Span) -> Option<Location> {
        self.panes.locate(span)
    }

    /// How the annotations were placed when the page was opened.
    pub fn anchoring(&self) -> AnchorReport {
        self.anchoring
    }

    /// The name recorded on new and changed annotations.
    pub fn author(&self) -> &str {
        &self.author
    }

    /// Records changes under another name.
    pub fn set_author(&mut self, author: &str) {
        author.clone_into(&mut self.author);
    }

    /// True if there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.generation != self.saved_generation
    }

    /// A counter that grows with every change (for autosave timers and caches).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The sidecar as it would be written now.
    pub fn to_sidecar(&self) -> SidecarFile {
        let mut file = SidecarFile::new(&self.name, &self.source, self.annotations.clone());
        file.state.clone_from(&self.state);
        file.unknown.clone_from(&self.unknown);
        file
    }

    /// Whether the page was marked done, by whom and when; `None` if it never was.
    pub fn state(&self) -> Option<&PageState> {
        self.state.as_ref()
    }

    /// The page is marked done (and the mark not taken back).
    pub fn is_done(&self) -> bool {
        self.state.as_ref().is_some_and(|state| state.done)
    }

    /// Applies a command as one undoable step. On error nothing has changed.
    pub fn apply(&mut self, command: Command) -> Result<(), CommandError> {
        let description = command.describe();
        let generation = self.generation;
        let applied = self.apply_one(command, Mode::User);
        self.sort();
        match applied {
            Ok(inverse) => {
                self.history.undo.push(Step {
                    description,
                    command: inverse,
                });
                self.history.redo.clear();
                Ok(())
            }
            Err(err) => {
                self.generation = generation;
                Err(err)
            }
        }
    }

    /// Undoes the last step; returns its description, or `None` if there is nothing to undo.
    pub fn undo(&mut self) -> Option<String> {
        let step = self.history.undo.pop()?;
        let inverse = self.replay(&step)?;
        self.history.redo.push(inverse);
        Some(step.description)
    }

    /// Redoes the last undone step; returns its description.
    pub fn redo(&mut self) -> Option<String> {
        let step = self.history.redo.pop()?;
        let inverse = self.replay(&step)?;
        self.history.undo.push(inverse);
        Some(step.description)
    }

    /// Applies a step of history and returns the step that reverses it. `None` if it no longer
    /// applies (a merge with the sidecar on disk removed what it touched).
    fn replay(&mut self, step: &Step) -> Option<Step> {
        let applied = self.apply_one(step.command.clone(), Mode::History);
        self.sort();
        applied.ok().map(|command| Step {
            description: step.description.clone(),
            command,
        })
    }

    /// What undo would undo.
    pub fn undo_description(&self) -> Option<&str> {
        self.history
            .undo
            .last()
            .map(|step| step.description.as_str())
    }

    /// Applies one command and returns the command that reverses it. Leaves the annotations
    /// unsorted: callers sort once when done.
    fn apply_one(&mut self, command: Command, mode: Mode) -> Result<Command, CommandError> {
        let inverse = match command {
            Command::Add(annotation) => {
                if self.ids.contains(&annotation.id) {
                    return Err(CommandError::DuplicateId(annotation.id));
                }
                // What undo puts back was valid when it was taken out (or came from the
                // sidecar as it is, orphans included): only new annotations are checked.
                if mode == Mode::User {
                    self.check_label(&annotation.label)?;
                    self.check_range(annotation.span())?;
                }
                let id = annotation.id.clone();
                self.ids.insert(id.clone());
                self.annotations.push(annotation);
                Command::Delete(id)
            }
            Command::Delete(id) => {
                let index = self.index_of(&id)?;
                let removed = self.annotations.swap_remove(index);
                self.ids.remove(&removed.id);
                Command::Add(removed)
            }
            Command::Replace(mut annotation) => {
                let index = self.index_of(&annotation.id)?;
                if mode == Mode::History {
                    // Undoing is an edit too: a merge with the sidecar on disk must see it as
                    // newer than the edit it undoes.
                    annotation.modified = now().max(self.annotations[index].modified);
                }
                Command::Replace(std::mem::replace(&mut self.annotations[index], annotation))
            }
            Command::Batch(commands) => {
                let mut inverses = Vec::with_capacity(commands.len());
                for command in commands {
                    match self.apply_one(command, mode) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(err) => {
                            for inverse in inverses.into_iter().rev() {
                                #[expect(
                                    clippy::let_underscore_must_use,
                                    reason = "puts back exactly what was just changed, unchecked, so it cannot fail"
                                )]
                                let _ = self.apply_one(inverse, Mode::Rollback);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Command::Batch(inverses)
            }
            Command::SetState(state) => {
                let state = match (mode, state) {
                    // Undoing is a change too: a merge with the sidecar on disk must see it as
                    // newer than the change it undoes.
                    (Mode::History, before) => Some(PageState {
                        done: before.is_some_and(|state| state.done),
                        by: self.author.clone(),
                        changed: now().max(self.state.as_ref().map_or_else(now, |s| s.changed)),
                    }),
                    (_, state) => state,
                };
                Command::SetState(std::mem::replace(&mut self.state, state))
            }
            edit => self.edit(edit)?,
        };
        self.generation += 1;
        Ok(inverse)
    }

    /// Applies a command that changes one field of one annotation; returns a `Replace` with
    /// the annotation as it was.
    fn edit(&mut self, command: Command) -> Result<Command, CommandError> {
        let (Command::SetRange { id, .. }
        | Command::Relabel { id, .. }
        | Command::SetNote { id, .. }
        | Command::SetMetric { id, .. }
        | Command::SetCorrection { id, .. }
        | Command::SetStatus { id, .. }) = &command
        else {
            // Not reached: `apply_one` handles every other command itself.
            return Ok(command);
        };
        let index = self.index_of(id)?;
        let before = self.annotations[index].clone();
        match command {
            Command::SetRange { span, .. } => {
                self.check_range(span)?;
                let source = Arc::clone(&self.source);
                let annotation = &mut self.annotations[index];
                annotation.place(&source, span);
                annotation.anchor = Anchor::Exact;
            }
            Command::Relabel { label, .. } => {
                self.check_label(&label)?;
                self.annotations[index].label = label;
            }
            Command::SetNote { note, .. } => self.annotations[index].note = note,
            Command::SetMetric { metric, .. } => {
                self.annotations[index].metric = metric.map(Box::new);
            }
            Command::SetCorrection { correction, .. } => {
                self.annotations[index].correction = correction;
            }
            Command::SetStatus { status, .. } => self.annotations[index].status = status,
            Command::Add(_)
            | Command::Delete(_)
            | Command::Replace(_)
            | Command::Batch(_)
            | Command::SetState(_) => {}
        }
        let annotation = &mut self.annotations[index];
        annotation.modified = now().max(before.modified);
        annotation.author.clone_from(&self.author);
        Ok(Command::Replace(before))
    }

    fn index_of(&self, id: &AnnotationId) -> Result<usize, CommandError> {
        self.annotations
            .iter()
            .position(|a| &a.id == id)
            .ok_or_else(|| CommandError::UnknownId(id.clone()))
    }

    fn check_label(&self, label: &str) -> Result<(), CommandError> {
        if self.tagset.get(label).is_some() {
            Ok(())
        } else {
            Err(CommandError::UnknownLabel {
                label: label.to_owned(),
                known: self.tagset.label_list(),
            })
        }
    }

    fn check_range(&self, span: Span) -> Result<(), CommandError> {
        let fits = span.start < span.end && span.end <= self.source.char_len();
        if fits && self.source.slice(span).trim().is_empty() {
            Err(CommandError::BlankRange {
                start: span.start,
                end: span.end,
            })
        } else if fits {
            Ok(())
        } else {
            Err(CommandError::BadRange {
                start: span.start,
                end: span.end,
                chars: self.source.char_len(),
            })
        }
    }

    /// Restores page order after a change, and the bound [`Document::overlapping`] needs.
    pub(super) fn sort(&mut self) {
        self.annotations
            .sort_by(|a, b| (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id)));
        self.longest = self
            .annotations
            .iter()
            .map(|a| a.span().len())
            .max()
            .unwrap_or(0);
    }
}

fn page_name(page: &Path) -> String {
    page.file_name().map_or_else(
        || page.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Origin, Status};
    use crate::text::PageEncoding;

    fn document_with(spans: &[(usize, usize)]) -> Document {
        let source = Source::from_text("甲".repeat(200), PageEncoding::Utf8);
        let mut document = Document::unsaved("a.txt", source);
        let commands = spans
            .iter()
            .map(|&(s, e)| {
                Command::Add(Annotation::new(
                    document.source(),
                    "PER",
                    Span::new(s, e),
                    Origin::Manual,
                    "t",
                ))
            })
            .collect();
        document.apply(Command::Batch(commands)).unwrap();
        document
    }

    #[test]
    fn the_account_name_is_found_by_user_id() {
        let status = "Name:\tcopydesk\nUid:\t1001\t1001\t1001\t1001\nGid:\t100\n";
        let passwd =
            "root:x:0:0:root:/root:/bin/bash\nlin:x:1001:100:Lin Xiaozhou:/home/lin:/bin/sh\n";
        assert_eq!(account_name_in(status, passwd).as_deref(), Some("lin"));
        assert_eq!(account_name_in("Uid:\t42\t42\n", passwd), None);
        assert_eq!(account_name_in("Name:\tx\n", passwd), None);
    }

    #[test]
    fn overlapping_finds_exactly_the_annotations_over_a_range() {
        let document = document_with(&[(0, 150), (5, 8), (40, 60), (45, 46), (90, 95), (120, 121)]);
        let found = |s, e| -> Vec<(usize, usize)> {
            document
                .overlapping(Span::new(s, e))
                .map(|a| (a.start, a.end))
                .collect()
        };
        assert_eq!(
            found(50, 100),
            [(0, 150), (40, 60), (90, 95)],
            "a long annotation starting far before the range is found"
        );
        assert_eq!(found(150, 200), Vec::<(usize, usize)>::new());
        assert_eq!(found(8, 40), [(0, 150)]);
        assert_eq!(found(45, 46), [(0, 150), (40, 60), (45, 46)]);
    }

    #[test]
    fn overlapping_follows_every_change_undo_included() {
        let mut document = document_with(&[(10, 12)]);
        let id = document.annotations()[0].id.clone();
        let near = |document: &Document| document.overlapping(Span::new(100, 101)).count();
        assert_eq!(near(&document), 0);
        document
            .apply(Command::SetRange {
                id: id.clone(),
                span: Span::new(20, 180),
            })
            .unwrap();
        assert_eq!(
            near(&document),
            1,
            "the longest annotation grew with the move"
        );
        document.undo();
        assert_eq!(near(&document), 0);
        assert!(
            document.contains(&id),
            "undoing a move keeps the annotation"
        );
        document.redo();
        assert_eq!(near(&document), 1);
        document
            .apply(Command::SetStatus {
                id,
                status: Status::Rejected,
            })
            .unwrap();
        assert_eq!(near(&document), 1, "status does not matter here");
    }
}
