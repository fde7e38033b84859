//! A long piece of work on a thread of its own (an export, an import): it reports progress and
//! then its outcome, and the window is woken for each, so a progress bar moves while frames go
//! on. The export and import windows both run theirs through [`Background`], which keeps the
//! running [`Job`] or the [`Outcome`] of the last one and draws them.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

use eframe::egui::{self, RichText};

/// What the thread sends.
enum Message<P, O> {
    Progress(P),
    Done(O),
}

/// Work running on its thread, with the latest progress it reported.
pub struct Job<P, O> {
    messages: Receiver<Message<P, O>>,
    /// The latest progress, if any was reported.
    pub progress: Option<P>,
}

/// Where a job stands after [`Job::poll`].
pub enum Polled<O> {
    /// Still running.
    Running,
    /// Finished, with its outcome.
    Done(O),
    /// The thread stopped without an outcome (it panicked).
    Lost,
}

impl<P: Send + 'static, O: Send + 'static> Job<P, O> {
    /// Runs `work` on a thread named `name`; `work` gets a function to report progress with.
    /// The error says why no thread could be started.
    pub fn start(
        name: &str,
        ctx: &egui::Context,
        work: impl FnOnce(&mut dyn FnMut(P)) -> O + Send + 'static,
    ) -> std::io::Result<Self> {
        let (sender, messages) = channel();
        let waker = ctx.clone();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let progress_sender = sender.clone();
                let progress_waker = waker.clone();
                let outcome = work(&mut |progress| {
                    if progress_sender.send(Message::Progress(progress)).is_ok() {
                        progress_waker.request_repaint();
                    }
                });
                // The window may have been closed meanwhile; then nobody waits for this.
                let _unread = sender.send(Message::Done(outcome));
                waker.request_repaint();
            })?;
        Ok(Self {
            messages,
            progress: None,
        })
    }

    /// Takes in what the thread said since the last call.
    pub fn poll(&mut self) -> Polled<O> {
        loop {
            match self.messages.try_recv() {
                Ok(Message::Progress(progress)) => self.progress = Some(progress),
                Ok(Message::Done(outcome)) => return Polled::Done(outcome),
                Err(TryRecvError::Empty) => return Polled::Running,
                Err(TryRecvError::Disconnected) => return Polled::Lost,
            }
        }
    }
}

/// How a window's job ended.
pub struct Outcome {
    /// The summary line, or the error.
    pub headline: Result<String, String>,
    /// What the user should know besides, one line each (warnings, refusals, failures).
    pub details: Vec<String>,
}

impl Outcome {
    /// An outcome that is an error alone.
    pub fn error(message: String) -> Self {
        Self {
            headline: Err(message),
            details: Vec::new(),
        }
    }
}

/// A window's job: running, with its progress, or the outcome of the last one.
pub struct Background<P> {
    running: Option<Job<P, Outcome>>,
    outcome: Option<Outcome>,
}

impl<P: Send + 'static> Background<P> {
    /// No job yet.
    pub fn new() -> Self {
        Self {
            running: None,
            outcome: None,
        }
    }

    /// True while the job runs (its window cannot be closed then).
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The progress last reported, while the job runs (`Some(None)` before any).
    pub fn progress(&self) -> Option<Option<&P>> {
        self.running.as_ref().map(|job| job.progress.as_ref())
    }

    /// Starts `work` as the job `name` (`export`, `import`); if no thread can be had, the
    /// outcome says so.
    pub fn start(
        &mut self,
        name: &str,
        ctx: &egui::Context,
        work: impl FnOnce(&mut dyn FnMut(P)) -> Outcome + Send + 'static,
    ) {
        match Job::start(name, ctx, work) {
            Ok(job) => {
                self.outcome = None;
                self.running = Some(job);
            }
            Err(err) => {
                self.outcome = Some(Outcome::error(format!(
                    "the {name} could not be started: {err}"
                )));
            }
        }
    }

    /// Takes in what the job's thread said since the last frame; `lost` is the outcome's
    /// error if the thread stopped without one.
    pub fn poll(&mut self, lost: &str) {
        let Some(running) = &mut self.running else {
            return;
        };
        let outcome = match running.poll() {
            Polled::Running => return,
            Polled::Done(outcome) => outcome,
            Polled::Lost => Outcome::error(lost.to_owned()),
        };
        self.outcome = Some(outcome);
        self.running = None;
    }

    /// Draws the progress bar while the job runs, `describe` saying what the progress is and
    /// how far along (0 to 1); then the outcome, its details in a list up to `height` high.
    pub fn ui(
        &self,
        ui: &mut egui::Ui,
        describe: impl Fn(Option<&P>) -> (String, f32),
        height: f32,
    ) {
        if let Some(progress) = self.progress() {
            let (what, fraction) = describe(progress);
            ui.add(egui::ProgressBar::new(fraction).text(what));
        }
        if let Some(outcome) = &self.outcome {
            match &outcome.headline {
                Ok(summary) => ui.label(summary),
                Err(error) => ui.colored_label(ui.visuals().error_fg_color, error),
            };
            egui::ScrollArea::vertical()
                .max_height(height)
                .show(ui, |ui| {
                    for line in &outcome.details {
                        ui.label(RichText::new(line).small());
                    }
                });
        }
    }
}

/// `done / total` as a fraction for a progress bar (0 when there is nothing to do yet).
pub fn ratio(done: usize, total: usize) -> f32 {
    if total == 0 {
        0.0
    } else {
        done as f32 / total as f32
    }
}
