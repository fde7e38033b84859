//! An adjudicator's decision, recorded on the annotations of a gold set: which side's version
//! was taken, by whom, when (the optional annotation field `decided`).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Which annotator's version of a disagreement goes into the gold set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Take {
    /// The reference's (A's).
    A,
    /// The other's (B's).
    B,
    /// Both.
    Both,
    /// Neither: both are kept in the gold set as rejected, so the choice is remembered.
    Neither,
}

impl Take {
    /// The name on the command line and in tables: `a`, `b`, `both`, `none`.
    pub fn name(self) -> &'static str {
        match self {
            Self::A => "a",
            Self::B => "b",
            Self::Both => "both",
            Self::Neither => "none",
        }
    }

    /// The choice named `name` (`a`, `b`, `both`, `none`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "a" => Some(Self::A),
            "b" => Some(Self::B),
            "both" => Some(Self::Both),
            "none" => Some(Self::Neither),
            _ => None,
        }
    }
}

/// Who settled a disagreement, how, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The choice.
    pub took: Take,
    /// Who made it.
    pub by: String,
    /// When.
    pub at: Timestamp,
}
