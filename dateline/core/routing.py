"""The top of the page tree, kept in the cache, so that routing a reader to a story asks
the database for the story alone.

On every request Wagtail's ``serve`` looks up the site (``Site.find_for_request``), the
active locale, the root page and its translation, then each page down the path, and the
story's view restrictions: six queries before the story is rendered. Sites, locales, the
editions and sections (the routing parents at depth 2 and 3) and the paths under a view
restriction are few and rarely change, so ``RoutingMiddleware`` reads them from one cache entry; the
entry's key carries the generation of the ``routing`` page-cache tag
(``core/page_cache.py``), which ``core/signal_handlers.py`` invalidates when a site,
locale, view restriction or one of those pages changes (a save, a move, a deletion), or
an alias is made.

The cached tree serves anonymous ``GET`` and ``HEAD`` requests only: editors (and the
previews they open, which Wagtail renders without routing) always read the database.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.db.models import Q
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from dateline.core import page_cache

ROUTING_TAG = "routing"
PREFIX = "core:routing:v1"  # a new version when Tree changes shape (pickled entries)
TIMEOUT = 24 * 3600
TOP_DEPTH = 3  # editions (2) and their sections and indexes (3)

_current: ContextVar[Tree | None] = ContextVar("dateline_routing_tree", default=None)


@dataclass
class Tree:
    sites: list[Site]
    locales: dict[str, int]  # language code -> locale id
    pages: dict[int, Page] = field(default_factory=dict)  # routing parents, depth <= 3
    restricted: tuple[str, ...] = ()  # paths under a view restriction, directly or by alias

    def site_for(self, hostname: str, port: int) -> Site | None:
        """Wagtail's ``get_site_for_hostname`` on the cached sites, with the site's root
        page attached (no query for ``site.root_page``)."""

        def rank(site: Site) -> int:
            if site.hostname == hostname and site.port == port:
                return 0
            if site.hostname == hostname and site.is_default_site:
                return 1
            return 2 if site.is_default_site else 3

        sites = sorted(
            (s for s in self.sites if s.hostname == hostname or s.is_default_site), key=rank
        )
        if not sites:
            return None
        if len(sites) == 1 or rank(sites[0]) in (0, 1):
            site = sites[0]
        else:  # the default, unless exactly one other site has the hostname
            site = sites[len(sites) == 2]
        root = self.pages.get(site.root_page_id)
        if root is not None:
            Site.root_page.field.set_cached_value(site, root)
        return site

    def localized(self, page: Page) -> Page:
        """``page.localized`` (Wagtail's ``TranslatableMixin``) for a page of the tree's top:
        its live translation in the active language, or ``page`` itself."""
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return page
        locale_id = self._active_locale_id()
        if locale_id is None or locale_id == page.locale_id:
            return page
        for other in self.pages.values():
            if other.translation_key == page.translation_key and other.locale_id == locale_id:
                return other if other.live else page
        return page

    def _active_locale_id(self) -> int | None:
        # Locale.get_active(): the active language, else the default one
        for language in (translation.get_language(), settings.LANGUAGE_CODE):
            try:
                code = get_supported_content_language_variant(language)
            except LookupError:
                continue
            if code in self.locales:
                return self.locales[code]
        return None

    def child(self, parent: Page, slug: str) -> Page | None:
        """The child of ``parent`` with ``slug``, when it is a page of the tree's top."""
        if parent.depth >= TOP_DEPTH:
            return None
        for page in self.pages.values():
            if (
                page.depth == parent.depth + 1
                and page.slug == slug
                and page.path.startswith(parent.path)
            ):
                return page
        return None

    def may_be_restricted(self, path: str) -> bool:
        return any(path.startswith(restricted) for restricted in self.restricted)


def _parent_models() -> list:
    """The page types that route to their children (``TypedChildRouteMixin``): editions
    and sections. Other pages of the top (indexes) route through Wagtail's queries."""
    from dateline.core.models import TypedChildRouteMixin

    return [
        model
        for model in apps.get_models()
        if issubclass(model, TypedChildRouteMixin) and issubclass(model, Page)
    ]


def _load() -> Tree:
    """Five queries or so, whatever the size of the archive: sites, locales, restricted
    paths, one per parent page type."""
    restricted = Page.objects.filter(
        Q(view_restrictions__isnull=False) | Q(alias_of__view_restrictions__isnull=False)
    ).values_list("path", flat=True)
    pages = {}
    for model in _parent_models():
        pages.update((page.pk, page) for page in model.objects.filter(depth__lte=TOP_DEPTH))
    return Tree(
        sites=list(Site.objects.all()),
        locales=dict(Locale.objects.values_list("language_code", "id")),
        pages=pages,
        restricted=tuple(sorted(set(restricted))),
    )


def tree_get() -> Tree:
    """The cached tree's top, loaded again after the ``routing`` tag was invalidated."""
    generation = page_cache.generations([ROUTING_TAG])[ROUTING_TAG]
    key = f"{PREFIX}:{generation}"
    tree = cache.get(key)
    if tree is None:
        tree = _load()
        cache.set(key, tree, TIMEOUT)
    return tree


def current() -> Tree | None:
    """The tree of the request being served, or None (editors, scripts, tests outside a
    request): callers then ask the database."""
    return _current.get()


def routing_changed() -> None:
    """A site, locale, view restriction or page of the tree's top changed."""
    page_cache.page_cache_invalidate(ROUTING_TAG)


class RoutingMiddleware:
    """Answers Wagtail's site, locale, tree and view-restriction lookups of anonymous
    readers from the cached tree (see the module docstring). After the authentication
    middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return self.get_response(request)
        try:
            tree = tree_get()
        except (OperationalError, InterfaceError):
            # the database unreachable: the view fails too, and the page cache
            # middleware answers that with a 503 to retry (cache_middleware.py)
            return self.get_response(request)
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = tree.site_for(hostname, request.get_port())
        token = _current.set(tree)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
