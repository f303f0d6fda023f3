//! `sitegen import wordpress`: a source-to-source step that reads a WordPress export and writes
//! `posts/`, `pages/` and `static/` of a sitegen site. The stages are separate and each is tested
//! on its own input: [`wxr`] parses the export, [`plan`] decides the documents, [`convert`] (with
//! [`autop`], [`wpcode`], [`expand`], [`links`]) turns bodies into Markdown, [`media`] names the
//! files and [`sources`] finds them, [`write`] writes. It never reaches into rendering: the
//! ordinary build proves the result.

mod autop;
mod comments;
mod convert;
mod dynamic;
mod env;
mod expand;
mod fetch;
mod fields;
mod flatten;
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
use std::fmt;
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

/// Something in the imported site that a person should look at: `path:line: message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ImportNote {
    /// The file, relative to the site.
    pub path: String,
    /// Its line (0: the whole file).
    pub line: usize,
    /// What needs doing.
    pub message: String,
}

impl fmt::Display for ImportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.path, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
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
    pub notes: Vec<ImportNote>,
    /// Media files that could not be had, with the document that needed them.
    pub missing: Vec<ImportNote>,
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
    let shown = options.export.display().to_string();
    let bytes = std::fs::read(&options.export)
        .map_err(|e| io_error(&options.export, "cannot read the export", &e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or("");
        let (line, col) = wxr::line_col(valid, offset);
        Diagnostic::at(&shown, line, col, "the export is not valid UTF-8")
            .with_hint("WordPress writes UTF-8; export the site again")
    })?;
    let export = wxr::parse(&text).map_err(|e| Diagnostic {
        path: Some(shown.clone().into()),
        ..e
    })?;
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
        all_media(&export)
    } else {
        media::MediaUses::default()
    };
    sources.prepare(
        plan.docs
            .iter()
            .flat_map(|d| d.media.files.values())
            .chain(library.files.values()),
    );
    let mut outputs: BTreeMap<String, write::Output> = BTreeMap::new();
    for doc in &plan.docs {
        match doc.kind {
            plan::Kind::Post => report.posts += 1,
            plan::Kind::Page => report.pages += 1,
            plan::Kind::Draft => report.drafts += 1,
        }
        let mut body = doc.body.clone();
        let mut available = Vec::new();
        for (name, upload) in &doc.media.files {
            let rel = media_rel(&doc.media_dir, name);
            match sources.get(upload) {
                Ok(content) => {
                    available.push(name.clone());
                    outputs.insert(rel.clone(), write::Output { rel, content });
                }
                Err(why) => {
                    body = point_at(&body, name, &upload.url);
                    match why {
                        sources::Missing::NotAsked => report.not_imported += 1,
                        sources::Missing::Because(why) => report.missing.push(ImportNote {
                            path: doc.rel.clone(),
                            line: 0,
                            message: format!("{} {why}: linked to the old address", upload.url),
                        }),
                    }
                }
            }
        }
        let image = doc.image.as_ref().and_then(|name| {
            if available.contains(name) {
                Some(name.clone())
            } else {
                let url = &doc.media.files.get(name)?.url;
                url.starts_with("https://").then(|| url.clone())
            }
        });
        let doc_with_body = plan::Doc {
            body,
            ..doc.clone()
        };
        let text = doc_with_body.text(format, image.clone());
        let first_body_line = doc_with_body.body_line(format, image);
        for message in &doc.file_notes {
            report.notes.push(ImportNote {
                path: doc.rel.clone(),
                line: 0,
                message: message.clone(),
            });
        }
        for note in &doc.notes {
            report.notes.push(ImportNote {
                path: doc.rel.clone(),
                line: first_body_line + note.line - 1,
                message: note.message.clone(),
            });
        }
        outputs.insert(
            doc.rel.clone(),
            write::Output {
                rel: doc.rel.clone(),
                content: write::Content::Bytes(text.into_bytes()),
            },
        );
        report.scheduled += usize::from(doc.scheduled);
        for (why, n) in &doc.comments_skipped {
            *report.skipped.entry(why.clone()).or_default() += n;
        }
        if let Some((text, count)) = &doc.comments {
            report.comments += count;
            // Beside the document: its bundle (a post's, or a page's made for its comments).
            let folder = doc.rel.strip_suffix("index.md").unwrap_or(&doc.media_dir);
            let rel = format!("{folder}comments.toml");
            outputs.insert(
                rel.clone(),
                write::Output {
                    rel,
                    content: write::Content::Bytes(text.clone().into_bytes()),
                },
            );
        }
    }
    for (name, upload) in &library.files {
        let rel = media_rel("", name);
        match sources.get(upload) {
            Ok(content) => {
                outputs
                    .entry(rel.clone())
                    .or_insert(write::Output { rel, content });
            }
            Err(sources::Missing::NotAsked) => report.not_imported += 1,
            Err(sources::Missing::Because(why)) => report.missing.push(ImportNote {
                path: rel,
                line: 0,
                message: format!("{} {why}", upload.url),
            }),
        }
    }
    let settings = identity::settings(&export);
    report.settings = settings
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    let settings_path = options.into.join(crate::config::SETTINGS_FILE);
    let text = identity::settings_file(&settings);
    // A file from an earlier import of the same export is the same file again.
    let ours = std::fs::read(&settings_path).is_ok_and(|old| old == text.as_bytes());
    if !settings.is_empty() && (ours || !settings_path.exists()) {
        report.settings_written = true;
        let rel = crate::config::SETTINGS_FILE.to_string();
        outputs.insert(
            rel.clone(),
            write::Output {
                rel,
                content: write::Content::Bytes(text.into_bytes()),
            },
        );
    }
    report.media = outputs
        .keys()
        .filter(|rel| {
            !(rel.ends_with(".md")
                || rel.ends_with("/comments.toml")
                || *rel == crate::config::SETTINGS_FILE)
                || rel.starts_with("static/")
        })
        .count();
    let outputs: Vec<write::Output> = outputs.into_values().collect();
    // A blog of pages only is still a site: it builds with an empty `posts/`.
    let posts = options.into.join("posts");
    let made: Vec<&Path> = [posts.as_path(), options.into.as_path()]
        .into_iter()
        .filter(|p| !p.exists())
        .collect();
    std::fs::create_dir_all(&posts)
        .map_err(|e| io_error(&posts, "cannot create the posts folder", &e))?;
    let written = write::write_all(&options.into, &outputs, options.force).inspect_err(|_| {
        // Failed and taken back: the folders this run made go too (when empty).
        for dir in &made {
            let _ = std::fs::remove_dir(dir);
        }
    })?;
    report.written = written.written;
    report.unchanged = written.unchanged;
    report.missing.sort();
    report.missing.dedup();
    Ok(report)
}

