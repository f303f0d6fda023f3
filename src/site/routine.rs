//! A post's routine: the exercises it embeds, each once with every prescription given for it, and
//! an estimated time from the prescriptions, the exercises' own pace and `[routine]` settings.

use crate::calls::{Invocation, Invocations};
use crate::config::RoutineSettings;
use crate::content::Duration;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::i18n::Translations;
use crate::shortcodes::Arg;

/// Sets and reps as an embed gives them (either may be missing).
#[derive(Debug, Clone, PartialEq)]
pub struct Prescription {
    /// Sets: an integer or text.
    pub sets: Option<Arg>,
    /// Reps or a time: an integer or text.
    pub reps: Option<Arg>,
}

impl Prescription {
    /// "2 sets × 8 each side", "3 sets", "30 seconds", or None when nothing was given.
    pub fn text(&self) -> Option<String> {
        self.text_in(Translations::english_ref())
    }

    /// [`Prescription::text`] in the site's language ("2 Sätze × 8 each side").
    pub fn text_in(&self, words: &Translations) -> Option<String> {
        let show = |a: &Arg| match a {
            Arg::Str(s) => s.trim().to_string(),
            Arg::Int(n) => n.to_string(),
            other => format!("{other:?}"),
        };
        match (&self.sets, &self.reps) {
            (None, None) => None,
            (None, Some(r)) => Some(show(r)),
            (Some(s), reps) => {
                let n = show(s);
                let sets = words.get("sets", &[("count", crate::i18n::Arg::Text(&n))]);
                Some(match reps {
                    Some(r) => format!("{sets} × {}", show(r)),
                    None => sets,
                })
            }
        }
    }
}

/// One exercise of a routine.
#[derive(Debug, Clone, PartialEq)]
pub struct RoutineItem {
    /// Index into `Site::exercises`.
    pub exercise: usize,
    /// The distinct prescriptions the post gives it, in order (empty: none given).
    pub prescriptions: Vec<Prescription>,
    /// Estimated seconds for all its sets.
    pub seconds: u32,
}

/// The routine of a post (empty when it embeds no exercise).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Routine {
    /// Exercises in order of first appearance.
    pub items: Vec<RoutineItem>,
    /// Estimated seconds for the whole routine, moving between exercises included.
    pub seconds: u32,
}

/// What the estimate knows of an exercise: its own pace, if it declares one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pace {
    /// `seconds_per_rep`.
    pub seconds_per_rep: Option<u32>,
    /// `duration` in seconds.
    pub duration: Option<u32>,
}

/// Gathers the routine of a post from its checked calls. `exercise_of` maps an exercise id to
/// its index and pace. A prescription whose length cannot be read is a warning at its embed.
pub fn routine_of(
    invocations: &Invocations,
    exercise_of: impl Fn(&str) -> Option<(usize, Pace)>,
    settings: &RoutineSettings,
    source: &SourceFile,
    warnings: &mut Diagnostics,
) -> Routine {
    let mut items: Vec<(RoutineItem, Pace, bool)> = Vec::new();
    for (&offset, inv) in invocations.iter() {
        let Invocation::Exercise { id, sets, reps } = inv else {
            continue;
        };
        let Some((xi, pace)) = exercise_of(id) else {
            continue;
        };
        let p = Prescription {
            sets: sets.clone(),
            reps: reps.clone(),
        };
        for (what, arg) in [("sets", sets), ("reps", reps)] {
            if let Some(Arg::Str(text)) = arg
                && parse_amount(text).is_none()
            {
                warnings.push(unreadable(source, offset, what, text, settings));
            }
        }
        let given = p.sets.is_some() || p.reps.is_some();
        match items.iter_mut().find(|(item, _, _)| item.exercise == xi) {
            Some((item, _, _)) if given && !item.prescriptions.contains(&p) => {
                item.prescriptions.push(p)
            }
            Some(_) => {}
            None => items.push((
                RoutineItem {
                    exercise: xi,
                    prescriptions: if given { vec![p] } else { Vec::new() },
                    seconds: 0,
                },
                pace,
                given,
            )),
        }
    }
    let mut total = 0.0;
    let items: Vec<RoutineItem> = items
        .into_iter()
        .map(|(mut item, pace, _)| {
            let seconds: f64 = if item.prescriptions.is_empty() {
                estimate(
                    &Prescription {
                        sets: None,
                        reps: None,
                    },
                    pace,
                    settings,
                )
            } else {
                item.prescriptions
                    .iter()
                    .map(|p| estimate(p, pace, settings))
                    .sum()
            };
            total += seconds;
            item.seconds = seconds.round() as u32;
            item
        })
        .collect();
    let moves = items.len().saturating_sub(1) as f64;
    total += moves * f64::from(settings.rest_between_exercises);
    Routine {
        items,
        seconds: total.round() as u32,
    }
}

