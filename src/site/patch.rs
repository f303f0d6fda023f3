//! Patching the last index when only post bodies changed: `watch`'s usual save checks that one
//! post's shortcodes and routine again instead of indexing every post.

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use crate::config::Config;
use crate::content::Loaded;
use crate::diagnostic::Diagnostics;

use super::index::{BodyCheck, index_parts};
use super::{PostEntry, Site};

/// An index and what it was made from, kept between rebuilds.
pub struct Indexed {
    /// The index.
    pub site: Site,
    /// Whether it was made by patching the previous index (rather than from scratch).
    pub patched: bool,
    /// The load it indexes.
    from: Loaded,
    /// The site's shortcode templates it was checked against.
    shortcodes: BTreeSet<String>,
    /// The settings it was made with (their `Debug` text: `Config` has no equality).
    settings: String,
    /// What indexing found outside the posts' bodies (theirs are in each entry's `notes`).
    rest: Diagnostics,
}

impl Indexed {
    /// Indexes `loaded` from scratch; every problem goes to `errors`.
    pub fn make(
        config: &Config,
        loaded: Loaded,
        shortcodes: BTreeSet<String>,
        errors: &mut Diagnostics,
    ) -> Indexed {
        let from = loaded.clone();
        let mut rest = Diagnostics::default();
        let site = index_parts(config, loaded, &shortcodes, &mut rest);
        let indexed = Indexed {
            site,
            patched: false,
            from,
            shortcodes,
            settings: format!("{config:?}"),
            rest,
        };
        indexed.report(errors);
        indexed
    }

    /// Indexes `loaded`: by patching `previous` when all that changed since it was made is the
    /// bodies of built posts (their front matter byte for byte the same, the exercises they
    /// embed the same, no new error), otherwise from scratch. Either way the index and the
    /// problems reported are those of [`Indexed::make`].
    pub fn update(
        previous: Option<Indexed>,
        config: &Config,
        loaded: Loaded,
        shortcodes: BTreeSet<String>,
        errors: &mut Diagnostics,
    ) -> Indexed {
        match previous.and_then(|p| p.patch(config, &loaded, &shortcodes)) {
            Some(mut patched) => {
                patched.from = loaded;
                patched.patched = true;
                patched.report(errors);
                patched
            }
            None => Indexed::make(config, loaded, shortcodes, errors),
        }
    }

    fn report(&self, errors: &mut Diagnostics) {
        errors.append(self.rest.clone());
        for p in &self.site.posts {
            errors.append(p.notes.clone());
        }
    }

    /// `self` with the posts of `loaded` that differ from the ones it indexes put in, if nothing
    /// but their bodies changed; `None` when the whole index must be made again.
    fn patch(
        mut self,
        config: &Config,
        loaded: &Loaded,
        shortcodes: &BTreeSet<String>,
    ) -> Option<Indexed> {
        let from = &self.from;
        let same_sources = *shortcodes == self.shortcodes
            && loaded.posts.len() == from.posts.len()
            && loaded.exercises.len() == from.exercises.len()
            && loaded
                .exercises
                .iter()
                .zip(&from.exercises)
                .all(|(a, b)| Arc::ptr_eq(a, b))
            && Arc::ptr_eq(&loaded.files, &from.files)
            && loaded.media.same_files(&from.media)
            && loaded.statics == from.statics
            && loaded.failed.keys().eq(from.failed.keys())
            && format!("{config:?}") == self.settings;
        if !same_sources {
            return None;
        }
        let mut changed = Vec::new();
        for (new, old) in loaded.posts.iter().zip(&from.posts) {
            if new.key != old.key {
                return None;
            }
            if !Arc::ptr_eq(new, old) {
                changed.push(Arc::clone(new));
            }
        }
        let site = &mut self.site;
        let body = BodyCheck::new(config, shortcodes, &site.exercises, &site.by_id);
        let mut entries = Vec::with_capacity(changed.len());
        for post in changed {
            // A post that is not built (a draft) may become one: index again.
            let i = *site.by_key.get(&post.key)?;
            let old = &site.posts[i];
            let (new_doc, old_doc) = (&post.doc, &old.post.doc);
            let same_matter = post.kind == old.post.kind
                && new_doc.body.start == old_doc.body.start
                && new_doc.source.text[..new_doc.body.start]
                    == old_doc.source.text[..old_doc.body.start];
            if !same_matter || new_doc.problems.has_errors() {
                return None;
            }
            let mut entry = PostEntry {
                post,
                listing: OnceLock::new(),
                ..old.clone()
            };
            body.check(&mut entry);
            // Which exercises it embeds decides their pages and the unused-exercise warnings;
            // an error changes what a full index reports about the others.
            if entry.exercises != old.exercises || entry.notes.has_errors() {
                return None;
            }
            entries.push((i, entry));
        }
        drop(body);
        for (i, entry) in entries {
            site.posts[i] = entry;
        }
        site.images_encoded = loaded.media.encoded;
        Some(self)
    }
}
