//! What the command line prints (part of the `sitegen` binary, not of the library): the build's
//! folder as the author sees it, the import's report and progress bar, `watch`'s events, and the
//! files `new` and `init` created.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU8, Ordering};

use sitegen::{Created, Failure, WatchEvent};

/// How much the command prints besides warnings and errors (`-q`, `-v`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    /// `-q`: warnings and errors only.
    Quiet = 0,
    /// What each command reports by default: its summary line.
    Normal = 1,
    /// `-v`: also where the site and the output are, and each rebuild's phases in `watch`.
    Verbose = 2,
}

static LEVEL: AtomicU8 = AtomicU8::new(Level::Normal as u8);

/// Sets what the rest of the run prints.
pub(crate) fn set_level(level: Level) {
    LEVEL.store(level as u8, Ordering::Relaxed);
}

/// Whether a line of `level` is printed.
pub(crate) fn shows(level: Level) -> bool {
    LEVEL.load(Ordering::Relaxed) >= level as u8
}

/// Prints a line of the command's report (a summary, progress) unless `-q` was given.
macro_rules! say {
    ($($arg:tt)*) => {
        if $crate::report::shows($crate::report::Level::Normal) {
            eprintln!($($arg)*);
        }
    };
}

/// Prints a line only with `-v`.
macro_rules! detail {
    ($($arg:tt)*) => {
        if $crate::report::shows($crate::report::Level::Verbose) {
            eprintln!($($arg)*);
        }
    };
}
pub(crate) use {detail, say};

