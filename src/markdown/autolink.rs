//! GFM's extended autolinks: bare `www.` addresses, `http://`, `https://` and `ftp://` URLs and
//! e-mail addresses in text become links, by the rules of the GFM spec (0.29, "Autolinks
//! (extension)") as cmark-gfm, GitHub's renderer, applies them: where a link may start, what a
//! valid domain is, and which trailing punctuation, parentheses and entity-like `&name;` stay
//! outside the link. pulldown-cmark does not have this extension; a general URL finder (linkify)
//! follows other rules (no `http://` added to `www.`, no entity rule, other trailing characters),
//! so the spec's rules are written out here and checked against its examples.

use std::ops::Range;

/// The links found in `text`, in order: the byte range each covers and its `href`.
pub(crate) fn find(text: &str) -> Vec<(Range<usize>, String)> {
    let bytes = text.as_bytes();
    let mut found: Vec<(Range<usize>, String)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let after_last = found.last().map_or(0, |(r, _)| r.end);
        if i >= after_last
            && may_start(bytes, i)
            && let Some((end, href)) = www_at(text, i).or_else(|| url_at(text, i))
        {
            found.push((i..end, href));
            i = end;
            continue;
        }
        if bytes[i] == b'@'
            && let Some((range, href)) = email_around(text, i, after_last)
        {
            i = range.end;
            found.push((range, href));
            continue;
        }
        i += 1;
    }
    found
}

/// Whether a link may start at `i`: at the start, after whitespace, or after `*`, `_`, `~`, `(`.
fn may_start(bytes: &[u8], i: usize) -> bool {
    i == 0
        || matches!(
            bytes[i - 1],
            b' ' | b'\t' | b'\n' | b'\r' | b'*' | b'_' | b'~' | b'('
        )
}

/// `www.` followed by a valid domain: the end of the link and its `href` (`http://` added).
fn www_at(text: &str, i: usize) -> Option<(usize, String)> {
    let rest = &text[i..];
    if !rest.starts_with("www.") {
        return None;
    }
    let domain = domain_len(rest.as_bytes(), false)?;
    let end = i + link_end(rest.as_bytes(), domain);
    (end > i + 4).then(|| (end, format!("http://{}", &text[i..end])))
}

/// `http://`, `https://` or `ftp://` followed by a valid domain.
fn url_at(text: &str, i: usize) -> Option<(usize, String)> {
    let rest = &text[i..];
    let scheme = ["http://", "https://", "ftp://"]
        .into_iter()
        .find(|s| rest.starts_with(s))?;
    let after = &rest.as_bytes()[scheme.len()..];
    let domain = domain_len(after, true)?;
    let end = i + scheme.len() + link_end(after, domain);
    (end > i + scheme.len()).then(|| (end, text[i..end].to_string()))
}

/// The length of the valid domain at the start of `b`: segments of letters, digits, `_` and `-`
/// separated by `.`, no `_` in the last two segments, and (unless `short` is allowed) a period.
fn domain_len(b: &[u8], short: bool) -> Option<usize> {
    let (mut periods, mut underscores_last, mut underscores_before) = (0, 0, 0);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'_' => underscores_last += 1,
            b'.' => {
                underscores_before = underscores_last;
                underscores_last = 0;
                periods += 1;
            }
            c if c.is_ascii_alphanumeric() || c == b'-' || c >= 0x80 => {}
            _ => break,
        }
        i += 1;
    }
    let valid = underscores_before == 0 && underscores_last == 0 && (short || periods > 0);
    (valid && i > 0).then_some(i)
}

/// Where a link whose domain ends at `from` ends: at the first space or `<`, less the trailing
/// characters the spec leaves out.
fn link_end(b: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < b.len() && !b[end].is_ascii_whitespace() && b[end] != b'<' {
        end += 1;
    }
    trim_trailing(b, end)
}

/// Leaves trailing punctuation, unbalanced closing parentheses and an entity-like `&name;` out.
fn trim_trailing(b: &[u8], mut end: usize) -> usize {
    while end > 0 {
        match b[end - 1] {
            b'?' | b'!' | b'.' | b',' | b':' | b'*' | b'_' | b'~' | b'\'' | b'"' => end -= 1,
            b';' => {
                let mut start = end - 1;
                while start > 0 && b[start - 1].is_ascii_alphanumeric() {
                    start -= 1;
                }
                end = if start > 0 && start < end - 1 && b[start - 1] == b'&' {
                    start - 1
                } else {
                    end - 1
                };
            }
            b')' => {
                let open = b[..end].iter().filter(|&&c| c == b'(').count();
                let close = b[..end].iter().filter(|&&c| c == b')').count();
                if close <= open {
                    break;
                }
                end -= 1;
            }
            _ => break,
        }
    }
    end
}

/// The e-mail address around the `@` at `at` (starting at or after `not_before`).
fn email_around(text: &str, at: usize, not_before: usize) -> Option<(Range<usize>, String)> {
    let b = text.as_bytes();
    let mut start = at;
    while start > not_before
        && (b[start - 1].is_ascii_alphanumeric()
            || matches!(b[start - 1], b'.' | b'-' | b'_' | b'+'))
    {
        start -= 1;
    }
    if start == at {
        return None;
    }
    let (mut end, mut periods) = (at + 1, 0);
    while end < b.len() {
        match b[end] {
            c if c.is_ascii_alphanumeric() || c == b'-' || c == b'_' => {}
            b'.' if b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric) => periods += 1,
            _ => break,
        }
        end += 1;
    }
    let last = b[end - 1];
    if periods == 0 || !(last.is_ascii_alphabetic() || last == b'.') {
        return None;
    }
    let end = trim_trailing(b, end).max(at + 1);
    let address = &text[start..end];
    Some((start..end, format!("mailto:{address}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<(&str, String)> {
        find(text).into_iter().map(|(r, h)| (&text[r], h)).collect()
    }

    #[test]
    fn www_gets_http_and_trailing_punctuation_stays_out() {
        assert_eq!(
            links("Visit www.commonmark.org/a.b."),
            [(
                "www.commonmark.org/a.b",
                "http://www.commonmark.org/a.b".into()
            )]
        );
    }

    #[test]
    fn parentheses_are_balanced_and_entities_left_out() {
        assert_eq!(
            links("(www.google.com/search?q=Markup+(business))"),
            [(
                "www.google.com/search?q=Markup+(business)",
                "http://www.google.com/search?q=Markup+(business)".into()
            )]
        );
        assert_eq!(
            links("www.google.com/search?q=commonmark&hl;")[0].0,
            "www.google.com/search?q=commonmark"
        );
    }

    #[test]
    fn emails_follow_the_spec() {
        assert_eq!(links("a.b-c_d@a.b.")[0].1, "mailto:a.b-c_d@a.b");
        assert!(links("a.b-c_d@a.b-").is_empty());
        assert!(links("a.b-c_d@a.b_").is_empty());
        assert_eq!(
            links("hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is."),
            [(
                "hello+xyz@mail.example",
                "mailto:hello+xyz@mail.example".into()
            )]
        );
    }

    #[test]
    fn a_link_starts_only_after_space_or_a_delimiter() {
        assert!(links("xwww.example.org").is_empty());
        assert!(links("ahttps://example.org").is_empty());
        assert_eq!(links("(https://example.org)")[0].0, "https://example.org");
        assert!(
            links("www.exa_mple.org").is_empty(),
            "underscore in the last two segments"
        );
    }
}
