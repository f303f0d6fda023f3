//! Where a link of the old site leads now: a post of the export (an `@/` link, so `sitegen build`
//! checks it), a page, an uploaded file, or nowhere known (left absolute and reported). The old
//! site is recognised by its host (`www.` or not, http or https) and root-relative links.

use std::collections::BTreeMap;

/// What a link becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A post: its `@/` key.
    Post(String),
    /// A page: its `@/pages/…` key (the site's home: `/`).
    Page(String),
    /// An uploaded file of the old site (the absolute URL, for the media step).
    Media(String),
    /// A link into the old site that matches nothing of the export.
    Unknown,
    /// Not the old site (another site, `mailto:`, a `#fragment`): kept as written.
    Other,
}

/// The old site's addresses and the new place of each post and page.
#[derive(Debug, Default)]
pub struct Links {
    hosts: Vec<String>,
    by_path: BTreeMap<String, Target>,
    by_id: BTreeMap<u64, Target>,
}

/// A URL split into the parts that matter here.
struct Parts<'a> {
    host: Option<String>,
    path: &'a str,
    query: &'a str,
}

fn split(url: &str) -> Option<Parts<'_>> {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or("");
    let (host, rest) = if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("//"))
    {
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        (Some(normal_host(&rest[..end])), &rest[end..])
    } else if url.starts_with('/') || url.starts_with('?') {
        (None, url)
    } else {
        return None;
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    Some(Parts { host, path, query })
}

fn normal_host(host: &str) -> String {
    let host = host.rsplit('@').next().unwrap_or(host).to_ascii_lowercase();
    let host = host.split(':').next().unwrap_or("").to_string();
    host.strip_prefix("www.").unwrap_or(&host).to_string()
}

fn normal_path(path: &str) -> String {
    let trimmed = path.trim_end_matches('/');
    let trimmed = trimmed.strip_suffix("/index.php").unwrap_or(trimmed);
    trimmed.to_ascii_lowercase()
}

/// Whether a URL points at WordPress's uploads (the site's own, or WordPress.com's file hosts).
pub fn is_upload(url: &str) -> bool {
    let Some(parts) = split(url) else {
        return false;
    };
    parts.path.contains("/wp-content/uploads/")
        || parts
            .host
            .as_deref()
            .is_some_and(|h| h.ends_with(".files.wordpress.com") || h.ends_with(".wp.com"))
            && parts.path.len() > 1
}

impl Links {
    /// The old site, by its `<link>` and `wp:base_blog_url`.
    pub fn new(site_urls: &[&str]) -> Links {
        let mut hosts: Vec<String> = site_urls
            .iter()
            .filter_map(|u| split(u).and_then(|p| p.host))
            .filter(|h| !h.is_empty())
            .collect();
        hosts.sort();
        hosts.dedup();
        Links {
            hosts,
            ..Links::default()
        }
    }

    /// Records where the item with `permalink` and `id` is now.
    pub fn add(&mut self, permalink: &str, id: u64, target: Target) {
        if let Some(parts) = split(permalink) {
            self.by_path.insert(normal_path(parts.path), target.clone());
        }
        self.by_id.insert(id, target);
    }

    /// Where `href` leads now.
    pub fn resolve(&self, href: &str) -> Target {
        let href = href.trim();
        let Some(parts) = split(href) else {
            return Target::Other;
        };
        let ours = match &parts.host {
            Some(h) => self.hosts.iter().any(|o| o == h),
            None => true,
        };
        if is_upload(href) {
            return if ours || parts.host.is_some() {
                Target::Media(href.to_string())
            } else {
                Target::Other
            };
        }
        if !ours {
            return Target::Other;
        }
        for pair in parts.query.split('&') {
            if let Some((key, value)) = pair.split_once('=')
                && matches!(key, "p" | "page_id" | "attachment_id")
                && let Ok(id) = value.parse::<u64>()
            {
                return self.by_id.get(&id).cloned().unwrap_or(Target::Unknown);
            }
        }
        let path = normal_path(parts.path);
        if path.is_empty() && parts.query.is_empty() {
            return Target::Page("/".into());
        }
        self.by_path.get(&path).cloned().unwrap_or(Target::Unknown)
    }
}

/// The path (and `?query`) of a URL, for an alias: `https://x/2020/01/a/` → `/2020/01/a/`.
pub fn alias_path(url: &str) -> Option<String> {
    let parts = split(url)?;
    let path = if parts.path.is_empty() {
        "/"
    } else {
        parts.path
    };
    // Servers merge repeated slashes (`//greek/` is `/greek/`), and so does the alias.
    let mut merged = String::with_capacity(path.len());
    for c in path.chars() {
        if !(c == '/' && merged.ends_with('/')) {
            merged.push(c);
        }
    }
    Some(if parts.query.is_empty() {
        merged
    } else {
        format!("{merged}?{}", parts.query)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_permalinks_ids_uploads_and_strangers() {
        let mut links = Links::new(&["https://www.old.example", "http://old.example/blog"]);
        links.add(
            "https://old.example/2020/01/hello/",
            7,
            Target::Post("@/hello/index.md".into()),
        );
        let post = Target::Post("@/hello/index.md".into());
        assert_eq!(links.resolve("http://www.old.example/2020/01/hello"), post);
        assert_eq!(links.resolve("/2020/01/Hello/#more-7"), post);
        assert_eq!(links.resolve("https://old.example/?p=7"), post);
        assert_eq!(links.resolve("https://old.example/?p=8"), Target::Unknown);
        assert_eq!(links.resolve("https://old.example/gone/"), Target::Unknown);
        assert_eq!(
            links.resolve("https://old.example/"),
            Target::Page("/".into())
        );
        assert_eq!(links.resolve("https://other.example/x"), Target::Other);
        assert_eq!(links.resolve("mailto:a@b"), Target::Other);
        assert_eq!(links.resolve("#top"), Target::Other);
        assert!(matches!(
            links.resolve("https://old.example/wp-content/uploads/2020/01/a.jpg"),
            Target::Media(_)
        ));
        assert!(matches!(
            links.resolve("https://x.files.wordpress.com/2020/01/a.jpg"),
            Target::Media(_)
        ));
    }

    #[test]
    fn alias_paths_keep_the_query() {
        assert_eq!(
            alias_path("https://a.b/2020/x/").as_deref(),
            Some("/2020/x/")
        );
        assert_eq!(alias_path("https://a.b/?p=12").as_deref(), Some("/?p=12"));
        assert_eq!(alias_path("https://a.b").as_deref(), Some("/"));
        assert_eq!(
            alias_path("https://a.b//greek//x/").as_deref(),
            Some("/greek/x/")
        );
    }
}
