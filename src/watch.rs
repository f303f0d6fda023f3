//! `sitegen watch`: watch the sources with notify, debounce editor bursts into one rebuild,
//! rebuild incrementally, and tell the preview server's tabs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::config::{Overrides, SETTINGS_FILE};
use crate::content::is_ignored_name;
use crate::diagnostic::{Diagnostic, Failure};
use crate::incremental::{Outcome, Session};
use crate::serve::{Event, Preview};

/// Options of `sitegen watch`.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Site root.
    pub root: PathBuf,
    /// Build settings (drafts default on in watch).
    pub overrides: Overrides,
    /// Serve the output on this address and port; `None` with `--no-serve`.
    pub serve: Option<(String, u16)>,
    /// Quiet period that ends a burst of events.
    pub debounce: Duration,
}

/// Runs until the process is interrupted. Returns an error only if the first build cannot start
/// (bad output folder or settings); later mistakes are printed and shown in the browser.
pub fn run(opts: WatchOptions) -> Result<(), Failure> {
    // Only a missing site root or a dangerous output folder stop watch; every other mistake,
    // even in sitegen.toml, is shown and waits for the next save.
    let root = opts.root.canonicalize().map_err(|e| {
        Failure::one(
            Diagnostic::file_error(&opts.root, format!("cannot use the site root: {e}"))
                .with_hint("pass --root with the folder that holds `posts/`"),
        )
    })?;
    let output_dir = opts
        .overrides
        .output
        .clone()
        .unwrap_or_else(|| root.join("public"));
    let output = crate::output::target_for(&root, &output_dir)
        .map_err(Failure::one)?
        .dir;
    let (mut session, first) = match Session::start(&root, opts.overrides.clone()) {
        Ok((s, o)) => (Some(s), Ok(o)),
        Err(f) => (None, Err(f)),
    };
    let preview = match &opts.serve {
        Some((bind, port)) => {
            let p = Preview::start(output.clone(), bind, *port)
                .map_err(|m| Failure::one(Diagnostic::file_error("watch", m)))?;
            eprintln!("serving {} at http://{}/", output_dir.display(), p.addr);
            Some(p)
        }
        None => None,
    };
    report("initial build", &first, preview.as_ref());

    let (tx, rx) = mpsc::channel();
    let quit = tx.clone();
    // Ctrl-C (and SIGTERM) end the loop between rebuilds, so no file is left half-written.
    ctrlc::set_handler(move || {
        let _ = quit.send(Msg::Quit);
    })
    .map_err(|e| {
        Failure::one(Diagnostic::file_error(
            "watch",
            format!("cannot handle Ctrl-C: {e}"),
        ))
    })?;
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let _ = tx.send(Msg::Fs(res));
    })
    .map_err(|e| {
        Failure::one(Diagnostic::file_error(
            "watch",
            format!("cannot watch files: {e}"),
        ))
    })?;
    // The root itself only for sitegen.toml and for source folders appearing; the source folders
    // recursively. Not the whole root: a repository's target/ or node_modules/ would flood inotify.
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| Failure::one(Diagnostic::file_error(&root, format!("cannot watch: {e}"))))?;
    let mut watched = BTreeSet::new();
    watch_sources(&mut watcher, &root, &mut watched);
    eprintln!(
        "watching posts/, templates/, static/ and {SETTINGS_FILE} for changes (Ctrl-C to stop)"
    );

    loop {
        let Ok(Msg::Fs(first_event)) = rx.recv() else {
            eprintln!("stopped");
            return Ok(());
        };
        let mut changed = BTreeSet::new();
        let mut rescan = false;
        let mut quit = false;
        collect(first_event, &root, &output, &mut changed, &mut rescan);
        // Debounce: keep collecting until the burst has been quiet for a moment.
        let deadline = Instant::now() + Duration::from_secs(2);
        while let Ok(msg) = rx.recv_timeout(opts.debounce) {
            match msg {
                Msg::Fs(ev) => collect(ev, &root, &output, &mut changed, &mut rescan),
                Msg::Quit => quit = true,
            }
            if quit || Instant::now() > deadline {
                break;
            }
        }
        if quit {
            eprintln!("stopped");
            return Ok(());
        }
        watch_sources(&mut watcher, &root, &mut watched);
        let output_gone = !output.is_dir();
        if changed.is_empty() && !rescan && !output_gone {
            continue;
        }
        let changed: Vec<PathBuf> = if rescan {
            vec![root.clone()]
        } else {
            changed.into_iter().collect()
        };
        let what = describe(&changed, &root, output_gone);
        let result = match session.as_mut() {
            Some(s) => s.rebuild(&changed),
            None => Session::start(&root, opts.overrides.clone()).map(|(s, o)| {
                session = Some(s);
                o
            }),
        };
        report(&what, &result, preview.as_ref());
    }
}

