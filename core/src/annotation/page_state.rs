//! A page's own state, beside its annotations: marked done (or no longer done), by whom and
//! when. Stored in the sidecar as the optional field `state`, left out until a page is first
//! marked.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Whether a person has called the page finished.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageState {
    /// Marked done; `false` once the mark was taken back.
    pub done: bool,
    /// Who marked it (or took the mark back).
    pub by: String,
    /// When; the newer state wins when two copies of the sidecar are merged.
    pub changed: Timestamp,
}

impl PageState {
    /// The newer of two states (`ours` on a tie); a state beats none.
    pub fn newer(ours: Option<Self>, theirs: Option<Self>) -> Option<Self> {
        match (ours, theirs) {
            (Some(ours), Some(theirs)) if theirs.changed > ours.changed => Some(theirs),
            (Some(ours), _) => Some(ours),
            (None, theirs) => theirs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(done: bool, by: &str, at: &str) -> Option<PageState> {
        Some(PageState {
            done,
            by: by.to_owned(),
            changed: at.parse().unwrap(),
        })
    }

    #[test]
    fn the_newer_state_wins_and_a_state_beats_none() {
        let early = state(true, "lin", "2026-11-30T08:00:00Z");
        let late = state(false, "su", "2026-12-01T08:00:00Z");
        assert_eq!(PageState::newer(early.clone(), late.clone()), late);
        assert_eq!(PageState::newer(late.clone(), early.clone()), late);
        assert_eq!(PageState::newer(None, early.clone()), early);
        assert_eq!(PageState::newer(early.clone(), None), early);
        assert_eq!(PageState::newer(None, None), None);
        // A tie keeps ours.
        let tie = state(false, "fang", "2026-11-30T08:00:00Z");
        assert_eq!(PageState::newer(tie.clone(), early), tie);
    }
}
