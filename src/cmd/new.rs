//! `sitegen new post`, `sitegen new page` and `sitegen new exercise`.

use std::process::ExitCode;

use clap::Subcommand;
use sitegen::{NewExercise, NewPage, NewPost};

use super::RootArg;
use crate::report::print_created;

#[derive(Subcommand)]
pub enum New {
    /// Write posts/<slug>.md, the slug made from the title.
    ///
    /// The date is today (UTC), or the day of SOURCE_DATE_EPOCH when it is set. In a series, the
    /// post gets the series' next weight and the front matter format its posts use (else TOML).
    Post {
        /// The title; the slug and file name follow from it.
        title: String,
        /// Series to add the post to (or to start).
        #[arg(long)]
        series: Option<String>,
        /// Write the post as a draft.
        #[arg(long)]
        draft: bool,
        #[command(flatten)]
        root: RootArg,
    },
    /// Write pages/<slug>.md: a page (About, Contact) outside the posts' date order and feeds.
    Page {
        /// The title; the slug and file name follow from it.
        title: String,
        /// Put the page in the header's menu at this place (1 first).
        #[arg(long)]
        menu: Option<i64>,
        #[command(flatten)]
        root: RootArg,
    },
    /// Write posts/exercises/<ID>.md.
    Exercise {
        /// The exercise's id: its file name and URL segment, e.g. dead-bug.
        id: String,
        /// Display name, e.g. "Dead Bug".
        #[arg(long)]
        name: String,
        /// Joint or area it works (hips, t-spine, core, ...).
        #[arg(long)]
        joint: Option<String>,
        /// What it trains: mobility, stability, strength or soft-tissue.
        #[arg(long)]
        goal: Option<String>,
        #[command(flatten)]
        root: RootArg,
    },
}

pub fn run(what: New) -> ExitCode {
    print_created(match what {
        New::Post {
            title,
            series,
            draft,
            root,
        } => root.resolve().and_then(|root| {
            sitegen::new_post(&NewPost {
                root,
                title,
                series,
                draft,
            })
        }),
        New::Page { title, menu, root } => root
            .resolve()
            .and_then(|root| sitegen::new_page(&NewPage { root, title, menu })),
        New::Exercise {
            id,
            name,
            joint,
            goal,
            root,
        } => root.resolve().and_then(|root| {
            sitegen::new_exercise(&NewExercise {
                root,
                id,
                name,
                joint,
                goal,
            })
        }),
    })
}
