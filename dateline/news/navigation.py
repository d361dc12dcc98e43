"""The sections menu, cached per edition until the page tree's sections change."""

from __future__ import annotations

import time
from urllib.parse import quote

from django.core.cache import cache
from django.urls import reverse
from wagtail.models import Page

MENU_VERSION_KEY = "news:menu-version"
MENU_TIMEOUT = 24 * 3600
MENU_DEPTH = 3  # the tree root is 1, an edition's home 2, its sections 3


def edition_url(path: str = "") -> str:
    """A URL under the current language's edition root ("/" for English, "/ar/" ...)."""
    return reverse("wagtail_serve", args=("",)) + path


def tag_url(slug: str) -> str:
    return edition_url(f"tags/{quote(slug)}/")


def author_url(slug: str) -> str:
    return edition_url(f"authors/{quote(slug)}/")


def menu_invalidate() -> None:
    cache.set(MENU_VERSION_KEY, time.time_ns(), None)


def menu_changed_by(page) -> bool:
    """Only the edition's home and its direct children (sections, In Focus, ...) are in the menu."""
    return page.depth <= MENU_DEPTH


def sections_menu(home_path: str) -> list[dict]:
    """Title, URL and path of each live in-menu page under the edition's home, in tree order."""
    version = cache.get_or_set(MENU_VERSION_KEY, time.time_ns, None)
    key = f"news:menu:{home_path}:{version}"
    menu = cache.get(key)
    if menu is None:
        sections = (
            Page.objects.live()
            .in_menu()
            .filter(path__startswith=home_path, depth=len(home_path) // Page.steplen + 1)
            .order_by("path")
        )
        menu = [{"title": s.title, "url": s.url, "path": s.path} for s in sections]
        cache.set(key, menu, MENU_TIMEOUT)
    return menu
