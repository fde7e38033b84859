//! House rules about the shape of the code, proved by reading the source:
//!
//! - no two sibling modules import each other, directly or through other siblings, so each
//!   directory of modules reads bottom-up and any module can be understood, tested or moved
//!   without the ones that use it;
//! - the core (`core/`) names no GUI crate, so it builds and runs without a display.
//!
//! The reading is plain string scanning. Comments and literals are blanked out, test code
//! (`#[cfg(test)]` items, files named `tests.rs` or `*_tests.rs`) is dropped, and in what is
//! left the paths that start with `crate::`, `copydesk_core::`, `self::` or `super::` are
//! resolved, through the `use` items of the modules they pass, to the module they name. It
//! does not follow `use super::*` globs, nor `super::` inside inline non-test modules; the
//! production code uses neither.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The GUI crates that the core must not name.
const GUI_CRATES: [&str; 5] = ["egui", "eframe", "rfd", "fontdb", "winit"];

/// In every directory of modules of both crates, the sibling modules form no cycle; the
/// message lists each cycle, and a path behind each of its steps.
#[test]
fn no_module_imports_another_that_imports_it() {
    let mut cycles = Vec::new();
    for root in ["src", "core/src"] {
        cycles.extend(find_cycles(root, &read_crate(root)));
    }
    assert!(
        cycles.is_empty(),
        "{} cycles among sibling modules; break each by moving what both sides need into one \
         of them, into a new sibling, or into the parent:\n{}",
        cycles.len(),
        cycles
            .iter()
            .map(|cycle| format!("{}\n{}", cycle.line, cycle.because.join("\n")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// No source file of the core writes a path into a GUI crate, and its manifest lists none.
#[test]
fn the_core_names_no_gui_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("core");
    let mut found = Vec::new();
    for path in rust_files(&root.join("src")) {
        let tokens = tokens(&blank_comments_and_literals(
            &fs::read_to_string(&path).unwrap(),
        ));
        for (i, token) in tokens.iter().enumerate() {
            let before = i.checked_sub(1).map_or("", |i| tokens[i].as_str());
            let after = tokens.get(i + 1).map_or("", String::as_str);
            if GUI_CRATES.contains(&token.as_str())
                && (after == "::" || matches!(before, "use" | "crate"))
            {
                found.push(format!("{}: {token}", path.display()));
            }
        }
    }
    let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    for line in manifest.lines() {
        let code = line.split('#').next().unwrap_or_default();
        let mut words = code.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'));
        if words.any(|word| GUI_CRATES.iter().any(|gui| word.starts_with(gui))) {
            found.push(format!("core/Cargo.toml: {}", line.trim()));
        }
    }
    assert!(
        found.is_empty(),
        "the core names GUI crates:\n{}",
        found.join("\n")
    );
}

/// The checker itself, on made-up crates: it must report a cycle (directly, through a
/// re-export, through a third sibling, between directories) and must not report imports that
/// go one way, nor paths in comments, strings or tests.
#[test]
fn the_cycle_checker_sees_cycles_and_only_cycles() {
    let cycles = |files: &[(&str, &str)]| -> Vec<String> {
        let sources: Vec<Source> = files
            .iter()
            .map(|(path, text)| Source::new("fake", path, text))
            .collect();
        find_cycles("fake", &sources)
            .into_iter()
            .map(|cycle| cycle.line)
            .collect()
    };
    let direct = [
        ("lib.rs", "mod a; mod b;"),
        ("a.rs", "use super::b::B;\npub struct A;"),
        ("b.rs", "pub struct B;\nfn f() { crate::a::A; }"),
    ];
    assert_eq!(cycles(&direct), ["fake: a → b → a"]);
    let through_a_reexport_and_a_third_sibling = [
        ("lib.rs", "mod a; mod b; mod c;\npub use c::{C, D as E};"),
        ("a.rs", "use super::{b, Parent};"),
        ("b.rs", "fn f() -> super::E { todo!() }"),
        ("c.rs", "use crate::a::A;"),
    ];
    assert_eq!(
        cycles(&through_a_reexport_and_a_third_sibling),
        ["fake: a → b → c → a"]
    );
    let between_directories = [
        ("x/mod.rs", "pub mod inner;"),
        ("x/inner.rs", "use crate::y::Y;"),
        ("y.rs", "use super::x::inner::Z;"),
    ];
    assert_eq!(cycles(&between_directories), ["fake: x → y → x"]);
    let one_way = [
        ("lib.rs", "mod a; mod b;\nuse a::A;\npub struct Parent;"),
        ("a.rs", "use super::b::B;\nuse super::Parent;"),
        (
            "b.rs",
            "//! See [`super::a::A`].\n// use super::a;\n/* super::a::A */\n\
             const S: &str = \"super::a::A\";\nconst C: char = '\"';\nuse super::Parent;\n\
             #[cfg(test)]\nmod tests {\n    use super::super::a::A;\n}\n",
        ),
    ];
    assert_eq!(cycles(&one_way), Vec::<String>::new());
}

/// A production source file of a crate.
struct Source {
    /// Where it is, for messages: `core/src/annotation/save.rs`.
    path: String,
    /// The module it is, from the crate root: `["annotation", "save"]`; `[]` for `lib.rs`.
    module: Vec<String>,
    /// Its code, with comments, literals and `#[cfg(test)]` items blanked out.
    code: String,
}

impl Source {
    /// The file at `relative` (with `/` separators) under the crate root `root`.
    fn new(root: &str, relative: &str, text: &str) -> Self {
        let mut module: Vec<String> = relative.split('/').map(str::to_owned).collect();
        let file = module.pop().unwrap_or_default();
        let stem = file.strip_suffix(".rs").unwrap_or(&file);
        if !matches!(stem, "mod" | "lib" | "main") {
            module.push(stem.to_owned());
        }
        Self {
            path: format!("{root}/{relative}"),
            module,
            code: without_test_items(&blank_comments_and_literals(text)),
        }
    }
}

/// A cycle of sibling modules, as `dir: a → b → a`, and a path behind each step.
struct Cycle {
    /// `src/app: chrome → page → chrome`.
    line: String,
    /// For each step, one file and path that make it, and how many more there are.
    because: Vec<String>,
}

/// The production source files of the crate in `root` (relative to the package).
fn read_crate(root: &str) -> Vec<Source> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join(root);
    rust_files(&base)
        .into_iter()
        .filter(|path| {
            let stem = path.file_stem().unwrap().to_str().unwrap();
            stem != "tests" && !stem.ends_with("_tests")
        })
        .map(|path| {
            let relative = path.strip_prefix(&base).unwrap().components();
            let relative: Vec<&str> = relative.map(|c| c.as_os_str().to_str().unwrap()).collect();
            Source::new(
                root,
                &relative.join("/"),
                &fs::read_to_string(&path).unwrap(),
            )
        })
        .collect()
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The cycles among sibling modules of one crate, `root` naming it in messages.
///
/// In each directory (module) the nodes are its child modules, a subdirectory counting as one
/// node with all its files; the directory's own `mod.rs` or `lib.rs` is the owner, not a node.
/// Sibling `a` has an edge to sibling `b` when a file of `a` writes a path that resolves into
/// `b`.
fn find_cycles(root: &str, sources: &[Source]) -> Vec<Cycle> {
    let model = Crate::new(sources);
    // (directory, from, to) → where the paths are written.
    let mut edges: BTreeMap<(Vec<String>, String, String), Vec<String>> = BTreeMap::new();
    for source in sources {
        let tokens = tokens(&source.code);
        for (i, token) in tokens.iter().enumerate() {
            let starts_a_path =
                matches!(token.as_str(), "crate" | "copydesk_core" | "self" | "super")
                    && tokens.get(i + 1).is_some_and(|t| t == "::")
                    && (i == 0 || tokens[i - 1] != "::");
            if !starts_a_path {
                continue;
            }
            let mut paths = Vec::new();
            use_tree(&tokens, i, &[], &mut paths);
            for (path, _) in paths {
                let Some(absolute) = absolute(&source.module, &path) else {
                    continue;
                };
                let (target, _) = model.module_of(&absolute, 0);
                for (k, from) in source.module.iter().enumerate() {
                    if target.len() <= k || target[..k] != source.module[..k] {
                        break;
                    }
                    if target[k] != *from {
                        let edge = (source.module[..k].to_vec(), from.clone(), target[k].clone());
                        let at = format!("{} `{}`", source.path, path.join("::"));
                        edges.entry(edge).or_default().push(at);
                    }
                }
            }
        }
    }
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (dir, from, to) in edges.keys() {
        let graph = graphs.entry(dir.clone()).or_default();
        graph.entry(from.clone()).or_default().insert(to.clone());
    }
    let mut cycles = Vec::new();
    for (dir, graph) in &graphs {
        let label = if dir.is_empty() {
            root.to_owned()
        } else {
            format!("{root}/{}", dir.join("/"))
        };
        for nodes in elementary_cycles(graph) {
            let because = nodes
                .windows(2)
                .map(|step| {
                    let at = &edges[&(dir.clone(), step[0].clone(), step[1].clone())];
                    let more = if at.len() > 1 {
                        format!(" (and {} more)", at.len() - 1)
                    } else {
                        String::new()
                    };
                    format!("    {} → {}: {}{more}", step[0], step[1], at[0])
                })
                .collect();
            cycles.push(Cycle {
                line: format!("{label}: {}", nodes.join(" → ")),
                because,
            });
        }
    }
    cycles
}

/// Every elementary cycle of `graph`, each once, starting and ending at its smallest node:
/// a depth-first search from each node through larger nodes only. The graphs are a dozen
/// nodes at most, so no cleverer algorithm is needed.
fn elementary_cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn search<'a>(
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a String>,
        cycles: &mut Vec<Vec<String>>,
    ) {
        let (start, last) = (path[0], path[path.len() - 1]);
        for next in graph.get(last).into_iter().flatten() {
            if next == start {
                cycles.push(path.iter().chain([&start]).map(|&n| n.clone()).collect());
            } else if next > start && !path.contains(&next) {
                path.push(next);
                search(graph, path, cycles);
                path.pop();
            }
        }
    }
    let mut cycles = Vec::new();
    for start in graph.keys() {
        search(graph, &mut vec![start], &mut cycles);
    }
    cycles
}

/// What the checker knows of a crate's modules.
struct Crate {
    /// The modules that have files: `[]`, `["annotation"]`, `["annotation", "save"]`….
    modules: BTreeSet<Vec<String>>,
    /// The names that `use` items bind: (module, name) → the absolute path the name stands for.
    uses: BTreeMap<(Vec<String>, String), Vec<String>>,
}

impl Crate {
    fn new(sources: &[Source]) -> Self {
        let mut modules = BTreeSet::new();
        for source in sources {
            for k in 0..=source.module.len() {
                modules.insert(source.module[..k].to_vec());
            }
            // A `mod name;` is a module even while its file is missing (mid-move).
            for item in tokens(&source.code).windows(3) {
                if item[0] == "mod" && item[2] == ";" {
                    modules.insert([source.module.clone(), vec![item[1].clone()]].concat());
                }
            }
        }
        let mut uses = BTreeMap::new();
        for source in sources {
            for (path, name) in use_items(&source.code) {
                let absolute = absolute(&source.module, &path).or_else(|| {
                    // A bare path in a `use` names a child module (or an extern crate).
                    let child = [source.module.as_slice(), &path[..1]].concat();
                    modules
                        .contains(&child)
                        .then(|| [source.module.clone(), path].concat())
                });
                let binds_itself = |path: &Vec<String>| {
                    path.split_last().is_some_and(|(last, parent)| {
                        *last == name && parent == source.module.as_slice()
                    })
                };
                if let Some(absolute) = absolute.filter(|path| !binds_itself(path)) {
                    uses.insert((source.module.clone(), name), absolute);
                }
            }
        }
        Self { modules, uses }
    }

    /// The deepest module that the absolute `path` reaches, going through the names that
    /// `use` items bind on the way; and whether all of `path` is modules.
    fn module_of(&self, path: &[String], depth: usize) -> (Vec<String>, bool) {
        let mut module: Vec<String> = Vec::new();
        for name in path {
            let child = [module.as_slice(), std::slice::from_ref(name)].concat();
            if self.modules.contains(&child) {
                module = child;
                continue;
            }
            match self.uses.get(&(module.clone(), name.clone())) {
                Some(target) if depth < 8 => {
                    let (target, complete) = self.module_of(target, depth + 1);
                    if !complete {
                        return (target, false);
                    }
                    module = target;
                }
                _ => return (module, false),
            }
        }
        (module, true)
    }
}

/// `path` written in the file of `module`, from the crate root, if it starts with `crate`,
/// `copydesk_core` (re-exported at the root of `src/`), `self` or `super`.
fn absolute(module: &[String], path: &[String]) -> Option<Vec<String>> {
    let (first, mut rest) = path.split_first()?;
    let mut base = match first.as_str() {
        "crate" | "copydesk_core" => Vec::new(),
        "self" => module.to_vec(),
        "super" => module[..module.len().checked_sub(1)?].to_vec(),
        _ => return None,
    };
    while let Some(("super", after)) = rest.split_first().map(|(s, r)| (s.as_str(), r)) {
        base.pop()?;
        rest = after;
    }
    Some([base, rest.to_vec()].concat())
}

/// The paths of the top-level `use` items of `code`, each with the name it binds.
fn use_items(code: &str) -> Vec<(Vec<String>, String)> {
    let tokens = tokens(code);
    let mut depth = 0_usize;
    let mut paths = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token.as_str() {
            "{" => depth += 1,
            "}" => depth = depth.saturating_sub(1),
            "use" if depth == 0 => {
                let start = if tokens.get(i + 1).is_some_and(|t| t == "::") {
                    i + 2
                } else {
                    i + 1
                };
                use_tree(&tokens, start, &[], &mut paths);
            }
            _ => {}
        }
    }
    paths.retain(|(path, name)| !path.is_empty() && name != "*");
    paths
}

