//! The exercise finder on `/exercises/`: lists by joint, goal and equipment with anchors (no
//! JavaScript needed), each exercise carrying its facets for the script that filters in place,
//! and the script itself, served under the base path. The filtering is driven in a real browser
//! by `scripts/e2e-reader.js` in CI.

use crate::common::{TestSite, hrefs, html, texts};

fn attr_values(doc: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

#[test]
fn the_library_is_listed_by_joint_goal_and_equipment_with_anchors() {
    let site = TestSite::shipped();
    site.build_ok(&["--base-url", "/blog/"]);
    let doc = html(&site.read_output("exercises/index.html"));
    assert_eq!(
        texts(&doc, "#by-joint .exercise-group h2"),
        ["ankles", "core", "hips", "shoulders", "t-spine"]
    );
    assert_eq!(
        texts(&doc, "#by-equipment ~ h3"),
        [
            "no equipment",
            "foam roller",
            "mini band",
            "resistance band"
        ],
        "no equipment first"
    );
    assert_eq!(
        texts(&doc, "#by-goal ~ h3"),
        ["mobility", "soft-tissue", "stability", "strength"]
    );
    // Every anchor of the page's navigation leads to a heading of the page.
    let ids = attr_values(&doc, "[id]", "id");
    for href in hrefs(&doc, ".joint-nav a, .finder-nav a") {
        let id = href.trim_start_matches('#');
        assert!(ids.iter().any(|i| i == id), "{href} leads nowhere");
    }
    // Each exercise of a grouping is listed once in it; a piece of equipment lists its users.
    let equipment_none: Vec<String> = {
        let sel = scraper::Selector::parse("h3#equipment-none + ul li a").unwrap();
        doc.select(&sel).map(|a| a.text().collect()).collect()
    };
    assert!(equipment_none.contains(&"Glute Bridge".to_string()));
    assert!(
        !equipment_none.contains(&"Clamshell".to_string()),
        "needs a band"
    );
}

#[test]
fn each_exercise_carries_its_facets_for_the_script() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    let doc = html(&site.read_output("exercises/index.html"));
    let items = scraper::Selector::parse("#by-joint li[data-joint]").unwrap();
    let mut hips_without_equipment: Vec<String> = doc
        .select(&items)
        .filter(|li| {
            let v = li.value();
            v.attr("data-joint") == Some("hips")
                && v.attr("data-equipment")
                    .is_some_and(|e| e.split(' ').any(|x| x == "none"))
        })
        .map(|li| {
            let name = scraper::Selector::parse("a:not(.finder-thumb)").unwrap();
            li.select(&name)
                .next()
                .map(|a| a.text().collect())
                .unwrap_or_default()
        })
        .collect();
    hips_without_equipment.sort();
    assert_eq!(
        hips_without_equipment,
        [
            "90/90 Hip Switch",
            "Glute Bridge",
            "Half-Kneeling Hip Flexor Stretch",
            "Single-Leg Glute Bridge",
            "Wall Sit"
        ]
    );
    assert_eq!(doc.select(&items).count(), 24, "every exercise once");
    let foam = attr_values(
        &doc,
        "li[data-equipment='foam-roller'] > a:not(.finder-thumb)",
        "href",
    );
    assert_eq!(foam.len(), 6, "{foam:?}");
}

#[test]
fn the_filter_form_is_in_place_from_the_start_and_its_script_is_served_under_the_base_path() {
    let site = TestSite::shipped();
    site.build_ok(&["--base-url", "/blog/"]);
    let page = site.read_output("exercises/index.html");
    let doc = html(&page);
    // Shown from the start, so the lists do not move when the script starts (CLS 0); hidden only
    // when scripts are off.
    assert_eq!(
        attr_values(&doc, "form#finder:not([hidden])", "id"),
        ["finder"]
    );
    assert!(
        page.contains("<noscript><style>.finder { display: none; }</style></noscript>"),
        "without scripts the form that does nothing is hidden"
    );
    assert_eq!(
        attr_values(&doc, "script[src]", "src"),
        ["/blog/exercises/finder.js"]
    );
    let script = site.read_output("exercises/finder.js");
    assert!(
        script.contains("history.replaceState"),
        "keeps the state in the URL"
    );
    assert!(!script.contains("import "), "no dependency");
    // Options are the facet values the items carry.
    assert_eq!(
        attr_values(&doc, "select[name=equipment] option", "value"),
        ["", "none", "foam-roller", "mini-band", "resistance-band"]
    );
}

#[test]
fn each_exercise_of_the_joint_list_shows_its_drawing_with_its_size() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    let doc = html(&site.read_output("exercises/index.html"));
    let sel = scraper::Selector::parse("#by-joint li[data-joint]").unwrap();
    let img = scraper::Selector::parse(".finder-thumb img").unwrap();
    let entries: Vec<_> = doc.select(&sel).collect();
    assert_eq!(entries.len(), 24);
    for (n, li) in entries.iter().enumerate() {
        let pic = li
            .select(&img)
            .next()
            .expect("every shipped exercise has a drawing");
        let v = pic.value();
        assert!(
            v.attr("src")
                .is_some_and(|s| s.starts_with("/images/exercises/")),
            "{:?}",
            v.attr("src")
        );
        assert!(
            v.attr("width").is_some() && v.attr("height").is_some(),
            "no layout shift"
        );
        assert_eq!(
            v.attr("alt"),
            Some(""),
            "decorative: the name is the entry's link"
        );
        assert_eq!(v.attr("loading") == Some("lazy"), n >= 2, "entry {n}");
    }
    // The other groupings stay compact lists of names.
    assert!(
        doc.select(&scraper::Selector::parse(".finder-other img").unwrap())
            .next()
            .is_none()
    );
}
