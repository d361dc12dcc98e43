"""Site-wide settings and the abstract base page every story type builds on."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from dateline.core import routing
from dateline.core.prepared import MARKER, PreparedQuery, prepared
from dateline.core.renditions import page_images


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    tagline = models.CharField(
        _("tagline"),
        max_length=120,
        blank=True,
        default="News & Analysis",
        help_text=_("Shown under the site name in the header, e.g. 'News & Analysis'."),
    )
    dateline_prefix = models.CharField(
        _("dateline prefix"),
        max_length=40,
        blank=True,
        default="Dateline",
        help_text=_(
            "Printed, followed by a dash, before the first paragraph of every article "
            "(e.g. 'Dateline' gives 'Dateline- ...'). Leave blank for none."
        ),
    )

    panels = [FieldPanel("tagline"), FieldPanel("dateline_prefix")]

    class Meta:
        verbose_name = _("site settings")


class BasePage(Page):
    """Fields and behaviour shared by every reader-facing page type."""

    summary = models.TextField(
        _("summary"),
        max_length=400,
        blank=True,
        help_text=_(
            "One or two plain sentences shown on cards, in search results and in link "
            "previews. At most 400 characters."
        ),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page and on cards. Give it alt text in the library."),
    )

    promote_panels = [
        MultiFieldPanel(Page.promote_panels, _("Common page configuration")),
    ]

    class Meta:
        abstract = True

    @property
    def meta_description(self) -> str:
        return self.search_description or self.summary

    def structured_data(self, request) -> list[dict]:
        """schema.org objects describing this page, printed as JSON-LD in the ``<head>``.

        Page types add their own (ArticlePage a NewsArticle, HomePage the publisher);
        ``dateline/syndication`` adds the BreadcrumbList every page below the home gets.
        """
        return []

    def images_to_prepare(self) -> list:
        """The images whose renditions are made ahead of time when this page is published
        (``core/renditions.py``): every image its fields, StreamFields and orderables point
        to. A page type that shows other pictures extends the list."""
        return page_images(self)

    def page_cache_tags(self) -> list[str]:
        """What a cached response of this page depends on (``core/page_cache.py``): the page,
        what is filed under it, and its siblings (a story shows the previous and next one).
        Types that show more add to it."""
        return [f"page:{self.pk}", f"children:{self.path}", f"children:{parent_path(self)}"]

    def page_cache_purge_tags(self) -> list[str]:
        """What publishing, unpublishing, moving or deleting this page changes (``core/
        cache_purge.py``): the page, its parent's listing, its edition's front page, the
        pages of its tags; and, near the root, the menu on every page."""
        tags = [f"page:{self.pk}", f"children:{parent_path(self)}", f"edition:{edition_path(self)}"]
        if self.depth <= 3:
            tags.append("site")
        manager = getattr(self, "tags", None)
        if manager is not None:
            tags += [f"tag:{tag.slug}" for tag in manager.all()]
        return tags


def parent_path(page: Page) -> str:
    """The tree path of ``page``'s parent, without a query."""
    return page.path[: -page.steplen]


def edition_path(page: Page) -> str:
    """The tree path of the edition's home page (depth 2) above ``page``, without a query."""
    return page.path[: 2 * page.steplen]


class TypedChildRouteMixin:
    """Route to a child page in one query when the child's type is known.

    Wagtail's ``Page.route`` fetches the child as a plain ``Page`` and then its
    ``.specific`` object (two queries a level). A parent whose children are
    (mostly) one type names it in ``child_page_model`` and gets the specific
    page, with ``child_select_related``, in one query; other child types still
    route through Wagtail's generic path. For an anonymous reader, a child at the
    top of the tree (a section) and the parent's translation come from the cached
    tree (``core/routing.py``): no query.
    """

    child_page_model: str = ""
    child_select_related: tuple[str, ...] = ()

    def child_queryset(self, model):
        """The children ``route`` looks in; a parent may annotate what their pages show."""
        return model.objects.child_of(self).select_related(*self.child_select_related)

    @property
    def localized(self):
        tree = routing.current()
        return super().localized if tree is None else tree.localized(self)

    def child_by_slug(self, model, slug: str):
        """The child ``slug`` of type ``model``, from ``child_queryset``, whose SQL is
        built once per parent and process (``core/prepared.py``)."""
        query = prepared(
            ("child", type(self), model, self.pk, self.path, self.depth),
            lambda: PreparedQuery(self.child_queryset(model).filter(slug=MARKER)[:1]),
        )
        return query.first(slug)

    def route(self, request, path_components):
        tree = routing.current()
        if path_components and tree is not None:
            child = tree.child(self, path_components[0])
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        if path_components and self.child_page_model:
            from django.apps import apps

            child = self.child_by_slug(apps.get_model(self.child_page_model), path_components[0])
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)
