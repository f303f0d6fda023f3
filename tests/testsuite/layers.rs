//! The layers of `src/` as the manual's "How it works" draws them: every top-level module in
//! exactly one layer of its table, every `crate::` path pointing down the layers or sideways
//! within one, and no circle of imports between top-level modules. The table is read from the
//! manual, so the code and its description cannot drift apart.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

const TABLE: &str = "docs/pages/internals/how-it-works.md";

/// `(layer, its modules)` from the table's rows, leaf layer first.
fn layers(repo: &Path) -> Vec<(String, Vec<String>)> {
    let text = fs::read_to_string(repo.join(TABLE)).unwrap();
    let start = text.find("| layer | modules |").expect("the layer table");
    text[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let modules = cells[2]
                .split('`')
                .skip(1)
                .step_by(2)
                .map(|m| m.trim_end_matches('/').trim_end_matches(".rs").to_string())
                .collect();
            (cells[1].to_string(), modules)
        })
        .collect()
}

/// For each top-level module of `src/`, the other top-level modules its code names with
/// `crate::` (leaving out comments and the `#[cfg(test)]` module that ends a file).
fn imports(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let module = first.trim_end_matches(".rs").to_string();
        let text = fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]\nmod ").next().unwrap();
        let targets = found.entry(module.clone()).or_default();
        for line in code.lines() {
            let line = line.split("//").next().unwrap();
            for (i, _) in line.match_indices("crate::") {
                let name: String = line[i + 7..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    targets.insert(name);
                }
            }
        }
    }
    found
}

#[test]
fn every_module_is_in_one_layer_and_imports_point_down_or_sideways_without_a_circle() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let layers = layers(repo);
    let mut rank: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, (layer, modules)) in layers.iter().enumerate() {
        for m in modules {
            assert!(
                rank.insert(m, i).is_none(),
                "{TABLE}: `{m}` is in two layers (again in {layer})"
            );
        }
    }
    let imports = imports(&repo.join("src"));
    let mut problems = Vec::new();
    for module in imports.keys() {
        if !rank.contains_key(module.as_str()) {
            problems.push(format!("src/{module} is in no layer of the table"));
        }
    }
    for m in rank.keys().filter(|m| !imports.contains_key(**m)) {
        problems.push(format!("the table names `{m}`, which src/ does not have"));
    }
    for (module, targets) in &imports {
        let Some(&from) = rank.get(module.as_str()) else {
            continue;
        };
        for target in targets {
            if let Some(&to) = rank.get(target.as_str())
                && to > from
            {
                problems.push(format!(
                    "src/{module} ({}) imports crate::{target} ({}), a layer above",
                    layers[from].0, layers[to].0
                ));
            }
        }
    }
    problems.extend(circles(&imports, &rank));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Circles among the modules of one layer (imports between layers only point down, checked
/// above), each found as a path back to where it started.
fn circles(
    imports: &BTreeMap<String, BTreeSet<String>>,
    rank: &BTreeMap<&str, usize>,
) -> Vec<String> {
    let mut found = Vec::new();
    for start in imports.keys() {
        let mut path = vec![start.clone()];
        if let Some(circle) = back_to(start, &mut path, imports, rank) {
            found.push(format!("a circle of imports: {}", circle.join(" -> ")));
        }
    }
    found.sort();
    found.dedup();
    found
}

fn back_to(
    start: &str,
    path: &mut Vec<String>,
    imports: &BTreeMap<String, BTreeSet<String>>,
    rank: &BTreeMap<&str, usize>,
) -> Option<Vec<String>> {
    let here = path.last().unwrap().clone();
    for next in imports.get(&here).into_iter().flatten() {
        if rank.get(next.as_str()) != rank.get(here.as_str()) {
            continue;
        }
        if next == start {
            let mut circle = path.clone();
            circle.push(next.clone());
            return Some(circle);
        }
        if !path.contains(next) && next.as_str() > start {
            path.push(next.clone());
            if let Some(c) = back_to(start, path, imports, rank) {
                return Some(c);
            }
            path.pop();
        }
    }
    None
}
