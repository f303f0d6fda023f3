//! From the plan to the files to write: each document with the media that could be had (the
//! others pointed at their old address), its comments beside it, the media library, and the
//! site's settings; what each adds to the report.

use std::collections::BTreeMap;
use std::path::Path;

use super::media::MediaUses;
use super::sources::{Missing, Sources};
use super::write::{Content, Output};
use super::{ImportReport, identity, media, note_at, plan, wxr};
use crate::config::SETTINGS_FILE;
use crate::content::frontmatter::Format;

/// The files of the imported site, by path.
#[derive(Default)]
pub struct Files {
    outputs: BTreeMap<String, Output>,
}

impl Files {
    fn put(&mut self, rel: String, content: Content) {
        self.outputs.insert(rel.clone(), Output { rel, content });
    }

    /// A document, its media and its comments.
    pub fn add_doc(
        &mut self,
        doc: &plan::Doc,
        format: Format,
        sources: &Sources,
        report: &mut ImportReport,
    ) {
        match doc.kind {
            plan::Kind::Post => report.posts += 1,
            plan::Kind::Page => report.pages += 1,
            plan::Kind::Draft => report.drafts += 1,
        }
        let (body, available) = self.add_media(doc, sources, report);
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
        let note = |line: usize, message: &String| note_at(&doc.rel, line, message.clone());
        report
            .notes
            .extend(doc.file_notes.iter().map(|m| note(0, m)));
        report.notes.extend(
            doc.notes
                .iter()
                .map(|n| note(first_body_line + n.line - 1, &n.message)),
        );
        self.put(doc.rel.clone(), Content::Bytes(text.into_bytes()));
        report.scheduled += usize::from(doc.scheduled);
        for (why, n) in &doc.comments_skipped {
            *report.skipped.entry(why.clone()).or_default() += n;
        }
        if let Some((text, count)) = &doc.comments {
            report.comments += count;
            // Beside the document: its bundle (a post's, or a page's made for its comments).
            let folder = doc.rel.strip_suffix("index.md").unwrap_or(&doc.media_dir);
            self.put(
                format!("{folder}comments.toml"),
                Content::Bytes(text.clone().into_bytes()),
            );
        }
    }

    /// The media files of `doc` that could be had; the body with the others pointed at their
    /// old address, and the names of those that are here.
    fn add_media(
        &mut self,
        doc: &plan::Doc,
        sources: &Sources,
        report: &mut ImportReport,
    ) -> (String, Vec<String>) {
        let mut body = doc.body.clone();
        let mut available = Vec::new();
        for (name, upload) in &doc.media.files {
            match sources.get(upload) {
                Ok(content) => {
                    available.push(name.clone());
                    self.put(media_rel(&doc.media_dir, name), content);
                }
                Err(why) => {
                    body = point_at(&body, name, &upload.url);
                    match why {
                        Missing::NotAsked => report.not_imported += 1,
                        Missing::Because(why) => report.missing.push(note_at(
                            &doc.rel,
                            0,
                            format!("{} {why}: linked to the old address", upload.url),
                        )),
                    }
                }
            }
        }
        (body, available)
    }

    /// The media library (`--all-media`), under `static/wp-content/uploads/`.
    pub fn add_library(
        &mut self,
        library: &MediaUses,
        sources: &Sources,
        report: &mut ImportReport,
    ) {
        for (name, upload) in &library.files {
            let rel = media_rel("", name);
            match sources.get(upload) {
                Ok(content) => {
                    self.outputs
                        .entry(rel.clone())
                        .or_insert(Output { rel, content });
                }
                Err(Missing::NotAsked) => report.not_imported += 1,
                Err(Missing::Because(why)) => {
                    report
                        .missing
                        .push(note_at(&rel, 0, format!("{} {why}", upload.url)))
                }
            }
        }
    }

    /// `sitegen.toml` with the export's settings, when the site has none (or has the one an
    /// earlier import of the same export wrote); the report says what the export gives.
    pub fn add_settings(&mut self, export: &wxr::Export, into: &Path, report: &mut ImportReport) {
        let settings = identity::settings(export);
        report.settings = settings
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        let path = into.join(SETTINGS_FILE);
        let text = identity::settings_file(&settings);
        let ours = std::fs::read(&path).is_ok_and(|old| old == text.as_bytes());
        if !settings.is_empty() && (ours || !path.exists()) {
            report.settings_written = true;
            self.put(SETTINGS_FILE.to_string(), Content::Bytes(text.into_bytes()));
        }
    }

    /// How many of the files are media (not documents, comments or settings).
    pub fn media_count(&self) -> usize {
        self.outputs
            .keys()
            .filter(|rel| {
                !(rel.ends_with(".md") || rel.ends_with("/comments.toml") || *rel == SETTINGS_FILE)
                    || rel.starts_with("static/")
            })
            .count()
    }

    /// The files, sorted by path.
    pub fn into_outputs(self) -> Vec<Output> {
        self.outputs.into_values().collect()
    }
}

/// Every attachment of the export, for `static/wp-content/uploads/` (`--all-media`).
pub fn all_media(export: &wxr::Export) -> MediaUses {
    let mut uses = MediaUses {
        to_static: true,
        ..MediaUses::default()
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
