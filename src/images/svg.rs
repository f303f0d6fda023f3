//! The size of an SVG drawing, read from its root element: `width` and `height` in pixels, or
//! the `viewBox` when they are missing or relative.

use html5gum::{Token, Tokenizer};

use crate::diagnostic::Diagnostic;

/// `(width, height)` of the drawing in CSS pixels (rounded, at least 1), or why it has none.
pub(crate) fn size(text: &str) -> Result<(u32, u32), Diagnostic> {
    for token in Tokenizer::new(text) {
        let Ok(Token::StartTag(tag)) = token else {
            continue;
        };
        if tag.name.as_slice() != b"svg" {
            return Err(Diagnostic::new(format!(
                "the first element is `<{}>`, not `<svg>`",
                String::from_utf8_lossy(&tag.name)
            )));
        }
        let attr = |name: &str| {
            tag.attributes
                .get(name.as_bytes())
                .map(|v| String::from_utf8_lossy(v).into_owned())
        };
        let view_box = attr("viewbox").and_then(|v| {
            let n: Vec<f64> = v
                .split([' ', ',', '\t', '\n', '\r'])
                .filter(|s| !s.is_empty())
                .map(|s| s.parse::<f64>().unwrap_or(f64::NAN))
                .collect();
            match n[..] {
                [_, _, w, h] if w > 0.0 && h > 0.0 => Some((w, h)),
                _ => None,
            }
        });
        let width = attr("width").and_then(|v| pixels(&v));
        let height = attr("height").and_then(|v| pixels(&v));
        let (w, h) = match (width, height, view_box) {
            (Some(w), Some(h), _) => (w, h),
            (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
            (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
            (None, None, Some(vb)) => vb,
            _ => {
                return Err(Diagnostic::new(
                    "its `<svg>` has neither a `viewBox` nor `width` and `height` in pixels",
                ));
            }
        };
        let round = |x: f64| (x.round() as u32).max(1);
        return Ok((round(w), round(h)));
    }
    Err(Diagnostic::new("it holds no `<svg>` element"))
}

/// A length in pixels (`240`, `240px`, `240.5`); units other than px and percentages have no
/// fixed pixel size.
fn pixels(value: &str) -> Option<f64> {
    let v = value.trim();
    let v = v.strip_suffix("px").unwrap_or(v).trim();
    v.parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n > 0.0 && *n < 1e6)
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn width_and_height_win_over_the_view_box() {
        let svg = r#"<?xml version="1.0"?><!-- drawn by hand -->
<svg xmlns="http://www.w3.org/2000/svg" width="640px" height="360" viewBox="0 0 64 36"></svg>"#;
        assert_eq!(size(svg), Ok((640, 360)));
    }

    #[test]
    fn the_view_box_gives_the_size_or_the_missing_side() {
        assert_eq!(size(r#"<svg viewBox="0 0 800 450"/>"#), Ok((800, 450)));
        assert_eq!(
            size(r#"<svg viewBox="0,0,800,450" width="400"/>"#),
            Ok((400, 225))
        );
        assert_eq!(
            size(r#"<svg viewBox="0 0 800 450" width="100%"/>"#),
            Ok((800, 450))
        );
    }

    #[test]
    fn a_drawing_without_a_size_says_why() {
        assert!(
            size(r#"<svg width="100%"></svg>"#)
                .unwrap_err()
                .message
                .contains("viewBox")
        );
        assert!(
            size("<html></html>")
                .unwrap_err()
                .message
                .contains("<html>")
        );
        assert!(
            size("just text")
                .unwrap_err()
                .message
                .contains("no `<svg>`")
        );
        assert!(size(r#"<svg viewBox="0 0 0 10"/>"#).is_err());
    }
}