/// Adds a recursive watch on each source folder that exists and is not watched yet (again, after
/// a folder was deleted and created anew).
fn watch_sources(watcher: &mut impl Watcher, root: &Path, watched: &mut BTreeSet<PathBuf>) {
    for dir in SOURCE_DIRS {
        let path = root.join(dir);
        if !path.is_dir() {
            watched.remove(&path);
        } else if !watched.contains(&path) && watcher.watch(&path, RecursiveMode::Recursive).is_ok()
        {
            watched.insert(path);
        }
    }
}

const SOURCE_DIRS: &[&str] = &["posts", "templates", "static"];

enum Msg {
    Fs(notify::Result<notify::Event>),
    Quit,
}

fn collect(
    ev: notify::Result<notify::Event>,
    root: &Path,
    output: &Path,
    changed: &mut BTreeSet<PathBuf>,
    rescan: &mut bool,
) {
    match ev {
        Ok(ev) => {
            if ev.need_rescan() {
                *rescan = true;
            }
            if matches!(ev.kind, notify::EventKind::Access(_)) {
                return;
            }
            for p in ev.paths {
                if relevant(&p, root, output) {
                    changed.insert(p);
                }
            }
        }
        Err(_) => *rescan = true,
    }
}

/// True for paths under `posts/`, `templates/` or `static/`, or `sitegen.toml`, that are not editor litter.
pub fn relevant(path: &Path, root: &Path, output: &Path) -> bool {
    if path.starts_with(output) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.iter().map(|p| p.to_string_lossy());
    let Some(first) = parts.next() else {
        return false;
    };
    let ignored = rel.iter().any(|p| is_ignored_name(&p.to_string_lossy()));
    !ignored
        && (SOURCE_DIRS.contains(&first.as_ref())
            || (first == SETTINGS_FILE && parts.next().is_none()))
}

fn describe(changed: &[PathBuf], root: &Path, output_gone: bool) -> String {
    let names: Vec<String> = changed
        .iter()
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    let mut s = match names.len() {
        0 => String::new(),
        1..=3 => names.join(", "),
        n => format!("{}, … ({n} files)", names[..2].join(", ")),
    };
    if output_gone {
        s = if s.is_empty() {
            "output folder deleted".into()
        } else {
            format!("{s}; output folder deleted")
        };
    }
    s
}

fn report(what: &str, result: &Result<Outcome, Failure>, preview: Option<&Preview>) {
    match result {
        Ok(o) => {
            for w in &o.warnings {
                eprintln!("{w}");
            }
            eprintln!(
                "{what}: {} page{} rendered, {} file{} written, {} removed in {} ms",
                o.rendered,
                if o.rendered == 1 { "" } else { "s" },
                o.written.len(),
                if o.written.len() == 1 { "" } else { "s" },
                o.removed.len(),
                o.millis
            );
            if let Some(p) = preview {
                let css_only = !o.written.is_empty()
                    && o.written.iter().all(|w| w.ends_with(".css"))
                    && o.removed.is_empty();
                // A reload also clears an error overlay left by the previous save.
                p.send(if css_only { Event::Css } else { Event::Reload });
            }
        }
        Err(f) => {
            eprintln!("{what}:\n{f}");
            if let Some(p) = preview {
                p.send(Event::Error(f.to_string()));
            }
        }
    }
}
