//! An exercise's animation as a page shows it: an `<img>` of the SVG (it plays by itself, costs
//! the page nothing until it comes near the screen, and is cached), the still drawing beside it
//! for printing and for readers who ask for reduced motion (the stylesheet picks which one shows,
//! no script needed), and a pause/play button. The theme's `motion.js` puts each animation's SVG
//! inline as it comes into view, which lets it pause it, and then reveals the button.

use std::borrow::Cow;

use crate::html::escape_html;
use crate::i18n::Translations;

/// The theme's script for animations, given to `base.html` as `motion_script` on pages that
/// show one (inlined: about 2 KB, no request of its own).
pub(crate) use crate::theme::MOTION_SCRIPT as SCRIPT;

/// The class of the box around an animation; a page holding it gets `SCRIPT`.
const BOX: &str = "exercise-motion";

/// The words of the button as `SCRIPT` writes them: replaced by the site's.
const LABELS: &str = "\"Play\" : \"Pause\"";

/// `SCRIPT` with its button's words in the site's language.
pub(crate) fn script(words: &Translations) -> Cow<'static, str> {
    let (play, pause) = (words.get("play", &[]), words.get("pause", &[]));
    if play == "Play" && pause == "Pause" {
        return Cow::Borrowed(SCRIPT);
    }
    let js = |s: &str| {
        serde_json::Value::from(s)
            .to_string()
            .replace('<', "\\u003c")
    };
    Cow::Owned(SCRIPT.replace(LABELS, &format!("{} : {}", js(&play), js(&pause))))
}

/// [`script`] when `html` shows an animation.
pub(crate) fn script_for(html: &str, words: &Translations) -> Option<Cow<'static, str>> {
    html.contains(BOX).then(|| script(words))
}

/// An animation to show: its file, size and description, and the exercise it shows.
pub(crate) struct Shown<'a> {
    pub src: &'a str,
    pub width: u32,
    pub height: u32,
    pub alt: &'a str,
    pub name: &'a str,
    /// Below the first screen: loaded as it comes near.
    pub lazy: bool,
}

/// The HTML of an animation: its `<img>`, the `still` drawing's HTML (hidden unless motion is
/// reduced or the page is printed), and the hidden pause button named for the exercise.
pub(crate) fn figure(a: &Shown, still: Option<&str>, words: &Translations) -> String {
    use crate::i18n::Arg;
    format!(
        "<div class=\"{BOX}\"><div class=\"motion-frame\"><img class=\"motion-img\" src=\"{src}\" \
         alt=\"{alt}\" width=\"{w}\" height=\"{h}\"{lazy} decoding=\"async\"></div>{still}\
         <button type=\"button\" class=\"motion-toggle\" hidden><span class=\"motion-label\">{pause}\
         </span><span class=\"visually-hidden\"> {label}</span></button></div>",
        src = escape_html(a.src),
        alt = escape_html(a.alt),
        w = a.width,
        h = a.height,
        lazy = if a.lazy { " loading=\"lazy\"" } else { "" },
        still = still.unwrap_or(""),
        pause = escape_html(&words.get("pause", &[])),
        label = escape_html(&words.get("animation_of", &[("name", Arg::Text(a.name))])),
    )
}

/// An HTML body as a feed entry carries it: feed readers run no script and take no page
/// styles, so each animation and its button are left out and its still drawing shows.
pub(crate) fn for_feed(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<div class=\"motion-frame\">") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(end) = after.find("</div>") else {
            rest = after;
            break;
        };
        rest = &after[end + "</div>".len()..];
        if let Some(button) = rest.find("<button type=\"button\" class=\"motion-toggle\"")
            && let Some(close) = rest[button..].find("</button>")
        {
            out.push_str(&rest[..button]);
            rest = &rest[button + close + "</button>".len()..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Translations {
        Translations::english()
    }

    fn shown(lazy: bool) -> Shown<'static> {
        Shown {
            src: "/a.anim.svg",
            width: 30,
            height: 20,
            alt: "Up & down",
            name: "Bird & Dog",
            lazy,
        }
    }

    #[test]
    fn the_figure_names_its_button_and_keeps_the_still_drawing() {
        let html = figure(&shown(true), Some("<img src=\"a.svg\" alt=\"\">"), &en());
        assert!(html.starts_with(
            "<div class=\"exercise-motion\"><div class=\"motion-frame\"><img class=\"motion-img\" \
             src=\"/a.anim.svg\" alt=\"Up &amp; down\" width=\"30\" height=\"20\" loading=\"lazy\""
        ));
        assert!(html.contains("</div><img src=\"a.svg\" alt=\"\"><button"));
        assert!(html.contains("> the Bird &amp; Dog animation</span>"));
        assert!(!figure(&shown(false), None, &en()).contains("loading"));
        assert!(script_for(&html, &en()).is_some());
        assert!(script_for("<p>no animation</p>", &en()).is_none());
    }

    #[test]
    fn a_feed_gets_the_still_drawing_alone() {
        let card = figure(&shown(true), Some("<img src=\"a.svg\">"), &en());
        let html = format!("<p>a</p>{card}<p>b</p>{card}");
        assert_eq!(
            for_feed(&html),
            "<p>a</p><div class=\"exercise-motion\"><img src=\"a.svg\"></div><p>b</p>\
             <div class=\"exercise-motion\"><img src=\"a.svg\"></div>"
        );
        // Cut short (no end to the frame): left as it is.
        let cut = "<p>a</p><div class=\"motion-frame\"><img src=\"b.svg\">";
        assert_eq!(for_feed(cut), cut);
    }

    #[test]
    fn the_script_says_play_and_pause_in_the_site_language() {
        assert!(
            SCRIPT.contains(LABELS),
            "motion.js no longer writes {LABELS}"
        );
        assert!(matches!(script(&en()), Cow::Borrowed(_)));
        let mut errors = crate::diagnostic::Diagnostics::default();
        let de = Translations::load(std::path::Path::new("/nonexistent"), "de", &mut errors);
        let german = script(&de);
        assert!(german.contains("\"Abspielen\" : \"Anhalten\""), "{german}");
        assert!(!german.contains(LABELS));
    }
}
