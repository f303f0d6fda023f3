mod harness;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::util::LinesWithEndings;
fn main() {
    harness::run(|| {
        let ss = two_face::syntax::extra_newlines();
        Box::new(move |lang, code| {
            let syntax = ss.find_syntax_by_token(lang).unwrap_or_else(|| panic!("no {lang}"));
            let mut g = ClassedHTMLGenerator::new_with_class_style(syntax, &ss, ClassStyle::SpacedPrefixed { prefix: "hl-" });
            for line in LinesWithEndings::from(code) {
                g.parse_html_for_line_which_includes_newline(line).unwrap();
            }
            g.finalize()
        })
    });
}
