//! The colour themes of highlighted code: a palette per theme, written as `highlight.css` for the
//! light and the dark colour scheme. Every colour reads at 4.5:1 or more on its background.

use serde::Deserialize;

use super::{CAPTURES, class_of};

/// A theme the `highlight_theme` and `highlight_theme_dark` settings name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// GitHub's light colours.
    GithubLight,
    /// GitHub's dark colours.
    GithubDark,
    /// Atom's One Light, darkened where it fell short of 4.5:1.
    OneLight,
    /// Atom's One Dark, lightened where it fell short of 4.5:1.
    OneDark,
}

/// Background, text, then a colour (and `b`/`i` for bold or italic) per capture prefix; a capture
/// not named takes the colour of its longest named prefix, or the text colour.
struct Palette {
    background: &'static str,
    text: &'static str,
    tokens: &'static [(&'static str, &'static str)],
}

const GITHUB_LIGHT: Palette = Palette {
    background: "#f6f8fa",
    text: "#1f2328",
    tokens: &[
        ("attribute", "#0550ae"),
        ("boolean", "#0550ae"),
        ("comment", "#59636e i"),
        ("constant", "#0550ae"),
        ("constructor", "#953800"),
        ("escape", "#116329"),
        ("function", "#6639ba"),
        ("keyword", "#cf222e"),
        ("label", "#953800"),
        ("number", "#0550ae"),
        ("operator", "#cf222e"),
        ("property", "#0550ae"),
        ("punctuation.special", "#cf222e"),
        ("string", "#0a3069"),
        ("string.special", "#116329"),
        ("tag", "#116329"),
        ("text.emphasis", "#1f2328 i"),
        ("text.literal", "#0a3069"),
        ("text.reference", "#0550ae"),
        ("text.strong", "#1f2328 b"),
        ("text.title", "#0550ae b"),
        ("text.uri", "#0a3069"),
        ("type", "#953800"),
        ("variable.builtin", "#953800"),
        ("variable.parameter", "#953800"),
    ],
};

const GITHUB_DARK: Palette = Palette {
    background: "#161b22",
    text: "#e6edf3",
    tokens: &[
        ("attribute", "#79c0ff"),
        ("boolean", "#79c0ff"),
        ("comment", "#8b949e i"),
        ("constant", "#79c0ff"),
        ("constructor", "#ffa657"),
        ("escape", "#7ee787"),
        ("function", "#d2a8ff"),
        ("keyword", "#ff7b72"),
        ("label", "#ffa657"),
        ("number", "#79c0ff"),
        ("operator", "#ff7b72"),
        ("property", "#79c0ff"),
        ("punctuation.special", "#ff7b72"),
        ("string", "#a5d6ff"),
        ("string.special", "#7ee787"),
        ("tag", "#7ee787"),
        ("text.emphasis", "#e6edf3 i"),
        ("text.literal", "#a5d6ff"),
        ("text.reference", "#79c0ff"),
        ("text.strong", "#e6edf3 b"),
        ("text.title", "#79c0ff b"),
        ("text.uri", "#a5d6ff"),
        ("type", "#ffa657"),
        ("variable.builtin", "#ffa657"),
        ("variable.parameter", "#ffa657"),
    ],
};

const ONE_LIGHT: Palette = Palette {
    background: "#fafafa",
    text: "#383a42",
    tokens: &[
        ("attribute", "#986801"),
        ("boolean", "#986801"),
        ("comment", "#696c77 i"),
        ("constant", "#986801"),
        ("constructor", "#8a5d00"),
        ("escape", "#0f7c8c"),
        ("function", "#2f5fd0"),
        ("keyword", "#a626a4"),
        ("label", "#a626a4"),
        ("number", "#986801"),
        ("operator", "#0f7c8c"),
        ("property", "#c3312a"),
        ("punctuation.special", "#a626a4"),
        ("string", "#3a7d38"),
        ("string.special", "#0f7c8c"),
        ("tag", "#c3312a"),
        ("text.emphasis", "#383a42 i"),
        ("text.literal", "#3a7d38"),
        ("text.reference", "#2f5fd0"),
        ("text.strong", "#383a42 b"),
        ("text.title", "#c3312a b"),
        ("text.uri", "#2f5fd0"),
        ("type", "#8a5d00"),
        ("variable.builtin", "#986801"),
        ("variable.parameter", "#383a42"),
    ],
};

