"""Demo Editor's Choice: a site-wide list and the Analysis section's own list."""

from __future__ import annotations

import random
from datetime import datetime

from django.db import transaction

from dateline.curation.models import Pick, PickList
from dateline.news.models import ArticlePage, HomePage, SectionPage

SITE_WIDE_PICKS = 6
SECTION_SLUG = "analysis"
SECTION_SOURCES = ("analysis", "opinion", "interviews")  # where its longer reads come from
SECTION_PICKS = 3


@transaction.atomic
def demo_picks(*, home: HomePage, seed: int, now: datetime) -> dict:
    """Pick demo stories deterministically for ``seed``; ``now`` is unused (no expiries).

    The site-wide list takes one story from each of the first six sections (never the
    front page's lead, the newest story), the first with its headline rewritten. The
    Analysis section gets three longer reads of its own. Stories are chosen, as editors
    would, from what was published; expiries are left out so the demo does not decay.
    """
    rng = random.Random(seed)  # noqa: S311 - invented demo content, not security
    sections = list(SectionPage.objects.child_of(home).order_by("path"))
    stories = list(ArticlePage.objects.live().descendant_of(home).order_by("path"))
    lead = max(stories, key=lambda story: (story.date, story.pk), default=None)
    by_section = {
        section.slug: [s for s in stories if s.path.startswith(section.path) and s != lead]
        for section in sections
    }

    chosen = [rng.choice(by_section[s.slug]) for s in sections if by_section[s.slug]]
    site_wide = [Pick(page=story) for story in chosen[:SITE_WIDE_PICKS]]
    if site_wide:
        site_wide[0].headline = f"Editor's pick: {site_wide[0].page.title}"
    PickList(locale=home.locale, picks=_ordered(site_wide)).save()

    section = next((s for s in sections if s.slug == SECTION_SLUG), None)
    pool = [story for source in SECTION_SOURCES for story in by_section.get(source, [])]
    reads = rng.sample(pool, min(SECTION_PICKS, len(pool))) if section is not None else []
    if reads:
        picks = _ordered(Pick(page=story) for story in reads)
        PickList(locale=home.locale, section=section, picks=picks).save()
    return {"site_wide": len(site_wide), "section": len(reads)}


def demo_edition_picks(*, home: HomePage, stories: list, count: int = 3) -> int:
    """A smaller edition's site-wide list: its newest stories after the front page's lead."""
    newest = sorted(stories, key=lambda story: (story.date, story.pk), reverse=True)
    chosen = newest[1 : count + 1]
    PickList(locale=home.locale, picks=_ordered(Pick(page=story) for story in chosen)).save()
    return len(chosen)


def _ordered(picks) -> list[Pick]:
    picks = list(picks)
    for order, pick in enumerate(picks):
        pick.sort_order = order
    return picks
