//! Reading the pages named on the command line: files, or `-` for standard input.

use std::io::{self, Read};
use std::path::Path;
use std::process::ExitCode;

use crate::text::Source;

/// A page read for a command: the name to show and its decoded text.
pub struct Page {
    /// The file as named on the command line (`-` for standard input).
    pub name: String,
    /// The decoded page.
    pub source: Source,
}

/// Reads `path`, or standard input for `-`. The error is one line naming the file.
pub fn read(path: &Path) -> Result<Page, String> {
    let name = path.display().to_string();
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|err| format!("standard input: cannot read: {err}"))?;
        let source = Source::from_bytes(&bytes).map_err(|err| format!("standard input: {err}"))?;
        warn_replaced("standard input", &source);
        return Ok(Page { name, source });
    }
    let source = Source::load(path).map_err(|err| err.to_string())?;
    warn_replaced(&name, &source);
    Ok(Page { name, source })
}

/// Says on standard error that some of a page's bytes could not be decoded, if so.
pub fn warn_replaced(name: &str, source: &Source) {
    if let Some(replaced) = source.replaced() {
        super::report(&format!("{name}: warning: {replaced}"));
    }
}

/// Reads each page and hands it to `each` with its position among the pages read so far;
/// pages that cannot be read are reported on standard error, the others still done. The exit
/// status says whether all could be read.
pub fn for_each(
    paths: &[std::path::PathBuf],
    mut each: impl FnMut(usize, Page) -> io::Result<()>,
) -> io::Result<ExitCode> {
    let mut failures = 0;
    let mut done = 0;
    for path in paths {
        match read(path) {
            Ok(page) => {
                each(done, page)?;
                done += 1;
            }
            Err(message) => {
                super::report(&message);
                failures += 1;
            }
        }
    }
    Ok(super::status(failures))
}
