//! `sitegen check`: builds the site in memory (writing nothing) and checks every link and
//! `#anchor` in the final HTML of every page, naming the page and, where the link was written in
//! Markdown or literally in a template, its file and line; `--external` asks other hosts too.

mod external;
mod resolve;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;

pub use external::Limits;
pub(crate) use external::join as join_url;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Failure, Severity, did_you_mean, list_names};
use crate::html::{self, Scan};
use crate::output::{Page, SourceLink};
use crate::render::templates::Templates;
use external::Answer;
use resolve::{Base, Target, same_url};

/// What `check` looks at beyond the site's own links.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Also ask other hosts for the external http(s) links.
    pub external: bool,
    /// The bounds external checks keep to.
    pub limits: Limits,
}

/// What a check found.
#[derive(Debug)]
pub struct CheckReport {
    /// HTML pages checked.
    pub pages: usize,
    /// Links checked: every internal one, and every external one with `--external`.
    pub links: usize,
    /// Links found broken.
    pub broken: usize,
    /// The broken links (errors; one per link, or per link broken alike on several pages) and
    /// the redirected or unchecked external ones (warnings), sorted.
    pub problems: Vec<Diagnostic>,
    /// Warnings of the build itself.
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site in memory and checks its links. `Err` when the site does not build.
pub fn check(config: &Config, options: &CheckOptions) -> Result<CheckReport, Failure> {
    let (site, templates, compiled) = crate::pipeline::compile_site(config)?;
    let page_template: HashMap<String, &'static str> = crate::render::jobs(&site)
        .iter()
        .filter_map(|j| Some((j.path(&site), j.template()?)))
        .collect();
    let scanned: Vec<Scanned> = compiled
        .pages
        .par_iter()
        .filter(|p| p.path.ends_with(".html"))
        .map(|page| Scanned {
            page,
            template: page_template.get(&page.path).copied(),
            scan: html::scan(&String::from_utf8_lossy(&page.bytes)),
        })
        .collect();
    let mut files: HashMap<&str, Option<&BTreeSet<String>>> = HashMap::new();
    files.extend(site.assets.iter().map(|a| (a.to.as_str(), None)));
    files.extend(compiled.pages.iter().map(|p| (p.path.as_str(), None)));
    // The search index is made by `build` from the rendered pages; `check` does not make it, but
    // knows the files of it that pages link to.
    files.extend(crate::search::LINKED.iter().map(|&p| (p, None)));
    files.extend(
        scanned
            .iter()
            .map(|s| (s.page.path.as_str(), Some(&s.scan.ids))),
    );
    let base = Base::new(config);
    let checked: Vec<PageResult> = scanned
        .par_iter()
        .enumerate()
        .map(|(i, s)| check_page(i, s, &base, &files))
        .collect();

    let mut findings: Vec<Finding> = Vec::new();
    let mut links = 0;
    let mut external: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for r in checked {
        links += r.internal;
        findings.extend(r.findings);
        for (link, url) in r.external {
            external.entry(url).or_default().push((r.page, link));
        }
    }
    if options.external {
        let urls: Vec<String> = external.keys().cloned().collect();
        let answers = external::check_all(&urls, &options.limits);
        for ((url, uses), answer) in external.iter().zip(answers) {
            links += uses.len();
            findings.extend(
                uses.iter()
                    .filter_map(|&(page, link)| external_finding(page, link, url, &answer)),
            );
        }
    }
    let broken = findings
        .iter()
        .filter(|f| f.problem.severity == Severity::Error)
        .count();
    let problems = report(&scanned, &templates, findings);
    Ok(CheckReport {
        pages: scanned.len(),
        links,
        broken,
        problems,
        warnings: compiled.warnings,
    })
}

/// A page with what its HTML holds.
struct Scanned<'a> {
    page: &'a Page,
    /// Its page template, if it has one.
    template: Option<&'static str>,
    scan: Scan,
}

/// One link found wrong (or worth a warning) on one page.
struct Finding {
    /// Index of the page in the scanned pages.
    page: usize,
    /// Index of the link in the page's links.
    link: usize,
    problem: Problem,
}

