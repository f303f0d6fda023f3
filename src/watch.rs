//! `sitegen watch`: watch the sources with notify, debounce editor bursts into one rebuild,
//! rebuild incrementally, and tell the preview server's tabs.

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::config::{Overrides, SETTINGS_FILE};
use crate::diagnostic::{Diagnostic, Failure};
use crate::fsutil::{is_ignored_name, is_skipped_static};
use crate::incremental::{Outcome, SearchOutcome, SearchRefresh, Session};
use crate::output;
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

/// What happens while watching, for the caller to show (the library prints nothing).
#[derive(Debug)]
pub enum WatchEvent<'a> {
    /// The preview server listens on `addr` (another port than asked for when that was busy).
    Serving {
        /// The output folder as given.
        output: &'a Path,
        /// The address bound.
        addr: SocketAddr,
        /// The port asked for.
        requested_port: u16,
        /// The home page's path under the address: `""`, or `index.html` when folders have
        /// no index (the URL mode is not pretty).
        home: &'static str,
    },
    /// The sources are being watched.
    Watching,
    /// A build finished (`what` says what triggered it).
    Built {
        /// What changed.
        what: &'a str,
        /// What the build did.
        outcome: &'a Outcome,
    },
    /// A build failed; the previous output is still served.
    Failed {
        /// What changed.
        what: &'a str,
        /// Every problem found.
        failure: &'a Failure,
    },
    /// The search index was made again after a rebuild (on a thread of its own, after the
    /// rebuild's reload was sent).
    Indexed(&'a SearchOutcome),
    /// Making the search index failed; the previous index is still served.
    IndexFailed(&'a Failure),
    /// Watching ended because [`Stopper::stop`] was called.
    Stopped,
}

/// Ends a running [`Watch`] between rebuilds (so no file is left half-written). Cheap to clone;
/// the binary calls it from its Ctrl-C handler.
#[derive(Clone)]
pub struct Stopper(mpsc::Sender<Msg>);

impl Stopper {
    /// Asks the watch loop to stop.
    pub fn stop(&self) {
        let _ = self.0.send(Msg::Quit);
    }
}

/// `sitegen watch`, ready to run.
pub struct Watch {
    opts: WatchOptions,
    root: PathBuf,
    output: PathBuf,
    tx: mpsc::Sender<Msg>,
    rx: mpsc::Receiver<Msg>,
}

impl Watch {
    /// Checks the site root and the output folder: only these stop `watch` before it starts;
    /// every other mistake, even in sitegen.toml, is shown and waits for the next save.
    pub fn new(opts: WatchOptions) -> Result<Watch, Failure> {
        let root = opts.root.canonicalize().map_err(|e| {
            Diagnostic::file_error(&opts.root, format!("cannot use the site root: {e}"))
                .with_hint("pass --root with the folder that holds `posts/`")
        })?;
        let output = output::target_for(&root, &opts.overrides.output_in(&root))?.dir;
        let (tx, rx) = mpsc::channel();
        Ok(Watch {
            opts,
            root,
            output,
            tx,
            rx,
        })
    }

    /// A handle that stops the loop.
    pub fn stopper(&self) -> Stopper {
        Stopper(self.tx.clone())
    }

    /// Builds, serves, and rebuilds on every change until stopped, telling `report` what
    /// happens. Returns an error only when the server or the file watcher cannot start.
    pub fn run(self, mut report: impl FnMut(WatchEvent<'_>)) -> Result<(), Failure> {
        let Watch {
            opts,
            root,
            output,
            tx,
            rx,
        } = self;
        let (mut session, first) = match Session::start(&root, opts.overrides.clone()) {
            Ok((s, o)) => (Some(s), Ok(o)),
            Err(f) => (None, Err(f)),
        };
        let preview = start_preview(&opts, &root, &output, &mut report)?;
        tell("initial build", &first, preview.as_ref(), &mut report);
        // Declared after the session, so it is dropped (and its thread joined) first.
        let indexer = Indexer::start(tx.clone());
        if let Some(s) = session.as_mut() {
            indexer.request(s);
        }

        let (mut watcher, mut watched) = start_watcher(&tx, &root)?;
        report(WatchEvent::Watching);

        loop {
            let first_event = match rx.recv() {
                Ok(Msg::Fs(ev)) => ev,
                Ok(Msg::Indexed(result)) => {
                    tell_indexed(&result, preview.as_ref(), &mut report);
                    continue;
                }
                Ok(Msg::Quit) | Err(_) => {
                    report(WatchEvent::Stopped);
                    return Ok(());
                }
            };
            let mut burst = Burst::default();
            collect(
                first_event,
                &root,
                &output,
                &mut burst.changed,
                &mut burst.rescan,
            );
            burst.gather(&rx, opts.debounce, |ev, burst| match ev {
                Msg::Fs(ev) => collect(ev, &root, &output, &mut burst.changed, &mut burst.rescan),
                Msg::Indexed(result) => tell_indexed(&result, preview.as_ref(), &mut report),
                Msg::Quit => burst.quit = true,
            });
            let Burst {
                changed,
                rescan,
                quit,
            } = burst;
            if quit {
                report(WatchEvent::Stopped);
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
            let result = rebuild(&mut session, &root, &opts.overrides, &changed);
            tell(&what, &result, preview.as_ref(), &mut report);
            // The reload is sent: now the search index, on the indexer's thread.
            if let (Ok(_), Some(s)) = (&result, session.as_mut()) {
                indexer.request(s);
            }
        }
    }
}

/// The thread that makes the search index again after rebuilds: each request replaces the one
/// still waiting (only the newest pages matter), and the result goes back to the watch loop.
struct Indexer {
    requests: Option<mpsc::Sender<SearchRefresh>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Indexer {
    fn start(done: mpsc::Sender<Msg>) -> Indexer {
        let (tx, rx) = mpsc::channel::<SearchRefresh>();
        let thread = thread::Builder::new()
            .name("sitegen-search".into())
            .spawn(move || {
                lower_priority();
                // The shards are made on threads of their own, at the same low priority: the
                // rebuilds' work on rayon's global pool never waits behind them.
                let pool = rayon::ThreadPoolBuilder::new()
                    .thread_name(|i| format!("sitegen-search-{i}"))
                    .start_handler(|_| lower_priority())
                    .build()
                    .ok();
                while let Ok(mut job) = rx.recv() {
                    // Later requests supersede this one.
                    while let Ok(newer) = rx.try_recv() {
                        job = newer;
                    }
                    let result = match &pool {
                        Some(pool) => pool.install(|| job.run()),
                        None => job.run(),
                    };
                    if done.send(Msg::Indexed(result)).is_err() {
                        return;
                    }
                }
            })
            .ok();
        Indexer {
            requests: thread.is_some().then_some(tx),
            thread,
        }
    }

    /// Asks for a refresh when the session's rebuilds changed what is searchable; without a
    /// thread (the system refused one), refreshes here.
    fn request(&self, session: &mut Session) {
        let Some(job) = session.search_refresh() else {
            return;
        };
        match &self.requests {
            Some(tx) => {
                let _ = tx.send(job);
            }
            None => drop(job.run()),
        }
    }
}

/// Makes the calling thread yield to the rebuilds on a busy machine (nice 10 on Linux, where a
/// thread has a priority of its own): indexing is the work that may wait.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        let tid = rustix::thread::gettid();
        let _ = rustix::process::setpriority_process(Some(tid), 10);
    }
}

impl Drop for Indexer {
    /// Lets a refresh under way finish (its files are written by rename, but the session's
    /// scratch folder must outlive it), then ends the thread.
    fn drop(&mut self) {
        self.requests = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// How long to wait for the rest of a save when a changed file is empty.
const MID_SAVE_WAIT: Duration = Duration::from_millis(50);

/// The changes of one burst of saves, gathered before a rebuild.
#[derive(Default)]
struct Burst {
    /// The paths that changed.
    changed: BTreeSet<PathBuf>,
    /// The watcher lost events: the sources are walked again.
    rescan: bool,
    /// Ctrl-C came meanwhile.
    quit: bool,
}

impl Burst {
    /// Debounce: keeps taking messages (each handled by `take`) until the burst has been quiet
    /// for `debounce`, at most two seconds. A file that is empty right now is most likely
    /// mid-save (truncated, not yet written): the editor gets longer to finish before building.
    fn gather(
        &mut self,
        rx: &mpsc::Receiver<Msg>,
        debounce: Duration,
        mut take: impl FnMut(Msg, &mut Burst),
    ) {
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            let quiet = if self.changed.iter().any(|p| is_empty_file(p)) {
                debounce.max(MID_SAVE_WAIT)
            } else {
                debounce
            };
            match rx.recv_timeout(quiet) {
                Ok(msg) => take(msg, self),
                Err(_) => break,
            }
            if self.quit || Instant::now() > deadline {
                break;
            }
        }
    }
}

/// The file watcher: the root itself only for sitegen.toml and for source folders appearing,
/// the source folders recursively (not the whole root: a repository's target/ or node_modules/
/// would flood inotify); with the folders it watches.
fn start_watcher(
    tx: &mpsc::Sender<Msg>,
    root: &Path,
) -> Result<(notify::RecommendedWatcher, BTreeMap<PathBuf, FolderId>), Failure> {
    let fs_tx = tx.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let _ = fs_tx.send(Msg::Fs(res));
    })
    .map_err(|e| Diagnostic::new(format!("cannot watch files: {e}")))?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| Diagnostic::file_error(root, format!("cannot watch: {e}")))?;
    let mut watched = BTreeMap::new();
    watch_sources(&mut watcher, root, &mut watched);
    Ok((watcher, watched))
}

