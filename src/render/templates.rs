//! Tera templates: the embedded default theme, the site's `templates/` on top, and turning Tera's
//! errors into diagnostics at the template's line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{ErrorKind, Tera};

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::fsutil;
use crate::hash::hash_str;
use crate::i18n::Translations;
use crate::theme::{self, THEME};

/// The loaded templates and where each came from.
pub(crate) struct Templates {
    /// The Tera instance with every template.
    tera: Tera,
    /// Names of templates provided by the site (the rest are the default theme's).
    site_names: BTreeSet<String>,
    /// Hash of each template's text (the site's, or the theme's where the site has none).
    hashes: BTreeMap<String, u64>,
    /// The site's templates as read, by name (to find where a link of a page was written).
    sources: Vec<(String, SourceFile)>,
    /// The table behind the templates' `t()`.
    i18n: Arc<Translations>,
}

impl Templates {
    /// Loads the default theme, then every file under `ROOT/templates/` (overriding by name);
    /// their `t()` reads `i18n`.
    pub fn load(root: &Path, i18n: &Arc<Translations>, errors: &mut Diagnostics) -> Templates {
        let sources = read_site_templates(root, errors);
        let site_names: BTreeSet<String> = sources.iter().map(|(n, _)| n.clone()).collect();
        let mut hashes: BTreeMap<String, u64> = THEME
            .iter()
            .map(|(n, s)| (n.to_string(), hash_str(s)))
            .collect();
        // A site template that replaces a theme one with the same text still counts as changed.
        hashes.extend(
            sources
                .iter()
                .map(|(n, s)| (n.clone(), hash_str(&s.text) ^ 1)),
        );
        let broken = syntax_errors(&sources, &site_names, i18n, errors);
        let mut tera = engine(i18n);
        // A broken site template falls back to the theme's, so pages using it do not also fail as
        // "not found" (its syntax error is already reported).
        let theme = THEME
            .iter()
            .filter(|(n, _)| !site_names.contains(*n) || broken.contains(*n))
            .map(|(n, s)| (n.to_string(), s.to_string()));
        let site = sources
            .iter()
            .filter(|(n, _)| !broken.contains(n))
            .map(|(n, s)| (n.clone(), s.text.clone()));
        let all: Vec<(String, String)> = theme.chain(site).collect();
        if let Err(e) = tera.add_raw_templates(all) {
            let found = blame_site_base(&site_names, template_errors(&site_names, &e, None));
            errors.extend(found.into_iter().map(|d| locate_extends(d, &sources)));
            // Fall back to the theme alone so later stages can still report their own errors.
            tera = engine(i18n);
            let _ = tera.add_raw_templates(THEME.iter().copied());
        }
        Templates {
            tera,
            site_names,
            hashes,
            sources,
            i18n: Arc::clone(i18n),
        }
    }

    /// Makes the templates' `t()` read `i18n` (when the settings changed it since they were
    /// loaded).
    pub fn translate_with(&mut self, i18n: &Arc<Translations>) {
        if self.i18n != *i18n {
            self.i18n = Arc::clone(i18n);
            self.tera
                .register_function("t", Arc::clone(i18n).tera_function());
        }
    }

    /// Where a template in use writes `value` literally as an attribute value (`"value"` or
    /// `'value'`): its path for messages and `line:col`. `own` (the page's template) is searched
    /// first, then the site's templates, then the theme's.
    pub fn find_attribute(
        &self,
        own: Option<&str>,
        value: &str,
    ) -> Option<(PathBuf, (usize, usize))> {
        let site = self
            .sources
            .iter()
            .map(|(n, s)| (n.as_str(), s.text.as_str()));
        let theme = THEME
            .iter()
            .filter(|(n, _)| !self.site_names.contains(*n))
            .map(|&(n, s)| (n, s));
        let mut all: Vec<(&str, &str)> = site.chain(theme).collect();
        all.sort_by_key(|&(n, _)| Some(n) != own);
        all.into_iter().find_map(|(name, text)| {
            let at = [format!("\"{value}\""), format!("'{value}'")]
                .iter()
                .find_map(|quoted| text.find(quoted.as_str()))?;
            let file = SourceFile::new(display_path(&self.site_names, name), text.to_string());
            Some((file.path.clone(), file.position(at + 1)))
        })
    }

    /// Hash of what a page rendered with `own` depends on among the templates: `own` itself and
    /// every shared template (base, partials, shortcodes), but no other page's template, so that
    /// editing `post.html` re-renders posts only.
    pub fn hash_for(&self, own: &str, page_templates: &[&str]) -> u64 {
        let used: Vec<(&String, &u64)> = self
            .hashes
            .iter()
            .filter(|(name, _)| name.as_str() == own || !page_templates.contains(&name.as_str()))
            .collect();
        crate::hash::digest(used)
    }

    /// Names of the site's shortcode templates (`templates/shortcodes/<name>.html`).
    pub fn site_shortcodes(&self) -> BTreeSet<String> {
        self.site_names
            .iter()
            .filter_map(|n| n.strip_prefix("shortcodes/")?.strip_suffix(".html"))
            .filter(|n| !n.contains('/'))
            .map(str::to_string)
            .collect()
    }

