"""Site-wide settings and the abstract base page every story type builds on."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page


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


class TypedChildRouteMixin:
    """Route to a child page in one query when the child's type is known.

    Wagtail's ``Page.route`` fetches the child as a plain ``Page`` and then its
    ``.specific`` object (two queries a level). A parent whose children are
    (mostly) one type names it in ``child_page_model`` and gets the specific
    page, with ``child_select_related``, in one query; other child types still
    route through Wagtail's generic path.
    """

    child_page_model: str = ""
    child_select_related: tuple[str, ...] = ()

    def route(self, request, path_components):
        if path_components and self.child_page_model:
            from django.apps import apps

            model = apps.get_model(self.child_page_model)
            child = (
                model.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related(*self.child_select_related)
                .first()
            )
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)