/// Reads the use tree or path at `tokens[i..]` (`a::b::{c, d::e as f}`, `a::b::c`) below
/// `prefix` into `paths`, each with the name it binds, and returns the index after it.
fn use_tree(
    tokens: &[String],
    mut i: usize,
    prefix: &[String],
    paths: &mut Vec<(Vec<String>, String)>,
) -> usize {
    let mut path = prefix.to_vec();
    while let Some(token) = tokens.get(i) {
        if token == "{" {
            i += 1;
            while tokens.get(i).is_some_and(|t| t != "}") {
                let next = use_tree(tokens, i, &path, paths);
                i = if tokens.get(next).is_some_and(|t| t == ",") {
                    next + 1
                } else {
                    next.max(i + 1)
                };
            }
            return i + 1;
        }
        if !(token == "*" || token.chars().all(is_word_char)) {
            break;
        }
        path.push(token.clone());
        i += 1;
        if tokens.get(i).is_none_or(|t| t != "::") {
            break;
        }
        i += 1;
    }
    let mut name = path.last().cloned().unwrap_or_default();
    if name == "self" {
        path.pop();
        name = path.last().cloned().unwrap_or_default();
    }
    if tokens.get(i).is_some_and(|t| t == "as") {
        name = tokens.get(i + 1).cloned().unwrap_or_default();
        i += 2;
    }
    paths.push((path, name));
    i
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The tokens of blanked code: words, `::`, and single other characters.
fn tokens(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let len = if is_word_char(chars[i]) {
            chars[i..].iter().take_while(|&&c| is_word_char(c)).count()
        } else if chars[i..].starts_with(&[':', ':']) {
            2
        } else {
            1
        };
        if !chars[i].is_whitespace() {
            tokens.push(chars[i..i + len].iter().collect());
        }
        i += len;
    }
    tokens
}

