//! WordPress navigation menus: the site's menu (the one named primary or main, else the largest)
//! becomes the `menu` order of the pages it links, in the menu's order (sitegen's menu has one
//! level: nested pages follow their parents); everything else of every menu (custom links, posts,
//! categories, other menus) is listed for the report.

use std::collections::BTreeMap;

use super::wxr::{Export, Item};

/// What the export's menus give the site.
#[derive(Debug, Default)]
pub struct Menus {
    /// Page id → its place in the site's menu (1, 2, …).
    pub order: BTreeMap<u64, i64>,
    /// What could not go into the header, one line each.
    pub left: Vec<String>,
}

/// Reads the `nav_menu_item` items of `export`.
pub fn menus(export: &Export) -> Menus {
    let mut by_menu: BTreeMap<(String, String), Vec<&Item>> = BTreeMap::new();
    for item in export
        .items
        .iter()
        .filter(|i| i.post_type == "nav_menu_item")
    {
        // An entry of no menu (WordPress leaves these behind) is kept under an empty name.
        let (nicename, name) = item
            .terms
            .iter()
            .find(|(d, _, _)| d == "nav_menu")
            .map_or((String::new(), String::new()), |(_, n, v)| {
                (n.clone(), v.clone())
            });
        by_menu.entry((nicename, name)).or_default().push(item);
    }
    let orphans = by_menu.remove(&(String::new(), String::new()));
    let titles: BTreeMap<u64, &str> = export
        .items
        .iter()
        .map(|i| (i.id, i.title.as_str()))
        .collect();
    let mut menus = Menus::default();
    for item in orphans.unwrap_or_default() {
        let label = label(item, &titles);
        menus.left.push(format!(
            "`{label}` (a menu entry that belongs to no menu): not in the header"
        ));
    }
    let Some(chosen) = choose(&by_menu) else {
        return menus;
    };
    for ((nicename, name), mut items) in by_menu {
        items.sort_by_key(|i| (i.menu_order, i.id));
        let is_site_menu = nicename == chosen;
        for item in items {
            let label = label(item, &titles);
            let page = (item.meta("_menu_item_type") == Some("post_type")
                && item.meta("_menu_item_object") == Some("page"))
            .then(|| {
                item.meta("_menu_item_object_id")?
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
            .flatten();
            match page {
                Some(id) if is_site_menu && !menus.order.contains_key(&id) => {
                    let next = menus.order.len() as i64 + 1;
                    menus.order.insert(id, next);
                }
                _ => menus
                    .left
                    .push(left_line(&name, is_site_menu, &label, item)),
            }
        }
    }
    menus
}

/// The site's menu: one whose name says primary, main or header, else the one with most entries.
fn choose(by_menu: &BTreeMap<(String, String), Vec<&Item>>) -> Option<String> {
    let named = by_menu.keys().find(|(nicename, name)| {
        let both = format!("{nicename} {name}").to_ascii_lowercase();
        ["primary", "main", "header"]
            .iter()
            .any(|w| both.contains(w))
    });
    named
        .or_else(|| {
            by_menu
                .iter()
                .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
                .map(|(key, _)| key)
        })
        .map(|(nicename, _)| nicename.clone())
}

/// An entry's label: its own title, else the title of what it links.
fn label(item: &Item, titles: &BTreeMap<u64, &str>) -> String {
    let own = super::fields::plain_text(&item.title);
    if !own.is_empty() {
        return own;
    }
    item.meta("_menu_item_object_id")
        .and_then(|id| id.trim().parse::<u64>().ok())
        .and_then(|id| titles.get(&id))
        .map(|t| super::fields::plain_text(t))
        .unwrap_or_default()
}

fn left_line(menu: &str, is_site_menu: bool, label: &str, item: &Item) -> String {
    let what = match (item.meta("_menu_item_type"), item.meta("_menu_item_object")) {
        (Some("custom"), _) => format!(
            "custom link to `{}`",
            item.meta("_menu_item_url").unwrap_or("").trim()
        ),
        (Some("post_type"), Some(kind)) => format!("link to a {kind}"),
        (Some("taxonomy"), Some(kind)) => format!("link to a {kind}"),
        _ => "entry".to_string(),
    };
    let why = if !is_site_menu {
        "another menu than the site's"
    } else {
        "sitegen's menu lists pages only"
    };
    format!("menu `{menu}`: `{label}` ({what}): not in the header: {why}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: u64, menu: &str, order: i64, kind: &str, object: &str, target: &str) -> Item {
        Item {
            id,
            post_type: "nav_menu_item".into(),
            menu_order: order,
            terms: vec![("nav_menu".into(), menu.to_lowercase(), menu.into())],
            meta: vec![
                ("_menu_item_type".into(), kind.into()),
                ("_menu_item_object".into(), object.into()),
                ("_menu_item_object_id".into(), target.into()),
                ("_menu_item_menu_item_parent".into(), "0".into()),
                ("_menu_item_url".into(), "https://else.example/".into()),
            ],
            ..Item::default()
        }
    }

    #[test]
    fn the_primary_menu_orders_its_pages_and_the_rest_is_listed() {
        let page = |id: u64, title: &str| Item {
            id,
            title: title.into(),
            post_type: "page".into(),
            ..Item::default()
        };
        let export = Export {
            items: vec![
                page(1, "About"),
                page(2, "Contact"),
                entry(10, "Primary", 2, "post_type", "page", "1"),
                entry(11, "Primary", 1, "post_type", "page", "2"),
                entry(12, "Primary", 3, "custom", "custom", "12"),
                entry(13, "Footer", 1, "post_type", "page", "1"),
                entry(14, "Footer", 2, "post_type", "page", "2"),
                entry(15, "Footer", 3, "post_type", "page", "2"),
                entry(16, "Footer", 4, "post_type", "page", "2"),
            ],
            ..Export::default()
        };
        let menus = menus(&export);
        assert_eq!(menus.order, BTreeMap::from([(2, 1), (1, 2)]));
        assert_eq!(menus.left.len(), 5, "{:#?}", menus.left);
        assert!(menus.left[4].contains("`Primary`: `` (custom link to `https://else.example/`)"));
        assert!(menus.left[0].contains("menu `Footer`: `About` (link to a page)"));
    }
}
