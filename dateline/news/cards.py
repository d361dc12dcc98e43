"""Story cards (includes/card.html) as finished HTML, cached per story, language and look.

Every story shows four related stories, and they are drawn from the few hundred most
recently tagged: the same cards are rendered again and again, on pages that are each
rendered once. A card is kept as a story fragment (news/fragments.py) that depends on
its story's page-cache tag, ``page:<pk>``, which publishing, withdrawing or moving the
story, or moderating its comments (the count the card shows), invalidates.

``cards_current`` reads the current cards of many stories in two cache reads, so a page
can leave out of its query the stories whose cards it already has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from dateline.news import fragments

TEMPLATE = "includes/card.html"


def look(*, level: int = 3, compact: bool = False, large: bool = False) -> str:
    """The options that change a card's markup, as part of its cache name."""
    return f"{int(level)}{'c' if compact else ''}{'l' if large else ''}"


# The related stories under an article (news/article_page.html)
RELATED = {"level": 3, "compact": True}
RELATED_LOOK = look(**RELATED)


@dataclass(frozen=True)
class CachedCard:
    """A story's card from the cache, standing in for the story in a list of cards."""

    pk: int
    html: SafeString


def _name(pk: int, card_look: str) -> str:
    return f"card:{card_look}:{pk}"


def _depends(pk: int) -> list[str]:
    return [f"page:{pk}"]


def card_html(pk: int, card_look: str, render: Callable[[], str]) -> SafeString:
    """The card of story ``pk``: from the cache while current, else ``render()``'s."""
    html = fragments.fragment_html(_name(pk, card_look), depends=_depends(pk), render=render)
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escaped it


def cards_current(pks: Iterable[int], card_look: str) -> dict[int, CachedCard]:
    """The cached, current cards of the stories ``pks`` (two cache reads)."""
    names = {_name(pk, card_look): pk for pk in pks}
    found = fragments.fragments_current(names)
    return {
        names[name]: CachedCard(names[name], mark_safe(html))  # noqa: S308 - as card_html
        for name, html in found.items()
    }
