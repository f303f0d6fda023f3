//! `series`: a series and its parts as the home page, its own pages and a part's series box show
//! them (a long series' box shows the parts around the current one, so a page does not grow
//! with its series).

use std::ops::Range;

use serde::Serialize;

use super::context::PostRef;
use crate::site::{Route, SeriesEntry, Site};

/// A series box lists every part up to this many; a longer series shows the first and last part
/// and [`BOX_AROUND`] parts on each side of the current one, and links the rest through the
/// series page, so each page stays the same size however long the series grows.
pub const BOX_ALL_UP_TO: usize = 12;
/// Parts shown on each side of the current one in a long series' box.
pub const BOX_AROUND: usize = 2;
/// Earlier parts named in "read these first" before "and N more".
pub const EARLIER_SHOWN: usize = 3;

/// `series`: a series with its parts.
#[derive(Serialize)]
pub struct SeriesView<'a> {
    name: &'a str,
    slug: &'a str,
    url: &'a str,
    total: usize,
    /// Every part for listings; on a part's page, the parts its box shows.
    parts: Vec<BoxPart<'a>>,
    /// URL of its program page, when some part has exercises.
    program_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    earlier: Option<Vec<PostRef<'a>>>,
    /// Earlier parts not named in `earlier` (the series page lists them).
    #[serde(skip_serializing_if = "is_zero")]
    earlier_more: usize,
    /// Parts after the last one in `parts` that the box leaves out.
    #[serde(skip_serializing_if = "is_zero")]
    skipped_after: usize,
}

/// A part in `series.parts`, with how many parts the box leaves out just before it.
#[derive(Serialize)]
pub struct BoxPart<'a> {
    #[serde(flatten)]
    part: PostRef<'a>,
    #[serde(skip_serializing_if = "is_zero")]
    skipped_before: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The 0-based indices of the parts a box shows, for part `current` (0-based) of `total`.
pub fn box_window(total: usize, current: usize) -> Vec<usize> {
    if total <= BOX_ALL_UP_TO {
        return (0..total).collect();
    }
    let around = current.saturating_sub(BOX_AROUND)..(current + BOX_AROUND + 1).min(total);
    let mut shown = vec![0];
    shown.extend(around.filter(|&i| i != 0 && i != total - 1));
    shown.push(total - 1);
    shown
}

impl<'a> SeriesView<'a> {
    /// How many parts it shows.
    pub fn shown(&self) -> usize {
        self.parts.len()
    }

    /// A series as a list of other pages shows it: its first [`BOX_ALL_UP_TO`] parts (the
    /// series page lists the rest).
    /// `place` is the list entry its first part is (see [`PostRef::listed`]).
    pub fn listed(site: &'a Site, s: &'a SeriesEntry, place: usize) -> Self {
        let shown = (0..s.parts.len().min(BOX_ALL_UP_TO)).collect();
        SeriesView::with_parts(site, s, None, shown, Some(place))
    }

    /// A series with the parts in `shown` (a page of the series page's list).
    pub fn page(site: &'a Site, s: &'a SeriesEntry, shown: Range<usize>) -> Self {
        SeriesView::with_parts(site, s, None, shown.collect(), Some(0))
    }

    /// A series for listings, or, with `current`, as seen from one of its parts.
    pub fn new(site: &'a Site, s: &'a SeriesEntry, current: Option<usize>) -> Self {
        let index = current.and_then(|c| s.parts.iter().position(|&i| i == c));
        let shown = match index {
            Some(n) => box_window(s.parts.len(), n),
            None => (0..s.parts.len()).collect(),
        };
        SeriesView::with_parts(site, s, current, shown, None)
    }

    /// A series showing the parts at the 0-based positions `shown`, as seen from post `current`;
    /// with thumbnails when `listed_from` says which list entry its first part is.
    fn with_parts(
        site: &'a Site,
        s: &'a SeriesEntry,
        current: Option<usize>,
        shown: Vec<usize>,
        listed_from: Option<usize>,
    ) -> Self {
        let index = current.and_then(|c| s.parts.iter().position(|&i| i == c));
        let mut next = 0;
        let parts = shown
            .iter()
            .enumerate()
            .map(|(place, &n)| {
                let i = s.parts[n];
                let skipped_before = n - next;
                next = n + 1;
                let part = match listed_from {
                    Some(first) => PostRef::listed(site, i, first + place),
                    None => PostRef::new(site, i),
                };
                BoxPart {
                    part: part.current(Some(i) == current),
                    skipped_before,
                }
            })
            .collect();
        let earlier = index.map(|n| &s.parts[..n]).unwrap_or_default();
        SeriesView {
            name: &s.name,
            slug: &s.slug,
            url: &s.url,
            total: s.parts.len(),
            program_url: site
                .has_program(s)
                .then(|| Route::program(&s.slug).url(&site.config)),
            parts,
            position: index.map(|n| n + 1),
            earlier: index.map(|_| {
                earlier
                    .iter()
                    .take(EARLIER_SHOWN)
                    .map(|&i| PostRef::new(site, i))
                    .collect()
            }),
            earlier_more: earlier.len().saturating_sub(EARLIER_SHOWN),
            skipped_after: s.parts.len() - next,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_series_box_shows_the_ends_and_the_parts_around_the_current_one() {
        assert_eq!(box_window(4, 2), [0, 1, 2, 3]);
        assert_eq!(box_window(BOX_ALL_UP_TO, 0).len(), BOX_ALL_UP_TO);
        assert_eq!(box_window(3000, 0), [0, 1, 2, 2999]);
        assert_eq!(box_window(3000, 1), [0, 1, 2, 3, 2999]);
        assert_eq!(
            box_window(3000, 1500),
            [0, 1498, 1499, 1500, 1501, 1502, 2999]
        );
        assert_eq!(box_window(3000, 2999), [0, 2997, 2998, 2999]);
        for current in 0..3000 {
            let w = box_window(3000, current);
            assert!(w.len() <= 2 * BOX_AROUND + 3 && w.contains(&current));
            assert!(w.windows(2).all(|p| p[0] < p[1]));
        }
    }
}
