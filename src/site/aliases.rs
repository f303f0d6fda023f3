//! Aliases: the old addresses of a post or page (`aliases = ["/2019/05/old-url/", "/?p=123"]`),
//! each checked and turned into where its redirect page goes, and the feed entry id that stays
//! the same when a post moves.
//!
//! Two forms are supported. A **path** (`/2019/05/old-url/`, `/old.html`, `/caf%C3%A9/`, under the
//! base URL's path) gets a redirect page of its own. A **query on the site root** (`/?p=123`,
//! `/?page_id=7`: one `KEY=VALUE` pair, as WordPress links look) cannot be a file: the home page
//! carries a small script that sends such a request on, and the server snippets and `_redirects`
//! give a real 301.

use super::{PostEntry, permalink};
use crate::config::Config;
use crate::content::Post;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fsutil::percent_decode;

/// One alias of a post or page.
#[derive(Debug, Clone)]
pub struct AliasEntry {
    /// The post or page it leads to (index into `Site::posts`).
    pub post: usize,
    /// As written in front matter.
    pub written: String,
    /// Byte offset of the alias in its file, for errors.
    pub offset: usize,
    /// What kind of address it is.
    pub form: AliasForm,
}

/// A path with a redirect page, or a query on the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AliasForm {
    /// A path under the base URL: `path` is percent-decoded, without the leading `/`
    /// (`2019/05/old-url/`, `old.html`); `output` the file of its redirect page.
    Path {
        /// The decoded path.
        path: String,
        /// The redirect page's file in the output.
        output: String,
    },
    /// `/?KEY=VALUE` on the site root.
    Query {
        /// The parameter's name.
        key: String,
        /// Its value.
        value: String,
    },
}

impl AliasEntry {
    /// The root-relative address the alias answers, as servers see it (decoded, with the base
    /// URL's path): `/blog/2019/05/old-url/`, or `/blog/?p=123`.
    pub fn request(&self, config: &Config) -> String {
        match &self.form {
            AliasForm::Path { path, .. } => format!("{}{path}", config.base_path),
            AliasForm::Query { key, value } => format!("{}?{key}={value}", config.base_path),
        }
    }
}

/// Checks the aliases of every post and page, in order; problems go to `errors`.
pub(super) fn collect_aliases(posts: &[PostEntry], errors: &mut Diagnostics) -> Vec<AliasEntry> {
    let mut out = Vec::new();
    for (i, p) in posts.iter().enumerate() {
        for written in &p.post.doc.meta.aliases {
            let offset = alias_offset(&p.post, written);
            match parse(written) {
                Ok(form) => out.push(AliasEntry {
                    post: i,
                    written: written.clone(),
                    offset,
                    form,
                }),
                Err(d) => errors.push(p.post.doc.source.locate(offset, d)),
            }
        }
    }
    // Two aliases with the same query: an error at each (paths clash as output files).
    for (n, a) in out.iter().enumerate() {
        if let AliasForm::Query { .. } = a.form
            && let Some(b) = out
                .iter()
                .enumerate()
                .find(|&(m, b)| m != n && b.form == a.form)
                .map(|(_, b)| b)
        {
            let other = &posts[b.post].post;
            errors.push(
                posts[a.post]
                    .post
                    .doc
                    .source
                    .error_at(
                        a.offset,
                        format!(
                            "alias `{}` is also an alias of `{}`",
                            a.written,
                            other.file()
                        ),
                    )
                    .with_hint("an old address can lead to one page only: remove one of them"),
            );
        }
    }
    out
}

/// The feed entry id of a post: its `feed_id`, else its first path alias as an absolute URL (the
/// address it was first published at, so a post renamed with its old address as an alias keeps
/// its id), else its permalink.
pub(crate) fn feed_id(config: &Config, p: &PostEntry) -> String {
    let m = &p.post.doc.meta;
    if let Some(id) = &m.feed_id {
        return id.trim().to_string();
    }
    let first_path = m.aliases.iter().find_map(|a| match parse(a) {
        Ok(AliasForm::Path { path, .. }) => Some(path),
        _ => None,
    });
    match first_path {
        Some(path) => permalink(config, &format!("{}{path}", config.base_path)),
        None => p.permalink.clone(),
    }
}

