#!/usr/bin/env python3
"""Generate a deterministic benchmark site for sitegen (and optionally the same content for Hugo).

    gen_site.py N OUT [--hugo OUT_HUGO] [--seed 42] [--minimal]

N posts of ~600-900 words of varied Markdown (headings, lists, emphasis, links, a code block,
a blockquote), grouped into series of 4-8 parts (series + weight), 30 exercises in
posts/exercises/, each post embedding 2-4 `{{ exercise(id="...") }}` shortcodes and 1-2
`@/post-NNNNN.md` cross links.  With --hugo the same text is written as a Hugo site (see
BENCHMARKS.md for how the two themes line up).  With --minimal both sides get minimal layouts doing
the same small work (engine against engine): every page is a title and its content or a list of
links, an exercise card is a link.  Output folders are replaced.
"""
import argparse
import datetime
import os
import random
import shutil

WORDS = """
mobility stability strength tissue joint hip ankle knee shoulder spine thoracic lumbar core glute
hamstring quad calf adductor lat breathing brace posture alignment range motion control tempo load
volume rep set session week warm-up cool-down progression regression balance pattern squat hinge lunge
push pull carry rotate extend flex reach hold pause breathe relax tension slack stiffness soreness
recovery sleep habit routine coach client athlete beginner desk chair walk run lift climb train move
feel notice cue drill practice position neutral pelvis rib cage diaphragm floor wall band roller mat
kettlebell dumbbell barbell bodyweight gentle steady slow quick smooth strong tight loose weak stable
mobile ready simple honest small better often daily weekly every most some many few little much
the a an and or but so because while when after before during through into onto over under between
with without your our their this that these those it they we you I is are was be been being have has
do does can will should might must may often rarely always never usually really quite very just also
""".split()

FIRST = ["Finding", "Fixing", "Training", "Understanding", "Loading", "Unlocking", "Building",
         "Testing", "Resetting", "Protecting", "Improving", "Mapping"]
TOPICS = ["the Hips", "the Ankles", "the Upper Back", "the Core", "the Shoulders", "Breathing",
          "Balance", "the Knees", "Posture", "Grip", "the Neck", "the Feet", "Recovery", "Tempo"]
SERIES_WORDS = ["Movement", "Desk Worker", "Runner's", "Lifter's", "Beginner's", "Hiker's",
                "Climber's", "Parent's", "Masters", "Rehab", "Travel", "Morning"]
SERIES_KINDS = ["Fundamentals", "Reset", "Toolkit", "Playbook", "Basics", "Blueprint",
                "Checklist", "Roadmap"]
TAGS = ["mobility", "stability", "strength", "breathing", "core", "hips", "ankles", "shoulders",
        "posture", "recovery", "warm-up", "beginners", "running", "lifting", "desk", "pain",
        "programming", "balance", "knees", "t-spine"]
JOINTS = ["hips", "ankles", "t-spine", "core", "shoulders", "knees", "neck", "feet"]
GOALS = ["mobility", "stability", "strength", "soft-tissue"]
EQUIPMENT = ["mat", "foam roller", "mini band", "kettlebell", "dumbbell", "wall", "bench",
             "cable machine", "lacrosse ball"]
EX_A = ["Half-Kneeling", "Side-Lying", "Quadruped", "Standing", "Supine", "Prone", "Tall-Kneeling",
        "Single-Leg", "Split-Stance", "Seated"]
EX_B = ["Hip Flexor Stretch", "Thoracic Rotation", "Dead Bug", "Bird Dog", "Glute Bridge",
        "Wall Slide", "Pallof Press", "Ankle Rock", "Cat Camel", "Clamshell", "Plank",
        "Adductor Rock", "Band Pull-Apart", "Calf Raise", "Carry"]
N_EXERCISES = 30
LANGS = ["python", "text", "toml", "bash"]


def sentence(rng, lo=8, hi=20):
    n = rng.randint(lo, hi)
    ws = [rng.choice(WORDS) for _ in range(n)]
    # Sprinkle inline emphasis and code.
    r = rng.random()
    if r < 0.15:
        i = rng.randrange(n)
        ws[i] = f"*{ws[i]}*"
    elif r < 0.25:
        i = rng.randrange(n)
        ws[i] = f"**{ws[i]}**"
    elif r < 0.30:
        i = rng.randrange(n)
        ws[i] = f"`{ws[i]}`"
    s = " ".join(ws)
    return s[0].upper() + s[1:] + rng.choice([".", ".", ".", "?", "!"])


