//! The pages to follow along with: a post's routine (its exercises as a checklist) and a series'
//! program (each part's routine in order).

use std::hash::Hash;

use super::{Digests, Env, Job, Made, Out, PageKind, post_series};
use crate::hash::StableHasher;
use crate::i18n::Arg;
use crate::render::routine_pages::{ProgramView, RoutineView};
use crate::render::seo::Seo;
use crate::render::series::SeriesView;
use crate::site::{Doc, Origin, Route, Site};

/// A post's routine page, by index into the site's posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Routine(pub usize);

/// A series' program page, by index into the site's series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Program(pub usize);

impl PageKind for Routine {
    const TEMPLATE: Option<&'static str> = Some("routine.html");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        let posts = 0..site.posts.len();
        posts
            .filter(|&i| site.has_routine(i))
            .map(Routine)
            .collect()
    }

    fn route(self, site: &Site) -> Route {
        Route::routine(&site.posts[self.0].slug)
    }

    fn inputs(self, site: &Site, d: &Digests, h: &mut StableHasher) {
        routine_inputs(site, d, self.0, h);
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        let site = env.site;
        let p = &site.posts[self.0];
        let view = RoutineView::new(site, self.0, None);
        let words = &site.config.i18n;
        let post_title = Arg::Text(&p.post.doc.meta.title);
        let title = words.get("routine_title", &[("title", post_title)]);
        let description = words.get(
            "routine_description",
            &[
                ("count", Arg::count(view.count())),
                ("title", post_title),
                ("time", Arg::Text(view.time())),
            ],
        );
        let seo = Seo::page(site, &title, &description, env.route);
        out.ctx.insert("seo", &seo);
        out.ctx.insert("routine", &view);
        let source = p.post.doc.source.path.display();
        Made::Filled(format!("the routine page of {source}"))
    }

    /// Its prescriptions are written in the post's body.
    fn showing(site: &Site, doc: Doc) -> Vec<Self> {
        match doc {
            Doc::Post(i) if site.has_routine(i) => vec![Routine(i)],
            _ => Vec::new(),
        }
    }

    fn origin(self) -> Origin {
        Origin::Post(self.0)
    }
}

impl PageKind for Program {
    const TEMPLATE: Option<&'static str> = Some("program.html");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        let series = 0..site.series.len();
        let with_program = |&s: &usize| site.has_program(&site.series[s]);
        series.filter(with_program).map(Program).collect()
    }

    fn route(self, site: &Site) -> Route {
        Route::program(&site.series[self.0].slug)
    }

    fn inputs(self, site: &Site, d: &Digests, h: &mut StableHasher) {
        d.series[self.0].hash(h);
        for &i in &site.series[self.0].parts {
            routine_inputs(site, d, i, h);
        }
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        let site = env.site;
        let series = &site.series[self.0];
        let view = ProgramView::new(site, series);
        let words = &site.config.i18n;
        let title = words.get("program_title", &[("name", Arg::Text(&series.name))]);
        let description = words.get(
            "program_description",
            &[
                ("series", Arg::Text(&series.name)),
                ("time", Arg::Text(view.time())),
            ],
        );
        let seo = Seo::page(site, &title, &description, env.route);
        out.ctx.insert("seo", &seo);
        out.ctx.insert("program", &view);
        out.ctx
            .insert("series", &SeriesView::new(site, series, None));
        Made::Filled(format!("the program of series `{}`", series.name))
    }

    /// Its parts' prescriptions are written in their bodies.
    fn showing(site: &Site, doc: Doc) -> Vec<Self> {
        let with_program = |&(_, s): &(usize, usize)| site.has_program(&site.series[s]);
        let series = post_series(site, doc).filter(with_program);
        series.map(|(_, s)| Program(s)).into_iter().collect()
    }

    fn origin(self) -> Origin {
        Origin::Series(self.0)
    }
}

/// What a post's routine shows: what lists show of the post, and each exercise with its
/// prescriptions and time (not the rest of the post's text, so a body edit leaves it alone).
fn routine_inputs(site: &Site, d: &Digests, i: usize, h: &mut StableHasher) {
    let p = &site.posts[i];
    (d.post_ref[i], p.routine.seconds).hash(h);
    for item in &p.routine.items {
        d.exercise_card[item.exercise].hash(h);
        item.seconds.hash(h);
        for rx in &item.prescriptions {
            rx.text().hash(h);
        }
    }
}
