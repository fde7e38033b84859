//! Saving off the UI thread: one worker thread runs [`SaveJob`]s and hands back the outcomes.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::{Duration, Instant};

use crate::annotation::{Document, SaveError, SaveJob, SaveOutcome, SaveReport};

/// What the status bar says once the save thread is gone.
const THREAD_STOPPED: &str = "the save thread stopped: saving on the main thread";

/// How long after the last change an autosave starts.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(800);

/// The save worker and what it is doing.
pub struct Saver {
    /// The worker thread; `None` if it could not be started or has stopped, and then saves
    /// run on the UI thread.
    worker: Option<Worker>,
    /// Why there is no worker, for the status bar.
    problem: Option<String>,
    /// A save done on the UI thread, waiting for [`Saver::poll`].
    ready: Option<Result<SaveReport, SaveError>>,
    in_flight: bool,
    /// The document generation last seen changing, and when.
    last_change: Option<(u64, Instant)>,
}

/// The channels to the save thread.
struct Worker {
    jobs: Sender<SaveJob>,
    outcomes: Receiver<SaveOutcome>,
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

impl SaveState {
    /// The status bar's words for it.
    pub fn describe(&self, document: &Document) -> &'static str {
        match self {
            Self::Saved if document.page_path().is_none() => "not saved (read only)",
            Self::Saved => "saved",
            Self::Unsaved => "unsaved changes…",
            Self::Saving => "saving…",
        }
    }
}

/// Starts a thread running `work`, or says why it could not.
pub type Spawn = fn(Box<dyn FnOnce() + Send>) -> std::io::Result<()>;

/// The usual [`Spawn`]: a named thread.
fn spawn_thread(work: Box<dyn FnOnce() + Send>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("copydesk-save".into())
        .spawn(work)
        .map(drop)
}

impl Saver {
    /// Starts the worker thread. `wake` is called when a save finishes (to repaint).
    pub fn new(wake: impl Fn() + Send + 'static) -> Self {
        Self::with_spawn(wake, spawn_thread)
    }

    /// Starts the worker with `spawn`. If it cannot start, saves run on the UI thread and
    /// [`Saver::problem`] says why.
    pub fn with_spawn(wake: impl Fn() + Send + 'static, spawn: Spawn) -> Self {
        let (jobs, job_receiver) = mpsc::channel::<SaveJob>();
        let (outcome_sender, outcomes) = mpsc::channel();
        let started = spawn(Box::new(move || {
            for job in job_receiver {
                if outcome_sender.send(job.run()).is_err() {
                    break;
                }
                wake();
            }
        }));
        let (worker, problem) = match started {
            Ok(()) => (Some(Worker { jobs, outcomes }), None),
            Err(err) => (
                None,
                Some(format!(
                    "cannot start the save thread ({err}): saving on the main thread"
                )),
            ),
        };
        Self {
            worker,
            problem,
            ready: None,
            in_flight: false,
            last_change: None,
        }
    }

    /// True while a save runs on the save thread.
    pub fn busy(&self) -> bool {
        self.in_flight
    }