def paragraph(rng, lo=3, hi=6):
    return " ".join(sentence(rng) for _ in range(rng.randint(lo, hi)))


def title_case(words):
    return " ".join(w[:1].upper() + w[1:] for w in words)


def make_exercises(rng):
    out, seen = [], set()
    while len(out) < N_EXERCISES:
        name = f"{rng.choice(EX_A)} {rng.choice(EX_B)}"
        xid = name.lower().replace(" ", "-").replace("'", "")
        if xid in seen:
            continue
        seen.add(xid)
        out.append({
            "id": xid,
            "name": name,
            "joint": rng.choice(JOINTS),
            "goal": rng.choice(GOALS),
            "cues": [sentence(rng, 4, 8) for _ in range(rng.randint(2, 4))],
            "equipment": rng.sample(EQUIPMENT, rng.randint(0, 2)),
            "body": [paragraph(rng, 2, 4) for _ in range(rng.randint(2, 3))],
        })
    return out


def make_posts(rng, n):
    """Returns post dicts with series, weight, title, etc. (bodies built later)."""
    posts, i, s = [], 0, 0
    base = datetime.date(2012, 1, 1)
    while i < n:
        size = min(rng.randint(4, 8), n - i)
        sname = f"{rng.choice(SERIES_WORDS)} {rng.choice(SERIES_KINDS)} {s + 1}"
        for w in range(1, size + 1):
            posts.append({
                "slug": f"post-{i + 1:05d}",
                "title": f"{rng.choice(FIRST)} {rng.choice(TOPICS)}: {title_case(rng.sample(WORDS[:60], 2))} ({sname}, part {w})",
                "date": (base + datetime.timedelta(days=i)).isoformat(),
                "series": sname,
                "weight": w,
                "tags": rng.sample(TAGS, rng.randint(1, 3)),
                "summary": sentence(rng, 14, 24) if rng.random() < 0.5 else None,
            })
            i += 1
        s += 1
    return posts


def make_body(rng, idx, n, exercises):
    """Body as a list of blocks; shortcodes and cross links as placeholder tuples."""
    blocks = []
    others = [j for j in rng.sample(range(n), min(n, 3)) if j != idx][: rng.randint(1, 2)]
    xs = rng.sample(exercises, rng.randint(2, 4))
    link_words = " ".join(rng.choice(WORDS) for _ in range(3))
    # Intro with the first cross link.
    blocks.append(("text", f"{paragraph(rng, 3, 5)} See ", ("link", others[0], f"the {link_words} post") if others else None, f" for the background. {sentence(rng)}"))
    blocks.append(("text", paragraph(rng)))
    sections = rng.randint(4, 5)
    x_at = sorted(rng.sample(range(sections), min(len(xs), sections)))
    xi = 0
    for sec in range(sections):
        blocks.append(("text", f"## {title_case([rng.choice(WORDS) for _ in range(rng.randint(2, 5))])}"))
        blocks.append(("text", paragraph(rng)))
        kind = rng.random()
        if kind < 0.35:
            items = [sentence(rng, 5, 12) for _ in range(rng.randint(3, 6))]
            marker = "-" if rng.random() < 0.6 else None
            blocks.append(("text", "\n".join(f"{marker or f'{k + 1}.'} {it}" for k, it in enumerate(items))))
        elif kind < 0.5:
            blocks.append(("text", "> " + paragraph(rng, 1, 2)))
        elif kind < 0.65:
            blocks.append(("text", f"### {title_case([rng.choice(WORDS) for _ in range(3)])}"))
            blocks.append(("text", paragraph(rng, 2, 4)))
        else:
            blocks.append(("text", paragraph(rng, 2, 4) + f" Read more on [the {rng.choice(WORDS)} study](https://example.org/{rng.choice(WORDS)}/{rng.randint(1, 999)})."))
        if sec == 1:
            lang = rng.choice(LANGS)
            code = "\n".join(f"{rng.choice(WORDS)}_{k} = {rng.randint(0, 99)}  # {rng.choice(WORDS)} {rng.choice(WORDS)}" for k in range(rng.randint(3, 8)))
            blocks.append(("text", f"```{lang}\n{code}\n```"))
        # exercises placed in chosen sections; leftovers go at the end
        while xi < len(xs) and xi < len(x_at) and x_at[xi] == sec:
            blocks.append(("text", sentence(rng)))
            blocks.append(("exercise", xs[xi]["id"]))
            xi += 1
        if sec == sections - 2 and len(others) > 1:
            blocks.append(("text", f"{sentence(rng)} Compare with ", ("link", others[1], "an earlier part"), f". {sentence(rng)}"))
    while xi < len(xs):
        blocks.append(("exercise", xs[xi]["id"]))
        xi += 1
    blocks.append(("text", paragraph(rng, 2, 4)))
    return blocks, [x["id"] for x in xs]


