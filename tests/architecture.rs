//! The module graph, drawn from the code's own `use` items and paths, has no
//! circle and no import that runs against the layers ARCHITECTURE.md names.
//!
//! An edge `a -> b` is any path in `a` (in a `use` item or inline:
//! `crate::…`, `super::…`, `self::…`, `edgenet::…`) that reaches an item of
//! the file `b`, following a folder's `pub use` re-exports to the file that
//! defines the item. A folder's `mod.rs` naming its own children is
//! containment, not an edge. Test code (`tests*.rs` files and a file's
//! trailing `#[cfg(test)]` module) is left out: tests may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A file of `src`, as a module.
struct Module {
    /// `src/server/http/guard.rs`
    file: String,
    /// `["server", "http", "guard"]`; the binary's modules start with `<bin>`.
    path: Vec<String>,
    /// The parsed file.
    code: syn::File,
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The paths a file names, read with `syn`: its `use` items (with `pub use`
/// re-exports kept apart), every path in its code, and path-like token runs
/// inside macro calls (`view! { … crate::t!(…) … }`), which `syn` does not
/// parse. Modules under `#[cfg(test)]` are skipped.
#[derive(Default)]
struct Named {
    uses: Vec<String>,
    reexports: Vec<String>,
}

impl<'ast> syn::visit::Visit<'ast> for Named {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let test = m.attrs.iter().any(|a| match &a.meta {
            syn::Meta::List(l) => l.path.is_ident("cfg") && l.tokens.to_string().contains("test"),
            _ => false,
        });
        if !test {
            syn::visit::visit_item_mod(self, m);
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let mut v = Vec::new();
        expand(String::new(), &u.tree, &mut v);
        if matches!(u.vis, syn::Visibility::Inherited) {
            self.uses.extend(v);
        } else {
            self.reexports.extend(v);
        }
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segs: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        self.uses.push(segs.join("::"));
        syn::visit::visit_path(self, p);
    }

    fn visit_attribute(&mut self, a: &'ast syn::Attribute) {
        // Paths inside attributes: `#[openapi(paths(crate::server::…))]`.
        if let syn::Meta::List(l) = &a.meta {
            tokens(l.tokens.clone(), &mut self.uses);
        }
        syn::visit::visit_attribute(self, a);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        syn::visit::visit_macro(self, m);
        tokens(m.tokens.clone(), &mut self.uses);
    }
}

/// Path-like runs in a token stream: `crate :: a :: b`, `$crate :: t`,
/// `super :: x`, `edgenet :: y`.
fn tokens(ts: proc_macro2::TokenStream, out: &mut Vec<String>) {
    use proc_macro2::TokenTree;
    let tt: Vec<TokenTree> = ts.into_iter().collect();
    let mut i = 0;
    while i < tt.len() {
        match &tt[i] {
            TokenTree::Group(g) => tokens(g.stream(), out),
            TokenTree::Ident(id)
                if ["crate", "super", "self", "edgenet"].contains(&id.to_string().as_str()) =>
            {
                let mut segs = vec![id.to_string()];
                let mut j = i + 1;
                while j + 2 < tt.len() + 1 {
                    let colons = matches!((&tt.get(j), &tt.get(j + 1)), (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) if a.as_char() == ':' && b.as_char() == ':');
                    match (colons, tt.get(j + 2)) {
                        (true, Some(TokenTree::Ident(n))) => {
                            segs.push(n.to_string());
                            j += 3;
                        }
                        _ => break,
                    }
                }
                if segs.len() > 1 {
                    out.push(segs.join("::"));
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

/// Expands a `use` tree (`a::{b, c::{d, e}}`) into its paths.
fn expand(prefix: String, tree: &syn::UseTree, out: &mut Vec<String>) {
    use syn::UseTree::*;
    let join = |a: &str, b: &str| {
        if a.is_empty() {
            b.to_string()
        } else {
            format!("{a}::{b}")
        }
    };
    match tree {
        Path(p) => expand(join(&prefix, &p.ident.to_string()), &p.tree, out),
        Name(n) => out.push(join(&prefix, &n.ident.to_string())),
        Rename(r) => out.push(join(&prefix, &r.ident.to_string())),
        Glob(_) => out.push(prefix),
        Group(g) => g.items.iter().for_each(|t| expand(prefix.clone(), t, out)),
    }
}

fn named_paths(code: &syn::File) -> (Vec<String>, Vec<String>) {
    let mut n = Named::default();
    syn::visit::Visit::visit_file(&mut n, code);
    // `$crate::t` inside `macro_rules!` reads as `crate::t`.
    (n.uses, n.reexports)
}

fn modules() -> Vec<Module> {
    let mut paths = Vec::new();
    files(Path::new("src"), &mut paths);
    paths
        .into_iter()
        .filter(|p| {
            !p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("tests")
        })
        .map(|p| {
            let file = p.to_str().unwrap().replace('\\', "/");
            let rel = file.trim_start_matches("src/").trim_end_matches(".rs");
            let mut path: Vec<String> = rel.split('/').map(String::from).collect();
            if path.last().is_some_and(|l| l == "mod") {
                path.pop();
            }
            if path == ["lib"] {
                path.clear();
            } else if path[0] == "main" || path[0] == "cli" {
                if path == ["main"] {
                    path.clear();
                }
                path.insert(0, "<bin>".into());
            }
            let code = syn::parse_file(&std::fs::read_to_string(&p).unwrap())
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            Module { file, path, code }
        })
        .collect()
}

struct Graph {
    by_path: BTreeMap<Vec<String>, usize>,
    reexports: Vec<Vec<Vec<String>>>,
    mods: Vec<Module>,
}

impl Graph {
    fn new() -> Graph {
        let mods = modules();
        let by_path = mods
            .iter()
            .enumerate()
            .map(|(i, m)| (m.path.clone(), i))
            .collect();
        let reexports = mods
            .iter()
            .map(|m| {
                named_paths(&m.code)
                    .1
                    .into_iter()
                    .map(|p| absolute(&m.path, &p))
                    .collect()
            })
            .collect();
        Graph {
            by_path,
            reexports,
            mods,
        }
    }

    /// The file that defines what `path` (absolute) names.
    fn resolve(&self, path: &[String], depth: usize) -> Option<usize> {
        let mut at = Vec::new();
        let mut i = 0;
        while i < path.len() {
            let mut next = at.clone();
            next.push(path[i].clone());
            if self.by_path.contains_key(&next) {
                at = next;
                i += 1;
            } else {
                break;
            }
        }
        let here = *self.by_path.get(&at)?;
        // An item of a folder's face: follow its `pub use` to the defining file.
        if i < path.len() && depth < 8 {
            for r in &self.reexports[here] {
                if r.last() == Some(&path[i])
                    || (r.len() > at.len() && r[..r.len()].ends_with(&[path[i].clone()]))
                {
                    let mut target = r.clone();
                    target.extend(path[i + 1..].iter().cloned());
                    if let Some(t) = self.resolve(&target, depth + 1) {
                        return Some(t);
                    }
                }
            }
        }
        Some(here)
    }
}

/// A path as seen from module `from`, made absolute (`crate` = the library's
/// root, `edgenet` = the same from the binary, `<bin>` = the binary's root).
fn absolute(from: &[String], path: &str) -> Vec<String> {
    let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let in_bin = from.first().is_some_and(|f| f == "<bin>");
    let mut out: Vec<String> = Vec::new();
    let mut rest = &segs[..];
    match segs.first().copied() {
        Some("crate") => {
            if in_bin {
                out.push("<bin>".into());
            }
            rest = &segs[1..];
        }
        Some("edgenet") => rest = &segs[1..],
        Some("self") | Some("super") => {
            // `self` is the file's own module, `super` its parent (for a
            // folder's mod.rs too: its module is the folder).
            out = from.to_vec();
            while let Some(&s) = rest.first() {
                match s {
                    "self" => rest = &rest[1..],
                    "super" => {
                        out.pop();
                        rest = &rest[1..];
                    }
                    _ => break,
                }
            }
        }
        _ => {
            // A relative path: a child of this module (`mod x; use x::Y`), else an outside crate.
            out = from.to_vec();
        }
    }
    out.extend(rest.iter().map(|s| s.to_string()));
    out
}

/// Macros exported at the crate root, by the file that defines them.
const MACROS: &[(&str, &str)] = &[("t", "src/i18n/mod.rs"), ("msg", "src/i18n/mod.rs")];

fn edges(g: &Graph) -> BTreeMap<usize, BTreeSet<usize>> {
    let mut out: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let index_of = |file: &str| g.mods.iter().position(|m| m.file == file).unwrap();
    for (i, m) in g.mods.iter().enumerate() {
        let folder =
            m.file.ends_with("mod.rs") || m.file.ends_with("lib.rs") || m.file.ends_with("main.rs");
        let dir = m
            .file
            .rsplit_once('/')
            .map(|(d, _)| format!("{d}/"))
            .unwrap();
        for p in named_paths(&m.code).0 {
            let segs: Vec<&str> = p.split("::").collect();
            if segs.len() == 2 && (segs[0] == "crate" || segs[0] == "edgenet") {
                if let Some((_, f)) = MACROS.iter().find(|(n, _)| *n == segs[1]) {
                    let t = index_of(f);
                    if t != i {
                        out.entry(i).or_default().insert(t);
                    }
                    continue;
                }
            }
            let first = p.split("::").next().unwrap_or_default();
            if !["crate", "super", "self", "edgenet"].contains(&first) {
                continue;
            }
            let abs = absolute(&m.path, &p);
            let Some(t) = g.resolve(&abs, 0) else {
                continue;
            };
            // A folder's face naming its own children is containment.
            if t == i || (folder && g.mods[t].file.starts_with(&dir) && m.file != "src/main.rs") {
                continue;
            }
            out.entry(i).or_default().insert(t);
        }
    }
    out
}

fn file_edges() -> (Vec<String>, BTreeMap<String, BTreeSet<String>>) {
    let g = Graph::new();
    let e = edges(&g);
    let names: Vec<String> = g.mods.iter().map(|m| m.file.clone()).collect();
    let by_name = e
        .into_iter()
        .map(|(a, bs)| {
            (
                names[a].clone(),
                bs.into_iter().map(|b| names[b].clone()).collect(),
            )
        })
        .collect();
    (names, by_name)
}

/// Tarjan's strongly connected components with more than one file.
fn circles(names: &[String], e: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        e: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        n: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        t.index.insert(v, t.n);
        t.low.insert(v, t.n);
        t.n += 1;
        t.stack.push(v);
        t.on.insert(v);
        if let Some(ws) = t.e.get(v) {
            for w in ws {
                let w = w.as_str();
                if !t.index.contains_key(w) {
                    visit(t, w);
                    let l = t.low[w].min(t.low[v]);
                    t.low.insert(v, l);
                } else if t.on.contains(w) {
                    let l = t.index[w].min(t.low[v]);
                    t.low.insert(v, l);
                }
            }
        }
        if t.low[v] == t.index[v] {
            let mut c = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                c.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if c.len() > 1 {
                c.sort();
                t.out.push(c);
            }
        }
    }
    let mut t = T {
        e,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        n: 0,
        out: Vec::new(),
    };
    for n in names {
        if !t.index.contains_key(n.as_str()) {
            visit(&mut t, n);
        }
    }
    t.out
}

#[test]
fn the_module_graph_has_no_circle() {
    let (names, e) = file_edges();
    // The graph is read at all: the router names the app and the server.
    assert!(
        e["src/router.rs"].contains("src/app/mod.rs"),
        "{:?}",
        e["src/router.rs"]
    );
    assert!(
        e["src/router.rs"].contains("src/server/state.rs"),
        "{:?}",
        e["src/router.rs"]
    );
    let c = circles(&names, &e);
    assert!(c.is_empty(), "import circles: {c:#?}");
}

/// What a layer may not import (ARCHITECTURE.md, "Layers").
const NEVER: &[(&str, &[&str], &str)] = &[
    (
        "src/i18n/",
        &[
            "src/domain/",
            "src/state.rs",
            "src/app/",
            "src/server/",
            "src/actions.rs",
            "src/router.rs",
        ],
        "i18n is the ground floor",
    ),
    (
        "src/domain/",
        &[
            "src/state.rs",
            "src/app/",
            "src/server/",
            "src/actions.rs",
            "src/router.rs",
            "src/cli",
        ],
        "the domain is pure and knows no edge",
    ),
    (
        "src/domain/model/",
        &[
            "src/domain/config.rs",
            "src/domain/kubernetes.rs",
            "src/domain/form.rs",
            "src/domain/routes/",
            "src/domain/manifests.rs",
            "src/domain/consequences.rs",
            "src/domain/vm.rs",
            "src/domain/probe.rs",
        ],
        "the model knows no rule, form or view",
    ),
    (
        "src/state.rs",
        &["src/app/", "src/server/", "src/actions.rs", "src/router.rs"],
        "the pages' contract is data",
    ),
    (
        "src/app/",
        &["src/server/", "src/router.rs"],
        "the pages reach the server only through server functions",
    ),
    (
        "src/server/",
        &["src/app/", "src/actions.rs", "src/router.rs"],
        "the server does not know the pages",
    ),
    (
        "src/server/storage/",
        &[
            "src/server/api/",
            "src/server/http/",
            "src/server/forms.rs",
            "src/server/auth/",
            "src/server/backend/",
            "src/server/state.rs",
        ],
        "storage is the server's ground floor",
    ),
    (
        "src/server/backend/",
        &[
            "src/server/api/",
            "src/server/http/",
            "src/server/forms.rs",
            "src/server/auth/",
            "src/server/state.rs",
        ],
        "the backends answer to the store, not to requests",
    ),
    (
        "src/server/auth/mod.rs",
        &["src/server/api/", "src/server/forms.rs"],
        "sessions know no resource",
    ),
    (
        "src/server/http/",
        &["src/server/api/", "src/server/forms.rs"],
        "the plumbing knows no resource",
    ),
];

#[test]
fn no_import_runs_against_the_layers() {
    let (_, e) = file_edges();
    let mut wrong = Vec::new();
    for (from, tos) in &e {
        for (layer, never, why) in NEVER {
            if !from.starts_with(layer) {
                continue;
            }
            for to in tos {
                if never.iter().any(|n| to.starts_with(n)) {
                    wrong.push(format!("{from} -> {to}: {why}"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

/// The reader catches what it is meant to: `use` groups, renames,
/// re-exports, inline paths and paths inside macro calls, and not what a
/// string, a comment or a test module says; and a circle in a made-up graph.
#[test]
fn the_reader_sees_uses_groups_reexports_and_inline_paths() {
    let file = syn::parse_file(
        "use crate::domain::{model::{Config, Route}, form::Draft as D};\npub use inner::Thing;\n#[derive(OpenApi)]\n#[openapi(paths(crate::server::api::resources::list_ports))]\nstruct Doc;\nfn f() { let _ = crate::server::http::guard::FILE_MAX; let s = \"crate::app::fake\"; view! { <p>{crate::t!(\"x\")}</p> } }\n// crate::app::comment\n#[cfg(test)]\nmod tests { use crate::app::hidden; }\n",
    )
    .unwrap();
    let (u, r) = named_paths(&file);
    let u: BTreeSet<&str> = u.iter().map(String::as_str).collect();
    for p in [
        "crate::domain::model::Config",
        "crate::domain::model::Route",
        "crate::domain::form::Draft",
        "crate::server::http::guard::FILE_MAX",
        "crate::t",
    ] {
        assert!(u.contains(p), "{p} missing from {u:?}");
    }
    assert!(!u.iter().any(|p| p.starts_with("crate::app")), "{u:?}");
    assert_eq!(r, ["inner::Thing"]);
    let names: Vec<String> = ["a", "b", "c"].map(String::from).into();
    let e: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_string(), ["b".to_string()].into()),
        ("b".to_string(), ["c".to_string()].into()),
        ("c".to_string(), ["a".to_string()].into()),
    ]
    .into();
    assert_eq!(circles(&names, &e), [["a", "b", "c"]]);
    // The real graph follows a folder's face: `crate::server::AppState` is server/state.rs.
    let g = Graph::new();
    let t = g
        .resolve(&absolute(&[], "crate::server::AppState"), 0)
        .unwrap();
    assert_eq!(g.mods[t].file, "src/server/state.rs");
    let t = g
        .resolve(&absolute(&[], "crate::domain::model::Config"), 0)
        .unwrap();
    assert_eq!(g.mods[t].file, "src/domain/model/config.rs");
}