/// Checks a `feed_id`: an absolute IRI (`https://…`, `tag:…`, `urn:uuid:…`), as Atom requires.
pub(super) fn check_feed_id(post: &Post, errors: &mut Diagnostics) {
    let Some(id) = &post.doc.meta.feed_id else {
        return;
    };
    let id = id.trim();
    let scheme_ok = id.split_once(':').is_some_and(|(scheme, rest)| {
        !rest.is_empty()
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if !scheme_ok || id.chars().any(char::is_whitespace) {
        errors.push(
            post.doc
                .source
                .error_at(
                    post.doc.key_offset("feed_id"),
                    format!("feed_id `{id}` is not an absolute IRI"),
                )
                .with_hint("use the id the post had in its old feed, e.g. `https://example.org/?p=123` or `tag:example.org,2019:123`"),
        );
    }
}

/// Where `written` is in the post's front matter (the key's line when it cannot be found).
fn alias_offset(post: &Post, written: &str) -> usize {
    let doc = &post.doc;
    let key = doc.key_offset("aliases");
    let matter = &doc.source.text[doc.split.matter.clone()];
    let from = key.saturating_sub(doc.split.matter.start);
    matter
        .get(from..)
        .and_then(|rest| rest.find(written))
        .map_or(key, |i| doc.split.matter.start + from + i)
}

/// Reads one alias.
fn parse(written: &str) -> Result<AliasForm, Diagnostic> {
    let hint = "write a path from the site's base URL, e.g. \"/2019/05/old-url/\", or a query on the \
                site root, e.g. \"/?p=123\"";
    let Some(rest) = written.strip_prefix('/') else {
        return Err(
            Diagnostic::new(format!("alias `{written}` does not start with `/`")).with_hint(hint),
        );
    };
    if let Some((path, query)) = rest.split_once('?') {
        return parse_query(written, path, query);
    }
    let path = percent_decode(rest).ok_or_else(|| {
        Diagnostic::new(format!(
            "alias `{written}` has a malformed `%` escape or is not UTF-8"
        ))
        .with_hint(hint)
    })?;
    let bad_char = path.chars().find(|&c| {
        c.is_control()
            || c.is_whitespace()
            || matches!(
                c,
                '#' | '"' | '\'' | '<' | '>' | '\\' | '{' | '}' | ';' | '$' | '`' | '|'
            )
    });
    if let Some(c) = bad_char {
        return Err(Diagnostic::new(format!(
            "alias `{written}` holds `{}`, which cannot be part of a redirect's path",
            c.escape_default()
        ))
        .with_hint(hint));
    }
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if path.is_empty()
        || segments
            .iter()
            .any(|s| s.is_empty() || *s == "." || *s == "..")
    {
        return Err(Diagnostic::new(format!(
            "alias `{written}` is not a plain path (it is empty, or has `//`, `.` or `..`)"
        ))
        .with_hint(hint));
    }
    if let Some(long) = segments
        .iter()
        .find(|s| s.len() > super::route::MAX_SEGMENT)
    {
        return Err(Diagnostic::new(format!(
            "alias `{}…` has a segment of {} bytes: at most {}",
            short(written),
            long.len(),
            super::route::MAX_SEGMENT
        ))
        .with_hint("filesystems refuse file names that long: shorten the old address"));
    }
    let last = segments.last().copied().unwrap_or("");
    let (path, output) =
        if !path.ends_with('/') && (last.ends_with(".html") || last.ends_with(".htm")) {
            (path.clone(), path)
        } else {
            let dir = format!("{}/", path.trim_end_matches('/'));
            (dir.clone(), format!("{dir}index.html"))
        };
    Ok(AliasForm::Path { path, output })
}

/// Reads an alias with a query, `written` as `/{path}?{query}`: only `/?KEY=VALUE` is one.
fn parse_query(written: &str, path: &str, query: &str) -> Result<AliasForm, Diagnostic> {
    let token = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    match query.split_once('=') {
        Some((key, value)) if path.is_empty() && token(key) && token(value) => {
            Ok(AliasForm::Query {
                key: key.to_string(),
                value: value.to_string(),
            })
        }
        _ => Err(Diagnostic::new(format!(
            "alias `{written}`: only one `KEY=VALUE` query on the site root is supported (`/?p=123`)"
        ))
        .with_hint("a static host serves files, not queries: write the old path, or the query as `/?KEY=VALUE`")),
    }
}

/// The first 40 characters of a long value, for a message.
pub(super) fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(written: &str) -> (String, String) {
        match parse(written).unwrap() {
            AliasForm::Path { path, output } => (path, output),
            q => panic!("{written}: {q:?}"),
        }
    }

    #[test]
    fn paths_become_folders_or_html_files() {
        assert_eq!(
            path("/2019/05/old-url/"),
            (
                "2019/05/old-url/".into(),
                "2019/05/old-url/index.html".into()
            )
        );
        assert_eq!(path("/old"), ("old/".into(), "old/index.html".into()));
        assert_eq!(
            path("/a/old.html"),
            ("a/old.html".into(), "a/old.html".into())
        );
        assert_eq!(
            path("/caf%C3%A9/"),
            ("café/".into(), "café/index.html".into())
        );
        assert_eq!(
            path("/index.php/"),
            ("index.php/".into(), "index.php/index.html".into())
        );
    }

    #[test]
    fn queries_on_the_root_only() {
        assert_eq!(
            parse("/?p=123").unwrap(),
            AliasForm::Query {
                key: "p".into(),
                value: "123".into()
            }
        );
        for bad in [
            "/old?p=1",
            "/?p",
            "/?p=1&x=2",
            "/?=1",
            "old/",
            "/",
            "//x",
            "/a/../b",
            "/a b/",
            "/x%zz",
            "/x%ff/",
            "/a#b",
            "/a;b",
            "/./",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