def render_blocks(blocks, posts, hugo):
    out = []
    for b in blocks:
        if b[0] == "exercise":
            out.append(f'{{{{< exercise id="{b[1]}" >}}}}' if hugo else f'{{{{ exercise(id="{b[1]}") }}}}')
            continue
        parts = []
        for piece in b[1:]:
            if piece is None:
                continue
            if isinstance(piece, tuple):
                _, j, text = piece
                target = f'{posts[j]["slug"]}.md'
                dest = f'{{{{< ref "{target}" >}}}}' if hugo else f"@/{target}"
                parts.append(f"[{text}]({dest})")
            else:
                parts.append(piece)
        out.append("".join(parts))
    return "\n\n".join(out) + "\n"


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_list(xs):
    return "[" + ", ".join(toml_str(x) for x in xs) + "]"


def reset(path):
    if os.path.exists(path):
        shutil.rmtree(path)
    os.makedirs(path)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def generate(n, out, hugo_out=None, seed=42, minimal=False):
    rng = random.Random(seed)
    exercises = make_exercises(rng)
    posts = make_posts(rng, n)
    bodies = [make_body(rng, i, n, exercises) for i in range(n)]

    reset(out)
    write(os.path.join(out, "sitegen.toml"),
          'title = "Bench Site"\ndescription = "A generated site for benchmarks."\nauthor = "Bench"\nlanguage = "en"\n')
    for x in exercises:
        fm = (f'+++\nname = {toml_str(x["name"])}\njoint = {toml_str(x["joint"])}\ngoal = {toml_str(x["goal"])}\n'
              f'cues = {toml_list(x["cues"])}\nequipment = {toml_list(x["equipment"])}\n+++\n\n')
        write(os.path.join(out, "posts", "exercises", f'{x["id"]}.md'), fm + "\n\n".join(x["body"]) + "\n")
    for p, (blocks, _) in zip(posts, bodies):
        fm = [f'title = {toml_str(p["title"])}', f'date = {p["date"]}', f'series = {toml_str(p["series"])}',
              f'weight = {p["weight"]}', f'tags = {toml_list(p["tags"])}']
        if p["summary"]:
            fm.append(f'summary = {toml_str(p["summary"])}')
        write(os.path.join(out, "posts", f'{p["slug"]}.md'),
              "+++\n" + "\n".join(fm) + "\n+++\n\n" + render_blocks(blocks, posts, False))

    if minimal:
        for name, text in SITEGEN_MINIMAL.items():
            write(os.path.join(out, "templates", name), text)
    if hugo_out:
        write_hugo(hugo_out, posts, bodies, exercises, minimal)


HUGO_CONFIG = """baseURL = "/"
languageCode = "en"
title = "Bench Site"
buildFuture = true  # generated dates run past today; sitegen builds them with --future
disableKinds = ["taxonomy", "RSS", "sitemap", "robotsTXT"]
ignoreErrors = ["error-disable-taxonomy"]
[params]
description = "A generated site for benchmarks."
author = "Bench"
[permalinks]
posts = "/:slug/"
[taxonomies]
series = "series"
exused = "exused"
[markup.highlight]
codeFences = false
[markup.tableOfContents]
startLevel = 2
endLevel = 3
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{ block "title" . }}{{ site.Title }}{{ end }}</title>
{{- block "head" . }}<meta name="description" content="{{ site.Params.description }}">{{ end }}
<link rel="stylesheet" href="/style.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<div class="wrap site-header-inner">
<a class="site-title" href="/">{{ site.Title }}</a>
<nav class="site-nav" aria-label="Main">
<ul>
<li><a href="/"{{ if .IsHome }} aria-current="page"{{ end }}>Home</a></li>
<li><a href="/exercises/">Exercises</a></li>
</ul>
</nav>
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
{{- block "main" . }}{{ end }}
</main>
<footer class="site-footer">
<div class="wrap">
<p><a href="/">{{ site.Title }}</a> · Written by {{ site.Params.author }}</p>
</div>
</footer>
</body>
</html>
"""

