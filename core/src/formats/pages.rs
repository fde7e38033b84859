//! Finding the pages to export: the files named, and every `*.txt` file in the folders named,
//! recursively.
//!
//! Hidden folders (`.git`) and symbolic links to folders are not entered, and neither is the
//! output folder, so that exporting into a folder of pages never reads its own output back.

use std::fs;
use std::path::{Path, PathBuf};

/// A page to export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundPage {
    /// The file, as named or as found below a folder named.
    pub path: PathBuf,
    /// Where its own output files go below the output folder: its path below the folder it
    /// was found in, or its file name when it was named itself.
    pub relative: PathBuf,
}

/// True for a page file name in a folder: `*.txt`, in any case.
fn is_page(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("txt"))
}

/// The pages under `paths`, in the order named and, within a folder, by path. Problems are
/// pushed onto `failures`, one line each naming the path; the rest are still found.
pub fn find(paths: &[PathBuf], out: &Path, failures: &mut Vec<String>) -> Vec<FoundPage> {
    let skip = fs::canonicalize(out).ok();
    let mut pages = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, path, skip.as_deref(), &mut pages, failures),
            Ok(_) => pages.push(FoundPage {
                path: path.clone(),
                relative: PathBuf::from(path.file_name().unwrap_or(path.as_os_str())),
            }),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                failures.push(format!("{}: no such page or folder", path.display()));
            }
            Err(err) => failures.push(format!("{}: cannot read: {err}", path.display())),
        }
    }
    pages
}

/// Every page under `folder`, recursively, by path; problems pushed onto `failures`.
pub fn find_under(folder: &Path, failures: &mut Vec<String>) -> Vec<FoundPage> {
    let mut pages = Vec::new();
    walk(folder, folder, None, &mut pages, failures);
    pages
}

fn walk(
    root: &Path,
    folder: &Path,
    skip: Option<&Path>,
    pages: &mut Vec<FoundPage>,
    failures: &mut Vec<String>,
) {
    if skip.is_some_and(|skip| fs::canonicalize(folder).is_ok_and(|f| f == skip)) {
        return;
    }
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(err) => {
            failures.push(format!(
                "{}: cannot read the folder: {err}",
                folder.display()
            ));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !hidden {
                walk(root, &path, skip, pages, failures);
            }
        } else if is_page(&path) && path.is_file() {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_owned();
            pages.push(FoundPage { path, relative });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_pages_in_folders_and_named_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "b.txt",
            "a.TXT",
            "sub/c.txt",
            "sub/c.txt.ann.ron",
            ".git/d.txt",
            "out/e.txt",
        ] {
            let path = root.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "页").unwrap();
        }
        let named = root.join("sub/c.txt");
        let mut failures = Vec::new();
        let found = find(
            &[root.to_owned(), named.clone(), root.join("missing")],
            &root.join("out"),
            &mut failures,
        );
        let relative: Vec<&Path> = found.iter().map(|p| p.relative.as_path()).collect();
        assert_eq!(
            relative,
            [
                Path::new("a.TXT"),
                Path::new("b.txt"),
                Path::new("sub/c.txt"),
                Path::new("c.txt")
            ]
        );
        assert_eq!(found[3].path, named);
        assert_eq!(
            failures,
            [format!(
                "{}: no such page or folder",
                root.join("missing").display()
            )]
        );
    }
}
