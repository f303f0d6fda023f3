//! `pager`: where one page of a split list stands among the list's pages: its neighbours (for
//! the links at its foot and `<link rel="prev/next">`) and a short run of page numbers.

use serde::Serialize;

use crate::config::Config;
use crate::site::Route;

/// Page numbers shown on each side of the current one (the first and last are always shown).
const AROUND: usize = 1;

/// `pager` on a page of a list that takes more than one page.
#[derive(Serialize, Debug, PartialEq)]
pub(crate) struct PagerView {
    /// 1-based number of this page.
    current: usize,
    /// How many pages the list takes.
    total: usize,
    /// 1-based position in the whole list of this page's first entry (an `<ol start>`).
    first_entry: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    /// The numbers to show, with `None` where a run of numbers is left out.
    links: Vec<PageLink>,
}

/// One page number of the pager, or a gap (`number` 0) between two shown numbers.
#[derive(Serialize, Debug, PartialEq)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
    gap: bool,
}

impl PagerView {
    /// Page `page` (0-based) of `total` pages of the list at `list`, whose pages hold
    /// `per_page` entries; `None` when the list fits on one page.
    pub(crate) fn new(
        config: &Config,
        list: &Route,
        page: usize,
        total: usize,
        per_page: usize,
    ) -> Option<PagerView> {
        if total <= 1 {
            return None;
        }
        let url = |n: usize| list.clone().paged(n).url(config);
        let mut links = Vec::new();
        let mut last_shown: Option<usize> = None;
        for n in shown_pages(page, total) {
            if last_shown.is_some_and(|l| n > l + 1) {
                links.push(PageLink {
                    number: 0,
                    url: String::new(),
                    current: false,
                    gap: true,
                });
            }
            links.push(PageLink {
                number: n + 1,
                url: url(n),
                current: n == page,
                gap: false,
            });
            last_shown = Some(n);
        }
        Some(PagerView {
            current: page + 1,
            total,
            first_entry: page * per_page + 1,
            prev_url: (page > 0).then(|| url(page - 1)),
            next_url: (page + 1 < total).then(|| url(page + 1)),
            links,
        })
    }
}

/// The 0-based pages whose numbers the pager shows: the first, the last, and [`AROUND`] on each
/// side of the current one.
fn shown_pages(page: usize, total: usize) -> Vec<usize> {
    (0..total)
        .filter(|&n| n == 0 || n + 1 == total || n.abs_diff(page) <= AROUND)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_on_one_page_has_no_pager() {
        let config = Config::for_tests("/");
        assert_eq!(PagerView::new(&config, &Route::home(), 0, 1, 10), None);
    }

    #[test]
    fn the_pager_links_neighbours_and_a_window_of_numbers() {
        let config = Config::for_tests("/blog/");
        let pager = PagerView::new(&config, &Route::tag("core"), 4, 9, 10).unwrap();
        assert_eq!(pager.current, 5);
        assert_eq!(pager.first_entry, 41);
        assert_eq!(pager.prev_url.as_deref(), Some("/blog/tags/core/page/4/"));
        assert_eq!(pager.next_url.as_deref(), Some("/blog/tags/core/page/6/"));
        let shown: Vec<String> = pager
            .links
            .iter()
            .map(|l| {
                if l.gap {
                    "…".to_string()
                } else {
                    l.number.to_string()
                }
            })
            .collect();
        assert_eq!(shown, ["1", "…", "4", "5", "6", "…", "9"]);
        assert_eq!(
            pager.links[0].url, "/blog/tags/core/",
            "page 1 is the list's own URL"
        );
        let first = PagerView::new(&config, &Route::home(), 0, 3, 10).unwrap();
        assert_eq!(first.prev_url, None);
        assert_eq!(first.next_url.as_deref(), Some("/blog/page/2/"));
    }
}