# Post page: series box (all parts, current marked), TOC, content, exercises list, prev/next
# within the series.  Parts come from the series term page (an index lookup, not a scan).
HUGO_POST_SINGLE = """{{ define "title" }}{{ .Title }} – {{ site.Title }}{{ end }}
{{ define "head" }}<meta name="description" content="{{ .Summary | plainify }}">
<link rel="canonical" href="{{ .Permalink }}">{{ end }}
{{ define "main" }}
{{- $page := . }}
{{- $parts := slice }}{{ $term := "" }}
{{- with .GetTerms "series" }}{{ $term = index . 0 }}{{ $parts = $term.Pages.ByWeight }}{{ end }}
{{- $prev := "" }}{{ $next := "" }}{{ $pos := 0 }}
{{- range $i, $p := $parts }}{{ if eq $p $page }}{{ $pos = add $i 1 }}{{ if gt $i 0 }}{{ $prev = index $parts (sub $i 1) }}{{ end }}{{ if lt (add $i 1) (len $parts) }}{{ $next = index $parts (add $i 1) }}{{ end }}{{ end }}{{ end }}
<article class="post">
<header class="post-header">
<h1>{{ .Title }}</h1>
<p class="post-meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time><span class="sep" aria-hidden="true"> · </span><span>{{ .ReadingTime }} min read</span></p>
{{- with .Params.tags }}
<ul class="tags" aria-label="Tags">{{ range . }}
<li class="tag">{{ . }}</li>{{ end }}
</ul>{{ end }}
</header>
{{- if $term }}
<aside class="series-box" aria-labelledby="series-box-title">
<p class="series-box-title" id="series-box-title">Part {{ $pos }} of {{ len $parts }} in <a href="{{ $term.RelPermalink }}">{{ $term.Title }}</a></p>
<ol class="series-parts">{{ range $parts }}{{ if eq . $page }}
<li class="is-current"><span aria-current="page">{{ .Title }}</span></li>{{ else }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}
</ol>
</aside>{{ end }}
<nav class="toc" aria-labelledby="toc-title"><h2 class="toc-title" id="toc-title">Contents</h2>
{{ .TableOfContents }}</nav>
<div class="post-content">
{{ .Content }}
</div>
<section class="post-exercises" aria-labelledby="post-exercises-title">
<h2 id="post-exercises-title">Exercises in this post</h2>
<ul>{{ range .Params.exused }}{{ with site.GetPage (printf "/exercises/%s" .) }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="badge badge-goal">{{ .Params.goal }}</span></li>{{ end }}{{ end }}
</ul>
</section>
</article>
{{- if or $prev $next }}
<nav class="post-nav" aria-label="Series navigation">
{{- with $prev }}<a class="post-nav-prev" rel="prev" href="{{ .RelPermalink }}">← Previous <span class="post-nav-title">{{ .Title }}</span></a>{{ end }}
{{- with $next }}<a class="post-nav-next" rel="next" href="{{ .RelPermalink }}">Next → <span class="post-nav-title">{{ .Title }}</span></a>{{ end }}
</nav>{{ end }}
{{ end }}
"""