fn unreadable(
    source: &SourceFile,
    offset: usize,
    what: &str,
    text: &str,
    settings: &RoutineSettings,
) -> Diagnostic {
    let assumed = if what == "sets" {
        format!("{} set(s)", settings.sets)
    } else {
        "the exercise's `duration`, or the default reps".to_string()
    };
    source
        .error_at(
            offset,
            format!("cannot tell how long {what}=\"{text}\" takes: the routine's estimated time counts {assumed}"),
        )
        .warning()
        .with_hint(
            "write a number (\"12\"), a range (\"8-12\") or a time (\"30 seconds\"), \
             optionally followed by \"each side\"",
        )
}

/// Estimated seconds of one prescription of an exercise.
fn estimate(p: &Prescription, pace: Pace, settings: &RoutineSettings) -> f64 {
    let sets = match &p.sets {
        Some(Arg::Int(n)) => (*n).max(1) as f64,
        Some(Arg::Str(s)) => parse_amount(s).map_or(f64::from(settings.sets), |a| a.count),
        _ => f64::from(settings.sets),
    };
    let per_rep = f64::from(pace.seconds_per_rep.unwrap_or(settings.seconds_per_rep));
    let default_set = || match pace.duration {
        Some(d) => f64::from(d),
        None => f64::from(settings.reps) * per_rep,
    };
    let set = match &p.reps {
        Some(Arg::Int(n)) => (*n).max(0) as f64 * per_rep,
        Some(Arg::Str(s)) => match parse_amount(s) {
            Some(a) => match a.unit {
                Unit::Reps => a.count * a.sides * per_rep,
                Unit::Seconds => a.count * a.sides,
            },
            None => default_set(),
        },
        _ => default_set(),
    };
    sets * set + (sets - 1.0).max(0.0) * f64::from(settings.rest_between_sets)
}

/// What a number in a prescription counts.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Reps,
    Seconds,
}

/// A prescription's text read as a number: a range counts as its middle.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Amount {
    count: f64,
    unit: Unit,
    /// 2 for "each side" (and each leg, arm, way), else 1.
    sides: f64,
}

/// Reads "12", "8-12", "6 each side", "20–30 seconds", "1 minute", "5 breaths", "30s per leg".
fn parse_amount(text: &str) -> Option<Amount> {
    let text = text.trim().to_lowercase();
    let (first, rest) = number(&text)?;
    let rest = rest.trim_start();
    let (count, rest) = match rest
        .strip_prefix('-')
        .or_else(|| rest.strip_prefix('–'))
        .or_else(|| rest.strip_prefix("to "))
        .and_then(|r| number(r.trim_start()))
    {
        Some((second, after)) => ((first + second) / 2.0, after),
        None => (first, rest),
    };
    let words: Vec<&str> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let (scale, unit) = match words.first().copied() {
        Some("s" | "sec" | "secs" | "second" | "seconds") => (1.0, Unit::Seconds),
        Some("min" | "mins" | "minute" | "minutes") => (60.0, Unit::Seconds),
        Some("breath" | "breaths") => (5.0, Unit::Seconds),
        _ => (1.0, Unit::Reps),
    };
    let sided = words.windows(2).any(|w| {
        matches!(w[0], "each" | "per")
            && matches!(
                w[1],
                "side" | "leg" | "arm" | "way" | "direction" | "sides" | "legs" | "arms"
            )
    });
    Some(Amount {
        count: count * scale,
        unit,
        sides: if sided { 2.0 } else { 1.0 },
    })
}

/// A leading decimal number and what follows it.
fn number(text: &str) -> Option<(f64, &str)> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let n: f64 = text[..end].parse().ok()?;
    Some((n, &text[end..]))
}