/// Rebuilds after `changed`, or starts the session again when the last start failed.
fn rebuild(
    session: &mut Option<Session>,
    root: &Path,
    overrides: &Overrides,
    changed: &[PathBuf],
) -> Result<Outcome, Failure> {
    match session.as_mut() {
        Some(s) => s.rebuild(changed),
        None => Session::start(root, overrides.clone()).map(|(s, o)| {
            *session = Some(s);
            o
        }),
    }
}

/// The preview server, when `watch` serves one, announced through `report`.
fn start_preview(
    opts: &WatchOptions,
    root: &Path,
    output: &Path,
    report: &mut impl FnMut(WatchEvent<'_>),
) -> Result<Option<Preview>, Failure> {
    let Some((bind, port)) = &opts.serve else {
        return Ok(None);
    };
    // A host without directory indexes is previewed as one: `/core/` is not found.
    let indexes = crate::config::Config::load(root, opts.overrides.clone())
        .map_or(true, |c| c.urls == crate::config::UrlMode::Pretty);
    let p = Preview::start(output.to_path_buf(), bind, *port, indexes)?;
    report(WatchEvent::Serving {
        output: &opts.overrides.output_in(root),
        addr: p.addr,
        requested_port: *port,
        home: if indexes { "" } else { "index.html" },
    });
    Ok(Some(p))
}

fn is_empty_file(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() == 0)
}