HUGO_EXERCISE_SINGLE = """{{ define "title" }}{{ .Title }} – {{ site.Title }}{{ end }}
{{ define "main" }}
<article class="exercise">
<header class="page-header">
<p class="eyebrow"><a href="/exercises/">Exercises</a></p>
<h1>{{ .Title }}</h1>
<ul class="badges"><li class="badge badge-joint">{{ .Params.joint }}</li><li class="badge badge-goal">{{ .Params.goal }}</li></ul>
</header>
<section class="exercise-section"><h2 id="exercise-cues">Cues</h2><ul class="cues">{{ range .Params.cues }}
<li>{{ . }}</li>{{ end }}</ul></section>
<section class="exercise-section"><h2 id="exercise-equipment">Equipment</h2>{{ with .Params.equipment }}<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ else }}<p>No equipment needed.</p>{{ end }}</section>
<div class="post-content exercise-content">
{{ .Content }}
</div>
<section class="exercise-section"><h2 id="exercise-used-in">Used in</h2>
{{- with site.GetPage (printf "/exused/%s" .File.ContentBaseName) }}
<ul class="used-in">{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time class="item-meta">{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}
</ul>{{ else }}<p>Not used in any post yet.</p>{{ end }}
</section>
</article>
{{ end }}
"""

HUGO_EXERCISE_LIST = """{{ define "title" }}Exercises – {{ site.Title }}{{ end }}
{{ define "main" }}
<header class="page-header"><h1>Exercises</h1></header>
{{- range (.Pages.GroupByParam "joint") }}
<section class="exercise-group"><h2>{{ .Key }}</h2>
<ul class="exercise-list">{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="badge badge-goal">{{ .Params.goal }}</span>{{ with site.GetPage (printf "/exused/%s" .File.ContentBaseName) }} <span class="item-meta">in {{ len .Pages }} posts</span>{{ end }}</li>{{ end }}
</ul></section>{{ end }}
{{ end }}
"""

# Card like sitegen's: name, badges, cues, the exercise's own text, "Also in" (up to four other
# posts embedding it, via the exused taxonomy, and a count of the rest) and a link to the exercise page.
HUGO_SHORTCODE = """{{- $id := .Get "id" }}{{ $page := .Page }}
{{- with site.GetPage (printf "/exercises/%s" $id) -}}
<aside class="exercise-card" aria-label="Exercise: {{ .Title }}">
<h3 class="exercise-card-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<ul class="badges"><li class="badge badge-joint">{{ .Params.joint }}</li><li class="badge badge-goal">{{ .Params.goal }}</li></ul>
<ul class="cues">{{ range .Params.cues }}<li>{{ . }}</li>{{ end }}</ul>
{{- with site.GetPage (printf "/exused/%s" $id) }}
{{- /* A Hugo expert's version: look at the first five users only (the page itself is one of the
       term's pages), not a `where` over all of them on every card, which made 10,000 posts
       quadratic: ~1,000 users per exercise x 30,000 cards. */ -}}
{{- $others := slice }}{{ range first 5 .Pages }}{{ if ne . $page }}{{ $others = $others | append . }}{{ end }}{{ end }}
{{- $rest := sub (len .Pages) 5 }}
<p class="also-in">Also in: {{ range first 4 $others }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>, {{ end }}{{ if gt $rest 0 }} and {{ $rest }} more{{ end }}</p>
{{- end }}
<p class="exercise-card-more"><a href="{{ .RelPermalink }}">How to do it →</a></p>
</aside>
{{- else }}{{ errorf "unknown exercise %q" $id }}{{ end -}}
"""

HUGO_HOME = """{{ define "main" }}
<header class="page-header"><h1>{{ site.Title }}</h1><p class="lede">{{ site.Params.description }}</p></header>
{{- range $name, $wp := site.Taxonomies.series }}{{ $parts := $wp.Pages.ByWeight }}
<section class="series-section"><h2>{{ with (index $parts 0).GetTerms "series" }}{{ with index . 0 }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}</h2>
<p class="section-meta">A series in {{ len $parts }} parts</p>
<ol class="part-list">{{ range $parts }}
<li><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p class="item-meta"><time>{{ .Date.Format "2006-01-02" }}</time></p><div class="summary">{{ .Summary }}</div></li>{{ end }}
</ol></section>{{ end }}
{{ end }}
"""

HUGO_SERIES_TERM = """{{ define "title" }}{{ .Title }} – {{ site.Title }}{{ end }}
{{ define "main" }}
<header class="page-header"><p class="eyebrow">Series</p><h1>{{ .Title }}</h1><p class="lede">{{ len .Pages }} parts</p></header>
<ol class="part-list">{{ range .Pages.ByWeight }}
<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p class="item-meta"><time>{{ .Date.Format "2006-01-02" }}</time></p><div class="summary">{{ .Summary }}</div></li>{{ end }}
</ol>
{{ end }}
"""

