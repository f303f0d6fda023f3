//! `sitegen redirects`: the aliases' 301 redirects as a server's configuration.

use clap::{Args, ValueEnum};
use sitegen::{Config, Failure, Overrides, RedirectServer};

use super::RootArg;

#[derive(Args)]
pub struct RedirectsArgs {
    /// nginx, apache or netlify.
    #[arg(value_enum)]
    server: Server,
    #[command(flatten)]
    root: RootArg,
    /// Base URL the site is served from [default: from sitegen.toml, else /].
    #[arg(long)]
    base_url: Option<String>,
}

/// The servers `redirects` writes for (the library's `RedirectServer`).
#[derive(Clone, Copy, ValueEnum)]
enum Server {
    /// Lines for an nginx `server` block.
    Nginx,
    /// Lines for Apache's server or virtual-host configuration.
    Apache,
    /// `_redirects` lines (Netlify, Cloudflare Pages), as the build writes them.
    Netlify,
}

pub fn run(args: RedirectsArgs) -> Result<(), Failure> {
    let server = match args.server {
        Server::Nginx => RedirectServer::Nginx,
        Server::Apache => RedirectServer::Apache,
        Server::Netlify => RedirectServer::Netlify,
    };
    let root = args.root.resolve()?;
    let overrides = Overrides {
        base_url: args.base_url,
        ..Overrides::default()
    };
    let config = Config::load(&root, overrides)?;
    print!("{}", sitegen::redirects(&config, server)?);
    Ok(())
}