/// Adds a recursive watch on each source folder that exists and is not watched yet, and watches
/// again a folder that is another folder than the one watched (deleted or moved away and created
/// anew within one burst, as a sync tool does: the old watch followed the old folder).
fn watch_sources(
    watcher: &mut impl Watcher,
    root: &Path,
    watched: &mut BTreeMap<PathBuf, FolderId>,
) {
    for dir in SOURCE_DIRS {
        let path = root.join(dir);
        let now = folder_id(&path);
        match (now, watched.get(&path)) {
            (None, Some(_)) => {
                let _ = watcher.unwatch(&path);
                watched.remove(&path);
            }
            (Some(id), Some(old)) if *old == id => {}
            (Some(id), old) => {
                if old.is_some() {
                    let _ = watcher.unwatch(&path);
                }
                if watcher.watch(&path, RecursiveMode::Recursive).is_ok() {
                    watched.insert(path, id);
                } else {
                    watched.remove(&path);
                }
            }
            (None, None) => {}
        }
    }
}

/// Which folder a path is now (device and inode on Unix), `None` when it is not a folder.
type FolderId = (u64, u64);

fn folder_id(path: &Path) -> Option<FolderId> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

const SOURCE_DIRS: &[&str] = &["posts", "pages", "templates", "static", crate::i18n::DIR];

/// What the loop waits for.
pub(crate) enum Msg {
    Fs(notify::Result<notify::Event>),
    /// The indexer's thread finished a refresh of the search index.
    Indexed(Result<SearchOutcome, Failure>),
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

/// True for paths under `posts/`, `pages/`, `templates/`, `static/` or `i18n/`, or
/// `sitegen.toml`, that are not editor litter: hidden files are ignored too, except under
/// `static/`, whose dotfiles the build copies (`.htaccess`, `.well-known/`).
fn relevant(path: &Path, root: &Path, output: &Path) -> bool {
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
    let ignored = if first == "static" {
        rel.iter()
            .skip(1)
            .any(|p| is_skipped_static(&p.to_string_lossy()))
    } else {
        rel.iter().any(|p| is_ignored_name(&p.to_string_lossy()))
    };
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

fn tell_indexed(
    result: &Result<SearchOutcome, Failure>,
    preview: Option<&Preview>,
    report: &mut impl FnMut(WatchEvent<'_>),
) {
    match result {
        Ok(outcome) => {
            report(WatchEvent::Indexed(outcome));
            if let Some(p) = preview {
                p.send(Event::SearchIndex);
            }
        }
        Err(failure) => report(WatchEvent::IndexFailed(failure)),
    }
}

fn tell(
    what: &str,
    result: &Result<Outcome, Failure>,
    preview: Option<&Preview>,
    report: &mut impl FnMut(WatchEvent<'_>),
) {
    match result {
        Ok(outcome) => {
            report(WatchEvent::Built { what, outcome });
            if let Some(p) = preview {
                let css_only = !outcome.written.is_empty()
                    && outcome.written.iter().all(|w| w.ends_with(".css"))
                    && outcome.removed.is_empty();
                // A reload also clears an error overlay left by the previous save.
                p.send(if css_only { Event::Css } else { Event::Reload });
            }
        }
        Err(failure) => {
            report(WatchEvent::Failed { what, failure });
            if let Some(p) = preview {
                p.send(Event::Error(failure.to_string()));
            }
        }
    }
}