/// Every attachment of the export, for `static/wp-content/uploads/` (`--all-media`).
fn all_media(export: &wxr::Export) -> media::MediaUses {
    let mut uses = media::MediaUses {
        to_static: true,
        ..media::MediaUses::default()
    };
    uses.known = std::sync::Arc::new(
        export
            .items
            .iter()
            .filter(|i| i.post_type == "attachment")
            .filter_map(|i| media::upload_path(&i.attachment_url))
            .collect(),
    );
    for item in export.items.iter().filter(|i| i.post_type == "attachment") {
        uses.use_url(&item.attachment_url);
    }
    uses
}

/// Where a media file of a document goes: beside a post, or under `static/` for a page.
fn media_rel(media_dir: &str, name: &str) -> String {
    match name.strip_prefix('/') {
        Some(rooted) => format!("static/{rooted}"),
        None => format!("{media_dir}{name}"),
    }
}

/// `body` with every reference to the bundle file `name` pointed at `url` instead.
fn point_at(body: &str, name: &str, url: &str) -> String {
    body.replace(&format!("({name})"), &format!("({url})"))
        .replace(&format!("({name} \"\")"), &format!("({url} \"\")"))
        .replace(&format!("(<{name}>)"), &format!("(<{url}>)"))
        .replace(&format!("(<{name}> \"\")"), &format!("(<{url}> \"\")"))
        .replace(&format!("\"{name}\""), &format!("\"{url}\""))
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
