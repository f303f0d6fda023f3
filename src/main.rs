//! The `sitegen` command line: parses arguments, calls the library, prints diagnostics, sets the exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use mimalloc::MiMalloc;
use sitegen::{
    Config, Created, Diagnostic, Failure, NewExercise, NewPost, Overrides, Watch, WatchOptions,
};

mod report;

use report::{print_created, print_import_report, print_watch_event, show_progress, shown};

/// mimalloc instead of glibc's malloc: rendering and Pagefind's indexing allocate and free many
/// small strings from several threads, where glibc's arenas contend (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: MiMalloc = MiMalloc;

/// A static-site generator for blog series.
#[derive(Parser)]
#[command(name = "sitegen", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the whole build succeeds).
    Build {
        /// Site root: the folder holding posts/, templates/, static/ and sitegen.toml
        /// [default: the nearest folder at or above the current one holding sitegen.toml or posts/].
        #[arg(long)]
        root: Option<PathBuf>,
        /// Output folder [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Build draft posts too.
        #[arg(long)]
        drafts: bool,
        /// Build posts dated after today too (today is SOURCE_DATE_EPOCH when set).
        #[arg(long)]
        future: bool,
        /// Base URL the site is served from, e.g. https://example.org/blog/ [default: from sitegen.toml, else /].
        #[arg(long)]
        base_url: Option<String>,
        /// How internal links are written: pretty (/core/), index (/core/index.html, for hosts
        /// without directory indexes) or relative (../core/index.html, for file://)
        /// [default: from sitegen.toml, else pretty].
        #[arg(long, value_enum)]
        urls: Option<sitegen::UrlMode>,
    },
    /// Build, then rebuild on every save and serve a live-reloading preview.
    ///
    /// Drafts and scheduled (future-dated) posts are shown by default while watching, marked;
    /// pass --no-drafts to hide drafts.
    /// Links are made relative to the server root (base URL `/`) unless --base-url is given.
    Watch {
        /// Site root: the folder holding posts/, templates/, static/ and sitegen.toml
        /// [default: the nearest folder at or above the current one holding sitegen.toml or posts/].
        #[arg(long)]
        root: Option<PathBuf>,
        /// Output folder [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Build drafts (the default in watch).
        #[arg(long, overrides_with = "no_drafts")]
        drafts: bool,
        /// Leave drafts out.
        #[arg(long, overrides_with = "drafts")]
        no_drafts: bool,
        /// Port of the preview server (the next free one is taken if it is busy).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Keep the default unless you mean to expose the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Only rebuild; do not start the preview server.
        #[arg(long)]
        no_serve: bool,
        /// Base URL for links [default: /].
        #[arg(long)]
        base_url: Option<String>,
        /// How internal links are written: pretty (/core/), index (/core/index.html, for hosts
        /// without directory indexes) or relative (../core/index.html, for file://)
        /// [default: from sitegen.toml, else pretty].
        #[arg(long, value_enum)]
        urls: Option<sitegen::UrlMode>,
    },
    /// Write a new post or exercise that follows the site's conventions (never overwrites a file).
    New {
        #[command(subcommand)]
        what: New,
    },
    /// Create a small site that builds at once: settings, a two-part series and an exercise.
    Init {
        /// Folder to create; it may exist only if it is empty.
        dir: PathBuf,
    },
    /// Move a site in from another tool: `sitegen import wordpress EXPORT.xml --into DIR`.
    Import {
        #[command(subcommand)]
        from: Import,
    },
    /// Build in memory (writing nothing) and check every link and #anchor of every page.
    ///
    /// Reports every broken link with its page and, where it was written in Markdown, its
    /// file, line and column; exits 1 if any is broken.
    Check {
        /// Site root: the folder holding posts/, templates/, static/ and sitegen.toml
        /// [default: the nearest folder at or above the current one holding sitegen.toml or posts/].
        #[arg(long)]
        root: Option<PathBuf>,
        /// Check draft posts too.
        #[arg(long)]
        drafts: bool,
        /// Base URL the site is served from [default: from sitegen.toml, else /].
        #[arg(long)]
        base_url: Option<String>,
        /// Also check external http(s) links (4 requests at once, 1 s between requests to one host).
        #[arg(long)]
        external: bool,
        /// How internal links are written: pretty (/core/), index (/core/index.html, for hosts
        /// without directory indexes) or relative (../core/index.html, for file://)
        /// [default: from sitegen.toml, else pretty].
        #[arg(long, value_enum)]
        urls: Option<sitegen::UrlMode>,
    },
    /// Print the 301 redirects of every alias as server configuration, to put in a file that
    /// the server includes: nginx (`location = … { return 301 …; }` lines for a `server` block),
    /// apache (`RedirectMatch 301` and mod_rewrite lines), or netlify (the `_redirects` lines
    /// that the build also writes).
    Redirects {
        /// nginx, apache or netlify.
        #[arg(value_enum)]
        server: sitegen::RedirectServer,
        /// Site root [default: the nearest folder at or above the current one holding
        /// sitegen.toml or posts/].
        #[arg(long)]
        root: Option<PathBuf>,
        /// Base URL the site is served from [default: from sitegen.toml, else /].
        #[arg(long)]
        base_url: Option<String>,
    },
}

