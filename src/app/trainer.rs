//! The folder's model in the app: trained or loaded on a background thread (never on a frame),
//! trained again after every N new accepts (a setting), and described in the status bar.
//!
//! The model belongs to a folder — the library's, or else the open page's — and lives in its
//! `.copydesk/model.bin`; the core's `suggest::model` does the work, as for `copydesk train`.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::annotation::{Document, Status};
use crate::suggest::model::{self, Model, Retrain, TrainOptions};

/// What a background job sends back.
enum Done {
    /// A model file was read.
    Loaded(Model),
    /// A model was trained and saved.
    Trained(Model),
    /// It could not be done: why.
    Failed(String),
}

/// A job running on its thread.
struct Job {
    folder: PathBuf,
    training: bool,
    done: Receiver<Done>,
}

/// The model of the folder being worked on, and the job getting it.
pub struct Trainer {
    model: Option<(PathBuf, Model)>,
    job: Option<Job>,
    retrain: Retrain,
    /// The document generation last counted, per page name.
    counted: Option<(String, u64)>,
    /// Why the last job failed.
    problem: Option<String>,
}

/// Accepted annotations on the page.
fn accepted(document: &Document) -> usize {
    document
        .annotations()
        .iter()
        .filter(|a| a.status == Status::Accepted)
        .count()
}

/// `2314` as `2 314`, as the status bar writes counts.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

impl Trainer {
    /// No model yet; trains again after every `every` accepts (0: only on demand).
    pub fn new(every: usize) -> Self {
        Self {
            model: None,
            job: None,
            retrain: Retrain::new(every),
            counted: None,
            problem: None,
        }
    }

    /// The model, if it is `folder`'s.
    pub fn model_for(&self, folder: &Path) -> Option<&Model> {
        self.model
            .as_ref()
            .filter(|(of, _)| of == folder)
            .map(|(_, model)| model)
    }

    /// Whether a job is running.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Sets how many accepts start a training.
    pub fn set_every(&mut self, every: usize) {
        self.retrain.every = every;
    }

    fn spawn(&mut self, folder: &Path, training: bool, wake: impl Fn() + Send + 'static) {
        let (send, done) = mpsc::channel();
        let root = folder.to_owned();
        let work = move || {
            let path = model::model_path(&root);
            let result = if training {
                let corpus = model::load(std::slice::from_ref(&root), None);
                match model::train(&corpus.examples, &corpus.labels, &TrainOptions::default()) {
                    Ok(model) => match model.save(&path) {
                        Ok(()) => Done::Trained(model),
                        Err(err) => Done::Failed(err.to_string()),
                    },
                    Err(err) => Done::Failed(err.to_string()),
                }
            } else {
                match Model::load(&path) {
                    Ok(model) => Done::Loaded(model),
                    Err(err) => Done::Failed(err.to_string()),
                }
            };
            // The app may have closed meanwhile: then nobody needs the model.
            drop(send.send(result));
            wake();
        };
        let started = std::thread::Builder::new()
            .name("copydesk-train".into())
            .spawn(work);
        match started {
            Ok(_) => {
                self.job = Some(Job {
                    folder: folder.to_owned(),
                    training,
                    done,
                });
            }
            Err(err) => self.problem = Some(format!("cannot start the training thread: {err}")),
        }
    }

    /// Trains `folder`'s model in the background, unless a job is running.
    pub fn train(&mut self, folder: &Path, wake: impl Fn() + Send + 'static) -> bool {
        if self.busy() {
            return false;
        }
        self.retrain.trained();
        self.spawn(folder, true, wake);
        true
    }

    /// Reads `folder`'s model file in the background if it has one and it is not loaded.
    pub fn load(&mut self, folder: &Path, wake: impl Fn() + Send + 'static) {
        let loaded = self.model.as_ref().is_some_and(|(of, _)| of == folder);
        if loaded || self.busy() || !model::model_path(folder).is_file() {
            return;
        }
        self.spawn(folder, false, wake);
    }

    /// Counts the page's accepts (once per change); true when a training is due.
    pub fn observe(&mut self, document: &Document) -> bool {
        let key = (document.name().to_owned(), document.generation());
        if self.counted.as_ref() == Some(&key) {
            return false;
        }
        self.counted = Some(key);
        self.retrain.observe(document.name(), accepted(document))
    }

    /// Takes a finished job's result; returns a notice for the status bar.
    pub fn poll(&mut self) -> Option<String> {
        let job = self.job.as_ref()?;
        let done = match job.done.try_recv() {
            Ok(done) => done,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Done::Failed("the training thread stopped".into()),
        };
        let folder = job.folder.clone();
        self.job = None;
        match done {
            Done::Loaded(model) => {
                self.problem = None;
                self.model = Some((folder, model));
                None
            }
            Done::Trained(model) => {
                self.problem = None;
                let notice = format!("Model trained: {}", self.describe(&model));
                self.model = Some((folder, model));
                Some(notice)
            }
            Done::Failed(problem) => {
                self.problem = Some(problem.clone());
                Some(format!("Model: {problem}"))
            }
        }
    }

    /// `2 314 annotations, F1 0.84 on a held-back tenth`.
    fn describe(&self, model: &Model) -> String {
        let trained = model.trained();
        let mut text = format!("{} annotations", grouped(trained.annotations));
        if let Some((f1, _)) = trained.held_back {
            text.push_str(&format!(", F1 {f1:.2} on a held-back tenth"));
        }
        text
    }

    /// The status bar's line about the model.
    pub fn status(&self) -> String {
        match (&self.job, &self.model, &self.problem) {
            (Some(job), _, _) if job.training => "model: training…".to_owned(),
            (Some(_), _, _) => "model: reading…".to_owned(),
            (None, Some((_, model)), _) => format!("model: {}", self.describe(model)),
            (None, None, Some(_)) => "model: none (see the notice)".to_owned(),
            (None, None, None) => "model: none (Edit → Train model now)".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(7), "7");
        assert_eq!(grouped(2314), "2 314");
        assert_eq!(grouped(1_234_567), "1 234 567");
    }
}
