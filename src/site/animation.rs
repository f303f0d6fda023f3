//! An exercise's `animation`: an SVG file of `static/` that its page and cards show inline (so
//! the theme's script can pause it), read and checked at build time.

use crate::diagnostic::Diagnostic;

/// An animation as the build holds it: its URL and the `<svg>` element to inline.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Animation {
    /// URL of the file (under the base path).
    pub src: String,
    /// The file's `<svg>…</svg>` element, without an XML declaration.
    pub svg: String,
}

/// The `<svg>` element of an animation file's `text`, or why it cannot be shown inline: it must
/// be one `<svg>` element (an XML declaration before it is dropped), play without a script, and
/// carry no `id` (a page may show the same exercise twice).
pub fn parse(path: &str, text: &str) -> Result<String, Diagnostic> {
    let mut svg = text.trim();
    if svg.starts_with("<?xml") {
        svg = svg.find("?>").map_or("", |end| svg[end + 2..].trim_start());
    }
    let lower = svg.to_ascii_lowercase();
    let problem = if !lower.starts_with("<svg") || !lower.ends_with("</svg>") {
        Some("is not one `<svg>` element")
    } else if lower.contains("<script") || lower.contains("<foreignobject") {
        Some("holds a script or HTML, which a page would run")
    } else if lower.contains(" id=") || lower.contains("<!doctype") {
        Some("has an `id` or a doctype, which a page showing it twice would repeat")
    } else {
        None
    };
    match problem {
        Some(why) => Err(Diagnostic::new(format!("animation `{path}` {why}")).with_hint(
            "an animation is an SVG file playing by itself (SMIL or CSS), shown inline in the page: \
             one `<svg>` element, no script, no `id`; scripts/illustrations/ writes such files",
        )),
        None => Ok(svg.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn keeps_the_svg_element_and_drops_an_xml_declaration() {
        let text = "<?xml version=\"1.0\"?>\n<svg viewBox=\"0 0 1 1\"><title>t</title></svg>\n";
        assert_eq!(
            parse("/a.svg", text).unwrap(),
            "<svg viewBox=\"0 0 1 1\"><title>t</title></svg>"
        );
    }

    #[test]
    fn refuses_what_a_page_could_not_inline() {
        for (text, why) in [
            ("<p>not a drawing</p>", "one `<svg>` element"),
            ("<svg><script>alert(1)</script></svg>", "script"),
            (
                "<svg><foreignObject><p>x</p></foreignObject></svg>",
                "script or HTML",
            ),
            ("<svg><g id=\"a\"/></svg>", "`id`"),
        ] {
            let err = parse("/a.svg", text).unwrap_err().to_string();
            assert!(err.contains(why), "{text}: {err}");
        }
    }
}
