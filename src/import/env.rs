//! What converting one body needs from the rest of the export: where its posts and pages are
//! now, its attachments, and the post's own fields that shortcodes and blocks read.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::links::Links;

/// An attachment of the export.
#[derive(Debug, Clone, Default)]
pub struct Attachment {
    /// `wp:attachment_url`.
    pub url: String,
    /// `_wp_attachment_image_alt`, else the title.
    pub alt: String,
    /// The caption (the attachment's excerpt).
    pub caption: String,
    /// The post it is attached to (0: none).
    pub parent: u64,
    /// `wp:menu_order`, the order in a gallery.
    pub order: i64,
}

/// The export's attachments by id.
pub type Attachments = BTreeMap<u64, Attachment>;

/// What a body needs from the rest of the export.
pub struct Env {
    /// Where the export's posts and pages are now.
    pub links: Arc<Links>,
    /// The export's attachments, for `[gallery]` and `[caption]`.
    pub attachments: Arc<Attachments>,
    /// The post's own id (its attached images make a `[gallery]` without `ids`).
    pub post_id: u64,
    /// Media files go under `static/` (pages) rather than into a bundle (posts).
    pub static_media: bool,
    /// Upload paths of the export's attachments.
    pub known_uploads: Arc<BTreeSet<String>>,
    /// The post's `footnotes` field (Gutenberg's footnotes, as JSON).
    pub footnotes: Option<String>,
}
