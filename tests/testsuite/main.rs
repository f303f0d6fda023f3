//! The integration tests, one module per feature, built as one test binary (as mdBook's
//! `tests/testsuite/`). Fixture sites live in `tests/fixtures/<case>/`; `common` builds them.

mod common;

mod aliases;
mod check;
mod cli;
mod dates;
mod determinism;
mod drafts_and_bundles;
mod errors;
mod exercises;
mod finder;
mod front_matter;
mod fuzz_corpus;
mod generations;
mod hostile_input;
mod images;
mod import_download;
mod import_wordpress;
mod link_schemes;
mod links;
mod output_safety;
mod pages;
mod photos;
mod preview;
mod preview_server;
mod publish;
mod reader_page;
mod routine;
mod scaffold;
mod search;
mod series;
mod shipped_pictures;
mod shipped_site;
mod shortcodes;
mod shortcodes_errors;
mod slips;
mod static_files;
mod theme;
mod urls;
mod video_data;
mod videos;
mod watch_incremental;
mod watch_server;
