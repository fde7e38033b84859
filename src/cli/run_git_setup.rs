//! `copydesk git-setup [DIR]`: a git repository of pages set up so that sidecars merge with
//! copydesk's merge driver, and copydesk's lock, backup and temporary files stay out of it.
//!
//! Writes `*.ann.ron merge=copydesk` to `DIR/.gitattributes` and the ignore lines to
//! `DIR/.gitignore` (each only if missing, atomically), and `merge.copydesk.name` and
//! `merge.copydesk.driver` (this very program, by its full path) to the repository's
//! configuration with `git config`.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use super::{Output, report};
use crate::annotation::sidecar;

/// Arguments of `copydesk git-setup`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A folder in the repository; the attribute and ignore files go here.
    #[arg(default_value = ".")]
    dir: PathBuf,
}

/// The attribute line that hands sidecars to the driver.
const ATTRIBUTE: &str = "*.ann.ron merge=copydesk";

/// What copydesk leaves beside sidecars and pages that is no one else's business: the save
/// lock, the backup, what a killed save leaves, and what recovering an unreadable sidecar
/// sets aside (see `annotation::sidecar` and `annotation::recover`).
const IGNORED: [&str; 6] = [
    "*.ann.ron.lock",
    "*.ann.ron.bak",
    "*.ann.ron.bak.tmp",
    "*.tmp-*",
    "*.ann.ron.unreadable-*",
    "*.ann.ron.bak-before-*",
];

/// `file` with `lines` appended where missing; `None` if none was.
fn with_lines(file: &Path, lines: &[&str]) -> io::Result<Option<String>> {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(err),
    };
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| !text.lines().any(|l| l.trim() == *line))
        .collect();
    if missing.is_empty() {
        return Ok(None);
    }
    let mut text = text;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    Ok(Some(text))
}

/// Runs `git -C DIR ARGS`; `Err` says what went wrong.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|err| format!("cannot run git: {err}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}

/// A word the shell git runs the driver with reads as it is.
fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Sets the repository up and says what was written.
pub fn run(args: &Args, out: &mut Output) -> io::Result<ExitCode> {
    let dir = &args.dir;
    if let Err(err) = git(dir, &["rev-parse", "--show-toplevel"]) {
        report(&format!(
            "{}: not in a git repository: {err}",
            dir.display()
        ));
        return Ok(ExitCode::FAILURE);
    }
    let program = std::env::current_exe()?;
    let driver = format!(
        "{} merge-driver %O %A %B %P",
        shell_quoted(&program.display().to_string())
    );
    for (key, value) in [
        (
            "merge.copydesk.name",
            "copydesk: sidecars merged by annotation id",
        ),
        ("merge.copydesk.driver", driver.as_str()),
    ] {
        if let Err(err) = git(dir, &["config", key, value]) {
            report(&format!("git config {key}: {err}"));
            return Ok(ExitCode::FAILURE);
        }
        out.line(&format!("git config {key} {value}"))?;
    }
    for (name, lines) in [
        (".gitattributes", &[ATTRIBUTE][..]),
        (".gitignore", &IGNORED[..]),
    ] {
        let file = dir.join(name);
        let written = with_lines(&file, lines).and_then(|text| match text {
            Some(text) => sidecar::stage(&file, text.as_bytes())?
                .install()
                .map(|()| true),
            None => Ok(false),
        });
        match written {
            Ok(true) => out.line(&format!("{}: written", file.display()))?,
            Ok(false) => out.line(&format!("{}: already set up", file.display()))?,
            Err(err) => {
                report(&format!("{}: cannot write: {err}", file.display()));
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
