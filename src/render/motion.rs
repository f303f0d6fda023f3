//! An exercise's animation as a page shows it: the SVG inline (so a script can pause it), the
//! still drawing beside it for printing and for readers who ask for reduced motion (the
//! stylesheet picks which one shows, no script needed), and a pause/play button that the
//! theme's `motion.js` reveals and drives.

use crate::html::escape_html;

/// The theme's script for animations, given to `base.html` as `motion_script` on pages that
/// show one (inlined: about 2 KB, no request of its own).
pub(crate) const SCRIPT: &str = include_str!("../theme/motion.js");

/// The class of the box around an animation; a page holding it gets `SCRIPT`.
const BOX: &str = "exercise-motion";

/// `SCRIPT` when `html` shows an animation.
pub(crate) fn script_for(html: &str) -> Option<&'static str> {
    html.contains(BOX).then_some(SCRIPT)
}

/// The HTML of an animation: `svg` inline, the `still` drawing's HTML (hidden unless motion is
/// reduced or the page is printed), and the hidden pause button named for exercise `name`.
pub(crate) fn figure(svg: &str, still: Option<&str>, name: &str) -> String {
    format!(
        "<div class=\"{BOX}\"><div class=\"motion-frame\">{svg}</div>{still}\
         <button type=\"button\" class=\"motion-toggle\" hidden><span class=\"motion-label\">Pause\
         </span><span class=\"visually-hidden\"> the {name} animation</span></button></div>",
        still = still.unwrap_or(""),
        name = escape_html(name),
    )
}

/// An HTML body as a feed entry carries it: feed readers run no script and take no page
/// styles, so each animation's inline SVG and button are left out and its still drawing shows.
pub(crate) fn for_feed(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<div class=\"motion-frame\">") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(end) = after.find("</svg></div>") else {
            break;
        };
        rest = &after[end + "</svg></div>".len()..];
        if let Some(button) = rest.find("<button type=\"button\" class=\"motion-toggle\"") {
            if let Some(close) = rest[button..].find("</button>") {
                out.push_str(&rest[..button]);
                rest = &rest[button + close + "</button>".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{figure, for_feed, script_for};

    #[test]
    fn the_figure_names_its_button_and_keeps_the_still_drawing() {
        let html = figure(
            "<svg></svg>",
            Some("<img src=\"a.svg\" alt=\"\">"),
            "Bird & Dog",
        );
        assert!(
            html.starts_with("<div class=\"exercise-motion\"><div class=\"motion-frame\"><svg>")
        );
        assert!(html.contains("<img src=\"a.svg\" alt=\"\"><button"));
        assert!(html.contains("> the Bird &amp; Dog animation</span>"));
        assert!(script_for(&html).is_some());
        assert!(script_for("<p>no animation</p>").is_none());
    }

    #[test]
    fn a_feed_gets_the_still_drawing_alone() {
        let card = figure(
            "<svg><title>t</title></svg>",
            Some("<img src=\"a.svg\">"),
            "X",
        );
        let html = format!("<p>a</p>{card}<p>b</p>{card}");
        assert_eq!(
            for_feed(&html),
            "<p>a</p><div class=\"exercise-motion\"><img src=\"a.svg\"></div><p>b</p>\
             <div class=\"exercise-motion\"><img src=\"a.svg\"></div>"
        );
    }
}
