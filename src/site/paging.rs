//! Lists that grow with the blog: the home page, tag pages and series pages split into pages of
//! `paginate` entries, and the archive's years. Each list's entries are worked out here once, so
//! its jobs, its pages and its signatures agree.

use std::ops::Range;

use super::Site;
use crate::content::Kind;

/// What the home page lists, in order: each series (with its parts) counts as one entry, then
/// the posts outside any series, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HomeEntry {
    /// A series, by index.
    Series(usize),
    /// A post outside any series, by index.
    Post(usize),
}

/// How many pages a list of `len` entries takes at `per_page` a page (0: one page), at least one
/// (an empty list still has its page).
pub(crate) fn page_count(len: usize, per_page: usize) -> usize {
    if per_page == 0 {
        1
    } else {
        len.div_ceil(per_page).max(1)
    }
}

/// The entries page `page` (0-based) of a list of `len` shows.
pub(crate) fn page_range(len: usize, per_page: usize, page: usize) -> Range<usize> {
    if per_page == 0 {
        return 0..len;
    }
    let start = (page * per_page).min(len);
    start..(start + per_page).min(len)
}

/// One year of the archive: its posts, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ArchiveYear {
    pub year: u16,
    pub posts: Vec<usize>,
}

impl Site {
    /// The home page's entries, in the order it lists them.
    pub(crate) fn home_entries(&self) -> Vec<HomeEntry> {
        let series = (0..self.series.len()).map(HomeEntry::Series);
        let loose = self.loose.iter().rev().map(|&i| HomeEntry::Post(i));
        series.chain(loose).collect()
    }

    /// How many pages the home page takes.
    pub(crate) fn home_pages(&self) -> usize {
        let entries = self.series.len() + self.loose.len();
        page_count(entries, self.config.paginate)
    }

    /// How many pages tag `t`'s list takes.
    pub(crate) fn tag_pages(&self, t: usize) -> usize {
        page_count(self.tags[t].posts.len(), self.config.paginate)
    }

    /// How many pages series `s`'s list of parts takes.
    pub(crate) fn series_pages(&self, s: usize) -> usize {
        page_count(self.series[s].parts.len(), self.config.paginate)
    }

    /// The years with posts, newest first, each with its posts newest first (pages of `pages/`
    /// are undated and not listed).
    pub(crate) fn archive_years(&self) -> Vec<ArchiveYear> {
        let mut dated: Vec<(crate::date::DateTime, &str, usize)> = self
            .posts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.post.kind == Kind::Post)
            .filter_map(|(i, p)| Some((p.post.doc.meta.date?, p.slug.as_str(), i)))
            .collect();
        dated.sort_by(|a, b| (b.0, b.1).cmp(&(a.0, a.1)));
        let mut years: Vec<ArchiveYear> = Vec::new();
        for (date, _, i) in dated {
            match years.last_mut() {
                Some(y) if y.year == date.date.year => y.posts.push(i),
                _ => years.push(ArchiveYear {
                    year: date.date.year,
                    posts: vec![i],
                }),
            }
        }
        years
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_splits_into_full_pages_and_a_last_partial_one() {
        assert_eq!(page_count(0, 10), 1, "an empty list still has its page");
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        assert_eq!(page_count(55, 10), 6);
        assert_eq!(page_count(55, 0), 1, "0 turns pagination off");
        assert_eq!(page_range(55, 10, 0), 0..10);
        assert_eq!(page_range(55, 10, 5), 50..55);
        assert_eq!(page_range(55, 0, 0), 0..55);
        let covered: Vec<usize> = (0..page_count(55, 10))
            .flat_map(|p| page_range(55, 10, p))
            .collect();
        assert_eq!(
            covered,
            (0..55).collect::<Vec<_>>(),
            "every entry once, in order"
        );
    }
}