/// What is wrong with a link, whichever page it is on.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Problem {
    severity: Severity,
    /// "broken link `x`".
    what: String,
    /// Why, after the page is named.
    why: String,
    hint: Option<String>,
}

struct PageResult {
    page: usize,
    /// Internal links checked.
    internal: usize,
    findings: Vec<Finding>,
    /// External links: `(link index, URL without fragment)`.
    external: Vec<(usize, String)>,
}

/// Checks the internal links of one page and lists its external ones.
fn check_page(
    index: usize,
    s: &Scanned,
    base: &Base,
    files: &HashMap<&str, Option<&BTreeSet<String>>>,
) -> PageResult {
    let mut r = PageResult {
        page: index,
        internal: 0,
        findings: Vec::new(),
        external: Vec::new(),
    };
    for (i, link) in s.scan.links.iter().enumerate() {
        let url = &link.url;
        let problem = match base.resolve(&s.page.path, url) {
            Target::Other => None,
            Target::External(u) => {
                r.external.push((i, u));
                None
            }
            Target::Outside(why) => {
                r.internal += 1;
                Some(Problem {
                    severity: Severity::Error,
                    what: format!("broken link `{url}`"),
                    why: format!("the link {why}"),
                    hint: Some(format!(
                        "links into the site are relative to the page or start with `{}`",
                        base.path()
                    )),
                })
            }
            Target::Internal { file, fragment } => {
                r.internal += 1;
                internal_problem(&s.page.path, url, &file, fragment, files)
            }
        };
        if let Some(problem) = problem {
            r.findings.push(Finding {
                page: index,
                link: i,
                problem,
            });
        }
    }
    r
}

/// What is wrong with link `url` of the page at `page_path`, which points at output `file` and
/// `#fragment`: no such file, or no such id in it.
fn internal_problem(
    page_path: &str,
    url: &str,
    file: &str,
    fragment: Option<String>,
    files: &HashMap<&str, Option<&BTreeSet<String>>>,
) -> Option<Problem> {
    let found = files
        .get_key_value(file)
        .or_else(|| files.get_key_value(format!("{file}/index.html").as_str()));
    let Some((&found, ids)) = found else {
        let near = near_files(file, files.keys().copied());
        let hint = if near.is_empty() {
            "fix the link, or add the file it points at (under `static/`, or beside the post in its folder)".to_string()
        } else {
            format!("did you mean {}?", list_names(&near))
        };
        return Some(Problem {
            severity: Severity::Error,
            what: format!("broken link `{url}`"),
            why: format!("no page or file of the site is at `{file}`"),
            hint: Some(hint),
        });
    };
    let (Some(id), Some(ids)) = (fragment, ids) else {
        return None;
    };
    if ids.contains(&id) || id.eq_ignore_ascii_case("top") {
        return None;
    }
    let near = did_you_mean(&id, ids.iter().map(String::as_str));
    let hint = if near.is_empty() {
        format!("give the element it means `id=\"{id}\"`, or fix the link")
    } else {
        let near: Vec<String> = near.iter().map(|n| format!("#{n}")).collect();
        format!("did you mean {}?", list_names(&near))
    };
    let target = if found == page_path {
        "the page".to_string()
    } else {
        format!("`{found}`")
    };
    Some(Problem {
        severity: Severity::Error,
        what: format!("broken anchor `{url}`"),
        why: format!("{target} has no element with id `{id}`"),
        hint: Some(hint),
    })
}

/// Files of the site named like `file`, comparing folders rather than their `index.html`, and
/// not merely the folder that holds it.
fn near_files<'a>(file: &str, files: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    fn folder(f: &str) -> &str {
        f.strip_suffix("index.html").unwrap_or(f)
    }
    let by_folder: BTreeMap<&str, &str> = files
        .map(|f| (folder(f), f))
        .filter(|(k, _)| !k.is_empty())
        .collect();
    let name = folder(file);
    did_you_mean(name, by_folder.keys().copied())
        .into_iter()
        .filter(|k| k.len() * 2 > name.len() && name.len() * 2 > k.len())
        .map(|k| by_folder[k])
        .collect()
}

