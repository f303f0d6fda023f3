//! What a URL in a page points at: a file of the output (with its fragment), an external http(s)
//! address, something not checked (`mailto:`…), or a place outside the site.

use crate::config::Config;

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A file of the site: its path in the output (`core/index.html`, or `core` for a folder
    /// written without its slash) and the decoded fragment, if any.
    Internal {
        /// Output path.
        file: String,
        /// `id` it names.
        fragment: Option<String>,
    },
    /// An http(s) URL outside the site, without its fragment.
    External(String),
    /// A scheme no check applies to (`mailto:`, `tel:`, `data:`, `javascript:`).
    Other,
    /// A path of the site's host that the site cannot hold: why.
    Outside(String),
}

/// The site's address, to tell its own links from others.
#[derive(Debug, Clone)]
pub(crate) struct Base {
    /// `https://example.org` (lowercase), when the base URL has a host.
    origin: Option<String>,
    /// `/` or `/blog/`.
    path: String,
}

impl Base {
    /// The base of a configured site.
    pub fn new(config: &Config) -> Base {
        let origin = config
            .base_url
            .strip_suffix(&config.base_path)
            .filter(|o| !o.is_empty())
            .map(str::to_ascii_lowercase);
        Base {
            origin,
            path: config.base_path.clone(),
        }
    }

    /// The base path (`/` or `/blog/`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Where `url`, found on the page written at `page` (`core/index.html`), leads.
    pub fn resolve(&self, page: &str, url: &str) -> Target {
        let url = url.trim();
        if let Some(rest) = url.strip_prefix("//") {
            return self.absolute(&format!("https://{rest}"));
        }
        match scheme(url) {
            Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
                self.absolute(url)
            }
            Some(_) => Target::Other,
            None => self.local(page, url),
        }
    }

    fn absolute(&self, url: &str) -> Target {
        let (without_fragment, _) = split_at(url, '#');
        if let Some(origin) = &self.origin {
            let head = url.get(..origin.len()).unwrap_or("");
            let rest = &url[head.len()..];
            if head.eq_ignore_ascii_case(origin)
                && (rest.is_empty() || rest.starts_with(['/', '?', '#']))
            {
                let rest = if rest.starts_with('/') {
                    rest.to_string()
                } else {
                    format!("/{rest}")
                };
                return self.local("", &rest);
            }
        }
        Target::External(without_fragment.to_string())
    }

    fn local(&self, page: &str, url: &str) -> Target {
        let (rest, fragment) = split_at(url, '#');
        let (path, _query) = split_at(rest, '?');
        let fragment = fragment.map(percent_decode).filter(|f| !f.is_empty());
        if path.is_empty() {
            return Target::Internal {
                file: page.to_string(),
                fragment,
            };
        }
        let joined = if path.starts_with('/') {
            path.to_string()
        } else {
            let dir = page.rfind('/').map_or("", |i| &page[..=i]);
            format!("{}{dir}{path}", self.path)
        };
        let Some(normal) = normalise(&joined) else {
            return Target::Outside("goes above the root of the site".into());
        };
        let inside = normal
            .strip_prefix(self.path.as_str())
            .or_else(|| (format!("{normal}/") == self.path).then_some(""));
        let Some(inside) = inside else {
            return Target::Outside(format!("is outside the site's base path `{}`", self.path));
        };
        let inside = percent_decode(inside);
        let file = if inside.is_empty() || inside.ends_with('/') {
            format!("{inside}index.html")
        } else {
            inside
        };
        Target::Internal { file, fragment }
    }
}

/// The scheme of an absolute URL (`https` in `https://…`), if it has one.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find(':')?;
    let s = &url[..end];
    let mut chars = s.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(s)
}

/// `s` split at the first `c`: before it, and after it when present.
fn split_at(s: &str, c: char) -> (&str, Option<&str>) {
    match s.split_once(c) {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    }
}

/// An absolute path with `.` and `..` segments resolved (its trailing slash kept), or `None`
/// when `..` climbs above `/`.
fn normalise(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {}
            ".." => {
                out.pop()?;
            }
            "" if i != last => {}
            s => out.push(s),
        }
        // `a/.` and `a/..` name a folder: keep the slash.
        if i == last && matches!(*seg, "." | "..") {
            out.push("");
        }
    }
    Some(format!("/{}", out.join("/")))
}

/// `%XX` escapes decoded (invalid ones kept as they are); not UTF-8 afterwards: lossy.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Two spellings of one URL compare equal once `%XX` escapes are decoded.
pub(crate) fn same_url(a: &str, b: &str) -> bool {
    a == b || percent_decode(a) == percent_decode(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The base of a site at `path` on `origin` (`""`: no host).
    fn base(origin: &str, path: &str) -> Base {
        let mut c = Config::for_tests(path);
        c.base_url = format!("{origin}{path}");
        Base::new(&c)
    }

    fn internal(file: &str, fragment: Option<&str>) -> Target {
        Target::Internal {
            file: file.into(),
            fragment: fragment.map(str::to_string),
        }
    }

    #[test]
    fn relative_and_root_relative_links_resolve_against_the_page() {
        let b = base("", "/blog/");
        let page = "core/index.html";
        assert_eq!(b.resolve(page, "img.png"), internal("core/img.png", None));
        assert_eq!(
            b.resolve(page, "../x/#a%20b"),
            internal("x/index.html", Some("a b"))
        );
        assert_eq!(b.resolve(page, "/blog/"), internal("index.html", None));
        assert_eq!(b.resolve(page, "/blog"), internal("index.html", None));
        assert_eq!(
            b.resolve(page, "/blog/a%20b.png?v=1"),
            internal("a b.png", None)
        );
        assert_eq!(b.resolve(page, "#top"), internal(page, Some("top")));
        assert_eq!(b.resolve(page, ""), internal(page, None));
        assert_eq!(b.resolve(page, "core"), internal("core/core", None));
        assert!(matches!(b.resolve(page, "/other/"), Target::Outside(_)));
        assert!(matches!(b.resolve(page, "../../../x"), Target::Outside(_)));
    }

    #[test]
    fn absolute_links_under_the_base_url_are_internal() {
        let b = base("https://Example.org", "/blog/");
        let p = "index.html";
        assert_eq!(
            b.resolve(p, "https://example.org/blog/core/"),
            internal("core/index.html", None)
        );
        assert_eq!(
            b.resolve(p, "HTTPS://EXAMPLE.ORG/blog"),
            internal("index.html", None)
        );
        assert!(matches!(
            b.resolve(p, "https://example.org/other/"),
            Target::Outside(_)
        ));
        assert_eq!(
            b.resolve(p, "https://example.org.evil/blog/#x"),
            Target::External("https://example.org.evil/blog/".into())
        );
        assert_eq!(
            b.resolve(p, "//cdn.example/x.js"),
            Target::External("https://cdn.example/x.js".into())
        );
        for other in [
            "mailto:a@b.c",
            "tel:+1",
            "data:image/png;base64,xx",
            "javascript:void(0)",
        ] {
            assert_eq!(b.resolve(p, other), Target::Other);
        }
    }

    #[test]
    fn dot_segments_are_resolved() {
        assert_eq!(normalise("/a/./b/../c/").as_deref(), Some("/a/c/"));
        assert_eq!(normalise("/a/..").as_deref(), Some("/"));
        assert_eq!(normalise("/a//b").as_deref(), Some("/a/b"));
        assert_eq!(normalise("/.."), None);
    }
}
