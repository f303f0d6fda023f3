//! The URLs of rendered HTML, rewritten in one place: [`rewrite`] finds every URL of a page and
//! replaces it keeping every other byte; [`absolute`] makes them absolute for feeds; [`localize`]
//! writes them in the site's URL mode.

mod absolute;
mod localize;
mod rewrite;

pub(super) use absolute::absolutize;
pub(super) use localize::localize_page;
