mod harness;
use giallo::{HighlightOptions, HtmlRenderer, Registry, RenderOptions, ThemeVariant};
fn main() {
    harness::run(|| {
        let mut registry = Registry::builtin().unwrap();
        registry.link_grammars();
        Box::new(move |lang, code| {
            let options = HighlightOptions::new(lang, ThemeVariant::Dual { light: "github-light", dark: "github-dark" });
            let h = registry.highlight(code, &options).unwrap();
            let renderer = HtmlRenderer { css_class_prefix: Some("g-".to_string()), ..Default::default() };
            renderer.render(&h, &RenderOptions::default())
        })
    });
}