HUGO_404 = """{{ define "main" }}<div class="not-found"><p class="eyebrow">Error 404</p><h1>Page not found</h1><p><a class="button" href="/">Go to the home page</a></p></div>{{ end }}
"""


# Minimal layouts, the same small work on both sides: a page is its title and content, a list
# page is a list of links, an exercise card is a link to the exercise. What each generator writes
# besides is kept comparable: sitegen's feeds and sitemap (built in) against Hugo's RSS for the home
# page and each series and its sitemap; sitegen also writes a routine page per post and a program
# page per series (tiny here), which Hugo has no equivalent of: that work counts against sitegen.
MIN_BASE = """<!DOCTYPE html>
<html lang="{{ site.language }}"><head><meta charset="utf-8"><title>{% block title %}{{ site.title }}{% endblock title %}</title>{% block head %}{% endblock head %}</head>
<body>{% block content %}{% endblock content %}{% block footer %}{% endblock footer %}</body></html>
"""


def _min(title, content):
    return ('{% extends "base.html" %}{% block title %}' + title + '{% endblock title %}'
            '{% block content %}' + content + '{% endblock content %}\n')


SITEGEN_MINIMAL = {
    "base.html": MIN_BASE,
    "post.html": _min("{{ page.title }}", "<h1>{{ page.title }}</h1><time>{{ page.date }}</time>{{ page.content | safe }}"),
    "page.html": _min("{{ page.title }}", "<h1>{{ page.title }}</h1>{{ page.content | safe }}"),
    "exercise.html": _min("{{ exercise.name }}", "<h1>{{ exercise.name }}</h1>{{ exercise.content | safe }}"),
    "exercises.html": _min("Exercises", "<h1>Exercises</h1><ul>{% for group in groups %}{% for ex in group.exercises %}"
                           "<li><a href=\"{{ ex.url }}\">{{ ex.name }}</a></li>{% endfor %}{% endfor %}</ul>"),
    "index.html": _min("{{ site.title }}", "<ul>{% for s in series_list %}{% for item in s.parts %}"
                       "<li><a href=\"{{ item.url }}\">{{ item.title }}</a></li>{% endfor %}{% endfor %}"
                       "{% for item in posts %}<li><a href=\"{{ item.url }}\">{{ item.title }}</a></li>{% endfor %}</ul>"),
    "series.html": _min("{{ series.name }}", "<h1>{{ series.name }}</h1><ul>{% for item in series.parts %}"
                        "<li><a href=\"{{ item.url }}\">{{ item.title }}</a></li>{% endfor %}</ul>"),
    "tags.html": _min("Tags", "<ul>{% for tag in tags %}<li><a href=\"{{ tag.url }}\">{{ tag.name }}</a></li>{% endfor %}</ul>"),
    "tag.html": _min("{{ tag.name }}", "<h1>{{ tag.name }}</h1><ul>{% for item in tag.posts %}"
                     "<li><a href=\"{{ item.url }}\">{{ item.title }}</a></li>{% endfor %}</ul>"),
    "routine.html": _min("{{ routine.post.title }}", "<h1>{{ routine.post.title }}</h1><p>{{ routine.time }}</p>"),
    "program.html": _min("{{ program.name }}", "<h1>{{ program.name }}</h1><ul>{% for part in program.parts %}"
                         "<li><a href=\"{{ part.post.url }}\">{{ part.post.title }}</a></li>{% endfor %}</ul>"),
    "404.html": _min("Not found", "<h1>Page not found</h1>"),
    "shortcodes/exercise.html": "<a href=\"{{ exercise.url }}\">{{ exercise.name }}</a>",
}

HUGO_MINIMAL_CONFIG = """baseURL = "/"
languageCode = "en"
title = "Bench Site"
buildFuture = true
disableKinds = ["robotsTXT"]
[permalinks]
posts = "/:slug/"
[taxonomies]
series = "series"
tag = "tags"
exused = "exused"
[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]
[markup.highlight]
codeFences = false
"""

