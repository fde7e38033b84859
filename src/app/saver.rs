//! Saving off the UI thread: one worker thread runs [`SaveJob`]s and hands back the outcomes.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crate::annotation::{Document, SaveError, SaveJob, SaveOutcome, SaveReport};

/// How long after the last change an autosave starts.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(800);

/// The save worker and what it is doing.
pub struct Saver {
    jobs: Sender<SaveJob>,
    outcomes: Receiver<SaveOutcome>,
    in_flight: bool,
    /// The document generation last seen changing, and when.
    last_change: Option<(u64, Instant)>,
}

/// What happened to the last save, for the status bar.
#[derive(Debug)]
pub enum SaveState {
    /// Nothing to save.
    Saved,
    /// Changes wait for the autosave delay.
    Unsaved,
    /// A save is running.
    Saving,
}

impl Saver {
    /// Starts the worker thread. `wake` is called when a save finishes (to repaint).
    pub fn new(wake: impl Fn() + Send + 'static) -> Self {
        let (jobs, job_receiver) = mpsc::channel::<SaveJob>();
        let (outcome_sender, outcomes) = mpsc::channel();
        std::thread::Builder::new()
            .name("copydesk-save".into())
            .spawn(move || {
                for job in job_receiver {
                    if outcome_sender.send(job.run()).is_err() {
                        break;
                    }
                    wake();
                }
            })
            .ok();
        Self {
            jobs,
            outcomes,
            in_flight: false,
            last_change: None,
        }
    }

    /// Starts a save in the background if the document has unsaved changes and either `now`
    /// is set or the changes are older than the autosave delay. Returns how long to wait
    /// before asking again, if a save is due later.
    pub fn tick(&mut self, document: &Document, now: bool) -> Result<Option<Duration>, SaveError> {
        if document.page_path().is_none() && now && document.is_dirty() {
            return Err(SaveError::NoFile);
        }
        if !document.is_dirty() || document.page_path().is_none() {
            self.last_change = None;
            return Ok(None);
        }
        let generation = document.generation();
        let since = match self.last_change {
            Some((seen, since)) if seen == generation => since,
            _ => {
                let since = Instant::now();
                self.last_change = Some((generation, since));
                since
            }
        };
        if self.in_flight {
            return Ok(Some(Duration::from_millis(100)));
        }
        let waited = since.elapsed();
        if now || waited >= AUTOSAVE_DELAY {
            let job = document.prepare_save()?;
            if self.jobs.send(job).is_ok() {
                self.in_flight = true;
            }
            return Ok(None);
        }
        Ok(Some(AUTOSAVE_DELAY - waited))
    }

    /// Folds a finished save into the document, if one finished. An outcome for another
    /// page (the user switched pages while it ran, and the switch saved again) is dropped.
    pub fn poll(&mut self, document: &mut Document) -> Option<Result<SaveReport, SaveError>> {
        let outcome = self.outcomes.try_recv().ok()?;
        self.in_flight = false;
        let ours = document
            .sidecar_path()
            .is_some_and(|path| path == outcome.path());
        ours.then(|| document.finish_save(outcome))
    }

    /// Waits for a running save, then saves whatever is left, on this thread (closing the
    /// window, switching pages).
    pub fn flush(&mut self, document: &mut Document) -> Result<(), SaveError> {
        if self.in_flight {
            match self.outcomes.recv_timeout(Duration::from_secs(10)) {
                Ok(outcome) => {
                    self.in_flight = false;
                    if document
                        .sidecar_path()
                        .is_some_and(|path| path == outcome.path())
                    {
                        document.finish_save(outcome)?;
                    }
                }
                // The save thread is gone: save here instead.
                Err(RecvTimeoutError::Disconnected) => self.in_flight = false,
                Err(RecvTimeoutError::Timeout) => {
                    return Err(SaveError::Write {
                        path: document.sidecar_path().unwrap_or_default(),
                        error: std::io::Error::other("an earlier save has not finished; try again"),
                    });
                }
            }
        }
        if document.is_dirty() && document.page_path().is_some() {
            document.save()?;
        }
        Ok(())
    }

    /// What the status bar should say.
    pub fn state(&self, document: &Document) -> SaveState {
        if self.in_flight {
            SaveState::Saving
        } else if document.is_dirty() && document.page_path().is_some() {
            SaveState::Unsaved
        } else {
            SaveState::Saved
        }
    }
}
