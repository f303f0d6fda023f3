//! Posts' rendered bodies shared by the pages of one render that show them: a post's page, its
//! series' feed and the site's feed (in full-content feeds) render its body once, and the body is
//! dropped as soon as the last of those pages has taken it, so memory stays bounded.

use std::sync::{Arc, Mutex};

use super::body::{Rendered, Shared};
use super::templates::Templates;
use crate::site::Site;

/// The bodies of one render, by post index.
pub(crate) struct Bodies {
    slots: Vec<Mutex<Slot>>,
}

#[derive(Default)]
struct Slot {
    /// The body, once rendered, while a page that shows it has yet to take it.
    body: Option<Arc<Rendered>>,
    /// How many of the render's pages have yet to take it.
    left: usize,
}

impl Bodies {
    /// Bodies of posts that `left[i]` pages will ask for.
    pub fn with_uses(left: Vec<usize>) -> Bodies {
        Bodies {
            slots: left
                .into_iter()
                .map(|left| Mutex::new(Slot { body: None, left }))
                .collect(),
        }
    }

    /// The rendered body of post `i`: rendered now by the first page that asks, kept for the
    /// others that will.
    pub fn post(
        &self,
        site: &Site,
        templates: &Templates,
        i: usize,
        shared: &Shared,
    ) -> Arc<Rendered> {
        self.take(i, || Rendered::post(site, templates, i, shared))
    }

    /// Body `i`, kept from an earlier page or made by `render`.
    fn take(&self, i: usize, render: impl FnOnce() -> Rendered) -> Arc<Rendered> {
        let render = || Arc::new(render());
        let Some(slot) = self.slots.get(i) else {
            return render();
        };
        let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
        let body = slot.body.take().unwrap_or_else(render);
        slot.left = slot.left.saturating_sub(1);
        if slot.left > 0 {
            slot.body = Some(Arc::clone(&body));
        }
        body
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn held(bodies: &Bodies, i: usize) -> bool {
        bodies.slots[i].lock().unwrap().body.is_some()
    }

    #[test]
    fn a_body_is_rendered_once_and_dropped_when_its_last_page_takes_it() {
        let bodies = Bodies::with_uses(vec![3, 1]);
        let renders = Cell::new(0);
        let render = |html: &str| {
            renders.set(renders.get() + 1);
            Rendered {
                html: html.to_string(),
                errors: Default::default(),
                links: Vec::new(),
                sources: Vec::new(),
            }
        };
        assert_eq!(bodies.take(0, || render("a")).html, "a");
        assert!(held(&bodies, 0), "two pages still need it");
        assert_eq!(bodies.take(0, || render("again")).html, "a");
        assert_eq!(bodies.take(0, || render("again")).html, "a");
        assert_eq!(renders.get(), 1, "three pages, one render");
        assert!(!held(&bodies, 0), "no page needs it any more");
        bodies.take(1, || render("b"));
        assert!(!held(&bodies, 1), "a body one page shows is never kept");
        assert_eq!(renders.get(), 2);
    }
}
