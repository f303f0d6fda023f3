//! Checking shortcode calls against what exists (built-in `exercise` and `video`, the site's
//! `templates/shortcodes/*.html`, the exercise library) and turning them into typed invocations.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, did_you_mean, list_names};
use crate::document::all_calls;
use crate::schemes::{Place, SchemePolicy};
use crate::shortcodes::{Arg, Call};
use crate::video_url::{self, Options, Video};

/// A call that has been checked and can be rendered without further questions.
#[derive(Debug, Clone, PartialEq)]
pub enum Invocation {
    /// An exercise card.
    Exercise {
        /// Exercise id.
        id: String,
        /// Prescribed sets.
        sets: Option<Arg>,
        /// Prescribed reps (or time).
        reps: Option<Arg>,
    },
    /// A video on its own.
    Video(Video),
    /// The post's routine as a checklist.
    Routine,
    /// A site shortcode template with its arguments.
    Site {
        /// Template name under `templates/shortcodes/` without `.html`.
        name: String,
        /// Arguments.
        args: BTreeMap<String, Arg>,
    },
}

/// What calls may refer to.
pub struct Known<'a> {
    /// Ids of the exercise library.
    pub exercises: &'a BTreeSet<String>,
    /// Names of the site's shortcode templates.
    pub site_shortcodes: &'a BTreeSet<String>,
    /// The site's language: a video's captions are asked for in it.
    pub language: &'a str,
    /// Which URL schemes arguments may use.
    pub schemes: &'a SchemePolicy,
}

/// The built-in shortcodes.
pub const BUILTIN: &[&str] = &["exercise", "routine", "video"];

/// Checked calls, by start offset.
pub type Invocations = std::sync::Arc<BTreeMap<usize, Invocation>>;

/// A document's checked calls, remembered with the `Known` they were checked against, so an
/// unchanged document is not checked again on the next rebuild.
#[derive(Debug, Default)]
pub struct CheckCache {
    inner: std::sync::Mutex<Option<(u64, Invocations, Diagnostics)>>,
}

impl Clone for CheckCache {
    /// A copy starts empty (it is only a cache).
    fn clone(&self) -> Self {
        CheckCache::default()
    }
}

