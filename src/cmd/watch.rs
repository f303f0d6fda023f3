//! `sitegen watch`.

use std::path::PathBuf;

use clap::Args;
use sitegen::{Diagnostic, Failure, Overrides, Watch, WatchOptions};

use super::{RootArg, UrlsArg};
use crate::report::print_watch_event;

#[derive(Args)]
pub struct WatchArgs {
    #[command(flatten)]
    root: RootArg,
    /// Output folder [default: ROOT/public].
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Build drafts (the default in watch).
    #[arg(short = 'D', long, overrides_with = "no_drafts")]
    drafts: bool,
    /// Leave drafts out.
    #[arg(long, overrides_with = "drafts")]
    no_drafts: bool,
    /// Port of the preview server (the next free one is taken if it is busy).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Address to listen on. Keep the default unless you mean to expose the preview.
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// Only rebuild; do not start the preview server.
    #[arg(long, conflicts_with = "open")]
    no_serve: bool,
    /// Open the preview in the browser once it is served ($BROWSER, else the system's).
    #[arg(long)]
    open: bool,
    /// Base URL for links [default: /].
    #[arg(long)]
    base_url: Option<String>,
    #[command(flatten)]
    urls: UrlsArg,
}

pub fn run(args: WatchArgs) -> Result<(), Failure> {
    let urls = args.urls.mode();
    let root = args.root.resolve()?;
    let watch = Watch::new(WatchOptions {
        root,
        overrides: Overrides {
            output: args.output,
            drafts: !args.no_drafts,
            base_url: Some(args.base_url.unwrap_or_else(|| "/".into())),
            future: true,
            urls,
        },
        serve: (!args.no_serve).then_some((args.bind, args.port)),
        debounce: std::time::Duration::from_millis(3),
    })?;
    let stopper = watch.stopper();
    // Ctrl-C (and SIGTERM) end the loop between rebuilds, so no file is left half-written.
    ctrlc::set_handler(move || stopper.stop())
        .map_err(|e| Diagnostic::new(format!("cannot handle Ctrl-C: {e}")))?;
    let mut open = args.open;
    watch.run(|event| {
        if let (true, sitegen::WatchEvent::Serving { addr, home, .. }) = (open, &event) {
            open = false;
            let url = format!("http://{addr}/{home}");
            if let Err(e) = opener::open_browser(&url) {
                eprintln!("warning: cannot open {url} in a browser: {e}");
            }
        }
        print_watch_event(event)
    })
}