#[derive(Subcommand)]
enum Import {
    /// Import a WordPress export (Tools › Export › All content): posts, pages, drafts, media,
    /// comments, old addresses as aliases; then build the result.
    ///
    /// Never overwrites a file with other content (--force to allow) and writes nothing outside
    /// DIR; a second run over the same export changes nothing.
    Wordpress {
        /// The WXR file (.xml) WordPress exported.
        export: PathBuf,
        /// Site folder to write into (created when missing).
        #[arg(long, default_value = ".")]
        into: PathBuf,
        /// Replace files that exist with other content.
        #[arg(long)]
        force: bool,
        /// A category whose posts become a series, in date order (repeatable).
        #[arg(long = "series", value_name = "CATEGORY")]
        series: Vec<String>,
        /// A local copy of wp-content/uploads to take media files from.
        #[arg(long, value_name = "DIR")]
        uploads: Option<PathBuf>,
        /// Download media the uploads folder lacks from the old site (http/https; 4 at once,
        /// timeouts, 2 retries, 5 redirects, 64 MiB a file; kept in DIR/.import-cache/).
        #[arg(long)]
        download: bool,
        /// Import the whole media library into static/wp-content/uploads/, not only what posts use.
        #[arg(long)]
        all_media: bool,
    },
}

#[derive(Subcommand)]
enum New {
    /// Write posts/<slug>.md, the slug made from the title.
    ///
    /// The date is today (UTC), or the day of SOURCE_DATE_EPOCH when it is set. In a series, the
    /// post gets the series' next weight and the front matter format its posts use (else TOML).
    Post {
        /// The title; the slug and file name follow from it.
        title: String,
        /// Series to add the post to (or to start).
        #[arg(long)]
        series: Option<String>,
        /// Write the post as a draft.
        #[arg(long)]
        draft: bool,
        /// Site root [default: the nearest folder at or above the current one holding
        /// sitegen.toml or posts/].
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Write posts/exercises/<ID>.md.
    Exercise {
        /// The exercise's id: its file name and URL segment, e.g. dead-bug.
        id: String,
        /// Display name, e.g. "Dead Bug".
        #[arg(long)]
        name: String,
        /// Joint or area it works (hips, t-spine, core, ...).
        #[arg(long)]
        joint: Option<String>,
        /// What it trains: mobility, stability, strength or soft-tissue.
        #[arg(long)]
        goal: Option<String>,
        /// Site root [default: the nearest folder at or above the current one holding
        /// sitegen.toml or posts/].
        #[arg(long)]
        root: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::New { what } => return print_created(new(what)),
        Command::Import { from } => return import(from),
        Command::Init { dir } => {
            let code = print_created(sitegen::init(&dir));
            if code == ExitCode::SUCCESS {
                eprintln!(
                    "preview it with `sitegen watch --root {}`, build it with `sitegen build --root {0}`",
                    dir.display()
                );
            }
            return code;
        }
        Command::Watch {
            root,
            output,
            drafts: _,
            no_drafts,
            port,
            bind,
            no_serve,
            base_url,
            urls,
        } => site_root(root).and_then(|root| {
            watch(WatchOptions {
                root,
                overrides: Overrides {
                    output,
                    drafts: !no_drafts,
                    base_url: Some(base_url.unwrap_or_else(|| "/".into())),
                    future: true,
                    urls,
                },
                serve: (!no_serve).then_some((bind, port)),
                debounce: std::time::Duration::from_millis(3),
            })
        }),
        Command::Build {
            root,
            output,
            drafts,
            future,
            base_url,
            urls,
        } => site_root(root).and_then(|root| {
            build(
                &root,
                Overrides {
                    output,
                    drafts,
                    base_url,
                    future,
                    urls,
                },
            )
        }),
        Command::Check {
            root,
            drafts,
            base_url,
            external,
            urls,
        } => match site_root(root) {
            Ok(root) => {
                let overrides = Overrides {
                    drafts,
                    base_url,
                    urls,
                    ..Overrides::default()
                };
                return check(&root, overrides, external);
            }
            Err(failure) => Err(failure),
        },
        Command::Redirects {
            server,
            root,
            base_url,
        } => site_root(root)
            .and_then(|root| {
                Config::load(
                    &root,
                    Overrides {
                        base_url,
                        ..Overrides::default()
                    },
                )
            })
            .and_then(|c| sitegen::redirects(&c, server))
            .map(|text| print!("{text}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::FAILURE
        }
    }
}

/// The site root: `--root` as given, else the nearest folder at or above the current one that
/// holds `sitegen.toml` or `posts/` (named on stderr when it is not the current folder).
fn site_root(root: Option<PathBuf>) -> Result<PathBuf, Failure> {
    if let Some(root) = root {
        return Ok(root);
    }
    let here = std::env::current_dir()
        .map_err(|e| Diagnostic::new(format!("cannot read the current folder: {e}")))?;
    let found = sitegen::find_site_root(&here)?;
    if here.canonicalize().is_ok_and(|h| h == found) {
        return Ok(PathBuf::from("."));
    }
    eprintln!("site root: {}", found.display());
    Ok(found)
}

fn build(root: &Path, overrides: Overrides) -> Result<(), Failure> {
    let report = sitegen::build_root(root, overrides)?;
    for w in &report.warnings {
        eprintln!("{w}");
    }
    if let Some((count, next)) = report.scheduled {
        let s = if count == 1 { "" } else { "s" };
        eprintln!(
            "held back {count} scheduled post{s} (the next is dated {next}); pass --future to build them"
        );
    }
    let images = match report.images_encoded {
        0 => String::new(),
        1 => ", 1 image encoded".to_string(),
        n => format!(", {n} images encoded"),
    };
    eprintln!(
        "built {} pages ({} rendered, {} files, {} written{images}) into {} in {} ms",
        report.pages,
        report.rendered,
        report.files,
        report.written,
        shown(&report.output),
        report.millis
    );
    Ok(())
}

/// `import wordpress`: the report, every construct left for a person, then the build of the
/// result.
fn import(from: Import) -> ExitCode {
    let Import::Wordpress {
        export,
        into,
        force,
        series,
        uploads,
        download,
        all_media,
    } = from;
    let options = sitegen::ImportOptions {
        export,
        into: into.clone(),
        force,
        series,
        uploads,
        download,
        all_media,
        progress: Some(show_progress),
        ..Default::default()
    };
    let report = match sitegen::import_wordpress(&options) {
        Ok(report) => report,
        Err(failure) => {
            for d in &failure.diagnostics {
                eprintln!("{d}");
            }
            eprintln!("import failed: nothing was written");
            return ExitCode::FAILURE;
        }
    };
    print_import_report(&report);
    eprintln!("building the imported site in {} ...", into.display());
    match build(&into, Overrides::default()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::FAILURE
        }
    }
}

/// `check` prints its own report: a summary line instead of "build failed".
fn check(root: &Path, overrides: Overrides, external: bool) -> ExitCode {
    let options = sitegen::CheckOptions {
        external,
        ..Default::default()
    };
    let report = match Config::load(root, overrides).and_then(|c| sitegen::check(&c, &options)) {
        Ok(report) => report,
        Err(failure) => {
            eprintln!("{failure}");
            return ExitCode::FAILURE;
        }
    };
    for d in report.warnings.iter().chain(&report.problems) {
        eprintln!("{d}");
    }
    eprintln!(
        "checked {} links on {} pages: {} broken",
        report.links, report.pages, report.broken
    );
    if report.broken > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn watch(opts: WatchOptions) -> Result<(), Failure> {
    let watch = Watch::new(opts)?;
    let stopper = watch.stopper();
    // Ctrl-C (and SIGTERM) end the loop between rebuilds, so no file is left half-written.
    ctrlc::set_handler(move || stopper.stop())
        .map_err(|e| Diagnostic::new(format!("cannot handle Ctrl-C: {e}")))?;
    watch.run(print_watch_event)
}

fn new(what: New) -> Result<Created, Failure> {
    match what {
        New::Post {
            title,
            series,
            draft,
            root,
        } => sitegen::new_post(&NewPost {
            root: site_root(root)?,
            title,
            series,
            draft,
        }),
        New::Exercise {
            id,
            name,
            joint,
            goal,
            root,
        } => sitegen::new_exercise(&NewExercise {
            root: site_root(root)?,
            id,
            name,
            joint,
            goal,
        }),
    }
}