    /// Why saves run on the UI thread, if they do.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Starts a save in the background if the document has unsaved changes and either `now`
    /// is set or the changes are older than the autosave delay. Returns how long to wait
    /// before asking again, if a save is due later. Without a save thread the save runs here,
    /// and its result comes from the next [`Saver::poll`].
    pub fn tick(
        &mut self,
        document: &mut Document,
        now: bool,
    ) -> Result<Option<Duration>, SaveError> {
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
            let unsent = match &self.worker {
                Some(worker) => worker.jobs.send(job).err().map(|err| err.0),
                None => Some(job),
            };
            match unsent {
                None => self.in_flight = true,
                Some(job) => {
                    if self.worker.take().is_some() {
                        self.problem = Some(THREAD_STOPPED.into());
                    }
                    self.ready = Some(document.finish_save(job.run()));
                }
            }
            return Ok(None);
        }
        Ok(Some(AUTOSAVE_DELAY - waited))
    }

    /// Folds a finished save into the document, if one finished. An outcome for another
    /// page (the user switched pages while it ran, and the switch saved again) is dropped.
    pub fn poll(&mut self, document: &mut Document) -> Option<Result<SaveReport, SaveError>> {
        if let Some(ready) = self.ready.take() {
            return Some(ready);
        }
        let outcome = match self.worker.as_ref()?.outcomes.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => {
                // The save thread died with the job: the document is still unsaved, and the
                // next tick saves it here.
                self.in_flight = false;
                self.worker = None;
                self.problem = Some(THREAD_STOPPED.into());
                return None;
            }
        };
        self.in_flight = false;
        let ours = document
            .sidecar_path()
            .is_some_and(|path| path == outcome.path());
        ours.then(|| document.finish_save(outcome))
    }

    /// Waits for a running save, then saves whatever is left, on this thread (closing the
    /// window, switching pages).
    pub fn flush(&mut self, document: &mut Document) -> Result<(), SaveError> {
        if self.in_flight
            && let Some(worker) = &self.worker
        {
            match worker.outcomes.recv_timeout(Duration::from_secs(10)) {
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
                Err(RecvTimeoutError::Disconnected) => {
                    self.in_flight = false;
                    self.worker = None;
                    self.problem = Some(THREAD_STOPPED.into());
                }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Annotation, Command, Origin};
    use crate::app::state::testing;

    fn no_threads(_: Box<dyn FnOnce() + Send>) -> std::io::Result<()> {
        Err(std::io::Error::other("no threads left"))
    }

    #[test]
    fn without_a_save_thread_saves_run_here_and_say_why() {
        let (_dir, mut document) = testing::page_on_disk();
        let mut saver = Saver::with_spawn(|| {}, no_threads);
        assert_eq!(
            saver.problem(),
            Some("cannot start the save thread (no threads left): saving on the main thread")
        );
        let span = document.source().find_all("新区")[0];
        let added = Annotation::new(document.source(), "LOC", span, Origin::Manual, "t");
        document.apply(Command::Add(added)).unwrap();
        assert_eq!(saver.tick(&mut document, true).unwrap(), None);
        assert!(!document.is_dirty(), "saved at once");
        let report = saver.poll(&mut document).unwrap().unwrap();
        assert_eq!(report.written, 1);
        let sidecar = document.sidecar_path().unwrap();
        let reopened = Document::open(document.page_path().unwrap()).unwrap();
        assert_eq!(
            reopened.annotations().len(),
            1,
            "{} on disk",
            sidecar.display()
        );
        assert!(saver.poll(&mut document).is_none());
    }

    /// A save thread that takes one job and dies with it, as a panic in a save would.
    fn dies_with_the_first_job(work: Box<dyn FnOnce() + Send>) -> std::io::Result<()> {
        drop(work);
        Ok(())
    }

    #[test]
    fn a_save_thread_that_dies_hands_saving_to_the_ui_thread() {
        let (_dir, mut document) = testing::page_on_disk();
        let mut saver = Saver::with_spawn(|| {}, dies_with_the_first_job);
        let span = document.source().find_all("新区")[0];
        let added = Annotation::new(document.source(), "LOC", span, Origin::Manual, "t");
        document.apply(Command::Add(added)).unwrap();
        // The job cannot be sent: the thread is gone, so the save runs here at once.
        assert_eq!(saver.tick(&mut document, true).unwrap(), None);
        assert_eq!(saver.problem(), Some(THREAD_STOPPED));
        assert!(!document.is_dirty());
        assert_eq!(saver.poll(&mut document).unwrap().unwrap().written, 1);
    }

    /// A save thread that takes a job and dies before answering.
    fn dies_after_a_while(work: Box<dyn FnOnce() + Send>) -> std::io::Result<()> {
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            drop(work);
        });
        Ok(())
    }

    #[test]
    fn a_save_lost_with_its_thread_is_saved_again_here() {
        let (_dir, mut document) = testing::page_on_disk();
        let mut saver = Saver::with_spawn(|| {}, dies_after_a_while);
        let span = document.source().find_all("新区")[0];
        let added = Annotation::new(document.source(), "LOC", span, Origin::Manual, "t");
        document.apply(Command::Add(added)).unwrap();
        saver.tick(&mut document, true).unwrap();
        assert!(matches!(saver.state(&document), SaveState::Saving));
        let start = Instant::now();
        while saver.problem().is_none() {
            assert!(saver.poll(&mut document).is_none(), "no outcome comes");
            assert!(start.elapsed() < Duration::from_secs(10), "timed out");
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(saver.problem(), Some(THREAD_STOPPED));
        assert!(document.is_dirty(), "the lost save did not count");
        saver.tick(&mut document, true).unwrap();
        assert_eq!(saver.poll(&mut document).unwrap().unwrap().written, 1);
        assert!(!document.is_dirty());
    }

    #[test]
    fn the_save_thread_saves_in_the_background() {
        let (_dir, mut document) = testing::page_on_disk();
        let mut saver = Saver::new(|| {});
        assert_eq!(saver.problem(), None);
        let span = document.source().find_all("新区")[0];
        let added = Annotation::new(document.source(), "LOC", span, Origin::Manual, "t");
        document.apply(Command::Add(added)).unwrap();
        saver.tick(&mut document, true).unwrap();
        saver.flush(&mut document).unwrap();
        assert!(!document.is_dirty());
    }
}
