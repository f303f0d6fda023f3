//! Making the links of rendered HTML absolute, for feeds: a feed reader shows an entry away from
//! its page, so `href`, `src`, `srcset`, `poster` and `action` values are resolved against the
//! page's URL.

use super::rewrite::{Found, rewrite};
use crate::config::Config;
use crate::site::public::published;

/// `html` with every URL attribute resolved against `page` (an absolute URL such as
/// `https://example.org/blog/core/`, or a root-relative one when the site has no host), each
/// link into the site in the form of the URL mode.
pub(crate) fn absolutize(html: &str, page: &str, config: &Config) -> String {
    rewrite(html, &mut |found| match found {
        Found::Url(url) => Some(published(config, &resolve(url, page))),
        Found::Meta(_) | Found::JsonLd(_) => None,
    })
}

/// Resolves one URL (as written in HTML, entities and all) against `page`.
fn resolve(url: &str, page: &str) -> String {
    let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !scheme.contains('/')
    });
    if has_scheme || url.starts_with("//") {
        return url.to_string();
    }
    let origin_end = page
        .find("://")
        .and_then(|k| page[k + 3..].find('/').map(|s| k + 3 + s))
        .unwrap_or(0);
    let (origin, path) = page.split_at(origin_end);
    if url.starts_with('/') {
        return format!("{origin}{url}");
    }
    if url.is_empty() || url.starts_with('#') || url.starts_with('?') {
        let page_no_fragment = page.split('#').next().unwrap_or(page);
        return format!("{page_no_fragment}{url}");
    }
    // Relative to the page's folder, with `.` and `..` segments applied.
    let dir = &path[..path.rfind('/').map_or(0, |k| k + 1)];
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let (url_path, tail) = url
        .find(['?', '#'])
        .map_or((url, ""), |k| (&url[..k], &url[k..]));
    let parts: Vec<&str> = url_path.split('/').collect();
    for (n, part) in parts.iter().enumerate() {
        match *part {
            "." => {}
            ".." => {
                segments.pop();
            }
            p if p.is_empty() && n + 1 < parts.len() => {}
            p => segments.push(p),
        }
    }
    let trailing = if matches!(parts.last(), Some(&"." | &"..")) {
        "/"
    } else {
        ""
    };
    format!("{origin}/{}{trailing}{tail}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::absolutize as absolutize_in;
    use crate::config::{Config, UrlMode};

    fn absolutize(html: &str, page: &str) -> String {
        absolutize_in(html, page, &Config::for_tests("/blog/"))
    }

    #[test]
    fn in_index_mode_links_into_the_site_name_their_index_file() {
        let mut c = Config::for_tests("/blog/");
        c.base_url = "https://example.org/blog/".into();
        c.urls = UrlMode::Index;
        assert_eq!(
            absolutize_in(
                r#"<a href="/blog/joint/#x">j</a><a href="https://other.org/a/">o</a>"#,
                PAGE,
                &c
            ),
            r#"<a href="https://example.org/blog/joint/index.html#x">j</a><a href="https://other.org/a/">o</a>"#
        );
    }

    const PAGE: &str = "https://example.org/blog/core/";

    #[test]
    fn every_kind_of_link_becomes_absolute() {
        let cases = [
            (
                r#"<a href="/blog/joint/">x</a>"#,
                r#"<a href="https://example.org/blog/joint/">x</a>"#,
            ),
            (
                r#"<a href="plank.jpg">"#,
                r#"<a href="https://example.org/blog/core/plank.jpg">"#,
            ),
            (
                r##"<a href="#bracing">"##,
                r##"<a href="https://example.org/blog/core/#bracing">"##,
            ),
            (
                r#"<img src='../x/a.png' alt="a">"#,
                r#"<img src='https://example.org/blog/x/a.png' alt="a">"#,
            ),
            (
                r#"<a href="https://other.org/">"#,
                r#"<a href="https://other.org/">"#,
            ),
            (r#"<a href="mailto:a@b.c">"#, r#"<a href="mailto:a@b.c">"#),
            (
                r#"<video poster=p.jpg controls>"#,
                r#"<video poster=https://example.org/blog/core/p.jpg controls>"#,
            ),
            (
                r#"<img srcset="a.jpg 480w, /i/b.jpg 960w">"#,
                r#"<img srcset="https://example.org/blog/core/a.jpg 480w, https://example.org/i/b.jpg 960w">"#,
            ),
        ];
        for (html, want) in cases {
            assert_eq!(absolutize(html, PAGE), want, "{html}");
        }
    }

    #[test]
    fn text_comments_and_other_attributes_are_left_alone() {
        let html = r#"<p data-href="/x">a < b, see href="/x"</p><!-- <a href="/c"> --><a title="href=/y" href="/z">"#;
        assert_eq!(
            absolutize(html, PAGE),
            r#"<p data-href="/x">a < b, see href="/x"</p><!-- <a href="/c"> --><a title="href=/y" href="https://example.org/z">"#
        );
    }

    #[test]
    fn without_a_host_links_become_root_relative() {
        assert_eq!(
            absolutize(r##"<a href="x.jpg"></a><a href="#a"></a>"##, "/core/"),
            r##"<a href="/core/x.jpg"></a><a href="/core/#a"></a>"##
        );
    }
}
