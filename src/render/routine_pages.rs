//! What routine and program pages (and the `routine()` checklist) show: a post's routine, or the
//! routines of a series' parts with each part's new exercises marked.

use serde::Serialize;

use super::context::{ExerciseRef, ExerciseView, ImageView, PostRef};
use crate::site::routine::{about_minutes, whole_minutes};
use crate::site::{Route, SeriesEntry, Site};

/// How many of an exercise's cues a routine shows.
const CUES_SHOWN: usize = 2;

/// One exercise of a routine.
#[derive(Serialize)]
pub struct RoutineItemView<'a> {
    /// The exercise (`id`, `name`, `joint`, `goal`, `url`, `used_in_count`).
    exercise: ExerciseRef<'a>,
    /// Its picture, when it has one.
    image: Option<ImageView<'a>>,
    /// Its first cues.
    cues: &'a [String],
    /// Each prescription as text ("2 sets × 8 each side"); empty when the post gives none.
    prescriptions: Vec<String>,
    /// Estimated seconds, whole minutes (at least 1), and as "about 2 minutes".
    seconds: u32,
    minutes: u32,
    time: String,
    /// In a program: not in any earlier part.
    new: bool,
}

/// `routine`: a post's routine.
#[derive(Serialize)]
pub struct RoutineView<'a> {
    /// The post.
    post: PostRef<'a>,
    /// URL of its routine page.
    url: String,
    /// Exercises in order of first appearance.
    items: Vec<RoutineItemView<'a>>,
    /// Estimated seconds of the whole, and as "about 6 minutes".
    seconds: u32,
    time: String,
    /// How many exercises are new (in a program), else 0.
    new_count: usize,
}

impl<'a> RoutineView<'a> {
    /// The routine of post `i`; with `earlier`, the exercises of earlier parts (not new).
    pub fn new(site: &'a Site, i: usize, earlier: Option<&[usize]>) -> Self {
        let p = &site.posts[i];
        let words = &site.config.i18n;
        let items: Vec<RoutineItemView> = p
            .routine
            .items
            .iter()
            .map(|item| {
                let x = &site.exercises[item.exercise];
                let cues = &x.exercise.doc.meta.cues;
                RoutineItemView {
                    exercise: ExerciseRef::new(x, words),
                    // Not lazy: a printed routine shows every picture.
                    image: ExerciseView::picture(x, false),
                    cues: &cues[..cues.len().min(CUES_SHOWN)],
                    prescriptions: item
                        .prescriptions
                        .iter()
                        .filter_map(|p| p.text_in(words))
                        .collect(),
                    seconds: item.seconds,
                    minutes: whole_minutes(item.seconds),
                    time: about_minutes(item.seconds, words),
                    new: earlier.is_some_and(|e| !e.contains(&item.exercise)),
                }
            })
            .collect();
        RoutineView {
            post: PostRef::new(site, i),
            url: Route::routine(&p.slug).url(&site.config),
            new_count: items.iter().filter(|x| x.new).count(),
            items,
            seconds: p.routine.seconds,
            time: about_minutes(p.routine.seconds, words),
        }
    }

    /// How many exercises it has.
    pub fn count(&self) -> usize {
        self.items.len()
    }

    /// "about 6 minutes".
    pub fn time(&self) -> &str {
        &self.time
    }
}

/// `program`: the routines of a series' parts, in reading order.
#[derive(Serialize)]
pub struct ProgramView<'a> {
    /// The series' name and URL.
    name: &'a str,
    url: &'a str,
    /// Parts with exercises, in reading order, each with its routine.
    parts: Vec<RoutineView<'a>>,
    /// Parts without exercises (post references), so the program says they exist.
    without_exercises: Vec<PostRef<'a>>,
    /// How many different exercises the whole series uses.
    exercise_count: usize,
    /// Estimated seconds of every part's routine together, and as "about 40 minutes".
    seconds: u32,
    time: String,
}

impl<'a> ProgramView<'a> {
    /// The program of `series`.
    pub fn new(site: &'a Site, series: &'a SeriesEntry) -> Self {
        let mut seen: Vec<usize> = Vec::new();
        let mut parts = Vec::new();
        let mut without = Vec::new();
        for &i in &series.parts {
            let routine = &site.posts[i].routine;
            if routine.items.is_empty() {
                without.push(PostRef::new(site, i));
                continue;
            }
            parts.push(RoutineView::new(site, i, Some(&seen)));
            for item in &routine.items {
                if !seen.contains(&item.exercise) {
                    seen.push(item.exercise);
                }
            }
        }
        let seconds = parts.iter().map(|p| p.seconds).sum();
        ProgramView {
            name: &series.name,
            url: &series.url,
            parts,
            without_exercises: without,
            exercise_count: seen.len(),
            seconds,
            time: about_minutes(seconds, &site.config.i18n),
        }
    }

    /// "about 40 minutes".
    pub fn time(&self) -> &str {
        &self.time
    }
}
