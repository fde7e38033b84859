//! When to train again: after every N newly accepted annotations of the labels the model
//! learns, counted on the pages as they are edited.

/// Counts accepted annotations as pages change and says when N more have been accepted since
/// the last training.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retrain {
    /// Train again after this many new accepts; 0 never.
    pub every: usize,
    /// Accepted annotations counted on the page being looked at, when it was last looked at.
    seen: Option<(String, usize)>,
    /// New accepts since the last training.
    pending: usize,
}

impl Retrain {
    /// Trains again after every `every` accepts (0: never by itself).
    pub fn new(every: usize) -> Self {
        Self {
            every,
            seen: None,
            pending: 0,
        }
    }

    /// Accepts since the last training.
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// Looks at page `page`, which now holds `accepted` accepted annotations; true when that
    /// makes `every` new accepts since the last training (call [`Retrain::trained`] then).
    /// A page seen for the first time, or again after another, sets the count to start from.
    pub fn observe(&mut self, page: &str, accepted: usize) -> bool {
        match &mut self.seen {
            Some((seen_page, seen)) if seen_page == page => {
                self.pending += accepted.saturating_sub(*seen);
                *seen = accepted;
            }
            _ => self.seen = Some((page.to_owned(), accepted)),
        }
        self.every > 0 && self.pending >= self.every
    }

    /// A training started: the count starts again.
    pub fn trained(&mut self) {
        self.pending = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::Retrain;

    #[test]
    fn retrains_after_every_n_accepts_on_the_same_page_and_across_pages() {
        let mut retrain = Retrain::new(3);
        assert!(
            !retrain.observe("a.txt", 10),
            "the first look only sets the count"
        );
        assert!(!retrain.observe("a.txt", 12));
        assert_eq!(retrain.pending(), 2);
        assert!(
            !retrain.observe("a.txt", 11),
            "an undone accept takes nothing back"
        );
        assert!(!retrain.observe("b.txt", 40), "another page: a new start");
        assert!(retrain.observe("b.txt", 41));
        retrain.trained();
        assert_eq!(retrain.pending(), 0);
        assert!(!retrain.observe("b.txt", 43));
        assert!(retrain.observe("b.txt", 44));
        let mut never = Retrain::new(0);
        never.observe("a.txt", 0);
        assert!(!never.observe("a.txt", 100));
    }
}