    /// Renders `name`; on failure, a diagnostic naming the template line and `page`.
    pub fn render(
        &self,
        name: &str,
        ctx: &tera::Context,
        page: &str,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(name, ctx)
            .map_err(|e| template_error(&self.site_names, &e, Some(page)))
    }

    /// Renders `name` as a page's bytes, into a buffer of `capacity` to begin with (the output
    /// is written as it is, without the UTF-8 check a `String` would cost: templates write UTF-8).
    pub fn render_page(
        &self,
        name: &str,
        ctx: &tera::Context,
        page: &str,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(capacity);
        self.tera
            .render_to(name, ctx, &mut out)
            .map_err(|e| template_error(&self.site_names, &e, Some(page)))?;
        Ok(out)
    }
}

fn display_path(site_names: &BTreeSet<String>, name: &str) -> PathBuf {
    if site_names.contains(name) {
        PathBuf::from("templates").join(name)
    } else {
        PathBuf::from("(default theme)").join(name)
    }
}

/// A Tera error as a diagnostic at the template's file and line.
fn template_error(
    site_names: &BTreeSet<String>,
    e: &tera::Error,
    page: Option<&str>,
) -> Diagnostic {
    let context = page.map_or(String::new(), |p| format!(" while rendering {p}"));
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let span = r.span();
            let what = if matches!(e.kind(), ErrorKind::SyntaxError(_)) { "template syntax error" } else { "template error" };
            Diagnostic::at(
                display_path(site_names, r.filename()),
                span.start_line.max(1),
                span.start_col + 1,
                format!("{what}{context}: {}", r.message()),
            )
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::file_error(
            display_path(site_names, current),
            format!("template extends `{parent}`, which does not exist{context}"),
        )
        .with_hint("create it under `templates/`, or extend one of the theme's templates such as `base.html`"),
        ErrorKind::TemplateNotFound(name) => Diagnostic::file_error(
            display_path(site_names, name),
            format!("template `{name}` not found{context}"),
        ),
        _ => {
            let text = e.to_string();
            let mut found = parse_reports(site_names, &text, &context);
            if found.len() == 1 {
                found.remove(0)
            } else {
                Diagnostic::file_error("templates", format!("template error{context}: {}", text.trim()))
            }
        }
    }
}

/// A "missing parent" error carries no position: point it at the template's `extends` tag.
fn locate_extends(mut d: Diagnostic, sources: &[(String, SourceFile)]) -> Diagnostic {
    if d.position.is_none()
        && d.message.contains("extends")
        && let Some((_, src)) = sources
            .iter()
            .find(|(n, _)| d.path.as_deref() == Some(&Path::new("templates").join(n)))
        && let Some(at) = src.text.find("extends")
    {
        let tag = src.text[..at].rfind("{%").unwrap_or(at);
        d.position = Some(src.position(tag));
    }
    d
}

/// When the site's own `base.html` lacks blocks the theme's pages fill, Tera reports each missing
/// block in each theme page. Say it once, where the fix belongs: in `templates/base.html`.
fn blame_site_base(site_names: &BTreeSet<String>, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    const MISSING: &str = "is not defined in any parent template";
    if !site_names.contains("base.html") {
        return diagnostics;
    }
    let theme = Path::new("(default theme)");
    let (missing, mut rest): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diagnostics.into_iter().partition(|d| {
            d.path.as_deref().is_some_and(|p| p.starts_with(theme)) && d.message.contains(MISSING)
        });
    let blocks: BTreeSet<&str> = missing
        .iter()
        .filter_map(|d| d.message.split('`').nth(1))
        .collect();
    if !blocks.is_empty() {
        let names: Vec<&str> = blocks.into_iter().collect();
        let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        rest.push(
            Diagnostic::at(
                "templates/base.html",
                1,
                1,
                format!("the theme's pages fill the blocks {}, which this base.html does not define", quoted.join(", ")),
            )
            .with_hint(format!(
                "add them to templates/base.html (e.g. `{{% block {0} %}}{{% endblock {0} %}}`), or provide the pages that extend it too",
                names[0]
            )),
        );
    }
    rest
}

/// Tera reports reference checks (unknown filters, tests, functions) as text blocks of the form
/// `error: MESSAGE` / ` --> NAME:LINE:COL`. Returns one diagnostic per block.
fn parse_reports(site_names: &BTreeSet<String>, text: &str, context: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        let line = line.trim_start();
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m.trim_start_matches("error: "));
        } else if let (Some(m), Some(loc)) = (message, line.strip_prefix("--> ")) {
            let mut parts = loc.rsplitn(3, ':');
            let (col, line_no, name) = (parts.next(), parts.next(), parts.next());
            if let (Some(col), Some(line_no), Some(name)) = (col, line_no, name)
                && let (Ok(l), Ok(c)) = (line_no.parse(), col.parse())
            {
                out.push(Diagnostic::at(
                    display_path(site_names, name),
                    l,
                    c,
                    format!("template error{context}: {m}"),
                ));
            }
            message = None;
        }
    }
    out
}

