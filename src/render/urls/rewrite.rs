//! Rewriting the URLs of rendered HTML in place, every other byte kept: URL attributes (`href`,
//! `src`, `poster`, `action`, each `srcset` candidate), the URL of a `<meta http-equiv=refresh>`,
//! other `<meta content>` values, and the body of a `<script type="application/ld+json">`. The text
//! of comments, `<script>` and `<style>` is never read as tags.

/// Attributes whose values are URLs (`srcset` holds a list of them).
const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster", "action", "srcset"];

/// A value found in the HTML that may hold a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found<'a> {
    /// A URL attribute's value, or one candidate of a `srcset`, as written (entities and all).
    Url(&'a str),
    /// The `content` of a `<meta>` other than a refresh (`og:url`, a description).
    Meta(&'a str),
    /// The JSON text of a `<script type="application/ld+json">`.
    JsonLd(&'a str),
}

/// `html` with each value `f` returns a replacement for replaced.
pub(crate) fn rewrite(html: &str, f: &mut dyn FnMut(Found<'_>) -> Option<String>) -> String {
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
        let tag = &rest[..end];
        let name = tag_name(tag);
        rewrite_tag(tag, &name, f, &mut out);
        rest = &rest[end..];
        if (name == "script" || name == "style") && !tag.ends_with("/>") {
            // Raw text up to the closing tag: never tags, possibly JSON-LD.
            let close = find_ascii_ci(rest, &format!("</{name}")).unwrap_or(rest.len());
            let body = &rest[..close];
            let json = name == "script" && is_json_ld(tag);
            match json.then(|| f(Found::JsonLd(body))).flatten() {
                Some(new) => out.push_str(&new),
                None => out.push_str(body),
            }
            rest = &rest[close..];
        }
    }
    out.push_str(rest);
    out
}

/// The lowercase element name of a tag (`<META …>` → `meta`).
fn tag_name(tag: &str) -> String {
    tag[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn is_json_ld(tag: &str) -> bool {
    find_ascii_ci(tag, "application/ld+json").is_some()
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

/// One attribute of a tag: its name and the byte range of its value.
struct Attribute<'a> {
    name: &'a str,
    value: std::ops::Range<usize>,
}

/// The attributes with values of `tag`, in order.
fn attributes(tag: &str) -> Vec<Attribute<'_>> {
    let bytes = tag.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
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
        found.push(Attribute {
            name,
            value: value_start..value_end,
        });
        i = next;
    }
    found
}

fn rewrite_tag(
    tag: &str,
    name: &str,
    f: &mut dyn FnMut(Found<'_>) -> Option<String>,
    out: &mut String,
) {
    let attrs = attributes(tag);
    let refresh = name == "meta"
        && attrs.iter().any(|a| {
            a.name.eq_ignore_ascii_case("http-equiv")
                && tag[a.value.clone()].eq_ignore_ascii_case("refresh")
        });
    let mut copied = 0;
    for a in &attrs {
        let value = &tag[a.value.clone()];
        let new = if URL_ATTRIBUTES
            .iter()
            .any(|u| u.eq_ignore_ascii_case(a.name))
        {
            if a.name.eq_ignore_ascii_case("srcset") {
                rewrite_srcset(value, f)
            } else {
                f(Found::Url(value))
            }
        } else if name == "meta" && a.name.eq_ignore_ascii_case("content") {
            if refresh {
                rewrite_refresh(value, f)
            } else {
                f(Found::Meta(value))
            }
        } else {
            None
        };
        if let Some(new) = new {
            out.push_str(&tag[copied..a.value.start]);
            out.push_str(&new);
            copied = a.value.end;
        }
    }
    out.push_str(&tag[copied..]);
}

fn rewrite_srcset(value: &str, f: &mut dyn FnMut(Found<'_>) -> Option<String>) -> Option<String> {
    let mut changed = false;
    let candidates: Vec<String> = value
        .split(',')
        .map(|candidate| {
            let trimmed = candidate.trim_start();
            let lead = &candidate[..candidate.len() - trimmed.len()];
            let (url, descriptor) = trimmed
                .find(char::is_whitespace)
                .map_or((trimmed, ""), |k| (&trimmed[..k], &trimmed[k..]));
            match f(Found::Url(url)) {
                Some(new) => {
                    changed = true;
                    format!("{lead}{new}{descriptor}")
                }
                None => candidate.to_string(),
            }
        })
        .collect();
    changed.then(|| candidates.join(","))
}

/// `0; url=/core/`: the URL after `url=`.
fn rewrite_refresh(value: &str, f: &mut dyn FnMut(Found<'_>) -> Option<String>) -> Option<String> {
    let at = find_ascii_ci(value, "url=")? + 4;
    let url = value[at..].trim_end();
    let new = f(Found::Url(url))?;
    Some(format!("{}{new}{}", &value[..at], &value[at + url.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upper(html: &str) -> String {
        rewrite(html, &mut |found| match found {
            Found::Url(u) => Some(u.to_uppercase()),
            Found::Meta(m) => Some(format!("m:{m}")),
            Found::JsonLd(j) => Some(format!("j:{j}")),
        })
    }

    #[test]
    fn every_url_attribute_and_srcset_candidate_is_offered() {
        assert_eq!(
            upper(
                r#"<a href="/a/" title="/t"><img src=x.png srcset="a.jpg 1x, b.jpg 2x"><form action='/s'><video poster="p">"#
            ),
            r#"<a href="/A/" title="/t"><img src=X.PNG srcset="A.JPG 1x, B.JPG 2x"><form action='/S'><video poster="P">"#
        );
    }

    #[test]
    fn meta_refresh_json_ld_and_raw_text() {
        assert_eq!(
            upper(
                r#"<meta http-equiv="refresh" content="0; url=/core/"><meta property="og:url" content="u">"#
            ),
            r#"<meta http-equiv="refresh" content="0; url=/CORE/"><meta property="og:url" content="m:u">"#
        );
        assert_eq!(
            upper(
                r#"<script type="application/ld+json">{"a":1}</script><script>if(a<b){x='<a href="/z">'}</script><style>a<b{}</style>"#
            ),
            r#"<script type="application/ld+json">j:{"a":1}</script><script>if(a<b){x='<a href="/z">'}</script><style>a<b{}</style>"#
        );
    }

    #[test]
    fn comments_and_text_are_left_alone() {
        let html = r#"<p data-href="/x">a < b, see href="/x"</p><!-- <a href="/c"> -->"#;
        assert_eq!(upper(html), html);
    }
}