/// `text` with its comments (doc comments too) and its string and character literals each
/// replaced by a space (and the line breaks in them), so that what is left is code.
fn blank_comments_and_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut code = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        let literal = match rest {
            ['/', '/', ..] => rest.iter().position(|&c| c == '\n').unwrap_or(rest.len()),
            ['/', '*', ..] => block_comment_len(rest),
            ['"', ..] => string_len(rest),
            ['\'', '\\', _, ..] => {
                3 + rest[3..]
                    .iter()
                    .position(|&c| c == '\'')
                    .map_or(0, |p| p + 1)
            }
            ['\'', _, '\'', ..] => 3,
            [c, ..] if is_word_char(*c) => {
                let word = rest.iter().take_while(|&&c| is_word_char(c)).count();
                let raw = matches!(rest[..word], ['r'] | ['b' | 'c', 'r']);
                match raw_string_len(&rest[word..]) {
                    Some(len) if raw => word + len,
                    _ => {
                        code.extend(&rest[..word]);
                        i += word;
                        continue;
                    }
                }
            }
            [c, ..] => {
                code.push(*c);
                i += 1;
                continue;
            }
            [] => break,
        };
        // A space for the literal, and its line breaks, so that lines stay lines.
        code.push(' ');
        code.extend(rest[..literal].iter().filter(|&&c| c == '\n'));
        i += literal;
    }
    code
}