impl Known<'_> {
    fn all_names(&self) -> Vec<&str> {
        let mut names: BTreeSet<&str> = BUILTIN.iter().copied().collect();
        names.extend(self.site_shortcodes.iter().map(String::as_str));
        names.into_iter().collect()
    }

    /// What the checks depend on besides the document itself.
    pub fn fingerprint(&self) -> u64 {
        crate::hash::digest((
            self.exercises,
            self.site_shortcodes,
            self.language,
            self.schemes,
        ))
    }

    /// [`Known::check_all`], reusing `cache` when it holds the result for this `fingerprint`
    /// (the cache belongs to the document `source` and `calls` come from).
    pub fn check_cached(
        &self,
        fingerprint: u64,
        cache: &CheckCache,
        source: &SourceFile,
        calls: &[Call],
        diagnostics: &mut Diagnostics,
    ) -> Invocations {
        let mut slot = cache.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((f, inv, errs)) = slot.as_ref()
            && *f == fingerprint
        {
            diagnostics.append(errs.clone());
            return std::sync::Arc::clone(inv);
        }
        let mut errs = Diagnostics::default();
        let inv = std::sync::Arc::new(self.check_all(source, calls, &mut errs));
        diagnostics.append(errs.clone());
        *slot = Some((fingerprint, std::sync::Arc::clone(&inv), errs));
        inv
    }

    /// Checks every call (and nested call) of a body, keyed by the call's start offset.
    pub fn check_all(
        &self,
        source: &SourceFile,
        calls: &[Call],
        diagnostics: &mut Diagnostics,
    ) -> BTreeMap<usize, Invocation> {
        let mut out = BTreeMap::new();
        for call in all_calls(calls) {
            match self.check(source, call) {
                Ok(inv) => {
                    out.insert(call.span.start, inv);
                }
                Err(ds) => diagnostics.extend(ds),
            }
        }
        out
    }

    fn check(&self, source: &SourceFile, call: &Call) -> Result<Invocation, Vec<Diagnostic>> {
        let mut errs = Vec::new();
        for (name, (value, off)) in &call.args {
            check_urls(self.schemes, name, value, &mut |d| {
                errs.push(source.locate(*off, d))
            });
        }
        let mut args = Args {
            source,
            call,
            errs: &mut errs,
        };
        let inv = match call.name.as_str() {
            "exercise" => self.check_exercise(&mut args),
            "video" => self.check_video(&mut args),
            "routine" => check_routine(&mut args),
            name if self.site_shortcodes.contains(name) => Some(Invocation::Site {
                name: name.to_string(),
                args: call
                    .args
                    .iter()
                    .map(|(k, (v, _))| (k.clone(), v.clone()))
                    .collect(),
            }),
            name => {
                errs.push(self.unknown_shortcode(source, call.span.start, name));
                None
            }
        };
        match inv {
            Some(inv) if errs.is_empty() => Ok(inv),
            _ => Err(errs),
        }
    }

    /// `{{ exercise(id=…, sets=…, reps=…) }}`: the id must name a known exercise.
    fn check_exercise(&self, args: &mut Args<'_, '_>) -> Option<Invocation> {
        let (source, call) = (args.source, args.call);
        args.allow(&["id", "sets", "reps"]);
        let id = args.string("id", true);
        let sets = args.int_or_string("sets");
        let reps = args.int_or_string("reps");
        if let Some(id) = &id
            && !self.exercises.contains(id)
        {
            let (_, off) = call.args["id"];
            let mut d = source.error_at(off, format!("unknown exercise `{id}`"));
            let near = did_you_mean(id, self.exercises.iter().map(String::as_str));
            d = if near.is_empty() {
                d.with_hint(format!("add `posts/exercises/{id}.md`, or use one of the {} exercises in `posts/exercises/`", self.exercises.len()))
            } else {
                d.with_hint(format!("did you mean {}?", list_names(&near)))
            };
            args.errs.push(d);
        }
        id.map(|id| Invocation::Exercise { id, sets, reps })
    }

    /// `{{ video(url=…, title=…, start=…, captions=…, poster=…) }}`: a URL of a known host.
    fn check_video(&self, args: &mut Args<'_, '_>) -> Option<Invocation> {
        let (source, call) = (args.source, args.call);
        args.allow(&["url", "title", "start", "captions", "poster"]);
        let url = args.string("url", true);
        let options = Options {
            start: args.seconds("start"),
            captions: args.flag("captions").then(|| self.language.to_string()),
            poster: args.string("poster", false),
        };
        let title = args
            .string("title", false)
            .unwrap_or_else(|| "Video".to_string());
        if call.body.is_some() {
            args.errs.push(
                source
                    .error_at(call.span.start, "`video` takes no body")
                    .with_hint("write it as `{{ video(url=\"…\") }}`"),
            );
        }
        // A refused scheme is reported above, once.
        let url = url.filter(|u| self.schemes.check(u, Place::Link).is_ok());
        url.and_then(|url| match video_url::parse(&url, &title) {
            Ok(v) => Some(Invocation::Video(v.with(options))),
            Err(d) => {
                args.errs.push(source.locate(call.args["url"].1, d));
                None
            }
        })
    }

    /// The error of a call of `name`, which is no shortcode, at `at`: the nearest names.
    fn unknown_shortcode(&self, source: &SourceFile, at: usize, name: &str) -> Diagnostic {
        let names = self.all_names();
        let near = did_you_mean(name, names.iter().copied());
        let mut hint = format!("available shortcodes: {}", list_names(&names));
        if let Some(best) = near.first() {
            hint = format!("did you mean `{best}`? {hint}");
        }
        source
            .error_at(at, format!("unknown shortcode `{name}`"))
            .with_hint(format!(
                "{hint}; a site shortcode lives in `templates/shortcodes/{name}.html`"
            ))
    }
}

/// `{{ routine() }}`: no arguments, no body.
fn check_routine(args: &mut Args<'_, '_>) -> Option<Invocation> {
    args.allow(&[]);
    if args.call.body.is_some() {
        args.errs.push(
            args.source
                .error_at(args.call.span.start, "`routine` takes no body")
                .with_hint("write it as `{{ routine() }}`"),
        );
    }
    Some(Invocation::Routine)
}

/// Checks every string of the argument `name` (in arrays too) against the scheme policy.
fn check_urls(policy: &SchemePolicy, name: &str, value: &Arg, report: &mut dyn FnMut(Diagnostic)) {
    match value {
        Arg::Str(s) => {
            if let Err(d) = policy.check(s, Place::of_name(name)) {
                report(d);
            }
        }
        Arg::Array(items) => {
            for item in items {
                check_urls(policy, name, item, report);
            }
        }
        Arg::Int(_) | Arg::Float(_) | Arg::Bool(_) => {}
    }
}

