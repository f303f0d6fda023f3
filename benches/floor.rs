//! The floor: the least a static-site generator must do with the benchmark site — read every post,
//! render its Markdown with pulldown-cmark (the options sitegen uses) on all cores, and write one
//! file per post. No templates, no index, no links. `benches/compare.sh` runs it beside sitegen.
//!
//!     cargo bench --bench floor -- SITE OUT     (OUT is replaced)

use std::fs;
use std::path::Path;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [site, out] = &args[..] else {
        eprintln!("usage: floor SITE OUT");
        std::process::exit(2);
    };
    let out = Path::new(out);
    let _ = fs::remove_dir_all(out);
    let posts: Vec<_> = walkdir::WalkDir::new(Path::new(site).join("posts"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let mut options = Options::empty();
    for o in [
        Options::ENABLE_TABLES,
        Options::ENABLE_FOOTNOTES,
        Options::ENABLE_STRIKETHROUGH,
        Options::ENABLE_TASKLISTS,
        Options::ENABLE_SMART_PUNCTUATION,
    ] {
        options.insert(o);
    }
    posts.par_iter().for_each(|path| {
        let text = fs::read_to_string(path).expect("read a post");
        // Skip the front matter (`+++` or `---` fenced).
        let body = ["+++", "---"]
            .iter()
            .find_map(|f| {
                let rest = text.strip_prefix(f)?;
                rest.find(&format!("\n{f}")).map(|i| &rest[i + 4..])
            })
            .unwrap_or(&text);
        let mut page = String::with_capacity(body.len() * 2);
        html::push_html(&mut page, Parser::new_ext(body, options));
        let stem = path.file_stem().unwrap_or_default();
        let dir = out.join(stem);
        fs::create_dir_all(&dir).expect("create a folder");
        fs::write(dir.join("index.html"), page).expect("write a page");
    });
    println!("{} posts", posts.len());
}