/// The length of the (possibly nested) block comment at the start of `rest`.
fn block_comment_len(rest: &[char]) -> usize {
    let (mut depth, mut i) = (0, 0);
    while i < rest.len() {
        match rest[i..] {
            ['/', '*', ..] => (depth, i) = (depth + 1, i + 2),
            ['*', '/', ..] => (depth, i) = (depth - 1, i + 2),
            _ => i += 1,
        }
        if depth == 0 {
            return i;
        }
    }
    rest.len()
}

/// The length of the string literal (opening `"` to closing `"`) at the start of `rest`.
fn string_len(rest: &[char]) -> usize {
    let mut i = 1;
    while i < rest.len() {
        match rest[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    rest.len()
}

/// The length of the raw string `#…#"…"#…#` at the start of `rest` (just after its `r`), if
/// there is one there.
fn raw_string_len(rest: &[char]) -> Option<usize> {
    let hashes = rest.iter().take_while(|&&c| c == '#').count();
    if rest.get(hashes) != Some(&'"') {
        return None;
    }
    let end: Vec<char> = std::iter::once('"')
        .chain(std::iter::repeat_n('#', hashes))
        .collect();
    let body = hashes + 1;
    let close = rest[body..]
        .windows(end.len())
        .position(|w| w == end.as_slice());
    Some(close.map_or(rest.len(), |p| body + p + end.len()))
}

/// Blanked `code` without its `#[cfg(test)]` items: the attribute and the item after it, up to
/// its `;` or the end of its `{…}` body.
fn without_test_items(code: &str) -> String {
    let mut kept = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        kept.push_str(&rest[..at]);
        rest = after_item(&rest[at..]);
    }
    kept.push_str(rest);
    kept
}

/// What follows the item (with its attributes) at the start of `item`.
fn after_item(item: &str) -> &str {
    let (mut brackets, mut braces) = (0_i32, 0_i32);
    for (i, c) in item.char_indices() {
        match c {
            '(' | '[' => brackets += 1,
            ')' | ']' => brackets -= 1,
            ';' if brackets == 0 && braces == 0 => return &item[i + 1..],
            '{' if brackets == 0 => braces += 1,
            '}' if brackets == 0 => {
                braces -= 1;
                if braces == 0 {
                    return &item[i + 1..];
                }
            }
            _ => {}
        }
    }
    ""
}
