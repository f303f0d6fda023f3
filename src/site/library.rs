//! The exercise library's entries: each exercise's video, pace and URL, checked.

use std::sync::Arc;

use rayon::prelude::*;

use crate::calls::Invocations;
use crate::config::Config;
use crate::content::Exercise;
use crate::diagnostic::Diagnostics;
use crate::video_url;

use super::ExerciseEntry;
use super::route::{Route, permalink, segment_problem};
use super::routine::{Pace, duration_seconds};

/// Each loaded exercise as an entry of the index, in the order given; problems go to `errors`.
pub(super) fn exercise_entries(
    config: &Config,
    exercises: Vec<Arc<Exercise>>,
    errors: &mut Diagnostics,
) -> Vec<ExerciseEntry> {
    exercises
        .into_par_iter()
        .map(|x| exercise_entry(config, x))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(x, errs)| {
            errors.append(errs);
            x
        })
        .collect()
}

/// One exercise's entry, and the problems of its front matter and file name.
fn exercise_entry(config: &Config, x: Arc<Exercise>) -> (ExerciseEntry, Diagnostics) {
    let mut errs = Diagnostics::default();
    let video = exercise_video(config, &x, &mut errs);
    check_video_keys(&x, &mut errs);
    if x.doc.meta.name.trim().is_empty() {
        errs.push(
            x.doc
                .source
                .error_at(x.doc.key_offset("name"), "name is empty"),
        );
    }
    let pace = exercise_pace(&x, &mut errs);
    if let Some(why) = segment_problem(&x.id) {
        errs.push(
            x.doc
                .source
                .error_at(0, format!("exercise id `{}` (the file name) {why}", x.id))
                .with_hint("rename the file using letters, digits, `-` and `_`"),
        );
    }
    let url = Route::exercise(&x.id).url(config);
    (
        ExerciseEntry {
            permalink: permalink(config, &url),
            url,
            invocations: Invocations::default(),
            video,
            image: None,
            poster: None,
            animation: None,
            used_in: Vec::new(),
            pace,
            exercise: x,
        },
        errs,
    )
}

/// The demonstration video of `video:`, with its captions and poster.
fn exercise_video(
    config: &Config,
    x: &Exercise,
    errs: &mut Diagnostics,
) -> Option<video_url::Video> {
    let m = &x.doc.meta;
    m.video.as_ref().and_then(|url| {
        video_url::parse(url, &format!("{} demonstration", m.name.trim()))
            .map(|v| {
                v.with(video_url::Options {
                    start: None,
                    captions: m.video_captions.then(|| config.language.clone()),
                    poster: m.poster.clone(),
                })
            })
            .map_err(|d| errs.push(x.doc.source.locate(x.doc.key_offset("video"), d)))
            .ok()
    })
}

/// Reports the keys that only mean something beside a `video:` when there is none.
fn check_video_keys(x: &Exercise, errs: &mut Diagnostics) {
    let m = &x.doc.meta;
    for (key, given) in [
        ("poster", m.poster.is_some()),
        ("video_captions", m.video_captions),
        ("video_date", m.video_date.is_some()),
    ] {
        if given && m.video.is_none() {
            errs.push(
                x.doc
                    .source
                    .error_at(x.doc.key_offset(key), format!("`{key}` without a `video`"))
                    .with_hint("add the `video:` URL it belongs to, or remove the line"),
            );
        }
    }
}

/// How long the exercise takes: `seconds_per_rep` (at least 1) and `duration`.
fn exercise_pace(x: &Exercise, errs: &mut Diagnostics) -> Pace {
    let m = &x.doc.meta;
    let duration = m.duration.as_ref().and_then(|d| {
        duration_seconds(d)
            .map_err(|why| errs.push(x.doc.source.locate(x.doc.key_offset("duration"), why)))
            .ok()
    });
    if m.seconds_per_rep == Some(0) {
        errs.push(
            x.doc
                .source
                .error_at(
                    x.doc.key_offset("seconds_per_rep"),
                    "`seconds_per_rep` must be at least 1",
                )
                .with_hint("give the seconds one rep takes, e.g. `seconds_per_rep: 3`"),
        );
    }
    Pace {
        seconds_per_rep: m.seconds_per_rep.filter(|&n| n > 0),
        duration,
    }
}
