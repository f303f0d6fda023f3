//! An exercise's `animation`: an SVG file of `static/` that its page and cards show (as an
//! `<img>`, which the theme's script puts inline to pause it), read and checked at build time.

use crate::diagnostic::Diagnostic;

/// An animation as the build holds it: its URL, the `<svg>` element, and its size.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Animation {
    /// URL of the file (under the base path).
    pub src: String,
    /// The file's `<svg>…</svg>` element, without an XML declaration.
    pub svg: String,
    /// Width and height in CSS pixels (the root's `width` and `height`).
    pub width: u32,
    pub height: u32,
}

/// The width and height the root `<svg>` element of `svg` gives itself, in CSS pixels.
pub fn size(path: &str, svg: &str) -> Result<(u32, u32), Diagnostic> {
    let root = &svg[..svg.find('>').unwrap_or(svg.len())];
    let attr = |name: &str| {
        let at = root.find(&format!(" {name}=\""))? + name.len() + 3;
        let value = &root[at..at + root[at..].find('"')?];
        let n: f64 = value.trim_end_matches("px").parse().ok()?;
        (1.0..10_000.0).contains(&n).then(|| n.round() as u32)
    };
    match (attr("width"), attr("height")) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err(
            Diagnostic::new(format!("animation `{path}` has no width and height in pixels"))
                .with_hint("give its `<svg>` element `width` and `height` (its size on the page, which keeps the page from moving as it loads) as well as a `viewBox`"),
        ),
    }
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
    use super::{parse, size};

    #[test]
    fn the_size_is_the_roots_width_and_height() {
        let svg = "<svg width=\"302\" height=\"134.4px\" viewBox=\"0 0 216 96\"><rect width=\"9\"/></svg>";
        assert_eq!(size("/a.svg", svg).unwrap(), (302, 134));
        for svg in [
            "<svg viewBox=\"0 0 1 1\"></svg>",
            "<svg width=\"100%\" height=\"4\"></svg>",
        ] {
            assert!(size("/a.svg", svg).is_err(), "{svg}");
        }
    }

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
