//! Annotations: what editors and researchers mark on a page, and where it is kept.

mod metric;

pub use metric::{Change, Direction, Metric};