struct Args<'a, 'b> {
    source: &'a SourceFile,
    call: &'a Call,
    errs: &'b mut Vec<Diagnostic>,
}

impl Args<'_, '_> {
    fn allow(&mut self, names: &[&str]) {
        for (key, (_, off)) in &self.call.args {
            if !names.contains(&key.as_str()) {
                self.errs.push(
                    self.source
                        .error_at(
                            *off,
                            format!("`{}` has no argument `{key}`", self.call.name),
                        )
                        .with_hint(if names.is_empty() {
                            format!(
                                "it takes no arguments: write `{{{{ {}() }}}}`",
                                self.call.name
                            )
                        } else {
                            format!("its arguments are {}", list_names(names))
                        }),
                );
            }
        }
    }

    fn string(&mut self, name: &str, required: bool) -> Option<String> {
        match self.call.args.get(name) {
            Some((Arg::Str(s), _)) => Some(s.clone()),
            Some((other, off)) => {
                self.errs.push(
                    self.source
                        .error_at(
                            *off,
                            format!(
                                "argument `{name}` of `{}` must be a string, not {}",
                                self.call.name,
                                other.type_name()
                            ),
                        )
                        .with_hint(format!("quote it: {name}=\"…\"")),
                );
                None
            }
            None if required => {
                self.errs.push(
                    self.source
                        .error_at(
                            self.call.span.start,
                            format!("`{}` needs the argument `{name}`", self.call.name),
                        )
                        .with_hint(format!("add {name}=\"…\" inside the parentheses")),
                );
                None
            }
            None => None,
        }
    }

    /// A time in whole seconds: `90`, or `"1:30"` / `"1:02:03"` as a player shows it.
    fn seconds(&mut self, name: &str) -> Option<u64> {
        let (value, off) = self.call.args.get(name)?;
        let seconds = match value {
            Arg::Int(n) => u64::try_from(*n).ok(),
            Arg::Str(s) => clock_seconds(s),
            _ => None,
        };
        if seconds.is_none() {
            self.errs.push(
                self.source
                    .error_at(
                        *off,
                        format!(
                            "argument `{name}` of `{}` must be a time in seconds",
                            self.call.name
                        ),
                    )
                    .with_hint(format!(
                        "write whole seconds or minutes:seconds: {name}=90 or {name}=\"1:30\""
                    )),
            );
        }
        seconds
    }

    /// `true` or `false` (absent: false).
    fn flag(&mut self, name: &str) -> bool {
        match self.call.args.get(name) {
            Some((Arg::Bool(b), _)) => *b,
            Some((other, off)) => {
                self.errs.push(
                    self.source
                        .error_at(
                            *off,
                            format!(
                                "argument `{name}` of `{}` must be true or false, not {}",
                                self.call.name,
                                other.type_name()
                            ),
                        )
                        .with_hint(format!("write {name}=true, without quotes")),
                );
                false
            }
            None => false,
        }
    }

    fn int_or_string(&mut self, name: &str) -> Option<Arg> {
        match self.call.args.get(name) {
            Some((v @ (Arg::Int(_) | Arg::Str(_)), _)) => Some(v.clone()),
            Some((other, off)) => {
                self.errs.push(self.source.error_at(
                    *off,
                    format!(
                        "argument `{name}` of `{}` must be an integer or a string, not {}",
                        self.call.name,
                        other.type_name()
                    ),
                ));
                None
            }
            None => None,
        }
    }
}

/// `"90"`, `"1:30"` or `"1:02:03"` in seconds (minutes and seconds below 60 after the first
/// field); `None` for anything else.
fn clock_seconds(text: &str) -> Option<u64> {
    let fields: Vec<&str> = text.trim().split(':').collect();
    if fields.len() > 3
        || fields
            .iter()
            .any(|f| f.is_empty() || f.len() > 9 || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut total: u64 = 0;
    for (i, f) in fields.iter().enumerate() {
        let n: u64 = f.parse().ok()?;
        if i > 0 && n >= 60 {
            return None;
        }
        total = total.checked_mul(60)?.checked_add(n)?;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::clock_seconds;

    #[test]
    fn clock_times() {
        assert_eq!(clock_seconds("90"), Some(90));
        assert_eq!(clock_seconds("1:30"), Some(90));
        assert_eq!(clock_seconds(" 1:02:03 "), Some(3723));
        for bad in ["", "1:", ":30", "1:60", "a", "1:2:3:4", "-5", "1.5"] {
            assert_eq!(clock_seconds(bad), None, "{bad}");
        }
    }
}