/// `path` as the author would type it from the current folder: relative when inside it.
pub(crate) fn shown(path: &Path) -> String {
    let here = std::env::current_dir().and_then(|h| h.canonicalize());
    let rel = here
        .ok()
        .and_then(|h| path.strip_prefix(&h).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    format!("{}/", rel.display())
}

/// A one-line progress bar for downloads, on a terminal only.
pub(crate) fn show_progress(done: usize, total: usize) {
    use std::io::{IsTerminal, Write};
    let mut err = std::io::stderr();
    if !err.is_terminal() || total == 0 {
        return;
    }
    let width = 30;
    let filled = done * width / total;
    let _ = write!(
        err,
        "\rdownloading media [{}{}] {done}/{total}",
        "#".repeat(filled),
        " ".repeat(width - filled)
    );
    if done == total {
        let _ = writeln!(err);
    }
    let _ = err.flush();
}

pub(crate) fn print_import_report(r: &sitegen::ImportReport) {
    eprintln!(
        "imported {} ({} scheduled), {}, {}, {}, {}, {}",
        plural(r.posts, "post", "posts"),
        r.scheduled,
        plural(r.pages, "page", "pages"),
        plural(r.drafts, "draft", "drafts"),
        plural(r.media, "media file", "media files"),
        plural(r.aliases, "alias", "aliases"),
        plural(r.comments, "comment", "comments"),
    );
    if !r.skipped.is_empty() {
        let parts: Vec<String> = r
            .skipped
            .iter()
            .map(|(why, n)| format!("{n} {why}"))
            .collect();
        eprintln!("skipped: {}", parts.join(", "));
    }
    eprintln!(
        "wrote {}, {} unchanged",
        plural(r.written.len(), "file", "files"),
        r.unchanged
    );
    for file in &r.written {
        println!("{file}");
    }
    if r.not_imported > 0 {
        eprintln!(
            "{} not imported: linked at the old address (pass --uploads DIR or --download to bring them in)",
            plural(r.not_imported, "media file", "media files")
        );
    }
    print_settings(r);
    list(
        &r.menu_left,
        ("menu entry", "menu entries"),
        "not in the header",
    );
    list(&r.missing, ("media file", "media files"), "missing");
    if !r.notes.is_empty() {
        eprintln!(
            "{} for a person to look at:",
            plural(r.notes.len(), "construct", "constructs")
        );
        for line in r.grouped_notes() {
            eprintln!("{line}");
        }
    }
}

/// The settings taken from the export: written to a new `sitegen.toml`, or what an existing one
/// was not given.
fn print_settings(r: &sitegen::ImportReport) {
    if r.settings.is_empty() {
        return;
    }
    let pairs: Vec<String> = r
        .settings
        .iter()
        .map(|(k, v)| format!("{k} = {v:?}"))
        .collect();
    if r.settings_written {
        eprintln!("sitegen.toml: {}", pairs.join(", "));
    } else {
        eprintln!(
            "sitegen.toml exists and was left alone; the export would set: {}",
            pairs.join(", ")
        );
    }
}

/// `n` and the noun that goes with it (`1 post`, `2 posts`).
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Prints `items` under a heading that counts them (`2 media files missing:`), nothing when empty.
fn list(items: &[impl std::fmt::Display], (one, many): (&str, &str), what: &str) {
    if items.is_empty() {
        return;
    }
    eprintln!("{} {what}:", plural(items.len(), one, many));
    for item in items {
        eprintln!("{item}");
    }
}

pub(crate) fn print_watch_event(event: WatchEvent<'_>) {
    match event {
        WatchEvent::Serving {
            output,
            addr,
            requested_port,
            home,
        } => {
            if requested_port != 0 && addr.port() != requested_port {
                say!(
                    "port {requested_port} is taken; using {} instead",
                    addr.port()
                );
            }
            say!("serving {} at http://{addr}/{home}", output.display());
            if let Some(warning) = sitegen::preview_exposure_warning(addr) {
                eprintln!("{warning}");
            }
        }
        WatchEvent::Watching => say!(
            "watching posts/, templates/, static/ and sitegen.toml for changes (Ctrl-C to stop)"
        ),
        WatchEvent::Built { what, outcome } => {
            for w in &outcome.warnings {
                eprintln!("{w}");
            }
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            let images = match outcome.images_encoded {
                0 => String::new(),
                n => format!(", {n} image{} encoded", plural(n)),
            };
            say!(
                "{what}: {} page{} rendered, {} file{} written, {} removed{images} in {} ms",
                outcome.rendered,
                plural(outcome.rendered),
                outcome.written.len(),
                plural(outcome.written.len()),
                outcome.removed.len(),
                outcome.millis
            );
            let p = &outcome.phases;
            detail!(
                "  phases (ms): load {:.1}, index {:.1}, exercise bodies {:.1}, sign {:.1}, \
                 render {:.1}, write {:.1}",
                ms(p.load),
                ms(p.index),
                ms(p.exercise_bodies),
                ms(p.sign),
                ms(p.render),
                ms(p.write)
            );
        }
        WatchEvent::Failed { what, failure } => eprintln!("{what}:\n{failure}"),
        WatchEvent::Indexed(s) => say!(
            "search index: {} page{} indexed{}, {} file{} written, {} removed in {} ms",
            s.pages,
            if s.pages == 1 { "" } else { "s" },
            match s.shards {
                (_, 0 | 1) => String::new(),
                (made, all) => format!(" ({made} of {all} shards)"),
            },
            s.written,
            if s.written == 1 { "" } else { "s" },
            s.removed,
            s.millis
        ),
        WatchEvent::IndexFailed(failure) => {
            eprintln!(
                "{failure}\n(the search index was not refreshed: the previous one is still served)"
            )
        }
        WatchEvent::Stopped => say!("stopped"),
    }
}

/// Microseconds as milliseconds.
fn ms(micros: u128) -> f64 {
    micros as f64 / 1000.0
}

/// Prints the files written (stdout) and the warnings or errors (stderr).
pub(crate) fn print_created(result: Result<Created, Failure>) -> ExitCode {
    match result {
        Ok(created) => {
            for w in &created.warnings {
                eprintln!("{w}");
            }
            for file in &created.files {
                println!("{}", file.display());
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            for d in &failure.diagnostics {
                eprintln!("{d}");
            }
            ExitCode::FAILURE
        }
    }
}
