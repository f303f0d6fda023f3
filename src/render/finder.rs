//! The exercise finder on `/exercises/`: the library grouped by joint, by goal and by equipment
//! (lists with anchors that work without JavaScript), and each exercise's facets for the
//! progressive-enhancement script (`finder.js`) that filters the lists in place.

use std::collections::BTreeMap;

use serde::Serialize;

use super::context::{ExerciseRef, goal_name};
use crate::i18n::Translations;
use crate::images::Show;
use crate::markdown::slugify;
use crate::site::{ExerciseEntry, Site};

/// The equipment facet of an exercise that needs none.
const NO_EQUIPMENT: &str = "none";

/// An exercise in a group, with the facet values the script filters on.
#[derive(Serialize)]
pub struct FinderItem<'a> {
    /// `id`, `name`, `joint`, `goal`, `url`, `used_in_count`.
    #[serde(flatten)]
    exercise: ExerciseRef<'a>,
    /// Facet values: the joint's and goal's slugs, and the equipment's slugs separated by spaces
    /// (`none` when it needs none).
    facets: Facets,
    /// Its drawing at the list's thumbnail size (*HTML*), in the joint grouping only.
    #[serde(skip_serializing_if = "Option::is_none")]
    thumb: Option<String>,
}

/// The width of an exercise's drawing in the finder's list (`.finder-thumb`).
const THUMB_SIZES: &str = "(min-width: 40rem) 11rem, 8rem";

/// Drawings of the list's first entries load at once; the rest, below a phone's first screen,
/// lazily.
const EAGER_THUMBS: usize = 2;

/// Exercise `x`'s drawing as entry `place` of the joint list shows it: decorative (its name is
/// the entry's link), its size given.
fn thumb(x: &ExerciseEntry, place: usize) -> Option<String> {
    let show = Show {
        alt: "",
        class: "",
        lazy: place >= EAGER_THUMBS,
        title: "",
    };
    x.image.as_ref().map(|p| p.html_sized(&show, THUMB_SIZES))
}

/// Facet values of one exercise, as `data-` attributes carry them.
#[derive(Serialize)]
struct Facets {
    joint: String,
    goal: String,
    equipment: String,
}

/// One group of a grouping: its name, the id of its heading, and its exercises by name.
#[derive(Serialize)]
pub struct Group<'a> {
    /// The joint, goal or piece of equipment ("no equipment" for none).
    name: String,
    /// Value of the facet (`hips`, `mobility`, `foam-roller`, `none`).
    value: String,
    /// Id of its heading (`joint-hips`, `goal-mobility`, `equipment-none`).
    id: String,
    /// The joint, for the joint grouping (the template variable `groups` predates the finder).
    joint: String,
    exercises: Vec<FinderItem<'a>>,
}

/// `finder`: the three groupings.
#[derive(Serialize)]
pub struct FinderView<'a> {
    /// By joint (also given to the template as `groups`).
    pub joints: Vec<Group<'a>>,
    goals: Vec<Group<'a>>,
    equipment: Vec<Group<'a>>,
    count: usize,
}

impl<'a> FinderView<'a> {
    /// The groupings of the site's exercise library.
    pub fn new(site: &'a Site) -> Self {
        let joint = |x: &ExerciseEntry| vec![joint_name(x).to_string()];
        let goal = |x: &ExerciseEntry| {
            vec![
                x.exercise
                    .doc
                    .meta
                    .goal
                    .map_or("other", |g| g.name())
                    .to_string(),
            ]
        };
        let equipment = |x: &ExerciseEntry| {
            let e = &x.exercise.doc.meta.equipment;
            if e.is_empty() {
                vec!["no equipment".to_string()]
            } else {
                e.iter().map(|s| s.trim().to_lowercase()).collect()
            }
        };
        let mut equipment_groups = group(site, "equipment", equipment);
        // "No equipment" first: it is what most readers look for.
        equipment_groups.sort_by_key(|g| g.value != NO_EQUIPMENT);
        FinderView {
            joints: group(site, "joint", joint),
            goals: group(site, "goal", goal),
            equipment: equipment_groups,
            count: site.exercises.len(),
        }
    }
}

fn joint_name(x: &ExerciseEntry) -> &str {
    let j = x.exercise.doc.meta.joint.trim();
    if j.is_empty() { "other" } else { j }
}

/// The facet value of a name: its slug, `none` for "no equipment", `other` when it has none.
fn value_of(name: &str) -> String {
    match name {
        "no equipment" => NO_EQUIPMENT.to_string(),
        _ => Some(slugify(name))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "other".into()),
    }
}

fn facets(x: &ExerciseEntry) -> Facets {
    let m = &x.exercise.doc.meta;
    let equipment: Vec<String> = m.equipment.iter().map(|e| value_of(e.trim())).collect();
    Facets {
        joint: value_of(joint_name(x)),
        goal: m.goal.map_or("other", |g| g.name()).to_string(),
        equipment: if equipment.is_empty() {
            NO_EQUIPMENT.to_string()
        } else {
            equipment.join(" ")
        },
    }
}

/// The name a group is shown under: the theme's own words (goals, "no equipment", "other") in
/// the site's language; joints and equipment as the author wrote them.
fn shown_name(facet: &str, value: &str, name: String, words: &Translations) -> String {
    match (facet, value) {
        ("equipment", NO_EQUIPMENT) => words.get("group_no_equipment", &[]),
        (_, "other") if name == "other" => words.get("group_other", &[]),
        ("goal", goal) => goal_name(goal, words),
        _ => name,
    }
}

/// Exercises grouped by the names `key` gives each (one exercise may be in several groups),
/// groups by value and members by name.
fn group<'a>(
    site: &'a Site,
    facet: &str,
    key: impl Fn(&ExerciseEntry) -> Vec<String>,
) -> Vec<Group<'a>> {
    // Only the joint grouping, the finder's main list, shows drawings.
    let pictures = facet == "joint";
    let mut place = 0;
    let mut groups: BTreeMap<String, (String, Vec<&'a ExerciseEntry>)> = BTreeMap::new();
    for x in &site.exercises {
        let mut names = key(x);
        names.dedup();
        for name in names {
            let entry = groups
                .entry(value_of(&name))
                .or_insert_with(|| (name, Vec::new()));
            entry.1.push(x);
        }
    }
    groups
        .into_iter()
        .map(|(value, (name, mut xs))| {
            xs.sort_by(|a, b| {
                (&a.exercise.doc.meta.name, &a.exercise.id)
                    .cmp(&(&b.exercise.doc.meta.name, &b.exercise.id))
            });
            let name = shown_name(facet, &value, name, &site.config.i18n);
            Group {
                id: format!("{facet}-{value}"),
                joint: name.clone(),
                name,
                value,
                exercises: xs
                    .into_iter()
                    .map(|x| {
                        place += 1;
                        FinderItem {
                            exercise: ExerciseRef::new(x, &site.config.i18n),
                            facets: facets(x),
                            thumb: thumb(x, place - 1).filter(|_| pictures),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::value_of;

    #[test]
    fn facet_values_are_slugs() {
        assert_eq!(value_of("Foam Roller"), "foam-roller");
        assert_eq!(value_of("t-spine"), "t-spine");
        assert_eq!(value_of("no equipment"), "none");
        assert_eq!(value_of("…"), "other");
    }
}
