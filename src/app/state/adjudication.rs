//! Adjudicating in the app: the library's folder (A) compared with another (B), the
//! disagreements stepped through, and each settled into the gold folder as one undoable step.
//! The gold pages' documents stay open while the window does, so every choice can be undone.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::annotation::{Command, Take};
use crate::corpus::adjudicate::{Prepared, decision_commands, prepare};
use crate::corpus::agreement::{self, Agreement, PageDisagreement, Sides};
use crate::text::Source;

/// A comparison of two folders, and its adjudication into a third.
pub struct Adjudication {
    /// The reference folder.
    pub a: PathBuf,
    /// The folder compared with it.
    pub b: PathBuf,
    /// Where the gold set goes.
    pub gold: PathBuf,
    /// The figures and the disagreements.
    pub agreement: Agreement,
    /// Pages left out of the comparison, and why.
    pub problems: Vec<String>,
    /// The disagreement shown.
    pub cursor: usize,
    /// What was decided for each disagreement, by index.
    pub decided: HashMap<usize, Take>,
    /// Pages opened so far, with their gold documents, by the page's path below the folder.
    golds: HashMap<PathBuf, Prepared>,
    /// Each choice, to undo: the disagreement and what it had before.
    history: Vec<(usize, Option<Take>)>,
    /// Page texts read to show disagreements, by the page's path below the folder.
    sources: HashMap<PathBuf, Arc<Source>>,
}

impl Adjudication {
    /// Compares `a` with `b`; the gold set goes to `a`'s name with `-gold`, beside it.
    pub fn new(a: &Path, b: &Path) -> Self {
        let (pairs, problems) = agreement::load_pairs(&Sides::Folders(a.into(), b.into()), false);
        let agreement = agreement::agree(&pairs);
        let name = a.file_name().map_or_else(
            || "gold".to_owned(),
            |n| format!("{}-gold", n.to_string_lossy()),
        );
        Self {
            gold: a.with_file_name(name),
            a: a.to_owned(),
            b: b.to_owned(),
            agreement,
            problems,
            cursor: 0,
            decided: HashMap::new(),
            golds: HashMap::new(),
            history: Vec::new(),
            sources: HashMap::new(),
        }
    }

    /// The disagreement shown.
    pub fn current(&self) -> Option<&PageDisagreement> {
        self.agreement.disagreements.get(self.cursor)
    }

    /// Moves to the next (or previous) disagreement, staying on the list.
    pub fn step(&mut self, next: bool) {
        let last = self.agreement.disagreements.len().saturating_sub(1);
        self.cursor = if next {
            (self.cursor + 1).min(last)
        } else {
            self.cursor.saturating_sub(1)
        };
    }

    /// A's text of `page`, read once.
    pub fn source(&mut self, page: &Path) -> Result<Arc<Source>, String> {
        if let Some(source) = self.sources.get(page) {
            return Ok(Arc::clone(source));
        }
        let source = Arc::new(Source::load(&self.a.join(page)).map_err(|err| err.to_string())?);
        self.sources.insert(page.to_owned(), Arc::clone(&source));
        Ok(source)
    }

    /// Disagreements settled so far.
    pub fn settled(&self) -> usize {
        self.decided.len()
    }

    /// The page `page` prepared (its gold copy given what both sides agree on, and saved) the
    /// first time it is needed.
    fn prepared(&mut self, page: &Path, by: &str) -> Result<&mut Prepared, String> {
        if !self.golds.contains_key(page) {
            let mut prepared = prepare(&self.a, &self.b, &self.gold, page, by, false)?;
            prepared.gold.save().map_err(|err| err.to_string())?;
            self.golds.insert(page.to_owned(), prepared);
        }
        self.golds
            .get_mut(page)
            .ok_or_else(|| format!("{}: the gold page is not open", page.display()))
    }

    /// Settles the disagreement shown as `take`, by `by`, saves the gold page and moves on.
    pub fn take(&mut self, take: Take, by: &str) -> Result<String, String> {
        let Some(item) = self.current().cloned() else {
            return Err("No disagreement to settle".to_owned());
        };
        let Prepared { a, b, gold, .. } = self.prepared(&item.page, by)?;
        let commands = decision_commands(gold, a, b, &item.disagreement, take, by);
        gold.apply(Command::Batch(commands))
            .map_err(|err| err.to_string())?;
        gold.save().map_err(|err| err.to_string())?;
        let before = self.decided.insert(self.cursor, take);
        self.history.push((self.cursor, before));
        let what = format!(
            "{} “{}”: took {}; Ctrl+Z takes it back",
            item.page.display(),
            item.text,
            take.name()
        );
        self.step(true);
        Ok(what)
    }

    /// Takes back the last choice (on its gold page) and shows that disagreement again.
    pub fn undo(&mut self) -> Result<String, String> {
        let Some((index, before)) = self.history.pop() else {
            return Err("Nothing to undo".to_owned());
        };
        let Some(item) = self.agreement.disagreements.get(index).cloned() else {
            return Err("Nothing to undo".to_owned());
        };
        let gold = &mut self
            .golds
            .get_mut(&item.page)
            .ok_or_else(|| format!("{}: the gold page is not open", item.page.display()))?
            .gold;
        gold.undo();
        gold.save().map_err(|err| err.to_string())?;
        match before {
            Some(take) => self.decided.insert(index, take),
            None => self.decided.remove(&index),
        };
        self.cursor = index;
        Ok(format!(
            "{} “{}”: choice taken back",
            item.page.display(),
            item.text
        ))
    }
}
