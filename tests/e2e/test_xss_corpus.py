"""The OWASP XSS filter evasion corpus, through every reader and editor text, runs nowhere.

Each vector in ``data/xss_vectors.txt`` goes into every reader-facing input (comment name,
e-mail and text, the search query, the view beacon) and every editor text that reaches
a public page (titles, kickers, summaries, rich text as Draftail sends it, headings, pull
quotes, captions and credits, author names, roles and biographies, tag names, In Focus
titles, descriptions and other names, gallery captions, map feature names and notes).
Rich text is also stored raw, as an import or the API could store it without Draftail:
each vector as a paragraph of its own, and all of them in one In Focus background.
The pages are then opened in Chromium with the Content-Security-Policy *bypassed*, so
only the escaping stands between a vector and its execution, and with a sink that records
any ``alert``/``confirm``/``prompt``/``print`` call and any dialog. After each load the
DOM is searched for what a vector would have injected: event-handler attributes, foreign
scripts, script-scheme URLs, frames, objects, ``<base>`` and ``<meta http-equiv>``.

Many vectors share one page (one article carries every vector in every block type;
comments are stored approved in bulk), so the whole corpus takes a handful of loads.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest

from dateline.comments.models import Comment
from dateline.maps.tests.factories import FactionFactory, MapPageFactory, event
from dateline.multimedia.tests.factories import GalleryPageFactory, MultimediaIndexPageFactory
from dateline.news.blocks import BodyBlock
from dateline.news.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
)
from dateline.search.forms import MAX_QUERY_LENGTH
from dateline.topics.tests.factories import TopicIndexPageFactory, TopicPageFactory, file_under

pytestmark = pytest.mark.browser

VECTORS = [
    line
    for line in (Path(__file__).parent / "data" / "xss_vectors.txt").read_text().splitlines()
    if line.strip() and not line.startswith("# ")
]

SINK = """
window.__xss = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__xss.push(name + ":" + String(args[0])); };
}
"""

# Everything a vector could have left in the DOM that the site's own markup never has.
INJECTED = """
() => {
  const found = [];
  const scriptScheme = /^(javascript|vbscript|data|livescript):/i;
  const urlAttrs = ["href", "src", "action", "formaction", "data", "xlink:href",
                    "background", "dynsrc", "lowsrc", "poster", "srcset"];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on") || name === "srcdoc") found.push(`${el.tagName} ${name}`);
      if (urlAttrs.includes(name)) {
        const url = attr.value.replace(/^[\\u0000-\\u0020]+/, "").replace(/[\\t\\n\\r]/g, "");
        if (scriptScheme.test(url)) found.push(`${el.tagName} ${name}=${attr.value.slice(0, 50)}`);
      }
    }
  }
  const hostile = "iframe, frame, frameset, object, embed, applet, base, meta[http-equiv], " +
                  "xss, isindex, keygen, bgsound, marquee, link[rel=stylesheet][href*='xss']";
  for (const el of document.querySelectorAll(hostile)) found.push(`<${el.tagName}>`);
  for (const s of document.scripts) {
    if (s.type === "application/ld+json" || s.type === "application/json") {
      try { JSON.parse(s.textContent); } catch (e) { found.push("broken JSON-LD"); }
    } else if (!s.src || new URL(s.src).origin !== location.origin) {
      found.push(`script ${s.src || s.textContent.slice(0, 50)}`);
    }
  }
  return found;
}
"""


def packed(limit: int, *, sep: str = " ") -> list[str]:
    """All vectors, packed into as few strings of at most ``limit`` characters as fit."""
    out, current = [], ""
    for vector in VECTORS:
        vector = vector[:limit]
        if current and len(current) + len(sep) + len(vector) > limit:
            out.append(current)
            current = ""
        current = f"{current}{sep}{vector}" if current else vector
    return [*out, current]


def rich_text(text: str) -> str:
    """A paragraph as the editor (Draftail) submits it, stored as Wagtail stores it."""
    block = BodyBlock().child_blocks["paragraph"]
    contentstate = {
        "blocks": [{"key": "k", "type": "unstyled", "text": text, "depth": 0,
                    "inlineStyleRanges": [], "entityRanges": []}],
        "entityMap": {},
    }  # fmt: skip
    return block.field.widget.value_from_datadict({"p": json.dumps(contentstate)}, {}, "p")


def build_site() -> dict[str, str]:
    """Every vector in every editor and reader text; returns the URLs to open."""
    home = home_page()
    section = SectionPageFactory(parent=home, title="Politics", slug="politics")
    picture = ImageFactory()
    # the biography is a text column (every vector in one); names and roles are not
    authors = [
        AuthorFactory(name=name, role=role, bio=" ".join(VECTORS), slug=f"author-{n}")
        for n, (name, role) in enumerate(zip(packed(120), packed(120), strict=True))
    ]
    body = []
    for vector in VECTORS:
        body += [
            {"type": "paragraph", "value": rich_text(vector)},
            {"type": "paragraph", "value": vector},  # stored raw (dateline/core/richtext.py)
            {"type": "heading", "value": {"text": vector, "level": "h2"}},
            {"type": "pull_quote", "value": {"quote": vector, "attribution": vector}},
            {"type": "image", "value": {"image": picture.pk, "caption": vector, "credit": vector}},
        ]
    titles, kickers = packed(255), packed(80)
    article = ArticlePageFactory(
        parent=section,
        slug="corpus",
        title=titles[0],
        kicker=kickers[0],
        summary=" ".join(VECTORS),
        image=picture,
        image_caption=packed(300)[0],
        image_credit=packed(120)[0],
        body=body,
        tags=packed(100),
        authors=authors,
    )
    for n, title in enumerate(titles[1:], start=1):
        ArticlePageFactory(
            parent=section, title=title, kicker=kickers[n % len(kickers)], summary=title
        )
    topics = TopicIndexPageFactory(parent=home)
    # the background is rich text (every vector in one); descriptions hold 500 characters
    for n, description in enumerate(packed(500)):
        topic = TopicPageFactory(
            parent=topics,
            title=titles[n % len(titles)],
            slug=f"topic-{n}",
            description=description,
            background=(
                "".join(rich_text(vector) for vector in VECTORS)
                if n == 0
                else "".join(VECTORS)  # stored raw
                if n == 1
                else ""
            ),
            aliases=packed(120) if n == 0 else (),
        )
        file_under(article, topic)
    multimedia = MultimediaIndexPageFactory(parent=home)
    gallery = GalleryPageFactory(parent=multimedia, title=titles[0], slug="gallery", photos=[])
    gallery.photos = []
    for n, vector in enumerate(VECTORS):
        gallery.photos.add(
            gallery.photos.model(
                image=picture, caption=vector[:400], credit=vector[:120], sort_order=n
            )  # fmt: skip
        )
    gallery.save_revision().publish()
    faction = FactionFactory(name=packed(120)[0])
    war_map = MapPageFactory(
        parent=multimedia,
        title=titles[0],
        slug="map",
        features=[
            event(vector[:120], date(2025, 3, 1 + n % 20), description=vector[:500])
            for n, vector in enumerate(VECTORS)
        ],
    )
    faction.save()
    Comment.objects.bulk_create(
        Comment(
            page=article,
            name=vector[:80],
            email=vector[:254],
            text=vector,
            status=Comment.Status.APPROVED,
        )  # fmt: skip
        for vector in VECTORS
    )
    tag_slug = article.tags.first().slug
    return {
        "article": article.url,
        "section": section.url,
        "home": "/",
        "tag": f"/tags/{quote(tag_slug)}/",
        "author": f"/authors/{authors[0].slug}/",
        "topic": topics.get_children().live().order_by("path").first().url,
        "topic with raw rich text": topics.get_children().live().order_by("path")[1].url,
        "topics": topics.url,
        "gallery": gallery.url,
        "map": war_map.url,
        "multimedia": multimedia.url,
        "search": "/search/?q=" + quote("XSS"),
    }


def search_urls() -> list[str]:
    """The search page shows the first MAX_QUERY_LENGTH characters of the query in its
    heading and the whole query in its search box: four lengths' worth per load."""
    return [f"/search/?q={quote(q)}" for q in packed(MAX_QUERY_LENGTH * 4)]


