"""The sections menu, cached per edition until the page tree's sections change."""

from __future__ import annotations

import time
from urllib.parse import quote

from django.apps import apps
from django.core.cache import cache
from django.urls import reverse

MENU_VERSION_KEY = "news:menu-version"
MENU_TIMEOUT = 24 * 3600


def edition_url(path: str = "") -> str:
    """A URL under the current language's edition root ("/" for English, "/ar/" ...)."""
    return reverse("wagtail_serve", args=("",)) + path


def tag_url(slug: str) -> str:
    return edition_url(f"tags/{quote(slug)}/")


def author_url(slug: str) -> str:
    return edition_url(f"authors/{quote(slug)}/")


def menu_invalidate() -> None:
    cache.set(MENU_VERSION_KEY, time.time_ns(), None)


def sections_menu(home_path: str) -> list[dict]:
    """Title, URL and path of each live in-menu section under the edition's home."""
    version = cache.get_or_set(MENU_VERSION_KEY, time.time_ns, None)
    key = f"news:menu:{home_path}:{version}"
    menu = cache.get(key)
    if menu is None:
        sections = (
            apps.get_model("news", "SectionPage")
            .objects.live()
            .in_menu()
            .filter(path__startswith=home_path, depth=len(home_path) // 4 + 1)
            .order_by("path")
        )
        menu = [{"title": s.title, "url": s.url, "path": s.path} for s in sections]
        cache.set(key, menu, MENU_TIMEOUT)
    return menu
