//! One search shard's index, timed: reads the searchable pages of a built site (HTML that marks
//! its content with `data-pagefind-body`), takes every STRIDE-th of them (sorted by path: about one
//! shard's worth of pages for the default 16 shards) and indexes them with Pagefind the way
//! `src/search/pagefind.rs` does, ROUNDS times, printing the time of adding the pages and of
//! getting the bundle's files (building and compressing the index). With KEPT, a folder, it then
//! indexes the pages ROUNDS times more with one page edited each time, writing the bundle into
//! KEPT with Pagefind's `write_files` (which compresses only the files that KEPT lacks), as
//! `watch` does (`src/search/kept.rs`).
//!
//!     cargo bench --bench search_shard -- OUT [STRIDE=16] [ROUNDS=3] [KEPT]

use std::path::Path;
use std::time::Instant;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(out) = args.first() else {
        eprintln!("usage: search_shard OUT [STRIDE] [ROUNDS] [KEPT]");
        std::process::exit(2);
    };
    let stride: usize = args.get(1).map_or(16, |s| s.parse().expect("STRIDE"));
    let rounds: usize = args.get(2).map_or(3, |s| s.parse().expect("ROUNDS"));
    let out = Path::new(out);
    let mut pages: Vec<(String, String)> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| {
            let html = std::fs::read_to_string(e.path()).ok()?;
            let path = e
                .path()
                .strip_prefix(out)
                .ok()?
                .to_string_lossy()
                .into_owned();
            html.contains("data-pagefind-body").then_some((path, html))
        })
        .collect();
    pages.sort();
    let shard: Vec<(String, String)> = pages.into_iter().step_by(stride).collect();
    let bytes: usize = shard.iter().map(|(_, h)| h.len()).sum();
    println!("{} pages, {} KB of HTML", shard.len(), bytes / 1024);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("runtime");
    for _ in 0..rounds {
        runtime.block_on(index(shard.clone(), None));
    }
    if let Some(cache) = args.get(3) {
        for round in 0..rounds {
            let mut pages = shard.clone();
            pages[0].1 = pages[0]
                .1
                .replace("</main>", &format!("<p>edit{round}</p></main>"));
            runtime.block_on(index(pages, Some(cache)));
        }
    }
}

async fn index(pages: Vec<(String, String)>, cache: Option<&str>) {
    let n = pages.len();
    let options = PagefindServiceConfig::builder().build();
    let mut index = PagefindIndex::new(Some(options)).expect("options");
    let start = Instant::now();
    for (path, html) in pages {
        let url = format!("/{}", path.strip_suffix("index.html").unwrap_or(&path));
        index
            .add_html_file(None, Some(url), html)
            .await
            .expect("add");
    }
    let added = start.elapsed();
    if let Some(cache) = cache {
        index
            .write_files(Some(cache.to_string()))
            .await
            .expect("write");
        let total = start.elapsed();
        println!(
            "add {:.0} ms, write_files {:.0} ms",
            added.as_secs_f64() * 1e3,
            (total - added).as_secs_f64() * 1e3
        );
        return;
    }
    let files = index.get_files().await.expect("files");
    let total = start.elapsed();
    let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
    println!(
        "add {:.0} ms ({:.2} ms a page), get_files {:.0} ms, total {:.0} ms; {} files, {} KB",
        added.as_secs_f64() * 1e3,
        added.as_secs_f64() * 1e3 / n as f64,
        (total - added).as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3,
        files.len(),
        bytes / 1024
    );
}