_HUGO_MIN_LIST = '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n'
HUGO_MINIMAL = {
    "_default/baseof.html": '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>\n<body>{{ block "main" . }}{{ end }}</body></html>\n',
    "_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>{{ .Content }}{{ end }}\n',
    "_default/list.html": _HUGO_MIN_LIST,
    "series/term.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n',
    "exercises/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n',
    "exused/term.html": "<!DOCTYPE html><title>{{ .Title }}</title>\n",
    "index.html": '{{ define "main" }}<ul>{{ range site.RegularPages }}{{ if eq .Section "posts" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}\n',
    "404.html": '{{ define "main" }}<h1>Page not found</h1>{{ end }}\n',
    "shortcodes/exercise.html": '{{ with site.GetPage (printf "/exercises/%s" (.Get "id")) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}',
}


def write_hugo(out, posts, bodies, exercises, minimal=False):
    reset(out)
    if minimal:
        write(os.path.join(out, "config.toml"), HUGO_MINIMAL_CONFIG)
        for name, text in HUGO_MINIMAL.items():
            write(os.path.join(out, "layouts", name), text)
    else:
        write_hugo_theme(out)
    write_hugo_content(out, posts, bodies, exercises)


def write_hugo_theme(out):
    write(os.path.join(out, "config.toml"), HUGO_CONFIG)
    L = os.path.join(out, "layouts")
    write(os.path.join(L, "_default", "baseof.html"), HUGO_BASEOF)
    write(os.path.join(L, "_default", "single.html"), HUGO_POST_SINGLE)
    write(os.path.join(L, "_default", "list.html"), HUGO_SERIES_TERM)
    write(os.path.join(L, "posts", "single.html"), HUGO_POST_SINGLE)
    write(os.path.join(L, "exercises", "single.html"), HUGO_EXERCISE_SINGLE)
    write(os.path.join(L, "exercises", "list.html"), HUGO_EXERCISE_LIST)
    write(os.path.join(L, "series", "term.html"), HUGO_SERIES_TERM)
    # The exused taxonomy is only an index for "Also in"/"Used in"; its term pages are tiny.
    write(os.path.join(L, "exused", "term.html"), "<!DOCTYPE html><title>{{ .Title }}</title>\n")
    write(os.path.join(L, "index.html"), HUGO_HOME)
    write(os.path.join(L, "404.html"), HUGO_404)
    write(os.path.join(L, "shortcodes", "exercise.html"), HUGO_SHORTCODE)
    css = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "theme", "style.css")
    if os.path.exists(css):
        os.makedirs(os.path.join(out, "static"), exist_ok=True)
        shutil.copy(css, os.path.join(out, "static", "style.css"))


def write_hugo_content(out, posts, bodies, exercises):
    C = os.path.join(out, "content")
    write(os.path.join(C, "exercises", "_index.md"), '+++\ntitle = "Exercises"\n+++\n')
    # sitegen has no page listing every post: do not render Hugo's /posts/ section page.
    write(os.path.join(C, "posts", "_index.md"), '+++\ntitle = "Posts"\n[_build]\nrender = "never"\nlist = "always"\n+++\n')
    for x in exercises:
        fm = (f'+++\ntitle = {toml_str(x["name"])}\njoint = {toml_str(x["joint"])}\ngoal = {toml_str(x["goal"])}\n'
              f'cues = {toml_list(x["cues"])}\nequipment = {toml_list(x["equipment"])}\n+++\n\n')
        write(os.path.join(C, "exercises", f'{x["id"]}.md'), fm + "\n\n".join(x["body"]) + "\n")
    for p, (blocks, used) in zip(posts, bodies):
        fm = [f'title = {toml_str(p["title"])}', f'date = {p["date"]}', f'slug = {toml_str(p["slug"])}',
              f'series = [{toml_str(p["series"])}]', f'weight = {p["weight"]}', f'tags = {toml_list(p["tags"])}',
              f'exused = {toml_list(used)}']
        if p["summary"]:
            fm.append(f'summary = {toml_str(p["summary"])}')
        write(os.path.join(C, "posts", f'{p["slug"]}.md'),
              "+++\n" + "\n".join(fm) + "\n+++\n\n" + render_blocks(blocks, posts, True))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--hugo", metavar="OUT_HUGO")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--minimal", action="store_true", help="minimal layouts doing the same work on both sides")
    a = ap.parse_args()
    generate(a.n, a.out, a.hugo, a.seed, a.minimal)


if __name__ == "__main__":
    main()
