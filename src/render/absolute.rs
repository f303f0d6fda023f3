//! Making the links of rendered HTML absolute, for feeds: a feed reader shows an entry away from
//! its page, so `href`, `src`, `srcset` and `poster` values are resolved against the page's URL.

/// Attributes whose values are URLs (`srcset` holds a list of them).
const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster", "srcset"];

/// `html` with every URL attribute resolved against `page` (an absolute URL such as
/// `https://example.org/blog/core/`, or a root-relative one when the site has no host).
pub(crate) fn absolutize(html: &str, page: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").map_or(rest.len(), |i| 4 + i + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let is_tag = rest[1..].starts_with(|c: char| c.is_ascii_alphabetic());
        if !is_tag {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        let end = tag_end(rest);
        rewrite_tag(&rest[..end], page, &mut out);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Length of the tag at the start of `s` (through its `>`), minding quoted values.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

fn rewrite_tag(tag: &str, page: &str, out: &mut String) {
    let bytes = tag.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        // An attribute name, then `=`, then a value.
        if !(bytes[i].is_ascii_alphabetic() && i > 0 && bytes[i - 1].is_ascii_whitespace()) {
            i += 1;
            continue;
        }
        let name_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
            i += 1;
        }
        let name = &tag[name_start..i];
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if j >= bytes.len() || bytes[j] != b'=' {
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let (value_start, value_end, next) = match bytes.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let close = tag[j + 1..]
                    .find(q as char)
                    .map_or(tag.len(), |k| j + 1 + k);
                (j + 1, close, (close + 1).min(tag.len()))
            }
            Some(_) => {
                let end = tag[j..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(tag.len(), |k| j + k);
                (j, end, end)
            }
            None => break,
        };
        if URL_ATTRIBUTES.iter().any(|a| a.eq_ignore_ascii_case(name)) {
            let value = &tag[value_start..value_end];
            let resolved = if name.eq_ignore_ascii_case("srcset") {
                resolve_srcset(value, page)
            } else {
                resolve(value, page)
            };
            out.push_str(&tag[copied..value_start]);
            out.push_str(&resolved);
            copied = value_end;
        }
        i = next;
    }
    out.push_str(&tag[copied..]);
}

fn resolve_srcset(value: &str, page: &str) -> String {
    value
        .split(',')
        .map(|candidate| {
            let trimmed = candidate.trim_start();
            let lead = &candidate[..candidate.len() - trimmed.len()];
            let (url, descriptor) = trimmed
                .find(char::is_whitespace)
                .map_or((trimmed, ""), |k| (&trimmed[..k], &trimmed[k..]));
            format!("{lead}{}{descriptor}", resolve(url, page))
        })
        .collect::<Vec<_>>()
        .join(",")
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
    use super::absolutize;

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
