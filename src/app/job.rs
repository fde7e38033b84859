//! A long piece of work on a thread of its own (an export, an import): it reports progress and
//! then its outcome, and the window is woken for each, so a progress bar moves while frames go
//! on. The export and import windows both run theirs through [`Job`].

use std::sync::mpsc::{Receiver, TryRecvError, channel};

use eframe::egui;

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
