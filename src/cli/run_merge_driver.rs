//! `copydesk merge-driver BASE OURS THEIRS [PATH]`: git's merge driver for sidecars
//! (`git config merge.copydesk.driver "copydesk merge-driver %O %A %B %P"`, which
//! `copydesk git-setup` writes).
//!
//! The merge is the core's [`crate::annotation::merge_files()`], the save's own
//! three-way merge by annotation id. The result replaces OURS (atomically) and the exit
//! status is 0; when a side cannot be read, nothing is written and the exit status is 1, so
//! git leaves its conflict with every file as it was.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Output, report};
use crate::annotation::{Side, merge_files, sidecar};

/// Arguments of `copydesk merge-driver`, as git passes them.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The common ancestor's version (git's %O).
    base: PathBuf,
    /// Our version (git's %A); the merge is written here.
    ours: PathBuf,
    /// Their version (git's %B).
    theirs: PathBuf,
    /// The sidecar's path in the repository (git's %P), to name it in messages.
    path: Option<String>,
}

/// Merges, writes the result over OURS and says what happened.
pub fn run(args: &Args, out: &mut Output) -> io::Result<ExitCode> {
    let name = args
        .path
        .clone()
        .unwrap_or_else(|| args.ours.display().to_string());
    let merged = match merge_files(&args.base, &args.ours, &args.theirs) {
        Ok(merged) => merged,
        Err(err) => {
            report(&format!(
                "{name}: not merged, left to git as a conflict with both versions intact: {err}"
            ));
            return Ok(ExitCode::FAILURE);
        }
    };
    let written = sidecar::to_ron(&merged.file)
        .map_err(io::Error::other)
        .and_then(|text| sidecar::stage(&args.ours, text.as_bytes())?.install());
    if let Err(err) = written {
        report(&format!(
            "{name}: the merge could not be written ({err}); left to git as a conflict"
        ));
        return Ok(ExitCode::FAILURE);
    }
    for both in &merged.both_edited {
        let (kept, other) = match both.side {
            Side::Ours => ("ours", "theirs"),
            Side::Theirs => ("theirs", "ours"),
        };
        out.line(&format!(
            "{name}: annotation {} ({} “{}”) was edited on both sides: kept {kept}, edited at {}, newer than {other} at {}",
            both.kept.id, both.kept.label, both.kept.quote, both.kept.modified, both.other_modified
        ))?;
    }
    out.line(&format!(
        "{name}: merged by copydesk: {} annotations, {} from theirs, {} deleted on one side, {} edited on both",
        merged.file.annotations.len(),
        merged.from_theirs,
        merged.deleted,
        merged.both_edited.len()
    ))?;
    Ok(ExitCode::SUCCESS)
}