def test_no_vector_runs_or_leaves_markup_on_any_public_page(live_site, new_context, client):
    urls = build_site()
    context = new_context(bypass_csp=True)
    if context is None:
        return
    context.add_init_script(SINK)
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    problems = {}
    for name, path in [*urls.items(), *((f"search {n}", u) for n, u in enumerate(search_urls()))]:
        response = tab.goto(live_site.url + path, wait_until="load")
        assert response is not None and response.status == 200, (name, path, response)
        tab.wait_for_timeout(50)  # let onload/onerror handlers of broken images fire
        ran = tab.evaluate("window.__xss")
        injected = tab.evaluate(INJECTED)
        if ran or injected:
            problems[name] = {"ran": ran, "injected": injected[:10]}

    assert not dialogs, dialogs
    assert problems == {}
    # the corpus really reached the pages, escaped: the article shows every vector's text
    tab.goto(live_site.url + urls["article"])
    text = tab.locator("main").inner_text()
    assert "<script>alert('XSS')</script>" in text
    assert "<svg/onload=alert('XSS')>" in text


def test_the_beacon_echoes_nothing_of_what_it_is_sent(live_site, client):
    for vector in VECTORS:
        for fields in ({"page": vector, "sig": vector}, {"page": "1", "sig": vector}):
            response = client.post("/_views/", fields)
            assert response.status_code in {204, 400, 403}
            assert vector.encode() not in response.content
        response = client.get("/_views/pixel.gif", {"page": vector, "sig": vector})
        assert response.status_code in {400, 403}
        assert vector.encode() not in response.content