/// An exercise's `duration` in seconds, or why it cannot be read.
pub fn duration_seconds(d: &Duration) -> Result<u32, Diagnostic> {
    match d {
        Duration::Seconds(0) => Err(Diagnostic::new("`duration` must be more than 0 seconds")),
        Duration::Seconds(n) => Ok(*n),
        Duration::Text(t) => match parse_amount(t) {
            Some(a) if a.unit == Unit::Seconds && a.count > 0.0 => {
                Ok((a.count * a.sides).round() as u32)
            }
            _ => Err(Diagnostic::new(format!(
                "`duration` \"{t}\" is not a length of time: write seconds (45) or text such as \"45 seconds\" or \"1 minute\""
            ))),
        },
    }
}

/// Seconds as whole minutes, rounded, at least one.
pub fn whole_minutes(seconds: u32) -> u32 {
    (seconds.saturating_add(30) / 60).max(1)
}

/// "about 6 minutes": whole minutes, at least one, in the site's language.
pub fn about_minutes(seconds: u32, words: &Translations) -> String {
    let minutes = i64::from(whole_minutes(seconds));
    words.get(
        "about_minutes",
        &[("count", crate::i18n::Arg::Number(minutes))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(t: &str) -> Option<(f64, Unit, f64)> {
        parse_amount(t).map(|a| (a.count, a.unit, a.sides))
    }

    #[test]
    fn prescriptions_are_read_as_people_write_them() {
        assert_eq!(amount("12"), Some((12.0, Unit::Reps, 1.0)));
        assert_eq!(amount("8-12"), Some((10.0, Unit::Reps, 1.0)));
        assert_eq!(amount("6 each side"), Some((6.0, Unit::Reps, 2.0)));
        assert_eq!(amount("20–30 seconds"), Some((25.0, Unit::Seconds, 1.0)));
        assert_eq!(
            amount("30-60 seconds per leg"),
            Some((45.0, Unit::Seconds, 2.0))
        );
        assert_eq!(amount("1 minute"), Some((60.0, Unit::Seconds, 1.0)));
        assert_eq!(amount("30s each side"), Some((30.0, Unit::Seconds, 2.0)));
        assert_eq!(amount("5 breaths"), Some((25.0, Unit::Seconds, 1.0)));
        assert_eq!(amount("10 to 15"), Some((12.5, Unit::Reps, 1.0)));
        assert_eq!(amount("until tired"), None);
        assert_eq!(amount(""), None);
    }

    #[test]
    fn a_prescription_takes_its_sets_its_sets_rest_and_its_pace() {
        let s = RoutineSettings::default();
        let p = |sets: Option<Arg>, reps: Option<&str>| Prescription {
            sets,
            reps: reps.map(|r| Arg::Str(r.into())),
        };
        let none = Pace::default();
        // 2 × (8 × 2 sides × 4 s) + 1 rest of 30 s.
        assert_eq!(
            estimate(&p(Some(Arg::Int(2)), Some("8 each side")), none, &s),
            2.0 * 64.0 + 30.0
        );
        // A time is a time, whatever the pace.
        let slow = Pace {
            seconds_per_rep: Some(6),
            duration: None,
        };
        assert_eq!(estimate(&p(None, Some("45 seconds")), slow, &s), 45.0);
        assert_eq!(estimate(&p(None, Some("10")), slow, &s), 60.0);
        // Nothing given: the exercise's duration, else the default reps at its pace.
        let hold = Pace {
            seconds_per_rep: None,
            duration: Some(40),
        };
        assert_eq!(estimate(&p(None, None), hold, &s), 40.0);
        assert_eq!(estimate(&p(None, None), none, &s), 40.0);
        assert_eq!(estimate(&p(Some(Arg::Int(3)), None), hold, &s), 180.0);
    }

    #[test]
    fn minutes_are_rounded_and_never_zero() {
        let en = Translations::english_ref();
        assert_eq!(about_minutes(10, en), "about 1 minute");
        assert_eq!(about_minutes(89, en), "about 1 minute");
        assert_eq!(about_minutes(90, en), "about 2 minutes");
        assert_eq!(about_minutes(360, en), "about 6 minutes");
    }

    #[test]
    fn durations_need_a_unit_of_time() {
        assert_eq!(duration_seconds(&Duration::Seconds(45)).ok(), Some(45));
        assert_eq!(
            duration_seconds(&Duration::Text("1 minute".into())).ok(),
            Some(60)
        );
        assert!(duration_seconds(&Duration::Text("10 reps".into())).is_err());
        assert!(duration_seconds(&Duration::Seconds(0)).is_err());
    }
}
