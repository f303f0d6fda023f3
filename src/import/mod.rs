//! `sitegen import wordpress`: a source-to-source step that reads a WordPress export and writes
//! `posts/`, `pages/` and `static/` of a sitegen site. The stages are separate and each is tested
//! on its own input: [`wxr`] parses the export, [`plan`] decides the documents, [`convert`] (with
//! [`autop`], [`wpcode`], [`expand`], [`links`]) turns bodies into Markdown, [`media`] names the
//! files and [`sources`] finds them, [`mod@write`] writes. It never reaches into rendering: the
//! ordinary build proves the result.

mod assemble;
mod autop;
mod comments;
mod convert;
mod dynamic;
mod env;
mod expand;
mod fetch;
mod fields;
mod flatten;
mod front;
mod grouped;
mod handlers;
mod identity;
mod kept;
mod links;
mod markup;
mod media;
mod menus;
mod plan;
mod sources;
mod tables;
mod wpcode;
mod write;
mod wxr;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::content::frontmatter::Format;
use crate::diagnostic::{Diagnostic, Failure};
use crate::fsutil::io_error;

pub use fetch::DownloadLimits;

/// What `sitegen import wordpress` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The WXR file.
    pub export: PathBuf,
    /// The site folder to write into (created when missing).
    pub into: PathBuf,
    /// Replace files that exist with other content.
    pub force: bool,
    /// Categories whose posts become a series, in date order.
    pub series: Vec<String>,
    /// A local copy of `wp-content/uploads`.
    pub uploads: Option<PathBuf>,
    /// Download media from the old site (http and https only).
    pub download: bool,
    /// Import every attachment of the library, not only those the posts use.
    pub all_media: bool,
    /// Limits of `--download`.
    pub limits: DownloadLimits,
    /// Called with (files done, files in all) while downloading.
    pub progress: Option<fn(usize, usize)>,
}

/// Something in the imported site that a person should look at, as a warning at its line of
/// the file (`line` 0: the whole file).
pub(crate) fn note_at(path: &str, line: usize, message: impl Into<String>) -> Diagnostic {
    let d = if line > 0 {
        Diagnostic::at(path, line, 1, message)
    } else {
        Diagnostic::file_error(path, message)
    };
    d.warning()
}

/// What an import wrote and what it left out.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Published posts (scheduled ones included).
    pub posts: usize,
    /// Of those, scheduled (dated in the future on the old site).
    pub scheduled: usize,
    /// Pages.
    pub pages: usize,
    /// Drafts and pending posts and pages.
    pub drafts: usize,
    /// Media files written or already in place.
    pub media: usize,
    /// Aliases (old addresses) written.
    pub aliases: usize,
    /// Approved comments kept.
    pub comments: usize,
    /// Items or comments not imported, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Files written (created or replaced), relative to the site.
    pub written: Vec<String>,
    /// Files that already held the same bytes.
    pub unchanged: usize,
    /// Constructs left for a person, by file and line.
    pub notes: Vec<Diagnostic>,
    /// Media files that could not be had, with the document that needed them.
    pub missing: Vec<Diagnostic>,
    /// Media files left at the old address because neither `--uploads` nor `--download` was given.
    pub not_imported: usize,
    /// The settings the export gives (title, description, base_url, language).
    pub settings: Vec<(String, String)>,
    /// Whether `sitegen.toml` was written with them (false: the site had one, left alone).
    pub settings_written: bool,
    /// Menu entries that are not in the site's header, with why.
    pub menu_left: Vec<String>,
}

/// Reads `options.export` and writes the site into `options.into`.
pub fn import_wordpress(options: &ImportOptions) -> Result<ImportReport, Failure> {
    let export = read_export(&options.export)?;
    let format = site_format(&options.into);
    let plan = plan::plan(&export, &options.series, format);
    let mut report = ImportReport {
        aliases: plan.aliases,
        menu_left: plan.menu_left.clone(),
        skipped: plan.skipped.clone(),
        ..ImportReport::default()
    };
    let mut sources = sources::Sources::new(options)?;
    let library = if options.all_media {
        assemble::all_media(&export)
    } else {
        media::MediaUses::default()
    };
    sources.prepare(
        plan.docs
            .iter()
            .flat_map(|d| d.media.files.values())
            .chain(library.files.values()),
    );
    let mut files = assemble::Files::default();
    for doc in &plan.docs {
        files.add_doc(doc, format, &sources, &mut report);
    }
    files.add_library(&library, &sources, &mut report);
    files.add_settings(&export, &options.into, &mut report);
    report.media = files.media_count();
    let written = write_files(options, files.into_outputs())?;
    report.written = written.written;
    report.unchanged = written.unchanged;
    report.missing.sort_by_key(|d| d.to_string());
    report.missing.dedup_by_key(|d| d.to_string());
    Ok(report)
}

/// The export, parsed; an error names the export and the line and column.
fn read_export(path: &Path) -> Result<wxr::Export, Failure> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| io_error(path, "cannot read the export", &e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or("");
        let (line, col) = wxr::line_col(valid, offset);
        Diagnostic::at(&shown, line, col, "the export is not valid UTF-8")
            .with_hint("WordPress writes UTF-8; export the site again")
    })?;
    Ok(wxr::parse(&text).map_err(|e| Diagnostic {
        path: Some(shown.into()),
        ..e
    })?)
}

/// Writes the files: all, or (a failure part way) none, with the folders this run made.
fn write_files(
    options: &ImportOptions,
    outputs: Vec<write::Output>,
) -> Result<write::Written, Failure> {
    // A blog of pages only is still a site: it builds with an empty `posts/`.
    let posts = options.into.join("posts");
    let made: Vec<&Path> = [posts.as_path(), options.into.as_path()]
        .into_iter()
        .filter(|p| !p.exists())
        .collect();
    std::fs::create_dir_all(&posts)
        .map_err(|e| io_error(&posts, "cannot create the posts folder", &e))?;
    write::write_all(&options.into, &outputs, options.force).inspect_err(|_| {
        // Failed and taken back: the folders this run made go too (when empty).
        for dir in &made {
            let _ = std::fs::remove_dir(dir);
        }
    })
}

/// The front matter format most existing posts use (TOML for a new site).
fn site_format(root: &Path) -> Format {
    let (mut toml, mut yaml) = (0, 0);
    for entry in walkdir::WalkDir::new(root.join("posts"))
        .max_depth(3)
        .into_iter()
        .flatten()
    {
        if entry.path().extension().is_some_and(|e| e == "md")
            && let Ok(text) = std::fs::read_to_string(entry.path())
        {
            match text
                .trim_start_matches('\u{feff}')
                .lines()
                .next()
                .map(str::trim_end)
            {
                Some("+++") => toml += 1,
                Some("---") => yaml += 1,
                _ => {}
            }
        }
    }
    if yaml > toml {
        Format::Yaml
    } else {
        Format::Toml
    }
}