/// All the diagnostics in a Tera error (several when it reports several unknown names).
fn template_errors(
    site_names: &BTreeSet<String>,
    e: &tera::Error,
    page: Option<&str>,
) -> Vec<Diagnostic> {
    let context = page.map_or(String::new(), |p| format!(" while rendering {p}"));
    let found = parse_reports(site_names, &e.to_string(), &context);
    if found.len() > 1 {
        found
    } else {
        vec![template_error(site_names, e, page)]
    }
}

/// Every file under `ROOT/templates/` that replaces the theme's, by name (an empty one is a
/// warning: every page it makes would be empty). A file with the theme's own bytes is the theme
/// itself (the repository's site keeps the theme there) and is left to the built-in copy.
fn read_site_templates(root: &Path, errors: &mut Diagnostics) -> Vec<(String, SourceFile)> {
    let dir = root.join("templates");
    let mut sources: Vec<(String, SourceFile)> = Vec::new();
    if !dir.is_dir() {
        return sources;
    }
    for (from, name) in crate::walk::files_under(root, &dir, crate::walk::Reach::Site, errors) {
        let bytes = match std::fs::read(&from) {
            Ok(bytes) => bytes,
            Err(e) => {
                errors.push(fsutil::io_error(
                    fsutil::relative(root, &from),
                    "cannot read file",
                    &e,
                ));
                continue;
            }
        };
        let builtin = theme::builtin(&name);
        if builtin == Some(bytes.as_slice()) {
            continue;
        }
        if builtin.is_some() && !theme::is_template(&name) {
            errors.push(not_a_template(fsutil::relative(root, &from), &name));
            continue;
        }
        match SourceFile::decode(fsutil::relative(root, &from), bytes) {
            Ok(src) => {
                if src.text.trim().is_empty() {
                    errors.push(
                        Diagnostic::file_error(
                            &src.path,
                            "the template is empty: every page it makes will be empty",
                        )
                        .warning()
                        .with_hint("write the template, or delete the file to use the theme's"),
                    );
                }
                sources.push((name, src));
            }
            Err(e) => errors.push(e),
        }
    }
    sources
}

/// The warning for a changed copy of one of the theme's built-in files that are not templates
/// (the stylesheet, a script, an icon, a translation table), and where the site's own goes.
fn not_a_template(path: &Path, name: &str) -> Diagnostic {
    let hint = if let Some(table) = name.strip_prefix("i18n/") {
        format!(
            "put the site's own strings in `i18n/{table}` beside `sitegen.toml`: they replace the theme's one by one"
        )
    } else if let Some(icon) = name.strip_prefix("icons/") {
        format!("put the site's icon in `static/{icon}`: it replaces the theme's")
    } else if name == "style.css" {
        "put the site's stylesheet in `static/style.css`: it replaces the theme's".to_string()
    } else {
        "the theme's scripts are built into sitegen; restore the file, or delete it".to_string()
    };
    Diagnostic::file_error(
        path,
        "this copy of the theme's file differs from the one built into sitegen, and only templates are read from `templates/`: it is left out",
    )
    .warning()
    .with_hint(hint)
}

/// The site templates' syntax errors, one template at a time so each is reported at its own
/// line; returns the names of the broken ones. The theme's templates and the names of the site's
/// others are there too, so a template may include the theme's partials or a partial of the site.
fn syntax_errors(
    sources: &[(String, SourceFile)],
    site_names: &BTreeSet<String>,
    i18n: &Arc<Translations>,
    errors: &mut Diagnostics,
) -> BTreeSet<String> {
    let theme_names: BTreeSet<&str> = THEME.iter().map(|(n, _)| *n).collect();
    let mut broken = BTreeSet::new();
    for (name, src) in sources {
        let mut alone = engine(i18n);
        let others = THEME
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .chain(
                site_names
                    .iter()
                    .filter(|n| !theme_names.contains(n.as_str()))
                    .map(|n| (n.clone(), String::new())),
            );
        // The theme is valid; a template of the same name is replaced just below.
        let _ = alone.add_raw_templates(others.collect::<Vec<_>>());
        if let Err(e) = alone.add_raw_template(name, &src.text)
            && !matches!(e.kind(), ErrorKind::MissingParent { .. })
        {
            // Only its own mistakes: what the theme's pages need of a site's base.html is
            // reported once, where the fix belongs.
            let own: Vec<Diagnostic> = template_errors(site_names, &e, None)
                .into_iter()
                .filter(|d| d.path.as_deref() == Some(src.path.as_path()))
                .collect();
            if !own.is_empty() {
                errors.extend(own);
                broken.insert(name.clone());
            }
        }
    }
    broken
}

/// A Tera that escapes what HTML and XML templates print, with sitegen's escape function, and
/// knows `t()`, the theme's words in the site's language.
fn engine(i18n: &Arc<Translations>) -> Tera {
    let mut tera = Tera::new();
    tera.register_function("t", Arc::clone(i18n).tera_function());
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    tera.set_escape_fn(crate::html::escape_into);
    tera
}
