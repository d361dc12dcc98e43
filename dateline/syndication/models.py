"""Per-site settings for feeds and the publisher shown to search engines."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="link-external")
class SyndicationSettings(BaseSiteSetting):
    full_text_feeds = models.BooleanField(
        _("full text in feeds"),
        default=False,
        help_text=_(
            "Tick to put each story's whole text in the RSS and Atom feeds. Untick to send "
            "only the summary, so readers come to the site for the rest."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("publisher logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The newsroom's logo that search engines show beside its stories, at least "
            "112×112 pixels. Leave empty to use Dateline's built-in logo."
        ),
    )

    panels = [FieldPanel("full_text_feeds"), FieldPanel("logo")]

    class Meta:
        verbose_name = _("feeds and search engines")
