//! Sample pages bundled into the binary, so `copydesk` shows something on a fresh machine.
//!
//! The pages are invented (names, places and figures), written in the conventions of real
//! Chinese newspaper pages; they also serve as test fixtures.

/// A bundled sample page: its file name and bytes.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    /// The file name under `assets/samples/`.
    pub name: &'static str,
    /// The page as stored (UTF-8).
    pub bytes: &'static [u8],
}

/// The page opened when copydesk starts without one.
pub const DEFAULT: Sample = Sample {
    name: "a01-qinghe-daily.txt",
    bytes: include_bytes!("../assets/samples/a01-qinghe-daily.txt"),
};

/// Every bundled page.
pub const ALL: [Sample; 2] = [
    DEFAULT,
    Sample {
        name: "b02-nanling-county.txt",
        bytes: include_bytes!("../assets/samples/b02-nanling-county.txt"),
    },
];