const ONE_DARK: Palette = Palette {
    background: "#282c34",
    text: "#abb2bf",
    tokens: &[
        ("attribute", "#d19a66"),
        ("boolean", "#d19a66"),
        ("comment", "#959cab i"),
        ("constant", "#d19a66"),
        ("constructor", "#e5c07b"),
        ("escape", "#56b6c2"),
        ("function", "#61afef"),
        ("keyword", "#c678dd"),
        ("label", "#c678dd"),
        ("number", "#d19a66"),
        ("operator", "#56b6c2"),
        ("property", "#e88388"),
        ("punctuation.special", "#c678dd"),
        ("string", "#98c379"),
        ("string.special", "#56b6c2"),
        ("tag", "#e88388"),
        ("text.emphasis", "#abb2bf i"),
        ("text.literal", "#98c379"),
        ("text.reference", "#61afef"),
        ("text.strong", "#abb2bf b"),
        ("text.title", "#e88388 b"),
        ("text.uri", "#61afef"),
        ("type", "#e5c07b"),
        ("variable.builtin", "#e5c07b"),
        ("variable.parameter", "#abb2bf"),
    ],
};

impl Theme {
    /// Every theme, for the manual and the tests.
    pub const ALL: [Theme; 4] = [
        Theme::GithubLight,
        Theme::GithubDark,
        Theme::OneLight,
        Theme::OneDark,
    ];

    /// The name `sitegen.toml` uses.
    pub fn name(self) -> &'static str {
        match self {
            Theme::GithubLight => "github-light",
            Theme::GithubDark => "github-dark",
            Theme::OneLight => "one-light",
            Theme::OneDark => "one-dark",
        }
    }

    fn palette(self) -> &'static Palette {
        match self {
            Theme::GithubLight => &GITHUB_LIGHT,
            Theme::GithubDark => &GITHUB_DARK,
            Theme::OneLight => &ONE_LIGHT,
            Theme::OneDark => &ONE_DARK,
        }
    }
}

/// `highlight.css`: `light` for the light colour scheme, `dark` inside
/// `@media (prefers-color-scheme: dark)`.
pub fn stylesheet(light: Theme, dark: Theme) -> String {
    let mut css = String::from(
        "/* sitegen: colours of highlighted code (settings highlight_theme, highlight_theme_dark). */\n",
    );
    rules(&mut css, light.palette(), "");
    css.push_str("@media (prefers-color-scheme: dark) {\n");
    rules(&mut css, dark.palette(), "  ");
    css.push_str("}\n");
    css
}

/// One palette's rules, each line indented by `indent`.
fn rules(css: &mut String, palette: &Palette, indent: &str) {
    css.push_str(&format!(
        "{indent}pre.hl {{ background: {}; color: {}; }}\n",
        palette.background, palette.text
    ));
    for capture in CAPTURES {
        let Some(style) = style_of(palette, capture) else {
            continue;
        };
        let (colour, flags) = style.split_once(' ').unwrap_or((style, ""));
        let mut declarations = format!("color: {colour};");
        if flags.contains('b') {
            declarations.push_str(" font-weight: bold;");
        }
        if flags.contains('i') {
            declarations.push_str(" font-style: italic;");
        }
        css.push_str(&format!(
            "{indent}.{} {{ {declarations} }}\n",
            class_of(capture)
        ));
    }
}

/// The style a palette gives `capture`: its own, else its longest named prefix's.
fn style_of(palette: &Palette, capture: &str) -> Option<&'static str> {
    let mut name = capture;
    loop {
        if let Some((_, style)) = palette.tokens.iter().find(|(n, _)| *n == name) {
            return Some(style);
        }
        name = &name[..name.rfind('.')?];
    }
}
