//! The module graph has no circles: reading the `crate::` and `super::` paths of every module
//! under `src/` (tests and comments left out), no module reaches itself through the modules it
//! uses. A parent and its own children are one unit and may use each other.

use crate::common::repo;
use std::collections::{BTreeMap, BTreeSet};

/// Module name (`load::measurements`) → the modules its code names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = repo().join("src");
    let mut files = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut code = BTreeMap::new();
    for path in files {
        let rel = path.strip_prefix(&src).unwrap().with_extension("");
        let mut name = rel.to_string_lossy().replace('/', "::");
        if let Some(parent) = name.strip_suffix("::mod") {
            name = parent.to_string();
        }
        if name == "lib" || name == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        let text: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        code.insert(name, text);
    }
    let names: BTreeSet<String> = code.keys().cloned().collect();
    // The deepest module a path names.
    let module_of = |path: &str| -> Option<String> {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len())
            .rev()
            .map(|k| parts[..k].join("::"))
            .find(|c| names.contains(c))
    };
    let mut graph = BTreeMap::new();
    for (name, text) in &code {
        let parent: Vec<&str> = name.split("::").collect();
        let parent = parent[..parent.len() - 1].join("::");
        let mut uses = BTreeSet::new();
        for (prefix, base) in [("crate::", String::new()), ("super::", parent)] {
            for (at, _) in text.match_indices(prefix) {
                let before = text[..at].chars().last();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let rest: String = text[at + prefix.len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let full = if base.is_empty() {
                    rest
                } else {
                    format!("{base}::{rest}")
                };
                if let Some(target) = module_of(full.trim_end_matches(':')) {
                    let related = target == *name
                        || target.starts_with(&format!("{name}::"))
                        || name.starts_with(&format!("{target}::"));
                    if !related {
                        uses.insert(target);
                    }
                }
            }
        }
        graph.insert(name.clone(), uses);
    }
    graph
}

#[test]
fn no_two_modules_use_each_other_directly_or_round_a_loop() {
    let graph = graph();
    assert!(graph.len() > 20, "{:?}", graph.keys());
    // Every module reachable from each module; a module that reaches itself is in a circle.
    let mut circles = Vec::new();
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = graph[start].iter().collect();
        while let Some(m) = todo.pop() {
            if m == start {
                circles.push(start.clone());
                break;
            }
            if seen.insert(m.clone()) {
                todo.extend(graph.get(m).into_iter().flatten());
            }
        }
    }
    assert!(circles.is_empty(), "modules in a circle: {circles:?}");
}