/// The finding for one use of an external URL, given the answer for it.
fn external_finding(page: usize, link: usize, url: &str, answer: &Answer) -> Option<Finding> {
    let (severity, what, why, hint) = match answer {
        Answer::Ok => return None,
        Answer::Redirected(to) => (
            Severity::Warning,
            "external link",
            format!("redirects to `{to}`"),
            "link to the final address",
        ),
        Answer::Broken(why) => (
            Severity::Error,
            "broken external link",
            why.clone(),
            "fix or remove the link (check it in a browser: some hosts refuse robots)",
        ),
        Answer::Unchecked(why) => (
            Severity::Warning,
            "unchecked external link",
            why.clone(),
            "check it by hand",
        ),
    };
    Some(Finding {
        page,
        link,
        problem: Problem {
            severity,
            what: format!("{what} `{url}`"),
            why,
            hint: Some(hint.to_string()),
        },
    })
}

/// Where a link of a page was written: a Markdown file, a template, or only the page.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    path: Option<PathBuf>,
    position: Option<(usize, usize)>,
    /// Said when the place is not a file: which templates wrote the page.
    note: String,
}

/// Turns findings into diagnostics at the place each link was written; a link found alike on
/// several pages (a template's) is one diagnostic naming them.
fn report(
    scanned: &[Scanned],
    templates: &Templates,
    mut findings: Vec<Finding>,
) -> Vec<Diagnostic> {
    findings.sort_by_key(|f| (f.page, f.link));
    let mut grouped: BTreeMap<(Place, Problem), Vec<&str>> = BTreeMap::new();
    let mut origins: Option<(usize, Vec<Option<&SourceLink>>)> = None;
    for f in findings {
        let s = &scanned[f.page];
        if origins.as_ref().is_none_or(|(p, _)| *p != f.page) {
            origins = Some((f.page, match_sources(s)));
        }
        let from = origins.as_ref().and_then(|(_, o)| o[f.link]);
        let place = match from {
            Some(src) => Place {
                path: Some(src.path.clone()),
                position: Some(src.position),
                note: String::new(),
            },
            None => place_in_templates(s, templates, &s.scan.links[f.link].url),
        };
        grouped
            .entry((place, f.problem))
            .or_default()
            .push(&s.page.path);
    }
    grouped
        .into_iter()
        .map(|((place, problem), mut pages)| {
            pages.dedup();
            let Problem {
                severity,
                what,
                why,
                hint,
            } = problem;
            Diagnostic {
                path: place.path,
                position: place.position,
                severity,
                message: format!("{what} on {}{}: {why}", pages_named(&pages), place.note),
                hint,
            }
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// For each link of a page, the Markdown link it was rendered from, if any: each source is
/// matched to the first unmatched link with its URL.
fn match_sources<'a>(s: &'a Scanned) -> Vec<Option<&'a SourceLink>> {
    let mut used = vec![false; s.page.sources.len()];
    s.scan
        .links
        .iter()
        .map(|link| {
            let j = (0..used.len())
                .find(|&j| !used[j] && same_url(&s.page.sources[j].url, &link.url))?;
            used[j] = true;
            Some(&s.page.sources[j])
        })
        .collect()
}

/// The template line that writes `url` literally, else a note naming the page's templates.
fn place_in_templates(s: &Scanned, templates: &Templates, url: &str) -> Place {
    match templates.find_attribute(s.template, url) {
        Some((path, position)) => Place {
            path: Some(path),
            position: Some(position),
            note: String::new(),
        },
        None => Place {
            path: None,
            position: None,
            note: match s.template {
                Some(t) => {
                    format!(" (written by the template `{t}`, one it includes, or a shortcode)")
                }
                None => String::new(),
            },
        },
    }
}

/// "page `a/index.html`", or "3 pages (`a`, `b`, `c`)", at most five named.
fn pages_named(pages: &[&str]) -> String {
    match pages {
        [one] => format!("page `{one}`"),
        _ => {
            let shown: Vec<String> = pages.iter().take(5).map(|p| format!("`{p}`")).collect();
            let more = pages.len().saturating_sub(5);
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            format!("{} pages ({}{more})", pages.len(), shown.join(", "))
        }
    }
}
